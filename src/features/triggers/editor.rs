//! One trigger: name, kind, event type, conditions and, for an action trigger, its actions. The
//! form is kept for the tab across reloads; a refused save puts each message on its field; a
//! change someone else saved meanwhile is named, with theirs or mine to keep; a trigger still in
//! a list cannot be deleted, and the refusal says where it runs. Read-only without
//! `triggers:write`.

use event_center_contract::{
    Condition, EventType, NotificationProfile, Operator, Trigger, TriggerKind, TriggerSpec,
};
use futures::future::try_join3;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::draft::{attributes, changed_fields, ActionDraft, ActionKind, Draft, OPERATORS};
use super::lists::TriggersView;
use super::{can_write, href, kind_key, NOTIFICATION_PROFILES, TRIGGER};
use crate::api::ApiError;
use crate::features::events::EVENT_TYPES;
use crate::features::{trigger_runs, TRIGGERS};
use crate::session::use_client;
use crate::ui::form::{
    first_problem, focus_first_error, keep_draft, restored_draft, DraftRestored, FieldError, Save,
    SaveStatus, TextField, TheirChange, TheirChangeNote,
};
use crate::ui::{editing, prefs, use_toasts, Confirm, EditPage, ReadOf, Tone};

#[derive(Clone)]
struct Loaded {
    types: Vec<EventType>,
    profiles: Vec<NotificationProfile>,
    editing: Option<Trigger>,
}

#[component]
pub fn EditorPage(
    /// The trigger edited; `None` makes a new one.
    id: Option<String>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let loaded = LocalResource::new(move || {
        let client = use_client();
        async move {
            // Asked at once: on a real backend each read is a round trip.
            let (editing, types, profiles) = try_join3(
                editing(id.get_value(), async |id: String| client.trigger(&id).await, &TRIGGER),
                async { client.event_types().await.of(&EVENT_TYPES) },
                async { client.notification_profiles().await.of(&NOTIFICATION_PROFILES) },
            )
            .await?;
            Ok(Loaded { types, profiles, editing })
        }
    });
    let title = if id.get_value().is_some() { "Edit trigger" } else { "New trigger" };
    view! {
        <EditPage
            title
            section=(TRIGGERS.label, TRIGGERS.href())
            styles="/lazy/triggers.css"
            loading="Loading the trigger"
            loaded
            form=|ready: Loaded, reload| view! { <Editor loaded=ready reload /> }.into_any()
        />
    }
}

/// Where the editor's draft is kept for the tab: one per trigger edited, one for a new one.
fn draft_key(editing: Option<&Trigger>) -> String {
    format!("ec.trigger-draft.{}", editing.map_or("new", |t| t.id.as_str()))
}

/// A new trigger's form, from the link that opened it (`?event=…&kind=…`).
fn new_draft(types: &[EventType]) -> Draft {
    let query = use_location().search.get_untracked();
    let mut draft = Draft::default();
    for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        match key.as_ref() {
            "event" => draft.event = value.into_owned(),
            "kind" if value == kind_key(TriggerKind::Ignore) => draft.kind = TriggerKind::Ignore,
            _ => {}
        }
    }
    let known = types.iter().find(|t| t.name == draft.event).or_else(|| types.first());
    if let Some(t) = known {
        draft.event = t.name.clone();
        draft.resource = t.resource.clone().unwrap_or_default();
    }
    draft
}

