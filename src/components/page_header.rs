use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;

/// A page's breadcrumb (organization first) and its `h1`.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    /// Crumbs between the organization and this page: (label, href).
    #[prop(optional)]
    crumbs: Vec<(&'static str, &'static str)>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let store = use_store();
    let organization =
        move || store.current_organization().map(|o| o.friendly_name).unwrap_or_default();
    view! {
        <header class="page-header">
            <nav aria-label="Breadcrumb">
                <ol class="breadcrumb">
                    <li>
                        <A href=href("/")>{organization}</A>
                    </li>
                    {crumbs
                        .into_iter()
                        .map(|(label, path)| view! { <li><A href=href(path)>{label}</A></li> })
                        .collect_view()}
                    <li aria-current="page">{title}</li>
                </ol>
            </nav>
            <div class="page-title">
                <h1>{title}</h1>
                {children.map(|children| children())}
            </div>
        </header>
    }
}
