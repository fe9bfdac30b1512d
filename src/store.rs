//! Where registrations are kept (RFC 7592): each registered client's configuration URL and
//! the token for it, which a server may replace on every use. The client writes every
//! registration a response carries before the call returns, so a rotated token is never lost.
//!
//! The store is the caller's (a file, a vault; in JS an object with `get`, `set`, `delete`
//! and optionally `keys`); [`MemoryStore`] is the default and lives as long as the client.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Registration;

/// A store's pending answer.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + 'a>>;

/// Keeps registrations by client id. Methods may complete later (a JS store returning
/// promises); a failure is a [`ErrorKind::Store`] error.
pub trait RegistrationStore {
    /// The registration kept for `client_id`, if any.
    fn get<'a>(&'a self, client_id: &'a str) -> StoreFuture<'a, Option<Registration>>;
    /// Keeps `registration` under its client id, replacing what was there.
    fn set<'a>(&'a self, registration: &'a Registration) -> StoreFuture<'a, ()>;
    /// Forgets `client_id`'s registration.
    fn delete<'a>(&'a self, client_id: &'a str) -> StoreFuture<'a, ()>;
    /// Every client id kept, or `None` for a store that cannot enumerate them.
    fn keys(&self) -> StoreFuture<'_, Option<Vec<String>>>;
}

/// A store shows as no more than that (it holds registration tokens), and a `Debug`
/// supertrait would keep every store's `Debug` in the module through the vtable.
impl std::fmt::Debug for dyn RegistrationStore + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RegistrationStore")
    }
}

/// The default store: registrations in memory, in the order they were made, gone with the
/// client that holds them. A list rather than a map: a script manages a handful of clients,
/// and a map's code would weigh on every build of the module.
#[derive(Debug, Default)]
pub struct MemoryStore(RefCell<Vec<Registration>>);

impl RegistrationStore for MemoryStore {
    fn get<'a>(&'a self, client_id: &'a str) -> StoreFuture<'a, Option<Registration>> {
        let found = self
            .0
            .borrow()
            .iter()
            .find(|r| r.client_id == client_id)
            .cloned();
        Box::pin(std::future::ready(Ok(found)))
    }

    fn set<'a>(&'a self, registration: &'a Registration) -> StoreFuture<'a, ()> {
        let mut kept = self.0.borrow_mut();
        match kept
            .iter_mut()
            .find(|r| r.client_id == registration.client_id)
        {
            Some(slot) => *slot = registration.clone(),
            None => kept.push(registration.clone()),
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn delete<'a>(&'a self, client_id: &'a str) -> StoreFuture<'a, ()> {
        self.0.borrow_mut().retain(|r| r.client_id != client_id);
        Box::pin(std::future::ready(Ok(())))
    }

    fn keys(&self) -> StoreFuture<'_, Option<Vec<String>>> {
        let keys = self
            .0
            .borrow()
            .iter()
            .map(|r| r.client_id.clone())
            .collect();
        Box::pin(std::future::ready(Ok(Some(keys))))
    }
}

/// The error for a store whose `method` failed (threw, or its promise rejected) with `reason`.
pub fn failed(method: &str, reason: &str) -> Error {
    let reason = if reason.is_empty() {
        "no reason given"
    } else {
        reason
    };
    Error::new(
        ErrorKind::Store,
        format!("the registration store's `{method}` failed ({reason})"),
    )
}

/// The error for a store that failed (`cause`) to save `registration`, which the server
/// has already issued: it carries the registration, and its message says the server's
/// state changed without ever quoting the token.
pub fn unsaved(cause: &Error, registration: &Registration) -> Error {
    let token = registration.registration_access_token.expose();
    let mut cause = cause.message.clone();
    if !token.is_empty() {
        cause = crate::text::replace(&cause, token, "[redacted]", usize::MAX);
    }
    let mut err = Error::new(
        ErrorKind::Store,
        format!(
            "the server's state changed, but {cause} while saving the registration of client              `{}`: the new registration is on this error's `registration` property; save it              elsewhere, the server may accept no other token",
            registration.client_id
        ),
    );
    err.registration = Some(registration.clone());
    err
}

/// The error for a store that failed (`cause`) to forget a client the server deleted.
pub fn unforgotten(cause: &Error, client_id: &str) -> Error {
    Error::new(
        ErrorKind::Store,
        format!(
            "client `{client_id}` was deleted on the server, but {} while forgetting its              registration",
            cause.message
        ),
    )
}
