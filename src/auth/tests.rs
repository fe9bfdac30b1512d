use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::{poll_fn, ready, Future, Ready};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use serde_json::{json, Value};

use super::token::{base64, form_encode};
use super::*;
use crate::error::{Error, ErrorKind, Result};
use crate::request::{HttpRequest, HttpResponse, Method};
use crate::retry::{self, Decision, Hints, Outcome, Policy};

const NOW: u64 = 1_700_000_000;
const SECRET: &str = "s3cr3t-Pa55";
const API: &str = "https://api.test/v1/things";

// ---------------------------------------------------------------- helpers

fn cc(style: TokenStyle) -> ClientCredentials {
    ClientCredentials {
        token_url: "https://login.test/oauth/token".into(),
        client_id: "my-client".into(),
        client_secret: Secret::new(SECRET),
        scope: None,
        style,
    }
}

fn source() -> TokenSource {
    TokenSource::new(Credentials::ClientCredentials(cc(TokenStyle::FormBasic)))
}

fn response(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: Vec::new(),
        body: body.to_owned(),
    }
}

/// An RFC 6749 §5.1 success carrying `token`.
fn granted(token: &str, expires_in: u64) -> HttpResponse {
    let body = json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in});
    response(200, &body.to_string())
}

fn refused() -> HttpResponse {
    let body =
        json!({"error": "invalid_client", "error_description": "Client authentication failed"});
    response(401, &body.to_string())
}

fn parse(status: u16, body: Value) -> Result<Token> {
    parse_token(&response(status, &body.to_string()), NOW)
}

fn bearer_of(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name == "authorization")
        .map(|(_, value)| value.as_str())
}

fn api_request(method: Method) -> HttpRequest {
    HttpRequest::new(method, API.into())
}

/// Everything a failure can show: `Display`, `Debug`, code and details.
fn shown(err: &Error) -> String {
    format!("{err} {err:?}")
}

/// Runs a future that needs no outside event to finish; a wedged one fails the test
/// instead of spinning forever.
fn run<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000 {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
    panic!("the future is stuck");
}

type Answer = Pin<Box<dyn Future<Output = Result<HttpResponse>>>>;

/// A token endpoint for `headers`: records the request, waits for `gate`, then answers.
fn endpoint(
    log: &Rc<RefCell<Vec<HttpRequest>>>,
    gate: &Gate,
    answer: Result<HttpResponse>,
) -> impl FnOnce(HttpRequest) -> Answer {
    let (log, gate) = (Rc::clone(log), gate.clone());
    move |req| {
        log.borrow_mut().push(req);
        Box::pin(async move {
            gate.wait().await;
            answer
        })
    }
}

fn no_fetch(_: HttpRequest) -> Answer {
    panic!("static credentials must not fetch")
}

// ------------------------------------------- a tiny executor and a gate

/// A oneshot opened by hand: every `wait` ends once `open` was called.
#[derive(Clone, Default)]
struct Gate(Rc<RefCell<(bool, Vec<Waker>)>>);

impl Gate {
    fn opened() -> Self {
        let gate = Gate::default();
        gate.open();
        gate
    }

    fn open(&self) {
        let wakers = {
            let mut inner = self.0.borrow_mut();
            inner.0 = true;
            std::mem::take(&mut inner.1)
        };
        wakers.into_iter().for_each(Waker::wake);
    }

    fn wait(&self) -> impl Future<Output = ()> + '_ {
        poll_fn(|cx| {
            let mut inner = self.0.borrow_mut();
            if inner.0 {
                return Poll::Ready(());
            }
            inner.1.push(cx.waker().clone());
            Poll::Pending
        })
    }
}

struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

type Task<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// Runs tasks on this thread, polling only the ones woken: a task nobody wakes stays
/// pending, which is how a wedged cache would show.
#[derive(Default)]
struct Pool<'a> {
    tasks: Vec<(Option<Task<'a>>, Arc<Flag>)>,
}

impl<'a> Pool<'a> {
    fn spawn(&mut self, task: impl Future<Output = ()> + 'a) -> usize {
        self.tasks
            .push((Some(Box::pin(task)), Arc::new(Flag(AtomicBool::new(true)))));
        self.tasks.len() - 1
    }

