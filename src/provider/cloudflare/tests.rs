use super::*;
use crate::error::ErrorKind;
use crate::provider::test_support::{
    body_json, named, rejected_field, resp, sorted, strings, vendor_examples, with,
};

use crate::model::cloudflare::{ClientUriVerification, ResponseType, VerificationStatus};
use crate::model::Extra;
use crate::pagination::PagingStyle;
use crate::provider::DynKind;
use serde_json::{json, Value};

const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";
const CLIENT_ID: &str = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4";

fn cf() -> Cloudflare {
    Cloudflare::new(None, ACCOUNT).unwrap()
}

/// The scope catalogue of `cf()`.
fn scopes() -> CloudflareScopes {
    CloudflareScopes(cf())
}

/// The request for the scope catalogue of `cf`.
fn scopes_request(cf: &Cloudflare) -> HttpRequest {
    CloudflareScopes(cf.clone())
        .list(&ListParams::default())
        .unwrap()
}

fn clients_url() -> String {
    format!("https://api.cloudflare.com/client/v4/accounts/{ACCOUNT}/oauth_clients")
}

fn client_url(suffix: &str) -> String {
    format!("{}/{CLIENT_ID}{suffix}", clients_url())
}

/// A success envelope around `result`.
fn ok(result: Value) -> String {
    json!({"success": true, "errors": [], "messages": [], "result": result}).to_string()
}

/// A failure envelope with `errors`.
fn failure(errors: Value) -> String {
    json!({"success": false, "errors": errors, "messages": [], "result": null}).to_string()
}

fn minimal_create() -> Value {
    json!({"name": "App", "redirectUris": ["https://app.test/cb"], "scopes": ["openid"]})
}

/// A client record carrying every field the reference lists.
fn full_record() -> Value {
    json!({
        "client_id": CLIENT_ID,
        "visibility": "public",
        "client_name": "Example App",
        "client_uri": "https://example.com",
        "logo_uri": "https://example.com/logo.png",
        "policy_uri": "https://example.com/policy",
        "tos_uri": "https://example.com/tos",
        "allowed_cors_origins": ["https://example.com"],
        "redirect_uris": ["https://example.com/cb"],
        "post_logout_redirect_uris": ["https://example.com/logout"],
        "scopes": ["openid", "workers-platform.read"],
        "optional_scopes": ["workers-platform.read"],
        "client_uri_verification": {"status": "verified", "text": "cloudflare-verify=abc123"},
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code", "id_token"],
        "token_endpoint_auth_method": "client_secret_post",
        "has_rotated_secret": true,
        "created_at": "2026-06-03T10:00:00Z",
        "updated_at": "2026-06-04T11:00:00Z",
        "promoted_at": "2026-06-05T12:00:00Z"
    })
}

// ---- request builders -------------------------------------------------------------------

#[test]
fn builders_use_the_documented_methods_and_paths() {
    let cf = cf();
    let cases = [
        (
            cf.list(&ListParams::default()).unwrap(),
            Method::Get,
            clients_url(),
        ),
        (cf.get(CLIENT_ID).unwrap(), Method::Get, client_url("")),
        (
            cf.create(minimal_create()).unwrap(),
            Method::Post,
            clients_url(),
        ),
        (
            cf.update(CLIENT_ID, json!({"name": "x"})).unwrap(),
            Method::Patch,
            client_url(""),
        ),
        (
            cf.delete(CLIENT_ID).unwrap(),
            Method::Delete,
            client_url(""),
        ),
        (
            cf.rotate_secret(CLIENT_ID).unwrap(),
            Method::Post,
            client_url("/rotate_secret"),
        ),
        (
            cf.delete_rotated_secret(CLIENT_ID).unwrap(),
            Method::Delete,
            client_url("/rotate_secret"),
        ),
        (
            scopes_request(&cf),
            Method::Get,
            "https://api.cloudflare.com/client/v4/oauth/scopes".to_owned(),
        ),
    ];
    for (req, method, url) in cases {
        assert_eq!((req.method, req.url.as_str()), (method, url.as_str()));
    }
}

#[test]
fn bodiless_requests_have_no_body() {
    let cf = cf();
    for req in [
        cf.list(&ListParams::default()).unwrap(),
        cf.get(CLIENT_ID).unwrap(),
        cf.delete(CLIENT_ID).unwrap(),
        cf.rotate_secret(CLIENT_ID).unwrap(),
        cf.delete_rotated_secret(CLIENT_ID).unwrap(),
        scopes_request(&cf),
    ] {
        assert_eq!(req.body, None, "{} {}", req.method.as_str(), req.url);
    }
}

