//! How JSON crosses the JS boundary: response bodies in, caller inputs in, results out.
//!
//! By default JSON crosses as text: one string copy each way, parsed and printed by
//! serde_json inside the module, and `JSON.parse` for results. The `engine-json` feature
//! instead lets the engine parse (`JSON.parse`) and walks the JS values field by field with
//! serde-wasm-bindgen, so the module carries no JSON parser. `make size` and `make bench`
//! measure both; the text path is smaller and faster, since a field-by-field walk crosses
//! the JS boundary for every key and value (see the README for the figures).

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::request::Body;

#[cfg(feature = "engine-json")]
mod imp {
    use super::*;

    #[wasm_bindgen(module = "/src/js/runtime.js")]
    extern "C" {
        #[wasm_bindgen(js_name = parseJson)]
        fn parse_json(text: &JsValue) -> JsValue;
    }

    /// A response body as `JSON.parse` left it (an empty body reads as `null`).
    #[derive(Debug, Clone)]
    pub enum JsBody {
        /// A parsed JSON value.
        Json(JsValue),
        /// A body that is not JSON (an HTML error page, say).
        NotJson,
    }

    /// Reads a response's text (a JS string) as a body.
    pub fn body(text: &JsValue) -> JsBody {
        match parse_json(text) {
            parsed if parsed.is_undefined() => JsBody::NotJson,
            parsed => JsBody::Json(parsed),
        }
    }

    impl Body for JsBody {
        fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
            match self {
                JsBody::Json(value) => {
                    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| e.to_string())
                }
                JsBody::NotJson => Err("the body is not JSON".into()),
            }
        }
    }

    /// Copies a caller's value out of JS.
    pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
        serde_wasm_bindgen::from_value(value)
            .map_err(|e| e.to_string().trim_start_matches("Error: ").to_owned())
    }

    /// Builds the JS value of a result: plain objects (not `Map`s), absent fields left out.
    pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, String> {
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        value.serialize(&serializer).map_err(|e| e.to_string())
    }
}

#[cfg(not(feature = "engine-json"))]
mod imp {
    use super::*;

    /// A response body as text.
    pub type JsBody = String;

    /// Reads a response's text (a JS string) as a body.
    pub fn body(text: &JsValue) -> JsBody {
        text.as_string().unwrap_or_default()
    }

    /// Copies a caller's value out of JS through `JSON.stringify`.
    pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
        if value.is_undefined() {
            return "null".to_owned().decode();
        }
        let text = js_sys::JSON::stringify(&value)
            .map_err(|_| "the value cannot be written as JSON (a BigInt or a cycle?)".to_owned())?;
        text.as_string().unwrap_or_else(|| "null".into()).decode()
    }

    /// Builds the JS value of a result through `JSON.parse`.
    pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, String> {
        let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
        js_sys::JSON::parse(&text).map_err(|_| "the result is not JSON".into())
    }
}

pub use imp::{body, from_js, to_js, JsBody};
