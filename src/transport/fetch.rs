//! The real transport: the global `fetch` (browsers, Node >= 18, workers) through gloo-net.
//!

use std::time::Duration;

use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::Transport;
use crate::error::{Error, ErrorKind, Result};
use crate::request::{HttpRequest, HttpResponse, Method};

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
}

impl CallScope {
    /// A scope for one call; `timeout_ms` 0 means no deadline.
    pub fn start(signal: Option<web_sys::AbortSignal>, timeout_ms: u32) -> Self {
        CallScope::new(signal, f64::from(timeout_ms))
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
#[derive(Debug, Default)]
pub struct FetchTransport;

fn fetch_method(method: Method) -> FetchMethod {
    match method {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Put => FetchMethod::PUT,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    }
}

fn gloo_message(err: gloo_net::Error) -> String {
    match err {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    }
}

impl Transport for FetchTransport {
    type Options = CallScope;

    async fn send(&self, req: &HttpRequest, scope: &CallScope) -> Result<HttpResponse> {
        let signal = scope.signal();
        let mut builder = RequestBuilder::new(&req.url)
            .method(fetch_method(req.method))
            .abort_signal(Some(&signal));
        for (name, value) in &req.headers {
            builder = builder.header(name, value);
        }
        let request = match &req.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        }
        .map_err(|e| {
            Error::new(
                ErrorKind::Connection,
                format!("the request could not be built: {e}"),
            )
        })?;
        let response = request
            .send()
            .await
            .map_err(|e| scope.failure(&gloo_message(e)))?;
        let status = response.status();
        let headers = response
            .headers()
            .entries()
            .map(|(n, v)| (n.to_ascii_lowercase(), v))
            .collect();
        let raw: web_sys::Response = response.into();
        let text_promise = raw.text().map_err(|e| scope.rejected(&e))?;
        let text = JsFuture::from(text_promise)
            .await
            .map_err(|e| scope.rejected(&e))?;
        Ok(HttpResponse {
            status,
            headers,
            body: text.as_string().unwrap_or_default(),
        })
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
