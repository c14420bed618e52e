//! Twelve months of usage, generated from the seed: an hourly request count with a working
//! week's rhythm and growth over the year, split among users, secrets and actions by fixed
//! shares. Every figure of a report is derived from the same hours, so totals, series and
//! top lists add up.

use chrono::{DateTime, Duration, DurationRound, Utc};
use event_center_contract::{
    AuthTypeUsage, ClientCount, ClientUsage, Count, Dimension, ExceededClient, ExportProducts, FieldError,
    Interval, PasswordManagerReport, Problem, SecretCount, SmClients, SmUsage, UsageAction, UsageExport,
    UsagePoint, UsageQuery, UsageSeries, UsageSummary, UsageTop, UsageTotals,
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

/// Items whose life began or ended within the year kept: (path, created, deleted), in days
/// before the newest hour. Deleted items' past requests stay in the figures.
const CHANGED_ITEMS: &[(&str, Option<i64>, Option<i64>)] = &[
    ("api-keys/legacy-billing", None, Some(12)),
    ("db/mongo-analytics-old", None, Some(120)),
    ("cloud/azure-sp-reporting", Some(10), None),
    ("keys/tokenization-2026", Some(45), None),
    ("personal/alice.nguyen/office-wifi", Some(300), None),
    ("personal/bob.martin/vpn-seed", Some(200), None),
];

/// A personal folder's items are counted like others and told apart by their path.
fn personal(path: &str) -> bool {
    path.starts_with("personal/")
}

/// The seed's kinds of action, with their share of requests.
const ACTIONS: &[(UsageAction, f64)] = &[
    (UsageAction::Access, 81.0),
    (UsageAction::Authentication, 15.0),
    (UsageAction::Update, 2.6),
    (UsageAction::Creation, 1.0),
    (UsageAction::Deletion, 0.4),
];

/// The share of all requests made in the password manager, and the auth types it offers.
const PASSWORD_MANAGER_SHARE: f64 = 0.2;
const PASSWORD_MANAGER_TYPES: &[(&str, &str)] =
    &[("saml", "saml2"), ("oidc", "oidc"), ("ldap", "ldap"), ("email", "email")];

/// A person, as opposed to a service or machine client.
fn is_person(client: &str) -> bool {
    client.contains('@')
}

/// An item's life, in hours since the origin.
struct Item {
    path: String,
    weight: f64,
    born: usize,
    gone: Option<usize>,
}

impl Item {
    fn alive(&self, hour: usize) -> bool {
        hour >= self.born && self.gone.is_none_or(|g| hour < g)
    }
}

pub struct Usage {
    /// The start of the first hour kept.
    origin: DateTime<Utc>,
    hourly: Vec<u64>,
    /// Shares that each sum to 1.
    users: Vec<f64>,
    items: Vec<Item>,
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
            None => merged.push(Count { name, requests, ..Count::default() }),
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
        let day = |d: i64| hours - (d as usize * 24).min(hours);
        let items = world::SECRETS
            .iter()
            .chain(world::CERTIFICATES)
            .chain(KEYS)
            .map(|p| (*p, None, None))
            .chain(CHANGED_ITEMS.iter().copied())
            .map(|(path, created, deleted)| Item {
                path: path.into(),
                weight: 0.2 + rng.unit(),
                born: created.map_or(0, day),
                gone: deleted.map(day),
            })
            .collect();
        Usage {
            origin,
            hourly,
            users: normalised(CLIENTS.iter().map(|c| c.3)),
            items,
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

    /// The share of all requests the user and action filters keep.
    fn filtered_share(&self, query: &UsageQuery) -> f64 {
        let user = match &query.user {
            None => 1.0,
            Some(n) => CLIENTS.iter().zip(&self.users).find(|(c, _)| c.0 == n).map_or(0.0, |(_, s)| *s),
        };
        let action = match query.action {
            None => 1.0,
            Some(a) => ACTIONS.iter().zip(&self.actions).find(|(x, _)| x.0 == a).map_or(0.0, |(_, s)| *s),
        };
        user * action
    }

    /// Each item's share of the requests of `hour`: items share them while they exist.
    fn item_shares(&self, hour: usize) -> impl Iterator<Item = f64> + '_ {
        let alive: f64 = self.items.iter().filter(|i| i.alive(hour)).map(|i| i.weight).sum();
        self.items.iter().map(move |i| if i.alive(hour) { i.weight / alive } else { 0.0 })
    }

    fn hour_index(&self, at: DateTime<Utc>) -> usize {
        ((at - self.origin).num_seconds() / 3600) as usize
    }

    /// The hours of the range, each with its filtered requests.
    fn hours(&self, query: &UsageQuery) -> Result<Vec<(DateTime<Utc>, u64)>, Problem> {
        let (from, to) = self.range(query)?;
        Ok(self.hours_between(query, from, to))
    }

    fn hours_between(
        &self,
        query: &UsageQuery,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, u64)> {
        let share = self.filtered_share(query);
        let item = query.secret.as_ref().map(|s| self.items.iter().position(|i| &i.path == s));
        let first = ((from - self.origin).num_seconds() + 3599) / 3600;
        let last = (to - self.origin).num_seconds() / 3600;
        (first..last)
            .map(|h| {
                let item_share = match item {
                    None => 1.0,
                    Some(None) => 0.0,
                    Some(Some(i)) => self.item_shares(h as usize).nth(i).unwrap_or(0.0),
                };
                let requests = (self.hourly[h as usize] as f64 * share * item_share).round() as u64;
                (self.origin + Duration::hours(h), requests)
            })
            .collect()
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

    /// Each item's requests in the range: its share of every hour it existed in.
    fn per_item(&self, query: &UsageQuery, hours: &[(DateTime<Utc>, u64)]) -> Vec<u64> {
        let mut weights = vec![0.0; self.items.len()];
        for (at, requests) in hours {
            for (w, share) in weights.iter_mut().zip(self.item_shares(self.hour_index(*at))) {
                *w += *requests as f64 * share;
            }
        }
        for (w, item) in weights.iter_mut().zip(&self.items) {
            if query.secret.as_ref().is_some_and(|s| s != &item.path) {
                *w = 0.0;
            }
        }
        apportion(hours.iter().map(|(_, r)| r).sum(), &normalised_or_zero(weights))
    }

    /// The items that exist at `at`, narrowed by the secret filter.
    fn existing(&self, query: &UsageQuery, at: DateTime<Utc>) -> impl Iterator<Item = &Item> {
        let hour = self.hour_index(at).saturating_sub(1);
        let secret = query.secret.clone();
        self.items.iter().filter(move |i| i.alive(hour) && secret.as_ref().is_none_or(|s| s == &i.path))
    }

    /// The headline figures of `from..to`, whose filtered `hours` the caller has.
    fn totals(
        &self,
        query: &UsageQuery,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        hours: &[(DateTime<Utc>, u64)],
    ) -> UsageTotals {
        let total: u64 = hours.iter().map(|(_, r)| r).sum();
        let users = self.per_user(query, total);
        let active = || CLIENTS.iter().zip(&users).filter(|(_, r)| **r > 0);
        UsageTotals {
            from,
            to,
            total_requests: total,
            unique_users: active().filter(|(c, _)| is_person(c.0)).count() as u64,
            total_clients: active().count() as u64,
            total_secrets: self.existing(query, to).count() as u64,
        }
    }

    pub fn summary(&self, query: &UsageQuery) -> Result<UsageSummary, Problem> {
        let (from, to) = self.range(query)?;
        let hours = self.hours_between(query, from, to);
        let current = self.totals(query, (from, to), &hours);
        let before = from - (to - from);
        let previous = (before >= self.origin)
            .then(|| self.totals(query, (before, from), &self.hours_between(query, before, from)));
        let users = self.per_user(query, current.total_requests);
        let days = ((to - from).num_seconds() as f64 / 86_400.0).max(1.0 / 24.0);
        let exceeded_clients = self
            .clients(&users, days)
            .into_iter()
            .filter(|c| c.exceeded_clients > 0)
            .map(|c| ExceededClient {
                client: c.client_name,
                auth_method_type: c.auth_method_type,
                requests: c.requests,
                limit: c.limit,
            })
            .collect();
        let mut clients_by_type: Vec<ClientCount> = Vec::new();
        for (c, _) in CLIENTS.iter().zip(&users).filter(|(_, r)| **r > 0) {
            match clients_by_type.iter_mut().find(|t| t.name == c.2) {
                Some(t) => t.clients += 1,
                None => clients_by_type.push(ClientCount { name: c.2.into(), clients: 1 }),
            }
        }
        clients_by_type.sort_by(|a, b| b.clients.cmp(&a.clients).then_with(|| a.name.cmp(&b.name)));
        let mut secrets_by_type: Vec<SecretCount> = Vec::new();
        for item in self.existing(query, to) {
            let name = secret_type(&item.path);
            match secrets_by_type.iter_mut().find(|t| t.name == name) {
                Some(t) => t.secrets += 1,
                None => secrets_by_type.push(SecretCount { name: name.into(), secrets: 1 }),
            }
        }
        secrets_by_type.sort_by(|a, b| b.secrets.cmp(&a.secrets).then_with(|| a.name.cmp(&b.name)));
        let items = self.per_item(query, &hours);
        Ok(UsageSummary {
            requests_by_auth_method_type: ranked(
                CLIENTS.iter().zip(&users).map(|(c, r)| (c.2.to_string(), *r)),
            ),
            clients_by_auth_method_type: clients_by_type,
            requests_by_secret_type: ranked(
                self.items.iter().zip(items).map(|(i, r)| (secret_type(&i.path).into(), r)),
            ),
            secrets_by_type,
            exceeded_clients,
            current,
            previous,
        })
    }

    /// The clients with requests, each against its limit prorated to `days`.
    fn clients(&self, users: &[u64], days: f64) -> Vec<ClientUsage> {
        CLIENTS
            .iter()
            .zip(users)
            .filter(|(_, r)| **r > 0)
            .map(|(c, &requests)| {
                let limit = (c.4 as f64 * days / 30.0).round() as u64;
                ClientUsage {
                    client_name: c.0.into(),
                    auth_method_type: c.2.into(),
                    requests,
                    limit,
                    exceeded_clients: u64::from(requests > limit),
                }
            })
            .collect()
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
        let hours = self.hours(query)?;
        let total: u64 = hours.iter().map(|(_, r)| r).sum();
        let mut entries = match dimension {
            Dimension::User => {
                ranked(CLIENTS.iter().zip(self.per_user(query, total)).map(|(c, r)| (c.0.to_string(), r)))
            }
            Dimension::AuthMethod => {
                ranked(CLIENTS.iter().zip(self.per_user(query, total)).map(|(c, r)| (c.1.to_string(), r)))
            }
            Dimension::Secret => {
                let mut entries = ranked(
                    self.items.iter().zip(self.per_item(query, &hours)).map(|(i, r)| (i.path.clone(), r)),
                );
                for entry in &mut entries {
                    let item = self.items.iter().find(|i| i.path == entry.name).expect("a known item");
                    entry.deleted = item.gone.is_some();
                    entry.personal = personal(&item.path);
                }
                entries
            }
        };
        entries.truncate(limit);
        Ok(UsageTop { dimension, entries })
    }

    /// The password manager's people, their sign-ins by auth type and their stored passwords.
    pub fn password_manager(&self, query: &UsageQuery) -> Result<PasswordManagerReport, Problem> {
        let (from, to) = self.range(query)?;
        let pm_query = UsageQuery { secret: None, ..query.clone() };
        let total: u64 = self.hours_between(&pm_query, from, to).iter().map(|(_, r)| r).sum();
        let total = (total as f64 * PASSWORD_MANAGER_SHARE).round() as u64;
        let people: Vec<f64> = CLIENTS
            .iter()
            .zip(&self.users)
            .map(
                |(c, s)| {
                    if is_person(c.0) && query.user.as_ref().is_none_or(|u| u == c.0) {
                        *s
                    } else {
                        0.0
                    }
                },
            )
            .collect();
        let requests = apportion(total, &normalised_or_zero(people.clone()));
        let present = || CLIENTS.iter().zip(&people).filter(|(_, s)| **s > 0.0).map(|(c, _)| c);
        let year_part = self.hour_index(to) as f64 / self.hourly.len() as f64;
        let stored_passwords =
            present().map(|c| ((40.0 + 60.0 * c.3) * (0.7 + 0.3 * year_part)).round() as u64).sum();
        let mut methods: Vec<&str> = present().map(|c| c.1).collect();
        methods.sort_unstable();
        methods.dedup();
        let by_auth_type = PASSWORD_MANAGER_TYPES
            .iter()
            .map(|(name, method_type)| {
                let of_type = CLIENTS
                    .iter()
                    .zip(&people)
                    .zip(&requests)
                    .filter(|((c, s), _)| c.2 == *method_type && **s > 0.0);
                AuthTypeUsage {
                    name: (*name).into(),
                    users: of_type.clone().count() as u64,
                    requests: of_type.map(|(_, r)| r).sum(),
                }
            })
            .collect();
        Ok(PasswordManagerReport {
            from,
            to,
            total_users: present().count() as u64,
            total_auth_methods: methods.len() as u64,
            stored_passwords,
            by_auth_type,
        })
    }

    /// The seed's `get-analytics-data` document for the range and filters.
    pub fn export(&self, query: &UsageQuery, now: DateTime<Utc>) -> Result<UsageExport, Problem> {
        let summary = self.summary(query)?;
        let current = &summary.current;
        let days = ((current.to - current.from).num_seconds() as f64 / 86_400.0).max(1.0 / 24.0);
        let users = self.per_user(query, current.total_requests);
        Ok(UsageExport {
            date_updated: now.timestamp(),
            usage_reports: ExportProducts {
                sm: SmUsage {
                    product: "sm".into(),
                    total_clients: current.total_clients,
                    clients_by_auth_method_types: summary
                        .clients_by_auth_method_type
                        .iter()
                        .map(|c| (c.name.clone(), c.clients))
                        .collect(),
                    total_secrets: current.total_secrets,
                    secrets_by_types: summary
                        .secrets_by_type
                        .iter()
                        .map(|s| (s.name.clone(), s.secrets))
                        .collect(),
                },
            },
            clients_usage_reports: ExportProducts { sm: SmClients { clients: self.clients(&users, days) } },
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
