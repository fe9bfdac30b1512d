//! Clerk Backend API OAuth applications under `/v1`.

mod application;
mod errors;
mod seed;

use std::cmp::Ordering;
use std::ops::RangeInclusive;

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::clock;
use crate::credentials::bearer;
use crate::ids::IdGen;
use crate::provider::{ProviderModule, ProviderStore, with_field};
use crate::query::Params;
use crate::state::AppState;
use application::{Mode, OAuthApplication};
use errors::ClerkError;

const PREFIX: &str = "/v1";
const SECRET_KEY: &str = "sk_test_emulator";

const APPS: &str = "/v1/oauth_applications";
const APP: &str = "/v1/oauth_applications/{id}";
const ROTATE: &str = "/v1/oauth_applications/{id}/rotate_secret";
const DEFAULT_LIMIT: u64 = 10;
const MAX_LIMIT: u64 = 500;
/// Clerk's own lengths: `oauth_app_` + 27 characters, 16-character client ids.
const ID_LEN: usize = 27;
const CLIENT_ID_LEN: usize = 16;
const SECRET_LEN: usize = 32;

#[derive(Debug)]
pub struct Store {
    applications: Vec<OAuthApplication>,
}

impl ProviderStore for Store {
    fn seeded() -> Self {
        Self {
            applications: seed::applications(),
        }
    }
}

pub struct Module;

impl ProviderModule for Module {
    fn name(&self) -> &'static str {
        "Clerk"
    }

    fn prefixes(&self) -> &'static [&'static str] {
        &[PREFIX]
    }

    fn routes(&self, _: &AppState) -> Router<AppState> {
        Router::new()
            .route(APPS, get(list).post(create))
            .route(APP, get(read).patch(update).delete(remove))
            .route(ROTATE, post(rotate))
            .route_layer(from_fn(authenticate))
    }

    fn credentials(&self) -> String {
        format!("Authorization: Bearer {SECRET_KEY} + Clerk-API-Version: YYYY-MM-DD")
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        errors::error_response(status, message)
    }

    fn request_headers(&self) -> &'static [&'static str] {
        &["clerk-api-version"]
    }
}

