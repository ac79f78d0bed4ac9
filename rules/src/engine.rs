//! `apply`: authorize, check every rule, and only then mutate and record the audit event.
//!
//! Each command's checks take the workspace by shared reference and return a [`Plan`]: the
//! summary of what will happen and a closure that makes it happen. The borrow checker thereby
//! guarantees that no check runs after a mutation began, and a dry run is the checks alone.

use crate::accounts::AccountStatusChange;
use crate::authz::{Actor, authorize_answer, require_outside_world};
use crate::command::Command;
use crate::model::{AuditEvent, InvitationSubject};
use crate::plan::{Plan, found};
use crate::rule::{Denial, Rule};
use crate::scim::Write;
use crate::sid::InvitationSid;
use crate::workspace::Workspace;
use crate::{
    accounts, dns, domains, expiries, hipaa, merge, organizations, scim, signup, sso, subaccounts,
    users,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// What an applied command did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// One sentence for a toast: "Added owl.example".
    pub summary: String,
    /// The SID of the object the command created, if it created one.
    pub created: Option<String>,
    /// The effect rules that shaped what happened, in the order they acted.
    pub rules: Vec<&'static Rule>,
    /// The audit events recorded, in order.
    pub events: Vec<AuditEvent>,
}

/// What a command would do, told before anything changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The sentence its outcome's toast would say.
    pub summary: String,
    /// The effect rules that would shape it, in order.
    pub rules: Vec<&'static Rule>,
}

/// Applies `command` as `actor`. On a denial the workspace is left exactly as it was.
pub fn apply(
    workspace: &mut Workspace,
    actor: &Actor,
    command: &Command,
) -> Result<Outcome, Denial> {
    let plan = check(workspace, actor, command)?;
    let applied = (plan.mutate)(workspace);
    let rules: Vec<String> = plan.rules.iter().map(|rule| rule.id.to_owned()).collect();
    let events = applied
        .events
        .into_iter()
        .map(|draft| {
            let event = AuditEvent {
                sid: workspace.issue(),
                event_type: draft.event_type,
                event_date: draft.date.unwrap_or_else(|| workspace.now()),
                actor_sid: actor.sid(),
                resource_type: draft.resource_type.to_owned(),
                resource_sid: draft.resource_sid,
                description: draft.description,
                event_data: draft.event_data,
                rules: draft.rule.map_or_else(|| rules.clone(), |rule| vec![rule.id.to_owned()]),
            };
            workspace.push_event(event.clone());
            event
        })
        .collect();
    Ok(Outcome { summary: plan.summary, created: applied.created, rules: plan.rules, events })
}

/// What the console does with a command: [`apply`] it, and when it is refused, note the refusal
/// in the audit log, where denials are listed beside events. Only the note is added: the rest of
/// the workspace is exactly as it was.
pub fn submit(
    workspace: &mut Workspace,
    actor: &Actor,
    command: &Command,
) -> Result<Outcome, Denial> {
    apply(workspace, actor, command).inspect_err(|denial| {
        let kind = command.kind();
        let event = AuditEvent {
            sid: workspace.issue(),
            event_type: "command.denied".to_owned(),
            event_date: workspace.now(),
            actor_sid: actor.sid(),
            resource_type: "command".to_owned(),
            resource_sid: kind.clone(),
            description: format!("{kind} refused by {}: {}", denial.rule.id, denial.detail),
            event_data: BTreeMap::new(),
            rules: vec![denial.rule.id.to_owned()],
        };
        workspace.push_event(event);
    })
}

/// Checks `command` without applying it: what it would do and the rules that would shape it,
/// or the denial it would meet. The console uses it to decide what to offer, to explain why
/// not, and to say what would happen before anything does.
pub fn dry_run(workspace: &Workspace, actor: &Actor, command: &Command) -> Result<Preview, Denial> {
    check(workspace, actor, command)
        .map(|plan| Preview { summary: plan.summary, rules: plan.rules })
}

