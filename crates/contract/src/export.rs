//! Exports of events as backends write them (`GET /events/export`): JSON in the seeds'
//! forwarded format (grouped by event type, each entry with the object's `name`, `item_id` and
//! the type's `payload`), and CSV that a spreadsheet cannot mistake for formulas.

use crate::Event;
use serde_json::{json, Map, Value};

/// `certificate-expired` -> `Certificate_Expired`, the seeds' group names.
pub fn group_name(event_type: &str) -> String {
    event_type
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("_")
}

/// Each event with its forwarded JSON (an event detail's `payload`: `name`, `item_id`, and the
/// type's details as `payload`), grouped by type: the seed's `name`, `item_id` and `payload`
/// first, then the event's own fields.
pub fn to_json(events: &[(Event, Value)]) -> String {
    let mut groups: Map<String, Value> = Map::new();
    for (event, forwarded) in events {
        let entry = json!({
            "name": event.source,
            "item_id": forwarded["item_id"],
            "payload": forwarded["payload"],
            "id": event.id,
            "severity": event.severity,
            "sourceKind": event.source_kind,
            "actor": event.actor,
            "ipAddress": event.ip_address,
            "message": event.message,
            "createdAt": event.created_at,
        });
        match groups.entry(group_name(&event.event_type)).or_insert_with(|| Value::Array(Vec::new())) {
            Value::Array(list) => list.push(entry),
            _ => unreachable!("groups hold arrays"),
        }
    }
    serde_json::to_string_pretty(&json!({ "Event_Center_Events": groups })).expect("JSON values serialize")
}

pub const CSV_HEADER: &str = "id,createdAt,severity,type,sourceKind,source,actor,ipAddress,message";

/// One CSV cell: quoted when needed, and a leading `=`, `+`, `-` or `@` (or a tab or carriage
/// return) defused with an apostrophe, so a spreadsheet shows it instead of running it.
pub fn csv_cell(value: &str) -> String {
    let defused = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

pub fn csv_row(event: &Event) -> String {
    [
        event.id.as_str(),
        // As JSON writes it (chrono's serde form): `2026-11-23T12:00:00Z`, not `+00:00`.
        &event.created_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        event.severity.as_str(),
        &event.event_type,
        event.source_kind.as_str(),
        &event.source,
        event.actor.as_deref().unwrap_or(""),
        event.ip_address.as_deref().unwrap_or(""),
        &event.message,
    ]
    .iter()
    .map(|v| csv_cell(v))
    .collect::<Vec<_>>()
    .join(",")
}

pub fn to_csv(events: &[Event]) -> String {
    let mut out = String::with_capacity(events.len() * 160 + CSV_HEADER.len());
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for event in events {
        out.push_str(&csv_row(event));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Severity, SourceKind};
    use chrono::{DateTime, Utc};

    use super::*;

    fn event(id: &str, event_type: &str, actor: &str) -> Event {
        Event {
            id: id.into(),
            event_type: event_type.into(),
            category: "items".into(),
            severity: Severity::Critical,
            source_kind: SourceKind::Item,
            source: "/prod/db".into(),
            actor: Some(actor.into()),
            ip_address: None,
            message: "said \"hi\", then left".into(),
            created_at: DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z").unwrap().with_timezone(&Utc),
        }
    }

    #[test]
    fn csv_and_json_write_a_time_alike() {
        let mut e = event("a", "login", "ann");
        e.created_at =
            DateTime::parse_from_rfc3339("2026-11-23T12:00:00.250+00:00").unwrap().with_timezone(&Utc);
        let json: serde_json::Value = serde_json::from_str(&to_json(&[(e.clone(), json!({}))])).unwrap();
        let written = json["Event_Center_Events"]["Login"][0]["createdAt"].as_str().unwrap().to_string();
        assert_eq!(written, "2026-11-23T12:00:00.250Z");
        assert_eq!(to_csv(&[e]).lines().nth(1).unwrap().split(',').nth(1), Some(written.as_str()));
    }

    #[test]
    fn formula_like_cells_are_defused() {
        for dangerous in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"] {
            assert!(csv_cell(dangerous).trim_start_matches('"').starts_with('\''), "{dangerous}");
        }
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }

    #[test]
    fn csv_quotes_what_it_must() {
        let csv = to_csv(&[event("e1", "login", "=cmd|'/c calc'!A0")]);
        let mut lines = csv.split("\r\n");
        assert_eq!(lines.next(), Some(CSV_HEADER));
        assert_eq!(
            lines.next(),
            Some("e1,2026-11-23T12:00:00Z,critical,login,item,/prod/db,'=cmd|'/c calc'!A0,,\"said \"\"hi\"\", then left\"")
        );
    }

    #[test]
    fn json_groups_events_by_type_as_forwarded() {
        let forwarded = |id: &str| json!({ "name": "/prod/db", "item_id": id, "payload": { "certificate_details": { "expires_at": "2026-12-01" } } });
        let json: Value = serde_json::from_str(&to_json(&[
            (event("e1", "certificate-expired", "a"), forwarded("101")),
            (event("e2", "certificate-expired", "b"), forwarded("102")),
            (event("e3", "request-access", "c"), forwarded("103")),
        ]))
        .unwrap();
        let groups = &json["Event_Center_Events"];
        assert_eq!(groups["Certificate_Expired"].as_array().unwrap().len(), 2);
        let entry = &groups["Request_Access"][0];
        assert_eq!((&entry["name"], &entry["item_id"]), (&json!("/prod/db"), &json!("103")));
        assert_eq!(entry["payload"]["certificate_details"]["expires_at"], "2026-12-01");
        assert_eq!(group_name("usage_unused"), "Usage_Unused");
    }
}
