//! In-process driver: sends requests straight into the router, no sockets.

// Each test crate includes this module and uses a different part of it.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use oauth_admin_emulator::{AllowedOrigins, AppState, app, app_allowing};
use serde_json::Value;
use tower::ServiceExt;

pub const CF_ACCOUNT: &str = "/client/v4/accounts/0123456789abcdef0123456789abcdef";
pub const CF_AUTH: (&str, &str) = ("authorization", "Bearer cf-emulator-token");
pub const CLERK_AUTH: (&str, &str) = ("authorization", "Bearer sk_test_emulator");
pub const CLERK_VERSION: (&str, &str) = ("clerk-api-version", "2025-11-10");
pub const ATLAN_AUTH: (&str, &str) = ("authorization", "Bearer atlan-emulator-token");
pub const DBX_ACCOUNT: &str = "/api/2.0/accounts/0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
pub const DBX_AUTH: (&str, &str) = ("authorization", "Bearer dbx-emulator-token");

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

pub struct Emulator {
    router: Router,
}

impl Emulator {
    pub fn new() -> Self {
        Self {
            router: app(AppState::seeded()),
        }
    }

    /// An emulator whose test hooks also answer pages on `origins`, as
    /// `--allow-origin` does.
    pub fn allowing(origins: &[&str]) -> Self {
        let origins = AllowedOrigins::parse(origins).expect("valid origins");
        Self {
            router: app_allowing(AppState::seeded(), origins),
        }
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Reply {
        let body = body.map(|json| json.to_string().into_bytes());
        self.send_bytes(method, uri, headers, body).await
    }

    /// `send` with a body of any format (a form-encoded token request).
    pub async fn send_bytes(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = body.map_or_else(Body::empty, Body::from);
        let response = self
            .router
            .clone()
            .oneshot(request.body(body).expect("request"))
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let raw = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            raw,
        }
    }

    pub async fn get(&self, uri: &str, headers: &[(&str, &str)]) -> Reply {
        self.send(Method::GET, uri, headers, None).await
    }

    pub async fn post(&self, uri: &str, headers: &[(&str, &str)], body: Value) -> Reply {
        self.send(Method::POST, uri, headers, Some(body)).await
    }

    /// How many entries a listing hook (`faults`, `requests`) holds.
    pub async fn hook_len(&self, hook: &str) -> Option<usize> {
        let reply = self.get(&format!("/__emulator/{hook}"), &[]).await;
        reply.body.as_array().map(Vec::len)
    }

    /// `DELETE /__emulator/tokens`, which must answer 204.
    pub async fn revoke_tokens(&self) {
        let reply = self
            .send(Method::DELETE, "/__emulator/tokens", &[], None)
            .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    }
}
