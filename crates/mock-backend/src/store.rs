//! The mock's events: generated from a seed, kept in time order, queried with the contract's
//! filters and keyset cursors. A sequence number follows time order, so it is the key,
//! the index and the cursor at once, and new events never move a page already read.

use std::cell::OnceCell;

use chrono::{DateTime, Duration, DurationRound, SecondsFormat, Utc};
use event_center_contract::{
    Delivery, Event, EventDetail, EventQuery, FieldError, Order, QueryError, RunOutcome, Severity, SourceKind,
};
use serde_json::{json, Map, Value};

use crate::authentik;
use crate::automation::{self, Belongs, Plan, GROUPS, RA_PROFILES};
use crate::catalog::{Kind, KINDS};
use crate::czertainly;
use crate::inbox::Inbox;
use crate::rng::Rng;
use crate::world;

/// How long events are kept, as authentik's default tenant keeps them (seed 003), so how far
/// back generated events reach.
pub const RETENTION_DAYS: i64 = 365;

/// The one event type whose object an ignore trigger can reject before it exists (seed 001).
pub(crate) const REJECTABLE: &str = "certificate-uploaded";

pub struct StoredEvent {
    pub seq: u32,
    pub at: DateTime<Utc>,
    pub kind: &'static Kind,
    pub severity: Severity,
    pub source_kind: SourceKind,
    pub source: String,
    pub actor: Option<&'static str>,
    pub ip_address: Option<String>,
    /// Seeds the details (template values, payload) that are derived only when asked for.
    pub(crate) detail_seed: u64,
    /// For an event that arrived in the session, the triggers its type ran then; the generated
    /// history ran the seeded ones.
    pub(crate) plan: Option<Plan>,
    /// [`StoredEvent::rejected_by`], worked out once: it runs the event's triggers.
    rejected: OnceCell<Option<String>>,
}

impl StoredEvent {
    pub fn id(&self) -> String {
        format!("evt_{:07}", self.seq)
    }

    pub fn parse_id(id: &str) -> Option<u32> {
        id.strip_prefix("evt_")?.parse().ok()
    }

