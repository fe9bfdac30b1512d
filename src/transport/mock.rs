//! A scripted transport for native tests: answers in order and records what was asked.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use super::Transport;
use crate::error::Result;
use crate::request::{HttpRequest, HttpResponse};

/// Answers each request with the next scripted result.
#[derive(Debug, Default)]
pub struct MockTransport {
    script: RefCell<VecDeque<Result<HttpResponse>>>,
    /// Every request sent, in order.
    pub sent: RefCell<Vec<HttpRequest>>,
    /// Every wait asked for, in order.
    pub slept: RefCell<Vec<Duration>>,
}

impl MockTransport {
    /// Queues a response with `status`, headers and body text.
    pub fn respond(self, status: u16, headers: &[(&str, &str)], body: &str) -> Self {
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        self.script.borrow_mut().push_back(Ok(HttpResponse {
            status,
            headers,
            body: body.to_owned(),
        }));
        self
    }

    /// Queues a failure to get any response.
    pub fn fail(self, err: crate::error::Error) -> Self {
        self.script.borrow_mut().push_back(Err(err));
        self
    }
}

impl Transport for MockTransport {
    type Options = ();

    async fn send(&self, req: &HttpRequest, _: &()) -> Result<HttpResponse> {
        self.sent.borrow_mut().push(req.clone());
        self.script
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| panic!("no scripted response for {req:?}"))
    }

    async fn sleep(&self, wait: Duration, _: &()) -> Result<()> {
        self.slept.borrow_mut().push(wait);
        Ok(())
    }

    fn now_unix_secs(&self) -> u64 {
        1_700_000_000
    }

    fn jitter(&self) -> f64 {
        0.0
    }
}

/// Runs a future that never waits on anything outside itself (the mock never pends).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
