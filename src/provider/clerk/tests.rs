use super::*;
use crate::error::ErrorKind;
use crate::model::Secret;
use crate::pagination::PagingStyle;
use crate::provider::test_support::{
    body_json, params, rejected_field, resp, strings, unsupported, vendor_examples, with,
};
use crate::provider::{DynKind, Op};

use crate::model::Extra;
use serde_json::{json, Value};

const APP_ID: &str = "oauth_app_2abc";
const APPS: &str = "https://api.clerk.com/v1/oauth_applications";

fn clerk() -> Clerk {
    Clerk::new(None, None).unwrap()
}

fn app_url(suffix: &str) -> String {
    format!("{APPS}/{APP_ID}{suffix}")
}

/// An OAuthApplication carrying every field of the reference's schema.
fn full_app() -> Value {
    json!({
        "object": "oauth_application",
        "id": APP_ID,
        "instance_id": "ins_123",
        "name": "Example App",
        "client_id": "Ab12Cd34Ef56",
        "client_uri": "https://example.com",
        "client_image_url": "https://img.clerk.com/logo.png",
        "dynamically_registered": false,
        "consent_screen_enabled": true,
        "pkce_required": false,
        "public": false,
        "scopes": "profile email public_metadata",
        "redirect_uris": ["https://example.com/cb", "myapp://callback"],
        "callback_url": "https://example.com/cb",
        "authorize_url": "https://clerk.example.com/oauth/authorize",
        "token_fetch_url": "https://clerk.example.com/oauth/token",
        "user_info_url": "https://clerk.example.com/oauth/userinfo",
        "discovery_url": "https://clerk.example.com/.well-known/openid-configuration",
        "token_introspection_url": "https://clerk.example.com/oauth/token_info",
        "created_at": 1_700_000_000_123_i64,
        "updated_at": 1_700_000_360_000_i64
    })
}

fn list_body(count: usize, total: u64) -> String {
    let data: Vec<Value> = (0..count)
        .map(|i| json!({"id": format!("oauth_app_{i}"), "name": format!("App {i}")}))
        .collect();
    json!({"data": data, "total_count": total}).to_string()
}

/// A ClerkErrors body whose first item names `name` through `meta.param_name`.
fn clerk_errors() -> String {
    json!({
        "errors": [
            {
                "message": "is invalid",
                "long_message": "name is invalid: too long",
                "code": "form_param_format_invalid",
                "meta": {"param_name": "name"}
            },
            {"message": "second", "long_message": "the second problem", "code": "form_param_missing"}
        ],
        "meta": {},
        "clerk_trace_id": "trace_9f8e7d"
    })
    .to_string()
}

// ---- constructor and headers ------------------------------------------------------------

#[test]
fn every_request_has_method_url_and_default_version_header() {
    assert_eq!(DEFAULT_API_VERSION, "2025-11-10");
    let c = clerk();
    let cases = [
        (
            c.list(&ListParams::default()).unwrap(),
            Method::Get,
            format!("{APPS}?limit=10&offset=0&order_by=%2Bcreated_at"),
        ),
        (c.get(APP_ID).unwrap(), Method::Get, app_url("")),
        (
            c.create(json!({"name": "App"})).unwrap(),
            Method::Post,
            APPS.to_owned(),
        ),
        (
            c.update(APP_ID, json!({"name": "App"})).unwrap(),
            Method::Patch,
            app_url(""),
        ),
        (c.delete(APP_ID).unwrap(), Method::Delete, app_url("")),
        (
            c.rotate_secret(APP_ID).unwrap(),
            Method::Post,
            app_url("/rotate_secret"),
        ),
    ];
    for (req, method, url) in cases {
        assert_eq!((req.method, req.url.as_str()), (method, url.as_str()));
        assert_eq!(
            req.header_value("clerk-api-version"),
            Some("2025-11-10"),
            "{url}"
        );
        // Credentials are the client's business, not the builder's.
        assert_eq!(req.header_value("authorization"), None, "{url}");
    }
}

#[test]
fn bodiless_requests_have_no_body() {
    let c = clerk();
    for req in [
        c.list(&ListParams::default()).unwrap(),
        c.get(APP_ID).unwrap(),
        c.delete(APP_ID).unwrap(),
        c.rotate_secret(APP_ID).unwrap(),
    ] {
        assert_eq!(req.body, None, "{} {}", req.method.as_str(), req.url);
        assert_eq!(req.header_value("content-type"), None);
    }
}

