//! The event viewer: what the triggers did when an event occurred (ignore triggers first,
//! then action triggers), as the seeds' Event Viewer shows it.

use event_center_contract::{RunOutcome, TriggerKind, TriggerRun};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::ApiError;
use crate::features::events::{self, EventsView, EVENT_SUBJECT};
use crate::features::EVENT_VIEWER;
use crate::session::use_client;
use crate::ui::split::split;
use crate::ui::{page_title, Failure};

split! {
    pub fn event_viewer_page() -> AnyView {
        view! { <EventViewerPage/> }.into_any()
    }
}

#[component]
fn EventViewerPage() -> impl IntoView {
    let query = use_query_map();
    let event_id = Memo::new(move |_| query.with(|q| q.get("event")));
    let run_id = Memo::new(move |_| query.with(|q| q.get("run")));
    let detail = LocalResource::new(move || {
        let (client, id) = (use_client(), event_id.get());
        async move {
            match (client, id) {
                (Some(client), Some(id)) => Some(client.event(&id).await),
                (None, Some(_)) => Some(Err(ApiError::no_backend())),
                (_, None) => None,
            }
        }
    });
    let body = move || {
        detail.get().map(|loaded| match loaded {
            None => view! {
                <div class="state" role="status">
                    <p>"Open an event in the event table to see what its triggers did."</p>
                    <a class="button" href=events::href(&EventsView { types: vec!["certificate-uploaded".into()], ..EventsView::default() })>"Certificate uploads"</a>
                </div>
            }
            .into_any(),
            Some(Err(error)) => view! {
                <Failure error subject=EVENT_SUBJECT retry=Callback::new(move |()| detail.refetch())/>
            }
            .into_any(),
            Some(Ok(detail)) => {
                let event = detail.event;
                let back = events::href(&EventsView { selected: Some(event.id.clone()), ..EventsView::default() });
                view! {
                    <section class="related" aria-labelledby="viewer-event">
                        <h2 id="viewer-event" class="viewer-event">{event.message}</h2>
                        <p class="muted">
                            <code>{event.id.clone()}</code>" · "{event.source}" · "
                            <a href=back>"Open the event"</a>
                        </p>
                        <TriggerRuns event_id=event.id runs=detail.trigger_runs highlight=run_id.get()/>
                    </section>
                }
                .into_any()
            }
        })
    };
    view! {
        <Title text=page_title(EVENT_VIEWER.label)/>
        <h1>{EVENT_VIEWER.label}</h1>
        <p class="lead">{EVENT_VIEWER.summary}</p>
        <Suspense fallback=|| view! { <p class="muted" role="status">"Loading the trigger runs…"</p> }>{body}</Suspense>
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
            let kind = match run.kind {
                TriggerKind::Ignore => "Ignore trigger",
                TriggerKind::Action => "Action trigger",
            };
            let (outcome, class) = match run.outcome {
                RunOutcome::Ignored => ("Ignored", "status-warning"),
                RunOutcome::Actioned => ("Actioned", "status-ok"),
                RunOutcome::NoMatch => ("No match", "status-neutral"),
                RunOutcome::Failed => ("Failed", "status-bad"),
            };
            let href = format!("{}?event={}&run={}", EVENT_VIEWER.href(), event_id, run.id);
            let current = highlight.as_deref() == Some(run.id.as_str());
            view! {
                <li class="related-item" class:current=current aria-current=current.then_some("true")>
                    <div class="related-head">
                        <strong>{run.trigger_name}</strong>
                        <span class=format!("status {class}")>{outcome}</span>
                    </div>
                    <p class="muted small">
                        {format!("{kind} · evaluated {}, matched {} · {}", run.objects_evaluated, run.objects_matched, run.message)}
                    </p>
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
