use super::account::WaitingButton;
use crate::components::action::{ActionButton, OutsidePanel, RuleReason, Sender, Variant};
use crate::components::badge::{Badge, Tone};
use crate::components::denial::{DenialAlert, DenialSlot};
use crate::components::page_header::PageHeader;
use crate::components::person_picker::{Person, PersonPicker, search_people};
use crate::components::ticked::Ticked;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::Command;
use org_rules::accounts::accounts_toward_limit;
use org_rules::authz::Permission;
use org_rules::model::{OrgRole, Organization, User};
use org_rules::organizations::ORG_DELETE_BY_SUPPORT;
use org_rules::parts::Part;
use org_rules::sid::{OrgSid, UserSid};

/// The organization's settings: its name, its Owner, what Twilio turned on for it (a BAA, the
/// managed-account limit), and why it cannot be deleted here.
#[component]
pub fn Settings() -> impl IntoView {
    let store = use_store();
    let organization = Memo::new(move |_| store.current_organization());
    view! {
        <PageHeader title="Settings" />
        {move || {
            store.may(Permission::ManageSettings).err().map(|denial| {
                view! { <DenialAlert denial lead="You can see these settings but not change them." /> }
            })
        }}
        // Drawn again when the organization itself changes (switched, renamed, a BAA), not on
        // every change of the workspace, which would wipe what is typed and refusals shown.
        {move || {
            organization.get().map(|org| {
                view! {
                    <Rename org=org.clone() />
                    <ChangeOwner org=org.clone() />
                    <HipaaEntitlement org=org.clone() />
                    <AccountLimit org=org.clone() />
                    <DeleteOrganization org />
                }
            })
        }}
    }
}

/// The organization's name; Enter saves it.
#[component]
fn Rename(org: Organization) -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(org.friendly_name.clone());
    let denial = RwSignal::new(None);
    let permission = Memo::new(move |_| store.may(Permission::ManageSettings).err());
    let sid = org.sid.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command =
            Command::RenameOrganization { organization: sid.clone(), name: name.get_untracked() };
        denial.set(store.act(command).err());
    };
    view! {
        <form class="card" on:submit=save aria-labelledby="rename-heading">
            <h2 id="rename-heading">"Organization name"</h2>
            <div class="field-row">
                <div class="field grow">
                    <label for="organization-name">"Name"</label>
                    <input
                        id="organization-name"
                        type="text"
                        autocomplete="organization"
                        aria-describedby="organization-name-help rename-error"
                        prop:value=name
                        prop:disabled=move || permission.get().is_some()
                        on:input:target=move |ev| name.set(ev.target().value())
                    />
                    <p id="organization-name-help" class="help">
                        "Usually your company's name. Organization SID: " <code>{org.sid.to_string()}</code>
                    </p>
                </div>
                <button class="button button-primary" type="submit" prop:disabled=move || permission.get().is_some()>
                    "Save"
                </button>
            </div>
            <div id="rename-error">
                <DenialSlot denial />
            </div>
        </form>
    }
}

/// Hands the organization to another of its managed users, who becomes the Owner.
#[component]
fn ChangeOwner(org: Organization) -> impl IntoView {
    let store = use_store();
    let organization = org.sid.clone();
    let owner = Memo::new({
        let organization = organization.clone();
        move |_| store.read(Part::Users, |ws| ws.owner_of(&organization).cloned())
    });
    let chosen = RwSignal::new(None::<UserSid>);
    // Who would take over: the chosen person, while they still can.
    let candidate = Memo::new({
        let organization = organization.clone();
        move |_| {
            let sid = chosen.get()?;
            store.read(Part::Users, |ws| {
                let user = ws.user(&sid)?;
                let role = user.role_in(&organization).filter(|r| *r != OrgRole::Owner)?;
                Some((user.clone(), role))
            })
        }
    });
    let search = Callback::new({
        let organization = organization.clone();
        move |needle: String| {
            store.read(Part::Users, |ws| {
                let others = ws
                    .members(&organization)
                    .filter(|u| u.role_in(&organization) != Some(OrgRole::Owner));
                search_people(
                    others,
                    &needle,
                    |u| u.email.clone(),
                    |u| candidate_label(u, &organization),
                )
            })
        }
    });
    let shown = Signal::derive({
        let organization = organization.clone();
        move || {
            candidate.get().map(|(user, _)| Person {
                sid: user.sid.clone(),
                label: candidate_label(&user, &organization),
            })
        }
    });
    let owner_text =
        move || owner.get().map_or("None".into(), |o| format!("{} ({})", o.friendly_name, o.email));
    let button = move || {
        let owner = owner.get()?;
        let Some((user, _)) = candidate.get() else {
            // Until someone is chosen, say who may change the owner, or what to do.
            let waiting = match store.may(Permission::ChangeOwner) {
                Err(denial) => view! { <WaitingButton label="Change owner"><RuleReason denial /></WaitingButton> }.into_any(),
                Ok(_) => view! { <WaitingButton label="Change owner">"Choose the new owner above."</WaitingButton> }.into_any(),
            };
            return Some(waiting);
        };
        let (new_owner, name) = (user.sid, user.friendly_name);
        let organization = organization.clone();
        let consequence = format!(
            "{} becomes an Administrator, and only {name} can change the owner again.",
            owner.friendly_name
        );
        Some(
            view! {
                <ActionButton
                    label="Change owner"
                    variant=Variant::Primary
                    command=move || Command::ChangeOrganizationOwner {
                        organization: organization.clone(),
                        new_owner: new_owner.clone(),
                    }
                    confirm=format!("Make {name} the Owner?")
                    consequence
                />
            }
            .into_any(),
        )
    };
    view! {
        <section class="card" aria-labelledby="owner-heading">
            <h2 id="owner-heading">"Organization owner"</h2>
            <p>"Owner: " <strong class="current-owner">{owner_text}</strong></p>
            <p class="help">
                "Only the Owner can hand the organization over, to someone who is already one of its users. The previous Owner stays as an Administrator."
            </p>
            <div class="field-row">
                <PersonPicker
                    id="new-owner"
                    label="New owner"
                    search
                    chosen=shown
                    on_pick=Callback::new(move |sid| chosen.set(Some(sid)))
                />
            </div>
            <div class="actions">{button}</div>
        </section>
    }
}

