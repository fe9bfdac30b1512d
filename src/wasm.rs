//! The JavaScript surface: `OAuthAdmin`, `admin.clients`, the per-provider namespaces
//! (`admin.cloudflare.scopes`), and the mapping of [`Error`] onto JS `Error`s. The only
//! module that speaks wasm-bindgen.
//!
//! Every kind is driven through one class, `Resource`, whose methods take the kind's parent
//! ids first; its TypeScript comes per provider from `provider_kinds!`, so each kind shows
//! only the methods it has, with its own record and input types.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use crate::client::Admin;
use crate::error::{Error, ErrorKind, Result};
use crate::model::ListParams;
use crate::provider::{Call, Op};
use crate::transport::fetch::{CallScope, FetchTransport};

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
  | "AbortError" | "UnsupportedError" | "DecodeError" | "StoreError";

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
  /** On a `StoreError` raised while saving: the registration the server issued and the store
   * failed to keep (not enumerable, never in the message). Save it elsewhere. */
  readonly registration?: Registration;
}

/** A registration as a store hands it back: the token as text or as the `Secret` it was given. */
export interface StoredRegistration {
  clientId?: string;
  registrationClientUri: string;
  registrationAccessToken: string | Secret;
}

/** Where registrations (RFC 7592: each client's configuration URL and token) are kept, e.g.
 * in a file or a vault. Each method may return a promise. `set` receives the token as a
 * `Secret`: call `expose()` to persist it. Every registration a response carries is `set`
 * before the call returns; a `set` that throws rejects the call with a `StoreError` whose
 * `registration` holds what could not be saved. */
export interface RegistrationStore {
  get(clientId: string): StoredRegistration | null | undefined | Promise<StoredRegistration | null | undefined>;
  set(clientId: string, registration: Registration): void | Promise<void>;
  delete(clientId: string): void | Promise<void>;
  /** Every client id kept; without it, `clients.list` is an `UnsupportedError`. */
  keys?(): Iterable<string> | Promise<Iterable<string>>;
}

/** What `clients.create` returns besides the client and its secret, per provider. */
export interface CreatedExtras {}

/** Neutral fields a provider's clients have beyond `OAuthClientOf`'s, per provider. */
export interface ClientExtras {}

/** `auth: { bearer }`: an API token or secret key, sent as `Authorization: Bearer`. */
export interface BearerAuth {
  bearer: string;
}
/** `auth: { email, apiKey }`: Cloudflare's legacy global API key. */
export interface ApiKeyAuth {
  email: string;
  apiKey: string;
}
/** `auth: { clientId, clientSecret }`: an OAuth client that logs in with the client
 * credentials grant; its access token is cached and renewed as it expires. */
export interface ClientCredentialsAuth {
  clientId: string;
  clientSecret: string;
  /** The scope to ask for, where the provider takes one. */
  scope?: string;
}

/** A one-time secret (a client secret from `create` or `rotateSecret`, a registration token). `expose()` gives the
 * value; `toString()`, template literals, `JSON.stringify` and `util.inspect` show
 * `[redacted]`, so logging a result never prints it. Store it now: it is shown this once. */
export interface Secret {
  /** The secret's value. */
  expose(): string;
  /** Always `"[redacted]"`. */
  toString(): string;
  /** Always `"[redacted]"`. */
  toJSON(): string;
}

/** Every provider's name. */
export type ProviderName = keyof ProviderTypes;

/** The options of `new OAuthAdmin(...)` for provider `P`. */
export type OAuthAdminConfig<P extends ProviderName = ProviderName> = P extends ProviderName
  ? { provider: P } & ProviderTypes[P]["options"] & Settings
  : never;

/** An OAuth client of provider `P`, with `P`'s own record in `record`. */
export type OAuthClient<P extends ProviderName = ProviderName> = P extends ProviderName
  ? ClientOf<P, ProviderTypes[P]["record"]>
  : never;

/** The neutral view of provider `P`'s clients (record `R`), with the fields `P` adds to it. */
export type ClientOf<P extends string, R> = OAuthClientOf<R> & { provider: P } & (P extends keyof ClientExtras ? ClientExtras[P] : unknown);

