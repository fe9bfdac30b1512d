mod common;

use axum::http::{Method, StatusCode};
use common::{ATLAN_AUTH, Emulator};
use serde_json::{Value, json};

fn assert_atlan_error(body: &Value) {
    assert!(
        body["errorCode"]
            .as_str()
            .is_some_and(|c| c.starts_with("ATLAN-")),
        "{body}"
    );
    assert!(
        body["errorMessage"].is_string()
            && body["errorCause"].is_array()
            && body["errorId"].is_string()
    );
}

#[tokio::test]
async fn iterating_with_limit_one_visits_every_client() {
    let emulator = Emulator::new();
    let mut offset = 0;
    let mut seen = 0;
    loop {
        let reply = emulator
            .get(
                &format!("/api/service/oauth-clients?count=true&offset={offset}&limit=1"),
                &[ATLAN_AUTH],
            )
            .await;
        assert_eq!(reply.body["totalRecord"], 25);
        match reply.body["records"].as_array() {
            Some(records) => seen += records.len(),
            None => break,
        }
        offset += 1;
    }
    assert_eq!(seen, 25);
}

#[tokio::test]
async fn past_the_end_records_are_null() {
    let reply = Emulator::new()
        .get(
            "/api/service/oauth-clients?offset=25&limit=20",
            &[ATLAN_AUTH],
        )
        .await;
    assert_eq!(
        reply.body,
        json!({"totalRecord": 25, "filterRecord": 25, "records": null})
    );
}

#[tokio::test]
async fn timestamps_come_in_both_forms() {
    let reply = Emulator::new()
        .get("/api/service/oauth-clients?limit=1", &[ATLAN_AUTH])
        .await;
    let client = &reply.body["records"][0];
    assert!(client["createdAt"].is_i64());
    assert!(
        client["updatedAt"]
            .as_str()
            .is_some_and(|s| s.bytes().all(|b| b.is_ascii_digit()))
    );
    assert!(
        client["clientId"]
            .as_str()
            .is_some_and(|id| id.starts_with("oauth-client-"))
    );
}

#[tokio::test]
async fn sort_and_filter() {
    let emulator = Emulator::new();
    let sorted = emulator
        .get(
            "/api/service/oauth-clients?sort=displayName&limit=2",
            &[ATLAN_AUTH],
        )
        .await;
    assert_eq!(sorted.body["records"][0]["displayName"], "Airflow Lineage");
    let newest = emulator
        .get(
            "/api/service/oauth-clients?sort=-createdAt&limit=1",
            &[ATLAN_AUTH],
        )
        .await;
    assert_eq!(newest.body["records"][0]["displayName"], "Excel Importer");
    let filtered = emulator
        .get(
            "/api/service/oauth-clients?filter=%7B%22displayName%22%3A%22Hex%20Notebooks%22%7D",
            &[ATLAN_AUTH],
        )
        .await;
    assert_eq!(
        (
            filtered.body["filterRecord"].clone(),
            filtered.body["totalRecord"].clone()
        ),
        (json!(1), json!(25))
    );
    let bad = emulator
        .get("/api/service/oauth-clients?sort=name", &[ATLAN_AUTH])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_atlan_error(&bad.body);
}

