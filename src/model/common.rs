//! Provider-neutral types: the client view every provider maps into, secrets, list
//! parameters and capabilities.

use std::fmt;

use serde::Serialize;

use crate::json::{DeError, FromJson};

/// Fields a server sent that this library does not model, kept as sent so nothing is lost.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A client secret or token. `Debug` and `Display` never show it; `expose` does.
///
/// In JS it is a `Secret` object (see `src/js/runtime.js`), whose TypeScript type is
/// declared beside `OAuthAdmin`'s.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Secret(String);

impl crate::json::ToJson for Secret {
    fn write_json(&self, out: &mut String) {
        crate::json::write_str(&self.0, out);
    }
}

impl FromJson for Secret {
    fn from_json(value: serde_json::Value) -> Result<Self, DeError> {
        String::from_json(value).map(Secret)
    }
}

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must hand it over.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Where one client is managed after it was registered (RFC 7592): its configuration URL
/// and the token that authorizes reading, changing and deleting it there. `Debug` never
/// shows the token; JS receives it as a `Secret`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    /// The client's `client_id`.
    pub client_id: String,
    /// Its `registration_client_uri`, an absolute URL.
    pub registration_client_uri: String,
    /// Its `registration_access_token`, the bearer for that URL (servers may replace it on
    /// every use; the latest one is the one that works).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Secret"))]
    pub registration_access_token: Secret,
}

/// Reads a registration as a store hands it back (camelCase, the token as text).
impl FromJson for Registration {
    fn from_json(value: serde_json::Value) -> Result<Self, DeError> {
        let mut object = crate::json::Object::new(value)?;
        let read = Registration {
            client_id: object.field("clientId"),
            registration_client_uri: object.field("registrationClientUri"),
            registration_access_token: object.field("registrationAccessToken"),
        };
        object.check(read)
    }
}

/// A placeholder for a reader that failed (see `json::Object::field`); never used.
impl Default for Secret {
    fn default() -> Self {
        Secret(String::new())
    }
}

/// Scopes: a list for callers, one space-separated string on the wire (Clerk's `scopes`,
/// RFC 7591's `scope`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(transparent)]
pub struct SpaceSeparated(pub Vec<String>);

impl crate::json::FromJson for SpaceSeparated {
    fn from_json(value: serde_json::Value) -> Result<Self, crate::json::DeError> {
        <Vec<String> as crate::json::FromJson>::from_json(value).map(SpaceSeparated)
    }
}

impl crate::json::ToJson for SpaceSeparated {
    fn write_json(&self, out: &mut String) {
        crate::json::write_str(&self.0.join(" "), out);
    }
}

/// An OAuth client, the same shape on every provider, with the provider's own record in
/// `record` so nothing the server sent is lost. TypeScript narrows it by `provider`
/// (`OAuthClient<"clerk">` in TypeScript).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OAuthClientOf<R> {
    /// The provider, as given to the constructor.
    pub provider: &'static str,
    /// The id to pass to `get`, `update`, `delete` and `rotateSecret`.
    pub id: String,
    /// The OAuth `client_id` apps use (the same as `id` on some providers).
    pub client_id: String,
    /// The display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The description, where the provider has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<String>,
    /// Where the authorization server may send users back.
    pub redirect_uris: Vec<String>,
    /// OAuth grant types the client may use.
    pub grant_types: Vec<String>,
    /// Scopes the client may ask for.
    pub scopes: Vec<String>,
    /// Whether the client holds a secret (a confidential client), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub confidential: Option<bool>,
    /// When it was created, as an ISO 8601 / RFC 3339 timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub created_at: Option<String>,
    /// When it was last changed, as an ISO 8601 / RFC 3339 timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub updated_at: Option<String>,
    /// When it last obtained a token, as an RFC 3339 timestamp, where the provider tracks
    /// it; absent also for a client never used (see the record for which).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub last_used_at: Option<String>,
    /// Everything the provider sent, typed per provider.
    pub record: R,
}

/// What `create` returns: the item and its secret, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Created<C> {
    /// The new client.
    pub client: C,
    /// The client secret. Store it now: providers never return it again.
    /// Absent for public clients, which have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub secret: Option<Secret>,
}

/// What `rotateSecret` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rotated<C> {
    /// The new client secret. Store it now: providers never return it again.
    pub secret: Secret,
    /// The client after rotation, where the provider returns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub client: Option<C>,
}

