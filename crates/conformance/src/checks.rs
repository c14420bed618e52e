//! The conformance run: requests a backend the way the console does and reports, per
//! operation, whether each answer keeps the contract.

use serde_json::Value;

use event_center_contract::capability::*;

use crate::Spec;

const ALL_CAPABILITIES: [&str; 9] = [
    EVENTS_READ,
    NOTIFICATIONS_READ,
    NOTIFICATIONS_WRITE,
    TRIGGERS_READ,
    TRIGGERS_WRITE,
    USAGE_REPORTS_READ,
    FORWARDERS_READ,
    FORWARDERS_WRITE,
    GATEWAYS_READ,
];

#[derive(Debug, PartialEq)]
pub struct Outcome {
    pub operation: &'static str,
    pub check: &'static str,
    /// `None` when the check passed, else what was wrong.
    pub failure: Option<String>,
}

struct Answer {
    status: u16,
    content_type: String,
    body: String,
}

struct Backend<'a> {
    base_url: String,
    token: &'a str,
    spec: &'a Spec,
    agent: ureq::Agent,
}

impl Backend<'_> {
    fn get(&self, path: &str, query: &str, token: Option<&str>) -> Result<Answer, String> {
        self.call("GET", path, query, token, None, None)
    }

    /// Any request; a body is sent as JSON.
    fn call(
        &self,
        method: &str,
        path: &str,
        query: &str,
        token: Option<&str>,
        body: Option<&str>,
        if_match: Option<&str>,
    ) -> Result<Answer, String> {
        let bearer = token.map(|token| format!("Bearer {token}"));
        self.send(method, path, query, &[("Authorization", bearer.as_deref()), ("If-Match", if_match)], body)
    }

    /// Any request with those of `headers` that have a value; a body is sent as JSON.
    fn send(
        &self,
        method: &str,
        path: &str,
        query: &str,
        headers: &[(&str, Option<&str>)],
        body: Option<&str>,
    ) -> Result<Answer, String> {
        let url = if query.is_empty() {
            format!("{}{path}", self.base_url)
        } else {
            format!("{}{path}?{query}", self.base_url)
        };
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("Accept", "application/json, application/problem+json");
        let present = headers.iter().filter_map(|(name, value)| Some((*name, (*value)?)));
        let request = present.fold(request, |request, (name, value)| request.header(name, value));
        let sent = match body {
            Some(body) => self.agent.run(
                request
                    .header("Content-Type", "application/json")
                    .body(body.to_string())
                    .map_err(|e| e.to_string())?,
            ),
            None => self.agent.run(request.body(()).map_err(|e| e.to_string())?),
        };
        let mut response = sent.map_err(|e| format!("{method} {url}: {e}"))?;
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("{method} {url}: reading the body: {e}"))?;
        Ok(Answer { status, content_type, body })
    }

    /// Every operation of the document, asked with no credential (its path parameters `x`, a
    /// write's body `{}`), must be a 401 problem: nothing is answered, or even looked up, for
    /// nobody.
    fn refuses_the_signed_out(&self) -> Result<(), String> {
        let wrong: Vec<String> = self
            .spec
            .operations()
            .into_iter()
            .filter_map(|(method, template)| {
                let method = method.to_uppercase();
                let path: Vec<&str> =
                    template.split('/').map(|part| if part.starts_with('{') { "x" } else { part }).collect();
                let path = path.join("/");
                let body = matches!(method.as_str(), "POST" | "PUT" | "PATCH").then_some("{}");
                let answer = match self.call(&method, &path, "", None, body, None) {
                    Ok(answer) => answer,
                    Err(e) => return Some(e),
                };
                if answer.status != 401 {
                    return Some(format!("{method} {template}: status {}, expected 401", answer.status));
                }
                let checked = self.spec.check(&method, &path, 401, &answer.content_type, &answer.body);
                checked.err().map(|e| format!("{method} {template}: {e}"))
            })
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong.join("; "))
        }
    }

    /// GET as the configured user; the answer must have `status` and conform to the document.
    fn expect(&self, path: &str, query: &str, token: Option<&str>, status: u16) -> Result<Value, String> {
        let answer = self.get(path, query, token)?;
        if answer.status != status {
            return Err(format!(
                "GET {path}?{query}: status {}, expected {status}: {}",
                answer.status,
                snippet(&answer.body)
            ));
        }
        self.spec.check("GET", path, answer.status, &answer.content_type, &answer.body)?;
        serde_json::from_str(&answer.body).map_err(|e| e.to_string())
    }

    /// The user's capabilities, as `/me` says them; all of them when it does not answer
    /// (the checks then run and say what fails).
    fn capabilities(&self) -> Vec<String> {
        let me = self.get("/me", "", Some(self.token)).ok().filter(|a| a.status == 200);
        let listed = me.and_then(|a| serde_json::from_str::<Value>(&a.body).ok()).and_then(|me| {
            me["capabilities"]
                .as_array()
                .map(|c| c.iter().filter_map(|c| c.as_str().map(String::from)).collect())
        });
        listed.unwrap_or_else(|| ALL_CAPABILITIES.iter().map(|c| c.to_string()).collect())
    }

    /// `method path?query` as the user, refused with a 403 problem that conforms.
    fn refused(&self, method: &str, path: &str, query: &str) -> Result<(), String> {
        let body = (method != "GET").then_some("{}");
        let answer = self.call(method, path, query, Some(self.token), body, None)?;
        if answer.status != 403 {
            return Err(format!(
                "{method} {path}?{query}: status {}, expected 403: {}",
                answer.status,
                snippet(&answer.body)
            ));
        }
        self.spec.check(method, path, answer.status, &answer.content_type, &answer.body)
    }

    /// A write as the user that must be answered with `status`, conforming; returns the body.
    fn write(
        &self,
        (method, path): (&str, &str),
        body: Option<&Value>,
        if_match: Option<&str>,
        status: u16,
    ) -> Result<Value, String> {
        let sent = body.map(Value::to_string);
        let answer = self.call(method, path, "", Some(self.token), sent.as_deref(), if_match)?;
        if answer.status != status {
            return Err(format!(
                "{method} {path}: status {}, expected {status}: {}",
                answer.status,
                snippet(&answer.body)
            ));
        }
        self.spec.check(method, path, answer.status, &answer.content_type, &answer.body)?;
        Ok(serde_json::from_str(&answer.body).unwrap_or(Value::Null))
    }

    /// A write refused with a 422 whose errors name `field`.
    fn invalid(&self, (method, path): (&str, &str), body: &Value, field: &str) -> Result<(), String> {
        let problem = self.write((method, path), Some(body), None, 422)?;
        let named = problem["errors"].as_array().into_iter().flatten().any(|e| e["field"] == field);
        named
            .then_some(())
            .ok_or_else(|| format!("{method} {path}: the 422 does not name {field}: {problem}"))
    }

    /// A write refused with a problem of this status and `type` (`version-changed`).
    fn refused_as(
        &self,
        (method, path): (&str, &str),
        body: Option<&Value>,
        if_match: Option<&str>,
        (status, problem_type): (u16, &str),
    ) -> Result<(), String> {
        let problem = self.write((method, path), body, if_match, status)?;
        let expected = format!("urn:event-center:problem:{problem_type}");
        (problem["type"] == expected.as_str()).then_some(()).ok_or_else(|| {
            format!("{method} {path}: a {status} of type {}, expected {expected}", problem["type"])
        })
    }

    fn events(&self, query: &str) -> Result<Vec<Value>, String> {
        let page = self.expect("/events", query, Some(self.token), 200)?;
        Ok(page["data"].as_array().cloned().unwrap_or_default())
    }
}

