//! Triggers, their assignments and their runs behave as the seeds' event automation does.

use event_center_contract::{
    EventDetail, NotificationProfile, Page, RunOutcome, ScopeKind, Trigger, TriggerAssignments, TriggerKind,
    TriggerRun,
};
use event_center_mock::{MockBackend, Request};

mod common;
use common::{call, fields, now, ok};

const UPLOAD_NOTIFIER: &str = r#"{"name":"Tell PKI about uploads","kind":"action","resource":"certificate",
    "event":"certificate-uploaded","conditions":[{"field":"issuerCommonName","operator":"contains","value":"Let's Encrypt"}],
    "actions":[{"type":"notify","notificationProfile":"np_security"},{"type":"setGroups","groups":["public"]}],"enabled":true}"#;

#[test]
fn triggers_are_created_validated_and_listed() {
    let backend = MockBackend::new(1, 500, now());
    let profiles: Vec<NotificationProfile> = ok(call(&backend, "GET", "/notification-profiles", "", None));
    assert!(profiles.iter().any(|p| p.id == "np_security" && p.name == "Security"), "{profiles:?}");
    let created: Trigger = ok(call(&backend, "POST", "/triggers", UPLOAD_NOTIFIER, None));
    assert_eq!(call(&backend, "POST", "/triggers", UPLOAD_NOTIFIER, None).status, 422, "names are unique");
    assert_eq!(created.version, 1);
    let listed: Vec<Trigger> = ok(call(&backend, "GET", "/triggers?event=certificate-uploaded", "", None));
    assert!(listed.iter().any(|t| t.id == created.id));
    assert!(listed.iter().all(|t| t.spec.event == "certificate-uploaded"));
    let ignore: Vec<Trigger> = ok(call(&backend, "GET", "/triggers?kind=ignore", "", None));
    assert!(!ignore.is_empty() && ignore.iter().all(|t| t.spec.kind == TriggerKind::Ignore));

    let invalid = r#"{"name":" ","kind":"ignore","resource":"secret","event":"certificate-uploaded",
        "conditions":[{"field":"","operator":"greaterThan","value":"soon"}],
        "actions":[{"type":"setOwner","owner":"x"}],"enabled":true}"#;
    assert_eq!(
        fields(call(&backend, "POST", "/triggers", invalid, None)),
        ["name", "resource", "conditions[0].field", "conditions[0].value", "actions", "actions[0]"]
    );
    let categorise_a_secret = r#"{"name":"Group secrets","kind":"action","resource":"secret",
        "event":"rotated-secret-failure","conditions":[],"actions":[{"type":"setGroups","groups":["a"]}],"enabled":true}"#;
    assert_eq!(fields(call(&backend, "POST", "/triggers", categorise_a_secret, None)), ["actions[0]"]);
    let unknown_profile =
        UPLOAD_NOTIFIER.replace("np_security", "np_nobody").replace("Tell PKI", "Tell nobody");
    assert_eq!(
        fields(call(&backend, "POST", "/triggers", &unknown_profile, None)),
        ["actions[0].notificationProfile"]
    );
    assert_eq!(fields(call(&backend, "POST", "/triggers", "{\"name\":1}", None)), ["body"]);
    let auditor = backend.handle(&Request {
        method: "POST",
        body: UPLOAD_NOTIFIER,
        ..Request::get("/triggers", "", Some("auditor"))
    });
    assert_eq!(auditor.status, 403);
}

