//! Signing up for Twilio, and what a verified domain's sign-up setting does to it
//! (organizations-overview "How organizations fit", "Settings"; twilio-facts §1.5).
//!
//! A sign-up's address is matched against verified domains by its exact domain: verifying
//! `corporate.com` does not govern `eu.corporate.com`, which another organization may verify
//! (twilio-facts §1.5, H-FAQ), so a parent domain's setting cannot reach it.
//!
//! Blocked lets the person sign up on their own: the overview says such users "can't join this
//! Organization", not that they cannot sign up, while it says in so many words that the
//! restricted setting prevents signing up. So a blocked sign-up gets the usual user, first
//! account and first organization, apart from the organization that owns the domain.

use crate::accounts::{ACCOUNT_CREATED_MANAGED, check_account_limit};
use crate::hipaa::HIPAA_NEW_ACCOUNT_UNFLAGGED;
use crate::model::{
    Account, AccountType, Invitation, InvitationState, InvitationSubject, Membership, OrgRole,
    SignupPolicy, Usage, User,
};
use crate::organizations::{
    ORG_CREATOR_OWNER, ORG_NAME_MAX, ORG_OWNER_ACCOUNTS_MANAGED, found_organization,
};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{AccountSid, OrgSid, UserSid};
use crate::users::{self, email_address, friendly_name};
use crate::workspace::Workspace;

/// What Twilio names the account it creates at sign-up.
pub const FIRST_ACCOUNT_NAME: &str = "My first Twilio account";

pub static SIGNUP_EMAIL_TAKEN: Rule = Rule {
    id: "SIGNUP_EMAIL_TAKEN",
    title: "One Twilio user per email address",
    explanation: "A Twilio user is identified by their email address, so an address that already \
        has a user cannot sign up again: log in instead, or sign up with another address.",
    source: "organizations-overview, \"How organizations fit into Twilio\"",
    kind: RuleKind::Refusal,
};

pub static SIGNUP_DOMAIN_RESTRICTED: Rule = Rule {
    id: "SIGNUP_DOMAIN_RESTRICTED",
    title: "A restricted domain lets only invited people in",
    explanation: "The organization that verified this email domain prevents users from signing up \
        with its addresses unless it explicitly invited them. Request an invitation, accept the one \
        you received, or sign up with an alternative email address for an entirely separate user. \
        Only the exact domain counts: a subdomain has its own setting, if verified at all.",
    source: "organizations-overview, \"Settings\"; twilio-facts §1.5 (SK, H-INVERR)",
    kind: RuleKind::Refusal,
};

pub static PHONE_ALREADY_VERIFIED: Rule = Rule {
    id: "PHONE_ALREADY_VERIFIED",
    title: "A phone number is verified once",
    explanation: "The user already has a verified phone number, which is what creating an \
        organization needs. There is nothing more to verify.",
    source: "organizations-overview, \"Create your Organization\" (warning)",
    kind: RuleKind::Refusal,
};

pub static SIGNUP_FIRST_ORGANIZATION: Rule = Rule {
    id: "SIGNUP_FIRST_ORGANIZATION",
    title: "A sign-up gets a user, a first account and a first organization",
    explanation: "When you first sign up with Twilio, Twilio creates a user, which represents the \
        developer; an account, in trial mode, owned by that user; and their first Organization, \
        which groups the two together, with the new user as its Owner. This is what happens to \
        any address whose domain no organization has verified, and under the Blocked setting.",
    source: "organizations-overview, \"How organizations fit into Twilio\"",
    kind: RuleKind::Effect,
};

pub static SIGNUP_AUTO_ENROLLMENT: Rule = Rule {
    id: "SIGNUP_AUTO_ENROLLMENT",
    title: "Auto-enrollment: a sign-up at the domain joins the organization",
    explanation: "Users that sign up with email addresses from a domain set to Auto-enrollment \
        automatically join the Organization that verified it, as managed Standard users, and \
        Twilio grants them permission to create accounts within the Organization: their first \
        account is one of its managed accounts, so it must have room under its account limit. \
        No first organization of their own is created.",
    source: "organizations-overview, \"Settings\"; organizations-setup-skill (domain settings); twilio-facts §1.5",
    kind: RuleKind::Effect,
};

