//! One account: status, type and usage, owner and users, HIPAA, billing and subaccounts. A
//! subaccount's URL opens its parent's page, where its row and actions are.

use super::account_access::{OwnerSection, UsersSection};
use super::account_subaccounts::SubaccountsSection;
use crate::components::action::{ActionButton, OutsidePanel, Sender, Variant, unique_id};
use crate::components::badge::{Badge, Tone};
use crate::components::denial::DenialAlert;
use crate::components::page_header::PageHeader;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_params_map};
use org_rules::accounts::{account_visible_to, billed_to, independent_accounts};
use org_rules::model::{Account, AccountStatus, AccountType, Invitation, Usage};
use org_rules::sid::{AccountSid, OrgSid};
use org_rules::workspace::Workspace;
use org_rules::{Actor, Command, Denial, Outcome, dry_run};

/// Where an account stands for the organization shown, as its Accounts tabs say.
#[derive(Clone, Debug, PartialEq)]
enum Standing {
    Managed,
    Independent,
    /// Invited to join; its owner has not answered yet.
    Pending(Invitation),
}

impl Standing {
    fn label(&self) -> &'static str {
        match self {
            Standing::Managed => "Managed",
            Standing::Independent => "Independent",
            Standing::Pending(_) => "Pending",
        }
    }
}

/// What an `/accounts/:sid` URL names, for the person signed in.
#[derive(Clone, Debug, PartialEq)]
enum Found {
    Account(AccountSid, Standing),
    /// A subaccount's page is its parent's.
    Subaccount {
        parent: AccountSid,
    },
    /// No such account in the organization's lists, or none the signed-in person may see.
    Missing,
}

fn find(ws: &Workspace, viewer: &Actor, organization: &OrgSid, sid: &AccountSid) -> Found {
    if let Some(subaccount) = ws.subaccount(sid) {
        return Found::Subaccount { parent: subaccount.parent.clone() };
    }
    let Some(account) = ws.account(sid) else {
        return Found::Missing;
    };
    let pending = || {
        ws.pending_invitations_for_account(sid).find(|i| &i.organization == organization).cloned()
    };
    let standing = if account.organization.as_ref() == Some(organization) {
        Standing::Managed
    } else if let Some(invitation) = pending() {
        Standing::Pending(invitation)
    } else if independent_accounts(ws, organization).iter().any(|a| &a.sid == sid) {
        Standing::Independent
    } else {
        return Found::Missing;
    };
    if !account_visible_to(ws, viewer, organization, account) {
        return Found::Missing;
    }
    Found::Account(sid.clone(), standing)
}

/// `/accounts/AC…`.
#[component]
pub fn AccountPage() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let sid = Memo::new(move |_| params.read().get("sid")?.parse::<AccountSid>().ok());
    let found = Memo::new(move |_| {
        let (Some(sid), Some(organization)) = (sid.get(), store.organization.get()) else {
            return Found::Missing;
        };
        let viewer = store.actor();
        store.workspace.with(|ws| find(ws, &viewer, &organization, &sid))
    });
    let account = Memo::new(move |_| {
        let sid = sid.get()?;
        store.workspace.with(|ws| ws.account(&sid).cloned())
    });
    let title = Signal::derive(move || {
        let name = match found.get() {
            Found::Account(..) => account.with(|a| a.as_ref().map(|a| a.friendly_name.clone())),
            _ => None,
        };
        name.unwrap_or_else(|| "Account not found".to_owned())
    });

    view! {
        <PageHeader title crumbs=vec![("Accounts", "/accounts")]>
            {move || match found.get() {
                Found::Account(_, standing) => {
                    let status = account.with(|a| a.as_ref().map(|a| a.status));
                    Some(view! {
                        {status.map(|status| view! { <StatusBadge status /> })}
                        <Badge tone=Tone::Neutral label=standing.label() />
                    })
                }
                _ => None,
            }}
        </PageHeader>
        {move || match found.get() {
            Found::Account(sid, standing) => view! { <AccountDetails sid standing account /> }.into_any(),
            Found::Subaccount { parent } => {
                let options = NavigateOptions { replace: true, ..Default::default() };
                view! { <Redirect path=format!("/accounts/{parent}") options /> }.into_any()
            }
            Found::Missing => view! {
                <div class="empty-state">
                    <h2>"This organization has no such account"</h2>
                    <p>"It may belong to another organization, or it is not one you have access to."</p>
                    <A href=href("/accounts")>"Back to Accounts"</A>
                </div>
            }
            .into_any(),
        }}
    }
}

