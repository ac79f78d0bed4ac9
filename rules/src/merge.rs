//! Merging organizations: the Prime absorbs the Candidate (organizations-overview "Merge
//! Organizations"; twilio-facts §1.8).
//!
//! Both methods, invitation and import, check the same prerequisites and end in the same merge,
//! which [`preview`] describes before anything changes.

use crate::accounts::open_managed_accounts;
use crate::authz::{Actor, Permission, authorize};
use crate::hipaa::flagged_in;
use crate::model::{
    Invitation, InvitationState, InvitationSubject, Membership, OrgRole, Organization, User,
};
use crate::parts::{Part, Parts};
use crate::plan::{Applied, EventDraft, OBJECT_NOT_FOUND, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{
    AccountSid, DomainSid, InvitationSid, OauthAppSid, OrgSid, SsoProfileSid, UserSid,
};
use crate::sso::profile_enforcing;
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::BTreeSet;

pub static MERGE_SAME_ORGANIZATION: Rule = Rule {
    id: "MERGE_SAME_ORGANIZATION",
    title: "An organization cannot merge with itself",
    explanation: "A merge joins two organizations: the Prime Organization absorbs a different, \
        Candidate Organization.",
    source: "organizations-overview, \"Merge Organizations\"",
    kind: RuleKind::Refusal,
};

pub static MERGE_PRIME_DOMAIN_REQUIRED: Rule = Rule {
    id: "MERGE_PRIME_DOMAIN_REQUIRED",
    title: "The Prime Organization has a verified domain",
    explanation: "Before merging, the Prime Organization, which absorbs the other, must have one \
        or more verified domains.",
    source: "organizations-overview, \"Merge Organizations\" prerequisite 1; twilio-facts §1.8 (SK)",
    kind: RuleKind::Refusal,
};

pub static MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN: Rule = Rule {
    id: "MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN",
    title: "The Candidate Organization has no verified domain",
    explanation: "The Candidate Organization, which is absorbed, must not have any verified \
        domains. Remove the Candidate's domain verification first, or the merge fails.",
    source: "organizations-overview, \"Merge Organizations\" prerequisite 2; organizations-setup-skill",
    kind: RuleKind::Refusal,
};

pub static MERGE_OWNER_EMAIL_DOMAIN: Rule = Rule {
    id: "MERGE_OWNER_EMAIL_DOMAIN",
    title: "The Candidate Owner's email is in a Prime verified domain",
    explanation: "The Owner of the Candidate Organization must use an email address from one of the \
        Prime Organization's verified domains.",
    source: "organizations-overview, \"Merge Organizations\" prerequisite 3; twilio-facts §1.8 (SK)",
    kind: RuleKind::Refusal,
};

pub static MERGE_ACCOUNT_LIMIT: Rule = Rule {
    id: "MERGE_ACCOUNT_LIMIT",
    title: "The merged accounts fit within the Prime's managed-account limit",
    explanation: "The Candidate's managed accounts move to the Prime Organization, which may manage \
        10 accounts unless Twilio support raised its limit. Ask support to raise the limit before \
        merging. Twilio does not document this case; we refuse rather than exceed the limit.",
    source: "twilio-facts §1.2 (SK; E-25102), §1.8; our choice",
    kind: RuleKind::Refusal,
};

pub static MERGE_ROLE_INVALID: Rule = Rule {
    id: "MERGE_ROLE_INVALID",
    title: "The Candidate Owner joins as an Administrator or a Standard user",
    explanation: "When inviting the Candidate Organization's Owner, the Prime Owner or \
        Administrator chooses whether they become an Administrator or a Standard user. An \
        organization has exactly one Owner, so they cannot join as Owner; the Owner can hand over \
        the organization after the merge.",
    source: "organizations-overview, \"Merge by using an invitation\" step 2",
    kind: RuleKind::Refusal,
};

pub static MERGE_INVITATION_PENDING: Rule = Rule {
    id: "MERGE_INVITATION_PENDING",
    title: "One pending merge invitation per Candidate",
    explanation: "The Candidate Organization's Owner already has a pending invitation to merge into \
        this organization, shown as a Pending User. Wait for the answer, or for the invitation to \
        expire.",
    source: "organizations-overview, \"Merge by using an invitation\" step 2; twilio-facts §1.3 (H-INVERR)",
    kind: RuleKind::Refusal,
};

pub static MERGE_BULK_IMPORT_REQUIRED: Rule = Rule {
    id: "MERGE_BULK_IMPORT_REQUIRED",
    title: "Merging by import needs the Import Users feature",
    explanation: "To merge by import, request access to the Import Users feature for the Prime \
        Organization by contacting Twilio support, then import the Candidate Organization's Owner. \
        Otherwise merge by invitation.",
    source: "organizations-overview, \"Merge by using import\" step 1; twilio-facts §1.3 (SK)",
    kind: RuleKind::Refusal,
};

pub static MERGE_INVITEE_NOT_OWNER: Rule = Rule {
    id: "MERGE_INVITEE_NOT_OWNER",
    title: "Only the Candidate Organization's Owner accepts a merge",
    explanation: "A merge invitation goes to the Candidate Organization's Owner, and accepting it \
        merges their organization. If the Candidate changed owner since, the invitation no longer \
        speaks for it: the Prime Organization invites the new Owner.",
    source: "organizations-overview, \"Merge by using an invitation\" steps 2-5",
    kind: RuleKind::Refusal,
};

pub static MERGE_CANDIDATE_OWNER_ROLE: Rule = Rule {
    id: "MERGE_CANDIDATE_OWNER_ROLE",
    title: "The Candidate Owner's role in the Prime depends on the method",
    explanation: "By invitation, the Prime Organization's Owner or Administrator chooses whether \
        the Candidate Organization Owner becomes an Administrator or a Standard user. By import, \
        the Candidate Organization Owner becomes a Standard user. Either way the Prime's Owner \
        or Administrators can change user roles after the merge.",
    source: "organizations-overview, \"Merge by using an invitation\" step 2, \"Merge by using import\" step 5",
    kind: RuleKind::Effect,
};

pub static MERGE_CANDIDATE_ADMINS_STANDARD: Rule = Rule {
    id: "MERGE_CANDIDATE_ADMINS_STANDARD",
    title: "The Candidate's Administrators become Standard users",
    explanation: "Candidate Organization Admins become Standard Users in the Prime Organization by \
        default, whichever method merges them; its Standard users stay Standard users. The \
        Prime's Owner or Administrators can update their roles after the merge.",
    source: "organizations-overview, \"Merge by using an invitation\" step 2, \"Merge by using import\" step 5",
    kind: RuleKind::Effect,
};

pub static MERGE_NO_PRIME_ACCESS: Rule = Rule {
    id: "MERGE_NO_PRIME_ACCESS",
    title: "Moved users keep their account access and gain none in the Prime",
    explanation: "The Candidate Organization's managed accounts and users are added to the Prime \
        Organization with no impact on the accounts' billing, compliance or products. Candidate \
        users retain the same account-level roles and access; they don't automatically get access \
        to accounts in the Prime Organization. Grant it account by account afterwards.",
    source: "organizations-overview, \"Merge Organizations\" (after a successful merge)",
    kind: RuleKind::Effect,
};

pub static MERGE_PRIME_SSO_APPLIES: Rule = Rule {
    id: "MERGE_PRIME_SSO_APPLIES",
    title: "The Prime's SSO enforcement applies to moved users",
    explanation: "If the Prime Organization has SSO turned on at its verified domain level, SSO is \
        enforced for Candidate Organization users: once the merge completes, moved users whose \
        email is in a domain where the Prime enforces SSO must log in with SSO.",
    source: "organizations-overview, \"Merge Organizations\" (after a successful merge); twilio-facts §1.6, §1.8",
    kind: RuleKind::Effect,
};

/// How the merge happens: the Candidate Owner accepts an invitation, or the Prime imports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum MergeMethod {
    /// The Candidate Owner joins with the role the Prime chose.
    Invitation { role: OrgRole },
    /// The Candidate Owner joins as a Standard user, like the Candidate's Administrators.
    Import,
}

