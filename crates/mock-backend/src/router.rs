//! From a request to a response, as a backend of the contract answers it. Paths are relative
//! to the contract's base path (`/api/v1`), which the transport or server strips.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use event_center_contract::{
    capability, export, sse, Dimension, Event, EventAssignment, EventQuery, EventType, FieldError,
    ForwarderPreview, ForwarderSpec, Gateway, GatewayStatus, Interval, NotificationArrived,
    NotificationSettings, Page, PreviewRequest, Problem, ReadAll, RunQuery, Severity, TriggerKind,
    TriggerSpec, UsageQuery,
};
use serde::Serialize;

use crate::automation::{Automation, RA_PROFILES};
use crate::catalog::KINDS;
use crate::forwarders::{self, Forwarders};
use crate::inbox::{self, Inbox};
use crate::persona::Persona;
use crate::rng::Rng;
use crate::store::{Store, StoredEvent};
use crate::usage::Usage;
use crate::world;

pub struct Request<'a> {
    pub method: &'a str,
    /// Below the base path, e.g. `/events/evt_0000042`.
    pub path: &'a str,
    /// Without the leading `?`.
    pub query: &'a str,
    /// The bearer token, without `Bearer `.
    pub token: Option<&'a str>,
    /// JSON, for writes; empty for reads.
    pub body: &'a str,
    /// The stream's resume point (the `Last-Event-ID` header).
    pub last_event_id: Option<&'a str>,
    /// The version an edit was based on (the `If-Match` header); a stale one is a 409.
    pub if_match: Option<&'a str>,
}

impl<'a> Request<'a> {
    pub fn get(path: &'a str, query: &'a str, token: Option<&'a str>) -> Request<'a> {
        Request { method: "GET", path, query, token, body: "", last_event_id: None, if_match: None }
    }
}

#[derive(Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    /// Seconds, for a 429.
    pub retry_after: Option<u32>,
    /// The methods the path has, for a 405 (`GET, HEAD, PUT`).
    pub allow: Option<String>,
    pub body: String,
}

/// What a designer or a test makes an operation do instead of its real work. It crosses
/// boundaries as its code (`503`, `network`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Forced {
    /// Answer with this status and a problem detail (a 429 also says when to retry).
    Status(u16),
    /// No answer at all, as when the connection drops; the transport reports it.
    NetworkDown,
}

