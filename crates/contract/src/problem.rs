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

    /// The same problem, of a type a client can act on ([`problem_type`]).
    pub fn of_type(self, problem_type: &str) -> Problem {
        Problem { problem_type: problem_type.into(), ..self }
    }
}

/// The problem types the document names, beside `about:blank`.
pub mod problem_type {
    /// 409: the object changed since the version in `If-Match`; reload, then apply the change.
    pub const VERSION_CHANGED: &str = "urn:event-center:problem:version-changed";
    /// 428: a versioned object's PUT or DELETE came without `If-Match`.
    pub const VERSION_REQUIRED: &str = "urn:event-center:problem:version-required";
    /// 409: a trigger that a scope still runs; unassign it first.
    pub const IN_USE: &str = "urn:event-center:problem:in-use";
    /// 409: a delivery that did not fail, or whose forwarder is disabled or gone.
    pub const NOT_RETRYABLE: &str = "urn:event-center:problem:not-retryable";
}
