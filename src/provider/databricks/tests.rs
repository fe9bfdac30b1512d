use super::*;
use crate::error::ErrorKind;
use crate::provider::test_support::{body_json, params, rejected_field, resp, written_as_typed};
use crate::provider::{Call, DynKind, Op, Step};

use serde_json::{json, Value};

const ACCOUNT: &str = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const ROOT: &str =
    "https://accounts.cloud.databricks.com/api/2.0/accounts/0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
/// Above 2^53: a JS number would round it.
const BIG: &str = "9007199254740993";

fn api() -> Databricks {
    Databricks::new(None, ACCOUNT).unwrap()
}

fn apps() -> CustomApps<Full> {
    CustomApps::new(api())
}

fn clients() -> CustomApps<Neutral> {
    CustomApps::new(api())
}

/// Every kind, as `connect` boxes them.
fn connection(auth: Value) -> crate::error::Result<Connection> {
    let value = json!({"provider": "databricks", "accountId": ACCOUNT, "auth": auth});
    crate::config::resolve(value).map(|r| r.connection)
}

fn kind(name: &str) -> Box<dyn DynKind> {
    connection(json!({"bearer": "dapi-token"}))
        .unwrap()
        .kinds
        .into_iter()
        .find(|k| k.name() == name)
        .unwrap()
}

fn sent(step: Step) -> HttpRequest {
    match step {
        Step::Send(req) => req,
        Step::Lookup(req) => panic!("expected the request itself, got a lookup to {}", req.url),
    }
}

fn full_app() -> Value {
    json!({
        "integration_id": "int-1",
        "client_id": "cid-1",
        "name": "Reports",
        "confidential": true,
        "redirect_urls": ["https://app.example.com/cb"],
        "scopes": ["all-apis", "offline_access"],
        "user_authorized_scopes": ["all-apis"],
        "token_access_policy": {"access_token_ttl_in_minutes": 60, "refresh_token_ttl_in_minutes": 1440},
        "is_agent": false,
        "principal_id": BIG,
        "created_by": 4611686018427387904u64,
        "creator_username": "admin@example.com",
        "create_time": "2025-01-01T00:00:00Z",
        "new_field": {"kept": true}
    })
}

// ---- connection ------------------------------------------------------------------------------

#[test]
fn account_id_and_base_url_are_checked() {
    let err = Databricks::new(None, "not-a-uuid").unwrap_err();
    assert_eq!(rejected_field(&err), Some("accountId"));
    let err = Databricks::new(Some("accounts.cloud.databricks.com"), ACCOUNT).unwrap_err();
    assert_eq!(rejected_field(&err), Some("baseUrl"));
    let azure = Databricks::new(Some("https://accounts.azuredatabricks.net/"), ACCOUNT).unwrap();
    assert_eq!(
        azure.url("federationPolicies"),
        format!(
            "https://accounts.azuredatabricks.net/api/2.0/accounts/{ACCOUNT}/federationPolicies"
        )
    );
}

#[test]
fn m2m_logs_in_at_the_account_token_endpoint_with_basic_and_all_apis() {
    let conn = connection(json!({"clientId": "sp-app", "clientSecret": "dose-secret"})).unwrap();
    let Credentials::ClientCredentials(cc) = &conn.credentials else {
        panic!("expected client credentials");
    };
    assert_eq!(
        cc.token_url,
        format!("https://accounts.cloud.databricks.com/oidc/accounts/{ACCOUNT}/v1/token")
    );
    let req = crate::auth::token_request(cc);
    assert_eq!(
        req.body.as_deref(),
        Some("grant_type=client_credentials&scope=all-apis")
    );
    assert_eq!(
        req.header_value("authorization"),
        Some("Basic c3AtYXBwOmRvc2Utc2VjcmV0")
    );
    assert!(!format!("{conn:?}").contains("dose-secret"));
    let bearer = connection(json!({"bearer": "dapi-token"})).unwrap();
    assert!(matches!(bearer.credentials, Credentials::Bearer(_)));
    let err = connection(json!({"email": "a@b.c", "apiKey": "k"})).unwrap_err();
    assert_eq!(rejected_field(&err), Some("auth"));
}

