//! Custom OAuth app integrations.

use super::*;

pub async fn list_apps(State(state): State<AppState>, params: Params) -> Reply {
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

pub async fn read_app(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
) -> Reply {
    state.with(|store| {
        let app = find_app(&mut db(store).apps, &id)?;
        Ok(Json(app.to_json(Int64As::Text, false)).into_response())
    })
}

pub async fn create_app(State(state): State<AppState>, body: Bytes) -> Reply {
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

pub async fn update_app(
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

pub async fn delete_app(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
) -> Reply {
    state.with(|store| {
        let apps = &mut db(store).apps;
        remove(
            apps,
            |app| app.integration_id == id,
            "Custom app integration",
            &id,
        )
    })
}
