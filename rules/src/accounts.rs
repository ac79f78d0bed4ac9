//! Accounts: managed, independent and pending; ownership, type, lifecycle and access
//! (twilio-facts §1.2, §1.4).

use crate::authz::{Actor, ORG_MEMBERS_ONLY, Permission, authorize};
use crate::hipaa::HIPAA_NEW_ACCOUNT_UNFLAGGED;
use crate::model::{
    Account, AccountRoles, AccountStatus, AccountType, Invitation, InvitationState,
    InvitationSubject, Membership, OrgRole, Organization, Usage,
};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{AccountSid, OrgSid, UserSid};
use crate::workspace::Workspace;
use std::collections::BTreeMap;

/// The longest account name the 2010 Accounts API accepts (twilio-facts §2.4).
pub const ACCOUNT_NAME_MAX_CHARS: usize = 64;

pub static ACCOUNT_NAME_INVALID: Rule = Rule {
    id: "ACCOUNT_NAME_INVALID",
    title: "An account needs a name of 1 to 64 characters",
    explanation: "Name the account (or subaccount) so people can tell it apart in Twilio Admin. \
        Spaces around the name are removed; what is left must have between 1 and 64 characters, \
        the length of an account's `friendly_name`.",
    source: "twilio-facts §1.2 (H-NEWACC), §2.4 (friendly_name ≤64 chars)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_LIMIT: Rule = Rule {
    id: "ACCOUNT_LIMIT",
    title: "An organization manages at most its limit of accounts",
    explanation: "An organization can have 10 managed accounts by default; Twilio support can \
        raise the limit. The limit applies when an account is created, when an existing account \
        joins, when a sign-up is enrolled with its first account, and when organizations merge. \
        Closed accounts do not count: our choice, as Twilio says so of closed subaccounts.",
    source: "twilio-facts §1.2 (SK; E-25102)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_NOT_MANAGED: Rule = Rule {
    id: "ACCOUNT_NOT_MANAGED",
    title: "The organization acts only on the accounts it manages",
    explanation: "Independent accounts are accounts your managed users can reach but that are not \
        part of your organization. You can grant your users access to them, but you cannot close, \
        suspend or modify them. Add an existing account to the organization first; its owner must \
        confirm.",
    source: "twilio-facts §1.2 (SK); organizations-overview, \"Manage accounts\"; E-25101",
    kind: RuleKind::Refusal,
};

