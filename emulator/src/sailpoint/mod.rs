//! SailPoint Identity Security Cloud API clients under every API version's
//! prefix (`/beta`, `/v3`, `/v2024`, `/v2025`, `/v2026`: the same contract),
//! and the tenant's `POST /oauth/token`.

mod client;
mod errors;
mod filter;
mod seed;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::clock;
use crate::credentials::bearer;
use crate::provider::{ProviderModule, ProviderStore};
use crate::query::Params;
use crate::state::AppState;
use client::ApiClient;
use errors::SailPointError;
use filter::Filter;

const VERSIONS: [&str; 5] = ["beta", "v3", "v2024", "v2025", "v2026"];
const PREFIXES: &[&str] = &["/beta", "/v3", "/v2024", "/v2025", "/v2026", TOKEN_PATH];
const TOKEN_PATH: &str = "/oauth/token";
/// A user-context token that never expires.
const TOKEN: &str = "sailpoint-emulator-token";
/// The seeded personal access token.
const PAT_ID: &str = "sailpoint-emulator-pat";
const PAT_SECRET: &str = "sailpoint-emulator-pat-secret";
/// Lifetime of tokens issued to the personal access token.
const PAT_TOKEN_SECONDS: i64 = 720;

/// Who a token speaks for: `userAuth` (a personal access token) may do
/// everything; `applicationAuth` (an API client) only `GET /oauth-clients/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    User,
    Application,
}

#[derive(Debug)]
struct Issued {
    token: String,
    expires_at_ms: i64,
    context: Context,
}

#[derive(Debug)]
pub struct Store {
    clients: Vec<ApiClient>,
    issued: Vec<Issued>,
}

impl ProviderStore for Store {
    fn seeded() -> Self {
        Self {
            clients: seed::clients(),
            issued: Vec::new(),
        }
    }

    fn revoke_tokens(&mut self) {
        self.issued.clear();
    }
}

impl Store {
    fn context(&self, token: &str, now_ms: i64) -> Result<Context, SailPointError> {
        let issued = self
            .issued
            .iter()
            .find(|i| i.token == token)
            .ok_or_else(SailPointError::bad_token)?;
        if issued.expires_at_ms <= now_ms {
            return Err(SailPointError::expired());
        }
        Ok(issued.context)
    }

    fn find(&mut self, id: &str) -> Result<&mut ApiClient, SailPointError> {
        self.clients
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| SailPointError::not_found(id))
    }
}

pub struct Module;

impl ProviderModule for Module {
    fn name(&self) -> &'static str {
        "SailPoint"
    }

    fn prefixes(&self) -> &'static [&'static str] {
        PREFIXES
    }

    fn routes(&self, state: &AppState) -> Router<AppState> {
        VERSIONS
            .iter()
            .fold(Router::new(), |router, version| {
                router
                    .route(&format!("/{version}/oauth-clients"), get(list).post(create))
                    .route(
                        &format!("/{version}/oauth-clients/{{id}}"),
                        get(read).patch(update).delete(remove),
                    )
            })
            .route_layer(from_fn_with_state(state.clone(), authenticate))
            // Added after the auth layer: the token endpoint is how a caller gets a token.
            .route(TOKEN_PATH, post(issue_token))
    }

    fn credentials(&self) -> String {
        format!(
            "Authorization: Bearer {TOKEN}, or a token from POST {TOKEN_PATH} \
             (client_id {PAT_ID}, client_secret {PAT_SECRET}, or an API client's)"
        )
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        errors::error_response(status, message)
    }
}

