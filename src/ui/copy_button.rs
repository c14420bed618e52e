//! A button that copies a text to the clipboard and says whether it did: a browser may refuse
//! (no permission, a page without focus), and then the user is told to copy by hand.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::Icon;

#[derive(Clone, Copy, PartialEq)]
enum Copy {
    NotYet,
    Done,
    Refused,
}

#[component]
pub fn CopyButton(
    /// What is copied.
    text: String,
    /// The button's words until it has copied: "Copy JSON".
    label: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(Copy::NotYet);
    let text = StoredValue::new(text);
    let copy = move |_| {
        let written = window().navigator().clipboard().write_text(&text.get_value());
        leptos::task::spawn_local(async move {
            let done = JsFuture::from(written).await.is_ok();
            let _ = state.try_set(if done { Copy::Done } else { Copy::Refused });
        });
    };
    view! {
        <button type="button" class="button button-small" on:click=copy>
            {Icon::Copy.view()}
            {move || match state.get() {
                Copy::NotYet => label,
                Copy::Done => "Copied",
                Copy::Refused => "Not copied: select it and copy",
            }}
        </button>
    }
}
