//! Any standard server, through RFC 7591 dynamic client registration and RFC 7592
//! registration management: Keycloak, Ory Hydra, Okta, Authlete, node oidc-provider, ...
//!
//! `create` registers at the registration endpoint (configured, or discovered from the
//! issuer), with the initial access token where the server asks for one. Every later call
//! on a client goes to its `registration_client_uri` with its own registration access
//! token, kept in the registration store: the client loads it before the call and saves
//! the one each response carries (servers may rotate it on every use). There is no list
//! endpoint: `list` reads the clients the store knows. Errors are
//! `{error, error_description}` (RFC 7591 §3.2.2) or RFC 6750 401s.

use std::borrow::Cow;
use std::rc::Rc;

use serde_json::{Map, Value};

use super::{
    bare_status_error, check_urls, decode_ok, read_input, snake_case_body, Connection, Create,
    Delete, ErrorBody, Form, Get, Kind, KindInfo, List, Op, ProviderDef, Update,
};
use crate::auth::Credentials;
use crate::config::{Auth, Options};
use crate::discovery::ServerMetadata;
use crate::error::{Error, ErrorDetail, ErrorKind, Result};
use crate::model::common::iso_from_unix_ms;
use crate::model::rfc7591::{Rfc7591AuthMethod, Rfc7591Client, Rfc7591Metadata};
use crate::model::{
    AuthOption, Extra, FieldSpec, ListParams, OAuthClientOf, ProviderInfo, Registration, Secret,
};
use crate::pagination::Page;
use crate::request::{check_base_url, origin, HttpRequest, HttpResponse, Method};

const NAME: &str = "rfc7591";

/// Response fields that describe the registration, not the client: the store keeps them.
const REGISTRATION_FIELDS: [&str; 2] = ["registration_access_token", "registration_client_uri"];

/// Fields a `PUT` must not carry (RFC 7592 §2.2), besides the registration's own.
const SERVER_ISSUED: [&str; 2] = ["client_secret_expires_at", "client_id_issued_at"];

/// Builds and parses registration requests for one server.
#[derive(Debug, Clone)]
pub struct Rfc7591 {
    /// The issuer whose metadata names the registration endpoint, when that is not given.
    issuer: Option<String>,
    /// The registration endpoint, when given.
    registration_endpoint: Option<String>,
    /// The one origin credentials go to: the issuer's, or the endpoint's.
    origin: String,
    /// The registration of the call's client (bound per call).
    registration: Option<Registration>,
    /// The server's metadata (bound per call, on `create` with an issuer).
    metadata: Option<Rc<ServerMetadata>>,
}

impl Rfc7591 {
    /// A builder for a server named by its `issuer`, its `registration_endpoint`, or both
    /// (on one origin: the endpoint then spares the discovery), each `https` unless on
    /// loopback or `allow_http`.
    pub fn new(
        issuer: Option<&str>,
        registration_endpoint: Option<&str>,
        allow_http: bool,
    ) -> Result<Self> {
        let checked = |field: &str, url: Option<&str>| -> Result<Option<String>> {
            let Some(url) = url else { return Ok(None) };
            check_base_url(url, allow_http).map_err(|err| renamed(err, field))?;
            origin(url)
                .map(Some)
                .ok_or_else(|| Error::invalid(field, "must be an absolute http(s) URL"))
        };
        let origin = match (
            checked("issuer", issuer)?,
            checked("registrationEndpoint", registration_endpoint)?,
        ) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::invalid(
                    "registrationEndpoint",
                    "must be on the issuer's origin: the initial access token goes there",
                ))
            }
            (Some(origin), _) | (None, Some(origin)) => origin,
            (None, None) => {
                return Err(Error::invalid(
                    "issuer",
                    "give `issuer` (its metadata names the registration endpoint) or \
                     `registrationEndpoint`",
                ))
            }
        };
        Ok(Rfc7591 {
            issuer: issuer.map(str::to_owned),
            registration_endpoint: registration_endpoint.map(str::to_owned),
            origin,
            registration: None,
            metadata: None,
        })
    }

    /// Where to register: the endpoint given, or the one the issuer's metadata names.
    fn endpoint(&self) -> Result<&str> {
        if let Some(endpoint) = &self.registration_endpoint {
            return Ok(endpoint);
        }
        self.metadata
            .as_ref()
            .and_then(|m| m.registration_endpoint.as_deref())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Unsupported,
                    "the issuer's metadata has no `registration_endpoint`: this server does \
                     not offer dynamic client registration (RFC 7591)",
                )
                .with_provider(NAME)
            })
    }

    /// The call's registration: its URL (checked to be on the server's origin, since a
    /// store may hand back anything) and its token.
    fn managed(&self) -> Result<(&str, &Secret)> {
        let registration = self.registration.as_ref().ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                "no registration was loaded for the client",
            )
        })?;
        let uri = registration.registration_client_uri.as_str();
        self.check_origin(uri)?;
        Ok((uri, &registration.registration_access_token))
    }

    fn check_origin(&self, uri: &str) -> Result<()> {
        if origin(uri).as_deref() == Some(self.origin.as_str()) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "the registration's `registration_client_uri` is not on {}: its token is \
                     only sent to the configured server",
                    self.origin
                ),
            )
            .with_provider(NAME))
        }
    }

    /// A request to the call's registration URL, authorized by its token.
    fn to_registration(&self, method: Method) -> Result<HttpRequest> {
        let (uri, token) = self.managed()?;
        Ok(HttpRequest::new(method, uri.to_owned())
            .header("accept", "application/json")
            .own_bearer(token))
    }
}