#[test]
fn custom_api_version_goes_on_every_request() {
    let c = Clerk::new(None, Some("2024-10-01")).unwrap();
    for req in [
        c.list(&ListParams::default()).unwrap(),
        c.get(APP_ID).unwrap(),
        c.create(json!({"name": "App"})).unwrap(),
        c.update(APP_ID, json!({})).unwrap(),
        c.delete(APP_ID).unwrap(),
        c.rotate_secret(APP_ID).unwrap(),
    ] {
        assert_eq!(req.header_value("clerk-api-version"), Some("2024-10-01"));
        let versions = req
            .headers
            .iter()
            .filter(|(n, _)| n == "clerk-api-version")
            .count();
        assert_eq!(versions, 1, "{}", req.url);
    }
}

#[test]
fn bad_api_versions_are_rejected() {
    for version in [
        "",
        "latest",
        "2024-1-01",
        "2024/10/01",
        "20241001",
        "2024-10-01T00",
    ] {
        let err = Clerk::new(None, Some(version)).unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("apiVersion")),
            "{version:?}"
        );
    }
}

#[test]
fn custom_base_url_with_or_without_trailing_slash() {
    for base in ["http://127.0.0.1:8787/v1", "http://127.0.0.1:8787/v1/"] {
        let c = Clerk::new(Some(base), None).unwrap();
        assert_eq!(
            c.get(APP_ID).unwrap().url,
            format!("http://127.0.0.1:8787/v1/oauth_applications/{APP_ID}"),
            "{base}"
        );
    }
    for bad in ["api.clerk.com/v1", "ftp://api.clerk.com/v1", "/v1"] {
        let err = Clerk::new(Some(bad), None).unwrap_err();
        assert_eq!(rejected_field(&err), Some("baseUrl"), "{bad}");
    }
}

#[test]
fn ids_are_percent_encoded_in_paths() {
    let c = clerk();
    assert_eq!(c.get("a/b?c").unwrap().url, format!("{APPS}/a%2Fb%3Fc"));
    assert_eq!(
        c.rotate_secret("../x").unwrap().url,
        format!("{APPS}/..%2Fx/rotate_secret")
    );
}

#[test]
fn empty_ids_are_rejected_naming_id() {
    let c = clerk();
    for id in ["", "   "] {
        for err in [
            c.get(id).unwrap_err(),
            c.update(id, json!({"name": "x"})).unwrap_err(),
            c.delete(id).unwrap_err(),
            c.rotate_secret(id).unwrap_err(),
        ] {
            assert_eq!(
                (err.kind, rejected_field(&err)),
                (ErrorKind::Validation, Some("id")),
                "{id:?}"
            );
        }
    }
}

// ---- list query -------------------------------------------------------------------------

#[test]
fn list_query_carries_limit_offset_order_and_name() {
    let req = clerk()
        .list(&ListParams {
            limit: Some(25),
            cursor: Some("30".into()),
            sort: Some("-createdAt".into()),
            name: Some("my app&x".into()),
            ..ListParams::default()
        })
        .unwrap();
    assert_eq!(
        req.url,
        format!("{APPS}?limit=25&offset=30&order_by=-created_at&name_query=my%20app%26x")
    );
}

#[test]
fn list_sort_maps_to_order_by() {
    let cases = [
        (None, "%2Bcreated_at"),
        (Some("createdAt"), "%2Bcreated_at"),
        (Some("-createdAt"), "-created_at"),
        (Some("name"), "%2Bname"),
        (Some("-name"), "-name"),
    ];
    for (sort, order_by) in cases {
        let req = clerk()
            .list(&ListParams {
                sort: sort.map(str::to_owned),
                ..ListParams::default()
            })
            .unwrap();
        assert_eq!(
            req.url,
            format!("{APPS}?limit=10&offset=0&order_by={order_by}"),
            "{sort:?}"
        );
    }
    for bad in ["created_at", "+created_at", "updatedAt", "Name", ""] {
        let err = clerk()
            .list(&ListParams {
                sort: Some(bad.into()),
                ..ListParams::default()
            })
            .unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("sort")),
            "{bad:?}"
        );
    }
}

#[test]
fn list_limits_and_cursors_are_checked() {
    let c = clerk();
    for (limit, ok) in [(1, true), (500, true), (0, false), (501, false)] {
        let result = c.list(&params(Some(limit), None));
        assert_eq!(result.is_ok(), ok, "{limit}");
        if let Err(err) = result {
            assert_eq!(
                (err.kind, rejected_field(&err)),
                (ErrorKind::Validation, Some("limit"))
            );
        }
    }
    assert_eq!(
        c.list(&params(Some(500), None)).unwrap().url,
        format!("{APPS}?limit=500&offset=0&order_by=%2Bcreated_at")
    );
    for junk in ["abc", "-1", "1.5", ""] {
        let err = c.list(&params(None, Some(junk))).unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("cursor")),
            "{junk:?}"
        );
    }
}

