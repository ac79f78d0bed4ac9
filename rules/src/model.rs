//! The objects of a Twilio Organizations model: plain serde structs related by SID.

use crate::clock::Timestamp;
use crate::sid::{
    AccountSid, DomainSid, EventSid, InvitationSid, OauthAppSid, OrgSid, SsoProfileSid, UserSid,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Managed accounts an organization may have until support raises the limit (twilio-facts §1.2).
pub const DEFAULT_MANAGED_ACCOUNT_LIMIT: u32 = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub sid: OrgSid,
    pub friendly_name: String,
    pub date_created: Timestamp,
    /// "HIPAA Entitlement: On": the organization has an executed BAA (organizations-overview).
    #[serde(default)]
    pub hipaa_entitled: bool,
    /// The Import Users feature, which support turns on (twilio-facts §1.3).
    #[serde(default)]
    pub bulk_import_enabled: bool,
    #[serde(default = "default_managed_account_limit")]
    pub managed_account_limit: u32,
}

fn default_managed_account_limit() -> u32 {
    DEFAULT_MANAGED_ACCOUNT_LIMIT
}

impl Organization {
    /// A new organization with Twilio's defaults: no BAA, no bulk import, the default limit.
    pub fn new(sid: OrgSid, friendly_name: String, now: Timestamp) -> Self {
        Self {
            sid,
            friendly_name,
            date_created: now,
            hipaa_entitled: false,
            bulk_import_enabled: false,
            managed_account_limit: DEFAULT_MANAGED_ACCOUNT_LIMIT,
        }
    }
}

/// The organization roles (twilio-facts §1.1). There is exactly one Owner per organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    Owner,
    Administrator,
    Standard,
}

impl OrgRole {
    pub fn label(self) -> &'static str {
        match self {
            OrgRole::Owner => "Owner",
            OrgRole::Administrator => "Administrator",
            OrgRole::Standard => "Standard",
        }
    }

    /// The role as a person: "Owner", "Administrator", "Standard user".
    pub fn noun(self) -> &'static str {
        match self {
            OrgRole::Owner => "Owner",
            OrgRole::Administrator => "Administrator",
            OrgRole::Standard => "Standard user",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub sid: UserSid,
    /// Lower-cased; unique across the workspace.
    pub email: String,
    pub friendly_name: String,
    /// The one organization this user is a managed user of, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<Membership>,
    pub date_created: Timestamp,
    /// A verified phone number, which creating an organization needs (organizations-overview).
    #[serde(default, skip_serializing_if = "is_false")]
    pub phone_verified: bool,
    #[serde(default, skip_serializing_if = "PasswordState::is_set")]
    pub password: PasswordState,
    /// Whether a 2FA phone number is registered; a reset clears it (twilio-facts §1.3).
    #[serde(default, skip_serializing_if = "is_false")]
    pub two_factor: bool,
    /// Whether the user has a live console session; a password reset logs them out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub signed_in: bool,
    /// When their console sessions were last ended for them (a password reset, a SCIM
    /// deactivation), so the console can say when they were logged out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions_ended: Option<Timestamp>,
    /// SCIM's `externalId`, set by an identity provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// SCIM's `active`; a deactivated user cannot log in.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub active: bool,
    /// What SCIM holds of the user beyond the console's own fields, once an identity provider
    /// has written to them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim: Option<ScimProfile>,
}

// A user is stored ten thousand times over: fields at their default are left out.
fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum PasswordState {
    #[default]
    Set,
    /// A reset link was sent; it works until `expires` (24 hours, twilio-facts §1.3).
    ResetPending { expires: Timestamp },
}

impl PasswordState {
    fn is_set(&self) -> bool {
        *self == PasswordState::Set
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub organization: OrgSid,
    pub role: OrgRole,
}

impl User {
    /// A new user outside every organization, with a password set and nothing else yet.
    pub fn new(sid: UserSid, email: String, friendly_name: String, now: Timestamp) -> Self {
        Self {
            sid,
            email,
            friendly_name,
            membership: None,
            date_created: now,
            phone_verified: false,
            password: PasswordState::Set,
            two_factor: false,
            signed_in: false,
            sessions_ended: None,
            external_id: None,
            active: true,
            scim: None,
        }
    }

