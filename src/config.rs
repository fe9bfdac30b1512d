//! The constructor's options: which provider, where, with which credentials. Read strictly:
//! an option or `auth` key that nothing reads is a `ValidationError` naming it, so a typo
//! such as `baseURL` can never send a token to the vendor's default host.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::model::Secret;
use crate::provider::{self, Connection, ProviderDef};
use crate::retry::Policy;

/// The default per-call timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// Settings every provider takes.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
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

/// The keys [`Settings`] reads; the rest belong to the provider.
const SETTINGS: [&str; 3] = ["baseUrl", "maxRetries", "timeoutMs"];

/// A provider's own options: what is left once `provider` and the settings are taken.
#[derive(Debug)]
pub struct Options {
    rest: Map<String, Value>,
    /// The API root the caller gave, if any.
    pub base_url: Option<String>,
}

impl Options {
    /// Reads the provider's options as `T`, which must deny unknown fields: an unknown key
    /// is a `ValidationError` naming it.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T> {
        read_strict(Value::Object(self.rest.clone()), "option")
    }
}

/// Reads `value` as `T`, reporting an unknown key as "unknown <what> `key`" with the key
/// as the detail's field (`auth.key` inside `auth`).
fn read_strict<T: DeserializeOwned>(value: Value, what: &str) -> Result<T> {
    crate::json::from_value(value).map_err(|e| {
        let message = e.to_string();
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_owned)
        };
        if let Some(key) = quoted("unknown field `") {
            Error::invalid(&key, format!("unknown {what} `{key}`"))
        } else if let Some(key) = quoted(UNKNOWN_AUTH_KEY) {
            Error::invalid(&format!("auth.{key}"), format!("unknown auth key `{key}`"))
        } else {
            Error::new(ErrorKind::Validation, format!("invalid {what}s: {message}"))
        }
    })
}

const UNKNOWN_AUTH_KEY: &str = "unknown auth key `";

/// The shapes `auth` can take; each provider accepts some of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `{ bearer }`: an API token or secret key.
    Bearer(Secret),
    /// `{ email, apiKey }`: Cloudflare's legacy global API key.
    ApiKey {
        /// The account's e-mail address.
        email: String,
        /// The key.
        api_key: Secret,
    },
    /// `{ clientId, clientSecret, scope? }`: an OAuth client that logs in with the client
    /// credentials grant.
    ClientCredentials {
        /// The OAuth client id.
        client_id: String,
        /// Its secret.
        client_secret: Secret,
        /// The scope to ask for, where the provider takes one.
        scope: Option<String>,
    },
}

impl<'de> Deserialize<'de> for Auth {
    fn deserialize<D: serde::Deserializer<'de>>(input: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        struct Raw {
            #[serde(default)]
            bearer: Option<Secret>,
            #[serde(default)]
            email: Option<String>,
            #[serde(default)]
            api_key: Option<Secret>,
            #[serde(default)]
            client_id: Option<String>,
            #[serde(default)]
            client_secret: Option<Secret>,
            #[serde(default)]
            scope: Option<String>,
        }
        let raw = Raw::deserialize(input).map_err(|e| {
            let message = e.to_string();
            match message.strip_prefix("unknown field `") {
                Some(rest) => serde::de::Error::custom(format!(
                    "{UNKNOWN_AUTH_KEY}{}`",
                    rest.split('`').next().unwrap_or_default()
                )),
                None => e,
            }
        })?;
        match raw {
            Raw {
                bearer: Some(bearer),
                email: None,
                api_key: None,
                client_id: None,
                client_secret: None,
                scope: None,
            } => Ok(Auth::Bearer(bearer)),
            Raw {
                bearer: None,
                email: Some(email),
                api_key: Some(api_key),
                client_id: None,
                client_secret: None,
                scope: None,
            } => Ok(Auth::ApiKey { email, api_key }),
            Raw {
                bearer: None,
                email: None,
                api_key: None,
                client_id: Some(client_id),
                client_secret: Some(client_secret),
                scope,
            } => Ok(Auth::ClientCredentials {
                client_id,
                client_secret,
                scope,
            }),
            _ => Err(serde::de::Error::custom(
                "auth must be { bearer }, { email, apiKey } or { clientId, clientSecret }",
            )),
        }
    }
}

impl Auth {
    /// The shape's name in messages.
    fn shape(&self) -> &'static str {
        match self {
            Auth::Bearer(_) => "{ bearer }",
            Auth::ApiKey { .. } => "{ email, apiKey }",
            Auth::ClientCredentials { .. } => "{ clientId, clientSecret }",
        }
    }

    /// The error for a shape `provider` does not take; `takes` lists those it does.
    pub fn not_taken(&self, provider: &str, takes: &str) -> Error {
        Error::invalid(
            "auth",
            format!("{provider} takes auth {takes}, not {}", self.shape()),
        )
    }

    /// A bearer token, checked non-empty.
    pub fn bearer(token: Secret) -> Result<crate::auth::Credentials> {
        if token.expose().trim().is_empty() {
            return Err(Error::invalid("auth.bearer", "must not be empty"));
        }
        Ok(crate::auth::Credentials::Bearer(token))
    }
}

/// What a config resolves to.
#[derive(Debug)]
pub struct Resolved {
    /// The provider.
    pub provider: &'static ProviderDef,
    /// Its kinds and credentials.
    pub connection: Connection,
    /// The retry policy.
    pub policy: Policy,
    /// The default per-call timeout.
    pub timeout_ms: u32,
}

/// Checks the options and builds what the client runs on. Values are never echoed in
/// errors: an option can hold a token.
pub fn resolve(value: Value) -> Result<Resolved> {
    let Value::Object(mut rest) = value else {
        return Err(Error::invalid("options", "must be an object"));
    };
    let names = || {
        provider::PROVIDERS
            .iter()
            .map(|p| format!("\"{}\"", p.info.provider))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let def = match rest.remove("provider") {
        Some(Value::String(name)) => provider::find(&name),
        _ => None,
    }
    .ok_or_else(|| Error::invalid("provider", format!("must be one of {}", names())))?;
    let mut settings = Map::new();
    for key in SETTINGS {
        if let Some(value) = rest.remove(key) {
            settings.insert(key.to_owned(), value);
        }
    }
    let settings: Settings = read_strict(Value::Object(settings), "option")?;
    let connection = (def.connect)(Options {
        rest,
        base_url: settings.base_url.clone(),
    })
    .map_err(|e| e.or_provider(def.info.provider))?;
    Ok(Resolved {
        provider: def,
        connection,
        policy: Policy {
            max_retries: settings.max_retries.unwrap_or(2),
            ..Policy::default()
        },
        timeout_ms: settings.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
    })
}

#[cfg(test)]
mod tests;
