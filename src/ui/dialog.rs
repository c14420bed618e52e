//! What every dialog and panel does: take focus when it opens, close on Escape.

use leptos::prelude::*;

/// Moves focus to `target` (the dialog's first control) once it is on screen.
pub fn focus_on_open(target: impl Fn() -> Option<web_sys::HtmlElement> + 'static) {
    Effect::new(move |_| {
        if let Some(element) = target() {
            let _ = element.focus();
        }
    });
}

/// A keydown handler that runs `close` on Escape.
pub fn escape_closes(close: Callback<()>) -> impl Fn(web_sys::KeyboardEvent) + Clone + 'static {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close.run(());
        }
    }
}