    /// SCIM's `meta.version` of the user: 1 until an identity provider changes them.
    pub fn scim_version(&self) -> u64 {
        self.scim.as_ref().map_or(1, |profile| profile.version)
    }

    /// Whether an identity provider created the user through SCIM.
    pub fn provisioned_by_scim(&self) -> bool {
        self.scim.as_ref().is_some_and(|profile| profile.provisioned)
    }

    /// The part of the email address after the `@`.
    pub fn email_domain(&self) -> &str {
        self.email.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    pub fn role_in(&self, organization: &OrgSid) -> Option<OrgRole> {
        self.membership.as_ref().filter(|m| &m.organization == organization).map(|m| m.role)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub sid: DomainSid,
    pub organization: OrgSid,
    /// Bare and lower-cased: `corporate.com`.
    pub name: String,
    /// 32 hex digits; the TXT value to publish is `twilio-domain-verification=<token>`.
    pub token: String,
    pub status: DomainStatus,
    pub signup_policy: SignupPolicy,
    pub date_created: Timestamp,
    /// When Twilio last looked up the record, and what it found; the newest last, at most
    /// [`DOMAIN_CHECKS_KEPT`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<DomainCheck>,
}

/// How many past checks a domain keeps: enough to read its recent history, no more.
pub const DOMAIN_CHECKS_KEPT: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainCheck {
    pub at: Timestamp,
    pub found: bool,
}

impl Domain {
    /// The DNS name at which the verification TXT record is published.
    pub fn record_name(&self) -> String {
        format!("_twilio.{}", self.name)
    }

    /// The TXT record value Twilio looks for.
    pub fn record_value(&self) -> String {
        format!("twilio-domain-verification={}", self.token)
    }

    /// Adds a check to the history, keeping only the newest [`DOMAIN_CHECKS_KEPT`].
    pub(crate) fn record_check(&mut self, check: DomainCheck) {
        self.checks.push(check);
        let excess = self.checks.len().saturating_sub(DOMAIN_CHECKS_KEPT);
        self.checks.drain(..excess);
    }

    /// Verified, including during the grace period after a failed re-check: the domain keeps
    /// working until it is removed.
    pub fn is_verified(&self) -> bool {
        matches!(self.status, DomainStatus::Verified { .. } | DomainStatus::Lapsing { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum DomainStatus {
    /// Added, and no check has found the record yet.
    Unverified,
    Verified {
        since: Timestamp,
    },
    /// Verified, but a daily re-check no longer finds the record: the organization has 30 days
    /// to restore it before the domain is removed (twilio-facts §1.5).
    Lapsing {
        since: Timestamp,
        failing_since: Timestamp,
    },
}

impl DomainStatus {
    pub fn label(&self) -> &'static str {
        match self {
            DomainStatus::Unverified => "Unverified",
            DomainStatus::Verified { .. } => "Verified",
            DomainStatus::Lapsing { .. } => "Re-verification failing",
        }
    }
}

/// What happens when someone signs up with an email address in a verified domain
/// (twilio-facts §1.5, organizations-overview "Settings").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupPolicy {
    /// Sign-ups are refused unless the organization invited the address. Our default: the
    /// documents name none, and this one lets no one in by surprise.
    #[default]
    Restricted,
    /// Sign-ups join the organization as Standard users.
    AutoEnrollment,
    /// Sign-ups cannot join the organization.
    Blocked,
}

impl SignupPolicy {
    pub const ALL: [SignupPolicy; 3] =
        [SignupPolicy::Restricted, SignupPolicy::AutoEnrollment, SignupPolicy::Blocked];

    pub fn label(self) -> &'static str {
        match self {
            SignupPolicy::Restricted => "Restricted",
            SignupPolicy::AutoEnrollment => "Auto-enrollment",
            SignupPolicy::Blocked => "Blocked",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            SignupPolicy::Restricted => {
                "People with this domain's email cannot sign up unless the organization invites them"
            }
            SignupPolicy::AutoEnrollment => {
                "People who sign up with this domain's email join the organization automatically"
            }
            SignupPolicy::Blocked => "People with this domain's email cannot join the organization",
        }
    }
}

/// Who an audit event says acted: a user, or an OAuth app calling the SCIM API.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum ActorSid {
    User(UserSid),
    App(OauthAppSid),
}

/// Told apart by the SID's prefix, where `untagged` would copy each of ten thousand events'
/// actor aside and try it as one kind, then the other.
impl<'de> Deserialize<'de> for ActorSid {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ActorSidVisitor)
    }
}

struct ActorSidVisitor;

impl serde::de::Visitor<'_> for ActorSidVisitor {
    type Value = ActorSid;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the SID of a user or an OAuth app")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ActorSid, E> {
        let actor = if text.starts_with(OauthAppSid::PREFIX) {
            text.parse().map(ActorSid::App)
        } else if text.starts_with(UserSid::PREFIX) {
            text.parse().map(ActorSid::User)
        } else {
            Err(format!("`{text}` is neither a user's SID (`US…`) nor an OAuth app's (`OQ…`)"))
        };
        actor.map_err(E::custom)
    }
}

