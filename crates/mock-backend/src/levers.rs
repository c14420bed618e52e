//! The mock's levers: what the control panel, the session and the tests do to the mock besides
//! asking it the contract's requests. One type crosses every boundary (the in-page module's as
//! JSON), so a new lever is written here and where it is pulled, and nowhere in between.

use chrono::{DateTime, Utc};
use event_center_contract::Severity;
use serde::{Deserialize, Serialize};

use crate::{Forced, MockBackend, Scenario};

/// One thing done to the mock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "lever", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Lever {
    SetScenario {
        scenario: Scenario,
    },
    /// The operation (an OpenAPI operation id) answers as forced from now on; `None` restores it.
    Force {
        operation: String,
        forced: Option<Forced>,
    },
    /// A new event happens, of the severity named or of any.
    Arrive {
        severity: Option<Severity>,
    },
    /// An event of the type named happens, on a certificate of the RA profile named if one is.
    ArriveAs {
        kind: String,
        ra_profile: Option<String>,
    },
}

/// What the mock shows of itself after a lever is pulled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dials {
    pub scenario: Scenario,
    /// The operations forced now, in the document's order.
    pub forced: Vec<(String, Forced)>,
    pub requests_served: u64,
    /// The newest event's id: where a stream opened now resumes from.
    pub newest_event_id: Option<String>,
}

impl MockBackend {
    /// Pulls a lever at `now`: the dials after it, or why the mock refused it (an unknown
    /// operation, event type or RA profile).
    pub fn pull(&mut self, now: DateTime<Utc>, lever: Lever) -> Result<Dials, String> {
        match lever {
            Lever::SetScenario { scenario } => self.set_scenario(scenario),
            Lever::Force { operation, forced } => self.force(&operation, forced)?,
            Lever::Arrive { severity } => {
                self.arrive(now, severity);
            }
            Lever::ArriveAs { kind, ra_profile } => {
                self.arrive_as(now, &kind, ra_profile.as_deref()).ok_or_else(|| match &ra_profile {
                    Some(profile) => format!("no event type {kind} on RA profile {profile}"),
                    None => format!("no event type {kind}"),
                })?;
            }
        }
        Ok(self.dials())
    }

    pub fn dials(&self) -> Dials {
        Dials {
            scenario: self.scenario(),
            forced: self.forced().into_iter().map(|(op, forced)| (op.to_string(), forced)).collect(),
            requests_served: self.requests_served(),
            newest_event_id: self.newest_event_id(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-03-01T12:00:00Z".parse().unwrap()
    }

    /// Every lever reads back as it was written, as it does across the module boundary.
    #[test]
    fn levers_and_dials_round_trip_through_json() {
        let levers = [
            Lever::SetScenario {
                scenario: Scenario {
                    latency_ms: 300,
                    failure_rate: 0.5,
                    delivery_failures: 0.0,
                    retry_queue_stalled_hours: 2,
                },
            },
            Lever::Force { operation: "listEvents".into(), forced: Some(Forced::Status(429)) },
            Lever::Force { operation: "listEvents".into(), forced: Some(Forced::NetworkDown) },
            Lever::Force { operation: "listEvents".into(), forced: None },
            Lever::Arrive { severity: Some(Severity::Critical) },
            Lever::ArriveAs {
                kind: "certificate-uploaded".into(),
                ra_profile: Some("ra_web_servers".into()),
            },
        ];
        for lever in levers {
            let json = serde_json::to_string(&lever).unwrap();
            assert_eq!(serde_json::from_str::<Lever>(&json).unwrap(), lever, "{json}");
        }
        let mut mock = MockBackend::new(1, 50, now());
        let dials = mock
            .pull(now(), Lever::Force { operation: "getMe".into(), forced: Some(Forced::NetworkDown) })
            .unwrap();
        let json = serde_json::to_string(&dials).unwrap();
        assert_eq!(serde_json::from_str::<Dials>(&json).unwrap(), dials, "{json}");
    }

    #[test]
    fn each_lever_moves_its_dial() {
        let mut mock = MockBackend::new(1, 50, now());
        let before = mock.dials();
        let scenario = Scenario { latency_ms: 250, ..before.scenario };
        assert_eq!(mock.pull(now(), Lever::SetScenario { scenario }).unwrap().scenario, scenario);
        let forced = mock
            .pull(now(), Lever::Force { operation: "listEvents".into(), forced: Some(Forced::Status(503)) })
            .unwrap()
            .forced;
        assert_eq!(forced, vec![("listEvents".to_string(), Forced::Status(503))]);
        let arrived = mock.pull(now(), Lever::Arrive { severity: None }).unwrap();
        assert_ne!(arrived.newest_event_id, before.newest_event_id, "a new newest event");
        let typed = Lever::ArriveAs { kind: "certificate-uploaded".into(), ra_profile: None };
        assert_ne!(mock.pull(now(), typed).unwrap().newest_event_id, arrived.newest_event_id);
    }

    #[test]
    fn a_lever_the_mock_cannot_pull_says_why_and_changes_nothing() {
        let mut mock = MockBackend::new(1, 50, now());
        let before = mock.dials();
        let unknown = Lever::Force { operation: "noSuchOperation".into(), forced: Some(Forced::Status(500)) };
        assert!(mock.pull(now(), unknown).unwrap_err().contains("noSuchOperation"));
        let kind = Lever::ArriveAs { kind: "no-such-type".into(), ra_profile: None };
        assert_eq!(mock.pull(now(), kind).unwrap_err(), "no event type no-such-type");
        let profile =
            Lever::ArriveAs { kind: "certificate-uploaded".into(), ra_profile: Some("ra_nope".into()) };
        assert!(mock.pull(now(), profile).unwrap_err().contains("ra_nope"));
        assert_eq!(mock.dials().newest_event_id, before.newest_event_id);
        assert_eq!(mock.dials().forced, before.forced);
    }
}
