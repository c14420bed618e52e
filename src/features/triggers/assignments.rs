//! Every event type's triggers: the seed's table of event types (resource, what may override
//! it, whether monitoring raises it) and the chosen type's two ordered lists in one scope.
//! Each change (reorder by buttons, Alt+Arrow or drag; add; remove; override; inherit) is saved
//! at once, announced, and put back with the reason if the backend refuses it.

use std::collections::BTreeMap;

use event_center_contract::{
    EventAssignment, EventType, ScopeKind, Trigger, TriggerAssignments, TriggerKind,
};
use futures::future::try_join4;
use leptos::html;
use leptos::prelude::*;

use super::lists::{Change, TriggersView, PLATFORM};
use super::saving::{Refusal, Writer};
use super::trigger_list::TriggerList;
use super::{can_write, href, SUBJECT};
use crate::api::ApiError;
use crate::features::events::EVENT_TYPES;
use crate::features::TRIGGERS;
use crate::session::use_client;
use crate::ui::dialog::focus_drawn;
use crate::ui::split::LazyStyles;
use crate::ui::url_state::{use_url_view, SetView};
use crate::ui::{page_title, Confirm, FailedRead, Failure, ReadOf, Skeleton, Title};

/// Under the page's heading: here, with the page's code, not in the first download's sections.
const SUMMARY: &str = "What runs when an event occurs: per event type, the ignore triggers evaluated first, \
     then the action triggers, on the platform or overridden per RA profile, group or discovery.";

/// What the page needs before it shows anything.
#[derive(Clone)]
struct Loaded {
    types: Vec<EventType>,
    triggers: Vec<Trigger>,
    scopes: Vec<ScopeKind>,
    platform: TriggerAssignments,
}

#[component]
pub fn TriggersPage() -> impl IntoView {
    let loaded = LocalResource::new(|| {
        let client = use_client();
        async move {
            // Asked at once: on a real backend each read is a round trip.
            let (types, triggers, scopes, platform) = try_join4(
                async { client.event_types().await.of(&EVENT_TYPES) },
                async { client.triggers().await.of(&SUBJECT) },
                async { client.trigger_scopes().await.of(&SUBJECT) },
                async { client.trigger_assignments(PLATFORM).await.of(&SUBJECT) },
            )
            .await?;
            Ok(Loaded { types, triggers, scopes, platform })
        }
    });
    let can_write = can_write();
    view! {
        <Title text=page_title(TRIGGERS.label) />
        <LazyStyles href="/lazy/triggers.css">
            <div class="page-head">
                <div>
                    <h1>{TRIGGERS.label}</h1>
                    <p class="lead">{SUMMARY}</p>
                </div>
                <Show when=move || can_write.get()>
                    <a class="button" href=format!("{}/new", TRIGGERS.href())>
                        "New trigger"
                    </a>
                </Show>
            </div>
            {move || match loaded.get() {
                None => view! { <Skeleton label="Loading the triggers" /> }.into_any(),
                Some(Err(FailedRead { subject, error })) => {
                    view! {
                        <Failure error subject=*subject retry=Callback::new(move |()| loaded.refetch()) />
                    }
                        .into_any()
                }
                Some(Ok(ready)) => view! { <Triggers loaded=ready can_write /> }.into_any(),
            }}
        </LazyStyles>
    }
}

/// Shared by the table and the chosen type's lists.
#[derive(Clone, Copy)]
struct Page {
    view: Memo<TriggersView>,
    set_view: SetView<TriggersView>,
    /// Each scope's assignments as last read or saved: the one owner of what the lists show.
    assigned: RwSignal<BTreeMap<String, TriggerAssignments>>,
    triggers: StoredValue<Vec<Trigger>>,
    scopes: StoredValue<Vec<ScopeKind>>,
    can_write: Signal<bool>,
}