pub static MAIN_ACCOUNT_REQUIRED: Rule = Rule {
    id: "MAIN_ACCOUNT_REQUIRED",
    title: "Ownership, type, access and lifecycle are managed on main accounts",
    explanation: "Ownership can be transferred for main accounts only. A subaccount has no owner or \
        users of its own and is billed to its parent, which is upgraded instead; suspend, \
        reactivate or close a subaccount with the subaccount actions. An account joins an \
        organization as a whole, with its subaccounts.",
    source: "twilio-facts §1.2 (H-OWN1: main accounts only), §1.10 (D-SUB)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_ALREADY_MANAGED: Rule = Rule {
    id: "ACCOUNT_ALREADY_MANAGED",
    title: "An account belongs to one organization",
    explanation: "An account that is already managed, by this organization or another one, cannot \
        be added. Accounts owned by an organization's Owner or created by its managed users join it \
        automatically and cannot be independent. Since every sign-up gets its own organization, \
        an account another organization manages moves by merging that organization into this \
        one; Add existing account takes accounts that no organization manages.",
    source: "twilio-facts §1.2 (D-MA, SK)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_INVITATION_PENDING: Rule = Rule {
    id: "ACCOUNT_INVITATION_PENDING",
    title: "An account is invited once until its owner answers",
    explanation: "The account is already listed under Pending accounts: its owner received an email \
        and has not confirmed yet. Wait for the answer or for the invitation to expire.",
    source: "twilio-facts §1.2 (SK: Pending until confirmed), §1.3 (H-INVERR)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_OWNER_DOMAIN_UNVERIFIED: Rule = Rule {
    id: "ACCOUNT_OWNER_DOMAIN_UNVERIFIED",
    title: "An added account's owner must use a verified domain",
    explanation: "To add an existing account, the account owner's email address must be in a domain \
        your organization has verified. Verify the domain first, or ask the owner to change \
        their email.",
    source: "twilio-facts §1.2 (SK)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_OWNER_IN_OTHER_ORGANIZATION: Rule = Rule {
    id: "ACCOUNT_OWNER_IN_OTHER_ORGANIZATION",
    title: "An added account's owner must be free to join the organization",
    explanation: "A managed account's Owner must be a managed user of the same organization, and a \
        user belongs to one organization only. An owner who is not in any organization becomes a \
        Standard user when their account joins; an owner managed by another organization cannot \
        bring the account.",
    source: "twilio-facts §1.1 (SK: one organization per user), §1.2 (D-MA)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_OWNER_MUST_BE_MANAGED: Rule = Rule {
    id: "ACCOUNT_OWNER_MUST_BE_MANAGED",
    title: "Ownership moves between managed users of the managing organization",
    explanation: "The Owner or an Administrator can transfer a managed account's ownership when the \
        account, its current owner and the new owner are all managed by the organization. Ownership \
        cannot go to an independent user. The previous owner stays on the account as an \
        Administrator.",
    source: "twilio-facts §1.2 (H-OWN1, D-MA, SK)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_CLOSED: Rule = Rule {
    id: "ACCOUNT_CLOSED",
    title: "A closed account or subaccount cannot change",
    explanation: "Closing is irreversible: a closed account or subaccount cannot be reactivated, \
        suspended, upgraded, transferred or given users. A closed subaccount stays listed until \
        it is deleted 30 days after closure.",
    source: "twilio-facts §1.10 (H-CLOSE, D-SUB)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_ALREADY_UPGRADED: Rule = Rule {
    id: "ACCOUNT_ALREADY_UPGRADED",
    title: "Only a trial account can be upgraded",
    explanation: "New accounts operate in trial mode until they are upgraded. An upgraded (full) \
        account stays upgraded. In Twilio Admin the Owner and Administrators upgrade managed \
        accounts; in the account's own Console its Billing Manager could too, which this simulator \
        leaves out.",
    source: "organizations-overview, \"Billing\"; twilio-facts §1.2 (SK), §1.4 (H-ROLES)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_ROLES_EMPTY: Rule = Rule {
    id: "ACCOUNT_ROLES_EMPTY",
    title: "Account access needs at least one role",
    explanation: "Give a user either the Administrator role, which is exclusive, or any combination \
        of Developer, Billing Manager and Support. To take all access away, remove the user from \
        the account instead.",
    source: "twilio-facts §1.4 (H-USERS)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_OWNER_ROLE_FIXED: Rule = Rule {
    id: "ACCOUNT_OWNER_ROLE_FIXED",
    title: "The account's owner holds every role",
    explanation: "Every account has one Owner, who can do everything on it. The Owner's access \
        cannot be granted or removed; transfer the ownership instead.",
    source: "twilio-facts §1.4 (H-ROLES), §1.2 (H-OWN1)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_USER_HAS_NO_ROLE: Rule = Rule {
    id: "ACCOUNT_USER_HAS_NO_ROLE",
    title: "Only a user with access can be removed from an account",
    explanation: "The user has no role on this account, so there is no access to remove.",
    source: "twilio-facts §1.4 (H-USERS)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_CREATED_MANAGED: Rule = Rule {
    id: "ACCOUNT_CREATED_MANAGED",
    title: "An account a managed user creates joins the organization",
    explanation: "Accounts created by any managed user join the organization automatically, as \
        managed accounts, with their creator as owner: they count toward the managed-account \
        limit and the Owner and Administrators manage them. New accounts operate in trial mode \
        until they are upgraded. Someone outside the organization creates an independent account.",
    source: "twilio-facts §1.2 (SK); organizations-overview, \"Organization roles\", \"Billing\"",
    kind: RuleKind::Effect,
};

