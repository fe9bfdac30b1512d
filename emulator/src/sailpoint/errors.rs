//! SailPoint's three error bodies: `ErrorResponseDto` (`{detailCode,
//! trackingId, messages, causes}`) for 400/403/404/500, `{"error"}` for 401
//! and `{"message"}` for 429. Texts of the DTO's first message are those of
//! the API spec's response examples.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::body::Problem;
use crate::ids;

#[derive(Debug)]
pub enum SailPointError {
    /// `ErrorResponseDto`, with the texts of its `causes`.
    Dto {
        status: StatusCode,
        causes: Vec<String>,
    },
    /// The 401 shape.
    Unauthorized(String),
}

impl SailPointError {
    pub fn bad_request(causes: Vec<String>) -> Self {
        Self::Dto {
            status: StatusCode::BAD_REQUEST,
            causes,
        }
    }

    pub fn problems(problems: &[Problem]) -> Self {
        Self::bad_request(problems.iter().map(Problem::describe).collect())
    }

    pub fn not_found(id: &str) -> Self {
        Self::Dto {
            status: StatusCode::NOT_FOUND,
            causes: vec![format!("OAuth client '{id}' not found")],
        }
    }

    pub fn forbidden(reason: &str) -> Self {
        Self::Dto {
            status: StatusCode::FORBIDDEN,
            causes: vec![reason.to_owned()],
        }
    }

    pub fn expired() -> Self {
        Self::Unauthorized("JWT validation failed: JWT is expired".into())
    }

    pub fn bad_token() -> Self {
        Self::Unauthorized("JWT validation failed: JWT could not be verified".into())
    }
}

fn locale_text(text: &str) -> Value {
    json!({"locale": "en-US", "localeOrigin": "DEFAULT", "text": text})
}

/// `detailCode` and the first message's text per status.
fn dto_texts(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => (
            "400.1 Bad Request Content",
            "The request was syntactically correct but its content is semantically invalid.",
        ),
        403 => (
            "403 Forbidden",
            "The server understood the request but refuses to authorize it.",
        ),
        404 => (
            "404 Not found",
            "The server did not find a current representation for the target resource.",
        ),
        405 => (
            "405 Method Not Allowed",
            "The method is not allowed on this resource.",
        ),
        500..=599 => ("500.0 Internal Fault", "An internal fault occurred."),
        _ => ("400.0 Bad Request", "The request could not be processed."),
    }
}

impl IntoResponse for SailPointError {
    fn into_response(self) -> Response {
        match self {
            Self::Dto { status, causes } => {
                let (code, text) = dto_texts(status);
                let body = json!({
                    "detailCode": code,
                    "trackingId": ids::trace_hex(32),
                    "messages": [locale_text(text)],
                    "causes": causes.iter().map(|c| locale_text(c)).collect::<Vec<_>>(),
                });
                (status, Json(body)).into_response()
            }
            Self::Unauthorized(message) => {
                (StatusCode::UNAUTHORIZED, Json(json!({ "error": message }))).into_response()
            }
        }
    }
}

/// SailPoint's body for a bare status (faults, unknown routes).
pub fn error_response(status: StatusCode, message: &str) -> Response {
    match status.as_u16() {
        401 => SailPointError::Unauthorized(message.to_owned()).into_response(),
        429 => (status, Json(json!({ "message": " Rate Limit Exceeded " }))).into_response(),
        _ => SailPointError::Dto {
            status,
            causes: vec![message.to_owned()],
        }
        .into_response(),
    }
}
