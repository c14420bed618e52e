//! The usage dashboard's view (period, filters, report, interval) as it lives in the URL:
//! copy the link, reload, press Back, and the dashboard is the same. Defaults are left out.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use event_center_contract::{UsageAction, UsageQuery};

/// How far back usage data is kept.
const RETENTION_DAYS: i64 = 365;
/// The longest range shown hour by hour.
const MAX_HOURLY_DAYS: i64 = 31;

/// The seed's periods; the last 30 days by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Period {
    Last7Days,
    MonthToDate,
    #[default]
    Last30Days,
    /// Whole days, in UTC, both included.
    Custom {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}

impl Period {
    pub const PRESETS: [Period; 3] = [Period::Last7Days, Period::MonthToDate, Period::Last30Days];

    pub fn key(self) -> &'static str {
        match self {
            Period::Last7Days => "7d",
            Period::MonthToDate => "mtd",
            Period::Last30Days => "30d",
            Period::Custom { .. } => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::Last7Days => "Last 7 days",
            Period::MonthToDate => "Month to date",
            Period::Last30Days => "Last 30 days",
            Period::Custom { .. } => "Custom range",
        }
    }
}

/// The two reports of the seed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Report {
    #[default]
    Secrets,
    PasswordManager,
}

impl Report {
    pub const ALL: [Report; 2] = [Report::Secrets, Report::PasswordManager];

    pub fn key(self) -> &'static str {
        match self {
            Report::Secrets => "secrets",
            Report::PasswordManager => "password-manager",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Report::Secrets => "Secrets & keys",
            Report::PasswordManager => "Password manager",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsageView {
    pub period: Period,
    pub user: String,
    pub secret: String,
    pub action: Option<UsageAction>,
    pub report: Report,
    /// Asked for hour by hour; shown so only for ranges up to 31 days.
    pub hourly: bool,
}

/// Hour by hour is offered for ranges up to 31 days.
pub fn hours_allowed((from, to): (DateTime<Utc>, DateTime<Utc>)) -> bool {
    to - from <= Duration::days(MAX_HOURLY_DAYS)
}

/// Why a custom range cannot be shown; said next to the dates, before any request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeError {
    /// `from` or `to`.
    pub field: &'static str,
    pub message: String,
}

/// The first whole day whose data is kept, at `now`.
pub fn earliest_day(now: DateTime<Utc>) -> NaiveDate {
    (now - Duration::days(RETENTION_DAYS)).date_naive() + Duration::days(1)
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

impl UsageView {
    /// Reads a query string (without `?`); what it cannot read it leaves at its default, so an
    /// edited or outdated link still opens the dashboard.
    pub fn from_query(query: &str) -> UsageView {
        let mut view = UsageView::default();
        let (mut from, mut to) = (None, None);
        let mut custom = false;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "range" if value == "custom" => custom = true,
                "range" => {
                    view.period = Period::PRESETS.into_iter().find(|p| p.key() == value).unwrap_or_default()
                }
                "from" => from = value.parse().ok(),
                "to" => to = value.parse().ok(),
                "user" => view.user = value.trim().into(),
                "secret" => view.secret = value.trim().into(),
                "action" => view.action = UsageAction::parse(&value),
                "report" => {
                    view.report = Report::ALL.into_iter().find(|r| r.key() == value).unwrap_or_default()
                }
                "interval" => view.hourly = value == "hour",
                _ => {}
            }
        }
        if custom {
            view.period = Period::Custom { from, to };
        }
        view
    }

    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if self.period != Period::default() {
            out.append_pair("range", self.period.key());
        }
        if let Period::Custom { from, to } = self.period {
            for (key, day) in [("from", from), ("to", to)] {
                if let Some(day) = day {
                    out.append_pair(key, &day.to_string());
                }
            }
        }
        for (key, value) in [("user", &self.user), ("secret", &self.secret)] {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        if let Some(action) = self.action {
            out.append_pair("action", action.as_str());
        }
        if self.report != Report::default() {
            out.append_pair("report", self.report.key());
        }
        if self.hourly {
            out.append_pair("interval", "hour");
        }
        out.finish()
    }

    /// The range at `now`, or why a custom one cannot be asked for.
    pub fn range(&self, now: DateTime<Utc>) -> Result<(DateTime<Utc>, DateTime<Utc>), RangeError> {
        let back = |days| Ok((now - Duration::days(days), now));
        match self.period {
            Period::Last7Days => back(7),
            Period::Last30Days => back(30),
            Period::MonthToDate => {
                Ok((midnight(now.date_naive().with_day(1).unwrap_or(now.date_naive())), now))
            }
            Period::Custom { from, to } => {
                let error = |field, message: String| Err(RangeError { field, message });
                let (Some(from), Some(to)) = (from, to) else {
                    return error(if from.is_none() { "from" } else { "to" }, "Choose both dates.".into());
                };
                let earliest = earliest_day(now);
                if from < earliest {
                    return error(
                        "from",
                        format!("Usage data is kept for 12 months: the earliest start date is {earliest}."),
                    );
                }
                if from > to {
                    return error("to", "The end date is before the start date.".into());
                }
                if from > now.date_naive() {
                    return error("from", "The start date is in the future.".into());
                }
                Ok((midnight(from), (midnight(to) + Duration::days(1)).min(now)))
            }
        }
    }

