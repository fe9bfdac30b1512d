mod common;

use axum::http::{Method, StatusCode};
use common::{CF_ACCOUNT, CF_AUTH, Emulator};
use serde_json::{Value, json};

fn create_body() -> Value {
    json!({
        "client_name": "Test Client",
        "grant_types": ["authorization_code"],
        "redirect_uris": ["https://example.com/oauth/callback"],
        "response_types": ["code"],
        "scopes": ["workers-platform.read"],
        "token_endpoint_auth_method": "client_secret_basic"
    })
}

fn assert_envelope(body: &Value, success: bool) {
    assert_eq!(body["success"], success, "{body}");
    assert!(
        body["errors"].is_array() && body["messages"].is_array(),
        "{body}"
    );
    assert!(body.get("result").is_some(), "{body}");
}

#[tokio::test]
async fn lists_seeded_clients_with_rate_limit_headers() {
    let emulator = Emulator::new();
    let reply = emulator
        .get(&format!("{CF_ACCOUNT}/oauth_clients"), &[CF_AUTH])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_envelope(&reply.body, true);
    let ids: Vec<&str> = reply.body["result"]
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["client_id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        ids,
        [
            "cf000000000000000000000000000001",
            "cf000000000000000000000000000002",
            "cf000000000000000000000000000003"
        ]
    );
    assert!(
        reply.body["result"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|c| c.get("client_secret").is_none())
    );
    assert_eq!(reply.headers["ratelimit"], "\"default\";r=50;t=30");
    assert_eq!(reply.headers["ratelimit-policy"], "\"burst\";q=100;w=60");
}

