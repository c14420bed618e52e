//! Usage reports (seed 002): how the platform is used over a range, filtered by user, secret
//! and action, as two reports (secrets & keys, password manager) of cards that each load on
//! their own. The page is its own chunk.

mod cards;
mod export;
mod view_state;

use event_center_contract::{capability, UsageAction, UsageQuery};
use leptos::prelude::*;

use crate::features::USAGE;
use crate::session::use_me;
use crate::ui::menu::{Menu, MenuHandle};
use crate::ui::split::{split, LazyStyles};
use crate::ui::url_state::{self, use_url_view, SetView};
use crate::ui::{now, page_title, TextFilter, Title};
use cards::{PasswordManagerCards, SecretsCards};
use export::{ExportStatus, ReportExport};
use view_state::{earliest_day, Period, RangeError, Report, UsageView};

/// Under the page's heading: here, with the page's code, not in the first download's sections.
const SUMMARY: &str = "Requests and unique users over time, usage by authentication method and secret type, \
     the most used secrets and the clients over their limits.";

type SetUsage = SetView<UsageView>;

split! {
    pub fn usage_page() -> AnyView {
        view! { <UsagePage/> }.into_any()
    }
}

/// The dashboard's address showing `view`.
fn href(view: &UsageView) -> String {
    url_state::href(&USAGE.href(), view.to_query())
}

#[component]
fn UsagePage() -> impl IntoView {
    let (view, set_view) = use_url_view(USAGE.href(), UsageView::from_query, UsageView::to_query);
    let me = use_me();
    let denied = move || me.with(|me| me.as_ref().is_some_and(|me| !me.can(capability::USAGE_REPORTS_READ)));
    view! {
        <Title text=page_title(USAGE.label) />
        // The dashboard's styles come with its code, not with the first screen.
        <LazyStyles href="/lazy/dashboard.css">
            <h1>{USAGE.label}</h1>
            <p class="lead">{SUMMARY}</p>
            {move || {
                if denied() {
                    view! { <NoAccess /> }.into_any()
                } else {
                    view! { <Dashboard view set_view /> }.into_any()
                }
            }}
        </LazyStyles>
    }
}

/// Said before any request, for users whose role has no usage-report access.
#[component]
fn NoAccess() -> impl IntoView {
    view! {
        <div class="state" role="status">
            <p>
                <strong>"Usage reports need usage-report access."</strong>
            </p>
            <p class="muted">
                "Your role does not include it. An administrator grants it with the role's usage-report access set to all ("
                <code>"--usage-reports-access all"</code>"), which gives the "
                <code>{capability::USAGE_REPORTS_READ}</code>" capability."
            </p>
        </div>
    }
}

#[component]
fn Dashboard(view: Memo<UsageView>, set_view: SetUsage) -> impl IntoView {
    // The range is fixed when the filters change, not as the clock moves, so a choice of
    // interval or report does not reload the other cards.
    let filters = Memo::new(move |_| UsageView { hourly: false, ..view.get() });
    let query: Memo<Result<UsageQuery, RangeError>> =
        Memo::new(move |_| filters.with(|f| f.range(now()).map(|range| f.to_usage_query(range))));
    let hourly = Memo::new(move |_| view.get().hourly);
    let set_hourly = Callback::new(move |hourly: bool| {
        set_view.run((UsageView { hourly, ..view.get_untracked() }, false))
    });
    let report = Memo::new(move |_| view.get().report);
    let export = ReportExport::new();
    let export_now = Callback::new(move |()| {
        if let Ok(query) = query.get_untracked() {
            export.start(query);
        }
    });
    let cards = move || match (query.get(), report.get()) {
        (Err(_), _) => view! {
            <div class="state" role="status">
                <p>"Choose a valid range to see the report."</p>
            </div>
        }
        .into_any(),
        (Ok(query), Report::Secrets) => view! { <SecretsCards query hourly set_hourly /> }.into_any(),
        (Ok(query), Report::PasswordManager) => view! { <PasswordManagerCards query /> }.into_any(),
    };
    view! {
        <Toolbar view set_view />
        <div class="report-bar">
            <nav class="report-switch" aria-label="Reports">
                {Report::ALL
                    .map(|r| {
                        view! {
                            <a
                                href=move || href(
                                    &UsageView {
                                        report: r,
                                        ..view.get()
                                    },
                                )
                                aria-current=move || (report.get() == r).then_some("page")
                            >
                                {r.label()}
                            </a>
                        }
                    })}
            </nav>
            <Show when=move || report.get() == Report::Secrets && query.with(Result::is_ok)>
                <Menu
                    label="Report actions"
                    items=move |menu: MenuHandle| {
                        view! {
                            <button
                                type="button"
                                class="menu-item"
                                disabled=move || export.running()
                                on:click=menu.choose(move || export_now.run(()))
                            >
                                "Export as JSON"
                            </button>
                        }
                    }
                />
            </Show>
        </div>
        <ExportStatus export retry=export_now />
        {cards}
    }
}

