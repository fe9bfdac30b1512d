//! Manage OAuth clients on several identity platforms through one API.
//!
//! The core is sans-IO: [`provider`] modules turn inputs into [`request::HttpRequest`]s and
//! [`request::HttpResponse`]s into results, [`retry`] and [`pagination`] decide what happens
//! next, and only [`transport`] performs IO. [`client`] runs that loop; on wasm32 the
//! `wasm` module exposes it to JavaScript as `OAuthAdmin`.

#![deny(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]

/// The one list of providers, each with its Cargo feature. The model and provider modules,
/// the constructor's dispatch, `providers()`, the TypeScript unions and the JS namespaces all
/// derive from it: adding a provider is its files plus its name here and in `Cargo.toml`'s
/// features (see `src/provider/README.md`).
macro_rules! for_each_provider {
    ($then:ident) => {
        $then!(cloudflare "cloudflare", clerk "clerk", atlan "atlan", sailpoint "sailpoint", databricks "databricks", rfc7591 "rfc7591");
    };
}

#[macro_use]
pub mod model;
pub mod auth;
pub mod client;
pub mod config;
pub mod discovery;
pub mod error;
pub mod flight;
pub mod json;
pub mod pagination;
pub mod provider;
pub mod request;
pub mod retry;
pub mod store;
mod text;
pub mod transport;

#[cfg(test)]
mod fuzz;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind, Result};

/// talc: a smaller allocator than the standard library's dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
