//! The frame around every page: header with navigation, notifications and theme, then the page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::ConfigError;
use crate::features::bell::Bell;
use crate::features::SECTIONS;
use crate::mock_panel::MockPanelButton;
use crate::session::{use_me, use_session};
use crate::sign_in::{sign_out, SignInWhenAsked};
use crate::theme::{Theme, ThemeState};
use crate::ui::split::{lazy, split};
use crate::ui::{provide_toasts, Icon, ToastRegion};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    crate::ui::dismiss_popovers();
    let me = use_me();
    crate::features::bell::provide();
    let toasts = provide_toasts();
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="app-header">
            <A href="/" attr:class="brand">
                <img class="brand-mark" src="/favicon.svg" alt="" />
                "Event Center"
            </A>
            <nav class="app-nav" aria-label="Sections">
                <ul>
                    // Marked once the user is known to lack the section's capability, saying
                    // why; the page itself explains.
                    {SECTIONS
                        .map(|s| {
                            let denied = move || {
                                me.with(|me| me.as_ref().is_some_and(|me| !me.can(s.capability)))
                            };
                            let why = format!("Needs {}", s.needs);
                            view! {
                                <li class:denied=denied>
                                    <A href=s.href() attr:title=move || denied().then(|| why.clone())>
                                        {s.label}
                                        <Show when=denied>
                                            <span class="nav-lock" aria-hidden="true">
                                                {Icon::Key.view()}
                                            </span>
                                            <span class="visually-hidden">
                                                {format!(" (needs {})", s.needs)}
                                            </span>
                                        </Show>
                                    </A>
                                </li>
                            }
                        })}
                </ul>
            </nav>
            <div class="header-actions">
                <MockPanelButton />
                <Bell />
                <ThemeToggle />
                <UserChip />
            </div>
        </header>
        <ConfigProblem />
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <ToastRegion toasts />
        <SignInWhenAsked />
    }
}

/// Who is signed in, from `GET /me`; quiet while loading or when the backend cannot say. Its
/// slot is there from the first paint, so the buttons beside it stay put when `/me` answers.
/// Opened, it says what the user may do: why a section is marked out of reach, at a glance.
#[component]
fn UserChip() -> impl IntoView {
    let me = use_me();
    // What it shows when opened is fetched on the first opening: the first screen does without.
    let opened = RwSignal::new(false);
    let chip = move || {
        me.get().map(|me| {
            let full = format!("{} · {}", me.name, me.email);
            let initial = me.name.chars().next().unwrap_or('?').to_string();
            view! {
                <details class="menu user-menu" on:toggle=move |_| opened.set(true)>
                    <summary class="user-chip" title=full>
                        <span class="avatar" aria-hidden="true">
                            {initial}
                        </span>
                        <span class="user-name">{me.name}</span>
                    </summary>
                    {move || opened.get().then(|| lazy(user_menu))}
                </details>
            }
        })
    };
    view! { <span class="user-slot">{chip}</span> }
}

split! {
    fn user_menu() -> AnyView {
        view! { <UserMenu /> }.into_any()
    }
}

#[component]
fn UserMenu() -> impl IntoView {
    let me = use_me();
    move || {
        me.get().map(|me| {
            let capabilities = me
                .capabilities
                .into_iter()
                .map(|c| {
                    view! {
                        <li>
                            <code>{c}</code>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="menu-panel">
                    <p>
                        <strong>{me.name}</strong>
                        <br />
                        <span class="muted">{me.email}</span>
                    </p>
                    <p class="field-label" id="user-capabilities">
                        "What you can do"
                    </p>
                    <ul class="capabilities" aria-labelledby="user-capabilities">
                        {capabilities}
                    </ul>
                    {
                        let session = use_session();
                        session
                            .sign_in
                            .map(|_| {
                                view! {
                                    <button
                                        type="button"
                                        class="button button-secondary button-small"
                                        on:click=move |_| sign_out(session)
                                    >
                                        "Sign out"
                                    </button>
                                }
                            })
                    }
                </div>
            }
        })
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
        <button
            type="button"
            class="icon-button theme-toggle"
            aria-label=label
            title=label
            on:click=move |_| theme.toggle()
        >
            {icon}
        </button>
    }
}

/// A configuration that names no usable backend is shown, not papered over with mock data.
#[component]
fn ConfigProblem() -> impl IntoView {
    let session = use_session();
    let fixed = session.config_error();
    // The mock's module is still loading as the console mounts: its failure is shown here too.
    // A task rather than a resource: it runs once, and the first download stays smaller.
    let mock_failed = RwSignal::new(None::<String>);
    if let Some(mock) = session.mock {
        let connection = mock.get_value();
        leptos::task::spawn_local(async move {
            if let Err(why) = connection.get().await {
                mock_failed.try_set(Some(why));
            }
        });
    }
    let problem = move || fixed.clone().or_else(|| mock_failed.get().map(ConfigError::MockUnavailable));
    move || {
        problem().map(|problem| {
            view! {
                <div class="banner banner-error" role="alert">
                    <strong>"Configuration problem: "</strong>
                    {problem.to_string()}
                    ". Fix public/config.json or the link's ?backend=, ?persona= or ?events=, then reload."
                </div>
            }
        })
    }
}
