use super::undo::UndoRedo;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::model::User;

/// The 240px sidebar: the organization switcher, the "Signed in as" switcher and the navigation.
#[component]
pub fn Sidebar() -> impl IntoView {
    let store = use_store();
    let organizations = move || {
        store.workspace.with(|ws| {
            let mut list: Vec<(String, String)> =
                ws.organizations().map(|o| (o.sid.to_string(), o.friendly_name.clone())).collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list
        })
    };
    let members = move || {
        let Some(organization) = store.organization.get() else {
            return Vec::new();
        };
        store.workspace.with(|ws| {
            let mut list: Vec<User> = ws.members(&organization).cloned().collect();
            list.sort_by(|a, b| {
                (a.role_in(&organization), &a.friendly_name)
                    .cmp(&(b.role_in(&organization), &b.friendly_name))
            });
            list.into_iter()
                .map(|user| {
                    let role = user.role_in(&organization).map_or("", |r| r.label());
                    (user.sid.to_string(), format!("{} ({role})", user.friendly_name))
                })
                .collect::<Vec<_>>()
        })
    };
    let selected_org = move || store.organization.get().map(|s| s.to_string()).unwrap_or_default();
    let selected_user = move || store.signed_in.get().map(|s| s.to_string()).unwrap_or_default();

    view! {
        <aside class="sidebar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                " Org Console"
            </div>
            <div class="switcher">
                <label for="organization-switcher">"Organization"</label>
                <select
                    id="organization-switcher"
                    prop:value=selected_org
                    on:change:target=move |ev| {
                        if let Ok(sid) = ev.target().value().parse() {
                            store.switch_organization(sid);
                        }
                    }
                >
                    {move || {
                        organizations()
                            .into_iter()
                            .map(|(sid, name)| {
                                let selected = selected_org() == sid;
                                view! { <option value=sid selected=selected>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <A href=href("/organizations/new") attr:class="switcher-link">"Create organization"</A>
            </div>
            <div class="switcher">
                <label for="actor-switcher">"Signed in as"</label>
                <select
                    id="actor-switcher"
                    prop:value=selected_user
                    on:change:target=move |ev| {
                        if let Ok(sid) = ev.target().value().parse() {
                            store.sign_in(sid);
                        }
                    }
                >
                    {move || {
                        members()
                            .into_iter()
                            .map(|(sid, label)| {
                                let selected = selected_user() == sid;
                                view! { <option value=sid selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <nav aria-label="Main">
                <ul class="nav">
                    <li><A href=href("/") exact=true>"Overview"</A></li>
                    <li><A href=href("/health")>"Health check"</A></li>
                    <li><A href=href("/accounts")>"Accounts"</A></li>
                    <li><A href=href("/users")>"Users"</A></li>
                    <li><A href=href("/domains")>"Domains"</A></li>
                    <li><A href=href("/sso")>"Single sign-on"</A></li>
                    <li><A href=href("/settings")>"Settings"</A></li>
                    <li><A href=href("/merge")>"Merge organizations"</A></li>
                    <li><A href=href("/audit")>"Audit log"</A></li>
                    <li><A href=href("/rules")>"Rules"</A></li>
                    <li><A href=href("/data")>"Data"</A></li>
                </ul>
            </nav>
            <UndoRedo />
            <p class="sim-date">
                "Simulated date: " {move || store.workspace.with(|ws| ws.now().date())} " · "
                <A href=href("/data#clock")>"Advance the clock"</A>
            </p>
            <p class="sidebar-note">"A simulator. Not affiliated with Twilio."</p>
        </aside>
    }
}