// ---- create / update bodies ---------------------------------------------------------------

#[test]
fn create_body_has_only_the_name_when_nothing_else_is_given() {
    let req = clerk().create(json!({"name": "App"})).unwrap();
    assert_eq!(req.header_value("content-type"), Some("application/json"));
    assert_eq!(body_json(&req), json!({"name": "App"}));
}

#[test]
fn create_body_is_snake_case_with_scopes_joined() {
    let input = json!({
        "name": "App",
        "redirectUris": ["https://app.test/cb", "myapp://callback"],
        "scopes": ["profile", "email", "private_metadata"],
        "consentScreenEnabled": false,
        "pkceRequired": true,
        "public": true
    });
    let req = clerk().create(input).unwrap();
    assert_eq!(
        body_json(&req),
        json!({
            "name": "App",
            "redirect_uris": ["https://app.test/cb", "myapp://callback"],
            "scopes": "profile email private_metadata",
            "consent_screen_enabled": false,
            "pkce_required": true,
            "public": true
        })
    );
}

#[test]
fn read_create_then_build_create_matches_create() {
    let c = clerk();
    let input = json!({"name": "App", "scopes": ["email"]});
    assert_eq!(c.create_lookup(), None, "clerk needs no lookup");
    let read = c.read_create(input.clone()).unwrap();
    let built = c.build_create(&read, None).unwrap();
    assert_eq!(built, c.create(input).unwrap());
}

#[test]
fn update_body_carries_only_the_fields_given() {
    let c = clerk();
    let cases = [
        (json!({}), json!({})),
        (json!({"name": "Renamed"}), json!({"name": "Renamed"})),
        (json!({"scopes": ["email"]}), json!({"scopes": "email"})),
        (
            json!({"scopes": ["profile", "email"], "public": false}),
            json!({"scopes": "profile email", "public": false}),
        ),
        (
            json!({"redirectUris": ["https://a.test/cb"], "pkceRequired": true, "consentScreenEnabled": true}),
            json!({"redirect_uris": ["https://a.test/cb"], "pkce_required": true, "consent_screen_enabled": true}),
        ),
        (json!({"name": null}), json!({})),
    ];
    for (changes, body) in cases {
        let req = c.update(APP_ID, changes.clone()).unwrap();
        assert_eq!(
            (req.method, req.url.as_str()),
            (Method::Patch, app_url("").as_str())
        );
        assert_eq!(body_json(&req), body, "{changes}");
    }
}

#[test]
fn create_rejects_invalid_input_naming_the_field() {
    let long = "x".repeat(257);
    let cases = [
        (json!({"name": ""}), "name"),
        (json!({"name": "   "}), "name"),
        (json!({"name": long}), "name"),
        (json!({}), "name"),
        (
            json!({"name": "A", "redirectUris": ["/cb"]}),
            "redirectUris",
        ),
        (
            json!({"name": "A", "redirectUris": ["https://ok.test/cb", "not a url"]}),
            "redirectUris",
        ),
        (json!({"name": "A", "scopes": ["profile email"]}), "scopes"),
        (json!({"name": "A", "scopes": ["profile", ""]}), "scopes"),
        (json!({"name": "A", "scopes": ["a\tb"]}), "scopes"),
        (json!({"name": "A", "redirect_uris": []}), "redirect_uris"),
        (
            json!({"name": "A", "redirectUri": "https://x.test"}),
            "redirectUri",
        ),
        (
            json!({"name": "A", "callbackUrl": "https://x.test"}),
            "callbackUrl",
        ),
    ];
    let c = clerk();
    for (input, field) in cases {
        let err = c.create(input.clone()).expect_err(&input.to_string());
        assert_eq!(err.kind, ErrorKind::Validation, "{input}");
        assert_eq!(rejected_field(&err), Some(field), "{input}: {err}");
        assert_eq!(err.status, None, "local checks have no status");
        // read_create is where the check happens: nothing can be built from it.
        assert!(c.read_create(input.clone()).is_err(), "{input}");
    }
}

#[test]
fn name_of_256_characters_is_accepted() {
    let c = clerk();
    let name = "é".repeat(256);
    let req = c.create(json!({ "name": name })).unwrap();
    assert_eq!(body_json(&req)["name"], json!(name));
    assert!(c.update(APP_ID, json!({ "name": name })).is_ok());
}