#[test]
fn capabilities_list_every_kind_with_parents_and_operations() {
    let conn = connection(json!({"bearer": "t"})).unwrap();
    let infos: Vec<_> = conn.kinds.iter().map(|k| k.describe()).collect();
    let names: Vec<_> = infos.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "clients",
            "databricks.customAppIntegrations",
            "databricks.publishedApps",
            "databricks.publishedAppIntegrations",
            "databricks.servicePrincipalSecrets",
            "databricks.federationPolicies",
            "databricks.servicePrincipalFederationPolicies",
        ]
    );
    for info in &infos {
        assert_eq!(info.paging, PagingStyle::PageToken, "{}", info.name);
        let parented = info.name.starts_with("servicePrincipal");
        assert_eq!(info.parents.len(), usize::from(parented), "{}", info.name);
        // The TypeScript type of a kind with a parent takes it first.
        let ts = format!("readonly {}: Pick<ChildResource", info.name);
        assert_eq!(TS.contains(&ts), parented, "{}", info.name);
    }
    let secrets = &infos[4];
    assert_eq!(secrets.parents[0].name, "servicePrincipalId");
    assert!(secrets.operations.create && secrets.operations.delete && !secrets.operations.get);
    assert!(infos[2].operations.list && !infos[2].operations.create);
    assert_eq!(infos[0].filters, ["name"]);
    let policy_fields: Vec<_> = infos[5].create_fields.iter().map(|f| f.name).collect();
    assert!(
        policy_fields.contains(&"oidcPolicy.issuer"),
        "{policy_fields:?}"
    );
}

// ---- paging ------------------------------------------------------------------------------------

#[test]
fn lists_send_page_size_token_and_search_keyword() {
    let req = apps()
        .list(&ListParams {
            limit: Some(50),
            cursor: Some("tok/2=".into()),
            name: Some("rep orts".into()),
            ..ListParams::default()
        })
        .unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(
        req.url,
        format!("{ROOT}/oauth2/custom-app-integrations?page_size=50&page_token=tok%2F2%3D&search_keyword=rep%20orts")
    );
    assert_eq!(
        apps().list(&ListParams::default()).unwrap().url,
        format!("{ROOT}/oauth2/custom-app-integrations")
    );
    let err = apps()
        .list(&ListParams {
            sort: Some("name".into()),
            ..ListParams::default()
        })
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    let err = PublishedApps(api())
        .list(&crate::provider::test_support::named("x"))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert_eq!(
        rejected_field(&apps().list(&params(Some(0), None)).unwrap_err()),
        Some("limit")
    );
}

#[test]
fn the_end_is_an_absent_or_empty_token_never_a_count() {
    let page = apps()
        .parse_list(
            &ListParams::default(),
            &resp(
                200,
                json!({"apps": [], "next_page_token": "t2"}).to_string(),
            ),
        )
        .unwrap();
    assert_eq!((page.items.len(), page.next.as_deref()), (0, Some("t2")));
    for body in [
        json!({"apps": [full_app()], "next_page_token": ""}),
        json!({"apps": [full_app()]}),
        json!({}),
    ] {
        let page = apps()
            .parse_list(&ListParams::default(), &resp(200, body.to_string()))
            .unwrap();
        assert_eq!(page.next, None, "{body}");
        assert_eq!(page.total, None);
    }
}

#[test]
fn each_kind_reads_its_list_key() {
    let secrets = kind("servicePrincipalSecrets");
    let call = Call {
        parents: vec!["42".into()],
        ..Call::default()
    };
    let body = json!({"secrets": [{"id": "s1", "status": "ACTIVE"}], "next_page_token": "n"});
    let page: Value = serde_json::from_str(
        &secrets
            .parse(Op::List, &call, &resp(200, body.to_string()))
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        page,
        json!({"items": [{"id": "s1", "status": "ACTIVE"}], "next": "n"})
    );
    let policies = FederationPolicies::<false>::new(api());
    let page = policies
        .parse_list(
            &ListParams::default(),
            &resp(
                200,
                json!({"policies": [{"policy_id": "p1", "service_principal_id": 7}]}).to_string(),
            ),
        )
        .unwrap();
    assert_eq!(page.items[0].service_principal_id.as_ref().unwrap().0, "7");
    let published = PublishedApps(api())
        .parse_list(
            &ListParams::default(),
            &resp(
                200,
                json!({"apps": [{"app_id": "power-bi", "is_confidential_client": false}]})
                    .to_string(),
            ),
        )
        .unwrap();
    assert_eq!(published.items[0].app_id, "power-bi");
}

