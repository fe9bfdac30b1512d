//! Cloudflare account OAuth clients (`/accounts/{account_id}/oauth_clients`).
//!
//! Every response is wrapped in `{success, errors, messages, result}`; a failure can come
//! with any status, including 200 with `success: false`.

use super::{
    bare_status_error, check_urls, decode_ok, optional, read_input, snake_case_body, Connection,
    Create, Delete, DeleteRotatedSecret, ErrorBody, Form, Get, Kind, KindInfo, List, ProviderDef,
    RotateSecret, Update,
};
use crate::auth::Credentials;
use crate::config::{Auth, Options};
use crate::error::{Error, ErrorDetail, Result};
use crate::json::FromJson;
use crate::model::cloudflare::{
    CloudflareClient, CloudflareCreateClient, CloudflareScope, CloudflareUpdateClient, GrantType,
    TokenEndpointAuthMethod, Visibility,
};
use crate::model::{
    AuthOption, Created, FieldSpec, ListParams, OAuthClientOf, ProviderInfo, Rotated, Secret,
};
use crate::pagination::Page;
use crate::request::{
    encode_component, is_http_url, join_url, require_id, HttpRequest, HttpResponse, Method,
};

/// The API root when the caller gives none.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";

/// Identity scopes Cloudflare accepts without a product prefix.
const IDENTITY_SCOPES: [&str; 5] = ["openid", "offline_access", "offline", "email", "profile"];
/// Scopes that cannot be optional.
const NEVER_OPTIONAL: [&str; 3] = ["openid", "offline", "offline_access"];

/// Builds and parses Cloudflare OAuth client requests for one account.
#[derive(Debug, Clone)]
pub struct Cloudflare {
    base_url: String,
    account_id: String,
}

impl Cloudflare {
    /// A builder for `account_id` (32 characters) under `base_url` (default [`DEFAULT_BASE_URL`]).
    pub fn new(base_url: Option<&str>, account_id: &str) -> Result<Self> {
        if account_id.len() != 32 || !account_id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::invalid(
                "accountId",
                "must be the 32-character Cloudflare account id",
            ));
        }
        let base_url = base_url.unwrap_or(DEFAULT_BASE_URL);
        if !is_http_url(base_url) {
            return Err(Error::invalid("baseUrl", "must be an absolute http(s) URL"));
        }
        Ok(Cloudflare {
            base_url: base_url.to_owned(),
            account_id: account_id.to_owned(),
        })
    }

    fn clients_url(&self) -> String {
        join_url(
            &self.base_url,
            &format!("accounts/{}/oauth_clients", self.account_id),
        )
    }

    fn client_url(&self, id: &str, suffix: &str) -> Result<String> {
        let id = require_id("id", id)?;
        Ok(format!(
            "{}/{}{suffix}",
            self.clients_url(),
            encode_component(id)
        ))
    }
}

/// The scope catalogue (`GET /oauth/scopes`): the scopes clients may ask for.
#[derive(Debug, Clone)]
pub struct CloudflareScopes(pub Cloudflare);

impl Kind for CloudflareScopes {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo::single("Scopes");
    type Record = CloudflareScope;
}

impl List for CloudflareScopes {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        single_page(params)?;
        Ok(HttpRequest::new(
            Method::Get,
            join_url(&self.0.base_url, "oauth/scopes"),
        ))
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<CloudflareScope>> {
        unwrap_envelope(resp, "the scope list").map(Page::single)
    }
}

/// Cloudflare lists everything in one response: no sorting, filtering or next page.
fn single_page(params: &ListParams) -> Result<()> {
    if params.sort.is_some() || params.name.is_some() {
        return Err(Error::unsupported(NAME, "sorting or filtering lists"));
    }
    if params.cursor.is_some() {
        return Err(Error::invalid(
            "cursor",
            "cloudflare lists everything in one page; there is no next page",
        ));
    }
    Ok(())
}

wire! {
    /// The parts of the envelope this library reads; `messages` are informational.
    struct Envelope<T> {
        success: Option<bool> = "success",
        errors: Option<Vec<EnvelopeMessage>> = "errors",
        result: Option<T> = "result",
    }
}

wire! {
    struct EnvelopeMessage {
        code: Option<serde_json::Value> = "code",
        message: Option<String> = "message",
        source: Option<Source> = "source",
    }
}

wire! {
    struct Source {
        pointer: Option<String> = "pointer",
    }
}

/// Reads `result` from a success envelope, or the error the envelope (or status) reports.
fn unwrap_envelope<T: FromJson>(resp: &HttpResponse, what: &str) -> Result<T> {
    let envelope: Envelope<T> = decode_ok(NAME, resp, what, envelope_error)?;
    if envelope.success == Some(false) {
        return Err(api_error(resp.status, envelope.errors.unwrap_or_default()));
    }
    envelope.result.ok_or_else(|| {
        Error::decode(what, "the response has no `result`")
            .with_provider(NAME)
            .with_status(resp.status)
    })
}

