//! The mock backend as its own WebAssembly module. The console imports it only when the mock
//! is its backend, so a deployment on a real backend never downloads it; the benchmark's
//! reference page imports it too, so both pages show the very same events.
//!
//! Every method is synchronous and takes and gives plain JS values, so the two modules share
//! no memory: a request goes in as its parts, and an answer comes back as
//! `{status, retryAfter, body}`, or `undefined` where a dropped connection is forced.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use event_center_contract::Severity;
use event_center_mock::{Forced, MockBackend, Request, Scenario};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct WebMock(RefCell<MockBackend>);

fn time(ms: f64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

fn set(object: &js_sys::Object, key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(object, &key.into(), &value);
}

#[wasm_bindgen]
impl WebMock {
    /// `events` generated events from `seed`, the newest at `now` (milliseconds since the epoch).
    #[wasm_bindgen(constructor)]
    pub fn new(seed: f64, events: u32, now: f64) -> WebMock {
        WebMock(RefCell::new(MockBackend::new(seed as u64, events as usize, time(now))))
    }

    /// The long-names scenario from now on (see `MockBackend::use_long_names`).
    #[wasm_bindgen(js_name = useLongNames)]
    pub fn use_long_names(&self, now: f64) -> String {
        self.0.borrow_mut().use_long_names(time(now))
    }

    /// The answer to a request below the contract's base path.
    #[allow(clippy::too_many_arguments)] // a request's parts, as plain values
    pub fn respond(
        &self,
        method: &str,
        path: &str,
        query: &str,
        token: Option<String>,
        body: &str,
        last_event_id: Option<String>,
        if_match: Option<String>,
    ) -> JsValue {
        let request = Request {
            method,
            path,
            query,
            token: token.as_deref(),
            body,
            last_event_id: last_event_id.as_deref(),
            if_match: if_match.as_deref(),
        };
        let Some(response) = self.0.borrow().respond(&request) else {
            return JsValue::UNDEFINED;
        };
        let answer = js_sys::Object::new();
        set(&answer, "status", response.status.into());
        set(&answer, "retryAfter", response.retry_after.map_or(JsValue::UNDEFINED, JsValue::from));
        set(&answer, "body", response.body.into());
        answer.into()
    }

    #[wasm_bindgen(js_name = latencyMs)]
    pub fn latency_ms(&self) -> u32 {
        self.0.borrow().scenario().latency_ms
    }

    #[wasm_bindgen(js_name = failureRate)]
    pub fn failure_rate(&self) -> f64 {
        self.0.borrow().scenario().failure_rate
    }

    #[wasm_bindgen(js_name = deliveryFailures)]
    pub fn delivery_failures(&self) -> f64 {
        self.0.borrow().scenario().delivery_failures
    }

    #[wasm_bindgen(js_name = setScenario)]
    pub fn set_scenario(&self, latency_ms: u32, failure_rate: f64, delivery_failures: f64) {
        self.0.borrow_mut().set_scenario(Scenario { latency_ms, failure_rate, delivery_failures });
    }

    /// The forced operations as `operation=code` pairs, in the document's order.
    pub fn forced(&self) -> Vec<String> {
        self.0.borrow().forced().into_iter().map(|(op, forced)| format!("{op}={}", forced.code())).collect()
    }

    /// Forces an operation's answer (a status or `network`); an empty code restores it.
    /// Returns what is wrong, if anything.
    pub fn force(&self, operation: &str, code: &str) -> Option<String> {
        self.0.borrow_mut().force(operation, Forced::from_code(code)).err()
    }

    #[wasm_bindgen(js_name = requestsServed)]
    pub fn requests_served(&self) -> f64 {
        self.0.borrow().requests_served() as f64
    }

    /// A new event happens at `now`, of the severity named or of any; returns its id.
    pub fn arrive(&self, now: f64, severity: Option<String>) -> String {
        let severity = severity.as_deref().and_then(Severity::parse);
        self.0.borrow_mut().arrive(time(now), severity)
    }

    /// An event of the type named happens at `now`, on a certificate of the RA profile named if
    /// one is; its id, or nothing for an unknown type or profile.
    #[wasm_bindgen(js_name = arriveAs)]
    pub fn arrive_as(&self, now: f64, kind: &str, ra_profile: Option<String>) -> Option<String> {
        self.0.borrow_mut().arrive_as(time(now), kind, ra_profile.as_deref())
    }

    #[wasm_bindgen(js_name = newestEventId)]
    pub fn newest_event_id(&self) -> Option<String> {
        self.0.borrow().newest_event_id()
    }
}