input! {
    /// Parameters of `list` and `iterate`. Which ones a kind honours is in `capabilities`.
    #[derive(Default, Eq)]
    pub struct ListParams {
        /// Page size; the provider's default when absent. Ignored where everything comes in one page.
        limit?: u32 = "limit",
        /// The `next` of the previous page.
        cursor?: String = "cursor",
        /// One of `capabilities.sortFields`, e.g. `"-createdAt"` for newest first.
        sort?: String = "sort",
        /// Only items whose name contains this text (where `capabilities.filters` has `"name"`).
        name?: String = "name",
        /// Only clients last used at or before this RFC 3339 time (where `capabilities.filters`
        /// has `"lastUsedBefore"`). With `neverUsed: true`, those never used as well: the
        /// stale clients.
        last_used_before?: String = "lastUsedBefore",
        /// `true`: only clients never used (where `capabilities.filters` has `"neverUsed"`);
        /// `false` is the same as leaving it out.
        never_used?: bool = "neverUsed",
    }
}

impl ListParams {
    /// The filter parameters given, by their JS names: each must be one of the kind's
    /// `capabilities.filters`.
    pub fn filters_given(&self) -> impl Iterator<Item = &'static str> {
        [
            ("name", self.name.is_some()),
            ("lastUsedBefore", self.last_used_before.is_some()),
            ("neverUsed", self.never_used.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
    }
}

/// Which operations a resource kind offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Operations {
    /// `clients.list` / `clients.iterate`.
    pub list: bool,
    /// `clients.get`.
    pub get: bool,
    /// `clients.create`.
    pub create: bool,
    /// `clients.update`.
    pub update: bool,
    /// `clients.delete`.
    pub delete: bool,
    /// `clients.rotateSecret`.
    pub rotate_secret: bool,
    /// `clients.deleteRotatedSecret`.
    pub delete_rotated_secret: bool,
}

/// The kind of value an input field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FieldType {
    /// Text.
    String,
    /// Text to conceal as it is typed: a token or key.
    Secret,
    /// An absolute URL.
    Url,
    /// A list of absolute URLs.
    UrlList,
    /// A list of texts.
    StringList,
    /// One value of `options`.
    Choice,
    /// Any values of `options`.
    MultiChoice,
    /// `true` or `false`.
    Boolean,
    /// A whole number.
    Integer,
}

/// One field of a create or update input, for building forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
    /// The input's property name; a dotted name (`oidcPolicy.issuer`) is a field of a nested
    /// object in the input.
    pub name: &'static str,
    /// A label for people.
    pub label: &'static str,
    /// The kind of value.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Whether `create` needs it.
    pub required: bool,
    /// The allowed values of a choice.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub options: &'static [&'static str],
}

/// One resource kind of a provider, for code (and pages) that draw any kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResourceInfo {
    /// The kind's name: `clients`, or its property in the provider's namespace (`scopes`).
    pub name: &'static str,
    /// Where it is on an `OAuthAdmin`: `clients`, or `<provider>.<name>` (`cloudflare.scopes`).
    pub path: String,
    /// A label for people.
    pub label: &'static str,
    /// Parent ids each call takes first, in order (a service principal's secrets).
    pub parents: &'static [FieldSpec],
    /// How `list` pages.
    pub paging: crate::pagination::PagingStyle,
    /// The largest `limit` the provider accepts, where it pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_limit: Option<u32>,
    /// Values `list` accepts as `sort`.
    pub sort_fields: &'static [&'static str],
    /// `list` parameters that filter (`"name"`).
    pub filters: &'static [&'static str],
    /// The operations offered.
    pub operations: Operations,
    /// The fields `create` takes.
    pub create_fields: Vec<FieldSpec>,
    /// The fields `update` can change (none of them required).
    pub update_fields: Vec<FieldSpec>,
}

/// What a provider supports: its `clients` kind at the top level (paging, operations, form
/// fields) and every kind, `clients` first, in `resources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// The provider's name, as given to the constructor.
    pub provider: &'static str,
    /// The `clients` kind.
    #[serde(flatten)]
    pub clients: ResourceInfo,
    /// Every kind, `clients` first.
    pub resources: Vec<ResourceInfo>,
}

/// A time in Unix milliseconds. Read from a JSON number or a string of digits (Atlan
/// sends both); written as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(transparent)]
pub struct EpochMillis(pub i64);

impl EpochMillis {
    /// As an RFC 3339 UTC timestamp.
    pub fn to_iso(self) -> String {
        iso_from_unix_ms(self.0)
    }
}