#[test]
fn custom_base_url_with_or_without_trailing_slash() {
    for base in [
        "https://cf.internal.test/client/v4",
        "https://cf.internal.test/client/v4/",
    ] {
        let cf = Cloudflare::new(Some(base), ACCOUNT).unwrap();
        assert_eq!(
            cf.get(CLIENT_ID).unwrap().url,
            format!(
                "https://cf.internal.test/client/v4/accounts/{ACCOUNT}/oauth_clients/{CLIENT_ID}"
            ),
            "{base}"
        );
        assert_eq!(
            scopes_request(&cf).url,
            "https://cf.internal.test/client/v4/oauth/scopes",
            "{base}"
        );
    }
}

#[test]
fn constructor_rejects_bad_account_ids_and_relative_base_urls() {
    for account in [
        "",
        "0123456789abcdef",
        "0123456789abcdef0123456789abcdef0",
        "0123456789abcdef/123456789abcdef",
    ] {
        let err = Cloudflare::new(None, account).unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("accountId")),
            "{account:?}"
        );
    }
    let err = Cloudflare::new(Some("api.cloudflare.com/client/v4"), ACCOUNT).unwrap_err();
    assert_eq!(
        (err.kind, rejected_field(&err)),
        (ErrorKind::Validation, Some("baseUrl"))
    );
}

#[test]
fn constructor_rejects_non_http_base_urls() {
    let err = Cloudflare::new(Some("ftp://api.cloudflare.com/client/v4"), ACCOUNT).unwrap_err();
    assert_eq!(rejected_field(&err), Some("baseUrl"));
}

#[test]
fn ids_are_percent_encoded_in_paths() {
    let cf = cf();
    let base = clients_url();
    assert_eq!(
        cf.get("a/b?c#d").unwrap().url,
        format!("{base}/a%2Fb%3Fc%23d")
    );
    assert_eq!(cf.delete("../x").unwrap().url, format!("{base}/..%2Fx"));
    assert_eq!(
        cf.rotate_secret("a b").unwrap().url,
        format!("{base}/a%20b/rotate_secret")
    );
    assert_eq!(
        cf.update("é", json!({})).unwrap().url,
        format!("{base}/%C3%A9")
    );
}

#[test]
fn create_body_is_snake_case_with_defaults() {
    let req = cf().create(minimal_create()).unwrap();
    assert_eq!(req.header_value("content-type"), Some("application/json"));
    assert_eq!(
        body_json(&req),
        json!({
            "client_name": "App",
            "redirect_uris": ["https://app.test/cb"],
            "scopes": ["openid"],
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "client_secret_basic"
        })
    );
}

#[test]
fn create_body_carries_every_optional_field() {
    let input = json!({
        "name": "Full",
        "redirectUris": ["https://app.test/cb", "myapp://callback"],
        "scopes": ["openid", "offline_access", "workers-platform.read"],
        "grantTypes": ["authorization_code", "refresh_token"],
        "responseTypes": ["code", "id_token"],
        "tokenEndpointAuthMethod": "none",
        "allowedCorsOrigins": ["https://app.test"],
        "clientUri": "https://app.test",
        "logoUri": "https://app.test/logo.png",
        "policyUri": "https://app.test/policy",
        "tosUri": "https://app.test/tos",
        "postLogoutRedirectUris": ["https://app.test/bye"],
        "optionalScopes": ["workers-platform.read"]
    });
    assert_eq!(
        body_json(&cf().create(input).unwrap()),
        json!({
            "client_name": "Full",
            "redirect_uris": ["https://app.test/cb", "myapp://callback"],
            "scopes": ["openid", "offline_access", "workers-platform.read"],
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code", "id_token"],
            "token_endpoint_auth_method": "none",
            "allowed_cors_origins": ["https://app.test"],
            "client_uri": "https://app.test",
            "logo_uri": "https://app.test/logo.png",
            "policy_uri": "https://app.test/policy",
            "tos_uri": "https://app.test/tos",
            "post_logout_redirect_uris": ["https://app.test/bye"],
            "optional_scopes": ["workers-platform.read"]
        })
    );
}

#[test]
fn update_body_carries_only_the_fields_given() {
    let cf = cf();
    let cases = [
        (json!({"name": "x"}), json!({"client_name": "x"})),
        (
            json!({"visibility": "public"}),
            json!({"visibility": "public"}),
        ),
        (
            json!({"logoUri": "https://app.test/l.png", "grantTypes": ["authorization_code", "refresh_token"]}),
            json!({"logo_uri": "https://app.test/l.png", "grant_types": ["authorization_code", "refresh_token"]}),
        ),
        // A field given as null is treated as not given.
        (
            json!({"name": "y", "tosUri": null}),
            json!({"client_name": "y"}),
        ),
        (json!({}), json!({})),
    ];
    for (changes, wire) in cases {
        let req = cf.update(CLIENT_ID, changes.clone()).unwrap();
        assert_eq!(body_json(&req), wire, "{changes}");
        assert_eq!(req.header_value("content-type"), Some("application/json"));
    }
}

