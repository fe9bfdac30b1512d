use super::*;
use crate::model::Secret;
use crate::provider::test_support::{
    body_json, named, params, rejected_field, resp, sorted, unsupported, vendor_examples,
};
use crate::provider::{DynKind, Op};

use crate::model::{EpochMillis, Extra};
use serde_json::{json, Value};

const BASE: &str = "https://acme.atlan.com";
const CLIENTS: &str = "https://acme.atlan.com/api/service/oauth-clients";
const CLIENT_ID: &str = "oauth-client-4f3e2d1c";
/// `{"$or":[{"level":"workspace"},{"level":"admin-subrole"}]}`, percent-encoded.
const ROLE_FILTER_ENCODED: &str =
    "%7B%22%24or%22%3A%5B%7B%22level%22%3A%22workspace%22%7D%2C%7B%22level%22%3A%22admin-subrole%22%7D%5D%7D";

fn atlan() -> Atlan {
    Atlan::new(Some(BASE)).unwrap()
}

/// The `GET roles` request of `a`'s role catalogue.
fn roles_request(a: &Atlan) -> HttpRequest {
    AtlanRoles(a.clone()).list(&ListParams::default()).unwrap()
}

/// Reads a `GET roles` answer through the role catalogue.
fn parse_roles(r: &HttpResponse) -> Result<Page<AtlanRole>> {
    AtlanRoles(atlan()).parse_list(&ListParams::default(), r)
}

fn role(name: &str, description: Option<&str>) -> AtlanRole {
    AtlanRole {
        id: None,
        name: name.into(),
        description: description.map(str::to_owned),
        level: None,
        client_role: None,
        member_count: None,
        user_count: None,
        extra: Extra::new(),
        secret: None,
    }
}

fn roles() -> Vec<AtlanRole> {
    vec![
        role("$admin", Some("Admin")),
        role("$member", Some("Member")),
        role("$guest", Some("Guest")),
        role("$admin_connections", Some("Connection Admin")),
    ]
}

/// A `GET roles` answer listing the workspace roles.
fn roles_body() -> String {
    json!({
        "totalRecord": 4,
        "filterRecord": 4,
        "records": [
            {"id": "r-1", "name": "$admin", "description": "Admin", "level": "workspace", "clientRole": false, "memberCount": 3, "userCount": 3},
            {"id": "r-2", "name": "$member", "description": "Member", "level": "workspace"},
            {"id": "r-3", "name": "$guest", "description": "Guest", "level": "workspace"},
            {"id": "r-4", "name": "$admin_connections", "description": "Connection Admin", "level": "admin-subrole"}
        ]
    })
    .to_string()
}

/// A client record with every field the reference lists; `createdAt` a number and
/// `updatedAt` a string of digits, as Atlan sends both.
fn full_client() -> Value {
    json!({
        "id": "5f1c2d3e-0000-4000-8000-000000000001",
        "clientId": CLIENT_ID,
        "displayName": "ETL pipeline",
        "description": "Loads the warehouse",
        "role": "$admin",
        "personaQNs": ["default/persona/abc"],
        "tokenExpirySeconds": 600,
        "createdAt": 1_700_000_000_123_i64,
        "createdBy": "alice",
        "updatedAt": "1700000360000",
        "updatedBy": "bob"
    })
}

fn client_list(count: usize, total: u64, filtered: Option<u64>) -> String {
    let records: Vec<Value> = (0..count)
        .map(|i| json!({"clientId": format!("oauth-client-{i}"), "displayName": format!("C{i}")}))
        .collect();
    let mut body = json!({"totalRecord": total, "records": records});
    if let Some(filtered) = filtered {
        body["filterRecord"] = json!(filtered);
    }
    body.to_string()
}

fn atlan_error() -> String {
    json!({
        "errorCode": "ATLAN-400-00-001",
        "errorMessage": "Invalid OAuth client request",
        "errorCause": ["displayName must not be blank"],
        "errorId": "req-7c1d",
        "doc": "https://docs.atlan.com/errors",
        "causes": [
            {"errorType": "ValidationError", "errorMessage": "must not be blank", "location": "displayName"}
        ]
    })
    .to_string()
}

