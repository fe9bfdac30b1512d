//! HTTP requests and responses as plain data: what the providers build and parse,
//! and what the transport sends. Nothing here performs IO.

use std::fmt;

use crate::error::{Error, Result};

/// The HTTP methods the providers' APIs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether the request may be sent again after a failure that does not prove the
    /// server did nothing (a 5xx, a dropped connection): reads, and deletes, which change
    /// nothing more the second time. Writes (`POST`, `PATCH`, and `PUT` too, which Atlan
    /// uses for updates) are sent again only after a 429, which servers answer before
    /// doing any work: a create, rotate or update is never sent twice.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
}

/// Header names whose values are credentials: never shown by `Debug`.
const SECRET_HEADERS: [&str; 3] = ["authorization", "x-auth-key", "x-auth-user-service-key"];

/// A request ready to send: method, absolute URL, headers and an optional JSON body.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included.
    pub url: String,
    /// Header names (lowercase) and values.
    pub headers: Vec<(String, String)>,
    /// The JSON body text, if any.
    pub body: Option<String>,
    /// The request carries its own credentials (a token issued for one item) or needs none
    /// (a public metadata document): the client's configured ones are not added.
    pub own_credentials: bool,
}

impl HttpRequest {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: String) -> Self {
        HttpRequest {
            method,
            url,
            headers: Vec::new(),
            body: None,
            own_credentials: false,
        }
    }

    /// Authenticates with `token` (`Authorization: Bearer`) instead of the configured
    /// credentials.
    pub fn own_bearer(mut self, token: &crate::model::Secret) -> Self {
        self.own_credentials = true;
        self.header("authorization", format!("Bearer {}", token.expose()))
    }

    /// Sends no credentials: the resource is public.
    pub fn public(mut self) -> Self {
        self.own_credentials = true;
        self
    }

    /// Sets a JSON body (and its Content-Type).
    pub fn json_body<T: crate::json::ToJson + ?Sized>(self, body: &T) -> Self {
        self.json_text(crate::json::to_text(body))
    }

    /// Sets a body already written as JSON text (and its Content-Type).
    pub fn json_text(self, text: String) -> Self {
        self.body_text("application/json", text)
    }

    /// Sets a body and its Content-Type, for media types other than plain JSON
    /// (`application/json-patch+json`, a token request's form).
    pub fn body_text(mut self, content_type: &str, text: String) -> Self {
        self.body = Some(text);
        self.header("content-type", content_type)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// The value of header `name` (lowercase), if set.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if SECRET_HEADERS.contains(&n.as_str()) {
                    "[redacted]"
                } else {
                    v
                };
                (n.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            // Bodies can carry secrets (RFC 7591 updates echo client_secret): show only their size.
            .field("body_len", &self.body.as_ref().map(String::len))
            .finish()
    }
}

/// A received response: status, headers (names lowercase) and the body text.
#[derive(Clone, PartialEq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// Header names (lowercase) and values.
    pub headers: Vec<(String, String)>,
    /// The body text.
    pub body: String,
}

/// Bodies can carry a one-time secret (create, rotate): `Debug` shows only their size.
impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl HttpResponse {
    /// The value of header `name` (lowercase), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Decodes the body as `T`; an empty body reads as JSON `null`.
    pub fn json<T: crate::json::FromJson>(&self) -> std::result::Result<T, String> {
        crate::json::read_text(&self.body)
    }

    /// Decodes the body as `T`, naming `what` in the error.
    pub fn decode<T: crate::json::FromJson>(&self, what: &str) -> Result<T> {
        let value = crate::json::parse_text(&self.body).map_err(|e| self.decode_error(what, e))?;
        T::from_json(value).map_err(|e| self.decode_error(what, e.into_message()))
    }

    /// The error for a body [`HttpResponse::decode`] could not read.
    #[inline(never)]
    fn decode_error(&self, what: &str, reason: String) -> Error {
        Error::decode(what, reason).with_status(self.status)
    }
}

