//! Users and invitations: invite, resend, revoke, roles, removal, password and 2FA resets,
//! bulk import (twilio-facts §1.3).

use crate::accounts::require_owner_in_verified_domain;
use crate::authz::{Actor, ORG_MEMBERS_ONLY, Permission, authorize};
use crate::clock::HOUR;
use crate::command::ImportedUser;
use crate::common_providers::common_provider;
use crate::domains::{DOMAIN_COMMON_PROVIDER, bare_domain};
use crate::model::{
    AccountStatus, INVITATION_LIFETIME, Invitation, InvitationState, InvitationSubject, Membership,
    OrgRole, PasswordState, User,
};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{AccountSid, InvitationSid, OrgSid, UserSid};
use crate::workspace::Workspace;
use std::collections::{BTreeMap, HashSet};

/// How long a password reset link works (twilio-facts §1.3: "24-hour link").
pub const PASSWORD_RESET_LIFETIME: i64 = 24 * HOUR;

/// The most rows one Import Users file may hold. Twilio states no limit; ours keeps one import
/// reviewable.
pub const IMPORT_ROW_LIMIT: usize = 1000;

pub static USER_EMAIL_INVALID: Rule = Rule {
    id: "USER_EMAIL_INVALID",
    title: "A user is named by a valid email address",
    explanation: "Twilio users sign in with their email address, so an invitation, an import row \
        or a sign-up needs one: a local part, one `@`, and a domain such as `corporate.com`. \
        Letters are lower-cased for you.",
    source: "twilio-facts §1.3 (D-MU); §2.2 (userName is an email)",
    kind: RuleKind::Refusal,
};

pub static USER_ONE_ORGANIZATION: Rule = Rule {
    id: "USER_ONE_ORGANIZATION",
    title: "A user belongs to one organization",
    explanation: "A Twilio user is a managed user of one organization at most. Someone who already \
        belongs to another organization cannot be invited, imported or create an organization of \
        their own; invite an alias of their address instead, such as `name+org@domain`, which is a \
        separate Twilio user.",
    source: "twilio-facts §1.1 (SK: \"A user belongs to one org only\")",
    kind: RuleKind::Refusal,
};

pub static USER_ALREADY_MEMBER: Rule = Rule {
    id: "USER_ALREADY_MEMBER",
    title: "A managed user is not invited again",
    explanation: "The person is already a managed user of this organization. Change their role \
        from their page in the Users list instead.",
    source: "organizations-overview, \"Manage users\"; twilio-facts §1.3",
    kind: RuleKind::Refusal,
};

pub static INVITE_DOMAIN_UNVERIFIED: Rule = Rule {
    id: "INVITE_DOMAIN_UNVERIFIED",
    title: "Invitees need an email in a domain the organization verified",
    explanation: "You cannot invite users from unverified domains: verify the domain of the \
        invitee's email address first; Twilio's API answers the same case with error 25017, email \
        domain unverified. The domain \
        must match exactly; verifying `corporate.com` does not cover `eu.corporate.com`.",
    source: "twilio-facts §1.3 (H-FAQ, D-DOM), §2.2 (E-25017); organizations-setup-skill",
    kind: RuleKind::Refusal,
};

pub static INVITATION_ALREADY_PENDING: Rule = Rule {
    id: "INVITATION_ALREADY_PENDING",
    title: "One pending invitation per person",
    explanation: "The organization already invited this address and the invitation is still open. \
        Resend it from the Invited users tab rather than sending another; old pending invitations \
        are what makes Twilio answer \"Unable to perform operation\".",
    source: "twilio-facts §1.3 (H-USERS, H-INVERR)",
    kind: RuleKind::Refusal,
};

pub static INVITATION_CLOSED: Rule = Rule {
    id: "INVITATION_CLOSED",
    title: "Only an open invitation can be answered, resent or revoked",
    explanation: "An invitation that was accepted, declined or revoked is closed for good: invite \
        the person again instead. An expired invitation can still be resent, which opens it again \
        for another 7 days.",
    source: "twilio-facts §1.3 (H-USERS)",
    kind: RuleKind::Refusal,
};