// ---- constructor and builders -------------------------------------------------------------

#[test]
fn a_tenant_url_is_required() {
    for base in [
        None,
        Some("acme.atlan.com"),
        Some("ftp://acme.atlan.com"),
        Some(""),
    ] {
        let err = Atlan::new(base).unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("baseUrl")),
            "{base:?}"
        );
    }
}

#[test]
fn list_url_has_count_offset_and_default_limit() {
    let req = atlan().list(&ListParams::default()).unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(req.url, format!("{CLIENTS}?count=true&offset=0&limit=20"));
    assert_eq!(req.body, None);
    assert_eq!(req.header_value("authorization"), None);
}

#[test]
fn list_url_carries_cursor_limit_sort_and_name_filter() {
    let req = atlan()
        .list(&ListParams {
            limit: Some(10),
            cursor: Some("40".into()),
            sort: Some("name".into()),
            name: Some("etl".into()),
            ..ListParams::default()
        })
        .unwrap();
    assert_eq!(
        req.url,
        format!(
            "{CLIENTS}?count=true&offset=40&limit=10&sort=displayName\
             &filter=%7B%22displayName%22%3A%7B%22%24ilike%22%3A%22%25etl%25%22%7D%7D"
        )
    );
}

#[test]
fn name_filter_is_the_ilike_json_filter() {
    let req = atlan()
        .list(&ListParams {
            name: Some("my app".into()),
            ..ListParams::default()
        })
        .unwrap();
    let (_, filter) = req.url.split_once("&filter=").expect("a filter");
    assert_eq!(
        filter,
        crate::request::encode_component(r#"{"displayName":{"$ilike":"%my app%"}}"#)
    );
}

#[test]
fn list_sort_maps_to_atlan_properties() {
    let cases = [
        ("createdAt", "createdAt"),
        ("-createdAt", "-createdAt"),
        ("name", "displayName"),
        ("-name", "-displayName"),
    ];
    for (sort, wire) in cases {
        let req = atlan()
            .list(&ListParams {
                sort: Some(sort.into()),
                ..ListParams::default()
            })
            .unwrap();
        assert_eq!(
            req.url,
            format!("{CLIENTS}?count=true&offset=0&limit=20&sort={wire}"),
            "{sort}"
        );
    }
    for bad in ["displayName", "updatedAt", "+name", ""] {
        let err = atlan()
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
    let a = atlan();
    let err = a.list(&params(Some(0), None)).unwrap_err();
    assert_eq!(rejected_field(&err), Some("limit"));
    // No documented maximum.
    assert_eq!(
        a.list(&params(Some(10_000), Some("5"))).unwrap().url,
        format!("{CLIENTS}?count=true&offset=5&limit=10000")
    );
    for junk in ["x", "-20", ""] {
        let err = a.list(&params(None, Some(junk))).unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some("cursor")),
            "{junk:?}"
        );
    }
}

#[test]
fn get_update_and_delete_use_the_client_id_in_the_path() {
    let a = atlan();
    let url = format!("{CLIENTS}/{CLIENT_ID}");
    let get = a.get(CLIENT_ID).unwrap();
    assert_eq!(
        (get.method, get.url.as_str(), get.body.as_deref()),
        (Method::Get, url.as_str(), None)
    );
    let update = a.update(CLIENT_ID, json!({"name": "x"})).unwrap();
    assert_eq!(
        (update.method, update.url.as_str()),
        (Method::Put, url.as_str())
    );
    let delete = a.delete(CLIENT_ID).unwrap();
    assert_eq!(
        (delete.method, delete.url.as_str(), delete.body.as_deref()),
        (Method::Delete, url.as_str(), None)
    );
    assert_eq!(a.get("a b/c").unwrap().url, format!("{CLIENTS}/a%20b%2Fc"));
    assert_eq!(a.delete("../x").unwrap().url, format!("{CLIENTS}/..%2Fx"));
}

#[test]
fn trailing_slash_on_the_tenant_url_is_ignored() {
    let a = Atlan::new(Some("https://acme.atlan.com/")).unwrap();
    assert_eq!(
        a.get(CLIENT_ID).unwrap().url,
        format!("{CLIENTS}/{CLIENT_ID}")
    );
    assert!(roles_request(&a)
        .url
        .starts_with("https://acme.atlan.com/api/service/roles?"));
}

