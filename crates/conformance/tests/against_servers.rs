//! The checker passes a conforming backend (the mock server, with events arriving) and
//! names precisely what a broken one gets wrong.

use axum::http::header;
use axum::routing::get;
use event_center_conformance::{check_session, project_spec_path, run, Outcome, Spec};
use event_center_mock_server::{app, Options, BASE_PATH};

async fn start(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}{BASE_PATH}")
}

async fn check(base_url: String) -> Vec<Outcome> {
    check_as(base_url, "admin").await
}

async fn check_as(base_url: String, token: &'static str) -> Vec<Outcome> {
    let spec = Spec::load(&project_spec_path()).unwrap();
    tokio::task::spawn_blocking(move || run(&spec, &base_url, token)).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mock_server_conforms_while_events_arrive() {
    let options = Options { events: 2_000, arrivals_per_second: 20.0, ..Default::default() };
    let outcomes = check(start(app(&options)).await).await;
    let failures: Vec<_> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(outcomes.len() >= 33);
}

/// A user without some capabilities gets a 403 problem for them, and the rest is checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_with_fewer_capabilities_conform_too() {
    let base_url = start(app(&Options { events: 1_000, ..Default::default() })).await;
    for (token, refused) in [("viewer", 9), ("auditor", 3), ("no-usage-reports", 1)] {
        let outcomes = check_as(base_url.clone(), token).await;
        let failures: Vec<_> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
        assert!(failures.is_empty(), "{token}: {failures:#?}");
        let forbidden =
            outcomes.iter().filter(|o| o.check == "without its capability, a 403 problem").count();
        assert_eq!(forbidden, refused, "{token}: {outcomes:#?}");
    }
}

const GATEWAYS: &str =
    r#"[{"id":"gw","name":"gw","status":"active","lastSeen":"2026-11-23T00:00:00Z","canForward":true}]"#;

/// Ignores filters and cursors, leaves fields out, answers errors in HTML and echoes credentials.
fn broken() -> axum::Router {
    let event = |id: u32, severity: &str| {
        format!(
            r#"{{"id":"e{id}","type":"login","category":"authentication","severity":"{severity}","sourceKind":"user","source":"/users/a","actor":null,"ipAddress":null,"message":"m","createdAt":"2026-11-{:02}T00:00:00Z"}}"#,
            20 - id
        )
    };
    let page = format!(
        r#"{{"data":[{},{},{}],"nextCursor":"same","hasMore":true}}"#,
        event(1, "info"),
        event(2, "critical"),
        event(3, "warning")
    );
    axum::Router::new().nest(
        BASE_PATH,
        axum::Router::new()
            .route(
                "/me",
                get(|| async { ([(header::CONTENT_TYPE, "application/json")], r#"{"id":"u","name":"n"}"#) }),
            )
            .route(
                "/events",
                get(move || async move { ([(header::CONTENT_TYPE, "application/json")], page) }),
            )
            .route("/gateways", get(|| async { ([(header::CONTENT_TYPE, "application/json")], GATEWAYS) }))
            .route(
                "/forwarders",
                axum::routing::post(|body: String| async move {
                    (axum::http::StatusCode::CREATED, [(header::CONTENT_TYPE, "application/json")], body)
                }),
            )
            .fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "<h1>not found</h1>") }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_backend_gets_precise_failures() {
    let outcomes = check(start(broken()).await).await;
    let failure = |check: &str| {
        outcomes
            .iter()
            .find(|o| o.check == check)
            .unwrap_or_else(|| panic!("no check {check}"))
            .failure
            .clone()
            .unwrap_or_else(|| panic!("{check} passed against the broken backend"))
    };
    assert!(failure("the user and capabilities conform").contains("capabilities"));
    assert!(failure("no token is a 401 problem").contains("status 200, expected 401"));
    let signed_out = failure("signed out, each is a 401 problem");
    assert!(signed_out.contains("GET /events: status 200, expected 401"), "{signed_out}");
    assert!(signed_out.contains("POST /forwarders: status 201, expected 401"), "{signed_out}");
    assert!(failure("severity filter is honoured").contains("e1"));
    assert!(failure("paging is stable under inserts").contains("paged"));
    assert!(failure("an unknown id is a 404 problem").contains("content type"));
    assert!(failure("invalid parameters are a 422 naming them").contains("status 200, expected 422"));
    assert!(failure("the catalog conforms").contains("status 404"));
    assert!(failure("the counts conform and add up").contains("status 404"));
    assert!(failure("a resumed stream replays what came after, each notification just before its event")
        .contains("content type"));
    assert!(failure("a credential is never echoed; test, rotate, edit, and a delete needs If-Match")
        .contains("echoed the credential"));
    let usage = failure("the breakdowns add up to the totals");
    assert!(usage.contains("status 404"), "{usage}");
}

/// The session's checks: the test server (signed in on its sign-in page) keeps the CSRF rule;
/// the broken server, which has no settings to read or write, fails each, saying so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_signed_in_by_its_cookie_reads_and_writes_only_with_the_xsrf_copy() {
    let base_url = start(app(&Options { events: 500, ..Default::default() })).await;
    let sign_in = format!("{}/test-server/sign-in", base_url.trim_end_matches(BASE_PATH));
    let cookies = tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let signed_in = agent
            .post(&sign_in)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send("persona=admin")
            .unwrap();
        let set = signed_in.headers().get_all("set-cookie").iter();
        set.map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string()).collect::<Vec<_>>().join("; ")
    })
    .await
    .unwrap();
    let session = |base_url: String, cookies: String| async move {
        let spec = Spec::load(&project_spec_path()).unwrap();
        tokio::task::spawn_blocking(move || check_session(&spec, &base_url, &cookies)).await.unwrap()
    };
    let outcomes = session(base_url, cookies.clone()).await;
    assert_eq!(outcomes.len(), 3);
    assert!(outcomes.iter().all(|o| o.failure.is_none()), "{outcomes:#?}");
    let broken = session(start(broken()).await, cookies).await;
    assert!(broken.iter().all(|o| o.failure.as_ref().is_some_and(|f| f.contains("404"))), "{broken:#?}");
}
