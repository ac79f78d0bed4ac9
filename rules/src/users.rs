//! Users and invitations: invite, resend, revoke, roles, removal, password and 2FA resets,
//! bulk import (twilio-facts §1.3).

use crate::authz::Actor;
use crate::command::ImportedUser;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::model::{Invitation, OrgRole};
use crate::rule::{Denial, Rule, require};
use crate::sid::{InvitationSid, OrgSid, UserSid};
use crate::workspace::Workspace;

pub(crate) fn invite(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    email: &str,
    role: OrgRole,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn resend(
    ws: &Workspace,
    actor: &Actor,
    invitation: &InvitationSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn revoke(
    ws: &Workspace,
    actor: &Actor,
    invitation: &InvitationSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn change_role(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    user: &UserSid,
    role: OrgRole,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn remove(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    user: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn reset_password(
    ws: &Workspace,
    actor: &Actor,
    user: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn reset_two_factor(
    ws: &Workspace,
    actor: &Actor,
    user: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn import(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    users: &[ImportedUser],
) -> Result<Plan, Denial> {
    todo!()
}

/// The invitee accepts (becoming a managed user) or declines.
pub(crate) fn answer(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
) -> Result<Plan, Denial> {
    todo!()
}
