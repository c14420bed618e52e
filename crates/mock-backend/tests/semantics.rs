//! The mock behaves like a real backend of the contract.

use std::collections::HashSet;

use chrono::Duration;
use event_center_contract::{Event, EventDetail, EventType, Me, Page, Problem, Severity};
use event_center_mock::{MockBackend, Persona, Request, Response};

mod common;
use common::now;

fn get(backend: &MockBackend, path: &str, query: &str) -> Response {
    backend.handle(&Request::get(path, query, Some(Persona::Admin.token())))
}

fn page(backend: &MockBackend, query: &str) -> Page<Event> {
    let response = get(backend, "/events", query);
    assert_eq!(response.status, 200, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn problem(response: Response) -> Problem {
    assert_eq!(response.content_type, "application/problem+json");
    let problem: Problem = serde_json::from_str(&response.body).unwrap();
    assert_eq!(problem.status, response.status);
    problem
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let a = MockBackend::new(7, 2_000, now());
    let b = MockBackend::new(7, 2_000, now());
    let c = MockBackend::new(8, 2_000, now());
    assert_eq!(get(&a, "/events", "limit=500").body, get(&b, "/events", "limit=500").body);
    assert_eq!(get(&a, "/events/evt_0001234", "").body, get(&b, "/events/evt_0001234", "").body);
    assert_ne!(get(&a, "/events", "limit=500").body, get(&c, "/events", "limit=500").body);
}

#[test]
fn a_hundred_thousand_events_generate_and_page() {
    let started = std::time::Instant::now();
    let backend = MockBackend::new(1, 100_000, now());
    eprintln!("generated 100,000 events in {:?}", started.elapsed());
    let first = page(&backend, "limit=500");
    assert_eq!(first.data.len(), 500);
    assert!(first.has_more);
    assert_eq!(first.data[0].id, "evt_0099999", "newest first");
}

#[test]
fn an_empty_system_lists_nothing() {
    let backend = MockBackend::new(1, 0, now());
    let page = page(&backend, "");
    assert!(page.data.is_empty());
    assert!(!page.has_more);
    assert_eq!(page.next_cursor, None);
}

#[test]
fn paging_is_stable_while_new_events_arrive() {
    let mut backend = MockBackend::new(3, 5_000, now());
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut clock = now();
    loop {
        let query = match &cursor {
            Some(c) => format!("limit=333&cursor={c}"),
            None => "limit=333".into(),
        };
        let page = page(&backend, &query);
        seen.extend(page.data.iter().map(|e| (e.created_at, e.id.clone())));
        clock += Duration::seconds(1);
        backend.arrive(clock, None);
        backend.arrive(clock, None);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5_000, "every event of the first page's moment, once");
    let unique: HashSet<_> = seen.iter().map(|(_, id)| id).collect();
    assert_eq!(unique.len(), 5_000, "no duplicates");
    assert!(seen.windows(2).all(|w| w[0] >= w[1]), "createdAt desc, id desc");
}

#[test]
fn new_events_appear_first() {
    let mut backend = MockBackend::new(3, 100, now());
    let id = backend.arrive(now() + Duration::minutes(1), None);
    assert_eq!(page(&backend, "limit=1").data[0].id, id);
}

#[test]
fn filters_filter() {
    let backend = MockBackend::new(11, 20_000, now());
    let all = |query: &str| {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let q = match &cursor {
                Some(c) => format!("{query}&limit=500&cursor={c}"),
                None => format!("{query}&limit=500"),
            };
            let p = page(&backend, &q);
            out.extend(p.data);
            match p.next_cursor {
                Some(c) => cursor = Some(c),
                None => return out,
            }
        }
    };

    let critical_expired = all("type=certificate-expired&type=rotated-secret-failure&severity=critical");
    assert!(!critical_expired.is_empty());
    assert!(critical_expired.iter().all(|e| {
        (&*e.event_type == "certificate-expired" || &*e.event_type == "rotated-secret-failure")
            && e.severity == Severity::Critical
    }));

    let prod_payments = all("source=/prod/payments/*");
    assert!(!prod_payments.is_empty());
    assert!(prod_payments.iter().all(|e| e.source.starts_with("/prod/payments/")));

    let week = all("from=2026-11-16T12:00:00Z&to=2026-11-23T12:00:00Z");
    assert!(!week.is_empty());
    assert!(week.iter().all(|e| e.created_at >= now() - Duration::days(7)));
    assert!(week.len() < 20_000);

    let alice = all("actor=ALICE.nguyen");
    assert!(!alice.is_empty());
    assert!(alice.iter().all(|e| e.actor.as_deref() == Some("alice.nguyen@example.com")));

    let gateways = all("sourceKind=gateway");
    assert!(gateways.iter().all(|e| &*e.event_type == "gateway-inactive" && e.actor.is_none()));

    let text = all("q=mysql-reporting");
    assert!(!text.is_empty());
    assert!(text
        .iter()
        .all(|e| e.message.contains("mysql-reporting") || e.source.contains("mysql-reporting")));

    let legacy = all("type=Certificate_Expired");
    assert!(!legacy.is_empty() && legacy.iter().all(|e| &*e.event_type == "certificate-expired"));
}

#[test]
fn messages_are_filled_from_the_catalog_templates() {
    let backend = MockBackend::new(5, 3_000, now());
    let types: Vec<EventType> = serde_json::from_str(&get(&backend, "/event-types", "").body).unwrap();
    assert!(types.len() >= 30);
    let page = page(&backend, "limit=500");
    for event in &page.data {
        assert!(!event.message.contains("${"), "{}", event.message);
        assert!(types.iter().any(|t| *t.name == *event.event_type));
    }
    let detail: EventDetail =
        serde_json::from_str(&get(&backend, &format!("/events/{}", page.data[0].id), "").body).unwrap();
    assert_eq!(detail.event, page.data[0]);
    assert_eq!(detail.payload["name"], serde_json::json!(detail.event.source));
}

#[test]
fn errors_are_problem_details() {
    let backend = MockBackend::new(5, 100, now());
    let unauthenticated = backend.handle(&Request::get("/events", "", None));
    assert_eq!(unauthenticated.status, 401);
    problem(unauthenticated);

    let missing = problem(get(&backend, "/events/evt_9999999", ""));
    assert_eq!(missing.status, 404);

    let invalid = problem(get(&backend, "/events", "severity=loud&limit=0"));
    assert_eq!(invalid.status, 422);
    let fields: Vec<_> = invalid.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["severity", "limit"]);

    let forged = problem(get(&backend, "/events", "cursor=c999999999"));
    assert_eq!((forged.status, forged.errors[0].field.as_str()), (422, "cursor"));

    assert_eq!(problem(get(&backend, "/nowhere", "")).status, 404);
}

