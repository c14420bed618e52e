//! The console's sections. Each grows into a feature folder that owns its page;
//! until then its route shows the section's introduction.

pub mod bell;
pub mod events;
mod not_found;
mod section;
pub mod trigger_runs;
pub mod usage;

pub use not_found::NotFound;
pub use section::{SectionPage, EVENTS, EVENT_VIEWER, FORWARDERS, SECTIONS, USAGE};
