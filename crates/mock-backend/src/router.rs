//! From a request to a response, as a backend of the contract answers it. Paths are relative
//! to the contract's base path (`/api/v1`), which the transport or server strips.

use chrono::{DateTime, Utc};
use event_center_contract::{capability, EventQuery, EventType, Page, Problem};
use serde::Serialize;

use crate::catalog::KINDS;
use crate::persona::Persona;
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
    pub body: String,
}

impl Response {
    fn json(value: &impl Serialize) -> Response {
        Response {
            status: 200,
            content_type: "application/json",
            body: serde_json::to_string(value).expect("contract types serialize"),
        }
    }

    fn problem(problem: Problem) -> Response {
        Response {
            status: problem.status,
            content_type: "application/problem+json",
            body: serde_json::to_string(&problem).expect("problems serialize"),
        }
    }
}

pub struct MockBackend {
    store: Store,
}

impl MockBackend {
    /// A backend holding `events` generated events from `seed`, the newest at `now`.
    pub fn new(seed: u64, events: usize, now: DateTime<Utc>) -> MockBackend {
        MockBackend { store: Store::generate(seed, events, now) }
    }

    /// A new event happens now; returns its id.
    pub fn arrive(&mut self, now: DateTime<Utc>) -> String {
        self.store.arrive(now).id()
    }

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
