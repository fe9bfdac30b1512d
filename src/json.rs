//! Typed reads out of JSON values: records, inputs and the wire shapes parsers need.
//!
//! Each type says how to read itself from a [`serde_json::Value`] ([`FromJson`]), one field
//! at a time through [`Object`]. Compared with serde's derived visitors this compiles one
//! small function per field type, shared by every record, rather than a state machine per
//! struct; and its errors name the kind of value found ("a string"), never the value, so
//! neither a token passed in the wrong place nor Rust's float formatter ends up in them.

use std::fmt;

use serde_json::Value;

/// Why a value could not be read as the type asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl DeError {
    /// An error with `message`.
    pub fn new(message: impl Into<String>) -> Self {
        DeError(message.into())
    }
}

/// A type read straight out of a JSON value: records, inputs and the few wire shapes the
/// providers parse. Each field read is one call to a shared function per field type, not a
/// serde visitor per struct, which keeps every new record small in the module.
pub trait FromJson: Sized {
    /// Reads `value`.
    fn from_json(value: Value) -> Result<Self, DeError>;
    /// What an absent field reads as: `None` means the field is required.
    fn absent() -> Option<Self> {
        None
    }
}

/// The error for a value of the wrong kind, naming the kind found, never its text.
#[cold]
#[inline(never)]
pub fn expected(found: &Value, what: &str) -> DeError {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    DeError(format!("invalid type: {found}, expected {what}"))
}

impl FromJson for Value {
    fn from_json(value: Value) -> Result<Self, DeError> {
        Ok(value)
    }
}

impl FromJson for String {
    fn from_json(value: Value) -> Result<Self, DeError> {
        match value {
            Value::String(s) => Ok(s),
            other => Err(expected(&other, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: Value) -> Result<Self, DeError> {
        value.as_bool().ok_or_else(|| expected(&value, "a boolean"))
    }
}

impl FromJson for i64 {
    fn from_json(value: Value) -> Result<Self, DeError> {
        value.as_i64().ok_or_else(|| expected(&value, "an integer"))
    }
}

impl FromJson for u64 {
    fn from_json(value: Value) -> Result<Self, DeError> {
        value
            .as_u64()
            .ok_or_else(|| expected(&value, "a non-negative integer"))
    }
}

impl FromJson for u32 {
    fn from_json(value: Value) -> Result<Self, DeError> {
        value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| expected(&value, "an integer from 0 to 4294967295"))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Value) -> Result<Self, DeError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Self, DeError> {
        match value {
            Value::Array(items) => items.into_iter().map(T::from_json).collect(),
            other => Err(expected(&other, "an array")),
        }
    }
}

/// A JSON object whose fields are taken one by one; what is left is the record's `extra`
/// (or, for inputs, an unknown field).
#[derive(Debug)]
pub struct Object(serde_json::Map<String, Value>);

impl Object {
    /// `value` as an object.
    pub fn new(value: Value) -> Result<Self, DeError> {
        match value {
            Value::Object(fields) => Ok(Object(fields)),
            other => Err(expected(&other, "an object")),
        }
    }

    /// Takes field `key`; an error names it. One copy per field type serves every record
    /// (hence not inlined into each field read).
    #[inline(never)]
    pub fn take<T: FromJson>(&mut self, key: &str) -> Result<T, DeError> {
        match self.0.remove(key) {
            Some(value) => T::from_json(value).map_err(|e| at(e, key)),
            None => T::absent().ok_or_else(|| missing(key)),
        }
    }

    /// The fields not taken, kept as sent.
    pub fn rest(self) -> crate::model::Extra {
        self.0
    }

    /// Fails on the first field not taken: inputs take no fields they do not know.
    pub fn deny_unknown(self) -> Result<(), DeError> {
        match self.0.into_iter().next() {
            Some((key, _)) => Err(DeError(format!("unknown field `{key}`"))),
            None => Ok(()),
        }
    }
}

#[cold]
#[inline(never)]
fn at(err: DeError, key: &str) -> DeError {
    DeError(format!("{} at `{key}`", err.0))
}

#[cold]
#[inline(never)]
fn missing(key: &str) -> DeError {
    DeError(format!("missing field `{key}`"))
}

/// Reads JSON text straight into a [`FromJson`] type; empty text reads as `null`.
pub fn read_text<T: FromJson>(text: &str) -> Result<T, String> {
    let text = if text.trim().is_empty() { "null" } else { text };
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    T::from_json(value).map_err(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    input! {
        /// A test input.
        pub struct T {
            /// Required.
            a: u32 = "a",
            /// Optional.
            b?: Vec<String> = "b",
        }
    }

    fn read(value: Value) -> Result<T, String> {
        T::from_json(value).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_and_names_errors_without_printing_values() {
        let t = read(json!({"a": 1, "b": ["x"]})).unwrap();
        assert_eq!((t.a, t.b), (1, Some(vec!["x".to_owned()])));
        assert_eq!(read(json!({"a": 1, "b": null})).unwrap().b, None);
        assert_eq!(
            read(json!({"a": 1.5})).unwrap_err(),
            "invalid type: a number, expected an integer from 0 to 4294967295 at `a`"
        );
        assert_eq!(
            read(json!({"a": "sk_live_secret"})).unwrap_err(),
            "invalid type: a string, expected an integer from 0 to 4294967295 at `a`"
        );
        assert_eq!(
            read(json!({"a": 1, "c": 2})).unwrap_err(),
            "unknown field `c`"
        );
        assert_eq!(read(json!({})).unwrap_err(), "missing field `a`");
        assert_eq!(
            read(json!([1])).unwrap_err(),
            "invalid type: an array, expected an object"
        );
    }

    #[test]
    fn text_reads_empty_as_null() {
        assert_eq!(read_text::<Option<u32>>(" "), Ok(None));
        assert!(read_text::<u32>("{").is_err());
    }
}
