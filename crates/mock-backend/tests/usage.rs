//! Usage reports: a year of data whose figures add up, filters that filter, the 12-month
//! retention and the usage-reports capability.

use chrono::{DateTime, Datelike, Duration, Utc};
use event_center_contract::{Problem, UsageExport, UsageSeries, UsageSummary, UsageTop};
use event_center_mock::{MockBackend, Request, Response};

mod common;
use common::ok;

fn now() -> DateTime<Utc> {
    common::at("2026-11-23T12:30:00Z")
}

fn get_as(backend: &MockBackend, token: &str, path: &str, query: &str) -> Response {
    backend.handle(&Request::get(path, query, Some(token)))
}

fn get<T: serde::de::DeserializeOwned>(backend: &MockBackend, path: &str, query: &str) -> T {
    ok(get_as(backend, "admin", path, query))
}

fn invalid(backend: &MockBackend, path: &str, query: &str) -> Problem {
    let response = get_as(backend, "admin", path, query);
    assert_eq!(response.status, 422, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[test]
fn every_figure_of_a_report_adds_up_to_the_total() {
    let backend = MockBackend::new(1, 100, now());
    let summary: UsageSummary = get(&backend, "/usage/summary", "");
    assert_eq!((summary.to - summary.from).num_days(), 30, "the last 30 days by default");
    assert!(summary.total_requests > 100_000, "{}", summary.total_requests);
    let daily: UsageSeries = get(&backend, "/usage/timeseries", "");
    assert_eq!(daily.points.iter().map(|p| p.requests).sum::<u64>(), summary.total_requests);
    let users: UsageTop = get(&backend, "/usage/top", "dimension=user&limit=50");
    assert_eq!(users.entries.iter().map(|c| c.requests).sum::<u64>(), summary.total_requests);
    assert_eq!(users.entries.len() as u32, summary.unique_users);
    assert!(users.entries.windows(2).all(|w| w[0].requests >= w[1].requests), "most first");
    for breakdown in [&summary.by_auth_method_type, &summary.by_secret_type] {
        assert_eq!(breakdown.iter().map(|c| c.requests).sum::<u64>(), summary.total_requests);
    }
    let types: Vec<&str> = summary.by_auth_method_type.iter().map(|c| c.name.as_str()).collect();
    assert!(types.contains(&"saml2") && types.contains(&"oidc") && types.contains(&"ldap"), "{types:?}");
    assert!(!summary.exceeded_clients.is_empty());
    assert!(summary.exceeded_clients.iter().all(|c| c.requests > c.limit));
    let top3: UsageTop = get(&backend, "/usage/top", "dimension=secret&limit=3");
    assert_eq!(top3.entries.len(), 3);

    let week = format!("from={}&to={}", time(now() - Duration::days(7)), time(now()));
    let hourly: UsageSeries = get(&backend, "/usage/timeseries", &format!("{week}&interval=hour"));
    let weekly: UsageSummary = get(&backend, "/usage/summary", &week);
    assert_eq!(hourly.points.iter().map(|p| p.requests).sum::<u64>(), weekly.total_requests);
    assert!((167..=169).contains(&hourly.points.len()), "{}", hourly.points.len());
}

#[test]
fn filters_narrow_every_figure() {
    let backend = MockBackend::new(1, 100, now());
    let all: UsageSummary = get(&backend, "/usage/summary", "");
    let ci: UsageSummary = get(&backend, "/usage/summary", "user=svc-ci-runner");
    assert!(ci.total_requests > 0 && ci.total_requests < all.total_requests);
    assert_eq!(ci.unique_users, 1);
    assert_eq!(ci.by_auth_method_type.len(), 1);
    let writes: UsageSummary = get(&backend, "/usage/summary", "user=svc-ci-runner&action=delete-item");
    assert!(writes.total_requests < ci.total_requests);
    let secret = "db/postgres-primary-admin";
    let one: UsageTop = get(&backend, "/usage/top", &format!("dimension=secret&secret={secret}"));
    assert_eq!(one.entries.len(), 1);
    assert_eq!(one.entries[0].name, secret);
    let nobody: UsageSummary = get(&backend, "/usage/summary", "user=nobody@example.com");
    assert_eq!((nobody.total_requests, nobody.unique_users), (0, 0));
}

#[test]
fn data_is_kept_for_twelve_months_and_bad_parameters_are_named() {
    let backend = MockBackend::new(1, 100, now());
    let year = format!("from={}", time(now() - Duration::days(364)));
    let daily: UsageSeries = get(&backend, "/usage/timeseries", &year);
    assert!((364..=366).contains(&daily.points.len()), "{}", daily.points.len());
    let weekday = |p: &&event_center_contract::UsagePoint| p.at.weekday().num_days_from_monday() < 5;
    let (work, rest): (Vec<_>, Vec<_>) = daily.points.iter().partition(weekday);
    let mean =
        |v: &[&event_center_contract::UsagePoint]| v.iter().map(|p| p.requests).sum::<u64>() / v.len() as u64;
    assert!(mean(&work) > mean(&rest) * 3 / 2, "a working week's rhythm");

    let too_old = invalid(&backend, "/usage/summary", &format!("from={}", time(now() - Duration::days(400))));
    assert_eq!(too_old.errors[0].field, "from");
    assert!(too_old.errors[0].message.contains("12 months"), "{:?}", too_old.errors);
    let long_hours = format!("from={}&interval=hour", time(now() - Duration::days(60)));
    assert_eq!(invalid(&backend, "/usage/timeseries", &long_hours).errors[0].field, "interval");
    assert_eq!(invalid(&backend, "/usage/top", "dimension=planet").errors[0].field, "dimension");
    assert_eq!(invalid(&backend, "/usage/top", "limit=500").errors[0].field, "limit");
    assert_eq!(invalid(&backend, "/usage/export", "format=csv").errors[0].field, "format");
    assert_eq!(invalid(&backend, "/usage/summary", "to=yesterday").errors[0].field, "to");
}

#[test]
fn only_users_with_usage_report_access_see_reports_and_the_same_seed_gives_the_same_report() {
    let backend = MockBackend::new(1, 100, now());
    assert_eq!(get_as(&backend, "no-usage-reports", "/usage/summary", "").status, 403);
    assert_eq!(get_as(&backend, "viewer", "/usage/top", "").status, 403);
    let auditor: UsageSummary = ok(get_as(&backend, "auditor", "/usage/summary", ""));
    let export: UsageExport = get(&backend, "/usage/export", "");
    assert_eq!(export.summary, auditor);
    assert!((30..=31).contains(&export.daily.len()), "{}", export.daily.len());
    let again: UsageSummary = get(&MockBackend::new(1, 100, now()), "/usage/summary", "");
    let other: UsageSummary = get(&MockBackend::new(2, 100, now()), "/usage/summary", "");
    assert_eq!(again, auditor);
    assert_ne!(other.total_requests, auditor.total_requests);
}
