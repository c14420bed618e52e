//! Triggers and where they are assigned, as the seeds' event automation has them: each event
//! type runs an ordered list of ignore triggers, then one of action triggers, set on the
//! platform and, for some certificate events, overridden per RA profile or group.
//! The seeded triggers are also what the generated run history ran.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use event_center_contract::{
    problem_type, Condition, EventAssignment, FieldError, NamedScope, NotificationProfile, Operator, Problem,
    ScopeKind, SourceKind, Trigger, TriggerAction, TriggerAssignments, TriggerKind, TriggerSpec,
};

use crate::catalog::{Kind, KINDS};
use crate::edits::{check_version, field, name_error};

/// RA profiles, groups and discoveries that can override a certificate event's triggers.
pub const RA_PROFILES: &[(&str, &str)] =
    &[("ra_web_servers", "Web servers"), ("ra_internal_mtls", "Internal mTLS")];
pub const GROUPS: &[(&str, &str)] = &[("grp_payments", "Payments"), ("grp_identity", "Identity")];
pub const DISCOVERIES: &[(&str, &str)] =
    &[("dsc_datacenter_scan", "Data-centre network scan"), ("dsc_ct_logs", "Certificate Transparency watch")];

/// Where a notify action sends (`GET /notification-profiles`): id, name, recipients.
pub const NOTIFICATION_PROFILES: &[(&str, &str, &str)] = &[
    ("np_security", "Security", "security@example.com, by email"),
    ("np_certificate_owners", "Certificate owners", "each certificate's owner, by email"),
    ("np_on_call", "On-call", "the on-call rotation, paged through the incident webhook"),
    ("np_platform_team", "Platform team", "the #platform channel in Slack"),
];

pub fn notification_profiles() -> Vec<NotificationProfile> {
    NOTIFICATION_PROFILES
        .iter()
        .map(|(id, name, recipients)| NotificationProfile {
            id: id.to_string(),
            name: name.to_string(),
            recipients: recipients.to_string(),
        })
        .collect()
}

/// The certificate events an RA profile or group may override (seed 001's "Overridden By");
/// the rest (uploads among them) are configured on the platform only.
const BY_PROFILE_OR_GROUP: &[&str] =
    &["certificate-status-changed", "certificate-action-performed", "certificate-expiring"];
/// A discovery overrides only what it discovers.
const BY_DISCOVERY: &[&str] = &["certificate-discovered"];

/// Where the platform's lists can be overridden, and for which event types (`GET /trigger-scopes`).
pub fn scope_kinds() -> Vec<ScopeKind> {
    let kind = |kind: &str, label: &str, overrides: &[&str], scopes: &[(&str, &str)]| ScopeKind {
        kind: kind.into(),
        label: label.into(),
        overrides: overrides.iter().map(|e| e.to_string()).collect(),
        scopes: scopes
            .iter()
            .map(|(id, name)| NamedScope { id: id.to_string(), name: name.to_string() })
            .collect(),
    };
    vec![
        kind("raProfile", "RA profile", BY_PROFILE_OR_GROUP, RA_PROFILES),
        kind("group", "Group", BY_PROFILE_OR_GROUP, GROUPS),
        kind("discovery", "Discovery", BY_DISCOVERY, DISCOVERIES),
    ]
}

/// Whether events of this type come from scheduled monitoring rather than from a change
/// (seed 001's "Monitoring" column: only "Certificate expiring", every hour).
pub fn is_monitoring(kind: &Kind) -> bool {
    kind.name == "certificate-expiring"
}

/// The kind of object events of this type are about.
pub fn resource_of(kind: &Kind) -> &'static str {
    match kind.name {
        n if n.starts_with("certificate") => "certificate",
        "discovery-finished" => "discovery",
        "approval-requested" | "approval-closed" => "approval",
        "scheduled-job-finished" => "scheduledJob",
        _ => match kind.source_kind {
            SourceKind::Item => "secret",
            SourceKind::AuthMethod => "authMethod",
            SourceKind::Target => "target",
            SourceKind::Gateway => "gateway",
            SourceKind::User => "user",
            SourceKind::System | SourceKind::Unknown(_) => "system",
        },
    }
}