#[test]
fn personas_sign_in_by_token() {
    let backend = MockBackend::new(5, 10, now());
    for persona in Persona::ALL {
        let response = backend.handle(&Request::get("/me", "", Some(persona.token())));
        let me: Me = serde_json::from_str(&response.body).unwrap();
        let is = |among: &[Persona]| among.contains(&persona);
        assert_eq!(me.can("usage-reports:read"), is(&[Persona::Admin, Persona::Auditor]), "{persona:?}");
        assert_eq!(me.can("forwarders:write"), is(&[Persona::Admin, Persona::NoUsageReports]), "{persona:?}");
        assert_eq!(me.can("notifications:read"), persona != Persona::Viewer, "{persona:?}");
        assert!(me.can("events:read"), "{persona:?}");
    }
}

#[test]
fn forced_outcomes_replace_an_operation_until_restored() {
    use event_center_mock::Forced;
    let mut backend = MockBackend::new(5, 10, now());
    let request = Request::get("/events", "", Some("admin"));
    backend.force("listEvents", Some(Forced::Status(429))).unwrap();
    let limited = backend.respond(&request).unwrap();
    assert_eq!((limited.status, limited.retry_after), (429, Some(2)));
    assert_eq!(problem(limited).title, "Too Many Requests");
    let other = Request::get("/me", "", Some("admin"));
    assert_eq!(backend.respond(&other).unwrap().status, 200, "other operations are untouched");

    backend.force("listEvents", Some(Forced::NetworkDown)).unwrap();
    assert_eq!(backend.respond(&request), None);
    backend.force("listEvents", None).unwrap();
    assert_eq!(backend.respond(&request).unwrap().status, 200);
    assert!(backend.force("deleteEverything", Some(Forced::Status(500))).is_err());
}

