//! Light and dark themes: follow the system setting until the user picks one.
//!
//! The choice lives in `localStorage` and on `<html data-theme>`; the CSS resolves
//! colours with `light-dark()`, and `index.html` applies a stored choice before first paint.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::ui::prefs;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn parse(value: &str) -> Option<Theme> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn opposite(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// The stored choice after one press of the toggle. Choosing what the system already
/// shows clears the choice, so the console follows the system again from then on.
pub fn toggled(choice: Option<Theme>, system: Theme) -> Option<Theme> {
    let next = choice.unwrap_or(system).opposite();
    (next != system).then_some(next)
}

const STORAGE_KEY: &str = "ec-theme";
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// The theme shown now, and the user's stored choice if any; owned by the header's toggle.
#[derive(Clone, Copy)]
pub struct ThemeState {
    choice: RwSignal<Option<Theme>>,
    system: RwSignal<Theme>,
}

impl ThemeState {
    /// Reads the stored choice and starts following the system setting.
    pub fn load() -> Self {
        let stored = prefs::load(STORAGE_KEY).and_then(|v| Theme::parse(&v));
        let state = ThemeState { choice: RwSignal::new(stored), system: RwSignal::new(Theme::Light) };
        state.follow_system();
        state
    }

    pub fn shown(&self) -> Theme {
        self.choice.get().unwrap_or(self.system.get())
    }

    pub fn toggle(&self) {
        let next = toggled(self.choice.get_untracked(), self.system.get_untracked());
        self.choice.set(next);
        let root = document().document_element().expect("document has a root element");
        match next {
            Some(theme) => {
                let _ = root.set_attribute("data-theme", theme.as_str());
                prefs::save(STORAGE_KEY, theme.as_str());
            }
            None => {
                let _ = root.remove_attribute("data-theme");
                prefs::forget(STORAGE_KEY);
            }
        }
    }

    fn follow_system(&self) {
        let Ok(Some(query)) = window().match_media(DARK_QUERY) else { return };
        let system = self.system;
        let read = move |dark: bool| system.set(if dark { Theme::Dark } else { Theme::Light });
        read(query.matches());
        let on_change =
            Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| {
                read(e.matches())
            });
        let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        // The listener lives as long as the page: the shell is never unmounted.
        on_change.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_toggle_switches_away_from_the_system_theme() {
        assert_eq!(toggled(None, Theme::Light), Some(Theme::Dark));
        assert_eq!(toggled(None, Theme::Dark), Some(Theme::Light));
    }

    #[test]
    fn toggling_back_to_the_system_theme_follows_the_system_again() {
        assert_eq!(toggled(Some(Theme::Dark), Theme::Light), None);
        assert_eq!(toggled(Some(Theme::Light), Theme::Dark), None);
    }

    #[test]
    fn stored_values_round_trip() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
        }
        assert_eq!(Theme::parse("solarized"), None);
    }
}
