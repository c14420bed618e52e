//! Runtime configuration: which backend the console talks to.
//!
//! One release build serves every deployment: the backend comes from `/config.json`
//! and can be overridden per browser tab with `?backend=`, never from a compile flag.

use event_center_mock::Persona;
use leptos::prelude::*;
use serde::Deserialize;

/// Where the console's data comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The in-browser mock backend, with seeded data: for previews, demos and tests.
    Mock,
    /// A real backend implementing the REST contract, at this base URL
    /// (absolute `http(s)://…`, or a path on the console's own origin such as `/api/v1`).
    Http { base_url: String },
}

impl Backend {
    pub fn parse(value: &str) -> Result<Backend, ConfigError> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("mock") {
            return Ok(Backend::Mock);
        }
        if is_address(value) {
            Ok(Backend::Http { base_url: value.trim_end_matches('/').to_string() })
        } else {
            Err(ConfigError::InvalidBackend(value.to_string()))
        }
    }
}

/// An http(s) URL, or a path on the console's own origin: never another scheme (`javascript:`).
fn is_address(value: &str) -> bool {
    let is_url = value.starts_with("https://") || value.starts_with("http://");
    is_url || (value.starts_with('/') && !value.starts_with("//"))
}

/// How the console signs in to a real backend (README, "Signing in").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SignInMethod {
    /// A personal token the user types, kept for the tab.
    #[default]
    Token,
    /// The platform's own sign-in page, at `url`: the browser holds the session in a cookie the
    /// console never sees, and a write carries a copy of its `XSRF-TOKEN` cookie.
    Session { url: String, sign_out_url: String },
    /// An OpenID Connect provider, Authorization Code with PKCE: the tokens are held in memory,
    /// a refresh token for the tab.
    Oidc(OidcClient),
}

/// The console as a client of an OpenID Connect provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidcClient {
    /// An http(s) URL.
    pub issuer: String,
    pub client_id: String,
    /// Space-separated; `openid profile email` when `config.json` names none.
    pub scopes: Option<String>,
    /// What the sign-in button calls the provider ("Sign in with Okta").
    pub provider_name: Option<String>,
}

impl OidcClient {
    /// The provider as the sign-in button names it: its configured name, else the issuer's host.
    pub fn display_name(&self) -> &str {
        self.provider_name.as_deref().unwrap_or_else(|| {
            let host = self.issuer.split("://").nth(1).unwrap_or_default();
            host.split('/').next().unwrap_or_default()
        })
    }
}

/// How the in-page mock backend behaves: who is signed in and how much data there is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockSettings {
    pub persona: Persona,
    /// Generated events, from 0 (an empty system) to [`MAX_MOCK_EVENTS`].
    pub events: usize,
    /// The same seed gives the same data.
    pub seed: u64,
    /// New events per minute while the page is open, up to [`MAX_ARRIVALS_PER_MINUTE`].
    pub arrivals_per_minute: u32,
    /// The user's name and the newest critical event's path are 10,000 characters long
    /// (`names=long`): the layout's worst case.
    pub long_names: bool,
}

pub const MAX_ARRIVALS_PER_MINUTE: u32 = 600;

pub const MAX_MOCK_EVENTS: usize = 100_000;

