//! Async work that belongs to a screen. A future that outlives its page would read signals the
//! page has disposed, and reading a disposed signal panics; so the work ends with its owner.

use std::future::Future;

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The one request a piece of state (a list, an export) has in flight. Starting another drops
/// the one before it, and so does disposing the reactive owner it was made under (leaving the
/// page). A dropped request's fetch is aborted (`api::transport`), and no code after its
/// `await` runs.
#[derive(Clone, Copy)]
pub struct InFlight {
    current: StoredValue<Option<AbortHandle>>,
}

impl Default for InFlight {
    fn default() -> Self {
        Self::new()
    }
}

impl InFlight {
    /// Made under the owner whose end it ends with.
    pub fn new() -> Self {
        let current = StoredValue::new(None::<AbortHandle>);
        // Cleanups run before the owner's signals are disposed, so `current` is still readable.
        on_cleanup(move || {
            if let Some(handle) = current.try_update_value(Option::take).flatten() {
                handle.abort();
            }
        });
        InFlight { current }
    }

    /// Runs `task` in place of the one in flight, if any.
    pub fn replace(&self, task: impl Future<Output = ()> + 'static) {
        let (handle, registration) = AbortHandle::new_pair();
        self.abort();
        self.current.set_value(Some(handle));
        spawn_local(async move {
            let _ = Abortable::new(task, registration).await;
        });
    }

    /// Drops the task in flight, if any.
    pub fn abort(&self) {
        if let Some(previous) = self.current.try_update_value(Option::take).flatten() {
            previous.abort();
        }
    }
}
