//! How the console reaches the mock backend. In the browser the mock is its own WebAssembly
//! module (`crates/mock-web`), imported only when it is the backend, so the bundle a real
//! deployment downloads does not carry it. Native and component tests hold a
//! [`MockBackend`] in-process instead; the console cannot tell the two apart.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use event_center_contract::Severity;
use event_center_mock::{Forced, MockBackend, Request, Scenario};
use futures::future::{FutureExt, LocalBoxFuture, Shared};

use super::{RawRequest, RawResponse};

/// What the console asks of a mock backend: answers, and the control panel's levers.
pub trait MockPort {
    /// The answer to a request, or `None` where a dropped connection is forced.
    fn respond(&self, request: &RawRequest, token: &str) -> Option<RawResponse>;
    fn scenario(&self) -> Scenario;
    fn set_scenario(&self, scenario: Scenario);
    /// The operations forced now, in the document's order.
    fn forced(&self) -> Vec<(String, Forced)>;
    fn force(&self, operation: &str, forced: Option<Forced>) -> Result<(), String>;
    fn requests_served(&self) -> u64;
    fn arrive(&self, now: DateTime<Utc>, severity: Option<Severity>);
    /// An event of the type named, on a certificate of the RA profile named if one is; false for
    /// a type or profile the mock does not know.
    fn arrive_as(&self, now: DateTime<Utc>, kind: &str, ra_profile: Option<&str>) -> bool;
    fn newest_event_id(&self) -> Option<String>;
}

pub type Mock = Rc<dyn MockPort>;

