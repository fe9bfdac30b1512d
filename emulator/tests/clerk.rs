mod common;

use axum::http::{Method, StatusCode};
use common::{CLERK_AUTH, CLERK_VERSION, Emulator};
use serde_json::{Value, json};

const HEADERS: [(&str, &str); 2] = [CLERK_AUTH, CLERK_VERSION];

fn names(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|a| a["name"].as_str().map(str::to_owned))
        .collect()
}

fn assert_clerk_error(body: &Value, code: &str) {
    assert_eq!(body["errors"][0]["code"], code, "{body}");
    assert!(
        body["errors"][0]["message"].is_string() && body["errors"][0]["long_message"].is_string()
    );
    assert!(body["clerk_trace_id"].is_string());
}

#[tokio::test]
async fn pages_through_all_seeded_applications() {
    let emulator = Emulator::new();
    let mut seen = Vec::new();
    for offset in [0, 10, 20] {
        let reply = emulator
            .get(
                &format!("/v1/oauth_applications?limit=10&offset={offset}"),
                &HEADERS,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.body["total_count"], 23);
        seen.extend(names(&reply.body));
    }
    assert_eq!(seen.len(), 23);
    assert_eq!(seen.first().map(String::as_str), Some("Zephyr Mobile"));
    let past_end = emulator
        .get("/v1/oauth_applications?offset=30", &HEADERS)
        .await;
    assert_eq!(
        (
            past_end.body["data"].clone(),
            past_end.body["total_count"].clone()
        ),
        (json!([]), json!(23))
    );
}

#[tokio::test]
async fn ordering_and_search() {
    let emulator = Emulator::new();
    let by_name = emulator
        .get("/v1/oauth_applications?order_by=%2Bname&limit=2", &HEADERS)
        .await;
    assert_eq!(names(&by_name.body), ["Acme Portal", "Billing Dashboard"]);
    let newest = emulator
        .get(
            "/v1/oauth_applications?order_by=-created_at&limit=1",
            &HEADERS,
        )
        .await;
    assert_eq!(names(&newest.body), ["Vertex Calendar"]);
    let search = emulator
        .get("/v1/oauth_applications?name_query=PORTAL", &HEADERS)
        .await;
    assert_eq!(
        (names(&search.body), search.body["total_count"].clone()),
        (vec!["Acme Portal".to_owned()], json!(1))
    );
    let by_client_id = emulator
        .get("/v1/oauth_applications?name_query=seed_client_05", &HEADERS)
        .await;
    assert_eq!(by_client_id.body["data"][0]["id"], "oauth_app_seed05");
    for bad in [
        "order_by=updated_at",
        "limit=0",
        "limit=501",
        "offset=-1",
        "limit=ten",
    ] {
        let reply = emulator
            .get(&format!("/v1/oauth_applications?{bad}"), &HEADERS)
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_clerk_error(&reply.body, "form_param_value_invalid");
    }
}

#[tokio::test]
async fn auth_and_version_header() {
    let emulator = Emulator::new();
    let unauthenticated = emulator
        .get("/v1/oauth_applications", &[CLERK_VERSION])
        .await;
    assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);
    assert_clerk_error(&unauthenticated.body, "authentication_invalid");
    let unversioned = emulator.get("/v1/oauth_applications", &[CLERK_AUTH]).await;
    assert_eq!(unversioned.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn lifecycle() {
    let emulator = Emulator::new();
    let body = json!({"name": "CLI", "redirect_uris": ["myapp://callback"], "scopes": "profile email private_metadata"});
    let created = emulator
        .send(Method::POST, "/v1/oauth_applications", &HEADERS, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let app = &created.body;
    assert_eq!(app["object"], "oauth_application");
    assert!(
        app["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("oauth_app_"))
    );
    assert!(app["client_secret"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(
        (
            app["consent_screen_enabled"].clone(),
            app["pkce_required"].clone()
        ),
        (json!(true), json!(false))
    );
    assert!(
        app["created_at"]
            .as_i64()
            .is_some_and(|ms| ms > 1_700_000_000_000)
    );
    let path = format!(
        "/v1/oauth_applications/{}",
        app["id"].as_str().unwrap_or_default()
    );

    let fetched = emulator.get(&path, &HEADERS).await;
    assert!(fetched.body.get("client_secret").is_none());
    let patched = emulator
        .send(
            Method::PATCH,
            &path,
            &HEADERS,
            Some(json!({"public": true})),
        )
        .await;
    assert_eq!(
        (patched.body["public"].clone(), patched.body["name"].clone()),
        (json!(true), json!("CLI"))
    );
    let rotated = emulator
        .send(
            Method::POST,
            &format!("{path}/rotate_secret"),
            &HEADERS,
            None,
        )
        .await;
    assert_eq!(
        rotated.body["client_secret"], "",
        "public clients have no secret"
    );
    let deleted = emulator.send(Method::DELETE, &path, &HEADERS, None).await;
    assert_eq!(
        deleted.body,
        json!({"object": "oauth_application", "id": app["id"], "deleted": true})
    );
    let gone = emulator.get(&path, &HEADERS).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_clerk_error(&gone.body, "resource_not_found");
}

#[tokio::test]
async fn rotation_replaces_the_secret() {
    let emulator = Emulator::new();
    let path = "/v1/oauth_applications/oauth_app_seed02/rotate_secret";
    let first = emulator.send(Method::POST, path, &HEADERS, None).await;
    let second = emulator.send(Method::POST, path, &HEADERS, None).await;
    assert_ne!(first.body["client_secret"], second.body["client_secret"]);
    assert_eq!(first.body["id"], "oauth_app_seed02");
}

#[tokio::test]
async fn body_validation_is_422() {
    let emulator = Emulator::new();
    let cases = [
        (json!({"redirect_uris": []}), "form_param_missing"),
        (
            json!({"name": "x", "scopes": "read,write"}),
            "form_param_value_invalid",
        ),
        (
            json!({"name": "x", "client_uri": "https://x"}),
            "form_param_unknown",
        ),
        (json!({"name": true}), "form_param_format_invalid"),
    ];
    for (body, code) in cases {
        let reply = emulator
            .send(
                Method::POST,
                "/v1/oauth_applications",
                &HEADERS,
                Some(body.clone()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_clerk_error(&reply.body, code);
    }
}