#[component]
fn Editor(loaded: Loaded, reload: Callback<()>) -> impl IntoView {
    let Loaded { types, profiles, editing } = loaded;
    let key = draft_key(editing.as_ref());
    let stored = editing.as_ref().map(|t| Draft::of(&t.spec, t.version));
    let fresh = StoredValue::new(stored.clone().unwrap_or_else(|| new_draft(&types)));
    let kept = fresh.with_value(|fresh| restored_draft(prefs::tab::load(&key), fresh));
    let restored = RwSignal::new(kept.is_some());
    let draft = RwSignal::new(kept.unwrap_or_else(|| fresh.get_value()));
    let editing = StoredValue::new(editing);
    let client = StoredValue::new_local(use_client());
    let can_write = can_write();
    let toasts = use_toasts();
    let navigate = use_navigate();

    // Kept on every change, until saved.
    let saved = RwSignal::new(false);
    let kept_key = key.clone();
    keep_draft(
        draft,
        fresh,
        move || !saved.get_untracked(),
        move |text| match text {
            Some(text) => prefs::tab::save(&kept_key, &text),
            None => prefs::tab::forget(&kept_key),
        },
    );
    let cancel_key = StoredValue::new(key.clone());
    let forget_key = key.clone();
    let discard = Callback::new(move |()| {
        prefs::tab::forget(&forget_key);
        draft.set(fresh.get_value());
        restored.set(false);
    });

    let save = Save::new(move |spec: &TriggerSpec| {
        let (client, spec, editing) = (client.get_value(), spec.clone(), editing.get_value());
        let version = draft.with_untracked(|d| d.base_version);
        async move {
            match editing {
                Some(t) => client.update_trigger(&t.id, &spec, version.unwrap_or(t.version)).await,
                None => client.create_trigger(&spec).await,
            }
        }
    });
    let problems = Signal::derive(move || match save.answer() {
        Some(Err(error)) => {
            error.field_errors().iter().map(|e| (e.field.clone(), e.message.clone())).collect()
        }
        _ => Vec::new(),
    });
    let theirs = RwSignal::new(None::<TheirChange>);
    let saved_key = key.clone();
    Effect::new(move |_| match save.answer() {
        Some(Ok(trigger)) => {
            prefs::tab::forget(&saved_key);
            saved.set(true);
            if editing.with_value(Option::is_none) {
                // A new trigger runs nowhere yet: on to its event type's lists to add it.
                toasts.show(
                    format!(
                        "\u{201c}{}\u{201d} was created. Add it to a list to make it run.",
                        trigger.spec.name
                    ),
                    Tone::Info,
                    None,
                    None,
                    std::time::Duration::from_secs(8),
                );
                let view = TriggersView { event: Some(trigger.spec.event.clone()), scope: None };
                navigate(&href(&view), Default::default());
            } else {
                draft.update(|d| d.base_version = Some(trigger.version));
                editing.set_value(Some(trigger));
                saved.set(false);
            }
        }
        Some(Err(ApiError::Conflict(_))) => {
            let Some(original) = editing.get_value() else { return };
            let client = client.get_value();
            leptos::task::spawn_local(async move {
                if let Ok(current) = client.trigger(&original.id).await {
                    let changed = changed_fields(&original.spec, &current.spec);
                    theirs.try_set(Some(TheirChange { changed, version: current.version }));
                }
            });
        }
        Some(Err(ApiError::Invalid(_))) => focus_first_error(),
        _ => {}
    });
    let submit = Callback::new(move |()| save.submit(draft.with_untracked(Draft::to_spec)));
    let take_theirs = Callback::new(move |()| {
        prefs::tab::forget(&key);
        save.clear();
        reload.run(());
    });

    let types = StoredValue::new(types);
    let profiles = StoredValue::new(profiles);
    let is_edit = editing.with_value(Option::is_some);
    let runs = editing.with_value(|t| t.as_ref().map(|t| trigger_runs::runs_of_trigger_href(&t.id)));
    view! {
        <DraftRestored
            shown=restored
            message="Your unsaved changes to this trigger were restored. "
            discard_label="Discard them"
            discard
        />
        <Show when=move || !can_write.get()>
            <p class="banner">
                "Your role can see this trigger but not change it (it lacks triggers:write)."
            </p>
        </Show>
        {runs
            .map(|runs| {
                view! {
                    <p>
                        <a href=runs>"See every run of this trigger in the event viewer"</a>
                    </p>
                }
            })}
        <form
            class="trigger-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit.run(());
            }
        >
            <fieldset class="plain" disabled=move || !can_write.get()>
                <Name draft problems />
                <KindChoice draft />
                <EventChoice draft problems types=types.get_value() />
                <Conditions draft problems />
                <Show when=move || draft.with(|d| d.kind == TriggerKind::Action)>
                    <Actions draft problems profiles=profiles.get_value() />
                </Show>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || draft.with(|d| d.enabled)
                        on:change=move |ev| draft.update(|d| d.enabled = event_target_checked(&ev))
                    />
                    " Enabled: runs wherever it is listed"
                </label>
            </fieldset>
            <Show when=move || can_write.get()>
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || save.pending()>
                        {move || match (save.pending(), is_edit) {
                            (true, _) => "Saving…",
                            (false, true) => "Save changes",
                            (false, false) => "Create trigger",
                        }}
                    </button>
                    // Cancelling gives up the changes: the kept draft goes too.
                    <a
                        class="button button-secondary"
                        href=TRIGGERS.href()
                        on:click=move |_| cancel_key.with_value(|k| prefs::tab::forget(k))
                    >
                        "Cancel"
                    </a>
                    {is_edit.then(|| view! { <DeleteTrigger editing /> })}
                </div>
            </Show>
            <SaveStatus save saved="Saved." retry=submit reload=take_theirs />
            <TheirChangeNote
                theirs
                keep_mine=Callback::new(move |version| {
                    draft.update(|d| d.base_version = Some(version));
                    submit.run(());
                })
            />
        </form>
    }
}