// ---- records and int64 -------------------------------------------------------------------------

#[test]
fn int64_ids_keep_every_digit_as_strings_or_numbers() {
    let app = apps()
        .parse_record(&resp(200, full_app().to_string()))
        .unwrap();
    assert_eq!(app.principal_id.as_ref().unwrap().0, BIG);
    assert_eq!(app.created_by.as_ref().unwrap().0, "4611686018427387904");
    assert_eq!(app.extra["new_field"], json!({"kept": true}));
    let written: Value = serde_json::from_str(&crate::json::to_text(&app)).unwrap();
    assert_eq!(written["principalId"], json!(BIG));
    assert_eq!(written["createdBy"], json!("4611686018427387904"));
    assert_eq!(
        written["tokenAccessPolicy"],
        json!({"accessTokenTtlInMinutes": 60, "refreshTokenTtlInMinutes": 1440})
    );
    written_as_typed(&app);
    // Text straight off the wire: the number is above 2^53 and must not pass through a float.
    let text = format!(r#"{{"integration_id": "i", "principal_id": {BIG}, "created_by": -5}}"#);
    let app = apps().parse_record(&resp(200, text)).unwrap();
    assert_eq!(app.principal_id.unwrap().0, BIG);
    assert_eq!(app.created_by.unwrap().0, "-5");
    for bad in [
        json!(1.5),
        json!("12a"),
        json!(""),
        json!(true),
        json!(1e300),
    ] {
        let body = json!({"integration_id": "i", "principal_id": bad});
        let err = apps()
            .parse_record(&resp(200, body.to_string()))
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode, "{bad}");
    }
}

#[test]
fn the_neutral_client_view() {
    let client = clients()
        .parse_record(&resp(200, full_app().to_string()))
        .unwrap();
    assert_eq!(client.id, "int-1");
    assert_eq!(client.client_id, "cid-1");
    assert_eq!(client.name.as_deref(), Some("Reports"));
    assert_eq!(client.redirect_uris, ["https://app.example.com/cb"]);
    assert_eq!(client.confidential, Some(true));
    assert_eq!(client.created_at.as_deref(), Some("2025-01-01T00:00:00Z"));
    assert_eq!(client.record.integration_id, "int-1");
    written_as_typed(&client);
}

#[test]
fn malformed_bodies_are_decode_errors() {
    for body in [
        "",
        "[]",
        "{",
        r#"{"apps": {}}"#,
        r#"{"apps": [{"name": "no id"}]}"#,
    ] {
        let err = apps()
            .parse_list(&ListParams::default(), &resp(200, body))
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode, "{body}");
        assert_eq!(err.provider, Some("databricks"));
    }
}

// ---- custom app integrations ---------------------------------------------------------------------

#[test]
fn create_sends_snake_case_and_hands_the_secret_over_once() {
    let input = json!({
        "name": "Reports",
        "redirectUrls": ["https://app.example.com/cb"],
        "confidential": true,
        "scopes": ["all-apis", "offline_access"],
        "userAuthorizedScopes": ["all-apis"],
        "tokenAccessPolicy": {"accessTokenTtlInMinutes": 60, "enableSingleUseRefreshTokens": true},
        "isAgent": false
    });
    let req = apps().create(input).unwrap();
    assert_eq!(
        (req.method, req.url.as_str()),
        (
            Method::Post,
            format!("{ROOT}/oauth2/custom-app-integrations").as_str()
        )
    );
    assert_eq!(
        body_json(&req),
        json!({
            "name": "Reports",
            "redirect_urls": ["https://app.example.com/cb"],
            "confidential": true,
            "scopes": ["all-apis", "offline_access"],
            "user_authorized_scopes": ["all-apis"],
            "token_access_policy": {"access_token_ttl_in_minutes": 60, "enable_single_use_refresh_tokens": true},
            "is_agent": false
        })
    );
    let answer = json!({
        "integration_id": "int-9", "client_id": "cid-9", "client_secret": "dose123",
        "client_secret_expire_time": "2027-01-01T00:00:00Z", "principal_id": BIG
    });
    let created = clients()
        .parse_created(&resp(200, answer.to_string()))
        .unwrap();
    assert_eq!(created.secret.as_ref().unwrap().expose(), "dose123");
    assert_eq!(created.client.id, "int-9");
    assert_eq!(created.client.record.principal_id.as_ref().unwrap().0, BIG);
    let text = crate::json::to_text(&created.client);
    assert!(
        !text.contains("dose123"),
        "the record never keeps the secret: {text}"
    );
    assert!(text.contains("clientSecretExpireTime") || text.contains("client_secret_expire_time"));
    // A public app: no secret.
    let public = apps()
        .parse_created(&resp(
            200,
            json!({"integration_id": "i", "client_id": "c"}).to_string(),
        ))
        .unwrap();
    assert!(public.secret.is_none());
}

