//! Databricks account OAuth under `/api/2.0/accounts/{account_id}`: custom
//! and published app integrations, published apps, service-principal secrets,
//! federation policies (account-wide and per service principal), and the
//! account's OAuth M2M token endpoint under `/oidc/accounts/{account_id}`.

mod apps;
mod errors;
mod paging;
mod policies;
mod published;
mod records;
mod secrets;
mod seed;
mod token;

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Map, Value, json};

use crate::body::{Fields, ProblemKind};
use crate::clock;
use crate::credentials::bearer;
use crate::provider::{ProviderModule, ProviderStore};
use crate::query::Params;
use crate::state::{AppState, Store as AppStore};
use errors::DatabricksError;
use records::{CustomApp, Int64As, Policy, PublishedIntegration, SpSecret};
use seed::ACCOUNT_ID;

const API: &str = "/api/2.0/accounts";
const OIDC: &str = "/oidc/accounts";
const TOKEN: &str = "dbx-emulator-token";
/// The service principal whose OAuth secret the token endpoint accepts.
const M2M_CLIENT_ID: &str = "dbx-emulator-sp";
const M2M_SECRET: &str = "dbx-emulator-secret";
const TOKEN_LIFETIME_SECS: u64 = 3600;
/// Databricks' documented limit.
const MAX_SECRETS: usize = 5;
/// Two years, the default secret lifetime.
const DEFAULT_LIFETIME_SECS: i64 = 63_072_000;

const CUSTOM_APPS: &str = "/api/2.0/accounts/{account}/oauth2/custom-app-integrations";
const CUSTOM_APP: &str = "/api/2.0/accounts/{account}/oauth2/custom-app-integrations/{id}";
const PUBLISHED_APPS: &str = "/api/2.0/accounts/{account}/oauth2/published-apps";
const PUBLISHED: &str = "/api/2.0/accounts/{account}/oauth2/published-app-integrations";
const PUBLISHED_ONE: &str = "/api/2.0/accounts/{account}/oauth2/published-app-integrations/{id}";
const SECRETS: &str = "/api/2.0/accounts/{account}/servicePrincipals/{sp}/credentials/secrets";
const SECRET: &str = "/api/2.0/accounts/{account}/servicePrincipals/{sp}/credentials/secrets/{id}";
const POLICIES: &str = "/api/2.0/accounts/{account}/federationPolicies";
const POLICY: &str = "/api/2.0/accounts/{account}/federationPolicies/{id}";
const SP_POLICIES: &str = "/api/2.0/accounts/{account}/servicePrincipals/{sp}/federationPolicies";
const SP_POLICY: &str =
    "/api/2.0/accounts/{account}/servicePrincipals/{sp}/federationPolicies/{id}";
const TOKEN_ENDPOINT: &str = "/oidc/accounts/{account}/v1/token";

#[derive(Debug)]
pub struct Store {
    apps: Vec<CustomApp>,
    published: Vec<PublishedIntegration>,
    /// Every service principal: the seeded two and each custom app's.
    service_principals: Vec<u64>,
    secrets: Vec<SpSecret>,
    policies: Vec<Policy>,
    issued_tokens: Vec<String>,
    /// The next service principal id (above 2^53, as real ids can be).
    next_principal: u64,
}

impl ProviderStore for Store {
    fn seeded() -> Self {
        let apps = seed::custom_apps();
        let mut service_principals = vec![seed::SP_SMALL, seed::SP_BIG];
        service_principals.extend(apps.iter().map(|app| app.principal_id));
        Self {
            apps,
            published: seed::published_integrations(),
            service_principals,
            secrets: seed::secrets(),
            policies: seed::policies(),
            issued_tokens: Vec::new(),
            next_principal: seed::ABOVE_2_53 + 1000,
        }
    }

    fn revoke_tokens(&mut self) {
        self.issued_tokens.clear();
    }
}

pub struct Module;

impl ProviderModule for Module {
    fn name(&self) -> &'static str {
        "Databricks"
    }

    fn prefixes(&self) -> &'static [&'static str] {
        &[API, OIDC]
    }

    fn routes(&self, state: &AppState) -> Router<AppState> {
        Router::new()
            .route(CUSTOM_APPS, get(apps::list_apps).post(apps::create_app))
            .route(
                CUSTOM_APP,
                get(apps::read_app)
                    .patch(apps::update_app)
                    .delete(apps::delete_app),
            )
            .route(PUBLISHED_APPS, get(published::list_published_apps))
            .route(
                PUBLISHED,
                get(published::list_published).post(published::create_published),
            )
            .route(
                PUBLISHED_ONE,
                get(published::read_published)
                    .patch(published::update_published)
                    .delete(published::delete_published),
            )
            .route(
                SECRETS,
                get(secrets::list_secrets).post(secrets::create_secret),
            )
            .route(SECRET, axum::routing::delete(secrets::delete_secret))
            .route(POLICIES, get(list_policies).post(create_policy))
            .route(
                POLICY,
                get(read_policy).patch(update_policy).delete(delete_policy),
            )
            .route(SP_POLICIES, get(list_policies).post(create_policy))
            .route(
                SP_POLICY,
                get(read_policy).patch(update_policy).delete(delete_policy),
            )
            .route_layer(from_fn_with_state(state.clone(), authenticate))
            // After the auth layer: the token endpoint is how a client gets a token.
            .route(TOKEN_ENDPOINT, post(token::issue_token))
    }

    fn credentials(&self) -> String {
        format!(
            "Authorization: Bearer {TOKEN}, or OAuth M2M {M2M_CLIENT_ID} / {M2M_SECRET}; account {ACCOUNT_ID}"
        )
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        errors::error_response(status, message)
    }
}

