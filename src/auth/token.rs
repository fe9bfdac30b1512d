//! The token exchange as data: the request to send, and what the answer means.

use serde_json::{Map, Value};

use super::{ClientCredentials, TokenStyle};
use crate::error::{Error, ErrorKind, Result};
use crate::model::Secret;
use crate::request::{HttpRequest, HttpResponse, Method};
use crate::retry;

/// How long a token without an `expires_in` is reused: Atlan's documented default, and
/// short enough that a token the server did not date is not kept for long elsewhere
/// (a 401 still replaces it sooner).
const DEFAULT_LIFETIME_SECS: u64 = 600;

/// How long before expiry a token stops being handed out, so that a request sent with it
/// does not arrive after it expired.
const REFRESH_MARGIN_SECS: u64 = 30;

/// The longest server text an error quotes: enough for an `error_description`, not
/// enough to turn a message into a dump of whatever the endpoint sent.
const MAX_QUOTED_CHARS: usize = 200;

/// An access token and when to stop using it. `Debug` does not show the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The access token.
    pub access_token: Secret,
    /// When it expires, in Unix seconds (`u64::MAX` for "practically never").
    pub expires_at: u64,
    /// From when on it is no longer handed out, in Unix seconds: 30 s before expiry,
    /// or halfway through the lifetime for tokens living less than a minute.
    pub refresh_at: u64,
}

impl Token {
    /// A token received at `now` that lives `lifetime` seconds.
    pub fn new(access_token: Secret, now: u64, lifetime: u64) -> Self {
        let margin = REFRESH_MARGIN_SECS.min(lifetime / 2);
        Token {
            access_token,
            expires_at: now.saturating_add(lifetime),
            refresh_at: now.saturating_add(lifetime.saturating_sub(margin)),
        }
    }

    /// Whether it may still be handed out at `now`.
    pub fn is_fresh(&self, now_unix_secs: u64) -> bool {
        now_unix_secs < self.refresh_at
    }
}

/// The token request for `cc`: a `POST` to its token URL, with the content type, for
/// [`TokenStyle::FormBasic`] the Basic authorization, and the body text.
///
/// Form values are encoded as `application/x-www-form-urlencoded`; the Basic credentials
/// are the form-encoded id and secret joined by `:` (RFC 6749 §2.3.1), in base64.
pub fn token_request(cc: &ClientCredentials) -> HttpRequest {
    let req =
        HttpRequest::new(Method::Post, cc.token_url.clone()).header("accept", "application/json");
    match cc.style {
        TokenStyle::FormBasic => {
            let pair = format!(
                "{}:{}",
                form_encode(&cc.client_id),
                form_encode(cc.client_secret.expose())
            );
            with_form(req, cc, false).header(
                "authorization",
                format!("Basic {}", base64(pair.as_bytes())),
            )
        }
        TokenStyle::FormPost => with_form(req, cc, true),
        TokenStyle::AtlanJson => {
            let mut body = String::new();
            crate::json::ObjectWriter::new(&mut body)
                .field("clientId", &cc.client_id)
                .field("clientSecret", cc.client_secret.expose())
                .finish();
            req.json_text(body)
        }
    }
}

/// `req` with the client credentials grant as a form body, the client's id and secret
/// included when `with_client`.
fn with_form(req: HttpRequest, cc: &ClientCredentials, with_client: bool) -> HttpRequest {
    let mut pairs = vec![("grant_type", "client_credentials")];
    if with_client {
        pairs.push(("client_id", cc.client_id.as_str()));
        pairs.push(("client_secret", cc.client_secret.expose()));
    }
    if let Some(scope) = cc.scope.as_deref().filter(|s| !s.trim().is_empty()) {
        pairs.push(("scope", scope));
    }
    let body = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", form_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    req.body_text("application/x-www-form-urlencoded", body)
}

/// Encodes `value` as one `application/x-www-form-urlencoded` name or value (WHATWG URL):
/// alphanumerics and `*-._` kept, space as `+`, every other byte of its UTF-8 as `%XX`.
pub(super) fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') => {
                out.push(char::from(b))
            }
            b => {
                out.push('%');
                out.push(hex_digit(b >> 4));
                out.push(hex_digit(b & 0x0f));
            }
        }
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).map_or('0', |c| c.to_ascii_uppercase())
}

/// Standard base64 with padding (RFC 4648 §4): the Basic scheme's encoding, written out
/// because it is the only use and a crate would cost more than these lines.
pub(super) fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let (b0, b1, b2) = match *chunk {
            [a, b, c] => (a, Some(b), Some(c)),
            [a, b] => (a, Some(b), None),
            [a] => (a, None, None),
            _ => continue,
        };
        let n = u32::from(b0) << 16 | u32::from(b1.unwrap_or(0)) << 8 | u32::from(b2.unwrap_or(0));
        out.push(sextet(n >> 18));
        out.push(sextet(n >> 12));
        out.push(if b1.is_some() { sextet(n >> 6) } else { '=' });
        out.push(if b2.is_some() { sextet(n) } else { '=' });
    }
    out
}

