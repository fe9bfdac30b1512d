//! Page-token paging: `page_size` (capped) and opaque `page_token`s, with
//! `next_page_token` absent (or, on some lists, empty) on the last page.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::errors::DatabricksError;
use crate::query::Params;

const DEFAULT_PAGE_SIZE: usize = 20;
/// A larger `page_size` is lowered to this.
pub const MAX_PAGE_SIZE: usize = 50;
const TOKEN_PREFIX: &str = "dbxpt";

/// A token for the page starting at `offset`: not a number a client could
/// compute, so clients must pass back what they were given.
fn token(offset: usize) -> String {
    let hex: String = format!("o{offset}")
        .bytes()
        .map(|b| format!("{:02x}", b ^ 0x5a))
        .collect();
    format!("{TOKEN_PREFIX}{hex}")
}

fn offset(token: &str) -> Option<usize> {
    let hex = token.strip_prefix(TOKEN_PREFIX)?;
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map(|b| b ^ 0x5a)
        })
        .collect();
    String::from_utf8(bytes?)
        .ok()?
        .strip_prefix('o')?
        .parse()
        .ok()
}

/// The page of `items` the request asks for, under `key`. `empty_end`: the
/// last page says `"next_page_token": ""` instead of leaving it out.
pub fn page(
    key: &str,
    items: Vec<Value>,
    params: &Params,
    empty_end: bool,
) -> Result<Response, DatabricksError> {
    let size = match params.count("page_size") {
        Ok(None | Some(0)) => DEFAULT_PAGE_SIZE,
        Ok(Some(n)) => usize::try_from(n)
            .unwrap_or(MAX_PAGE_SIZE)
            .min(MAX_PAGE_SIZE),
        Err(_) => {
            return Err(DatabricksError::invalid(
                "page_size must be a non-negative integer",
            ));
        }
    };
    let start = match params.first("page_token") {
        None | Some("") => 0,
        Some(t) => offset(t).ok_or_else(|| DatabricksError::invalid("Invalid page token"))?,
    };
    let end = start.saturating_add(size).min(items.len());
    let page: Vec<Value> = items
        .get(start..end)
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    let mut out = json!({ key: page });
    if let Value::Object(map) = &mut out {
        if end < items.len() {
            map.insert("next_page_token".into(), json!(token(end)));
        } else if empty_end {
            map.insert("next_page_token".into(), json!(""));
        }
    }
    Ok(Json(out).into_response())
}

/// Standard base64 (with or without padding), for HTTP Basic credentials.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.trim().trim_end_matches('=').bytes() {
        let value = ALPHABET.iter().position(|&a| a == byte)? as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_junk() {
        for n in [0, 7, 1234] {
            assert_eq!(offset(&token(n)), Some(n));
        }
        assert_eq!(offset("20"), None);
        assert_eq!(offset("dbxptzz"), None);
    }

    #[test]
    fn basic_credentials_decode() {
        assert_eq!(
            base64_decode("c3AtYXBwOmRvc2Utc2VjcmV0").as_deref(),
            Some(&b"sp-app:dose-secret"[..])
        );
        assert_eq!(base64_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64_decode("!!"), None);
    }
}
