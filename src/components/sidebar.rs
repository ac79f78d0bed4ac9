use super::person_picker::{Person, PersonPicker, search_people};
use super::undo::UndoRedo;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::model::User;
use org_rules::parts::Part;
use org_rules::sid::OrgSid;

/// The 240px sidebar: the organization switcher, the "Signed in as" switcher and the navigation.
#[component]
pub fn Sidebar() -> impl IntoView {
    let store = use_store();
    let organizations = move || {
        store.read(Part::Organizations, |ws| {
            let mut list: Vec<(String, String)> =
                ws.organizations().map(|o| (o.sid.to_string(), o.friendly_name.clone())).collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list
        })
    };
    // The Owner and Administrators first, then by name.
    let rank = |user: &User, organization: &OrgSid| {
        (user.role_in(organization), user.friendly_name.to_lowercase())
    };
    let label = |user: &User, organization: &OrgSid| {
        format!("{} ({})", user.friendly_name, user.role_in(organization).map_or("", |r| r.label()))
    };
    let search = Callback::new(move |needle: String| {
        let Some(organization) = store.organization.get_untracked() else {
            return (Vec::new(), false);
        };
        store.workspace.with_untracked(|ws| {
            search_people(
                ws.members(&organization),
                &needle,
                |u| rank(u, &organization),
                |u| label(u, &organization),
            )
        })
    });
    let signed_in = Signal::derive(move || {
        let organization = store.organization.get()?;
        let sid = store.signed_in.get()?;
        store.read(Part::Users, |ws| {
            let user = ws.user(&sid)?;
            Some(Person { sid: user.sid.clone(), label: label(user, &organization) })
        })
    });
    let selected_org = move || store.organization.get().map(|s| s.to_string()).unwrap_or_default();

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
                <PersonPicker
                    id="actor-switcher"
                    label="Signed in as"
                    search
                    chosen=signed_in
                    on_pick=Callback::new(move |sid| store.sign_in(sid))
                />
            </div>
            <nav aria-label="Main">
                <ul class="nav">
                    <li><A href=href("/") exact=true>"Overview"</A></li>
                    <li><A href=href("/health")>"Health check"</A></li>
                    <li><A href=href("/accounts")>"Accounts"</A></li>
                    <li><A href=href("/users")>"Users"</A></li>
                    <li><A href=href("/domains")>"Domains"</A></li>
                    <li><A href=href("/sso")>"Single sign-on"</A></li>
                    <li><A href=href("/scim")>"SCIM provisioning"</A></li>
                    <li><A href=href("/settings")>"Settings"</A></li>
                    <li><A href=href("/merge")>"Merge organizations"</A></li>
                    <li><A href=href("/audit")>"Audit log"</A></li>
                    <li><A href=href("/rules")>"Rules"</A></li>
                    <li><A href=href("/data")>"Data"</A></li>
                </ul>
            </nav>
            <UndoRedo />
            <p class="sim-date">
                "Simulated date: " {move || store.read(Part::Clock, |ws| ws.now().date())} " · "
                <A href=href("/data#clock")>"Advance the clock"</A>
            </p>
            <p class="sidebar-note">"A simulator. Not affiliated with Twilio."</p>
        </aside>
    }
}
