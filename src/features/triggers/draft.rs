//! The trigger editor's form as the user fills it in: kept for the tab across reloads, turned
//! into the contract's `TriggerSpec` on save.

use event_center_contract::{Condition, Operator, TriggerAction, TriggerKind, TriggerSpec};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub kind: TriggerKind,
    pub resource: String,
    pub event: String,
    pub conditions: Vec<Condition>,
    /// Kept when the kind becomes "ignore", sent only for action triggers.
    pub actions: Vec<ActionDraft>,
    pub enabled: bool,
    /// The stored version the edit saves over: the one it started from, or theirs once the user
    /// chose to save over a change made meanwhile.
    pub base_version: Option<u32>,
}

/// One action as its fields are typed: groups as a comma-separated list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionDraft {
    pub kind: ActionKind,
    /// The groups, RA profile, owner, attribute value or notification profile id.
    pub value: String,
    /// The custom attribute's name.
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionKind {
    SetGroups,
    SetRaProfile,
    SetOwner,
    SetAttribute,
    Notify,
}

impl ActionKind {
    pub const ALL: [ActionKind; 5] = [
        ActionKind::SetGroups,
        ActionKind::SetRaProfile,
        ActionKind::SetOwner,
        ActionKind::SetAttribute,
        ActionKind::Notify,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionKind::SetGroups => "Set groups",
            ActionKind::SetRaProfile => "Set RA profile",
            ActionKind::SetOwner => "Set owner",
            ActionKind::SetAttribute => "Set custom attribute",
            ActionKind::Notify => "Notify",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ActionKind::SetGroups => "setGroups",
            ActionKind::SetRaProfile => "setRaProfile",
            ActionKind::SetOwner => "setOwner",
            ActionKind::SetAttribute => "setAttribute",
            ActionKind::Notify => "notify",
        }
    }

    pub fn from_key(key: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Groups, RA profile, owner and attributes categorise certificates; anything can notify.
    pub fn applies_to(self, resource: &str) -> bool {
        self == ActionKind::Notify || resource == "certificate"
    }
}

pub const OPERATORS: [(Operator, &str, &str); 8] = [
    (Operator::Equals, "equals", "equals"),
    (Operator::NotEquals, "notEquals", "does not equal"),
    (Operator::Contains, "contains", "contains"),
    (Operator::NotContains, "notContains", "does not contain"),
    (Operator::StartsWith, "startsWith", "starts with"),
    (Operator::EndsWith, "endsWith", "ends with"),
    (Operator::GreaterThan, "greaterThan", "is greater than"),
    (Operator::LessThan, "lessThan", "is less than"),
];

/// The attributes of a resource a condition can test, offered as the user types. The contract
/// has no catalog of them yet, so any other name can be typed too.
pub fn attributes(resource: &str) -> &'static [&'static str] {
    match resource {
        "certificate" => &[
            "commonName",
            "issuerCommonName",
            "serialNumber",
            "fingerprint",
            "subjectAlternativeNames",
            "raProfile",
            "group",
            "owner",
            "status",
            "newStatus",
            "action",
            "daysToExpiry",
            "selfSigned",
            "keyAlgorithm",
            "keySize",
            "notAfter",
        ],
        "secret" => &["path", "itemName", "itemType", "tags", "gatewayName"],
        "authMethod" => &["name", "accessId", "authMethodType"],
        "gateway" => &["name", "clusterName"],
        "discovery" => &["name", "status", "certificatesFound"],
        "approval" => &["requester", "status", "resource"],
        "scheduledJob" => &["name", "status"],
        _ => &["name", "path"],
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            name: String::new(),
            kind: TriggerKind::Action,
            resource: String::new(),
            event: String::new(),
            conditions: Vec::new(),
            actions: Vec::new(),
            enabled: true,
            base_version: None,
        }
    }
}

impl Draft {
    pub fn of(spec: &TriggerSpec, version: u32) -> Draft {
        let actions = spec
            .actions
            .iter()
            .map(|action| {
                let (kind, value, name) = match action {
                    TriggerAction::SetGroups { groups } => (ActionKind::SetGroups, groups.join(", "), ""),
                    TriggerAction::SetRaProfile { ra_profile } => {
                        (ActionKind::SetRaProfile, ra_profile.clone(), "")
                    }
                    TriggerAction::SetOwner { owner } => (ActionKind::SetOwner, owner.clone(), ""),
                    TriggerAction::SetAttribute { name, value } => {
                        (ActionKind::SetAttribute, value.clone(), name.as_str())
                    }
                    TriggerAction::Notify { notification_profile } => {
                        (ActionKind::Notify, notification_profile.clone(), "")
                    }
                };
                ActionDraft { kind, value, name: name.to_string() }
            })
            .collect();
        Draft {
            name: spec.name.clone(),
            kind: spec.kind,
            resource: spec.resource.clone(),
            event: spec.event.clone(),
            conditions: spec.conditions.clone(),
            actions,
            enabled: spec.enabled,
            base_version: Some(version),
        }
    }