    /// Polls woken tasks until none is; returns how many are still pending.
    fn run_until_stalled(&mut self) -> usize {
        loop {
            let mut polled = false;
            for (task, flag) in &mut self.tasks {
                let Some(future) = task.as_mut() else {
                    continue;
                };
                if !flag.0.swap(false, Ordering::SeqCst) {
                    continue;
                }
                polled = true;
                let waker = Waker::from(Arc::clone(flag));
                if future
                    .as_mut()
                    .poll(&mut Context::from_waker(&waker))
                    .is_ready()
                {
                    *task = None;
                }
            }
            if !polled {
                return self.tasks.iter().filter(|(t, _)| t.is_some()).count();
            }
        }
    }

    /// Drops a task midway, as an aborted call would be.
    fn cancel(&mut self, task: usize) {
        self.tasks[task].0 = None;
    }
}

type Results = Rc<RefCell<Vec<Result<Vec<(String, String)>>>>>;

/// Spawns a `headers` call whose own fetch (if it is the one to fetch) waits for `gate`.
fn spawn_headers<'a>(
    pool: &mut Pool<'a>,
    source: &'a TokenSource,
    log: &Rc<RefCell<Vec<HttpRequest>>>,
    gate: &Gate,
    answer: Result<HttpResponse>,
    results: &Results,
) -> usize {
    let fetch = endpoint(log, gate, answer);
    let results = Rc::clone(results);
    pool.spawn(async move {
        let headers = source.headers(NOW, fetch).await;
        results.borrow_mut().push(headers);
    })
}

/// A scripted server for `send_authorized`: answers in order, records what it was sent.
#[derive(Default)]
struct Server {
    script: RefCell<VecDeque<HttpResponse>>,
    sent: RefCell<Vec<(HttpRequest, bool)>>,
}

impl Server {
    fn new(script: impl IntoIterator<Item = HttpResponse>) -> Self {
        Server {
            script: RefCell::new(script.into_iter().collect()),
            sent: RefCell::default(),
        }
    }

    /// One attempt, no retries.
    fn send(&self, req: HttpRequest, idempotent: bool) -> Ready<Result<HttpResponse>> {
        let answer = self.script.borrow_mut().pop_front();
        let answer = answer.unwrap_or_else(|| panic!("unscripted request {req:?}"));
        self.sent.borrow_mut().push((req, idempotent));
        ready(Ok(answer))
    }

    /// Attempts under the client's retry policy, as `Client::send` runs them.
    async fn send_retrying(&self, req: HttpRequest, idempotent: bool) -> Result<HttpResponse> {
        let policy = Policy::default();
        let mut attempt = 0;
        loop {
            let resp = self.send(req.clone(), idempotent).await?;
            if resp.is_success() {
                return Ok(resp);
            }
            let hints = Hints {
                retry_after: retry::retry_after(None, resp.header("retry-after"), NOW),
                should_retry: None,
            };
            match retry::decide(
                &policy,
                attempt,
                idempotent,
                Outcome::Status(resp.status),
                hints,
                0.0,
            ) {
                Decision::Retry(_) => attempt += 1,
                Decision::Stop => return Ok(resp),
            }
        }
    }

    fn urls(&self) -> Vec<String> {
        self.sent
            .borrow()
            .iter()
            .map(|(r, _)| r.url.clone())
            .collect()
    }

    fn authorization(&self, index: usize) -> Option<String> {
        self.sent.borrow()[index]
            .0
            .header_value("authorization")
            .map(str::to_owned)
    }
}

// ----------------------------------------------------------- encoding

#[test]
fn base64_matches_rfc4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
    }
    assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
}

#[test]
fn form_encoding_follows_the_whatwg_rules() {
    assert_eq!(form_encode("a b+c&d=é~*-._"), "a+b%2Bc%26d%3D%C3%A9%7E*-._");
}

// ------------------------------------------------------ token_request