/// Range and filters; every control writes the URL.
#[component]
fn Toolbar(view: Memo<UsageView>, set_view: SetUsage) -> impl IntoView {
    let update = move |change: &dyn Fn(&mut UsageView), replace: bool| {
        let mut next = view.get_untracked();
        change(&mut next);
        set_view.run((next, replace));
    };
    view! {
        <div class="filter-bar usage-filters" role="search" aria-label="Range and filters">
            <RangeChoice view set_view />
            <TextFilter
                label="User or client"
                placeholder="alice@example.com"
                value=Signal::derive(move || view.get().user)
                on_commit=Callback::new(move |v: String| update(&|view| view.user = v.clone(), false))
            />
            <TextFilter
                label="Secret or key"
                placeholder="db/postgres-admin"
                value=Signal::derive(move || view.get().secret)
                on_commit=Callback::new(move |v: String| update(&|view| view.secret = v.clone(), false))
            />
            <label class="field">
                <span class="field-label">"Action"</span>
                <select
                    prop:value=move || view.get().action.map_or("", |a| a.as_str())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        update(&|view| view.action = UsageAction::parse(&value), false)
                    }
                >
                    <option value="">"Any"</option>
                    {UsageAction::ALL.map(|a| view! { <option value=a.as_str()>{action_label(a)}</option> })}
                </select>
            </label>
            <Show when=move || view.get().is_filtered()>
                <button
                    type="button"
                    class="button button-secondary clear-filters"
                    on:click=move |_| update(
                        &|view| {
                            view.user.clear();
                            view.secret.clear();
                            view.action = None;
                        },
                        false,
                    )
                >
                    "Clear filters"
                </button>
            </Show>
        </div>
    }
}

fn action_label(action: UsageAction) -> &'static str {
    match action {
        UsageAction::Creation => "Creation",
        UsageAction::Access => "Access",
        UsageAction::Update => "Update",
        UsageAction::Deletion => "Deletion",
        UsageAction::Authentication => "Authentication",
    }
}

/// The seed's periods, and a custom range of whole days that is checked before any request.
#[component]
fn RangeChoice(view: Memo<UsageView>, set_view: SetUsage) -> impl IntoView {
    let set_period = move |period: Period, replace: bool| {
        set_view.run((UsageView { period, ..view.get_untracked() }, replace))
    };
    let on_preset = move |ev| {
        let key = event_target_value(&ev);
        let period = match key.as_str() {
            "custom" => {
                // Start from the range shown, so the dates are filled in.
                let (from, to) = view
                    .get_untracked()
                    .range(now())
                    .map_or((None, None), |(f, t)| (Some(f.date_naive()), Some(t.date_naive())));
                Period::Custom { from, to }
            }
            key => Period::PRESETS.into_iter().find(|p| p.key() == key).unwrap_or_default(),
        };
        set_period(period, false);
    };
    let is_custom = move || matches!(view.get().period, Period::Custom { .. });
    let custom_days = move || match view.get().period {
        Period::Custom { from, to } => (from, to),
        _ => (None, None),
    };
    // The inputs stay while the range is custom, so focus stays where the user is typing.
    let set_day = move |field: &'static str, value: String| {
        let (mut from, mut to) = custom_days();
        let day = value.parse().ok();
        if field == "from" {
            from = day
        } else {
            to = day
        }
        set_period(Period::Custom { from, to }, true);
    };
    let error = Memo::new(move |_| view.with(|v| v.range(now()).err()));
    let invalid = move |field: &'static str| {
        move || error.with(|e| e.as_ref().is_some_and(|e| e.field == field)).to_string()
    };
    let (earliest, today) = (earliest_day(now()).to_string(), now().date_naive().to_string());
    let date = |day: Option<chrono::NaiveDate>| day.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <label class="field">
            <span class="field-label">"Range"</span>
            <select class="range" prop:value=move || view.get().period.key() on:change=on_preset>
                {Period::PRESETS.map(|p| view! { <option value=p.key()>{p.label()}</option> })}
                <option value="custom">"Custom range…"</option>
            </select>
        </label>
        <Show when=is_custom>
            {[("from", "From (UTC)"), ("to", "To (UTC)")]
                .map(|(field, label)| {
                    let (earliest, today) = (earliest.clone(), today.clone());
                    let value = move || date(if field == "from" { custom_days().0 } else { custom_days().1 });
                    view! {
                        <label class="field">
                            <span class="field-label">{label}</span>
                            <input
                                type="date"
                                name=field
                                min=earliest
                                max=today
                                prop:value=value
                                aria-invalid=invalid(field)
                                aria-describedby="range-error"
                                on:change=move |ev| set_day(field, event_target_value(&ev))
                            />
                        </label>
                    }
                })}
        </Show>
        <p id="range-error" class="field-error" role="alert">
            {move || error.get().map(|e| e.message)}
        </p>
    }
}
