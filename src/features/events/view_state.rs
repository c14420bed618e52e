//! The event table's whole view (filters and the open event) as it lives in the URL:
//! copy the link, reload, press Back, and the view is the same.

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use event_center_contract::{EventQuery, Order, Severity, SourceKind};

/// The time window of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Range {
    #[default]
    All,
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,
    MonthToDate,
    Custom {
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    },
}

impl Range {
    pub const PRESETS: [Range; 6] = [
        Range::All,
        Range::LastHour,
        Range::Last24Hours,
        Range::Last7Days,
        Range::Last30Days,
        Range::MonthToDate,
    ];

    /// The URL value (`range=`).
    pub fn key(self) -> &'static str {
        match self {
            Range::All => "all",
            Range::LastHour => "1h",
            Range::Last24Hours => "24h",
            Range::Last7Days => "7d",
            Range::Last30Days => "30d",
            Range::MonthToDate => "mtd",
            Range::Custom { .. } => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Range::All => "All time",
            Range::LastHour => "Last hour",
            Range::Last24Hours => "Last 24 hours",
            Range::Last7Days => "Last 7 days",
            Range::Last30Days => "Last 30 days",
            Range::MonthToDate => "Month to date",
            Range::Custom { .. } => "Custom range",
        }
    }

    /// `from` and `to` for a query made at `now`.
    pub fn bounds(self, now: DateTime<Utc>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let back = |d: Duration| (Some(now - d), None);
        match self {
            Range::All => (None, None),
            Range::LastHour => back(Duration::hours(1)),
            Range::Last24Hours => back(Duration::hours(24)),
            Range::Last7Days => back(Duration::days(7)),
            Range::Last30Days => back(Duration::days(30)),
            Range::MonthToDate => (Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0).single(), None),
            Range::Custom { from, to } => (from, to),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventsView {
    pub types: Vec<String>,
    pub severities: Vec<Severity>,
    pub source_kind: Option<SourceKind>,
    /// Source path; `*` matches any run of characters.
    pub source: String,
    pub actor: String,
    pub ip_address: String,
    /// Free text.
    pub q: String,
    pub range: Range,
    /// Only the signed-in user's unread notifications (the bell's deep links).
    pub unread: bool,
    pub order: Order,
    /// The event open in the detail drawer.
    pub selected: Option<String>,
}

fn time(value: &str) -> Option<DateTime<Utc>> {
    event_center_contract::parse_time(value).ok()
}

impl EventsView {
    /// Reads a query string (without `?`); what it cannot read it leaves out, so an edited
    /// or outdated link still opens the table.
    pub fn from_query(query: &str) -> EventsView {
        let mut view = EventsView::default();
        let (mut range, mut from, mut to) = (None, None, None);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key.as_ref() {
                "type" if !view.types.iter().any(|t| t == value) => view.types.push(value.into()),
                "severity" => {
                    if let Some(s) = Severity::parse(value).filter(|s| !view.severities.contains(s)) {
                        view.severities.push(s);
                    }
                }
                "sourceKind" => view.source_kind = SourceKind::parse(value),
                "source" => view.source = value.into(),
                "actor" => view.actor = value.into(),
                "ip" => view.ip_address = value.into(),
                "q" => view.q = value.into(),
                "range" => range = Some(value.to_string()),
                "from" => from = time(value),
                "to" => to = time(value),
                "order" if value == "asc" => view.order = Order::OldestFirst,
                "read" if value == "false" => view.unread = true,
                "event" => view.selected = Some(value.into()),
                _ => {}
            }
        }
        view.range = match range.as_deref() {
            Some("custom") | None if from.is_some() || to.is_some() => Range::Custom { from, to },
            Some(key) => Range::PRESETS.into_iter().find(|r| r.key() == key).unwrap_or_default(),
            None => Range::All,
        };
        view.severities.sort();
        view
    }

    /// The query string (without `?`); defaults are left out, so a plain view is a plain link.
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for t in &self.types {
            out.append_pair("type", t);
        }
        for s in &self.severities {
            out.append_pair("severity", s.as_str());
        }
        if let Some(k) = self.source_kind {
            out.append_pair("sourceKind", k.as_str());
        }
        for (key, value) in
            [("source", &self.source), ("actor", &self.actor), ("ip", &self.ip_address), ("q", &self.q)]
        {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        match self.range {
            Range::All => {}
            Range::Custom { from, to } => {
                out.append_pair("range", "custom");
                if let Some(from) = from {
                    out.append_pair("from", &from.to_rfc3339());
                }
                if let Some(to) = to {
                    out.append_pair("to", &to.to_rfc3339());
                }
            }
            preset => {
                out.append_pair("range", preset.key());
            }
        }
        if self.unread {
            out.append_pair("read", "false");
        }
        if self.order == Order::OldestFirst {
            out.append_pair("order", "asc");
        }
        if let Some(id) = &self.selected {
            out.append_pair("event", id);
        }
        out.finish()
    }

    /// The same filters with no event open.
    pub fn filters_only(&self) -> EventsView {
        EventsView { selected: None, ..self.clone() }
    }

    /// Whether any filter narrows the list (the order does not).
    pub fn is_filtered(&self) -> bool {
        EventsView { order: Order::default(), ..self.filters_only() } != EventsView::default()
    }

    /// The contract's query for this view's filters, with relative ranges resolved at `now`.
    pub fn to_event_query(&self, now: DateTime<Utc>, limit: u32) -> EventQuery {
        let text = |s: &String| (!s.is_empty()).then(|| s.clone());
        let (from, to) = self.range.bounds(now);
        EventQuery {
            types: self.types.clone(),
            severities: self.severities.clone(),
            source_kind: self.source_kind,
            source: text(&self.source),
            actor: text(&self.actor),
            ip_address: text(&self.ip_address),
            q: text(&self.q),
            from,
            to,
            limit: Some(limit),
            order: self.order,
            read: self.unread.then_some(false),
            ..EventQuery::default()
        }
    }

    /// "Show events like this": the same type and source, nothing else.
    pub fn like(event_type: &str, source: &str) -> EventsView {
        EventsView { types: vec![event_type.into()], source: source.into(), ..EventsView::default() }
    }
}

