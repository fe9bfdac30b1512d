//! The JavaScript surface: `OAuthAdmin`, `admin.clients`, `admin.cloudflare`, and the
//! mapping of [`Error`] onto JS `Error`s. The only module that speaks wasm-bindgen.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use crate::client::{Admin, Client, Pager};
use crate::config::OAuthAdminConfig;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{ListParams, OAuthClient};
use crate::transport::fetch::{CallScope, FetchTransport};
use crate::transport::js_json;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Per-call options, accepted as the last argument of every call. */
export interface CallOptions {
  /** Aborts the call (the promise rejects with an `AbortError`). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call, retries and waits included. */
  timeoutMs?: number;
}

/** The `name` of every error this library throws. */
export type OAuthAdminErrorName =
  | "ValidationError" | "AuthenticationError" | "PermissionDeniedError" | "NotFoundError"
  | "ConflictError" | "RateLimitError" | "ServerError" | "ConnectionError" | "TimeoutError"
  | "AbortError" | "UnsupportedError" | "DecodeError";

/** One item of a server's error list, or the field a local check rejected. */
export interface OAuthAdminErrorDetail {
  code?: string;
  message: string;
  /** The input field (camelCase) or the server's JSON pointer. */
  field?: string;
}

/** The shape of every error this library throws: a JS `Error` with these properties. */
export interface OAuthAdminError extends Error {
  name: OAuthAdminErrorName;
  /** The HTTP status, where a response was received. */
  status?: number;
  /** The provider whose API was called. */
  provider?: string;
  /** The provider's own error code. */
  code?: string;
  /** Every item of the provider's error list, or the rejected fields. */
  details: OAuthAdminErrorDetail[];
  /** The provider's request or trace id. */
  requestId?: string;
  /** How long the server asked to wait before trying again. */
  retryAfterMs?: number;
}

/** The input of `clients.create`, per provider. */
export type CreateClientInput = CloudflareCreateClient | ClerkCreateClient | AtlanCreateClient;
/** The input of `clients.update`, per provider: only the fields given are changed. */
export type UpdateClientInput = CloudflareUpdateClient | ClerkUpdateClient | AtlanUpdateClient;
"#;

#[wasm_bindgen(module = "/src/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = asyncIterable)]
    fn async_iterable(source: ClientIterator) -> JsValue;
}

/// Converts a result for JS.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    js_json::to_js(value).map_err(|e| {
        js_error(&Error::new(
            ErrorKind::Decode,
            format!("could not convert the result: {e}"),
        ))
    })
}

/// Turns an [`Error`] into a JS `Error` with `name`, `status`, `provider`, `code`, `details`,
/// `requestId` and `retryAfterMs`.
fn js_error(err: &Error) -> JsValue {
    let js = js_sys::Error::new(&err.message);
    js.set_name(err.kind.js_name());
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error cannot fail; a failure would only lose that property.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    if let Some(status) = err.status {
        set("status", JsValue::from(status));
    }
    if let Some(provider) = err.provider {
        set("provider", JsValue::from_str(provider));
    }
    if let Some(code) = &err.code {
        set("code", JsValue::from_str(code));
    }
    set(
        "details",
        to_js(&err.details).unwrap_or_else(|_| js_sys::Array::new().into()),
    );
    if let Some(id) = &err.request_id {
        set("requestId", JsValue::from_str(id));
    }
    if let Some(ms) = err.retry_after_ms {
        set("retryAfterMs", JsValue::from(ms as f64));
    }
    js.into()
}

#[derive(Debug)]
struct Inner {
    admin: Admin<FetchTransport>,
    timeout_ms: u32,
}

impl Inner {
    /// Reads `{ signal, timeoutMs }` and opens the call's scope.
    fn scope(&self, options: Option<&JsValue>) -> Result<CallScope> {
        let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
            return Ok(CallScope::start(None, self.timeout_ms));
        };
        let get = |key: &str| {
            js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        };
        let signal = match get("signal") {
            s if s.is_undefined() || s.is_null() => None,
            s => Some(
                s.dyn_into::<web_sys::AbortSignal>()
                    .map_err(|_| Error::invalid("signal", "must be an AbortSignal"))?,
            ),
        };
        let timeout_ms = match get("timeoutMs") {
            t if t.is_undefined() || t.is_null() => self.timeout_ms,
            t => match t.as_f64() {
                Some(ms) if ms.is_finite() && ms >= 0.0 && ms <= f64::from(u32::MAX) => ms as u32,
                _ => {
                    return Err(Error::invalid(
                        "timeoutMs",
                        "must be a non-negative number of milliseconds",
                    ))
                }
            },
        };
        Ok(CallScope::start(signal, timeout_ms))
    }
}