#[test]
fn a_typo_is_named_in_the_message() {
    let err = clerk()
        .create(json!({"name": "App", "pkce": true}))
        .unwrap_err();
    assert!(err.message.contains("pkce"), "{err}");
    assert_eq!(err.details.len(), 1);
}

#[test]
fn a_wrong_type_does_not_name_the_value_as_the_field() {
    let err = clerk().create(json!({"name": 5})).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_ne!(rejected_field(&err), Some("5"), "{err}");
}

#[test]
fn update_rejects_invalid_changes_naming_the_field() {
    let cases = [
        (json!({"name": ""}), "name"),
        (json!({"name": "x".repeat(257)}), "name"),
        (json!({"redirectUris": ["cb"]}), "redirectUris"),
        (json!({"scopes": ["profile email"]}), "scopes"),
        (json!({"nmae": "x"}), "nmae"),
        (json!({"clientId": "x"}), "clientId"),
    ];
    let c = clerk();
    for (changes, field) in cases {
        let err = c
            .update(APP_ID, changes.clone())
            .expect_err(&changes.to_string());
        assert_eq!(err.kind, ErrorKind::Validation, "{changes}");
        assert_eq!(rejected_field(&err), Some(field), "{changes}: {err}");
    }
}

// ---- parsers ------------------------------------------------------------------------------

#[test]
fn application_record_reads_every_documented_field() {
    let client = clerk()
        .parse_record(&resp(200, full_app().to_string()))
        .unwrap();
    let expected = ClerkApplication {
        id: APP_ID.into(),
        object: Some("oauth_application".into()),
        instance_id: Some("ins_123".into()),
        name: Some("Example App".into()),
        client_id: Some("Ab12Cd34Ef56".into()),
        client_uri: Some("https://example.com".into()),
        client_image_url: Some("https://img.clerk.com/logo.png".into()),
        dynamically_registered: Some(false),
        consent_screen_enabled: Some(true),
        pkce_required: Some(false),
        public: Some(false),
        scopes: Some("profile email public_metadata".into()),
        redirect_uris: Some(strings(&["https://example.com/cb", "myapp://callback"])),
        callback_url: Some("https://example.com/cb".into()),
        authorize_url: Some("https://clerk.example.com/oauth/authorize".into()),
        token_fetch_url: Some("https://clerk.example.com/oauth/token".into()),
        user_info_url: Some("https://clerk.example.com/oauth/userinfo".into()),
        discovery_url: Some("https://clerk.example.com/.well-known/openid-configuration".into()),
        token_introspection_url: Some("https://clerk.example.com/oauth/token_info".into()),
        created_at: Some(crate::model::EpochMillis(1_700_000_000_123)),
        updated_at: Some(crate::model::EpochMillis(1_700_000_360_000)),
        extra: Extra::new(),
        secret: None,
    };
    assert_eq!(client.record, expected);
}

#[test]
fn neutral_view_maps_the_record() {
    let client = clerk()
        .parse_record(&resp(200, full_app().to_string()))
        .unwrap();
    assert_eq!(client.id, APP_ID);
    assert_eq!(client.client_id, "Ab12Cd34Ef56");
    assert_eq!(client.name.as_deref(), Some("Example App"));
    assert_eq!(client.description, None);
    assert_eq!(
        client.redirect_uris,
        strings(&["https://example.com/cb", "myapp://callback"])
    );
    assert!(client.grant_types.is_empty());
    assert_eq!(
        client.scopes,
        strings(&["profile", "email", "public_metadata"])
    );
    assert_eq!(client.confidential, Some(true), "public: false");
    assert_eq!(
        client.created_at.as_deref(),
        Some("2023-11-14T22:13:20.123Z")
    );
    assert_eq!(
        client.updated_at.as_deref(),
        Some("2023-11-14T22:19:20.000Z")
    );

    let public = clerk()
        .parse_record(&resp(
            200,
            with(full_app(), json!({"public": true})).to_string(),
        ))
        .unwrap();
    assert_eq!(public.confidential, Some(false));
}

#[test]
fn nullable_fields_may_be_null() {
    let mut body = full_app();
    body["client_uri"] = Value::Null;
    body["client_image_url"] = Value::Null;
    let client = clerk().parse_record(&resp(200, body.to_string())).unwrap();
    assert_eq!(client.record.client_uri, None);
    assert_eq!(client.record.client_image_url, None);
    assert!(client.record.extra.is_empty());
}