/// The page's sections. They read the account as it changes, so what is typed in their forms
/// survives an action elsewhere on the page.
#[component]
fn AccountDetails(
    sid: AccountSid,
    standing: Standing,
    account: Memo<Option<Account>>,
) -> impl IntoView {
    let pending = match standing {
        Standing::Pending(invitation) => Some(view! { <PendingSection invitation account /> }),
        Standing::Managed | Standing::Independent => None,
    };
    view! {
        <ReadOnlyNotice sid=sid.clone() />
        {pending}
        <AccountFacts account />
        <StatusSection sid=sid.clone() account />
        <TypeSection sid=sid.clone() account />
        <OwnerSection sid=sid.clone() account />
        <UsersSection sid=sid.clone() account />
        <HipaaSection sid=sid.clone() account />
        <BillingSection sid=sid.clone() />
        <SubaccountsSection sid account />
    }
}

/// Whether the signed-in person may change the account at all, and the engine's reason if not.
/// Closing is the one action whose checks are exactly those every change of an account shares
/// (an Owner or Administrator of the organization managing it, and not closed), so its dry run
/// answers for them all.
pub(super) fn may_change(sid: AccountSid) -> Memo<Option<Denial>> {
    let store = use_store();
    Memo::new(move |_| {
        let (actor, command) = (store.actor(), Command::CloseAccount { account: sid.clone() });
        store.workspace.with(|ws| dry_run(ws, &actor, &command).err())
    })
}

/// Why nothing on the page can be changed, said once at the top: an independent or pending
/// account, a closed one, or a person who is not an administrator.
#[component]
fn ReadOnlyNotice(sid: AccountSid) -> impl IntoView {
    let denial = may_change(sid);
    move || {
        denial.get().map(|denial| {
            view! { <DenialAlert denial lead="Nothing on this account can be changed here." /> }
        })
    }
}

/// A pending account: who invited it, until when, and the owner's answer from outside.
#[component]
fn PendingSection(invitation: Invitation, account: Memo<Option<Account>>) -> impl IntoView {
    let store = use_store();
    let navigate = use_navigate();
    let owner = move || {
        account.with(|a| {
            let a = a.as_ref()?;
            store.workspace.with(|ws| ws.user(&a.owner).map(|u| u.email.clone()))
        })
    };
    let (accept, decline) = (invitation.sid.clone(), invitation.sid.clone());
    let declined = Callback::new(move |_: Outcome| {
        navigate("/accounts?tab=pending", Default::default());
    });
    let lead = format!(
        "The owner, {}, received an email asking them to confirm that the organization may manage this account.",
        owner().unwrap_or_default()
    );
    view! {
        <section class="card" aria-labelledby="pending-heading">
            <h2 id="pending-heading">"Waiting for the owner"</h2>
            <p>
                {format!(
                    "Invited on {}. The invitation expires on {}; until the owner confirms, the organization cannot change this account.",
                    invitation.sent.date(),
                    invitation.expires.date(),
                )}
            </p>
            <OutsidePanel lead>
                <ActionButton label="The owner confirms" sender=Sender::World command=move || Command::AcceptInvitation { invitation: accept.clone() } />
                <ActionButton label="The owner declines" sender=Sender::World command=move || Command::DeclineInvitation { invitation: decline.clone() } on_done=declined />
            </OutsidePanel>
        </section>
    }
}

/// The account's identity: SID, owner, usage, when it was made and who manages it.
#[component]
fn AccountFacts(account: Memo<Option<Account>>) -> impl IntoView {
    let store = use_store();
    let facts = move || {
        account.with(|a| {
            let a = a.as_ref()?;
            store.workspace.with(|ws| {
                let owner = ws.user(&a.owner).map_or_else(
                    || a.owner.to_string(),
                    |u| format!("{} ({})", u.friendly_name, u.email),
                );
                let managed_by = a
                    .organization
                    .as_ref()
                    .and_then(|o| ws.organization(o))
                    .map_or_else(|| "No organization".to_owned(), |o| o.friendly_name.clone());
                Some([
                    ("Account SID", a.sid.to_string()),
                    ("Owner", owner),
                    ("Usage", usage_label(a.usage).to_owned()),
                    ("Managed by", managed_by),
                    ("Created", a.date_created.date()),
                ])
            })
        })
    };
    view! {
        <section class="card" aria-label="Account facts">
            <dl class="facts">
                {move || {
                    facts()
                        .map(|facts| {
                            facts
                                .into_iter()
                                .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                                .collect_view()
                        })
                }}
            </dl>
        </section>
    }
}

