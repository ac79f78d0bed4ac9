//! The catalog: every rule, once. The console's Rules page, `org-scenario --rules` and the
//! catalog tests all read this list; no other copy of any rule's text exists.

use crate::rule::Rule;
use crate::{
    accounts, authz, dns, domains, engine, expiries, hipaa, organizations, signup, subaccounts,
    users,
};

pub static CATALOG: &[&Rule] = &[
    &authz::ORG_MEMBERS_ONLY,
    &authz::ORG_ADMIN_REQUIRED,
    &authz::ORG_OWNER_REQUIRED,
    &authz::ACCOUNT_ROLE_REQUIRED,
    &engine::OBJECT_NOT_FOUND,
    &domains::DOMAIN_NOT_BARE,
    &domains::DOMAIN_NAME_INVALID,
    &domains::DOMAIN_COMMON_PROVIDER,
    &domains::DOMAIN_ALREADY_ADDED,
    &domains::DOMAIN_VERIFIED_ELSEWHERE,
    &domains::DOMAIN_LIMIT,
    &domains::DOMAIN_RECORD_NOT_FOUND,
    &dns::DNS_TXT_VALUE_INVALID,
    &expiries::CLOCK_STEP,
    // Accounts, subaccounts and HIPAA
    &accounts::ACCOUNT_NAME_INVALID,
    &accounts::ACCOUNT_LIMIT,
    &accounts::ACCOUNT_NOT_MANAGED,
    &accounts::MAIN_ACCOUNT_REQUIRED,
    &accounts::ACCOUNT_ALREADY_MANAGED,
    &accounts::ACCOUNT_INVITATION_PENDING,
    &accounts::ACCOUNT_OWNER_DOMAIN_UNVERIFIED,
    &accounts::ACCOUNT_INVITATION_NOT_PENDING,
    &accounts::ACCOUNT_INVITATION_EXPIRED,
    &accounts::ACCOUNT_OWNER_IN_OTHER_ORGANIZATION,
    &accounts::ACCOUNT_OWNER_MUST_BE_MANAGED,
    &accounts::ACCOUNT_CLOSED,
    &accounts::ACCOUNT_ALREADY_UPGRADED,
    &accounts::ACCOUNT_ROLES_EMPTY,
    &accounts::ACCOUNT_OWNER_ROLE_FIXED,
    &accounts::ACCOUNT_USER_HAS_NO_ROLE,
    &subaccounts::SUBACCOUNT_NO_NESTING,
    &subaccounts::SUBACCOUNT_LIMIT,
    &subaccounts::SUBACCOUNT_PARENT_NOT_ACTIVE,
    &hipaa::HIPAA_ENTITLEMENT_REQUIRED,
    // People: organizations, users and invitations, sign-up
    &organizations::ORG_NAME_LENGTH,
    &organizations::ORG_CREATOR_VERIFIED_PHONE,
    &organizations::ORG_NEW_OWNER_MANAGED,
    &organizations::ORG_DELETE_BY_SUPPORT,
    &organizations::ORG_HIPAA_ENTITLEMENT_IN_USE,
    &organizations::ORG_ACCOUNT_LIMIT_RAISE,
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
    &signup::SIGNUP_EMAIL_TAKEN,
    &signup::SIGNUP_DOMAIN_RESTRICTED,
    &signup::PHONE_ALREADY_VERIFIED,
];

/// The rule with this id, if the catalog has one.
pub fn rule(id: &str) -> Option<&'static Rule> {
    CATALOG.iter().copied().find(|rule| rule.id == id)
}
