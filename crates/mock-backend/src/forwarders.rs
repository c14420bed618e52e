//! Event forwarders of one session. Secrets are kept here and never leave: every answer
//! carries `{"set": true}` where a credential is stored.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use event_center_contract::{
    problem_type, CreatedForwarder, Delivery, DeliveryStatus, FieldError, Forwarder, ForwarderConfig,
    ForwarderScope, ForwarderSpec, Gateway, GatewayStatus, Header, Problem, RotatedSecret, Secret,
    SourceKind, TestResult, WebhookAuth,
};

use crate::catalog::KINDS;
use crate::counted;
use crate::edits::{check_version, field, name_error};
use crate::rng::Rng;
use crate::router::Scenario;
use crate::store::{glob_match, StoredEvent};

/// The forwarders the generated deliveries went through: id, name, type, and the event
/// types each sends (none: every type).
pub const SEEDS: &[(&str, &str, &str, &[&str])] = &[
    (
        "fwd_slack_secops",
        "Slack #secops-alerts",
        "slack",
        &[
            "rotated-secret-failure",
            "dynamic-secret-failure",
            "certificate-expired",
            "auth-method-expired",
            "uid-rotation-failure",
            "multi-auth-failure",
            "gateway-inactive",
            "access_denied_blocked_ip",
            "suspicious_request",
        ],
    ),
    ("fwd_siem_webhook", "SIEM webhook", "webhook", &[]),
    (
        "fwd_oncall_email",
        "On-call email",
        "email",
        &[
            "certificate-pending-expiration",
            "certificate-expired",
            "auth-method-pending-expiration",
            "usage-report",
        ],
    ),
    ("fwd_servicenow", "ServiceNow incidents", "servicenow", &["rotated-secret-failure", "gateway-inactive"]),
];

fn seeded_spec(id: &str) -> ForwarderSpec {
    let (_, name, _, types) = SEEDS.iter().find(|s| s.0 == id).expect("a seeded forwarder");
    let event_types = if types.is_empty() {
        KINDS.iter().map(|k| k.name.to_string()).collect()
    } else {
        types.iter().map(|t| t.to_string()).collect()
    };
    let secret = |value: &str| Some(Secret::New(value.into()));
    let (config, gateway_id, run_every_hours, scope) = match id {
        "fwd_slack_secops" => (
            ForwarderConfig::Slack {
                webhook_url: secret("https://hooks.slack.com/services/T0EC/B0SECOPS/q8Zr2xYtV1"),
            },
            "gw_000",
            None,
            ForwarderScope::default(),
        ),
        "fwd_siem_webhook" => (
            ForwarderConfig::Webhook {
                url: "https://siem.example.com/ingest/event-center".into(),
                auth_type: WebhookAuth::Bearer,
                username: None,
                password: None,
                token: secret("siem-ingest-7f3a9c1e"),
                headers: vec![Header { name: "X-Source".into(), value: "event-center".into() }],
            },
            "gw_001",
            None,
            ForwarderScope::default(),
        ),
        "fwd_oncall_email" => (
            ForwarderConfig::Email { to: vec!["oncall@example.com".into(), "secops@example.com".into()] },
            "gw_000",
            Some(24),
            ForwarderScope { items: vec!["/prod/*".into()], ..Default::default() },
        ),
        _ => (
            ForwarderConfig::Servicenow {
                instance_url: "https://example.service-now.com".into(),
                username: "svc-event-center".into(),
                password: secret("sn-Ev3ntC3nter!"),
            },
            "gw_003",
            None,
            ForwarderScope::default(),
        ),
    };
    ForwarderSpec {
        name: name.to_string(),
        event_types,
        scope,
        gateway_id: gateway_id.into(),
        run_every_hours,
        config,
        enabled: true,
    }
}

struct Stored {
    /// With the real secrets; redacted on the way out.
    forwarder: Forwarder,
    signing_secret: Option<String>,
    /// For a forwarder made in this session, the events it delivers by sequence number: from
    /// each time it was enabled until it was disabled (`None` while it is). The seeded ones'
    /// deliveries are generated with the events.
    delivering: Vec<(u32, Option<u32>)>,
}

