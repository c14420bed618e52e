//! From a request to a response, as a backend of the contract answers it. Paths are relative
//! to the contract's base path (`/api/v1`), which the transport or server strips.

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use event_center_contract::{capability, EventQuery, EventType, FieldError, Page, Problem};
use serde::Serialize;

use crate::catalog::KINDS;
use crate::persona::Persona;
use crate::rng::Rng;
use crate::store::Store;

pub struct Request<'a> {
    pub method: &'a str,
    /// Below the base path, e.g. `/events/evt_0000042`.
    pub path: &'a str,
    /// Without the leading `?`.
    pub query: &'a str,
    /// The bearer token, without `Bearer `.
    pub token: Option<&'a str>,
}

#[derive(Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    /// Seconds, for a 429.
    pub retry_after: Option<u32>,
    pub body: String,
}

/// What a designer or a test makes an operation do instead of its real work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forced {
    /// Answer with this status and a problem detail (a 429 also says when to retry).
    Status(u16),
    /// No answer at all, as when the connection drops; the transport reports it.
    NetworkDown,
}

/// The operation ids of the OpenAPI document.
pub const OPERATIONS: &[&str] = &["getMe", "listEventTypes", "listEvents", "getEvent"];

/// How the whole backend behaves, beyond what single operations are forced to do.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scenario {
    /// Every answer waits this long (the transport or server does the waiting).
    pub latency_ms: u32,
    /// The share of requests, from 0 to 1, that fail with a 500 or 503 at random.
    pub failure_rate: f64,
}

fn operation_id(method: &str, segments: &[&str]) -> Option<&'static str> {
    match (method, segments) {
        ("GET", ["me"]) => Some("getMe"),
        ("GET", ["event-types"]) => Some("listEventTypes"),
        ("GET", ["events"]) => Some("listEvents"),
        ("GET", ["events", _]) => Some("getEvent"),
        _ => None,
    }
}

fn forced_problem(status: u16) -> Problem {
    let (title, detail) = match status {
        401 => ("Unauthorized", "Sign in again: the session has expired."),
        403 => ("Forbidden", "Your role does not allow this."),
        404 => ("Not Found", "It does not exist, or no longer."),
        409 => ("Conflict", "Someone else changed this in the meantime; reload and try again."),
        422 => ("Unprocessable Content", "Some fields are not valid."),
        429 => ("Too Many Requests", "Slow down: the rate limit was reached."),
        503 => ("Service Unavailable", "The backend is briefly unavailable."),
        _ => ("Internal Server Error", "The backend failed to answer."),
    };
    let mut problem = Problem::new(status, title, detail);
    if status == 422 {
        problem.errors.push(FieldError { field: "name".into(), message: "is already taken".into() });
    }
    problem
}

impl Response {
    fn json(value: &impl Serialize) -> Response {
        Response {
            status: 200,
            content_type: "application/json",
            retry_after: None,
            body: serde_json::to_string(value).expect("contract types serialize"),
        }
    }

    fn problem(problem: Problem) -> Response {
        Response {
            status: problem.status,
            content_type: "application/problem+json",
            retry_after: (problem.status == 429).then_some(RETRY_AFTER_SECONDS),
            body: serde_json::to_string(&problem).expect("problems serialize"),
        }
    }
}

/// What a forced 429 asks the client to wait.
const RETRY_AFTER_SECONDS: u32 = 2;

pub struct MockBackend {
    store: Store,
    forced: HashMap<&'static str, Forced>,
    /// Requests answered or dropped so far, for the control panel and for tests of retries.
    served: Cell<u64>,
    scenario: Scenario,
    /// Decides which requests fail under a failure rate; seeded, so runs repeat.
    chaos: Cell<u64>,
}

impl MockBackend {
    /// A backend holding `events` generated events from `seed`, the newest at `now`.
    pub fn new(seed: u64, events: usize, now: DateTime<Utc>) -> MockBackend {
        MockBackend {
            store: Store::generate(seed, events, now),
            forced: HashMap::new(),
            served: Cell::new(0),
            scenario: Scenario::default(),
            chaos: Cell::new(seed),
        }
    }

