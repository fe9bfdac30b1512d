//! Databricks account OAuth (`/api/2.0/accounts/{account_id}/...`): custom app integrations
//! (the clients kind), published apps and their integrations, service-principal secrets and
//! federation policies (account-wide and per service principal).
//!
//! Lists page with `page_token`/`next_page_token` (the end is an absent or empty token);
//! updates of app integrations answer `{}`, so the item is read back; errors carry an
//! `error_code` that decides their kind whatever the status.

use std::borrow::Cow;
use std::marker::PhantomData;

use super::{
    check_urls, decode_ok, read_input, snake_case_body, Connection, Create, Delete, ErrorBody,
    Form, Get, Kind, KindInfo, List, ProviderDef, ReadBack, Update,
};
use crate::auth::{ClientCredentials, Credentials, TokenStyle};
use crate::config::{Auth, Options};
use crate::error::{Error, ErrorDetail, ErrorKind, Result};
use crate::json::FromJson;
use crate::model::databricks::{
    DatabricksCreateCustomApp, DatabricksCreateFederationPolicy,
    DatabricksCreatePublishedAppIntegration, DatabricksCreateSecret, DatabricksCreatedSecret,
    DatabricksCustomApp, DatabricksFederationPolicy, DatabricksPublishedApp,
    DatabricksPublishedAppIntegration, DatabricksSecretInfo, DatabricksUpdateCustomApp,
    DatabricksUpdateFederationPolicy, DatabricksUpdatePublishedAppIntegration, OidcPolicyInput,
};
use crate::model::{AuthOption, Created, FieldSpec, ListParams, OAuthClientOf, ProviderInfo};
use crate::pagination::{next_token, Page, PagingStyle};
use crate::request::{
    encode_component, is_absolute_url, is_http_url, join_url, require_id, with_query, HttpRequest,
    HttpResponse, Method,
};

const NAME: &str = "databricks";

/// The AWS account host; Azure's is `https://accounts.azuredatabricks.net`, GCP's
/// `https://accounts.gcp.databricks.com`.
pub const DEFAULT_BASE_URL: &str = "https://accounts.cloud.databricks.com";

/// The scope an M2M token is asked for.
const M2M_SCOPE: &str = "all-apis";

/// The parent of a service principal's secrets and federation policies.
const SERVICE_PRINCIPAL: &[FieldSpec] = &[field!(
    "servicePrincipalId",
    "Service principal ID",
    String,
    true
)];

/// Builds Databricks account API requests for one account.
#[derive(Debug, Clone)]
pub struct Databricks {
    base_url: String,
    account_id: String,
}

impl Databricks {
    /// A builder for `account_id` (a UUID) under `base_url` (default [`DEFAULT_BASE_URL`]).
    pub fn new(base_url: Option<&str>, account_id: &str) -> Result<Self> {
        if !is_uuid(account_id) {
            return Err(Error::invalid(
                "accountId",
                "must be the Databricks account id (a UUID)",
            ));
        }
        let base_url = base_url.unwrap_or(DEFAULT_BASE_URL);
        if !is_http_url(base_url) {
            return Err(Error::invalid("baseUrl", "must be an absolute http(s) URL"));
        }
        Ok(Databricks {
            base_url: base_url.to_owned(),
            account_id: account_id.to_owned(),
        })
    }

    /// `{baseUrl}/api/2.0/accounts/{accountId}/{path}`.
    fn url(&self, path: &str) -> String {
        join_url(
            &self.base_url,
            &format!("api/2.0/accounts/{}/{path}", self.account_id),
        )
    }

    /// An item of the collection at `path`.
    fn item_url(&self, path: &str, id: &str) -> Result<String> {
        let id = require_id("id", id)?;
        Ok(format!("{}/{}", self.url(path), encode_component(id)))
    }

    /// The M2M token endpoint.
    fn token_url(&self) -> String {
        join_url(
            &self.base_url,
            &format!("oidc/accounts/{}/v1/token", self.account_id),
        )
    }

