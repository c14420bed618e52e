//! Which events make a notification for the signed-in user: event types grouped by source
//! kind, and a minimum severity. Saved through the contract; a failed save keeps every choice.

use event_center_contract::{capability, EventType, NotificationSettings, Severity};
use futures::future::try_join;
use leptos::prelude::*;

use crate::features::events::EVENT_TYPES;
use crate::session::{use_client, use_me};
use crate::ui::form::{Save, SaveStatus};
use crate::ui::split::{split, LazyStyles};
use crate::ui::{page_title, FailedRead, Failure, ReadOf, Subject, Title, TypeChecklist};

split! {
    pub fn notification_settings_page() -> AnyView {
        view! { <NotificationSettingsPage/> }.into_any()
    }
}

/// What the page's failures to load are of.
const SETTINGS: Subject = Subject {
    what: "your notification settings",
    failed: "Your notification settings could not be loaded.",
    capability: "notifications:read",
    choices: "settings",
    missing: None,
};

#[component]
fn NotificationSettingsPage() -> impl IntoView {
    let client = use_client();
    let loaded = LocalResource::new(move || {
        let client = use_client();
        async move {
            // Asked at once: on a real backend each read is a round trip.
            try_join(async { client.event_types().await.of(&EVENT_TYPES) }, async {
                client.notification_settings().await.of(&SETTINGS)
            })
            .await
        }
    });
    let me = use_me();
    let can_change = Signal::derive(move || me.get().is_some_and(|m| m.can(capability::NOTIFICATIONS_WRITE)));
    let client = StoredValue::new_local(client);
    view! {
        <Title text=page_title("Notification settings") />
        <LazyStyles href="/lazy/settings.css">
            <div class="settings-page">
                <h1>"Notification settings"</h1>
                <p class="lead">
                    "Choose which events ring your bell. Everything still appears in the event table."
                </p>
                {move || match loaded.get() {
                    None => {
                        view! {
                            <p class="muted" role="status">
                                "Loading your settings…"
                            </p>
                        }
                            .into_any()
                    }
                    Some(Err(FailedRead { subject, error })) => {
                        view! {
                            <Failure error subject=*subject retry=Callback::new(move |()| loaded.refetch()) />
                        }
                            .into_any()
                    }
                    Some(Ok((types, settings))) => {
                        view! { <SettingsForm types settings can_change client=client.get_value() /> }
                            .into_any()
                    }
                }}
            </div>
        </LazyStyles>
    }
}

#[component]
fn SettingsForm(
    types: Vec<EventType>,
    settings: NotificationSettings,
    can_change: Signal<bool>,
    client: crate::api::Client,
) -> impl IntoView {
    let chosen = RwSignal::new(settings.event_types.clone());
    let min_severity = RwSignal::new(settings.min_severity);
    let saved = RwSignal::new(settings);
    let dirty = move || {
        let current = saved.get();
        let mut a = chosen.get();
        let mut b = current.event_types.clone();
        a.sort();
        b.sort();
        a != b || min_severity.get() != current.min_severity
    };
    let bell_version = use_context::<super::SettingsSaved>();
    let save = Save::new(move |next: &NotificationSettings| {
        let (client, next) = (client.clone(), next.clone());
        async move {
            let settings = client.save_notification_settings(&next).await?;
            saved.set(settings.clone());
            if let Some(super::SettingsSaved(version)) = bell_version {
                version.update(|v| *v += 1);
            }
            Ok(settings)
        }
    });
    let chosen_now = move || NotificationSettings {
        event_types: chosen.get_untracked(),
        min_severity: min_severity.get_untracked(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.submit(chosen_now());
    };
    let types = StoredValue::new(types);
    view! {
        <form class="settings-form" on:submit=on_submit novalidate>
            <fieldset disabled=move || !can_change.get()>
                <legend class="visually-hidden">"Notification settings"</legend>
                <Show when=move || !can_change.get()>
                    <p class="banner">
                        "Your role can read these settings but not change them (it lacks notifications:write)."
                    </p>
                </Show>
                <fieldset class="field severity-choice">
                    <legend class="field-label">"Notify me of events at or above"</legend>
                    {Severity::ALL
                        .map(|s| {
                            view! {
                                <label class="check">
                                    <input
                                        type="radio"
                                        name="min-severity"
                                        value=s.key()
                                        prop:checked=move || min_severity.get() == s
                                        on:change=move |_| min_severity.set(s)
                                    />
                                    <span class=format!("sev sev-{}", s.key())>{s.key()}</span>
                                </label>
                            }
                        })}
                </fieldset>
                <div class="field">
                    <span class="field-label" id="types-label">
                        "Event types"
                    </span>
                    {move || {
                        save.field_error("eventTypes")
                            .map(|m| {
                                view! {
                                    <p class="field-error" role="alert">
                                        {m}
                                    </p>
                                }
                            })
                    }}
                    <div role="group" aria-labelledby="types-label">
                        <TypeChecklist
                            types=types.get_value()
                            chosen
                            on_change=Callback::new(move |names| chosen.set(names))
                        />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || save.pending() || !dirty()>
                        {move || if save.pending() { "Saving…" } else { "Save" }}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        disabled=move || !dirty()
                        on:click=move |_| {
                            let s = saved.get_untracked();
                            chosen.set(s.event_types);
                            min_severity.set(s.min_severity);
                            save.clear();
                        }
                    >
                        "Discard changes"
                    </button>
                    <SaveStatus
                        save
                        saved="Saved. The bell follows these settings from now on."
                        retry=Callback::new(move |()| save.submit(chosen_now()))
                    />
                </div>
            </fieldset>
        </form>
    }
}