impl Stored {
    /// Whether this forwarder, made in this session, sends `event`.
    fn sends(&self, event: &StoredEvent) -> bool {
        let spec = &self.forwarder.spec;
        let while_enabled =
            self.delivering.iter().any(|(from, to)| event.seq >= *from && to.is_none_or(|to| event.seq < to));
        while_enabled && would_send(&spec.event_types, &spec.scope, event)
    }

    /// Its delivery of `event`: sent at once, failing for a `failing` share of events (their
    /// receiver refuses them, so they wait for a person to send them again).
    fn delivery(&self, event: &StoredEvent, failing: f64) -> Delivery {
        let id = &self.forwarder.id;
        let mut rng =
            Rng::new(u64::from(event.seq) ^ id.bytes().fold(0u64, |h, b| h.rotate_left(5) ^ u64::from(b)));
        let failed = rng.chance(failing);
        Delivery {
            id: format!("dlv_{:07}_{id}", event.seq),
            event_id: event.id(),
            forwarder_id: id.clone(),
            forwarder_name: self.forwarder.spec.name.clone(),
            forwarder_type: self.forwarder.spec.config.type_name().into(),
            attempt: 1,
            status: if failed { DeliveryStatus::Failed } else { DeliveryStatus::Succeeded },
            response_status: Some(if failed { 502 } else { 200 }),
            duration_ms: Some(40 + rng.below(400) as u32),
            attempted_at: Some(event.at),
            next_attempt_at: None,
        }
    }
}

/// Whether a forwarder of these event types and scope sends `event`.
pub fn would_send(event_types: &[String], scope: &ForwarderScope, event: &StoredEvent) -> bool {
    event_types.iter().any(|t| t == event.kind.name) && in_scope(scope, event)
}

/// The scope's list for the event's kind of object is empty, or has a path matching its source.
fn in_scope(scope: &ForwarderScope, event: &StoredEvent) -> bool {
    let paths = match event.source_kind {
        SourceKind::Item => &scope.items,
        SourceKind::AuthMethod => &scope.auth_methods,
        SourceKind::Target => &scope.targets,
        SourceKind::Gateway => &scope.gateways,
        _ => return true,
    };
    paths.is_empty() || paths.iter().any(|p| glob_match(p, &event.source))
}

pub struct Forwarders {
    stored: BTreeMap<String, Stored>,
    created: u32,
    /// Deliveries sent again this session, by id: they replace the generated ones.
    retried: HashMap<String, Delivery>,
    rng: Rng,
}

fn not_found(id: &str) -> Problem {
    Problem::new(404, "Not Found", format!("There is no forwarder {id}."))
}

/// Every secret replaced by "set".
fn redacted(stored: &Stored) -> Forwarder {
    let mut forwarder = stored.forwarder.clone();
    for (_, secret) in forwarder.spec.config.secrets_mut() {
        if secret.is_some() {
            *secret = Some(Secret::Kept);
        }
    }
    forwarder
}

/// `https://`, or `http://` to this machine (a receiver under development): localhost or
/// 127.0.0.1, then a port, a path or nothing, so `http://localhost.example.com` is not local.
fn web_url(url: &str) -> bool {
    let local = ["http://localhost", "http://127.0.0.1"].iter().any(|host| {
        let Some(rest) = url.strip_prefix(host) else { return false };
        let path = match rest.strip_prefix(':') {
            Some(port) => match port.trim_start_matches(|c: char| c.is_ascii_digit()) {
                path if path.len() == port.len() => return false,
                path => path,
            },
            None => rest,
        };
        path.is_empty() || path.starts_with('/')
    });
    (url.starts_with("https://") && url.len() > "https://".len()) || local
}

impl Forwarders {
    pub fn new(seed: u64, now: DateTime<Utc>) -> Forwarders {
        let stored = SEEDS
            .iter()
            .map(|(id, ..)| {
                let spec = seeded_spec(id);
                let webhook = matches!(spec.config, ForwarderConfig::Webhook { .. });
                let forwarder = Forwarder {
                    id: id.to_string(),
                    version: 1,
                    updated_at: now - Duration::days(40),
                    signing_secret_rotated_at: webhook.then(|| now - Duration::days(40)),
                    spec,
                };
                let signing_secret = webhook.then(|| "whsec_c2VlZGVkLXNpZ25pbmctc2VjcmV0".to_string());
                (id.to_string(), Stored { forwarder, signing_secret, delivering: Vec::new() })
            })
            .collect();
        Forwarders { stored, created: 0, retried: HashMap::new(), rng: Rng::new(seed ^ 0xf0f0) }
    }

