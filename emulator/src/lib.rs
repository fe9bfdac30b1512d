//! oauth-admin-emulator: a stateful, in-memory stand-in for the OAuth-client
//! APIs of Cloudflare, Clerk, Atlan and SailPoint, served on one local origin under the
//! real services' paths.
//!
//! Each wire format is encoded here from the provider references on its own,
//! sharing nothing with the oauth-admin library, so that the library's tests
//! catch its mistakes instead of repeating them.
//!
//! Each provider is a folder implementing `provider::ProviderModule` and
//! `provider::ProviderStore`, named once in the table in `provider.rs`.
//!
//! Request flow, outermost first: access log → CORS (which also decides who
//! may call the test hooks) → provider headers → request journal (secrets
//! redacted) → fault injection → per-provider authentication → handler.

mod access_log;
mod atlan;
mod body;
mod clerk;
mod clock;
mod cloudflare;
mod control;
mod cors;
pub mod credentials;
mod databricks;
mod faults;
mod ids;
mod journal;
mod provider;
mod query;
mod rfc7591;
mod sailpoint;
mod state;
mod urls;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};

pub use cors::AllowedOrigins;
pub use state::AppState;

/// Each provider's display name and base paths, in table order, for the
/// usage text.
pub fn providers() -> Vec<(&'static str, &'static [&'static str])> {
    provider::PROVIDERS
        .iter()
        .map(|provider| (provider.name(), provider.prefixes()))
        .collect()
}

/// The whole emulator as one router, ready for `axum::serve` or for driving
/// in-process with `tower::ServiceExt::oneshot` in tests. Its test hooks
/// answer only callers without an `Origin` and same-origin requests.
pub fn app(state: AppState) -> Router {
    app_allowing(state, AllowedOrigins::default())
}

/// [`app`], with test hooks that also answer pages on the `hook_origins`
/// (the demo page's origin, from `--allow-origin`).
pub fn app_allowing(state: AppState, hook_origins: AllowedOrigins) -> Router {
    Router::new()
        .merge(provider::routes(&state))
        .fallback(provider::no_route)
        .method_not_allowed_fallback(provider::wrong_method)
        .layer(from_fn_with_state(state.clone(), faults::inject))
        .layer(from_fn_with_state(state.clone(), journal::record))
        // Merged after the two layers above so the hooks are never faulted or journaled.
        .merge(control::routes())
        .layer(from_fn(provider::provider_headers))
        .layer(from_fn_with_state(hook_origins, cors::cors))
        .layer(from_fn(access_log::log))
        .with_state(state)
}
