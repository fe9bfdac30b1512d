//! The constructor's options: which provider, where, with which credentials. Read strictly:
//! an option or `auth` key that nothing reads is a `ValidationError` naming it, so a typo
//! such as `baseURL` can never send a token to the vendor's default host.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::json::{DeError, FromJson, Object};
use crate::model::Secret;
use crate::provider::{self, Connection, ProviderDef};
use crate::retry::Policy;

/// The default per-call timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

input! {
    /// Settings every provider takes.
    pub struct Settings {
        /// The API root; defaults to the real service (see the README per provider).
        base_url?: String = "baseUrl",
        /// Retries after a failed attempt (default 2; 0 disables).
        max_retries?: u32 = "maxRetries",
        /// Default per-call timeout in milliseconds, retries and waits included (default 60000).
        timeout_ms?: u32 = "timeoutMs",
        /// Accept a plain `http://` `baseUrl` on a host other than this machine (a private
        /// network, such as a Keycloak in a container). Off by default: credentials would
        /// travel in clear.
        allow_http?: bool = "allowHttp",
        /// The largest response body read, in bytes (default 16 MiB): a larger one ends the
        /// call with a `DecodeError` instead of exhausting memory.
        max_response_bytes?: u32 = "maxResponseBytes",
    }
}

/// The keys [`Settings`] reads; the rest belong to the provider.
const SETTINGS: [&str; 5] = [
    "baseUrl",
    "maxRetries",
    "timeoutMs",
    "allowHttp",
    "maxResponseBytes",
];

/// The default response size cap.
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 16 * 1024 * 1024;

/// A provider's own options: what is left once `provider` and the settings are taken.
pub struct Options {
    rest: Map<String, Value>,
    /// The API root the caller gave, if any.
    pub base_url: Option<String>,
    /// Whether plain `http://` is accepted beyond loopback (the `allowHttp` setting), for
    /// providers that take other URLs than `baseUrl`.
    pub allow_http: bool,
}

/// Names the options given, never their values: `auth` holds a credential.
impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("keys", &self.rest.keys().collect::<Vec<_>>())
            .field("base_url", &self.base_url)
            .finish()
    }
}

impl Options {
    /// Reads the provider's options as `T`, which must deny unknown fields: an unknown key
    /// is a `ValidationError` naming it.
    pub fn read<T: FromJson>(&self) -> Result<T> {
        read_strict(Value::Object(self.rest.clone()), "option")
    }
}

/// Reads `value` as `T`, reporting an unknown key as "unknown <what> `key`" with the key
/// as the detail's field (`auth.key` inside `auth`). Values are never quoted.
fn read_strict<T: FromJson>(value: Value, what: &str) -> Result<T> {
    T::from_json(value).map_err(|e| strict_error(e, what))
}

/// The error [`read_strict`] reports, kept out of its copy per type.
#[inline(never)]
fn strict_error(e: crate::json::DeError, what: &str) -> Error {
    let message = e.into_message();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    match (unknown, message.ends_with(" at `auth`")) {
        (Some(key), false) => Error::invalid(key, format!("unknown {what} `{key}`")),
        (Some(key), true) => {
            Error::invalid(&format!("auth.{key}"), format!("unknown auth key `{key}`"))
        }
        // Options are objects: the detail names no field, only the reason.
        (None, _) => {
            let mut err = Error::new(ErrorKind::Validation, format!("invalid {what}s: {message}"));
            err.details.push(crate::error::ErrorDetail {
                code: None,
                field: None,
                message,
            });
            err
        }
    }
}

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

