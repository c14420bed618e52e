//! Triggers and what they did: the seeds' event automation, where ignore triggers run
//! first (an object they match goes no further) and action triggers then act on the rest.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::open_enum::open_enum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerKind {
    Ignore,
    Action,
}

open_enum! {
    RunOutcome { Ignored = "ignored", Actioned = "actioned", NoMatch = "no-match", Failed = "failed" }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Operator {
    Equals,
    NotEquals,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
    GreaterThan,
    LessThan,
}

/// One test on the event's object: `field operator value`, e.g. `commonName endsWith .test.example.com`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub operator: Operator,
    pub value: String,
}

/// What an action trigger does to a matching object. Categorising actions apply to
/// certificates only; any resource can notify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum TriggerAction {
    SetGroups {
        groups: Vec<String>,
    },
    SetRaProfile {
        ra_profile: String,
    },
    SetOwner {
        owner: String,
    },
    SetAttribute {
        name: String,
        value: String,
    },
    /// By the id of a profile from `GET /notification-profiles`.
    Notify {
        notification_profile: String,
    },
}

/// What a trigger is: everything an editor sends (`POST /triggers`, `PUT /triggers/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerSpec {
    pub name: String,
    pub kind: TriggerKind,
    /// The kind of object the event is about (`certificate`, `secret`, ...); it must be the event's.
    pub resource: String,
    /// The event type the trigger runs for.
    pub event: String,
    /// All must hold for an object to match; none matches every object.
    pub conditions: Vec<Condition>,
    /// Empty for ignore triggers; at least one for action triggers.
    pub actions: Vec<TriggerAction>,
    pub enabled: bool,
}

/// A stored trigger (`GET /triggers/{id}`). `version` changes with every write; send it back
/// as `If-Match` so that an edit never overwrites someone else's unseen change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    pub id: String,
    pub version: u32,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub updated_at: DateTime<Utc>,
    pub spec: TriggerSpec,
}

/// The ordered triggers one event type runs in one scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventAssignment {
    pub event: String,
    pub ignore_triggers: Vec<String>,
    pub action_triggers: Vec<String>,
}

/// `GET /trigger-assignments?scope=`: for `platform`, every event type's triggers; for an RA
/// profile or group, the event types it overrides (the others run the platform's lists).
/// `PUT` takes the list of assignments and replaces the scope's whole set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerAssignments {
    pub scope: String,
    pub version: u32,
    pub assignments: Vec<EventAssignment>,
}

/// One object a trigger looked at during a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    pub object_ref: String,
    pub conditions_matched: bool,
    pub actions_performed: Vec<String>,
    pub message: String,
}

/// One trigger's run for one event (`GET /trigger-runs`, and in an event's detail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerRun {
    pub id: String,
    pub event_id: String,
    pub event_type: String,
    pub trigger_id: String,
    pub trigger_name: String,
    pub kind: TriggerKind,
    pub outcome: RunOutcome,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub started_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub finished_at: DateTime<Utc>,
    pub objects_evaluated: u32,
    pub objects_matched: u32,
    pub objects_ignored: u32,
    pub message: String,
    pub records: Vec<RunRecord>,
}

/// `GET /trigger-scopes`: one kind of object that can override the platform's trigger lists
/// (RA profiles, groups, discoveries), the event types it may override, and its objects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeKind {
    /// As a scope is written: `raProfile`, `group`, `discovery` (then `raProfile:<id>`).
    pub kind: String,
    pub label: String,
    /// The event types this kind may override; the others run the platform's lists.
    pub overrides: Vec<String>,
    pub scopes: Vec<NamedScope>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedScope {
    pub id: String,
    pub name: String,
}

/// `GET /notification-profiles`: where a notify action sends (seed 001's notification profiles).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationProfile {
    pub id: String,
    pub name: String,
    /// Who it reaches, as a sentence for the person choosing it.
    pub recipients: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_tagged_by_type_with_camel_case_fields() {
        let action = TriggerAction::SetRaProfile { ra_profile: "Web servers".into() };
        let json = serde_json::to_string(&action).unwrap();
        assert_eq!(json, r#"{"type":"setRaProfile","raProfile":"Web servers"}"#);
        assert_eq!(serde_json::from_str::<TriggerAction>(&json).unwrap(), action);
        assert!(serde_json::from_str::<TriggerAction>(r#"{"type":"launchMissiles"}"#).is_err());
    }
}
