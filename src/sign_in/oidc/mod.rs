//! Signing in with an OpenID Connect provider: Authorization Code with PKCE (RFC 7636) for a
//! public client. The provider's endpoints come from its discovery document. The access token is
//! held in memory only, in the session's credential, and refreshed before it expires; a refresh
//! token, if the provider gives one, is kept for the tab (`sessionStorage`) so that a reload goes
//! on signed in. Nothing of it ever reaches a URL, a log line or an error message.
//!
//! A first sign-in leaves the page for the provider and comes back to the console's root with
//! `?code=&state=`, which [`resume`] takes before anything asks the backend. Signing in again
//! when the session ends happens in a window of its own, so the page (a half-filled form) stays:
//! the console loaded there hands the provider's answer to this one and closes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::OidcClient;

/// Where the tab keeps the refresh token.
pub const REFRESH_KEY: &str = "event-center.oidc.refresh";

/// What a sign-in asks for when `config.json` names no scopes.
const DEFAULT_SCOPES: &str = "openid profile email";

/// The configured issuer, as a provider names itself: without a trailing slash.
fn issuer(client: &OidcClient) -> &str {
    client.issuer.trim_end_matches('/')
}

/// Where a sign-in that left the page keeps what the provider's answer must match.
const PENDING_KEY: &str = "event-center.oidc.pending";

/// The provider's endpoints, from its discovery document.
#[derive(Clone, Deserialize)]
pub struct Provider {
    pub issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    end_session_endpoint: Option<String>,
}

/// A sign-in on its way: the values the provider's answer and the token endpoint must match,
/// and where the user was.
#[derive(Clone, Deserialize, Serialize)]
pub struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    /// The page's path, query and fragment when the sign-in started.
    pub return_to: String,
}

/// What a provider sends back to the redirect URI.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct Answer {
    state: String,
    /// The issuer that answers (RFC 9207), when the provider says.
    iss: Option<String>,
    /// The code, or what the provider says went wrong.
    code: Result<String, String>,
}

/// The token endpoint's answer.
#[derive(Deserialize)]
pub struct Tokens {
    access_token: String,
    expires_in: Option<u64>,
    refresh_token: Option<String>,
    id_token: Option<String>,
}

impl Tokens {
    pub fn access_token(&self) -> &str {
        &self.access_token
    }
}

/// The claims of an ID token the console checks.
#[derive(Deserialize)]
struct Claims {
    iss: String,
    aud: serde_json::Value,
    nonce: Option<String>,
    exp: i64,
}

/// Where a sign-in window hands its answer to the console that opened it when the provider cut
/// the window off from it (a `Cross-Origin-Opener-Policy` of `same-origin` leaves it no
/// opener): a `BroadcastChannel` of the console's origin.
pub const HAND_OVER_CHANNEL: &str = "event-center-sign-in";

/// What the console says on that channel once it has taken `answer`, for its window to close.
pub fn taken(answer: &Answer) -> String {
    format!("taken {}", answer.state)
}