fn snippet(body: &str) -> String {
    body.chars().take(160).collect()
}

fn ids(events: &[Value]) -> Vec<String> {
    events.iter().map(|e| e["id"].as_str().unwrap_or_default().to_string()).collect()
}

/// Newest first: `createdAt desc` (RFC 3339 UTC strings of one format compare as times).
fn ordered(events: &[Value]) -> bool {
    events.windows(2).all(|w| w[0]["createdAt"].as_str() >= w[1]["createdAt"].as_str())
}

/// One check: it passes, or says what is wrong.
type Check<'a> = Box<dyn Fn() -> Result<(), String> + 'a>;

/// Runs every check against `base_url` (e.g. `http://127.0.0.1:8081/api/v1`) as the user of `token`.
pub fn run(spec: &Spec, base_url: &str, token: &str) -> Vec<Outcome> {
    let backend = Backend {
        base_url: base_url.trim_end_matches('/').to_string(),
        token,
        spec,
        agent: ureq::Agent::config_builder().http_status_as_error(false).build().into(),
    };
    let b = &backend;
    let checks: Vec<(&'static str, &'static str, Check)> = vec![
        (
            "getMe",
            "the user and capabilities conform",
            Box::new(|| b.expect("/me", "", Some(token), 200).map(drop)),
        ),
        ("getMe", "no token is a 401 problem", Box::new(|| b.expect("/me", "", None, 401).map(drop))),
        ("every operation", "signed out, each is a 401 problem", Box::new(|| b.refuses_the_signed_out())),
        (
            "listEventTypes",
            "the catalog conforms",
            Box::new(|| b.expect("/event-types", "", Some(token), 200).map(drop)),
        ),
        (
            "listEvents",
            "a page conforms and is newest first",
            Box::new(|| {
                let events = b.events("limit=50")?;
                if events.is_empty() {
                    return Err("the backend has no events to check".into());
                }
                ordered(&events).then_some(()).ok_or_else(|| "events are not in createdAt desc order".into())
            }),
        ),
        (
            "listEvents",
            "limit is honoured",
            Box::new(|| {
                let n = b.events("limit=7")?.len();
                (n <= 7).then_some(()).ok_or_else(|| format!("limit=7 gave {n} events"))
            }),
        ),
        ("listEvents", "paging is stable under inserts", Box::new(|| paging_is_stable(b))),
        (
            "listEvents",
            "severity filter is honoured",
            Box::new(|| {
                let wrong: Vec<_> = b
                    .events("severity=critical&limit=100")?
                    .into_iter()
                    .filter(|e| e["severity"] != "critical")
                    .collect();
                wrong
                    .is_empty()
                    .then_some(())
                    .ok_or_else(|| format!("severity=critical returned {:?}", ids(&wrong)))
            }),
        ),
        (
            "listEvents",
            "type filter is honoured",
            Box::new(|| {
                let sample = b.events("limit=1")?;
                let event_type = sample
                    .first()
                    .and_then(|e| e["type"].as_str())
                    .ok_or("no event to take a type from")?
                    .to_string();
                let events = b.events(&format!("type={event_type}&limit=100"))?;
                let wrong: Vec<_> = events.iter().filter(|e| e["type"] != event_type.as_str()).collect();
                if events.is_empty() || !wrong.is_empty() {
                    return Err(format!(
                        "type={event_type} returned {} events, {} of other types",
                        events.len(),
                        wrong.len()
                    ));
                }
                Ok(())
            }),
        ),
        (
            "listEvents",
            "date range is honoured",
            Box::new(|| {
                let events = b.events("limit=20")?;
                let Some(middle) = events.get(events.len() / 2).and_then(|e| e["createdAt"].as_str()) else {
                    return Err("no events to take a time from".into());
                };
                let after = b.events(&format!("from={middle}&limit=100"))?;
                let early: Vec<_> = after.iter().filter(|e| e["createdAt"].as_str() < Some(middle)).collect();
                early
                    .is_empty()
                    .then_some(())
                    .ok_or_else(|| format!("from={middle} returned {} earlier events", early.len()))
            }),
        ),
        (
            "listEvents",
            "invalid parameters are a 422 naming them",
            Box::new(|| {
                let problem = b.expect("/events", "limit=0", Some(token), 422)?;
                let named = problem["errors"].as_array().into_iter().flatten().any(|e| e["field"] == "limit");
                named.then_some(()).ok_or_else(|| format!("the 422 does not name limit: {problem}"))
            }),
        ),
        (
            "getEvent",
            "an event conforms and matches its list entry",
            Box::new(|| {
                let listed = b.events("limit=1")?;
                let first = listed.first().ok_or("no event to open")?;
                let id = first["id"].as_str().unwrap_or_default();
                let detail = b.expect(&format!("/events/{id}"), "", Some(token), 200)?;
                (detail["id"] == first["id"] && detail["message"] == first["message"])
                    .then_some(())
                    .ok_or_else(|| format!("GET /events/{id} differs from its list entry"))
            }),
        ),
        (
            "getEvent",
            "an unknown id is a 404 problem",
            Box::new(|| b.expect("/events/no-such-event-0000", "", Some(token), 404).map(drop)),
        ),
        (
            "getUnreadCounts",
            "the counts conform and add up",
            Box::new(|| {
                let c = b.expect("/notifications/unread-count", "", Some(token), 200)?;
                let part = |k: &str| c[k].as_u64().unwrap_or_default();
                (part("total") == part("info") + part("warning") + part("critical"))
                    .then_some(())
                    .ok_or_else(|| format!("the total is not the sum of the severities: {c}"))
            }),
        ),
        (
            "listNotifications",
            "a page conforms and is newest first",
            Box::new(|| {
                let page = b.expect("/notifications", "limit=50", Some(token), 200)?;
                let data = page["data"].as_array().cloned().unwrap_or_default();
                ordered(&data).then_some(()).ok_or_else(|| "notifications are not newest first".into())
            }),
        ),
        (
            "listNotifications",
            "unread=true lists only unread ones",
            Box::new(|| {
                let page = b.expect("/notifications", "unread=true&limit=100", Some(token), 200)?;
                let read: Vec<_> =
                    page["data"].as_array().into_iter().flatten().filter(|n| n["read"] != false).collect();
                read.is_empty()
                    .then_some(())
                    .ok_or_else(|| format!("{} read notifications listed", read.len()))
            }),
        ),
        (
            "listEvents",
            "read=false lists the events of unread notifications",
            Box::new(|| {
                let events = ids(&b.events("read=false&limit=50")?);
                // Read afterwards: notifications that arrive meanwhile only add to it.
                let page = b.expect("/notifications", "unread=true&limit=500", Some(token), 200)?;
                let notified: Vec<&str> = page["data"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|n| n["eventId"].as_str())
                    .collect();
                let stray: Vec<_> = events.iter().filter(|id| !notified.contains(&id.as_str())).collect();
                stray.is_empty().then_some(()).ok_or_else(|| format!("not unread notifications: {stray:?}"))
            }),
        ),
        (
            "streamEvents",
            "a resumed stream replays what came after, each notification just before its event",
            Box::new(|| stream_replays(b)),
        ),
        (
            "listGateways",
            "the gateways conform",
            Box::new(|| b.expect("/gateways", "", Some(token), 200).map(drop)),
        ),
        (
            "getNotificationSettings",
            "the settings conform",
            Box::new(|| b.expect("/notification-settings", "", Some(token), 200).map(drop)),
        ),
        (
            "listTriggers",
            "the triggers conform",
            Box::new(|| b.expect("/triggers", "", Some(token), 200).map(drop)),
        ),
        (
            "getTriggerAssignments",
            "the platform's assignments conform",
            Box::new(|| b.expect("/trigger-assignments", "scope=platform", Some(token), 200).map(drop)),
        ),
        (
            "listTriggerRuns",
            "the outcome filter is honoured",
            Box::new(|| {
                let page = b.expect("/trigger-runs", "outcome=failed&limit=50", Some(token), 200)?;
                let wrong: Vec<_> = page["data"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|r| r["outcome"] != "failed")
                    .collect();
                wrong
                    .is_empty()
                    .then_some(())
                    .ok_or_else(|| format!("outcome=failed returned {} other runs", wrong.len()))
            }),
        ),
        (
            "listForwarders",
            "the forwarders conform",
            Box::new(|| b.expect("/forwarders", "", Some(token), 200).map(drop)),
        ),
        (
            "createForwarder",
            "a credential is never echoed; test, rotate, edit, and a delete needs If-Match",
            Box::new(|| credentials_stay_secret(b)),
        ),
        (
            "markNotificationRead",
            "an unknown id is a 404; a read notification marked again stays read",
            Box::new(|| notification_read_again(b)),
        ),
        (
            "markAllNotificationsRead",
            "an unknown upTo and an unknown field are each a 422 naming it",
            Box::new(|| {
                let path = ("POST", "/notifications/read-all");
                b.invalid(path, &serde_json::json!({ "upTo": "no-such-notification-0000" }), "upTo")?;
                b.invalid(path, &serde_json::json!({ "upToo": null, "seenAt": "now" }), "seenAt")
            }),
        ),
        (
            "updateNotificationSettings",
            "the settings saved as read are answered as sent; an unknown field is a 422",
            Box::new(|| {
                let settings = b.expect("/notification-settings", "", Some(token), 200)?;
                let path = ("PUT", "/notification-settings");
                let saved = b.write(path, Some(&settings), None, 200)?;
                if saved != settings {
                    return Err(format!("saved {settings}, answered {saved}"));
                }
                let mut misspelt = settings.clone();
                misspelt["minSeverty"] = Value::from("critical");
                b.invalid(path, &misspelt, "minSeverty")
            }),
        ),
        (
            "createTrigger",
            "created, a stale edit refused, edited with its version, a delete needs If-Match",
            Box::new(|| own_trigger_lifecycle(b)),
        ),
        (
            "updateTriggerAssignments",
            "the platform's assignments saved as read: a stale version refused, then a new version",
            Box::new(|| {
                let read = b.expect("/trigger-assignments", "scope=platform", Some(token), 200)?;
                let version = read["version"].as_u64().unwrap_or_default();
                let path = ("PUT", "/trigger-assignments");
                let assignments = read["assignments"].clone();
                let stale = Some("999999");
                b.refused_as(path, Some(&assignments), stale, (409, "version-changed"))?;
                let saved = b.write(path, Some(&assignments), Some(&version.to_string()), 200)?;
                (saved["version"].as_u64() == Some(version + 1) && saved["assignments"] == assignments)
                    .then_some(())
                    .ok_or_else(|| format!("saved as version {}, expected {}", saved["version"], version + 1))
            }),
        ),
        (
            "previewForwarder",
            "the week's events of a type counted, with their forwarded body; an unknown type is a 422",
            Box::new(|| {
                let scope =
                    serde_json::json!({"items": [], "authMethods": [], "targets": [], "gateways": []});
                let path = ("POST", "/forwarder-previews");
                let none =
                    b.write(path, Some(&serde_json::json!({"eventTypes": [], "scope": scope})), None, 200)?;
                if none["matchedLastWeek"] != 0 {
                    return Err(format!("no event type matched {} events", none["matchedLastWeek"]));
                }
                let newest = b.events("limit=1")?;
                let newest_type = newest.first().map(|e| e["type"].clone()).ok_or("there are no events")?;
                let asked = serde_json::json!({"eventTypes": [newest_type], "scope": scope});
                let some = b.write(path, Some(&asked), None, 200)?;
                let body: Value = serde_json::from_str(some["body"].as_str().unwrap_or_default())
                    .map_err(|e| format!("the body is not JSON text: {e}"))?;
                let groups = body["Event_Center_Events"].as_object().map_or(0, |groups| groups.len());
                let matched = some["matchedLastWeek"].as_u64().ok_or("no matchedLastWeek")?;
                if (matched > 0) != (groups > 0) {
                    return Err(format!("{matched} events matched, {groups} groups in the body"));
                }
                b.invalid(
                    path,
                    &serde_json::json!({"eventTypes": ["no-such-type"], "scope": scope}),
                    "eventTypes[0]",
                )
            }),
        ),
        (
            "retryDelivery",
            "an unknown id is a 404; a delivery that did not fail is a 409 not-retryable",
            Box::new(|| {
                b.write(("POST", "/deliveries/no-such-delivery-0000/retry"), None, None, 404)?;
                let succeeded = some_delivery(b, "succeeded")?;
                let path = format!("/deliveries/{succeeded}/retry");
                b.refused_as(("POST", &path), None, None, (409, "not-retryable"))
            }),
        ),
        (
            "getUsageSummary",
            "the breakdowns add up to the totals",
            Box::new(|| {
                let summary = b.expect("/usage/summary", "", Some(token), 200)?;
                let sum = |list: &str, field: &str| -> u64 {
                    summary[list].as_array().into_iter().flatten().filter_map(|c| c[field].as_u64()).sum()
                };
                for (list, field, total) in [
                    ("requestsByAuthMethodType", "requests", "totalRequests"),
                    ("requestsBySecretType", "requests", "totalRequests"),
                    ("clientsByAuthMethodType", "clients", "totalClients"),
                    ("secretsByType", "secrets", "totalSecrets"),
                ] {
                    let (sum, total) =
                        (sum(list, field), summary["current"][total].as_u64().unwrap_or_default());
                    if sum != total {
                        return Err(format!("{list} adds up to {sum}, the total is {total}"));
                    }
                }
                Ok(())
            }),
        ),
        (
            "getUsageSummary",
            "a range older than 12 months is a 422 naming from",
            Box::new(|| {
                let problem = b.expect("/usage/summary", "from=2000-01-01T00:00:00Z", Some(token), 422)?;
                let named = problem["errors"].as_array().into_iter().flatten().any(|e| e["field"] == "from");
                named.then_some(()).ok_or_else(|| format!("the 422 does not name from: {problem}"))
            }),
        ),
        (
            "listTriggerScopes",
            "each overriding object's assignments read, and override only the event types its kind may",
            Box::new(|| {
                let kinds = b.expect("/trigger-scopes", "", Some(token), 200)?;
                for kind in kinds.as_array().into_iter().flatten() {
                    let overrides = kind["overrides"].as_array().cloned().unwrap_or_default();
                    for scope in kind["scopes"].as_array().into_iter().flatten() {
                        let scope = format!(
                            "{}:{}",
                            kind["kind"].as_str().unwrap_or_default(),
                            scope["id"].as_str().unwrap_or_default()
                        );
                        let query = format!("scope={scope}");
                        let read = b.expect("/trigger-assignments", &query, Some(token), 200)?;
                        let stray = read["assignments"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .find(|a| !overrides.contains(&a["event"]));
                        if let Some(stray) = stray {
                            return Err(format!(
                                "{scope} overrides {}, which its kind may not",
                                stray["event"]
                            ));
                        }
                    }
                }
                Ok(())
            }),
        ),
        (
            "listNotificationProfiles",
            "every notify action of the triggers names a listed profile",
            Box::new(|| {
                let profiles = b.expect("/notification-profiles", "", Some(token), 200)?;
                let known: Vec<&Value> =
                    profiles.as_array().into_iter().flatten().map(|p| &p["id"]).collect();
                let triggers = b.expect("/triggers", "", Some(token), 200)?;
                let named = triggers.as_array().into_iter().flatten().flat_map(|t| {
                    t["spec"]["actions"].as_array().into_iter().flatten().filter(|a| a["type"] == "notify")
                });
                match named.map(|a| &a["notificationProfile"]).find(|id| !known.contains(id)) {
                    Some(id) => {
                        Err(format!("a trigger notifies {id}, which GET /notification-profiles lacks"))
                    }
                    None => Ok(()),
                }
            }),
        ),
        (
            "getTrigger",
            "a trigger conforms and matches its list entry",
            Box::new(|| opens_as_listed(b, "/triggers").map(drop)),
        ),
        (
            "getForwarder",
            "a forwarder conforms and matches its list entry",
            Box::new(|| opens_as_listed(b, "/forwarders").map(drop)),
        ),
        (
            "listDeliveries",
            "the status filter and limit are honoured",
            Box::new(|| {
                let first = opens_as_listed(b, "/forwarders")?;
                let id = first["id"].as_str().unwrap_or_default();
                let page = b.expect(
                    &format!("/forwarders/{id}/deliveries"),
                    "status=failed&limit=5",
                    Some(token),
                    200,
                )?;
                let data = page["data"].as_array().cloned().unwrap_or_default();
                let wrong = data.iter().filter(|d| d["status"] != "failed" || d["forwarderId"] != id).count();
                (data.len() <= 5 && wrong == 0).then_some(()).ok_or_else(|| {
                    format!("{} deliveries, {wrong} not failed or not this forwarder's", data.len())
                })
            }),
        ),
        (
            "deliveryStats",
            "the last day by default; all time counts the log's failures",
            Box::new(|| delivery_stats_agree(b)),
        ),
        (
            "getUsageTimeseries",
            "one point per day of the range, adding up to the summary's total",
            Box::new(|| {
                // The summary's own range (its default, the last 30 days), day by day.
                let summary = b.expect("/usage/summary", "", Some(token), 200)?;
                let (from, to) = (summary["current"]["from"].clone(), summary["current"]["to"].clone());
                let query = format!(
                    "from={}&to={}&interval=day",
                    from.as_str().unwrap_or_default(),
                    to.as_str().unwrap_or_default()
                );
                let series = b.expect("/usage/timeseries", &query, Some(token), 200)?;
                let total: u64 = series["points"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p["requests"].as_u64())
                    .sum();
                let expected = summary["current"]["totalRequests"].as_u64().unwrap_or_default();
                (total == expected)
                    .then_some(())
                    .ok_or_else(|| format!("the daily points add up to {total}, the summary says {expected}"))
            }),
        ),
        (
            "getUsageTop",
            "limit is honoured, most first",
            Box::new(|| {
                let top = b.expect("/usage/top", "dimension=user&limit=3", Some(token), 200)?;
                let counts: Vec<u64> = top["entries"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e["requests"].as_u64())
                    .collect();
                (counts.len() <= 3 && counts.windows(2).all(|w| w[0] >= w[1]))
                    .then_some(())
                    .ok_or_else(|| format!("limit=3 gave {counts:?}"))
            }),
        ),
        (
            "getPasswordManagerUsage",
            "the password manager's report conforms",
            Box::new(|| b.expect("/usage/password-manager", "", Some(token), 200).map(drop)),
        ),
        (
            "exportUsage",
            "the analytics document conforms",
            Box::new(|| b.expect("/usage/export", "format=json", Some(token), 200).map(drop)),
        ),
        (
            "exportEvents",
            "a CSV export conforms",
            Box::new(|| {
                let answer = b.get("/events/export", "format=csv&severity=critical", Some(token))?;
                b.spec.check("GET", "/events/export", answer.status, &answer.content_type, &answer.body)
            }),
        ),
    ];
    // What the user may not do is checked as refused, once per request, instead of run.
    let capabilities = b.capabilities();
    let mut probed = Vec::new();
    checks
        .into_iter()
        .filter_map(|(operation, check, run)| match needs(operation, check) {
            Some((capability, method, path, query)) if !capabilities.iter().any(|c| c == capability) => {
                if probed.contains(&(method, path, query)) {
                    return None;
                }
                probed.push((method, path, query));
                let check = "without its capability, a 403 problem";
                Some(Outcome { operation, check, failure: b.refused(method, path, query).err() })
            }
            _ => Some(Outcome { operation, check, failure: run().err() }),
        })
        .collect()
}

/// The checks of a session signed in by the platform's cookie (`cookies`, as a `Cookie` header:
/// the session's and `XSRF-TOKEN`): it reads, and a write needs the XSRF cookie's copy in
/// `X-XSRF-TOKEN`, or it is a 403 problem. The write puts the user's notification settings back
/// as they are.
pub fn check_session(spec: &Spec, base_url: &str, cookies: &str) -> Vec<Outcome> {
    let backend = Backend {
        base_url: base_url.trim_end_matches('/').to_string(),
        token: "",
        spec,
        agent: ureq::Agent::config_builder().http_status_as_error(false).build().into(),
    };
    let xsrf =
        cookies.split(';').find_map(|pair| pair.trim().strip_prefix("XSRF-TOKEN=")).unwrap_or_default();
    let send =
        |method: &str, body: Option<&str>, copy: Option<&str>| -> Result<(u16, String, String), String> {
            let headers = [("Cookie", Some(cookies)), ("X-XSRF-TOKEN", copy)];
            let answer = backend.send(method, "/notification-settings", "", &headers, body)?;
            spec.check(method, "/notification-settings", answer.status, &answer.content_type, &answer.body)?;
            Ok((answer.status, answer.content_type, answer.body))
        };
    let expect = |what: &str, (status, _, body): (u16, String, String), expected: u16| {
        (status == expected)
            .then_some(body.clone())
            .ok_or_else(|| format!("{what}: status {status}, expected {expected}: {}", snippet(&body)))
    };
    let settings = send("GET", None, None).and_then(|answer| expect("GET, with the cookie", answer, 200));
    let write = |copy| {
        let settings = settings.clone()?;
        send("PUT", Some(&settings), copy)
    };
    vec![
        Outcome {
            operation: "getNotificationSettings",
            check: "signed in by the session cookie, a read is answered",
            failure: settings.clone().err(),
        },
        Outcome {
            operation: "updateNotificationSettings",
            check: "signed in by the session cookie, a write without X-XSRF-TOKEN is a 403 problem",
            failure: write(None).and_then(|answer| expect("PUT without X-XSRF-TOKEN", answer, 403)).err(),
        },
        Outcome {
            operation: "updateNotificationSettings",
            check: "with the XSRF cookie's copy in X-XSRF-TOKEN, it is saved",
            failure: write(Some(xsrf)).and_then(|answer| expect("PUT with X-XSRF-TOKEN", answer, 200)).err(),
        },
    ]
}

/// What a check needs of the user (a capability from `/me`), and the request that must be
/// refused with a 403 problem when the user lacks it; `None` for what every user may do.
fn needs(operation: &str, check: &str) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    if check.starts_with("read=false") {
        return Some((NOTIFICATIONS_READ, "GET", "/events", "read=false"));
    }
    Some(match operation {
        "getMe" | "every operation" => return None,
        "listEventTypes" => (EVENTS_READ, "GET", "/event-types", ""),
        "listEvents" | "getEvent" | "exportEvents" | "streamEvents" => {
            (EVENTS_READ, "GET", "/events", "limit=1")
        }
        "listNotifications" | "getUnreadCounts" | "getNotificationSettings" => {
            (NOTIFICATIONS_READ, "GET", "/notifications/unread-count", "")
        }
        "listGateways" => (GATEWAYS_READ, "GET", "/gateways", ""),
        "listTriggers"
        | "getTrigger"
        | "getTriggerAssignments"
        | "listTriggerRuns"
        | "listTriggerScopes"
        | "listNotificationProfiles" => (TRIGGERS_READ, "GET", "/triggers", ""),
        "listForwarders" | "getForwarder" | "listDeliveries" | "deliveryStats" | "previewForwarder" => {
            (FORWARDERS_READ, "GET", "/forwarders", "")
        }
        "createForwarder" | "retryDelivery" => (FORWARDERS_WRITE, "POST", "/forwarders", ""),
        "markNotificationRead" | "markAllNotificationsRead" => {
            (NOTIFICATIONS_READ, "GET", "/notifications/unread-count", "")
        }
        "updateNotificationSettings" => (NOTIFICATIONS_WRITE, "PUT", "/notification-settings", ""),
        "createTrigger" | "updateTriggerAssignments" => (TRIGGERS_WRITE, "POST", "/triggers", ""),
        _ if operation.contains("Usage") => (USAGE_REPORTS_READ, "GET", "/usage/summary", ""),
        _ => return None,
    })
}

