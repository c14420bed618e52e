//! Everything about one event, in a drawer with its own URL (`?event=`). Escape or the close
//! button closes it, and focus returns to the event's row.

use event_center_contract::{Delivery, DeliveryStatus, EventDetail, SourceKind};
use leptos::html;
use leptos::prelude::*;
use serde_json::Value;

use super::table::{type_label, Catalog};
use super::view_state::EventsView;
use super::EVENT_SUBJECT;
use crate::features::forwarders;
use crate::features::trigger_runs::TriggerRuns;
use crate::session::use_client;
use crate::ui::delivery::{answer, DeliveryBadge, RetryDelivery};
use crate::ui::paged_list::replace_item;
use crate::ui::split::split;
use crate::ui::time_format::{browser_offset_minutes, exact, Zone};
use crate::ui::{dialog, now, CopyButton, Failure, Icon, LongText};

/// Payload keys whose values are hidden: secrets never reach the screen or the clipboard.
const SENSITIVE: [&str; 7] = ["password", "secret", "token", "apikey", "api_key", "privatekey", "credential"];

pub fn is_sensitive(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    SENSITIVE.iter().any(|s| key.contains(s) || key.replace('_', "").contains(s))
}

/// The payload with sensitive values replaced, as shown and as copied.
pub fn masked(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if is_sensitive(k) && !v.is_object() {
                        Value::String("••••••••".into())
                    } else {
                        masked(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(masked).collect()),
        other => other.clone(),
    }
}

/// Where "Forward events like this" leads: the forwarder wizard, given the type and the object.
fn forward_like_this_href(event_type: &str, source_kind: SourceKind, source: &str) -> String {
    forwarders::new_href(&forwarders::Prefill {
        event_types: vec![event_type.to_string()],
        source_kind: Some(source_kind),
        source: source.to_string(),
    })
}

split! {
    pub fn event_drawer(
        id: String,
        catalog: Signal<Catalog>,
        zone: Signal<Zone>,
        on_close: Callback<()>,
        on_view: Callback<EventsView>,
    ) -> AnyView {
        view! { <EventDrawer id catalog zone on_close on_view/> }.into_any()
    }
}

#[component]
fn EventDrawer(
    id: String,
    catalog: Signal<Catalog>,
    zone: Signal<Zone>,
    on_close: Callback<()>,
    on_view: Callback<EventsView>,
) -> impl IntoView {
    let close_button = NodeRef::<html::Button>::new();
    let detail = LocalResource::new({
        let id = id.clone();
        move || {
            let (client, id) = (use_client(), id.clone());
            async move { client.event(&id).await }
        }
    });
    dialog::focus_on_open(move || close_button.get().map(Into::into));
    let on_keydown = dialog::escape_closes(on_close);
    let body = move || {
        detail.get().map(|result| match result {
            Ok(detail) => catalog.with(|catalog| details(detail, catalog, zone.get(), on_view)).into_any(),
            Err(error) => view! { <Failure error subject=EVENT_SUBJECT retry=Callback::new(move |()| detail.refetch()) /> }
            .into_any(),
        })
    };
    view! {
        <div class="drawer-backdrop" on:click=move |_| on_close.run(())></div>
        <div
            class="drawer"
            role="dialog"
            aria-modal="true"
            aria-labelledby="drawer-title"
            on:keydown=on_keydown
        >
            <header class="drawer-header">
                <h2 id="drawer-title" title=format!("Event {id}")>
                    "Event "
                    <code>{id.clone()}</code>
                </h2>
                <button
                    type="button"
                    class="icon-button"
                    node_ref=close_button
                    aria-label="Close event details"
                    on:click=move |_| on_close.run(())
                >
                    {Icon::Close.view()}
                </button>
            </header>
            <div class="drawer-body">
                <Suspense fallback=|| {
                    view! {
                        <p class="muted" role="status">
                            "Loading the event…"
                        </p>
                    }
                }>{body}</Suspense>
            </div>
        </div>
    }
}

