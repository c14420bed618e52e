//! The history of every trigger run, newest first: filters in the URL, keyset-paged and
//! windowed like the event table. A run opens in the event viewer of its event, where the
//! event's runs are shown in the order they ran.

use chrono::{DateTime, Utc};
use event_center_contract::{RunOutcome, RunQuery, TriggerKind, TriggerRun};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::outcome_label;
use crate::features::events::Range;
use crate::features::{triggers, EVENT_VIEWER};
use crate::session::use_client;
use crate::ui::paged_list::{LoadedCount, MoreStatus, PagedList, Shown};
use crate::ui::time_format::{browser_offset_minutes, exact, relative, Zone};
use crate::ui::url_state::{self, use_url_view, SetView};
use crate::ui::{now, Failure, Skeleton, Subject, TextFilter, WindowedTable};

/// Runs per request: a screenful with a margin first, then larger pages as the user scrolls.
const FIRST_PAGE: u32 = 100;
const PAGE: u32 = 500;

const SUBJECT: Subject = Subject {
    what: "trigger runs",
    failed: "The trigger runs could not be loaded.",
    capability: event_center_contract::capability::TRIGGERS_READ,
    choices: "filters",
    missing: None,
};

/// The history's filters, as they live in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunsView {
    pub event_type: String,
    /// A trigger's id.
    pub trigger: String,
    pub outcome: Option<RunOutcome>,
    /// An object's reference; `*` matches any run of characters.
    pub object: String,
    pub range: Range,
}

impl RunsView {
    pub fn from_query(query: &str) -> RunsView {
        let mut view = RunsView::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "type" => view.event_type = value.into(),
                "trigger" => view.trigger = value.into(),
                "outcome" => view.outcome = RunOutcome::parse(value),
                "object" => view.object = value.into(),
                "range" => {
                    view.range = Range::PRESETS.into_iter().find(|r| r.key() == value).unwrap_or_default()
                }
                _ => {}
            }
        }
        view
    }

    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [("type", &self.event_type), ("trigger", &self.trigger), ("object", &self.object)]
        {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        if let Some(outcome) = self.outcome {
            out.append_pair("outcome", outcome.as_str());
        }
        if self.range != Range::All {
            out.append_pair("range", self.range.key());
        }
        out.finish()
    }

    /// The contract's query, with a relative range resolved at `now`.
    pub fn to_run_query(&self, now: DateTime<Utc>) -> RunQuery {
        let text = |s: &String| (!s.is_empty()).then(|| s.clone());
        let (from, to) = self.range.bounds(now);
        RunQuery {
            event_type: text(&self.event_type),
            trigger: text(&self.trigger),
            outcome: self.outcome,
            object: text(&self.object),
            from,
            to,
            ..RunQuery::default()
        }
    }
}

/// The event viewer's address for one run: its event's runs, this one pointed out.
pub fn run_href(run: &TriggerRun) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("event", &run.event_id)
        .append_pair("run", &run.id)
        .finish();
    url_state::href(&EVENT_VIEWER.href(), query)
}

#[component]
pub fn RunHistory() -> impl IntoView {
    let (view, set_view) = use_url_view(EVENT_VIEWER.href(), RunsView::from_query, RunsView::to_query);
    let client = use_client();
    let list =
        PagedList::asking(client.clone(), (FIRST_PAGE, PAGE), |client, query: &RunQuery, cursor, limit| {
            let query = RunQuery { cursor, limit: Some(limit), ..query.clone() };
            async move { client.trigger_runs(&query).await }
        });
    Effect::new(move |_| list.load(view.get().to_run_query(now())));
    let triggers = LocalResource::new(move || {
        let client = client.clone();
        // `None` if they could not be read: the filter then offers "Any" alone.
        async move { client.triggers().await.ok() }
    });
    let navigate = use_navigate();
    let open = Callback::new(move |id: String| {
        let href = list.items.with_untracked(|runs| runs.iter().find(|r| r.id == id).map(run_href));
        if let Some(href) = href {
            navigate(&href, Default::default());
        }
    });
    view! {
        <section aria-labelledby="run-history">
            <h2 id="run-history">"Every trigger run"</h2>
            <Filters view set_view triggers />
            <Runs list view set_view open />
        </section>
    }
}

