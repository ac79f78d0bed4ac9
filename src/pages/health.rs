use crate::components::badge::{Badge, Tone};
use crate::components::page_header::PageHeader;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::health::{Affected, FINDINGS_READ, Finding, ObjectKind, Severity, findings};

/// The health check: what needs attention in the organization, before it becomes a problem.
#[component]
pub fn Health() -> impl IntoView {
    let store = use_store();
    let found = Memo::new(move |_| {
        let Some(organization) = store.organization.get() else {
            return Vec::new();
        };
        store.read(FINDINGS_READ, |ws| findings(ws, &organization))
    });
    view! {
        <PageHeader title="Health check" />
        <p class="lede">
            "What needs attention in this organization: risks none of Twilio's consoles point out, each with what it concerns and what fixes it."
        </p>
        {move || {
            let found = found.get();
            if found.is_empty() {
                view! {
                    <div class="empty-state">
                        <h2>"Nothing needs attention"</h2>
                        <p>"The health check found no risk in this organization."</p>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="findings" aria-label="Findings">
                        {found.into_iter().map(|finding| view! { <FindingCard finding /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn FindingCard(finding: Finding) -> impl IntoView {
    let tone = match finding.severity {
        Severity::High => Tone::Warning,
        Severity::Medium | Severity::Low => Tone::Neutral,
    };
    let heading = format!("finding-{}", finding.id.to_lowercase());
    let labelled = heading.clone();
    view! {
        <li class="card finding" data-finding=finding.id aria-labelledby=labelled>
            <h2 id=heading>
                <Badge tone label=format!("{} severity", finding.severity.label()) />
                " "
                {finding.title}
            </h2>
            <p>{finding.explanation}</p>
            <h3>"Affected"</h3>
            <ul class="affected">
                {finding.affected.into_iter().map(|object| view! { <li><ObjectLink object /></li> }).collect_view()}
            </ul>
            <p class="fix"><strong>"To fix: "</strong>{finding.fix}</p>
        </li>
    }
}

/// A finding's object, linked to the page where it is managed.
#[component]
fn ObjectLink(object: Affected) -> impl IntoView {
    let path = match object.kind {
        ObjectKind::User => format!("/users/{}", object.sid),
        ObjectKind::Account | ObjectKind::Subaccount => format!("/accounts/{}", object.sid),
        ObjectKind::Domain => format!("/domains/{}", object.sid),
        ObjectKind::Invitation => "/users?tab=pending".to_owned(),
        ObjectKind::SsoProfile => "/sso".to_owned(),
    };
    view! { <a href=href(&path)>{object.label}</a> }
}
