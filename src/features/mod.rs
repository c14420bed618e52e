//! The console's sections, each a feature folder that owns its pages.

pub mod bell;
pub mod events;
pub mod forwarders;
mod not_found;
mod section;
pub mod trigger_runs;
pub mod triggers;
pub mod usage;

pub use not_found::NotFound;
pub use section::{EVENTS, EVENT_VIEWER, FORWARDERS, SECTIONS, TRIGGERS, USAGE};
