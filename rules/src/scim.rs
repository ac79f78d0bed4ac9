//! SCIM provisioning, as a model: the OAuth app, and users created, replaced and deleted by an
//! identity provider (twilio-facts §1.7).
//!
//! The identity provider calls the SCIM API with the organization's OAuth app, so every SCIM
//! command's actor is that app. The HTTP endpoint in [`endpoint`] turns requests into these
//! commands and their outcomes into responses.

pub mod endpoint;
mod errors;
pub mod http;
pub mod patch;
pub mod query;
pub mod resource;

use crate::authz::{Actor, Permission, authorize};
use crate::clock::Timestamp;
use crate::model::{
    Membership, OauthApp, OrgRole, PasswordState, ScimAttributes, ScimEmail, ScimProfile, User,
};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{OauthAppSid, OrgSid, UserSid};
use crate::users::{PASSWORD_RESET_LIFETIME, email_address};
use crate::workspace::Workspace;
use std::ops::RangeInclusive;

/// Lengths the ScimUser schema allows, in characters (twilio-facts §2.2).
const USER_NAME_LENGTH: RangeInclusive<usize> = 2..=255;
const EXTERNAL_ID_LENGTH: RangeInclusive<usize> = 2..=255;
const NAME_LENGTH: RangeInclusive<usize> = 0..=255;
const EMAIL_LENGTH: RangeInclusive<usize> = 2..=160;
const EMAIL_TYPE_LENGTH: RangeInclusive<usize> = 0..=64;

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
        Administrator creates under Admin > Applications > OAuth apps; the organization SCIM \
        acts on is the app's. Without the app, or once it is gone, the identity provider cannot \
        provision users: SCIM answers 401.",
    source: "twilio-facts §1.7 (D-SCIM-OAUTH), §2.3 (D-SCIM-API)",
    kind: RuleKind::Refusal,
};

pub static SCIM_APP_AUTHORIZER_INACTIVE: Rule = Rule {
    id: "SCIM_APP_AUTHORIZER_INACTIVE",
    title: "The OAuth app works while the user who authorized it is an active member",
    explanation: "The identity provider's tokens act for the user who authorized the OAuth app. \
        Deactivating that user, or removing them from the organization, stops provisioning: SCIM \
        answers 401. This is why Twilio advises authorizing the app with a dedicated service \
        user.",
    source: "twilio-facts §1.7 (D-SCIM-OAUTH), §3 item 7 (D-SCIM-OKTA, D-SCIM-OAUTH)",
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
    explanation: "`emails` is required and holds at least one address. The primary email is the \
        one marked `primary: true`, or the only one: with two or more, one must be marked. Twilio \
        answers error 25010 when the primary email is missing.",
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
    title: "SCIM attributes have the types and lengths Twilio's schema allows",
    explanation: "Each email address has 2 to 160 characters and an `@`, and a type of at most 64; \
        at most one email is primary; `displayName`, `name.givenName` and `name.familyName` have \
        at most 255 characters; each attribute has the JSON type the schema gives it. SCIM \
        answers 400 `invalidValue` otherwise.",
    source: "twilio-facts §2.2 (ScimUser schema; scimType invalidValue); RFC 7643 §2.4 (one \
        primary)",
    kind: RuleKind::Refusal,
};

pub static SCIM_EXTERNAL_ID_INVALID: Rule = Rule {
    id: "SCIM_EXTERNAL_ID_INVALID",
    title: "An externalId has 2 to 255 characters",
    explanation: "`externalId` is the identity provider's own id for the user, and holds 2 to 255 \
        characters. Twilio answers error 25004 when it is shorter.",
    source: "twilio-facts §1.7 (E-25004), §2.2 (ScimUser schema)",
    kind: RuleKind::Refusal,
};

pub static SCIM_VERSION_CONFLICT: Rule = Rule {
    id: "SCIM_VERSION_CONFLICT",
    title: "A change names the user's current version, if it names one",
    explanation: "SCIM locks optimistically: a request whose `If-Match` header (or, for a PUT, \
        whose `meta.version`) names a version other than the user's current `meta.version` \
        changes nothing. Twilio answers 409 with error 25020, as its API specification gives; RFC \
        7644 would answer 412. Read the user again and resend.",
    source: "twilio-facts §1.7 (D-SCIM-API, OAI, E-25020), §2.2 (If-Match)",
    kind: RuleKind::Refusal,
};

