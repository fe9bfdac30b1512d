mod common;

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use common::{ATLAN_AUTH, CF_ACCOUNT, CF_AUTH, CLERK_AUTH, CLERK_VERSION, Emulator};
use serde_json::{Value, json};

async fn add_fault(emulator: &Emulator, fault: Value) {
    let reply = emulator
        .send(Method::POST, "/__emulator/faults", &[], Some(fault))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
}

#[tokio::test]
async fn faults_answer_in_the_provider_format_then_run_out() {
    let emulator = Emulator::new();
    let path = format!("{CF_ACCOUNT}/oauth_clients");
    add_fault(&emulator, json!({"path": "/client/v4/accounts", "method": "GET", "status": 429, "retryAfter": "1", "count": 2})).await;
    for _ in 0..2 {
        let reply = emulator.get(&path, &[CF_AUTH]).await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(reply.headers["retry-after"], "1");
        assert_eq!(reply.headers["access-control-allow-origin"], "*");
        assert!(reply.headers.contains_key("ratelimit"));
        assert_eq!(reply.body["success"], false);
        assert!(reply.body["errors"][0]["code"].as_u64() >= Some(1000));
    }
    assert_eq!(emulator.get(&path, &[CF_AUTH]).await.status, StatusCode::OK);
}

#[tokio::test]
async fn faults_match_method_and_queue_in_order() {
    let emulator = Emulator::new();
    add_fault(
        &emulator,
        json!({"path": "/v1", "method": "POST", "status": 500}),
    )
    .await;
    add_fault(
        &emulator,
        json!({"path": "/v1/oauth_applications", "status": 503}),
    )
    .await;
    add_fault(
        &emulator,
        json!({"path": "/api/service", "status": 200, "body": {"unexpected": true}}),
    )
    .await;
    let headers = [CLERK_AUTH, CLERK_VERSION];
    let first = emulator.get("/v1/oauth_applications", &headers).await;
    assert_eq!(first.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        first.body["errors"][0]["code"].is_string() && first.body["clerk_trace_id"].is_string()
    );
    let second = emulator
        .send(
            Method::POST,
            "/v1/oauth_applications",
            &headers,
            Some(json!({"name": "x"})),
        )
        .await;
    assert_eq!(second.status, StatusCode::INTERNAL_SERVER_ERROR);
    let custom = emulator.get("/api/service/roles", &[ATLAN_AUTH]).await;
    assert_eq!(
        (custom.status, custom.body.clone()),
        (StatusCode::OK, json!({"unexpected": true}))
    );
    assert_eq!(
        emulator.get("/__emulator/faults", &[]).await.body,
        json!([])
    );
}

#[tokio::test]
async fn latency_only_faults_delay_the_real_answer() {
    let emulator = Emulator::new();
    add_fault(
        &emulator,
        json!({"path": "/api/service/roles", "latencyMs": 150}),
    )
    .await;
    let started = Instant::now();
    let reply = emulator.get("/api/service/roles", &[ATLAN_AUTH]).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body["records"].is_array());
}

