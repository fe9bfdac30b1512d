//! Injected failures and latency for provider routes, queued by tests through
//! `POST /__emulator/faults`.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::provider;
use crate::state::AppState;

/// Long enough for any timeout test, short enough that a typo cannot hang CI.
const MAX_LATENCY_MS: u64 = 120_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    /// Matched as a prefix of the request path.
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    /// Without a status the fault only delays the real answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    /// Sent verbatim so tests can use both delta-seconds and HTTP dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_after: Option<String>,
    /// Matching requests still to be affected.
    #[serde(default = "one")]
    count: u32,
    #[serde(default)]
    latency_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<Value>,
    /// Cut the connection: the answer declares more body than it sends, so the client
    /// sees the connection end mid-response (after the request may have been handled).
    #[serde(default)]
    drop_connection: bool,
}

fn one() -> u32 {
    1
}

impl Fault {
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let fault: Self = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
        if !fault.path.starts_with('/') {
            return Err("path must start with '/'".into());
        }
        if let Some(status) = fault.status {
            if !(200..=599).contains(&status) {
                return Err("status must be between 200 and 599".into());
            }
        }
        if let Some(retry_after) = &fault.retry_after {
            HeaderValue::from_str(retry_after)
                .map_err(|_| "retryAfter is not a valid header value".to_owned())?;
        }
        if fault.count == 0 {
            return Err("count must be at least 1".into());
        }
        if fault.latency_ms > MAX_LATENCY_MS {
            return Err(format!("latencyMs must be at most {MAX_LATENCY_MS}"));
        }
        Ok(fault)
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        path.starts_with(&self.path)
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }

    fn response(&self, status: StatusCode, path: &str) -> Response {
        let mut response = match &self.body {
            // A string is the body text itself (plain text, an HTML error page).
            Some(Value::String(text)) => {
                let kind = if text.trim_start().starts_with('<') {
                    "text/html"
                } else {
                    "text/plain"
                };
                (status, [(CONTENT_TYPE, kind)], Body::from(text.clone())).into_response()
            }
            Some(body) => (
                status,
                [(CONTENT_TYPE, "application/json")],
                Body::from(body.to_string()),
            )
                .into_response(),
            None => {
                let message = status.canonical_reason().unwrap_or("Injected fault");
                provider::error_for_path(path, status, message)
            }
        };
        if let Some(value) = self
            .retry_after
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        response
    }
}

/// Faults in the order they were queued; the first match wins.
#[derive(Debug, Default)]
pub struct Queue(Vec<Fault>);

impl Queue {
    pub fn push(&mut self, fault: Fault) {
        self.0.push(fault);
    }

    pub fn pending(&self) -> &[Fault] {
        &self.0
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Consumes one use of the first fault matching the request.
    fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self
            .0
            .iter()
            .position(|fault| fault.matches(method, path))?;
        let fault = &mut self.0[index];
        fault.count -= 1;
        let taken = fault.clone();
        if fault.count == 0 {
            self.0.remove(index);
        }
        Some(taken)
    }
}

pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().as_str().to_owned();
    let Some(fault) = state.with(|store| store.faults.take(&method, &path)) else {
        return next.run(request).await;
    };
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    if fault.drop_connection {
        return dropped();
    }
    match fault
        .status
        .and_then(|code| StatusCode::from_u16(code).ok())
    {
        Some(status) => fault.response(status, &path),
        None => next.run(request).await,
    }
}

/// A response promising 4096 bytes and sending one: the server then closes the connection.
fn dropped() -> Response {
    let mut response = (StatusCode::OK, Body::from("{")).into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_LENGTH,
        HeaderValue::from_static("4096"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(json: &str) -> Fault {
        Fault::parse(json.as_bytes()).expect("valid fault")
    }

    #[test]
    fn parse_applies_defaults_and_rejects_nonsense() {
        let parsed = fault(r#"{"path": "/v1", "status": 429}"#);
        assert_eq!((parsed.count, parsed.latency_ms), (1, 0));
        assert!(!parsed.drop_connection);
        assert!(fault(r#"{"path": "/v1", "dropConnection": true}"#).drop_connection);
        for bad in [
            r#"{"path": "v1"}"#,
            r#"{"path": "/v1", "status": 99}"#,
            r#"{"path": "/v1", "count": 0}"#,
            r#"{"path": "/v1", "retryAfter": "a\nb"}"#,
            r#"{"path": "/v1", "latency": 5}"#,
        ] {
            assert!(Fault::parse(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn queue_consumes_in_order_and_by_count() {
        let mut queue = Queue::default();
        queue.push(fault(r#"{"path": "/v1", "method": "post", "status": 500}"#));
        queue.push(fault(r#"{"path": "/v1/oauth", "status": 429, "count": 2}"#));
        assert_eq!(
            queue
                .take("GET", "/v1/oauth_applications")
                .and_then(|f| f.status),
            Some(429)
        );
        assert_eq!(
            queue
                .take("POST", "/v1/oauth_applications")
                .and_then(|f| f.status),
            Some(500)
        );
        assert_eq!(
            queue
                .take("POST", "/v1/oauth_applications")
                .and_then(|f| f.status),
            Some(429)
        );
        assert!(queue.take("GET", "/v1/oauth_applications").is_none());
        assert!(queue.pending().is_empty());
    }
}
