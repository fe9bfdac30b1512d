//! Authorization server metadata (OpenID Connect Discovery 1.0 §4, RFC 8414 §3): where a
//! server's endpoints are, read from its issuer's well-known documents. Pure: the requests
//! to send and what their answers mean; the client sends them once and keeps the result.

use crate::error::{Error, ErrorKind, Result};
use crate::request::{origin, HttpRequest, HttpResponse, Method};

/// What this library reads of a server's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerMetadata {
    /// The issuer, equal to the one configured.
    pub issuer: String,
    /// The RFC 7591 registration endpoint, where the server offers registration.
    pub registration_endpoint: Option<String>,
}

wire! {
    struct Document {
        issuer: Option<String> = "issuer",
        registration_endpoint: Option<String> = "registration_endpoint",
    }
}

/// The documents to ask for, in order: `{issuer}/.well-known/openid-configuration`, then
/// RFC 8414's `/.well-known/oauth-authorization-server` inserted before the issuer's path.
/// Both are public: no credentials go with them.
pub fn metadata_requests(issuer: &str) -> [HttpRequest; 2] {
    let trimmed = issuer.trim_end_matches('/');
    let openid = format!("{trimmed}/.well-known/openid-configuration");
    let (scheme, rest) = crate::text::split_once(trimmed, "://").unwrap_or(("https", trimmed));
    // `split_at_checked`: `split_at`'s panic path would keep `core`'s `Debug` formatting.
    let (host, path) = rest
        .find('/')
        .and_then(|at| rest.split_at_checked(at))
        .unwrap_or((rest, ""));
    let rfc8414 = format!("{scheme}://{host}/.well-known/oauth-authorization-server{path}");
    [openid, rfc8414].map(|url| {
        HttpRequest::new(Method::Get, url)
            .header("accept", "application/json")
            .public()
    })
}

/// Whether an answer to the first request means "ask the second": the document is not
/// there (404, 405, 410), as on servers that implement only RFC 8414.
pub fn try_next(resp: &HttpResponse) -> bool {
    matches!(resp.status, 404 | 405 | 410)
}

/// Reads a metadata document for `issuer`: its `issuer` must equal the one configured
/// (OpenID Connect Discovery §4.3, RFC 8414 §3.3), and its registration endpoint must be
/// on the issuer's origin, where the initial access token may go.
pub fn parse_metadata(issuer: &str, resp: &HttpResponse) -> Result<ServerMetadata> {
    if !resp.is_success() {
        return Err(Error::new(
            ErrorKind::from_status(resp.status),
            format!(
                "the issuer's metadata could not be fetched (HTTP {}); check `issuer`, or give \
                 `registrationEndpoint` instead",
                resp.status
            ),
        )
        .with_status(resp.status));
    }
    let doc: Document = resp.decode("the issuer's metadata")?;
    if doc.issuer.as_deref() != Some(issuer) {
        return Err(Error::decode(
            "the issuer's metadata",
            format!("its `issuer` is not the configured one, `{issuer}` (RFC 8414 §3.3)"),
        )
        .with_status(resp.status));
    }
    if let Some(endpoint) = &doc.registration_endpoint {
        if origin(endpoint).is_none() || origin(endpoint) != origin(issuer) {
            return Err(Error::decode(
                "the issuer's metadata",
                "its `registration_endpoint` is not on the issuer's origin; give \
                 `registrationEndpoint` to use it",
            )
            .with_status(resp.status));
        }
    }
    Ok(ServerMetadata {
        issuer: issuer.to_owned(),
        registration_endpoint: doc.registration_endpoint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> HttpResponse {
        HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    #[test]
    fn asks_openid_then_rfc8414_without_credentials() {
        let [first, second] = metadata_requests("https://as.example.com/tenant/a/");
        assert_eq!(
            first.url,
            "https://as.example.com/tenant/a/.well-known/openid-configuration"
        );
        assert_eq!(
            second.url,
            "https://as.example.com/.well-known/oauth-authorization-server/tenant/a"
        );
        assert!(first.own_credentials && second.own_credentials);
        assert!(first.header_value("authorization").is_none());
        let [_, root] = metadata_requests("http://127.0.0.1:4000");
        assert_eq!(
            root.url,
            "http://127.0.0.1:4000/.well-known/oauth-authorization-server"
        );
    }

    #[test]
    fn reads_the_registration_endpoint() {
        let meta = parse_metadata(
            "https://as.example.com",
            &ok(r#"{"issuer":"https://as.example.com","registration_endpoint":"https://as.example.com/reg","token_endpoint":"https://as.example.com/token"}"#),
        )
        .unwrap();
        assert_eq!(
            meta.registration_endpoint.as_deref(),
            Some("https://as.example.com/reg")
        );
        let none = parse_metadata(
            "https://as.example.com",
            &ok(r#"{"issuer":"https://as.example.com"}"#),
        )
        .unwrap();
        assert_eq!(none.registration_endpoint, None);
    }

    #[test]
    fn the_issuer_must_match_and_the_endpoint_stay_on_its_origin() {
        let issuer = "https://as.example.com";
        for body in [
            r#"{"issuer":"https://evil.example.com"}"#,
            r#"{"issuer":"https://as.example.com/"}"#,
            r#"{}"#,
        ] {
            let err = parse_metadata(issuer, &ok(body)).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Decode, "{body}");
            assert!(err.message.contains("issuer"), "{}", err.message);
        }
        let err = parse_metadata(
            issuer,
            &ok(r#"{"issuer":"https://as.example.com","registration_endpoint":"https://evil.example.com/reg"}"#),
        )
        .unwrap_err();
        assert!(
            err.message.contains("registration_endpoint"),
            "{}",
            err.message
        );
    }

    #[test]
    fn only_a_missing_document_moves_on() {
        let status = |status| HttpResponse {
            status,
            headers: Vec::new(),
            body: String::new(),
        };
        assert!(try_next(&status(404)) && try_next(&status(405)));
        assert!(!try_next(&status(500)) && !try_next(&status(200)));
        let err = parse_metadata("https://as.example.com", &status(503)).unwrap_err();
        assert_eq!((err.kind, err.status), (ErrorKind::Server, Some(503)));
    }
}
