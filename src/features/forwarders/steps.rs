//! The wizard's steps. Each edits the draft in place; a field shows the problem found on it
//! (by the step's own checks or by the backend), linked to it for screen readers.

use event_center_contract::{
    CreatedForwarder, EventType, ForwarderPreview, Gateway, Header, Secret, TestResult, WebhookAuth,
};
use leptos::prelude::*;

use super::draft::{Draft, Kind};
use super::signing::NewSecret;
use super::{forwarder_href, unusable_because};
use crate::api::ApiError;
use crate::features::FORWARDERS;
use crate::session::use_client;
use crate::ui::count::counted;
use crate::ui::form::{first_problem, FieldError, TextField};
use crate::ui::TypeChecklist;

type Errors = Signal<Vec<(String, String)>>;
type Preview = LocalResource<Result<ForwarderPreview, ApiError>>;

/// The element id of a field: the contract's field name without its list index.
fn field_id(field: &str) -> String {
    let base = field.split('[').next().unwrap_or_default();
    format!("f-{}", base.replace('.', "-"))
}

fn problem_on(errors: Errors, field: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || errors.with(|all| first_problem(all, field))
}

/// A labelled text input (or text area) bound to one draft field.
#[component]
fn DraftField(
    label: &'static str,
    field: &'static str,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
    errors: Errors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    view! {
        <TextField
            id=field_id(field)
            label
            value=Signal::derive(move || draft.with(get))
            on_input=Callback::new(move |value| draft.update(|d| set(d, value)))
            problem=Signal::derive(problem_on(errors, field))
            kind
            hint
            multiline
        />
    }
}

/// A write-only credential: typed once, then shown as "set" with Replace, never as its value.
#[component]
fn SecretField(
    label: &'static str,
    field: &'static str,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> Option<Secret>,
    set: fn(&mut Draft, Option<Secret>),
    errors: Errors,
) -> impl IntoView {
    let id = field_id(field);
    let problem = problem_on(errors, field);
    let error_id = format!("{id}-error");
    let input_id = id.clone();
    let described = error_id.clone();
    view! {
        <div class="field">
            <label class="field-label" for=id.clone()>
                {label}
            </label>
            {move || match draft.with(get) {
                Some(Secret::Kept) => {
                    view! {
                        <p class="secret-set">
                            <span class="status status-ok" id=input_id.clone()>
                                "Set"
                            </span>
                            " "
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| draft.update(|d| set(d, Some(Secret::New(String::new()))))
                            >
                                {format!("Replace the {}", label.to_lowercase())}
                            </button>
                        </p>
                    }
                        .into_any()
                }
                _ => {
                    let described = described.clone();
                    view! {
                        <input
                            id=input_id.clone()
                            type="password"
                            autocomplete="new-password"
                            spellcheck="false"
                            aria-invalid=move || problem().is_some().to_string()
                            aria-describedby=move || problem().map(|_| described.clone())
                            on:input=move |ev| {
                                draft.update(|d| set(d, Some(Secret::New(event_target_value(&ev)))))
                            }
                        />
                    }
                        .into_any()
                }
            }}
            <FieldError message=Signal::derive(problem) id=error_id label />
        </div>
    }
}

#[component]
pub fn TypeAndName(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    view! {
        <fieldset class="kind-choice">
            <legend class="field-label">"Where to send events"</legend>
            {Kind::ALL
                .map(|kind| {
                    view! {
                        <label class="check kind-option">
                            <input
                                type="radio"
                                name="kind"
                                value=kind.key()
                                prop:checked=move || draft.with(|d| d.kind == kind)
                                on:change=move |_| draft.update(|d| d.kind = kind)
                            />
                            <span>
                                <strong>{kind.label()}</strong>
                                <br />
                                <span class="muted small">{kind.summary()}</span>
                            </span>
                        </label>
                    }
                })}
        </fieldset>
        <DraftField
            label="Name"
            field="name"
            draft
            errors
            get=|d| d.name.clone()
            set=|d, v| d.name = v
            hint="Unique; what the list and each delivery call it."
        />
    }
}

#[component]
pub fn Events(draft: RwSignal<Draft>, errors: Errors, types: Vec<EventType>) -> impl IntoView {
    let problem = problem_on(errors, "eventTypes");
    view! {
        <div
            class="field"
            id="f-eventTypes"
            tabindex="-1"
            aria-invalid=move || problem().is_some().to_string()
            role="group"
            aria-labelledby="events-label"
        >
            <span class="field-label" id="events-label">
                {move || format!("Event types to send ({} chosen)", draft.with(|d| d.event_types.len()))}
            </span>
            <FieldError message=Signal::derive(problem) label="Event types" />
            <TypeChecklist
                types
                chosen=Signal::derive(move || draft.with(|d| d.event_types.clone()))
                on_change=Callback::new(move |names| draft.update(|d| d.event_types = names))
            />
        </div>
    }
}

