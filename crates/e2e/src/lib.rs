//! Harness for end-to-end tests: serves the release bundle (`dist/`) on a free port,
//! starts ChromeDriver and a headless Chromium, and stops all of them when the test ends.

use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use event_center_mock_server::ConsoleSignIn;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::process::{Child, Command};
use tower_http::services::{ServeDir, ServeFile};

/// How long a condition may take to become true before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// Every section's path and heading, in the navigation's order.
pub const SECTIONS: [(&str, &str); 5] = [
    ("/events", "Events"),
    ("/event-viewer", "Event viewer"),
    ("/triggers", "Triggers"),
    ("/usage", "Usage reports"),
    ("/forwarders", "Forwarders"),
];

/// How long the test server takes to answer each request.
pub const TEST_SERVER_LATENCY_MS: u32 = 150;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The release bundle; the end-to-end tests need it built first.
pub fn dist() -> PathBuf {
    let dist = repo_root().join("dist");
    assert!(
        dist.join("index.html").exists(),
        "{} has no release bundle: run `trunk build --release` (scripts/test does)",
        dist.display()
    );
    dist
}

/// Where the console under test gets its data.
pub enum Site {
    /// `dist/` as a production host of a single-page app serves it (every unknown path gets
    /// `index.html`), with its own `config.json`: the in-browser mock backend.
    Mock,
    /// The native test server: the console and the contract on one origin, over real HTTP.
    /// Like a real backend it takes its time ([`TEST_SERVER_LATENCY_MS`] per answer), so
    /// requests are still in flight when the user moves on.
    TestServer,
    /// The test server answering as a later version of a backend: fields and enum values
    /// this version of the contract does not name.
    LaterTestServer,
    /// The test server in the long-names scenario (`--long-names`): the layout's worst case over HTTP.
    LongNamesTestServer,
    /// The test server with no events arriving: any request for rows is the console's own doing.
    QuietTestServer,
    /// The test server as a platform the console is served behind: its own sign-in page and
    /// session cookie (`--sign-in session`) instead of a personal token.
    SessionTestServer,
    /// The test server with the console signing in at its OpenID provider (`--sign-in oidc`),
    /// whose access tokens last [`OIDC_TOKEN_LIFETIME`].
    OidcTestServer,
    /// `dist/` with the benchmark's reference page beside it, as `scripts/bench` serves them.
    Bench,
    /// `dist/` with this `config.json`.
    Config(&'static str),
}

/// Short, so that a test sees access tokens expire and refreshed.
pub const OIDC_TOKEN_LIFETIME: Duration = Duration::from_secs(4);

/// Where the console keeps the tab's personal token (`event_center::sign_in::TOKEN_KEY`).
pub const TOKEN_KEY: &str = "event-center.token";

impl Site {
    fn is_test_server(&self) -> bool {
        matches!(
            self,
            Site::TestServer | Site::LaterTestServer | Site::LongNamesTestServer | Site::QuietTestServer
        )
    }
}

/// `dist/` as a production host of a single-page app serves it: every unknown path gets `index.html`.
fn single_page_app(dist: &Path) -> axum::Router {
    axum::Router::new()
        .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))))
}

/// A reference page of the benchmark (`bench/NAME.html`), pointed at the console's stylesheet
/// (its name carries Trunk's hash).
fn reference_page(dist: &Path, name: &str) -> String {
    let index = std::fs::read_to_string(dist.join("index.html")).expect("dist/index.html");
    let start = index.find("/main-").expect("the stylesheet in index.html");
    let end = start + index[start..].find(".css").expect("a .css name") + ".css".len();
    let page = std::fs::read_to_string(repo_root().join(format!("bench/{name}.html")))
        .unwrap_or_else(|e| panic!("bench/{name}.html: {e}"));
    page.replace("{{css}}", &index[start..end])
}

