//! Where the seeded forwarders sent each event, derived when asked for, and a forwarder's
//! delivery log.

use chrono::Duration;
use event_center_contract::{Delivery, DeliveryStatus, FieldError, Page, QueryError, Severity};

use crate::forwarders;
use crate::rng::Rng;
use crate::store::{Store, StoredEvent};

impl StoredEvent {
    /// Where the seeded forwarders sent this event: each forwards its own event types, and
    /// critical events go out more often, as admins set their forwarders up.
    pub fn deliveries(&self) -> Vec<Delivery> {
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
                let status = match rng.below(10) {
                    0 => DeliveryStatus::Failed,
                    1 => DeliveryStatus::Pending,
                    _ => DeliveryStatus::Succeeded,
                };
                let attempt = if status == DeliveryStatus::Succeeded { 1 } else { 1 + rng.below(3) as u32 };
                Delivery {
                    id: format!("dlv_{:07}_{i}", self.seq),
                    event_id: self.id(),
                    forwarder_id: id.to_string(),
                    forwarder_name: name.to_string(),
                    forwarder_type: kind.to_string(),
                    attempt,
                    status,
                    response_status: match status {
                        DeliveryStatus::Succeeded => Some(200),
                        DeliveryStatus::Failed => Some(*rng.pick(&[500u16, 502, 401])),
                        DeliveryStatus::Pending | DeliveryStatus::Unknown(_) => None,
                    },
                    duration_ms: (status != DeliveryStatus::Pending).then(|| 40 + rng.below(900) as u32),
                    attempted_at: (status != DeliveryStatus::Pending || attempt > 1)
                        .then(|| self.at + Duration::minutes(5 * i64::from(attempt - 1))),
                    next_attempt_at: (status != DeliveryStatus::Succeeded)
                        .then(|| self.at + Duration::minutes(5 * i64::from(attempt))),
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

    /// The event a delivery id names (`dlv_{seq}_…`), if there is one.
    pub fn delivery_event(&self, id: &str) -> Option<&StoredEvent> {
        let seq: u32 = id.strip_prefix("dlv_")?.split('_').next()?.parse().ok()?;
        self.events.get(seq as usize)
    }
}
