//! Atlan (Heracles) OAuth clients, roles and token exchange under
//! `/api/service`.

mod client;
mod errors;
mod filter;
mod listing;
mod roles;
mod seed;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::body::Fields;
use crate::clock;
use crate::credentials::bearer;
use crate::provider::{ProviderModule, ProviderStore, with_field};
use crate::query::Params;
use crate::state::AppState;
use client::{Mode, OAuthClient, TOKEN_EXPIRY_SECONDS};
use errors::AtlanError;

const PREFIX: &str = "/api/service";
const TOKEN: &str = "atlan-emulator-token";

const CLIENTS: &str = "/api/service/oauth-clients";
/// Keyed by `clientId` (`oauth-client-...`), not by the GUID `id`.
const CLIENT: &str = "/api/service/oauth-clients/{client_id}";
const TOKEN_EXCHANGE: &str = "/api/service/oauth-clients/token";
const ROLES: &str = "/api/service/roles";
/// The Python SDK's page size.
const DEFAULT_LIMIT: u64 = 20;
const CREATED_BY: &str = "admin";

#[derive(Debug)]
pub struct Store {
    clients: Vec<OAuthClient>,
    /// Access tokens from the token exchange, with the client each belongs to.
    issued_tokens: Vec<(String, String)>,
}

impl ProviderStore for Store {
    fn seeded() -> Self {
        Self {
            clients: seed::clients(),
            issued_tokens: Vec::new(),
        }
    }

    fn revoke_tokens(&mut self) {
        self.issued_tokens.clear();
    }
}

impl Store {
    /// Exchanged tokens never expire here, but die with their client, a
    /// reset or `DELETE /__emulator/tokens`.
    fn accepts(&self, token: &str) -> bool {
        self.issued_tokens.iter().any(|(issued, owner)| {
            issued == token && self.clients.iter().any(|c| &c.client_id == owner)
        })
    }
}

pub struct Module;

impl ProviderModule for Module {
    fn name(&self) -> &'static str {
        "Atlan"
    }

    fn prefixes(&self) -> &'static [&'static str] {
        &[PREFIX]
    }

    fn routes(&self, state: &AppState) -> Router<AppState> {
        Router::new()
            .route(CLIENTS, get(list).post(create))
            // The Python SDK updates with PUT, the Java SDK with POST; both are served.
            .route(CLIENT, get(read).put(update).post(update).delete(remove))
            .route(ROLES, get(list_roles))
            .route_layer(from_fn_with_state(state.clone(), authenticate))
            // Added after the auth layer: the exchange is how a client gets a token.
            .route(TOKEN_EXCHANGE, post(exchange_token))
    }

    fn credentials(&self) -> String {
        format!("Authorization: Bearer {TOKEN}")
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        errors::error_response(status, message)
    }
}

async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let authorized = match bearer(request.headers()) {
        Some(TOKEN) => true,
        Some(token) => state.with(|store| store.providers.atlan.accepts(token)),
        None => false,
    };
    if authorized {
        next.run(request).await
    } else {
        AtlanError::unauthorized().into_response()
    }
}

async fn list(State(state): State<AppState>, params: Params) -> Result<Response, AtlanError> {
    let sortable = ["createdAt", "displayName"];
    let listing = state.with(|store| {
        listing::list(
            &store.providers.atlan.clients,
            &params,
            &sortable,
            DEFAULT_LIMIT,
        )
    })?;
    Ok(Json(listing).into_response())
}

async fn list_roles(params: Params) -> Result<Response, AtlanError> {
    let listing = listing::list(roles::ROLES, &params, &["name"], DEFAULT_LIMIT)?;
    Ok(Json(listing).into_response())
}

async fn create(State(state): State<AppState>, body: Bytes) -> Result<Response, AtlanError> {
    state.with(|store| {
        let now = clock::now_ms();
        let ids = &mut store.ids;
        let mut client = OAuthClient {
            id: ids.uuid(),
            client_id: format!("oauth-client-{}", ids.uuid()),
            display_name: String::new(),
            description: String::new(),
            role: String::new(),
            persona_qns: Vec::new(),
            token_expiry_seconds: TOKEN_EXPIRY_SECONDS,
            created_at: now,
            updated_at: now,
            created_by: CREATED_BY.into(),
            updated_by: CREATED_BY.into(),
            secret: ids.uuid(),
        };
        client::merge(&body, Mode::Create, &mut client, now)?;
        // The only response that ever carries the secret.
        let response =
            Json(with_field(&client, "clientSecret", json!(client.secret))).into_response();
        store.providers.atlan.clients.push(client);
        Ok(response)
    })
}

fn find<'a>(
    clients: &'a mut [OAuthClient],
    client_id: &str,
) -> Result<&'a mut OAuthClient, AtlanError> {
    clients
        .iter_mut()
        .find(|client| client.client_id == client_id)
        .ok_or_else(|| AtlanError::client_not_found(client_id))
}

async fn read(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
) -> Result<Response, AtlanError> {
    state.with(|store| {
        Ok(Json(&*find(&mut store.providers.atlan.clients, &client_id)?).into_response())
    })
}

async fn update(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    body: Bytes,
) -> Result<Response, AtlanError> {
    state.with(|store| {
        let client = find(&mut store.providers.atlan.clients, &client_id)?;
        client::merge(&body, Mode::Update, client, clock::now_ms())?;
        Ok(Json(&*client).into_response())
    })
}

/// 200 with an empty body: the SDKs expect 200 (not 204) and read nothing.
async fn remove(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
) -> Result<Response, AtlanError> {
    state.with(|store| {
        let clients = &mut store.providers.atlan.clients;
        let index = clients
            .iter()
            .position(|client| client.client_id == client_id)
            .ok_or_else(|| AtlanError::client_not_found(&client_id))?;
        clients.remove(index);
        Ok(().into_response())
    })
}

/// `POST oauth-clients/token` with `{clientId, clientSecret}`.
async fn exchange_token(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, AtlanError> {
    let mut fields = Fields::parse(&body).map_err(AtlanError::malformed)?;
    fields.require(&["clientId", "clientSecret"]);
    let client_id = fields.string("clientId");
    let client_secret = fields.string("clientSecret");
    let problems = fields.into_problems();
    let (Some(client_id), Some(client_secret), true) =
        (client_id, client_secret, problems.is_empty())
    else {
        return Err(AtlanError::validation(problems));
    };
    state.with(|store| {
        let expires_in = store
            .providers
            .atlan
            .clients
            .iter()
            .find(|client| client.client_id == client_id && client.secret == client_secret)
            .map(|client| client.token_expiry_seconds)
            .ok_or_else(AtlanError::bad_credentials)?;
        let token = format!("atlan-oauth-{}", store.ids.alphanumeric(40));
        store
            .providers
            .atlan
            .issued_tokens
            .push((token.clone(), client_id));
        Ok(
            Json(json!({ "accessToken": token, "tokenType": "Bearer", "expiresIn": expires_in }))
                .into_response(),
        )
    })
}
