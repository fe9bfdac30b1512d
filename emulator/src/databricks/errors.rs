//! Databricks' error body, `{error_code, message, details}` (the SDK's
//! `errors/parser.py` reads these), and the `error_code` for a bare status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::body::Problem;

#[derive(Debug)]
pub struct DatabricksError {
    status: StatusCode,
    code: &'static str,
    message: String,
    details: Vec<Value>,
}

impl DatabricksError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            details: Vec::new(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "INVALID_PARAMETER_VALUE", message)
    }

    /// Every problem folded into one message, the first field as a
    /// `BadRequest` field violation.
    pub fn problems(problems: &[Problem]) -> Self {
        let messages: Vec<String> = problems.iter().map(Problem::describe).collect();
        let mut error = Self::invalid(messages.join("; "));
        error.details = problems
            .iter()
            .map(|p| {
                json!({
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "field_violations": [{"field": p.field, "description": p.describe()}],
                })
            })
            .collect();
        error
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "RESOURCE_DOES_NOT_EXIST",
            format!("{what} {id} does not exist."),
        )
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "Credential was not sent or was of an unsupported type for this API.",
        )
    }
}

impl IntoResponse for DatabricksError {
    fn into_response(self) -> Response {
        let body = json!({
            "error_code": self.code,
            "message": self.message,
            "details": self.details,
        });
        (self.status, Json(body)).into_response()
    }
}

/// The `error_code` Databricks pairs with a status.
fn code_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "INVALID_PARAMETER_VALUE",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "ENDPOINT_NOT_FOUND",
        405 => "BAD_REQUEST",
        409 => "RESOURCE_CONFLICT",
        429 => "REQUEST_LIMIT_EXCEEDED",
        503 => "TEMPORARILY_UNAVAILABLE",
        501 => "NOT_IMPLEMENTED",
        _ => "INTERNAL_ERROR",
    }
}

/// The body for a bare status (faults, unknown routes). A 429 carries a
/// `RetryInfo` detail, as the rate limiter's answers do.
pub fn error_response(status: StatusCode, message: &str) -> Response {
    let mut error = DatabricksError::new(status, code_for(status), message);
    if status == StatusCode::TOO_MANY_REQUESTS {
        error.details.push(json!({
            "@type": "type.googleapis.com/google.rpc.RetryInfo",
            "retry_delay": "1s",
        }));
    }
    error.into_response()
}