#[test]
fn unknown_fields_are_kept_in_extra() {
    let body = with(
        full_app(),
        json!({"brand_new": {"nested": [1, 2]}, "logo_set": true}),
    );
    let client = clerk().parse_record(&resp(200, body.to_string())).unwrap();
    let extra = &client.record.extra;
    assert_eq!(extra.len(), 2);
    assert_eq!(extra.get("brand_new"), Some(&json!({"nested": [1, 2]})));
    assert_eq!(extra.get("logo_set"), Some(&json!(true)));
}

#[test]
fn minimal_objects_are_accepted() {
    let client = clerk()
        .parse_record(&resp(
            200,
            json!({"id": "oauth_app_1", "name": "Min"}).to_string(),
        ))
        .unwrap();
    assert_eq!(client.id, "oauth_app_1");
    assert_eq!(client.name.as_deref(), Some("Min"));
    assert!(client.redirect_uris.is_empty() && client.scopes.is_empty());
    assert_eq!(
        (client.confidential, &client.created_at, &client.updated_at),
        (None, &None, &None)
    );
    assert!(client.record.extra.is_empty());
}

#[test]
fn list_pages_by_offset_with_the_total() {
    let c = clerk();
    let page = c
        .parse_list(&params(None, None), &resp(200, list_body(10, 23)))
        .unwrap();
    assert_eq!((page.items.len(), page.total), (10, Some(23)));
    assert_eq!(page.next.as_deref(), Some("10"));
    assert_eq!(page.items[0].id, "oauth_app_0");
    assert_eq!(page.items[9].name.as_deref(), Some("App 9"));

    let page = c
        .parse_list(&params(None, Some("10")), &resp(200, list_body(10, 23)))
        .unwrap();
    assert_eq!(page.next.as_deref(), Some("20"));

    let last = c
        .parse_list(&params(None, Some("20")), &resp(200, list_body(3, 23)))
        .unwrap();
    assert_eq!(
        (last.items.len(), last.next, last.total),
        (3, None, Some(23))
    );

    // Exactly 20 of 20: the total stops it, no probe at offset 20.
    let exact = c
        .parse_list(&params(None, Some("10")), &resp(200, list_body(10, 20)))
        .unwrap();
    assert_eq!(exact.next, None);

    let empty = c
        .parse_list(&params(Some(5), None), &resp(200, list_body(0, 0)))
        .unwrap();
    assert_eq!(
        (empty.items.len(), empty.next, empty.total),
        (0, None, Some(0))
    );

    let custom = c
        .parse_list(&params(Some(5), Some("5")), &resp(200, list_body(5, 100)))
        .unwrap();
    assert_eq!(custom.next.as_deref(), Some("10"));
}

#[test]
fn list_items_are_full_records() {
    let body = json!({"data": [full_app()], "total_count": 1}).to_string();
    let page = clerk()
        .parse_list(&params(None, None), &resp(200, body))
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].client_id, "Ab12Cd34Ef56");
    assert_eq!(
        page.items[0].scopes,
        strings(&["profile", "email", "public_metadata"])
    );
    assert_eq!(page.next, None);
}

#[test]
fn created_takes_the_secret_out_of_the_record() {
    let secret = "clerk_oauth_secret_VERY_private";
    let body = with(full_app(), json!({ "client_secret": secret }));
    let created = clerk().parse_created(&resp(200, body.to_string())).unwrap();
    assert_eq!(created.secret.as_ref().map(Secret::expose), Some(secret));
    assert_eq!(created.client.id, APP_ID);
    assert_eq!(created.client.client_id, "Ab12Cd34Ef56");
    assert!(!created.client.record.extra.contains_key("client_secret"));
    assert!(created.client.record.extra.is_empty());
    let shown = format!("{created:?}");
    assert!(!shown.contains(secret), "{shown}");
}

#[test]
fn created_public_client_has_no_secret() {
    let body = with(full_app(), json!({"public": true, "client_secret": ""}));
    let created = clerk().parse_created(&resp(200, body.to_string())).unwrap();
    assert_eq!(created.secret, None);
    assert_eq!(created.client.confidential, Some(false));
    assert!(!created.client.record.extra.contains_key("client_secret"));

    let without = clerk()
        .parse_created(&resp(
            200,
            json!({"id": "oauth_app_1", "public": true}).to_string(),
        ))
        .unwrap();
    assert_eq!(without.secret, None);
}

