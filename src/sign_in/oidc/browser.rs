//! The sign-in with the provider, from the browser: its discovery document, the token
//! endpoint, the session's tokens and their refresh, the answer that comes back to the page, and
//! the sign-out at the provider.

use std::cell::RefCell;

use futures::future::LocalBoxFuture;
use gloo_net::http::Request;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::*;
use crate::api::Credential;
use crate::ui::prefs;

/// What the signed-in session holds besides its access token (which is the credential's).
#[derive(Default)]
struct Held {
    provider: Option<Provider>,
    /// The latest ID token: sign-out names the session with it.
    id_token: Option<String>,
    refresh: Option<TimeoutHandle>,
    /// Why the last sign-in failed, for the dialog to say.
    problem: Option<String>,
}

thread_local! {
    static HELD: RefCell<Held> = RefCell::default();
}

/// Why the last sign-in that came back to this page failed, once.
pub fn take_problem() -> Option<String> {
    HELD.with_borrow_mut(|held| held.problem.take())
}

/// A token request the provider refused, or could not be asked.
pub enum Failed {
    Refused(String),
    Unreachable(String),
}

impl Failed {
    pub fn said(self) -> String {
        match self {
            Failed::Refused(why) | Failed::Unreachable(why) => why,
        }
    }
}

/// The console's root on this origin: where the provider sends its answer.
pub fn redirect_uri() -> String {
    format!("{}/", window().location().origin().unwrap_or_default())
}

fn random_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    let crypto = window().crypto().expect("the browser's crypto");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("random values");
    bytes
}

/// A sign-in that starts here, from the page the user is on.
pub fn pending() -> Pending {
    let location = window().location();
    let here = [location.pathname(), location.search(), location.hash()]
        .into_iter()
        .map(|part| part.unwrap_or_default())
        .collect();
    Pending::new(here, random_bytes)
}

/// The provider's discovery document, asked once per page; its `issuer` must be the one
/// configured.
pub async fn discover(client: &OidcClient) -> Result<Provider, String> {
    if let Some(provider) = HELD.with_borrow(|held| held.provider.clone()) {
        return Ok(provider);
    }
    let unreachable =
        |why: String| format!("The sign-in provider at {} could not be reached: {why}", issuer(client));
    let url = format!("{}/.well-known/openid-configuration", issuer(client));
    let response = Request::get(&url).send().await.map_err(|e| unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(unreachable(format!("its discovery document answered HTTP {}.", response.status())));
    }
    let provider: Provider =
        response.json().await.map_err(|_| unreachable("its discovery document could not be read.".into()))?;
    if provider.issuer.trim_end_matches('/') != issuer(client) {
        return Err(format!(
            "The provider at {} names another issuer: check config.json's issuer.",
            client.issuer
        ));
    }
    HELD.with_borrow_mut(|held| held.provider = Some(provider.clone()));
    Ok(provider)
}

/// Asks the token endpoint with `form`.
async fn grant(provider: &Provider, form: String) -> Result<Tokens, Failed> {
    let unreachable =
        |why: String| Failed::Unreachable(format!("The sign-in provider could not be reached: {why}"));
    let response = Request::post(&provider.token_endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form)
        .map_err(|e| unreachable(e.to_string()))?
        .send()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| unreachable(e.to_string()))?;
    match status {
        200..=299 => serde_json::from_str(&text)
            .map_err(|_| Failed::Refused("The provider's tokens could not be read.".into())),
        400..=499 => {
            #[derive(Deserialize)]
            struct Refusal {
                error: String,
                error_description: Option<String>,
            }
            let why = serde_json::from_str::<Refusal>(&text)
                .map(|r| r.error_description.unwrap_or(r.error))
                .unwrap_or_else(|_| format!("HTTP {status}"));
            Err(Failed::Refused(format!("The provider refused the sign-in: {why}.")))
        }
        _ => Err(unreachable(format!("HTTP {status}."))),
    }
}