/// `err` (about `baseUrl`) about `field` instead.
fn renamed(mut err: Error, field: &str) -> Error {
    err.message = crate::text::replace(&err.message, "baseUrl", field, 1);
    for detail in &mut err.details {
        detail.field = Some(field.to_owned());
    }
    err
}

wire! {
    struct OAuthError {
        error: Option<String> = "error",
        error_description: Option<String> = "error_description",
    }
}

/// Which token a request carried, for what a 401 means.
#[derive(Clone, Copy)]
enum Bearer {
    /// The initial access token (register).
    Initial,
    /// The client's registration access token (read, update, delete).
    Registration,
}

fn error_from(resp: &HttpResponse, bearer: Bearer) -> Error {
    let body = resp.json::<OAuthError>().ok();
    let code = body.as_ref().and_then(|b| b.error.clone());
    let description = body.and_then(|b| b.error_description);
    let mut err = ErrorBody {
        message: description.clone().or_else(|| code.clone()),
        code: code.clone(),
        request_id: None,
        details: code
            .iter()
            .map(|code| ErrorDetail {
                code: Some(code.clone()),
                message: description.clone().unwrap_or_default(),
                field: field_of(code).map(str::to_owned),
            })
            .collect(),
    }
    .into_error(NAME, resp.status);
    if resp.status == 401 {
        let invalid_token = resp
            .header("www-authenticate")
            .is_some_and(|h| crate::text::contains(h, "invalid_token"));
        err.message = match bearer {
            Bearer::Registration => format!(
                "the registration access token is no longer valid{}: it was replaced by a newer \
                 one, revoked, or its client was deleted",
                if invalid_token { "" } else { " or missing" }
            ),
            Bearer::Initial => "the server refused to register without a valid initial access \
                                token (auth: { bearer })"
                .to_owned(),
        };
    }
    err
}

/// The input field an RFC 7591 error code is about.
fn field_of(code: &str) -> Option<&'static str> {
    match code {
        "invalid_redirect_uri" => Some("redirectUris"),
        "invalid_software_statement" | "unapproved_software_statement" => Some("softwareStatement"),
        _ => None,
    }
}

/// A client as callers see it: the neutral view, and when its secret expires.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    /// The neutral view, with the record.
    pub view: OAuthClientOf<Rfc7591Client>,
    /// When the secret expires, as an RFC 3339 time; `None` when it never does
    /// (`client_secret_expires_at` 0) or there is no secret.
    pub secret_expires_at: Option<String>,
}

