use leptos::prelude::*;

use crate::ui::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::EVENTS;
use crate::ui::page_title;

#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <Title text=page_title("Page not found") />
        <h1>"Page not found"</h1>
        <p class="lead">"There is no page at " <code>{path}</code> "."</p>
        <p>
            <A href=EVENTS.href()>"Go to the event table"</A>
        </p>
    }
}