// ---- validation -------------------------------------------------------------------------

#[test]
fn create_rejects_invalid_input_naming_the_field() {
    let cases = [
        (json!({"name": null}), "name"),
        (json!({"name": ""}), "name"),
        (json!({"name": "   "}), "name"),
        (json!({"grantTypes": ["refresh_token"]}), "grantTypes"),
        (json!({"grantTypes": []}), "grantTypes"),
        (
            json!({"grantTypes": ["authorization_code", "device_code"]}),
            "grantTypes",
        ),
        (
            json!({"responseTypes": ["code", "fragment"]}),
            "responseTypes",
        ),
        (
            json!({"tokenEndpointAuthMethod": "private_key_jwt"}),
            "tokenEndpointAuthMethod",
        ),
        (json!({"scopes": ["zone:read"]}), "scopes"),
        (
            json!({"scopes": ["openid", "account.read:write"]}),
            "scopes",
        ),
        (json!({"scopes": ["workers"]}), "scopes"),
        (json!({"scopes": [""]}), "scopes"),
        (json!({"redirectUris": ["/callback"]}), "redirectUris"),
        (
            json!({"redirectUris": ["https://app.test/cb", "app.test/cb"]}),
            "redirectUris",
        ),
        (json!({"redirectUris": []}), "redirectUris"),
        (json!({"redirectUris": null}), "redirectUris"),
        (json!({"logoUri": "logo.png"}), "logoUri"),
        (json!({"clientUri": "https://"}), "clientUri"),
        (json!({"policyUri": "policy"}), "policyUri"),
        (json!({"tosUri": "https://exa mple.com/tos"}), "tosUri"),
        (
            json!({"allowedCorsOrigins": ["https://ok.test", "ok.test"]}),
            "allowedCorsOrigins",
        ),
        (
            json!({"postLogoutRedirectUris": ["/bye"]}),
            "postLogoutRedirectUris",
        ),
        (
            json!({"optionalScopes": ["workers-platform.read"]}),
            "optionalScopes",
        ),
        (
            json!({"scopes": ["openid", "a.read"], "optionalScopes": ["openid"]}),
            "optionalScopes",
        ),
        (
            json!({"scopes": ["offline_access", "a.read"], "optionalScopes": ["offline_access"]}),
            "optionalScopes",
        ),
        (json!({"redirectUri": "https://app.test/cb"}), "redirectUri"),
        (json!({"visibility": "public"}), "visibility"),
    ];
    let cf = cf();
    for (patch, field) in cases {
        let input = with(minimal_create(), patch.clone());
        let err = cf.create(input).expect_err(&patch.to_string());
        assert_eq!(err.kind, ErrorKind::Validation, "{patch}");
        assert_eq!(rejected_field(&err), Some(field), "{patch}: {err}");
    }
}

#[test]
fn a_typo_is_named_in_the_message_too() {
    let err = cf()
        .create(with(
            minimal_create(),
            json!({"redirectUri": "https://x.test"}),
        ))
        .unwrap_err();
    assert!(err.message.contains("redirectUri"), "{err}");
    assert_eq!(err.details.len(), 1);
}

#[test]
fn optional_scopes_in_scopes_are_accepted() {
    let input = with(
        minimal_create(),
        json!({"scopes": ["openid", "a.read"], "optionalScopes": ["a.read"]}),
    );
    assert!(cf().create(input).is_ok());
}

#[test]
fn update_rejects_invalid_changes_naming_the_field() {
    let cases = [
        (json!({"visibility": "private"}), "visibility"),
        (json!({"visibility": "unlisted"}), "visibility"),
        (json!({"name": ""}), "name"),
        (json!({"grantTypes": ["refresh_token"]}), "grantTypes"),
        (json!({"scopes": ["zone:read"]}), "scopes"),
        (json!({"redirectUris": []}), "redirectUris"),
        (json!({"logoUri": "not a url"}), "logoUri"),
        (json!({"optionalScopes": ["openid"]}), "optionalScopes"),
        (json!({"redirectUri": "https://app.test/cb"}), "redirectUri"),
        (json!({"clientName": "x"}), "clientName"),
    ];
    let cf = cf();
    for (changes, field) in cases {
        let err = cf
            .update(CLIENT_ID, changes.clone())
            .expect_err(&changes.to_string());
        assert_eq!(err.kind, ErrorKind::Validation, "{changes}");
        assert_eq!(rejected_field(&err), Some(field), "{changes}: {err}");
    }
}

