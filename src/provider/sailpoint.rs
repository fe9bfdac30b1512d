//! SailPoint Identity Security Cloud API clients (`/{version}/oauth-clients`).
//!
//! The list comes whole in one bare JSON array, filtered by `filters=lastUsed le <time>` /
//! `lastUsed isnull`; updates are RFC 6902 JSON Patch documents limited to a whitelist of
//! fields; there is no secret rotation. Errors come in three shapes: `ErrorResponseDto`
//! (`{detailCode, trackingId, messages, causes}`), `{error}` on 401 and `{message}` on 429.

use super::{
    bare_status_error, check_urls, decode_ok, optional, read_input, Connection, Create, Delete,
    ErrorBody, Form, Get, Kind, KindInfo, List, ProviderDef, Update,
};
use crate::auth::TokenStyle;
use crate::config::{Auth, Options};
use crate::error::{Error, ErrorDetail, Result};
use crate::model::sailpoint::{
    Clearable, SailPointAccessType, SailPointClient, SailPointClientType, SailPointCreateClient,
    SailPointGrantType, SailPointUpdateClient,
};
use crate::model::{AuthOption, Created, FieldSpec, ListParams, OAuthClientOf, ProviderInfo};
use crate::pagination::{Page, PagingStyle};
use crate::request::{
    encode_component, is_http_url, join_url, require_id, with_query, HttpRequest, HttpResponse,
    Method,
};

const NAME: &str = "sailpoint";
/// The media type of an RFC 6902 patch document.
const JSON_PATCH: &str = "application/json-patch+json";

open_enum!(
    /// The API version: the first path segment. Every version has the same contract.
    SailPointApiVersion, "\"beta\" | \"v3\" | \"v2024\" | \"v2025\" | \"v2026\"" {
        /// `/beta` (the default).
        Beta = "beta",
        /// `/v3`.
        V3 = "v3",
        /// `/v2024`.
        V2024 = "v2024",
        /// `/v2025`.
        V2025 = "v2025",
        /// `/v2026`.
        V2026 = "v2026",
    }
);

/// Builds and parses SailPoint API client requests for one tenant.
#[derive(Debug, Clone)]
pub struct SailPoint {
    base_url: String,
    version: SailPointApiVersion,
}

impl SailPoint {
    /// A builder for the tenant's API root `base_url` (`https://{tenant}.api.identitynow.com`)
    /// and `version` (default `beta`).
    pub fn new(base_url: Option<&str>, version: Option<SailPointApiVersion>) -> Result<Self> {
        let Some(base_url) = base_url.filter(|url| is_http_url(url)) else {
            return Err(Error::invalid(
                "baseUrl",
                "must be your tenant's API root, e.g. https://acme.api.identitynow.com",
            ));
        };
        let version = version.unwrap_or(SailPointApiVersion::Beta);
        if !version.is_known() {
            return Err(Error::invalid(
                "apiVersion",
                format!("must be one of {}", SailPointApiVersion::VALUES.join(", ")),
            ));
        }
        Ok(SailPoint {
            base_url: base_url.to_owned(),
            version,
        })
    }

    fn clients_url(&self) -> String {
        join_url(
            &self.base_url,
            &format!("{}/oauth-clients", self.version.as_str()),
        )
    }

    fn client_url(&self, id: &str) -> Result<String> {
        let id = require_id("id", id)?;
        Ok(format!("{}/{}", self.clients_url(), encode_component(id)))
    }
}

wire! {
    /// Every error shape at once: `ErrorResponseDto`, the 401 `{error}` and the 429 `{message}`.
    struct SailPointError {
        detail_code: Option<String> = "detailCode",
        tracking_id: Option<String> = "trackingId",
        messages: Option<Vec<ErrorMessage>> = "messages",
        causes: Option<Vec<ErrorMessage>> = "causes",
        error: Option<String> = "error",
        message: Option<String> = "message",
    }
}

wire! {
    struct ErrorMessage {
        text: Option<String> = "text",
    }
}

fn error_from(resp: &HttpResponse) -> Error {
    let Ok(body) = resp.json::<SailPointError>() else {
        return bare_status_error(NAME, resp.status);
    };
    let details: Vec<ErrorDetail> = body
        .messages
        .into_iter()
        .chain(body.causes)
        .flatten()
        .filter_map(|m| m.text)
        .map(|text| ErrorDetail {
            message: text.trim().to_owned(),
            ..ErrorDetail::default()
        })
        .collect();
    let message = details
        .first()
        .map(|d| d.message.clone())
        .or(body.error)
        .or(body.message)
        .map(|m| m.trim().to_owned());
    ErrorBody {
        message,
        code: body.detail_code,
        request_id: body.tracking_id,
        details,
    }
    .into_error(NAME, resp.status)
}