    /// From now on, the operation (an OpenAPI operation id) answers as forced; `None` restores it.
    pub fn force(&mut self, operation: &str, forced: Option<Forced>) -> Result<(), String> {
        let id = OPERATIONS
            .iter()
            .find(|id| **id == operation)
            .ok_or_else(|| format!("no operation {operation}; there are {OPERATIONS:?}"))?;
        match forced {
            Some(f) => self.forced.insert(id, f),
            None => self.forced.remove(id),
        };
        Ok(())
    }

    /// The operations forced now, in the document's order.
    pub fn forced(&self) -> Vec<(&'static str, Forced)> {
        OPERATIONS.iter().filter_map(|id| self.forced.get(id).map(|f| (*id, *f))).collect()
    }

    pub fn scenario(&self) -> Scenario {
        self.scenario
    }

    pub fn set_scenario(&mut self, scenario: Scenario) {
        self.scenario = Scenario { failure_rate: scenario.failure_rate.clamp(0.0, 1.0), ..scenario };
    }

    /// The answer to a request, or `None` where a dropped connection is forced.
    pub fn respond(&self, request: &Request) -> Option<Response> {
        self.served.set(self.served.get() + 1);
        let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
        match operation_id(request.method, &segments).and_then(|id| self.forced.get(id)) {
            Some(Forced::NetworkDown) => None,
            Some(Forced::Status(status)) => Some(Response::problem(forced_problem(*status))),
            None if self.unlucky() => {
                let status = if self.served.get().is_multiple_of(2) { 500 } else { 503 };
                Some(Response::problem(forced_problem(status)))
            }
            None => Some(self.handle(request)),
        }
    }

    /// Whether this request fails under the scenario's failure rate.
    fn unlucky(&self) -> bool {
        if self.scenario.failure_rate <= 0.0 {
            return false;
        }
        let mut rng = Rng::new(self.chaos.get());
        let roll = rng.unit();
        self.chaos.set(rng.next_u64());
        roll < self.scenario.failure_rate
    }

    /// A new event happens now; returns its id.
    pub fn arrive(&mut self, now: DateTime<Utc>) -> String {
        self.store.arrive(now).id()
    }

    pub fn requests_served(&self) -> u64 {
        self.served.get()
    }

    /// The real answer to a request, ignoring forced outcomes.
    pub fn handle(&self, request: &Request) -> Response {
        match self.route(request) {
            Ok(response) => response,
            Err(problem) => Response::problem(problem),
        }
    }

    fn route(&self, request: &Request) -> Result<Response, Problem> {
        let persona = request.token.and_then(Persona::from_token).ok_or_else(|| {
            Problem::new(401, "Unauthorized", "Sign in again: the request carried no valid bearer token.")
        })?;
        let require = |cap: &str| {
            if persona.capabilities().contains(&cap) {
                Ok(())
            } else {
                Err(Problem::new(403, "Forbidden", format!("Your role lacks the {cap} capability.")))
            }
        };
        let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
        match (request.method, segments.as_slice()) {
            ("GET", ["me"]) => Ok(Response::json(&persona.me())),
            ("GET", ["event-types"]) => {
                require(capability::EVENTS_READ)?;
                let types: Vec<EventType> = KINDS.iter().map(|k| k.to_event_type()).collect();
                Ok(Response::json(&types))
            }
            ("GET", ["events"]) => {
                require(capability::EVENTS_READ)?;
                let query = EventQuery::parse(request.query)?;
                let listed = self.store.list(&query)?;
                Ok(Response::json(&Page {
                    data: listed.events.iter().map(|e| e.to_event()).collect(),
                    has_more: listed.next_cursor.is_some(),
                    next_cursor: listed.next_cursor,
                }))
            }
            ("GET", ["events", id]) => {
                require(capability::EVENTS_READ)?;
                let event = self
                    .store
                    .get(id)
                    .ok_or_else(|| Problem::new(404, "Not Found", format!("There is no event {id}.")))?;
                Ok(Response::json(&event.to_detail()))
            }
            (method, _) => {
                Err(Problem::new(404, "Not Found", format!("No operation at {method} {}.", request.path)))
            }
        }
    }
}