async fn serve(site: Site) -> SocketAddr {
    let dist = dist();
    let app = match site {
        // Under the policy a deployment sets: a violation is a console error, which fails the test.
        Site::Mock => event_center_mock_server::with_security_headers(single_page_app(&dist), &[]),
        Site::Config(config) => event_center_mock_server::with_security_headers(
            single_page_app(&dist).route("/config.json", axum::routing::get(move || async move { config })),
            &[],
        ),
        Site::Bench => {
            // The reference pages and their scripts beside dist/, as bench/bench.mjs serves them.
            let mut app = single_page_app(&dist);
            for name in ["reference", "reference-log"] {
                let page = reference_page(&dist, name);
                app = app.route(
                    &format!("/{name}.html"),
                    axum::routing::get(move || async move { axum::response::Html(page) }),
                );
            }
            for script in ["reference.js", "reference-log.js", "reference-table.js"] {
                app = app.route_service(
                    &format!("/{script}"),
                    ServeFile::new(repo_root().join("bench").join(script)),
                );
            }
            app
        }
        // The test server, in one of its scenarios.
        _ => event_center_mock_server::app(&event_center_mock_server::Options {
            dist: Some(dist),
            arrivals_per_second: if matches!(site, Site::QuietTestServer) { 0.0 } else { 1.0 },
            latency_ms: TEST_SERVER_LATENCY_MS,
            later_version: matches!(site, Site::LaterTestServer),
            long_names: matches!(site, Site::LongNamesTestServer),
            sign_in: match site {
                Site::SessionTestServer => ConsoleSignIn::Session,
                Site::OidcTestServer => ConsoleSignIn::Oidc,
                _ => ConsoleSignIn::Token,
            },
            oidc_token_lifetime: OIDC_TOKEN_LIFETIME,
            ..Default::default()
        }),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a free port");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("static server") });
    addr
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Chromium's flags live once, in `webdriver.json`, shared with the component tests' runner.
fn capabilities(user_data_dir: &Path) -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(repo_root().join("webdriver.json")).expect("webdriver.json");
    let mut caps: serde_json::Map<String, Value> =
        serde_json::from_str(&text).expect("webdriver.json is JSON");
    let args = caps["goog:chromeOptions"]["args"].as_array_mut().expect("chrome args");
    args.push(json!(format!("--user-data-dir={}", user_data_dir.display())));
    // Every console message and uncaught error, read back by `Browser::close`.
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    caps
}

/// A POST to one of ChromeDriver's own endpoints below the session: Chrome DevTools commands
/// (`goog/cdp/execute`) and the browser's log (`se/log`).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl SessionPost {
    fn dev_tools(cmd: &str, params: Value) -> SessionPost {
        SessionPost { path: "goog/cdp/execute", body: json!({ "cmd": cmd, "params": params }) }
    }
}

impl fantoccini::wd::WebDriverCompatibleCommand for SessionPost {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/{}", session.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

pub struct Browser {
    pub client: Client,
    base: String,
    /// Console errors this test provokes on purpose (substrings of the message).
    expected_errors: Vec<String>,
    /// Errors read from the browser's log before `close` (around a run of axe), still to report.
    held_errors: std::sync::Mutex<Vec<String>>,
    chromedriver: Child,
    user_data_dir: PathBuf,
}

/// ChromeDriver on a free port with a fresh Chromium session.
async fn start_chromedriver() -> Result<(Client, Child, PathBuf), String> {
    let port = free_port();
    let mut chromedriver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or("chromedriver".into()))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start chromedriver (scripts/setup installs it)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > DEADLINE || chromedriver.try_wait().ok().flatten().is_some() {
            return Err(format!("chromedriver did not listen on port {port}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let user_data_dir = std::env::temp_dir().join(format!("event-center-e2e-{port}"));
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(&user_data_dir))
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| format!("port {port}: {e}"))?;
    Ok((client, chromedriver, user_data_dir))
}

impl Browser {
    /// A browser on the console with the in-browser mock backend.
    pub async fn start() -> Browser {
        Browser::start_on(Site::Mock).await
    }

    /// A browser on `site`; on the test server, signed in as its admin (the tab holds the token
    /// `admin` from the first page on).
    pub async fn start_on(site: Site) -> Browser {
        let test_server = site.is_test_server();
        let browser = Browser::start_signed_out(site).await;
        if test_server {
            let key = json!(TOKEN_KEY);
            browser
                .on_every_page(&format!(
                    "sessionStorage.getItem({key}) ?? sessionStorage.setItem({key}, 'admin')"
                ))
                .await;
        }
        browser
    }