fn details(
    detail: EventDetail,
    catalog: &Catalog,
    zone: Zone,
    on_view: Callback<EventsView>,
) -> impl IntoView {
    let recorded = recorded_facts(&detail, zone);
    let context = detail.context.as_ref().map(masked);
    let event = detail.event;
    let (severity, severity_name) = (event.severity.key(), event.severity.as_str().to_owned());
    let label = type_label(catalog, &event.event_type);
    let enabled_at = catalog.get(&*event.event_type).and_then(|t| t.enabled_at.clone());
    let like = EventsView::like(&event.event_type, &event.source);
    let by_source = EventsView { source: event.source.to_string(), ..EventsView::default() };
    let payload = masked(&detail.payload);
    let copy_text = serde_json::to_string_pretty(&payload).unwrap_or_default();
    let kind = match &event.source_kind {
        SourceKind::Item => "Item",
        SourceKind::AuthMethod => "Auth method",
        SourceKind::Target => "Target",
        SourceKind::Gateway => "Gateway",
        SourceKind::User => "User",
        SourceKind::System => "System",
        SourceKind::Unknown(value) => value.as_str(),
    }
    .to_owned();
    view! {
        <p class="drawer-summary">
            <span class=format!("sev sev-{severity}")>{severity_name}</span>
            <span class="type-cell">{Icon::for_source_kind(event.source_kind).view()}{label}</span>
        </p>
        <p class="drawer-message">
            <LongText text=event.message.clone() />
        </p>
        <dl class="facts">
            <dt>"Time"</dt>
            <dd>{exact(event.created_at, zone, browser_offset_minutes)}</dd>
            <dt>{kind}</dt>
            <dd>
                <LongText text=event.source.to_string() code=true />
                " "
                <button type="button" class="link-button" on:click=move |_| on_view.run(by_source.clone())>
                    "Filter by this source"
                </button>
            </dd>
            <dt>"Actor"</dt>
            <dd>
                <LongText text=event.actor.as_deref().unwrap_or("—").to_owned() />
            </dd>
            <dt>"IP address"</dt>
            <dd>{event.ip_address.clone().unwrap_or_else(|| "—".into())}</dd>
            {recorded
                .into_iter()
                .map(|(term, value)| {
                    view! {
                        <dt>{term}</dt>
                        <dd>
                            <LongText text=value />
                        </dd>
                    }
                })
                .collect_view()}
            <dt>"Type"</dt>
            <dd>
                <code>{event.event_type.clone()}</code>
                {enabled_at.map(|at| view! { <span class="muted small enabled-at">" · "{at}</span> })}
            </dd>
        </dl>
        <div class="drawer-actions">
            <button type="button" class="button" on:click=move |_| on_view.run(like.clone())>
                "Show events like this"
            </button>
            <a
                class="button button-secondary"
                href=forward_like_this_href(&event.event_type, event.source_kind, &event.source)
            >
                "Forward events like this"
            </a>
        </div>
        <section class="payload" aria-labelledby="payload-title">
            <div class="section-header">
                <h3 id="payload-title">"Payload"</h3>
                <CopyButton text=copy_text label="Copy JSON" />
            </div>
            <div class="json-view">{json_node(None, payload)}</div>
            <p class="muted small">
                "Values of fields that look like secrets are hidden, here and in the copy."
            </p>
        </section>
        {context
            .map(|context| {
                view! {
                    <section class="payload" aria-labelledby="context-title">
                        <h3 id="context-title">"Context"</h3>
                        <div class="json-view">{json_node(None, context)}</div>
                    </section>
                }
            })}
        <section class="related" aria-labelledby="runs-title">
            <h3 id="runs-title">"Trigger runs"</h3>
            <TriggerRuns event_id=event.id.clone() runs=detail.trigger_runs highlight=None />
        </section>
        <Deliveries deliveries=detail.deliveries />
    }
}

/// What the platform records beside the common fields, where it does (authentik's events):
/// whose account, who was impersonated, what logged it, the request, the tenant and the expiry.
fn recorded_facts(detail: &EventDetail, zone: Zone) -> Vec<(&'static str, String)> {
    let context = detail.context.as_ref();
    let request = context.and_then(|c| {
        let request = &c["http_request"];
        Some(format!("{} {}", request["method"].as_str()?, request["path"].as_str()?))
    });
    let account = |username: &str, email: &str| match email {
        "" => username.to_string(),
        email => format!("{username} ({email})"),
    };
    let impersonated = context.and_then(|c| {
        let user = &c["impersonated_user"];
        Some(account(user["username"].as_str()?, user["email"].as_str().unwrap_or_default()))
    });
    [
        ("Account", detail.user.as_ref().map(|u| account(&u.username, &u.email))),
        ("Impersonated user", impersonated),
        ("Logged by", detail.app.clone()),
        ("Request", request),
        ("Tenant", detail.tenant.as_ref().map(|t| t.name.clone())),
        ("Kept until", detail.expires.map(|at| exact(at, zone, browser_offset_minutes))),
    ]
    .into_iter()
    .filter_map(|(term, value)| Some((term, value?)))
    .collect()
}

