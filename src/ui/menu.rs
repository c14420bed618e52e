//! A menu of actions behind a button (`<details class="menu">`): choosing one closes the menu
//! and returns focus to its button, where the keyboard opened it. Click outside and Escape are
//! handled for every menu by `dismiss_popovers`.

use leptos::html;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct MenuHandle {
    menu: NodeRef<html::Details>,
    summary: NodeRef<html::Summary>,
}

impl MenuHandle {
    /// Wraps a choice so that making it also closes the menu.
    pub fn choose(self, choice: impl Fn() + 'static) -> impl Fn(web_sys::MouseEvent) + 'static {
        move |_| {
            choice();
            if let (Some(menu), Some(summary)) = (self.menu.get_untracked(), self.summary.get_untracked()) {
                menu.set_open(false);
                let _ = summary.focus();
            }
        }
    }
}

#[component]
pub fn Menu<F, V>(label: &'static str, items: F) -> impl IntoView
where
    F: FnOnce(MenuHandle) -> V,
    V: IntoView + 'static,
{
    let handle = MenuHandle { menu: NodeRef::new(), summary: NodeRef::new() };
    view! {
        <details class="menu" node_ref=handle.menu>
            <summary class="button button-secondary" node_ref=handle.summary>
                {label}
            </summary>
            <div class="menu-panel">{items(handle)}</div>
        </details>
    }
}