#[test]
fn forced_outcomes_cross_module_boundaries_as_short_codes() {
    use event_center_mock::Forced;
    for forced in [Forced::Status(401), Forced::Status(503), Forced::NetworkDown] {
        assert_eq!(Forced::from_code(&forced.code()), Some(forced));
    }
    assert_eq!(Forced::NetworkDown.code(), "network");
    assert_eq!(Forced::from_code(""), None, "no code restores the operation");
    assert_eq!(Forced::from_code("teapot"), None);
}

#[test]
fn a_failure_rate_fails_about_that_share_of_requests_with_5xx() {
    use event_center_mock::Scenario;
    let mut backend = MockBackend::new(5, 10, now());
    backend.set_scenario(Scenario { failure_rate: 0.3, ..Scenario::default() });
    let request = Request::get("/me", "", Some("admin"));
    let statuses: Vec<u16> = (0..1_000).map(|_| backend.respond(&request).unwrap().status).collect();
    let failed = statuses.iter().filter(|s| **s >= 500).count();
    assert!((220..380).contains(&failed), "{failed} of 1000 failed");
    assert!(statuses.iter().all(|s| [200, 500, 503].contains(s)));
    backend.set_scenario(Scenario::default());
    assert!((0..100).all(|_| backend.respond(&request).unwrap().status == 200));
}

#[test]
fn oldest_first_pages_through_everything_in_time_order() {
    let backend = MockBackend::new(3, 2_000, now());
    let mut seen: Vec<Event> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("order=asc&limit=300&cursor={c}&severity=info"),
            None => "order=asc&limit=300&severity=info".into(),
        };
        let page = page(&backend, &query);
        seen.extend(page.data);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let newest_first = page(&backend, "limit=500&severity=info");
    assert!(seen.windows(2).all(|w| (w[0].created_at, &w[0].id) <= (w[1].created_at, &w[1].id)));
    assert!(seen.len() > 1_000 && seen.iter().all(|e| e.severity == Severity::Info));
    assert_eq!(seen.last().unwrap().id, newest_first.data[0].id, "the same events, the other way round");
    assert_eq!(problem(get(&backend, "/events", "order=sideways")).errors[0].field, "order");
}

#[test]
fn event_details_carry_trigger_runs_and_deliveries_of_every_kind() {
    use event_center_contract::{DeliveryStatus, RunOutcome};
    let backend = MockBackend::new(21, 3_000, now());
    let details: Vec<EventDetail> = (0..3_000)
        .step_by(7)
        .map(|seq| serde_json::from_str(&get(&backend, &format!("/events/evt_{seq:07}"), "").body).unwrap())
        .collect();
    let runs: Vec<_> = details.iter().flat_map(|d| &d.trigger_runs).collect();
    let deliveries: Vec<_> = details.iter().flat_map(|d| &d.deliveries).collect();
    for outcome in [RunOutcome::Ignored, RunOutcome::Actioned, RunOutcome::NoMatch, RunOutcome::Failed] {
        assert!(runs.iter().any(|r| r.outcome == outcome), "{outcome:?}");
    }
    for status in [DeliveryStatus::Succeeded, DeliveryStatus::Failed] {
        assert!(deliveries.iter().any(|d| d.status == status), "{status:?}");
    }
    assert!(details.iter().any(|d| d.trigger_runs.is_empty() && d.deliveries.is_empty()));
}

