//! The one URL rule both Cloudflare and Clerk apply: an absolute URL with any
//! scheme (native apps register `myapp://callback` or `com.example:/cb`).
//! A hand-written RFC 3986 check keeps the `url` crate and its IDNA tables out.

pub fn is_absolute_url(candidate: &str) -> bool {
    let Some((scheme, rest)) = candidate.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok
        || rest.is_empty()
        || candidate
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let needs_host = matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https");
    match rest.strip_prefix("//") {
        Some(after) => {
            let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
            let host = authority.rsplit('@').next().unwrap_or_default();
            !host.is_empty() && !host.starts_with(':')
        }
        None => !needs_host,
    }
}

#[cfg(test)]
mod tests {
    use super::is_absolute_url;

    #[test]
    fn accepts_absolute_urls_of_any_scheme() {
        for ok in [
            "https://example.com/cb",
            "http://127.0.0.1:3000/callback?x=1",
            "myapp://callback",
            "com.example.app:/oauth2redirect",
            "https://user@example.com",
        ] {
            assert!(is_absolute_url(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_relative_or_broken_urls() {
        for bad in [
            "",
            "/callback",
            "example.com/cb",
            "https://",
            "https:///path",
            "https:example.com",
            "1http://x",
            "https://exa mple.com",
            "https://:443/",
        ] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }
}
