//! Timestamps as the contract writes them, read by a small strict RFC 3339 reader. chrono's own
//! `Deserialize` goes through its relaxed parser and format-item machinery, and even its
//! `parse_from_rfc3339` is about 2 KB of the console's first download for one fixed shape.
//! Writing stays chrono's (`2026-11-23T12:00:00Z`, fractions only when there are some).

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
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

/// `2026-11-23T12:00:00Z`, with an optional fraction (read to nanoseconds) and `Z` or an offset
/// (`+01:00`); `T` (or a space) and `Z` in either case, as RFC 3339 allows. Anything else is `None`.
pub fn parse(value: &str) -> Option<DateTime<Utc>> {
    let b = value.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i).is_some_and(|x| x.eq_ignore_ascii_case(&c));
    // RFC 3339 lets a space stand for the `T`.
    if !(at(4, b'-') && at(7, b'-') && (at(10, b'T') || at(10, b' ')) && at(13, b':') && at(16, b':')) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    let (mut end, mut nanos) = (19, 0);
    if at(19, b'.') {
        // Any number of digits; past nanoseconds they are dropped.
        let digits = b[20..].iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let kept = digits.min(9);
        nanos = number(20..20 + kept)? * 10u32.pow(9 - kept as u32);
        end = 20 + digits;
    }
    let time = date.and_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)?;
    let offset_minutes = match b.get(end..)? {
        [z] if z.eq_ignore_ascii_case(&b'Z') => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(end + 1..end + 3)?, number(end + 4..end + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = i64::from(hours * 60 + minutes);
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    Some((time - Duration::minutes(offset_minutes)).and_utc())
}

struct Timestamp;

impl de::Visitor<'_> for Timestamp {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp such as 2026-01-31T23:59:59Z")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<DateTime<Utc>, E> {
        parse(value).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
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

    /// The reader agrees with chrono's strict parser on what the contract writes and on the
    /// ways a time can be wrong (leap seconds aside: no backend sends them).
    #[test]
    fn reads_as_chronos_strict_parser_does() {
        for value in [
            "2026-11-23T12:00:00Z",
            "2026-11-23t12:00:00z",
            "2026-11-23T12:00:00.5Z",
            "2026-11-23T12:00:00.123456789Z",
            "2026-11-23T12:00:00.250+01:00",
            "2026-11-23T00:30:00-05:30",
            "2024-02-29T23:59:59Z",
            "2025-02-29T23:59:59Z",
            "2026-13-01T00:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T12:60:00Z",
            "2026-11-23T12:00:00",
            "2026-11-23T12:00:00.Z",
            "2026-11-23T12:00:00.1234567890Z",
            "2026-11-23T12:00:00+0100",
            "2026-11-23 12:00:00Z",
            "2026-1-23T12:00:00Z",
            "+2026-11-23T12:00:00Z",
            "2026-11-23T12:00:00Zjunk",
            "",
            "2026-11-23T12:00:00+01:0x",
            "2026-11-23T12:00:00+23:59",
            "2026-11-23T12:00:00+24:00",
            "2026-11-23T12:00:00-01:60",
            "0000-01-01T00:00:00+01:00",
        ] {
            let chrono = DateTime::parse_from_rfc3339(value).ok().map(|t| t.with_timezone(&Utc));
            assert_eq!(parse(value), chrono, "{value:?}");
        }
    }
}
