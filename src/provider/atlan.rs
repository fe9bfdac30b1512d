//! Atlan OAuth clients (the Heracles service under `/api/service`).
//!
//! Offset paging with `{totalRecord, filterRecord, records}` where `records` is `null` past
//! the end; `create` resolves the role through `GET roles` first; no secret rotation.

use super::{
    bare_status_error, decode_ok, read_input, Connection, Create, Delete, ErrorBody, Form, Get,
    Kind, KindInfo, List, ProviderDef, Update,
};
use crate::auth::TokenStyle;
use crate::config::{Auth, Options};
use crate::error::{Error, ErrorDetail, ErrorKind, Result};
use crate::model::atlan::{AtlanClient, AtlanCreateClient, AtlanRole, AtlanUpdateClient};
use crate::model::{AuthOption, Created, FieldSpec, ListParams, OAuthClientOf, ProviderInfo};
use crate::pagination::{OffsetWindow, Page, PagingStyle};
use crate::request::{
    encode_component, is_http_url, join_url, require_id, with_query, HttpRequest, HttpResponse,
    Method,
};

const NAME: &str = "atlan";
const DEFAULT_LIMIT: u32 = 20;
/// The roles an OAuth client can hold, as Atlan's own SDK asks for them.
const ROLE_FILTER: &str = r#"{"$or":[{"level":"workspace"},{"level":"admin-subrole"}]}"#;

/// Builds and parses Atlan OAuth client requests for one tenant.
#[derive(Debug, Clone)]
pub struct Atlan {
    base_url: String,
}

impl Atlan {
    /// A builder for the tenant at `base_url` (e.g. `https://acme.atlan.com`).
    pub fn new(base_url: Option<&str>) -> Result<Self> {
        match base_url {
            Some(url) if is_http_url(url) => Ok(Atlan {
                base_url: url.to_owned(),
            }),
            _ => Err(Error::invalid(
                "baseUrl",
                "must be your tenant's URL, e.g. https://acme.atlan.com",
            )),
        }
    }

    fn clients_url(&self) -> String {
        join_url(&self.base_url, "api/service/oauth-clients")
    }

    fn client_url(&self, id: &str) -> Result<String> {
        let id = require_id("id", id)?;
        Ok(format!("{}/{}", self.clients_url(), encode_component(id)))
    }

    /// `GET roles`: the roles a client can be given (one page of up to 100, as Atlan's
    /// own SDK asks for them).
    fn roles_request(&self) -> HttpRequest {
        let url = with_query(
            join_url(&self.base_url, "api/service/roles"),
            &[
                ("count", Some("true".into())),
                ("offset", Some("0".into())),
                ("limit", Some("100".into())),
                ("filter", Some(ROLE_FILTER.into())),
            ],
        );
        HttpRequest::new(Method::Get, url)
    }

    /// Reads a `roles` response.
    fn parse_roles(&self, resp: &HttpResponse) -> Result<Vec<AtlanRole>> {
        let list: Records<AtlanRole> = decode_ok(NAME, resp, "the role list", error_from)?;
        Ok(list.records.unwrap_or_default())
    }
}

/// The roles an OAuth client can be given: pass a role's `description` (`Admin`) or
/// `name` (`$admin`) as `role` to `clients.create`.
#[derive(Debug, Clone)]
pub struct AtlanRoles(pub Atlan);

impl Kind for AtlanRoles {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo::single("Roles");
    type Record = AtlanRole;
}

impl List for AtlanRoles {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        if *params != ListParams::default() {
            return Err(Error::unsupported(
                NAME,
                "paging, sorting or filtering the role list",
            ));
        }
        Ok(self.0.roles_request())
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<AtlanRole>> {
        self.0.parse_roles(resp).map(Page::single)
    }
}

/// Finds the `$name` of `wanted`, given as the UI name (`Admin`) or the `$name` itself;
/// an unknown role is a `NotFoundError` listing the roles there are.
pub fn resolve_role<'a>(roles: &'a [AtlanRole], wanted: &str) -> Result<&'a str> {
    let wanted = wanted.trim();
    let found = roles.iter().find(|role| {
        role.name == wanted
            || role
                .description
                .as_deref()
                .is_some_and(|d| d.trim().eq_ignore_ascii_case(wanted))
    });
    match found {
        Some(role) => Ok(&role.name),
        None => {
            let available: Vec<String> = roles
                .iter()
                .map(|r| match &r.description {
                    Some(d) => format!("{d} ({})", r.name),
                    None => r.name.clone(),
                })
                .collect();
            let mut err = Error::new(
                ErrorKind::NotFound,
                format!(
                    "Role '{wanted}' does not exist. Available roles: {}",
                    available.join(", ")
                ),
            )
            .with_provider(NAME);
            err.details.push(ErrorDetail {
                code: None,
                message: "unknown role".into(),
                field: Some("role".into()),
            });
            Err(err)
        }
    }
}

