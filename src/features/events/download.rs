//! Exporting the current filter: every matching event, page by page, with progress and a way
//! to cancel, then saved as a file.

use event_center_contract::{Event, EventQuery, MAX_LIMIT};
use leptos::prelude::*;

use crate::api::Client;
use crate::ui::save_file::save;
use crate::ui::split::split;
use crate::ui::task::InFlight;
use crate::ui::time_format::compact;
use event_center_contract::export::{to_csv, to_json};

/// The most events one export holds.
pub const MAX_EXPORT: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExportState {
    Idle,
    Running { format: Format, collected: usize },
    Done { file: String, count: usize },
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Export {
    pub state: RwSignal<ExportState>,
    /// Cancel, or leaving the page, ends the export and its request.
    running: InFlight,
}

impl Export {
    pub fn new() -> Self {
        Export { state: RwSignal::new(ExportState::Idle), running: InFlight::new() }
    }

    pub fn cancel(&self) {
        self.running.abort();
        self.state.set(ExportState::Idle);
    }

    pub fn start(&self, client: Client, query: EventQuery, format: Format) {
        if matches!(self.state.get_untracked(), ExportState::Running { .. }) {
            return;
        }
        self.state.set(ExportState::Running { format, collected: 0 });
        let this = *self;
        self.running.replace(async move {
            let mut events: Vec<Event> = Vec::new();
            let mut query = EventQuery { limit: Some(MAX_LIMIT), cursor: None, ..query };
            loop {
                let page = match client.events(&query).await {
                    Ok(page) => page,
                    Err(error) => {
                        this.state.set(ExportState::Failed(error.to_string()));
                        return;
                    }
                };
                events.extend(page.data);
                this.state.set(ExportState::Running { format, collected: events.len() });
                match page.next_cursor {
                    Some(cursor) if events.len() < MAX_EXPORT => query.cursor = Some(cursor),
                    _ => break,
                }
            }
            events.truncate(MAX_EXPORT);
            let count = events.len();
            let stamp = compact(&crate::ui::now().naive_utc());
            let file = format!("events-{stamp}.{}", format.extension());
            this.state.set(match encode_and_save(events, format, file.clone()).await {
                Ok(Ok(())) => ExportState::Done { file, count },
                Ok(Err(e)) => ExportState::Failed(e),
                Err(_) => ExportState::Failed(
                    "the exporter could not be loaded; check the connection and export again".into(),
                ),
            });
        });
    }
}

split! {
    /// The file, written and handed to the browser by code fetched with the first export.
    fn encode_and_save(events: Vec<Event>, format: Format, file: String) -> Result<(), String> {
        let content = match format {
            Format::Json => to_json(&events),
            Format::Csv => to_csv(&events),
        };
        save(&file, &content, format.mime())
    }
}
