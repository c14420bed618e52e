//! Code the first screen does not need (drawers, panels, other pages, the exporter's encoders)
//! lives in its own WebAssembly chunks, fetched when first used. The release build enables the
//! `split` feature and `scripts/split-wasm.mjs` cuts the module at these functions; without the
//! feature (native and component tests) they are ordinary functions.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use super::dialog;

/// A chunk could not be fetched: the connection dropped, or a new deployment replaced it.
#[derive(Debug, Clone, Copy)]
pub struct ChunkUnavailable;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

/// `split! { fn name(arg: Type, …) -> T { body } }` declares
/// `async fn name(arg: Type, …) -> Result<T, ChunkUnavailable>` whose body is code in the
/// chunk `name`.
macro_rules! split {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::split::ChunkUnavailable> {
            #[allow(unused_braces)]
            let value = $body;
            Ok(value)
        }

        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::split::ChunkUnavailable> {
            #[allow(unused_braces)]
            let value = $body;
            Ok(value)
        }
    };
}
pub(crate) use split;

/// A `split!` function that builds a view, boxed: every lazily loaded view then shares one copy
/// of the code that waits for its chunk and shows it.
#[derive(Clone)]
pub struct Chunk(Arc<dyn Fn() -> Loading + Send + Sync>);

type Loading = Pin<Box<dyn Future<Output = Result<AnyView, ChunkUnavailable>> + Send>>;

impl Chunk {
    pub fn new<F, Fut>(load: F) -> Chunk
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<AnyView, ChunkUnavailable>> + Send + 'static,
    {
        Chunk(Arc::new(move || Box::pin(load())))
    }

    /// Shows the view once its chunk is here (at once when it already is). If the chunk cannot
    /// be fetched, says so, with a retry.
    pub fn view(self) -> impl IntoView {
        show(self, None)
    }
}

/// Shows the view a `split!` function builds: [`Chunk::view`].
pub fn lazy<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkUnavailable>> + Send + 'static,
{
    show(Chunk::new(load), None)
}

/// [`lazy`] for a view that holds the page while open (a drawer): its failure offers a way out.
pub fn lazy_closable<F, Fut>(load: F, close: Callback<()>) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkUnavailable>> + Send + 'static,
{
    show(Chunk::new(load), Some(close))
}

fn show(chunk: Chunk, close: Option<Callback<()>>) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let loading = (chunk.0)();
        Suspend::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(ChunkUnavailable) => failed(attempt, close).into_any(),
            }
        })
    }
}

/// Fixed on screen, so it shows wherever the view would have been. Standing in for a view that
/// holds the page (a drawer), it is a dialog in its place: focus on Retry, Escape closes.
fn failed(attempt: RwSignal<u32>, close: Option<Callback<()>>) -> impl IntoView {
    let retry = NodeRef::<leptos::html::Button>::new();
    if close.is_some() {
        dialog::focus_on_open(move || retry.get().map(Into::into));
    }
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if let Some(close) = close {
            dialog::escape_closes(close)(ev);
        }
    };
    view! {
        <div
            class="chunk-failed"
            role=if close.is_some() { "alertdialog" } else { "alert" }
            aria-modal=close.map(|_| "true")
            aria-labelledby="chunk-failed-text"
            on:keydown=on_keydown
        >
            <p id="chunk-failed-text">
                "This part of the console could not be loaded. Check the connection, then retry."
            </p>
            <div class="chunk-failed-actions">
                <button
                    type="button"
                    class="button button-small"
                    node_ref=retry
                    on:click=move |_| attempt.update(|n| *n += 1)
                >
                    "Retry"
                </button>
                {close
                    .map(|close| {
                        view! {
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                on:click=move |_| close.run(())
                            >
                                "Close"
                            </button>
                        }
                    })}
            </div>
        </div>
    }
}

/// A lazily loaded screen's own stylesheet (`style/lazy`, served at `/lazy/`), and the screen
/// shown once it applies: a stylesheet linked from the page loads after the page first paints,
/// so the screen would show unstyled and then move. Its content mounts at once (its requests
/// start), hidden until then; a stylesheet that fails to load is waited for no longer. The link
/// goes when the screen does.
#[component]
pub fn LazyStyles(href: &'static str, children: Children) -> impl IntoView {
    let applied = RwSignal::new(false);
    let link = NodeRef::<leptos::html::Link>::new();
    // A sheet the page already holds (another screen of the same feature linked it) may have
    // applied before the listener was there.
    Effect::new(move |_| {
        if link.get().is_some_and(|link| link.sheet().is_some()) {
            applied.set(true);
        }
    });
    view! {
        <link
            node_ref=link
            rel="stylesheet"
            href=href
            on:load=move |_| applied.set(true)
            on:error=move |_| applied.set(true)
        />
        <div class="lazy-styled" hidden=move || !applied.get()>
            {children()}
        </div>
    }
}
