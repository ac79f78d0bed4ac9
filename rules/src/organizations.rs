//! Organizations and their roles: creation, name, ownership, deletion, and what support
//! turns on (organizations-overview; twilio-facts §1.1).

use crate::authz::{Actor, Permission, authorize};
use crate::model::{Membership, OrgRole, Organization, User};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{OrgSid, UserSid};
use crate::users::USER_ONE_ORGANIZATION;
use crate::workspace::Workspace;

/// The longest organization name we accept. Twilio states none; 100 fits every screen.
pub const ORG_NAME_MAX: usize = 100;

/// The most managed accounts support raises an organization to in this simulator. Twilio
/// states no ceiling; 1000 matches the subaccount limit of an upgraded account.
pub const MANAGED_ACCOUNT_LIMIT_MAX: u32 = 1000;

pub static ORG_NAME_LENGTH: Rule = Rule {
    id: "ORG_NAME_LENGTH",
    title: "An organization name has 1 to 100 characters",
    explanation: "Usually the name is your company's name, but you can enter anything you like and \
        change it later in Settings. Spaces around it are removed; Twilio states no maximum, we \
        accept 100 characters.",
    source: "organizations-overview, \"Create your Organization\", \"Settings\"",
    kind: RuleKind::Refusal,
};

pub static ORG_CREATOR_VERIFIED_PHONE: Rule = Rule {
    id: "ORG_CREATOR_VERIFIED_PHONE",
    title: "Creating an organization needs an owned account and a verified phone number",
    explanation: "You must be the Owner of an account with a verified phone number to create an \
        Organization. Add a verified phone number first. The research catalog found no other Twilio \
        source for this requirement; we follow the overview's warning.",
    source: "organizations-overview, \"Create your Organization\" (warning); twilio-facts §1.1 ([unconfirmed])",
    kind: RuleKind::Refusal,
};

pub static ORG_NEW_OWNER_MANAGED: Rule = Rule {
    id: "ORG_NEW_OWNER_MANAGED",
    title: "The new owner must already be a user of the organization",
    explanation: "Ensure the new owner is a user listed within the Organization; if they are not, \
        add them as a user first. Choosing the current Owner changes nothing.",
    source: "organizations-overview, \"Change the Organization's Owner\"; twilio-facts §1.1 (E-25016)",
    kind: RuleKind::Refusal,
};

pub static ORG_DELETE_BY_SUPPORT: Rule = Rule {
    id: "ORG_DELETE_BY_SUPPORT",
    title: "Organizations are not deleted from the console",
    explanation: "You can't delete your Organization from the Console. If you need to delete it, \
        contact the Twilio support team, or merge it into another organization instead.",
    source: "organizations-overview, \"Delete an Organization\"; twilio-facts §1.1 (SK)",
    kind: RuleKind::Refusal,
};

pub static ORG_HIPAA_ENTITLEMENT_IN_USE: Rule = Rule {
    id: "ORG_HIPAA_ENTITLEMENT_IN_USE",
    title: "A BAA cannot end while accounts are flagged HIPAA",
    explanation: "HIPAA accounts need an executed BAA. While any managed account or subaccount \
        is designated HIPAA, ending the organization's BAA would leave it processing PHI without \
        one: turn off every HIPAA flag first. Twilio documents no such check; it follows from the \
        flag needing the entitlement.",
    source: "simulator, from organizations-overview \"Turn on HIPAA\" and twilio-facts §1.9 (D-HIPAA)",
    kind: RuleKind::Refusal,
};

pub static ORG_ACCOUNT_LIMIT_RAISE: Rule = Rule {
    id: "ORG_ACCOUNT_LIMIT_RAISE",
    title: "Support only raises the managed-account limit, up to 1000",
    explanation: "An organization starts with 10 managed accounts and Twilio support can raise the \
        limit. The new limit must be higher than the current one; this simulator caps it at 1000, \
        since Twilio publishes no ceiling.",
    source: "twilio-facts §1.2 (SK; E-25102)",
    kind: RuleKind::Refusal,
};

