//! Federation policies, account-wide (`sp = None`) or a service principal's,
//! with `update_mask` semantics: the masked paths are copied from the body
//! (absent there: cleared), `*` replaces everything, no mask overwrites the
//! fields the body sets.

use axum::Json;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde_json::{Map, Value, json};

use super::errors::DatabricksError;
use super::records::{Int64As, Policy};
use super::secrets::service_principal;
use super::{Reply, db, done, now, object, parse_body, raw_object};
use crate::body::{Fields, ProblemKind};
use crate::query::Params;
use crate::state::AppState;

const OIDC_FIELDS: [&str; 6] = [
    "issuer",
    "audiences",
    "subject",
    "subject_claim",
    "jwks_uri",
    "jwks_json",
];

fn scope(store: &super::Store, sp: Option<&str>) -> Result<Option<u64>, DatabricksError> {
    sp.map(|sp| service_principal(store, sp)).transpose()
}

pub fn list(state: &AppState, sp: Option<&str>, params: &Params) -> Reply {
    state.with(|store| {
        let db = db(store);
        let sp = scope(db, sp)?;
        let items = db
            .policies
            .iter()
            .filter(|p| p.service_principal_id == sp)
            .map(|p| p.to_json(Int64As::Number))
            .collect();
        super::paging::page("policies", items, params, false)
    })
}

fn find<'a>(
    policies: &'a mut [Policy],
    sp: Option<u64>,
    id: &str,
) -> Result<&'a mut Policy, DatabricksError> {
    policies
        .iter_mut()
        .find(|p| p.service_principal_id == sp && p.policy_id == id)
        .ok_or_else(|| DatabricksError::not_found("Federation policy", id))
}

pub fn read(state: &AppState, sp: Option<&str>, id: &str) -> Reply {
    state.with(|store| {
        let db = db(store);
        let sp = scope(db, sp)?;
        let policy = find(&mut db.policies, sp, id)?;
        Ok(Json(policy.to_json(Int64As::Text)).into_response())
    })
}

/// Checks an `oidc_policy` object: known fields, URLs, JSON keys.
fn check_oidc(fields: &mut Fields, oidc: &Value) {
    let Value::Object(map) = oidc else { return };
    for (key, value) in map {
        let problem = if !OIDC_FIELDS.contains(&key.as_str()) {
            Some(ProblemKind::Unknown)
        } else if key == "audiences" {
            (!value
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string)))
            .then_some(ProblemKind::WrongType("an array of strings"))
        } else if !value.is_string() {
            Some(ProblemKind::WrongType("a string"))
        } else if (key == "issuer" || key == "jwks_uri")
            && !value.as_str().is_some_and(super::is_absolute_url)
        {
            Some(ProblemKind::Invalid("must be an absolute URL".into()))
        } else if key == "jwks_json"
            && value
                .as_str()
                .is_none_or(|text| serde_json::from_str::<Value>(text).is_err())
        {
            Some(ProblemKind::Invalid("must be JSON".into()))
        } else {
            None
        };
        if let Some(kind) = problem {
            fields.report(&format!("oidc_policy.{key}"), kind);
        }
    }
}

fn read_body(body: &[u8]) -> Result<(Option<String>, Option<Value>), DatabricksError> {
    let raw = raw_object(body);
    let mut fields = parse_body(body)?;
    // The output-only fields may be echoed back; they are ignored.
    fields.reject_unknown(&[
        "description",
        "oidc_policy",
        "name",
        "policy_id",
        "uid",
        "create_time",
        "update_time",
        "service_principal_id",
    ]);
    let description = fields.string("description");
    let oidc = object(&mut fields, &raw, "oidc_policy");
    if let Some(oidc) = &oidc {
        check_oidc(&mut fields, oidc);
    }
    done(fields)?;
    Ok((description, oidc))
}

fn valid_policy_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/')
}

