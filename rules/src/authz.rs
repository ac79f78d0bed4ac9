//! Who may do what: one deny-by-default [`authorize`] and one role-to-permission table.

use crate::command::Command;
use crate::model::{AccountRoles, ActorSid, Invitation, InvitationSubject, OrgRole};
use crate::plan::found;
use crate::rule::{Denial, Rule, RuleKind};
use crate::sid::{AccountSid, OauthAppSid, OrgSid, UserSid};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who issues a command: a person signed in to the console, or the world outside it (DNS
/// servers, the passing of time), which the simulator also drives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    User(UserSid),
    /// An identity provider calling the SCIM API with the organization's OAuth app.
    App(OauthAppSid),
    World,
}

impl Actor {
    pub fn user(&self) -> Option<&UserSid> {
        match self {
            Actor::User(sid) => Some(sid),
            Actor::App(_) | Actor::World => None,
        }
    }

    /// The SID an audit event names as its actor.
    pub fn sid(&self) -> Option<ActorSid> {
        match self {
            Actor::User(sid) => Some(ActorSid::User(sid.clone())),
            Actor::App(sid) => Some(ActorSid::App(sid.clone())),
            Actor::World => None,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::User(sid) => write!(f, "{sid}"),
            Actor::App(sid) => write!(f, "the OAuth app {sid}"),
            Actor::World => f.write_str("the outside world"),
        }
    }
}

/// What an action needs of the actor's organization role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the organization's screens.
    ViewOrganization,
    /// Add, verify and remove domains and change their sign-up settings.
    ManageDomains,
    /// Invite, import and remove users, change their roles, reset passwords and 2FA.
    ManageUsers,
    /// Create an account, which then belongs to the organization.
    CreateAccounts,
    /// Add, transfer, suspend and close managed accounts; grant access; HIPAA flags.
    ManageAccounts,
    /// Rename the organization.
    ManageSettings,
    ManageSso,
    ManageScim,
    MergeOrganizations,
    ChangeOwner,
    DeleteOrganization,
}

impl Permission {
    /// Which organization roles hold the permission. Exhaustive, and nothing is allowed by
    /// default: a permission added later is granted to no one until it is listed here.
    fn granted_to(self) -> &'static [OrgRole] {
        use OrgRole::*;
        match self {
            // Every managed user sees their organization (organizations-overview, "Organization roles").
            Permission::ViewOrganization => &[Owner, Administrator, Standard],
            // "Standard User (Account Creation)" (organizations-overview); "accounts created by any
            // managed user (Owner, Admin, Standard) automatically join the Organization" (SK).
            Permission::CreateAccounts => &[Owner, Administrator, Standard],
            // "Administrator: ... can invite and remove users, add existing accounts, create new
            // accounts, modify accounts, and change Organization settings" (organizations-overview).
            Permission::ManageDomains
            | Permission::ManageUsers
            | Permission::ManageAccounts
            | Permission::ManageSettings
            | Permission::ManageSso
            | Permission::ManageScim
            | Permission::MergeOrganizations => &[Owner, Administrator],
            // "Only the current Organization Owner can complete this update" (organizations-overview).
            Permission::ChangeOwner => &[Owner],
            // "Only the Organization Owner can delete the Organization" (organizations-overview).
            Permission::DeleteOrganization => &[Owner],
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Permission::ViewOrganization => "see this organization",
            Permission::ManageDomains => "manage domains",
            Permission::ManageUsers => "manage users",
            Permission::CreateAccounts => "create accounts",
            Permission::ManageAccounts => "manage accounts",
            Permission::ManageSettings => "change organization settings",
            Permission::ManageSso => "manage single sign-on",
            Permission::ManageScim => "manage SCIM provisioning",
            Permission::MergeOrganizations => "merge organizations",
            Permission::ChangeOwner => "change the organization's owner",
            Permission::DeleteOrganization => "delete the organization",
        }
    }
}

/// What an action needs of the actor's role on one account (twilio-facts §1.4, H-ROLES).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountPermission {
    /// Project settings, Trust Hub, user management, subaccounts.
    ManageAccountSettings,
    /// Billing history and settings, such as upgrading.
    ManageBilling,
    /// API credentials, developer tools, phone numbers.
    UseDeveloperTools,
    /// Product logs and usage.
    ViewUsage,
}