    /// `GET` one page of the collection at `path`; `search` says whether it takes
    /// `search_keyword` (the `name` filter).
    fn list_request(&self, path: &str, params: &ListParams, search: bool) -> Result<HttpRequest> {
        if params.sort.is_some() {
            return Err(Error::unsupported(NAME, "sorting lists"));
        }
        if params.name.is_some() && !search {
            return Err(Error::unsupported(NAME, "filtering this list by name"));
        }
        if params.limit == Some(0) {
            return Err(Error::invalid("limit", "must be at least 1"));
        }
        let url = with_query(
            self.url(path),
            &[
                ("page_size", params.limit.map(|l| l.to_string())),
                ("page_token", params.cursor.clone()),
                ("search_keyword", params.name.clone()),
            ],
        );
        Ok(HttpRequest::new(Method::Get, url))
    }
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

wire! {
    /// A list response; the items are under `apps`, `secrets` or `policies` by kind. Read
    /// as JSON first, so one reader serves every kind.
    struct Listing {
        apps: Option<Vec<serde_json::Value>> = "apps",
        secrets: Option<Vec<serde_json::Value>> = "secrets",
        policies: Option<Vec<serde_json::Value>> = "policies",
        next_page_token: Option<String> = "next_page_token",
    }
}

/// Reads a page: the items, and the next token unless it is absent or empty.
fn parse_page<T: FromJson>(resp: &HttpResponse, what: &str) -> Result<Page<T>> {
    let list: Listing = decode(resp, what)?;
    let items = list
        .apps
        .or(list.secrets)
        .or(list.policies)
        .unwrap_or_default();
    let items = Vec::<T>::from_json(serde_json::Value::Array(items)).map_err(|e| {
        Error::decode(what, format!("{e} in an item"))
            .with_provider(NAME)
            .with_status(resp.status)
    })?;
    Ok(Page {
        items,
        next: next_token(list.next_page_token),
        total: None,
    })
}

fn decode<T: FromJson>(resp: &HttpResponse, what: &str) -> Result<T> {
    decode_ok(NAME, resp, what, error_from)
}

/// A delete (or an update answering `{}`): success, or the error the response reports.
fn check_ok(resp: &HttpResponse) -> Result<()> {
    if resp.is_success() {
        Ok(())
    } else {
        Err(error_from(resp))
    }
}

// ---- errors ------------------------------------------------------------------------------

wire! {
    /// The error body: the standard `{error_code, message, details}`, the legacy `{error}`
    /// and SCIM's `{detail, status, scimType}`.
    struct ErrorJson {
        error_code: Option<String> = "error_code",
        message: Option<String> = "message",
        details: Option<Vec<serde_json::Value>> = "details",
        error: Option<String> = "error",
        detail: Option<String> = "detail",
        scim_type: Option<String> = "scimType",
    }
}

/// The kind an `error_code` stands for, whatever the status (the SDK's mapping).
fn kind_of_code(code: &str) -> Option<ErrorKind> {
    Some(match code {
        "INVALID_PARAMETER_VALUE" | "INVALID_STATE" => ErrorKind::Validation,
        "RESOURCE_DOES_NOT_EXIST" => ErrorKind::NotFound,
        "ALREADY_EXISTS" | "RESOURCE_ALREADY_EXISTS" | "ABORTED" => ErrorKind::Conflict,
        "RESOURCE_EXHAUSTED" | "REQUEST_LIMIT_EXCEEDED" => ErrorKind::RateLimit,
        "UNKNOWN" | "DATA_LOSS" => ErrorKind::Server,
        _ => return None,
    })
}

/// The error a failed response reports, from whichever body Databricks sent.
pub fn error_from(resp: &HttpResponse) -> Error {
    let mut body = ErrorBody::default();
    let mut retry_after_ms = None;
    match resp.json::<ErrorJson>() {
        Ok(json) => {
            body.code = json.error_code.or(json.scim_type);
            body.message = json.message.or(json.error).or(json.detail);
            for detail in json.details.unwrap_or_default() {
                retry_after_ms = retry_after_ms.or_else(|| retry_delay_ms(&detail));
                if let Some(id) = detail_text(&detail, &["request_id", "requestId"]) {
                    body.request_id.get_or_insert(id);
                }
                body.details.push(read_detail(detail));
            }
        }
        Err(_) => {
            let (code, message) = text_error(&resp.body);
            body.code = code;
            body.message = message;
        }
    }
    let known = body.code.as_deref().and_then(kind_of_code);
    let mut err = body.into_error(NAME, resp.status);
    if let Some(kind) = known {
        err.kind = kind;
    }
    err.retry_after_ms = retry_after_ms;
    err
}

/// The first of `keys` holding text in a detail object.
fn detail_text(detail: &serde_json::Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|key| detail.get(*key).and_then(|v| v.as_str()))
        .map(str::to_owned)
}

/// One `details` item: its `@type`'s short name as the code, its reason or description
/// as the message, the field of a `BadRequest` violation where there is one.
fn read_detail(detail: serde_json::Value) -> ErrorDetail {
    let code = detail_text(&detail, &["@type"]).map(|t| {
        t.rsplit(['/', '.'])
            .next()
            .map_or_else(String::new, str::to_owned)
    });
    let violation = detail
        .get("field_violations")
        .or_else(|| detail.get("fieldViolations"))
        .and_then(|v| v.get(0));
    let message = detail_text(&detail, &["reason", "description", "detail"])
        .or_else(|| violation.and_then(|v| detail_text(v, &["description"])))
        .unwrap_or_else(|| crate::json::to_text(&detail));
    ErrorDetail {
        code,
        message,
        field: violation.and_then(|v| detail_text(v, &["field"])),
    }
}

