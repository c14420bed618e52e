//! The filter bar. Every control writes the view into the URL and reads it back from there:
//! the URL is the only owner of the filters.

use chrono::{DateTime, Utc};
use event_center_contract::{Severity, SourceKind};

use crate::ui::source_kinds_label;
use leptos::html;
use leptos::prelude::*;

use super::table::{type_label, Catalog};
use super::view_state::{chips, EventsView, Range};
use crate::ui::split::{lazy, split};
use crate::ui::time_format::{browser_offset_minutes, input_minutes};
use crate::ui::{Icon, TextFilter, TypeChecklist};

pub type SetView = crate::ui::url_state::SetView<EventsView>;

#[component]
pub fn FilterBar(
    view: Memo<EventsView>,
    set_view: SetView,
    catalog: Signal<Catalog>,
    search: NodeRef<html::Input>,
) -> impl IntoView {
    let update = move |change: fn(&mut EventsView, String), value: String, replace: bool| {
        let mut next = view.get_untracked().filters_only();
        change(&mut next, value);
        set_view.run((next, replace));
    };
    view! {
        <div class="filter-bar" role="search">
            <TextFilter
                label="Search events"
                placeholder="Search messages, sources, actors… ( / )"
                value=Signal::derive(move || view.get().q)
                on_commit=Callback::new(move |v| update(|view, v| view.q = v, v, true))
                debounce=true
                node_ref=search
                class="search"
            />
            <SeverityToggles view set_view />
            <TypePicker view set_view catalog />
            <label class="field">
                <span class="field-label">"Source kind"</span>
                <select
                    class="source-kind"
                    prop:value=move || view.get().source_kind.map_or("", SourceKind::key)
                    on:change=move |ev| update(
                        |view, v| view.source_kind = SourceKind::parse(&v),
                        event_target_value(&ev),
                        false,
                    )
                >
                    <option value="">"Any"</option>
                    {SourceKind::ALL
                        .map(|k| view! { <option value=k.key()>{source_kinds_label(k)}</option> })}
                </select>
            </label>
            <RangePicker view set_view />
        </div>
        <details
            class="more-filters"
            open=move || {
                let v = view.get();
                !v.source.is_empty() || !v.actor.is_empty() || !v.ip_address.is_empty()
            }
        >
            <summary>"Source, actor and IP address"</summary>
            <div class="filter-bar">
                <TextFilter
                    label="Source path"
                    placeholder="/prod/payments/*"
                    value=Signal::derive(move || view.get().source)
                    on_commit=Callback::new(move |v| update(|view, v| view.source = v, v, false))
                />
                <TextFilter
                    label="Actor"
                    placeholder="alice@example.com"
                    value=Signal::derive(move || view.get().actor)
                    on_commit=Callback::new(move |v| update(|view, v| view.actor = v, v, false))
                />
                <TextFilter
                    label="IP address"
                    placeholder="10.0.*"
                    value=Signal::derive(move || view.get().ip_address)
                    on_commit=Callback::new(move |v| update(|view, v| view.ip_address = v, v, false))
                />
            </div>
        </details>
        <ActiveChips view set_view catalog />
    }
}

#[component]
fn SeverityToggles(view: Memo<EventsView>, set_view: SetView) -> impl IntoView {
    view! {
        <fieldset class="field severity-toggles">
            <legend class="field-label">"Severity"</legend>
            {Severity::ALL
                .map(|severity| {
                    let on = move || view.with(|v| v.severities.contains(&severity));
                    let toggle = move |_| {
                        let mut next = view.get_untracked().filters_only();
                        if next.severities.contains(&severity) {
                            next.severities.retain(|s| *s != severity);
                        } else {
                            next.severities.push(severity);
                            next.severities.sort();
                        }
                        set_view.run((next, false));
                    };
                    view! {
                        <button
                            type="button"
                            class=format!("toggle sev-toggle-{}", severity.key())
                            aria-pressed=move || on().to_string()
                            on:click=toggle
                        >
                            {severity.key()}
                        </button>
                    }
                })}
        </fieldset>
    }
}

/// Event types: a checkbox list grouped by source kind, narrowed by what the user types.
#[component]
fn TypePicker(view: Memo<EventsView>, set_view: SetView, catalog: Signal<Catalog>) -> impl IntoView {
    let chosen = move || view.with(|v| v.types.len());
    let summary = move || match chosen() {
        0 => "Any event type".to_string(),
        1 => catalog.with(|catalog| type_label(catalog, &view.get().types[0])),
        n => format!("{n} event types"),
    };
    // The panel is built when the picker first opens (a click on the summary comes before the
    // browser opens it, by mouse or keyboard), from its own chunk: closed, it costs nothing at start.
    let opened = RwSignal::new(false);
    view! {
        <details class="field picker">
            <summary class="picker-summary" on:click=move |_| opened.set(true)>
                <span class="field-label">"Event type"</span>
                <span class="picker-value">{summary}</span>
            </summary>
            <Show when=move || opened.get()>{lazy(move || type_picker_panel(view, set_view, catalog))}</Show>
        </details>
    }
}