#[test]
fn a_stale_edit_is_refused_and_changes_nothing() {
    let backend = MockBackend::new(1, 500, now());
    let path = "/triggers/trg_notify_security";
    let original: Trigger = ok(call(&backend, "GET", path, "", None));
    let mut spec = original.spec.clone();
    spec.name = "Notify security on every revocation".into();
    let body = serde_json::to_string(&spec).unwrap();
    let saved: Trigger = ok(call(&backend, "PUT", path, &body, Some("\"1\"")));
    assert_eq!((saved.version, saved.spec.name.as_str()), (2, "Notify security on every revocation"));

    spec.enabled = false;
    let stale = call(&backend, "PUT", path, &serde_json::to_string(&spec).unwrap(), Some("\"1\""));
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("version 1") && stale.body.contains("now 2"), "{}", stale.body);
    let now_stored: Trigger = ok(call(&backend, "GET", path, "", None));
    assert_eq!(now_stored, saved, "the refused edit wrote nothing");

    spec.event = "certificate-expiring".into();
    let moved = call(&backend, "PUT", path, &serde_json::to_string(&spec).unwrap(), Some("2"));
    assert_eq!(fields(moved), ["event"], "an assigned trigger keeps its event");
}

#[test]
fn an_assigned_trigger_is_deleted_only_after_it_is_unassigned() {
    let backend = MockBackend::new(1, 500, now());
    let unversioned = call(&backend, "DELETE", "/triggers/trg_gateway_down", "", None);
    assert_eq!(unversioned.status, 428, "a delete says which version it removes");
    let refused = call(&backend, "DELETE", "/triggers/trg_gateway_down", "", Some("1"));
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("gateway-inactive in platform"), "{}", refused.body);
    assert!(refused.body.contains(r#""type":"urn:event-center:problem:in-use""#), "{}", refused.body);

    let mut platform: TriggerAssignments = ok(call(&backend, "GET", "/trigger-assignments", "", None));
    platform.assignments.retain(|a| a.event != "gateway-inactive");
    let body = serde_json::to_string(&platform.assignments).unwrap();
    let saved: TriggerAssignments = ok(call(
        &backend,
        "PUT",
        "/trigger-assignments?scope=platform",
        &body,
        Some(&platform.version.to_string()),
    ));
    assert_eq!(saved.version, platform.version + 1);
    assert_eq!(call(&backend, "PUT", "/trigger-assignments", &body, Some("1")).status, 409);

    assert_eq!(
        call(&backend, "DELETE", "/triggers/trg_gateway_down", "", Some("\"2\"")).status,
        409,
        "stale"
    );
    let deleted = call(&backend, "DELETE", "/triggers/trg_gateway_down", "", Some("\"1\""));
    assert_eq!((deleted.status, deleted.body.as_str()), (204, ""));
    assert_eq!(call(&backend, "GET", "/triggers/trg_gateway_down", "", None).status, 404);
}

#[test]
fn overrides_are_checked_against_the_scope_the_event_and_the_triggers() {
    let backend = MockBackend::new(1, 500, now());
    let mtls: TriggerAssignments =
        ok(call(&backend, "GET", "/trigger-assignments?scope=raProfile:ra_internal_mtls", "", None));
    assert_eq!(mtls.assignments.len(), 1, "it overrides expiring certificates only");
    let empty: TriggerAssignments =
        ok(call(&backend, "GET", "/trigger-assignments?scope=group:grp_payments", "", None));
    assert_eq!((empty.version, empty.assignments.len()), (0, 0));
    assert_eq!(call(&backend, "GET", "/trigger-assignments?scope=group:grp_nope", "", None).status, 404);
    assert_eq!(fields(call(&backend, "GET", "/trigger-assignments?scope=everyone", "", None)), ["scope"]);

    let body = r#"[{"event":"certificate-uploaded","ignoreTriggers":[],"actionTriggers":[]},
        {"event":"certificate-expiring","ignoreTriggers":["trg_notify_expiring"],"actionTriggers":["trg_assign_owner","trg_nope"]}]"#;
    assert_eq!(
        fields(call(&backend, "PUT", "/trigger-assignments?scope=group:grp_payments", body, Some("0"))),
        [
            "assignments[0].event",
            "assignments[1].ignoreTriggers[0]",
            "assignments[1].actionTriggers[0]",
            "assignments[1].actionTriggers[1]"
        ]
    );
    let fine =
        r#"[{"event":"certificate-expiring","ignoreTriggers":[],"actionTriggers":["trg_notify_expiring"]}]"#;
    let saved: TriggerAssignments =
        ok(call(&backend, "PUT", "/trigger-assignments?scope=group:grp_payments", fine, Some("0")));
    assert_eq!((saved.version, saved.assignments[0].action_triggers.len()), (1, 1));
}