impl Forced {
    /// A short code for controls and module boundaries: the status, or `network`.
    pub fn code(self) -> String {
        match self {
            Forced::Status(status) => status.to_string(),
            Forced::NetworkDown => "network".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Forced> {
        match code {
            "network" => Some(Forced::NetworkDown),
            status => status.parse().ok().map(Forced::Status),
        }
    }
}

impl From<Forced> for String {
    fn from(forced: Forced) -> String {
        forced.code()
    }
}

impl TryFrom<String> for Forced {
    type Error = String;
    fn try_from(code: String) -> Result<Forced, String> {
        Forced::from_code(&code).ok_or_else(|| format!("no forced answer {code}: a status or network"))
    }
}

/// The operation ids of the OpenAPI document.
pub const OPERATIONS: &[&str] = &[
    "getMe",
    "listEventTypes",
    "listEvents",
    "getEvent",
    "exportEvents",
    "streamEvents",
    "listNotifications",
    "getUnreadCounts",
    "markNotificationRead",
    "markAllNotificationsRead",
    "getNotificationSettings",
    "updateNotificationSettings",
    "listGateways",
    "listTriggers",
    "createTrigger",
    "getTrigger",
    "updateTrigger",
    "deleteTrigger",
    "getTriggerAssignments",
    "updateTriggerAssignments",
    "listTriggerRuns",
    "listTriggerScopes",
    "listNotificationProfiles",
    "listForwarders",
    "createForwarder",
    "previewForwarder",
    "testForwarderSettings",
    "getForwarder",
    "updateForwarder",
    "deleteForwarder",
    "testForwarder",
    "rotateForwarderSecret",
    "listDeliveries",
    "deliveryStats",
    "retryDelivery",
    "getUsageSummary",
    "getUsageTimeseries",
    "getUsageTop",
    "getPasswordManagerUsage",
    "exportUsage",
];

/// The comment every answer of the stream starts with, so even an empty one says it is there.
pub const STREAM_OPENING: &str = ": event stream\n\n";

/// The most events one answer of the stream carries; the rest follow in the next.
const STREAM_BATCH: usize = 500;

/// A new user's bell holds the notifications of the last few hours, unread.
const UNREAD_HOURS: i64 = 3;

/// How the whole backend behaves, beyond what single operations are forced to do.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Every answer waits this long (the transport or server does the waiting).
    pub latency_ms: u32,
    /// The share of requests, from 0 to 1, that fail with a 500 or 503 at random.
    pub failure_rate: f64,
    /// The share of deliveries, from 0 to 1, that forwarders made in this session fail.
    pub delivery_failures: f64,
    /// The seeded forwarders' retry queue stopped this many hours ago (0: it runs): what fell
    /// due since is overdue, and the events since wait for their first attempt.
    #[serde(default)]
    pub retry_queue_stalled_hours: u32,
}

impl Default for Scenario {
    /// One delivery in five fails, so a new forwarder's log shows both outcomes.
    fn default() -> Self {
        Scenario { latency_ms: 0, failure_rate: 0.0, delivery_failures: 0.2, retry_queue_stalled_hours: 0 }
    }
}

impl Scenario {
    /// How far the retry queue has sent at `now`: `now` while it runs, when it stopped if it has.
    pub fn retry_queue_clock(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::hours(self.retry_queue_stalled_hours.into())
    }
}

fn operation_id(method: &str, segments: &[&str]) -> Option<&'static str> {
    match (method, segments) {
        ("GET", ["me"]) => Some("getMe"),
        ("GET", ["event-types"]) => Some("listEventTypes"),
        ("GET", ["events"]) => Some("listEvents"),
        ("GET", ["events", "stream"]) => Some("streamEvents"),
        ("GET", ["events", "export"]) => Some("exportEvents"),
        ("GET", ["events", _]) => Some("getEvent"),
        ("GET", ["notifications"]) => Some("listNotifications"),
        ("GET", ["notifications", "unread-count"]) => Some("getUnreadCounts"),
        ("POST", ["notifications", "read-all"]) => Some("markAllNotificationsRead"),
        ("POST", ["notifications", _, "read"]) => Some("markNotificationRead"),
        ("GET", ["notification-settings"]) => Some("getNotificationSettings"),
        ("PUT", ["notification-settings"]) => Some("updateNotificationSettings"),
        ("GET", ["gateways"]) => Some("listGateways"),
        ("GET", ["triggers"]) => Some("listTriggers"),
        ("POST", ["triggers"]) => Some("createTrigger"),
        ("GET", ["triggers", _]) => Some("getTrigger"),
        ("PUT", ["triggers", _]) => Some("updateTrigger"),
        ("DELETE", ["triggers", _]) => Some("deleteTrigger"),
        ("GET", ["trigger-assignments"]) => Some("getTriggerAssignments"),
        ("PUT", ["trigger-assignments"]) => Some("updateTriggerAssignments"),
        ("GET", ["trigger-runs"]) => Some("listTriggerRuns"),
        ("GET", ["trigger-scopes"]) => Some("listTriggerScopes"),
        ("GET", ["notification-profiles"]) => Some("listNotificationProfiles"),
        ("GET", ["forwarders"]) => Some("listForwarders"),
        ("POST", ["forwarders"]) => Some("createForwarder"),
        ("POST", ["forwarder-previews"]) => Some("previewForwarder"),
        ("POST", ["forwarder-tests"]) => Some("testForwarderSettings"),
        ("GET", ["forwarders", _]) => Some("getForwarder"),
        ("PUT", ["forwarders", _]) => Some("updateForwarder"),
        ("DELETE", ["forwarders", _]) => Some("deleteForwarder"),
        ("POST", ["forwarders", _, "test"]) => Some("testForwarder"),
        ("POST", ["forwarders", _, "rotate-secret"]) => Some("rotateForwarderSecret"),
        ("GET", ["forwarders", _, "deliveries"]) => Some("listDeliveries"),
        ("GET", ["forwarders", _, "delivery-stats"]) => Some("deliveryStats"),
        ("POST", ["deliveries", _, "retry"]) => Some("retryDelivery"),
        ("GET", ["usage", "summary"]) => Some("getUsageSummary"),
        ("GET", ["usage", "timeseries"]) => Some("getUsageTimeseries"),
        ("GET", ["usage", "top"]) => Some("getUsageTop"),
        ("GET", ["usage", "password-manager"]) => Some("getPasswordManagerUsage"),
        ("GET", ["usage", "export"]) => Some("exportUsage"),
        _ => None,
    }
}

/// The methods the document declares at a path, HEAD wherever GET is; none for an unknown path.
fn allowed_methods(segments: &[&str]) -> Vec<&'static str> {
    let declared =
        ["GET", "POST", "PUT", "DELETE"].into_iter().filter(|m| operation_id(m, segments).is_some());
    declared.flat_map(|m| if m == "GET" { vec!["GET", "HEAD"] } else { vec![m] }).collect()
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
    fn ok(content_type: &'static str, body: String) -> Response {
        Response { status: 200, content_type, retry_after: None, allow: None, body }
    }

    fn json(value: &impl Serialize) -> Response {
        Response::ok("application/json", serde_json::to_string(value).expect("contract types serialize"))
    }

    fn created(value: &impl Serialize) -> Response {
        Response { status: 201, ..Response::json(value) }
    }

    fn no_content() -> Response {
        Response { status: 204, ..Response::ok("application/json", String::new()) }
    }

    fn problem(problem: Problem) -> Response {
        Response {
            status: problem.status,
            content_type: "application/problem+json",
            retry_after: (problem.status == 429).then_some(RETRY_AFTER_SECONDS),
            allow: None,
            body: serde_json::to_string(&problem).expect("problems serialize"),
        }
    }
}

/// What a forced 429 asks the client to wait.
const RETRY_AFTER_SECONDS: u32 = 2;

