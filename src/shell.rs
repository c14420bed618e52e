//! The frame around every page: header with navigation, notifications and theme, then the page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::{Backend, ConfigResource};
use crate::features::{EVENTS, SECTIONS};
use crate::theme::{Theme, ThemeState};
use crate::ui::Icon;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <A href="/" attr:class="brand">
                <img class="brand-mark" src="/favicon.svg" alt=""/>
                "Event Center"
            </A>
            <nav class="app-nav" aria-label="Sections">
                <ul>
                    {SECTIONS.map(|s| view! { <li><A href=s.href()>{s.label}</A></li> })}
                </ul>
            </nav>
            <div class="header-actions">
                <MockBadge/>
                <BellPlace/>
                <ThemeToggle/>
            </div>
        </header>
        <ConfigProblem/>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// Tells designers and reviewers that what they see is generated data.
#[component]
fn MockBadge() -> impl IntoView {
    let config = expect_context::<ConfigResource>().0;
    let on_mock = move || matches!(config.get(), Some(Ok(c)) if c.backend == Backend::Mock);
    view! {
        <Show when=on_mock>
            <span class="badge badge-mock" title="Data comes from the in-browser mock backend">
                "Mock"<span class="wide-only">" backend"</span>
            </span>
        </Show>
    }
}

/// Where the notification bell lives; until the bell is built it leads to the event table.
#[component]
fn BellPlace() -> impl IntoView {
    view! {
        <A href=EVENTS.href() attr:class="icon-button" attr:aria-label="Notifications: open the event table" attr:title="Notifications">
            {Icon::Bell.view()}
        </A>
    }
}

#[component]
fn ThemeToggle() -> impl IntoView {
    let theme = ThemeState::load();
    let label = move || match theme.shown() {
        Theme::Light => "Switch to dark theme",
        Theme::Dark => "Switch to light theme",
    };
    let icon = move || match theme.shown() {
        Theme::Light => Icon::Moon.view(),
        Theme::Dark => Icon::Sun.view(),
    };
    view! {
        <button type="button" class="icon-button theme-toggle" aria-label=label title=label on:click=move |_| theme.toggle()>
            {icon}
        </button>
    }
}

/// A configuration that names no usable backend is shown, not papered over with mock data.
#[component]
fn ConfigProblem() -> impl IntoView {
    let config = expect_context::<ConfigResource>().0;
    let problem = move || match config.get() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    view! {
        {move || problem().map(|message| view! {
            <div class="banner banner-error" role="alert">
                <strong>"Configuration problem: "</strong>
                {message}
                ". Fix public/config.json or the ?backend= link, then reload."
            </div>
        })}
    }
}