#[test]
fn form_basic_request() {
    let mut creds = cc(TokenStyle::FormBasic);
    creds.scope = Some("all-apis".into());
    let req = token_request(&creds);
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.url, "https://login.test/oauth/token");
    assert_eq!(
        req.header_value("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header_value("accept"), Some("application/json"));
    assert_eq!(
        req.header_value("authorization"),
        Some("Basic bXktY2xpZW50OnMzY3IzdC1QYTU1")
    );
    assert_eq!(
        req.body.as_deref(),
        Some("grant_type=client_credentials&scope=all-apis")
    );
}

#[test]
fn basic_credentials_are_form_encoded_before_base64() {
    let mut creds = cc(TokenStyle::FormBasic);
    creds.client_id = "my client:1".into();
    creds.client_secret = Secret::new("p@ss wörd/+=");
    // base64("my+client%3A1:p%40ss+w%C3%B6rd%2F%2B%3D"), computed independently.
    assert_eq!(
        token_request(&creds).header_value("authorization"),
        Some("Basic bXkrY2xpZW50JTNBMTpwJTQwc3MrdyVDMyVCNnJkJTJGJTJCJTNE")
    );
}

#[test]
fn form_post_request() {
    let mut creds = cc(TokenStyle::FormPost);
    creds.client_id = "my client:1".into();
    creds.client_secret = Secret::new("p@ss wörd/+=");
    creds.scope = Some("sp:scopes:all read".into());
    let req = token_request(&creds);
    assert_eq!(req.header_value("authorization"), None);
    assert_eq!(
        req.header_value("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        req.body.as_deref(),
        Some(
            "grant_type=client_credentials&client_id=my+client%3A1\
             &client_secret=p%40ss+w%C3%B6rd%2F%2B%3D&scope=sp%3Ascopes%3Aall+read"
        )
    );
}

#[test]
fn empty_scope_is_left_out() {
    let mut creds = cc(TokenStyle::FormPost);
    creds.scope = Some("  ".into());
    let body = token_request(&creds).body.unwrap_or_default();
    assert!(!body.contains("scope"), "{body}");
}

#[test]
fn atlan_json_request() {
    let mut creds = cc(TokenStyle::AtlanJson);
    creds.client_secret = Secret::new("q\"uote");
    creds.scope = Some("ignored".into());
    let req = token_request(&creds);
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.header_value("content-type"), Some("application/json"));
    assert_eq!(req.header_value("authorization"), None);
    let body: Value = serde_json::from_str(req.body.as_deref().unwrap_or("")).unwrap();
    assert_eq!(
        body,
        json!({"clientId": "my-client", "clientSecret": "q\"uote"})
    );
}

#[test]
fn token_request_debug_hides_the_secret() {
    for style in [
        TokenStyle::FormBasic,
        TokenStyle::FormPost,
        TokenStyle::AtlanJson,
    ] {
        let shown = format!("{:?}", token_request(&cc(style)));
        assert!(
            !shown.contains(SECRET) && !shown.contains("bXkt"),
            "{shown}"
        );
    }
}

// -------------------------------------------------------- parse_token

#[test]
fn rfc_token_response() {
    let token = parse(
        200,
        json!({"access_token": "tok", "token_type": "bearer", "expires_in": 3600}),
    )
    .unwrap();
    assert_eq!(token.access_token.expose(), "tok");
    assert_eq!(token.expires_at, NOW + 3600);
    assert_eq!(token.refresh_at, NOW + 3570);
    assert!(token.is_fresh(NOW + 3569) && !token.is_fresh(NOW + 3570));
}

#[test]
fn atlan_token_responses() {
    let camel = parse(
        200,
        json!({"accessToken": "tok", "tokenType": "Bearer", "expiresIn": 900}),
    )
    .unwrap();
    assert_eq!(
        (camel.access_token.expose(), camel.expires_at),
        ("tok", NOW + 900)
    );
    let snake = parse(200, json!({"access_token": "tok2", "expires_in": 60})).unwrap();
    assert_eq!(
        (snake.access_token.expose(), snake.expires_at),
        ("tok2", NOW + 60)
    );
}

#[test]
fn missing_or_unreadable_expiry_means_600_seconds() {
    for extra in [
        json!({}),
        json!({"expires_in": null}),
        json!({"expires_in": "soon"}),
        json!({"expires_in": true}),
    ] {
        let mut body = json!({"accessToken": "tok"});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        assert_eq!(
            parse(200, body.clone()).unwrap().expires_at,
            NOW + 600,
            "{body}"
        );
    }
}

#[test]
fn short_lifetimes_refresh_halfway() {
    let token = parse(200, json!({"access_token": "t", "expires_in": 40})).unwrap();
    assert_eq!(token.refresh_at, NOW + 20);
    let token = parse(200, json!({"access_token": "t", "expires_in": 1})).unwrap();
    assert_eq!(token.refresh_at, NOW + 1);
}

#[test]
fn odd_expires_in_values_do_not_panic() {
    let expiry =
        |value: Value| parse(200, json!({"access_token": "t", "expires_in": value})).unwrap();
    assert_eq!(expiry(json!(u64::MAX)).expires_at, u64::MAX);
    assert_eq!(expiry(json!(1e300)).expires_at, u64::MAX);
    assert_eq!(
        expiry(json!("99999999999999999999999999")).expires_at,
        u64::MAX
    );
    let negative = expiry(json!(-5));
    assert_eq!(negative.expires_at, NOW);
    assert!(!negative.is_fresh(NOW), "an expired token is not reused");
    assert_eq!(expiry(json!(-1.5)).expires_at, NOW);
    assert_eq!(expiry(json!("-7")).expires_at, NOW);
    assert_eq!(expiry(json!(3599.9)).expires_at, NOW + 3599);
    assert_eq!(expiry(json!(" 120 ")).expires_at, NOW + 120);
    assert_eq!(expiry(json!("120.5")).expires_at, NOW + 120);
    assert_eq!(expiry(json!(0)).expires_at, NOW);
    // Near the end of time, adding saturates instead of overflowing.
    let late = parse_token(&granted("t", 3600), u64::MAX - 10).unwrap();
    assert_eq!(late.expires_at, u64::MAX);
}

#[test]
fn invalid_client_is_an_authentication_error() {
    let err = parse_token(&refused(), NOW).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Authentication);
    assert_eq!(err.status, Some(401));
    assert_eq!(err.code.as_deref(), Some("invalid_client"));
    assert_eq!(err.provider, None);
    assert!(
        err.message.contains("Client authentication failed"),
        "{}",
        err.message
    );
}