pub static SCIM_USER_CREATED: Rule = Rule {
    id: "SCIM_USER_CREATED",
    title: "SCIM creates a managed Standard user, who gets a welcome email",
    explanation: "A user created through SCIM is a managed user of the organization with the \
        Standard role, active unless the request says `active: false`. Twilio sends them a \
        welcome email to set their password; we model it as a password link that lasts 24 hours, \
        like a reset.",
    source: "twilio-facts §1.7 (D-SCIM-API), §1.3 (reset link lifetime)",
    kind: RuleKind::Effect,
};

pub static SCIM_REPLACE_CLEARS_OMITTED: Rule = Rule {
    id: "SCIM_REPLACE_CLEARS_OMITTED",
    title: "A replacement clears the attributes it leaves out",
    explanation: "PUT replaces all of a user's attributes: `externalId`, `displayName`, `name`, \
        further emails, `locale` and `timezone` that the request leaves out are cleared. `active` \
        left out stays as it was, since a user always has it. A PATCH changes only what its \
        operations name.",
    source: "twilio-facts §1.7 (D-SCIM-API); RFC 7644 §3.5.1",
    kind: RuleKind::Effect,
};

pub static SCIM_DELETE_DEACTIVATES: Rule = Rule {
    id: "SCIM_DELETE_DEACTIVATES",
    title: "DELETE deactivates the user; it does not delete them",
    explanation: "Twilio does not delete a user on a SCIM DELETE: it deactivates them and answers \
        204. The user stays a managed user of the organization with their roles, cannot log in, \
        and their sessions end. A later GET still finds them, with `active: false` (RFC 7644 \
        would answer 404; Twilio does not say, and keeping them visible lets the identity \
        provider reactivate them).",
    source: "twilio-facts §1.7 (D-SCIM-API, D-SCIM-OKTA)",
    kind: RuleKind::Effect,
};

pub static SCIM_EMAIL_DOMAIN_UNVERIFIED: Rule = Rule {
    id: "SCIM_EMAIL_DOMAIN_UNVERIFIED",
    title: "A SCIM user's primary email is in a verified domain",
    explanation: "SCIM creates managed users only, so the primary email, which is the userName \
        the user signs in with, must be in a domain the organization has verified. Further \
        emails may be in any domain. Twilio answers error 25017 otherwise.",
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
    title: "SCIM cannot change the Organization Owner",
    explanation: "The organization always has exactly one Owner, and only the Owner hands the \
        organization over, in the console. SCIM may read the Owner but not change, deactivate or \
        delete them: Twilio answers error 25016.",
    source: "twilio-facts §1.1 (E-25016), §2.2 (E-25016)",
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

/// The OAuth app a SCIM command comes through, once it may act: it exists, and the user who
/// authorized it is still an active member of its organization.
pub fn calling_app<'w>(ws: &'w Workspace, actor: &Actor) -> Result<&'w OauthApp, Denial> {
    let Actor::App(sid) = actor else {
        return Err(Denial::new(
            &SCIM_APP_REQUIRED,
            format!("{actor} is not an identity provider; SCIM is called through an OAuth app"),
        ));
    };
    let app = ws.oauth_app(sid).ok_or_else(|| {
        Denial::new(&SCIM_APP_REQUIRED, format!("the OAuth app `{sid}` no longer exists"))
    })?;
    let authorizer = ws.user(&app.created_by);
    let email = authorizer.map_or_else(|| app.created_by.to_string(), |u| u.email.clone());
    require(
        authorizer.is_some_and(|u| u.active && u.role_in(&app.organization).is_some()),
        &SCIM_APP_AUTHORIZER_INACTIVE,
        || format!("`{email}`, who authorized the OAuth app, is no longer an active member"),
    )?;
    Ok(app)
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

