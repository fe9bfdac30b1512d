//! Helpers the providers' tests share.

use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::model::ListParams;
use crate::provider::{Call, DynKind, Op};
use crate::request::{HttpRequest, HttpResponse};

/// A response with `status`, no headers and `body`.
pub fn resp(status: u16, body: impl Into<String>) -> HttpResponse {
    HttpResponse {
        status,
        headers: Vec::new(),
        body: body.into(),
    }
}

/// The request's JSON body.
pub fn body_json(req: &HttpRequest) -> Value {
    serde_json::from_str(req.body.as_deref().expect("the request has a body")).unwrap()
}

/// `base` with the keys of `patch` set; a `null` in `patch` removes the key.
pub fn with(mut base: Value, patch: Value) -> Value {
    let (Value::Object(fields), Value::Object(changes)) = (&mut base, patch) else {
        panic!("with() takes two objects");
    };
    for (key, value) in changes {
        if value.is_null() {
            fields.remove(&key);
        } else {
            fields.insert(key, value);
        }
    }
    base
}

/// The field a validation error names first.
pub fn rejected_field(err: &Error) -> Option<&str> {
    err.details.first().and_then(|d| d.field.as_deref())
}

/// Owned strings.
pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// List params with a limit and a cursor.
pub fn params(limit: Option<u32>, cursor: Option<&str>) -> ListParams {
    ListParams {
        limit,
        cursor: cursor.map(str::to_owned),
        ..ListParams::default()
    }
}

/// List params asking for `sort` order.
pub fn sorted(sort: &str) -> ListParams {
    ListParams {
        sort: Some(sort.to_owned()),
        ..ListParams::default()
    }
}

/// List params filtering by `name`.
pub fn named(name: &str) -> ListParams {
    ListParams {
        name: Some(name.to_owned()),
        ..ListParams::default()
    }
}

/// The vendor's published example bodies for `provider`, when the reference folder is
/// beside the project (it is not part of it, so tests that read it skip without it).
pub fn vendor_examples(provider: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/examples")
        .join(provider);
    dir.is_dir().then_some(dir)
}

/// The error `kind` gives for `op` through its dispatch, checking that nothing was built
/// and that the answer to such a request would not be read either.
pub fn unsupported(kind: &dyn DynKind, op: Op) -> Error {
    let call = Call {
        id: Some("some-id".into()),
        ..Call::default()
    };
    let err = kind
        .build(op, &call, None)
        .expect_err("an operation the kind does not list builds nothing");
    let parsed = kind.parse(op, &call, &resp(200, "{}"));
    assert_eq!(parsed.map_err(|e| e.kind), Err(ErrorKind::Unsupported));
    err
}

/// Checks that `value` is written exactly as serde would write it: the TypeScript types
/// come from the serde attributes (through tsify), the output from `ToJson`, and the two
/// must describe the same JSON.
pub fn written_as_typed<T: serde::Serialize + crate::json::ToJson>(value: &T) {
    let typed = serde_json::to_value(value).unwrap();
    let written: Value = serde_json::from_str(&crate::json::to_text(value)).unwrap();
    assert_eq!(written, typed);
}
