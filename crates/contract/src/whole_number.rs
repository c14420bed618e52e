//! Integers as JSON Schema counts them: a number with no fraction, so `1.0` is the integer 1.
//! serde's own `u32` refuses `1.0`, which a client or a generated one may well send.

use serde::{de, Deserialize, Deserializer};

/// `#[serde(default, deserialize_with = "crate::whole_number::optional_u32")]`: `null` or
/// absent is `None`.
pub fn optional_u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let Some(n) = Option::<f64>::deserialize(deserializer)? else { return Ok(None) };
    if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
        Ok(Some(n as u32))
    } else {
        Err(de::Error::custom(format!("{n} is not a whole number from 0 to {}", u32::MAX)))
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Hours {
        #[serde(default, deserialize_with = "super::optional_u32")]
        every: Option<u32>,
    }

    fn read(json: &str) -> Result<Option<u32>, String> {
        serde_json::from_str::<Hours>(json).map(|h| h.every).map_err(|e| e.to_string())
    }

    #[test]
    fn a_number_without_a_fraction_is_an_integer() {
        assert_eq!(read(r#"{"every": 1}"#), Ok(Some(1)));
        assert_eq!(read(r#"{"every": 1.0}"#), Ok(Some(1)));
        assert_eq!(read(r#"{"every": 1e2}"#), Ok(Some(100)));
        assert_eq!(read(r#"{"every": null}"#), Ok(None));
        assert_eq!(read("{}"), Ok(None));
    }

    #[test]
    fn fractions_negatives_and_strings_are_refused() {
        assert!(read(r#"{"every": 1.5}"#).unwrap_err().contains("1.5 is not a whole number"));
        assert!(read(r#"{"every": -1}"#).is_err());
        assert!(read(r#"{"every": 5e9}"#).is_err());
        assert!(read(r#"{"every": "1"}"#).is_err());
    }
}