impl Default for MockSettings {
    fn default() -> Self {
        MockSettings {
            persona: Persona::Admin,
            events: 5_000,
            seed: 1,
            arrivals_per_minute: 6,
            long_names: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    pub backend: Backend,
    pub mock: MockSettings,
    /// Only a real backend asks.
    pub sign_in: SignInMethod,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    InvalidBackend(String),
    InvalidPersona(String),
    InvalidEvents(String),
    InvalidArrivals(String),
    InvalidNames(String),
    InvalidFile(String),
    /// Neither a token, nor a session with both of its pages, nor a provider with its client.
    InvalidSignIn,
    /// `config.json` names a token: a file every visitor can download holds a credential.
    TokenInFile,
    Unreachable(String),
    MockUnavailable(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::InvalidBackend(v) => {
                write!(f, "backend \"{v}\" is neither \"mock\" nor an http(s) URL or a path such as /api/v1")
            }
            ConfigError::InvalidPersona(v) => {
                let known: Vec<_> = Persona::ALL.iter().map(|p| p.token()).collect();
                write!(f, "persona \"{v}\" is not one of {}", known.join(", "))
            }
            ConfigError::InvalidEvents(v) => {
                write!(f, "events \"{v}\" is not a whole number from 0 to {MAX_MOCK_EVENTS}")
            }
            ConfigError::InvalidArrivals(v) => {
                write!(f, "arrivals \"{v}\" is not a whole number of events per minute from 0 to {MAX_ARRIVALS_PER_MINUTE}")
            }
            ConfigError::InvalidNames(v) => write!(f, "names \"{v}\" is neither \"long\" nor \"normal\""),
            ConfigError::InvalidFile(e) => write!(f, "config.json is not valid: {e}"),
            ConfigError::InvalidSignIn => write!(
                f,
                "config.json's sign_in is neither \"token\", nor \"session\" with a sign_in_url and a sign_out_url (each an http(s) URL or a path such as /login), nor \"oidc\" with an issuer (an http(s) URL) and a client_id"
            ),
            ConfigError::TokenInFile => write!(
                f,
                "config.json holds a token, which every visitor can download: revoke it, remove it from the file, and sign in instead"
            ),
            ConfigError::Unreachable(e) => write!(f, "config.json could not be loaded: {e}"),
            ConfigError::MockUnavailable(e) => write!(f, "the mock backend could not be loaded: {e}"),
        }
    }
}

/// `config.json`: the mock's settings, and the other fields, each a string.
#[derive(Default)]
struct ConfigFile {
    mock: MockFile,
    /// The string fields by name, each at most once.
    fields: Vec<(String, String)>,
}

/// The fields `config.json` may hold.
const FIELDS: &[&str] = &[
    "backend",
    "mock",
    "sign_in",
    "sign_in_url",
    "sign_out_url",
    "issuer",
    "client_id",
    "scopes",
    "provider_name",
];

impl ConfigFile {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// Read by hand rather than derived: a derived reader costs the first download about half a
/// kilobyte for each field, where here a field costs its name.
impl<'de> Deserialize<'de> for ConfigFile {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = ConfigFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<ConfigFile, M::Error> {
                let mut file = ConfigFile::default();
                while let Some(key) = map.next_key::<String>()? {
                    if !FIELDS.contains(&key.as_str()) {
                        return Err(M::Error::unknown_field(&key, FIELDS));
                    }
                    if key == "mock" {
                        file.mock = map.next_value()?;
                    } else if file.get(&key).is_some() {
                        return Err(M::Error::custom(format_args!("duplicate field `{key}`")));
                    } else {
                        file.fields.push((key, map.next_value()?));
                    }
                }
                Ok(file)
            }
        }
        reader.deserialize_map(Fields)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MockFile {
    persona: Option<String>,
    events: Option<usize>,
    seed: Option<u64>,
    arrivals_per_minute: Option<u32>,
    names: Option<String>,
}

/// Per-tab overrides from the URL (`?backend=`, `?persona=`, `?events=`); they win over the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub backend: Option<String>,
    pub persona: Option<String>,
    pub events: Option<String>,
    pub arrivals: Option<String>,
    pub names: Option<String>,
}

/// What the tab's copy of each override is kept under, before its name (`ec-backend`).
pub const TAB_OVERRIDE_PREFIX: &str = "ec-";

/// The URL parameters that override the configuration for a tab.
pub const OVERRIDE_KEYS: [&str; 5] = ["backend", "persona", "events", "arrivals", "names"];

impl Overrides {
    fn set(&mut self, key: &str, value: String) {
        match key {
            "backend" => self.backend = Some(value),
            "persona" => self.persona = Some(value),
            "events" => self.events = Some(value),
            "arrivals" => self.arrivals = Some(value),
            "names" => self.names = Some(value),
            _ => {}
        }
    }
}

/// Combines `config.json` (absent means defaults) with the tab's overrides.
/// With neither, the console runs on the mock backend, so a fresh checkout shows data.
pub fn resolve(file: Option<&str>, overrides: &Overrides) -> Result<RuntimeConfig, ConfigError> {
    let file: ConfigFile = match file {
        Some(text) => serde_json::from_str(text).map_err(|e| match e.to_string() {
            e if e.starts_with("unknown field `token`") => ConfigError::TokenInFile,
            e => ConfigError::InvalidFile(e),
        })?,
        None => ConfigFile::default(),
    };
    let backend = match overrides.backend.as_deref().or(file.get("backend")) {
        Some(value) => Backend::parse(value)?,
        None => Backend::Mock,
    };
    let defaults = MockSettings::default();
    let persona = match overrides.persona.as_deref().or(file.mock.persona.as_deref()) {
        Some(name) => Persona::from_token(name).ok_or_else(|| ConfigError::InvalidPersona(name.into()))?,
        None => defaults.persona,
    };
    let events = match &overrides.events {
        Some(text) => text.trim().parse().map_err(|_| ConfigError::InvalidEvents(text.clone()))?,
        None => file.mock.events.unwrap_or(defaults.events),
    };
    if events > MAX_MOCK_EVENTS {
        return Err(ConfigError::InvalidEvents(events.to_string()));
    }
    let arrivals_per_minute = match &overrides.arrivals {
        Some(text) => text.trim().parse().map_err(|_| ConfigError::InvalidArrivals(text.clone()))?,
        None => file.mock.arrivals_per_minute.unwrap_or(defaults.arrivals_per_minute),
    };
    if arrivals_per_minute > MAX_ARRIVALS_PER_MINUTE {
        return Err(ConfigError::InvalidArrivals(arrivals_per_minute.to_string()));
    }
    let long_names = match overrides.names.as_deref().or(file.mock.names.as_deref()).map(str::trim) {
        None | Some("normal") => false,
        Some("long") => true,
        Some(other) => return Err(ConfigError::InvalidNames(other.into())),
    };
    let field = |name| file.get(name);
    let session = (field("sign_in_url"), field("sign_out_url"));
    let provider = (field("issuer"), field("client_id"), field("scopes"), field("provider_name"));
    let sign_in = match (field("sign_in"), session, provider) {
        (None | Some("token"), (None, None), (None, None, None, None)) => SignInMethod::Token,
        (Some("session"), (Some(url), Some(sign_out_url)), (None, None, None, None))
            if is_address(url) && is_address(sign_out_url) =>
        {
            SignInMethod::Session { url: url.into(), sign_out_url: sign_out_url.into() }
        }
        (Some("oidc"), (None, None), (Some(issuer), Some(client_id), scopes, provider_name))
            if issuer.starts_with("http")
                && !client_id.is_empty()
                && provider_name.is_none_or(|name| !name.trim().is_empty()) =>
        {
            SignInMethod::Oidc(OidcClient {
                issuer: issuer.into(),
                client_id: client_id.into(),
                scopes: scopes.map(Into::into),
                provider_name: provider_name.map(|name| name.trim().into()),
            })
        }
        _ => return Err(ConfigError::InvalidSignIn),
    };
    Ok(RuntimeConfig {
        sign_in,
        backend,
        mock: MockSettings {
            persona,
            events,
            seed: file.mock.seed.unwrap_or(defaults.seed),
            arrivals_per_minute,
            long_names,
        },
    })
}

/// Loads the configuration in the browser, before the console mounts.
pub async fn load() -> Result<RuntimeConfig, ConfigError> {
    let overrides = browser::tab_overrides();
    let file = browser::config_file().await?;
    resolve(file.as_deref(), &overrides)
}

mod browser {
    use super::*;
    use gloo_net::http::Request;

