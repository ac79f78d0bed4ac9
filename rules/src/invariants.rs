//! What must hold of every workspace, after every command and on every import.

use crate::domains::{DOMAIN_LIMIT_PER_ORGANIZATION, bare_domain};
use crate::model::{AccountStatus, AccountType, InvitationState, InvitationSubject, OrgRole};
use crate::subaccounts::subaccount_limit;
use crate::workspace::Workspace;
use std::collections::{BTreeMap, HashSet};

/// Every broken invariant, each described in one line; empty when the workspace is sound.
pub fn check_invariants(workspace: &Workspace) -> Vec<String> {
    let state = workspace.state();
    let mut broken = Vec::new();

    let mut owners: BTreeMap<_, usize> = state.organizations.keys().map(|sid| (sid, 0)).collect();
    let mut emails = HashSet::new();
    for user in state.users.values() {
        if user.email != user.email.to_lowercase() || !user.email.contains('@') {
            broken.push(format!(
                "user `{}` has a malformed email `{}`",
                user.sid, user.email
            ));
        }
        if !emails.insert(&user.email) {
            broken.push(format!(
                "email `{}` belongs to more than one user",
                user.email
            ));
        }
        if let Some(membership) = &user.membership {
            match owners.get_mut(&membership.organization) {
                None => broken.push(format!(
                    "user `{}` is a member of `{}`, which does not exist",
                    user.sid, membership.organization
                )),
                Some(count) if membership.role == OrgRole::Owner => *count += 1,
                Some(_) => {}
            }
        }
    }
    for (organization, count) in owners {
        if count != 1 {
            broken.push(format!(
                "organization `{organization}` has {count} owners instead of exactly one"
            ));
        }
    }

    let mut verified_names = HashSet::new();
    let mut per_organization: BTreeMap<_, usize> = BTreeMap::new();
    for domain in state.domains.values() {
        if workspace.organization(&domain.organization).is_none() {
            broken.push(format!(
                "domain `{}` belongs to `{}`, which does not exist",
                domain.name, domain.organization
            ));
        }
        if bare_domain(&domain.name).as_deref() != Ok(domain.name.as_str()) {
            broken.push(format!(
                "domain `{}` is not a bare domain name",
                domain.name
            ));
        }
        if domain.is_verified() && !verified_names.insert(&domain.name) {
            broken.push(format!(
                "domain `{}` is verified by more than one organization",
                domain.name
            ));
        }
        *per_organization.entry(&domain.organization).or_default() += 1;
    }
    for (organization, count) in per_organization {
        if count > DOMAIN_LIMIT_PER_ORGANIZATION {
            broken.push(format!(
                "organization `{organization}` has {count} domains, over the limit"
            ));
        }
    }
    broken
}
