//! What every edit shares: the version check of `If-Match`, and field errors.

use event_center_contract::{problem_type, FieldError, Problem};

/// `If-Match`: a version, quoted or not, as the client sends back what it read.
pub fn check_version(if_match: Option<&str>, current: u32, what: &str) -> Result<(), Problem> {
    let Some(sent) = if_match else {
        let detail =
            format!("Send the version of {what} the change is based on as If-Match (it is {current}).");
        return Err(
            Problem::new(428, "Precondition Required", detail).of_type(problem_type::VERSION_REQUIRED)
        );
    };
    let sent = sent.trim().trim_start_matches("W/").trim_matches('"');
    if sent == "*" || sent == current.to_string() {
        return Ok(());
    }
    let detail = format!(
        "{what} was changed by someone else since you loaded it (you had version {sent}, it is now {current}). \
         Reload it to see their change, then apply yours again."
    );
    Err(Problem::new(409, "Conflict", detail).of_type(problem_type::VERSION_CHANGED))
}

pub fn field(field: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// A name is required, at most 100 characters, and not another object's (ignoring case):
/// `holder` names the object that has it, if one does.
pub fn name_error(name: &str, holder: impl FnOnce(&str) -> Option<String>) -> Option<FieldError> {
    let name = name.trim();
    if name.is_empty() {
        Some(field("name", "is required"))
    } else if name.chars().count() > 100 {
        Some(field("name", "is longer than 100 characters"))
    } else {
        holder(name).map(|other| field("name", format!("is already taken by {other}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_match_quoted_or_not_and_are_required() {
        assert!(check_version(Some("3"), 3, "x").is_ok());
        assert!(check_version(Some("\"3\""), 3, "x").is_ok());
        assert!(check_version(Some("W/\"3\""), 3, "x").is_ok());
        assert!(check_version(Some("*"), 3, "x").is_ok());
        let stale = check_version(Some("2"), 3, "x").unwrap_err();
        assert_eq!((stale.status, stale.problem_type.as_str()), (409, problem_type::VERSION_CHANGED));
        let missing = check_version(None, 3, "x").unwrap_err();
        assert_eq!((missing.status, missing.problem_type.as_str()), (428, problem_type::VERSION_REQUIRED));
    }
}
