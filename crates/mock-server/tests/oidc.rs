//! The test server's OpenID provider, as a client in a browser uses it: discovery, the
//! authorization page, the code exchanged once and only with the right PKCE verifier, the
//! access token taken by the contract while it lasts, refresh tokens used once, and end-session.

use std::collections::HashMap;
use std::time::Duration;

use event_center_mock_server::{pkce_challenge, Options, BASE_PATH, OIDC_CLIENT_ID, OIDC_PATH};
use serde_json::Value;

mod common;
use common::{agent, header};

const REDIRECT: &str = "http://127.0.0.1:8080/";

/// RFC 7636, appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn start(lifetime: Duration) -> (String, String) {
    let base = common::start(Options { events: 50, oidc_token_lifetime: lifetime, ..Default::default() });
    let issuer = format!("{}{OIDC_PATH}", base.trim_end_matches(BASE_PATH));
    (base, issuer)
}

fn staying() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

fn json(response: ureq::http::Response<ureq::Body>) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, serde_json::from_str(&response.into_body().read_to_string().unwrap()).unwrap())
}

/// The query of a redirect's `Location`, as pairs.
fn redirected_with(response: &ureq::http::Response<ureq::Body>) -> HashMap<String, String> {
    assert_eq!(response.status(), 303);
    let location = header(response, "location");
    let query = location.split_once('?').expect("a query").1;
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// Signs the persona in on the authorization page, as the form there posts it; the answer's
/// query.
fn authorize(issuer: &str, persona: &str, challenge: &str) -> HashMap<String, String> {
    let form = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("response_type", "code"),
            ("client_id", OIDC_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("scope", "openid profile"),
            ("state", "st4te"),
            ("nonce", "n0nce"),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
            ("persona", persona),
        ])
        .finish();
    let answer = staying()
        .post(format!("{issuer}/authorize"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(form.as_str())
        .unwrap();
    redirected_with(&answer)
}

fn token(issuer: &str, pairs: &[(&str, &str)]) -> (u16, Value) {
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", OIDC_CLIENT_ID)
        .extend_pairs(pairs)
        .finish();
    json(
        agent()
            .post(format!("{issuer}/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(form.as_str())
            .unwrap(),
    )
}

fn exchange(issuer: &str, code: &str, verifier: &str) -> (u16, Value) {
    token(
        issuer,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ],
    )
}

fn me(base: &str, access: &str) -> u16 {
    agent()
        .get(format!("{base}/me"))
        .header("Authorization", &format!("Bearer {access}"))
        .call()
        .unwrap()
        .status()
        .into()
}

fn claims(id_token: &str) -> Value {
    use base64::Engine;
    let payload = id_token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap())
        .unwrap()
}

#[test]
fn the_challenge_is_the_verifiers_sha256_in_base64url() {
    assert_eq!(pkce_challenge(VERIFIER), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

#[test]
fn discovery_names_the_issuer_and_its_endpoints() {
    let (_, issuer) = start(Duration::from_secs(60));
    let (status, document) =
        json(agent().get(format!("{issuer}/.well-known/openid-configuration")).call().unwrap());
    assert_eq!(status, 200);
    assert_eq!(document["issuer"], issuer.as_str());
    assert_eq!(document["token_endpoint"], format!("{issuer}/token"));
    assert_eq!(document["end_session_endpoint"], format!("{issuer}/end-session"));
    assert_eq!(document["code_challenge_methods_supported"], serde_json::json!(["S256"]));
}

#[test]
fn the_authorization_page_needs_pkce_and_the_known_client() {
    let (_, issuer) = start(Duration::from_secs(60));
    let page = |query: &str| staying().get(format!("{issuer}/authorize?{query}")).call().unwrap();
    let challenge = pkce_challenge(VERIFIER);
    let good = format!(
        "response_type=code&client_id={OIDC_CLIENT_ID}&redirect_uri={REDIRECT}&scope=openid&state=s&code_challenge={challenge}&code_challenge_method=S256"
    );
    let mut shown = page(&good);
    assert_eq!(shown.status(), 200);
    let html = shown.body_mut().read_to_string().unwrap();
    assert!(html.contains(r#"value="auditor""#) && html.contains(r#"name="state" value="s""#), "{html}");
    assert_eq!(page(&good.replace(OIDC_CLIENT_ID, "stranger")).status(), 400, "an unknown client");
    let plain = page(&good.replace("S256", "plain"));
    let answer = redirected_with(&plain);
    assert_eq!((answer["error"].as_str(), answer["state"].as_str()), ("invalid_request", "s"));
}

#[test]
fn a_code_is_exchanged_once_and_only_with_its_verifier() {
    let (base, issuer) = start(Duration::from_secs(60));
    let answer = authorize(&issuer, "auditor", &pkce_challenge(VERIFIER));
    assert_eq!((answer["state"].as_str(), answer["iss"].as_str()), ("st4te", issuer.as_str()));
    let code = &answer["code"];
    let (status, refused) = exchange(&issuer, code, "a-wrong-verifier-a-wrong-verifier-a-wrong-ve");
    assert_eq!((status, refused["error"].as_str()), (400, Some("invalid_grant")), "{refused}");
    assert_eq!(exchange(&issuer, code, VERIFIER).0, 400, "the code went with the failed attempt");

    let code = authorize(&issuer, "auditor", &pkce_challenge(VERIFIER))["code"].clone();
    let (status, tokens) = exchange(&issuer, &code, VERIFIER);
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(
        (id["iss"].as_str(), id["aud"].as_str(), id["nonce"].as_str()),
        (Some(issuer.as_str()), Some(OIDC_CLIENT_ID), Some("n0nce"))
    );
    assert_eq!(
        me(&base, tokens["access_token"].as_str().unwrap()),
        200,
        "the contract takes the access token"
    );
    assert_eq!(exchange(&issuer, &code, VERIFIER).0, 400, "a code is used once");
}

#[test]
fn an_access_token_expires_and_a_refresh_token_is_used_once_until_the_sign_in_ends() {
    let (base, issuer) = start(Duration::ZERO);
    let code = authorize(&issuer, "admin", &pkce_challenge(VERIFIER))["code"].clone();
    let (_, tokens) = exchange(&issuer, &code, VERIFIER);
    assert_eq!(me(&base, tokens["access_token"].as_str().unwrap()), 401, "expired at once");
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let (status, renewed) = token(&issuer, &[("grant_type", "refresh_token"), ("refresh_token", refresh)]);
    assert_eq!(status, 200, "{renewed}");
    assert_ne!(renewed["access_token"], tokens["access_token"]);
    let (status, _) = token(&issuer, &[("grant_type", "refresh_token"), ("refresh_token", refresh)]);
    assert_eq!(status, 400, "a refresh token is used once");
    let end = format!(
        "{issuer}/end-session?id_token_hint={}&post_logout_redirect_uri={REDIRECT}",
        renewed["id_token"].as_str().unwrap()
    );
    let out = staying().get(end).call().unwrap();
    assert_eq!((out.status().as_u16(), header(&out, "location")), (303, REDIRECT.to_string()));
    let next = renewed["refresh_token"].as_str().unwrap();
    let (status, _) = token(&issuer, &[("grant_type", "refresh_token"), ("refresh_token", next)]);
    assert_eq!(status, 400, "the sign-in ended at the provider");
}