    /// The request's filters for the range.
    pub fn to_usage_query(&self, (from, to): (DateTime<Utc>, DateTime<Utc>)) -> UsageQuery {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        UsageQuery {
            from: Some(from),
            to: Some(to),
            user: text(&self.user),
            secret: text(&self.secret),
            action: self.action,
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.user.is_empty() || !self.secret.is_empty() || self.action.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 15, 20, 0).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_view_survives_the_url_and_defaults_are_left_out() {
        assert_eq!(UsageView::default().to_query(), "");
        let views = [
            UsageView { period: Period::Last7Days, ..Default::default() },
            UsageView { period: Period::MonthToDate, hourly: true, ..Default::default() },
            UsageView {
                period: Period::Custom { from: Some(day("2026-01-05")), to: None },
                user: "k8s:prod/payments-api".into(),
                secret: "db/postgres primary & co".into(),
                action: Some(UsageAction::Deletion),
                report: Report::PasswordManager,
                hourly: false,
            },
        ];
        for view in views {
            assert_eq!(UsageView::from_query(&view.to_query()), view, "{}", view.to_query());
        }
        let outdated = UsageView::from_query("range=1y&action=get-secret-value&report=billing&from=someday");
        assert_eq!(outdated, UsageView::default(), "an outdated link opens the default dashboard");
    }

    #[test]
    fn presets_end_now_and_month_to_date_starts_on_the_first() {
        let view = |period| UsageView { period, ..Default::default() };
        assert_eq!(view(Period::Last7Days).range(now()), Ok((now() - Duration::days(7), now())));
        assert_eq!(view(Period::Last30Days).range(now()).unwrap().0, now() - Duration::days(30));
        let (from, to) = view(Period::MonthToDate).range(now()).unwrap();
        assert_eq!((from, to), (Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(), now()));
    }

    #[test]
    fn a_custom_range_covers_whole_days_and_is_refused_before_any_request_when_too_old() {
        let custom = |from: &str, to: &str| UsageView {
            period: Period::Custom { from: from.parse().ok(), to: to.parse().ok() },
            ..Default::default()
        };
        let (from, to) = custom("2026-11-01", "2026-11-02").range(now()).unwrap();
        assert_eq!(to - from, Duration::days(2), "both days included");
        assert_eq!(custom("2026-11-29", "2026-12-31").range(now()).unwrap().1, now(), "not past now");
        assert_eq!(earliest_day(now()), day("2025-12-01"));
        let too_old = custom("2025-11-30", "2026-01-01").range(now()).unwrap_err();
        assert_eq!(too_old.field, "from");
        assert!(too_old.message.contains("2025-12-01"), "names the earliest date: {}", too_old.message);
        assert!(custom("2025-12-01", "2026-01-01").range(now()).is_ok());
        assert_eq!(custom("2026-11-02", "2026-11-01").range(now()).unwrap_err().field, "to");
        assert_eq!(custom("", "2026-11-01").range(now()).unwrap_err().field, "from");
        assert_eq!(custom("2026-12-02", "2026-12-03").range(now()).unwrap_err().field, "from");
    }

    #[test]
    fn hours_only_for_ranges_up_to_31_days() {
        let range = |period| UsageView { period, ..Default::default() }.range(now()).unwrap();
        assert!(hours_allowed(range(Period::Last30Days)));
        assert!(hours_allowed(range(Period::MonthToDate)));
        let long = Period::Custom { from: Some(day("2026-06-01")), to: Some(day("2026-11-01")) };
        assert!(!hours_allowed(range(long)));
        let month = Period::Custom { from: Some(day("2026-10-01")), to: Some(day("2026-10-31")) };
        assert!(hours_allowed(range(month)), "a whole month of 31 days");
    }

    #[test]
    fn the_query_carries_the_filters() {
        let view = UsageView {
            user: "svc-ci-runner".into(),
            action: Some(UsageAction::Access),
            ..Default::default()
        };
        let query = view.to_usage_query(view.range(now()).unwrap());
        assert_eq!(query.user.as_deref(), Some("svc-ci-runner"));
        assert_eq!((query.secret, query.action, query.to), (None, Some(UsageAction::Access), Some(now())));
    }
}