/// A delivery is pending only while its receiver is still being tried, with its next attempt
/// ahead: a day-old event's unanswered delivery has failed, not stalled "overdue".
#[test]
fn only_recent_deliveries_are_pending_and_their_next_attempt_is_ahead() {
    use event_center_contract::DeliveryStatus;
    let backend = MockBackend::new(21, 5_000, now());
    let newest: Page<Event> = page(&backend, "limit=500");
    let (mut pending, mut failed) = (0, 0);
    for event in &newest.data {
        let detail: EventDetail =
            serde_json::from_str(&get(&backend, &format!("/events/{}", event.id), "").body).unwrap();
        for d in &detail.deliveries {
            let answered = d.attempted_at.is_some() && d.response_status.is_some();
            match d.status {
                DeliveryStatus::Pending => {
                    pending += 1;
                    assert!(event.created_at > now() - Duration::hours(18), "{d:?}");
                    assert!(d.next_attempt_at.is_some_and(|next| next > now()) && answered, "{d:?}");
                }
                DeliveryStatus::Failed => {
                    failed += 1;
                    assert!(d.next_attempt_at.is_none() && answered, "{d:?}");
                }
                _ => assert!(d.next_attempt_at.is_none(), "{d:?}"),
            }
        }
    }
    assert!(pending > 0 && failed > 0, "{pending} pending, {failed} failed");
}

#[test]
fn an_ignored_object_runs_no_action_trigger_and_ignore_triggers_run_first() {
    use event_center_contract::{RunOutcome, TriggerKind};
    let backend = MockBackend::new(21, 3_000, now());
    for seq in 0..3_000 {
        let detail: EventDetail =
            serde_json::from_str(&get(&backend, &format!("/events/evt_{seq:07}"), "").body).unwrap();
        let runs = &detail.trigger_runs;
        if let Some(i) = runs.iter().position(|r| r.outcome == RunOutcome::Ignored) {
            assert_eq!(i, runs.len() - 1, "nothing runs after an ignore: {runs:?}");
        }
        let first_action = runs.iter().position(|r| r.kind == TriggerKind::Action).unwrap_or(runs.len());
        assert!(runs[first_action..].iter().all(|r| r.kind == TriggerKind::Action), "{runs:?}");
        assert!(runs.iter().all(|r| r.event_id == detail.event.id), "{runs:?}");
    }
}

#[test]
fn gateways_are_listed_with_the_inactive_one_last_seen_when_it_went_down() {
    use event_center_contract::{Gateway, GatewayStatus};
    let backend = MockBackend::new(8, 20_000, now());
    let gateways: Vec<Gateway> = serde_json::from_str(&get(&backend, "/gateways", "").body).unwrap();
    assert_eq!(gateways.len(), 4);
    let inactive: Vec<_> = gateways.iter().filter(|g| g.status == GatewayStatus::Inactive).collect();
    assert_eq!(inactive.len(), 1, "one gateway is down, as the seeds describe");
    let went_down: Page<Event> = serde_json::from_str(
        &get(&backend, "/events", &format!("type=gateway-inactive&source={}&limit=1", inactive[0].name)).body,
    )
    .unwrap();
    assert_eq!(Some(inactive[0].last_seen), went_down.data.first().map(|e| e.created_at));
    assert!(gateways
        .iter()
        .filter(|g| g.status == GatewayStatus::Active)
        .all(|g| g.last_seen > inactive[0].last_seen));
    let viewer = backend.handle(&Request::get("/gateways", "", Some("viewer")));
    assert_eq!(viewer.status, 403);
}