#[component]
pub fn Scope(draft: RwSignal<Draft>, errors: Errors, preview: Preview) -> impl IntoView {
    view! {
        <p class="muted">
            "One path per line; * matches any run of characters. Each list narrows only its own kind of object; leave all empty to send events of every object."
        </p>
        <div class="scope-lists">
            <DraftField
                label="Items"
                field="scope.items"
                draft
                errors
                multiline=true
                hint="Folders, paths or one item, e.g. /prod/payments/*"
                get=|d| d.scope.items.clone()
                set=|d, v| d.scope.items = v
            />
            <DraftField
                label="Auth methods"
                field="scope.authMethods"
                draft
                errors
                multiline=true
                hint="e.g. /auth/ci-*"
                get=|d| d.scope.auth_methods.clone()
                set=|d, v| d.scope.auth_methods = v
            />
            <DraftField
                label="Targets"
                field="scope.targets"
                draft
                errors
                multiline=true
                hint="e.g. /targets/db-*"
                get=|d| d.scope.targets.clone()
                set=|d, v| d.scope.targets = v
            />
            <DraftField
                label="Gateways"
                field="scope.gateways"
                draft
                errors
                multiline=true
                hint="e.g. gw-eu-*"
                get=|d| d.scope.gateways.clone()
                set=|d, v| d.scope.gateways = v
            />
        </div>
        <p class="preview-count" role="status">
            {move || match preview.get() {
                None => "Counting the events of the last 7 days…".to_string(),
                Some(Ok(p)) => {
                    format!(
                        "In the last 7 days, these event types and scope matched {}.",
                        counted(u64::from(p.matched_last_week), ("event", "events")),
                    )
                }
                Some(Err(error)) => format!("The events of the last 7 days could not be counted. {error}"),
            }}
        </p>
    }
}

#[component]
pub fn Destination(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    // Memos: the fields are built again only when the choice changes, not on every keystroke.
    let kind = Memo::new(move |_| draft.with(|d| d.kind));
    move || match kind.get() {
        Kind::Email => view! {
            <DraftField
                label="Recipients"
                field="config.to"
                draft
                errors
                multiline=true
                get=|d| d.to.clone()
                set=|d, v| d.to = v
                hint="One address per line or separated by commas."
            />
        }
        .into_any(),
        Kind::Webhook => view! { <Webhook draft errors /> }.into_any(),
        Kind::Slack | Kind::Teams => view! {
            <SecretField
                label="Incoming webhook URL"
                field="config.webhookUrl"
                draft
                errors
                get=|d| d.credentials.webhook_url.clone()
                set=|d, v| d.credentials.webhook_url = v
            />
            <p class="muted small">
                "The URL carries the channel's key, so it is write-only like a password."
            </p>
        }
        .into_any(),
        Kind::Servicenow => view! {
            <DraftField
                label="Instance URL"
                field="config.instanceUrl"
                draft
                errors
                kind="url"
                get=|d| d.instance_url.clone()
                set=|d, v| d.instance_url = v
                hint="https://your-instance.service-now.com"
            />
            <DraftField
                label="User name"
                field="config.username"
                draft
                errors
                get=|d| d.username.clone()
                set=|d, v| d.username = v
            />
            <SecretField
                label="Password"
                field="config.password"
                draft
                errors
                get=|d| d.credentials.password.clone()
                set=|d, v| d.credentials.password = v
            />
        }
        .into_any(),
    }
}

