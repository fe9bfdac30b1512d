//! The real transport: the global `fetch` (browsers, Node >= 18, workers).
//!
//! Each attempt is one call into `runtime.js`'s `send`, with plain values both ways (the
//! headers as JSON text, the response as status, header lines and body text). Building a
//! `Request` through gloo-net crossed into JS once per header and per field, and `fetch`
//! then copied the `Request`; `make bench` and `make size` measured both (see the README).
//!

use std::time::Duration;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::Transport;
use crate::error::{Error, ErrorKind, Result};
use crate::request::{HttpRequest, HttpResponse};

#[wasm_bindgen(module = "/src/js/runtime.js")]
extern "C" {
    /// One call's cancellation: caller's signal + deadline.
    #[derive(Debug)]
    pub type CallScope;

    #[wasm_bindgen(constructor)]
    fn new(signal: Option<web_sys::AbortSignal>, timeout_ms: f64) -> CallScope;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &CallScope) -> web_sys::AbortSignal;
    #[wasm_bindgen(method, getter, js_name = timedOut)]
    fn timed_out(this: &CallScope) -> bool;
    #[wasm_bindgen(method, getter, js_name = userAborted)]
    fn user_aborted(this: &CallScope) -> bool;
    #[wasm_bindgen(method)]
    fn close(this: &CallScope);
    #[wasm_bindgen(method)]
    fn sleep(this: &CallScope, ms: f64) -> js_sys::Promise;

    /// `fetch` once, following no redirect and reading at most `max_bytes`: resolves to
    /// `[status, header lines, body text, outcome]` (see `Outcome`).
    #[wasm_bindgen(js_name = send)]
    fn send_js(
        method: &str,
        url: &str,
        headers: &str,
        body: Option<&str>,
        signal: &web_sys::AbortSignal,
        max_bytes: f64,
    ) -> js_sys::Promise;
}

/// The longest delay `setTimeout` holds.
const MAX_TIMER_MS: u32 = 2_147_483_647;

impl CallScope {
    /// A scope for one call; `timeout_ms` 0 means no deadline. Timers hold at most
    /// 2^31 - 1 ms (about 24.8 days; a larger delay fires at once), so longer deadlines wait
    /// that long.
    pub fn start(signal: Option<web_sys::AbortSignal>, timeout_ms: u32) -> Self {
        CallScope::new(signal, f64::from(timeout_ms.min(MAX_TIMER_MS)))
    }

    /// Ends the scope (clears its timer).
    pub fn finish(&self) {
        self.close();
    }

    /// Why the call stopped without a response; `detail` is the engine's own message.
    fn failure(&self, detail: &str) -> Error {
        if self.user_aborted() {
            Error::new(ErrorKind::Abort, "the call was aborted")
        } else if self.timed_out() {
            Error::new(ErrorKind::Timeout, "the call timed out")
        } else {
            Error::new(
                ErrorKind::Connection,
                format!("no response from the server ({detail})"),
            )
        }
    }

    /// Like [`CallScope::failure`] for a rejected promise's value.
    fn rejected(&self, cause: &JsValue) -> Error {
        let message = js_sys::Reflect::get(cause, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        self.failure(&message)
    }
}

/// Sends requests with the global `fetch`.
#[derive(Debug)]
pub struct FetchTransport {
    /// The largest response body read.
    pub max_response_bytes: u32,
}

/// What `runtime.js`'s `send` says besides the response (its answer's fourth item).
const REDIRECTED: f64 = 1.0;
const TOO_LARGE: f64 = 2.0;

/// The error for a redirect, which is never followed: credentials must not travel to
/// another origin. It names the target's origin only (never a path, query or user name).
fn redirected(status: u16, headers: &[(String, String)]) -> Error {
    let target = headers
        .iter()
        .find(|(name, _)| name == "location")
        .map(|(_, location)| origin_of(location))
        .unwrap_or_else(|| "a target the browser does not reveal".to_owned());
    let err = Error::new(
        ErrorKind::Server,
        format!(
            "the server answered with a redirect to {target}; requests do not follow redirects"
        ),
    );
    if status == 0 {
        err
    } else {
        err.with_status(status)
    }
}

/// `scheme://host[:port]` of an absolute URL, without any user name or password; "the same
/// origin" for a relative one.
fn origin_of(location: &str) -> String {
    match crate::text::split_once(location, "://") {
        Some((scheme, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            let host = authority.rsplit('@').next().unwrap_or_default();
            format!("{scheme}://{host}")
        }
        None => "the same origin".to_owned(),
    }
}

/// Reads `name\nvalue\n...` lines (names lowercased): response header values cannot hold a
/// line break, so the split is exact.
fn header_lines(text: &str) -> Vec<(String, String)> {
    let mut lines = text.split('\n');
    let mut headers = Vec::new();
    while let (Some(name), Some(value)) = (lines.next(), lines.next()) {
        headers.push((name.to_ascii_lowercase(), value.to_owned()));
    }
    headers
}

impl Transport for FetchTransport {
    type Options = CallScope;

    async fn send(&self, req: &HttpRequest, scope: &CallScope) -> Result<HttpResponse> {
        // JSON keeps every header value intact, whatever it holds.
        let headers = crate::json::to_text(&req.headers);
        let sent = send_js(
            req.method.as_str(),
            &req.url,
            &headers,
            req.body.as_deref(),
            &scope.signal(),
            f64::from(self.max_response_bytes),
        );
        let answer = JsFuture::from(sent).await.map_err(|e| scope.rejected(&e))?;
        let answer = js_sys::Array::from(&answer);
        let status = answer
            .get(0)
            .as_f64()
            .filter(|s| (100.0..1000.0).contains(s))
            .map_or(0, |s| s as u16);
        let headers = header_lines(&answer.get(1).as_string().unwrap_or_default());
        match answer.get(3).as_f64() {
            Some(REDIRECTED) => Err(redirected(status, &headers)),
            Some(TOO_LARGE) => Err(Error::new(
                ErrorKind::Decode,
                format!(
                    "the response is larger than the {} bytes allowed (maxResponseBytes)",
                    self.max_response_bytes
                ),
            )
            .with_status(status)),
            _ => Ok(HttpResponse {
                status,
                headers,
                body: answer.get(2).as_string().unwrap_or_default(),
            }),
        }
    }

    async fn sleep(&self, wait: Duration, scope: &CallScope) -> Result<()> {
        JsFuture::from(scope.sleep(wait.as_secs_f64() * 1000.0))
            .await
            .map(|_| ())
            .map_err(|e| scope.rejected(&e))
    }

    fn now_unix_secs(&self) -> u64 {
        (js_sys::Date::now() / 1000.0) as u64
    }

    fn jitter(&self) -> f64 {
        js_sys::Math::random()
    }
}
