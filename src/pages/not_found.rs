use crate::components::page_header::PageHeader;
use crate::href;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for an address that matches no screen.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeader title="Page not found" />
        <div class="empty-state">
            <p>"No screen lives at this address."</p>
            <A href=href("/")>"Go to the overview"</A>
        </div>
    }
}
