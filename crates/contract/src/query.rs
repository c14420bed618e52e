//! `GET /events` query parameters: one encoding, used by the client to build URLs and by
//! backends (the mock, the test server) to read them.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::{FieldError, Problem, RunOutcome, Severity, SourceKind};

/// The most events one page may hold.
pub const MAX_LIMIT: u32 = 500;

/// List order by time; newest first unless asked otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    NewestFirst,
    OldestFirst,
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::NewestFirst => "desc",
            Order::OldestFirst => "asc",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventQuery {
    /// Any of these event types (`type`, repeated).
    pub types: Vec<String>,
    pub category: Option<String>,
    /// Any of these severities (`severity`, repeated).
    pub severities: Vec<Severity>,
    pub source_kind: Option<SourceKind>,
    /// A source path, where `*` matches any run of characters.
    pub source: Option<String>,
    pub actor: Option<String>,
    pub ip_address: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Free text, matched case-insensitively against message, source and actor.
    pub q: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// A cursor belongs to the order it was given out in.
    pub order: Order,
    /// Only events that are the signed-in user's notifications, unread (`false`) or read (`true`).
    pub read: Option<bool>,
}

/// Query parameters that are not valid, as the field errors of a 422.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryError(pub Vec<FieldError>);

impl From<QueryError> for Problem {
    fn from(e: QueryError) -> Problem {
        Problem::validation(e.0)
    }
}

pub(crate) fn time(value: &DateTime<Utc>) -> String {
    value.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl EventQuery {
    /// The query string, without the leading `?`; empty fields are left out.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for t in &self.types {
            out.append_pair("type", t);
        }
        if let Some(v) = &self.category {
            out.append_pair("category", v);
        }
        for s in &self.severities {
            out.append_pair("severity", s.as_str());
        }
        if let Some(v) = self.source_kind {
            out.append_pair("sourceKind", v.as_str());
        }
        for (key, value) in [
            ("source", &self.source),
            ("actor", &self.actor),
            ("ipAddress", &self.ip_address),
            ("q", &self.q),
        ] {
            if let Some(v) = value {
                out.append_pair(key, v);
            }
        }
        if let Some(v) = &self.from {
            out.append_pair("from", &time(v));
        }
        if let Some(v) = &self.to {
            out.append_pair("to", &time(v));
        }
        if let Some(v) = self.limit {
            out.append_pair("limit", &v.to_string());
        }
        if let Some(v) = &self.cursor {
            out.append_pair("cursor", v);
        }
        if self.order != Order::NewestFirst {
            out.append_pair("order", self.order.as_str());
        }
        if let Some(read) = self.read {
            out.append_pair("read", if read { "true" } else { "false" });
        }
        out.finish()
    }

    /// Reads a query string (without `?`). Unknown parameters are ignored; invalid values
    /// are all reported at once, each with its parameter's name.
    pub fn parse(query: &str) -> Result<EventQuery, QueryError> {
        let mut q = EventQuery::default();
        let mut errors = Errors::read(query, |key, value, errors| match key {
            "type" if is_type_name(&value) => q.types.push(value),
            "type" => errors.add(
                "type",
                format!("\"{value}\" is not an event type's name (letters and digits joined by - or _)"),
            ),
            "category" => q.category = Some(value),
            "severity" => match Severity::parse(&value) {
                Some(s) => q.severities.push(s),
                None => errors.add("severity", format!("\"{value}\" is not one of info, warning, critical")),
            },
            "sourceKind" => match SourceKind::parse(&value) {
                Some(k) => q.source_kind = Some(k),
                None => errors.add(
                    "sourceKind",
                    format!("\"{value}\" is not one of item, authMethod, target, gateway, user, system"),
                ),
            },
            "source" => q.source = Some(value),
            "actor" => q.actor = Some(value),
            "ipAddress" => q.ip_address = Some(value),
            "q" => q.q = Some(value),
            "from" => parse_time(&value).map_or_else(|m| errors.add("from", m), |t| q.from = Some(t)),
            "to" => parse_time(&value).map_or_else(|m| errors.add("to", m), |t| q.to = Some(t)),
            "limit" => parse_limit(&value).map_or_else(|m| errors.add("limit", m), |n| q.limit = Some(n)),
            "cursor" => q.cursor = Some(value),
            "order" => match value.as_str() {
                "desc" => q.order = Order::NewestFirst,
                "asc" => q.order = Order::OldestFirst,
                _ => errors.add("order", format!("\"{value}\" is not asc or desc")),
            },
            "read" => match value.as_str() {
                "true" => q.read = Some(true),
                "false" => q.read = Some(false),
                _ => errors.add("read", format!("\"{value}\" is not true or false")),
            },
            _ => {}
        });
        errors.range(q.from, q.to);
        errors.or_ok(q)
    }
}