pub static INVITATION_EXPIRED: Rule = Rule {
    id: "INVITATION_EXPIRED",
    title: "An invitation expires 7 days after it was sent",
    explanation: "Invitations expire if they are not accepted in time; an administrator can resend \
        one from the Invited users tab. Twilio states no duration; we use the 7 days a \
        third-party help page gives.",
    source: "twilio-facts §1.3 (H-USERS; duration [unconfirmed], 7 days per [3p])",
    kind: RuleKind::Refusal,
};

pub static OWNER_ROLE_BY_CHANGE_OWNER: Rule = Rule {
    id: "OWNER_ROLE_BY_CHANGE_OWNER",
    title: "The Owner role moves only by changing the owner",
    explanation: "There is exactly one Organization Owner. Nobody is invited as Owner or given the \
        role from the Users list, and the Owner cannot be demoted or removed: the current Owner \
        first hands the organization over with Change Owner, after which they are an \
        Administrator like the others (our choice, as for an account's old owner, H-OWN1).",
    source: "organizations-overview, \"Organization roles\", \"Change the Organization's Owner\"; twilio-facts §1.1 (E-25016)",
    kind: RuleKind::Refusal,
};

pub static USER_NOT_MANAGED: Rule = Rule {
    id: "USER_NOT_MANAGED",
    title: "Only managed users are managed",
    explanation: "Owners and Administrators change roles, remove users and reset passwords and 2FA \
        of their organization's managed users only. Independent users keep their own settings; \
        their access to managed accounts is changed on each account.",
    source: "twilio-facts §1.3 (D-MU); organizations-overview, \"Manage users\"",
    kind: RuleKind::Refusal,
};

pub static USER_OWNS_MANAGED_ACCOUNT: Rule = Rule {
    id: "USER_OWNS_MANAGED_ACCOUNT",
    title: "An account owner stays in the organization",
    explanation: "The owner of a managed account must be a managed user of the same organization. \
        Transfer ownership of their accounts to another managed user first, then remove them.",
    source: "twilio-facts §1.2 (D-MA, H-OWN1), §2.2 (E-25103)",
    kind: RuleKind::Refusal,
};

pub static BULK_IMPORT_NOT_ENABLED: Rule = Rule {
    id: "BULK_IMPORT_NOT_ENABLED",
    title: "Import Users needs support to turn it on",
    explanation: "Bulk user import is available in Twilio Admin once Twilio support enables it for \
        the organization. Contact support if it is not enabled; meanwhile, invite users one by one.",
    source: "twilio-facts §1.3 (SK)",
    kind: RuleKind::Refusal,
};

pub static IMPORT_ROWS: Rule = Rule {
    id: "IMPORT_ROWS",
    title: "An import holds 1 to 1000 distinct addresses",
    explanation: "An import lists each address once, and at most 1000 of them; split a larger list. \
        Twilio states no limit; ours keeps an import reviewable. The import is all or nothing: \
        one bad row refuses the whole file, and the refusal names the row.",
    source: "twilio-facts §1.3 (SK); our choice of limit",
    kind: RuleKind::Refusal,
};

pub static PASSWORD_RESET_LOGS_OUT: Rule = Rule {
    id: "PASSWORD_RESET_LOGS_OUT",
    title: "A password reset logs the user out and sends a 24-hour link",
    explanation: "Resetting a managed user's password ends their console sessions at once and \
        emails them a link to choose a new password, which works for 24 hours. Until they use it \
        their old password no longer logs them in.",
    source: "twilio-facts §1.3 (SK: \"Reset password: logs the user out, 24-hour link\")",
    kind: RuleKind::Effect,
};

pub static PASSWORD_RESET_LINK_EXPIRED: Rule = Rule {
    id: "PASSWORD_RESET_LINK_EXPIRED",
    title: "A password reset link works once, within 24 hours",
    explanation: "The link sent by a password reset lets the user choose a new password once, \
        within 24 hours of the reset. An expired or used link does nothing: ask an Owner or \
        Administrator of the organization to reset the password again.",
    source: "twilio-facts §1.3 (SK: \"Reset password: logs the user out, 24-hour link\")",
    kind: RuleKind::Refusal,
};

