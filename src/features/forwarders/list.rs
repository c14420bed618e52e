//! Every forwarder: where it sends what, through which gateway, and how its deliveries go.
//! Enabling and disabling happen in place (shown at once, put back with a message if refused);
//! deleting asks first, naming what will stop being sent.

use event_center_contract::{capability, DeliveryStatsQuery, Forwarder, Gateway};
use futures::future::{join, try_join};
use leptos::prelude::*;

use super::draft::{Kind, Prefill};
use super::{edit_href, forwarder_href, new_href, unusable_because, usable, GATEWAYS, SUBJECT};
use crate::features::FORWARDERS;
use crate::session::{use_client, use_me};
use crate::ui::count::counted;
use crate::ui::delivery::{next_attempt, DeliveryBadge};
use crate::ui::paged_list::replace_item;
use crate::ui::split::LazyStyles;
use crate::ui::time_format::relative;
use crate::ui::{now, page_title, use_toasts, Confirm, FailedRead, Failure, ReadOf, Skeleton, Title, Tone};

/// Under the page's heading: here, with the page's code, not in the first download's sections.
const SUMMARY: &str =
    "Send chosen events through a gateway to email, webhooks, Slack, Microsoft Teams or ServiceNow, \
     and follow every delivery.";

#[component]
pub fn ForwardersPage() -> impl IntoView {
    let loaded = LocalResource::new(move || {
        let client = use_client();
        // Asked at once: on a real backend each read is a round trip.
        async move {
            try_join(async { client.forwarders().await.of(&SUBJECT) }, async {
                client.gateways().await.of(&GATEWAYS)
            })
            .await
        }
    });
    let me = use_me();
    let can_write = Signal::derive(move || me.get().is_some_and(|m| m.can(capability::FORWARDERS_WRITE)));
    view! {
        <Title text=page_title(FORWARDERS.label) />
        <LazyStyles href="/lazy/forwarders.css">
            <div class="page-head">
                <div>
                    <h1>{FORWARDERS.label}</h1>
                    <p class="lead">{SUMMARY}</p>
                </div>
                <Show when=move || can_write.get()>
                    <a class="button" href=new_href(&Prefill::default())>
                        "New forwarder"
                    </a>
                </Show>
            </div>
            {move || match loaded.get() {
                None => view! { <Skeleton label="Loading the forwarders" /> }.into_any(),
                Some(Err(FailedRead { subject, error })) => {
                    view! {
                        <Failure error subject=*subject retry=Callback::new(move |()| loaded.refetch()) />
                    }
                        .into_any()
                }
                Some(Ok((forwarders, gateways))) => {
                    view! { <Forwarders forwarders gateways can_write /> }.into_any()
                }
            }}
        </LazyStyles>
    }
}