/** The input of `clients.create`, per provider. */
export type CreateClientInput<P extends ProviderName = ProviderName> = ProviderTypes[P]["create"];
/** The input of `clients.update`, per provider: only the fields given are changed. */
export type UpdateClientInput<P extends ProviderName = ProviderName> = ProviderTypes[P]["update"];

/** The methods of a resource kind; each kind has those its operations provide. */
export interface ResourceMethods<R, C, U, Cr, Ro> {
  /** One page: `{ items, next?, total? }`. Pass `next` back as `cursor` for the following page. */
  list(params?: ListParams, options?: CallOptions): Promise<Page<R>>;
  /** Every item, fetched page by page as the loop asks: `for await (const x of kind.iterate())`. */
  iterate(params?: ListParams, options?: CallOptions): AsyncIterableIterator<R>;
  /** One item by id. */
  get(id: string, options?: CallOptions): Promise<R>;
  /** Creates an item. A secret in the result is shown this once; store it. */
  create(input: C, options?: CallOptions): Promise<Cr>;
  /** Changes only the fields given and returns the updated item. */
  update(id: string, changes: U, options?: CallOptions): Promise<R>;
  /** Deletes an item. It cannot be undone. */
  delete(id: string, options?: CallOptions): Promise<void>;
  /** Issues a new secret. */
  rotateSecret(id: string, options?: CallOptions): Promise<Ro>;
  /** Revokes the secret a rotation replaced. */
  deleteRotatedSecret(id: string, options?: CallOptions): Promise<void>;
}

/** A provider-specific resource kind with record `R`. */
export type Resource<R, C = never, U = never, Cr = never, Ro = never> = ResourceMethods<R, C, U, Cr, Ro>;

/** A parent id: a string, or an integer id as a number (a safe integer) or a `bigint`. */
export type ParentId = string | number | bigint;

/** `M`'s methods, each taking its kind's parent id first (a service principal's secrets:
 * `list(servicePrincipalId, params?)`, `create(servicePrincipalId, input)`, ...). */
export type WithParent<M> = {
  [K in keyof M]: M[K] extends (...args: infer A) => infer R ? (parentId: ParentId, ...args: A) => R : M[K];
};

/** A provider-specific resource kind whose calls name a parent first (`capabilities`
 * lists it in the kind's `parents`). */
export type ChildResource<R, C = never, U = never, Cr = never, Ro = never> = WithParent<
  ResourceMethods<R, C, U, Cr, Ro>
>;

/** The provider-neutral OAuth clients of provider `P`. */
export type Clients<P extends string, R, C, U> = ResourceMethods<
  ClientOf<P, R>,
  C,
  U,
  Created<ClientOf<P, R>> & (P extends keyof CreatedExtras ? CreatedExtras[P] : unknown),
  Rotated<ClientOf<P, R>>
>;

/** What every `OAuthAdmin` has, whatever its provider. */
export interface OAuthAdminBase<P extends ProviderName> {
  /** The provider, as given to the constructor. */
  readonly provider: P;
  /** What this provider supports: paging, sort fields, filters, operations, form fields, and
   * every resource kind in `resources`. */
  readonly capabilities: Capabilities;
  /** Create, read, update, delete and rotate OAuth clients. */
  readonly clients: ProviderTypes[P]["clients"];
  /** Releases the module memory behind this object. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Manages one provider account: `clients` on every provider, and the provider's own
 * resource kinds under its name (`admin.cloudflare.scopes`). */
export type OAuthAdmin<P extends ProviderName = ProviderName> = P extends ProviderName
  ? OAuthAdminBase<P> & { readonly [K in P]: ProviderTypes[P]["namespace"] }
  : never;

/** Connects to a provider: `{ provider, auth, baseUrl?, maxRetries?, timeoutMs?, ... }`.
 * Throws a `ValidationError` naming the option that is wrong (an unknown one too); sends nothing. */
export declare const OAuthAdmin: {
  new <P extends ProviderName>(
    config: { provider: P } & ProviderTypes[P]["options"] & Settings,
  ): OAuthAdmin<P>;
  readonly prototype: OAuthAdminBase<ProviderName>;
};
"#;

macro_rules! provider_types {
    ($($name:ident $feature:literal),*) => {
        $(
            #[cfg(feature = $feature)]
            #[wasm_bindgen(typescript_custom_section)]
            const _: &'static str = crate::provider::$name::TS;
        )*
    };
}
for_each_provider!(provider_types);

#[wasm_bindgen(module = "/src/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = withSecret)]
    fn with_secret(result: JsValue) -> JsValue;

