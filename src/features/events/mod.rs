//! The event table: find any event among 100,000 and understand it.

mod columns;
mod download;
mod drawer;
mod filters;
mod list;
mod table;
mod view_state;

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use event_center_contract::Order;
use leptos::html;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::features::EVENTS;
use crate::live::{use_live, Mode};
use crate::session::use_client;
use crate::ui::count::counted;
use crate::ui::menu::{Menu, MenuHandle};
use crate::ui::paged_list::{LoadedCount, MoreStatus, Shown, Status};
use crate::ui::pages::Pages;
use crate::ui::split::{lazy, lazy_closable, split};
use crate::ui::time_format::Zone;
use crate::ui::url_state;
use crate::ui::{now, page_title, Failure, Icon, Skeleton, Subject, Title};
use columns::{Column, TablePrefs};
use download::{Export, ExportState, Format};
use filters::FilterBar;
use list::EventList;
use table::{type_label, Catalog, EventsTable};
use view_state::chips;
pub use view_state::{EventsView, Range};

/// How often live mode asks for newer events while no stream is up.
const LIVE_POLL: Duration = Duration::from_secs(5);

/// The event table's address showing `view`: how every screen links into it.
pub fn href(view: &EventsView) -> String {
    url_state::href(&EVENTS.href(), view.to_query())
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let (view, set_view) =
        url_state::use_url_view(EVENTS.href(), EventsView::from_query, EventsView::to_query);
    let filters = Memo::new(move |_| view.get().filters_only());

    let client = use_client();
    let catalog_resource = LocalResource::new({
        let client = client.clone();
        move || {
            let client = client.clone();
            async move {
                let types = client.event_types().await?;
                Ok::<Catalog, ApiError>(types.into_iter().map(|t| (t.name.clone(), t)).collect())
            }
        }
    });
    // A memo, so readers borrow the one catalog instead of each building a copy.
    let catalog: Signal<Catalog> =
        Memo::new(move |_| catalog_resource.get().and_then(Result::ok).unwrap_or_else(HashMap::new)).into();

    let list = EventList::new(client.clone());
    let refresh = RwSignal::new(0u32);
    Effect::new(move |_| {
        refresh.track();
        list.load(&filters.get());
    });

    // Relative times age while the page is open.
    let clock = RwSignal::new(now());
    let live = RwSignal::new(false);
    let at_top = RwSignal::new(true);
    // Live mode adds the newest events, so it runs with the newest first. It asks for them when
    // the session's stream brings one, and every few seconds only while no stream is up.
    let poll = move || {
        if live.get_untracked() && view.with_untracked(|v| v.order == Order::NewestFirst) {
            list.poll_newer(at_top.get_untracked());
        }
    };
    let session = use_live();
    Effect::watch(move || session.arrivals.get(), move |_, _, _| poll(), false);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            clock.set(now());
            if session.mode.get_untracked() == Mode::Polling {
                poll();
            }
        },
        LIVE_POLL,
    ) {
        on_cleanup(move || handle.clear());
    }

    let prefs = TablePrefs::load();
    let search = NodeRef::<html::Input>::new();
    let focus_search = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing {
            if let Some(input) = search.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || focus_search.remove());

    // The event this tab opened, whose history entry sits on top of the table's: closing it
    // goes back to that entry, so Back after closing does not bring the event back.
    let opened_here = StoredValue::new(None::<String>);
    let open = Callback::new(move |id: String| {
        opened_here.set_value(Some(id.clone()));
        let mut next = view.get_untracked();
        next.selected = Some(id);
        set_view.run((next, false));
    });
    let close = Callback::new(move |()| {
        let current = view.get_untracked();
        if current.selected.is_some() && current.selected == opened_here.get_value() {
            let _ = window().history().and_then(|h| h.back());
        } else {
            // Opened from a link: the event's entry becomes the table's.
            set_view.run((current.filters_only(), true));
        }
    });
    let show_view = Callback::new(move |next: EventsView| set_view.run((next, false)));
    let selected = Signal::derive(move || view.get().selected);
    let drawer_open = move || selected.get().is_some();
    // However the drawer closed (Escape, its button, Back), focus returns to the event's row
    // once the table is no longer inert.
    Effect::new(move |previous: Option<Option<String>>| {
        let current = selected.get();
        if let (Some(Some(id)), None) = (previous, &current) {
            request_animation_frame(move || {
                if let Ok(Some(row)) = document().query_selector(&format!("tr[data-id='{id}']")) {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(row).focus();
                }
            });
        }
        current
    });

    let export = Export::new();
    let export_client = StoredValue::new_local(client);
    let start_export = move |format: Format| {
        export.start(export_client.get_value(), filters.get_untracked().to_event_query(now(), 500), format);
    };

    // `None` until `/me` answers: the link keeps its place unseen meanwhile, so that the toolbar
    // does not move when it appears. Without an answer it goes.
    let can_forward = crate::session::use_can(event_center_contract::capability::FORWARDERS_WRITE);
    view! {
        <Title text=page_title(EVENTS.label) />
        <div class="events-page" inert=drawer_open>
            <div class="page-header">
                <h1>"Events"</h1>
                <div class="toolbar">
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| refresh.update(|n| *n += 1)
                    >
                        {Icon::Refresh.view()}
                        "Refresh"
                    </button>
                    <button
                        type="button"
                        class="button button-secondary toggle"
                        aria-pressed=move || live.get().to_string()
                        disabled=move || view.with(|v| v.order == Order::OldestFirst)
                        title="Show new events as they arrive (newest first)"
                        on:click=move |_| live.update(|l| *l = !*l)
                    >
                        <span class="live-dot" aria-hidden="true"></span>
                        "Live"
                    </button>
                    <ExportMenu export start=Callback::new(start_export) />
                    // Its address is written as it is followed: kept current, it would cost the
                    // first download a render effect for every filter change.
                    <a
                        class="button button-secondary"
                        href="/forwarders/new"
                        hidden=move || can_forward.get() == Some(false)
                        style:visibility=move || can_forward.get().is_none().then_some("hidden")
                        title="A new forwarder for the events of this filter"
                        on:click=move |ev| {
                            if let Some(link) = ev
                                .current_target()
                                .and_then(|t| {
                                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(t).ok()
                                })
                            {
                                link.set_href(&view.with_untracked(forward_these));
                            }
                        }
                    >
                        "Forward"
                    </a>
                    <TableOptions prefs />
                </div>
            </div>
            <FilterBar view set_view catalog search />
            <ExportStatus export />
            <NewEventsBanner list />
            <ListBody list view set_view catalog prefs clock selected open at_top />
        </div>
        {move || {
            selected
                .get()
                .map(|id| {
                    let zone = Signal::derive(move || prefs.zone.get());
                    lazy_closable(
                        move || drawer::event_drawer(id.clone(), catalog, zone, close, show_view),
                        close,
                    )
                })
        }}
    }
}