#[test]
fn empty_ids_are_rejected_naming_id() {
    let a = atlan();
    for id in ["", "  "] {
        for err in [
            a.get(id).unwrap_err(),
            a.update(id, json!({"name": "x"})).unwrap_err(),
            a.delete(id).unwrap_err(),
        ] {
            assert_eq!(
                (err.kind, rejected_field(&err)),
                (ErrorKind::Validation, Some("id")),
                "{id:?}"
            );
        }
    }
}

#[test]
fn roles_request_asks_for_workspace_and_admin_subroles() {
    let req = roles_request(&atlan());
    assert_eq!(req.method, Method::Get);
    assert_eq!(
        req.url,
        format!(
            "{BASE}/api/service/roles?count=true&offset=0&limit=100&filter={ROLE_FILTER_ENCODED}"
        )
    );
    assert_eq!(req.body, None);
}

// ---- roles --------------------------------------------------------------------------------

#[test]
fn roles_parse_with_every_field() {
    let page = parse_roles(&resp(200, roles_body())).unwrap();
    assert_eq!((page.next, page.total), (None, Some(4)));
    let roles = page.items;
    assert_eq!(roles.len(), 4);
    assert_eq!(
        roles[0],
        AtlanRole {
            id: Some("r-1".into()),
            name: "$admin".into(),
            description: Some("Admin".into()),
            level: Some("workspace".into()),
            client_role: Some(false),
            member_count: Some(3),
            user_count: Some(3),
            extra: Extra::new(),
            secret: None,
        }
    );
    assert_eq!(roles[3].level.as_deref(), Some("admin-subrole"));

    let none = parse_roles(&resp(200, r#"{"totalRecord":0,"records":null}"#)).unwrap();
    assert!(none.items.is_empty());
}

#[test]
fn resolve_role_by_ui_name_ignoring_case_and_spaces() {
    let roles = roles();
    for (wanted, name) in [
        ("Admin", "$admin"),
        ("admin", "$admin"),
        (" admin ", "$admin"),
        ("MEMBER", "$member"),
        ("guest", "$guest"),
        ("connection admin", "$admin_connections"),
    ] {
        assert_eq!(resolve_role(&roles, wanted), Ok(name), "{wanted:?}");
    }
}

#[test]
fn resolve_role_by_dollar_name() {
    let roles = roles();
    for (wanted, name) in [
        ("$admin", "$admin"),
        ("$member", "$member"),
        (" $guest ", "$guest"),
        ("$admin_connections", "$admin_connections"),
    ] {
        assert_eq!(resolve_role(&roles, wanted), Ok(name), "{wanted:?}");
    }
}

#[test]
fn unknown_role_is_not_found_listing_the_roles() {
    let err = resolve_role(&roles(), " Owner ").unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(err.provider, Some("atlan"));
    assert_eq!(err.status, None, "found before sending anything");
    assert_eq!(
        err.message,
        "Role 'Owner' does not exist. Available roles: Admin ($admin), Member ($member), \
         Guest ($guest), Connection Admin ($admin_connections)"
    );
    assert_eq!(rejected_field(&err), Some("role"));

    // A role without a description is listed by its $name.
    let err = resolve_role(&[role("$custom", None)], "x").unwrap_err();
    assert!(err.message.ends_with("Available roles: $custom"), "{err}");
    // The description is not a $name: "Admin" is not "$Admin".
    assert!(resolve_role(&roles(), "$Admin").is_err());
    assert!(resolve_role(&[], "Admin").is_err());
}

// ---- create flow --------------------------------------------------------------------------

#[test]
fn read_create_validates_the_input() {
    let cases = [
        (json!({"name": "", "role": "Admin"}), "name"),
        (json!({"name": "   ", "role": "Admin"}), "name"),
        (json!({"name": "ETL", "role": ""}), "role"),
        (json!({"name": "ETL", "role": "  "}), "role"),
        (json!({"name": "ETL"}), "role"),
        (json!({"role": "Admin"}), "name"),
        (
            json!({"name": "ETL", "role": "Admin", "roles": "$member"}),
            "roles",
        ),
        (
            json!({"name": "ETL", "role": "Admin", "displayName": "x"}),
            "displayName",
        ),
        (
            json!({"name": "ETL", "role": "Admin", "personaQns": []}),
            "personaQns",
        ),
    ];
    let a = atlan();
    for (input, field) in cases {
        let err = a.read_create(input.clone()).expect_err(&input.to_string());
        assert_eq!(err.kind, ErrorKind::Validation, "{input}");
        assert_eq!(rejected_field(&err), Some(field), "{input}: {err}");
    }
}

#[test]
fn create_lookup_is_the_roles_request() {
    let a = atlan();
    assert_eq!(a.create_lookup(), Some(roles_request(&a)));
}

#[test]
fn build_create_sends_the_resolved_role_and_sdk_defaults() {
    let a = atlan();
    let input = a
        .read_create(json!({"name": "ETL", "role": " admin "}))
        .unwrap();
    let req = a
        .build_create(&input, Some(&resp(200, roles_body())))
        .unwrap();
    assert_eq!((req.method, req.url.as_str()), (Method::Post, CLIENTS));
    assert_eq!(req.header_value("content-type"), Some("application/json"));
    assert_eq!(
        body_json(&req),
        json!({"displayName": "ETL", "description": "", "role": "$admin", "personaQNs": []})
    );
}

#[test]
fn build_create_carries_description_and_personas() {
    let a = atlan();
    let input = a
        .read_create(json!({
            "name": "ETL",
            "description": "Loads data",
            "role": "$member",
            "personaQNs": ["default/p/1", "default/p/2"]
        }))
        .unwrap();
    let req = a
        .build_create(&input, Some(&resp(200, roles_body())))
        .unwrap();
    assert_eq!(
        body_json(&req),
        json!({
            "displayName": "ETL",
            "description": "Loads data",
            "role": "$member",
            "personaQNs": ["default/p/1", "default/p/2"]
        })
    );
}

#[test]
fn build_create_with_an_unknown_role_is_not_found() {
    let a = atlan();
    let input = a
        .read_create(json!({"name": "ETL", "role": "Owner"}))
        .unwrap();
    let err = a
        .build_create(&input, Some(&resp(200, roles_body())))
        .unwrap_err();
    assert_eq!(
        (err.kind, err.provider),
        (ErrorKind::NotFound, Some("atlan"))
    );
    assert!(
        err.message.starts_with("Role 'Owner' does not exist"),
        "{err}"
    );
}

#[test]
fn build_create_reports_a_failed_roles_lookup() {
    let a = atlan();
    let input = a
        .read_create(json!({"name": "ETL", "role": "Admin"}))
        .unwrap();
    let body = json!({"errorCode": "ATLAN-401-00-001", "errorMessage": "Token expired", "errorId": "e-401"});
    let err = a
        .build_create(&input, Some(&resp(401, body.to_string())))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Authentication);
    assert_eq!(err.status, Some(401));
    assert_eq!(err.provider, Some("atlan"));
    assert_eq!(err.message, "Token expired");
    assert_eq!(err.request_id.as_deref(), Some("e-401"));

    let err = a
        .build_create(&input, Some(&resp(200, "<html>")))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
}

#[test]
fn create_without_the_lookup_cannot_be_built() {
    let a = atlan();
    let input = a
        .read_create(json!({"name": "ETL", "role": "Admin"}))
        .unwrap();
    assert_eq!(
        a.build_create(&input, None).unwrap_err().kind,
        ErrorKind::Validation
    );
    // The one-step `create` of lookup-free providers cannot serve Atlan.
    assert_eq!(
        a.create(json!({"name": "ETL", "role": "$admin"}))
            .unwrap_err()
            .kind,
        ErrorKind::Validation
    );
}

// ---- update -------------------------------------------------------------------------------

#[test]
fn update_body_carries_only_name_and_description_given() {
    let a = atlan();
    let cases = [
        (json!({"name": "New"}), json!({"displayName": "New"})),
        (json!({"description": "d"}), json!({"description": "d"})),
        (json!({"description": ""}), json!({"description": ""})),
        (
            json!({"name": "New", "description": "d"}),
            json!({"displayName": "New", "description": "d"}),
        ),
        (json!({}), json!({})),
    ];
    for (changes, body) in cases {
        let req = a.update(CLIENT_ID, changes.clone()).unwrap();
        assert_eq!(req.method, Method::Put);
        assert_eq!(body_json(&req), body, "{changes}");
    }
}

#[test]
fn update_rejects_empty_names_and_other_fields() {
    let a = atlan();
    for (changes, field) in [
        (json!({"name": ""}), "name"),
        (json!({"name": "  "}), "name"),
        (json!({"role": "$admin"}), "role"),
        (json!({"personaQNs": []}), "personaQNs"),
        (json!({"displayName": "x"}), "displayName"),
    ] {
        let err = a.update(CLIENT_ID, changes.clone()).unwrap_err();
        assert_eq!(
            (err.kind, rejected_field(&err)),
            (ErrorKind::Validation, Some(field)),
            "{changes}"
        );
    }
}

// ---- parsers ------------------------------------------------------------------------------

#[test]
fn client_record_reads_number_and_string_times() {
    let client = atlan()
        .parse_record(&resp(200, full_client().to_string()))
        .unwrap();
    let expected = AtlanClient {
        client_id: CLIENT_ID.into(),
        id: Some("5f1c2d3e-0000-4000-8000-000000000001".into()),
        display_name: Some("ETL pipeline".into()),
        description: Some("Loads the warehouse".into()),
        role: Some("$admin".into()),
        persona_q_ns: Some(vec!["default/persona/abc".into()]),
        token_expiry_seconds: Some(600),
        created_at: Some(EpochMillis(1_700_000_000_123)),
        created_by: Some("alice".into()),
        updated_at: Some(EpochMillis(1_700_000_360_000)),
        updated_by: Some("bob".into()),
        extra: Extra::new(),
        secret: None,
    };
    assert_eq!(client.record, expected);
}

#[test]
fn neutral_view_maps_the_record() {
    let client = atlan()
        .parse_record(&resp(200, full_client().to_string()))
        .unwrap();
    assert_eq!(client.id, CLIENT_ID, "paths take the clientId");
    assert_eq!(client.client_id, CLIENT_ID);
    assert_eq!(client.name.as_deref(), Some("ETL pipeline"));
    assert_eq!(client.description.as_deref(), Some("Loads the warehouse"));
    assert!(
        client.redirect_uris.is_empty()
            && client.grant_types.is_empty()
            && client.scopes.is_empty()
    );
    assert_eq!(client.confidential, Some(true));
    assert_eq!(
        client.created_at.as_deref(),
        Some("2023-11-14T22:13:20.123Z")
    );
    assert_eq!(
        client.updated_at.as_deref(),
        Some("2023-11-14T22:19:20.000Z")
    );

    let mut swapped = full_client();
    swapped["createdAt"] = json!("1700000000123");
    swapped["updatedAt"] = json!(1_700_000_360_000_i64);
    let client = atlan()
        .parse_record(&resp(200, swapped.to_string()))
        .unwrap();
    assert_eq!(
        client.created_at.as_deref(),
        Some("2023-11-14T22:13:20.123Z")
    );
    assert_eq!(
        client.updated_at.as_deref(),
        Some("2023-11-14T22:19:20.000Z")
    );
}

#[test]
fn minimal_client_and_unknown_fields() {
    let client = atlan()
        .parse_record(&resp(200, json!({"clientId": CLIENT_ID}).to_string()))
        .unwrap();
    assert_eq!(client.id, CLIENT_ID);
    assert_eq!((&client.name, &client.created_at), (&None, &None));

    let mut body = full_client();
    body["apiKeyId"] = json!("k-1");
    body["policies"] = json!([{"a": 1}]);
    let client = atlan().parse_record(&resp(200, body.to_string())).unwrap();
    let extra = &client.record.extra;
    assert_eq!(extra.len(), 2);
    assert_eq!(extra.get("apiKeyId"), Some(&json!("k-1")));
    assert_eq!(extra.get("policies"), Some(&json!([{"a": 1}])));
}

#[test]
fn created_takes_the_client_secret_out() {
    let secret = "atlan-oauth-secret-VERY-private";
    let body = json!({
        "id": "5f1c2d3e-0000-4000-8000-000000000001",
        "clientId": CLIENT_ID,
        "clientSecret": secret,
        "displayName": "ETL pipeline",
        "description": "",
        "tokenExpirySeconds": 600,
        "createdAt": "1700000000123",
        "createdBy": "alice"
    });
    let created = atlan().parse_created(&resp(200, body.to_string())).unwrap();
    assert_eq!(created.secret.as_ref().map(Secret::expose), Some(secret));
    assert_eq!(created.client.id, CLIENT_ID);
    assert_eq!(
        created.client.created_at.as_deref(),
        Some("2023-11-14T22:13:20.123Z")
    );
    assert!(!created.client.record.extra.contains_key("clientSecret"));
    assert!(created.client.record.extra.is_empty());
    let shown = format!("{created:?}");
    assert!(!shown.contains(secret), "{shown}");

    let without = atlan()
        .parse_created(&resp(200, json!({"clientId": CLIENT_ID}).to_string()))
        .unwrap();
    assert_eq!(without.secret, None);
}

#[test]
fn list_total_prefers_filter_record_and_pages_by_offset() {
    let a = atlan();
    // 50 clients, 3 match the filter: the filtered count is the list's total.
    let page = a
        .parse_list(
            &params(Some(2), None),
            &resp(200, client_list(2, 50, Some(3))),
        )
        .unwrap();
    assert_eq!((page.items.len(), page.total), (2, Some(3)));
    assert_eq!(page.next.as_deref(), Some("2"));
    assert_eq!(page.items[1].id, "oauth-client-1");
    assert_eq!(page.items[1].name.as_deref(), Some("C1"));

    let last = a
        .parse_list(
            &params(Some(2), Some("2")),
            &resp(200, client_list(1, 50, Some(3))),
        )
        .unwrap();
    assert_eq!(
        (last.items.len(), last.next, last.total),
        (1, None, Some(3))
    );

    // A full page that reaches the filtered total is the last one.
    let full = a
        .parse_list(
            &params(None, None),
            &resp(200, client_list(20, 50, Some(20))),
        )
        .unwrap();
    assert_eq!((full.next, full.total), (None, Some(20)));

    // Without filterRecord the total is totalRecord.
    let plain = a
        .parse_list(
            &params(None, Some("20")),
            &resp(200, client_list(20, 45, None)),
        )
        .unwrap();
    assert_eq!((plain.next.as_deref(), plain.total), (Some("40"), Some(45)));
}

#[test]
fn null_missing_or_empty_records_end_the_list() {
    let a = atlan();
    for body in [
        r#"{"totalRecord": 3, "filterRecord": 3, "records": null}"#,
        r#"{"totalRecord": 3, "filterRecord": 3, "records": []}"#,
        r#"{"totalRecord": 3, "filterRecord": 3}"#,
    ] {
        let page = a
            .parse_list(&params(None, Some("3")), &resp(200, body))
            .unwrap();
        assert_eq!(
            (page.items.len(), page.next, page.total),
            (0, None, Some(3)),
            "{body}"
        );
    }
    // Even with no total at all, an empty page stops.
    let page = a.parse_list(&params(None, None), &resp(200, "{}")).unwrap();
    assert_eq!((page.items.len(), page.next, page.total), (0, None, None));
}

#[test]
fn deleted_accepts_any_json_or_nothing() {
    let a = atlan();
    for body in ["", "{}", "null", r#"{"message":"deleted"}"#] {
        assert_eq!(a.parse_deleted(&resp(200, body)), Ok(()), "{body:?}");
    }
    assert_eq!(
        a.parse_deleted(&resp(200, "{")).unwrap_err().kind,
        ErrorKind::Decode
    );
}

// ---- errors -------------------------------------------------------------------------------

#[test]
fn atlan_errors_map_to_kinds_with_details() {
    let cases = [
        (400, ErrorKind::Validation),
        (401, ErrorKind::Authentication),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (429, ErrorKind::RateLimit),
        (500, ErrorKind::Server),
    ];
    for (status, kind) in cases {
        let err = atlan()
            .parse_record(&resp(status, atlan_error()))
            .unwrap_err();
        assert_eq!(err.kind, kind, "{status}");
        assert_eq!((err.status, err.provider), (Some(status), Some("atlan")));
        assert_eq!(err.code.as_deref(), Some("ATLAN-400-00-001"));
        assert_eq!(err.message, "Invalid OAuth client request");
        assert_eq!(err.request_id.as_deref(), Some("req-7c1d"));
        assert_eq!(
            err.details,
            [
                ErrorDetail {
                    code: Some("ValidationError".into()),
                    message: "must not be blank".into(),
                    field: Some("displayName".into()),
                },
                ErrorDetail {
                    code: None,
                    message: "displayName must not be blank".into(),
                    field: None,
                },
            ]
        );
    }
}

#[test]
fn alias_error_keys_are_read() {
    let cases = [
        (
            json!({"code": "ATLAN-403-00-001", "message": "Forbidden"}),
            403,
            "ATLAN-403-00-001",
            "Forbidden",
        ),
        (
            json!({"code": 404, "message": "Client not found"}),
            404,
            "404",
            "Client not found",
        ),
        (
            json!({"status": 409, "message": "Already exists"}),
            409,
            "409",
            "Already exists",
        ),
        (
            json!({"status": "BAD_REQUEST", "errorMessage": "Bad"}),
            400,
            "BAD_REQUEST",
            "Bad",
        ),
    ];
    for (body, status, code, message) in cases {
        let err = atlan()
            .parse_record(&resp(status, body.to_string()))
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::from_status(status), "{body}");
        assert_eq!(err.code.as_deref(), Some(code), "{body}");
        assert_eq!(err.message, message, "{body}");
        assert_eq!(err.request_id, None);
        assert!(err.details.is_empty());
    }
}

