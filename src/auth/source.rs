//! The token cache: one fetch at a time, shared by every caller that needs a token then.

use std::fmt;
use std::future::Future;

use super::token::{parse_token, token_request, Token};
use super::{bearer, header, ClientCredentials, Credentials};
use crate::error::{Error, Result};
use crate::flight::Shared;
use crate::request::{HttpRequest, HttpResponse};

/// Credentials the client asks for headers before each attempt, with the OAuth token
/// they fetched, if any. `Debug` shows neither secrets nor the token.
pub struct TokenSource {
    credentials: Credentials,
    token: Shared<Token>,
}

impl TokenSource {
    /// A source for `credentials`, with nothing fetched yet.
    pub fn new(credentials: Credentials) -> Self {
        TokenSource {
            credentials,
            token: Shared::default(),
        }
    }

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Whether a 401 can be cured by fetching a new token (only client credentials).
    pub fn refreshable(&self) -> bool {
        matches!(self.credentials, Credentials::ClientCredentials(_))
    }

    /// The headers for the next attempt, to be added to the request they are for only.
    ///
    /// Static credentials answer at once. Client credentials answer with the cached token
    /// while it is fresh (see [`Token::refresh_at`]), else fetch one by sending
    /// [`token_request`] through `fetch`, as of `now_unix_secs`. Callers that arrive while
    /// a fetch is in flight wait for it and share its token or its error; `fetch` is only
    /// called by the one caller that fetches. If that caller is dropped midway, the
    /// waiters start over and one of them fetches.
    ///
    /// A fetch error never quotes the client secret; it names no provider.
    pub async fn headers<F, Fut>(
        &self,
        now_unix_secs: u64,
        fetch: F,
    ) -> Result<Vec<(String, String)>>
    where
        F: FnOnce(HttpRequest) -> Fut,
        Fut: Future<Output = Result<HttpResponse>>,
    {
        match &self.credentials {
            Credentials::None => Ok(Vec::new()),
            Credentials::Bearer(token) => Ok(vec![bearer(token)]),
            Credentials::CloudflareApiKey { email, key } => Ok(vec![
                header("x-auth-email", email.clone()),
                header("x-auth-key", key.expose().to_owned()),
            ]),
            Credentials::ClientCredentials(cc) => {
                let token = self
                    .token
                    .get(
                        |token| token.is_fresh(now_unix_secs),
                        || fetch_token(cc, now_unix_secs, fetch),
                    )
                    .await?;
                Ok(vec![bearer(&token.access_token)])
            }
        }
    }

    /// After a 401 on a request sent with `used` (headers [`TokenSource::headers`]
    /// returned): forgets that token if it is still the cached one, so the next call
    /// fetches. A token some other caller already replaced is left alone.
    pub fn invalidate(&self, used: &[(String, String)]) {
        let Some(value) = used
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
            .map(|(_, value)| value.as_str())
        else {
            return;
        };
        self.token
            .forget_if(|token| value.strip_prefix("Bearer ") == Some(token.access_token.expose()));
    }
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self
            .token
            .status(|token| format!("cached until {}", token.expires_at));
        f.debug_struct("TokenSource")
            .field("credentials", &self.credentials)
            .field("state", &state)
            .finish()
    }
}

/// Sends the token request and reads the answer, with the client secret cut out of any
/// error (an endpoint may echo what it was sent).
async fn fetch_token<F, Fut>(cc: &ClientCredentials, now: u64, fetch: F) -> Result<Token>
where
    F: FnOnce(HttpRequest) -> Fut,
    Fut: Future<Output = Result<HttpResponse>>,
{
    let answer = fetch(token_request(cc)).await;
    answer
        .and_then(|resp| parse_token(&resp, now))
        .map_err(|err| scrub(err, cc.client_secret.expose()))
}

/// `err` with every occurrence of `secret` replaced.
fn scrub(mut err: Error, secret: &str) -> Error {
    if secret.is_empty() {
        return err;
    }
    let hide = |text: &mut String| {
        if crate::text::contains(text, secret) {
            *text = crate::text::replace(text, secret, "[redacted]", usize::MAX);
        }
    };
    let data = &mut *err;
    hide(&mut data.message);
    for text in data.code.iter_mut().chain(data.request_id.iter_mut()) {
        hide(text);
    }
    for detail in &mut data.details {
        hide(&mut detail.message);
        for text in detail.code.iter_mut().chain(detail.field.iter_mut()) {
            hide(text);
        }
    }
    err
}

/// Sends `req` with the source's headers through `send`, the client's retrying send:
/// on a 401 with a refreshable source, forgets the token, gets headers again and sends
/// once more (never more: a second 401 is returned as it is).
///
/// `send(request, idempotent)` gets token requests with `idempotent = true` (asking for a
/// token changes nothing, so even its 5xx may be retried) and `req` with
/// `req.method.is_idempotent()`. The credential headers go on `req` only; headers of the
/// same names already on it are replaced. A request that carries its own credentials (or
/// needs none, see [`HttpRequest::own_credentials`]) is sent as it is.
pub async fn send_authorized<S, Fut>(
    source: &TokenSource,
    req: &HttpRequest,
    now_unix_secs: u64,
    send: S,
) -> Result<HttpResponse>
where
    S: Fn(HttpRequest, bool) -> Fut,
    Fut: Future<Output = Result<HttpResponse>>,
{
    let idempotent = req.method.is_idempotent();
    if req.own_credentials {
        return send(req.clone(), idempotent).await;
    }
    let fetch = |token_req| send(token_req, true);
    let used = source.headers(now_unix_secs, fetch).await?;
    let resp = send(authorized(req, &used), idempotent).await?;
    if resp.status != 401 || !source.refreshable() {
        return Ok(resp);
    }
    source.invalidate(&used);
    let fresh = source.headers(now_unix_secs, fetch).await?;
    send(authorized(req, &fresh), idempotent).await
}

/// A copy of `req` carrying `headers` in place of any of the same names.
fn authorized(req: &HttpRequest, headers: &[(String, String)]) -> HttpRequest {
    let mut req = req.clone();
    req.headers
        .retain(|(name, _)| !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)));
    req.headers.extend(headers.iter().cloned());
    req
}