/// The forwarder wizard, started with the filter's event types and source (the seed's forwarder
/// button).
fn forward_these(view: &EventsView) -> String {
    crate::features::forwarders::new_href(&crate::features::forwarders::Prefill {
        event_types: view.types.clone(),
        source_kind: view.source_kind,
        source: view.source.clone(),
    })
}

/// The table, or the state that stands in for it: loading, error, empty.
#[component]
fn ListBody(
    list: EventList,
    view: Memo<EventsView>,
    set_view: filters::SetView,
    catalog: Signal<Catalog>,
    prefs: TablePrefs,
    clock: RwSignal<DateTime<Utc>>,
    selected: Signal<Option<String>>,
    open: Callback<String>,
    at_top: RwSignal<bool>,
) -> impl IntoView {
    let shown = list.rows.shown();
    let stale = move || list.rows.status.get() == Status::Loading;
    move || {
        match shown.get() {
            Shown::Loading => view! { <Skeleton label="Loading events" /> }.into_any(),
            Shown::Failed(error) => failure(error, list, set_view).into_any(),
            // Tracked inside: the chips' labels follow the catalog, which may arrive after the list.
            Shown::Empty => (move || {
                let filtered = view.with(EventsView::is_filtered);
                let active = catalog
                    .with(|c| chips(&view.get(), |t| type_label(c, t)))
                    .into_iter()
                    .map(|(l, _)| l)
                    .collect::<Vec<_>>();
                view! {
                    <div class="state state-empty" role="status">
                        {if filtered {
                            view! {
                                <p>
                                    <strong>"No events match these filters."</strong>
                                </p>
                                <p class="muted">{active.join(" · ")}</p>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| set_view.run((EventsView::default(), false))
                                >
                                    "Clear all filters"
                                </button>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p>
                                    <strong>"No events yet."</strong>
                                    " Events appear here as the platform records them."
                                </p>
                            }
                                .into_any()
                        }}
                    </div>
                }
            })
            .into_any(),
            Shown::Rows => view! {
                <LoadedCount list=list.rows what=("event", "events") />
                <div class="table-wrap" class:stale=stale aria-busy=move || stale().to_string()>
                    <EventsTable
                        list
                        catalog
                        prefs
                        now=clock.into()
                        selected
                        on_open=open
                        at_top
                        order=Signal::derive(move || view.get().order)
                        on_sort=Callback::new(move |()| {
                            let mut next = view.get_untracked().filters_only();
                            next.order = match next.order {
                                Order::NewestFirst => Order::OldestFirst,
                                Order::OldestFirst => Order::NewestFirst,
                            };
                            set_view.run((next, false));
                        })
                    />
                </div>
                <MoreStatus list=list.rows what="events" />
            }
            .into_any(),
        }
    }
}