/// Normalizes what a person typed into an email address, or says what is wrong with it.
pub fn email_address(input: &str) -> Result<String, Denial> {
    let email = input.trim().to_lowercase();
    let invalid =
        |why: &str| Err(Denial::new(&USER_EMAIL_INVALID, format!("`{}` {why}", input.trim())));
    let Some((local, domain)) = email.split_once('@') else {
        return invalid("has no `@`: enter an address such as `name@corporate.com`");
    };
    if local.is_empty() || local.len() > 64 {
        return invalid("needs 1 to 64 characters before the `@`");
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    if let Some(bad) = local.chars().find(|c| !allowed(*c)) {
        return invalid(&format!("contains `{bad}` before the `@`"));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return invalid("has a misplaced dot before the `@`");
    }
    if bare_domain(domain).as_deref() != Ok(domain) {
        return invalid(&format!("has `{domain}` after the `@`, which is not a domain"));
    }
    Ok(email)
}

/// The managed users of the organization: the Users screen's first tab.
pub fn managed_users<'w>(ws: &'w Workspace, organization: &OrgSid) -> Vec<&'w User> {
    ws.members(organization).collect()
}

/// Users outside the organization who hold a role on one of its managed accounts, each once.
pub fn independent_users<'w>(ws: &'w Workspace, organization: &OrgSid) -> Vec<&'w User> {
    let mut found = BTreeMap::new();
    for account in ws.accounts_of(organization) {
        for sid in account.users.keys() {
            if let Some(user) = ws.user(sid).filter(|u| u.role_in(organization).is_none()) {
                found.insert(sid, user);
            }
        }
    }
    found.into_values().collect()
}

/// The people the organization invited who have not answered yet.
pub fn pending_invitations<'w>(ws: &'w Workspace, organization: &OrgSid) -> Vec<&'w Invitation> {
    ws.invitations_of(organization)
        .filter(|i| i.state == InvitationState::Pending)
        .filter(|i| matches!(i.subject, InvitationSubject::User { .. }))
        .collect()
}

/// A friendly name made of an address's local part: `sam.rivera@x` gives "Sam Rivera".
fn name_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or_default();
    let local = local.split('+').next().unwrap_or_default();
    local
        .split(['.', '_', '-'])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The friendly name a person typed, or one made from their address when they typed none.
pub(crate) fn friendly_name(typed: &str, email: &str) -> String {
    match typed.trim() {
        "" => name_from_email(email),
        name => name.to_owned(),
    }
}

fn organization_name(ws: &Workspace, organization: &OrgSid) -> String {
    ws.organization(organization)
        .map_or_else(|| organization.to_string(), |o| o.friendly_name.clone())
}

/// Checks that `input` may join `organization` by invitation or import, and returns the
/// normalized address.
fn check_invitee(ws: &Workspace, organization: &OrgSid, input: &str) -> Result<String, Denial> {
    let email = email_address(input)?;
    check_standing(ws, organization, &email)?;
    require(
        !ws.pending_invitations_for_email(&email).any(|i| &i.organization == organization),
        &INVITATION_ALREADY_PENDING,
        || format!("`{email}` already has a pending invitation: resend it instead"),
    )?;
    Ok(email)
}

/// What must hold of an invited address when it is invited, resent and accepted: not yet a
/// member, not a common provider, in a domain the organization has verified, and in no other
/// organization. Any of these may change while an invitation waits.
fn check_standing(ws: &Workspace, organization: &OrgSid, email: &str) -> Result<(), Denial> {
    let current =
        ws.user_by_email(email).and_then(|u| u.membership.as_ref()).map(|m| &m.organization);
    require(current != Some(organization), &USER_ALREADY_MEMBER, || {
        format!("`{email}` is already a managed user of {}", organization_name(ws, organization))
    })?;
    let domain = email.rsplit_once('@').map_or("", |(_, d)| d);
    if let Some(provider) = common_provider(domain) {
        return Err(Denial::new(
            &DOMAIN_COMMON_PROVIDER,
            format!("`{email}` belongs to `{provider}`, a common email provider"),
        ));
    }
    require(
        ws.domains_named(domain).any(|d| &d.organization == organization && d.is_verified()),
        &INVITE_DOMAIN_UNVERIFIED,
        || format!("`{domain}` is not a verified domain of this organization"),
    )?;
    match current {
        Some(other) => Err(in_another_organization(ws, email, other, organization)),
        None => Ok(()),
    }
}