#[test]
fn empty_ids_are_rejected_before_building() {
    let cf = cf();
    for id in ["", "  "] {
        let errors = [
            cf.get(id).unwrap_err(),
            cf.update(id, json!({"name": "x"})).unwrap_err(),
            cf.delete(id).unwrap_err(),
            cf.rotate_secret(id).unwrap_err(),
            cf.delete_rotated_secret(id).unwrap_err(),
        ];
        for err in errors {
            assert_eq!(
                (err.kind, rejected_field(&err)),
                (ErrorKind::Validation, Some("id")),
                "{id:?}"
            );
        }
    }
}

/// One kind's `list` request builder.
type ListRequest<'a> = &'a dyn Fn(&ListParams) -> Result<HttpRequest>;

#[test]
fn list_takes_no_sort_filter_or_cursor_but_accepts_limit() {
    let (cf, scopes) = (cf(), scopes());
    // Clients and the scope catalogue both come in one page.
    let kinds: [(ListRequest, String); 2] = [
        (&|p| cf.list(p), clients_url()),
        (
            &|p| scopes.list(p),
            "https://api.cloudflare.com/client/v4/oauth/scopes".to_owned(),
        ),
    ];
    for (list, url) in kinds {
        for params in [sorted("-createdAt"), named("app")] {
            let err = list(&params).unwrap_err();
            assert_eq!(
                (err.kind, err.provider),
                (ErrorKind::Unsupported, Some("cloudflare")),
                "{url} {params:?}"
            );
        }
        let err = list(&ListParams {
            cursor: Some("2".into()),
            ..ListParams::default()
        })
        .unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("cursor")),
            "{url}"
        );
        // Single page: the limit is accepted and ignored; the URL takes no query.
        let req = list(&ListParams {
            limit: Some(10),
            ..ListParams::default()
        })
        .unwrap();
        assert_eq!(req.url, url);
    }
}

// ---- response parsers -------------------------------------------------------------------

#[test]
fn client_record_reads_every_documented_field() {
    let client = cf().parse_record(&resp(200, ok(full_record()))).unwrap();
    let expected = CloudflareClient {
        client_id: CLIENT_ID.into(),
        visibility: Visibility::Public,
        client_name: Some("Example App".into()),
        client_uri: Some("https://example.com".into()),
        logo_uri: Some("https://example.com/logo.png".into()),
        policy_uri: Some("https://example.com/policy".into()),
        tos_uri: Some("https://example.com/tos".into()),
        allowed_cors_origins: Some(strings(&["https://example.com"])),
        redirect_uris: Some(strings(&["https://example.com/cb"])),
        post_logout_redirect_uris: Some(strings(&["https://example.com/logout"])),
        scopes: Some(strings(&["openid", "workers-platform.read"])),
        optional_scopes: Some(strings(&["workers-platform.read"])),
        client_uri_verification: Some(ClientUriVerification {
            status: VerificationStatus::Verified,
            text: Some("cloudflare-verify=abc123".into()),
            extra: Extra::new(),
            secret: None,
        }),
        grant_types: Some(vec![GrantType::AuthorizationCode, GrantType::RefreshToken]),
        response_types: Some(vec![ResponseType::Code, ResponseType::IdToken]),
        token_endpoint_auth_method: Some(TokenEndpointAuthMethod::ClientSecretPost),
        has_rotated_secret: Some(true),
        created_at: Some("2026-06-03T10:00:00Z".into()),
        updated_at: Some("2026-06-04T11:00:00Z".into()),
        promoted_at: Some("2026-06-05T12:00:00Z".into()),
        extra: Extra::new(),
        secret: None,
    };
    assert_eq!(client.record, expected);
}

#[test]
fn neutral_view_maps_the_record() {
    let client = cf().parse_record(&resp(200, ok(full_record()))).unwrap();
    assert_eq!(client.id, CLIENT_ID);
    assert_eq!(client.client_id, CLIENT_ID);
    assert_eq!(client.name.as_deref(), Some("Example App"));
    assert_eq!(client.description, None);
    assert_eq!(client.redirect_uris, strings(&["https://example.com/cb"]));
    assert_eq!(
        client.grant_types,
        strings(&["authorization_code", "refresh_token"])
    );
    assert_eq!(client.scopes, strings(&["openid", "workers-platform.read"]));
    assert_eq!(client.confidential, Some(true));
    assert_eq!(client.created_at.as_deref(), Some("2026-06-03T10:00:00Z"));
    assert_eq!(client.updated_at.as_deref(), Some("2026-06-04T11:00:00Z"));
}