    /// URL overrides stick for the tab (session storage), so reloading a deep link
    /// after in-app navigation keeps the same backend, persona and volume.
    pub fn tab_overrides() -> Overrides {
        let window = window();
        let storage = window.session_storage().ok().flatten();
        let params =
            window.location().search().ok().and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok());
        let mut overrides = Overrides::default();
        for key in OVERRIDE_KEYS {
            let storage_key = [TAB_OVERRIDE_PREFIX, key].concat();
            let from_url = params.as_ref().and_then(|p| p.get(key));
            let value = match (&from_url, &storage) {
                (Some(value), Some(storage)) => {
                    let _ = storage.set_item(&storage_key, value);
                    from_url
                }
                (Some(_), None) => from_url,
                (None, Some(storage)) => storage.get_item(&storage_key).ok().flatten(),
                (None, None) => None,
            };
            if let Some(value) = value {
                overrides.set(key, value);
            }
        }
        overrides
    }

    pub async fn config_file() -> Result<Option<String>, ConfigError> {
        let (status, text) = match early_answer() {
            Some(answer) => answer.await?,
            // Pages without index.html's script (the component tests) fetch it here.
            None => {
                let response = Request::get("/config.json")
                    .send()
                    .await
                    .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
                let text = response.text().await.map_err(|e| ConfigError::Unreachable(e.to_string()))?;
                (response.status(), text)
            }
        };
        match status {
            404 => Ok(None),
            200..=299 => Ok(Some(text)),
            status => Err(ConfigError::Unreachable(format!("HTTP {status}"))),
        }
    }

