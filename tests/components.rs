//! Component tests: the console mounted in a real headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use event_center::api::{ApiError, Client, RetryPolicy, Transport};
use event_center_contract::{EventQuery, Severity};
use event_center_mock::MockBackend;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the browser run pending work (effects, microtasks) before we look again.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits for a condition with a deadline instead of sleeping a guessed time.
async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = js_sys::Date::now() + Duration::from_secs(5).as_millis() as f64;
    while !condition() {
        assert!(js_sys::Date::now() < deadline, "timed out waiting for {what}");
        next_tick().await;
    }
}

/// The console, mounted once for the whole page as in production: the router owns
/// page-wide listeners, so every test shares this one instance. Queries stay inside it.
struct Console {
    root: Element,
}

impl Console {
    fn get() -> Console {
        thread_local! {
            static ROOT: Element = {
                let root = document().create_element("div").unwrap();
                document().body().unwrap().append_child(&root).unwrap();
                let config = event_center::config::resolve(None, &Default::default());
                // The mock in this module: the test runner serves no separate mock module.
                let settings = &config.as_ref().expect("the default configuration").mock;
                let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap();
                let mock: event_center::api::Mock =
                    Rc::new(RefCell::new(MockBackend::new(settings.seed, settings.events, now)));
                leptos::mount::mount_to(root.clone().unchecked_into(), move || view! { <event_center::App config mock=Some(mock.into())/> })
                    .forget();
                root
            };
        }
        Console { root: ROOT.with(Element::clone) }
    }

    fn texts(&self, selector: &str) -> Vec<String> {
        let nodes = self.root.query_selector_all(selector).unwrap();
        (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.text_content()).collect()
    }

    fn element(&self, selector: &str) -> HtmlElement {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
            .unchecked_into()
    }
}

#[wasm_bindgen_test]
async fn shell_offers_the_four_sections() {
    let app = Console::get();
    wait_until("navigation", || !app.texts("nav[aria-label=Sections] a").is_empty()).await;
    assert_eq!(
        app.texts("nav[aria-label=Sections] a"),
        ["Events", "Event viewer", "Usage reports", "Forwarders"]
    );
}

#[wasm_bindgen_test]
async fn clicking_a_section_shows_its_page_and_marks_it_current() {
    let app = Console::get();
    // The test page opens at `/`, which redirects to the event table.
    wait_until("a page", || !app.texts("main h1").is_empty()).await;
    app.element("nav a[href='/forwarders']").click();
    wait_until("the forwarders page", || app.texts("main h1") == ["Forwarders"]).await;
    assert_eq!(window().location().pathname().unwrap(), "/forwarders");
    assert_eq!(app.texts("nav a[aria-current=page]"), ["Forwarders"]);
}

#[wasm_bindgen_test]
async fn theme_toggle_switches_away_from_the_shown_theme_and_back() {
    let app = Console::get();
    let html = document().document_element().unwrap();
    let system_dark = window().match_media("(prefers-color-scheme: dark)").unwrap().unwrap().matches();
    let (other, system) = if system_dark { ("light", "dark") } else { ("dark", "light") };
    let toggle = app.element(".theme-toggle");
    assert_eq!(toggle.get_attribute("aria-label").unwrap(), format!("Switch to {other} theme"));

    toggle.click();
    wait_until("the label to offer the way back", || {
        toggle.get_attribute("aria-label").unwrap() == format!("Switch to {system} theme")
    })
    .await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(other));

    toggle.click();
    wait_until("the system theme again", || html.get_attribute("data-theme").is_none()).await;
}

#[wasm_bindgen_test]
async fn the_signed_in_user_comes_from_the_mock_backend_through_the_client() {
    let app = Console::get();
    wait_until("the user chip", || !app.texts(".user-chip").is_empty()).await;
    assert_eq!(app.texts(".user-chip"), ["AAlice Nguyen"], "avatar initial, then the name");
    assert_eq!(app.element(".user-chip").get_attribute("title").as_deref(), Some("alice.nguyen@example.com"));
}

/// The native test server's base URL, which scripts/test starts before these tests.
fn test_server() -> &'static str {
    // Read at compile time: the browser has no environment. Missing, only the HTTP tests fail.
    match option_env!("EC_TEST_SERVER") {
        Some(url) => url,
        None => {
            panic!("EC_TEST_SERVER: run the component tests with scripts/test, which starts the test server")
        }
    }
}

fn http_client(base_url: &str, token: &str) -> Client {
    let transport = Transport::Http { base_url: base_url.into(), token: Some(token.into()) };
    Client::new(transport, RetryPolicy { attempts: 1, first_delay_ms: 0 })
}

#[wasm_bindgen_test]
async fn the_client_reads_the_test_server_over_http_across_origins() {
    let client = http_client(test_server(), "admin");
    let query = EventQuery { severities: vec![Severity::Critical], limit: Some(10), ..Default::default() };
    let page = client.events(&query).await.unwrap();
    assert_eq!(page.data.len(), 10);
    assert!(page.data.iter().all(|e| e.severity == Severity::Critical));
    let detail = client.event(&page.data[0].id).await.unwrap();
    assert_eq!(detail.event, page.data[0]);
    assert_eq!(client.me().await.unwrap().name, "Alice Nguyen");
}

#[wasm_bindgen_test]
async fn http_errors_map_to_the_same_classes_as_on_the_mock() {
    let client = http_client(test_server(), "admin");
    assert!(matches!(client.event("evt_9999999").await, Err(ApiError::NotFound(p)) if p.status == 404));
    let invalid = client.events(&EventQuery { limit: Some(9_000), ..Default::default() }).await.unwrap_err();
    assert_eq!(invalid.field_errors()[0].field, "limit");
    let stranger = http_client(test_server(), "stranger");
    assert!(matches!(stranger.me().await, Err(ApiError::Unauthorized(_))));
    // Port 9 (discard) has no HTTP server on the test machine: the connection fails.
    let nowhere = http_client("http://127.0.0.1:9/api/v1", "admin");
    assert!(matches!(nowhere.me().await, Err(ApiError::Network(_))));
}

#[wasm_bindgen_test]
async fn the_bell_shows_the_mock_admins_unread_count_and_opens_its_panel() {
    let app = Console::get();
    let label =
        || app.root.query_selector(".bell-button").ok().flatten().and_then(|b| b.get_attribute("aria-label"));
    wait_until("the bell's counts", || label().is_some_and(|l| l.contains(" unread"))).await;
    let total: u32 =
        label().unwrap().split(", ").nth(1).and_then(|p| p.strip_suffix(" unread")?.parse().ok()).unwrap();
    let badge = app.texts(".bell-badge");
    assert_eq!(badge, [if total > 99 { "99+".to_string() } else { total.to_string() }]);

    app.element(".bell-button").click();
    wait_until("the unread notifications", || !app.texts("#bell-panel .bell-item").is_empty()).await;
    let unread = app.root.query_selector_all("#bell-panel .bell-item.unread").unwrap().length();
    assert_eq!(
        unread,
        app.root.query_selector_all("#bell-panel .bell-item").unwrap().length(),
        "the Unread tab"
    );
    app.element(".bell-button").click();
    wait_until("the panel to close", || app.root.query_selector("#bell-panel").unwrap().is_none()).await;
}
