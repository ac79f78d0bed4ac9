use crate::components::page_header::PageHeader;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::model::OrgRole;

/// The organization at a glance: who owns it, who is in it, and its domains.
#[component]
pub fn Overview() -> impl IntoView {
    let store = use_store();
    let facts = Memo::new(move |_| {
        let organization = store.organization.get()?;
        store.workspace.with(|ws| {
            let org = ws.organization(&organization)?;
            let owner =
                ws.owner_of(&organization).map(|u| format!("{} ({})", u.friendly_name, u.email));
            let count = |role| {
                ws.members(&organization).filter(|u| u.role_in(&organization) == Some(role)).count()
            };
            let domains = ws.domains_of(&organization).count();
            let verified = ws.domains_of(&organization).filter(|d| d.is_verified()).count();
            Some(vec![
                ("Organization SID", org.sid.to_string()),
                ("Owner", owner.unwrap_or_else(|| "None".into())),
                ("Administrators", count(OrgRole::Administrator).to_string()),
                ("Standard users", count(OrgRole::Standard).to_string()),
                ("Domains", format!("{domains} ({verified} verified)")),
                ("Created", org.date_created.date()),
                ("Simulated date", ws.now().date()),
            ])
        })
    });
    let title = Signal::derive(move || {
        store.current_organization().map_or("Overview".into(), |o| o.friendly_name)
    });
    view! {
        <PageHeader title />
        <section class="card" aria-label="Organization facts">
            <dl class="facts">
                {move || {
                    facts
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                        .collect_view()
                }}
            </dl>
        </section>
        <p>
            "Start with " <A href=href("/domains")>"Domains"</A> ": a verified domain is what invitations, sign-up control, single sign-on and merging all build on."
        </p>
    }
}