/// Resuming after the 30th newest event replays the 29 newer ones at once, in order, each once;
/// the stream then goes on with newer events only (reading on for over a second, several of the
/// server's ticks, catches a second replay). The stream stays open, so reading stops then.
fn stream_replays(b: &Backend) -> Result<(), String> {
    use std::io::Read;
    use std::time::{Duration, Instant};
    let newest = ids(&b.events("limit=30")?);
    let [.., resume] = newest.as_slice() else { return Err("fewer than 30 events to resume from".into()) };
    let expected: Vec<String> = newest[..newest.len() - 1].iter().rev().cloned().collect();
    let url = format!("{}/events/stream", b.base_url);
    let mut response = b
        .agent
        .get(&url)
        .header("Accept", "text/event-stream")
        .header("Authorization", &format!("Bearer {}", b.token))
        .header("Last-Event-ID", resume)
        .config()
        .timeout_recv_body(Some(Duration::from_secs(5)))
        .build()
        .call()
        .map_err(|e| format!("GET {url}: {e}"))?;
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let status = response.status().as_u16();
    let mut reader = response.body_mut().as_reader();
    let (mut text, mut chunk) = (String::new(), [0u8; 4096]);
    let mut decoder = event_center_contract::sse::SseDecoder::default();
    let mut received: Vec<String> = Vec::new();
    // Each message's name and id: a notification comes just before its event.
    let mut messages: Vec<(String, Option<String>)> = Vec::new();
    let mut replay_done: Option<Instant> = None;
    while status == 200 && replay_done.is_none_or(|at| at.elapsed() < Duration::from_millis(1_200)) {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            // A quiet stream after the replay is fine: nothing new happened.
            Err(_) if replay_done.is_some() => break,
            Err(e) => {
                return Err(format!(
                    "the stream gave {} of {} events, then: {e}",
                    received.len(),
                    expected.len()
                ))
            }
        };
        if n == 0 {
            break;
        }
        let piece = String::from_utf8_lossy(&chunk[..n]).into_owned();
        for message in decoder.push(&piece) {
            if message.event == "event" {
                received.extend(message.id.clone());
            }
            messages.push((message.event, message.id));
        }
        text.push_str(&piece);
        if replay_done.is_none() && received.len() >= expected.len() {
            replay_done = Some(Instant::now());
        }
    }
    b.spec.check("GET", "/events/stream", status, &content_type, &text)?;
    if received.get(..expected.len()) != Some(expected.as_slice()) {
        let shown = &received[..received.len().min(expected.len())];
        return Err(format!("after {resume} the stream replayed {shown:?}, expected {expected:?} first"));
    }
    let alone = messages.windows(2).find(|pair| {
        pair[0].0 == "notification" && (pair[1].0.as_str(), &pair[1].1) != ("event", &pair[0].1)
    });
    if let Some(pair) = alone {
        return Err(format!(
            "the notification {:?} is not followed by its event but by {:?}",
            pair[0].1, pair[1]
        ));
    }
    let mut seen = std::collections::HashSet::new();
    match received.iter().find(|id| !seen.insert(*id)) {
        Some(twice) => Err(format!("after {resume} the stream sent {twice} twice: {received:?}")),
        None => Ok(()),
    }
}

