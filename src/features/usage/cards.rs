//! The reports' cards. Each asks for its own data, so a slow or failing one leaves the others
//! as they are; cards drawn from one answer (the summary) load together.

use std::future::Future;

use chrono::{DateTime, Duration, DurationRound, Utc};
use event_center_contract::{capability, Dimension, Interval, UsageQuery, UsageSummary, UsageTotals};
use leptos::prelude::*;

use super::view_state::hours_allowed;
use crate::api::{ApiError, Client};
use crate::features::events::{self, EventsView};
use crate::session::use_client;
use crate::ui::chart::scale::change;
use crate::ui::chart::{RankChart, Ranked, TimeBar, TimeChart};
use crate::ui::count::{thousands, Unit};
use crate::ui::time_format::{day_label, day_month, hour_label};
use crate::ui::{Card, Subject};

const SUBJECT: Subject = Subject {
    what: "usage reports",
    failed: "This part of the report could not be loaded.",
    capability: capability::USAGE_REPORTS_READ,
    choices: "range and filters",
    missing: None,
};

/// How many users and secrets the top lists show.
const TOP: u32 = 10;

/// One read of the report for `query`; refetched by the card's Retry, and whenever a signal
/// that `ask` reads changes.
fn load<T, F, Fut>(query: &UsageQuery, ask: F) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(Client, UsageQuery) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let (client, query) = (use_client(), query.clone());
    LocalResource::new(move || ask(client.clone(), query.clone()))
}

