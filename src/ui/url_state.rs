//! A page's view (its filters, its choices) lives in its URL: copy the link, reload, press
//! Back, and the page is the same. The URL is the view's only owner; controls write it there.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// A change of view: the new view, and whether it replaces the current history entry
/// (typing) rather than adding one (a discrete choice, which Back should undo).
pub type SetView<V> = Callback<(V, bool)>;

/// The address of `path` showing the view written as `query`.
pub fn href(path: &str, query: String) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// A path segment as it was before it was written into an address (`%2F` is `/` again).
pub fn decoded(segment: &str) -> String {
    js_sys::decode_uri_component(segment)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| segment.to_string())
}

/// The view in the URL of the page at `path`, and the way to change it.
pub fn use_url_view<V>(
    path: String,
    from_query: fn(&str) -> V,
    to_query: fn(&V) -> String,
) -> (Memo<V>, SetView<V>)
where
    V: Clone + PartialEq + Send + Sync + 'static,
{
    let location = use_location();
    let navigate = use_navigate();
    let here = path.clone();
    // Only this page's addresses: navigating away changes the URL before the page is gone, and
    // another page's query is no view of this one.
    let view = Memo::new(move |previous: Option<&V>| match previous {
        Some(previous) if location.pathname.with(|p| p.trim_end_matches('/') != here) => previous.clone(),
        _ => from_query(location.search.get().trim_start_matches('?')),
    });
    let set_view = Callback::new(move |(next, replace): (V, bool)| {
        navigate(
            &href(&path, to_query(&next)),
            NavigateOptions { replace, scroll: false, ..Default::default() },
        );
    });
    (view, set_view)
}