pub enum SeedAction {
    Groups(&'static [&'static str]),
    RaProfile(&'static str),
    Owner(&'static str),
    Attribute(&'static str, &'static str),
    Notify(&'static str),
}

impl SeedAction {
    fn to_action(&self) -> TriggerAction {
        match *self {
            SeedAction::Groups(groups) => {
                TriggerAction::SetGroups { groups: groups.iter().map(|g| g.to_string()).collect() }
            }
            SeedAction::RaProfile(p) => TriggerAction::SetRaProfile { ra_profile: p.into() },
            SeedAction::Owner(o) => TriggerAction::SetOwner { owner: o.into() },
            SeedAction::Attribute(n, v) => TriggerAction::SetAttribute { name: n.into(), value: v.into() },
            SeedAction::Notify(p) => TriggerAction::Notify { notification_profile: p.into() },
        }
    }

    /// How a run record says the action was done.
    pub fn performed(&self) -> String {
        performed(&self.to_action())
    }
}

/// How a run record says an action was done.
fn performed(action: &TriggerAction) -> String {
    match action {
        TriggerAction::SetGroups { groups } => format!("set groups {}", groups.join(", ")),
        TriggerAction::SetRaProfile { ra_profile } => format!("set RA profile {ra_profile}"),
        TriggerAction::SetOwner { owner } => format!("set owner {owner}"),
        TriggerAction::SetAttribute { name, value } => format!("set {name} = {value}"),
        TriggerAction::Notify { notification_profile: id } => {
            let name = NOTIFICATION_PROFILES.iter().find(|p| p.0 == id).map_or(id.as_str(), |p| p.1);
            format!("notified {name}")
        }
    }
}

/// A trigger as an event that arrives in the session runs it: the session's triggers and
/// lists decide, so an edit shows in the very next run.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub id: String,
    pub name: String,
    pub kind: TriggerKind,
    pub conditions: Vec<Condition>,
    pub performed: Vec<String>,
}

/// The scopes an event's object belongs to, each of which may have its own trigger lists.
#[derive(Clone, Copy, Debug, Default)]
pub struct Belongs<'a> {
    pub ra_profile: Option<&'a str>,
    pub group: Option<&'a str>,
    /// The discovery that found it, for a discovered certificate.
    pub discovery: Option<&'a str>,
}

/// What an event that arrived in the session ran, and whose lists they were.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The RA profile of the certificates the event is about, if it names one.
    pub ra_profile: Option<&'static str>,
    /// The scope whose own lists ran, as a sentence names it; `None` for the platform's.
    pub overridden_by: Option<String>,
    pub triggers: Vec<Planned>,
}

/// Whether `conditions` hold for an object known only by its name (a certificate's common
/// name, an item's path): `None` when one tests an attribute the mock does not model.
pub fn hold_on_name(conditions: &[Condition], object: &str) -> Option<bool> {
    conditions.iter().try_fold(true, |all, c| {
        if !matches!(c.field.as_str(), "commonName" | "name" | "path") {
            return None;
        }
        let (v, o) = (c.value.as_str(), object);
        let number = |s: &str| s.trim().parse::<f64>().ok();
        let held = match c.operator {
            Operator::Equals => o == v,
            Operator::NotEquals => o != v,
            Operator::Contains => o.contains(v),
            Operator::NotContains => !o.contains(v),
            Operator::StartsWith => o.starts_with(v),
            Operator::EndsWith => o.ends_with(v),
            Operator::GreaterThan => number(o).zip(number(v)).is_some_and(|(o, v)| o > v),
            Operator::LessThan => number(o).zip(number(v)).is_some_and(|(o, v)| o < v),
        };
        Some(all && held)
    })
}