/// A `RetryInfo` detail's `retry_delay` (`"1.5s"`, or `{seconds, nanos}`), in milliseconds.
fn retry_delay_ms(detail: &serde_json::Value) -> Option<u64> {
    let kind = detail.get("@type")?.as_str()?;
    if !kind.ends_with("RetryInfo") {
        return None;
    }
    let delay = detail
        .get("retry_delay")
        .or_else(|| detail.get("retryDelay"))?;
    match delay {
        serde_json::Value::String(text) => {
            let secs = text.trim().strip_suffix('s')?;
            let (whole, fraction) = secs.split_once('.').unwrap_or((secs, ""));
            let whole: u64 = whole.parse().ok()?;
            let millis = fraction
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(3)
                .try_fold(0u64, |acc, b| {
                    b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
                })?;
            whole.checked_mul(1000)?.checked_add(millis)
        }
        serde_json::Value::Object(_) => {
            let secs = delay
                .get("seconds")
                .and_then(crate::model::databricks::Int64::read)
                .and_then(|s| s.0.parse::<u64>().ok())?;
            let nanos = delay.get("nanos").and_then(|n| n.as_u64()).unwrap_or(0);
            secs.checked_mul(1000)?.checked_add(nanos / 1_000_000)
        }
        _ => None,
    }
}

/// A non-JSON error body: `ERROR_CODE: message` text, an HTML page's `<pre>` or `<title>`,
/// other text as it is; empty: nothing (the status speaks).
fn text_error(body: &str) -> (Option<String>, Option<String>) {
    let text = body.trim();
    if text.is_empty() {
        return (None, None);
    }
    if text.starts_with('<') {
        let inner = |tag: &str| {
            let open = format!("<{tag}>");
            let start = text.find(&open)? + open.len();
            let end = text.get(start..)?.find(&format!("</{tag}>"))? + start;
            text.get(start..end).map(|t| t.trim().to_owned())
        };
        return (None, inner("pre").or_else(|| inner("title")));
    }
    if let Some((code, message)) = text.split_once(": ") {
        let is_code = !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if is_code {
            return (Some(code.to_owned()), Some(message.trim().to_owned()));
        }
    }
    (None, Some(text.chars().take(500).collect()))
}

// ---- custom app integrations: the clients kind and its full-fidelity twin -----------------

/// How a custom app integration is handed to callers: the provider-neutral client
/// (`admin.clients`) or the Databricks record (`customAppIntegrations`).
pub trait AppView: std::fmt::Debug + Clone {
    /// What callers receive.
    type Out: crate::json::ToJson;
    /// The kind's label.
    const LABEL: &'static str;
    /// The record as callers receive it.
    fn view(record: DatabricksCustomApp) -> Self::Out;
}

/// `admin.clients`: [`Client`]s.
#[derive(Debug, Clone)]
pub struct Neutral;

impl AppView for Neutral {
    type Out = Client;
    const LABEL: &'static str = "OAuth app integrations";
    fn view(record: DatabricksCustomApp) -> Client {
        to_client(record)
    }
}

/// `admin.databricks.customAppIntegrations`: [`DatabricksCustomApp`]s.
#[derive(Debug, Clone)]
pub struct Full;

impl AppView for Full {
    type Out = DatabricksCustomApp;
    const LABEL: &'static str = "Custom app integrations";
    fn view(record: DatabricksCustomApp) -> DatabricksCustomApp {
        record
    }
}

/// Custom OAuth app integrations (`oauth2/custom-app-integrations`), seen through `V`.
#[derive(Debug, Clone)]
pub struct CustomApps<V> {
    api: Databricks,
    view: PhantomData<V>,
}

impl<V> CustomApps<V> {
    /// The kind for `api`'s account.
    pub fn new(api: Databricks) -> Self {
        CustomApps {
            api,
            view: PhantomData,
        }
    }
}

const CUSTOM_APPS: &str = "oauth2/custom-app-integrations";

/// A client as callers see it.
pub type Client = OAuthClientOf<DatabricksCustomApp>;

fn to_client(record: DatabricksCustomApp) -> Client {
    OAuthClientOf {
        provider: NAME,
        id: record.integration_id.clone(),
        client_id: record.client_id.clone().unwrap_or_default(),
        name: record.name.clone(),
        description: None,
        redirect_uris: record.redirect_urls.clone().unwrap_or_default(),
        grant_types: Vec::new(),
        scopes: record.scopes.clone().unwrap_or_default(),
        confidential: record.confidential,
        created_at: record.create_time.clone(),
        updated_at: None,
        record,
    }
}

