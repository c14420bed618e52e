//! Usage reports: how the platform is used, over a date range and filtered by user, secret
//! or action, as the seeds' usage reports show it (totals, breakdowns, trends, top lists,
//! clients over their limits). Data is kept for 12 months.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::query::{parse_time, time, Errors};
use crate::QueryError;

/// The filters every usage operation takes. Without `from`/`to`: the last 30 days.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsageQuery {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// A user's or client's name.
    pub user: Option<String>,
    /// A secret's path.
    pub secret: Option<String>,
    /// An action, such as `get-secret-value`.
    pub action: Option<String>,
}

impl UsageQuery {
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("from", self.from.as_ref().map(time)),
            ("to", self.to.as_ref().map(time)),
            ("user", self.user.clone()),
            ("secret", self.secret.clone()),
            ("action", self.action.clone()),
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
            "action" => q.action = Some(value),
            _ => {}
        });
        errors.range(q.from, q.to);
        errors.or_ok(q)
    }
}

/// Requests under one name: a user, a secret, an auth method or a type of either.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub name: String,
    pub requests: u64,
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

/// `GET /usage/summary`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageSummary {
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub from: DateTime<Utc>,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub to: DateTime<Utc>,
    pub total_requests: u64,
    pub unique_users: u32,
    /// Most requests first, as are the other lists.
    pub by_auth_method_type: Vec<Count>,
    pub by_secret_type: Vec<Count>,
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

/// `GET /usage/export?format=json`: the whole report for the range and filters, to keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageExport {
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub generated_at: DateTime<Utc>,
    pub summary: UsageSummary,
    pub daily: Vec<UsagePoint>,
    pub top_users: Vec<Count>,
    pub top_secrets: Vec<Count>,
    pub top_auth_methods: Vec<Count>,
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
            action: Some("get-secret-value".into()),
        };
        assert_eq!(UsageQuery::parse(&query.to_query_string()), Ok(query));
        let QueryError(errors) =
            UsageQuery::parse("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z").unwrap_err();
        assert_eq!(errors[0].field, "from");
    }
}
