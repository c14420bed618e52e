//! A minimal OpenID Connect provider at `/test-server/oidc`, so the console's OpenID sign-in runs
//! end to end on this machine: discovery, an authorization page that signs in one of the
//! personas, a token endpoint that checks the PKCE verifier (S256 only) and refreshes (each
//! refresh token used once), and end-session. Access tokens are opaque and expire; the contract
//! takes them as it takes a persona's token.
//!
//! The ID token is unsigned (`alg: none`): the console receives it from the token endpoint
//! itself, where OpenID Connect Core (3.1.3.7) lets the connection vouch for its issuer, and
//! checks its issuer, audience, nonce and expiry.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{page, persona_choices, random_value};

/// Where the provider lives on the test server.
pub const PATH: &str = "/test-server/oidc";

/// The one client the provider knows: the console.
pub const CLIENT_ID: &str = "event-center";

/// What the provider has issued.
#[derive(Default)]
pub struct Provider {
    /// How long an access token is taken.
    lifetime: Duration,
    codes: HashMap<String, Grant>,
    /// Access tokens: the persona and when the token stops being taken.
    access: HashMap<String, (String, Instant)>,
    /// Refresh tokens: the persona and the sign-in (`sid`) they belong to.
    refresh: HashMap<String, (String, String)>,
    /// The authorization page says `Cross-Origin-Opener-Policy: same-origin`, as many
    /// providers' do: a sign-in window that opens it is cut off from the console that opened it.
    pub isolated: bool,
}

/// A code on its way to the token endpoint: what the authorization request said.
struct Grant {
    persona: String,
    redirect_uri: String,
    challenge: String,
    nonce: Option<String>,
    sid: String,
}

pub type Shared = Arc<Mutex<Provider>>;

impl Provider {
    pub fn new(lifetime: Duration) -> Shared {
        Arc::new(Mutex::new(Provider { lifetime, ..Provider::default() }))
    }

    /// The persona an access token signs in, while it lasts; `None` for a token not issued here.
    pub fn persona(&self, token: &str) -> Option<Option<String>> {
        let (persona, until) = self.access.get(token)?;
        Some((Instant::now() < *until).then(|| persona.clone()))
    }

    /// Ends every sign-in: no token it issued is taken any more.
    pub fn end_all(&mut self) {
        self.access.clear();
        self.refresh.clear();
        self.codes.clear();
    }
}

/// The PKCE challenge of a verifier (RFC 7636, S256): its SHA-256, base64url without padding.
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The provider's routes, below [`PATH`].
pub fn routes(provider: Shared) -> Router {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/authorize", get(authorize_page).post(authorize))
        .route("/token", post(token))
        .route("/end-session", get(end_session))
        .with_state(provider)
}

/// The issuer as the browser reaches it: the test server's own address, whatever its port.
pub(crate) fn issuer(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    format!("http://{host}{PATH}")
}

async fn discovery(headers: HeaderMap) -> Response {
    let issuer = issuer(&headers);
    let document = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "end_session_endpoint": format!("{issuer}/end-session"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["none"],
        "token_endpoint_auth_methods_supported": ["none"],
    });
    ([(header::CONTENT_TYPE, "application/json")], document.to_string()).into_response()
}

/// Where an authorization request's answer goes: its `redirect_uri` with `params`.
fn redirect(to: &str, params: &[(&str, &str)]) -> Response {
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish();
    let separator = if to.contains('?') { '&' } else { '?' };
    (StatusCode::SEE_OTHER, [(header::LOCATION, format!("{to}{separator}{query}"))]).into_response()
}

/// A request the provider cannot send back to the client says so on its own page.
fn refused_page(why: &str) -> Response {
    let mut response = page("Sign-in request refused", &format!("<p id=\"refused\">{why}</p>"));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response
}

/// What is wrong with an authorization request, if anything: said on the provider's page (no
/// client to send it back to) or sent back to the client as `error`.
fn refusal(params: &HashMap<String, String>) -> Option<Response> {
    let param = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();
    let redirect_uri = param("redirect_uri");
    if param("client_id") != CLIENT_ID {
        return Some(refused_page(&format!("The client is not \"{CLIENT_ID}\".")));
    }
    if !(redirect_uri.starts_with("http://") || redirect_uri.starts_with("https://")) {
        return Some(refused_page("The redirect_uri is not an http(s) URL."));
    }
    let back = |description: &str| {
        let state = param("state");
        redirect(
            redirect_uri,
            &[("error", "invalid_request"), ("error_description", description), ("state", state)],
        )
    };
    if param("response_type") != "code" {
        return Some(back("response_type must be code"));
    }
    if param("code_challenge_method") != "S256" || param("code_challenge").len() != 43 {
        return Some(back("a PKCE code_challenge with the S256 method is required"));
    }
    if !param("scope").split(' ').any(|s| s == "openid") {
        return Some(back("the scope must include openid"));
    }
    None
}

