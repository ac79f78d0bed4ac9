//! The catalog: every rule, once. The console's Rules page, `org-scenario --rules` and the
//! catalog tests all read this list; no other copy of any rule's text exists.

use crate::rule::Rule;
use crate::{authz, dns, domains, engine, expiries};

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
];

/// The rule with this id, if the catalog has one.
pub fn rule(id: &str) -> Option<&'static Rule> {
    CATALOG.iter().copied().find(|rule| rule.id == id)
}
