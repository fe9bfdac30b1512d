//! Heracles' error body, `{errorCode, errorMessage, errorCause, errorId}`,
//! the keys the Atlan SDKs parse. The `ATLAN-HERACLES-<status>-<nnn>` codes
//! are the emulator's own, shaped like the SDKs' `ATLAN-PYTHON-...` codes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::body::{MalformedBody, Problem};
use crate::ids;

#[derive(Debug)]
pub struct AtlanError {
    status: StatusCode,
    serial: u16,
    message: String,
}

impl AtlanError {
    pub fn new(status: StatusCode, serial: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            serial,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 1, message)
    }

    pub fn malformed(body: MalformedBody) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 0, body.0)
    }

    /// Heracles reports one message, so every problem is folded into it.
    pub fn validation(problems: Vec<Problem>) -> Self {
        let messages: Vec<String> = problems.iter().map(Problem::describe).collect();
        Self::bad_request(messages.join("; "))
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            0,
            "Invalid or missing bearer token",
        )
    }

    pub fn bad_credentials() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 1, "Invalid client credentials")
    }

    pub fn client_not_found(client_id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            1,
            format!("OAuth client '{client_id}' not found"),
        )
    }
}

impl IntoResponse for AtlanError {
    fn into_response(self) -> Response {
        let body = json!({
            "errorCode": format!("ATLAN-HERACLES-{}-{:03}", self.status.as_u16(), self.serial),
            "errorMessage": self.message,
            "errorCause": [],
            "errorId": ids::trace_hex(32),
        });
        (self.status, Json(body)).into_response()
    }
}

/// Atlan's body for a bare status (faults, unknown routes).
pub fn error_response(status: StatusCode, message: &str) -> Response {
    AtlanError::new(status, 0, message).into_response()
}