/// A client as callers see it.
pub type Client = OAuthClientOf<SailPointClient>;

fn to_client(record: SailPointClient) -> Client {
    OAuthClientOf {
        provider: NAME,
        id: record.id.clone(),
        client_id: record.id.clone(),
        name: record.name.clone(),
        description: record.description.clone(),
        redirect_uris: record.redirect_uris.clone().unwrap_or_default(),
        // The standard OAuth names, as every provider reports them.
        grant_types: record
            .grant_types
            .iter()
            .flatten()
            .map(|g| g.as_str().to_ascii_lowercase())
            .collect(),
        scopes: record.scope.clone().unwrap_or_default(),
        confidential: match record.type_ {
            Some(SailPointClientType::Confidential) => Some(true),
            Some(SailPointClientType::Public) => Some(false),
            _ => None,
        },
        created_at: record.created.clone(),
        updated_at: record.modified.clone(),
        last_used_at: record.last_used.clone(),
        record,
    }
}

/// Checks that every value of an enum field is one SailPoint documents.
fn check_known<'a>(field: &str, mut values: impl Iterator<Item = (bool, &'a str)>) -> Result<()> {
    match values.find(|(known, _)| !known) {
        Some((_, bad)) => Err(Error::invalid(
            field,
            format!("\"{bad}\" is not a value SailPoint accepts"),
        )),
        None => Ok(()),
    }
}

/// A token lifetime: SailPoint's int32, and positive.
fn check_validity(field: &str, seconds: Option<i64>) -> Result<()> {
    match seconds {
        Some(s) if s < 1 || s > i64::from(i32::MAX) => Err(Error::invalid(
            field,
            "must be a whole number of seconds from 1 to 2147483647",
        )),
        _ => Ok(()),
    }
}

/// The fields create and update share, as given (`None`: not given).
struct Checked<'a> {
    name: Option<&'a String>,
    grant_types: Option<&'a Vec<SailPointGrantType>>,
    access_type: Option<&'a SailPointAccessType>,
    access_validity: Option<i64>,
    refresh_validity: Option<i64>,
    /// `None` when unknown here (an update that leaves them as they are), `Some(&[])`
    /// when there are none.
    redirect_uris: Option<&'a [String]>,
    homepage_url: Option<&'a String>,
}

impl Checked<'_> {
    fn check(&self) -> Result<()> {
        if self.name.is_some_and(|n| n.trim().is_empty()) {
            return Err(Error::invalid("name", "must not be empty"));
        }
        if let Some(grants) = self.grant_types {
            check_known(
                "grantTypes",
                grants.iter().map(|g| (g.is_known(), g.as_str())),
            )?;
            let needs_uri = grants.contains(&SailPointGrantType::AuthorizationCode);
            if needs_uri && self.redirect_uris.is_some_and(<[String]>::is_empty) {
                return Err(Error::invalid(
                    "redirectUris",
                    "AUTHORIZATION_CODE needs at least one redirect URI",
                ));
            }
        }
        if let Some(access) = self.access_type {
            check_known(
                "accessType",
                std::iter::once((access.is_known(), access.as_str())),
            )?;
        }
        check_validity("accessTokenValiditySeconds", self.access_validity)?;
        check_validity("refreshTokenValiditySeconds", self.refresh_validity)?;
        check_urls("redirectUris", self.redirect_uris.unwrap_or_default())?;
        check_urls(
            "homepageUrl",
            self.homepage_url
                .map(std::slice::from_ref)
                .unwrap_or_default(),
        )
    }
}

/// `filters` for the list: `lastUsed le <time>`, `lastUsed isnull`, or both joined with
/// `or` (the stale clients). The time is checked as RFC 3339 first, so nothing but its own
/// characters reach the expression.
pub fn filters(params: &ListParams) -> Result<Option<String>> {
    let before = match params.last_used_before.as_deref() {
        Some(time) if is_rfc3339(time) => Some(format!("lastUsed le {time}")),
        Some(_) => {
            return Err(Error::invalid(
                "lastUsedBefore",
                "must be an RFC 3339 time, e.g. 2025-01-31T00:00:00Z",
            ))
        }
        None => None,
    };
    let never = (params.never_used == Some(true)).then(|| "lastUsed isnull".to_owned());
    Ok(match (before, never) {
        (Some(before), Some(never)) => Some(format!("{before} or {never}")),
        (one, other) => one.or(other),
    })
}

