//! The event table: its columns and cells, in the windowed table every long list uses.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use event_center_contract::{Event, EventType, Order};
use leptos::prelude::*;

use super::columns::{Column, TablePrefs};
use super::list::EventList;
use crate::ui::time_format::{browser_offset_minutes, exact, relative};
use crate::ui::{Icon, WindowedTable};

/// Event types by name, for labels and icons.
pub type Catalog = HashMap<String, EventType>;

pub fn type_label(catalog: &Catalog, name: &str) -> String {
    catalog.get(name).map_or_else(|| name.to_string(), |t| t.label.clone())
}

#[component]
pub fn EventsTable(
    list: EventList,
    catalog: Signal<Catalog>,
    prefs: TablePrefs,
    now: Signal<DateTime<Utc>>,
    /// The open event, highlighted in the table.
    selected: Signal<Option<String>>,
    /// Opens an event (by id) in the drawer.
    on_open: Callback<String>,
    /// Whether the list is scrolled to its top, for live mode to insert rows in place.
    at_top: RwSignal<bool>,
    order: Signal<Order>,
    /// Flips the order by time.
    on_sort: Callback<()>,
) -> impl IntoView {
    let shown = move |c: Column| prefs.shows(c);
    let headers = move || {
        Column::ALL
            .into_iter()
            .filter(|c| shown(*c))
            .map(|c| {
                let class = c.class();
                if c == Column::Time {
                    let sort = move || match order.get() {
                        Order::NewestFirst => "descending",
                        Order::OldestFirst => "ascending",
                    };
                    let label = move || match order.get() {
                        Order::NewestFirst => "Time, newest first: show oldest first",
                        Order::OldestFirst => "Time, oldest first: show newest first",
                    };
                    view! {
                        <th scope="col" class=class aria-sort=sort>
                            <button
                                type="button"
                                class="sort-button"
                                aria-label=label
                                on:click=move |_| on_sort.run(())
                            >
                                "Time"
                                <span aria-hidden="true">
                                    {move || if order.get() == Order::NewestFirst { " ↓" } else { " ↑" }}
                                </span>
                            </button>
                        </th>
                    }
                    .into_any()
                } else {
                    view! {
                        <th scope="col" class=class>
                            {c.label()}
                        </th>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    // Read once per row as the window moves; the catalog is borrowed, not cloned.
    let cells = move |event: &Event| {
        let (zone, now) = (prefs.zone.get(), now.get());
        catalog.with(|catalog| event_cells(event, catalog, zone, now, &prefs))
    };
    view! {
        <WindowedTable
            list=list.rows
            label="Events"
            class="events-table"
            headers
            id_of=|e: &Event| e.id.clone()
            cells
            selected
            on_open
            at_top
        />
    }
}

fn event_cells(
    event: &Event,
    catalog: &Catalog,
    zone: crate::ui::time_format::Zone,
    now: DateTime<Utc>,
    prefs: &TablePrefs,
) -> impl IntoView {
    let cell = |column: Column, content: AnyView| {
        prefs.shows(column).then(|| view! { <td class=column.class()>{content}</td> })
    };
    let (severity, severity_name) = (event.severity.key(), event.severity.as_str().to_owned());
    let label = type_label(catalog, &event.event_type);
    let time = cell(
        Column::Time,
        view! {
            <time
                datetime=event.created_at.to_rfc3339()
                title=exact(event.created_at, zone, browser_offset_minutes)
            >
                {relative(event.created_at, now)}
            </time>
        }
        .into_any(),
    );
    let severity_cell = cell(
        Column::Severity,
        view! { <span class=format!("sev sev-{severity}")>{severity_name}</span> }.into_any(),
    );
    let type_cell = cell(
        Column::Type,
        view! {
            <span class="type-cell" title=event.event_type.clone()>
                {Icon::for_source_kind(event.source_kind).view()}
                <span>{label}</span>
            </span>
        }
        .into_any(),
    );
    let source = cell(
        Column::Source,
        view! { <span title=event.source.clone()>{event.source.clone()}</span> }.into_any(),
    );
    let actor = cell(Column::Actor, event.actor.clone().unwrap_or_default().into_any());
    let ip = cell(Column::Ip, event.ip_address.clone().unwrap_or_default().into_any());
    let message = cell(
        Column::Message,
        view! { <span title=event.message.clone()>{event.message.clone()}</span> }.into_any(),
    );
    (time, severity_cell, type_cell, source, actor, ip, message)
}