/// `attributes` as the user will hold them, trimmed and lower-cased where SCIM compares without
/// case, once every rule about their shape holds.
fn normalized(attributes: &ScimAttributes) -> Result<ScimAttributes, Denial> {
    let trimmed = |value: &Option<String>| {
        value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
    };
    let user_name = attributes.user_name.trim();
    check_length("userName", user_name, USER_NAME_LENGTH, &SCIM_USER_NAME_INVALID)?;
    let user_name = user_name.to_lowercase();
    let sole = attributes.emails.len() == 1;
    let emails: Vec<ScimEmail> = attributes
        .emails
        .iter()
        .map(|email| ScimEmail {
            value: email.value.trim().to_lowercase(),
            kind: trimmed(&email.kind),
            primary: email.primary || sole,
        })
        .collect();
    for email in &emails {
        check_length("emails.value", &email.value, EMAIL_LENGTH, &SCIM_VALUE_INVALID)?;
        // The same address syntax as everywhere else, reported as SCIM's invalidValue.
        email_address(&email.value)
            .map_err(|denial| Denial::new(&SCIM_VALUE_INVALID, denial.detail))?;
        if let Some(kind) = &email.kind {
            check_length("emails.type", kind, EMAIL_TYPE_LENGTH, &SCIM_VALUE_INVALID)?;
        }
    }
    let primaries = emails.iter().filter(|e| e.primary).count();
    require(primaries <= 1, &SCIM_VALUE_INVALID, || {
        format!("{primaries} emails are marked primary; at most one may be")
    })?;
    let normalized = ScimAttributes {
        user_name,
        external_id: trimmed(&attributes.external_id),
        display_name: trimmed(&attributes.display_name),
        given_name: trimmed(&attributes.given_name),
        family_name: trimmed(&attributes.family_name),
        emails,
        active: attributes.active,
        locale: trimmed(&attributes.locale),
        timezone: trimmed(&attributes.timezone),
    };
    let primary = primary_email(&normalized).ok_or_else(|| {
        let detail = if normalized.emails.is_empty() {
            "`emails` is empty; give at least the primary email"
        } else {
            "with more than one email, one must be marked `primary: true`"
        };
        Denial::new(&SCIM_EMAIL_REQUIRED, detail)
    })?;
    require(
        normalized.user_name.to_lowercase() == primary,
        &SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
        || format!("`userName` is `{}` but the primary email is `{primary}`", normalized.user_name),
    )?;
    if let Some(id) = &normalized.external_id {
        check_length("externalId", id, EXTERNAL_ID_LENGTH, &SCIM_EXTERNAL_ID_INVALID)?;
    }
    for (what, value) in [
        ("displayName", &normalized.display_name),
        ("name.givenName", &normalized.given_name),
        ("name.familyName", &normalized.family_name),
    ] {
        if let Some(value) = value {
            check_length(what, value, NAME_LENGTH, &SCIM_VALUE_INVALID)?;
        }
    }
    Ok(normalized)
}

/// The primary email: the one marked primary, or the only one.
fn primary_email(attributes: &ScimAttributes) -> Option<String> {
    match attributes.emails.as_slice() {
        [only] => Some(only.value.clone()),
        emails => emails.iter().find(|e| e.primary).map(|e| e.value.clone()),
    }
}

/// Checks that `attributes` fit `organization` beside its other users: the primary email is in
/// a verified domain, and no other user has the userName or the externalId.
fn check_fits(
    ws: &Workspace,
    organization: &OrgSid,
    attributes: &ScimAttributes,
    user: Option<&UserSid>,
) -> Result<(), Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    let primary = attributes.user_name.to_lowercase();
    let domain = primary.rsplit_once('@').map_or("", |(_, d)| d);
    require(
        ws.domains_of(organization).any(|d| d.name == domain && d.is_verified()),
        &SCIM_EMAIL_DOMAIN_UNVERIFIED,
        || format!("`{domain}` is not a verified domain of {}", org.friendly_name),
    )?;
    if let Some(existing) = ws.user_by_email(&primary).filter(|u| Some(&u.sid) != user) {
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
    if let Some(id) = &attributes.external_id {
        let holder = ws.user_by_external_id(organization, id).filter(|u| Some(&u.sid) != user);
        require(holder.is_none(), &SCIM_USER_EXISTS, || {
            format!("a user of {} already has externalId `{id}`", org.friendly_name)
        })?;
    }
    Ok(())
}