/// "arjun@owlcorp.com (Administrator)"
fn candidate_label(user: &User, organization: &OrgSid) -> String {
    format!("{} ({})", user.email, user.role_in(organization).map_or("", |r| r.label()))
}

/// "HIPAA Entitlement: On" once Twilio and the organization executed a BAA.
#[component]
fn HipaaEntitlement(org: Organization) -> impl IntoView {
    let entitled = org.hipaa_entitled;
    let (tone, label) = if entitled { (Tone::Success, "On") } else { (Tone::Warning, "Off") };
    let organization = org.sid.clone();
    let (button, lead) = if entitled {
        ("The BAA ends", "Your organization's Business Associate Agreement with Twilio ends.")
    } else {
        (
            "A BAA is executed",
            "Your organization and Twilio execute a Business Associate Agreement (BAA), the contract HIPAA requires.",
        )
    };
    view! {
        <section class="card" aria-labelledby="hipaa-heading">
            <h2 id="hipaa-heading">"HIPAA Entitlement " <Badge tone label /></h2>
            <p>
                "With an executed BAA, Owners and Administrators can designate accounts that process protected health information as HIPAA accounts, on each account's page."
            </p>
            <OutsidePanel lead>
                <ActionButton
                    label=button
                    sender=Sender::World
                    command=move || Command::SetHipaaEntitlement {
                        organization: organization.clone(),
                        entitled: !entitled,
                    }
                />
            </OutsidePanel>
        </section>
    }
}

/// How many managed accounts the organization may have, which only Twilio support raises.
#[component]
fn AccountLimit(org: Organization) -> impl IntoView {
    let store = use_store();
    let organization = org.sid.clone();
    let used = Memo::new({
        let organization = organization.clone();
        move |_| store.workspace.with(|ws| accounts_toward_limit(ws, &organization))
    });
    let current = org.managed_account_limit;
    let limit = RwSignal::new((current + 10).to_string());
    view! {
        <section class="card" aria-labelledby="limit-heading">
            <h2 id="limit-heading">"Managed accounts"</h2>
            <p>
                <strong class="account-limit">{move || format!("{} of {current}", used.get())}</strong>
                " managed accounts in use. Closed accounts do not count. Creating or adding an account beyond the limit is refused until Twilio support raises it."
            </p>
            <OutsidePanel lead="Twilio support raises the managed-account limit when you ask.">
                <div class="field">
                    <label for="new-limit">"New limit"</label>
                    <input
                        id="new-limit"
                        type="number"
                        min=current + 1
                        prop:value=limit
                        on:input:target=move |ev| limit.set(ev.target().value())
                    />
                </div>
                <ActionButton
                    label="Support raises the limit"
                    sender=Sender::World
                    // What cannot be read as a number is sent as 0, which the engine refuses
                    // with the rule that says what a new limit must be.
                    command=move || Command::RaiseAccountLimit {
                        organization: organization.clone(),
                        limit: limit.get().trim().parse().unwrap_or(0),
                    }
                />
            </OutsidePanel>
        </section>
    }
}

/// Deleting is never done here: the engine refuses it, and the rule says what to do instead.
#[component]
fn DeleteOrganization(org: Organization) -> impl IntoView {
    let organization = org.sid.clone();
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete organization"</h2>
            <p><Ticked text=ORG_DELETE_BY_SUPPORT.explanation /></p>
            <ActionButton
                label="Delete organization"
                variant=Variant::Destructive
                command=move || Command::DeleteOrganization { organization: organization.clone() }
            />
        </section>
    }
}
