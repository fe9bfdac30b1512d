use super::*;
use crate::auth::Credentials;
use crate::error::ErrorKind;
use crate::model::Secret;
use crate::provider::test_support::{
    body_json, rejected_field, resp, sorted, unsupported, vendor_examples, written_as_typed,
};
use crate::provider::{Call, DynKind, Op};
use serde_json::{json, Value};

const BASE: &str = "https://acme.api.identitynow.com";
const CLIENTS: &str = "https://acme.api.identitynow.com/beta/oauth-clients";
const ID: &str = "ef38f94347e94562b5bb8424a56397d8";

fn sailpoint() -> SailPoint {
    SailPoint::new(Some(BASE), None).unwrap()
}

/// A get response with every field the reference lists.
fn full_client() -> Value {
    json!({
        "id": ID,
        "secret": null,
        "businessName": "Acme-Solar",
        "homepageUrl": "http://localhost:12345",
        "name": "Demo API Client",
        "description": "An API client used for the authorization_code, refresh_token, and client_credentials flows",
        "accessTokenValiditySeconds": 750,
        "refreshTokenValiditySeconds": 86400,
        "redirectUris": ["http://localhost:12345"],
        "grantTypes": ["AUTHORIZATION_CODE", "CLIENT_CREDENTIALS", "REFRESH_TOKEN"],
        "accessType": "OFFLINE",
        "type": "CONFIDENTIAL",
        "internal": false,
        "enabled": true,
        "strongAuthSupported": false,
        "claimsSupported": false,
        "created": "2017-07-11T18:45:37.098Z",
        "modified": "2018-06-25T20:22:28.104Z",
        "scope": ["demo:api-client-scope:first", "demo:api-client-scope:second"],
        "metadata": "{\"owner\":\"ops\"}",
        "lastUsed": "2017-07-11T18:45:37.098Z"
    })
}

fn list_of(params: ListParams) -> Result<HttpRequest> {
    sailpoint().list(&params)
}

fn filtered(before: Option<&str>, never: Option<bool>) -> ListParams {
    ListParams {
        last_used_before: before.map(str::to_owned),
        never_used: never,
        ..ListParams::default()
    }
}

/// The error a parser reports for `status` and `body`.
fn error(status: u16, body: &str) -> Error {
    sailpoint().parse_record(&resp(status, body)).unwrap_err()
}

fn update(changes: Value) -> Result<HttpRequest> {
    sailpoint().update(ID, changes)
}

// ---- construction -------------------------------------------------------------------------

#[test]
fn base_url_is_required_and_versions_pick_the_path() {
    let err = SailPoint::new(None, None).unwrap_err();
    assert_eq!(rejected_field(&err), Some("baseUrl"));
    for version in SailPointApiVersion::VALUES {
        let api = SailPoint::new(
            Some("https://acme.api.identitynow.com/"),
            Some(crate::json::read_text(&format!("\"{version}\"")).unwrap()),
        )
        .unwrap();
        assert_eq!(
            api.get(ID).unwrap().url,
            format!("{BASE}/{version}/oauth-clients/{ID}")
        );
    }
    let err =
        SailPoint::new(Some(BASE), Some(SailPointApiVersion::Other("v1".into()))).unwrap_err();
    assert_eq!(rejected_field(&err), Some("apiVersion"));
}

#[test]
fn connect_takes_a_bearer_or_client_credentials_posted_to_oauth_token() {
    let resolve = |auth: Value| {
        crate::config::resolve(json!({"provider": "sailpoint", "baseUrl": BASE, "auth": auth}))
    };
    let bearer = resolve(json!({"bearer": "tok"})).unwrap();
    assert_eq!(
        bearer.connection.credentials,
        Credentials::Bearer(Secret::new("tok"))
    );
    let cc = resolve(json!({"clientId": "pat-id", "clientSecret": "pat-secret"})).unwrap();
    let Credentials::ClientCredentials(cc) = cc.connection.credentials else {
        panic!("client credentials expected");
    };
    assert_eq!(cc.token_url, format!("{BASE}/oauth/token"));
    assert_eq!(cc.style, TokenStyle::FormPost);
    let token = crate::auth::token_request(&cc);
    assert_eq!(
        token.body.as_deref(),
        Some("grant_type=client_credentials&client_id=pat-id&client_secret=pat-secret")
    );
    let err = resolve(json!({"clientId": "a", "clientSecret": "b", "scope": "x"})).unwrap_err();
    assert_eq!(rejected_field(&err), Some("auth.scope"));
    let err = resolve(json!({"email": "a@b.c", "apiKey": "k"})).unwrap_err();
    assert_eq!(rejected_field(&err), Some("auth"));
    let err = crate::config::resolve(json!({"provider": "sailpoint", "auth": {"bearer": "t"}}))
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("baseUrl"));
}

