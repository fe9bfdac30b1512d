//! The async glue: build -> authorize -> send -> retry -> parse, and paging.

use std::time::Duration;

use serde::de::Deserializer;

use crate::auth::Credentials;
use crate::error::{Error, ErrorKind, Result};
use crate::model::atlan::AtlanRole;
use crate::model::cloudflare::CloudflareScope;
use crate::model::{Capabilities, Created, ListParams, OAuthClient, Rotated};
use crate::pagination::Page;
use crate::provider::atlan::Atlan;
use crate::provider::clerk::Clerk;
use crate::provider::cloudflare::Cloudflare;
use crate::provider::Provider;
use crate::request::{HttpRequest, HttpResponse};
use crate::retry::{self, Decision, Hints, Outcome, Policy};
use crate::transport::Transport;

/// The provider a client talks to.
#[derive(Debug, Clone)]
pub enum Api {
    /// Cloudflare.
    Cloudflare(Cloudflare),
    /// Clerk.
    Clerk(Clerk),
    /// Atlan.
    Atlan(Atlan),
}

/// Runs `$body` with `$p` bound to the provider behind `$api`.
macro_rules! with_provider {
    ($api:expr, $p:ident => $body:expr) => {
        match $api {
            Api::Cloudflare($p) => $body,
            Api::Clerk($p) => $body,
            Api::Atlan($p) => $body,
        }
    };
}

impl Api {
    /// The provider's name.
    pub fn name(&self) -> &'static str {
        with_provider!(self, p => name_of(p))
    }
}

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
        parse: impl Fn(&HttpResponse<T::Body>) -> Result<R>,
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
    ) -> Result<(HttpResponse<T::Body>, Option<Duration>)> {
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

    fn hints(&self, resp: &HttpResponse<T::Body>) -> Hints {
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

/// The provider-neutral operations, on one provider.
#[derive(Debug)]
pub struct Admin<T> {
    api: Api,
    client: Client<T>,
}

impl<T: Transport> Admin<T> {
    /// Operations on `api` through `client`.
    pub fn new(api: Api, client: Client<T>) -> Self {
        Admin { api, client }
    }

    /// The provider behind this admin.
    pub fn api(&self) -> &Api {
        &self.api
    }

    /// What the provider supports.
    pub fn capabilities(&self) -> Capabilities {
        with_provider!(&self.api, p => p.capabilities())
    }

    /// One page of clients.
    pub async fn list(
        &self,
        params: &ListParams,
        options: &T::Options,
    ) -> Result<Page<OAuthClient>> {
        with_provider!(&self.api, p => self.run(p, p.list(params), options, |r| p.parse_list(params, r)).await)
    }

    /// One client.
    pub async fn get(&self, id: &str, options: &T::Options) -> Result<OAuthClient> {
        with_provider!(&self.api, p => self.run(p, p.get(id), options, |r| p.parse_client(r)).await)
    }

    /// Creates a client from the provider's create input.
    pub async fn create<'de, D: Deserializer<'de>>(
        &self,
        input: D,
        options: &T::Options,
    ) -> Result<Created> {
        with_provider!(&self.api, p => {
            let input = p.read_create(input).map_err(|err| err.or_provider(name_of(p)))?;
            let lookup = match p.create_lookup() {
                Some(req) => Some(self.run(p, Ok(req), options, |r| Ok(r.clone())).await?),
                None => None,
            };
            self.run(p, p.build_create(&input, lookup.as_ref()), options, |r| p.parse_created(r)).await
        })
    }

    /// Changes the fields given.
    pub async fn update<'de, D: Deserializer<'de>>(
        &self,
        id: &str,
        changes: D,
        options: &T::Options,
    ) -> Result<OAuthClient> {
        with_provider!(&self.api, p => self.run(p, p.update(id, changes), options, |r| p.parse_client(r)).await)
    }

    /// Deletes a client.
    pub async fn delete(&self, id: &str, options: &T::Options) -> Result<()> {
        with_provider!(&self.api, p => self.run(p, p.delete(id), options, |r| p.parse_deleted(r)).await)
    }

    /// Issues a new secret.
    pub async fn rotate_secret(&self, id: &str, options: &T::Options) -> Result<Rotated> {
        with_provider!(&self.api, p => self.run(p, p.rotate_secret(id), options, |r| p.parse_rotated(r)).await)
    }

    /// Revokes the secret a rotation replaced.
    pub async fn delete_rotated_secret(&self, id: &str, options: &T::Options) -> Result<()> {
        with_provider!(&self.api, p => self.run(p, p.delete_rotated_secret(id), options, |r| p.parse_deleted(r)).await)
    }

    /// Cloudflare's scope catalogue; `UnsupportedError` on other providers.
    pub async fn cloudflare_scopes(&self, options: &T::Options) -> Result<Vec<CloudflareScope>> {
        match &self.api {
            Api::Cloudflare(cf) => {
                self.run(cf, Ok(cf.scopes()), options, |r| cf.parse_scopes(r))
                    .await
            }
            other => Err(Error::unsupported(other.name(), "cloudflare.scopes()")),
        }
    }

    /// Atlan's roles a client can be given; `UnsupportedError` on other providers.
    pub async fn atlan_roles(&self, options: &T::Options) -> Result<Vec<AtlanRole>> {
        match &self.api {
            Api::Atlan(atlan) => {
                self.run(atlan, Ok(atlan.roles()), options, |r| atlan.parse_roles(r))
                    .await
            }
            other => Err(Error::unsupported(other.name(), "atlan.roles()")),
        }
    }

    /// Sends a built request (or reports why it could not be built), naming the provider
    /// on every error.
    async fn run<P: Provider, R>(
        &self,
        _provider: &P,
        req: Result<HttpRequest>,
        options: &T::Options,
        parse: impl Fn(&HttpResponse<T::Body>) -> Result<R>,
    ) -> Result<R> {
        let outcome = match req {
            Ok(req) => self.client.execute(req, options, parse).await,
            Err(err) => Err(err),
        };
        outcome.map_err(|err| err.or_provider(P::NAME))
    }
}

fn name_of<P: Provider>(_: &P) -> &'static str {
    P::NAME
}

/// Walks a list page by page without keeping the pages.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    params: ListParams,
    done: bool,
}

impl Pager {
    /// A walk starting where `params` say.
    pub fn new(params: ListParams) -> Self {
        Pager {
            params,
            done: false,
        }
    }

    /// The next page, or `None` after the last.
    pub async fn next_page<T: Transport>(
        &mut self,
        admin: &Admin<T>,
        options: &T::Options,
    ) -> Result<Option<Page<OAuthClient>>> {
        if self.done {
            return Ok(None);
        }
        let page = admin.list(&self.params, options).await?;
        match &page.next {
            Some(next) => self.params.cursor = Some(next.clone()),
            None => self.done = true,
        }
        Ok(Some(page))
    }
}

#[cfg(test)]
mod tests;
