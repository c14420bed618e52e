//! Each user's notifications: which events make one (the user's settings) and which the
//! user has read. Notifications are not copies of events: an event notifies a user when it
//! matches their settings, so changing the settings changes the bell at once.

use std::collections::{BTreeSet, HashSet};

use event_center_contract::{Notification, NotificationSettings, Severity, UnreadCounts};

use crate::catalog::KINDS;
use crate::store::StoredEvent;

pub struct Inbox {
    settings: NotificationSettings,
    /// The settings' event types, for a quick look-up per event.
    wanted: HashSet<String>,
    /// Every notification of an event with a lower sequence number is read.
    read_below: u32,
    /// Notifications at or above `read_below` that are read.
    read: BTreeSet<u32>,
}

impl Inbox {
    /// Every event type at warning or above notifies, as a new admin's bell does; what came
    /// before `read_below` has been read.
    pub fn new(read_below: u32) -> Inbox {
        let settings = NotificationSettings {
            event_types: KINDS.iter().map(|k| k.name.to_string()).collect(),
            min_severity: Severity::Warning,
        };
        Inbox {
            wanted: settings.event_types.iter().cloned().collect(),
            settings,
            read_below,
            read: BTreeSet::new(),
        }
    }

    pub fn settings(&self) -> &NotificationSettings {
        &self.settings
    }

    pub fn set_settings(&mut self, settings: NotificationSettings) {
        self.wanted = settings.event_types.iter().cloned().collect();
        self.settings = settings;
    }

    pub fn notifies(&self, event: &StoredEvent) -> bool {
        event.severity >= self.settings.min_severity && self.wanted.contains(event.kind.name)
    }

    pub fn is_read(&self, seq: u32) -> bool {
        seq < self.read_below || self.read.contains(&seq)
    }

    /// No notification below this sequence number is unread: unread ones are found above it.
    pub fn read_below(&self) -> u32 {
        self.read_below
    }

    pub fn mark_read(&mut self, seq: u32) {
        if seq >= self.read_below {
            self.read.insert(seq);
        }
    }

    /// Marks read everything below `end` (a sequence number, exclusive).
    pub fn mark_read_below(&mut self, end: u32) {
        self.read_below = self.read_below.max(end);
        self.read = self.read.split_off(&self.read_below);
    }

    /// Unread notifications among `recent`, the events from `read_below` on.
    pub fn unread_counts(&self, recent: &[StoredEvent]) -> UnreadCounts {
        let mut counts = UnreadCounts::default();
        for event in recent.iter().filter(|e| self.notifies(e) && !self.is_read(e.seq)) {
            counts.add(event.severity);
        }
        counts
    }

    pub fn notification(&self, event: &StoredEvent) -> Notification {
        Notification {
            id: notification_id(event.seq),
            event_id: event.id(),
            event_type: event.kind.name.into(),
            severity: event.severity,
            title: event.message(),
            source_kind: event.source_kind,
            source: event.shown_source().into(),
            created_at: event.at,
            read: self.is_read(event.seq),
        }
    }
}

pub fn notification_id(seq: u32) -> String {
    format!("ntf_{seq:07}")
}

pub fn parse_notification_id(id: &str) -> Option<u32> {
    id.strip_prefix("ntf_")?.parse().ok()
}
