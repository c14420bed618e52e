//! Event Center console: the app shell, its routes and the contexts every screen shares.

pub mod api;
pub mod config;
mod crash;
mod features;
mod mock_panel;
mod session;
mod shell;
pub mod theme;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, StaticSegment, WildcardSegment};

use features::{NotFound, EVENTS, EVENT_VIEWER, FORWARDERS, USAGE};
use shell::Shell;
use ui::split::lazy;

use config::{ConfigError, RuntimeConfig};

/// Loads the configuration while the static loading shell of `index.html` shows, then
/// replaces that shell with the running console.
pub fn start() {
    crash::report_panics();
    // Not leptos::task::spawn_local: its executor starts only when the console mounts.
    wasm_bindgen_futures::spawn_local(async {
        let config = config::load().await;
        // The console does not wait for the mock: its module arrives while the page is built.
        let mock = match &config {
            Ok(config) if config.backend == config::Backend::Mock => Some(api::load_mock(&config.mock)),
            _ => None,
        };
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
        leptos::mount::mount_to_body(move || view! { <App config mock/> });
    });
}

#[component]
pub fn App(
    config: Result<RuntimeConfig, ConfigError>,
    /// The mock backend, when the configuration chooses it.
    mock: Option<api::MockConnection>,
) -> impl IntoView {
    provide_meta_context();
    session::provide(config, mock);
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path=EVENTS.href()/> }/>
                    <Route path=StaticSegment(EVENTS.segment) view=features::events::EventsPage/>
                    <Route path=StaticSegment(EVENT_VIEWER.segment) view=|| lazy(features::trigger_runs::event_viewer_page)/>
                    <Route path=StaticSegment(USAGE.segment) view=|| lazy(features::usage::usage_page)/>
                    <Route path=StaticSegment(features::bell::SETTINGS_PATH.trim_start_matches('/')) view=|| lazy(features::bell::notification_settings_page)/>
                    // One route and one chunk for the list, the wizard and the deliveries: each
                    // route costs the first download its share of the router's matching.
                    <Route path=(StaticSegment(FORWARDERS.segment), WildcardSegment("page")) view=|| lazy(features::forwarders::forwarders_pages)/>
                </Routes>
            </Shell>
        </Router>
    }
}
