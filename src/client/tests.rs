use super::*;
use std::time::Duration;

use crate::error::Error;
use crate::model::{ListParams, Operations, Secret};
use crate::provider::atlan::{Atlan, AtlanRoles};
use crate::provider::clerk::Clerk;
use crate::provider::cloudflare::{Cloudflare, CloudflareScopes};
use crate::provider::List;
use crate::request::Method;
use crate::transport::mock::{block_on, MockTransport};
use serde_json::{json, Value};

const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";
const CLIENT_ID: &str = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4";
const ATLAN: &str = "https://acme.atlan.com";
const MS: fn(u64) -> Duration = Duration::from_millis;
const S: fn(u64) -> Duration = Duration::from_secs;
/// `provider_kinds!` puts the clients kind first.
const CLIENTS: usize = 0;

/// A success envelope around `result`.
fn ok(result: Value) -> String {
    json!({"success": true, "errors": [], "messages": [], "result": result}).to_string()
}

/// A failure envelope with one error item.
fn failure(code: u32, message: &str) -> String {
    json!({"success": false, "errors": [{"code": code, "message": message}], "messages": [], "result": null}).to_string()
}

fn client_json() -> Value {
    json!({"client_id": CLIENT_ID, "visibility": "private", "client_name": "App"})
}

fn created_json() -> Value {
    json!({"client_id": CLIENT_ID, "visibility": "private", "client_name": "App", "client_secret": "s3cret"})
}

fn create_input() -> Value {
    json!({"name": "App", "redirectUris": ["https://app.test/cb"], "scopes": ["openid"]})
}

fn bearer() -> Credentials {
    Credentials::Bearer(Secret::new("t"))
}

fn cloudflare() -> Cloudflare {
    Cloudflare::new(None, ACCOUNT).unwrap()
}

fn atlan() -> Atlan {
    Atlan::new(Some(ATLAN)).unwrap()
}

fn admin_with(
    mock: MockTransport,
    credentials: Credentials,
    policy: Policy,
) -> Admin<MockTransport> {
    let cf = cloudflare();
    let kinds = crate::provider::cloudflare::kinds(cf.clone(), CloudflareScopes(cf));
    Admin::new("cloudflare", kinds, Client::new(mock, credentials, policy))
}

fn admin_for(mock: MockTransport) -> Admin<MockTransport> {
    admin_with(mock, bearer(), Policy::default())
}

fn atlan_admin(mock: MockTransport) -> Admin<MockTransport> {
    let kinds = crate::provider::atlan::kinds(atlan(), AtlanRoles(atlan()));
    Admin::new(
        "atlan",
        kinds,
        Client::new(mock, bearer(), Policy::default()),
    )
}

fn clerk_admin(mock: MockTransport) -> Admin<MockTransport> {
    let kinds = crate::provider::clerk::kinds(Clerk::new(None, None).unwrap());
    Admin::new(
        "clerk",
        kinds,
        Client::new(mock, bearer(), Policy::default()),
    )
}

fn sent(admin: &Admin<MockTransport>) -> Vec<HttpRequest> {
    admin.client.transport.sent.borrow().clone()
}

fn sent_count(admin: &Admin<MockTransport>) -> usize {
    admin.client.transport.sent.borrow().len()
}

fn slept(admin: &Admin<MockTransport>) -> Vec<Duration> {
    admin.client.transport.slept.borrow().clone()
}

/// The method and URL of every request sent.
fn sent_lines(admin: &Admin<MockTransport>) -> Vec<(Method, String)> {
    sent(admin).into_iter().map(|r| (r.method, r.url)).collect()
}

/// Runs `op` on kind number `kind` through the one entry point and reads the JSON text
/// of the result (`None` where there is none, as for delete).
fn run(admin: &Admin<MockTransport>, kind: usize, op: Op, call: &Call) -> Result<Option<Value>> {
    let text = block_on(admin.call(kind, op, call, &()))?;
    Ok(text.map(|t| serde_json::from_str(&t).expect("the result is JSON text")))
}

/// Like [`run`] on the clients kind, for operations that return a value.
fn clients(admin: &Admin<MockTransport>, op: Op, call: &Call) -> Result<Value> {
    run(admin, CLIENTS, op, call).map(|v| v.expect("the operation returns a value"))
}

/// A call naming the item `id`.
fn on(id: &str) -> Call {
    Call {
        id: Some(id.to_owned()),
        ..Call::default()
    }
}

/// A call carrying `input` (a create input, or with `on(id)` an update's changes).
fn carrying(call: Call, input: Value) -> Call {
    Call {
        input: Some(input),
        ..call
    }
}

/// A list call with `params`.
fn listing(params: ListParams) -> Call {
    Call {
        params,
        ..Call::default()
    }
}

fn get(admin: &Admin<MockTransport>) -> Result<Value> {
    clients(admin, Op::Get, &on(CLIENT_ID))
}

fn create(admin: &Admin<MockTransport>) -> Result<Value> {
    clients(
        admin,
        Op::Create,
        &carrying(Call::default(), create_input()),
    )
}

