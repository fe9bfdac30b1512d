//! The provider table, and what every emulated provider implements.
//!
//! Each provider lives in its own folder under `src/` and is named once, in
//! `table!` below. Everything provider-specific outside those folders is
//! derived from that list: the routes, which provider owns a path, the error
//! body for a bare status, extra response headers, the CORS and redaction
//! header lists, the per-provider state with its reset, token revocation and
//! the credentials summary.

use std::fmt::Debug;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Value, json};

use crate::state::AppState;

/// A provider's HTTP surface. Each provider folder defines a unit struct
/// `Module` implementing it. `Sync` because middleware holds a reference to
/// the owning provider across an await.
pub trait ProviderModule: Sync {
    /// Display name, e.g. `Cloudflare`; lower-cased in the credentials summary.
    fn name(&self) -> &'static str;

    /// The base paths the provider owns. Most own one; a provider whose token
    /// endpoint sits outside its API's base path owns two.
    fn prefixes(&self) -> &'static [&'static str];

    /// Its routes, under full paths, each with the provider's own
    /// authentication.
    fn routes(&self, state: &AppState) -> Router<AppState>;

    /// What its routes accept, for `--help` and the start-up banner.
    fn credentials(&self) -> String;

    /// Its own error body for a status with no more specific cause: injected
    /// faults, unknown routes and wrong methods.
    fn error(&self, status: StatusCode, message: &str) -> Response;

    /// `(name, value)` pairs the real service puts on every response, faults
    /// included. Names must be lower case.
    fn response_headers(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// Request headers besides `Authorization` and `Content-Type` that its
    /// clients send, which a browser page must be allowed to send (CORS).
    fn request_headers(&self) -> &'static [&'static str] {
        &[]
    }

    /// Request headers besides `Authorization` and `Cookie` whose values are
    /// credentials, redacted in the request log. Lower case.
    fn secret_headers(&self) -> &'static [&'static str] {
        &[]
    }
}

/// A provider's state. Each provider folder defines a `Store` implementing it.
pub trait ProviderStore: Debug + Send + Sized {
    /// The seed data, at start-up and after every reset.
    fn seeded() -> Self;

    /// Forgets every access token the provider's token endpoint issued, so
    /// the next request with one gets the provider's 401. Providers without a
    /// token endpoint keep the default, which does nothing.
    fn revoke_tokens(&mut self) {}
}

/// Builds the table from folder names: each `name` is a module `crate::name`
/// with a `Module` and a `Store`, and becomes the field `Stores::name`.
macro_rules! table {
    ($($name:ident),+ $(,)?) => {
        /// Every provider's state, one typed field per provider.
        #[derive(Debug)]
        pub struct Stores {
            $(pub $name: crate::$name::Store,)+
        }

        impl Stores {
            pub fn seeded() -> Self {
                Self { $($name: ProviderStore::seeded(),)+ }
            }

            pub fn revoke_tokens(&mut self) {
                $(self.$name.revoke_tokens();)+
            }
        }

        /// In the order the credentials summary and usage text list them.
        pub const PROVIDERS: &[&dyn ProviderModule] = &[$(&crate::$name::Module),+];
    };
}

// Adding a provider: a folder under src/, `mod` in lib.rs, its name here.
table![cloudflare, clerk, atlan, sailpoint, databricks, rfc7591];

/// Every provider's routes, merged.
pub fn routes(state: &AppState) -> Router<AppState> {
    PROVIDERS.iter().fold(Router::new(), |router, provider| {
        router.merge(provider.routes(state))
    })
}

/// The provider that owns `path`: one of its prefixes, then nothing or `/`.
pub fn from_path(path: &str) -> Option<&'static dyn ProviderModule> {
    PROVIDERS.iter().copied().find(|provider| {
        provider
            .prefixes()
            .iter()
            .any(|prefix| is_under(path, prefix))
    })
}

fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// An error in the format of whichever provider owns `path`, or a plain JSON
/// error for paths outside every provider.
pub fn error_for_path(path: &str, status: StatusCode, message: &str) -> Response {
    match from_path(path) {
        Some(provider) => provider.error(status, message),
        None => (status, Json(json!({ "error": message }))).into_response(),
    }
}

pub async fn no_route(uri: Uri) -> Response {
    error_for_path(uri.path(), StatusCode::NOT_FOUND, "No route for the URI")
}

pub async fn wrong_method(method: Method, uri: Uri) -> Response {
    let message = format!("Method {method} is not allowed on this route");
    error_for_path(uri.path(), StatusCode::METHOD_NOT_ALLOWED, &message)
}

/// Headers a provider states on every API response (Cloudflare's rate-limit
/// policy), faults included, so this sits outside the fault layer.
pub async fn provider_headers(request: Request, next: Next) -> Response {
    let provider = from_path(request.uri().path());
    let mut response = next.run(request).await;
    if let Some(provider) = provider {
        let headers = response.headers_mut();
        for (name, value) in provider.response_headers() {
            // Static data, checked by a unit test; a bad entry is skipped
            // rather than taking every request down.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.insert(name, value);
            }
        }
    }
    response
}

/// A record serialised with one extra key, for the create/rotate responses
/// that are the only ones allowed to carry a secret.
pub fn with_field(record: &impl Serialize, key: &str, value: Value) -> Value {
    let mut json = serde_json::to_value(record).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut json {
        map.insert(key.to_owned(), value);
    }
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(path: &str) -> Option<&'static str> {
        from_path(path).map(|provider| provider.name())
    }

    #[test]
    fn paths_map_to_providers() {
        assert_eq!(owner("/client/v4/oauth/scopes"), Some("Cloudflare"));
        assert_eq!(owner("/v1/oauth_applications"), Some("Clerk"));
        assert_eq!(owner("/api/service/roles"), Some("Atlan"));
        assert_eq!(owner("/v10/x"), None);
        assert_eq!(owner("/__emulator/reset"), None);
    }

    #[test]
    fn table_entries_are_well_formed() {
        let mut prefixes = Vec::new();
        for provider in PROVIDERS {
            for (name, value) in provider.response_headers() {
                assert!(
                    HeaderName::from_bytes(name.as_bytes()).is_ok()
                        && name.bytes().all(|b| !b.is_ascii_uppercase())
                        && HeaderValue::from_str(value).is_ok(),
                    "{}: {name}: {value}",
                    provider.name()
                );
            }
            for name in provider
                .request_headers()
                .iter()
                .chain(provider.secret_headers())
            {
                assert!(name.bytes().all(|b| !b.is_ascii_uppercase()), "{name}");
            }
            prefixes.extend(provider.prefixes().iter().copied());
        }
        // Overlapping prefixes would make the owner of a path depend on the
        // order of the table.
        for (i, a) in prefixes.iter().enumerate() {
            for (j, b) in prefixes.iter().enumerate() {
                assert!(i == j || !is_under(a, b), "{a} is under {b}");
            }
        }
    }
}
