//! Signing in to a real backend (the README's "Signing in"): with the platform's own sign-in
//! page and its session cookie, or with a personal token (for development backends), kept for the
//! tab (`sessionStorage`), never in `config.json`. The backend says when a sign-in is needed: a
//! 401 opens the sign-in dialog over the page. Before anything was loaded it stands for the whole
//! page, and signing in loads the page; when the session has ended, signing in again goes on in
//! place, so what is on screen (a half-filled form) stays and every read or save that failed for
//! it is sent again.

use leptos::html;
use leptos::prelude::*;

use crate::api::{ApiError, Client, Credential, RetryPolicy, Transport};
use crate::config::SignInMethod;
use crate::session::{use_client, use_me, use_session, Session};
use crate::ui::form::Save;
use crate::ui::prefs;
use crate::ui::split::{lazy, split};

/// Where the tab keeps its token.
pub const TOKEN_KEY: &str = "event-center.token";

const FIELD: &str = "sign-in-token";

/// The session's sign-in to a real backend; the credential itself is the client's.
#[derive(Clone, Copy)]
pub struct SignIn {
    /// The dialog is open: the backend refused the session's credential, or there is none.
    pub asking: RwSignal<bool>,
    /// Counts the times the user signed in again in place; a read or save waiting for it is
    /// sent again.
    pub renewals: RwSignal<u32>,
}

impl SignIn {
    /// The sign-in and the credential for a real backend, with the tab's token if it has one; a
    /// refusal of it asks the user to sign in.
    pub fn start(method: &SignInMethod) -> (SignIn, Credential) {
        let credential = match method {
            SignInMethod::Token => Credential::new(prefs::tab::load(TOKEN_KEY)),
            SignInMethod::Session { .. } => Credential::session_cookie(),
        };
        let sign_in = SignIn { asking: RwSignal::new(false), renewals: RwSignal::new(0) };
        credential.on_refused(move || sign_in.ask());
        (sign_in, credential)
    }

    /// Opens the dialog, unless it is open: every request refused meanwhile asks again, and the
    /// open dialog, with what is typed in it, stays.
    pub fn ask(self) {
        if !self.asking.get_untracked() {
            self.asking.set(true);
        }
    }
}

/// Runs `again` once the user has signed in again (on a real backend; the mock has no sign-in):
/// what a 401 stopped, a read or a save, goes on by itself. Whether it will.
pub fn again_once_signed_in(again: Callback<()>) -> bool {
    let Some(sign_in) = use_context::<Session>().and_then(|s| s.sign_in) else { return false };
    // Compared with the count now: an Effect made in a lazily loaded view runs its first pass late.
    let failed_at = sign_in.renewals.get_untracked();
    Effect::new(move |_| {
        if sign_in.renewals.get() != failed_at {
            again.run(());
        }
    });
    true
}

/// Forgets the token and everything kept for the tab but the tab's choice of backend (drafts
/// too: the next user of the tab does not see them), then starts again signed out: at the
/// platform's sign-out page, which ends its session, or here.
pub fn sign_out(session: Session) {
    prefs::tab::forget_all_but(crate::config::TAB_OVERRIDE_PREFIX);
    let location = window().location();
    let _ = match session.sign_in_method() {
        SignInMethod::Session { sign_out_url, .. } => location.assign(&sign_out_url),
        SignInMethod::Token => location.reload(),
    };
}

/// The sign-in dialog, once a request asks for it; its code is fetched then.
#[component]
pub fn SignInWhenAsked() -> impl IntoView {
    let sign_in = use_session().sign_in;
    move || sign_in.is_some_and(|s| s.asking.get()).then(|| lazy(sign_in_dialog))
}

split! {
    fn sign_in_dialog() -> AnyView {
        view! { <SignInDialog /> }.into_any()
    }
}

#[component]
fn SignInDialog() -> impl IntoView {
    let session = use_session();
    let sign_in = session.sign_in?;
    let client = use_client();
    let (base_url, credential) = client.http_backend()?;
    let (base_url, credential) = (base_url.to_string(), credential.clone());
    // Before anything was loaded, nothing on the page is worth keeping: the dialog stands for it.
    let first = use_me().get_untracked().is_none();
    let method = session.sign_in_method();
    let dialog = NodeRef::<html::Dialog>::new();
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
    };
    let title = if first { "Sign in to Event Center" } else { "Your session has ended" };
    let step = Step { session, sign_in, first, base_url: base_url.clone(), dialog };
    let form = match method {
        SignInMethod::Token => view! { <TokenForm step credential /> }.into_any(),
        SignInMethod::Session { url, .. } => view! { <SessionForm step url /> }.into_any(),
    };
    Some(view! {
        <link rel="stylesheet" href="/lazy/sign-in.css" on:load=move |_| open() on:error=move |_| open() />
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