fn transport_error(kind: ErrorKind) -> Error {
    Error::new(kind, format!("transport: {}", kind.js_name()))
}

// ---- credentials --------------------------------------------------------------------------

#[test]
fn bearer_token_goes_on_every_attempt() {
    let admin = admin_for(MockTransport::default().respond(503, &[], "").respond(
        200,
        &[],
        &ok(client_json()),
    ));
    get(&admin).unwrap();
    let sent = sent(&admin);
    assert_eq!(sent.len(), 2);
    for req in &sent {
        assert_eq!(req.header_value("authorization"), Some("Bearer t"));
        assert_eq!(
            req.headers
                .iter()
                .filter(|(n, _)| n == "authorization")
                .count(),
            1,
            "applied once"
        );
    }
}

#[test]
fn api_key_credentials_use_the_x_auth_headers() {
    let credentials = Credentials::CloudflareApiKey {
        email: "admin@example.com".into(),
        key: Secret::new("global-key"),
    };
    let mock = MockTransport::default()
        .respond(429, &[("retry-after", "1")], "")
        .respond(200, &[], &ok(client_json()));
    let admin = admin_with(mock, credentials, Policy::default());
    get(&admin).unwrap();
    for req in sent(&admin) {
        assert_eq!(req.header_value("x-auth-email"), Some("admin@example.com"));
        assert_eq!(req.header_value("x-auth-key"), Some("global-key"));
        assert_eq!(req.header_value("authorization"), None);
    }
}

// ---- retries ------------------------------------------------------------------------------

#[test]
fn get_is_retried_on_503_then_succeeds() {
    let admin = admin_for(MockTransport::default().respond(503, &[], "").respond(
        200,
        &[],
        &ok(client_json()),
    ));
    let client = get(&admin).unwrap();
    assert_eq!(client["id"], CLIENT_ID);
    assert_eq!(sent_count(&admin), 2);
    // The first backoff of the default policy, with the mock's zero jitter.
    assert_eq!(slept(&admin), [MS(500)]);
}

#[test]
fn backoff_doubles_between_attempts() {
    let mock = MockTransport::default()
        .respond(503, &[], "")
        .respond(502, &[], "<html>bad gateway</html>")
        .respond(200, &[], &ok(client_json()));
    let admin = admin_for(mock);
    get(&admin).unwrap();
    assert_eq!(slept(&admin), [MS(500), S(1)]);
    assert_eq!(sent_count(&admin), 3);
}

#[test]
fn rate_limit_waits_exactly_retry_after() {
    let admin = admin_for(
        MockTransport::default()
            .respond(
                429,
                &[("retry-after", "2")],
                &failure(10013, "rate limited"),
            )
            .respond(200, &[], &ok(client_json())),
    );
    get(&admin).unwrap();
    assert_eq!(slept(&admin), [S(2)]);
    assert_eq!(sent_count(&admin), 2);
}

#[test]
fn create_is_retried_on_429() {
    let admin = admin_for(
        MockTransport::default()
            .respond(
                429,
                &[("retry-after", "2")],
                &failure(10013, "rate limited"),
            )
            .respond(200, &[], &ok(created_json())),
    );
    let created = create(&admin).unwrap();
    assert_eq!(created["secret"], "s3cret");
    let sent = sent(&admin);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0], sent[1], "the same request is sent again");
    assert_eq!(sent[0].method, Method::Post);
    assert_eq!(slept(&admin), [S(2)]);
}

#[test]
fn create_is_not_retried_on_500() {
    let admin =
        admin_for(MockTransport::default().respond(500, &[], &failure(10001, "internal error")));
    let err = create(&admin).unwrap_err();
    assert_eq!(
        (err.kind, err.status, err.message.as_str()),
        (ErrorKind::Server, Some(500), "internal error")
    );
    assert_eq!(sent_count(&admin), 1);
    assert!(slept(&admin).is_empty());
}

#[test]
fn retries_stop_after_max_retries_with_the_last_retry_after() {
    let mock = MockTransport::default()
        .respond(503, &[("retry-after", "1")], "")
        .respond(503, &[("retry-after", "1")], "")
        .respond(503, &[("retry-after", "1")], &failure(10002, "still down"));
    let admin = admin_for(mock);
    let err = get(&admin).unwrap_err();
    assert_eq!((err.kind, err.status), (ErrorKind::Server, Some(503)));
    assert_eq!(
        err.message, "still down",
        "the last response is the one reported"
    );
    assert_eq!(err.retry_after_ms, Some(1000));
    assert_eq!(
        sent_count(&admin),
        3,
        "the first attempt and max_retries = 2 retries"
    );
    assert_eq!(slept(&admin), [S(1), S(1)]);
}

