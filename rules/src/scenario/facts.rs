//! Facts that an `assert` step states about the workspace at that point of a scenario.
//!
//! A fact names one object by the key of its kind, and states some of its properties; what it
//! leaves out is not checked. `"exists": false` says the object is not there, and nothing more:
//!
//! ```json
//! {"user": "$user:lena@owlcorp.com", "organization": "$org:Owl Corp", "role": "standard"}
//! {"organization": "$gone:org:Owl Labs", "exists": false}
//! ```

use super::references::References;
use crate::model::{
    AccountRoles, AccountStatus, AccountType, DomainStatus, InvitationState, OrgRole,
    PasswordState, SignupPolicy,
};
use crate::sid::{AccountSid, DomainSid, InvitationSid, OrgSid, UserSid};
use crate::sso::sso_required;
use crate::workspace::Workspace;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// One fact about one object.
#[derive(Debug)]
pub struct Fact {
    /// The object as the fact names it, `user "$user:lena@owlcorp.com"`, for messages.
    subject: String,
    about: About,
}

#[derive(Debug)]
enum About {
    User(UserFact),
    Subaccount(SubaccountFact),
    Account(AccountFact),
    Invitation(InvitationFact),
    Domain(DomainFact),
    Organization(OrganizationFact),
}

type Reader = fn(Value) -> serde_json::Result<About>;

/// The key naming a fact's object, and how to read the fact. The first key present wins: a user
/// or a domain fact may also say which `organization` it is in.
const KINDS: [(&str, Reader); 6] = [
    ("user", |v| serde_json::from_value(v).map(About::User)),
    ("subaccount", |v| serde_json::from_value(v).map(About::Subaccount)),
    ("account", |v| serde_json::from_value(v).map(About::Account)),
    ("invitation", |v| serde_json::from_value(v).map(About::Invitation)),
    ("domain", |v| serde_json::from_value(v).map(About::Domain)),
    ("organization", |v| serde_json::from_value(v).map(About::Organization)),
];

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let Some((key, read)) = KINDS.iter().find(|(key, _)| value.get(key).is_some()) else {
            let keys: Vec<String> = KINDS.iter().map(|(key, _)| format!("`{key}`")).collect();
            return Err(D::Error::custom(format!(
                "a fact names its object with one of {}",
                keys.join(", ")
            )));
        };
        let subject = format!("{key} {}", value[key]);
        let properties = value.as_object().map_or(0, |o| o.len());
        if value.get("exists") == Some(&Value::Bool(false)) && properties > 2 {
            return Err(D::Error::custom(format!(
                "{subject}: a fact that says `\"exists\": false` says nothing more"
            )));
        }
        // Only an object's `organization` may be null ("in none"); any other null would be a
        // property that looks checked and is not.
        let null = value.as_object().and_then(|properties| {
            properties.iter().find(|(key, v)| v.is_null() && key.as_str() != "organization")
        });
        if let Some((key, _)) = null {
            return Err(D::Error::custom(format!(
                "{subject}: `{key}` is null; leave a property out to leave it unchecked"
            )));
        }
        let about = read(value).map_err(|e| D::Error::custom(format!("{subject}: {e}")))?;
        Ok(Fact { subject, about })
    }
}

