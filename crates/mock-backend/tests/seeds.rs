//! What the seeds say about events, as the mock's data shows it.

use event_center_contract::{Event, EventDetail, EventType, Page, SourceKind};
use event_center_mock::MockBackend;

mod common;
use common::{call, now, ok};

/// Seed 000: access is requested to items and to targets alike, and a justification is given
/// for an item's secure remote access session.
#[test]
fn access_is_requested_to_items_and_targets() {
    let backend = MockBackend::new(3, 20_000, now());
    let page: Page<Event> = ok(call(&backend, "GET", "/events?type=request-access&limit=500", "", None));
    let kinds: Vec<SourceKind> = page.data.iter().map(|e| e.source_kind).collect();
    assert!(kinds.contains(&SourceKind::Item) && kinds.contains(&SourceKind::Target), "{kinds:?}");
    let catalog: Vec<EventType> = ok(call(&backend, "GET", "/event-types", "", None));
    let justification = catalog.iter().find(|t| t.name == "apply-justification").unwrap();
    assert_eq!(justification.source_kind, SourceKind::Item);
    let gateway = catalog.iter().find(|t| t.name == "gateway-inactive").unwrap();
    assert_eq!(gateway.enabled_at.as_deref(), Some("Switched on at the gateway"));
}

/// The detail of the newest event of `event_type`.
fn newest_detail(backend: &MockBackend, event_type: &str) -> EventDetail {
    let page: Page<Event> = ok(call(backend, "GET", &format!("/events?type={event_type}&limit=1"), "", None));
    let id = &page.data.first().unwrap_or_else(|| panic!("no {event_type} event")).id;
    ok(call(backend, "GET", &format!("/events/{id}"), "", None))
}

/// Seed 003: authentik's events carry the user, the app that logged them, the request's
/// context, their expiry under the tenant's 365-day retention and the tenant; an impersonation
/// names the impersonated user, and a failed login's typed password is cleansed before it is kept.
#[test]
fn authentik_events_carry_the_seeds_fields_and_no_credential() {
    let backend = MockBackend::new(3, 20_000, now());
    let login = newest_detail(&backend, "login");
    let user = login.user.as_ref().expect("a login's user");
    let actor = login.event.actor.as_deref().unwrap();
    assert!(actor.starts_with(&user.username) && (user.email.is_empty() || user.email == actor), "{user:?}");
    assert_eq!(login.app.as_deref(), Some("authentik.events.signals"));
    assert_eq!(login.context.as_ref().unwrap()["http_request"]["method"], "GET");
    assert_eq!(login.expires, Some(login.event.created_at + chrono::Duration::days(365)));
    // The retention is stated with the user, and nothing older is kept.
    let me: event_center_contract::Me = ok(call(&backend, "GET", "/me", "", None));
    assert_eq!(me.event_retention_days, Some(365));
    let oldest: Page<Event> = ok(call(&backend, "GET", "/events?order=asc&limit=1", "", None));
    assert!(oldest.data[0].created_at >= now() - chrono::Duration::days(365));
    assert_eq!(login.tenant.as_ref().map(|t| t.name.as_str()), Some("Default tenant"));
    assert!(login.event.ip_address.is_some(), "authentik's client_ip");

    let impersonation = newest_detail(&backend, "impersonation_started");
    let impersonated =
        impersonation.context.unwrap()["impersonated_user"]["username"].as_str().unwrap().to_string();
    assert!(impersonation.event.message.contains(&impersonated), "agrees with its message");
    let created = newest_detail(&backend, "model_created");
    let model = created.context.unwrap()["model"]["name"].as_str().unwrap().to_string();
    assert!(created.event.message.contains(&model), "{}: {model}", created.event.message);

    let failed = newest_detail(&backend, "login_failed");
    let context = failed.context.unwrap();
    assert_eq!(context["password"], "********************");
    assert!(!context.to_string().contains("typed-"), "{context}");
    // Events of other platforms carry none of it.
    let rotated = newest_detail(&backend, "rotated-secret-success");
    assert!(rotated.user.is_none() && rotated.context.is_none() && rotated.tenant.is_none());
}

/// Seed 001: each CZERTAINLY type carries its own event data, which identifies a certificate
/// but never holds the certificate itself; "Certificate expiring" comes from the hourly
/// monitoring run, so it happens on the hour.
#[test]
fn czertainly_events_carry_their_own_event_data_and_expiring_is_hourly() {
    let backend = MockBackend::new(3, 20_000, now());
    for (event_type, data) in [
        ("certificate-status-changed", "CertificateStatusChangedEventData"),
        ("certificate-action-performed", "CertificateActionPerformedEventData"),
        ("certificate-expiring", "CertificateExpiringEventData"),
        ("certificate-discovered", "CertificateDiscoveredEventData"),
        ("certificate-uploaded", "CertificateEventData"),
        ("discovery-finished", "DiscoveryFinishedEventData"),
        ("approval-requested", "ApprovalEventData"),
        ("approval-closed", "ApprovalEventData"),
        ("scheduled-job-finished", "ScheduledJobFinishedEventData"),
    ] {
        let detail = newest_detail(&backend, event_type);
        let event_data = &detail.payload["payload"]["event_data"];
        assert_eq!(event_data["type"], data, "{event_type}: {event_data}");
        assert!(!event_data.to_string().contains("BEGIN CERTIFICATE"), "{event_type}");
    }
    let status = newest_detail(&backend, "certificate-status-changed");
    let data = &status.payload["payload"]["event_data"];
    assert!(
        status.event.message.ends_with(&format!("to {}", data["newStatus"].as_str().unwrap())),
        "{}",
        status.event.message
    );

    let page: Page<Event> =
        ok(call(&backend, "GET", "/events?type=certificate-expiring&limit=500", "", None));
    assert!(page.data.len() > 5);
    assert!(page.data.iter().all(|e| e.created_at.timestamp() % 3_600 == 0), "on the hour");
}
