//! Credentials as token sources: the client asks them for headers before every attempt.
//!
//! Static credentials (API tokens, Cloudflare's global key) answer at once. OAuth client
//! credentials are exchanged for an access token at the provider's token endpoint; the
//! token is cached until shortly before it expires and fetched once however many calls
//! need it at the same moment. The exchange is plain data ([`token_request`],
//! [`parse_token`]), so sending, retrying and the clock stay with the caller.
//!
//! Secrets and tokens are [`Secret`]s or live behind redacting `Debug` impls, and errors
//! never quote them.

mod source;
mod token;

#[cfg(test)]
mod tests;

pub use source::{send_authorized, TokenSource};
pub use token::{parse_token, token_request, Token};

use crate::model::Secret;

/// How requests authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// None: an open endpoint (RFC 7591 open registration).
    None,
    /// `Authorization: Bearer <token>`: API tokens, secret keys, access tokens.
    Bearer(Secret),
    /// Cloudflare's legacy global API key: `X-Auth-Email` + `X-Auth-Key`.
    CloudflareApiKey {
        /// The account's e-mail address.
        email: String,
        /// The global API key.
        key: Secret,
    },
    /// An OAuth client's id and secret, exchanged for access tokens as needed.
    ClientCredentials(ClientCredentials),
}

/// An OAuth client that authenticates with the client credentials grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// The token endpoint, an absolute URL.
    pub token_url: String,
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: Secret,
    /// The scope to ask for (space-separated), if the provider needs one
    /// (`all-apis` on Databricks). Not sent by [`TokenStyle::AtlanJson`].
    pub scope: Option<String>,
    /// How the endpoint wants to be asked.
    pub style: TokenStyle,
}

/// How a token endpoint wants the client credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStyle {
    /// RFC 6749 §4.4: form body `grant_type=client_credentials(&scope=..)`, client
    /// authenticated with HTTP Basic (`client_secret_basic`). Databricks M2M.
    FormBasic,
    /// The same form with `client_id` and `client_secret` in the body
    /// (`client_secret_post`). SailPoint ISC (`POST /oauth/token`).
    FormPost,
    /// Atlan's exchange: `POST` JSON `{"clientId","clientSecret"}` ->
    /// `{"accessToken","tokenType","expiresIn"}` (snake_case `access_token`/`expires_in`
    /// also accepted; default expiry 600 s).
    AtlanJson,
}

/// A header for a request, its name lowercase as [`crate::request::HttpRequest`] keeps them.
fn header(name: &str, value: String) -> (String, String) {
    (name.to_owned(), value)
}

/// `Authorization: Bearer <token>`.
fn bearer(token: &Secret) -> (String, String) {
    header("authorization", format!("Bearer {}", token.expose()))
}