    #[wasm_bindgen(js_name = attachRegistration)]
    fn attach_registration(error: &JsValue, registration: &str) -> JsValue;

    #[wasm_bindgen(js_name = storeGet)]
    fn store_get(store: &JsValue, client_id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = storeSet)]
    fn store_set(store: &JsValue, registration: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = storeDelete)]
    fn store_delete(store: &JsValue, client_id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = storeKeys)]
    fn store_keys(store: &JsValue) -> js_sys::Promise;

    #[wasm_bindgen(js_name = iterate)]
    fn iterate_pages(
        resource: Resource,
        parents: js_sys::Array,
        params: JsValue,
        options: JsValue,
    ) -> JsValue;
}

/// Parses a JSON result for JS; `None` is `undefined`.
fn json_to_js(text: Option<String>) -> Result<JsValue, JsValue> {
    match text {
        None => Ok(JsValue::UNDEFINED),
        Some(text) => js_sys::JSON::parse(&text)
            .map_err(|_| js_error(&Error::new(ErrorKind::Decode, "the result is not JSON"))),
    }
}

/// Converts a result for JS.
fn to_js<T: crate::json::ToJson + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    json_to_js(Some(crate::json::to_text(value)))
}

/// Copies a caller's value out of JS as JSON. Going through `JSON.stringify` keeps unknown
/// fields visible, so a misspelt one fails as an unknown field instead of vanishing.
fn from_js(value: &JsValue, what: &str) -> Result<serde_json::Value> {
    if value.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    let invalid =
        |problem: &str| Error::new(ErrorKind::Validation, format!("invalid {what}: {problem}"));
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| invalid("it cannot be written as JSON (a BigInt or a cycle?)"))?;
    crate::json::read_text(&text.as_string().unwrap_or_default()).map_err(|e| invalid(&e))
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
    match &err.registration {
        Some(registration) => attach_registration(&js, &crate::json::to_text(registration)),
        None => js.into(),
    }
}

/// A caller's registration store (`registrations`): a JS object whose methods may return
/// promises. Values cross as JSON text; the token reaches the store as a `Secret`.
#[derive(Debug)]
struct JsStore(JsValue);

impl JsStore {
    /// Takes `registrations` out of the constructor's options: a store cannot travel as
    /// JSON. The options read go on with `registrations: true` in its place, so providers
    /// that take no store reject it by name.
    fn take(config: &JsValue) -> Result<(JsValue, Option<JsStore>)> {
        let key = JsValue::from_str("registrations");
        let store = js_sys::Reflect::get(config, &key).unwrap_or(JsValue::UNDEFINED);
        if store.is_undefined() || !config.is_object() {
            return Ok((config.clone(), None));
        }
        let callable = |name: &str| {
            js_sys::Reflect::get(&store, &JsValue::from_str(name))
                .map(|f| f.is_function())
                .unwrap_or(false)
        };
        if !store.is_object() || !["get", "set", "delete"].into_iter().all(callable) {
            return Err(Error::invalid(
                "registrations",
                "must be an object with get, set and delete methods (and optionally keys)",
            ));
        }
        let copy = js_sys::Object::assign(&js_sys::Object::new(), config.unchecked_ref());
        // Setting a property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&copy, &key, &JsValue::TRUE);
        Ok((copy.into(), Some(JsStore(store))))
    }

    /// Awaits one of the store's methods, as text.
    async fn answer(method: &str, promise: js_sys::Promise) -> Result<Option<String>> {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(value) => Ok(value.as_string()),
            Err(thrown) => {
                let reason = js_sys::Reflect::get(&thrown, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .or_else(|| thrown.as_string())
                    .unwrap_or_default();
                Err(crate::store::failed(method, &reason))
            }
        }
    }
}

