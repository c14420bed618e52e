//! Event Center console: the app shell, its routes and the contexts every screen shares.

pub mod api;
pub mod config;
mod crash;
pub mod features;
mod live;
mod mock_panel;
pub mod session;
mod shell;
pub mod sign_in;
pub mod theme;
pub mod ui;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::{path, ParamSegment, StaticSegment, WildcardSegment};

use features::{NotFound, EVENTS, EVENT_VIEWER, FORWARDERS, TRIGGERS, USAGE};
use leptos::either::Either;
use shell::Shell;
use ui::split::Chunk;

use config::{ConfigError, RuntimeConfig};

/// Loads the configuration while the static loading shell of `index.html` shows, then
/// replaces that shell with the running console.
pub fn start() {
    crash::report_panics();
    // Not leptos::task::spawn_local: its executor starts only when the console mounts.
    wasm_bindgen_futures::spawn_local(async {
        let config = config::load().await;
        let credential = match &config {
            Ok(config) if config.backend != config::Backend::Mock => match &config.sign_in {
                config::SignInMethod::Oidc(client) => match sign_in::resume(client.clone()).await {
                    Some(credential) => Some(credential),
                    // This window carried a sign-in provider's answer to another, and closes.
                    None => return,
                },
                method => Some(sign_in::credential(method)),
            },
            _ => None,
        };
        // The console does not wait for the mock: its module arrives while the page is built.
        let mock = match &config {
            Ok(config) if config.backend == config::Backend::Mock => Some(api::load_mock(&config.mock)),
            _ => None,
        };
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
        leptos::mount::mount_to_body(move || view! { <App config mock credential /> });
    });
}

#[component]
pub fn App(
    config: Result<RuntimeConfig, ConfigError>,
    /// The mock backend, when the configuration chooses it.
    mock: Option<api::MockConnection>,
    /// What a real backend is sent: the tab's token, the platform's cookie or a provider's token.
    #[prop(default = None)]
    credential: Option<api::Credential>,
) -> impl IntoView {
    ui::title::provide_document_title();
    session::provide(config, mock, credential);
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path=EVENTS.href() /> } />
                    <Route path=StaticSegment(EVENTS.segment) view=features::events::EventsPage />
                    // Every other section is a lazily loaded chunk behind one route: each route
                    // costs the first download its share of the router's matching.
                    <Route path=(ParamSegment("section"), WildcardSegment("page")) view=LazySection />
                </Routes>
            </Shell>
        </Router>
    }
}

/// `/{section}/{page…}`: the section's chunk, given the rest of the path as `page`. Only the
/// forwarders and the triggers have pages below their section. Rebuilt only when the section changes.
#[component]
fn LazySection() -> impl IntoView {
    let params = use_params_map();
    let section = Memo::new(move |_| {
        params.with(|p| {
            let (section, page) =
                (p.get_str("section").unwrap_or_default(), p.get_str("page").unwrap_or_default());
            let settings = features::bell::SETTINGS_PATH.trim_start_matches('/');
            let has_pages = [FORWARDERS.segment, TRIGGERS.segment];
            [FORWARDERS.segment, TRIGGERS.segment, EVENT_VIEWER.segment, USAGE.segment, settings]
                .into_iter()
                .find(|s| *s == section && (page.is_empty() || has_pages.contains(s)))
        })
    });
    let chunk = move |section: &str| match section {
        s if s == FORWARDERS.segment => Chunk::new(features::forwarders::forwarders_pages),
        s if s == TRIGGERS.segment => Chunk::new(features::triggers::triggers_pages),
        s if s == EVENT_VIEWER.segment => Chunk::new(features::trigger_runs::event_viewer_page),
        s if s == USAGE.segment => Chunk::new(features::usage::usage_page),
        _ => Chunk::new(features::bell::notification_settings_page),
    };
    move || match section.get() {
        Some(section) => Either::Left(chunk(section).view()),
        None => Either::Right(view! { <NotFound /> }),
    }
}
