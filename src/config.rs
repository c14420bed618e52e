//! Runtime configuration: which backend the console talks to.
//!
//! One release build serves every deployment: the backend comes from `/config.json`
//! and can be overridden per browser tab with `?backend=`, never from a compile flag.

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
        let is_url = value.starts_with("https://") || value.starts_with("http://");
        let is_path = value.starts_with('/') && !value.starts_with("//");
        if is_url || is_path {
            Ok(Backend::Http { base_url: value.trim_end_matches('/').to_string() })
        } else {
            Err(ConfigError::InvalidBackend(value.to_string()))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    pub backend: Backend,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    InvalidBackend(String),
    InvalidFile(String),
    Unreachable(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::InvalidBackend(v) => {
                write!(f, "backend \"{v}\" is neither \"mock\" nor an http(s) URL or a path such as /api/v1")
            }
            ConfigError::InvalidFile(e) => write!(f, "config.json is not valid: {e}"),
            ConfigError::Unreachable(e) => write!(f, "config.json could not be loaded: {e}"),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    backend: Option<String>,
}

/// Combines `config.json` (absent means defaults) with a per-tab override; the override wins.
/// With neither, the console runs on the mock backend, so a fresh checkout shows data.
pub fn resolve(file: Option<&str>, tab_override: Option<&str>) -> Result<RuntimeConfig, ConfigError> {
    let file: ConfigFile = match file {
        Some(text) => serde_json::from_str(text).map_err(|e| ConfigError::InvalidFile(e.to_string()))?,
        None => ConfigFile::default(),
    };
    let backend = match tab_override.or(file.backend.as_deref()) {
        Some(value) => Backend::parse(value)?,
        None => Backend::Mock,
    };
    Ok(RuntimeConfig { backend })
}

/// The configuration as the app loads it once at start, shared through context.
#[derive(Clone, Copy)]
pub struct ConfigResource(pub LocalResource<Result<RuntimeConfig, ConfigError>>);

impl ConfigResource {
    pub fn load() -> Self {
        ConfigResource(LocalResource::new(browser::load))
    }
}

mod browser {
    use super::*;
    use gloo_net::http::Request;

    const OVERRIDE_KEY: &str = "ec-backend";

    /// `?backend=` sticks for the tab (session storage), so reloading a deep link
    /// after in-app navigation keeps talking to the same backend.
    fn tab_override() -> Option<String> {
        let window = window();
        let storage = window.session_storage().ok().flatten();
        let from_url = window
            .location()
            .search()
            .ok()
            .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
            .and_then(|params| params.get("backend"));
        match (from_url, storage) {
            (Some(value), Some(storage)) => {
                let _ = storage.set_item(OVERRIDE_KEY, &value);
                Some(value)
            }
            (Some(value), None) => Some(value),
            (None, Some(storage)) => storage.get_item(OVERRIDE_KEY).ok().flatten(),
            (None, None) => None,
        }
    }

    async fn config_file() -> Result<Option<String>, ConfigError> {
        let response =
            Request::get("/config.json").send().await.map_err(|e| ConfigError::Unreachable(e.to_string()))?;
        match response.status() {
            404 => Ok(None),
            200..=299 => response.text().await.map(Some).map_err(|e| ConfigError::Unreachable(e.to_string())),
            status => Err(ConfigError::Unreachable(format!("HTTP {status}"))),
        }
    }

    pub async fn load() -> Result<RuntimeConfig, ConfigError> {
        let tab_override = tab_override();
        let file = config_file().await?;
        resolve(file.as_deref(), tab_override.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_the_mock_backend() {
        assert_eq!(resolve(None, None).unwrap().backend, Backend::Mock);
        assert_eq!(resolve(Some("{}"), None).unwrap().backend, Backend::Mock);
    }

    #[test]
    fn file_names_a_real_backend() {
        let config = resolve(Some(r#"{"backend": "https://vault.example.com/api/v1/"}"#), None).unwrap();
        assert_eq!(config.backend, Backend::Http { base_url: "https://vault.example.com/api/v1".into() });
    }

    #[test]
    fn tab_override_wins_over_the_file() {
        let config = resolve(Some(r#"{"backend": "/api/v1"}"#), Some("mock")).unwrap();
        assert_eq!(config.backend, Backend::Mock);
        let config = resolve(Some(r#"{"backend": "mock"}"#), Some("/api/v1")).unwrap();
        assert_eq!(config.backend, Backend::Http { base_url: "/api/v1".into() });
    }

    #[test]
    fn rejects_what_is_not_a_backend() {
        for bad in ["ftp://host", "//evil.example.com", "javascript:alert(1)", "api/v1", ""] {
            assert_eq!(Backend::parse(bad), Err(ConfigError::InvalidBackend(bad.into())), "{bad}");
        }
    }

    #[test]
    fn rejects_a_malformed_file_with_a_specific_message() {
        let err = resolve(Some(r#"{"backnd": "mock"}"#), None).unwrap_err();
        assert!(err.to_string().contains("unknown field `backnd`"), "{err}");
        assert!(matches!(resolve(Some("not json"), None), Err(ConfigError::InvalidFile(_))));
    }
}