async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let context = match bearer(request.headers()) {
        Some(TOKEN) => Ok(Context::User),
        Some(token) => {
            state.with(|store| store.providers.sailpoint.context(token, clock::now_ms()))
        }
        None => Err(SailPointError::bad_token()),
    };
    // `/{version}/oauth-clients/{id}`: four segments with the leading empty one.
    let get_one = request.method() == Method::GET
        && request
            .uri()
            .path()
            .trim_end_matches('/')
            .split('/')
            .count()
            == 4;
    match context {
        Ok(Context::Application) if !get_one => SailPointError::forbidden(
            "an API client's token may only read a client; use a personal access token",
        )
        .into_response(),
        Ok(_) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn list(State(state): State<AppState>, params: Params) -> Result<Response, SailPointError> {
    let filter = params
        .first("filters")
        .map(Filter::parse)
        .transpose()
        .map_err(|reason| SailPointError::bad_request(vec![reason]))?;
    state.with(|store| {
        let clients: Vec<&ApiClient> = store
            .providers
            .sailpoint
            .clients
            .iter()
            .filter(|c| filter.as_ref().is_none_or(|f| f.matches(c)))
            .collect();
        Ok(Json(clients).into_response())
    })
}

async fn create(State(state): State<AppState>, body: Bytes) -> Result<Response, SailPointError> {
    state.with(|store| {
        let now = clock::rfc3339(clock::now_ms());
        let blank = ApiClient {
            id: store.ids.hex(32),
            secret: store.ids.hex(64),
            business_name: None,
            homepage_url: None,
            name: String::new(),
            description: None,
            access_token_validity_seconds: 0,
            refresh_token_validity_seconds: 0,
            redirect_uris: None,
            grant_types: Vec::new(),
            access_type: String::new(),
            client_type: "CONFIDENTIAL".into(),
            internal: false,
            enabled: false,
            strong_auth_supported: false,
            claims_supported: false,
            created: now.clone(),
            modified: now,
            scope: None,
            metadata: None,
            last_used: None,
        };
        let client = client::create(&body, blank).map_err(|p| SailPointError::problems(&p))?;
        // The only response that ever carries the secret.
        let response = Json(client.created_json()).into_response();
        store.providers.sailpoint.clients.push(client);
        Ok(response)
    })
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, SailPointError> {
    state.with(|store| Ok(Json(&*store.providers.sailpoint.find(&id)?).into_response()))
}

async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SailPointError> {
    let media_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !media_type.starts_with("application/json-patch+json") {
        return Err(SailPointError::bad_request(vec![format!(
            "Content-Type must be application/json-patch+json, not '{media_type}'"
        )]));
    }
    state.with(|store| {
        let current = store.providers.sailpoint.find(&id)?;
        let mut patched = client::patch(&body, current).map_err(SailPointError::bad_request)?;
        patched.modified = clock::rfc3339(clock::now_ms());
        *current = patched;
        Ok(Json(&*current).into_response())
    })
}

async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, SailPointError> {
    state.with(|store| {
        let clients = &mut store.providers.sailpoint.clients;
        let index = clients
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| SailPointError::not_found(&id))?;
        clients.remove(index);
        Ok(StatusCode::NO_CONTENT.into_response())
    })
}

/// An RFC 6749 §5.2 error from the token endpoint.
fn token_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// `POST /oauth/token`, `grant_type=client_credentials` with the `client_id`
/// and `client_secret` of the personal access token or of an enabled API
/// client with the `CLIENT_CREDENTIALS` grant. A token lives as long as its
/// client's `accessTokenValiditySeconds` (so a test can make one short), and
/// using an API client sets its `lastUsed`.
async fn issue_token(State(state): State<AppState>, body: Bytes) -> Response {
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    if field("grant_type") != Some("client_credentials") {
        return token_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Unsupported grant type",
        );
    }
    let (Some(id), Some(secret)) = (field("client_id"), field("client_secret")) else {
        return token_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Full authentication is required",
        );
    };
    state.with(|store| {
        let now = clock::now_ms();
        let sailpoint = &mut store.providers.sailpoint;
        let grant = if (id, secret) == (PAT_ID, PAT_SECRET) {
            Some((Context::User, PAT_TOKEN_SECONDS))
        } else {
            sailpoint
                .clients
                .iter_mut()
                .find(|c| c.id == id && c.secret == secret && c.enabled)
                .filter(|c| c.grants("CLIENT_CREDENTIALS"))
                .map(|c| {
                    c.last_used = Some(now);
                    (Context::Application, c.access_token_validity_seconds)
                })
        };
        let Some((context, lifetime)) = grant else {
            return token_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Bad credentials",
            );
        };
        let token = format!("sp-jwt-{}", store.ids.alphanumeric(40));
        store.providers.sailpoint.issued.push(Issued {
            token: token.clone(),
            expires_at_ms: now + lifetime * 1000,
            context,
        });
        Json(json!({
            "access_token": token,
            "token_type": "bearer",
            "expires_in": lifetime,
            "scope": "sp:scopes:all",
            "tenant_id": "5a11e8d0-0000-4000-8000-000000000001",
            "pod": "emulator",
            "org": "acme",
            "internal": false,
            "strong_auth_supported": false,
            "claims_supported": false,
            "jti": store.ids.uuid(),
        }))
        .into_response()
    })
}
