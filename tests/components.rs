//! Component tests: the console mounted in a real headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use event_center::api::{ApiError, Client, Credential, RetryPolicy, Transport};
use event_center::sign_in::SignIn;
use event_center::ui::chart::{TimeBar, TimeChart};
use event_center::ui::form::{FieldError as FieldErrorSlot, Save, SaveStatus};
use event_center::ui::paged_list::{PageRequest, PagedList, Status};
use event_center::ui::split::Chunk;
use event_center::ui::{Card, Failure, Subject, TypeChecklist};
use event_center_contract::{EventQuery, EventType, FieldError, Page, Problem, Severity, SourceKind};
use event_center_mock::{Forced, MockBackend};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, WildcardSegment};
use wasm_bindgen::{JsCast, JsValue};
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

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "
export function record_page_errors() {
  if (window.ecPageErrors) return;
  const errors = (window.ecPageErrors = []);
  // A ResizeObserver whose callback changes layout gets the rest of its notifications in the
  // next frame; browsers report that as an 'error' event, but it is no error of the page.
  window.addEventListener('error', (e) => e.message?.startsWith('ResizeObserver loop') || errors.push(String(e.error ?? e.message)));
  window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
  const log = console.error.bind(console);
  console.error = (...args) => { errors.push(args.map(String).join(' ')); log(...args); };
}
export function take_page_errors() { return window.ecPageErrors.splice(0).join('\\n'); }
")]
extern "C" {
    /// From now on, keeps every uncaught error, rejected promise and console error of the page.
    fn record_page_errors();
    /// What was kept since the last call, one per line.
    fn take_page_errors() -> String;
}

/// The console, mounted once for the whole page as in production: the router owns
/// page-wide listeners, so every test shares this one instance. Queries stay inside it.
/// A test that used it fails when the page reported an error meanwhile (checked on drop).
struct Console {
    root: Element,
}

impl Drop for Console {
    fn drop(&mut self) {
        let errors = take_page_errors();
        if !std::thread::panicking() {
            assert!(errors.is_empty(), "the page reported errors:\n{errors}");
        }
    }
}