/// The neutral view's object with `secretExpiresAt` added where there is one.
impl crate::json::ToJson for Client {
    fn write_json(&self, out: &mut String) {
        self.view.write_json(out);
        if let Some(at) = &self.secret_expires_at {
            // The view is an object with fields: reopen it for one more.
            out.pop();
            out.push_str(",\"secretExpiresAt\":");
            crate::json::write_str(at, out);
            out.push('}');
        }
    }
}

/// Unix seconds as an RFC 3339 time.
fn rfc3339(seconds: i64) -> Option<String> {
    seconds.checked_mul(1000).map(iso_from_unix_ms)
}

fn to_client(record: Rfc7591Client) -> Client {
    Client {
        // RFC 7591 §3.2.1: 0 means the secret never expires.
        secret_expires_at: record
            .client_secret_expires_at
            .filter(|&at| at > 0)
            .and_then(rfc3339),
        view: OAuthClientOf {
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
            scopes: record
                .scope
                .as_deref()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            // RFC 7591 §2: the default method is client_secret_basic, a confidential client.
            confidential: Some(record.token_endpoint_auth_method != Some(Rfc7591AuthMethod::None)),
            created_at: record.client_id_issued_at.and_then(rfc3339),
            last_used_at: None,
            updated_at: None,
            record,
        },
    }
}

/// A success body as the client information (RFC 7591 §3.2.1): the registration's fields
/// left out, the secret taken aside into `record.secret`.
fn read_client(resp: &HttpResponse, bearer: Bearer, what: &str) -> Result<Rfc7591Client> {
    let mut body: Value = decode_ok(NAME, resp, what, |r| error_from(r, bearer))?;
    if let Value::Object(fields) = &mut body {
        for key in REGISTRATION_FIELDS {
            fields.remove(key);
        }
    }
    crate::json::FromJson::from_json(body).map_err(|e| {
        Error::decode(what, e)
            .with_provider(NAME)
            .with_status(resp.status)
    })
}

/// Client metadata as the caller gave it: the typed fields and the extension keys.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientInput {
    /// The fields this library knows.
    pub metadata: Rfc7591Metadata,
    /// Extension metadata, under its wire names.
    pub extensions: Extra,
}

impl Form for ClientInput {
    fn fields() -> Vec<FieldSpec> {
        Rfc7591Metadata::specs()
    }
}

/// Reads metadata: known camelCase keys into [`Rfc7591Metadata`], language-tagged keys
/// and snake_case extension keys aside under their wire names. An unknown key with an
/// upper-case letter (a misspelt `redirectUri`) is rejected, naming it.
fn read_metadata(input: Value, what: &str) -> Result<ClientInput> {
    let mut fields = match input {
        Value::Object(fields) => fields,
        Value::Null => Map::new(),
        other => {
            return read_input::<Rfc7591Metadata>(other, what).map(|metadata| ClientInput {
                metadata,
                extensions: Extra::new(),
            })
        }
    };
    let mut extensions = Extra::new();
    let tagged: Vec<String> = fields.keys().filter(|k| k.contains('#')).cloned().collect();
    for key in tagged {
        if let (Some((base, tag)), Some(value)) = (key.split_once('#'), fields.remove(&key)) {
            extensions.insert(format!("{}#{tag}", snake_case(base)), value);
        }
    }
    // The reader names the first key it does not know: an extension, unless it is camelCase.
    loop {
        let err = match read_input::<Rfc7591Metadata>(Value::Object(fields.clone()), what) {
            Ok(metadata) => {
                return Ok(ClientInput {
                    metadata,
                    extensions,
                })
            }
            Err(err) => err,
        };
        let extension = err
            .details
            .first()
            .filter(|d| d.message.starts_with("unknown field"))
            .and_then(|d| d.field.as_deref())
            .filter(|key| !key.bytes().any(|b| b.is_ascii_uppercase()))
            .and_then(|key| fields.remove_entry(key));
        match extension {
            Some((key, value)) => {
                extensions.insert(key, value);
            }
            None => return Err(err),
        }
    }
}

/// `camelCase` as `snake_case` (`clientName` -> `client_name`).
fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Metadata as the wire document: the typed fields in snake_case, then the extensions
/// (which never replace a typed field).
fn wire_document(input: &ClientInput) -> Map<String, Value> {
    let mut document = match serde_json::from_str(&snake_case_body(&input.metadata, &[])) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    for (key, value) in &input.extensions {
        document.entry(key.clone()).or_insert_with(|| value.clone());
    }
    document
}