// ---- requests -----------------------------------------------------------------------------

#[test]
fn every_request_has_its_method_and_url() {
    let s = sailpoint();
    let cases = [
        (
            s.list(&ListParams::default()).unwrap(),
            Method::Get,
            CLIENTS.to_owned(),
        ),
        (s.get(ID).unwrap(), Method::Get, format!("{CLIENTS}/{ID}")),
        (
            s.create(json!({"name": "A"})).unwrap(),
            Method::Post,
            CLIENTS.to_owned(),
        ),
        (
            s.update(ID, json!({"enabled": false})).unwrap(),
            Method::Patch,
            format!("{CLIENTS}/{ID}"),
        ),
        (
            s.delete(ID).unwrap(),
            Method::Delete,
            format!("{CLIENTS}/{ID}"),
        ),
    ];
    for (req, method, url) in cases {
        assert_eq!((req.method, req.url.as_str()), (method, url.as_str()));
        let has_body = matches!(method, Method::Post | Method::Patch);
        assert_eq!(req.body.is_some(), has_body, "{method:?}");
    }
    assert_eq!(s.get("a/b").unwrap().url, format!("{CLIENTS}/a%2Fb"));
    assert_eq!(rejected_field(&s.delete(" ").unwrap_err()), Some("id"));
}

#[test]
fn stale_filters_build_the_filters_expression_escaped() {
    let url = |before, never| list_of(filtered(before, never)).unwrap().url;
    assert_eq!(
        url(Some("2023-02-05T10:59:27.214Z"), None),
        format!("{CLIENTS}?filters=lastUsed%20le%202023-02-05T10%3A59%3A27.214Z")
    );
    assert_eq!(
        url(None, Some(true)),
        format!("{CLIENTS}?filters=lastUsed%20isnull")
    );
    assert_eq!(
        url(Some("2024-01-01T00:00:00+02:00"), Some(true)),
        format!(
            "{CLIENTS}?filters=lastUsed%20le%202024-01-01T00%3A00%3A00%2B02%3A00%20or%20lastUsed%20isnull"
        )
    );
    assert_eq!(url(None, Some(false)), CLIENTS, "false is no filter");
}

