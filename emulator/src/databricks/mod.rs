//! Databricks account OAuth under `/api/2.0/accounts/{account_id}`: custom
//! and published app integrations, published apps, service-principal secrets,
//! federation policies (account-wide and per service principal), and the
//! account's OAuth M2M token endpoint under `/oidc/accounts/{account_id}`.

mod errors;
mod paging;
mod policies;
mod records;
mod seed;

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
            .route(CUSTOM_APPS, get(list_apps).post(create_app))
            .route(
                CUSTOM_APP,
                get(read_app).patch(update_app).delete(delete_app),
            )
            .route(PUBLISHED_APPS, get(list_published_apps))
            .route(PUBLISHED, get(list_published).post(create_published))
            .route(
                PUBLISHED_ONE,
                get(read_published)
                    .patch(update_published)
                    .delete(delete_published),
            )
            .route(SECRETS, get(list_secrets).post(create_secret))
            .route(SECRET, axum::routing::delete(delete_secret))
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
            .route(TOKEN_ENDPOINT, post(issue_token))
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

// ---- custom app integrations ---------------------------------------------------------------

async fn list_apps(State(state): State<AppState>, params: Params) -> Reply {
    let with_creator = match params.first("include_creator_username") {
        None | Some("false") => false,
        Some("true") => true,
        // The SDK rewrites Python's `True`: anything else is a bad request.
        Some(other) => {
            return Err(DatabricksError::invalid(format!(
                "include_creator_username must be true or false, not {other}"
            )));
        }
    };
    let keyword = params.first("search_keyword").map(str::to_lowercase);
    state.with(|store| {
        let matching: Vec<Value> = db(store)
            .apps
            .iter()
            .filter(|app| {
                keyword.as_deref().is_none_or(|k| {
                    [&app.name, &app.client_id, &app.integration_id]
                        .iter()
                        .any(|field| field.to_lowercase().contains(k))
                })
            })
            .map(|app| app.to_json(Int64As::Number, with_creator))
            .collect();
        // This list ends with an empty token; the others leave it out.
        paging::page("apps", matching, &params, true)
    })
}

fn find_app<'a>(apps: &'a mut [CustomApp], id: &str) -> Result<&'a mut CustomApp, DatabricksError> {
    apps.iter_mut()
        .find(|app| app.integration_id == id)
        .ok_or_else(|| DatabricksError::not_found("Custom app integration", id))
}

async fn read_app(State(state): State<AppState>, Path((_, id)): Path<(String, String)>) -> Reply {
    state.with(|store| {
        let app = find_app(&mut db(store).apps, &id)?;
        Ok(Json(app.to_json(Int64As::Text, false)).into_response())
    })
}

async fn create_app(State(state): State<AppState>, body: Bytes) -> Reply {
    let raw = raw_object(&body);
    let mut fields = parse_body(&body)?;
    fields.reject_unknown(&[
        "name",
        "redirect_urls",
        "confidential",
        "scopes",
        "token_access_policy",
        "user_authorized_scopes",
        "is_agent",
    ]);
    let name = fields.string("name").unwrap_or_default();
    let redirect_urls = fields.strings("redirect_urls").unwrap_or_default();
    let confidential = fields.boolean("confidential").unwrap_or(false);
    let scopes = fields.strings("scopes").unwrap_or_default();
    let user_scopes = fields.strings("user_authorized_scopes").unwrap_or_default();
    let is_agent = fields.boolean("is_agent").unwrap_or(false);
    let policy = object(&mut fields, &raw, "token_access_policy");
    check_urls(&mut fields, "redirect_urls", &redirect_urls);
    check_user_scopes(&mut fields, &scopes, &user_scopes);
    done(fields)?;
    state.with(|store| {
        let integration_id = store.ids.uuid();
        let client_id = store.ids.uuid();
        let secret = confidential.then(|| format!("dose{}", store.ids.hex(32)));
        let db = db(store);
        let principal_id = db.next_principal;
        db.next_principal += 1;
        db.service_principals.push(principal_id);
        db.apps.push(CustomApp {
            integration_id: integration_id.clone(),
            client_id: client_id.clone(),
            name,
            confidential,
            redirect_urls,
            scopes,
            user_authorized_scopes: user_scopes,
            token_access_policy: policy,
            is_agent,
            principal_id,
            created_by: 4_611_686_018_427_387_904,
            creator_username: "admin@example.com".into(),
            create_time: now(),
        });
        let mut out = json!({
            "integration_id": integration_id,
            "client_id": client_id,
            "principal_id": Int64As::Text.write(principal_id),
        });
        if let (Some(secret), Value::Object(map)) = (secret, &mut out) {
            // The only response that ever carries the secret.
            map.insert("client_secret".into(), json!(secret));
            map.insert(
                "client_secret_expire_time".into(),
                json!(clock::rfc3339(
                    clock::now_ms() + DEFAULT_LIFETIME_SECS * 1000
                )),
            );
        }
        Ok(Json(out).into_response())
    })
}