#[test]
fn rotated_returns_the_new_secret_and_the_client() {
    let body = with(full_app(), json!({"client_secret": "n3w-s3cret"}));
    let rotated = clerk().parse_rotated(&resp(200, body.to_string())).unwrap();
    assert_eq!(rotated.secret.expose(), "n3w-s3cret");
    let client = rotated.client.as_ref().expect("the client comes back");
    assert_eq!(client.id, APP_ID);
    assert!(!client.record.extra.contains_key("client_secret"));
    assert!(!format!("{rotated:?}").contains("n3w-s3cret"));
}

#[test]
fn rotated_without_a_secret_is_a_decode_error() {
    for body in [
        json!({"id": APP_ID}),
        json!({"id": APP_ID, "client_secret": ""}),
        json!({"id": APP_ID, "client_secret": 42}),
        json!({"id": APP_ID, "client_secret": null}),
    ] {
        let err = clerk()
            .parse_rotated(&resp(200, body.to_string()))
            .unwrap_err();
        assert_eq!(
            (err.kind, err.provider, err.status),
            (ErrorKind::Decode, Some("clerk"), Some(200)),
            "{body}"
        );
    }
}

#[test]
fn deleted_object_is_ok() {
    let c = clerk();
    let body = json!({"object": "oauth_application", "deleted": true, "id": APP_ID});
    assert_eq!(c.parse_deleted(&resp(200, body.to_string())), Ok(()));
    assert_eq!(c.parse_deleted(&resp(200, "{}")), Ok(()));
}

// ---- errors -------------------------------------------------------------------------------

#[test]
fn clerk_errors_map_to_kinds_with_details() {
    let cases = [
        (400, ErrorKind::Validation),
        (401, ErrorKind::Authentication),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::Validation),
        (429, ErrorKind::RateLimit),
        (500, ErrorKind::Server),
    ];
    for (status, kind) in cases {
        let err = clerk()
            .parse_record(&resp(status, clerk_errors()))
            .unwrap_err();
        assert_eq!(err.kind, kind, "{status}");
        assert_eq!(err.status, Some(status));
        assert_eq!(err.provider, Some("clerk"));
        assert_eq!(err.code.as_deref(), Some("form_param_format_invalid"));
        assert_eq!(
            err.message, "name is invalid: too long",
            "long_message preferred"
        );
        assert_eq!(err.request_id.as_deref(), Some("trace_9f8e7d"));
        assert_eq!(
            err.retry_after_ms, None,
            "set by the client, not the parser"
        );
        assert_eq!(
            err.details,
            [
                ErrorDetail {
                    code: Some("form_param_format_invalid".into()),
                    message: "name is invalid: too long".into(),
                    field: Some("name".into()),
                },
                ErrorDetail {
                    code: Some("form_param_missing".into()),
                    message: "the second problem".into(),
                    field: None,
                },
            ]
        );
    }
}

#[test]
fn message_is_used_when_there_is_no_long_message() {
    let body = json!({"errors": [{"message": "not found", "code": "resource_not_found"}]});
    let err = clerk()
        .parse_record(&resp(404, body.to_string()))
        .unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str(), err.code.as_deref()),
        (ErrorKind::NotFound, "not found", Some("resource_not_found"))
    );
    assert_eq!(err.request_id, None);
}

#[test]
fn an_empty_long_message_falls_back_to_message() {
    let body = json!({"errors": [{"message": "is invalid", "long_message": "", "code": "c"}]});
    let err = clerk()
        .parse_record(&resp(400, body.to_string()))
        .unwrap_err();
    assert_eq!(err.message, "is invalid");
    assert_eq!(err.details[0].message, "is invalid");
}

#[test]
fn every_parser_reports_clerk_errors() {
    let c = clerk();
    let r = resp(403, clerk_errors());
    let errors = [
        c.parse_record(&r).unwrap_err(),
        c.parse_list(&ListParams::default(), &r).unwrap_err(),
        c.parse_created(&r).unwrap_err(),
        c.parse_deleted(&r).unwrap_err(),
        c.parse_rotated(&r).unwrap_err(),
    ];
    for err in errors {
        assert_eq!(
            (err.kind, err.code.as_deref(), err.status, err.provider),
            (
                ErrorKind::PermissionDenied,
                Some("form_param_format_invalid"),
                Some(403),
                Some("clerk")
            )
        );
        assert_eq!(err.request_id.as_deref(), Some("trace_9f8e7d"));
    }
}

