//! Kinds reached through registrations (RFC 7592), driven end to end through `Admin` with a
//! scripted transport: the store contract, rotation, discovery.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::Poll;

use super::*;
use crate::model::Secret;
use crate::provider::rfc7591::{kinds, Rfc7591};
use crate::request::Method;
use crate::store::StoreFuture;
use crate::transport::mock::{block_on, MockTransport};
use serde_json::{json, Value};

const ISSUER: &str = "https://as.example.com";
const ENDPOINT: &str = "https://as.example.com/reg";
const URI: &str = "https://as.example.com/reg/c1";

/// A store over memory that records what it was asked, answers only after yielding once
/// when `deferred` (as a store returning promises does), and fails `set` on demand. The
/// test keeps clones of `log` and `fail_set`.
#[derive(Debug, Default)]
struct TestStore {
    memory: MemoryStore,
    deferred: bool,
    enumerable: bool,
    fail_set: Rc<Cell<bool>>,
    log: Rc<RefCell<Vec<String>>>,
}

impl TestStore {
    fn answer<'a, T: 'a>(
        &'a self,
        entry: String,
        answer: StoreFuture<'a, T>,
    ) -> StoreFuture<'a, T> {
        self.log.borrow_mut().push(entry);
        if !self.deferred {
            return answer;
        }
        let mut yielded = false;
        let mut answer = Some(answer);
        Box::pin(std::future::poll_fn(move |cx| {
            if !yielded {
                yielded = true;
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            match answer.as_mut() {
                Some(inner) => inner.as_mut().poll(cx),
                None => Poll::Pending,
            }
        }))
    }
}

impl RegistrationStore for TestStore {
    fn get<'a>(&'a self, client_id: &'a str) -> StoreFuture<'a, Option<Registration>> {
        self.answer(format!("get {client_id}"), self.memory.get(client_id))
    }

    fn set<'a>(&'a self, registration: &'a Registration) -> StoreFuture<'a, ()> {
        let entry = format!(
            "set {} {}",
            registration.client_id,
            registration.registration_access_token.expose()
        );
        if self.fail_set.get() {
            let token = registration.registration_access_token.expose();
            let failed = store::failed("set", &format!("disk full writing {token}"));
            return self.answer(entry, Box::pin(std::future::ready(Err(failed))));
        }
        self.answer(entry, self.memory.set(registration))
    }

    fn delete<'a>(&'a self, client_id: &'a str) -> StoreFuture<'a, ()> {
        self.answer(format!("delete {client_id}"), self.memory.delete(client_id))
    }

    fn keys(&self) -> StoreFuture<'_, Option<Vec<String>>> {
        let keys: StoreFuture<'_, Option<Vec<String>>> = if self.enumerable {
            self.memory.keys()
        } else {
            Box::pin(std::future::ready(Ok(None)))
        };
        self.answer("keys".to_owned(), keys)
    }
}

/// A registered client's information, carrying registration token `token`.
fn information(token: &str, extra: Value) -> String {
    let mut body = json!({
        "client_id": "c1",
        "client_secret": "s3cret",
        "client_id_issued_at": 1_700_000_000,
        "client_secret_expires_at": 0,
        "client_name": "App",
        "grant_types": ["client_credentials"],
        "response_types": [],
        "registration_client_uri": URI,
        "registration_access_token": token,
    });
    if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
        body.extend(extra);
    }
    body.to_string()
}

fn admin(mock: MockTransport, api: Rfc7591, store: TestStore) -> Admin<MockTransport> {
    let credentials = Credentials::Bearer(Secret::new("initial-token"));
    Admin::new(
        "rfc7591",
        kinds(api),
        Client::new(mock, credentials, Policy::default()),
    )
    .with_store(Box::new(store))
}

fn by_endpoint() -> Rfc7591 {
    Rfc7591::new(None, Some(ENDPOINT), false).unwrap()
}

fn by_issuer() -> Rfc7591 {
    Rfc7591::new(Some(ISSUER), None, false).unwrap()
}

fn call(
    admin: &Admin<MockTransport>,
    op: Op,
    id: Option<&str>,
    input: Option<Value>,
) -> Result<Option<Value>> {
    let call = Call {
        id: id.map(str::to_owned),
        input,
        ..Call::default()
    };
    let text = block_on(admin.call(0, op, &call, &()))?;
    Ok(text.map(|t| serde_json::from_str(&t).unwrap()))
}

fn register(admin: &Admin<MockTransport>) -> Result<Option<Value>> {
    call(
        admin,
        Op::Create,
        None,
        Some(
            json!({"clientName": "App", "grantTypes": ["client_credentials"], "responseTypes": []}),
        ),
    )
}

fn sent(admin: &Admin<MockTransport>) -> Vec<HttpRequest> {
    admin.client.transport.sent.borrow().clone()
}

fn bearer_of(req: &HttpRequest) -> Option<&str> {
    req.header_value("authorization")
}

