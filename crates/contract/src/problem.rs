use serde::{Deserialize, Serialize};

/// An RFC 9457 problem detail (`application/problem+json`), the body of every error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field errors of a 422, one per invalid field or query parameter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

fn about_blank() -> String {
    "about:blank".into()
}

impl Problem {
    pub fn new(status: u16, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            problem_type: about_blank(),
            title: title.into(),
            status,
            detail: Some(detail.into()),
            errors: Vec::new(),
        }
    }

    pub fn validation(errors: Vec<FieldError>) -> Problem {
        Problem { errors, ..Problem::new(422, "Unprocessable Content", "Some fields are not valid.") }
    }
}