async fn update_app(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let raw = raw_object(&body);
    let mut fields = parse_body(&body)?;
    for fixed in ["name", "confidential"] {
        if raw.contains_key(fixed) {
            fields.report(fixed, ProblemKind::Invalid("cannot be updated".into()));
        }
    }
    fields.reject_unknown(&[
        "name",
        "confidential",
        "redirect_urls",
        "scopes",
        "token_access_policy",
        "user_authorized_scopes",
    ]);
    let redirect_urls = fields.strings("redirect_urls");
    let scopes = fields.strings("scopes");
    let user_scopes = fields.strings("user_authorized_scopes");
    let policy = object(&mut fields, &raw, "token_access_policy");
    check_urls(
        &mut fields,
        "redirect_urls",
        redirect_urls.as_deref().unwrap_or_default(),
    );
    state.with(|store| {
        let app = find_app(&mut db(store).apps, &id)?;
        let scopes_after = scopes.clone().unwrap_or_else(|| app.scopes.clone());
        let user_after = user_scopes
            .clone()
            .unwrap_or_else(|| app.user_authorized_scopes.clone());
        check_user_scopes(&mut fields, &scopes_after, &user_after);
        done(fields)?;
        if let Some(urls) = redirect_urls {
            app.redirect_urls = urls;
        }
        app.scopes = scopes_after;
        app.user_authorized_scopes = user_after;
        if policy.is_some() {
            app.token_access_policy = policy;
        }
        Ok(empty())
    })
}

async fn delete_app(State(state): State<AppState>, Path((_, id)): Path<(String, String)>) -> Reply {
    state.with(|store| {
        let apps = &mut db(store).apps;
        let before = apps.len();
        apps.retain(|app| app.integration_id != id);
        if apps.len() == before {
            return Err(DatabricksError::not_found("Custom app integration", &id));
        }
        Ok(empty())
    })
}

// ---- published apps and integrations ----------------------------------------------------------

async fn list_published_apps(params: Params) -> Reply {
    let apps = seed::PUBLISHED_APPS
        .iter()
        .map(|app| app.to_json())
        .collect();
    paging::page("apps", apps, &params, false)
}

async fn list_published(State(state): State<AppState>, params: Params) -> Reply {
    let keyword = params.first("search_keyword").map(str::to_lowercase);
    state.with(|store| {
        let items = db(store)
            .published
            .iter()
            .filter(|p| {
                keyword
                    .as_deref()
                    .is_none_or(|k| p.name.to_lowercase().contains(k) || p.app_id.contains(k))
            })
            .map(|p| p.to_json(Int64As::Number))
            .collect();
        paging::page("apps", items, &params, false)
    })
}

fn find_published<'a>(
    items: &'a mut [PublishedIntegration],
    id: &str,
) -> Result<&'a mut PublishedIntegration, DatabricksError> {
    items
        .iter_mut()
        .find(|p| p.integration_id == id)
        .ok_or_else(|| DatabricksError::not_found("Published app integration", id))
}

async fn read_published(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
) -> Reply {
    state.with(|store| {
        let item = find_published(&mut db(store).published, &id)?;
        Ok(Json(item.to_json(Int64As::Text)).into_response())
    })
}

async fn create_published(State(state): State<AppState>, body: Bytes) -> Reply {
    let raw = raw_object(&body);
    let mut fields = parse_body(&body)?;
    fields.reject_unknown(&["app_id", "token_access_policy"]);
    fields.require(&["app_id"]);
    let app_id = fields.string("app_id").unwrap_or_default();
    let policy = object(&mut fields, &raw, "token_access_policy");
    let app = seed::PUBLISHED_APPS.iter().find(|a| a.app_id == app_id);
    if app.is_none() && !app_id.is_empty() {
        fields.report(
            "app_id",
            ProblemKind::Invalid(format!("{app_id} is not a published app")),
        );
    }
    done(fields)?;
    state.with(|store| {
        let integration_id = store.ids.uuid();
        let db = db(store);
        if db.published.iter().any(|p| p.app_id == app_id) {
            return Err(DatabricksError::new(
                StatusCode::CONFLICT,
                "RESOURCE_ALREADY_EXISTS",
                format!("{app_id} is already enabled"),
            ));
        }
        db.published.push(PublishedIntegration {
            integration_id: integration_id.clone(),
            name: app.map_or("", |a| a.name).to_owned(),
            app_id,
            token_access_policy: policy,
            created_by: 4_611_686_018_427_387_904,
            create_time: now(),
        });
        Ok(Json(json!({ "integration_id": integration_id })).into_response())
    })
}

async fn update_published(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let raw = raw_object(&body);
    let mut fields = parse_body(&body)?;
    fields.reject_unknown(&["token_access_policy"]);
    let policy = object(&mut fields, &raw, "token_access_policy");
    done(fields)?;
    state.with(|store| {
        let item = find_published(&mut db(store).published, &id)?;
        if policy.is_some() {
            item.token_access_policy = policy;
        }
        Ok(empty())
    })
}