pub static ORG_CREATOR_OWNER: Rule = Rule {
    id: "ORG_CREATOR_OWNER",
    title: "Whoever creates an organization becomes its Owner",
    explanation: "When you create an Organization, you become the Organization Owner, and all of \
        the accounts that you currently own become part of the Organization too; your users keep \
        their access to those accounts. The two documents disagree on who may create one: the \
        overview lets you \"create another Organization\", the setup guide says a user belongs \
        to one organization only. We read both together: a person who belongs to no \
        organization (for example after being removed from one) may create one; a managed user \
        of an organization may not.",
    source: "organizations-overview, \"Organization ownership\", \"Create your Organization\"; twilio-facts §1.1 (SK)",
    kind: RuleKind::Effect,
};

pub static ORG_OWNER_ACCOUNTS_MANAGED: Rule = Rule {
    id: "ORG_OWNER_ACCOUNTS_MANAGED",
    title: "The Owner's accounts are managed accounts",
    explanation: "Any account owned by the Organization Owner is automatically added to that \
        Organization and cannot be independent. When someone becomes the Owner, by creating the \
        organization or by a change of owner, every account they own that no organization \
        manages joins it.",
    source: "organizations-setup-skill; organizations-overview, \"Organization ownership\"; twilio-facts §1.2 (SK)",
    kind: RuleKind::Effect,
};

pub static ORG_PREVIOUS_OWNER_ADMINISTRATOR: Rule = Rule {
    id: "ORG_PREVIOUS_OWNER_ADMINISTRATOR",
    title: "After a change of owner, the previous Owner is an Administrator",
    explanation: "There can be only one Organization Owner at a time, so changing the owner takes \
        the role from the current Owner. The documents do not say what they become; we keep them \
        in the organization as an Administrator, as Twilio does for the old owner of an account \
        (H-OWN1). Change their role afterwards if they should have less.",
    source: "organizations-overview, \"Organization roles\", \"Change the Organization's Owner\"; twilio-facts §1.2 (H-OWN1); our choice",
    kind: RuleKind::Effect,
};

/// Normalizes a typed organization name, or says why it is not one.
pub fn organization_name(input: &str) -> Result<String, Denial> {
    let name = input.trim();
    let length = name.chars().count();
    require((1..=ORG_NAME_MAX).contains(&length), &ORG_NAME_LENGTH, || {
        format!("the name has {length} characters; it needs 1 to {ORG_NAME_MAX}")
    })?;
    Ok(name.to_owned())
}

/// Creates an organization owned by `owner`, into which every account they own that no
/// organization manages moves (organizations-overview, "Organization ownership").
pub(crate) fn found_organization(ws: &mut Workspace, name: String, owner: &UserSid) -> OrgSid {
    let sid: OrgSid = ws.issue();
    let organization = Organization::new(sid.clone(), name, ws.now());
    ws.insert_organization(organization);
    ws.update_user(owner, |u| {
        u.membership = Some(Membership { organization: sid.clone(), role: OrgRole::Owner });
    });
    adopt_owned_accounts(ws, &sid, owner);
    sid
}

/// Whether `owner` owns accounts that no organization manages, which join the organization
/// they become the Owner of ([`ORG_OWNER_ACCOUNTS_MANAGED`]).
pub(crate) fn owns_unmanaged_accounts(ws: &Workspace, owner: &UserSid) -> bool {
    ws.accounts_owned_by(owner).any(|a| a.organization.is_none())
}

/// [`ORG_OWNER_ACCOUNTS_MANAGED`]: the accounts `owner` owns that no organization manages join
/// `organization`.
fn adopt_owned_accounts(ws: &mut Workspace, organization: &OrgSid, owner: &UserSid) {
    let unmanaged: Vec<_> = ws
        .accounts_owned_by(owner)
        .filter(|a| a.organization.is_none())
        .map(|a| a.sid.clone())
        .collect();
    for account in &unmanaged {
        ws.update_account(account, |a| a.organization = Some(organization.clone()));
    }
}

