//! The forwarder wizard: six steps, each checked before the next, a draft kept in this browser
//! across reloads (credentials never), then create or save. Editing reuses it on a stored
//! forwarder. A refusal from the backend takes the user to the step and field concerned.

use event_center_contract::{
    capability, CreatedForwarder, EventType, Forwarder, ForwarderSpec, Gateway, PreviewRequest,
};
use futures::future::try_join3;
use leptos::html;
use leptos::prelude::*;

use super::draft::{step_of, Draft, Prefill, STEPS};
use super::list::no_gateway_sentence;
use super::steps::{Delivery, Destination, Events, Review, Scope, TypeAndName};
use super::{usable, FORWARDER, GATEWAYS};
use crate::api::{ApiError, Client};
use crate::features::events::EVENT_TYPES;
use crate::features::FORWARDERS;
use crate::session::{use_client, use_me};
use crate::ui::form::{
    focus_first_error, keep_draft, restored_draft, DraftRestored, Save, SaveStatus, TheirChange,
    TheirChangeNote,
};
use crate::ui::{editing, prefs, EditPage, ReadOf, Stepper};

/// What the wizard needs before its first step.
#[derive(Clone)]
struct Loaded {
    types: Vec<EventType>,
    gateways: Vec<Gateway>,
    /// The forwarder being edited.
    editing: Option<Forwarder>,
}

#[component]
pub fn WizardPage(
    /// The forwarder edited; `None` sets up a new one.
    id: Option<String>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let loaded = LocalResource::new(move || {
        let client = use_client();
        async move {
            // Asked at once: on a real backend each read is a round trip.
            let (editing, types, gateways) = try_join3(
                editing(id.get_value(), async |id: String| client.forwarder(&id).await, &FORWARDER),
                async { client.event_types().await.of(&EVENT_TYPES) },
                async { client.gateways().await.of(&GATEWAYS) },
            )
            .await?;
            Ok(Loaded { types, gateways, editing })
        }
    });
    let me = use_me();
    let can_write = move || me.get().is_some_and(|m| m.can(capability::FORWARDERS_WRITE));
    let title = if id.get_value().is_some() { "Edit forwarder" } else { "New forwarder" };
    let form = move |ready: Loaded, reload| {
        if !can_write() {
            view! {
                <p class="banner">
                    "Your role can see forwarders but not set them up (it lacks forwarders:write)."
                </p>
            }
            .into_any()
        } else if !ready.gateways.iter().any(usable) {
            view! {
                <div class="state state-empty" role="alert">
                    <p>
                        <strong>"You cannot set up a forwarder yet."</strong>
                    </p>
                    <p>{no_gateway_sentence(&ready.gateways)}</p>
                </div>
            }
            .into_any()
        } else {
            view! { <Wizard loaded=ready reload /> }.into_any()
        }
    };
    view! {
        <EditPage
            title
            section=(FORWARDERS.label, FORWARDERS.href())
            styles="/lazy/forwarders.css"
            loading="Loading the wizard"
            loaded
            form
        />
    }
}

/// Where this wizard's draft is kept: one per forwarder edited, one for a new one.
fn draft_key(editing: Option<&Forwarder>) -> String {
    match editing {
        Some(f) => format!("ec.forwarder-draft.{}", f.id),
        None => "ec.forwarder-draft.new".into(),
    }
}

/// The draft to start from: a link's pre-fill, else the one kept from before a reload, else the
/// forwarder as stored (or an empty one). Says whether it was kept from before.
fn starting_draft(editing: Option<&Forwarder>, prefill: &Prefill) -> (Draft, bool) {
    if editing.is_none() && *prefill != Prefill::default() {
        return (prefill.to_draft(), false);
    }
    let fresh = fresh_draft(editing);
    match restored_draft(prefs::load(&draft_key(editing)), &fresh) {
        Some(kept) => (kept, true),
        None => (fresh, false),
    }
}

/// The form as it opens with nothing kept: the forwarder as saved, or a new one.
fn fresh_draft(editing: Option<&Forwarder>) -> Draft {
    editing.map_or_else(Draft::default, Draft::of)
}

