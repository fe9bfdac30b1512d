//! Wire types per provider and the provider-neutral view. Leaves: only serde (and tsify on wasm).

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

/// An enum of documented wire values that keeps unknown ones in `Other` instead of failing.
// Unused only in builds without every provider (`make size` measures those).
#[allow(unused_macros)]
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident, $ts:literal { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[cfg_attr(target_arch = "wasm32", tsify(type = $ts))]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this library does not know yet, kept as sent.
            Other(String),
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $crate::json::ToJson for $name {
            fn write_json(&self, out: &mut String) {
                $crate::json::write_str(self.as_str(), out);
            }
        }

        /// A placeholder for a reader that failed (see `json::Object::field`).
        impl Default for $name {
            fn default() -> Self {
                $name::Other(String::new())
            }
        }

        impl $crate::json::FromJson for $name {
            fn from_json(value: serde_json::Value) -> Result<Self, $crate::json::DeError> {
                let s = String::from_json(value)?;
                Ok(match s.as_str() {
                    $($wire => $name::$variant,)+
                    _ => $name::Other(s),
                })
            }
        }

        impl $name {
            /// Every documented value, as on the wire (the options of a form's choice).
            pub const VALUES: &'static [&'static str] = &[$($wire),+];

            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(other) => other,
                }
            }

            /// Whether this is one of the documented values.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }
    };
}

/// Writes a struct as a JSON object of the fields named, in camelCase, leaving out absent
/// `Option`s: the same shape serde's `rename_all = "camelCase"` gives its TypeScript type.
macro_rules! to_json {
    ($(@$g:ident)? $ty:ty { $($field:ident),* $(,)? }) => {
        impl $(<$g: $crate::json::ToJson>)? $crate::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::json::ObjectWriter::new(out)
                    $(.camel(stringify!($field), &self.$field))*
                    .finish();
            }
        }
    };
}