pub struct SeedTrigger {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: TriggerKind,
    pub event: &'static str,
    pub enabled: bool,
    pub conditions: &'static [(&'static str, Operator, &'static str)],
    pub actions: &'static [SeedAction],
}

impl SeedTrigger {
    fn conditions(&self) -> Vec<Condition> {
        let condition = |(f, operator, v): &(&str, Operator, &str)| Condition {
            field: f.to_string(),
            operator: *operator,
            value: v.to_string(),
        };
        self.conditions.iter().map(condition).collect()
    }

    pub fn planned(&self) -> Planned {
        Planned {
            id: self.id.into(),
            name: self.name.into(),
            kind: self.kind,
            conditions: self.conditions(),
            performed: self.actions.iter().map(SeedAction::performed).collect(),
        }
    }
}

/// In the order the platform runs them for each event type.
pub const SEEDS: &[SeedTrigger] = &[
    SeedTrigger {
        id: "trg_ignore_test_certs",
        name: "Ignore test certificates",
        kind: TriggerKind::Ignore,
        event: "certificate-uploaded",
        enabled: true,
        conditions: &[("commonName", Operator::EndsWith, ".test.example.com")],
        actions: &[],
    },
    SeedTrigger {
        id: "trg_ignore_self_signed",
        name: "Ignore self-signed discoveries",
        kind: TriggerKind::Ignore,
        event: "certificate-discovered",
        enabled: true,
        conditions: &[("selfSigned", Operator::Equals, "true")],
        actions: &[],
    },
    SeedTrigger {
        id: "trg_assign_owner",
        name: "Assign owner by RA profile",
        kind: TriggerKind::Action,
        event: "certificate-uploaded",
        enabled: true,
        conditions: &[("raProfile", Operator::Equals, "Web servers")],
        actions: &[SeedAction::Owner("web-platform-team"), SeedAction::Groups(&["web", "internet-facing"])],
    },
    SeedTrigger {
        id: "trg_categorize_discovered",
        name: "Categorize discovered certificates",
        kind: TriggerKind::Action,
        event: "certificate-discovered",
        enabled: true,
        conditions: &[("issuerCommonName", Operator::Contains, "Internal CA")],
        actions: &[SeedAction::Groups(&["internal"]), SeedAction::Attribute("source", "discovery")],
    },
    SeedTrigger {
        id: "trg_notify_security",
        name: "Notify security on revocation",
        kind: TriggerKind::Action,
        event: "certificate-status-changed",
        enabled: true,
        conditions: &[("newStatus", Operator::Equals, "revoked")],
        actions: &[SeedAction::Notify("np_security")],
    },
    SeedTrigger {
        id: "trg_notify_expiring",
        name: "Notify owners of expiring certificates",
        kind: TriggerKind::Action,
        event: "certificate-expiring",
        enabled: true,
        conditions: &[("daysToExpiry", Operator::LessThan, "14")],
        actions: &[SeedAction::Notify("np_certificate_owners")],
    },
    SeedTrigger {
        id: "trg_move_renewed",
        name: "Move renewed certificates to the new RA profile",
        kind: TriggerKind::Action,
        event: "certificate-action-performed",
        enabled: false,
        conditions: &[("action", Operator::Equals, "Renew")],
        actions: &[SeedAction::RaProfile("Web servers 2027")],
    },
    SeedTrigger {
        id: "trg_page_rotation_failure",
        name: "Page on-call when a rotation fails",
        kind: TriggerKind::Action,
        event: "rotated-secret-failure",
        enabled: true,
        conditions: &[],
        actions: &[SeedAction::Notify("np_on_call")],
    },
    SeedTrigger {
        id: "trg_gateway_down",
        name: "Tell the platform team a gateway is down",
        kind: TriggerKind::Action,
        event: "gateway-inactive",
        enabled: true,
        conditions: &[],
        actions: &[SeedAction::Notify("np_platform_team")],
    },
];

