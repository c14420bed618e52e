//! Widgets and helpers shared by every screen.

pub mod dialog;
mod icons;
mod popover;
pub mod prefs;

pub use icons::Icon;
pub use popover::dismiss_popovers;

/// The browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
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
