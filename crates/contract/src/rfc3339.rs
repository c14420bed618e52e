//! Timestamps as the contract writes them, read with chrono's strict RFC 3339 parser. chrono's
//! own `Deserialize` goes through its relaxed parser and its format-item machinery: slower (about
//! a third of reading a page of events) and code that the console's first download would carry.
//! Writing stays chrono's (`2026-11-23T12:00:00Z`, fractions only when there are some).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{de, Deserializer};

/// `#[serde(deserialize_with = "crate::rfc3339::deserialize")]`
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(Timestamp)
}

/// `#[serde(default, deserialize_with = "crate::rfc3339::deserialize_option")]`: `null` or absent
/// is `None`.
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    deserializer.deserialize_option(MaybeTimestamp)
}

struct Timestamp;

impl de::Visitor<'_> for Timestamp {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp such as 2026-01-31T23:59:59Z")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<DateTime<Utc>, E> {
        DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&Utc)).map_err(E::custom)
    }
}

struct MaybeTimestamp;

impl<'de> de::Visitor<'de> for MaybeTimestamp {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Stamped {
        #[serde(deserialize_with = "deserialize")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "deserialize_option")]
        until: Option<DateTime<Utc>>,
    }

    #[test]
    fn reads_what_the_contract_writes_and_refuses_the_rest() {
        let read = |json: &str| serde_json::from_str::<Stamped>(json);
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert_eq!(read(r#"{"at": "2026-11-23T12:00:00Z"}"#).unwrap(), Stamped { at, until: None });
        let offset = read(r#"{"at": "2026-11-23T13:00:00.250+01:00", "until": null}"#).unwrap();
        assert_eq!(offset.at, at + chrono::Duration::milliseconds(250));
        let until = read(r#"{"at": "2026-11-23T12:00:00Z", "until": "2026-11-24T12:00:00Z"}"#).unwrap();
        assert_eq!(until.until, Some(at + chrono::Duration::days(1)));
        for bad in [r#"{"at": "2026-11-23 12:00"}"#, r#"{"at": "yesterday"}"#, r#"{"at": 5}"#] {
            assert!(read(bad).is_err(), "{bad}");
        }
        let written = serde_json::to_string(&at).unwrap();
        assert_eq!(read(&format!(r#"{{"at": {written}}}"#)).unwrap().at, at, "reads chrono's own writing");
    }
}