pub struct MockBackend {
    store: Store,
    /// The `now` the backend was made at; the world's clock before any event happens.
    started: DateTime<Utc>,
    /// Each user's notifications state; writes change it through `&self`, as reads are answered.
    inboxes: RefCell<HashMap<Persona, Inbox>>,
    /// Triggers and their assignments, as this session has edited them.
    automation: RefCell<Automation>,
    forwarders: RefCell<Forwarders>,
    usage: Usage,
    forced: HashMap<&'static str, Forced>,
    /// Requests answered or dropped so far, for the control panel and for tests of retries.
    served: Cell<u64>,
    scenario: Scenario,
    /// Decides which requests fail under a failure rate; seeded, so runs repeat.
    chaos: Cell<u64>,
    /// Every user's name and email are [`LONG_TEXT`] characters long ([`MockBackend::use_long_names`]).
    long_names: bool,
    /// JSON answers as a later version writes them ([`MockBackend::answer_as_a_later_version`]).
    later_version: bool,
}

/// How long the strings of the long-names scenario are.
pub const LONG_TEXT: usize = 10_000;

/// How long the names of triggers and forwarders of the long-names scenario are: the most
/// the contract allows.
const LONG_NAME: usize = 100;

/// `start`, then `filler` repeated, cut at `length` characters: no space to wrap at.
fn long_text(start: &str, filler: &str, length: usize) -> String {
    start.chars().chain(filler.chars().cycle()).take(length).collect()
}

impl MockBackend {
    /// A backend holding `events` generated events from `seed`, the newest at `now`.
    pub fn new(seed: u64, events: usize, now: DateTime<Utc>) -> MockBackend {
        let store = Store::generate(seed, events, now);
        let read_below = store.first_at_or_after(now - Duration::hours(UNREAD_HOURS));
        MockBackend {
            started: now,
            inboxes: RefCell::new(Persona::ALL.into_iter().map(|p| (p, Inbox::new(read_below))).collect()),
            automation: RefCell::new(Automation::new(now)),
            forwarders: RefCell::new(Forwarders::new(seed, now)),
            usage: Usage::generate(seed, now),
            store,
            forced: HashMap::new(),
            served: Cell::new(0),
            scenario: Scenario::default(),
            chaos: Cell::new(seed),
            long_names: false,
            later_version: false,
        }
    }

    /// From now on every user's name and email are 10,000 characters long, a trigger and two
    /// forwarders (a Slack channel and a webhook, with its signing secret) have names as long as
    /// names may be, and a critical event happens now on an
    /// item whose path is 10,000 characters long: what the layout must survive (`?names=long`
    /// in the console, `--long-names` on the test server). Returns the event's id.
    pub fn use_long_names(&mut self, now: DateTime<Utc>) -> String {
        self.long_names = true;
        let name = |start| long_text(start, "-and-its-very-long-qualifier", LONG_NAME);
        self.automation.get_mut().rename("trg_assign_owner", name("Assign-owner-by-RA-profile"));
        self.forwarders.get_mut().rename("fwd_slack_secops", name("Slack-secops-alerts"));
        self.forwarders.get_mut().rename("fwd_siem_webhook", name("SIEM-webhook"));
        let path = long_text("/prod/", "payments-service-credentials/", LONG_TEXT);
        let kind = self.store.arrive_on(now, path).kind.name;
        self.plan_newest(kind, None)
    }