/// One removable chip per active filter: its text and the view without it.
pub fn chips(view: &EventsView, type_label: impl Fn(&str) -> String) -> Vec<(String, EventsView)> {
    let base = view.filters_only();
    let mut chips = Vec::new();
    for t in &view.types {
        let mut v = base.clone();
        v.types.retain(|x| x != t);
        chips.push((format!("Type: {}", type_label(t)), v));
    }
    for s in &view.severities {
        let mut v = base.clone();
        v.severities.retain(|x| x != s);
        chips.push((format!("Severity: {}", s.as_str()), v));
    }
    if let Some(k) = view.source_kind {
        chips
            .push((format!("Source kind: {}", k.as_str()), EventsView { source_kind: None, ..base.clone() }));
    }
    let mut text_chip = |label: &str, value: &String, clear: fn(&mut EventsView)| {
        if !value.is_empty() {
            let mut v = base.clone();
            clear(&mut v);
            chips.push((format!("{label}: {value}"), v));
        }
    };
    text_chip("Source", &view.source, |v| v.source.clear());
    text_chip("Actor", &view.actor, |v| v.actor.clear());
    text_chip("IP", &view.ip_address, |v| v.ip_address.clear());
    text_chip("Text", &view.q, |v| v.q.clear());
    if view.range != Range::All {
        chips.push((view.range.label().to_string(), EventsView { range: Range::All, ..base.clone() }));
    }
    if view.unread {
        chips.push(("Unread notifications".to_string(), EventsView { unread: false, ..base.clone() }));
    }
    chips
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        time(s).unwrap()
    }

    fn full() -> EventsView {
        EventsView {
            types: vec!["certificate-expired".into(), "login_failed".into()],
            severities: vec![Severity::Warning, Severity::Critical],
            source_kind: Some(SourceKind::Item),
            source: "/prod/*".into(),
            actor: "alice".into(),
            ip_address: "10.0.*".into(),
            q: "rotation & failure".into(),
            range: Range::Custom {
                from: Some(at("2026-11-01T00:00:00Z")),
                to: Some(at("2026-11-02T00:00:00Z")),
            },
            unread: true,
            order: Order::OldestFirst,
            selected: Some("evt_0000042".into()),
        }
    }

    #[test]
    fn a_view_survives_the_url() {
        let view = full();
        assert_eq!(EventsView::from_query(&view.to_query()), view);
        for range in Range::PRESETS {
            let v = EventsView { range, ..EventsView::default() };
            assert_eq!(EventsView::from_query(&v.to_query()), v);
        }
    }

    #[test]
    fn the_plain_view_is_a_plain_link() {
        assert_eq!(EventsView::default().to_query(), "");
        assert!(!EventsView { selected: Some("e".into()), ..Default::default() }.is_filtered());
        assert!(!EventsView { order: Order::OldestFirst, ..Default::default() }.is_filtered());
        assert!(full().is_filtered());
    }

    #[test]
    fn unreadable_parts_of_a_link_are_left_out() {
        let view =
            EventsView::from_query("severity=loud&severity=info&sourceKind=cat&range=forever&from=soon&x=1");
        assert_eq!(view, EventsView { severities: vec![Severity::Info], ..Default::default() });
    }

    #[test]
    fn presets_resolve_at_query_time() {
        let now = at("2026-11-23T12:00:00Z");
        let query = EventsView { range: Range::Last24Hours, ..Default::default() }.to_event_query(now, 100);
        assert_eq!((query.from, query.to), (Some(at("2026-11-22T12:00:00Z")), None));
        let mtd = EventsView { range: Range::MonthToDate, ..Default::default() }.to_event_query(now, 100);
        assert_eq!(mtd.from, Some(at("2026-11-01T00:00:00Z")));
        assert_eq!(mtd.limit, Some(100));
    }

    #[test]
    fn each_chip_removes_exactly_its_filter() {
        let view = full();
        let chips = chips(&view, |t| t.to_uppercase());
        assert_eq!(chips.len(), 11);
        assert_eq!(chips[0].0, "Type: CERTIFICATE-EXPIRED");
        assert_eq!(chips[0].1.types, ["login_failed"]);
        assert_eq!(chips[0].1.selected, None, "removing a filter closes the open event");
        let (label, without_unread) = chips.last().unwrap();
        assert_eq!(label, "Unread notifications");
        assert!(!without_unread.unread && without_unread.q == view.q);
        let (label, without_range) = &chips[chips.len() - 2];
        assert_eq!(label, "Custom range");
        assert_eq!(without_range.range, Range::All);
        assert_eq!(without_range.q, view.q);
    }
}
