//! A text filter: the user's draft while they type, committed on Enter, on leaving the field
//! or (for a search) after a pause.

use leptos::html;
use leptos::prelude::*;

/// How long typing may pause before a debounced filter commits.
const DEBOUNCE_MS: u64 = 300;

/// A text input whose draft is the user's while they type; it follows the URL when the
/// filter changes elsewhere (a chip removed, Back pressed).
#[component]
pub fn TextFilter(
    label: &'static str,
    placeholder: &'static str,
    value: Signal<String>,
    on_commit: Callback<String>,
    #[prop(optional)] debounce: bool,
    #[prop(optional)] node_ref: Option<NodeRef<html::Input>>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let draft = RwSignal::new(value.get_untracked());
    Effect::new(move |_| {
        let v = value.get();
        if draft.get_untracked() != v {
            draft.set(v);
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // A commit still waiting when the page goes would write into what the page disposed.
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    let commit = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let v = draft.get_untracked().trim().to_string();
        if v != value.get_untracked() {
            on_commit.run(v);
        }
    };
    let on_input = move |ev| {
        draft.set(event_target_value(&ev));
        if debounce {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let handle = set_timeout_with_handle(commit, std::time::Duration::from_millis(DEBOUNCE_MS)).ok();
            pending.set_value(handle);
        }
    };
    let input_ref = node_ref.unwrap_or_default();
    view! {
        <label class=format!("field {class}")>
            <span class="field-label">{label}</span>
            <input
                type="search"
                node_ref=input_ref
                placeholder=placeholder
                prop:value=move || draft.get()
                on:input=on_input
                on:change=move |_| commit()
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        commit()
                    }
                }
            />
        </label>
    }
}
