//! The bell: unread notifications in the header, a panel to read them, live updates, and
//! the settings that decide what notifies. Only for users with `notifications:read`.

mod badge;
mod inbox;
mod live;
mod settings;

use event_center_contract::{capability, Notification, Severity};
use leptos::html;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;

use leptos_router::hooks::use_navigate;

use crate::features::events::{self, EventsView};
use crate::features::EVENTS;
use crate::session::{use_client, use_me};
use crate::ui::paged_list::Status;
use crate::ui::pages::Pages;
use crate::ui::split::{lazy, split};
use crate::ui::time_format::relative;
use crate::ui::{dialog, ticking_now, Failure, Icon, Subject};
use inbox::{event_href, Inbox};

pub use settings::notification_settings_page;

/// Where the bell's settings live.
pub const SETTINGS_PATH: &str = "/notification-settings";

/// Bumped when the settings are saved, so the bell recounts at once.
#[derive(Clone, Copy)]
struct SettingsSaved(RwSignal<u32>);

/// Shares what the bell and its settings page both need; call once, from the shell.
pub fn provide() {
    provide_context(SettingsSaved(RwSignal::new(0)));
}

#[component]
pub fn Bell() -> impl IntoView {
    let me = use_me();
    let has_backend = crate::session::use_session().config_error().is_none();
    let allowed =
        Memo::new(move |_| has_backend && me.get().is_some_and(|me| me.can(capability::NOTIFICATIONS_READ)));
    // The bell's code is fetched, and its first counts asked for, at the first idle moment after
    // the user is known: the page's first rows, answered with the user, come first. Its slot
    // keeps the header still meanwhile.
    let idle = RwSignal::new(false);
    Effect::new(move |_| {
        if allowed.get() {
            request_idle_callback(move || {
                let _ = idle.try_set(true);
            });
        }
    });
    // The slot stands from the first paint until the user is known to have no bell, so the
    // header does not move when /me answers with one (the usual case).
    let slot = Memo::new(move |_| {
        has_backend && me.with(|me| me.as_ref().is_none_or(|me| me.can(capability::NOTIFICATIONS_READ)))
    });
    move || {
        slot.get()
            .then(|| view! { <div class="bell-slot">{move || idle.get().then(|| lazy(bell_button))}</div> })
    }
}

split! {
    fn bell_button() -> AnyView {
        view! { <BellButton client=use_client()/> }.into_any()
    }
}

#[component]
fn BellButton(client: crate::api::Client) -> impl IntoView {
    let inbox = Inbox::new(client.clone());
    let mode = live::listen(
        client,
        Callback::new(move |arrived| inbox.arrived(arrived)),
        Callback::new(move |()| inbox.refresh()),
        inbox.failed.into(),
    );
    let saved = use_context::<SettingsSaved>().map(|s| s.0);
    Effect::new(move |_| {
        saved.inspect(|s| s.track());
        inbox.refresh();
    });
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let close = Callback::new(move |()| {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    });
    let total = Signal::derive(move || inbox.counts.get().map_or(0, |c| c.total));
    crate::ui::title::format_titles(Callback::new(move |text: String| {
        badge::title_with_count(total.get(), &text)
    }));
    let loudest = move || inbox.counts.get().and_then(|c| badge::loudest(&c)).map_or("none", Severity::key);
    let _ = use_event_listener(window(), leptos::ev::pagehide, move |_| inbox.send_before_leaving());
    // A click outside the bell and its panel closes the panel.
    let _ = use_event_listener(window(), leptos::ev::click, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest(".bell").ok().flatten())
            .is_some();
        if !inside && open.get_untracked() {
            open.set(false);
        }
    });
    view! {
        <div class="bell" data-live=move || mode.get().as_str()>
            <button
                type="button"
                class="icon-button bell-button"
                node_ref=button
                aria-label=move || badge::accessible_name(inbox.counts.get().as_ref(), inbox.failed.get())
                aria-expanded=move || open.get().to_string()
                aria-controls="bell-panel"
                title="Notifications"
                on:click=move |_| {
                    let opening = !open.get_untracked();
                    open.set(opening);
                    if opening {
                        inbox.load();
                    }
                }
            >
                {Icon::Bell.view()}
                {move || {
                    badge::badge_text(total.get())
                        .map(|text| {
                            view! {
                                <span class="bell-badge" data-severity=loudest aria-hidden="true">
                                    {text}
                                </span>
                            }
                        })
                }}
                <Show when=move || inbox.failed.get()>
                    <span class="bell-offline" aria-hidden="true" title="Counts unavailable; retrying"></span>
                </Show>
            </button>
            <Show when=move || open.get()>{lazy(move || bell_panel(inbox, close))}</Show>
        </div>
    }
}