/// The refusal for someone who belongs to `other` and so cannot join `organization`.
fn in_another_organization(
    ws: &Workspace,
    email: &str,
    other: &OrgSid,
    organization: &OrgSid,
) -> Denial {
    let slug: String = organization_name(ws, organization)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    Denial::new(
        &USER_ONE_ORGANIZATION,
        format!(
            "`{email}` is a managed user of {}; invite an alias such as `{local}+{slug}@{domain}`",
            organization_name(ws, other)
        ),
    )
}

/// Authorizes `actor` to manage users in `organization` and returns who they are.
fn manager(ws: &Workspace, actor: &Actor, organization: &OrgSid) -> Result<UserSid, Denial> {
    authorize(ws, actor, Permission::ManageUsers, organization)?;
    actor
        .user()
        .cloned()
        .ok_or_else(|| Denial::new(&ORG_MEMBERS_ONLY, "the outside world cannot manage users"))
}

/// The managed user `sid` of `organization`, or the refusal saying they are not one.
fn managed_user<'w>(
    ws: &'w Workspace,
    organization: &OrgSid,
    sid: &UserSid,
) -> Result<(&'w User, OrgRole), Denial> {
    let user = found(ws.user(sid), "user", sid)?;
    let role = user.role_in(organization).ok_or_else(|| {
        Denial::new(
            &USER_NOT_MANAGED,
            format!(
                "`{}` is not a managed user of {}",
                user.email,
                organization_name(ws, organization)
            ),
        )
    })?;
    Ok((user, role))
}

pub(crate) fn invite(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    email: &str,
    role: OrgRole,
) -> Result<Plan, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    let inviter = manager(ws, actor, organization)?;
    require(role != OrgRole::Owner, &OWNER_ROLE_BY_CHANGE_OWNER, || {
        "nobody is invited as Owner: invite them, then change the owner".to_owned()
    })?;
    let email = check_invitee(ws, organization, email)?;

    let organization = organization.clone();
    Ok(Plan::new(format!("Invited {email} as {}", role.noun()), move |ws| {
        let now = ws.now();
        let subject = InvitationSubject::User { email: email.clone(), role, merges: None };
        let invitation = Invitation::pending(ws.issue(), organization, subject, inviter, now);
        let sid = invitation.sid.clone();
        ws.insert_invitation(invitation);
        Applied::event(
            EventDraft::new(
                "invitation",
                "invited",
                &sid,
                format!("{email} invited as {}", role.noun()),
            )
            .field("role", None::<&str>, Some(role.label())),
        )
        .created(sid)
    }))
}

/// What an invitation's state is called in a refusal.
fn state_word(state: InvitationState) -> &'static str {
    match state {
        InvitationState::Pending => "pending",
        InvitationState::Accepted { .. } => "accepted",
        InvitationState::Declined { .. } => "declined",
        InvitationState::Revoked { .. } => "revoked",
        InvitationState::Expired { .. } => "expired",
    }
}

/// Refuses to answer an invitation that is no longer pending or has expired, whatever it invites.
pub(crate) fn require_answerable(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
) -> Result<(), Denial> {
    let expired = match invitation.state {
        InvitationState::Pending => ws.now() >= invitation.expires,
        InvitationState::Expired { .. } => true,
        _ => return Err(closed(invitation, if accept { "accepted" } else { "declined" })),
    };
    require(!expired, &INVITATION_EXPIRED, || {
        format!(
            "invitation `{}` expired at {}: ask for it to be resent",
            invitation.sid, invitation.expires
        )
    })
}

