use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::TriggerRun;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(value: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// What kind of object an event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    Item,
    AuthMethod,
    Target,
    Gateway,
    User,
    System,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Item,
        SourceKind::AuthMethod,
        SourceKind::Target,
        SourceKind::Gateway,
        SourceKind::User,
        SourceKind::System,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Item => "item",
            SourceKind::AuthMethod => "authMethod",
            SourceKind::Target => "target",
            SourceKind::Gateway => "gateway",
            SourceKind::User => "user",
            SourceKind::System => "system",
        }
    }

    pub fn parse(value: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == value)
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
}

/// One event as listed (`GET /events`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub category: String,
    pub severity: Severity,
    pub source_kind: SourceKind,
    /// Path of the item, auth method, target or gateway the event is about.
    pub source: String,
    pub actor: Option<String>,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    Succeeded,
    Failed,
    Pending,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Succeeded => "succeeded",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Pending => "pending",
        }
    }
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
    #[serde(default, deserialize_with = "crate::rfc3339::deserialize_option")]
    pub next_attempt_at: Option<DateTime<Utc>>,
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
}

impl Me {
    pub fn can(&self, capability: &str) -> bool {
        self.capabilities.iter().any(|c| c == capability)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GatewayStatus {
    Active,
    Inactive,
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
}