#[test]
fn every_registration_a_response_carries_is_stored_before_the_call_returns() {
    for deferred in [false, true] {
        let mock = MockTransport::default()
            .respond(201, &[], &information("rat-1", json!({})))
            .respond(200, &[], &information("rat-2", json!({})))
            .respond(200, &[], &information("rat-3", json!({})));
        let admin = admin(
            mock,
            by_endpoint(),
            TestStore {
                deferred,
                ..TestStore::default()
            },
        );
        let created = register(&admin).unwrap().unwrap();
        assert_eq!(created["secret"], "s3cret");
        assert_eq!(created["registration"]["registrationClientUri"], URI);
        assert_eq!(created["registration"]["registrationAccessToken"], "rat-1");
        assert_eq!(created["client"]["createdAt"], "2023-11-14T22:13:20.000Z");
        assert!(created["client"]["record"]
            .get("registrationAccessToken")
            .is_none());

        call(&admin, Op::Get, Some("c1"), None).unwrap();
        call(&admin, Op::Get, Some("c1"), None).unwrap();
        let sent = sent(&admin);
        assert_eq!(
            sent.iter().map(bearer_of).collect::<Vec<_>>(),
            [
                Some("Bearer initial-token"),
                Some("Bearer rat-1"),
                Some("Bearer rat-2")
            ],
            "register with the initial token, then each read with the latest token"
        );
        assert_eq!(sent[1].url, URI);
        let stored = block_on(admin.store.get("c1")).unwrap().unwrap();
        assert_eq!(stored.registration_access_token.expose(), "rat-3");
    }
}

#[test]
fn update_stores_the_token_the_read_rotated_before_it_puts() {
    let mock = MockTransport::default()
        .respond(201, &[], &information("rat-1", json!({})))
        .respond(200, &[], &information("rat-2", json!({})))
        .respond(
            200,
            &[],
            &information("rat-3", json!({"client_name": "Renamed"})),
        );
    let store = TestStore::default();
    let admin = admin(mock, by_endpoint(), store);
    register(&admin).unwrap();
    let updated = call(
        &admin,
        Op::Update,
        Some("c1"),
        Some(json!({"clientName": "Renamed"})),
    )
    .unwrap()
    .unwrap();
    assert_eq!(updated["name"], "Renamed");
    let sent = sent(&admin);
    let (read, put) = (&sent[1], &sent[2]);
    assert_eq!(
        (read.method, bearer_of(read)),
        (Method::Get, Some("Bearer rat-1"))
    );
    assert_eq!(
        (put.method, bearer_of(put)),
        (Method::Put, Some("Bearer rat-2"))
    );
    let body: Value = serde_json::from_str(put.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["client_id"], "c1");
    assert_eq!(body["client_name"], "Renamed");
    assert!(
        body.get("registration_access_token").is_none()
            && body.get("client_id_issued_at").is_none()
    );
    let stored = block_on(admin.store.get("c1")).unwrap().unwrap();
    assert_eq!(stored.registration_access_token.expose(), "rat-3");
}

#[test]
fn the_store_is_asked_in_order_and_forgets_a_deleted_client() {
    let store = TestStore {
        deferred: true,
        ..TestStore::default()
    };
    let log = Rc::clone(&store.log);
    let mock = MockTransport::default()
        .respond(201, &[], &information("rat-1", json!({})))
        .respond(204, &[], "");
    let admin = admin(mock, by_endpoint(), store);
    register(&admin).unwrap();
    assert_eq!(call(&admin, Op::Delete, Some("c1"), None).unwrap(), None);
    assert_eq!(bearer_of(&sent(&admin)[1]), Some("Bearer rat-1"));
    assert_eq!(*log.borrow(), ["set c1 rat-1", "get c1", "delete c1"]);
    assert_eq!(block_on(admin.store.get("c1")).unwrap(), None);
}

#[test]
fn a_store_that_fails_to_save_leaves_the_registration_on_the_error() {
    let store = TestStore::default();
    let fail = Rc::clone(&store.fail_set);
    let mock = MockTransport::default()
        .respond(201, &[], &information("rat-1", json!({})))
        .respond(200, &[], &information("rat-2", json!({})));
    let admin = admin(mock, by_endpoint(), store);
    register(&admin).unwrap();
    fail.set(true);
    let err = call(&admin, Op::Get, Some("c1"), None).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Store);
    assert!(
        err.message.contains("the server's state changed"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("disk full"),
        "the store's reason: {}",
        err.message
    );
    assert!(
        !err.message.contains("rat-2"),
        "never the token: {}",
        err.message
    );
    assert!(!format!("{err:?}").contains("rat-2"), "nor in Debug");
    let kept = err
        .registration
        .as_ref()
        .expect("the registration rides on the error");
    assert_eq!(
        (
            kept.client_id.as_str(),
            kept.registration_access_token.expose()
        ),
        ("c1", "rat-2")
    );
}