/// Percent-encodes `segment` for use as one URL path segment or query value.
pub fn encode_component(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Appends `?k=v&...` (values encoded) to `url`; pairs with no value are left out.
pub fn with_query(mut url: String, pairs: &[(&str, Option<String>)]) -> String {
    let mut sep = if url.contains('?') { '&' } else { '?' };
    for (key, value) in pairs {
        if let Some(value) = value {
            url.push(sep);
            url.push_str(key);
            url.push('=');
            url.push_str(&encode_component(value));
            sep = '&';
        }
    }
    url
}

/// Joins a base URL given by the caller and a path, with exactly one slash between them.
pub fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// Checks that `value` is an id that can stand in a URL path: non-empty, no slash tricks.
///
/// Every id reaches a URL through here (the kinds' dispatch checks `id` and parent ids before
/// any builder runs). `.` and `..` are rejected: percent-encoding keeps dots, and a server
/// would read them as "this" or "the parent" path segment, sending a delete to the
/// collection or the account root. Other characters are percent-encoded into one segment.
pub fn require_id<'a>(field: &str, value: &'a str) -> Result<&'a str> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid(
            field,
            "must be an id, not a `.` or `..` path segment",
        ));
    }
    Ok(value)
}

/// Whether `value` is an absolute URL: a scheme, a colon, and for http(s) a host.
///
/// A full WHATWG parser would triple the module's size; this catches what providers
/// reject (relative paths, spaces, missing scheme or host) and lets the server judge the rest.
pub fn is_absolute_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
        let Some(after) = rest.strip_prefix("//") else {
            return false;
        };
        let authority = after.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit('@').next().unwrap_or("");
        return !host.is_empty() && !host.starts_with(':');
    }
    true
}

/// Checks an API root a caller gave: `http(s)://host[:port][/path]` with no user name or
/// password, query or fragment (each would move or leak the requests), and `https` unless
/// the host is loopback or `allow_http` says the network is private. The URL is never
/// quoted in the error: it may carry a password.
pub fn check_base_url(url: &str, allow_http: bool) -> Result<()> {
    let (scheme, rest) = crate::text::split_once(url, "://").unwrap_or_default();
    let http = scheme.eq_ignore_ascii_case("http");
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    let well_formed = (http || scheme.eq_ignore_ascii_case("https"))
        && !host.is_empty()
        && !authority.contains('@')
        && !url
            .bytes()
            .any(|b| b <= b' ' || b == 0x7f || b == b'?' || b == b'#');
    if !well_formed {
        return Err(Error::invalid(
            "baseUrl",
            "must be http(s)://host[:port][/path], without user name, password, spaces, query or fragment",
        ));
    }
    if http && !allow_http && !is_loopback(host) {
        return Err(Error::invalid(
            "baseUrl",
            "must use https (http is accepted for localhost, or with `allowHttp: true` on a private network)",
        ));
    }
    Ok(())
}

/// Whether `host` (without brackets) is this machine.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || (host.starts_with("127.")
            && host.split('.').count() == 4
            && host.split('.').all(|p| p.parse::<u8>().is_ok()))
}

