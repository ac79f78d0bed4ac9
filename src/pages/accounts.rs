//! The Accounts screen: the organization's managed, independent and pending accounts, "Create
//! new account" and "Add existing account".

use super::account::{StatusBadge, WaitingButton, type_label};
use crate::components::action::{ActionButton, RuleReason, Variant};
use crate::components::denial::sentence;
use crate::components::list::{Column, ListView, Naming};
use crate::components::page_header::PageHeader;
use crate::components::rule_links::RuleLinks;
use crate::components::tabs::{Tabs, current_tab};
use crate::components::ticked::Ticked;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use org_rules::accounts::{
    account_visible_to, independent_accounts, managed_accounts, pending_accounts,
};
use org_rules::authz::Permission;
use org_rules::model::{Account, AccountStatus, Usage};
use org_rules::parts::Part;
use org_rules::sid::{AccountSid, OrgSid};
use org_rules::workspace::Workspace;
use org_rules::{Command, Outcome, dry_run};

/// A managed or independent account, as its list shows it.
#[derive(Clone, Debug, PartialEq)]
struct AccountRow {
    sid: String,
    name: String,
    status: AccountStatus,
    kind: &'static str,
    owner: String,
    subaccounts: usize,
    hipaa: bool,
}

impl AccountRow {
    fn new(ws: &Workspace, account: &Account) -> Self {
        Self {
            sid: account.sid.to_string(),
            name: account.friendly_name.clone(),
            status: account.status,
            kind: type_label(account.kind),
            owner: email_of(ws, account),
            subaccounts: ws.subaccounts_of(&account.sid).count(),
            hipaa: account.hipaa,
        }
    }
}

/// An account invited to join, waiting for its owner's answer.
#[derive(Clone, Debug, PartialEq)]
struct PendingRow {
    sid: String,
    name: String,
    owner: String,
    invited_by: String,
    sent: String,
    expires: String,
}

fn email_of(ws: &Workspace, account: &Account) -> String {
    ws.user(&account.owner).map_or_else(|| account.owner.to_string(), |u| u.email.clone())
}

/// The rows of one tab: the accounts the engine lists there that the signed-in person may see.
fn visible_rows(
    store: crate::store::Store,
    list: for<'w> fn(&'w Workspace, &OrgSid) -> Vec<&'w Account>,
) -> Memo<Vec<AccountRow>> {
    Memo::new(move |_| {
        let (Some(organization), viewer) = (store.organization.get(), store.actor()) else {
            return Vec::new();
        };
        // Who may see an account, and who owns it, are the users'; the independent tab walks
        // the members.
        store.read(Part::Accounts | Part::Subaccounts | Part::Users, |ws| {
            list(ws, &organization)
                .into_iter()
                .filter(|a| account_visible_to(ws, &viewer, &organization, a))
                .map(|a| AccountRow::new(ws, a))
                .collect()
        })
    })
}

/// Accounts, with the tab in the URL: `/accounts?tab=pending`.
#[component]
pub fn Accounts() -> impl IntoView {
    let store = use_store();
    let tab = current_tab("managed");
    let managed = visible_rows(store, managed_accounts);
    let independent = visible_rows(store, independent_accounts);
    let pending = Memo::new(move |_| {
        let (Some(organization), viewer) = (store.organization.get(), store.actor()) else {
            return Vec::new();
        };
        store.read(Part::Invitations | Part::Accounts | Part::Users, |ws| {
            pending_accounts(ws, &organization)
                .into_iter()
                .filter(|(_, a)| account_visible_to(ws, &viewer, &organization, a))
                .map(|(invitation, account)| PendingRow {
                    sid: account.sid.to_string(),
                    name: account.friendly_name.clone(),
                    owner: email_of(ws, account),
                    invited_by: ws
                        .user(&invitation.invited_by)
                        .map_or_else(|| invitation.invited_by.to_string(), |u| u.email.clone()),
                    sent: invitation.sent.date(),
                    expires: invitation.expires.date(),
                })
                .collect::<Vec<_>>()
        })
    });
    let label = |name: &'static str, count: Signal<usize>| {
        (name, Signal::derive(move || format!("{name} ({})", count.get())))
    };
    let tabs = vec![
        label("Managed", Signal::derive(move || managed.with(Vec::len))),
        label("Independent", Signal::derive(move || independent.with(Vec::len))),
        label("Pending", Signal::derive(move || pending.with(Vec::len))),
    ]
    .into_iter()
    .map(|(name, text)| (tab_key(name), text))
    .collect();

    view! {
        <PageHeader title="Accounts" />
        <p class="lede">
            "Managed accounts belong to your organization. Independent accounts are outside it, but your users can reach them. Pending accounts wait for their owner to confirm joining."
        </p>
        {move || {
            store
                .organization
                .get()
                .map(|organization| {
                    view! {
                        <div class="account-forms">
                            <CreateAccount organization=organization.clone() />
                            <AddExistingAccount organization />
                        </div>
                    }
                })
        }}
        <Tabs label="Account lists" path="/accounts" tabs current=tab />
        <div role="tabpanel" aria-label=move || format!("{} accounts", tab_name(&tab.get()))>
            // Each tab's list is made anew, so it starts from the URL's filter, sort and page.
            {move || match tab.get().as_str() {
                "independent" => view! { <AccountList naming=INDEPENDENT rows=independent /> }.into_any(),
                "pending" => view! { <PendingList rows=pending /> }.into_any(),
                _ => view! { <AccountList naming=MANAGED rows=managed /> }.into_any(),
            }}
        </div>
    }
}

