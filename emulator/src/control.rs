//! The test hooks under `/__emulator/`: reset, fault injection, the request
//! log and token revocation. They need no credentials and are never faulted
//! or logged. Who may call them from a browser is decided in `cors.rs`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::faults::Fault;
use crate::state::AppState;

pub const PREFIX: &str = "/__emulator";

/// Whether `path` is a hook (or an unknown path under the hooks' prefix).
pub fn is_hook(path: &str) -> bool {
    path.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

pub fn routes() -> Router<AppState> {
    let hooks = Router::new()
        .route("/reset", post(reset))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/tokens", delete(revoke_tokens))
        .fallback(unknown_hook);
    Router::new().nest(PREFIX, hooks)
}

async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

async fn list_faults(State(state): State<AppState>) -> Response {
    Json(state.with(|store| store.faults.pending().to_vec())).into_response()
}

async fn add_fault(State(state): State<AppState>, body: Bytes) -> Response {
    match Fault::parse(&body) {
        Ok(fault) => {
            state.with(|store| store.faults.push(fault));
            StatusCode::NO_CONTENT.into_response()
        }
        Err(message) => bad_request(&message),
    }
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.with(|store| store.faults.clear());
    StatusCode::NO_CONTENT
}

async fn list_requests(State(state): State<AppState>) -> Response {
    Json(state.with(|store| store.journal.entries())).into_response()
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.with(|store| store.journal.clear());
    StatusCode::NO_CONTENT
}

/// Lets a test prove that a client fetches a new token after a 401 and
/// retries, without waiting for a token to expire.
async fn revoke_tokens(State(state): State<AppState>) -> StatusCode {
    state.revoke_tokens();
    StatusCode::NO_CONTENT
}

async fn unknown_hook() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "error": "unknown emulator hook" })),
    )
        .into_response()
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}