#[test]
fn malformed_times_are_refused_naming_last_used_before() {
    for bad in [
        "",
        "2023-02-05",
        "2023-02-05T10:59:27",
        "2023-02-30T10:59:27Z",
        "2023-13-01T00:00:00Z",
        "2023-02-05T24:00:00Z",
        "2023-02-05T10:60:00Z",
        "2023-02-05T10:59:27.Z",
        "2023-02-05T10:59:27+0200",
        "2023-02-05T10:59:27Z or name eq x",
        "2023-02-05T10:59:27Z&x=1",
        "2023-02-05 10:59:27Z",
        "２０２３-02-05T10:59:27Z",
    ] {
        let err = list_of(filtered(Some(bad), None)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{bad}");
        assert_eq!(rejected_field(&err), Some("lastUsedBefore"), "{bad}");
    }
    for good in [
        "2024-02-29T23:59:60Z",
        "2023-02-05t10:59:27.123456789z",
        "2023-02-05T10:59:27-05:30",
    ] {
        assert!(is_rfc3339(good), "{good}");
    }
}

#[test]
fn sorting_and_cursors_are_refused_and_undeclared_filters_never_reach_the_kind() {
    assert_eq!(
        rejected_field(&list_of(sorted("name")).unwrap_err()),
        Some("sort")
    );
    let cursor = ListParams {
        cursor: Some("2".into()),
        ..ListParams::default()
    };
    assert_eq!(
        rejected_field(&list_of(cursor).unwrap_err()),
        Some("cursor")
    );
    let named = Call {
        params: crate::provider::test_support::named("x"),
        ..Call::default()
    };
    let err = sailpoint().build(Op::List, &named, None).unwrap_err();
    assert_eq!(rejected_field(&err), Some("name"));
    assert!(
        err.message.contains("lastUsedBefore, neverUsed"),
        "{}",
        err.message
    );
}

#[test]
fn create_fills_the_documented_defaults_in_wire_case() {
    let req = sailpoint().create(json!({"name": "CI"})).unwrap();
    assert_eq!(req.header_value("content-type"), Some("application/json"));
    assert_eq!(
        body_json(&req),
        json!({
            "name": "CI",
            "description": "",
            "grantTypes": ["CLIENT_CREDENTIALS"],
            "accessType": "OFFLINE",
            "accessTokenValiditySeconds": 750,
            "enabled": true
        })
    );
}

#[test]
fn create_sends_every_field_given_as_typed() {
    let input = json!({
        "name": "Portal",
        "description": "d",
        "grantTypes": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
        "accessType": "ONLINE",
        "accessTokenValiditySeconds": 2147483647,
        "enabled": false,
        "refreshTokenValiditySeconds": 86400,
        "redirectUris": ["https://portal.test/cb"],
        "businessName": "Acme",
        "homepageUrl": "https://portal.test",
        "type": "PUBLIC",
        "internal": false,
        "strongAuthSupported": true,
        "claimsSupported": true,
        "scope": ["sp:scopes:all"]
    });
    let req = sailpoint().create(input.clone()).unwrap();
    assert_eq!(body_json(&req), input);
    let caps = sailpoint().describe();
    let names: std::collections::BTreeSet<&str> =
        caps.create_fields.iter().map(|f| f.name).collect();
    let keys: std::collections::BTreeSet<&str> = input
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, keys, "every create field has a form field");
}