/// Seed 001's "Overridden By": RA profiles and groups override status changes, actions and
/// expiry; a discovery only what it discovers; uploads nothing. The scopes say so themselves.
#[test]
fn each_kind_of_scope_overrides_only_what_the_seed_allows() {
    let backend = MockBackend::new(1, 200, now());
    let kinds: Vec<ScopeKind> = ok(call(&backend, "GET", "/trigger-scopes", "", None));
    let by_kind = |kind: &str| kinds.iter().find(|k| k.kind == kind).unwrap().clone();
    assert_eq!(by_kind("discovery").overrides, ["certificate-discovered"]);
    assert!(by_kind("raProfile").overrides.contains(&"certificate-expiring".to_string()));
    assert!(kinds.iter().all(|k| !k.overrides.contains(&"certificate-uploaded".to_string())));
    let discovery = format!("/trigger-assignments?scope=discovery:{}", by_kind("discovery").scopes[0].id);
    let discovered = r#"[{"event":"certificate-discovered","ignoreTriggers":[],"actionTriggers":[]}]"#;
    let _: TriggerAssignments = ok(call(&backend, "PUT", &discovery, discovered, Some("0")));
    for (scope, event) in [
        (discovery.as_str(), "certificate-expiring"),
        ("/trigger-assignments?scope=group:grp_identity", "certificate-discovered"),
        (discovery.as_str(), "certificate-uploaded"),
    ] {
        let body = format!(r#"[{{"event":"{event}","ignoreTriggers":[],"actionTriggers":[]}}]"#);
        let refused = call(&backend, "PUT", scope, &body, None);
        let version = if scope.contains("discovery") { "1" } else { "0" };
        let refused =
            if refused.status == 428 { call(&backend, "PUT", scope, &body, Some(version)) } else { refused };
        assert_eq!(fields(refused), ["assignments[0].event"], "{scope} {event}");
    }
    let types: Vec<event_center_contract::EventType> = ok(call(&backend, "GET", "/event-types", "", None));
    let expiring = types.iter().find(|t| t.name == "certificate-expiring").unwrap();
    assert_eq!((expiring.resource.as_deref(), expiring.monitoring), (Some("certificate"), true));
    assert!(types.iter().filter(|t| t.monitoring).count() == 1 && types.iter().all(|t| t.resource.is_some()));
}

fn runs(backend: &MockBackend, query: &str) -> Page<TriggerRun> {
    ok(call(backend, "GET", &format!("/trigger-runs?{query}"), "", None))
}

#[test]
fn runs_are_filtered_and_ignored_objects_go_no_further() {
    let backend = MockBackend::new(2, 20_000, now());
    let page = runs(&backend, "limit=500");
    assert_eq!(page.data.len(), 500);
    for outcome in RunOutcome::ALL {
        let filtered = runs(&backend, &format!("outcome={}&limit=50", outcome.as_str()));
        assert!(
            !filtered.data.is_empty() && filtered.data.iter().all(|r| r.outcome == outcome),
            "{outcome:?}"
        );
    }
    let of_one = runs(&backend, "trigger=trg_assign_owner&limit=50");
    assert!(of_one
        .data
        .iter()
        .all(|r| r.trigger_id == "trg_assign_owner" && r.event_type == "certificate-uploaded"));
    let expiring = runs(&backend, "eventType=certificate-expiring&limit=50");
    assert!(
        !expiring.data.is_empty() && expiring.data.iter().all(|r| r.event_type == "certificate-expiring")
    );
    let tests = runs(&backend, "object=*.test.example.com&limit=50");
    assert!(tests.data.iter().all(|r| r.records.iter().any(|o| o.object_ref.ends_with(".test.example.com"))));
    assert!(tests.data.iter().any(|r| r.outcome == RunOutcome::Ignored));

    for run in &page.data {
        assert_eq!(run.objects_evaluated as usize, run.records.len());
        assert!(run.finished_at >= run.started_at);
        let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{}", run.event_id), "", None));
        let position =
            detail.trigger_runs.iter().position(|r| r.id == run.id).expect("the event carries its run");
        assert_eq!(&detail.trigger_runs[position], run);
        let ignored: Vec<&str> = detail.trigger_runs[..position]
            .iter()
            .filter(|r| r.kind == TriggerKind::Ignore)
            .flat_map(|r| r.records.iter().filter(|o| o.conditions_matched).map(|o| o.object_ref.as_str()))
            .collect();
        assert!(run.records.iter().all(|o| !ignored.contains(&o.object_ref.as_str())), "{run:?}");
        if run.kind == TriggerKind::Ignore {
            assert!(detail.trigger_runs[..position].iter().all(|r| r.kind == TriggerKind::Ignore));
        }
    }
    let one_event = &page.data[0].event_id;
    let by_event = runs(&backend, &format!("event={one_event}"));
    assert!(!by_event.data.is_empty() && by_event.data.iter().all(|r| &r.event_id == one_event));
    assert_eq!(fields(call(&backend, "GET", "/trigger-runs?outcome=maybe&cursor=x", "", None)), ["outcome"]);
    assert_eq!(fields(call(&backend, "GET", "/trigger-runs?cursor=forged", "", None)), ["cursor"]);
}

#[test]
fn run_pages_stay_stable_while_events_arrive() {
    let mut backend = MockBackend::new(3, 5_000, now());
    let first = runs(&backend, "limit=7");
    for _ in 0..200 {
        backend.arrive(now(), None);
    }
    let cursor = first.next_cursor.clone().unwrap();
    let second = runs(&backend, &format!("limit=7&cursor={cursor}"));
    let fresh = runs(&backend, "limit=500");
    let start = fresh.data.iter().position(|r| r.id == first.data[0].id).unwrap();
    let expected: Vec<&str> = fresh.data[start..start + 14].iter().map(|r| r.id.as_str()).collect();
    let paged: Vec<&str> = first.data.iter().chain(&second.data).map(|r| r.id.as_str()).collect();
    assert_eq!(paged, expected);
}

#[test]
fn events_that_arrive_run_the_sessions_triggers_as_they_stand() {
    let mut backend = MockBackend::new(1, 500, now());
    let spec = r#"{"name":"Ignore every upload","kind":"ignore","resource":"certificate",
        "event":"certificate-uploaded","conditions":[{"field":"commonName","operator":"notEquals","value":"-"}],
        "actions":[],"enabled":true}"#;
    let created: Trigger = ok(call(&backend, "POST", "/triggers", spec, None));
    let platform: TriggerAssignments =
        ok(call(&backend, "GET", "/trigger-assignments?scope=platform", "", None));
    let mut lists = platform.assignments.clone();
    let uploads = lists.iter_mut().find(|a| a.event == "certificate-uploaded").unwrap();
    uploads.ignore_triggers.insert(0, created.id.clone());
    let version = format!("\"{}\"", platform.version);
    let body = serde_json::to_string(&lists).unwrap();
    let _: TriggerAssignments =
        ok(call(&backend, "PUT", "/trigger-assignments?scope=platform", &body, Some(&version)));

    let runs_of = |backend: &MockBackend, id: &str| {
        let detail: EventDetail = ok(call(backend, "GET", &format!("/events/{id}"), "", None));
        detail.trigger_runs
    };
    let first = backend.arrive_as(now(), "certificate-uploaded", None).expect("a known type");
    let runs = runs_of(&backend, &first);
    assert_eq!(runs.len(), 1, "the object is rejected by the first ignore trigger: nothing else runs");
    assert_eq!((runs[0].trigger_id.as_str(), runs[0].outcome), (created.id.as_str(), RunOutcome::Ignored));
    // Seed 001: the history names the trigger, not the rejected certificate's own details.
    assert_eq!(runs[0].records[0].object_ref, "rejected upload");
    let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{first}"), "", None));
    assert!(detail.event.message.contains("rejected by the ignore trigger \"Ignore every upload\""));
    assert_eq!(detail.payload["payload"]["rejected_by"], "Ignore every upload");
    assert!(detail.payload["payload"].get("certificate_details").is_none(), "{}", detail.payload);
    let named = |s: &str| [".example.com", "mtls"].iter().any(|n| s.contains(n));
    assert!(!named(&detail.event.source), "the source is the folder: {}", detail.event.source);
    assert!(!named(detail.payload["name"].as_str().unwrap()), "{}", detail.payload);

    // Switched off, it no longer runs for the next upload; the first one's history stays.
    let mut off = created.spec.clone();
    off.enabled = false;
    let path = format!("/triggers/{}", created.id);
    let _: Trigger = ok(call(&backend, "PUT", &path, &serde_json::to_string(&off).unwrap(), Some("\"1\"")));
    let second = backend.arrive_as(now(), "certificate-uploaded", None).unwrap();
    let ran: Vec<String> = runs_of(&backend, &second).into_iter().map(|r| r.trigger_id).collect();
    assert_eq!(ran.first().map(String::as_str), Some("trg_ignore_test_certs"), "{ran:?}");
    assert_eq!(runs_of(&backend, &first)[0].trigger_id, created.id);
    assert!(backend.arrive_as(now(), "no-such-type", None).is_none());
}