pub(crate) fn create(ws: &Workspace, actor: &Actor, name: &str) -> Result<Plan, Denial> {
    let user = found(actor.user().and_then(|sid| ws.user(sid)), "user", actor)?;
    let name = organization_name(name)?;
    if let Some(membership) = &user.membership {
        let current = ws
            .organization(&membership.organization)
            .map_or("an organization", |o| o.friendly_name.as_str());
        return Err(Denial::new(
            &USER_ONE_ORGANIZATION,
            format!("`{}` already belongs to {current}", user.email),
        ));
    }
    require(ws.accounts_owned_by(&user.sid).next().is_some(), &ORG_CREATOR_VERIFIED_PHONE, || {
        format!("`{}` owns no account", user.email)
    })?;
    require(user.phone_verified, &ORG_CREATOR_VERIFIED_PHONE, || {
        format!("`{}` has no verified phone number", user.email)
    })?;

    let (owner, email) = (user.sid.clone(), user.email.clone());
    let adopts = owns_unmanaged_accounts(ws, &owner);
    let plan = Plan::new(format!("Created {name}; you are its Owner"), move |ws| {
        let sid = found_organization(ws, name.clone(), &owner);
        Applied::event(
            EventDraft::new(
                "organization",
                "created",
                &sid,
                format!("Organization {name} created"),
            )
            .field("owner", None::<&str>, Some(email)),
        )
        .created(sid)
    });
    Ok(plan.because(&ORG_CREATOR_OWNER).because_if(adopts, &ORG_OWNER_ACCOUNTS_MANAGED))
}

pub(crate) fn rename(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    name: &str,
) -> Result<Plan, Denial> {
    let previous = found(ws.organization(organization), "organization", organization)?;
    authorize(ws, actor, Permission::ManageSettings, organization)?;
    let name = organization_name(name)?;
    let (sid, previous) = (organization.clone(), previous.friendly_name.clone());
    Ok(Plan::new(format!("Renamed the organization {name}"), move |ws| {
        if previous == name {
            return Applied::default();
        }
        ws.update_organization(&sid, |o| o.friendly_name = name.clone());
        Applied::event(
            EventDraft::new(
                "organization",
                "updated",
                &sid,
                format!("Organization renamed {name}"),
            )
            .field("friendly_name", Some(previous), Some(name)),
        )
    }))
}

pub(crate) fn change_owner(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    new_owner: &UserSid,
) -> Result<Plan, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    authorize(ws, actor, Permission::ChangeOwner, organization)?;
    let user = found(ws.user(new_owner), "user", new_owner)?;
    match user.role_in(organization) {
        None => {
            return Err(Denial::new(
                &ORG_NEW_OWNER_MANAGED,
                format!("`{}` is not a user of this organization: invite them first", user.email),
            ));
        }
        Some(OrgRole::Owner) => {
            return Err(Denial::new(
                &ORG_NEW_OWNER_MANAGED,
                format!("`{}` is already the Owner", user.email),
            ));
        }
        Some(_) => {}
    }
    let old = found(ws.owner_of(organization), "owner of organization", organization)?;

    let (sid, old_sid, old_email) = (organization.clone(), old.sid.clone(), old.email.clone());
    let (new_sid, new_email) = (user.sid.clone(), user.email.clone());
    let adopts = owns_unmanaged_accounts(ws, &new_sid);
    let plan = Plan::new(
        format!("{new_email} is now the Owner; {old_email} is an Administrator"),
        move |ws| {
            let role = |role| {
                let organization = sid.clone();
                move |u: &mut User| {
                    u.membership = Some(Membership { organization, role });
                }
            };
            ws.update_user(&old_sid, role(OrgRole::Administrator));
            ws.update_user(&new_sid, role(OrgRole::Owner));
            adopt_owned_accounts(ws, &sid, &new_sid);
            Applied::event(
                EventDraft::new(
                    "organization",
                    "updated",
                    &sid,
                    format!("Ownership moved from {old_email} to {new_email}"),
                )
                .field("owner", Some(old_sid), Some(new_sid)),
            )
        },
    );
    Ok(plan
        .because(&ORG_PREVIOUS_OWNER_ADMINISTRATOR)
        .because_if(adopts, &ORG_OWNER_ACCOUNTS_MANAGED))
}

