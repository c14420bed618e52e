//! The objects events are about: items, auth methods, targets, gateways, users. Realistic
//! names and paths, a few deliberately hostile ones (markup in names) so that every screen
//! is seen to show untrusted strings as text.

use event_center_contract::SourceKind;

use crate::automation::GROUPS;
use crate::catalog::Kind;
use crate::rng::Rng;

pub const ENVIRONMENTS: &[&str] = &["prod", "staging", "dev"];
pub const TEAMS: &[&str] = &["payments", "identity", "platform", "data", "mobile"];
pub const SECRETS: &[&str] = &[
    "db/postgres-primary-admin",
    "db/mysql-reporting",
    "db/redis-cache",
    "api-keys/stripe",
    "api-keys/sendgrid",
    "api-keys/github-deploy",
    "tokens/slack-bot",
    "ssh/bastion-root",
    "cloud/aws-readonly",
    "cloud/gcp-ci-deployer",
];
pub const CERTIFICATES: &[&str] = &[
    "pki/certs/api.example.com",
    "pki/certs/login.example.com",
    "pki/certs/wildcard.internal.example.com",
    "pki/certs/mtls-payments-gateway",
    "pki/certs/vpn.example.com",
];
pub const AUTH_METHODS: &[&str] = &[
    "/auth/okta-saml",
    "/auth/azure-ad-oidc",
    "/auth/ldap-corp",
    "/auth/k8s-prod-cluster",
    "/auth/aws-iam-ci",
    "/auth/uid-batch-jobs",
    "/auth/email-contractors",
    "/auth/api-key-terraform",
];
pub const TARGETS: &[&str] = &[
    "/targets/postgres-prod-eu",
    "/targets/mysql-reporting",
    "/targets/ssh-bastion-1",
    "/targets/aws-prod-account",
    "/targets/k8s-prod",
];
/// Gateways by name, with whether each is running; one is inactive, as the seeds describe.
pub const GATEWAYS: &[(&str, bool)] =
    &[("gw-eu-west-1", true), ("gw-us-east-1", true), ("gw-ap-south-1", false), ("gw-onprem-dc2", true)];
pub const USERS: &[&str] = &[
    "alice.nguyen@example.com",
    "bob.martin@example.com",
    "carol.smith@example.com",
    "dmitri.ivanov@example.com",
    "erin.oconnor@example.com",
    "farah.haddad@example.com",
    "svc-ci-runner",
    "svc-terraform",
    "k8s:prod/payments-api",
];
/// The RA profile a certificate was issued through (ids of `automation::RA_PROFILES`): the
/// internal ones through the mTLS profile, the rest through the web servers'.
pub fn ra_profile_of(certificate: &str) -> &'static str {
    if certificate.contains("mtls") || certificate.contains("internal") {
        "ra_internal_mtls"
    } else {
        "ra_web_servers"
    }
}

/// The group of the object at `path` (ids of `automation::GROUPS`): its team's, for the teams
/// that have one.
pub fn group_of(path: &str) -> Option<&'static str> {
    let team = path.split('/').nth(2)?;
    GROUPS.iter().find(|(id, _)| id.strip_prefix("grp_") == Some(team)).map(|(id, _)| *id)
}

/// The discovery that finds the certificate at `path` (ids of `automation::DISCOVERIES`): the
/// internal ones by scanning the data centre, the rest in Certificate Transparency logs.
pub fn discovery_of(path: &str) -> &'static str {
    if ra_profile_of(path) == "ra_internal_mtls" {
        "dsc_datacenter_scan"
    } else {
        "dsc_ct_logs"
    }
}

/// Rare on purpose: strings an attacker controls, to be shown as text everywhere.
pub const HOSTILE_USER: &str = "<img src=x onerror=alert(1)>@example.com";
pub const HOSTILE_ITEM: &str = "/dev/sandbox/<script>alert('xss')</script>";
pub const SYSTEM_SOURCES: &[&str] =
    &["/system/usage-reports", "/system/monitoring", "/system/discovery/network-scan"];

fn item(rng: &mut Rng, leaf: &str) -> String {
    format!("/{}/{}/{}", rng.pick(ENVIRONMENTS), rng.pick(TEAMS), leaf)
}

/// The path of a certificate issued through RA profile `ra_profile`; `None` for a profile
/// no certificate is issued through.
pub fn certificate_in(ra_profile: &str, rng: &mut Rng) -> Option<String> {
    let issued: Vec<&str> = CERTIFICATES.iter().copied().filter(|c| ra_profile_of(c) == ra_profile).collect();
    (!issued.is_empty()).then(|| {
        let leaf = *rng.pick(&issued);
        item(rng, leaf)
    })
}

/// A source path for an event of this kind.
pub fn source_for(kind: &Kind, rng: &mut Rng) -> (SourceKind, String) {
    match kind.source_kind {
        SourceKind::Item if kind.name.contains("certificate") => {
            let leaf = *rng.pick(CERTIFICATES);
            (SourceKind::Item, item(rng, leaf))
        }
        // Seed 000: access is requested to targets as well as to items.
        SourceKind::Item if kind.name == "request-access" && rng.chance(0.3) => {
            (SourceKind::Target, rng.pick(TARGETS).to_string())
        }
        SourceKind::Item if rng.chance(0.002) => (SourceKind::Item, HOSTILE_ITEM.into()),
        SourceKind::Item => {
            let leaf = *rng.pick(SECRETS);
            (SourceKind::Item, item(rng, leaf))
        }
        SourceKind::AuthMethod => (SourceKind::AuthMethod, rng.pick(AUTH_METHODS).to_string()),
        SourceKind::Target => (SourceKind::Target, rng.pick(TARGETS).to_string()),
        SourceKind::Gateway => (SourceKind::Gateway, rng.pick(GATEWAYS).0.to_string()),
        SourceKind::User => (SourceKind::User, format!("/users/{}", actor(rng))),
        SourceKind::System | SourceKind::Unknown(_) => {
            (SourceKind::System, rng.pick(SYSTEM_SOURCES).to_string())
        }
    }
}

pub fn actor(rng: &mut Rng) -> &'static str {
    if rng.chance(0.002) {
        HOSTILE_USER
    } else {
        USERS[rng.below(USERS.len())]
    }
}

pub fn ip_address(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("10.{}.{}.{}", rng.below(4), rng.below(256), 1 + rng.below(254)),
        1 => format!("192.168.{}.{}", rng.below(8), 1 + rng.below(254)),
        _ => format!("203.0.113.{}", 1 + rng.below(254)),
    }
}
