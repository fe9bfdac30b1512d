//! Per-provider request builders and response parsers: pure functions from inputs to
//! [`HttpRequest`]s and from [`HttpResponse`]s to results. No IO happens here.

/// A [`FieldSpec`](crate::model::FieldSpec) literal: name, label, type, required, options.
macro_rules! field {
    ($name:literal, $label:literal, $kind:ident, $required:literal) => {
        field!($name, $label, $kind, $required, &[])
    };
    ($name:literal, $label:literal, $kind:ident, $required:literal, $options:expr) => {
        crate::model::FieldSpec {
            name: $name,
            label: $label,
            kind: crate::model::FieldType::$kind,
            required: $required,
            options: $options,
        }
    };
}

pub mod atlan;
pub mod clerk;
pub mod cloudflare;
#[cfg(test)]
mod test_support;

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Capabilities, Created, ListParams, OAuthClient, Rotated};
use crate::pagination::Page;
use crate::request::{is_absolute_url, Body, HttpRequest, HttpResponse};

/// Every supported provider's constructor options, in the order a picker shows them.
pub fn catalog() -> Vec<crate::model::ProviderInfo> {
    vec![cloudflare::INFO, clerk::INFO, atlan::INFO]
}

/// The operations every provider maps onto its own API.
///
/// Inputs arrive as any serde `Deserializer` (a JS object in the browser, JSON in tests) so
/// each provider reads them into its own typed input and can name a bad field.
pub trait Provider {
    /// The provider's name, as in `OAuthAdmin({ provider })` and on errors.
    const NAME: &'static str;
    /// What the provider supports.
    fn capabilities(&self) -> Capabilities;
    /// `list`: one page.
    fn list(&self, params: &ListParams) -> Result<HttpRequest>;
    /// Reads a `list` response; `params` are those the request was built from.
    fn parse_list<B: Body>(
        &self,
        params: &ListParams,
        resp: &HttpResponse<B>,
    ) -> Result<Page<OAuthClient>>;
    /// `get`.
    fn get(&self, id: &str) -> Result<HttpRequest>;
    /// Reads a response that holds one client (get, update).
    fn parse_client<B: Body>(&self, resp: &HttpResponse<B>) -> Result<OAuthClient>;
    /// A create input, read and checked.
    type CreateInput;
    /// Reads and checks a create input; an invalid one fails here, before anything is sent.
    fn read_create<'de, D: Deserializer<'de>>(&self, input: D) -> Result<Self::CreateInput>;
    /// A request whose answer `build_create` needs (Atlan resolves role names through
    /// `GET roles`); none on most providers.
    fn create_lookup(&self) -> Option<HttpRequest> {
        None
    }
    /// The create request, given the lookup's response where there was one.
    fn build_create<B: Body>(
        &self,
        input: &Self::CreateInput,
        lookup: Option<&HttpResponse<B>>,
    ) -> Result<HttpRequest>;
    /// `create` for providers that need no lookup: read, check and build.
    fn create<'de, D: Deserializer<'de>>(&self, input: D) -> Result<HttpRequest> {
        let input = self.read_create(input)?;
        self.build_create::<String>(&input, None)
    }
    /// Reads a `create` response: the client and its one-time secret.
    fn parse_created<B: Body>(&self, resp: &HttpResponse<B>) -> Result<Created>;
    /// `update` with only the fields given, after validating them.
    fn update<'de, D: Deserializer<'de>>(&self, id: &str, changes: D) -> Result<HttpRequest>;
    /// `delete`.
    fn delete(&self, id: &str) -> Result<HttpRequest>;
    /// Reads a `delete` (or `deleteRotatedSecret`) response.
    fn parse_deleted<B: Body>(&self, resp: &HttpResponse<B>) -> Result<()>;
    /// `rotateSecret`; `UnsupportedError` where the provider has no rotation.
    fn rotate_secret(&self, id: &str) -> Result<HttpRequest> {
        let _ = id;
        Err(Error::unsupported(Self::NAME, "rotateSecret"))
    }
    /// Reads a `rotateSecret` response.
    fn parse_rotated<B: Body>(&self, resp: &HttpResponse<B>) -> Result<Rotated> {
        let _ = resp;
        Err(Error::unsupported(Self::NAME, "rotateSecret"))
    }
    /// `deleteRotatedSecret`; `UnsupportedError` where the provider keeps no old secret.
    fn delete_rotated_secret(&self, id: &str) -> Result<HttpRequest> {
        let _ = id;
        Err(Error::unsupported(Self::NAME, "deleteRotatedSecret"))
    }
}

