//! The tab's title: the page shown ("Usage reports · Event Center"), written through the bell's
//! formatter so its unread count leads. One owner, so the page and the bell never overwrite
//! each other; a few lines where a head-management crate cost the first download 2 KB.

use leptos::prelude::*;

#[derive(Clone, Copy)]
struct DocumentTitle {
    page: RwSignal<String>,
    format: RwSignal<Option<Callback<String, String>>>,
}

/// Keeps `document.title` in step with the page and the formatter; once, for the console.
pub fn provide_document_title() {
    let title = DocumentTitle { page: RwSignal::new(String::new()), format: RwSignal::new(None) };
    provide_context(title);
    Effect::new(move |_| {
        let page = title.page.get();
        if !page.is_empty() {
            let text = match title.format.get() {
                Some(format) => format.run(page),
                None => page,
            };
            document().set_title(&text);
        }
    });
}

/// Names the page shown in the tab's title.
#[component]
pub fn Title(text: String) -> impl IntoView {
    if let Some(title) = use_context::<DocumentTitle>() {
        title.page.set(text);
    }
}

/// Writes every page's title through `format` (signals it reads are followed).
pub fn format_titles(format: Callback<String, String>) {
    if let Some(title) = use_context::<DocumentTitle>() {
        title.format.set(Some(format));
    }
}
