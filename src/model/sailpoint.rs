//! SailPoint Identity Security Cloud API clients (`/oauth-clients`): the wire record and the
//! create/update inputs.
//!
//! SailPoint's wire names are already camelCase, and its enums UPPER_SNAKE; both reach JS as
//! sent. Enums keep values this library does not know yet in `Other`.

open_enum!(
    /// An OAuth grant type a SailPoint API client may use.
    SailPointGrantType, "\"CLIENT_CREDENTIALS\" | \"AUTHORIZATION_CODE\" | \"REFRESH_TOKEN\" | (string & {})" {
        /// `CLIENT_CREDENTIALS`: machine-to-machine tokens.
        ClientCredentials = "CLIENT_CREDENTIALS",
        /// `AUTHORIZATION_CODE`: tokens for a user; needs a redirect URI.
        AuthorizationCode = "AUTHORIZATION_CODE",
        /// `REFRESH_TOKEN`.
        RefreshToken = "REFRESH_TOKEN",
    }
);

open_enum!(
    /// Whether the client may get refresh tokens (`OFFLINE`) or not (`ONLINE`).
    SailPointAccessType, "\"ONLINE\" | \"OFFLINE\" | (string & {})" {
        /// No refresh tokens.
        Online = "ONLINE",
        /// Refresh tokens.
        Offline = "OFFLINE",
    }
);

open_enum!(
    /// Whether the client keeps its secret (`CONFIDENTIAL`) or cannot (`PUBLIC`).
    SailPointClientType, "\"CONFIDENTIAL\" | \"PUBLIC\" | (string & {})" {
        /// Holds a secret.
        Confidential = "CONFIDENTIAL",
        /// Cannot hold a secret.
        Public = "PUBLIC",
    }
);

record! {
    /// A SailPoint API client as get, list and update return it (create returns the same
    /// fields and its one-time `secret`, which the record never keeps).
    pub struct SailPointClient {
        /// The client id (32 hex characters), used in paths and as the OAuth `client_id`.
        id: String = "id",
        /// The display name.
        name?: String = "name",
        /// The description.
        description?: String = "description",
        /// The name of the business the client belongs to.
        business_name?: String = "businessName",
        /// The app's home page.
        homepage_url?: String = "homepageUrl",
        /// Lifetime of its access tokens, in seconds.
        access_token_validity_seconds?: i64 = "accessTokenValiditySeconds",
        /// Lifetime of its refresh tokens, in seconds.
        refresh_token_validity_seconds?: i64 = "refreshTokenValiditySeconds",
        /// Where users may be sent back after authorizing.
        redirect_uris?: Vec<String> = "redirectUris",
        /// Grant types.
        grant_types?: Vec<SailPointGrantType> = "grantTypes",
        /// Whether it may get refresh tokens.
        access_type?: SailPointAccessType = "accessType",
        /// Confidential or public (`type`; Rust's `type_` is written `type`).
        type_?: SailPointClientType = "type",
        /// An internal client (SailPoint's own).
        internal?: bool = "internal",
        /// Whether it may be used.
        enabled?: bool = "enabled",
        /// Whether it supports strong authentication.
        strong_auth_supported?: bool = "strongAuthSupported",
        /// Whether it supports SAML claims with `AUTHORIZATION_CODE`.
        claims_supported?: bool = "claimsSupported",
        /// Creation time, RFC 3339.
        created?: String = "created",
        /// Time of the last change, RFC 3339.
        modified?: String = "modified",
        /// Scopes it may ask for (`sp:scopes:all` by default).
        scope?: Vec<String> = "scope",
        /// Free-form metadata.
        metadata?: String = "metadata",
        /// When it last got a token, RFC 3339 (updated at most once a day); absent or
        /// `null` when never used.
        last_used?: String = "lastUsed",
    }
}

/// The default `accessTokenValiditySeconds`: the value SailPoint's own examples use.
pub const DEFAULT_ACCESS_TOKEN_VALIDITY_SECONDS: i64 = 750;

input! {
    /// The input of `clients.create` on SailPoint. Fields the API requires that are rarely
    /// chosen have defaults: `description` `""`, `accessTokenValiditySeconds` 750,
    /// `grantTypes` `["CLIENT_CREDENTIALS"]`, `accessType` `"OFFLINE"`, `enabled` `true`.
    pub struct SailPointCreateClient {
        /// The display name.
        name: String = "name" ("Name", String),
        /// The description (default `""`).
        description: String = "description" ("Description", String) or String::new,
        /// Grant types (default `["CLIENT_CREDENTIALS"]`); `AUTHORIZATION_CODE` needs
        /// `redirectUris`.
        grant_types: Vec<SailPointGrantType> = "grantTypes"
            ("Grant types", MultiChoice, SailPointGrantType::VALUES) or default_grant_types,
        /// Whether it may get refresh tokens (default `"OFFLINE"`).
        access_type: SailPointAccessType = "accessType"
            ("Access type", Choice, SailPointAccessType::VALUES) or default_access_type,
        /// Lifetime of its access tokens in seconds, 1 to 2147483647 (default 750).
        access_token_validity_seconds: i64 = "accessTokenValiditySeconds"
            ("Access token validity (seconds)", Integer) or default_validity,
        /// Whether it may be used (default `true`).
        enabled: bool = "enabled" ("Enabled", Boolean) or default_enabled,
        /// Lifetime of its refresh tokens in seconds, 1 to 2147483647.
        refresh_token_validity_seconds?: i64 = "refreshTokenValiditySeconds"
            ("Refresh token validity (seconds)", Integer),
        /// Where users may be sent back after authorizing; absolute URLs.
        redirect_uris?: Vec<String> = "redirectUris" ("Redirect URIs", UrlList),
        /// The name of the business the client belongs to.
        business_name?: String = "businessName" ("Business name", String),
        /// The app's home page.
        homepage_url?: String = "homepageUrl" ("Home page", Url),
        /// Confidential or public (SailPoint's default when absent).
        type_?: SailPointClientType = "type" ("Client type", Choice, SailPointClientType::VALUES),
        /// An internal client.
        internal?: bool = "internal" ("Internal", Boolean),
        /// Whether it supports strong authentication.
        strong_auth_supported?: bool = "strongAuthSupported" ("Strong authentication", Boolean),
        /// Whether it supports SAML claims with `AUTHORIZATION_CODE`.
        claims_supported?: bool = "claimsSupported" ("SAML claims", Boolean),
        /// Scopes it may ask for; SailPoint grants `sp:scopes:all` (all its creator's
        /// rights) when absent.
        scope?: Vec<String> = "scope" ("Scopes", StringList),
    }
}

