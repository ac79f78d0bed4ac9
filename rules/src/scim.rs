//! SCIM provisioning, as a model: the OAuth app, and users created, deactivated and deleted
//! by an identity provider (twilio-facts §1.7).
//!
//! The identity provider calls the SCIM API with the organization's OAuth app, so every SCIM
//! command is the outside world's and needs that app to exist.

use crate::authz::{Actor, Permission, authorize};
use crate::model::{Membership, OauthApp, OrgRole, User};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{OauthAppSid, OrgSid, UserSid};
use crate::users::{email_address, removal};
use crate::workspace::Workspace;
use std::ops::RangeInclusive;

/// Lengths the ScimUser schema allows, in characters (twilio-facts §2.2).
const USER_NAME_LENGTH: RangeInclusive<usize> = 2..=255;
const EXTERNAL_ID_LENGTH: RangeInclusive<usize> = 2..=255;
const DISPLAY_NAME_LENGTH: RangeInclusive<usize> = 0..=255;
const EMAIL_LENGTH: RangeInclusive<usize> = 2..=160;

pub static SCIM_NEEDS_VERIFIED_DOMAIN: Rule = Rule {
    id: "SCIM_NEEDS_VERIFIED_DOMAIN",
    title: "SCIM provisioning needs a verified domain",
    explanation: "SCIM creates managed users whose email addresses are in the organization's \
        verified domains, so the organization verifies a domain before it creates the OAuth app \
        its identity provider uses.",
    source: "twilio-facts §1.5 (D-DOM, D-SCIM-API), §1.7 (D-SCIM-API)",
    kind: RuleKind::Refusal,
};

pub static SCIM_APP_REQUIRED: Rule = Rule {
    id: "SCIM_APP_REQUIRED",
    title: "The identity provider calls SCIM through the organization's OAuth app",
    explanation: "The SCIM API authenticates with an OAuth authorization-code app that an Owner or \
        Administrator creates under Admin > Applications > OAuth apps. Without one, the identity \
        provider cannot provision users.",
    source: "twilio-facts §1.7 (D-SCIM-OAUTH)",
    kind: RuleKind::Refusal,
};

pub static SCIM_USER_NAME_INVALID: Rule = Rule {
    id: "SCIM_USER_NAME_INVALID",
    title: "A SCIM user has a userName of 2 to 255 characters",
    explanation: "`userName` is required and holds 2 to 255 characters. Twilio answers error 25005 \
        when it is missing or out of range.",
    source: "twilio-facts §2.2 (ScimUser schema; E-25005)",
    kind: RuleKind::Refusal,
};

pub static SCIM_EMAIL_REQUIRED: Rule = Rule {
    id: "SCIM_EMAIL_REQUIRED",
    title: "A SCIM user has a primary email",
    explanation: "`emails` is required and holds at least one address; the first is the primary \
        one. Twilio answers error 25010 when the primary email is missing.",
    source: "twilio-facts §1.7 (D-SCIM-API), §2.2 (E-25010)",
    kind: RuleKind::Refusal,
};

pub static SCIM_USER_NAME_NOT_PRIMARY_EMAIL: Rule = Rule {
    id: "SCIM_USER_NAME_NOT_PRIMARY_EMAIL",
    title: "A SCIM user's userName is their primary email",
    explanation: "Twilio requires `userName` to equal `emails[primary=true].value`, compared \
        without regard to case, as SCIM compares userName. Twilio answers error 25014 otherwise.",
    source: "twilio-facts §1.7 (D-SCIM-API), §2.2 (E-25014); RFC 7643 §4.1 (caseExact false)",
    kind: RuleKind::Refusal,
};

pub static SCIM_VALUE_INVALID: Rule = Rule {
    id: "SCIM_VALUE_INVALID",
    title: "SCIM attributes have the lengths Twilio's schema allows",
    explanation: "Each email address has 2 to 160 characters and an `@`; `externalId` has 2 to 255 \
        characters and `displayName` at most 255. SCIM answers `invalidValue` otherwise.",
    source: "twilio-facts §2.2 (ScimUser schema; scimType invalidValue)",
    kind: RuleKind::Refusal,
};

pub static SCIM_EMAIL_DOMAIN_UNVERIFIED: Rule = Rule {
    id: "SCIM_EMAIL_DOMAIN_UNVERIFIED",
    title: "SCIM users' emails are in the organization's verified domains",
    explanation: "SCIM creates managed users only, and their email addresses must be in a domain \
        the organization has verified. Twilio answers error 25017 otherwise.",
    source: "twilio-facts §1.7 (D-SCIM-API), §2.2 (E-25017)",
    kind: RuleKind::Refusal,
};