fn tab_key(name: &str) -> &'static str {
    match name {
        "Independent" => "independent",
        "Pending" => "pending",
        _ => "managed",
    }
}

fn tab_name(key: &str) -> &'static str {
    match key {
        "independent" => "Independent",
        "pending" => "Pending",
        _ => "Managed",
    }
}

const MANAGED: Naming = Naming {
    label: "Managed accounts",
    one: "account",
    many: "accounts",
    empty: "No managed accounts yet. Create a new account or add an existing one above.",
};

const INDEPENDENT: Naming = Naming {
    label: "Independent accounts",
    one: "account",
    many: "accounts",
    empty: "None of your users has access to an account outside the organization.",
};

#[component]
fn AccountList(naming: Naming, rows: Memo<Vec<AccountRow>>) -> impl IntoView {
    let columns = vec![
        Column::shown(
            "Name",
            |row: &AccountRow| row.name.clone(),
            |row| account_link(&row.sid, &row.name),
        ),
        Column::shown(
            "Account SID",
            |row| row.sid.clone(),
            |row| view! { <code>{row.sid.clone()}</code> }.into_any(),
        ),
        Column::shown(
            "Status",
            |row| row.status.label().to_owned(),
            |row| view! { <StatusBadge status=row.status /> }.into_any(),
        ),
        Column::text("Type", |row| row.kind.to_owned()),
        Column::text("Owner", |row| row.owner.clone()),
        Column::text("Subaccounts", |row| row.subaccounts.to_string()),
        Column::text("HIPAA", |row| if row.hipaa { "HIPAA" } else { "No" }.to_owned()),
    ];
    // The key holds every value of the row, so a changed account is drawn again.
    view! {
        <div class="account-list">
            <ListView naming rows columns key=|row: &AccountRow| format!("{row:?}") />
        </div>
    }
}

#[component]
fn PendingList(rows: Memo<Vec<PendingRow>>) -> impl IntoView {
    let naming = Naming {
        label: "Pending accounts",
        one: "account",
        many: "accounts",
        empty: "No account is waiting to join. Add an existing account above; it waits here until its owner confirms.",
    };
    let columns = vec![
        Column::shown(
            "Name",
            |row: &PendingRow| row.name.clone(),
            |row| account_link(&row.sid, &row.name),
        ),
        Column::shown(
            "Account SID",
            |row| row.sid.clone(),
            |row| view! { <code>{row.sid.clone()}</code> }.into_any(),
        ),
        Column::text("Owner", |row| row.owner.clone()),
        Column::text("Invited by", |row| row.invited_by.clone()),
        Column::text("Sent", |row| row.sent.clone()),
        Column::text("Expires", |row| row.expires.clone()),
    ];
    view! {
        <div class="account-list">
            <ListView naming rows columns key=|row: &PendingRow| format!("{row:?}") />
        </div>
    }
}

fn account_link(sid: &str, name: &str) -> AnyView {
    let (link, name) = (href(&format!("/accounts/{sid}")), name.to_owned());
    view! { <a href=link>{name}</a> }.into_any()
}