impl Fact {
    /// Checks the fact against the workspace; the error names the object and what was found.
    pub(super) fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let checked = match &self.about {
            About::User(fact) => fact.check(ws, refs),
            About::Subaccount(fact) => fact.check(ws, refs),
            About::Account(fact) => fact.check(ws, refs),
            About::Invitation(fact) => fact.check(ws, refs),
            About::Domain(fact) => fact.check(ws, refs),
            About::Organization(fact) => fact.check(ws, refs),
        };
        checked.map_err(|e| format!("{}: {e}", self.subject))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFact {
    user: String,
    exists: Option<bool>,
    /// `null` for a user in no organization.
    #[serde(default, deserialize_with = "nullable")]
    organization: Option<Option<String>>,
    role: Option<OrgRole>,
    /// `false` once the identity provider deactivated the user.
    active: Option<bool>,
    sso_required: Option<bool>,
    /// Whether they have a live console session; a password reset or deactivation ends it.
    signed_in: Option<bool>,
    /// Whether their password was reset and they have not chosen a new one yet.
    password_reset_pending: Option<bool>,
    /// Every main account the user owns or holds an account role on.
    accounts: Option<BTreeSet<String>>,
    /// Whether an identity provider created the user through SCIM.
    provisioned_by_scim: Option<bool>,
    /// SCIM's `externalId`, the identity provider's id for the user.
    external_id: Option<String>,
}

impl UserFact {
    fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let find = |sid: &UserSid| Ok(ws.user(sid));
        let Some(user) = subject(ws, refs, &self.user, self.exists, "user", find)? else {
            return Ok(());
        };
        let membership = user.membership.as_ref();
        let organization = membership.map(|m| describe(ws, &m.organization.as_str()));
        let expected = self.organization.as_ref().map(|o| maybe_object(ws, refs, o.as_deref()));
        same("organization", expected.transpose()?, organization)?;
        same("role", self.role.map(Some), membership.map(|m| m.role))?;
        same("active", self.active, user.active)?;
        same("sso_required", self.sso_required, sso_required(ws, &user.sid))?;
        same("signed_in", self.signed_in, user.signed_in)?;
        let reset_pending = matches!(user.password, PasswordState::ResetPending { .. });
        same("password_reset_pending", self.password_reset_pending, reset_pending)?;
        same("provisioned_by_scim", self.provisioned_by_scim, user.provisioned_by_scim())?;
        same("external_id", self.external_id.as_ref().map(Some), user.external_id.as_ref())?;
        let accounts = ws
            .accounts_owned_by(&user.sid)
            .chain(ws.accounts_of_user(&user.sid))
            .map(|a| describe(ws, &a.sid.as_str()))
            .collect::<BTreeSet<_>>();
        let expected = self.accounts.as_ref().map(|texts| {
            texts.iter().map(|text| object(ws, refs, text)).collect::<Result<BTreeSet<_>, _>>()
        });
        same("accounts", expected.transpose()?, accounts)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountFact {
    /// A main account; subaccounts have facts of their own.
    account: String,
    exists: Option<bool>,
    status: Option<Status>,
    #[serde(rename = "type")]
    kind: Option<AccountType>,
    owner: Option<String>,
    /// `null` for an account outside every organization.
    #[serde(default, deserialize_with = "nullable")]
    organization: Option<Option<String>>,
    hipaa: Option<bool>,
    /// The account roles of every user but the owner.
    users: Option<BTreeMap<String, AccountRoles>>,
}

impl AccountFact {
    fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let find = |sid: &AccountSid| match ws.subaccount(sid) {
            Some(_) => Err("it is a subaccount: state it with a `subaccount` fact".to_owned()),
            None => Ok(ws.account(sid)),
        };
        let Some(account) = subject(ws, refs, &self.account, self.exists, "main account", find)?
        else {
            return Ok(());
        };
        same("status", self.status, Status::from(account.status))?;
        same("type", self.kind, account.kind)?;
        let owner = maybe_object(ws, refs, self.owner.as_deref())?;
        same("owner", owner, describe(ws, &account.owner.as_str()))?;
        let organization = account.organization.as_ref().map(|o| describe(ws, &o.as_str()));
        let expected = self.organization.as_ref().map(|o| maybe_object(ws, refs, o.as_deref()));
        same("organization", expected.transpose()?, organization)?;
        same("hipaa", self.hipaa, account.hipaa)?;
        let users: BTreeMap<_, _> = account
            .users
            .iter()
            .map(|(user, roles)| (describe(ws, &user.as_str()), *roles))
            .collect();
        let expected = self.users.as_ref().map(|roles| {
            roles
                .iter()
                .map(|(text, roles)| Ok((object(ws, refs, text)?, *roles)))
                .collect::<Result<BTreeMap<_, _>, String>>()
        });
        same("users", expected.transpose()?, users)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubaccountFact {
    subaccount: String,
    exists: Option<bool>,
    status: Option<Status>,
    hipaa: Option<bool>,
    parent: Option<String>,
}

impl SubaccountFact {
    fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let find = |sid: &AccountSid| match ws.account(sid) {
            Some(_) => Err("it is a main account: state it with an `account` fact".to_owned()),
            None => Ok(ws.subaccount(sid)),
        };
        let Some(subaccount) =
            subject(ws, refs, &self.subaccount, self.exists, "subaccount", find)?
        else {
            return Ok(());
        };
        same("status", self.status, Status::from(subaccount.status))?;
        same("hipaa", self.hipaa, subaccount.hipaa)?;
        let parent = maybe_object(ws, refs, self.parent.as_deref())?;
        same("parent", parent, describe(ws, &subaccount.parent.as_str()))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InvitationFact {
    invitation: String,
    exists: Option<bool>,
    state: Option<Answer>,
}

impl InvitationFact {
    fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let find = |sid: &InvitationSid| Ok(ws.invitation(sid));
        let Some(invitation) =
            subject(ws, refs, &self.invitation, self.exists, "invitation", find)?
        else {
            return Ok(());
        };
        same("state", self.state, Answer::from(invitation.state))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DomainFact {
    domain: String,
    exists: Option<bool>,
    organization: Option<String>,
    status: Option<Verification>,
    signup_policy: Option<SignupPolicy>,
    sso_enforced: Option<bool>,
}

impl DomainFact {
    fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let find = |sid: &DomainSid| Ok(ws.domain(sid));
        let Some(domain) = subject(ws, refs, &self.domain, self.exists, "domain", find)? else {
            return Ok(());
        };
        let organization = maybe_object(ws, refs, self.organization.as_deref())?;
        same("organization", organization, describe(ws, &domain.organization.as_str()))?;
        same("status", self.status, Verification::from(&domain.status))?;
        same("signup_policy", self.signup_policy, domain.signup_policy)?;
        let enforced = ws
            .sso_profile_of(&domain.organization)
            .is_some_and(|profile| profile.enforced_domains.contains(&domain.sid));
        same("sso_enforced", self.sso_enforced, enforced)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationFact {
    organization: String,
    exists: Option<bool>,
    /// The organization has an executed BAA.
    hipaa_entitled: Option<bool>,
}

impl OrganizationFact {
    fn check(&self, ws: &Workspace, refs: &mut References) -> Result<(), String> {
        let find = |sid: &OrgSid| Ok(ws.organization(sid));
        let Some(organization) =
            subject(ws, refs, &self.organization, self.exists, "organization", find)?
        else {
            return Ok(());
        };
        same("hipaa_entitled", self.hipaa_entitled, organization.hipaa_entitled)
    }
}

/// An account's or subaccount's status, without its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    Active,
    Suspended,
    Closed,
}

impl From<AccountStatus> for Status {
    fn from(status: AccountStatus) -> Self {
        match status {
            AccountStatus::Active => Status::Active,
            AccountStatus::Suspended => Status::Suspended,
            AccountStatus::Closed { .. } => Status::Closed,
        }
    }
}

/// An invitation's state, without its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Pending,
    Accepted,
    Declined,
    Revoked,
    Expired,
}

impl From<InvitationState> for Answer {
    fn from(state: InvitationState) -> Self {
        match state {
            InvitationState::Pending => Answer::Pending,
            InvitationState::Accepted { .. } => Answer::Accepted,
            InvitationState::Declined { .. } => Answer::Declined,
            InvitationState::Revoked { .. } => Answer::Revoked,
            InvitationState::Expired { .. } => Answer::Expired,
        }
    }
}

/// A domain's status, without its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Verification {
    Unverified,
    Verified,
    Lapsing,
}

impl From<&DomainStatus> for Verification {
    fn from(status: &DomainStatus) -> Self {
        match status {
            DomainStatus::Unverified => Verification::Unverified,
            DomainStatus::Verified { .. } => Verification::Verified,
            DomainStatus::Lapsing { .. } => Verification::Lapsing,
        }
    }
}

/// The object a fact is about, or `None` when the fact rightly says that it does not exist.
fn subject<'w, S: FromStr<Err = String>, T>(
    ws: &Workspace,
    refs: &mut References,
    text: &str,
    exists: Option<bool>,
    kind: &str,
    find: impl FnOnce(&S) -> Result<Option<&'w T>, String>,
) -> Result<Option<&'w T>, String> {
    let found = match refs.find(ws, text)? {
        Some(sid) => find(&sid.parse()?)?,
        None => None,
    };
    match (found, exists.unwrap_or(true)) {
        (Some(object), true) => Ok(Some(object)),
        (None, false) => Ok(None),
        (Some(_), false) => Err(format!("exists: expected false, found the {kind}")),
        (None, true) => Err(format!("no such {kind}")),
    }
}

/// Checks one property: `expected` is `None` when the fact leaves it out.
fn same<T: PartialEq + Serialize>(
    property: &str,
    expected: Option<T>,
    found: T,
) -> Result<(), String> {
    match expected {
        Some(expected) if expected != found => {
            Err(format!("{property}: expected {}, found {}", json(&expected), json(&found)))
        }
        _ => Ok(()),
    }
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("fact values are strings, booleans, lists and maps")
}

/// The object a property names, described as [`describe`] does, so that SIDs compare and names
/// read.
fn object(ws: &Workspace, refs: &mut References, text: &str) -> Result<String, String> {
    refs.resolve(ws, text).map(|sid| describe(ws, &sid))
}

/// [`object`] for a property that may be left out, or be `null`.
fn maybe_object(
    ws: &Workspace,
    refs: &mut References,
    text: Option<&str>,
) -> Result<Option<String>, String> {
    text.map(|text| object(ws, refs, text)).transpose()
}

/// A SID with the name of what it names, so that a mismatch reads "Owl Labs (OR…)".
fn describe(ws: &Workspace, sid: &str) -> String {
    let name = match sid.get(..2) {
        Some(OrgSid::PREFIX) => {
            sid.parse().ok().and_then(|s: OrgSid| ws.organization(&s)).map(|o| &o.friendly_name)
        }
        Some(UserSid::PREFIX) => {
            sid.parse().ok().and_then(|s: UserSid| ws.user(&s)).map(|u| &u.email)
        }
        Some(AccountSid::PREFIX) => sid.parse().ok().and_then(|s: AccountSid| {
            let account = ws.account(&s).map(|a| &a.friendly_name);
            account.or_else(|| ws.subaccount(&s).map(|s| &s.friendly_name))
        }),
        _ => None,
    };
    name.map_or_else(|| sid.to_owned(), |name| format!("{name} ({sid})"))
}

/// Reads a property that may be `null`: `Some(None)` for `null`, `None` when it is left out.
fn nullable<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}