impl crate::store::RegistrationStore for JsStore {
    fn get<'a>(
        &'a self,
        client_id: &'a str,
    ) -> crate::store::StoreFuture<'a, Option<crate::model::Registration>> {
        Box::pin(async move {
            let Some(text) = JsStore::answer("get", store_get(&self.0, client_id)).await? else {
                return Ok(None);
            };
            crate::json::read_text(&text).map(Some).map_err(|reason| {
                crate::store::failed(
                    "get",
                    &format!("it returned no usable registration for `{client_id}`: {reason}"),
                )
            })
        })
    }

    fn set<'a>(
        &'a self,
        registration: &'a crate::model::Registration,
    ) -> crate::store::StoreFuture<'a, ()> {
        let text = crate::json::to_text(registration);
        Box::pin(async move {
            JsStore::answer("set", store_set(&self.0, &text))
                .await
                .map(|_| ())
        })
    }

    fn delete<'a>(&'a self, client_id: &'a str) -> crate::store::StoreFuture<'a, ()> {
        Box::pin(async move {
            JsStore::answer("delete", store_delete(&self.0, client_id))
                .await
                .map(|_| ())
        })
    }

    fn keys(&self) -> crate::store::StoreFuture<'_, Option<Vec<String>>> {
        Box::pin(async move {
            let Some(text) = JsStore::answer("keys", store_keys(&self.0)).await? else {
                return Ok(None);
            };
            crate::json::read_text(&text)
                .map(Some)
                .map_err(|reason| crate::store::failed("keys", &reason))
        })
    }
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
        // An unknown key is refused rather than ignored: an input passed where the options go
        // (`create(policy, { policyId })`) must not be dropped silently.
        if let Some(key) = js_sys::Object::keys(&js_sys::Object::from(options.clone()))
            .iter()
            .filter_map(|k| k.as_string())
            .find(|k| k != "signal" && k != "timeoutMs")
        {
            return Err(Error::invalid(
                &key,
                "is not a call option (signal, timeoutMs)",
            ));
        }
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
fn call<F>(
    inner: &Rc<Inner>,
    options: JsValue,
    op: Op,
    run: impl FnOnce(Rc<Inner>, Rc<CallScope>) -> F + 'static,
) -> js_sys::Promise
where
    F: Future<Output = Result<Option<String>>> + 'static,
{
    let inner = Rc::clone(inner);
    // One boxed future type for every operation, so the promise machinery is compiled once.
    let future: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(async move {
        let scope = Rc::new(inner.scope(Some(&options)).map_err(|e| js_error(&e))?);
        let outcome = run(inner, Rc::clone(&scope)).await;
        scope.finish();
        let result = outcome.map_err(|e| js_error(&e)).and_then(json_to_js)?;
        // A one-time secret reaches JS only as a `Secret` object.
        Ok(match op {
            Op::Create | Op::RotateSecret => with_secret(result),
            _ => result,
        })
    });
    future_to_promise(future)
}

/// Every supported provider and the options its constructor takes, for pages and tools
/// that connect to any of them.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    let infos: Vec<_> = crate::provider::PROVIDERS.iter().map(|p| &p.info).collect();
    to_js(&infos)
}

/// Manages one provider account. Its TypeScript (generic over the provider) is declared
/// in the custom section above.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug)]
pub struct OAuthAdmin {
    inner: Rc<Inner>,
    /// `clients` and the provider's namespace, made on first use: a call such as
    /// `admin.clients.get(id)` then allocates no wrapper object.
    clients: std::cell::OnceCell<JsValue>,
    namespace: std::cell::OnceCell<JsValue>,
}

#[wasm_bindgen]
impl OAuthAdmin {
    /// Connects to a provider; throws a `ValidationError` naming the option that is wrong.
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(config: JsValue) -> Result<OAuthAdmin, JsValue> {
        let (config, store) = JsStore::take(&config).map_err(|e| js_error(&e))?;
        let resolved = from_js(&config, "OAuthAdmin options")
            .and_then(crate::config::resolve)
            .map_err(|e| js_error(&e))?;
        let mut admin = Admin::connect(
            resolved.provider.info.provider,
            resolved.connection,
            FetchTransport {
                max_response_bytes: resolved.max_response_bytes,
            },
            resolved.policy,
        );
        if let Some(store) = store {
            admin = admin.with_store(Box::new(store));
        }
        Ok(OAuthAdmin {
            inner: Rc::new(Inner {
                admin,
                timeout_ms: resolved.timeout_ms,
            }),
            clients: std::cell::OnceCell::new(),
            namespace: std::cell::OnceCell::new(),
        })
    }

