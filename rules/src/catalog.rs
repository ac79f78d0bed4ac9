//! The catalog: every rule, once. The console's Rules page, `org-scenario --rules` and the
//! catalog tests all read this list; no other copy of any rule's text exists.

use crate::rule::Rule;
use crate::{authz, dns, domains, engine, organizations, signup, users};

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
