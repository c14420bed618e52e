//! Toasts: short messages in a corner that a screen reader announces politely, with an
//! optional link or action (Undo, Retry). One region for the whole console.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone)]
pub struct Toast {
    pub id: u32,
    pub message: String,
    pub tone: Tone,
    /// Where "Open" leads, inside the console.
    pub link: Option<(String, &'static str)>,
    pub action: Option<(&'static str, Callback<()>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Critical,
    Error,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Info => "toast",
            Tone::Critical => "toast toast-critical",
            Tone::Error => "toast toast-error",
        }
    }
}

/// The console's toasts; shared through context.
#[derive(Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Vec<Toast>, LocalStorage>,
    next_id: StoredValue<u32>,
}

impl Toasts {
    /// Shows a toast for `for_how_long`; returns its id, to dismiss it earlier.
    pub fn show(
        &self,
        message: String,
        tone: Tone,
        link: Option<(String, &'static str)>,
        action: Option<(&'static str, Callback<()>)>,
        for_how_long: Duration,
    ) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.shown.update(|t| t.push(Toast { id, message, tone, link, action }));
        let this = *self;
        set_timeout(move || this.dismiss(id), for_how_long);
        id
    }

    pub fn dismiss(&self, id: u32) {
        self.shown.update(|t| t.retain(|toast| toast.id != id));
    }
}

pub fn provide_toasts() -> Toasts {
    let toasts = Toasts { shown: RwSignal::new_local(Vec::new()), next_id: StoredValue::new(0) };
    provide_context(toasts);
    toasts
}

pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().expect("the shell provides toasts")
}

/// The region toasts appear in; always in the page, so announcements are not missed.
#[component]
pub fn ToastRegion(toasts: Toasts) -> impl IntoView {
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.shown.get() key=|t| t.id let:toast>
                <div class=toast.tone.class()>
                    <span>{toast.message.clone()}</span>
                    {toast
                        .link
                        .clone()
                        .map(|(href, label)| {
                            view! {
                                <a href=href on:click=move |_| toasts.dismiss(toast.id)>
                                    {label}
                                </a>
                            }
                        })}
                    {toast
                        .action
                        .map(|(label, run)| {
                            view! {
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| {
                                        toasts.dismiss(toast.id);
                                        run.run(())
                                    }
                                >
                                    {label}
                                </button>
                            }
                        })}
                    <button
                        type="button"
                        class="toast-close"
                        aria-label="Dismiss"
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