    /// The provider's name.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn provider(&self) -> String {
        self.inner.admin.provider().to_owned()
    }

    /// What this provider supports.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn capabilities(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.admin.capabilities())
    }

    /// The provider-neutral OAuth clients.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn clients(&self) -> JsValue {
        self.clients
            .get_or_init(|| JsValue::from(self.resource(0)))
            .clone()
    }
}

impl OAuthAdmin {
    /// Kind number `kind` (0 is `clients`), for Rust callers such as the wasm tests; JS
    /// reaches the kinds through `clients` and the provider's namespace.
    pub fn resource(&self, kind: usize) -> Resource {
        let parents = self
            .inner
            .admin
            .kinds()
            .get(kind)
            .map_or(0, |k| k.parents());
        Resource {
            inner: Rc::clone(&self.inner),
            kind,
            parents,
        }
    }

    /// `admin.<provider>`: an object holding the provider's other kinds, or `undefined` on
    /// another provider's admin.
    fn namespace(&self, provider: &str) -> JsValue {
        if self.inner.admin.provider() != provider {
            return JsValue::UNDEFINED;
        }
        self.namespace
            .get_or_init(|| {
                let namespace = js_sys::Object::new();
                for (index, kind) in self.inner.admin.kinds().iter().enumerate().skip(1) {
                    // Setting a property on a fresh object cannot fail.
                    let _ = js_sys::Reflect::set(
                        &namespace,
                        &JsValue::from_str(kind.name()),
                        &JsValue::from(self.resource(index)),
                    );
                }
                namespace.into()
            })
            .clone()
    }
}

macro_rules! namespaces {
    ($($name:ident $feature:literal),*) => {
        #[wasm_bindgen]
        impl OAuthAdmin {
            $(
                /// The provider's own resource kinds; `undefined` on other providers.
                #[cfg(feature = $feature)]
                #[wasm_bindgen(getter, skip_typescript)]
                pub fn $name(&self) -> JsValue {
                    self.namespace(stringify!($name))
                }
            )*
        }
    };
}
for_each_provider!(namespaces);

/// One resource kind of the connected provider. Every method takes the kind's parent ids
/// first; its TypeScript (per kind, only the methods it has) comes from `ProviderTypes`.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug, Clone)]
pub struct Resource {
    inner: Rc<Inner>,
    kind: usize,
    parents: usize,
}

/// A call's arguments, split: parent ids, the operation's own arguments, call options.
struct Args {
    call: Call,
    options: JsValue,
}

impl Resource {
    /// Splits `args` into `self.parents` parent ids, then `own` (id, input, params), then
    /// options, and runs `op`.
    fn run(&self, op: Op, args: [JsValue; 4]) -> js_sys::Promise {
        let kind = self.kind;
        let read = self.read_args(op, args);
        let options = read
            .as_ref()
            .map_or(JsValue::UNDEFINED, |a| a.options.clone());
        call(&self.inner, options, op, move |inner, scope| async move {
            let Args { call, .. } = read?;
            inner.admin.call(kind, op, &call, &scope).await
        })
    }

    fn read_args(&self, op: Op, args: [JsValue; 4]) -> Result<Args> {
        let mut args = args.into_iter();
        let mut call = Call::default();
        for _ in 0..self.parents {
            call.parents.push(parent_arg(args.next())?);
        }
        match op {
            Op::List => {
                call.params = read_params(&args.next().unwrap_or(JsValue::UNDEFINED))?;
            }
            Op::Create => {
                call.input = Some(from_js(
                    &args.next().unwrap_or(JsValue::UNDEFINED),
                    "create input",
                )?)
            }
            Op::Update => {
                call.id = Some(id_arg(args.next())?);
                call.input = Some(from_js(
                    &args.next().unwrap_or(JsValue::UNDEFINED),
                    "update input",
                )?);
            }
            Op::Get | Op::Delete | Op::RotateSecret | Op::DeleteRotatedSecret => {
                call.id = Some(id_arg(args.next())?);
            }
        }
        Ok(Args {
            call,
            options: args.next().unwrap_or(JsValue::UNDEFINED),
        })
    }
}

