//! A list kept as the pages it arrived in. Growing it copies nothing and leaves nothing spare (a
//! `Vec` of 100,000 events doubles to room for 131,072, a quarter of the console's memory then),
//! and newer items go in front without moving the rest.

use std::iter::Flatten;
use std::ops::Range;

#[derive(Clone, Debug)]
pub struct Pages<T> {
    /// None empty, so the first page holds the first item.
    pages: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Pages<T> {
    fn default() -> Self {
        Pages { pages: Vec::new(), len: 0 }
    }
}

impl<T> From<Vec<T>> for Pages<T> {
    fn from(page: Vec<T>) -> Self {
        let mut pages = Pages::default();
        pages.push_back(page);
        pages
    }
}

impl<T> Pages<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Older items, after the rest.
    pub fn push_back(&mut self, page: Vec<T>) {
        if !page.is_empty() {
            self.len += page.len();
            self.pages.push(page);
        }
    }

    /// Newer items, before the rest.
    pub fn push_front(&mut self, page: Vec<T>) {
        if !page.is_empty() {
            self.len += page.len();
            self.pages.insert(0, page);
        }
    }

    pub fn first(&self) -> Option<&T> {
        self.pages.first().and_then(|page| page.first())
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        self.range(index..index + 1).next()
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.pages.iter().flatten()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.pages.iter_mut().flatten()
    }

    /// The items in `range` (as many of them as there are), found by page, not item by item:
    /// a windowed list asks for a few rows deep in the list on every scroll frame.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = &T> {
        let mut start = range.start;
        let mut pages = self.pages.iter();
        let mut first: &[T] = &[];
        for page in pages.by_ref() {
            if start < page.len() {
                first = &page[start..];
                break;
            }
            start -= page.len();
        }
        first.iter().chain(pages.flatten()).take(range.len())
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.pages.iter_mut().for_each(|page| page.retain(&mut keep));
        self.pages.retain(|page| !page.is_empty());
        self.len = self.pages.iter().map(Vec::len).sum();
    }

    pub fn clear(&mut self) {
        *self = Pages::default();
    }
}

impl<T> IntoIterator for Pages<T> {
    type Item = T;
    type IntoIter = Flatten<std::vec::IntoIter<Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.pages.into_iter().flatten()
    }
}

impl<'a, T> IntoIterator for &'a mut Pages<T> {
    type Item = &'a mut T;
    type IntoIter = Flatten<std::slice::IterMut<'a, Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.pages.iter_mut().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Pages<u32> {
        let mut pages = Pages::from(vec![3, 4, 5]);
        pages.push_back(vec![]);
        pages.push_back(vec![6, 7]);
        pages.push_front(vec![1, 2]);
        pages
    }

    #[test]
    fn items_read_in_order_across_pages() {
        let pages = pages();
        assert_eq!(pages.len(), 7);
        assert_eq!(pages.iter().copied().collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(
            (pages.first(), pages.get(2), pages.get(6), pages.get(7)),
            (Some(&1), Some(&3), Some(&7), None)
        );
        assert_eq!(pages.range(1..6).copied().collect::<Vec<_>>(), [2, 3, 4, 5, 6]);
        assert_eq!(pages.range(5..20).copied().collect::<Vec<_>>(), [6, 7], "past the end: what there is");
        assert_eq!(pages.range(9..12).count(), 0);
        assert_eq!(pages.into_iter().sum::<u32>(), 28);
    }

    #[test]
    fn retain_drops_emptied_pages_and_counts_again() {
        let mut pages = pages();
        pages.retain(|n| *n > 2 && *n != 6);
        assert_eq!((pages.len(), pages.first()), (4, Some(&3)));
        assert_eq!(pages.range(2..4).copied().collect::<Vec<_>>(), [5, 7]);
        (&mut pages).into_iter().for_each(|n| *n *= 10);
        assert_eq!(pages.iter_mut().map(|n| *n).collect::<Vec<_>>(), [30, 40, 50, 70]);
        pages.clear();
        assert!(pages.is_empty() && pages.first().is_none());
    }
}
