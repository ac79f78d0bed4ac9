//! The health check: what an administrator should look at before it becomes a problem, found in
//! the workspace as it is. None of Twilio's consoles shows these; each finding says why it
//! matters, which objects it concerns and what fixes it.

use crate::accounts::accounts_toward_limit;
use crate::authz::Actor;
use crate::clock::{DAY, Timestamp};
use crate::expiries::removal_due;
use crate::model::{AccountStatus, DomainStatus, InvitationState, InvitationSubject, OrgRole};
use crate::parts::{Part, Parts};
use crate::scim::calling_app;
use crate::sid::OrgSid;
use crate::sso::sso_required;
use crate::users::independent_users;
use crate::workspace::Workspace;
use serde::Serialize;

/// How soon an invitation's expiry is worth a warning.
pub const EXPIRY_WARNING: i64 = 2 * DAY;
/// How full the managed-account limit gets before it is worth a warning: four fifths.
const LIMIT_WARNING_NUMERATOR: usize = 4;
const LIMIT_WARNING_DENOMINATOR: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }
}

/// The kind of object a finding concerns, so the console can link it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    User,
    Account,
    Subaccount,
    Domain,
    Invitation,
    SsoProfile,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Affected {
    pub kind: ObjectKind,
    pub sid: String,
    /// How a person names it: an email, an account's or a domain's name.
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable: `SINGLE_OWNER`.
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// Why it matters, with this workspace's numbers.
    pub explanation: String,
    pub affected: Vec<Affected>,
    /// What fixes it, in the console's words.
    pub fix: &'static str,
}

/// What [`findings`] reads: every part but the audit log, which no finding concerns. A screen
/// showing findings redraws when one of these changes.
pub const FINDINGS_READ: Parts = Parts::ALL.without(Part::Audit);

/// Every finding about `organization`, the most severe first.
pub fn findings(ws: &Workspace, organization: &OrgSid) -> Vec<Finding> {
    let checks: [fn(&Workspace, &OrgSid) -> Option<Finding>; 12] = [
        single_owner,
        sso_lockout,
        scim_provisioning_stopped,
        hipaa_accounts_unflagged,
        hipaa_subaccounts_unflagged,
        domains_lapsing,
        domains_record_missing,
        sso_enforcement_refused,
        sso_tested_not_enforced,
        accounts_near_limit,
        invitations_expiring,
        independent_access,
    ];
    let mut found: Vec<Finding> =
        checks.iter().filter_map(|check| check(ws, organization)).collect();
    found.sort_by_key(|finding| finding.severity);
    found
}

fn finding(
    id: &'static str,
    severity: Severity,
    title: &'static str,
    explanation: String,
    affected: Vec<Affected>,
    fix: &'static str,
) -> Option<Finding> {
    (!affected.is_empty()).then_some(Finding { id, severity, title, explanation, affected, fix })
}

fn affected(kind: ObjectKind, sid: impl ToString, label: impl Into<String>) -> Affected {
    Affected { kind, sid: sid.to_string(), label: label.into() }
}

fn single_owner(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let admins = ws
        .members(organization)
        .filter(|u| u.role_in(organization) == Some(OrgRole::Administrator))
        .count();
    let owner = ws.owner_of(organization).filter(|_| admins == 0)?;
    finding(
        "SINGLE_OWNER",
        Severity::High,
        "Only the Owner can manage the organization",
        format!(
            "{} is the Owner and there is no Administrator. If they leave or lose access, nobody \
             can manage users, accounts or settings, and only Twilio support can help.",
            owner.email
        ),
        vec![affected(ObjectKind::User, &owner.sid, &owner.email)],
        "Make a trusted managed user an Administrator from their page in Users.",
    )
}

fn scim_provisioning_stopped(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let stopped = ws
        .oauth_apps_of(organization)
        .filter(|app| calling_app(ws, &Actor::App(app.sid.clone())).is_err())
        .map(|app| {
            let email = ws
                .user(&app.created_by)
                .map_or_else(|| app.created_by.to_string(), |u| u.email.clone());
            affected(ObjectKind::User, &app.created_by, email)
        })
        .collect();
    finding(
        "SCIM_PROVISIONING_STOPPED",
        Severity::High,
        "SCIM provisioning has stopped",
        "The user who authorized the organization's OAuth app is deactivated or no longer a member, \
         so the identity provider's SCIM requests are refused with 401: new hires are not \
         provisioned and leavers are not deactivated."
            .to_owned(),
        stopped,
        "Create a new OAuth app under SCIM provisioning, authorized by a dedicated service user, \
         and give its client ID and secret to the identity provider.",
    )
}