impl fmt::Display for ActorSid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActorSid::User(sid) => write!(f, "{sid}"),
            ActorSid::App(sid) => write!(f, "{sid}"),
        }
    }
}

/// An audit event shaped like Twilio's Monitor Events (twilio-facts §1.11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEvent {
    pub sid: EventSid,
    /// `resource.action`, for example `domain.verified`.
    pub event_type: String,
    pub event_date: Timestamp,
    /// The user, or the identity provider's OAuth app, that acted; `None` when the outside
    /// world did (DNS, the clock, Twilio).
    pub actor_sid: Option<ActorSid>,
    pub resource_type: String,
    pub resource_sid: String,
    pub description: String,
    /// Changed fields, each with its previous and updated value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub event_data: BTreeMap<String, FieldChange>,
    /// The catalog rules behind the event: those that shaped an applied command, or the one
    /// that refused a denied one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    pub previous: Option<String>,
    pub updated: Option<String>,
}

/// A main account: the application boundary, with its own owner, users and billing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub sid: AccountSid,
    pub friendly_name: String,
    /// The organization managing it; `None` for an account outside every organization.
    pub organization: Option<OrgSid>,
    pub owner: UserSid,
    pub status: AccountStatus,
    #[serde(rename = "type")]
    pub kind: AccountType,
    pub usage: Usage,
    pub hipaa: bool,
    /// Account roles of users other than the owner (twilio-facts §1.4).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub users: BTreeMap<UserSid, AccountRoles>,
    pub date_created: Timestamp,
}

impl Account {
    /// A new active account, not flagged HIPAA, with no users but its owner.
    pub fn new(
        sid: AccountSid,
        friendly_name: String,
        organization: Option<OrgSid>,
        owner: UserSid,
        kind: AccountType,
        usage: Usage,
        now: Timestamp,
    ) -> Self {
        Self {
            sid,
            friendly_name,
            organization,
            owner,
            status: AccountStatus::Active,
            kind,
            usage,
            hipaa: false,
            users: BTreeMap::new(),
            date_created: now,
        }
    }
}

/// A subaccount: an isolated partition of a main account, billed to it; never nested.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subaccount {
    pub sid: AccountSid,
    pub parent: AccountSid,
    pub friendly_name: String,
    pub status: AccountStatus,
    pub hipaa: bool,
    pub date_created: Timestamp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", try_from = "StatusFields")]
pub enum AccountStatus {
    Active,
    Suspended,
    /// Irreversible. A closed subaccount is deleted 30 days after closure (twilio-facts §1.10).
    Closed {
        at: Timestamp,
    },
}