/// Two pages read with a cursor, some time apart, equal the same stretch read afresh:
/// events that arrived in between must neither repeat nor hide an event.
fn paging_is_stable(b: &Backend) -> Result<(), String> {
    let first = b.expect("/events", "limit=10", Some(b.token), 200)?;
    let cursor = first["nextCursor"].as_str().ok_or("the first page of 10 has no nextCursor")?.to_string();
    std::thread::sleep(std::time::Duration::from_millis(1_200));
    let second = b.events(&format!("limit=10&cursor={cursor}"))?;
    let paged: Vec<String> = ids(first["data"].as_array().map(Vec::as_slice).unwrap_or_default())
        .into_iter()
        .chain(ids(&second))
        .collect();
    let fresh = ids(&b.events("limit=200")?);
    let start =
        fresh.iter().position(|id| *id == paged[0]).ok_or("the first page's newest event vanished")?;
    let expected: Vec<String> = fresh.into_iter().skip(start).take(paged.len()).collect();
    (paged == expected)
        .then_some(())
        .ok_or_else(|| format!("paged {paged:?}\nbut the list now reads {expected:?}"))
}

/// The first object of the list at `list` (`/triggers`), opened by its id: it must conform
/// and be the same as listed. Returns it.
fn opens_as_listed(b: &Backend, list: &str) -> Result<Value, String> {
    let listed = b.expect(list, "", Some(b.token), 200)?;
    let first =
        listed.as_array().and_then(|l| l.first()).cloned().ok_or(format!("nothing at {list} to open"))?;
    let path = format!("{list}/{}", first["id"].as_str().unwrap_or_default());
    let opened = b.expect(&path, "", Some(b.token), 200)?;
    (opened == first).then_some(first).ok_or_else(|| format!("GET {path} differs from its list entry"))
}