type Problems = Signal<Vec<(String, String)>>;

/// The problem on `field` (or one of its entries), and its element's id for `aria-describedby`.
fn problem(problems: Problems, field: String) -> (impl Fn() -> Option<String> + Clone, String) {
    let id = format!("problem-{}", field.replace(['[', ']', '.'], "-"));
    (move || problems.with(|all| first_problem(all, &field)), id)
}

#[component]
fn Name(draft: RwSignal<Draft>, problems: Problems) -> impl IntoView {
    let (found, _) = problem(problems, "name".into());
    view! {
        <TextField
            id="trigger-name".to_string()
            label="Name"
            named="The name"
            value=Signal::derive(move || draft.with(|d| d.name.clone()))
            on_input=Callback::new(move |name| draft.update(|d| d.name = name))
            problem=Signal::derive(found)
            max_length=100
        />
    }
}

#[component]
fn KindChoice(draft: RwSignal<Draft>) -> impl IntoView {
    let option = |kind: TriggerKind, label: &'static str, hint: &'static str| {
        view! {
            <label class="check kind-option">
                <input
                    type="radio"
                    name="trigger-kind"
                    value=kind_key(kind)
                    prop:checked=move || draft.with(|d| d.kind == kind)
                    on:change=move |_| draft.update(|d| d.kind = kind)
                />
                <span>
                    <strong>{label}</strong>
                    <br />
                    <span class="muted small">{hint}</span>
                </span>
            </label>
        }
    };
    view! {
        <fieldset class="plain">
            <legend class="field-label">"Kind"</legend>
            {option(
                TriggerKind::Ignore,
                "Ignore",
                "Rejects the objects it matches. Ignore triggers run before any action trigger, and take no actions.",
            )}
            {option(
                TriggerKind::Action,
                "Action",
                "Acts on the objects it matches: sets their groups, RA profile, owner or custom attributes, or notifies.",
            )}
        </fieldset>
    }
}

