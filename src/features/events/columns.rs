//! The table's columns, which of them are shown (remembered per browser), and the time zone.

use leptos::prelude::*;

use crate::ui::prefs;
use crate::ui::time_format::Zone;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Time,
    Severity,
    Type,
    Source,
    Actor,
    Ip,
    Message,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Time,
        Column::Severity,
        Column::Type,
        Column::Source,
        Column::Actor,
        Column::Ip,
        Column::Message,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Time => "Time",
            Column::Severity => "Severity",
            Column::Type => "Event type",
            Column::Source => "Source",
            Column::Actor => "Actor",
            Column::Ip => "IP address",
            Column::Message => "Message",
        }
    }

    /// The class of the column's cells, for its width.
    pub fn class(self) -> &'static str {
        match self {
            Column::Time => "col-time",
            Column::Severity => "col-severity",
            Column::Type => "col-event-type",
            Column::Source => "col-source",
            Column::Actor => "col-actor",
            Column::Ip => "col-ip-address",
            Column::Message => "col-message",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Column::Time => "time",
            Column::Severity => "severity",
            Column::Type => "type",
            Column::Source => "source",
            Column::Actor => "actor",
            Column::Ip => "ip",
            Column::Message => "message",
        }
    }

    /// Time says which event a row is; it cannot be hidden.
    pub fn can_hide(self) -> bool {
        self != Column::Time
    }
}

const COLUMNS_KEY: &str = "ec-event-columns";
const ZONE_KEY: &str = "ec-time-zone";

/// How the table shows: visible columns and time zone, remembered in this browser.
#[derive(Clone, Copy)]
pub struct TablePrefs {
    pub hidden: RwSignal<Vec<Column>>,
    pub zone: RwSignal<Zone>,
}

impl TablePrefs {
    pub fn load() -> Self {
        let hidden = prefs::load(COLUMNS_KEY)
            .map(|v| {
                Column::ALL
                    .into_iter()
                    .filter(|c| c.can_hide() && v.split(',').any(|k| k == c.key()))
                    .collect()
            })
            .unwrap_or_default();
        let zone = match prefs::load(ZONE_KEY).as_deref() {
            Some("local") => Zone::Local,
            _ => Zone::Utc,
        };
        TablePrefs { hidden: RwSignal::new(hidden), zone: RwSignal::new(zone) }
    }

    pub fn shows(&self, column: Column) -> bool {
        !self.hidden.with(|h| h.contains(&column))
    }

    pub fn set_shown(&self, column: Column, shown: bool) {
        self.hidden.update(|h| {
            h.retain(|c| *c != column);
            if !shown {
                h.push(column);
            }
        });
        let keys: Vec<&str> = self.hidden.with_untracked(|h| h.iter().map(|c| c.key()).collect());
        prefs::save(COLUMNS_KEY, &keys.join(","));
    }

    pub fn set_zone(&self, zone: Zone) {
        self.zone.set(zone);
        prefs::save(ZONE_KEY, if zone == Zone::Local { "local" } else { "utc" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_columns_class_is_its_label_in_kebab_case_as_the_stylesheet_names_it() {
        for column in Column::ALL {
            assert_eq!(column.class(), format!("col-{}", column.label().to_lowercase().replace(' ', "-")));
        }
    }
}