    /// A template placeholder's value; the same event always gives the same value.
    fn value(&self, name: &str) -> String {
        let mut rng = Rng::new(
            self.detail_seed
                ^ name
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)),
        );
        let leaf = self.source.rsplit('/').next().unwrap_or(&self.source).to_string();
        let later = |days: i64| (self.at + Duration::days(days)).format("%Y-%m-%d").to_string();
        match name {
            "itemName" | "authMethodName" => self.source.clone(),
            "gatewayName" => self.source.clone(),
            "commonName" => leaf,
            "actor" => self.actor.unwrap_or("system").into(),
            "ipAddress" => self.ip_address.clone().unwrap_or_else(|| "unknown".into()),
            "expiresAt" => {
                later(if self.severity == Severity::Critical { 0 } else { 1 + rng.below(30) as i64 })
            }
            "error" => rng
                .pick(&[
                    "connection refused by target postgres-prod-eu:5432",
                    "authentication failed for user 'rotator'",
                    "timeout after 30s waiting for the gateway",
                    "target returned 403: insufficient privileges to change password",
                ])
                .to_string(),
            "days" => rng.pick(&["30", "60", "90"]).to_string(),
            "justification" => rng
                .pick(&[
                    "INC-4821 database failover",
                    "CHG-1093 scheduled maintenance",
                    "debugging a failed deploy",
                ])
                .to_string(),
            "clientName" => {
                // The clients the usage report finds over their limits.
                rng.pick(&["svc-ci-runner", "mobile-backend"]).to_string()
            }
            "requests" => (10_000 + rng.below(90_000)).to_string(),
            "oldStatus" => rng.pick(&["valid", "expiring"]).to_string(),
            "newStatus" => rng.pick(&["expiring", "expired", "revoked"]).to_string(),
            "action" => rng.pick(&["Issue", "Renew", "Rekey", "Revoke"]).to_string(),
            "count" => (1 + rng.below(40)).to_string(),
            "discoveryName" => {
                rng.pick(&["network-scan-dc2", "ct-log-watch", "k8s-secrets-scan"]).to_string()
            }
            "decision" => rng.pick(&["approved", "rejected"]).to_string(),
            "jobName" => rng.pick(&["certificate-renewal", "crl-refresh", "inventory-sync"]).to_string(),
            "status" => rng.pick(&["succeeded", "failed"]).to_string(),
            "appName" => rng.pick(&["grafana", "gitlab", "vault-ui", "argocd"]).to_string(),
            "sourceName" => rng.pick(&["github", "azure-ad", "google-workspace"]).to_string(),
            "impersonated" => world::actor(&mut rng).to_string(),
            "policyName" => rng.pick(&["default-password-policy", "geoip-block", "require-mfa"]).to_string(),
            "mappingName" => rng.pick(&["ldap-email", "saml-groups", "oidc-profile"]).to_string(),
            "model" => rng.pick(&["group admins", "application grafana", "flow default-login"]).to_string(),
            "recipient" => world::actor(&mut rng).to_string(),
            "subject" => rng.pick(&["Password reset", "Account recovery", "Invitation"]).to_string(),
            "version" => rng.pick(&["2026.10.2", "2026.11.1"]).to_string(),
            "secretUid" => uid(&mut rng),
            "appUid" => uid(&mut rng),
            "deviceName" => rng.pick(&["build-agent-07", "payments-api-pod", "laptop-jdoe"]).to_string(),
            "authMethod" => rng.pick(&["password", "saml", "oidc", "webauthn"]).to_string(),
            "reason" => rng
                .pick(&[
                    "a revoked token was used",
                    "token audience mismatch",
                    "provider has no redirect URI set",
                ])
                .to_string(),
            _ => String::new(),
        }
    }

    pub fn message(&self) -> String {
        match self.rejected_by() {
            Some(trigger) => format!(
                "An uploaded certificate was rejected by the ignore trigger \"{trigger}\"; its own details are not kept"
            ),
            None => fill_template(self.kind.template, |name| self.value(name)),
        }
    }

    /// For an upload an ignore trigger rejected, that trigger's name: the event history keeps it,
    /// but not the rejected certificate's own details (seed 001; the audit log has them).
    fn rejected_by(&self) -> Option<&str> {
        if self.kind.name != REJECTABLE {
            return None;
        }
        let rejected = self.rejected.get_or_init(|| {
            let runs = self.trigger_runs();
            runs.into_iter().find(|r| r.outcome == RunOutcome::Ignored).map(|r| r.trigger_name)
        });
        rejected.as_deref()
    }

    /// Where the event happened: for a rejected upload, the folder it was uploaded to, since
    /// the certificate's own name is among the details not kept.
    pub fn shown_source(&self) -> &str {
        match self.rejected_by() {
            Some(_) => self.source.rsplit_once('/').map_or("", |(folder, _)| folder),
            None => &self.source,
        }
    }

    pub fn to_event(&self) -> Event {
        Event {
            id: self.id(),
            event_type: self.kind.name.into(),
            category: self.kind.category.into(),
            severity: self.severity,
            source_kind: self.source_kind,
            source: self.shown_source().into(),
            actor: self.actor.map(Into::into),
            ip_address: self.ip_address.clone(),
            message: self.message(),
            created_at: self.at,
        }
    }

    /// The event as forwarders send it (the seeds' forwarded JSON): the object's name and id,
    /// then the type's details.
    pub fn forwarded(&self) -> Value {
        let mut details = Map::new();
        if let Some(trigger) = self.rejected_by() {
            details.insert("rejected_by".into(), Value::String(trigger.into()));
            return self.forwarded_with(details);
        }
        for name in placeholders(self.kind.template) {
            details.insert(snake_case(name), Value::String(self.value(name)));
        }
        let value = |name: &str| self.value(name);
        if let Some(data) =
            czertainly::event_data(self.kind.name, value, &mut Rng::new(self.detail_seed.rotate_left(53)))
        {
            details.insert("event_data".into(), data);
        }
        if self.kind.name.starts_with("certificate") {
            let mut certificate = json!({ "expires_at": self.value("expiresAt"), "description": format!("TLS certificate for {}", self.value("commonName")) });
            let name_of = |objects: &[(&str, &'static str)], id: Option<&str>| {
                id.and_then(|id| objects.iter().find(|(o, _)| *o == id)).map(|(_, name)| *name)
            };
            if let Some(profile) = name_of(RA_PROFILES, self.ra_profile()) {
                certificate["ra_profile"] = Value::String(profile.into());
            }
            if let Some(group) = name_of(GROUPS, self.group()) {
                certificate["group"] = Value::String(group.into());
            }
            details.insert("certificate_details".into(), certificate);
        }
        self.forwarded_with(details)
    }

    fn forwarded_with(&self, details: Map<String, Value>) -> Value {
        json!({
            "name": self.shown_source(),
            "item_id": format!("{}", 100_000 + (self.detail_seed % 900_000)),
            "event_type": self.kind.name,
            "created_at": self.at.to_rfc3339_opts(SecondsFormat::Millis, true),
            "payload": details,
        })
    }

    /// Everything about the event (`GET /events/{id}`), its payload the forwarded JSON, with
    /// its `deliveries` as the forwarders have them.
    pub fn to_detail(&self, deliveries: Vec<Delivery>) -> EventDetail {
        let authentik = (self.kind.category == "authentication").then(|| {
            authentik::details(self, |name| self.value(name), &mut Rng::new(self.detail_seed.rotate_left(41)))
        });
        let (user, app, context, expires, tenant) = match authentik {
            Some(d) => (Some(d.user), Some(d.app), Some(d.context), Some(d.expires), Some(d.tenant)),
            None => (None, None, None, None, None),
        };
        EventDetail {
            event: self.to_event(),
            payload: self.forwarded(),
            trigger_runs: self.trigger_runs(),
            deliveries,
            user,
            app,
            context,
            expires,
            tenant,
        }
    }

    /// The RA profile of the certificate the event is about; `None` when it is about none.
    fn ra_profile(&self) -> Option<&'static str> {
        self.about_a_certificate().then(|| world::ra_profile_of(&self.source))
    }

    /// The group of the certificate the event is about; `None` when it is about none, or the
    /// certificate is in no group.
    fn group(&self) -> Option<&'static str> {
        self.about_a_certificate().then(|| world::group_of(&self.source)).flatten()
    }

    fn belongs(&self) -> Belongs<'static> {
        let discovered = self.kind.name == "certificate-discovered" && self.about_a_certificate();
        Belongs {
            ra_profile: self.ra_profile(),
            group: self.group(),
            discovery: discovered.then(|| world::discovery_of(&self.source)),
        }
    }

    fn about_a_certificate(&self) -> bool {
        automation::resource_of(self.kind) == "certificate" && self.source_kind == SourceKind::Item
    }
}