/// `user_authorized_scopes` must be a subset of `scopes` (when both are given).
fn check_app(
    redirect_urls: Option<&Vec<String>>,
    scopes: Option<&Vec<String>>,
    user_scopes: Option<&Vec<String>>,
) -> Result<()> {
    check_urls(
        "redirectUrls",
        redirect_urls.map(Vec::as_slice).unwrap_or_default(),
    )?;
    if let (Some(user), Some(scopes)) = (user_scopes, scopes) {
        if let Some(extra) = user.iter().find(|s| !scopes.contains(s)) {
            return Err(Error::invalid(
                "userAuthorizedScopes",
                format!("\"{extra}\" is not in scopes"),
            ));
        }
    }
    Ok(())
}

impl<V: AppView> Kind for CustomApps<V> {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo {
        label: V::LABEL,
        parents: &[],
        paging: PagingStyle::PageToken,
        max_limit: None,
        sort_fields: &[],
        filters: &["name"],
    };
    type Record = V::Out;
}

impl<V: AppView> List for CustomApps<V> {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.api.list_request(CUSTOM_APPS, params, true)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<V::Out>> {
        let page: Page<DatabricksCustomApp> = parse_page(resp, "the app integration list")?;
        Ok(Page {
            items: page.items.into_iter().map(V::view).collect(),
            next: page.next,
            total: None,
        })
    }
}

impl<V: AppView> Get for CustomApps<V> {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Get,
            self.api.item_url(CUSTOM_APPS, id)?,
        ))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<V::Out> {
        decode(resp, "the app integration").map(V::view)
    }
}

impl<V: AppView> Create for CustomApps<V> {
    type Input = DatabricksCreateCustomApp;
    type Created = Created<V::Out>;

    fn read_create(&self, input: serde_json::Value) -> Result<DatabricksCreateCustomApp> {
        read_app_create(input)
    }

    fn build_create(
        &self,
        input: &DatabricksCreateCustomApp,
        _: Option<&HttpResponse>,
    ) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Post, self.api.url(CUSTOM_APPS))
            .json_text(snake_case_body(input, &[])))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Created<V::Out>> {
        self.parse_created_with(None, resp)
    }

    fn parse_created_with(
        &self,
        input: Option<&DatabricksCreateCustomApp>,
        resp: &HttpResponse,
    ) -> Result<Created<V::Out>> {
        let mut record = created_app(input, resp)?;
        let secret = record.secret.take();
        Ok(Created {
            client: V::view(record),
            secret,
        })
    }
}

impl<V: AppView> Update for CustomApps<V> {
    type Input = DatabricksUpdateCustomApp;

    const READ_BACK: Option<ReadBack<Self>> = Some(|kind, id, updated| {
        check_ok(updated)?;
        kind.get(id)
    });

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        app_update(&self.api, id, changes)
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<V::Out> {
        self.parse_record(resp)
    }
}

// The bodies of the custom app operations, shared by both views (one copy in the module).

fn read_app_create(input: serde_json::Value) -> Result<DatabricksCreateCustomApp> {
    let input: DatabricksCreateCustomApp = read_input(input, "databricks create input")?;
    check_app(
        input.redirect_urls.as_ref(),
        input.scopes.as_ref(),
        input.user_authorized_scopes.as_ref(),
    )?;
    Ok(input)
}

/// The create answer holds only `integration_id`, `client_id`, `principal_id` and the secret
/// with its expiry: the record is what was sent with those added (the answer wins where both
/// name a field), its secret still in it.
fn created_app(
    input: Option<&DatabricksCreateCustomApp>,
    resp: &HttpResponse,
) -> Result<DatabricksCustomApp> {
    let what = "the created app integration";
    let answer: serde_json::Value = decode(resp, what)?;
    let sent = input.map(|input| snake_case_body(input, &[]));
    let merged = match (sent.and_then(|s| serde_json::from_str(&s).ok()), answer) {
        (Some(serde_json::Value::Object(mut fields)), serde_json::Value::Object(answer)) => {
            fields.extend(answer);
            serde_json::Value::Object(fields)
        }
        (_, answer) => answer,
    };
    DatabricksCustomApp::from_json(merged).map_err(|e| {
        Error::decode(what, e)
            .with_provider(NAME)
            .with_status(resp.status)
    })
}

