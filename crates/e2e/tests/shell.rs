//! The app shell, as a user meets it: the release bundle in Chromium over WebDriver.

use event_center_e2e::{Browser, Site, SECTIONS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_the_console_lands_on_the_event_table_with_every_section_in_reach() {
    let b = Browser::start().await;
    b.goto("/").await;
    b.wait_for_heading("Events").await;
    assert_eq!(b.path().await, "/events");
    assert_eq!(b.texts("nav[aria-label=Sections] a").await, SECTIONS.map(|(_, label)| label));
    assert!(b.texts("#boot").await.is_empty(), "the static loading shell is gone once the console runs");
    b.find(".badge-mock").await;
    // Nothing names the backend, so config.json decides: index.html's script and the console share one fetch.
    let config_file =
        "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/config.json')).length";
    assert_eq!(b.js(config_file).await, 1, "config.json is fetched once");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_section_is_a_deep_link_that_survives_reload() {
    let b = Browser::start().await;
    for (path, heading) in SECTIONS {
        b.goto(path).await;
        b.wait_for_heading(heading).await;
        b.client.refresh().await.unwrap();
        b.wait_for_heading(heading).await;
        assert_eq!(b.path().await, path);
        // The bell's unread count leads the title: "(18) Events · Event Center".
        let title = b.client.title().await.unwrap();
        let page = title
            .split_once(") ")
            .filter(|_| title.starts_with('('))
            .map_or(title.as_str(), |(_, rest)| rest);
        assert_eq!(page, format!("{heading} · Event Center"));
        assert_eq!(b.texts("nav[aria-label=Sections] a[aria-current=page]").await, [heading]);
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn navigation_moves_between_sections_and_back_returns() {
    let b = Browser::start().await;
    b.goto("/events").await;
    b.wait_for_heading("Events").await;
    b.click("nav a[href='/forwarders']").await;
    b.wait_for_heading("Forwarders").await;
    assert_eq!(b.path().await, "/forwarders");
    b.client.back().await.unwrap();
    b.wait_for_heading("Events").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_path_shows_the_not_found_page() {
    let b = Browser::start().await;
    b.goto("/no/such/page").await;
    b.wait_for_heading("Page not found").await;
    assert_eq!(b.texts("main code").await, ["/no/such/page"]);
    b.click("main a[href='/events']").await;
    b.wait_for_heading("Events").await;
    // A page below a section that has none is not the section.
    for path in ["/usage/2026", "/event-viewer/runs"] {
        b.goto(path).await;
        b.wait_for_heading("Page not found").await;
        assert_eq!(b.texts("main code").await, [path]);
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_theme_toggle_is_remembered_and_both_themes_pass_axe() {
    let b = Browser::start().await;
    let background = "return getComputedStyle(document.body).backgroundColor";
    b.goto("/events").await;
    b.wait_for_heading("Events").await;
    // Headless Chromium reports a light system theme.
    assert_eq!(b.js(background).await, "rgb(246, 247, 249)");
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "light theme");
    b.screenshot("shell-light").await;

    b.click(".theme-toggle").await;
    b.wait_until("the dark theme", "return document.documentElement.dataset.theme === 'dark'").await;
    b.client.refresh().await.unwrap();
    b.wait_for_heading("Events").await;
    assert_eq!(b.js(background).await, "rgb(15, 18, 22)", "dark theme remembered across reload");
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "dark theme");
    b.screenshot("shell-dark").await;

    b.goto("/missing").await;
    b.wait_for_heading("Page not found").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "not-found page");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_360_pixels_nothing_overflows_and_every_section_is_reachable() {
    let b = Browser::start().await;
    b.client.set_window_size(360, 740).await.unwrap();
    b.goto("/usage").await;
    b.wait_for_heading("Usage reports").await;
    let overflow = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    assert_eq!(b.js(overflow).await, true, "no horizontal scrolling at 360 px");
    let links_inside = "return [...document.querySelectorAll('nav a')].every(a => {
        const r = a.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth; })";
    // Waited for: the header settles once /me has answered (under load, after the heading).
    b.wait_until("every section link on screen", links_inside).await;
    let one_header_row = "const mid = s => { const r = document.querySelector(s).getBoundingClientRect(); return r.top + r.height / 2; };
        return Math.abs(mid('.brand') - mid('.theme-toggle')) < 4";
    assert_eq!(b.js(one_header_row).await, true, "brand, bell and theme toggle share the first row");
    b.screenshot("shell-narrow").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_backend_is_chosen_at_runtime_and_a_bad_choice_is_reported() {
    let b = Browser::start().await;
    let alert_shown = "return !!document.querySelector('[role=alert]')";
    b.goto("/events?backend=ftp://nowhere").await;
    b.wait_until("the configuration alert", alert_shown).await;
    let alert = b.texts("[role=alert]").await.join("");
    assert!(alert.contains("backend \"ftp://nowhere\" is neither"), "{alert}");
    assert!(b.texts(".badge-mock").await.is_empty(), "a broken configuration never falls back to mock data");

    // The override sticks for the tab: after in-app navigation and a reload it still applies.
    b.click("nav a[href='/usage']").await;
    b.wait_for_heading("Usage reports").await;
    b.client.refresh().await.unwrap();
    b.wait_until("the configuration alert after reload", alert_shown).await;

    b.goto("/events?backend=mock").await;
    b.find(".badge-mock").await;
    assert!(b.texts("[role=alert]").await.is_empty());
    let mock_module =
        "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('event-center-mock-web_bg.wasm')).length";
    assert_eq!(b.js(mock_module).await, 1, "the mock module, started early by index.html, is loaded once");

    // The mock's persona is runtime configuration too.
    let signed_in_as =
        |name: &str| format!("return document.querySelector('.user-chip')?.textContent.endsWith({name:?})");
    b.wait_until("the admin persona", &signed_in_as("Alice Nguyen")).await;
    b.goto("/usage?persona=auditor").await;
    b.wait_until("the auditor persona", &signed_in_as("Bob Martin")).await;
    b.goto("/events?persona=root").await;
    b.wait_until("the configuration alert", alert_shown).await;
    assert!(b.texts("[role=alert]").await.join("").contains("persona \"root\" is not one of admin, auditor"));
    b.close().await;
}

/// The console mounts before the mock's module has arrived. If the module cannot be fetched,
/// that is a configuration problem, said over the console's frame, and no screen waits forever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mock_module_that_cannot_be_fetched_is_reported_not_waited_for() {
    let b = Browser::start().await;
    b.block_urls(&["*/event-center-mock-web*"]).await;
    b.goto("/events").await;
    b.wait_for_text(".banner-error", "the mock backend could not be loaded").await;
    b.wait_for_text(".events-page .state-error", "could not be reached").await;
    assert_eq!(b.texts(".events-table tbody tr[data-id]").await, Vec::<String>::new());
    b.click(".badge-mock").await;
    b.wait_for_text("#mock-panel[role=alert]", "could not be loaded").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.screenshot("shell-mock-unavailable").await;
    b.close().await;
}

/// `?names=long`: a 10,000-character user name, and a critical event (at the top of the table
/// and the bell) on an item whose path is as long. Each stays in its box with its full text
/// reachable, and the header's controls keep their places, on a phone, a small laptop and a desktop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_character_names_stay_in_their_boxes_at_360_1000_and_1440_pixels() {
    let b = Browser::start().await;
    for (width, height) in [(1440, 900), (1000, 800), (360, 740)] {
        b.client.set_window_size(width, height).await.unwrap();
        b.goto("/events?names=long").await;
        b.wait_until("the long name", "return document.querySelector('.user-chip')?.title.length > 10000")
            .await;
        b.wait_until(
            "the long event's row",
            "return document.querySelector('tbody tr[data-id] td.col-source')?.textContent.length >= 10000",
        )
        .await;
        let inside = "const w = document.documentElement.clientWidth;
            const sel = 'header .brand, nav a, .header-actions > *, .bell-button, .theme-toggle';
            return document.documentElement.scrollWidth <= w && [...document.querySelectorAll(sel)].every(e => {
                const r = e.getBoundingClientRect(); return r.width === 0 || (r.left >= 0 && r.right <= w + 0.5); })";
        assert_eq!(b.js(inside).await, true, "nothing past the viewport at {width} px");
        let apart = "const r = s => document.querySelector(s).getBoundingClientRect();
            const chip = r('.user-chip');
            return [...document.querySelectorAll('nav a, .bell-button, .theme-toggle')].every(e => {
                const o = e.getBoundingClientRect();
                return o.right <= chip.left || o.left >= chip.right || o.bottom <= chip.top || o.top >= chip.bottom; })";
        assert_eq!(b.js(apart).await, true, "the user's name overlays no control at {width} px");
        let clear = "const actions = [...document.querySelectorAll('.header-actions > *')]
                .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
            return [...document.querySelectorAll('nav a')].every(a => { const o = a.getBoundingClientRect();
                return actions.every(r => o.right <= r.left || o.left >= r.right || o.bottom <= r.top || o.top >= r.bottom); })";
        assert_eq!(b.js(clear).await, true, "the navigation runs under no header action at {width} px");
        assert_eq!(
            b.js("return document.querySelector('tbody tr[data-id]').getBoundingClientRect().height <= 41")
                .await,
            true
        );
        // Whichever columns the width leaves, the message is the last, with room to be read, and
        // no empty column follows it.
        b.assert_last_column(".events-table", "Message", width).await;

        b.click(".bell-button").await;
        b.wait_until(
            "the long notification",
            "return document.querySelector('#bell-panel .bell-item .bell-title')?.title.length > 10000",
        )
        .await;
        let panel = "const r = document.querySelector('#bell-panel').getBoundingClientRect();
            const t = document.querySelector('#bell-panel .bell-title').getBoundingClientRect();
            return r.left >= 0 && r.right <= document.documentElement.clientWidth && t.height < 60";
        assert_eq!(b.js(panel).await, true, "the panel on screen, the title in two lines at {width} px");
        b.screenshot(&format!("long-names-bell-{width}")).await;
        b.click("#bell-panel .bell-item a").await;
        b.find(".drawer .drawer-message .long-text.clamped").await;
        let drawer = "const d = document.querySelector('.drawer').getBoundingClientRect();
            const m = document.querySelector('.drawer-message .long-text').getBoundingClientRect();
            return [d.left, d.right, document.documentElement.clientWidth, m.height]";
        let [left, right, width_seen, message]: [f64; 4] =
            serde_json::from_value(b.js(drawer).await).unwrap();
        assert!(left >= 0.0 && right <= width_seen, "the drawer on screen at {width} px: {left}..{right}");
        assert!(message < 100.0, "three lines of the message at {width} px: {message} px high");
        b.click(".drawer-message .long-text-toggle").await;
        b.wait_until(
            "the whole message",
            "return !document.querySelector('.drawer-message .long-text.clamped')",
        )
        .await;
        assert_eq!(
            b.js("return document.querySelector('.drawer-message .long-text').textContent.length > 10000")
                .await,
            true
        );
        b.screenshot(&format!("long-names-drawer-{width}")).await;
        assert_eq!(b.axe_violations().await, Vec::<String>::new(), "at {width} px");
    }
    b.close().await;
}

/// The long-names scenario on the screens of automation and forwarding: a trigger and a forwarder
/// named with 100 characters and no space (the most a name may have). Every screen that shows
/// them stays within the viewport, with the whole name reachable, on a phone and on a desktop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_longest_trigger_and_forwarder_names_stay_in_their_boxes_at_360_and_1440_pixels() {
    longest_names_stay_in_their_boxes(Site::Mock, "names=long", "long-names").await;
}

/// The same over HTTP, on the test server started with `--long-names`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http_the_longest_trigger_and_forwarder_names_stay_in_their_boxes() {
    longest_names_stay_in_their_boxes(Site::LongNamesTestServer, "", "http-long-names").await;
}

