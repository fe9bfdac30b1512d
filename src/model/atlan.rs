//! Atlan OAuth clients (the Heracles service): the wire record, inputs and roles.
//!
//! Atlan's wire names are already camelCase.

use serde::{Deserialize, Serialize};

use super::common::{EpochMillis, Extra};

/// An Atlan OAuth client as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AtlanClient {
    /// The OAuth client id (`oauth-client-...`), used in paths.
    pub client_id: String,
    /// The internal GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub display_name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// The role's `$name` (e.g. `$admin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub role: Option<String>,
    /// Qualified names of the personas the client acts with.
    #[serde(
        rename = "personaQNs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub persona_qns: Option<Vec<String>>,
    /// Lifetime of the tokens it gets, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub token_expiry_seconds: Option<i64>,
    /// Creation time, Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub created_at: Option<EpochMillis>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub created_by: Option<String>,
    /// Time of the last change, Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub updated_at: Option<EpochMillis>,
    /// Who changed it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub updated_by: Option<String>,
    /// Fields not modelled here, as sent.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

/// The input of `clients.create` on Atlan.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AtlanCreateClient {
    /// The display name (`displayName` on the wire).
    pub name: String,
    /// The description.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// The role: its name as the UI shows it (`Admin`, `Member`, `Guest`) or its `$name`.
    /// See `admin.atlan.roles()`.
    pub role: String,
    /// Qualified names of personas to grant.
    #[serde(rename = "personaQNs", default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub persona_qns: Option<Vec<String>>,
}

/// The input of `clients.update` on Atlan: only the name and description can change.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AtlanUpdateClient {
    /// The display name (`displayName` on the wire).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The description.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
}

/// A workspace role a client can be given.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AtlanRole {
    /// The role's GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// The `$name` sent as a client's `role`.
    pub name: String,
    /// The name the UI shows (`Admin`, `Member`, `Guest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// The level (`workspace`, `admin-subrole`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub level: Option<String>,
    /// Whether it is a client role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client_role: Option<bool>,
    /// Members holding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub member_count: Option<i64>,
    /// Users holding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub user_count: Option<i64>,
    /// Fields not modelled here, as sent.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

record_deserialize!(AtlanClient {
    client_id = "clientId", id, display_name = "displayName", description, role,
    persona_qns = "personaQNs", token_expiry_seconds = "tokenExpirySeconds",
    created_at = "createdAt", created_by = "createdBy", updated_at = "updatedAt",
    updated_by = "updatedBy",
});
record_deserialize!(AtlanRole {
    id, name, description, level, client_role = "clientRole", member_count = "memberCount",
    user_count = "userCount",
});
