//! The log of provider requests that tests read back through
//! `GET /__emulator/requests`, e.g. to check that a PATCH carried only the
//! fields it was given or that no request was sent at all.

use std::collections::{BTreeMap, VecDeque};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use crate::provider::{self, PROVIDERS};
use crate::state::AppState;

/// Headers whose values are credentials for any provider; each provider's
/// own (Cloudflare's keys) come from the table. Their presence still shows.
const REDACTED_HEADERS: &[&str] = &["authorization", "cookie"];
const REDACTED: &str = "[redacted]";
/// A benchmark can send tens of thousands of requests; keep memory bounded.
const CAPACITY: usize = 10_000;
pub const MAX_BODY_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Serialize)]
pub struct RecordedRequest {
    method: String,
    path: String,
    query: String,
    headers: BTreeMap<String, String>,
    body: Value,
}

impl RecordedRequest {
    fn new(parts: &Parts, body: &[u8]) -> Self {
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in &parts.headers {
            let name = name.as_str();
            let value = if is_secret(name) {
                REDACTED.to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            headers
                .entry(name.to_owned())
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert(value);
        }
        Self {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
            headers,
            body: serde_json::from_slice(body).unwrap_or(Value::Null),
        }
    }
}

fn is_secret(name: &str) -> bool {
    REDACTED_HEADERS.contains(&name)
        || PROVIDERS
            .iter()
            .any(|provider| provider.secret_headers().contains(&name))
}

#[derive(Debug, Default)]
pub struct Journal {
    entries: VecDeque<RecordedRequest>,
}

impl Journal {
    fn push(&mut self, entry: RecordedRequest) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub fn entries(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Records every provider request, including ones a fault will answer, since
/// a retry test needs to count the attempts the library made.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return provider::error_for_path(
            parts.uri.path(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request body is too large",
        );
    };
    state.with(|store| store.journal.push(RecordedRequest::new(&parts, &bytes)));
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_redacted_and_bodies_parsed() {
        let request = axum::http::Request::post("/v1/oauth_applications?limit=2")
            .header("Authorization", "Bearer sk_test_emulator")
            .header("X-Auth-Key", "k")
            .header("Content-Type", "application/json")
            .body(())
            .expect("request");
        let (parts, ()) = request.into_parts();
        let entry = RecordedRequest::new(&parts, br#"{"name":"x"}"#);
        assert_eq!(entry.headers["authorization"], REDACTED);
        assert_eq!(entry.headers["x-auth-key"], REDACTED);
        assert!(is_secret("x-auth-user-service-key") && is_secret("cookie"));
        assert_eq!(entry.headers["content-type"], "application/json");
        assert_eq!(entry.query, "limit=2");
        assert_eq!(entry.body, serde_json::json!({"name": "x"}));
        assert_eq!(RecordedRequest::new(&parts, b"").body, Value::Null);
    }

    #[test]
    fn capacity_is_bounded() {
        let (parts, ()) = axum::http::Request::get("/v1/x")
            .body(())
            .expect("request")
            .into_parts();
        let mut journal = Journal::default();
        for _ in 0..CAPACITY + 5 {
            journal.push(RecordedRequest::new(&parts, b""));
        }
        assert_eq!(journal.entries().len(), CAPACITY);
    }
}