    /// From now on, JSON answers carry a field on every object and enum values this version
    /// of the contract does not name, as a later version of a backend may ([`crate::later_version`]).
    pub fn answer_as_a_later_version(&mut self) {
        self.later_version = true;
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
        self.scenario = Scenario {
            failure_rate: scenario.failure_rate.clamp(0.0, 1.0),
            delivery_failures: scenario.delivery_failures.clamp(0.0, 1.0),
            ..scenario
        };
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
            None => {
                let mut response = self.handle(request);
                if self.later_version && response.content_type.ends_with("json") {
                    response.body = crate::later_version::rewrite(&response.body);
                }
                Some(response)
            }
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

    /// A new event happens now, of any severity or of the one asked for; returns its id.
    pub fn arrive(&mut self, now: DateTime<Utc>, severity: Option<Severity>) -> String {
        let kind = self.store.arrive(now, severity).kind.name;
        self.plan_newest(kind, None)
    }

    /// An event of type `kind` happens now (the mock panel's choice), on a certificate of RA
    /// profile `ra_profile` if one is named; `None` for an unknown type or profile.
    pub fn arrive_as(&mut self, now: DateTime<Utc>, kind: &str, ra_profile: Option<&str>) -> Option<String> {
        if ra_profile.is_some_and(|p| !RA_PROFILES.iter().any(|(id, _)| *id == p)) {
            return None;
        }
        let kind = self.store.arrive_as(now, kind, ra_profile)?.kind.name;
        Some(self.plan_newest(kind, ra_profile))
    }

    /// The newest event runs the session's triggers for its type, as they stand now: those of
    /// its certificate's RA profile, group or discovery where one overrides them.
    fn plan_newest(&mut self, kind: &str, ra_profile: Option<&str>) -> String {
        let mut object = self.store.newest_belongs();
        object.ra_profile = ra_profile.or(object.ra_profile);
        let plan = self.automation.borrow().plan(kind, &object);
        self.store.set_newest_plan(plan);
        self.newest_event_id().unwrap_or_default()
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

    /// The event behind a notification id, if it is one of this user's notifications.
    fn notified_event(
        &self,
        id: &str,
        persona: Persona,
        field: &str,
        status: u16,
    ) -> Result<&StoredEvent, Problem> {
        let event = inbox::parse_notification_id(id)
            .and_then(|seq| self.store.since(seq).first())
            .filter(|e| self.inboxes.borrow()[&persona].notifies(e));
        event.ok_or_else(|| match status {
            404 => Problem::new(404, "Not Found", format!("There is no notification {id}.")),
            _ => Problem::validation(vec![FieldError {
                field: field.into(),
                message: format!("there is no notification {id}"),
            }]),
        })
    }

    /// The events after `last_event_id`, as Server-Sent Events, each that makes a notification
    /// for the user just after it, with the user's unread counts. Without a resume point the
    /// stream starts now: a comment tells the client the stream is there.
    fn stream(&self, persona: Persona, last_event_id: Option<&str>) -> Response {
        let after = last_event_id.and_then(StoredEvent::parse_id);
        let mut body = String::from(STREAM_OPENING);
        if let Some(seq) = after {
            let inboxes = self.inboxes.borrow();
            let inbox = &inboxes[&persona];
            let counts = persona
                .capabilities()
                .contains(&capability::NOTIFICATIONS_READ)
                .then(|| inbox.unread_counts(self.store.since(inbox.read_below())));
            for event in self.store.since(seq + 1).iter().take(STREAM_BATCH) {
                if let Some(counts) = counts.filter(|_| inbox.notifies(event)) {
                    let arrived = NotificationArrived { notification: inbox.notification(event), counts };
                    let data = serde_json::to_string(&arrived).expect("notifications serialize");
                    body.push_str(&sse::encode(&event.id(), "notification", &data));
                }
                let data = serde_json::to_string(&event.to_event()).expect("events serialize");
                body.push_str(&sse::encode(&event.id(), "event", &data));
            }
        }
        Response::ok("text/event-stream", body)
    }

    /// The world's gateways: running ones were seen moments before the newest event; an
    /// inactive one was last seen at its latest gateway-inactive event (or a day earlier).
    fn gateways(&self, persona: Persona) -> Vec<Gateway> {
        let events = self.store.since(0);
        let newest = self.clock();
        world::GATEWAYS
            .iter()
            .enumerate()
            .map(|(i, (name, running))| {
                let went_down =
                    || events.iter().rev().find(|e| e.kind.name == "gateway-inactive" && e.source == *name);
                Gateway {
                    id: format!("gw_{i:03}"),
                    name: name.to_string(),
                    status: if *running { GatewayStatus::Active } else { GatewayStatus::Inactive },
                    last_seen: if *running {
                        newest - Duration::seconds(5 + 7 * i as i64)
                    } else {
                        went_down().map_or(newest - Duration::days(1), |e| e.at)
                    },
                    can_forward: persona.can_forward_through(name),
                }
            })
            .collect()
    }

    /// The backend's "now": the newest event's time, or when it was made.
    fn clock(&self) -> DateTime<Utc> {
        self.store.since(0).last().map_or(self.started, |e| e.at.max(self.started))
    }

    /// The events of the last week a forwarder of `asked`'s types and scope would have sent.
    fn preview(&self, asked: &PreviewRequest, now: DateTime<Utc>) -> Result<ForwarderPreview, Problem> {
        let unknown =
            asked.event_types.iter().enumerate().filter(|(_, t)| !KINDS.iter().any(|k| k.name == *t));
        let errors: Vec<FieldError> = unknown
            .map(|(i, t)| FieldError {
                field: format!("eventTypes[{i}]"),
                message: format!("there is no event type \"{t}\""),
            })
            .collect();
        if !errors.is_empty() {
            return Err(Problem::validation(errors));
        }
        let week = self.store.since(0).iter().rev().take_while(|e| e.at > now - Duration::days(7));
        let matched: Vec<&StoredEvent> =
            week.filter(|e| forwarders::would_send(&asked.event_types, &asked.scope, e)).collect();
        let newest: Vec<(Event, serde_json::Value)> =
            matched.iter().take(3).map(|e| (e.to_event(), e.forwarded())).collect();
        Ok(ForwarderPreview { matched_last_week: matched.len() as u32, body: export::to_json(&newest) })
    }

    /// The sequence number the next event will have.
    fn next_seq(&self) -> u32 {
        self.store.since(0).len() as u32
    }

    /// The id of the newest event, where a stream opened now resumes from.
    pub fn newest_event_id(&self) -> Option<String> {
        self.store.since(0).last().map(StoredEvent::id)
    }

    fn route(&self, request: &Request) -> Result<Response, Problem> {
        let persona = request.token.and_then(Persona::from_token).ok_or_else(|| {
            Problem::new(401, "Unauthorized", "Sign in again: the request carried no valid bearer token.")
        })?;
        let require = |cap: &str| require(persona, cap);
        let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
        if let Some(response) = self
            .route_automation(persona, request, &segments)
            .or_else(|| self.route_forwarders(persona, request, &segments))
            .or_else(|| self.route_usage(persona, request, &segments))
        {
            return response;
        }
        match (request.method, segments.as_slice()) {
            ("GET", ["me"]) => {
                let mut me = persona.me();
                if self.long_names {
                    me.name = long_text(&me.name, "-Wolfeschlegelsteinhausenbergerdorff", LONG_TEXT);
                    me.email = long_text(&me.id, ".very-long-mailbox-name", LONG_TEXT) + "@example.com";
                }
                Ok(Response::json(&me))
            }
            ("GET", ["event-types"]) => {
                require(capability::EVENTS_READ)?;
                let types: Vec<EventType> = KINDS.iter().map(|k| k.to_event_type()).collect();
                Ok(Response::json(&types))
            }
            ("GET", ["events"]) => {
                require(capability::EVENTS_READ)?;
                let query = EventQuery::parse(request.query)?;
                let inboxes = self.inboxes.borrow();
                let listed = self.store.list(&query, read_filter(&query, persona, &inboxes)?)?;
                Ok(Response::json(&Page {
                    data: listed.events.iter().map(|e| e.to_event()).collect(),
                    has_more: listed.next_cursor.is_some(),
                    next_cursor: listed.next_cursor,
                }))
            }
            ("GET", ["events", "export"]) => {
                require(capability::EVENTS_READ)?;
                let format = param(request.query, "format").unwrap_or_else(|| "json".into());
                let mut query = EventQuery::parse(request.query)?;
                (query.limit, query.cursor) = (Some(u32::MAX), None);
                let inboxes = self.inboxes.borrow();
                let inbox = read_filter(&query, persona, &inboxes)?;
                let listed = self.store.list(&query, inbox)?.events;
                let (content_type, body) = match format.as_str() {
                    "json" => {
                        let events: Vec<(Event, serde_json::Value)> =
                            listed.iter().map(|e| (e.to_event(), e.forwarded())).collect();
                        ("application/json", export::to_json(&events))
                    }
                    "csv" => {
                        let events: Vec<Event> = listed.iter().map(|e| e.to_event()).collect();
                        ("text/csv; charset=utf-8", export::to_csv(&events))
                    }
                    other => {
                        return Err(Problem::validation(vec![FieldError {
                            field: "format".into(),
                            message: format!("\"{other}\" is not json or csv"),
                        }]))
                    }
                };
                Ok(Response::ok(content_type, body))
            }
            ("GET", ["events", "stream"]) => {
                require(capability::EVENTS_READ)?;
                Ok(self.stream(persona, request.last_event_id))
            }
            ("GET", ["events", id]) => {
                require(capability::EVENTS_READ)?;
                let event = self
                    .store
                    .get(id)
                    .ok_or_else(|| Problem::new(404, "Not Found", format!("There is no event {id}.")))?;
                let now = self.clock();
                let deliveries = self.forwarders.borrow().deliveries_of(event, &self.scenario, now);
                Ok(Response::json(&event.to_detail(deliveries)))
            }
            ("GET", ["notifications"]) => {
                require(capability::NOTIFICATIONS_READ)?;
                let mut query = EventQuery::parse(request.query)?;
                query.read = unread_only(request.query)?.then_some(false);
                let inboxes = self.inboxes.borrow();
                let inbox = &inboxes[&persona];
                let listed = self.store.list(&query, Some(inbox))?;
                Ok(Response::json(&Page {
                    data: listed.events.iter().map(|e| inbox.notification(e)).collect(),
                    has_more: listed.next_cursor.is_some(),
                    next_cursor: listed.next_cursor,
                }))
            }
            ("GET", ["notifications", "unread-count"]) => {
                require(capability::NOTIFICATIONS_READ)?;
                let inboxes = self.inboxes.borrow();
                let inbox = &inboxes[&persona];
                Ok(Response::json(&inbox.unread_counts(self.store.since(inbox.read_below()))))
            }
            ("POST", ["notifications", "read-all"]) => {
                require(capability::NOTIFICATIONS_READ)?;
                let body: ReadAll = if request.body.trim().is_empty() {
                    ReadAll::default()
                } else {
                    json_body(request.body)?
                };
                let end = match body.up_to {
                    None => self.store.since(0).len() as u32,
                    Some(id) => 1 + self.notified_event(&id, persona, "upTo", 422)?.seq,
                };
                let mut inboxes = self.inboxes.borrow_mut();
                let inbox = inboxes.get_mut(&persona).expect("every persona has an inbox");
                inbox.mark_read_below(end);
                Ok(Response::json(&inbox.unread_counts(self.store.since(inbox.read_below()))))
            }
            ("POST", ["notifications", id, "read"]) => {
                require(capability::NOTIFICATIONS_READ)?;
                let seq = self.notified_event(id, persona, "id", 404)?.seq;
                let mut inboxes = self.inboxes.borrow_mut();
                let inbox = inboxes.get_mut(&persona).expect("every persona has an inbox");
                inbox.mark_read(seq);
                Ok(Response::json(&inbox.notification(&self.store.since(seq)[0])))
            }
            ("GET", ["gateways"]) => {
                require(capability::GATEWAYS_READ)?;
                Ok(Response::json(&self.gateways(persona)))
            }
            ("GET", ["notification-settings"]) => {
                require(capability::NOTIFICATIONS_READ)?;
                Ok(Response::json(self.inboxes.borrow()[&persona].settings()))
            }
            ("PUT", ["notification-settings"]) => {
                require(capability::NOTIFICATIONS_WRITE)?;
                let settings: NotificationSettings = json_body(request.body)?;
                let mut unknown: Vec<FieldError> = settings
                    .event_types
                    .iter()
                    .filter(|t| !KINDS.iter().any(|k| k.name == t.as_str()))
                    .map(|t| FieldError {
                        field: "eventTypes".into(),
                        message: format!("there is no event type \"{t}\""),
                    })
                    .collect();
                if let Severity::Unknown(other) = settings.min_severity {
                    unknown.push(FieldError {
                        field: "minSeverity".into(),
                        message: format!("\"{}\" is not info, warning or critical", other.as_str()),
                    });
                }
                if !unknown.is_empty() {
                    return Err(Problem::validation(unknown));
                }
                let mut inboxes = self.inboxes.borrow_mut();
                let inbox = inboxes.get_mut(&persona).expect("every persona has an inbox");
                inbox.set_settings(settings);
                Ok(Response::json(inbox.settings()))
            }
            (method, segments) => {
                let allowed = allowed_methods(segments);
                if allowed.is_empty() {
                    return Err(Problem::new(
                        404,
                        "Not Found",
                        format!("No operation at {method} {}.", request.path),
                    ));
                }
                let detail = format!("{} takes {}, not {method}.", request.path, allowed.join(", "));
                Ok(Response {
                    allow: Some(allowed.join(", ")),
                    ..Response::problem(Problem::new(405, "Method Not Allowed", detail))
                })
            }
        }
    }
}

/// The user's inbox when `query` filters by read state: that reads their notifications, so it
/// takes notifications:read on every path that lists events (the list and the export alike).
fn read_filter<'a>(
    query: &EventQuery,
    persona: Persona,
    inboxes: &'a HashMap<Persona, Inbox>,
) -> Result<Option<&'a Inbox>, Problem> {
    match query.read {
        Some(_) => require(persona, capability::NOTIFICATIONS_READ).map(|()| Some(&inboxes[&persona])),
        None => Ok(None),
    }
}

