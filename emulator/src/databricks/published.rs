//! The published app catalogue and the published app integrations.

use super::*;

pub async fn list_published_apps(params: Params) -> Reply {
    let apps = seed::PUBLISHED_APPS
        .iter()
        .map(|app| app.to_json())
        .collect();
    paging::page("apps", apps, &params, false)
}

pub async fn list_published(State(state): State<AppState>, params: Params) -> Reply {
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

pub async fn read_published(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
) -> Reply {
    state.with(|store| {
        let item = find_published(&mut db(store).published, &id)?;
        Ok(Json(item.to_json(Int64As::Text)).into_response())
    })
}

pub async fn create_published(State(state): State<AppState>, body: Bytes) -> Reply {
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

pub async fn update_published(
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

pub async fn delete_published(
    State(state): State<AppState>,
    Path((_, id)): Path<(String, String)>,
) -> Reply {
    state.with(|store| {
        let items = &mut db(store).published;
        remove(
            items,
            |p| p.integration_id == id,
            "Published app integration",
            &id,
        )
    })
}