#[test]
fn neutral_view_of_a_sparse_public_client() {
    let body = ok(
        json!({"client_id": CLIENT_ID, "visibility": "private", "token_endpoint_auth_method": "none"}),
    );
    let client = cf().parse_record(&resp(200, body)).unwrap();
    assert_eq!(client.confidential, Some(false));
    assert_eq!(client.name, None);
    assert!(
        client.redirect_uris.is_empty()
            && client.grant_types.is_empty()
            && client.scopes.is_empty()
    );
    assert_eq!((client.created_at, client.updated_at), (None, None));

    let bare = cf()
        .parse_record(&resp(
            200,
            ok(json!({"client_id": CLIENT_ID, "visibility": "private"})),
        ))
        .unwrap();
    assert_eq!(bare.confidential, None, "unknown without an auth method");
}

#[test]
fn unknown_fields_are_kept_in_extra() {
    let input = with(
        full_record(),
        json!({
            "brand_new_field": {"nested": [1, 2]},
            "client_uri_verification": {"status": "pending", "text": "t", "checked_at": "2026-01-01T00:00:00Z"}
        }),
    );
    let client = cf().parse_record(&resp(200, ok(input))).unwrap();
    let record = &client.record;
    assert_eq!(
        record.extra.get("brand_new_field"),
        Some(&json!({"nested": [1, 2]}))
    );
    assert_eq!(record.extra.len(), 1);
    let verification = record.client_uri_verification.as_ref().unwrap();
    assert_eq!(verification.status, VerificationStatus::Pending);
    assert_eq!(
        verification.extra.get("checked_at"),
        Some(&json!("2026-01-01T00:00:00Z"))
    );
}

#[test]
fn unknown_enum_values_are_kept_not_rejected() {
    let input = with(
        full_record(),
        json!({
            "grant_types": ["authorization_code", "device_code"],
            "response_types": ["code", "code id_token"],
            "token_endpoint_auth_method": "private_key_jwt",
            "visibility": "unlisted",
            "client_uri_verification": {"status": "expired"}
        }),
    );
    let client = cf().parse_record(&resp(200, ok(input))).unwrap();
    let record = &client.record;
    assert_eq!(
        record.grant_types,
        Some(vec![
            GrantType::AuthorizationCode,
            GrantType::Other("device_code".into())
        ])
    );
    assert_eq!(
        record.response_types,
        Some(vec![
            ResponseType::Code,
            ResponseType::Other("code id_token".into())
        ])
    );
    assert_eq!(
        record.token_endpoint_auth_method,
        Some(TokenEndpointAuthMethod::Other("private_key_jwt".into()))
    );
    assert_eq!(record.visibility, Visibility::Other("unlisted".into()));
    assert_eq!(
        record.client_uri_verification.as_ref().map(|v| &v.status),
        Some(&VerificationStatus::Other("expired".into()))
    );
    assert_eq!(
        client.grant_types,
        strings(&["authorization_code", "device_code"])
    );
}

#[test]
fn list_is_one_page_counting_itself() {
    let second = with(
        full_record(),
        json!({"client_id": "b".repeat(32), "client_name": "Second"}),
    );
    let page = cf()
        .parse_list(
            &ListParams::default(),
            &resp(200, ok(json!([full_record(), second]))),
        )
        .unwrap();
    assert_eq!((page.next.as_deref(), page.total), (None, Some(2)));
    let ids: Vec<&str> = page.items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [CLIENT_ID.to_owned(), "b".repeat(32)]);

    let empty = cf()
        .parse_list(&ListParams::default(), &resp(200, ok(json!([]))))
        .unwrap();
    assert_eq!(
        (empty.items.len(), empty.next, empty.total),
        (0, None, Some(0))
    );
}

#[test]
fn created_takes_the_secret_out_of_the_record() {
    let secret = "cf-oauth-secret-XYZ-very-private";
    let body = ok(with(full_record(), json!({"client_secret": secret})));
    let created = cf().parse_created(&resp(200, body)).unwrap();
    assert_eq!(created.secret.as_ref().map(Secret::expose), Some(secret));
    assert_eq!(created.client.id, CLIENT_ID);
    assert!(!created.client.record.extra.contains_key("client_secret"));
    let shown = format!("{created:?}");
    assert!(!shown.contains(secret), "{shown}");
}

#[test]
fn created_public_client_has_no_secret() {
    let body = ok(
        json!({"client_id": CLIENT_ID, "visibility": "private", "token_endpoint_auth_method": "none"}),
    );
    let created = cf().parse_created(&resp(201, body)).unwrap();
    assert_eq!(created.secret, None);
    assert_eq!(created.client.confidential, Some(false));
}

