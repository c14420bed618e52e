//! The mock backend behind real HTTP: the contract under `/api/v1` (CORS open, personas by
//! bearer token), and optionally a built console (`dist/`) on the same origin, configured
//! to talk to this server.
//!
//! A token is a persona's name, optionally with a suffix (`admin:2`): each is a token of its
//! own, which tests revoke (`POST /test-server/revoke`, the token as the body) to end a session.
//!
//! A platform's own sign-in is played too, for a console served behind it: `/test-server/sign-in`
//! signs a persona in with an HttpOnly session cookie and an `XSRF-TOKEN` cookie, whose copy a
//! write must carry in `X-XSRF-TOKEN`; `/test-server/sign-out` ends the session, and
//! `POST /test-server/end-sessions` ends every one.
//!
//! And an OpenID Connect provider (`oidc`), whose access tokens the contract takes as a persona's;
//! ending every session ends its sign-ins too. `POST /test-server/isolate-provider` makes its
//! authorization page cut off the windows that open it (`Cross-Origin-Opener-Policy`).

mod oidc;
pub use oidc::{challenge as pkce_challenge, CLIENT_ID as OIDC_CLIENT_ID, PATH as OIDC_PATH};

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use event_center_contract::sse::SseDecoder;
use event_center_contract::Problem;
use event_center_mock::MockBackend;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub const BASE_PATH: &str = "/api/v1";

pub struct Options {
    pub seed: u64,
    pub events: usize,
    /// New events per second while the server runs (0: none).
    pub arrivals_per_second: f64,
    /// A built console to serve at `/`, with a `config.json` pointing at this server.
    pub dist: Option<PathBuf>,
    /// 10,000-character names and paths (`MockBackend::use_long_names`).
    pub long_names: bool,
    /// Every answer waits this long, as a real backend's would.
    pub latency_ms: u32,
    /// Answers as a later version of a backend gives them (`MockBackend::answer_as_a_later_version`).
    pub later_version: bool,
    /// How the console served with `dist` signs in.
    pub sign_in: ConsoleSignIn,
    /// How long an access token of the OpenID provider is taken.
    pub oidc_token_lifetime: Duration,
}

/// How the console this server serves signs in to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConsoleSignIn {
    /// With a personal token, typed.
    #[default]
    Token,
    /// On this server's sign-in page, with a session cookie.
    Session,
    /// With this server's OpenID provider.
    Oidc,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            events: 5_000,
            arrivals_per_second: 0.0,
            dist: None,
            long_names: false,
            latency_ms: 0,
            later_version: false,
            sign_in: ConsoleSignIn::Token,
            oidc_token_lifetime: Duration::from_secs(300),
        }
    }
}

type Shared = Arc<Mutex<MockBackend>>;

#[derive(Clone)]
struct Server {
    backend: Shared,
    /// Tokens no longer accepted.
    revoked: Arc<Mutex<HashSet<String>>>,
    /// Signed-in sessions by their cookie's id.
    sessions: Arc<Mutex<HashMap<String, CookieSession>>>,
    oidc: oidc::Shared,
}

struct CookieSession {
    persona: String,
    /// What the `XSRF-TOKEN` cookie holds, and a write's `X-XSRF-TOKEN` header must.
    xsrf: String,
}

/// Who a request says it comes from.
#[derive(Clone)]
enum Caller {
    Token(String),
    /// A session cookie's id.
    Session(String),
    Nobody,
}

const SESSION_COOKIE: &str = "ec-session";
const XSRF_COOKIE: &str = "XSRF-TOKEN";
const XSRF_HEADER: header::HeaderName = header::HeaderName::from_static("x-xsrf-token");

impl Server {
    /// The persona a caller signs in as: a token unless it was revoked, a session while it lasts.
    fn persona_of(&self, caller: &Caller) -> Option<String> {
        if let Caller::Token(token) = caller {
            // An access token of the provider, while it lasts.
            if let Some(persona) = self.oidc.lock().expect("provider").persona(token) {
                return persona;
            }
        }
        match caller {
            Caller::Token(token) if !self.revoked.lock().expect("revoked tokens").contains(token) => {
                Some(token.split_once(':').map_or(token.as_str(), |(persona, _)| persona).to_string())
            }
            Caller::Session(id) => self.sessions.lock().expect("sessions").get(id).map(|s| s.persona.clone()),
            _ => None,
        }
    }

