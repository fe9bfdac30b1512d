//! Query-string access that keeps repeated keys in order, because Clerk
//! honours only the first `order_by` and every provider words bad values its
//! own way (so parsing cannot fail inside an extractor).

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

/// A parameter that is present but not a non-negative integer.
#[derive(Debug, PartialEq, Eq)]
pub struct NotACount;

impl Params {
    pub fn parse(raw: &str) -> Self {
        Self(
            form_urlencoded::parse(raw.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// `Ok(None)` when absent, so callers apply their own default.
    pub fn count(&self, name: &str) -> Result<Option<u64>, NotACount> {
        self.first(name)
            .map(|value| value.trim().parse::<u64>().map_err(|_| NotACount))
            .transpose()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::parse(parts.uri.query().unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_value_wins_and_counts_parse() {
        let params = Params::parse("order_by=-name&order_by=created_at&limit=5&offset=x&neg=-1");
        assert_eq!(params.first("order_by"), Some("-name"));
        assert_eq!(params.count("limit"), Ok(Some(5)));
        assert_eq!(params.count("missing"), Ok(None));
        assert_eq!(params.count("offset"), Err(NotACount));
        assert_eq!(params.count("neg"), Err(NotACount));
    }

    #[test]
    fn plus_decodes_to_space() {
        assert_eq!(
            Params::parse("order_by=+name").first("order_by"),
            Some(" name")
        );
        assert_eq!(
            Params::parse("order_by=%2Bname").first("order_by"),
            Some("+name")
        );
    }
}
