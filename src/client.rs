//! The async glue: build -> authorize -> send -> retry -> parse, and paging.

use std::rc::Rc;
use std::time::Duration;

use crate::auth::{send_authorized, Credentials, TokenSource};
use crate::discovery::{self, ServerMetadata};
use crate::error::{Error, ErrorKind, Result};
use crate::flight::Shared;
use crate::model::{Capabilities, Registration};
use crate::provider::{Call, Connection, DynKind, Op, Step};
use crate::request::{require_id, HttpRequest, HttpResponse};
use crate::retry::{self, Decision, Hints, Outcome, Policy};
use crate::store::{self, MemoryStore, RegistrationStore};
use crate::transport::Transport;

/// Sends requests with credentials and retries, and parses what comes back.
#[derive(Debug)]
pub struct Client<T> {
    transport: T,
    auth: TokenSource,
    policy: Policy,
}

impl<T: Transport> Client<T> {
    /// A client sending through `transport`.
    pub fn new(transport: T, credentials: Credentials, policy: Policy) -> Self {
        Client {
            transport,
            auth: TokenSource::new(credentials),
            policy,
        }
    }

    /// Sends `req` (retrying as the policy allows) and parses the final response.
    ///
    /// A failed response's error gets the server's `Retry-After` as `retry_after_ms`.
    pub async fn execute<R>(
        &self,
        req: HttpRequest,
        options: &T::Options,
        parse: impl Fn(&HttpResponse) -> Result<R>,
    ) -> Result<R> {
        // The retry loop is not generic over `R`: one copy serves every operation.
        let judge = |resp: &HttpResponse| parse(resp).err();
        let (resp, retry_after) = self.send(req, options, &judge).await?;
        parse(&resp).map_err(|err| with_retry_after(err, retry_after))
    }

    /// Sends `req` with credentials (fetching a token first where the source needs one, and
    /// once more after a 401), retrying as the policy allows: the final response, and the
    /// wait the server asked for when it failed. `judge` reads a failed response as the
    /// provider's error, whose kind and wait count as retry hints (see [`Client::hints`]).
    async fn send(
        &self,
        req: HttpRequest,
        options: &T::Options,
        judge: Judge<'_>,
    ) -> Result<(HttpResponse, Option<Duration>)> {
        let now = self.transport.now_unix_secs();
        let resp = send_authorized(&self.auth, &req, now, |req, idempotent| {
            self.send_retrying(req, idempotent, options, judge)
        })
        .await?;
        let retry_after = if resp.is_success() {
            None
        } else {
            self.header_hints(&resp).retry_after
        };
        Ok((resp, retry_after))
    }

    /// Sends `req` as it is until it succeeds or the policy stops.
    async fn send_retrying(
        &self,
        req: HttpRequest,
        idempotent: bool,
        options: &T::Options,
        judge: Judge<'_>,
    ) -> Result<HttpResponse> {
        let mut attempt = 0;
        loop {
            let sent = self.transport.send(&req, options).await;
            let (outcome, hints) = match &sent {
                Ok(resp) if resp.is_success() => return sent,
                Ok(resp) => self.hints(resp, judge),
                Err(err) if err.kind == ErrorKind::Connection => {
                    (Outcome::ConnectionFailed, Hints::default())
                }
                Err(err) => return Err(err.clone()),
            };
            match retry::decide(
                &self.policy,
                attempt,
                idempotent,
                outcome,
                hints,
                self.transport.jitter(),
            ) {
                Decision::Retry(wait) => {
                    self.transport.sleep(wait, options).await?;
                    attempt += 1;
                }
                Decision::Stop => return sent,
            }
        }
    }

    /// What a failed response means for retrying: its status, except that a response the
    /// provider reads as a rate limit counts as a 429 whatever its status (Databricks'
    /// `REQUEST_LIMIT_EXCEEDED` on a 400); the headers' wait, else the one its body named.
    fn hints(&self, resp: &HttpResponse, judge: Judge<'_>) -> (Outcome, Hints) {
        let mut hints = self.header_hints(resp);
        let mut status = resp.status;
        if let Some(err) = judge(resp) {
            if err.kind == ErrorKind::RateLimit {
                status = 429;
            }
            if hints.retry_after.is_none() {
                hints.retry_after = err.retry_after_ms.map(Duration::from_millis);
            }
        }
        (Outcome::Status(status), hints)
    }

