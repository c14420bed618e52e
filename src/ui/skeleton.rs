//! The shape of a list while its first page loads: grey rows where the rows will be.

use leptos::prelude::*;

/// Eight placeholder rows, announced as `label` ("Loading events").
#[component]
pub fn Skeleton(label: &'static str) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-label=label>
            {(0..8).map(|_| view! { <div class="skeleton-row"></div> }).collect_view()}
        </div>
    }
}
