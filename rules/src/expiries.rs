//! What happens as the simulated clock advances: invitations and reset links expire, domains
//! are re-checked, closed subaccounts are deleted.

use crate::authz::Actor;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, require};
use crate::workspace::Workspace;

pub(crate) fn advance(ws: &Workspace, hours: u32) -> Result<Plan, Denial> {
    todo!()
}