    /// A write signed in by its cookie alone could be sent by any page the browser has open:
    /// it must also carry the `XSRF-TOKEN` cookie's value, which only the console's origin can read.
    fn forged(&self, caller: &Caller, method: &Method, headers: &HeaderMap) -> bool {
        let Caller::Session(id) = caller else { return false };
        if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return false;
        }
        let sent = headers.get(&XSRF_HEADER).and_then(|v| v.to_str().ok());
        self.sessions.lock().expect("sessions").get(id).is_some_and(|s| Some(s.xsrf.as_str()) != sent)
    }
}

/// The value of the cookie `name` among those a request sends.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_string())
        })
}

/// An unguessable value for a session's id or its XSRF token (a fresh random hasher each time;
/// enough for a server that listens on 127.0.0.1 only).
pub(crate) fn random_value() -> String {
    format!("{:016x}{:016x}", RandomState::new().hash_one(0u8), RandomState::new().hash_one(1u8))
}

const LAST_EVENT_ID: header::HeaderName = header::HeaderName::from_static("last-event-id");

/// The largest request body taken; a larger one is a 413.
const BODY_LIMIT: usize = 1 << 20;

/// How often an open event stream looks for new events.
const STREAM_TICK: Duration = Duration::from_millis(250);

/// The whole server as a router; `serve` runs it.
pub fn app(options: &Options) -> Router {
    let mut mock = MockBackend::new(options.seed, options.events, chrono::Utc::now());
    if options.long_names {
        mock.use_long_names(chrono::Utc::now());
    }
    if options.later_version {
        mock.answer_as_a_later_version();
    }
    mock.set_scenario(event_center_mock::Scenario { latency_ms: options.latency_ms, ..mock.scenario() });
    let backend: Shared = Arc::new(Mutex::new(mock));
    if options.arrivals_per_second > 0.0 {
        let backend = backend.clone();
        let period = Duration::from_secs_f64(1.0 / options.arrivals_per_second);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            loop {
                tick.tick().await;
                backend.lock().expect("mock backend").arrive(chrono::Utc::now(), None);
            }
        });
    }
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::IF_MATCH,
            LAST_EVENT_ID,
        ])
        .expose_headers([header::RETRY_AFTER]);
    let oidc = oidc::Provider::new(options.oidc_token_lifetime);
    let server =
        Server { backend, revoked: Default::default(), sessions: Default::default(), oidc: oidc.clone() };
    let api = Router::new().fallback(contract).with_state(server.clone()).layer(cors);
    let revoke = axum::routing::post(|State(server): State<Server>, token: String| async move {
        server.revoked.lock().expect("revoked tokens").insert(token);
        StatusCode::NO_CONTENT
    });
    let end_sessions = axum::routing::post(|State(server): State<Server>| async move {
        server.sessions.lock().expect("sessions").clear();
        server.oidc.lock().expect("provider").end_all();
        StatusCode::NO_CONTENT
    });
    let isolate_provider = axum::routing::post(|State(server): State<Server>| async move {
        server.oidc.lock().expect("provider").isolated = true;
        StatusCode::NO_CONTENT
    });
    let mut app = Router::new()
        .nest(BASE_PATH, api)
        .route("/test-server/revoke", revoke)
        .route("/test-server/sign-in", get(sign_in_page).post(sign_in))
        .route("/test-server/sign-out", get(sign_out))
        .route("/test-server/end-sessions", end_sessions)
        .route("/test-server/isolate-provider", isolate_provider)
        .with_state(server)
        // Asked from the console's origin, which may be another.
        .nest(OIDC_PATH, oidc::routes(oidc).layer(CorsLayer::new().allow_origin(Any).allow_headers(Any)));
    if let Some(dist) = &options.dist {
        // No credential: the console asks whoever opens it to sign in, with a token or here.
        let sign_in = options.sign_in;
        let config = move |headers: HeaderMap| async move {
            let config = match sign_in {
                ConsoleSignIn::Token => format!(r#"{{"backend": "{BASE_PATH}"}}"#),
                ConsoleSignIn::Session => format!(
                    r#"{{"backend": "{BASE_PATH}", "sign_in": "session", "sign_in_url": "/test-server/sign-in", "sign_out_url": "/test-server/sign-out"}}"#
                ),
                // The issuer is an absolute URL: this server's, as the browser reaches it.
                ConsoleSignIn::Oidc => format!(
                    r#"{{"backend": "{BASE_PATH}", "sign_in": "oidc", "issuer": "{}", "client_id": "{OIDC_CLIENT_ID}", "provider_name": "Test provider"}}"#,
                    oidc::issuer(&headers)
                ),
            };
            ([(header::CONTENT_TYPE, "application/json")], config)
        };
        app = app
            .route("/config.json", get(config))
            .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))));
        app = with_security_headers(app, &[]);
    }
    app
}