type Reply = Result<Response, DatabricksError>;

/// The account in a path (`/api/2.0/accounts/{account}/...`).
fn account_of(path: &str) -> Option<&str> {
    path.split('/').nth(4)
}

async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let authorized = match bearer(request.headers()) {
        Some(TOKEN) => true,
        Some(token) => state.with(|store| {
            store
                .providers
                .databricks
                .issued_tokens
                .iter()
                .any(|t| t == token)
        }),
        None => false,
    };
    if !authorized {
        return DatabricksError::unauthenticated().into_response();
    }
    if account_of(request.uri().path()) != Some(ACCOUNT_ID) {
        return DatabricksError::new(
            StatusCode::FORBIDDEN,
            "PERMISSION_DENIED",
            "The caller is not an admin of this account.",
        )
        .into_response();
    }
    next.run(request).await
}

fn db(store: &mut AppStore) -> &mut Store {
    &mut store.providers.databricks
}

fn now() -> String {
    clock::rfc3339(clock::now_ms())
}

fn empty() -> Response {
    Json(json!({})).into_response()
}

/// Removes the items `matches` picks and answers `{}`; none picked is the 404 for `what`.
fn remove<T>(
    items: &mut Vec<T>,
    matches: impl Fn(&T) -> bool,
    what: &str,
    id: &str,
) -> Result<Response, DatabricksError> {
    let before = items.len();
    items.retain(|item| !matches(item));
    if items.len() == before {
        return Err(DatabricksError::not_found(what, id));
    }
    Ok(empty())
}

fn parse_body(body: &[u8]) -> Result<Fields, DatabricksError> {
    Fields::parse(body).map_err(|m| DatabricksError::invalid(m.0))
}

fn done(fields: Fields) -> Result<(), DatabricksError> {
    let problems = fields.into_problems();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DatabricksError::problems(&problems))
    }
}

/// The object at `field`, if any (a wrong type is reported).
fn object(fields: &mut Fields, raw: &Map<String, Value>, field: &str) -> Option<Value> {
    match raw.get(field)? {
        value @ Value::Object(_) => Some(value.clone()),
        _ => {
            fields.report(field, ProblemKind::WrongType("an object"));
            None
        }
    }
}

fn raw_object(body: &[u8]) -> Map<String, Value> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn check_urls(fields: &mut Fields, field: &str, urls: &[String]) {
    if let Some(bad) = urls.iter().find(|u| !is_absolute_url(u)) {
        fields.report(
            field,
            ProblemKind::Invalid(format!("{bad} is not an absolute URL")),
        );
    }
}

fn is_absolute_url(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'.' || b == b'-')
            && !rest.is_empty()
    })
}

fn check_user_scopes(fields: &mut Fields, scopes: &[String], user: &[String]) {
    if let Some(extra) = user.iter().find(|s| !scopes.contains(s)) {
        fields.report(
            "user_authorized_scopes",
            ProblemKind::Invalid(format!("{extra} is not in scopes")),
        );
    }
}

// ---- federation policies (route glue; the logic is in `policies`) ----------------------

/// The path's parameters: `sp` (under a service principal) and `id` where the route has them.
type Segments = Path<HashMap<String, String>>;

async fn list_policies(State(state): State<AppState>, Path(at): Segments, params: Params) -> Reply {
    policies::list(&state, at.get("sp").map(String::as_str), &params)
}

async fn create_policy(
    State(state): State<AppState>,
    Path(at): Segments,
    params: Params,
    body: Bytes,
) -> Reply {
    policies::create(&state, at.get("sp").map(String::as_str), &params, &body)
}

async fn read_policy(State(state): State<AppState>, Path(at): Segments) -> Reply {
    let id = at.get("id").map_or("", String::as_str);
    policies::read(&state, at.get("sp").map(String::as_str), id)
}

async fn update_policy(
    State(state): State<AppState>,
    Path(at): Segments,
    params: Params,
    body: Bytes,
) -> Reply {
    let id = at.get("id").map_or("", String::as_str);
    policies::update(&state, at.get("sp").map(String::as_str), id, &params, &body)
}

async fn delete_policy(State(state): State<AppState>, Path(at): Segments) -> Reply {
    let id = at.get("id").map_or("", String::as_str);
    policies::delete(&state, at.get("sp").map(String::as_str), id)
}