/// The enabled seeded triggers an event type runs on the platform: ignore triggers first.
pub fn seeded_plan(event_type: &str) -> impl Iterator<Item = &'static SeedTrigger> + '_ {
    let of = move |kind| SEEDS.iter().filter(move |s| s.event == event_type && s.enabled && s.kind == kind);
    of(TriggerKind::Ignore).chain(of(TriggerKind::Action))
}

/// The triggers and assignments of one session; every write bumps a version.
pub struct Automation {
    triggers: BTreeMap<String, Trigger>,
    created: u32,
    /// By scope; a scope without an entry overrides nothing.
    assignments: BTreeMap<String, (u32, Vec<EventAssignment>)>,
}

/// A scope as `GET /trigger-assignments?scope=` names it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Scope {
    Platform,
    /// An object that overrides these event types' lists.
    Override(&'static [&'static str]),
}

fn parse_scope(scope: &str) -> Result<Scope, Problem> {
    let invalid = || {
        Problem::validation(vec![FieldError {
            field: "scope".into(),
            message: format!("\"{scope}\" is not platform, raProfile:<id>, group:<id> or discovery:<id>"),
        }])
    };
    let missing = |what: &str, id: &str| Problem::new(404, "Not Found", format!("There is no {what} {id}."));
    match scope.split_once(':') {
        None if scope == "platform" => Ok(Scope::Platform),
        Some(("raProfile", id)) if RA_PROFILES.iter().any(|(p, _)| *p == id) => {
            Ok(Scope::Override(BY_PROFILE_OR_GROUP))
        }
        Some(("group", id)) if GROUPS.iter().any(|(g, _)| *g == id) => {
            Ok(Scope::Override(BY_PROFILE_OR_GROUP))
        }
        Some(("discovery", id)) if DISCOVERIES.iter().any(|(d, _)| *d == id) => {
            Ok(Scope::Override(BY_DISCOVERY))
        }
        Some(("raProfile", id)) if !id.is_empty() => Err(missing("RA profile", id)),
        Some(("group", id)) if !id.is_empty() => Err(missing("group", id)),
        Some(("discovery", id)) if !id.is_empty() => Err(missing("discovery", id)),
        _ => Err(invalid()),
    }
}

impl Automation {
    pub fn new(now: DateTime<Utc>) -> Automation {
        let triggers = SEEDS
            .iter()
            .map(|s| {
                let spec = TriggerSpec {
                    name: s.name.into(),
                    kind: s.kind,
                    resource: KINDS.iter().find(|k| k.name == s.event).map_or("system", resource_of).into(),
                    event: s.event.into(),
                    conditions: s.conditions(),
                    actions: s.actions.iter().map(SeedAction::to_action).collect(),
                    enabled: s.enabled,
                };
                (s.id.to_string(), Trigger { id: s.id.into(), version: 1, updated_at: now, spec })
            })
            .collect();
        let mut platform: Vec<EventAssignment> = Vec::new();
        for seed in SEEDS {
            let entry = match platform.iter().position(|a| a.event == seed.event) {
                Some(i) => &mut platform[i],
                None => {
                    platform.push(EventAssignment {
                        event: seed.event.into(),
                        ignore_triggers: vec![],
                        action_triggers: vec![],
                    });
                    platform.last_mut().expect("just pushed")
                }
            };
            match seed.kind {
                TriggerKind::Ignore => entry.ignore_triggers.push(seed.id.into()),
                TriggerKind::Action => entry.action_triggers.push(seed.id.into()),
            }
        }
        // Internal mTLS certificates renew themselves: nobody is told they are expiring.
        let quiet_mtls = vec![EventAssignment {
            event: "certificate-expiring".into(),
            ignore_triggers: vec![],
            action_triggers: vec![],
        }];
        let assignments = BTreeMap::from([
            ("platform".to_string(), (1, platform)),
            ("raProfile:ra_internal_mtls".to_string(), (1, quiet_mtls)),
        ]);
        Automation { triggers, created: 0, assignments }
    }