fn default_grant_types() -> Vec<SailPointGrantType> {
    vec![SailPointGrantType::ClientCredentials]
}

fn default_access_type() -> SailPointAccessType {
    SailPointAccessType::Offline
}

fn default_validity() -> i64 {
    DEFAULT_ACCESS_TOKEN_VALIDITY_SECONDS
}

fn default_enabled() -> bool {
    true
}

input! {
    /// The input of `clients.update` on SailPoint: each field given becomes one JSON Patch
    /// `replace`; `null` clears a nullable field. Only these fields can change: `type`,
    /// `internal`, `scope` and the rest are fixed at creation.
    pub struct SailPointUpdateClient {
        /// The display name.
        name?: String = "name" ("Name", String),
        /// The description; `null` or `""` clears it.
        #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
        description: Clearable<String> = "description" ("Description", String),
        /// Grant types.
        grant_types?: Vec<SailPointGrantType> = "grantTypes"
            ("Grant types", MultiChoice, SailPointGrantType::VALUES),
        /// Whether it may get refresh tokens.
        access_type?: SailPointAccessType = "accessType" ("Access type", Choice, SailPointAccessType::VALUES),
        /// Lifetime of its access tokens in seconds, 1 to 2147483647.
        access_token_validity_seconds?: i64 = "accessTokenValiditySeconds"
            ("Access token validity (seconds)", Integer),
        /// Whether it may be used.
        enabled?: bool = "enabled" ("Enabled", Boolean),
        /// Lifetime of its refresh tokens in seconds, 1 to 2147483647.
        refresh_token_validity_seconds?: i64 = "refreshTokenValiditySeconds"
            ("Refresh token validity (seconds)", Integer),
        /// Where users may be sent back; `null` clears them.
        #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string[] | null"))]
        redirect_uris: Clearable<Vec<String>> = "redirectUris" ("Redirect URIs", UrlList),
        /// The name of the business; `null` or `""` clears it.
        #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
        business_name: Clearable<String> = "businessName" ("Business name", String),
        /// The app's home page; `null` or `""` clears it.
        #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
        homepage_url: Clearable<String> = "homepageUrl" ("Home page", Url),
        /// Whether it supports strong authentication.
        strong_auth_supported?: bool = "strongAuthSupported" ("Strong authentication", Boolean),
        /// Whether it supports SAML claims.
        claims_supported?: bool = "claimsSupported" ("SAML claims", Boolean),
        /// The tenant the client belongs to.
        tenant?: String = "tenant",
    }
}

/// An update field that can also be cleared: absent (unchanged), `null` or `""` (cleared: a
/// form's emptied field means the same as `null`), or a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Clearable<T> {
    /// Not given: left as it is.
    #[default]
    Unchanged,
    /// `null`: cleared.
    Clear,
    /// A new value.
    Set(T),
}

impl<T> Clearable<T> {
    /// The new value, if one was given.
    pub fn value(&self) -> Option<&T> {
        match self {
            Clearable::Set(value) => Some(value),
            _ => None,
        }
    }
}

impl<T: crate::json::FromJson> crate::json::FromJson for Clearable<T> {
    fn from_json(value: serde_json::Value) -> Result<Self, crate::json::DeError> {
        match value {
            serde_json::Value::Null => Ok(Clearable::Clear),
            serde_json::Value::String(text) if text.is_empty() => Ok(Clearable::Clear),
            other => T::from_json(other).map(Clearable::Set),
        }
    }

    fn absent() -> Option<Self> {
        Some(Clearable::Unchanged)
    }
}

impl<T: crate::json::ToJson> crate::json::ToJson for Clearable<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Clearable::Set(value) => value.write_json(out),
            _ => out.push_str("null"),
        }
    }

    fn is_absent(&self) -> bool {
        matches!(self, Clearable::Unchanged)
    }
}

impl<T: serde::Serialize> serde::Serialize for Clearable<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Clearable::Set(value) => value.serialize(s),
            _ => s.serialize_none(),
        }
    }
}
