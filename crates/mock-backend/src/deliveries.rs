//! Where the seeded forwarders sent each event, derived when asked for, and a forwarder's
//! delivery log.

use chrono::{DateTime, Duration, Utc};
use event_center_contract::{
    Delivery, DeliveryStats, DeliveryStatsQuery, DeliveryStatus, FieldError, Page, QueryError, Severity,
};

use crate::forwarders;
use crate::rng::Rng;
use crate::store::{Store, StoredEvent};

/// How long a receiver that does not take a delivery waits for the next attempt: the first is
/// sent at once, then after 5 minutes, 30 minutes, 2, 5 and 10 hours (as webhook services back
/// off); after the last the delivery has failed, and only a person sends it again.
const RETRY_DELAYS_MINUTES: [i64; 6] = [0, 5, 30, 120, 300, 600];

/// When a delivery's attempt `n` (from 1) is sent, for an event at `at`.
fn attempt_at(at: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    at + Duration::minutes(RETRY_DELAYS_MINUTES.iter().take(n as usize).sum())
}

/// An unanswered delivery as the retry queue has it at `now`: the attempts sent, and the next
/// one while any is left.
fn unanswered(at: DateTime<Utc>, now: DateTime<Utc>) -> (u32, Option<DateTime<Utc>>) {
    let sent =
        (1..=RETRY_DELAYS_MINUTES.len() as u32).take_while(|&n| attempt_at(at, n) <= now).count() as u32;
    let next = (sent < RETRY_DELAYS_MINUTES.len() as u32).then(|| attempt_at(at, sent + 1));
    (sent.max(1), next)
}

impl StoredEvent {
    /// Where the seeded forwarders sent this event, as their queue has sent it up to
    /// `sent_until` (now while it runs): each forwards its own event types, and critical events
    /// go out more often, as admins set their forwarders up. A receiver that does not answer
    /// leaves the delivery pending while it is tried again, so only recent events have pending
    /// deliveries. A queue that stopped sent nothing after it: what fell due since is overdue,
    /// and an event since then waits for its first attempt.
    pub fn deliveries(&self, sent_until: DateTime<Utc>) -> Vec<Delivery> {
        let mut rng = Rng::new(self.detail_seed.rotate_left(29));
        let chance = match self.severity {
            Severity::Critical => 0.9,
            Severity::Warning => 0.5,
            Severity::Info | Severity::Unknown(_) => 0.15,
        };
        let chosen: Vec<bool> = forwarders::SEEDS.iter().map(|_| rng.chance(chance * 0.6)).collect();
        forwarders::SEEDS
            .iter()
            .enumerate()
            .filter(|(i, (.., types))| chosen[*i] && (types.is_empty() || types.contains(&self.kind.name)))
            .map(|(i, (id, name, kind, _))| {
                let (status, attempt, next_attempt_at) = match rng.below(10) {
                    // Refused: a client error is not worth trying again.
                    0 => (DeliveryStatus::Failed, 1, None),
                    1 => match unanswered(self.at, sent_until) {
                        (sent, Some(next)) => (DeliveryStatus::Pending, sent, Some(next)),
                        (sent, None) => (DeliveryStatus::Failed, sent, None),
                    },
                    _ => (DeliveryStatus::Succeeded, 1, None),
                };
                let delivery = Delivery {
                    id: format!("dlv_{:07}_{i}", self.seq),
                    event_id: self.id(),
                    forwarder_id: id.to_string(),
                    forwarder_name: name.to_string(),
                    forwarder_type: kind.to_string(),
                    attempt,
                    status,
                    response_status: Some(match status {
                        DeliveryStatus::Succeeded => 200,
                        _ if attempt == 1 && next_attempt_at.is_none() => *rng.pick(&[400u16, 401, 403]),
                        _ => *rng.pick(&[500u16, 502, 503]),
                    }),
                    duration_ms: Some(40 + rng.below(900) as u32),
                    attempted_at: Some(attempt_at(self.at, attempt)),
                    next_attempt_at,
                };
                if self.at <= sent_until {
                    return delivery;
                }
                // Made after the queue stopped: never sent, due since the event.
                Delivery {
                    status: DeliveryStatus::Pending,
                    attempt: 1,
                    response_status: None,
                    duration_ms: None,
                    attempted_at: None,
                    next_attempt_at: Some(self.at),
                    ..delivery
                }
            })
            .collect()
    }
}