#[component]
fn Forwarders(forwarders: Vec<Forwarder>, gateways: Vec<Gateway>, can_write: Signal<bool>) -> impl IntoView {
    let forwarders = RwSignal::new(forwarders);
    let gateways = StoredValue::new(gateways);
    let deleting = RwSignal::new(None::<Forwarder>);
    let confirm_open = RwSignal::new(false);
    let toasts = use_toasts();
    let client = StoredValue::new_local(use_client());
    let replace = move |changed: Forwarder| replace_item(forwarders, changed, |f| &f.id);
    let toggle = Callback::new(move |forwarder: Forwarder| {
        let before = forwarder.clone();
        let mut spec = forwarder.spec.clone();
        spec.enabled = !spec.enabled;
        replace(Forwarder { spec: spec.clone(), ..forwarder.clone() });
        let client = client.get_value();
        leptos::task::spawn_local(async move {
            let saved = client.update_forwarder(&before.id, &spec, before.version).await;
            match saved {
                Ok(saved) => replace(saved),
                Err(error) => {
                    let name = before.spec.name.clone();
                    replace(before);
                    let verb = if spec.enabled { "enabled" } else { "disabled" };
                    toasts.show(
                        format!("\"{name}\" was not {verb}. {error}"),
                        Tone::Error,
                        None,
                        None,
                        std::time::Duration::from_secs(8),
                    );
                }
            }
        });
    });
    let ask_delete = Callback::new(move |forwarder: Forwarder| {
        deleting.set(Some(forwarder));
        confirm_open.set(true);
    });
    let delete = Callback::new(move |()| {
        let Some(forwarder) = deleting.get_untracked() else { return };
        let client = client.get_value();
        leptos::task::spawn_local(async move {
            let deleted = client.delete_forwarder(&forwarder.id, forwarder.version).await;
            let name = forwarder.spec.name.clone();
            match deleted {
                Ok(()) => {
                    forwarders.try_update(|all| all.retain(|f| f.id != forwarder.id));
                    toasts.show(
                        format!("\"{name}\" was deleted."),
                        Tone::Info,
                        None,
                        None,
                        std::time::Duration::from_secs(6),
                    );
                }
                Err(error) => {
                    toasts.show(
                        format!("\"{name}\" was not deleted. {error}"),
                        Tone::Error,
                        None,
                        None,
                        std::time::Duration::from_secs(8),
                    );
                }
            }
        });
    });
    let message = Signal::derive(move || {
        deleting.with(|f| {
            f.as_ref().map_or(String::new(), |f| {
                format!(
                    "Events of {} will no longer be sent to {} ({}). Its delivery history goes with it. This cannot be undone.",
                    counted(f.spec.event_types.len() as u64, ("type", "types")),
                    f.spec.name,
                    Kind::of(&f.spec.config).label()
                )
            })
        })
    });
    let clock = now();
    let rows = move || {
        forwarders
            .get()
            .into_iter()
            .map(|f| {
                let gateway =
                    gateways.with_value(|all| all.iter().find(|g| g.id == f.spec.gateway_id).cloned());
                view! { <Row forwarder=f gateway clock can_write toggle ask_delete /> }
            })
            .collect_view()
    };
    view! {
        <Show
            when=move || !forwarders.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <div class="state state-empty" role="status">
                        <p>
                            <strong>"No forwarder yet."</strong>
                        </p>
                        <p class="muted">
                            "A forwarder sends chosen events through a gateway to email, a webhook, Slack, Microsoft Teams or ServiceNow."
                        </p>
                    </div>
                }
            }
        >
            <div class="table-wrap">
                <table class="forwarders-table">
                    <caption class="visually-hidden">"Forwarders"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Enabled"</th>
                            <th scope="col">"Sends"</th>
                            <th scope="col">"Gateway"</th>
                            <th scope="col">"Last delivery"</th>
                            <th scope="col">
                                <span class="visually-hidden">"Actions"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Show>
        {move || {
            (!can_write.get())
                .then(|| {
                    view! {
                        <p class="banner">
                            "Your role can see forwarders but not change them (it lacks forwarders:write)."
                        </p>
                    }
                })
        }}
        {move || {
            (can_write.get() && !gateways.with_value(|g| g.iter().any(usable)))
                .then(|| view! { <p class="banner">{no_gateway_sentence(&gateways.get_value())}</p> })
        }}
        <Confirm
            open=confirm_open
            title="Delete this forwarder?"
            message
            confirm="Delete"
            on_confirm=delete
        />
    }
}

/// Why no forwarder can be set up: forwarders need a running gateway the user may use.
pub fn no_gateway_sentence(gateways: &[Gateway]) -> String {
    let listed: Vec<String> = gateways
        .iter()
        .map(|g| format!("{} ({})", g.name, unusable_because(g).unwrap_or("usable")))
        .collect();
    let which = if listed.is_empty() {
        "There is no gateway.".to_string()
    } else {
        format!("Gateways: {}.", listed.join(", "))
    };
    format!(
        "Forwarders need a running gateway you have access permission on, and you have none. {which} Ask an administrator for access to a running gateway."
    )
}