/// A private wire shape a parser reads (an envelope, an error body): the struct and its
/// reader, nothing else. `Option` fields may be absent.
macro_rules! wire {
    ($(#[$meta:meta])* struct $name:ident $(<$t:ident>)? { $($field:ident: $ty:ty = $key:literal),* $(,)? }) => {
        $(#[$meta])*
        struct $name $(<$t>)? { $($field: $ty,)* }

        impl $(<$t: $crate::json::FromJson>)? $crate::json::FromJson for $name $(<$t>)? {
            fn from_json(value: serde_json::Value) -> Result<Self, $crate::json::DeError> {
                let mut object = $crate::json::Object::new(value)?;
                let read = $name { $($field: object.field($key),)* };
                object.check(read)
            }
        }
    };
}

/// Declares a wire record once: the struct (camelCase in JS, with its TypeScript type), and
/// its reader from the wire names given. `name: T = "wire"` is required; `name?: T = "wire"`
/// is an `Option<T>`, left out of the output when absent. Every field the record does not
/// name is kept in `extra`, as sent.
macro_rules! record {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        record!(@munch [$(#[$meta])*] $name [] [] $($body)*);
    };
    (@munch $metas:tt $name:ident [$($fields:tt)*] [$($reads:tt)*]
        $(#[$fm:meta])* $field:ident ?: $ty:ty = $wire:literal $(, $($rest:tt)*)?) => {
        record!(@munch $metas $name
            [$($fields)* $(#[$fm])*
                #[serde(skip_serializing_if = "Option::is_none")]
                #[cfg_attr(target_arch = "wasm32", tsify(optional))]
                pub $field: Option<$ty>,]
            [$($reads)* $field $wire,]
            $($($rest)*)?);
    };
    (@munch $metas:tt $name:ident [$($fields:tt)*] [$($reads:tt)*]
        $(#[$fm:meta])* $field:ident : $ty:ty = $wire:literal $(, $($rest:tt)*)?) => {
        record!(@munch $metas $name
            [$($fields)* $(#[$fm])* pub $field: $ty,]
            [$($reads)* $field $wire,]
            $($($rest)*)?);
    };
    (@munch [$(#[$meta:meta])*] $name:ident [$($fields:tt)*] [$($field:ident $wire:literal,)*]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $($fields)*
            /// Fields not modelled here, as sent (secrets excepted).
            #[serde(flatten)]
            #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
            pub extra: $crate::model::Extra,
            /// A secret the server sent with the record, never kept in `extra`: only
            /// create and rotate hand it over, once, as their result's `secret`.
            #[serde(skip)]
            pub secret: Option<$crate::model::Secret>,
        }

        impl $crate::json::FromJson for $name {
            fn from_json(value: serde_json::Value) -> Result<Self, $crate::json::DeError> {
                let mut object = $crate::json::Object::new(value)?;
                let read = $name {
                    $($field: object.field($wire),)*
                    secret: object.take_secret(),
                    extra: object.rest(),
                };
                object.check(read)
            }
        }

        impl $crate::json::ToJson for $name {
            fn write_json(&self, out: &mut String) {
                $crate::json::ObjectWriter::new(out)
                    $(.camel(stringify!($field), &self.$field))*
                    .rest(&self.extra)
                    .finish();
            }
        }
    };
}

/// Declares a caller's input once: the struct (with its TypeScript type), its strict reader
/// (an unknown field is an error naming it) and, for fields followed by
/// `("Label", FieldType[, options])`, the form fields `specs()` lists. `name: T = "key"` is
/// required, `name?: T = "key"` optional, and `name: T = "key" ... or default_fn` optional
/// with a default.
macro_rules! input {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        input!(@munch [$(#[$meta])*] $name [] [] [] $($body)*);
    };
    (@munch $metas:tt $name:ident [$($fields:tt)*] [$($reads:tt)*] [$($specs:tt)*]
        $(#[$fm:meta])* $field:ident ?: $ty:ty = $key:literal
        $(($label:literal, $kind:ident $(, $options:expr)?))? $(, $($rest:tt)*)?) => {
        input!(@munch $metas $name
            [$($fields)* $(#[$fm])*
                #[serde(skip_serializing_if = "Option::is_none")]
                #[cfg_attr(target_arch = "wasm32", tsify(optional))]
                pub $field: Option<$ty>,]
            [$($reads)* $field: |o: &mut $crate::json::Object| o.field($key),]
            [$($specs)* $(field!($key, $label, $kind, false $(, $options)?),)?]
            $($($rest)*)?);
    };
    (@munch $metas:tt $name:ident [$($fields:tt)*] [$($reads:tt)*] [$($specs:tt)*]
        $(#[$fm:meta])* $field:ident : $ty:ty = $key:literal
        ($label:literal, $kind:ident $(, $options:expr)?) or $default:path $(, $($rest:tt)*)?) => {
        input!(@munch $metas $name
            [$($fields)* $(#[$fm])*
                #[cfg_attr(target_arch = "wasm32", tsify(optional))]
                pub $field: $ty,]
            [$($reads)* $field: |o: &mut $crate::json::Object| {
                o.field::<Option<$ty>>($key).unwrap_or_else($default)
            },]
            [$($specs)* field!($key, $label, $kind, false $(, $options)?),]
            $($($rest)*)?);
    };
    (@munch $metas:tt $name:ident [$($fields:tt)*] [$($reads:tt)*] [$($specs:tt)*]
        $(#[$fm:meta])* $field:ident : $ty:ty = $key:literal
        $(($label:literal, $kind:ident $(, $options:expr)?))? $(, $($rest:tt)*)?) => {
        input!(@munch $metas $name
            [$($fields)* $(#[$fm])* pub $field: $ty,]
            [$($reads)* $field: |o: &mut $crate::json::Object| o.field($key),]
            [$($specs)* $(field!($key, $label, $kind, true $(, $options)?),)?]
            $($($rest)*)?);
    };
    (@munch [$(#[$meta:meta])*] $name:ident [$($fields:tt)*] [$($field:ident: $read:expr,)*] [$($specs:tt)*]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $($fields)*
        }

        impl $crate::json::FromJson for $name {
            fn from_json(value: serde_json::Value) -> Result<Self, $crate::json::DeError> {
                let mut object = $crate::json::Object::new(value)?;
                let read = $name { $($field: ($read)(&mut object),)* };
                // A misspelt field is reported as unknown, not as the field it meant missing.
                object.deny_unknown()?;
                object.check(read)
            }
        }

        impl $name {
            /// The form fields this input declares, in order.
            #[allow(dead_code)]
            pub(crate) fn specs() -> Vec<$crate::model::FieldSpec> {
                vec![$($specs)*]
            }
        }

        impl $crate::json::WireBody for $name {
            fn write_wire(&self, out: &mut String, renames: &[(&str, &str)]) {
                let mut object = $crate::json::ObjectWriter::new(out);
                $(object.field($crate::json::renamed(stringify!($field), renames), &self.$field);)*
                object.finish();
            }
            fn write_camel(&self, out: &mut String) {
                let mut object = $crate::json::ObjectWriter::new(out);
                $(object.camel(stringify!($field), &self.$field);)*
                object.finish();
            }
        }
    };
}

macro_rules! declare_models {
    ($($name:ident $feature:literal),*) => {
        $(#[cfg(feature = $feature)] pub mod $name;)*
    };
}
for_each_provider!(declare_models);
pub mod common;

pub use common::{
    AuthOption, Capabilities, Created, EpochMillis, Extra, FieldSpec, FieldType, ListParams,
    OAuthClientOf, Operations, ProviderInfo, Registration, ResourceInfo, Rotated, Secret,
    SpaceSeparated,
};
