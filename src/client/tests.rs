use super::*;
use std::time::Duration;

use crate::error::Error;
use crate::model::Secret;
use crate::request::Method;
use crate::transport::mock::{block_on, MockTransport};
use serde_json::{json, Value};

const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";
const CLIENT_ID: &str = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4";
const MS: fn(u64) -> Duration = Duration::from_millis;
const S: fn(u64) -> Duration = Duration::from_secs;

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

fn admin_with(
    mock: MockTransport,
    credentials: Credentials,
    policy: Policy,
) -> Admin<MockTransport> {
    let api = Api::Cloudflare(Cloudflare::new(None, ACCOUNT).unwrap());
    Admin::new(api, Client::new(mock, credentials, policy))
}

fn admin_for(mock: MockTransport) -> Admin<MockTransport> {
    admin_with(
        mock,
        Credentials::Bearer(Secret::new("t")),
        Policy::default(),
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

// `Error`'s size is the library's choice; these helpers only pass it through.
fn get(admin: &Admin<MockTransport>) -> Result<OAuthClientOf> {
    block_on(admin.get(CLIENT_ID, &()))
}

fn create(admin: &Admin<MockTransport>) -> Result<Created> {
    block_on(admin.create(create_input(), &()))
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
    assert_eq!(client.id, CLIENT_ID);
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
    assert_eq!(created.secret.as_ref().map(Secret::expose), Some("s3cret"));
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
        Credentials::Bearer(Secret::new("t")),
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
        Credentials::Bearer(Secret::new("t")),
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
    let errors = [
        block_on(admin.create(
            json!({"name": "App", "redirectUris": ["/cb"], "scopes": ["openid"]}),
            &(),
        ))
        .unwrap_err(),
        block_on(admin.create(json!({"name": "App"}), &())).unwrap_err(),
        block_on(admin.update(CLIENT_ID, json!({"visibility": "private"}), &())).unwrap_err(),
        block_on(admin.get("", &())).unwrap_err(),
        block_on(admin.delete(" ", &())).unwrap_err(),
        block_on(admin.rotate_secret("", &())).unwrap_err(),
        block_on(admin.list(
            &ListParams {
                cursor: Some("1".into()),
                ..ListParams::default()
            },
            &(),
        ))
        .unwrap_err(),
    ];
    for err in &errors {
        assert_eq!(err.kind, ErrorKind::Validation, "{err}");
    }
    let err = block_on(admin.list(
        &ListParams {
            sort: Some("name".into()),
            ..ListParams::default()
        },
        &(),
    ))
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert!(sent(&admin).is_empty());
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
        .respond(200, &[], &ok(Value::Null))
        .respond(
            200,
            &[],
            &ok(json!([{"id": "workers-platform.read", "name": "Workers"}])),
        );
    let admin = admin_for(mock);

    let page = block_on(admin.list(&ListParams::default(), &())).unwrap();
    assert_eq!((page.items.len(), page.total), (1, Some(1)));
    assert_eq!(
        block_on(admin.create(create_input(), &()))
            .unwrap()
            .client
            .id,
        CLIENT_ID
    );
    assert_eq!(
        block_on(admin.update(CLIENT_ID, json!({"name": "App"}), &()))
            .unwrap()
            .name
            .as_deref(),
        Some("App")
    );
    assert_eq!(
        block_on(admin.rotate_secret(CLIENT_ID, &()))
            .unwrap()
            .secret
            .expose(),
        "n3w"
    );
    block_on(admin.delete_rotated_secret(CLIENT_ID, &())).unwrap();
    block_on(admin.delete(CLIENT_ID, &())).unwrap();
    let scopes = block_on(admin.cloudflare_scopes(&())).unwrap();
    assert_eq!(scopes[0].id, "workers-platform.read");

    let sent: Vec<(Method, String)> = sent(&admin)
        .into_iter()
        .map(|r| (r.method, r.url))
        .collect();
    assert_eq!(
        sent,
        [
            (Method::Get, base.clone()),
            (Method::Post, base.clone()),
            (Method::Patch, format!("{base}/{CLIENT_ID}")),
            (Method::Post, format!("{base}/{CLIENT_ID}/rotate_secret")),
            (Method::Delete, format!("{base}/{CLIENT_ID}/rotate_secret")),
            (Method::Delete, format!("{base}/{CLIENT_ID}")),
            (
                Method::Get,
                "https://api.cloudflare.com/client/v4/oauth/scopes".to_owned()
            ),
        ]
    );
}

#[test]
fn capabilities_come_from_the_provider() {
    let caps = admin_for(MockTransport::default()).capabilities();
    assert_eq!(
        (caps.provider, caps.paging),
        ("cloudflare", crate::pagination::PagingStyle::Single)
    );
}

// ---- paging -------------------------------------------------------------------------------

#[test]
fn pager_yields_the_single_cloudflare_page_once() {
    let admin = admin_for(MockTransport::default().respond(
        200,
        &[],
        &ok(json!([client_json(), client_json()])),
    ));
    let mut pager = Pager::new(ListParams::default());
    let page = block_on(pager.next_page(&admin, &()))
        .unwrap()
        .expect("a first page");
    assert_eq!(
        (page.items.len(), page.next, page.total),
        (2, None, Some(2))
    );
    assert_eq!(block_on(pager.next_page(&admin, &())).unwrap(), None);
    assert_eq!(block_on(pager.next_page(&admin, &())).unwrap(), None);
    assert_eq!(sent_count(&admin), 1);
}

#[test]
fn pager_reports_a_failed_page() {
    let admin = admin_for(MockTransport::default().respond(
        403,
        &[],
        &failure(10000, "Authentication error"),
    ));
    let mut pager = Pager::new(ListParams::default());
    let err = block_on(pager.next_page(&admin, &())).unwrap_err();
    assert_eq!(
        (err.kind, err.status),
        (ErrorKind::PermissionDenied, Some(403))
    );
    assert_eq!(sent_count(&admin), 1);
}

// ---- Atlan: create looks the role up first --------------------------------------------------

#[test]
fn atlan_create_resolves_the_role_through_a_roles_lookup() {
    let atlan_admin = |mock: MockTransport| {
        let api = Api::Atlan(Atlan::new(Some("https://acme.atlan.com")).unwrap());
        Admin::new(
            api,
            Client::new(
                mock,
                Credentials::Bearer(Secret::new("t")),
                Policy::default(),
            ),
        )
    };
    let roles = json!({
        "totalRecord": 2,
        "filterRecord": 2,
        "records": [
            {"id": "r-1", "name": "$admin", "description": "Admin", "level": "workspace"},
            {"id": "r-2", "name": "$member", "description": "Member", "level": "workspace"}
        ]
    })
    .to_string();
    let roles_url = Atlan::new(Some("https://acme.atlan.com"))
        .unwrap()
        .roles()
        .url;
    let clients_url = "https://acme.atlan.com/api/service/oauth-clients";

    // The role is looked up, then the client is created with its $name.
    let created_body =
        json!({"clientId": "oauth-client-1", "clientSecret": "atl-s3cret", "displayName": "ETL"});
    let admin = atlan_admin(MockTransport::default().respond(200, &[], &roles).respond(
        200,
        &[],
        &created_body.to_string(),
    ));
    let created = block_on(admin.create(json!({"name": "ETL", "role": " member "}), &())).unwrap();
    assert_eq!(created.client.id, "oauth-client-1");
    assert_eq!(
        created.secret.as_ref().map(Secret::expose),
        Some("atl-s3cret")
    );
    let sent = sent(&admin);
    assert_eq!(sent.len(), 2);
    assert_eq!(
        (sent[0].method, sent[0].url.as_str()),
        (Method::Get, roles_url.as_str())
    );
    assert_eq!(
        (sent[1].method, sent[1].url.as_str()),
        (Method::Post, clients_url)
    );
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
    let err = block_on(admin.create(json!({"name": "ETL", "role": "Owner"}), &())).unwrap_err();
    assert_eq!(
        (err.kind, err.provider),
        (ErrorKind::NotFound, Some("atlan"))
    );
    assert_eq!(
        err.message,
        "Role 'Owner' does not exist. Available roles: Admin ($admin), Member ($member)"
    );
    let sent = self::sent(&admin);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].method, sent[0].url.as_str()),
        (Method::Get, roles_url.as_str())
    );

    // A rejected lookup (401 is not retried) fails the create before the POST.
    let admin = atlan_admin(MockTransport::default().respond(
        401,
        &[],
        r#"{"errorCode":"ATLAN-401-00-001","errorMessage":"Unauthorized"}"#,
    ));
    let err = block_on(admin.create(json!({"name": "ETL", "role": "Admin"}), &())).unwrap_err();
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
        let err = block_on(admin.create(input.clone(), &())).unwrap_err();
        assert_eq!(
            (err.kind, err.provider),
            (ErrorKind::Validation, Some("atlan")),
            "{input}"
        );
    }
    assert_eq!(sent_count(&admin), 0);
}