/// Exchanges the code `answer` brings for tokens, checked for `pending`'s sign-in.
pub async fn exchange(client: &OidcClient, pending: &Pending, answer: Answer) -> Result<Tokens, String> {
    let code = pending.code(answer, issuer(client))?;
    let provider = discover(client).await?;
    let tokens =
        grant(&provider, pending.exchange(&code, client, &redirect_uri())).await.map_err(Failed::said)?;
    let id_token = tokens
        .id_token
        .as_deref()
        .ok_or("The provider gave no ID token: check that it allows the openid scope.")?;
    check_id_token(id_token, client, Some(&pending.nonce), now_s())?;
    Ok(tokens)
}

fn now_s() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Takes `tokens` for the session: the access token signs its requests, the refresh token
/// is kept for the tab, and the access token is refreshed before it expires.
pub fn adopt(tokens: Tokens, client: &OidcClient, credential: &Credential) {
    credential.replace(Some(tokens.access_token));
    if let Some(refresh) = &tokens.refresh_token {
        prefs::tab::save(REFRESH_KEY, refresh);
    }
    HELD.with_borrow_mut(|held| held.id_token = tokens.id_token.or(held.id_token.take()));
    let after = tokens.expires_in.filter(|_| tokens.refresh_token.is_some());
    refresh_later(client, credential, after.map(|s| std::time::Duration::from_millis(refresh_after_ms(s))));
}

/// Refreshes the access token `after` this long (never, for `None`), in place of a refresh
/// planned before: one timer for the session.
fn refresh_later(client: &OidcClient, credential: &Credential, after: Option<std::time::Duration>) {
    let (client, credential) = (client.clone(), credential.clone());
    let renew = move || {
        wasm_bindgen_futures::spawn_local(async move {
            refresh(&client, &credential).await;
        })
    };
    let planned = after.and_then(|after| set_timeout_with_handle(renew, after).ok());
    HELD.with_borrow_mut(|held| {
        if let Some(earlier) = std::mem::replace(&mut held.refresh, planned) {
            earlier.clear();
        }
    });
}

/// A new access token for the tab's refresh token, taken for the session; whether there is
/// one. A refused refresh token is forgotten (the next 401 asks the user); an unreachable
/// provider is asked again in half a minute.
pub async fn refresh(client: &OidcClient, credential: &Credential) -> bool {
    let Some(refresh_token) = prefs::tab::load(REFRESH_KEY) else { return false };
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "refresh_token")
        .append_pair("refresh_token", &refresh_token)
        .append_pair("client_id", &client.client_id)
        .finish();
    let answer = match discover(client).await {
        Ok(provider) => grant(&provider, form).await,
        Err(why) => Err(Failed::Unreachable(why)),
    };
    let checked = answer.and_then(|tokens| {
        match tokens.id_token.as_deref().map(|t| check_id_token(t, client, None, now_s())) {
            Some(Err(why)) => Err(Failed::Refused(why)),
            _ => Ok(tokens),
        }
    });
    match checked {
        Ok(tokens) => {
            adopt(tokens, client, credential);
            true
        }
        Err(Failed::Refused(_)) => {
            prefs::tab::forget(REFRESH_KEY);
            false
        }
        Err(Failed::Unreachable(_)) => {
            refresh_later(client, credential, Some(std::time::Duration::from_secs(30)));
            false
        }
    }
}

