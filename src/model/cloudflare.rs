//! Cloudflare account OAuth clients: the wire record and the create/update inputs.
//!
//! Wire names are snake_case; JS sees camelCase. Enums keep values this library does not
//! know yet (newer API versions) in `Other`, so a response never fails on them.

use serde::{Deserialize, Serialize};

use super::common::Extra;

open_enum!(
    /// An OAuth grant type Cloudflare clients may use.
    GrantType, "\"authorization_code\" | \"refresh_token\" | (string & {})" {
        /// `authorization_code` (every client must have it).
        AuthorizationCode = "authorization_code",
        /// `refresh_token`.
        RefreshToken = "refresh_token",
    }
);

open_enum!(
    /// An OAuth response type.
    ResponseType, "\"code\" | \"token\" | \"id_token\" | (string & {})" {
        /// `code`.
        Code = "code",
        /// `token`.
        Token = "token",
        /// `id_token`.
        IdToken = "id_token",
    }
);

open_enum!(
    /// How the client authenticates at the token endpoint.
    TokenEndpointAuthMethod, "\"none\" | \"client_secret_basic\" | \"client_secret_post\" | (string & {})" {
        /// A public client: no secret.
        None = "none",
        /// HTTP Basic with the client secret.
        ClientSecretBasic = "client_secret_basic",
        /// The client secret in the form body.
        ClientSecretPost = "client_secret_post",
    }
);

open_enum!(
    /// Who can use the client: only the owning account, or any Cloudflare account.
    Visibility, "\"private\" | \"public\" | (string & {})" {
        /// Only the owning account.
        Private = "private",
        /// Promoted: any account.
        Public = "public",
    }
);

open_enum!(
    /// The state of the DNS check of `client_uri`'s host.
    VerificationStatus, "\"pending\" | \"in_progress\" | \"verified\" | \"failed\" | (string & {})" {
        /// Not started.
        Pending = "pending",
        /// Running.
        InProgress = "in_progress",
        /// The TXT record was found.
        Verified = "verified",
        /// The TXT record was not found.
        Failed = "failed",
    }
);

/// The DNS verification of the client's `client_uri` host.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct ClientUriVerification {
    /// The check's state.
    pub status: VerificationStatus,
    /// The exact TXT record value to publish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
    /// Fields not modelled here, as sent.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

/// A Cloudflare OAuth client as the API returns it (`result` of get, list, create, update).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct CloudflareClient {
    /// The client id (32 hex characters).
    pub client_id: String,
    /// Who can use the client.
    pub visibility: Visibility,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_name: Option<String>,
    /// The app's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_uri: Option<String>,
    /// The app's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub logo_uri: Option<String>,
    /// The app's privacy policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub policy_uri: Option<String>,
    /// The app's terms of service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tos_uri: Option<String>,
    /// Origins allowed to call the token endpoint from a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allowed_cors_origins: Option<Vec<String>>,
    /// Where users may be sent back after authorizing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub redirect_uris: Option<Vec<String>>,
    /// Where users may be sent back after signing out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Scopes the client asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Option<Vec<String>>,
    /// Scopes users may decline (newer API versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub optional_scopes: Option<Vec<String>>,
    /// The DNS verification of `client_uri`'s host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_uri_verification: Option<ClientUriVerification>,
    /// Grant types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grant_types: Option<Vec<GrantType>>,
    /// Response types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub response_types: Option<Vec<ResponseType>>,
    /// How the client authenticates at the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_endpoint_auth_method: Option<TokenEndpointAuthMethod>,
    /// Whether a previous secret is still valid after a rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub has_rotated_secret: Option<bool>,
    /// RFC 3339 creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub created_at: Option<String>,
    /// RFC 3339 time of the last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub updated_at: Option<String>,
    /// RFC 3339 time the client was made public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub promoted_at: Option<String>,
    /// Fields not modelled here, as sent.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

/// The input of `clients.create` on Cloudflare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CloudflareCreateClient {
    /// The display name (`client_name` on the wire).
    pub name: String,
    /// Where users may be sent back after authorizing; absolute URLs.
    pub redirect_uris: Vec<String>,
    /// Scopes: ids from `admin.cloudflare.scopes()` (dot-delimited) or identity scopes
    /// such as `openid`; colon-delimited scopes are rejected.
    pub scopes: Vec<String>,
    /// Grant types; must include `authorization_code`. Defaults to `["authorization_code"]`.
    #[serde(default = "default_grant_types")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grant_types: Vec<GrantType>,
    /// Response types. Defaults to `["code"]`.
    #[serde(default = "default_response_types")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub response_types: Vec<ResponseType>,
    /// Token endpoint authentication. Defaults to `client_secret_basic`.
    #[serde(default = "default_auth_method")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_endpoint_auth_method: TokenEndpointAuthMethod,
    /// Origins allowed to call the token endpoint from a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allowed_cors_origins: Option<Vec<String>>,
    /// The app's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_uri: Option<String>,
    /// The app's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub logo_uri: Option<String>,
    /// The app's privacy policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub policy_uri: Option<String>,
    /// The app's terms of service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tos_uri: Option<String>,
    /// Where users may be sent back after signing out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Scopes users may decline; each must be in `scopes` (newer API versions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub optional_scopes: Option<Vec<String>>,
}

fn default_grant_types() -> Vec<GrantType> {
    vec![GrantType::AuthorizationCode]
}

fn default_response_types() -> Vec<ResponseType> {
    vec![ResponseType::Code]
}

fn default_auth_method() -> TokenEndpointAuthMethod {
    TokenEndpointAuthMethod::ClientSecretBasic
}

/// The input of `clients.update` on Cloudflare: only the fields given are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CloudflareUpdateClient {
    /// The display name (`client_name` on the wire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Where users may be sent back after authorizing; absolute URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub redirect_uris: Option<Vec<String>>,
    /// Scopes (see create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Option<Vec<String>>,
    /// Grant types; must include `authorization_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grant_types: Option<Vec<GrantType>>,
    /// Response types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub response_types: Option<Vec<ResponseType>>,
    /// Token endpoint authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_endpoint_auth_method: Option<TokenEndpointAuthMethod>,
    /// Origins allowed to call the token endpoint from a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allowed_cors_origins: Option<Vec<String>>,
    /// The app's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_uri: Option<String>,
    /// The app's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub logo_uri: Option<String>,
    /// The app's privacy policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub policy_uri: Option<String>,
    /// The app's terms of service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tos_uri: Option<String>,
    /// Where users may be sent back after signing out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Scopes users may decline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub optional_scopes: Option<Vec<String>>,
    /// `"public"` promotes the client to every account; there is no way back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub visibility: Option<Visibility>,
}

/// A scope from `GET /oauth/scopes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct CloudflareScope {
    /// The value to put in a client's `scopes`.
    pub id: String,
    /// A name for people.
    pub name: String,
    /// The product area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub category: Option<String>,
    /// Finer scopes this one groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Option<Vec<String>>,
    /// Fields not modelled here, as sent.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

record_deserialize!(ClientUriVerification { status, text });
record_deserialize!(CloudflareClient {
    client_id,
    visibility,
    client_name,
    client_uri,
    logo_uri,
    policy_uri,
    tos_uri,
    allowed_cors_origins,
    redirect_uris,
    post_logout_redirect_uris,
    scopes,
    optional_scopes,
    client_uri_verification,
    grant_types,
    response_types,
    token_endpoint_auth_method,
    has_rotated_secret,
    created_at,
    updated_at,
    promoted_at,
});
record_deserialize!(CloudflareScope {
    id,
    name,
    category,
    scopes
});
