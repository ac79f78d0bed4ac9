//! Enforcing SSO per verified domain, each domain showing first whom it concerns.

use crate::components::action::{ActionButton, Variant};
use crate::components::badge::{Badge, Tone};
use crate::components::rule_links::RuleLinks;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::model::{Domain, SsoProfile, User};
use org_rules::sso::{SSO_UNMANAGED_DOMAIN_USERS, enforcement_affects};
use org_rules::{Command, Rule};

/// How many people a group names before it only counts the rest.
const NAMED: usize = 10;

#[component]
pub fn Enforcement(profile: SsoProfile) -> impl IntoView {
    let store = use_store();
    let (verified, unverified): (Vec<Domain>, Vec<Domain>) = store.workspace.with_untracked(|ws| {
        ws.domains_of(&profile.organization).cloned().partition(Domain::is_verified)
    });
    let none = verified.is_empty().then(|| {
        view! { <p class="empty-state">"The organization has no verified domain yet. Verify one on the Domains page first."</p> }
    });
    let unverified = (!unverified.is_empty()).then(|| {
        view! {
            <p class="help">
                "Not verified, so SSO cannot be enforced on them yet: "
                {unverified
                    .into_iter()
                    .map(|d| view! { <A href=href(&format!("/domains/{}", d.sid))>{d.name}</A> " " })
                    .collect_view()}
            </p>
        }
    });
    view! {
        <section class="card" aria-labelledby="sso-enforce-heading">
            <h2 id="sso-enforce-heading">"Enforce SSO"</h2>
            <p>"Enforcing SSO on a verified domain switches every managed user of that domain to SSO within minutes. Twilio sends no emails, live sessions stay open, and the administrator who enforces it is exempt and keeps password login. Every user of the domain must be a managed user first."</p>
            {none}
            {verified
                .into_iter()
                .map(|domain| view! { <DomainEnforcement profile=profile.clone() domain /> })
                .collect_view()}
            {unverified}
        </section>
    }
}

/// One person of a group: a link to their page when the organization manages them.
#[derive(Clone, PartialEq)]
struct Person {
    label: String,
    page: Option<String>,
}

impl Person {
    fn new(user: &User, managed: bool) -> Self {
        let label = if managed { user.friendly_name.clone() } else { user.email.clone() };
        Self { label, page: managed.then(|| format!("/users/{}", user.sid)) }
    }
}

#[derive(Clone, PartialEq)]
struct Groups {
    required: Vec<Person>,
    exempt: Vec<Person>,
    unmanaged: Vec<Person>,
}

#[component]
fn DomainEnforcement(profile: SsoProfile, domain: Domain) -> impl IntoView {
    let store = use_store();
    let enforced = profile.enforced_domains.contains(&domain.sid);
    let groups = {
        let (profile, domain) = (profile.clone(), domain.clone());
        Memo::new(move |_| {
            let enforcer = store.signed_in.get();
            store.workspace.with(|ws| {
                let affected = enforcement_affects(ws, &profile, &domain, enforcer.as_ref());
                let people = |users: Vec<&User>, managed| {
                    users.into_iter().map(|u| Person::new(u, managed)).collect::<Vec<_>>()
                };
                Groups {
                    required: people(affected.required, true),
                    exempt: people(affected.exempt, true),
                    unmanaged: people(affected.unmanaged, false),
                }
            })
        })
    };
    let (profile_sid, domain_sid, name) = (profile.sid, domain.sid, domain.name);
    let heading = format!("enforce-{domain_sid}");
    let (required, exempt) = if enforced {
        ("Log in with SSO now, and with their password again if you stop", "Keep password login")
    } else {
        ("Must log in with SSO", "Keep password login (exempt)")
    };
    let action = if enforced {
        let command = move || Command::StopEnforcingSso {
            profile: profile_sid.clone(),
            domain: domain_sid.clone(),
        };
        view! {
            <ActionButton
                label="Stop enforcing"
                command
                confirm=format!("Stop enforcing SSO on {name}?")
                consequence="Its users log in with their password again. You can enforce SSO again later."
            />
        }
        .into_any()
    } else {
        let command = move || Command::EnforceSso {
            profile: profile_sid.clone(),
            domain: domain_sid.clone(),
        };
        view! {
            <ActionButton
                label="Enforce SSO"
                variant=Variant::Primary
                command
                confirm=format!("Enforce SSO on {name}?")
                consequence="The people listed as “Must log in with SSO” switch to SSO within minutes. Twilio sends no emails and live sessions stay open. You keep password login."
            />
        }
        .into_any()
    };
    let (tone, status) =
        if enforced { (Tone::Success, "Enforced") } else { (Tone::Neutral, "Not enforced") };
    view! {
        <section class="sso-domain" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{name.clone()} " " <Badge tone label=status /></h3>
            <table class="table sso-affected" aria-label=format!("Who enforcing SSO on {name} affects")>
                <thead>
                    <tr>
                        <th scope="col">"Effect"</th>
                        <th scope="col">"People"</th>
                    </tr>
                </thead>
                <tbody>
                    <Group label=required people=Signal::derive(move || groups.get().required) />
                    <Group label=exempt people=Signal::derive(move || groups.get().exempt) />
                    <Group
                        label="Not managed by this organization: enforcing is refused"
                        people=Signal::derive(move || groups.get().unmanaged)
                        rule=&SSO_UNMANAGED_DOMAIN_USERS
                    />
                </tbody>
            </table>
            <div class="actions">{action}</div>
        </section>
    }
}

/// One group of people and what enforcing means for them, with the rule that decides it.
#[component]
fn Group(
    label: &'static str,
    people: Signal<Vec<Person>>,
    #[prop(optional)] rule: Option<&'static Rule>,
) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">
                {label}
                {rule.map(|rule| view! { " " <RuleLinks rules=vec![rule] lead="by" /> })}
            </th>
            <td>{move || people_view(people.get())}</td>
        </tr>
    }
}

/// "Sam Rivera, Olivia Hart and 3 more (5)", or "Nobody".
fn people_view(people: Vec<Person>) -> AnyView {
    if people.is_empty() {
        return view! { <span class="muted">"Nobody"</span> }.into_any();
    }
    let total = people.len();
    let more = total.saturating_sub(NAMED);
    let named = people
        .into_iter()
        .take(NAMED)
        .enumerate()
        .map(|(i, person)| {
            let separator = (i > 0).then_some(", ");
            let shown = match person.page {
                Some(page) => view! { <a href=href(&page)>{person.label}</a> }.into_any(),
                None => view! { <span>{person.label}</span> }.into_any(),
            };
            view! { {separator} {shown} }
        })
        .collect_view();
    let more = (more > 0).then(|| format!(" and {more} more"));
    view! { <span class="people">{named} {more} " (" {total} ")"</span> }.into_any()
}
