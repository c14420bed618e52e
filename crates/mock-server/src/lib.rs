//! The mock backend behind real HTTP: the contract under `/api/v1` (CORS open, personas by
//! bearer token), and optionally a built console (`dist/`) on the same origin, configured
//! to talk to this server.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use event_center_mock::MockBackend;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

pub const BASE_PATH: &str = "/api/v1";

pub struct Options {
    pub seed: u64,
    pub events: usize,
    /// New events per second while the server runs (0: none).
    pub arrivals_per_second: f64,
    /// A built console to serve at `/`, with a `config.json` pointing at this server.
    pub dist: Option<PathBuf>,
    /// The persona the served console signs in as.
    pub console_persona: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            events: 5_000,
            arrivals_per_second: 0.0,
            dist: None,
            console_persona: "admin".into(),
        }
    }
}

type Shared = Arc<Mutex<MockBackend>>;

/// The whole server as a router; `serve` runs it.
pub fn app(options: &Options) -> Router {
    let backend: Shared =
        Arc::new(Mutex::new(MockBackend::new(options.seed, options.events, chrono::Utc::now())));
    if options.arrivals_per_second > 0.0 {
        let backend = backend.clone();
        let period = Duration::from_secs_f64(1.0 / options.arrivals_per_second);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            loop {
                tick.tick().await;
                backend.lock().expect("mock backend").arrive(chrono::Utc::now());
            }
        });
    }
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER]);
    let api = Router::new().fallback(contract).with_state(backend).layer(cors);
    let mut app = Router::new().nest(BASE_PATH, api);
    if let Some(dist) = &options.dist {
        let config = format!(r#"{{"backend": "{BASE_PATH}", "token": "{}"}}"#, options.console_persona);
        app = app
            .route(
                "/config.json",
                get(move || async move { ([(header::CONTENT_TYPE, "application/json")], config) }),
            )
            .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))));
    }
    app
}

async fn contract(State(backend): State<Shared>, headers: HeaderMap, request: Request) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    let latency = backend.lock().expect("mock backend").scenario().latency_ms;
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency.into())).await;
    }
    let answer = backend.lock().expect("mock backend").respond(&event_center_mock::Request {
        method: &method,
        path: &path,
        query: &query,
        token: token.as_deref(),
    });
    let Some(answer) = answer else {
        // A forced dropped connection: close without an HTTP answer as far as HTTP allows.
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(answer.content_type));
    if let Some(seconds) = answer.retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// Serves on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, options: Options) -> std::io::Result<()> {
    axum::serve(listener, app(&options)).await
}