    /// A browser on `site` that has signed in nowhere.
    pub async fn start_signed_out(site: Site) -> Browser {
        let addr = serve(site).await;
        // A free port can be taken by a parallel test between our look and ChromeDriver's bind:
        // then ChromeDriver exits, and a fresh port is tried.
        let mut attempts = 0;
        let (client, chromedriver, user_data_dir) = loop {
            attempts += 1;
            match start_chromedriver().await {
                Ok(started) => break started,
                Err(e) if attempts < 3 => eprintln!("retrying ChromeDriver: {e}"),
                Err(e) => panic!("no WebDriver session after {attempts} attempts: {e}"),
            }
        };
        // Headless Chromium saves downloads only where it is told to.
        let downloads = user_data_dir.join("downloads");
        let allow = json!({ "behavior": "allow", "downloadPath": downloads });
        client
            .issue_cmd(SessionPost::dev_tools("Browser.setDownloadBehavior", allow))
            .await
            .expect("allow downloads");
        Browser {
            client,
            base: format!("http://{addr}"),
            expected_errors: Vec::new(),
            held_errors: Default::default(),
            chromedriver,
            user_data_dir,
        }
    }

    /// Fails the requests whose URL matches one of `patterns` (`*` is a wildcard) as a dropped
    /// connection does; no patterns let everything through again.
    pub async fn block_urls(&self, patterns: &[&str]) {
        for (cmd, params) in
            [("Network.enable", json!({})), ("Network.setBlockedURLs", json!({ "urls": patterns }))]
        {
            self.client
                .issue_cmd(SessionPost::dev_tools(cmd, params))
                .await
                .unwrap_or_else(|e| panic!("{cmd}: {e}"));
        }
    }

    /// Runs `script` in every page from now on, before the page's own scripts.
    pub async fn on_every_page(&self, script: &str) {
        let params = json!({ "source": script });
        self.client
            .issue_cmd(SessionPost::dev_tools("Page.addScriptToEvaluateOnNewDocument", params))
            .await
            .expect("a script for every page");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.expect("navigate");
    }

    /// Runs a script and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until a script returns `true`, failing with `what` after the deadline.
    pub async fn wait_until(&self, what: &str, script: &str) {
        self.wait_until_within(what, script, DEADLINE).await;
    }

