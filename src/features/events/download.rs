//! Exporting the current filter: every matching event, written by the backend, with a way to
//! cancel, then saved as a file.

use event_center_contract::EventQuery;
use leptos::prelude::*;

use crate::api::Client;
use crate::ui::save_file::save;
use crate::ui::split::split;
use crate::ui::task::InFlight;
use crate::ui::time_format::compact;

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
    Running { format: Format },
    Done { file: String },
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

    /// Asks the backend for every event of the filter in the format (JSON in the seeds'
    /// forwarded format, with each event's details, which only the backend has), then saves it.
    pub fn start(&self, client: Client, query: EventQuery, format: Format) {
        if matches!(self.state.get_untracked(), ExportState::Running { .. }) {
            return;
        }
        self.state.set(ExportState::Running { format });
        let this = *self;
        self.running.replace(async move {
            let query = EventQuery { limit: None, cursor: None, ..query };
            let content = match client.export_events(&query, format.extension()).await {
                Ok(content) => content,
                Err(error) => {
                    this.state.set(ExportState::Failed(error.to_string()));
                    return;
                }
            };
            let stamp = compact(&crate::ui::now().naive_utc());
            let file = format!("events-{stamp}.{}", format.extension());
            this.state.set(match save_export(file.clone(), content, format.mime()).await {
                Ok(Ok(())) => ExportState::Done { file },
                Ok(Err(e)) => ExportState::Failed(e),
                Err(_) => ExportState::Failed(
                    "the exporter could not be loaded; check the connection and export again".into(),
                ),
            });
        });
    }
}

split! {
    /// The file handed to the browser, by code fetched with the first export.
    fn save_export(file: String, content: String, mime: &'static str) -> Result<(), String> {
        save(&file, &content, mime)
    }
}