// Every account's status and every account user's roles are read as plain fields, then checked:
// serde reads an internally tagged enum by copying the whole value aside first, which cost about
// 20 ms of a 10,000-user start. They are written in the derived tagged form.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusFields {
    state: StatusName,
    #[serde(default, deserialize_with = "present")]
    at: Option<Timestamp>,
}

/// A field that may be left out, but not given as `null`.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StatusName {
    Active,
    Suspended,
    Closed,
}

impl TryFrom<StatusFields> for AccountStatus {
    type Error = &'static str;

    fn try_from(fields: StatusFields) -> Result<Self, Self::Error> {
        match (fields.state, fields.at) {
            (StatusName::Active, None) => Ok(AccountStatus::Active),
            (StatusName::Suspended, None) => Ok(AccountStatus::Suspended),
            (StatusName::Closed, Some(at)) => Ok(AccountStatus::Closed { at }),
            (StatusName::Closed, None) => Err("missing field `at`: a closed account says when"),
            (_, Some(_)) => Err("unknown field `at`: only a closed account has one"),
        }
    }
}

impl AccountStatus {
    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Active => "Active",
            AccountStatus::Suspended => "Suspended",
            AccountStatus::Closed { .. } => "Closed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    Trial,
    Full,
}

/// What an account is created for (twilio-facts §1.2, H-NEWACC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Usage {
    Twilio,
    Flex,
}

/// A user's roles on one account. Administrator is exclusive; Developer, Billing Manager and
/// Support combine (twilio-facts §1.4, H-USERS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", try_from = "RolesFields")]
pub enum AccountRoles {
    Administrator,
    Limited { developer: bool, billing_manager: bool, support: bool },
}

/// [`AccountRoles`] as stored, read like [`StatusFields`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFields {
    kind: RolesKind,
    #[serde(default, deserialize_with = "present")]
    developer: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    billing_manager: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    support: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RolesKind {
    Administrator,
    Limited,
}

impl TryFrom<RolesFields> for AccountRoles {
    type Error = &'static str;

    fn try_from(fields: RolesFields) -> Result<Self, Self::Error> {
        let RolesFields { kind, developer, billing_manager, support } = fields;
        match (kind, developer, billing_manager, support) {
            (RolesKind::Administrator, None, None, None) => Ok(AccountRoles::Administrator),
            (RolesKind::Administrator, ..) => {
                Err("unknown field: an Administrator holds every role, and names none")
            }
            (RolesKind::Limited, Some(developer), Some(billing_manager), Some(support)) => {
                Ok(AccountRoles::Limited { developer, billing_manager, support })
            }
            (RolesKind::Limited, ..) => Err(
                "missing field: limited roles name `developer`, `billing_manager` and `support`",
            ),
        }
    }
}

impl AccountRoles {
    /// "Administrator", or the limited roles held: "Developer, Support".
    pub fn label(self) -> String {
        match self {
            AccountRoles::Administrator => "Administrator".to_owned(),
            AccountRoles::Limited { developer, billing_manager, support } => [
                (developer, "Developer"),
                (billing_manager, "Billing Manager"),
                (support, "Support"),
            ]
            .iter()
            .filter(|(held, _)| *held)
            .map(|(_, label)| *label)
            .collect::<Vec<_>>()
            .join(", "),
        }
    }
}

/// How long an invitation stays open. Twilio states no duration (twilio-facts §1.3); we follow
/// the third-party help page that says 7 days.
pub const INVITATION_LIFETIME: i64 = 7 * crate::clock::DAY;

/// An invitation to join an organization, either a person's or an account's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    pub sid: InvitationSid,
    pub organization: OrgSid,
    pub subject: InvitationSubject,
    pub state: InvitationState,
    pub invited_by: UserSid,
    pub sent: Timestamp,
    pub expires: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum InvitationSubject {
    /// A person, by email, to become a managed user with `role`. When `merges` is set, the
    /// person is the Owner of that organization, and accepting merges it into this one.
    User {
        email: String,
        role: OrgRole,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        merges: Option<OrgSid>,
    },
    /// An existing account, whose owner must confirm (twilio-facts §1.2).
    Account { account: AccountSid },
}

