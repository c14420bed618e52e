//! The test server on a free port, and what the tests ask it with.

use event_center_mock_server::{app, Options, BASE_PATH};

/// The server on a free port, in a runtime of its own; the base URL of its API.
pub fn start(options: Options) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app(&options)).await.unwrap();
        });
    });
    format!("http://{addr}{BASE_PATH}")
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

pub fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> String {
    response.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}
