//! The token cache: one fetch at a time, shared by every caller that needs a token then.

use std::cell::RefCell;
use std::fmt;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use super::token::{parse_token, token_request, Token};
use super::{bearer, header, ClientCredentials, Credentials};
use crate::error::{Error, Result};
use crate::request::{HttpRequest, HttpResponse};

/// Credentials the client asks for headers before each attempt, with the OAuth token
/// they fetched, if any. `Debug` shows neither secrets nor the token.
pub struct TokenSource {
    credentials: Credentials,
    state: RefCell<State>,
}

/// Where the token is. Borrows of it never span an `await`.
enum State {
    /// No usable token and nobody fetching one.
    Idle,
    /// The last token fetched (possibly stale: freshness is checked on use).
    Cached(Token),
    /// A caller is fetching; the others wait on these slots.
    Fetching(Vec<Rc<RefCell<Slot>>>),
}

/// Where a waiting caller receives how the fetch it waits for ended.
#[derive(Default)]
struct Slot {
    outcome: Option<Outcome>,
    waker: Option<Waker>,
}

enum Outcome {
    /// The fetch ended: its token or its error, for every waiter alike.
    Done(Result<Token>),
    /// The fetching call was dropped before it ended: try again.
    Abandoned,
}

/// What a caller does next.
enum Step {
    Use(Token),
    Wait(Rc<RefCell<Slot>>),
    Fetch,
}

impl TokenSource {
    /// A source for `credentials`, with nothing fetched yet.
    pub fn new(credentials: Credentials) -> Self {
        TokenSource {
            credentials,
            state: RefCell::new(State::Idle),
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
            Credentials::Bearer(token) => Ok(vec![bearer(token)]),
            Credentials::CloudflareApiKey { email, key } => Ok(vec![
                header("x-auth-email", email.clone()),
                header("x-auth-key", key.expose().to_owned()),
            ]),
            Credentials::ClientCredentials(cc) => {
                let token = self.token(cc, now_unix_secs, fetch).await?;
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
        let mut state = self.state.borrow_mut();
        if let State::Cached(token) = &*state {
            if value.strip_prefix("Bearer ") == Some(token.access_token.expose()) {
                *state = State::Idle;
            }
        }
    }

    async fn token<F, Fut>(&self, cc: &ClientCredentials, now: u64, fetch: F) -> Result<Token>
    where
        F: FnOnce(HttpRequest) -> Fut,
        Fut: Future<Output = Result<HttpResponse>>,
    {
        loop {
            match self.step(now) {
                Step::Use(token) => return Ok(token),
                Step::Fetch => break,
                Step::Wait(slot) => match wait(&slot).await {
                    Outcome::Done(result) => return result,
                    Outcome::Abandoned => {}
                },
            }
        }
        // From here until `land`, dropping this future drops the flight, which frees the
        // waiters instead of leaving them on a fetch nobody will finish.
        let flight = Flight {
            state: &self.state,
            landed: false,
        };
        let result = fetch_token(cc, now, fetch).await;
        flight.land(&result);
        result
    }

    fn step(&self, now: u64) -> Step {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            State::Cached(token) if token.is_fresh(now) => Step::Use(token.clone()),
            State::Fetching(waiters) => {
                let slot = Rc::new(RefCell::new(Slot::default()));
                waiters.push(Rc::clone(&slot));
                Step::Wait(slot)
            }
            _ => {
                *state = State::Fetching(Vec::new());
                Step::Fetch
            }
        }
    }
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state.try_borrow().as_deref() {
            Ok(State::Idle) => "idle".to_owned(),
            Ok(State::Cached(token)) => format!("cached until {}", token.expires_at),
            Ok(State::Fetching(waiters)) => format!("fetching, {} waiting", waiters.len()),
            Err(_) => "busy".to_owned(),
        };
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
        if text.contains(secret) {
            *text = text.replace(secret, "[redacted]");
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

/// Waits until the fetch `slot` belongs to ends.
fn wait(slot: &Rc<RefCell<Slot>>) -> impl Future<Output = Outcome> + '_ {
    poll_fn(move |cx| {
        let mut slot = slot.borrow_mut();
        if let Some(outcome) = slot.outcome.take() {
            return Poll::Ready(outcome);
        }
        if !slot.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            slot.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    })
}

/// The one fetch in progress. Landing hands its outcome to the waiters; dropping it
/// unlanded (its caller was aborted) releases them to start over.
struct Flight<'a> {
    state: &'a RefCell<State>,
    landed: bool,
}

impl Flight<'_> {
    fn land(mut self, result: &Result<Token>) {
        self.landed = true;
        let next = match result {
            Ok(token) => State::Cached(token.clone()),
            Err(_) => State::Idle,
        };
        release(self.state, next, || Outcome::Done(result.clone()));
    }
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        if !self.landed {
            release(self.state, State::Idle, || Outcome::Abandoned);
        }
    }
}

/// Moves the state from fetching to `next` and tells each waiter `outcome`. Wakers run
/// after the state's borrow ends, in case one polls in place.
fn release(state: &RefCell<State>, next: State, outcome: impl Fn() -> Outcome) {
    // A drop during a panic must not panic again on a borrow the panic left behind.
    let Ok(mut current) = state.try_borrow_mut() else {
        return;
    };
    let State::Fetching(waiters) = std::mem::replace(&mut *current, next) else {
        return;
    };
    drop(current);
    for slot in waiters {
        let waker = {
            let mut slot = slot.borrow_mut();
            slot.outcome = Some(outcome());
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// Sends `req` with the source's headers through `send`, the client's retrying send:
/// on a 401 with a refreshable source, forgets the token, gets headers again and sends
/// once more (never more: a second 401 is returned as it is).
///
/// `send(request, idempotent)` gets token requests with `idempotent = true` (asking for a
/// token changes nothing, so even its 5xx may be retried) and `req` with
/// `req.method.is_idempotent()`. The credential headers go on `req` only; headers of the
/// same names already on it are replaced.
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