#[test]
fn rotated_returns_the_new_secret() {
    let rotated = cf()
        .parse_rotated(&resp(200, ok(json!({"client_secret": "new-s3cret"}))))
        .unwrap();
    assert_eq!(rotated.secret.expose(), "new-s3cret");
    assert_eq!(rotated.client, None);
    assert!(!format!("{rotated:?}").contains("new-s3cret"));
}

#[test]
fn deleted_accepts_an_id_or_null_result() {
    let cf = cf();
    assert_eq!(
        cf.parse_deleted(&resp(200, ok(json!({"id": CLIENT_ID})))),
        Ok(())
    );
    assert_eq!(cf.parse_deleted(&resp(200, ok(Value::Null))), Ok(()));
}

#[test]
fn scopes_parse_with_optional_fields() {
    let body = ok(json!([
        {"id": "workers-platform.read", "name": "Workers read", "category": "Workers", "scopes": ["workers.read"], "beta": true},
        {"id": "openid", "name": "OpenID"}
    ]));
    let page = scopes()
        .parse_list(&ListParams::default(), &resp(200, body))
        .unwrap();
    assert_eq!((page.next, page.total), (None, Some(2)));
    assert_eq!(
        page.items,
        [
            CloudflareScope {
                id: "workers-platform.read".into(),
                name: "Workers read".into(),
                category: Some("Workers".into()),
                scopes: Some(strings(&["workers.read"])),
                extra: [("beta".to_owned(), json!(true))].into_iter().collect(),
                secret: None,
            },
            CloudflareScope {
                id: "openid".into(),
                name: "OpenID".into(),
                category: None,
                scopes: None,
                extra: Extra::new(),
                secret: None,
            },
        ]
    );
}

// ---- errors -------------------------------------------------------------------------------

#[test]
fn error_envelopes_map_to_kinds_with_details() {
    let cases = [
        (401, ErrorKind::Authentication),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (422, ErrorKind::Validation),
        (429, ErrorKind::RateLimit),
        (500, ErrorKind::Server),
    ];
    let body = failure(json!([
        {
            "code": 10000,
            "message": "Authentication error",
            "documentation_url": "https://developers.cloudflare.com/x",
            "source": {"pointer": "/client_name"}
        },
        {"code": 7003, "message": "No route for the URI"}
    ]));
    for (status, kind) in cases {
        let err = cf().parse_record(&resp(status, body.clone())).unwrap_err();
        assert_eq!(err.kind, kind, "{status}");
        assert_eq!(err.status, Some(status));
        assert_eq!(err.provider, Some("cloudflare"));
        assert_eq!(err.code.as_deref(), Some("10000"));
        assert_eq!(err.message, "Authentication error; No route for the URI");
        assert_eq!(
            err.details,
            [
                ErrorDetail {
                    code: Some("10000".into()),
                    message: "Authentication error".into(),
                    field: Some("/client_name".into()),
                },
                ErrorDetail {
                    code: Some("7003".into()),
                    message: "No route for the URI".into(),
                    field: None
                },
            ]
        );
    }
}

#[test]
fn every_parser_reports_error_envelopes() {
    let cf = cf();
    let r = resp(
        404,
        failure(json!([{"code": 7003, "message": "No route for the URI"}])),
    );
    let errors = [
        cf.parse_record(&r).unwrap_err(),
        cf.parse_list(&ListParams::default(), &r).unwrap_err(),
        cf.parse_created(&r).unwrap_err(),
        cf.parse_deleted(&r).unwrap_err(),
        cf.parse_rotated(&r).unwrap_err(),
        scopes().parse_list(&ListParams::default(), &r).unwrap_err(),
    ];
    for err in errors {
        assert_eq!(
            (err.kind, err.code.as_deref(), err.status),
            (ErrorKind::NotFound, Some("7003"), Some(404))
        );
    }
}

#[test]
fn success_false_on_200_is_a_server_error() {
    let cf = cf();
    let r = resp(
        200,
        failure(json!([{"code": 1001, "message": "something broke"}])),
    );
    for err in [
        cf.parse_record(&r).unwrap_err(),
        cf.parse_deleted(&r).unwrap_err(),
    ] {
        assert_eq!(err.kind, ErrorKind::Server);
        assert_eq!((err.status, err.code.as_deref()), (Some(200), Some("1001")));
        assert_eq!(err.message, "something broke");
    }
    // Even with no error item the failure is reported, not taken for success.
    let err = cf.parse_record(&resp(200, failure(json!([])))).unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::Server, "cloudflare answered HTTP 200")
    );
}

