//! Databricks account OAuth: custom and published app integrations, published apps,
//! service-principal secrets and federation policies (wire names snake_case).

use crate::json::{DeError, FromJson, ToJson};

/// An int64 id (`principal_id`, `created_by`, `service_principal_id`), kept as its exact
/// decimal text. The API sends these as JSON numbers or strings; a number above 2^53 would
/// be rounded by JavaScript, so records always hold the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(transparent)]
pub struct Int64(pub String);

impl Int64 {
    /// Reads an int64 given as a JSON integer or a string of digits (an optional `-` first).
    pub fn read(value: &serde_json::Value) -> Option<Int64> {
        use serde_json::Value;
        match value {
            // Integers fit u64 or i64 exactly: no float in between, so nothing is rounded.
            Value::Number(n) => n
                .as_u64()
                .map(|v| v.to_string())
                .or_else(|| n.as_i64().map(|v| v.to_string()))
                .map(Int64),
            Value::String(s) => {
                let digits = s.strip_prefix('-').unwrap_or(s);
                let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                ok.then(|| Int64(s.clone()))
            }
            _ => None,
        }
    }
}

impl FromJson for Int64 {
    fn from_json(value: serde_json::Value) -> Result<Self, DeError> {
        Int64::read(&value).ok_or_else(|| crate::json::expected(&value, "an int64 (digits)"))
    }
}

impl ToJson for Int64 {
    fn write_json(&self, out: &mut String) {
        crate::json::write_str(&self.0, out);
    }
}

record! {
    /// How long tokens issued to an app live (`TokenAccessPolicy`).
    pub struct TokenAccessPolicy {
        /// Access token lifetime, in minutes.
        access_token_ttl_in_minutes?: i64 = "access_token_ttl_in_minutes",
        /// Refresh token lifetime, in minutes.
        refresh_token_ttl_in_minutes?: i64 = "refresh_token_ttl_in_minutes",
        /// Whether a refresh token can be used once only.
        enable_single_use_refresh_tokens?: bool = "enable_single_use_refresh_tokens",
        /// The longest session, in minutes, however often it is refreshed.
        absolute_session_lifetime_in_minutes?: i64 = "absolute_session_lifetime_in_minutes",
    }
}

input! {
    /// A token access policy as callers give it (sent snake_case).
    pub struct TokenAccessPolicyInput {
        /// Access token lifetime, in minutes.
        access_token_ttl_in_minutes?: i64 = "accessTokenTtlInMinutes",
        /// Refresh token lifetime, in minutes.
        refresh_token_ttl_in_minutes?: i64 = "refreshTokenTtlInMinutes",
        /// Whether a refresh token can be used once only.
        enable_single_use_refresh_tokens?: bool = "enableSingleUseRefreshTokens",
        /// The longest session, in minutes, however often it is refreshed.
        absolute_session_lifetime_in_minutes?: i64 = "absoluteSessionLifetimeInMinutes",
    }
}

/// Nested in a request body: written with its wire (snake_case) names.
impl ToJson for TokenAccessPolicyInput {
    fn write_json(&self, out: &mut String) {
        crate::json::WireBody::write_wire(self, out, &[]);
    }
}

/// Scopes Databricks documents for app integrations (a form's options; others are sent as given).
pub const APP_SCOPES: &[&str] = &[
    "all-apis",
    "sql",
    "offline_access",
    "openid",
    "profile",
    "email",
];

record! {
    /// A custom OAuth app integration (`GetCustomAppIntegrationOutput`), or what `create`
    /// answers (`client_id`, `integration_id`, `principal_id`, `client_secret_expire_time`).
    pub struct DatabricksCustomApp {
        /// The integration's id, used in paths.
        integration_id: String = "integration_id",
        /// The OAuth client id.
        client_id?: String = "client_id",
        /// The app's name.
        name?: String = "name",
        /// Whether the app has a client secret.
        confidential?: bool = "confidential",
        /// Where users may be sent back after authorizing.
        redirect_urls?: Vec<String> = "redirect_urls",
        /// Scopes the app may ask for.
        scopes?: Vec<String> = "scopes",
        /// Scopes users authorize (a subset of `scopes`).
        user_authorized_scopes?: Vec<String> = "user_authorized_scopes",
        /// Token lifetimes.
        token_access_policy?: TokenAccessPolicy = "token_access_policy",
        /// Whether the app is an agent.
        is_agent?: bool = "is_agent",
        /// The app's service principal (int64, as exact text).
        principal_id?: Int64 = "principal_id",
        /// Who created it (int64 user id, as exact text).
        created_by?: Int64 = "created_by",
        /// The creator's user name (when listed with `include_creator_username`).
        creator_username?: String = "creator_username",
        /// RFC 3339 creation time.
        create_time?: String = "create_time",
    }
}

