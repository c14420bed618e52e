//! The loaded events of the current filter: the first page when the filter changes, further
//! pages as the user scrolls, and (in live mode) newer events as they arrive. This is the one
//! owner of that list; the table only reads it.

use event_center_contract::{Event, EventQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::view_state::EventsView;
use crate::api::{ApiError, Client};
use crate::ui::now;

/// The first page of a filter: what fills the screen with a margin, so a new filter shows as
/// soon as the backend can answer for a screenful.
pub const FIRST_PAGE_SIZE: u32 = 100;
/// Every further page: large enough that scrolling rarely waits, small enough to answer fast.
pub const PAGE_SIZE: u32 = 500;

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// The first page of this filter is on its way.
    Loading,
    Ready,
    /// A further page is on its way.
    LoadingMore,
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct EventList {
    pub events: RwSignal<Vec<Event>>,
    pub status: RwSignal<Status>,
    next_cursor: RwSignal<Option<String>>,
    /// Newer events that arrived while the user was scrolled away from the top.
    pub pending: RwSignal<Vec<Event>>,
    /// The query of the loaded list, kept to ask for more of the same.
    query: StoredValue<EventQuery>,
    /// Bumped for every new filter, so an answer to an older one is dropped (and the table
    /// scrolls back to the top).
    pub generation: RwSignal<u64>,
    client: StoredValue<Option<Client>, LocalStorage>,
}

impl EventList {
    pub fn new(client: Option<Client>) -> Self {
        EventList {
            events: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Loading),
            next_cursor: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
            query: StoredValue::new(EventQuery::default()),
            generation: RwSignal::new(0),
            client: StoredValue::new_local(client),
        }
    }

    pub fn has_more(&self) -> bool {
        self.next_cursor.with(Option::is_some)
    }

    /// Starts over with the first page of `view`'s filters.
    pub fn load(&self, view: &EventsView) {
        let query = view.to_event_query(now(), FIRST_PAGE_SIZE);
        self.query.set_value(query.clone());
        self.generation.update(|g| *g += 1);
        self.status.set(Status::Loading);
        // The previous filter's rows stay, shown as stale, until this filter's arrive: the
        // table never flashes empty, and nothing is torn down and built again.
        self.pending.set(Vec::new());
        let this = *self;
        this.fetch(query, move |page| {
            this.events.set(page.data);
            this.next_cursor.set(page.next_cursor);
        });
    }

    /// The next page, unless one is on its way or there is none.
    pub fn load_more(&self) {
        if self.status.get_untracked() != Status::Ready {
            return;
        }
        let Some(cursor) = self.next_cursor.get_untracked() else { return };
        let query = EventQuery { cursor: Some(cursor), limit: Some(PAGE_SIZE), ..self.query.get_value() };
        self.status.set(Status::LoadingMore);
        let this = *self;
        this.fetch(query, move |page| {
            this.events.update(|events| events.extend(page.data));
            this.next_cursor.set(page.next_cursor);
        });
    }

    /// Tries again after a failure: the first page if nothing is loaded, else the next page.
    pub fn retry(&self, view: &EventsView) {
        if self.events.with_untracked(Vec::is_empty) {
            self.load(view);
        } else {
            self.status.set(Status::Ready);
            self.load_more();
        }
    }

    /// Asks for events newer than the newest loaded; `at_top` puts them in the list at once,
    /// otherwise they wait in `pending` for the user to show them.
    pub fn poll_newer(&self, at_top: bool) {
        if self.status.get_untracked() != Status::Ready {
            return;
        }
        let newest = self
            .pending
            .with_untracked(|p| p.first().cloned())
            .or_else(|| self.events.with_untracked(|e| e.first().cloned()));
        let base = self.query.get_value();
        let query =
            EventQuery { from: newest.as_ref().map(|e| e.created_at).or(base.from), cursor: None, ..base };
        let (generation, this) = (self.generation.get_untracked(), *self);
        let Some(client) = self.client.get_value() else { return };
        spawn_local(async move {
            let Ok(page) = client.events(&query).await else { return };
            if this.generation.get_untracked() != generation {
                return;
            }
            let known =
                |e: &Event| newest.as_ref().is_some_and(|n| n.id == e.id || e.created_at < n.created_at);
            let fresh: Vec<Event> = page.data.into_iter().filter(|e| !known(e)).collect();
            if fresh.is_empty() {
                return;
            }
            if at_top {
                this.events.update(|events| {
                    events.splice(0..0, fresh);
                });
            } else {
                this.pending.update(|pending| {
                    pending.splice(0..0, fresh);
                });
            }
        });
    }

    /// Puts the waiting newer events at the top of the list.
    pub fn show_pending(&self) {
        let pending = self.pending.try_update(std::mem::take).unwrap_or_default();
        self.events.update(|events| {
            events.splice(0..0, pending);
        });
    }

    fn fetch(&self, query: EventQuery, apply: impl FnOnce(event_center_contract::Page<Event>) + 'static) {
        let generation = self.generation.get_untracked();
        let this = *self;
        let Some(client) = self.client.get_value() else {
            self.status.set(Status::Failed(ApiError::Network("no backend is configured".into())));
            return;
        };
        spawn_local(async move {
            let result = client.events(&query).await;
            if this.generation.get_untracked() != generation {
                return; // a newer filter replaced this one while it was loading
            }
            match result {
                Ok(page) => {
                    apply(page);
                    this.status.set(Status::Ready);
                }
                Err(error) => {
                    if this.status.get_untracked() == Status::Loading {
                        // The first page failed: the stale rows are not this filter's.
                        this.events.set(Vec::new());
                        this.next_cursor.set(None);
                    }
                    this.status.set(Status::Failed(error));
                }
            }
        });
    }
}
