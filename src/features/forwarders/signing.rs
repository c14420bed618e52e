//! A webhook's signing secret (Standard Webhooks): shown once when it is made, and on the
//! forwarder's page when it was last rotated and a rotation. After a rotation the previous
//! secret keeps verifying for a while, so the receiver can switch without missing a delivery.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::session::use_client;
use crate::ui::time_format::{browser_offset_minutes, exact, relative_after_verb, Zone};
use crate::ui::{now, ticking_now, Confirm, CopyButton};

/// A new secret, shown this once, with the way to copy it.
#[component]
pub fn NewSecret(secret: String) -> impl IntoView {
    view! {
        <p class="secret-value">
            <code class="secret">{secret.clone()}</code>
            <CopyButton text=secret label="Copy" />
        </p>
    }
}

/// The secret's section on the forwarder's page: when it was last rotated, and (for those who
/// may change forwarders) a rotation behind a confirmation.
#[component]
pub fn SigningSecret(
    id: String,
    name: String,
    rotated_at: DateTime<Utc>,
    can_write: Signal<bool>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let asking = RwSignal::new(false);
    let rotated_at = RwSignal::new(rotated_at);
    let clock = ticking_now();
    let rotate = Action::new_local(move |(): &()| {
        let client = use_client();
        async move {
            let answer = client.rotate_forwarder_secret(&id.get_value()).await;
            if answer.is_ok() {
                rotated_at.set(now());
            }
            answer
        }
    });
    let message = format!(
        "A new secret signs the deliveries of \"{name}\" from now on. The current one keeps \
         verifying for a while, so your receiver can switch over without missing a delivery."
    );
    view! {
        <section class="signing-status" aria-labelledby="signing-title">
            <h2 id="signing-title">"Signing secret"</h2>
            <p>
                <span class="status status-neutral">"Set"</span>
                " Last rotated "
                {move || relative_after_verb(rotated_at.get(), clock.get())}
                ". Your receiver checks each delivery's webhook-signature header with it."
            </p>
            <Show when=move || can_write.get()>
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || rotate.pending().get()
                    on:click=move |_| asking.set(true)
                >
                    {move || if rotate.pending().get() { "Rotating…" } else { "Rotate the signing secret" }}
                </button>
            </Show>
            {move || {
                rotate
                    .value()
                    .get()
                    .map(|answer| match answer {
                        Ok(new) => {
                            view! {
                                <div class="signing-secret" role="status">
                                    <p>
                                        <strong>"The new secret, shown this once: copy it now."</strong>
                                    </p>
                                    <NewSecret secret=new.secret />
                                    <p class="muted">
                                        {format!(
                                            "The previous secret verifies until {}.",
                                            exact(
                                                new.previous_valid_until,
                                                Zone::Local,
                                                browser_offset_minutes,
                                            ),
                                        )}
                                    </p>
                                </div>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <p class="field-error" role="alert">
                                    {format!("The signing secret was not rotated. {error}")}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
        <Confirm
            open=asking
            title="Rotate the signing secret?"
            message
            confirm="Rotate"
            on_confirm=Callback::new(move |()| {
                rotate.dispatch_local(());
            })
        />
    }
}