/// Like [`unwrap_envelope`] for operations whose `result` may be `null`.
fn check_envelope(resp: &HttpResponse, what: &str) -> Result<()> {
    let envelope: Envelope<serde_json::Value> = decode_ok(NAME, resp, what, envelope_error)?;
    if envelope.success == Some(false) {
        return Err(api_error(resp.status, envelope.errors.unwrap_or_default()));
    }
    Ok(())
}

fn envelope_error(resp: &HttpResponse) -> Error {
    match resp
        .json::<Envelope<serde_json::Value>>()
        .map(|e| e.errors.unwrap_or_default())
    {
        Ok(errors) if !errors.is_empty() => api_error(resp.status, errors),
        _ => bare_status_error(NAME, resp.status),
    }
}

fn api_error(status: u16, errors: Vec<EnvelopeMessage>) -> Error {
    let details: Vec<ErrorDetail> = errors
        .into_iter()
        .map(|e| ErrorDetail {
            code: e.code.map(|c| {
                c.as_str()
                    .map_or_else(|| crate::json::to_text(&c), str::to_owned)
            }),
            message: e.message.unwrap_or_default(),
            field: e.source.and_then(|s| s.pointer),
        })
        .collect();
    let message = details
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    ErrorBody {
        message: Some(message),
        code: details.first().and_then(|d| d.code.clone()),
        request_id: None,
        details,
    }
    .into_error(NAME, status)
}

const NAME: &str = "cloudflare";

/// A client as callers see it.
pub type Client = OAuthClientOf<CloudflareClient>;

fn to_client(record: CloudflareClient) -> Client {
    OAuthClientOf {
        provider: NAME,
        id: record.client_id.clone(),
        client_id: record.client_id.clone(),
        name: record.client_name.clone(),
        description: None,
        redirect_uris: record.redirect_uris.clone().unwrap_or_default(),
        grant_types: record
            .grant_types
            .iter()
            .flatten()
            .map(|g| g.as_str().to_owned())
            .collect(),
        scopes: record.scopes.clone().unwrap_or_default(),
        confidential: record
            .token_endpoint_auth_method
            .as_ref()
            .map(|m| *m != TokenEndpointAuthMethod::None),
        created_at: record.created_at.clone(),
        updated_at: record.updated_at.clone(),
        last_used_at: None,
        record,
    }
}

fn check_known<T>(
    field: &str,
    values: &[T],
    known: impl Fn(&T) -> bool,
    show: impl Fn(&T) -> &str,
) -> Result<()> {
    match values.iter().find(|v| !known(v)) {
        Some(bad) => Err(Error::invalid(
            field,
            format!("\"{}\" is not a value Cloudflare accepts", show(bad)),
        )),
        None => Ok(()),
    }
}

/// Like [`check_urls`] for one optional URL.
fn check_url(field: &str, url: Option<&String>) -> Result<()> {
    check_urls(field, url.map(std::slice::from_ref).unwrap_or_default())
}

fn check_grant_types(grants: &[GrantType]) -> Result<()> {
    check_known("grantTypes", grants, GrantType::is_known, GrantType::as_str)?;
    if !grants.contains(&GrantType::AuthorizationCode) {
        return Err(Error::invalid(
            "grantTypes",
            "must include \"authorization_code\"",
        ));
    }
    Ok(())
}

fn check_scopes(scopes: &[String]) -> Result<()> {
    for scope in scopes {
        if scope.contains(':') {
            return Err(Error::invalid(
                "scopes",
                format!("\"{scope}\" is colon-delimited; Cloudflare takes dot-delimited scope ids (see cloudflare.scopes.list())"),
            ));
        }
        let simple = IDENTITY_SCOPES.contains(&scope.as_str());
        if scope.trim().is_empty() || (!simple && !scope.contains('.')) {
            return Err(Error::invalid(
                "scopes",
                format!("\"{scope}\" is neither a scope id nor an identity scope"),
            ));
        }
    }
    Ok(())
}

fn check_optional_scopes(optional: &[String], scopes: Option<&Vec<String>>) -> Result<()> {
    for scope in optional {
        if NEVER_OPTIONAL.contains(&scope.as_str()) {
            return Err(Error::invalid(
                "optionalScopes",
                format!("\"{scope}\" cannot be optional"),
            ));
        }
        if scopes.is_some_and(|all| !all.contains(scope)) {
            return Err(Error::invalid(
                "optionalScopes",
                format!("\"{scope}\" is not in scopes"),
            ));
        }
    }
    Ok(())
}