/// Runs one call in its scope and converts the outcome for JS.
fn call<T, F>(
    inner: &Rc<Inner>,
    options: Option<JsValue>,
    run: impl FnOnce(Rc<Inner>, Rc<CallScope>) -> F + 'static,
) -> js_sys::Promise
where
    T: Serialize,
    F: Future<Output = Result<T>> + 'static,
{
    let inner = Rc::clone(inner);
    // One boxed future type for every operation, so the promise machinery is compiled once.
    let future: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(async move {
        let scope = Rc::new(inner.scope(options.as_ref()).map_err(|e| js_error(&e))?);
        let outcome = run(inner, Rc::clone(&scope)).await;
        scope.finish();
        outcome.map_err(|e| js_error(&e)).and_then(|v| to_js(&v))
    });
    future_to_promise(future)
}

/// Copies a caller's input out of JS as a JSON value, which each provider then reads into
/// its own input type. Going through a value keeps unknown fields visible on both JSON
/// paths: serde-wasm-bindgen alone looks up only the fields a type declares, so a misspelt
/// option would vanish silently instead of failing as an unknown field.
fn js_input(value: JsValue, what: &str) -> Result<crate::json::ValueDeserializer> {
    js_json::from_js(value)
        .map(crate::json::ValueDeserializer)
        .map_err(|e| Error::new(ErrorKind::Validation, format!("invalid {what}: {e}")))
}

fn read_params(value: Option<JsValue>) -> Result<ListParams> {
    match value.filter(|v| !v.is_undefined() && !v.is_null()) {
        None => Ok(ListParams::default()),
        Some(value) => crate::provider::read_input(js_input(value, "list params")?, "list params"),
    }
}

/// Every supported provider and the options its constructor takes, for pages and tools
/// that connect to any of them.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    to_js(&crate::provider::catalog())
}

/// Manages the OAuth clients of one provider account.
#[wasm_bindgen]
#[derive(Debug)]
pub struct OAuthAdmin {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl OAuthAdmin {
    /// Connects to a provider: `{ provider, auth, baseUrl?, maxRetries?, timeoutMs?, ... }`.
    /// Throws a `ValidationError` naming the option that is wrong; sends nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "OAuthAdminConfig")] config: JsValue,
    ) -> Result<OAuthAdmin, JsValue> {
        let config: OAuthAdminConfig = js_input(config, "OAuthAdmin options")
            .and_then(|value| crate::provider::read_input(value, "OAuthAdmin options"))
            .map_err(|e| js_error(&e))?;
        let resolved = config.resolve().map_err(|e| js_error(&e))?;
        let client = Client::new(FetchTransport, resolved.credentials, resolved.policy);
        let inner = Inner {
            admin: Admin::new(resolved.api, client),
            timeout_ms: resolved.timeout_ms,
        };
        Ok(OAuthAdmin {
            inner: Rc::new(inner),
        })
    }

    /// What this provider supports: paging, sort fields, filters, operations, form fields.
    #[wasm_bindgen(getter, unchecked_return_type = "Capabilities")]
    pub fn capabilities(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.admin.capabilities())
    }

    /// Create, read, update, delete and rotate OAuth clients.
    #[wasm_bindgen(getter)]
    pub fn clients(&self) -> Clients {
        Clients {
            inner: Rc::clone(&self.inner),
        }
    }

    /// Cloudflare-only operations; they throw `UnsupportedError` on other providers.
    #[wasm_bindgen(getter)]
    pub fn cloudflare(&self) -> CloudflareApi {
        CloudflareApi {
            inner: Rc::clone(&self.inner),
        }
    }

    /// Atlan-only operations; they throw `UnsupportedError` on other providers.
    #[wasm_bindgen(getter)]
    pub fn atlan(&self) -> AtlanApi {
        AtlanApi {
            inner: Rc::clone(&self.inner),
        }
    }
}

