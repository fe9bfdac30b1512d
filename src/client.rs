//! The async glue: build -> authorize -> send -> retry -> parse, and paging.

use std::time::Duration;

use crate::auth::Credentials;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Capabilities;
use crate::provider::{Call, Connection, DynKind, Op, Step};
use crate::request::{HttpRequest, HttpResponse};
use crate::retry::{self, Decision, Hints, Outcome, Policy};
use crate::transport::Transport;

/// Sends requests with credentials and retries, and parses what comes back.
#[derive(Debug)]
pub struct Client<T> {
    transport: T,
    credentials: Credentials,
    policy: Policy,
}

impl<T: Transport> Client<T> {
    /// A client sending through `transport`.
    pub fn new(transport: T, credentials: Credentials, policy: Policy) -> Self {
        Client {
            transport,
            credentials,
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
        parse: impl FnOnce(&HttpResponse) -> Result<R>,
    ) -> Result<R> {
        // The retry loop is not generic over `R`: one copy serves every operation.
        let (resp, retry_after) = self.send(req, options).await?;
        parse(&resp).map_err(|mut err| {
            err.retry_after_ms =
                retry_after.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
            err
        })
    }

    /// Sends `req` until it succeeds or the policy stops: the final response, and the wait
    /// the server asked for when it failed.
    async fn send(
        &self,
        req: HttpRequest,
        options: &T::Options,
    ) -> Result<(HttpResponse, Option<Duration>)> {
        let req = self.credentials.apply(req);
        let idempotent = req.method.is_idempotent();
        let mut attempt = 0;
        loop {
            let sent = self.transport.send(&req, options).await;
            let (outcome, hints) = match &sent {
                Ok(resp) if resp.is_success() => return sent.map(|resp| (resp, None)),
                Ok(resp) => (Outcome::Status(resp.status), self.hints(resp)),
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
                Decision::Stop => return sent.map(|resp| (resp, hints.retry_after)),
            }
        }
    }

    fn hints(&self, resp: &HttpResponse) -> Hints {
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

/// One provider's kinds, driven through one client.
#[derive(Debug)]
pub struct Admin<T> {
    provider: &'static str,
    kinds: Vec<Box<dyn DynKind>>,
    client: Client<T>,
}

impl<T: Transport> Admin<T> {
    /// Operations on `provider`'s kinds (`clients` first) through `client`.
    pub fn new(provider: &'static str, kinds: Vec<Box<dyn DynKind>>, client: Client<T>) -> Self {
        Admin {
            provider,
            kinds,
            client,
        }
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
        self.kinds.iter().position(|k| k.describe().name == name)
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
        let req = match kind.build(op, call, None)? {
            Step::Send(req) => req,
            Step::Lookup(first) => {
                let (lookup, _) = self.client.send(first, options).await?;
                match kind.build(op, call, Some(&lookup))? {
                    Step::Send(req) => req,
                    Step::Lookup(_) => {
                        return Err(Error::new(
                            ErrorKind::Validation,
                            "an operation asked for a second lookup",
                        ))
                    }
                }
            }
        };
        self.client
            .execute(req, options, |resp| kind.parse(op, call, resp))
            .await
    }
}

#[cfg(test)]
mod tests;