#[test]
fn an_unknown_client_is_not_found_before_anything_is_sent() {
    let admin = admin(
        MockTransport::default(),
        by_endpoint(),
        TestStore::default(),
    );
    for op in [Op::Get, Op::Delete] {
        let err = call(&admin, op, Some("nobody"), None).unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound, "{op:?}");
        assert!(err.message.contains("nobody"), "{}", err.message);
    }
    assert!(sent(&admin).is_empty());
}

#[test]
fn list_reads_every_client_the_store_knows() {
    let store = TestStore {
        enumerable: true,
        ..TestStore::default()
    };
    let mock = MockTransport::default()
        .respond(201, &[], &information("rat-1", json!({})))
        .respond(200, &[], &information("rat-2", json!({})));
    let admin = admin(mock, by_endpoint(), store);
    register(&admin).unwrap();
    let page = call(&admin, Op::List, None, None).unwrap().unwrap();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["items"][0]["id"], "c1");
    assert!(page.get("next").is_none());
    let stored = block_on(admin.store.get("c1")).unwrap().unwrap();
    assert_eq!(stored.registration_access_token.expose(), "rat-2");

    let blind = self::admin(
        MockTransport::default(),
        by_endpoint(),
        TestStore::default(),
    );
    let err = call(&blind, Op::List, None, None).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert!(err.message.contains("keys()"), "{}", err.message);
    assert!(sent(&blind).is_empty());
}

#[test]
fn rotate_secret_is_unsupported_and_sends_nothing() {
    let admin = admin(
        MockTransport::default(),
        by_endpoint(),
        TestStore::default(),
    );
    let err = call(&admin, Op::RotateSecret, Some("c1"), None).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert!(sent(&admin).is_empty());
}

const METADATA: &str =
    r#"{"issuer":"https://as.example.com","registration_endpoint":"https://as.example.com/reg"}"#;

#[test]
fn the_issuer_is_discovered_once_without_credentials() {
    let mock = MockTransport::default()
        .respond(200, &[], METADATA)
        .respond(201, &[], &information("rat-1", json!({})))
        .respond(201, &[], &information("rat-9", json!({"client_id": "c2", "registration_client_uri": "https://as.example.com/reg/c2"})));
    let admin = admin(mock, by_issuer(), TestStore::default());
    register(&admin).unwrap();
    register(&admin).unwrap();
    let sent = sent(&admin);
    assert_eq!(
        sent.iter()
            .map(|r| (r.method, r.url.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                Method::Get,
                "https://as.example.com/.well-known/openid-configuration"
            ),
            (Method::Post, ENDPOINT),
            (Method::Post, ENDPOINT),
        ]
    );
    assert_eq!(bearer_of(&sent[0]), None, "metadata is public");
    assert_eq!(bearer_of(&sent[1]), Some("Bearer initial-token"));
}

#[test]
fn discovery_falls_back_to_rfc8414_and_retries_after_a_failure() {
    let mock = MockTransport::default()
        .respond(404, &[], "")
        .respond(200, &[], r#"{"issuer":"https://evil.example.com"}"#)
        .respond(404, &[], "")
        .respond(200, &[], r#"{"issuer":"https://as.example.com"}"#);
    let admin = admin(mock, by_issuer(), TestStore::default());
    let err = register(&admin).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(err.message.contains("issuer"), "{}", err.message);
    let err = register(&admin).unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Unsupported,
        "a failed discovery is not kept"
    );
    assert!(
        err.message.contains("registration_endpoint"),
        "{}",
        err.message
    );
    assert_eq!(
        sent(&admin)[1].url,
        "https://as.example.com/.well-known/oauth-authorization-server"
    );
}

#[test]
fn open_registration_sends_no_credentials() {
    let mock = MockTransport::default().respond(201, &[], &information("rat-1", json!({})));
    let admin = Admin::new(
        "rfc7591",
        kinds(by_endpoint()),
        Client::new(mock, Credentials::None, Policy::default()),
    );
    register(&admin).unwrap();
    assert_eq!(bearer_of(&sent(&admin)[0]), None);
}

#[test]
fn a_token_the_server_kept_is_not_written_again() {
    let store = TestStore::default();
    let log = Rc::clone(&store.log);
    let mock = MockTransport::default()
        .respond(201, &[], &information("rat-1", json!({})))
        .respond(200, &[], &information("rat-1", json!({})))
        .respond(200, &[], &information("rat-2", json!({})));
    let admin = admin(mock, by_endpoint(), store);
    register(&admin).unwrap();
    call(
        &admin,
        Op::Update,
        Some("c1"),
        Some(json!({"clientName": "B"})),
    )
    .unwrap();
    assert_eq!(*log.borrow(), ["set c1 rat-1", "get c1", "set c1 rat-2"]);
    assert_eq!(bearer_of(&sent(&admin)[2]), Some("Bearer rat-1"));
}