fn hipaa_accounts_unflagged(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    if !ws.organization(organization)?.hipaa_entitled {
        return None;
    }
    let unflagged = ws
        .accounts_of(organization)
        .filter(|a| !a.hipaa && !matches!(a.status, AccountStatus::Closed { .. }))
        .map(|a| affected(ObjectKind::Account, &a.sid, &a.friendly_name))
        .collect();
    finding(
        "HIPAA_ACCOUNTS_UNFLAGGED",
        Severity::Medium,
        "Accounts under the BAA are not designated HIPAA",
        "The organization has a BAA, but these accounts are not designated HIPAA. New accounts are \
         never designated on their own: if they process PHI, designate them."
            .to_owned(),
        unflagged,
        "On each account's page, under HIPAA enablement, select Enable HIPAA for this account.",
    )
}

fn hipaa_subaccounts_unflagged(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let unflagged = ws
        .accounts_of(organization)
        .filter(|a| a.hipaa)
        .flat_map(|a| ws.subaccounts_of(&a.sid))
        .filter(|s| !s.hipaa && !matches!(s.status, AccountStatus::Closed { .. }))
        .map(|s| affected(ObjectKind::Subaccount, &s.sid, &s.friendly_name))
        .collect();
    finding(
        "HIPAA_SUBACCOUNTS_UNFLAGGED",
        Severity::Medium,
        "Subaccounts of HIPAA accounts are not designated",
        "Their parent accounts are designated HIPAA, but these subaccounts existed before and were \
         not designated with them."
            .to_owned(),
        unflagged,
        "On the parent account's page, turn HIPAA on for each subaccount.",
    )
}

fn domains_lapsing(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let lapsing: Vec<Affected> = ws
        .domains_of(organization)
        .filter(|d| matches!(d.status, DomainStatus::Lapsing { .. }))
        .map(|d| {
            let due = removal_due(d).map(Timestamp::date).unwrap_or_default();
            affected(ObjectKind::Domain, &d.sid, format!("{} (removed on {due})", d.name))
        })
        .collect();
    finding(
        "DOMAINS_LAPSING",
        Severity::High,
        "Verified domains are in their 30-day grace period",
        "Twilio's daily re-check no longer finds their TXT record. They keep working until the \
         date shown, then they are removed, and with them the sign-up settings and SSO on them."
            .to_owned(),
        lapsing,
        "Publish the domain's _twilio TXT record again, then select Check again on its page.",
    )
}

fn domains_record_missing(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let missing = ws
        .domains_of(organization)
        .filter(|d| matches!(d.status, DomainStatus::Verified { .. }))
        .filter(|d| !ws.dns_txt(&d.record_name()).any(|value| value == d.record_value()))
        .map(|d| affected(ObjectKind::Domain, &d.sid, &d.name))
        .collect();
    finding(
        "DOMAINS_ABOUT_TO_LAPSE",
        Severity::Medium,
        "Verified domains whose record is gone",
        "Their TXT record is no longer published, so Twilio's next daily re-check will start their \
         30-day grace period."
            .to_owned(),
        missing,
        "Publish the domain's _twilio TXT record again with your DNS provider.",
    )
}

fn sso_enforcement_refused(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let enforced = ws.sso_profile_of(organization).map(|p| &p.enforced_domains);
    let unmanaged = ws
        .domains_of(organization)
        .filter(|d| d.is_verified() && !enforced.is_some_and(|e| e.contains(&d.sid)))
        .flat_map(|d| ws.users_in_email_domain(&d.name))
        .filter(|u| u.role_in(organization).is_none())
        .map(|u| affected(ObjectKind::User, &u.sid, &u.email))
        .collect();
    finding(
        "SSO_ENFORCEMENT_REFUSED",
        Severity::Medium,
        "Users of your domains would stop SSO from being enforced",
        "These people have addresses in a domain you verified but are not managed users of the \
         organization. Enforcing SSO on that domain is refused until every user of it is managed."
            .to_owned(),
        unmanaged,
        "Invite or import them, or merge the organization they belong to, before enforcing SSO.",
    )
}