/// Settings not saved yet are checked as a save is (plain http to another machine is a 422
/// naming `config.url`) and, as they are, sent: the answer conforms and holds no credential.
fn unsaved_settings_tested(b: &Backend, spec: &Value, secret: &str) -> Result<(), String> {
    let path = ("POST", "/forwarder-tests");
    // Named apart from the forwarder the check made, as a new one would be.
    let mut spec = spec.clone();
    spec["name"] = Value::from(format!("{} (unsaved)", spec["name"].as_str().unwrap_or_default()));
    let mut plain_http = spec.clone();
    plain_http["config"]["url"] = Value::from("http://receiver.example.com/conformance");
    b.invalid(path, &plain_http, "config.url")?;
    let tested = b.write(path, Some(&spec), None, 200)?;
    if tested.to_string().contains(secret) {
        return Err("POST /forwarder-tests echoed the credential it was sent".into());
    }
    Ok(())
}

/// Creates a webhook forwarder with a credential only this run knows, reads it back every
/// way the contract offers, and deletes it: the credential must never come back.
fn credentials_stay_secret(b: &Backend) -> Result<(), String> {
    let gateways = b.expect("/gateways", "", Some(b.token), 200)?;
    let gateways = gateways.as_array().cloned().unwrap_or_default();
    let usable = gateways.iter().find(|g| g["status"] == "active" && g["canForward"] == true);
    let gateway = usable.or(gateways.first()).ok_or("no gateway to create a forwarder on")?["id"].clone();
    let events = b.events("limit=1")?;
    let event_type = events.first().map(|e| e["type"].clone()).ok_or("no event to take a type from")?;
    let stamp =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let secret = format!("conformance-secret-{stamp}");
    let spec = serde_json::json!({
        "name": format!("Conformance check {stamp}"),
        "eventTypes": [event_type],
        "scope": { "items": [], "authMethods": [], "targets": [], "gateways": [] },
        "gatewayId": gateway,
        "runEveryHours": null,
        "enabled": false,
        "config": { "type": "webhook", "url": "https://receiver.example.com/conformance", "authType": "basic",
                    "username": "conformance", "password": secret, "headers": [] },
    });
    if usable.is_none() {
        // This user may forward through no gateway: the backend must refuse one it cannot use.
        return b.invalid(("POST", "/forwarders"), &spec, "gatewayId");
    }
    let created = b.call("POST", "/forwarders", "", Some(b.token), Some(&spec.to_string()), None)?;
    if created.body.contains(&secret) {
        return Err("POST /forwarders echoed the credential it was sent".into());
    }
    if created.status != 201 {
        return Err(format!(
            "POST /forwarders: status {}, expected 201: {}",
            created.status,
            snippet(&created.body)
        ));
    }
    b.spec.check("POST", "/forwarders", created.status, &created.content_type, &created.body)?;
    unsaved_settings_tested(b, &spec, &secret)?;
    let forwarder: Value = serde_json::from_str(&created.body).map_err(|e| e.to_string())?;
    let path = format!("/forwarders/{}", forwarder["id"].as_str().unwrap_or_default());
    let mut echoed = Vec::new();
    for read in [path.as_str(), "/forwarders"] {
        if b.get(read, "", Some(b.token))?.body.contains(&secret) {
            echoed.push(format!("GET {read}"));
        }
    }
    // Then every write on it; it is deleted whatever they find.
    let writes = own_forwarder_writes(b, &path, &forwarder, &secret);
    let unversioned = b.call("DELETE", &path, "", Some(b.token), None, None)?;
    let version = b.expect(&path, "", Some(b.token), 200)?["version"].to_string();
    let deleted = b.call("DELETE", &path, "", Some(b.token), None, Some(&version))?;
    if !echoed.is_empty() {
        return Err(format!("the credential came back in {}", echoed.join(" and ")));
    }
    writes?;
    if unversioned.status != 428 {
        return Err(format!("DELETE {path} without If-Match: status {}, expected 428", unversioned.status));
    }
    (deleted.status == 204)
        .then_some(())
        .ok_or_else(|| format!("DELETE {path}: status {}, expected 204", deleted.status))
}