fn app_update(api: &Databricks, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
    let url = api.item_url(CUSTOM_APPS, id)?;
    for fixed in ["name", "confidential"] {
        if changes.get(fixed).is_some() {
            return Err(Error::invalid(
                fixed,
                "cannot be changed after creation (only redirectUrls, scopes, tokenAccessPolicy and userAuthorizedScopes can)",
            ));
        }
    }
    let changes: DatabricksUpdateCustomApp = read_input(changes, "databricks update input")?;
    check_app(
        changes.redirect_urls.as_ref(),
        changes.scopes.as_ref(),
        changes.user_authorized_scopes.as_ref(),
    )?;
    Ok(HttpRequest::new(Method::Patch, url).json_text(snake_case_body(&changes, &[])))
}

impl<V: AppView> Delete for CustomApps<V> {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.api.item_url(CUSTOM_APPS, id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

/// Inputs whose form fields are the ones they declare.
macro_rules! declared_forms {
    ($($input:ty),*) => {
        $(impl Form for $input {
            fn fields() -> Vec<FieldSpec> {
                Self::specs()
            }
        })*
    };
}

declared_forms!(
    DatabricksCreateCustomApp,
    DatabricksUpdateCustomApp,
    DatabricksCreatePublishedAppIntegration,
    DatabricksUpdatePublishedAppIntegration,
    DatabricksCreateSecret
);

// ---- published apps and their integrations -------------------------------------------------

/// The catalogue of published apps (`oauth2/published-apps`).
#[derive(Debug, Clone)]
pub struct PublishedApps(pub Databricks);

impl Kind for PublishedApps {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged("Published apps", &[], &[]);
    type Record = DatabricksPublishedApp;
}

/// A page-token kind's description.
const fn paged(
    label: &'static str,
    parents: &'static [FieldSpec],
    filters: &'static [&'static str],
) -> KindInfo {
    KindInfo {
        label,
        parents,
        paging: PagingStyle::PageToken,
        max_limit: None,
        sort_fields: &[],
        filters,
    }
}

impl List for PublishedApps {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.0.list_request("oauth2/published-apps", params, false)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the published app list")
    }
}

/// Published apps enabled in the account (`oauth2/published-app-integrations`).
#[derive(Debug, Clone)]
pub struct PublishedAppIntegrations(pub Databricks);

const PUBLISHED: &str = "oauth2/published-app-integrations";

impl Kind for PublishedAppIntegrations {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged("Published app integrations", &[], &["name"]);
    type Record = DatabricksPublishedAppIntegration;
}

impl List for PublishedAppIntegrations {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.0.list_request(PUBLISHED, params, true)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the published app integration list")
    }
}

impl Get for PublishedAppIntegrations {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Get,
            self.0.item_url(PUBLISHED, id)?,
        ))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Self::Record> {
        decode(resp, "the published app integration")
    }
}

impl Create for PublishedAppIntegrations {
    type Input = DatabricksCreatePublishedAppIntegration;
    /// The answer holds the new `integration_id` only.
    type Created = DatabricksPublishedAppIntegration;

    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input> {
        let input: Self::Input = read_input(input, "published app integration")?;
        if input.app_id.trim().is_empty() {
            return Err(Error::invalid("appId", "must not be empty"));
        }
        Ok(input)
    }

    fn build_create(&self, input: &Self::Input, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Post, self.0.url(PUBLISHED))
            .json_text(snake_case_body(input, &[])))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Self::Created> {
        decode(resp, "the created published app integration")
    }
}

impl Update for PublishedAppIntegrations {
    type Input = DatabricksUpdatePublishedAppIntegration;

    const READ_BACK: Option<ReadBack<Self>> = Some(|kind, id, updated| {
        check_ok(updated)?;
        kind.get(id)
    });

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        let url = self.0.item_url(PUBLISHED, id)?;
        let changes: Self::Input = read_input(changes, "published app integration changes")?;
        Ok(HttpRequest::new(Method::Patch, url).json_text(snake_case_body(&changes, &[])))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Self::Record> {
        self.parse_record(resp)
    }
}

