//! The bell's backend: notifications follow each user's settings and read state.

use event_center_contract::{Event, Notification, NotificationArrived, Page, Severity, UnreadCounts};
use event_center_mock::{MockBackend, Request, Response};

mod common;
use common::{now, ok};

fn call(backend: &MockBackend, method: &str, path: &str, query: &str, body: &str, token: &str) -> Response {
    backend.handle(&Request { method, body, ..Request::get(path, query, Some(token)) })
}

fn counts(backend: &MockBackend, token: &str) -> UnreadCounts {
    ok(call(backend, "GET", "/notifications/unread-count", "", "", token))
}

fn unread(backend: &MockBackend, token: &str) -> Vec<Notification> {
    ok::<Page<Notification>>(call(backend, "GET", "/notifications", "unread=true&limit=500", "", token)).data
}

#[test]
fn counts_match_the_unread_list_and_a_critical_arrival_raises_them() {
    let mut backend = MockBackend::new(3, 20_000, now());
    let before = counts(&backend, "admin");
    let list = unread(&backend, "admin");
    assert!(before.total > 0, "a new user's bell has the last hours unread");
    assert_eq!(before.total as usize, list.len());
    for severity in Severity::ALL {
        assert_eq!(before.of(severity) as usize, list.iter().filter(|n| n.severity == severity).count());
    }
    assert!(list.iter().all(|n| !n.read && n.severity >= Severity::Warning), "warning and above by default");
    assert!(list.windows(2).all(|w| w[0].created_at >= w[1].created_at), "newest first");

    let id = backend.arrive(now(), Some(Severity::Critical));
    let after = counts(&backend, "admin");
    assert_eq!((after.total, after.critical), (before.total + 1, before.critical + 1));
    assert_eq!(unread(&backend, "admin")[0].event_id, id);
    assert_eq!(counts(&backend, "auditor").total, after.total, "each user has an inbox of their own");
}

#[test]
fn marking_read_one_or_all_up_to_what_was_seen() {
    let mut backend = MockBackend::new(4, 20_000, now());
    let list = unread(&backend, "admin");
    let marked: Notification =
        ok(call(&backend, "POST", &format!("/notifications/{}/read", list[1].id), "", "", "admin"));
    assert!(marked.read);
    assert_eq!(counts(&backend, "admin").total as usize, list.len() - 1);
    assert_eq!(counts(&backend, "auditor").total as usize, list.len(), "another user's bell is untouched");

    // What arrives after the user looked stays unread.
    backend.arrive(now(), Some(Severity::Critical));
    let body = format!(r#"{{"upTo":"{}"}}"#, list[0].id);
    let left: UnreadCounts = ok(call(&backend, "POST", "/notifications/read-all", "", &body, "admin"));
    assert_eq!((left.total, left.critical), (1, 1));
    let left: UnreadCounts = ok(call(&backend, "POST", "/notifications/read-all", "", "", "admin"));
    assert_eq!(left.total, 0);
    assert!(unread(&backend, "admin").is_empty());
    let all: Page<Notification> = ok(call(&backend, "GET", "/notifications", "limit=5", "", "admin"));
    assert!(all.data.iter().all(|n| n.read) && all.has_more, "read ones stay listed under all");
}

#[test]
fn settings_decide_what_notifies_and_are_validated() {
    let backend = MockBackend::new(5, 20_000, now());
    let body = r#"{"eventTypes":["certificate-expired","gateway-inactive"],"minSeverity":"critical"}"#;
    ok::<serde_json::Value>(call(&backend, "PUT", "/notification-settings", "", body, "admin"));
    let all: Page<Notification> = ok(call(&backend, "GET", "/notifications", "limit=200", "", "admin"));
    assert!(!all.data.is_empty());
    assert!(all
        .data
        .iter()
        .all(|n| ["certificate-expired", "gateway-inactive"].contains(&n.event_type.as_str())
            && n.severity == Severity::Critical));

    let invalid = call(
        &backend,
        "PUT",
        "/notification-settings",
        "",
        r#"{"eventTypes":["nope"],"minSeverity":"info"}"#,
        "admin",
    );
    assert_eq!(invalid.status, 422);
    assert!(invalid.body.contains("eventTypes") && invalid.body.contains("nope"), "{}", invalid.body);
    let garbled = call(&backend, "PUT", "/notification-settings", "", "{", "admin");
    assert_eq!(garbled.status, 422);
    assert_eq!(call(&backend, "PUT", "/notification-settings", "", body, "auditor").status, 403);
    assert_eq!(call(&backend, "GET", "/notifications", "", "", "viewer").status, 403, "no bell for a viewer");
}

#[test]
fn the_event_table_can_show_exactly_the_unread_notifications() {
    let backend = MockBackend::new(6, 20_000, now());
    let list = unread(&backend, "admin");
    let events: Page<Event> = ok(call(&backend, "GET", "/events", "read=false&limit=500", "", "admin"));
    let ids: Vec<_> = events.data.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids, list.iter().map(|n| n.event_id.clone()).collect::<Vec<_>>());
    let critical: Page<Event> =
        ok(call(&backend, "GET", "/events", "read=false&severity=critical&limit=500", "", "admin"));
    assert_eq!(critical.data.len() as u32, counts(&backend, "admin").critical);
}