fn uid(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..22).map(|_| ALPHABET[rng.below(ALPHABET.len())] as char).collect()
}

fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The `${name}` placeholders of a template, in order.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template.split("${").skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

fn fill_template(template: &str, mut value: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].split_once('}') {
            Some((name, after)) => {
                out.push_str(&value(name));
                rest = after;
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `*` matches any run of characters (also none); everything else matches itself.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

pub struct Store {
    /// Oldest first; `events[i].seq == i`.
    pub(crate) events: Vec<StoredEvent>,
    rng: Rng,
}

/// What a list query returns: the page's events and whether more follow.
pub struct Listed<'a> {
    pub events: Vec<&'a StoredEvent>,
    pub next_cursor: Option<String>,
}

impl Store {
    /// `count` events spread over the year before `now`, denser towards `now`;
    /// the same seed, count and `now` always give the same events.
    pub fn generate(seed: u64, count: usize, now: DateTime<Utc>) -> Store {
        // Counted back from the start of the hour: a monitoring event happens on the hour and
        // each event's kind depends on the one before, so counting from a clock that moved a few
        // seconds between two loads (a reload) could give different data from that event on.
        let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
        let mut rng = Rng::new(seed);
        let span_ms = (Duration::days(RETENTION_DAYS).num_milliseconds()) as f64;
        let mut times: Vec<i64> = (0..count)
            .map(|_| {
                let u = rng.unit();
                hour.timestamp_millis() - (span_ms * u * u) as i64
            })
            .collect();
        times.sort_unstable();
        let mut store = Store { events: Vec::with_capacity(count), rng };
        for ms in times {
            let at = DateTime::from_timestamp_millis(ms).expect("a time within a year of now");
            store.append(at, None);
        }
        store
    }

    fn append(&mut self, at: DateTime<Utc>, severity: Option<Severity>) -> &StoredEvent {
        let rng = &mut self.rng;
        let mut kind = pick_kind(rng, severity);
        // A monitoring event fires from the hourly monitoring run (seed 001), so it happens on
        // the hour; where an event already came after that hour began, another kind happens.
        let hour = at.duration_trunc(Duration::hours(1)).unwrap_or(at);
        let hour_is_free = self.events.last().is_none_or(|last| last.at <= hour);
        while automation::is_monitoring(kind) && !hour_is_free {
            kind = pick_kind(rng, severity);
        }
        let at = if automation::is_monitoring(kind) { hour } else { at };
        let (source_kind, source) = world::source_for(kind, rng);
        let actor = match kind.source_kind {
            SourceKind::Item | SourceKind::Target | SourceKind::User | SourceKind::AuthMethod => {
                Some(world::actor(rng))
            }
            SourceKind::Gateway | SourceKind::System | SourceKind::Unknown(_) => None,
        };
        let ip_address = actor.map(|_| world::ip_address(rng));
        // A user's own event (a login, a failed one) is about the user who acted.
        let source = match (source_kind, actor) {
            (SourceKind::User, Some(actor)) => format!("/users/{actor}"),
            _ => source,
        };
        let event = StoredEvent {
            seq: self.events.len() as u32,
            at,
            kind,
            severity: kind.severity,
            source_kind,
            source,
            actor,
            ip_address,
            detail_seed: rng.next_u64(),
            plan: None,
            rejected: OnceCell::new(),
        };
        self.events.push(event);
        self.events.last().expect("just pushed")
    }

    /// A new event happening now (the live stream of the mock), of any severity or of the one asked for.
    pub fn arrive(&mut self, now: DateTime<Utc>, severity: Option<Severity>) -> &StoredEvent {
        let at = self.events.last().map_or(now, |last| now.max(last.at));
        self.append(at, severity)
    }

    /// A critical "Rotation failed" now, on the item at `source`: the layout's worst case when
    /// `source` is very long (its path, and the message that names it).
    pub fn arrive_on(&mut self, now: DateTime<Utc>, source: String) -> &StoredEvent {
        let kind = KINDS.iter().find(|k| k.name == "rotated-secret-failure").expect("in the catalog");
        self.arrive(now, Some(kind.severity));
        let event = self.events.last_mut().expect("just arrived");
        (event.kind, event.severity, event.source_kind, event.source) =
            (kind, kind.severity, kind.source_kind, source);
        event
    }

    /// An event of type `kind` happening now, on an object of its kind (a certificate of RA
    /// profile `ra_profile` if one is named); `None` for a type the catalog lacks, or a profile
    /// no certificate of this kind is issued through.
    pub fn arrive_as(
        &mut self,
        now: DateTime<Utc>,
        kind: &str,
        ra_profile: Option<&str>,
    ) -> Option<&StoredEvent> {
        let kind = KINDS.iter().find(|k| k.name == kind)?;
        let (source_kind, source) = match ra_profile {
            None => world::source_for(kind, &mut self.rng),
            Some(_) if automation::resource_of(kind) != "certificate" => return None,
            // The hourly scan is the platform's; the certificates it finds are the profile's.
            Some(_) if kind.source_kind == SourceKind::System => world::source_for(kind, &mut self.rng),
            Some(profile) => (kind.source_kind, world::certificate_in(profile, &mut self.rng)?),
        };
        self.arrive(now, Some(kind.severity));
        let event = self.events.last_mut().expect("just arrived");
        (event.kind, event.severity, event.source_kind, event.source) =
            (kind, kind.severity, source_kind, source);
        Some(event)
    }

    /// The scopes of the newest event's certificate; none when it is not about one.
    pub fn newest_belongs(&self) -> Belongs<'static> {
        self.events.last().map(StoredEvent::belongs).unwrap_or_default()
    }

    /// What the newest event's triggers were when it arrived.
    pub fn set_newest_plan(&mut self, plan: Plan) {
        if let Some(event) = self.events.last_mut() {
            event.plan = Some(plan);
            event.rejected = OnceCell::new();
        }
    }

    /// Every event from sequence number `seq` on, oldest first.
    pub fn since(&self, seq: u32) -> &[StoredEvent] {
        self.events.get(seq as usize..).unwrap_or_default()
    }

    /// The sequence number of the first event at or after `at`.
    pub fn first_at_or_after(&self, at: DateTime<Utc>) -> u32 {
        self.events.partition_point(|e| e.at < at) as u32
    }

    pub fn get(&self, id: &str) -> Option<&StoredEvent> {
        StoredEvent::parse_id(id).and_then(|seq| self.events.get(seq as usize))
    }

    /// In the query's order (newest first by default); at most `limit` (default 50) events.
    /// With an inbox, only the events that are its notifications (read or not as the query asks).
    pub fn list(&self, query: &EventQuery, inbox: Option<&Inbox>) -> Result<Listed<'_>, QueryError> {
        let cursor = match &query.cursor {
            None => None,
            Some(cursor) => Some(
                cursor
                    .strip_prefix('c')
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|&n| n <= self.events.len())
                    .ok_or_else(|| {
                        QueryError(vec![FieldError {
                            field: "cursor".into(),
                            message: "is not a cursor this server gave out; start again without it".into(),
                        }])
                    })?,
            ),
        };
        let limit = query.limit.unwrap_or(50) as usize;
        // Events are in time order, so a date range is a slice found by binary search,
        // and a cursor (the last sequence number given out) narrows it further.
        let mut start = query.from.map_or(0, |from| self.events.partition_point(|e| e.at < from));
        let mut end = query.to.map_or(self.events.len(), |to| self.events.partition_point(|e| e.at <= to));
        match (cursor, query.order) {
            (Some(seq), Order::NewestFirst) => end = end.min(seq),
            (Some(seq), Order::OldestFirst) => start = start.max(seq + 1),
            (None, _) => {}
        }
        if let (Some(inbox), Some(false)) = (inbox, query.read) {
            start = start.max(inbox.read_below() as usize);
        }
        let slice = &self.events[start..end.max(start)];
        let filter = Filter::new(query, inbox);
        let (events, has_more) = match query.order {
            Order::NewestFirst => take_page(slice.iter().rev().filter(|e| filter.matches(e)), limit),
            Order::OldestFirst => take_page(slice.iter().filter(|e| filter.matches(e)), limit),
        };
        let next_cursor = has_more.then(|| format!("c{}", events.last().expect("a full page").seq));
        Ok(Listed { events, next_cursor })
    }
}

