//! The catalog: every rule, once. The console's Rules page, `org-scenario --rules` and the
//! catalog tests all read this list; no other copy of any rule's text exists.

use crate::rule::Rule;
use crate::{
    accounts, authz, dns, domains, expiries, hipaa, merge, organizations, plan, scim, signup, sso,
    subaccounts, users,
};

pub static CATALOG: &[&Rule] = &[
    &authz::ORG_MEMBERS_ONLY,
    &authz::ORG_ADMIN_REQUIRED,
    &authz::ORG_OWNER_REQUIRED,
    &authz::ACCOUNT_ROLE_REQUIRED,
    &authz::OUTSIDE_WORLD_ONLY,
    &authz::INVITEE_ONLY,
    &plan::OBJECT_NOT_FOUND,
    &domains::DOMAIN_NOT_BARE,
    &domains::DOMAIN_NAME_INVALID,
    &domains::DOMAIN_COMMON_PROVIDER,
    &domains::DOMAIN_ALREADY_ADDED,
    &domains::DOMAIN_VERIFIED_ELSEWHERE,
    &domains::DOMAIN_LIMIT,
    &domains::DOMAIN_RECORD_NOT_FOUND,
    &dns::DNS_TXT_VALUE_INVALID,
    &expiries::CLOCK_STEP,
    &expiries::INVITATION_LAPSES,
    &expiries::DOMAIN_DAILY_RECHECK,
    &expiries::SUBACCOUNT_DELETED_AFTER_CLOSING,
    // Accounts, subaccounts and HIPAA
    &accounts::ACCOUNT_NAME_INVALID,
    &accounts::ACCOUNT_LIMIT,
    &accounts::ACCOUNT_NOT_MANAGED,
    &accounts::MAIN_ACCOUNT_REQUIRED,
    &accounts::ACCOUNT_ALREADY_MANAGED,
    &accounts::ACCOUNT_INVITATION_PENDING,
    &accounts::ACCOUNT_OWNER_DOMAIN_UNVERIFIED,
    &accounts::ACCOUNT_OWNER_IN_OTHER_ORGANIZATION,
    &accounts::ACCOUNT_OWNER_MUST_BE_MANAGED,
    &accounts::ACCOUNT_CLOSED,
    &accounts::ACCOUNT_ALREADY_UPGRADED,
    &accounts::ACCOUNT_ROLES_EMPTY,
    &accounts::ACCOUNT_OWNER_ROLE_FIXED,
    &accounts::ACCOUNT_USER_HAS_NO_ROLE,
    &accounts::ACCOUNT_CREATED_MANAGED,
    &accounts::ACCOUNT_TRANSFER_OLD_OWNER_ADMIN,
    &accounts::ACCOUNT_STATUS_TO_SUBACCOUNTS,
    &subaccounts::SUBACCOUNT_NO_NESTING,
    &subaccounts::SUBACCOUNT_LIMIT,
    &subaccounts::SUBACCOUNT_PARENT_NOT_ACTIVE,
    &hipaa::HIPAA_ENTITLEMENT_REQUIRED,
    &hipaa::HIPAA_SUBACCOUNT_INHERITS,
    &hipaa::HIPAA_NEW_ACCOUNT_UNFLAGGED,
    &hipaa::HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED,
    // People: organizations, users and invitations, sign-up
    &organizations::ORG_NAME_LENGTH,
    &organizations::ORG_CREATOR_VERIFIED_PHONE,
    &organizations::ORG_NEW_OWNER_MANAGED,
    &organizations::ORG_DELETE_BY_SUPPORT,
    &organizations::ORG_HIPAA_ENTITLEMENT_IN_USE,
    &organizations::ORG_ACCOUNT_LIMIT_RAISE,
    &organizations::ORG_CREATOR_OWNER,
    &organizations::ORG_OWNER_ACCOUNTS_MANAGED,
    &organizations::ORG_PREVIOUS_OWNER_ADMINISTRATOR,
    &users::USER_EMAIL_INVALID,
    &users::USER_ONE_ORGANIZATION,
    &users::USER_ALREADY_MEMBER,
    &users::INVITE_DOMAIN_UNVERIFIED,
    &users::INVITATION_ALREADY_PENDING,
    &users::INVITATION_CLOSED,
    &users::INVITATION_EXPIRED,
    &users::OWNER_ROLE_BY_CHANGE_OWNER,
    &users::USER_NOT_MANAGED,
    &users::USER_OWNS_MANAGED_ACCOUNT,
    &users::BULK_IMPORT_NOT_ENABLED,
    &users::IMPORT_ROWS,
    &users::PASSWORD_RESET_LOGS_OUT,
    &users::PASSWORD_RESET_LINK_EXPIRED,
    &signup::SIGNUP_EMAIL_TAKEN,
    &signup::SIGNUP_DOMAIN_RESTRICTED,
    &signup::PHONE_ALREADY_VERIFIED,
    &signup::SIGNUP_FIRST_ORGANIZATION,
    &signup::SIGNUP_AUTO_ENROLLMENT,
    &signup::SIGNUP_BLOCKED,
    &signup::SIGNUP_WITH_INVITATION,
    // Identity: single sign-on, SCIM provisioning, merging organizations.
    &sso::SSO_ENTITY_ID_REQUIRED,
    &sso::SSO_URL_INVALID,
    &sso::SSO_CERTIFICATE_INVALID,
    &sso::SSO_CHANGE_WHILE_ENFORCED,
    &sso::SSO_PROFILE_INCOMPLETE,
    &sso::SSO_TEST_FAILED,
    &sso::SSO_TEST_REQUIRED,
    &sso::SSO_DOMAIN_NOT_VERIFIED,
    &sso::SSO_UNMANAGED_DOMAIN_USERS,
    &sso::SSO_ALREADY_ENFORCED,
    &sso::SSO_NOT_ENFORCED,
    &sso::DOMAIN_SSO_ENFORCED,
    &sso::LOGIN_USER_DEACTIVATED,
    &sso::LOGIN_SSO_REQUIRED,
    &sso::LOGIN_SSO_NOT_CONFIGURED,
    &sso::LOGIN_PASSWORD_RESET_PENDING,
    &scim::SCIM_NEEDS_VERIFIED_DOMAIN,
    &scim::SCIM_APP_REQUIRED,
    &scim::SCIM_USER_NAME_INVALID,
    &scim::SCIM_EMAIL_REQUIRED,
    &scim::SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
    &scim::SCIM_VALUE_INVALID,
    &scim::SCIM_EMAIL_DOMAIN_UNVERIFIED,
    &scim::SCIM_USER_IN_OTHER_ORGANIZATION,
    &scim::SCIM_USER_EXISTS,
    &scim::SCIM_USER_NOT_FOUND,
    &scim::SCIM_OWNER_PROTECTED,
    &merge::MERGE_SAME_ORGANIZATION,
    &merge::MERGE_PRIME_DOMAIN_REQUIRED,
    &merge::MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN,
    &merge::MERGE_OWNER_EMAIL_DOMAIN,
    &merge::MERGE_ACCOUNT_LIMIT,
    &merge::MERGE_HIPAA_ENTITLEMENT,
    &merge::MERGE_ROLE_INVALID,
    &merge::MERGE_INVITATION_PENDING,
    &merge::MERGE_BULK_IMPORT_REQUIRED,
    &merge::MERGE_INVITEE_NOT_OWNER,
    &merge::MERGE_CANDIDATE_OWNER_ROLE,
    &merge::MERGE_CANDIDATE_ADMINS_STANDARD,
    &merge::MERGE_NO_PRIME_ACCESS,
    &merge::MERGE_PRIME_SSO_APPLIES,
];