#[test]
fn create_checks_before_sending() {
    let err = apps()
        .create(json!({"scopes": ["sql"], "userAuthorizedScopes": ["all-apis"]}))
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("userAuthorizedScopes"));
    let err = apps().create(json!({"redirectUrls": ["/cb"]})).unwrap_err();
    assert_eq!(rejected_field(&err), Some("redirectUrls"));
    let err = apps().create(json!({"redirectUris": []})).unwrap_err();
    assert_eq!(rejected_field(&err), Some("redirectUris"));
}

#[test]
fn update_patches_then_reads_back() {
    let kind = kind("clients");
    let call = Call {
        id: Some("int-1".into()),
        input: Some(json!({"redirectUrls": ["https://new.example.com/cb"], "scopes": ["sql"]})),
        ..Call::default()
    };
    let Step::Lookup(patch) = kind.build(Op::Update, &call, None).unwrap() else {
        panic!("the PATCH goes first");
    };
    assert_eq!(
        (patch.method, patch.url.as_str()),
        (
            Method::Patch,
            format!("{ROOT}/oauth2/custom-app-integrations/int-1").as_str()
        )
    );
    assert_eq!(
        body_json(&patch),
        json!({"redirect_urls": ["https://new.example.com/cb"], "scopes": ["sql"]})
    );
    let get = sent(
        kind.build(Op::Update, &call, Some(&resp(200, "{}")))
            .unwrap(),
    );
    assert_eq!((get.method, get.url), (Method::Get, patch.url.clone()));
    let result = kind
        .parse(Op::Update, &call, &resp(200, full_app().to_string()))
        .unwrap()
        .unwrap();
    assert!(result.contains("\"id\":\"int-1\""));
    // A failed PATCH is the update's error; nothing is read back.
    let failed = resp(
        404,
        json!({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no such app"}).to_string(),
    );
    let err = kind.build(Op::Update, &call, Some(&failed)).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::NotFound, "no such app")
    );
}

#[test]
fn update_rejects_fixed_fields_and_checks_the_rest() {
    for field in ["name", "confidential"] {
        let err = apps().update("i", json!({ field: "x" })).unwrap_err();
        assert_eq!(rejected_field(&err), Some(field));
        assert_eq!(err.kind, ErrorKind::Validation);
    }
    let err = apps()
        .update(
            "i",
            json!({"scopes": ["sql"], "userAuthorizedScopes": ["email"]}),
        )
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("userAuthorizedScopes"));
    assert_eq!(
        rejected_field(&apps().update("", json!({})).unwrap_err()),
        Some("id")
    );
}

#[test]
fn delete_and_get_paths() {
    let req = apps().delete("a b").unwrap();
    assert_eq!(
        (req.method, req.url),
        (
            Method::Delete,
            format!("{ROOT}/oauth2/custom-app-integrations/a%20b")
        )
    );
    assert!(apps().parse_deleted(&resp(200, "{}")).is_ok());
    assert!(apps().parse_deleted(&resp(200, "")).is_ok());
    assert_eq!(
        apps().parse_deleted(&resp(404, "")).unwrap_err().kind,
        ErrorKind::NotFound
    );
}

// ---- published app integrations -------------------------------------------------------------------