impl Delete for PublishedAppIntegrations {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.0.item_url(PUBLISHED, id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

// ---- service-principal secrets --------------------------------------------------------------

/// A service principal's id from a call's parents: digits (an int64).
fn service_principal(parents: &[String]) -> Result<String> {
    match parents.first() {
        Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => Ok(id.clone()),
        _ => Err(Error::invalid(
            "servicePrincipalId",
            "must be the service principal's numeric id",
        )),
    }
}

/// A service principal's OAuth secrets
/// (`servicePrincipals/{id}/credentials/secrets`); at most five per service principal.
#[derive(Debug, Clone)]
pub struct ServicePrincipalSecrets {
    api: Databricks,
    /// The service principal the call named (set by `bind`).
    service_principal: String,
}

impl ServicePrincipalSecrets {
    /// The kind for `api`'s account.
    pub fn new(api: Databricks) -> Self {
        ServicePrincipalSecrets {
            api,
            service_principal: String::new(),
        }
    }

    fn path(&self) -> String {
        format!(
            "servicePrincipals/{}/credentials/secrets",
            self.service_principal
        )
    }
}

impl Kind for ServicePrincipalSecrets {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged("Service principal secrets", SERVICE_PRINCIPAL, &[]);
    type Record = DatabricksSecretInfo;

    fn bind(&self, parents: &[String]) -> Result<Cow<'_, Self>> {
        Ok(Cow::Owned(ServicePrincipalSecrets {
            api: self.api.clone(),
            service_principal: service_principal(parents)?,
        }))
    }
}

impl List for ServicePrincipalSecrets {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.api.list_request(&self.path(), params, false)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the secret list")
    }
}

impl Create for ServicePrincipalSecrets {
    type Input = DatabricksCreateSecret;
    type Created = DatabricksCreatedSecret;

    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input> {
        let input: Self::Input = read_input(input, "secret input")?;
        if input.lifetime_seconds == Some(0) {
            return Err(Error::invalid("lifetimeSeconds", "must be at least 1"));
        }
        Ok(input)
    }

    fn build_create(&self, input: &Self::Input, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        let mut body = String::new();
        crate::json::ObjectWriter::new(&mut body)
            .field("lifetime", &input.lifetime_seconds.map(|s| format!("{s}s")))
            .field("scopes", &input.scopes)
            .finish();
        Ok(HttpRequest::new(Method::Post, self.api.url(&self.path())).json_text(body))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<DatabricksCreatedSecret> {
        let mut info: DatabricksSecretInfo = decode(resp, "the created secret")?;
        let secret = info.secret.take().ok_or_else(|| {
            Error::decode("the created secret", "the response has no `secret`")
                .with_provider(NAME)
                .with_status(resp.status)
        })?;
        Ok(DatabricksCreatedSecret { secret, info })
    }
}

impl Delete for ServicePrincipalSecrets {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.api.item_url(&self.path(), id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

// ---- federation policies ---------------------------------------------------------------------

/// Federation policies: the account's (`UNDER_SP = false`, `federationPolicies`) or a
/// service principal's (`UNDER_SP = true`, `servicePrincipals/{id}/federationPolicies`).
#[derive(Debug, Clone)]
pub struct FederationPolicies<const UNDER_SP: bool> {
    api: Databricks,
    /// The service principal the call named (set by `bind`), under a service principal.
    service_principal: String,
}

impl<const UNDER_SP: bool> FederationPolicies<UNDER_SP> {
    /// The kind for `api`'s account.
    pub fn new(api: Databricks) -> Self {
        FederationPolicies {
            api,
            service_principal: String::new(),
        }
    }

    fn path(&self) -> String {
        if UNDER_SP {
            format!(
                "servicePrincipals/{}/federationPolicies",
                self.service_principal
            )
        } else {
            "federationPolicies".to_owned()
        }
    }
}

/// Policy ids: lowercase letters, digits, `-` and `/`.
fn check_policy_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "policyId",
            "may hold only lowercase letters, digits, '-' and '/'",
        ))
    }
}

fn check_oidc(oidc: Option<&OidcPolicyInput>) -> Result<()> {
    let Some(oidc) = oidc else { return Ok(()) };
    for (field, url) in [
        ("oidcPolicy.issuer", &oidc.issuer),
        ("oidcPolicy.jwksUri", &oidc.jwks_uri),
    ] {
        if url.as_deref().is_some_and(|u| !is_absolute_url(u)) {
            return Err(Error::invalid(field, "must be an absolute URL"));
        }
    }
    if let Some(jwks) = &oidc.jwks_json {
        if serde_json::from_str::<serde_json::Value>(jwks).is_err() {
            return Err(Error::invalid("oidcPolicy.jwksJson", "must be valid JSON"));
        }
    }
    Ok(())
}

/// The `update_mask` for a body: the dotted path of every field it sets, nested objects'
/// fields included (`description,oidc_policy.audiences`); an empty object is its own path.
pub fn update_mask(body: &serde_json::Value) -> String {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) if !fields.is_empty() => {
                for (key, inner) in fields {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, inner, out);
                }
            }
            _ if !prefix.is_empty() => out.push(prefix.to_owned()),
            _ => {}
        }
    }
    let mut paths = Vec::new();
    walk("", body, &mut paths);
    paths.join(",")
}

