//! The bell's state, one owner for it: unread counts, the open list, and the writes
//! (mark one read, mark all read with a few seconds to undo).

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use event_center_contract::{Notification, NotificationArrived, Severity, UnreadCounts};
use futures::future::join;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;
use crate::features::events::{self, EventsView};
use crate::ui::paged_list::{PageRequest, PagedList};
use crate::ui::pages::Pages;
use crate::ui::{use_toasts, Toasts, Tone};

/// Notifications per request of the panel.
const PAGE: u32 = 30;
/// How long "mark all as read" can be undone before it is sent.
pub const UNDO_WINDOW: Duration = Duration::from_secs(6);

/// A "mark all as read" not sent yet.
#[derive(Clone)]
struct PendingReadAll {
    /// Its toast, with Undo.
    toast: u32,
    /// The newest notification it covers.
    up_to: Option<String>,
    /// What to restore on undo.
    counts: Option<UnreadCounts>,
    items: Pages<Notification>,
}

#[derive(Clone, Copy)]
pub struct Inbox {
    client: StoredValue<Client, LocalStorage>,
    /// `None` until loaded, and while the counts cannot be loaded.
    pub counts: RwSignal<Option<UnreadCounts>>,
    /// The counts could not be loaded; the bell shows it quietly and keeps trying.
    pub failed: RwSignal<bool>,
    pub unread_only: RwSignal<bool>,
    /// The panel's list: unread only, or all.
    pub list: PagedList<Notification, bool>,
    /// The newest notification's time and every notification already known, so that new ones
    /// are told apart.
    known: StoredValue<Option<(DateTime<Utc>, HashSet<String>)>>,
    /// The newest notification the counts include: "mark all as read" goes up to it.
    newest_id: StoredValue<Option<String>>,
    toasts: Toasts,
    /// A "mark all as read" waiting out its undo window.
    pending_read_all: StoredValue<Option<PendingReadAll>>,
    refreshing: StoredValue<(bool, bool)>,
}

impl Inbox {
    pub fn new(client: Client) -> Inbox {
        let list = PagedList::new({
            let client = client.clone();
            move |unread: &bool, cursor: Option<String>| -> PageRequest<Notification> {
                let (client, unread) = (client.clone(), *unread);
                Box::pin(async move { client.notifications(unread, PAGE, cursor.as_deref()).await })
            }
        });
        Inbox {
            list,
            client: StoredValue::new_local(client),
            counts: RwSignal::new(None),
            failed: RwSignal::new(false),
            unread_only: RwSignal::new(true),
            known: StoredValue::new(None),
            newest_id: StoredValue::new(None),
            toasts: use_toasts(),
            pending_read_all: StoredValue::new(None),
            refreshing: StoredValue::new((false, false)),
        }
    }

    /// Reloads the counts and the newest notifications; calls that come while one runs are
    /// folded into one more run after it. New critical notifications are announced.
    pub fn refresh(self) {
        let (running, _) = self.refreshing.get_value();
        if running {
            self.refreshing.set_value((true, true));
            return;
        }
        self.refreshing.set_value((true, false));
        let client = self.client.get_value();
        spawn_local(async move {
            loop {
                // Asked at once: on a real backend each is a round trip.
                let (counts, newest) =
                    join(client.unread_counts(), client.notifications(false, PAGE, None)).await;
                if self.pending_read_all.try_with_value(Option::is_none) != Some(true) {
                    break; // waiting to be sent: what the server says now is about to change
                }
                match counts {
                    Ok(c) => {
                        self.counts.set(Some(c));
                        self.failed.set(false);
                    }
                    Err(_) => self.failed.set(true),
                }
                if let Ok(page) = newest {
                    self.take_newest(page.data);
                }
                let (_, again) = self.refreshing.get_value();
                if !again {
                    break;
                }
                self.refreshing.set_value((true, false));
            }
            let _ = self.refreshing.try_set_value((false, false));
        });
    }

    /// A notification the event stream brought, with the counts: no request needed.
    pub fn arrived(self, arrived: NotificationArrived) {
        if self.pending_read_all.with_value(Option::is_some) {
            return; // waiting to be sent: the counts are about to change
        }
        self.counts.set(Some(arrived.counts));
        self.failed.set(false);
        self.take_newest(vec![arrived.notification]);
    }

    /// Adds what is new to the open list, and toasts new critical notifications.
    fn take_newest(self, newest: Vec<Notification>) {
        let Some(top) = newest.first().map(|n| n.created_at) else { return };
        let fresh: Vec<Notification> = self.known.with_value(|known| match known {
            None => Vec::new(),
            Some((at, ids)) => {
                newest.iter().filter(|n| n.created_at >= *at && !ids.contains(&n.id)).cloned().collect()
            }
        });
        // Kept, not replaced: the stream brings one at a time, a refresh a page.
        self.known.update_value(|known| {
            let (at, ids) = known.get_or_insert_with(|| (top, HashSet::new()));
            *at = (*at).max(top);
            ids.extend(newest.iter().map(|n| n.id.clone()));
        });
        self.newest_id.set_value(newest.first().map(|n| n.id.clone()));
        if fresh.is_empty() {
            return;
        }
        self.list.items.update(|items| {
            let have: HashSet<String> = items.iter().map(|n| n.id.clone()).collect();
            items.push_front(fresh.iter().filter(|n| !have.contains(&n.id)).cloned().collect());
        });
        for n in fresh.iter().filter(|n| n.severity == Severity::Critical && !n.read) {
            self.toasts.show(
                format!("Critical: {}", n.title),
                Tone::Critical,
                Some((event_href(&n.event_id), "Open event")),
                None,
                Duration::from_secs(12),
            );
        }
    }

