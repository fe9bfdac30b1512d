//! The only IO: sending a request, waiting, and reading the clock.
//!
//! `fetch.rs` is the real transport (the global `fetch`, on wasm32); `mock.rs` answers
//! from a script for native tests of the client's retry and paging loops.

use std::time::Duration;

use crate::error::Result;
use crate::request::{HttpRequest, HttpResponse};

#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(test)]
pub mod mock;

/// Sends requests. Futures are not `Send`: in JS everything runs on one thread.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Per-call settings such as an abort signal and a deadline.
    type Options;

    /// Sends `req`. A response with any status is `Ok`; `Err` means no response
    /// (`ConnectionError`, `TimeoutError`, `AbortError`).
    async fn send(&self, req: &HttpRequest, options: &Self::Options) -> Result<HttpResponse>;
    /// Waits `wait`, ending early with an error if the call is aborted or times out.
    async fn sleep(&self, wait: Duration, options: &Self::Options) -> Result<()>;
    /// The current time in Unix seconds (for `Retry-After` dates).
    fn now_unix_secs(&self) -> u64;
    /// A number in `0.0..1.0` to spread retries.
    fn jitter(&self) -> f64;
}
