use crate::href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The tab the URL's `tab` query names, or `first` when it names none.
pub fn current_tab(first: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("tab")).unwrap_or_else(|| first.to_owned()))
}

/// Tabs as links to `path?tab=KEY`, so the chosen tab is in the URL: a reload or a shared link
/// opens it. Each tab is `(key, label)`, its label counting what it holds: "Pending (3)".
#[component]
pub fn Tabs(
    /// The list of tabs' accessible name.
    label: &'static str,
    path: &'static str,
    tabs: Vec<(&'static str, Signal<String>)>,
    current: Memo<String>,
) -> impl IntoView {
    view! {
        <div class="tabs" role="tablist" aria-label=label>
            {tabs
                .into_iter()
                .map(|(key, text)| {
                    let selected = move || current.get() == key;
                    view! {
                        <A
                            href=href(&format!("{path}?tab={key}"))
                            attr:role="tab"
                            attr:aria-selected=move || selected().to_string()
                            attr:class=move || if selected() { "tab tab-selected" } else { "tab" }
                        >
                            {text}
                        </A>
                    }
                })
                .collect_view()}
        </div>
    }
}
