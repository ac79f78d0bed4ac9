//! Signing up for Twilio, and what a verified domain's sign-up setting does to it
//! (organizations-overview "How organizations fit", "Settings"; twilio-facts §1.5).

use crate::authz::Actor;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, require};
use crate::sid::UserSid;
use crate::workspace::Workspace;

pub(crate) fn sign_up(ws: &Workspace, email: &str, name: &str) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn verify_phone_number(ws: &Workspace, user: &UserSid) -> Result<Plan, Denial> {
    todo!()
}