    /// Names forwarder `id` `name`, unchecked: the long-names scenario's worst case.
    pub fn rename(&mut self, id: &str, name: String) {
        if let Some(stored) = self.stored.get_mut(id) {
            stored.forwarder.spec.name = name;
        }
    }

    pub fn list(&self) -> Vec<Forwarder> {
        self.stored.values().map(redacted).collect()
    }

    pub fn get(&self, id: &str) -> Result<Forwarder, Problem> {
        self.stored.get(id).map(redacted).ok_or_else(|| not_found(id))
    }

    pub fn create(
        &mut self,
        mut spec: ForwarderSpec,
        gateways: &[Gateway],
        now: DateTime<Utc>,
        next_seq: u32,
    ) -> Result<CreatedForwarder, Problem> {
        self.validate(&mut spec, None, gateways)?;
        self.created += 1;
        let id = format!("fwd_{:06}", self.created);
        let webhook = matches!(spec.config, ForwarderConfig::Webhook { .. });
        let forwarder = Forwarder {
            id: id.clone(),
            version: 1,
            updated_at: now,
            signing_secret_rotated_at: webhook.then_some(now),
            spec,
        };
        let signing_secret = webhook.then(|| self.new_signing_secret());
        let delivering = if forwarder.spec.enabled { vec![(next_seq, None)] } else { Vec::new() };
        self.stored
            .insert(id.clone(), Stored { forwarder, signing_secret: signing_secret.clone(), delivering });
        Ok(CreatedForwarder { forwarder: self.get(&id)?, signing_secret })
    }

    pub fn update(
        &mut self,
        id: &str,
        mut spec: ForwarderSpec,
        if_match: Option<&str>,
        gateways: &[Gateway],
        now: DateTime<Utc>,
        next_seq: u32,
    ) -> Result<Forwarder, Problem> {
        self.editable(id, if_match)?;
        self.validate(&mut spec, Some(id), gateways)?;
        let webhook = matches!(spec.config, ForwarderConfig::Webhook { .. });
        // A forwarder that becomes a webhook gets a signing secret; one that stops being one loses it.
        let becomes_webhook = webhook && self.stored[id].signing_secret.is_none();
        let new_secret = becomes_webhook.then(|| self.new_signing_secret());
        let stored = self.stored.get_mut(id).expect("found above");
        if !webhook {
            stored.signing_secret = None;
            stored.forwarder.signing_secret_rotated_at = None;
        } else if becomes_webhook {
            stored.signing_secret = new_secret;
            stored.forwarder.signing_secret_rotated_at = Some(now);
        }
        let made_here = !SEEDS.iter().any(|(seeded, ..)| *seeded == id);
        match (stored.forwarder.spec.enabled, spec.enabled) {
            (false, true) if made_here => stored.delivering.push((next_seq, None)),
            (true, false) => {
                if let Some((_, to @ None)) = stored.delivering.last_mut() {
                    *to = Some(next_seq);
                }
            }
            _ => {}
        }
        stored.forwarder.spec = spec;
        stored.forwarder.version += 1;
        stored.forwarder.updated_at = now;
        self.get(id)
    }

    pub fn delete(&mut self, id: &str, if_match: Option<&str>) -> Result<(), Problem> {
        self.editable(id, if_match)?;
        self.stored.remove(id);
        Ok(())
    }

    /// The forwarder an edit is about, if it has not changed since the version the edit is based on.
    fn editable(&self, id: &str, if_match: Option<&str>) -> Result<&Stored, Problem> {
        let stored = self.stored.get(id).ok_or_else(|| not_found(id))?;
        let what = format!("Forwarder \"{}\"", stored.forwarder.spec.name);
        check_version(if_match, stored.forwarder.version, &what).map(|()| stored)
    }

