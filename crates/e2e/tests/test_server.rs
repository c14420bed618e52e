//! The same release bundle against the native test server over real HTTP: the backend is
//! runtime configuration, and the console behaves the same above the transport.

use event_center_e2e::{dist, Browser, Site, SECTIONS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_talks_to_the_test_server_over_http() {
    let b = Browser::start_on(Site::TestServer).await;
    b.goto("/events").await;
    b.wait_for_heading("Events").await;
    let chip = "return document.querySelector('.user-chip')?.textContent.endsWith('Alice Nguyen')";
    b.wait_until("the user from GET /api/v1/me", chip).await;
    // The answer came 150 ms after the first paint: the header, the toolbar (the Forward link)
    // and the filters (the retention in the time's label) kept their places.
    b.find("tbody tr[data-id]").await;
    b.assert_read_at_once(&["/me", "/event-types", "/events"]).await;
    let shifts = "const shifts = [];
        new PerformanceObserver((l) => shifts.push(...l.getEntries())).observe({ type: 'layout-shift', buffered: true });
        return new Promise((done) => setTimeout(() => done(shifts.map((e) =>
          `${e.value}: ${e.sources.map((s) => s.node?.className ?? s.node?.nodeName).join(', ')}`))))";
    assert_eq!(b.js(shifts).await, serde_json::json!([]), "the page moved when /me answered");
    assert!(b.texts(".badge-mock").await.is_empty(), "no mock badge on a real backend");
    let fetched = "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/api/v1/me'))";
    assert_eq!(b.js(fetched).await, true, "the user came over HTTP");
    let mock_module = "return performance.getEntriesByType('resource').filter(e => e.name.includes('event-center-mock-web')).length";
    assert_eq!(b.js(mock_module).await, 0, "a real backend's console never downloads the mock module");
    // Once idle, the page loads every chunk it may need next, but not the mock's.
    let mock_panel = |name: &str| {
        ["split_mock_panel-", "split_web_mock-", "chunk_web_mock-"].iter().any(|mock| name.starts_with(mock))
    };
    let chunks = std::fs::read_dir(dist())
        .expect("dist/")
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| (name.starts_with("chunk_") || name.starts_with("split_")) && !mock_panel(name))
        .count();
    let fetched = |filter: &str| {
        format!("return new Set(performance.getEntriesByType('resource').map(e => e.name).filter(n => {filter})).size")
    };
    let prefetched = format!("{} >= {chunks}", fetched("/\\/(chunk|split)_/.test(n)"));
    b.wait_until("the idle prefetch", &prefetched).await;
    let mock_code = fetched("/\\/(split_mock_panel|split_web_mock|chunk_web_mock)-/.test(n)");
    assert_eq!(b.js(&mock_code).await, 0, "nor the mock panel's or mock port's code");
    b.close().await;
}

/// The Forward link keeps its place unseen while `/me` is on its way; if `/me` cannot be read,
/// it goes rather than leaving a gap at the toolbar's end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_answer_from_me_the_forward_link_leaves_no_gap() {
    let mut b = Browser::start_on(Site::TestServer).await;
    b.expect_error("ERR_BLOCKED_BY_CLIENT");
    b.expect_error("Failed to fetch");
    b.block_urls(&["*/api/v1/me"]).await;
    b.goto("/events").await;
    b.find("tbody tr[data-id]").await;
    let gone = "return document.querySelector('.toolbar a[href=\"/forwarders/new\"]')?.hidden === true";
    b.wait_until("the Forward link gone", gone).await;
    b.close().await;
}

/// Leaving a page while its requests are on their way must end them, not let them write into
/// what the page disposed: that panicked the console on every HTTP backend when a filter was
/// set. Every section in turn, at once, from a filtered table whose first page is in flight.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_a_filtered_table_while_its_requests_are_in_flight_is_clean() {
    let b = Browser::start_on(Site::TestServer).await;
    for _ in 0..2 {
        b.goto("/events?severity=critical").await;
        b.wait_for_heading("Events").await;
        for (path, heading) in SECTIONS.iter().skip(1).chain(SECTIONS.iter().take(1)) {
            b.click(&format!("nav a[href='{path}']")).await;
            b.wait_for_heading(heading).await;
        }
    }
    b.find("tbody tr[data-id]").await;
    assert_eq!(b.page_errors().await, Vec::<String>::new());
    assert_eq!(b.js("return document.getElementById('crash').hidden").await, true, "no crash screen");
    b.close().await;
}