/// The string items of `document[key]`, or `default` when it is absent.
fn string_list(document: &Map<String, Value>, key: &str, default: &[&str]) -> Vec<String> {
    match document.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => default.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// The checks RFC 7591 §2 asks for, on the document about to be sent (`update` included,
/// after its changes are applied), naming the camelCase field.
fn check_document(document: &Map<String, Value>) -> Result<()> {
    if document.contains_key("jwks") && document.contains_key("jwks_uri") {
        return Err(Error::invalid(
            "jwks",
            "give `jwks` or `jwksUri`, not both (RFC 7591 §2)",
        ));
    }
    let grants = string_list(document, "grant_types", &["authorization_code"]);
    let responses = string_list(document, "response_types", &["code"]);
    for (grant, response) in [("authorization_code", "code"), ("implicit", "token")] {
        let has_grant = grants.iter().any(|g| g == grant);
        let has_response = responses.iter().any(|r| r == response);
        if has_grant != has_response {
            return Err(Error::invalid(
                if has_grant {
                    "responseTypes"
                } else {
                    "grantTypes"
                },
                format!(
                    "the grant type `{grant}` and the response type `{response}` go together \
                     (RFC 7591 §2.1); the defaults are [\"authorization_code\"] and [\"code\"], \
                     so a client that never redirects passes `responseTypes: []`"
                ),
            ));
        }
    }
    let public = document
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
        == Some("none");
    if public && grants.iter().any(|g| g == "client_credentials") {
        return Err(Error::invalid(
            "tokenEndpointAuthMethod",
            "`none` is a public client, which gets no secret: it cannot use the \
             `client_credentials` grant",
        ));
    }
    check_document_urls(document)
}

/// Checks that the URLs in `document` are absolute: on its own, a change can be checked
/// before anything is read.
fn check_document_urls(document: &Map<String, Value>) -> Result<()> {
    for (key, field) in [
        ("redirect_uris", "redirectUris"),
        ("client_uri", "clientUri"),
        ("logo_uri", "logoUri"),
        ("tos_uri", "tosUri"),
        ("policy_uri", "policyUri"),
        ("jwks_uri", "jwksUri"),
    ] {
        if document.contains_key(key) {
            check_urls(field, &string_list(document, key, &[]))?;
        }
    }
    Ok(())
}

/// What `create` returns: the client, its secret (none for a public client) and its
/// registration, which is also in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Registered {
    /// The new client.
    pub client: Client,
    /// The client secret, shown this once.
    pub secret: Option<Secret>,
    /// Where and with which token the client is managed from now on.
    pub registration: Option<Registration>,
}

to_json!(Registered {
    client,
    secret,
    registration
});

wire! {
    struct Carried {
        client_id: Option<String> = "client_id",
        registration_client_uri: Option<String> = "registration_client_uri",
        registration_access_token: Option<Secret> = "registration_access_token",
    }
}

/// The registration a success response carries: its token, its URL (the stored one when
/// the server leaves it out) and its client id. The URL must be on the server's origin:
/// the token will be sent there.
fn registration_in(kind: &Rfc7591, resp: &HttpResponse) -> Result<Option<Registration>> {
    if !resp.is_success() {
        return Ok(None);
    }
    let Ok(carried) = resp.json::<Carried>() else {
        return Ok(None);
    };
    let Some(token) = carried
        .registration_access_token
        .filter(|t| !t.expose().is_empty())
    else {
        return Ok(None);
    };
    let stored = kind.registration.as_ref();
    let uri = carried
        .registration_client_uri
        .or_else(|| stored.map(|r| r.registration_client_uri.clone()));
    let client_id = carried
        .client_id
        .or_else(|| stored.map(|r| r.client_id.clone()));
    let (Some(uri), Some(client_id)) = (uri, client_id) else {
        return Err(Error::decode(
            "the registration",
            "it has a registration_access_token but no registration_client_uri or client_id",
        )
        .with_provider(NAME)
        .with_status(resp.status));
    };
    kind.check_origin(&uri)?;
    Ok(Some(Registration {
        client_id,
        registration_client_uri: uri,
        registration_access_token: token,
    }))
}

