//! The constructor's options: which provider, where, with which credentials.

use serde::Deserialize;

use crate::auth::Credentials;
use crate::client::Api;
use crate::error::{Error, Result};
use crate::model::Secret;
use crate::provider::atlan::Atlan;
use crate::provider::clerk::Clerk;
use crate::provider::cloudflare::Cloudflare;
use crate::retry::Policy;

// `Deserialize` for the two enums below is written by hand: serde's internally tagged enums,
// `flatten` and `untagged` buffer the input in serde's private `Content`, which costs the
// wasm module kilobytes. Their serde attributes only drive the TypeScript types (tsify).
/// Options of `new OAuthAdmin(...)`, one shape per provider.
#[derive(Debug, Clone)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(
    target_arch = "wasm32",
    serde(tag = "provider", rename_all = "camelCase")
)]
pub enum OAuthAdminConfig {
    /// Cloudflare account OAuth clients.
    #[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
    Cloudflare {
        /// The 32-character account id.
        account_id: String,
        /// An API token, or the legacy e-mail + global API key.
        auth: CloudflareAuth,
        /// Shared settings.
        #[cfg_attr(target_arch = "wasm32", serde(flatten))]
        settings: Settings,
    },
    /// Clerk OAuth applications.
    #[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
    Clerk {
        /// The instance's secret key (`sk_live_...` / `sk_test_...`).
        auth: BearerAuth,
        /// The `Clerk-API-Version` date to send (default 2025-11-10).
        #[cfg_attr(target_arch = "wasm32", serde(default))]
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        api_version: Option<String>,
        /// Shared settings.
        #[cfg_attr(target_arch = "wasm32", serde(flatten))]
        settings: Settings,
    },
    /// Atlan OAuth clients. `baseUrl` is required: the tenant's URL, e.g. `https://acme.atlan.com`.
    #[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
    Atlan {
        /// An Atlan API token.
        auth: BearerAuth,
        /// Shared settings.
        #[cfg_attr(target_arch = "wasm32", serde(flatten))]
        settings: Settings,
    },
}

/// Cloudflare credentials.
#[derive(Clone)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(untagged))]
pub enum CloudflareAuth {
    /// An API token with "OAuth Client Read/Write" permissions.
    Bearer(BearerAuth),
    /// The legacy global API key.
    #[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
    ApiKey {
        /// The account's e-mail address.
        email: String,
        /// The global API key.
        api_key: Secret,
    },
}

/// A bearer token.
#[derive(Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct BearerAuth {
    /// The token, sent as `Authorization: Bearer <token>`.
    pub bearer: Secret,
}

impl std::fmt::Debug for CloudflareAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CloudflareAuth::Bearer(_) => "CloudflareAuth::Bearer([redacted])",
            CloudflareAuth::ApiKey { .. } => "CloudflareAuth::ApiKey([redacted])",
        })
    }
}

impl std::fmt::Debug for BearerAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerAuth([redacted])")
    }
}

/// Settings every provider takes.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The API root; defaults to the real service (see the README per provider).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub base_url: Option<String>,
    /// Retries after a failed attempt (default 2; 0 disables).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_retries: Option<u32>,
    /// Default per-call timeout in milliseconds, retries and waits included (default 60000).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub timeout_ms: Option<u32>,
}

impl<'de> Deserialize<'de> for OAuthAdminConfig {
    fn deserialize<D: serde::Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct CloudflareOptions {
            account_id: String,
            auth: CloudflareAuth,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct ClerkOptions {
            auth: BearerAuth,
            #[serde(default)]
            api_version: Option<String>,
        }
        #[derive(Deserialize)]
        struct AtlanOptions {
            auth: BearerAuth,
        }
        /// Reads one view of the options; `crate::json`'s errors do not link float formatting.
        fn read<T: serde::de::DeserializeOwned, E: serde::de::Error>(
            value: &serde_json::Value,
        ) -> Result<T, E> {
            crate::json::from_value(value.clone()).map_err(E::custom)
        }
        // Read once as JSON, then pick the provider's shape; unknown options are ignored.
        let value = serde_json::Value::deserialize(input)?;
        match value.get("provider").and_then(serde_json::Value::as_str) {
            Some("cloudflare") => {
                let options: CloudflareOptions = read(&value)?;
                Ok(OAuthAdminConfig::Cloudflare {
                    account_id: options.account_id,
                    auth: options.auth,
                    settings: read(&value)?,
                })
            }
            Some("clerk") => {
                let options: ClerkOptions = read(&value)?;
                Ok(OAuthAdminConfig::Clerk {
                    auth: options.auth,
                    api_version: options.api_version,
                    settings: read(&value)?,
                })
            }
            Some("atlan") => {
                let options: AtlanOptions = read(&value)?;
                Ok(OAuthAdminConfig::Atlan {
                    auth: options.auth,
                    settings: read(&value)?,
                })
            }
            Some(other) => Err(D::Error::unknown_variant(
                other,
                &["cloudflare", "clerk", "atlan"],
            )),
            None => Err(D::Error::missing_field("provider")),
        }
    }
}