#[test]
fn exhausted_rate_limit_is_a_rate_limit_error() {
    let mock = MockTransport::default()
        .respond(429, &[("retry-after", "3")], "")
        .respond(
            429,
            &[("retry-after", "5")],
            &failure(10013, "rate limited"),
        );
    let admin = admin_with(
        mock,
        bearer(),
        Policy {
            max_retries: 1,
            ..Policy::default()
        },
    );
    let err = get(&admin).unwrap_err();
    assert_eq!(
        (err.kind, err.retry_after_ms, err.code.as_deref()),
        (ErrorKind::RateLimit, Some(5000), Some("10013"))
    );
    assert_eq!(slept(&admin), [S(3)]);
    assert_eq!(sent_count(&admin), 2);
}

#[test]
fn zero_max_retries_sends_once() {
    let mock = MockTransport::default().respond(503, &[("retry-after", "1")], "");
    let admin = admin_with(
        mock,
        bearer(),
        Policy {
            max_retries: 0,
            ..Policy::default()
        },
    );
    let err = get(&admin).unwrap_err();
    assert_eq!(
        (err.kind, err.retry_after_ms),
        (ErrorKind::Server, Some(1000))
    );
    assert_eq!(sent_count(&admin), 1);
    assert!(slept(&admin).is_empty());
}

#[test]
fn errors_without_retry_after_have_no_retry_after_ms() {
    let admin = admin_for(MockTransport::default().respond(
        404,
        &[],
        &failure(7003, "No route for the URI"),
    ));
    let err = get(&admin).unwrap_err();
    assert_eq!((err.kind, err.retry_after_ms), (ErrorKind::NotFound, None));
    assert_eq!(sent_count(&admin), 1);
}

#[test]
fn retry_after_ms_header_wins_over_retry_after() {
    let admin = admin_for(
        MockTransport::default()
            .respond(429, &[("retry-after-ms", "1500"), ("retry-after", "9")], "")
            .respond(200, &[], &ok(client_json())),
    );
    get(&admin).unwrap();
    assert_eq!(slept(&admin), [MS(1500)]);
}

#[test]
fn retry_after_http_date_is_relative_to_the_clock() {
    // The mock's clock reads 1_700_000_000 = Tue, 14 Nov 2023 22:13:20 GMT.
    let mock = MockTransport::default()
        .respond(429, &[("retry-after", "Tue, 14 Nov 2023 22:13:23 GMT")], "")
        .respond(503, &[("retry-after", "Tue, 14 Nov 2023 22:00:00 GMT")], "")
        .respond(200, &[], &ok(client_json()));
    let admin = admin_for(mock);
    get(&admin).unwrap();
    // A date in the past means "now".
    assert_eq!(slept(&admin), [S(3), S(0)]);
}

#[test]
fn x_should_retry_false_stops() {
    let admin =
        admin_for(MockTransport::default().respond(503, &[("x-should-retry", "false")], ""));
    let err = get(&admin).unwrap_err();
    assert_eq!((err.kind, err.status), (ErrorKind::Server, Some(503)));
    assert_eq!(sent_count(&admin), 1);
    assert!(slept(&admin).is_empty());
}

#[test]
fn x_should_retry_true_retries_a_conflict_on_get() {
    let admin = admin_for(
        MockTransport::default()
            .respond(409, &[("x-should-retry", "true")], &failure(1009, "busy"))
            .respond(200, &[], &ok(client_json())),
    );
    get(&admin).unwrap();
    assert_eq!(slept(&admin), [MS(500)]);
}

#[test]
fn connection_errors_are_retried_for_get_only() {
    let admin = admin_for(
        MockTransport::default()
            .fail(transport_error(ErrorKind::Connection))
            .respond(200, &[], &ok(client_json())),
    );
    get(&admin).unwrap();
    assert_eq!((sent_count(&admin), slept(&admin)), (2, vec![MS(500)]));

    let admin =
        self::admin_for(MockTransport::default().fail(transport_error(ErrorKind::Connection)));
    let err = create(&admin).unwrap_err();
    assert_eq!(
        err,
        transport_error(ErrorKind::Connection).or_provider("cloudflare")
    );
    assert_eq!(sent_count(&admin), 1);
    assert!(slept(&admin).is_empty());
}

#[test]
fn connection_errors_that_persist_are_reported() {
    let mock = MockTransport::default()
        .fail(transport_error(ErrorKind::Connection))
        .fail(transport_error(ErrorKind::Connection))
        .fail(transport_error(ErrorKind::Connection));
    let admin = admin_for(mock);
    assert_eq!(
        get(&admin).unwrap_err(),
        transport_error(ErrorKind::Connection).or_provider("cloudflare")
    );
    assert_eq!(slept(&admin), [MS(500), S(1)]);
    assert_eq!(sent_count(&admin), 3);
}

#[test]
fn timeouts_and_aborts_are_never_retried() {
    for kind in [ErrorKind::Timeout, ErrorKind::Abort] {
        let admin = admin_for(MockTransport::default().fail(transport_error(kind)));
        assert_eq!(
            get(&admin).unwrap_err(),
            transport_error(kind).or_provider("cloudflare")
        );
        assert_eq!(sent_count(&admin), 1, "{kind:?}");
        assert!(slept(&admin).is_empty(), "{kind:?}");
    }
}