/// On the checker's own forwarder: a test send, a signing-secret rotation (a new secret, not
/// the first), a stale edit refused as `version-changed`, and an edit with its version taken.
fn own_forwarder_writes(b: &Backend, path: &str, forwarder: &Value, credential: &str) -> Result<(), String> {
    b.write(("POST", &format!("{path}/test")), None, None, 200)?;
    let rotated = b.write(("POST", &format!("{path}/rotate-secret")), None, None, 200)?;
    if rotated["secret"] == forwarder["signingSecret"] {
        return Err("rotate-secret gave the first signing secret again".into());
    }
    let mut spec = forwarder["spec"].clone();
    spec["name"] = Value::from(format!("{} (renamed)", spec["name"].as_str().unwrap_or_default()));
    b.refused_as(("PUT", path), Some(&spec), Some("999999"), (409, "version-changed"))?;
    let version = b.expect(path, "", Some(b.token), 200)?["version"].as_u64().unwrap_or_default();
    let saved = b.write(("PUT", path), Some(&spec), Some(&version.to_string()), 200)?;
    if saved.to_string().contains(credential) {
        return Err(format!("PUT {path} echoed the credential"));
    }
    (saved["version"].as_u64() == Some(version + 1) && saved["spec"]["name"] == spec["name"])
        .then_some(())
        .ok_or_else(|| format!("PUT {path} did not save the new name as version {}", version + 1))
}

