//! A forwarder as the wizard edits it: every field as typed, the step the user is on, and the
//! checks each step makes before the next. It is kept in this browser between reloads, without
//! its credentials, which never leave memory.

use event_center_contract::{
    Forwarder, ForwarderConfig, ForwarderScope, ForwarderSpec, Header, Secret, SourceKind, WebhookAuth,
};
use serde::{Deserialize, Serialize};

/// The wizard's steps, in order: their headings.
pub const STEPS: [&str; 6] = ["Type", "Events", "Scope", "Destination", "Delivery", "Review"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Email,
    #[default]
    Webhook,
    Slack,
    Teams,
    Servicenow,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Email, Kind::Webhook, Kind::Slack, Kind::Teams, Kind::Servicenow];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Email => "Email",
            Kind::Webhook => "Webhook",
            Kind::Slack => "Slack",
            Kind::Teams => "Microsoft Teams",
            Kind::Servicenow => "ServiceNow",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Webhook => "webhook",
            Kind::Slack => "slack",
            Kind::Teams => "teams",
            Kind::Servicenow => "servicenow",
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Kind::Email => "A message to one or more addresses.",
            Kind::Webhook => "A signed JSON POST to your receiver (a SIEM, a script).",
            Kind::Slack => "A message in a channel, through its incoming webhook.",
            Kind::Teams => "A card in a channel, through its incoming webhook.",
            Kind::Servicenow => "An incident in your ServiceNow instance.",
        }
    }

    pub fn of(config: &ForwarderConfig) -> Kind {
        Kind::ALL.into_iter().find(|k| k.key() == config.type_name()).unwrap_or_default()
    }
}

/// Paths with `*`, one per line, per kind of object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeText {
    pub items: String,
    pub auth_methods: String,
    pub targets: String,
    pub gateways: String,
}

/// The scope's path lists (gateways are named, not paths): their contract field and label.
const PATH_SCOPES: [(&str, &str); 3] =
    [("items", "Items"), ("authMethods", "Auth methods"), ("targets", "Targets")];

impl ScopeText {
    pub fn get(&self, field: &str) -> &String {
        match field {
            "items" => &self.items,
            "authMethods" => &self.auth_methods,
            "targets" => &self.targets,
            _ => &self.gateways,
        }
    }

    pub fn get_mut(&mut self, field: &str) -> &mut String {
        match field {
            "items" => &mut self.items,
            "authMethods" => &mut self.auth_methods,
            "targets" => &mut self.targets,
            _ => &mut self.gateways,
        }
    }

    pub fn to_scope(&self) -> ForwarderScope {
        ForwarderScope {
            items: lines(&self.items),
            auth_methods: lines(&self.auth_methods),
            targets: lines(&self.targets),
            gateways: lines(&self.gateways),
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    text.split(['\n', ',']).map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// The credentials being entered. Never stored: a draft read back after a reload has none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    pub password: Option<Secret>,
    pub token: Option<Secret>,
    pub webhook_url: Option<Secret>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The step shown, from 0.
    pub step: usize,
    pub kind: Kind,
    pub name: String,
    pub event_types: Vec<String>,
    pub scope: ScopeText,
    /// Email recipients, one per line or separated by commas.
    pub to: String,
    pub url: String,
    /// Plain `http://` for a receiver on this machine, chosen knowingly.
    pub allow_http: bool,
    pub auth: WebhookAuth,
    pub username: String,
    pub headers: Vec<Header>,
    pub instance_url: String,
    pub gateway_id: String,
    /// `None`: each event as it happens.
    pub run_every_hours: Option<u32>,
    pub enabled: bool,
    /// The version an edit started from, sent back so a change made meanwhile is refused.
    pub base_version: Option<u32>,
    #[serde(skip)]
    pub credentials: Credentials,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            step: 0,
            kind: Kind::default(),
            name: String::new(),
            event_types: Vec::new(),
            scope: ScopeText::default(),
            to: String::new(),
            url: String::new(),
            allow_http: false,
            auth: WebhookAuth::None,
            username: String::new(),
            headers: Vec::new(),
            instance_url: String::new(),
            gateway_id: String::new(),
            run_every_hours: None,
            enabled: true,
            base_version: None,
            credentials: Credentials::default(),
        }
    }
}

