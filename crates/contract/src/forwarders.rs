//! Event forwarders: where events go next (email, webhooks, Slack, Teams, ServiceNow), and
//! what happened to each delivery. Credentials are write-only: a client sends them as
//! strings, and a backend only ever answers that one is set.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A write-only secret. `New` travels from client to backend only; a backend answers `Kept`,
/// which is `{"set": true}` on the wire. A client sends `Kept` back to keep the stored value.
#[derive(Clone, PartialEq, Eq)]
pub enum Secret {
    New(String),
    Kept,
}

impl std::fmt::Debug for Secret {
    /// Never the value, so a secret cannot reach a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Secret::New(_) => "Secret(new, redacted)",
            Secret::Kept => "Secret(set)",
        })
    }
}

#[derive(Serialize, Deserialize)]
struct SetMarker {
    set: bool,
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Secret::New(value) => serializer.serialize_str(value),
            Secret::Kept => SetMarker { set: true }.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Value(String),
            Marker(SetMarker),
        }
        match Wire::deserialize(deserializer)? {
            Wire::Value(value) => Ok(Secret::New(value)),
            Wire::Marker(SetMarker { set: true }) => Ok(Secret::Kept),
            Wire::Marker(_) => Err(serde::de::Error::custom("a secret is a string or {\"set\": true}")),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WebhookAuth {
    None,
    Basic,
    Bearer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// Where and how a forwarder delivers; the type is the tag (`config.type`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", rename_all_fields = "camelCase")]
pub enum ForwarderConfig {
    Email {
        to: Vec<String>,
    },
    Webhook {
        url: String,
        auth_type: WebhookAuth,
        #[serde(default)]
        username: Option<String>,
        #[serde(default)]
        password: Option<Secret>,
        #[serde(default)]
        token: Option<Secret>,
        #[serde(default)]
        headers: Vec<Header>,
    },
    Slack {
        webhook_url: Option<Secret>,
    },
    Teams {
        webhook_url: Option<Secret>,
    },
    Servicenow {
        instance_url: String,
        username: String,
        password: Option<Secret>,
    },
}

impl ForwarderConfig {
    pub fn type_name(&self) -> &'static str {
        match self {
            ForwarderConfig::Email { .. } => "email",
            ForwarderConfig::Webhook { .. } => "webhook",
            ForwarderConfig::Slack { .. } => "slack",
            ForwarderConfig::Teams { .. } => "teams",
            ForwarderConfig::Servicenow { .. } => "servicenow",
        }
    }

    /// The write-only fields, by name, in a fixed order per type.
    pub fn secrets_mut(&mut self) -> Vec<(&'static str, &mut Option<Secret>)> {
        match self {
            ForwarderConfig::Email { .. } => vec![],
            ForwarderConfig::Webhook { password, token, .. } => {
                vec![("password", password), ("token", token)]
            }
            ForwarderConfig::Slack { webhook_url } | ForwarderConfig::Teams { webhook_url } => {
                vec![("webhookUrl", webhook_url)]
            }
            ForwarderConfig::Servicenow { password, .. } => vec![("password", password)],
        }
    }
}

/// Which objects' events a forwarder sends: paths with `*`; all empty sends every object's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForwarderScope {
    pub items: Vec<String>,
    pub auth_methods: Vec<String>,
    pub targets: Vec<String>,
    pub gateways: Vec<String>,
}

/// What an editor sends (`POST /forwarders`, `PUT /forwarders/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForwarderSpec {
    pub name: String,
    pub event_types: Vec<String>,
    pub scope: ForwarderScope,
    /// The running gateway that delivers.
    pub gateway_id: String,
    /// `None` delivers each event as it happens; otherwise a digest every so many hours.
    #[serde(default, deserialize_with = "crate::whole_number::optional_u32")]
    pub run_every_hours: Option<u32>,
    pub config: ForwarderConfig,
    pub enabled: bool,
}

/// A stored forwarder (`GET /forwarders/{id}`); its secrets read as `{"set": true}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Forwarder {
    pub id: String,
    /// Changes with every write; send it back as `If-Match`.
    pub version: u32,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub updated_at: DateTime<Utc>,
    /// Webhooks sign each delivery (Standard Webhooks); when their signing secret last changed.
    #[serde(default, deserialize_with = "crate::rfc3339::deserialize_option")]
    pub signing_secret_rotated_at: Option<DateTime<Utc>>,
    pub spec: ForwarderSpec,
}

/// `POST /forwarder-previews`: the events a forwarder would send, before it exists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRequest {
    pub event_types: Vec<String>,
    pub scope: ForwarderScope,
}

/// What a forwarder of those event types and scope would have sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForwarderPreview {
    /// The events of the last 7 days it would have sent.
    pub matched_last_week: u32,
    /// The body a receiver gets for the newest of them (at most 3), in the forwarded format:
    /// events grouped by event type, each with `name`, `item_id` and `payload`. JSON text.
    pub body: String,
}

/// `POST /forwarders/{id}/test`: what the receiver made of a sample event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestResult {
    pub delivered: bool,
    pub response_status: Option<u16>,
    pub duration_ms: u32,
    pub message: String,
}

/// `POST /forwarders`'s answer: the forwarder and, for a webhook, its first signing secret,
/// shown this once (afterwards only a rotation shows a new one).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedForwarder {
    #[serde(flatten)]
    pub forwarder: Forwarder,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_secret: Option<String>,
}

impl std::fmt::Debug for CreatedForwarder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = if self.signing_secret.is_some() { "redacted" } else { "none" };
        write!(f, "CreatedForwarder {{ forwarder: {:?}, signing_secret: {secret} }}", self.forwarder)
    }
}

/// `POST /forwarders/{id}/rotate-secret`: the new signing secret, shown this once; the old
/// one keeps verifying until `previousValidUntil`, so receivers can switch without a gap.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RotatedSecret {
    pub secret: String,
    #[serde(deserialize_with = "crate::rfc3339::deserialize")]
    pub previous_valid_until: DateTime<Utc>,
}

impl std::fmt::Debug for RotatedSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RotatedSecret {{ secret: redacted, previous_valid_until: {} }}", self.previous_valid_until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_goes_out_as_a_string_and_comes_back_as_set() {
        let config =
            ForwarderConfig::Slack { webhook_url: Some(Secret::New("https://hooks.slack.com/x".into())) };
        let json = serde_json::to_string(&config).unwrap();
        assert_eq!(json, r#"{"type":"slack","webhookUrl":"https://hooks.slack.com/x"}"#);
        assert_eq!(serde_json::from_str::<ForwarderConfig>(&json).unwrap(), config);
        let kept = ForwarderConfig::Slack { webhook_url: Some(Secret::Kept) };
        assert_eq!(serde_json::to_string(&kept).unwrap(), r#"{"type":"slack","webhookUrl":{"set":true}}"#);
        assert!(serde_json::from_str::<Secret>(r#"{"set":false}"#).is_err());
    }

    #[test]
    fn debug_output_never_holds_a_secret() {
        let config = ForwarderConfig::Servicenow {
            instance_url: "https://example.service-now.com".into(),
            username: "svc".into(),
            password: Some(Secret::New("hunter2".into())),
        };
        assert!(!format!("{config:?}").contains("hunter2"));
        let rotated =
            RotatedSecret { secret: "whsec_abc".into(), previous_valid_until: DateTime::UNIX_EPOCH };
        assert!(!format!("{rotated:?}").contains("whsec_abc"));
    }
}