#[test]
fn attributes_sent_with_an_upload_win_over_the_triggers_and_the_record_says_so() {
    let mut backend = MockBackend::new(1, 500, now());
    let spec = r#"{"name":"Tag uploads","kind":"action","resource":"certificate","event":"certificate-uploaded",
        "conditions":[],"actions":[{"type":"setAttribute","name":"costCentre","value":"pki"}],"enabled":true}"#;
    let created: Trigger = ok(call(&backend, "POST", "/triggers", spec, None));
    let platform: TriggerAssignments =
        ok(call(&backend, "GET", "/trigger-assignments?scope=platform", "", None));
    let mut lists = platform.assignments.clone();
    lists.iter_mut().find(|a| a.event == "certificate-uploaded").unwrap().action_triggers =
        vec![created.id.clone()];
    let version = format!("\"{}\"", platform.version);
    let body = serde_json::to_string(&lists).unwrap();
    let _: TriggerAssignments =
        ok(call(&backend, "PUT", "/trigger-assignments?scope=platform", &body, Some(&version)));
    let messages: Vec<String> = (0..12)
        .flat_map(|_| {
            let id = backend.arrive_as(now(), "certificate-uploaded", None).unwrap();
            let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{id}"), "", None));
            detail.trigger_runs.into_iter().filter(|r| r.trigger_id == created.id).flat_map(|r| r.records)
        })
        .filter(|r| !r.actions_performed.is_empty())
        .map(|r| r.message)
        .collect();
    assert!(messages.iter().all(|m| m.starts_with("set costCentre = pki")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("take precedence over triggers")), "{messages:?}");
}

