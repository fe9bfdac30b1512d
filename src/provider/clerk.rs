//! Clerk OAuth applications (Backend API `/oauth_applications`).
//!
//! Offset paging with `total_count`; every request carries `Clerk-API-Version`; errors are
//! `{errors: [{message, long_message, code, meta}], clerk_trace_id}`.

use super::{
    bare_status_error, check_urls, decode_ok, optional, read_input, snake_case_body, Connection,
    Create, Delete, ErrorBody, Form, Get, Kind, KindInfo, List, ProviderDef, RotateSecret, Update,
};
use crate::config::{Auth, Options};
use crate::error::{Error, ErrorDetail, Result};
use crate::model::clerk::{ClerkApplication, ClerkCreateClient, ClerkUpdateClient};
use crate::model::{
    AuthOption, Created, FieldSpec, ListParams, OAuthClientOf, ProviderInfo, Rotated,
};
use crate::pagination::{OffsetWindow, Page};
use crate::request::{
    encode_component, is_http_url, join_url, require_id, with_query, HttpRequest, HttpResponse,
    Method,
};

/// The API root when the caller gives none.
pub const DEFAULT_BASE_URL: &str = "https://api.clerk.com/v1";
/// The `Clerk-API-Version` sent unless the caller names another; the
/// `oauth_applications` API is the same in every published version.
pub const DEFAULT_API_VERSION: &str = "2025-11-10";

const NAME: &str = "clerk";
const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 500;

/// Builds and parses Clerk OAuth application requests for one instance.
#[derive(Debug, Clone)]
pub struct Clerk {
    base_url: String,
    api_version: String,
}

impl Clerk {
    /// A builder for `base_url` (default [`DEFAULT_BASE_URL`]) and `api_version`
    /// (`YYYY-MM-DD`, default [`DEFAULT_API_VERSION`]).
    pub fn new(base_url: Option<&str>, api_version: Option<&str>) -> Result<Self> {
        let base_url = base_url.unwrap_or(DEFAULT_BASE_URL);
        if !is_http_url(base_url) {
            return Err(Error::invalid("baseUrl", "must be an absolute http(s) URL"));
        }
        let api_version = api_version.unwrap_or(DEFAULT_API_VERSION);
        let date_like = api_version.len() == 10
            && api_version.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !date_like {
            return Err(Error::invalid(
                "apiVersion",
                "must be a date such as 2025-11-10",
            ));
        }
        Ok(Clerk {
            base_url: base_url.to_owned(),
            api_version: api_version.to_owned(),
        })
    }

    fn request(&self, method: Method, url: String) -> HttpRequest {
        HttpRequest::new(method, url).header("clerk-api-version", self.api_version.clone())
    }

    fn apps_url(&self) -> String {
        join_url(&self.base_url, "oauth_applications")
    }

    fn app_url(&self, id: &str, suffix: &str) -> Result<String> {
        let id = require_id("id", id)?;
        Ok(format!(
            "{}/{}{suffix}",
            self.apps_url(),
            encode_component(id)
        ))
    }
}

/// `order_by` for a neutral sort field.
fn order_by(sort: Option<&str>) -> Result<&'static str> {
    match sort {
        None | Some("createdAt") => Ok("+created_at"),
        Some("-createdAt") => Ok("-created_at"),
        Some("name") => Ok("+name"),
        Some("-name") => Ok("-name"),
        Some(other) => Err(Error::invalid(
            "sort",
            format!("\"{other}\" is not one of createdAt, -createdAt, name, -name"),
        )),
    }
}

wire! {
    struct ClerkErrors {
        errors: Option<Vec<ClerkError>> = "errors",
        clerk_trace_id: Option<String> = "clerk_trace_id",
    }
}

wire! {
    struct ClerkError {
        message: Option<String> = "message",
        long_message: Option<String> = "long_message",
        code: Option<String> = "code",
        meta: Option<ClerkErrorMeta> = "meta",
    }
}

wire! {
    struct ClerkErrorMeta {
        param_name: Option<String> = "param_name",
    }
}