/// An unknown notification is a 404; a notification already read, marked read again, is
/// answered read (the checker changes no read state: without a read one, that part is left).
fn notification_read_again(b: &Backend) -> Result<(), String> {
    b.write(("POST", "/notifications/no-such-notification-0000/read"), None, None, 404)?;
    let page = b.expect("/notifications", "limit=100", Some(b.token), 200)?;
    let Some(read) = page["data"].as_array().into_iter().flatten().find(|n| n["read"] == true) else {
        return Ok(());
    };
    let path = format!("/notifications/{}/read", read["id"].as_str().unwrap_or_default());
    let answer = b.write(("POST", &path), None, None, 200)?;
    (answer["id"] == read["id"] && answer["read"] == true)
        .then_some(())
        .ok_or_else(|| format!("POST {path} answered {answer}"))
}

/// The id of a delivery of this status, from any forwarder.
fn some_delivery(b: &Backend, status: &str) -> Result<String, String> {
    let forwarders = b.expect("/forwarders", "", Some(b.token), 200)?;
    for forwarder in forwarders.as_array().into_iter().flatten() {
        let path = format!("/forwarders/{}/deliveries", forwarder["id"].as_str().unwrap_or_default());
        let page = b.expect(&path, &format!("status={status}&limit=1"), Some(b.token), 200)?;
        if let Some(id) = page["data"][0]["id"].as_str() {
            return Ok(id.to_string());
        }
    }
    Err(format!("no forwarder has a {status} delivery"))
}

