//! Pages of results and the pure logic that says whether, and where, the next page starts.
//!
//! Iterators stop on an empty page, a short page, a page that reaches the reported total,
//! or a missing token: they never ask past the end (an offset equal to the total is an
//! error on some servers).

use serde::Serialize;

use crate::error::{Error, Result};

/// How a provider's list endpoint pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PagingStyle {
    /// Everything comes in one response.
    Single,
    /// `offset` + `limit` query parameters.
    Offset,
    /// An opaque token from the previous page.
    PageToken,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub next: Option<String>,
    /// How many items the whole list holds, where the provider says.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub total: Option<u64>,
}

impl<T> Page<T> {
    /// A page that is the whole list.
    pub fn single(items: Vec<T>) -> Self {
        let total = u64::try_from(items.len()).ok();
        Page {
            items,
            next: None,
            total,
        }
    }
}

/// Reads an offset cursor (a decimal number this library handed out as `next`).
pub fn offset_from_cursor(cursor: Option<&str>) -> Result<u64> {
    match cursor {
        None => Ok(0),
        Some(text) => text
            .parse()
            .map_err(|_| Error::invalid("cursor", "is not a cursor returned by list()")),
    }
}

/// The cursor of the page after one that started at `offset`, asked for `limit` items and
/// got `received`, of `total` where known; `None` when that page was the last.
pub fn next_offset(offset: u64, limit: u64, received: usize, total: Option<u64>) -> Option<String> {
    let received = u64::try_from(received).ok()?;
    let next = offset.checked_add(received)?;
    let short = received == 0 || received < limit;
    let reached_total = total.is_some_and(|t| next >= t);
    (!short && !reached_total).then(|| next.to_string())
}

/// The cursor for a page-token API: the token, unless missing or empty.
pub fn next_token(token: Option<String>) -> Option<String> {
    token.filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_stops_on_short_empty_or_total() {
        assert_eq!(next_offset(0, 10, 10, Some(23)), Some("10".into()));
        assert_eq!(next_offset(20, 10, 3, Some(23)), None, "short page");
        assert_eq!(next_offset(10, 10, 0, None), None, "empty page");
        // Exactly a multiple of the limit: the total stops it, no probe at offset == total.
        assert_eq!(next_offset(240, 10, 10, Some(250)), None);
        assert_eq!(
            next_offset(0, 10, 10, None),
            Some("10".into()),
            "no total: keep going"
        );
    }

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        assert_eq!(offset_from_cursor(None), Ok(0));
        assert_eq!(offset_from_cursor(Some("20")), Ok(20));
        let err = offset_from_cursor(Some("abc")).unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("cursor"));
    }

    #[test]
    fn tokens_stop_when_missing_or_empty() {
        assert_eq!(next_token(Some("t2".into())), Some("t2".into()));
        assert_eq!(next_token(Some(String::new())), None);
        assert_eq!(next_token(None), None);
    }

    #[test]
    fn single_page_counts_itself() {
        let page = Page::single(vec![1, 2, 3]);
        assert_eq!((page.next, page.total), (None, Some(3)));
    }
}
