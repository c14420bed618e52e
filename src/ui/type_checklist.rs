//! Event types to choose from, grouped by source kind: a box per type, a box per group that
//! takes or leaves all of the group's shown types, and type-ahead that narrows the list by label
//! or name. The type filter, the notification settings and the forwarder wizard choose with it.

use event_center_contract::{EventType, SourceKind};
use leptos::prelude::*;

use super::source_kinds_label;

#[component]
pub fn TypeChecklist(
    /// The catalog: every type there is to choose.
    #[prop(into)]
    types: Signal<Vec<EventType>>,
    /// The names chosen now.
    #[prop(into)]
    chosen: Signal<Vec<String>>,
    /// Called with the whole new choice on every change.
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let is_chosen = move |name: &str| chosen.with(|c| c.iter().any(|n| n == name));
    let set = move |names: Vec<String>, on: bool| {
        let mut next = chosen.get_untracked();
        next.retain(|n| !names.contains(n));
        if on {
            next.extend(names);
        }
        on_change.run(next);
    };
    let groups = move || {
        let needle = typed.get().trim().to_lowercase();
        let shown = |t: &&EventType| {
            needle.is_empty() || t.label.to_lowercase().contains(&needle) || t.name.contains(&needle)
        };
        types.with(|types| {
            // Types of source kinds a newer backend added come last, as "Other".
            let other = SourceKind::Unknown(event_center_contract::Unknown::new(""));
            SourceKind::ALL
                .into_iter()
                .chain([other])
                .filter_map(|kind| {
                    let mut group: Vec<EventType> = types
                        .iter()
                        .filter(|t| t.source_kind.key() == kind.key())
                        .filter(shown)
                        .cloned()
                        .collect();
                    if group.is_empty() {
                        return None;
                    }
                    group.sort_by(|a, b| a.label.cmp(&b.label));
                    let names: Vec<String> = group.iter().map(|t| t.name.clone()).collect();
                    let all_on = {
                        let names = names.clone();
                        move || names.iter().all(|n| is_chosen(n))
                    };
                    let label = source_kinds_label(kind);
                    let boxes = group
                        .into_iter()
                        .map(|t| {
                            let name = t.name.clone();
                            let checked = {
                                let name = name.clone();
                                move || is_chosen(&name)
                            };
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        value=name.clone()
                                        prop:checked=checked
                                        on:change=move |ev| set(vec![name.clone()], event_target_checked(&ev))
                                    />
                                    <span class="type-choice">
                                        <span>{t.label}</span>
                                        <code class="muted small">{t.name}</code>
                                        {t
                                            .enabled_at
                                            .map(|at| view! { <span class="muted small">{at}</span> })}
                                    </span>
                                </label>
                            }
                        })
                        .collect_view();
                    Some(view! {
                        <fieldset class="type-group">
                            <legend>
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=all_on
                                        aria-label=format!("All {} shown", label.to_lowercase())
                                        on:change=move |ev| set(names.clone(), event_target_checked(&ev))
                                    />
                                    <strong>{label}</strong>
                                </label>
                            </legend>
                            {boxes}
                        </fieldset>
                    })
                })
                .collect_view()
        })
    };
    view! {
        <label class="field type-finder">
            <span class="visually-hidden">"Find an event type"</span>
            <input
                type="search"
                placeholder="Find an event type"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
        </label>
        <div class="type-groups">{groups}</div>
    }
}
