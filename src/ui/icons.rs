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
            SourceKind::System => Icon::Chip,
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
        }
    }

    pub fn view(self) -> impl IntoView {
        view! {
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d=self.path()/>
            </svg>
        }
    }
}