/// The journeys that matter, over real HTTP with a backend that takes its time: filter, open
/// an event and close it, the bell, and an export.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_an_admin_filters_opens_an_event_reads_the_bell_and_exports() {
    let b = Browser::start_on(Site::TestServer).await;
    b.goto("/events").await;
    b.find("tbody tr[data-id]").await;
    b.click(".severity-toggles button.sev-toggle-critical").await;
    b.wait_until(
        "only critical rows",
        "return !document.querySelector('[aria-busy=true]') && [...document.querySelectorAll('tbody tr[data-id] .sev')].every(s => s.textContent === 'critical')",
    )
    .await;

    let id = b.js("return document.querySelector('tbody tr[data-id]').dataset.id").await;
    open_event(&b, id.as_str().unwrap()).await;
    close_drawer(&b).await;
    glance_at_the_bell(&b).await;

    b.click("main .menu summary").await;
    b.click("main .menu-panel .menu-item:nth-child(2)").await;
    let csv = b.downloaded(".csv").await;
    assert!(
        csv.lines().skip(1).filter(|l| !l.is_empty()).all(|l| l.contains(",critical,")),
        "the filter's events"
    );
    b.screenshot("test-server-journey").await;
    b.close().await;
}

/// A later version of a backend adds a field to every object and says some values in ways
/// this console does not know (`notice`, `workload`, `skipped`): the contract allows both, and
/// the console must read every answer, showing an unknown value as it was sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_of_a_later_backend_version_are_read_and_unknown_values_shown() {
    let b = Browser::start_on(Site::LaterTestServer).await;
    b.goto("/events").await;
    b.wait_until(
        "an event of a severity this console does not know",
        "return [...document.querySelectorAll('tbody tr[data-id] .sev')].some(s => s.textContent === 'notice')",
    )
    .await;
    let notice = "return [...document.querySelectorAll('tbody tr[data-id]')]
        .find(r => r.querySelector('.sev')?.textContent === 'notice').dataset.id";
    let id = b.js(notice).await;
    open_event(&b, id.as_str().unwrap()).await;
    assert_eq!(b.texts(".drawer .drawer-summary .sev").await, ["notice"]);
    close_drawer(&b).await;
    glance_at_the_bell(&b).await;

    b.goto("/event-viewer").await;
    b.wait_until(
        "a run of an outcome this console does not know",
        "return [...document.querySelectorAll('.runs-table tbody tr[data-id] .status')].some(s => s.textContent === 'skipped')",
    )
    .await;
    b.screenshot("later-backend-version").await;
    b.close().await;
}

async fn open_event(b: &Browser, id: &str) {
    b.click(&format!("tr[data-id='{id}']")).await;
    b.find(".drawer .json-view").await;
}

async fn close_drawer(b: &Browser) {
    b.press(&fantoccini::key::Key::Escape.to_string()).await;
    b.wait_until("the drawer to close", "return !document.querySelector('.drawer')").await;
}

/// Opens the bell's panel until it lists notifications, and closes it.
async fn glance_at_the_bell(b: &Browser) {
    b.click(".bell-button").await;
    b.find("#bell-panel .bell-item").await;
    b.click(".bell-button").await;
}

