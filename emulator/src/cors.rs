//! CORS, and who may call the test hooks. Hand-written: it is two small
//! functions and an origin parser.
//!
//! - **Provider routes** answer every origin (`Access-Control-Allow-Origin:
//!   *`), so the wasm library can be exercised from a browser page on another
//!   origin, as it is against the real services.
//! - **Test hooks** (`/__emulator/*`) can reset data, inject faults and read
//!   the request log, so a page on some other origin that happens to be open
//!   while the emulator runs must not reach them. They answer requests
//!   without an `Origin` (Node, curl, Rust tests), same-origin requests, and
//!   the origins given with `--allow-origin` (the demo page's). Anything else
//!   gets 403 before the hook runs, so even a request the browser sends
//!   without a preflight (`POST /__emulator/reset`) changes nothing.

use std::sync::{Arc, LazyLock};

use axum::Json;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, HOST, ORIGIN, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::control;
use crate::provider::PROVIDERS;

const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const HOOK_METHODS: &str = "GET, POST, DELETE";
const HOOK_HEADERS: &str = "content-type";
/// Set by browsers on every request; anything but these two on a request
/// without `Origin` is a cross-origin subresource load (`<script src>`).
const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// `authorization` and `content-type`, then each provider's own request
/// headers (Cloudflare's `x-auth-*`, Clerk's API version).
static ALLOW_HEADERS: LazyLock<HeaderValue> = LazyLock::new(|| {
    let mut names = vec!["authorization", "content-type"];
    names.extend(PROVIDERS.iter().flat_map(|p| p.request_headers()));
    joined(&names)
});

/// `retry-after`, each provider's own response headers (Cloudflare's rate
/// limits), then `x-request-id`.
static EXPOSE_HEADERS: LazyLock<HeaderValue> = LazyLock::new(|| {
    let mut names = vec!["retry-after"];
    names.extend(
        PROVIDERS
            .iter()
            .flat_map(|p| p.response_headers())
            .map(|(name, _)| *name),
    );
    names.push("x-request-id");
    joined(&names)
});

/// A comma-separated header value. Only a bad name in the provider table,
/// which a unit test rules out, could make it invalid; then it is empty.
fn joined(names: &[&str]) -> HeaderValue {
    HeaderValue::from_str(&names.join(", ")).unwrap_or(HeaderValue::from_static(""))
}

/// The origins, besides the emulator's own, whose pages may call the test
/// hooks: the demo page's, given with `--allow-origin`. Empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins(Arc<[String]>);