/// The checks create and update share, on whichever fields are present.
struct Fields<'a> {
    name: Option<&'a String>,
    redirect_uris: Option<&'a Vec<String>>,
    scopes: Option<&'a Vec<String>>,
    grant_types: Option<&'a Vec<GrantType>>,
    response_types: Option<&'a Vec<crate::model::cloudflare::ResponseType>>,
    auth_method: Option<&'a TokenEndpointAuthMethod>,
    cors: Option<&'a Vec<String>>,
    post_logout: Option<&'a Vec<String>>,
    uris: [(&'static str, Option<&'a String>); 4],
    optional_scopes: Option<&'a Vec<String>>,
}

impl Fields<'_> {
    fn check(&self) -> Result<()> {
        if self.name.is_some_and(|n| n.trim().is_empty()) {
            return Err(Error::invalid("name", "must not be empty"));
        }
        if let Some(uris) = self.redirect_uris {
            if uris.is_empty() {
                return Err(Error::invalid("redirectUris", "must hold at least one URL"));
            }
            check_urls("redirectUris", uris)?;
        }
        if let Some(scopes) = self.scopes {
            check_scopes(scopes)?;
        }
        if let Some(grants) = self.grant_types {
            check_grant_types(grants)?;
        }
        if let Some(types) = self.response_types {
            check_known("responseTypes", types, |t| t.is_known(), |t| t.as_str())?;
        }
        if let Some(method) = self.auth_method {
            check_known(
                "tokenEndpointAuthMethod",
                std::slice::from_ref(method),
                |m| m.is_known(),
                |m| m.as_str(),
            )?;
        }
        check_urls(
            "allowedCorsOrigins",
            self.cors.map(Vec::as_slice).unwrap_or_default(),
        )?;
        check_urls(
            "postLogoutRedirectUris",
            self.post_logout.map(Vec::as_slice).unwrap_or_default(),
        )?;
        for (field, uri) in self.uris {
            check_url(field, uri)?;
        }
        if let Some(optional) = self.optional_scopes {
            check_optional_scopes(optional, self.scopes)?;
        }
        Ok(())
    }
}

impl CloudflareCreateClient {
    /// Checks what Cloudflare documents, naming the first field that breaks a rule.
    pub fn validate(&self) -> Result<()> {
        Fields {
            name: Some(&self.name),
            redirect_uris: Some(&self.redirect_uris),
            scopes: Some(&self.scopes),
            grant_types: Some(&self.grant_types),
            response_types: Some(&self.response_types),
            auth_method: Some(&self.token_endpoint_auth_method),
            cors: self.allowed_cors_origins.as_ref(),
            post_logout: self.post_logout_redirect_uris.as_ref(),
            uris: [
                ("clientUri", self.client_uri.as_ref()),
                ("logoUri", self.logo_uri.as_ref()),
                ("policyUri", self.policy_uri.as_ref()),
                ("tosUri", self.tos_uri.as_ref()),
            ],
            optional_scopes: self.optional_scopes.as_ref(),
        }
        .check()
    }
}

impl CloudflareUpdateClient {
    /// Checks the fields given, naming the first that breaks a rule.
    pub fn validate(&self) -> Result<()> {
        if self
            .visibility
            .as_ref()
            .is_some_and(|v| *v != Visibility::Public)
        {
            return Err(Error::invalid(
                "visibility",
                "can only be set to \"public\" (promotion cannot be undone)",
            ));
        }
        Fields {
            name: self.name.as_ref(),
            redirect_uris: self.redirect_uris.as_ref(),
            scopes: self.scopes.as_ref(),
            grant_types: self.grant_types.as_ref(),
            response_types: self.response_types.as_ref(),
            auth_method: self.token_endpoint_auth_method.as_ref(),
            cors: self.allowed_cors_origins.as_ref(),
            post_logout: self.post_logout_redirect_uris.as_ref(),
            uris: [
                ("clientUri", self.client_uri.as_ref()),
                ("logoUri", self.logo_uri.as_ref()),
                ("policyUri", self.policy_uri.as_ref()),
                ("tosUri", self.tos_uri.as_ref()),
            ],
            optional_scopes: self.optional_scopes.as_ref(),
        }
        .check()
    }
}

const RENAMES: &[(&str, &str)] = &[("name", "client_name")];

/// What `new OAuthAdmin({ provider: "cloudflare", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "Cloudflare",
    default_base_url: Some(DEFAULT_BASE_URL),
    base_path: "/client/v4",
    options: &[field!("accountId", "Account ID", String, true)],
    auth: &[
        AuthOption {
            label: "API token",
            fields: &[field!("bearer", "API token", Secret, true)],
        },
        AuthOption {
            label: "Global API key",
            fields: &[
                field!("email", "E-mail", String, true),
                field!("apiKey", "Global API key", Secret, true),
            ],
        },
    ],
};

