//! How the console hears of new events: one connection for the session. The bell's code, once
//! loaded, holds the event stream open (or polls while it cannot) and reports here; the event
//! table's live mode follows it, and asks on its own only while no stream is up.

use leptos::prelude::*;

/// How new events are heard of now; shown on the bell for tests and the curious.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Stream,
    /// No stream: each part that needs to know looks every few seconds.
    Polling,
    /// The tab is hidden: nobody looks until it shows again.
    Paused,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Stream => "stream",
            Mode::Polling => "polling",
            Mode::Paused => "paused",
        }
    }
}

#[derive(Clone, Copy)]
pub struct Live {
    /// Polling until a stream is open.
    pub mode: RwSignal<Mode>,
    /// Counts the events the stream brought.
    pub arrivals: RwSignal<u64>,
}

impl Live {
    pub fn new() -> Live {
        Live { mode: RwSignal::new(Mode::Polling), arrivals: RwSignal::new(0) }
    }
}

pub fn use_live() -> Live {
    crate::session::use_session().live
}
