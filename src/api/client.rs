//! `Client`: one async method per operation of the contract, returning its typed answer or an
//! [`ApiError`]. Reads are retried on a dropped connection, a 5xx or a 429 (after `Retry-After`);
//! writes are sent once, with the version they were based on as `If-Match`.

use event_center_contract::sse::SseDecoder;
use event_center_contract::{
    CreatedForwarder, Delivery, DeliveryStats, DeliveryStatsQuery, DeliveryStatus, Dimension, Event,
    EventAssignment, EventDetail, EventQuery, EventType, Forwarder, ForwarderPreview, ForwarderSpec, Gateway,
    Interval, Me, Notification, NotificationArrived, NotificationProfile, NotificationSettings, Page,
    PasswordManagerReport, PreviewRequest, ReadAll, RotatedSecret, RunQuery, ScopeKind, TestResult, Trigger,
    TriggerAssignments, TriggerRun, TriggerSpec, UnreadCounts, UsageExport, UsageQuery, UsageSeries,
    UsageSummary, UsageTop,
};
use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::transport::{mock_unavailable, sleep_ms};
use super::{ApiError, RawRequest, RawResponse, Transport};

/// How reads are retried after a transient failure (network, 5xx, 429). Writes never are:
/// a failed write is shown to the user, who decides to send it again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    /// Wait before the second try; it doubles before each further one. A 429's `Retry-After` wins.
    pub first_delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { attempts: 3, first_delay_ms: 400 }
    }
}

/// How often the in-page mock's stream looks for new events.
const MOCK_STREAM_TICK_MS: u32 = 500;

/// The longest a retry waits, whatever `Retry-After` says: past this the user sees the error.
const MAX_DELAY_MS: u32 = 10_000;

#[derive(Clone)]
pub struct Client {
    transport: Transport,
    retry: RetryPolicy,
    /// The event-type catalog, once read: every screen asks for it, the session reads it once.
    event_types: Rc<RefCell<Option<Vec<EventType>>>>,
}

/// A message of the event stream.
pub enum Streamed {
    /// An event arrived, by its id: where the stream resumes. What it is, a screen asks for.
    Event(String),
    /// A notification for the user, with their unread counts.
    Notification(NotificationArrived),
}

impl Client {
    pub fn new(transport: Transport, retry: RetryPolicy) -> Client {
        Client { transport, retry, event_types: Rc::default() }
    }

    /// A real backend's base URL and the credential it is sent; `None` on the mock.
    pub fn http_backend(&self) -> Option<(&str, &super::Credential)> {
        match &self.transport {
            Transport::Http { base_url, credential } => Some((base_url, credential)),
            _ => None,
        }
    }