input! {
    /// Cloudflare's own constructor options (besides `provider` and the shared settings).
    pub struct CloudflareOptions {
        /// The 32-character account id.
        account_id: String = "accountId",
        /// An API token with "OAuth Client Read/Write", or the legacy e-mail + global API key.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "BearerAuth | ApiKeyAuth"))]
        auth: Auth = "auth",
    }
}

/// The provider's entry in the registry.
pub static PROVIDER: ProviderDef = ProviderDef {
    info: INFO,
    connect,
};

fn connect(options: Options) -> Result<Connection> {
    let own: CloudflareOptions = options.read()?;
    let api = Cloudflare::new(options.base_url.as_deref(), &own.account_id)?;
    let credentials = match own.auth {
        Auth::Bearer(token) => Auth::bearer(token)?,
        Auth::ApiKey { email, api_key } => {
            if email.trim().is_empty() || api_key.expose().is_empty() {
                return Err(Error::invalid("auth", "email and apiKey must not be empty"));
            }
            crate::config::header_value("auth.email", &email)?;
            crate::config::header_value("auth.apiKey", api_key.expose())?;
            Credentials::CloudflareApiKey {
                email,
                key: api_key,
            }
        }
        other => return Err(other.not_taken(NAME, "{ bearer } or { email, apiKey }")),
    };
    Ok(Connection {
        kinds: kinds(api.clone(), CloudflareScopes(api)),
        credentials,
    })
}

super::provider_kinds! {
    name: cloudflare,
    options: CloudflareOptions,
    clients: Cloudflare => CloudflareClient, CloudflareCreateClient, CloudflareUpdateClient
        [List, Get, Create, Update, Delete, RotateSecret, DeleteRotatedSecret],
    kinds: {
        scopes: CloudflareScopes => Resource<CloudflareScope> [List],
    },
}

impl Form for CloudflareCreateClient {
    fn fields() -> Vec<FieldSpec> {
        Self::specs()
    }
}

impl Form for CloudflareUpdateClient {
    fn fields() -> Vec<FieldSpec> {
        optional(CloudflareCreateClient::specs())
            .chain(Self::specs())
            .collect()
    }
}

impl Kind for Cloudflare {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo::single("OAuth clients");
    type Record = Client;
}

impl List for Cloudflare {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        single_page(params)?;
        Ok(HttpRequest::new(Method::Get, self.clients_url()))
    }

    fn parse_list(&self, _params: &ListParams, resp: &HttpResponse) -> Result<Page<Client>> {
        let records: Vec<CloudflareClient> = unwrap_envelope(resp, "the client list")?;
        Ok(Page::single(records.into_iter().map(to_client).collect()))
    }
}

impl Get for Cloudflare {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Get, self.client_url(id, "")?))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Client> {
        unwrap_envelope(resp, "the client").map(to_client)
    }
}

impl Create for Cloudflare {
    type Input = CloudflareCreateClient;
    type Created = Created<Client>;

    fn read_create(&self, input: serde_json::Value) -> Result<CloudflareCreateClient> {
        let input: CloudflareCreateClient = read_input(input, "cloudflare create input")?;
        input.validate()?;
        Ok(input)
    }

    fn build_create(
        &self,
        input: &CloudflareCreateClient,
        _lookup: Option<&HttpResponse>,
    ) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Post, self.clients_url())
            .json_text(snake_case_body(input, RENAMES)))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Created<Client>> {
        let mut record: CloudflareClient = unwrap_envelope(resp, "the created client")?;
        let secret = record.secret.take();
        Ok(Created {
            client: to_client(record),
            secret,
        })
    }
}

impl Update for Cloudflare {
    type Input = CloudflareUpdateClient;

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        let url = self.client_url(id, "")?;
        let changes: CloudflareUpdateClient = read_input(changes, "cloudflare update input")?;
        changes.validate()?;
        Ok(HttpRequest::new(Method::Patch, url).json_text(snake_case_body(&changes, RENAMES)))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Client> {
        self.parse_record(resp)
    }
}

impl Delete for Cloudflare {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Delete, self.client_url(id, "")?))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_envelope(resp, "the delete result")
    }
}

impl RotateSecret for Cloudflare {
    type Rotated = Rotated<Client>;

    fn rotate_secret(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Post,
            self.client_url(id, "/rotate_secret")?,
        ))
    }

    fn parse_rotated(&self, resp: &HttpResponse) -> Result<Rotated<Client>> {
        wire! {
            struct NewSecret {
                client_secret: String = "client_secret",
            }
        }
        let result: NewSecret = unwrap_envelope(resp, "the rotated secret")?;
        Ok(Rotated {
            secret: Secret::new(result.client_secret),
            client: None,
        })
    }
}

impl DeleteRotatedSecret for Cloudflare {
    fn delete_rotated_secret(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.client_url(id, "/rotate_secret")?,
        ))
    }
}

#[cfg(test)]
mod tests;
