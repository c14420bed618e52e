//! The mock control panel: with the in-page mock backend, designers and testers switch
//! persona, data volume, latency and failures here, to see every state of every screen.
//! It exists only when the mock is the backend.

use event_center_contract::Severity;
use event_center_mock::{Forced, Lever, Persona, Scenario, OPERATIONS};
use leptos::html;
use leptos::prelude::*;

use crate::api::{Mock, MockConnection};
use crate::config::ConfigError;
use crate::ui::split::{lazy, split};
use crate::ui::{dialog, now};

/// The in-page mock, shared with the panel through context.
pub type MockHandle = StoredValue<MockConnection, LocalStorage>;

/// The mock once its module has loaded, or why it could not: for views that wait on it.
fn loaded(mock: MockHandle) -> LocalResource<Result<Mock, String>> {
    LocalResource::new(move || {
        let mock = mock.get_value();
        async move { mock.get().await }
    })
}

const VOLUMES: [usize; 5] = [0, 100, 5_000, 20_000, 100_000];
const ARRIVALS: [u32; 4] = [0, 6, 60, 600];
const LATENCIES: [(u32, &str); 3] = [(0, "None"), (300, "300 ms"), (3_000, "3 s")];
const FAILURE_RATES: [(f64, &str); 3] = [(0.0, "None"), (0.1, "10 %"), (0.5, "50 %")];
const DELIVERY_FAILURES: [(f64, &str); 4] = [(0.0, "None"), (0.2, "1 in 5"), (0.5, "Half"), (1.0, "All")];
/// How long ago the seeded forwarders' retry queue stopped, to show overdue retries.
const RETRY_QUEUE: [(u32, &str); 3] =
    [(0, "Running"), (2, "Stopped 2 hours ago"), (12, "Stopped 12 hours ago")];
const OUTCOMES: [(&str, &str); 10] = [
    ("", "Normal"),
    ("401", "401 Unauthorized"),
    ("403", "403 Forbidden"),
    ("404", "404 Not Found"),
    ("409", "409 Conflict"),
    ("422", "422 Invalid"),
    ("429", "429 Too Many Requests"),
    ("500", "500 Server Error"),
    ("503", "503 Unavailable"),
    ("network", "Network down"),
];

/// The outcome's label in the list above, by its code; a status not listed there reads as itself.
fn outcome_label(forced: Forced) -> String {
    let code = forced.code();
    OUTCOMES.iter().find(|(value, _)| *value == code).map_or(code.clone(), |(_, label)| label.to_string())
}

/// Reloads this page with one setting changed; settings from the URL stick for the tab.
fn reload_with(key: &str, value: &str) {
    let Ok(href) = window().location().href() else { return };
    if let Ok(url) = web_sys::Url::new(&href) {
        url.search_params().set(key, value);
        let _ = window().location().set_href(&url.href());
    }
}

#[component]
pub fn MockPanelButton() -> impl IntoView {
    let session = crate::session::use_session();
    let (Some(mock), Some(settings)) = (session.mock, session.mock_settings()) else {
        return None;
    };
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    Some(view! {
        <div class="mock-control">
            <button
                type="button"
                class="badge badge-mock"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls="mock-panel"
                title="Data comes from the in-browser mock backend: open its controls"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Mock"
                <span class="wide-only">" backend"</span>
            </button>
            <Show when=move || {
                open.get()
            }>
                {
                    let (settings, on_close) = (settings.clone(), Callback::new(move |()| close()));
                    lazy(move || mock_panel(mock, settings.clone(), on_close))
                }
            </Show>
        </div>
    })
}

split! {
    fn mock_panel(mock: MockHandle, settings: crate::config::MockSettings, on_close: Callback<()>) -> AnyView {
        // Opened while the mock's module is still on its way, the panel shows once it is here.
        let loaded = loaded(mock);
        (move || {
            loaded.get().map(|loaded| match loaded {
                Ok(mock) => {
                    let settings = settings.clone();
                    view! { <MockPanel mock=StoredValue::new_local(mock) settings on_close/> }.into_any()
                }
                Err(why) => view! {
                    <p id="mock-panel" class="mock-panel" role="alert">{format!("Configuration problem: {}.", ConfigError::MockUnavailable(why))}</p>
                }
                .into_any(),
            })
        })
        .into_any()
    }
}

