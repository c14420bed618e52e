//! The mock backend as its own WebAssembly module. The console imports it only when the mock
//! is its backend, so a deployment on a real backend never downloads it; the benchmark's
//! reference page imports it too, so both pages show the very same events.
//!
//! Every method is synchronous and takes and gives plain JS values, so the two modules share
//! no memory: a request goes in as its parts, and an answer comes back as
//! `{status, retryAfter, body}`, or `undefined` where a dropped connection is forced.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use event_center_mock::{Dials, Lever, MockBackend, Request};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct WebMock(RefCell<MockBackend>);

fn time(ms: f64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

fn to_json(dials: &Dials) -> String {
    serde_json::to_string(dials).unwrap_or_default()
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

    /// How long the mock's scenario says each answer takes, read before every request: a
    /// number, where the dials would be JSON to write and read each time.
    #[wasm_bindgen(js_name = latencyMs)]
    pub fn latency_ms(&self) -> u32 {
        self.0.borrow().scenario().latency_ms
    }

    /// What the mock shows of itself, as the JSON of `Dials`.
    pub fn dials(&self) -> String {
        to_json(&self.0.borrow().dials())
    }

    /// Pulls a lever (the JSON of `Lever`) at `now`: the dials after it, or throws why not.
    pub fn pull(&self, now: f64, lever: &str) -> Result<String, String> {
        let lever: Lever = serde_json::from_str(lever).map_err(|e| e.to_string())?;
        Ok(to_json(&self.0.borrow_mut().pull(time(now), lever)?))
    }
}
