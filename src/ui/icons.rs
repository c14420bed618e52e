use leptos::prelude::*;

/// Inline SVG icons (stroke paths on a 24-unit grid); decorative, so hidden from assistive technology.
#[derive(Clone, Copy)]
pub enum Icon {
    Bell,
    Sun,
    Moon,
}

impl Icon {
    fn path(self) -> &'static str {
        match self {
            Icon::Bell => "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0",
            Icon::Sun => "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M6.3 17.7l-1.4 1.4M19.1 4.9l-1.4 1.4",
            Icon::Moon => "M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z",
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
