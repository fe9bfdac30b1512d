//! Clerk's `ClerkErrors` body: `{errors: [{message, long_message, code,
//! meta?}], clerk_trace_id}`. The codes follow Clerk's public naming
//! (`form_param_missing`, `resource_not_found`, ...); the spec lists no enum.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use crate::body::{MalformedBody, Problem, ProblemKind};
use crate::ids;

#[derive(Debug, Serialize)]
struct ErrorItem {
    message: String,
    long_message: String,
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<Value>,
}

#[derive(Debug)]
pub struct ClerkError {
    status: StatusCode,
    errors: Vec<ErrorItem>,
}

impl ClerkError {
    pub fn new(
        status: StatusCode,
        code: &str,
        message: &str,
        long_message: impl Into<String>,
    ) -> Self {
        let item = ErrorItem {
            message: message.to_owned(),
            long_message: long_message.into(),
            code: code.to_owned(),
            meta: None,
        };
        Self {
            status,
            errors: vec![item],
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "authentication_invalid",
            "Invalid authentication",
            "Unable to authenticate the request, you need to supply an active secret key",
        )
    }

    pub fn bad_version() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "api_version_invalid",
            "Invalid API version",
            "The Clerk-API-Version header is required and must be a date such as 2025-11-10",
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "not found",
            "Resource not found",
        )
    }

    pub fn malformed(body: MalformedBody) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "request_body_invalid",
            "Request body invalid",
            body.0,
        )
    }

    /// A bad query parameter; Clerk reports these as 422 like body fields.
    pub fn query_param(param: &str, long_message: impl Into<String>) -> Self {
        Self::validation(vec![Problem {
            field: param.to_owned(),
            kind: ProblemKind::Invalid(long_message.into()),
        }])
    }

    pub fn validation(problems: Vec<Problem>) -> Self {
        let errors = problems
            .into_iter()
            .map(|problem| {
                let (code, message) = match problem.kind {
                    ProblemKind::Missing => ("form_param_missing", "missing required parameter"),
                    ProblemKind::WrongType(_) => ("form_param_format_invalid", "is invalid"),
                    ProblemKind::Unknown => ("form_param_unknown", "is unknown"),
                    ProblemKind::Invalid(_) => ("form_param_value_invalid", "is invalid"),
                };
                ErrorItem {
                    message: message.to_owned(),
                    long_message: problem.describe(),
                    code: code.to_owned(),
                    meta: Some(json!({ "param_name": problem.field })),
                }
            })
            .collect();
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        }
    }
}

impl IntoResponse for ClerkError {
    fn into_response(self) -> Response {
        let body = json!({ "errors": self.errors, "clerk_trace_id": ids::trace_hex(32) });
        (self.status, Json(body)).into_response()
    }
}

/// Clerk's body for a bare status (faults, unknown routes).
pub fn error_response(status: StatusCode, message: &str) -> Response {
    let code = match status {
        StatusCode::UNAUTHORIZED => "authentication_invalid".to_owned(),
        StatusCode::NOT_FOUND => "resource_not_found".to_owned(),
        status if status.is_server_error() => "internal_clerk_error".to_owned(),
        status => status
            .canonical_reason()
            .unwrap_or("error")
            .to_ascii_lowercase()
            .replace([' ', '-'], "_"),
    };
    ClerkError::new(status, &code, message, message).into_response()
}