fn closed(invitation: &Invitation, what: &str) -> Denial {
    Denial::new(
        &INVITATION_CLOSED,
        format!(
            "invitation `{}` was {} and cannot be {what}",
            invitation.sid,
            state_word(invitation.state)
        ),
    )
}

/// Whether the organization has another pending invitation for the same person or account.
fn pending_like(ws: &Workspace, invitation: &Invitation) -> bool {
    let same_organization = |i: &Invitation| i.organization == invitation.organization;
    match &invitation.subject {
        InvitationSubject::User { email, .. } => {
            ws.pending_invitations_for_email(email).any(same_organization)
        }
        InvitationSubject::Account { account } => {
            ws.pending_invitations_for_account(account).any(same_organization)
        }
    }
}

pub(crate) fn resend(ws: &Workspace, actor: &Actor, sid: &InvitationSid) -> Result<Plan, Denial> {
    let invitation = found(ws.invitation(sid), "invitation", sid)?;
    manager(ws, actor, &invitation.organization)?;
    match invitation.state {
        InvitationState::Pending => {}
        InvitationState::Expired { .. } => {
            require(!pending_like(ws, invitation), &INVITATION_ALREADY_PENDING, || {
                format!(
                    "`{}` has a newer pending invitation: resend that one",
                    invitation.subject.key()
                )
            })?
        }
        _ => return Err(closed(invitation, "resent")),
    }
    // What was true when it was first sent may not be any more.
    match &invitation.subject {
        InvitationSubject::User { email, merges: None, .. } => {
            check_standing(ws, &invitation.organization, email)?
        }
        InvitationSubject::User { merges: Some(_), .. } => {
            crate::merge::check_resend(ws, invitation)?
        }
        InvitationSubject::Account { account } => {
            let org = found(
                ws.organization(&invitation.organization),
                "organization",
                &invitation.organization,
            )?;
            let account = found(ws.account(account), "account", account)?;
            require_owner_in_verified_domain(ws, org, account)?;
        }
    }

    let (sid, key) = (invitation.sid.clone(), invitation.subject.key());
    Ok(Plan::new(format!("Resent the invitation to {key}"), move |ws| {
        let now = ws.now();
        let expires = now.plus(INVITATION_LIFETIME);
        ws.update_invitation(&sid, |i| {
            i.state = InvitationState::Pending;
            i.sent = now;
            i.expires = expires;
        });
        Applied::event(
            EventDraft::new("invitation", "resent", &sid, format!("Invitation to {key} resent"))
                .field("expires", None::<&str>, Some(expires)),
        )
    }))
}

pub(crate) fn revoke(ws: &Workspace, actor: &Actor, sid: &InvitationSid) -> Result<Plan, Denial> {
    let invitation = found(ws.invitation(sid), "invitation", sid)?;
    manager(ws, actor, &invitation.organization)?;
    if invitation.state != InvitationState::Pending {
        return Err(closed(invitation, "revoked"));
    }

    let (sid, key) = (invitation.sid.clone(), invitation.subject.key());
    Ok(Plan::new(format!("Revoked the invitation to {key}"), move |ws| {
        let at = ws.now();
        ws.update_invitation(&sid, |i| i.state = InvitationState::Revoked { at });
        Applied::event(
            EventDraft::new("invitation", "revoked", &sid, format!("Invitation to {key} revoked"))
                .field("state", Some("pending"), Some("revoked")),
        )
    }))
}

pub(crate) fn change_role(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    sid: &UserSid,
    role: OrgRole,
) -> Result<Plan, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    manager(ws, actor, organization)?;
    let (user, previous) = managed_user(ws, organization, sid)?;
    require(previous != OrgRole::Owner, &OWNER_ROLE_BY_CHANGE_OWNER, || {
        format!("`{}` is the Owner: change the owner to change their role", user.email)
    })?;
    require(role != OrgRole::Owner, &OWNER_ROLE_BY_CHANGE_OWNER, || {
        format!("make `{}` the Owner with Change Owner", user.email)
    })?;

    let (sid, email, organization) = (user.sid.clone(), user.email.clone(), organization.clone());
    Ok(Plan::new(format!("{email} is now {}", role.noun()), move |ws| {
        if previous == role {
            return Applied::default();
        }
        ws.update_user(&sid, |u| {
            u.membership = Some(Membership { organization, role });
        });
        Applied::event(
            EventDraft::new("user", "updated", &sid, format!("Role of {email} changed")).field(
                "role",
                Some(previous.label()),
                Some(role.label()),
            ),
        )
    }))
}

