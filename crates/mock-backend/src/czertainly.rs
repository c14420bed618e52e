//! Each CZERTAINLY event type's own event data (seed 001: `CertificateStatusChangedEventData`,
//! `CertificateExpiringEventData`, ...), as a notification profile receives it. It identifies a
//! certificate but never carries the certificate itself.

use serde_json::{json, Value};

use crate::rng::Rng;

/// The event data of a CZERTAINLY event type, from the values its message was filled with;
/// `None` for the other platforms' types.
pub fn event_data(name: &str, value: impl Fn(&str) -> String, rng: &mut Rng) -> Option<Value> {
    let uuid = |rng: &mut Rng| {
        let (a, b) = (rng.next_u64(), rng.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            a & 0xffff,
            (b >> 52) & 0xfff,
            (b >> 40) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    };
    let certificate = |rng: &mut Rng| {
        json!({
            "uuid": uuid(rng),
            "commonName": value("commonName"),
            "serialNumber": format!("{:032x}", u128::from(rng.next_u64()) << 64 | u128::from(rng.next_u64())),
            "fingerprint": format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64()),
            "raProfile": rng.pick(&["Web servers", "Internal services", "Payments"]).to_string(),
        })
    };
    let (kind, data) = match name {
        "certificate-status-changed" => (
            "CertificateStatusChangedEventData",
            json!({
                "certificate": certificate(rng), "oldStatus": value("oldStatus"), "newStatus": value("newStatus"),
            }),
        ),
        "certificate-action-performed" => (
            "CertificateActionPerformedEventData",
            json!({
                "certificate": certificate(rng), "action": value("action").to_lowercase(),
            }),
        ),
        "certificate-expiring" => {
            let count: usize = value("count").parse().unwrap_or(1);
            let listed: Vec<Value> = (0..count.min(5)).map(|_| certificate(rng)).collect();
            (
                "CertificateExpiringEventData",
                json!({ "expiringCount": count, "certificates": listed, "withoutValidReplacement": true }),
            )
        }
        "certificate-discovered" => (
            "CertificateDiscoveredEventData",
            json!({
                "certificate": certificate(rng), "discovery": value("discoveryName"),
            }),
        ),
        "certificate-uploaded" => ("CertificateEventData", json!({ "certificate": certificate(rng) })),
        "discovery-finished" => (
            "DiscoveryFinishedEventData",
            json!({
                "discovery": value("discoveryName"), "status": "completed", "certificatesFound": value("count").parse::<u32>().unwrap_or(0),
            }),
        ),
        "approval-requested" | "approval-closed" => (
            "ApprovalEventData",
            json!({
                "approvalUuid": uuid(rng), "resource": "certificate", "commonName": value("commonName"),
                "status": if name == "approval-closed" { value("decision") } else { "pending".into() },
            }),
        ),
        "scheduled-job-finished" => (
            "ScheduledJobFinishedEventData",
            json!({
                "jobName": value("jobName"), "status": value("status"), "durationMs": 200 + rng.below(60_000),
            }),
        ),
        _ => return None,
    };
    let mut data = data;
    data["type"] = Value::from(kind);
    Some(data)
}
