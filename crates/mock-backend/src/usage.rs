//! Twelve months of usage, generated from the seed: an hourly request count with a working
//! week's rhythm and growth over the year, split among users, secrets and actions by fixed
//! shares. Every figure of a report is derived from the same hours, so totals, series and
//! top lists add up.

use chrono::{DateTime, Duration, DurationRound, Utc};
use event_center_contract::{
    Count, Dimension, ExceededClient, FieldError, Interval, Problem, UsageExport, UsagePoint, UsageQuery,
    UsageSeries, UsageSummary, UsageTop,
};

use crate::rng::Rng;
use crate::world;

/// How long usage data is kept, as the seeds' Enterprise tier does.
const RETENTION_DAYS: i64 = 365;
/// The longest range an hourly series covers.
const MAX_HOURLY_DAYS: i64 = 31;

/// A user or client: name, auth method, its type, relative activity, monthly request limit.
const CLIENTS: &[(&str, &str, &str, f64, u64)] = &[
    ("alice.nguyen@example.com", "/auth/okta-saml", "saml2", 3.0, 50_000),
    ("bob.martin@example.com", "/auth/okta-saml", "saml2", 1.5, 50_000),
    ("carol.smith@example.com", "/auth/azure-ad-oidc", "oidc", 2.0, 50_000),
    ("dmitri.ivanov@example.com", "/auth/ldap-corp", "ldap", 1.0, 50_000),
    ("erin.oconnor@example.com", "/auth/okta-saml", "saml2", 1.2, 50_000),
    ("farah.haddad@example.com", "/auth/azure-ad-oidc", "oidc", 0.8, 50_000),
    ("contractor.jane@example.com", "/auth/email-contractors", "email", 0.3, 10_000),
    ("svc-ci-runner", "/auth/aws-iam-ci", "aws_iam", 30.0, 80_000),
    ("svc-terraform", "/auth/api-key-terraform", "api_key", 8.0, 400_000),
    ("k8s:prod/payments-api", "/auth/k8s-prod-cluster", "k8s", 25.0, 1_000_000),
    ("batch-jobs", "/auth/uid-batch-jobs", "universal_identity", 6.0, 100_000),
    ("mobile-backend", "/auth/api-key-terraform", "api_key", 4.0, 10_000),
];

/// A secret's type, from its path, as the seeds' `secrets_by_types` names them.
fn secret_type(path: &str) -> &'static str {
    match path {
        p if p.starts_with("pki/") => "certificate",
        p if p.starts_with("db/") || p.starts_with("ssh/") => "rotated_secret",
        p if p.starts_with("cloud/") => "dynamic_secret",
        p if p.starts_with("keys/") => "classic_key",
        _ => "static_secret",
    }
}

const KEYS: &[&str] = &["keys/payments-signing", "keys/backup-encryption"];

const ACTIONS: &[(&str, f64)] = &[
    ("get-secret-value", 60.0),
    ("auth", 15.0),
    ("describe-item", 8.0),
    ("list-items", 7.0),
    ("get-certificate", 4.0),
    ("encrypt", 2.0),
    ("decrypt", 2.0),
    ("update-item", 1.0),
    ("rotate-secret", 0.6),
    ("create-secret", 0.3),
    ("delete-item", 0.1),
];

pub struct Usage {
    /// The start of the first hour kept.
    origin: DateTime<Utc>,
    hourly: Vec<u64>,
    /// Shares that each sum to 1.
    users: Vec<f64>,
    secrets: Vec<(String, f64)>,
    actions: Vec<f64>,
}

fn normalised(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    let weights: Vec<f64> = weights.collect();
    let total: f64 = weights.iter().sum();
    weights.into_iter().map(|w| w / total).collect()
}

/// Splits `total` by `shares` into whole numbers that add up to it (largest remainders).
fn apportion(total: u64, shares: &[f64]) -> Vec<u64> {
    if shares.iter().sum::<f64>() <= 0.0 {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|s| s * total as f64).collect();
    let mut parts: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let left = total.saturating_sub(parts.iter().sum());
    for &i in order.iter().take(left as usize) {
        parts[i] += 1;
    }
    parts
}

/// Names with their requests, most first, zeros left out.
fn ranked(counts: impl Iterator<Item = (String, u64)>) -> Vec<Count> {
    let mut merged: Vec<Count> = Vec::new();
    for (name, requests) in counts.filter(|(_, r)| *r > 0) {
        match merged.iter_mut().find(|c| c.name == name) {
            Some(c) => c.requests += requests,
            None => merged.push(Count { name, requests }),
        }
    }
    merged.sort_by(|a, b| b.requests.cmp(&a.requests).then_with(|| a.name.cmp(&b.name)));
    merged
}