#[test]
fn create_checks_before_sending_naming_the_field() {
    let cases = [
        (json!({}), "name"),
        (json!({"name": " "}), "name"),
        (
            json!({"name": "A", "grantTypes": ["AUTHORIZATION_CODE"]}),
            "redirectUris",
        ),
        (
            json!({"name": "A", "grantTypes": ["AUTHORIZATION_CODE"], "redirectUris": []}),
            "redirectUris",
        ),
        (
            json!({"name": "A", "redirectUris": ["/cb"]}),
            "redirectUris",
        ),
        (
            json!({"name": "A", "homepageUrl": "acme.test"}),
            "homepageUrl",
        ),
        (
            json!({"name": "A", "accessTokenValiditySeconds": 0}),
            "accessTokenValiditySeconds",
        ),
        (
            json!({"name": "A", "accessTokenValiditySeconds": 2147483648u64}),
            "accessTokenValiditySeconds",
        ),
        (
            json!({"name": "A", "accessTokenValiditySeconds": 1.5}),
            "accessTokenValiditySeconds",
        ),
        (
            json!({"name": "A", "refreshTokenValiditySeconds": -1}),
            "refreshTokenValiditySeconds",
        ),
        (
            json!({"name": "A", "grantTypes": ["client_credentials"]}),
            "grantTypes",
        ),
        (
            json!({"name": "A", "accessType": "SOMETIMES"}),
            "accessType",
        ),
        (json!({"name": "A", "type": "SECRET"}), "type"),
        (json!({"name": "A", "enabled": "yes"}), "enabled"),
        (json!({"name": "A", "secret": "x"}), "secret"),
    ];
    for (input, field) in cases {
        let err = sailpoint().create(input.clone()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{input}");
        assert_eq!(rejected_field(&err), Some(field), "{input}");
    }
}

#[test]
fn update_is_one_replace_per_field_as_a_json_patch() {
    let req = update(json!({
        "strongAuthSupported": true,
        "businessName": "acme-solar",
        "accessTokenValiditySeconds": 900,
        "grantTypes": ["CLIENT_CREDENTIALS"],
        "description": null
    }))
    .unwrap();
    assert_eq!(
        req.header_value("content-type"),
        Some("application/json-patch+json")
    );
    assert_eq!(
        body_json(&req),
        json!([
            {"op": "replace", "path": "/accessTokenValiditySeconds", "value": 900},
            {"op": "replace", "path": "/businessName", "value": "acme-solar"},
            {"op": "replace", "path": "/description", "value": null},
            {"op": "replace", "path": "/grantTypes", "value": ["CLIENT_CREDENTIALS"]},
            {"op": "replace", "path": "/strongAuthSupported", "value": true}
        ])
    );
}

#[test]
fn the_vendor_patch_example_is_what_update_sends() {
    let Some(dir) = vendor_examples("sailpoint") else {
        return;
    };
    let text =
        std::fs::read_to_string(dir.join("patch_oauth_client.request.example.json")).unwrap();
    let mut example: Vec<Value> = serde_json::from_str(&text).unwrap();
    let req = update(json!({"strongAuthSupported": true, "businessName": "acme-solar"})).unwrap();
    example.sort_by_key(|op| op["path"].as_str().map(str::to_owned));
    assert_eq!(body_json(&req), Value::Array(example));
}

#[test]
fn every_patchable_field_can_be_patched_and_nothing_else() {
    let patchable = [
        ("tenant", json!("acme")),
        ("businessName", json!("b")),
        ("homepageUrl", json!("https://a.test")),
        ("name", json!("n")),
        ("description", json!("d")),
        ("accessTokenValiditySeconds", json!(60)),
        ("refreshTokenValiditySeconds", json!(60)),
        ("redirectUris", json!(["https://a.test/cb"])),
        ("grantTypes", json!(["REFRESH_TOKEN"])),
        ("accessType", json!("ONLINE")),
        ("enabled", json!(true)),
        ("strongAuthSupported", json!(false)),
        ("claimsSupported", json!(true)),
    ];
    for (field, value) in patchable {
        let req = update(json!({ field: value.clone() })).unwrap();
        assert_eq!(
            body_json(&req),
            json!([{"op": "replace", "path": format!("/{field}"), "value": value}])
        );
    }
    for field in [
        "type", "internal", "scope", "secret", "id", "created", "modified", "lastUsed", "metadata",
    ] {
        let err = update(json!({ field: "x" })).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{field}");
        assert_eq!(rejected_field(&err), Some(field));
        assert!(err.message.contains("patch"), "{}", err.message);
    }
}

#[test]
fn update_checks_values_before_sending() {
    for (changes, field) in [
        (json!({}), "changes"),
        (json!({"name": null}), "name"),
        (json!({"name": ""}), "name"),
        (json!({"enabled": null}), "enabled"),
        (json!({"enabled": "true"}), "enabled"),
        (
            json!({"accessTokenValiditySeconds": 0}),
            "accessTokenValiditySeconds",
        ),
        (json!({"redirectUris": ["not a url"]}), "redirectUris"),
        (json!({"homepageUrl": "nope"}), "homepageUrl"),
        (json!({"accessType": "LATER"}), "accessType"),
        (
            json!({"grantTypes": ["AUTHORIZATION_CODE"], "redirectUris": null}),
            "redirectUris",
        ),
    ] {
        let err = update(changes.clone()).unwrap_err();
        assert_eq!(rejected_field(&err), Some(field), "{changes}");
    }
    // The redirect URIs the server holds are not known here: a code grant alone is sent.
    assert!(update(json!({"grantTypes": ["AUTHORIZATION_CODE"]})).is_ok());
    let cleared =
        update(json!({"redirectUris": null, "homepageUrl": null, "businessName": null})).unwrap();
    assert_eq!(body_json(&cleared).as_array().map(Vec::len), Some(3));
    // An emptied form field clears too, rather than failing the URL check.
    let emptied = update(json!({"homepageUrl": "", "description": ""})).unwrap();
    assert_eq!(
        body_json(&emptied),
        json!([
            {"op": "replace", "path": "/description", "value": null},
            {"op": "replace", "path": "/homepageUrl", "value": null},
        ])
    );
}

#[test]
fn rotate_secret_is_unsupported_and_absent_from_the_capabilities() {
    let err = unsupported(&sailpoint(), Op::RotateSecret);
    assert_eq!(
        (err.kind, err.provider),
        (ErrorKind::Unsupported, Some("sailpoint"))
    );
    let caps = sailpoint().describe();
    assert!(!caps.operations.rotate_secret && !caps.operations.delete_rotated_secret);
    assert!(caps.operations.list && caps.operations.update && caps.operations.delete);
    assert_eq!(caps.paging, PagingStyle::Single);
    assert_eq!(caps.filters, ["lastUsedBefore", "neverUsed"]);
    assert!(caps.sort_fields.is_empty());
    let update_fields: Vec<&str> = caps.update_fields.iter().map(|f| f.name).collect();
    assert!(!update_fields.contains(&"type") && update_fields.contains(&"enabled"));
    assert!(caps.update_fields.iter().all(|f| !f.required));
}

// ---- responses ----------------------------------------------------------------------------

#[test]
fn the_record_keeps_every_field_and_the_view_maps_it() {
    let client = sailpoint()
        .parse_record(&resp(200, full_client().to_string()))
        .unwrap();
    assert_eq!(client.id, ID);
    assert_eq!(client.client_id, ID);
    assert_eq!(client.name.as_deref(), Some("Demo API Client"));
    assert_eq!(
        client.grant_types,
        ["authorization_code", "client_credentials", "refresh_token"]
    );
    assert_eq!(client.scopes.len(), 2);
    assert_eq!(client.confidential, Some(true));
    assert_eq!(
        client.created_at.as_deref(),
        Some("2017-07-11T18:45:37.098Z")
    );
    assert_eq!(
        client.updated_at.as_deref(),
        Some("2018-06-25T20:22:28.104Z")
    );
    assert_eq!(
        client.last_used_at.as_deref(),
        Some("2017-07-11T18:45:37.098Z")
    );
    let record = &client.record;
    assert_eq!(record.access_type, Some(SailPointAccessType::Offline));
    assert_eq!(record.metadata.as_deref(), Some("{\"owner\":\"ops\"}"));
    assert!(record.extra.is_empty(), "{:?}", record.extra);
    // Written back, the record is the get response (its null secret aside).
    let written: Value = serde_json::from_str(&crate::json::to_text(record)).unwrap();
    let mut expected = full_client();
    expected.as_object_mut().unwrap().remove("secret");
    assert_eq!(written, expected);
}

#[test]
fn unknown_fields_and_enum_values_are_kept_and_nulls_read_as_absent() {
    let body = json!({
        "id": ID,
        "grantTypes": ["DEVICE_CODE"],
        "accessType": "HYBRID",
        "type": "SEMI",
        "lastUsed": null,
        "description": null,
        "redirectUris": null,
        "scope": null,
        "futureField": {"a": 1}
    });
    let client = sailpoint()
        .parse_record(&resp(200, body.to_string()))
        .unwrap();
    assert_eq!(client.grant_types, ["device_code"]);
    assert_eq!(
        client.record.access_type,
        Some(SailPointAccessType::Other("HYBRID".into()))
    );
    assert_eq!(client.confidential, None);
    assert_eq!(client.last_used_at, None);
    assert!(client.redirect_uris.is_empty() && client.scopes.is_empty());
    assert_eq!(client.record.extra["futureField"], json!({"a": 1}));
}

#[test]
fn the_list_is_a_bare_array_in_one_page() {
    let body = json!([full_client(), {"id": "b", "lastUsed": null}]).to_string();
    let page = sailpoint()
        .parse_list(&ListParams::default(), &resp(200, body))
        .unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!((page.next, page.total), (None, Some(2)));
    assert_eq!(page.items[1].last_used_at, None);
}

#[test]
fn created_hands_over_the_secret_once() {
    let body = with_secret(full_client(), "s3cr3t-value");
    let created = sailpoint().parse_created(&resp(200, body)).unwrap();
    assert_eq!(
        created.secret.as_ref().map(Secret::expose),
        Some("s3cr3t-value")
    );
    assert!(!created.client.record.extra.contains_key("secret"));
    assert!(!crate::json::to_text(&created.client).contains("s3cr3t-value"));
    assert!(!format!("{created:?}").contains("s3cr3t-value"));
}

fn with_secret(mut client: Value, secret: &str) -> String {
    client["secret"] = json!(secret);
    client.to_string()
}

#[test]
fn delete_reads_204_with_no_body() {
    assert_eq!(sailpoint().parse_deleted(&resp(204, "")), Ok(()));
}

#[test]
fn malformed_success_bodies_are_decode_errors() {
    let s = sailpoint();
    for body in [
        "{",
        "<html>",
        "{}",
        r#"{"items": []}"#,
        r#"[{"name": "no id"}]"#,
        "[1]",
    ] {
        let err = s
            .parse_list(&ListParams::default(), &resp(200, body))
            .unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Decode, Some("sailpoint")),
            "{body}"
        );
    }
    for body in ["[]", "", r#"{"id": 5}"#, r#"{"id": "x", "enabled": "yes"}"#] {
        let err = s.parse_record(&resp(200, body)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode, "{body}");
    }
}