/// What "Forward events like this" and the table's forwarder button start a wizard with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub event_types: Vec<String>,
    /// The kind of object `source` is, which says which scope list it goes in.
    pub source_kind: Option<SourceKind>,
    pub source: String,
}

impl Prefill {
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for t in &self.event_types {
            out.append_pair("type", t);
        }
        if let (Some(kind), false) = (self.source_kind, self.source.is_empty()) {
            out.append_pair("kind", kind.as_str()).append_pair("scope", &self.source);
        }
        out.finish()
    }

    pub fn from_query(query: &str) -> Prefill {
        let mut prefill = Prefill::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "type" => prefill.event_types.push(value.into_owned()),
                "kind" => prefill.source_kind = SourceKind::parse(&value),
                "scope" => prefill.source = value.into_owned(),
                _ => {}
            }
        }
        prefill
    }

    /// A new forwarder's draft with these types and this object in its kind's scope list.
    pub fn to_draft(&self) -> Draft {
        let mut draft = Draft { event_types: self.event_types.clone(), ..Draft::default() };
        let list = match self.source_kind {
            Some(SourceKind::Item) => Some("items"),
            Some(SourceKind::AuthMethod) => Some("authMethods"),
            Some(SourceKind::Target) => Some("targets"),
            Some(SourceKind::Gateway) => Some("gateways"),
            _ => None,
        };
        if let Some(list) = list {
            *draft.scope.get_mut(list) = self.source.clone();
        }
        draft
    }
}

impl Draft {
    /// An edit of a stored forwarder: its credentials read as "set".
    pub fn of(forwarder: &Forwarder) -> Draft {
        let spec = &forwarder.spec;
        let join = |paths: &[String]| paths.join("\n");
        let mut draft = Draft {
            kind: Kind::of(&spec.config),
            name: spec.name.clone(),
            event_types: spec.event_types.clone(),
            scope: ScopeText {
                items: join(&spec.scope.items),
                auth_methods: join(&spec.scope.auth_methods),
                targets: join(&spec.scope.targets),
                gateways: join(&spec.scope.gateways),
            },
            gateway_id: spec.gateway_id.clone(),
            run_every_hours: spec.run_every_hours,
            enabled: spec.enabled,
            base_version: Some(forwarder.version),
            ..Draft::default()
        };
        match spec.config.clone() {
            ForwarderConfig::Email { to } => draft.to = to.join("\n"),
            ForwarderConfig::Webhook { url, auth_type, username, password, token, headers } => {
                draft.url = url;
                draft.allow_http = draft.url.starts_with("http://");
                draft.auth = auth_type;
                draft.username = username.unwrap_or_default();
                draft.headers = headers;
                draft.credentials.password = password;
                draft.credentials.token = token;
            }
            ForwarderConfig::Slack { webhook_url } | ForwarderConfig::Teams { webhook_url } => {
                draft.credentials.webhook_url = webhook_url
            }
            ForwarderConfig::Servicenow { instance_url, username, password } => {
                draft.instance_url = instance_url;
                draft.username = username;
                draft.credentials.password = password;
            }
        }
        draft
    }

    pub fn to_spec(&self) -> ForwarderSpec {
        let trimmed = |s: &str| s.trim().to_string();
        let secret = |s: &Option<Secret>| s.clone();
        let config = match self.kind {
            Kind::Email => ForwarderConfig::Email { to: lines(&self.to) },
            Kind::Webhook => ForwarderConfig::Webhook {
                url: trimmed(&self.url),
                auth_type: self.auth,
                username: (self.auth == WebhookAuth::Basic).then(|| trimmed(&self.username)),
                password: if self.auth == WebhookAuth::Basic {
                    secret(&self.credentials.password)
                } else {
                    None
                },
                token: if self.auth == WebhookAuth::Bearer { secret(&self.credentials.token) } else { None },
                headers: self.headers.iter().filter(|h| !h.name.trim().is_empty()).cloned().collect(),
            },
            Kind::Slack => ForwarderConfig::Slack { webhook_url: secret(&self.credentials.webhook_url) },
            Kind::Teams => ForwarderConfig::Teams { webhook_url: secret(&self.credentials.webhook_url) },
            Kind::Servicenow => ForwarderConfig::Servicenow {
                instance_url: trimmed(&self.instance_url),
                username: trimmed(&self.username),
                password: secret(&self.credentials.password),
            },
        };
        ForwarderSpec {
            name: trimmed(&self.name),
            event_types: self.event_types.clone(),
            scope: self.scope.to_scope(),
            gateway_id: self.gateway_id.clone(),
            run_every_hours: self.run_every_hours,
            config,
            enabled: self.enabled,
        }
    }

