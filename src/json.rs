//! JSON in and out without serde's derived code: typed reads out of parsed values
//! ([`FromJson`], one field at a time through [`Object`]) and writing ([`ToJson`], one field
//! at a time through [`ObjectWriter`]).
//!
//! Compared with serde's derived visitors and serializers, this compiles one small function
//! per field type, shared by every record, rather than code inlined into every field of every
//! struct; its read errors name the kind of value found ("a string"), never the value, so
//! neither a token passed in the wrong place nor Rust's float formatter ends up in them. The
//! serde derives that remain describe the TypeScript types (through tsify); tests check that
//! what is written matches them.

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

    /// The message. Taken rather than formatted: `to_string` would run the formatter and
    /// keep its error path (an `expect` with `Debug` output) in the module.
    pub fn into_message(self) -> String {
        self.0
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
        // A plain loop: `collect` into a `Result` instantiates several iterator adapters
        // for every element type.
        let items = array(value)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(T::from_json(item)?);
        }
        Ok(out)
    }
}

/// `value`'s items, outside the copy of the array reader per element type.
#[inline(never)]
fn array(value: Value) -> Result<Vec<Value>, DeError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(expected(&other, "an array")),
    }
}

/// A JSON object whose fields are taken one by one; what is left is the record's `extra`
/// (or, for inputs, an unknown field).
#[derive(Debug)]
pub struct Object(serde_json::Map<String, Value>, Option<DeError>);

impl Object {
    /// `value` as an object.
    pub fn new(value: Value) -> Result<Self, DeError> {
        match value {
            Value::Object(fields) => Ok(Object(fields, None)),
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

    /// Takes every secret-bearing field out (a one-time client secret, a registration
    /// token), wherever a server echoes one: the first non-empty value, as a [`Secret`].
    ///
    /// [`Secret`]: crate::model::Secret
    pub fn take_secret(&mut self) -> Option<crate::model::Secret> {
        SECRET_FIELDS
            .iter()
            .filter_map(|key| match self.0.remove(*key) {
                Some(Value::String(s)) if !s.is_empty() => Some(crate::model::Secret::new(s)),
                _ => None,
            })
            .fold(None, |first, found| first.or(Some(found)))
    }

    /// Like [`Object::take`], but a failure is kept for [`Object::check`] and the field reads
    /// as its default meanwhile: a struct is then built in one go, with no early return
    /// (and drop path) per field, which keeps every reader small.
    #[inline(never)]
    pub fn field<T: FromJson + Default>(&mut self, key: &str) -> T {
        match self.take(key) {
            Ok(value) => value,
            Err(err) => {
                self.1.get_or_insert(err);
                T::default()
            }
        }
    }

    /// `value`, or the first error a [`Object::field`] read met. Inlined: a copy per record
    /// type would only move the record once more.
    #[inline(always)]
    pub fn check<T>(&mut self, value: T) -> Result<T, DeError> {
        match self.1.take() {
            Some(err) => Err(err),
            None => Ok(value),
        }
    }

    /// The fields not taken, kept as sent.
    pub fn rest(&mut self) -> crate::model::Extra {
        std::mem::take(&mut self.0)
    }

    /// Fails on the first field not taken: inputs take no fields they do not know.
    pub fn deny_unknown(&mut self) -> Result<(), DeError> {
        match std::mem::take(&mut self.0).into_iter().next() {
            Some((key, _)) => Err(DeError(format!("unknown field `{key}`"))),
            None => Ok(()),
        }
    }
}

/// Wire names of fields that carry a secret: records never keep them.
const SECRET_FIELDS: [&str; 5] = [
    "client_secret",
    "clientSecret",
    "secret",
    "registration_access_token",
    "registrationAccessToken",
];

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
    T::from_json(parse_text(text)?).map_err(|e| e.0)
}

/// The parse behind [`read_text`], kept out of its copy per type.
#[inline(never)]
pub fn parse_text(text: &str) -> Result<Value, String> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// A type written as JSON text: results for JS and request bodies. Like [`FromJson`], one
/// small function per field type serves every struct, where serde's derived serializers
/// inline a writer into every field of every struct.
pub trait ToJson {
    /// Appends the JSON text of `self` to `out`.
    fn write_json(&self, out: &mut String);
    /// Whether a struct field holding this value is left out (an absent `Option`).
    fn is_absent(&self) -> bool {
        false
    }
}

/// `value` as JSON text.
pub fn to_text<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Writes `text` as a JSON string, escaping what JSON requires. Runs without anything to
/// escape are copied whole.
#[inline(never)]
pub fn write_str(text: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices end on character boundaries.
        out.push_str(text.get(start..i).unwrap_or_default());
        if escaped.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(
                HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0'),
            ));
            out.push(char::from(
                HEX.get(usize::from(byte & 15)).copied().unwrap_or(b'0'),
            ));
        } else {
            out.push_str(escaped);
        }
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out.push('"');
}