    /// What an event of `event_type` arriving now runs: the lists of the first scope its object
    /// belongs to that overrides them (its RA profile, its group, the discovery that found it),
    /// else the platform's, as they stand; ignore triggers first, the enabled triggers only.
    pub fn plan(&self, event_type: &str, object: &Belongs) -> Plan {
        let lists_of = |scope: &str| {
            self.assignments.get(scope).and_then(|(_, l)| l.iter().find(|a| a.event == event_type))
        };
        let named = |objects: &'static [(&'static str, &'static str)], id: Option<&str>| {
            id.and_then(|id| objects.iter().find(|(o, _)| *o == id))
        };
        let profile = named(RA_PROFILES, object.ra_profile);
        let scopes = [
            ("raProfile", "RA profile", profile),
            ("group", "group", named(GROUPS, object.group)),
            ("discovery", "discovery", named(DISCOVERIES, object.discovery)),
        ];
        let own = scopes.into_iter().find_map(|(kind, label, scope)| {
            let (id, name) = scope?;
            Some((format!("{label} “{name}”"), lists_of(&format!("{kind}:{id}"))?))
        });
        let (overridden_by, lists) = match own {
            Some((scope, lists)) => (Some(scope), Some(lists)),
            None => (None, lists_of("platform")),
        };
        let ids = lists.into_iter().flat_map(|a| a.ignore_triggers.iter().chain(&a.action_triggers));
        let triggers = ids
            .filter_map(|id| self.triggers.get(id))
            .filter(|t| t.spec.enabled)
            .map(|t| Planned {
                id: t.id.clone(),
                name: t.spec.name.clone(),
                kind: t.spec.kind,
                conditions: t.spec.conditions.clone(),
                performed: t.spec.actions.iter().map(performed).collect(),
            })
            .collect();
        Plan { ra_profile: profile.map(|(id, _)| *id), overridden_by, triggers }
    }

    /// Names trigger `id` `name`, unchecked: the long-names scenario's worst case.
    pub fn rename(&mut self, id: &str, name: String) {
        if let Some(trigger) = self.triggers.get_mut(id) {
            trigger.spec.name = name;
        }
    }

    /// Every trigger, optionally only those of an event type or kind, by id.
    pub fn list(&self, event: Option<&str>, kind: Option<TriggerKind>) -> Vec<Trigger> {
        self.triggers
            .values()
            .filter(|t| event.is_none_or(|e| t.spec.event == e) && kind.is_none_or(|k| t.spec.kind == k))
            .cloned()
            .collect()
    }

    pub fn get(&self, id: &str) -> Result<&Trigger, Problem> {
        self.triggers
            .get(id)
            .ok_or_else(|| Problem::new(404, "Not Found", format!("There is no trigger {id}.")))
    }

    pub fn create(&mut self, spec: TriggerSpec, now: DateTime<Utc>) -> Result<Trigger, Problem> {
        self.validate(&spec, None)?;
        self.created += 1;
        let id = format!("trg_{:06}", self.created);
        let trigger = Trigger { id: id.clone(), version: 1, updated_at: now, spec };
        self.triggers.insert(id, trigger.clone());
        Ok(trigger)
    }

    pub fn update(
        &mut self,
        id: &str,
        spec: TriggerSpec,
        if_match: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Trigger, Problem> {
        let current = self.get(id)?;
        check_version(if_match, current.version, &format!("Trigger \"{}\"", current.spec.name))?;
        self.validate(&spec, Some(id))?;
        let assigned = self.assigned_in(id);
        if let Some((scope, event)) = assigned.iter().find(|(_, e)| *e != spec.event) {
            return Err(Problem::validation(vec![field(
                "event",
                format!("the trigger is assigned to {event} in {scope}; remove it there before changing its event"),
            )]));
        }
        let trigger = self.triggers.get_mut(id).expect("found above");
        trigger.spec = spec;
        trigger.version += 1;
        trigger.updated_at = now;
        Ok(trigger.clone())
    }

    pub fn delete(&mut self, id: &str, if_match: Option<&str>) -> Result<(), Problem> {
        let current = self.get(id)?;
        check_version(if_match, current.version, &format!("Trigger \"{}\"", current.spec.name))?;
        if let Some((scope, event)) = self.assigned_in(id).first() {
            let detail =
                format!("The trigger runs for {event} in {scope}; remove it from that assignment first.");
            return Err(Problem::new(409, "Conflict", detail).of_type(problem_type::IN_USE));
        }
        self.triggers.remove(id);
        Ok(())
    }

    /// Where a trigger is assigned: (scope, event type) pairs.
    fn assigned_in(&self, id: &str) -> Vec<(String, String)> {
        self.assignments
            .iter()
            .flat_map(|(scope, (_, list))| {
                list.iter()
                    .filter(|a| a.ignore_triggers.iter().chain(&a.action_triggers).any(|t| t == id))
                    .map(move |a| (scope.clone(), a.event.clone()))
            })
            .collect()
    }

    pub fn assignments(&self, scope: &str) -> Result<TriggerAssignments, Problem> {
        parse_scope(scope)?;
        let (version, list) = self.assignments.get(scope).cloned().unwrap_or((0, Vec::new()));
        Ok(TriggerAssignments { scope: scope.into(), version, assignments: list })
    }

    pub fn set_assignments(
        &mut self,
        scope: &str,
        list: Vec<EventAssignment>,
        if_match: Option<&str>,
    ) -> Result<TriggerAssignments, Problem> {
        let kind = parse_scope(scope)?;
        let version = self.assignments.get(scope).map_or(0, |(v, _)| *v);
        check_version(if_match, version, &format!("The assignments of {scope}"))?;
        let mut errors = Vec::new();
        for (i, assignment) in list.iter().enumerate() {
            let at = format!("assignments[{i}]");
            if list[..i].iter().any(|a| a.event == assignment.event) {
                errors.push(field(format!("{at}.event"), format!("{} is assigned twice", assignment.event)));
            }
            if !KINDS.iter().any(|k| k.name == assignment.event) {
                errors.push(field(
                    format!("{at}.event"),
                    format!("there is no event type \"{}\"", assignment.event),
                ));
            } else if let Scope::Override(overridable) = kind {
                let event = assignment.event.as_str();
                if !overridable.contains(&event) {
                    let why = if BY_PROFILE_OR_GROUP.contains(&event) || BY_DISCOVERY.contains(&event) {
                        "this kind of scope does not override it"
                    } else {
                        "it is configured on the platform only"
                    };
                    errors.push(field(
                        format!("{at}.event"),
                        format!("{event} cannot be overridden here: {why}"),
                    ));
                }
            }
            for (list_name, ids, expected) in [
                ("ignoreTriggers", &assignment.ignore_triggers, TriggerKind::Ignore),
                ("actionTriggers", &assignment.action_triggers, TriggerKind::Action),
            ] {
                for (j, id) in ids.iter().enumerate() {
                    let at = format!("{at}.{list_name}[{j}]");
                    match self.triggers.get(id) {
                        None => errors.push(field(at, format!("there is no trigger {id}"))),
                        Some(t) if t.spec.kind != expected => errors.push(field(
                            at,
                            format!("\"{}\" is an {:?} trigger", t.spec.name, t.spec.kind).to_lowercase(),
                        )),
                        Some(t) if t.spec.event != assignment.event => errors.push(field(
                            at,
                            format!(
                                "\"{}\" runs for {}, not {}",
                                t.spec.name, t.spec.event, assignment.event
                            ),
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(Problem::validation(errors));
        }
        self.assignments.insert(scope.to_string(), (version + 1, list));
        self.assignments(scope)
    }

    /// Every problem with a trigger, each on its field.
    fn validate(&self, spec: &TriggerSpec, id: Option<&str>) -> Result<(), Problem> {
        let mut errors: Vec<FieldError> = name_error(&spec.name, |name| {
            let other = self
                .triggers
                .values()
                .find(|t| Some(t.id.as_str()) != id && t.spec.name.eq_ignore_ascii_case(name));
            other.map(|t| format!("trigger {}", t.id))
        })
        .into_iter()
        .collect();
        match KINDS.iter().find(|k| k.name == spec.event) {
            None => errors.push(field("event", format!("there is no event type \"{}\"", spec.event))),
            Some(kind) if resource_of(kind) != spec.resource => errors.push(field(
                "resource",
                format!("must be \"{}\", the resource of {} events", resource_of(kind), kind.name),
            )),
            Some(_) => {}
        }
        for (i, condition) in spec.conditions.iter().enumerate() {
            if condition.field.trim().is_empty() {
                errors.push(field(format!("conditions[{i}].field"), "is required"));
            }
            let ordered = matches!(condition.operator, Operator::GreaterThan | Operator::LessThan);
            if condition.value.trim().is_empty() {
                errors.push(field(format!("conditions[{i}].value"), "is required"));
            } else if ordered
                && condition.value.trim().parse::<f64>().is_err()
                && event_center_contract::parse_time(condition.value.trim()).is_err()
            {
                errors.push(field(
                    format!("conditions[{i}].value"),
                    "must be a number or an RFC 3339 time to compare with",
                ));
            }
        }
        match spec.kind {
            TriggerKind::Ignore if !spec.actions.is_empty() => errors.push(field(
                "actions",
                "ignore triggers perform no actions; make it an action trigger to act on objects",
            )),
            TriggerKind::Action if spec.actions.is_empty() => {
                errors.push(field("actions", "an action trigger needs at least one action"))
            }
            _ => {}
        }
        for (i, action) in spec.actions.iter().enumerate() {
            let at = format!("actions[{i}]");
            let categorises = !matches!(action, TriggerAction::Notify { .. });
            if categorises && spec.resource != "certificate" {
                errors.push(field(
                    &at,
                    "only notify works for this resource; the others categorise certificates",
                ));
            }
            let blank = match action {
                TriggerAction::SetGroups { groups } => {
                    groups.is_empty() || groups.iter().any(|g| g.trim().is_empty())
                }
                TriggerAction::SetRaProfile { ra_profile: v }
                | TriggerAction::SetOwner { owner: v }
                | TriggerAction::Notify { notification_profile: v } => v.trim().is_empty(),
                TriggerAction::SetAttribute { name, value } => {
                    name.trim().is_empty() || value.trim().is_empty()
                }
            };
            if blank {
                errors.push(field(at, "every value of the action is required"));
            } else if let TriggerAction::Notify { notification_profile: id } = action {
                if !NOTIFICATION_PROFILES.iter().any(|p| p.0 == id) {
                    errors.push(field(
                        format!("{at}.notificationProfile"),
                        format!("there is no notification profile \"{id}\""),
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Problem::validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_triggers_name_real_event_types_and_plans_run_ignore_triggers_first() {
        for seed in SEEDS {
            assert!(KINDS.iter().any(|k| k.name == seed.event), "{}", seed.id);
        }
        let plan: Vec<_> = seeded_plan("certificate-uploaded").map(|s| s.id).collect();
        assert_eq!(plan, ["trg_ignore_test_certs", "trg_assign_owner"]);
        assert_eq!(seeded_plan("certificate-action-performed").count(), 0, "a disabled trigger does not run");
    }

    #[test]
    fn scopes_are_platform_or_a_known_profile_or_group() {
        assert_eq!(parse_scope("platform").unwrap(), Scope::Platform);
        assert_eq!(parse_scope("group:grp_payments").unwrap(), Scope::Override(BY_PROFILE_OR_GROUP));
        assert_eq!(parse_scope("discovery:dsc_ct_logs").unwrap(), Scope::Override(BY_DISCOVERY));
        assert_eq!(parse_scope("discovery:dsc_nope").unwrap_err().status, 404);
        assert_eq!(parse_scope("raProfile:ra_nope").unwrap_err().status, 404);
        assert_eq!(parse_scope("everywhere").unwrap_err().status, 422);
    }
}