impl<const UNDER_SP: bool> Kind for FederationPolicies<UNDER_SP> {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = if UNDER_SP {
        paged(
            "Service principal federation policies",
            SERVICE_PRINCIPAL,
            &[],
        )
    } else {
        paged("Federation policies", &[], &[])
    };
    type Record = DatabricksFederationPolicy;

    fn bind(&self, parents: &[String]) -> Result<Cow<'_, Self>> {
        if !UNDER_SP {
            return Ok(Cow::Borrowed(self));
        }
        Ok(Cow::Owned(FederationPolicies {
            api: self.api.clone(),
            service_principal: service_principal(parents)?,
        }))
    }
}

impl<const UNDER_SP: bool> List for FederationPolicies<UNDER_SP> {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.api.list_request(&self.path(), params, false)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the federation policy list")
    }
}

impl<const UNDER_SP: bool> Get for FederationPolicies<UNDER_SP> {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Get,
            self.api.item_url(&self.path(), id)?,
        ))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Self::Record> {
        decode(resp, "the federation policy")
    }
}

/// The body of a policy create or update: its description and OIDC trust, snake_case.
fn policy_body(description: Option<&String>, oidc_policy: Option<&OidcPolicyInput>) -> String {
    let mut body = String::new();
    crate::json::ObjectWriter::new(&mut body)
        .field("description", &description)
        .field("oidc_policy", &oidc_policy)
        .finish();
    body
}

// The bodies of the policy operations, shared by both scopes (one copy in the module).

fn read_policy_create(input: serde_json::Value) -> Result<DatabricksCreateFederationPolicy> {
    let input: DatabricksCreateFederationPolicy = read_input(input, "federation policy")?;
    if let Some(id) = &input.policy_id {
        check_policy_id(id)?;
    }
    check_oidc(input.oidc_policy.as_ref())?;
    Ok(input)
}

/// `POST` to the collection at `url`, the optional id as the `policy_id` query parameter.
fn policy_create(url: &str, input: &DatabricksCreateFederationPolicy) -> HttpRequest {
    let url = with_query(url.to_owned(), &[("policy_id", input.policy_id.clone())]);
    HttpRequest::new(Method::Post, url).json_text(policy_body(
        input.description.as_ref(),
        input.oidc_policy.as_ref(),
    ))
}

/// `PATCH` the policy at `url` with the fields given and their `update_mask`.
fn policy_update(url: String, changes: serde_json::Value) -> Result<HttpRequest> {
    let changes: DatabricksUpdateFederationPolicy =
        read_input(changes, "federation policy changes")?;
    check_oidc(changes.oidc_policy.as_ref())?;
    let body = policy_body(changes.description.as_ref(), changes.oidc_policy.as_ref());
    let mask = serde_json::from_str(&body)
        .map(|value| update_mask(&value))
        .unwrap_or_default();
    if mask.is_empty() {
        return Err(Error::invalid(
            "changes",
            "name at least one field to change",
        ));
    }
    let url = with_query(url, &[("update_mask", Some(mask))]);
    Ok(HttpRequest::new(Method::Patch, url).json_text(body))
}

impl<const UNDER_SP: bool> Create for FederationPolicies<UNDER_SP> {
    type Input = DatabricksCreateFederationPolicy;
    type Created = DatabricksFederationPolicy;

    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input> {
        read_policy_create(input)
    }

