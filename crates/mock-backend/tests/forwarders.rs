//! Event forwarders: credentials are write-only, edits are validated and versioned, and
//! deliveries can be listed and sent again.

use std::collections::HashSet;

use chrono::Duration;
use event_center_contract::{
    CreatedForwarder, Delivery, DeliveryStats, DeliveryStatus, Event, EventDetail, EventType, Forwarder,
    ForwarderConfig, ForwarderPreview, Gateway, Page, RotatedSecret, Secret, TestResult,
};
use event_center_mock::{MockBackend, Scenario};

mod common;
use common::{at, call, call_as, fields, now, ok};

const PASSWORD: &str = "s3cret-Pa55-do-not-echo";

fn webhook(name: &str, url: &str) -> String {
    format!(
        r#"{{"name":"{name}","eventTypes":["certificate-expired"],"scope":{{"items":["/prod/*"],"authMethods":[],"targets":[],"gateways":[]}},
        "gatewayId":"gw_000","runEveryHours":null,"enabled":true,
        "config":{{"type":"webhook","url":"{url}","authType":"basic","username":"ec","password":"{PASSWORD}","headers":[]}}}}"#
    )
}

#[test]
fn credentials_are_written_never_read_and_kept_when_sent_back_as_set() {
    let backend = MockBackend::new(1, 1_000, now());
    let created =
        call(&backend, "POST", "/forwarders", &webhook("Audit sink", "https://audit.example.com/hook"), None);
    assert_eq!(created.status, 201);
    assert!(!created.body.contains(PASSWORD), "{}", created.body);
    let CreatedForwarder { forwarder, signing_secret } = serde_json::from_str(&created.body).unwrap();
    // A webhook's first signing secret comes with its creation, and only then.
    let signing_secret = signing_secret.expect("a webhook's signing secret");
    assert!(signing_secret.starts_with("whsec_"));
    let path = format!("/forwarders/{}", forwarder.id);
    for read in [call(&backend, "GET", &path, "", None), call(&backend, "GET", "/forwarders", "", None)] {
        assert_eq!(read.status, 200);
        assert!(
            !read.body.contains(&signing_secret) && !read.body.contains("signingSecret\""),
            "{}",
            read.body
        );
        assert!(
            !read.body.contains(PASSWORD) && read.body.contains(r#""password":{"set":true}"#),
            "{}",
            read.body
        );
    }
    for seeded in ["hooks.slack.com", "siem-ingest", "sn-Ev3ntC3nter"] {
        assert!(!call(&backend, "GET", "/forwarders", "", None).body.contains(seeded), "{seeded}");
    }

    // What was read is saved again as it is: the password stays.
    let mut spec = forwarder.spec.clone();
    spec.name = "Audit sink (EU)".into();
    let saved: Forwarder =
        ok(call(&backend, "PUT", &path, &serde_json::to_string(&spec).unwrap(), Some("1")));
    assert_eq!(saved.version, 2);
    let ForwarderConfig::Webhook { password, .. } = &saved.spec.config else { panic!("a webhook") };
    assert_eq!(password, &Some(Secret::Kept));
    // A new forwarder cannot keep what it never had.
    let kept_on_create = serde_json::to_string(&spec).unwrap().replace("Audit sink (EU)", "Another sink");
    assert_eq!(fields(call(&backend, "POST", "/forwarders", &kept_on_create, None)), ["config.password"]);
}

#[test]
fn every_invalid_field_is_named() {
    let backend = MockBackend::new(1, 1_000, now());
    let body = r#"{"name":"Slack #secops-alerts","eventTypes":["no-such-type"],
        "scope":{"items":["prod"],"authMethods":[],"targets":[],"gateways":[]},
        "gatewayId":"gw_002","runEveryHours":0,"enabled":true,
        "config":{"type":"webhook","url":"ftp://x","authType":"bearer","headers":[{"name":"Authorization","value":"x"}]}}"#;
    assert_eq!(
        fields(call(&backend, "POST", "/forwarders", body, None)),
        [
            "name",
            "eventTypes[0]",
            "scope.items[0]",
            "gatewayId",
            "runEveryHours",
            "config.url",
            "config.token",
            "config.headers[0].name"
        ]
    );
    let inactive = call(&backend, "POST", "/forwarders", body, None).body;
    assert!(inactive.contains("gw-ap-south-1 is inactive"), "{inactive}");
    let slack = r#"{"name":"S","eventTypes":["login"],"scope":{"items":[],"authMethods":[],"targets":[],"gateways":[]},
        "gatewayId":"gw_001","runEveryHours":null,"enabled":true,"config":{"type":"slack","webhookUrl":"https://example.com/x"}}"#;
    assert_eq!(fields(call(&backend, "POST", "/forwarders", slack, None)), ["config.webhookUrl"]);
    let email = slack.replace(
        r#"{"type":"slack","webhookUrl":"https://example.com/x"}"#,
        r#"{"type":"email","to":["oncall","a@b.co"]}"#,
    );
    assert_eq!(fields(call(&backend, "POST", "/forwarders", &email, None)), ["config.to[0]"]);
    assert_eq!(call_as(&backend, "auditor", "POST", "/forwarders", &email, None).status, 403);
    assert_eq!(call_as(&backend, "auditor", "GET", "/forwarders", "", None).status, 200);
}