/// The field errors of a query, collected so that every invalid parameter is reported at once.
#[derive(Default)]
pub(crate) struct Errors(Vec<FieldError>);

impl Errors {
    /// Hands each parameter with a value to `read`, which reports what it cannot take; an empty
    /// value is a parameter left out (the document's `allowEmptyValue`).
    pub(crate) fn read(query: &str, mut read: impl FnMut(&str, String, &mut Errors)) -> Errors {
        let mut errors = Errors::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if !value.is_empty() {
                read(&key, value.into_owned(), &mut errors);
            }
        }
        errors
    }

    pub(crate) fn add(&mut self, field: &str, message: String) {
        self.0.push(FieldError { field: field.into(), message });
    }

    /// A range must not end before it starts.
    pub(crate) fn range(&mut self, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) {
        if from.zip(to).is_some_and(|(from, to)| from > to) {
            self.add("from", "must not be later than to".into());
        }
    }

    pub(crate) fn or_ok<T>(self, value: T) -> Result<T, QueryError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(QueryError(self.0))
        }
    }
}

/// How every event type is named, in the catalog and in filters: `certificate-expired`,
/// `login_failed`, a legacy `Certificate_Expired` (the document's `EventTypeName`).
pub fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An RFC 3339 time, or why not.
pub fn parse_time(value: &str) -> Result<DateTime<Utc>, String> {
    crate::rfc3339::parse(value)
        .ok_or_else(|| format!("\"{value}\" is not an RFC 3339 time such as 2026-01-31T23:59:59Z"))
}

fn parse_limit(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(format!("\"{value}\" is not a whole number from 1 to {MAX_LIMIT}")),
    }
}

/// Appends the pairs whose value is there, in order.
fn append_present(out: &mut form_urlencoded::Serializer<String>, pairs: &[(&str, Option<String>)]) {
    for (key, value) in pairs {
        if let Some(v) = value {
            out.append_pair(key, v);
        }
    }
}

/// `GET /trigger-runs` query parameters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunQuery {
    /// Only the runs for this event (an event id).
    pub event: Option<String>,
    /// Only the runs of this trigger (a trigger id).
    pub trigger: Option<String>,
    /// Only the runs for events of this type.
    pub event_type: Option<String>,
    pub outcome: Option<RunOutcome>,
    /// Only runs that looked at an object whose reference matches; `*` matches any run of characters.
    pub object: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl RunQuery {
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        append_present(
            &mut out,
            &[
                ("event", self.event.clone()),
                ("trigger", self.trigger.clone()),
                ("eventType", self.event_type.clone()),
                ("outcome", self.outcome.map(|o| o.as_str().to_string())),
                ("object", self.object.clone()),
                ("from", self.from.as_ref().map(time)),
                ("to", self.to.as_ref().map(time)),
                ("limit", self.limit.map(|n| n.to_string())),
                ("cursor", self.cursor.clone()),
            ],
        );
        out.finish()
    }

    pub fn parse(query: &str) -> Result<RunQuery, QueryError> {
        let mut q = RunQuery::default();
        let mut errors = Errors::read(query, |key, value, errors| match key {
            "event" => q.event = Some(value),
            "trigger" => q.trigger = Some(value),
            "eventType" => q.event_type = Some(value),
            "outcome" => match RunOutcome::parse(&value) {
                Some(o) => q.outcome = Some(o),
                None => errors
                    .add("outcome", format!("\"{value}\" is not one of ignored, actioned, no-match, failed")),
            },
            "object" => q.object = Some(value),
            "from" => parse_time(&value).map_or_else(|m| errors.add("from", m), |t| q.from = Some(t)),
            "to" => parse_time(&value).map_or_else(|m| errors.add("to", m), |t| q.to = Some(t)),
            "limit" => parse_limit(&value).map_or_else(|m| errors.add("limit", m), |n| q.limit = Some(n)),
            "cursor" => q.cursor = Some(value),
            _ => {}
        });
        errors.range(q.from, q.to);
        errors.or_ok(q)
    }
}