fn invalid(field: &str, message: String) -> Problem {
    Problem::validation(vec![FieldError { field: field.into(), message }])
}

impl Usage {
    pub fn generate(seed: u64, now: DateTime<Utc>) -> Usage {
        let mut rng = Rng::new(seed ^ 0x05a6_e000);
        let end = now.duration_trunc(Duration::hours(1)).expect("an hour boundary") + Duration::hours(1);
        let hours = (RETENTION_DAYS * 24) as usize;
        let origin = end - Duration::hours(hours as i64);
        let hourly = (0..hours)
            .map(|h| {
                let at = origin + Duration::hours(h as i64);
                let growth = 0.6 + 0.4 * h as f64 / hours as f64;
                let hour = chrono::Timelike::hour(&at) as f64;
                let daytime = 0.35 + 0.65 * (-(hour - 14.0).powi(2) / 18.0).exp();
                let weekday = chrono::Datelike::weekday(&at).num_days_from_monday();
                let week = if weekday >= 5 { 0.45 } else { 1.0 };
                let noise = 0.8 + 0.4 * rng.unit();
                (900.0 * growth * daytime * week * noise) as u64
            })
            .collect();
        let secrets: Vec<&str> =
            world::SECRETS.iter().chain(world::CERTIFICATES).chain(KEYS).copied().collect();
        let secret_shares = normalised(secrets.iter().map(|_| 0.2 + rng.unit()));
        Usage {
            origin,
            hourly,
            users: normalised(CLIENTS.iter().map(|c| c.3)),
            secrets: secrets.into_iter().map(String::from).zip(secret_shares).collect(),
            actions: normalised(ACTIONS.iter().map(|a| a.1)),
        }
    }

    fn end(&self) -> DateTime<Utc> {
        self.origin + Duration::hours(self.hourly.len() as i64)
    }

    /// The range asked for (the last 30 days by default), checked against what is kept.
    fn range(&self, query: &UsageQuery) -> Result<(DateTime<Utc>, DateTime<Utc>), Problem> {
        let to = query.to.unwrap_or(self.end()).min(self.end());
        let from = query.from.unwrap_or(to - Duration::days(30));
        if from < self.origin {
            return Err(invalid(
                "from",
                format!(
                    "usage data is kept for 12 months; the earliest is {}",
                    self.origin.format("%Y-%m-%d %H:%M UTC")
                ),
            ));
        }
        Ok((from, to.max(from)))
    }

