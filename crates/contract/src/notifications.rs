//! The bell: a user's notifications, their unread counts and which events make them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Severity, SourceKind};

/// An event that matched the user's notification settings (`GET /notifications`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    pub event_id: String,
    pub event_type: String,
    pub severity: Severity,
    /// The event type's message template, filled in.
    pub title: String,
    pub source_kind: SourceKind,
    pub source: String,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A message of the event stream (`event: notification`, just before the event that made it):
/// a notification for the user, and their unread counts as it is sent, so that the bell follows
/// the stream with no request of its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationArrived {
    pub notification: Notification,
    pub counts: UnreadCounts,
}

/// Unread notifications per severity (`GET /notifications/unread-count`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadCounts {
    pub total: u32,
    pub info: u32,
    pub warning: u32,
    pub critical: u32,
}

impl UnreadCounts {
    pub fn of(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Info => self.info,
            Severity::Warning => self.warning,
            Severity::Critical => self.critical,
            Severity::Unknown(_) => 0,
        }
    }

    pub fn add(&mut self, severity: Severity) {
        self.step(severity, |n| *n += 1);
    }

    /// One fewer unread of this severity (never below zero).
    pub fn remove(&mut self, severity: Severity) {
        self.step(severity, |n| *n = n.saturating_sub(1));
    }

    /// An unknown severity has no count of its own; it moves the total only.
    fn step(&mut self, severity: Severity, change: impl Fn(&mut u32)) {
        change(&mut self.total);
        match severity {
            Severity::Info => change(&mut self.info),
            Severity::Warning => change(&mut self.warning),
            Severity::Critical => change(&mut self.critical),
            Severity::Unknown(_) => {}
        }
    }
}

/// Which events make a notification for this user (`GET|PUT /notification-settings`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationSettings {
    /// Event type names; an event of another type makes no notification.
    pub event_types: Vec<String>,
    /// Events below this severity make no notification.
    pub min_severity: Severity,
}

/// `POST /notifications/read-all`: marks read every notification up to and including
/// `upTo` (all of them without it), so notifications that arrive meanwhile stay unread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadAll {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_move_per_severity_and_never_below_zero() {
        let mut counts = UnreadCounts::default();
        counts.add(Severity::Critical);
        counts.add(Severity::Info);
        assert_eq!(counts, UnreadCounts { total: 2, info: 1, warning: 0, critical: 1 });
        counts.remove(Severity::Critical);
        counts.remove(Severity::Critical);
        assert_eq!(counts, UnreadCounts { total: 0, info: 1, warning: 0, critical: 0 });
    }
}
