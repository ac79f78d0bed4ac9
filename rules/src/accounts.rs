//! Accounts: managed, independent and pending; ownership, type, lifecycle and access
//! (twilio-facts §1.2, §1.4).

use crate::authz::Actor;
use crate::engine::AccountStatusChange;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::model::{AccountRoles, Invitation, Usage};
use crate::rule::{Denial, Rule, require};
use crate::sid::{AccountSid, OrgSid, UserSid};
use crate::workspace::Workspace;

pub(crate) fn create(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    name: &str,
    usage: Usage,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn add_existing(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    account: &AccountSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn transfer(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    new_owner: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn upgrade(ws: &Workspace, actor: &Actor, account: &AccountSid) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn set_status(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    change: AccountStatusChange,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn grant_access(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    user: &UserSid,
    roles: AccountRoles,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn revoke_access(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    user: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}

/// The account owner confirms or declines joining the organization.
pub(crate) fn answer(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
) -> Result<Plan, Denial> {
    todo!()
}