/// The first listed forwarder's stats: with only `to`, from a day before it; from the epoch,
/// as many failed as its log lists (read between two counts, as deliveries may fail meanwhile).
/// A log of over 20 pages of failures is not read to its end.
fn delivery_stats_agree(b: &Backend) -> Result<(), String> {
    let forwarder = opens_as_listed(b, "/forwarders")?;
    let id = forwarder["id"].as_str().unwrap_or_default();
    let path = format!("/forwarders/{id}/delivery-stats");
    let time =
        |stats: &Value, key: &str| event_center_contract::parse_time(stats[key].as_str().unwrap_or_default());
    let last_day = b.expect(&path, "", Some(b.token), 200)?;
    let to = last_day["to"].as_str().unwrap_or_default().to_string();
    let until = b.expect(&path, &format!("to={to}"), Some(b.token), 200)?;
    if until["to"] != last_day["to"] || (time(&until, "to")? - time(&until, "from")?).num_hours() != 24 {
        return Err(format!("with to={to}, the range counted is {} to {}", until["from"], until["to"]));
    }
    let all_time = "from=1970-01-01T00:00:00Z";
    let failed_before = b.expect(&path, all_time, Some(b.token), 200)?["failed"].as_u64().unwrap_or_default();
    let (mut listed, mut cursor) = (0, String::new());
    for _ in 0..20 {
        let page = b.expect(
            &format!("/forwarders/{id}/deliveries"),
            &format!("status=failed&limit=500&cursor={cursor}"),
            Some(b.token),
            200,
        )?;
        listed += page["data"].as_array().map_or(0, Vec::len) as u64;
        match page["nextCursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => {
                let failed_after =
                    b.expect(&path, all_time, Some(b.token), 200)?["failed"].as_u64().unwrap_or_default();
                return (failed_before..=failed_after).contains(&listed).then_some(()).ok_or_else(|| {
                    format!("the log lists {listed} failed deliveries, the stats count {failed_before} to {failed_after}")
                });
            }
        }
    }
    Ok(())
}

/// A disabled ignore trigger of the checker's own, on the first listed trigger's resource,
/// event and conditions (a scope runs it only when assigned, and it is not): created, a stale
/// edit refused as `version-changed`, renamed with its version, a delete without `If-Match`
/// a 428, deleted, then gone.
fn own_trigger_lifecycle(b: &Backend) -> Result<(), String> {
    let triggers = b.expect("/triggers", "", Some(b.token), 200)?;
    let model = triggers.as_array().and_then(|t| t.first()).ok_or("no trigger to take an event type from")?;
    let stamp =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut spec = model["spec"].clone();
    spec["name"] = Value::from(format!("Conformance check {stamp}"));
    spec["kind"] = Value::from("ignore");
    spec["actions"] = Value::Array(Vec::new());
    spec["enabled"] = Value::from(false);
    let created = b.write(("POST", "/triggers"), Some(&spec), None, 201)?;
    let path = format!("/triggers/{}", created["id"].as_str().unwrap_or_default());
    let version = created["version"].as_u64().unwrap_or_default();
    spec["name"] = Value::from(format!("Conformance check {stamp} (renamed)"));
    let edits = (|| {
        b.refused_as(("PUT", &path), Some(&spec), Some("999999"), (409, "version-changed"))?;
        let saved = b.write(("PUT", &path), Some(&spec), Some(&version.to_string()), 200)?;
        if saved["version"].as_u64() != Some(version + 1) || saved["spec"]["name"] != spec["name"] {
            return Err(format!("PUT {path} did not save the new name as version {}", version + 1));
        }
        b.refused_as(("DELETE", &path), None, None, (428, "version-required"))
    })();
    // Deleted whatever the edits found.
    let current = b.expect(&path, "", Some(b.token), 200)?["version"].to_string();
    b.write(("DELETE", &path), None, Some(&current), 204)?;
    edits?;
    b.expect(&path, "", Some(b.token), 404).map(drop)
}