/// `GET /forwarders/{id}/delivery-stats` query parameters: the range of the events counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeliveryStatsQuery {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl DeliveryStatsQuery {
    /// How many hours before `to` the range starts when `from` is left out.
    const DEFAULT_HOURS: i64 = 24;

    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        append_present(
            &mut out,
            &[("from", self.from.as_ref().map(time)), ("to", self.to.as_ref().map(time))],
        );
        out.finish()
    }

    pub fn parse(query: &str) -> Result<DeliveryStatsQuery, QueryError> {
        let mut q = DeliveryStatsQuery::default();
        let mut errors = Errors::read(query, |key, value, errors| match key {
            "from" => parse_time(&value).map_or_else(|m| errors.add("from", m), |t| q.from = Some(t)),
            "to" => parse_time(&value).map_or_else(|m| errors.add("to", m), |t| q.to = Some(t)),
            _ => {}
        });
        errors.range(q.from, q.to);
        errors.or_ok(q)
    }

    /// The range counted at `now`: `to` defaults to now, `from` to a day before `to`. A `from`
    /// given alone may still be later than the `to` it gets, which `parse` cannot see.
    pub fn range(&self, now: DateTime<Utc>) -> Result<(DateTime<Utc>, DateTime<Utc>), QueryError> {
        let to = self.to.unwrap_or(now);
        let from = self.from.unwrap_or(to - chrono::Duration::hours(Self::DEFAULT_HOURS));
        let mut errors = Errors::default();
        if from > to {
            errors.add("from", "must not be later than to, which is now when left out".into());
        }
        errors.or_ok((from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn every_field_survives_a_round_trip() {
        let query = EventQuery {
            types: vec!["certificate-expired".into(), "rotated-secret-failure".into()],
            category: Some("items".into()),
            severities: vec![Severity::Warning, Severity::Critical],
            source_kind: Some(SourceKind::AuthMethod),
            source: Some("/prod/*".into()),
            actor: Some("alice@example.com".into()),
            ip_address: Some("10.0.0.7".into()),
            from: Some(at("2026-11-01T00:00:00Z")),
            to: Some(at("2026-11-23T12:30:00.250Z")),
            q: Some("a & b = c?".into()),
            limit: Some(100),
            cursor: Some("abc.123".into()),
            order: Order::OldestFirst,
            read: Some(false),
        };
        assert_eq!(EventQuery::parse(&query.to_query_string()), Ok(query));
    }

    #[test]
    fn an_empty_query_is_empty() {
        assert_eq!(EventQuery::default().to_query_string(), "");
        assert_eq!(EventQuery::parse(""), Ok(EventQuery::default()));
    }

    #[test]
    fn repeated_parameters_accumulate_and_unknown_ones_are_ignored() {
        let q = EventQuery::parse("type=a&type=b&severity=info&utm_source=mail").unwrap();
        assert_eq!(q.types, ["a", "b"]);
        assert_eq!(q.severities, [Severity::Info]);
    }

    #[test]
    fn every_invalid_parameter_is_reported_by_name() {
        let QueryError(errors) =
            EventQuery::parse("severity=loud&limit=501&from=yesterday&sourceKind=cat&read=maybe")
                .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["severity", "limit", "from", "sourceKind", "read"]);
        assert!(errors[1].message.contains("1 to 500"));
    }

    #[test]
    fn run_queries_survive_a_round_trip_and_name_bad_values() {
        let query = RunQuery {
            event: Some("evt_0000042".into()),
            trigger: Some("trg_assign_owner".into()),
            event_type: Some("certificate-uploaded".into()),
            outcome: Some(RunOutcome::NoMatch),
            object: Some("*.example.com".into()),
            from: Some(at("2026-11-01T00:00:00Z")),
            to: Some(at("2026-11-02T00:00:00Z")),
            limit: Some(20),
            cursor: Some("r42.1".into()),
        };
        assert_eq!(RunQuery::parse(&query.to_query_string()), Ok(query));
        let QueryError(errors) = RunQuery::parse("outcome=meh&limit=0").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["outcome", "limit"]);
    }

    #[test]
    fn a_range_that_ends_before_it_starts_is_rejected() {
        let QueryError(errors) =
            EventQuery::parse("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z").unwrap_err();
        assert_eq!(errors[0].field, "from");
    }

    #[test]
    fn delivery_stats_count_the_last_day_unless_told_otherwise() {
        let query = DeliveryStatsQuery {
            from: Some(at("2026-11-01T00:00:00Z")),
            to: Some(at("2026-11-08T00:00:00Z")),
        };
        assert_eq!(DeliveryStatsQuery::parse(&query.to_query_string()), Ok(query.clone()));
        let now = at("2026-11-23T12:00:00Z");
        assert_eq!(query.range(now), Ok((at("2026-11-01T00:00:00Z"), at("2026-11-08T00:00:00Z"))));
        assert_eq!(DeliveryStatsQuery::default().range(now), Ok((at("2026-11-22T12:00:00Z"), now)));
        let until = DeliveryStatsQuery { to: Some(at("2026-11-08T00:00:00Z")), ..Default::default() };
        assert_eq!(until.range(now).unwrap().0, at("2026-11-07T00:00:00Z"));
        let after_now = DeliveryStatsQuery { from: Some(at("2026-11-24T00:00:00Z")), ..Default::default() };
        assert_eq!(after_now.range(now).unwrap_err().0[0].field, "from");
        let QueryError(errors) = DeliveryStatsQuery::parse("from=yesterday&to=").unwrap_err();
        assert_eq!(errors[0].field, "from");
    }
}