/// `scenario` is the query parameter that asks for long names (the in-page mock's; none over
/// HTTP, where the server was started with them), `shots` the screenshots' prefix.
async fn longest_names_stay_in_their_boxes(site: Site, scenario: &str, shots: &str) {
    let b = Browser::start_on(site).await;
    let screens = [
        ("/triggers?event=certificate-uploaded", ".trigger-summary a", "Triggers", "triggers"),
        ("/triggers/trg_assign_owner", "#trigger-name", "Edit trigger", "trigger-editor"),
        ("/event-viewer", ".run-trigger option", "Event viewer", "event-viewer"),
        ("/forwarders", ".forwarders-table a", "Forwarders", "forwarders"),
        ("/forwarders/fwd_slack_secops", "h1", "", "forwarder"),
        ("/forwarders/fwd_slack_secops/edit", "#f-name", "Edit forwarder", "forwarder-wizard"),
        // A webhook's page has its signing secret's section too.
        ("/forwarders/fwd_siem_webhook", "h1", "", "webhook"),
    ];
    for (width, height) in [(1440, 900), (360, 740)] {
        b.client.set_window_size(width, height).await.unwrap();
        for (path, holder, heading, shot) in screens {
            let url = match (scenario, path.contains('?')) {
                ("", _) => path.to_string(),
                (asked, true) => format!("{path}&{asked}"),
                (asked, false) => format!("{path}?{asked}"),
            };
            b.goto(&url).await;
            if !heading.is_empty() {
                b.wait_for_heading(heading).await;
            }
            b.wait_until("its styles", "return !document.querySelector('.lazy-styled[hidden]')").await;
            let named = format!(
                "return [...document.querySelectorAll({holder:?})].some(e => (e.tagName === 'INPUT' ? e.value : e.textContent).includes('-and-its-very-long-qualifier'))"
            );
            b.wait_until(&format!("the long name in {holder} of {path}"), &named).await;
            let fits = "const w = document.documentElement.clientWidth;
                return document.documentElement.scrollWidth <= w && [...document.querySelectorAll('main *')]
                    .filter(e => !e.closest('.table-scroll, .table-wrap') && e.getClientRects().length)
                    .every(e => e.getBoundingClientRect().right <= w + 0.5)";
            assert_eq!(b.js(fits).await, true, "{path} within {width} px");
            b.screenshot(&format!("{shots}-{shot}-{width}")).await;
            assert_eq!(b.axe_violations().await, Vec::<String>::new(), "{path} at {width} px");
        }
    }
    b.close().await;
}