    fn header_hints(&self, resp: &HttpResponse) -> Hints {
        Hints {
            retry_after: retry::retry_after(
                resp.header("retry-after-ms"),
                resp.header("retry-after"),
                self.transport.now_unix_secs(),
            ),
            should_retry: match resp.header("x-should-retry") {
                Some("true") => Some(true),
                Some("false") => Some(false),
                _ => None,
            },
        }
    }
}

/// Reads a failed response as the operation's error (`None` where it reads as no error).
type Judge<'a> = &'a dyn Fn(&HttpResponse) -> Option<Error>;

/// `err` with the wait the server asked for in its headers, if it asked there; otherwise
/// the wait the provider's error body named (a `RetryInfo` delay), if any, stays.
fn with_retry_after(mut err: Error, retry_after: Option<Duration>) -> Error {
    if let Some(wait) = retry_after {
        err.retry_after_ms = Some(u64::try_from(wait.as_millis()).unwrap_or(u64::MAX));
    }
    err
}

/// One provider's kinds, driven through one client.
#[derive(Debug)]
pub struct Admin<T> {
    provider: &'static str,
    kinds: Vec<Box<dyn DynKind>>,
    client: Client<T>,
    /// Where registrations are kept, for kinds reached through them.
    store: Box<dyn RegistrationStore>,
    /// The server's metadata, fetched on the first call that needs it.
    metadata: Shared<Rc<ServerMetadata>>,
}

impl<T: Transport> Admin<T> {
    /// Operations on `provider`'s kinds (`clients` first) through `client`.
    pub fn new(provider: &'static str, kinds: Vec<Box<dyn DynKind>>, client: Client<T>) -> Self {
        Admin {
            provider,
            kinds,
            client,
            store: Box::new(MemoryStore::default()),
            metadata: Shared::default(),
        }
    }

    /// Keeps registrations in `store` instead of in memory.
    pub fn with_store(mut self, store: Box<dyn RegistrationStore>) -> Self {
        self.store = store;
        self
    }

    /// A connected provider, sending through `transport` with `policy`.
    pub fn connect(
        provider: &'static str,
        connection: Connection,
        transport: T,
        policy: Policy,
    ) -> Self {
        let client = Client::new(transport, connection.credentials, policy);
        Admin::new(provider, connection.kinds, client)
    }

    /// The provider's name.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// What the provider supports: every kind, `clients` first.
    pub fn capabilities(&self) -> Capabilities {
        let resources: Vec<_> = self.kinds.iter().map(|k| k.describe()).collect();
        Capabilities {
            provider: self.provider,
            // `provider_kinds!` always puts the clients kind first.
            clients: resources.first().cloned().unwrap_or_default(),
            resources,
        }
    }