#[test]
fn error_statuses_map_to_kinds() {
    let rows = [
        (
            400,
            json!({"error": "invalid_grant"}),
            ErrorKind::Authentication,
        ),
        (
            400,
            json!({"error": "invalid_scope", "error_description": "nope"}),
            ErrorKind::Authentication,
        ),
        (401, json!(null), ErrorKind::Authentication),
        (
            403,
            json!({"message": "forbidden"}),
            ErrorKind::PermissionDenied,
        ),
        (404, json!({}), ErrorKind::NotFound),
        (429, json!({}), ErrorKind::RateLimit),
        (503, json!("<html>down</html>"), ErrorKind::Server),
        // An RFC error in a 2xx is still a refusal.
        (
            200,
            json!({"error": "unauthorized_client"}),
            ErrorKind::Authentication,
        ),
    ];
    for (status, body, kind) in rows {
        let err = parse(status, body.clone()).unwrap_err();
        assert_eq!(
            (err.kind, err.status),
            (kind, Some(status)),
            "{status} {body}"
        );
    }
    let html = parse_token(&response(502, "<html>bad gateway</html>"), NOW).unwrap_err();
    assert_eq!(html.kind, ErrorKind::Server);
}

#[test]
fn rate_limited_token_request_carries_retry_after() {
    let mut resp = response(429, "");
    resp.headers.push(("retry-after".into(), "3".into()));
    assert_eq!(
        parse_token(&resp, NOW).unwrap_err().retry_after_ms,
        Some(3000)
    );
}

#[test]
fn success_without_access_token_is_a_decode_error() {
    for body in [
        r#"{"token":"leaked-value","expires_in":3600}"#,
        r#"{"access_token":""}"#,
        r#"{"access_token":42}"#,
        r#"{"access_token":"leaked-value\r\nx-evil: 1"}"#,
        "not json leaked-value",
        "",
        "[]",
    ] {
        let err = parse_token(&response(200, body), NOW).unwrap_err();
        assert_eq!(
            (err.kind, err.status),
            (ErrorKind::Decode, Some(200)),
            "{body}"
        );
        assert!(
            !shown(&err).contains("leaked-value"),
            "{body}: {}",
            shown(&err)
        );
    }
}

#[test]
fn only_bearer_tokens_are_accepted() {
    let err = parse(
        200,
        json!({"access_token": "tok-value", "token_type": "DPoP"}),
    )
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(err.message.contains("DPoP") && !shown(&err).contains("tok-value"));
}

#[test]
fn quoted_server_text_is_bounded() {
    let long = "x".repeat(5000);
    let err = parse(
        400,
        json!({"error": "invalid_request", "error_description": long}),
    )
    .unwrap_err();
    assert!(err.message.len() < 400, "{}", err.message.len());
}