fn require(persona: Persona, capability: &str) -> Result<(), Problem> {
    if persona.capabilities().contains(&capability) {
        Ok(())
    } else {
        Err(Problem::new(403, "Forbidden", format!("Your role lacks the {capability} capability.")))
    }
}

/// One query parameter's value, if it is there and not empty.
fn param(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v.into_owned())
}

impl MockBackend {
    /// Triggers, their assignments and their runs; `None` for any other path.
    fn route_automation(
        &self,
        persona: Persona,
        request: &Request,
        segments: &[&str],
    ) -> Option<Result<Response, Problem>> {
        let read = || require(persona, capability::TRIGGERS_READ);
        let write = || require(persona, capability::TRIGGERS_WRITE);
        let now = self.clock();
        let result = match (request.method, segments) {
            ("GET", ["triggers"]) => read().and_then(|()| {
                let kind = match param(request.query, "kind").as_deref() {
                    None => None,
                    Some("ignore") => Some(TriggerKind::Ignore),
                    Some("action") => Some(TriggerKind::Action),
                    Some(other) => {
                        return Err(Problem::validation(vec![FieldError {
                            field: "kind".into(),
                            message: format!("\"{other}\" is not ignore or action"),
                        }]))
                    }
                };
                let event = param(request.query, "event");
                Ok(Response::json(&self.automation.borrow().list(event.as_deref(), kind)))
            }),
            ("POST", ["triggers"]) => write()
                .and_then(|()| json_body::<TriggerSpec>(request.body))
                .and_then(|spec| self.automation.borrow_mut().create(spec, now))
                .map(|t| Response::created(&t)),
            ("GET", ["triggers", id]) => {
                read().and_then(|()| self.automation.borrow().get(id).map(Response::json))
            }
            ("PUT", ["triggers", id]) => write()
                .and_then(|()| json_body::<TriggerSpec>(request.body))
                .and_then(|spec| self.automation.borrow_mut().update(id, spec, request.if_match, now))
                .map(|t| Response::json(&t)),
            ("DELETE", ["triggers", id]) => write()
                .and_then(|()| self.automation.borrow_mut().delete(id, request.if_match))
                .map(|()| Response::no_content()),
            ("GET", ["trigger-assignments"]) => read().and_then(|()| {
                let scope = param(request.query, "scope").unwrap_or_else(|| "platform".into());
                self.automation.borrow().assignments(&scope).map(|a| Response::json(&a))
            }),
            ("PUT", ["trigger-assignments"]) => write()
                .and_then(|()| json_body::<Vec<EventAssignment>>(request.body))
                .and_then(|list| {
                    let scope = param(request.query, "scope").unwrap_or_else(|| "platform".into());
                    self.automation.borrow_mut().set_assignments(&scope, list, request.if_match)
                })
                .map(|a| Response::json(&a)),
            ("GET", ["trigger-scopes"]) => read().map(|()| Response::json(&crate::automation::scope_kinds())),
            ("GET", ["notification-profiles"]) => {
                read().map(|()| Response::json(&crate::automation::notification_profiles()))
            }
            ("GET", ["trigger-runs"]) => read()
                .and_then(|()| Ok(RunQuery::parse(request.query)?))
                .and_then(|query| Ok(self.store.list_runs(&query)?))
                .map(|page| Response::json(&page)),
            _ => return None,
        };
        Some(result)
    }
}