    pub async fn wait_until_within(&self, what: &str, script: &str, deadline: Duration) {
        let started = Instant::now();
        loop {
            if self.client.execute(script, vec![]).await.ok() == Some(Value::Bool(true)) {
                return;
            }
            assert!(started.elapsed() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for a finished download whose name ends with `suffix`, and returns its content.
    /// Chromium creates the final file empty before it renames the `.crdownload` onto it,
    /// so a download is finished when nothing is in progress and the file has content.
    pub async fn downloaded(&self, suffix: &str) -> String {
        let dir = self.user_data_dir.join("downloads");
        let started = Instant::now();
        loop {
            let names: Vec<_> = std::fs::read_dir(&dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .collect();
            let in_progress = names.iter().any(|n| n.ends_with(".crdownload"));
            let content = names
                .iter()
                .find(|n| n.ends_with(suffix))
                .and_then(|n| std::fs::read_to_string(dir.join(n)).ok())
                .filter(|c| !c.is_empty());
            if let (false, Some(content)) = (in_progress, content) {
                return content;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "no finished download ending in {suffix} in {}",
                dir.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types keys into whatever has focus, as a keyboard user does: WebDriver key actions, which
    /// hold no element reference to go stale when the focused element is drawn anew. A modifier
    /// (Shift, Control, Alt, Meta) stays down until the end, as in `send_keys`.
    pub async fn press(&self, keys: &str) {
        const MODIFIERS: [char; 4] = ['\u{E008}', '\u{E009}', '\u{E00A}', '\u{E03D}'];
        let mut actions = KeyActions::new("keyboard".into());
        let mut held = Vec::new();
        for key in keys.chars() {
            actions = actions.then(KeyAction::Down { value: key });
            if MODIFIERS.contains(&key) {
                held.push(key);
            } else {
                actions = actions.then(KeyAction::Up { value: key });
            }
        }
        for key in held.into_iter().rev() {
            actions = actions.then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await.expect("keys to the focused element");
    }

    /// Focuses `css` once it is there, as a script does: for a control a WebDriver click cannot
    /// reach (a sticky bar or a toast over its centre), or a row that arrows focus, not Tab.
    pub async fn focus(&self, css: &str) {
        self.find(css).await;
        self.js(&format!("document.querySelector({}).focus(); return true", json!(css))).await;
    }

    /// Presses Tab until `css` has focus, as a keyboard user moves through a page.
    pub async fn tab_to(&self, css: &str) {
        let here = format!("return document.activeElement?.matches({}) ?? false", json!(css));
        for _ in 0..200 {
            if self.js(&here).await == Value::Bool(true) {
                return;
            }
            self.press("\u{E004}").await;
        }
        panic!("Tab never reached {css}");
    }

    /// Once the screen's styles apply, focuses `css` and types `text` into it, as a user does.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait_until("the screen's styles", "return !document.querySelector('.lazy-styled[hidden]')")
            .await;
        let field = self.find(css).await;
        field.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// The text of every element matching a CSS selector, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let script =
            format!("return [...document.querySelectorAll({})].map(e => e.textContent.trim())", json!(css));
        serde_json::from_value(self.js(&script).await).expect("a list of strings")
    }

    /// Asserts that the last column the width leaves `table` (a selector) is `label`, with room to
    /// be read, and that no empty column follows it.
    pub async fn assert_last_column(&self, table: &str, label: &str, width: u32) {
        let script = format!(
            "const table = document.querySelector({});
             const shown = [...table.querySelectorAll('thead th')].filter(th => th.offsetWidth > 0);
             const last = shown.at(-1).getBoundingClientRect();
             return [shown.at(-1).textContent, Math.round(last.width), Math.round(table.getBoundingClientRect().right - last.right)]",
            json!(table)
        );
        let (last, room, after): (String, f64, f64) = serde_json::from_value(self.js(&script).await).unwrap();
        assert!(
            last == label && room >= 150.0 && after < 2.0,
            "the last column of {table} at {width} px: {last}, {room} px wide, {after} px after it"
        );
    }

    /// Asserts that this page asked the backend for each of `paths` (API paths such as
    /// `/gateways`) at once, every one before any answer came: on a real backend, reads made one
    /// after another make the user wait for each round trip in turn.
    pub async fn assert_read_at_once(&self, paths: &[&str]) {
        let script = format!(
            "const first = (path) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(path));
             const reads = {paths}.map(first);
             if (reads.some((r) => !r)) return 'not asked: ' + {paths}.filter((_, i) => !reads[i]).join(', ');
             const lastAsked = Math.max(...reads.map((r) => r.startTime));
             const firstAnswered = Math.min(...reads.map((r) => r.responseEnd));
             return lastAsked < firstAnswered ? 'at once' : 'one after another: ' + JSON.stringify(reads.map((r) => [r.startTime, r.responseEnd]))",
            paths = json!(paths)
        );
        assert_eq!(self.js(&script).await, "at once", "{paths:?}");
    }

    /// Waits until the first element `css` finds says `text` among its words.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let script = format!(
            "return document.querySelector({})?.textContent.includes({}) ?? false",
            json!(css),
            json!(text)
        );
        self.wait_until(&format!("{css} to say \"{text}\""), &script).await;
    }

    /// Waits until the page's `<h1>` reads `heading`: the route has rendered.
    pub async fn wait_for_heading(&self, heading: &str) {
        let script =
            format!("return document.querySelector('main h1')?.textContent.trim() === {}", json!(heading));
        self.wait_until(&format!("the heading \"{heading}\""), &script).await;
    }

    /// Clicks the element once it is on the page, as a user waits for a button to appear.
    /// The element `css` finds, once there is one: panels and pages may wait for their code.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(DEADLINE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    pub async fn click(&self, css: &str) {
        let element = self.find_shown(css).await;
        element.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// The element `css` finds, once it is on screen: a screen's content stays hidden until its
    /// stylesheet applies (`ui::split::LazyStyles`), and a hidden element cannot be pointed at.
    pub async fn find_shown(&self, css: &str) -> fantoccini::elements::Element {
        let element = self.find(css).await;
        let shown = format!("return document.querySelector({})?.getClientRects().length > 0", json!(css));
        self.wait_until(&format!("{css} shown"), &shown).await;
        element
    }

    /// Moves the mouse over the element's centre, as a user points at it.
    pub async fn hover(&self, css: &str) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let element = self.find_shown(css).await;
        let point = PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 };
        self.client
            .perform_actions(MouseActions::new("mouse".into()).then(point))
            .await
            .unwrap_or_else(|e| panic!("hover {css}: {e}"));
    }

    /// Opens the mock control panel, or closes it when open.
    pub async fn toggle_mock_panel(&self) {
        self.click(".mock-control > button").await;
    }

    /// In the open mock control panel: `operation` answers `outcome` (a status, `network`, or
    /// the empty string for its real answer) from now on.
    pub async fn force(&self, operation: &str, outcome: &str) {
        for (css, value) in [(".mock-operation", operation), (".mock-outcome", outcome)] {
            let select = self.find(css).await;
            select.select_by_value(value).await.unwrap_or_else(|e| panic!("{css} has no {value}: {e}"));
        }
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_string()
    }

    /// Runs axe-core (pinned in package.json) on the current page; returns one line per violation.
    pub async fn axe_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(repo_root().join("node_modules/axe-core/axe.min.js"))
            .expect("node_modules/axe-core: run scripts/setup");
        let before = self.page_errors().await;
        self.js(&axe).await;
        let run = "const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v =>
                `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)));";
        let result = self.client.execute_async(run, vec![]).await.expect("axe.run");
        // Axe measures some elements by giving them a style attribute, which the console's
        // Content Security Policy refuses: its own doing, not the console's.
        let during =
            self.page_errors().await.into_iter().filter(|e| !e.contains("Applying inline style violates"));
        self.held_errors.lock().unwrap().extend(before.into_iter().chain(during));
        serde_json::from_value(result).expect("violations")
    }

    /// Saves a PNG under `target/screenshots/` for a human to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = repo_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await.expect("screenshot")).unwrap();
        path
    }

    /// A console error whose message contains `part` is what this test provokes, not a failure.
    pub fn expect_error(&mut self, part: &str) {
        self.expected_errors.push(part.to_string());
    }

    /// The browser's log since it was last read: console messages, errors, network failures.
    async fn read_log(&self) -> Vec<Value> {
        let log = self
            .client
            .issue_cmd(SessionPost { path: "se/log", body: json!({ "type": "browser" }) })
            .await
            .expect("the browser's log");
        serde_json::from_value(log).expect("log entries")
    }

    /// Of `entries`, the uncaught errors, panics and console errors the test did not expect. The
    /// browser's own line for each HTTP error answer ("Failed to load resource") is left out:
    /// those answers have designed states.
    fn unexpected(&self, entries: &[Value]) -> Vec<String> {
        entries
            .iter()
            .filter(|e| e["level"] == "SEVERE" && e["source"] != "network")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .filter(|m| !self.expected_errors.iter().any(|part| m.contains(part)))
            .collect()
    }

    /// The errors the page reported since the last call and that the test did not expect.
    pub async fn page_errors(&self) -> Vec<String> {
        self.unexpected(&self.read_log().await)
    }

    /// Every line the page logged since the log was last read, whatever its level; the errors
    /// among them are still reported by [`Browser::close`].
    pub async fn log_lines(&self) -> Vec<String> {
        let entries = self.read_log().await;
        self.held_errors.lock().unwrap().extend(self.unexpected(&entries));
        entries.iter().map(|e| e["message"].as_str().unwrap_or_default().to_string()).collect()
    }

    /// Fails the test if the page reported an error it did not expect, then ends the session;
    /// dropping a `Browser` without it still stops every process.
    pub async fn close(self) {
        let mut errors = std::mem::take(&mut *self.held_errors.lock().unwrap());
        errors.extend(self.page_errors().await);
        let _ = self.client.clone().close().await;
        assert!(errors.is_empty(), "the page reported errors:\n{}", errors.join("\n"));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.chromedriver.start_kill();
        // Chromium outlives a killed ChromeDriver; its user-data-dir names exactly this test's processes.
        let _ = std::process::Command::new("pkill")
            .arg("-f")
            .arg(format!("user-data-dir={}", self.user_data_dir.display()))
            .status();
        let _ = std::fs::remove_dir_all(&self.user_data_dir);
    }
}
