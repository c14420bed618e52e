use leptos::prelude::*;

/// Inline SVG icons (stroke paths on a 24-unit grid); decorative, so hidden from assistive technology.
#[derive(Clone, Copy)]
pub enum Icon {
    Bell,
    Sun,
    Moon,
    Key,
    Shield,
    Target,
    Server,
    User,
    Chip,
    Close,
    Refresh,
    Copy,
    Gear,
    Info,
    Alert,
    Octagon,
}

impl Icon {
    /// The icon of an event's source kind.
    pub fn for_source_kind(kind: event_center_contract::SourceKind) -> Icon {
        use event_center_contract::SourceKind;
        match kind {
            SourceKind::Item => Icon::Key,
            SourceKind::AuthMethod => Icon::Shield,
            SourceKind::Target => Icon::Target,
            SourceKind::Gateway => Icon::Server,
            SourceKind::User => Icon::User,
            SourceKind::System | SourceKind::Unknown(_) => Icon::Chip,
        }
    }

    /// A shape per severity, so it is not told by colour alone.
    pub fn for_severity(severity: event_center_contract::Severity) -> Icon {
        use event_center_contract::Severity;
        match severity {
            Severity::Info | Severity::Unknown(_) => Icon::Info,
            Severity::Warning => Icon::Alert,
            Severity::Critical => Icon::Octagon,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Icon::Bell => "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0",
            Icon::Sun => "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M6.3 17.7l-1.4 1.4M19.1 4.9l-1.4 1.4",
            Icon::Moon => "M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z",
            Icon::Key => "M21 2l-2 2m-7.6 7.6a5.5 5.5 0 1 1-7.8 7.8 5.5 5.5 0 0 1 7.8-7.8zm0 0L15.5 7.5m0 0l3 3L22 7l-3-3m-3.5 3.5L19 4",
            Icon::Shield => "M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z",
            Icon::Target => "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4",
            Icon::Server => "M3 4h18v6H3zM3 14h18v6H3zM7 7h.01M7 17h.01",
            Icon::User => "M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 3a4 4 0 1 0 0 8a4 4 0 1 0 0-8",
            Icon::Chip => "M5 5h14v14H5zM9 9h6v6H9zM9 2v3M15 2v3M9 19v3M15 19v3M19 9h3M19 15h3M2 9h3M2 15h3",
            Icon::Close => "M18 6L6 18M6 6l12 12",
            Icon::Refresh => "M21 12a9 9 0 1 1-3-6.7L21 8M21 3v5h-5",
            Icon::Copy => "M9 9h11v11H9zM5 15H4V4h11v1",
            Icon::Gear => "M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",
            Icon::Info => "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M12 16v-4M12 8h.01",
            Icon::Alert => "M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01",
            Icon::Octagon => "M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9zM12 8v4M12 16h.01",
        }
    }

    pub fn view(self) -> impl IntoView {
        view! {
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d=self.path() />
            </svg>
        }
    }
}
