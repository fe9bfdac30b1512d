//! All mutable emulator state behind one lock.
//!
//! A single `std::sync::Mutex` is simplest and fast enough: every handler
//! does a few in-memory operations and never holds the lock across an await.

use std::sync::{Arc, Mutex, PoisonError};

use crate::ids::IdGen;
use crate::{atlan, clerk, cloudflare, faults, journal};

#[derive(Debug)]
pub struct Store {
    pub cloudflare: cloudflare::Store,
    pub clerk: clerk::Store,
    pub atlan: atlan::Store,
    pub faults: faults::Queue,
    pub journal: journal::Journal,
    pub ids: IdGen,
}

/// Cheap to clone handle shared by every request.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Mutex<Store>>);

impl AppState {
    pub fn seeded() -> Self {
        Self(Arc::new(Mutex::new(Store {
            cloudflare: cloudflare::Store::seeded(),
            clerk: clerk::Store::seeded(),
            atlan: atlan::Store::seeded(),
            faults: faults::Queue::default(),
            journal: journal::Journal::default(),
            ids: IdGen::from_clock(),
        })))
    }

    /// Runs `f` with the store locked. A panic in another request must not
    /// wedge the emulator for the rest of a test run, so poisoning is ignored.
    pub fn with<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let mut store = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut store)
    }

    /// Back to the seeded data with no faults and an empty request log; the id
    /// generator keeps running so ids from before the reset are never reused.
    pub fn reset(&self) {
        self.with(|store| {
            store.cloudflare = cloudflare::Store::seeded();
            store.clerk = clerk::Store::seeded();
            store.atlan = atlan::Store::seeded();
            store.faults = faults::Queue::default();
            store.journal = journal::Journal::default();
        });
    }
}
