//! Per-provider request builders and response parsers: pure functions from inputs to
//! [`HttpRequest`]s and from [`HttpResponse`]s to results. No IO happens here.

mod kind;
#[cfg(test)]
mod test_support;

pub use kind::{
    base_info, check_parents, ops, unsupported, Call, Create, Delete, DeleteRotatedSecret, DynKind,
    Form, Get, Kind, KindInfo, List, Op, ReadBack, RotateSecret, Run, Step, Update,
};

use crate::auth::Credentials;
use crate::config::Options;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{FromJson, WireBody};
use crate::model::ProviderInfo;
use crate::request::{is_absolute_url, HttpResponse};

/// Each provider is also a Cargo feature (all on by default), so `make size` can measure
/// what one adds by building without it.
macro_rules! declare_providers {
    ($($name:ident $feature:literal),*) => {
        $(#[cfg(feature = $feature)] pub mod $name;)*

        /// Every provider, in the order a picker shows them.
        pub static PROVIDERS: &[&ProviderDef] = &[$(#[cfg(feature = $feature)] &$name::PROVIDER,)*];
    };
}
for_each_provider!(declare_providers);

/// One provider: what its constructor takes, and how it connects.
#[derive(Debug)]
pub struct ProviderDef {
    /// Its constructor options, for connect forms.
    pub info: ProviderInfo,
    /// Reads its own options (strictly) and builds its kinds and credentials.
    pub connect: fn(Options) -> Result<Connection>,
}

/// A provider ready to use: its kinds (`clients` first) and how requests authenticate.
#[derive(Debug)]
pub struct Connection {
    /// The resource kinds, `clients` first.
    pub kinds: Vec<Box<dyn DynKind>>,
    /// The credentials.
    pub credentials: Credentials,
}

/// Finds a provider by its `provider` option.
pub fn find(name: &str) -> Option<&'static ProviderDef> {
    PROVIDERS.iter().copied().find(|p| p.info.provider == name)
}

/// Implements [`DynKind`] for a kind, reachable through the operations listed.
macro_rules! dyn_kind {
    ($ty:ty, $name:expr, [$($op:ident),* $(,)?]) => {
        impl $crate::provider::DynKind for $ty {
            fn name(&self) -> &'static str {
                $name
            }

            fn parents(&self) -> usize {
                <Self as $crate::provider::Kind>::INFO.parents.len()
            }

            fn describe(&self) -> $crate::model::ResourceInfo {
                use $crate::provider::{ops, Kind, Run};
                let path = if $name == "clients" {
                    $name.to_owned()
                } else {
                    format!("{}.{}", <Self as Kind>::PROVIDER, $name)
                };
                #[allow(unused_mut)]
                let mut info = $crate::provider::base_info::<Self>($name, path);
                $(<ops::$op as Run<Self>>::describe(&mut info);)*
                info
            }

            fn build(
                &self,
                op: $crate::provider::Op,
                call: &$crate::provider::Call,
                lookup: Option<&$crate::request::HttpResponse>,
            ) -> $crate::error::Result<$crate::provider::Step> {
                #[allow(unused_imports)]
                use $crate::provider::{ops, Kind, Run};
                $crate::provider::check_parents::<Self>(&call.parents)?;
                #[allow(unused_variables)]
                let kind = self.bind_call(call)?;
                $(if op == <ops::$op as Run<Self>>::OP {
                    return <ops::$op as Run<Self>>::build(&kind, call, lookup);
                })*
                Err($crate::provider::unsupported::<Self>(op))
            }

            fn parse(
                &self,
                op: $crate::provider::Op,
                call: &$crate::provider::Call,
                resp: &$crate::request::HttpResponse,
            ) -> $crate::error::Result<Option<String>> {
                #[allow(unused_imports)]
                use $crate::provider::{ops, Kind, Run};
                #[allow(unused_variables)]
                let kind = self.bind_call(call)?;
                $(if op == <ops::$op as Run<Self>>::OP {
                    return <ops::$op as Run<Self>>::parse(&kind, call, resp);
                })*
                Err($crate::provider::unsupported::<Self>(op))
            }

            fn registered(&self) -> bool {
                <Self as $crate::provider::Kind>::REGISTERED
            }

            fn discovers(&self, op: $crate::provider::Op) -> Option<&str> {
                <Self as $crate::provider::Kind>::discovers(self, op)
            }

            fn registration(
                &self,
                call: &$crate::provider::Call,
                resp: &$crate::request::HttpResponse,
            ) -> $crate::error::Result<Option<$crate::model::Registration>> {
                let kind = <Self as $crate::provider::Kind>::bind_call(self, call)?;
                <Self as $crate::provider::Kind>::registration(&kind, resp)
            }
        }
    };
}
pub(crate) use dyn_kind;

/// The TypeScript method names an operation adds.
macro_rules! ts_op {
    (List) => {
        "\"list\" | \"iterate\""
    };
    (Get) => {
        "\"get\""
    };
    (Create) => {
        "\"create\""
    };
    (Update) => {
        "\"update\""
    };
    (Delete) => {
        "\"delete\""
    };
    (RotateSecret) => {
        "\"rotateSecret\""
    };
    (DeleteRotatedSecret) => {
        "\"deleteRotatedSecret\""
    };
}
pub(crate) use ts_op;

/// Declares a provider's kinds once: the `clients` kind with its record and inputs, and
/// every other kind with its TypeScript type and operations. From this come each kind's
/// dispatch and `capabilities`, `kinds()` to box them in order, and `TS`, the provider's
/// entry in the TypeScript `ProviderTypes` map (options, record, namespace), followed by
/// `typescript`, declarations of the provider's own, where it has some.
macro_rules! provider_kinds {
    (
        name: $name:ident,
        options: $options:ident,
        clients: $clients:ty => $record:ident, $create:ident, $update:ident [$($cop:ident),* $(,)?],
        kinds: { $($kname:ident: $kty:ty => $kts:ty [$($kop:ident),* $(,)?]),* $(,)? }
        $(, typescript: $extra:literal)? $(,)?
    ) => {
        $crate::provider::dyn_kind!($clients, "clients", [$($cop),*]);
        $($crate::provider::dyn_kind!($kty, stringify!($kname), [$($kop),*]);)*

        /// The provider's kinds, `clients` first, ready for the client to drive.
        #[allow(non_snake_case)]
        pub(crate) fn kinds(
            clients: $clients,
            $($kname: $kty,)*
        ) -> Vec<Box<dyn $crate::provider::DynKind>> {
            vec![Box::new(clients) $(, Box::new($kname))*]
        }

        /// The provider's entry in the TypeScript `ProviderTypes` map.
        pub const TS: &str = concat!(
            "export interface ProviderTypes {\n  ", stringify!($name), ": {\n",
            "    options: ", stringify!($options), ";\n",
            "    record: ", stringify!($record), ";\n",
            "    create: ", stringify!($create), ";\n",
            "    update: ", stringify!($update), ";\n",
            "    clients: Pick<Clients<\"", stringify!($name), "\", ", stringify!($record), ", ",
            stringify!($create), ", ", stringify!($update), ">, never",
            $(" | ", $crate::provider::ts_op!($cop),)* ">;\n",
            "    namespace: {\n",
            $("      readonly ", stringify!($kname), ": Pick<", stringify!($kts), ", never",
              $(" | ", $crate::provider::ts_op!($kop),)* ">;\n",)*
            "    };\n  };\n}\n"
            $(, $extra)?
        );
    };
}
pub(crate) use provider_kinds;

/// Reads a caller's input as `T`; a wrong shape or an unknown field is a `ValidationError`
/// naming the field (the outermost key the message mentions).
pub(crate) fn read_input<T: FromJson>(input: serde_json::Value, what: &str) -> Result<T> {
    T::from_json(input).map_err(|e| input_error(e, what))
}

/// The `ValidationError` for an input that could not be read, its detail naming the key.
#[inline(never)]
fn input_error(e: crate::json::DeError, what: &str) -> Error {
    let message = e.into_message();
    let mut err = Error::new(ErrorKind::Validation, format!("invalid {what}: {message}"));
    err.details.push(crate::error::ErrorDetail {
        code: None,
        field: named_key(&message),
        message,
    });
    err
}

/// The input key a reader's message names: the outermost `` at `key` `` it was read at, else
/// the key of ``unknown field `x` `` or ``missing field `x` ``.
fn named_key(message: &str) -> Option<String> {
    let quoted = |rest: &str| rest.split('`').next().map(str::to_owned);
    // Scanned back by hand: `rfind` with a string needle is the module's only use of the
    // reverse substring searcher.
    let outermost = (0..message.len())
        .rev()
        .find_map(|i| message.get(i..).and_then(|rest| rest.strip_prefix(" at `")));
    match outermost {
        Some(rest) => quoted(rest),
        None => message
            .strip_prefix("unknown field `")
            .or_else(|| message.strip_prefix("missing field `"))
            .and_then(quoted),
    }
}

/// An input as a snake_case API's request body: its fields under their Rust (snake_case)
/// names, `renames` mapping the provider-neutral ones (`name` -> `client_name`).
pub(crate) fn snake_case_body<T: WireBody>(input: &T, renames: &[(&str, &str)]) -> String {
    let mut body = String::new();
    input.write_wire(&mut body, renames);
    body
}

/// `fields` with none required: what `update` takes of a create form.
pub(crate) fn optional(
    fields: Vec<crate::model::FieldSpec>,
) -> impl Iterator<Item = crate::model::FieldSpec> {
    fields.into_iter().map(|f| crate::model::FieldSpec {
        required: false,
        ..f
    })
}

/// Checks that every URL in `urls` is absolute, naming `field` otherwise.
pub(crate) fn check_urls(field: &str, urls: &[String]) -> Result<()> {
    match urls.iter().find(|u| !is_absolute_url(u)) {
        Some(bad) => Err(Error::invalid(
            field,
            format!("\"{bad}\" is not an absolute URL"),
        )),
        None => Ok(()),
    }
}

/// Decodes a success body, or turns an error status into the provider's error via `on_error`.
pub(crate) fn decode_ok<T: FromJson>(
    provider: &'static str,
    resp: &HttpResponse,
    what: &str,
    on_error: impl FnOnce(&HttpResponse) -> Error,
) -> Result<T> {
    if !resp.is_success() {
        return Err(on_error(resp));
    }
    resp.decode(what).map_err(|err| err.or_provider(provider))
}

/// What a provider's error body said, in the library's terms: every provider's error parser
/// fills one and [`ErrorBody::into_error`] builds the `Error` the same way for all.
#[derive(Debug, Default)]
pub(crate) struct ErrorBody {
    /// The message; when empty or absent, "<provider> answered HTTP <status>".
    pub message: Option<String>,
    /// The provider's own code.
    pub code: Option<String>,
    /// The provider's request or trace id.
    pub request_id: Option<String>,
    /// Every item of the provider's error list.
    pub details: Vec<crate::error::ErrorDetail>,
}

impl ErrorBody {
    /// The error for `status` from `provider`: its kind from the status, except that a
    /// failure reported with a success status (Cloudflare's `success: false`) is a server error.
    pub fn into_error(self, provider: &'static str, status: u16) -> Error {
        let kind = if status < 400 {
            ErrorKind::Server
        } else {
            ErrorKind::from_status(status)
        };
        let mut err = match self.message.filter(|m| !m.is_empty()) {
            Some(message) => Error::new(kind, message)
                .with_provider(provider)
                .with_status(status),
            None => bare_status_error(provider, status),
        };
        err.kind = kind;
        err.code = self.code;
        err.request_id = self.request_id;
        err.details = self.details;
        err
    }
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
        let input = read_input::<Body>(
            serde_json::json!({"name": "n", "redirectUris": [], "tokenEndpointAuthMethod": "none"}),
            "input",
        )
        .unwrap();
        let body: serde_json::Value =
            serde_json::from_str(&snake_case_body(&input, &[("name", "client_name")])).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"client_name": "n", "redirect_uris": [], "token_endpoint_auth_method": "none"})
        );
    }

    input! {
        /// A test body.
        pub struct Body {
            /// Renamed on the wire.
            name: String = "name",
            /// A list.
            redirect_uris: Vec<String> = "redirectUris",
            /// Left out when absent.
            logo_uri?: String = "logoUri",
            /// A snake_case key.
            token_endpoint_auth_method: String = "tokenEndpointAuthMethod",
        }
    }

    input! {
        /// A test input.
        pub struct In {
            /// Required.
            name: String = "name",
            /// A list.
            uris?: Vec<String> = "uris",
        }
    }

    #[test]
    fn input_errors_name_the_field() {
        let err = read_input::<In>(serde_json::json!({"nmae": "x"}), "create input").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.details[0].field.as_deref(), Some("nmae"));
        let err = read_input::<In>(serde_json::json!({}), "create input").unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("name"));
        let err = read_input::<In>(
            serde_json::json!({"name": "x", "uris": [1]}),
            "create input",
        )
        .unwrap_err();
        assert_eq!(err.details[0].field.as_deref(), Some("uris"));
        assert!(
            !err.message.contains('1'),
            "values are not echoed: {}",
            err.message
        );
    }
}
