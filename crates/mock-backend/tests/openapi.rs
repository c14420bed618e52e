//! Every response the mock gives conforms to the contract's OpenAPI document.

use chrono::{DateTime, Utc};
use event_center_conformance::{project_spec_path, Spec};
use event_center_mock::{MockBackend, Request};

#[test]
fn every_mock_response_conforms_to_the_openapi_document() {
    let spec = Spec::load(&project_spec_path()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z").unwrap().with_timezone(&Utc);
    let backend = MockBackend::new(42, 3_000, now);
    let first_page: serde_json::Value =
        serde_json::from_str(&backend.handle(&get("/events", "limit=2", Some("admin"))).body).unwrap();
    let cursor = first_page["nextCursor"].as_str().unwrap().to_string();
    let id = first_page["data"][0]["id"].as_str().unwrap().to_string();

    let event_path = format!("/events/{id}");
    let requests: Vec<(&str, String, Option<&str>)> = vec![
        ("/me", String::new(), Some("admin")),
        ("/me", String::new(), Some("auditor")),
        ("/me", String::new(), None),
        ("/event-types", String::new(), Some("admin")),
        ("/events", String::new(), Some("admin")),
        ("/events", "limit=500".into(), Some("no-usage-reports")),
        ("/events", format!("cursor={cursor}&limit=100"), Some("admin")),
        ("/events", "type=certificate-expired&severity=critical&source=/prod/*".into(), Some("admin")),
        ("/events", "from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z&q=rotation".into(), Some("admin")),
        ("/events", "sourceKind=user&actor=alice".into(), Some("admin")),
        ("/events", "order=asc&limit=5&ipAddress=10.*".into(), Some("admin")),
        ("/events", "q=no-such-text-anywhere".into(), Some("admin")),
        ("/events", "severity=loud&limit=9000&from=soon".into(), Some("admin")),
        ("/events", "cursor=forged".into(), Some("admin")),
        ("/events", String::new(), Some("stranger")),
        (&event_path, String::new(), Some("admin")),
        ("/events/evt_9999999", String::new(), Some("admin")),
        ("/events/not-an-id", String::new(), None),
        ("/events", "read=false&severity=critical".into(), Some("admin")),
        ("/events", "read=true".into(), Some("viewer")),
        ("/events/stream", String::new(), Some("admin")),
        ("/events/stream", String::new(), Some("stranger")),
        ("/notifications", String::new(), Some("admin")),
        ("/notifications", "unread=true&limit=3".into(), Some("auditor")),
        ("/notifications", "unread=maybe".into(), Some("admin")),
        ("/notifications", String::new(), Some("viewer")),
        ("/notifications/unread-count", String::new(), Some("admin")),
        ("/notification-settings", String::new(), Some("admin")),
        ("/gateways", String::new(), Some("auditor")),
        ("/gateways", String::new(), Some("viewer")),
        ("/triggers", String::new(), Some("auditor")),
        ("/triggers", "kind=sometimes".into(), Some("admin")),
        ("/triggers", String::new(), Some("viewer")),
        ("/triggers/trg_assign_owner", String::new(), Some("admin")),
        ("/triggers/trg_nope", String::new(), Some("admin")),
        ("/trigger-assignments", String::new(), Some("admin")),
        ("/trigger-assignments", "scope=raProfile:ra_internal_mtls".into(), Some("admin")),
        ("/trigger-assignments", "scope=raProfile:ra_nope".into(), Some("admin")),
        ("/trigger-assignments", "scope=nowhere".into(), Some("admin")),
        ("/trigger-runs", "limit=200".into(), Some("admin")),
        ("/trigger-runs", "outcome=ignored&object=*.test.*".into(), Some("auditor")),
        ("/trigger-runs", "eventType=certificate-uploaded&limit=5".into(), Some("admin")),
        ("/trigger-runs", "outcome=maybe".into(), Some("admin")),
        ("/forwarders", String::new(), Some("auditor")),
        ("/trigger-scopes", String::new(), Some("auditor")),
        ("/trigger-scopes", String::new(), Some("viewer")),
        ("/notification-profiles", String::new(), Some("auditor")),
        ("/forwarders", String::new(), Some("viewer")),
        ("/forwarders/fwd_siem_webhook", String::new(), Some("admin")),
        ("/forwarders/fwd_nope", String::new(), Some("admin")),
        ("/forwarders/fwd_slack_secops/deliveries", "limit=100".into(), Some("admin")),
        ("/forwarders/fwd_siem_webhook/deliveries", "status=failed".into(), Some("admin")),
        ("/forwarders/fwd_siem_webhook/deliveries", "status=lost".into(), Some("admin")),
        ("/forwarders/fwd_siem_webhook/delivery-stats", String::new(), Some("auditor")),
        ("/forwarders/fwd_slack_secops/delivery-stats", "from=2026-11-01T00:00:00Z".into(), Some("admin")),
        ("/forwarders/fwd_slack_secops/delivery-stats", "from=2026-12-01T00:00:00Z".into(), Some("admin")),
        ("/forwarders/fwd_nope/delivery-stats", String::new(), Some("admin")),
        ("/forwarders/fwd_siem_webhook/delivery-stats", String::new(), Some("viewer")),
        ("/usage/summary", String::new(), Some("auditor")),
        ("/usage/summary", "from=2020-01-01T00:00:00Z".into(), Some("admin")),
        ("/usage/summary", String::new(), Some("no-usage-reports")),
        ("/usage/timeseries", "interval=hour&from=2026-11-20T00:00:00Z".into(), Some("admin")),
        ("/usage/timeseries", "user=svc-ci-runner".into(), Some("admin")),
        ("/usage/top", "dimension=authMethod&limit=3".into(), Some("admin")),
        ("/usage/top", "dimension=planet".into(), Some("admin")),
        ("/usage/export", "format=json".into(), Some("admin")),
        ("/usage/top", "dimension=secret&limit=50".into(), Some("admin")),
        ("/usage/password-manager", "user=alice.nguyen@example.com".into(), Some("admin")),
        ("/usage/summary", "action=deletion&secret=api-keys/legacy-billing".into(), Some("admin")),
        ("/events/export", "severity=critical&type=certificate-expired".into(), Some("admin")),
        ("/events/export", "format=csv&q=rotation".into(), Some("auditor")),
        ("/events/export", "format=xml".into(), Some("admin")),
    ];
    let mut operations_seen = std::collections::HashSet::new();
    for (path, query, token) in &requests {
        let response = backend.handle(&get(path, query, *token));
        spec.check("GET", path, response.status, response.content_type, &response.body)
            .unwrap_or_else(|e| panic!("GET {path}?{query} as {token:?}: {e}\n{}", response.body));
        operations_seen.insert(spec.template_for(path).unwrap());
    }
    // Writes, and the stream's replay after a resume point.
    let mut backend = backend;
    let first_unread: serde_json::Value = serde_json::from_str(
        &backend.handle(&get("/notifications", "unread=true&limit=1", Some("admin"))).body,
    )
    .unwrap();
    let unread_id = first_unread["data"][0]["id"].as_str().unwrap().to_string();
    let read_path = format!("/notifications/{unread_id}/read");
    let renamed = FORWARDER.replace("Teams", "Teams (EU)");
    let writes: Vec<(&str, &str, &str, Option<&str>)> = vec![
        ("POST", &read_path, "", Some("admin")),
        ("POST", "/notifications/ntf_9999999/read", "", Some("admin")),
        ("POST", "/notifications/read-all", r#"{"upTo":"ntf_0000001"}"#, Some("admin")),
        ("POST", "/notifications/read-all", r#"{"upTo":"nonsense"}"#, Some("admin")),
        ("POST", "/notifications/read-all", "", Some("auditor")),
        (
            "PUT",
            "/notification-settings",
            r#"{"eventTypes":["certificate-expired"],"minSeverity":"info"}"#,
            Some("admin"),
        ),
        (
            "PUT",
            "/notification-settings",
            r#"{"eventTypes":["no-such-type"],"minSeverity":"info"}"#,
            Some("admin"),
        ),
        ("PUT", "/notification-settings", r#"{"eventTypes":[],"minSeverity":"loud"}"#, Some("admin")),
        ("PUT", "/notification-settings", r#"{"eventTypes":[],"minSeverity":"info"}"#, Some("auditor")),
        ("POST", "/triggers", TRIGGER, Some("admin")),
        ("POST", "/triggers", TRIGGER, Some("admin")),
        ("POST", "/triggers", r#"{"name":"x"}"#, Some("admin")),
        ("POST", "/triggers", TRIGGER, Some("auditor")),
        ("PUT", "/triggers/trg_000001", TRIGGER, Some("admin")),
        ("PUT", "/triggers/trg_nope", TRIGGER, Some("admin")),
        ("DELETE", "/triggers/trg_assign_owner", "", Some("admin")),
        ("DELETE", "/triggers/trg_000001", "", Some("admin")),
        (
            "PUT",
            "/trigger-assignments?scope=group:grp_payments",
            r#"[{"event":"login","ignoreTriggers":[],"actionTriggers":[]}]"#,
            Some("admin"),
        ),
        (
            "PUT",
            "/trigger-assignments?scope=group:grp_payments",
            r#"[{"event":"certificate-expiring","ignoreTriggers":[],"actionTriggers":["trg_notify_expiring"]}]"#,
            Some("admin"),
        ),
        ("POST", "/forwarders", FORWARDER, Some("admin")),
        ("POST", "/forwarders", FORWARDER, Some("admin")),
        ("POST", "/forwarders", FORWARDER, Some("auditor")),
        ("PUT", "/forwarders/fwd_000001", &renamed, Some("admin")),
        ("POST", "/forwarders/fwd_000001/test", "", Some("admin")),
        ("POST", "/forwarders/fwd_siem_webhook/rotate-secret", "", Some("admin")),
        ("POST", "/forwarders/fwd_000001/rotate-secret", "", Some("admin")),
        ("POST", "/deliveries/dlv_9999999_0/retry", "", Some("admin")),
        ("POST", "/forwarder-previews", PREVIEW, Some("admin")),
        (
            "POST",
            "/forwarder-previews",
            r#"{"eventTypes":["nope"],"scope":{"items":[],"authMethods":[],"targets":[],"gateways":[]}}"#,
            Some("admin"),
        ),
        ("POST", "/forwarder-previews", PREVIEW, Some("viewer")),
        ("POST", "/forwarder-tests", FORWARDER, Some("admin")),
        ("POST", "/forwarder-tests", "{}", Some("admin")),
        ("DELETE", "/forwarders/fwd_000001", "", Some("admin")),
        ("DELETE", "/forwarders/fwd_000001", "", Some("admin")),
    ];
    for (method, path, body, token) in writes {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let response = backend.handle(&Request { method, body, ..get(path, query, token) });
        spec.check(method, path, response.status, response.content_type, &response.body)
            .unwrap_or_else(|e| panic!("{method} {path} {body} as {token:?}: {e}\n{}", response.body));
        operations_seen.insert(spec.template_for(path).unwrap());
    }
    let stale = backend.handle(&Request {
        method: "PUT",
        body: TRIGGER,
        if_match: Some("\"7\""),
        ..get("/triggers/trg_notify_security", "", Some("admin"))
    });
    assert_eq!(stale.status, 409);
    spec.check("PUT", "/triggers/trg_notify_security", stale.status, stale.content_type, &stale.body)
        .unwrap();

    let failed: serde_json::Value = serde_json::from_str(
        &backend
            .handle(&get("/forwarders/fwd_siem_webhook/deliveries", "status=failed&limit=1", Some("admin")))
            .body,
    )
    .unwrap();
    let retry_path = format!("/deliveries/{}/retry", failed["data"][0]["id"].as_str().unwrap());
    for expected in [200, 409] {
        let retried = backend.handle(&Request { method: "POST", ..get(&retry_path, "", Some("admin")) });
        assert_eq!(retried.status, expected, "{}", retried.body);
        spec.check("POST", &retry_path, retried.status, retried.content_type, &retried.body).unwrap();
    }

    let resume = backend.newest_event_id();
    backend.arrive(now, None);
    backend.arrive(now, None);
    let stream = backend
        .handle(&Request { last_event_id: resume.as_deref(), ..get("/events/stream", "", Some("admin")) });
    assert_eq!(stream.body.matches("event: event").count(), 2, "{}", stream.body);
    spec.check("GET", "/events/stream", stream.status, stream.content_type, &stream.body).unwrap();

    // Details with and without trigger runs and deliveries.
    for seq in (0..3_000).step_by(97) {
        let path = format!("/events/evt_{seq:07}");
        let response = backend.handle(&get(&path, "", Some("admin")));
        spec.check("GET", &path, response.status, response.content_type, &response.body)
            .unwrap_or_else(|e| panic!("GET {path}: {e}\n{}", response.body));
    }
    for (_, template) in spec.operations() {
        assert!(operations_seen.contains(&template), "no request exercised {template}");
    }
}

#[test]
fn the_checker_notices_a_response_that_does_not_conform() {
    let spec = Spec::load(&project_spec_path()).unwrap();
    let missing_field = r#"{"data": [], "hasMore": false}"#;
    let err = spec.check("GET", "/events", 200, "application/json", missing_field).unwrap_err();
    assert!(err.contains("nextCursor"), "{err}");
    let plain_error = spec.check("GET", "/events", 500, "text/html", "<h1>oops</h1>").unwrap_err();
    assert!(plain_error.contains("content type"), "{plain_error}");
    // Answers are open: a newer backend may add fields (and enum values), never drop one.
    let added = r#"{"id":"1","name":"a","email":"e","capabilities":[],"tenant":"eu"}"#;
    assert!(spec.check("GET", "/me", 200, "application/json", added).is_ok(), "an added field is allowed");
    let dropped = r#"{"id":"1","name":"a","capabilities":[]}"#;
    assert!(spec.check("GET", "/me", 200, "application/json", dropped).is_err(), "email is required");
    let backend = MockBackend::new(1, 10, DateTime::UNIX_EPOCH);
    let stored = backend.handle(&get("/forwarders/fwd_servicenow", "", Some("admin"))).body;
    assert!(spec.check("GET", "/forwarders/fwd_servicenow", 200, "application/json", &stored).is_ok());
    let echoed = stored.replace(r#""password":{"set":true}"#, r#""password":"hunter2""#);
    assert_ne!(echoed, stored);
    let err = spec.check("GET", "/forwarders/fwd_servicenow", 200, "application/json", &echoed).unwrap_err();
    assert!(err.contains("password"), "a credential in an answer breaks the contract: {err}");
}

const TRIGGER: &str = r#"{"name":"Notify PKI of revocations","kind":"action","resource":"certificate","event":"certificate-status-changed","conditions":[{"field":"newStatus","operator":"equals","value":"revoked"}],"actions":[{"type":"notify","notificationProfile":"np_security"}],"enabled":true}"#;

const PREVIEW: &str = r#"{"eventTypes":["certificate-expired","login"],"scope":{"items":[],"authMethods":[],"targets":[],"gateways":[]}}"#;
const FORWARDER: &str = r#"{"name":"Teams #pki","eventTypes":["certificate-expired"],"scope":{"items":[],"authMethods":[],"targets":[],"gateways":[]},"gatewayId":"gw_001","runEveryHours":null,"enabled":true,"config":{"type":"teams","webhookUrl":"https://contoso.webhook.office.com/webhookb2/abc"}}"#;

fn get<'a>(path: &'a str, query: &'a str, token: Option<&'a str>) -> Request<'a> {
    Request::get(path, query, token)
}

/// YAML cuts an unquoted flow-mapping value at its first comma and reads the rest as keys
/// (`{ description: Trigger ids, run first, in order. }` has a key `run first`): the document
/// has no key with a space in it, so every description says all it says.
#[test]
fn the_document_parses_as_written_with_no_key_cut_from_a_sentence() {
    fn keys_with_spaces(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    if key.contains(' ') {
                        found.push(format!("{path}/{key}"));
                    }
                    keys_with_spaces(child, &format!("{path}/{key}"), found);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys_with_spaces(v, path, found)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(project_spec_path()).unwrap();
    let document: serde_json::Value = serde_norway::from_str(&text).unwrap();
    let mut found = Vec::new();
    keys_with_spaces(&document, "", &mut found);
    assert_eq!(found, Vec::<String>::new());
}
