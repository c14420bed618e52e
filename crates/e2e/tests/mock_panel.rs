//! The mock control panel shows every state of a screen: forced answers, personas, volume.

use event_center_e2e::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forced_answers_show_each_designed_error_state_and_retry_recovers() {
    let b = Browser::start().await;
    b.goto("/events").await;
    b.find("tbody tr[data-id]").await;
    b.toggle_mock_panel().await;
    b.find("#mock-panel").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "panel open");
    b.screenshot("mock-panel").await;

    for (outcome, message) in [
        ("500", "The events could not be loaded."),
        ("403", "You do not have permission to see events."),
        ("401", "Your session has ended."),
        ("429", "Too many requests right now."),
        ("network", "The backend could not be reached."),
    ] {
        b.force("listEvents", outcome).await;
        b.click(".toolbar button:first-child").await;
        b.wait_for_text(".state-error", message).await;
    }
    b.screenshot("events-network-down").await;
    assert_eq!(b.texts(".mock-forced li code").await, ["listEvents"]);

    b.click(".mock-forced button").await;
    b.click(".state-error button").await;
    b.find("tbody tr[data-id]").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persona_and_volume_switch_from_the_panel() {
    let b = Browser::start().await;
    b.goto("/events").await;
    b.toggle_mock_panel().await;
    let persona = b.find("#mock-panel select").await;
    persona.select_by_value("auditor").await.unwrap();
    b.wait_until(
        "the auditor",
        "return document.querySelector('.user-chip')?.textContent.endsWith('Bob Martin') ?? false",
    )
    .await;

    b.toggle_mock_panel().await;
    let volume = b.find("#mock-panel label:nth-of-type(2) select").await;
    volume.select_by_value("0").await.unwrap();
    b.wait_for_text(".state-empty", "No events yet").await;
    b.screenshot("events-empty").await;
    b.close().await;
}

/// A stopped retry queue can be previewed: a forwarder's pending deliveries then say their
/// attempt is overdue, which a running queue never shows. (The mock's own tests check the
/// retries sent before it stopped.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_retry_queue_shows_overdue_deliveries() {
    let b = Browser::start().await;
    b.goto("/forwarders/fwd_siem_webhook").await;
    b.find(".deliveries-table").await;
    b.toggle_mock_panel().await;
    b.find(".mock-retry-queue").await.select_by_value("12").await.unwrap();
    b.toggle_mock_panel().await;
    b.find(".delivery-status").await.select_by_value("pending").await.unwrap();
    b.wait_for_text(".deliveries-table tbody", "first attempt overdue since").await;
    b.screenshot("forwarder-deliveries-overdue").await;
    // The list says so of its newest delivery, beside how many failed.
    b.click("nav a[href='/forwarders']").await;
    b.wait_for_text(".forwarders-table tbody", "first attempt overdue since").await;
    b.screenshot("forwarders-overdue").await;
    b.close().await;
}
