//! Usage reports: a year of data whose figures add up, filters that filter, the 12-month
//! retention and the usage-reports capability.

use chrono::{DateTime, Datelike, Duration, Utc};
use event_center_contract::{
    PasswordManagerReport, Problem, UsageExport, UsageSeries, UsageSummary, UsageTop,
};
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
    let current = &summary.current;
    assert_eq!((current.to - current.from).num_days(), 30, "the last 30 days by default");
    assert!(current.total_requests > 100_000, "{}", current.total_requests);
    let daily: UsageSeries = get(&backend, "/usage/timeseries", "");
    assert_eq!(daily.points.iter().map(|p| p.requests).sum::<u64>(), current.total_requests);
    let users: UsageTop = get(&backend, "/usage/top", "dimension=user&limit=50");
    assert_eq!(users.entries.iter().map(|c| c.requests).sum::<u64>(), current.total_requests);
    assert_eq!(users.entries.len() as u64, current.total_clients);
    let people = users.entries.iter().filter(|c| c.name.contains('@')).count() as u64;
    assert_eq!(people, current.unique_users, "unique users are people; clients are everyone");
    assert!(current.unique_users < current.total_clients);
    assert!(users.entries.windows(2).all(|w| w[0].requests >= w[1].requests), "most first");
    for breakdown in [&summary.requests_by_auth_method_type, &summary.requests_by_secret_type] {
        assert_eq!(breakdown.iter().map(|c| c.requests).sum::<u64>(), current.total_requests);
    }
    assert_eq!(
        summary.clients_by_auth_method_type.iter().map(|c| c.clients).sum::<u64>(),
        current.total_clients
    );
    assert_eq!(summary.secrets_by_type.iter().map(|c| c.secrets).sum::<u64>(), current.total_secrets);
    let types: Vec<&str> = summary.requests_by_auth_method_type.iter().map(|c| c.name.as_str()).collect();
    assert!(types.contains(&"saml2") && types.contains(&"oidc") && types.contains(&"ldap"), "{types:?}");
    let previous = summary.previous.as_ref().expect("the 30 days before are kept");
    assert_eq!((previous.to, previous.to - previous.from), (current.from, current.to - current.from));
    assert!(!summary.exceeded_clients.is_empty());
    assert!(summary.exceeded_clients.iter().all(|c| c.requests > c.limit));
    let top3: UsageTop = get(&backend, "/usage/top", "dimension=secret&limit=3");
    assert_eq!(top3.entries.len(), 3);

    let week = format!("from={}&to={}", time(now() - Duration::days(7)), time(now()));
    let hourly: UsageSeries = get(&backend, "/usage/timeseries", &format!("{week}&interval=hour"));
    let weekly: UsageSummary = get(&backend, "/usage/summary", &week);
    assert_eq!(hourly.points.iter().map(|p| p.requests).sum::<u64>(), weekly.current.total_requests);
    assert!((167..=169).contains(&hourly.points.len()), "{}", hourly.points.len());
}

#[test]
fn filters_narrow_every_figure() {
    let backend = MockBackend::new(1, 100, now());
    let all: UsageSummary = get(&backend, "/usage/summary", "");
    let ci: UsageSummary = get(&backend, "/usage/summary", "user=svc-ci-runner");
    assert!(ci.current.total_requests > 0 && ci.current.total_requests < all.current.total_requests);
    assert_eq!(
        (ci.current.unique_users, ci.current.total_clients),
        (0, 1),
        "a service is a client, not a user"
    );
    assert_eq!(ci.requests_by_auth_method_type.len(), 1);
    let deletions: UsageSummary = get(&backend, "/usage/summary", "user=svc-ci-runner&action=deletion");
    assert!(deletions.current.total_requests < ci.current.total_requests);
    let secret = "db/postgres-primary-admin";
    let one: UsageTop = get(&backend, "/usage/top", &format!("dimension=secret&secret={secret}"));
    assert_eq!(one.entries.len(), 1);
    assert_eq!(one.entries[0].name, secret);
    let narrowed: UsageSummary = get(&backend, "/usage/summary", &format!("secret={secret}"));
    assert_eq!(narrowed.current.total_secrets, 1);
    assert_eq!(narrowed.current.total_requests, one.entries[0].requests);
    let nobody: UsageSummary = get(&backend, "/usage/summary", "user=nobody@example.com");
    assert_eq!((nobody.current.total_requests, nobody.current.unique_users), (0, 0));
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
    let admin: UsageSummary = get(&backend, "/usage/summary", "");
    assert_eq!(admin, auditor);
    let again: UsageSummary = get(&MockBackend::new(1, 100, now()), "/usage/summary", "");
    let other: UsageSummary = get(&MockBackend::new(2, 100, now()), "/usage/summary", "");
    assert_eq!(again, auditor);
    assert_ne!(other.current.total_requests, auditor.current.total_requests);
}

