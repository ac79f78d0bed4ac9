//! Who may do what: one deny-by-default [`authorize`] and one role-to-permission table.

use crate::model::OrgRole;
use crate::rule::{Denial, Rule};
use crate::sid::{OrgSid, UserSid};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who issues a command: a person signed in to the console, or the world outside it (DNS
/// servers, the passing of time), which the simulator also drives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    User(UserSid),
    World,
}

impl Actor {
    pub fn user(&self) -> Option<&UserSid> {
        match self {
            Actor::User(sid) => Some(sid),
            Actor::World => None,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::User(sid) => write!(f, "{sid}"),
            Actor::World => f.write_str("the outside world"),
        }
    }
}

/// What an action needs. Each command asks for exactly one permission on one organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the organization's screens.
    ViewOrganization,
    /// Add, verify and remove domains and change their sign-up settings.
    ManageDomains,
}

impl Permission {
    /// Which organization roles hold the permission. Exhaustive, and nothing is allowed by
    /// default: a permission added later is granted to no one until it is listed here.
    fn granted_to(self) -> &'static [OrgRole] {
        use OrgRole::*;
        match self {
            // Every managed user sees their organization (organizations-overview, "Organization roles").
            Permission::ViewOrganization => &[Owner, Administrator, Standard],
            // "Administrator: ... can invite and remove users, add existing accounts, create new
            // accounts, modify accounts, and change Organization settings" (organizations-overview).
            Permission::ManageDomains => &[Owner, Administrator],
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Permission::ViewOrganization => "see this organization",
            Permission::ManageDomains => "manage domains",
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
};

pub static ORG_ADMIN_REQUIRED: Rule = Rule {
    id: "ORG_ADMIN_REQUIRED",
    title: "Only the Owner and Administrators manage the organization",
    explanation: "Administrators can invite and remove users, add and create accounts, modify \
        accounts, manage domains and change organization settings. Standard users don't have \
        permission to manage the organization in any capacity; they use only the accounts they \
        were given.",
    source: "organizations-overview, \"Organization roles\"; twilio-facts §1.1, §1.5 (D-DOM)",
};

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
            format!("the outside world cannot {}", permission.describe()),
        ));
    };
    let user = workspace
        .user(sid)
        .ok_or_else(|| Denial::new(&ORG_MEMBERS_ONLY, format!("no user `{sid}` exists")))?;
    let role = user.role_in(organization).ok_or_else(|| {
        Denial::new(
            &ORG_MEMBERS_ONLY,
            format!(
                "`{}` is not a managed user of this organization",
                user.email
            ),
        )
    })?;
    if permission.granted_to().contains(&role) {
        Ok(role)
    } else {
        Err(Denial::new(
            &ORG_ADMIN_REQUIRED,
            format!(
                "`{}` is a {} user and cannot {}",
                user.email,
                role.label(),
                permission.describe()
            ),
        ))
    }
}