/// The console's Content Security Policy: script, style and images from its own origin only,
/// WebAssembly compiled from its own files, no inline script or style, no framing. `connect`
/// names the origins it may send requests to besides its own (a backend or a sign-in provider
/// elsewhere).
pub fn content_security_policy(connect: &[&str]) -> String {
    let connect: Vec<&str> = std::iter::once("'self'").chain(connect.iter().copied()).collect();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src {}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        connect.join(" ")
    )
}

/// Every answer of `app` with the headers a deployment of the console sets (README, "Deploying"):
/// the policy above, and no MIME sniffing, no referrer, no framing by older browsers either.
pub fn with_security_headers(app: Router, connect: &[&str]) -> Router {
    let policy = HeaderValue::from_str(&content_security_policy(connect)).expect("a header value");
    let headers = [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ];
    headers
        .into_iter()
        .fold(app, |app, (name, value)| app.layer(SetResponseHeaderLayer::overriding(name, value)))
}

async fn contract(State(server): State<Server>, headers: HeaderMap, request: Request) -> Response {
    let header =
        |name: &header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let caller = match header(&header::AUTHORIZATION).as_deref().and_then(bearer_token) {
        Some(token) => Caller::Token(token),
        None => cookie(&headers, SESSION_COOKIE).map_or(Caller::Nobody, Caller::Session),
    };
    if server.forged(&caller, request.method(), &headers) {
        // The body is read all the same: answered with it unread, the connection is closed, and
        // a client that sends its next request on it meets a dropped connection.
        let _ = axum::body::to_bytes(request.into_body(), BODY_LIMIT).await;
        let detail = "A write signed in by the session cookie must carry the XSRF-TOKEN cookie's value in X-XSRF-TOKEN.";
        return problem(Problem::new(403, "Forbidden", detail));
    }
    let token = server.persona_of(&caller);
    let backend = server.backend.clone();
    let last_event_id = header(&LAST_EVENT_ID);
    let if_match = header(&header::IF_MATCH);
    // HEAD is answered as GET is; hyper leaves the body out.
    let head = request.method() == Method::HEAD;
    let method = if head { "GET".to_string() } else { request.method().as_str().to_string() };
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    let Ok(body) = axum::body::to_bytes(request.into_body(), BODY_LIMIT).await else {
        let detail = format!("The request body is over the limit of {} KiB.", BODY_LIMIT / 1024);
        return problem(Problem::new(413, "Content Too Large", detail));
    };
    let body = String::from_utf8_lossy(&body).into_owned();
    let latency = backend.lock().expect("mock backend").scenario().latency_ms;
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency.into())).await;
    }
    let ask = |last_event_id: Option<&str>| {
        backend.lock().expect("mock backend").respond(&event_center_mock::Request {
            method: &method,
            path: &path,
            query: &query,
            token: token.as_deref(),
            body: &body,
            last_event_id,
            if_match: if_match.as_deref(),
        })
    };
    let Some(answer) = ask(last_event_id.as_deref()) else {
        // A forced dropped connection: close without an HTTP answer as far as HTTP allows.
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let streaming = !head && answer.status == 200 && answer.content_type == "text/event-stream";
    let mut response = if streaming {
        // The first answer holds what was missed since Last-Event-ID; then the stream stays
        // open and carries each new event as it arrives, from the last one that answer sent.
        let first = answer.body.clone();
        let replayed = SseDecoder::default().push(&first).into_iter().rev().find_map(|m| m.id);
        let resume =
            replayed.or(last_event_id).or_else(|| backend.lock().expect("mock backend").newest_event_id());
        let (method, path, query) = (method.clone(), path.clone(), query.clone());
        let updates = futures_util::stream::unfold(resume, move |last| {
            let server = server.clone();
            let (method, path, query, caller) = (method.clone(), path.clone(), query.clone(), caller.clone());
            async move {
                tokio::time::sleep(STREAM_TICK).await;
                // A token revoked, or a session ended, while its stream is open ends the stream.
                let token = server.persona_of(&caller);
                let backend = server.backend.lock().expect("mock backend");
                let answer = backend.respond(&event_center_mock::Request {
                    method: &method,
                    path: &path,
                    query: &query,
                    token: token.as_deref(),
                    body: "",
                    last_event_id: last.as_deref(),
                    if_match: None,
                })?;
                // A stream the mock now refuses (forced, say) ends, as a dropped connection does.
                if answer.status != 200 {
                    return None;
                }
                let sent = SseDecoder::default().push(&answer.body);
                let next = sent.last().and_then(|m| m.id.clone()).or(last);
                let chunk = answer.body.trim_start_matches(event_center_mock::STREAM_OPENING).to_string();
                Some((Ok::<_, std::convert::Infallible>(chunk), next))
            }
        });
        let stream = futures_util::StreamExt::chain(
            futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(first) }),
            updates,
        );
        Response::new(Body::from_stream(stream))
    } else {
        Response::new(Body::from(answer.body))
    };
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(answer.content_type));
    if streaming {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(seconds) = answer.retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    if let Some(allow) = answer.allow.and_then(|a| HeaderValue::from_str(&a).ok()) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

/// A form's choice of the persona to sign in as, the first chosen.
pub(crate) fn persona_choices() -> String {
    event_center_mock::Persona::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (name, checked) = (p.token(), if i == 0 { " checked" } else { "" });
            format!(
                r#"<label><input type="radio" name="persona" value="{name}"{checked}> {name}</label><br>"#
            )
        })
        .collect()
}

