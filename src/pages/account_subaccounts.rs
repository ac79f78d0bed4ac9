//! An account's subaccounts: the limit and what is left of it, "Create subaccount", and the
//! list, each with its own suspend, reactivate, close and HIPAA designation.

use super::account::{LifecycleActions, StatusBadge, type_label};
use crate::components::action::{ActionButton, Variant};
use crate::components::list::{Column, ListView, Naming, thousands};
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::Command;
use org_rules::model::{Account, AccountStatus, Subaccount};
use org_rules::sid::AccountSid;
use org_rules::subaccounts::{open_subaccounts, subaccount_limit};

#[derive(Clone, Debug, PartialEq)]
struct SubaccountRow {
    sid: AccountSid,
    name: String,
    status: AccountStatus,
    hipaa: bool,
}

impl SubaccountRow {
    fn new(subaccount: &Subaccount) -> Self {
        Self {
            sid: subaccount.sid.clone(),
            name: subaccount.friendly_name.clone(),
            status: subaccount.status,
            hipaa: subaccount.hipaa,
        }
    }

    fn is_open(&self) -> bool {
        !matches!(self.status, AccountStatus::Closed { .. })
    }
}

#[component]
pub(super) fn SubaccountsSection(sid: AccountSid, account: Memo<Option<Account>>) -> impl IntoView {
    let store = use_store();
    let rows = {
        let sid = sid.clone();
        Memo::new(move |_| {
            store
                .workspace
                .with(|ws| ws.subaccounts_of(&sid).map(SubaccountRow::new).collect::<Vec<_>>())
        })
    };
    let allowance = {
        let sid = sid.clone();
        move || {
            let kind = account.with(|a| a.as_ref().map(|a| a.kind))?;
            let limit = subaccount_limit(kind);
            let open = store.workspace.with(|ws| open_subaccounts(ws, &sid));
            let noun = if limit == 1 { "subaccount" } else { "subaccounts" };
            Some(format!(
                "A {} account may have {} open {noun}. It has {} open, so {} more can be created. Closed subaccounts do not count.",
                type_label(kind).to_lowercase(),
                thousands(limit),
                thousands(open),
                thousands(limit.saturating_sub(open)),
            ))
        }
    };
    let name = RwSignal::new(String::new());
    let created = Callback::new(move |_| name.set(String::new()));
    let command = move || Command::CreateSubaccount { parent: sid.clone(), name: name.get() };
    let naming = Naming {
        label: "Subaccounts",
        one: "subaccount",
        many: "subaccounts",
        empty: "No subaccounts yet. Create one to keep a customer's or a project's resources apart.",
    };
    let columns = vec![
        Column::text("Name", |row: &SubaccountRow| row.name.clone()),
        Column::shown(
            "Subaccount SID",
            |row| row.sid.to_string(),
            |row| view! { <code>{row.sid.to_string()}</code> }.into_any(),
        ),
        Column::shown(
            "Status",
            |row| row.status.label().to_owned(),
            |row| view! { <StatusBadge status=row.status /> }.into_any(),
        ),
        Column::text("HIPAA", |row| if row.hipaa { "HIPAA" } else { "No" }.to_owned()),
        Column::actions("Actions", |row| {
            view! { <SubaccountActions row=row.clone() /> }.into_any()
        }),
    ];
    view! {
        <section class="card" aria-labelledby="subaccounts-heading">
            <h2 id="subaccounts-heading">"Subaccounts"</h2>
            <p id="subaccount-allowance">{allowance}</p>
            <form class="field-row" aria-label="Create subaccount" on:submit=|ev| ev.prevent_default()>
                <div class="field grow">
                    <label for="new-subaccount-name">"Subaccount name"</label>
                    <input
                        id="new-subaccount-name"
                        type="text"
                        autocomplete="off"
                        prop:value=name
                        on:input:target=move |ev| name.set(ev.target().value())
                    />
                </div>
                <div class="actions">
                    <ActionButton label="Create subaccount" variant=Variant::Primary submit=true command on_done=created />
                </div>
            </form>
            // The key holds every value of the row, so a changed subaccount is drawn again.
            <div class="account-list">
                <ListView naming rows columns key=|row: &SubaccountRow| format!("{row:?}") />
            </div>
        </section>
    }
}

/// A subaccount's own actions: its status, and its HIPAA designation while it is open.
#[component]
fn SubaccountActions(row: SubaccountRow) -> impl IntoView {
    let hipaa = row.is_open().then(|| {
        let (sid, enabled) = (row.sid.clone(), !row.hipaa);
        let label = if enabled { "Enable HIPAA" } else { "Disable HIPAA" };
        view! { <ActionButton label command=move || Command::SetAccountHipaa { account: sid.clone(), enabled } /> }
    });
    view! {
        <div class="row-actions">
            <LifecycleActions sid=row.sid status=row.status name=row.name subaccount=true />
            {hipaa}
        </div>
    }
}