/// Writes a JSON object field by field; fields whose value [`ToJson::is_absent`] are left out.
#[derive(Debug)]
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Opens an object.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, empty: true }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_str(key, self.out);
        self.out.push(':');
    }

    /// Writes `key: value` unless the value is absent.
    #[inline(never)]
    pub fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        if !value.is_absent() {
            self.key(key);
            value.write_json(self.out);
        }
        self
    }

    /// Like [`ObjectWriter::field`] with a snake_case Rust name written in camelCase (serde's
    /// `rename_all = "camelCase"` rule, which the TypeScript types follow).
    #[inline(never)]
    pub fn camel<T: ToJson + ?Sized>(&mut self, snake: &str, value: &T) -> &mut Self {
        if !value.is_absent() {
            if !self.empty {
                self.out.push(',');
            }
            self.empty = false;
            // Rust field names need no escaping.
            self.out.push('"');
            push_camel_case(snake, self.out);
            self.out.push_str("\":");
            value.write_json(self.out);
        }
        self
    }

    /// Writes every entry of `fields` (a record's unmodelled fields, as sent).
    pub fn rest(&mut self, fields: &serde_json::Map<String, Value>) -> &mut Self {
        for (key, value) in fields {
            self.field(key, value);
        }
        self
    }

    /// Closes the object.
    pub fn finish(&mut self) {
        self.out.push('}');
    }
}

/// An input written as a request body: snake_case keys (its Rust field names), some
/// renamed (`name` is Cloudflare's `client_name`).
pub trait WireBody {
    /// Appends the body to `out`; `renames` maps field names to wire names.
    fn write_wire(&self, out: &mut String, renames: &[(&str, &str)]);
    /// Appends the input as callers write it: camelCase keys, absent fields left out (the
    /// body of an API whose wire names are the input's keys).
    fn write_camel(&self, out: &mut String);
}

/// An input written with camelCase keys ([`WireBody::write_camel`]) wherever JSON is
/// written. Inputs have no `ToJson` of their own: a nested input is written the way its
/// provider's wire wants it.
#[derive(Debug)]
pub struct Camel<'a, T: ?Sized>(pub &'a T);

impl<T: WireBody + ?Sized> ToJson for Camel<'_, T> {
    fn write_json(&self, out: &mut String) {
        self.0.write_camel(out);
    }
}

/// `field`'s wire name under `renames`.
pub fn renamed<'a>(field: &'a str, renames: &[(&'a str, &'a str)]) -> &'a str {
    renames
        .iter()
        .find(|(from, _)| *from == field)
        .map_or(field, |(_, to)| to)
}

/// Appends `snake_case` as `camelCase`: each part after an underscore with its first letter
/// upper-cased. Parts are copied whole: this runs for every field of every record written.
fn push_camel_case(snake: &str, out: &mut String) {
    let mut parts = snake.split('_');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! integers_to_json {
    ($($t:ty)*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                // Writing into a `String` cannot fail.
                let _ = std::fmt::Write::write_fmt(out, format_args!("{self}"));
            }
        }
    )*};
}
integers_to_json!(u16 u32 u64 i64 usize);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

impl ToJson for serde_json::Map<String, Value> {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out).rest(self).finish();
    }
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            // Writing into a `String` cannot fail.
            Value::Number(n) => {
                let _ = std::fmt::Write::write_fmt(out, format_args!("{n}"));
            }
            Value::String(s) => write_str(s, out),
            Value::Array(items) => items.write_json(out),
            Value::Object(fields) => fields.write_json(out),
        }
    }
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

    #[test]
    fn writes_json_that_reads_back() {
        let value = json!({
            "s": "quote \" backslash \\ nl \n tab \t ctl \u{1} é",
            "n": [1, -2, 3.5, 18446744073709551615u64],
            "b": [true, false, null],
            "o": {"nested": {}}
        });
        let text = to_text(&value);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        let mut out = String::new();
        ObjectWriter::new(&mut out)
            .camel("client_id", "x")
            .camel("persona_q_ns", &Some(vec![1u32]))
            .field("skipped", &None::<String>)
            .finish();
        assert_eq!(out, r#"{"clientId":"x","personaQNs":[1]}"#);
    }
}