#[component]
fn Row(
    forwarder: Forwarder,
    gateway: Option<Gateway>,
    clock: chrono::DateTime<chrono::Utc>,
    can_write: Signal<bool>,
    toggle: Callback<Forwarder>,
    ask_delete: Callback<Forwarder>,
) -> impl IntoView {
    let spec = &forwarder.spec;
    let types = spec.event_types.len();
    let sends = format!(
        "{} · {}",
        match types {
            1 => spec.event_types[0].clone(),
            n => format!("{n} event types"),
        },
        scope_summary(&spec.scope)
    );
    let gateway_cell = match gateway {
        Some(g) => {
            let why = unusable_because(&g);
            view! {
                <span>{g.name.clone()}</span>
                {why.map(|why| view! { <span class="status status-bad">{why}</span> })}
            }
            .into_any()
        }
        None => view! { <span class="muted">{spec.gateway_id.clone()}" (unknown)"</span> }.into_any(),
    };
    let enabled = spec.enabled;
    let name = spec.name.clone();
    let toggled = forwarder.clone();
    let deleted = forwarder.clone();
    view! {
        <tr>
            <th scope="row">
                <a href=forwarder_href(&forwarder.id)>{name.clone()}</a>
            </th>
            <td>{Kind::of(&spec.config).label()}</td>
            <td>
                <label class="switch">
                    <input
                        type="checkbox"
                        role="switch"
                        prop:checked=enabled
                        disabled=move || !can_write.get()
                        aria-label=format!("{name} enabled")
                        on:change=move |_| toggle.run(toggled.clone())
                    />
                    <span>{if enabled { "On" } else { "Off" }}</span>
                </label>
            </td>
            <td title=spec.event_types.join(", ")>{sends}</td>
            <td>{gateway_cell}</td>
            <td class="last-delivery">
                <LastDelivery id=forwarder.id.clone() clock />
            </td>
            <td class="row-actions">
                <Show when=move || can_write.get()>
                    <a class="button button-secondary button-small" href=edit_href(&forwarder.id)>
                        "Edit"
                    </a>
                    <button
                        type="button"
                        class="button button-secondary button-small"
                        on:click={
                            let deleted = deleted.clone();
                            move |_| ask_delete.run(deleted.clone())
                        }
                    >
                        "Delete"
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// `/prod/* and 2 more`, or `every object`.
fn scope_summary(scope: &event_center_contract::ForwarderScope) -> String {
    let paths: Vec<&String> =
        [&scope.items, &scope.auth_methods, &scope.targets, &scope.gateways].into_iter().flatten().collect();
    match paths.as_slice() {
        [] => "every object".into(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}

/// The newest delivery's outcome and time, and how many failed in the last 24 hours (the
/// stats' default range, in the hours the answer gives): a forwarder's health at a glance,
/// whatever its traffic. Both are asked at once; a backend that cannot count leaves the newest
/// delivery alone.
#[component]
fn LastDelivery(id: String, clock: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let id = StoredValue::new(id);
    let recent = LocalResource::new(move || {
        let client = use_client();
        async move {
            let id = id.get_value();
            let (newest, stats) = join(
                client.deliveries(&id, None, 1, None),
                client.delivery_stats(&id, &DeliveryStatsQuery::default()),
            )
            .await;
            newest.ok().map(|page| (page.data.into_iter().next(), stats.ok()))
        }
    });
    move || {
        recent.get().map(|loaded| match loaded {
            None => view! { <span class="muted">"Unknown"</span> }.into_any(),
            Some((None, _)) => view! { <span class="muted">"None yet"</span> }.into_any(),
            Some((Some(newest), stats)) => {
                // A pending one says when it goes next, or since when it is overdue; a
                // finished one, how long ago it went.
                let when = next_attempt(&newest, clock)
                    .or_else(|| newest.attempted_at.map(|at| relative(at, clock)))
                    .unwrap_or_default();
                let failing = stats.filter(|s| s.failed > 0).map(|stats| {
                    view! {
                        <a class="failing" href=format!("{}?status=failed", forwarder_href(&id.get_value()))>
                            {format!(
                                "{} failed in the last {} hours",
                                stats.failed,
                                (stats.to - stats.from).num_hours(),
                            )}
                        </a>
                    }
                });
                view! {
                    <DeliveryBadge status=newest.status />
                    " "
                    <span class="muted small">{when}</span>
                    " "
                    {failing}
                }
                .into_any()
            }
        })
    }
}
