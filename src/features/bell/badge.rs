//! What the bell says about the unread count: the badge, its accessible name, the tab title.

use event_center_contract::{Severity, UnreadCounts};

/// The badge's text, capped so it stays a badge; `None` when nothing is unread.
pub fn badge_text(total: u32) -> Option<String> {
    match total {
        0 => None,
        1..=99 => Some(total.to_string()),
        _ => Some("99+".into()),
    }
}

/// The most severe level with unread notifications: it colours the badge.
pub fn loudest(counts: &UnreadCounts) -> Option<Severity> {
    Severity::ALL.into_iter().rev().find(|s| counts.of(*s) > 0)
}

/// "Notifications, 3 unread, 1 critical": the count said, not only shown; `stale` when the
/// last attempt to refresh it failed.
pub fn accessible_name(counts: Option<&UnreadCounts>, stale: bool) -> String {
    let name = match counts {
        None => "Notifications, count unavailable".into(),
        Some(c) if c.total == 0 => "Notifications, none unread".into(),
        Some(c) if c.critical > 0 => format!("Notifications, {} unread, {} critical", c.total, c.critical),
        Some(c) => format!("Notifications, {} unread", c.total),
    };
    if stale && counts.is_some() {
        format!("{name}, could not refresh")
    } else {
        name
    }
}

/// The tab's title leads with the unread count, as mail and chat tabs do.
pub fn title_with_count(total: u32, title: &str) -> String {
    match badge_text(total) {
        Some(count) => format!("({count}) {title}"),
        None => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(info: u32, warning: u32, critical: u32) -> UnreadCounts {
        UnreadCounts { total: info + warning + critical, info, warning, critical }
    }

    #[test]
    fn the_badge_caps_at_99_plus_and_hides_at_zero() {
        assert_eq!(badge_text(0), None);
        assert_eq!(badge_text(7).as_deref(), Some("7"));
        assert_eq!(badge_text(99).as_deref(), Some("99"));
        assert_eq!(badge_text(100).as_deref(), Some("99+"));
    }

    #[test]
    fn critical_stands_out_in_colour_and_in_words() {
        assert_eq!(loudest(&counts(2, 1, 1)), Some(Severity::Critical));
        assert_eq!(loudest(&counts(2, 0, 0)), Some(Severity::Info));
        assert_eq!(loudest(&counts(0, 0, 0)), None);
        assert_eq!(accessible_name(Some(&counts(1, 1, 1)), false), "Notifications, 3 unread, 1 critical");
        assert_eq!(accessible_name(Some(&counts(0, 2, 0)), false), "Notifications, 2 unread");
        assert_eq!(accessible_name(Some(&counts(0, 0, 0)), false), "Notifications, none unread");
        assert_eq!(accessible_name(None, true), "Notifications, count unavailable");
        assert_eq!(
            accessible_name(Some(&counts(0, 2, 0)), true),
            "Notifications, 2 unread, could not refresh"
        );
    }

    #[test]
    fn the_title_leads_with_the_count() {
        assert_eq!(title_with_count(3, "Events · Event Center"), "(3) Events · Event Center");
        assert_eq!(title_with_count(250, "Events"), "(99+) Events");
        assert_eq!(title_with_count(0, "Events"), "Events");
    }
}
