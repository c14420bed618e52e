//! A cursor-paged list, the one owner of a screen's rows: the first page of a query, further
//! pages as the user scrolls, and a typed error. A new query replaces the rows in place (the
//! previous ones stay, marked loading, until the new ones arrive, so a list never flashes
//! empty), and its request drops the one before it. The table or list only reads it.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use event_center_contract::Page;
use leptos::prelude::*;

use super::count::{counted, Unit};
use super::pages::Pages;
use super::task::InFlight;
use crate::api::{ApiError, Client};

/// Puts a write's answer in place of the item with its key, wherever `list` still holds it
/// (`try_`: the answer may arrive after the user has left the page).
pub fn replace_item<T, K, L>(list: RwSignal<L>, answer: T, key: fn(&T) -> &K)
where
    T: Clone + Send + Sync + 'static,
    K: PartialEq + ?Sized,
    L: Send + Sync + 'static,
    for<'a> &'a mut L: IntoIterator<Item = &'a mut T>,
{
    list.try_update(|all| {
        all.into_iter().filter(|item| key(item) == key(&answer)).for_each(|item| *item = answer.clone())
    });
}

/// A page's request, as the screen's fetch function makes it.
pub type PageRequest<T> = Pin<Box<dyn Future<Output = Result<Page<T>, ApiError>>>>;

/// Asks for the page of `query` that starts at `cursor` (`None`: the first page).
type Fetch<T, Q> = Rc<dyn Fn(&Q, Option<String>) -> PageRequest<T>>;

/// What stands where a list's rows go.
#[derive(Clone, PartialEq)]
pub enum Shown {
    /// The first page of the first query is on its way.
    Loading,
    /// The first page failed; nothing is loaded.
    Failed(ApiError),
    /// The query has no items.
    Empty,
    /// The rows, however often the status changes under them (more pages, a new query loading).
    Rows,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// The first page of this query is on its way.
    Loading,
    Ready,
    /// A further page is on its way.
    LoadingMore,
    Failed(ApiError),
}

pub struct PagedList<T: 'static, Q: 'static> {
    pub items: RwSignal<Pages<T>>,
    pub status: RwSignal<Status>,
    next_cursor: RwSignal<Option<String>>,
    /// The query of the loaded items, kept to ask for more of the same.
    query: StoredValue<Option<Q>>,
    /// Bumped for every new query, so a view can go back to its top.
    pub generation: RwSignal<u64>,
    fetch: StoredValue<Fetch<T, Q>, LocalStorage>,
    /// The page on its way: a new query, or leaving the page, drops it.
    request: InFlight,
}

impl<T, Q> Clone for PagedList<T, Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, Q> Copy for PagedList<T, Q> {}

