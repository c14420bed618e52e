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