#[test]
fn long_retry_after_is_reported_not_waited() {
    let in_90_s = "Tue, 14 Nov 2023 22:14:50 GMT";
    for (retry_after, ms) in [("120", 120_000), ("61", 61_000), (in_90_s, 90_000)] {
        let mock = MockTransport::default().respond(
            429,
            &[("retry-after", retry_after)],
            &failure(10013, "rate limited"),
        );
        let admin = admin_for(mock);
        let err = get(&admin).unwrap_err();
        assert_eq!(
            (err.kind, err.retry_after_ms),
            (ErrorKind::RateLimit, Some(ms)),
            "{retry_after}"
        );
        assert_eq!(sent_count(&admin), 1, "{retry_after}");
        assert!(slept(&admin).is_empty(), "{retry_after}");
    }
}

#[test]
fn a_malformed_success_is_not_retried() {
    let admin = admin_for(MockTransport::default().respond(200, &[], "<html>maintenance</html>"));
    assert_eq!(get(&admin).unwrap_err().kind, ErrorKind::Decode);
    assert_eq!(sent_count(&admin), 1);
}

// ---- nothing is sent for rejected input ---------------------------------------------------

#[test]
fn rejected_input_sends_no_request() {
    let admin = admin_for(MockTransport::default());
    let new = |input: Value| carrying(Call::default(), input);
    let calls = [
        (
            Op::Create,
            new(json!({"name": "App", "redirectUris": ["/cb"], "scopes": ["openid"]})),
        ),
        (Op::Create, new(json!({"name": "App"}))),
        (Op::Create, Call::default()),
        (
            Op::Update,
            carrying(on(CLIENT_ID), json!({"visibility": "private"})),
        ),
        (Op::Get, on("")),
        (Op::Get, Call::default()),
        (Op::Delete, on(" ")),
        (Op::RotateSecret, on("")),
        (Op::DeleteRotatedSecret, Call::default()),
        (
            Op::List,
            listing(ListParams {
                cursor: Some("1".into()),
                ..ListParams::default()
            }),
        ),
    ];
    for (op, call) in &calls {
        let err = run(&admin, CLIENTS, *op, call).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{op:?} {call:?}: {err}");
        assert_eq!(err.provider, Some("cloudflare"), "{op:?} {call:?}");
    }
    let sorted = listing(ListParams {
        sort: Some("name".into()),
        ..ListParams::default()
    });
    let err = run(&admin, CLIENTS, Op::List, &sorted).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert!(sent(&admin).is_empty());
}

#[test]
fn a_wrong_number_of_parent_ids_sends_nothing() {
    let admin = admin_for(MockTransport::default());
    let scopes = admin.kind("scopes").expect("cloudflare has scopes");
    let parented = |call: Call| Call {
        parents: vec!["p-1".into()],
        ..call
    };
    for (kind, op, call) in [
        (CLIENTS, Op::Get, parented(on(CLIENT_ID))),
        (CLIENTS, Op::List, parented(Call::default())),
        (scopes, Op::List, parented(Call::default())),
    ] {
        let err = run(&admin, kind, op, &call).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Validation, Some("cloudflare")),
            "{kind} {op:?}"
        );
        assert!(err.message.contains("parent"), "{err}");
    }
    assert_eq!(sent_count(&admin), 0);
}

#[test]
fn an_operation_a_kind_does_not_have_sends_nothing() {
    let admin = admin_for(MockTransport::default());
    let scopes = admin.kind("scopes").expect("cloudflare has scopes");
    for (kind, op) in [
        (scopes, Op::Get),
        (scopes, Op::Delete),
        (scopes, Op::Create),
        // No such kind at all.
        (7, Op::List),
    ] {
        let err = run(&admin, kind, op, &on(CLIENT_ID)).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Unsupported, Some("cloudflare")),
            "{kind} {op:?}"
        );
        assert_eq!(
            err.message,
            format!("cloudflare does not support {}", op.js_name())
        );
    }
    assert_eq!(sent_count(&admin), 0);

    let admin = atlan_admin(MockTransport::default());
    for op in [Op::RotateSecret, Op::DeleteRotatedSecret] {
        let err = run(&admin, CLIENTS, op, &on("oauth-client-1")).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Unsupported, Some("atlan")),
            "{op:?}"
        );
    }
    assert_eq!(sent_count(&admin), 0);
}

// ---- operations end to end ----------------------------------------------------------------

