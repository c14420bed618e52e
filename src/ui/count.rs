//! Counts as people write them: `1 delivery`, `12,345 events`.

/// What a figure counts, singular and plural: `("request", "requests")`.
pub type Unit = (&'static str, &'static str);

/// `1 client`, `12,345 requests`.
pub fn counted(n: u64, (one, many): Unit) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567_890), "1,234,567,890");
        assert_eq!(counted(1, ("delivery", "deliveries")), "1 delivery");
        assert_eq!(counted(100_000, ("event", "events")), "100,000 events");
    }
}
