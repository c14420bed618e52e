//! Export as JSON, from the report action menu: the seed's get-analytics-data document for the
//! range and filters shown, saved as a file; a failure says why and offers Retry.

use event_center_contract::UsageQuery;
use leptos::prelude::*;

use crate::api::Client;
use crate::session::use_client;
use crate::ui::save_file::save;
use crate::ui::task::InFlight;

#[derive(Clone, Debug, PartialEq)]
enum State {
    Idle,
    Running,
    Done(String),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct ReportExport {
    state: RwSignal<State>,
    /// Leaving the page ends the export and its request.
    running: InFlight,
    client: StoredValue<Client, LocalStorage>,
}

impl ReportExport {
    pub fn new() -> Self {
        ReportExport {
            state: RwSignal::new(State::Idle),
            running: InFlight::new(),
            client: StoredValue::new_local(use_client()),
        }
    }

    pub fn running(&self) -> bool {
        self.state.get() == State::Running
    }

    pub fn start(&self, query: UsageQuery) {
        if self.state.get_untracked() == State::Running {
            return;
        }
        self.state.set(State::Running);
        let (state, client) = (self.state, self.client.get_value());
        self.running.replace(async move {
            let answer = client.usage_export(&query).await;
            let day = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
            };
            let file = format!("usage-report-{}-to-{}.json", day(query.from), day(query.to));
            let saved = answer
                .map_err(|e| e.to_string())
                .and_then(|doc| serde_json::to_string_pretty(&doc).map_err(|e| e.to_string()))
                .and_then(|json| save(&file, &json, "application/json"));
            state.set(match saved {
                Ok(()) => State::Done(file),
                Err(message) => State::Failed(message),
            });
        });
    }
}

#[component]
pub fn ExportStatus(export: ReportExport, retry: Callback<()>) -> impl IntoView {
    move || match export.state.get() {
        State::Idle => None,
        State::Running => Some(
            view! {
                <div class="banner" role="status">
                    "Exporting the usage report…"
                </div>
            }
            .into_any(),
        ),
        State::Done(file) => Some(
            view! {
                <div class="banner" role="status">
                    {format!("Saved the usage report as {file}.")}
                </div>
            }
            .into_any(),
        ),
        State::Failed(message) => Some(
            view! {
                <div class="banner banner-error" role="alert">
                    {format!("The export failed: {message}. ")}
                    <button type="button" class="link-button" on:click=move |_| retry.run(())>
                        "Retry"
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
}
