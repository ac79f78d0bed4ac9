//! Merging organizations: the Prime absorbs the Candidate (organizations-overview "Merge
//! Organizations"; twilio-facts §1.8).

use crate::authz::Actor;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::model::{Invitation, OrgRole};
use crate::rule::{Denial, Rule, require};
use crate::sid::OrgSid;
use crate::workspace::Workspace;

pub(crate) fn invite(
    ws: &Workspace,
    actor: &Actor,
    prime: &OrgSid,
    candidate: &OrgSid,
    role: OrgRole,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn import(
    ws: &Workspace,
    actor: &Actor,
    prime: &OrgSid,
    candidate: &OrgSid,
) -> Result<Plan, Denial> {
    todo!()
}

/// The Candidate's Owner accepts (merging the Candidate) or declines.
pub(crate) fn answer(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
) -> Result<Plan, Denial> {
    todo!()
}
