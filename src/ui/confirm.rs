//! A confirmation before something that cannot be undone, as a modal `<dialog>`: the browser
//! keeps focus inside it, closes it on Escape and gives focus back to what opened it. Cancel has
//! focus first, so Enter alone never confirms.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Confirm(
    /// Open while true; closing it (Cancel, Escape) sets it false.
    open: RwSignal<bool>,
    title: &'static str,
    /// What will happen, in full.
    #[prop(into)]
    message: Signal<String>,
    confirm: &'static str,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        match (open.get(), el.open()) {
            (true, false) => {
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="confirm"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-message"
            on:close=move |_| open.set(false)
        >
            <h2 id="confirm-title">{title}</h2>
            <p id="confirm-message">{message}</p>
            <div class="form-actions">
                <button
                    type="button"
                    class="button button-secondary"
                    autofocus
                    on:click=move |_| open.set(false)
                >
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="button button-danger"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {confirm}
                </button>
            </div>
        </dialog>
    }
}