#[component]
fn Filters(
    view: Memo<RunsView>,
    set_view: SetView<RunsView>,
    triggers: LocalResource<Option<Vec<event_center_contract::Trigger>>>,
) -> impl IntoView {
    let update = move |change: &dyn Fn(&mut RunsView), replace: bool| {
        let mut next = view.get_untracked();
        change(&mut next);
        set_view.run((next, replace));
    };
    let choose = move |change: fn(&mut RunsView, String)| {
        move |ev| {
            let value = event_target_value(&ev);
            update(&|view| change(view, value.clone()), false)
        }
    };
    // Its own memo: the trigger's options are built again when it changes, not with every filter.
    let chosen = Memo::new(move |_| view.with(|v| v.trigger.clone()));
    view! {
        <div class="filter-bar" role="search" aria-label="Filter the trigger runs">
            <TextFilter
                label="Event type"
                placeholder="certificate-uploaded"
                value=Signal::derive(move || view.get().event_type)
                on_commit=Callback::new(move |v: String| update(&|view| view.event_type = v.clone(), false))
            />
            <label class="field">
                <span class="field-label">"Trigger"</span>
                <select class="run-trigger" prop:value=chosen on:change=choose(|view, v| view.trigger = v)>
                    <option value="">"Any"</option>
                    // Each option says whether it is chosen: the list may arrive after the
                    // select's value was set. A trigger the list does not have (since deleted,
                    // or the list is loading or could not be read) still shows what filters
                    // the runs.
                    {move || {
                        let chosen = chosen.get();
                        let listed = triggers.get().flatten();
                        let unlisted = (!chosen.is_empty()
                            && listed.as_ref().is_none_or(|list| list.iter().all(|t| t.id != chosen)))
                            .then(|| {
                                let label = match listed {
                                    Some(_) => format!("{chosen} (deleted)"),
                                    None => chosen.clone(),
                                };
                                view! {
                                    <option value=chosen.clone() selected>
                                        {label}
                                    </option>
                                }
                            });
                        let options = listed
                            .unwrap_or_default()
                            .into_iter()
                            .map(|t| {
                                let selected = t.id == chosen;
                                view! {
                                    <option value=t.id selected=selected>
                                        {t.spec.name}
                                    </option>
                                }
                            })
                            .collect_view();
                        (unlisted, options)
                    }}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Outcome"</span>
                <select
                    class="run-outcome"
                    prop:value=move || view.get().outcome.map_or("", RunOutcome::key)
                    on:change=choose(|view, v| view.outcome = RunOutcome::parse(&v))
                >
                    <option value="">"Any"</option>
                    {RunOutcome::ALL.map(|o| view! { <option value=o.key()>{outcome_label(o).0}</option> })}
                </select>
            </label>
            <TextFilter
                label="Object"
                placeholder="*.example.com"
                value=Signal::derive(move || view.get().object)
                on_commit=Callback::new(move |v: String| update(&|view| view.object = v.clone(), false))
            />
            <label class="field">
                <span class="field-label">"Time"</span>
                <select
                    class="range"
                    prop:value=move || view.get().range.key()
                    on:change=choose(|view, v| {
                        view.range = Range::PRESETS.into_iter().find(|r| r.key() == v).unwrap_or_default();
                    })
                >
                    {Range::PRESETS.map(|r| view! { <option value=r.key()>{r.label()}</option> })}
                </select>
            </label>
        </div>
    }
}

/// The table, or the state standing in for it.
#[component]
fn Runs(
    list: PagedList<TriggerRun, RunQuery>,
    view: Memo<RunsView>,
    set_view: SetView<RunsView>,
    open: Callback<String>,
) -> impl IntoView {
    let shown = list.shown();
    let clock = now();
    let headers = || {
        ["Started", "Event type", "Trigger", "Kind", "Outcome", "Objects", "Message"].map(|h| {
            view! {
                <th scope="col" class=format!("col-run-{}", h.to_ascii_lowercase().replace(' ', "-"))>
                    {h}
                </th>
            }
        })
    };
    let cells = move |run: &TriggerRun| {
        let (outcome, class) = outcome_label(run.outcome);
        view! {
            <td>
                <time
                    datetime=run.started_at.to_rfc3339()
                    title=exact(run.started_at, Zone::Utc, browser_offset_minutes)
                >
                    {relative(run.started_at, clock)}
                </time>
            </td>
            <td title=run.event_type.clone()>{run.event_type.clone()}</td>
            <td title=run.trigger_name.clone()>
                <a href=triggers::trigger_href(&run.trigger_id)>{run.trigger_name.clone()}</a>
            </td>
            <td>
                {match run.kind {
                    TriggerKind::Ignore => "Ignore",
                    TriggerKind::Action => "Action",
                }}
            </td>
            <td>
                <span class=format!("status {class}")>{outcome}</span>
            </td>
            <td>
                {format!(
                    "{} evaluated · {} matched · {} ignored",
                    run.objects_evaluated,
                    run.objects_matched,
                    run.objects_ignored,
                )}
            </td>
            <td title=run.message.clone()>{run.message.clone()}</td>
        }
    };
    move || match shown.get() {
        Shown::Loading => view! { <Skeleton label="Loading trigger runs" /> }.into_any(),
        Shown::Failed(error) => view! {
            <Failure
                error
                subject=SUBJECT
                retry=Callback::new(move |()| list.retry())
                reset=(
                    "Clear all filters",
                    Callback::new(move |()| set_view.run((RunsView::default(), false))),
                )
            />
        }
        .into_any(),
        Shown::Empty => view! {
            <div class="state state-empty" role="status">
                <p>
                    <strong>"No trigger run matches these filters."</strong>
                </p>
                <Show when=move || view.get() != RunsView::default()>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| set_view.run((RunsView::default(), false))
                    >
                        "Clear all filters"
                    </button>
                </Show>
            </div>
        }
        .into_any(),
        Shown::Rows => view! {
            <LoadedCount list what=("run", "runs") />
            <WindowedTable
                list
                label="Trigger runs"
                class="events-table runs-table"
                headers
                id_of=|r: &TriggerRun| r.id.clone()
                cells
                selected=Signal::derive(|| None)
                on_open=open
            />
            <MoreStatus list what="trigger runs" />
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_view_survives_the_url_and_defaults_are_left_out() {
        assert_eq!(RunsView::default().to_query(), "");
        let view = RunsView {
            event_type: "certificate-uploaded".into(),
            trigger: "trg_assign_owner".into(),
            outcome: Some(RunOutcome::Ignored),
            object: "*.test.example.com".into(),
            range: Range::Last7Days,
        };
        assert_eq!(RunsView::from_query(&view.to_query()), view);
        let query = view.to_run_query(now_for_test());
        assert_eq!(query.event_type.as_deref(), Some("certificate-uploaded"));
        assert_eq!(query.outcome, Some(RunOutcome::Ignored));
        assert!(query.from.is_some() && query.to.is_none());
        assert_eq!(RunsView::from_query("outcome=sometimes&range=1y"), RunsView::default());
    }

    fn now_for_test() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z").unwrap().with_timezone(&Utc)
    }
}