input! {
    /// The input of `create` for custom app integrations (every field optional, as on the wire).
    pub struct DatabricksCreateCustomApp {
        /// The app's name.
        name?: String = "name" ("Name", String),
        /// Where users may be sent back after authorizing; absolute URLs.
        redirect_urls?: Vec<String> = "redirectUrls" ("Redirect URLs", UrlList),
        /// Whether the app gets a client secret (returned once, by `create`).
        confidential?: bool = "confidential" ("Confidential (gets a client secret)", Boolean),
        /// Scopes: `all-apis`, `sql`, `offline_access`, `openid`, `profile`, `email`.
        scopes?: Vec<String> = "scopes" ("Scopes", MultiChoice, APP_SCOPES),
        /// Scopes users authorize; each must be in `scopes`.
        user_authorized_scopes?: Vec<String> = "userAuthorizedScopes"
            ("User-authorized scopes", MultiChoice, APP_SCOPES),
        /// Token lifetimes.
        token_access_policy?: TokenAccessPolicyInput = "tokenAccessPolicy",
        /// Whether the app is an agent.
        is_agent?: bool = "isAgent" ("Agent app", Boolean),
    }
}

input! {
    /// The input of `update` for custom app integrations: only these fields can change;
    /// lists replace the current ones. `name` and `confidential` are fixed at creation.
    pub struct DatabricksUpdateCustomApp {
        /// Where users may be sent back after authorizing; absolute URLs (replaces the list).
        redirect_urls?: Vec<String> = "redirectUrls" ("Redirect URLs", UrlList),
        /// Scopes (replaces the list).
        scopes?: Vec<String> = "scopes" ("Scopes", MultiChoice, APP_SCOPES),
        /// Scopes users authorize; each must be in `scopes`.
        user_authorized_scopes?: Vec<String> = "userAuthorizedScopes"
            ("User-authorized scopes", MultiChoice, APP_SCOPES),
        /// Token lifetimes.
        token_access_policy?: TokenAccessPolicyInput = "tokenAccessPolicy",
    }
}

record! {
    /// A published (Databricks-provided) app that can be enabled as an integration.
    pub struct DatabricksPublishedApp {
        /// The app's id (`power-bi`, `tableau-deskop`, ...), for `publishedAppIntegrations.create`.
        app_id: String = "app_id",
        /// The OAuth client id.
        client_id?: String = "client_id",
        /// The app's name.
        name?: String = "name",
        /// What the app is.
        description?: String = "description",
        /// Always false: published apps are public clients.
        is_confidential_client?: bool = "is_confidential_client",
        /// Where users may be sent back after authorizing.
        redirect_urls?: Vec<String> = "redirect_urls",
        /// Scopes the app asks for.
        scopes?: Vec<String> = "scopes",
    }
}

record! {
    /// A published app enabled in the account.
    pub struct DatabricksPublishedAppIntegration {
        /// The integration's id, used in paths.
        integration_id: String = "integration_id",
        /// The published app's id.
        app_id?: String = "app_id",
        /// The app's name.
        name?: String = "name",
        /// Token lifetimes.
        token_access_policy?: TokenAccessPolicy = "token_access_policy",
        /// Who created it (int64 user id, as exact text).
        created_by?: Int64 = "created_by",
        /// RFC 3339 creation time.
        create_time?: String = "create_time",
    }
}

input! {
    /// The input of `publishedAppIntegrations.create`.
    pub struct DatabricksCreatePublishedAppIntegration {
        /// The published app's id (see `publishedApps.list()`).
        app_id: String = "appId" ("App ID (power-bi, tableau-deskop, ...)", String),
        /// Token lifetimes.
        token_access_policy?: TokenAccessPolicyInput = "tokenAccessPolicy",
    }
}

input! {
    /// The input of `publishedAppIntegrations.update`: the token lifetimes only.
    pub struct DatabricksUpdatePublishedAppIntegration {
        /// Token lifetimes.
        token_access_policy?: TokenAccessPolicyInput = "tokenAccessPolicy",
    }
}

