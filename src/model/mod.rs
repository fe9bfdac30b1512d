//! Wire types per provider and the provider-neutral view. Leaves: only serde (and tsify on wasm).

/// An enum of documented wire values that keeps unknown ones in `Other` instead of failing.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident, $ts:literal { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[cfg_attr(target_arch = "wasm32", tsify(type = $ts))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+
            /// A value this library does not know yet, kept as sent.
            #[serde(untagged)]
            Other(String),
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

pub mod atlan;
pub mod clerk;
pub mod cloudflare;
pub mod common;

use serde::Serialize;

pub use common::{
    AuthOption, Capabilities, Created, EpochMillis, Extra, FieldSpec, FieldType, ListParams,
    OAuthClient, Operations, ProviderInfo, Rotated, Secret,
};

/// The provider's own record of a client, tagged by `provider`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "provider", rename_all = "camelCase")]
pub enum ProviderRecord {
    /// A Cloudflare account OAuth client.
    Cloudflare(cloudflare::CloudflareClient),
    /// A Clerk OAuth application.
    Clerk(clerk::ClerkApplication),
    /// An Atlan OAuth client.
    Atlan(atlan::AtlanClient),
}