/// A field the contract does not name is refused by its path, however deep (a misspelt
/// credential must not be dropped in silence); a null stands for an absent optional field.
#[test]
fn fields_the_contract_does_not_name_are_refused_by_path() {
    let backend = MockBackend::new(1, 1_000, now());
    let body = webhook("Strict", "https://strict.example.com/hook")
        .replace(r#""headers":[]"#, r#""headers":[{"name":"X-Team","value":"pki","secret":true}],"tokn":"x""#)
        .replace(r#""enabled":true"#, r#""enabled":true,"labels":["a"]"#);
    assert_eq!(
        fields(call(&backend, "POST", "/forwarders", &body, None)),
        ["config.headers[0].secret", "config.tokn", "labels"]
    );
    let nulls = webhook("Nulls", "https://nulls.example.com/hook")
        .replace(r#""username":"ec","#, r#""username":"ec","token":null,"#);
    assert_eq!(call(&backend, "POST", "/forwarders", &nulls, None).status, 201);
}

#[test]
fn stale_edits_are_refused_and_deletes_are_final() {
    let backend = MockBackend::new(1, 1_000, now());
    let path = "/forwarders/fwd_oncall_email";
    let forwarder: Forwarder = ok(call(&backend, "GET", path, "", None));
    let body = serde_json::to_string(&forwarder.spec).unwrap();
    ok::<Forwarder>(call(&backend, "PUT", path, &body, Some("\"1\"")));
    assert_eq!(call(&backend, "PUT", path, &body, Some("\"1\"")).status, 409);
    assert_eq!(call(&backend, "DELETE", path, "", Some("1")).status, 409);
    assert_eq!(call(&backend, "DELETE", path, "", Some("2")).status, 204);
    assert_eq!(call(&backend, "GET", path, "", None).status, 404);
    assert_eq!(call(&backend, "GET", &format!("{path}/deliveries"), "", None).status, 404);
}

#[test]
fn tests_report_the_receivers_answer_and_webhooks_rotate_their_signing_secret() {
    let backend = MockBackend::new(1, 1_000, now());
    for (url, delivered, status) in [
        ("https://audit.example.com/hook", true, Some(200)),
        ("https://receiver.example.invalid/hook", false, None),
        ("https://httpbin.example.com/status/503", false, Some(503)),
    ] {
        let created: Forwarder = ok(call(&backend, "POST", "/forwarders", &webhook(url, url), None));
        let result: TestResult =
            ok(call(&backend, "POST", &format!("/forwarders/{}/test", created.id), "", None));
        assert_eq!((result.delivered, result.response_status), (delivered, status), "{url}: {result:?}");
    }
    let rotated = call(&backend, "POST", "/forwarders/fwd_siem_webhook/rotate-secret", "", None);
    let secret: RotatedSecret = ok(rotated);
    assert!(secret.secret.starts_with("whsec_") && secret.previous_valid_until > now());
    let after: Forwarder = ok(call(&backend, "GET", "/forwarders/fwd_siem_webhook", "", None));
    assert!(
        after.signing_secret_rotated_at.unwrap() > now() - chrono::Duration::days(1),
        "seeded 40 days ago"
    );
    assert!(!call(&backend, "GET", "/forwarders", "", None).body.contains(&secret.secret), "shown once only");
    assert_eq!(call(&backend, "POST", "/forwarders/fwd_oncall_email/rotate-secret", "", None).status, 409);
}

#[test]
fn failed_deliveries_are_listed_and_sent_again_once() {
    let backend = MockBackend::new(4, 20_000, now());
    let page: Page<Delivery> =
        ok(call(&backend, "GET", "/forwarders/fwd_siem_webhook/deliveries?limit=20", "", None));
    assert_eq!(page.data.len(), 20);
    assert!(page.data.iter().all(|d| d.forwarder_id == "fwd_siem_webhook"));
    let cursor = page.next_cursor.unwrap();
    let next: Page<Delivery> = ok(call(
        &backend,
        "GET",
        &format!("/forwarders/fwd_siem_webhook/deliveries?limit=20&cursor={cursor}"),
        "",
        None,
    ));
    assert!(next.data.iter().all(|d| !page.data.iter().any(|p| p.id == d.id)), "pages do not overlap");
    let slack: Page<Delivery> =
        ok(call(&backend, "GET", "/forwarders/fwd_slack_secops/deliveries?limit=100", "", None));
    assert!(slack.data.iter().all(|d| d.event_id.starts_with("evt_")));

    let failed: Page<Delivery> =
        ok(call(&backend, "GET", "/forwarders/fwd_siem_webhook/deliveries?status=failed&limit=5", "", None));
    assert!(!failed.data.is_empty() && failed.data.iter().all(|d| d.status == DeliveryStatus::Failed));
    let first = &failed.data[0];
    let sent: Delivery = ok(call(&backend, "POST", &format!("/deliveries/{}/retry", first.id), "", None));
    assert_eq!((sent.status, sent.attempt), (DeliveryStatus::Succeeded, first.attempt + 1));
    assert_eq!(call(&backend, "POST", &format!("/deliveries/{}/retry", first.id), "", None).status, 409);
    let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{}", first.event_id), "", None));
    assert!(detail.deliveries.contains(&sent), "the event shows the new attempt");
    let still_failed: Page<Delivery> =
        ok(call(&backend, "GET", "/forwarders/fwd_siem_webhook/deliveries?status=failed&limit=5", "", None));
    assert!(!still_failed.data.iter().any(|d| d.id == first.id));
    assert_eq!(call(&backend, "POST", "/deliveries/dlv_9999999_0/retry", "", None).status, 404);
    assert_eq!(
        fields(call(&backend, "GET", "/forwarders/fwd_siem_webhook/deliveries?status=lost", "", None)),
        ["status"]
    );
    assert_eq!(
        call_as(&backend, "auditor", "POST", &format!("/deliveries/{}/retry", failed.data[1].id), "", None)
            .status,
        403
    );
}

#[test]
fn delivery_stats_count_the_logs_deliveries_of_the_events_in_their_range() {
    let backend = MockBackend::new(4, 20_000, now());
    let path = "/forwarders/fwd_siem_webhook/delivery-stats";
    let log: Vec<Delivery> = every(&backend, "/forwarders/fwd_siem_webhook/deliveries", "");
    for (query, from, to) in [
        ("", now() - Duration::hours(24), now()),
        ("to=2026-11-20T00:00:00Z", at("2026-11-19T00:00:00Z"), at("2026-11-20T00:00:00Z")),
        (
            "from=2026-11-09T00:00:00Z&to=2026-11-16T00:00:00Z",
            at("2026-11-09T00:00:00Z"),
            at("2026-11-16T00:00:00Z"),
        ),
    ] {
        let stats: DeliveryStats = ok(call(&backend, "GET", &format!("{path}?{query}"), "", None));
        assert_eq!((stats.from, stats.to), (from, to), "{query}");
        let events: HashSet<String> =
            every::<Event>(&backend, "/events", &format!("from={}&to={}", zulu(stats.from), zulu(stats.to)))
                .into_iter()
                .map(|e| e.id)
                .collect();
        let of =
            |status| log.iter().filter(|d| d.status == status && events.contains(&d.event_id)).count() as u32;
        let counted =
            (of(DeliveryStatus::Succeeded), of(DeliveryStatus::Failed), of(DeliveryStatus::Pending));
        assert_eq!((stats.succeeded, stats.failed, stats.pending), counted, "{query}");
        assert!(stats.succeeded > 0 && stats.failed + stats.pending > 0, "{query}: {stats:?}");
    }
    assert_eq!(
        fields(call(&backend, "GET", &format!("{path}?from=2026-11-24T00:00:00Z"), "", None)),
        ["from"]
    );
    assert_eq!(fields(call(&backend, "GET", &format!("{path}?to=later"), "", None)), ["to"]);
    assert_eq!(call(&backend, "GET", "/forwarders/fwd_nope/delivery-stats", "", None).status, 404);
    assert_eq!(call_as(&backend, "viewer", "GET", path, "", None).status, 403);
}

fn zulu(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Every item of a paged list, page by page.
fn every<T: serde::de::DeserializeOwned>(backend: &MockBackend, path: &str, query: &str) -> Vec<T> {
    let mut all = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Page<T> =
            ok(call(backend, "GET", &format!("{path}?{query}&limit=500&cursor={cursor}"), "", None));
        all.extend(page.data);
        match page.next_cursor {
            Some(next) => cursor = next,
            None => return all,
        }
    }
}

/// A forwarder of every event type, to the receiver at `url`, enabled or not.
fn of_every_type(backend: &MockBackend, name: &str) -> String {
    let types: Vec<EventType> = ok(call(backend, "GET", "/event-types", "", None));
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    format!(
        r#"{{"name":"{name}","eventTypes":{},"scope":{{"items":[],"authMethods":[],"targets":[],"gateways":[]}},
        "gatewayId":"gw_000","runEveryHours":null,"enabled":true,"config":{{"type":"email","to":["oncall@example.com"]}}}}"#,
        serde_json::to_string(&names).unwrap()
    )
}

#[test]
fn a_forwarder_made_in_the_session_delivers_what_arrives_while_it_is_enabled() {
    let mut backend = MockBackend::new(5, 2_000, now());
    let body = of_every_type(&backend, "Everything");
    let created: Forwarder = ok(call(&backend, "POST", "/forwarders", &body, None));
    let deliveries = |backend: &MockBackend, query: &str| -> Vec<Delivery> {
        let path = format!("/forwarders/{}/deliveries?limit=500{query}", created.id);
        ok::<Page<Delivery>>(call(backend, "GET", &path, "", None)).data
    };
    assert!(deliveries(&backend, "").is_empty(), "nothing that happened before it");
    let arrived: Vec<String> =
        (1..=100).map(|i| backend.arrive(now() + chrono::Duration::seconds(i), None)).collect();
    let sent = deliveries(&backend, "");
    assert_eq!(sent.iter().rev().map(|d| d.event_id.clone()).collect::<Vec<_>>(), arrived);
    let failed = deliveries(&backend, "&status=failed");
    assert!((5..=40).contains(&failed.len()), "about one in five fails: {}", failed.len());
    let detail: EventDetail = ok(call(&backend, "GET", &format!("/events/{}", failed[0].event_id), "", None));
    assert!(detail.deliveries.contains(&failed[0]), "the event shows its delivery");
    let again: Delivery =
        ok(call(&backend, "POST", &format!("/deliveries/{}/retry", failed[0].id), "", None));
    assert_eq!((again.status, again.attempt), (DeliveryStatus::Succeeded, 2));

    let mut disabled = created.spec.clone();
    disabled.enabled = false;
    let path = format!("/forwarders/{}", created.id);
    let _: Forwarder =
        ok(call(&backend, "PUT", &path, &serde_json::to_string(&disabled).unwrap(), Some("1")));
    backend.arrive(now() + chrono::Duration::seconds(200), None);
    assert_eq!(deliveries(&backend, "").len(), 100, "a disabled forwarder sends nothing");
    let retry = call(&backend, "POST", &format!("/deliveries/{}/retry", failed[1].id), "", None);
    assert_eq!(retry.status, 409, "{}", retry.body);
}

#[test]
fn a_forwarder_goes_only_through_a_running_gateway_the_user_has_access_to() {
    let backend = MockBackend::new(6, 500, now());
    let gateways: Vec<Gateway> = ok(call_as(&backend, "no-usage-reports", "GET", "/gateways", "", None));
    let usable: Vec<&str> = gateways.iter().filter(|g| g.can_forward).map(|g| g.name.as_str()).collect();
    assert_eq!(usable, ["gw-ap-south-1"], "Carol's only gateway is the inactive one");
    let admin: Vec<Gateway> = ok(call(&backend, "GET", "/gateways", "", None));
    assert!(admin.iter().all(|g| g.can_forward));
    let body = of_every_type(&backend, "Carol's");
    let refused = call_as(&backend, "no-usage-reports", "POST", "/forwarders", &body, None);
    assert_eq!(fields(refused), ["gatewayId"]);
    let through_hers = body.replace("gw_000", "gw_002");
    assert_eq!(
        fields(call_as(&backend, "no-usage-reports", "POST", "/forwarders", &through_hers, None)),
        ["gatewayId"]
    );
}

#[test]
fn a_preview_counts_the_last_week_and_shows_the_forwarded_body() {
    let backend = MockBackend::new(7, 5_000, now());
    let asked = r#"{"eventTypes":["certificate-expired"],"scope":{"items":[],"authMethods":[],"targets":[],"gateways":[]}}"#;
    let preview: ForwarderPreview = ok(call(&backend, "POST", "/forwarder-previews", asked, None));
    let from = (now() - chrono::Duration::days(7)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let listed: Page<event_center_contract::Event> = ok(call(
        &backend,
        "GET",
        &format!("/events?type=certificate-expired&limit=500&from={from}"),
        "",
        None,
    ));
    assert_eq!(preview.matched_last_week as usize, listed.data.len());
    assert!(preview.matched_last_week > 0);
    let body: serde_json::Value = serde_json::from_str(&preview.body).unwrap();
    let entries = body["Event_Center_Events"]["Certificate_Expired"].as_array().unwrap();
    assert_eq!(entries.len(), preview.matched_last_week.min(3) as usize);
    assert!(entries
        .iter()
        .all(|e| e["name"].is_string() && e["item_id"].is_string() && e["payload"].is_object()));
    let scoped = asked.replace(r#""items":[]"#, r#""items":["/nowhere/*"]"#);
    let none: ForwarderPreview = ok(call(&backend, "POST", "/forwarder-previews", &scoped, None));
    let body: serde_json::Value = serde_json::from_str(&none.body).unwrap();
    assert_eq!((none.matched_last_week, body), (0, serde_json::json!({"Event_Center_Events": {}})));
    assert_eq!(
        fields(call(
            &backend,
            "POST",
            "/forwarder-previews",
            &asked.replace("certificate-expired", "nope"),
            None
        )),
        ["eventTypes[0]"]
    );
    assert_eq!(call_as(&backend, "viewer", "POST", "/forwarder-previews", asked, None).status, 403);
}

#[test]
fn unsaved_settings_are_checked_then_sent_and_an_edit_tests_with_its_stored_credentials() {
    let backend = MockBackend::new(8, 200, now());
    let failing = webhook("Receiver", "https://hooks.example.com/status/502");
    let refused: TestResult = ok(call(&backend, "POST", "/forwarder-tests", &failing, None));
    assert_eq!((refused.delivered, refused.response_status), (false, Some(502)));
    let plain = webhook("Receiver", "http://hooks.example.com/in");
    assert_eq!(fields(call(&backend, "POST", "/forwarder-tests", &plain, None)), ["config.url"]);
    assert!(
        ok::<Vec<Forwarder>>(call(&backend, "GET", "/forwarders", "", None))
            .iter()
            .all(|f| f.spec.name != "Receiver"),
        "nothing stored"
    );

    let created: Forwarder =
        ok(call(&backend, "POST", "/forwarders", &webhook("Stored", "https://hooks.example.com/in"), None));
    let kept = webhook("Stored", "https://hooks.example.com/in")
        .replace(&format!("\"{PASSWORD}\""), r#"{"set":true}"#);
    assert_eq!(fields(call(&backend, "POST", "/forwarder-tests", &kept, None)), ["name", "config.password"]);
    let path = format!("/forwarder-tests?forwarder={}", created.id);
    let sent: TestResult = ok(call(&backend, "POST", &path, &kept, None));
    assert!(sent.delivered);
    assert_eq!(call_as(&backend, "auditor", "POST", "/forwarder-tests", &failing, None).status, 403);
}

/// With the retry queue stalled two hours ago, what fell due since is overdue, and the events of
/// those two hours wait for their first attempt, due since they happened.
#[test]
fn a_stalled_retry_queue_leaves_its_deliveries_overdue() {
    let mut backend = MockBackend::new(21, 20_000, now());
    backend.set_scenario(Scenario { retry_queue_stalled_hours: 2, ..backend.scenario() });
    let stalled = now() - chrono::Duration::hours(2);
    let forwarders: Vec<Forwarder> = ok(call(&backend, "GET", "/forwarders", "", None));
    let (mut waiting, mut overdue_retries) = (0, 0);
    for forwarder in forwarders {
        let path = format!("/forwarders/{}/deliveries?status=pending&limit=100", forwarder.id);
        let pending: Page<Delivery> = ok(call(&backend, "GET", &path, "", None));
        for d in pending.data {
            assert_eq!(d.status, DeliveryStatus::Pending);
            match d.attempted_at {
                None => {
                    waiting += 1;
                    assert!(d.next_attempt_at.is_some_and(|due| due > stalled && due <= now()), "{d:?}");
                }
                Some(sent) => {
                    assert!(sent <= stalled, "nothing is sent after the queue stopped: {d:?}");
                    overdue_retries += usize::from(d.next_attempt_at.is_some_and(|next| next < now()));
                }
            }
        }
    }
    assert!(waiting > 0 && overdue_retries > 0, "{waiting} waiting, {overdue_retries} overdue retries");
}