/// "Create new account": a name and what it is for. The new account is a trial account of the
/// organization, owned by whoever creates it; its page opens once it exists.
#[component]
fn CreateAccount(organization: OrgSid) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let usage = RwSignal::new(Usage::Twilio);
    let navigate = use_navigate();
    let command = move || Command::CreateAccount {
        organization: organization.clone(),
        name: name.get(),
        usage: usage.get(),
    };
    let opened = Callback::new(move |outcome: Outcome| {
        if let Some(sid) = outcome.created {
            navigate(&format!("/accounts/{sid}"), Default::default());
        }
    });
    view! {
        <form class="card" aria-labelledby="create-account-heading" on:submit=|ev| ev.prevent_default()>
            <h2 id="create-account-heading">"Create new account"</h2>
            <p class="help">"It starts as a trial account of the organization, and you are its owner."</p>
            <div class="field">
                <label for="new-account-name">"Account name"</label>
                <input
                    id="new-account-name"
                    type="text"
                    autocomplete="off"
                    prop:value=name
                    on:input:target=move |ev| name.set(ev.target().value())
                />
            </div>
            <div class="field">
                <label for="new-account-usage">"Usage"</label>
                <select
                    id="new-account-usage"
                    on:change:target=move |ev| {
                        usage.set(if ev.target().value() == "flex" { Usage::Flex } else { Usage::Twilio })
                    }
                >
                    <option value="twilio" selected=true>"Twilio"</option>
                    <option value="flex">"Flex"</option>
                </select>
            </div>
            <div class="actions">
                <ActionButton label="Create account" variant=Variant::Primary submit=true command on_done=opened />
            </div>
        </form>
    }
}

/// "Add existing account" by SID: what the engine would do is said before anything changes. The
/// account then waits under Pending until its owner confirms.
#[component]
fn AddExistingAccount(organization: OrgSid) -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new(String::new());
    let sid = Memo::new(move |_| text.with(|t| t.trim().parse::<AccountSid>()));
    let permission = Memo::new(move |_| store.may(Permission::ManageAccounts).err());
    let navigate = use_navigate();
    let sent = Callback::new(move |_: Outcome| {
        text.set(String::new());
        navigate("/accounts?tab=pending", Default::default());
    });
    let preview = {
        let organization = organization.clone();
        Memo::new(move |_| {
            let account = sid.get().ok()?;
            let command =
                Command::AddExistingAccount { organization: organization.clone(), account };
            let actor = store.actor();
            store.workspace.with(|ws| dry_run(ws, &actor, &command).ok())
        })
    };
    let button = move || {
        if let Some(denial) = permission.get() {
            return view! { <WaitingButton label="Add account"><RuleReason denial /></WaitingButton> }.into_any();
        }
        match sid.get() {
            Ok(account) => {
                let organization = organization.clone();
                let command = move || Command::AddExistingAccount { organization: organization.clone(), account: account.clone() };
                view! { <ActionButton label="Add account" variant=Variant::Primary submit=true command on_done=sent /> }.into_any()
            }
            Err(_) => view! { <WaitingButton label="Add account">"Enter the account's SID first."</WaitingButton> }.into_any(),
        }
    };
    let problem = move || {
        let invalid = text.with(|t| !t.trim().is_empty()) && sid.with(Result::is_err);
        invalid
            .then(|| sid.get().err().map(|why| view! { <Ticked text=sentence(&why) /> }))
            .flatten()
    };
    view! {
        <form class="card" aria-labelledby="add-account-heading" on:submit=|ev| ev.prevent_default()>
            <h2 id="add-account-heading">"Add existing account"</h2>
            <p id="add-account-help" class="help">
                "The account's owner receives an email and must confirm. Until then the account is listed under Pending. The owner's email address must be in a domain your organization has verified."
            </p>
            <div class="field">
                <label for="existing-account-sid">"Account SID"</label>
                <input
                    id="existing-account-sid"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="AC…"
                    aria-describedby="add-account-help existing-account-problem"
                    prop:value=text
                    prop:disabled=move || permission.with(Option::is_some)
                    on:input:target=move |ev| text.set(ev.target().value())
                />
                <p id="existing-account-problem" class="field-error">{problem}</p>
            </div>
            <p class="preview-outcome" aria-live="polite">
                {move || preview.get().map(|preview| view! {
                    <strong>"Would happen: "</strong>
                    {preview.summary}
                    " "
                    <RuleLinks rules=preview.rules />
                })}
            </p>
            <div class="actions">{button}</div>
        </form>
    }
}
