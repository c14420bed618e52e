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

/// Once the next frame is drawn, moves focus to the element with `id`: for a control drawn anew
/// by what the user just did (an item moved, a banner replaced), so focus does not fall to the page.
pub fn focus_drawn(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(el);
            let _ = el.focus();
        }
    })
}