/// When the console stops (a panic, a WebAssembly trap), the page says so instead of going
/// silently dead: Reload, and a report to copy that carries no credential and no query.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_that_stops_on_an_error_says_so_with_a_reload_and_a_report() {
    let mut b = Browser::start().await;
    b.expect_error("Event Center stopped");
    b.goto("/events?severity=critical&backend=mock").await;
    b.wait_for_heading("Events").await;
    // What the page hears of a trap in the module (a test's own throw would reach it muted, as
    // a cross-origin "Script error."); the panic hook calls the same window.ecCrash first.
    let trap = "const error = new WebAssembly.RuntimeError('unreachable: Bearer s3cr3t-t0ken token=abc');
        window.dispatchEvent(new ErrorEvent('error', { error, message: String(error) }))";
    b.js(trap).await;
    b.wait_until("the crash screen", "return !document.getElementById('crash').hidden").await;
    assert_eq!(b.js("return document.activeElement.id").await, "crash-reload", "focus on Reload");
    assert_eq!(b.js("return document.getElementById('main').closest('[inert]') !== null").await, true);
    let report = b.js("return document.getElementById('crash-report').value").await;
    let report = report.as_str().unwrap();
    assert!(report.contains("page: /events\n") && report.contains("unreachable"), "{report}");
    assert!(
        !report.contains("s3cr3t") && !report.contains("abc") && !report.contains("severity"),
        "{report}"
    );
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.screenshot("crash-screen").await;
    b.click("#crash-reload").await;
    b.wait_until(
        "a fresh console",
        "return document.getElementById('crash').hidden && !!document.querySelector('tbody tr[data-id]')",
    )
    .await;
    b.close().await;
}