/// What the panel's failures are of.
const NOTIFICATIONS: Subject = Subject {
    what: "notifications",
    failed: "Notifications could not be loaded.",
    capability: "notifications:read",
    choices: "filters",
    missing: None,
};

split! {
    fn bell_panel(inbox: Inbox, on_close: Callback<()>) -> AnyView {
        view! { <BellPanel inbox on_close/> }.into_any()
    }
}

#[component]
fn BellPanel(inbox: Inbox, on_close: Callback<()>) -> impl IntoView {
    let first = NodeRef::<html::Button>::new();
    dialog::focus_on_open(move || first.get().map(Into::into));
    let clock = ticking_now();
    let navigate = use_navigate();
    let go = Callback::new(move |href: String| {
        on_close.run(());
        navigate(&href, Default::default());
    });
    let tab = move |unread: bool| {
        move |_| {
            if inbox.unread_only.get_untracked() != unread {
                inbox.unread_only.set(unread);
                inbox.load();
            }
        }
    };
    let near_end = move |ev: leptos::ev::Event| {
        let list: web_sys::Element = event_target(&ev);
        if list.scroll_top() + list.client_height() >= list.scroll_height() - 80 {
            inbox.list.load_more();
        }
    };
    view! {
        <section
            id="bell-panel"
            class="bell-panel"
            role="dialog"
            aria-label="Notifications"
            on:keydown=dialog::escape_closes(on_close)
        >
            <div class="bell-panel-header">
                <h2>"Notifications"</h2>
                <div class="bell-tabs" role="group" aria-label="Show">
                    <button
                        type="button"
                        class="toggle"
                        node_ref=first
                        aria-pressed=move || inbox.unread_only.get().to_string()
                        on:click=tab(true)
                    >
                        "Unread"
                    </button>
                    <button
                        type="button"
                        class="toggle"
                        aria-pressed=move || (!inbox.unread_only.get()).to_string()
                        on:click=tab(false)
                    >
                        "All"
                    </button>
                </div>
                <a
                    class="icon-button"
                    href=SETTINGS_PATH
                    aria-label="Notification settings"
                    title="Notification settings"
                    on:click=move |ev| {
                        ev.prevent_default();
                        go.run(SETTINGS_PATH.to_string())
                    }
                >
                    {Icon::Gear.view()}
                </a>
            </div>
            <SeverityCounts inbox go />
            <ul
                class="bell-list"
                on:scroll=near_end
                aria-busy=move || (inbox.list.status.get() != Status::Ready).to_string()
            >
                <For each=move || inbox.list.items.get() key=|n| (n.id.clone(), n.read) let:notification>
                    <NotificationItem notification inbox clock go />
                </For>
            </ul>
            {move || match inbox.list.status.get() {
                Status::Loading => {
                    view! {
                        <p class="bell-note muted" role="status">
                            "Loading notifications…"
                        </p>
                    }
                        .into_any()
                }
                Status::LoadingMore => {
                    view! {
                        <p class="bell-note muted" role="status">
                            "Loading older notifications…"
                        </p>
                    }
                        .into_any()
                }
                Status::Failed(error) => {
                    view! {
                        <div class="bell-note">
                            <Failure
                                error
                                subject=NOTIFICATIONS
                                retry=Callback::new(move |()| inbox.list.retry())
                            />
                        </div>
                    }
                        .into_any()
                }
                Status::Ready if inbox.list.items.with(Pages::is_empty) => {
                    view! {
                        <p class="bell-note muted">
                            {if inbox.unread_only.get() {
                                "You are all caught up: nothing unread."
                            } else {
                                "No notifications yet."
                            }}
                        </p>
                    }
                        .into_any()
                }
                Status::Ready => {
                    view! {
                        <Show when=move || inbox.list.has_more()>
                            <button
                                type="button"
                                class="link-button bell-more"
                                on:click=move |_| inbox.list.load_more()
                            >
                                "Load older notifications"
                            </button>
                        </Show>
                    }
                        .into_any()
                }
            }}
            <div class="bell-panel-footer">
                <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled=move || inbox.counts.get().is_none_or(|c| c.total == 0)
                    on:click=move |_| inbox.mark_all_read()
                >
                    "Mark all as read"
                </button>
                <a
                    href=EVENTS.href()
                    on:click=move |ev| {
                        ev.prevent_default();
                        go.run(EVENTS.href())
                    }
                >
                    "All events"
                </a>
            </div>
        </section>
    }
}