#[component]
fn Wizard(loaded: Loaded, reload: Callback<()>) -> impl IntoView {
    let Loaded { types, gateways, editing } = loaded;
    let query = leptos_router::hooks::use_location().search.get_untracked();
    let prefill = Prefill::from_query(query.trim_start_matches('?'));
    let key = draft_key(editing.as_ref());
    let (start, restored) = starting_draft(editing.as_ref(), &prefill);
    let draft = RwSignal::new(start);
    let restored = RwSignal::new(restored);
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let created = RwSignal::new(None::<CreatedForwarder>);
    let editing = StoredValue::new(editing);
    let client = StoredValue::new_local(use_client());

    // The draft is kept on every change, and forgotten once saved.
    let kept_key = key.clone();
    let fresh = StoredValue::new(editing.with_value(|editing| fresh_draft(editing.as_ref())));
    keep_draft(
        draft,
        fresh,
        move || created.with_untracked(Option::is_none),
        move |text| match text {
            Some(text) => prefs::save(&kept_key, &text),
            None => prefs::forget(&kept_key),
        },
    );
    let forget_key = key.clone();
    let discard = Callback::new(move |()| {
        prefs::forget(&forget_key);
        draft.set(editing.with_value(|e| e.as_ref().map(Draft::of)).unwrap_or_else(|| prefill.to_draft()));
        errors.set(Vec::new());
        restored.set(false);
    });

    let heading = NodeRef::<html::H2>::new();
    let step = Memo::new(move |_| draft.with(|d| d.step));
    Effect::new(move |previous: Option<usize>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        }
        now
    });
    let go = move |to: usize| draft.update(|d| d.step = to);
    let next = move |_| {
        let found = draft.with_untracked(|d| d.problems(d.step));
        if found.is_empty() {
            errors.set(Vec::new());
            go(step.get_untracked() + 1);
        } else {
            errors.set(found);
            focus_first_error();
        }
    };

    let save = Save::new(move |spec: &ForwarderSpec| {
        let (client, spec): (Client, ForwarderSpec) = (client.get_value(), spec.clone());
        let editing = editing.get_value();
        let version = draft.with_untracked(|d| d.base_version);
        async move {
            match editing {
                Some(f) => client
                    .update_forwarder(&f.id, &spec, version.unwrap_or(f.version))
                    .await
                    .map(|forwarder| CreatedForwarder { forwarder, signing_secret: None }),
                None => client.create_forwarder(&spec).await,
            }
        }
    });
    // A refusal (a 422) of a save or a test: to the step of its first field, each field saying why.
    let refuse = Callback::new(move |error: ApiError| {
        let refused: Vec<(String, String)> =
            error.field_errors().iter().map(|e| (e.field.clone(), e.message.clone())).collect();
        if let Some((field, _)) = refused.first() {
            go(step_of(field));
            errors.set(refused);
            focus_first_error();
        }
    });
    // After a 409: what changed on the server since the edit began, and its version.
    let theirs = RwSignal::new(None::<TheirChange>);
    let saved_key = key.clone();
    Effect::new(move |_| match save.answer() {
        Some(Ok(done)) => {
            prefs::forget(&saved_key);
            created.set(Some(done));
        }
        Some(Err(ApiError::Conflict(_))) => {
            let Some(original) = editing.get_value() else { return };
            let client = client.get_value();
            leptos::task::spawn_local(async move {
                if let Ok(current) = client.forwarder(&original.id).await {
                    // The user may have left meanwhile.
                    let changed = changed_fields(&original.spec, &current.spec);
                    theirs.try_set(Some(TheirChange { changed, version: current.version }));
                }
            });
        }
        Some(Err(error)) => refuse.run(error),
        None => {}
    });
    let submit = Callback::new(move |()| save.submit(draft.with_untracked(Draft::to_spec)));
    let take_theirs = Callback::new(move |()| {
        prefs::forget(&key);
        save.clear();
        reload.run(());
    });

    // What a forwarder of these types and scope would send, asked again when either changes.
    let asked = Memo::new(move |_| {
        draft.with(|d| PreviewRequest { event_types: d.event_types.clone(), scope: d.scope.to_scope() })
    });
    let preview = LocalResource::new(move || {
        let (client, asked) = (use_client(), asked.get());
        async move { client.preview_forwarder(&asked).await }
    });

    let types = StoredValue::new(types);
    let gateways = StoredValue::new(gateways);
    let body = move || {
        let errors = Signal::derive(move || errors.get());
        match step.get() {
            0 => view! { <TypeAndName draft errors /> }.into_any(),
            1 => view! { <Events draft errors types=types.get_value() /> }.into_any(),
            2 => view! { <Scope draft errors preview /> }.into_any(),
            3 => view! { <Destination draft errors /> }.into_any(),
            4 => view! { <Delivery draft errors gateways=gateways.get_value() /> }.into_any(),
            _ => view! {
                <Review
                    draft
                    preview
                    gateways=gateways.get_value()
                    types=types.get_value()
                    editing=editing.with_value(|e| e.as_ref().map(|f| f.id.clone()))
                    on_refused=refuse
                />
            }
            .into_any(),
        }
    };
    let last = STEPS.len() - 1;
    let is_edit = editing.with_value(Option::is_some);
    view! {
        <Show
            when=move || created.with(Option::is_none)
            fallback=move || {
                view! { <super::steps::Done created=created.get().expect("shown once saved") is_edit /> }
            }
        >
            <DraftRestored
                shown=restored
                message="Your unfinished forwarder was restored from this browser. Credentials are never kept: enter them again. "
                discard_label="Discard the draft"
                discard
            />
            <Stepper
                steps=&STEPS
                current=step
                back_to=Callback::new(move |i| {
                    errors.set(Vec::new());
                    go(i);
                })
            />
            <form
                class="wizard"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    if step.get_untracked() == last { submit.run(()) } else { next(()) }
                }
            >
                <h2 node_ref=heading tabindex="-1" class="step-heading">
                    {move || format!("Step {} of {}: {}", step.get() + 1, STEPS.len(), STEPS[step.get()])}
                </h2>
                {move || {
                    (!errors.with(Vec::is_empty))
                        .then(|| {
                            view! {
                                <div class="banner banner-error" role="alert">
                                    {move || {
                                        format!(
                                            "{} to fix before going on.",
                                            match errors.with(Vec::len) {
                                                1 => "One thing".to_string(),
                                                n => format!("{n} things"),
                                            },
                                        )
                                    }}
                                </div>
                            }
                        })
                }}
                {body}
                <div class="form-actions wizard-actions">
                    <button
                        type="button"
                        class="button button-secondary"
                        disabled=move || step.get() == 0
                        on:click=move |_| {
                            errors.set(Vec::new());
                            go(step.get_untracked().saturating_sub(1));
                        }
                    >
                        "Back"
                    </button>
                    {move || {
                        if step.get() == last {
                            view! {
                                <button type="submit" class="button" disabled=move || save.pending()>
                                    {move || match (save.pending(), is_edit) {
                                        (true, _) => "Saving…",
                                        (false, true) => "Save changes",
                                        (false, false) => "Create forwarder",
                                    }}
                                </button>
                            }
                                .into_any()
                        } else {
                            view! {
                                <button type="submit" class="button">
                                    "Next"
                                </button>
                            }
                                .into_any()
                        }
                    }}
                    <button type="button" class="button button-secondary" on:click=move |_| discard.run(())>
                        "Start over"
                    </button>
                </div>
                <SaveStatus save saved="Saved." retry=submit reload=take_theirs />
                <TheirChangeNote
                    theirs
                    keep_mine=Callback::new(move |version| {
                        draft.update(|d| d.base_version = Some(version));
                        submit.run(());
                    })
                />
            </form>
        </Show>
    }
}

/// The parts of a forwarder that differ between two versions, as the wizard's steps name them.
fn changed_fields(before: &ForwarderSpec, after: &ForwarderSpec) -> Vec<&'static str> {
    crate::ui::form::differing([
        ("the name", before.name != after.name),
        ("the event types", before.event_types != after.event_types),
        ("the scope", before.scope != after.scope),
        ("the destination", before.config != after.config),
        ("the gateway", before.gateway_id != after.gateway_id),
        ("when it sends", before.run_every_hours != after.run_every_hours),
        ("whether it is enabled", before.enabled != after.enabled),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_names_what_changed_on_the_server() {
        let before = Draft { name: "SIEM".into(), gateway_id: "gw_000".into(), ..Draft::default() }.to_spec();
        let after = ForwarderSpec { enabled: false, gateway_id: "gw_001".into(), ..before.clone() };
        assert_eq!(changed_fields(&before, &after), ["the gateway", "whether it is enabled"]);
        assert!(changed_fields(&before, &before).is_empty());
    }
}