/// Reads a caller's input as `T`; a wrong shape or an unknown field is a `ValidationError`,
/// naming the field where serde does (unknown and missing fields).
pub(crate) fn read_input<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    input: D,
    what: &str,
) -> Result<T> {
    T::deserialize(input).map_err(|e| {
        let message = e.to_string();
        let mut err = Error::new(ErrorKind::Validation, format!("invalid {what}: {message}"));
        err.details.push(crate::error::ErrorDetail {
            code: None,
            field: named_key(&message),
            message,
        });
        err
    })
}

/// The key serde names in ``unknown field `x` `` and ``missing field `x` `` (other
/// messages quote values, not keys).
fn named_key(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("missing field `"))?;
    rest.split('`').next().map(str::to_owned)
}

/// Takes the one-time secret at `key` out of a record's unmodelled fields, so it travels
/// only as `Created.secret`; an empty one (a public client's) is none.
pub(crate) fn take_secret(
    extra: &mut crate::model::Extra,
    key: &str,
) -> Option<crate::model::Secret> {
    match extra.remove(key) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(crate::model::Secret::new(s)),
        _ => None,
    }
}

/// A `T` read only from a JSON object. serde's derived structs also accept an array of
/// their fields in order, which no provider sends: such a body is a decode error instead.
pub(crate) struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Object<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Object)
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// Serializes a camelCase input as a JSON object with snake_case keys, renaming the
/// provider-neutral names (`name` -> `client_name`) on the way: the wire body of the
/// snake_case APIs, from the one input type callers see.
pub(crate) fn snake_case_body<T: Serialize>(
    input: &T,
    renames: &[(&str, &str)],
) -> Result<serde_json::Value> {
    let value = serde_json::to_value(input).map_err(|e| Error::decode("the request body", e))?;
    let serde_json::Value::Object(fields) = value else {
        return Err(Error::new(
            ErrorKind::Validation,
            "the input must be an object",
        ));
    };
    let renamed = fields
        .into_iter()
        .map(|(key, v)| {
            let wire = renames
                .iter()
                .find(|(from, _)| *from == key)
                .map_or_else(|| to_snake_case(&key), |(_, to)| (*to).to_owned());
            (wire, v)
        })
        .collect();
    Ok(serde_json::Value::Object(renamed))
}

fn to_snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `fields` with none required: what `update` takes of a create form.
pub(crate) fn optional(
    fields: &[crate::model::FieldSpec],
) -> impl Iterator<Item = crate::model::FieldSpec> + '_ {
    fields.iter().map(|f| crate::model::FieldSpec {
        required: false,
        ..f.clone()
    })
}

/// Checks that every URL in `urls` is absolute, naming `field` otherwise.
pub(crate) fn check_urls(field: &str, urls: &[String]) -> Result<()> {
    match urls.iter().find(|u| !is_absolute_url(u)) {
        Some(bad) => Err(Error::invalid(
            field,
            format!("{bad:?} is not an absolute URL"),
        )),
        None => Ok(()),
    }
}

/// Like [`check_urls`] for one optional URL.
pub(crate) fn check_url(field: &str, url: Option<&String>) -> Result<()> {
    check_urls(field, url.map(std::slice::from_ref).unwrap_or_default())
}

/// Decodes a success body, or turns an error status into the provider's error via `on_error`.
pub(crate) fn decode_ok<T: DeserializeOwned, B: Body>(
    provider: &'static str,
    resp: &HttpResponse<B>,
    what: &str,
    on_error: impl FnOnce(&HttpResponse<B>) -> Error,
) -> Result<T> {
    if !resp.is_success() {
        return Err(on_error(resp));
    }
    resp.decode(what).map_err(|err| err.or_provider(provider))
}

/// The error for a response whose body could not be read as the provider's error shape.
pub(crate) fn bare_status_error(provider: &'static str, status: u16) -> Error {
    Error::new(
        ErrorKind::from_status(status),
        format!("{provider} answered HTTP {status}"),
    )
    .with_provider(provider)
    .with_status(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keys_and_renames() {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct In {
            name: String,
            redirect_uris: Vec<String>,
            token_endpoint_auth_method: String,
        }
        let body = snake_case_body(
            &In {
                name: "n".into(),
                redirect_uris: vec![],
                token_endpoint_auth_method: "none".into(),
            },
            &[("name", "client_name")],
        )
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"client_name": "n", "redirect_uris": [], "token_endpoint_auth_method": "none"})
        );
    }

    #[test]
    fn input_errors_name_the_field() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct In {
            name: String,
        }
        let err =
            read_input::<In, _>(serde_json::json!({"nmae": "x"}), "create input").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.details[0].field.as_deref(), Some("nmae"));
        let err = read_input::<In, _>(serde_json::json!({}), "create input").unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("name"));
    }
}