record! {
    /// A service principal's OAuth secret, without its value (`SecretInfo`).
    pub struct DatabricksSecretInfo {
        /// The secret's id, for `delete`.
        id: String = "id",
        /// A hash of the secret, to tell secrets apart.
        secret_hash?: String = "secret_hash",
        /// `ACTIVE`, `EXPIRED`, ...
        status?: String = "status",
        /// Scopes the secret's tokens get (empty: unrestricted).
        scopes?: Vec<String> = "scopes",
        /// RFC 3339 creation time.
        create_time?: String = "create_time",
        /// RFC 3339 time of the last change.
        update_time?: String = "update_time",
        /// RFC 3339 expiry; absent: never.
        expire_time?: String = "expire_time",
    }
}

input! {
    /// The input of `servicePrincipalSecrets.create`.
    pub struct DatabricksCreateSecret {
        /// Lifetime in seconds (sent as `lifetime: "<n>s"`); Databricks' default is 730 days.
        lifetime_seconds?: u64 = "lifetimeSeconds",
        /// Scopes the secret's tokens get (`all-apis`, `sql`, `iam.groups:read`, ...); none:
        /// unrestricted.
        scopes?: Vec<String> = "scopes" ("Scopes (empty: all APIs)", StringList),
    }
}

/// What `servicePrincipalSecrets.create` returns.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DatabricksCreatedSecret {
    /// The secret. Store it now: Databricks never returns it again.
    pub secret: crate::model::Secret,
    /// The secret's details.
    pub info: DatabricksSecretInfo,
}

to_json!(DatabricksCreatedSecret { secret, info });

record! {
    /// How an OIDC identity provider's tokens are trusted (`OidcFederationPolicy`).
    pub struct OidcPolicy {
        /// The token issuer's URL.
        issuer?: String = "issuer",
        /// Accepted `aud` values.
        audiences?: Vec<String> = "audiences",
        /// The expected subject.
        subject?: String = "subject",
        /// The claim holding the subject (default `sub`).
        subject_claim?: String = "subject_claim",
        /// Where the issuer's keys are.
        jwks_uri?: String = "jwks_uri",
        /// The issuer's keys, as JSON text.
        jwks_json?: String = "jwks_json",
    }
}

record! {
    /// A federation policy (account-wide or a service principal's).
    pub struct DatabricksFederationPolicy {
        /// The policy's id, used in paths.
        policy_id: String = "policy_id",
        /// `accounts/<account>/federationPolicies/<id>` (or under a service principal).
        name?: String = "name",
        /// A description.
        description?: String = "description",
        /// The OIDC trust.
        oidc_policy?: OidcPolicy = "oidc_policy",
        /// The service principal it belongs to (int64, as exact text).
        service_principal_id?: Int64 = "service_principal_id",
        /// A unique id.
        uid?: String = "uid",
        /// RFC 3339 creation time.
        create_time?: String = "create_time",
        /// RFC 3339 time of the last change.
        update_time?: String = "update_time",
    }
}

input! {
    /// An OIDC trust as callers give it.
    pub struct OidcPolicyInput {
        /// The token issuer's URL.
        issuer?: String = "issuer",
        /// Accepted `aud` values.
        audiences?: Vec<String> = "audiences",
        /// The expected subject.
        subject?: String = "subject",
        /// The claim holding the subject (default `sub`).
        subject_claim?: String = "subjectClaim",
        /// Where the issuer's keys are (a URL).
        jwks_uri?: String = "jwksUri",
        /// The issuer's keys, as JSON text.
        jwks_json?: String = "jwksJson",
    }
}

/// Nested in a request body: written with its wire (snake_case) names.
impl ToJson for OidcPolicyInput {
    fn write_json(&self, out: &mut String) {
        crate::json::WireBody::write_wire(self, out, &[]);
    }
}

input! {
    /// The input of `create` for federation policies.
    pub struct DatabricksCreateFederationPolicy {
        /// The policy's id (lowercase letters, digits, `-` and `/`); the server picks one
        /// when absent. Sent as the `policy_id` query parameter.
        policy_id?: String = "policyId" ("Policy ID (optional)", String),
        /// A description.
        description?: String = "description" ("Description", String),
        /// The OIDC trust.
        oidc_policy?: OidcPolicyInput = "oidcPolicy",
    }
}

input! {
    /// The input of `update` for federation policies: the fields given (nested ones too)
    /// make the `update_mask`; only they change.
    pub struct DatabricksUpdateFederationPolicy {
        /// A description.
        description?: String = "description" ("Description", String),
        /// The OIDC trust fields to change.
        oidc_policy?: OidcPolicyInput = "oidcPolicy",
    }
}