#[component]
fn StatusSection(sid: AccountSid, account: Memo<Option<Account>>) -> impl IntoView {
    let status = Memo::new(move |_| {
        account.with(|a| a.as_ref().map(|a| (a.status, a.friendly_name.clone())))
    });
    view! {
        <section class="card" aria-labelledby="status-heading">
            <h2 id="status-heading">"Status"</h2>
            {move || {
                status.get().map(|(status, name)| {
                    view! {
                        <p>{status_text(status, "account")}</p>
                        <div class="actions">
                            <LifecycleActions sid=sid.clone() status name subaccount=false />
                        </div>
                    }
                })
            }}
        </section>
    }
}

fn status_text(status: AccountStatus, noun: &str) -> String {
    match status {
        AccountStatus::Active => format!("Active: the {noun} works as usual."),
        AccountStatus::Suspended => {
            format!("Suspended: the {noun} cannot be used until it is reactivated.")
        }
        AccountStatus::Closed { at } => {
            format!("Closed on {}. Closing is irreversible.", at.date())
        }
    }
}

/// Suspend, reactivate and close, as the status allows, for an account or a subaccount. Closing
/// asks first: it cannot be undone.
#[component]
pub(super) fn LifecycleActions(
    sid: AccountSid,
    status: AccountStatus,
    name: String,
    subaccount: bool,
) -> impl IntoView {
    let (suspend_label, reactivate_label, close_label) = if subaccount {
        ("Suspend subaccount", "Reactivate subaccount", "Close subaccount")
    } else {
        ("Suspend account", "Reactivate account", "Close account")
    };
    let consequence = if subaccount {
        "Closing is irreversible: the subaccount stops working, and it is deleted 30 days after closure."
    } else {
        "Closing is irreversible: the account and all its subaccounts stop working for good."
    };
    let command = move |change: fn(AccountSid, bool) -> Command| {
        let sid = sid.clone();
        move || change(sid.clone(), subaccount)
    };
    let suspend = (status == AccountStatus::Active).then(|| {
        view! { <ActionButton label=suspend_label command=command(suspend_command) /> }
    });
    let reactivate = (status == AccountStatus::Suspended).then(|| {
        view! { <ActionButton label=reactivate_label command=command(reactivate_command) /> }
    });
    let close = (!matches!(status, AccountStatus::Closed { .. })).then(|| {
        view! {
            <ActionButton
                label=close_label
                variant=Variant::Destructive
                command=command(close_command)
                confirm=format!("Close {name}?")
                consequence
            />
        }
    });
    view! { {suspend} {reactivate} {close} }
}

fn suspend_command(sid: AccountSid, subaccount: bool) -> Command {
    if subaccount {
        Command::SuspendSubaccount { subaccount: sid }
    } else {
        Command::SuspendAccount { account: sid }
    }
}

fn reactivate_command(sid: AccountSid, subaccount: bool) -> Command {
    if subaccount {
        Command::ReactivateSubaccount { subaccount: sid }
    } else {
        Command::ReactivateAccount { account: sid }
    }
}

fn close_command(sid: AccountSid, subaccount: bool) -> Command {
    if subaccount {
        Command::CloseSubaccount { subaccount: sid }
    } else {
        Command::CloseAccount { account: sid }
    }
}

/// Trial or full, with "Upgrade" while it is a trial.
#[component]
fn TypeSection(sid: AccountSid, account: Memo<Option<Account>>) -> impl IntoView {
    let kind = Memo::new(move |_| account.with(|a| a.as_ref().map(|a| a.kind)));
    view! {
        <section class="card" aria-labelledby="type-heading">
            <h2 id="type-heading">"Type"</h2>
            {move || {
                kind.get().map(|kind| match kind {
                    AccountType::Trial => {
                        let sid = sid.clone();
                        view! {
                            <p>"Trial. New accounts operate in trial mode until they are upgraded; a trial account may have one subaccount."</p>
                            <div class="actions">
                                <ActionButton label="Upgrade" variant=Variant::Primary command=move || Command::UpgradeAccount { account: sid.clone() } />
                            </div>
                        }
                            .into_any()
                    }
                    AccountType::Full => {
                        view! { <p>"Full. The account is upgraded and may have up to 1,000 subaccounts."</p> }.into_any()
                    }
                })
            }}
        </section>
    }
}

