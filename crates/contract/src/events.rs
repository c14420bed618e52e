use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::open_enum::open_enum;
use crate::TriggerRun;

open_enum! {
    /// Ordered from the quietest; an unknown severity sorts above every known one, so that a
    /// minimum severity never hides it.
    #[derive(PartialOrd, Ord, Hash)]
    Severity { Info = "info", Warning = "warning", Critical = "critical" }
}

open_enum! {
    /// What kind of object an event is about.
    #[derive(Hash)]
    SourceKind {
        Item = "item",
        AuthMethod = "authMethod",
        Target = "target",
        Gateway = "gateway",
        User = "user",
        System = "system",
    }
}

/// An entry of the event-type catalog (`GET /event-types`). The UI renders labels and
/// messages from the catalog, so a backend may add types without a new console build.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventType {
    pub name: String,
    pub label: String,
    pub category: String,
    pub source_kind: SourceKind,
    pub default_severity: Severity,
    pub description: String,
    /// With `${placeholders}` filled from the event, e.g. `Secret ${itemName} was rotated`.
    pub message_template: String,
    pub legacy_names: Vec<String>,
    /// For a type that is off until an administrator switches it on, where that is done, as a
    /// sentence ("Switched on at the gateway").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_at: Option<String>,
    /// The kind of object events of this type are about (`certificate`, `secret`, …): what a
    /// trigger for the type runs on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Raised by scheduled monitoring rather than by a change (seed 001's "Monitoring" column).
    #[serde(default)]
    pub monitoring: bool,
}

/// One event as listed (`GET /events`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    /// Shared with every event of the type, as the category, source and actor are
    /// (`shared_name`).
    #[serde(rename = "type", deserialize_with = "crate::shared_name::kind")]
    pub event_type: std::sync::Arc<str>,
    #[serde(deserialize_with = "crate::shared_name::kind")]
    pub category: std::sync::Arc<str>,
    pub severity: Severity,
    pub source_kind: SourceKind,
    /// Path of the item, auth method, target or gateway the event is about.
    #[serde(deserialize_with = "crate::shared_name::source")]
    pub source: std::sync::Arc<str>,
    #[serde(default, deserialize_with = "crate::shared_name::actor")]
    pub actor: Option<std::sync::Arc<str>>,
    pub ip_address: Option<String>,
    /// The type's message template, filled in.
    pub message: String,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub created_at: DateTime<Utc>,
}

/// One event with everything about it (`GET /events/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: Event,
    /// Shaped like the forwarded JSON of the event's type.
    pub payload: serde_json::Value,
    /// The triggers that ran for this event, in the order they ran (ignore triggers first).
    pub trigger_runs: Vec<TriggerRun>,
    /// Where forwarders sent this event, latest attempt per forwarder.
    pub deliveries: Vec<Delivery>,
    /// The rest, where the platform records them (authentik's events do): the user, the app
    /// that logged the event, the request's context (credentials cleansed), when the event
    /// expires under its tenant's retention, and the tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<EventUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    #[serde(
        default,
        deserialize_with = "crate::rfc3339::deserialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Tenant>,
}

/// The user an event is about or was caused by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventUser {
    pub pk: u64,
    pub username: String,
    pub email: String,
}

/// The tenant whose retention an event is kept under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub pk: String,
    pub name: String,
}

open_enum! {
    DeliveryStatus { Succeeded = "succeeded", Failed = "failed", Pending = "pending" }
}

/// A forwarder's delivery of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: String,
    pub event_id: String,
    pub forwarder_id: String,
    pub forwarder_name: String,
    /// email, webhook, slack, teams or servicenow.
    pub forwarder_type: String,
    pub attempt: u32,
    pub status: DeliveryStatus,
    pub response_status: Option<u16>,
    pub duration_ms: Option<u32>,
    /// When the latest attempt was sent; none while the first is pending.
    #[serde(default, deserialize_with = "crate::rfc3339::deserialize_option")]
    pub attempted_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::rfc3339::deserialize_option")]
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// How a forwarder's deliveries stand: those of the events created from `from` to `to`, by
/// their status now (`GET /forwarders/{id}/delivery-stats`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryStats {
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub from: DateTime<Utc>,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub to: DateTime<Utc>,
    pub succeeded: u32,
    pub failed: u32,
    pub pending: u32,
}

/// A page of a keyset-paged list: pass `nextCursor` back as `cursor` for the next page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub data: Vec<T>,
    pub next_cursor: Option<String>,
    pub has_more: bool,
}

/// The signed-in user (`GET /me`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: String,
    pub name: String,
    pub email: String,
    pub capabilities: Vec<String>,
    /// How many days the backend keeps events for this user's tenant, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_retention_days: Option<u32>,
}

impl Me {
    pub fn can(&self, capability: &str) -> bool {
        self.capabilities.iter().any(|c| c == capability)
    }
}

open_enum! {
    GatewayStatus { Active = "active", Inactive = "inactive" }
}

/// A gateway (`GET /gateways`): forwarders need a running one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gateway {
    pub id: String,
    pub name: String,
    pub status: GatewayStatus,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub last_seen: DateTime<Utc>,
    /// Whether the signed-in user has access permission on this gateway: a forwarder they
    /// create or edit may deliver only through an active one they can forward through.
    pub can_forward: bool,
}