#[test]
fn non_json_or_empty_error_bodies_fall_back_to_the_status() {
    let cases = [
        (
            502,
            "<html><h1>502 Bad Gateway</h1></html>",
            ErrorKind::Server,
        ),
        (503, "", ErrorKind::Server),
        (404, "{", ErrorKind::NotFound),
        (429, "null", ErrorKind::RateLimit),
        (401, "Unauthorized", ErrorKind::Authentication),
        (400, r#"{"errors": []}"#, ErrorKind::Validation),
        (422, "{}", ErrorKind::Validation),
    ];
    for (status, body, kind) in cases {
        let err = clerk().parse_record(&resp(status, body)).unwrap_err();
        assert_eq!(err.kind, kind, "{status} {body}");
        assert_eq!(
            err.message,
            format!("clerk answered HTTP {status}"),
            "{body}"
        );
        assert_eq!((err.status, err.provider), (Some(status), Some("clerk")));
        assert!(err.details.is_empty() && err.code.is_none(), "{body}");
    }
}

#[test]
fn code_only_errors_keep_code_and_trace_with_the_status_message() {
    let body = json!({"errors": [{"code": "only-a-code"}], "clerk_trace_id": "t1"});
    let err = clerk()
        .parse_created(&resp(422, body.to_string()))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.message, "clerk answered HTTP 422");
    assert_eq!(err.code.as_deref(), Some("only-a-code"));
    assert_eq!(err.request_id.as_deref(), Some("t1"));
    assert_eq!(err.details.len(), 1);
}

#[test]
fn malformed_success_bodies_are_decode_errors() {
    let bodies = [
        String::new(),
        "{".to_owned(),
        "null".to_owned(),
        "[]".to_owned(),
        "\"oauth_app\"".to_owned(),
        "<html></html>".to_owned(),
        json!({"name": "no id"}).to_string(),
        json!({"id": 5}).to_string(),
        json!({"id": null}).to_string(),
        with(full_app(), json!({"created_at": "soon"})).to_string(),
        with(full_app(), json!({"created_at": 1.5})).to_string(),
        with(full_app(), json!({"redirect_uris": "https://x.test"})).to_string(),
        with(full_app(), json!({"scopes": ["profile"]})).to_string(),
        with(full_app(), json!({"public": "yes"})).to_string(),
    ];
    let c = clerk();
    for body in &bodies {
        let r = resp(200, body.as_str());
        for err in [
            c.parse_record(&r).unwrap_err(),
            c.parse_created(&r).unwrap_err(),
            c.parse_rotated(&r).unwrap_err(),
        ] {
            assert_eq!(err.kind, ErrorKind::Decode, "{body}: {err}");
            assert_eq!(
                (err.status, err.provider),
                (Some(200), Some("clerk")),
                "{body}"
            );
        }
    }
}

#[test]
fn malformed_list_and_delete_bodies_are_decode_errors() {
    let c = clerk();
    for body in [
        String::new(),
        "{".to_owned(),
        "[]".to_owned(),
        json!({"data": []}).to_string(),
        json!({"total_count": 1}).to_string(),
        json!({"data": null, "total_count": 0}).to_string(),
        json!({"data": [{"name": "no id"}], "total_count": 1}).to_string(),
        json!({"data": [], "total_count": -1}).to_string(),
        json!({"data": [], "total_count": "3"}).to_string(),
    ] {
        let err = c
            .parse_list(&ListParams::default(), &resp(200, body.as_str()))
            .unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Decode, Some("clerk")),
            "{body}"
        );
    }
    for body in ["{", "<html>"] {
        assert_eq!(
            c.parse_deleted(&resp(200, body)).unwrap_err().kind,
            ErrorKind::Decode,
            "{body}"
        );
    }
}

#[test]
fn parse_list_rejects_params_it_could_not_have_built() {
    let err = clerk()
        .parse_list(&params(Some(0), None), &resp(200, list_body(0, 0)))
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("limit"));
}

// ---- capabilities -------------------------------------------------------------------------

#[test]
fn capabilities_describe_offset_paging_and_rotation() {
    let caps = clerk().describe();
    assert_eq!((caps.name, caps.path.as_str()), ("clients", "clients"));
    assert_eq!(caps.paging, PagingStyle::Offset);
    assert_eq!(caps.max_limit, Some(500));
    assert_eq!(
        caps.sort_fields,
        ["createdAt", "-createdAt", "name", "-name"]
    );
    assert_eq!(caps.filters, ["name"]);
    assert!(caps.operations.rotate_secret && !caps.operations.delete_rotated_secret);
    // Every sort field the capabilities offer is accepted by list().
    for sort in caps.sort_fields {
        assert!(
            clerk()
                .list(&ListParams {
                    sort: Some((*sort).into()),
                    ..ListParams::default()
                })
                .is_ok(),
            "{sort}"
        );
    }
    // And every create field is accepted by the create input.
    let input = json!({
        "name": "A",
        "redirectUris": ["https://a.test/cb"],
        "scopes": ["profile"],
        "consentScreenEnabled": true,
        "pkceRequired": false,
        "public": false
    });
    let names: std::collections::BTreeSet<&str> =
        caps.create_fields.iter().map(|f| f.name).collect();
    let keys: std::collections::BTreeSet<&str> = input
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, keys);
    assert!(clerk().create(input).is_ok());
}

