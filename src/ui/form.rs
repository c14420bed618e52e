//! One way to write: a form's save as a Leptos `Action`. A save is sent once at a time (a second
//! click while one is on its way does nothing), its answer stays until the next, a 422 puts each
//! field's message on that field, and what the user entered is never touched: a refused save
//! keeps it for the next try. `SaveStatus` says how the last save went.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::sign_in::again_once_signed_in;

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
            Ok(_) => view! {
                <p class="banner" role="status">
                    {saved}
                </p>
            }
            .into_any(),
            Err(ApiError::Conflict(_)) => view! {
                <div class="banner banner-error" role="alert">
                    <strong>"Someone changed this while you were editing it."</strong>
                    " Nothing was saved, and your changes are still here. "
                    {reload
                        .map(|reload| {
                            view! {
                                <button type="button" class="link-button" on:click=move |_| reload.run(())>
                                    "Load their version"
                                </button>
                            }
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
            Err(ApiError::Unauthorized(_)) if again_once_signed_in(retry) => view! {
                <div class="banner banner-error" role="alert">
                    "Not saved: your session has ended. Your changes are still here, and are saved once you sign in again."
                </div>
            }
            .into_any(),
            Err(error) => view! {
                <div class="banner banner-error" role="alert">
                    {format!("Not saved. {error} Your choices are still here. ")}
                    <button type="button" class="link-button" on:click=move |_| retry.run(())>
                        "Retry"
                    </button>
                </div>
            }
            .into_any(),
        })
    }
}

/// After a 409: what someone else changed since the edit began, and their version.
#[derive(Clone, Debug, PartialEq)]
pub struct TheirChange {
    /// As the form names its parts ("the name"); empty when they changed nothing it shows.
    pub changed: Vec<&'static str>,
    pub version: u32,
}

/// The names of the parts that differ, from `(name, differs)` pairs in the form's order: what a
/// [`TheirChange`] lists.
pub fn differing<const N: usize>(parts: [(&'static str, bool); N]) -> Vec<&'static str> {
    parts.into_iter().filter_map(|(name, differs)| differs.then_some(name)).collect()
}

/// Says what someone else changed meanwhile and offers to save the user's version over theirs
/// (the banner of [`SaveStatus`] offers theirs).
#[component]
pub fn TheirChangeNote(
    theirs: RwSignal<Option<TheirChange>>,
    /// Saves again over their version.
    keep_mine: Callback<u32>,
) -> impl IntoView {
    move || {
        theirs.get().map(|TheirChange { changed, version }| {
            let said = if changed.is_empty() {
                "Their change is to parts this form does not show. ".to_string()
            } else {
                format!("They changed: {}. ", changed.join(", "))
            };
            view! {
                <p class="banner" role="status">
                    {said}
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            theirs.set(None);
                            keep_mine.run(version);
                        }
                    >
                        "Save mine over theirs"
                    </button>
                </p>
            }
        })
    }
}

/// Keeps a form's `draft` on every change, as JSON (`keep(Some(text))`), while `keeping()`; a
/// draft back as it was loaded (`fresh`) is forgotten (`keep(None)`), so that coming back to a
/// form left unchanged says nothing was restored.
pub fn keep_draft<D>(
    draft: RwSignal<D>,
    fresh: StoredValue<D>,
    keeping: impl Fn() -> bool + 'static,
    keep: impl Fn(Option<String>) + 'static,
) where
    D: serde::Serialize + PartialEq + Send + Sync + 'static,
{
    Effect::new(move |_| {
        let changed = draft.with(|d| fresh.with_value(|fresh| d != fresh));
        if keeping() {
            keep(changed.then(|| draft.with(|d| serde_json::to_string(d).unwrap_or_default())));
        }
    });
}

/// The draft kept as `text` (as [`keep_draft`] wrote it), if it reads and differs from the form
/// as it opens (`fresh`): only a change is said to be restored.
pub fn restored_draft<D: serde::de::DeserializeOwned + PartialEq>(
    text: Option<String>,
    fresh: &D,
) -> Option<D> {
    text.and_then(|text| serde_json::from_str::<D>(&text).ok()).filter(|kept| kept != fresh)
}

/// Says that a draft kept for the tab was put back, with a way to drop it.
#[component]
pub fn DraftRestored(
    #[prop(into)] shown: Signal<bool>,
    message: &'static str,
    discard_label: &'static str,
    discard: Callback<()>,
) -> impl IntoView {
    move || {
        shown.get().then(|| {
            view! {
                <div class="banner" role="status">
                    {message}
                    <button type="button" class="link-button" on:click=move |_| discard.run(())>
                        {discard_label}
                    </button>
                </div>
            }
        })
    }
}

/// The first problem on `field` or on one of its entries (`config.to[1]` is on `config.to`), from
/// problems listed by the contract's field names.
pub fn first_problem(problems: &[(String, String)], field: &str) -> Option<String> {
    problems
        .iter()
        .find(|(f, _)| f == field || f.strip_prefix(field).is_some_and(|rest| rest.starts_with('[')))
        .map(|(_, m)| m.clone())
}

/// A problem as a sentence: the backend words its messages to follow the field's name
/// ("is already taken by …"); a form's own are sentences already.
/// Without a label, the message itself is made a sentence.
pub fn sentence(label: &str, message: String) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() && label.is_empty() => {
            format!("{}{}.", first.to_uppercase(), chars.as_str().trim_end_matches('.'))
        }
        Some(first) if first.is_lowercase() => format!("{label} {}.", message.trim_end_matches('.')),
        _ => message,
    }
}

/// A field's error slot: its problem as a sentence, drawn only while there is one. `id` is what
/// the field's `aria-describedby` names.
#[component]
pub fn FieldError(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] label: &'static str,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="field-error" id=id.clone()>
                    {sentence(label, m)}
                </p>
            }
        })
    }
}

/// A labelled text input (or text area) with its error slot, the field's problem, which the
/// input names (`aria-describedby`) and marks (`aria-invalid`) while there is one.
#[component]
pub fn TextField(
    id: String,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] problem: Signal<Option<String>>,
    /// How a problem's sentence names the field ("The name"); the label when not given.
    #[prop(optional)]
    named: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] max_length: Option<u32>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || problem.get().map(|_| error_id.clone())
    };
    let invalid = move || problem.get().is_some().to_string();
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=invalid
                aria-describedby=described
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind
                autocomplete="off"
                maxlength=max_length
                aria-invalid=invalid
                aria-describedby=described
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label class="field-label" for=id>
                {label}
            </label>
            {(!hint.is_empty()).then(|| view! { <span class="muted small">{hint}</span> })}
            {input}
            <FieldError message=problem id=error_id label=if named.is_empty() { label } else { named } />
        </div>
    }
}

/// Moves focus to the first field that says what to fix, once it is drawn.
pub fn focus_first_error() {
    request_animation_frame(|| {
        let first = document().query_selector("[aria-invalid='true']").ok().flatten();
        if let Some(el) = first.and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = el.focus();
        }
    });
}