pub(crate) fn remove(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    sid: &UserSid,
) -> Result<Plan, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    manager(ws, actor, organization)?;
    let (user, role) = managed_user(ws, organization, sid)?;
    require(role != OrgRole::Owner, &OWNER_ROLE_BY_CHANGE_OWNER, || {
        format!("`{}` is the Owner: change the owner first, then remove them", user.email)
    })?;
    removal(ws, organization, user, role, "")
}

/// Takes `user` out of `organization`, however they are removed (`how` ends the audit
/// description, such as " by SCIM"): checked by [`leaving`], carried out by [`leave`].
pub(crate) fn removal(
    ws: &Workspace,
    organization: &OrgSid,
    user: &User,
    role: OrgRole,
    how: &str,
) -> Result<Plan, Denial> {
    let accounts = leaving(ws, organization, user)?;
    let (sid, email) = (user.sid.clone(), user.email.clone());
    let description = format!("{email} removed from the organization{how}");
    let organization = organization.clone();
    Ok(Plan::new(format!("Removed {email} from the organization"), move |ws| {
        leave(ws, &organization, &sid, &accounts);
        Applied::event(
            EventDraft::new("user", "removed", &sid, description)
                .field("role", Some(role.label()), None::<&str>)
                .field("account_roles_removed", None::<&str>, Some(accounts.len())),
        )
    }))
}

/// Checks that `user` may leave `organization`, however they are removed: not while they own
/// one of its managed accounts. Returns its accounts on which they hold a role, to drop.
fn leaving(ws: &Workspace, organization: &OrgSid, user: &User) -> Result<Vec<AccountSid>, Denial> {
    // A closed account keeps its owner on record but no longer holds them in the organization:
    // it cannot be transferred any more, and nothing is done with it.
    if let Some(account) = ws.accounts_owned_by(&user.sid).find(|a| {
        a.organization.as_ref() == Some(organization)
            && !matches!(a.status, AccountStatus::Closed { .. })
    }) {
        return Err(Denial::new(
            &USER_OWNS_MANAGED_ACCOUNT,
            format!(
                "`{}` owns `{}`: transfer its ownership first",
                user.email, account.friendly_name
            ),
        ));
    }
    Ok(ws
        .accounts_of_user(&user.sid)
        .filter(|a| a.organization.as_ref() == Some(organization))
        .map(|a| a.sid.clone())
        .collect())
}

/// Takes `user` out of `organization`: no longer managed, no role on its accounts, no longer
/// seen by its SCIM integration or exempt from its SSO. They stay a Twilio user.
fn leave(ws: &mut Workspace, organization: &OrgSid, user: &UserSid, accounts: &[AccountSid]) {
    for account in accounts {
        ws.update_account(account, |a| {
            a.users.remove(user);
        });
    }
    ws.update_user(user, |u| {
        u.membership = None;
        u.external_id = None;
        u.scim = None;
        // Deactivation is the organization's; once out of it the person logs in as any
        // Twilio user again, or SCIM could never reactivate someone it no longer sees.
        u.active = true;
    });
    if let Some(profile) = ws.sso_profile_of(organization).map(|p| p.sid.clone()) {
        ws.update_sso_profile(&profile, |p| {
            p.exempt.remove(user);
        });
    }
}

