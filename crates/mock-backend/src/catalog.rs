//! The event-type catalog, from the product documents the Event Center is modelled on:
//! Akeyless items, auth methods and gateways; usage reports; CZERTAINLY certificate
//! lifecycle; Keeper Secrets Manager; authentik authentication.

use event_center_contract::{EventType, Severity, SourceKind};

/// One catalog entry as static data; `EventType` is its wire form.
pub struct Kind {
    pub name: &'static str,
    pub label: &'static str,
    pub category: &'static str,
    pub source_kind: SourceKind,
    pub severity: Severity,
    pub description: &'static str,
    pub template: &'static str,
    pub legacy_names: &'static [&'static str],
}

impl Kind {
    pub fn to_event_type(&self) -> EventType {
        EventType {
            name: self.name.into(),
            label: self.label.into(),
            category: self.category.into(),
            source_kind: self.source_kind,
            default_severity: self.severity,
            description: self.description.into(),
            message_template: self.template.into(),
            legacy_names: self.legacy_names.iter().map(|n| n.to_string()).collect(),
            enabled_at: enabled_at(self.name).map(Into::into),
            resource: Some(crate::automation::resource_of(self).into()),
            monitoring: crate::automation::is_monitoring(self),
        }
    }
}

/// Where an administrator switches an event on, for the types that are off until then
/// (seed 000: "set and control ... from the PKI Issuer", "must be set on the Gateway").
fn enabled_at(name: &str) -> Option<&'static str> {
    Some(match name {
        "certificate-pending-expiration" => "Switched on at the PKI issuer or at the certificate item",
        "static-secret-updated" => "Switched on at the static secret, to trigger events on value changes",
        "usage_unused" | "usage_unrotated" => {
            "Switched on in the account settings, as a global event with its interval"
        }
        "gateway-inactive" => "Switched on at the gateway",
        _ => return None,
    })
}

use Severity::{Critical, Info, Warning};
use SourceKind::{AuthMethod, Gateway, Item, System, User};

macro_rules! kinds {
    ($( $name:literal, $label:literal, $category:literal, $kind:ident, $severity:ident, $template:literal, $description:literal, [$($legacy:literal),*]; )*) => {
        pub const KINDS: &[Kind] = &[$(Kind {
            name: $name, label: $label, category: $category, source_kind: $kind, severity: $severity,
            description: $description, template: $template, legacy_names: &[$($legacy),*],
        }),*];
    };
}