impl Invitation {
    /// A new invitation, pending for [`INVITATION_LIFETIME`] from `now`.
    pub fn pending(
        sid: InvitationSid,
        organization: OrgSid,
        subject: InvitationSubject,
        invited_by: UserSid,
        now: Timestamp,
    ) -> Self {
        Self {
            sid,
            organization,
            subject,
            state: InvitationState::Pending,
            invited_by,
            sent: now,
            expires: now.plus(INVITATION_LIFETIME),
        }
    }
}

impl InvitationSubject {
    /// What pending invitations are looked up by: the invitee's email, or the account's SID.
    pub fn key(&self) -> String {
        match self {
            InvitationSubject::User { email, .. } => email.clone(),
            InvitationSubject::Account { account } => account.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum InvitationState {
    Pending,
    Accepted { at: Timestamp },
    Declined { at: Timestamp },
    Revoked { at: Timestamp },
    Expired { at: Timestamp },
}

/// An organization's SAML 2.0 profile, with Twilio as the service provider (twilio-facts §1.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SsoProfile {
    pub sid: SsoProfileSid,
    pub organization: OrgSid,
    pub idp_entity_id: String,
    pub sso_url: String,
    /// The IdP's public x509 certificate, PEM-encoded.
    pub certificate: String,
    /// When Test SSO connection last succeeded with this configuration; cleared by any change.
    pub tested: Option<Timestamp>,
    pub enforced_domains: BTreeSet<DomainSid>,
    /// Admins who enforced SSO and so keep password login (twilio-facts §1.6, D-SSO-ENF).
    pub exempt: BTreeSet<UserSid>,
}

/// How an identity provider answers Twilio's SSO connection test when it answers with an error:
/// the causes Twilio's troubleshooting page lists (twilio-facts §1.6, D-SSO-TRB).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdpError {
    NotFound,
    UnsignedResponse,
    EncryptedResponse,
    AudienceMismatch,
    MissingRelayState,
}

impl IdpError {
    pub const ALL: [IdpError; 5] = [
        IdpError::NotFound,
        IdpError::UnsignedResponse,
        IdpError::EncryptedResponse,
        IdpError::AudienceMismatch,
        IdpError::MissingRelayState,
    ];

    /// The cause in a few words, for a choice of answers.
    pub fn label(self) -> &'static str {
        match self {
            IdpError::NotFound => "404: wrong IdP metadata",
            IdpError::UnsignedResponse => "Unsigned response",
            IdpError::EncryptedResponse => "Encrypted assertion",
            IdpError::AudienceMismatch => "Audience does not match",
            IdpError::MissingRelayState => "No RelayState",
        }
    }

    /// What went wrong, completing "the identity provider …".
    pub fn describe(self) -> &'static str {
        match self {
            IdpError::NotFound => "answered 404: the IdP metadata in the profile is wrong",
            IdpError::UnsignedResponse => "sent a SAML response that is not signed",
            IdpError::EncryptedResponse => {
                "sent an encrypted SAML assertion, which Twilio cannot read"
            }
            IdpError::AudienceMismatch => {
                "sent an assertion whose audience is not Twilio's Entity ID for this profile"
            }
            IdpError::MissingRelayState => "sent a SAML response without the RelayState",
        }
    }
}

/// One of a SCIM user's email addresses (twilio-facts §2.2, ScimUser `emails`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScimEmail {
    /// Lower-cased.
    pub value: String,
    /// "work", "home" and the like.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub primary: bool,
}

/// The attributes of a SCIM user that an identity provider writes (twilio-facts §2.2, ScimUser),
/// checked for shape but not yet against the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScimAttributes {
    pub user_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<ScimEmail>,
    /// `None` leaves the user as they are; a new user starts active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// What SCIM keeps of a user beyond the console's own fields: `userName` is the user's email,