    /// What is sent: an ignore trigger's actions are left out (they are kept in the form in
    /// case the user switches back).
    pub fn to_spec(&self) -> TriggerSpec {
        let actions = match self.kind {
            TriggerKind::Ignore => Vec::new(),
            TriggerKind::Action => self.actions.iter().map(ActionDraft::to_action).collect(),
        };
        TriggerSpec {
            name: self.name.trim().to_string(),
            kind: self.kind,
            resource: self.resource.clone(),
            event: self.event.clone(),
            conditions: self.conditions.clone(),
            actions,
            enabled: self.enabled,
        }
    }
}

impl ActionDraft {
    pub fn new(kind: ActionKind) -> ActionDraft {
        ActionDraft { kind, value: String::new(), name: String::new() }
    }

    fn to_action(&self) -> TriggerAction {
        let value = self.value.trim().to_string();
        match self.kind {
            ActionKind::SetGroups => TriggerAction::SetGroups {
                groups: self
                    .value
                    .split(',')
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                    .map(Into::into)
                    .collect(),
            },
            ActionKind::SetRaProfile => TriggerAction::SetRaProfile { ra_profile: value },
            ActionKind::SetOwner => TriggerAction::SetOwner { owner: value },
            ActionKind::SetAttribute => TriggerAction::SetAttribute { name: self.name.trim().into(), value },
            ActionKind::Notify => TriggerAction::Notify { notification_profile: value },
        }
    }
}

/// The parts of a trigger that differ between two versions, as the editor names them.
pub fn changed_fields(before: &TriggerSpec, after: &TriggerSpec) -> Vec<&'static str> {
    crate::ui::form::differing([
        ("the name", before.name != after.name),
        ("the kind", before.kind != after.kind),
        ("the event type", before.event != after.event || before.resource != after.resource),
        ("the conditions", before.conditions != after.conditions),
        ("the actions", before.actions != after.actions),
        ("whether it is enabled", before.enabled != after.enabled),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> TriggerSpec {
        TriggerSpec {
            name: "Assign owner".into(),
            kind: TriggerKind::Action,
            resource: "certificate".into(),
            event: "certificate-uploaded".into(),
            conditions: vec![Condition {
                field: "raProfile".into(),
                operator: Operator::Equals,
                value: "Web servers".into(),
            }],
            actions: vec![
                TriggerAction::SetGroups { groups: vec!["web".into(), "internet-facing".into()] },
                TriggerAction::SetAttribute { name: "source".into(), value: "upload".into() },
                TriggerAction::Notify { notification_profile: "np_security".into() },
            ],
            enabled: true,
        }
    }

    #[test]
    fn a_stored_trigger_round_trips_through_the_form() {
        let draft = Draft::of(&spec(), 3);
        assert_eq!(draft.actions[0].value, "web, internet-facing");
        assert_eq!(draft.base_version, Some(3));
        assert_eq!(draft.to_spec(), spec());
    }

    #[test]
    fn groups_are_split_on_commas_and_an_ignore_trigger_sends_no_actions() {
        let mut draft = Draft::of(&spec(), 1);
        draft.actions[0].value = " web ,, dmz ,".into();
        assert_eq!(
            draft.to_spec().actions[0],
            TriggerAction::SetGroups { groups: vec!["web".into(), "dmz".into()] }
        );
        draft.kind = TriggerKind::Ignore;
        assert!(draft.to_spec().actions.is_empty());
        assert_eq!(draft.actions.len(), 3, "kept in the form in case the kind changes back");
    }

    #[test]
    fn a_conflict_names_what_changed_on_the_server() {
        let after = TriggerSpec { enabled: false, conditions: vec![], ..spec() };
        assert_eq!(changed_fields(&spec(), &after), ["the conditions", "whether it is enabled"]);
        assert!(changed_fields(&spec(), &spec()).is_empty());
    }

    #[test]
    fn only_notify_applies_beyond_certificates() {
        assert!(ActionKind::ALL.iter().all(|k| k.applies_to("certificate")));
        assert_eq!(ActionKind::ALL.iter().filter(|k| k.applies_to("secret")).count(), 1);
        assert_eq!(ActionKind::from_key("setOwner"), Some(ActionKind::SetOwner));
    }
}