impl MockBackend {
    /// Forwarders, their tests, secrets and deliveries; `None` for any other path.
    fn route_forwarders(
        &self,
        persona: Persona,
        request: &Request,
        segments: &[&str],
    ) -> Option<Result<Response, Problem>> {
        let read = || require(persona, capability::FORWARDERS_READ);
        let write = || require(persona, capability::FORWARDERS_WRITE);
        let now = self.clock();
        let mut forwarders = self.forwarders.borrow_mut();
        let result = match (request.method, segments) {
            ("GET", ["forwarders"]) => read().map(|()| Response::json(&forwarders.list())),
            ("POST", ["forwarder-previews"]) => read()
                .and_then(|()| json_body::<PreviewRequest>(request.body))
                .and_then(|asked| self.preview(&asked, now))
                .map(|preview| Response::json(&preview)),
            ("POST", ["forwarder-tests"]) => write()
                .and_then(|()| json_body::<ForwarderSpec>(request.body))
                .and_then(|spec| {
                    let id = param(request.query, "forwarder");
                    forwarders.test_settings(spec, id.as_deref(), &self.gateways(persona))
                })
                .map(|r| Response::json(&r)),
            ("POST", ["forwarders"]) => write()
                .and_then(|()| json_body::<ForwarderSpec>(request.body))
                .and_then(|spec| forwarders.create(spec, &self.gateways(persona), now, self.next_seq()))
                .map(|f| Response::created(&f)),
            ("GET", ["forwarders", id]) => {
                read().and_then(|()| forwarders.get(id)).map(|f| Response::json(&f))
            }
            ("PUT", ["forwarders", id]) => write()
                .and_then(|()| json_body::<ForwarderSpec>(request.body))
                .and_then(|spec| {
                    let gateways = self.gateways(persona);
                    forwarders.update(id, spec, request.if_match, &gateways, now, self.next_seq())
                })
                .map(|f| Response::json(&f)),
            ("DELETE", ["forwarders", id]) => write()
                .and_then(|()| forwarders.delete(id, request.if_match))
                .map(|()| Response::no_content()),
            ("POST", ["forwarders", id, "test"]) => write()
                .and_then(|()| forwarders.test(id, &self.gateways(persona)))
                .map(|r| Response::json(&r)),
            ("POST", ["forwarders", id, "rotate-secret"]) => {
                write().and_then(|()| forwarders.rotate(id, now)).map(|r| Response::json(&r))
            }
            ("GET", ["forwarders", id, "deliveries"]) => read()
                .and_then(|()| forwarders.get(id).map(drop))
                .and_then(|()| {
                    let scenario = &self.scenario;
                    Ok(self
                        .store
                        .list_deliveries(id, request.query, |e| forwarders.deliveries_of(e, scenario, now))?)
                })
                .map(|page| Response::json(&page)),
            ("GET", ["forwarders", id, "delivery-stats"]) => read()
                .and_then(|()| forwarders.get(id).map(drop))
                .and_then(|()| {
                    let scenario = &self.scenario;
                    Ok(self.store.delivery_stats(id, request.query, now, |e| {
                        forwarders.deliveries_of(e, scenario, now)
                    })?)
                })
                .map(|stats| Response::json(&stats)),
            ("POST", ["deliveries", id, "retry"]) => write()
                .and_then(|()| {
                    let event = self.store.delivery_event(id);
                    let delivery = event.and_then(|e| {
                        let all = forwarders.deliveries_of(e, &self.scenario, now);
                        all.into_iter().find(|d| d.id == *id)
                    });
                    delivery
                        .ok_or_else(|| Problem::new(404, "Not Found", format!("There is no delivery {id}.")))
                })
                .and_then(|delivery| forwarders.retry(delivery, now))
                .map(|d| Response::json(&d)),
            _ => return None,
        };
        Some(result)
    }
}