pub static ACCOUNT_TRANSFER_OLD_OWNER_ADMIN: Rule = Rule {
    id: "ACCOUNT_TRANSFER_OLD_OWNER_ADMIN",
    title: "After a transfer, the old owner stays on the account as Administrator",
    explanation: "Transferring an account's ownership gives the new owner the account and keeps \
        the old owner on it with the Administrator account role, so nobody loses access by \
        surprise. Remove their access afterwards if they should not keep it.",
    source: "twilio-facts §1.2 (H-OWN1)",
    kind: RuleKind::Effect,
};

pub static ACCOUNT_STATUS_TO_SUBACCOUNTS: Rule = Rule {
    id: "ACCOUNT_STATUS_TO_SUBACCOUNTS",
    title: "Suspending or closing an account does the same to its subaccounts",
    explanation: "All usage is billed to the main account, and suspending the main account \
        suspends its subaccounts; closing it closes them too (our reading: a subaccount cannot \
        outlive its parent). Reactivating the account leaves each subaccount as it is: \
        reactivate them one by one.",
    source: "twilio-facts §1.10 (D-SUB); closing and reactivating: our choice",
    kind: RuleKind::Effect,
};

/// Normalizes an account or subaccount name, or refuses it.
pub(crate) fn account_name(input: &str) -> Result<String, Denial> {
    let name = input.trim();
    let length = name.chars().count();
    require((1..=ACCOUNT_NAME_MAX_CHARS).contains(&length), &ACCOUNT_NAME_INVALID, || {
        if length == 0 {
            "enter a name for the account".to_owned()
        } else {
            format!("the name has {length} characters; the most is {ACCOUNT_NAME_MAX_CHARS}")
        }
    })?;
    Ok(name.to_owned())
}

/// Refuses any change to a closed account or subaccount.
pub(crate) fn require_open(status: AccountStatus, name: &str) -> Result<(), Denial> {
    match status {
        AccountStatus::Closed { at } => {
            Err(Denial::new(&ACCOUNT_CLOSED, format!("`{name}` was closed on {}", at.date())))
        }
        AccountStatus::Active | AccountStatus::Suspended => Ok(()),
    }
}

/// The status a change leads to, and the audit action that records it.
pub(crate) fn status_after(
    change: AccountStatusChange,
    ws: &Workspace,
) -> (AccountStatus, &'static str) {
    match change {
        AccountStatusChange::Suspend => (AccountStatus::Suspended, "suspended"),
        AccountStatusChange::Reactivate => (AccountStatus::Active, "reactivated"),
        AccountStatusChange::Close => (AccountStatus::Closed { at: ws.now() }, "closed"),
    }
}

fn main_account<'w>(ws: &'w Workspace, sid: &AccountSid) -> Result<&'w Account, Denial> {
    if let Some(subaccount) = ws.subaccount(sid) {
        let parent = ws
            .account(&subaccount.parent)
            .map_or_else(|| subaccount.parent.to_string(), |a| a.friendly_name.clone());
        return Err(Denial::new(
            &MAIN_ACCOUNT_REQUIRED,
            format!("`{}` is a subaccount of `{parent}`", subaccount.friendly_name),
        ));
    }
    found(ws.account(sid), "account", sid)
}

/// The organization whose Owner or Administrator `actor` is. Commands that name only an
/// account act for the actor's own organization, which must then manage the account.
fn acting_organization(ws: &Workspace, actor: &Actor) -> Result<OrgSid, Denial> {
    let user = match actor.user() {
        None => None,
        Some(sid) => Some(found(ws.user(sid), "user", sid)?),
    };
    let Some(membership) = user.and_then(|u| u.membership.as_ref()) else {
        let who = user.map_or_else(
            || actor.to_string(),
            |u| format!("`{}`, who is in no organization,", u.email),
        );
        return Err(Denial::new(&ORG_MEMBERS_ONLY, format!("{who} cannot manage accounts")));
    };
    authorize(ws, actor, Permission::ManageAccounts, &membership.organization)?;
    Ok(membership.organization.clone())
}

