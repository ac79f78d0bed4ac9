//! A value to copy: an id, an address, a secret.

use super::action::unique_id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// A value to copy, with a button that puts it on the clipboard and says whether it did.
#[component]
pub fn CopyValue(label: &'static str, value: String) -> impl IntoView {
    let said = RwSignal::new("");
    let id = unique_id("copy");
    let text = value.clone();
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text);
        spawn_local(async move {
            said.set(match JsFuture::from(promise).await {
                Ok(_) => "Copied",
                Err(_) => "Could not copy: select the value and copy it",
            });
        });
    };
    view! {
        <dt id=id.clone()>{label}</dt>
        <dd>
            <code>{value}</code>
            " "
            <button type="button" class="button button-small" aria-describedby=id on:click=copy>
                "Copy"
            </button>
            " "
            <span class="help" role="status">{said}</span>
        </dd>
    }
}
