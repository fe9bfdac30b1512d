//! Databricks' error bodies: the standard `{error_code, message, details}`, the legacy
//! `{error}`, SCIM's, `CODE: message` text, HTML pages and empty bodies.

use super::*;

wire! {
    /// The error body: the standard `{error_code, message, details}`, the legacy `{error}`
    /// and SCIM's `{detail, status, scimType}`.
    struct ErrorJson {
        error_code: Option<String> = "error_code",
        message: Option<String> = "message",
        details: Option<Vec<serde_json::Value>> = "details",
        error: Option<String> = "error",
        detail: Option<String> = "detail",
        scim_type: Option<String> = "scimType",
    }
}

/// The kind an `error_code` stands for, whatever the status (the SDK's mapping).
fn kind_of_code(code: &str) -> Option<ErrorKind> {
    Some(match code {
        "INVALID_PARAMETER_VALUE" | "INVALID_STATE" => ErrorKind::Validation,
        "RESOURCE_DOES_NOT_EXIST" => ErrorKind::NotFound,
        "ALREADY_EXISTS" | "RESOURCE_ALREADY_EXISTS" | "ABORTED" => ErrorKind::Conflict,
        "RESOURCE_EXHAUSTED" | "REQUEST_LIMIT_EXCEEDED" => ErrorKind::RateLimit,
        "UNKNOWN" | "DATA_LOSS" => ErrorKind::Server,
        _ => return None,
    })
}

/// The error a failed response reports, from whichever body Databricks sent.
pub fn error_from(resp: &HttpResponse) -> Error {
    let mut body = ErrorBody::default();
    let mut retry_after_ms = None;
    match resp.json::<ErrorJson>() {
        Ok(json) => {
            body.code = json.error_code.or(json.scim_type);
            body.message = json.message.or(json.error).or(json.detail);
            for detail in json.details.unwrap_or_default() {
                retry_after_ms = retry_after_ms.or_else(|| retry_delay_ms(&detail));
                if let Some(id) = detail_text(&detail, &["request_id", "requestId"]) {
                    body.request_id.get_or_insert(id);
                }
                body.details.push(read_detail(detail));
            }
        }
        Err(_) => {
            let (code, message) = text_error(&resp.body);
            body.code = code;
            body.message = message;
        }
    }
    let known = body.code.as_deref().and_then(kind_of_code);
    let mut err = body.into_error(NAME, resp.status);
    if let Some(kind) = known {
        err.kind = kind;
    }
    err.retry_after_ms = retry_after_ms;
    err
}

/// The first of `keys` holding text in a detail object.
fn detail_text(detail: &serde_json::Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|key| detail.get(*key).and_then(|v| v.as_str()))
        .map(str::to_owned)
}

/// One `details` item: its `@type`'s short name as the code, its reason or description
/// as the message, the field of a `BadRequest` violation where there is one.
fn read_detail(detail: serde_json::Value) -> ErrorDetail {
    let code = detail_text(&detail, &["@type"]).map(|t| {
        t.rsplit(['/', '.'])
            .next()
            .map_or_else(String::new, str::to_owned)
    });
    let violation = detail
        .get("field_violations")
        .or_else(|| detail.get("fieldViolations"))
        .and_then(|v| v.get(0));
    let message = detail_text(&detail, &["reason", "description", "detail"])
        .or_else(|| violation.and_then(|v| detail_text(v, &["description"])))
        .unwrap_or_else(|| crate::json::to_text(&detail));
    ErrorDetail {
        code,
        message,
        field: violation.and_then(|v| detail_text(v, &["field"])),
    }
}

/// A `RetryInfo` detail's `retry_delay` (`"1.5s"`, or `{seconds, nanos}`), in milliseconds.
fn retry_delay_ms(detail: &serde_json::Value) -> Option<u64> {
    let kind = detail.get("@type")?.as_str()?;
    if !kind.ends_with("RetryInfo") {
        return None;
    }
    let delay = detail
        .get("retry_delay")
        .or_else(|| detail.get("retryDelay"))?;
    match delay {
        serde_json::Value::String(text) => {
            let secs = text.trim().strip_suffix('s')?;
            let (whole, fraction) = secs.split_once('.').unwrap_or((secs, ""));
            let whole: u64 = whole.parse().ok()?;
            let millis = fraction
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(3)
                .try_fold(0u64, |acc, b| {
                    b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
                })?;
            whole.checked_mul(1000)?.checked_add(millis)
        }
        serde_json::Value::Object(_) => {
            let secs = delay
                .get("seconds")
                .and_then(crate::model::databricks::Int64::read)
                .and_then(|s| s.0.parse::<u64>().ok())?;
            let nanos = delay.get("nanos").and_then(|n| n.as_u64()).unwrap_or(0);
            secs.checked_mul(1000)?.checked_add(nanos / 1_000_000)
        }
        _ => None,
    }
}

/// A non-JSON error body: `ERROR_CODE: message` text, an HTML page's `<pre>` or `<title>`,
/// other text as it is; empty: nothing (the status speaks).
fn text_error(body: &str) -> (Option<String>, Option<String>) {
    let text = body.trim();
    if text.is_empty() {
        return (None, None);
    }
    if text.starts_with('<') {
        let inner = |tag: &str| {
            let open = format!("<{tag}>");
            let start = crate::text::find(text, &open)? + open.len();
            let end = crate::text::find(text.get(start..)?, &format!("</{tag}>"))? + start;
            text.get(start..end).map(|t| t.trim().to_owned())
        };
        return (None, inner("pre").or_else(|| inner("title")));
    }
    if let Some((code, message)) = crate::text::split_once(text, ": ") {
        let is_code = !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if is_code {
            return (Some(code.to_owned()), Some(message.trim().to_owned()));
        }
    }
    (None, Some(text.chars().take(500).collect()))
}
