//! How times read in the console: relative ("5 min ago") with the exact time on hover,
//! in UTC or the browser's local time as the user chooses.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Utc,
    /// The browser's offset from UTC at that moment, in minutes east.
    Local,
}

/// From this age on, a time is told by its date rather than by how long ago it was.
const DATED_AFTER_SECONDS: i64 = 30 * 86_400;

pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - at).num_seconds();
    match seconds {
        s if s < 45 => "just now".into(),
        s if s < 3_600 => format!("{} min ago", (s + 30) / 60),
        s if s < 86_400 => format!("{} h ago", s / 3_600),
        s if s < DATED_AFTER_SECONDS => format!("{} d ago", s / 86_400),
        _ => date(&at.naive_utc()),
    }
}

/// [`relative`] as it reads after a verb: "rotated 5 min ago", "rotated on 2026-01-02".
pub fn relative_after_verb(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let when = relative(at, now);
    if (now - at).num_seconds() < DATED_AFTER_SECONDS {
        when
    } else {
        format!("on {when}")
    }
}

// Written out rather than through chrono's format strings: the table formats a time per
// row on every update, and the format-string interpreter is the slow path.
fn date(t: &NaiveDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day())
}

fn date_time(t: &NaiveDateTime) -> String {
    format!("{} {:02}:{:02}:{:02}", date(t), t.hour(), t.minute(), t.second())
}

/// A `datetime-local` input's value: `2026-11-23T09:05`.
pub fn input_minutes(t: &NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", date(t), t.hour(), t.minute())
}

/// For file names: `20261123-090507`.
pub fn compact(t: &NaiveDateTime) -> String {
    format!("{:04}{:02}{:02}-{:02}{:02}{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// `09:05 UTC` on the same UTC day as `now`, `8 Dec 09:05 UTC` on another: a retry due ten
/// hours ahead, or overdue since yesterday, is not read as today.
pub fn utc_minutes(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let time = format!("{:02}:{:02} UTC", at.hour(), at.minute());
    if at.date_naive() == now.date_naive() {
        time
    } else {
        format!("{} {time}", day_month(at))
    }
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2 Nov`: an axis label.
pub fn day_month(at: DateTime<Utc>) -> String {
    format!("{} {}", at.day(), MONTHS[at.month0() as usize])
}

/// `Mon 2 Nov 2026`: a day as a chart's tooltip and table say it.
pub fn day_label(at: DateTime<Utc>) -> String {
    format!("{} {} {}", at.weekday(), day_month(at), at.year())
}

/// `Mon 2 Nov 2026, 09:00`: an hour as a chart says it.
pub fn hour_label(at: DateTime<Utc>) -> String {
    format!("{}, {:02}:00", day_label(at), at.hour())
}

/// The exact time, to the second, with its zone spelled out.
pub fn exact(at: DateTime<Utc>, zone: Zone, local_offset_minutes: impl Fn(DateTime<Utc>) -> i32) -> String {
    match zone {
        Zone::Utc => format!("{} UTC", date_time(&at.naive_utc())),
        Zone::Local => {
            let minutes = local_offset_minutes(at);
            let offset = FixedOffset::east_opt(minutes * 60).unwrap_or(FixedOffset::east_opt(0).unwrap());
            let sign = if minutes < 0 { '-' } else { '+' };
            let (hours, minutes) = (minutes.abs() / 60, minutes.abs() % 60);
            format!(
                "{} UTC{sign}{hours:02}:{minutes:02}",
                date_time(&at.with_timezone(&offset).naive_local())
            )
        }
    }
}

/// The browser's offset east of UTC at a moment (daylight saving included), in minutes.
pub fn browser_offset_minutes(at: DateTime<Utc>) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64));
    -(date.get_timezone_offset() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn relative_times_coarsen_with_age() {
        let now = at("2026-11-23T12:00:00Z");
        assert_eq!(relative(at("2026-11-23T11:59:30Z"), now), "just now");
        assert_eq!(relative(at("2026-11-23T11:55:00Z"), now), "5 min ago");
        assert_eq!(relative(at("2026-11-23T09:00:00Z"), now), "3 h ago");
        assert_eq!(relative(at("2026-11-20T12:00:00Z"), now), "3 d ago");
        assert_eq!(relative(at("2026-01-02T12:00:00Z"), now), "2026-01-02");
        assert_eq!(relative_after_verb(at("2026-11-23T09:00:00Z"), now), "3 h ago");
        assert_eq!(relative_after_verb(at("2026-01-02T12:00:00Z"), now), "on 2026-01-02");
    }

    #[test]
    fn chart_labels_read_as_chrono_would_write_them() {
        for t in ["2026-11-02T09:00:00Z", "2025-12-31T23:00:00Z", "2026-02-28T00:00:00Z"] {
            let t = at(t);
            assert_eq!(day_month(t), t.format("%-d %b").to_string());
            assert_eq!(day_label(t), t.format("%a %-d %b %Y").to_string());
            assert_eq!(hour_label(t), t.format("%a %-d %b %Y, %H:00").to_string());
        }
        assert_eq!(hour_label(at("2026-11-02T09:00:00Z")), "Mon 2 Nov 2026, 09:00");
    }

    #[test]
    fn exact_times_name_their_zone() {
        let t = at("2026-11-23T12:00:05Z");
        assert_eq!(exact(t, Zone::Utc, |_| 0), "2026-11-23 12:00:05 UTC");
        assert_eq!(exact(t, Zone::Local, |_| 60), "2026-11-23 13:00:05 UTC+01:00");
        assert_eq!(exact(t, Zone::Local, |_| -300), "2026-11-23 07:00:05 UTC-05:00");
        assert_eq!(exact(t, Zone::Local, |_| 330), "2026-11-23 17:30:05 UTC+05:30");
        assert_eq!(exact(at("2026-01-02T03:04:05Z"), Zone::Utc, |_| 0), "2026-01-02 03:04:05 UTC");
    }

    #[test]
    fn short_forms_pad_every_field() {
        let t = at("2026-01-02T03:04:05Z");
        assert_eq!(input_minutes(&t.naive_utc()), "2026-01-02T03:04");
        assert_eq!(compact(&t.naive_utc()), "20260102-030405");
        assert_eq!(utc_minutes(t, at("2026-01-02T23:59:00Z")), "03:04 UTC");
        assert_eq!(utc_minutes(t, at("2026-01-01T22:00:00Z")), "2 Jan 03:04 UTC", "tomorrow's");
    }
}
