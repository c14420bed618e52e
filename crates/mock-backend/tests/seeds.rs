//! What the seeds say about events, as the mock's data shows it.

use event_center_contract::{Event, EventType, Page, SourceKind};
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
    assert_eq!(gateway.enabled_at.as_deref(), Some("On the gateway"));
}