#[test]
fn each_operation_sends_its_request_and_parses_the_answer() {
    let base = format!("https://api.cloudflare.com/client/v4/accounts/{ACCOUNT}/oauth_clients");
    let mock = MockTransport::default()
        .respond(200, &[], &ok(json!([client_json()])))
        .respond(200, &[], &ok(created_json()))
        .respond(200, &[], &ok(client_json()))
        .respond(200, &[], &ok(json!({"client_secret": "n3w"})))
        .respond(200, &[], &ok(json!({"id": CLIENT_ID})))
        .respond(200, &[], &ok(Value::Null));
    let admin = admin_for(mock);

    let page = clients(&admin, Op::List, &Call::default()).unwrap();
    assert_eq!(
        (page["items"].as_array().map(Vec::len), &page["total"]),
        (Some(1), &json!(1))
    );
    assert_eq!(page.get("next"), None, "one page: no next");
    let created = create(&admin).unwrap();
    assert_eq!(created["client"]["id"], CLIENT_ID);
    assert_eq!(created["client"]["provider"], "cloudflare");
    let updated = clients(
        &admin,
        Op::Update,
        &carrying(on(CLIENT_ID), json!({"name": "App"})),
    )
    .unwrap();
    assert_eq!(updated["name"], "App");
    assert_eq!(updated["record"]["clientId"], CLIENT_ID);
    let rotated = clients(&admin, Op::RotateSecret, &on(CLIENT_ID)).unwrap();
    assert_eq!(rotated, json!({"secret": "n3w"}));
    for op in [Op::DeleteRotatedSecret, Op::Delete] {
        assert_eq!(run(&admin, CLIENTS, op, &on(CLIENT_ID)), Ok(None), "{op:?}");
    }

    assert_eq!(
        sent_lines(&admin),
        [
            (Method::Get, base.clone()),
            (Method::Post, base.clone()),
            (Method::Patch, format!("{base}/{CLIENT_ID}")),
            (Method::Post, format!("{base}/{CLIENT_ID}/rotate_secret")),
            (Method::Delete, format!("{base}/{CLIENT_ID}/rotate_secret")),
            (Method::Delete, format!("{base}/{CLIENT_ID}")),
        ]
    );
}

#[test]
fn the_scope_catalogue_is_listed_through_its_kind() {
    let scopes_body = json!([
        {"id": "workers-platform.read", "name": "Workers", "category": "Workers"},
        {"id": "openid", "name": "OpenID"}
    ]);
    let admin = admin_for(MockTransport::default().respond(200, &[], &ok(scopes_body)));
    let scopes = admin.kind("scopes").expect("cloudflare has scopes");
    assert_eq!(
        (admin.kind("clients"), admin.kind("roles")),
        (Some(CLIENTS), None)
    );
    let page = run(&admin, scopes, Op::List, &Call::default()).unwrap();
    assert_eq!(
        page,
        Some(json!({
            "items": [
                {"id": "workers-platform.read", "name": "Workers", "category": "Workers"},
                {"id": "openid", "name": "OpenID"}
            ],
            "total": 2
        }))
    );
    assert_eq!(
        sent_lines(&admin),
        [(
            Method::Get,
            "https://api.cloudflare.com/client/v4/oauth/scopes".to_owned()
        )]
    );
    assert_eq!(
        sent(&admin)[0].header_value("authorization"),
        Some("Bearer t")
    );
}

// ---- capabilities -------------------------------------------------------------------------

/// The names of `fields`.
fn field_names(fields: &[crate::model::FieldSpec]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

/// The JS names of the operations `ops` marks, in `Op` order.
fn op_names(ops: Operations) -> Vec<&'static str> {
    [
        (ops.list, Op::List),
        (ops.get, Op::Get),
        (ops.create, Op::Create),
        (ops.update, Op::Update),
        (ops.delete, Op::Delete),
        (ops.rotate_secret, Op::RotateSecret),
        (ops.delete_rotated_secret, Op::DeleteRotatedSecret),
    ]
    .into_iter()
    .filter(|(offered, _)| *offered)
    .map(|(_, op)| op.js_name())
    .collect()
}

#[test]
fn cloudflare_capabilities_list_clients_and_scopes() {
    let caps = admin_for(MockTransport::default()).capabilities();
    assert_eq!(caps.provider, "cloudflare");
    let kinds: Vec<(&str, &str)> = caps
        .resources
        .iter()
        .map(|r| (r.name, r.path.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("clients", "clients"), ("scopes", "cloudflare.scopes")]
    );
    let (clients, scopes) = (&caps.resources[0], &caps.resources[1]);
    assert_eq!(
        &caps.clients, clients,
        "the clients kind is also at the top"
    );
    assert_eq!(
        op_names(clients.operations),
        [
            "list",
            "get",
            "create",
            "update",
            "delete",
            "rotateSecret",
            "deleteRotatedSecret"
        ]
    );
    assert_eq!(op_names(scopes.operations), ["list"]);
    assert_eq!(
        (clients.paging, scopes.paging),
        (
            crate::pagination::PagingStyle::Single,
            crate::pagination::PagingStyle::Single
        )
    );
    assert!(field_names(&clients.create_fields).contains(&"redirectUris"));
    assert!(field_names(&clients.update_fields).contains(&"visibility"));
    assert!(clients.update_fields.iter().all(|f| !f.required));
    assert!(scopes.create_fields.is_empty() && scopes.update_fields.is_empty());

    // In JSON the clients kind is flattened beside `provider` and `resources`.
    let json = serde_json::to_value(&caps).unwrap();
    assert_eq!(
        (
            &json["provider"],
            &json["path"],
            &json["operations"]["rotateSecret"]
        ),
        (&json!("cloudflare"), &json!("clients"), &json!(true))
    );
    assert_eq!(json["resources"][1]["path"], "cloudflare.scopes");
}

