//! What must hold of every workspace, after every command and on every import.

use crate::domains::{DOMAIN_LIMIT_PER_ORGANIZATION, bare_domain};
use crate::model::{
    Account, AccountStatus, AccountType, InvitationState, InvitationSubject, OrgRole,
};
use crate::subaccounts::subaccount_limit;
use crate::workspace::Workspace;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::fmt;

/// Whether lower-casing leaves `text` as it is, told without building the lower-cased copy:
/// a start checks ten thousand addresses.
fn is_lower_case(text: &str) -> bool {
    if text.is_ascii() {
        return !text.bytes().any(|b| b.is_ascii_uppercase());
    }
    text.chars().all(|c| c.to_lowercase().eq([c]))
}

/// An account as the messages name it, written only for a message: a start checks a thousand.
struct AccountName<'a>(&'a Account);

impl fmt::Display for AccountName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}` ({})", self.0.sid, self.0.friendly_name)
    }
}

/// Every broken invariant, each described in one line; empty when the workspace is sound.
pub fn check_invariants(workspace: &Workspace) -> Vec<String> {
    let state = workspace.state();
    let mut broken = Vec::new();

    let mut owners: BTreeMap<_, usize> = state.organizations.keys().map(|sid| (sid, 0)).collect();
    // Sized once: growing a map of 10,000 addresses rehashes it a dozen times.
    let mut emails = FxHashMap::with_capacity_and_hasher(state.users.len(), Default::default());
    let mut external_ids = FxHashMap::default();
    for user in state.users.values() {
        if !is_lower_case(&user.email) || !user.email.contains('@') {
            broken.push(format!("user `{}` has a malformed email `{}`", user.sid, user.email));
        }
        if let (Some(id), Some(membership)) = (&user.external_id, &user.membership)
            && let Some(other) = external_ids.insert((&membership.organization, id), &user.sid)
        {
            broken.push(format!(
                "users `{other}` and `{}` of `{}` share the externalId `{id}`",
                user.sid, membership.organization
            ));
        }
        if let Some(other) = emails.insert(&user.email, &user.sid) {
            broken.push(format!(
                "users `{other}` and `{}` share the email `{}`",
                user.sid, user.email
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

    let mut verified_names = FxHashSet::default();
    let mut per_organization: BTreeMap<_, usize> = BTreeMap::new();
    for domain in state.domains.values() {
        if workspace.organization(&domain.organization).is_none() {
            broken.push(format!(
                "domain `{}` ({}) belongs to `{}`, which does not exist",
                domain.sid, domain.name, domain.organization
            ));
        }
        if bare_domain(&domain.name).as_deref() != Ok(domain.name.as_str()) {
            broken.push(format!(
                "domain `{}` ({}) is not a bare domain name",
                domain.sid, domain.name
            ));
        }
        if domain.is_verified() && !verified_names.insert(&domain.name) {
            broken.push(format!(
                "domain `{}` ({}) is verified by more than one organization",
                domain.sid, domain.name
            ));
        }
        *per_organization.entry(&domain.organization).or_default() += 1;
    }
    for (organization, count) in per_organization {
        if count > DOMAIN_LIMIT_PER_ORGANIZATION {
            broken
                .push(format!("organization `{organization}` has {count} domains, over the limit"));
        }
    }
    check_accounts(workspace, &mut broken);
    check_invitations_and_identity(workspace, &mut broken);
    broken
}

fn check_accounts(workspace: &Workspace, broken: &mut Vec<String>) {
    let state = workspace.state();
    for account in state.accounts.values() {
        let name = AccountName(account);
        match workspace.user(&account.owner) {
            None => broken.push(format!(
                "account {name} is owned by `{}`, who does not exist",
                account.owner
            )),
            Some(owner) => {
                if let Some(organization) = &account.organization {
                    if workspace.organization(organization).is_none() {
                        broken.push(format!(
                            "account {name} belongs to `{organization}`, which does not exist"
                        ));
                    }
                    let closed = matches!(account.status, AccountStatus::Closed { .. });
                    if owner.role_in(organization).is_none() && !closed {
                        broken.push(format!(
                            "managed account {name} is owned by `{}` ({}), who is not a managed user",
                            owner.sid, owner.email
                        ));
                    }
                }
            }
        }
        for user in account.users.keys() {
            if workspace.user(user).is_none() {
                broken
                    .push(format!("account {name} grants a role to `{user}`, who does not exist"));
            }
            if user == &account.owner {
                broken.push(format!("account {name} lists its owner among its other users"));
            }
        }
        if account.hipaa
            && !account
                .organization
                .as_ref()
                .and_then(|o| workspace.organization(o))
                .is_some_and(|o| o.hipaa_entitled)
        {
            broken.push(format!(
                "account {name} is flagged HIPAA without an organization entitled to it"
            ));
        }
        let children: Vec<_> = workspace.subaccounts_of(&account.sid).collect();
        let open =
            children.iter().filter(|s| !matches!(s.status, AccountStatus::Closed { .. })).count();
        if open > subaccount_limit(account.kind) {
            let kind = if account.kind == AccountType::Trial { "trial" } else { "full" };
            broken
                .push(format!("{kind} account {name} has {open} open subaccounts, over its limit"));
        }
        for child in children {
            let fine = match account.status {
                AccountStatus::Active => true,
                AccountStatus::Suspended => child.status != AccountStatus::Active,
                AccountStatus::Closed { .. } => {
                    matches!(child.status, AccountStatus::Closed { .. })
                }
            };
            if !fine {
                broken.push(format!(
                    "subaccount `{}` ({}) is {} under a {} account",
                    child.sid,
                    child.friendly_name,
                    child.status.label(),
                    account.status.label()
                ));
            }
        }
    }
    for subaccount in state.subaccounts.values() {
        let entitled = workspace
            .account(&subaccount.parent)
            .and_then(|parent| parent.organization.as_ref())
            .and_then(|o| workspace.organization(o))
            .is_some_and(|o| o.hipaa_entitled);
        if subaccount.hipaa && !entitled {
            broken.push(format!(
                "subaccount `{}` ({}) is flagged HIPAA without an organization entitled to it",
                subaccount.sid, subaccount.friendly_name
            ));
        }
        if workspace.account(&subaccount.parent).is_none() {
            broken.push(format!(
                "subaccount `{}` ({}) has no main account `{}`",
                subaccount.sid, subaccount.friendly_name, subaccount.parent
            ));
        }
        if state.accounts.contains_key(&subaccount.sid) {
            broken.push(format!("`{}` is both an account and a subaccount", subaccount.sid));
        }
    }
}

fn check_invitations_and_identity(workspace: &Workspace, broken: &mut Vec<String>) {
    let state = workspace.state();
    let mut pending = FxHashMap::default();
    for invitation in state.invitations.values() {
        if workspace.organization(&invitation.organization).is_none() {
            broken.push(format!(
                "invitation `{}` is from `{}`, which does not exist",
                invitation.sid, invitation.organization
            ));
        }
        if invitation.state == InvitationState::Pending {
            if let Some(other) = pending
                .insert((&invitation.organization, invitation.subject.key()), &invitation.sid)
            {
                broken.push(format!(
                    "invitations `{other}` and `{}` from `{}` are both pending for `{}`",
                    invitation.sid,
                    invitation.organization,
                    invitation.subject.key()
                ));
            }
            if let InvitationSubject::Account { account } = &invitation.subject
                && workspace.account(account).is_none()
            {
                broken.push(format!(
                    "invitation `{}` invites `{account}`, which does not exist",
                    invitation.sid
                ));
            }
        }
    }
    for invitation in state.invitations.values() {
        if workspace.user(&invitation.invited_by).is_none() {
            broken.push(format!(
                "invitation `{}` was sent by `{}`, who does not exist",
                invitation.sid, invitation.invited_by
            ));
        }
    }
    for profile in state.sso_profiles.values() {
        for user in &profile.exempt {
            if workspace.user(user).is_none() {
                broken.push(format!(
                    "SSO profile `{}` exempts `{user}`, who does not exist",
                    profile.sid
                ));
            }
        }
        if workspace.organization(&profile.organization).is_none() {
            broken.push(format!(
                "SSO profile `{}` belongs to `{}`, which does not exist",
                profile.sid, profile.organization
            ));
        }
        for domain in &profile.enforced_domains {
            let fine = workspace
                .domain(domain)
                .is_some_and(|d| d.organization == profile.organization && d.is_verified());
            if !fine {
                broken.push(format!("SSO profile `{}` enforces `{domain}`, not a verified domain of its organization", profile.sid));
            }
        }
    }
    for app in state.oauth_apps.values() {
        if workspace.user(&app.created_by).is_none() {
            broken.push(format!(
                "OAuth app `{}` was created by `{}`, who does not exist",
                app.sid, app.created_by
            ));
        }
        if workspace.organization(&app.organization).is_none() {
            broken.push(format!(
                "OAuth app `{}` belongs to `{}`, which does not exist",
                app.sid, app.organization
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_lower_case;

    #[test]
    fn lower_case_is_told_as_lower_casing_would_tell_it() {
        for text in ["ana@owl.example", "zoë@owl.example", "σς@owl.example", "Ana@owl.example"] {
            assert_eq!(is_lower_case(text), text == text.to_lowercase(), "{text}");
        }
        for text in ["ÉLISE@owl.example", "ǅ@owl.example", "ΣΑ@owl.example", "İ@owl.example"] {
            assert!(!is_lower_case(text), "{text}");
            assert_ne!(text, text.to_lowercase());
        }
    }
}
