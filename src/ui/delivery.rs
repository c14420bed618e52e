//! A forwarder's delivery as every screen shows it: its status badge, the receiver's answer,
//! and Retry for a failed one (from the deliveries log and from the event drawer alike).

use chrono::{DateTime, Utc};
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

/// What the receiver answered: `HTTP 502 in 120 ms`, then [`next_attempt`] if one is due.
pub fn answer(delivery: &Delivery, now: DateTime<Utc>) -> String {
    let answer = match (delivery.response_status, delivery.duration_ms) {
        (Some(code), Some(ms)) => format!("HTTP {code} in {ms} ms"),
        (Some(code), None) => format!("HTTP {code}"),
        _ => "No answer yet".to_string(),
    };
    match next_attempt(delivery, now) {
        Some(next) => format!("{answer} · {next}"),
        None => answer,
    }
}

/// When a pending delivery is next tried (`next attempt 03:41 UTC`), or that it is overdue at
/// `now` (a retry queue that stalled is worth seeing at a glance); a delivery never sent is
/// waiting for its first attempt, not for a retry.
pub fn next_attempt(delivery: &Delivery, now: DateTime<Utc>) -> Option<String> {
    let next = delivery.next_attempt_at?;
    let overdue = if delivery.attempted_at.is_some() { "retry" } else { "first attempt" };
    Some(if next < now {
        format!("{overdue} overdue since {}", utc_minutes(next, now))
    } else {
        format!("next attempt {}", utc_minutes(next, now))
    })
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_answer_says_when_the_next_attempt_is_due_or_that_it_is_overdue() {
        let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0).unwrap();
        let pending = Delivery {
            id: "dlv_1".into(),
            event_id: "evt_1".into(),
            forwarder_id: "fwd_1".into(),
            forwarder_name: "SIEM".into(),
            forwarder_type: "webhook".into(),
            attempt: 2,
            status: DeliveryStatus::Pending,
            response_status: None,
            duration_ms: None,
            attempted_at: Some(at(15, 16)),
            next_attempt_at: Some(at(15, 21)),
        };
        assert_eq!(answer(&pending, at(15, 18)), "No answer yet · next attempt 15:21 UTC");
        assert_eq!(answer(&pending, at(18, 25)), "No answer yet · retry overdue since 15:21 UTC");
        let unsent = Delivery { attempt: 1, attempted_at: None, ..pending.clone() };
        assert_eq!(answer(&unsent, at(18, 25)), "No answer yet · first attempt overdue since 15:21 UTC");
        let tomorrow = Utc.with_ymd_and_hms(2026, 12, 8, 1, 5, 0).unwrap();
        let late = Delivery { next_attempt_at: Some(tomorrow), ..pending.clone() };
        assert_eq!(answer(&late, at(23, 10)), "No answer yet · next attempt 8 Dec 01:05 UTC");
        let delivered = Delivery {
            status: DeliveryStatus::Succeeded,
            response_status: Some(200),
            duration_ms: Some(120),
            next_attempt_at: None,
            ..pending
        };
        assert_eq!(answer(&delivered, at(18, 25)), "HTTP 200 in 120 ms");
    }
}
