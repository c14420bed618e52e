//! How a request reaches a backend: over HTTP (fetch, abortable, signed in with the session's
//! credential; an event stream read as it arrives) or to the mock backend in the page, chosen at
//! runtime.

use super::{ApiError, Credential, MockConnection};

/// A request below the contract's base path.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRequest {
    pub method: &'static str,
    pub path: String,
    /// Without the leading `?`; may be empty.
    pub query: String,
    /// JSON for writes; empty for reads.
    pub body: String,
    /// Where an event stream resumes (`Last-Event-ID`).
    pub last_event_id: Option<String>,
    /// The version an edit is based on (`If-Match`).
    pub if_match: Option<String>,
    /// Sent as the page closes: the browser finishes it after the page is gone.
    pub keepalive: bool,
}

impl RawRequest {
    pub fn get(path: &str, query: String) -> RawRequest {
        RawRequest {
            method: "GET",
            path: path.into(),
            query,
            body: String::new(),
            last_event_id: None,
            if_match: None,
            keepalive: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawResponse {
    pub status: u16,
    pub retry_after: Option<u32>,
    pub body: String,
}

/// How requests reach a backend. Two implementations, chosen at runtime from the config.
#[derive(Clone)]
pub enum Transport {
    /// A real backend over HTTP, sent the session's token if it has one.
    Http { base_url: String, credential: Credential },
    /// The mock backend in this page; `token` selects its persona.
    Mock { backend: MockConnection, token: String },
    /// No usable backend: the configuration is wrong, and every request fails saying why.
    Unconfigured(String),
}

impl Transport {
    pub async fn send(&self, request: &RawRequest) -> Result<RawResponse, ApiError> {
        match self {
            Transport::Http { base_url, credential } => http::send(base_url, credential, request).await,
            Transport::Unconfigured(why) => {
                Err(ApiError::Network(format!("no backend is configured: {why}")))
            }
            Transport::Mock { backend, token } => {
                let backend = backend.get().await.map_err(mock_unavailable)?;
                let latency = backend.latency_ms();
                if latency > 0 {
                    sleep_ms(latency).await;
                }
                backend
                    .respond(request, token)
                    .ok_or_else(|| ApiError::Network("the connection dropped (forced by the mock)".into()))
            }
        }
    }
}

/// Requests to a mock whose module could not be loaded fail as if its server were down.
pub(super) fn mock_unavailable(why: String) -> ApiError {
    ApiError::Network(crate::config::ConfigError::MockUnavailable(why).to_string())
}

#[cfg(target_arch = "wasm32")]
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn sleep_ms(ms: u32) {
    std::thread::sleep(std::time::Duration::from_millis(ms.into()));
}

pub(super) mod http {
    use gloo_net::http::{Request, RequestBuilder, Response};
    use web_sys::{AbortController, RequestCredentials};

    use super::*;

    /// Aborts the fetch when the future that owns it is dropped, so a superseded request
    /// (a new filter, a closed page) stops using the network at once.
    struct AbortOnDrop(Option<AbortController>);

    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            if let Some(controller) = self.0.take() {
                controller.abort();
            }
        }
    }

    pub async fn send(
        base_url: &str,
        credential: &Credential,
        request: &RawRequest,
    ) -> Result<RawResponse, ApiError> {
        let mut url = format!("{base_url}{}", request.path);
        if !request.query.is_empty() {
            url = format!("{url}?{}", request.query);
        }
        let mut guard = AbortOnDrop(AbortController::new().ok());
        let mut builder = match request.method {
            "GET" => Request::get(&url),
            "POST" => Request::post(&url),
            "PUT" => Request::put(&url),
            "DELETE" => Request::delete(&url),
            other => return Err(ApiError::Network(format!("unsupported method {other}"))),
        }
        .header("Accept", "application/json, application/problem+json")
        .abort_signal(guard.0.as_ref().map(|c| c.signal()).as_ref());
        let token = credential.token();
        builder = signed(builder, credential, &token, request.method != "GET");
        if let Some(id) = &request.last_event_id {
            builder = builder.header("Last-Event-ID", id);
        }
        if let Some(version) = &request.if_match {
            builder = builder.header("If-Match", &format!("\"{version}\""));
        }
        let built = if request.body.is_empty() {
            builder.build()
        } else {
            builder.header("Content-Type", "application/json").body(request.body.clone())
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let built = if request.keepalive { outliving_the_page(built)? } else { built };
        let response = built.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
        let answer = whole(response, credential, &token).await;
        guard.0 = None; // finished: nothing left to abort
        answer
    }

    /// The request as the session's credential signs it: its token, or the platform's session
    /// cookie and, on a write, the copy of its XSRF cookie that proves the console sent it.
    fn signed(
        builder: RequestBuilder,
        credential: &Credential,
        token: &Option<String>,
        write: bool,
    ) -> RequestBuilder {
        match token {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None if credential.uses_cookies() => {
                let builder = builder.credentials(RequestCredentials::Include);
                match xsrf_cookie().filter(|_| write) {
                    Some(copy) => builder.header("X-XSRF-TOKEN", &copy),
                    None => builder,
                }
            }
            None => builder,
        }
    }

    /// The `XSRF-TOKEN` cookie the platform set on this origin.
    fn xsrf_cookie() -> Option<String> {
        let cookies =
            js_sys::Reflect::get(&leptos::prelude::document(), &"cookie".into()).ok()?.as_string()?;
        let value = cookies.split(';').find_map(|pair| pair.trim().strip_prefix("XSRF-TOKEN="))?;
        Some(js_sys::decode_uri_component(value).ok().map_or_else(|| value.to_string(), String::from))
    }

    /// A whole answer; a 401 tells the credential that signed the request.
    async fn whole(
        response: Response,
        credential: &Credential,
        token: &Option<String>,
    ) -> Result<RawResponse, ApiError> {
        let retry_after = response.headers().get("Retry-After").and_then(|v| v.trim().parse().ok());
        let status = response.status();
        if status == 401 {
            credential.refused(token.as_deref());
        }
        let body = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(RawResponse { status, retry_after, body })
    }

    /// The same request, finished by the browser after the page is gone (fetch's `keepalive`).
    fn outliving_the_page(request: Request) -> Result<Request, ApiError> {
        let init = web_sys::RequestInit::new();
        // web-sys has no setter for it: the field is set on the plain object it is.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
        web_sys::Request::new_with_request_and_init(&request.into(), &init)
            .map(Request::from)
            .map_err(|_| ApiError::Network("the request could not be kept alive".into()))
    }

    /// Opens a long response (an event stream) and hands each piece of text to `on_text` as
    /// it arrives, until the server ends it, the connection drops or `stop` is aborted.
    /// A non-2xx answer is returned whole instead.
    pub async fn stream(
        base_url: &str,
        credential: &Credential,
        request: &RawRequest,
        stop: &web_sys::AbortSignal,
        on_text: &mut dyn FnMut(&str),
    ) -> Result<Option<RawResponse>, ApiError> {
        use wasm_bindgen::JsCast;
        let mut builder = Request::get(&format!("{base_url}{}", request.path))
            .header("Accept", "text/event-stream, application/problem+json")
            .abort_signal(Some(stop));
        let token = credential.token();
        builder = signed(builder, credential, &token, false);
        if let Some(id) = &request.last_event_id {
            builder = builder.header("Last-Event-ID", id);
        }
        let network = |e: String| ApiError::Network(e);
        let response = builder.send().await.map_err(|e| network(e.to_string()))?;
        if !response.ok() {
            return whole(response, credential, &token).await.map(Some);
        }
        let body = response.body().ok_or_else(|| network("the stream has no body".into()))?;
        let reader: web_sys::ReadableStreamDefaultReader =
            body.get_reader().dyn_into().map_err(|_| network("the stream cannot be read".into()))?;
        // Bytes are held back up to the last newline, which never splits a UTF-8 character.
        let mut pending: Vec<u8> = Vec::new();
        loop {
            let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
                .await
                .map_err(|e| network(format!("the stream dropped: {e:?}")))?;
            let done =
                js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
            if done {
                return Ok(None);
            }
            if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
                pending.extend(js_sys::Uint8Array::new(&value).to_vec());
            }
            if let Some(end) = pending.iter().rposition(|b| *b == b'\n') {
                let complete: Vec<u8> = pending.drain(..=end).collect();
                on_text(&String::from_utf8_lossy(&complete));
            }
        }
    }
}
