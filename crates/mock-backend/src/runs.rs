//! The trigger runs of each event, derived when asked for as the rest of its details are: the
//! seeded triggers for the generated history, the session's for an event that arrived in it;
//! and the run history's query.

use chrono::Duration;
use event_center_contract::{
    FieldError, Page, QueryError, RunOutcome, RunQuery, RunRecord, TriggerKind, TriggerRun,
};

use crate::automation::{self, Planned};
use crate::counted;
use crate::rng::Rng;
use crate::store::{glob_match, Store, StoredEvent, REJECTABLE};
use crate::world;

impl StoredEvent {
    /// What the seeded triggers did for this event: ignore triggers first, and an object one
    /// of them ignores goes no further; then the action triggers, on the objects left.
    pub fn trigger_runs(&self) -> Vec<TriggerRun> {
        let plan: Vec<Planned> = match &self.plan {
            Some(plan) => plan.triggers.clone(),
            None => automation::seeded_plan(self.kind.name).map(|s| s.planned()).collect(),
        };
        if plan.is_empty() {
            return Vec::new();
        }
        let mut rng = Rng::new(self.detail_seed.rotate_left(17));
        let mut objects = self.objects(&mut rng);
        let mut runs = Vec::new();
        for (i, seed) in plan.iter().enumerate() {
            if objects.is_empty() {
                break;
            }
            let started_at = self.at + Duration::milliseconds(150 * (i as i64 + 1));
            let mut records = Vec::new();
            let mut kept = Vec::new();
            let mut failed = false;
            for object in objects {
                let test_object = object.contains(".test.");
                // A session's trigger tests what the mock knows of the object, its name; the seeded
                // history (and tests of attributes it does not model) match as admins' do.
                let on_name =
                    self.plan.as_ref().and_then(|_| automation::hold_on_name(&seed.conditions, &object));
                let matched = match (on_name, seed.kind) {
                    (Some(held), _) => held,
                    (None, TriggerKind::Ignore) => test_object || rng.chance(0.1),
                    (None, TriggerKind::Action) => rng.chance(0.75),
                };
                // What fails is reaching a notification profile; a session's trigger that only
                // categorises never does.
                let can_fail =
                    self.plan.is_none() || seed.performed.iter().any(|p| p.starts_with("notified"));
                let failure = seed.kind == TriggerKind::Action && matched && can_fail && rng.chance(0.1);
                failed |= failure;
                let (actions_performed, message) = match (seed.kind, matched, failure) {
                    (_, false, _) => (vec![], "no condition matched".to_string()),
                    (TriggerKind::Ignore, true, _) => (vec![], "ignored: not added to the inventory".into()),
                    (TriggerKind::Action, true, true) => {
                        (vec![], "the action failed: the notification profile was unreachable".into())
                    }
                    (TriggerKind::Action, true, false) => {
                        let done = seed.performed.clone();
                        let message = done.join("; ") + &self.upload_attributes_kept(&done, &mut rng);
                        (done, message)
                    }
                };
                let rejected = seed.kind == TriggerKind::Ignore && matched;
                if !rejected {
                    kept.push(object.clone());
                }
                // A rejected upload is recorded with its trigger, not with the certificate's details.
                let (object_ref, message) = if rejected && self.kind.name == REJECTABLE {
                    let note =
                        "rejected: not added to the inventory; the certificate's own details are not kept \
                                (the audit log has them, with verbose audit logging)";
                    ("rejected upload".to_string(), note.to_string())
                } else {
                    (object, message)
                };
                records.push(RunRecord {
                    object_ref,
                    conditions_matched: matched,
                    actions_performed,
                    message,
                });
            }
            let matched = records.iter().filter(|r| r.conditions_matched).count() as u32;
            let evaluated = records.len() as u32;
            let ignored = evaluated - kept.len() as u32;
            let outcome = match seed.kind {
                _ if matched == 0 => RunOutcome::NoMatch,
                TriggerKind::Ignore => RunOutcome::Ignored,
                TriggerKind::Action if failed => RunOutcome::Failed,
                TriggerKind::Action => RunOutcome::Actioned,
            };
            let message = match outcome {
                RunOutcome::NoMatch => {
                    format!("No condition matched on {}", counted(evaluated, "object", "objects"))
                }
                RunOutcome::Ignored => {
                    format!("{} ignored: not added to the inventory", counted(ignored, "object", "objects"))
                }
                RunOutcome::Failed => "An action failed: the notification profile was unreachable".into(),
                RunOutcome::Actioned | RunOutcome::Unknown(_) => {
                    format!("Acted on {matched} of {}", counted(evaluated, "object", "objects"))
                }
            };
            let message = match self.plan.as_ref().and_then(|p| p.overridden_by.as_ref()) {
                Some(scope) => format!("{message}, from the lists of {scope}, which override the platform's"),
                None => message,
            };
            runs.push(TriggerRun {
                id: format!("run_{:07}_{i}", self.seq),
                event_id: self.id(),
                event_type: self.kind.name.into(),
                trigger_id: seed.id.clone(),
                trigger_name: seed.name.clone(),
                kind: seed.kind,
                outcome,
                started_at,
                finished_at: started_at + Duration::milliseconds(20 + rng.below(400) as i64),
                objects_evaluated: evaluated,
                objects_matched: matched,
                objects_ignored: ignored,
                message,
                records,
            });
            objects = kept;
        }
        runs
    }