impl FromJson for Auth {
    fn from_json(value: Value) -> std::result::Result<Self, DeError> {
        let mut object = Object::new(value)?;
        // Read like records (`field`, then one check), not with an early return per key.
        let bearer: Option<Secret> = object.field("bearer");
        let email: Option<String> = object.field("email");
        let api_key: Option<Secret> = object.field("apiKey");
        let client_id: Option<String> = object.field("clientId");
        let client_secret: Option<Secret> = object.field("clientSecret");
        let scope: Option<String> = object.field("scope");
        object.check(())?;
        object.deny_unknown()?;
        match (bearer, email, api_key, client_id, client_secret) {
            (Some(bearer), None, None, None, None) if scope.is_none() => Ok(Auth::Bearer(bearer)),
            (None, Some(email), Some(api_key), None, None) if scope.is_none() => {
                Ok(Auth::ApiKey { email, api_key })
            }
            (None, None, None, Some(client_id), Some(client_secret)) => {
                Ok(Auth::ClientCredentials {
                    client_id,
                    client_secret,
                    scope,
                })
            }
            _ => Err(DeError::new(
                "auth must be { bearer }, { email, apiKey } or { clientId, clientSecret }",
            )),
        }
    }
}

/// Options are never written out; these exist so provider options share the input macro,
/// and they write only the shape, never a credential.
impl serde::Serialize for Auth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.shape())
    }
}

impl crate::json::ToJson for Auth {
    fn write_json(&self, out: &mut String) {
        crate::json::write_str(self.shape(), out);
    }
}

/// A placeholder for a reader that failed (see `json::Object::field`); never used.
impl Default for Auth {
    fn default() -> Self {
        Auth::Bearer(Secret::new(""))
    }
}

impl Auth {
    /// The connect-form fields of the `{ clientId, clientSecret }` shape.
    pub const CLIENT_FIELDS: &'static [crate::model::FieldSpec] = &[
        field!("clientId", "Client ID", String, true),
        field!("clientSecret", "Client secret", Secret, true),
    ];

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

    /// `{ bearer }`, or `{ clientId, clientSecret }` without a scope exchanged at `token_url`
    /// the `style` way: the two shapes of providers whose token endpoint takes no scope.
    pub fn bearer_or_client(
        self,
        provider: &str,
        token_url: String,
        style: crate::auth::TokenStyle,
    ) -> Result<crate::auth::Credentials> {
        match self {
            Auth::Bearer(token) => Auth::bearer(token),
            Auth::ClientCredentials {
                client_id,
                client_secret,
                scope: None,
            } => Ok(crate::auth::Credentials::ClientCredentials(
                crate::auth::ClientCredentials {
                    token_url,
                    client_id,
                    client_secret,
                    scope: None,
                    style,
                },
            )),
            Auth::ClientCredentials { scope: Some(_), .. } => Err(Error::invalid(
                "auth.scope",
                format!("{provider}'s token endpoint takes no scope"),
            )),
            other => Err(other.not_taken(provider, "{ bearer } or { clientId, clientSecret }")),
        }
    }

    /// A bearer token, checked non-empty and fit for a header.
    pub fn bearer(token: Secret) -> Result<crate::auth::Credentials> {
        if token.expose().trim().is_empty() {
            return Err(Error::invalid("auth.bearer", "must not be empty"));
        }
        header_value("auth.bearer", token.expose())?;
        Ok(crate::auth::Credentials::Bearer(token))
    }
}

/// Checks that a credential sent in a header is visible ASCII: a line break or a non-ASCII
/// character would be refused by `fetch` on every call (or split the header). The value is
/// never quoted in the error.
pub fn header_value(field: &str, value: &str) -> Result<()> {
    if value.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must be visible ASCII characters only (no spaces, line breaks or accents)",
        ))
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
    /// The largest response body read.
    pub max_response_bytes: u32,
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
    if let Some(url) = &settings.base_url {
        crate::request::check_base_url(url, settings.allow_http.unwrap_or(false))?;
    }
    let connection = (def.connect)(Options {
        rest,
        base_url: settings.base_url.clone(),
        allow_http: settings.allow_http.unwrap_or(false),
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
        max_response_bytes: settings
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
    })
}

#[cfg(test)]
mod tests;