impl Store {
    /// A forwarder's deliveries, newest event first, as `deliveries_of` has them now (sent
    /// again or not), of one status if asked; keyset paged by event.
    pub fn list_deliveries(
        &self,
        forwarder_id: &str,
        query: &str,
        deliveries_of: impl Fn(&StoredEvent) -> Vec<Delivery>,
    ) -> Result<Page<Delivery>, QueryError> {
        let mut errors = Vec::new();
        let (mut status, mut limit, mut end) = (None, 50usize, self.events.len());
        // An empty value is a parameter left out, as on every list (the document's rule).
        let given = form_urlencoded::parse(query.as_bytes()).filter(|(_, v)| !v.is_empty());
        for (key, value) in given {
            match (key.as_ref(), value.as_ref()) {
                ("status", "succeeded") => status = Some(DeliveryStatus::Succeeded),
                ("status", "failed") => status = Some(DeliveryStatus::Failed),
                ("status", "pending") => status = Some(DeliveryStatus::Pending),
                ("status", other) => errors.push(FieldError {
                    field: "status".into(),
                    message: format!("\"{other}\" is not one of succeeded, failed, pending"),
                }),
                ("limit", n) => match n.parse::<usize>() {
                    Ok(n) if (1..=event_center_contract::MAX_LIMIT as usize).contains(&n) => limit = n,
                    _ => errors.push(FieldError {
                        field: "limit".into(),
                        message: format!("\"{n}\" is not from 1 to 500"),
                    }),
                },
                ("cursor", c) => match c.strip_prefix('d').and_then(|n| n.parse::<usize>().ok()) {
                    Some(seq) if seq < self.events.len() => end = seq,
                    _ => errors.push(FieldError {
                        field: "cursor".into(),
                        message: "is not a cursor this server gave out; start again without it".into(),
                    }),
                },
                _ => {}
            }
        }
        if !errors.is_empty() {
            return Err(QueryError(errors));
        }
        let mut matching = self.events[..end].iter().rev().filter_map(|event| {
            let delivery = deliveries_of(event).into_iter().find(|d| d.forwarder_id == forwarder_id)?;
            status.is_none_or(|s| s == delivery.status).then_some((event.seq, delivery))
        });
        let page: Vec<(u32, Delivery)> = matching.by_ref().take(limit).collect();
        let has_more = page.len() == limit && matching.next().is_some();
        let next_cursor = has_more.then(|| format!("d{}", page.last().expect("a full page").0));
        Ok(Page { data: page.into_iter().map(|(_, d)| d).collect(), next_cursor, has_more })
    }

    /// How a forwarder's deliveries stand: those of the events in the query's range at `now`,
    /// counted by their status as `deliveries_of` has them.
    pub fn delivery_stats(
        &self,
        forwarder_id: &str,
        query: &str,
        now: DateTime<Utc>,
        deliveries_of: impl Fn(&StoredEvent) -> Vec<Delivery>,
    ) -> Result<DeliveryStats, QueryError> {
        let (from, to) = DeliveryStatsQuery::parse(query)?.range(now)?;
        let start = self.events.partition_point(|e| e.at < from);
        let end = self.events.partition_point(|e| e.at <= to);
        let mut stats = DeliveryStats { from, to, succeeded: 0, failed: 0, pending: 0 };
        for event in &self.events[start..end] {
            let Some(delivery) = deliveries_of(event).into_iter().find(|d| d.forwarder_id == forwarder_id)
            else {
                continue;
            };
            match delivery.status {
                DeliveryStatus::Succeeded => stats.succeeded += 1,
                DeliveryStatus::Failed => stats.failed += 1,
                _ => stats.pending += 1,
            }
        }
        Ok(stats)
    }

    /// The event a delivery id names (`dlv_{seq}_…`), if there is one.
    pub fn delivery_event(&self, id: &str) -> Option<&StoredEvent> {
        let seq: u32 = id.strip_prefix("dlv_")?.split('_').next()?.parse().ok()?;
        self.events.get(seq as usize)
    }
}
