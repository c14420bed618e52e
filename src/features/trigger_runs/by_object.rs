//! An event's runs read per object: for each object the triggers looked at, every trigger that
//! checked it, in the order they ran (ignore triggers first), and what each did to it.

use event_center_contract::{TriggerKind, TriggerRun};
use leptos::prelude::*;

use crate::features::triggers::trigger_href;

/// One trigger's check of one object.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub trigger_id: String,
    pub trigger_name: String,
    pub kind: TriggerKind,
    pub matched: bool,
    pub actions: Vec<String>,
    pub message: String,
}

/// Each object, in the order the runs first met it, with its steps in run order.
pub fn by_object(runs: &[TriggerRun]) -> Vec<(String, Vec<Step>)> {
    let mut objects: Vec<(String, Vec<Step>)> = Vec::new();
    for run in runs {
        for record in &run.records {
            let step = Step {
                trigger_id: run.trigger_id.clone(),
                trigger_name: run.trigger_name.clone(),
                kind: run.kind,
                matched: record.conditions_matched,
                actions: record.actions_performed.clone(),
                message: record.message.clone(),
            };
            match objects.iter_mut().find(|(object, _)| *object == record.object_ref) {
                Some((_, steps)) => steps.push(step),
                None => objects.push((record.object_ref.clone(), vec![step])),
            }
        }
    }
    objects
}

/// How an object's story ends, in a few words.
pub fn ending(steps: &[Step]) -> String {
    if let Some(rejected) = steps.iter().find(|s| s.kind == TriggerKind::Ignore && s.matched) {
        return format!("rejected by \u{201c}{}\u{201d}", rejected.trigger_name);
    }
    match steps.iter().filter(|s| s.kind == TriggerKind::Action && s.matched).count() {
        0 => "no trigger acted on it".into(),
        1 => "acted on by 1 trigger".into(),
        n => format!("acted on by {n} triggers"),
    }
}

#[component]
pub fn ObjectTimeline(runs: Vec<TriggerRun>) -> impl IntoView {
    let objects = by_object(&runs);
    (!objects.is_empty()).then(|| {
        view! {
            <section class="by-object" aria-labelledby="by-object-title">
                <h3 id="by-object-title">"What happened to each object"</h3>
                {objects
                    .into_iter()
                    .map(|(object, steps)| {
                        view! {
                            <details class="object-steps">
                                <summary>
                                    <code>{object}</code>
                                    {format!(" · {}", ending(&steps))}
                                </summary>
                                <ol>
                                    {steps
                                        .into_iter()
                                        .map(|s| {
                                            let kind = if s.kind == TriggerKind::Ignore {
                                                "Ignore trigger"
                                            } else {
                                                "Action trigger"
                                            };
                                            let result = if s.matched { "matched" } else { "no match" };
                                            let actions = if s.actions.is_empty() {
                                                String::new()
                                            } else {
                                                format!(" · {}", s.actions.join(", "))
                                            };
                                            view! {
                                                <li>
                                                    {format!("{kind} ")}
                                                    <a href=trigger_href(&s.trigger_id)>{s.trigger_name}</a>
                                                    {format!(": {result}{actions} · {}", s.message)}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </details>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use event_center_contract::{RunOutcome, RunRecord};

    use super::*;

    fn run(id: &str, kind: TriggerKind, records: &[(&str, bool)]) -> TriggerRun {
        let at: DateTime<Utc> = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        TriggerRun {
            id: format!("run_{id}"),
            event_id: "evt_1".into(),
            event_type: "certificate-discovered".into(),
            trigger_id: id.into(),
            trigger_name: format!("Trigger {id}"),
            kind,
            outcome: RunOutcome::NoMatch,
            started_at: at,
            finished_at: at,
            objects_evaluated: records.len() as u32,
            objects_matched: 0,
            objects_ignored: 0,
            message: String::new(),
            records: records
                .iter()
                .map(|(object, matched)| RunRecord {
                    object_ref: object.to_string(),
                    conditions_matched: *matched,
                    actions_performed: if *matched && kind == TriggerKind::Action {
                        vec!["set owner x".into()]
                    } else {
                        vec![]
                    },
                    message: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn each_object_is_followed_through_the_runs_in_order() {
        let runs = [
            run("ignore", TriggerKind::Ignore, &[("a", true), ("b", false)]),
            run("act", TriggerKind::Action, &[("b", true)]),
        ];
        let objects = by_object(&runs);
        let names: Vec<&str> = objects.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(ending(&objects[0].1), "rejected by \u{201c}Trigger ignore\u{201d}");
        assert_eq!(objects[1].1.len(), 2, "b was checked by the ignore trigger, then acted on");
        assert_eq!(ending(&objects[1].1), "acted on by 1 trigger");
        assert_eq!(objects[1].1[1].actions, ["set owner x"]);
    }
}