impl AllowedOrigins {
    /// Each entry is a URL such as `http://127.0.0.1:8080/`; only its origin
    /// (scheme, host and port, as a browser sends it in `Origin`) is kept.
    pub fn parse<S: AsRef<str>>(urls: impl IntoIterator<Item = S>) -> Result<Self, String> {
        let mut origins = Vec::new();
        for url in urls {
            let origin = origin_of(url.as_ref())?;
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        Ok(Self(origins.into()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    fn contains(&self, origin: &str) -> bool {
        self.0.iter().any(|allowed| allowed == origin)
    }
}

/// The serialised origin of an `http` or `https` URL: lower-case scheme and
/// host, the port only when it is not the scheme's default, no trailing
/// slash. A path other than `/`, a query, a fragment, userinfo or a wildcard
/// is refused rather than silently dropped, since it suggests a mistake.
pub fn origin_of(url: &str) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("allowed origin {url:?}: {why}"));
    let Some((scheme, rest)) = url.trim().split_once("://") else {
        return refuse("expected an http:// or https:// URL");
    };
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return refuse("expected an http:// or https:// URL"),
    };
    let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    if !path.is_empty() && path != "/" {
        return refuse("an origin has no path, query or fragment");
    }
    if authority.contains('@') {
        return refuse("an origin has no user name or password");
    }
    let (host, port) = match authority.rsplit_once(':') {
        // An IPv6 literal's colons are inside the brackets.
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
    if !host_ok {
        return refuse("not a valid host");
    }
    let host = host.to_ascii_lowercase();
    match port {
        None => Ok(format!("{scheme}://{host}")),
        Some(port) if port.parse::<u16>().is_err() => refuse("not a valid port"),
        Some(port) if port.trim_start_matches('0') == default_port => {
            Ok(format!("{scheme}://{host}"))
        }
        Some(port) => Ok(format!(
            "{scheme}://{host}:{}",
            port.parse::<u16>().unwrap_or(0)
        )),
    }
}

/// Whether a request may call a hook, and whether its answer needs CORS
/// headers for the browser to read it.
#[derive(Debug, PartialEq, Eq)]
enum HookAccess {
    /// No `Origin`, or the emulator's own: no CORS headers needed.
    Direct,
    /// An allowed page on another origin: echo it.
    CrossOrigin(HeaderValue),
    Refused(String),
}

fn hook_access(headers: &HeaderMap, allowed: &AllowedOrigins) -> HookAccess {
    let host = headers.get(HOST).and_then(|value| value.to_str().ok());
    // DNS rebinding: a page on `http://evil.example:8787` whose name now
    // resolves to 127.0.0.1 is "same-origin" to the browser, but it names
    // its own host. Clients that send no Host (in-process tests) pass.
    if let Some(host) = host {
        if !is_loopback_host(host) {
            return HookAccess::Refused(format!(
                "the test hooks answer only on a loopback host name, not {host:?}"
            ));
        }
    }
    let Some(origin) = headers.get(ORIGIN) else {
        let site = headers
            .get(SEC_FETCH_SITE)
            .and_then(|value| value.to_str().ok());
        return match site {
            None | Some("same-origin" | "none") => HookAccess::Direct,
            Some(_) => HookAccess::Refused(
                "the test hooks do not answer another site's subresource loads".into(),
            ),
        };
    };
    let text = origin.to_str().unwrap_or_default();
    if host.is_some_and(|host| text.eq_ignore_ascii_case(&format!("http://{host}"))) {
        return HookAccess::Direct;
    }
    if allowed.contains(text) {
        return HookAccess::CrossOrigin(origin.clone());
    }
    HookAccess::Refused(format!(
        "the test hooks answer only same-origin requests, requests without an Origin and the \
         origins given with --allow-origin; {text:?} is not one of them"
    ))
}

/// `127.0.0.1`, `localhost` or `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    };
    name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost") || name == "[::1]"
}

/// Answers preflights itself (so they never reach the request log, a fault
/// or a hook) and decorates every other response.
pub async fn cors(State(allowed): State<AllowedOrigins>, request: Request, next: Next) -> Response {
    if control::is_hook(request.uri().path()) {
        return hook_cors(&allowed, request, next).await;
    }
    let mut response = if request.method() == Method::OPTIONS {
        preflight(
            HeaderValue::from_static(ALLOW_METHODS),
            ALLOW_HEADERS.clone(),
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS.clone());
    response
}

async fn hook_cors(allowed: &AllowedOrigins, request: Request, next: Next) -> Response {
    let mut response = match hook_access(request.headers(), allowed) {
        HookAccess::Refused(message) => {
            (StatusCode::FORBIDDEN, Json(json!({ "error": message }))).into_response()
        }
        HookAccess::Direct => next.run(request).await,
        HookAccess::CrossOrigin(origin) => {
            let mut response = if request.method() == Method::OPTIONS {
                preflight(
                    HeaderValue::from_static(HOOK_METHODS),
                    HeaderValue::from_static(HOOK_HEADERS),
                )
            } else {
                next.run(request).await
            };
            response
                .headers_mut()
                .insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response
        }
    };
    // The answer depends on the Origin: no cache may serve one origin's to another.
    response
        .headers_mut()
        .insert(VARY, HeaderValue::from_static("origin"));
    response
}

fn preflight(methods: HeaderValue, headers: HeaderValue) -> Response {
    let mut preflight = StatusCode::NO_CONTENT.into_response();
    let map = preflight.headers_mut();
    map.insert(ACCESS_CONTROL_ALLOW_METHODS, methods);
    map.insert(ACCESS_CONTROL_ALLOW_HEADERS, headers);
    map.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    preflight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists_come_from_the_provider_table() {
        assert_eq!(
            *ALLOW_HEADERS,
            "authorization, content-type, x-auth-email, x-auth-key, clerk-api-version"
        );
        assert_eq!(
            *EXPOSE_HEADERS,
            "retry-after, ratelimit, ratelimit-policy, x-request-id"
        );
    }

    #[test]
    fn origins_are_normalised_like_browsers_send_them() {
        for (url, origin) in [
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("HTTP://LocalHost:5173", "http://localhost:5173"),
            (
                "https://admin.example.com:443/",
                "https://admin.example.com",
            ),
            ("http://example.com:80", "http://example.com"),
            ("http://[::1]:8080/", "http://[::1]:8080"),
            ("http://[::1]", "http://[::1]"),
        ] {
            assert_eq!(origin_of(url).as_deref(), Ok(origin), "{url}");
        }
        for bad in [
            "",
            "*",
            "null",
            "127.0.0.1:8080",
            "file:///tmp/x.html",
            "http://",
            "http://user:pw@127.0.0.1:8080",
            "http://127.0.0.1:8080/admin/",
            "http://127.0.0.1:8080/?x",
            "http://127.0.0.1:8080#x",
            "http://127.0.0.1:99999",
            "http://*.example.com",
        ] {
            assert!(origin_of(bad).is_err(), "{bad}");
        }
        let parsed = AllowedOrigins::parse(["http://a.test/", "http://a.test"]).expect("valid");
        assert_eq!(parsed.iter().collect::<Vec<_>>(), ["http://a.test"]);
    }

    fn access(pairs: &[(&str, &str)], allowed: &[&str]) -> HookAccess {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                HeaderValue::from_str(value).expect("value"),
            );
        }
        hook_access(&headers, &AllowedOrigins::parse(allowed).expect("valid"))
    }