impl Console {
    fn get() -> Console {
        thread_local! {
            static ROOT: Element = {
                record_page_errors();
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
async fn shell_offers_every_section() {
    let app = Console::get();
    wait_until("navigation", || !app.texts("nav[aria-label=Sections] a").is_empty()).await;
    assert_eq!(
        app.texts("nav[aria-label=Sections] a"),
        ["Events", "Event viewer", "Triggers", "Usage reports", "Forwarders"]
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
    let title = app.element(".user-chip").get_attribute("title");
    assert_eq!(
        title.as_deref(),
        Some("Alice Nguyen · alice.nguyen@example.com"),
        "the whole name and the email"
    );
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
    let transport =
        Transport::Http { base_url: base_url.into(), credential: Credential::new(Some(token.into())) };
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

/// A 401 asks the session to sign in; the token the user then gives is what every request of the
/// same client sends from then on.
#[wasm_bindgen_test]
async fn a_refused_token_asks_to_sign_in_and_its_replacement_is_sent_from_then_on() {
    let credential = Credential::new(Some("stranger".into()));
    let asked = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = asked.clone();
    credential.on_refused(move || counter.set(counter.get() + 1));
    let transport = Transport::Http { base_url: test_server().into(), credential: credential.clone() };
    let client = Client::new(transport, RetryPolicy { attempts: 1, first_delay_ms: 0 });
    assert!(matches!(client.me().await, Err(ApiError::Unauthorized(_))));
    assert_eq!(asked.get(), 1);
    credential.replace(Some("auditor".into()));
    assert_eq!(client.me().await.unwrap().name, "Bob Martin");
    assert_eq!(asked.get(), 1);
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

/// A page request the test answers by hand: what was asked, and where to send the answer.
type Asked = (u32, Option<String>, futures::channel::oneshot::Sender<Result<Page<u32>, ApiError>>);

/// A list of numbers whose every page request waits for the test to answer it.
fn hand_answered_list() -> (PagedList<u32, u32>, Rc<RefCell<Vec<Asked>>>) {
    let asked: Rc<RefCell<Vec<Asked>>> = Rc::default();
    let list = PagedList::new({
        let asked = asked.clone();
        move |query: &u32, cursor: Option<String>| -> PageRequest<u32> {
            let (send, answer) = futures::channel::oneshot::channel();
            asked.borrow_mut().push((*query, cursor, send));
            Box::pin(async move { answer.await.unwrap_or_else(|_| Err(ApiError::Network("dropped".into()))) })
        }
    });
    (list, asked)
}

fn page(data: Vec<u32>, next: Option<&str>) -> Result<Page<u32>, ApiError> {
    Ok(Page { data, next_cursor: next.map(Into::into), has_more: next.is_some() })
}

#[wasm_bindgen_test]
async fn the_list_store_replaces_in_place_loads_more_drops_what_a_new_query_supersedes_and_keeps_its_error() {
    let owner = Owner::new();
    let (list, asked) = owner.with(hand_answered_list);
    let answer = |result| {
        let (_, _, send) = asked.borrow_mut().remove(0);
        assert!(send.send(result).is_ok(), "the request is still waited for");
    };
    let items = || list.items.with_untracked(|items| items.iter().copied().collect::<Vec<u32>>());

    list.load(1);
    assert_eq!(list.status.get_untracked(), Status::Loading);
    answer(page(vec![1, 2], Some("after-2")));
    wait_until("the first page", || items() == [1, 2]).await;
    assert!(list.has_more());

    list.load_more();
    assert_eq!(asked.borrow()[0].1.as_deref(), Some("after-2"), "the next page starts at the cursor");
    answer(page(vec![3], None));
    wait_until("the next page after the first", || items() == [1, 2, 3]).await;
    assert!(!list.has_more());

    // A new query keeps the rows until its own arrive; a newer one still drops its request.
    list.load(2);
    list.load(3);
    assert_eq!(items(), [1, 2, 3], "replaced in place, never emptied first");
    next_tick().await;
    let (query, _, superseded) = asked.borrow_mut().remove(0);
    assert_eq!(query, 2);
    assert!(superseded.is_canceled(), "the superseded request was dropped, not left to finish");
    answer(page(vec![30], None));
    wait_until("the newest query's rows", || items() == [30]).await;

    let refused = ApiError::Forbidden(Problem::new(403, "Forbidden", "Not yours."));
    list.load(4);
    answer(Err(refused.clone()));
    wait_until("the failure", || list.status.get_untracked() == Status::Failed(refused.clone())).await;
    assert!(list.items.get_untracked().is_empty(), "a failed query shows none of the previous rows");
    list.retry();
    assert_eq!(asked.borrow().last().map(|a| (a.0, a.1.clone())), Some((4, None)), "Retry asks again");

    // Leaving the page drops what is on its way.
    owner.cleanup();
    next_tick().await;
    assert!(asked.borrow()[0].2.is_canceled());
}

#[wasm_bindgen_test]
async fn every_failure_has_its_designed_state_and_retry_where_it_helps() {
    let subject = Subject {
        what: "widgets",
        failed: "The widgets could not be loaded.",
        capability: "widgets:read",
        choices: "filters",
        missing: None,
    };
    let problem = |status| Problem::new(status, "Refused", "Because.");
    let one = Subject { what: "this widget", missing: Some("There is no such widget."), ..subject };
    let cases = [
        (subject, ApiError::Unauthorized(problem(401)), "Your session has ended.", "Sign in again"),
        (subject, ApiError::Forbidden(problem(403)), "You do not have permission to see widgets.", ""),
        // A 404 of a collection means the backend does not offer it; of one thing, that it is gone.
        (subject, ApiError::NotFound(problem(404)), "The backend does not know widgets.", ""),
        (one, ApiError::NotFound(problem(404)), "There is no such widget.", ""),
        (subject, ApiError::Invalid(problem(422)), "These filters are not valid.", "Clear"),
        (
            subject,
            ApiError::RateLimited { problem: problem(429), retry_after_seconds: Some(7) },
            "Too many requests right now.",
            "Retry",
        ),
        (subject, ApiError::Network("down".into()), "The backend could not be reached.", "Retry"),
        (subject, ApiError::Server(problem(503)), "The widgets could not be loaded.", "Retry"),
        (
            subject,
            ApiError::Unexpected { status: 418, detail: "tea".into() },
            "The widgets could not be loaded.",
            "Retry",
        ),
    ];
    for (subject, error, title, button) in cases {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let retried = RwSignal::new(false);
        let retry = Callback::new(move |()| retried.set(true));
        let clear = Callback::new(|()| {});
        let shown = error.clone();
        let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
            view! { <Failure error=shown.clone() subject retry reset=("Clear", clear) /> }
        });
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains(title), "{error:?}: {text}");
        let buttons: Vec<String> = (0..root.query_selector_all("button").unwrap().length())
            .filter_map(|i| root.query_selector_all("button").unwrap().item(i)?.text_content())
            .collect();
        assert_eq!(buttons, if button.is_empty() { vec![] } else { vec![button.to_string()] }, "{error:?}");
        if button == "Retry" {
            root.query_selector("button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
            assert!(retried.get_untracked(), "{error:?}: Retry sends the read again");
        }
        drop(handle);
        root.remove();
    }
}

/// On a real backend a 401's state opens the sign-in dialog, and the read is sent again once the
/// user has signed in again.
#[wasm_bindgen_test]
async fn a_session_that_ended_asks_to_sign_in_and_reads_again_once_signed_in() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let retried = RwSignal::new(0);
    let retry = Callback::new(move |()| retried.update(|n| *n += 1));
    let subject = Subject {
        what: "widgets",
        failed: "",
        capability: "widgets:read",
        choices: "filters",
        missing: None,
    };
    let started: Rc<RefCell<Option<SignIn>>> = Rc::default();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), {
        let started = started.clone();
        move || {
            // A session on a real backend (none listens there: nothing it asks is answered).
            let backend =
                event_center::config::Backend::Http { base_url: "http://127.0.0.1:9/api/v1".into() };
            let config = event_center::config::RuntimeConfig {
                backend,
                mock: Default::default(),
                sign_in: Default::default(),
            };
            event_center::session::provide(Ok(config), None, None);
            *started.borrow_mut() = event_center::session::use_session().sign_in;
            view! { <Failure error=ApiError::Unauthorized(Problem::new(401, "Refused", "Because.")) subject retry /> }
        }
    });
    let sign_in = started.borrow().expect("a real backend has a sign-in");
    root.query_selector("button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    assert!(sign_in.asking.get_untracked(), "the button opens the sign-in dialog");
    wait_until("the state drawn", || {
        root.text_content().is_some_and(|t| t.contains("Your session has ended."))
    })
    .await;
    assert_eq!(retried.get_untracked(), 0, "nothing is read again before signing in");
    sign_in.renewals.update(|n| *n += 1);
    wait_until("the read sent again", || retried.get_untracked() == 1).await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_save_is_sent_once_at_a_time_maps_422_onto_fields_and_says_when_it_conflicts() {
    type Answer = futures::channel::oneshot::Sender<Result<String, ApiError>>;
    let asked: Rc<RefCell<Vec<(String, Answer)>>> = Rc::default();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let save_slot: Rc<RefCell<Option<Save<String, String>>>> = Rc::default();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), {
        let (asked, save_slot) = (asked.clone(), save_slot.clone());
        move || {
            let asked = asked.clone();
            let save = Save::new(move |name: &String| {
                let (send, answer) = futures::channel::oneshot::channel();
                asked.borrow_mut().push((name.clone(), send));
                async move { answer.await.unwrap_or_else(|_| Err(ApiError::Network("dropped".into()))) }
            });
            *save_slot.borrow_mut() = Some(save);
            let reloaded = RwSignal::new(false);
            view! {
                <FieldErrorSlot
                    message=Signal::derive(move || save.field_error("name"))
                    id="name-error"
                    label="The name"
                />
                <p class="reloaded">{move || reloaded.get().then_some("reloaded")}</p>
                <SaveStatus
                    save
                    saved="Saved."
                    retry=Callback::new(move |()| save.submit("again".into()))
                    reload=Callback::new(move |()| reloaded.set(true))
                />
            }
        }
    });
    let save = save_slot.borrow().expect("mounted");
    let answer = |result| {
        let (_, send) = asked.borrow_mut().remove(0);
        assert!(send.send(result).is_ok(), "the save is still waited for");
    };
    let text =
        |css: &str| root.query_selector(css).unwrap().and_then(|e| e.text_content()).unwrap_or_default();

    save.submit("first".into());
    save.submit("second".into());
    next_tick().await;
    assert_eq!(asked.borrow().len(), 1, "a second submit while the first is on its way sends nothing");
    let mut refused = Problem::new(422, "Unprocessable Content", "Some fields are not valid.");
    refused.errors = vec![FieldError { field: "name".into(), message: "is taken".into() }];
    answer(Err(ApiError::Invalid(refused)));
    wait_until("the field's message, a sentence after its label", || {
        text("#name-error") == "The name is taken."
    })
    .await;
    assert!(text("[role=alert]").starts_with("Not saved"), "{}", text("[role=alert]"));

    save.submit("third".into());
    next_tick().await;
    answer(Err(ApiError::Conflict(Problem::new(409, "Conflict", "Changed since version 3."))));
    wait_until("the conflict", || text("[role=alert]").contains("Someone changed this")).await;
    assert!(
        root.query_selector("#name-error").unwrap().is_none(),
        "the old field message is gone with its answer"
    );
    root.query_selector("[role=alert] button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    wait_until("their version loaded", || text(".reloaded") == "reloaded").await;

    save.submit("fourth".into());
    next_tick().await;
    answer(Err(ApiError::Server(Problem::new(503, "Unavailable", "Try later."))));
    wait_until("the failure with Retry", || text("[role=alert] button") == "Retry").await;
    root.query_selector("[role=alert] button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    next_tick().await;
    assert_eq!(asked.borrow().first().map(|a| a.0.clone()).as_deref(), Some("again"), "Retry sends it again");
    answer(Ok("saved".into()));
    wait_until("saved", || text("[role=status]") == "Saved.").await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_type_checklist_groups_narrows_and_takes_a_whole_group() {
    let kind = |name: &str, label: &str, source_kind| EventType {
        name: name.into(),
        label: label.into(),
        category: "c".into(),
        source_kind,
        default_severity: Severity::Info,
        description: String::new(),
        message_template: String::new(),
        legacy_names: Vec::new(),
        enabled_at: None,
        resource: None,
        monitoring: false,
    };
    let types = vec![
        kind("secret-rotated", "Secret rotated", SourceKind::Item),
        kind("certificate-expired", "Certificate expired", SourceKind::Item),
        EventType {
            enabled_at: Some("Switched on at the gateway".into()),
            ..kind("gateway-inactive", "Gateway inactive", SourceKind::Gateway)
        },
        // A source kind of a later backend version: its types are offered, under "Other".
        kind("pod-evicted", "Pod evicted", serde_json::from_str(r#""workload""#).unwrap()),
    ];
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let chosen = RwSignal::new(vec!["gateway-inactive".to_string()]);
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! { <TypeChecklist types=types.clone() chosen on_change=Callback::new(move |next| chosen.set(next)) /> }
    });
    let legends = || {
        let nodes = root.query_selector_all("legend").unwrap();
        (0..nodes.length()).filter_map(|i| nodes.item(i)?.text_content()).collect::<Vec<_>>()
    };
    let click =
        |css: &str| root.query_selector(css).unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    assert_eq!(legends(), ["Items", "Gateways", "Other"], "grouped by source kind");
    let gateway = root.query_selector("fieldset:nth-of-type(2) .type-choice").unwrap().unwrap();
    assert!(
        gateway.text_content().unwrap().ends_with("Switched on at the gateway"),
        "where it is switched on"
    );

    click("fieldset:first-of-type legend input");
    let mut all = chosen.get_untracked();
    all.sort();
    assert_eq!(
        all,
        ["certificate-expired", "gateway-inactive", "secret-rotated"],
        "the whole group, the rest kept"
    );
    let checked = |css: &str| {
        root.query_selector(css).unwrap().unwrap().unchecked_into::<web_sys::HtmlInputElement>().checked()
    };
    wait_until("the group's boxes checked", || checked("input[value=secret-rotated]")).await;
    click("input[value=secret-rotated]");
    assert_eq!(chosen.get_untracked().len(), 2, "one type off again");

    let finder: web_sys::HtmlInputElement =
        root.query_selector("input[type=search]").unwrap().unwrap().unchecked_into();
    finder.set_value("gate");
    finder.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    wait_until("the narrowed list", || legends() == ["Gateways"]).await;
    drop(handle);
    root.remove();
}

fn mount_in_body<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> (Element, impl Drop) {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), view);
    (root, handle)
}

#[wasm_bindgen_test]
async fn a_card_holds_its_skeleton_then_its_own_failure_and_retries_into_its_content() {
    let subject = Subject {
        what: "figures",
        failed: "The figures could not be loaded.",
        capability: "x:read",
        choices: "range",
        missing: None,
    };
    let asked = Rc::new(RefCell::new(0));
    let (root, handle) = mount_in_body({
        let asked = asked.clone();
        move || {
            let data = LocalResource::new(move || {
                *asked.borrow_mut() += 1;
                let first = *asked.borrow() == 1;
                async move {
                    if first {
                        Err(ApiError::Server(Problem::new(503, "Down", "Later.")))
                    } else {
                        Ok(41_u64 + 1)
                    }
                }
            });
            view! {
                <Card
                    title="Figures"
                    size="card-tiles"
                    data
                    subject
                    render=|n: u64| view! { <p class="figure">{n}</p> }
                />
            }
        }
    });
    let card = root.query_selector("section.card").unwrap().unwrap();
    assert_eq!(card.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(root.query_selector(".card-skeleton").unwrap().is_some(), "a skeleton while loading");
    wait_until("the failure", || root.query_selector("[role=alert]").unwrap().is_some()).await;
    assert!(root.text_content().unwrap().contains("The figures could not be loaded."));
    assert_eq!(
        root.query_selector("h2").unwrap().unwrap().text_content().unwrap(),
        "Figures",
        "the title stays"
    );
    root.query_selector("[role=alert] button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    wait_until("the content", || root.query_selector(".figure").unwrap().is_some()).await;
    assert_eq!(root.query_selector(".figure").unwrap().unwrap().text_content().unwrap(), "42");
    assert_eq!(*asked.borrow(), 2, "Retry asked once more");
    assert_eq!(card.get_attribute("aria-busy").as_deref(), Some("false"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_time_chart_leaves_gaps_and_says_each_value_on_keyboard_focus_and_in_its_table() {
    let bar = |slot: usize, value| TimeBar { slot, label: format!("Day {slot}"), value };
    let bars = vec![bar(0, 1_200), bar(1, 0), bar(3, 2_500_000), bar(4, 7)];
    let (root, handle) = mount_in_body(move || {
        view! {
            <TimeChart
                name="Requests per day".into()
                unit=("request", "requests")
                columns=("Day", "Requests")
                slots=5
                bars
                axis=vec![(0, "Day 0".into())]
            />
        }
    });
    let rects = root.query_selector_all("rect.bar").unwrap();
    assert_eq!(rects.length(), 4, "the missing day is a gap, not a bar");
    let x = |i| rects.item(i).unwrap().unchecked_into::<Element>().get_attribute("x").unwrap();
    assert_eq!((x(1), x(2)), ("22.000%".to_string(), "62.000%".to_string()), "slot 2 stays empty");
    assert_eq!(
        rects.item(1).unwrap().unchecked_into::<Element>().get_attribute("height").as_deref(),
        Some("0.000%")
    );
    let summary = root.query_selector(".chart-summary").unwrap().unwrap().text_content().unwrap();
    assert_eq!(summary, "2,501,207 requests in all; the most, 2,500,000, on Day 3.");

    // Focus the newest bar (the one Tab reaches), then step back with the arrow key.
    let newest = root.query_selector("rect.bar[tabindex='0']").unwrap().unwrap();
    assert_eq!(newest.get_attribute("data-i").as_deref(), Some("3"));
    newest.unchecked_ref::<web_sys::SvgElement>().focus().unwrap();
    wait_until("the tooltip", || root.query_selector(".chart-tip").unwrap().is_some()).await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowLeft");
    init.set_bubbles(true);
    let left = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    newest.dispatch_event(&left).unwrap();
    let tip = || root.query_selector(".chart-tip strong").unwrap().map(|t| t.text_content().unwrap());
    wait_until("the previous bar's value", || tip().as_deref() == Some("2,500,000 requests")).await;
    assert_eq!(document().active_element().unwrap().get_attribute("data-i").as_deref(), Some("2"));

    root.query_selector(".chart-view-toggle").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    wait_until("the table", || root.query_selector(".chart-table").unwrap().is_some()).await;
    let rows = root.query_selector_all(".chart-table tbody tr").unwrap();
    assert_eq!(rows.length(), 4);
    let row = rows.item(3).unwrap().text_content().unwrap();
    assert_eq!(row, "Day 47");
    drop(handle);
    root.remove();
}

/// One section's pages alone, at an address of theirs: a router and what the shell provides (the
/// session, the user, toasts), on a seeded mock of their own. A screen's states, forced from the
/// mock, are tested without the shell or a release build. The address is put back on drop.
struct Feature {
    root: Element,
    mock: Rc<RefCell<MockBackend>>,
    left: String,
    _mounted: Box<dyn std::any::Any>,
}

impl Feature {
    fn mount(path: &str, pages: Chunk) -> Feature {
        let left = window().location().pathname().unwrap() + &window().location().search().unwrap();
        window().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(path)).unwrap();
        let config = event_center::config::resolve(None, &Default::default());
        let settings = &config.as_ref().expect("the default configuration").mock;
        let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap();
        let mock = Rc::new(RefCell::new(MockBackend::new(settings.seed, settings.events, now)));
        let backend: event_center::api::Mock = mock.clone();
        let (root, mounted) = mount_in_body(move || {
            event_center::session::provide(config, Some(backend.into()), None);
            let toasts = event_center::ui::provide_toasts();
            let section = (ParamSegment("section"), WildcardSegment("page"));
            view! {
                <Router>
                    <Routes fallback=|| "no such page">
                        <Route path=section view=move || pages.clone().view() />
                    </Routes>
                </Router>
                <event_center::ui::ToastRegion toasts />
            }
        });
        Feature { root, mock, left, _mounted: Box::new(mounted) }
    }

    /// From now on `operation` answers as `forced`; `None` restores it.
    fn force(&self, operation: &str, forced: Option<Forced>) {
        self.mock.borrow_mut().force(operation, forced).unwrap();
    }

    fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    fn element(&self, selector: &str) -> Option<HtmlElement> {
        self.root.query_selector(selector).unwrap().map(JsCast::unchecked_into)
    }
}

impl Drop for Feature {
    fn drop(&mut self) {
        self.root.remove();
        window().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&self.left)).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_trigger_editor_alone_says_it_could_not_load_then_retries_into_the_form() {
    let feature = Feature::mount(
        "/triggers/trg_assign_owner",
        Chunk::new(event_center::features::triggers::triggers_pages),
    );
    feature.force("getTrigger", Some(Forced::Status(500)));
    wait_until("the failure, after the client's own retries", || {
        feature.text().contains("This trigger could not be loaded.")
    })
    .await;
    assert!(feature.text().contains("Triggers / Edit trigger"), "{}", feature.text());
    feature.force("getTrigger", None);
    feature.element(".state button").expect("Retry").click();
    wait_until("the form", || {
        feature.element("#trigger-name").is_some_and(|name| {
            name.unchecked_into::<web_sys::HtmlInputElement>().value() == "Assign owner by RA profile"
        })
    })
    .await;
}

/// The run history's Trigger filter shows a trigger its link names that the list lacks: as
/// deleted when the list was read, as its id alone when the list could not be read (not
/// "deleted": nothing says it is).
#[wasm_bindgen_test]
async fn the_trigger_filter_shows_a_trigger_the_list_lacks_for_what_it_is() {
    for (forced, shown) in [(None, "trg_gone (deleted)"), (Some(Forced::Status(404)), "trg_gone")] {
        let feature = Feature::mount(
            "/event-viewer?trigger=trg_gone",
            Chunk::new(event_center::features::trigger_runs::event_viewer_page),
        );
        feature.force("listTriggers", forced);
        // The runs' answer comes with the triggers' (the mock answers at once).
        wait_until("the runs", || feature.text().contains("No trigger run matches")).await;
        let chosen = || {
            let option = feature.element("select.run-trigger option:checked")?;
            Some((option.get_attribute("value")?, option.text_content()?))
        };
        wait_until(shown, || chosen() == Some(("trg_gone".into(), shown.into()))).await;
    }
}