#[test]
fn atlan_capabilities_have_no_rotation_and_list_roles() {
    let caps = atlan_admin(MockTransport::default()).capabilities();
    assert_eq!(caps.provider, "atlan");
    let paths: Vec<&str> = caps.resources.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["clients", "atlan.roles"]);
    assert_eq!(
        op_names(caps.clients.operations),
        ["list", "get", "create", "update", "delete"]
    );
    assert_eq!(
        field_names(&caps.clients.create_fields),
        ["name", "description", "role", "personaQNs"]
    );
    assert_eq!(
        field_names(&caps.clients.update_fields),
        ["name", "description"]
    );
    let roles = &caps.resources[1];
    assert_eq!(
        (roles.name, op_names(roles.operations)),
        ("roles", vec!["list"])
    );
    assert!(roles.create_fields.is_empty() && roles.update_fields.is_empty());
}

#[test]
fn connect_drives_the_resolved_provider() {
    let resolved = crate::config::resolve(json!({
        "provider": "cloudflare",
        "accountId": ACCOUNT,
        "auth": {"email": "admin@example.com", "apiKey": "global-key"},
        "maxRetries": 0
    }))
    .unwrap();
    let mock = MockTransport::default().respond(503, &[], "");
    let admin = Admin::connect(
        resolved.provider.info.provider,
        resolved.connection,
        mock,
        resolved.policy,
    );
    assert_eq!(admin.provider(), "cloudflare");
    assert_eq!(admin.kind("scopes"), Some(1));
    let err = get(&admin).unwrap_err();
    assert_eq!(
        (err.kind, err.provider),
        (ErrorKind::Server, Some("cloudflare"))
    );
    assert_eq!(sent_count(&admin), 1, "maxRetries: 0 came through");
    assert_eq!(
        sent(&admin)[0].header_value("x-auth-key"),
        Some("global-key")
    );
}

// ---- paging -------------------------------------------------------------------------------

/// Lists every page of kind `kind` as JS iterates: each page's `next` goes back as `cursor`.
fn walk(admin: &Admin<MockTransport>, kind: usize, params: ListParams) -> Result<Vec<Value>> {
    let mut call = listing(params);
    let mut pages = Vec::new();
    loop {
        let page = run(admin, kind, Op::List, &call)?.expect("list returns a page");
        let next = page.get("next").and_then(Value::as_str).map(str::to_owned);
        pages.push(page);
        match next {
            Some(cursor) => call.params.cursor = Some(cursor),
            None => return Ok(pages),
        }
    }
}

#[test]
fn walking_cloudflare_stops_after_its_single_page() {
    let admin = admin_for(MockTransport::default().respond(
        200,
        &[],
        &ok(json!([client_json(), client_json()])),
    ));
    let pages = walk(&admin, CLIENTS, ListParams::default()).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(
        (
            pages[0]["items"].as_array().map(Vec::len),
            &pages[0]["total"]
        ),
        (Some(2), &json!(2))
    );
    assert_eq!(sent_count(&admin), 1);
}