/// An id argument: a JS string, checked here so a wrong type rejects the promise.
fn id_arg(value: Option<JsValue>) -> Result<String> {
    value
        .and_then(|v| v.as_string())
        .ok_or_else(|| Error::invalid("id", "must be a string"))
}

/// A parent id argument: a string, or an integer id given as a safe-integer number or a
/// `bigint` (written in decimal, so no int64 id is ever rounded on the way).
fn parent_arg(value: Option<JsValue>) -> Result<String> {
    let invalid = || Error::invalid("parentId", "must be a string or an integer id");
    let value = value.ok_or_else(invalid)?;
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_bigint() {
        return js_sys::BigInt::new(&value)
            .ok()
            .and_then(|n| n.to_string(10).ok())
            .and_then(|s| s.as_string())
            .ok_or_else(invalid);
    }
    match value.as_f64() {
        Some(n) if js_sys::Number::is_safe_integer(&value) => Ok(format!("{}", n as i64)),
        _ => Err(invalid()),
    }
}

fn read_params(value: &JsValue) -> Result<ListParams> {
    if value.is_undefined() || value.is_null() {
        return Ok(ListParams::default());
    }
    let json = from_js(value, "list params")?;
    crate::provider::read_input(json, "list params")
}

#[wasm_bindgen]
impl Resource {
    /// One page.
    #[wasm_bindgen(skip_typescript)]
    pub fn list(&self, a: JsValue, b: JsValue, c: JsValue) -> js_sys::Promise {
        self.run(Op::List, [a, b, c, JsValue::UNDEFINED])
    }

    /// Every item, page by page, as an async iterator.
    #[wasm_bindgen(skip_typescript)]
    pub fn iterate(&self, a: JsValue, b: JsValue, c: JsValue) -> JsValue {
        let mut args = [a, b, c].into_iter();
        let parents = js_sys::Array::new();
        for _ in 0..self.parents {
            parents.push(&args.next().unwrap_or(JsValue::UNDEFINED));
        }
        let params = args.next().unwrap_or(JsValue::UNDEFINED);
        let options = args.next().unwrap_or(JsValue::UNDEFINED);
        iterate_pages(self.clone(), parents, params, options)
    }

    /// One item.
    #[wasm_bindgen(skip_typescript)]
    pub fn get(&self, a: JsValue, b: JsValue, c: JsValue) -> js_sys::Promise {
        self.run(Op::Get, [a, b, c, JsValue::UNDEFINED])
    }

    /// Creates an item.
    #[wasm_bindgen(skip_typescript)]
    pub fn create(&self, a: JsValue, b: JsValue, c: JsValue) -> js_sys::Promise {
        self.run(Op::Create, [a, b, c, JsValue::UNDEFINED])
    }

    /// Changes the fields given.
    #[wasm_bindgen(skip_typescript)]
    pub fn update(&self, a: JsValue, b: JsValue, c: JsValue, d: JsValue) -> js_sys::Promise {
        self.run(Op::Update, [a, b, c, d])
    }

    /// Deletes an item.
    #[wasm_bindgen(skip_typescript)]
    pub fn delete(&self, a: JsValue, b: JsValue, c: JsValue) -> js_sys::Promise {
        self.run(Op::Delete, [a, b, c, JsValue::UNDEFINED])
    }

    /// Issues a new secret.
    #[wasm_bindgen(js_name = rotateSecret, skip_typescript)]
    pub fn rotate_secret(&self, a: JsValue, b: JsValue, c: JsValue) -> js_sys::Promise {
        self.run(Op::RotateSecret, [a, b, c, JsValue::UNDEFINED])
    }

    /// Revokes the secret a rotation replaced.
    #[wasm_bindgen(js_name = deleteRotatedSecret, skip_typescript)]
    pub fn delete_rotated_secret(&self, a: JsValue, b: JsValue, c: JsValue) -> js_sys::Promise {
        self.run(Op::DeleteRotatedSecret, [a, b, c, JsValue::UNDEFINED])
    }
}
