//! Single sign-on: the SAML profile, its test, enforcement per verified domain, and logging in
//! (twilio-facts §1.6).

use crate::authz::Actor;
use crate::command::LoginMethod;
use crate::engine::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, require};
use crate::sid::{DomainSid, OrgSid, SsoProfileSid, UserSid};
use crate::workspace::Workspace;

pub(crate) fn save_profile(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    idp_entity_id: &str,
    sso_url: &str,
    certificate: &str,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn test_connection(
    ws: &Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn enforce(
    ws: &Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
    domain: &DomainSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn stop_enforcing(
    ws: &Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
    domain: &DomainSid,
) -> Result<Plan, Denial> {
    todo!()
}

pub(crate) fn log_in(ws: &Workspace, user: &UserSid, method: LoginMethod) -> Result<Plan, Denial> {
    todo!()
}