/// The mock backend, or its module still on its way. The console mounts without waiting for
/// it: the module downloads while the page is built, and the first requests wait here.
#[derive(Clone)]
pub struct MockConnection(Shared<LocalBoxFuture<'static, Result<Mock, String>>>);

impl MockConnection {
    /// The mock `load` makes, or why it could not.
    pub fn new(load: impl Future<Output = Result<Mock, String>> + 'static) -> MockConnection {
        MockConnection(load.boxed_local().shared())
    }

    pub async fn get(&self) -> Result<Mock, String> {
        self.0.clone().await
    }

    /// The mock, if it has loaded already.
    pub fn ready(&self) -> Option<Mock> {
        self.0.peek().and_then(|loaded| loaded.as_ref().ok().cloned())
    }
}

impl From<Mock> for MockConnection {
    fn from(mock: Mock) -> MockConnection {
        MockConnection::new(std::future::ready(Ok(mock)))
    }
}

/// The mock in this very module, for tests. A release build never makes one, so none of
/// the mock's code is linked into the console.
impl MockPort for RefCell<MockBackend> {
    fn respond(&self, request: &RawRequest, token: &str) -> Option<RawResponse> {
        self.borrow()
            .respond(&Request {
                method: request.method,
                path: &request.path,
                query: &request.query,
                token: Some(token),
                body: &request.body,
                last_event_id: request.last_event_id.as_deref(),
                if_match: request.if_match.as_deref(),
            })
            .map(|r| RawResponse { status: r.status, retry_after: r.retry_after, body: r.body })
    }

    fn scenario(&self) -> Scenario {
        self.borrow().scenario()
    }

    fn set_scenario(&self, scenario: Scenario) {
        self.borrow_mut().set_scenario(scenario);
    }

    fn forced(&self) -> Vec<(String, Forced)> {
        self.borrow().forced().into_iter().map(|(op, forced)| (op.to_string(), forced)).collect()
    }

    fn force(&self, operation: &str, forced: Option<Forced>) -> Result<(), String> {
        self.borrow_mut().force(operation, forced)
    }

    fn requests_served(&self) -> u64 {
        self.borrow().requests_served()
    }

    fn arrive(&self, now: DateTime<Utc>, severity: Option<Severity>) {
        self.borrow_mut().arrive(now, severity);
    }

    fn arrive_as(&self, now: DateTime<Utc>, kind: &str, ra_profile: Option<&str>) -> bool {
        self.borrow_mut().arrive_as(now, kind, ra_profile).is_some()
    }

    fn newest_event_id(&self) -> Option<String> {
        self.borrow().newest_event_id()
    }
}

pub use module::load;

mod module {
    use js_sys::Reflect;
    use wasm_bindgen::prelude::*;

    use super::*;
    use crate::config::MockSettings;
    use crate::ui::split::split;

    // `index.html` builds the mock module beside the console and knows its address: its script
    // has usually started the import (`window.ecMockModule`), and `window.ecLoadMock` starts it.
    #[wasm_bindgen(inline_js = "export async function load(seed, events, now, longNames) {
        const mock = (await window.ecMockModule) ?? (await window.ecLoadMock());
        const backend = new mock.WebMock(seed, events, now);
        if (longNames) backend.useLongNames(now);
        return backend;
    }")]
    extern "C" {
        #[wasm_bindgen(catch, js_name = load)]
        async fn import_mock(seed: f64, events: u32, now: f64, long_names: bool) -> Result<JsValue, JsValue>;

        /// `WebMock` of `crates/mock-web`.
        type WebMock;
        #[wasm_bindgen(method)]
        #[allow(clippy::too_many_arguments)]
        fn respond(
            this: &WebMock,
            method: &str,
            path: &str,
            query: &str,
            token: &str,
            body: &str,
            last_event_id: Option<String>,
            if_match: Option<String>,
        ) -> JsValue;
        #[wasm_bindgen(method, js_name = latencyMs)]
        fn latency_ms(this: &WebMock) -> u32;
        #[wasm_bindgen(method, js_name = failureRate)]
        fn failure_rate(this: &WebMock) -> f64;
        #[wasm_bindgen(method, js_name = deliveryFailures)]
        fn delivery_failures(this: &WebMock) -> f64;
        #[wasm_bindgen(method, js_name = setScenario)]
        fn set_scenario(this: &WebMock, latency_ms: u32, failure_rate: f64, delivery_failures: f64);
        #[wasm_bindgen(method)]
        fn forced(this: &WebMock) -> Vec<String>;
        #[wasm_bindgen(method)]
        fn force(this: &WebMock, operation: &str, code: &str) -> Option<String>;
        #[wasm_bindgen(method, js_name = requestsServed)]
        fn requests_served(this: &WebMock) -> f64;
        #[wasm_bindgen(method)]
        fn arrive(this: &WebMock, now: f64, severity: Option<String>) -> String;
        #[wasm_bindgen(method, js_name = arriveAs)]
        fn arrive_as(this: &WebMock, now: f64, kind: &str, ra_profile: Option<&str>) -> Option<String>;
        #[wasm_bindgen(method, js_name = newestEventId)]
        fn newest_event_id(this: &WebMock) -> Option<String>;
    }

    /// Imports the mock module and makes the backend the settings describe, when first asked.
    /// The code that speaks to it is a chunk of its own: a real backend's console never
    /// downloads it.
    pub fn load(settings: &MockSettings) -> MockConnection {
        let (seed, events, long_names) = (settings.seed as f64, settings.events as u32, settings.long_names);
        MockConnection::new(async move {
            let port = web_mock(seed, events, long_names)
                .await
                .map_err(|_| "the console's code for the mock could not be fetched".to_string())?;
            port.get().await
        })
    }

    split! {
        fn web_mock(seed: f64, events: u32, long_names: bool) -> MockConnection {
            MockConnection::new(import(seed, events, long_names))
        }
    }

    async fn import(seed: f64, events: u32, long_names: bool) -> Result<Mock, String> {
        let mock = import_mock(seed, events, js_sys::Date::now(), long_names).await.map_err(|e| {
            // A failed import is a TypeError, whose JSON is `{}`: its message says what failed.
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .or_else(|| js_sys::JSON::stringify(&e).ok().map(String::from))
                .unwrap_or_default()
        })?;
        Ok(Rc::new(mock.unchecked_into::<WebMock>()) as Mock)
    }

    fn field(answer: &JsValue, key: &str) -> JsValue {
        Reflect::get(answer, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    impl MockPort for WebMock {
        fn respond(&self, request: &RawRequest, token: &str) -> Option<RawResponse> {
            let answer = WebMock::respond(
                self,
                request.method,
                &request.path,
                &request.query,
                token,
                &request.body,
                request.last_event_id.clone(),
                request.if_match.clone(),
            );
            if answer.is_undefined() {
                return None;
            }
            Some(RawResponse {
                status: field(&answer, "status").as_f64().unwrap_or(0.0) as u16,
                retry_after: field(&answer, "retryAfter").as_f64().map(|s| s as u32),
                body: field(&answer, "body").as_string().unwrap_or_default(),
            })
        }

        fn scenario(&self) -> Scenario {
            Scenario {
                latency_ms: self.latency_ms(),
                failure_rate: self.failure_rate(),
                delivery_failures: self.delivery_failures(),
            }
        }

        fn set_scenario(&self, scenario: Scenario) {
            WebMock::set_scenario(
                self,
                scenario.latency_ms,
                scenario.failure_rate,
                scenario.delivery_failures,
            );
        }

        fn forced(&self) -> Vec<(String, Forced)> {
            WebMock::forced(self)
                .into_iter()
                .filter_map(|pair| {
                    let (op, code) = pair.split_once('=')?;
                    Some((op.to_string(), Forced::from_code(code)?))
                })
                .collect()
        }

        fn force(&self, operation: &str, forced: Option<Forced>) -> Result<(), String> {
            let code = forced.map(Forced::code).unwrap_or_default();
            WebMock::force(self, operation, &code).map_or(Ok(()), Err)
        }

        fn requests_served(&self) -> u64 {
            WebMock::requests_served(self) as u64
        }

        fn arrive(&self, now: DateTime<Utc>, severity: Option<Severity>) {
            WebMock::arrive(self, now.timestamp_millis() as f64, severity.map(|s| s.as_str().to_string()));
        }

        fn arrive_as(&self, now: DateTime<Utc>, kind: &str, ra_profile: Option<&str>) -> bool {
            WebMock::arrive_as(self, now.timestamp_millis() as f64, kind, ra_profile).is_some()
        }

        fn newest_event_id(&self) -> Option<String> {
            WebMock::newest_event_id(self)
        }
    }
}