    /// What must change before leaving `step`, each on its contract field.
    pub fn problems(&self, step: usize) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut problem = |field: &str, message: &str| out.push((field.to_string(), message.to_string()));
        match step {
            0 if self.name.trim().is_empty() => problem("name", "Give the forwarder a name."),
            1 if self.event_types.is_empty() => problem("eventTypes", "Choose at least one event type."),
            2 => {
                for (field, label) in PATH_SCOPES {
                    for (i, path) in lines(self.scope.get(field)).iter().enumerate() {
                        if !path.starts_with('/') {
                            let message = format!("{label}: \"{path}\" is not a path; paths start with /.");
                            problem(&format!("scope.{field}[{i}]"), &message);
                        }
                    }
                }
            }
            3 => self.destination_problems(&mut problem),
            4 if self.gateway_id.is_empty() => problem("gatewayId", "Choose the gateway that delivers."),
            4 if self.run_every_hours.is_some_and(|h| !(1..=168).contains(&h)) => {
                problem("runEveryHours", "Every 1 to 168 hours.")
            }
            _ => {}
        }
        out
    }

    fn destination_problems(&self, problem: &mut impl FnMut(&str, &str)) {
        let missing = |secret: &Option<Secret>| match secret {
            None => true,
            Some(Secret::New(value)) => value.trim().is_empty(),
            Some(Secret::Kept) => false,
        };
        match self.kind {
            Kind::Email => {
                let to = lines(&self.to);
                if to.is_empty() {
                    problem("config.to", "Enter at least one address.");
                }
                if let Some((i, bad)) = to.iter().enumerate().find(|(_, a)| !is_address(a)) {
                    problem(&format!("config.to[{i}]"), &format!("\"{bad}\" is not an email address."));
                }
            }
            Kind::Webhook => {
                if let Some(message) = url_problem(&self.url, self.allow_http) {
                    problem("config.url", &message);
                }
                match self.auth {
                    WebhookAuth::Basic if self.username.trim().is_empty() => {
                        problem("config.username", "Enter the user name.")
                    }
                    WebhookAuth::Basic if missing(&self.credentials.password) => {
                        problem("config.password", "Enter the password.")
                    }
                    WebhookAuth::Bearer if missing(&self.credentials.token) => {
                        problem("config.token", "Enter the token.")
                    }
                    _ => {}
                }
            }
            Kind::Slack | Kind::Teams => {
                if let Some(Secret::New(url)) = &self.credentials.webhook_url {
                    if let Some(message) = url_problem(url, false) {
                        problem("config.webhookUrl", &message);
                    }
                } else if missing(&self.credentials.webhook_url) {
                    problem("config.webhookUrl", "Enter the channel's incoming webhook URL.");
                }
            }
            Kind::Servicenow => {
                if let Some(message) = url_problem(&self.instance_url, false) {
                    problem("config.instanceUrl", &message);
                }
                if self.username.trim().is_empty() {
                    problem("config.username", "Enter the user name.");
                }
                if missing(&self.credentials.password) {
                    problem("config.password", "Enter the password.");
                }
            }
        }
    }
}

fn is_address(address: &str) -> bool {
    matches!(address.split_once('@'), Some((user, host)) if !user.is_empty() && host.contains('.') && !address.contains(' '))
}

/// `https://`, or plain `http://` to this machine when the user allowed it.
fn url_problem(url: &str, allow_http: bool) -> Option<String> {
    let url = url.trim();
    let local = ["http://localhost", "http://127.0.0.1"].iter().any(|host| url.starts_with(host));
    if url.is_empty() {
        Some("Enter the URL.".into())
    } else if (url.starts_with("https://") && url.len() > "https://".len()) || (allow_http && local) {
        None
    } else if url.starts_with("http://") && allow_http {
        Some("Plain http is allowed only to this machine (localhost or 127.0.0.1).".into())
    } else if url.starts_with("http://") {
        Some("Use https://, or allow plain http for a receiver on this machine.".into())
    } else {
        Some("Enter a URL starting with https://.".into())
    }
}

