//! The designed state of a read that failed: one for each way it can fail (session ended, no
//! permission, invalid input, rate limited, unreachable, server error, unexpected answer), each
//! with its way forward. Every screen, drawer and panel shows its failures with it. Its code is a
//! chunk of its own: a page's first rows do without it.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::session::Session;
use crate::sign_in::again_once_signed_in;
use crate::ui::split::{lazy, split};

/// What a failed read was of, to say so in the state.
#[derive(Clone, Copy)]
pub struct Subject {
    /// A noun phrase: "events", "notifications", "this event".
    pub what: &'static str,
    /// The sentence for a failure with no state of its own: "The events could not be loaded."
    pub failed: &'static str,
    /// The capability that reads it, named when the user lacks it.
    pub capability: &'static str,
    /// What the user chose that the read carries ("filters"), named when the backend refuses it.
    pub choices: &'static str,
    /// What a 404 means for a read of one thing, which may have been deleted or never have
    /// existed ("There is no such trigger."). `None` for a collection: its 404 means the
    /// backend does not offer it.
    pub missing: Option<&'static str>,
}

/// A failed read and what it was of. A page that reads several things at once (a form's trigger,
/// event types and profiles) names the one that failed, with the capability that one needs.
#[derive(Clone)]
pub struct FailedRead {
    pub subject: &'static Subject,
    pub error: ApiError,
}

/// `client.gateways().await.of(&GATEWAYS)?`: a read's error, told what it was of.
pub trait ReadOf<T> {
    fn of(self, subject: &'static Subject) -> Result<T, FailedRead>;
}

impl<T> ReadOf<T> for Result<T, ApiError> {
    fn of(self, subject: &'static Subject) -> Result<T, FailedRead> {
        self.map_err(|error| FailedRead { subject, error })
    }
}

#[component]
pub fn Failure(
    error: ApiError,
    subject: Subject,
    /// Sends the read again; offered where another try can help.
    #[prop(optional)]
    retry: Option<Callback<()>>,
    /// A way out of input the backend refused (a 422), such as clearing the filters.
    #[prop(optional)]
    reset: Option<(&'static str, Callback<()>)>,
) -> impl IntoView {
    lazy(move || failure_state(error.clone(), subject, retry, reset))
}

split! {
    fn failure_state(
        error: ApiError,
        subject: Subject,
        retry: Option<Callback<()>>,
        reset: Option<(&'static str, Callback<()>)>,
    ) -> AnyView {
        failure_view(error, subject, retry, reset).into_any()
    }
}

fn failure_view(
    error: ApiError,
    subject: Subject,
    retry: Option<Callback<()>>,
    reset: Option<(&'static str, Callback<()>)>,
) -> impl IntoView {
    let Subject { what, failed, capability, choices, missing } = subject;
    let sign_in = use_context::<Session>().and_then(|s| s.sign_in);
    let retry_button = move || {
        retry.map(|retry| {
            view! {
                <button type="button" class="button" on:click=move |_| retry.run(())>
                    "Retry"
                </button>
            }
        })
    };
    let (title, hint, action): (String, String, Option<AnyView>) = match &error {
        ApiError::Unauthorized(_) => {
            if let Some(retry) = retry {
                again_once_signed_in(retry);
            }
            (
                "Your session has ended.".into(),
                "Sign in again; what you chose is kept.".into(),
                Some(
                    view! {
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| match sign_in {
                                Some(sign_in) => sign_in.ask(),
                                None => {
                                    let _ = window().location().reload();
                                }
                            }
                        >
                            "Sign in again"
                        </button>
                    }
                    .into_any(),
                ),
            )
        }
        ApiError::Forbidden(_) => (
            format!("You do not have permission to see {what}."),
            format!("Ask an administrator for the {capability} capability."),
            None,
        ),
        ApiError::NotFound(_) => (
            missing.map_or_else(|| format!("The backend does not know {what}."), String::from),
            error.to_string(),
            None,
        ),
        ApiError::Invalid(problem) => (
            format!("These {choices} are not valid."),
            problem
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
            reset.map(|(label, reset)| {
                view! {
                    <button type="button" class="button" on:click=move |_| reset.run(())>
                        {label}
                    </button>
                }
                .into_any()
            }),
        ),
        ApiError::RateLimited { retry_after_seconds, .. } => (
            "Too many requests right now.".into(),
            retry_after_seconds
                .map_or("Wait a moment, then retry.".into(), |s| format!("Retry in {s} seconds.")),
            retry_button().map(IntoAny::into_any),
        ),
        ApiError::Network(_) => (
            "The backend could not be reached.".into(),
            "Check the connection; nothing you chose is lost.".into(),
            retry_button().map(IntoAny::into_any),
        ),
        _ => (failed.into(), error.to_string(), retry_button().map(IntoAny::into_any)),
    };
    view! {
        <div class="state state-error" role="alert">
            <p>
                <strong>{title}</strong>
            </p>
            <p class="muted">{hint}</p>
            {action}
        </div>
    }
}