impl MergeMethod {
    fn owner_role(self) -> OrgRole {
        match self {
            MergeMethod::Invitation { role } => role,
            MergeMethod::Import => OrgRole::Standard,
        }
    }
}

/// One prerequisite of a merge and, when it is not met, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrerequisiteCheck {
    pub rule: &'static Rule,
    pub unmet: Option<String>,
}

impl PrerequisiteCheck {
    fn new(rule: &'static Rule, met: bool, detail: impl FnOnce() -> String) -> Self {
        Self { rule, unmet: (!met).then(detail) }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MovingUser {
    pub user: UserSid,
    pub email: String,
    pub from: OrgRole,
    pub to: OrgRole,
    /// Whether the Prime enforces SSO on their email domain, so they must log in with SSO.
    pub sso_required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MovingAccount {
    pub account: AccountSid,
    pub friendly_name: String,
    pub owner: UserSid,
}

/// What a merge would do, computed without changing anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MergePreview {
    pub prime: OrgSid,
    pub candidate: OrgSid,
    /// Every prerequisite, met or not, in the order they are checked.
    pub prerequisites: Vec<PrerequisiteCheck>,
    /// Every Candidate member, who becomes a managed user of the Prime.
    pub users: Vec<MovingUser>,
    /// The Candidate's managed accounts, which become the Prime's with their owners and users.
    pub accounts: Vec<MovingAccount>,
    /// Pending invitations the merge revokes: the Candidate's own, other invitations to merge
    /// the Candidate, and invitations of its accounts to join another organization.
    pub revoked_invitations: Vec<InvitationSid>,
    /// The Candidate's domains, all unverified, since a Candidate has no verified domain.
    pub removed_domains: Vec<DomainSid>,
    pub removed_sso_profile: Option<SsoProfileSid>,
    pub removed_oauth_apps: Vec<OauthAppSid>,
}

impl MergePreview {
    /// The refusal of the first unmet prerequisite, if any.
    pub fn first_unmet(&self) -> Option<Denial> {
        first_unmet(&self.prerequisites)
    }
}

fn first_unmet(prerequisites: &[PrerequisiteCheck]) -> Option<Denial> {
    prerequisites.iter().find_map(|check| {
        check.unmet.as_ref().map(|detail| Denial::new(check.rule, detail.clone()))
    })
}

/// What [`preview`] reads; a screen showing a preview redraws when one of these changes.
pub const PREVIEW_READS: Parts = Parts::of(Part::Organizations)
    .union(Parts::of(Part::Users))
    .union(Parts::of(Part::Domains))
    .union(Parts::of(Part::Accounts))
    .union(Parts::of(Part::Subaccounts))
    .union(Parts::of(Part::Invitations))
    .union(Parts::of(Part::SsoProfiles))
    .union(Parts::of(Part::OauthApps));

/// Tells what merging `candidate` into `prime` by `method` would do and which prerequisites
/// hold, without changing anything. Refused only when either organization does not exist.
pub fn preview(
    ws: &Workspace,
    prime: &OrgSid,
    candidate: &OrgSid,
    method: MergeMethod,
) -> Result<MergePreview, Denial> {
    let (prerequisites, owner) = checked(ws, prime, candidate)?;
    let users = ws
        .members(candidate)
        .filter_map(|user| {
            let from = user.role_in(candidate)?;
            let to = match from {
                OrgRole::Owner => method.owner_role(),
                OrgRole::Administrator | OrgRole::Standard => OrgRole::Standard,
            };
            Some(MovingUser {
                user: user.sid.clone(),
                email: user.email.clone(),
                from,
                to,
                sso_required: profile_enforcing(ws, prime, user.email_domain()).is_some(),
            })
        })
        .collect();
    let accounts: Vec<MovingAccount> = ws
        .accounts_of(candidate)
        .map(|a| MovingAccount {
            account: a.sid.clone(),
            friendly_name: a.friendly_name.clone(),
            owner: a.owner.clone(),
        })
        .collect();
    // Accepting the Prime's own invitation closes it as accepted, not revoked.
    let accepting = |i: &Invitation| {
        matches!(method, MergeMethod::Invitation { .. }) && &i.organization == prime
    };
    let revoked_invitations: BTreeSet<InvitationSid> = ws
        .invitations_of(candidate)
        .filter(|i| i.state == InvitationState::Pending)
        .chain(
            ws.pending_invitations_for_email(&owner.email)
                .filter(|i| merges(i) == Some(candidate) && !accepting(i)),
        )
        .chain(accounts.iter().flat_map(|a| ws.pending_invitations_for_account(&a.account)))
        .map(|i| i.sid.clone())
        .collect();
    Ok(MergePreview {
        prime: prime.clone(),
        candidate: candidate.clone(),
        prerequisites,
        users,
        accounts,
        revoked_invitations: revoked_invitations.into_iter().collect(),
        removed_domains: ws.domains_of(candidate).map(|d| d.sid.clone()).collect(),
        removed_sso_profile: ws.sso_profile_of(candidate).map(|p| p.sid.clone()),
        removed_oauth_apps: ws.oauth_apps_of(candidate).map(|a| a.sid.clone()).collect(),
    })
}

/// Every prerequisite of merging `candidate` into `prime`, and the Candidate's Owner. Refused
/// only when either organization or the Owner does not exist.
fn checked<'w>(
    ws: &'w Workspace,
    prime: &OrgSid,
    candidate: &OrgSid,
) -> Result<(Vec<PrerequisiteCheck>, &'w User), Denial> {
    let prime_org = found(ws.organization(prime), "organization", prime)?;
    let candidate_org = found(ws.organization(candidate), "organization", candidate)?;
    let owner = found(ws.owner_of(candidate), "owner of organization", candidate)?;
    Ok((prerequisites(ws, prime_org, candidate_org, &owner.email), owner))
}

/// Refuses what [`preview`] refuses, then the first unmet prerequisite, without listing what
/// would move: checking a merge need not copy a thousand moving users only to drop them.
fn require_prerequisites(ws: &Workspace, prime: &OrgSid, candidate: &OrgSid) -> Result<(), Denial> {
    let (prerequisites, _) = checked(ws, prime, candidate)?;
    first_unmet(&prerequisites).map_or(Ok(()), Err)
}

/// The organization an invitation would merge, if it is a merge invitation.
fn merges(invitation: &Invitation) -> Option<&OrgSid> {
    match &invitation.subject {
        InvitationSubject::User { merges, .. } => merges.as_ref(),
        InvitationSubject::Account { .. } => None,
    }
}

pub static MERGE_HIPAA_ENTITLEMENT: Rule = Rule {
    id: "MERGE_HIPAA_ENTITLEMENT",
    title: "HIPAA accounts move only to an organization with a BAA",
    explanation: "A merge does not change the accounts that move, so HIPAA-flagged accounts and \
        subaccounts stay flagged. The flag needs the organization's HIPAA entitlement, so the \
        Prime needs an executed BAA first, or the Candidate turns the flags off. The merge \
        documents say nothing of HIPAA; this follows from both sets of rules.",
    source: "organizations-overview, \"Merge Organizations\" (no impact on compliance) and \"Turn on HIPAA\"; twilio-facts §1.8, §1.9",
    kind: RuleKind::Refusal,
};

fn prerequisites(
    ws: &Workspace,
    prime: &Organization,
    candidate: &Organization,
    owner_email: &str,
) -> Vec<PrerequisiteCheck> {
    let verified = |organization: &OrgSid| {
        ws.domains_of(organization)
            .filter(|d| d.is_verified())
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
    };
    let (prime_domains, candidate_domains) = (verified(&prime.sid), verified(&candidate.sid));
    let owner_domain = owner_email.rsplit_once('@').map_or("", |(_, d)| d);
    let accounts =
        open_managed_accounts(ws, &prime.sid) + open_managed_accounts(ws, &candidate.sid);
    let flagged = if prime.hipaa_entitled { Vec::new() } else { flagged_in(ws, &candidate.sid) };
    vec![
        PrerequisiteCheck::new(&MERGE_SAME_ORGANIZATION, prime.sid != candidate.sid, || {
            format!("{} cannot merge with itself", prime.friendly_name)
        }),
        PrerequisiteCheck::new(&MERGE_PRIME_DOMAIN_REQUIRED, !prime_domains.is_empty(), || {
            format!("{} has no verified domain", prime.friendly_name)
        }),
        PrerequisiteCheck::new(
            &MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN,
            candidate_domains.is_empty(),
            || {
                format!(
                    "{} has verified {}; remove its domain verification first",
                    candidate.friendly_name,
                    backticked(&candidate_domains)
                )
            },
        ),
        PrerequisiteCheck::new(
            &MERGE_OWNER_EMAIL_DOMAIN,
            prime_domains.contains(&owner_domain),
            || {
                format!(
                    "the Owner of {}, `{owner_email}`, is not in a verified domain of {}",
                    candidate.friendly_name, prime.friendly_name
                )
            },
        ),
        PrerequisiteCheck::new(
            &MERGE_ACCOUNT_LIMIT,
            accounts <= prime.managed_account_limit as usize,
            || {
                format!(
                    "the merge would give {} {accounts} managed accounts; its limit is {}",
                    prime.friendly_name, prime.managed_account_limit
                )
            },
        ),
        PrerequisiteCheck::new(&MERGE_HIPAA_ENTITLEMENT, flagged.is_empty(), || {
            format!(
                "{} flagged HIPAA in {}, but {} has no HIPAA entitlement",
                flagged.join(", "),
                candidate.friendly_name,
                prime.friendly_name
            )
        }),
    ]
}

fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn backticked(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

pub(crate) fn invite(
    ws: &Workspace,
    actor: &Actor,
    prime: &OrgSid,
    candidate: &OrgSid,
    role: OrgRole,
) -> Result<Plan, Denial> {
    found(ws.organization(prime), "organization", prime)?;
    authorize(ws, actor, Permission::MergeOrganizations, prime)?;
    let inviter = found(actor.user(), "user", actor)?.clone();
    require(role != OrgRole::Owner, &MERGE_ROLE_INVALID, || {
        "the Candidate Owner can join as an Administrator or a Standard user, not as Owner"
            .to_owned()
    })?;
    require_prerequisites(ws, prime, candidate)?;
    let candidate_org = found(ws.organization(candidate), "organization", candidate)?;
    let owner = found(ws.owner_of(candidate), "owner of organization", candidate)?;
    require(
        !ws.pending_invitations_for_email(&owner.email)
            .any(|i| &i.organization == prime && merges(i) == Some(candidate)),
        &MERGE_INVITATION_PENDING,
        || {
            format!(
                "`{}` already has a pending invitation to merge {}",
                owner.email, candidate_org.friendly_name
            )
        },
    )?;

    let (prime, candidate, email) = (prime.clone(), candidate.clone(), owner.email.clone());
    let name = candidate_org.friendly_name.clone();
    Ok(Plan::new(format!("Invited {email} to merge {name} into this organization"), move |ws| {
        let sid: InvitationSid = ws.issue();
        let now = ws.now();
        let subject =
            InvitationSubject::User { email: email.clone(), role, merges: Some(candidate.clone()) };
        ws.insert_invitation(Invitation::pending(sid.clone(), prime, subject, inviter, now));
        Applied::event(
            EventDraft::new(
                "organization",
                "merge_invited",
                &candidate,
                format!("{email} invited to merge {name}"),
            )
            .field("role", None::<&str>, Some(role.label())),
        )
        .created(sid)
    }))
}

pub(crate) fn import(
    ws: &Workspace,
    actor: &Actor,
    prime: &OrgSid,
    candidate: &OrgSid,
) -> Result<Plan, Denial> {
    let prime_org = found(ws.organization(prime), "organization", prime)?;
    authorize(ws, actor, Permission::MergeOrganizations, prime)?;
    require(prime_org.bulk_import_enabled, &MERGE_BULK_IMPORT_REQUIRED, || {
        format!(
            "Import Users is not enabled for {}; contact Twilio support to enable it",
            prime_org.friendly_name
        )
    })?;
    merge(ws, prime, candidate, MergeMethod::Import, None)
}

/// The Candidate's Owner accepts (merging the Candidate) or declines.
pub(crate) fn answer(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
) -> Result<Plan, Denial> {
    let InvitationSubject::User { email, role, merges: Some(candidate) } = &invitation.subject
    else {
        return Err(Denial::new(
            &OBJECT_NOT_FOUND,
            format!("invitation `{}` merges no organization", invitation.sid),
        ));
    };
    let sid = invitation.sid.clone();
    if !accept {
        let (candidate, email) = (candidate.clone(), email.clone());
        return Ok(Plan::new(format!("{email} declined the merge"), move |ws| {
            let at = ws.now();
            ws.update_invitation(&sid, |i| i.state = InvitationState::Declined { at });
            Applied::event(EventDraft::new(
                "organization",
                "merge_declined",
                &candidate,
                format!("{email} declined the invitation to merge"),
            ))
        }));
    }
    require_invitee_owns(ws, candidate, email)?;
    merge(
        ws,
        &invitation.organization,
        candidate,
        MergeMethod::Invitation { role: *role },
        Some(sid),
    )
}

/// The invitee of a merge invitation must still be the Candidate's Owner.
fn require_invitee_owns(ws: &Workspace, candidate: &OrgSid, email: &str) -> Result<(), Denial> {
    let owner = found(ws.owner_of(candidate), "owner of organization", candidate)?;
    require(owner.email == email, &MERGE_INVITEE_NOT_OWNER, || {
        format!("`{email}` is no longer the Owner of the organization; `{}` is", owner.email)
    })
}

/// What resending a merge invitation checks again: the Candidate still exists, its Owner is
/// still the invitee, and every prerequisite of the merge still holds.
pub(crate) fn check_resend(ws: &Workspace, invitation: &Invitation) -> Result<(), Denial> {
    let InvitationSubject::User { email, merges: Some(candidate), .. } = &invitation.subject else {
        return Ok(());
    };
    require_prerequisites(ws, &invitation.organization, candidate)?;
    require_invitee_owns(ws, candidate, email)
}

/// Checks the prerequisites again and plans the merge itself; `accepted` is the invitation that
/// started it, if one did.
fn merge(
    ws: &Workspace,
    prime: &OrgSid,
    candidate: &OrgSid,
    method: MergeMethod,
    accepted: Option<InvitationSid>,
) -> Result<Plan, Denial> {
    let preview = preview(ws, prime, candidate, method)?;
    preview.first_unmet().map_or(Ok(()), Err)?;
    let candidate_name =
        found(ws.organization(candidate), "organization", candidate)?.friendly_name.clone();
    let prime_name = found(ws.organization(prime), "organization", prime)?.friendly_name.clone();
    let candidate_invitations: Vec<InvitationSid> =
        ws.invitations_of(candidate).map(|i| i.sid.clone()).collect();
    let admins_move = preview.users.iter().any(|u| u.from == OrgRole::Administrator);
    let sso_applies = preview.users.iter().any(|u| u.sso_required);
    let plan = Plan::new(
        format!(
            "Merged {candidate_name} into {prime_name}: {} and {} moved",
            counted(preview.users.len(), "user"),
            counted(preview.accounts.len(), "account")
        ),
        move |ws| {
            let at = ws.now();
            for moving in &preview.users {
                ws.update_user(&moving.user, |u| {
                    u.membership =
                        Some(Membership { organization: preview.prime.clone(), role: moving.to });
                    // The Candidate's SCIM app goes away; the Prime's identity provider has ids
                    // of its own, which the Candidate's must not collide with.
                    u.external_id = None;
                });
            }
            for moving in &preview.accounts {
                ws.update_account(&moving.account, |a| {
                    a.organization = Some(preview.prime.clone());
                });
            }
            // The Candidate's invitations, answered or not, would outlive the organization they
            // name; they go with it. The others that it makes moot are revoked.
            for sid in &candidate_invitations {
                ws.remove_invitation(sid);
            }
            for sid in &preview.revoked_invitations {
                if !candidate_invitations.contains(sid) {
                    ws.update_invitation(sid, |i| i.state = InvitationState::Revoked { at });
                }
            }
            for sid in &preview.removed_domains {
                ws.remove_domain(sid);
            }
            if let Some(sid) = &preview.removed_sso_profile {
                ws.remove_sso_profile(sid);
            }
            for sid in &preview.removed_oauth_apps {
                ws.remove_oauth_app(sid);
            }
            if let Some(sid) = &accepted {
                ws.update_invitation(sid, |i| i.state = InvitationState::Accepted { at });
            }
            ws.remove_organization(&preview.candidate);
            Applied::event(
                EventDraft::new(
                    "organization",
                    "merged",
                    &preview.candidate,
                    format!("{candidate_name} merged into {prime_name}"),
                )
                .field("organization", Some(&candidate_name), Some(&prime_name))
                .field("users_moved", None::<&str>, Some(preview.users.len()))
                .field(
                    "accounts_moved",
                    None::<&str>,
                    Some(preview.accounts.len()),
                ),
            )
        },
    );
    Ok(plan
        .because(&MERGE_CANDIDATE_OWNER_ROLE)
        .because_if(admins_move, &MERGE_CANDIDATE_ADMINS_STANDARD)
        .because(&MERGE_NO_PRIME_ACCESS)
        .because_if(sso_applies, &MERGE_PRIME_SSO_APPLIES))
}