/// A main account that `actor` may manage: they are an Owner or Administrator of the
/// organization managing it, and it is not closed.
pub(crate) fn managed_account<'w>(
    ws: &'w Workspace,
    actor: &Actor,
    sid: &AccountSid,
) -> Result<(&'w Account, &'w Organization), Denial> {
    let account = main_account(ws, sid)?;
    let organization = acting_organization(ws, actor)?;
    let organization = found(ws.organization(&organization), "organization", &organization)?;
    require(
        account.organization.as_ref() == Some(&organization.sid),
        &ACCOUNT_NOT_MANAGED,
        || format!("`{}` is not managed by {}", account.friendly_name, organization.friendly_name),
    )?;
    require_open(account.status, &account.friendly_name)?;
    Ok((account, organization))
}

/// Authorizes an Owner or Administrator of `organization` and says who they are.
fn authorize_admin(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
) -> Result<UserSid, Denial> {
    authorized_user(ws, actor, Permission::ManageAccounts, organization)
}

/// The person allowed `permission` in the organization.
fn authorized_user(
    ws: &Workspace,
    actor: &Actor,
    permission: Permission,
    organization: &OrgSid,
) -> Result<UserSid, Denial> {
    authorize(ws, actor, permission, organization)?;
    Ok(actor.user().expect("authorize admits people only").clone())
}

/// The managed accounts that count toward the organization's limit: all but the closed ones.
pub(crate) fn open_managed_accounts(ws: &Workspace, organization: &OrgSid) -> usize {
    ws.accounts_of(organization)
        .filter(|a| !matches!(a.status, AccountStatus::Closed { .. }))
        .count()
}

pub(crate) fn check_account_limit(
    ws: &Workspace,
    organization: &Organization,
) -> Result<(), Denial> {
    let open = open_managed_accounts(ws, &organization.sid);
    let limit = organization.managed_account_limit;
    require(open < limit as usize, &ACCOUNT_LIMIT, || {
        format!(
            "{} already manages {open} open accounts, the limit is {limit}",
            organization.friendly_name
        )
    })
}

fn email_of(ws: &Workspace, sid: &UserSid) -> String {
    ws.user(sid).map_or_else(|| sid.to_string(), |u| u.email.clone())
}

fn roles_label(roles: Option<AccountRoles>) -> String {
    roles.map_or_else(|| "none".to_owned(), AccountRoles::label)
}

pub(crate) fn kind_label(kind: AccountType) -> &'static str {
    match kind {
        AccountType::Trial => "Trial",
        AccountType::Full => "Full",
    }
}

pub(crate) fn create(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    name: &str,
    usage: Usage,
) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    // Any managed user may create an account; it joins the organization, with them as owner.
    let owner = authorized_user(ws, actor, Permission::CreateAccounts, organization)?;
    let name = account_name(name)?;
    check_account_limit(ws, org)?;

    let (organization, baa) = (organization.clone(), org.hipaa_entitled);
    let plan = Plan::new(format!("Created {name}, a trial account"), move |ws| {
        let account = Account::new(
            ws.issue(),
            name,
            Some(organization),
            owner,
            AccountType::Trial,
            usage,
            ws.now(),
        );
        let sid = account.sid.clone();
        let event = EventDraft::new(
            "account",
            "created",
            &sid,
            format!("Account {} created", account.friendly_name),
        );
        ws.insert_account(account);
        Applied::event(event).created(sid)
    });
    Ok(plan.because(&ACCOUNT_CREATED_MANAGED).because_if(baa, &HIPAA_NEW_ACCOUNT_UNFLAGGED))
}