impl MockBackend {
    /// Usage reports; `None` for any other path.
    fn route_usage(
        &self,
        persona: Persona,
        request: &Request,
        segments: &[&str],
    ) -> Option<Result<Response, Problem>> {
        let ["usage", operation] = segments else { return None };
        if request.method != "GET" {
            return None;
        }
        let answer = || {
            require(persona, capability::USAGE_REPORTS_READ)?;
            let query = UsageQuery::parse(request.query)?;
            let choice = |name: &str, default: &str, allowed: &[&str]| match param(request.query, name) {
                None => Ok(default.to_string()),
                Some(v) if allowed.contains(&v.as_str()) => Ok(v),
                Some(v) => Err(Problem::validation(vec![FieldError {
                    field: name.into(),
                    message: format!("\"{v}\" is not one of {}", allowed.join(", ")),
                }])),
            };
            match *operation {
                "summary" => self.usage.summary(&query).map(|s| Response::json(&s)),
                "timeseries" => {
                    let interval = match choice("interval", "day", &["day", "hour"])?.as_str() {
                        "hour" => Interval::Hour,
                        _ => Interval::Day,
                    };
                    self.usage.series(&query, interval).map(|s| Response::json(&s))
                }
                "top" => {
                    let dimension =
                        match choice("dimension", "user", &["user", "secret", "authMethod"])?.as_str() {
                            "secret" => Dimension::Secret,
                            "authMethod" => Dimension::AuthMethod,
                            _ => Dimension::User,
                        };
                    let limit = match param(request.query, "limit").map(|l| l.parse::<usize>()) {
                        None => 10,
                        Some(Ok(n)) if (1..=50).contains(&n) => n,
                        Some(_) => {
                            return Err(Problem::validation(vec![FieldError {
                                field: "limit".into(),
                                message: "is a whole number from 1 to 50".into(),
                            }]))
                        }
                    };
                    self.usage.top(&query, dimension, limit).map(|t| Response::json(&t))
                }
                "password-manager" => self.usage.password_manager(&query).map(|r| Response::json(&r)),
                "export" => {
                    choice("format", "json", &["json"])?;
                    self.usage.export(&query, self.clock()).map(|e| Response::json(&e))
                }
                other => Err(Problem::new(404, "Not Found", format!("No usage report {other}."))),
            }
        };
        Some(answer())
    }
}

