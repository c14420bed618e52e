//! Widgets and helpers shared by every screen.

mod card;
pub mod chart;
mod confirm;
mod copy_button;
pub mod count;
pub mod delivery;
pub mod dialog;
mod edit_page;
mod failure;
pub mod form;
mod icons;
mod long_text;
pub mod menu;
pub mod paged_list;
pub mod pages;
mod popover;
pub mod prefs;
pub mod save_file;
mod skeleton;
pub mod split;
mod stepper;
pub mod task;
mod text_filter;
pub mod time_format;
pub mod title;
mod toast;
mod type_checklist;
pub mod url_state;
pub mod window;
mod windowed_table;

use leptos::prelude::{RwSignal, Set, Signal};

pub use card::Card;
pub use confirm::Confirm;
pub use copy_button::CopyButton;
pub use edit_page::{editing, EditPage};
pub use failure::{FailedRead, Failure, ReadOf, Subject};
pub use icons::Icon;
pub use long_text::LongText;
pub use popover::dismiss_popovers;
pub use skeleton::Skeleton;
pub use stepper::Stepper;
pub use text_filter::TextFilter;
pub use title::Title;
pub use toast::{provide_toasts, use_toasts, ToastRegion, Toasts, Tone};
pub use type_checklist::TypeChecklist;
pub use windowed_table::WindowedTable;

/// A source kind's name in the plural, as filters and settings group by it.
pub fn source_kinds_label(kind: event_center_contract::SourceKind) -> &'static str {
    use event_center_contract::SourceKind;
    match kind {
        SourceKind::Item => "Items",
        SourceKind::AuthMethod => "Auth methods",
        SourceKind::Target => "Targets",
        SourceKind::Gateway => "Gateways",
        SourceKind::User => "Users",
        SourceKind::System => "System",
        SourceKind::Unknown(_) => "Other",
    }
}

/// The browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The browser's clock, read again every 30 s while the calling view lives: relative times
/// ("5 min ago") that age while it stays open.
pub fn ticking_now() -> Signal<chrono::DateTime<chrono::Utc>> {
    let clock = RwSignal::new(now());
    leptos_use_interval_fn::use_interval_fn(move || clock.set(now()), 30_000);
    clock.into()
}

/// The browser tab's title for a page: the page first, so tabs stay tellable apart.
pub fn page_title(page: &str) -> String {
    format!("{page} · Event Center")
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_title_leads_with_the_page() {
        assert_eq!(super::page_title("Usage reports"), "Usage reports · Event Center");
    }
}
