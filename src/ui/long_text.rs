//! Text from data that may be of any length (a message, a path): a few lines of it, and a
//! control that shows the rest, so a 10,000-character value neither hides nor floods the page.

use leptos::prelude::*;

/// Longer than this, the text starts clamped to three lines.
const CLAMP_ABOVE: usize = 240;

#[component]
pub fn LongText(
    text: String,
    /// Set in monospace, as paths and identifiers are.
    #[prop(optional)]
    code: bool,
) -> impl IntoView {
    let length = text.chars().count();
    let shown_all = RwSignal::new(length <= CLAMP_ABOVE);
    let class = if code { "long-text long-code" } else { "long-text" };
    view! {
        // Shown whole, a long text scrolls in its box: focusable, so the keyboard scrolls it too.
        <span
            class=class
            class:clamped=move || !shown_all.get()
            tabindex=move || (length > CLAMP_ABOVE && shown_all.get()).then_some("0")
        >
            {text}
        </span>
        {(length > CLAMP_ABOVE)
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="link-button long-text-toggle"
                        aria-expanded=move || shown_all.get().to_string()
                        on:click=move |_| shown_all.update(|all| *all = !*all)
                    >
                        {move || {
                            if shown_all.get() {
                                "Show less".to_string()
                            } else {
                                format!("Show all {length} characters")
                            }
                        }}
                    </button>
                }
            })}
    }
}