pub(crate) fn add_existing(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    account: &AccountSid,
) -> Result<Plan, Denial> {
    let org = found(ws.organization(organization), "organization", organization)?;
    let invited_by = authorize_admin(ws, actor, organization)?;
    let account = main_account(ws, account)?;
    require_open(account.status, &account.friendly_name)?;
    require_unmanaged(ws, account, "is already managed by")?;
    require(
        !ws.pending_invitations_for_account(&account.sid).any(|i| &i.organization == organization),
        &ACCOUNT_INVITATION_PENDING,
        || {
            format!(
                "`{}` already has a pending invitation from {}",
                account.friendly_name, org.friendly_name
            )
        },
    )?;
    require_owner_in_verified_domain(ws, org, account)?;
    check_account_limit(ws, org)?;
    let owner = found(ws.user(&account.owner), "user", &account.owner)?;

    let (organization, account_sid, name) =
        (organization.clone(), account.sid.clone(), account.friendly_name.clone());
    let (org_name, owner_email) = (org.friendly_name.clone(), owner.email.clone());
    Ok(Plan::new(
        format!("Invited {name} to join {org_name}; {owner_email} must confirm"),
        move |ws| {
            let sent = ws.now();
            let subject = InvitationSubject::Account { account: account_sid.clone() };
            let invitation =
                Invitation::pending(ws.issue(), organization, subject, invited_by, sent);
            let sid = invitation.sid.clone();
            ws.insert_invitation(invitation);
            Applied::event(EventDraft::new(
                "account",
                "invited",
                &account_sid,
                format!("Account {name} invited to join {org_name}"),
            ))
            .created(sid)
        },
    ))
}

/// The account owner confirms or declines joining the organization.
pub(crate) fn answer(
    ws: &Workspace,
    invitation: &Invitation,
    accept: bool,
) -> Result<Plan, Denial> {
    let InvitationSubject::Account { account } = &invitation.subject else {
        unreachable!("the engine routes account invitations only here")
    };
    let org =
        found(ws.organization(&invitation.organization), "organization", &invitation.organization)?;
    let account = found(ws.account(account), "account", account)?;
    let invitation_sid = invitation.sid.clone();
    let (account_sid, name) = (account.sid.clone(), account.friendly_name.clone());
    if !accept {
        return Ok(Plan::new(
            format!("{name} declined to join {}", org.friendly_name),
            move |ws| {
                let at = ws.now();
                ws.update_invitation(&invitation_sid, |i| {
                    i.state = InvitationState::Declined { at }
                });
                Applied::event(EventDraft::new(
                    "account",
                    "declined",
                    &account_sid,
                    format!("Account {name} declined the invitation"),
                ))
            },
        ));
    }

    require_open(account.status, &account.friendly_name)?;
    require_unmanaged(ws, account, "has meanwhile joined")?;
    if accept {
        require_owner_in_verified_domain(ws, org, account)?;
    }
    let owner = found(ws.user(&account.owner), "user", &account.owner)?;
    let owner_joins = match &owner.membership {
        None => true,
        Some(m) if m.organization == org.sid => false,
        Some(m) => {
            let other = ws
                .organization(&m.organization)
                .map_or("another organization", |o| o.friendly_name.as_str());
            return Err(Denial::new(
                &ACCOUNT_OWNER_IN_OTHER_ORGANIZATION,
                format!("the owner `{}` already belongs to {other}", owner.email),
            ));
        }
    };
    check_account_limit(ws, org)?;

    let (organization, org_name) = (org.sid.clone(), org.friendly_name.clone());
    let (owner_sid, owner_email) = (owner.sid.clone(), owner.email.clone());
    let summary = if owner_joins {
        format!("{name} joined {org_name}; {owner_email} is now a Standard user")
    } else {
        format!("{name} joined {org_name}")
    };
    Ok(Plan::new(summary, move |ws| {
        let at = ws.now();
        ws.update_invitation(&invitation_sid, |i| i.state = InvitationState::Accepted { at });
        ws.update_account(&account_sid, |a| a.organization = Some(organization.clone()));
        let mut events = vec![
            EventDraft::new(
                "account",
                "joined",
                &account_sid,
                format!("Account {name} joined {org_name}"),
            )
            .field("organization", None::<&str>, Some(&org_name)),
        ];
        if owner_joins {
            ws.update_user(&owner_sid, |u| {
                u.membership = Some(Membership { organization, role: OrgRole::Standard })
            });
            events.push(
                EventDraft::new(
                    "user",
                    "joined",
                    &owner_sid,
                    format!("{owner_email} joined {org_name} with the account {name}"),
                )
                .field("role", None::<&str>, Some(OrgRole::Standard.label())),
            );
        }
        Applied { created: None, events }
    }))
}

