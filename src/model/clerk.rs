//! Clerk OAuth applications: the wire record and the create/update inputs.
//!
//! Wire names are snake_case; JS sees camelCase. `scopes` travels as one space-separated
//! string: the record keeps it so, the inputs and the neutral view take a list.

use serde::{Deserialize, Serialize};

use super::common::{EpochMillis, Extra};

/// A Clerk OAuth application as the Backend API returns it.
///
/// The schema marks every field required, but Clerk's own SDK tests answer with minimal
/// objects (`{id, name}`), so only `id` is required here.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"))]
pub struct ClerkApplication {
    /// The application id (`oauth_app_...`), used in paths; not the OAuth client id.
    pub id: String,
    /// Always `"oauth_application"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub object: Option<String>,
    /// The Clerk instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub instance_id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The OAuth client id apps use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_id: Option<String>,
    /// The app's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_uri: Option<String>,
    /// The app's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_image_url: Option<String>,
    /// Registered through dynamic client registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub dynamically_registered: Option<bool>,
    /// Whether users see a consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub consent_screen_enabled: Option<bool>,
    /// Whether PKCE is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pkce_required: Option<bool>,
    /// A public client (no secret; PKCE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub public: Option<bool>,
    /// Scopes, space-separated, as Clerk sends them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Option<String>,
    /// Where users may be sent back after authorizing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub redirect_uris: Option<Vec<String>>,
    /// Deprecated single redirect URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub callback_url: Option<String>,
    /// The authorization endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub authorize_url: Option<String>,
    /// The token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_fetch_url: Option<String>,
    /// The user-info endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub user_info_url: Option<String>,
    /// The OpenID discovery document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub discovery_url: Option<String>,
    /// The token introspection endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_introspection_url: Option<String>,
    /// Creation time, Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub created_at: Option<EpochMillis>,
    /// Time of the last change, Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub updated_at: Option<EpochMillis>,
    /// Fields not modelled here, as sent.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

/// The input of `clients.create` on Clerk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClerkCreateClient {
    /// The display name (at most 256 characters).
    pub name: String,
    /// Where users may be sent back after authorizing; URLs of any scheme (`myapp://`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub redirect_uris: Option<Vec<String>>,
    /// Scopes (`profile`, `email`, `public_metadata`, `private_metadata`); Clerk's default
    /// is `profile email`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space_separated"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Option<Vec<String>>,
    /// Show a consent screen (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub consent_screen_enabled: Option<bool>,
    /// Require PKCE (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pkce_required: Option<bool>,
    /// A public client: no secret, PKCE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub public: Option<bool>,
}

/// The input of `clients.update` on Clerk: only the fields given are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClerkUpdateClient {
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Where users may be sent back after authorizing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub redirect_uris: Option<Vec<String>>,
    /// Scopes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space_separated"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub scopes: Option<Vec<String>>,
    /// Show a consent screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub consent_screen_enabled: Option<bool>,
    /// Require PKCE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pkce_required: Option<bool>,
    /// A public client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub public: Option<bool>,
}

/// Clerk takes scopes as one space-separated string.
fn space_separated<S: serde::Serializer>(
    scopes: &Option<Vec<String>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match scopes {
        Some(list) => s.serialize_str(&list.join(" ")),
        None => s.serialize_none(),
    }
}

record_deserialize!(ClerkApplication {
    id,
    object,
    instance_id,
    name,
    client_id,
    client_uri,
    client_image_url,
    dynamically_registered,
    consent_screen_enabled,
    pkce_required,
    public,
    scopes,
    redirect_uris,
    callback_url,
    authorize_url,
    token_fetch_url,
    user_info_url,
    discovery_url,
    token_introspection_url,
    created_at,
    updated_at,
});