    #[test]
    fn hooks_answer_direct_same_origin_and_allowed_callers_only() {
        let host = ("host", "127.0.0.1:8787");
        let demo = ["http://127.0.0.1:8080/"];
        // Node, curl: no Origin.
        assert_eq!(access(&[host], &[]), HookAccess::Direct);
        assert_eq!(access(&[], &[]), HookAccess::Direct);
        // A same-origin navigation or fetch.
        assert_eq!(
            access(&[host, ("sec-fetch-site", "same-origin")], &[]),
            HookAccess::Direct
        );
        assert_eq!(
            access(&[host, ("origin", "http://127.0.0.1:8787")], &[]),
            HookAccess::Direct
        );
        // The demo page, when allowed.
        assert_eq!(
            access(&[host, ("origin", "http://127.0.0.1:8080")], &demo),
            HookAccess::CrossOrigin(HeaderValue::from_static("http://127.0.0.1:8080"))
        );
        for refused in [
            access(&[host, ("origin", "http://127.0.0.1:8080")], &[]),
            access(&[host, ("origin", "https://evil.example")], &demo),
            access(&[host, ("origin", "null")], &demo),
            access(&[("origin", "http://127.0.0.1:8787")], &[]),
            // <script src> from another site sends no Origin.
            access(&[host, ("sec-fetch-site", "cross-site")], &demo),
            access(&[host, ("sec-fetch-site", "same-site")], &demo),
            // DNS rebinding: the browser thinks it is same-origin.
            access(&[("host", "evil.example:8787")], &[]),
            access(
                &[
                    ("host", "evil.example:8787"),
                    ("origin", "http://evil.example:8787"),
                ],
                &[],
            ),
        ] {
            assert!(matches!(refused, HookAccess::Refused(_)), "{refused:?}");
        }
    }

    #[test]
    fn loopback_host_names() {
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8787",
            "localhost:1",
            "LOCALHOST",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "127.0.0.2:80",
            "localhost.evil.example",
            "x:127.0.0.1",
            "",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