/// The origin of an absolute `http(s)` URL, `scheme://host[:port]` in lowercase with the
/// scheme's default port left out; `None` for anything else, or a URL with a user name
/// (which would let `https://trusted@evil` pass for `trusted`).
pub fn origin(url: &str) -> Option<String> {
    if !is_http_url(url) {
        return None;
    }
    let (scheme, rest) = crate::text::split_once(url, "://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains('@') || authority.is_empty() {
        return None;
    }
    let (scheme, authority) = (scheme.to_ascii_lowercase(), authority.to_ascii_lowercase());
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

/// Whether `value` is an absolute `http:` or `https:` URL (an API root).
pub fn is_http_url(value: &str) -> bool {
    let scheme = value.split(':').next().unwrap_or("");
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && is_absolute_url(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_credentials_and_bodies() {
        let req = HttpRequest::new(Method::Post, "https://x.test/a".into())
            .header("Authorization", "Bearer s3cr3t")
            .header("X-Auth-Key", "k3y")
            .json_body(&serde_json::json!({"client_secret": "hush"}));
        let shown = format!("{req:?}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("k3y") && !shown.contains("hush"),
            "{shown}"
        );
        assert!(shown.contains("[redacted]"));
        assert_eq!(req.header_value("content-type"), Some("application/json"));
    }

    #[test]
    fn bodies_carry_their_media_type() {
        let req = HttpRequest::new(Method::Patch, "https://x.test/a".into())
            .body_text("application/json-patch+json", "[]".into());
        assert_eq!(req.body.as_deref(), Some("[]"));
        assert_eq!(
            req.header_value("content-type"),
            Some("application/json-patch+json")
        );
        assert_eq!(req.headers.len(), 1);
    }

    #[test]
    fn components_are_percent_encoded() {
        assert_eq!(
            encode_component("a b/c?d&e=é"),
            "a%20b%2Fc%3Fd%26e%3D%C3%A9"
        );
        assert_eq!(
            encode_component("oauth-client-1.x~y_z"),
            "oauth-client-1.x~y_z"
        );
    }

    #[test]
    fn query_skips_missing_values() {
        let url = with_query(
            "https://x.test/l".into(),
            &[
                ("limit", Some("10".into())),
                ("q", None),
                ("name", Some("a b".into())),
            ],
        );
        assert_eq!(url, "https://x.test/l?limit=10&name=a%20b");
    }

    #[test]
    fn join_url_has_one_slash() {
        assert_eq!(join_url("https://a.test/v1/", "/x"), "https://a.test/v1/x");
        assert_eq!(join_url("https://a.test/v1", "x"), "https://a.test/v1/x");
    }

    #[test]
    fn absolute_urls() {
        for ok in [
            "https://example.com/cb",
            "http://127.0.0.1:3000/cb",
            "myapp://callback",
            "urn:ietf:wg:oauth:2.0:oob",
        ] {
            assert!(is_absolute_url(ok), "{ok}");
        }
        for bad in [
            "",
            "example.com/cb",
            "/cb",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "1http://x",
            "https:example.com",
        ] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }

    #[test]
    fn http_urls() {
        assert!(is_http_url("https://api.example.com/v1") && is_http_url("HTTP://127.0.0.1:8787"));
        assert!(
            !is_http_url("ftp://example.com")
                && !is_http_url("myapp://x")
                && !is_http_url("https://")
        );
    }

    #[test]
    fn empty_text_body_decodes_as_null() {
        let resp = |body: &str| HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: body.into(),
        };
        assert_eq!(resp(" ").json::<Option<u32>>(), Ok(None));
        assert!(resp("{").json::<u32>().is_err());
    }

    #[test]
    fn ids_cannot_leave_their_path_segment() {
        for bad in ["", " ", ".", ".."] {
            assert!(require_id("id", bad).is_err(), "{bad:?}");
        }
        for fine in ["...", "a.b", "%2e%2e", "a/b"] {
            assert_eq!(require_id("id", fine).ok(), Some(fine));
        }
        assert_eq!(encode_component("a/b"), "a%2Fb");
        assert_eq!(encode_component("%2e%2e"), "%252e%252e");
    }

    #[test]
    fn base_urls_are_parsed_not_trusted() {
        for fine in [
            "https://api.cloudflare.com/client/v4",
            "https://acme.atlan.com",
            "http://127.0.0.1:8787/v1",
            "http://localhost:3000",
            "http://[::1]:8080",
            "HTTPS://API.EXAMPLE.COM/",
        ] {
            assert!(check_base_url(fine, false).is_ok(), "{fine}");
        }
        for (bad, allow_http) in [
            ("http://admin:PW@api.example.com", false),
            ("https://admin:PW@api.example.com", false),
            ("https://api.example.com/v1?x=1", false),
            ("https://api.example.com/v1#frag", false),
            ("http://api.example.com", false),
            ("http://127.0.0.1.evil.com", false),
            ("ftp://api.example.com", false),
            ("api.example.com", false),
            ("https://", false),
            ("https://:443/v1", false),
            ("https://api.example.com/a b", false),
        ] {
            let err = check_base_url(bad, allow_http).unwrap_err();
            assert_eq!(err.details[0].field.as_deref(), Some("baseUrl"), "{bad}");
            assert!(
                !err.message.contains("PW") && !err.message.contains("example"),
                "{}",
                err.message
            );
        }
        assert!(check_base_url("http://keycloak.internal:8080", true).is_ok());
        assert!(check_base_url("http://u:p@keycloak.internal", true).is_err());
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(
            origin("HTTPS://AS.Example.com:443/reg?x#y").as_deref(),
            Some("https://as.example.com")
        );
        assert_eq!(
            origin("http://127.0.0.1:4000/reg/abc").as_deref(),
            Some("http://127.0.0.1:4000")
        );
        assert_ne!(
            origin("https://as.example.com"),
            origin("https://as.example.com:8443")
        );
        for none in [
            "https://as.example.com@evil.test/x",
            "myapp://cb",
            "/reg",
            "",
        ] {
            assert_eq!(origin(none), None, "{none}");
        }
    }

    #[test]
    fn response_debug_hides_the_body() {
        let resp = HttpResponse {
            status: 201,
            headers: vec![("content-type".into(), "application/json".into())],
            body: r#"{"client_secret":"s3cr3t"}"#.into(),
        };
        let shown = format!("{resp:?}");
        assert!(
            shown.contains("201") && shown.contains("body_len: 26"),
            "{shown}"
        );
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
}