// --------------------------------------------------- static credentials

#[test]
fn static_credentials_answer_at_once() {
    let bearer = TokenSource::new(Credentials::Bearer(Secret::new("tok")));
    assert_eq!(
        run(bearer.headers(NOW, no_fetch)).unwrap(),
        vec![("authorization".to_owned(), "Bearer tok".to_owned())]
    );
    let key = TokenSource::new(Credentials::CloudflareApiKey {
        email: "a@b.c".into(),
        key: Secret::new("k3y"),
    });
    assert_eq!(
        run(key.headers(NOW, no_fetch)).unwrap(),
        vec![
            ("x-auth-email".to_owned(), "a@b.c".to_owned()),
            ("x-auth-key".to_owned(), "k3y".to_owned())
        ]
    );
    assert!(!bearer.refreshable() && !key.refreshable() && source().refreshable());
}

// --------------------------------------------------------------- cache

#[test]
fn cached_token_is_reused_until_shortly_before_expiry() {
    let (source, log) = (source(), Rc::default());
    let open = Gate::opened();
    let at = |now, answer| run(source.headers(now, endpoint(&log, &open, Ok(answer)))).unwrap();
    let first = at(NOW, granted("tok-1", 3600));
    assert_eq!(bearer_of(&first), Some("Bearer tok-1"));
    assert_eq!(at(NOW + 3569, granted("tok-2", 3600)), first);
    assert_eq!(log.borrow().len(), 1);
    assert_eq!(
        bearer_of(&at(NOW + 3570, granted("tok-2", 3600))),
        Some("Bearer tok-2")
    );
    assert_eq!(log.borrow().len(), 2);
    // The one request that was sent is the token request.
    assert_eq!(log.borrow()[0], token_request(&cc(TokenStyle::FormBasic)));
}

#[test]
fn invalidate_forgets_only_the_token_still_cached() {
    let (source, log) = (source(), Rc::default());
    let open = Gate::opened();
    let get = |answer| run(source.headers(NOW, endpoint(&log, &open, Ok(answer)))).unwrap();
    let first = get(granted("tok-1", 3600));
    // Two callers got a 401 with tok-1: the first refreshes...
    source.invalidate(&first);
    let second = get(granted("tok-2", 3600));
    assert_eq!(bearer_of(&second), Some("Bearer tok-2"));
    // ...the second must not throw tok-2 away.
    source.invalidate(&first);
    assert_eq!(get(granted("tok-3", 3600)), second);
    assert_eq!(log.borrow().len(), 2);
    source.invalidate(&[]);
    assert_eq!(get(granted("tok-3", 3600)), second);
}

// ------------------------------------------------------- single flight

#[test]
fn concurrent_callers_share_one_fetch() {
    let source = source();
    let (log, results, gate) = (Rc::default(), Results::default(), Gate::default());
    let mut pool = Pool::default();
    for i in 0..20 {
        let answer = Ok(granted(&format!("tok-{i}"), 3600));
        spawn_headers(&mut pool, &source, &log, &gate, answer, &results);
    }
    assert_eq!(pool.run_until_stalled(), 20);
    assert_eq!(log.borrow().len(), 1, "one token request in flight");
    // A caller that gives up while waiting does not disturb the others.
    pool.cancel(7);
    gate.open();
    assert_eq!(pool.run_until_stalled(), 0);
    assert_eq!(log.borrow().len(), 1);
    let results = results.borrow();
    assert_eq!(results.len(), 19);
    for headers in results.iter() {
        assert_eq!(bearer_of(headers.as_ref().unwrap()), Some("Bearer tok-0"));
    }
    assert!(format!("{source:?}").contains("cached"));
}

#[test]
fn a_failed_fetch_fails_every_waiter_and_the_next_call_fetches_again() {
    let source = source();
    let (log, results, gate) = (Rc::default(), Results::default(), Gate::default());
    let mut pool = Pool::default();
    for _ in 0..5 {
        spawn_headers(&mut pool, &source, &log, &gate, Ok(refused()), &results);
    }
    assert_eq!(pool.run_until_stalled(), 5);
    gate.open();
    assert_eq!(pool.run_until_stalled(), 0);
    assert_eq!(log.borrow().len(), 1);
    for result in results.borrow().iter() {
        let err = result.as_ref().unwrap_err();
        assert_eq!(
            (err.kind, err.code.as_deref()),
            (ErrorKind::Authentication, Some("invalid_client"))
        );
    }
    let open = Gate::opened();
    let later = run(source.headers(NOW, endpoint(&log, &open, Ok(granted("tok", 60)))));
    assert_eq!(bearer_of(&later.unwrap()), Some("Bearer tok"));
    assert_eq!(log.borrow().len(), 2);
}