/// The name the console shows for a SCIM user: the display name, else the given and family
/// names, else the email.
fn console_name(attributes: &ScimAttributes) -> String {
    let full_name = [&attributes.given_name, &attributes.family_name]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    attributes
        .display_name
        .clone()
        .or((!full_name.is_empty()).then_some(full_name))
        .unwrap_or_else(|| attributes.user_name.to_lowercase())
}

fn profile(
    attributes: &ScimAttributes,
    provisioned: bool,
    version: u64,
    now: Timestamp,
) -> ScimProfile {
    ScimProfile {
        provisioned,
        display_name: attributes.display_name.clone(),
        given_name: attributes.given_name.clone(),
        family_name: attributes.family_name.clone(),
        emails: attributes.emails.clone(),
        locale: attributes.locale.clone(),
        timezone: attributes.timezone.clone(),
        version,
        last_modified: now,
    }
}

pub(crate) fn create_user(
    ws: &Workspace,
    actor: &Actor,
    attributes: &ScimAttributes,
) -> Result<Plan, Denial> {
    let organization = calling_app(ws, actor)?.organization.clone();
    let attributes = normalized(attributes)?;
    check_fits(ws, &organization, &attributes, None)?;
    let email = attributes.user_name.to_lowercase();
    Ok(Plan::new(format!("Provisioned {email}"), move |ws| {
        let now = ws.now();
        let mut user = User::new(ws.issue(), email.clone(), console_name(&attributes), now);
        user.membership = Some(Membership { organization, role: OrgRole::Standard });
        user.external_id = attributes.external_id.clone();
        user.active = attributes.active.unwrap_or(true);
        user.password = PasswordState::ResetPending { expires: now.plus(PASSWORD_RESET_LIFETIME) };
        user.scim = Some(profile(&attributes, true, 1, now));
        let sid = user.sid.clone();
        ws.insert_user(user);
        Applied::event(EventDraft::new(
            "user",
            "created",
            &sid,
            format!("{email} provisioned by SCIM"),
        ))
        .created(sid)
    })
    .because(&SCIM_USER_CREATED))
}

/// The managed user of the calling app's organization that a SCIM request names, as SCIM sees
/// it, at the version the request expects.
fn target<'w>(
    ws: &'w Workspace,
    actor: &Actor,
    user: &UserSid,
    if_match: Option<u64>,
) -> Result<(&'w User, OrgSid), Denial> {
    let organization = calling_app(ws, actor)?.organization.clone();
    let found = ws.user(user).filter(|u| u.role_in(&organization).is_some());
    let user = found.ok_or_else(|| {
        Denial::new(
            &SCIM_USER_NOT_FOUND,
            format!("`{user}` is not a managed user of this organization"),
        )
    })?;
    if let Some(expected) = if_match {
        let current = user.scim_version();
        require(expected == current, &SCIM_VERSION_CONFLICT, || {
            format!("the request expects version W/{expected}, but the user is at W/{current}")
        })?;
    }
    Ok((user, organization))
}

fn refuse_owner(user: &User, organization: &OrgSid, what: &str) -> Result<(), Denial> {
    require(user.role_in(organization) != Some(OrgRole::Owner), &SCIM_OWNER_PROTECTED, || {
        format!("`{}` is the Organization Owner and cannot be {what} through SCIM", user.email)
    })
}

/// The user's attributes as SCIM holds them now.
pub fn attributes_of(user: &User) -> ScimAttributes {
    let profile = user.scim.clone();
    let emails = profile
        .as_ref()
        .map(|p| p.emails.clone())
        .filter(|emails| !emails.is_empty())
        .unwrap_or_else(|| {
            vec![ScimEmail { value: user.email.clone(), kind: None, primary: true }]
        });
    let profile = profile.as_ref();
    ScimAttributes {
        user_name: user.email.clone(),
        external_id: user.external_id.clone(),
        display_name: profile
            .map_or_else(|| Some(user.friendly_name.clone()), |p| p.display_name.clone()),
        given_name: profile.and_then(|p| p.given_name.clone()),
        family_name: profile.and_then(|p| p.family_name.clone()),
        emails,
        active: Some(user.active),
        locale: profile.and_then(|p| p.locale.clone()),
        timezone: profile.and_then(|p| p.timezone.clone()),
    }
}

