//! One forwarder's deliveries, newest first: keyset-paged and windowed like the event table,
//! filtered by status in the URL, each leading to its event, a failed one sent again in place.

use event_center_contract::{capability, Delivery, DeliveryStatus, Forwarder};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::draft::Kind;
use super::signing::SigningSecret;
use super::{edit_href, forwarder_href, FORWARDER};
use crate::features::events::{self, EventsView};
use crate::features::FORWARDERS;
use crate::session::{use_client, use_me};
use crate::ui::count::counted;
use crate::ui::delivery::{answer, status_label, DeliveryBadge, RetryDelivery};
use crate::ui::paged_list::{replace_item, LoadedCount, MoreStatus, PagedList, Shown};
use crate::ui::split::LazyStyles;
use crate::ui::time_format::{browser_offset_minutes, exact, relative, Zone};
use crate::ui::url_state::{use_url_view, SetView};
use crate::ui::{now, page_title, Failure, Skeleton, Subject, Title, WindowedTable};

const FIRST_PAGE: u32 = 100;
const PAGE: u32 = 500;

const DELIVERIES: Subject = Subject {
    what: "these deliveries",
    failed: "The deliveries could not be loaded.",
    capability: capability::FORWARDERS_READ,
    choices: "filters",
    missing: None,
};

fn status_from_query(query: &str) -> Option<DeliveryStatus> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "status")
        .and_then(|(_, value)| DeliveryStatus::parse(&value))
}

fn status_to_query(status: &Option<DeliveryStatus>) -> String {
    status.map(|s| format!("status={}", s.as_str())).unwrap_or_default()
}

#[component]
pub fn DeliveriesPage(id: String) -> impl IntoView {
    // The log is asked for beside the forwarder, not after it: on a real backend that is a
    // round trip less before the first rows.
    let (status, set_status) = use_url_view(forwarder_href(&id), status_from_query, status_to_query);
    let list = PagedList::asking(use_client(), (FIRST_PAGE, PAGE), {
        let id = id.clone();
        move |client, status: &Option<DeliveryStatus>, cursor, limit| {
            let (id, status) = (id.clone(), *status);
            async move { client.deliveries(&id, status, limit, cursor.as_deref()).await }
        }
    });
    Effect::new(move |_| list.load(status.get()));
    let id = StoredValue::new(id);
    let forwarder = LocalResource::new(move || {
        let (client, id) = (use_client(), id.get_value());
        async move { client.forwarder(&id).await }
    });
    view! {
        <Title text=page_title("Deliveries") />
        <LazyStyles href="/lazy/forwarders.css">
            <p class="muted">
                <a href=FORWARDERS.href()>"Forwarders"</a>
                " / Deliveries"
            </p>
            {move || match forwarder.get() {
                None => view! { <Skeleton label="Loading the forwarder" /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <h1>"Deliveries"</h1>
                        <Failure error subject=FORWARDER retry=Callback::new(move |()| forwarder.refetch()) />
                    }
                        .into_any()
                }
                Some(Ok(forwarder)) => view! { <Log forwarder list status set_status /> }.into_any(),
            }}
        </LazyStyles>
    }
}

