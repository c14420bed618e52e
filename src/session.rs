//! What every screen shares once the configuration is known: the configuration itself and
//! the API client for its backend. Both are made once, before the console mounts.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use event_center_mock::MockBackend;
use leptos::prelude::*;

use crate::api::{Client, RetryPolicy, Transport};
use crate::config::{Backend, ConfigError, RuntimeConfig};

/// The client, shared through context; it lives on this thread only (the mock is in the page).
pub type ClientStore = StoredValue<Client, LocalStorage>;

pub fn connect(config: &RuntimeConfig) -> Client {
    let transport = match &config.backend {
        Backend::Mock => {
            let mock = &config.mock;
            let backend = MockBackend::new(mock.seed, mock.events, now());
            Transport::Mock { backend: Rc::new(RefCell::new(backend)), token: mock.persona.token().into() }
        }
        Backend::Http { base_url } => {
            Transport::Http { base_url: base_url.clone(), token: config.token.clone() }
        }
    };
    Client::new(transport, RetryPolicy::default())
}

/// Makes the configuration (or what is wrong with it) and the client available below.
pub fn provide(config: Result<RuntimeConfig, ConfigError>) {
    match config {
        Ok(config) => {
            provide_context(StoredValue::new_local(connect(&config)));
            provide_context(config);
        }
        Err(problem) => provide_context(problem),
    }
}

pub fn use_client() -> Option<Client> {
    use_context::<ClientStore>().map(|store| store.get_value())
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