impl FromJson for EpochMillis {
    fn from_json(value: serde_json::Value) -> Result<Self, DeError> {
        use serde_json::Value;
        let ms = match &value {
            Value::Number(n) => n.as_i64().or_else(|| {
                // JS numbers arrive as floats; a whole number of milliseconds is what was sent.
                n.as_f64()
                    .filter(|v| v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15)
                    .map(|v| v as i64)
            }),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        ms.map(EpochMillis)
            .ok_or_else(|| crate::json::expected(&value, "Unix milliseconds"))
    }
}

/// Formats Unix milliseconds as an RFC 3339 UTC timestamp (`2024-05-01T12:00:00.000Z`).
pub fn iso_from_unix_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("sk_live_123");
        assert_eq!(format!("{s:?} {s}"), "Secret([redacted]) [redacted]");
        assert_eq!(s.expose(), "sk_live_123");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"sk_live_123\"");
    }

    #[test]
    fn unix_ms_to_iso() {
        assert_eq!(iso_from_unix_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            iso_from_unix_ms(1_700_000_000_123),
            "2023-11-14T22:13:20.123Z"
        );
        assert_eq!(
            iso_from_unix_ms(951_782_400_000),
            "2000-02-29T00:00:00.000Z"
        );
        assert_eq!(iso_from_unix_ms(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn epoch_millis_from_number_or_string() {
        for json in ["1700000000123", "\"1700000000123\"", "1700000000123.0"] {
            let t: EpochMillis = crate::json::read_text(json).unwrap();
            assert_eq!(t.to_iso(), "2023-11-14T22:13:20.123Z", "{json}");
        }
        for bad in ["\"soon\"", "1.5", "true", "null"] {
            assert!(crate::json::read_text::<EpochMillis>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn list_params_reject_unknown_fields() {
        let err = crate::json::read_text::<ListParams>(r#"{"pageSize": 5}"#).unwrap_err();
        assert!(err.contains("pageSize"), "{err}");
    }
}

/// One way to authenticate, for building a connect form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AuthOption {
    /// A label for people, e.g. "API token".
    pub label: &'static str,
    /// The properties of the `auth` object this option takes.
    pub fields: &'static [FieldSpec],
}

/// What the constructor of one provider takes, for code that connects to any of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProviderInfo {
    /// The value of the `provider` option.
    pub provider: &'static str,
    /// The provider's name for people.
    pub label: &'static str,
    /// The API root used when `baseUrl` is not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub default_base_url: Option<&'static str>,
    /// The path the API root adds to a host, for pointing `baseUrl` at another origin
    /// (such as a local emulator) that serves every provider under its real paths.
    pub base_path: &'static str,
    /// Options besides `auth` and the shared settings, e.g. Cloudflare's `accountId`.
    pub options: &'static [FieldSpec],
    /// The accepted shapes of `auth`.
    pub auth: &'static [AuthOption],
}

to_json!(@R OAuthClientOf<R> {
    provider, id, client_id, name, description, redirect_uris, grant_types, scopes,
    confidential, created_at, updated_at, last_used_at, record,
});
to_json!(@C Created<C> { client, secret });
to_json!(@C Rotated<C> { secret, client });
to_json!(Operations {
    list,
    get,
    create,
    update,
    delete,
    rotate_secret,
    delete_rotated_secret,
});
to_json!(AuthOption { label, fields });
to_json!(Registration {
    client_id,
    registration_client_uri,
    registration_access_token
});
to_json!(ProviderInfo {
    provider,
    label,
    default_base_url,
    base_path,
    options,
    auth
});

impl crate::json::ToJson for FieldType {
    fn write_json(&self, out: &mut String) {
        crate::json::write_str(
            match self {
                FieldType::String => "string",
                FieldType::Secret => "secret",
                FieldType::Url => "url",
                FieldType::UrlList => "urlList",
                FieldType::StringList => "stringList",
                FieldType::Choice => "choice",
                FieldType::MultiChoice => "multiChoice",
                FieldType::Boolean => "boolean",
                FieldType::Integer => "integer",
            },
            out,
        );
    }
}

impl crate::json::ToJson for FieldSpec {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::json::ObjectWriter::new(out);
        object
            .field("name", self.name)
            .field("label", self.label)
            .field("type", &self.kind)
            .field("required", &self.required);
        if !self.options.is_empty() {
            object.field("options", self.options);
        }
        object.finish();
    }
}

impl ResourceInfo {
    fn write_fields(&self, object: &mut crate::json::ObjectWriter<'_>) {
        object
            .field("name", self.name)
            .field("path", &self.path)
            .field("label", self.label)
            .field("parents", self.parents)
            .field("paging", &self.paging)
            .field("maxLimit", &self.max_limit)
            .field("sortFields", self.sort_fields)
            .field("filters", self.filters)
            .field("operations", &self.operations)
            .field("createFields", &self.create_fields)
            .field("updateFields", &self.update_fields);
    }
}

impl crate::json::ToJson for ResourceInfo {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::json::ObjectWriter::new(out);
        self.write_fields(&mut object);
        object.finish();
    }
}

impl crate::json::ToJson for Capabilities {
    fn write_json(&self, out: &mut String) {
        let mut object = crate::json::ObjectWriter::new(out);
        object.field("provider", self.provider);
        self.clients.write_fields(&mut object);
        object.field("resources", &self.resources);
        object.finish();
    }
}

impl crate::json::ToJson for EpochMillis {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}
