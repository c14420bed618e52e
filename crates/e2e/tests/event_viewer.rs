//! The event viewer's history of every trigger run: filtered in the URL, windowed, keyboard
//! driven, and each run leading to its event's runs.

use event_center_e2e::{Browser, Site};

const ROWS: &str = ".runs-table tbody tr[data-id]";

async fn journey(b: &Browser) {
    b.goto("/event-viewer").await;
    b.wait_for_heading("Event viewer").await;
    b.find(ROWS).await;
    assert!(
        b.js(&format!("return document.querySelectorAll('{ROWS}').length")).await.as_u64().unwrap() <= 60,
        "windowed"
    );

    b.find("select.run-outcome").await.select_by_value("ignored").await.unwrap();
    b.wait_until("the filter in the URL", "return location.search === '?outcome=ignored'").await;
    let all_ignored = format!(
        "const rows = [...document.querySelectorAll('{ROWS}')];
         return rows.length > 0 && rows.every(r => r.cells[4].textContent === 'Ignored')"
    );
    b.wait_until("only ignored runs", &all_ignored).await;
    b.client.refresh().await.unwrap();
    b.wait_until("the filter after reload", &all_ignored).await;
    assert_eq!(b.js("return document.querySelector('select.run-outcome').value").await, "ignored");

    // By keyboard: the first row, one down, Enter opens that run among its event's runs.
    let second = b.js(&format!("return document.querySelectorAll('{ROWS}')[1].dataset.id")).await;
    b.focus(ROWS).await;
    b.press("\u{E015}").await; // ArrowDown
    b.wait_until("the second row", &format!("return document.activeElement?.dataset.id === {second}")).await;
    b.press("\u{E007}").await; // Enter
    let run = second.as_str().unwrap().to_string();
    b.wait_until("the run's event", &format!("return location.search.includes('run={run}')")).await;
    b.find(".related-item.current").await;
    assert!(b.texts(".related-item.current .status").await.join("").contains("Ignored"));
    b.client.back().await.unwrap();
    b.wait_until("the history again", "return location.search === '?outcome=ignored'").await;
    b.find(ROWS).await;

    // A link naming a trigger since deleted: the select still shows what filters the runs.
    b.goto("/event-viewer?trigger=trg_deleted").await;
    b.wait_until(
        "the deleted trigger chosen",
        "const chosen = document.querySelector('select.run-trigger')?.selectedOptions[0];
         return chosen?.value === 'trg_deleted' && chosen.textContent === 'trg_deleted (deleted)'",
    )
    .await;
    b.find(".state-empty, .state").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_run_history_filters_in_the_url_and_opens_a_run_by_keyboard() {
    let b = Browser::start().await;
    journey(&b).await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.screenshot("event-viewer-history").await;
    b.close().await;
}

/// From a laptop to a phone the run's message stays readable: other columns narrow or go first,
/// then the table scrolls sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_run_history_keeps_its_message_readable_at_every_width() {
    let b = Browser::start().await;
    // Where the object counts are shown, they are shown whole: "12 evaluated · 12 matched · 0 …"
    // says nothing of what was ignored.
    let cut_counts = "return [...document.querySelectorAll('.runs-table tbody tr[data-id] td:nth-child(6)')]
        .filter((td) => td.offsetWidth > 0 && td.scrollWidth > td.clientWidth).map((td) => td.textContent)";
    for (width, height) in [(1440, 800), (1280, 800), (1181, 800), (1000, 800), (800, 800), (360, 740)] {
        b.client.set_window_size(width, height).await.unwrap();
        b.goto("/event-viewer").await;
        b.find(ROWS).await;
        b.assert_last_column(".runs-table", "Message", width).await;
        assert_eq!(b.js(cut_counts).await, serde_json::json!([]), "object counts cut at {width} px");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_run_history_works_over_http() {
    let b = Browser::start_on(Site::TestServer).await;
    journey(&b).await;
    b.close().await;
}

/// Every run of 100,000 events (some 9,700: only certificate events run triggers), scrolled to the
/// end: the DOM holds the rows in view, not the runs. The same windowed table holds 100,000 events
/// in `events.rs`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_run_of_a_hundred_thousand_events_scrolls_with_a_bounded_dom() {
    let b = Browser::start().await;
    b.goto("/event-viewer?events=100000&arrivals=0").await;
    b.find(ROWS).await;
    let rows = format!("return document.querySelectorAll('{ROWS}').length");
    let at_start = b.js(&rows).await.as_u64().unwrap();
    let scroll_to_end = "const s = document.querySelector('.runs-table').closest('.table-scroll'); s.scrollTop = s.scrollHeight;
        return /^[\\d,]+ runs loaded$/.test(document.querySelector('.list-count')?.textContent ?? '')";
    b.wait_until_within("every run loaded by scrolling", scroll_to_end, std::time::Duration::from_secs(120))
        .await;
    let loaded: u64 =
        b.texts(".list-count").await[0].split(' ').next().unwrap().replace(',', "").parse().unwrap();
    assert!(loaded > 9_000, "{loaded} runs");
    let at_end = b.js(&rows).await.as_u64().unwrap();
    assert!(at_start <= 60 && at_end <= 60, "rows in the DOM: {at_start} at the top, {at_end} at the end");
    let elements = b.js("return document.querySelectorAll('*').length").await.as_u64().unwrap();
    assert!(elements < 2_000, "{elements} elements in the whole page");
    b.close().await;
}
