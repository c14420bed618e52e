//! Enums a newer backend may extend. The document keeps answers open: a value this version
//! does not know reads as `Unknown`, kept to be shown as it is, instead of failing the whole
//! answer (one new severity must not empty the event table).

/// A value this version does not know (its first 23 bytes, cut at a character), kept as its
/// place among the unknown values read so far: the enums holding one stay `Copy` and four bytes
/// wide, where the value itself in place made each 25 (100,000 events held 4 MB of them).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unknown(u16);

/// Every unknown value read so far, each once. A backend sends a handful; one that sends more
/// than `KEPT_MAX` distinct values has the rest read as "…", so that it cannot grow this without end.
static KEPT: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
const KEPT_MAX: usize = 1024;
const BEYOND: &str = "…";

impl Unknown {
    pub fn new(value: &str) -> Unknown {
        let mut len = value.len().min(23);
        while !value.is_char_boundary(len) {
            len -= 1;
        }
        let value = &value[..len];
        let mut kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let at = match kept.iter().position(|k| *k == value) {
            Some(at) => at,
            None if kept.len() < KEPT_MAX => {
                kept.push(Box::leak(value.into()));
                kept.len() - 1
            }
            None => KEPT_MAX,
        };
        Unknown(at as u16)
    }

    pub fn as_str(&self) -> &'static str {
        let kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.get(usize::from(self.0)).copied().unwrap_or(BEYOND)
    }
}

/// By the values, as the values in place were.
impl Ord for Unknown {
    fn cmp(&self, other: &Unknown) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Unknown {
    fn partial_cmp(&self, other: &Unknown) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Debug for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// Which of `known` the next string is, or the string as an [`Unknown`]. One function for
/// every open enum, so that each reader of answers is compiled once, not once per enum.
pub fn read<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    known: &[&str],
) -> Result<Result<usize, Unknown>, D::Error> {
    let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    Ok(known.iter().position(|k| *k == value).ok_or_else(|| Unknown::new(&value)))
}

/// An enum of wire names plus `Unknown` (deriving `Clone, Copy, Debug, PartialEq, Eq`; more as
/// its attributes say), with `ALL` (the known values, in order), `as_str`
/// (the value as sent), `key`, `parse` (known values only: a filter or a request never names an unknown one) and serde
/// that reads any string.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version does not know, from a newer backend.
            Unknown($crate::open_enum::Unknown),
        }

        impl $name {
            pub const ALL: [$name; [$($wire),+].len()] = [$($name::$variant),+];

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(value) => value.as_str(),
                }
            }

            /// The wire name of a known value and `"unknown"` for the rest: for class names,
            /// form values and keys, where a backend's new value must not reach.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(_) => "unknown",
                }
            }

            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|known| known.as_str() == value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                Ok(match $crate::open_enum::read(deserializer, &[$($wire),+])? {
                    Ok(i) => $name::ALL[i],
                    Err(unknown) => $name::Unknown(unknown),
                })
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    use super::Unknown;
    use crate::{Event, Severity, SourceKind};

    #[test]
    fn unknown_values_are_kept_and_cut_at_a_character() {
        assert_eq!(Unknown::new("emergency").as_str(), "emergency");
        assert_eq!(Unknown::new("").as_str(), "");
        let long = "é".repeat(20);
        assert_eq!(Unknown::new(&long).as_str(), "é".repeat(11));
        assert_eq!(Unknown::new("emergency"), Unknown::new("emergency"), "one place per value");
        let (last, first) = (Unknown::new("zulu"), Unknown::new("alpha"));
        assert!(first < last, "ordered by value, not by when it was read");
        assert_eq!(std::mem::size_of::<crate::Severity>(), 4);
    }

    /// A newer backend's answer: a field this version does not name is ignored, an enum value
    /// it does not know is kept as it is, and known values still read as themselves.
    #[test]
    fn answers_from_a_newer_backend_still_read() {
        let json = r#"{"id":"evt_1","type":"login","category":"Auth","severity":"emergency",
            "sourceKind":"workload","source":"/k8s","actor":null,"ipAddress":null,"message":"m",
            "createdAt":"2026-11-30T10:00:00Z","tenant":{"name":"eu"},"riskScore":7}"#;
        let event: Event = serde_json::from_str(json).unwrap();
        assert_eq!((event.severity.as_str(), event.source_kind.as_str()), ("emergency", "workload"));
        assert!(matches!(event.severity, Severity::Unknown(_)));
        assert_eq!(serde_json::to_value(event.severity).unwrap(), "emergency");
        assert_eq!(serde_json::from_str::<SourceKind>(r#""authMethod""#).unwrap(), SourceKind::AuthMethod);
        assert_eq!(Severity::parse("emergency"), None, "a filter never names an unknown value");
    }
}