impl<T, Q> PagedList<T, Q>
where
    T: Send + Sync + 'static,
    Q: Clone + Send + Sync + 'static,
{
    pub fn new(fetch: impl Fn(&Q, Option<String>) -> PageRequest<T> + 'static) -> Self {
        PagedList {
            items: RwSignal::new(Pages::default()),
            status: RwSignal::new(Status::Loading),
            next_cursor: RwSignal::new(None),
            query: StoredValue::new(None),
            generation: RwSignal::new(0),
            fetch: StoredValue::new_local(Rc::new(fetch)),
            request: InFlight::new(),
        }
    }

    /// A list whose pages `ask` the client for: `sizes.0` items first, then `sizes.1` at a time.
    pub fn asking<Fut>(
        client: Client,
        sizes: (u32, u32),
        ask: impl Fn(Client, &Q, Option<String>, u32) -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        PagedList::new(move |query: &Q, cursor: Option<String>| -> PageRequest<T> {
            let limit = if cursor.is_some() { sizes.1 } else { sizes.0 };
            Box::pin(ask(client.clone(), query, cursor, limit))
        })
    }

    /// Which state stands in for the rows.
    pub fn shown(&self) -> Memo<Shown> {
        let this = *self;
        Memo::new(move |_| {
            let empty = this.items.with(Pages::is_empty);
            match this.status.get() {
                Status::Loading if empty => Shown::Loading,
                Status::Failed(error) if empty => Shown::Failed(error),
                Status::Ready if empty => Shown::Empty,
                _ => Shown::Rows,
            }
        })
    }

    pub fn has_more(&self) -> bool {
        self.next_cursor.with(Option::is_some)
    }

    /// The query of the items shown (or on their way).
    pub fn query(&self) -> Option<Q> {
        self.query.get_value()
    }

    /// The list's one request slot: other reads that must not outlive the query (a poll for
    /// newer items) run in it, so a new query drops them too.
    pub fn request(&self) -> InFlight {
        self.request
    }

    /// The first page of `query`, asked the way this list asks, without touching the list.
    pub fn first_page(&self, query: &Q) -> PageRequest<T> {
        self.fetch.with_value(|fetch| fetch(query, None))
    }

    /// Starts over with the first page of `query`.
    pub fn load(&self, query: Q) {
        self.query.set_value(Some(query.clone()));
        self.generation.update(|g| *g += 1);
        self.status.set(Status::Loading);
        let this = *self;
        self.fetch(query, None, move |page| {
            this.items.set(page.data.into());
            this.next_cursor.set(page.next_cursor);
        });
    }

    /// The next page, unless one is on its way or there is none.
    pub fn load_more(&self) {
        if self.status.get_untracked() != Status::Ready {
            return;
        }
        let (Some(cursor), Some(query)) = (self.next_cursor.get_untracked(), self.query()) else { return };
        self.status.set(Status::LoadingMore);
        let this = *self;
        self.fetch(query, Some(cursor), move |page| {
            this.items.update(|items| items.push_back(page.data));
            this.next_cursor.set(page.next_cursor);
        });
    }

    /// Tries again after a failure: the first page if nothing is loaded, else the next page.
    pub fn retry(&self) {
        if self.items.with_untracked(Pages::is_empty) {
            if let Some(query) = self.query() {
                self.load(query);
            }
        } else {
            self.status.set(Status::Ready);
            self.load_more();
        }
    }

    fn fetch(&self, query: Q, cursor: Option<String>, apply: impl FnOnce(Page<T>) + 'static) {
        let this = *self;
        let request = self.fetch.with_value(|fetch| fetch(&query, cursor));
        self.request.replace(async move {
            match request.await {
                Ok(page) => {
                    apply(page);
                    this.status.set(Status::Ready);
                }
                Err(error) => {
                    if this.status.get_untracked() == Status::Loading {
                        // The first page failed: the previous query's items are not this one's.
                        this.items.set(Pages::default());
                        this.next_cursor.set(None);
                    }
                    this.status.set(Status::Failed(error));
                }
            }
        });
    }
}

/// Above the rows: how many are loaded and whether more follow, or that a new query's are on
/// their way while the last query's rows still stand.
#[component]
pub fn LoadedCount<T, Q>(
    list: PagedList<T, Q>,
    /// The items, singular and plural: `("event", "events")`.
    what: Unit,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    Q: Clone + Send + Sync + 'static,
{
    let text = move || {
        if list.status.get() == Status::Loading {
            format!("Loading the {} of these filters…", what.1)
        } else {
            let more = if list.has_more() { ", more as you scroll" } else { "" };
            format!("{} loaded{more}", counted(list.items.with(Pages::len) as u64, what))
        }
    };
    view! {
        <p class="list-count muted" role="status">
            {text}
        </p>
    }
}

/// Under the rows: a further page on its way, or its failure with Retry.
#[component]
pub fn MoreStatus<T, Q>(
    list: PagedList<T, Q>,
    /// The items in the plural: "events".
    what: &'static str,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    Q: Clone + Send + Sync + 'static,
{
    move || match list.status.get() {
        Status::LoadingMore => Some(
            view! {
                <p class="muted" role="status">
                    {format!("Loading more {what}…")}
                </p>
            }
            .into_any(),
        ),
        Status::Failed(error) => Some(
            view! {
                <div class="state state-error" role="alert">
                    <p>{format!("More {what} could not be loaded. {error}")}</p>
                    <button type="button" class="button" on:click=move |_| list.retry()>
                        "Retry"
                    </button>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
}