impl AccountPermission {
    /// Whether account `roles` hold the permission; the account's Owner holds every one.
    fn granted_to(self, roles: AccountRoles) -> bool {
        let AccountRoles::Limited { developer, billing_manager, support } = roles else {
            // Administrator: everything the Owner can do on the account.
            return true;
        };
        match self {
            AccountPermission::ManageAccountSettings => false,
            AccountPermission::ManageBilling => billing_manager,
            AccountPermission::UseDeveloperTools => developer,
            AccountPermission::ViewUsage => developer || billing_manager || support,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            AccountPermission::ManageAccountSettings => {
                "manage this account's settings and subaccounts"
            }
            AccountPermission::ManageBilling => "manage this account's billing",
            AccountPermission::UseDeveloperTools => {
                "use this account's API credentials and developer tools"
            }
            AccountPermission::ViewUsage => "see this account's logs and usage",
        }
    }
}

pub static ORG_MEMBERS_ONLY: Rule = Rule {
    id: "ORG_MEMBERS_ONLY",
    title: "Only managed users of an organization act in it",
    explanation: "Twilio Admin shows an organization only to its managed users. A user belongs to one \
        organization at most, and people outside it, such as independent users of its accounts, \
        cannot manage it.",
    source: "twilio-facts §1.1 (SK); organizations-overview, \"Manage users\"",
    kind: RuleKind::Refusal,
};

pub static ORG_ADMIN_REQUIRED: Rule = Rule {
    id: "ORG_ADMIN_REQUIRED",
    title: "Only the Owner and Administrators manage the organization",
    explanation: "Administrators can invite and remove users, add and create accounts, modify \
        accounts, manage domains and change organization settings. Standard users don't have \
        permission to manage the organization in any capacity; they use only the accounts they \
        were given.",
    source: "organizations-overview, \"Organization roles\"; twilio-facts §1.1, §1.5 (D-DOM)",
    kind: RuleKind::Refusal,
};

pub static ORG_OWNER_REQUIRED: Rule = Rule {
    id: "ORG_OWNER_REQUIRED",
    title: "Only the Owner changes the owner or deletes the organization",
    explanation: "There is exactly one Organization Owner. Only the current Owner can hand the \
        organization to someone else, and only the Owner could delete it. Administrators can do \
        everything else.",
    source: "organizations-overview, \"Organization roles\", \"Change the Organization's Owner\"; twilio-facts §1.1 (E-25016)",
    kind: RuleKind::Refusal,
};

pub static ACCOUNT_ROLE_REQUIRED: Rule = Rule {
    id: "ACCOUNT_ROLE_REQUIRED",
    title: "Account actions need the right account role",
    explanation: "On each account, the Owner and Administrators manage settings, users and \
        subaccounts; Developers use API credentials and developer tools; Billing Managers manage \
        billing; Support sees logs and usage. Administrator is exclusive, the other three combine.",
    source: "twilio-facts §1.4 (H-ROLES, H-USERS), §1.10 (H-NEWSUB)",
    kind: RuleKind::Refusal,
};

pub static OUTSIDE_WORLD_ONLY: Rule = Rule {
    id: "OUTSIDE_WORLD_ONLY",
    title: "What happens outside the console is not done from it",
    explanation: "Signing up, logging in, verifying a phone number, publishing DNS records, an \
        identity provider's SCIM calls, what Twilio support turns on (a BAA, a higher account \
        limit, bulk import) and the passing of time happen outside Twilio Admin. The simulator \
        causes them as the outside world, never as a signed-in administrator.",
    source: "simulator; organizations-overview (BAA and Import Users through Twilio), twilio-facts §1.3, §1.5, §1.7",
    kind: RuleKind::Refusal,
};

pub static INVITEE_ONLY: Rule = Rule {
    id: "INVITEE_ONLY",
    title: "Only the invitee answers an invitation",
    explanation: "A person's invitation is accepted or declined by that person; an account's by \
        the account's owner, who \"must confirm\"; a merge invitation by the Candidate \
        Organization's Owner. The administrators who sent it can resend or revoke it, not answer it.",
    source: "twilio-facts §1.2 (SK), §1.3 (D-MU); organizations-overview, \"Merge by using an invitation\"",
    kind: RuleKind::Refusal,
};