/// The OAuth clients of the connected account.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Clients {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl Clients {
    /// One page: `{ items, next?, total? }`. Pass `next` back as `cursor` for the following page.
    #[wasm_bindgen(unchecked_return_type = "Promise<Page<OAuthClient>>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let params = read_params(params);
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.list(&params?, &scope).await
        })
    }

    /// Every client, fetched page by page as the loop asks: `for await (const c of clients.iterate())`.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<OAuthClient>")]
    pub fn iterate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListParams")] params: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let params = read_params(params).map_err(|e| js_error(&e))?;
        let iterator = ClientIterator {
            inner: Rc::clone(&self.inner),
            options,
            state: Rc::new(RefCell::new(IterState {
                pager: Some(Pager::new(params)),
                buffer: VecDeque::new(),
            })),
        };
        Ok(async_iterable(iterator))
    }

    /// One client by id.
    #[wasm_bindgen(unchecked_return_type = "Promise<OAuthClient>")]
    pub fn get(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.get(&id, &scope).await
        })
    }

    /// Creates a client: `{ client, secret }`. The secret is shown this once; store it.
    #[wasm_bindgen(unchecked_return_type = "Promise<Created>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateClientInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner
                .admin
                .create(js_input(input, "create input")?, &scope)
                .await
        })
    }

    /// Changes only the fields given and returns the updated client.
    #[wasm_bindgen(unchecked_return_type = "Promise<OAuthClient>")]
    pub fn update(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_param_type = "UpdateClientInput")] changes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner
                .admin
                .update(&id, js_input(changes, "update input")?, &scope)
                .await
        })
    }

    /// Deletes a client. It cannot be undone.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.delete(&id, &scope).await
        })
    }

    /// Issues a new secret: `{ secret }`. On Cloudflare the old one stays valid until
    /// `deleteRotatedSecret`.
    #[wasm_bindgen(js_name = rotateSecret, unchecked_return_type = "Promise<Rotated>")]
    pub fn rotate_secret(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.rotate_secret(&id, &scope).await
        })
    }

    /// Revokes the secret a rotation replaced.
    #[wasm_bindgen(js_name = deleteRotatedSecret, unchecked_return_type = "Promise<void>")]
    pub fn delete_rotated_secret(
        &self,
        id: String,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.delete_rotated_secret(&id, &scope).await
        })
    }
}

/// Cloudflare-only operations.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CloudflareApi {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl CloudflareApi {
    /// The scopes a client may ask for (`id` is the value to put in `scopes`).
    #[wasm_bindgen(unchecked_return_type = "Promise<CloudflareScope[]>")]
    pub fn scopes(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.cloudflare_scopes(&scope).await
        })
    }
}

/// Atlan-only operations.
#[wasm_bindgen]
#[derive(Debug)]
pub struct AtlanApi {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl AtlanApi {
    /// The roles a client can be given: pass a role's `description` (`Admin`) or `name`
    /// (`$admin`) as `role` to `clients.create`.
    #[wasm_bindgen(unchecked_return_type = "Promise<AtlanRole[]>")]
    pub fn roles(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        call(&self.inner, options, |inner, scope| async move {
            inner.admin.atlan_roles(&scope).await
        })
    }
}

#[derive(Debug)]
struct IterState {
    /// `None` while a page is being fetched.
    pager: Option<Pager>,
    buffer: VecDeque<OAuthClient>,
}

/// The iterator behind `clients.iterate()`; use it through `for await`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ClientIterator {
    inner: Rc<Inner>,
    options: Option<JsValue>,
    state: Rc<RefCell<IterState>>,
}

#[wasm_bindgen]
impl ClientIterator {
    /// The next client: `{ done, value }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<OAuthClient, undefined>>")]
    pub fn next(&self) -> js_sys::Promise {
        let state = Rc::clone(&self.state);
        call(
            &self.inner,
            self.options.clone(),
            |inner, scope| async move {
                loop {
                    if let Some(item) = state.borrow_mut().buffer.pop_front() {
                        return Ok(Step {
                            done: false,
                            value: Some(item),
                        });
                    }
                    let Some(mut pager) = state.borrow_mut().pager.take() else {
                        return Err(Error::new(
                            ErrorKind::Validation,
                            "next() was called before the previous call settled",
                        ));
                    };
                    let page = pager.next_page(&inner.admin, &scope).await;
                    state.borrow_mut().pager = Some(pager);
                    match page? {
                        Some(page) => state.borrow_mut().buffer.extend(page.items),
                        None => {
                            return Ok(Step {
                                done: true,
                                value: None,
                            })
                        }
                    }
                }
            },
        )
    }
}

#[derive(Serialize)]
struct Step {
    done: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<OAuthClient>,
}
