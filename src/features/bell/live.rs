//! The session's live connection ([`crate::live`]), run by the bell: the event stream while it
//! is open, polling while it is not, and neither while the tab is hidden (on return it catches
//! up at once).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_use_document_visibility::use_document_visibility;
use leptos_use_interval_fn::use_interval_fn;
use web_sys::VisibilityState;

use event_center_contract::NotificationArrived;

use crate::api::{sleep_ms, Client, Streamed};
use crate::live::{use_live, Mode};

/// Between polls while the stream is unavailable.
pub const POLL: Duration = Duration::from_secs(5);
/// Before trying the stream again after it failed.
const STREAM_RETRY_MS: u32 = 30_000;
/// Before reopening a stream the server ended.
const STREAM_REOPEN_MS: u32 = 1_000;

/// Starts listening, for the session: each event the stream brings is counted in
/// [`crate::live::Live`], and each notification it brings is handed to `notified`. `changed`
/// runs whenever something new may be there that the stream did not bring (a poll, a return to
/// the tab), and on every poll while `retrying` (the last look failed). Stops when the owner is
/// cleaned up, leaving the others to poll.
pub fn listen(
    client: Client,
    notified: Callback<NotificationArrived>,
    changed: Callback<()>,
    retrying: Signal<bool>,
) -> ReadSignal<Mode> {
    let live = use_live();
    let mode = live.mode;
    // Each connection belongs to a generation; a new one (hiding, showing) retires the old.
    let generation = StoredValue::new(0u32);
    let abort = StoredValue::new_local(None::<web_sys::AbortController>);
    let last_event_id = StoredValue::new(None::<String>);
    let current = move |mine: u32| generation.try_get_value() == Some(mine);
    let stop = move || {
        generation.update_value(|g| *g = g.wrapping_add(1));
        abort.update_value(|a| {
            if let Some(old) = a.take() {
                old.abort();
            }
        });
    };
    let client = StoredValue::new_local(client);

    let connect = move || {
        stop();
        let mine = generation.get_value();
        let client = client.get_value();
        spawn_local(async move {
            while current(mine) {
                let Ok(controller) = web_sys::AbortController::new() else { return };
                let signal = controller.signal();
                abort.set_value(Some(controller));
                mode.set(Mode::Stream);
                let resume = last_event_id.get_value();
                let result = client
                    .stream_events(resume, &signal, |message| match message {
                        Streamed::Event(id) => {
                            last_event_id.set_value(Some(id));
                            live.arrivals.update(|n| *n += 1);
                        }
                        Streamed::Notification(arrived) => notified.run(arrived),
                    })
                    .await;
                if !current(mine) {
                    return;
                }
                let wait = match result {
                    Ok(()) => STREAM_REOPEN_MS,
                    Err(_) => {
                        mode.set(Mode::Polling);
                        STREAM_RETRY_MS
                    }
                };
                sleep_ms(wait).await;
            }
        });
    };
    connect();

    let visibility = use_document_visibility();
    let hidden = move || visibility.get_untracked() == VisibilityState::Hidden;
    use_interval_fn(
        move || {
            if (mode.get_untracked() == Mode::Polling || retrying.get_untracked()) && !hidden() {
                changed.run(());
            }
        },
        POLL.as_millis() as u64,
    );
    Effect::new(move |was_hidden: Option<bool>| {
        let is_hidden = visibility.get() == VisibilityState::Hidden;
        match (was_hidden, is_hidden) {
            (Some(false), true) => {
                stop();
                mode.set(Mode::Paused);
            }
            (Some(true), false) => {
                changed.run(());
                connect();
            }
            _ => {}
        }
        is_hidden
    });
    on_cleanup(move || {
        stop();
        mode.try_set(Mode::Polling);
    });
    mode.read_only()
}