pub(crate) fn transfer(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    new_owner: &UserSid,
) -> Result<Plan, Denial> {
    let (account, org) = managed_account(ws, actor, account)?;
    let new = found(ws.user(new_owner), "user", new_owner)?;
    for (who, user) in [("new", Some(new)), ("current", ws.user(&account.owner))] {
        require(
            user.and_then(|u| u.role_in(&org.sid)).is_some(),
            &ACCOUNT_OWNER_MUST_BE_MANAGED,
            || {
                let email = user.map_or_else(|| account.owner.to_string(), |u| u.email.clone());
                format!("the {who} owner `{email}` is not a managed user of {}", org.friendly_name)
            },
        )?;
    }

    let (sid, name) = (account.sid.clone(), account.friendly_name.clone());
    let (old_owner, new_owner) = (account.owner.clone(), new.sid.clone());
    let (old_email, new_email) = (email_of(ws, &old_owner), new.email.clone());
    if old_owner == new_owner {
        return Ok(Plan::new(format!("{new_email} already owns {name}"), |_| Applied::default()));
    }
    let plan = Plan::new(
        format!("{new_email} now owns {name}; {old_email} stays on as Administrator"),
        move |ws| {
            ws.update_account(&sid, |a| {
                a.users.remove(&new_owner);
                a.users.insert(old_owner, AccountRoles::Administrator);
                a.owner = new_owner;
            });
            Applied::event(
                EventDraft::new(
                    "account",
                    "updated",
                    &sid,
                    format!("Ownership of {name} transferred to {new_email}"),
                )
                .field("owner", Some(old_email), Some(new_email)),
            )
        },
    );
    Ok(plan.because(&ACCOUNT_TRANSFER_OLD_OWNER_ADMIN))
}

pub(crate) fn upgrade(ws: &Workspace, actor: &Actor, account: &AccountSid) -> Result<Plan, Denial> {
    let (account, _) = managed_account(ws, actor, account)?;
    require(account.kind == AccountType::Trial, &ACCOUNT_ALREADY_UPGRADED, || {
        format!("`{}` is already a full account", account.friendly_name)
    })?;
    let (sid, name) = (account.sid.clone(), account.friendly_name.clone());
    Ok(Plan::new(format!("Upgraded {name}"), move |ws| {
        ws.update_account(&sid, |a| a.kind = AccountType::Full);
        Applied::event(
            EventDraft::new("account", "updated", &sid, format!("Account {name} upgraded")).field(
                "type",
                Some(kind_label(AccountType::Trial)),
                Some(kind_label(AccountType::Full)),
            ),
        )
    }))
}

/// Suspending suspends the account's active subaccounts and closing closes all of them.
/// Reactivating leaves the subaccounts as they are: we do not record which were suspended
/// before their parent, so each is reactivated on its own.
pub(crate) fn set_status(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    change: AccountStatusChange,
) -> Result<Plan, Denial> {
    let (account, _) = managed_account(ws, actor, account)?;
    let (status, action) = status_after(change, ws);
    let (sid, name, previous) =
        (account.sid.clone(), account.friendly_name.clone(), account.status);
    if previous == status {
        return Ok(Plan::new(format!("{name} is already {action}"), |_| Applied::default()));
    }
    let follows_parent = |status: AccountStatus| match change {
        AccountStatusChange::Suspend => status == AccountStatus::Active,
        AccountStatusChange::Close => !matches!(status, AccountStatus::Closed { .. }),
        AccountStatusChange::Reactivate => false,
    };
    let cascade: Vec<(AccountSid, String, AccountStatus)> = ws
        .subaccounts_of(&sid)
        .filter(|s| follows_parent(s.status))
        .map(|s| (s.sid.clone(), s.friendly_name.clone(), s.status))
        .collect();
    let still_suspended = match change {
        AccountStatusChange::Reactivate => {
            ws.subaccounts_of(&sid).filter(|s| s.status == AccountStatus::Suspended).count()
        }
        AccountStatusChange::Suspend | AccountStatusChange::Close => 0,
    };
    let summary = match (cascade.len(), still_suspended) {
        (0, 0) => format!("{name} is {action}"),
        (0, 1) => format!("{name} is {action}; its suspended subaccount stays suspended"),
        (0, n) => format!("{name} is {action}; its {n} suspended subaccounts stay suspended"),
        (1, _) => format!("{name} and its subaccount are {action}"),
        (n, _) => format!("{name} and its {n} subaccounts are {action}"),
    };
    let cascades = !cascade.is_empty() || still_suspended > 0;
    let plan = Plan::new(summary, move |ws| {
        ws.update_account(&sid, |a| a.status = status);
        let mut events = vec![
            EventDraft::new("account", action, &sid, format!("Account {name} {action}")).field(
                "status",
                Some(previous.label()),
                Some(status.label()),
            ),
        ];
        for (sub, sub_name, before) in cascade {
            ws.update_subaccount(&sub, |s| s.status = status);
            events.push(
                EventDraft::new(
                    "subaccount",
                    action,
                    &sub,
                    format!("Subaccount {sub_name} {action} with {name}"),
                )
                .field("status", Some(before.label()), Some(status.label())),
            );
        }
        Applied { created: None, events }
    });
    Ok(plan.because_if(cascades, &ACCOUNT_STATUS_TO_SUBACCOUNTS))
}

