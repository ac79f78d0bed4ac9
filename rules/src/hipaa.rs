//! HIPAA: the organization's entitlement and the per-account flag (organizations-overview
//! "Turn on HIPAA"; twilio-facts §1.9).

use crate::authz::Actor;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, require};
use crate::sid::AccountSid;
use crate::workspace::Workspace;

pub(crate) fn set_account_flag(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    enabled: bool,
) -> Result<Plan, Denial> {
    todo!()
}
