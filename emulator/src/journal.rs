//! The log of provider requests that tests read back through
//! `GET /__emulator/requests`, e.g. to check that a PATCH carried only the
//! fields it was given or that no request was sent at all.
//!
//! Nothing secret is kept: credential headers, and the values of secret
//! fields in bodies (JSON at any depth, form-encoded token requests) and in
//! query strings, become `[redacted]`. Everything else stays as sent, so a
//! test can still check which fields a request carried.

use std::collections::{BTreeMap, VecDeque};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use crate::provider::{self, PROVIDERS};
use crate::state::AppState;

/// Headers whose values are credentials for any provider; each provider's
/// own (Cloudflare's keys) come from the table. Their presence still shows.
const REDACTED_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie"];
const REDACTED: &str = "[redacted]";
/// Field names whose values are secrets, compared after lower-casing and
/// dropping `_` and `-`, so `clientSecret`, `client_secret` and
/// `Client-Secret` are one name. Applied to JSON bodies at any depth, to
/// form-encoded bodies and to query strings.
const SECRET_FIELDS: &[&str] = &[
    "clientsecret",
    "secret",
    "registrationaccesstoken",
    "password",
    "apikey",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "token",
    "clientassertion",
    "assertion",
    "subjecttoken",
    "actortoken",
    "codeverifier",
];
/// Also secret in form-encoded bodies and query strings (OAuth token
/// requests): the authorization code. In JSON, `code` is too often an error
/// or status code to hide.
const SECRET_FORM_FIELDS: &[&str] = &["code"];
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
            query: redact_query(parts.uri.query().unwrap_or_default()),
            headers,
            body: recorded_body(parts, body),
        }
    }
}

fn normalised(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_secret_field(name: &str) -> bool {
    SECRET_FIELDS.contains(&normalised(name).as_str())
}

fn is_secret_form_field(name: &str) -> bool {
    let name = normalised(name);
    SECRET_FIELDS.contains(&name.as_str()) || SECRET_FORM_FIELDS.contains(&name.as_str())
}

/// A JSON body as parsed, a form-encoded one as an object of its fields (a
/// repeated field as an array of its values), anything else as `null`;
/// secret fields redacted in both.
fn recorded_body(parts: &Parts, body: &[u8]) -> Value {
    let is_form = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| {
            mime.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if is_form {
        return form_body(body);
    }
    let mut json = serde_json::from_slice(body).unwrap_or(Value::Null);
    redact_json(&mut json);
    json
}

/// Replaces the value of every secret field, at any depth. `null` stays
/// `null`: it tells a test that nothing was sent, and gives nothing away.
fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if is_secret_field(key) {
                    if !value.is_null() {
                        *value = Value::String(REDACTED.to_owned());
                    }
                } else {
                    redact_json(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

fn form_body(body: &[u8]) -> Value {
    let mut fields = serde_json::Map::new();
    for (key, value) in form_urlencoded::parse(body) {
        let value = if is_secret_form_field(&key) {
            Value::String(REDACTED.to_owned())
        } else {
            Value::String(value.into_owned())
        };
        match fields.get_mut(key.as_ref()) {
            Some(Value::Array(values)) => values.push(value),
            Some(first) => *first = Value::Array(vec![first.take(), value]),
            None => {
                fields.insert(key.into_owned(), value);
            }
        }
    }
    Value::Object(fields)
}

/// The query string as sent, except that each secret parameter's value is
/// `[redacted]`.
fn redact_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| {
            let key = form_urlencoded::parse(pair.as_bytes())
                .next()
                .map(|(key, _)| key.into_owned())
                .unwrap_or_default();
            if is_secret_form_field(&key) {
                let raw_key = pair.split('=').next().unwrap_or_default();
                format!("{raw_key}={REDACTED}")
            } else {
                pair.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("&")
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

    fn recorded(content_type: &str, uri: &str, body: &[u8]) -> RecordedRequest {
        let (parts, ()) = axum::http::Request::post(uri)
            .header("content-type", content_type)
            .body(())
            .expect("request")
            .into_parts();
        RecordedRequest::new(&parts, body)
    }

    #[test]
    fn secret_fields_in_json_bodies_are_redacted_at_any_depth() {
        let body = serde_json::json!({
            "clientId": "oauth-client-1",
            "clientSecret": "s1",
            "client_secret": "s2",
            "Client-Secret": "s3",
            "secret": {"value": "s4"},
            "registration_access_token": "s5",
            "nested": [{"password": "s6", "apiKey": "s7", "keep": "visible"}],
            "tokens": {"access_token": "s8", "accessToken": "s9", "refresh_token": "s10"},
            "absent": {"client_secret": null},
            "code": 1001,
            "name": "secret agent",
        });
        let entry = recorded(
            "application/json",
            "/api/service/oauth-clients/token",
            body.to_string().as_bytes(),
        );
        assert_eq!(
            entry.body,
            serde_json::json!({
                "clientId": "oauth-client-1",
                "clientSecret": REDACTED,
                "client_secret": REDACTED,
                "Client-Secret": REDACTED,
                "secret": REDACTED,
                "registration_access_token": REDACTED,
                "nested": [{"password": REDACTED, "apiKey": REDACTED, "keep": "visible"}],
                "tokens": {"access_token": REDACTED, "accessToken": REDACTED, "refresh_token": REDACTED},
                "absent": {"client_secret": null},
                "code": 1001,
                "name": "secret agent",
            })
        );
        let text = serde_json::to_string(&entry).expect("serialise");
        for n in 1..=10 {
            assert!(!text.contains(&format!("\"s{n}\"")), "s{n} in {text}");
        }
    }

    #[test]
    fn form_bodies_become_objects_with_secrets_redacted() {
        let entry = recorded(
            "application/x-www-form-urlencoded; charset=utf-8",
            "/oidc/v1/token",
            b"grant_type=authorization_code&client_id=app%201&client_secret=s%26cret&code=abc\
              &code_verifier=v&refresh_token=r&scope=a&scope=b",
        );
        assert_eq!(
            entry.body,
            serde_json::json!({
                "grant_type": "authorization_code",
                "client_id": "app 1",
                "client_secret": REDACTED,
                "code": REDACTED,
                "code_verifier": REDACTED,
                "refresh_token": REDACTED,
                "scope": ["a", "b"],
            })
        );
        // Not a form without the content type: as before, only JSON is parsed.
        assert_eq!(
            recorded("text/plain", "/v1/x", b"client_secret=s").body,
            Value::Null
        );
    }

    #[test]
    fn secret_query_parameters_are_redacted() {
        let entry = recorded(
            "application/json",
            "/v1/x?limit=2&client_secret=s%20x&access_token=t&q=a%3Db",
            b"",
        );
        assert_eq!(
            entry.query,
            "limit=2&client_secret=[redacted]&access_token=[redacted]&q=a%3Db"
        );
        assert_eq!(
            recorded("application/json", "/v1/x?limit=2&order_by=-name", b"").query,
            "limit=2&order_by=-name"
        );
        assert_eq!(recorded("application/json", "/v1/x", b"").query, "");
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
