//! Reading credentials off a request, and the summary of what each provider
//! accepts. The credentials themselves live with their provider.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use crate::provider::PROVIDERS;

/// The token of an `Authorization: Bearer <token>` header, if there is one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// One `provider: credentials` line per provider, for `--help`.
pub fn lines() -> Vec<String> {
    PROVIDERS
        .iter()
        .map(|provider| {
            format!(
                "{}: {}",
                provider.name().to_lowercase(),
                provider.credentials()
            )
        })
        .collect()
}

/// The same on one line, for the start-up banner.
pub fn summary() -> String {
    lines().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(AUTHORIZATION, HeaderValue::from_static("bearer abc"));
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
    }
}