fn error_from(resp: &HttpResponse) -> Error {
    let Ok(body) = resp.json::<ClerkErrors>() else {
        return bare_status_error(NAME, resp.status);
    };
    let details: Vec<ErrorDetail> = body
        .errors
        .unwrap_or_default()
        .into_iter()
        .map(|e| ErrorDetail {
            code: e.code,
            message: e
                .long_message
                .filter(|m| !m.is_empty())
                .or(e.message)
                .unwrap_or_default(),
            field: e.meta.and_then(|m| m.param_name),
        })
        .collect();
    ErrorBody {
        message: details.first().map(|d| d.message.clone()),
        code: details.first().and_then(|d| d.code.clone()),
        request_id: body.clerk_trace_id,
        details,
    }
    .into_error(NAME, resp.status)
}

/// A client as callers see it.
pub type Client = OAuthClientOf<ClerkApplication>;

fn to_client(app: ClerkApplication) -> Client {
    OAuthClientOf {
        provider: NAME,
        id: app.id.clone(),
        client_id: app.client_id.clone().unwrap_or_else(|| app.id.clone()),
        name: app.name.clone(),
        description: None,
        redirect_uris: app.redirect_uris.clone().unwrap_or_default(),
        grant_types: Vec::new(),
        scopes: app
            .scopes
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        confidential: app.public.map(|public| !public),
        created_at: app.created_at.map(|t| t.to_iso()),
        updated_at: app.updated_at.map(|t| t.to_iso()),
        last_used_at: None,
        record: app,
    }
}

fn check_fields(
    name: Option<&String>,
    redirect_uris: Option<&Vec<String>>,
    scopes: Option<&Vec<String>>,
) -> Result<()> {
    if let Some(name) = name {
        if name.trim().is_empty() {
            return Err(Error::invalid("name", "must not be empty"));
        }
        if name.chars().count() > 256 {
            return Err(Error::invalid("name", "must be at most 256 characters"));
        }
    }
    check_urls(
        "redirectUris",
        redirect_uris.map(Vec::as_slice).unwrap_or_default(),
    )?;
    if let Some(scopes) = scopes {
        if let Some(bad) = scopes
            .iter()
            .find(|s| s.is_empty() || s.contains(char::is_whitespace))
        {
            return Err(Error::invalid(
                "scopes",
                format!("\"{bad}\" is not a single scope"),
            ));
        }
        if scopes.join(" ").len() > 1024 {
            return Err(Error::invalid(
                "scopes",
                "must be at most 1024 characters together",
            ));
        }
    }
    Ok(())
}

/// What `new OAuthAdmin({ provider: "clerk", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "Clerk",
    default_base_url: Some(DEFAULT_BASE_URL),
    base_path: "/v1",
    options: &[field!(
        "apiVersion",
        "API version (optional)",
        String,
        false
    )],
    auth: &[AuthOption {
        label: "Secret key",
        fields: &[field!("bearer", "Secret key (sk_...)", Secret, true)],
    }],
};

input! {
    /// Clerk's own constructor options (besides `provider` and the shared settings).
    pub struct ClerkOptions {
        /// The instance's secret key (`sk_live_...` / `sk_test_...`).
        #[cfg_attr(target_arch = "wasm32", tsify(type = "BearerAuth"))]
        auth: Auth = "auth",
        /// The `Clerk-API-Version` date to send (default 2025-11-10).
        api_version?: String = "apiVersion",
    }
}

/// The provider's entry in the registry.
pub static PROVIDER: ProviderDef = ProviderDef {
    info: INFO,
    connect,
};

fn connect(options: Options) -> Result<Connection> {
    let own: ClerkOptions = options.read()?;
    let api = Clerk::new(options.base_url.as_deref(), own.api_version.as_deref())?;
    let credentials = match own.auth {
        Auth::Bearer(token) => Auth::bearer(token)?,
        other => return Err(other.not_taken(NAME, "{ bearer }")),
    };
    Ok(Connection {
        kinds: kinds(api),
        credentials,
    })
}

super::provider_kinds! {
    name: clerk,
    options: ClerkOptions,
    clients: Clerk => ClerkApplication, ClerkCreateClient, ClerkUpdateClient
        [List, Get, Create, Update, Delete, RotateSecret],
    kinds: {},
}

impl Form for ClerkCreateClient {
    fn fields() -> Vec<FieldSpec> {
        Self::specs()
    }
}

impl Form for ClerkUpdateClient {
    fn fields() -> Vec<FieldSpec> {
        optional(ClerkCreateClient::specs()).collect()
    }
}