#[test]
fn an_ra_profiles_own_lists_decide_the_runs_of_its_certificates_events() {
    let mut backend = MockBackend::new(1, 500, now());
    let spec = r#"{"name":"Group web certificates","kind":"action","resource":"certificate",
        "event":"certificate-status-changed","conditions":[],"actions":[{"type":"setGroups","groups":["web"]}],"enabled":true}"#;
    let created: Trigger = ok(call(&backend, "POST", "/triggers", spec, None));
    let override_with = |scope: &str, action_triggers: Vec<String>| {
        let path = format!("/trigger-assignments?scope={scope}");
        let current: TriggerAssignments = ok(call(&backend, "GET", &path, "", None));
        let lists = serde_json::json!([{ "event": "certificate-status-changed", "ignoreTriggers": [], "actionTriggers": action_triggers }]);
        let version = format!("\"{}\"", current.version);
        let _: TriggerAssignments = ok(call(&backend, "PUT", &path, &lists.to_string(), Some(&version)));
    };
    override_with("raProfile:ra_web_servers", vec![created.id.clone()]);
    override_with("raProfile:ra_internal_mtls", vec![]);

    let runs_of = |backend: &mut MockBackend, ra_profile: Option<&str>| {
        let id = backend.arrive_as(now(), "certificate-status-changed", ra_profile).expect("a known profile");
        let detail: EventDetail = ok(call(backend, "GET", &format!("/events/{id}"), "", None));
        (detail.payload["payload"]["certificate_details"]["ra_profile"].clone(), detail.trigger_runs)
    };
    let (profile, runs) = runs_of(&mut backend, Some("ra_web_servers"));
    assert_eq!(profile, "Web servers", "the event names its certificate's RA profile");
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!((runs[0].trigger_id.as_str(), runs[0].outcome), (created.id.as_str(), RunOutcome::Actioned));
    assert!(runs[0]
        .message
        .ends_with("from the lists of RA profile “Web servers”, which override the platform's"));
    assert_eq!(runs[0].records[0].actions_performed, ["set groups web"]);

    let (profile, runs) = runs_of(&mut backend, Some("ra_internal_mtls"));
    assert_eq!(profile, "Internal mTLS");
    assert!(runs.is_empty(), "its own lists are empty: nothing runs, {runs:?}");

    // The platform's lists still decide for an event type the profile does not override.
    let id = backend.arrive_as(now(), "certificate-expiring", Some("ra_web_servers")).unwrap();
    let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{id}"), "", None));
    assert!(detail.trigger_runs.iter().all(|r| !r.message.contains("override")), "{:?}", detail.trigger_runs);
    assert!(detail.trigger_runs[0].records.iter().all(|r| !r.object_ref.contains("mtls")));
    assert!(backend.arrive_as(now(), "certificate-status-changed", Some("ra_nope")).is_none());
    assert!(backend.arrive_as(now(), "rotated-secret-failure", Some("ra_web_servers")).is_none());
}

