//! The windowed event table: only the rows in view (plus a margin) are in the DOM, so it
//! stays small and fast at 100,000 loaded events. Arrow keys move between rows, Enter opens.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use event_center_contract::{Event, EventType, Order};
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::columns::{Column, TablePrefs};
use super::list::EventList;
use super::window::{near_end, rows_px, visible_rows, ROW_HEIGHT};
use crate::ui::paged_list::Status;
use crate::ui::time_format::{browser_offset_minutes, exact, relative};
use crate::ui::Icon;

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
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(800.0);
    let focused = RwSignal::new(0usize);
    let total = move || list.rows.items.with(Vec::len);
    let range = Memo::new(move |_| visible_rows(scroll_top.get(), viewport.get(), total()));

    // Fetch the next page as the window nears the end of what is loaded.
    Effect::new(move |_| {
        if near_end(&range.get(), total()) && list.rows.has_more() && list.rows.status.get() == Status::Ready
        {
            list.rows.load_more();
        }
    });

    // A new filter starts at its top.
    Effect::new(move |previous: Option<u64>| {
        let generation = list.rows.generation.get();
        if previous.is_some_and(|p| p != generation) {
            // Only when scrolled: setting it forces a layout in the middle of the update.
            if scroll_top.get_untracked() > 0.0 {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                }
                scroll_top.set(0.0);
            }
            focused.set(0);
        }
        generation
    });

    // Never more than the window's height, even if the stylesheet has not bounded the scroller:
    // the DOM stays small whatever happens to the CSS.
    let measure = move |el: &web_sys::HtmlDivElement| {
        let window_height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        viewport.set((el.client_height() as f64).min(window_height));
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(el.scroll_top() as f64);
            at_top.set(el.scroll_top() < ROW_HEIGHT as i32);
        }
    };
    // The height comes from a ResizeObserver, which reports once layout is done: reading it
    // while the rows are being built would make the browser lay the page out an extra time.
    Effect::new(move |_| {
        let Some(el) = scroller.get() else { return };
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            if let Some(el) = scroller.get_untracked() {
                measure(&el);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
        observer.observe(&el);
        let owned = SendWrapper::new((observer, on_resize));
        on_cleanup(move || owned.0.disconnect());
    });

    // Moves keyboard focus to row `index`, scrolling it into view first when it is outside the window.
    let focus_row = move |index: usize| {
        let Some(el) = scroller.get_untracked() else { return };
        focused.set(index);
        let top = index as f64 * ROW_HEIGHT;
        let header = ROW_HEIGHT;
        let view_top = el.scroll_top() as f64;
        let view_height = el.client_height() as f64 - header;
        if top < view_top {
            el.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > view_top + view_height {
            el.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
        }
        scroll_top.set(el.scroll_top() as f64);
        request_animation_frame(move || {
            if let Ok(Some(row)) = document().query_selector(&format!("tr[data-index='{index}']")) {
                let _ = row.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = total();
        if count == 0 {
            return;
        }
        let current = focused.get_untracked().min(count - 1);
        let next = match ev.key().as_str() {
            "ArrowDown" => (current + 1).min(count - 1),
            "ArrowUp" => current.saturating_sub(1),
            "PageDown" => (current + 10).min(count - 1),
            "PageUp" => current.saturating_sub(10),
            "Home" => 0,
            "End" => count - 1,
            "Enter" => {
                if let Some(id) = list.rows.items.with_untracked(|e| e.get(current).map(|e| e.id.clone())) {
                    ev.prevent_default();
                    on_open.run(id);
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus_row(next);
    };

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
                            <button type="button" class="sort-button" aria-label=label on:click=move |_| on_sort.run(())>
                                "Time"<span aria-hidden="true">{move || if order.get() == Order::NewestFirst { " ↓" } else { " ↑" }}</span>
                            </button>
                        </th>
                    }
                    .into_any()
                } else {
                    view! { <th scope="col" class=class>{c.label()}</th> }.into_any()
                }
            })
            .collect_view()
    };
    let column_count = move || Column::ALL.into_iter().filter(|c| shown(*c)).count();

    let rows = move || {
        let range = range.get();
        let zone = prefs.zone.get();
        let now = now.get();
        let selected = selected.get();
        let focused_index = focused.get();
        // Borrowed, not cloned: this runs on every scroll frame.
        catalog.with(|catalog| {
            list.rows.items.with(|events| {
                events[range.clone()]
                    .iter()
                    .enumerate()
                    .map(|(offset, event)| {
                        let index = range.start + offset;
                        let id = event.id.clone();
                        let is_selected = selected.as_deref() == Some(event.id.as_str());
                        let on_click = move |_| {
                            focused.set(index);
                            on_open.run(id.clone());
                        };
                        row(
                            event,
                            index,
                            catalog,
                            zone,
                            now,
                            &prefs,
                            is_selected,
                            index == focused_index,
                            on_click,
                        )
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <div class="table-scroll" node_ref=scroller on:scroll=on_scroll>
            <table class="events-table" aria-label="Events" aria-rowcount=move || total() + 1>
                <thead>
                    <tr aria-rowindex="1">{headers}</tr>
                </thead>
                <tbody on:keydown=on_keydown>
                    <tr class="spacer" aria-hidden="true" style:height=move || rows_px(range.get().start)>
                        <td colspan=column_count></td>
                    </tr>
                    {rows}
                    <tr class="spacer" aria-hidden="true" style:height=move || rows_px(total() - range.get().end)>
                        <td colspan=column_count></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    event: &Event,
    index: usize,
    catalog: &Catalog,
    zone: crate::ui::time_format::Zone,
    now: DateTime<Utc>,
    prefs: &TablePrefs,
    is_selected: bool,
    is_focused: bool,
    on_click: impl Fn(web_sys::MouseEvent) + 'static,
) -> impl IntoView {
    let cell = |column: Column, content: AnyView| {
        prefs.shows(column).then(|| view! { <td class=column.class()>{content}</td> })
    };
    let severity = event.severity.as_str();
    let label = type_label(catalog, &event.event_type);
    let time = cell(
        Column::Time,
        view! {
            <time datetime=event.created_at.to_rfc3339() title=exact(event.created_at, zone, browser_offset_minutes)>
                {relative(event.created_at, now)}
            </time>
        }
        .into_any(),
    );
    let severity_cell = cell(
        Column::Severity,
        view! { <span class=format!("sev sev-{severity}")>{severity}</span> }.into_any(),
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
    view! {
        <tr
            data-index=index
            data-id=event.id.clone()
            aria-rowindex=index + 2
            aria-current=is_selected.then_some("true")
            tabindex=if is_focused { "0" } else { "-1" }
            class:selected=is_selected
            on:click=on_click
        >
            {time}{severity_cell}{type_cell}{source}{actor}{ip}{message}
        </tr>
    }
}
