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

const DEMO_PAGE: &str = "http://127.0.0.1:8080";
const EMULATOR_HOST: (&str, &str) = ("host", "127.0.0.1:8787");

fn has_allow_origin(reply: &common::Reply) -> bool {
    reply.headers.contains_key("access-control-allow-origin")
}

#[tokio::test]
async fn hooks_refuse_other_origins_before_running() {
    let emulator = Emulator::allowing(&[DEMO_PAGE]);
    add_fault(&emulator, json!({"path": "/v1", "status": 500})).await;
    let hostile: [&[(&str, &str)]; 6] = [
        &[EMULATOR_HOST, ("origin", "https://evil.example")],
        &[EMULATOR_HOST, ("origin", "http://127.0.0.1:8081")],
        &[EMULATOR_HOST, ("origin", "null")],
        // A <script src> or <img src> from another site sends no Origin.
        &[EMULATOR_HOST, ("sec-fetch-site", "cross-site")],
        // DNS rebinding: a page on evil.example:8787 resolved to 127.0.0.1.
        &[("host", "evil.example:8787")],
        &[
            ("host", "evil.example:8787"),
            ("origin", "http://evil.example:8787"),
        ],
    ];
    for headers in hostile {
        for (method, hook) in [
            (Method::POST, "/__emulator/reset"),
            (Method::GET, "/__emulator/requests"),
            (Method::DELETE, "/__emulator/faults"),
            (Method::GET, "/__emulator/unknown"),
        ] {
            let reply = emulator.send(method.clone(), hook, headers, None).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{method} {hook} {headers:?}"
            );
            assert!(!has_allow_origin(&reply), "{headers:?}");
            assert!(reply.body["error"].is_string());
        }
        let preflight = emulator
            .send(
                Method::OPTIONS,
                "/__emulator/requests",
                &[headers, &[("access-control-request-method", "DELETE")]].concat(),
                None,
            )
            .await;
        assert_eq!(preflight.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(!has_allow_origin(&preflight));
    }
    // Nothing ran: the reset did not clear the fault, nor the DELETE.
    assert_eq!(emulator.hook_len("faults").await, Some(1));

    // The provider APIs keep answering any origin: the page calls them cross-origin.
    let api = emulator
        .get(
            "/api/service/roles",
            &[
                ATLAN_AUTH,
                EMULATOR_HOST,
                ("origin", "https://evil.example"),
            ],
        )
        .await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.headers["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn hooks_answer_direct_callers_same_origin_and_the_allowed_page() {
    let emulator = Emulator::allowing(&[&format!("{DEMO_PAGE}/")]);
    let demo = [EMULATOR_HOST, ("origin", DEMO_PAGE)];
    let read = emulator.get("/__emulator/requests", &demo).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.headers["access-control-allow-origin"], DEMO_PAGE);
    assert_eq!(read.headers["vary"], "origin");
    let preflight = emulator
        .send(
            Method::OPTIONS,
            "/__emulator/faults",
            &[
                EMULATOR_HOST,
                ("origin", DEMO_PAGE),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
            None,
        )
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers["access-control-allow-origin"], DEMO_PAGE);
    assert_eq!(
        preflight.headers["access-control-allow-methods"],
        "GET, POST, DELETE"
    );
    assert_eq!(
        preflight.headers["access-control-allow-headers"],
        "content-type"
    );
    let reset = emulator
        .send(Method::POST, "/__emulator/reset", &demo, None)
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);

    // Same origin (a page the emulator served, or the address bar): no CORS needed.
    for headers in [
        &[EMULATOR_HOST, ("origin", "http://127.0.0.1:8787")][..],
        &[EMULATOR_HOST, ("sec-fetch-site", "same-origin")],
        &[EMULATOR_HOST, ("sec-fetch-site", "none")],
        &[
            ("host", "localhost:8787"),
            ("origin", "http://localhost:8787"),
        ],
        // Node's fetch, curl.
        &[EMULATOR_HOST],
        &[],
    ] {
        let reply = emulator.get("/__emulator/requests", headers).await;
        assert_eq!(reply.status, StatusCode::OK, "{headers:?}");
        assert!(!has_allow_origin(&reply), "{headers:?}");
    }

    // Without --allow-origin, the demo page's origin is just another origin.
    let strict = Emulator::new();
    let refused = strict.get("/__emulator/requests", &demo).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        strict.get("/__emulator/requests", &[]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn request_log_redacts_secret_fields_and_keeps_the_rest() {
    let emulator = Emulator::new();
    let client_id = "oauth-client-5eedc11e-0000-4000-8000-000000000001";
    let token = emulator
        .post(
            "/api/service/oauth-clients/token",
            &[("content-type", "application/json")],
            json!({"clientId": client_id, "clientSecret": "atlan-seed-secret-01"}),
        )
        .await;
    assert_eq!(token.status, StatusCode::OK, "{}", token.body);
    let access_token = token.body["accessToken"].as_str().expect("accessToken");
    let bearer = format!("Bearer {access_token}");
    let roles = emulator
        .get("/api/service/roles", &[("authorization", &bearer)])
        .await;
    assert_eq!(roles.status, StatusCode::OK);
    // A form-encoded token request, as OAuth token endpoints take them.
    emulator
        .send_bytes(
            Method::POST,
            "/api/service/oauth-clients/token?client_secret=in-the-query",
            &[("content-type", "application/x-www-form-urlencoded")],
            Some(b"grant_type=client_credentials&client_id=app&client_secret=form-secret".to_vec()),
        )
        .await;
    // Secrets at any depth of a JSON body.
    emulator
        .post(
            "/v1/oauth_applications",
            &[CLERK_AUTH, CLERK_VERSION, ("content-type", "application/json")],
            json!({
                "name": "Kept",
                "secret": "top-secret",
                "registration_access_token": "reg-token",
                "extra": [{"refresh_token": "refresh-1", "accessToken": "access-1", "note": "kept"}],
                "auth": {"password": "pw-1", "apiKey": "key-1", "client_secret": null},
            }),
        )
        .await;

    let log = emulator.get("/__emulator/requests", &[]).await.body;
    let entries = log.as_array().expect("array");
    assert_eq!(entries.len(), 4, "{log}");
    assert_eq!(
        entries[0]["body"],
        json!({"clientId": client_id, "clientSecret": "[redacted]"})
    );
    assert_eq!(entries[1]["headers"]["authorization"], "[redacted]");
    assert_eq!(
        entries[2]["body"],
        json!({"grant_type": "client_credentials", "client_id": "app", "client_secret": "[redacted]"})
    );
    assert_eq!(entries[2]["query"], "client_secret=[redacted]");
    assert_eq!(
        entries[3]["body"],
        json!({
            "name": "Kept",
            "secret": "[redacted]",
            "registration_access_token": "[redacted]",
            "extra": [{"refresh_token": "[redacted]", "accessToken": "[redacted]", "note": "kept"}],
            "auth": {"password": "[redacted]", "apiKey": "[redacted]", "client_secret": null},
        })
    );
    let text = log.to_string();
    for secret in [
        "atlan-seed-secret-01",
        access_token,
        "in-the-query",
        "form-secret",
        "top-secret",
        "reg-token",
        "refresh-1",
        "access-1",
        "pw-1",
        "key-1",
        "sk_test_emulator",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}