/// One dial of the scenario as a choice among `choices`: `get` reads it, `set` writes the one
/// chosen into the scenario that `on_change` is then given.
#[component]
fn ScenarioSelect<T>(
    label: &'static str,
    class: &'static str,
    choices: &'static [(T, &'static str)],
    scenario: Memo<Scenario>,
    get: fn(&Scenario) -> T,
    set: fn(&mut Scenario, T),
    on_change: Callback<Scenario>,
) -> impl IntoView
where
    T: Copy + Default + ToString + std::str::FromStr + Send + Sync + 'static,
{
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select
                class=class
                prop:value=move || scenario.with(|s| get(s).to_string())
                on:change=move |ev| {
                    let mut next = scenario.get_untracked();
                    set(&mut next, event_target_value(&ev).parse().unwrap_or_default());
                    on_change.run(next);
                }
            >
                {choices
                    .iter()
                    .map(|(value, words)| view! { <option value=value.to_string()>{*words}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn MockPanel(
    mock: StoredValue<Mock, LocalStorage>,
    settings: crate::config::MockSettings,
    on_close: Callback<()>,
) -> impl IntoView {
    let dials = RwSignal::new(mock.with_value(|m| m.dials()));
    // Each lever reads the dials back, so the panel shows what the mock holds.
    let pull = move |lever: Lever| {
        if let Ok(next) = mock.with_value(|m| m.pull(now(), lever)) {
            dials.set(next);
        }
    };
    let scenario = Memo::new(move |_| dials.with(|d| d.scenario));
    let set_scenario = Callback::new(move |scenario| pull(Lever::SetScenario { scenario }));
    let operation = RwSignal::new(OPERATIONS[2].to_string());
    let force = move |operation: String, forced: Option<Forced>| pull(Lever::Force { operation, forced });
    let first = NodeRef::<html::Select>::new();
    dialog::focus_on_open(move || first.get().map(Into::into));
    let on_keydown = dialog::escape_closes(on_close);
    view! {
        <section id="mock-panel" class="mock-panel" aria-labelledby="mock-panel-title" on:keydown=on_keydown>
            <link rel="stylesheet" href="/lazy/mock-panel.css" />
            <header class="section-header">
                <h2 id="mock-panel-title">"Mock backend"</h2>
                <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            </header>
            <p class="muted small">
                "Generated data, in this page only. The first three settings reload the page; they stay for this tab. The others apply from the next request: refresh or change a filter to see them."
            </p>
            <label class="field">
                <span class="field-label">"Signed in as"</span>
                <select
                    node_ref=first
                    prop:value=settings.persona.token()
                    on:change=move |ev| reload_with("persona", &event_target_value(&ev))
                >
                    {Persona::ALL
                        .map(|p| {
                            view! {
                                <option value=p.token()>{format!("{} ({})", p.me().name, p.token())}</option>
                            }
                        })}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Events"</span>
                <select
                    prop:value=settings.events.to_string()
                    on:change=move |ev| reload_with("events", &event_target_value(&ev))
                >
                    {VOLUMES
                        .map(|n| {
                            view! {
                                <option value=n
                                    .to_string()>
                                    {if n == 0 {
                                        "None (an empty system)".to_string()
                                    } else {
                                        n.to_string()
                                    }}
                                </option>
                            }
                        })}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"New events per minute"</span>
                <select
                    prop:value=settings.arrivals_per_minute.to_string()
                    on:change=move |ev| reload_with("arrivals", &event_target_value(&ev))
                >
                    {ARRIVALS.map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> })}
                </select>
            </label>
            <ScenarioSelect
                label="Latency"
                class="mock-latency"
                choices=&LATENCIES
                scenario
                get=|s| s.latency_ms
                set=|s, ms| s.latency_ms = ms
                on_change=set_scenario
            />
            <ScenarioSelect
                label="Random failures"
                class="mock-failures"
                choices=&FAILURE_RATES
                scenario
                get=|s| s.failure_rate
                set=|s, rate| s.failure_rate = rate
                on_change=set_scenario
            />
            <ScenarioSelect
                label="New forwarders' failing deliveries"
                class="mock-delivery-failures"
                choices=&DELIVERY_FAILURES
                scenario
                get=|s| s.delivery_failures
                set=|s, share| s.delivery_failures = share
                on_change=set_scenario
            />
            <ScenarioSelect
                label="Forwarders' retry queue"
                class="mock-retry-queue"
                choices=&RETRY_QUEUE
                scenario
                get=|s| s.retry_queue_stalled_hours
                set=|s, hours| s.retry_queue_stalled_hours = hours
                on_change=set_scenario
            />
            <fieldset class="mock-force">
                <legend class="field-label">"Force an answer"</legend>
                <label class="field">
                    <span class="visually-hidden">"Operation"</span>
                    <select
                        class="mock-operation"
                        prop:value=move || operation.get()
                        on:change=move |ev| operation.set(event_target_value(&ev))
                    >
                        {OPERATIONS
                            .iter()
                            .map(|op| view! { <option value=*op>{*op}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="visually-hidden">"Answer"</span>
                    <select
                        class="mock-outcome"
                        prop:value=move || {
                            dials
                                .with(|d| {
                                    d.forced
                                        .iter()
                                        .find(|(op, _)| *op == operation.get())
                                        .map(|(_, f)| f.code())
                                })
                                .unwrap_or_default()
                        }
                        on:change=move |ev| force(
                            operation.get_untracked(),
                            Forced::from_code(&event_target_value(&ev)),
                        )
                    >
                        {OUTCOMES.map(|(value, label)| view! { <option value=value>{label}</option> })}
                    </select>
                </label>
            </fieldset>
            <ul class="mock-forced">
                {move || {
                    dials
                        .with(|d| d.forced.clone())
                        .into_iter()
                        .map(|(op, f)| {
                            view! {
                                <li>
                                    <code>{op.clone()}</code>
                                    " answers "
                                    {outcome_label(f)}
                                    " "
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| force(op.clone(), None)
                                    >
                                        "Restore"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="field">
                <span class="field-label">"Make something happen"</span>
                <div class="mock-raise">
                    {Severity::ALL
                        .into_iter()
                        .rev()
                        .map(|severity| {
                            view! {
                                <button
                                    type="button"
                                    class=format!(
                                        "button button-secondary button-small mock-raise-{}",
                                        severity.key(),
                                    )
                                    on:click=move |_| {
                                        pull(Lever::Arrive {
                                            severity: Some(severity),
                                        });
                                    }
                                >
                                    {format!("New {} event", severity.key())}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
            <p class="muted small" role="status">
                {move || format!("{} requests served so far.", dials.with(|d| d.requests_served))}
            </p>
            <MakeEventOfType mock />
        </section>
    }
}

/// An event of a chosen type happens now, on a certificate of a chosen RA profile where the
/// profile may override the type's triggers: what a designer does to see an edited trigger run.
#[component]
fn MakeEventOfType(mock: StoredValue<Mock, LocalStorage>) -> impl IntoView {
    let choices = LocalResource::new(|| {
        let client = crate::session::use_client();
        async move {
            let types = client.event_types().await.unwrap_or_default();
            let scopes = client.trigger_scopes().await.unwrap_or_default();
            (types, scopes.into_iter().find(|k| k.kind == "raProfile"))
        }
    });
    let chosen = RwSignal::new("certificate-uploaded".to_string());
    let ra_profile = RwSignal::new(String::new());
    // The RA profiles, when they may override the chosen type's triggers.
    let profiles = move || {
        let (_, kind) = choices.get()?;
        let kind = kind?;
        chosen.with(|c| kind.overrides.contains(c)).then_some(kind.scopes)
    };
    let happened = RwSignal::new(String::new());
    let make = move |_| {
        let kind = chosen.get_untracked();
        let profile = ra_profile.get_untracked();
        let profile = (!profile.is_empty() && profiles().is_some()).then_some(profile);
        let lever = Lever::ArriveAs { kind: kind.clone(), ra_profile: profile };
        happened.set(match mock.with_value(|m| m.pull(now(), lever)) {
            Ok(_) => format!("A {kind} event happened."),
            Err(why) => format!("Nothing happened: {why}."),
        });
    };
    view! {
        <div class="field mock-make-type">
            <label class="field-label" for="mock-event-type">
                "Make an event of this type happen"
            </label>
            <select
                id="mock-event-type"
                prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                {move || {
                    choices
                        .get()
                        .map(|(types, _)| types)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|t| view! { <option value=t.name.clone()>{t.label}</option> })
                        .collect_view()
                }}
            </select>
            {move || {
                profiles()
                    .map(|scopes| {
                        view! {
                            <label class="field-label" for="mock-ra-profile">
                                "On a certificate of RA profile"
                            </label>
                            <select
                                id="mock-ra-profile"
                                prop:value=move || ra_profile.get()
                                on:change=move |ev| ra_profile.set(event_target_value(&ev))
                            >
                                <option value="">"Any"</option>
                                {scopes
                                    .into_iter()
                                    .map(|s| view! { <option value=s.id.clone()>{s.name}</option> })
                                    .collect_view()}
                            </select>
                        }
                    })
            }}
            <button type="button" class="button button-secondary button-small mock-make" on:click=make>
                "Make it happen"
            </button>
            <p class="muted small" role="status">
                {move || happened.get()}
            </p>
        </div>
    }
}