/// Where forwarders sent the event, and how that went.
#[component]
fn Deliveries(deliveries: Vec<Delivery>) -> impl IntoView {
    let empty = deliveries.is_empty();
    let deliveries = RwSignal::new(deliveries);
    let can_retry = {
        let me = crate::session::use_me();
        move || me.get().is_some_and(|m| m.can(event_center_contract::capability::FORWARDERS_WRITE))
    };
    let sent = Callback::new(move |sent: Delivery| replace_item(deliveries, sent, |d| &d.id));
    let rows = move || {
        deliveries
            .get()
            .into_iter()
            .map(|d| {
                let retry = (d.status == DeliveryStatus::Failed && can_retry())
                    .then(|| view! { <RetryDelivery delivery=d.clone() on_sent=sent /> });
                view! {
                    <tr>
                        <td>
                            {d.forwarder_name.clone()}
                            <span class="muted small">{format!(" ({})", d.forwarder_type)}</span>
                        </td>
                        <td>
                            <DeliveryBadge status=d.status />
                        </td>
                        <td>{format!("attempt {}", d.attempt)}</td>
                        <td>{answer(&d, now())} " " {retry}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="related" aria-labelledby="deliveries-title">
            <h3 id="deliveries-title">"Forwarder deliveries"</h3>
            {if empty {
                Some(view! { <p class="muted small">"No forwarder sent this event."</p> })
            } else {
                None
            }}
            {(!empty)
                .then(|| {
                    view! {
                        <table class="deliveries">
                            <thead>
                                <tr>
                                    <th scope="col">"Forwarder"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Attempt"</th>
                                    <th scope="col">"Answer"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                })}
        </section>
    }
}

/// A collapsible JSON tree; every string is text, never markup.
fn json_node(key: Option<String>, value: Value) -> AnyView {
    let key_view = move || key.clone().map(|k| view! { <span class="json-key">{format!("{k}: ")}</span> });
    let branch = |summary: String, children: Vec<AnyView>| {
        view! {
            <details open>
                <summary>{key_view()}{summary}</summary>
                <ul>{children.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            </details>
        }
        .into_any()
    };
    match value {
        Value::Object(map) => branch(
            format!("{{…}} {} fields", map.len()),
            map.into_iter().map(|(k, v)| json_node(Some(k), v)).collect(),
        ),
        Value::Array(items) => branch(
            format!("[…] {} items", items.len()),
            items.into_iter().map(|v| json_node(None, v)).collect(),
        ),
        Value::String(s) => {
            view! { <span>{key_view()}<span class="json-string">{format!("\"{s}\"")}</span></span> }
                .into_any()
        }
        other => view! { <span>{key_view()}<span class="json-literal">{other.to_string()}</span></span> }
            .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secrets_in_payloads_are_masked_at_any_depth() {
        let payload = json!({
            "name": "/prod/db",
            "payload": { "password": "hunter2", "api-key": "abc", "details": [{ "clientSecret": "s3" }], "tokens": 4 },
        });
        let shown = masked(&payload);
        assert_eq!(shown["name"], "/prod/db");
        assert_eq!(shown["payload"]["password"], "••••••••");
        assert_eq!(shown["payload"]["api-key"], "••••••••");
        assert_eq!(shown["payload"]["details"][0]["clientSecret"], "••••••••");
        assert!(!shown.to_string().contains("hunter2"));
    }

    #[test]
    fn forwarding_like_this_carries_type_and_scope() {
        assert_eq!(
            forward_like_this_href("certificate-expired", SourceKind::Item, "/prod/pki/*"),
            "/forwarders/new?type=certificate-expired&kind=item&scope=%2Fprod%2Fpki%2F*"
        );
    }
}