/// `unread=true` lists only unread notifications.
fn unread_only(query: &str) -> Result<bool, Problem> {
    match param(query, "unread").as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(Problem::validation(vec![FieldError {
            field: "unread".into(),
            message: format!("\"{other}\" is not true or false"),
        }])),
    }
}

/// A request body in the contract's shape, or a 422 that says what is wrong with it. A field
/// the contract does not name is refused by its path (a misspelt field would otherwise be lost
/// in silence), while answers stay open for a backend to add to.
fn json_body<T: serde::de::DeserializeOwned + serde::Serialize>(body: &str) -> Result<T, Problem> {
    let invalid = |message: String| Problem::validation(vec![FieldError { field: "body".into(), message }]);
    let sent: serde_json::Value =
        serde_json::from_str(body).map_err(|e| invalid(format!("is not JSON: {e}")))?;
    let parsed: T = T::deserialize(&sent).map_err(|e| invalid(format!("is not valid: {e}")))?;
    let understood = serde_json::to_value(&parsed).map_err(|e| invalid(e.to_string()))?;
    let (mut unknown, mut nulls) = (Vec::new(), Vec::new());
    unknown_fields(&sent, &understood, ("", ""), &mut unknown, &mut nulls);
    // A null the request dropped means absent when it names a field: then a value in its place
    // is read (or refused), where an unknown name's value is ignored as the null was.
    for (path, pointer) in nulls {
        let mut probe = sent.clone();
        if let Some(value) = probe.pointer_mut(&pointer) {
            *value = serde_json::Value::String(String::new());
        }
        let read = T::deserialize(&probe).map(|p| serde_json::to_value(&p).ok());
        if matches!(read, Ok(Some(understood)) if understood.pointer(&pointer).is_none()) {
            unknown.push(path);
        }
    }
    if unknown.is_empty() {
        return Ok(parsed);
    }
    Err(Problem::validation(
        unknown
            .into_iter()
            .map(|field| FieldError { field, message: "is not a field of this request".into() })
            .collect(),
    ))
}

/// The paths (`config.tokn`, `conditions[0].feild`) of what `sent` has and `understood`, the
/// same body read and written back, lost; a null lost is put in `nulls` instead, with its JSON
/// pointer, as it may mean an absent field. `at` is where `sent` is, as a path and a pointer.
fn unknown_fields(
    sent: &serde_json::Value,
    understood: &serde_json::Value,
    at: (&str, &str),
    found: &mut Vec<String>,
    nulls: &mut Vec<(String, String)>,
) {
    use serde_json::Value;
    let (path, pointer) = at;
    match (sent, understood) {
        (Value::Object(sent), Value::Object(understood)) => {
            for (key, value) in sent {
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                let pointer = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match understood.get(key) {
                    Some(kept) => unknown_fields(value, kept, (&path, &pointer), found, nulls),
                    None if value.is_null() => nulls.push((path, pointer)),
                    None => found.push(path),
                }
            }
        }
        (Value::Array(sent), Value::Array(understood)) => {
            for (i, (value, kept)) in sent.iter().zip(understood).enumerate() {
                unknown_fields(
                    value,
                    kept,
                    (&format!("{path}[{i}]"), &format!("{pointer}/{i}")),
                    found,
                    nulls,
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{json_body, operation_id, OPERATIONS};
    use event_center_contract::{NotificationSettings, ReadAll};

    /// A null means an absent field, and only a field: under any other name it is a field the
    /// request does not have, named as such.
    #[test]
    fn a_null_is_absent_only_under_a_fields_name() {
        assert_eq!(json_body::<ReadAll>(r#"{"upTo": null}"#).unwrap(), ReadAll::default());
        for (body, field) in [(r#"{"": null}"#, ""), (r#"{"upTo": null, "upT/o": null}"#, "upT/o")] {
            let refused = json_body::<ReadAll>(body).unwrap_err();
            assert_eq!(refused.errors.len(), 1, "{body}");
            assert_eq!(refused.errors[0].field, field, "{body}");
        }
        let nested = r#"{"eventTypes": [], "minSeverity": "info", "extra": {"deeper": null}}"#;
        assert_eq!(json_body::<NotificationSettings>(nested).unwrap_err().errors[0].field, "extra");
    }

    /// The router names each request by the document's operation ids, and the control surface
    /// (forced answers) lists exactly those.
    #[test]
    fn operation_ids_are_exactly_the_documents() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/event-center.yaml");
        let document: serde_json::Value =
            serde_norway::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut documented = Vec::new();
        for (template, item) in document["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let Some(id) = operation["operationId"].as_str() else { continue };
                let segments: Vec<&str> = template
                    .trim_matches('/')
                    .split('/')
                    .map(|s| if s.starts_with('{') { "some-id" } else { s })
                    .collect();
                let method = method.to_ascii_uppercase();
                assert_eq!(operation_id(&method, &segments), Some(id), "{method} {template}");
                documented.push(id);
            }
        }
        let mut listed = OPERATIONS.to_vec();
        listed.sort_unstable();
        documented.sort_unstable();
        assert_eq!(listed, documented);
    }
}
