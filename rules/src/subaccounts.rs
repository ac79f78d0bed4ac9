//! Subaccounts: creation limits, no nesting, suspend, reactivate and close (twilio-facts §1.10).

use crate::accounts::AccountStatusChange;
use crate::accounts::{account_name, kind_label, require_open, status_after};
use crate::authz::{AccountPermission, Actor, authorize_on_account};
use crate::hipaa::HIPAA_SUBACCOUNT_INHERITS;
use crate::model::{Account, AccountStatus, AccountType, Subaccount};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::AccountSid;
use crate::workspace::Workspace;

/// How many open (not closed) subaccounts a main account may have (twilio-facts §1.10).
pub fn subaccount_limit(kind: AccountType) -> usize {
    match kind {
        AccountType::Trial => 1,
        AccountType::Full => 1000,
    }
}

/// The subaccounts of `parent` that count toward its limit: closed ones do not.
pub fn open_subaccounts(ws: &Workspace, parent: &AccountSid) -> usize {
    ws.subaccounts_of(parent).filter(|s| !matches!(s.status, AccountStatus::Closed { .. })).count()
}

pub static SUBACCOUNT_NO_NESTING: Rule = Rule {
    id: "SUBACCOUNT_NO_NESTING",
    title: "Subaccounts cannot have subaccounts",
    explanation: "A subaccount is created under a main account. Subaccounts are not nested: \
        creating one from a subaccount fails with error 21101. Create it under the main account \
        instead.",
    source: "twilio-facts §1.10 (D-SUB, E-21101)",
    kind: RuleKind::Refusal,
};

pub static SUBACCOUNT_LIMIT: Rule = Rule {
    id: "SUBACCOUNT_LIMIT",
    title: "A trial account has 1 subaccount, an upgraded account 1,000",
    explanation: "Trial accounts can have one subaccount and upgraded accounts 1,000 by default \
        (contact your account executive for more). Closed subaccounts do not count toward the \
        limit. Reaching it fails with error 21480.",
    source: "twilio-facts §1.10 (H-SUBLIM, D-SUB, E-21480)",
    kind: RuleKind::Refusal,
};

pub static SUBACCOUNT_PARENT_NOT_ACTIVE: Rule = Rule {
    id: "SUBACCOUNT_PARENT_NOT_ACTIVE",
    title: "Subaccounts are created and reactivated under an active parent",
    explanation: "Suspending a main account suspends its subaccounts (Twilio's words); that \
        closing it closes them is our choice, as a closed account can hold nothing open. While \
        the main account is suspended or closed, no subaccount can be created under it or \
        reactivated; reactivate the main account first.",
    source: "twilio-facts §1.10 (D-SUB); closing: simulator",
    kind: RuleKind::Refusal,
};

/// The main account a subaccount would be created under, after the actor is authorized on it.
fn parent_for_creation<'w>(
    ws: &'w Workspace,
    actor: &Actor,
    parent: &AccountSid,
) -> Result<&'w Account, Denial> {
    if let Some(subaccount) = ws.subaccount(parent) {
        authorize_on_account(
            ws,
            actor,
            AccountPermission::ManageAccountSettings,
            &subaccount.parent,
        )?;
        return Err(Denial::new(
            &SUBACCOUNT_NO_NESTING,
            format!("`{}` is itself a subaccount", subaccount.friendly_name),
        ));
    }
    let account = found(ws.account(parent), "account", parent)?;
    authorize_on_account(ws, actor, AccountPermission::ManageAccountSettings, parent)?;
    Ok(account)
}

fn require_active_parent(parent: &Account) -> Result<(), Denial> {
    require(parent.status == AccountStatus::Active, &SUBACCOUNT_PARENT_NOT_ACTIVE, || {
        format!("`{}` is {}", parent.friendly_name, parent.status.label().to_lowercase())
    })
}

/// Only the parent's Owner and Administrators create subaccounts (twilio-facts §1.10, H-NEWSUB).
/// A new subaccount inherits the parent's HIPAA designation (twilio-facts §1.9).
pub(crate) fn create(
    ws: &Workspace,
    actor: &Actor,
    parent: &AccountSid,
    name: &str,
) -> Result<Plan, Denial> {
    let account = parent_for_creation(ws, actor, parent)?;
    let name = account_name(name)?;
    require_active_parent(account)?;
    let open = open_subaccounts(ws, parent);
    let limit = subaccount_limit(account.kind);
    require(open < limit, &SUBACCOUNT_LIMIT, || {
        let noun = if open == 1 { "subaccount" } else { "subaccounts" };
        format!(
            "`{}` already has {open} open {noun}; a {} account may have {limit}",
            account.friendly_name,
            kind_label(account.kind).to_lowercase()
        )
    })?;

    let (parent, hipaa) = (account.sid.clone(), account.hipaa);
    let parent_name = account.friendly_name.clone();
    let summary = if hipaa {
        format!("Created subaccount {name} under {parent_name}; it is HIPAA, like its parent")
    } else {
        format!("Created subaccount {name} under {parent_name}")
    };
    let plan = Plan::new(summary, move |ws| {
        let subaccount = Subaccount {
            sid: ws.issue(),
            parent,
            friendly_name: name,
            status: AccountStatus::Active,
            hipaa,
            date_created: ws.now(),
        };
        let sid = subaccount.sid.clone();
        let event = EventDraft::new(
            "subaccount",
            "created",
            &sid,
            format!("Subaccount {} created under {parent_name}", subaccount.friendly_name),
        )
        .field("hipaa", None::<bool>, Some(hipaa));
        ws.insert_subaccount(subaccount);
        Applied::event(event).created(sid)
    });
    Ok(plan.because_if(hipaa, &HIPAA_SUBACCOUNT_INHERITS))
}

/// The parent's Owner and Administrators suspend, reactivate and close its subaccounts. Closing
/// is irreversible; the clock deletes a closed subaccount 30 days later.
pub(crate) fn set_status(
    ws: &Workspace,
    actor: &Actor,
    subaccount: &AccountSid,
    change: AccountStatusChange,
) -> Result<Plan, Denial> {
    let subaccount = found(ws.subaccount(subaccount), "subaccount", subaccount)?;
    authorize_on_account(ws, actor, AccountPermission::ManageAccountSettings, &subaccount.parent)?;
    let parent = found(ws.account(&subaccount.parent), "account", &subaccount.parent)?;
    require_open(subaccount.status, &subaccount.friendly_name)?;
    if change == AccountStatusChange::Reactivate {
        require_active_parent(parent)?;
    }
    let (status, action) = status_after(change, ws);
    let (sid, name, previous) =
        (subaccount.sid.clone(), subaccount.friendly_name.clone(), subaccount.status);
    if previous == status {
        return Ok(Plan::new(format!("{name} is already {action}"), |_| Applied::default()));
    }
    Ok(Plan::new(format!("{name} is {action}"), move |ws| {
        ws.update_subaccount(&sid, |s| s.status = status);
        Applied::event(
            EventDraft::new("subaccount", action, &sid, format!("Subaccount {name} {action}"))
                .field("status", Some(previous.label()), Some(status.label())),
        )
    }))
}