pub static SCIM_USER_IN_OTHER_ORGANIZATION: Rule = Rule {
    id: "SCIM_USER_IN_OTHER_ORGANIZATION",
    title: "SCIM cannot take a user from another organization",
    explanation: "A user belongs to one organization at most. A Twilio user with this email address \
        is already a managed user of another organization; that organization must remove them, or \
        the two organizations merge.",
    source: "twilio-facts §1.1 (SK: \"A user belongs to one org only\"), §1.7",
    kind: RuleKind::Refusal,
};

pub static SCIM_USER_EXISTS: Rule = Rule {
    id: "SCIM_USER_EXISTS",
    title: "userName and externalId are unique",
    explanation: "A Twilio user with this email address already exists, or a user of this \
        organization already has this `externalId`. Twilio answers 409 with scimType `uniqueness` \
        and error 25022. Existing users join the organization by invitation or import instead.",
    source: "twilio-facts §1.7 (D-SCIM-API), §2.2 (E-25022)",
    kind: RuleKind::Refusal,
};

pub static SCIM_USER_NOT_FOUND: Rule = Rule {
    id: "SCIM_USER_NOT_FOUND",
    title: "SCIM sees only the organization's managed users",
    explanation: "SCIM reads and changes managed users of the organization only. A user who was \
        removed from the organization, or never belonged to it, is invisible to SCIM: Twilio \
        answers 404 with error 25008.",
    source: "twilio-facts §1.3 (E-25008), §2.2 (E-25008)",
    kind: RuleKind::Refusal,
};

pub static SCIM_OWNER_PROTECTED: Rule = Rule {
    id: "SCIM_OWNER_PROTECTED",
    title: "SCIM cannot deactivate or remove the Organization Owner",
    explanation: "The organization always has exactly one Owner, and only the Owner hands the \
        organization over, in the console. SCIM cannot deactivate or remove the Owner; Twilio \
        refuses changing the owner through the API with error 25016.",
    source: "twilio-facts §1.1 (E-25016), §2.2 (E-25016, E-25009)",
    kind: RuleKind::Refusal,
};

pub(crate) fn create_app(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
) -> Result<Plan, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    authorize(ws, actor, Permission::ManageScim, organization)?;
    let creator = found(actor.user(), "user", actor)?.clone();
    require(
        ws.domains_of(organization).any(|d| d.is_verified()),
        &SCIM_NEEDS_VERIFIED_DOMAIN,
        || "this organization has no verified domain; verify one first".to_owned(),
    )?;
    let organization = organization.clone();
    Ok(Plan::new(
        "Created an OAuth app for SCIM. Copy its client secret now: it is shown once.",
        move |ws| {
            let sid: OauthAppSid = ws.issue();
            ws.insert_oauth_app(OauthApp {
                sid: sid.clone(),
                organization,
                created_by: creator,
                date_created: ws.now(),
            });
            Applied::event(EventDraft::new(
                "oauth_app",
                "created",
                &sid,
                "OAuth app for SCIM created",
            ))
            .created(sid)
        },
    ))
}

fn require_app(ws: &Workspace, organization: &OrgSid) -> Result<(), Denial> {
    require(ws.oauth_apps_of(organization).next().is_some(), &SCIM_APP_REQUIRED, || {
        "this organization has no OAuth app for SCIM".to_owned()
    })
}

fn check_length(
    what: &str,
    value: &str,
    allowed: RangeInclusive<usize>,
    rule: &'static Rule,
) -> Result<(), Denial> {
    let length = value.chars().count();
    require(allowed.contains(&length), rule, || {
        format!(
            "`{what}` has {length} characters; it must have {} to {}",
            allowed.start(),
            allowed.end()
        )
    })
}