/// `externalId` and `active` are the user's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScimProfile {
    /// Whether an identity provider created the user, rather than the console.
    #[serde(default, skip_serializing_if = "is_false")]
    pub provisioned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Every email as the identity provider sent them, the primary among them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<ScimEmail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// `meta.version`, counted from 1 and raised by every SCIM change.
    pub version: u64,
    pub last_modified: Timestamp,
}

/// The OAuth app an identity provider uses to call the SCIM API (twilio-facts §1.7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OauthApp {
    pub sid: OauthAppSid,
    pub organization: OrgSid,
    pub created_by: UserSid,
    pub date_created: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_events_actor_reads_back_as_the_kind_its_prefix_names() {
        for actor in [
            ActorSid::User("US0123456789abcdef0123456789abcdef".parse().unwrap()),
            ActorSid::App("OQ0123456789abcdef0123456789abcdef".parse().unwrap()),
        ] {
            let text = serde_json::to_string(&actor).unwrap();
            assert_eq!(serde_json::from_str::<ActorSid>(&text).unwrap(), actor);
        }
        let error = serde_json::from_str::<ActorSid>("\"AC0123456789abcdef0123456789abcdef\"");
        assert!(error.unwrap_err().to_string().contains("is neither a user's SID (`US…`)"));
        let error = serde_json::from_str::<ActorSid>("\"US0123\"");
        assert!(error.unwrap_err().to_string().contains("32 lowercase hex digits"));
        assert!(serde_json::from_str::<ActorSid>("7").is_err());
    }

    #[test]
    fn a_status_and_roles_read_back_as_written_in_any_field_order() {
        let closed = AccountStatus::Closed { at: Timestamp(1_700_000_000) };
        for status in [AccountStatus::Active, AccountStatus::Suspended, closed] {
            let text = serde_json::to_string(&status).unwrap();
            assert_eq!(serde_json::from_str::<AccountStatus>(&text).unwrap(), status);
        }
        let limited =
            AccountRoles::Limited { developer: true, billing_manager: false, support: true };
        for roles in [AccountRoles::Administrator, limited] {
            let text = serde_json::to_string(&roles).unwrap();
            assert_eq!(serde_json::from_str::<AccountRoles>(&text).unwrap(), roles);
        }
        let reordered = r#"{"at":1700000000,"state":"closed"}"#;
        assert_eq!(serde_json::from_str::<AccountStatus>(reordered).unwrap(), closed);
        let reordered =
            r#"{"support":true,"developer":true,"billing_manager":false,"kind":"limited"}"#;
        assert_eq!(serde_json::from_str::<AccountRoles>(reordered).unwrap(), limited);
    }

    #[test]
    fn a_status_or_roles_with_a_field_too_many_or_too_few_is_refused_saying_which() {
        let refused =
            |text: &str| serde_json::from_str::<AccountStatus>(text).unwrap_err().to_string();
        assert!(refused(r#"{"state":"closed"}"#).contains("missing field `at`"));
        assert!(refused(r#"{"state":"active","at":1}"#).contains("unknown field `at`"));
        assert!(refused(r#"{"state":"deleted"}"#).contains("unknown variant `deleted`"));
        assert!(refused(r#"{"state":"active","since":1}"#).contains("unknown field `since`"));
        assert!(refused(r#"{"state":"active","at":null}"#).contains("invalid type: null"));
        assert!(refused(r#"{"state":"closed","at":null}"#).contains("invalid type: null"));
        let refused =
            |text: &str| serde_json::from_str::<AccountRoles>(text).unwrap_err().to_string();
        assert!(refused(r#"{"kind":"administrator","support":true}"#).contains("names none"));
        assert!(refused(r#"{"kind":"limited","developer":true}"#).contains("`billing_manager`"));
        assert!(refused(r#"{"developer":true}"#).contains("missing field `kind`"));
        let null = r#"{"kind":"administrator","developer":null}"#;
        assert!(refused(null).contains("invalid type: null"));
    }
}
