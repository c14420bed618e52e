//! The event viewer: what the triggers did when an event occurred (ignore triggers first,
//! then action triggers), as the seeds' Event Viewer shows it; without an event, the history
//! of every run.

mod by_object;
mod history;

use event_center_contract::{RunOutcome, TriggerKind, TriggerRun};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::features::events::{self, EventsView, EVENT_SUBJECT};
use crate::features::EVENT_VIEWER;
use crate::session::use_client;
use crate::ui::count::counted;
use crate::ui::split::{split, LazyStyles};
use crate::ui::time_format::{browser_offset_minutes, exact, Zone};
use crate::ui::{page_title, Failure, Title};
use history::RunHistory;

/// Under the page's heading: here, with the page's code, not in the first download's sections.
const SUMMARY: &str = "Trigger runs: which ignore and action triggers ran for an event, \
     which objects they matched and what they did.";

split! {
    pub fn event_viewer_page() -> AnyView {
        view! { <EventViewerPage/> }.into_any()
    }
}

/// The event viewer's history of one trigger's runs.
pub fn runs_of_trigger_href(trigger: &str) -> String {
    let view = history::RunsView { trigger: trigger.into(), ..Default::default() };
    crate::ui::url_state::href(&EVENT_VIEWER.href(), view.to_query())
}

#[component]
fn EventViewerPage() -> impl IntoView {
    let query = use_query_map();
    let event_id = Memo::new(move |_| query.with(|q| q.get("event")));
    let run_id = Memo::new(move |_| query.with(|q| q.get("run")));
    let detail = LocalResource::new(move || {
        let (client, id) = (use_client(), event_id.get());
        async move {
            match id {
                Some(id) => Some(client.event(&id).await),
                None => None,
            }
        }
    });
    let body = move || {
        detail.get().map(|loaded| match loaded {
            None => view! { <RunHistory /> }.into_any(),
            Some(Err(error)) => view! { <Failure error subject=EVENT_SUBJECT retry=Callback::new(move |()| detail.refetch()) /> }
            .into_any(),
            Some(Ok(detail)) => {
                let event = detail.event;
                let back =
                    events::href(&EventsView { selected: Some(event.id.clone()), ..EventsView::default() });
                view! {
                    <section class="related" aria-labelledby="viewer-event">
                        <h2 id="viewer-event" class="viewer-event">
                            {event.message}
                        </h2>
                        <p class="muted">
                            <code>{event.id.clone()}</code>
                            " · "
                            {event.source}
                            " · "
                            <a href=back>"Open the event"</a>
                            " · "
                            <a href=EVENT_VIEWER.href()>"Every trigger run"</a>
                        </p>
                        <TriggerRuns
                            event_id=event.id
                            runs=detail.trigger_runs.clone()
                            highlight=run_id.get()
                        />
                        <by_object::ObjectTimeline runs=detail.trigger_runs />
                    </section>
                }
                .into_any()
            }
        })
    };
    view! {
        <Title text=page_title(EVENT_VIEWER.label) />
        <LazyStyles href="/lazy/runs.css">
            <h1>{EVENT_VIEWER.label}</h1>
            <p class="lead">{SUMMARY}</p>
            <Suspense fallback=|| {
                view! {
                    <p class="muted" role="status">
                        "Loading the trigger runs…"
                    </p>
                }
            }>{body}</Suspense>
        </LazyStyles>
    }
}

/// Which triggers ran for the event, each leading to its run in the event viewer.
#[component]
pub fn TriggerRuns(
    event_id: String,
    runs: Vec<TriggerRun>,
    /// The run to point out (the event viewer's `?run=`).
    highlight: Option<String>,
) -> impl IntoView {
    let empty = runs.is_empty();
    let items = runs
        .into_iter()
        .map(|run| {
            let kind = kind_label(run.kind);
            let (outcome, class) = outcome_label(run.outcome);
            let href = format!("{}?event={}&run={}", EVENT_VIEWER.href(), event_id, run.id);
            let current = highlight.as_deref() == Some(run.id.as_str());
            view! {
                <li class="related-item" class:current=current aria-current=current.then_some("true")>
                    <div class="related-head">
                        <strong>
                            <a href=crate::features::triggers::trigger_href(
                                &run.trigger_id,
                            )>{run.trigger_name}</a>
                        </strong>
                        <span class=format!("status {class}")>{outcome}</span>
                    </div>
                    <p class="muted small">
                        {format!(
                            "{kind} · evaluated {}, matched {} · {}",
                            run.objects_evaluated,
                            run.objects_matched,
                            run.message,
                        )}
                    </p>
                    <p class="muted small">
                        "Started "
                        <time datetime=run
                            .started_at
                            .to_rfc3339()>{exact(run.started_at, Zone::Utc, browser_offset_minutes)}</time>
                        ", finished "
                        <time datetime=run
                            .finished_at
                            .to_rfc3339()>{exact(run.finished_at, Zone::Utc, browser_offset_minutes)}</time>
                    </p>
                    <RunRecords
                        records=run.records
                        duration_ms=(run.finished_at - run.started_at).num_milliseconds()
                    />
                    <a href=href>"Open in the event viewer"</a>
                </li>
            }
        })
        .collect_view();
    view! {
        {empty.then(|| view! { <p class="muted small">"No trigger ran for this event."</p> })}
        <ul class="related-list">{items}</ul>
    }
}

/// What happened to each object a run looked at, in order.
#[component]
fn RunRecords(records: Vec<event_center_contract::RunRecord>, duration_ms: i64) -> impl IntoView {
    (!records.is_empty()).then(|| {
        view! {
            <details class="run-records">
                <summary>
                    {format!("{}, in {duration_ms} ms", counted(records.len() as u64, ("object", "objects")))}
                </summary>
                <ol>
                    {records
                        .into_iter()
                        .map(|r| {
                            let matched = if r.conditions_matched { "matched" } else { "no match" };
                            let actions = if r.actions_performed.is_empty() {
                                String::new()
                            } else {
                                format!(" · {}", r.actions_performed.join(", "))
                            };
                            view! {
                                <li>
                                    <code>{r.object_ref}</code>
                                    {format!(" · {matched}{actions} · {}", r.message)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
        }
    })
}

fn kind_label(kind: TriggerKind) -> &'static str {
    match kind {
        TriggerKind::Ignore => "Ignore trigger",
        TriggerKind::Action => "Action trigger",
    }
}

/// An outcome's words and its status style; one from a newer backend is shown as it was sent.
fn outcome_label(outcome: RunOutcome) -> (String, &'static str) {
    let (words, class) = match outcome {
        RunOutcome::Ignored => ("Ignored", "status-warning"),
        RunOutcome::Actioned => ("Actioned", "status-ok"),
        RunOutcome::NoMatch => ("No match", "status-neutral"),
        RunOutcome::Failed => ("Failed", "status-bad"),
        RunOutcome::Unknown(value) => return (value.as_str().to_owned(), "status-neutral"),
    };
    (words.to_owned(), class)
}