#[component]
fn Webhook(draft: RwSignal<Draft>, errors: Errors) -> impl IntoView {
    const AUTHS: [(WebhookAuth, &str); 3] = [
        (WebhookAuth::None, "None"),
        (WebhookAuth::Basic, "Basic (user name and password)"),
        (WebhookAuth::Bearer, "Bearer token"),
    ];
    let headers = Memo::new(move |_| draft.with(|d| d.headers.len()));
    let auth = Memo::new(move |_| draft.with(|d| d.auth));
    view! {
        <DraftField
            label="URL"
            field="config.url"
            draft
            errors
            kind="url"
            get=|d| d.url.clone()
            set=|d, v| d.url = v
            hint="https:// — each body is signed with the forwarder's signing secret (Standard Webhooks)."
        />
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || draft.with(|d| d.allow_http)
                on:change=move |ev| draft.update(|d| d.allow_http = event_target_checked(&ev))
            />
            <span>"Allow plain http:// for a receiver on this machine (localhost)"</span>
        </label>
        <fieldset class="field">
            <legend class="field-label">"Authentication"</legend>
            {AUTHS
                .map(|(auth, label)| {
                    view! {
                        <label class="check">
                            <input
                                type="radio"
                                name="auth"
                                prop:checked=move || draft.with(|d| d.auth == auth)
                                on:change=move |_| draft.update(|d| d.auth = auth)
                            />
                            <span>{label}</span>
                        </label>
                    }
                })}
        </fieldset>
        {move || match auth.get() {
            WebhookAuth::Basic => {
                view! {
                    <DraftField
                        label="User name"
                        field="config.username"
                        draft
                        errors
                        get=|d| d.username.clone()
                        set=|d, v| d.username = v
                    />
                    <SecretField
                        label="Password"
                        field="config.password"
                        draft
                        errors
                        get=|d| d.credentials.password.clone()
                        set=|d, v| d.credentials.password = v
                    />
                }
                    .into_any()
            }
            WebhookAuth::Bearer => {
                view! {
                    <SecretField
                        label="Token"
                        field="config.token"
                        draft
                        errors
                        get=|d| d.credentials.token.clone()
                        set=|d, v| d.credentials.token = v
                    />
                }
                    .into_any()
            }
            WebhookAuth::None => ().into_any(),
        }}
        <fieldset class="field headers">
            <legend class="field-label">"Custom headers"</legend>
            {move || {
                (0..headers.get())
                    .map(|i| {
                        view! {
                            <div class="header-row">
                                <label>
                                    <span class="visually-hidden">{format!("Header {} name", i + 1)}</span>
                                    <input
                                        placeholder="X-Team"
                                        prop:value=move || {
                                            draft
                                                .with(|d| {
                                                    d.headers.get(i).map(|h| h.name.clone()).unwrap_or_default()
                                                })
                                        }
                                        on:input=move |ev| {
                                            draft
                                                .update(|d| {
                                                    if let Some(h) = d.headers.get_mut(i) {
                                                        h.name = event_target_value(&ev);
                                                    }
                                                })
                                        }
                                    />
                                </label>
                                <label>
                                    <span class="visually-hidden">{format!("Header {} value", i + 1)}</span>
                                    <input
                                        placeholder="secops"
                                        prop:value=move || {
                                            draft
                                                .with(|d| {
                                                    d.headers
                                                        .get(i)
                                                        .map(|h| h.value.clone())
                                                        .unwrap_or_default()
                                                })
                                        }
                                        on:input=move |ev| {
                                            draft
                                                .update(|d| {
                                                    if let Some(h) = d.headers.get_mut(i) {
                                                        h.value = event_target_value(&ev);
                                                    }
                                                })
                                        }
                                    />
                                </label>
                                <button
                                    type="button"
                                    class="button button-secondary button-small"
                                    on:click=move |_| {
                                        draft
                                            .update(|d| {
                                                d.headers.remove(i);
                                            })
                                    }
                                >
                                    {format!("Remove header {}", i + 1)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="button button-secondary button-small"
                on:click=move |_| {
                    draft
                        .update(|d| {
                            d.headers
                                .push(Header {
                                    name: String::new(),
                                    value: String::new(),
                                })
                        })
                }
            >
                "Add a header"
            </button>
        </fieldset>
    }
}

#[component]
pub fn Delivery(draft: RwSignal<Draft>, errors: Errors, gateways: Vec<Gateway>) -> impl IntoView {
    let problem = problem_on(errors, "gatewayId");
    let options = gateways
        .into_iter()
        .map(|g| {
            let why = unusable_because(&g);
            let id = g.id.clone();
            let chosen = id.clone();
            view! {
                <label class="check" class:unusable=why.is_some()>
                    <input
                        type="radio"
                        name="gateway"
                        value=id.clone()
                        disabled=why.is_some()
                        aria-invalid=move || problem().is_some().to_string()
                        prop:checked=move || draft.with(|d| d.gateway_id == chosen)
                        on:change=move |_| draft.update(|d| d.gateway_id = id.clone())
                    />
                    <span>
                        {g.name}
                        {why
                            .map(|why| {
                                view! {
                                    <span class="muted small">{format!(" — cannot be used: {why}")}</span>
                                }
                            })}
                    </span>
                </label>
            }
        })
        .collect_view();
    let every = move || draft.with(|d| d.run_every_hours);
    view! {
        <fieldset class="field" id="f-gatewayId">
            <legend class="field-label">"Gateway that forwards"</legend>
            <FieldError message=Signal::derive(problem) />
            {options}
        </fieldset>
        <fieldset class="field">
            <legend class="field-label">"When"</legend>
            <label class="check">
                <input
                    type="radio"
                    name="runner"
                    prop:checked=move || every().is_none()
                    on:change=move |_| draft.update(|d| d.run_every_hours = None)
                />
                <span>"Immediately, as each event happens"</span>
            </label>
            <label class="check">
                <input
                    type="radio"
                    name="runner"
                    prop:checked=move || every().is_some()
                    on:change=move |_| {
                        draft.update(|d| d.run_every_hours = Some(d.run_every_hours.unwrap_or(24)))
                    }
                />
                <span>"A digest every"</span>
                <input
                    type="number"
                    min="1"
                    max="168"
                    class="hours"
                    aria-label="Hours between digests"
                    id="f-runEveryHours"
                    aria-invalid=move || problem_on(errors, "runEveryHours")().is_some().to_string()
                    prop:value=move || every().unwrap_or(24).to_string()
                    disabled=move || every().is_none()
                    on:input=move |ev| {
                        draft
                            .update(|d| {
                                d.run_every_hours = Some(event_target_value(&ev).parse().unwrap_or(0));
                            })
                    }
                />
                <span>"hours"</span>
            </label>
            <FieldError message=Signal::derive(problem_on(errors, "runEveryHours")) />
        </fieldset>
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || draft.with(|d| d.enabled)
                on:change=move |ev| draft.update(|d| d.enabled = event_target_checked(&ev))
            />
            <span>"Enabled: start sending as soon as it is saved"</span>
        </label>
    }
}

#[component]
pub fn Review(
    draft: RwSignal<Draft>,
    preview: Preview,
    gateways: Vec<Gateway>,
    types: Vec<EventType>,
    /// The forwarder edited, whose stored credentials a test uses where they are kept.
    editing: Option<String>,
    /// Takes a test the backend refused (a 422) to its step and fields.
    on_refused: Callback<ApiError>,
) -> impl IntoView {
    let editing = StoredValue::new(editing);
    let test = Action::new_local(move |(): &()| {
        let (client, spec) = (use_client(), draft.with_untracked(Draft::to_spec));
        async move { client.test_forwarder_settings(&spec, editing.get_value().as_deref()).await }
    });
    Effect::new(move |_| {
        if let Some(Err(error @ ApiError::Invalid(_))) = test.value().get() {
            on_refused.run(error);
        }
    });
    let outcome =
        move || test.value().get().filter(|a| !matches!(a, Err(ApiError::Invalid(_)))).map(test_outcome);
    let d = draft.get_untracked();
    let spec = d.to_spec();
    let labels: Vec<String> = spec
        .event_types
        .iter()
        .map(|name| types.iter().find(|t| t.name == *name).map_or(name.clone(), |t| t.label.clone()))
        .collect();
    let scope = spec.scope.clone();
    let scope_text = [
        ("Items", &scope.items),
        ("Auth methods", &scope.auth_methods),
        ("Targets", &scope.targets),
        ("Gateways", &scope.gateways),
    ]
    .into_iter()
    .filter(|(_, paths)| !paths.is_empty())
    .map(|(label, paths)| format!("{label}: {}", paths.join(", ")))
    .collect::<Vec<_>>();
    let gateway =
        gateways.iter().find(|g| g.id == spec.gateway_id).map_or(spec.gateway_id.clone(), |g| g.name.clone());
    let destination = match &spec.config {
        event_center_contract::ForwarderConfig::Email { to } => to.join(", "),
        event_center_contract::ForwarderConfig::Webhook { url, .. } => url.clone(),
        event_center_contract::ForwarderConfig::Servicenow { instance_url, .. } => instance_url.clone(),
        _ => "The channel's incoming webhook (set)".into(),
    };
    view! {
        <dl class="review">
            <dt>"Name"</dt>
            <dd>{spec.name.clone()}</dd>
            <dt>"Type"</dt>
            <dd>{d.kind.label()}</dd>
            <dt>"Event types"</dt>
            <dd>
                {if labels.len() <= 6 {
                    labels.join(", ").into_any()
                } else {
                    view! {
                        <details>
                            <summary>{format!("{} event types", labels.len())}</summary>
                            {labels.join(", ")}
                        </details>
                    }
                        .into_any()
                }}
            </dd>
            <dt>"Scope"</dt>
            <dd>{if scope_text.is_empty() { "Every object".to_string() } else { scope_text.join("; ") }}</dd>
            <dt>"Destination"</dt>
            <dd>{destination}</dd>
            <dt>"Gateway"</dt>
            <dd>{gateway}</dd>
            <dt>"When"</dt>
            <dd>
                {spec
                    .run_every_hours
                    .map_or("As each event happens".to_string(), |h| format!("A digest every {h} hours"))}
            </dd>
            <dt>"Enabled"</dt>
            <dd>{if spec.enabled { "Yes" } else { "No" }}</dd>
        </dl>
        <h3>"What the receiver gets"</h3>
        {move || match preview.get() {
            None => {
                view! {
                    <p class="muted" role="status">
                        "Preparing a sample…"
                    </p>
                }
                    .into_any()
            }
            Some(Err(error)) => {
                view! { <p class="field-error">{format!("The sample could not be prepared. {error}")}</p> }
                    .into_any()
            }
            Some(Ok(p)) if p.matched_last_week == 0 => {
                view! {
                    <p class="muted">
                        "No event of the last 7 days matches, so there is no sample yet; each body has the shape of the event table's JSON export."
                    </p>
                }
                    .into_any()
            }
            Some(Ok(p)) => {
                view! {
                    <p class="muted small">
                        {format!(
                            "The newest of the {} matching events of the last 7 days, in the forwarded format (grouped by event type):",
                            p.matched_last_week,
                        )}
                    </p>
                    <pre class="sample-body" tabindex="0" aria-label="Sample body">
                        {p.body}
                    </pre>
                }
                    .into_any()
            }
        }}
        <h3>"Try it"</h3>
        <p class="muted small">"Sends one sample event with these settings, before anything is saved."</p>
        <button
            type="button"
            class="button button-secondary send-test"
            disabled=move || test.pending().get()
            on:click=move |_| {
                test.dispatch_local(());
            }
        >
            {move || if test.pending().get() { "Sending a test…" } else { "Send a test event" }}
        </button>
        {outcome}
    }
}

/// What the receiver made of a sample event, or why none was sent.
fn test_outcome(answer: Result<TestResult, ApiError>) -> AnyView {
    match answer {
        Ok(r) => {
            let (class, words) =
                if r.delivered { ("status-ok", "Delivered") } else { ("status-bad", "Not delivered") };
            let code = r.response_status.map_or("no answer".to_string(), |c| format!("HTTP {c}"));
            view! {
                <p class="test-result" role="status">
                    <span class=format!("status {class}")>{words}</span>
                    {format!(" · {code} in {} ms · {}", r.duration_ms, r.message)}
                </p>
            }
            .into_any()
        }
        Err(error) => view! {
            <p class="field-error" role="alert">
                {format!("The test was not sent. {error}")}
            </p>
        }
        .into_any(),
    }
}

/// After saving: the signing secret shown this once, a test send, and the way to the deliveries.
#[component]
pub fn Done(created: CreatedForwarder, is_edit: bool) -> impl IntoView {
    let id = StoredValue::new(created.forwarder.id.clone());
    let test = Action::new_local(move |(): &()| {
        let client = use_client();
        async move { client.test_forwarder(&id.get_value()).await }
    });
    let result = move || test.value().get().map(test_outcome);
    let name = created.forwarder.spec.name.clone();
    view! {
        <div class="banner" role="status">
            {if is_edit { format!("\"{name}\" was saved.") } else { format!("\"{name}\" was created.") }}
        </div>
        {created
            .signing_secret
            .map(|secret| {
                view! {
                    <section class="signing-secret" aria-labelledby="secret-title">
                        <h2 id="secret-title">"Signing secret"</h2>
                        <p>"Your receiver verifies each body with it. It is shown this once: copy it now."</p>
                        <NewSecret secret />
                    </section>
                }
            })}
        <div class="form-actions">
            <button
                type="button"
                class="button"
                disabled=move || test.pending().get()
                on:click=move |_| {
                    test.dispatch_local(());
                }
            >
                {move || if test.pending().get() { "Sending a test…" } else { "Send a test event" }}
            </button>
            <a class="button button-secondary" href=forwarder_href(&created.forwarder.id)>
                "See its deliveries"
            </a>
            <a class="button button-secondary" href=FORWARDERS.href()>
                "All forwarders"
            </a>
        </div>
        {result}
    }
}
