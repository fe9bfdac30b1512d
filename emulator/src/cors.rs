//! CORS for every response, so the wasm library can be exercised from a
//! browser page on another origin. Hand-written: it is one small function.

use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::provider::PROVIDERS;

const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/// `authorization` and `content-type`, then each provider's own request
/// headers (Cloudflare's `x-auth-*`, Clerk's API version).
static ALLOW_HEADERS: LazyLock<HeaderValue> = LazyLock::new(|| {
    let mut names = vec!["authorization", "content-type"];
    names.extend(PROVIDERS.iter().flat_map(|p| p.request_headers()));
    joined(&names)
});

/// `retry-after`, each provider's own response headers (Cloudflare's rate
/// limits), then `x-request-id`.
static EXPOSE_HEADERS: LazyLock<HeaderValue> = LazyLock::new(|| {
    let mut names = vec!["retry-after"];
    names.extend(
        PROVIDERS
            .iter()
            .flat_map(|p| p.response_headers())
            .map(|(name, _)| *name),
    );
    names.push("x-request-id");
    joined(&names)
});

/// A comma-separated header value. Only a bad name in the provider table,
/// which a unit test rules out, could make it invalid; then it is empty.
fn joined(names: &[&str]) -> HeaderValue {
    HeaderValue::from_str(&names.join(", ")).unwrap_or(HeaderValue::from_static(""))
}

/// Answers preflights itself (so they never reach the request log or a
/// fault) and decorates every other response.
pub async fn cors(request: Request, next: Next) -> Response {
    let mut response = if request.method() == Method::OPTIONS {
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        let headers = preflight.headers_mut();
        headers.insert(
            ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS.clone());
        headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        preflight
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS.clone());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists_come_from_the_provider_table() {
        assert_eq!(
            *ALLOW_HEADERS,
            "authorization, content-type, x-auth-email, x-auth-key, clerk-api-version"
        );
        assert_eq!(
            *EXPOSE_HEADERS,
            "retry-after, ratelimit, ratelimit-policy, x-request-id"
        );
    }
}
