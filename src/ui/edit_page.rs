//! The page of a form on something loaded first (a trigger, a forwarder): its title and the way
//! back to its section, then a skeleton, the designed failure with Retry, or the form.

use leptos::prelude::*;

use super::split::LazyStyles;
use super::{page_title, FailedRead, Failure, ReadOf, Skeleton, Subject, Title};
use crate::api::ApiError;

#[component]
pub fn EditPage<T, F>(
    /// "Edit trigger", "New forwarder".
    title: &'static str,
    /// The section's name and address: the way back.
    section: (&'static str, String),
    /// The feature's stylesheet.
    styles: &'static str,
    /// What the skeleton says while loading: "Loading the trigger".
    loading: &'static str,
    /// What the form is on, or which of its reads failed.
    loaded: LocalResource<Result<T, FailedRead>>,
    /// The form on what was loaded, given a way to load it again.
    form: F,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T, Callback<()>) -> AnyView + Send + Sync + 'static,
{
    let (label, href) = section;
    let reload = Callback::new(move |()| loaded.refetch());
    view! {
        <Title text=page_title(title) />
        <LazyStyles href=styles>
            <p class="muted">
                <a href=href>{label}</a>
                {format!(" / {title}")}
            </p>
            <h1>{title}</h1>
            {move || match loaded.get() {
                None => view! { <Skeleton label=loading /> }.into_any(),
                Some(Err(FailedRead { subject, error })) => {
                    view! { <Failure error subject=*subject retry=reload /> }.into_any()
                }
                Some(Ok(ready)) => form(ready, reload),
            }}
        </LazyStyles>
    }
}

/// What a form edits: nothing for a new one, else the one `read` reads, a failure told as the
/// `subject`'s. Asked beside the form's other reads.
pub async fn editing<T>(
    id: Option<String>,
    read: impl AsyncFnOnce(String) -> Result<T, ApiError>,
    subject: &'static Subject,
) -> Result<Option<T>, FailedRead> {
    match id {
        Some(id) => read(id).await.of(subject).map(Some),
        None => Ok(None),
    }
}
