//! What every screen shares once the configuration is known: the configuration itself and
//! the API client for its backend. Both are made once, before the console mounts.

use std::cell::RefCell;
use std::rc::Rc;

use event_center_mock::MockBackend;
use leptos::prelude::*;

use crate::api::{Client, RetryPolicy, Transport};
use crate::config::{Backend, ConfigError, RuntimeConfig};
use crate::ui::now;

/// The client, shared through context; it lives on this thread only (the mock is in the page).
pub type ClientStore = StoredValue<Client, LocalStorage>;

/// The client for the configured backend, and the in-page mock when that is the backend.
pub fn connect(config: &RuntimeConfig) -> (Client, Option<Rc<RefCell<MockBackend>>>) {
    let mut mock_backend = None;
    let transport = match &config.backend {
        Backend::Mock => {
            let mock = &config.mock;
            let backend = Rc::new(RefCell::new(MockBackend::new(mock.seed, mock.events, now())));
            keep_events_arriving(&backend, mock.arrivals_per_minute);
            mock_backend = Some(backend.clone());
            Transport::Mock { backend, token: mock.persona.token().into() }
        }
        Backend::Http { base_url } => {
            Transport::Http { base_url: base_url.clone(), token: config.token.clone() }
        }
    };
    (Client::new(transport, RetryPolicy::default()), mock_backend)
}

/// New events keep happening in the mock while the page is open, as on a live platform.
fn keep_events_arriving(backend: &Rc<RefCell<MockBackend>>, per_minute: u32) {
    if per_minute == 0 {
        return;
    }
    let backend = Rc::downgrade(backend);
    let period = std::time::Duration::from_millis(60_000 / u64::from(per_minute));
    let arrive = move || {
        if let Some(backend) = backend.upgrade() {
            backend.borrow_mut().arrive(now(), None);
        }
    };
    // The interval lives as long as the page: the session is never torn down.
    let _ = set_interval_with_handle(arrive, period);
}

/// Makes the configuration (or what is wrong with it) and the client available below.
pub fn provide(config: Result<RuntimeConfig, ConfigError>) {
    match config {
        Ok(config) => {
            let (client, mock) = connect(&config);
            provide_context(StoredValue::new_local(client));
            if let Some(mock) = mock {
                let handle: crate::mock_panel::MockHandle = StoredValue::new_local(mock);
                provide_context(handle);
            }
            provide_context(config);
        }
        Err(problem) => provide_context(problem),
    }
}

pub fn use_client() -> Option<Client> {
    use_context::<ClientStore>().map(|store| store.get_value())
}

/// The signed-in user (`GET /me`), loaded once for every part of the console that asks.
#[derive(Clone, Copy)]
struct MeResource(LocalResource<Option<event_center_contract::Me>>);

/// Loads the signed-in user; call once, from the shell.
pub fn provide_me() {
    let me = LocalResource::new(move || {
        let client = use_client();
        async move {
            match client {
                Some(client) => client.me().await.ok(),
                None => None,
            }
        }
    });
    provide_context(MeResource(me));
}

/// The signed-in user; `None` while loading or when the backend cannot say.
pub fn use_me() -> Signal<Option<event_center_contract::Me>> {
    let me = use_context::<MeResource>().map(|r| r.0);
    Signal::derive(move || me.and_then(|me| me.get().flatten()))
}