/// Authorizes and checks `command`, and plans its effect. Each arm names the function that
/// decides it; the modules are named after the areas of the documents.
fn check(ws: &Workspace, actor: &Actor, command: &Command) -> Result<Plan, Denial> {
    use Command::*;
    if command.by_outside_world() {
        require_outside_world(actor, command)?;
    }
    match command {
        CreateOrganization { name } => apart(|| organizations::create(ws, actor, name)),
        RenameOrganization { organization, name } => {
            apart(|| organizations::rename(ws, actor, organization, name))
        }
        ChangeOrganizationOwner { organization, new_owner } => {
            apart(|| organizations::change_owner(ws, actor, organization, new_owner))
        }
        DeleteOrganization { organization } => {
            apart(|| organizations::delete(ws, actor, organization))
        }
        SetHipaaEntitlement { organization, entitled } => {
            apart(|| organizations::set_hipaa_entitlement(ws, organization, *entitled))
        }
        RaiseAccountLimit { organization, limit } => {
            apart(|| organizations::raise_account_limit(ws, organization, *limit))
        }
        EnableBulkImport { organization } => {
            apart(|| organizations::enable_bulk_import(ws, organization))
        }

        CreateAccount { organization, name, usage } => {
            apart(|| accounts::create(ws, actor, organization, name, *usage))
        }
        AddExistingAccount { organization, account } => {
            apart(|| accounts::add_existing(ws, actor, organization, account))
        }
        TransferAccountOwnership { account, new_owner } => {
            apart(|| accounts::transfer(ws, actor, account, new_owner))
        }
        UpgradeAccount { account } => apart(|| accounts::upgrade(ws, actor, account)),
        SuspendAccount { account } => {
            apart(|| accounts::set_status(ws, actor, account, AccountStatusChange::Suspend))
        }
        ReactivateAccount { account } => {
            apart(|| accounts::set_status(ws, actor, account, AccountStatusChange::Reactivate))
        }
        CloseAccount { account } => {
            apart(|| accounts::set_status(ws, actor, account, AccountStatusChange::Close))
        }
        SetAccountHipaa { account, enabled } => {
            apart(|| hipaa::set_account_flag(ws, actor, account, *enabled))
        }
        GrantAccountAccess { account, user, roles } => {
            apart(|| accounts::grant_access(ws, actor, account, user, *roles))
        }
        RevokeAccountAccess { account, user } => {
            apart(|| accounts::revoke_access(ws, actor, account, user))
        }

        CreateSubaccount { parent, name } => apart(|| subaccounts::create(ws, actor, parent, name)),
        SuspendSubaccount { subaccount } => {
            apart(|| subaccounts::set_status(ws, actor, subaccount, AccountStatusChange::Suspend))
        }
        ReactivateSubaccount { subaccount } => apart(|| {
            subaccounts::set_status(ws, actor, subaccount, AccountStatusChange::Reactivate)
        }),
        CloseSubaccount { subaccount } => {
            apart(|| subaccounts::set_status(ws, actor, subaccount, AccountStatusChange::Close))
        }

        InviteUser { organization, email, role } => {
            apart(|| users::invite(ws, actor, organization, email, *role))
        }
        ResendInvitation { invitation } => apart(|| users::resend(ws, actor, invitation)),
        RevokeInvitation { invitation } => apart(|| users::revoke(ws, actor, invitation)),
        ChangeUserRole { organization, user, role } => {
            apart(|| users::change_role(ws, actor, organization, user, *role))
        }
        RemoveUser { organization, user } => apart(|| users::remove(ws, actor, organization, user)),
        ResetPassword { user } => apart(|| users::reset_password(ws, actor, user)),
        ResetTwoFactor { user } => apart(|| users::reset_two_factor(ws, actor, user)),
        SetNewPassword { user } => apart(|| users::set_new_password(ws, user)),
        ImportUsers { organization, users } => {
            apart(|| users::import(ws, actor, organization, users))
        }
        SignUp { email, name } => apart(|| signup::sign_up(ws, email, name)),
        VerifyPhoneNumber { user } => apart(|| signup::verify_phone_number(ws, user)),
        AcceptInvitation { invitation } => apart(|| answer_invitation(ws, actor, invitation, true)),
        DeclineInvitation { invitation } => {
            apart(|| answer_invitation(ws, actor, invitation, false))
        }

        AddDomain { organization, name } => apart(|| domains::add(ws, actor, organization, name)),
        VerifyDomain { domain } => apart(|| domains::verify(ws, actor, domain)),
        SetSignupPolicy { domain, policy } => {
            apart(|| domains::set_signup_policy(ws, actor, domain, *policy))
        }
        RemoveDomain { domain } => apart(|| domains::remove(ws, actor, domain)),
        PublishDnsRecord { name, value } => apart(|| dns::publish(name, value)),
        RemoveDnsRecord { name, value } => apart(|| dns::unpublish(ws, name, value)),

        SaveSsoProfile { organization, idp_entity_id, sso_url, certificate } => apart(|| {
            sso::save_profile(ws, actor, organization, idp_entity_id, sso_url, certificate)
        }),
        TestSsoConnection { profile } => apart(|| sso::test_connection(ws, actor, profile)),
        EnforceSso { profile, domain } => apart(|| sso::enforce(ws, actor, profile, domain)),
        StopEnforcingSso { profile, domain } => {
            apart(|| sso::stop_enforcing(ws, actor, profile, domain))
        }
        LogIn { user, method } => apart(|| sso::log_in(ws, user, *method)),
        SetIdpAnswer { profile, error } => apart(|| sso::set_idp_answer(ws, profile, *error)),

        CreateScimApp { organization } => apart(|| scim::create_app(ws, actor, organization)),
        ScimCreateUser { attributes } => apart(|| scim::create_user(ws, actor, attributes)),
        ScimReplaceUser { user, attributes, if_match } => {
            apart(|| scim::replace_user(ws, actor, user, attributes, *if_match, Write::Put))
        }
        ScimPatchUser { user, attributes, if_match } => {
            apart(|| scim::replace_user(ws, actor, user, attributes, *if_match, Write::Patch))
        }
        ScimDeleteUser { user, if_match } => {
            apart(|| scim::delete_user(ws, actor, user, *if_match))
        }

        InviteToMerge { prime, candidate, role } => {
            apart(|| merge::invite(ws, actor, prime, candidate, *role))
        }
        ImportToMerge { prime, candidate } => apart(|| merge::import(ws, actor, prime, candidate)),

        AdvanceClock { hours } => apart(|| expiries::advance(ws, *hours)),
    }
}

/// Runs one command's checks as a function of their own. The browser compiles the console's code
/// a function at a time, the first time it is called: with every command's checks inlined into
/// [`check`], the first click of any command waited for all of them to compile (42 KB, 1.3 to
/// 1.7 ms), where now it waits for its own. wasm-opt keeps them apart too (`-ocimfs` in
/// index.html).
#[inline(never)]
fn apart(checks: impl FnOnce() -> Result<Plan, Denial>) -> Result<Plan, Denial> {
    checks()
}

/// The invitee's answer is decided by the module of what was invited.
fn answer_invitation(
    ws: &Workspace,
    actor: &Actor,
    sid: &InvitationSid,
    accept: bool,
) -> Result<Plan, Denial> {
    let invitation = found(ws.invitation(sid), "invitation", sid)?;
    authorize_answer(ws, actor, invitation)?;
    users::require_answerable(ws, invitation, accept)?;
    match &invitation.subject {
        InvitationSubject::Account { .. } => accounts::answer(ws, invitation, accept),
        InvitationSubject::User { merges: Some(_), .. } => merge::answer(ws, invitation, accept),
        InvitationSubject::User { .. } => users::answer(ws, invitation, accept, ""),
    }
}