// ---- errors -------------------------------------------------------------------------------

#[test]
fn error_response_dto_maps_code_tracking_id_and_every_message() {
    let body = json!({
        "detailCode": "400.1 Bad Request Content",
        "trackingId": "e7eab60924f64aa284175b9fa3309599",
        "messages": [
            {"locale": "en-US", "localeOrigin": "DEFAULT", "text": "The request was syntactically correct but its content is semantically invalid."},
            {"locale": null, "localeOrigin": null, "text": "second"}
        ],
        "causes": [{"locale": "en-US", "localeOrigin": "REQUEST", "text": "grantTypes: unknown value"}]
    });
    let err = error(400, &body.to_string());
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.code.as_deref(), Some("400.1 Bad Request Content"));
    assert_eq!(
        err.request_id.as_deref(),
        Some("e7eab60924f64aa284175b9fa3309599")
    );
    assert!(err.message.starts_with("The request was syntactically"));
    let details: Vec<&str> = err.details.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(details[1..], ["second", "grantTypes: unknown value"]);
}

#[test]
fn the_vendor_error_examples_map_to_their_kinds() {
    let Some(dir) = vendor_examples("sailpoint") else {
        return;
    };
    for (file, status, kind, code) in [
        (
            "error_403.example.json",
            403,
            ErrorKind::PermissionDenied,
            "403 Forbidden",
        ),
        (
            "error_404.example.json",
            404,
            ErrorKind::NotFound,
            "404 Not found",
        ),
        (
            "error_500.example.json",
            500,
            ErrorKind::Server,
            "500.0 Internal Fault",
        ),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let err = error(status, &text);
        assert_eq!(
            (err.kind, err.code.as_deref()),
            (kind, Some(code)),
            "{file}"
        );
        assert_eq!(
            err.request_id.as_deref(),
            Some("b21b1f7ce4da4d639f2c62a57171b427")
        );
        assert_eq!(err.details.len(), 1);
    }
}