#[test]
fn delete_rotated_secret_is_unsupported() {
    let err = unsupported(&clerk(), Op::DeleteRotatedSecret);
    assert_eq!(
        (err.kind, err.provider),
        (ErrorKind::Unsupported, Some("clerk"))
    );
}

// ---- vendor examples ----------------------------------------------------------------------

#[test]
fn vendor_example_bodies() {
    let Some(dir) = vendor_examples("clerk") else {
        return;
    };
    let read = |name: &str| -> String {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let c = clerk();

    {
        let text = read("list.response.sdk-go-test.json");
        let page = c
            .parse_list(&ListParams::default(), &resp(200, text))
            .unwrap();
        assert_eq!(
            (page.items.len(), page.total, page.next),
            (1, Some(1), None)
        );
        assert_eq!(page.items[0].id, "oauth_app_123");
        assert_eq!(page.items[0].name.as_deref(), Some("OAuth App 1"));
    }
    {
        let text = read("create.response.sdk-go-test.json");
        let created = c.parse_created(&resp(200, text)).unwrap();
        assert_eq!(
            created.secret.as_ref().map(Secret::expose),
            Some("secret_123")
        );
        assert_eq!(created.client.id, "oauth_app_123");
        assert_eq!(created.client.name.as_deref(), Some("Test Application"));
        assert_eq!(created.client.confidential, Some(false), "public: true");
        // A comma string is one scope to a space-separated reader.
        assert_eq!(created.client.scopes, strings(&["read,write"]));
        let rec = &created.client.record;
        assert_eq!(rec.callback_url.as_deref(), Some("https://callback.url"));
        assert_eq!(
            (rec.consent_screen_enabled, rec.pkce_required),
            (Some(true), Some(true))
        );
        assert!(rec.extra.is_empty(), "{:?}", rec.extra);
        assert!(!format!("{created:?}").contains("secret_123"));
    }
    {
        let text = read("create.request.sdk-go-test.json");
        let wire: Value = serde_json::from_str(&text).unwrap();
        // Our input has no deprecated callback_url; everything else maps onto the same body.
        let req = c
            .create(json!({
                "name": wire["name"],
                "scopes": [wire["scopes"]],
                "public": wire["public"],
                "consentScreenEnabled": wire["consent_screen_enabled"],
                "pkceRequired": wire["pkce_required"]
            }))
            .unwrap();
        assert_eq!(
            body_json(&req),
            with(wire.clone(), json!({"callback_url": null}))
        );
        let err = c
            .create(json!({"name": wire["name"], "callbackUrl": wire["callback_url"]}))
            .unwrap_err();
        assert_eq!(rejected_field(&err), Some("callbackUrl"));
    }
    {
        let text = read("rotate_secret.response.sdk-go-test.json");
        let rotated = c.parse_rotated(&resp(200, text)).unwrap();
        assert_eq!(rotated.secret.expose(), "new_client_secret");
        assert_eq!(
            rotated.client.map(|cl| cl.id).as_deref(),
            Some("oauth_app_123")
        );
    }
    {
        let text = read("delete.response.sdk-go-test.json");
        assert_eq!(c.parse_deleted(&resp(200, text)), Ok(()));
    }
    {
        let text = read("error_400.response.sdk-go-test.json");
        let err = c.parse_created(&resp(400, text)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.status, Some(400));
        assert_eq!(err.provider, Some("clerk"));
        assert_eq!(err.code.as_deref(), Some("create-error-code"));
        assert_eq!(err.request_id.as_deref(), Some("create-trace-id"));
        assert_eq!(
            err.message, "clerk answered HTTP 400",
            "no message in the body"
        );
    }
}

#[test]
fn output_matches_the_typescript_types() {
    use crate::provider::test_support::written_as_typed;
    let app = clerk()
        .parse_record(&resp(200, full_app().to_string()))
        .unwrap();
    written_as_typed(&app);
    written_as_typed(&clerk().describe());
    written_as_typed(&INFO);
}