/// The managed user `sid` of the actor's organization, once the actor may manage its users.
fn target_of_reset<'w>(
    ws: &'w Workspace,
    actor: &Actor,
    sid: &UserSid,
) -> Result<&'w User, Denial> {
    found(ws.user(sid), "user", sid)?;
    let organization = actor
        .user()
        .and_then(|a| ws.user(a))
        .and_then(|a| a.membership.as_ref())
        .map(|m| m.organization.clone())
        .ok_or_else(|| {
            Denial::new(
                &ORG_MEMBERS_ONLY,
                format!("{actor} belongs to no organization and cannot manage users"),
            )
        })?;
    manager(ws, actor, &organization)?;
    managed_user(ws, &organization, sid).map(|(user, _)| user)
}

pub(crate) fn reset_password(ws: &Workspace, actor: &Actor, sid: &UserSid) -> Result<Plan, Denial> {
    let user = target_of_reset(ws, actor, sid)?;
    let (sid, email) = (user.sid.clone(), user.email.clone());
    let plan =
        Plan::new(format!("Sent {email} a password reset link; they are logged out"), move |ws| {
            let now = ws.now();
            let expires = now.plus(PASSWORD_RESET_LIFETIME);
            ws.update_user(&sid, |u| {
                u.password = PasswordState::ResetPending { expires };
                u.signed_in = false;
                u.sessions_ended = Some(now);
            });
            Applied::event(
                EventDraft::new(
                    "user",
                    "password_reset",
                    &sid,
                    format!("Password of {email} reset"),
                )
                .field("password", Some("set"), Some("reset_pending")),
            )
        });
    Ok(plan.because(&PASSWORD_RESET_LOGS_OUT))
}

/// The user follows the link a password reset sent them and chooses a new password.
pub(crate) fn set_new_password(ws: &Workspace, sid: &UserSid) -> Result<Plan, Denial> {
    let user = found(ws.user(sid), "user", sid)?;
    let PasswordState::ResetPending { expires } = user.password else {
        return Err(Denial::new(
            &PASSWORD_RESET_LINK_EXPIRED,
            format!("`{}` has no unused reset link: ask for the password to be reset", user.email),
        ));
    };
    require(ws.now() < expires, &PASSWORD_RESET_LINK_EXPIRED, || {
        format!("the reset link of `{}` expired at {expires}", user.email)
    })?;
    let (sid, email) = (user.sid.clone(), user.email.clone());
    Ok(Plan::new(format!("{email} chose a new password"), move |ws| {
        ws.update_user(&sid, |u| u.password = PasswordState::Set);
        Applied::event(
            EventDraft::new("user", "password_set", &sid, format!("{email} chose a new password"))
                .field("password", Some("reset_pending"), Some("set")),
        )
    }))
}

pub(crate) fn reset_two_factor(
    ws: &Workspace,
    actor: &Actor,
    sid: &UserSid,
) -> Result<Plan, Denial> {
    let user = target_of_reset(ws, actor, sid)?;
    let (sid, email, previous) = (user.sid.clone(), user.email.clone(), user.two_factor);
    Ok(Plan::new(
        format!("Cleared the 2FA number of {email}; they register a new one at next login"),
        move |ws| {
            ws.update_user(&sid, |u| u.two_factor = false);
            Applied::event(
                EventDraft::new("user", "two_factor_reset", &sid, format!("2FA of {email} reset"))
                    .field("two_factor", Some(previous), Some(false)),
            )
        },
    ))
}

/// Makes `email` a managed user of `organization` with `role`, creating the user if Twilio
/// does not know the address yet. Returns the user's SID and whether it is new.
fn enroll(
    ws: &mut Workspace,
    organization: &OrgSid,
    email: &str,
    name: &str,
    role: OrgRole,
) -> (UserSid, bool) {
    let membership = Membership { organization: organization.clone(), role };
    if let Some(existing) = ws.user_by_email(email).map(|u| u.sid.clone()) {
        ws.update_user(&existing, |u| u.membership = Some(membership));
        return (existing, false);
    }
    let mut user = User::new(ws.issue(), email.to_owned(), friendly_name(name, email), ws.now());
    user.membership = Some(membership);
    let sid = user.sid.clone();
    ws.insert_user(user);
    (sid, true)
}