    /// Sends a sample event to the receiver, as the forwarder's gateway would.
    pub fn test(&mut self, id: &str, gateways: &[Gateway]) -> Result<TestResult, Problem> {
        let spec = self.stored.get(id).ok_or_else(|| not_found(id))?.forwarder.spec.clone();
        Ok(self.send_sample(&spec, gateways))
    }

    /// Sends a sample event with settings not saved yet, checked as a save would check them;
    /// credentials sent back as "set" are those of forwarder `id`.
    pub fn test_settings(
        &mut self,
        mut spec: ForwarderSpec,
        id: Option<&str>,
        gateways: &[Gateway],
    ) -> Result<TestResult, Problem> {
        self.validate(&mut spec, id, gateways)?;
        Ok(self.send_sample(&spec, gateways))
    }

    /// What a receiver made of a sample event; the URL picks the answer (`….invalid` does not
    /// resolve, `…/status/502` answers 502), so every outcome can be tried.
    fn send_sample(&mut self, spec: &ForwarderSpec, gateways: &[Gateway]) -> TestResult {
        let duration_ms = 40 + self.rng.below(400) as u32;
        let result = |delivered, response_status, message: String| TestResult {
            delivered,
            response_status,
            duration_ms,
            message,
        };
        if let Some(gateway) =
            gateways.iter().find(|g| g.id == spec.gateway_id && g.status == GatewayStatus::Inactive)
        {
            return result(false, None, format!("Gateway {} is inactive: nothing was sent.", gateway.name));
        }
        let url = match &spec.config {
            ForwarderConfig::Email { to } => {
                return result(
                    true,
                    None,
                    format!(
                        "The mail relay accepted the sample for {}.",
                        counted(to.len() as u32, "recipient", "recipients")
                    ),
                )
            }
            ForwarderConfig::Webhook { url, .. } => url.clone(),
            ForwarderConfig::Servicenow { instance_url, .. } => instance_url.clone(),
            ForwarderConfig::Slack { webhook_url } | ForwarderConfig::Teams { webhook_url } => {
                match webhook_url {
                    Some(Secret::New(url)) => url.clone(),
                    _ => String::new(),
                }
            }
        };
        let host = url.split("://").nth(1).unwrap_or("").split(['/', ':']).next().unwrap_or("");
        if host.ends_with(".invalid") {
            return result(false, None, format!("Could not resolve host {host}."));
        }
        if let Some(status) = url.split("/status/").nth(1).and_then(|s| s.get(..3)?.parse::<u16>().ok()) {
            return result(false, Some(status), format!("The receiver answered {status}."));
        }
        result(true, Some(200), "The receiver answered 200.".into())
    }

    /// A new signing secret for a webhook; the old one verifies for a day more.
    pub fn rotate(&mut self, id: &str, now: DateTime<Utc>) -> Result<RotatedSecret, Problem> {
        let secret = self.new_signing_secret();
        let stored = self.stored.get_mut(id).ok_or_else(|| not_found(id))?;
        if stored.signing_secret.is_none() {
            return Err(Problem::new(
                409,
                "Conflict",
                format!(
                    "Only webhooks sign their deliveries; \"{}\" has no signing secret.",
                    stored.forwarder.spec.name
                ),
            ));
        }
        stored.signing_secret = Some(secret.clone());
        stored.forwarder.signing_secret_rotated_at = Some(now);
        Ok(RotatedSecret { secret, previous_valid_until: now + Duration::hours(24) })
    }

    /// Every delivery of `event` as this session has it at `now`: the seeded forwarders'
    /// generated ones (as their retry queue has them, in the `scenario`), then those of
    /// forwarders made in this session (the scenario's share of them failed), each as last sent.
    pub fn deliveries_of(
        &self,
        event: &StoredEvent,
        scenario: &Scenario,
        now: DateTime<Utc>,
    ) -> Vec<Delivery> {
        let failing = scenario.delivery_failures;
        let made_here = self.stored.values().filter(|s| s.sends(event)).map(|s| s.delivery(event, failing));
        let seeded = event.deliveries(scenario.retry_queue_clock(now));
        seeded.into_iter().chain(made_here).map(|d| self.current(d)).collect()
    }