    /// The share of all requests the filters keep.
    fn filtered_share(&self, query: &UsageQuery) -> f64 {
        fn of<'a>(name: &Option<String>, mut shares: impl Iterator<Item = (&'a str, f64)>) -> f64 {
            match name {
                None => 1.0,
                Some(n) => shares.find(|(k, _)| k == n).map_or(0.0, |(_, s)| s),
            }
        }
        of(&query.user, CLIENTS.iter().map(|c| c.0).zip(self.users.iter().copied()))
            * of(&query.secret, self.secrets.iter().map(|(s, w)| (s.as_str(), *w)))
            * of(&query.action, ACTIONS.iter().map(|a| a.0).zip(self.actions.iter().copied()))
    }

    /// The hours of the range, each with its filtered requests.
    fn hours(&self, query: &UsageQuery) -> Result<Vec<(DateTime<Utc>, u64)>, Problem> {
        let (from, to) = self.range(query)?;
        let share = self.filtered_share(query);
        let first = ((from - self.origin).num_seconds() + 3599) / 3600;
        let last = (to - self.origin).num_seconds() / 3600;
        Ok((first..last)
            .map(|h| {
                (self.origin + Duration::hours(h), (self.hourly[h as usize] as f64 * share).round() as u64)
            })
            .collect())
    }

    /// Each user's requests in the range, apportioned from the filtered total.
    fn per_user(&self, query: &UsageQuery, total: u64) -> Vec<u64> {
        let shares: Vec<f64> = CLIENTS
            .iter()
            .zip(&self.users)
            .map(|(c, s)| if query.user.as_ref().is_none_or(|u| u == c.0) { *s } else { 0.0 })
            .collect();
        apportion(total, &normalised_or_zero(shares))
    }

    fn per_secret(&self, query: &UsageQuery, total: u64) -> Vec<u64> {
        let shares: Vec<f64> = self
            .secrets
            .iter()
            .map(|(s, w)| if query.secret.as_ref().is_none_or(|q| q == s) { *w } else { 0.0 })
            .collect();
        apportion(total, &normalised_or_zero(shares))
    }

    pub fn summary(&self, query: &UsageQuery) -> Result<UsageSummary, Problem> {
        let (from, to) = self.range(query)?;
        let total: u64 = self.hours(query)?.iter().map(|(_, r)| r).sum();
        let users = self.per_user(query, total);
        let days = ((to - from).num_seconds() as f64 / 86_400.0).max(1.0 / 24.0);
        let exceeded_clients = CLIENTS
            .iter()
            .zip(&users)
            .filter_map(|(c, &requests)| {
                let limit = (c.4 as f64 * days / 30.0).round() as u64;
                (requests > limit).then(|| ExceededClient {
                    client: c.0.into(),
                    auth_method_type: c.2.into(),
                    requests,
                    limit,
                })
            })
            .collect();
        Ok(UsageSummary {
            from,
            to,
            total_requests: total,
            unique_users: users.iter().filter(|r| **r > 0).count() as u32,
            by_auth_method_type: ranked(CLIENTS.iter().zip(&users).map(|(c, r)| (c.2.to_string(), *r))),
            by_secret_type: ranked(
                self.secrets
                    .iter()
                    .zip(self.per_secret(query, total))
                    .map(|((s, _), r)| (secret_type(s).into(), r)),
            ),
            exceeded_clients,
        })
    }

    pub fn series(&self, query: &UsageQuery, interval: Interval) -> Result<UsageSeries, Problem> {
        let (from, to) = self.range(query)?;
        if interval == Interval::Hour && to - from > Duration::days(MAX_HOURLY_DAYS) {
            return Err(invalid(
                "interval",
                format!("hourly points cover at most {MAX_HOURLY_DAYS} days; choose day for a longer range"),
            ));
        }
        let mut points: Vec<UsagePoint> = Vec::new();
        for (at, requests) in self.hours(query)? {
            let bucket = match interval {
                Interval::Hour => at,
                Interval::Day => at.duration_trunc(Duration::days(1)).expect("a day boundary"),
            };
            match points.last_mut() {
                Some(p) if p.at == bucket => p.requests += requests,
                _ => points.push(UsagePoint { at: bucket, requests }),
            }
        }
        Ok(UsageSeries { interval, points })
    }

    pub fn top(&self, query: &UsageQuery, dimension: Dimension, limit: usize) -> Result<UsageTop, Problem> {
        let total: u64 = self.hours(query)?.iter().map(|(_, r)| r).sum();
        let mut entries = match dimension {
            Dimension::User => {
                ranked(CLIENTS.iter().zip(self.per_user(query, total)).map(|(c, r)| (c.0.to_string(), r)))
            }
            Dimension::AuthMethod => {
                ranked(CLIENTS.iter().zip(self.per_user(query, total)).map(|(c, r)| (c.1.to_string(), r)))
            }
            Dimension::Secret => ranked(
                self.secrets.iter().zip(self.per_secret(query, total)).map(|((s, _), r)| (s.clone(), r)),
            ),
        };
        entries.truncate(limit);
        Ok(UsageTop { dimension, entries })
    }

    pub fn export(&self, query: &UsageQuery, now: DateTime<Utc>) -> Result<UsageExport, Problem> {
        let top = |d| self.top(query, d, 50).map(|t| t.entries);
        Ok(UsageExport {
            generated_at: now,
            summary: self.summary(query)?,
            daily: self.series(query, Interval::Day)?.points,
            top_users: top(Dimension::User)?,
            top_secrets: top(Dimension::Secret)?,
            top_auth_methods: top(Dimension::AuthMethod)?,
        })
    }
}

/// Shares that sum to 1, or all zero when nothing is left.
fn normalised_or_zero(shares: Vec<f64>) -> Vec<f64> {
    if shares.iter().sum::<f64>() > 0.0 {
        normalised(shares.into_iter())
    } else {
        shares
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportioned_parts_add_up_to_the_whole() {
        assert_eq!(apportion(10, &[0.5, 0.3, 0.2]), [5, 3, 2]);
        assert_eq!(apportion(10, &[1.0 / 3.0; 3]), [4, 3, 3]);
        let parts = apportion(1_000_003, &normalised([3.0, 1.0, 7.5, 0.2].into_iter()));
        assert_eq!(parts.iter().sum::<u64>(), 1_000_003);
        assert_eq!(apportion(5, &[0.0, 0.0]), [0, 0], "nothing to share into");
    }

    #[test]
    fn secret_types_follow_their_paths() {
        assert_eq!(secret_type("pki/certs/api.example.com"), "certificate");
        assert_eq!(secret_type("db/redis-cache"), "rotated_secret");
        assert_eq!(secret_type("api-keys/stripe"), "static_secret");
    }
}