/// Refuses a console user doing what only the outside world does.
pub fn require_outside_world(actor: &Actor, command: &Command) -> Result<(), Denial> {
    match actor {
        Actor::World => Ok(()),
        Actor::App(sid) => Err(Denial::new(
            &OUTSIDE_WORLD_ONLY,
            format!("`{}` is not done through the SCIM API by `{sid}`", command.kind()),
        )),
        Actor::User(sid) => Err(Denial::new(
            &OUTSIDE_WORLD_ONLY,
            format!(
                "`{}` is done by the outside world, not by `{sid}` in the console",
                command.kind()
            ),
        )),
    }
}

/// Allows the invitee (or the outside world acting for them) to answer `invitation`.
pub fn authorize_answer(
    workspace: &Workspace,
    actor: &Actor,
    invitation: &Invitation,
) -> Result<(), Denial> {
    let Actor::User(sid) = actor else {
        return Ok(());
    };
    let invitee = match &invitation.subject {
        InvitationSubject::User { email, .. } => workspace.user_by_email(email).map(|u| &u.sid),
        InvitationSubject::Account { account } => workspace.account(account).map(|a| &a.owner),
    };
    if invitee == Some(sid) {
        return Ok(());
    }
    let who = workspace.user(sid).map_or_else(|| sid.to_string(), |u| u.email.clone());
    Err(Denial::new(
        &INVITEE_ONLY,
        format!("`{who}` cannot answer an invitation sent to `{}`", invitation.subject.key()),
    ))
}

/// Allows `actor` to exercise `permission` in `organization`, or says which rule refuses it.
pub fn authorize(
    workspace: &Workspace,
    actor: &Actor,
    permission: Permission,
    organization: &OrgSid,
) -> Result<OrgRole, Denial> {
    let Actor::User(sid) = actor else {
        return Err(Denial::new(
            &ORG_MEMBERS_ONLY,
            format!("{actor} cannot {}", permission.describe()),
        ));
    };
    let user = workspace
        .user(sid)
        .ok_or_else(|| Denial::new(&ORG_MEMBERS_ONLY, format!("no user `{sid}` exists")))?;
    let role = user.role_in(organization).ok_or_else(|| {
        Denial::new(
            &ORG_MEMBERS_ONLY,
            format!("`{}` is not a managed user of this organization", user.email),
        )
    })?;
    if permission.granted_to().contains(&role) {
        return Ok(role);
    }
    let rule = if permission.granted_to() == [OrgRole::Owner] {
        &ORG_OWNER_REQUIRED
    } else {
        &ORG_ADMIN_REQUIRED
    };
    let article = if role == OrgRole::Administrator { "an" } else { "a" };
    Err(Denial::new(
        rule,
        format!(
            "`{}` is {article} {} and cannot {}",
            user.email,
            role.noun(),
            permission.describe()
        ),
    ))
}

/// Allows `actor` to exercise `permission` on a main account through their account role, or
/// says which rule refuses it. The account's Owner holds every account permission.
pub fn authorize_on_account(
    workspace: &Workspace,
    actor: &Actor,
    permission: AccountPermission,
    account: &AccountSid,
) -> Result<(), Denial> {
    let account = found(workspace.account(account), "account", account)?;
    let refuse = |who: String| {
        Denial::new(&ACCOUNT_ROLE_REQUIRED, format!("{who} cannot {}", permission.describe()))
    };
    let Actor::User(sid) = actor else {
        return Err(refuse("the outside world".to_owned()));
    };
    if &account.owner == sid {
        return Ok(());
    }
    let email = workspace.user(sid).map_or_else(|| sid.to_string(), |u| u.email.clone());
    match account.users.get(sid) {
        Some(roles) if permission.granted_to(*roles) => Ok(()),
        Some(_) => Err(refuse(format!("`{email}`'s role on `{}`", account.friendly_name))),
        None => Err(refuse(format!("`{email}` has no role on `{}` and", account.friendly_name))),
    }
}