/// The PKCE challenge of a verifier (S256): its SHA-256, base64url without padding.
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl Pending {
    /// A new sign-in from `return_to`, with values drawn from `random` (32 bytes each).
    pub fn new(return_to: String, mut random: impl FnMut() -> [u8; 32]) -> Pending {
        let mut value = || URL_SAFE_NO_PAD.encode(random());
        Pending { state: value(), nonce: value(), verifier: value(), return_to }
    }

    /// Where the user signs in: the provider's authorization endpoint with this sign-in's
    /// values. The scopes always include `openid`.
    pub fn authorization_url(&self, provider: &Provider, client: &OidcClient, redirect_uri: &str) -> String {
        let mut scopes = client.scopes.clone().unwrap_or_else(|| DEFAULT_SCOPES.into());
        if !scopes.split_whitespace().any(|s| s == "openid") {
            scopes = format!("openid {scopes}");
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("response_type", "code")
            .append_pair("client_id", &client.client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("scope", scopes.trim())
            .append_pair("state", &self.state)
            .append_pair("nonce", &self.nonce)
            .append_pair("code_challenge", &challenge(&self.verifier))
            .append_pair("code_challenge_method", "S256")
            .finish();
        let separator = if provider.authorization_endpoint.contains('?') { '&' } else { '?' };
        format!("{}{separator}{query}", provider.authorization_endpoint)
    }

    /// Whether `answer` was sent for this sign-in (its state is this one's).
    pub fn is_for(&self, answer: &Answer) -> bool {
        answer.state == self.state
    }

    /// The code the answer brings, if it answers this sign-in: sent for another (its state
    /// differs), by another issuer, or a refusal, it is not taken.
    pub fn code(&self, answer: Answer, issuer: &str) -> Result<String, String> {
        if answer.state != self.state {
            return Err("The provider's answer does not belong to this sign-in. Start again.".into());
        }
        if answer.iss.as_deref().is_some_and(|iss| iss != issuer) {
            return Err("The answer came from another provider than the one configured. Start again.".into());
        }
        answer.code.map_err(|why| format!("The provider did not sign you in: {why}."))
    }

    /// The form that exchanges `code` at the token endpoint, proving this sign-in started it.
    fn exchange(&self, code: &str, client: &OidcClient, redirect_uri: &str) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "authorization_code")
            .append_pair("code", code)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("client_id", &client.client_id)
            .append_pair("code_verifier", &self.verifier)
            .finish()
    }
}

/// The provider's answer in a redirect's query, if it is one.
pub fn answer(query: &str) -> Option<Answer> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned().collect();
    let param = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let code = match (param("code"), param("error")) {
        (Some(code), None) => Ok(code),
        (_, Some(error)) => Err(param("error_description").unwrap_or(error)),
        (None, None) => return None,
    };
    Some(Answer { state: param("state")?, iss: param("iss"), code })
}

/// Checks an ID token the token endpoint gave: for this client, by this issuer, not expired,
/// and, for a new sign-in, carrying its nonce. Its signature is not checked: it came from the
/// token endpoint itself, where OpenID Connect Core (3.1.3.7) lets the connection vouch for it.
pub fn check_id_token(
    id_token: &str,
    client: &OidcClient,
    nonce: Option<&str>,
    now: i64,
) -> Result<(), String> {
    let unreadable = || "The provider's ID token could not be read.".to_string();
    let payload = id_token.split('.').nth(1).ok_or_else(unreadable)?;
    let payload = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|_| unreadable())?;
    let payload = String::from_utf8(payload).map_err(|_| unreadable())?;
    let claims: Claims = serde_json::from_str(&payload).map_err(|_| unreadable())?;
    let for_us = match &claims.aud {
        serde_json::Value::String(aud) => *aud == client.client_id,
        serde_json::Value::Array(auds) => auds.iter().any(|aud| *aud == *client.client_id),
        _ => false,
    };
    if claims.iss.trim_end_matches('/') != issuer(client) || !for_us {
        return Err("The provider's ID token is for another issuer or client.".into());
    }
    if nonce.is_some() && claims.nonce.as_deref() != nonce {
        return Err("The provider's ID token does not belong to this sign-in. Start again.".into());
    }
    if claims.exp <= now {
        return Err(
            "The provider's ID token has expired. Check this computer's clock, then start again.".into()
        );
    }
    Ok(())
}

/// When to refresh an access token given for `expires_in` seconds: at three quarters of its
/// life, so that a request never carries one about to expire.
pub fn refresh_after_ms(expires_in: u64) -> u64 {
    expires_in.saturating_mul(750)
}

