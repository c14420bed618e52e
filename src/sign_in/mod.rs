//! Signing in to a real backend (the README's "Signing in"): with the platform's own sign-in
//! page and its session cookie, with an OpenID Connect provider (`oidc`), or with a personal
//! token (for development backends), kept for the tab (`sessionStorage`), never in
//! `config.json`. The backend says when a sign-in is needed: a 401 opens the sign-in dialog over
//! the page. Before anything was loaded it stands for the whole page, and signing in loads the
//! page; when the session has ended, signing in again goes on in place, so what is on screen (a
//! half-filled form) stays and every read or save that failed for it is sent again.

mod dialog;
pub mod oidc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use crate::api::Credential;
use crate::config::{OidcClient, SignInMethod};
use crate::session::{use_session, Session};
use crate::ui::prefs;
use crate::ui::split::{lazy, split, ChunkUnavailable};
use dialog::SignInDialog;

/// Where the tab keeps its token.
pub const TOKEN_KEY: &str = "event-center.token";

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
    /// The sign-in to a real backend with `credential`: a refusal of it asks the user to sign in.
    pub fn start(credential: &Credential) -> SignIn {
        let sign_in = SignIn { asking: RwSignal::new(false), renewals: RwSignal::new(0) };
        credential.on_refused(move || sign_in.ask());
        sign_in
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

/// The credential for a real backend signed in with a token or the platform's cookie: the
/// tab's token, or none held.
pub fn credential(method: &SignInMethod) -> Credential {
    match method {
        SignInMethod::Session { .. } => Credential::session_cookie(),
        _ => Credential::new(prefs::tab::load(TOKEN_KEY)),
    }
}

/// The credential for a provider's sign-in, made before the console mounts: an access token
/// for its answer, if this page is one, or for the tab's refresh token. `None` when this window
/// only carried the provider's answer back to the console that opened it, and closes.
pub fn resume(client: OidcClient) -> LocalBoxFuture<'static, Option<Credential>> {
    Box::pin(async move {
        match sign_in_chunk(Asked::Resume(client)).await {
            Ok(Given::Resuming(resuming)) => resuming.await,
            // Without its chunk the console goes on signed out, and the dialog says why.
            _ => Some(Credential::new(None)),
        }
    })
}

/// What the sign-in chunk is asked for. Everything of signing in that can wait is in that one
/// chunk, reached through one function: code two chunks share goes to the first download.
enum Asked {
    Dialog,
    Resume(OidcClient),
    SignOut(OidcClient),
}

enum Given {
    Dialog(AnyView),
    Resuming(LocalBoxFuture<'static, Option<Credential>>),
    Leaving(LocalBoxFuture<'static, ()>),
}

split! {
    fn sign_in_chunk(asked: Asked) -> Given {
        match asked {
            Asked::Dialog => Given::Dialog(view! { <SignInDialog /> }.into_any()),
            Asked::Resume(client) => Given::Resuming(oidc::resume(client)),
            Asked::SignOut(client) => Given::Leaving(oidc::sign_out(client)),
        }
    }
}

/// Forgets the token and everything kept for the tab but the tab's choice of backend (drafts
/// too: the next user of the tab does not see them), then starts again signed out: at the
/// platform's sign-out page or the provider's, which end their sessions, or here.
pub fn sign_out(session: Session) {
    prefs::tab::forget_all_but(crate::config::TAB_OVERRIDE_PREFIX);
    let location = window().location();
    let _ = match session.sign_in_method() {
        SignInMethod::Session { sign_out_url, .. } => location.assign(&sign_out_url),
        SignInMethod::Token => location.reload(),
        SignInMethod::Oidc(client) => {
            leptos::task::spawn_local(async move {
                match sign_in_chunk(Asked::SignOut(client)).await {
                    Ok(Given::Leaving(leaving)) => leaving.await,
                    _ => drop(window().location().reload()),
                }
            });
            Ok(())
        }
    };
}

/// The sign-in dialog, once a request asks for it; its code is fetched then.
#[component]
pub fn SignInWhenAsked() -> impl IntoView {
    let sign_in = use_session().sign_in;
    move || sign_in.is_some_and(|s| s.asking.get()).then(|| lazy(sign_in_dialog))
}

async fn sign_in_dialog() -> Result<AnyView, ChunkUnavailable> {
    match sign_in_chunk(Asked::Dialog).await? {
        Given::Dialog(dialog) => Ok(dialog),
        _ => Err(ChunkUnavailable),
    }
}