#[component]
fn Triggers(loaded: Loaded, can_write: Signal<bool>) -> impl IntoView {
    let Loaded { types, triggers, scopes, platform } = loaded;
    let (view, set_view) = use_url_view(TRIGGERS.href(), TriggersView::from_query, TriggersView::to_query);
    let page = Page {
        view,
        set_view,
        assigned: RwSignal::new(BTreeMap::from([(PLATFORM.to_string(), platform)])),
        triggers: StoredValue::new(triggers),
        scopes: StoredValue::new(scopes),
        can_write,
    };
    let types = StoredValue::new(types);
    let chosen = Memo::new(move |_| {
        let event = view.with(|v| v.event.clone())?;
        types.with_value(|types| types.iter().find(|t| t.name == event).cloned())
    });
    view! {
        <Show when=move || !can_write.get()>
            <p class="banner">"Your role can see triggers but not change them (it lacks triggers:write)."</p>
        </Show>
        <div class="triggers-layout">
            <EventTypes types=types.get_value() page />
            {move || match (chosen.get(), view.with(|v| v.event.is_some())) {
                (Some(event_type), _) => view! { <EventTriggers event_type page /> }.into_any(),
                (None, true) => {
                    view! {
                        <p class="banner banner-error" role="alert">
                            "There is no such event type. Choose one from the table."
                        </p>
                    }
                        .into_any()
                }
                (None, false) => {
                    view! {
                        <p class="muted choose-event">
                            "Choose an event type to see and order its triggers."
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// How a resource's event types are headed in the table.
fn resource_label(resource: &str) -> &str {
    match resource {
        "certificate" => "Certificates",
        "secret" => "Secrets",
        "authMethod" => "Auth methods",
        "target" => "Targets",
        "gateway" => "Gateways",
        "discovery" => "Discoveries",
        "approval" => "Approvals",
        "scheduledJob" => "Scheduled jobs",
        "user" => "Users",
        "system" => "System",
        other => other,
    }
}

fn resource_of(event_type: &EventType) -> &str {
    event_type.resource.as_deref().unwrap_or("system")
}

/// The kinds of object that may override an event type's lists.
fn overriding_kinds(scopes: &[ScopeKind], event: &str) -> Vec<ScopeKind> {
    scopes.iter().filter(|k| k.overrides.iter().any(|e| e == event)).cloned().collect()
}

/// The seed's table: each event type, by resource (certificates first, as seed 001 lists them).
#[component]
fn EventTypes(types: Vec<EventType>, page: Page) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let mut resources: Vec<String> = Vec::new();
    for t in &types {
        let resource = resource_of(t).to_string();
        if !resources.contains(&resource) {
            resources.push(resource);
        }
    }
    resources.sort_by_key(|r| r != "certificate");
    let types = StoredValue::new(types);
    let counts = move |event: &str| {
        page.assigned.with(|a| {
            let lists =
                a.get(PLATFORM).and_then(|p| p.assignments.iter().find(|e| e.event == event).cloned());
            match lists.map(|l| (l.ignore_triggers.len(), l.action_triggers.len())) {
                None | Some((0, 0)) => "None".to_string(),
                Some((ignore, action)) => format!("{ignore} ignore · {action} action"),
            }
        })
    };
    let group = move |resource: String| {
        let heading = resource_label(&resource).to_string();
        let rows = move || {
            let needle = filter.get().to_lowercase();
            types.with_value(|types| {
                types
                    .iter()
                    .filter(|t| resource_of(t) == resource)
                    .filter(|t| {
                        needle.is_empty()
                            || t.label.to_lowercase().contains(&needle)
                            || t.name.contains(&needle)
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        };
        move || {
            let rows = rows();
            (!rows.is_empty()).then(|| {
                let heading = heading.clone();
                view! {
                    <tbody>
                        <tr class="group-row">
                            <th colspan="4" scope="rowgroup">
                                {heading}
                            </th>
                        </tr>
                        {rows
                            .into_iter()
                            .map(|t| {
                                let name = t.name.clone();
                                let chosen = {
                                    let name = name.clone();
                                    move || page.view.with(|v| v.event.as_deref() == Some(name.as_str()))
                                };
                                let kinds = page.scopes.with_value(|s| overriding_kinds(s, &t.name));
                                let overridden_by = if kinds.is_empty() {
                                    "Platform only".to_string()
                                } else {
                                    kinds.iter().map(|k| k.label.clone()).collect::<Vec<_>>().join(", ")
                                };
                                let link = href(
                                    &TriggersView {
                                        event: Some(name.clone()),
                                        scope: None,
                                    },
                                );
                                view! {
                                    <tr
                                        class:chosen=chosen.clone()
                                        aria-current=move || chosen().then_some("true")
                                    >
                                        <th scope="row">
                                            <a href=link>{t.label.clone()}</a>
                                        </th>
                                        <td class="wide-col">{overridden_by}</td>
                                        <td class="wide-col">{if t.monitoring { "Yes" } else { "No" }}</td>
                                        <td>{move || counts(&name)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                }
            })
        }
    };
    view! {
        <section class="card event-types" aria-labelledby="event-types-title">
            <h2 id="event-types-title">"Event types"</h2>
            <label class="field">
                <span class="field-label">"Find an event type"</span>
                <input
                    type="search"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </label>
            <div class="table-wrap">
                <table class="event-types-table">
                    <thead>
                        <tr>
                            <th scope="col">"Event"</th>
                            <th scope="col" class="wide-col">
                                "Overridden by"
                            </th>
                            <th scope="col" class="wide-col">
                                "Monitoring"
                            </th>
                            <th scope="col">"Platform's triggers"</th>
                        </tr>
                    </thead>
                    {resources.into_iter().map(group).collect_view()}
                </table>
            </div>
        </section>
    }
}

/// A scope as a person reads it: `RA profile "Web servers"`.
fn scope_name(scopes: &[ScopeKind], scope: &str) -> String {
    let Some((kind, id)) = scope.split_once(':') else { return "The platform".into() };
    let kind = scopes.iter().find(|k| k.kind == kind);
    let name = kind.and_then(|k| k.scopes.iter().find(|s| s.id == id)).map_or(id, |s| s.name.as_str());
    format!("{} \u{201c}{name}\u{201d}", kind.map_or("Scope", |k| k.label.as_str()))
}

/// One event type's lists in the scope the URL names.
#[component]
fn EventTriggers(event_type: EventType, page: Page) -> impl IntoView {
    let event = event_type.name.clone();
    let kinds = page.scopes.with_value(|s| overriding_kinds(s, &event));
    let overridden_by = match kinds.iter().map(|k| k.label.clone()).collect::<Vec<_>>() {
        labels if labels.is_empty() => "Nothing: the platform only".to_string(),
        labels => labels.join(", "),
    };
    // A scope that may not override this type shows the platform's lists.
    let allowed = {
        let kinds = kinds.clone();
        move |scope: &str| {
            scope == PLATFORM
                || scope.split_once(':').is_some_and(|(kind, id)| {
                    kinds.iter().any(|k| k.kind == kind && k.scopes.iter().any(|s| s.id == id))
                })
        }
    };
    let scope = Memo::new(move |_| {
        let asked = page.view.with(|v| v.scope().to_string());
        if allowed(&asked) {
            asked
        } else {
            PLATFORM.to_string()
        }
    });
    let client = StoredValue::new_local(use_client());
    let load_failed = RwSignal::new(None::<ApiError>);
    let load = move |scope: String| {
        let client = client.get_value();
        load_failed.set(None);
        leptos::task::spawn_local(async move {
            match client.trigger_assignments(&scope).await {
                Ok(read) => drop(page.assigned.try_update(|a| a.insert(scope, read))),
                Err(error) => drop(load_failed.try_set(Some(error))),
            }
        });
    };
    Effect::new(move |_| {
        let scope = scope.get();
        if page.assigned.with_untracked(|a| !a.contains_key(&scope)) {
            load(scope);
        }
    });

    // The heading takes focus when the user picks another type (a link had focus) or arrives from
    // the editor (what had focus is gone), so they land on its lists.
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let from = document().active_element().map(|a| a.tag_name());
            if matches!(from.as_deref(), None | Some("A" | "BODY")) {
                let _ = h.focus();
            }
        }
    });

    let writer = Writer::new(event.clone(), scope, page.assigned, Callback::new(load));
    let write = writer.write;
    let scopes = page.scopes;
    let choose_scope = move |ev| {
        let chosen = event_target_value(&ev);
        let next =
            TriggersView { scope: (chosen != PLATFORM).then_some(chosen), ..page.view.get_untracked() };
        page.set_view.run((next, false));
    };
    let scope_picker = (!kinds.is_empty()).then(|| {
        view! {
            <label class="field scope-field">
                <span class="field-label">"Configured for"</span>
                <select prop:value=move || scope.get() on:change=choose_scope>
                    <option value=PLATFORM>"The platform (every object)"</option>
                    {kinds
                        .iter()
                        .map(|k| {
                            view! {
                                <optgroup label=k
                                    .label
                                    .clone()>
                                    {k
                                        .scopes
                                        .iter()
                                        .map(|s| {
                                            view! {
                                                <option value=format!(
                                                    "{}:{}",
                                                    k.kind,
                                                    s.id,
                                                )>{s.name.clone()}</option>
                                            }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    });
    let label = event_type.label.clone();
    let platform_only = kinds.is_empty().then(|| {
        let why = if event == "certificate-uploaded" {
            "An upload's triggers run before the certificate belongs to any RA profile or group, so they are configured on the platform only."
        } else {
            "No RA profile, group or discovery can override it: its triggers are configured on the platform only."
        };
        view! { <p class="muted platform-only">{format!("{label} cannot be overridden. {why}")}</p> }
    });

    // Whether the scope has its own lists for the type (`None` until the scope is read): the
    // section is drawn anew only when that or the scope changes, not on every save, so focus
    // stays where the user is.
    let own_event = event.clone();
    let state = Memo::new(move |_| {
        let scope = scope.get();
        let own =
            page.assigned.with(|a| a.get(&scope).map(|s| s.assignments.iter().any(|e| e.event == own_event)));
        (scope, own)
    });
    let lists_event = event.clone();
    let lists = move || {
        let (scope, own) = state.get();
        let Some(own) = own else {
            return match load_failed.get() {
                Some(error) => view! { <Failure error subject=SUBJECT retry=Callback::new(move |()| load(scope.clone())) /> }
                .into_any(),
                None => view! { <Skeleton label="Loading the scope's triggers" /> }.into_any(),
            };
        };
        let event = lists_event.clone();
        let name = scopes.with_value(|s| scope_name(s, &scope));
        let inherits = scope != PLATFORM && !own;
        let shown_scope = if inherits { PLATFORM.to_string() } else { scope.clone() };
        let editable = Signal::derive(move || page.can_write.get() && !inherits);
        let shown_event = event.clone();
        let shown = Signal::derive(move || {
            page.assigned.with(|a| {
                a.get(&shown_scope)
                    .and_then(|s| s.assignments.iter().find(|e| e.event == shown_event).cloned())
                    .unwrap_or_else(|| EventAssignment {
                        event: shown_event.clone(),
                        ignore_triggers: vec![],
                        action_triggers: vec![],
                    })
            })
        });
        let status = (scope != PLATFORM).then(|| {
            if inherits {
                let copy = shown;
                let said = format!("{name} now has its own lists, copied from the platform's.");
                view! {
                    <div class="banner scope-status" role="note">
                        <p>
                            {format!(
                                "{name} runs the platform's triggers for this event type (shown below).",
                            )}
                        </p>
                        <Show when=move || page.can_write.get()>
                            <button
                                type="button"
                                id="scope-override"
                                class="button button-small"
                                on:click={
                                    let said = said.clone();
                                    move |_| {
                                        write.run((Change::Override(copy.get_untracked()), said.clone()));
                                        focus_drawn("scope-inherit".into());
                                    }
                                }
                            >
                                "Override for this scope"
                            </button>
                        </Show>
                    </div>
                }.into_any()
            } else {
                let confirm_open = RwSignal::new(false);
                let message = format!("{name} will run the platform's triggers again; its own lists for this event type are removed.");
                let said = format!("{name} runs the platform's triggers again.");
                view! {
                    <div class="banner banner-override scope-status" role="note">
                        <p>
                            <strong>"Overrides the platform. "</strong>
                            {format!("{name} runs these lists instead of the platform's.")}
                        </p>
                        <Show when=move || page.can_write.get()>
                            <button
                                type="button"
                                id="scope-inherit"
                                class="button button-secondary button-small"
                                on:click=move |_| confirm_open.set(true)
                            >
                                "Inherit from the platform"
                            </button>
                        </Show>
                    </div>
                    <Confirm
                        open=confirm_open
                        title="Inherit from the platform?"
                        message=message
                        confirm="Inherit"
                        on_confirm=Callback::new(move |()| {
                            write.run((Change::Inherit, said.clone()));
                            focus_drawn("scope-override".into());
                        })
                    />
                }.into_any()
            }
        });
        view! {
            {status}
            <TriggerList
                kind=TriggerKind::Ignore
                event=event.clone()
                shown
                editable
                triggers=page.triggers
                write
            />
            <TriggerList kind=TriggerKind::Action event shown editable triggers=page.triggers write />
        }
        .into_any()
    };

    let refused = move || {
        writer.refusal.get().map(|refusal| match refusal {
            Refusal::Conflict => view! {
                <p class="banner banner-error" role="alert">
                    "Someone changed these lists while you were working. They are shown as they are now; your last change was not saved, so make it again if it is still needed."
                </p>
            }.into_any(),
            Refusal::Failed { error, changes } => {
                let why = match error.field_errors() {
                    [] => error.to_string(),
                    errors => errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; "),
                };
                view! {
                    <p class="banner banner-error" role="alert">
                        {format!("Not saved: {why}. The lists are as they were. ")}
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| writer.retry(changes.clone())
                        >
                            "Retry"
                        </button>
                    </p>
                }.into_any()
            }
        })
    };
    let monitoring = if event_type.monitoring {
        "Raised by scheduled monitoring (every hour), not by a change."
    } else {
        "Raised when the change happens."
    };
    view! {
        <section class="card event-triggers" aria-labelledby="event-triggers-title">
            <h2 id="event-triggers-title" node_ref=heading tabindex="-1">
                {event_type.label.clone()}
            </h2>
            <p class="muted">{event_type.description.clone()}</p>
            <dl class="facts">
                <dt>"Resource"</dt>
                <dd>{resource_of(&event_type).to_string()}</dd>
                <dt>"Monitoring"</dt>
                <dd>{monitoring}</dd>
                <dt>"Overridden by"</dt>
                <dd>{overridden_by}</dd>
            </dl>
            {scope_picker}
            {platform_only}
            {refused}
            {lists}
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || writer.announced.get()}
            </p>
            <Show when=move || writer.saving.get()>
                <p class="muted" role="status">
                    "Saving…"
                </p>
            </Show>
        </section>
    }
}
