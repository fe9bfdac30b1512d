//! Cloudflare account OAuth clients (IAM) under `/client/v4`.
//!
//! Unknown accounts: an id that is not 32 hex characters cannot name an
//! account, so it gets 404 with Cloudflare's routing error 7003; a well-formed
//! id other than the seeded one gets 403 9109, which is what Cloudflare answers
//! for accounts a token has no access to (it does not reveal existence).

mod client;
mod envelope;
mod seed;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use crate::clock;
use crate::credentials::bearer;
use crate::ids::IdGen;
use crate::provider::{ProviderModule, ProviderStore, with_field};
use crate::state::AppState;
use client::{Mode, OAuthClient};
use envelope::{CfError, code, success};

const PREFIX: &str = "/client/v4";
const TOKEN: &str = "cf-emulator-token";
const EMAIL: &str = "admin@example.com";
const KEY: &str = "cf-emulator-key";
const ACCOUNT_ID: &str = "0123456789abcdef0123456789abcdef";
/// Sent on every response (Cloudflare API limits changelog, 2025-09-03).
const RATELIMIT: &str = "\"default\";r=50;t=30";
const RATELIMIT_POLICY: &str = "\"burst\";q=100;w=60";

const CLIENTS: &str = "/client/v4/accounts/{account_id}/oauth_clients";
const CLIENT: &str = "/client/v4/accounts/{account_id}/oauth_clients/{client_id}";
const ROTATE: &str = "/client/v4/accounts/{account_id}/oauth_clients/{client_id}/rotate_secret";
/// Cloudflare secrets are opaque; this length is the emulator's choice.
const SECRET_LEN: usize = 48;

#[derive(Debug)]
pub struct Store {
    clients: Vec<OAuthClient>,
}

impl ProviderStore for Store {
    fn seeded() -> Self {
        Self {
            clients: seed::clients(),
        }
    }
}

pub struct Module;

impl ProviderModule for Module {
    fn name(&self) -> &'static str {
        "Cloudflare"
    }

    fn prefixes(&self) -> &'static [&'static str] {
        &[PREFIX]
    }

    fn routes(&self, _: &AppState) -> Router<AppState> {
        Router::new()
            .route(CLIENTS, get(list).post(create))
            .route(CLIENT, get(read).patch(update).delete(remove))
            .route(ROTATE, post(rotate).delete(drop_rotated))
            .route("/client/v4/oauth/scopes", get(scopes))
            .route_layer(from_fn(authenticate))
    }

    fn credentials(&self) -> String {
        format!(
            "Authorization: Bearer {TOKEN} (or X-Auth-Email: {EMAIL} + X-Auth-Key: {KEY}), \
             account {ACCOUNT_ID}"
        )
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        envelope::error_response(status, message)
    }

    fn response_headers(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("ratelimit", RATELIMIT),
            ("ratelimit-policy", RATELIMIT_POLICY),
        ]
    }

    fn request_headers(&self) -> &'static [&'static str] {
        &["x-auth-email", "x-auth-key"]
    }

    /// The Global API key, and the Origin CA key Cloudflare also accepts.
    fn secret_headers(&self) -> &'static [&'static str] {
        &["x-auth-key", "x-auth-user-service-key"]
    }
}

fn is_authorized(headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    bearer(headers) == Some(TOKEN)
        || (header("x-auth-email") == Some(EMAIL) && header("x-auth-key") == Some(KEY))
}

async fn authenticate(request: Request, next: Next) -> Response {
    if is_authorized(request.headers()) {
        next.run(request).await
    } else {
        CfError::new(
            StatusCode::UNAUTHORIZED,
            code::AUTHENTICATION,
            "Authentication error",
        )
        .into_response()
    }
}

fn check_account(account_id: &str) -> Result<(), CfError> {
    if account_id == ACCOUNT_ID {
        Ok(())
    } else if account_id.len() == 32 && account_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Err(CfError::new(
            StatusCode::FORBIDDEN,
            code::FORBIDDEN,
            "Unauthorized to access requested resource",
        ))
    } else {
        Err(CfError::new(
            StatusCode::NOT_FOUND,
            code::NO_ROUTE,
            format!(
                "Could not route to /accounts/{account_id}/oauth_clients, perhaps your object identifier is invalid?"
            ),
        ))
    }
}

fn now() -> String {
    clock::rfc3339(clock::now_ms())
}

/// Runs `action` on one client of the seeded account, or answers 404.
fn with_client(
    state: &AppState,
    (account_id, client_id): &(String, String),
    action: impl FnOnce(&mut OAuthClient, &mut IdGen) -> Result<Response, CfError>,
) -> Result<Response, CfError> {
    check_account(account_id)?;
    state.with(|store| {
        let client = store
            .providers
            .cloudflare
            .clients
            .iter_mut()
            .find(|client| &client.client_id == client_id)
            .ok_or_else(CfError::client_not_found)?;
        action(client, &mut store.ids)
    })
}

/// A single page: Cloudflare's list takes no paging parameters (SinglePage).
async fn list(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
) -> Result<Response, CfError> {
    check_account(&account_id)?;
    Ok(state.with(|store| success(&store.providers.cloudflare.clients)))
}

async fn create(
    State(state): State<AppState>,
    Path(account_id): Path<String>,
    body: Bytes,
) -> Result<Response, CfError> {
    check_account(&account_id)?;
    state.with(|store| {
        let now = now();
        let mut client =
            OAuthClient::blank(store.ids.hex(32), store.ids.alphanumeric(SECRET_LEN), &now);
        client::merge(&body, Mode::Create, &mut client, &mut store.ids, &now)?;
        // The only response that ever carries the secret.
        let result = with_field(&client, "client_secret", json!(client.secret));
        store.providers.cloudflare.clients.push(client);
        Ok(success(result))
    })
}

async fn read(
    State(state): State<AppState>,
    Path(ids): Path<(String, String)>,
) -> Result<Response, CfError> {
    with_client(&state, &ids, |client, _| Ok(success(&*client)))
}

async fn update(
    State(state): State<AppState>,
    Path(ids): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, CfError> {
    with_client(&state, &ids, |client, id_gen| {
        client::merge(&body, Mode::Update, client, id_gen, &now())?;
        Ok(success(&*client))
    })
}

async fn remove(
    State(state): State<AppState>,
    Path((account_id, client_id)): Path<(String, String)>,
) -> Result<Response, CfError> {
    check_account(&account_id)?;
    state.with(|store| {
        let clients = &mut store.providers.cloudflare.clients;
        let index = clients
            .iter()
            .position(|client| client.client_id == client_id)
            .ok_or_else(CfError::client_not_found)?;
        clients.remove(index);
        Ok(success(json!({ "id": client_id })))
    })
}

async fn rotate(
    State(state): State<AppState>,
    Path(ids): Path<(String, String)>,
) -> Result<Response, CfError> {
    with_client(&state, &ids, |client, id_gen| {
        client.rotate_secret(id_gen.alphanumeric(SECRET_LEN), &now());
        Ok(success(json!({ "client_secret": client.secret })))
    })
}

/// Idempotent: deleting when no old secret remains still succeeds.
async fn drop_rotated(
    State(state): State<AppState>,
    Path(ids): Path<(String, String)>,
) -> Result<Response, CfError> {
    with_client(&state, &ids, |client, _| {
        client.drop_previous_secret(&now());
        Ok(success(json!({ "id": client.client_id })))
    })
}

async fn scopes() -> Response {
    success(seed::SCOPES)
}