#[test]
fn published_app_integrations() {
    let kind = PublishedAppIntegrations(api());
    let req = kind
        .create(json!({"appId": "power-bi", "tokenAccessPolicy": {"accessTokenTtlInMinutes": 30}}))
        .unwrap();
    assert_eq!(req.url, format!("{ROOT}/oauth2/published-app-integrations"));
    assert_eq!(
        body_json(&req),
        json!({"app_id": "power-bi", "token_access_policy": {"access_token_ttl_in_minutes": 30}})
    );
    let created = kind
        .parse_created(&resp(200, r#"{"integration_id": "pi-1"}"#))
        .unwrap();
    assert_eq!(created.integration_id, "pi-1");
    assert_eq!(
        rejected_field(&kind.create(json!({"appId": " "})).unwrap_err()),
        Some("appId")
    );
    let patch = kind
        .update(
            "pi-1",
            json!({"tokenAccessPolicy": {"refreshTokenTtlInMinutes": 90}}),
        )
        .unwrap();
    assert_eq!(
        body_json(&patch),
        json!({"token_access_policy": {"refresh_token_ttl_in_minutes": 90}})
    );
    let read =
        PublishedAppIntegrations::READ_BACK.unwrap()(&kind, "pi-1", &resp(200, "{}")).unwrap();
    assert_eq!(
        read.url,
        format!("{ROOT}/oauth2/published-app-integrations/pi-1")
    );
    let record = kind
        .parse_record(&resp(
            200,
            json!({"integration_id": "pi-1", "app_id": "tableau-deskop", "created_by": "12"})
                .to_string(),
        ))
        .unwrap();
    assert_eq!(record.created_by.unwrap().0, "12");
}

// ---- service-principal secrets ----------------------------------------------------------------------

#[test]
fn secrets_are_under_their_service_principal() {
    let kind = kind("servicePrincipalSecrets");
    let call = |parents: Vec<&str>, input: Option<Value>| Call {
        parents: parents.into_iter().map(str::to_owned).collect(),
        input,
        id: Some("sec-1".into()),
        params: params(Some(2), Some("n1")),
        ..Call::default()
    };
    let list = sent(kind.build(Op::List, &call(vec!["42"], None), None).unwrap());
    assert_eq!(
        list.url,
        format!("{ROOT}/servicePrincipals/42/credentials/secrets?page_size=2&page_token=n1")
    );
    let create = sent(
        kind.build(
            Op::Create,
            &call(
                vec!["42"],
                Some(json!({"lifetimeSeconds": 3600, "scopes": ["sql"]})),
            ),
            None,
        )
        .unwrap(),
    );
    assert_eq!(create.method, Method::Post);
    assert_eq!(
        body_json(&create),
        json!({"lifetime": "3600s", "scopes": ["sql"]})
    );
    let default = sent(
        kind.build(Op::Create, &call(vec!["42"], Some(json!({}))), None)
            .unwrap(),
    );
    assert_eq!(body_json(&default), json!({}));
    let delete = sent(
        kind.build(Op::Delete, &call(vec!["42"], None), None)
            .unwrap(),
    );
    assert_eq!(
        delete.url,
        format!("{ROOT}/servicePrincipals/42/credentials/secrets/sec-1")
    );
    // Parents: exactly one, numeric.
    for bad in [vec![], vec!["abc"], vec![""], vec!["1", "2"]] {
        let err = kind
            .build(Op::List, &call(bad.clone(), None), None)
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{bad:?}");
    }
    let err = kind
        .build(Op::Get, &call(vec!["42"], None), None)
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    let err = kind
        .build(
            Op::Create,
            &call(vec!["42"], Some(json!({"lifetimeSeconds": 0}))),
            None,
        )
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("lifetimeSeconds"));
}

#[test]
fn a_created_secret_comes_apart_from_its_info() {
    let kind = ServicePrincipalSecrets::new(api());
    let body = json!({
        "id": "sec-1", "secret": "dose-sp-secret", "secret_hash": "ab12", "status": "ACTIVE",
        "scopes": ["all-apis"], "create_time": "2025-01-01T00:00:00Z", "update_time": "2025-01-01T00:00:00Z",
        "expire_time": "2027-01-01T00:00:00Z"
    });
    let created = kind.parse_created(&resp(200, body.to_string())).unwrap();
    assert_eq!(created.secret.expose(), "dose-sp-secret");
    assert_eq!(created.info.id, "sec-1");
    let text = crate::json::to_text(&created);
    assert_eq!(text.matches("dose-sp-secret").count(), 1, "{text}");
    assert!(!format!("{created:?}").contains("dose-sp-secret"));
    written_as_typed(&created);
    let err = kind
        .parse_created(&resp(200, json!({"id": "sec-1"}).to_string()))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
}

// ---- federation policies ------------------------------------------------------------------------------

#[test]
fn policies_create_with_an_optional_id_in_the_query() {
    let account = FederationPolicies::<false>::new(api());
    let req = account
        .create(json!({
            "policyId": "github-ci/main",
            "description": "CI",
            "oidcPolicy": {"issuer": "https://token.actions.githubusercontent.com", "audiences": ["dbx"], "subjectClaim": "sub"}
        }))
        .unwrap();
    assert_eq!(
        req.url,
        format!("{ROOT}/federationPolicies?policy_id=github-ci%2Fmain")
    );
    assert_eq!(
        body_json(&req),
        json!({"description": "CI", "oidc_policy": {"issuer": "https://token.actions.githubusercontent.com", "audiences": ["dbx"], "subject_claim": "sub"}})
    );
    assert_eq!(
        account.create(json!({})).unwrap().url,
        format!("{ROOT}/federationPolicies")
    );
    for (input, field) in [
        (json!({"policyId": "Upper"}), "policyId"),
        (json!({"policyId": "a b"}), "policyId"),
        (
            json!({"oidcPolicy": {"issuer": "not a url"}}),
            "oidcPolicy.issuer",
        ),
        (
            json!({"oidcPolicy": {"jwksUri": "/keys"}}),
            "oidcPolicy.jwksUri",
        ),
        (
            json!({"oidcPolicy": {"jwksJson": "{nope"}}),
            "oidcPolicy.jwksJson",
        ),
    ] {
        let err = account.create(input.clone()).unwrap_err();
        assert_eq!(rejected_field(&err), Some(field), "{input}");
    }
}

#[test]
fn policy_updates_mask_exactly_the_fields_given() {
    let policies = kind("servicePrincipalFederationPolicies");
    let call = Call {
        parents: vec!["77".into()],
        id: Some("p1".into()),
        input: Some(
            json!({"description": "d", "oidcPolicy": {"audiences": ["a"], "subject": "repo:x"}}),
        ),
        ..Call::default()
    };
    let req = sent(policies.build(Op::Update, &call, None).unwrap());
    assert_eq!(req.method, Method::Patch);
    assert_eq!(
        req.url,
        format!("{ROOT}/servicePrincipals/77/federationPolicies/p1?update_mask=description%2Coidc_policy.audiences%2Coidc_policy.subject")
    );
    assert_eq!(
        body_json(&req),
        json!({"description": "d", "oidc_policy": {"audiences": ["a"], "subject": "repo:x"}})
    );
    assert_eq!(update_mask(&json!({"oidc_policy": {}})), "oidc_policy");
    let empty = Call {
        input: Some(json!({})),
        ..call
    };
    assert_eq!(
        policies.build(Op::Update, &empty, None).unwrap_err().kind,
        ErrorKind::Validation
    );
    let answer = json!({"policy_id": "p1", "service_principal_id": BIG, "oidc_policy": {"issuer": "https://i"}});
    let record = FederationPolicies::<true>::new(api())
        .parse_updated(&resp(200, answer.to_string()))
        .unwrap();
    assert_eq!(record.service_principal_id.unwrap().0, BIG);
    assert_eq!(
        record.oidc_policy.unwrap().issuer.as_deref(),
        Some("https://i")
    );
}

// ---- errors ---------------------------------------------------------------------------------------------

#[test]
fn error_code_decides_the_kind_whatever_the_status() {
    let table = [
        (400, "INVALID_PARAMETER_VALUE", ErrorKind::Validation),
        (500, "INVALID_PARAMETER_VALUE", ErrorKind::Validation),
        (400, "RESOURCE_DOES_NOT_EXIST", ErrorKind::NotFound),
        (400, "ALREADY_EXISTS", ErrorKind::Conflict),
        (400, "RESOURCE_ALREADY_EXISTS", ErrorKind::Conflict),
        (400, "REQUEST_LIMIT_EXCEEDED", ErrorKind::RateLimit),
        (503, "RESOURCE_EXHAUSTED", ErrorKind::RateLimit),
        (400, "INVALID_STATE", ErrorKind::Validation),
        (409, "ABORTED", ErrorKind::Conflict),
        (400, "DATA_LOSS", ErrorKind::Server),
        (403, "SOMETHING_NEW", ErrorKind::PermissionDenied),
    ];
    for (status, code, kind) in table {
        let body = json!({"error_code": code, "message": "m"});
        let err = error_from(&resp(status, body.to_string()));
        assert_eq!(
            (err.kind, err.code.as_deref(), err.status),
            (kind, Some(code), Some(status)),
            "{code}"
        );
        assert_eq!(err.provider, Some("databricks"));
    }
}

#[test]
fn details_are_kept_and_a_retry_info_delay_is_a_hint() {
    let body = json!({
        "error_code": "REQUEST_LIMIT_EXCEEDED",
        "message": "Too many requests",
        "details": [
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT", "domain": "databricks.com"},
            {"@type": "type.googleapis.com/google.rpc.RequestInfo", "request_id": "req-7", "serving_data": ""},
            {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retry_delay": "2.5s"},
            {"@type": "type.googleapis.com/google.rpc.BadRequest", "field_violations": [{"field": "scopes", "description": "bad scope"}]}
        ]
    });
    let err = error_from(&resp(400, body.to_string()));
    assert_eq!(err.kind, ErrorKind::RateLimit);
    assert_eq!(err.retry_after_ms, Some(2500));
    assert_eq!(err.request_id.as_deref(), Some("req-7"));
    let codes: Vec<_> = err
        .details
        .iter()
        .map(|d| d.code.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        codes,
        ["ErrorInfo", "RequestInfo", "RetryInfo", "BadRequest"]
    );
    assert_eq!(err.details[0].message, "RATE_LIMIT");
    assert_eq!(err.details[3].field.as_deref(), Some("scopes"));
    assert_eq!(err.details[3].message, "bad scope");
    let object_delay = json!({"details": [{"@type": "x/google.rpc.RetryInfo", "retryDelay": {"seconds": "3", "nanos": 500000000}}]});
    assert_eq!(
        error_from(&resp(429, object_delay.to_string())).retry_after_ms,
        Some(3500)
    );
    for junk in [
        json!("soon"),
        json!("-1s"),
        json!("1.xs"),
        json!({"seconds": "x"}),
    ] {
        let body = json!({"details": [{"@type": "google.rpc.RetryInfo", "retry_delay": junk}]});
        assert_eq!(
            error_from(&resp(429, body.to_string())).retry_after_ms,
            None,
            "{junk}"
        );
    }
}

#[test]
fn every_other_error_body_is_read() {
    let cases = [
        (400, r#"{"error": "legacy failure"}"#, ErrorKind::Validation, None, "legacy failure"),
        (
            404,
            r#"{"detail": "User not found", "status": "404", "scimType": "invalidValue", "schemas": []}"#,
            ErrorKind::NotFound,
            Some("invalidValue"),
            "User not found",
        ),
        (
            400,
            "RESOURCE_DOES_NOT_EXIST: no such policy",
            ErrorKind::NotFound,
            Some("RESOURCE_DOES_NOT_EXIST"),
            "no such policy",
        ),
        (
            502,
            "<html><head><title>502 Bad Gateway</title></head><body><pre>upstream failed</pre></body></html>",
            ErrorKind::Server,
            None,
            "upstream failed",
        ),
        (503, "<html><title>Maintenance</title></html>", ErrorKind::Server, None, "Maintenance"),
        (500, "plain words", ErrorKind::Server, None, "plain words"),
        (401, "", ErrorKind::Authentication, None, "databricks answered HTTP 401"),
        (403, "   ", ErrorKind::PermissionDenied, None, "databricks answered HTTP 403"),
    ];
    for (status, body, kind, code, message) in cases {
        let err = error_from(&resp(status, body));
        assert_eq!(
            (err.kind, err.code.as_deref(), err.message.as_str()),
            (kind, code, message),
            "{body}"
        );
    }
}

#[test]
fn every_operation_of_every_kind_has_its_method_and_path() {
    let sp = |id: &str| Call {
        parents: vec!["42".into()],
        id: Some(id.into()),
        ..Call::default()
    };
    let plain = |id: &str| Call {
        id: Some(id.into()),
        ..Call::default()
    };
    let table = [
        (
            "customAppIntegrations",
            Op::Get,
            plain("a"),
            Method::Get,
            "oauth2/custom-app-integrations/a",
        ),
        (
            "customAppIntegrations",
            Op::Delete,
            plain("a"),
            Method::Delete,
            "oauth2/custom-app-integrations/a",
        ),
        (
            "publishedApps",
            Op::List,
            plain("x"),
            Method::Get,
            "oauth2/published-apps",
        ),
        (
            "publishedAppIntegrations",
            Op::Get,
            plain("p"),
            Method::Get,
            "oauth2/published-app-integrations/p",
        ),
        (
            "publishedAppIntegrations",
            Op::Delete,
            plain("p"),
            Method::Delete,
            "oauth2/published-app-integrations/p",
        ),
        (
            "servicePrincipalSecrets",
            Op::Delete,
            sp("s"),
            Method::Delete,
            "servicePrincipals/42/credentials/secrets/s",
        ),
        (
            "federationPolicies",
            Op::Get,
            plain("f/1"),
            Method::Get,
            "federationPolicies/f%2F1",
        ),
        (
            "federationPolicies",
            Op::Delete,
            plain("f"),
            Method::Delete,
            "federationPolicies/f",
        ),
        (
            "federationPolicies",
            Op::List,
            plain("f"),
            Method::Get,
            "federationPolicies",
        ),
        (
            "servicePrincipalFederationPolicies",
            Op::Get,
            sp("f"),
            Method::Get,
            "servicePrincipals/42/federationPolicies/f",
        ),
        (
            "servicePrincipalFederationPolicies",
            Op::Delete,
            sp("f"),
            Method::Delete,
            "servicePrincipals/42/federationPolicies/f",
        ),
    ];
    for (name, op, call, method, path) in table {
        let req = sent(kind(name).build(op, &call, None).unwrap());
        assert_eq!(
            (req.method, req.url),
            (method, format!("{ROOT}/{path}")),
            "{name} {op:?}"
        );
    }
    // Deletes answer `{}` or nothing; a failure is the error its body reports.
    for name in [
        "customAppIntegrations",
        "publishedAppIntegrations",
        "federationPolicies",
    ] {
        let kind = kind(name);
        assert_eq!(
            kind.parse(Op::Delete, &plain("a"), &resp(200, "{}"))
                .unwrap(),
            None
        );
        let gone = resp(
            404,
            r#"{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"gone"}"#,
        );
        assert_eq!(
            kind.parse(Op::Delete, &plain("a"), &gone)
                .unwrap_err()
                .message,
            "gone"
        );
    }
}

#[test]
fn a_created_app_is_what_was_sent_with_the_ids_the_answer_adds() {
    let call = Call {
        input: Some(
            json!({"name": "Reports", "redirectUrls": ["https://r.example.com/cb"], "confidential": true, "tokenAccessPolicy": {"accessTokenTtlInMinutes": 30}}),
        ),
        ..Call::default()
    };
    let answer = json!({"integration_id": "int-9", "client_id": "cid-9", "client_secret": "dose1", "principal_id": BIG});
    let text = kind("clients")
        .parse(Op::Create, &call, &resp(200, answer.to_string()))
        .unwrap()
        .unwrap();
    let created: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(created["secret"], "dose1");
    let client = &created["client"];
    assert_eq!(
        (client["id"].as_str(), client["name"].as_str()),
        (Some("int-9"), Some("Reports"))
    );
    assert_eq!(client["redirectUris"], json!(["https://r.example.com/cb"]));
    assert_eq!(client["confidential"], true);
    assert_eq!(client["record"]["principalId"], BIG);
    assert_eq!(
        client["record"]["tokenAccessPolicy"],
        json!({"accessTokenTtlInMinutes": 30})
    );
    assert!(
        !text.contains("\"clientSecret\""),
        "the secret is only the result's `secret`: {text}"
    );
    let failed = resp(
        400,
        r#"{"error_code":"INVALID_PARAMETER_VALUE","message":"bad"}"#,
    );
    let err = kind("clients")
        .parse(Op::Create, &call, &failed)
        .unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::Validation, "bad")
    );
}
