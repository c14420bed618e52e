//! Signing in to a real backend with a personal token (for development backends; the README's
//! "Signing in"). The token is kept for the tab (`sessionStorage`), never in `config.json`. The
//! backend says when one is needed: a 401 opens the sign-in dialog over the page. With no token
//! yet it stands for the whole page, and signing in loads the page; when the session has ended,
//! signing in again replaces the token in place, so what is on screen (a half-filled form) stays
//! and every read that failed for it is sent again.

use leptos::html;
use leptos::prelude::*;

use crate::api::{ApiError, Client, Credential, RetryPolicy, Transport};
use crate::session::use_client;
use crate::ui::form::Save;
use crate::ui::prefs;
use crate::ui::split::{lazy, split};

/// Where the tab keeps its token.
pub const TOKEN_KEY: &str = "event-center.token";

const FIELD: &str = "sign-in-token";

/// The session's sign-in to a real backend; the credential itself is the client's.
#[derive(Clone, Copy)]
pub struct SignIn {
    /// The dialog is open: the backend refused the session's token, or there is none.
    pub asking: RwSignal<bool>,
    /// Counts the times the user signed in again in place; a read waiting for it is sent again.
    pub renewals: RwSignal<u32>,
}

impl SignIn {
    /// The credential for a real backend, with the tab's token if it has one; a refusal of it
    /// asks the user to sign in.
    pub fn provide() -> Credential {
        let credential = Credential::new(prefs::tab::load(TOKEN_KEY));
        let sign_in = SignIn { asking: RwSignal::new(false), renewals: RwSignal::new(0) };
        credential.on_refused(move || sign_in.ask());
        provide_context(sign_in);
        credential
    }

    /// Opens the dialog, unless it is open: every request refused meanwhile asks again, and the
    /// open dialog, with what is typed in it, stays.
    pub fn ask(self) {
        if !self.asking.get_untracked() {
            self.asking.set(true);
        }
    }
}

/// Forgets the token and everything kept for the tab but the tab's choice of backend (drafts
/// too: the next user of the tab does not see them), then starts again signed out.
pub fn sign_out() {
    prefs::tab::forget_all_but(crate::config::TAB_OVERRIDE_PREFIX);
    let _ = window().location().reload();
}

/// The sign-in dialog, once a request asks for it; its code is fetched then.
#[component]
pub fn SignInWhenAsked() -> impl IntoView {
    let sign_in = use_context::<SignIn>();
    move || sign_in.is_some_and(|s| s.asking.get()).then(|| lazy(sign_in_dialog))
}

split! {
    fn sign_in_dialog() -> AnyView {
        view! { <SignInDialog /> }.into_any()
    }
}

#[component]
fn SignInDialog() -> impl IntoView {
    let sign_in = expect_context::<SignIn>();
    let client = use_client();
    let (base_url, credential) = client.http_backend()?;
    let (base_url, credential) = (base_url.to_string(), credential.clone());
    // Without a token yet, nothing on the page is worth keeping: the dialog stands for the page.
    let first = credential.token().is_none();
    let dialog = NodeRef::<html::Dialog>::new();
    // Opened once its stylesheet is here (a closed dialog is not drawn), so that it shows
    // styled and its field takes focus.
    let open = move || {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let (title, says) = if first {
        ("Sign in to Event Center", "It needs a personal token. The console keeps it for this tab only.")
    } else {
        (
            "Your session has ended",
            "The backend no longer accepts your token. Sign in again to go on: what you were doing stays as it was.",
        )
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
            <p>"The backend at " <code>{base_url.clone()}</code> " asks who you are. " {says}</p>
            <TokenForm sign_in first base_url credential dialog />
        </dialog>
    })
}

/// The token field: checked with the backend (`GET /me`) before it replaces anything.
#[component]
fn TokenForm(
    sign_in: SignIn,
    /// No token yet: a sign-in loads the page.
    first: bool,
    base_url: String,
    credential: Credential,
    dialog: NodeRef<html::Dialog>,
) -> impl IntoView {
    // Closed as a dialog is, so that focus goes back to where it was (the button that saved). A
    // check may end after the dialog went ("Not now"): then there is nothing to close.
    let close = move || {
        if let Some(Some(dialog)) = dialog.try_get_untracked() {
            dialog.close();
        }
    };
    let token = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let save = Save::new(move |token: &String| {
        let (token, base_url, session) = (token.clone(), base_url.clone(), credential.clone());
        async move {
            let check = Client::new(
                Transport::Http { base_url, credential: Credential::new(Some(token.clone())) },
                RetryPolicy { attempts: 1, first_delay_ms: 0 },
            );
            check.me().await?;
            prefs::tab::save(TOKEN_KEY, &token);
            if first {
                let _ = window().location().reload();
            } else {
                session.replace(Some(token));
                close();
                sign_in.renewals.update(|n| *n += 1);
            }
            Ok(())
        }
    });
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
        match save.answer()? {
            Ok(()) => None,
            Err(ApiError::Unauthorized(_)) => Some(
                "The backend refused this token: it is wrong, expired or revoked. Check it, or make a new one."
                    .into(),
            ),
            Err(ApiError::Network(_)) => Some(
                "The backend could not be reached to check this token. Check the connection, then try again."
                    .into(),
            ),
            Err(error) => Some(format!("The token could not be checked. {error}")),
        }
    };
    let invalid = move || problem().is_some();
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
            <p id="sign-in-token-error" class="field-error" role="alert">
                {problem}
            </p>
            <div class="form-actions">
                {(!first)
                    .then(|| {
                        view! {
                            <button type="button" class="button button-secondary" on:click=|_| sign_out()>
                                "Sign out"
                            </button>
                            <button type="button" class="button button-secondary" on:click=move |_| close()>
                                "Not now"
                            </button>
                        }
                    })} <button type="submit" class="button" disabled=move || save.pending()>
                    {move || if save.pending() { "Checking…" } else { "Sign in" }}
                </button>
            </div>
        </form>
    }
}
