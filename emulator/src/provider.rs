//! What the three emulated providers have in common: which one owns a path,
//! each one's error body for a bare status, and the responses for paths or
//! methods no route knows.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{atlan, clerk, cloudflare};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Cloudflare,
    Clerk,
    Atlan,
}

impl Provider {
    pub fn from_path(path: &str) -> Option<Self> {
        [
            (cloudflare::PREFIX, Self::Cloudflare),
            (clerk::PREFIX, Self::Clerk),
            (atlan::PREFIX, Self::Atlan),
        ]
        .into_iter()
        .find(|(prefix, _)| is_under(path, prefix))
        .map(|(_, provider)| provider)
    }

    /// The provider's own error body for a status with no more specific cause
    /// (injected faults, unknown routes).
    pub fn error(self, status: StatusCode, message: &str) -> Response {
        match self {
            Self::Cloudflare => cloudflare::error_response(status, message),
            Self::Clerk => clerk::error_response(status, message),
            Self::Atlan => atlan::error_response(status, message),
        }
    }
}

fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// An error in the format of whichever provider owns `path`, or a plain JSON
/// error for paths outside every provider.
pub fn error_for_path(path: &str, status: StatusCode, message: &str) -> Response {
    match Provider::from_path(path) {
        Some(provider) => provider.error(status, message),
        None => (status, Json(json!({ "error": message }))).into_response(),
    }
}

pub async fn no_route(uri: Uri) -> Response {
    error_for_path(uri.path(), StatusCode::NOT_FOUND, "No route for the URI")
}

pub async fn wrong_method(method: Method, uri: Uri) -> Response {
    let message = format!("Method {method} is not allowed on this route");
    error_for_path(uri.path(), StatusCode::METHOD_NOT_ALLOWED, &message)
}

/// Cloudflare states its rate-limit policy on every API response, faults
/// included, so this sits outside the fault layer.
pub async fn provider_headers(request: Request, next: Next) -> Response {
    let is_cloudflare = Provider::from_path(request.uri().path()) == Some(Provider::Cloudflare);
    let mut response = next.run(request).await;
    if is_cloudflare {
        let headers = response.headers_mut();
        headers.insert("ratelimit", HeaderValue::from_static(cloudflare::RATELIMIT));
        headers.insert(
            "ratelimit-policy",
            HeaderValue::from_static(cloudflare::RATELIMIT_POLICY),
        );
    }
    response
}

/// A record serialised with one extra key, for the create/rotate responses
/// that are the only ones allowed to carry a secret.
pub fn with_field(record: &impl Serialize, key: &str, value: Value) -> Value {
    let mut json = serde_json::to_value(record).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut json {
        map.insert(key.to_owned(), value);
    }
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_providers() {
        assert_eq!(
            Provider::from_path("/client/v4/oauth/scopes"),
            Some(Provider::Cloudflare)
        );
        assert_eq!(
            Provider::from_path("/v1/oauth_applications"),
            Some(Provider::Clerk)
        );
        assert_eq!(
            Provider::from_path("/api/service/roles"),
            Some(Provider::Atlan)
        );
        assert_eq!(Provider::from_path("/v10/x"), None);
        assert_eq!(Provider::from_path("/__emulator/reset"), None);
    }
}
