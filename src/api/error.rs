//! `ApiError`: every way a call can fail, from a non-2xx answer's status and problem details or a
//! connection that gave none; each has its designed state in the UI (`ui::Failure`).

use event_center_contract::{FieldError, Problem};

use super::RawResponse;

/// Every way a call can fail, each with its own designed state in the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: the connection dropped, the backend is unreachable, or CORS refused it.
    Network(String),
    /// 401: the session is over; the console shows its sign-in state.
    Unauthorized(Problem),
    /// 403: the user lacks the capability.
    Forbidden(Problem),
    /// 404.
    NotFound(Problem),
    /// 409: someone else changed it; reload, then try again.
    Conflict(Problem),
    /// 422: invalid fields, each in `problem.errors`, to show on the same fields.
    Invalid(Problem),
    /// 429: rate limited; try again after `retry_after_seconds` if the backend said.
    RateLimited { problem: Problem, retry_after_seconds: Option<u32> },
    /// 5xx.
    Server(Problem),
    /// Any other status, or a body that is not what the contract promises.
    Unexpected { status: u16, detail: String },
}

impl ApiError {
    /// Maps a non-2xx response; a body that is not a problem detail still gives a clear message.
    pub fn from_response(response: &RawResponse) -> ApiError {
        let status = response.status;
        let problem = serde_json::from_str::<Problem>(&response.body).unwrap_or_else(|_| {
            let mut p = Problem::new(status, reason(status), "The backend gave no problem details.");
            p.status = status;
            p
        });
        match status {
            401 => ApiError::Unauthorized(problem),
            403 => ApiError::Forbidden(problem),
            404 => ApiError::NotFound(problem),
            409 => ApiError::Conflict(problem),
            422 => ApiError::Invalid(problem),
            429 => ApiError::RateLimited { problem, retry_after_seconds: response.retry_after },
            500..=599 => ApiError::Server(problem),
            _ => ApiError::Unexpected { status, detail: problem.detail.unwrap_or(problem.title) },
        }
    }

    /// Whether sending the same read again may succeed: the failure was transient.
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::Network(_) | ApiError::Server(_) | ApiError::RateLimited { .. })
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Unauthorized(p)
            | ApiError::Forbidden(p)
            | ApiError::NotFound(p)
            | ApiError::Conflict(p)
            | ApiError::Invalid(p)
            | ApiError::Server(p)
            | ApiError::RateLimited { problem: p, .. } => Some(p),
            ApiError::Network(_) | ApiError::Unexpected { .. } => None,
        }
    }

    /// The field errors of a 422, empty otherwise.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Invalid(p) => &p.errors,
            _ => &[],
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Network(detail) => write!(f, "The backend could not be reached: {detail}"),
            ApiError::Unexpected { status, detail } => {
                write!(f, "Unexpected answer (HTTP {status}): {detail}")
            }
            other => {
                let p = other.problem().expect("every other variant carries a problem");
                match &p.detail {
                    Some(detail) => write!(f, "{}: {detail}", p.title),
                    None => write!(f, "{}", p.title),
                }
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500..=599 => "Server Error",
        _ => "Unexpected Status",
    }
}