#[tokio::test]
async fn roles_with_the_sdk_filter() {
    let filter = "%7B%22%24or%22%3A%5B%7B%22level%22%3A%22workspace%22%7D%2C%7B%22level%22%3A%22admin-subrole%22%7D%5D%7D";
    let reply = Emulator::new()
        .get(
            &format!("/api/service/roles?count=True&offset=0&limit=100&filter={filter}"),
            &[ATLAN_AUTH],
        )
        .await;
    let names: Vec<&str> = reply.body["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names, ["$admin", "$member", "$guest", "$admin_connections"]);
    assert_eq!(reply.body["records"][0]["description"], "Admin");
}

#[tokio::test]
async fn lifecycle_and_token_exchange() {
    let emulator = Emulator::new();
    let body =
        json!({"displayName": "Mine", "description": "", "role": "$member", "personaQNs": []});
    let created = emulator
        .send(
            Method::POST,
            "/api/service/oauth-clients",
            &[ATLAN_AUTH],
            Some(body),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let client_id = created.body["clientId"]
        .as_str()
        .expect("clientId")
        .to_owned();
    let secret = created.body["clientSecret"]
        .as_str()
        .expect("secret")
        .to_owned();
    let path = format!("/api/service/oauth-clients/{client_id}");

    assert!(
        emulator
            .get(&path, &[ATLAN_AUTH])
            .await
            .body
            .get("clientSecret")
            .is_none()
    );
    let put = emulator
        .send(
            Method::PUT,
            &path,
            &[ATLAN_AUTH],
            Some(json!({"description": "via PUT"})),
        )
        .await;
    assert_eq!(put.body["description"], "via PUT");
    let post = emulator
        .send(
            Method::POST,
            &path,
            &[ATLAN_AUTH],
            Some(json!({"displayName": "via POST"})),
        )
        .await;
    assert_eq!(
        (
            post.body["displayName"].clone(),
            post.body["description"].clone()
        ),
        (json!("via POST"), json!("via PUT"))
    );
    let role_change = emulator
        .send(
            Method::PUT,
            &path,
            &[ATLAN_AUTH],
            Some(json!({"role": "$admin"})),
        )
        .await;
    assert_eq!(role_change.status, StatusCode::BAD_REQUEST);

    let exchange = json!({"clientId": client_id, "clientSecret": secret});
    let token = emulator
        .send(
            Method::POST,
            "/api/service/oauth-clients/token",
            &[],
            Some(exchange),
        )
        .await;
    assert_eq!(
        (
            token.body["tokenType"].clone(),
            token.body["expiresIn"].clone()
        ),
        (json!("Bearer"), json!(600))
    );
    let bearer = format!(
        "Bearer {}",
        token.body["accessToken"].as_str().unwrap_or_default()
    );
    assert_eq!(
        emulator
            .get("/api/service/roles", &[("authorization", bearer.as_str())])
            .await
            .status,
        StatusCode::OK
    );

    let deleted = emulator
        .send(Method::DELETE, &path, &[ATLAN_AUTH], None)
        .await;
    assert_eq!((deleted.status, deleted.raw.len()), (StatusCode::OK, 0));
    assert_eq!(
        emulator
            .get("/api/service/roles", &[("authorization", bearer.as_str())])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let gone = emulator.get(&path, &[ATLAN_AUTH]).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_atlan_error(&gone.body);
}

#[tokio::test]
async fn create_rejects_unknown_roles_and_auth_is_required() {
    let emulator = Emulator::new();
    let body = json!({"displayName": "x", "role": "Admin"});
    let reply = emulator
        .send(
            Method::POST,
            "/api/service/oauth-clients",
            &[ATLAN_AUTH],
            Some(body),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body["errorMessage"]
            .as_str()
            .is_some_and(|m| m.contains("$admin"))
    );
    let unauthenticated = emulator.get("/api/service/oauth-clients", &[]).await;
    assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);
    assert_atlan_error(&unauthenticated.body);
    let wrong_secret = json!({"clientId": "oauth-client-5eedc11e-0000-4000-8000-000000000001", "clientSecret": "nope"});
    let token = emulator
        .send(
            Method::POST,
            "/api/service/oauth-clients/token",
            &[],
            Some(wrong_secret),
        )
        .await;
    assert_eq!(token.status, StatusCode::UNAUTHORIZED);
}

const TOKEN_EXCHANGE: &str = "/api/service/oauth-clients/token";

/// A token from the exchange for seeded client `nn`, as a header value.
async fn exchanged_bearer(emulator: &Emulator, nn: &str) -> String {
    let exchange = json!({
        "clientId": format!("oauth-client-5eedc11e-0000-4000-8000-0000000000{nn}"),
        "clientSecret": format!("atlan-seed-secret-{nn}"),
    });
    let token = emulator.post(TOKEN_EXCHANGE, &[], exchange).await;
    assert_eq!(token.status, StatusCode::OK, "{}", token.body);
    let access_token = token.body["accessToken"].as_str().expect("accessToken");
    format!("Bearer {access_token}")
}

/// Every Atlan API route, each with a body it accepts.
fn api_calls(client_id: &str) -> Vec<(Method, String, Option<Value>)> {
    let clients = "/api/service/oauth-clients".to_owned();
    let client = format!("{clients}/{client_id}");
    let created = json!({"displayName": "Via token", "role": "$member"});
    vec![
        (Method::GET, clients.clone(), None),
        (Method::POST, clients, Some(created)),
        (Method::GET, client.clone(), None),
        (
            Method::PUT,
            client.clone(),
            Some(json!({"description": "put"})),
        ),
        (
            Method::POST,
            client.clone(),
            Some(json!({"description": "post"})),
        ),
        (Method::GET, "/api/service/roles".into(), None),
        (Method::DELETE, client, None),
    ]
}

/// Runs every Atlan API call with `bearer` and checks each answer's status.
async fn call_every_route(emulator: &Emulator, bearer: &str, client_id: &str, want: StatusCode) {
    let auth = [("authorization", bearer)];
    for (method, path, body) in api_calls(client_id) {
        let reply = emulator.send(method.clone(), &path, &auth, body).await;
        assert_eq!(reply.status, want, "{method} {path}: {}", reply.body);
        if !want.is_success() {
            assert_atlan_error(&reply.body);
        }
    }
}

#[tokio::test]
async fn exchanged_tokens_work_on_every_route_until_revoked() {
    let emulator = Emulator::new();
    let bearer = exchanged_bearer(&emulator, "01").await;
    // Client 02 is the one deleted, so client 01's token outlives the calls.
    let target = "oauth-client-5eedc11e-0000-4000-8000-000000000002";
    call_every_route(&emulator, &bearer, target, StatusCode::OK).await;

    emulator.revoke_tokens().await;
    let target = "oauth-client-5eedc11e-0000-4000-8000-000000000003";
    call_every_route(&emulator, &bearer, target, StatusCode::UNAUTHORIZED).await;

    // The client data is untouched: the fixed token still lists all 25 (02
    // deleted, one created), and client 01's secret buys a fresh token.
    let listed = emulator
        .get("/api/service/oauth-clients?limit=1", &[ATLAN_AUTH])
        .await;
    assert_eq!(listed.body["totalRecord"], 25);
    let fresh = exchanged_bearer(&emulator, "01").await;
    assert_ne!(fresh, bearer);
    let roles = emulator
        .get("/api/service/roles", &[("authorization", fresh.as_str())])
        .await;
    assert_eq!(roles.status, StatusCode::OK);
}
