//! The data file's text read in the browser: the browser's own JSON parser, then serde section
//! by section through [`JsSource`], then the claims' measured expressions.

use crate::data::{load, too_big, unusable, Dataset, MAX_BYTES};
use crate::msg::DataError;
use crate::spec::SectionSource;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
/// A parsed JSON object as a source of data sections.
struct JsSource(js_sys::Object);

impl SectionSource for JsSource {
    fn parse_object(text: &str) -> Option<Self> {
        js_sys::JSON::parse(text).ok().filter(|v| v.is_object() && !js_sys::Array::is_array(v)).map(|v| JsSource(v.unchecked_into()))
    }
    fn keys(&self) -> Vec<String> {
        js_sys::Object::keys(&self.0).iter().filter_map(|k| k.as_string()).collect()
    }
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Result<T, (String, String)>> {
        if !js_sys::Object::has_own(&self.0, &key.into()) {
            return None;
        }
        let v = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        Some(from_js(v))
    }
    fn count(&self, key: &str) -> Option<usize> {
        let v = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        js_sys::Array::is_array(&v).then(|| js_sys::Array::from(&v).length() as usize)
    }
    fn at<T: DeserializeOwned>(&self, key: &str, index: usize, field: Option<&str>) -> Option<Result<T, (String, String)>> {
        let list = js_sys::Reflect::get(&self.0, &key.into()).ok().filter(js_sys::Array::is_array)?;
        let v = js_sys::Array::from(&list).get(index as u32);
        let v = match field {
            Some(f) if v.is_object() => js_sys::Reflect::get(&v, &f.into()).ok()?,
            Some(_) => return None,
            None => v,
        };
        (!v.is_undefined()).then(|| from_js(v))
    }
}

/// Deserialises a parsed JSON value. Without serde_path_to_error: it would add about 11 KB
/// (gzip) to the .wasm. The message names the section and quotes the bad value; `make
/// check-data` (and `make dist`, which refuses such a file) give the exact field.
fn from_js<T: DeserializeOwned>(v: JsValue) -> Result<T, (String, String)> {
    T::deserialize(serde_wasm_bindgen::Deserializer::from(v)).map_err(|e| (String::new(), format!("{e} (`make check-data` names the exact field)")))
}

/// Parses the data file's text: the browser's JSON parser, then serde section by section.
pub(super) fn parse(file: &str, text: &str) -> (Dataset, Vec<DataError>) {
    if text.len() > MAX_BYTES {
        return unusable(file, too_big(text.len()));
    }
    match js_sys::JSON::parse(text) {
        Err(e) => {
            let msg = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            unusable(file, crate::msg!("not_json", "is not valid JSON: {detail}", detail = msg))
        }
        Ok(v) if v.is_object() && !js_sys::Array::is_array(&v) => {
            let (mut data, mut errors) = load(file, &JsSource(v.unchecked_into()));
            errors.extend(crate::figures::check_measured(&mut data, file));
            (data, errors)
        }
        Ok(_) => unusable(file, crate::msg!("not_object", "is not a JSON object")),
    }
}