/// The navigation offers every section, and marks those a user's capabilities do not open
/// with why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_navigation_marks_what_the_user_may_not_open() {
    let b = Browser::start().await;
    let denied = "return [...document.querySelectorAll('nav[aria-label=Sections] li.denied a')].map(a => a.childNodes[0].textContent + ': ' + a.title)";
    for (persona, name, sections) in [
        (
            "viewer",
            "Dmitri Ivanov",
            vec![
                "Event viewer: Needs trigger access",
                "Triggers: Needs trigger access",
                "Usage reports: Needs usage-report access",
                "Forwarders: Needs forwarder access",
            ],
        ),
        ("no-usage-reports", "Carol Smith", vec!["Usage reports: Needs usage-report access"]),
        ("admin", "Alice Nguyen", vec![]),
    ] {
        b.goto(&format!("/events?persona={persona}")).await;
        let known =
            format!("return document.querySelector('.user-chip')?.title.startsWith({name:?}) ?? false");
        b.wait_until(&format!("{persona} signed in"), &known).await;
        b.wait_until(
            &format!("{persona}: marks"),
            &format!("return document.querySelectorAll('nav li.denied').length === {}", sections.len()),
        )
        .await;
        assert_eq!(b.js(denied).await, serde_json::json!(sections), "{persona}");
        assert_eq!(
            b.texts("nav[aria-label=Sections] li").await.len(),
            SECTIONS.len(),
            "every section is offered"
        );
        // The chip says why: what this user may do.
        b.click(".user-chip").await;
        b.find(".user-menu[open] .capabilities li").await;
        let can = b.texts(".user-menu .capabilities li").await;
        assert_eq!(can.iter().any(|c| c == "usage-reports:read"), persona == "admin", "{persona}: {can:?}");
        assert_eq!(can.iter().any(|c| c == "triggers:read"), persona != "viewer", "{persona}: {can:?}");
        assert!(can.iter().any(|c| c == "events:read"), "{persona}: {can:?}");
        if persona == "admin" {
            assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the open menu");
        }
        b.press(&fantoccini::key::Key::Escape.to_string()).await;
        b.wait_until("the menu closed", "return !document.querySelector('.user-menu[open]')").await;
    }
    b.close().await;
}

