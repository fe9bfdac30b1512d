//! Heracles list responses: `{totalRecord, filterRecord, records}` with
//! `offset`/`limit` paging, `sort` and `filter`. An empty page, including
//! any page past the end, has `records: null`, as in the vendor example
//! `{"totalRecord": 3, "filterRecord": 3, "records": null}`.

use std::cmp::Ordering;

use serde::Serialize;
use serde_json::Value;

use super::errors::AtlanError;
use super::filter::Filter;
use crate::query::Params;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listing {
    total_record: usize,
    filter_record: usize,
    records: Option<Vec<Value>>,
}

/// Pages `items` (in creation order) by the request's query parameters.
/// `sortable` lists the fields `sort=` and `sort=-` accept. Filters and sort
/// keys work on the wire form, so only then is every item serialised; a
/// plain page serialises just its own items, which keeps long iterations
/// (benchmarks walk thousands of clients) linear.
pub fn list<T: Serialize>(
    items: &[T],
    params: &Params,
    sortable: &[&str],
    default_limit: u64,
) -> Result<Listing, AtlanError> {
    let offset = count(params, "offset", 0)?;
    let limit = count(params, "limit", default_limit)?;
    if limit == 0 {
        return Err(AtlanError::bad_request("limit must be at least 1"));
    }
    let filter = params
        .first("filter")
        .map(Filter::parse)
        .transpose()
        .map_err(AtlanError::bad_request)?;
    let sort = params
        .first("sort")
        .map(|sort| parse_sort(sort, sortable))
        .transpose()?;

    let mut matching: Vec<&T> = items
        .iter()
        .filter(|item| {
            filter
                .as_ref()
                .is_none_or(|filter| filter.matches(&wire(*item)))
        })
        .collect();
    if let Some((field, descending)) = sort {
        let mut keyed: Vec<(Value, &T)> = matching
            .into_iter()
            .map(|item| (wire(item)[field].take(), item))
            .collect();
        // Stable, so ties keep creation order.
        keyed.sort_by(|(a, _), (b, _)| {
            let order = compare(a, b);
            if descending { order.reverse() } else { order }
        });
        matching = keyed.into_iter().map(|(_, item)| item).collect();
    }
    let filter_record = matching.len();
    let page: Vec<Value> = matching
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(wire)
        .collect();
    Ok(Listing {
        total_record: items.len(),
        filter_record,
        records: (!page.is_empty()).then_some(page),
    })
}

fn wire(item: &impl Serialize) -> Value {
    serde_json::to_value(item).unwrap_or(Value::Null)
}

fn count(params: &Params, name: &str, default: u64) -> Result<usize, AtlanError> {
    let value = params
        .count(name)
        .map_err(|_| AtlanError::bad_request(format!("{name} must be a non-negative integer")))?
        .unwrap_or(default);
    Ok(usize::try_from(value).unwrap_or(usize::MAX))
}

fn parse_sort<'a>(sort: &str, sortable: &[&'a str]) -> Result<(&'a str, bool), AtlanError> {
    let (field, descending) = match sort.strip_prefix('-') {
        Some(field) => (field, true),
        None => (sort, false),
    };
    sortable
        .iter()
        .find(|candidate| **candidate == field)
        .map(|field| (*field, descending))
        .ok_or_else(|| {
            AtlanError::bad_request(format!(
                "cannot sort by {sort:?}; use {}",
                sortable.join(", ")
            ))
        })
}

/// Numbers numerically, strings case-insensitively; mixed or missing values
/// compare equal so the stable sort leaves them in place.
fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .unwrap_or_default()
            .total_cmp(&b.as_f64().unwrap_or_default()),
        (Value::String(a), Value::String(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn records() -> Vec<Value> {
        vec![
            json!({"n": 1, "name": "b"}),
            json!({"n": 2, "name": "C"}),
            json!({"n": 3, "name": "a"}),
        ]
    }

    fn run(query: &str) -> Result<Value, AtlanError> {
        list(&records(), &Params::parse(query), &["n", "name"], 20)
            .map(|l| serde_json::to_value(l).expect("json"))
    }

    #[test]
    fn past_the_end_is_null() {
        assert_eq!(
            run("offset=3&limit=2").expect("page"),
            json!({"totalRecord": 3, "filterRecord": 3, "records": null})
        );
    }

    #[test]
    fn pages_sorts_and_filters() {
        let page = run("offset=1&limit=1&sort=-n").expect("page");
        assert_eq!(page["records"], json!([{"n": 2, "name": "C"}]));
        let sorted = run("sort=name").expect("page");
        assert_eq!(sorted["records"][2]["name"], "C");
        let filtered = run(r#"filter={"name":"a"}"#).expect("page");
        assert_eq!(
            (
                filtered["totalRecord"].clone(),
                filtered["filterRecord"].clone()
            ),
            (json!(3), json!(1))
        );
    }

    #[test]
    fn bad_parameters_are_400() {
        for query in ["limit=0", "offset=-1", "sort=other", "filter=[1]"] {
            assert!(run(query).is_err(), "{query}");
        }
    }
}
