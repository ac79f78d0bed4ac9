use crate::components::badge::{Badge, Tone};
use crate::components::denial::{DenialAlert, DenialSlot};
use crate::components::page_header::PageHeader;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use org_rules::Command;
use org_rules::authz::Permission;
use org_rules::model::{Domain, DomainStatus};

/// The organization's domains: add one, and the list with a filter.
#[component]
pub fn Domains() -> impl IntoView {
    let store = use_store();
    let filter = RwSignal::new(String::new());
    let domains = Memo::new(move |_| {
        let Some(organization) = store.organization.get() else {
            return Vec::new();
        };
        store.workspace.with(|ws| {
            let mut list: Vec<Domain> = ws.domains_of(&organization).cloned().collect();
            list.sort_by(|a, b| a.name.cmp(&b.name));
            list
        })
    });
    let shown = Memo::new(move |_| {
        let needle = filter.get().trim().to_lowercase();
        domains.with(|all| {
            all.iter().filter(|d| d.name.contains(&needle)).cloned().collect::<Vec<_>>()
        })
    });
    let count = move || {
        let (shown, all) = (shown.with(Vec::len), domains.with(Vec::len));
        let noun = if all == 1 { "domain" } else { "domains" };
        if shown == all { format!("{all} {noun}") } else { format!("{shown} of {all} {noun}") }
    };

    view! {
        <PageHeader title="Domains" />
        <p class="lede">
            "Verify your company's email domains to invite employees, control sign-ups, enforce single sign-on and merge organizations."
        </p>
        <AddDomain />
        <section aria-labelledby="domain-list-heading">
            <h2 id="domain-list-heading" class="visually-hidden">"Domain list"</h2>
            <div class="filter-bar">
                <label for="domain-filter">"Filter by name"</label>
                <input
                    id="domain-filter"
                    type="search"
                    prop:value=filter
                    on:input:target=move |ev| filter.set(ev.target().value())
                />
                <span class="result-count" aria-live="polite">{count}</span>
            </div>
            <table class="table" aria-label="Domains">
                <thead>
                    <tr>
                        <th scope="col">"Domain"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Sign-ups"</th>
                        <th scope="col">"Added"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || shown.get()
                        key=|d| (d.sid.clone(), d.status.clone(), d.signup_policy)
                        children=|domain| {
                            let (link, name) = (href(&format!("/domains/{}", domain.sid)), domain.name.clone());
                            let (policy, added) = (domain.signup_policy.label(), domain.date_created.date());
                            view! {
                                <tr>
                                    <th scope="row"><a href=link>{name}</a></th>
                                    <td><StatusBadge domain /></td>
                                    <td>{policy}</td>
                                    <td>{added}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || domains.with(Vec::is_empty)>
                <div class="empty-state">
                    <h3>"No domains yet"</h3>
                    <p>"Add your company's email domain above, then prove you own it with a DNS record."</p>
                </div>
            </Show>
        </section>
    }
}

/// A domain's verification status as a badge.
#[component]
pub fn StatusBadge(domain: Domain) -> impl IntoView {
    // A lapsing domain still works, but needs attention: it is not shown as plainly verified.
    let tone = match domain.status {
        DomainStatus::Verified { .. } => Tone::Success,
        DomainStatus::Unverified | DomainStatus::Lapsing { .. } => Tone::Warning,
    };
    view! { <Badge tone label=domain.status.label() /> }
}

/// The add-domain form. People who may not manage domains see it disabled, with the rule why.
#[component]
fn AddDomain() -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(String::new());
    let denial = RwSignal::new(None);
    let navigate = use_navigate();
    let permission = Memo::new(move |_| store.may(Permission::ManageDomains).err());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(organization) = store.organization.get_untracked() else {
            return;
        };
        match store.act(Command::AddDomain { organization, name: name.get_untracked() }) {
            Ok(outcome) => {
                denial.set(None);
                name.set(String::new());
                if let Some(sid) = outcome.created {
                    navigate(&format!("/domains/{sid}"), Default::default());
                }
            }
            Err(refusal) => denial.set(Some(refusal)),
        }
    };
    view! {
        <form class="card add-form" on:submit=on_submit aria-labelledby="add-domain-heading">
            <h2 id="add-domain-heading">"Add a domain"</h2>
            <div class="field-row">
                <div class="field">
                    <label for="new-domain">"Domain name"</label>
                    <input
                        id="new-domain"
                        type="text"
                        placeholder="corporate.com"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="new-domain-help"
                        prop:value=name
                        prop:disabled=move || permission.get().is_some()
                        on:input:target=move |ev| name.set(ev.target().value())
                    />
                    <p id="new-domain-help" class="help">"Enter the bare domain: corporate.com, not www.corporate.com."</p>
                </div>
                <button class="button button-primary" type="submit" prop:disabled=move || permission.get().is_some()>
                    "Add domain"
                </button>
            </div>
            {move || permission.get().map(|denial| view! { <DenialAlert denial lead="You cannot add domains." /> })}
            <DenialSlot denial />
        </form>
    }
}
