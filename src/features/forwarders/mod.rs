//! Event forwarders (seed 000): the list, the wizard that sets one up or edits it, and each
//! one's deliveries. Each page is its own chunk; the table and the drawer reach them by link.

mod deliveries;
mod draft;
mod list;
mod signing;
mod steps;
mod wizard;

use event_center_contract::{capability, Gateway, GatewayStatus};
use leptos::prelude::*;

use crate::features::FORWARDERS;
use crate::ui::split::split;
use crate::ui::url_state;
use crate::ui::Subject;
pub use draft::Prefill;

split! {
    pub fn forwarders_pages() -> AnyView {
        view! { <ForwardersPages/> }.into_any()
    }
}

/// `/forwarders`, `/forwarders/new`, `/forwarders/{id}` (its deliveries) and
/// `/forwarders/{id}/edit`.
#[component]
fn ForwardersPages() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let page = Memo::new(move |_| params.with(|p| p.get("page").unwrap_or_default()));
    move || {
        let page = page.get();
        let segments: Vec<&str> = page.trim_end_matches('/').split('/').collect();
        match segments.as_slice() {
            [""] => view! { <list::ForwardersPage /> }.into_any(),
            ["new"] => view! { <wizard::WizardPage id=None /> }.into_any(),
            [id] => view! { <deliveries::DeliveriesPage id=url_state::decoded(id) /> }.into_any(),
            [id, "edit"] => view! { <wizard::WizardPage id=Some(url_state::decoded(id)) /> }.into_any(),
            _ => view! {
                <h1>"Page not found"</h1>
                <p class="lead">
                    "Forwarders have no such page. " <a href=FORWARDERS.href()>"See every forwarder"</a>
                </p>
            }
            .into_any(),
        }
    }
}

/// The wizard for a new forwarder, started with `prefill`.
pub fn new_href(prefill: &Prefill) -> String {
    crate::ui::url_state::href(&format!("{}/new", FORWARDERS.href()), prefill.to_query())
}

/// A forwarder's page: its deliveries.
fn forwarder_href(id: &str) -> String {
    format!("{}/{}", FORWARDERS.href(), js_sys::encode_uri_component(id))
}

fn edit_href(id: &str) -> String {
    format!("{}/edit", forwarder_href(id))
}

const SUBJECT: Subject = Subject {
    what: "the forwarders",
    failed: "The forwarders could not be loaded.",
    capability: capability::FORWARDERS_READ,
    choices: "filters",
    missing: None,
};

/// What a failure to read one forwarder (its deliveries, its editor) is of.
const FORWARDER: Subject = Subject {
    what: "this forwarder",
    failed: "This forwarder could not be loaded.",
    capability: capability::FORWARDERS_READ,
    choices: "filters",
    missing: Some("There is no such forwarder: it may have been deleted."),
};

/// What a failure to read the gateways a forwarder can deliver through is of.
const GATEWAYS: Subject = Subject {
    what: "the gateways",
    failed: "The gateways could not be loaded.",
    capability: capability::GATEWAYS_READ,
    choices: "choices",
    missing: None,
};

/// A gateway a forwarder can deliver through: running, and the user has access permission on it.
fn usable(gateway: &Gateway) -> bool {
    gateway.status == GatewayStatus::Active && gateway.can_forward
}

/// Why a gateway cannot be chosen, if it cannot.
fn unusable_because(gateway: &Gateway) -> Option<&'static str> {
    match (gateway.status == GatewayStatus::Active, gateway.can_forward) {
        (true, true) => None,
        (false, true) => Some("inactive"),
        (_, false) => Some("you have no access permission on it"),
    }
}
