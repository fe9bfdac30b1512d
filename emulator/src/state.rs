//! All mutable emulator state behind one lock.
//!
//! A single `std::sync::Mutex` is simplest and fast enough: every handler
//! does a few in-memory operations and never holds the lock across an await.

use std::sync::{Arc, Mutex, PoisonError};

use crate::ids::IdGen;
use crate::provider::Stores;
use crate::{faults, journal};

#[derive(Debug)]
pub struct Store {
    /// One field per provider in the table (`store.providers.atlan`).
    pub providers: Stores,
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
            providers: Stores::seeded(),
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
            store.providers = Stores::seeded();
            store.faults = faults::Queue::default();
            store.journal = journal::Journal::default();
        });
    }

    /// Every access token any provider's token endpoint issued stops working;
    /// the data, faults and request log stay as they are.
    pub fn revoke_tokens(&self) {
        self.with(|store| store.providers.revoke_tokens());
    }
}
