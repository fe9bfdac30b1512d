mod common;

use axum::http::{Method, StatusCode};
use common::{DBX_ACCOUNT, DBX_AUTH, Emulator};
use serde_json::{Value, json};

fn url(path: &str) -> String {
    format!("{DBX_ACCOUNT}/{path}")
}

fn assert_error(body: &Value, code: &str) {
    assert_eq!(body["error_code"], code, "{body}");
    assert!(
        body["message"].is_string() && body["details"].is_array(),
        "{body}"
    );
}

#[tokio::test]
async fn apps_page_with_opaque_tokens_and_a_capped_size() {
    let emulator = Emulator::new();
    let mut token = String::new();
    let mut seen = Vec::new();
    loop {
        let reply = emulator
            .get(
                &url(&format!(
                    "oauth2/custom-app-integrations?page_size=5&page_token={token}"
                )),
                &[DBX_AUTH],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        for app in reply.body["apps"].as_array().expect("apps") {
            seen.push(
                app["integration_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        match reply.body["next_page_token"].as_str() {
            Some("") => break,
            Some(next) => {
                assert!(next.parse::<u64>().is_err(), "opaque: {next}");
                token = next.to_owned();
            }
            None => panic!("the custom app list ends with an empty token"),
        }
    }
    assert_eq!(seen.len(), 12);
    let big = emulator
        .get(
            &url("oauth2/custom-app-integrations?page_size=1000"),
            &[DBX_AUTH],
        )
        .await;
    assert_eq!(big.body["apps"].as_array().map(Vec::len), Some(12));
    let bad = emulator
        .get(
            &url("oauth2/custom-app-integrations?page_token=20"),
            &[DBX_AUTH],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_error(&bad.body, "INVALID_PARAMETER_VALUE");
}

#[tokio::test]
async fn int64_ids_are_numbers_in_lists_and_strings_elsewhere() {
    let emulator = Emulator::new();
    let list = emulator
        .get(
            &url("oauth2/custom-app-integrations?page_size=1"),
            &[DBX_AUTH],
        )
        .await;
    let raw = String::from_utf8(list.raw).unwrap_or_default();
    assert!(raw.contains("\"principal_id\":9007199254740994"), "{raw}");
    let id = list.body["apps"][0]["integration_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let one = emulator
        .get(
            &url(&format!("oauth2/custom-app-integrations/{id}")),
            &[DBX_AUTH],
        )
        .await;
    assert_eq!(one.body["principal_id"], json!("9007199254740994"));
}

#[tokio::test]
async fn at_most_five_secrets_per_service_principal() {
    let emulator = Emulator::new();
    let path = url("servicePrincipals/1001/credentials/secrets");
    let fifth = emulator
        .post(
            &path,
            &[DBX_AUTH],
            json!({"lifetime": "3600s", "scopes": ["sql"]}),
        )
        .await;
    assert_eq!(fifth.status, StatusCode::OK, "{}", fifth.body);
    assert!(fifth.body["secret"].is_string() && fifth.body["expire_time"].is_string());
    let sixth = emulator.post(&path, &[DBX_AUTH], json!({})).await;
    assert_eq!(sixth.status, StatusCode::BAD_REQUEST);
    assert_error(&sixth.body, "INVALID_STATE");
    let listed = emulator.get(&path, &[DBX_AUTH]).await;
    let secrets = listed.body["secrets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(secrets.len(), 5);
    assert!(secrets.iter().all(|s| s.get("secret").is_none()));
    let bad = emulator
        .post(&path, &[DBX_AUTH], json!({"lifetime": 3600}))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = emulator
        .get(&url("servicePrincipals/5/credentials/secrets"), &[DBX_AUTH])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_error(&unknown.body, "RESOURCE_DOES_NOT_EXIST");
}

#[tokio::test]
async fn custom_app_updates_answer_empty_and_refuse_fixed_fields() {
    let emulator = Emulator::new();
    let created = emulator
        .post(
            &url("oauth2/custom-app-integrations"),
            &[DBX_AUTH],
            json!({"name": "x", "confidential": true, "scopes": ["sql"], "redirect_urls": ["https://x/cb"]}),
        )
        .await;
    assert!(
        created.body["client_secret"].is_string(),
        "{}",
        created.body
    );
    let id = created.body["integration_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let path = url(&format!("oauth2/custom-app-integrations/{id}"));
    let patched = emulator
        .send(
            Method::PATCH,
            &path,
            &[DBX_AUTH],
            Some(json!({"scopes": ["sql", "all-apis"]})),
        )
        .await;
    assert_eq!((patched.status, patched.body), (StatusCode::OK, json!({})));
    let fixed = emulator
        .send(
            Method::PATCH,
            &path,
            &[DBX_AUTH],
            Some(json!({"name": "y"})),
        )
        .await;
    assert_eq!(fixed.status, StatusCode::BAD_REQUEST);
    let read = emulator.get(&path, &[DBX_AUTH]).await;
    assert_eq!(read.body["scopes"], json!(["sql", "all-apis"]));
    assert!(read.body.get("client_secret").is_none());
}

#[tokio::test]
async fn policy_updates_follow_the_mask() {
    let emulator = Emulator::new();
    let path = url("federationPolicies/okta?update_mask=oidc_policy.audiences");
    let reply = emulator
        .send(
            Method::PATCH,
            &path,
            &[DBX_AUTH],
            Some(json!({"description": "ignored", "oidc_policy": {"audiences": ["new"]}})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["oidc_policy"]["audiences"], json!(["new"]));
    assert_eq!(
        reply.body["description"],
        "Trust https://acme.okta.com/oauth2/default"
    );
    let created = emulator
        .post(
            &url("servicePrincipals/9007199254740993/federationPolicies?policy_id=ci/main"),
            &[DBX_AUTH],
            json!({"oidc_policy": {"issuer": "https://gitlab.com", "audiences": ["x"]}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(
        created.body["service_principal_id"],
        json!("9007199254740993")
    );
    let again = emulator
        .post(
            &url("servicePrincipals/9007199254740993/federationPolicies?policy_id=ci/main"),
            &[DBX_AUTH],
            json!({"oidc_policy": {"issuer": "https://gitlab.com"}}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let read = emulator
        .get(
            &url("servicePrincipals/9007199254740993/federationPolicies/ci%2Fmain"),
            &[DBX_AUTH],
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
}

#[tokio::test]
async fn m2m_tokens_are_issued_for_basic_credentials_and_accepted() {
    let emulator = Emulator::new();
    // base64("dbx-emulator-sp:dbx-emulator-secret")
    let basic = (
        "authorization",
        "Basic ZGJ4LWVtdWxhdG9yLXNwOmRieC1lbXVsYXRvci1zZWNyZXQ=",
    );
    let form = ("content-type", "application/x-www-form-urlencoded");
    let token_path = "/oidc/accounts/0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6/v1/token";
    let body = b"grant_type=client_credentials&scope=all-apis".to_vec();
    let reply = emulator
        .send_bytes(Method::POST, token_path, &[basic, form], Some(body.clone()))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let token = reply.body["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let bearer = format!("Bearer {token}");
    let listed = emulator
        .get(&url("federationPolicies"), &[("authorization", &bearer)])
        .await;
    assert_eq!(listed.status, StatusCode::OK);
    emulator.revoke_tokens().await;
    let revoked = emulator
        .get(&url("federationPolicies"), &[("authorization", &bearer)])
        .await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    let wrong = emulator
        .send_bytes(
            Method::POST,
            token_path,
            &[("authorization", "Basic eDp5"), form],
            Some(body),
        )
        .await;
    assert_eq!(
        (wrong.status, wrong.body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
}

#[tokio::test]
async fn another_account_is_forbidden() {
    let reply = Emulator::new()
        .get(
            "/api/2.0/accounts/00000000-0000-4000-8000-000000000000/federationPolicies",
            &[DBX_AUTH],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_error(&reply.body, "PERMISSION_DENIED");
}

#[tokio::test]
async fn a_string_fault_body_is_sent_as_text() {
    let emulator = Emulator::new();
    let fault =
        json!({"path": "/api/2.0/accounts", "status": 502, "body": "<html><pre>down</pre></html>"});
    let queued = emulator.post("/__emulator/faults", &[], fault).await;
    assert_eq!(queued.status, StatusCode::NO_CONTENT);
    let reply = emulator.get(&url("federationPolicies"), &[DBX_AUTH]).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_eq!(reply.raw, b"<html><pre>down</pre></html>");
    assert_eq!(reply.headers["content-type"], "text/html");
}