#[test]
fn the_stream_replays_what_came_after_its_resume_point() {
    let mut backend = MockBackend::new(7, 1_000, now());
    let resume = backend.newest_event_id().unwrap();
    let fresh = call(&backend, "GET", "/events/stream", "", "", "admin");
    assert_eq!((fresh.status, fresh.content_type), (200, "text/event-stream"));
    assert!(!fresh.body.contains("data:"), "without a resume point the stream starts now");
    let a = backend.arrive(now(), None);
    let b = backend.arrive(now(), Some(Severity::Critical));
    let replay = backend.handle(&Request {
        last_event_id: Some(&resume),
        ..Request::get("/events/stream", "", Some("admin"))
    });
    let messages = event_center_contract::sse::SseDecoder::default().push(&replay.body);
    let events: Vec<_> = messages.iter().filter(|m| m.event == "event").collect();
    assert_eq!(events.iter().map(|m| m.id.clone().unwrap()).collect::<Vec<_>>(), [a.clone(), b.clone()]);
    let last: Event = serde_json::from_str(&events[1].data).unwrap();
    assert_eq!((last.id, last.severity), (b.clone(), Severity::Critical));
    // Each notification comes just before its event, with the user's counts as they are now.
    let notified: Vec<NotificationArrived> = messages
        .windows(2)
        .filter(|pair| pair[0].event == "notification")
        .map(|pair| {
            assert_eq!((pair[1].event.as_str(), &pair[1].id), ("event", &pair[0].id));
            serde_json::from_str(&pair[0].data).unwrap()
        })
        .collect();
    let expected: Vec<String> = unread(&backend, "admin")
        .into_iter()
        .map(|n| n.event_id)
        .filter(|id| [&a, &b].contains(&id))
        .rev()
        .collect();
    assert!(!expected.is_empty(), "the critical event notifies the admin");
    assert_eq!(notified.iter().map(|n| n.notification.event_id.clone()).collect::<Vec<_>>(), expected);
    assert!(notified.iter().all(|n| n.counts == counts(&backend, "admin")));
    // Whoever may not read notifications is sent the events alone.
    let viewer = backend.handle(&Request {
        last_event_id: Some(&resume),
        ..Request::get("/events/stream", "", Some("viewer"))
    });
    assert_eq!(viewer.body.matches("event: event").count(), 2);
    assert!(!viewer.body.contains("event: notification"), "{}", viewer.body);
}

#[test]
fn the_long_names_scenario_gives_every_user_and_the_newest_critical_notification_10000_characters() {
    let mut backend = MockBackend::new(3, 2_000, now());
    let id = backend.use_long_names(now());
    let me: event_center_contract::Me = ok(call(&backend, "GET", "/me", "", "", "auditor"));
    assert_eq!(me.name.chars().count(), event_center_mock::LONG_TEXT);
    assert!(me.name.starts_with("Bob Martin"), "{}", &me.name[..40]);
    assert!(me.email.ends_with("@example.com") && me.email.len() > event_center_mock::LONG_TEXT);
    let newest = &unread(&backend, "admin")[0];
    assert_eq!((newest.event_id.as_str(), newest.severity), (id.as_str(), Severity::Critical));
    assert!(newest.title.chars().count() > event_center_mock::LONG_TEXT, "the title names the long path");
    let event: serde_json::Value = ok(call(&backend, "GET", &format!("/events/{id}"), "", "", "admin"));
    let source = event["source"].as_str().expect("the event's source");
    assert_eq!(source.chars().count(), event_center_mock::LONG_TEXT);
    assert!(!source.contains(' '), "no space to wrap at");
}
