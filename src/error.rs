//! The crate's one error type.
//!
//! Every failure, whether found before sending (validation, unsupported operation), in
//! transit (connection, timeout, abort) or in the server's answer, becomes an [`Error`]
//! with a [`ErrorKind`] that maps one to one onto the JS error names.

use std::fmt;

/// What went wrong, at the granularity a caller branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input was rejected before any request was sent, or the server said it is invalid (400/422).
    Validation,
    /// Credentials are missing or wrong (401).
    Authentication,
    /// Credentials are valid but lack permission (403).
    PermissionDenied,
    /// The client (or another named object) does not exist (404).
    NotFound,
    /// The request conflicts with the current state (409).
    Conflict,
    /// Too many requests (429); `retry_after` says when to try again where known.
    RateLimit,
    /// The server failed (5xx) or answered with a status this library does not expect.
    Server,
    /// The request never got an answer: DNS, refused connection, CORS, network down.
    Connection,
    /// The per-call timeout elapsed.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Abort,
    /// The provider does not offer this operation; nothing was sent.
    Unsupported,
    /// The server answered with a body this library cannot read.
    Decode,
    /// The caller's registration store failed. When it failed to save, the server's
    /// state has already changed: the error carries the registration it could not keep.
    Store,
}

impl ErrorKind {
    /// The `name` the JS error carries.
    pub fn js_name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "ValidationError",
            ErrorKind::Authentication => "AuthenticationError",
            ErrorKind::PermissionDenied => "PermissionDeniedError",
            ErrorKind::NotFound => "NotFoundError",
            ErrorKind::Conflict => "ConflictError",
            ErrorKind::RateLimit => "RateLimitError",
            ErrorKind::Server => "ServerError",
            ErrorKind::Connection => "ConnectionError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::Abort => "AbortError",
            ErrorKind::Unsupported => "UnsupportedError",
            ErrorKind::Decode => "DecodeError",
            ErrorKind::Store => "StoreError",
        }
    }

    /// The kind an HTTP error status stands for.
    pub fn from_status(status: u16) -> Self {
        match status {
            400 | 422 => ErrorKind::Validation,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 | 410 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimit,
            _ => ErrorKind::Server,
        }
    }
}

/// One item of a server's error list, or the field a local check rejected.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// The provider's code for this item, as text (Cloudflare's numbers included).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Human-readable text.
    pub message: String,
    /// The input field or JSON pointer the item is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

to_json!(ErrorDetail {
    code,
    message,
    field
});

/// An operation's failure. `Display` is the message; no secret is ever put in one.
///
/// The fields live behind a box (read them through `Deref`): results stay one pointer
/// wide on the success path, and errors are rare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorData>);

/// What an [`Error`] knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorData {
    /// What went wrong.
    pub kind: ErrorKind,
    /// A sentence for people.
    pub message: String,
    /// The provider whose API was called (`"cloudflare"`, ...), where one was.
    pub provider: Option<&'static str>,
    /// The HTTP status, where a response was received.
    pub status: Option<u16>,
    /// The provider's own error code, where it sent one.
    pub code: Option<String>,
    /// Every item of the provider's error list, or the rejected fields.
    pub details: Vec<ErrorDetail>,
    /// The provider's request or trace id, for support tickets.
    pub request_id: Option<String>,
    /// How long the server asked to wait before trying again, in milliseconds.
    pub retry_after_ms: Option<u64>,
    /// A registration the server issued that the store failed to save: the only copy
    /// left of a token the server may no longer accept any other for. Never part of the
    /// message.
    pub registration: Option<crate::model::Registration>,
}

impl Error {
    /// An error of `kind` with `message` and nothing else known.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorData {
            kind,
            message: message.into(),
            provider: None,
            status: None,
            code: None,
            details: Vec::new(),
            request_id: None,
            retry_after_ms: None,
            registration: None,
        }))
    }

    /// A local check rejected `field` (named as the caller wrote it, in camelCase).
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        let problem = problem.into();
        let mut err = Error::new(ErrorKind::Validation, format!("{field}: {problem}"));
        err.details.push(ErrorDetail {
            code: None,
            message: problem,
            field: Some(field.to_owned()),
        });
        err
    }

    /// `operation` does not exist on `provider`; raised before any request.
    pub fn unsupported(provider: &'static str, operation: &str) -> Self {
        Error::new(
            ErrorKind::Unsupported,
            format!("{provider} does not support {operation}"),
        )
        .with_provider(provider)
    }

    /// The response body could not be read as the expected shape.
    pub fn decode(what: &str, reason: impl fmt::Display) -> Self {
        Error::new(
            ErrorKind::Decode,
            format!("could not read {what}: {reason}"),
        )
    }

    /// Sets the provider.
    pub fn with_provider(mut self, provider: &'static str) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Sets the provider unless one is already named.
    pub fn or_provider(mut self, provider: &'static str) -> Self {
        self.provider.get_or_insert(provider);
        self
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorData;

    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_kinds() {
        let table = [
            (400, "ValidationError"),
            (401, "AuthenticationError"),
            (403, "PermissionDeniedError"),
            (404, "NotFoundError"),
            (409, "ConflictError"),
            (422, "ValidationError"),
            (429, "RateLimitError"),
            (500, "ServerError"),
            (503, "ServerError"),
            (418, "ServerError"),
        ];
        for (status, name) in table {
            assert_eq!(ErrorKind::from_status(status).js_name(), name, "{status}");
        }
    }

    #[test]
    fn invalid_names_the_field_in_message_and_details() {
        let err = Error::invalid("grantTypes", "must include \"authorization_code\"");
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(
            err.to_string(),
            "grantTypes: must include \"authorization_code\""
        );
        assert_eq!(err.details[0].field.as_deref(), Some("grantTypes"));
    }
}
