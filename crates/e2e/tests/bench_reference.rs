//! The benchmark compares like with like: its reference page shows the console's first events,
//! from the same mock module, in the console's row markup.

use event_center_e2e::{Browser, Site};

/// The first rows as id, row index, and per cell its class, element count and text (the
/// relative time aside: the two pages are opened a moment apart).
const FIRST_ROWS: &str = "return [...document.querySelectorAll('.events-table tbody tr[data-id]')].slice(0, 12)
    .map(tr => [tr.dataset.id, tr.getAttribute('aria-rowindex'), ...[...tr.cells].map(td =>
        `${td.className}:${td.querySelectorAll('*').length}:${td.matches('.col-time') ? '' : td.textContent}`)].join('|'))";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_page_shows_the_consoles_first_rows_in_the_same_markup() {
    let b = Browser::start_on(Site::Bench).await;
    let rows_shown = "return document.querySelectorAll('.events-table tbody tr[data-id]').length >= 12";
    b.goto("/events?arrivals=0").await;
    b.wait_until("the console's rows", rows_shown).await;
    let console = b.js(FIRST_ROWS).await;
    b.goto("/reference.html").await;
    b.wait_until("the reference page's rows", rows_shown).await;
    let reference = b.js(FIRST_ROWS).await;
    assert_eq!(console, reference);
    assert!(console.as_array().is_some_and(|rows| rows.len() == 12), "{console}");
    b.close().await;
}

/// A log's first rows as id, row index, and per cell its element count and text (a time's
/// text aside: the two pages are opened a moment apart).
fn log_rows(table: &str) -> String {
    format!(
        "return [...document.querySelectorAll('.{table} tbody tr[data-id]')].slice(0, 12)
            .map(tr => [tr.dataset.id, tr.getAttribute('aria-rowindex'), ...[...tr.cells].map(td =>
                `${{td.querySelectorAll('*').length}}:${{td.querySelector('time') ? '' : td.textContent}}`)].join('|'))"
    )
}

/// The logs' reference page (bench/reference-log.html) asks the test server what the console's
/// event viewer and deliveries log ask, and shows their first rows in the same markup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_reference_shows_the_consoles_first_runs_and_deliveries_in_the_same_markup() {
    let console = Browser::start_on(Site::QuietTestServer).await;
    let reference = Browser::start_on(Site::Bench).await;
    let api = console.url("/api/v1");
    for (console_path, log, table) in [
        ("/event-viewer", "log=runs", "runs-table"),
        ("/forwarders/fwd_siem_webhook", "log=deliveries&forwarder=fwd_siem_webhook", "deliveries-table"),
    ] {
        let shown = format!("return document.querySelectorAll('.{table} tbody tr[data-id]').length >= 12");
        console.goto(console_path).await;
        console.wait_until("the console's rows", &shown).await;
        reference.goto(&format!("/reference-log.html?{log}&backend={api}")).await;
        reference.wait_until("the reference page", "return window.referenceReady === true").await;
        reference.click("#open").await;
        reference.wait_until("the reference page's rows", &shown).await;
        let (ours, theirs) = (console.js(&log_rows(table)).await, reference.js(&log_rows(table)).await);
        assert_eq!(ours, theirs, "{table}");
        assert!(ours.as_array().is_some_and(|rows| rows.len() == 12), "{ours}");
    }
    console.close().await;
    reference.close().await;
}