    /// The index of the kind named `name` (`clients`, `scopes`, ...).
    pub fn kind(&self, name: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.name() == name)
    }

    /// The kinds, `clients` first.
    pub fn kinds(&self) -> &[Box<dyn DynKind>] {
        &self.kinds
    }

    /// Runs `op` on kind number `kind`: builds (with a lookup first where the operation
    /// needs one), sends with credentials and retries, and parses. The result is JSON text;
    /// `None` stands for no value.
    pub async fn call(
        &self,
        kind: usize,
        op: Op,
        call: &Call,
        options: &T::Options,
    ) -> Result<Option<String>> {
        let outcome = match self.kinds.get(kind) {
            Some(k) if op == Op::List && k.registered() => {
                self.list_registered(k.as_ref(), call, options).await
            }
            Some(k) => self.run(k.as_ref(), op, call, options).await,
            None => Err(Error::unsupported(self.provider, op.js_name())),
        };
        outcome.map_err(|err| err.or_provider(self.provider))
    }

    async fn run(
        &self,
        kind: &dyn DynKind,
        op: Op,
        call: &Call,
        options: &T::Options,
    ) -> Result<Option<String>> {
        let prepared = self.prepare(kind, op, call, options).await?;
        let call = prepared.as_ref().unwrap_or(call);
        let req = match kind.build(op, call, None)? {
            Step::Send(req) => req,
            Step::Lookup(first) => {
                // A failed lookup reads as the error the operation's build makes of it.
                let judge = |resp: &HttpResponse| kind.build(op, call, Some(resp)).err();
                let (lookup, retry_after) = self.client.send(first, options, &judge).await?;
                // A read may have rotated the token the next request needs: keep it first.
                self.save(call, kind.registration(call, &lookup)?).await?;
                match kind.build(op, call, Some(&lookup)) {
                    Ok(Step::Send(req)) => req,
                    Ok(Step::Lookup(_)) => {
                        return Err(Error::new(
                            ErrorKind::Validation,
                            "an operation asked for a second lookup",
                        ))
                    }
                    // A failed lookup (a rate-limited role list) reports the server's wait too.
                    Err(err) => return Err(with_retry_after(err, retry_after)),
                }
            }
        };
        // `parse` also reads failed attempts; the last response read is the final one.
        let carried = std::cell::RefCell::new(Ok(None));
        let parsed = self
            .client
            .execute(req, options, |resp| {
                *carried.borrow_mut() = kind.registration(call, resp);
                kind.parse(op, call, resp)
            })
            .await;
        // Kept before the call returns, whether or not the answer could be read.
        self.save(call, carried.into_inner()?).await?;
        if let (true, Op::Delete, Some(id), Ok(_)) =
            (kind.registered(), op, call.id.as_deref(), &parsed)
        {
            if let Err(cause) = self.store.delete(id).await {
                return Err(store::unforgotten(&cause, id));
            }
        }
        parsed
    }

    /// `call` with what `op` needs besides its arguments: the server's metadata (fetched
    /// once, shared by concurrent first calls) and the stored registration of its item.
    /// `None` when it needs neither.
    async fn prepare(
        &self,
        kind: &dyn DynKind,
        op: Op,
        call: &Call,
        options: &T::Options,
    ) -> Result<Option<Call>> {
        let issuer = kind.discovers(op);
        let needs_registration =
            kind.registered() && matches!(op, Op::Get | Op::Update | Op::Delete);
        if issuer.is_none() && !needs_registration {
            return Ok(None);
        }
        let mut call = call.clone();
        if let Some(issuer) = issuer {
            let metadata = self
                .metadata
                .get(|_| true, || self.discover(issuer, options))
                .await?;
            call.metadata = Some(metadata);
        }
        if needs_registration {
            let id = require_id("id", call.id.as_deref().unwrap_or(""))?;
            call.registration = Some(self.store.get(id).await?.ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!(
                        "no registration is stored for client `{id}`: it was not registered \
                         through this store (pass the store that holds it as `registrations`)"
                    ),
                )
            })?);
        }
        Ok(Some(call))
    }

    /// Fetches `issuer`'s metadata: the OpenID document, else the RFC 8414 one.
    async fn discover(&self, issuer: &str, options: &T::Options) -> Result<Rc<ServerMetadata>> {
        let [openid, rfc8414] = discovery::metadata_requests(issuer);
        let plain = |_: &HttpResponse| None;
        let (mut resp, _) = self.client.send(openid, options, &plain).await?;
        if discovery::try_next(&resp) {
            resp = self.client.send(rfc8414, options, &plain).await?.0;
        }
        discovery::parse_metadata(issuer, &resp).map(Rc::new)
    }

    /// Writes a registration a response to `call` carried to the store, unless it is the
    /// one the call loaded (the server did not rotate it); a failure carries it.
    async fn save(&self, call: &Call, registration: Option<Registration>) -> Result<()> {
        let Some(registration) = registration.filter(|r| Some(r) != call.registration.as_ref())
        else {
            return Ok(());
        };
        self.store
            .set(&registration)
            .await
            .map_err(|cause| store::unsaved(&cause, &registration))
    }

    /// `list` on a kind reached through registrations: every client the store knows, each
    /// read from the server (which may rotate its token), in one page.
    async fn list_registered(
        &self,
        kind: &dyn DynKind,
        call: &Call,
        options: &T::Options,
    ) -> Result<Option<String>> {
        let Some(ids) = self.store.keys().await? else {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "list needs a registration store that can enumerate its clients (a `keys()` \
                 method): the server has no list endpoint",
            ));
        };
        let mut page = String::from("{\"items\":[");
        for id in ids {
            let get = Call {
                id: Some(id),
                parents: call.parents.clone(),
                ..Call::default()
            };
            let Some(item) = self.run(kind, Op::Get, &get, options).await? else {
                continue;
            };
            if !page.ends_with('[') {
                page.push(',');
            }
            page.push_str(&item);
        }
        page.push_str("]}");
        Ok(Some(page))
    }
}

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "rfc7591"))]
mod registrations;
