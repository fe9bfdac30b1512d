//! The JS surface in a real JS engine (Node, or headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1`), against the emulator at `EMULATOR_URL` (set at build time
//! by `scripts/wasm-tests.sh`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect};
use oauth_admin::wasm::OAuthAdmin;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const EMULATOR_URL: Option<&str> = option_env!("EMULATOR_URL");
const ACCOUNT_ID: &str = "0123456789abcdef0123456789abcdef";

fn emulator() -> &'static str {
    EMULATOR_URL
        .expect("EMULATOR_URL must be set when building the wasm tests (see scripts/wasm-tests.sh)")
}

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON is valid")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property read")
}

/// A `Secret`'s value, through its `expose()`; its other faces print `[redacted]`.
fn exposed(secret: &JsValue) -> Option<String> {
    let expose: js_sys::Function = get(secret, "expose").dyn_into().ok()?;
    let shown = js_sys::JSON::stringify(secret).ok()?.as_string()?;
    assert_eq!(shown, "\"[redacted]\"", "JSON never shows the secret");
    expose.call0(secret).ok()?.as_string()
}

fn admin_with(token: &str, extra: &str) -> OAuthAdmin {
    let config = js(&format!(
        r#"{{"provider":"cloudflare","accountId":"{ACCOUNT_ID}","auth":{{"bearer":"{token}"}},"baseUrl":"{}/client/v4"{extra}}}"#,
        emulator()
    ));
    OAuthAdmin::new(config).expect("valid config")
}

fn admin() -> OAuthAdmin {
    admin_with("cf-emulator-token", "")
}

