//! The same release bundle against the native test server over real HTTP: the backend is
//! runtime configuration, and the console behaves the same above the transport.

use event_center_e2e::{dist, Browser, Site};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_talks_to_the_test_server_over_http() {
    let b = Browser::start_on(Site::TestServer).await;
    b.goto("/events").await;
    b.wait_for_heading("Events").await;
    let chip = "return document.querySelector('.user-chip')?.textContent.endsWith('Alice Nguyen')";
    b.wait_until("the user from GET /api/v1/me", chip).await;
    assert!(b.texts(".badge-mock").await.is_empty(), "no mock badge on a real backend");
    let fetched = "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/api/v1/me'))";
    assert_eq!(b.js(fetched).await, true, "the user came over HTTP");
    let mock_module = "return performance.getEntriesByType('resource').filter(e => e.name.includes('event-center-mock-web')).length";
    assert_eq!(b.js(mock_module).await, 0, "a real backend's console never downloads the mock module");
    // Once idle, the page fetches every chunk it may need next, but not the mock panel's.
    let mock_panel = |name: &str| name.starts_with("split_mock_panel-");
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
    assert_eq!(b.js(&fetched("n.includes('/split_mock_panel-')")).await, 0, "nor the mock panel's code");
    b.close().await;
}