/// `YYYY-MM-DD`: any date is accepted, as every spec version has the same
/// OAuth-application schema.
fn has_api_version(headers: &HeaderMap) -> bool {
    let Some(version) = headers
        .get("clerk-api-version")
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let bytes = version.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

async fn authenticate(request: Request, next: Next) -> Response {
    if bearer(request.headers()) != Some(SECRET_KEY) {
        ClerkError::unauthorized().into_response()
    } else if !has_api_version(request.headers()) {
        ClerkError::bad_version().into_response()
    } else {
        next.run(request).await
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortKey {
    CreatedAt,
    Name,
}

/// `order_by`: `created_at` or `name`, optionally prefixed with `+` or `-`.
/// A leading space is read as `+`, since an unencoded `+` in a query string
/// decodes to a space and Clerk's clients commonly send it that way.
fn parse_order(order_by: &str) -> Result<(SortKey, bool), ClerkError> {
    let (descending, field) = match order_by.as_bytes().first() {
        Some(b'-') => (true, &order_by[1..]),
        Some(b'+' | b' ') => (false, &order_by[1..]),
        _ => (false, order_by),
    };
    let key = match field {
        "created_at" => SortKey::CreatedAt,
        "name" => SortKey::Name,
        _ => {
            return Err(ClerkError::query_param(
                "order_by",
                format!(
                    "\"{order_by}\" is not supported; use created_at or name with an optional + or - prefix"
                ),
            ));
        }
    };
    Ok((key, descending))
}

fn compare(key: SortKey, a: &OAuthApplication, b: &OAuthApplication) -> Ordering {
    let primary = match key {
        SortKey::CreatedAt => a.created_at.cmp(&b.created_at),
        SortKey::Name => a.name.cmp(&b.name),
    };
    primary.then_with(|| a.id.cmp(&b.id))
}

fn count_param(
    params: &Params,
    name: &str,
    default: u64,
    range: RangeInclusive<u64>,
) -> Result<usize, ClerkError> {
    let invalid = || {
        let reason = format!(
            "{name} must be an integer between {} and {}",
            range.start(),
            range.end()
        );
        ClerkError::query_param(name, reason)
    };
    let value = params
        .count(name)
        .map_err(|_| invalid())?
        .unwrap_or(default);
    if !range.contains(&value) {
        return Err(invalid());
    }
    Ok(usize::try_from(value).unwrap_or(usize::MAX))
}

async fn list(State(state): State<AppState>, params: Params) -> Result<Response, ClerkError> {
    let limit = count_param(&params, "limit", DEFAULT_LIMIT, 1..=MAX_LIMIT)?;
    let offset = count_param(&params, "offset", 0, 0..=u64::MAX)?;
    let (key, descending) = parse_order(params.first("order_by").unwrap_or("+created_at"))?;
    let query = params
        .first("name_query")
        .map(str::trim)
        .filter(|q| !q.is_empty());
    Ok(state.with(|store| {
        let mut matching: Vec<&OAuthApplication> = store
            .providers
            .clerk
            .applications
            .iter()
            .filter(|app| query.is_none_or(|q| app.matches_query(q)))
            .collect();
        matching.sort_by(|a, b| {
            if descending {
                compare(key, b, a)
            } else {
                compare(key, a, b)
            }
        });
        let total_count = matching.len();
        let data: Vec<&OAuthApplication> = matching.into_iter().skip(offset).take(limit).collect();
        Json(json!({ "data": data, "total_count": total_count })).into_response()
    }))
}

fn with_secret(app: &OAuthApplication) -> Response {
    Json(with_field(
        app,
        "client_secret",
        json!(app.visible_secret()),
    ))
    .into_response()
}

async fn create(State(state): State<AppState>, body: Bytes) -> Result<Response, ClerkError> {
    state.with(|store| {
        let ids = &mut store.ids;
        let now = clock::now_ms();
        let mut app = OAuthApplication::new(
            format!("oauth_app_{}", ids.alphanumeric(ID_LEN)),
            ids.alphanumeric(CLIENT_ID_LEN),
            ids.alphanumeric(SECRET_LEN),
            now,
        );
        application::merge(&body, Mode::Create, &mut app, now)?;
        let response = with_secret(&app);
        store.providers.clerk.applications.push(app);
        Ok(response)
    })
}

/// Runs `action` on one application, or answers 404.
fn with_application(
    state: &AppState,
    id: &str,
    action: impl FnOnce(&mut OAuthApplication, &mut IdGen) -> Result<Response, ClerkError>,
) -> Result<Response, ClerkError> {
    state.with(|store| {
        let app = store
            .providers
            .clerk
            .applications
            .iter_mut()
            .find(|app| app.id == id)
            .ok_or_else(ClerkError::not_found)?;
        action(app, &mut store.ids)
    })
}

async fn read(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ClerkError> {
    with_application(&state, &id, |app, _| Ok(Json(&*app).into_response()))
}

async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ClerkError> {
    with_application(&state, &id, |app, _| {
        application::merge(&body, Mode::Update, app, clock::now_ms())?;
        Ok(Json(&*app).into_response())
    })
}

async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ClerkError> {
    state.with(|store| {
        let apps = &mut store.providers.clerk.applications;
        let index = apps
            .iter()
            .position(|app| app.id == id)
            .ok_or_else(ClerkError::not_found)?;
        apps.remove(index);
        Ok(
            Json(json!({ "object": "oauth_application", "id": id, "deleted": true }))
                .into_response(),
        )
    })
}

/// No grace period: the old secret stops working at once (spec wording).
async fn rotate(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ClerkError> {
    with_application(&state, &id, |app, ids| {
        app.secret = ids.alphanumeric(SECRET_LEN);
        app.updated_at = clock::now_ms();
        Ok(with_secret(app))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_forms() {
        assert_eq!(
            parse_order("created_at").ok(),
            Some((SortKey::CreatedAt, false))
        );
        assert_eq!(parse_order("+name").ok(), Some((SortKey::Name, false)));
        assert_eq!(parse_order(" name").ok(), Some((SortKey::Name, false)));
        assert_eq!(
            parse_order("-created_at").ok(),
            Some((SortKey::CreatedAt, true))
        );
        assert!(parse_order("updated_at").is_err());
        assert!(parse_order("--name").is_err());
    }

    #[test]
    fn api_version_shape() {
        let mut headers = HeaderMap::new();
        assert!(!has_api_version(&headers));
        for (value, ok) in [
            ("2025-11-10", true),
            ("2025-1-10", false),
            ("latest", false),
        ] {
            headers.insert("clerk-api-version", value.parse().expect("header"));
            assert_eq!(has_api_version(&headers), ok, "{value}");
        }
    }
}
