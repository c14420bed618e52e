//! The sign-in dialog: what it says, and a form for each way of signing in.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use leptos_use_event_listener::use_event_listener;

use super::{oidc, sign_out, SignIn, TOKEN_KEY};
use crate::api::{ApiError, Client, Credential, RetryPolicy, Transport};
use crate::config::{OidcClient, SignInMethod};
use crate::session::{use_client, use_me, use_session, Session};
use crate::ui::form::Save;
use crate::ui::prefs;

const FIELD: &str = "sign-in-token";

#[component]
pub(super) fn SignInDialog() -> impl IntoView {
    let session = use_session();
    let sign_in = session.sign_in?;
    let client = use_client();
    let (base_url, credential) = client.http_backend()?;
    let (base_url, credential) = (base_url.to_string(), credential.clone());
    // Before anything was loaded, nothing on the page is worth keeping: the dialog stands for it.
    let first = use_me().get_untracked().is_none();
    let method = session.sign_in_method();
    let dialog = NodeRef::<html::Dialog>::new();
    // A provider's refresh token may still be taken: then the session goes on without a word.
    let shown = RwSignal::new(true);
    if let (SignInMethod::Oidc(client), false) = (&method, first) {
        if prefs::tab::load(oidc::REFRESH_KEY).is_some() {
            shown.set(false);
            let (client, credential) = (client.clone(), credential.clone());
            leptos::task::spawn_local(async move {
                if oidc::refresh(&client, &credential).await {
                    sign_in.asking.set(false);
                    sign_in.renewals.update(|n| *n += 1);
                } else {
                    shown.set(true);
                }
            });
        }
    }
    // Opened once its stylesheet is here (a closed dialog is not drawn), so that it shows
    // styled and its field takes focus.
    let open = move || {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let says = match (&method, first) {
        (SignInMethod::Token, true) => "It needs a personal token. The console keeps it for this tab only.",
        (SignInMethod::Token, false) => {
            "The backend no longer accepts your token. Sign in again to go on: what you were doing stays as it was."
        }
        (SignInMethod::Session { .. }, true) => {
            "Sign in on the platform's sign-in page, which opens in a new tab, then come back and choose Continue."
        }
        (SignInMethod::Session { .. }, false) => {
            "Sign in again on the platform's sign-in page, which opens in a new tab, then choose Continue: what you were doing stays as it was."
        }
        (SignInMethod::Oidc(_), true) => "Sign in with your account at the sign-in provider.",
        (SignInMethod::Oidc(_), false) => {
            "Sign in again at the sign-in provider, in a window that opens over this one: what you were doing stays as it was."
        }
    };
    let title = if first { "Sign in to Event Center" } else { "Your session has ended" };
    let step = Step { session, sign_in, first, base_url: base_url.clone(), dialog };
    let form = match method {
        SignInMethod::Token => view! { <TokenForm step credential /> }.into_any(),
        SignInMethod::Session { url, .. } => view! { <SessionForm step url /> }.into_any(),
        SignInMethod::Oidc(client) => view! { <OidcForm step credential client /> }.into_any(),
    };
    Some(view! {
        {move || {
            shown
                .get()
                .then(|| {
                    view! {
                        <link
                            rel="stylesheet"
                            href="/lazy/sign-in.css"
                            on:load=move |_| open()
                            on:error=move |_| open()
                        />
                    }
                })
        }}
        <dialog
            node_ref=dialog
            class="confirm sign-in"
            class:sign-in-first=first
            aria-labelledby="sign-in-title"
            on:cancel=move |ev: web_sys::Event| {
                if first {
                    ev.prevent_default();
                }
            }
            on:close=move |_| sign_in.asking.set(false)
        >
            <h2 id="sign-in-title">{title}</h2>
            <p>"The backend at " <code>{base_url}</code> " asks who you are. " {says}</p>
            {form}
        </dialog>
    })
}

/// Where a sign-in goes on once the backend takes it.
#[derive(Clone)]
struct Step {
    session: Session,
    sign_in: SignIn,
    /// Nothing was loaded yet: a sign-in loads the page.
    first: bool,
    base_url: String,
    dialog: NodeRef<html::Dialog>,
}

impl Step {
    /// Closed as a dialog is, so that focus goes back to where it was (the button that saved). A
    /// check may end after the dialog went ("Not now"): then there is nothing to close.
    fn close(&self) {
        if let Some(Some(dialog)) = self.dialog.try_get_untracked() {
            dialog.close();
        }
    }

    /// Checks `credential` with the backend (`GET /me`); if it is taken, `keep` keeps it and the
    /// console goes on: the page loads, or, signing in again, the dialog closes and every read
    /// and save that waited is sent again.
    async fn check(self, credential: Credential, keep: impl FnOnce()) -> Result<(), ApiError> {
        let transport = Transport::Http { base_url: self.base_url.clone(), credential };
        Client::new(transport, RetryPolicy { attempts: 1, first_delay_ms: 0 }).me().await?;
        keep();
        if self.first {
            let _ = window().location().reload();
        } else {
            self.close();
            self.sign_in.renewals.update(|n| *n += 1);
        }
        Ok(())
    }

    /// What a failed check says; `refused` is for a 401.
    fn problem(answer: Option<Result<(), ApiError>>, refused: &str) -> Option<String> {
        match answer? {
            Ok(()) => None,
            Err(ApiError::Unauthorized(_)) => Some(refused.into()),
            Err(ApiError::Network(_)) => Some(
                "The backend could not be reached to check your sign-in. Check the connection, then try again."
                    .into(),
            ),
            Err(error) => Some(format!("Your sign-in could not be checked. {error}")),
        }
    }

    /// What the last check said, with `error_id`; then Sign out and Not now, when signing in
    /// again, and `primary`.
    fn end(
        &self,
        error_id: &'static str,
        problem: impl Fn() -> Option<String> + Send + 'static,
        primary: impl IntoView,
    ) -> impl IntoView {
        let (session, step) = (self.session, self.clone());
        let others = (!self.first).then(|| {
            view! {
                <button type="button" class="button button-secondary" on:click=move |_| sign_out(session)>
                    "Sign out"
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| step.close()>
                    "Not now"
                </button>
            }
        });
        view! {
            <p id=error_id class="field-error" role="alert">
                {problem}
            </p>
            <div class="form-actions">{others} {primary}</div>
        }
    }
}

/// The token field: checked with the backend before it replaces anything.
#[component]
fn TokenForm(step: Step, credential: Credential) -> impl IntoView {
    let token = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let save = {
        let step = step.clone();
        Save::new(move |token: &String| {
            let (token, session) = (token.clone(), credential.clone());
            step.clone().check(Credential::new(Some(token.clone())), move || {
                prefs::tab::save(TOKEN_KEY, &token);
                session.replace(Some(token));
            })
        })
    };
    let submit = move || {
        let typed = token.get_untracked().trim().to_string();
        empty.set(typed.is_empty());
        if !typed.is_empty() {
            save.submit(typed);
        }
    };
    let problem = move || {
        if empty.get() {
            return Some("Enter your token.".to_string());
        }
        Step::problem(
            save.answer(),
            "The backend refused this token: it is wrong, expired or revoked. Check it, or make a new one.",
        )
    };
    let invalid = move || problem().is_some();
    let sign_in = view! {
        <button type="submit" class="button" disabled=move || save.pending()>
            {move || if save.pending() { "Checking…" } else { "Sign in" }}
        </button>
    };
    view! {
        <form
            class="sign-in-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label class="field">
                <span class="field-label">"Personal token"</span>
                <input
                    id=FIELD
                    type="password"
                    autocomplete="off"
                    autofocus
                    aria-invalid=move || invalid().to_string()
                    aria-describedby="sign-in-token-error"
                    bind:value=token
                />
            </label>
            {step.end("sign-in-token-error", problem, sign_in)}
        </form>
    }
}

/// The platform's sign-in page, in a new tab; Continue checks that the session is there.
#[component]
fn SessionForm(step: Step, url: String) -> impl IntoView {
    let save = {
        let step = step.clone();
        Save::new(move |(): &()| step.clone().check(Credential::session_cookie(), || ()))
    };
    let problem = move || {
        Step::problem(
            save.answer(),
            "You are not signed in yet. Sign in on the platform's sign-in page, then choose Continue.",
        )
    };
    let go_on = view! {
        <button
            type="button"
            class="button"
            disabled=move || save.pending()
            on:click=move |_| save.submit(())
        >
            {move || if save.pending() { "Checking…" } else { "Continue" }}
        </button>
    };
    view! {
        <div class="sign-in-form">
            <a
                class="button button-secondary"
                id="sign-in-page"
                href=url
                target="_blank"
                rel="noopener"
                autofocus
            >
                "Open the sign-in page"
                <span class="visually-hidden">" (opens in a new tab)"</span>
            </a>
            {step.end("sign-in-session-error", problem, go_on)}
        </div>
    }
}

/// The provider's sign-in: before anything was loaded, in place of the page, which comes back
/// signed in; signing in again, in a window of its own, whose answer the console takes here.
#[component]
fn OidcForm(step: Step, credential: Credential, client: OidcClient) -> impl IntoView {
    let provider = LocalResource::new({
        let client = client.clone();
        move || {
            let client = client.clone();
            async move { oidc::discover(&client).await }
        }
    });
    // Why the last sign-in failed: the one that brought this page back, at first.
    let problem = RwSignal::new(oidc::take_problem());
    // The sign-in whose window is open.
    let waiting = StoredValue::new_local(None::<oidc::Pending>);
    let checking = RwSignal::new(false);
    let take = {
        let (step, client) = (step.clone(), client.clone());
        move |pending: oidc::Pending, answer: oidc::Answer| {
            let (step, client, credential) = (step.clone(), client.clone(), credential.clone());
            checking.set(true);
            leptos::task::spawn_local(async move {
                let said = match oidc::exchange(&client, &pending, answer).await {
                    Err(why) => Some(why),
                    Ok(tokens) => {
                        let access = Credential::new(Some(tokens.access_token().to_string()));
                        let checked =
                            step.check(access, move || oidc::adopt(tokens, &client, &credential)).await;
                        Step::problem(
                            Some(checked),
                            "The backend refused your sign-in: your account has no access to it.",
                        )
                    }
                };
                // The dialog may have closed: signed in, or "Not now".
                problem.try_set(said);
                checking.try_set(false);
            });
        }
    };
    // The sign-in window hands over the provider's answer (the query it came back with), if it
    // answers the sign-in this dialog waits for; what it says the console has taken.
    let hand_in = move |data: JsValue| -> Option<String> {
        let answer = data.as_string().as_deref().and_then(oidc::answer)?;
        let pending = waiting.get_value().filter(|pending| pending.is_for(&answer))?;
        let taken = oidc::taken(&answer);
        waiting.set_value(None);
        take(pending, answer);
        Some(taken)
    };
    let _ = use_event_listener(window(), leptos::ev::message, {
        let hand_in = hand_in.clone();
        move |ev| {
            if window().location().origin().ok() == Some(ev.origin()) {
                hand_in(ev.data());
            }
        }
    });
    // Or, cut off from this page by the provider, on the channel; it closes once told.
    if let Ok(channel) = web_sys::BroadcastChannel::new(oidc::HAND_OVER_CHANNEL) {
        let _ = use_event_listener(channel.clone(), leptos::ev::message, {
            let channel = channel.clone();
            move |ev| {
                if let Some(taken) = hand_in(ev.data()) {
                    let _ = channel.post_message(&JsValue::from_str(&taken));
                }
            }
        });
        let channel = send_wrapper::SendWrapper::new(channel);
        on_cleanup(move || channel.close());
    }
    let first = step.first;
    let provider_name = client.display_name().to_string();
    // Not disabled while the provider is asked for its endpoints, so that it takes focus as the
    // dialog opens; a click meanwhile does nothing.
    let start = move || {
        let provider = match provider.get_untracked() {
            Some(Ok(provider)) => provider,
            Some(Err(_)) => return provider.refetch(),
            None => return,
        };
        let pending = oidc::pending();
        let url = pending.authorization_url(&provider, &client, &oidc::redirect_uri());
        if first {
            return oidc::sign_in_here(&url, &pending);
        }
        match window().open_with_url_and_target_and_features(
            &url,
            "event-center-sign-in",
            "popup,width=520,height=680",
        ) {
            Ok(Some(_)) => {
                problem.set(None);
                waiting.set_value(Some(pending));
            }
            _ => problem.set(Some(
                "Your browser blocked the sign-in window. Allow pop-ups for this site, then try again."
                    .into(),
            )),
        }
    };
    let said = move || problem.get().or_else(|| provider.get().and_then(Result::err));
    let go = view! {
        <button
            type="button"
            class="button"
            id="sign-in-provider"
            autofocus
            disabled=move || checking.get()
            on:click=move |_| start()
        >
            {move || {
                if checking.get() || provider.get().is_none() {
                    "Checking…".to_string()
                } else {
                    format!("Sign in with {provider_name}")
                }
            }}
        </button>
    };
    view! { <div class="sign-in-form">{step.end("sign-in-provider-error", said, go)}</div> }
}