wire! {
    struct Records<T> {
        total_record: Option<u64> = "totalRecord",
        filter_record: Option<u64> = "filterRecord",
        records: Option<Vec<T>> = "records",
    }
}

wire! {
    /// The error body. Atlan's services disagree on key names; the first documented one
    /// present wins (code: `errorCode`, `code`, `status`; message: `errorMessage`, `message`).
    struct AtlanError {
        error_code: Option<serde_json::Value> = "errorCode",
        code: Option<serde_json::Value> = "code",
        status: Option<serde_json::Value> = "status",
        error_message: Option<String> = "errorMessage",
        message: Option<String> = "message",
        error_id: Option<String> = "errorId",
        causes: Option<Vec<Cause>> = "causes",
        error_cause: Option<Vec<serde_json::Value>> = "errorCause",
    }
}

wire! {
    struct Cause {
        error_type: Option<String> = "errorType",
        error_message: Option<String> = "errorMessage",
        location: Option<String> = "location",
    }
}

fn as_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s,
        other => crate::json::to_text(&other),
    }
}

fn error_from(resp: &HttpResponse) -> Error {
    let Ok(body) = resp.json::<AtlanError>() else {
        return bare_status_error(NAME, resp.status);
    };
    let mut details: Vec<ErrorDetail> = body
        .causes
        .unwrap_or_default()
        .into_iter()
        .map(|c| ErrorDetail {
            code: c.error_type,
            message: c.error_message.unwrap_or_default(),
            field: c.location,
        })
        .collect();
    details.extend(
        body.error_cause
            .unwrap_or_default()
            .into_iter()
            .map(|c| ErrorDetail {
                message: as_text(c),
                ..ErrorDetail::default()
            }),
    );
    ErrorBody {
        message: body.error_message.or(body.message),
        code: body.error_code.or(body.code).or(body.status).map(as_text),
        request_id: body.error_id,
        details,
    }
    .into_error(NAME, resp.status)
}

/// A client as callers see it.
pub type Client = OAuthClientOf<AtlanClient>;

fn to_client(client: AtlanClient) -> Client {
    OAuthClientOf {
        provider: NAME,
        id: client.client_id.clone(),
        client_id: client.client_id.clone(),
        name: client.display_name.clone(),
        description: client.description.clone(),
        redirect_uris: Vec::new(),
        grant_types: Vec::new(),
        scopes: Vec::new(),
        confidential: Some(true),
        created_at: client.created_at.map(|t| t.to_iso()),
        updated_at: client.updated_at.map(|t| t.to_iso()),
        last_used_at: None,
        record: client,
    }
}

fn sort_param(sort: Option<&str>) -> Result<Option<&'static str>> {
    match sort {
        None => Ok(None),
        Some("createdAt") => Ok(Some("createdAt")),
        Some("-createdAt") => Ok(Some("-createdAt")),
        Some("name") => Ok(Some("displayName")),
        Some("-name") => Ok(Some("-displayName")),
        Some(other) => Err(Error::invalid(
            "sort",
            format!("\"{other}\" is not one of createdAt, -createdAt, name, -name"),
        )),
    }
}

fn check_name(name: Option<&String>) -> Result<()> {
    match name {
        Some(name) if name.trim().is_empty() => Err(Error::invalid("name", "must not be empty")),
        _ => Ok(()),
    }
}

/// The create body on the wire (camelCase, as Rust's names in camelCase). Atlan's SDK always
/// sends `description` and `personaQNs`.
struct CreateBody<'a> {
    display_name: &'a str,
    description: &'a str,
    role: &'a str,
    persona_q_ns: &'a [String],
}

to_json!(CreateBody<'_> { display_name, description, role, persona_q_ns });

/// The update body on the wire: only the fields given.
struct UpdateBody<'a> {
    display_name: Option<&'a str>,
    description: Option<&'a str>,
}

to_json!(UpdateBody<'_> { display_name, description });

/// What `new OAuthAdmin({ provider: "atlan", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "Atlan",
    default_base_url: None,
    base_path: "",
    options: &[],
    auth: &[
        AuthOption {
            label: "API token",
            fields: &[field!("bearer", "API token", Secret, true)],
        },
        AuthOption {
            label: "OAuth client",
            fields: Auth::CLIENT_FIELDS,
        },
    ],
};