#[component]
fn Log(
    forwarder: Forwarder,
    list: PagedList<Delivery, Option<DeliveryStatus>>,
    /// The status filter, in the URL.
    status: Memo<Option<DeliveryStatus>>,
    set_status: SetView<Option<DeliveryStatus>>,
) -> impl IntoView {
    let me = use_me();
    // Tracked: a deep link may open the log before `/me` has answered.
    let can_write = Signal::derive(move || me.get().is_some_and(|m| m.can(capability::FORWARDERS_WRITE)));
    let navigate = use_navigate();
    let open = Callback::new(move |delivery_id: String| {
        let event = list
            .items
            .with_untracked(|all| all.iter().find(|d| d.id == delivery_id).map(|d| d.event_id.clone()));
        if let Some(event) = event {
            navigate(
                &events::href(&EventsView { selected: Some(event), ..EventsView::default() }),
                Default::default(),
            );
        }
    });
    let sent = Callback::new(move |sent: Delivery| replace_item(list.items, sent, |d| &d.id));
    let clock = now();
    let headers = || {
        view! {
            {["Event", "Attempted", "Attempt", "Status", "Answer"]
                .map(|h| view! { <th scope="col">{h}</th> })}
            <th scope="col">
                <span class="visually-hidden">"Actions"</span>
            </th>
        }
    };
    let cells = move |d: &Delivery| {
        let retry = (d.status == DeliveryStatus::Failed && can_write.get())
            .then(|| view! { <RetryDelivery delivery=d.clone() on_sent=sent /> });
        let attempted = d.attempted_at.map(|at| {
            view! {
                <time datetime=at.to_rfc3339() title=exact(at, Zone::Utc, browser_offset_minutes)>
                    {relative(at, clock)}
                </time>
            }
        });
        view! {
            <td>
                <code>{d.event_id.clone()}</code>
            </td>
            <td>{attempted}</td>
            <td>{d.attempt}</td>
            <td>
                <DeliveryBadge status=d.status />
            </td>
            <td title=answer(d, clock)>{answer(d, clock)}</td>
            <td>{retry}</td>
        }
    };
    let shown = list.shown();
    let spec = &forwarder.spec;
    view! {
        <div class="page-head">
            <div>
                <h1>{spec.name.clone()}</h1>
                <p class="lead">
                    {format!(
                        "{} forwarder · {} · {}",
                        Kind::of(&spec.config).label(),
                        counted(spec.event_types.len() as u64, ("event type", "event types")),
                        if spec.enabled { "enabled" } else { "disabled" },
                    )}
                </p>
            </div>
            {
                let edit = edit_href(&forwarder.id);
                move || {
                    can_write
                        .get()
                        .then(|| {
                            view! {
                                <a class="button button-secondary" href=edit.clone()>
                                    "Edit"
                                </a>
                            }
                        })
                }
            }
        </div>
        {forwarder
            .signing_secret_rotated_at
            .map(|rotated_at| {
                view! {
                    <SigningSecret id=forwarder.id.clone() name=spec.name.clone() rotated_at can_write />
                }
            })}
        <div class="filter-bar" role="search" aria-label="Filter the deliveries">
            <label class="field">
                <span class="field-label">"Status"</span>
                <select
                    class="delivery-status"
                    prop:value=move || status.get().map_or("", |s| s.key())
                    on:change=move |ev| {
                        set_status.run((DeliveryStatus::parse(&event_target_value(&ev)), false))
                    }
                >
                    <option value="">"Any"</option>
                    {DeliveryStatus::ALL
                        .map(|s| view! { <option value=s.key()>{status_label(s).0}</option> })}
                </select>
            </label>
        </div>
        {move || match shown.get() {
            Shown::Loading => view! { <Skeleton label="Loading deliveries" /> }.into_any(),
            Shown::Failed(error) => {
                view! { <Failure error subject=DELIVERIES retry=Callback::new(move |()| list.retry()) /> }
                    .into_any()
            }
            Shown::Empty => {
                view! {
                    <div class="state state-empty" role="status">
                        <p>
                            <strong>
                                {move || {
                                    if status.get().is_some() {
                                        "No delivery has this status."
                                    } else {
                                        "Nothing was delivered yet."
                                    }
                                }}
                            </strong>
                        </p>
                        <p class="muted">"Deliveries appear here as matching events happen."</p>
                    </div>
                }
                    .into_any()
            }
            Shown::Rows => {
                view! {
                    <LoadedCount list what=("delivery", "deliveries") />
                    <WindowedTable
                        list
                        label="Deliveries"
                        class="events-table deliveries-table"
                        headers
                        id_of=|d: &Delivery| d.id.clone()
                        cells
                        selected=Signal::derive(|| None)
                        on_open=open
                    />
                    <MoreStatus list what="deliveries" />
                }
                    .into_any()
            }
        }}
    }
}
