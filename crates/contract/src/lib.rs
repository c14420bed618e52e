//! The REST contract in Rust: the JSON shapes of `openapi/event-center.yaml` and the
//! encoding of list queries. The console's client, the mock backend and the test server
//! all speak through these types, so they cannot drift apart silently; a native test
//! checks them against the OpenAPI document.

mod events;
pub mod export;
mod forwarders;
mod notifications;
mod open_enum;
mod problem;
mod query;
mod rfc3339;
mod shared_name;
pub mod sse;
mod triggers;
mod usage;
mod whole_number;

pub use events::{
    Delivery, DeliveryStats, DeliveryStatus, Event, EventDetail, EventType, EventUser, Gateway,
    GatewayStatus, Me, Page, Severity, SourceKind, Tenant,
};
pub use forwarders::{
    CreatedForwarder, Forwarder, ForwarderConfig, ForwarderPreview, ForwarderScope, ForwarderSpec, Header,
    PreviewRequest, RotatedSecret, Secret, TestResult, WebhookAuth,
};
pub use notifications::{Notification, NotificationArrived, NotificationSettings, ReadAll, UnreadCounts};
pub use open_enum::Unknown;
pub use problem::{problem_type, FieldError, Problem};
pub use query::{
    is_type_name, parse_time, DeliveryStatsQuery, EventQuery, Order, QueryError, RunQuery, MAX_LIMIT,
};
pub use triggers::{
    Condition, EventAssignment, NamedScope, NotificationProfile, Operator, RunOutcome, RunRecord, ScopeKind,
    Trigger, TriggerAction, TriggerAssignments, TriggerKind, TriggerRun, TriggerSpec,
};
pub use usage::{
    AuthTypeUsage, ClientCount, ClientUsage, Count, Dimension, ExceededClient, ExportProducts, Interval,
    PasswordManagerReport, SecretCount, SmClients, SmUsage, UsageAction, UsageExport, UsagePoint, UsageQuery,
    UsageSeries, UsageSummary, UsageTop, UsageTotals,
};

/// Capabilities a user can hold (`GET /me`); the UI hides what a user may not do.
pub mod capability {
    pub const EVENTS_READ: &str = "events:read";
    pub const NOTIFICATIONS_READ: &str = "notifications:read";
    pub const NOTIFICATIONS_WRITE: &str = "notifications:write";
    pub const TRIGGERS_READ: &str = "triggers:read";
    pub const TRIGGERS_WRITE: &str = "triggers:write";
    pub const USAGE_REPORTS_READ: &str = "usage-reports:read";
    pub const FORWARDERS_READ: &str = "forwarders:read";
    pub const FORWARDERS_WRITE: &str = "forwarders:write";
    pub const GATEWAYS_READ: &str = "gateways:read";
}