/// The base64 digit for the low six bits of `bits`.
fn sextet(bits: u32) -> char {
    let v = (bits & 0x3f) as u8;
    char::from(match v {
        0..=25 => b'A' + v,
        26..=51 => b'a' + (v - 26),
        52..=61 => b'0' + (v - 52),
        62 => b'+',
        _ => b'/',
    })
}

/// Reads a token endpoint's answer received at `now_unix_secs`.
///
/// A success carries `access_token` (or Atlan's `accessToken`), optionally `token_type`
/// (only Bearer tokens can be used) and `expires_in` (default 600 s). An error status, or
/// an RFC 6749 §5.2 `error` in the body, becomes an error of kind `Authentication` for 400
/// and 401 (`invalid_client`, `invalid_grant`, ...), else the status's kind; the `error`
/// code goes to `code`. The provider is left for the caller to name. Messages quote at
/// most the endpoint's `error` and `error_description`, never the body otherwise.
pub fn parse_token(resp: &HttpResponse, now_unix_secs: u64) -> Result<Token> {
    let body = serde_json::from_str::<Value>(&resp.body).ok();
    let fields = body.as_ref().and_then(Value::as_object);
    let error_code = fields.and_then(|f| text(f, &["error"]));
    if !resp.is_success() || error_code.is_some() {
        return Err(refusal(resp, fields, now_unix_secs));
    }
    let fields = fields.ok_or_else(|| unreadable(resp.status, "it is not a JSON object"))?;
    let access_token = text(fields, &["access_token", "accessToken"])
        .ok_or_else(|| unreadable(resp.status, "it has no access token"))?;
    // It goes into a header as is: a line break in it would split the header.
    if access_token.chars().any(char::is_control) {
        return Err(unreadable(
            resp.status,
            "its access token is not a header value",
        ));
    }
    if let Some(kind) = text(fields, &["token_type", "tokenType"]) {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(unreadable(
                resp.status,
                format!("its token type {} is not Bearer", quoted(kind)),
            ));
        }
    }
    let lifetime = value(fields, &["expires_in", "expiresIn"])
        .and_then(lifetime_secs)
        .unwrap_or(DEFAULT_LIFETIME_SECS);
    Ok(Token::new(
        Secret::new(access_token),
        now_unix_secs,
        lifetime,
    ))
}

/// The error for a refused token request.
fn refusal(resp: &HttpResponse, fields: Option<&Map<String, Value>>, now: u64) -> Error {
    let status = resp.status;
    let code = fields.and_then(|f| text(f, &["error", "errorCode"]));
    let description =
        fields.and_then(|f| text(f, &["error_description", "errorMessage", "message"]));
    let kind = match status {
        // A 2xx only gets here with an RFC error code in it: a refusal of the credentials.
        400 | 401 | 200..=299 => ErrorKind::Authentication,
        other => ErrorKind::from_status(other),
    };
    let mut message = format!("the token request failed with status {status}");
    match (code, description) {
        (Some(code), Some(description)) => {
            message.push_str(&format!(": {} ({})", quoted(code), quoted(description)))
        }
        (Some(text), None) | (None, Some(text)) => message.push_str(&format!(": {}", quoted(text))),
        (None, None) => {}
    }
    let mut err = Error::new(kind, message).with_status(status);
    err.code = code.map(quoted);
    err.retry_after_ms = retry::retry_after(
        resp.header("retry-after-ms"),
        resp.header("retry-after"),
        now,
    )
    .map(|wait| u64::try_from(wait.as_millis()).unwrap_or(u64::MAX));
    err
}

fn unreadable(status: u16, reason: impl std::fmt::Display) -> Error {
    Error::decode("the token response", reason).with_status(status)
}

/// The first of `names` that is a non-empty string, trimmed.
fn text<'a>(fields: &'a Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .filter_map(|name| fields.get(*name)?.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
}

/// The first of `names` present and not null.
fn value<'a>(fields: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .filter_map(|name| fields.get(*name))
        .find(|v| !v.is_null())
}

/// Server text fit for a message: control characters dropped, at most
/// [`MAX_QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUOTED_CHARS)
        .collect();
    if text
        .chars()
        .filter(|c| !c.is_control())
        .nth(MAX_QUOTED_CHARS)
        .is_some()
    {
        out.push('…');
    }
    out
}

/// Reads `expires_in` as whole seconds: a number (a fraction is dropped, a huge value
/// saturates, a negative one means already expired) or the same as decimal text.
/// Anything else reads as absent.
fn lifetime_secs(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_i64().map(|_| 0))
            .or_else(|| n.as_f64().map(whole_secs)),
        Value::String(s) => secs_in_text(s.trim()),
        _ => None,
    }
}

fn whole_secs(secs: f64) -> u64 {
    // `as` saturates from floats (and NaN, which JSON cannot carry anyway, is not > 0).
    if secs > 0.0 {
        secs as u64
    } else {
        0
    }
}

/// `"3600"`, `"3600.5"`, `"-5"` (0) or a number too large for `u64` (saturated).
fn secs_in_text(text: &str) -> Option<u64> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    if negative {
        return Some(0);
    }
    // Only digits are left, so the one way to fail is overflow.
    Some(whole.parse().unwrap_or(u64::MAX))
}
