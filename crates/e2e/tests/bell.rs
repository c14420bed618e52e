//! The bell as an admin on call uses it: a critical event arrives, the bell says so without a
//! reload, one click leads to the event, and "mark all as read" can be undone.

use event_center_e2e::{Browser, Site, SECTIONS};
use fantoccini::key::Key;
use serde_json::Value;

const LABEL: &str = "return document.querySelector('.bell-button')?.getAttribute('aria-label') ?? ''";

/// The unread total and critical count the bell's accessible name says.
async fn said(b: &Browser) -> (u64, u64) {
    counts_in(b.js(LABEL).await.as_str().unwrap_or_default())
}

/// The unread total and critical count a label of the bell says.
fn counts_in(label: &str) -> (u64, u64) {
    let number = |after: &str| {
        label
            .split(", ")
            .find_map(|part| part.strip_suffix(after))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    (number(" unread"), number(" critical"))
}

async fn wait_for_counts(b: &Browser) -> (u64, u64) {
    b.wait_until(
        "the bell's counts",
        &format!("{} ; return l.includes('unread')", LABEL.replace("return ", "const l = ")),
    )
    .await;
    said(b).await
}

async fn wait_for_label(b: &Browser, what: &str, expected: &str) {
    wait_for_said(b, what, |label| label == expected).await;
}

/// Waits until the bell's label passes `done`, and returns it.
async fn wait_for_said(b: &Browser, what: &str, done: impl Fn(&str) -> bool) -> String {
    let started = std::time::Instant::now();
    loop {
        let label = b.js(LABEL).await.as_str().unwrap_or_default().to_string();
        if done(&label) {
            return label;
        }
        assert!(
            started.elapsed() < event_center_e2e::DEADLINE,
            "timed out waiting for {what}: the bell says {label}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn label_for(total: u64, critical: u64) -> String {
    match (total, critical) {
        (0, _) => "Notifications, none unread".into(),
        (t, 0) => format!("Notifications, {t} unread"),
        (t, c) => format!("Notifications, {t} unread, {c} critical"),
    }
}

async fn raise_critical_from_the_mock_panel(b: &Browser) {
    b.toggle_mock_panel().await;
    b.find("#mock-panel").await;
    b.click(".mock-raise-critical").await;
    b.toggle_mock_panel().await;
}

async fn open_the_bell(b: &Browser) {
    b.click(".bell-button").await;
    b.wait_until(
        "the panel's list",
        "return document.querySelectorAll('#bell-panel .bell-item').length > 0 || !!document.querySelector('#bell-panel .bell-note:not([role=status])')",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_critical_event_rings_the_bell_live_and_leads_to_its_detail() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=0").await;
    b.wait_until("the live stream", "return document.querySelector('.bell')?.dataset.live === 'stream'")
        .await;
    let (total, critical) = wait_for_counts(&b).await;
    assert!(total > 0, "a new admin's bell has the last hours unread");

    raise_critical_from_the_mock_panel(&b).await;
    wait_for_label(&b, "the count to rise without a reload", &label_for(total + 1, critical + 1)).await;
    b.find(".toast-critical a[href^=\"/events?event=\"]").await;
    assert_eq!(b.js("return document.querySelector('.bell-badge').dataset.severity").await, "critical");
    let title = b.js("return document.title").await;
    let count = if total + 1 > 99 { "99+".to_string() } else { (total + 1).to_string() };
    assert!(title.as_str().unwrap().starts_with(&format!("({count}) ")), "{title}");
    b.screenshot("bell-critical-toast").await;

    open_the_bell(&b).await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "bell panel open");
    b.screenshot("bell-panel").await;
    let first = b.js("const li = document.querySelector('#bell-panel .bell-item'); return [li.className, li.querySelector('.bell-sev').className]").await;
    assert_eq!(
        first,
        serde_json::json!(["bell-item unread", "bell-sev sev-critical"]),
        "newest first, unread"
    );

    // Escape closes the panel and gives focus back to the bell.
    b.press(&Key::Escape.to_string()).await;
    b.wait_until("the panel to close", "return !document.querySelector('#bell-panel')").await;
    assert_eq!(b.js("return document.activeElement.classList.contains('bell-button')").await, true);

    // The keyboard opens it again, with focus inside; a severity count leads to exactly those unread events.
    b.press(&Key::Enter.to_string()).await;
    b.wait_until("the panel by keyboard", "return !!document.activeElement.closest('#bell-panel')").await;
    b.find("#bell-panel .bell-counts a.sev-critical").await;
    b.click("#bell-panel .bell-counts a.sev-critical").await;
    b.wait_until("the filtered table", "return location.search === '?severity=critical&read=false'").await;
    b.find("tbody tr[data-id]").await;
    let rows = "return [...document.querySelectorAll('tbody tr[data-id]')].map(tr => tr.querySelector('.sev').textContent)";
    let severities: Vec<String> = serde_json::from_value(b.js(rows).await).unwrap();
    assert_eq!(severities.len() as u64, critical + 1, "one row per unread critical notification");
    assert!(severities.iter().all(|s| s == "critical"));
    assert!(b.texts(".chips .chip > span").await.contains(&"Unread notifications".to_string()));

    // Clicking a notification marks it read and opens its event.
    open_the_bell(&b).await;
    let event_id = b.js("return new URLSearchParams(document.querySelector('#bell-panel .bell-item a').search).get('event')").await;
    b.click("#bell-panel .bell-item a").await;
    b.wait_until(
        "the event's drawer",
        &format!("return new URLSearchParams(location.search).get('event') === {event_id}"),
    )
    .await;
    b.find(".drawer").await;
    wait_for_label(&b, "the count to fall", &label_for(total, critical)).await;
    b.press(&Key::Escape.to_string()).await;
    b.wait_until("the drawer to close", "return !document.querySelector('.drawer')").await;

    // Mark all as read, then undo.
    open_the_bell(&b).await;
    b.click("#bell-panel .bell-panel-footer button").await;
    wait_for_label(&b, "nothing unread", &label_for(0, 0)).await;
    assert_eq!(b.js("return document.querySelector('.bell-badge')").await, Value::Null, "no badge at zero");
    b.click(".toast .link-button").await;
    wait_for_label(&b, "the undo to restore the count", &label_for(total, critical)).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_stream_the_bell_polls_and_still_rings() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=0").await;
    let (total, critical) = wait_for_counts(&b).await;
    b.toggle_mock_panel().await;
    b.force("streamEvents", "404").await;
    b.toggle_mock_panel().await;
    b.wait_until(
        "the fallback to polling",
        "return document.querySelector('.bell')?.dataset.live === 'polling'",
    )
    .await;

    raise_critical_from_the_mock_panel(&b).await;
    wait_for_label(&b, "the count to rise by polling", &label_for(total + 1, critical + 1)).await;
    b.find(".toast-critical").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_without_the_capability_sees_no_bell() {
    let b = Browser::start().await;
    b.goto("/events?persona=viewer").await;
    b.wait_until(
        "the viewer",
        "return document.querySelector('.user-chip')?.textContent.endsWith('Dmitri Ivanov') ?? false",
    )
    .await;
    b.find("tbody tr[data-id]").await;
    assert_eq!(b.js("return document.querySelectorAll('.bell-slot, .bell, .bell-button').length").await, 0);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_change_what_rings_and_a_refused_save_keeps_the_choices() {
    let b = Browser::start().await;
    b.goto("/notification-settings?arrivals=0").await;
    b.wait_for_heading("Notification settings").await;
    b.find("input[name=min-severity]:checked").await;
    assert_eq!(
        b.js("return document.querySelector('input[name=min-severity]:checked').value").await,
        "warning"
    );
    b.wait_until("the bell's counts", "return (document.querySelector('.bell-button')?.getAttribute('aria-label') ?? '').includes('unread')").await;

    // A refused save says why and keeps what was chosen.
    b.toggle_mock_panel().await;
    b.force("updateNotificationSettings", "500").await;
    b.toggle_mock_panel().await;
    b.click("input[name=min-severity][value=critical]").await;
    b.click(".settings-form button[type=submit]").await;
    b.wait_until("the failure", "return document.querySelector('.settings-form .banner-error')?.textContent.startsWith('Not saved') ?? false").await;
    assert_eq!(
        b.js("return document.querySelector('input[name=min-severity]:checked').value").await,
        "critical"
    );
    b.screenshot("notification-settings-failed").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "settings page");

    b.toggle_mock_panel().await;
    b.click(".mock-forced button").await;
    b.toggle_mock_panel().await;
    b.click(".settings-form button[type=submit]").await;
    b.wait_until("the save", "return document.querySelector('.settings-form [role=status]')?.textContent.startsWith('Saved') ?? false").await;
    // The bell follows: only critical notifications are counted now.
    b.wait_until(
        "the bell to count only critical",
        "const l = document.querySelector('.bell-button').getAttribute('aria-label'); const m = l.match(/(\\d+) unread(, (\\d+) critical)?/); return !m || m[1] === (m[3] ?? '0') || l.endsWith('none unread')",
    )
    .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_the_bell_follows_the_servers_event_stream_with_no_request_of_its_own() {
    let b = Browser::start_on(Site::TestServer).await;
    b.goto("/events").await;
    let (first, _) = wait_for_counts(&b).await;
    b.assert_read_at_once(&["/notifications/unread-count", "/notifications"]).await;
    assert_eq!(b.js("return document.querySelector('.bell').dataset.live").await, "stream");
    // Events arrive on the server, one a second; each that notifies the admin reaches the bell
    // over the open stream with the counts: between two, the bell asks nothing and polls nothing.
    let raised = wait_for_more_unread(&b, first).await;
    let asked = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/notifications')).length";
    let asked_before = b.js(asked).await;
    wait_for_more_unread(&b, raised).await;
    assert_eq!(
        b.js(asked).await,
        asked_before,
        "a request of the bell's own between two streamed notifications"
    );
    assert_eq!(b.js("return document.querySelector('.bell').dataset.live").await, "stream");
    b.close().await;
}

/// Waits for the bell to say more than `than` unread, and returns how many.
async fn wait_for_more_unread(b: &Browser, than: u64) -> u64 {
    let label = wait_for_said(b, &format!("more than {than} unread"), |l| counts_in(l).0 > than).await;
    counts_in(&label).0
}

/// "Mark all as read" waits out its undo window before it is sent; a page closed inside that
/// window sends it as it closes (fetch `keepalive`), so the reload finds it done on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mark_all_read_still_undoable_is_sent_when_the_page_closes() {
    let b = Browser::start_on(Site::TestServer).await;
    b.goto("/events").await;
    let (before, _) = wait_for_counts(&b).await;
    assert!(before >= 5, "the test server's admin starts with unread notifications ({before})");
    open_the_bell(&b).await;
    b.click("#bell-panel .bell-panel-footer button").await;
    wait_for_label(&b, "nothing unread", &label_for(0, 0)).await;
    assert!(!b.texts(".toast .link-button").await.is_empty(), "still inside the undo window");
    b.client.refresh().await.unwrap();
    // Only what arrived since (one event a second on the test server) is unread.
    let (after, _) = wait_for_counts(&b).await;
    assert!(after < before && after <= 5, "{after} unread after the reload, {before} before");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_counts_cannot_be_loaded_the_bell_says_so_quietly_and_recovers() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=0").await;
    let (total, critical) = wait_for_counts(&b).await;
    b.toggle_mock_panel().await;
    // The stream brings the counts; without it the bell asks for them every few seconds.
    b.force("streamEvents", "network").await;
    b.wait_until("polling", "return document.querySelector('.bell').dataset.live === 'polling'").await;
    b.force("getUnreadCounts", "500").await;
    b.click(".mock-raise-warning").await;
    b.find(".bell-offline").await;
    wait_for_label(&b, "the stale count said", &format!("{}, could not refresh", label_for(total, critical)))
        .await;
    assert_eq!(b.texts("header nav a").await.len(), SECTIONS.len(), "the header still works");

    // The counts' own Restore, named so that it can be clicked.
    let name_it = "[...document.querySelectorAll('.mock-forced li')]
        .find(li => li.querySelector('code').textContent === 'getUnreadCounts')
        .querySelector('button').id = 'restore-counts'; return true";
    b.js(name_it).await;
    b.click("#restore-counts").await;
    wait_for_label(&b, "the retry to recover", &label_for(total + 1, critical)).await;
    assert_eq!(b.js("return document.querySelector('.bell-offline')").await, Value::Null);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bell_panel_fits_a_phone_and_reads_well_in_the_dark() {
    let b = Browser::start().await;
    b.client.set_window_size(360, 740).await.unwrap();
    b.goto("/events?arrivals=0").await;
    wait_for_counts(&b).await;
    b.click(".theme-toggle").await;
    b.wait_until("the dark theme", "return document.documentElement.dataset.theme === 'dark'").await;
    open_the_bell(&b).await;
    let fits = "const r = document.querySelector('#bell-panel').getBoundingClientRect(); return r.left >= 0 && r.right <= document.documentElement.clientWidth";
    assert_eq!(b.js(fits).await, true, "the panel stays on screen at 360 px");
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "bell panel, dark, 360 px");
    b.screenshot("bell-panel-dark-360").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_tab_pauses_the_bell_and_catches_up_on_return() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=0").await;
    let (total, critical) = wait_for_counts(&b).await;
    let set_visibility = |state: &'static str| {
        format!(
            "Object.defineProperty(document, 'visibilityState', {{ value: '{state}', configurable: true }});
             document.dispatchEvent(new Event('visibilitychange', {{ bubbles: true }}));"
        )
    };
    b.js(&set_visibility("hidden")).await;
    b.wait_until("the pause", "return document.querySelector('.bell').dataset.live === 'paused'").await;
    raise_critical_from_the_mock_panel(&b).await;
    b.js(&set_visibility("visible")).await;
    wait_for_label(&b, "the catch-up on return", &label_for(total + 1, critical + 1)).await;
    b.wait_until("the stream again", "return document.querySelector('.bell').dataset.live === 'stream'")
        .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn older_notifications_load_as_the_list_scrolls() {
    let b = Browser::start().await;
    b.goto("/events?arrivals=0").await;
    wait_for_counts(&b).await;
    open_the_bell(&b).await;
    b.click("#bell-panel .bell-tabs button:last-child").await;
    let count = "return document.querySelectorAll('#bell-panel .bell-item').length";
    b.wait_until("the first page of All (read ones too)", &format!("{count} === 30")).await;
    assert_eq!(
        b.js("return document.querySelectorAll('#bell-panel .bell-item:not(.unread)').length > 0").await,
        true
    );
    b.js("const l = document.querySelector('#bell-panel .bell-list'); l.scrollTop = l.scrollHeight;").await;
    b.wait_until("older notifications", &format!("{count} === 60")).await;
    let ordered = "const t = [...document.querySelectorAll('#bell-panel .bell-item time')].map(t => Date.parse(t.getAttribute('datetime')));
                   return t.every((x, i) => i === 0 || t[i - 1] >= x)";
    assert_eq!(b.js(ordered).await, true, "newest first across pages");
    b.close().await;
}