/// Up to `limit` events, and whether more follow.
fn take_page<'a>(
    mut matching: impl Iterator<Item = &'a StoredEvent>,
    limit: usize,
) -> (Vec<&'a StoredEvent>, bool) {
    let events: Vec<&StoredEvent> = matching.by_ref().take(limit).collect();
    let has_more = events.len() == limit && matching.next().is_some();
    (events, has_more)
}

/// The weights make routine events common and critical ones rare, as on a real platform.
/// With a severity, only kinds of that severity are picked.
fn pick_kind(rng: &mut Rng, severity: Option<Severity>) -> &'static Kind {
    let weight = |k: &Kind| match k.severity {
        _ if severity.is_some_and(|s| s != k.severity) => 0,
        Severity::Info | Severity::Unknown(_) => 12,
        Severity::Warning => 4,
        Severity::Critical => 1,
    };
    let total: usize = KINDS.iter().map(weight).sum();
    let mut n = rng.below(total);
    for kind in KINDS {
        let w = weight(kind);
        if n < w {
            return kind;
        }
        n -= w;
    }
    unreachable!("weights sum to total")
}

/// A query prepared once per request, so the scan over the store does no repeated work.
struct Filter<'q> {
    query: &'q EventQuery,
    inbox: Option<&'q Inbox>,
    text: Option<String>,
    actor: Option<String>,
}