#[test]
fn error_bodies_with_several_code_keys_keep_the_first_documented_one() {
    // The reference reads code as errorCode | code | status and message as errorMessage | message:
    // the first present key wins, the others are not an error.
    for body in [
        json!({"errorCode": "ATLAN-404-00-001", "errorMessage": "Client not found", "status": 404, "errorId": "e-9"}),
        json!({"errorCode": "ATLAN-404-00-001", "errorMessage": "Client not found", "message": "Not Found", "errorId": "e-9"}),
    ] {
        let err = atlan()
            .parse_record(&resp(404, body.to_string()))
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound);
        assert_eq!(err.message, "Client not found", "{body}");
        assert_eq!(err.code.as_deref(), Some("ATLAN-404-00-001"), "{body}");
        assert_eq!(err.request_id.as_deref(), Some("e-9"), "{body}");
    }
}

#[test]
fn every_parser_reports_atlan_errors() {
    let a = atlan();
    let r = resp(403, atlan_error());
    for err in [
        a.parse_record(&r).unwrap_err(),
        a.parse_list(&ListParams::default(), &r).unwrap_err(),
        a.parse_created(&r).unwrap_err(),
        a.parse_deleted(&r).unwrap_err(),
        parse_roles(&r).unwrap_err(),
    ] {
        assert_eq!(
            (err.kind, err.code.as_deref(), err.request_id.as_deref()),
            (
                ErrorKind::PermissionDenied,
                Some("ATLAN-400-00-001"),
                Some("req-7c1d")
            )
        );
    }
}