kinds! {
    "certificate-pending-expiration", "Certificate pending expiration", "items", Item, Warning,
        "Certificate ${itemName} expires on ${expiresAt}",
        "A certificate is about to expire; set on the PKI issuer or the certificate item.", [];
    "certificate-expired", "Certificate expired", "items", Item, Critical,
        "Certificate ${itemName} expired on ${expiresAt}", "A certificate has expired.", ["Certificate_Expired"];
    "rotated-secret-success", "Rotation succeeded", "items", Item, Info,
        "Secret ${itemName} was rotated", "An automatic rotation succeeded.", [];
    "rotated-secret-failure", "Rotation failed", "items", Item, Critical,
        "Rotation of ${itemName} failed: ${error}", "An automatic rotation failed, with the error details.", [];
    "rotated-secret-partial-failure", "Rotation partially failed", "items", Item, Warning,
        "Rotation of ${itemName} partially failed: ${error}",
        "An automatic rotation partially failed (clusters, linked target mode).", [];
    "dynamic-secret-failure", "Dynamic secret failed", "items", Item, Critical,
        "Dynamic secret ${itemName} failed: ${error}", "A general failure of a dynamic secret.", [];
    "static-secret-updated", "Static secret updated", "items", Item, Info,
        "Static secret ${itemName} was updated by ${actor}", "A static secret set to trigger events changed value.", [];
    "usage_unused", "Secret unused", "items", Item, Warning,
        "${itemName} has not been used for ${days} days",
        "A secret has not been used or changed within the interval set in the account settings.", [];
    "usage_unrotated", "Secret not rotated", "items", Item, Warning,
        "${itemName} has not been rotated for ${days} days",
        "A rotated secret has not been rotated within the interval set in the account settings.", [];
    "request-access", "Access requested", "items", Item, Info,
        "${actor} requested access to ${itemName}",
        "A user requested access, for a permission or a secure remote access session.", ["Request_Access"];
    "apply-justification", "Justification given", "items", Item, Info,
        "${actor} justified a session to ${itemName}: ${justification}",
        "A user gave a connection justification for a secure remote access session.", [];
    "uid-rotation-failure", "Universal Identity rotation failed", "auth-methods", AuthMethod, Critical,
        "Universal Identity rotation failed for ${authMethodName}", "A Universal Identity token failed to rotate.", [];
    "auth-method-pending-expiration", "Auth method pending expiration", "auth-methods", AuthMethod, Warning,
        "Auth method ${authMethodName} expires on ${expiresAt}", "30 days before an authentication method expires.", [];
    "auth-method-expired", "Auth method expired", "auth-methods", AuthMethod, Critical,
        "Auth method ${authMethodName} expired on ${expiresAt}", "An authentication method has expired.", [];
    "email-auth-method-approved", "Email invitation approved", "auth-methods", AuthMethod, Info,
        "${actor} approved the invitation to ${authMethodName}", "A user approved an email auth method invitation.", [];
    "multi-auth-failure", "Repeated authentication failure", "auth-methods", AuthMethod, Critical,
        "${authMethodName} blocked after 5 failed attempts from ${ipAddress}",
        "An authentication attempt kept failing and was blocked after 5 consecutive attempts.", [];
    "gateway-inactive", "Gateway inactive", "gateways", Gateway, Critical,
        "Gateway ${gatewayName} became inactive", "A gateway changed its state to inactive.", [];
    "usage-report", "Usage limit exceeded", "usage", System, Warning,
        "Client ${clientName} exceeded its usage limit: ${requests} requests",
        "A client's usage exceeded the defined limits.", [];
    "certificate-status-changed", "Certificate status changed", "certificates", Item, Info,
        "Certificate ${commonName} changed from ${oldStatus} to ${newStatus}",
        "The certificate validation status changed.", [];
    "certificate-action-performed", "Certificate action performed", "certificates", Item, Info,
        "${action} of certificate ${commonName} completed",
        "A certificate operation (issue, renew, rekey, revoke) completed.", [];
    "certificate-expiring", "Certificate expiring", "certificates", System, Warning,
        "${count} certificates expire without a valid replacement",
        "Hourly monitoring found expiring certificates without a valid replacement.", [];
    "certificate-discovered", "Certificate discovered", "certificates", Item, Info,
        "Certificate ${commonName} was discovered by ${discoveryName}", "A certificate was newly discovered.", [];
    "certificate-uploaded", "Certificate uploaded", "certificates", Item, Info,
        "Certificate ${commonName} was uploaded by ${actor}",
        "A certificate was uploaded by hand; ignore triggers then action triggers run.", [];
    "discovery-finished", "Discovery finished", "certificates", System, Info,
        "Discovery ${discoveryName} finished: ${count} certificates found", "A discovery process finished.", [];
    "approval-requested", "Approval requested", "certificates", User, Info,
        "${actor} requested approval for ${commonName}", "Approval was requested.", [];
    "approval-closed", "Approval closed", "certificates", User, Info,
        "Approval for ${commonName} was ${decision} by ${actor}", "An approval was closed.", [];
    "scheduled-job-finished", "Scheduled job finished", "certificates", System, Info,
        "Scheduled job ${jobName} finished with status ${status}", "A scheduled job finished.", [];
    "app_record_shared", "Record shared with application", "secrets-manager", Item, Info,
        "User ${actor} shared record UID ${secretUid} with KSM application ${appUid}",
        "A record owner added a record to a Secrets Manager application.", [];
    "app_client_added", "Application device added", "secrets-manager", Item, Info,
        "User ${actor} added KSM device ${deviceName} to application ${appUid}",
        "A new client device was added to an application.", [];
    "app_client_access", "Application secrets accessed", "secrets-manager", Item, Info,
        "KSM device ${deviceName} has accessed secrets from application ${appUid}",
        "A client device accessed the application's shares.", [];
    "app_folder_shared", "Folder shared with application", "secrets-manager", Item, Info,
        "User ${actor} shared folder UID ${secretUid} with KSM application ${appUid}",
        "A shared folder's owner added the folder to a Secrets Manager application.", [];
    "app_record_removed", "Record removed from application", "secrets-manager", Item, Info,
        "User ${actor} removed record UID ${secretUid} from KSM application ${appUid}",
        "A user removed a record share from an application.", [];
    "app_folder_removed", "Folder removed from application", "secrets-manager", Item, Info,
        "User ${actor} removed folder UID ${secretUid} from KSM application ${appUid}",
        "A user removed a folder share from an application.", [];
    "app_record_share_changed", "Record share permissions changed", "secrets-manager", Item, Info,
        "User ${actor} changed share permissions for record UID ${secretUid} for KSM application ${appUid}",
        "A user changed the permissions of a record share in an application.", [];
    "app_folder_share_changed", "Folder share permissions changed", "secrets-manager", Item, Info,
        "User ${actor} changed share permissions for folder UID ${secretUid} for KSM application ${appUid}",
        "A user changed the permissions of a folder share in an application.", [];
    "app_client_removed", "Application device removed", "secrets-manager", Item, Info,
        "User ${actor} removed KSM device ${deviceName} from application ${appUid}",
        "A client device was removed from an application.", [];
    "app_client_connected", "Application device connected", "secrets-manager", Item, Info,
        "KSM device ${deviceName} performed initial connect to application ${appUid}",
        "A client device connected for the first time, with its one-time access token.", [];
    "app_client_record_update", "Record updated by application device", "secrets-manager", Item, Info,
        "KSM device ${deviceName} has updated record UID ${secretUid}",
        "A client device updated a record.", [];
    "access_denied_blocked_ip", "Access denied from blocked IP", "secrets-manager", Item, Critical,
        "Access denied to record UID ${secretUid} from device with blocked IP address ${ipAddress}",
        "A device with an IP other than the IP lock tried to access a secret.", [];
    "login", "Login", "authentication", User, Info,
        "${actor} logged in with ${authMethod}", "A user logged in.", [];
    "login_failed", "Login failed", "authentication", User, Warning,
        "Failed login attempt for ${actor}", "A failed login attempt.", [];
    "secret_view", "Secret viewed", "authentication", User, Info,
        "${actor} viewed the data of ${itemName}", "A user viewed a token's or certificate's data.", [];
    "suspicious_request", "Suspicious request", "authentication", User, Critical,
        "Suspicious request from ${ipAddress}: ${reason}",
        "A suspicious request was received, for example a revoked token was used.", [];
    "configuration_error", "Configuration error", "authentication", System, Warning,
        "Configuration error: ${reason}", "A configuration error occurred.", [];
    "logout", "Logout", "authentication", User, Info,
        "${actor} logged out", "A user logged out.", [];
    "user_write", "User written", "authentication", User, Info,
        "User ${actor} was written to during a flow", "A user was written to during a flow execution.", [];
    "password_set", "Password set", "authentication", User, Info,
        "${actor} set their password", "A user set their password.", [];
    "secret_rotate", "Token rotated", "authentication", Item, Info,
        "Token ${itemName} was rotated automatically", "A token was rotated automatically.", [];
    "invitation_used", "Invitation used", "authentication", User, Info,
        "${actor} used an invitation", "An invitation was used.", [];
    "authorize_application", "Application authorized", "authentication", User, Info,
        "${actor} authorized application ${appName}", "A user authorized an application.", [];
    "source_linked", "Source linked", "authentication", User, Info,
        "${actor} linked source ${sourceName} to their account", "A user linked a source to their account.", [];
    "impersonation_started", "Impersonation started", "authentication", User, Warning,
        "${actor} started impersonating ${impersonated}",
        "A user started impersonating another; the impersonated user is in the details.", [];
    "impersonation_ended", "Impersonation ended", "authentication", User, Info,
        "${actor} stopped impersonating ${impersonated}",
        "A user stopped impersonating another; the impersonated user is in the details.", [];
    "policy_execution", "Policy executed", "authentication", System, Info,
        "Policy ${policyName} was executed", "A policy with execution logging was executed.", [];
    "policy_exception", "Policy exception", "authentication", System, Warning,
        "Policy ${policyName} raised an exception: ${error}", "A policy caused an exception.", [];
    "property_mapping_exception", "Property mapping exception", "authentication", System, Warning,
        "Property mapping ${mappingName} raised an exception: ${error}",
        "A property mapping caused an exception.", [];
    "system_task_exception", "System task exception", "authentication", System, Warning,
        "System task ${jobName} failed: ${error}", "An exception occurred in a system task.", [];
    "system_exception", "System exception", "authentication", System, Warning,
        "An exception occurred: ${error}", "A general exception occurred.", [];
    "model_created", "Object created", "authentication", User, Info,
        "${actor} created ${model}", "An object was created; the user who sent the request is its actor.", [];
    "model_updated", "Object updated", "authentication", User, Info,
        "${actor} updated ${model}", "An object was updated; the user who sent the request is its actor.", [];
    "model_deleted", "Object deleted", "authentication", User, Info,
        "${actor} deleted ${model}", "An object was deleted; the user who sent the request is its actor.", [];
    "email_sent", "Email sent", "authentication", System, Info,
        "Email \"${subject}\" was sent to ${recipient}", "An email was sent; the email is in the details.", [];
    "update_available", "Update available", "authentication", System, Info,
        "Version ${version} is available", "An update is available.", [];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(name: &str) -> Option<&'static Kind> {
        KINDS.iter().find(|k| k.name == name)
    }

    #[test]
    fn names_are_unique_and_every_template_has_a_placeholder() {
        for (i, kind) in KINDS.iter().enumerate() {
            assert!(KINDS[..i].iter().all(|k| k.name != kind.name), "{} twice", kind.name);
            assert!(kind.template.contains("${"), "{}", kind.name);
            for name in std::iter::once(&kind.name).chain(kind.legacy_names) {
                assert!(
                    event_center_contract::is_type_name(name),
                    "{name} is not named as the document says"
                );
            }
        }
    }

    /// Akeyless's events (seed 000), each under its section's source kind, and the ones an
    /// administrator must switch on saying where.
    #[test]
    fn every_akeyless_event_is_there_from_its_source_with_where_it_is_switched_on() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_6801082d213dddde.txt");
        let seed = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut source_kind = None;
        let mut listed = 0;
        for line in seed.lines() {
            if let Some(section) = line.strip_prefix("For ") {
                source_kind = [("items-", Item), ("auth-methods-", AuthMethod), ("gateways-", Gateway)]
                    .into_iter()
                    .find(|(prefix, _)| section.starts_with(prefix))
                    .map(|(_, kind)| kind);
                continue;
            }
            let Some((name, what)) = line.trim_start().strip_prefix("• ").and_then(|l| l.split_once(' '))
            else {
                continue;
            };
            let kind = find(name).unwrap_or_else(|| panic!("{name} is missing"));
            assert_eq!(Some(kind.source_kind), source_kind, "{name}");
            let switched_on = what.contains(" set ") || what.contains("is set");
            assert_eq!(enabled_at(name).is_some(), switched_on, "{name}: {what}");
            listed += 1;
        }
        assert_eq!(listed, 17);
    }

    /// CZERTAINLY's supported events (seed 001), by the seed's own names, each about the
    /// seed's resource, with the seed's event data, and monitoring where the seed says.
    #[test]
    fn every_czertainly_event_is_there_by_its_name_and_resource() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/001_cfea42909d886c22.txt");
        let seed = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // Rows run label, resource, overrides, monitoring, description and data with no separator.
        let rows: Vec<&str> = seed
            .lines()
            .skip_while(|l| !l.starts_with("EventResourceOverridden By"))
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect();
        assert_eq!(rows.len(), 9, "{rows:?}");
        let resources = [
            ("Scheduled job", "scheduledJob"),
            ("Certificate", "certificate"),
            ("Discovery", "discovery"),
            ("Approval", "approval"),
        ];
        for row in rows {
            let kind = KINDS
                .iter()
                .filter(|k| k.category == "certificates" && row.starts_with(k.label))
                .max_by_key(|k| k.label.len())
                .unwrap_or_else(|| panic!("no event type named as in {row}"));
            let rest = &row[kind.label.len()..];
            let (_, resource) = resources
                .iter()
                .find(|(word, _)| rest.starts_with(word))
                .unwrap_or_else(|| panic!("no resource in {row}"));
            assert_eq!(crate::automation::resource_of(kind), *resource, "{row}");
            let mut rng = crate::rng::Rng::new(1);
            let data =
                crate::czertainly::event_data(kind.name, |_| "1".into(), &mut rng).expect("event data");
            assert!(row.ends_with(data["type"].as_str().unwrap()), "{row}: {data}");
            assert_eq!(crate::automation::is_monitoring(kind), row.contains("YESOccurs"), "{row}");
        }
    }

    /// Keeper Secrets Manager's twelve events (seed 004), each with the seed's message: the
    /// seed's `${username}`, `${secret_uid}`, `${app_uid}`, `${device_name}` and `${device_ip}`
    /// are this catalog's `${actor}`, `${secretUid}`, `${appUid}`, `${deviceName}` and `${ipAddress}`.
    /// authentik's event actions (seed 003), each an event type of its own.
    #[test]
    fn every_authentik_action_is_there() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/003_fdf13013eb8c89a5.txt");
        let seed = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let actions: Vec<&str> = seed
            .lines()
            .filter_map(|line| line.strip_prefix("### `"))
            .flat_map(|heading| heading.split(" / ").map(|a| a.trim_matches('`')))
            .collect();
        assert_eq!(actions.len(), 24, "{actions:?}");
        for action in actions {
            let kind = find(action).unwrap_or_else(|| panic!("{action} is missing"));
            assert_eq!(kind.category, "authentication", "{action}");
        }
    }

    #[test]
    fn every_keeper_event_is_there_with_its_message() {
        // The team's seeds sit beside the project (`../shared`), on every developer's machine and in CI.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/004_b11703590eefbffe.txt");
        let seed = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let rows: Vec<(&str, &str)> = seed
            .lines()
            .filter_map(|line| {
                let mut cells = line.split('|').map(str::trim);
                let (name, message) = (cells.next()?, cells.next()?);
                message.contains("${").then_some((name, message))
            })
            .collect();
        assert_eq!(rows.len(), 12, "{rows:?}");
        for (name, message) in rows {
            // The seed names one event by its label only.
            let kind = find(name)
                .or_else(|| KINDS.iter().find(|k| k.label == name))
                .unwrap_or_else(|| panic!("{name} is missing"));
            let ours = kind
                .template
                .replace("${actor}", "${username}")
                .replace("${secretUid}", "${secret_uid}")
                .replace("${appUid}", "${app_uid}")
                .replace("${deviceName}", "${device_name}")
                .replace("${ipAddress}", "${device_ip}");
            assert_eq!(ours, message, "{name}");
        }
    }
}
