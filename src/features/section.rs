use event_center_contract::capability;

/// A top-level section of the console: one navigation entry, one route, and the capability
/// that opens it.
pub struct Section {
    /// The route's only path segment.
    pub segment: &'static str,
    pub label: &'static str,
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
    capability: capability::EVENTS_READ,
    needs: "event access",
};

pub const EVENT_VIEWER: Section = Section {
    segment: "event-viewer",
    label: "Event viewer",
    capability: capability::TRIGGERS_READ,
    needs: "trigger access",
};

pub const TRIGGERS: Section = Section {
    segment: "triggers",
    label: "Triggers",
    capability: capability::TRIGGERS_READ,
    needs: "trigger access",
};

pub const USAGE: Section = Section {
    segment: "usage",
    label: "Usage reports",
    capability: capability::USAGE_REPORTS_READ,
    needs: "usage-report access",
};

pub const FORWARDERS: Section = Section {
    segment: "forwarders",
    label: "Forwarders",
    capability: capability::FORWARDERS_READ,
    needs: "forwarder access",
};

/// In navigation order.
pub const SECTIONS: [&Section; 5] = [&EVENTS, &EVENT_VIEWER, &TRIGGERS, &USAGE, &FORWARDERS];