pub(crate) fn create_user(
    ws: &Workspace,
    organization: &OrgSid,
    user_name: &str,
    emails: &[String],
    external_id: Option<&str>,
    display_name: Option<&str>,
) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    require_app(ws, organization)?;
    let user_name = user_name.trim();
    check_length("userName", user_name, USER_NAME_LENGTH, &SCIM_USER_NAME_INVALID)?;
    let emails: Vec<String> = emails.iter().map(|e| e.trim().to_lowercase()).collect();
    let Some(primary) = emails.first().cloned() else {
        return Err(Denial::new(
            &SCIM_EMAIL_REQUIRED,
            "`emails` is empty; give at least the primary email",
        ));
    };
    require(user_name.to_lowercase() == primary, &SCIM_USER_NAME_NOT_PRIMARY_EMAIL, || {
        format!("`userName` is `{user_name}` but the primary email is `{primary}`")
    })?;
    for email in &emails {
        check_length("emails.value", email, EMAIL_LENGTH, &SCIM_VALUE_INVALID)?;
        // The same address syntax as everywhere else, reported as SCIM's invalidValue.
        email_address(email).map_err(|denial| Denial::new(&SCIM_VALUE_INVALID, denial.detail))?;
    }
    let external_id = external_id.map(str::trim);
    if let Some(id) = external_id {
        check_length("externalId", id, EXTERNAL_ID_LENGTH, &SCIM_VALUE_INVALID)?;
    }
    let display_name = display_name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(name) = display_name {
        check_length("displayName", name, DISPLAY_NAME_LENGTH, &SCIM_VALUE_INVALID)?;
    }
    for email in &emails {
        let domain = email.rsplit_once('@').map_or("", |(_, d)| d);
        require(
            ws.domains_of(organization).any(|d| d.name == domain && d.is_verified()),
            &SCIM_EMAIL_DOMAIN_UNVERIFIED,
            || format!("`{domain}` is not a verified domain of {}", org.friendly_name),
        )?;
    }
    if let Some(existing) = ws.user_by_email(&primary) {
        let other = existing
            .membership
            .as_ref()
            .filter(|m| &m.organization != organization)
            .and_then(|m| ws.organization(&m.organization));
        if let Some(other) = other {
            return Err(Denial::new(
                &SCIM_USER_IN_OTHER_ORGANIZATION,
                format!("`{primary}` already belongs to {}", other.friendly_name),
            ));
        }
        return Err(Denial::new(
            &SCIM_USER_EXISTS,
            format!("a user with userName `{primary}` already exists"),
        ));
    }
    if let Some(id) = external_id {
        require(ws.user_by_external_id(organization, id).is_none(), &SCIM_USER_EXISTS, || {
            format!("a user of {} already has externalId `{id}`", org.friendly_name)
        })?;
    }

    let organization = organization.clone();
    let external_id = external_id.map(str::to_owned);
    let name = display_name.unwrap_or(&primary).to_owned();
    Ok(Plan::new(format!("Provisioned {primary}"), move |ws| {
        let mut user = User::new(ws.issue(), primary.clone(), name, ws.now());
        user.membership = Some(Membership { organization, role: OrgRole::Standard });
        user.external_id = external_id;
        let sid = user.sid.clone();
        ws.insert_user(user);
        Applied::event(EventDraft::new(
            "user",
            "created",
            &sid,
            format!("{primary} provisioned by SCIM"),
        ))
        .created(sid)
    }))
}

/// The managed user of `organization` that a SCIM request names, as SCIM sees it.
fn managed_user<'w>(
    ws: &'w Workspace,
    organization: &OrgSid,
    user: &UserSid,
) -> Result<&'w User, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    require_app(ws, organization)?;
    let user = found(ws.user(user), "user", user)?;
    require(user.role_in(organization).is_some(), &SCIM_USER_NOT_FOUND, || {
        format!("`{}` is not a managed user of this organization", user.email)
    })?;
    Ok(user)
}

fn refuse_owner(user: &User, organization: &OrgSid, what: &str) -> Result<(), Denial> {
    require(user.role_in(organization) != Some(OrgRole::Owner), &SCIM_OWNER_PROTECTED, || {
        format!("`{}` is the Organization Owner and cannot be {what}", user.email)
    })
}

pub(crate) fn set_active(
    ws: &Workspace,
    organization: &OrgSid,
    user: &UserSid,
    active: bool,
) -> Result<Plan, Denial> {
    let user = managed_user(ws, organization, user)?;
    if !active {
        refuse_owner(user, organization, "deactivated")?;
    }
    let (sid, email, previous) = (user.sid.clone(), user.email.clone(), user.active);
    let state = if active { "active" } else { "deactivated" };
    Ok(Plan::new(format!("{email} is {state}"), move |ws| {
        if previous == active {
            return Applied::default();
        }
        let now = ws.now();
        ws.update_user(&sid, |u| {
            u.active = active;
            if !active {
                u.signed_in = false;
                u.sessions_ended = Some(now);
            }
        });
        Applied::event(
            EventDraft::new("user", "updated", &sid, format!("{email} {state} by SCIM")).field(
                "active",
                Some(previous),
                Some(active),
            ),
        )
    }))
}

/// Twilio does not say whether SCIM's DELETE removes the user from the organization or deletes
/// them from Twilio (twilio-facts §1.7, unconfirmed). We remove them from the organization: they
/// keep their Twilio login and independent accounts, lose their roles on its managed accounts, and
/// SCIM no longer sees them.
pub(crate) fn delete_user(
    ws: &Workspace,
    organization: &OrgSid,
    user: &UserSid,
) -> Result<Plan, Denial> {
    let user = managed_user(ws, organization, user)?;
    refuse_owner(user, organization, "removed")?;
    let role = user.role_in(organization).unwrap_or(OrgRole::Standard);
    removal(ws, organization, user, role, " by SCIM")
}
