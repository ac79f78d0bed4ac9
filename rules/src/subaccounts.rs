//! Subaccounts: creation limits, no nesting, suspend, reactivate and close (twilio-facts §1.10).

use crate::authz::Actor;
use crate::engine::AccountStatusChange;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::model::AccountType;
use crate::rule::{Denial, Rule, require};
use crate::sid::AccountSid;
use crate::workspace::Workspace;

/// How many open (not closed) subaccounts a main account may have (twilio-facts §1.10).
pub fn subaccount_limit(kind: AccountType) -> usize {
    match kind {
        AccountType::Trial => 1,
        AccountType::Full => 1000,
    }
}

pub(crate) fn create(
    ws: &Workspace,
    actor: &Actor,
    parent: &AccountSid,
    name: &str,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn set_status(
    ws: &Workspace,
    actor: &Actor,
    subaccount: &AccountSid,
    change: AccountStatusChange,
) -> Result<Plan, Denial> {
    todo!()
}
