//! The fixed credentials each emulated provider accepts. Public on purpose:
//! `--help`, the start-up banner and the tests all quote them.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

pub const CLOUDFLARE_TOKEN: &str = "cf-emulator-token";
pub const CLOUDFLARE_EMAIL: &str = "admin@example.com";
pub const CLOUDFLARE_KEY: &str = "cf-emulator-key";
pub const CLOUDFLARE_ACCOUNT_ID: &str = "0123456789abcdef0123456789abcdef";
pub const CLERK_SECRET_KEY: &str = "sk_test_emulator";
pub const ATLAN_TOKEN: &str = "atlan-emulator-token";

/// The token of an `Authorization: Bearer <token>` header, if there is one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Human-readable summary for `--help` and the start-up banner.
pub fn summary() -> String {
    format!(
        "cloudflare: Authorization: Bearer {CLOUDFLARE_TOKEN} (or X-Auth-Email: {CLOUDFLARE_EMAIL} + \
         X-Auth-Key: {CLOUDFLARE_KEY}), account {CLOUDFLARE_ACCOUNT_ID}; \
         clerk: Authorization: Bearer {CLERK_SECRET_KEY} + Clerk-API-Version: YYYY-MM-DD; \
         atlan: Authorization: Bearer {ATLAN_TOKEN}"
    )
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