    /// `GET /me`
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get("/me", String::new()).await
    }

    /// `GET /event-types`, read once per client: a failure is not kept, so Retry reads again.
    pub async fn event_types(&self) -> Result<Vec<EventType>, ApiError> {
        if let Some(types) = self.event_types.borrow().clone() {
            return Ok(types);
        }
        let types: Vec<EventType> = self.get("/event-types", String::new()).await?;
        *self.event_types.borrow_mut() = Some(types.clone());
        Ok(types)
    }

    /// `GET /events`
    pub async fn events(&self, query: &EventQuery) -> Result<Page<Event>, ApiError> {
        self.get("/events", query.to_query_string()).await
    }

    /// `GET /events/{id}`
    pub async fn event(&self, id: &str) -> Result<EventDetail, ApiError> {
        self.get(&format!("/events/{}", path_segment(id)), String::new()).await
    }

    /// `GET /gateways`
    pub async fn gateways(&self) -> Result<Vec<Gateway>, ApiError> {
        self.get("/gateways", String::new()).await
    }

    /// `GET /notifications`: newest first; only the unread ones when `unread`.
    pub async fn notifications(
        &self,
        unread: bool,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Notification>, ApiError> {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("limit", &limit.to_string());
        if unread {
            query.append_pair("unread", "true");
        }
        if let Some(cursor) = cursor {
            query.append_pair("cursor", cursor);
        }
        self.get("/notifications", query.finish()).await
    }

    /// `GET /notifications/unread-count`
    pub async fn unread_counts(&self) -> Result<UnreadCounts, ApiError> {
        self.get("/notifications/unread-count", String::new()).await
    }

    /// `POST /notifications/{id}/read`
    pub async fn mark_read(&self, id: &str) -> Result<Notification, ApiError> {
        self.write("POST", &format!("/notifications/{}/read", path_segment(id)), &()).await
    }

    /// `POST /notifications/read-all`, up to and including `up_to` when given; with `keepalive`
    /// as the page closes, so that the request outlives it.
    pub async fn mark_all_read(
        &self,
        up_to: Option<String>,
        keepalive: bool,
    ) -> Result<UnreadCounts, ApiError> {
        let mut request = RawRequest::get("/notifications/read-all", String::new());
        request.method = "POST";
        request.body = json(&ReadAll { up_to });
        request.keepalive = keepalive;
        decode(&self.write_once(request).await?)
    }

    /// `GET /notification-settings`
    pub async fn notification_settings(&self) -> Result<NotificationSettings, ApiError> {
        self.get("/notification-settings", String::new()).await
    }

    /// `PUT /notification-settings`
    pub async fn save_notification_settings(
        &self,
        settings: &NotificationSettings,
    ) -> Result<NotificationSettings, ApiError> {
        self.write("PUT", "/notification-settings", settings).await
    }

    /// `GET /triggers`
    pub async fn triggers(&self) -> Result<Vec<Trigger>, ApiError> {
        self.get("/triggers", String::new()).await
    }

    /// `GET /triggers/{id}`
    pub async fn trigger(&self, id: &str) -> Result<Trigger, ApiError> {
        self.get(&format!("/triggers/{}", path_segment(id)), String::new()).await
    }

    /// `POST /triggers`
    pub async fn create_trigger(&self, spec: &TriggerSpec) -> Result<Trigger, ApiError> {
        self.write("POST", "/triggers", spec).await
    }

    /// `PUT /triggers/{id}`, refused with a 409 if the trigger changed since `version`.
    pub async fn update_trigger(
        &self,
        id: &str,
        spec: &TriggerSpec,
        version: u32,
    ) -> Result<Trigger, ApiError> {
        let path = format!("/triggers/{}", path_segment(id));
        decode(&self.send_once("PUT", &path, String::new(), json(spec), Some(version)).await?)
    }

    /// `DELETE /triggers/{id}`, refused with a 409 if it changed since `version` or runs somewhere.
    pub async fn delete_trigger(&self, id: &str, version: u32) -> Result<(), ApiError> {
        let path = format!("/triggers/{}", path_segment(id));
        self.send_once("DELETE", &path, String::new(), String::new(), Some(version)).await.map(drop)
    }

    /// `GET /trigger-assignments?scope=`
    pub async fn trigger_assignments(&self, scope: &str) -> Result<TriggerAssignments, ApiError> {
        self.get("/trigger-assignments", scope_query(scope)).await
    }

    /// `PUT /trigger-assignments?scope=`, refused with a 409 if they changed since `version`.
    pub async fn save_trigger_assignments(
        &self,
        scope: &str,
        assignments: &[EventAssignment],
        version: u32,
    ) -> Result<TriggerAssignments, ApiError> {
        let response = self.send_once(
            "PUT",
            "/trigger-assignments",
            scope_query(scope),
            json(&assignments),
            Some(version),
        );
        decode(&response.await?)
    }

    /// `GET /trigger-scopes`
    pub async fn trigger_scopes(&self) -> Result<Vec<ScopeKind>, ApiError> {
        self.get("/trigger-scopes", String::new()).await
    }

    /// `GET /notification-profiles`
    pub async fn notification_profiles(&self) -> Result<Vec<NotificationProfile>, ApiError> {
        self.get("/notification-profiles", String::new()).await
    }

    /// `GET /trigger-runs`
    pub async fn trigger_runs(&self, query: &RunQuery) -> Result<Page<TriggerRun>, ApiError> {
        self.get("/trigger-runs", query.to_query_string()).await
    }

    /// `GET /forwarders`
    pub async fn forwarders(&self) -> Result<Vec<Forwarder>, ApiError> {
        self.get("/forwarders", String::new()).await
    }

    /// `GET /forwarders/{id}`
    pub async fn forwarder(&self, id: &str) -> Result<Forwarder, ApiError> {
        self.get(&forwarder_path(id, ""), String::new()).await
    }

    /// `POST /forwarders`
    pub async fn create_forwarder(&self, spec: &ForwarderSpec) -> Result<CreatedForwarder, ApiError> {
        self.write("POST", "/forwarders", spec).await
    }

    /// `PUT /forwarders/{id}`, refused with a 409 if it changed since `version`. Credentials
    /// left as read (`Secret::Kept`) keep their stored values.
    pub async fn update_forwarder(
        &self,
        id: &str,
        spec: &ForwarderSpec,
        version: u32,
    ) -> Result<Forwarder, ApiError> {
        decode(
            &self.send_once("PUT", &forwarder_path(id, ""), String::new(), json(spec), Some(version)).await?,
        )
    }

    /// `DELETE /forwarders/{id}`, refused with a 409 if it changed since `version`.
    pub async fn delete_forwarder(&self, id: &str, version: u32) -> Result<(), ApiError> {
        self.send_once("DELETE", &forwarder_path(id, ""), String::new(), String::new(), Some(version))
            .await
            .map(drop)
    }

    /// `POST /forwarder-previews`: what a forwarder of these types and scope would send.
    pub async fn preview_forwarder(&self, asked: &PreviewRequest) -> Result<ForwarderPreview, ApiError> {
        self.write("POST", "/forwarder-previews", asked).await
    }

    /// `POST /forwarder-tests`: a sample event sent with settings not saved yet; `{"set": true}`
    /// credentials are those stored for `forwarder`.
    pub async fn test_forwarder_settings(
        &self,
        spec: &ForwarderSpec,
        forwarder: Option<&str>,
    ) -> Result<TestResult, ApiError> {
        let query = forwarder.map_or(String::new(), |id| {
            form_urlencoded::Serializer::new(String::new()).append_pair("forwarder", id).finish()
        });
        decode(&self.send_once("POST", "/forwarder-tests", query, json(spec), None).await?)
    }

    /// `POST /forwarders/{id}/test`
    pub async fn test_forwarder(&self, id: &str) -> Result<TestResult, ApiError> {
        self.write("POST", &forwarder_path(id, "/test"), &()).await
    }

    /// `POST /forwarders/{id}/rotate-secret`: the new signing secret, shown this once.
    pub async fn rotate_forwarder_secret(&self, id: &str) -> Result<RotatedSecret, ApiError> {
        self.write("POST", &forwarder_path(id, "/rotate-secret"), &()).await
    }

    /// `GET /forwarders/{id}/deliveries`, newest first; only those of `status` when given.
    pub async fn deliveries(
        &self,
        forwarder_id: &str,
        status: Option<DeliveryStatus>,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<Delivery>, ApiError> {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("limit", &limit.to_string());
        if let Some(status) = status {
            query.append_pair("status", status.as_str());
        }
        if let Some(cursor) = cursor {
            query.append_pair("cursor", cursor);
        }
        self.get(&forwarder_path(forwarder_id, "/deliveries"), query.finish()).await
    }

    /// `GET /forwarders/{id}/delivery-stats`: its deliveries by status, over the query's range
    /// of event times (the last day unless told otherwise).
    pub async fn delivery_stats(
        &self,
        forwarder_id: &str,
        query: &DeliveryStatsQuery,
    ) -> Result<DeliveryStats, ApiError> {
        self.get(&forwarder_path(forwarder_id, "/delivery-stats"), query.to_query_string()).await
    }

    /// `POST /deliveries/{id}/retry`
    pub async fn retry_delivery(&self, id: &str) -> Result<Delivery, ApiError> {
        self.write("POST", &format!("/deliveries/{}/retry", path_segment(id)), &()).await
    }

    /// `GET /events/export`: every event of the filter, as `json` or `csv` text.
    pub async fn export_events(&self, query: &EventQuery, format: &str) -> Result<String, ApiError> {
        let mut params = form_urlencoded::Serializer::new(query.to_query_string());
        params.append_pair("format", format);
        Ok(self.get_raw("/events/export", params.finish()).await?.body)
    }

    /// `GET /usage/summary`
    pub async fn usage_summary(&self, query: &UsageQuery) -> Result<UsageSummary, ApiError> {
        self.get("/usage/summary", query.to_query_string()).await
    }

    /// `GET /usage/timeseries`
    pub async fn usage_series(
        &self,
        query: &UsageQuery,
        interval: Interval,
    ) -> Result<UsageSeries, ApiError> {
        let interval = if interval == Interval::Hour { "hour" } else { "day" };
        let mut params = form_urlencoded::Serializer::new(query.to_query_string());
        self.get("/usage/timeseries", params.append_pair("interval", interval).finish()).await
    }

    /// `GET /usage/top`: the `limit` (at most 50) most active of `dimension`.
    pub async fn usage_top(
        &self,
        query: &UsageQuery,
        dimension: Dimension,
        limit: u32,
    ) -> Result<UsageTop, ApiError> {
        let mut params = form_urlencoded::Serializer::new(query.to_query_string());
        params.append_pair("dimension", dimension.as_str()).append_pair("limit", &limit.to_string());
        self.get("/usage/top", params.finish()).await
    }

    /// `GET /usage/password-manager`
    pub async fn usage_password_manager(
        &self,
        query: &UsageQuery,
    ) -> Result<PasswordManagerReport, ApiError> {
        self.get("/usage/password-manager", query.to_query_string()).await
    }

    /// `GET /usage/export?format=json`
    pub async fn usage_export(&self, query: &UsageQuery) -> Result<UsageExport, ApiError> {
        let mut params = form_urlencoded::Serializer::new(query.to_query_string());
        self.get("/usage/export", params.append_pair("format", "json").finish()).await
    }

    /// `GET /events/stream`: calls `on_message` for each message after `last_event_id` (from
    /// now on without it) until the stream ends, fails, or `stop` is aborted. An error means the
    /// stream is not available now, and the caller falls back to polling.
    pub async fn stream_events(
        &self,
        last_event_id: Option<String>,
        stop: &web_sys::AbortSignal,
        mut on_message: impl FnMut(Streamed),
    ) -> Result<(), ApiError> {
        let mut decoder = SseDecoder::default();
        let latest = std::cell::RefCell::new(None);
        let mut on_text = |text: &str| {
            for message in decoder.push(text) {
                match (message.event.as_str(), message.id) {
                    ("event", Some(id)) => {
                        *latest.borrow_mut() = Some(id.clone());
                        on_message(Streamed::Event(id));
                    }
                    ("notification", _) => {
                        if let Ok(arrived) = serde_json::from_str(&message.data) {
                            on_message(Streamed::Notification(arrived));
                        }
                    }
                    _ => {}
                }
            }
        };
        let mut request = RawRequest::get("/events/stream", String::new());
        request.last_event_id = last_event_id;
        match &self.transport {
            Transport::Http { base_url, credential } => {
                match super::transport::http::stream(base_url, credential, &request, stop, &mut on_text).await
                {
                    Ok(Some(refused)) => Err(ApiError::from_response(&refused)),
                    Ok(None) => Ok(()),
                    Err(_) if stop.aborted() => Ok(()),
                    Err(error) => Err(error),
                }
            }
            Transport::Unconfigured(_) => self.transport.send(&request).await.map(drop),
            // The in-page backend has no connection to hold open: it is asked for what is new
            // a few times a second, which is what a server's open stream would have pushed.
            Transport::Mock { backend, .. } => {
                if request.last_event_id.is_none() {
                    let backend = backend.get().await.map_err(mock_unavailable)?;
                    request.last_event_id = backend.dials().newest_event_id;
                }
                while !stop.aborted() {
                    let response = self.transport.send(&request).await?;
                    if response.status != 200 {
                        return Err(ApiError::from_response(&response));
                    }
                    on_text(&response.body);
                    if let Some(id) = latest.borrow_mut().take() {
                        request.last_event_id = Some(id);
                    }
                    sleep_ms(MOCK_STREAM_TICK_MS).await;
                }
                Ok(())
            }
        }
    }

    async fn write<T: DeserializeOwned>(
        &self,
        method: &'static str,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, ApiError> {
        decode(&self.send_once(method, path, String::new(), json(body), None).await?)
    }

    /// A write with a version (`If-Match`): the backend refuses it if the object changed since.
    async fn send_once(
        &self,
        method: &'static str,
        path: &str,
        query: String,
        body: String,
        version: Option<u32>,
    ) -> Result<RawResponse, ApiError> {
        let mut request = RawRequest::get(path, query);
        request.method = method;
        request.body = body;
        request.if_match = version.map(|v| v.to_string());
        self.write_once(request).await
    }

    /// A write is sent once, never retried: the user sees a failure and decides.
    async fn write_once(&self, request: RawRequest) -> Result<RawResponse, ApiError> {
        let response = self.transport.send(&request).await?;
        if (200..300).contains(&response.status) {
            Ok(response)
        } else {
            Err(ApiError::from_response(&response))
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str, query: String) -> Result<T, ApiError> {
        decode(&self.get_raw(path, query).await?)
    }

    /// A read's successful answer, after retrying transient failures.
    async fn get_raw(&self, path: &str, query: String) -> Result<RawResponse, ApiError> {
        let request = RawRequest::get(path, query);
        let mut delay_ms = self.retry.first_delay_ms;
        let mut attempt = 1;
        loop {
            let result = self.transport.send(&request).await.and_then(|r| {
                if (200..300).contains(&r.status) {
                    Ok(r)
                } else {
                    Err(ApiError::from_response(&r))
                }
            });
            match result {
                Err(error) if error.is_transient() && attempt < self.retry.attempts => {
                    let wait = match &error {
                        ApiError::RateLimited { retry_after_seconds: Some(s), .. } => s.saturating_mul(1000),
                        _ => delay_ms,
                    };
                    sleep_ms(wait.min(MAX_DELAY_MS)).await;
                    delay_ms = delay_ms.saturating_mul(2);
                    attempt += 1;
                }
                result => return result,
            }
        }
    }
}

fn decode<T: DeserializeOwned>(response: &RawResponse) -> Result<T, ApiError> {
    if !(200..300).contains(&response.status) {
        return Err(ApiError::from_response(response));
    }
    serde_json::from_str(&response.body).map_err(|e| ApiError::Unexpected {
        status: response.status,
        detail: format!("the response does not match the contract: {e}"),
    })
}

fn json(body: &impl Serialize) -> String {
    serde_json::to_string(body).expect("contract types serialize")
}

fn forwarder_path(id: &str, rest: &str) -> String {
    format!("/forwarders/{}{rest}", path_segment(id))
}

fn scope_query(scope: &str) -> String {
    form_urlencoded::Serializer::new(String::new()).append_pair("scope", scope).finish()
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so an id is one path segment.
fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use chrono::{DateTime, Utc};
    use event_center_contract::Severity;
    use event_center_mock::{Forced, MockBackend};
    use futures::executor::block_on;

    use super::*;
    use crate::api::Mock;

    /// A client of a fresh mock that retries reads at once (no waiting in tests).
    fn mock(token: &str) -> (Client, Rc<RefCell<MockBackend>>) {
        mock_with(token, RetryPolicy { attempts: 3, first_delay_ms: 0 })
    }

    fn mock_with(token: &str, retry: RetryPolicy) -> (Client, Rc<RefCell<MockBackend>>) {
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z").unwrap().with_timezone(&Utc);
        let backend = Rc::new(RefCell::new(MockBackend::new(9, 1_000, now)));
        let transport = Transport::Mock { backend: (backend.clone() as Mock).into(), token: token.into() };
        (Client::new(transport, retry), backend)
    }

    fn force(backend: &Rc<RefCell<MockBackend>>, status: u16) {
        backend.borrow_mut().force("listEvents", Some(Forced::Status(status))).unwrap();
    }

    #[test]
    fn the_event_type_catalog_is_read_once_per_session_and_a_failure_is_not_kept() {
        let (client, backend) = mock_with("admin", RetryPolicy { attempts: 1, first_delay_ms: 0 });
        backend.borrow_mut().force("listEventTypes", Some(Forced::Status(500))).unwrap();
        assert!(block_on(client.event_types()).is_err());
        backend.borrow_mut().force("listEventTypes", None).unwrap();
        let served = backend.borrow().requests_served();
        let first = block_on(client.event_types()).unwrap();
        assert_eq!(block_on(client.clone().event_types()).unwrap(), first);
        assert_eq!(
            backend.borrow().requests_served(),
            served + 1,
            "read once, for every clone of the client"
        );
    }

    #[test]
    fn reads_typed_data() {
        let (client, _) = mock("admin");
        let query =
            EventQuery { severities: vec![Severity::Critical], limit: Some(20), ..Default::default() };
        let page = block_on(client.events(&query)).unwrap();
        assert_eq!(page.data.len(), 20);
        assert!(page.data.iter().all(|e| e.severity == Severity::Critical));
        let detail = block_on(client.event(&page.data[0].id)).unwrap();
        assert_eq!(detail.event, page.data[0]);
        assert!(block_on(client.event_types()).unwrap().len() >= 30);
        assert_eq!(block_on(client.me()).unwrap().name, "Alice Nguyen");
        assert_eq!(block_on(client.gateways()).unwrap().len(), 4);
        let counts = block_on(client.unread_counts()).unwrap();
        let unread = block_on(client.notifications(true, 500, None)).unwrap();
        assert_eq!(counts.total as usize, unread.data.len());
    }

    #[test]
    fn each_status_becomes_its_own_error() {
        // One attempt: a 429's Retry-After would otherwise make the test wait.
        let (client, backend) = mock_with("admin", RetryPolicy { attempts: 1, first_delay_ms: 0 });
        let events = || block_on(client.events(&EventQuery::default())).unwrap_err();
        for (status, check) in [
            (401, (|e: &ApiError| matches!(e, ApiError::Unauthorized(_))) as fn(&ApiError) -> bool),
            (403, |e| matches!(e, ApiError::Forbidden(_))),
            (404, |e| matches!(e, ApiError::NotFound(_))),
            (409, |e| matches!(e, ApiError::Conflict(_))),
            (422, |e| matches!(e, ApiError::Invalid(p) if p.errors[0].field == "name")),
            (429, |e| matches!(e, ApiError::RateLimited { retry_after_seconds: Some(2), .. })),
            (500, |e| matches!(e, ApiError::Server(p) if p.status == 500)),
            (503, |e| matches!(e, ApiError::Server(p) if p.status == 503)),
        ] {
            force(&backend, status);
            let error = events();
            assert!(check(&error), "{status} gave {error:?}");
            assert_eq!(error.problem().map(|p| p.status), Some(status));
        }
        backend.borrow_mut().force("listEvents", Some(Forced::NetworkDown)).unwrap();
        assert!(matches!(events(), ApiError::Network(_)));
    }

    #[test]
    fn real_errors_carry_the_backends_problem_detail() {
        let (client, _) = mock("admin");
        let missing = block_on(client.event("evt_9999999")).unwrap_err();
        assert_eq!(missing.to_string(), "Not Found: There is no event evt_9999999.");
        let invalid =
            block_on(client.events(&EventQuery { limit: Some(9_000), ..Default::default() })).unwrap_err();
        assert_eq!(invalid.field_errors()[0].field, "limit");
        let (stranger, _) = mock("stranger");
        assert!(matches!(block_on(stranger.me()), Err(ApiError::Unauthorized(_))));
    }

    #[test]
    fn writes_are_sent_once_and_their_refusals_carry_field_errors() {
        let (client, backend) = mock("admin");
        let mut settings = block_on(client.notification_settings()).unwrap();
        settings.event_types.push("no-such-type".into());
        let refused = block_on(client.save_notification_settings(&settings)).unwrap_err();
        assert_eq!(refused.field_errors()[0].field, "eventTypes");
        backend.borrow_mut().force("markAllNotificationsRead", Some(Forced::Status(503))).unwrap();
        let before = backend.borrow().requests_served();
        assert!(matches!(block_on(client.mark_all_read(None, false)), Err(ApiError::Server(_))));
        assert_eq!(backend.borrow().requests_served() - before, 1, "a failed write is not retried");
        backend.borrow_mut().force("markAllNotificationsRead", None).unwrap();
        assert_eq!(block_on(client.mark_all_read(None, false)).unwrap().total, 0);
    }

    #[test]
    fn edits_carry_the_version_they_were_based_on() {
        let (client, _) = mock("admin");
        let trigger = block_on(client.trigger("trg_notify_expiring")).unwrap();
        let mut spec = trigger.spec.clone();
        spec.enabled = false;
        let saved = block_on(client.update_trigger(&trigger.id, &spec, trigger.version)).unwrap();
        assert_eq!(saved.version, trigger.version + 1);
        let stale = block_on(client.update_trigger(&trigger.id, &spec, trigger.version)).unwrap_err();
        assert!(matches!(stale, ApiError::Conflict(_)), "{stale:?}");
        assert!(matches!(
            block_on(client.delete_trigger(&trigger.id, saved.version)),
            Err(ApiError::Conflict(_))
        ));

        let scope = "group:grp_identity";
        let assignments = block_on(client.trigger_assignments(scope)).unwrap();
        let moved = EventAssignment {
            event: "certificate-expiring".into(),
            ignore_triggers: vec![],
            action_triggers: vec![],
        };
        let saved = block_on(client.save_trigger_assignments(scope, &[moved], assignments.version)).unwrap();
        assert_eq!((saved.scope.as_str(), saved.version), (scope, 1));

        spec.name = "A copy".into();
        let copy = block_on(client.create_trigger(&spec)).unwrap();
        block_on(client.delete_trigger(&copy.id, copy.version)).unwrap();
        assert!(matches!(block_on(client.trigger(&copy.id)), Err(ApiError::NotFound(_))));
        assert!(block_on(client.triggers()).unwrap().len() >= 9);
        let runs = block_on(client.trigger_runs(&RunQuery { limit: Some(5), ..Default::default() })).unwrap();
        assert_eq!(runs.data.len(), 5);
    }

    #[test]
    fn forwarders_keep_their_secrets_through_a_round_trip() {
        use event_center_contract::{ForwarderConfig, Secret};
        let (client, backend) = mock("admin");
        let forwarder = block_on(client.forwarder("fwd_servicenow")).unwrap();
        let ForwarderConfig::Servicenow { password, .. } = &forwarder.spec.config else {
            panic!("servicenow")
        };
        assert_eq!(password, &Some(Secret::Kept));
        let saved =
            block_on(client.update_forwarder(&forwarder.id, &forwarder.spec, forwarder.version)).unwrap();
        assert_eq!(saved.version, 2);
        assert!(block_on(client.test_forwarder(&saved.id)).unwrap().delivered);
        assert!(block_on(client.rotate_forwarder_secret("fwd_siem_webhook"))
            .unwrap()
            .secret
            .starts_with("whsec_"));
        let failed =
            block_on(client.deliveries("fwd_slack_secops", Some(DeliveryStatus::Failed), 5, None)).unwrap();
        let stats =
            block_on(client.delivery_stats("fwd_slack_secops", &DeliveryStatsQuery::default())).unwrap();
        assert_eq!(stats.to - stats.from, chrono::Duration::hours(24));
        let all_time = DeliveryStatsQuery { from: Some(chrono::DateTime::UNIX_EPOCH), to: None };
        let ever = block_on(client.delivery_stats("fwd_slack_secops", &all_time)).unwrap();
        assert!(ever.failed >= failed.data.len() as u32 && ever.failed >= stats.failed, "{ever:?} {stats:?}");
        let retried = block_on(client.retry_delivery(&failed.data[0].id)).unwrap();
        assert_eq!(retried.status, DeliveryStatus::Succeeded);
        backend.borrow_mut().force("retryDelivery", Some(event_center_mock::Forced::Status(503))).unwrap();
        let before = backend.borrow().requests_served();
        assert!(block_on(client.retry_delivery(&failed.data[1].id)).is_err());
        assert_eq!(backend.borrow().requests_served() - before, 1, "a failed retry is not retried silently");
        block_on(client.delete_forwarder(&saved.id, saved.version)).unwrap();
        assert_eq!(block_on(client.forwarders()).unwrap().len(), 3);
    }

    #[test]
    fn usage_reports_and_exports_are_typed_and_refused_without_the_capability() {
        let (client, _) = mock("admin");
        let query = UsageQuery { user: Some("svc-ci-runner".into()), ..Default::default() };
        let summary = block_on(client.usage_summary(&query)).unwrap();
        let series = block_on(client.usage_series(&query, Interval::Day)).unwrap();
        assert_eq!(series.points.iter().map(|p| p.requests).sum::<u64>(), summary.current.total_requests);
        let top = block_on(client.usage_top(&UsageQuery::default(), Dimension::Secret, 3)).unwrap();
        assert_eq!(top.entries.len(), 3);
        let export = block_on(client.usage_export(&query)).unwrap();
        assert_eq!(export.usage_reports.sm.total_clients, summary.current.total_clients);
        let passwords = block_on(client.usage_password_manager(&UsageQuery::default())).unwrap();
        assert_eq!(passwords.by_auth_type.len(), 4);
        let critical = EventQuery { severities: vec![Severity::Critical], ..Default::default() };
        let csv = block_on(client.export_events(&critical, "csv")).unwrap();
        assert!(csv.starts_with("id,createdAt,severity") && csv.contains(",critical,"), "{csv:.200}");
        assert!(matches!(block_on(client.export_events(&critical, "pdf")), Err(ApiError::Invalid(_))));
        let (ops, _) = mock("no-usage-reports");
        assert!(matches!(block_on(ops.usage_summary(&UsageQuery::default())), Err(ApiError::Forbidden(_))));
    }

    #[test]
    fn transient_failures_of_reads_are_retried_then_reported() {
        let (client, backend) = mock("admin");
        force(&backend, 500);
        let before = backend.borrow().requests_served();
        assert!(block_on(client.events(&EventQuery::default())).is_err());
        assert_eq!(backend.borrow().requests_served() - before, 3, "three attempts");

        force(&backend, 404);
        let before = backend.borrow().requests_served();
        assert!(block_on(client.events(&EventQuery::default())).is_err());
        assert_eq!(backend.borrow().requests_served() - before, 1, "a 404 is final");
    }

    #[test]
    fn ids_stay_one_path_segment() {
        assert_eq!(path_segment("evt_01"), "evt_01");
        assert_eq!(path_segment("../admin?x=1"), "..%2Fadmin%3Fx%3D1");
    }

    #[test]
    fn a_body_that_breaks_the_contract_is_reported_as_such() {
        let response = RawResponse { status: 200, retry_after: None, body: r#"{"data": 5}"#.into() };
        let error = decode::<Page<Event>>(&response).unwrap_err();
        assert!(error.to_string().contains("does not match the contract"), "{error}");
        let html = RawResponse { status: 502, retry_after: None, body: "<html>Bad gateway</html>".into() };
        assert!(matches!(ApiError::from_response(&html), ApiError::Server(p) if p.status == 502));
    }
}