async fn settle(promise: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

async fn control(method: &str, path: &str, body: Option<&str>) {
    let url = format!("{}/__emulator/{path}", emulator());
    let builder = gloo_net::http::RequestBuilder::new(&url).method(match method {
        "POST" => gloo_net::http::Method::POST,
        _ => gloo_net::http::Method::DELETE,
    });
    let request = match body {
        Some(b) => builder.header("content-type", "application/json").body(b),
        None => builder.build(),
    }
    .expect("control request");
    let response = request.send().await.expect("emulator reachable");
    assert!(
        response.ok(),
        "control {method} {path}: {}",
        response.status()
    );
}

#[wasm_bindgen_test]
fn bad_config_throws_a_named_validation_error() {
    let err = OAuthAdmin::new(js(
        r#"{"provider":"cloudflare","accountId":"short","auth":{"bearer":"t"}}"#,
    ))
    .unwrap_err();
    let err: js_sys::Error = err.dyn_into().expect("a JS Error");
    assert_eq!(err.name(), "ValidationError");
    let details = get(&err, "details");
    assert_eq!(
        get(&js_sys::Array::from(&details).get(0), "field"),
        "accountId"
    );
}

#[wasm_bindgen_test]
async fn create_get_rotate_delete() {
    control("POST", "reset", None).await;
    let admin = admin();
    let clients = admin.resource(0);
    let input = js(
        r#"{"name":"Web test","redirectUris":["https://web.example.com/cb"],"scopes":["workers-platform.read"]}"#,
    );
    let created = settle(clients.create(input, JsValue::UNDEFINED, JsValue::UNDEFINED))
        .await
        .expect("created");
    let secret = exposed(&get(&created, "secret")).expect("a Secret");
    let client = get(&created, "client");
    let id = get(&client, "id").as_string().expect("an id");
    assert_eq!(get(&client, "name"), "Web test");
    assert_eq!(get(&client, "provider"), "cloudflare");

    let fetched = settle(clients.get(
        JsValue::from(id.clone()),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .expect("got");
    assert_eq!(get(&fetched, "id"), id.as_str());

    let rotated = settle(clients.rotate_secret(
        JsValue::from(id.clone()),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .expect("rotated");
    assert_ne!(exposed(&get(&rotated, "secret")), Some(secret));

    settle(clients.delete(
        JsValue::from(id.clone()),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .expect("deleted");
    let err = settle(clients.get(JsValue::from(id), JsValue::UNDEFINED, JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&err, "name"), "NotFoundError");
    assert_eq!(get(&err, "status"), 404);
    assert_eq!(get(&err, "provider"), "cloudflare");
}

#[wasm_bindgen_test]
async fn list_and_async_iteration() {
    control("POST", "reset", None).await;
    let clients = admin().resource(0);
    let page = settle(clients.list(JsValue::UNDEFINED, JsValue::UNDEFINED, JsValue::UNDEFINED))
        .await
        .expect("listed");
    let items = js_sys::Array::from(&get(&page, "items"));
    assert!(items.length() >= 1);
    assert!(get(&page, "next").is_undefined());

    let iterable = clients.iterate(JsValue::UNDEFINED, JsValue::UNDEFINED, JsValue::UNDEFINED);
    let iterator_fn: js_sys::Function = get(&iterable, "next").dyn_into().expect("next()");
    let mut seen = 0;
    loop {
        let step = settle(iterator_fn.call0(&iterable).expect("next() call").into())
            .await
            .expect("step");
        if get(&step, "done") == JsValue::TRUE {
            break;
        }
        assert!(get(&get(&step, "value"), "id").is_string());
        seen += 1;
    }
    assert_eq!(seen, items.length());
    let symbol = js_sys::Symbol::async_iterator();
    assert!(
        Reflect::has(&iterable, &symbol).expect("has"),
        "usable with for await"
    );
}

#[wasm_bindgen_test]
async fn authentication_error_and_retry_after() {
    control("POST", "reset", None).await;
    let err = settle(admin_with("wrong", "").resource(0).list(
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert_eq!(get(&err, "name"), "AuthenticationError");
    assert_eq!(get(&err, "status"), 401);

    control(
        "POST",
        "faults",
        Some(r#"{"path":"/client/v4/accounts","status":429,"retryAfter":"3","count":1}"#),
    )
    .await;
    let err = settle(
        admin_with("cf-emulator-token", r#","maxRetries":0"#)
            .resource(0)
            .list(JsValue::UNDEFINED, JsValue::UNDEFINED, JsValue::UNDEFINED),
    )
    .await
    .unwrap_err();
    assert_eq!(get(&err, "name"), "RateLimitError");
    assert_eq!(get(&err, "retryAfterMs"), 3000);
}

#[wasm_bindgen_test]
async fn abort_and_timeout() {
    control("POST", "reset", None).await;
    control(
        "POST",
        "faults",
        Some(r#"{"path":"/client/v4/accounts","latencyMs":3000,"count":2}"#),
    )
    .await;
    let clients = admin().resource(0);

    let options = Object::new();
    Reflect::set(&options, &"timeoutMs".into(), &JsValue::from(100)).expect("set");
    let err = settle(clients.list(JsValue::UNDEFINED, options.into(), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&err, "name"), "TimeoutError");

    let controller = web_sys::AbortController::new().expect("controller");
    controller.abort_with_reason(&JsValue::from_str("not an Error"));
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), &controller.signal()).expect("set");
    let err = settle(clients.list(JsValue::UNDEFINED, options.into(), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&err, "name"), "AbortError");
    control("DELETE", "faults", None).await;
}

fn admin_for(config: &str) -> OAuthAdmin {
    OAuthAdmin::new(js(&config.replace("{EMULATOR}", emulator()))).expect("valid config")
}

#[wasm_bindgen_test]
async fn clerk_pages_with_totals() {
    control("POST", "reset", None).await;
    let clerk = admin_for(
        r#"{"provider":"clerk","auth":{"bearer":"sk_test_emulator"},"baseUrl":"{EMULATOR}/v1"}"#,
    );
    let page = settle(clerk.resource(0).list(
        js(r#"{"limit":10,"cursor":"10"}"#),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .expect("listed");
    assert_eq!(js_sys::Array::from(&get(&page, "items")).length(), 10);
    assert_eq!(get(&page, "total"), 23);
    assert_eq!(get(&page, "next"), "20");
}

#[wasm_bindgen_test]
async fn atlan_resolves_roles_and_refuses_rotation() {
    control("POST", "reset", None).await;
    let atlan = admin_for(
        r#"{"provider":"atlan","auth":{"bearer":"atlan-emulator-token"},"baseUrl":"{EMULATOR}"}"#,
    );
    let created = settle(atlan.resource(0).create(
        js(r#"{"name":"Web bot","role":"Member"}"#),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .expect("created");
    let record = get(&get(&created, "client"), "record");
    assert_eq!(get(&record, "role"), "$member");
    assert!(exposed(&get(&created, "secret")).is_some());

    let err = settle(atlan.resource(0).rotate_secret(
        JsValue::from("oauth-client-x"),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert_eq!(get(&err, "name"), "UnsupportedError");
}
