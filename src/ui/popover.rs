//! Disclosure popovers (`<details class="picker|menu">`) close as users expect: on a click
//! outside, and on Escape with focus returned to their summary.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

const POPOVERS: &str = "details.picker[open], details.menu[open]";

fn open_popovers() -> Vec<web_sys::Element> {
    let Ok(list) = document().query_selector_all(POPOVERS) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

/// Installs the page-wide listeners; call once, from the shell.
pub fn dismiss_popovers() {
    let on_click = window_event_listener(leptos::ev::click, |ev| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        for popover in open_popovers() {
            if !popover.contains(target.as_ref()) {
                let _ = popover.remove_attribute("open");
            }
        }
    });
    let on_key = window_event_listener(leptos::ev::keydown, |ev| {
        if ev.key() != "Escape" {
            return;
        }
        let active = document().active_element();
        for popover in open_popovers() {
            if active.as_ref().is_some_and(|a| popover.contains(Some(a))) {
                let _ = popover.remove_attribute("open");
                if let Ok(Some(summary)) = popover.query_selector("summary") {
                    let _ = summary.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        }
    });
    on_cleanup(move || {
        on_click.remove();
        on_key.remove();
    });
}
