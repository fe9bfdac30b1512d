mod common;

use axum::http::{Method, StatusCode};
use common::{Emulator, Reply};
use serde_json::{Value, json};

const AUTH: (&str, &str) = ("authorization", "Bearer sailpoint-emulator-token");
const PATCH_JSON: (&str, &str) = ("content-type", "application/json-patch+json");
const CLIENTS: &str = "/beta/oauth-clients";
const SEEDED: &str = "5a110000000000000000000000000001";

fn assert_dto(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.body);
    assert_eq!(reply.body["detailCode"], code, "{}", reply.body);
    assert_eq!(reply.body["trackingId"].as_str().map(str::len), Some(32));
    assert_eq!(reply.body["messages"][0]["localeOrigin"], "DEFAULT");
    assert!(reply.body["causes"].is_array());
}

async fn token(emulator: &Emulator, id: &str, secret: &str) -> Reply {
    let form = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}");
    emulator
        .send_bytes(
            Method::POST,
            "/oauth/token",
            &[("content-type", "application/x-www-form-urlencoded")],
            Some(form.into_bytes()),
        )
        .await
}

async fn patch(emulator: &Emulator, id: &str, ops: Value) -> Reply {
    let uri = format!("{CLIENTS}/{id}");
    emulator
        .send(Method::PATCH, &uri, &[AUTH, PATCH_JSON], Some(ops))
        .await
}

