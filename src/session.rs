//! What every screen shares once the configuration is known, in one context: the configuration
//! (or what is wrong with it), the API client for its backend, the signed-in user, how new
//! events are heard of, the sign-in to a real backend and the in-page mock. All are made once,
//! as the console mounts. One context rather than one each: each type looked up in a context
//! costs the first download its own copy of the lookup.

use event_center_contract::Me;
use event_center_mock::Lever;
use leptos::prelude::*;

use crate::api::{Client, Credential, MockConnection, RetryPolicy, Transport};
use crate::config::{Backend, ConfigError, MockSettings, RuntimeConfig, SignInMethod};
use crate::live::Live;
use crate::mock_panel::MockHandle;
use crate::sign_in::SignIn;
use crate::ui::now;

#[derive(Clone, Copy)]
pub struct Session {
    /// It lives on this thread only (the mock is in the page).
    client: StoredValue<Client, LocalStorage>,
    config: StoredValue<Result<RuntimeConfig, ConfigError>, LocalStorage>,
    /// `GET /me`, loaded once for every part of the console that asks.
    me: LocalResource<Option<Me>>,
    pub live: Live,
    /// Signing in, on a real backend.
    pub sign_in: Option<SignIn>,
    /// The in-page mock, when it is the backend.
    pub mock: Option<MockHandle>,
}

impl Session {
    /// What is wrong with the configuration, if anything.
    pub fn config_error(self) -> Option<ConfigError> {
        self.config.with_value(|config| config.as_ref().err().cloned())
    }

    /// How a real backend is signed in to.
    pub fn sign_in_method(self) -> SignInMethod {
        self.config
            .with_value(|config| config.as_ref().map(|config| config.sign_in.clone()).unwrap_or_default())
    }

    /// How the mock behaves, when it is the backend.
    pub fn mock_settings(self) -> Option<MockSettings> {
        self.mock?;
        self.config.with_value(|config| config.as_ref().ok().map(|config| config.mock.clone()))
    }
}

/// How requests reach the configured backend: over HTTP with `credential`, or to the mock
/// loaded for it.
fn connect(
    config: &RuntimeConfig,
    mock: Option<MockConnection>,
    credential: Option<Credential>,
) -> Result<(Transport, Option<SignIn>), ConfigError> {
    match (&config.backend, mock) {
        (Backend::Mock, Some(backend)) => {
            keep_events_arriving(backend.clone(), config.mock.arrivals_per_minute);
            Ok((Transport::Mock { backend, token: config.mock.persona.token().into() }, None))
        }
        (Backend::Mock, None) => Err(ConfigError::MockUnavailable("it was not loaded".into())),
        (Backend::Http { base_url }, _) => {
            let credential = credential.unwrap_or_default();
            let sign_in = SignIn::start(&credential);
            Ok((Transport::Http { base_url: base_url.clone(), credential }, Some(sign_in)))
        }
    }
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

/// Makes the session available below. Without a usable backend the client answers every
/// request with the configuration's problem, so each screen shows it as it shows a backend it
/// cannot reach. A real backend is sent `credential` (made as the console starts; none
/// when missing).
pub fn provide(
    config: Result<RuntimeConfig, ConfigError>,
    mock: Option<MockConnection>,
    credential: Option<Credential>,
) {
    let connected =
        config.as_ref().map_err(Clone::clone).and_then(|config| connect(config, mock.clone(), credential));
    let (transport, sign_in, config) = match connected {
        Ok((transport, sign_in)) => (transport, sign_in, config),
        Err(problem) => (Transport::Unconfigured(problem.to_string()), None, Err(problem)),
    };
    let mock = mock.filter(|_| matches!(transport, Transport::Mock { .. })).map(StoredValue::new_local);
    let client = Client::new(transport, RetryPolicy::default());
    let me = {
        let client = client.clone();
        LocalResource::new(move || {
            let client = client.clone();
            async move { client.me().await.ok() }
        })
    };
    provide_context(Session {
        client: StoredValue::new_local(client),
        config: StoredValue::new_local(config),
        me,
        live: Live::new(),
        sign_in,
        mock,
    });
}

/// The session; [`provide`] makes one whatever the configuration.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

pub fn use_client() -> Client {
    use_session().client.get_value()
}

/// The signed-in user; `None` while loading or when the backend cannot say.
pub fn use_me() -> Signal<Option<Me>> {
    let me = use_session().me;
    Signal::derive(move || me.get().flatten())
}

/// Whether the signed-in user has `capability`: `None` while `/me` is on its way, `false` when
/// the backend could not say.
pub fn use_can(capability: &'static str) -> Signal<Option<bool>> {
    let me = use_session().me;
    Signal::derive(move || me.get().map(|me| me.is_some_and(|me| me.can(capability))))
}