/// The platform's sign-in page: a persona to sign in as.
async fn sign_in_page() -> Response {
    let choices = persona_choices();
    page(
        "Sign in to the platform",
        &format!(
            r#"<form method="post"><fieldset><legend>Sign in as</legend>{choices}</fieldset><button type="submit">Sign in</button></form>"#
        ),
    )
}

/// Starts a session for the chosen persona (`persona=…`, form-encoded).
async fn sign_in(State(server): State<Server>, form: String) -> Response {
    let persona = form.split('&').find_map(|pair| pair.strip_prefix("persona=")).unwrap_or_default();
    if event_center_mock::Persona::from_token(persona).is_none() {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Choose a persona.").into_response();
    }
    let (id, xsrf) = (random_value(), random_value());
    let persona = persona.to_string();
    let said = format!(
        "<p id=\"signed-in\">Signed in as {persona}. Go back to the console and choose Continue.</p>"
    );
    server
        .sessions
        .lock()
        .expect("sessions")
        .insert(id.clone(), CookieSession { persona, xsrf: xsrf.clone() });
    let mut response = page("Signed in", &said);
    for cookie in [
        format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict"),
        format!("{XSRF_COOKIE}={xsrf}; Path=/; SameSite=Strict"),
    ] {
        response.headers_mut().append(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("a cookie"));
    }
    response
}

/// Ends the session and its cookies, then goes back to the console.
async fn sign_out(State(server): State<Server>, headers: HeaderMap) -> Response {
    if let Some(id) = cookie(&headers, SESSION_COOKIE) {
        server.sessions.lock().expect("sessions").remove(&id);
    }
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    for name in [SESSION_COOKIE, XSRF_COOKIE] {
        let expired = format!("{name}=; Path=/; Max-Age=0");
        response.headers_mut().append(header::SET_COOKIE, HeaderValue::from_str(&expired).expect("a cookie"));
    }
    response
}

pub(crate) fn page(title: &str, body: &str) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="en"><meta charset="utf-8"><title>{title}</title><main><h1>{title}</h1>{body}</main></html>"#
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// The token of an `Authorization: Bearer …` header; the scheme's name in any case (RFC 9110).
fn bearer_token(value: &str) -> Option<String> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

fn problem(problem: Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&problem).expect("problems serialize");
    (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
}

/// Serves on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, options: Options) -> std::io::Result<()> {
    axum::serve(listener, app(&options)).await
}
