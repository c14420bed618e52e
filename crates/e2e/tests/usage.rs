//! Usage reports as an admin reads them: the figures are the mock's own, to the last request;
//! bars say their exact value on hover and on keyboard focus; the export is the seed's document.

use chrono::{DateTime, Datelike, Duration, Utc};
use event_center_contract::UsageSummary;
use event_center_e2e::{Browser, Site};
use event_center_mock::{MockBackend, Request};
use serde_json::Value;

const TILES: &str = ".card-tiles .tile-value";

/// A figure as the page writes it, with thousands separators, read back as a number.
fn figure(text: &str) -> u64 {
    text.replace(',', "").parse().unwrap_or_else(|_| panic!("not a figure: {text:?}"))
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The browser's clock: the in-page mock and the page's ranges both read it.
async fn browser_now(b: &Browser) -> DateTime<Utc> {
    let ms = b.js("return Date.now()").await.as_f64().unwrap();
    DateTime::from_timestamp_millis(ms as i64).unwrap()
}

/// What the mock answers for the range, in the four tiles' order.
fn expected_tiles(now: DateTime<Utc>, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<u64> {
    // Usage data depends only on the seed (1, as config.json has it) and the hour.
    let backend = MockBackend::new(1, 10, now);
    let query = format!("from={}&to={}", time(from), time(to));
    let answer = backend.handle(&Request::get("/usage/summary", &query, Some("admin")));
    let summary: UsageSummary = serde_json::from_str(&answer.body).unwrap();
    let c = summary.current;
    vec![c.total_requests, c.unique_users, c.total_clients, c.total_secrets]
}

async fn wait_for_tiles(b: &Browser) {
    b.wait_until("the tiles", &format!("return document.querySelectorAll('{TILES}').length === 4")).await;
}

async fn tiles_become(b: &Browser, expected: &[u64]) {
    let script = format!(
        "return JSON.stringify([...document.querySelectorAll('{TILES}')].map(e => Number(e.textContent.replaceAll(',', '')))) === {:?}",
        serde_json::to_string(expected).unwrap()
    );
    b.wait_until(&format!("the tiles {expected:?}"), &script).await;
}

/// Sets a date input and commits it, as picking a date in the browser's date picker does.
async fn pick_date(b: &Browser, name: &str, day: &str) {
    let script = format!(
        "const i = document.querySelector('input[name={name}]'); i.value = '{day}';
         i.dispatchEvent(new Event('change', {{ bubbles: true }})); return true"
    );
    b.js(&script).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_period_shows_the_mocks_figures_and_a_too_old_range_is_refused_before_any_request() {
    let b = Browser::start().await;
    b.goto("/usage").await;
    b.wait_for_heading("Usage reports").await;
    wait_for_tiles(&b).await;
    let now = browser_now(&b).await;
    tiles_become(&b, &expected_tiles(now, now - Duration::days(30), now)).await;
    let lead = b.texts(".card-tiles .tile-change").await;
    assert!(lead[0].contains("on the previous 30 days"), "{lead:?}");

    b.find("select.range").await.select_by_value("7d").await.unwrap();
    b.wait_until("the 7-day link", "return location.search === '?range=7d'").await;
    tiles_become(&b, &expected_tiles(now, now - Duration::days(7), now)).await;

    b.find("select.range").await.select_by_value("mtd").await.unwrap();
    let first = now.date_naive().with_day0(0).map(|d| d.and_hms_opt(0, 0, 0).unwrap().and_utc()).unwrap();
    tiles_become(&b, &expected_tiles(now, first, now)).await;

    b.find("select.range").await.select_by_value("custom").await.unwrap();
    b.find("input[name=from]").await;
    let day = |d: i64| (now - Duration::days(d)).date_naive();
    pick_date(&b, "from", &day(400).to_string()).await;
    let earliest = (day(365) + Duration::days(1)).to_string();
    b.wait_until("the range error", "return !!document.querySelector('#range-error')?.textContent").await;
    let error = b.texts("#range-error").await.join("");
    assert!(error.contains(&earliest), "names the earliest date {earliest}: {error}");
    assert_eq!(
        b.js("return document.querySelector('input[name=from]').getAttribute('aria-invalid')").await,
        "true"
    );
    assert!(b.texts(TILES).await.is_empty(), "no report for a refused range");
    assert!(
        b.js("return location.search").await.as_str().unwrap().contains(&day(400).to_string()),
        "what was typed is kept"
    );

    pick_date(&b, "from", &day(10).to_string()).await;
    pick_date(&b, "to", &day(3).to_string()).await;
    let midnight = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc();
    wait_for_tiles(&b).await;
    tiles_become(&b, &expected_tiles(now, midnight(day(10)), midnight(day(3)) + Duration::days(1))).await;
    assert_eq!(b.texts("#range-error").await.join(""), "");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bar_says_its_exact_value_on_hover_and_on_keyboard_focus_as_the_table_does() {
    let b = Browser::start().await;
    b.goto("/usage?range=7d").await;
    let bars = ".time-chart rect.bar";
    b.wait_until("the bars", &format!("return document.querySelectorAll('{bars}').length >= 7")).await;
    let label =
        |i: &str| format!("return document.querySelectorAll('{bars}')[{i}].getAttribute('aria-label')");

    // Hover the third bar: the tooltip has its exact value.
    b.hover(&format!("{bars}:nth-of-type(3)")).await;
    b.find(".chart-tip").await;
    let third = b.js(&label("2")).await.as_str().unwrap().to_string();
    let (day, value) = third.split_once(": ").unwrap();
    assert_eq!(b.texts(".chart-tip span").await, [day]);
    assert_eq!(b.texts(".chart-tip strong").await, [value]);
    assert!(value.ends_with(" requests") && value.contains(','), "exact, with separators: {value}");

    // By keyboard: Tab from the interval choice reaches the newest bar; Home and the arrows
    // move to the same third bar, whose tooltip says the same value.
    b.find(".segmented button:last-child").await;
    b.focus(".segmented button:first-child").await;
    b.press("\u{E004}").await; // Tab past "By hour"
    b.press("\u{E004}").await;
    let focused_bar = "return document.activeElement?.getAttribute('data-i')";
    b.wait_until("a bar has focus", "return document.activeElement?.hasAttribute('data-i')").await;
    let newest = b.js("return document.querySelectorAll('.time-chart rect.bar').length - 1").await;
    assert_eq!(b.js(focused_bar).await.as_str().unwrap(), newest.to_string(), "the newest bar first");
    b.press("\u{E011}").await; // Home
    b.press("\u{E014}").await; // ArrowRight
    b.press("\u{E014}").await;
    b.wait_until("the third bar", "return document.activeElement?.getAttribute('data-i') === '2'").await;
    b.wait_until(
        "its tooltip",
        &format!("return document.querySelector('.chart-tip strong')?.textContent === {value:?}"),
    )
    .await;
    assert_eq!(b.texts(".chart-tip span").await, [day]);
    b.press("\u{E012}").await; // ArrowLeft
    b.wait_until("the bar before", "return document.activeElement?.getAttribute('data-i') === '1'").await;
    let focused = b.js(&label("1")).await.as_str().unwrap().to_string();
    let (day, value) = focused.split_once(": ").unwrap();
    b.wait_until(
        "its tooltip",
        &format!("return document.querySelector('.chart-tip strong')?.textContent === {value:?}"),
    )
    .await;

    // The table view has the same numbers.
    b.click(".card-chart .chart-view-toggle").await;
    let row = format!(
        "return [...document.querySelectorAll('.card-chart .chart-table tbody tr')].find(r => r.cells[0].textContent === {day:?})?.cells[1].textContent"
    );
    b.wait_until("the table", &format!("{row} !== undefined")).await;
    assert_eq!(format!("{} requests", b.js(&row).await.as_str().unwrap()), value);
    let rows = b.js("return document.querySelectorAll('.card-chart .chart-table tbody tr').length").await;
    assert_eq!(rows, newest.as_u64().unwrap() + 1, "a row per bar");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_is_the_seeds_document_with_the_tiles_totals() {
    let b = Browser::start().await;
    b.goto("/usage?user=alice.nguyen%40example.com").await;
    wait_for_tiles(&b).await;
    let tiles = b.texts(TILES).await;
    b.click(".report-bar .menu summary").await;
    b.click(".report-bar .menu-item").await;
    let json: Value = serde_json::from_str(&b.downloaded(".json").await).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&json), ["clients_usage_reports", "date_updated", "usage_reports"]);
    let sm = &json["usage_reports"]["sm"];
    assert_eq!(sm["product"], "sm");
    assert_eq!(sm["total_clients"].as_u64().unwrap(), figure(&tiles[2]), "total clients");
    assert_eq!(sm["total_secrets"].as_u64().unwrap(), figure(&tiles[3]), "total secrets");
    let clients = json["clients_usage_reports"]["sm"]["clients"].as_array().unwrap();
    assert_eq!(clients.len(), 1, "the filter applies: {clients:?}");
    assert_eq!(clients[0]["client_name"], "alice.nguyen@example.com");
    b.wait_until("the saved message", "return document.querySelector('[role=status].banner')?.textContent.startsWith('Saved the usage report')").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_card_shows_its_error_and_retries_alone() {
    let b = Browser::start().await;
    b.goto("/usage").await;
    wait_for_tiles(&b).await;
    b.toggle_mock_panel().await;
    b.force("getUsageTimeseries", "500").await;
    b.find("select.range").await.select_by_value("7d").await.unwrap();
    b.find(".card-chart [role=alert]").await;
    assert!(b.texts(".card-chart [role=alert]").await.join("").contains("could not be loaded"));
    assert_eq!(b.texts(TILES).await.len(), 4, "the other cards stay");
    assert!(b.texts(".card-list [role=alert]").await.is_empty());
    b.click(".mock-forced button").await;
    b.click(".card-chart [role=alert] button").await;
    b.wait_until("the bars", "return document.querySelectorAll('.time-chart rect.bar').length >= 7").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_usage_report_access_the_navigation_and_the_page_say_why() {
    let b = Browser::start().await;
    for persona in ["no-usage-reports", "viewer"] {
        b.goto(&format!("/usage?persona={persona}")).await;
        b.wait_until(
            &format!("{persona}: the explanation"),
            "return document.querySelector('main')?.textContent.includes('--usage-reports-access all')",
        )
        .await;
        assert_eq!(
            b.js("return document.querySelector(\"nav a[href='/usage']\").title").await,
            "Needs usage-report access"
        );
        assert!(b.texts(TILES).await.is_empty());
        assert_eq!(b.axe_violations().await, Vec::<String>::new(), "{persona}");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_is_accessible_in_both_themes_and_fits_360_pixels() {
    let b = Browser::start().await;
    b.goto("/usage").await;
    wait_for_tiles(&b).await;
    b.wait_until("every card", "return document.querySelectorAll('.card[aria-busy=false]').length === 7")
        .await;
    // Each card held a skeleton of its final size: nothing in the page moved when the data
    // arrived. (The header's user chip, arriving with /me, still moves the header's buttons.)
    let measured = "return PerformanceObserver.supportedEntryTypes.includes('layout-shift')";
    assert_eq!(b.js(measured).await, true, "the browser reports layout shifts");
    let shifted = "let sum = 0;
        const inPage = (e) => e.sources.some((s) => document.querySelector('main').contains(s.node));
        new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput && inPage(e)) sum += e.value; })
          .observe({ type: 'layout-shift', buffered: true });
        return new Promise((done) => setTimeout(() => done(sum)))";
    assert_eq!(b.js(shifted).await.as_f64(), Some(0.0), "layout shift while the cards loaded");
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "light");
    b.screenshot("usage-light").await;
    b.click(".theme-toggle").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "dark");
    b.screenshot("usage-dark").await;
    b.click(".report-switch a:last-child").await;
    b.wait_until("the password manager", "return location.search === '?report=password-manager'").await;
    b.wait_until("its cards", "return document.querySelectorAll('.card[aria-busy=false]').length === 3")
        .await;
    assert_eq!(
        b.texts(".card-tiles dt").await,
        ["Total users", "Authentication methods", "Stored passwords"]
    );
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "password manager");
    b.screenshot("usage-password-manager").await;
    b.client.set_window_size(360, 740).await.unwrap();
    b.goto("/usage?range=7d").await;
    wait_for_tiles(&b).await;
    let overflow = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    assert_eq!(b.js(overflow).await, true, "no horizontal scrolling at 360 px");
    b.screenshot("usage-narrow").await;
    b.close().await;
}

/// Over real HTTP, with a backend that takes its time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_test_server_the_report_loads_and_exports() {
    let b = Browser::start_on(Site::TestServer).await;
    // Not month to date: in the first hour of a month that range has no bar yet.
    b.goto("/usage?range=7d&action=access").await;
    wait_for_tiles(&b).await;
    b.wait_until("the bars", "return document.querySelectorAll('.time-chart rect.bar').length >= 1").await;
    b.assert_read_at_once(&["/usage/summary", "/usage/timeseries", "/usage/top"]).await;
    let tiles = b.texts(TILES).await;
    b.click(".report-bar .menu summary").await;
    b.click(".report-bar .menu-item").await;
    let json: Value = serde_json::from_str(&b.downloaded(".json").await).unwrap();
    assert_eq!(json["usage_reports"]["sm"]["total_clients"].as_u64().unwrap(), figure(&tiles[2]));
    b.close().await;
}

/// The long-names scenario (a 10,000-character user name, email and event path): the
/// dashboard and the run history stay inside the viewport.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_names_leave_the_dashboard_and_the_run_history_in_their_boxes() {
    let b = Browser::start().await;
    let inside = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    for (width, height) in [(1440, 900), (360, 740)] {
        b.client.set_window_size(width, height).await.unwrap();
        b.goto("/usage?names=long").await;
        b.wait_until("the long name", "return document.querySelector('.user-chip')?.title.length > 10000")
            .await;
        wait_for_tiles(&b).await;
        b.wait_until("every card", "return document.querySelectorAll('.card[aria-busy=false]').length === 7")
            .await;
        assert_eq!(b.js(inside).await, true, "the dashboard at {width} px");
        b.screenshot(&format!("long-names-usage-{width}")).await;
        b.click("nav a[href='/event-viewer']").await;
        b.find(".runs-table tbody tr[data-id]").await;
        assert_eq!(b.js(inside).await, true, "the run history at {width} px");
        b.screenshot(&format!("long-names-runs-{width}")).await;
    }
    b.close().await;
}