pub static SIGNUP_BLOCKED: Rule = Rule {
    id: "SIGNUP_BLOCKED",
    title: "Blocked: a sign-up at the domain cannot join the organization",
    explanation: "Users that sign up with email addresses from a domain set to Blocked can't join \
        the Organization that verified it. The documents do not say they cannot sign up at all \
        (the Restricted setting is the one that prevents signing up), so we let the sign-up \
        happen the usual way: the person gets their own user, first account and first \
        organization, apart from the organization that owns the domain.",
    source: "organizations-overview, \"Settings\"; organizations-setup-skill (domain settings); our reading",
    kind: RuleKind::Effect,
};

pub static SIGNUP_WITH_INVITATION: Rule = Rule {
    id: "SIGNUP_WITH_INVITATION",
    title: "An invited person signs up by joining the organization that invited them",
    explanation: "Someone the organization that verified their email domain explicitly invited \
        signs up through their invitation, whatever the domain's setting: the invitation is \
        accepted, and the new user joins with the role it gives, with no first account or \
        organization of their own. Under Restricted this is the only way in; an invitation that \
        expired must be resent first. The documents say only that Restricted lets invited people \
        sign up; that an invitation also outranks Auto-enrollment and Blocked is our reading of \
        an explicit invitation.",
    source: "organizations-overview, \"Settings\"; organizations-setup-skill (domain settings); twilio-facts §1.5",
    kind: RuleKind::Effect,
};

/// Where a sign-up lands, decided before anything changes.
enum Landing {
    /// Auto-enrollment: a Standard user of the domain's organization.
    Enrolled(OrgSid),
    /// The usual sign-up: their own first organization.
    OnTheirOwn,
}

pub(crate) fn sign_up(ws: &Workspace, email: &str, name: &str) -> Result<Plan, Denial> {
    let email = email_address(email)?;
    require(ws.user_by_email(&email).is_none(), &SIGNUP_EMAIL_TAKEN, || {
        format!("`{email}` is already a Twilio user: log in instead")
    })?;
    let domain = email.rsplit_once('@').map_or("", |(_, d)| d);
    let mut blocked = false;
    let landing = match ws.domains_named(domain).find(|d| d.is_verified()) {
        None => Landing::OnTheirOwn,
        Some(verified) => {
            let organization = &verified.organization;
            let org_name = ws
                .organization(organization)
                .map_or("an organization", |o| o.friendly_name.as_str());
            let invitation = newest_invitation(ws, organization, &email);
            if let Some(pending) = invitation.filter(|i| i.state == InvitationState::Pending) {
                return signing_up_invited(ws, pending, name);
            }
            match verified.signup_policy {
                SignupPolicy::Restricted => {
                    // An invitation that expired still tells the person where they stand.
                    let invitation = invitation.ok_or_else(|| {
                        Denial::new(
                            &SIGNUP_DOMAIN_RESTRICTED,
                            format!(
                                "{org_name} lets only invited people sign up with `{domain}` addresses"
                            ),
                        )
                    })?;
                    return signing_up_invited(ws, invitation, name);
                }
                SignupPolicy::AutoEnrollment => {
                    // The newcomer's first account joins the organization too, so it must have room.
                    let org = found(ws.organization(organization), "organization", organization)?;
                    check_account_limit(ws, org)?;
                    Landing::Enrolled(organization.clone())
                }
                SignupPolicy::Blocked => {
                    blocked = true;
                    Landing::OnTheirOwn
                }
            }
        }
    };

    let name = friendly_name(name, &email);
    let rules: Vec<&'static Rule> = match &landing {
        Landing::Enrolled(organization) => {
            let baa = ws.organization(organization).is_some_and(|o| o.hipaa_entitled);
            let mut rules = vec![&SIGNUP_AUTO_ENROLLMENT, &ACCOUNT_CREATED_MANAGED];
            rules.extend(baa.then_some(&HIPAA_NEW_ACCOUNT_UNFLAGGED));
            rules
        }
        Landing::OnTheirOwn => {
            let mut rules = vec![&SIGNUP_FIRST_ORGANIZATION, &ORG_CREATOR_OWNER];
            rules.push(&ORG_OWNER_ACCOUNTS_MANAGED);
            if blocked {
                rules.insert(0, &SIGNUP_BLOCKED);
            }
            rules
        }
    };
    let summary = match &landing {
        Landing::Enrolled(organization) => format!(
            "{email} signed up and joined {} as a Standard user",
            ws.organization(organization).map_or("the organization", |o| o.friendly_name.as_str())
        ),
        Landing::OnTheirOwn if blocked => format!(
            "{email} signed up with their own first organization: the domain's organization blocks them"
        ),
        Landing::OnTheirOwn => format!("{email} signed up with their own first organization"),
    };
    let plan = Plan::new(summary, move |ws| {
        let user = User::new(ws.issue(), email.clone(), name.clone(), ws.now());
        let sid = user.sid.clone();
        ws.insert_user(user);
        let (account, founded) = match landing {
            Landing::Enrolled(organization) => {
                ws.update_user(&sid, |u| {
                    u.membership = Some(Membership {
                        organization: organization.clone(),
                        role: OrgRole::Standard,
                    });
                });
                (first_account(ws, &sid, Some(organization)), None)
            }
            Landing::OnTheirOwn => {
                let account = first_account(ws, &sid, None);
                let org_name: String =
                    format!("{name}'s organization").chars().take(ORG_NAME_MAX).collect();
                let organization = found_organization(ws, org_name.clone(), &sid);
                (account, Some((organization, org_name)))
            }
        };
        let mut events = vec![
            EventDraft::new("user", "created", &sid, format!("{email} signed up")),
            EventDraft::new(
                "account",
                "created",
                account,
                format!("{FIRST_ACCOUNT_NAME} created for {email}"),
            ),
        ];
        if let Some((organization, org_name)) = founded {
            events.push(EventDraft::new(
                "organization",
                "created",
                organization,
                format!("Organization {org_name} created at sign-up"),
            ));
        }
        Applied { created: Some(sid.to_string()), events }
    });
    Ok(rules.into_iter().fold(plan, Plan::because))
}