/// Whether `text` is an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`,
/// with each part in range (the day in its month).
pub fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<u32> {
        let digits = bytes.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let at = |i: usize, expected: &[u8]| bytes.get(i).is_some_and(|b| expected.contains(b));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        number(0, 4),
        number(5, 2),
        number(8, 2),
        number(11, 2),
        number(14, 2),
        number(17, 2),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let separators = at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":");
    let in_range = (1..=12).contains(&month)
        && (1..=days).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    let mut rest = bytes.get(19..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = fraction.get(digits..).unwrap_or_default();
    }
    let zone = match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let two = |a: &u8, b: &u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
            };
            two(h1, h2).is_some_and(|h| h < 24) && two(m1, m2).is_some_and(|m| m < 60)
        }
        _ => false,
    };
    separators && in_range && zone
}

/// `changes` as an RFC 6902 document: one `replace` per field given, in key order, with the
/// value as typed (a boolean as a boolean, a cleared field as `null`). `given` are the keys
/// the caller passed: one the typed input dropped was a `null` on a field that cannot be
/// cleared.
fn patch_document(changes: &SailPointUpdateClient, given: &[String]) -> Result<String> {
    // The input written as JSON has the fields given, each as typed.
    let written: serde_json::Value =
        crate::json::read_text(&crate::json::to_text(&crate::json::Camel(changes)))
            .unwrap_or_default();
    let fields = written.as_object().cloned().unwrap_or_default();
    if let Some(dropped) = given.iter().find(|key| !fields.contains_key(*key)) {
        return Err(Error::invalid(dropped, "cannot be cleared: give a value"));
    }
    if fields.is_empty() {
        return Err(Error::invalid("changes", "must change at least one field"));
    }
    let ops: Vec<PatchOp<'_>> = fields
        .iter()
        .map(|(key, value)| PatchOp {
            op: "replace",
            path: format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            value,
        })
        .collect();
    Ok(crate::json::to_text(&ops))
}

/// One JSON Patch operation.
struct PatchOp<'a> {
    op: &'static str,
    path: String,
    value: &'a serde_json::Value,
}

to_json!(PatchOp<'_> { op, path, value });

/// What `new OAuthAdmin({ provider: "sailpoint", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "SailPoint Identity Security Cloud",
    default_base_url: None,
    base_path: "",
    options: &[field!(
        "apiVersion",
        "API version (optional, default beta)",
        Choice,
        false,
        SailPointApiVersion::VALUES
    )],
    auth: &[
        AuthOption {
            label: "Access token",
            fields: &[field!("bearer", "Access token", Secret, true)],
        },
        AuthOption {
            label: "Personal access token or API client",
            fields: Auth::CLIENT_FIELDS,
        },
    ],
};

input! {
    /// SailPoint's own constructor options (besides `provider` and the shared settings).
    /// `baseUrl` is required: the tenant's API root, `https://{tenant}.api.identitynow.com`.
    pub struct SailPointOptions {
        /// An access token, or a personal access token's or API client's id and secret
        /// (exchanged at `POST {baseUrl}/oauth/token`, cached and renewed as they expire).
        #[cfg_attr(target_arch = "wasm32", tsify(type = "BearerAuth | ClientCredentialsAuth"))]
        auth: Auth = "auth",
        /// The API version's path segment (default `"beta"`); all have the same contract.
        api_version?: SailPointApiVersion = "apiVersion",
    }
}

/// The provider's entry in the registry.
pub static PROVIDER: ProviderDef = ProviderDef {
    info: INFO,
    connect,
};

fn connect(options: Options) -> Result<Connection> {
    let own: SailPointOptions = options.read()?;
    let api = SailPoint::new(options.base_url.as_deref(), own.api_version)?;
    let credentials = own.auth.bearer_or_client(
        NAME,
        join_url(&api.base_url, "oauth/token"),
        TokenStyle::FormPost,
    )?;
    Ok(Connection {
        kinds: kinds(api),
        credentials,
    })
}

super::provider_kinds! {
    name: sailpoint,
    options: SailPointOptions,
    clients: SailPoint => SailPointClient, SailPointCreateClient, SailPointUpdateClient
        [List, Get, Create, Update, Delete],
    kinds: {},
}

