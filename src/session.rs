//! What every screen shares once the configuration is known: the configuration itself and
//! the API client for its backend. Both are made once, as the console mounts.

use event_center_mock::Lever;
use leptos::prelude::*;

use crate::api::{Client, MockConnection, RetryPolicy, Transport};
use crate::config::{Backend, ConfigError, RuntimeConfig};
use crate::sign_in::SignIn;
use crate::ui::now;

/// The client, shared through context; it lives on this thread only (the mock is in the page).
pub type ClientStore = StoredValue<Client, LocalStorage>;

/// The client for the configured backend: over HTTP with the tab's sign-in, or to the mock loaded for it.
pub fn connect(config: &RuntimeConfig, mock: Option<MockConnection>) -> Result<Client, ConfigError> {
    let transport = match (&config.backend, mock) {
        (Backend::Mock, Some(backend)) => {
            keep_events_arriving(backend.clone(), config.mock.arrivals_per_minute);
            Transport::Mock { backend, token: config.mock.persona.token().into() }
        }
        (Backend::Mock, None) => return Err(ConfigError::MockUnavailable("it was not loaded".into())),
        (Backend::Http { base_url }, _) => {
            Transport::Http { base_url: base_url.clone(), credential: SignIn::provide() }
        }
    };
    Ok(Client::new(transport, RetryPolicy::default()))
}

/// New events keep happening in the mock while the page is open, as on a live platform.
fn keep_events_arriving(backend: MockConnection, per_minute: u32) {
    if per_minute == 0 {
        return;
    }
    let period = std::time::Duration::from_millis(60_000 / u64::from(per_minute));
    let arrive = move || {
        if let Some(backend) = backend.ready() {
            let _ = backend.pull(now(), Lever::Arrive { severity: None });
        }
    };
    // The interval lives as long as the page: the session is never torn down.
    let _ = set_interval_with_handle(arrive, period);
}

/// Makes the configuration (or what is wrong with it), the client and the mock, if it is
/// the backend, available below. Without a usable backend the client answers every request
/// with the configuration's problem, so each screen shows it as it shows a backend it cannot reach.
pub fn provide(config: Result<RuntimeConfig, ConfigError>, mock: Option<MockConnection>) {
    let connected = config.and_then(|config| Ok((connect(&config, mock.clone())?, config)));
    let client = match connected {
        Ok((client, config)) => {
            if let (Backend::Mock, Some(mock)) = (&config.backend, mock) {
                let handle: crate::mock_panel::MockHandle = StoredValue::new_local(mock);
                provide_context(handle);
            }
            provide_context(config);
            client
        }
        Err(problem) => {
            let client = Client::new(Transport::Unconfigured(problem.to_string()), RetryPolicy::default());
            provide_context(problem);
            client
        }
    };
    let store: ClientStore = StoredValue::new_local(client);
    provide_context(store);
}

/// The session's client; [`provide`] makes one whatever the configuration.
pub fn use_client() -> Client {
    expect_context::<ClientStore>().get_value()
}

/// The signed-in user (`GET /me`), loaded once for every part of the console that asks.
#[derive(Clone, Copy)]
struct MeResource(LocalResource<Option<event_center_contract::Me>>);

/// Loads the signed-in user; call once, from the shell.
pub fn provide_me() {
    let me = LocalResource::new(move || {
        let client = use_client();
        async move { client.me().await.ok() }
    });
    provide_context(MeResource(me));
}

/// The signed-in user; `None` while loading or when the backend cannot say.
pub fn use_me() -> Signal<Option<event_center_contract::Me>> {
    let me = use_context::<MeResource>().map(|r| r.0);
    Signal::derive(move || me.and_then(|me| me.get().flatten()))
}
