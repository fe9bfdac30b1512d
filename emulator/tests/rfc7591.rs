mod common;

use axum::http::{Method, StatusCode};
use common::Emulator;
use serde_json::{Value, json};

const INITIAL: (&str, &str) = ("authorization", "Bearer rfc7591-initial-token");
const HOST: (&str, &str) = ("host", "127.0.0.1:8787");

fn backend() -> Value {
    json!({
        "client_name": "Backend",
        "client_name#fr": "Arrière-boutique",
        "grant_types": ["client_credentials"],
        "response_types": [],
        "x_vendor": {"tier": 2},
    })
}

/// The path and the token of a registration response.
fn management(body: &Value) -> (String, String) {
    let uri = body["registration_client_uri"].as_str().expect("uri");
    let path = uri
        .strip_prefix("http://127.0.0.1:8787")
        .expect("on the issuer's origin");
    let token = body["registration_access_token"].as_str().expect("token");
    (path.to_owned(), format!("Bearer {token}"))
}

#[tokio::test]
async fn metadata_names_the_registration_endpoint_under_both_well_known_paths() {
    let emulator = Emulator::new();
    for path in [
        "/rfc7591/.well-known/openid-configuration",
        "/.well-known/oauth-authorization-server/rfc7591",
    ] {
        let reply = emulator.get(path, &[HOST]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.body["issuer"], "http://127.0.0.1:8787/rfc7591");
        assert_eq!(
            reply.body["registration_endpoint"],
            "http://127.0.0.1:8787/rfc7591/register"
        );
    }
}

#[tokio::test]
async fn register_read_replace_delete_with_a_token_rotated_on_every_use() {
    let emulator = Emulator::new();
    let created = emulator
        .send(
            Method::POST,
            "/rfc7591/register",
            &[INITIAL, HOST],
            Some(backend()),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let body = &created.body;
    assert!(body["client_secret"].is_string());
    assert_eq!(body["client_secret_expires_at"], 0);
    assert_eq!(body["client_name#fr"], "Arrière-boutique");
    assert_eq!(body["x_vendor"], json!({"tier": 2}));
    assert_eq!(body["token_endpoint_auth_method"], "client_secret_basic");
    let (path, first) = management(body);

    let read = emulator
        .get(&path, &[("authorization", &first), HOST])
        .await;
    assert_eq!(read.status, StatusCode::OK);
    let (_, second) = management(&read.body);
    assert_ne!(first, second, "rotated on read");
    let stale = emulator
        .get(&path, &[("authorization", &first), HOST])
        .await;
    assert_eq!(stale.status, StatusCode::UNAUTHORIZED);
    assert!(
        stale.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token")
    );
    assert_eq!(stale.body["error"], "invalid_token");

    let client_id = body["client_id"].clone();
    let mut document = json!({"client_id": client_id, "client_name": "Renamed", "grant_types": ["client_credentials"], "response_types": []});
    let replaced = emulator
        .send(
            Method::PUT,
            &path,
            &[("authorization", &second), HOST],
            Some(document.clone()),
        )
        .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    assert_eq!(replaced.body["client_name"], "Renamed");
    assert!(
        replaced.body.get("x_vendor").is_none(),
        "a PUT replaces the whole document"
    );
    assert_eq!(
        replaced.body["client_secret"], body["client_secret"],
        "the secret is kept"
    );
    let (_, third) = management(&replaced.body);

    document["client_id_issued_at"] = json!(1);
    let forbidden = emulator
        .send(
            Method::PUT,
            &path,
            &[("authorization", &third), HOST],
            Some(document),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::BAD_REQUEST);
    assert_eq!(forbidden.body["error"], "invalid_request");

    let deleted = emulator
        .send(
            Method::DELETE,
            &path,
            &[("authorization", &third), HOST],
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = emulator
        .get(&path, &[("authorization", &third), HOST])
        .await;
    assert_eq!(
        gone.status,
        StatusCode::UNAUTHORIZED,
        "an unknown client is a 401"
    );
}

#[tokio::test]
async fn registration_errors_use_the_rfc_codes() {
    let emulator = Emulator::new();
    let without = emulator
        .send(Method::POST, "/rfc7591/register", &[HOST], Some(backend()))
        .await;
    assert_eq!(without.status, StatusCode::UNAUTHORIZED);
    for (body, code) in [
        (
            json!({"redirect_uris": ["/relative"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"grant_types": ["client_credentials"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"grant_types": ["client_credentials"], "response_types": [], "jwks": {"keys": []}, "jwks_uri": "https://a.test/j"}),
            "invalid_client_metadata",
        ),
    ] {
        let reply = emulator
            .send(
                Method::POST,
                "/rfc7591/register",
                &[INITIAL, HOST],
                Some(body.clone()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.body["error"], code, "{body}");
        assert!(reply.body["error_description"].is_string());
    }
}