#[test]
fn non_json_error_bodies_fall_back_to_the_status() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let cases = [
        (502, html, ErrorKind::Server),
        (503, "", ErrorKind::Server),
        (404, "{", ErrorKind::NotFound),
        (429, "null", ErrorKind::RateLimit),
        // An envelope with no error item says nothing more than the status.
        (
            401,
            r#"{"success": false, "errors": [], "result": null}"#,
            ErrorKind::Authentication,
        ),
    ];
    for (status, body, kind) in cases {
        let err = cf().parse_record(&resp(status, body)).unwrap_err();
        assert_eq!(err.kind, kind, "{status} {body}");
        assert_eq!(err.message, format!("cloudflare answered HTTP {status}"));
        assert_eq!(
            (err.status, err.provider),
            (Some(status), Some("cloudflare"))
        );
        assert!(err.details.is_empty() && err.code.is_none());
    }
}

#[test]
fn malformed_success_bodies_are_decode_errors() {
    let bodies = [
        String::new(),
        "{".to_owned(),
        "[]".to_owned(),
        "null".to_owned(),
        "<html></html>".to_owned(),
        r#"{"success":true}"#.to_owned(),
        ok(Value::Null),
        ok(json!("a client")),
        ok(json!([full_record()])),
        ok(with(full_record(), json!({"client_id": null}))),
        ok(with(full_record(), json!({"client_id": 5}))),
        ok(with(
            full_record(),
            json!({"grant_types": "authorization_code"}),
        )),
        ok(with(full_record(), json!({"has_rotated_secret": "yes"}))),
    ];
    let cf = cf();
    for body in &bodies {
        let r = resp(200, body.as_str());
        for err in [
            cf.parse_record(&r).unwrap_err(),
            cf.parse_created(&r).unwrap_err(),
        ] {
            assert_eq!(err.kind, ErrorKind::Decode, "{body}: {err}");
            assert_eq!(err.status, Some(200), "{body}");
        }
    }
}

#[test]
fn malformed_list_rotate_and_scope_bodies_are_decode_errors() {
    let cf = cf();
    let list = [
        ok(json!({})),
        ok(json!([{"visibility": "private"}])),
        ok(Value::Null),
        "[]".to_owned(),
    ];
    for body in &list {
        let err = cf
            .parse_list(&ListParams::default(), &resp(200, body.as_str()))
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode, "{body}");
    }
    for body in [
        ok(json!({})),
        ok(json!({"client_secret": 42})),
        ok(Value::Null),
        ok(json!("s")),
    ] {
        assert_eq!(
            cf.parse_rotated(&resp(200, body.as_str()))
                .unwrap_err()
                .kind,
            ErrorKind::Decode,
            "{body}"
        );
    }
    for body in [ok(json!({})), ok(json!([{"id": "a.b"}])), "{".to_owned()] {
        assert_eq!(
            scopes()
                .parse_list(&ListParams::default(), &resp(200, body.as_str()))
                .unwrap_err()
                .kind,
            ErrorKind::Decode,
            "{body}"
        );
    }
    for body in ["{", "[1]", "\"ok\""] {
        assert_eq!(
            cf.parse_deleted(&resp(200, body)).unwrap_err().kind,
            ErrorKind::Decode,
            "{body}"
        );
    }
}

#[test]
fn decode_errors_name_the_provider() {
    let cf = cf();
    for body in ["", "{", "null", r#"{"success":true}"#] {
        let err = cf.parse_record(&resp(200, body)).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Decode, Some("cloudflare")),
            "{body:?}"
        );
    }
}

// ---- capabilities -------------------------------------------------------------------------

fn full_create_input() -> Value {
    json!({
        "name": "Full",
        "redirectUris": ["https://app.test/cb"],
        "scopes": ["openid", "a.read"],
        "grantTypes": ["authorization_code"],
        "responseTypes": ["code"],
        "tokenEndpointAuthMethod": "none",
        "allowedCorsOrigins": ["https://app.test"],
        "clientUri": "https://app.test",
        "logoUri": "https://app.test/logo.png",
        "policyUri": "https://app.test/policy",
        "tosUri": "https://app.test/tos",
        "postLogoutRedirectUris": ["https://app.test/bye"],
        "optionalScopes": ["a.read"]
    })
}

fn keys(value: &Value) -> std::collections::BTreeSet<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

fn spec_names(specs: &[FieldSpec]) -> std::collections::BTreeSet<String> {
    specs.iter().map(|f| f.name.to_owned()).collect()
}

