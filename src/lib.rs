//! Event Center console: the app shell, its routes and the contexts every screen shares.

pub mod config;
mod features;
mod shell;
pub mod theme;
mod ui;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, StaticSegment};

use features::{NotFound, SectionPage, EVENTS, EVENT_VIEWER, FORWARDERS, USAGE};
use shell::Shell;

/// Replaces the static loading shell of `index.html` with the running console.
pub fn start() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(config::ConfigResource::load());
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path=EVENTS.href()/> }/>
                    <Route path=StaticSegment(EVENTS.segment) view=|| view! { <SectionPage section=&EVENTS/> }/>
                    <Route path=StaticSegment(EVENT_VIEWER.segment) view=|| view! { <SectionPage section=&EVENT_VIEWER/> }/>
                    <Route path=StaticSegment(USAGE.segment) view=|| view! { <SectionPage section=&USAGE/> }/>
                    <Route path=StaticSegment(FORWARDERS.segment) view=|| view! { <SectionPage section=&FORWARDERS/> }/>
                </Routes>
            </Shell>
        </Router>
    }
}