pub(crate) fn grant_access(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    user: &UserSid,
    roles: AccountRoles,
) -> Result<Plan, Denial> {
    let (account, _) = managed_account(ws, actor, account)?;
    let user = found(ws.user(user), "user", user)?;
    require_not_owner(account, &user.email, &user.sid)?;
    require(
        roles != AccountRoles::Limited { developer: false, billing_manager: false, support: false },
        &ACCOUNT_ROLES_EMPTY,
        || format!("choose at least one role for `{}`", user.email),
    )?;
    let previous = account.users.get(&user.sid).copied();
    let (sid, name) = (account.sid.clone(), account.friendly_name.clone());
    let (user, email) = (user.sid.clone(), user.email.clone());
    let (before, after) = (roles_label(previous), roles_label(Some(roles)));
    let summary = if previous == Some(roles) {
        format!("{email} is already {after} on {name}")
    } else {
        format!("{email} is now {after} on {name}")
    };
    Ok(Plan::new(summary, move |ws| {
        if previous == Some(roles) {
            return Applied::default();
        }
        ws.update_account(&sid, |a| {
            a.users.insert(user, roles);
        });
        Applied::event(
            EventDraft::new("account", "updated", &sid, format!("{email} given access to {name}"))
                .field(&format!("roles of {email}"), Some(before), Some(after)),
        )
    }))
}

pub(crate) fn revoke_access(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    user: &UserSid,
) -> Result<Plan, Denial> {
    let (account, _) = managed_account(ws, actor, account)?;
    let user = found(ws.user(user), "user", user)?;
    require_not_owner(account, &user.email, &user.sid)?;
    let Some(previous) = account.users.get(&user.sid).copied() else {
        return Err(Denial::new(
            &ACCOUNT_USER_HAS_NO_ROLE,
            format!("`{}` has no role on `{}`", user.email, account.friendly_name),
        ));
    };
    let (sid, name) = (account.sid.clone(), account.friendly_name.clone());
    let (user, email) = (user.sid.clone(), user.email.clone());
    Ok(Plan::new(format!("Removed {email} from {name}"), move |ws| {
        ws.update_account(&sid, |a| {
            a.users.remove(&user);
        });
        Applied::event(
            EventDraft::new("account", "updated", &sid, format!("{email} removed from {name}"))
                .field(
                    &format!("roles of {email}"),
                    Some(roles_label(Some(previous))),
                    Some(roles_label(None)),
                ),
        )
    }))
}

fn require_not_owner(account: &Account, email: &str, user: &UserSid) -> Result<(), Denial> {
    require(&account.owner != user, &ACCOUNT_OWNER_ROLE_FIXED, || {
        format!("`{email}` owns `{}`", account.friendly_name)
    })
}