fn sso_lockout(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let profile = ws.sso_profile_of(organization)?;
    let error = ws.idp_error(&profile.sid)?;
    let locked_out = ws
        .members(organization)
        .filter(|u| sso_required(ws, &u.sid))
        .map(|u| affected(ObjectKind::User, &u.sid, &u.email))
        .collect();
    finding(
        "SSO_LOCKOUT",
        Severity::High,
        "Users who must log in with SSO cannot log in",
        format!(
            "SSO is enforced, but the identity provider answers with an error ({}). Everyone who \
             must use SSO is locked out; only the exempt administrator still has password login.",
            error.label()
        ),
        locked_out,
        "Fix the identity provider's configuration and test the connection again, or stop enforcing SSO.",
    )
}

fn sso_tested_not_enforced(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let profile = ws.sso_profile_of(organization)?;
    let idle = profile.tested.is_some() && profile.enforced_domains.is_empty();
    let affected =
        idle.then(|| affected(ObjectKind::SsoProfile, &profile.sid, &profile.idp_entity_id));
    finding(
        "SSO_TESTED_NOT_ENFORCED",
        Severity::Low,
        "A tested SSO profile enforces no domain",
        "The SSO connection passed its test, but no domain enforces it, so everyone still logs in \
         with a password."
            .to_owned(),
        affected.into_iter().collect(),
        "Enforce SSO on your verified domains from Single sign-on.",
    )
}

fn accounts_near_limit(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let org = ws.organization(organization)?;
    let (used, limit) =
        (accounts_toward_limit(ws, organization), org.managed_account_limit as usize);
    if used * LIMIT_WARNING_DENOMINATOR < limit * LIMIT_WARNING_NUMERATOR {
        return None;
    }
    let accounts = ws
        .accounts_of(organization)
        .filter(|a| !matches!(a.status, AccountStatus::Closed { .. }))
        .map(|a| affected(ObjectKind::Account, &a.sid, &a.friendly_name))
        .collect();
    finding(
        "ACCOUNTS_NEAR_LIMIT",
        if used >= limit { Severity::High } else { Severity::Medium },
        "The organization is near its managed-account limit",
        format!(
            "{used} of {limit} managed accounts are in use. New accounts, accounts added by \
             invitation and merges are refused at the limit."
        ),
        accounts,
        "Close accounts no longer needed, or ask Twilio support to raise the limit.",
    )
}

fn invitations_expiring(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let soon = ws.now().plus(EXPIRY_WARNING);
    let invitations = ws
        .invitations_of(organization)
        .filter(|i| match i.state {
            InvitationState::Pending => i.expires <= soon,
            InvitationState::Expired { .. } => true,
            _ => false,
        })
        .map(|i| {
            let who = match &i.subject {
                InvitationSubject::User { email, .. } => email.clone(),
                InvitationSubject::Account { account } => account.to_string(),
            };
            let when = match i.state {
                InvitationState::Expired { .. } => "expired".to_owned(),
                _ => format!("expires {}", i.expires),
            };
            affected(ObjectKind::Invitation, &i.sid, format!("{who} ({when})"))
        })
        .collect();
    finding(
        "INVITATIONS_EXPIRING",
        Severity::Low,
        "Invitations have expired or are about to",
        "Invitations expire 7 days after they are sent. The people invited cannot join with an \
         expired invitation."
            .to_owned(),
        invitations,
        "Resend them from the Pending tab of Users, or revoke the ones no longer wanted.",
    )
}

fn independent_access(ws: &Workspace, organization: &OrgSid) -> Option<Finding> {
    let people = independent_users(ws, organization)
        .into_iter()
        .map(|u| affected(ObjectKind::User, &u.sid, &u.email))
        .collect();
    finding(
        "INDEPENDENT_ACCESS",
        Severity::Low,
        "People outside the organization have access to its accounts",
        "These independent users hold roles on managed accounts, yet the organization controls \
         neither their settings, their 2FA nor their SSO."
            .to_owned(),
        people,
        "Review their access on each account's page; remove it, or invite them if they should be managed.",
    )
}
