//! Names every answer repeats (an event's type and category), read once per thread and shared:
//! 100,000 events of some forty types held 100,000 copies of each name, 4 MB of the console's
//! memory.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

/// Past this many names (a backend sending a new one with every event), each is read on its
/// own rather than kept. A platform has some hundred types and a few categories: a list looked
/// through is quick, and smaller in the first download than a hash set.
const KEPT_MAX: usize = 256;

thread_local! {
    static NAMES: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
}

/// The name `value`, shared with every other holder of the same name.
pub fn shared(value: &str) -> Arc<str> {
    NAMES.with(|names| {
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

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
    Ok(shared(&Cow::<'de, str>::deserialize(deserializer)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_read_twice_is_held_once() {
        let (first, again) = (shared("certificate-expired"), shared("certificate-expired"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(&*first, "certificate-expired");
        let events: Vec<crate::Event> = serde_json::from_str(
            r#"[{"id":"evt_1","type":"login","category":"Auth","severity":"info","sourceKind":"user",
                "source":"/users/a","actor":null,"ipAddress":null,"message":"m","createdAt":"2026-11-30T10:00:00Z"},
               {"id":"evt_2","type":"login","category":"Auth","severity":"info","sourceKind":"user",
                "source":"/users/b","actor":null,"ipAddress":null,"message":"m","createdAt":"2026-11-30T10:01:00Z"}]"#,
        )
        .unwrap();
        assert!(Arc::ptr_eq(&events[0].event_type, &events[1].event_type));
        assert!(Arc::ptr_eq(&events[0].category, &events[1].category));
    }
}