/// "HIPAA enablement": the account's own designation, which its future subaccounts inherit.
#[component]
fn HipaaSection(sid: AccountSid, account: Memo<Option<Account>>) -> impl IntoView {
    let store = use_store();
    let hipaa = Memo::new(move |_| account.with(|a| a.as_ref().map(|a| a.hipaa)));
    let entitled = move || store.current_organization().is_some_and(|o| o.hipaa_entitled);
    view! {
        <section class="card" aria-labelledby="hipaa-heading">
            <h2 id="hipaa-heading">"HIPAA enablement"</h2>
            <p class="help">
                {move || format!("Your organization's HIPAA entitlement is {}.", if entitled() { "On" } else { "Off" })}
                " "
                "Subaccounts created after the account is designated are designated too; existing ones are designated one by one, in the Subaccounts list."
            </p>
            {move || {
                hipaa.get().map(|enabled| {
                    let sid = sid.clone();
                    let (text, label) = if enabled {
                        ("This account is designated HIPAA.", "Disable HIPAA for this account")
                    } else {
                        ("This account is not designated HIPAA.", "Enable HIPAA for this account")
                    };
                    view! {
                        <p>{text}</p>
                        <div class="actions">
                            <ActionButton label command=move || Command::SetAccountHipaa { account: sid.clone(), enabled: !enabled } />
                        </div>
                    }
                })
            }}
        </section>
    }
}

/// Who pays: each account on its own, its subaccounts to it.
#[component]
fn BillingSection(sid: AccountSid) -> impl IntoView {
    let store = use_store();
    let billing = Memo::new(move |_| {
        store.workspace.with(|ws| {
            let own = billed_to(ws, &sid).as_ref() == Some(&sid);
            let subaccounts = ws
                .subaccounts_of(&sid)
                .filter(|s| billed_to(ws, &s.sid).as_ref() == Some(&sid))
                .count();
            (own, subaccounts)
        })
    });
    view! {
        <section class="card" aria-labelledby="billing-heading">
            <h2 id="billing-heading">"Billing"</h2>
            {move || {
                let (own, subaccounts) = billing.get();
                let own = if own {
                    "Billed on its own: Twilio bills each account separately, not the organization."
                } else {
                    "Billed to another account."
                };
                let subaccounts = match subaccounts {
                    0 => "It has no subaccounts billed to it.".to_owned(),
                    1 => "Its 1 subaccount is billed to it.".to_owned(),
                    n => format!("Its {n} subaccounts are billed to it."),
                };
                view! {
                    <p>{own}</p>
                    <p>{subaccounts}</p>
                }
            }}
        </section>
    }
}

/// An account's or subaccount's status as a badge.
#[component]
pub(super) fn StatusBadge(status: AccountStatus) -> impl IntoView {
    let tone = match status {
        AccountStatus::Active => Tone::Success,
        AccountStatus::Suspended => Tone::Warning,
        AccountStatus::Closed { .. } => Tone::Neutral,
    };
    view! { <Badge tone label=status.label() /> }
}

/// A form's submit button while the form cannot send its command yet: disabled, with why
/// under it, tied to it for screen readers.
#[component]
pub(super) fn WaitingButton(label: &'static str, children: Children) -> impl IntoView {
    let reason = unique_id("reason");
    view! {
        <span class="action">
            <button type="submit" class="button" disabled=true aria-describedby=reason.clone()>{label}</button>
            <span id=reason class="reason">{children()}</span>
        </span>
    }
}

pub(super) fn type_label(kind: AccountType) -> &'static str {
    match kind {
        AccountType::Trial => "Trial",
        AccountType::Full => "Full",
    }
}

fn usage_label(usage: Usage) -> &'static str {
    match usage {
        Usage::Twilio => "Twilio",
        Usage::Flex => "Flex",
    }
}