#[test]
fn html_and_unreadable_error_bodies_fall_back_to_the_status() {
    let cases = [
        (
            503,
            "<html><body>Service Unavailable</body></html>",
            ErrorKind::Server,
        ),
        (500, "", ErrorKind::Server),
        (404, "{", ErrorKind::NotFound),
        (401, "{}", ErrorKind::Authentication),
        (400, r#"{"errorMessage": ""}"#, ErrorKind::Validation),
    ];
    for (status, body, kind) in cases {
        let err = atlan().parse_record(&resp(status, body)).unwrap_err();
        assert_eq!(err.kind, kind, "{status} {body}");
        assert_eq!(
            err.message,
            format!("atlan answered HTTP {status}"),
            "{body}"
        );
        assert_eq!((err.status, err.provider), (Some(status), Some("atlan")));
    }
}

#[test]
fn malformed_success_bodies_are_decode_errors() {
    let mut bad_time = full_client();
    bad_time["createdAt"] = json!("yesterday");
    let mut bad_personas = full_client();
    bad_personas["personaQNs"] = json!("default/p");
    let bodies = [
        String::new(),
        "{".to_owned(),
        "null".to_owned(),
        "[]".to_owned(),
        "<html></html>".to_owned(),
        json!({"displayName": "no clientId"}).to_string(),
        json!({"clientId": 5}).to_string(),
        bad_time.to_string(),
        bad_personas.to_string(),
    ];
    let a = atlan();
    for body in &bodies {
        let r = resp(200, body.as_str());
        for err in [
            a.parse_record(&r).unwrap_err(),
            a.parse_created(&r).unwrap_err(),
        ] {
            assert_eq!(err.kind, ErrorKind::Decode, "{body}: {err}");
            assert_eq!(
                (err.status, err.provider),
                (Some(200), Some("atlan")),
                "{body}"
            );
        }
    }
}

#[test]
fn malformed_list_and_role_bodies_are_decode_errors() {
    let a = atlan();
    for body in [
        "",
        "{",
        "null",
        r#"{"records": {}}"#,
        r#"{"records": [{"displayName": "no clientId"}]}"#,
        r#"{"totalRecord": "many", "records": []}"#,
    ] {
        let err = a
            .parse_list(&ListParams::default(), &resp(200, body))
            .unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Decode, Some("atlan")),
            "{body}"
        );
    }
    for body in [
        "{",
        r#"{"records": [{"id": "no name"}]}"#,
        r#"{"records": "x"}"#,
    ] {
        let err = parse_roles(&resp(200, body)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode, "{body}");
    }
}