input! {
    /// Atlan's own constructor options (besides `provider` and the shared settings).
    /// `baseUrl` is required: the tenant's URL, e.g. `https://acme.atlan.com`.
    pub struct AtlanOptions {
        /// An API token, or an OAuth client's id and secret (exchanged for access tokens at
        /// `POST /api/service/oauth-clients/token`, cached and renewed as they expire).
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
    let own: AtlanOptions = options.read()?;
    let api = Atlan::new(options.base_url.as_deref())?;
    let credentials = own.auth.bearer_or_client(
        NAME,
        join_url(&api.base_url, "api/service/oauth-clients/token"),
        TokenStyle::AtlanJson,
    )?;
    Ok(Connection {
        kinds: kinds(api.clone(), AtlanRoles(api)),
        credentials,
    })
}

super::provider_kinds! {
    name: atlan,
    options: AtlanOptions,
    clients: Atlan => AtlanClient, AtlanCreateClient, AtlanUpdateClient
        [List, Get, Create, Update, Delete],
    kinds: {
        roles: AtlanRoles => Resource<AtlanRole> [List],
    },
}

impl Form for AtlanCreateClient {
    fn fields() -> Vec<FieldSpec> {
        Self::specs()
    }
}

impl Form for AtlanUpdateClient {
    fn fields() -> Vec<FieldSpec> {
        Self::specs()
    }
}

impl Kind for Atlan {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo {
        label: "OAuth clients",
        parents: &[],
        paging: PagingStyle::Offset,
        max_limit: None,
        sort_fields: &["createdAt", "-createdAt", "name", "-name"],
        filters: &["name"],
    };
    type Record = Client;
}

impl List for Atlan {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        let window = OffsetWindow::from_params(params, DEFAULT_LIMIT, None)?;
        let filter = params.name.as_ref().map(|name| {
            let mut like = String::new();
            crate::json::ObjectWriter::new(&mut like)
                .field("$ilike", &format!("%{name}%"))
                .finish();
            // `like` is already JSON: placed as is, not as a string.
            format!("{{\"displayName\":{like}}}")
        });
        let url = with_query(
            self.clients_url(),
            &[
                ("count", Some("true".into())),
                ("offset", Some(window.offset.to_string())),
                ("limit", Some(window.limit.to_string())),
                (
                    "sort",
                    sort_param(params.sort.as_deref())?.map(str::to_owned),
                ),
                ("filter", filter),
            ],
        );
        Ok(HttpRequest::new(Method::Get, url))
    }

    fn parse_list(&self, params: &ListParams, resp: &HttpResponse) -> Result<Page<Client>> {
        let window = OffsetWindow::from_params(params, DEFAULT_LIMIT, None)?;
        let list: Records<AtlanClient> = decode_ok(NAME, resp, "the client list", error_from)?;
        // With a filter, `filterRecord` counts the matches; `totalRecord` counts everything.
        let total = list.filter_record.or(list.total_record);
        let items: Vec<Client> = list
            .records
            .unwrap_or_default()
            .into_iter()
            .map(to_client)
            .collect();
        Ok(Page {
            next: window.next(items.len(), total),
            total,
            items,
        })
    }
}

impl Get for Atlan {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Get, self.client_url(id)?))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Client> {
        decode_ok(NAME, resp, "the client", error_from).map(to_client)
    }
}

impl Create for Atlan {
    type Input = AtlanCreateClient;
    type Created = Created<Client>;

    fn read_create(&self, input: serde_json::Value) -> Result<AtlanCreateClient> {
        let input: AtlanCreateClient = read_input(input, "atlan create input")?;
        check_name(Some(&input.name))?;
        if input.role.trim().is_empty() {
            return Err(Error::invalid(
                "role",
                "must name a role, e.g. \"Admin\" or \"$admin\"",
            ));
        }
        Ok(input)
    }

    fn create_lookup(&self) -> Option<HttpRequest> {
        Some(self.roles_request())
    }

    fn build_create(
        &self,
        input: &AtlanCreateClient,
        lookup: Option<&HttpResponse>,
    ) -> Result<HttpRequest> {
        let roles = match lookup {
            Some(resp) => self.parse_roles(resp)?,
            None => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    "atlan needs the role list to create a client",
                ))
            }
        };
        let body = CreateBody {
            display_name: &input.name,
            description: input.description.as_deref().unwrap_or(""),
            role: resolve_role(&roles, &input.role)?,
            persona_q_ns: input.persona_q_ns.as_deref().unwrap_or_default(),
        };
        Ok(HttpRequest::new(Method::Post, self.clients_url()).json_body(&body))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Created<Client>> {
        let mut client: AtlanClient = decode_ok(NAME, resp, "the created client", error_from)?;
        let secret = client.secret.take();
        Ok(Created {
            client: to_client(client),
            secret,
        })
    }
}

impl Update for Atlan {
    type Input = AtlanUpdateClient;

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        let url = self.client_url(id)?;
        let changes: AtlanUpdateClient = read_input(changes, "atlan update input")?;
        check_name(changes.name.as_ref())?;
        let body = UpdateBody {
            display_name: changes.name.as_deref(),
            description: changes.description.as_deref(),
        };
        Ok(HttpRequest::new(Method::Put, url).json_body(&body))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Client> {
        self.parse_record(resp)
    }
}

impl Delete for Atlan {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Delete, self.client_url(id)?))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        decode_ok::<serde_json::Value>(NAME, resp, "the delete result", error_from).map(|_| ())
    }
}

#[cfg(test)]
mod tests;
