//! How the console reaches the mock backend. In the browser the mock is its own WebAssembly
//! module (`crates/mock-web`), imported only when it is the backend, so the bundle a real
//! deployment downloads does not carry it. Native and component tests hold a
//! [`MockBackend`] in-process instead; the console cannot tell the two apart.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use event_center_mock::{Dials, Lever, MockBackend, Request};
use futures::future::{FutureExt, LocalBoxFuture, Shared};

use super::{RawRequest, RawResponse};

/// What the console asks of a mock backend: answers, and the control panel's levers. The
/// levers are one type ([`Lever`]), so adding one changes neither this trait nor the module
/// boundary.
pub trait MockPort {
    /// The answer to a request, or `None` where a dropped connection is forced.
    fn respond(&self, request: &RawRequest, token: &str) -> Option<RawResponse>;
    /// How long each answer takes, by the scenario (the dials' latency, without the dials).
    fn latency_ms(&self) -> u32;
    fn dials(&self) -> Dials;
    /// Pulls a lever at `now`: the dials after it, or why the mock refused it.
    fn pull(&self, now: DateTime<Utc>, lever: Lever) -> Result<Dials, String>;
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

    fn latency_ms(&self) -> u32 {
        self.borrow().scenario().latency_ms
    }

    fn dials(&self) -> Dials {
        self.borrow().dials()
    }

    fn pull(&self, now: DateTime<Utc>, lever: Lever) -> Result<Dials, String> {
        self.borrow_mut().pull(now, lever)
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
        #[wasm_bindgen(method)]
        fn dials(this: &WebMock) -> String;
        #[wasm_bindgen(method, catch)]
        fn pull(this: &WebMock, now: f64, lever: &str) -> Result<String, JsValue>;
    }

    /// Imports the mock module and makes the backend the settings describe, when first asked.
    /// The code that speaks to it is a chunk of its own: a real backend's console never
    /// downloads it.
    pub fn load(settings: &MockSettings) -> MockConnection {
        let (seed, events, long_names) = (settings.seed as f64, settings.events as u32, settings.long_names);
        let connection = MockConnection::new(async move {
            let port = web_mock(seed, events, long_names)
                .await
                .map_err(|_| "the console's code for the mock could not be fetched".to_string())?;
            port.get().await
        });
        // Polled once now, the chunk's download starts beside the page's first build instead
        // of after it, when the first request waits for the mock.
        let _ = connection.0.clone().now_or_never();
        connection
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

        fn latency_ms(&self) -> u32 {
            WebMock::latency_ms(self)
        }

        fn dials(&self) -> Dials {
            serde_json::from_str(&WebMock::dials(self)).unwrap_or_default()
        }

        fn pull(&self, now: DateTime<Utc>, lever: Lever) -> Result<Dials, String> {
            let lever = serde_json::to_string(&lever).map_err(|e| e.to_string())?;
            let dials = WebMock::pull(self, now.timestamp_millis() as f64, &lever)
                .map_err(|e| e.as_string().unwrap_or_default())?;
            serde_json::from_str(&dials).map_err(|e| e.to_string())
        }
    }
}