    /// The answer index.html's script fetched (`window.ecConfigFile`: `{status, text}`, or a
    /// rejection with the error's text), so that the file is requested once.
    fn early_answer() -> Option<impl std::future::Future<Output = Result<(u16, String), ConfigError>>> {
        use js_sys::Reflect;
        use wasm_bindgen::JsCast;
        let promise =
            Reflect::get(&window(), &"ecConfigFile".into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
        Some(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|e| ConfigError::Unreachable(e.as_string().unwrap_or_default()))?;
            let field = |key: &str| Reflect::get(&answer, &key.into()).unwrap_or_default();
            Ok((
                field("status").as_f64().unwrap_or(0.0) as u16,
                field("text").as_string().unwrap_or_default(),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend(value: &str) -> Overrides {
        Overrides { backend: Some(value.into()), ..Default::default() }
    }

    #[test]
    fn defaults_to_the_mock_backend_as_an_admin() {
        let none = Overrides::default();
        assert_eq!(resolve(None, &none).unwrap().backend, Backend::Mock);
        let config = resolve(Some("{}"), &none).unwrap();
        assert_eq!(config.backend, Backend::Mock);
        assert_eq!(config.mock, MockSettings::default());
    }

    #[test]
    fn file_names_a_real_backend() {
        let file = r#"{"backend": "https://vault.example.com/api/v1/"}"#;
        let config = resolve(Some(file), &Overrides::default()).unwrap();
        assert_eq!(config.backend, Backend::Http { base_url: "https://vault.example.com/api/v1".into() });
    }

    #[test]
    fn refuses_a_token_in_the_file_without_repeating_it() {
        let file = r#"{"backend": "/api/v1", "token": "s3cret-t0ken"}"#;
        let err = resolve(Some(file), &Overrides::default()).unwrap_err();
        assert_eq!(err, ConfigError::TokenInFile);
        assert!(err.to_string().contains("which every visitor can download"), "{err}");
        assert!(!err.to_string().contains("s3cret-t0ken"), "{err}");
    }

    #[test]
    fn signs_in_with_a_token_unless_the_file_names_the_platforms_sign_in_page() {
        let none = Overrides::default();
        assert_eq!(resolve(Some(r#"{"backend": "/api/v1"}"#), &none).unwrap().sign_in, SignInMethod::Token);
        let file = r#"{"backend": "/api/v1", "sign_in": "session", "sign_in_url": "/login", "sign_out_url": "https://sso.example.com/logout"}"#;
        assert_eq!(
            resolve(Some(file), &none).unwrap().sign_in,
            SignInMethod::Session {
                url: "/login".into(),
                sign_out_url: "https://sso.example.com/logout".into()
            }
        );
        for bad in [
            r#""sign_in": "session""#,
            r#""sign_in": "session", "sign_in_url": "/login""#,
            r#""sign_in": "session", "sign_in_url": "javascript:alert(1)", "sign_out_url": "/logout""#,
            r#""sign_in": "session", "sign_in_url": "/login", "sign_out_url": "//evil.example.com""#,
            r#""sign_in": "password", "sign_in_url": "/login", "sign_out_url": "/logout""#,
            r#""sign_in": "token", "sign_in_url": "/login""#,
            r#""sign_in": "oidc", "client_id": "console""#,
            r#""sign_in": "oidc", "issuer": "/realms/platform", "client_id": "console""#,
            r#""sign_in": "oidc", "issuer": "https://sso.example.com", "client_id": """#,
            r#""sign_in": "session", "issuer": "https://sso.example.com", "client_id": "console""#,
            r#""sign_in": "oidc", "issuer": "https://sso.example.com", "client_id": "console", "provider_name": " ""#,
            r#""sign_in": "token", "provider_name": "Okta""#,
        ] {
            let file = format!(r#"{{"backend": "/api/v1", {bad}}}"#);
            assert_eq!(resolve(Some(&file), &none), Err(ConfigError::InvalidSignIn), "{bad}");
        }
    }

    #[test]
    fn signs_in_with_an_openid_provider_named_with_its_client() {
        let none = Overrides::default();
        let file = r#"{"backend": "/api/v1", "sign_in": "oidc", "issuer": "https://sso.example.com/realms/platform/", "client_id": "event-center"}"#;
        assert_eq!(
            resolve(Some(file), &none).unwrap().sign_in,
            SignInMethod::Oidc(OidcClient {
                issuer: "https://sso.example.com/realms/platform/".into(),
                client_id: "event-center".into(),
                scopes: None,
                provider_name: None,
            })
        );
        let SignInMethod::Oidc(unnamed) = resolve(Some(file), &none).unwrap().sign_in else { unreachable!() };
        assert_eq!(unnamed.display_name(), "sso.example.com", "the issuer's host");
        let file = r#"{"backend": "/api/v1", "sign_in": "oidc", "issuer": "https://sso.example.com", "client_id": "ec", "scopes": "openid offline_access"}"#;
        let SignInMethod::Oidc(OidcClient { scopes, .. }) = resolve(Some(file), &none).unwrap().sign_in
        else {
            panic!("an OpenID Connect sign-in")
        };
        assert_eq!(scopes.as_deref(), Some("openid offline_access"));
        let file = r#"{"backend": "/api/v1", "sign_in": "oidc", "issuer": "https://sso.example.com", "client_id": "ec", "provider_name": " Okta "}"#;
        let SignInMethod::Oidc(named) = resolve(Some(file), &none).unwrap().sign_in else { unreachable!() };
        assert_eq!(named.display_name(), "Okta");
    }

    #[test]
    fn tab_overrides_win_over_the_file() {
        let config = resolve(Some(r#"{"backend": "/api/v1"}"#), &backend("mock")).unwrap();
        assert_eq!(config.backend, Backend::Mock);
        let config = resolve(Some(r#"{"backend": "mock"}"#), &backend("/api/v1")).unwrap();
        assert_eq!(config.backend, Backend::Http { base_url: "/api/v1".into() });
        let file = r#"{"mock": {"persona": "admin", "events": 10, "seed": 7}}"#;
        let overrides = Overrides {
            persona: Some("auditor".into()),
            events: Some("100000".into()),
            ..Default::default()
        };
        let config = resolve(Some(file), &overrides).unwrap();
        assert_eq!(
            config.mock,
            MockSettings {
                persona: Persona::Auditor,
                events: 100_000,
                seed: 7,
                arrivals_per_minute: 6,
                long_names: false
            }
        );
        let quiet = Overrides { arrivals: Some("0".into()), ..Default::default() };
        assert_eq!(resolve(None, &quiet).unwrap().mock.arrivals_per_minute, 0);
    }

    #[test]
    fn rejects_unknown_personas_and_volumes_out_of_range() {
        let persona = Overrides { persona: Some("root".into()), ..Default::default() };
        assert_eq!(resolve(None, &persona), Err(ConfigError::InvalidPersona("root".into())));
        let events = Overrides { events: Some("lots".into()), ..Default::default() };
        assert_eq!(resolve(None, &events), Err(ConfigError::InvalidEvents("lots".into())));
        assert!(resolve(Some(r#"{"mock": {"events": 100001}}"#), &Overrides::default()).is_err());
        let flood = Overrides { arrivals: Some("601".into()), ..Default::default() };
        assert_eq!(resolve(None, &flood), Err(ConfigError::InvalidArrivals("601".into())));
    }

    #[test]
    fn long_names_come_from_the_tab_or_the_file_and_nothing_else_is_guessed() {
        let long = Overrides { names: Some("long".into()), ..Default::default() };
        assert!(resolve(None, &long).unwrap().mock.long_names);
        assert!(
            resolve(Some(r#"{"mock": {"names": "long"}}"#), &Overrides::default()).unwrap().mock.long_names
        );
        let normal = Overrides { names: Some("normal".into()), ..Default::default() };
        assert!(!resolve(Some(r#"{"mock": {"names": "long"}}"#), &normal).unwrap().mock.long_names);
        let odd = Overrides { names: Some("huge".into()), ..Default::default() };
        assert_eq!(resolve(None, &odd), Err(ConfigError::InvalidNames("huge".into())));
    }

    #[test]
    fn rejects_what_is_not_a_backend() {
        for bad in ["ftp://host", "//evil.example.com", "javascript:alert(1)", "api/v1", ""] {
            assert_eq!(Backend::parse(bad), Err(ConfigError::InvalidBackend(bad.into())), "{bad}");
        }
    }

    #[test]
    fn rejects_a_malformed_file_with_a_specific_message() {
        let err = resolve(Some(r#"{"backnd": "mock"}"#), &Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("unknown field `backnd`"), "{err}");
        let err =
            resolve(Some(r#"{"backend": "mock", "backend": "/api"}"#), &Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("duplicate field `backend`"), "{err}");
        let err = resolve(Some(r#"{"backend": 1}"#), &Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("invalid type: integer `1`, expected a string"), "{err}");
        assert!(matches!(resolve(Some("not json"), &Overrides::default()), Err(ConfigError::InvalidFile(_))));
    }
}
