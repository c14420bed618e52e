//! Names every answer repeats, read once per thread and shared: an event's type and category,
//! and who and what it is about (actor, source). 100,000 events of some sixty types, ten actors
//! and a few hundred paths held 100,000 copies of each, about 10 MB of the console's memory.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;
use std::thread::LocalKey;

use serde::{Deserialize, Deserializer};

/// Past this many names in a list (a backend sending a new one with every event), each is read
/// on its own rather than kept. A list looked through is quick at this size, and smaller in the
/// first download than a hash set.
const KEPT_MAX: usize = 256;

type Names = RefCell<Vec<Arc<str>>>;

// One list per field, so that many actors do not crowd out the types.
thread_local! {
    static KINDS: Names = const { RefCell::new(Vec::new()) };
    static ACTORS: Names = const { RefCell::new(Vec::new()) };
    static SOURCES: Names = const { RefCell::new(Vec::new()) };
}

/// The name `value`, shared with every other holder of the same name in `list`.
fn shared_in(list: &'static LocalKey<Names>, value: &str) -> Arc<str> {
    list.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(name) = names.iter().find(|name| ***name == *value) {
            return name.clone();
        }
        let name: Arc<str> = value.into();
        if names.len() < KEPT_MAX {
            names.push(name.clone());
        }
        name
    })
}

fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    list: &'static LocalKey<Names>,
) -> Result<Arc<str>, D::Error> {
    Ok(shared_in(list, &Cow::<'de, str>::deserialize(deserializer)?))
}

/// A type or category name.
pub fn kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
    read(deserializer, &KINDS)
}

pub fn source<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
    read(deserializer, &SOURCES)
}

/// An actor, or none (`null`, or left out).
pub fn actor<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Arc<str>>, D::Error> {
    Option::<Cow<'de, str>>::deserialize(deserializer)
        .map(|actor| actor.map(|actor| shared_in(&ACTORS, &actor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_read_twice_is_held_once() {
        let (first, again) =
            (shared_in(&KINDS, "certificate-expired"), shared_in(&KINDS, "certificate-expired"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(&*first, "certificate-expired");
        let events: Vec<crate::Event> = serde_json::from_str(
            r#"[{"id":"evt_1","type":"login","category":"Auth","severity":"info","sourceKind":"user",
                "source":"/users/a","actor":"a","ipAddress":null,"message":"m","createdAt":"2026-11-30T10:00:00Z"},
               {"id":"evt_2","type":"login","category":"Auth","severity":"info","sourceKind":"user",
                "source":"/users/a","actor":"a","ipAddress":null,"message":"m","createdAt":"2026-11-30T10:01:00Z"},
               {"id":"evt_3","type":"login","category":"Auth","severity":"info","sourceKind":"user",
                "source":"/users/b","ipAddress":null,"message":"m","createdAt":"2026-11-30T10:02:00Z"}]"#,
        )
        .unwrap();
        assert!(Arc::ptr_eq(&events[0].event_type, &events[1].event_type));
        assert!(Arc::ptr_eq(&events[0].category, &events[1].category));
        assert!(Arc::ptr_eq(&events[0].source, &events[1].source));
        assert!(Arc::ptr_eq(events[0].actor.as_ref().unwrap(), events[1].actor.as_ref().unwrap()));
        assert_eq!(
            (&*events[2].source, events[2].actor.as_deref()),
            ("/users/b", None),
            "a left-out actor is none"
        );
    }

    #[test]
    fn past_the_kept_many_names_are_still_read() {
        for n in 0..KEPT_MAX + 10 {
            assert_eq!(&*shared_in(&SOURCES, &format!("/path/{n}")), format!("/path/{n}"));
        }
        assert_eq!(SOURCES.with(|names| names.borrow().len()), KEPT_MAX);
    }
}
