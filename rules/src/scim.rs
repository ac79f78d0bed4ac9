//! SCIM provisioning, as a model: the OAuth app, and users created, deactivated and deleted
//! by an identity provider (twilio-facts §1.7).

use crate::authz::Actor;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, require};
use crate::sid::{OrgSid, UserSid};
use crate::workspace::Workspace;

pub(crate) fn create_app(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn create_user(
    ws: &Workspace,
    organization: &OrgSid,
    user_name: &str,
    emails: &[String],
    external_id: Option<&str>,
    display_name: Option<&str>,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn set_active(
    ws: &Workspace,
    organization: &OrgSid,
    user: &UserSid,
    active: bool,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn delete_user(
    ws: &Workspace,
    organization: &OrgSid,
    user: &UserSid,
) -> Result<Plan, Denial> {
    todo!()
}
