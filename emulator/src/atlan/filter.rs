//! The `filter` query parameter: JSON such as `{"displayName": "x"}` or
//! `{"$or": [{"level": "workspace"}, {"level": "admin-subrole"}]}`.
//! Supported: `$or`, `$and`, field equality and `{"$ilike": "%part%"}`,
//! which is as much as the SDKs send; anything else is a 400, not ignored.

use serde_json::Value;

#[derive(Debug, PartialEq)]
pub enum Filter {
    All(Vec<Filter>),
    Any(Vec<Filter>),
    Equals(String, Value),
    /// SQL-style pattern, lower-cased; `%` matches any run of characters.
    ILike(String, String),
}

impl Filter {
    pub fn parse(text: &str) -> Result<Self, String> {
        let json: Value = serde_json::from_str(text)
            .map_err(|error| format!("filter is not valid JSON: {error}"))?;
        Self::from_json(&json)
    }

    fn from_json(json: &Value) -> Result<Self, String> {
        let Value::Object(conditions) = json else {
            return Err("filter must be a JSON object".into());
        };
        let parts = conditions
            .iter()
            .map(|(key, value)| match key.as_str() {
                "$or" => Self::list(value).map(Self::Any),
                "$and" => Self::list(value).map(Self::All),
                operator if operator.starts_with('$') => {
                    Err(format!("unsupported filter operator {operator}"))
                }
                field => Self::condition(field, value),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::All(parts))
    }

    fn list(value: &Value) -> Result<Vec<Self>, String> {
        match value {
            Value::Array(items) => items.iter().map(Self::from_json).collect(),
            _ => Err("$or and $and take an array of filters".into()),
        }
    }

    fn condition(field: &str, value: &Value) -> Result<Self, String> {
        match value {
            Value::Object(operator) => match operator.get("$ilike").and_then(Value::as_str) {
                Some(pattern) if operator.len() == 1 => {
                    Ok(Self::ILike(field.to_owned(), pattern.to_lowercase()))
                }
                _ => Err(format!(
                    "unsupported condition on {field}; use a value or {{\"$ilike\": \"%text%\"}}"
                )),
            },
            scalar => Ok(Self::Equals(field.to_owned(), scalar.clone())),
        }
    }

    pub fn matches(&self, record: &Value) -> bool {
        match self {
            Self::All(parts) => parts.iter().all(|part| part.matches(record)),
            Self::Any(parts) => parts.iter().any(|part| part.matches(record)),
            Self::Equals(field, expected) => record.get(field) == Some(expected),
            Self::ILike(field, pattern) => record
                .get(field)
                .and_then(Value::as_str)
                .is_some_and(|text| like(&text.to_lowercase(), pattern)),
        }
    }
}

/// `%`-wildcard match: the literal pieces must appear in order, anchored at
/// the ends unless the pattern starts or ends with `%`.
fn like(text: &str, pattern: &str) -> bool {
    let pieces: Vec<&str> = pattern.split('%').collect();
    let (first, rest) = match pieces.split_first() {
        Some(split) => split,
        None => return text.is_empty(),
    };
    let Some(mut remaining) = text.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return remaining.is_empty();
    };
    for piece in middle {
        match remaining.find(piece) {
            Some(at) => remaining = &remaining[at + piece.len()..],
            None => return false,
        }
    }
    remaining.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sdk_role_filter() {
        let filter = Filter::parse(r#"{"$or":[{"level":"workspace"},{"level":"admin-subrole"}]}"#)
            .expect("filter");
        assert!(filter.matches(&json!({"level": "workspace"})));
        assert!(filter.matches(&json!({"level": "admin-subrole"})));
        assert!(!filter.matches(&json!({"level": "default-roles"})));
    }

    #[test]
    fn equality_and_ilike() {
        let record = json!({"displayName": "Snowflake Sync", "clientId": "oauth-client-1"});
        assert!(
            Filter::parse(r#"{"displayName":"Snowflake Sync"}"#)
                .expect("f")
                .matches(&record)
        );
        assert!(
            !Filter::parse(r#"{"displayName":"snowflake sync"}"#)
                .expect("f")
                .matches(&record)
        );
        assert!(
            Filter::parse(r#"{"displayName":{"$ilike":"%FLAKE%"}}"#)
                .expect("f")
                .matches(&record)
        );
        assert!(
            !Filter::parse(r#"{"displayName":{"$ilike":"flake%"}}"#)
                .expect("f")
                .matches(&record)
        );
        assert!(
            Filter::parse(r#"{"clientId":"oauth-client-1","displayName":{"$ilike":"snow%sync"}}"#)
                .expect("f")
                .matches(&record)
        );
    }

    #[test]
    fn like_patterns() {
        assert!(like("abc", "abc"));
        assert!(!like("abcd", "abc"));
        assert!(like("abcd", "a%d"));
        assert!(like("abcd", "%"));
        assert!(!like("abcd", "%x%"));
        assert!(like("aXbXc", "a%b%c"));
    }

    #[test]
    fn rejects_what_it_cannot_apply() {
        for bad in [
            "[]",
            "{",
            r#"{"$not":{}}"#,
            r#"{"$or":{}}"#,
            r#"{"a":{"$gt":1}}"#,
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }
}