/// What `new OAuthAdmin({ provider: "rfc7591", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "RFC 7591 / 7592 (any standard server)",
    default_base_url: None,
    // Where the emulator serves its standard server; a real one is named by its issuer.
    base_path: "/rfc7591",
    // The issuer is the base URL.
    options: &[field!(
        "registrationEndpoint",
        "Registration endpoint (optional: skips discovery)",
        Url,
        false
    )],
    auth: &[
        AuthOption {
            label: "Initial access token",
            fields: &[field!("bearer", "Initial access token", Secret, true)],
        },
        AuthOption {
            label: "None (open registration)",
            fields: &[],
        },
    ],
};

input! {
    /// The RFC 7591 provider's own constructor options (besides `provider` and the shared
    /// settings): `issuer` (or `baseUrl`), `registrationEndpoint`, or both.
    pub struct Rfc7591Options {
        /// The issuer (or give it as `baseUrl`): its metadata
        /// (`/.well-known/openid-configuration`, else RFC 8414's
        /// `/.well-known/oauth-authorization-server`) names the registration endpoint.
        issuer?: String = "issuer",
        /// The registration endpoint: instead of `issuer`, or beside it on the same origin
        /// to skip the discovery.
        registration_endpoint?: String = "registrationEndpoint",
        /// The initial access token, where the server asks for one to register; none for
        /// open registration.
        #[cfg_attr(target_arch = "wasm32", tsify(type = "BearerAuth"))]
        auth?: Auth = "auth",
        /// Where each client's registration URL and token are kept (default: in memory,
        /// for as long as this object lives).
        #[cfg_attr(target_arch = "wasm32", tsify(type = "RegistrationStore"))]
        registrations?: bool = "registrations",
    }
}

/// The provider's entry in the registry.
pub static PROVIDER: ProviderDef = ProviderDef {
    info: INFO,
    connect,
};

fn connect(options: Options) -> Result<Connection> {
    let own: Rfc7591Options = options.read()?;
    // A standard server's API root is its issuer: `baseUrl` (which connect forms always
    // offer) names it too.
    let issuer = match (own.issuer, options.base_url) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid(
                "baseUrl",
                "give `issuer` or `baseUrl` (the same thing here), not both",
            ))
        }
        (issuer, base_url) => issuer.or(base_url),
    };
    let api = Rfc7591::new(
        issuer.as_deref(),
        own.registration_endpoint.as_deref(),
        options.allow_http,
    )?;
    let credentials = match own.auth {
        None => Credentials::None,
        Some(Auth::Bearer(token)) => Auth::bearer(token)?,
        Some(other) => return Err(other.not_taken(NAME, "{ bearer } (or none)")),
    };
    Ok(Connection {
        kinds: kinds(api),
        credentials,
    })
}

super::provider_kinds! {
    name: rfc7591,
    options: Rfc7591Options,
    clients: Rfc7591 => Rfc7591Client, Rfc7591ClientInput, Rfc7591ClientInput
        [List, Get, Create, Update, Delete],
    kinds: {},
    typescript: "
/** RFC 7591 client metadata in camelCase; any other key is extension metadata, sent under
 * the name given (`example_extension_parameter`, `clientName#ja-Jpan-JP`). */
export type Rfc7591ClientInput = Rfc7591Metadata & { [extension: string]: unknown };

export interface ClientExtras {
  rfc7591: {
    /** When the client secret expires (RFC 3339); absent when it never does. */
    secretExpiresAt?: string;
  };
}

export interface CreatedExtras {
  rfc7591: {
    /** Where and with which token the client is managed from now on (also in the store). */
    registration?: Registration;
  };
}
",
}

impl Kind for Rfc7591 {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = KindInfo::single("Registered clients");
    const REGISTERED: bool = true;
    type Record = Client;

    fn discovers(&self, op: Op) -> Option<&str> {
        match (op, &self.registration_endpoint) {
            (Op::Create, None) => self.issuer.as_deref(),
            _ => None,
        }
    }

