//! What an authentik event carries beside the common fields (seed 003): the user, the app that
//! logged it, the request's context, when it expires and its tenant. As authentik does, the
//! context is cleansed of credentials before it is kept.

use chrono::Duration;
use event_center_contract::{EventUser, Tenant};
use serde_json::{json, Map, Value};

use crate::rng::Rng;
use crate::store::StoredEvent;

/// What authentik writes in place of a credential.
pub const CLEANSED: &str = "********************";

pub struct Details {
    pub user: EventUser,
    pub app: String,
    pub context: Value,
    pub expires: chrono::DateTime<chrono::Utc>,
    pub tenant: Tenant,
}

/// The authentik fields of an authentication event, agreeing with its message (`value` gives
/// the message's values); `rng` is the event's own, so the same event gives the same details.
pub fn details(event: &StoredEvent, value: impl Fn(&str) -> String, rng: &mut Rng) -> Details {
    let email = event.actor.unwrap_or("");
    // A service account has no email, as authentik's AnonymousUser has none.
    let user = |name: &str, pk: u64| EventUser {
        pk,
        username: name.split('@').next().unwrap_or(name).to_string(),
        email: if name.contains('@') { name.to_string() } else { String::new() },
    };
    let name = event.kind.name;
    let request =
        |method: &str, path: &str| json!({ "method": method, "path": path, "args": { "query": "next=%2F" } });
    let flow = "/api/v3/flows/executor/default-authentication-flow/";
    let mut context = match name {
        "login" => {
            json!({ "auth_method": "password", "auth_method_args": {}, "http_request": request("GET", flow) })
        }
        "login_failed" => json!({
            "stage": { "app": "authentik_stages_password", "name": "default-authentication-password", "model_name": "passwordstage" },
            "username": email,
            // What the user typed: cleansed below, as authentik does before it keeps the event.
            "password": format!("typed-{:x}", rng.next_u64()),
            "http_request": request("POST", flow),
        }),
        "impersonation_started" | "impersonation_ended" => json!({
            "impersonated_user": user(&value("impersonated"), 2 + rng.below(500) as u64),
            "http_request": request("GET", "/api/v3/core/users/impersonate/"),
        }),
        "email_sent" => json!({
            "to": [value("recipient")], "subject": value("subject"), "template": "email/notification.html",
        }),
        "source_linked" => json!({ "source": { "name": value("sourceName"), "slug": value("sourceName") } }),
        n if n.starts_with("model_") => {
            // The message's model, "group admins": its kind, then its name.
            let model = value("model");
            let (model_name, object) = model.split_once(' ').unwrap_or(("model", &model));
            json!({
                "model": { "app": "authentik_core", "model_name": model_name, "name": object },
                "http_request": request("PATCH", &format!("/api/v3/core/{model_name}s/{object}/")),
            })
        }
        _ => json!({ "http_request": request("GET", "/api/v3/") }),
    };
    cleanse(&mut context);
    Details {
        user: match event.actor {
            Some(actor) => user(actor, 1 + u64::from(event.seq % 997)),
            None => user("AnonymousUser", 2),
        },
        app: match name {
            "system_task_exception" => "authentik.events.monitored_tasks",
            n if n.starts_with("model_") => "authentik.events.middleware",
            _ => "authentik.events.signals",
        }
        .into(),
        context,
        expires: event.at + Duration::days(crate::store::RETENTION_DAYS),
        tenant: Tenant { pk: "fcba828076b94dedb2d5a6b4c5556fa1".into(), name: "Default tenant".into() },
    }
}

/// Replaces every value kept under a key that names a credential, at any depth, as authentik
/// does (its keys: api, password, secret, token, signature).
pub fn cleanse(value: &mut Value) {
    match value {
        Value::Object(map) => cleanse_map(map),
        Value::Array(items) => items.iter_mut().for_each(cleanse),
        _ => {}
    }
}

fn cleanse_map(map: &mut Map<String, Value>) {
    for (key, value) in map.iter_mut() {
        let key = key.to_ascii_lowercase();
        if ["api", "password", "secret", "token", "signature"].iter().any(|k| key.contains(k)) {
            *value = Value::String(CLEANSED.into());
        } else {
            cleanse(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_cleansed_at_any_depth() {
        let mut context = json!({ "password": "hunter2", "nested": [{ "api_key": "k", "Token": { "a": 1 } }], "username": "akadmin" });
        cleanse(&mut context);
        assert_eq!(
            context,
            json!({ "password": CLEANSED, "nested": [{ "api_key": CLEANSED, "Token": CLEANSED }], "username": "akadmin" })
        );
    }
}
