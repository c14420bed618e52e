//! A forwarder's delivery as every screen shows it: its status badge, the receiver's answer,
//! and Retry for a failed one (from the deliveries log and from the event drawer alike).

use event_center_contract::{Delivery, DeliveryStatus};
use leptos::prelude::*;

use super::time_format::utc_minutes;
use super::{use_toasts, Tone};
use crate::api::ApiError;
use crate::session::use_client;

/// A status's words and style; one from a newer backend is shown as sent.
pub fn status_label(status: DeliveryStatus) -> (String, &'static str) {
    let (words, class) = match status {
        DeliveryStatus::Succeeded => ("Delivered", "status-ok"),
        DeliveryStatus::Failed => ("Failed", "status-bad"),
        DeliveryStatus::Pending => ("Pending", "status-warning"),
        DeliveryStatus::Unknown(value) => return (value.as_str().to_owned(), "status-neutral"),
    };
    (words.to_owned(), class)
}

#[component]
pub fn DeliveryBadge(status: DeliveryStatus) -> impl IntoView {
    let (words, class) = status_label(status);
    view! { <span class=format!("status {class}")>{words}</span> }
}

/// What the receiver answered: `HTTP 502 in 120 ms`, and when the next attempt is due.
pub fn answer(delivery: &Delivery) -> String {
    let answer = match (delivery.response_status, delivery.duration_ms) {
        (Some(code), Some(ms)) => format!("HTTP {code} in {ms} ms"),
        (Some(code), None) => format!("HTTP {code}"),
        _ => "No answer yet".to_string(),
    };
    match delivery.next_attempt_at {
        Some(next) => format!("{answer} · next attempt {}", utc_minutes(next)),
        None => answer,
    }
}

/// Sends a failed delivery again and hands its new attempt to `on_sent`; a refusal is said in a
/// toast, with Retry where another try can help.
#[component]
pub fn RetryDelivery(delivery: Delivery, on_sent: Callback<Delivery>) -> impl IntoView {
    let toasts = use_toasts();
    let id = StoredValue::new(delivery.id);
    let send = Action::new_local(move |(): &()| {
        let client = use_client();
        async move { client.retry_delivery(&id.get_value()).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(sent)) => on_sent.run(sent),
        Some(Err(error)) => {
            let again = Callback::new(move |()| {
                send.dispatch_local(());
            });
            let retryable = !matches!(error, ApiError::Conflict(_) | ApiError::Forbidden(_));
            toasts.show(
                format!("The delivery was not sent again. {error}"),
                Tone::Error,
                None,
                retryable.then_some(("Retry", again)),
                std::time::Duration::from_secs(8),
            );
        }
        None => {}
    });
    view! {
        <button
            type="button"
            class="button button-secondary button-small retry-delivery"
            disabled=move || send.pending().get()
            // The row opens on click and Enter; this button only sends again.
            on:click=move |ev| {
                ev.stop_propagation();
                send.dispatch_local(());
            }
            on:keydown=|ev| ev.stop_propagation()
        >
            {move || if send.pending().get() { "Sending…" } else { "Retry" }}
        </button>
    }
}
