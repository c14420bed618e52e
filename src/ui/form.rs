//! One way to write: a form's save as a Leptos `Action`. A save is sent once at a time (a second
//! click while one is on its way does nothing), its answer stays until the next, a 422 puts each
//! field's message on that field, and what the user entered is never touched: a refused save
//! keeps it for the next try. `SaveStatus` says how the last save went.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

pub struct Save<I: 'static, O: 'static> {
    action: Action<I, Result<O, ApiError>>,
}

impl<I, O> Clone for Save<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Save<I, O> {}

impl<I: 'static, O: Clone + 'static> Save<I, O> {
    /// `send` writes one input; the form keeps its own values whatever it answers.
    pub fn new<F, Fut>(send: F) -> Self
    where
        F: Fn(&I) -> Fut + 'static,
        Fut: Future<Output = Result<O, ApiError>> + 'static,
    {
        Save { action: Action::new_local(send) }
    }

    /// Sends `input`, unless a save is already on its way.
    pub fn submit(&self, input: I) {
        if !self.action.pending().get_untracked() {
            self.action.dispatch_local(input);
        }
    }

    pub fn pending(&self) -> bool {
        self.action.pending().get()
    }

    /// The last save's answer, until the next one arrives.
    pub fn answer(&self) -> Option<Result<O, ApiError>> {
        self.action.value().get()
    }

    /// The backend's message for `field` after it refused the last save (a 422).
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.action.value().with(|answer| match answer {
            Some(Err(error)) => {
                error.field_errors().iter().find(|e| e.field == field).map(|e| e.message.clone())
            }
            _ => None,
        })
    }

    /// Forgets the last answer (the user discarded their changes).
    pub fn clear(&self) {
        self.action.clear();
    }
}

/// How the last save went: saved, refused with the fields to change, changed meanwhile by
/// someone else (with a way to load their version), or failed with Retry.
#[component]
pub fn SaveStatus<I: 'static, O: Clone + Send + Sync + 'static>(
    save: Save<I, O>,
    /// Said when the save went through.
    saved: &'static str,
    /// Sends the same save again.
    retry: Callback<()>,
    /// Replaces the form's values with the backend's current ones, after a 409.
    #[prop(optional)]
    reload: Option<Callback<()>>,
) -> impl IntoView {
    move || {
        save.answer().map(|answer| match answer {
            Ok(_) => view! { <p class="banner" role="status">{saved}</p> }.into_any(),
            Err(ApiError::Conflict(_)) => view! {
                <div class="banner banner-error" role="alert">
                    <strong>"Someone changed this while you were editing it."</strong>
                    " Nothing was saved, and your changes are still here. "
                    {reload.map(|reload| view! {
                        <button type="button" class="link-button" on:click=move |_| reload.run(())>"Load their version"</button>
                    })}
                </div>
            }
            .into_any(),
            Err(error @ ApiError::Invalid(_)) => view! {
                <div class="banner banner-error" role="alert">
                    {format!("Not saved: {} Each field that needs a change says why.", error)}
                </div>
            }
            .into_any(),
            Err(error) => view! {
                <div class="banner banner-error" role="alert">
                    {format!("Not saved. {error} Your choices are still here. ")}
                    <button type="button" class="link-button" on:click=move |_| retry.run(())>"Retry"</button>
                </div>
            }
            .into_any(),
        })
    }
}