#[test]
fn capability_fields_are_accepted_by_the_inputs() {
    let caps = cf().describe();
    assert_eq!(
        (caps.name, caps.path.as_str(), caps.paging, caps.max_limit),
        ("clients", "clients", PagingStyle::Single, None)
    );
    assert!(caps.sort_fields.is_empty() && caps.filters.is_empty());
    cf().create(full_create_input())
        .expect("the full input is valid");
    let create_keys = keys(&full_create_input());
    assert!(spec_names(&caps.create_fields).is_subset(&create_keys));
    let required: Vec<&str> = caps
        .create_fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    assert_eq!(required, ["name", "redirectUris", "scopes"]);
    for spec in &caps.create_fields {
        let options: Vec<&str> = spec.options.to_vec();
        match spec.name {
            "grantTypes" => assert_eq!(options, ["authorization_code", "refresh_token"]),
            "responseTypes" => assert_eq!(options, ["code", "token", "id_token"]),
            "tokenEndpointAuthMethod" => assert_eq!(
                options,
                ["client_secret_basic", "client_secret_post", "none"]
            ),
            _ => assert!(options.is_empty(), "{}", spec.name),
        }
    }
}

#[test]
fn capability_fields_list_every_input_field() {
    let caps = cf().describe();
    assert_eq!(spec_names(&caps.create_fields), keys(&full_create_input()));
    let update_keys = keys(&with(full_create_input(), json!({"visibility": "public"})));
    assert_eq!(spec_names(&caps.update_fields), update_keys);
}

// ---- vendor examples ----------------------------------------------------------------------

fn camel_case(snake: &str) -> String {
    let mut parts = snake.split('_');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// The camelCase input that stands for a snake_case wire body.
fn input_for_wire(wire: &Value) -> Value {
    let Value::Object(fields) = wire else {
        panic!("a wire body is an object")
    };
    let input = fields
        .iter()
        .map(|(key, value)| {
            let name = if key == "client_name" {
                "name".to_owned()
            } else {
                camel_case(key)
            };
            (name, value.clone())
        })
        .collect();
    Value::Object(input)
}

#[test]
fn vendor_example_bodies() {
    let Some(dir) = vendor_examples("cloudflare") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).unwrap();
    let cf = cf();
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        match name.as_str() {
            "create.request.example.json" => {
                let req = cf
                    .create(input_for_wire(&json))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(body_json(&req), json, "{name}");
            }
            "rotate_secret.response.example.json" => {
                // A success envelope with a non-empty `errors` list: success decides.
                let rotated = cf.parse_rotated(&resp(200, text)).unwrap();
                assert_eq!(rotated.secret.expose(), "cf-oauth-secret-new-example");
            }
            "delete_rotated_secret.response.example.json" => {
                assert_eq!(cf.parse_deleted(&resp(200, text)), Ok(()), "{name}");
            }
            _ => {}
        }
    }
}

#[test]
fn output_matches_the_typescript_types() {
    use crate::provider::test_support::written_as_typed;
    let client = cf().parse_record(&resp(200, ok(full_record()))).unwrap();
    written_as_typed(&client);
    let created = cf()
        .parse_created(&resp(
            200,
            ok(with(full_record(), json!({"client_secret": "s"}))),
        ))
        .unwrap();
    written_as_typed(&created);
    let page = scopes()
        .parse_list(
            &ListParams::default(),
            &resp(
                200,
                ok(json!([{"id": "a.read", "name": "A", "category": "C", "scopes": ["x"]}])),
            ),
        )
        .unwrap();
    written_as_typed(&page);
    written_as_typed(&cf().describe());
    written_as_typed(&crate::model::Capabilities {
        provider: NAME,
        clients: cf().describe(),
        resources: vec![cf().describe(), scopes().describe()],
    });
    written_as_typed(&INFO);
}

#[test]
fn echoed_secrets_never_reach_a_record() {
    let echoed = with(
        full_record(),
        json!({"client_secret": "s3cret-echo", "secret": "x", "registration_access_token": "r"}),
    );
    for client in [
        cf().parse_record(&resp(200, ok(echoed.clone()))).unwrap(),
        cf().parse_updated(&resp(200, ok(echoed.clone()))).unwrap(),
        cf().parse_list(
            &ListParams::default(),
            &resp(200, ok(json!([echoed.clone()]))),
        )
        .unwrap()
        .items
        .remove(0),
    ] {
        let written = crate::json::to_text(&client);
        assert!(
            !written.contains("s3cret-echo") && !written.contains("registration"),
            "{written}"
        );
        assert!(!format!("{client:?}").contains("s3cret-echo"));
    }
    let created = cf().parse_created(&resp(200, ok(echoed))).unwrap();
    assert_eq!(
        created.secret.as_ref().map(|s| s.expose()),
        Some("s3cret-echo")
    );
    assert!(!crate::json::to_text(&created.client).contains("s3cret-echo"));
}
