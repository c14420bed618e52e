//! Numbers for charts: round ticks for an axis, and counts written as people read them.

/// Round ticks from 0 up to at least `max`: a step of 1, 2 or 5 × 10ⁿ, at most `most` steps.
/// All zeros still get an axis (0 to 1), so an empty chart is drawn as empty, not broken.
pub fn ticks(max: u64, most: u64) -> Vec<u64> {
    let most = most.max(1);
    let raw = max.div_ceil(most).max(1);
    let mut magnitude = 1u64;
    let step = loop {
        if let Some(step) = [1, 2, 5].into_iter().map(|m| m * magnitude).find(|s| *s >= raw) {
            break step;
        }
        magnitude = magnitude.saturating_mul(10);
    };
    let steps = max.div_ceil(step).max(1);
    (0..=steps).map(|i| i * step).collect()
}

/// A short axis label: `950`, `12K`, `1.5M`, `2B`.
pub fn compact(n: u64) -> String {
    let (value, unit) = match n {
        0..1_000 => return n.to_string(),
        1_000..1_000_000 => (n as f64 / 1e3, "K"),
        1_000_000..1_000_000_000 => (n as f64 / 1e6, "M"),
        _ => (n as f64 / 1e9, "B"),
    };
    let text =
        if value < 10.0 && value.fract() != 0.0 { format!("{value:.1}") } else { format!("{value:.0}") };
    format!("{}{unit}", text.trim_end_matches(".0"))
}

/// The change from `previous` to `current` in percent; `None` when there was nothing before.
pub fn change(current: u64, previous: u64) -> Option<f64> {
    (previous > 0).then(|| (current as f64 - previous as f64) / previous as f64 * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_largest_value() {
        assert_eq!(ticks(0, 4), [0, 1], "all zeros");
        assert_eq!(ticks(1, 4), [0, 1], "one small point");
        assert_eq!(ticks(7, 4), [0, 2, 4, 6, 8]);
        assert_eq!(ticks(100, 4), [0, 50, 100]);
        assert_eq!(ticks(101, 4), [0, 50, 100, 150]);
        assert_eq!(ticks(1_000_000_000, 4), [0, 500_000_000, 1_000_000_000], "1e9 totals");
        assert_eq!(ticks(u64::MAX / 2, 4).len(), 3, "a single huge value does not overflow");
        for max in [3, 17, 999, 12_345, 987_654_321] {
            let t = ticks(max, 5);
            assert!(*t.last().unwrap() >= max && t.len() <= 6, "{max}: {t:?}");
            let step = t[1];
            let leading = step / 10u64.pow(step.ilog10());
            assert!(
                [1, 2, 5].contains(&leading) && step.is_multiple_of(10u64.pow(step.ilog10())),
                "{max}: {t:?}"
            );
        }
    }

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(compact(950), "950");
        assert_eq!(compact(1_500), "1.5K");
        assert_eq!(compact(12_000), "12K");
        assert_eq!(compact(2_000_000), "2M");
        assert_eq!(compact(1_000_000_000), "1B");
        assert_eq!(change(110, 100).map(|c| c.round()), Some(10.0));
        assert_eq!(change(5, 0), None);
    }
}