impl Form for SailPointCreateClient {
    fn fields() -> Vec<FieldSpec> {
        Self::specs()
    }
}

impl Form for SailPointUpdateClient {
    fn fields() -> Vec<FieldSpec> {
        optional(Self::specs()).collect()
    }
}

impl Kind for SailPoint {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo {
        label: "API clients",
        parents: &[],
        paging: PagingStyle::Single,
        max_limit: None,
        sort_fields: &[],
        filters: &["lastUsedBefore", "neverUsed"],
    };
    type Record = Client;
}

impl List for SailPoint {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        if params.sort.is_some() {
            return Err(Error::invalid("sort", "sailpoint lists cannot be sorted"));
        }
        if params.cursor.is_some() {
            return Err(Error::invalid(
                "cursor",
                "sailpoint lists everything in one page; there is no next page",
            ));
        }
        let url = with_query(self.clients_url(), &[("filters", filters(params)?)]);
        Ok(HttpRequest::new(Method::Get, url))
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Client>> {
        let records: Vec<SailPointClient> = decode_ok(NAME, resp, "the client list", error_from)?;
        Ok(Page::single(records.into_iter().map(to_client).collect()))
    }
}

impl Get for SailPoint {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Get, self.client_url(id)?))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Client> {
        decode_ok(NAME, resp, "the client", error_from).map(to_client)
    }
}

impl Create for SailPoint {
    type Input = SailPointCreateClient;
    type Created = Created<Client>;

    fn read_create(&self, input: serde_json::Value) -> Result<SailPointCreateClient> {
        let input: SailPointCreateClient = read_input(input, "sailpoint create input")?;
        Checked {
            name: Some(&input.name),
            grant_types: Some(&input.grant_types),
            access_type: Some(&input.access_type),
            access_validity: Some(input.access_token_validity_seconds),
            refresh_validity: input.refresh_token_validity_seconds,
            redirect_uris: Some(input.redirect_uris.as_deref().unwrap_or_default()),
            homepage_url: input.homepage_url.as_ref(),
        }
        .check()?;
        if let Some(kind) = &input.type_ {
            check_known("type", std::iter::once((kind.is_known(), kind.as_str())))?;
        }
        Ok(input)
    }

    fn build_create(
        &self,
        input: &SailPointCreateClient,
        _lookup: Option<&HttpResponse>,
    ) -> Result<HttpRequest> {
        Ok(
            HttpRequest::new(Method::Post, self.clients_url())
                .json_body(&crate::json::Camel(input)),
        )
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Created<Client>> {
        let mut record: SailPointClient = decode_ok(NAME, resp, "the created client", error_from)?;
        let secret = record.secret.take();
        Ok(Created {
            client: to_client(record),
            secret,
        })
    }
}

impl Update for SailPoint {
    type Input = SailPointUpdateClient;

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        let url = self.client_url(id)?;
        let given: Vec<String> = changes
            .as_object()
            .map(|fields| fields.keys().cloned().collect())
            .unwrap_or_default();
        let changes: SailPointUpdateClient =
            read_input(changes, "sailpoint update input").map_err(not_patchable)?;
        Checked {
            name: changes.name.as_ref(),
            grant_types: changes.grant_types.as_ref(),
            access_type: changes.access_type.as_ref(),
            access_validity: changes.access_token_validity_seconds,
            refresh_validity: changes.refresh_token_validity_seconds,
            redirect_uris: match &changes.redirect_uris {
                Clearable::Set(uris) => Some(uris),
                Clearable::Clear => Some(&[]),
                // Unknown here: the server holds them.
                Clearable::Unchanged => None,
            },
            homepage_url: changes.homepage_url.value(),
        }
        .check()?;
        Ok(HttpRequest::new(Method::Patch, url)
            .body_text(JSON_PATCH, patch_document(&changes, &given)?))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Client> {
        self.parse_record(resp)
    }
}

/// An unknown update field is one SailPoint does not let a patch change: say so.
fn not_patchable(mut err: Error) -> Error {
    let field = err.details.first().and_then(|d| d.field.clone());
    if let Some(field) = field.filter(|_| crate::text::contains(&err.message, "unknown field")) {
        err.message = format!(
            "{field}: sailpoint cannot change `{field}` with a patch (it is not one of the patchable fields)"
        );
    }
    err
}

impl Delete for SailPoint {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Delete, self.client_url(id)?))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        decode_ok::<serde_json::Value>(NAME, resp, "the delete result", error_from).map(|_| ())
    }
}

#[cfg(test)]
mod tests;
