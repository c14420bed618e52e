//! A dashboard card: a titled panel that loads on its own. While loading it holds a skeleton
//! of its final size (nothing moves when the data arrives); a failure shows in the card, with
//! Retry, and leaves the other cards as they are.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::ui::{Failure, Subject};

#[component]
pub fn Card<T, F, V>(
    title: &'static str,
    /// The body's size class (`card-tiles`, `card-chart`, `card-list`, `card-rows`), which the skeleton shares.
    size: &'static str,
    data: LocalResource<Result<T, ApiError>>,
    subject: Subject,
    render: F,
    /// Controls for the card's header, such as a choice of interval.
    #[prop(optional, into)]
    actions: Option<ViewFn>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let id = format!("card-{}", title.to_ascii_lowercase().replace(|c: char| !c.is_alphanumeric(), "-"));
    let heading = id.clone();
    let loading = move || data.with(Option::is_none);
    let body = move || match data.get() {
        None => view! { <div class="card-skeleton" aria-hidden="true"></div> }.into_any(),
        Some(Err(error)) => {
            view! { <Failure error subject retry=Callback::new(move |()| data.refetch()) /> }.into_any()
        }
        Some(Ok(value)) => render(value).into_any(),
    };
    view! {
        <section class=format!("card {size}") aria-labelledby=heading aria-busy=move || loading().to_string()>
            <header class="card-head">
                <h2 id=id>{title}</h2>
                {actions.map(|a| a.run())}
            </header>
            <div class="card-body">{body}</div>
        </section>
    }
}
