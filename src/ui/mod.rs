//! Widgets and helpers shared by every screen.

mod icons;
pub mod prefs;

pub use icons::Icon;

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