impl<'de> Deserialize<'de> for CloudflareAuth {
    fn deserialize<D: serde::Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        struct Raw {
            #[serde(default)]
            bearer: Option<Secret>,
            #[serde(default)]
            email: Option<String>,
            #[serde(default)]
            api_key: Option<Secret>,
        }
        match Raw::deserialize(input)? {
            Raw {
                bearer: Some(bearer),
                email: None,
                api_key: None,
            } => Ok(CloudflareAuth::Bearer(BearerAuth { bearer })),
            Raw {
                bearer: None,
                email: Some(email),
                api_key: Some(api_key),
            } => Ok(CloudflareAuth::ApiKey { email, api_key }),
            _ => Err(serde::de::Error::custom(
                "auth must be { bearer } or { email, apiKey }",
            )),
        }
    }
}

/// The default per-call timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// What a config resolves to.
#[derive(Debug)]
pub struct Resolved {
    /// The provider's builders.
    pub api: Api,
    /// How requests authenticate.
    pub credentials: Credentials,
    /// The retry policy.
    pub policy: Policy,
    /// The default per-call timeout.
    pub timeout_ms: u32,
}

impl OAuthAdminConfig {
    /// Checks the options and builds what the client runs on.
    pub fn resolve(self) -> Result<Resolved> {
        let (api, credentials, settings) = match self {
            OAuthAdminConfig::Cloudflare {
                account_id,
                auth,
                settings,
            } => {
                let api =
                    Api::Cloudflare(Cloudflare::new(settings.base_url.as_deref(), &account_id)?);
                let credentials = match auth {
                    CloudflareAuth::Bearer(b) => bearer(b.bearer)?,
                    CloudflareAuth::ApiKey { email, api_key } => {
                        if email.trim().is_empty() || api_key.expose().is_empty() {
                            return Err(Error::invalid(
                                "auth",
                                "email and apiKey must not be empty",
                            ));
                        }
                        Credentials::CloudflareApiKey {
                            email,
                            key: api_key,
                        }
                    }
                };
                (api, credentials, settings)
            }
            OAuthAdminConfig::Clerk {
                auth,
                api_version,
                settings,
            } => {
                let api = Api::Clerk(Clerk::new(
                    settings.base_url.as_deref(),
                    api_version.as_deref(),
                )?);
                (api, bearer(auth.bearer)?, settings)
            }
            OAuthAdminConfig::Atlan { auth, settings } => {
                let api = Api::Atlan(Atlan::new(settings.base_url.as_deref())?);
                (api, bearer(auth.bearer)?, settings)
            }
        };
        let policy = Policy {
            max_retries: settings.max_retries.unwrap_or(2),
            ..Policy::default()
        };
        Ok(Resolved {
            api,
            credentials,
            policy,
            timeout_ms: settings.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        })
    }
}

fn bearer(token: Secret) -> Result<Credentials> {
    if token.expose().trim().is_empty() {
        return Err(Error::invalid("auth.bearer", "must not be empty"));
    }
    Ok(Credentials::Bearer(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(json: serde_json::Value) -> Result<Resolved> {
        OAuthAdminConfig::deserialize(json)
            .map_err(|e| Error::invalid("config", e.to_string()))?
            .resolve()
    }

    #[test]
    fn cloudflare_with_token_or_key() {
        let ok = resolve(serde_json::json!({
            "provider": "cloudflare", "accountId": "0123456789abcdef0123456789abcdef",
            "auth": {"bearer": "t"}, "maxRetries": 0, "timeoutMs": 500
        }))
        .unwrap();
        assert_eq!((ok.policy.max_retries, ok.timeout_ms), (0, 500));
        let key = resolve(serde_json::json!({
            "provider": "cloudflare", "accountId": "0123456789abcdef0123456789abcdef",
            "auth": {"email": "a@b.c", "apiKey": "k"}
        }))
        .unwrap();
        assert!(matches!(
            key.credentials,
            Credentials::CloudflareApiKey { .. }
        ));
        assert!(!format!("{key:?}").contains("\"k\""));
    }

    #[test]
    fn clerk_and_atlan() {
        let clerk =
            resolve(serde_json::json!({"provider": "clerk", "auth": {"bearer": "sk_test_x"}}))
                .unwrap();
        assert_eq!(clerk.api.name(), "clerk");
        let err = resolve(
            serde_json::json!({"provider": "clerk", "auth": {"bearer": "k"}, "apiVersion": "v2"}),
        )
        .unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("apiVersion"));
        let atlan = resolve(
            serde_json::json!({"provider": "atlan", "auth": {"bearer": "t"}, "baseUrl": "https://acme.atlan.com"}),
        );
        assert_eq!(atlan.unwrap().api.name(), "atlan");
        let err =
            resolve(serde_json::json!({"provider": "atlan", "auth": {"bearer": "t"}})).unwrap_err();
        assert_eq!(
            err.details[0].field.as_deref(),
            Some("baseUrl"),
            "atlan has no default tenant"
        );
    }

    #[test]
    fn a_token_given_as_auth_is_not_echoed() {
        let err = resolve(serde_json::json!({"provider": "clerk", "auth": "sk_live_do_not_print"}))
            .unwrap_err();
        assert!(!err.to_string().contains("do_not_print"), "{err}");
        assert!(!format!("{err:?}").contains("do_not_print"), "{err:?}");
    }

    #[test]
    fn bad_account_and_empty_token_name_fields() {
        let err = resolve(serde_json::json!({"provider": "cloudflare", "accountId": "x", "auth": {"bearer": "t"}})).unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("accountId"));
        let err = resolve(serde_json::json!({
            "provider": "cloudflare", "accountId": "0123456789abcdef0123456789abcdef", "auth": {"bearer": " "}
        }))
        .unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("auth.bearer"));
    }
}