#[test]
fn a_transport_failure_is_shared_too() {
    let source = source();
    let (log, results, gate) = (Rc::default(), Results::default(), Gate::default());
    let mut pool = Pool::default();
    let down = || Err(Error::new(ErrorKind::Connection, "connection refused"));
    for _ in 0..3 {
        spawn_headers(&mut pool, &source, &log, &gate, down(), &results);
    }
    pool.run_until_stalled();
    gate.open();
    assert_eq!(pool.run_until_stalled(), 0);
    assert_eq!(log.borrow().len(), 1);
    assert!(results
        .borrow()
        .iter()
        .all(|r| r.as_ref().is_err_and(|e| e.kind == ErrorKind::Connection)));
}

#[test]
fn a_dropped_fetch_does_not_wedge_the_waiters() {
    let source = source();
    let (log, results) = (Rc::default(), Results::default());
    let (never, open) = (Gate::default(), Gate::opened());
    let mut pool = Pool::default();
    let fetcher = spawn_headers(
        &mut pool,
        &source,
        &log,
        &never,
        Ok(granted("lost", 3600)),
        &results,
    );
    for i in 0..5 {
        let answer = Ok(granted(&format!("tok-{i}"), 3600));
        spawn_headers(&mut pool, &source, &log, &open, answer, &results);
    }
    assert_eq!(pool.run_until_stalled(), 6);
    assert_eq!(log.borrow().len(), 1);
    pool.cancel(fetcher);
    assert_eq!(
        pool.run_until_stalled(),
        0,
        "the waiters were woken and finished"
    );
    assert_eq!(log.borrow().len(), 2, "exactly one of them fetched again");
    let results = results.borrow();
    assert_eq!(results.len(), 5);
    let first = bearer_of(results[0].as_ref().unwrap()).map(str::to_owned);
    assert!(results
        .iter()
        .all(|r| bearer_of(r.as_ref().unwrap()).map(str::to_owned) == first));
}

#[test]
fn a_dropped_fetch_without_waiters_leaves_the_source_usable() {
    let source = source();
    let (log, results, never) = (Rc::default(), Results::default(), Gate::default());
    let mut pool = Pool::default();
    let fetcher = spawn_headers(
        &mut pool,
        &source,
        &log,
        &never,
        Ok(granted("lost", 3600)),
        &results,
    );
    pool.run_until_stalled();
    pool.cancel(fetcher);
    drop(pool);
    let open = Gate::opened();
    let later = run(source.headers(NOW, endpoint(&log, &open, Ok(granted("tok", 3600)))));
    assert_eq!(bearer_of(&later.unwrap()), Some("Bearer tok"));
    assert_eq!(log.borrow().len(), 2);
}

// ------------------------------------------------------ send_authorized

#[test]
fn a_401_refetches_and_retries_once() {
    let source = source();
    let server = Server::new([
        granted("tok-1", 3600),
        response(401, ""),
        granted("tok-2", 3600),
        response(200, "{}"),
    ]);
    let req = api_request(Method::Get);
    let resp = run(send_authorized(&source, &req, NOW, |r, i| {
        server.send(r, i)
    }))
    .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(server.sent.borrow().len(), 4);
    assert_eq!(server.authorization(1).as_deref(), Some("Bearer tok-1"));
    assert_eq!(server.authorization(3).as_deref(), Some("Bearer tok-2"));
}

#[test]
fn a_second_401_is_returned_as_is() {
    let source = source();
    let server = Server::new([
        granted("tok-1", 3600),
        response(401, "no"),
        granted("tok-2", 3600),
        response(401, "still no"),
    ]);
    let req = api_request(Method::Post);
    let resp = run(send_authorized(&source, &req, NOW, |r, i| {
        server.send(r, i)
    }))
    .unwrap();
    assert_eq!((resp.status, resp.body.as_str()), (401, "still no"));
    let token_url = "https://login.test/oauth/token";
    assert_eq!(server.urls(), [token_url, API, token_url, API]);
}