    /// A delivery as this session has it: sent again, or as first made.
    fn current(&self, delivery: Delivery) -> Delivery {
        self.retried.get(&delivery.id).cloned().unwrap_or(delivery)
    }

    /// Sends a failed delivery again; the receiver takes it this time.
    pub fn retry(&mut self, delivery: Delivery, now: DateTime<Utc>) -> Result<Delivery, Problem> {
        let delivery = self.current(delivery);
        let conflict =
            |detail: String| Err(Problem::new(409, "Conflict", detail).of_type(problem_type::NOT_RETRYABLE));
        match self.stored.get(&delivery.forwarder_id) {
            None => return conflict(format!("The forwarder {} was deleted.", delivery.forwarder_name)),
            Some(s) if !s.forwarder.spec.enabled => {
                return conflict(format!(
                    "\"{}\" is disabled; enable it to send again.",
                    s.forwarder.spec.name
                ))
            }
            Some(_) => {}
        }
        if delivery.status != DeliveryStatus::Failed {
            let state = if delivery.status == DeliveryStatus::Pending { "is pending" } else { "succeeded" };
            return conflict(format!("Only failed deliveries can be sent again; this one {state}."));
        }
        let sent = Delivery {
            attempt: delivery.attempt + 1,
            status: DeliveryStatus::Succeeded,
            response_status: Some(200),
            duration_ms: Some(60 + self.rng.below(300) as u32),
            attempted_at: Some(now),
            next_attempt_at: None,
            ..delivery
        };
        self.retried.insert(sent.id.clone(), sent.clone());
        Ok(sent)
    }

    fn new_signing_secret(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let body: String = (0..32).map(|_| ALPHABET[self.rng.below(ALPHABET.len())] as char).collect();
        format!("whsec_{body}")
    }

    /// Every problem with a forwarder, each on its field; a secret sent back as "set" takes
    /// the stored value, so what the client read can be saved again as it is.
    fn validate(
        &self,
        spec: &mut ForwarderSpec,
        id: Option<&str>,
        gateways: &[Gateway],
    ) -> Result<(), Problem> {
        let mut errors: Vec<FieldError> = name_error(&spec.name, |name| {
            let other = self.stored.values().find(|s| {
                Some(s.forwarder.id.as_str()) != id && s.forwarder.spec.name.eq_ignore_ascii_case(name)
            });
            other.map(|s| format!("forwarder {}", s.forwarder.id))
        })
        .into_iter()
        .collect();
        if spec.event_types.is_empty() {
            errors.push(field("eventTypes", "choose at least one event type"));
        }
        for (i, t) in spec.event_types.iter().enumerate() {
            if !KINDS.iter().any(|k| k.name == t) {
                errors.push(field(format!("eventTypes[{i}]"), format!("there is no event type \"{t}\"")));
            }
        }
        for (list, paths) in [
            ("items", &spec.scope.items),
            ("authMethods", &spec.scope.auth_methods),
            ("targets", &spec.scope.targets),
        ] {
            for (i, path) in paths.iter().enumerate() {
                if !path.starts_with('/') {
                    errors.push(field(
                        format!("scope.{list}[{i}]"),
                        "is a path starting with /, such as /prod/*",
                    ));
                }
            }
        }
        match gateways.iter().find(|g| g.id == spec.gateway_id) {
            None => errors.push(field("gatewayId", format!("there is no gateway \"{}\"", spec.gateway_id))),
            Some(g) if g.status == GatewayStatus::Inactive => errors.push(field(
                "gatewayId",
                format!("gateway {} is inactive; forwarders need a running gateway", g.name),
            )),
            Some(g) if !g.can_forward => errors.push(field(
                "gatewayId",
                format!("you have no access permission on gateway {}; ask an administrator for it", g.name),
            )),
            Some(_) => {}
        }
        if spec.run_every_hours.is_some_and(|h| !(1..=168).contains(&h)) {
            errors.push(field("runEveryHours", "is from 1 to 168 hours, or empty to send at once"));
        }
        self.keep_stored_secrets(spec, id, &mut errors);
        let mut config = Vec::new();
        config_errors(&spec.config, &mut config);
        // A secret that could not be kept has said so already.
        config.retain(|e| !errors.iter().any(|known| known.field == e.field));
        errors.extend(config);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Problem::validation(errors))
        }
    }

    fn keep_stored_secrets(&self, spec: &mut ForwarderSpec, id: Option<&str>, errors: &mut Vec<FieldError>) {
        let mut stored_config =
            id.and_then(|id| self.stored.get(id)).map(|s| s.forwarder.spec.config.clone());
        let stored_secrets: Vec<(&str, Option<Secret>)> = match stored_config.as_mut() {
            Some(c) if c.type_name() == spec.config.type_name() => {
                c.secrets_mut().into_iter().map(|(n, s)| (n, s.clone())).collect()
            }
            _ => vec![],
        };
        for (name, secret) in spec.config.secrets_mut() {
            if *secret == Some(Secret::Kept) {
                match stored_secrets.iter().find(|(n, _)| *n == name).and_then(|(_, s)| s.clone()) {
                    Some(value) => *secret = Some(value),
                    None => errors.push(field(format!("config.{name}"), "is not set yet; enter it")),
                }
            }
        }
    }
}