#[component]
pub fn SecretsCards(query: UsageQuery, hourly: Memo<bool>, set_hourly: Callback<bool>) -> impl IntoView {
    let summary = load(&query, |c, q| async move { c.usage_summary(&q).await });
    let range = (query.from.unwrap_or_default(), query.to.unwrap_or_default());
    let long = !hours_allowed(range);
    let interval = Memo::new(move |_| if hourly.get() && !long { Interval::Hour } else { Interval::Day });
    // Reads the interval as it asks, so a new interval asks again (and only this card).
    let series = load(&query, move |c, q| {
        let interval = interval.get();
        async move { c.usage_series(&q, interval).await.map(|s| (interval, s.points)) }
    });
    let users = load(&query, |c, q| async move { c.usage_top(&q, Dimension::User, TOP).await });
    let secrets = load(&query, |c, q| async move { c.usage_top(&q, Dimension::Secret, TOP).await });
    let interval_choice = move || {
        view! {
            <div class="segmented" role="group" aria-label="Interval">
                <button
                    type="button"
                    aria-pressed=move || (interval.get() == Interval::Day).to_string()
                    on:click=move |_| set_hourly.run(false)
                >
                    "By day"
                </button>
                <button
                    type="button"
                    aria-pressed=move || (interval.get() == Interval::Hour).to_string()
                    disabled=long
                    title=long.then_some("Hour by hour covers ranges up to 31 days")
                    on:click=move |_| set_hourly.run(true)
                >
                    "By hour"
                </button>
            </div>
        }
    };
    let to_events = move |client: &str| {
        events::href(&EventsView {
            types: vec!["usage-report".into()],
            q: client.to_string(),
            range: events::Range::Custom { from: Some(range.0), to: Some(range.1) },
            ..EventsView::default()
        })
    };
    view! {
        <div class="cards">
            <Card
                title="Overview"
                size="card-tiles card-wide"
                data=summary
                subject=SUBJECT
                render=move |s: UsageSummary| {
                    let before = s.previous.clone();
                    let of = |f: fn(&UsageTotals) -> u64| (f(&s.current), before.as_ref().map(f));
                    let days = (s.current.to - s.current.from).num_hours().max(24) / 24;
                    view! {
                        <dl class="tiles">
                            <Tile label="Total requests" figures=of(|t| t.total_requests) days />
                            <Tile label="Unique users" figures=of(|t| t.unique_users) days />
                            <Tile label="Total clients" figures=of(|t| t.total_clients) days />
                            <Tile label="Total secrets" figures=of(|t| t.total_secrets) days />
                        </dl>
                    }
                }
            />
            <Card
                title="Requests over time"
                size="card-chart card-wide"
                data=series
                subject=SUBJECT
                actions=interval_choice
                render=move |(interval, points): (Interval, Vec<event_center_contract::UsagePoint>)| {
                    if points.iter().all(|p| p.requests == 0) {
                        return view! { <NoUsage /> }.into_any();
                    }
                    let (slots, bars, axis) = time_axis(range, interval, &points);
                    view! {
                        <TimeChart
                            name=format!(
                                "Requests per {}",
                                if interval == Interval::Hour { "hour" } else { "day" },
                            )
                            unit=("request", "requests")
                            columns=("Time (UTC)", "Requests")
                            slots
                            bars
                            axis
                        />
                    }
                        .into_any()
                }
            />
            <Card
                title="Top users"
                size="card-list"
                data=users
                subject=SUBJECT
                render=move |top: event_center_contract::UsageTop| {
                    ranking(
                        "Requests per user or client",
                        ("request", "requests"),
                        ("User or client", "Requests"),
                        top
                            .entries
                            .into_iter()
                            .map(|c| Ranked {
                                name: c.name,
                                value: c.requests,
                                notes: vec![],
                            })
                            .collect(),
                    )
                }
            />
            <Card
                title="Most-accessed secrets and keys"
                size="card-list"
                data=secrets
                subject=SUBJECT
                render=move |top: event_center_contract::UsageTop| {
                    let rows = top
                        .entries
                        .into_iter()
                        .map(|c| {
                            let notes = [(c.deleted, "deleted"), (c.personal, "personal folder")]
                                .into_iter()
                                .filter(|(on, _)| *on)
                                .map(|(_, n)| n)
                                .collect();
                            Ranked {
                                name: c.name,
                                value: c.requests,
                                notes,
                            }
                        })
                        .collect();
                    ranking(
                        "Requests per secret or key",
                        ("request", "requests"),
                        ("Secret or key", "Requests"),
                        rows,
                    )
                }
            />
            <Card
                title="Clients by auth-method type"
                size="card-list"
                data=summary
                subject=SUBJECT
                render=move |s: UsageSummary| {
                    ranking(
                        "Clients per auth-method type",
                        ("client", "clients"),
                        ("Auth-method type", "Clients"),
                        s
                            .clients_by_auth_method_type
                            .into_iter()
                            .map(|c| Ranked {
                                name: c.name,
                                value: c.clients,
                                notes: vec![],
                            })
                            .collect(),
                    )
                }
            />
            <Card
                title="Secrets by type"
                size="card-list"
                data=summary
                subject=SUBJECT
                render=move |s: UsageSummary| {
                    ranking(
                        "Secrets and keys per type",
                        ("secret", "secrets"),
                        ("Type", "Secrets"),
                        s
                            .secrets_by_type
                            .into_iter()
                            .map(|c| Ranked {
                                name: c.name,
                                value: c.secrets,
                                notes: vec![],
                            })
                            .collect(),
                    )
                }
            />
            <Card
                title="Clients over their limits"
                size="card-rows card-wide"
                data=summary
                subject=SUBJECT
                render=move |s: UsageSummary| {
                    if s.exceeded_clients.is_empty() {
                        return view! { <p class="muted">"No client went over its limit in this range."</p> }
                            .into_any();
                    }
                    view! {
                        <div
                            class="card-table"
                            tabindex="0"
                            role="region"
                            aria-label="Table of the clients over their limits"
                        >
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Client"</th>
                                        <th scope="col">"Auth-method type"</th>
                                        <th scope="col" class="num">
                                            "Requests"
                                        </th>
                                        <th scope="col" class="num">
                                            "Limit for the range"
                                        </th>
                                        <th scope="col">"Events"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {s
                                        .exceeded_clients
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <tr>
                                                    <th
                                                        scope="row"
                                                        class="cell-truncate"
                                                        title=c.client.clone()
                                                    >
                                                        {c.client.clone()}
                                                    </th>
                                                    <td>{c.auth_method_type}</td>
                                                    <td class="num">{thousands(c.requests)}</td>
                                                    <td class="num">{thousands(c.limit)}</td>
                                                    <td>
                                                        <a href=to_events(&c.client)>"Usage-limit events"</a>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            />
        </div>
    }
}

#[component]
pub fn PasswordManagerCards(query: UsageQuery) -> impl IntoView {
    let report = load(&query, |c, q| async move { c.usage_password_manager(&q).await });
    let type_name = |name: &str| match name {
        "saml" => "SAML".to_string(),
        "oidc" => "OIDC".to_string(),
        "ldap" => "LDAP".to_string(),
        "email" => "Email".to_string(),
        other => other.to_string(),
    };
    view! {
        <div class="cards">
            <Card
                title="Password manager"
                size="card-tiles card-wide"
                data=report
                subject=SUBJECT
                render=move |r: event_center_contract::PasswordManagerReport| {
                    view! {
                        <dl class="tiles">
                            <Tile label="Total users" figures=(r.total_users, None) days=0 />
                            <Tile
                                label="Authentication methods"
                                figures=(r.total_auth_methods, None)
                                days=0
                            />
                            <Tile label="Stored passwords" figures=(r.stored_passwords, None) days=0 />
                        </dl>
                    }
                }
            />
            <Card
                title="Usage by authentication type"
                size="card-list"
                data=report
                subject=SUBJECT
                render=move |r: event_center_contract::PasswordManagerReport| {
                    ranking(
                        "Requests per authentication type",
                        ("request", "requests"),
                        ("Authentication type", "Requests"),
                        r
                            .by_auth_type
                            .into_iter()
                            .map(|t| Ranked {
                                name: type_name(&t.name),
                                value: t.requests,
                                notes: vec![],
                            })
                            .collect(),
                    )
                }
            />
            <Card
                title="Users by authentication type"
                size="card-list"
                data=report
                subject=SUBJECT
                render=move |r: event_center_contract::PasswordManagerReport| {
                    ranking(
                        "Users per authentication type",
                        ("user", "users"),
                        ("Authentication type", "Users"),
                        r
                            .by_auth_type
                            .into_iter()
                            .map(|t| Ranked {
                                name: type_name(&t.name),
                                value: t.users,
                                notes: vec![],
                            })
                            .collect(),
                    )
                }
            />
        </div>
    }
}

/// A ranking, or the empty state when there is nothing to rank.
fn ranking(name: &str, unit: Unit, columns: (&'static str, &'static str), rows: Vec<Ranked>) -> AnyView {
    if rows.iter().all(|r| r.value == 0) {
        return view! { <NoUsage /> }.into_any();
    }
    view! { <RankChart name=name.to_string() unit columns rows /> }.into_any()
}

/// The seed's troubleshooting for missing data.
#[component]
fn NoUsage() -> impl IntoView {
    view! {
        <div class="no-usage" role="status">
            <p>
                <strong>"No usage in this range."</strong>
            </p>
            <ul class="muted">
                <li>"Check that the range and filters include the period you expect."</li>
                <li>"Make sure your role has usage-report access."</li>
                <li>"Recent actions can take a few minutes to appear."</li>
            </ul>
        </div>
    }
}

/// A headline figure with its change against the previous period of the same length.
#[component]
fn Tile(
    label: &'static str,
    /// This period's figure, and the previous period's if it is kept.
    figures: (u64, Option<u64>),
    /// The period's length, to name the previous one; 0 when there is none to compare with.
    days: i64,
) -> impl IntoView {
    let (now, before) = figures;
    let compared = (days > 0).then(|| match before.map(|b| (b, change(now, b))) {
        None => "The previous period is older than the data kept".to_string(),
        Some((_, None)) => format!("None in the previous {days} days"),
        Some((_, Some(c))) if c.abs() < 0.05 => format!("No change on the previous {days} days"),
        Some((_, Some(c))) => {
            format!("{}{:.1}% on the previous {days} days", if c > 0.0 { "▲ +" } else { "▼ −" }, c.abs())
        }
    });
    view! {
        <div class="tile">
            <dt>{label}</dt>
            <dd class="tile-value">{thousands(now)}</dd>
            {compared.map(|c| view! { <dd class="tile-change muted small">{c}</dd> })}
        </div>
    }
}

/// The chart's slots over the range, its bars, and a few labels along the axis.
fn time_axis(
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    interval: Interval,
    points: &[event_center_contract::UsagePoint],
) -> (usize, Vec<TimeBar>, Vec<(usize, String)>) {
    let step = match interval {
        Interval::Day => Duration::days(1),
        Interval::Hour => Duration::hours(1),
    };
    let first = from.duration_trunc(step).unwrap_or(from);
    let slots = ((to - first).num_seconds() as f64 / step.num_seconds() as f64).ceil().max(1.0) as usize;
    let slot = |at: DateTime<Utc>| ((at - first).num_seconds() / step.num_seconds()).max(0) as usize;
    let label = match interval {
        Interval::Day => day_label,
        Interval::Hour => hour_label,
    };
    let bars = points
        .iter()
        .map(|p| TimeBar { slot: slot(p.at), label: label(p.at), value: p.requests })
        .filter(|b| b.slot < slots)
        .collect();
    // About six labels, on day boundaries.
    let days = (slots as i64 * step.num_seconds() / 86_400).max(1);
    let every = (days + 5) / 6;
    let mut axis = Vec::new();
    let mut day = from.duration_trunc(Duration::days(1)).unwrap_or(from);
    if day < first {
        day += Duration::days(1);
    }
    let mut n = 0;
    while day < to {
        if n % every == 0 {
            axis.push((slot(day), day_month(day)));
        }
        day += Duration::days(1);
        n += 1;
    }
    (slots, bars, axis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    fn point(at: DateTime<Utc>, requests: u64) -> event_center_contract::UsagePoint {
        event_center_contract::UsagePoint { at, requests }
    }

    #[test]
    fn a_missing_point_leaves_its_slot_empty() {
        let points = [point(at(1, 0), 5), point(at(3, 0), 7)];
        let (slots, bars, axis) = time_axis((at(1, 0), at(4, 0)), Interval::Day, &points);
        assert_eq!(slots, 3);
        assert_eq!(bars.iter().map(|b| b.slot).collect::<Vec<_>>(), [0, 2], "the 2nd is a gap");
        assert_eq!(bars[0].label, "Sun 1 Nov 2026");
        assert_eq!(axis[0], (0, "1 Nov".to_string()));
    }

    #[test]
    fn an_hour_by_hour_month_has_a_slot_per_hour_and_a_few_labels() {
        let points: Vec<_> = (0..744).map(|h| point(at(1, 0) + Duration::hours(h), h as u64)).collect();
        let (slots, bars, axis) =
            time_axis((at(1, 0), at(1, 0) + Duration::days(31)), Interval::Hour, &points);
        assert_eq!((slots, bars.len()), (744, 744));
        assert_eq!(bars[743].slot, 743);
        assert!((5..=7).contains(&axis.len()), "{axis:?}");
        assert_eq!(bars[14].label, "Sun 1 Nov 2026, 14:00");
    }

    #[test]
    fn a_range_starting_mid_day_counts_its_first_day() {
        let (slots, bars, _) =
            time_axis((at(1, 13), at(8, 13)), Interval::Day, &[point(at(1, 0), 3), point(at(8, 0), 4)]);
        assert_eq!(slots, 8);
        assert_eq!(bars.iter().map(|b| b.slot).collect::<Vec<_>>(), [0, 7]);
    }
}
