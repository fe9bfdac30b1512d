//! Pages of results and the pure logic that says whether, and where, the next page starts.
//!
//! Iterators stop on an empty page, a short page, a page that reaches the reported total,
//! or a missing token: they never ask past the end (an offset equal to the total is an
//! error on some servers).

use serde::Serialize;

use crate::error::{Error, Result};

/// How a provider's list endpoint pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PagingStyle {
    /// Everything comes in one response.
    #[default]
    Single,
    /// `offset` + `limit` query parameters.
    Offset,
    /// An opaque token from the previous page.
    PageToken,
}

impl crate::json::ToJson for PagingStyle {
    fn write_json(&self, out: &mut String) {
        crate::json::write_str(
            match self {
                PagingStyle::Single => "single",
                PagingStyle::Offset => "offset",
                PagingStyle::PageToken => "pageToken",
            },
            out,
        );
    }
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

to_json!(@T Page<T> { items, next, total });

/// Where an offset-paged request starts and how many items it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetWindow {
    /// Items to skip.
    pub offset: u64,
    /// Items to ask for.
    pub limit: u64,
}

impl OffsetWindow {
    /// The window `params` ask for, with the provider's default and largest page size.
    pub fn from_params(
        params: &crate::model::ListParams,
        default_limit: u32,
        max_limit: Option<u32>,
    ) -> Result<Self> {
        let limit = params.limit.unwrap_or(default_limit);
        if limit == 0 || max_limit.is_some_and(|max| limit > max) {
            let most = max_limit.map_or_else(String::new, |max| format!(" and at most {max}"));
            return Err(Error::invalid("limit", format!("must be at least 1{most}")));
        }
        Ok(OffsetWindow {
            offset: offset_from_cursor(params.cursor.as_deref())?,
            limit: u64::from(limit),
        })
    }

    /// The cursor of the next page after this one returned `received` items of `total`.
    pub fn next(&self, received: usize, total: Option<u64>) -> Option<String> {
        next_offset(self.offset, self.limit, received, total)
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
    fn offset_window_checks_the_limit() {
        let params = |limit, cursor: Option<&str>| crate::model::ListParams {
            limit,
            cursor: cursor.map(str::to_owned),
            ..Default::default()
        };
        assert_eq!(
            OffsetWindow::from_params(&params(None, Some("30")), 10, Some(500)),
            Ok(OffsetWindow {
                offset: 30,
                limit: 10
            })
        );
        for bad in [0, 501] {
            let err =
                OffsetWindow::from_params(&params(Some(bad), None), 10, Some(500)).unwrap_err();
            assert_eq!(err.details[0].field.as_deref(), Some("limit"));
        }
        assert!(OffsetWindow::from_params(&params(Some(10_000), None), 20, None).is_ok());
        let window = OffsetWindow {
            offset: 10,
            limit: 10,
        };
        assert_eq!(window.next(10, Some(23)), Some("20".into()));
        assert_eq!(window.next(10, Some(20)), None);
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
