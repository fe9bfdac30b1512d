//! Service-principal OAuth secrets, at most five each.

use super::*;

/// The service principal in a path: an existing one's numeric id.
pub fn service_principal(store: &Store, sp: &str) -> Result<u64, DatabricksError> {
    sp.parse::<u64>()
        .ok()
        .filter(|id| store.service_principals.contains(id))
        .ok_or_else(|| DatabricksError::not_found("Service principal", sp))
}

pub async fn list_secrets(
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

pub async fn create_secret(
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

pub async fn delete_secret(
    State(state): State<AppState>,
    Path((_, sp, id)): Path<(String, String, String)>,
) -> Reply {
    state.with(|store| {
        let db = db(store);
        let sp = service_principal(db, &sp)?;
        let mine = |s: &SpSecret| s.service_principal_id == sp && s.id == id;
        remove(&mut db.secrets, mine, "Secret", &id)
    })
}