#[tokio::test]
async fn hooks_are_never_faulted_and_bad_faults_are_refused() {
    let emulator = Emulator::new();
    add_fault(&emulator, json!({"path": "/", "status": 500, "count": 100})).await;
    assert_eq!(
        emulator.get("/__emulator/requests", &[]).await.status,
        StatusCode::OK
    );
    let cleared = emulator
        .send(Method::DELETE, "/__emulator/faults", &[], None)
        .await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert_eq!(
        emulator
            .get("/api/service/roles", &[ATLAN_AUTH])
            .await
            .status,
        StatusCode::OK
    );
    for bad in [
        json!({"status": 500}),
        json!({"path": "/v1", "status": 42}),
        json!({"path": "/v1", "colour": "red"}),
    ] {
        let reply = emulator
            .send(Method::POST, "/__emulator/faults", &[], Some(bad.clone()))
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn request_log_redacts_credentials() {
    let emulator = Emulator::new();
    let path = format!("{CF_ACCOUNT}/oauth_clients/cf000000000000000000000000000001");
    emulator
        .send(
            Method::PATCH,
            &path,
            &[CF_AUTH, ("content-type", "application/json")],
            Some(json!({"client_name": "New"})),
        )
        .await;
    emulator
        .get(
            "/v1/oauth_applications?limit=5",
            &[CLERK_AUTH, CLERK_VERSION],
        )
        .await;
    emulator
        .get(
            &format!("{CF_ACCOUNT}/oauth_clients"),
            &[
                ("x-auth-email", "admin@example.com"),
                ("x-auth-key", "cf-emulator-key"),
            ],
        )
        .await;
    let log = emulator.get("/__emulator/requests", &[]).await.body;
    let entries = log.as_array().expect("array");
    assert_eq!(entries.len(), 3, "hooks are not logged: {log}");
    assert_eq!(entries[0]["method"], "PATCH");
    assert_eq!(entries[0]["path"], path);
    assert_eq!(entries[0]["body"], json!({"client_name": "New"}));
    assert_eq!(entries[0]["headers"]["authorization"], "[redacted]");
    assert_eq!(entries[1]["query"], "limit=5");
    assert_eq!(entries[1]["body"], Value::Null);
    assert_eq!(entries[2]["headers"]["x-auth-key"], "[redacted]");
    assert_eq!(entries[2]["headers"]["x-auth-email"], "admin@example.com");
    assert!(
        !log.to_string().contains("cf-emulator-token")
            && !log.to_string().contains("sk_test_emulator")
    );

    emulator
        .send(Method::DELETE, "/__emulator/requests", &[], None)
        .await;
    assert_eq!(
        emulator.get("/__emulator/requests", &[]).await.body,
        json!([])
    );
}

#[tokio::test]
async fn reset_restores_seeds_and_clears_everything() {
    let emulator = Emulator::new();
    let path = format!("{CF_ACCOUNT}/oauth_clients/cf000000000000000000000000000001");
    emulator.send(Method::DELETE, &path, &[CF_AUTH], None).await;
    add_fault(&emulator, json!({"path": "/v1", "status": 500})).await;
    assert_eq!(
        emulator.get(&path, &[CF_AUTH]).await.status,
        StatusCode::NOT_FOUND
    );
    let reset = emulator
        .send(Method::POST, "/__emulator/reset", &[], None)
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    assert_eq!(emulator.get(&path, &[CF_AUTH]).await.status, StatusCode::OK);
    assert_eq!(
        emulator.get("/__emulator/faults", &[]).await.body,
        json!([])
    );
    assert_eq!(
        emulator
            .get("/__emulator/requests", &[])
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let emulator = Emulator::new();
    let preflight = emulator
        .send(
            Method::OPTIONS,
            "/v1/oauth_applications/x",
            &[
                ("origin", "http://localhost:5173"),
                ("access-control-request-method", "PATCH"),
            ],
            None,
        )
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers["access-control-allow-origin"], "*");
    assert!(
        preflight.headers["access-control-allow-methods"]
            .to_str()
            .is_ok_and(|m| m.contains("PATCH"))
    );
    let allowed = preflight.headers["access-control-allow-headers"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    for header in [
        "authorization",
        "content-type",
        "x-auth-email",
        "x-auth-key",
        "clerk-api-version",
    ] {
        assert!(allowed.contains(header), "{header}");
    }
    let error = emulator.get("/v1/oauth_applications", &[]).await;
    assert_eq!(error.status, StatusCode::UNAUTHORIZED);
    assert_eq!(error.headers["access-control-allow-origin"], "*");
    assert!(
        error.headers["access-control-expose-headers"]
            .to_str()
            .is_ok_and(|h| h.contains("retry-after"))
    );
    assert_eq!(
        emulator
            .get("/__emulator/requests", &[])
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(1),
        "preflights are not logged"
    );
}

#[tokio::test]
async fn revoking_tokens_leaves_data_faults_and_the_log_alone() {
    let emulator = Emulator::new();
    let headers = [CLERK_AUTH, CLERK_VERSION];
    let app = json!({"name": "Kept"});
    let created = emulator.post("/v1/oauth_applications", &headers, app).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    add_fault(&emulator, json!({"path": "/client/v4", "status": 500})).await;
    emulator.revoke_tokens().await;
    assert_eq!(emulator.hook_len("faults").await, Some(1));
    // Only the create: hooks are not logged.
    assert_eq!(emulator.hook_len("requests").await, Some(1));
    let listed = emulator.get("/v1/oauth_applications", &headers).await;
    assert_eq!(listed.body["total_count"], 24);
    // The fixed credentials are not issued tokens.
    let roles = emulator.get("/api/service/roles", &[ATLAN_AUTH]).await;
    assert_eq!(roles.status, StatusCode::OK);
}
