use leptos::prelude::*;

/// Text in which `backticked` spans, as rule texts and denial details write values, show as code.
#[component]
pub fn Ticked(#[prop(into)] text: String) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_owned();
            if i % 2 == 1 { view! { <code>{part}</code> }.into_any() } else { part.into_any() }
        })
        .collect_view()
}