/// The resource, then an event type of that resource: a trigger runs on its event's objects.
#[component]
fn EventChoice(draft: RwSignal<Draft>, problems: Problems, types: Vec<EventType>) -> impl IntoView {
    let mut resources: Vec<String> = Vec::new();
    for t in &types {
        if let Some(r) = &t.resource {
            if !resources.contains(r) {
                resources.push(r.clone());
            }
        }
    }
    let types = StoredValue::new(types);
    let choose_resource = move |ev| {
        let resource = event_target_value(&ev);
        let first = types.with_value(|ts| {
            ts.iter().find(|t| t.resource.as_deref() == Some(&resource)).map(|t| t.name.clone())
        });
        draft.update(|d| {
            d.resource = resource;
            d.event = first.unwrap_or_default();
        });
    };
    let (resource_problem, resource_id) = problem(problems, "resource".into());
    let (event_problem, event_id) = problem(problems, "event".into());
    let (resource_invalid, event_invalid) = (resource_problem.clone(), event_problem.clone());
    let (resource_described, event_described) = (resource_id.clone(), event_id.clone());
    view! {
        <div class="field-row">
            <div class="field">
                <label class="field-label" for="trigger-resource">
                    "Resource"
                </label>
                <select
                    id="trigger-resource"
                    aria-invalid=move || resource_invalid().is_some().to_string()
                    aria-describedby=resource_described
                    prop:value=move || draft.with(|d| d.resource.clone())
                    on:change=choose_resource
                >
                    {resources
                        .into_iter()
                        .map(|r| view! { <option value=r.clone()>{r.clone()}</option> })
                        .collect_view()}
                </select>
                <FieldError message=Signal::derive(resource_problem) id=resource_id label="The resource" />
            </div>
            <div class="field">
                <label class="field-label" for="trigger-event">
                    "Event type"
                </label>
                <select
                    id="trigger-event"
                    aria-invalid=move || event_invalid().is_some().to_string()
                    aria-describedby=event_described
                    prop:value=move || draft.with(|d| d.event.clone())
                    on:change=move |ev| draft.update(|d| d.event = event_target_value(&ev))
                >
                    {move || {
                        let resource = draft.with(|d| d.resource.clone());
                        types
                            .with_value(|ts| {
                                ts.iter()
                                    .filter(|t| t.resource.as_deref() == Some(resource.as_str()))
                                    .map(|t| {
                                        view! { <option value=t.name.clone()>{t.label.clone()}</option> }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
                <FieldError message=Signal::derive(event_problem) id=event_id label="The event type" />
            </div>
        </div>
    }
}

#[component]
fn Conditions(draft: RwSignal<Draft>, problems: Problems) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| d.conditions.len()));
    let resource = Memo::new(move |_| draft.with(|d| d.resource.clone()));
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let get = move |f: fn(&Condition) -> String| {
                    draft.with(|d| d.conditions.get(i).map(f).unwrap_or_default())
                };
                let set = move |f: fn(&mut Condition, String), value: String| {
                    draft.update(|d| {
                        if let Some(c) = d.conditions.get_mut(i) {
                            f(c, value)
                        }
                    })
                };
                let at = format!("conditions[{i}]");
                let (field_problem, field_id) = problem(problems, format!("{at}.field"));
                let (value_problem, value_id) = problem(problems, format!("{at}.value"));
                let (field_invalid, value_invalid) = (field_problem.clone(), value_problem.clone());
                let (field_described, value_described) = (field_id.clone(), value_id.clone());
                view! {
                    <li class="condition-row">
                        <label class="field">
                            <span class="field-label">{format!("Field {}", i + 1)}</span>
                            <input
                                type="text"
                                list="trigger-attributes"
                                autocomplete="off"
                                aria-invalid=move || field_invalid().is_some().to_string()
                                aria-describedby=field_described
                                prop:value=move || get(|c| c.field.clone())
                                on:input=move |ev| set(|c, v| c.field = v, event_target_value(&ev))
                            />
                        </label>
                        <label class="field">
                            <span class="field-label">{format!("Operator {}", i + 1)}</span>
                            <select
                                prop:value=move || get(|c| operator_key(c.operator).to_string())
                                on:change=move |ev| {
                                    let chosen = event_target_value(&ev);
                                    if let Some((op, _, _)) = OPERATORS
                                        .iter()
                                        .find(|(_, key, _)| *key == chosen)
                                    {
                                        let op = *op;
                                        draft
                                            .update(|d| {
                                                if let Some(c) = d.conditions.get_mut(i) {
                                                    c.operator = op;
                                                }
                                            });
                                    }
                                }
                            >
                                {OPERATORS
                                    .iter()
                                    .map(|(_, key, text)| view! { <option value=*key>{*text}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        <label class="field">
                            <span class="field-label">{format!("Value {}", i + 1)}</span>
                            <input
                                type="text"
                                autocomplete="off"
                                aria-invalid=move || value_invalid().is_some().to_string()
                                aria-describedby=value_described
                                prop:value=move || get(|c| c.value.clone())
                                on:input=move |ev| set(|c, v| c.value = v, event_target_value(&ev))
                            />
                        </label>
                        <RemoveRow draft what="condition" i rows=|d| &mut d.conditions />
                        <FieldError message=Signal::derive(field_problem) id=field_id label="The field" />
                        <FieldError message=Signal::derive(value_problem) id=value_id label="The value" />
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="plain rows">
            <legend class="field-label">"Conditions"</legend>
            <p class="muted small">
                "All must hold for an object to match. With none, every object of the event matches."
            </p>
            <datalist id="trigger-attributes">
                {move || {
                    attributes(&resource.get())
                        .iter()
                        .map(|a| view! { <option value=*a></option> })
                        .collect_view()
                }}
            </datalist>
            <ol class="rows-list">{rows}</ol>
            <button
                type="button"
                class="button button-secondary button-small add-condition"
                on:click=move |_| {
                    draft
                        .update(|d| {
                            d.conditions
                                .push(Condition {
                                    field: String::new(),
                                    operator: Operator::Equals,
                                    value: String::new(),
                                })
                        })
                }
            >
                "Add a condition"
            </button>
        </fieldset>
    }
}

/// The × that takes row `i` out of one of the draft's lists (`what` names a row).
#[component]
fn RemoveRow<T: 'static>(
    draft: RwSignal<Draft>,
    what: &'static str,
    i: usize,
    rows: fn(&mut Draft) -> &mut Vec<T>,
) -> impl IntoView {
    let remove = move |_| {
        draft.update(|d| {
            let rows = rows(d);
            if i < rows.len() {
                rows.remove(i);
            }
        })
    };
    view! {
        <button
            type="button"
            class="icon-button remove-row"
            aria-label=format!("Remove {what} {}", i + 1)
            title=format!("Remove this {what}")
            on:click=remove
        >
            "×"
        </button>
    }
}

fn operator_key(operator: Operator) -> &'static str {
    OPERATORS.iter().find(|(o, _, _)| *o == operator).map_or("equals", |(_, key, _)| *key)
}

#[component]
fn Actions(draft: RwSignal<Draft>, problems: Problems, profiles: Vec<NotificationProfile>) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| d.actions.len()));
    let profiles = StoredValue::new(profiles);
    let list_id = "problem-actions".to_string();
    let described = list_id.clone();
    // Only the list's own problem here; each action's are on its row.
    let own = move || problems.with(|all| all.iter().find(|(f, _)| f == "actions").map(|(_, m)| m.clone()));
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let at = format!("actions[{i}]");
                let (row_problem, row_id) = problem(problems, at);
                let row_invalid = row_problem.clone();
                let row_described = row_id.clone();
                let kind = Memo::new(move |_| draft.with(|d| d.actions.get(i).map_or(ActionKind::Notify, |a| a.kind)));
                let value = move || draft.with(|d| d.actions.get(i).map(|a| a.value.clone()).unwrap_or_default());
                let set_value = move |v: String| draft.update(|d| if let Some(a) = d.actions.get_mut(i) { a.value = v });
                let inputs = move || {
                    let invalid = row_invalid.clone();
                    let described = row_described.clone();
                    match kind.get() {
                        ActionKind::Notify => view! {
                            <label class="field">
                                <span class="field-label">{format!("Notification profile {}", i + 1)}</span>
                                <select
                                    aria-invalid=move || invalid().is_some().to_string()
                                    aria-describedby=described
                                    prop:value=value
                                    on:change=move |ev| set_value(event_target_value(&ev))
                                >
                                    <option value="">"Choose a profile…"</option>
                                    {profiles
                                        .with_value(|ps| {
                                            ps.iter()
                                                .map(|p| {
                                                    view! {
                                                        <option value=p
                                                            .id
                                                            .clone()>{format!("{} ({})", p.name, p.recipients)}</option>
                                                    }
                                                })
                                                .collect_view()
                                        })}
                                </select>
                            </label>
                        }.into_any(),
                        ActionKind::SetAttribute => view! {
                            <label class="field">
                                <span class="field-label">{format!("Attribute {}", i + 1)}</span>
                                <input
                                    type="text"
                                    autocomplete="off"
                                    aria-invalid=move || invalid().is_some().to_string()
                                    prop:value=move || {
                                        draft
                                            .with(|d| {
                                                d.actions.get(i).map(|a| a.name.clone()).unwrap_or_default()
                                            })
                                    }
                                    on:input=move |ev| {
                                        draft
                                            .update(|d| {
                                                if let Some(a) = d.actions.get_mut(i) {
                                                    a.name = event_target_value(&ev);
                                                }
                                            })
                                    }
                                />
                            </label>
                            <label class="field">
                                <span class="field-label">{format!("Value {}", i + 1)}</span>
                                <input
                                    type="text"
                                    autocomplete="off"
                                    aria-describedby=described
                                    prop:value=value
                                    on:input=move |ev| set_value(event_target_value(&ev))
                                />
                            </label>
                        }.into_any(),
                        other => {
                            let label = match other {
                                ActionKind::SetGroups => "Groups, separated by commas",
                                ActionKind::SetRaProfile => "RA profile",
                                _ => "Owner",
                            };
                            view! {
                                <label class="field">
                                    <span class="field-label">{format!("{label} ({})", i + 1)}</span>
                                    <input
                                        type="text"
                                        autocomplete="off"
                                        aria-invalid=move || invalid().is_some().to_string()
                                        aria-describedby=described
                                        prop:value=value
                                        on:input=move |ev| set_value(event_target_value(&ev))
                                    />
                                </label>
                            }.into_any()
                        }
                    }
                };
                let resource = move || draft.with(|d| d.resource.clone());
                view! {
                    <li class="action-row">
                        <label class="field">
                            <span class="field-label">{format!("Action {}", i + 1)}</span>
                            <select
                                prop:value=move || kind.get().key().to_string()
                                on:change=move |ev| {
                                    if let Some(k) = ActionKind::from_key(&event_target_value(&ev)) {
                                        draft
                                            .update(|d| {
                                                if let Some(a) = d.actions.get_mut(i) {
                                                    *a = ActionDraft::new(k);
                                                }
                                            });
                                    }
                                }
                            >
                                {move || {
                                    ActionKind::ALL
                                        .iter()
                                        .map(|k| {
                                            view! {
                                                <option value=k.key() disabled=!k.applies_to(&resource())>
                                                    {k.label()}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </label>
                        {inputs}
                        <RemoveRow draft what="action" i rows=|d| &mut d.actions />
                        <FieldError message=Signal::derive(row_problem) id=row_id label="" />
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="plain rows" aria-describedby=described>
            <legend class="field-label">"Actions"</legend>
            <p class="muted small">
                "Done in this order to each object the trigger matches. Only Notify works beyond certificates."
            </p>
            <FieldError message=Signal::derive(own) id=list_id label="The actions" />
            <ol class="rows-list">{rows}</ol>
            <button
                type="button"
                class="button button-secondary button-small add-action"
                on:click=move |_| {
                    draft
                        .update(|d| {
                            let kind = if d.resource == "certificate" {
                                ActionKind::SetGroups
                            } else {
                                ActionKind::Notify
                            };
                            d.actions.push(ActionDraft::new(kind));
                        })
                }
            >
                "Add an action"
            </button>
        </fieldset>
    }
}

/// Delete, after a confirmation; refused while the trigger is in a list, naming where.
#[component]
fn DeleteTrigger(editing: StoredValue<Option<Trigger>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let toasts = use_toasts();
    let navigate = use_navigate();
    let client = StoredValue::new_local(use_client());
    let name = editing.with_value(|t| t.as_ref().map(|t| t.spec.name.clone()).unwrap_or_default());
    let message = format!("\u{201c}{name}\u{201d} will be deleted. Its past runs stay in the event viewer.");
    let delete = Callback::new(move |()| {
        let (Some(trigger), client) = (editing.get_value(), client.get_value()) else { return };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match client.delete_trigger(&trigger.id, trigger.version).await {
                Ok(()) => {
                    toasts.show(
                        format!("\u{201c}{}\u{201d} was deleted.", trigger.spec.name),
                        Tone::Info,
                        None,
                        None,
                        std::time::Duration::from_secs(6),
                    );
                    navigate(&TRIGGERS.href(), Default::default());
                }
                Err(error) => {
                    let why =
                        error.problem().and_then(|p| p.detail.clone()).unwrap_or_else(|| error.to_string());
                    refused.try_set(Some(format!("Not deleted. {why}")));
                }
            }
        });
    });
    view! {
        <button type="button" class="button button-danger" on:click=move |_| open.set(true)>
            "Delete…"
        </button>
        <Confirm open title="Delete this trigger?" message confirm="Delete" on_confirm=delete />
        {move || {
            refused
                .get()
                .map(|why| {
                    view! {
                        <p class="banner banner-error" role="alert">
                            {why}
                        </p>
                    }
                })
        }}
    }
}