#[test]
fn a_static_bearer_401_is_not_retried() {
    let source = TokenSource::new(Credentials::Bearer(Secret::new("tok")));
    let server = Server::new([response(401, "")]);
    let req = api_request(Method::Get);
    let resp = run(send_authorized(&source, &req, NOW, |r, i| {
        server.send(r, i)
    }))
    .unwrap();
    assert_eq!(resp.status, 401);
    assert_eq!(server.urls(), [API]);
}

#[test]
fn token_requests_are_retried_as_idempotent() {
    let source = TokenSource::new(Credentials::ClientCredentials(cc(TokenStyle::AtlanJson)));
    let mut limited = response(429, "");
    limited.headers.push(("retry-after".into(), "1".into()));
    let server = Server::new([
        limited,
        response(503, ""),
        granted("tok", 3600),
        response(201, "{}"),
    ]);
    let req = api_request(Method::Post);
    let send = |r, i| server.send_retrying(r, i);
    let resp = run(send_authorized(&source, &req, NOW, send)).unwrap();
    assert_eq!(resp.status, 201);
    let flags: Vec<bool> = server.sent.borrow().iter().map(|(_, i)| *i).collect();
    assert_eq!(
        flags,
        [true, true, true, false],
        "token requests idempotent, the POST not"
    );
    assert_eq!(server.authorization(3).as_deref(), Some("Bearer tok"));
}

#[test]
fn a_refused_token_request_sends_nothing_else() {
    let source = source();
    let server = Server::new([refused()]);
    let err = run(send_authorized(
        &source,
        &api_request(Method::Get),
        NOW,
        |r, i| server.send(r, i),
    ))
    .unwrap_err();
    assert_eq!((err.kind, err.provider), (ErrorKind::Authentication, None));
    assert_eq!(server.sent.borrow().len(), 1);
}

#[test]
fn credential_headers_replace_any_already_on_the_request() {
    let source = TokenSource::new(Credentials::Bearer(Secret::new("tok")));
    let server = Server::new([response(200, "")]);
    let req = api_request(Method::Get)
        .header("Authorization", "Bearer stale")
        .header("x-trace", "1");
    run(send_authorized(&source, &req, NOW, |r, i| {
        server.send(r, i)
    }))
    .unwrap();
    let sent = server.sent.borrow()[0].0.clone();
    let auth: Vec<_> = sent
        .headers
        .iter()
        .filter(|(n, _)| n == "authorization")
        .collect();
    assert_eq!(auth.len(), 1);
    assert_eq!(
        (
            sent.header_value("authorization"),
            sent.header_value("x-trace")
        ),
        (Some("Bearer tok"), Some("1"))
    );
    assert_eq!(
        req.header_value("authorization"),
        Some("Bearer stale"),
        "the caller's request is untouched"
    );
}

// ------------------------------------------------------------- secrecy

#[test]
fn an_echoed_client_secret_is_cut_out_of_errors() {
    let source = source();
    let body = json!({"error": "invalid_client", "error_description": format!("secret {SECRET} is wrong")});
    let server = Server::new([response(401, &body.to_string())]);
    let err = run(send_authorized(
        &source,
        &api_request(Method::Get),
        NOW,
        |r, i| server.send(r, i),
    ))
    .unwrap_err();
    assert!(!shown(&err).contains(SECRET), "{}", shown(&err));
    assert!(err.message.contains("[redacted]"), "{}", err.message);
}

#[test]
fn debug_never_shows_secrets_or_tokens() {
    let source = source();
    let open = Gate::opened();
    let log = Rc::default();
    run(source.headers(NOW, endpoint(&log, &open, Ok(granted("tok-VALUE", 3600))))).unwrap();
    let token = parse_token(&granted("tok-VALUE", 3600), NOW).unwrap();
    let creds = Credentials::ClientCredentials(cc(TokenStyle::FormPost));
    let texts = [
        format!("{source:?}"),
        format!("{token:?}"),
        format!("{creds:?}"),
        format!("{:?}", cc(TokenStyle::AtlanJson)),
        format!("{:?}", Credentials::Bearer(Secret::new(SECRET))),
        format!("{:?}", log.borrow()),
    ];
    for text in texts {
        assert!(
            !text.contains(SECRET) && !text.contains("tok-VALUE"),
            "{text}"
        );
    }
    assert!(format!("{token:?}").contains("[redacted]"));
}