    fn build_create(&self, input: &Self::Input, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        Ok(policy_create(&self.api.url(&self.path()), input))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Self::Created> {
        self.parse_record(resp)
    }
}

impl<const UNDER_SP: bool> Update for FederationPolicies<UNDER_SP> {
    type Input = DatabricksUpdateFederationPolicy;

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        policy_update(self.api.item_url(&self.path(), id)?, changes)
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Self::Record> {
        self.parse_record(resp)
    }
}

impl<const UNDER_SP: bool> Delete for FederationPolicies<UNDER_SP> {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.api.item_url(&self.path(), id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

/// A policy form: its own fields, then the OIDC trust's.
fn policy_fields(own: Vec<FieldSpec>) -> Vec<FieldSpec> {
    own.into_iter().chain(OIDC_FIELDS.iter().cloned()).collect()
}

impl Form for DatabricksCreateFederationPolicy {
    fn fields() -> Vec<FieldSpec> {
        policy_fields(Self::specs())
    }
}

impl Form for DatabricksUpdateFederationPolicy {
    fn fields() -> Vec<FieldSpec> {
        policy_fields(Self::specs())
    }
}

/// The OIDC trust's form fields, by their dotted path in the input.
const OIDC_FIELDS: &[FieldSpec] = &[
    field!("oidcPolicy.issuer", "OIDC issuer", Url, false),
    field!("oidcPolicy.audiences", "Audiences", StringList, false),
    field!("oidcPolicy.subject", "Subject", String, false),
    field!(
        "oidcPolicy.subjectClaim",
        "Subject claim (default sub)",
        String,
        false
    ),
    field!("oidcPolicy.jwksUri", "JWKS URI", Url, false),
];

// ---- options and connection -------------------------------------------------------------------

/// What `new OAuthAdmin({ provider: "databricks", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "Databricks",
    default_base_url: Some(DEFAULT_BASE_URL),
    base_path: "",
    options: &[field!("accountId", "Account ID", String, true)],
    auth: &[
        AuthOption {
            label: "OAuth access token",
            fields: &[field!("bearer", "Access token", Secret, true)],
        },
        AuthOption {
            label: "Service principal (OAuth M2M)",
            fields: &[
                field!("clientId", "Client ID", String, true),
                field!("clientSecret", "Client secret", Secret, true),
            ],
        },
    ],
};

input! {
    /// Databricks' own constructor options (besides `provider` and the shared settings).
    pub struct DatabricksOptions {
        /// The account id (a UUID).
        account_id: String = "accountId",
        /// An account admin's OAuth access token, or a service principal's OAuth client id
        /// and secret (OAuth M2M: exchanged at `{baseUrl}/oidc/accounts/{accountId}/v1/token`
        /// for `all-apis` tokens, cached and renewed as they expire).
        #[cfg_attr(target_arch = "wasm32", tsify(type = "BearerAuth | ClientCredentialsAuth"))]
        auth: Auth = "auth",
    }
}

/// The provider's entry in the registry.
pub static PROVIDER: ProviderDef = ProviderDef {
    info: INFO,
    connect,
};

fn connect(options: Options) -> Result<Connection> {
    let own: DatabricksOptions = options.read()?;
    let api = Databricks::new(options.base_url.as_deref(), &own.account_id)?;
    let credentials = match own.auth {
        Auth::Bearer(token) => Auth::bearer(token)?,
        Auth::ClientCredentials {
            client_id,
            client_secret,
            scope,
        } => {
            if client_id.trim().is_empty() || client_secret.expose().is_empty() {
                return Err(Error::invalid(
                    "auth",
                    "clientId and clientSecret must not be empty",
                ));
            }
            Credentials::ClientCredentials(ClientCredentials {
                token_url: api.token_url(),
                client_id,
                client_secret,
                scope: Some(scope.unwrap_or_else(|| M2M_SCOPE.to_owned())),
                style: TokenStyle::FormBasic,
            })
        }
        other => return Err(other.not_taken(NAME, "{ bearer } or { clientId, clientSecret }")),
    };
    Ok(Connection {
        kinds: kinds(
            CustomApps::new(api.clone()),
            CustomApps::new(api.clone()),
            PublishedApps(api.clone()),
            PublishedAppIntegrations(api.clone()),
            ServicePrincipalSecrets::new(api.clone()),
            FederationPolicies::new(api.clone()),
            FederationPolicies::new(api),
        ),
        credentials,
    })
}

super::provider_kinds! {
    name: databricks,
    options: DatabricksOptions,
    clients: CustomApps<Neutral> => DatabricksCustomApp, DatabricksCreateCustomApp,
        DatabricksUpdateCustomApp [List, Get, Create, Update, Delete],
    kinds: {
        customAppIntegrations: CustomApps<Full> => Resource<DatabricksCustomApp,
            DatabricksCreateCustomApp, DatabricksUpdateCustomApp, Created<DatabricksCustomApp>>
            [List, Get, Create, Update, Delete],
        publishedApps: PublishedApps => Resource<DatabricksPublishedApp> [List],
        publishedAppIntegrations: PublishedAppIntegrations => Resource<
            DatabricksPublishedAppIntegration, DatabricksCreatePublishedAppIntegration,
            DatabricksUpdatePublishedAppIntegration, DatabricksPublishedAppIntegration>
            [List, Get, Create, Update, Delete],
        servicePrincipalSecrets: ServicePrincipalSecrets => ChildResource<DatabricksSecretInfo,
            DatabricksCreateSecret, never, DatabricksCreatedSecret> [List, Create, Delete],
        federationPolicies: FederationPolicies<false> => Resource<DatabricksFederationPolicy,
            DatabricksCreateFederationPolicy, DatabricksUpdateFederationPolicy,
            DatabricksFederationPolicy> [List, Get, Create, Update, Delete],
        servicePrincipalFederationPolicies: FederationPolicies<true> => ChildResource<
            DatabricksFederationPolicy, DatabricksCreateFederationPolicy,
            DatabricksUpdateFederationPolicy, DatabricksFederationPolicy>
            [List, Get, Create, Update, Delete],
    },
}

#[cfg(test)]
mod tests;
