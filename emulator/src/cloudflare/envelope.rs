//! Cloudflare's v4 envelope, `{success, errors, messages, result}`, which
//! every response carries, failures included (with `result: null`).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::body::{MalformedBody, Problem, ProblemKind};

/// Error codes. Cloudflare documents codes as integers >= 1000 and publishes
/// no list for this API, so the validation codes are the emulator's own;
/// 7003, 9109 and 10000 are the ones Cloudflare uses API-wide.
pub mod code {
    pub const MALFORMED_BODY: u32 = 1001;
    pub const MISSING_FIELD: u32 = 1002;
    pub const WRONG_TYPE: u32 = 1003;
    pub const UNKNOWN_FIELD: u32 = 1004;
    pub const INVALID_VALUE: u32 = 1005;
    pub const CLIENT_NOT_FOUND: u32 = 1404;
    pub const NO_ROUTE: u32 = 7003;
    pub const FORBIDDEN: u32 = 9109;
    pub const AUTHENTICATION: u32 = 10000;
}

#[derive(Debug, Serialize)]
struct Message {
    code: u32,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
}

#[derive(Debug, Serialize)]
struct Source {
    pointer: String,
}

#[derive(Debug, Serialize)]
struct Envelope<T> {
    success: bool,
    errors: Vec<Message>,
    messages: Vec<Message>,
    result: Option<T>,
}

pub fn success(result: impl Serialize) -> Response {
    Json(Envelope {
        success: true,
        errors: Vec::new(),
        messages: Vec::new(),
        result: Some(result),
    })
    .into_response()
}

#[derive(Debug)]
pub struct CfError {
    status: StatusCode,
    errors: Vec<Message>,
}

impl CfError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            errors: vec![Message {
                code,
                message: message.into(),
                source: None,
            }],
        }
    }

    pub fn malformed(body: MalformedBody) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code::MALFORMED_BODY, body.0)
    }

    /// One error per problem, each pointing at its field (`/grant_types`).
    pub fn validation(problems: Vec<Problem>) -> Self {
        let errors = problems
            .into_iter()
            .map(|problem| Message {
                code: match problem.kind {
                    ProblemKind::Missing => code::MISSING_FIELD,
                    ProblemKind::WrongType(_) => code::WRONG_TYPE,
                    ProblemKind::Unknown => code::UNKNOWN_FIELD,
                    ProblemKind::Invalid(_) => code::INVALID_VALUE,
                },
                message: problem.describe(),
                source: Some(Source {
                    pointer: format!("/{}", problem.field),
                }),
            })
            .collect();
        Self {
            status: StatusCode::BAD_REQUEST,
            errors,
        }
    }

    pub fn client_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            code::CLIENT_NOT_FOUND,
            "OAuth client not found",
        )
    }
}

impl IntoResponse for CfError {
    fn into_response(self) -> Response {
        let envelope: Envelope<()> = Envelope {
            success: false,
            errors: self.errors,
            messages: Vec::new(),
            result: None,
        };
        (self.status, Json(envelope)).into_response()
    }
}

/// Cloudflare's body for a bare status (faults, unknown routes).
pub fn error_response(status: StatusCode, message: &str) -> Response {
    let code = match status {
        StatusCode::UNAUTHORIZED => code::AUTHENTICATION,
        StatusCode::FORBIDDEN => code::FORBIDDEN,
        StatusCode::NOT_FOUND => code::NO_ROUTE,
        // No documented code exists for the rest; 1000 + status keeps them >= 1000 and readable.
        other => 1000 + u32::from(other.as_u16()),
    };
    CfError::new(status, code, message).into_response()
}
