//! Field-by-field reading of JSON request bodies.
//!
//! Handlers read bodies by hand rather than through `#[derive(Deserialize)]`
//! so that every problem (missing, mistyped, unknown field) is collected with
//! the field it concerns; each provider then words the list its own way.

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Missing,
    WrongType(&'static str),
    Unknown,
    Invalid(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub kind: ProblemKind,
}

impl Problem {
    /// A short English sentence naming the field, shared by every provider.
    pub fn describe(&self) -> String {
        match &self.kind {
            ProblemKind::Missing => format!("{} is required", self.field),
            ProblemKind::WrongType(expected) => format!("{} must be {expected}", self.field),
            ProblemKind::Unknown => format!("{} is not a recognised field", self.field),
            ProblemKind::Invalid(reason) => format!("{}: {reason}", self.field),
        }
    }
}

/// Why a body could not be read as a JSON object at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedBody(pub String);

#[derive(Debug)]
pub struct Fields {
    map: Map<String, Value>,
    problems: Vec<Problem>,
}

impl Fields {
    /// An empty body reads as `{}` because update/rotate calls may send none.
    pub fn parse(bytes: &[u8]) -> Result<Self, MalformedBody> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::from_map(Map::new()));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Self::from_map(map)),
            Ok(_) => Err(MalformedBody("request body must be a JSON object".into())),
            Err(error) => Err(MalformedBody(format!(
                "request body is not valid JSON: {error}"
            ))),
        }
    }

    fn from_map(map: Map<String, Value>) -> Self {
        Self {
            map,
            problems: Vec::new(),
        }
    }

    /// For schemas where `null` means "leave unchanged" (Clerk's nullable fields).
    pub fn treat_null_as_absent(mut self) -> Self {
        self.map.retain(|_, value| !value.is_null());
        self
    }

    pub fn reject_unknown(&mut self, allowed: &[&str]) {
        let unknown: Vec<String> = self
            .map
            .keys()
            .filter(|key| !allowed.contains(&key.as_str()))
            .cloned()
            .collect();
        for field in unknown {
            self.problems.push(Problem {
                field,
                kind: ProblemKind::Unknown,
            });
        }
    }

    pub fn require(&mut self, required: &[&str]) {
        for field in required {
            if !self.map.contains_key(*field) {
                self.report(field, ProblemKind::Missing);
            }
        }
    }

    pub fn report(&mut self, field: &str, kind: ProblemKind) {
        self.problems.push(Problem {
            field: field.to_owned(),
            kind,
        });
    }

    pub fn string(&mut self, field: &str) -> Option<String> {
        match self.map.get(field)? {
            Value::String(text) => Some(text.clone()),
            _ => self.wrong_type(field, "a string"),
        }
    }

    pub fn strings(&mut self, field: &str) -> Option<Vec<String>> {
        let items = match self.map.get(field)? {
            Value::Array(items) => items,
            _ => return self.wrong_type(field, "an array of strings"),
        };
        let strings: Option<Vec<String>> = items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect();
        match strings {
            Some(strings) => Some(strings),
            None => self.wrong_type(field, "an array of strings"),
        }
    }

    pub fn boolean(&mut self, field: &str) -> Option<bool> {
        match self.map.get(field)? {
            Value::Bool(flag) => Some(*flag),
            _ => self.wrong_type(field, "a boolean"),
        }
    }

    fn wrong_type<T>(&mut self, field: &str, expected: &'static str) -> Option<T> {
        self.report(field, ProblemKind::WrongType(expected));
        None
    }

    /// Every problem found so far; empty means the body was acceptable.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_body_is_an_empty_object() {
        let fields = Fields::parse(b"  ").expect("empty body");
        assert!(fields.into_problems().is_empty());
    }

    #[test]
    fn non_objects_are_malformed() {
        assert!(Fields::parse(b"[1]").is_err());
        assert!(Fields::parse(b"{").is_err());
    }

    #[test]
    fn collects_every_problem() {
        let mut fields =
            Fields::parse(br#"{"name": 3, "tags": ["a", 1], "extra": true}"#).expect("object");
        fields.reject_unknown(&["name", "tags", "flag"]);
        fields.require(&["name", "flag"]);
        assert_eq!(fields.string("name"), None);
        assert_eq!(fields.strings("tags"), None);
        assert_eq!(fields.boolean("flag"), None);
        let kinds: Vec<(String, ProblemKind)> = fields
            .into_problems()
            .into_iter()
            .map(|p| (p.field, p.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("extra".into(), ProblemKind::Unknown),
                ("flag".into(), ProblemKind::Missing),
                ("name".into(), ProblemKind::WrongType("a string")),
                ("tags".into(), ProblemKind::WrongType("an array of strings")),
            ]
        );
    }

    #[test]
    fn nulls_can_mean_absent() {
        let mut fields = Fields::parse(br#"{"name": null}"#)
            .expect("object")
            .treat_null_as_absent();
        fields.require(&["name"]);
        assert_eq!(fields.string("name"), None);
        assert_eq!(fields.into_problems()[0].kind, ProblemKind::Missing);
    }
}
