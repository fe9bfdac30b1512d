//! Credentials and how they go on a request. Values are [`Secret`]s: never in `Debug`.

use crate::model::Secret;
use crate::request::HttpRequest;

/// How requests authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `Authorization: Bearer <token>`: API tokens, secret keys, access tokens.
    Bearer(Secret),
    /// Cloudflare's legacy global API key: `X-Auth-Email` + `X-Auth-Key`.
    CloudflareApiKey {
        /// The account's e-mail address.
        email: String,
        /// The global API key.
        key: Secret,
    },
    /// An OAuth access token from the client credentials grant.
    ClientCredentials(ClientCredentials),
}

/// An OAuth client that logs in with the client credentials grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// The token endpoint.
    pub token_url: String,
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: Secret,
    /// The scope to ask for.
    pub scope: Option<String>,
    /// How the token request is written.
    pub style: TokenStyle,
}

/// How a token request is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStyle {
    /// RFC 6749 form body, client authenticated with HTTP Basic.
    FormBasic,
    /// RFC 6749 form body with the client id and secret in it.
    FormPost,
    /// Atlan's JSON exchange.
    AtlanJson,
}

impl Credentials {
    /// `req` with the credential headers added.
    pub fn apply(&self, req: HttpRequest) -> HttpRequest {
        match self {
            Credentials::Bearer(token) => {
                req.header("authorization", format!("Bearer {}", token.expose()))
            }
            Credentials::CloudflareApiKey { email, key } => req
                .header("x-auth-email", email.clone())
                .header("x-auth-key", key.expose()),
            Credentials::ClientCredentials(_) => req,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Method;

    #[test]
    fn bearer_and_api_key_headers() {
        let req = || HttpRequest::new(Method::Get, "https://x.test".into());
        let bearer = Credentials::Bearer(Secret::new("tok")).apply(req());
        assert_eq!(bearer.header_value("authorization"), Some("Bearer tok"));
        let key = Credentials::CloudflareApiKey {
            email: "a@b.c".into(),
            key: Secret::new("k"),
        }
        .apply(req());
        assert_eq!(key.header_value("x-auth-email"), Some("a@b.c"));
        assert_eq!(key.header_value("x-auth-key"), Some("k"));
        assert!(!format!("{:?}", Credentials::Bearer(Secret::new("tok"))).contains("tok"));
    }
}