    fn bind_call(&self, call: &super::Call) -> Result<Cow<'_, Self>> {
        Ok(Cow::Owned(Rfc7591 {
            registration: call.registration.clone(),
            metadata: call.metadata.clone(),
            ..self.clone()
        }))
    }

    fn registration(&self, resp: &HttpResponse) -> Result<Option<Registration>> {
        registration_in(self, resp)
    }
}

/// The client lists kinds reached through registrations from the store itself: RFC
/// 7591/7592 define no collection endpoint, so there is no request to build here.
impl List for Rfc7591 {
    fn list(&self, _: &ListParams) -> Result<HttpRequest> {
        Err(Error::unsupported(
            NAME,
            "list without a registration store",
        ))
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Client>> {
        Err(bare_status_error(NAME, resp.status))
    }
}

impl Get for Rfc7591 {
    fn get(&self, _id: &str) -> Result<HttpRequest> {
        self.to_registration(Method::Get)
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Client> {
        read_client(resp, Bearer::Registration, "the client information").map(to_client)
    }
}

impl Create for Rfc7591 {
    type Input = ClientInput;
    type Created = Registered;

    fn read_create(&self, input: Value) -> Result<ClientInput> {
        let input = read_metadata(input, "rfc7591 client metadata")?;
        check_document(&wire_document(&input))?;
        Ok(input)
    }

    fn build_create(&self, input: &ClientInput, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Post, self.endpoint()?.to_owned())
            .header("accept", "application/json")
            .json_body(&wire_document(input)))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Registered> {
        let mut record = read_client(resp, Bearer::Initial, "the registered client")?;
        let secret = record.secret.take();
        Ok(Registered {
            registration: registration_in(self, resp)?,
            client: to_client(record),
            secret,
        })
    }
}

impl Update for Rfc7591 {
    type Input = ClientInput;

    fn update(&self, _: &str, _: Value) -> Result<HttpRequest> {
        // Never reached: `update_lookup` always asks for the current document first.
        Err(Error::new(
            ErrorKind::Validation,
            "an update needs the client's current document",
        ))
    }

    fn update_lookup(&self, _id: &str, changes: &Value) -> Result<Option<HttpRequest>> {
        let changes = read_metadata(changes.clone(), "rfc7591 update input")?;
        check_document_urls(&wire_document(&changes))?;
        self.to_registration(Method::Get).map(Some)
    }

    /// RFC 7592 §2.2: the whole document as read, with the changes applied, `client_id`,
    /// and without the fields a `PUT` must not carry; sent with the token the read
    /// returned (servers may rotate it on read).
    fn update_with(&self, id: &str, changes: Value, lookup: &HttpResponse) -> Result<HttpRequest> {
        let changes = read_metadata(changes, "rfc7591 update input")?;
        let document: Value = decode_ok(NAME, lookup, "the client information", |r| {
            error_from(r, Bearer::Registration)
        })?;
        let Value::Object(mut document) = document else {
            return Err(
                Error::decode("the client information", "it is not an object")
                    .with_provider(NAME)
                    .with_status(lookup.status),
            );
        };
        let current = Rfc7591 {
            registration: registration_in(self, lookup)?.or_else(|| self.registration.clone()),
            ..self.clone()
        };
        for key in REGISTRATION_FIELDS.iter().chain(&SERVER_ISSUED) {
            document.remove(*key);
        }
        // An echoed secret must equal the current one (RFC 7592 §2.2): leaving it out keeps
        // it, and keeps it off the wire.
        document.remove("client_secret");
        document.extend(wire_document(&changes));
        document.insert("client_id".to_owned(), Value::String(id.to_owned()));
        check_document(&document)?;
        Ok(current.to_registration(Method::Put)?.json_body(&document))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Client> {
        self.parse_record(resp)
    }
}

impl Delete for Rfc7591 {
    fn delete(&self, _id: &str) -> Result<HttpRequest> {
        self.to_registration(Method::Delete)
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        if resp.is_success() {
            Ok(())
        } else {
            Err(error_from(resp, Bearer::Registration))
        }
    }
}

#[cfg(test)]
mod tests;
