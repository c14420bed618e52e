//! The contract's OpenAPI document as a checker: given a request and the response a backend
//! gave, does the response have a status, content type and body shape the document allows?
//! The mock's tests and the conformance command both ask it, so no second copy of the
//! schema is kept by hand.

mod checks;

pub use checks::{check_session, run, Outcome};

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use event_center_contract::sse::SseDecoder;
use jsonschema::Validator;
use serde_json::Value;

pub struct Spec {
    document: Value,
    /// Validators by JSON pointer of their schema; building one is the costly part.
    validators: Mutex<HashMap<String, std::sync::Arc<Validator>>>,
}

/// Where the project keeps its contract.
pub fn project_spec_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/event-center.yaml")
}

impl Spec {
    pub fn load(path: &Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Spec::parse(&text)
    }

    pub fn parse(yaml: &str) -> Result<Spec, String> {
        let document: Value = serde_norway::from_str(yaml).map_err(|e| format!("not YAML: {e}"))?;
        Ok(Spec { document, validators: Mutex::new(HashMap::new()) })
    }

    /// `(method, path template)` of every operation, e.g. `("get", "/events/{id}")`.
    pub fn operations(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (template, item) in self.document["paths"].as_object().into_iter().flatten() {
            for method in item.as_object().into_iter().flatten().map(|(m, _)| m) {
                if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                    out.push((method.clone(), template.clone()));
                }
            }
        }
        out
    }

    /// The path template a concrete path (below the base URL) matches.
    pub fn template_for(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.document["paths"].as_object()?.keys().find_map(|template| {
            let parts: Vec<&str> = template.trim_matches('/').split('/').collect();
            let fits = parts.len() == segments.len()
                && parts.iter().zip(&segments).all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty()));
            fits.then(|| template.clone())
        })
    }

    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                self.document.pointer(reference.trim_start_matches('#')).map_or(value, |v| self.resolve(v))
            }
            None => value,
        }
    }

    /// Checks one response; the error says precisely what does not conform.
    pub fn check(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: &str,
        body: &str,
    ) -> Result<(), String> {
        let template =
            self.template_for(path).ok_or_else(|| format!("{path}: no such path in the contract"))?;
        let method = method.to_ascii_lowercase();
        let operation = self.document["paths"][&template]
            .get(&method)
            .ok_or_else(|| format!("{method} {template}: no such operation"))?;
        let status_key = status.to_string();
        let (key, response) = match operation["responses"].get(&status_key) {
            Some(r) => (status_key, r),
            None => match operation["responses"].get("default") {
                Some(r) if status >= 400 => ("default".to_string(), r),
                _ => return Err(format!("{method} {template}: status {status} is not in the contract")),
            },
        };
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        let content = &self.resolve(response)["content"];
        if content.is_null() {
            return match body.is_empty() {
                true => Ok(()),
                false => {
                    Err(format!("{method} {template} {status}: the contract gives no body, but one came"))
                }
            };
        }
        let Some(media) = content.get(media_type) else {
            let allowed: Vec<&String> = content.as_object().into_iter().flatten().map(|(k, _)| k).collect();
            return Err(format!(
                "{method} {template} {status}: content type {media_type:?}, expected one of {allowed:?}"
            ));
        };
        if media_type == "text/csv" {
            // Text for spreadsheets: its header line is what the document can promise.
            let header = media["x-header"].as_str().unwrap_or_default();
            return match body.lines().next() == Some(header) {
                true => Ok(()),
                false => Err(format!("{method} {template} {status}: the CSV does not start with {header:?}")),
            };
        }
        let pointer = schema_pointer(&template, &method, &key, media_type, response);
        if media_type == "text/event-stream" {
            // Each message's data is JSON of the document's `x-message-schemas`, by its name.
            for message in SseDecoder::default().push(body) {
                let name = &message.event;
                let schema = &media["x-message-schemas"][name];
                if schema.is_null() {
                    return Err(format!(
                        "{method} {path}: message {:?} is named {name:?}, which the document does not name",
                        message.id
                    ));
                }
                let validator = self.validator(&format!("{pointer}/x-message-schemas/{name}"), schema)?;
                let data: Value = serde_json::from_str(&message.data)
                    .map_err(|e| format!("{method} {template}: message {:?} is not JSON: {e}", message.id))?;
                let error = validator.iter_errors(&data).next().map(|e| explained(&e));
                if let Some(error) = error {
                    return Err(format!("{method} {path}: message {:?} {error}", message.id));
                }
            }
            return Ok(());
        }
        let body: Value = serde_json::from_str(body)
            .map_err(|e| format!("{method} {template} {status}: body is not JSON: {e}"))?;
        let validator = self.validator(&pointer, &media["schema"])?;
        let errors: Vec<String> = validator.iter_errors(&body).take(5).map(|e| explained(&e)).collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{method} {path} {status}: {}", errors.join("; ")))
        }
    }

    fn validator(&self, key: &str, schema: &Value) -> Result<std::sync::Arc<Validator>, String> {
        let mut cache = self.validators.lock().expect("validator cache");
        if let Some(v) = cache.get(key) {
            return Ok(v.clone());
        }
        // The whole document is the schema resource, so its `#/components/...` references resolve;
        // its own keywords (openapi, paths, ...) mean nothing to a JSON Schema validator.
        let mut root = self.document.clone();
        let root_object = root.as_object_mut().expect("the document is an object");
        root_object.retain(|k, _| k == "components");
        root_object.insert("allOf".into(), Value::Array(vec![schema.clone()]));
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| format!("the contract's schema at {key} does not compile: {e}"))?;
        let validator = std::sync::Arc::new(validator);
        cache.insert(key.to_string(), validator.clone());
        Ok(validator)
    }
}

/// Where a value fails and why. "Not valid under any of the schemas listed in oneOf" says
/// nothing; the option that came closest (fewest errors) says what is wrong.
fn explained(error: &jsonschema::ValidationError) -> String {
    let at = format!("at {}: {error}", error.instance_path());
    let (jsonschema::error::ValidationErrorKind::OneOfNotValid { context }
    | jsonschema::error::ValidationErrorKind::AnyOf { context }) = error.kind()
    else {
        return at;
    };
    let Some((option, errors)) = context.iter().enumerate().min_by_key(|(_, errors)| errors.len()) else {
        return at;
    };
    let why: Vec<String> = errors.iter().take(3).map(explained).collect();
    format!("{at} (closest, option {}: {})", option + 1, why.join("; "))
}

fn schema_pointer(template: &str, method: &str, status: &str, media: &str, response: &Value) -> String {
    match response.get("$ref").and_then(Value::as_str) {
        Some(reference) => format!("{reference}/content/{media}"),
        None => format!("paths/{template}/{method}/responses/{status}/content/{media}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{project_spec_path, Spec};

    #[test]
    fn a_failed_one_of_says_what_its_closest_option_lacks() {
        let spec = Spec::load(&project_spec_path()).unwrap();
        let forwarder = r#"{"id":"f","version":1,"updatedAt":"2026-11-23T00:00:00Z","signingSecretRotatedAt":null,
            "spec":{"name":"n","eventTypes":["a"],"scope":{"items":[],"authMethods":[],"targets":[],"gateways":[]},
            "gatewayId":"g","runEveryHours":null,"enabled":true,"config":{"type":"webhook","authType":"none","headers":[]}}}"#;
        let error = spec.check("GET", "/forwarders/f", 200, "application/json", forwarder).unwrap_err();
        assert!(
            error.contains("closest, option 2") && error.contains("\"url\" is a required property"),
            "{error}"
        );
    }
}