pub fn create(state: &AppState, sp: Option<&str>, params: &Params, body: &[u8]) -> Reply {
    let (description, oidc) = read_body(body)?;
    if oidc.as_ref().and_then(|o| o.get("issuer")).is_none() {
        return Err(DatabricksError::invalid("oidc_policy.issuer is required"));
    }
    let wanted = params.first("policy_id").map(str::to_owned);
    if wanted.as_deref().is_some_and(|id| !valid_policy_id(id)) {
        return Err(DatabricksError::invalid(
            "policy_id may contain only lowercase letters, digits, '-' and '/'",
        ));
    }
    state.with(|store| {
        let generated = store.ids.hex(12);
        let uid = store.ids.uuid();
        let db = db(store);
        let sp_id = scope(db, sp)?;
        let policy_id = wanted.unwrap_or(generated);
        if db
            .policies
            .iter()
            .any(|p| p.service_principal_id == sp_id && p.policy_id == policy_id)
        {
            return Err(DatabricksError::new(
                StatusCode::CONFLICT,
                "ALREADY_EXISTS",
                format!("Federation policy {policy_id} already exists"),
            ));
        }
        let account = super::seed::ACCOUNT_ID;
        let name = match sp_id {
            Some(sp) => {
                format!("accounts/{account}/servicePrincipals/{sp}/federationPolicies/{policy_id}")
            }
            None => format!("accounts/{account}/federationPolicies/{policy_id}"),
        };
        let time = now();
        let policy = Policy {
            service_principal_id: sp_id,
            policy_id,
            name,
            uid,
            description,
            oidc_policy: oidc,
            create_time: time.clone(),
            update_time: time,
        };
        let out = policy.to_json(Int64As::Text);
        db.policies.push(policy);
        Ok(Json(out).into_response())
    })
}

/// Sets `path` (`a` or `a.b`) of `target` from `source`; absent there: removed.
fn copy_path(target: &mut Map<String, Value>, source: &Map<String, Value>, path: &str) {
    match path.split_once('.') {
        None => match source.get(path) {
            Some(value) => {
                target.insert(path.to_owned(), value.clone());
            }
            None => {
                target.remove(path);
            }
        },
        Some((head, rest)) => {
            let empty = Map::new();
            let inner_source = source
                .get(head)
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            let entry = target.entry(head.to_owned()).or_insert_with(|| json!({}));
            if !entry.is_object() {
                *entry = json!({});
            }
            if let Value::Object(inner) = entry {
                copy_path(inner, inner_source, rest);
            }
        }
    }
}

fn valid_path(path: &str) -> bool {
    match path.split_once('.') {
        None => path == "description" || path == "oidc_policy",
        Some(("oidc_policy", field)) => OIDC_FIELDS.contains(&field),
        Some(_) => false,
    }
}

pub fn update(state: &AppState, sp: Option<&str>, id: &str, params: &Params, body: &[u8]) -> Reply {
    let (description, oidc) = read_body(body)?;
    let mut source = Map::new();
    if let Some(d) = description {
        source.insert("description".into(), json!(d));
    }
    if let Some(o) = oidc {
        source.insert("oidc_policy".into(), o);
    }
    let mask: Vec<String> = match params.first("update_mask") {
        None => source.keys().cloned().collect(),
        Some("*") => vec!["description".into(), "oidc_policy".into()],
        Some(mask) => {
            let paths: Vec<String> = mask.split(',').map(str::to_owned).collect();
            if let Some(bad) = paths.iter().find(|p| !valid_path(p)) {
                return Err(DatabricksError::invalid(format!(
                    "update_mask: {bad} is not a field of FederationPolicy"
                )));
            }
            paths
        }
    };
    state.with(|store| {
        let db = db(store);
        let sp_id = scope(db, sp)?;
        let policy = find(&mut db.policies, sp_id, id)?;
        let mut current = Map::new();
        if let Some(d) = &policy.description {
            current.insert("description".into(), json!(d));
        }
        if let Some(o) = &policy.oidc_policy {
            current.insert("oidc_policy".into(), o.clone());
        }
        for path in &mask {
            copy_path(&mut current, &source, path);
        }
        policy.description = current
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        policy.oidc_policy = current.get("oidc_policy").cloned();
        policy.update_time = now();
        Ok(Json(policy.to_json(Int64As::Text)).into_response())
    })
}

pub fn delete(state: &AppState, sp: Option<&str>, id: &str) -> Reply {
    state.with(|store| {
        let db = db(store);
        let sp_id = scope(db, sp)?;
        let mine = |p: &Policy| p.service_principal_id == sp_id && p.policy_id == id;
        super::remove(&mut db.policies, mine, "Federation policy", id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_copy_nested_paths_and_clear_absent_ones() {
        let mut target = json!({"description": "old", "oidc_policy": {"issuer": "https://a", "audiences": ["x"]}})
            .as_object()
            .cloned()
            .unwrap_or_default();
        let source = json!({"oidc_policy": {"audiences": ["y"]}})
            .as_object()
            .cloned()
            .unwrap_or_default();
        copy_path(&mut target, &source, "oidc_policy.audiences");
        copy_path(&mut target, &source, "description");
        assert_eq!(
            Value::Object(target),
            json!({"oidc_policy": {"issuer": "https://a", "audiences": ["y"]}})
        );
        assert!(
            valid_path("oidc_policy.jwks_uri")
                && !valid_path("oidc_policy.nope")
                && !valid_path("uid")
        );
    }
}