async fn delete_published(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
) -> Reply {
    state.with(|store| {
        let items = &mut db(store).published;
        let before = items.len();
        items.retain(|p| p.integration_id != id);
        if items.len() == before {
            return Err(DatabricksError::not_found("Published app integration", &id));
        }
        Ok(empty())
    })
}

// ---- service-principal secrets --------------------------------------------------------------------

/// The service principal in a path: an existing one's numeric id.
fn service_principal(store: &Store, sp: &str) -> Result<u64, DatabricksError> {
    sp.parse::<u64>()
        .ok()
        .filter(|id| store.service_principals.contains(id))
        .ok_or_else(|| DatabricksError::not_found("Service principal", sp))
}

async fn list_secrets(
    State(state): State<AppState>,
    Path((_, sp)): Path<(String, String)>,
    params: Params,
) -> Reply {
    state.with(|store| {
        let db = db(store);
        let sp = service_principal(db, &sp)?;
        let items = db
            .secrets
            .iter()
            .filter(|s| s.service_principal_id == sp)
            .map(SpSecret::to_json)
            .collect();
        paging::page("secrets", items, &params, false)
    })
}

/// `"63072000s"`: whole seconds.
fn lifetime_secs(text: &str) -> Option<i64> {
    text.strip_suffix('s')?.parse().ok().filter(|s| *s > 0)
}

async fn create_secret(
    State(state): State<AppState>,
    Path((_, sp)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let mut fields = parse_body(&body)?;
    fields.reject_unknown(&["lifetime", "scopes"]);
    let lifetime = fields.string("lifetime");
    let scopes = fields.strings("scopes").unwrap_or_default();
    let secs = match lifetime.as_deref() {
        None => DEFAULT_LIFETIME_SECS,
        Some(text) => lifetime_secs(text).unwrap_or_else(|| {
            fields.report(
                "lifetime",
                ProblemKind::Invalid("must be a duration in seconds, such as \"3600s\"".into()),
            );
            0
        }),
    };
    done(fields)?;
    state.with(|store| {
        let id = store.ids.hex(8);
        let secret = format!("dose{}", store.ids.hex(32));
        let hash = store.ids.hex(8);
        let db = db(store);
        let sp = service_principal(db, &sp)?;
        if db
            .secrets
            .iter()
            .filter(|s| s.service_principal_id == sp)
            .count()
            >= MAX_SECRETS
        {
            return Err(DatabricksError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_STATE",
                format!(
                    "Service principal {sp} already has the maximum of {MAX_SECRETS} OAuth secrets."
                ),
            ));
        }
        let now_ms = clock::now_ms();
        let record = SpSecret {
            service_principal_id: sp,
            id,
            secret_hash: hash,
            scopes,
            create_time: clock::rfc3339(now_ms),
            expire_time: Some(clock::rfc3339(
                now_ms.saturating_add(secs.saturating_mul(1000)),
            )),
        };
        let mut out = record.to_json();
        if let Value::Object(map) = &mut out {
            // The only response that ever carries the secret.
            map.insert("secret".into(), json!(secret));
        }
        db.secrets.push(record);
        Ok(Json(out).into_response())
    })
}

async fn delete_secret(
    State(state): State<AppState>,
    Path((_, sp, id)): Path<(String, String, String)>,
) -> Reply {
    state.with(|store| {
        let db = db(store);
        let sp = service_principal(db, &sp)?;
        let before = db.secrets.len();
        db.secrets
            .retain(|s| !(s.service_principal_id == sp && s.id == id));
        if db.secrets.len() == before {
            return Err(DatabricksError::not_found("Secret", &id));
        }
        Ok(empty())
    })
}

// ---- federation policies ------------------------------------------------------------------------------

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

// ---- OAuth M2M token endpoint ------------------------------------------------------------------------

/// The OAuth error body (`{error, error_description}`) the token endpoint answers with.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// `POST /oidc/accounts/{account}/v1/token`: `grant_type=client_credentials`,
/// `scope=all-apis`, the client id and secret as HTTP Basic.
async fn issue_token(
    State(state): State<AppState>,
    Path(account): Path<String>,
    request: Request,
) -> Response {
    let basic = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .map(str::to_owned);
    let Ok(body) = axum::body::to_bytes(request.into_body(), 64 * 1024).await else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "unreadable body",
        );
    };
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if account != ACCOUNT_ID {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "unknown account",
        );
    }
    if field("grant_type") != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let scope = field("scope").unwrap_or_default();
    if !scope.split(' ').any(|s| s == "all-apis") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "scope must include all-apis",
        );
    }
    let expected = format!("{M2M_CLIENT_ID}:{M2M_SECRET}");
    if basic.as_deref().and_then(paging::base64_decode).as_deref() != Some(expected.as_bytes()) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed",
        );
    }
    let token = state.with(|store| {
        let token = format!("dbx-oauth-{}", store.ids.alphanumeric(40));
        db(store).issued_tokens.push(token.clone());
        token
    });
    Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME_SECS,
        "scope": "all-apis",
    }))
    .into_response()
}
