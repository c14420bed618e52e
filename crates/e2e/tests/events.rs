//! The event table as an admin uses it: filter, read, open, export, scroll far.

use std::time::Duration;

use event_center_e2e::{Browser, Site};
use fantoccini::key::Key;
use serde_json::Value;

const ROWS: &str = "tbody tr[data-id]";

async fn first_row_id(b: &Browser) -> String {
    b.js(&format!("return document.querySelector('{ROWS}').dataset.id")).await.as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filtering_by_type_severity_and_date_shows_only_matching_rows_and_lives_in_the_url() {
    let b = Browser::start().await;
    // No arrivals: the reload below must show the same newest matching event.
    b.goto("/events?events=20000&arrivals=0").await;
    b.find(ROWS).await;
    let unfiltered_first = first_row_id(&b).await;
    // The time range says how long the backend keeps events (its /me says 365 days).
    let kept = "return document.querySelector('select.range').labels[0].textContent.startsWith('Time (events kept 365 days)')";
    b.wait_until("the retention at the time range", kept).await;
    // The event type picker lines up with the select beside it.
    let bottoms = "return ['.picker-value', 'select.source-kind'].map((s) => document.querySelector(s).getBoundingClientRect().bottom)";
    let bottoms = b.js(bottoms).await;
    assert_eq!(bottoms[0], bottoms[1], "the bottoms of the type picker and the source kind");

    b.click(".severity-toggles button.sev-toggle-critical").await;
    b.wait_until("severity in the URL", "return location.search.includes('severity=critical')").await;
    b.click(".picker summary").await;
    let finder = b.find(".picker-panel input[type=search]").await;
    finder.send_keys("expired").await.unwrap();
    b.wait_until(
        "the finder to narrow the list",
        "return [...document.querySelectorAll('.picker-panel .check:has(code)')].length <= 3",
    )
    .await;
    b.click(".picker-panel .check:has(code) input").await;
    b.wait_until("type in the URL", "return location.search.includes('type=')").await;
    b.press(&Key::Escape.to_string()).await;
    b.wait_until("the picker to close on Escape", "return !document.querySelector('details.picker[open]')")
        .await;
    b.find("select.range").await.select_by_value("30d").await.unwrap();
    b.wait_until("range in the URL", "return location.search.includes('range=30d')").await;
    b.wait_until(
        "the filtered rows",
        &format!(
            "return document.querySelectorAll('{ROWS}').length > 0 && !document.querySelector('.skeleton, [aria-busy=true]')"
        ),
    )
    .await;

    let check = format!(
        "const cut = Date.now() - 30 * 86400e3;
         return [...document.querySelectorAll('{ROWS}')].every(tr =>
             tr.querySelector('.sev').textContent === 'critical'
             && tr.querySelector('.type-cell').title.endsWith('-expired')
             && Date.parse(tr.querySelector('time').getAttribute('datetime')) >= cut)"
    );
    assert_eq!(b.js(&check).await, true, "every row matches type, severity and date");
    assert_eq!(b.texts(".chips .chip > span").await.len(), 3, "one chip per filter");
    let filtered_url = b.client.current_url().await.unwrap();
    b.screenshot("events-filtered").await;
    let filtered_first = first_row_id(&b).await;

    b.client.refresh().await.unwrap();
    b.find(ROWS).await;
    assert_eq!(b.client.current_url().await.unwrap(), filtered_url);
    assert_eq!(first_row_id(&b).await, filtered_first, "reload shows the same view");
    // Waited for, not read at once: under load it failed once right after the reload (see the
    // session note of 2026-11-30); the rows must still all match within the deadline.
    b.wait_until("every reloaded row to match", &check).await;

    // Back undoes the last choice (the date range), and Back again the one before.
    b.client.back().await.unwrap();
    b.wait_until("the range to be undone", "return !location.search.includes('range=')").await;
    b.click(".chips button.link-button").await;
    b.wait_until("all filters cleared", "return location.search === ''").await;
    b.wait_until(
        "the unfiltered list",
        &format!("return document.querySelector('{ROWS}')?.dataset.id === {unfiltered_first:?}"),
    )
    .await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.close().await;
}

/// The drawer's code is its own chunk, fetched on first open. When it cannot be fetched the
/// console says so, the table stays usable, and a retry works once the connection is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drawer_whose_code_cannot_be_fetched_says_so_and_retries() {
    let mut b = Browser::start().await;
    b.expect_error("TypeError: Failed to fetch"); // the chunk loader's report of the blocked fetch
    b.block_urls(&["*/split_event_drawer-*"]).await;
    b.goto("/events").await;
    b.find(ROWS).await;
    let id = first_row_id(&b).await;
    let failed = ".chunk-failed[role=alertdialog]";

    b.click(&format!("tr[data-id='{id}']")).await;
    b.wait_for_text(failed, "could not be loaded").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "chunk failure shown");
    b.screenshot("events-chunk-failed").await;
    b.wait_until("focus on Retry", "return document.activeElement?.textContent === 'Retry'").await;
    b.press(&Key::Escape.to_string()).await;
    b.wait_until(
        "the failure closed, the table usable",
        "return !document.querySelector('.chunk-failed') && !document.querySelector('.events-page[inert]')",
    )
    .await;
    assert!(!b.client.current_url().await.unwrap().as_str().contains("event="));

    b.click(&format!("tr[data-id='{id}']")).await;
    b.wait_for_text(failed, "could not be loaded").await;
    b.click(".chunk-failed .button-secondary").await;
    b.wait_until("closed by its button", "return !document.querySelector('.chunk-failed')").await;

    b.click(&format!("tr[data-id='{id}']")).await;
    b.wait_for_text(failed, "could not be loaded").await;
    b.block_urls(&[]).await;
    b.click(".chunk-failed .button:not(.button-secondary)").await;
    b.wait_until(
        "the drawer",
        &format!("return document.querySelector('#drawer-title code')?.textContent === {id:?}"),
    )
    .await;
    assert_eq!(b.js("return document.querySelectorAll('.chunk-failed').length").await, 0);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_opens_in_a_drawer_by_click_or_keyboard_and_escape_returns_to_its_row() {
    let b = Browser::start().await;
    b.goto("/events").await;
    b.find(ROWS).await;
    let id = first_row_id(&b).await;

    b.click(&format!("tr[data-id='{id}']")).await;
    b.find(".drawer .json-view").await;
    assert!(b.client.current_url().await.unwrap().query().unwrap().contains(&format!("event={id}")));
    let payload = b.texts(".drawer .json-view .json-key").await;
    assert!(payload.iter().any(|k| k.starts_with("name")), "the payload's fields: {payload:?}");
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "drawer open");
    b.screenshot("events-drawer").await;

    b.press(&Key::Escape.to_string()).await;
    b.wait_until("the drawer to close", "return !document.querySelector('.drawer')").await;
    b.wait_until("focus back on the row", &format!("return document.activeElement?.dataset?.id === {id:?}"))
        .await;

    // Keyboard only: down one row, Enter opens it; the deep link reopens it after reload.
    b.press(&Key::Down.to_string()).await;
    b.wait_until("focus on the second row", "return document.activeElement?.dataset?.index === '1'").await;
    let second = b.js("return document.activeElement.dataset.id").await.as_str().unwrap().to_string();
    b.press(&Key::Enter.to_string()).await;
    b.wait_until(
        "the second event's drawer",
        &format!("return document.querySelector('#drawer-title code')?.textContent === {second:?}"),
    )
    .await;
    b.client.refresh().await.unwrap();
    b.wait_until(
        "the drawer after reload",
        &format!("return document.querySelector('#drawer-title code')?.textContent === {second:?}"),
    )
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_writes_the_current_filter_as_grouped_json_and_as_csv() {
    let b = Browser::start().await;
    b.goto("/events?severity=critical&range=30d").await;
    b.find(ROWS).await;
    let shown: usize = b
        .js("return document.querySelector('.list-count').textContent")
        .await
        .as_str()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();

    b.click("main .menu summary").await;
    b.click("main .menu-panel .menu-item:first-child").await;
    b.wait_until("the export to finish", "return [...document.querySelectorAll('.banner')].some(b => b.textContent.startsWith('Exported') || b.textContent.includes('failed'))").await;
    let json: Value = serde_json::from_str(&b.downloaded(".json").await).unwrap();
    let groups = json["Event_Center_Events"].as_object().expect("events grouped by type");
    let exported: Vec<&Value> = groups.values().flat_map(|g| g.as_array().unwrap()).collect();
    assert_eq!(exported.len(), shown, "every event of the filter");
    assert!(exported.iter().all(|e| e["severity"] == "critical"));
    // The seed's forwarded format: each entry's object name and id, and the type's details.
    assert!(
        exported
            .iter()
            .all(|e| e["name"].is_string() && e["item_id"].is_string() && e["payload"].is_object()),
        "{:?}",
        exported.first()
    );
    assert!(groups.keys().all(|k| k.chars().next().unwrap().is_uppercase()), "{:?}", groups.keys());

    assert_eq!(
        b.js("return document.querySelector('main details.menu').open").await,
        false,
        "a choice closes the menu"
    );
    b.click("main .menu summary").await;
    b.click("main .menu-panel .menu-item:nth-child(2)").await;
    let csv = b.downloaded(".csv").await;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,createdAt,severity,type,sourceKind,source,actor,ipAddress,message"));
    assert_eq!(lines.filter(|l| !l.is_empty()).count(), shown);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scrolling_through_a_hundred_thousand_events_keeps_the_dom_small() {
    let b = Browser::start().await;
    b.goto("/events?events=100000").await;
    b.find(ROWS).await;
    let rows = format!("return document.querySelectorAll('{ROWS}').length");
    let at_start = b.js(&rows).await.as_u64().unwrap();
    let scroll_to_end = "const s = document.querySelector('.table-scroll'); s.scrollTop = s.scrollHeight;
        return document.querySelector('.list-count')?.textContent.startsWith('100,000 events loaded') ?? false";
    b.wait_until_within("all 100,000 events loaded by scrolling", scroll_to_end, Duration::from_secs(120))
        .await;
    b.wait_until("the last rows", "return !!document.querySelector(\"tr[aria-rowindex='100001']\")").await;
    let at_end = b.js(&rows).await.as_u64().unwrap();
    assert!(
        at_start > 10 && at_end <= at_start + at_start / 10,
        "rows in the DOM: {at_start} at the top, {at_end} at the end"
    );
    let elements = b.js("return document.querySelectorAll('*').length").await.as_u64().unwrap();
    assert!(elements < 2_000, "{elements} elements in the whole page");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_names_paths_and_payloads_is_shown_as_text() {
    let b = Browser::start().await;
    b.goto("/events?events=20000&actor=onerror").await;
    b.find(ROWS).await;
    let actors = b.texts(&format!("{ROWS} td.col-actor")).await;
    assert!(
        !actors.is_empty() && actors.iter().all(|a| a == "<img src=x onerror=alert(1)>@example.com"),
        "{actors:?}"
    );
    assert_eq!(b.js("return document.querySelectorAll('main img, main script').length").await, 0);
    b.click(ROWS).await;
    b.find(".drawer .json-view").await;
    assert_eq!(b.js("return document.querySelectorAll('.drawer img, .drawer script').length").await, 0);
    assert!(b.texts(".drawer .facts dd").await.iter().any(|t| t.contains("<img src=x onerror=alert(1)>")));

    b.goto("/events?events=20000&source=*<script>*").await;
    b.find(ROWS).await;
    assert!(b
        .texts(&format!("{ROWS} td.col-source"))
        .await
        .iter()
        .all(|s| s.contains("<script>alert('xss')</script>")));
    assert_eq!(b.js("return document.querySelectorAll('main script').length").await, 0);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_mode_brings_new_events_in_place_at_the_top_and_as_a_banner_below() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=600").await;
    b.find(ROWS).await;
    let first = first_row_id(&b).await;
    b.click(".toolbar button[aria-pressed]").await;
    let newer_on_top = format!("return document.querySelector('{ROWS}').dataset.id > {first:?}");
    b.wait_until_within("new events at the top", &newer_on_top, Duration::from_secs(20)).await;

    // Scrolled away, new events wait behind a banner instead of moving the rows being read.
    b.js("document.querySelector('.table-scroll').scrollTop = 4000; document.querySelector('.table-scroll').dispatchEvent(new Event('scroll'))").await;
    let reading = b.js("return document.querySelector('tr[data-index=\"120\"]')?.dataset.id ?? null").await;
    b.wait_until_within(
        "the new-events banner",
        "return /\\d+ new events?: show/.test(document.querySelector('.new-events')?.textContent)",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        b.js("return document.querySelector('tr[data-index=\"120\"]')?.dataset.id ?? null").await,
        reading,
        "rows stay put"
    );
    let top_before = first_row_id(&b).await;
    b.click(".new-events").await;
    b.wait_until("the banner to go", "return !document.querySelector('.new-events')").await;
    b.wait_until(
        "the list back at the top",
        "return document.querySelector('.table-scroll').scrollTop === 0",
    )
    .await;
    b.wait_until(
        "the new events shown",
        &format!("return document.querySelector('{ROWS}').dataset.id > {top_before:?}"),
    )
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_time_column_sorts_oldest_first_and_back() {
    let b = Browser::start().await;
    b.goto("/events").await;
    b.find(ROWS).await;
    let newest = first_row_id(&b).await;
    b.click("th.col-time button").await;
    b.wait_until("oldest first in the URL", "return location.search.includes('order=asc')").await;
    b.wait_until(
        "the oldest event first",
        &format!("return document.querySelector('{ROWS}')?.dataset.id === 'evt_0000000'"),
    )
    .await;
    assert_eq!(
        b.js("return document.querySelector('th.col-time').getAttribute('aria-sort')").await,
        "ascending"
    );
    b.client.back().await.unwrap();
    b.wait_until(
        "newest first again",
        &format!("return document.querySelector('{ROWS}')?.dataset.id >= {newest:?}"),
    )
    .await;
    b.close().await;
}

/// While the session's event stream is open, live mode asks for rows only when the stream
/// brings an event: no 5-second polling beside it. No events arrive on this server, so any
/// request for rows after live mode is on would be a poll.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_live_mode_rides_the_open_stream_without_polling() {
    let b = Browser::start_on(Site::QuietTestServer).await;
    b.goto("/events").await;
    b.find(ROWS).await;
    b.wait_until("the stream open", "return document.querySelector('.bell')?.dataset.live === 'stream'")
        .await;
    b.click(".toolbar button[aria-pressed]").await;
    b.wait_until(
        "live mode on",
        "return document.querySelector('.toolbar button[aria-pressed=true]') !== null",
    )
    .await;
    let since = b.js("return performance.now()").await.as_f64().unwrap();
    // Two poll periods; a poll's answer takes the server's latency, well inside the second.
    b.wait_until_within(
        "two poll periods with the stream open",
        &format!("return performance.now() - {since} > 11000"),
        Duration::from_secs(20),
    )
    .await;
    let polls = format!(
        "return performance.getEntriesByType('resource')
            .filter(e => e.startTime > {since} && new URL(e.name).pathname === '/api/v1/events').length"
    );
    assert_eq!(b.js(&polls).await, 0, "no request for rows while the stream is open");
    assert_eq!(b.js("return document.querySelector('.bell').dataset.live").await, "stream");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_drawer_shows_the_trigger_runs_and_deliveries_of_an_event() {
    let b = Browser::start().await;
    b.goto("/events?events=20000&type=certificate-uploaded&severity=info").await;
    b.find(ROWS).await;
    b.click(ROWS).await;
    b.find(".drawer .related-item").await;
    let links = b.js("return [...document.querySelectorAll('.drawer .related-item a[href^=\"/event-viewer\"]')].map(a => a.getAttribute('href'))").await;
    // Each run also leads to its trigger's page.
    let to_triggers = b
        .js("return document.querySelectorAll('.drawer .related-item a[href^=\"/triggers/\"]').length")
        .await;
    assert_eq!(to_triggers.as_u64(), Some(links.as_array().unwrap().len() as u64));
    let id = b.js("return document.querySelector('#drawer-title code').textContent").await;
    assert!(
        links.as_array().unwrap().iter().all(|l| l
            .as_str()
            .unwrap()
            .starts_with(&format!("/event-viewer?event={}&run=run_", id.as_str().unwrap()))),
        "{links}"
    );
    assert!(b.texts(".drawer h3").await.contains(&"Forwarder deliveries".to_string()));

    // The run's link leads to the event viewer, which points the run out and leads back.
    let first_link = links[0].as_str().unwrap().to_string();
    b.click(".drawer .related-item a[href^='/event-viewer']").await;
    b.wait_for_heading("Event viewer").await;
    b.find(".related-item[aria-current=true] a[href^=\"/event-viewer\"]").await;
    assert_eq!(
        b.js("return document.querySelector('.related-item[aria-current=true] a[href^=\"/event-viewer\"]').getAttribute('href')")
            .await,
        first_link.as_str()
    );
    b.screenshot("event-viewer").await;
    b.click(".viewer-event + p a").await;
    b.wait_until(
        "the event again",
        &format!("return document.querySelector('#drawer-title code')?.textContent === {}", id),
    )
    .await;

    // A critical event is forwarded: its deliveries show status and attempt.
    b.goto("/events?events=20000&severity=critical").await;
    b.find(ROWS).await;
    let open_forwarded =
        "for (const tr of document.querySelectorAll('tbody tr[data-id]')) { tr.click(); return true; }";
    b.js(open_forwarded).await;
    b.find(".drawer .related").await;
    b.js("const body = document.querySelector('.drawer-body'); body.scrollTop = body.scrollHeight").await;
    b.screenshot("events-drawer-related").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_filter_keeps_the_previous_rows_marked_busy_until_its_own_arrive() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=0").await;
    b.find(ROWS).await;
    b.toggle_mock_panel().await;
    let latency = b.find(".mock-latency").await;
    latency.select_by_value("3000").await.unwrap();
    b.toggle_mock_panel().await;
    let before = first_row_id(&b).await;

    b.click(".sev-toggle-critical").await;
    let busy = "return document.querySelector('.table-wrap')?.getAttribute('aria-busy') === 'true'";
    b.wait_until("the list to say it is loading", busy).await;
    assert_eq!(first_row_id(&b).await, before, "the previous rows stay while the new ones load");
    assert_eq!(b.texts(".list-count").await, ["Loading the events of these filters…"]);
    b.wait_until(
        "the filtered rows in their place",
        &format!(
            "return document.querySelector('.table-wrap')?.getAttribute('aria-busy') === 'false'
                && [...document.querySelectorAll('{ROWS}')].every(tr => tr.querySelector('.sev-critical'))"
        ),
    )
    .await;
    b.close().await;
}

/// Closing a drawer this tab opened returns to the entry before it, so Back moves on to the
/// view before that instead of bringing the event back; a drawer from a shared link closes in
/// place of its own entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_after_closing_the_drawer_does_not_reopen_it() {
    let b = Browser::start().await;
    b.goto("/events").await;
    b.find(ROWS).await;
    b.click(".severity-toggles button.sev-toggle-critical").await;
    b.wait_until("severity in the URL", "return location.search === '?severity=critical'").await;
    b.wait_until("the critical rows", "return !document.querySelector('[aria-busy=true]')").await;
    let id = first_row_id(&b).await;
    b.click(&format!("tr[data-id='{id}']")).await;
    b.find(".drawer .json-view").await;
    b.press(&Key::Escape.to_string()).await;
    b.wait_until("the drawer to close", "return !document.querySelector('.drawer')").await;
    assert_eq!(b.js("return location.search").await, "?severity=critical", "the filter stays");
    b.wait_until("focus back on the row", &format!("return document.activeElement?.dataset?.id === {id:?}"))
        .await;

    b.client.back().await.unwrap();
    b.wait_until("the view before the filter", "return location.search === ''").await;
    assert_eq!(b.js("return !!document.querySelector('.drawer')").await, false, "Back did not reopen it");

    // A shared link: the drawer closes in place, and Back leaves for the page before.
    b.goto("/usage").await;
    b.wait_for_heading("Usage reports").await;
    b.goto(&format!("/events?severity=critical&event={id}")).await;
    b.find(".drawer .json-view").await;
    b.click(".drawer-header .icon-button").await;
    b.wait_until("the drawer to close", "return location.search === '?severity=critical'").await;
    b.client.back().await.unwrap();
    b.wait_for_heading("Usage reports").await;
    b.close().await;
}

/// The drawer's facts as shown: each `<dt>` with its `<dd>`.
async fn drawer_facts(b: &Browser) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('.drawer .facts dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent])";
    serde_json::from_value(b.js(script).await).unwrap()
}

/// Seed 003: an authentik login shows its user, the app that logged it and its client IP; an
/// impersonation, whom it impersonated; a failed login's context, its password cleansed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_drawer_shows_what_authentik_records_of_a_login_and_an_impersonation() {
    let b = Browser::start().await;
    for (event_type, term) in
        [("login", "Account"), ("impersonation_started", "Impersonated user"), ("login_failed", "Request")]
    {
        b.goto(&format!("/events?events=20000&type={event_type}")).await;
        b.find(ROWS).await;
        b.click(ROWS).await;
        b.find("#context-title").await;
        let facts = drawer_facts(&b).await;
        let fact = |name: &str| facts.iter().find(|(t, _)| t == name).map(|(_, v)| v.clone());
        assert!(fact(term).is_some_and(|v| !v.is_empty()), "{term}: {facts:?}");
        assert!(fact("Account").is_some(), "{facts:?}");
        assert_eq!(fact("Logged by").as_deref(), Some("authentik.events.signals"), "{facts:?}");
        assert_eq!(fact("Tenant").as_deref(), Some("Default tenant"));
        assert!(fact("IP address").is_some_and(|ip| ip.contains('.')), "the client IP: {facts:?}");
        if event_type == "login_failed" {
            let context = b.texts(".drawer section:has(#context-title) .json-view").await.join("");
            assert!(context.contains("password") && !context.contains("typed-"), "{context}");
            assert_eq!(b.axe_violations().await, Vec::<String>::new());
            b.screenshot("events-drawer-authentik").await;
        }
        b.press(&Key::Escape.to_string()).await;
    }
    b.close().await;
}

/// Every event type of authentik (seed 003) and Keeper (seed 004) is found in the type picker
/// by typing its name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_type_picker_finds_every_authentik_and_keeper_type_by_typing_its_name() {
    let backend = event_center_mock::MockBackend::new(1, 10, chrono::Utc::now());
    let answer = backend.handle(&event_center_mock::Request::get("/event-types", "", Some("admin")));
    let catalog: Vec<event_center_contract::EventType> = serde_json::from_str(&answer.body).unwrap();
    let names: Vec<String> = catalog
        .into_iter()
        .filter(|t| t.category == "authentication" || t.category == "secrets-manager")
        .map(|t| t.name)
        .collect();
    assert_eq!(names.len(), 24 + 12);
    let b = Browser::start().await;
    b.goto("/events").await;
    b.find(ROWS).await;
    b.click(".picker summary").await;
    let finder = b.find(".picker-panel input[type=search]").await;
    for name in &names {
        finder.clear().await.unwrap();
        finder.send_keys(name).await.unwrap();
        // Offered, in a list the typed name narrowed.
        let offered = format!(
            "return !!document.querySelector('.picker-panel input[value=\"{name}\"]')
                && document.querySelectorAll('.picker-panel .check:has(code)').length < 10"
        );
        b.wait_until(&format!("{name} offered"), &offered).await;
    }
    b.close().await;
}
