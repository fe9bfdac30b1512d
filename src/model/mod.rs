//! Wire types per provider and the provider-neutral view. Leaves: only serde (and tsify on wasm).

/// An enum of documented wire values that keeps unknown ones in `Other` instead of failing.
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

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(match s.as_str() {
                    $($wire => $name::$variant,)+
                    _ => $name::Other(s),
                })
            }
        }

        impl $name {
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

/// Implements `Deserialize` for a wire record: the fields listed by name (the field's own
/// name on the wire unless `= "wireName"` follows it), every other field into `extra`.
/// Unlike `#[serde(flatten)]` this does not buffer the record in serde's private `Content`.
macro_rules! record_deserialize {
    (@wire $field:ident) => { stringify!($field) };
    (@wire $field:ident $wire:literal) => { $wire };
    ($name:ident { $($field:ident $(= $wire:literal)?),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
                struct Fields;
                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        $(let mut $field = None;)+
                        let mut extra = $crate::model::Extra::new();
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                $(record_deserialize!(@wire $field $($wire)?) => {
                                    $field = Some(map.next_value()?)
                                })+
                                _ => {
                                    let value = map.next_value()?;
                                    extra.insert(key, value);
                                }
                            }
                        }
                        Ok($name {
                            $($field: $crate::model::present(
                                $field,
                                record_deserialize!(@wire $field $($wire)?),
                            )?,)+
                            extra,
                        })
                    }
                }
                input.deserialize_map(Fields)
            }
        }
    };
}

/// A field's value, or what an absent field reads as: `None` for an `Option`, else a
/// "missing field" error.
pub(crate) fn present<'de, T: serde::Deserialize<'de>, E: serde::de::Error>(
    value: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    struct Missing<E>(&'static str, std::marker::PhantomData<E>);
    impl<'de, E: serde::de::Error> serde::Deserializer<'de> for Missing<E> {
        type Error = E;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
            Err(E::missing_field(self.0))
        }
        fn deserialize_option<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            visitor.visit_none()
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct map struct
            enum identifier ignored_any
        }
    }
    match value {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(name, std::marker::PhantomData)),
    }
}

pub mod atlan;
pub mod clerk;
pub mod cloudflare;
pub mod common;

pub use common::{
    AuthOption, Capabilities, Created, EpochMillis, Extra, FieldSpec, FieldType, ListParams,
    OAuthClientOf, Operations, ProviderInfo, ResourceInfo, Rotated, Secret,
};