pub(crate) fn import(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    rows: &[ImportedUser],
) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    manager(ws, actor, organization)?;
    require(org.bulk_import_enabled, &BULK_IMPORT_NOT_ENABLED, || {
        format!("Import Users is not enabled for {}: contact Twilio support", org.friendly_name)
    })?;
    require((1..=IMPORT_ROW_LIMIT).contains(&rows.len()), &IMPORT_ROWS, || {
        format!("the import has {} rows; it needs 1 to {IMPORT_ROW_LIMIT}", rows.len())
    })?;
    let mut seen = HashSet::new();
    let mut people = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let at_row = |denial: Denial| {
            Denial::new(
                denial.rule,
                format!("row {} (`{}`): {}", index + 1, row.email.trim(), denial.detail),
            )
        };
        let email = check_invitee(ws, organization, &row.email).map_err(at_row)?;
        if !seen.insert(email.clone()) {
            return Err(at_row(Denial::new(
                &IMPORT_ROWS,
                "the address is listed twice".to_owned(),
            )));
        }
        people.push((email, row.name.clone()));
    }

    let organization = organization.clone();
    Ok(Plan::new(format!("Imported {} users as Standard users", people.len()), move |ws| {
        let events = people
            .iter()
            .map(|(email, name)| {
                let (sid, new) = enroll(ws, &organization, email, name, OrgRole::Standard);
                let how = if new { "created and imported" } else { "imported" };
                EventDraft::new("user", "imported", &sid, format!("{email} {how}")).field(
                    "role",
                    None::<&str>,
                    Some(OrgRole::Standard.label()),
                )
            })
            .collect();
        Applied { created: None, events }
    }))
}

/// The invitee accepts (becoming a managed user, called `name` if Twilio does not know them
/// yet) or declines.
pub(crate) fn answer(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
    name: &str,
) -> Result<Plan, Denial> {
    let what = if accept { "accepted" } else { "declined" };
    let InvitationSubject::User { email, role, .. } = &invitation.subject else {
        return Err(Denial::new(
            &INVITATION_CLOSED,
            format!("invitation `{}` does not invite a person", invitation.sid),
        ));
    };
    let organization = invitation.organization.clone();
    if accept {
        check_standing(ws, &organization, email)?;
    }

    let (sid, email, role, name) = (invitation.sid.clone(), email.clone(), *role, name.to_owned());
    let summary = if accept {
        format!("{email} joined {} as {}", organization_name(ws, &organization), role.noun())
    } else {
        format!("{email} declined the invitation")
    };
    Ok(Plan::new(summary, move |ws| {
        let at = ws.now();
        let state = if accept {
            InvitationState::Accepted { at }
        } else {
            InvitationState::Declined { at }
        };
        ws.update_invitation(&sid, |i| i.state = state);
        let answered =
            EventDraft::new("invitation", what, &sid, format!("Invitation to {email} {what}"))
                .field("state", Some("pending"), Some(what));
        if !accept {
            return Applied::event(answered);
        }
        let (user, new) = enroll(ws, &organization, &email, &name, role);
        let action = if new { "created" } else { "updated" };
        let joined =
            EventDraft::new("user", action, &user, format!("{email} joined as {}", role.noun()))
                .field("role", None::<&str>, Some(role.label()));
        Applied { created: new.then(|| user.to_string()), events: vec![answered, joined] }
    }))
}

/// Import Users row by row, for the console's preview and for importing the rows that pass:
/// each row's address as it would be imported, or the refusal [`import`] names for that row. An
/// address listed again is refused on its later row. Whether the organization may import at
/// all, and how many rows, is the command's own check: dry-run [`Command::ImportUsers`] with
/// the rows that pass.
///
/// [`Command::ImportUsers`]: crate::Command::ImportUsers
pub fn import_rows(
    ws: &Workspace,
    organization: &OrgSid,
    rows: &[ImportedUser],
) -> Vec<Result<String, Denial>> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|row| {
            let email = check_invitee(ws, organization, &row.email)?;
            require(seen.insert(email.clone()), &IMPORT_ROWS, || {
                format!("`{email}` is listed on an earlier row")
            })?;
            Ok(email)
        })
        .collect()
}