/// "1 critical · 3 warning": each leads to the event table showing exactly those unread events.
#[component]
fn SeverityCounts(inbox: Inbox, go: Callback<String>) -> impl IntoView {
    move || {
        let counts = inbox.counts.get()?;
        let links: Vec<_> = Severity::ALL
            .into_iter()
            .rev()
            .filter(|s| counts.of(*s) > 0)
            .map(|s| {
                let href =
                    events::href(&EventsView { severities: vec![s], unread: true, ..EventsView::default() });
                let label = format!("{} {}", counts.of(s), s.as_str());
                let target = href.clone();
                view! {
                    <a
                        class=format!("sev sev-{}", s.as_str())
                        href=href
                        title=format!("Show the {label} unread events")
                        on:click=move |ev| {
                            ev.prevent_default();
                            go.run(target.clone())
                        }
                    >
                        {label.clone()}
                    </a>
                }
            })
            .collect();
        (!links.is_empty()).then(|| view! { <p class="bell-counts">{links}</p> })
    }
}

#[component]
fn NotificationItem(
    notification: Notification,
    inbox: Inbox,
    clock: Signal<chrono::DateTime<chrono::Utc>>,
    go: Callback<String>,
) -> impl IntoView {
    let (severity, severity_name) = (notification.severity.key(), notification.severity.as_str().to_owned());
    let at = notification.created_at;
    let href = event_href(&notification.event_id);
    let class = if notification.read { "bell-item" } else { "bell-item unread" };
    let open = {
        let (notification, href) = (notification.clone(), href.clone());
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            inbox.mark_read(&notification);
            go.run(href.clone());
        }
    };
    view! {
        <li class=class data-id=notification.id.clone()>
            <a href=href on:click=open>
                <span class=format!("bell-sev sev-{severity}") title=severity_name>
                    {Icon::for_severity(notification.severity).view()}
                </span>
                <span class="bell-text">
                    <span class="bell-title" title=notification.title.clone()>
                        {notification.title.clone()}
                    </span>
                    <span class="bell-meta muted small">
                        {Icon::for_source_kind(notification.source_kind).view()}
                        <span class="bell-source" title=notification.source.clone()>
                            {notification.source.clone()}
                        </span> " · "
                        <time datetime=at.to_rfc3339()>{move || relative(at, clock.get())}</time>
                    </span>
                </span>
                {(!notification.read)
                    .then(|| {
                        view! {
                            <span class="visually-hidden">", unread"</span>
                            <span class="unread-dot" aria-hidden="true"></span>
                        }
                    })}
            </a>
        </li>
    }
}
