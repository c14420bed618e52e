//! Who is signed in to the mock. A persona is chosen by its bearer token, so the in-browser
//! transport and the test server over HTTP select personas the same way.

use event_center_contract::{capability::*, Me};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Persona {
    /// Every capability.
    Admin,
    /// Reads everything, changes nothing.
    Auditor,
    /// An admin whose role has no usage-reports access, and whose only gateway is down.
    NoUsageReports,
    /// Reads events, nothing else: no bell, as the seeds give it to admins and the users they allow.
    Viewer,
}

impl Persona {
    pub const ALL: [Persona; 4] =
        [Persona::Admin, Persona::Auditor, Persona::NoUsageReports, Persona::Viewer];

    /// The bearer token that signs in as this persona.
    pub fn token(self) -> &'static str {
        match self {
            Persona::Admin => "admin",
            Persona::Auditor => "auditor",
            Persona::NoUsageReports => "no-usage-reports",
            Persona::Viewer => "viewer",
        }
    }

    pub fn from_token(token: &str) -> Option<Persona> {
        Persona::ALL.into_iter().find(|p| p.token() == token)
    }

    pub fn capabilities(self) -> Vec<&'static str> {
        let read = [EVENTS_READ, NOTIFICATIONS_READ, TRIGGERS_READ, FORWARDERS_READ, GATEWAYS_READ];
        let write = [NOTIFICATIONS_WRITE, TRIGGERS_WRITE, FORWARDERS_WRITE];
        match self {
            Persona::Admin => read.into_iter().chain(write).chain([USAGE_REPORTS_READ]).collect(),
            Persona::Auditor => read.into_iter().chain([USAGE_REPORTS_READ]).collect(),
            Persona::NoUsageReports => read.into_iter().chain(write).collect(),
            Persona::Viewer => vec![EVENTS_READ],
        }
    }

    /// Whether this persona has access permission on a gateway, which forwarding through it
    /// needs. Carol's only gateway is the inactive one, so she can set up no forwarder.
    pub fn can_forward_through(self, gateway: &str) -> bool {
        match self {
            Persona::Admin => true,
            Persona::Auditor => gateway == "gw-eu-west-1",
            Persona::NoUsageReports => gateway == "gw-ap-south-1",
            Persona::Viewer => false,
        }
    }

    pub fn me(self) -> Me {
        let (id, name, email) = match self {
            Persona::Admin => ("usr_admin", "Alice Nguyen", "alice.nguyen@example.com"),
            Persona::Auditor => ("usr_auditor", "Bob Martin", "bob.martin@example.com"),
            Persona::NoUsageReports => ("usr_ops", "Carol Smith", "carol.smith@example.com"),
            Persona::Viewer => ("usr_viewer", "Dmitri Ivanov", "dmitri.ivanov@example.com"),
        };
        Me {
            id: id.into(),
            name: name.into(),
            email: email.into(),
            capabilities: self.capabilities().into_iter().map(Into::into).collect(),
            event_retention_days: Some(crate::store::RETENTION_DAYS as u32),
        }
    }
}
