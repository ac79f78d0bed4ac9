//! Organizations and their roles: creation, name, ownership, deletion, and what support
//! turns on (organizations-overview; twilio-facts §1.1).

use crate::authz::Actor;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, require};
use crate::sid::{OrgSid, UserSid};
use crate::workspace::Workspace;

pub(crate) fn create(ws: &Workspace, actor: &Actor, name: &str) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn rename(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    name: &str,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn change_owner(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    new_owner: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn delete(ws: &Workspace, actor: &Actor, organization: &OrgSid) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn set_hipaa_entitlement(
    ws: &Workspace,
    organization: &OrgSid,
    entitled: bool,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn raise_account_limit(
    ws: &Workspace,
    organization: &OrgSid,
    limit: u32,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn enable_bulk_import(ws: &Workspace, organization: &OrgSid) -> Result<Plan, Denial> {
    todo!()
}