mod browser;
pub use browser::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> OidcClient {
        OidcClient {
            issuer: "https://sso.example.com/".into(),
            client_id: "event-center".into(),
            scopes: Some("profile".into()),
            provider_name: None,
        }
    }

    fn provider() -> Provider {
        Provider {
            issuer: "https://sso.example.com".into(),
            authorization_endpoint: "https://sso.example.com/authorize".into(),
            token_endpoint: "https://sso.example.com/token".into(),
            end_session_endpoint: None,
        }
    }

    fn sign_in() -> Pending {
        let mut n = 0u8;
        Pending::new("/triggers/new?x=1#top".into(), || {
            n += 1;
            [n; 32]
        })
    }

    fn id_token(claims: serde_json::Value) -> String {
        format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        )
    }

    #[test]
    fn the_challenge_is_the_verifiers_sha256_in_base64url() {
        // RFC 7636, appendix B.
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn the_authorization_url_carries_the_challenge_never_the_verifier() {
        let pending = sign_in();
        let url = pending.authorization_url(&provider(), &client(), "https://console.example.com/");
        let (endpoint, query) = url.split_once('?').unwrap();
        assert_eq!(endpoint, "https://sso.example.com/authorize");
        let pairs: std::collections::HashMap<String, String> =
            form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        assert_eq!(pairs["code_challenge"], challenge(&pending.verifier));
        assert_eq!(pairs["code_challenge_method"], "S256");
        assert_eq!(pairs["scope"], "openid profile", "openid is always asked for");
        assert_eq!((pairs["state"].len(), pairs["nonce"].len()), (43, 43), "32 random bytes each");
        assert_ne!(pairs["state"], pairs["nonce"]);
        assert!(!url.contains(&pending.verifier), "the verifier stays in the tab");
    }

    #[test]
    fn an_answer_with_another_state_or_issuer_is_refused() {
        let pending = sign_in();
        let with = |query: String| answer(&query).expect("an answer");
        let ok = format!("?code=c0de&state={}&iss=https%3A%2F%2Fsso.example.com", pending.state);
        assert!(
            pending.is_for(&with(ok.clone())) && !pending.is_for(&with("?code=c0de&state=guessed".into()))
        );
        assert_eq!(
            taken(&with(ok.clone())),
            format!("taken {}", pending.state),
            "what its window waits to hear"
        );
        assert_eq!(pending.code(with(ok), "https://sso.example.com"), Ok("c0de".into()));
        let forged = pending.code(with("?code=c0de&state=guessed".into()), "https://sso.example.com");
        assert!(forged.unwrap_err().contains("does not belong to this sign-in"));
        let elsewhere = format!("?code=c0de&state={}&iss=https%3A%2F%2Fevil.example.com", pending.state);
        assert!(pending
            .code(with(elsewhere), "https://sso.example.com")
            .unwrap_err()
            .contains("another provider"));
        let denied =
            format!("?error=access_denied&error_description=The+user+cancelled&state={}", pending.state);
        assert_eq!(
            pending.code(with(denied), "https://sso.example.com"),
            Err("The provider did not sign you in: The user cancelled.".into())
        );
        assert_eq!(answer("?event=evt_1"), None, "a page's own query");
        assert_eq!(answer("?state=s"), None);
    }

    #[test]
    fn an_id_token_must_be_for_this_client_issuer_and_sign_in() {
        let nonce = Some("n0nce");
        let claims = serde_json::json!({ "iss": "https://sso.example.com/", "aud": ["event-center", "api"], "nonce": "n0nce", "exp": 2000 });
        assert_eq!(check_id_token(&id_token(claims.clone()), &client(), nonce, 1000), Ok(()));
        assert_eq!(
            check_id_token(&id_token(claims.clone()), &client(), None, 1000),
            Ok(()),
            "a refresh has no nonce to match"
        );
        let mut other = claims.clone();
        other["nonce"] = "replayed".into();
        assert!(check_id_token(&id_token(other), &client(), nonce, 1000).is_err());
        let mut other = claims.clone();
        other["aud"] = "another-client".into();
        assert!(check_id_token(&id_token(other), &client(), nonce, 1000).is_err());
        let mut other = claims.clone();
        other["iss"] = "https://evil.example.com".into();
        assert!(check_id_token(&id_token(other), &client(), nonce, 1000).is_err());
        assert!(check_id_token(&id_token(claims), &client(), nonce, 2000).unwrap_err().contains("expired"));
        assert!(check_id_token("not-a-token", &client(), nonce, 1000).is_err());
    }

    #[test]
    fn an_access_token_is_refreshed_at_three_quarters_of_its_life() {
        assert_eq!(refresh_after_ms(3600), 2_700_000);
        assert_eq!(refresh_after_ms(4), 3_000);
    }
}