    /// Loads the first page of the list the panel shows, from empty: the panel opens on its
    /// loading note rather than on what it showed last time.
    pub fn load(self) {
        self.list.items.set(Pages::default());
        self.list.load(self.unread_only.get_untracked());
    }

    /// Marks one read at once on screen; if the backend refuses, it is unread again and the
    /// user can retry.
    pub fn mark_read(self, notification: &Notification) {
        if notification.read {
            return;
        }
        let (id, severity) = (notification.id.clone(), notification.severity);
        self.set_read(&id, true, severity);
        let client = self.client.get_value();
        spawn_local(async move {
            if let Err(error) = client.mark_read(&id).await {
                self.set_read(&id, false, severity);
                self.failed_write(
                    &format!("The notification could not be marked read: {error}"),
                    move || {
                        if let Some(n) = self.list.items.get_untracked().into_iter().find(|n| n.id == id) {
                            self.mark_read(&n);
                        }
                    },
                );
            }
        });
    }

    /// A failed write says so and offers to send it again; nothing is retried silently.
    fn failed_write(self, message: &str, retry: impl Fn() + Send + Sync + 'static) {
        let retry = Callback::new(move |()| retry());
        self.toasts.show(
            message.to_string(),
            Tone::Error,
            None,
            Some(("Retry", retry)),
            Duration::from_secs(15),
        );
    }

    fn set_read(self, id: &str, read: bool, severity: Severity) {
        self.list.items.update(|items| {
            items.iter_mut().filter(|n| n.id == id).for_each(|n| n.read = read);
            if read && self.unread_only.get_untracked() {
                items.retain(|n| n.id != id);
            }
        });
        self.counts.update(|c| match c {
            Some(c) if read => c.remove(severity),
            Some(c) => c.add(severity),
            None => {}
        });
    }

    /// Everything reads as read at once; the write waits out the undo window, and covers
    /// only what the user has seen (newer notifications stay unread).
    pub fn mark_all_read(self) {
        let up_to = self.newest_id.get_value();
        let undo = Callback::new(move |()| self.undo_read_all());
        let toast = self.toasts.show(
            "All notifications marked read.".into(),
            Tone::Info,
            None,
            Some(("Undo", undo)),
            UNDO_WINDOW,
        );
        self.pending_read_all.set_value(Some(PendingReadAll {
            toast,
            up_to,
            counts: self.counts.get_untracked(),
            items: self.list.items.get_untracked(),
        }));
        self.counts.set(Some(UnreadCounts::default()));
        self.list.items.update(|items| {
            if self.unread_only.get_untracked() {
                items.clear();
            } else {
                items.iter_mut().for_each(|n| n.read = true);
            }
        });
        set_timeout(move || self.send_read_all(toast), UNDO_WINDOW);
    }

    fn undo_read_all(self) {
        if let Some(pending) = self.pending_read_all.get_value() {
            self.pending_read_all.set_value(None);
            self.counts.set(pending.counts);
            self.list.items.set(pending.items);
        }
    }

    fn send_read_all(self, toast: u32) {
        // Undone, or undone and done again (then its own timer sends it), or sent as the page closed.
        let Some(Some(pending)) = self.pending_read_all.try_get_value() else { return };
        if pending.toast != toast {
            return;
        }
        let client = self.client.get_value();
        spawn_local(async move {
            let result = client.mark_all_read(pending.up_to, false).await;
            self.pending_read_all.set_value(None);
            match result {
                Ok(left) => self.counts.set(Some(left)),
                Err(error) => {
                    self.counts.set(pending.counts);
                    self.list.items.set(pending.items);
                    self.failed_write(
                        &format!("Notifications could not be marked read: {error}"),
                        move || self.mark_all_read(),
                    );
                }
            }
            self.refresh();
        });
    }

    /// The page is going away: a "mark all as read" still inside its undo window is sent now,
    /// in a request that outlives the page, rather than lost with it.
    pub fn send_before_leaving(self) {
        let Some(Some(pending)) = self.pending_read_all.try_get_value() else { return };
        self.pending_read_all.set_value(None);
        let client = self.client.get_value();
        spawn_local(async move {
            let _ = client.mark_all_read(pending.up_to, true).await;
        });
    }
}

pub fn event_href(event_id: &str) -> String {
    events::href(&EventsView { selected: Some(event_id.into()), ..EventsView::default() })
}
