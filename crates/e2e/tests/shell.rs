//! The app shell, as a user meets it: the release bundle in Chromium over WebDriver.

use event_center_e2e::Browser;

const SECTIONS: [(&str, &str); 4] = [
    ("/events", "Events"),
    ("/event-viewer", "Event viewer"),
    ("/usage", "Usage reports"),
    ("/forwarders", "Forwarders"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_the_console_lands_on_the_event_table_with_every_section_in_reach() {
    let b = Browser::start().await;
    b.goto("/").await;
    b.wait_for_heading("Events").await;
    assert_eq!(b.path().await, "/events");
    assert_eq!(b.texts("nav[aria-label=Sections] a").await, SECTIONS.map(|(_, label)| label));
    assert!(b.texts("#boot").await.is_empty(), "the static loading shell is gone once the console runs");
    b.wait_until("the mock backend badge", "return !!document.querySelector('.badge-mock')").await;
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
        assert_eq!(b.texts("nav a[aria-current=page]").await, [heading]);
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
    assert_eq!(b.js(links_inside).await, true, "every section link is on screen");
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
    b.wait_until("the mock badge", "return !!document.querySelector('.badge-mock')").await;
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
    b.wait_until(
        "the configuration alert",
        "return document.querySelector('.banner-error')?.textContent.includes('the mock backend could not be loaded')",
    )
    .await;
    b.wait_until(
        "the table's error state",
        "return document.querySelector('.events-page .state-error')?.textContent.includes('could not be reached')",
    )
    .await;
    assert_eq!(b.texts(".events-table tbody tr[data-id]").await, Vec::<String>::new());
    b.click(".badge-mock").await;
    b.wait_until(
        "the mock panel says why",
        "return document.querySelector('#mock-panel[role=alert]')?.textContent.includes('could not be loaded')",
    )
    .await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.screenshot("shell-mock-unavailable").await;
    b.close().await;
}