/// How a request writes a user's attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Write {
    /// All of them: what it leaves out is cleared.
    Put,
    /// Those its operations name; the endpoint has applied them to the others already.
    Patch,
}

pub(crate) fn replace_user(
    ws: &Workspace,
    actor: &Actor,
    user: &UserSid,
    attributes: &ScimAttributes,
    if_match: Option<u64>,
    write: Write,
) -> Result<Plan, Denial> {
    let (user, organization) = target(ws, actor, user, if_match)?;
    let mut attributes = normalized(attributes)?;
    let before = attributes_of(user);
    attributes.active = attributes.active.or(before.active);
    if attributes == before {
        return Ok(Plan::new(format!("{} is unchanged", user.email), |_| Applied::default()));
    }
    refuse_owner(user, &organization, "changed")?;
    check_fits(ws, &organization, &attributes, Some(&user.sid))?;
    let cleared = [
        (before.external_id.is_some(), attributes.external_id.is_none()),
        (before.display_name.is_some(), attributes.display_name.is_none()),
        (before.given_name.is_some(), attributes.given_name.is_none()),
        (before.family_name.is_some(), attributes.family_name.is_none()),
        (before.locale.is_some(), attributes.locale.is_none()),
        (before.timezone.is_some(), attributes.timezone.is_none()),
        (before.emails.len() > 1, attributes.emails.len() <= 1),
    ]
    .iter()
    .any(|(was, is_gone)| *was && *is_gone);
    let (sid, version, provisioned) =
        (user.sid.clone(), user.scim_version(), user.provisioned_by_scim());
    let email = attributes.user_name.to_lowercase();
    Ok(Plan::new(format!("Updated {email}"), move |ws| {
        let now = ws.now();
        let active = attributes.active.unwrap_or(true);
        let name = console_name(&attributes);
        ws.update_user(&sid, |u| {
            u.email = email.clone();
            u.friendly_name = name;
            u.external_id = attributes.external_id.clone();
            if u.active && !active {
                u.signed_in = false;
                u.sessions_ended = Some(now);
            }
            u.active = active;
            u.scim = Some(profile(&attributes, provisioned, version + 1, now));
        });
        let mut event =
            EventDraft::new("user", "updated", &sid, format!("{email} updated by SCIM"));
        for (field, old, new) in [
            ("email", Some(before.user_name.clone()), Some(email.clone())),
            ("external_id", before.external_id.clone(), attributes.external_id.clone()),
            ("active", before.active.map(|a| a.to_string()), Some(active.to_string())),
        ] {
            if old != new {
                event = event.field(field, old, new);
            }
        }
        Applied::event(event)
    })
    .because_if(cleared && write == Write::Put, &SCIM_REPLACE_CLEARS_OMITTED))
}

pub(crate) fn delete_user(
    ws: &Workspace,
    actor: &Actor,
    user: &UserSid,
    if_match: Option<u64>,
) -> Result<Plan, Denial> {
    let (user, organization) = target(ws, actor, user, if_match)?;
    refuse_owner(user, &organization, "deleted")?;
    let (sid, email, was_active) = (user.sid.clone(), user.email.clone(), user.active);
    let mut attributes = attributes_of(user);
    attributes.active = Some(false);
    let (version, provisioned) = (user.scim_version(), user.provisioned_by_scim());
    Ok(Plan::new(format!("{email} is deactivated"), move |ws| {
        if !was_active {
            return Applied::default();
        }
        let now = ws.now();
        ws.update_user(&sid, |u| {
            u.active = false;
            u.signed_in = false;
            u.sessions_ended = Some(now);
            u.scim = Some(profile(&attributes, provisioned, version + 1, now));
        });
        Applied::event(
            EventDraft::new(
                "user",
                "updated",
                &sid,
                format!("{email} deactivated by SCIM's DELETE"),
            )
            .field("active", Some(true), Some(false)),
        )
    })
    .because(&SCIM_DELETE_DEACTIVATES))
}