/// The newest invitation `organization` sent `email` that is open or expired: one that was
/// answered or revoked no longer invites them.
fn newest_invitation<'w>(
    ws: &'w Workspace,
    organization: &OrgSid,
    email: &str,
) -> Option<&'w Invitation> {
    ws.invitations_of(organization)
        .filter(|i| matches!(i.state, InvitationState::Pending | InvitationState::Expired { .. }))
        .filter(|i| matches!(&i.subject, InvitationSubject::User { email: e, merges: None, .. } if e == email))
        .max_by_key(|i| i.sent)
}

/// [`SIGNUP_WITH_INVITATION`]: the sign-up accepts the person's invitation.
fn signing_up_invited(ws: &Workspace, invitation: &Invitation, name: &str) -> Result<Plan, Denial> {
    users::require_answerable(ws, invitation, true)?;
    let mut plan = users::answer(ws, invitation, true, name)?;
    plan.summary = format!("{} with the invitation they received", plan.summary);
    Ok(plan.because(&SIGNUP_WITH_INVITATION))
}

/// The trial account Twilio creates with every new user, owned by them.
fn first_account(ws: &mut Workspace, owner: &UserSid, organization: Option<OrgSid>) -> AccountSid {
    let now = ws.now();
    let account = Account::new(
        ws.issue(),
        FIRST_ACCOUNT_NAME.to_owned(),
        organization,
        owner.clone(),
        AccountType::Trial,
        Usage::Twilio,
        now,
    );
    let sid = account.sid.clone();
    ws.insert_account(account);
    sid
}

pub(crate) fn verify_phone_number(ws: &Workspace, sid: &UserSid) -> Result<Plan, Denial> {
    let user = found(ws.user(sid), "user", sid)?;
    require(!user.phone_verified, &PHONE_ALREADY_VERIFIED, || {
        format!("`{}` already has a verified phone number", user.email)
    })?;
    let (sid, email) = (user.sid.clone(), user.email.clone());
    Ok(Plan::new(format!("{email} verified a phone number"), move |ws| {
        ws.update_user(&sid, |u| u.phone_verified = true);
        Applied::event(
            EventDraft::new("user", "updated", &sid, format!("{email} verified a phone number"))
                .field("phone_verified", Some(false), Some(true)),
        )
    }))
}