/// A forwarder set up over HTTP, with a reload in the middle of the wizard, is kept by the
/// server: it is listed after a reload and opens on its (still empty) delivery log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarder_is_set_up_over_http_and_kept_by_the_server() {
    let b = Browser::start_on(Site::TestServer).await;
    b.goto("/forwarders/new").await;
    b.wait_for_heading("New forwarder").await;
    let next = ".wizard-actions button[type=submit]";
    let step = |name: &str| {
        format!("return document.querySelector('.step-heading')?.textContent.endsWith({name:?}) ?? false")
    };
    b.find("#f-name").await.send_keys("HTTP receiver").await.unwrap();
    b.assert_read_at_once(&["/event-types", "/gateways"]).await;
    b.click(next).await;
    b.wait_until("the events step", &step("Events")).await;
    b.click(".type-group legend input").await;
    b.client.refresh().await.unwrap();
    b.wait_until("the draft restored on its step", &step("Events")).await;
    b.click(next).await;
    b.wait_until("the scope step", &step("Scope")).await;
    b.wait_until(
        "the week counted",
        "return /matched [\\d,]+ events?/.test(document.querySelector('.preview-count')?.textContent)",
    )
    .await;
    b.click(next).await;
    b.wait_until("the destination step", &step("Destination")).await;
    b.find("#f-config-url").await.send_keys("https://receiver.example.com/hook").await.unwrap();
    b.click(next).await;
    b.wait_until("the delivery step", &step("Delivery")).await;
    b.click("input[name=gateway][value=gw_000]").await;
    b.click(next).await;
    b.wait_until("the review step", &step("Review")).await;
    b.click(next).await;
    b.wait_until(
        "the signing secret",
        "return document.querySelector('.signing-secret .secret')?.textContent.startsWith('whsec_')",
    )
    .await;
    let secret = "return document.querySelector('.signing-secret .secret').textContent";
    let first_secret = b.js(secret).await;
    b.goto("/forwarders").await;
    b.wait_until("listed after a reload", "return [...document.querySelectorAll('.forwarders-table th a')].some(a => a.textContent === 'HTTP receiver')").await;
    b.assert_read_at_once(&["/forwarders", "/gateways"]).await;
    // Each row asks for its newest delivery and its last day's counts, once each.
    let told =
        "return [...document.querySelectorAll('.last-delivery')].every(c => c.textContent.trim() !== '')";
    b.wait_until("every row's last delivery", told).await;
    let rows = b.js("return document.querySelectorAll('.last-delivery').length").await;
    for (asked, what) in [("/deliveries?", "newest delivery"), ("/delivery-stats", "last day's counts")] {
        let count = format!(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes('{asked}')).length"
        );
        assert_eq!(b.js(&count).await, rows, "one request per forwarder for its {what}");
    }
    let failing = b.texts(".last-delivery .failing").await;
    let worded = |t: &String| {
        t.strip_suffix(" failed in the last 24 hours").is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 0))
    };
    assert!(!failing.is_empty() && failing.iter().all(worded), "{failing:?}");
    b.click(".forwarders-table th a[href^='/forwarders/fwd_0']").await;
    b.wait_for_heading("HTTP receiver").await;
    b.find(".state-empty, .deliveries-table").await;
    // Its signing secret rotated: the server gives a new one.
    b.click(".signing-status > button").await;
    b.click("dialog.confirm .button-danger").await;
    b.wait_until(
        "the new secret",
        "return document.querySelector('.signing-status .secret')?.textContent.startsWith('whsec_') ?? false",
    )
    .await;
    assert_ne!(b.js(secret).await, first_secret, "a new secret");
    // A log opened from its link asks for its forwarder and its deliveries at once.
    b.goto("/forwarders/fwd_siem_webhook").await;
    b.find(".deliveries-table tbody tr[data-id]").await;
    b.assert_read_at_once(&["/forwarders/fwd_siem_webhook", "/deliveries"]).await;
    assert_eq!(b.page_errors().await, Vec::<String>::new());
    b.close().await;
}

/// Over HTTP, where every answer takes its time: a trigger made in the editor, added to the
/// platform's ignore list of uploads and moved first, then an RA profile's override started.
/// After a reload, the server has all of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn triggers_are_made_ordered_and_overridden_over_http_and_kept_by_the_server() {
    let b = Browser::start_on(Site::TestServer).await;
    let ignore_names = "return JSON.stringify([...document.querySelectorAll('.trigger-list[aria-labelledby=ignore-triggers-title] .trigger-summary a')].map(a => a.textContent))";
    b.goto("/triggers/new?event=certificate-uploaded&kind=ignore").await;
    b.wait_for_heading("New trigger").await;
    b.type_into("#trigger-name", "Ignore lab uploads").await;
    b.assert_read_at_once(&["/event-types", "/notification-profiles"]).await;
    b.click(".trigger-form button[type=submit]").await;
    b.wait_for_heading("Triggers").await;
    let select = ".trigger-list[aria-labelledby=ignore-triggers-title] select";
    b.find(&format!("{select} option[value^='trg_0']")).await;
    b.js(&format!(
        "const s = document.querySelector({select:?}); s.value = s.querySelector('option[value^=trg_0]').value; s.dispatchEvent(new Event('change')); return true"
    ))
    .await;
    b.click(".trigger-list[aria-labelledby=ignore-triggers-title] .add-trigger button").await;
    b.wait_until("added last", &format!("{ignore_names}.endsWith('lab uploads\"]')")).await;
    // The button is drawn anew in the moved item (a WebDriver click would find it stale): focus
    // and Enter, as the keyboard does.
    b.focus("[id^='up-ignore-trg_0']").await;
    b.press("\u{E007}").await;
    let first = format!("{ignore_names}.startsWith('[\"Ignore lab uploads\"')");
    b.wait_until("moved first", &first).await;
    b.wait_until(
        "saved",
        "return ![...document.querySelectorAll('[role=status]')].some(e => e.textContent === 'Saving…')",
    )
    .await;

    b.goto("/triggers?event=certificate-expiring&scope=raProfile%3Ara_web_servers").await;
    b.click(".scope-status button").await;
    b.wait_until("the override saved", "return !!document.querySelector('.banner-override') && [...document.querySelectorAll('[aria-live=polite]')].some(e => e.textContent.includes('Saved'))").await;

    b.goto("/triggers?event=certificate-uploaded").await;
    b.wait_until("the order kept by the server", &first).await;
    b.assert_read_at_once(&["/event-types", "/triggers", "/trigger-scopes", "/trigger-assignments"]).await;
    b.goto("/triggers?event=certificate-expiring&scope=raProfile%3Ara_web_servers").await;
    b.find(".banner-override").await;
    assert_eq!(b.page_errors().await, Vec::<String>::new());
    b.close().await;
}