/// What the event list's failures are of.
const EVENTS_SUBJECT: Subject = Subject {
    what: "events",
    failed: "The events could not be loaded.",
    capability: "events:read",
    choices: "filters",
    missing: None,
};
/// What a failure to read one event (the drawer, the event viewer) is of.
pub const EVENT_SUBJECT: Subject = Subject {
    what: "this event",
    failed: "This event could not be loaded.",
    capability: "events:read",
    choices: "filters",
    missing: Some("There is no such event: the link may be wrong, or the event no longer kept."),
};

/// What a failure to read the catalog of event types is of (the forms that choose among them).
pub const EVENT_TYPES: Subject = Subject {
    what: "the event types",
    failed: "The event types could not be loaded.",
    capability: "events:read",
    choices: "choices",
    missing: None,
};

/// A designed state for each way the first page can fail.
fn failure(error: ApiError, list: EventList, set_view: filters::SetView) -> impl IntoView {
    let retry = Callback::new(move |()| list.rows.retry());
    let clear = Callback::new(move |()| set_view.run((EventsView::default(), false)));
    view! { <Failure error subject=EVENTS_SUBJECT retry reset=("Clear all filters", clear) /> }
}

#[component]
fn NewEventsBanner(list: EventList) -> impl IntoView {
    let count = move || list.pending.with(Pages::len);
    view! {
        <Show when=move || { count() > 0 }>
            <button
                type="button"
                class="new-events"
                on:click=move |_| {
                    list.show_pending();
                    if let Ok(Some(el)) = document().query_selector(".table-scroll") {
                        el.set_scroll_top(0);
                    }
                }
            >
                {move || format!("{}: show", counted(count() as u64, ("new event", "new events")))}
            </button>
        </Show>
    }
}

#[component]
fn ExportMenu(export: Export, start: Callback<Format>) -> impl IntoView {
    let busy = move || matches!(export.state.get(), ExportState::Running { .. });
    view! {
        <Menu
            label="Export"
            items=move |menu: MenuHandle| {
                view! {
                    <button
                        type="button"
                        class="menu-item"
                        disabled=busy
                        on:click=menu.choose(move || start.run(Format::Json))
                    >
                        "JSON, grouped by event type"
                    </button>
                    <button
                        type="button"
                        class="menu-item"
                        disabled=busy
                        on:click=menu.choose(move || start.run(Format::Csv))
                    >
                        "CSV"
                    </button>
                }
            }
        />
    }
}

#[component]
fn ExportStatus(export: Export) -> impl IntoView {
    move || match export.state.get() {
        ExportState::Idle => None,
        ExportState::Running { format } => Some(
            view! {
                <div class="banner" role="status">
                    {format!("Exporting {}…", if format == Format::Json { "JSON" } else { "CSV" })}
                    " "
                    <button type="button" class="link-button" on:click=move |_| export.cancel()>
                        "Cancel"
                    </button>
                </div>
            }
            .into_any(),
        ),
        ExportState::Done { file } => Some(
            view! {
                <div class="banner" role="status">
                    {format!("Exported to {file}.")}
                </div>
            }
            .into_any(),
        ),
        ExportState::Failed(message) => Some(
            view! {
                <div class="banner banner-error" role="alert">
                    {format!("The export failed: {message}")}
                </div>
            }
            .into_any(),
        ),
    }
}

/// Column visibility and the time zone, remembered in this browser.
#[component]
fn TableOptions(prefs: TablePrefs) -> impl IntoView {
    // Built when first opened, from its own chunk, as the type picker's panel is.
    let opened = RwSignal::new(false);
    view! {
        <details class="menu">
            <summary class="button button-secondary" on:click=move |_| opened.set(true)>
                "Columns"
            </summary>
            <Show when=move || opened.get()>{lazy(move || table_options_panel(prefs))}</Show>
        </details>
    }
}

split! {
    fn table_options_panel(prefs: TablePrefs) -> AnyView {
        view! {
            <div class="menu-panel">
                <fieldset>
                    <legend>"Show columns"</legend>
                    {Column::ALL.into_iter().filter(|c| c.can_hide()).map(|c| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || prefs.shows(c)
                                on:change=move |ev| prefs.set_shown(c, event_target_checked(&ev))/>
                            {c.label()}
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"Times in"</legend>
                    {[(Zone::Utc, "UTC"), (Zone::Local, "Local time")].map(|(zone, label)| view! {
                        <label class="check">
                            <input type="radio" name="time-zone" prop:checked=move || prefs.zone.get() == zone
                                on:change=move |_| prefs.set_zone(zone)/>
                            {label}
                        </label>
                    })}
                </fieldset>
            </div>
        }
        .into_any()
    }
}