#[test]
fn walking_offset_pages_feeds_next_back_as_the_cursor() {
    let page = |from: usize, count: usize| {
        let data: Vec<Value> = (from..from + count)
            .map(|i| json!({"id": format!("oauth_app_{i}")}))
            .collect();
        json!({"data": data, "total_count": 5}).to_string()
    };
    let admin = clerk_admin(
        MockTransport::default()
            .respond(200, &[], &page(0, 2))
            .respond(200, &[], &page(2, 2))
            .respond(200, &[], &page(4, 1)),
    );
    let pages = walk(
        &admin,
        CLIENTS,
        ListParams {
            limit: Some(2),
            ..ListParams::default()
        },
    )
    .unwrap();
    let ids: Vec<&str> = pages
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "oauth_app_0",
            "oauth_app_1",
            "oauth_app_2",
            "oauth_app_3",
            "oauth_app_4"
        ]
    );
    let offsets: Vec<String> = sent(&admin)
        .iter()
        .map(|r| {
            r.url
                .split("offset=")
                .nth(1)
                .unwrap()
                .split('&')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(offsets, ["0", "2", "4"]);
}

#[test]
fn walking_stops_at_a_failed_page() {
    let admin = admin_for(MockTransport::default().respond(
        403,
        &[],
        &failure(10000, "Authentication error"),
    ));
    let err = walk(&admin, CLIENTS, ListParams::default()).unwrap_err();
    assert_eq!(
        (err.kind, err.status, err.provider),
        (ErrorKind::PermissionDenied, Some(403), Some("cloudflare"))
    );
    assert_eq!(sent_count(&admin), 1);
}

// ---- Atlan: create looks the role up first --------------------------------------------------

#[test]
fn atlan_create_resolves_the_role_through_a_roles_lookup() {
    let roles = json!({
        "totalRecord": 2,
        "filterRecord": 2,
        "records": [
            {"id": "r-1", "name": "$admin", "description": "Admin", "level": "workspace"},
            {"id": "r-2", "name": "$member", "description": "Member", "level": "workspace"}
        ]
    })
    .to_string();
    let roles_url = AtlanRoles(atlan())
        .list(&ListParams::default())
        .unwrap()
        .url;
    let clients_url = format!("{ATLAN}/api/service/oauth-clients");
    let new = |input: Value| carrying(Call::default(), input);

    // The role is looked up, then the client is created with its $name.
    let created_body =
        json!({"clientId": "oauth-client-1", "clientSecret": "atl-s3cret", "displayName": "ETL"});
    let admin = atlan_admin(MockTransport::default().respond(200, &[], &roles).respond(
        200,
        &[],
        &created_body.to_string(),
    ));
    let created = clients(
        &admin,
        Op::Create,
        &new(json!({"name": "ETL", "role": " member "})),
    )
    .unwrap();
    assert_eq!(created["client"]["id"], "oauth-client-1");
    assert_eq!(created["secret"], "atl-s3cret");
    assert_eq!(
        sent_lines(&admin),
        [
            (Method::Get, roles_url.clone()),
            (Method::Post, clients_url.clone())
        ]
    );
    let sent = sent(&admin);
    let body: Value = serde_json::from_str(sent[1].body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"displayName": "ETL", "description": "", "role": "$member", "personaQNs": []})
    );
    for req in &sent {
        assert_eq!(req.header_value("authorization"), Some("Bearer t"));
    }

    // An unknown role: only the roles lookup goes out.
    let admin = atlan_admin(MockTransport::default().respond(200, &[], &roles));
    let err = clients(
        &admin,
        Op::Create,
        &new(json!({"name": "ETL", "role": "Owner"})),
    )
    .unwrap_err();
    assert_eq!(
        (err.kind, err.provider),
        (ErrorKind::NotFound, Some("atlan"))
    );
    assert_eq!(
        err.message,
        "Role 'Owner' does not exist. Available roles: Admin ($admin), Member ($member)"
    );
    assert_eq!(sent_lines(&admin), [(Method::Get, roles_url.clone())]);

    // A rejected lookup (401 is not retried) fails the create before the POST.
    let admin = atlan_admin(MockTransport::default().respond(
        401,
        &[],
        r#"{"errorCode":"ATLAN-401-00-001","errorMessage":"Unauthorized"}"#,
    ));
    let err = clients(
        &admin,
        Op::Create,
        &new(json!({"name": "ETL", "role": "Admin"})),
    )
    .unwrap_err();
    assert_eq!(
        (err.kind, err.status, err.provider),
        (ErrorKind::Authentication, Some(401), Some("atlan"))
    );
    assert_eq!(sent_count(&admin), 1);

    // Invalid input: nothing is sent at all.
    let admin = atlan_admin(MockTransport::default());
    for input in [
        json!({"name": "", "role": "Admin"}),
        json!({"name": "ETL"}),
        json!({"name": "ETL", "role": "Admin", "roles": "$member"}),
    ] {
        let err = clients(&admin, Op::Create, &new(input.clone())).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Validation, Some("atlan")),
            "{input}"
        );
    }
    assert_eq!(sent_count(&admin), 0);
}

#[test]
fn atlan_roles_are_listed_through_their_kind() {
    let roles = json!({
        "totalRecord": 1,
        "records": [{"name": "$admin", "description": "Admin"}]
    })
    .to_string();
    let admin = atlan_admin(MockTransport::default().respond(200, &[], &roles));
    let kind = admin.kind("roles").expect("atlan has roles");
    let page = run(&admin, kind, Op::List, &Call::default()).unwrap();
    assert_eq!(
        page,
        Some(json!({"items": [{"name": "$admin", "description": "Admin"}], "total": 1}))
    );
    assert_eq!(
        sent(&admin)[0].url,
        AtlanRoles(atlan())
            .list(&ListParams::default())
            .unwrap()
            .url
    );
}

#[test]
fn a_rate_limited_token_request_waits_as_long_as_the_endpoint_asks() {
    let credentials = Credentials::ClientCredentials(crate::auth::ClientCredentials {
        token_url: "https://acme.api.identitynow.com/oauth/token".into(),
        client_id: "id".into(),
        client_secret: Secret::new("secret"),
        scope: None,
        style: crate::auth::TokenStyle::FormPost,
    });
    let mock = MockTransport::default()
        .respond(
            429,
            &[("retry-after", "7")],
            r#"{"message":" Rate Limit Exceeded "}"#,
        )
        .respond(200, &[], r#"{"access_token":"tok","expires_in":3600}"#)
        .respond(200, &[], &ok(client_json()));
    let admin = admin_with(mock, credentials, Policy::default());
    clients(&admin, Op::Get, &on(CLIENT_ID)).unwrap();
    assert_eq!(slept(&admin), [S(7)]);
    let urls: Vec<String> = sent(&admin).into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls[..2],
        ["https://acme.api.identitynow.com/oauth/token"; 2]
    );
}