#[test]
fn an_array_body_is_not_an_envelope() {
    let a = atlan();
    for body in ["[]", "[3, 3, null]"] {
        let err = a
            .parse_list(&ListParams::default(), &resp(200, body))
            .expect_err(body);
        assert_eq!(err.kind, ErrorKind::Decode, "{body}");
        assert_eq!(
            parse_roles(&resp(200, body)).unwrap_err().kind,
            ErrorKind::Decode
        );
    }
}

// ---- unsupported and capabilities ---------------------------------------------------------

#[test]
fn rotation_is_unsupported_without_a_request() {
    let a = atlan();
    for op in [Op::RotateSecret, Op::DeleteRotatedSecret] {
        let err = unsupported(&a, op);
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Unsupported, Some("atlan"))
        );
        assert_eq!(
            err.message,
            format!("atlan does not support {}", op.js_name())
        );
    }
    let caps = a.describe();
    assert!(!caps.operations.rotate_secret && !caps.operations.delete_rotated_secret);
    assert_eq!((caps.name, caps.max_limit), ("clients", None));
    let update: Vec<&str> = caps.update_fields.iter().map(|f| f.name).collect();
    assert_eq!(update, ["name", "description"]);
}

#[test]
fn the_role_list_takes_no_list_parameters() {
    let roles = AtlanRoles(atlan());
    for params in [
        params(Some(10), None),
        params(None, Some("100")),
        sorted("name"),
        named("Admin"),
    ] {
        let err = roles.list(&params).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Unsupported, Some("atlan")),
            "{params:?}"
        );
    }
    let caps = roles.describe();
    assert_eq!(
        (caps.name, caps.path.as_str(), caps.paging),
        ("roles", "atlan.roles", PagingStyle::Single)
    );
}

// ---- vendor examples ----------------------------------------------------------------------

#[test]
fn vendor_last_page_example() {
    let Some(dir) = vendor_examples("atlan") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("heracles_list_last_page.response.json"))
        .expect("the last-page example");
    let page = atlan()
        .parse_list(&params(Some(1), Some("3")), &resp(200, text))
        .unwrap();
    assert_eq!(
        (page.items.len(), page.next, page.total),
        (0, None, Some(3))
    );
}

#[test]
fn output_matches_the_typescript_types() {
    use crate::provider::test_support::written_as_typed;
    let client = atlan()
        .parse_record(&resp(200, full_client().to_string()))
        .unwrap();
    written_as_typed(&client);
    written_as_typed(&atlan().describe());
    written_as_typed(&INFO);
}