/// The authorization page: a persona to sign in as, the request carried along in the form.
async fn authorize_page(
    State(provider): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Some(refused) = refusal(&params) {
        return refused;
    }
    let isolated = provider.lock().expect("provider").isolated;
    let mut carried: Vec<_> = params.iter().collect();
    carried.sort();
    let hidden: String = carried
        .iter()
        .map(|(name, value)| {
            let value = value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
            format!(r#"<input type="hidden" name="{name}" value="{value}">"#)
        })
        .collect();
    let choices = persona_choices();
    let mut page = page(
        "Sign in with the test provider",
        &format!(
            r#"<form method="post">{hidden}<fieldset><legend>Sign in as</legend>{choices}</fieldset><button type="submit">Sign in</button> <button type="submit" name="deny" value="1">Cancel</button></form>"#
        ),
    );
    if isolated {
        page.headers_mut()
            .insert("cross-origin-opener-policy", header::HeaderValue::from_static("same-origin"));
    }
    page
}

/// Signs the chosen persona in (or not: Cancel) and sends the answer back to the client.
async fn authorize(State(provider): State<Shared>, headers: HeaderMap, form: String) -> Response {
    let params: HashMap<String, String> = form_urlencoded::parse(form.as_bytes()).into_owned().collect();
    if let Some(refused) = refusal(&params) {
        return refused;
    }
    let param = |name: &str| params.get(name).cloned().unwrap_or_default();
    let (redirect_uri, state) = (param("redirect_uri"), param("state"));
    if params.contains_key("deny") {
        let said =
            [("error", "access_denied"), ("error_description", "The user cancelled"), ("state", &state)];
        return redirect(&redirect_uri, &said);
    }
    let persona = param("persona");
    if event_center_mock::Persona::from_token(&persona).is_none() {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Choose a persona.").into_response();
    }
    let code = random_value();
    let grant = Grant {
        persona,
        redirect_uri: redirect_uri.clone(),
        challenge: param("code_challenge"),
        nonce: params.get("nonce").cloned(),
        sid: random_value(),
    };
    provider.lock().expect("provider").codes.insert(code.clone(), grant);
    // The issuer too (RFC 9207), so that a client talking to several providers knows whose code it is.
    redirect(&redirect_uri, &[("code", &code), ("state", &state), ("iss", &issuer(&headers))])
}

/// The token endpoint's refusal (RFC 6749, 5.2).
fn token_error(error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description }).to_string();
    (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn token(State(provider): State<Shared>, headers: HeaderMap, form: String) -> Response {
    let params: HashMap<String, String> = form_urlencoded::parse(form.as_bytes()).into_owned().collect();
    let param = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();
    if param("client_id") != CLIENT_ID {
        return token_error("invalid_client", "unknown client_id");
    }
    let mut provider = provider.lock().expect("provider");
    let (persona, sid, nonce) = match param("grant_type") {
        "authorization_code" => {
            // A code is used once, right or wrong.
            let Some(grant) = provider.codes.remove(param("code")) else {
                return token_error("invalid_grant", "the code is unknown or was used");
            };
            if grant.redirect_uri != param("redirect_uri") {
                return token_error(
                    "invalid_grant",
                    "the redirect_uri differs from the authorization request's",
                );
            }
            if challenge(param("code_verifier")) != grant.challenge {
                return token_error("invalid_grant", "the code_verifier does not match the code_challenge");
            }
            (grant.persona, grant.sid, grant.nonce)
        }
        "refresh_token" => match provider.refresh.remove(param("refresh_token")) {
            Some((persona, sid)) => (persona, sid, None),
            None => return token_error("invalid_grant", "the refresh token is unknown, used or ended"),
        },
        _ => return token_error("unsupported_grant_type", "authorization_code or refresh_token"),
    };
    let (access, refresh) = (format!("oidc.{}", random_value()), random_value());
    let lifetime = provider.lifetime;
    provider.access.insert(access.clone(), (persona.clone(), Instant::now() + lifetime));
    provider.refresh.insert(refresh.clone(), (persona.clone(), sid.clone()));
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "iss": issuer(&headers), "sub": persona, "aud": CLIENT_ID, "iat": now, "exp": now + 3600, "sid": sid,
    });
    if let Some(nonce) = nonce {
        claims["nonce"] = json!(nonce);
    }
    let id_token = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let body = json!({
        "access_token": access, "token_type": "Bearer", "expires_in": lifetime.as_secs(),
        "refresh_token": refresh, "id_token": id_token, "scope": "openid profile email",
    });
    let no_store = [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")];
    (no_store, body.to_string()).into_response()
}

/// RP-initiated logout: ends the sign-in the ID token names (its refresh tokens are no longer
/// taken), then back to the client's `post_logout_redirect_uri`.
async fn end_session(
    State(provider): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let sid = params.get("id_token_hint").and_then(|hint| {
        let payload = URL_SAFE_NO_PAD.decode(hint.split('.').nth(1)?).ok()?;
        let claims: serde_json::Value = serde_json::from_slice(&payload).ok()?;
        claims["sid"].as_str().map(str::to_string)
    });
    if let Some(sid) = sid {
        provider.lock().expect("provider").refresh.retain(|_, (_, of)| *of != sid);
    }
    match params.get("post_logout_redirect_uri") {
        Some(to) if to.starts_with("http://") || to.starts_with("https://") => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, to.as_str())]).into_response()
        }
        _ => page("Signed out", "<p id=\"signed-out\">You are signed out of the test provider.</p>"),
    }
}