#[test]
fn a_filter_the_kind_does_not_declare_is_refused_before_sending() {
    let admin = admin_for(MockTransport::default());
    let call = Call {
        params: ListParams {
            never_used: Some(true),
            ..ListParams::default()
        },
        ..Call::default()
    };
    let err = run(&admin, CLIENTS, Op::List, &call).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.details[0].field.as_deref(), Some("neverUsed"));
    assert!(err.message.contains("none"), "{}", err.message);
    assert!(sent(&admin).is_empty());
}
// ---- read-back after an update, and retry hints from the body ------------------------------

fn databricks_admin(mock: MockTransport, policy: Policy) -> Admin<MockTransport> {
    let options = json!({"provider": "databricks", "accountId": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "auth": {"bearer": "t"}});
    let connection = crate::config::resolve(options).unwrap().connection;
    Admin::new(
        "databricks",
        connection.kinds,
        Client::new(mock, bearer(), policy),
    )
}

#[test]
fn an_update_answering_nothing_is_read_back() {
    let app =
        json!({"integration_id": "i1", "name": "App", "redirect_urls": ["https://b.test/cb"]});
    let mock = MockTransport::default()
        .respond(200, &[], "{}")
        .respond(200, &[], &app.to_string());
    let admin = databricks_admin(mock, Policy::default());
    let changes = json!({"redirectUrls": ["https://b.test/cb"]});
    let updated = clients(&admin, Op::Update, &carrying(on("i1"), changes)).unwrap();
    assert_eq!(updated["redirectUris"], json!(["https://b.test/cb"]));
    let methods: Vec<Method> = sent(&admin).into_iter().map(|r| r.method).collect();
    assert_eq!(methods, [Method::Patch, Method::Get]);
}

#[test]
fn a_failed_update_is_its_error_and_nothing_is_read_back() {
    let body = json!({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "gone"});
    let mock = MockTransport::default().respond(404, &[], &body.to_string());
    let admin = databricks_admin(mock, Policy::default());
    let err = clients(
        &admin,
        Op::Update,
        &carrying(on("i1"), json!({"scopes": ["sql"]})),
    )
    .unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::NotFound, "gone")
    );
    assert_eq!(sent_count(&admin), 1);
}

#[test]
fn a_retry_hint_in_the_body_is_kept_unless_a_header_gives_one() {
    let body = json!({"error_code": "REQUEST_LIMIT_EXCEEDED", "details": [{"@type": "google.rpc.RetryInfo", "retry_delay": "2s"}]}).to_string();
    let no_retries = Policy {
        max_retries: 0,
        ..Policy::default()
    };
    let admin = databricks_admin(
        MockTransport::default().respond(429, &[], &body),
        no_retries,
    );
    let err = clients(&admin, Op::List, &Call::default()).unwrap_err();
    assert_eq!(
        (err.kind, err.retry_after_ms),
        (ErrorKind::RateLimit, Some(2000))
    );
    let mock = MockTransport::default().respond(429, &[("retry-after", "5")], &body);
    let admin = databricks_admin(mock, no_retries);
    let err = clients(&admin, Op::List, &Call::default()).unwrap_err();
    assert_eq!(err.retry_after_ms, Some(5000), "the header wins");
}

#[test]
fn a_rate_limit_the_body_reports_is_retried_after_its_delay_whatever_the_status() {
    let limited = json!({"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down", "details": [{"@type": "google.rpc.RetryInfo", "retry_delay": "3s"}]}).to_string();
    let app = json!({"integration_id": "i1", "client_id": "c1"}).to_string();
    let mock = MockTransport::default()
        .respond(400, &[], &limited)
        .respond(200, &[], &app);
    let admin = databricks_admin(mock, Policy::default());
    let created = clients(
        &admin,
        Op::Create,
        &carrying(Call::default(), json!({"name": "x"})),
    )
    .unwrap();
    assert_eq!(created["client"]["id"], "i1");
    assert_eq!(
        slept(&admin),
        [S(3)],
        "the RetryInfo delay, and a create is retried on a rate limit"
    );
    // Other 400s are not retried.
    let invalid = json!({"error_code": "INVALID_PARAMETER_VALUE", "message": "bad"}).to_string();
    let admin = databricks_admin(
        MockTransport::default().respond(400, &[], &invalid),
        Policy::default(),
    );
    let err = clients(&admin, Op::List, &Call::default()).unwrap_err();
    assert_eq!((err.kind, sent_count(&admin)), (ErrorKind::Validation, 1));
}

#[test]
fn a_429_without_retry_after_waits_the_body_delay_else_backs_off() {
    let hinted =
        json!({"details": [{"@type": "google.rpc.RetryInfo", "retry_delay": "1.5s"}]}).to_string();
    let mock = MockTransport::default()
        .respond(429, &[], &hinted)
        .respond(429, &[], "")
        .respond(200, &[], r#"{"apps": []}"#);
    let admin = databricks_admin(mock, Policy::default());
    clients(&admin, Op::List, &Call::default()).unwrap();
    assert_eq!(
        slept(&admin),
        [MS(1500), S(1)],
        "the body's delay, then the backoff"
    );
}
