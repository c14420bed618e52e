//! One of an event type's two ordered lists: reordered by buttons, Alt+Arrow keys or drag, each
//! trigger removed or another added; every change goes to the page's `write`.

use event_center_contract::{EventAssignment, Trigger, TriggerKind};
use leptos::prelude::*;

use super::draft::OPERATORS;
use super::lists::{list, Change};
use super::{new_href, trigger_href};
use crate::ui::dialog::focus_drawn;

/// How a trigger's conditions read: `commonName ends with .test.example.com and …`.
fn conditions_text(trigger: &Trigger) -> String {
    if trigger.spec.conditions.is_empty() {
        return "every object".into();
    }
    let operator = |op| OPERATORS.iter().find(|(o, _, _)| *o == op).map_or("?", |(_, _, text)| *text);
    let each: Vec<String> = trigger
        .spec
        .conditions
        .iter()
        .map(|c| format!("{} {} {}", c.field, operator(c.operator), c.value))
        .collect();
    each.join(" and ")
}

/// One of an event type's two ordered lists.
#[component]
pub fn TriggerList(
    kind: TriggerKind,
    event: String,
    shown: Signal<EventAssignment>,
    editable: Signal<bool>,
    triggers: StoredValue<Vec<Trigger>>,
    write: Callback<(Change, String)>,
) -> impl IntoView {
    let (title, hint, empty, noun) = match kind {
        TriggerKind::Ignore => (
            "1. Ignore triggers",
            "Evaluated first, in this order: an object one matches is rejected and goes no further.",
            "No ignore triggers: every object goes on to the action triggers.",
            "ignore",
        ),
        TriggerKind::Action => (
            "2. Action triggers",
            "Evaluated in this order for the objects no ignore trigger rejected; each that matches acts on them.",
            "No action triggers: nothing is done for these events.",
            "action",
        ),
    };
    let ids = Memo::new(move |_| shown.with(|s| list(s, kind).clone()));
    let named = move |id: &str| triggers.with_value(|ts| ts.iter().find(|t| t.id == id).cloned());
    let dragging = RwSignal::new(None::<usize>);
    let move_to = move |from: usize, to: usize, name: String, focus: Option<String>| {
        let count = ids.with_untracked(Vec::len);
        if from == to || to >= count {
            return;
        }
        let said =
            format!("\u{201c}{name}\u{201d} moved to position {} of {count} of the {noun} triggers.", to + 1);
        write.run((Change::Move { kind, from, to }, said));
        // The moved item is drawn anew: focus goes back to the control that moved it.
        if let Some(focus) = focus {
            focus_drawn(focus);
        }
    };
    let items = move || {
        let listed = ids.get();
        let count = listed.len();
        listed
            .into_iter()
            .enumerate()
            .map(|(index, id)| {
                let trigger = named(&id);
                let name = trigger.as_ref().map_or(id.clone(), |t| t.spec.name.clone());
                let off = trigger.as_ref().is_some_and(|t| !t.spec.enabled);
                let conditions = trigger.as_ref().map(conditions_text).unwrap_or_default();
                let link = trigger_href(&id);
                let key = format!("{noun}-{id}");
                let (up_id, down_id) = (format!("up-{key}"), format!("down-{key}"));
                let on_keydown = {
                    let (name, up_id, down_id) = (name.clone(), up_id.clone(), down_id.clone());
                    move |ev: web_sys::KeyboardEvent| {
                        if !ev.alt_key() || !editable.get_untracked() {
                            return;
                        }
                        match ev.key().as_str() {
                            "ArrowUp" if index > 0 => {
                                ev.prevent_default();
                                move_to(index, index - 1, name.clone(), Some(if index > 1 { up_id.clone() } else { down_id.clone() }));
                            }
                            "ArrowDown" => {
                                ev.prevent_default();
                                let to = index + 1;
                                move_to(index, to, name.clone(), Some(if to + 1 < count { down_id.clone() } else { up_id.clone() }));
                            }
                            _ => {}
                        }
                    }
                };
                let controls = {
                    let name = name.clone();
                    move || editable.get().then(|| {
                        let (up, down, remove) = (name.clone(), name.clone(), name.clone());
                        let (up_focus, down_focus) = (up_id.clone(), down_id.clone());
                        let removed_id = id.clone();
                        view! {
                            <span class="order-controls">
                                <button
                                    type="button"
                                    id=up_id.clone()
                                    class="icon-button"
                                    disabled=index == 0
                                    aria-label=format!("Move \u{201c}{name}\u{201d} up")
                                    title="Move up (Alt+Up)"
                                    on:click=move |_| move_to(
                                        index,
                                        index.saturating_sub(1),
                                        up.clone(),
                                        Some(if index > 1 { up_focus.clone() } else { down_focus.clone() }),
                                    )
                                >
                                    "↑"
                                </button>
                                <button
                                    type="button"
                                    id=down_id.clone()
                                    class="icon-button"
                                    disabled=index + 1 == count
                                    aria-label=format!("Move \u{201c}{name}\u{201d} down")
                                    title="Move down (Alt+Down)"
                                    on:click={
                                        let (up_focus, down_focus) = (up_id.clone(), down_id.clone());
                                        move |_| move_to(
                                            index,
                                            index + 1,
                                            down.clone(),
                                            Some(
                                                if index + 2 < count {
                                                    down_focus.clone()
                                                } else {
                                                    up_focus.clone()
                                                },
                                            ),
                                        )
                                    }
                                >
                                    "↓"
                                </button>
                                <button
                                    type="button"
                                    class="icon-button"
                                    aria-label=format!(
                                        "Remove \u{201c}{name}\u{201d} from the {noun} triggers",
                                    )
                                    title="Remove from this list"
                                    on:click=move |_| {
                                        write
                                            .run((
                                                Change::Remove {
                                                    kind,
                                                    id: removed_id.clone(),
                                                },
                                                format!(
                                                    "\u{201c}{remove}\u{201d} removed from the {noun} triggers.",
                                                ),
                                            ))
                                    }
                                >
                                    "×"
                                </button>
                            </span>
                        }
                    })
                };
                let drop_name = name.clone();
                view! {
                    <li
                        class="trigger-item"
                        id=format!("item-{key}")
                        tabindex="-1"
                        draggable=move || editable.get().then_some("true")
                        class:dragging=move || dragging.get() == Some(index)
                        on:keydown=on_keydown
                        on:dragstart=move |ev: web_sys::DragEvent| {
                            dragging.set(Some(index));
                            if let Some(data) = ev.data_transfer() {
                                let _ = data.set_data("text/plain", &index.to_string());
                            }
                        }
                        on:dragend=move |_| dragging.set(None)
                        on:dragover=move |ev: web_sys::DragEvent| {
                            if dragging.get_untracked().is_some() {
                                ev.prevent_default()
                            }
                        }
                        on:drop=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            if let Some(from) = dragging.get_untracked() {
                                dragging.set(None);
                                let moved = ids
                                    .with_untracked(|ids| {
                                        ids.get(from).and_then(|id| named(id)).map(|t| t.spec.name)
                                    })
                                    .unwrap_or_else(|| drop_name.clone());
                                move_to(from, index, moved, None);
                            }
                        }
                    >
                        <span class="position" aria-hidden="true">
                            {index + 1}
                        </span>
                        <span class="trigger-summary">
                            <a href=link>{name.clone()}</a>
                            {off.then(|| view! { <span class="status status-neutral">"Off"</span> })}
                            <span class="muted small conditions">{format!("When {conditions}")}</span>
                        </span>
                        {controls}
                    </li>
                }
            })
            .collect_view()
    };
    let new_link = new_href(&event, kind);
    let event = StoredValue::new(event);
    let choices = move || {
        let listed = ids.get();
        triggers.with_value(|ts| {
            ts.iter()
                .filter(|t| {
                    t.spec.kind == kind && event.with_value(|e| t.spec.event == *e) && !listed.contains(&t.id)
                })
                .map(|t| (t.id.clone(), t.spec.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let picked = RwSignal::new(String::new());
    // A button adds, not the choice itself: arrowing through a closed select changes its value.
    let add = move |_| {
        let id = picked.get_untracked();
        if id.is_empty() {
            return;
        }
        picked.set(String::new());
        let name = named(&id).map_or(id.clone(), |t| t.spec.name);
        focus_drawn(format!("item-{noun}-{id}"));
        write.run((
            Change::Add { kind, id },
            format!("\u{201c}{name}\u{201d} added last to the {noun} triggers."),
        ));
    };
    let heading_id = format!("{noun}-triggers-title");
    let labelled_by = heading_id.clone();
    view! {
        <section class="trigger-list" aria-labelledby=labelled_by>
            <h3 id=heading_id>{title}</h3>
            <p class="muted small">{hint}</p>
            <Show
                when=move || !ids.with(Vec::is_empty)
                fallback=move || view! { <p class="empty-list">{empty}</p> }
            >
                <ol class="trigger-order">{items}</ol>
            </Show>
            <Show when=move || editable.get()>
                <div class="add-trigger">
                    <label class="field">
                        <span class="field-label">{format!("Add an {noun} trigger")}</span>
                        <select
                            prop:value=move || picked.get()
                            on:change=move |ev| picked.set(event_target_value(&ev))
                        >
                            <option value="">
                                {move || {
                                    if choices().is_empty() {
                                        "None left to add"
                                    } else {
                                        "Choose a trigger…"
                                    }
                                }}
                            </option>
                            {move || {
                                choices()
                                    .into_iter()
                                    .map(|(id, name)| view! { <option value=id>{name}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <button
                        type="button"
                        class="button button-small"
                        disabled=move || picked.with(String::is_empty)
                        on:click=add
                    >
                        "Add"
                    </button>
                    <a class="button button-secondary button-small" href=new_link.clone()>
                        {format!("New {noun} trigger")}
                    </a>
                </div>
            </Show>
        </section>
    }
}