#[test]
fn a_groups_own_lists_decide_for_its_certificates_where_their_ra_profile_does_not() {
    let mut backend = MockBackend::new(1, 500, now());
    let path = "/trigger-assignments?scope=group:grp_payments";
    let lists = r#"[{"event":"certificate-status-changed","ignoreTriggers":[],"actionTriggers":[]}]"#;
    let _: TriggerAssignments = ok(call(&backend, "PUT", path, lists, Some("\"0\"")));
    let mut seen = (false, false);
    for _ in 0..40 {
        let id = backend.arrive_as(now(), "certificate-status-changed", Some("ra_web_servers")).unwrap();
        let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{id}"), "", None));
        let in_payments = detail.payload["payload"]["certificate_details"]["group"] == "Payments";
        assert_eq!(
            detail.event.source.split('/').nth(2) == Some("payments"),
            in_payments,
            "{}",
            detail.payload
        );
        assert_eq!(detail.trigger_runs.is_empty(), in_payments, "{:?}", detail.trigger_runs);
        if in_payments {
            seen.0 = true;
        } else {
            seen.1 = true;
        }
    }
    assert_eq!(seen, (true, true), "both kinds of certificate arrived");
}

#[test]
fn a_discoverys_own_lists_decide_for_the_certificates_it_finds() {
    let mut backend = MockBackend::new(1, 500, now());
    let path = "/trigger-assignments?scope=discovery:dsc_ct_logs";
    let lists = r#"[{"event":"certificate-discovered","ignoreTriggers":[],"actionTriggers":[]}]"#;
    let _: TriggerAssignments = ok(call(&backend, "PUT", path, lists, Some("\"0\"")));
    for (profile, found_in_ct_logs) in [("ra_web_servers", true), ("ra_internal_mtls", false)] {
        let id = backend.arrive_as(now(), "certificate-discovered", Some(profile)).unwrap();
        let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{id}"), "", None));
        assert_eq!(detail.trigger_runs.is_empty(), found_in_ct_logs, "{profile}: {:?}", detail.trigger_runs);
    }
}