/// The step that shows `field`, for a problem the backend found.
pub fn step_of(field: &str) -> usize {
    match field.split(['.', '[']).next().unwrap_or_default() {
        "name" => 0,
        "eventTypes" => 1,
        "scope" => 2,
        "config" => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn webhook() -> Draft {
        Draft {
            name: "SIEM".into(),
            event_types: vec!["certificate-expired".into()],
            url: "https://siem.example.com/in".into(),
            auth: WebhookAuth::Bearer,
            gateway_id: "gw_000".into(),
            credentials: Credentials { token: Some(Secret::New("t0k".into())), ..Credentials::default() },
            ..Draft::default()
        }
    }

    #[test]
    fn each_step_says_what_must_change_on_its_field() {
        assert!((0..6).all(|step| webhook().problems(step).is_empty()));
        let empty = Draft::default();
        assert_eq!(empty.problems(0)[0].0, "name");
        assert_eq!(empty.problems(1)[0].0, "eventTypes");
        let draft =
            Draft { scope: ScopeText { items: "/prod/*\nprod".into(), ..ScopeText::default() }, ..webhook() };
        assert_eq!(draft.problems(2)[0].0, "scope.items[1]");
        let http = Draft { url: "http://localhost:9000/hook".into(), ..webhook() };
        assert!(http.problems(3)[0].1.contains("allow plain http"));
        assert!(Draft { allow_http: true, ..http.clone() }.problems(3).is_empty());
        let remote = Draft { url: "http://siem.example.com".into(), allow_http: true, ..webhook() };
        assert!(remote.problems(3)[0].1.contains("only to this machine"));
        let no_token = Draft { credentials: Credentials::default(), ..webhook() };
        assert_eq!(no_token.problems(3)[0].0, "config.token");
        let email = Draft { kind: Kind::Email, to: "ops@example.com, nobody".into(), ..webhook() };
        assert_eq!(email.problems(3)[0].0, "config.to[1]");
        assert_eq!(Draft { gateway_id: String::new(), ..webhook() }.problems(4)[0].0, "gatewayId");
        for (field, step) in
            [("name", 0), ("eventTypes[2]", 1), ("scope.items[0]", 2), ("config.url", 3), ("gatewayId", 4)]
        {
            assert_eq!(step_of(field), step, "{field}");
        }
    }

    #[test]
    fn a_draft_is_kept_without_its_credentials_and_an_edit_sends_them_back_as_set() {
        let stored = serde_json::to_string(&webhook()).unwrap();
        assert!(!stored.contains("t0k"), "{stored}");
        let read: Draft = serde_json::from_str(&stored).unwrap();
        assert_eq!(Draft { credentials: webhook().credentials, ..read }, webhook());

        let spec = webhook().to_spec();
        let forwarder = Forwarder {
            id: "fwd_1".into(),
            version: 4,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            signing_secret_rotated_at: None,
            spec: ForwarderSpec {
                config: ForwarderConfig::Webhook {
                    url: "https://siem.example.com/in".into(),
                    auth_type: WebhookAuth::Bearer,
                    username: None,
                    password: None,
                    token: Some(Secret::Kept),
                    headers: vec![],
                },
                ..spec
            },
        };
        let edit = Draft::of(&forwarder);
        assert_eq!(edit.base_version, Some(4));
        assert_eq!(edit.to_spec(), forwarder.spec, "saved back as read");
    }

    #[test]
    fn a_prefill_puts_the_object_in_its_kinds_scope() {
        let prefill = Prefill {
            event_types: vec!["certificate-expired".into(), "certificate-pending-expiration".into()],
            source_kind: Some(SourceKind::Item),
            source: "/prod/pki/*".into(),
        };
        assert_eq!(Prefill::from_query(&prefill.to_query()), prefill);
        let draft = prefill.to_draft();
        assert_eq!((draft.scope.items.as_str(), draft.event_types.len()), ("/prod/pki/*", 2));
        assert_eq!(Prefill { source_kind: None, ..prefill }.to_query().matches("scope").count(), 0);
    }
}
