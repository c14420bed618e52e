//! Usage reports: how the platform is used, over a date range and filtered by user, secret
//! or action, as the seeds' usage reports show it (totals, breakdowns, trends, top lists,
//! clients over their limits). Data is kept for 12 months.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::query::{parse_time, time, Errors};
use crate::QueryError;

/// The seed's kinds of action a usage report filters by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UsageAction {
    Creation,
    Access,
    Update,
    Deletion,
    Authentication,
}

impl UsageAction {
    pub const ALL: [UsageAction; 5] = [
        UsageAction::Creation,
        UsageAction::Access,
        UsageAction::Update,
        UsageAction::Deletion,
        UsageAction::Authentication,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UsageAction::Creation => "creation",
            UsageAction::Access => "access",
            UsageAction::Update => "update",
            UsageAction::Deletion => "deletion",
            UsageAction::Authentication => "authentication",
        }
    }

    pub fn parse(value: &str) -> Option<UsageAction> {
        UsageAction::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// The filters every usage operation takes. Without `from`/`to`: the last 30 days.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsageQuery {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// A user's or client's name.
    pub user: Option<String>,
    /// A secret's or key's path.
    pub secret: Option<String>,
    pub action: Option<UsageAction>,
}

impl UsageQuery {
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("from", self.from.as_ref().map(time)),
            ("to", self.to.as_ref().map(time)),
            ("user", self.user.clone()),
            ("secret", self.secret.clone()),
            ("action", self.action.map(|a| a.as_str().to_string())),
        ] {
            if let Some(v) = value {
                out.append_pair(key, &v);
            }
        }
        out.finish()
    }

    /// Reads the filters; other parameters (`interval`, `dimension`, `limit`) are the operation's.
    pub fn parse(query: &str) -> Result<UsageQuery, QueryError> {
        let mut q = UsageQuery::default();
        let mut errors = Errors::read(query, |key, value, errors| match key {
            "from" => parse_time(&value).map_or_else(|m| errors.add("from", m), |t| q.from = Some(t)),
            "to" => parse_time(&value).map_or_else(|m| errors.add("to", m), |t| q.to = Some(t)),
            "user" => q.user = Some(value),
            "secret" => q.secret = Some(value),
            "action" => match UsageAction::parse(&value) {
                Some(a) => q.action = Some(a),
                None => errors.add(
                    "action",
                    format!("\"{value}\" is not one of creation, access, update, deletion, authentication"),
                ),
            },
            _ => {}
        });
        errors.range(q.from, q.to);
        errors.or_ok(q)
    }
}

fn is_false(b: &bool) -> bool {
    !b
}

/// Requests under one name: a user, a secret, an auth method or a type of either.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub name: String,
    pub requests: u64,
    /// A secret or key deleted since: its past requests still count.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// An item in a user's personal folder.
    #[serde(default, skip_serializing_if = "is_false")]
    pub personal: bool,
}

/// How many clients (not requests) authenticate with one type of auth method.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientCount {
    pub name: String,
    pub clients: u64,
}

/// How many secrets or keys (not requests) there are of one type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretCount {
    pub name: String,
    pub secrets: u64,
}

/// A client that made more requests than its plan allows over the range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExceededClient {
    pub client: String,
    pub auth_method_type: String,
    pub requests: u64,
    /// The limit for the range (the monthly limit, prorated).
    pub limit: u64,
}

/// The headline figures of one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageTotals {
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub from: DateTime<Utc>,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub to: DateTime<Utc>,
    pub total_requests: u64,
    /// People (not service clients) with at least one request.
    pub unique_users: u64,
    /// Clients of any kind (people, services, machines) with at least one request.
    pub total_clients: u64,
    /// Secrets and keys that exist at the end of the period; deleted ones are left out.
    pub total_secrets: u64,
}

/// `GET /usage/summary`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageSummary {
    pub current: UsageTotals,
    /// The period of the same length just before, to compare with; `None` when it reaches
    /// further back than the data is kept.
    pub previous: Option<UsageTotals>,
    /// Requests per auth-method type; most first, as are the other lists.
    pub requests_by_auth_method_type: Vec<Count>,
    /// Clients per auth-method type (the seed's `clients_by_auth_method_types`).
    pub clients_by_auth_method_type: Vec<ClientCount>,
    /// Requests per secret type, deleted items' past requests included.
    pub requests_by_secret_type: Vec<Count>,
    /// Secrets per type (the seed's `secrets_by_types`), deleted ones left out.
    pub secrets_by_type: Vec<SecretCount>,
    pub exceeded_clients: Vec<ExceededClient>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Hour,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsagePoint {
    /// The start of the day or hour.
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub at: DateTime<Utc>,
    pub requests: u64,
}

/// `GET /usage/timeseries`: one point per day or hour of the range, empty ones included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageSeries {
    pub interval: Interval,
    pub points: Vec<UsagePoint>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    User,
    Secret,
    AuthMethod,
}

impl Dimension {
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::User => "user",
            Dimension::Secret => "secret",
            Dimension::AuthMethod => "authMethod",
        }
    }
}

/// `GET /usage/top`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageTop {
    pub dimension: Dimension,
    pub entries: Vec<Count>,
}

/// One authentication type of the password manager (the seed's SAML, OIDC, LDAP, Email).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthTypeUsage {
    pub name: String,
    pub users: u64,
    pub requests: u64,
}

/// `GET /usage/password-manager`: the seed's password manager usage report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordManagerReport {
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub from: DateTime<Utc>,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub to: DateTime<Utc>,
    pub total_users: u64,
    /// Auth methods (not types) the password manager's users sign in with.
    pub total_auth_methods: u64,
    /// Passwords stored at the end of the range.
    pub stored_passwords: u64,
    /// Every type the password manager offers, in the seed's order, unused ones with zeros.
    pub by_auth_type: Vec<AuthTypeUsage>,
}

/// `GET /usage/export?format=json`: the seed's `get-analytics-data` document, word for word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageExport {
    /// Unix seconds.
    pub date_updated: i64,
    pub usage_reports: ExportProducts<SmUsage>,
    pub clients_usage_reports: ExportProducts<SmClients>,
}

/// The seed's reports are keyed by product; `sm` is secrets management.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProducts<T> {
    pub sm: T,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmUsage {
    /// Always `sm`.
    pub product: String,
    pub total_clients: u64,
    pub clients_by_auth_method_types: BTreeMap<String, u64>,
    pub total_secrets: u64,
    pub secrets_by_types: BTreeMap<String, u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmClients {
    pub clients: Vec<ClientUsage>,
}

/// A client active in the range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientUsage {
    pub client_name: String,
    pub auth_method_type: String,
    pub requests: u64,
    pub limit: u64,
    /// 1 when this client went over its limit, else 0: a count of clients, so that summing it
    /// over the list counts the clients over their limits.
    pub exceeded_clients: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_filters_survive_a_round_trip() {
        let query = UsageQuery {
            from: Some(parse_time("2026-10-01T00:00:00Z").unwrap()),
            to: Some(parse_time("2026-11-01T00:00:00Z").unwrap()),
            user: Some("svc-ci-runner".into()),
            secret: Some("/prod/payments/db/postgres-primary-admin".into()),
            action: Some(UsageAction::Access),
        };
        assert_eq!(UsageQuery::parse(&query.to_query_string()), Ok(query));
        let QueryError(errors) =
            UsageQuery::parse("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z").unwrap_err();
        assert_eq!(errors[0].field, "from");
        let QueryError(errors) = UsageQuery::parse("action=get-secret-value").unwrap_err();
        assert_eq!(errors[0].field, "action");
    }
}
