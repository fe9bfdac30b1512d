//! RFC 7591 §3.2.2's error body, `{error, error_description}`, and RFC 6750 §3's 401 with
//! `WWW-Authenticate: Bearer error="invalid_token"`.

use axum::Json;
use axum::http::{StatusCode, header::WWW_AUTHENTICATE};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug)]
pub struct RegistrationError {
    status: StatusCode,
    code: &'static str,
    description: String,
}

impl RegistrationError {
    fn new(status: StatusCode, code: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            code,
            description: description.into(),
        }
    }

    /// A missing, wrong or replaced token, or an unknown client (RFC 7592 §2.1).
    pub fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "the access token is missing, invalid or no longer valid",
        )
    }

    pub fn invalid_request(description: &str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    pub fn invalid_redirect_uri(description: String) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_redirect_uri", description)
    }

    pub fn invalid_client_metadata(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_client_metadata",
            description,
        )
    }

    /// The error for a bare status (faults, unknown routes): the RFC 6749/6750 code that
    /// fits it.
    pub fn for_status(status: StatusCode, message: &str) -> Self {
        let code = match status {
            StatusCode::UNAUTHORIZED => "invalid_token",
            StatusCode::FORBIDDEN => "insufficient_scope",
            StatusCode::BAD_REQUEST => "invalid_request",
            StatusCode::TOO_MANY_REQUESTS => "temporarily_unavailable",
            s if s.is_server_error() => "server_error",
            _ => "invalid_request",
        };
        Self::new(status, code, message)
    }
}

impl IntoResponse for RegistrationError {
    fn into_response(self) -> Response {
        let body = Json(json!({ "error": self.code, "error_description": self.description }));
        if self.status == StatusCode::UNAUTHORIZED {
            let challenge = format!("Bearer error=\"{}\"", self.code);
            (self.status, [(WWW_AUTHENTICATE, challenge)], body).into_response()
        } else {
            (self.status, body).into_response()
        }
    }
}
