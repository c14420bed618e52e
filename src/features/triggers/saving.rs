//! Saving an event type's lists in a scope. Each change shows at once; changes made while a save
//! is on its way are sent together once it answers (a slow backend loses no keypress); a refusal
//! puts the lists back as the backend has them and keeps the lost changes for Retry.

use std::collections::BTreeMap;

use event_center_contract::TriggerAssignments;
use leptos::prelude::*;

use super::lists::{apply, Change};
use crate::api::ApiError;
use crate::session::use_client;

/// Why the last changes were not saved.
#[derive(Clone)]
pub enum Refusal {
    /// Someone else saved meanwhile; their lists are shown now.
    Conflict,
    Failed {
        error: ApiError,
        changes: Vec<(Change, String)>,
    },
}

/// One change and what is announced once it is saved.
type Said = (Change, String);

#[derive(Clone, Copy)]
pub struct Writer {
    pub saving: RwSignal<bool>,
    pub refusal: RwSignal<Option<Refusal>>,
    /// For screen readers: the last change saved.
    pub announced: RwSignal<String>,
    pub write: Callback<Said>,
}

impl Writer {
    /// Writes `event`'s lists in the current `scope` into `assigned`; `reload` reads a scope
    /// again after a conflict.
    pub fn new(
        event: String,
        scope: Memo<String>,
        assigned: RwSignal<BTreeMap<String, TriggerAssignments>>,
        reload: Callback<String>,
    ) -> Writer {
        let saving = RwSignal::new(false);
        let refusal = RwSignal::new(None::<Refusal>);
        let announced = RwSignal::new(String::new());
        // Shown but not sent yet, in order.
        let unsent = StoredValue::new(Vec::<Said>::new());
        // The backend's lists while changes are unsaved: what a refusal puts back.
        let confirmed = StoredValue::new(None::<TriggerAssignments>);
        let client = StoredValue::new_local(use_client());
        let event = StoredValue::new(event);

        let flush = move |scope: String| {
            saving.set(true);
            let client = client.get_value();
            leptos::task::spawn_local(async move {
                loop {
                    let Some(batch) = unsent.try_update_value(std::mem::take) else { return };
                    let shown = assigned.try_with_untracked(|a| a.get(&scope).cloned()).flatten();
                    let (Some(shown), false) = (shown, batch.is_empty()) else { break };
                    match client.save_trigger_assignments(&scope, &shown.assignments, shown.version).await {
                        Ok(saved) => {
                            confirmed.try_set_value(Some(saved.clone()));
                            // Changes made meanwhile stay shown, over the saved lists.
                            let later = unsent.try_get_value().unwrap_or_default();
                            let lists = event.with_value(|e| {
                                later.iter().fold(saved.assignments.clone(), |l, (c, _)| apply(&l, e, c))
                            });
                            assigned.try_update(|a| {
                                a.insert(scope.clone(), TriggerAssignments { assignments: lists, ..saved })
                            });
                            if let Some((_, said)) = batch.last() {
                                announced.try_set(format!("{said} Saved."));
                            }
                        }
                        Err(ApiError::Conflict(_)) => {
                            unsent.try_set_value(Vec::new());
                            refusal.try_set(Some(Refusal::Conflict));
                            reload.run(scope);
                            break;
                        }
                        Err(error) => {
                            let mut changes = batch;
                            changes.extend(unsent.try_update_value(std::mem::take).unwrap_or_default());
                            if let Some(before) = confirmed.try_get_value().flatten() {
                                assigned.try_update(|a| a.insert(scope.clone(), before));
                            }
                            refusal.try_set(Some(Refusal::Failed { error, changes }));
                            break;
                        }
                    }
                }
                saving.try_set(false);
            });
        };

        let write = Callback::new(move |(change, said): Said| {
            let scope = scope.get_untracked();
            let Some(current) = assigned.with_untracked(|a| a.get(&scope).cloned()) else { return };
            if !saving.get_untracked() && unsent.with_value(Vec::is_empty) {
                confirmed.set_value(Some(current.clone()));
            }
            let lists = event.with_value(|e| apply(&current.assignments, e, &change));
            assigned.update(|a| {
                a.insert(scope.clone(), TriggerAssignments { assignments: lists, ..current });
            });
            unsent.update_value(|u| u.push((change, said)));
            refusal.set(None);
            if !saving.get_untracked() {
                flush(scope);
            }
        });
        Writer { saving, refusal, announced, write }
    }

    /// Makes the refused changes again.
    pub fn retry(&self, changes: Vec<Said>) {
        for change in changes {
            self.write.run(change);
        }
    }
}