/// The seed's get-analytics-data sample, field by field: the export has exactly its shape,
/// and its figures are the summary's.
#[test]
fn the_export_is_the_seeds_get_analytics_data_document() {
    let backend = MockBackend::new(1, 100, now());
    let query = "user=alice.nguyen@example.com";
    let response = get_as(&backend, "admin", "/usage/export", query);
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&json), ["clients_usage_reports", "date_updated", "usage_reports"]);
    assert_eq!(json["date_updated"], now().timestamp());
    let sm = &json["usage_reports"]["sm"];
    assert_eq!(
        keys(sm),
        ["clients_by_auth_method_types", "product", "secrets_by_types", "total_clients", "total_secrets"]
    );
    assert_eq!(sm["product"], "sm");
    let client = &json["clients_usage_reports"]["sm"]["clients"][0];
    assert_eq!(keys(client), ["auth_method_type", "client_name", "exceeded_clients", "limit", "requests"]);

    let export: UsageExport = serde_json::from_value(json.clone()).unwrap();
    let summary: UsageSummary = get(&backend, "/usage/summary", query);
    let sm = &export.usage_reports.sm;
    assert_eq!(
        (sm.total_clients, sm.total_secrets),
        (summary.current.total_clients, summary.current.total_secrets)
    );
    assert_eq!(sm.clients_by_auth_method_types.values().sum::<u64>(), sm.total_clients);
    assert_eq!(sm.secrets_by_types.values().sum::<u64>(), sm.total_secrets);
    let clients = &export.clients_usage_reports.sm.clients;
    assert_eq!(clients.len() as u64, sm.total_clients);
    let exceeded: u64 = clients.iter().map(|c| c.exceeded_clients).sum();
    assert_eq!(exceeded, summary.exceeded_clients.len() as u64);
}

/// Deleted items leave the current counts but keep their past requests, marked; personal
/// folders' items are counted and marked.
#[test]
fn deleted_and_personal_items_are_counted_as_the_seed_says() {
    let backend = MockBackend::new(1, 100, now());
    let top: UsageTop = get(&backend, "/usage/top", "dimension=secret&limit=50");
    let entry = |name: &str| top.entries.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name}"));
    let deleted = entry("api-keys/legacy-billing");
    assert!(deleted.deleted && deleted.requests > 0, "deleted 12 days ago, used before: {deleted:?}");
    assert!(entry("personal/alice.nguyen/office-wifi").personal);
    assert!(!entry("db/redis-cache").deleted && !entry("db/redis-cache").personal);
    assert!(top.entries.iter().all(|e| e.name != "db/mongo-analytics-old"), "deleted before the range");

    let legacy = "secret=api-keys/legacy-billing";
    let now_gone: UsageSummary = get(&backend, "/usage/summary", legacy);
    assert_eq!(now_gone.current.total_secrets, 0, "not among current items");
    assert!(now_gone.current.total_requests > 0, "its past requests still count");
    let to = format!("{legacy}&to={}", time(now() - Duration::days(13)));
    let then: UsageSummary = get(&backend, "/usage/summary", &to);
    assert_eq!(then.current.total_secrets, 1, "it existed then");
}

#[test]
fn the_password_manager_report_names_every_auth_type_of_the_seed() {
    let backend = MockBackend::new(1, 100, now());
    let report: PasswordManagerReport = get(&backend, "/usage/password-manager", "");
    let names: Vec<&str> = report.by_auth_type.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["saml", "oidc", "ldap", "email"]);
    assert_eq!(report.by_auth_type.iter().map(|t| t.users).sum::<u64>(), report.total_users);
    assert_eq!((report.total_users, report.total_auth_methods), (7, 4));
    assert!(report.stored_passwords > 0);
    let alice: PasswordManagerReport =
        get(&backend, "/usage/password-manager", "user=alice.nguyen@example.com");
    assert_eq!(alice.total_users, 1);
    assert!(alice.stored_passwords < report.stored_passwords);
    assert_eq!(get_as(&backend, "viewer", "/usage/password-manager", "").status, 403);
}
