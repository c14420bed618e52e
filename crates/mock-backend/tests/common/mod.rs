//! What the mock's test files share: a fixed clock, a request in one call, and the reading of
//! its answer.
// Each test file is its own crate and uses only part of this.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use event_center_contract::Problem;
use event_center_mock::{MockBackend, Request, Response};

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

/// The moment the backends of these tests are made at.
pub fn now() -> DateTime<Utc> {
    at("2026-11-23T12:00:00Z")
}

/// A request as `token`'s persona; `path` may carry its query after `?`.
pub fn call_as(
    backend: &MockBackend,
    token: &str,
    method: &str,
    path: &str,
    body: &str,
    if_match: Option<&str>,
) -> Response {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    backend.handle(&Request { method, body, if_match, ..Request::get(path, query, Some(token)) })
}

/// A request as the admin.
pub fn call(backend: &MockBackend, method: &str, path: &str, body: &str, if_match: Option<&str>) -> Response {
    call_as(backend, "admin", method, path, body, if_match)
}

/// The body of a successful answer.
pub fn ok<T: serde::de::DeserializeOwned>(response: Response) -> T {
    assert!(response.status < 300, "{}: {}", response.status, response.body);
    serde_json::from_str(&response.body).unwrap()
}

/// The fields a 422 names.
pub fn fields(response: Response) -> Vec<String> {
    assert_eq!(response.status, 422, "{}", response.body);
    let problem: Problem = serde_json::from_str(&response.body).unwrap();
    problem.errors.into_iter().map(|e| e.field).collect()
}
