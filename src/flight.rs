//! One fetch shared by every caller that needs its result at the same moment: an OAuth
//! token, a discovered metadata document. The value is kept until it stops being usable;
//! a failure is handed to every waiter and kept by nobody, so the next call fetches again.

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use crate::error::Result;

/// A value fetched on demand, once however many callers ask while the fetch runs.
pub struct Shared<T> {
    state: RefCell<State<T>>,
}

/// Where the value is. Borrows of it never span an `await`.
enum State<T> {
    /// No value and nobody fetching one.
    Idle,
    /// The last value fetched (possibly stale: usability is checked on use).
    Ready(T),
    /// A caller is fetching; the others wait on these slots.
    Fetching(Vec<Rc<RefCell<Slot<T>>>>),
}

/// Where a waiting caller receives how the fetch it waits for ended.
struct Slot<T> {
    outcome: Option<Outcome<T>>,
    waker: Option<Waker>,
}

enum Outcome<T> {
    /// The fetch ended: its value or its error, for every waiter alike.
    Done(Result<T>),
    /// The fetching call was dropped before it ended: try again.
    Abandoned,
}

/// What a caller does next.
enum Step<T> {
    Use(T),
    Wait(Rc<RefCell<Slot<T>>>),
    Fetch,
}

impl<T: Clone> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            state: RefCell::new(State::Idle),
        }
    }
}

impl<T: Clone> Shared<T> {
    /// The kept value while `usable` says so, else the outcome of `fetch`. Callers that
    /// arrive while a fetch is in flight wait for it and share its value or its error;
    /// `fetch` is only called by the one caller that fetches. If that caller is dropped
    /// midway, the waiters start over and one of them fetches.
    pub async fn get<F, Fut>(&self, usable: impl Fn(&T) -> bool, fetch: F) -> Result<T>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        loop {
            match self.step(&usable) {
                Step::Use(value) => return Ok(value),
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
        let result = fetch().await;
        flight.land(&result);
        result
    }

    /// Forgets the kept value if `stale` says so (a token a 401 refused).
    pub fn forget_if(&self, stale: impl FnOnce(&T) -> bool) {
        let mut state = self.state.borrow_mut();
        if matches!(&*state, State::Ready(value) if stale(value)) {
            *state = State::Idle;
        }
    }

    /// What the state is, for `Debug` (`describe` shows a kept value without its secrets).
    pub fn status(&self, describe: impl FnOnce(&T) -> String) -> String {
        match self.state.try_borrow().as_deref() {
            Ok(State::Idle) => "idle".to_owned(),
            Ok(State::Ready(value)) => describe(value),
            Ok(State::Fetching(waiters)) => format!("fetching, {} waiting", waiters.len()),
            Err(_) => "busy".to_owned(),
        }
    }

    fn step(&self, usable: &impl Fn(&T) -> bool) -> Step<T> {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            State::Ready(value) if usable(value) => Step::Use(value.clone()),
            State::Fetching(waiters) => {
                let slot = Rc::new(RefCell::new(Slot {
                    outcome: None,
                    waker: None,
                }));
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

/// Shows the state, never the value (a token).
impl<T: Clone> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.status(|_| "ready".to_owned()))
    }
}

/// Waits until the fetch `slot` belongs to ends.
fn wait<T>(slot: &Rc<RefCell<Slot<T>>>) -> impl Future<Output = Outcome<T>> + '_ {
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
struct Flight<'a, T> {
    state: &'a RefCell<State<T>>,
    landed: bool,
}

impl<T: Clone> Flight<'_, T> {
    fn land(mut self, result: &Result<T>) {
        self.landed = true;
        let next = match result {
            Ok(value) => State::Ready(value.clone()),
            Err(_) => State::Idle,
        };
        release(self.state, next, &|| Outcome::Done(result.clone()));
    }
}

impl<T> Drop for Flight<'_, T> {
    fn drop(&mut self) {
        if !self.landed {
            release(self.state, State::Idle, &|| Outcome::Abandoned);
        }
    }
}

/// Moves the state from fetching to `next` and tells each waiter `outcome` (a `dyn`, so one
/// copy of this serves both endings). Wakers run after the state's borrow ends, in case one
/// polls in place.
fn release<T>(state: &RefCell<State<T>>, next: State<T>, outcome: &dyn Fn() -> Outcome<T>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::pin::pin;
    use std::task::{Context, Waker};

    /// A fetch that answers `value` on its second poll, counting how often it was started.
    fn fetch(started: &Cell<u32>, value: Result<u32>) -> impl Future<Output = Result<u32>> + '_ {
        started.set(started.get() + 1);
        let mut answer = Some(value);
        let mut polled = false;
        poll_fn(move |_| {
            if !polled {
                polled = true;
                return Poll::Pending;
            }
            answer.take().map_or(Poll::Pending, Poll::Ready)
        })
    }

    #[test]
    fn concurrent_first_callers_share_one_fetch_and_keep_its_value() {
        let shared = Shared::default();
        let started = Cell::new(0);
        let mut cx = Context::from_waker(Waker::noop());
        let mut first = pin!(shared.get(|_| true, || fetch(&started, Ok(7))));
        let mut second = pin!(shared.get(|_| true, || fetch(&started, Ok(8))));
        assert!(first.as_mut().poll(&mut cx).is_pending());
        assert!(
            second.as_mut().poll(&mut cx).is_pending(),
            "waits for the first"
        );
        assert_eq!(first.as_mut().poll(&mut cx), Poll::Ready(Ok(7)));
        assert_eq!(second.as_mut().poll(&mut cx), Poll::Ready(Ok(7)));
        assert_eq!(started.get(), 1);
        let third = pin!(shared.get(|_| true, || fetch(&started, Ok(9))));
        assert_eq!(third.poll(&mut cx), Poll::Ready(Ok(7)), "kept while usable");
        shared.forget_if(|v| *v == 7);
        let mut fourth = pin!(shared.get(|_| true, || fetch(&started, Ok(9))));
        assert!(fourth.as_mut().poll(&mut cx).is_pending());
        assert_eq!(fourth.as_mut().poll(&mut cx), Poll::Ready(Ok(9)));
    }

    #[test]
    fn a_failure_reaches_every_waiter_and_is_not_kept() {
        let shared = Shared::default();
        let started = Cell::new(0);
        let mut cx = Context::from_waker(Waker::noop());
        let failed = || {
            Err(crate::error::Error::new(
                crate::error::ErrorKind::Server,
                "down",
            ))
        };
        let mut first = pin!(shared.get(|_| true, || fetch(&started, failed())));
        let mut second = pin!(shared.get(|_| true, || fetch(&started, Ok(1))));
        assert!(first.as_mut().poll(&mut cx).is_pending());
        assert!(second.as_mut().poll(&mut cx).is_pending());
        assert!(matches!(first.as_mut().poll(&mut cx), Poll::Ready(Err(_))));
        assert!(matches!(second.as_mut().poll(&mut cx), Poll::Ready(Err(_))));
        let mut again = pin!(shared.get(|_| true, || fetch(&started, Ok(2))));
        assert!(
            again.as_mut().poll(&mut cx).is_pending(),
            "the next call fetches again"
        );
        assert_eq!(again.as_mut().poll(&mut cx), Poll::Ready(Ok(2)));
        assert_eq!(started.get(), 2);
    }
}
