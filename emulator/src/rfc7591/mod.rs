//! A standard authorization server's dynamic client registration under `/rfc7591`, written
//! from RFC 7591 (register) and RFC 7592 (read, replace, delete), with its metadata
//! documents (OpenID Connect Discovery and RFC 8414).
//!
//! Registration takes the initial access token; each client is then managed at its
//! `registration_client_uri` with its own registration access token, which this server
//! replaces on every read and every update (RFC 7592 §3 allows both), so a client that
//! does not keep the newest one is locked out.

mod errors;
mod metadata;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header::HOST};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Map, Value, json};

use crate::clock;
use crate::credentials::bearer;
use crate::provider::{ProviderModule, ProviderStore};
use crate::state::AppState;
use errors::RegistrationError;

const PREFIX: &str = "/rfc7591";
/// RFC 8414 §3: the well-known segment goes before the issuer's path.
const RFC8414: &str = "/.well-known/oauth-authorization-server/rfc7591";
const OPENID: &str = "/rfc7591/.well-known/openid-configuration";
const REGISTER: &str = "/rfc7591/register";
const CLIENT: &str = "/rfc7591/register/{client_id}";
const INITIAL_ACCESS_TOKEN: &str = "rfc7591-initial-token";
const TOKEN_LEN: usize = 40;

/// One registered client: its metadata as the server holds it, and what it issued.
#[derive(Debug)]
struct Registered {
    client_id: String,
    client_secret: Option<String>,
    issued_at: i64,
    registration_access_token: String,
    metadata: Map<String, Value>,
}

#[derive(Debug)]
pub struct Store {
    clients: Vec<Registered>,
}

impl ProviderStore for Store {
    /// No clients: each is reachable only with the token its registration returned.
    fn seeded() -> Self {
        Self {
            clients: Vec::new(),
        }
    }
}

pub struct Module;

impl ProviderModule for Module {
    fn name(&self) -> &'static str {
        "RFC7591"
    }

    fn prefixes(&self) -> &'static [&'static str] {
        &[PREFIX, RFC8414]
    }

    fn routes(&self, _: &AppState) -> Router<AppState> {
        Router::new()
            .route(OPENID, get(server_metadata))
            .route(RFC8414, get(server_metadata))
            .route(REGISTER, post(register))
            .route(CLIENT, get(read).put(replace).delete(remove))
    }

    fn credentials(&self) -> String {
        format!(
            "issuer http://HOST{PREFIX}; register with Authorization: Bearer {INITIAL_ACCESS_TOKEN}, \
             then each client's registration_access_token (replaced on every read and update)"
        )
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        RegistrationError::for_status(status, message).into_response()
    }
}

/// The issuer as this request reached it: `http://<Host>/rfc7591`.
fn issuer(headers: &HeaderMap) -> String {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}{PREFIX}")
}

async fn server_metadata(headers: HeaderMap) -> Response {
    let issuer = issuer(&headers);
    Json(json!({
        "issuer": issuer,
        "registration_endpoint": format!("{issuer}/register"),
        "grant_types_supported": ["authorization_code", "implicit", "client_credentials", "refresh_token"],
        "response_types_supported": ["code", "token"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
    }))
    .into_response()
}

/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3).
fn information(client: &Registered, issuer: &str) -> Value {
    let mut body = client.metadata.clone();
    body.insert("client_id".into(), json!(client.client_id));
    body.insert("client_id_issued_at".into(), json!(client.issued_at));
    if let Some(secret) = &client.client_secret {
        body.insert("client_secret".into(), json!(secret));
        body.insert("client_secret_expires_at".into(), json!(0));
    }
    body.insert(
        "registration_access_token".into(),
        json!(client.registration_access_token),
    );
    body.insert(
        "registration_client_uri".into(),
        json!(format!("{issuer}/register/{}", client.client_id)),
    );
    Value::Object(body)
}

async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, RegistrationError> {
    if bearer(&headers) != Some(INITIAL_ACCESS_TOKEN) {
        return Err(RegistrationError::invalid_token());
    }
    let metadata = metadata::accept(&body)?;
    let issuer = issuer(&headers);
    state.with(|store| {
        let public = metadata["token_endpoint_auth_method"] == "none";
        let client = Registered {
            client_id: store.ids.alphanumeric(20),
            client_secret: (!public).then(|| store.ids.alphanumeric(TOKEN_LEN)),
            issued_at: clock::now_ms() / 1000,
            registration_access_token: store.ids.alphanumeric(TOKEN_LEN),
            metadata,
        };
        let response = (StatusCode::CREATED, Json(information(&client, &issuer))).into_response();
        store.providers.rfc7591.clients.push(client);
        Ok(response)
    })
}

/// Runs `action` on the client `client_id` if the request carries its registration
/// token, with a fresh token issued first. An unknown client and a wrong token look the
/// same: 401 (RFC 7592 §2.1), so ids cannot be probed.
fn managed(
    state: &AppState,
    headers: &HeaderMap,
    client_id: &str,
    action: impl FnOnce(&mut Registered) -> Result<(), RegistrationError>,
) -> Result<Response, RegistrationError> {
    let token = bearer(headers).unwrap_or_default();
    let issuer = issuer(headers);
    state.with(|store| {
        let client = store
            .providers
            .rfc7591
            .clients
            .iter_mut()
            .find(|c| c.client_id == client_id && c.registration_access_token == token)
            .ok_or_else(RegistrationError::invalid_token)?;
        action(client)?;
        client.registration_access_token = store.ids.alphanumeric(TOKEN_LEN);
        Ok(Json(information(client, &issuer)).into_response())
    })
}

async fn read(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, RegistrationError> {
    managed(&state, &headers, &client_id, |_| Ok(()))
}

/// RFC 7592 §2.2: a full replacement that names the client, carries no field the server
/// issues, and at most the current secret.
async fn replace(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, RegistrationError> {
    let mut fields = metadata::object(&body)?;
    if fields.remove("client_id") != Some(json!(client_id)) {
        return Err(RegistrationError::invalid_request(
            "client_id must be present and equal to the client's",
        ));
    }
    for issued in [
        "registration_access_token",
        "registration_client_uri",
        "client_secret_expires_at",
        "client_id_issued_at",
    ] {
        if fields.contains_key(issued) {
            return Err(RegistrationError::invalid_request(&format!(
                "{issued} must not be sent in an update"
            )));
        }
    }
    let secret = fields.remove("client_secret");
    let metadata = metadata::accept_object(fields)?;
    managed(&state, &headers, &client_id, |client| {
        if let Some(secret) = secret {
            if Some(&secret) != client.client_secret.as_ref().map(|s| json!(s)).as_ref() {
                return Err(RegistrationError::invalid_request(
                    "client_secret does not match the client's",
                ));
            }
        }
        client.metadata = metadata;
        Ok(())
    })
}

async fn remove(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, RegistrationError> {
    let token = bearer(&headers).unwrap_or_default();
    state.with(|store| {
        let clients = &mut store.providers.rfc7591.clients;
        let index = clients
            .iter()
            .position(|c| c.client_id == client_id && c.registration_access_token == token)
            .ok_or_else(RegistrationError::invalid_token)?;
        clients.remove(index);
        Ok(StatusCode::NO_CONTENT.into_response())
    })
}
