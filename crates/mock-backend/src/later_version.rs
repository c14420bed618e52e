//! Answers as a later version of a backend might give them, to prove that the console reads
//! what the contract allows a backend to add: a field on every object it does not name, and
//! enum values it does not know (`--later-version` on the test server). What a client saves
//! back as read (specs, settings, assignments) stays closed, as the contract says.

use serde_json::Value;

/// Which known value of which field a later version says differently.
const RENAMED: [(&str, &str, &str); 4] = [
    ("severity", "info", "notice"),
    ("sourceKind", "system", "workload"),
    ("outcome", "no-match", "skipped"),
    ("status", "pending", "queued"),
];

/// A field of a later version, on every object.
pub const ADDED_FIELD: &str = "addedInALaterVersion";

/// `body`, a JSON answer, as a later version would write it; anything else as it is.
pub fn rewrite(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(mut value) => {
            extend(&mut value);
            value.to_string()
        }
        Err(_) => body.to_string(),
    }
}

/// What a client saves back as it read it: the contract keeps these closed.
fn saved_back(field: &str) -> bool {
    matches!(field, "spec" | "assignments")
}

fn extend(value: &mut Value) {
    match value {
        // Notification settings, read and saved whole.
        Value::Object(map) if map.contains_key("minSeverity") => {}
        Value::Object(map) => {
            for (field, known, later) in RENAMED {
                if map.get(field).and_then(Value::as_str) == Some(known) {
                    map.insert(field.into(), later.into());
                }
            }
            map.iter_mut().filter(|(field, _)| !saved_back(field)).for_each(|(_, value)| extend(value));
            map.insert(
                ADDED_FIELD.into(),
                serde_json::json!({ "note": "a field this version does not name" }),
            );
        }
        Value::Array(items) => items.iter_mut().for_each(extend),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_gains_a_field_and_known_values_are_renamed() {
        let later = rewrite(r#"{"data":[{"severity":"info","sourceKind":"item"}],"hasMore":false}"#);
        let later: Value = serde_json::from_str(&later).unwrap();
        assert_eq!(later["data"][0]["severity"], "notice");
        assert_eq!(later["data"][0]["sourceKind"], "item");
        assert!(later[ADDED_FIELD].is_object() && later["data"][0][ADDED_FIELD].is_object());
        assert_eq!(rewrite("id,type\n1,login"), "id,type\n1,login");
        let trigger: Value = serde_json::from_str(&rewrite(r#"{"id":"t","spec":{"name":"n"}}"#)).unwrap();
        assert!(
            trigger[ADDED_FIELD].is_object() && trigger["spec"].get(ADDED_FIELD).is_none(),
            "specs stay closed"
        );
    }
}