#[test]
fn an_export_holds_exactly_the_filtered_events() {
    let backend = MockBackend::new(12, 20_000, now());
    let filter = "severity=critical&sourceKind=item";
    let listed: Page<Event> =
        serde_json::from_str(&get(&backend, "/events", &format!("{filter}&limit=500")).body).unwrap();
    assert!(!listed.has_more, "the filter fits one page, to compare with");
    let json: serde_json::Value =
        serde_json::from_str(&get(&backend, "/events/export", filter).body).unwrap();
    let exported: usize =
        json["Event_Center_Events"].as_object().unwrap().values().map(|g| g.as_array().unwrap().len()).sum();
    assert_eq!(exported, listed.data.len());
    let csv = backend.handle(&Request::get("/events/export", &format!("format=csv&{filter}"), Some("admin")));
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    assert_eq!(csv.body.lines().count(), listed.data.len() + 1, "a header and a row per event");
    assert_eq!(get(&backend, "/events/export", "format=pdf").status, 422);
}

#[test]
fn filtering_by_read_state_takes_notifications_read_on_every_path() {
    let backend = MockBackend::new(12, 2_000, now());
    for path in ["/events", "/events/export"] {
        let viewer = backend.handle(&Request::get(path, "read=false", Some("viewer")));
        assert_eq!(viewer.status, 403, "{path}: {}", viewer.body);
        assert!(viewer.body.contains("notifications:read"), "{path}: {}", viewer.body);
        assert_eq!(backend.handle(&Request::get(path, "", Some("viewer"))).status, 200, "{path} unfiltered");
        assert_eq!(backend.handle(&Request::get(path, "read=false", Some("auditor"))).status, 200, "{path}");
    }
}

#[test]
fn an_empty_parameter_is_one_left_out_on_every_list() {
    let backend = MockBackend::new(7, 300, now());
    let forwarders: serde_json::Value = serde_json::from_str(&get(&backend, "/forwarders", "").body).unwrap();
    let forwarder = forwarders[0]["id"].as_str().unwrap();
    for (path, empty) in [
        ("/events", "to=&from=&severity=&limit="),
        ("/notifications", "unread=&limit="),
        ("/trigger-runs", "outcome=&limit="),
        (&format!("/forwarders/{forwarder}/deliveries")[..], "status=&limit=&cursor="),
        ("/usage/summary", "from=&to=&user="),
    ] {
        let response = get(&backend, path, empty);
        assert_eq!(response.status, 200, "{path}?{empty}: {}", response.body);
        assert_eq!(response.body, get(&backend, path, "").body, "{path}?{empty}");
    }
}

#[test]
fn a_method_the_path_lacks_is_a_405_that_names_the_ones_it_has() {
    let backend = MockBackend::new(7, 10, now());
    let request = Request { method: "DELETE", ..Request::get("/events", "", Some(Persona::Admin.token())) };
    let response = backend.handle(&request);
    assert_eq!(response.allow.as_deref(), Some("GET, HEAD"));
    assert!(problem(response).detail.unwrap().contains("takes GET, HEAD, not DELETE"));
    let request =
        Request { method: "PATCH", ..Request::get("/triggers/t1", "", Some(Persona::Admin.token())) };
    assert_eq!(backend.handle(&request).allow.as_deref(), Some("GET, HEAD, PUT, DELETE"));
    let unknown = backend.handle(&Request::get("/nowhere", "", Some(Persona::Admin.token())));
    assert_eq!((unknown.status, unknown.allow), (404, None));
}

#[test]
fn a_type_filter_takes_only_what_could_be_an_event_types_name() {
    let backend = MockBackend::new(7, 100, now());
    assert_eq!(
        page(&backend, "type=no-such-type").data.len(),
        0,
        "a well-formed unknown name matches nothing"
    );
    let refused = problem(get(&backend, "/events", "type=%C2%A1&type=ok"));
    assert_eq!(refused.errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["type"]);
}
