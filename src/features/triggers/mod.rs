//! Trigger management (seed 001's Settings → Events): per event type, the ignore triggers that
//! run first and the action triggers after them, on the platform or overridden by an RA profile,
//! group or discovery; and the editor of one trigger. One chunk for both pages.

mod assignments;
mod draft;
mod editor;
mod lists;
mod saving;
mod trigger_list;

use event_center_contract::{capability, TriggerKind};
use leptos::prelude::*;

use crate::features::TRIGGERS;
use crate::ui::split::split;
use crate::ui::{url_state, Subject};
pub use lists::TriggersView;

split! {
    pub fn triggers_pages() -> AnyView {
        view! { <TriggersPages/> }.into_any()
    }
}

/// `/triggers`, `/triggers/new` and `/triggers/{id}` (the editor of one).
#[component]
fn TriggersPages() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let page = Memo::new(move |_| params.with(|p| p.get("page").unwrap_or_default()));
    move || match page.get().trim_end_matches('/') {
        "" => view! { <assignments::TriggersPage /> }.into_any(),
        "new" => view! { <editor::EditorPage id=None /> }.into_any(),
        id if !id.contains('/') => {
            view! { <editor::EditorPage id=Some(url_state::decoded(id)) /> }.into_any()
        }
        _ => view! {
            <h1>"Page not found"</h1>
            <p class="lead">
                "Triggers have no such page. " <a href=TRIGGERS.href()>"See every event type's triggers"</a>
            </p>
        }
        .into_any(),
    }
}

/// The triggers page showing `view`.
pub fn href(view: &TriggersView) -> String {
    url_state::href(&TRIGGERS.href(), view.to_query())
}

/// A trigger's editor.
pub fn trigger_href(id: &str) -> String {
    format!("{}/{}", TRIGGERS.href(), js_sys::encode_uri_component(id))
}

/// The editor of a new trigger for `event`, of `kind`.
fn new_href(event: &str, kind: TriggerKind) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("event", event)
        .append_pair("kind", kind_key(kind))
        .finish();
    url_state::href(&format!("{}/new", TRIGGERS.href()), query)
}

fn kind_key(kind: TriggerKind) -> &'static str {
    match kind {
        TriggerKind::Ignore => "ignore",
        TriggerKind::Action => "action",
    }
}

const SUBJECT: Subject = Subject {
    what: "the triggers",
    failed: "The triggers could not be loaded.",
    capability: capability::TRIGGERS_READ,
    choices: "choices",
    missing: None,
};

/// What a failure to read the trigger being edited is of.
const TRIGGER: Subject = Subject {
    what: "this trigger",
    failed: "This trigger could not be loaded.",
    capability: capability::TRIGGERS_READ,
    choices: "choices",
    missing: Some("There is no such trigger: it may have been deleted."),
};

/// What a failure to read the notification profiles an action can send to is of.
const NOTIFICATION_PROFILES: Subject = Subject {
    what: "the notification profiles",
    failed: "The notification profiles could not be loaded.",
    capability: capability::TRIGGERS_READ,
    choices: "choices",
    missing: None,
};

/// Whether the signed-in user may change triggers and their lists.
fn can_write() -> Signal<bool> {
    let me = crate::session::use_me();
    Signal::derive(move || me.get().is_some_and(|m| m.can(capability::TRIGGERS_WRITE)))
}
