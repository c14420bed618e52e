//! Per-user preferences kept in this browser (`localStorage`): theme, time zone, columns; and,
//! in [`tab`], what lasts only as long as the tab (`sessionStorage`). Storage can be unavailable
//! (private modes, quotas); then what is kept lasts for the page.

use leptos::prelude::window;

fn storage(tab: bool) -> Option<web_sys::Storage> {
    let window = window();
    if tab { window.session_storage() } else { window.local_storage() }.ok().flatten()
}

fn load_from(tab: bool, key: &str) -> Option<String> {
    storage(tab).and_then(|s| s.get_item(key).ok().flatten())
}

fn save_to(tab: bool, key: &str, value: &str) {
    if let Some(s) = storage(tab) {
        let _ = s.set_item(key, value);
    }
}

fn forget_in(tab: bool, key: &str) {
    if let Some(s) = storage(tab) {
        let _ = s.remove_item(key);
    }
}

pub fn load(key: &str) -> Option<String> {
    load_from(false, key)
}

pub fn save(key: &str, value: &str) {
    save_to(false, key, value)
}

pub fn forget(key: &str) {
    forget_in(false, key)
}

/// Kept for this tab only: a form's draft that should survive a reload but not the tab.
pub mod tab {
    pub fn load(key: &str) -> Option<String> {
        super::load_from(true, key)
    }

    pub fn save(key: &str, value: &str) {
        super::save_to(true, key, value)
    }

    pub fn forget(key: &str) {
        super::forget_in(true, key)
    }

    /// Forgets everything kept for the tab except the keys that start with `prefix`.
    pub fn forget_all_but(prefix: &str) {
        let Some(storage) = super::storage(true) else { return };
        let keys: Vec<String> =
            (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten()).collect();
        for key in keys.iter().filter(|k| !k.starts_with(prefix)) {
            let _ = storage.remove_item(key);
        }
    }
}