fn ids(reply: &Reply) -> Vec<String> {
    reply
        .body
        .as_array()
        .expect("a bare array")
        .iter()
        .map(|c| c["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn every_version_serves_the_same_bare_array() {
    let emulator = Emulator::new();
    for version in ["beta", "v3", "v2024", "v2025", "v2026"] {
        let reply = emulator
            .get(&format!("/{version}/oauth-clients"), &[AUTH])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{version}");
        assert_eq!(ids(&reply).len(), 12, "{version}");
    }
    let reply = emulator.get(&format!("{CLIENTS}/{SEEDED}"), &[AUTH]).await;
    assert_eq!(reply.body["secret"], Value::Null);
    assert!(reply.body["lastUsed"].is_string() && reply.body.get("metadata").is_some());
}

#[tokio::test]
async fn last_used_filters_find_stale_and_unused_clients() {
    let emulator = Emulator::new();
    let never = emulator
        .get(&format!("{CLIENTS}?filters=lastUsed%20isnull"), &[AUTH])
        .await;
    assert_eq!(ids(&never).len(), 4);
    let cutoff = "2000-01-01T00:00:00Z";
    let none = emulator
        .get(
            &format!("{CLIENTS}?filters=lastUsed%20le%20{cutoff}"),
            &[AUTH],
        )
        .await;
    assert_eq!(ids(&none).len(), 0);
    let everything_used = emulator
        .get(
            &format!("{CLIENTS}?filters=lastUsed%20le%209999-01-01T00%3A00%3A00%2B00%3A00"),
            &[AUTH],
        )
        .await;
    assert_eq!(ids(&everything_used).len(), 8);
    let stale = emulator
        .get(
            &format!(
                "{CLIENTS}?filters=lastUsed%20le%209999-01-01T00:00:00Z%20or%20lastUsed%20isnull"
            ),
            &[AUTH],
        )
        .await;
    assert_eq!(ids(&stale).len(), 12);
    let bad = emulator
        .get(&format!("{CLIENTS}?filters=name%20eq%20x"), &[AUTH])
        .await;
    assert_dto(&bad, 400, "400.1 Bad Request Content");
}

#[tokio::test]
async fn create_validates_then_returns_the_secret_once() {
    let emulator = Emulator::new();
    let missing = emulator.post(CLIENTS, &[AUTH], json!({"name": "x"})).await;
    assert_dto(&missing, 400, "400.1 Bad Request Content");
    assert!(
        missing.body["causes"]
            .as_array()
            .is_some_and(|c| c.len() >= 4)
    );
    let body = json!({
        "name": "CI", "description": null, "accessTokenValiditySeconds": 750,
        "grantTypes": ["AUTHORIZATION_CODE"], "accessType": "OFFLINE", "enabled": true
    });
    let no_uri = emulator.post(CLIENTS, &[AUTH], body.clone()).await;
    assert_eq!(no_uri.status, StatusCode::BAD_REQUEST);
    let mut body = body;
    body["redirectUris"] = json!(["https://ci.test/cb"]);
    let created = emulator.post(CLIENTS, &[AUTH], body).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["secret"].as_str().map(str::len), Some(64));
    assert_eq!(created.body["scope"], json!(["sp:scopes:all"]));
    assert!(created.body.get("lastUsed").is_none());
    let id = created.body["id"].as_str().unwrap();
    let read = emulator.get(&format!("{CLIENTS}/{id}"), &[AUTH]).await;
    assert_eq!(
        (read.body["secret"].clone(), read.body["lastUsed"].clone()),
        (Value::Null, Value::Null)
    );
}

#[tokio::test]
async fn patches_change_only_whitelisted_fields_as_typed() {
    let emulator = Emulator::new();
    let ok = patch(
        &emulator,
        SEEDED,
        json!([
            {"op": "replace", "path": "/enabled", "value": false},
            {"op": "replace", "path": "/accessTokenValiditySeconds", "value": 900},
            {"op": "replace", "path": "/description", "value": null}
        ]),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(
        (
            ok.body["enabled"].clone(),
            ok.body["accessTokenValiditySeconds"].clone()
        ),
        (json!(false), json!(900))
    );
    assert_eq!(ok.body["description"], Value::Null);
    for bad in [
        json!([{"op": "replace", "path": "/type", "value": "PUBLIC"}]),
        json!([{"op": "replace", "path": "/scope", "value": ["x"]}]),
        json!([{"op": "replace", "path": "/enabled", "value": "false"}]),
        json!([{"op": "replace", "path": "/name", "value": null}]),
        json!([{"op": "move", "path": "/name", "from": "/description"}]),
        json!({"enabled": false}),
    ] {
        assert_dto(
            &patch(&emulator, SEEDED, bad.clone()).await,
            400,
            "400.1 Bad Request Content",
        );
    }
    let as_json = emulator
        .send(
            Method::PATCH,
            &format!("{CLIENTS}/{SEEDED}"),
            &[AUTH],
            Some(json!([])),
        )
        .await;
    assert_eq!(
        as_json.status,
        StatusCode::BAD_REQUEST,
        "the patch media type is required"
    );
    assert_dto(
        &patch(&emulator, "nope", json!([])).await,
        404,
        "404 Not found",
    );
}

#[tokio::test]
async fn delete_is_204_then_404() {
    let emulator = Emulator::new();
    let uri = format!("{CLIENTS}/{SEEDED}");
    let gone = emulator.send(Method::DELETE, &uri, &[AUTH], None).await;
    assert_eq!((gone.status, gone.raw.len()), (StatusCode::NO_CONTENT, 0));
    assert_dto(
        &emulator.send(Method::DELETE, &uri, &[AUTH], None).await,
        404,
        "404 Not found",
    );
}

#[tokio::test]
async fn tokens_for_a_personal_access_token_and_for_api_clients() {
    let emulator = Emulator::new();
    let pat = token(
        &emulator,
        "sailpoint-emulator-pat",
        "sailpoint-emulator-pat-secret",
    )
    .await;
    assert_eq!(pat.status, StatusCode::OK, "{}", pat.body);
    assert_eq!(pat.body["expires_in"], 720);
    let user = format!("Bearer {}", pat.body["access_token"].as_str().unwrap());
    let listed = emulator.get(CLIENTS, &[("authorization", &user)]).await;
    assert_eq!(listed.status, StatusCode::OK);

    // An API client's token lasts its accessTokenValiditySeconds and may only read.
    let app = token(&emulator, SEEDED, "sailpoint-seed-secret-01").await;
    assert_eq!(app.body["expires_in"], 750);
    let app = format!("Bearer {}", app.body["access_token"].as_str().unwrap());
    let read = emulator
        .get(&format!("{CLIENTS}/{SEEDED}"), &[("authorization", &app)])
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_dto(
        &emulator.get(CLIENTS, &[("authorization", &app)]).await,
        403,
        "403 Forbidden",
    );

    let wrong = token(&emulator, SEEDED, "nope").await;
    assert_eq!(
        (wrong.status, wrong.body["error"].clone()),
        (StatusCode::UNAUTHORIZED, json!("invalid_client"))
    );
    emulator.revoke_tokens().await;
    let revoked = emulator.get(CLIENTS, &[("authorization", &user)]).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    assert!(
        revoked.body["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("JWT validation failed"))
    );
}

#[tokio::test]
async fn tokens_expire_after_the_clients_validity() {
    let emulator = Emulator::new();
    let created = emulator
        .post(
            CLIENTS,
            &[AUTH],
            json!({"name": "short", "description": "", "accessTokenValiditySeconds": 1,
                   "grantTypes": ["CLIENT_CREDENTIALS"], "accessType": "OFFLINE", "enabled": true}),
        )
        .await;
    let id = created.body["id"].as_str().unwrap().to_owned();
    let secret = created.body["secret"].as_str().unwrap().to_owned();
    let issued = token(&emulator, &id, &secret).await;
    assert_eq!(issued.body["expires_in"], 1);
    let bearer = format!("Bearer {}", issued.body["access_token"].as_str().unwrap());
    let uri = format!("{CLIENTS}/{id}");
    let fresh = emulator.get(&uri, &[("authorization", &bearer)]).await;
    assert_eq!(fresh.status, StatusCode::OK);
    assert!(fresh.body["lastUsed"].is_string(), "a token sets lastUsed");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = emulator.get(&uri, &[("authorization", &bearer)]).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        expired.body,
        json!({"error": "JWT validation failed: JWT is expired"})
    );
}

#[tokio::test]
async fn faults_use_the_429_and_dto_shapes() {
    let emulator = Emulator::new();
    for (status, retry) in [(429, Some("3")), (500, None)] {
        let mut fault = json!({"path": CLIENTS, "status": status});
        if let Some(retry) = retry {
            fault["retryAfter"] = json!(retry);
        }
        emulator.post("/__emulator/faults", &[], fault).await;
        let reply = emulator.get(CLIENTS, &[AUTH]).await;
        assert_eq!(reply.status.as_u16(), status);
        if status == 429 {
            assert_eq!(reply.body, json!({"message": " Rate Limit Exceeded "}));
            assert_eq!(reply.headers["retry-after"], "3");
        } else {
            assert_dto(&reply, 500, "500.0 Internal Fault");
        }
    }
    let unauthenticated = emulator.get(CLIENTS, &[]).await;
    assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);
    assert!(unauthenticated.body["error"].is_string());
}