/// The rule of the catalog with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    CATALOG.iter().copied().find(|rule| rule.id == id)
}

/// Where in the console a rule applies, for its page and for filtering the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    /// Who may act and on what: checked on every screen before any other rule.
    Permissions,
    Organization,
    Accounts,
    Users,
    Domains,
    SignUp,
    SingleSignOn,
    Scim,
    Merge,
    Clock,
}

impl Area {
    pub const ALL: [Area; 10] = [
        Area::Permissions,
        Area::Organization,
        Area::Accounts,
        Area::Users,
        Area::Domains,
        Area::SignUp,
        Area::SingleSignOn,
        Area::Scim,
        Area::Merge,
        Area::Clock,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::Permissions => "Permissions",
            Area::Organization => "Organization",
            Area::Accounts => "Accounts",
            Area::Users => "Users",
            Area::Domains => "Domains",
            Area::SignUp => "Sign-up",
            Area::SingleSignOn => "Single sign-on",
            Area::Scim => "SCIM provisioning",
            Area::Merge => "Merge organizations",
            Area::Clock => "Simulated clock",
        }
    }

    /// The area of `rule`, from the first entry of [`AREAS`] its id starts with.
    pub fn of(rule: &Rule) -> Option<Area> {
        AREAS.iter().find(|(prefix, _)| rule.id.starts_with(prefix)).map(|(_, area)| *area)
    }
}

/// Rule id prefixes and their area, the more specific first: the authorization rules are
/// named one by one, since `ORG_ADMIN_REQUIRED` guards every screen, not only Settings.
const AREAS: &[(&str, Area)] = &[
    ("ORG_MEMBERS_ONLY", Area::Permissions),
    ("ORG_ADMIN_REQUIRED", Area::Permissions),
    ("ORG_OWNER_REQUIRED", Area::Permissions),
    ("ACCOUNT_ROLE_REQUIRED", Area::Permissions),
    ("OUTSIDE_WORLD_ONLY", Area::Permissions),
    ("INVITEE_ONLY", Area::Permissions),
    ("OBJECT_NOT_FOUND", Area::Permissions),
    ("DOMAIN_SSO_", Area::SingleSignOn),
    ("DOMAIN_", Area::Domains),
    ("DNS_", Area::Domains),
    ("SIGNUP_", Area::SignUp),
    ("PHONE_", Area::SignUp),
    ("ACCOUNT_", Area::Accounts),
    ("MAIN_ACCOUNT_", Area::Accounts),
    ("SUBACCOUNT_", Area::Accounts),
    ("HIPAA_", Area::Accounts),
    ("ORG_", Area::Organization),
    ("USER_", Area::Users),
    ("INVITE_", Area::Users),
    ("INVITATION_", Area::Users),
    ("OWNER_ROLE_", Area::Users),
    ("BULK_IMPORT_", Area::Users),
    ("IMPORT_", Area::Users),
    ("PASSWORD_", Area::Users),
    ("SSO_", Area::SingleSignOn),
    ("LOGIN_", Area::SingleSignOn),
    ("SCIM_", Area::Scim),
    ("MERGE_", Area::Merge),
    ("CLOCK_", Area::Clock),
];
