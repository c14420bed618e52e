//! The loaded events of the current filter: a [`PagedList`] (the first page when the filter
//! changes, further pages as the user scrolls) and, in live mode, newer events as they arrive.
//! This is the one owner of that list; the table only reads it.

use event_center_contract::{Event, EventQuery};
use leptos::prelude::*;

use super::view_state::EventsView;
use crate::api::Client;
use crate::ui::now;
use crate::ui::paged_list::{PagedList, Status};
use crate::ui::pages::Pages;

/// The first page of a filter: what fills the screen with a margin, so a new filter shows as
/// soon as the backend can answer for a screenful.
pub const FIRST_PAGE_SIZE: u32 = 100;
/// Every further page: large enough that scrolling rarely waits, small enough to answer fast.
pub const PAGE_SIZE: u32 = 500;

#[derive(Clone, Copy)]
pub struct EventList {
    pub rows: PagedList<Event, EventQuery>,
    /// Newer events that arrived while the user was scrolled away from the top.
    pub pending: RwSignal<Pages<Event>>,
}

impl EventList {
    pub fn new(client: Client) -> Self {
        let rows = PagedList::asking(
            client,
            (FIRST_PAGE_SIZE, PAGE_SIZE),
            |client, query: &EventQuery, cursor, limit| {
                let query = EventQuery { cursor, limit: Some(limit), ..query.clone() };
                async move { client.events(&query).await }
            },
        );
        EventList { rows, pending: RwSignal::new(Pages::default()) }
    }

    /// Starts over with the first page of `view`'s filters; the previous filter's rows stay,
    /// shown as stale, until this filter's arrive.
    pub fn load(&self, view: &EventsView) {
        self.pending.set(Pages::default());
        self.rows.load(view.to_event_query(now(), FIRST_PAGE_SIZE));
    }

    /// Asks for events newer than the newest loaded; `at_top` puts them in the list at once,
    /// otherwise they wait in `pending` for the user to show them.
    pub fn poll_newer(&self, at_top: bool) {
        if self.rows.status.get_untracked() != Status::Ready {
            return;
        }
        let Some(base) = self.rows.query() else { return };
        let newest = self
            .pending
            .with_untracked(|p| p.first().cloned())
            .or_else(|| self.rows.items.with_untracked(|e| e.first().cloned()));
        let query =
            EventQuery { from: newest.as_ref().map(|e| e.created_at).or(base.from), cursor: None, ..base };
        let (this, request) = (*self, self.rows.first_page(&query));
        // In the list's request slot: a new filter drops a poll of the old one.
        self.rows.request().replace(async move {
            let Ok(page) = request.await else { return };
            let known =
                |e: &Event| newest.as_ref().is_some_and(|n| n.id == e.id || e.created_at < n.created_at);
            let fresh: Vec<Event> = page.data.into_iter().filter(|e| !known(e)).collect();
            if fresh.is_empty() {
                return;
            }
            let target = if at_top { this.rows.items } else { this.pending };
            target.update(|events| events.push_front(fresh));
        });
    }

    /// Puts the waiting newer events at the top of the list.
    pub fn show_pending(&self) {
        let pending = self.pending.try_update(std::mem::take).unwrap_or_default();
        self.rows.items.update(|events| events.push_front(pending.into_iter().collect()));
    }
}
