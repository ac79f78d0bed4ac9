//! The page's URL query as the lists' memory: what a list shows is written there as it changes,
//! without a navigation, so a reload or a shared link shows the same.

use leptos::prelude::*;
use web_sys::UrlSearchParams;

fn current_params() -> Option<UrlSearchParams> {
    UrlSearchParams::new_with_str(&window().location().search().ok()?).ok()
}

/// The value of `key` in the current URL's query.
pub fn query_value(key: &str) -> Option<String> {
    current_params()?.get(key)
}

/// Sets each `(key, value)` in the URL's query, or removes the key when the value is `None`,
/// keeping every other key, and replaces the history entry rather than adding one.
pub fn replace_query(updates: &[(&str, Option<String>)]) {
    let Some(params) = current_params() else {
        return;
    };
    for (key, value) in updates {
        match value {
            Some(value) => params.set(key, value),
            None => params.delete(key),
        }
    }
    let location = window().location();
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    if location.search().ok().as_deref().unwrap_or_default().trim_start_matches('?') != query {
        let _ = window().history().and_then(|history| {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        });
    }
}
