//! Org Console: the app. It renders the workspace, turns clicks into commands for the rules
//! crate, and persists; it decides no rule itself.

mod components;
pub mod early_read;
pub mod import_csv;
mod pages;
pub mod persistence;
pub mod store;
mod url_query;

use components::download::download;
use components::{sidebar::Sidebar, toast::Toast};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use pages::create_organization::CreateOrganization;
use pages::health::Health;
use pages::merge::Merge;
use pages::scim::Scim;
use pages::scim_console::ScimHistory;
use pages::sso::Sso;
use pages::{account::AccountPage, accounts::Accounts};
use pages::{audit::Audit, rule::RulePage};
use pages::{
    data::Data, domain::DomainPage, domains::Domains, not_found::NotFound, overview::Overview,
    rules::Rules, user::UserPage, users::Users,
};
use pages::{import_users::ImportUsers, settings::Settings};
use store::{Store, use_store};

/// The whole console: sidebar, the page of the current route, and the toast region.
#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    store.compact_when_hidden();
    store.follow_other_tabs();
    provide_context(store);
    ScimHistory::provide();
    view! {
        <Router base=BASE.with(String::clone)>
            <div class="shell">
                <Sidebar />
                <main id="main" class="main" tabindex="-1">
                    <StorageBanner />
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Overview />
                        <Route path=path!("/health") view=Health />
                        <Route path=path!("/accounts") view=Accounts />
                        <Route path=path!("/accounts/:sid") view=AccountPage />
                        <Route path=path!("/domains") view=Domains />
                        <Route path=path!("/domains/:sid") view=DomainPage />
                        <Route path=path!("/sso") view=Sso />
                        <Route path=path!("/scim") view=Scim />
                        <Route path=path!("/users") view=Users />
                        // Before `/users/:sid`: the router takes the first route that matches.
                        <Route path=path!("/users/import") view=ImportUsers />
                        <Route path=path!("/users/:sid") view=UserPage />
                        <Route path=path!("/settings") view=Settings />
                        <Route path=path!("/merge") view=Merge />
                        <Route path=path!("/organizations/new") view=CreateOrganization />
                        <Route path=path!("/rules") view=Rules />
                        <Route path=path!("/rules/:id") view=RulePage />
                        <Route path=path!("/audit") view=Audit />
                        <Route path=path!("/data") view=Data />
                    </Routes>
                </main>
            </div>
            <Toast />
        </Router>
    }
}

/// Why the stored workspace could not be used as it was, or the last save failed.
#[component]
fn StorageBanner() -> impl IntoView {
    let store = use_store();
    let download_unreadable = move |_| {
        if let Some(text) = persistence::quarantined() {
            let problem = download("org-console-unreadable.txt", "text/plain", &text).err();
            store.storage_problem.set(problem);
        }
    };
    move || {
        store.storage_problem.get().map(|problem| {
            let unreadable = persistence::quarantined().is_some();
            view! {
                <div class="alert alert-warning" role="alert">
                    <p>{problem}</p>
                    <div class="actions">
                        {unreadable.then(|| view! {
                            <button class="button button-small" on:click=download_unreadable>"Download the unreadable text"</button>
                        })}
                        <button class="button button-small" on:click=move |_| {
                            if let Err(why) = pages::data::export_workspace(&store) {
                                store.storage_problem.set(Some(why));
                            }
                        }>"Export workspace"</button>
                        <button class="button button-small" on:click=move |_| store.storage_problem.set(None)>"Dismiss"</button>
                    </div>
                </div>
            }
        })
    }
}

thread_local! {
    static BASE: String = base_path();
}

/// An internal link's target: `path` under the path the app is served from. Routes and
/// `navigate` add the base themselves, but `<A>` leaves an absolute href as it is.
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

/// The path the app is served under, from the `<base href>` trunk writes (`make dist BASE=…`),
/// without its trailing slash: "" at the root, "/org-console" under a sub-path.
fn base_path() -> String {
    document()
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|base| base.get_attribute("href"))
        .map(|href| href.trim_end_matches('/').to_owned())
        .unwrap_or_default()
}
