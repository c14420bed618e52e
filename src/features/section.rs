use event_center_contract::capability;

/// A top-level section of the console: one navigation entry, one route, and the capability
/// that opens it.
pub struct Section {
    /// The route's only path segment.
    pub segment: &'static str,
    pub label: &'static str,
    pub summary: &'static str,
    /// The navigation marks the section for users who lack it, saying what it needs.
    pub capability: &'static str,
    /// What the capability gives, as in "Needs usage-report access".
    pub needs: &'static str,
}

impl Section {
    pub fn href(&self) -> String {
        format!("/{}", self.segment)
    }
}

pub const EVENTS: Section = Section {
    segment: "events",
    label: "Events",
    summary: "Every security event of the platform. Filter by type, severity, source, actor and time, \
              and open an event to see its payload, the triggers it ran and where it was forwarded.",
    capability: capability::EVENTS_READ,
    needs: "event access",
};

pub const EVENT_VIEWER: Section = Section {
    segment: "event-viewer",
    label: "Event viewer",
    summary: "Trigger runs: which ignore and action triggers ran for an event, \
              which objects they matched and what they did.",
    capability: capability::TRIGGERS_READ,
    needs: "trigger access",
};

pub const USAGE: Section = Section {
    segment: "usage",
    label: "Usage reports",
    summary: "Requests and unique users over time, usage by authentication method and secret type, \
              the most used secrets and the clients over their limits.",
    capability: capability::USAGE_REPORTS_READ,
    needs: "usage-report access",
};

pub const FORWARDERS: Section = Section {
    segment: "forwarders",
    label: "Forwarders",
    summary:
        "Send chosen events through a gateway to email, webhooks, Slack, Microsoft Teams or ServiceNow, \
              and follow every delivery.",
    capability: capability::FORWARDERS_READ,
    needs: "forwarder access",
};

/// In navigation order.
pub const SECTIONS: [&Section; 4] = [&EVENTS, &EVENT_VIEWER, &USAGE, &FORWARDERS];