/// The session's credential: an access token for the provider's answer if this page is one
/// (the redirect back, `?code=&state=`), or for the tab's refresh token, taken before
/// anything asks the backend. `None` when this window only carried the answer to the
/// console that opened it, and closes.
pub fn resume(client: OidcClient) -> LocalBoxFuture<'static, Option<Credential>> {
    let credential = Credential::new(None);
    Box::pin(async move {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let Some(answer) = super::answer(&search) else {
            refresh(&client, &credential).await;
            return Some(credential);
        };
        let origin = location.origin().unwrap_or_default();
        // Only a console of this origin opened the window to sign in (another's origin
        // cannot even be read).
        let opener = window().opener().ok().filter(|opener| {
            !opener.is_null()
                && js_sys::Reflect::get(opener, &"origin".into()).ok().and_then(|o| o.as_string()).as_ref()
                    == Some(&origin)
        });
        if let Some(opener) = opener {
            let opener: web_sys::Window = wasm_bindgen::JsCast::unchecked_into(opener);
            let _ = opener.post_message(&JsValue::from_str(&search), &origin);
            let _ = window().close();
            return None;
        }
        let pending = prefs::tab::load(PENDING_KEY).and_then(|p| serde_json::from_str::<Pending>(&p).ok());
        prefs::tab::forget(PENDING_KEY);
        // Not this tab's sign-in and no opener: a sign-in window the provider cut off from the
        // console that opened it. That console may still be waiting, on the channel.
        if !pending.as_ref().is_some_and(|p| p.is_for(&answer)) && hand_over(&search, &answer).await {
            let _ = window().close();
            // Should the browser keep the window open.
            if let Ok(Some(status)) = document().query_selector("#boot .boot-status") {
                status.set_text_content(Some(
                    "You are signed in. Close this window to go back to the console.",
                ));
            }
            return None;
        }
        // The code leaves the address at once, whatever becomes of it.
        let back = pending.as_ref().map_or("/", |p| p.return_to.as_str());
        let _ = window().history().map(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(back)));
        let taken = match &pending {
            Some(pending) => exchange(&client, pending, answer).await,
            None => {
                Err("The provider's answer does not belong to a sign-in started in this tab. Start again."
                    .into())
            }
        };
        match taken {
            Ok(tokens) => adopt(tokens, &client, &credential),
            // A stale answer (Back to it, say) while the tab is still signed in goes unsaid.
            Err(why) => {
                if !refresh(&client, &credential).await {
                    HELD.with_borrow_mut(|held| held.problem = Some(why));
                }
            }
        }
        Some(credential)
    })
}

/// How long a sign-in window waits for its console to take the answer: it answers at once if
/// it is open, and a console closed meanwhile never will.
const HAND_OVER_WAIT_MS: u32 = 2_000;

/// Says `answer` (the query it came in) on the channel of this origin's consoles; true once
/// one has taken it. A listener by hand: this runs before the console mounts, with no reactive
/// owner for leptos-use's.
async fn hand_over(search: &str, answer: &Answer) -> bool {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Ok(channel) = web_sys::BroadcastChannel::new(HAND_OVER_CHANNEL) else { return false };
    let (tell, told) = futures::channel::oneshot::channel::<()>();
    let tell = RefCell::new(Some(tell));
    let expected = taken(answer);
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        if ev.data().as_string().as_deref() == Some(expected.as_str()) {
            if let Some(tell) = tell.borrow_mut().take() {
                let _ = tell.send(());
            }
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let said = channel.post_message(&JsValue::from_str(search)).is_ok();
    let answered = said
        && matches!(
            futures::future::select(told, Box::pin(crate::api::sleep_ms(HAND_OVER_WAIT_MS))).await,
            futures::future::Either::Left((Ok(()), _))
        );
    channel.close();
    answered
}

/// Leaves the page for the provider's sign-in, to come back to where the user is.
pub fn sign_in_here(url: &str, pending: &Pending) {
    prefs::tab::save(PENDING_KEY, &serde_json::to_string(pending).unwrap_or_default());
    let _ = window().location().assign(url);
}

/// Ends the sign-in at the provider (RP-initiated logout), which sends the user back to the
/// console's root, signed out; without an end-session endpoint, starts again here.
pub fn sign_out(client: OidcClient) -> LocalBoxFuture<'static, ()> {
    Box::pin(async move {
        let id_token = HELD.with_borrow_mut(|held| held.id_token.take());
        let end = discover(&client).await.ok().and_then(|p| p.end_session_endpoint);
        let Some(end) = end else {
            let _ = window().location().reload();
            return;
        };
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("client_id", &client.client_id);
        query.append_pair("post_logout_redirect_uri", &redirect_uri());
        if let Some(id_token) = &id_token {
            query.append_pair("id_token_hint", id_token);
        }
        let separator = if end.contains('?') { '&' } else { '?' };
        let _ = window().location().assign(&format!("{end}{separator}{}", query.finish()));
    })
}