#[test]
fn the_401_and_429_shapes_give_their_message() {
    let err = error(401, r#"{"error": "JWT validation failed: JWT is expired"}"#);
    assert_eq!(err.kind, ErrorKind::Authentication);
    assert_eq!(err.message, "JWT validation failed: JWT is expired");
    let err = error(429, r#"{"message": " Rate Limit Exceeded "}"#);
    assert_eq!(err.kind, ErrorKind::RateLimit);
    assert_eq!(err.message, "Rate Limit Exceeded");
    assert_eq!(err.provider, Some("sailpoint"));
}

#[test]
fn unreadable_error_bodies_fall_back_to_the_status() {
    for body in [
        "",
        "<html>",
        "[]",
        r#"{"messages": "nope"}"#,
        r#"{"error": {"a": 1}}"#,
    ] {
        let err = error(503, body);
        assert_eq!(err.kind, ErrorKind::Server, "{body}");
        assert_eq!(err.message, "sailpoint answered HTTP 503", "{body}");
    }
    let err = sailpoint()
        .parse_deleted(&resp(404, r#"{"detailCode": "404 Not found"}"#))
        .unwrap_err();
    assert_eq!(
        (err.kind, err.code.as_deref()),
        (ErrorKind::NotFound, Some("404 Not found"))
    );
}

#[test]
fn output_matches_the_typescript_types() {
    let client = sailpoint()
        .parse_record(&resp(200, full_client().to_string()))
        .unwrap();
    written_as_typed(&client);
    written_as_typed(&sailpoint().describe());
    written_as_typed(&INFO);
    let input = sailpoint()
        .read_create(json!({"name": "A", "type": "PUBLIC"}))
        .unwrap();
    // The create body is the input with camelCase keys, as its TypeScript type names them.
    let typed = serde_json::to_value(&input).unwrap();
    let written: Value =
        serde_json::from_str(&crate::json::to_text(&crate::json::Camel(&input))).unwrap();
    assert_eq!(written, typed);
}