impl<'q> Filter<'q> {
    fn new(query: &'q EventQuery, inbox: Option<&'q Inbox>) -> Self {
        Filter {
            query,
            inbox,
            text: query.q.as_ref().map(|q| q.to_lowercase()),
            actor: query.actor.as_ref().map(|a| a.to_lowercase()),
        }
    }

    fn matches(&self, e: &StoredEvent) -> bool {
        let q = self.query;
        self.inbox
            .is_none_or(|inbox| inbox.notifies(e) && q.read.is_none_or(|read| inbox.is_read(e.seq) == read))
            && (q.types.is_empty()
                || q.types.iter().any(|t| t == e.kind.name || e.kind.legacy_names.contains(&t.as_str())))
            && q.category.as_ref().is_none_or(|c| c == e.kind.category)
            && (q.severities.is_empty() || q.severities.contains(&e.severity))
            && q.source_kind.is_none_or(|k| k == e.source_kind)
            && q.source.as_ref().is_none_or(|pattern| glob_match(pattern, e.shown_source()))
            && self
                .actor
                .as_ref()
                .is_none_or(|a| e.actor.is_some_and(|actor| actor.to_lowercase().contains(a)))
            && q.ip_address.as_ref().is_none_or(|p| e.ip_address.as_ref().is_some_and(|ip| glob_match(p, ip)))
            && self.text.as_ref().is_none_or(|text| {
                e.shown_source().to_lowercase().contains(text)
                    || e.actor.is_some_and(|a| a.to_lowercase().contains(text))
                    || e.kind.label.to_lowercase().contains(text)
                    || e.message().to_lowercase().contains(text)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every placeholder of every template has a value: no message reads "… created  …".
    #[test]
    fn every_placeholder_of_the_catalog_has_a_value() {
        let mut rng = Rng::new(5);
        for kind in KINDS {
            let (source_kind, source) = world::source_for(kind, &mut rng);
            let event = StoredEvent {
                seq: 0,
                at: DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
                kind,
                severity: kind.severity,
                source_kind,
                source,
                actor: Some("ada"),
                ip_address: Some("10.0.0.1".into()),
                detail_seed: 9,
                plan: None,
                rejected: OnceCell::new(),
            };
            for name in placeholders(kind.template) {
                assert!(!event.value(name).is_empty(), "{}: ${{{name}}}", kind.name);
            }
        }
    }

    /// A reload a few seconds later shows the same events: the same kinds, sources and times.
    #[test]
    fn loads_within_the_same_hour_generate_the_same_events() {
        let first = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let summary = |now| {
            let store = Store::generate(1, 5_000, now);
            store.events.iter().map(|e| (e.at, e.kind.name, e.source.clone())).collect::<Vec<_>>()
        };
        let later = first.duration_trunc(Duration::hours(1)).unwrap() + Duration::minutes(59);
        assert_eq!(summary(first), summary(later));
    }

    #[test]
    fn globs_match_runs_of_any_characters() {
        assert!(glob_match("/prod/*", "/prod/payments/db"));
        assert!(glob_match("*db*", "/prod/db/x"));
        assert!(glob_match("/a/*/c", "/a/b/c"));
        assert!(glob_match("10.0.*", "10.0.3.4"));
        assert!(!glob_match("/prod/*", "/staging/prod/x"));
        assert!(!glob_match("/a/*/c/*d", "/a/b/c"));
        assert!(glob_match("exact", "exact") && !glob_match("exact", "exactly"));
        assert!(!glob_match("ab*ba", "aba"), "the two ends may not overlap");
    }

    #[test]
    fn templates_fill_their_placeholders_and_keep_the_rest() {
        let filled = fill_template("Secret ${itemName} rotated by ${actor}", |n| n.to_uppercase());
        assert_eq!(filled, "Secret ITEMNAME rotated by ACTOR");
        assert_eq!(fill_template("broken ${open", |_| "x".into()), "broken ${open");
        assert_eq!(placeholders("${a} and ${b}").collect::<Vec<_>>(), ["a", "b"]);
    }
}
