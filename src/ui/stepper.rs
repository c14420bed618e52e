//! A wizard's steps: where the user is, the steps done (each a way back to it) and the steps to
//! come, which open only through the wizard's own Next.

use std::cmp::Ordering;

use leptos::prelude::*;

#[component]
pub fn Stepper(
    /// The steps' names, in order.
    steps: &'static [&'static str],
    /// The step shown, from 0.
    #[prop(into)]
    current: Signal<usize>,
    /// Goes back to a step done.
    back_to: Callback<usize>,
) -> impl IntoView {
    view! {
        <nav aria-label="Wizard steps">
            <ol class="stepper">
                {steps
                    .iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let state = move || match i.cmp(&current.get()) {
                            Ordering::Less => "done",
                            Ordering::Equal => "current",
                            Ordering::Greater => "todo",
                        };
                        let name = format!("{}. {label}", i + 1);
                        view! {
                            <li
                                class=move || format!("step step-{}", state())
                                aria-current=move || (state() == "current").then_some("step")
                            >
                                {move || {
                                    if i < current.get() {
                                        view! {
                                            <button
                                                type="button"
                                                class="link-button"
                                                on:click=move |_| back_to.run(i)
                                            >
                                                {name.clone()}
                                            </button>
                                        }
                                            .into_any()
                                    } else {
                                        view! { <span>{name.clone()}</span> }.into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