fn config_errors(config: &ForwarderConfig, errors: &mut Vec<FieldError>) {
    let mut fail = |name: &str, message: &str| errors.push(field(format!("config.{name}"), message));
    let is_set = |s: &Option<Secret>| matches!(s, Some(Secret::New(v)) if !v.trim().is_empty());
    match config {
        ForwarderConfig::Email { to } => {
            if to.is_empty() {
                fail("to", "add at least one address");
            }
            for (i, address) in to.iter().enumerate() {
                let valid = address.split_once('@').is_some_and(|(user, domain)| {
                    !user.is_empty() && domain.contains('.') && !domain.contains('@')
                });
                if !valid {
                    fail(&format!("to[{i}]"), "is not an email address");
                }
            }
        }
        ForwarderConfig::Webhook { url, auth_type, username, password, token, headers } => {
            if !web_url(url) {
                fail("url", "must start with https:// (http:// only to localhost)");
            }
            match auth_type {
                WebhookAuth::Basic => {
                    if username.as_deref().is_none_or(|u| u.trim().is_empty()) {
                        fail("username", "is required for basic authentication");
                    }
                    if !is_set(password) {
                        fail("password", "is required for basic authentication");
                    }
                }
                WebhookAuth::Bearer if !is_set(token) => {
                    fail("token", "is required for bearer authentication")
                }
                _ => {}
            }
            for (i, header) in headers.iter().enumerate() {
                let name = header.name.trim();
                if name.is_empty()
                    || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    fail(&format!("headers[{i}].name"), "is a header name such as X-Source");
                } else if name.eq_ignore_ascii_case("authorization") {
                    fail(
                        &format!("headers[{i}].name"),
                        "set authentication with authType, where it stays secret",
                    );
                }
            }
        }
        ForwarderConfig::Slack { webhook_url } => match webhook_url {
            Some(Secret::New(url)) if !url.starts_with("https://hooks.slack.com/") => {
                fail("webhookUrl", "is a Slack incoming webhook, https://hooks.slack.com/…")
            }
            _ if !is_set(webhook_url) => fail("webhookUrl", "is required"),
            _ => {}
        },
        ForwarderConfig::Teams { webhook_url } => match webhook_url {
            Some(Secret::New(url)) if !url.starts_with("https://") => {
                fail("webhookUrl", "must start with https://")
            }
            _ if !is_set(webhook_url) => fail("webhookUrl", "is required"),
            _ => {}
        },
        ForwarderConfig::Servicenow { instance_url, username, password } => {
            if !web_url(instance_url) {
                fail("instanceUrl", "must start with https://");
            }
            if username.trim().is_empty() {
                fail("username", "is required");
            }
            if !is_set(password) {
                fail("password", "is required");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn web_urls_are_https_or_plain_http_to_this_machine_only() {
        for good in ["https://x", "http://localhost", "http://localhost:8080/hook", "http://127.0.0.1/h"] {
            assert!(super::web_url(good), "{good}");
        }
        for bad in [
            "https://",
            "http://example.com",
            "http://localhost.example.com",
            "http://localhost:",
            "http://127.0.0.1:x",
        ] {
            assert!(!super::web_url(bad), "{bad}");
        }
    }
}