impl Kind for Clerk {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo {
        label: "OAuth applications",
        parents: &[],
        paging: crate::pagination::PagingStyle::Offset,
        max_limit: Some(MAX_LIMIT),
        sort_fields: &["createdAt", "-createdAt", "name", "-name"],
        filters: &["name"],
    };
    type Record = Client;
}

impl List for Clerk {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        let window = OffsetWindow::from_params(params, DEFAULT_LIMIT, Some(MAX_LIMIT))?;
        let url = with_query(
            self.apps_url(),
            &[
                ("limit", Some(window.limit.to_string())),
                ("offset", Some(window.offset.to_string())),
                (
                    "order_by",
                    Some(order_by(params.sort.as_deref())?.to_owned()),
                ),
                ("name_query", params.name.clone()),
            ],
        );
        Ok(self.request(Method::Get, url))
    }

    fn parse_list(&self, params: &ListParams, resp: &HttpResponse) -> Result<Page<Client>> {
        wire! {
            struct Listed {
                data: Vec<ClerkApplication> = "data",
                total_count: u64 = "total_count",
            }
        }
        let window = OffsetWindow::from_params(params, DEFAULT_LIMIT, Some(MAX_LIMIT))?;
        let list: Listed = decode_ok(NAME, resp, "the application list", error_from)?;
        Ok(Page {
            next: window.next(list.data.len(), Some(list.total_count)),
            total: Some(list.total_count),
            items: list.data.into_iter().map(to_client).collect(),
        })
    }
}

impl Get for Clerk {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(self.request(Method::Get, self.app_url(id, "")?))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Client> {
        decode_ok(NAME, resp, "the application", error_from).map(to_client)
    }
}

impl Create for Clerk {
    type Input = ClerkCreateClient;
    type Created = Created<Client>;

    fn read_create(&self, input: serde_json::Value) -> Result<ClerkCreateClient> {
        let input: ClerkCreateClient = read_input(input, "clerk create input")?;
        check_fields(
            Some(&input.name),
            input.redirect_uris.as_ref(),
            input.scopes.as_ref().map(|s| &s.0),
        )?;
        Ok(input)
    }

    fn build_create(
        &self,
        input: &ClerkCreateClient,
        _lookup: Option<&HttpResponse>,
    ) -> Result<HttpRequest> {
        Ok(self
            .request(Method::Post, self.apps_url())
            .json_text(snake_case_body(input, &[])))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Created<Client>> {
        let mut app: ClerkApplication =
            decode_ok(NAME, resp, "the created application", error_from)?;
        let secret = app.secret.take();
        Ok(Created {
            client: to_client(app),
            secret,
        })
    }
}

impl Update for Clerk {
    type Input = ClerkUpdateClient;

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        let url = self.app_url(id, "")?;
        let changes: ClerkUpdateClient = read_input(changes, "clerk update input")?;
        check_fields(
            changes.name.as_ref(),
            changes.redirect_uris.as_ref(),
            changes.scopes.as_ref().map(|s| &s.0),
        )?;
        Ok(self
            .request(Method::Patch, url)
            .json_text(snake_case_body(&changes, &[])))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Client> {
        self.parse_record(resp)
    }
}

impl Delete for Clerk {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(self.request(Method::Delete, self.app_url(id, "")?))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        decode_ok::<serde_json::Value>(NAME, resp, "the delete result", error_from).map(|_| ())
    }
}

impl RotateSecret for Clerk {
    type Rotated = Rotated<Client>;

    fn rotate_secret(&self, id: &str) -> Result<HttpRequest> {
        Ok(self.request(Method::Post, self.app_url(id, "/rotate_secret")?))
    }

    fn parse_rotated(&self, resp: &HttpResponse) -> Result<Rotated<Client>> {
        let mut app: ClerkApplication =
            decode_ok(NAME, resp, "the rotated application", error_from)?;
        let secret = app.secret.take().ok_or_else(|| {
            Error::decode(
                "the rotated application",
                "it has no client_secret (public clients have none)",
            )
            .with_provider(NAME)
            .with_status(resp.status)
        })?;
        Ok(Rotated {
            secret,
            client: Some(to_client(app)),
        })
    }
}

#[cfg(test)]
mod tests;
