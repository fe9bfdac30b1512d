//! RFC 7591/7592 dynamic client registration: the client information record and the
//! client metadata callers register or change.
//!
//! Wire names are snake_case (RFC 7591 §2); JS sees camelCase. Language-tagged values
//! (`client_name#ja-Jpan-JP`) and metadata this library does not model travel as sent,
//! in the record's `extra` and through the input's extension keys.

use super::common::SpaceSeparated;

open_enum!(
    /// An OAuth grant type (RFC 7591 §2; extensible).
    Rfc7591GrantType, "\"authorization_code\" | \"implicit\" | \"password\" | \"client_credentials\" | \"refresh_token\" | \"urn:ietf:params:oauth:grant-type:jwt-bearer\" | \"urn:ietf:params:oauth:grant-type:saml2-bearer\" | (string & {})" {
        /// `authorization_code` (RFC 6749 §4.1), the default.
        AuthorizationCode = "authorization_code",
        /// `implicit` (RFC 6749 §4.2).
        Implicit = "implicit",
        /// `password` (RFC 6749 §4.3).
        Password = "password",
        /// `client_credentials` (RFC 6749 §4.4).
        ClientCredentials = "client_credentials",
        /// `refresh_token` (RFC 6749 §6).
        RefreshToken = "refresh_token",
        /// The JWT bearer grant (RFC 7523).
        JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer",
        /// The SAML 2.0 bearer grant (RFC 7522).
        Saml2Bearer = "urn:ietf:params:oauth:grant-type:saml2-bearer",
    }
);

open_enum!(
    /// An OAuth response type (RFC 7591 §2; extensible).
    Rfc7591ResponseType, "\"code\" | \"token\" | (string & {})" {
        /// `code`, the default.
        Code = "code",
        /// `token`.
        Token = "token",
    }
);

open_enum!(
    /// How the client authenticates at the token endpoint (RFC 7591 §2; extensible).
    Rfc7591AuthMethod, "\"client_secret_basic\" | \"client_secret_post\" | \"none\" | (string & {})" {
        /// HTTP Basic with the client secret, the default.
        ClientSecretBasic = "client_secret_basic",
        /// The client secret in the form body.
        ClientSecretPost = "client_secret_post",
        /// A public client: no secret.
        None = "none",
    }
);

record! {
    /// A registered client as the server describes it (RFC 7591 §3.2.1, RFC 7592 §3),
    /// without its secret and registration token (the create result and the store hold
    /// those).
    pub struct Rfc7591Client {
        /// The client id.
        client_id: String = "client_id",
        /// When the id was issued, in Unix seconds.
        client_id_issued_at?: i64 = "client_id_issued_at",
        /// When the secret expires, in Unix seconds; `0` means never.
        client_secret_expires_at?: i64 = "client_secret_expires_at",
        /// Where users may be sent back after authorizing.
        redirect_uris?: Vec<String> = "redirect_uris",
        /// How the client authenticates at the token endpoint.
        token_endpoint_auth_method?: Rfc7591AuthMethod = "token_endpoint_auth_method",
        /// Grant types the client may use.
        grant_types?: Vec<Rfc7591GrantType> = "grant_types",
        /// Response types the client may use.
        response_types?: Vec<Rfc7591ResponseType> = "response_types",
        /// The name shown to users (language-tagged variants are in `extra`).
        client_name?: String = "client_name",
        /// The client's home page.
        client_uri?: String = "client_uri",
        /// The client's logo.
        logo_uri?: String = "logo_uri",
        /// Scopes the client may ask for, space-separated as on the wire.
        scope?: String = "scope",
        /// People responsible for the client.
        contacts?: Vec<String> = "contacts",
        /// The client's terms of service.
        tos_uri?: String = "tos_uri",
        /// The client's privacy policy.
        policy_uri?: String = "policy_uri",
        /// Where the client's public keys are.
        jwks_uri?: String = "jwks_uri",
        /// The client's public keys, as a JWK Set.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
        jwks?: serde_json::Value = "jwks",
        /// The client software's id.
        software_id?: String = "software_id",
        /// The client software's version.
        software_version?: String = "software_version",
    }
}

input! {
    /// Client metadata to register (RFC 7591 §2), or to change on `update` (only the fields
    /// given change). Keys this type does not name are extension metadata, sent under the
    /// name given: snake_case wire names (`example_extension_parameter`) and language-tagged
    /// values (`clientName#ja-Jpan-JP` or `client_name#ja-Jpan-JP`).
    pub struct Rfc7591Metadata {
        /// The name shown to users.
        client_name?: String = "clientName" ("Client name", String),
        /// Where users may be sent back after authorizing (needed for redirect-based flows).
        redirect_uris?: Vec<String> = "redirectUris" ("Redirect URIs", UrlList),
        /// Grant types (default `authorization_code`); `authorization_code` needs `code` in
        /// `responseTypes`, `implicit` needs `token`.
        grant_types?: Vec<Rfc7591GrantType> = "grantTypes" ("Grant types", MultiChoice, Rfc7591GrantType::VALUES),
        /// Response types (default `code`); `[]` for a client that never redirects.
        response_types?: Vec<Rfc7591ResponseType> = "responseTypes" ("Response types", MultiChoice, Rfc7591ResponseType::VALUES),
        /// How the client authenticates at the token endpoint (default
        /// `client_secret_basic`); `none` is a public client, which gets no secret.
        token_endpoint_auth_method?: Rfc7591AuthMethod = "tokenEndpointAuthMethod" ("Token endpoint authentication", Choice, Rfc7591AuthMethod::VALUES),
        /// Scopes, sent space-separated.
        scope?: SpaceSeparated = "scope" ("Scopes", StringList),
        /// People responsible for the client (e-mail addresses).
        contacts?: Vec<String> = "contacts" ("Contacts", StringList),
        /// The client's home page.
        client_uri?: String = "clientUri" ("Client home page", Url),
        /// The client's logo.
        logo_uri?: String = "logoUri" ("Logo", Url),
        /// The client's terms of service.
        tos_uri?: String = "tosUri" ("Terms of service", Url),
        /// The client's privacy policy.
        policy_uri?: String = "policyUri" ("Privacy policy", Url),
        /// Where the client's public keys are; not with `jwks`.
        jwks_uri?: String = "jwksUri" ("JWK Set URL", Url),
        /// The client's public keys, as a JWK Set; not with `jwksUri`.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
        jwks?: serde_json::Value = "jwks",
        /// The client software's id.
        software_id?: String = "softwareId" ("Software id", String),
        /// The client software's version.
        software_version?: String = "softwareVersion" ("Software version", String),
        /// A signed software statement (a JWT); its values take precedence over the others
        /// on the server (RFC 7591 §3.1.1).
        software_statement?: String = "softwareStatement",
    }
}