pub(crate) fn delete(ws: &Workspace, actor: &Actor, organization: &OrgSid) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    authorize(ws, actor, Permission::DeleteOrganization, organization)?;
    Err(Denial::new(
        &ORG_DELETE_BY_SUPPORT,
        format!(
            "{} can only be deleted by Twilio support, or merged into another organization",
            org.friendly_name
        ),
    ))
}

pub(crate) fn set_hipaa_entitlement(
    ws: &Workspace,
    organization: &OrgSid,
    entitled: bool,
) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    let flagged = if entitled { Vec::new() } else { crate::hipaa::flagged_in(ws, organization) };
    require(flagged.is_empty(), &ORG_HIPAA_ENTITLEMENT_IN_USE, || {
        format!("{} flagged HIPAA: turn the flags off before the BAA ends", flagged.join(", "))
    })?;

    let (sid, name, previous) =
        (organization.clone(), org.friendly_name.clone(), org.hipaa_entitled);
    let summary = match (previous, entitled) {
        (true, true) => format!("{name}'s HIPAA Entitlement is already On"),
        (false, false) => format!("{name}'s HIPAA Entitlement is already Off"),
        (false, true) => format!("{name} has an executed BAA: HIPAA Entitlement is On"),
        (true, false) => format!("{name}'s BAA ended: HIPAA Entitlement is Off"),
    };
    Ok(Plan::new(summary, move |ws| {
        if previous == entitled {
            return Applied::default();
        }
        ws.update_organization(&sid, |o| o.hipaa_entitled = entitled);
        Applied::event(
            EventDraft::new("organization", "updated", &sid, "HIPAA Entitlement changed").field(
                "hipaa_entitled",
                Some(previous),
                Some(entitled),
            ),
        )
    }))
}

pub(crate) fn raise_account_limit(
    ws: &Workspace,
    organization: &OrgSid,
    limit: u32,
) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    let current = org.managed_account_limit;
    require(
        current < limit && limit <= MANAGED_ACCOUNT_LIMIT_MAX,
        &ORG_ACCOUNT_LIMIT_RAISE,
        || {
            format!(
                "the limit is {current}; a new one must be above it and at most {MANAGED_ACCOUNT_LIMIT_MAX}, not {limit}"
            )
        },
    )?;
    let sid = organization.clone();
    Ok(Plan::new(format!("{} may now manage {limit} accounts", org.friendly_name), move |ws| {
        ws.update_organization(&sid, |o| o.managed_account_limit = limit);
        Applied::event(
            EventDraft::new("organization", "updated", &sid, "Managed-account limit raised").field(
                "managed_account_limit",
                Some(current),
                Some(limit),
            ),
        )
    }))
}

pub(crate) fn enable_bulk_import(ws: &Workspace, organization: &OrgSid) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    let (sid, already) = (organization.clone(), org.bulk_import_enabled);
    Ok(Plan::new(format!("Import Users is enabled for {}", org.friendly_name), move |ws| {
        if already {
            return Applied::default();
        }
        ws.update_organization(&sid, |o| o.bulk_import_enabled = true);
        Applied::event(
            EventDraft::new("organization", "updated", &sid, "Import Users enabled").field(
                "bulk_import_enabled",
                Some(false),
                Some(true),
            ),
        )
    }))
}
