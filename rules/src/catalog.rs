//! The catalog: every rule, once. The console's Rules page, `org-scenario --rules` and the
//! catalog tests all read this list; no other copy of any rule's text exists.

use crate::rule::Rule;
use crate::{authz, dns, domains, engine, merge, scim, sso};

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
    // Identity: single sign-on, SCIM provisioning, merging organizations.
    &sso::SSO_ENTITY_ID_REQUIRED,
    &sso::SSO_URL_INVALID,
    &sso::SSO_CERTIFICATE_INVALID,
    &sso::SSO_CHANGE_WHILE_ENFORCED,
    &sso::SSO_PROFILE_INCOMPLETE,
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
    &scim::SCIM_USER_OWNS_ACCOUNT,
    &merge::MERGE_SAME_ORGANIZATION,
    &merge::MERGE_PRIME_DOMAIN_REQUIRED,
    &merge::MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN,
    &merge::MERGE_OWNER_EMAIL_DOMAIN,
    &merge::MERGE_ACCOUNT_LIMIT,
    &merge::MERGE_ROLE_INVALID,
    &merge::MERGE_INVITATION_PENDING,
    &merge::MERGE_BULK_IMPORT_REQUIRED,
    &merge::MERGE_INVITATION_NOT_PENDING,
    &merge::MERGE_INVITATION_EXPIRED,
    &merge::MERGE_INVITEE_NOT_OWNER,
];

/// The rule with this id, if the catalog has one.
pub fn rule(id: &str) -> Option<&'static Rule> {
    CATALOG.iter().copied().find(|rule| rule.id == id)
}
