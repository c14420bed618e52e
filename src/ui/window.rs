//! Which rows of a long list to put in the DOM: those in view plus a margin, so the page
//! holds the same few dozen rows whether 100 or 100,000 events are loaded.

use std::ops::Range;

/// Pixel height of one table row; CSS keeps every row exactly this tall.
pub const ROW_HEIGHT: f64 = 40.0;

/// The CSS height of `rows` rows. In whole pixels: formatting a float would link the float printer.
pub fn rows_px(rows: usize) -> String {
    format!("{}px", rows * ROW_HEIGHT as usize)
}
/// Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap.
pub const OVERSCAN: usize = 8;

pub fn visible_rows(scroll_top: f64, viewport_height: f64, total: usize) -> Range<usize> {
    let first = (scroll_top.max(0.0) / ROW_HEIGHT).floor() as usize;
    let in_view = (viewport_height.max(0.0) / ROW_HEIGHT).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (first + in_view + OVERSCAN).min(total);
    start..end
}

/// Whether the user is close enough to the end to fetch the next page now.
pub fn near_end(range: &Range<usize>, total: usize) -> bool {
    range.end + OVERSCAN * 4 >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_the_same_size_anywhere_in_a_long_list() {
        let viewport = 600.0;
        let top = visible_rows(0.0, viewport, 100_000);
        let middle = visible_rows(40.0 * 50_000.0, viewport, 100_000);
        let end = visible_rows(40.0 * 99_990.0, viewport, 100_000);
        assert_eq!(top, 0..(16 + 8));
        assert_eq!(middle.len(), 8 + 16 + 8);
        assert!(end.end == 100_000 && end.len() <= middle.len());
    }

    #[test]
    fn a_short_list_is_rendered_whole() {
        assert_eq!(visible_rows(0.0, 600.0, 5), 0..5);
        assert_eq!(visible_rows(0.0, 600.0, 0), 0..0);
    }

    #[test]
    fn the_next_page_is_fetched_before_the_end_is_reached() {
        assert!(near_end(&(40..60), 80));
        assert!(!near_end(&(0..24), 500));
    }
}