/// Every section, in light and dark, on the mock and over HTTP, under the Content Security
/// Policy a deployment sets: the page reports no violation (each would also be a console error,
/// which fails every end-to-end test).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_section_runs_under_the_strict_content_security_policy_in_both_themes() {
    for site in [Site::Mock, Site::TestServer] {
        let b = Browser::start_on(site).await;
        b.on_every_page(
            "window.ecViolations = [];
             addEventListener('securitypolicyviolation', e =>
                 ecViolations.push(`${e.effectiveDirective} ${e.blockedURI || 'inline'}`));",
        )
        .await;
        b.goto("/events").await;
        b.wait_for_heading("Events").await;
        let policy = "const done = arguments[arguments.length - 1];
            fetch('/').then(r => done(r.headers.get('content-security-policy')))";
        let policy = b.client.execute_async(policy, vec![]).await.unwrap();
        let policy = policy.as_str().expect("the console is served with a policy");
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        // Styles set through the CSSOM (`style:left=`) show as attributes too, and are allowed.
        let inline = "return [...document.scripts].filter(s => !s.src).length
            + document.querySelectorAll('style').length";
        for theme in ["light", "dark"] {
            if theme == "dark" {
                b.click(".theme-toggle").await;
                b.wait_until("the dark theme", "return document.documentElement.dataset.theme === 'dark'")
                    .await;
            }
            for (path, heading) in SECTIONS {
                b.goto(path).await;
                b.wait_for_heading(heading).await;
                // A lazily loaded part too: the bell's panel, with its own code and stylesheet.
                b.click(".bell-button").await;
                b.find("#bell-panel").await;
                b.press(&fantoccini::key::Key::Escape.to_string()).await;
                assert_eq!(b.js("return ecViolations").await, serde_json::json!([]), "{path}, {theme}");
                assert_eq!(b.js(inline).await, 0, "no inline script or style on {path}");
            }
        }
        b.close().await;
    }
}
