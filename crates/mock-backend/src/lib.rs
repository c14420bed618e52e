//! The mock backend: the REST contract implemented in memory, with real semantics
//! (filters filter, cursors stay stable while events arrive, capabilities are enforced,
//! errors are problem+json). It has no browser dependency: the console runs it in the page,
//! the test server runs it natively behind HTTP.

mod authentik;
mod automation;
mod catalog;
mod czertainly;
mod deliveries;
mod edits;
mod forwarders;
mod inbox;
mod later_version;
mod levers;
mod persona;
mod rng;
mod router;
mod runs;
mod store;
mod usage;
mod world;

pub use levers::{Dials, Lever};
pub use persona::Persona;
pub use router::{Forced, MockBackend, Request, Response, Scenario, LONG_TEXT, OPERATIONS, STREAM_OPENING};

/// `1 object`, `3 objects`: the backend's messages are read by people.
pub(crate) fn counted(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