    /// Custom attributes supplied with an upload are applied after the action triggers and win
    /// over what they set (seed 001): the record says so where an upload carried one.
    fn upload_attributes_kept(&self, done: &[String], rng: &mut Rng) -> String {
        let set_attributes: Vec<&str> =
            done.iter().filter_map(|d| d.strip_prefix("set ")?.split_once(" = ").map(|(n, _)| n)).collect();
        match set_attributes.first() {
            Some(name) if self.kind.name == REJECTABLE && rng.chance(0.5) => format!(
                "; the upload supplied its own {name}, which was kept: values sent with an upload take precedence over triggers"
            ),
            _ => String::new(),
        }
    }

    /// The objects an event's triggers look at: the certificate or item it is about, or for
    /// the hourly expiry scan, every certificate found expiring.
    fn objects(&self, rng: &mut Rng) -> Vec<String> {
        let leaf = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
        match self.kind.name {
            "certificate-expiring" => match self.plan.as_ref().and_then(|p| p.ra_profile) {
                // A session's scan for one RA profile finds that profile's certificates.
                Some(profile) => world::CERTIFICATES
                    .iter()
                    .filter(|c| world::ra_profile_of(c) == profile)
                    .map(|c| leaf(c))
                    .collect(),
                None => {
                    let count = 2 + rng.below(world::CERTIFICATES.len() - 1);
                    world::CERTIFICATES.iter().take(count).map(|c| leaf(c)).collect()
                }
            },
            "certificate-uploaded" | "certificate-discovered" if rng.chance(0.3) => {
                vec![format!("qa-{}.test.example.com", rng.below(100))]
            }
            _ if automation::resource_of(self.kind) == "certificate" => vec![leaf(&self.source)],
            _ => vec![self.source.clone()],
        }
    }
}

impl Store {
    /// Trigger runs, the newest event's first (each event's in the order they ran), filtered
    /// and keyset paged: a cursor names the last run given out, so arrivals never shift a page.
    pub fn list_runs(&self, query: &RunQuery) -> Result<Page<TriggerRun>, QueryError> {
        let after = match &query.cursor {
            None => None,
            Some(cursor) => Some(
                parse_run_cursor(cursor).filter(|(seq, _)| (*seq as usize) < self.events.len()).ok_or_else(
                    || {
                        QueryError(vec![FieldError {
                            field: "cursor".into(),
                            message: "is not a cursor this server gave out; start again without it".into(),
                        }])
                    },
                )?,
            ),
        };
        let limit = query.limit.unwrap_or(50) as usize;
        let mut start = query.from.map_or(0, |from| self.events.partition_point(|e| e.at < from));
        let mut end = query.to.map_or(self.events.len(), |to| self.events.partition_point(|e| e.at <= to));
        if let Some((seq, _)) = after {
            end = end.min(seq as usize + 1);
        }
        if let Some(id) = &query.event {
            let seq = StoredEvent::parse_id(id).map_or(usize::MAX, |s| s as usize);
            (start, end) = (start.max(seq), end.min(seq.saturating_add(1)));
        }
        let mut page: Vec<(u32, usize, TriggerRun)> = Vec::new();
        let mut has_more = false;
        'events: for event in self.events[start.min(end)..end].iter().rev() {
            if query.event_type.as_ref().is_some_and(|t| t != event.kind.name) {
                continue;
            }
            for (i, run) in event.trigger_runs().into_iter().enumerate() {
                let seen = after.is_some_and(|(seq, last)| event.seq == seq && i <= last);
                let wanted = query.trigger.as_ref().is_none_or(|t| *t == run.trigger_id)
                    && query.outcome.is_none_or(|o| o == run.outcome)
                    && query
                        .object
                        .as_ref()
                        .is_none_or(|p| run.records.iter().any(|r| glob_match(p, &r.object_ref)));
                if seen || !wanted {
                    continue;
                }
                if page.len() == limit {
                    has_more = true;
                    break 'events;
                }
                page.push((event.seq, i, run));
            }
        }
        let next_cursor = has_more.then(|| {
            let (seq, i, _) = page.last().expect("a full page");
            format!("r{seq}.{i}")
        });
        Ok(Page { data: page.into_iter().map(|(_, _, run)| run).collect(), has_more, next_cursor })
    }
}

/// `r<event seq>.<run index>`: the last run a page gave out.
fn parse_run_cursor(cursor: &str) -> Option<(u32, usize)> {
    let (seq, i) = cursor.strip_prefix('r')?.split_once('.')?;
    Some((seq.parse().ok()?, i.parse().ok()?))
}
