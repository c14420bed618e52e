//! The ordered lists one scope runs, changed one step at a time, and the page's view as it lives
//! in the URL: the event type chosen and the scope shown.

use event_center_contract::{EventAssignment, TriggerKind};

/// The scope every other overrides.
pub const PLATFORM: &str = "platform";

/// `/triggers?event=…&scope=…`: an event type's lists in a scope (the platform's by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TriggersView {
    pub event: Option<String>,
    /// `raProfile:<id>`, `group:<id>`, `discovery:<id>`; `None` is the platform.
    pub scope: Option<String>,
}

impl TriggersView {
    pub fn from_query(query: &str) -> TriggersView {
        let mut view = TriggersView::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            let value = (!value.is_empty()).then(|| value.to_string());
            match key.as_ref() {
                "event" => view.event = value,
                "scope" => view.scope = value.filter(|v| v != PLATFORM),
                _ => {}
            }
        }
        view
    }

    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(event) = &self.event {
            out.append_pair("event", event);
        }
        if let Some(scope) = &self.scope {
            out.append_pair("scope", scope);
        }
        out.finish()
    }

    pub fn scope(&self) -> &str {
        self.scope.as_deref().unwrap_or(PLATFORM)
    }
}

/// One edit of an event type's lists in a scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The trigger at `from` goes to `to` in its kind's list.
    Move {
        kind: TriggerKind,
        from: usize,
        to: usize,
    },
    Add {
        kind: TriggerKind,
        id: String,
    },
    Remove {
        kind: TriggerKind,
        id: String,
    },
    /// The scope starts its own lists for the event type, as a copy of these.
    Override(EventAssignment),
    /// The scope's own lists go: it runs the platform's again.
    Inherit,
}

pub fn list(assignment: &EventAssignment, kind: TriggerKind) -> &Vec<String> {
    match kind {
        TriggerKind::Ignore => &assignment.ignore_triggers,
        TriggerKind::Action => &assignment.action_triggers,
    }
}

fn list_mut(assignment: &mut EventAssignment, kind: TriggerKind) -> &mut Vec<String> {
    match kind {
        TriggerKind::Ignore => &mut assignment.ignore_triggers,
        TriggerKind::Action => &mut assignment.action_triggers,
    }
}

/// The scope's assignments after `change` to `event`'s lists. A change that cannot apply (a
/// position past the end) changes nothing.
pub fn apply(assignments: &[EventAssignment], event: &str, change: &Change) -> Vec<EventAssignment> {
    let mut next = assignments.to_vec();
    let at = next.iter().position(|a| a.event == event);
    match (change, at) {
        (Change::Inherit, Some(i)) => {
            next.remove(i);
        }
        (Change::Override(lists), None) => {
            next.push(EventAssignment { event: event.into(), ..lists.clone() })
        }
        (Change::Add { kind, id }, None) => {
            let mut lists =
                EventAssignment { event: event.into(), ignore_triggers: vec![], action_triggers: vec![] };
            list_mut(&mut lists, *kind).push(id.clone());
            next.push(lists);
        }
        (Change::Add { kind, id }, Some(i)) => {
            let list = list_mut(&mut next[i], *kind);
            if !list.contains(id) {
                list.push(id.clone());
            }
        }
        (Change::Remove { kind, id }, Some(i)) => list_mut(&mut next[i], *kind).retain(|t| t != id),
        (Change::Move { kind, from, to }, Some(i)) => {
            let list = list_mut(&mut next[i], *kind);
            if *from < list.len() && *to < list.len() {
                let id = list.remove(*from);
                list.insert(*to, id);
            }
        }
        _ => {}
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(ignore: &[&str], action: &[&str]) -> EventAssignment {
        EventAssignment {
            event: "certificate-uploaded".into(),
            ignore_triggers: ignore.iter().map(|s| s.to_string()).collect(),
            action_triggers: action.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_view_round_trips_through_the_url_and_leaves_the_platform_out() {
        let view = TriggersView {
            event: Some("certificate-expiring".into()),
            scope: Some("group:grp_payments".into()),
        };
        assert_eq!(view.to_query(), "event=certificate-expiring&scope=group%3Agrp_payments");
        assert_eq!(TriggersView::from_query(&view.to_query()), view);
        assert_eq!(TriggersView::from_query("scope=platform&event=").to_query(), "");
        assert_eq!(TriggersView::default().scope(), PLATFORM);
    }

    #[test]
    fn moves_adds_and_removes_change_only_their_list() {
        let start = vec![lists(&["a", "b", "c"], &["x"])];
        let moved = apply(
            &start,
            "certificate-uploaded",
            &Change::Move { kind: TriggerKind::Ignore, from: 2, to: 0 },
        );
        assert_eq!(moved, [lists(&["c", "a", "b"], &["x"])]);
        let past_the_end = Change::Move { kind: TriggerKind::Action, from: 0, to: 1 };
        assert_eq!(apply(&start, "certificate-uploaded", &past_the_end), start);
        let added =
            apply(&start, "certificate-uploaded", &Change::Add { kind: TriggerKind::Action, id: "y".into() });
        assert_eq!(added, [lists(&["a", "b", "c"], &["x", "y"])]);
        let twice =
            apply(&added, "certificate-uploaded", &Change::Add { kind: TriggerKind::Action, id: "y".into() });
        assert_eq!(twice, added, "a list holds a trigger once");
        let removed = apply(
            &start,
            "certificate-uploaded",
            &Change::Remove { kind: TriggerKind::Ignore, id: "b".into() },
        );
        assert_eq!(removed, [lists(&["a", "c"], &["x"])]);
    }

    #[test]
    fn an_override_starts_from_a_copy_and_inheriting_drops_it() {
        let platform = lists(&["a"], &["x"]);
        let overridden = apply(&[], "certificate-uploaded", &Change::Override(platform.clone()));
        assert_eq!(overridden, [platform]);
        assert!(apply(&overridden, "certificate-uploaded", &Change::Inherit).is_empty());
        let first =
            apply(&[], "certificate-expiring", &Change::Add { kind: TriggerKind::Ignore, id: "a".into() });
        assert_eq!(first[0].event, "certificate-expiring");
        assert_eq!(first[0].ignore_triggers, ["a"]);
    }
}