/// Which account pays for `sid`: a main account pays for itself, a subaccount is billed to its
/// parent. Managed accounts are not billed to the organization (twilio-facts §1.10, SK).
pub fn billed_to(ws: &Workspace, sid: &AccountSid) -> Option<AccountSid> {
    match ws.subaccount(sid) {
        Some(subaccount) => Some(subaccount.parent.clone()),
        None => ws.account(sid).map(|a| a.sid.clone()),
    }
}

/// The Managed accounts tab: every account the organization manages, closed ones included.
pub fn managed_accounts<'w>(ws: &'w Workspace, organization: &OrgSid) -> Vec<&'w Account> {
    ws.accounts_of(organization).collect()
}

/// The Independent accounts tab: accounts outside the organization that one of its managed
/// users owns or holds a role on. Walks the members' accounts, not every account.
pub fn independent_accounts<'w>(ws: &'w Workspace, organization: &OrgSid) -> Vec<&'w Account> {
    let mut outside: BTreeMap<&AccountSid, &Account> = BTreeMap::new();
    for user in ws.members(organization) {
        for account in ws.accounts_owned_by(&user.sid).chain(ws.accounts_of_user(&user.sid)) {
            if account.organization.as_ref() != Some(organization) {
                outside.insert(&account.sid, account);
            }
        }
    }
    outside.into_values().collect()
}

/// The Pending accounts tab: accounts the organization invited whose owners have not answered.
pub fn pending_accounts<'w>(
    ws: &'w Workspace,
    organization: &OrgSid,
) -> Vec<(&'w Invitation, &'w Account)> {
    ws.invitations_of(organization)
        .filter(|i| i.state == InvitationState::Pending)
        .filter_map(|i| match &i.subject {
            InvitationSubject::Account { account } => ws.account(account).map(|a| (i, a)),
            InvitationSubject::User { .. } => None,
        })
        .collect()
}

/// Refuses an account that an organization already manages; `joined` says how it reads.
fn require_unmanaged(ws: &Workspace, account: &Account, joined: &str) -> Result<(), Denial> {
    let Some(managing) = &account.organization else {
        return Ok(());
    };
    let by = ws.organization(managing).map_or("another organization", |o| o.friendly_name.as_str());
    Err(Denial::new(&ACCOUNT_ALREADY_MANAGED, format!("`{}` {joined} {by}", account.friendly_name)))
}

/// The account's owner has an address in a domain the organization has verified, when it is
/// invited and again when the owner confirms: the domain may have lapsed in between.
pub(crate) fn require_owner_in_verified_domain(
    ws: &Workspace,
    org: &Organization,
    account: &Account,
) -> Result<(), Denial> {
    let owner = found(ws.user(&account.owner), "user", &account.owner)?;
    require(
        ws.domains_of(&org.sid).any(|d| d.is_verified() && d.name == owner.email_domain()),
        &ACCOUNT_OWNER_DOMAIN_UNVERIFIED,
        || {
            format!(
                "the owner `{}` is not in a domain {} has verified",
                owner.email, org.friendly_name
            )
        },
    )
}

/// What a suspend, reactivate or close asks of an account or subaccount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AccountStatusChange {
    Suspend,
    Reactivate,
    Close,
}

/// How many of the organization's managed accounts count toward its limit (all but the closed
/// ones), as the Overview and Settings say "2 of 10".
pub fn accounts_toward_limit(ws: &Workspace, organization: &OrgSid) -> usize {
    open_managed_accounts(ws, organization)
}

/// Whether `viewer` sees `account` on the Accounts screens of `organization`: its Owner and
/// Administrators see every account listed there; a Standard user sees only the accounts they
/// own or hold a role on, as "they use only the accounts they were given" (ORG_ADMIN_REQUIRED).
pub fn account_visible_to(
    ws: &Workspace,
    viewer: &Actor,
    organization: &OrgSid,
    account: &Account,
) -> bool {
    if authorize(ws, viewer, Permission::ManageAccounts, organization).is_ok() {
        return true;
    }
    let Some(user) = viewer.user() else {
        return false;
    };
    authorize(ws, viewer, Permission::ViewOrganization, organization).is_ok()
        && (&account.owner == user || account.users.contains_key(user))
}