split! {
    fn type_picker_panel(view: Memo<EventsView>, set_view: SetView, catalog: Signal<Catalog>) -> AnyView {
        view! { <TypePickerPanel view set_view catalog/> }.into_any()
    }
}

#[component]
fn TypePickerPanel(view: Memo<EventsView>, set_view: SetView, catalog: Signal<Catalog>) -> impl IntoView {
    let types = Signal::derive(move || catalog.with(|c| c.values().cloned().collect::<Vec<_>>()));
    let chosen = Signal::derive(move || view.with(|v| v.types.clone()));
    let on_change = Callback::new(move |types: Vec<String>| {
        set_view.run((EventsView { types, ..view.get_untracked().filters_only() }, false));
    });
    view! {
        <div class="picker-panel">
            <TypeChecklist types chosen on_change />
        </div>
    }
}

/// `datetime-local` input value (the browser's local time) for a moment, and back.
fn to_local_input(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| {
        let local_ms = t.timestamp_millis() + i64::from(browser_offset_minutes(t)) * 60_000;
        DateTime::from_timestamp_millis(local_ms).map(|l| input_minutes(&l.naive_utc())).unwrap_or_default()
    })
    .unwrap_or_default()
}

fn from_local_input(value: &str) -> Option<DateTime<Utc>> {
    if value.is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    (!ms.is_nan()).then(|| DateTime::from_timestamp_millis(ms as i64)).flatten()
}

#[component]
fn RangePicker(view: Memo<EventsView>, set_view: SetView) -> impl IntoView {
    let me = crate::session::use_me();
    let kept_days = move || me.with(|me| me.as_ref().and_then(|me| me.event_retention_days));
    let set_range = move |range: Range| {
        let mut next = view.get_untracked().filters_only();
        next.range = range;
        set_view.run((next, false));
    };
    let on_preset = move |ev| {
        let key = event_target_value(&ev);
        let range = match key.as_str() {
            "custom" => Range::Custom { from: None, to: None },
            key => Range::PRESETS.into_iter().find(|r| r.key() == key).unwrap_or_default(),
        };
        set_range(range);
    };
    let custom = move || match view.get().range {
        Range::Custom { from, to } => Some((from, to)),
        _ => None,
    };
    view! {
        <label class="field">
            <span class="field-label">
                "Time"{move || kept_days().map(|days| format!(" (events kept {days} days)"))}
            </span>
            <select class="range" prop:value=move || view.get().range.key() on:change=on_preset>
                {Range::PRESETS.map(|r| view! { <option value=r.key()>{r.label()}</option> })}
                <option value="custom">"Custom range…"</option>
            </select>
        </label>
        {move || {
            custom()
                .map(|(from, to)| {
                    view! {
                        <label class="field">
                            <span class="field-label">"From"</span>
                            <input
                                type="datetime-local"
                                prop:value=to_local_input(from)
                                on:change=move |ev| set_range(Range::Custom {
                                    from: from_local_input(&event_target_value(&ev)),
                                    to,
                                })
                            />
                        </label>
                        <label class="field">
                            <span class="field-label">"To"</span>
                            <input
                                type="datetime-local"
                                prop:value=to_local_input(to)
                                on:change=move |ev| set_range(Range::Custom {
                                    from,
                                    to: from_local_input(&event_target_value(&ev)),
                                })
                            />
                        </label>
                    }
                })
        }}
    }
}

#[component]
fn ActiveChips(view: Memo<EventsView>, set_view: SetView, catalog: Signal<Catalog>) -> impl IntoView {
    let chips = move || catalog.with(|catalog| chips(&view.get(), |t| type_label(catalog, t)));
    view! {
        <Show when=move || !chips().is_empty()>
            <ul class="chips" aria-label="Active filters">
                {move || {
                    chips()
                        .into_iter()
                        .map(|(label, without)| {
                            let remove_label = format!("Remove filter {label}");
                            view! {
                                <li class="chip">
                                    <span>{label}</span>
                                    <button
                                        type="button"
                                        class="chip-remove"
                                        aria-label=remove_label
                                        on:click=move |_| set_view.run((without.clone(), false))
                                    >
                                        {Icon::Close.view()}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <li>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| set_view.run((EventsView::default(), false))
                    >
                        "Clear all"
                    </button>
                </li>
            </ul>
        </Show>
    }
}