#[tokio::test]
async fn credentials_are_checked() {
    let emulator = Emulator::new();
    let path = format!("{CF_ACCOUNT}/oauth_clients");
    for headers in [
        vec![],
        vec![("authorization", "Bearer wrong")],
        vec![
            ("x-auth-email", "admin@example.com"),
            ("x-auth-key", "nope"),
        ],
    ] {
        let reply = emulator.get(&path, &headers).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_envelope(&reply.body, false);
        assert_eq!(reply.body["result"], Value::Null);
        assert_eq!(reply.body["errors"][0]["code"], 10000);
    }
    let legacy = [
        ("x-auth-email", "admin@example.com"),
        ("x-auth-key", "cf-emulator-key"),
    ];
    assert_eq!(emulator.get(&path, &legacy).await.status, StatusCode::OK);
    assert_eq!(
        emulator.get("/client/v4/oauth/scopes", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn other_accounts_are_refused() {
    let emulator = Emulator::new();
    let forbidden = emulator
        .get(
            "/client/v4/accounts/ffffffffffffffffffffffffffffffff/oauth_clients",
            &[CF_AUTH],
        )
        .await;
    assert_eq!(
        (
            forbidden.status,
            forbidden.body["errors"][0]["code"].clone()
        ),
        (StatusCode::FORBIDDEN, json!(9109))
    );
    let malformed = emulator
        .get("/client/v4/accounts/short/oauth_clients", &[CF_AUTH])
        .await;
    assert_eq!(
        (
            malformed.status,
            malformed.body["errors"][0]["code"].clone()
        ),
        (StatusCode::NOT_FOUND, json!(7003))
    );
}

#[tokio::test]
async fn full_lifecycle() {
    let emulator = Emulator::new();
    let clients = format!("{CF_ACCOUNT}/oauth_clients");
    let created = emulator
        .send(Method::POST, &clients, &[CF_AUTH], Some(create_body()))
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let result = &created.body["result"];
    let id = result["client_id"].as_str().expect("id").to_owned();
    assert_eq!(id.len(), 32);
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    assert!(
        !result["client_secret"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    assert_eq!(result["visibility"], "private");
    assert!(
        result["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );

    let client = format!("{clients}/{id}");
    let fetched = emulator.get(&client, &[CF_AUTH]).await;
    assert_eq!(fetched.body["result"]["client_name"], "Test Client");
    assert!(fetched.body["result"].get("client_secret").is_none());

    let patched = emulator
        .send(
            Method::PATCH,
            &client,
            &[CF_AUTH],
            Some(json!({"client_name": "Renamed"})),
        )
        .await;
    assert_eq!(patched.body["result"]["client_name"], "Renamed");
    assert_eq!(
        patched.body["result"]["redirect_uris"],
        json!(["https://example.com/oauth/callback"])
    );

    let rotate = format!("{client}/rotate_secret");
    let rotated = emulator.send(Method::POST, &rotate, &[CF_AUTH], None).await;
    let new_secret = rotated.body["result"]["client_secret"]
        .as_str()
        .expect("secret")
        .to_owned();
    assert_ne!(
        new_secret,
        result["client_secret"].as_str().unwrap_or_default()
    );
    assert_eq!(
        emulator.get(&client, &[CF_AUTH]).await.body["result"]["has_rotated_secret"],
        true
    );
    let dropped = emulator
        .send(Method::DELETE, &rotate, &[CF_AUTH], None)
        .await;
    assert_eq!(dropped.body["result"], json!({"id": id}));
    assert_eq!(
        emulator.get(&client, &[CF_AUTH]).await.body["result"]["has_rotated_secret"],
        false
    );

    let deleted = emulator
        .send(Method::DELETE, &client, &[CF_AUTH], None)
        .await;
    assert_eq!(deleted.body["result"], json!({"id": id}));
    let gone = emulator.get(&client, &[CF_AUTH]).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_envelope(&gone.body, false);
    assert_eq!(gone.body["errors"][0]["message"], "OAuth client not found");
}

#[tokio::test]
async fn validation_errors_point_at_fields() {
    let emulator = Emulator::new();
    let mut body = create_body();
    body["grant_types"] = json!(["refresh_token"]);
    body["stray"] = json!(true);
    let reply = emulator
        .send(
            Method::POST,
            &format!("{CF_ACCOUNT}/oauth_clients"),
            &[CF_AUTH],
            Some(body),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_envelope(&reply.body, false);
    let mut pointers: Vec<&str> = reply.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["source"]["pointer"].as_str().unwrap_or_default())
        .collect();
    pointers.sort_unstable();
    assert_eq!(pointers, ["/grant_types", "/stray"]);
    assert!(
        reply.body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["code"].as_u64() >= Some(1000))
    );

    let patch = emulator
        .send(
            Method::PATCH,
            &format!("{CF_ACCOUNT}/oauth_clients/cf000000000000000000000000000001"),
            &[CF_AUTH],
            Some(json!({"scopes": ["zone:read"]})),
        )
        .await;
    assert_eq!(patch.status, StatusCode::BAD_REQUEST);
    assert_eq!(patch.body["errors"][0]["source"]["pointer"], "/scopes");
}

#[tokio::test]
async fn seeded_partner_client_can_be_promoted() {
    let emulator = Emulator::new();
    let path = format!("{CF_ACCOUNT}/oauth_clients/cf000000000000000000000000000003");
    let reply = emulator
        .send(
            Method::PATCH,
            &path,
            &[CF_AUTH],
            Some(json!({"visibility": "public"})),
        )
        .await;
    assert_eq!(
        reply.body["result"]["visibility"], "public",
        "{}",
        reply.body
    );
    assert!(reply.body["result"]["promoted_at"].is_string());
}

#[tokio::test]
async fn scopes_catalogue() {
    let reply = Emulator::new()
        .get("/client/v4/oauth/scopes", &[CF_AUTH])
        .await;
    let ids: Vec<&str> = reply.body["result"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    for id in [
        "workers-platform.read",
        "workers-platform.write",
        "zone.read",
        "dns.read",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
}

#[tokio::test]
async fn unknown_routes_keep_the_envelope() {
    let reply = Emulator::new()
        .get("/client/v4/nothing/here", &[CF_AUTH])
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_envelope(&reply.body, false);
}
