//! A workspace the size of a large company, for benchmarks: built directly, in well under a
//! second, rather than through tens of thousands of commands.

use crate::demo::DEMO_START;
use crate::model::{
    Account, AccountRoles, AccountStatus, AccountType, ActorSid, AuditEvent, Domain, DomainStatus,
    FieldChange, Membership, OrgRole, Organization, SignupPolicy, Subaccount, Usage, User,
};
use crate::sid::{OrgSid, UserSid};
use crate::workspace::Workspace;
use std::collections::BTreeMap;

/// How big to make it.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub organizations: usize,
    pub users: usize,
    pub accounts: usize,
    pub subaccounts_per_account: usize,
    pub domains: usize,
}

impl Scale {
    /// The size the issues name: 10,000 users, 1,000 accounts, 5,000 subaccounts, 100 domains.
    pub const LARGE: Scale = Scale {
        organizations: 10,
        users: 10_000,
        accounts: 1_000,
        subaccounts_per_account: 5,
        domains: 100,
    };
}

/// Organizations `Org 0..n`, each with an Owner, a few Administrators and Standard users at
/// `user{i}@org{o}.example`, verified domains, full accounts with subaccounts, and a handful of
/// account roles per account.
pub fn large_workspace(scale: Scale) -> Workspace {
    let mut ws = Workspace::empty(DEMO_START, 42);
    let now = ws.now();
    let organizations: Vec<OrgSid> = (0..scale.organizations)
        .map(|o| {
            let sid: OrgSid = ws.issue();
            let mut organization = Organization::new(sid.clone(), format!("Org {o}"), now);
            organization.managed_account_limit = u32::try_from(scale.accounts).unwrap_or(u32::MAX);
            organization.bulk_import_enabled = true;
            organization.hipaa_entitled = o % 2 == 0;
            ws.insert_organization(organization);
            sid
        })
        .collect();

    for d in 0..scale.domains {
        let o = d % scale.organizations;
        let name = if d < scale.organizations {
            format!("org{o}.example")
        } else {
            format!("team{d}.org{o}.example")
        };
        let domain = Domain {
            sid: ws.issue(),
            organization: organizations[o].clone(),
            name,
            token: ws.issue_token(),
            status: DomainStatus::Verified { since: now },
            signup_policy: SignupPolicy::Restricted,
            date_created: now,
            checks: Vec::new(),
        };
        ws.publish_txt(domain.record_name(), domain.record_value());
        ws.insert_domain(domain);
    }

    let mut members: Vec<Vec<UserSid>> = vec![Vec::new(); scale.organizations];
    for u in 0..scale.users {
        let o = u % scale.organizations;
        let role = match members[o].len() {
            0 => OrgRole::Owner,
            1..=4 => OrgRole::Administrator,
            _ => OrgRole::Standard,
        };
        let mut user =
            User::new(ws.issue(), format!("user{u}@org{o}.example"), format!("User {u}"), now);
        user.membership = Some(Membership { organization: organizations[o].clone(), role });
        user.phone_verified = true;
        user.two_factor = true;
        members[o].push(user.sid.clone());
        ws.insert_user(user);
    }

    for a in 0..scale.accounts {
        let o = a % scale.organizations;
        let people = &members[o];
        let owner = people[a / scale.organizations % people.len()].clone();
        let mut account = Account::new(
            ws.issue(),
            format!("Account {a}"),
            Some(organizations[o].clone()),
            owner.clone(),
            AccountType::Full,
            Usage::Twilio,
            now,
        );
        for k in 1..=3 {
            let user = &people[(a * 7 + k * 13) % people.len()];
            if user != &owner {
                let roles = AccountRoles::Limited {
                    developer: true,
                    billing_manager: k == 2,
                    support: k == 3,
                };
                account.users.insert(user.clone(), roles);
            }
        }
        let parent = account.sid.clone();
        ws.insert_account(account);
        for s in 0..scale.subaccounts_per_account {
            let subaccount = Subaccount {
                sid: ws.issue(),
                parent: parent.clone(),
                friendly_name: format!("Account {a} / customer {s}"),
                status: AccountStatus::Active,
                hipaa: false,
                date_created: now,
            };
            ws.insert_subaccount(subaccount);
        }
    }
    ws
}

/// Appends `count` audit events to `ws`, as a workspace that has been in use for a while has:
/// role changes, password resets and 2FA resets of its organizations' members, each by its
/// organization's Owner, one a minute up to the workspace's current time. They are history only:
/// the users themselves are left as they are. Deterministic, like [`large_workspace`].
pub fn add_audit_events(ws: &mut Workspace, count: usize) {
    let mut organizations: Vec<&Organization> = ws.organizations().collect();
    organizations.sort_by(|a, b| a.friendly_name.cmp(&b.friendly_name));
    // (actor, subject, email) for every member of every organization that has an Owner.
    let people: Vec<(UserSid, UserSid, String)> = organizations
        .iter()
        .filter_map(|o| Some((o, ws.owner_of(&o.sid)?.sid.clone())))
        .flat_map(|(o, owner)| {
            ws.members(&o.sid).map(move |u| (owner.clone(), u.sid.clone(), u.email.clone()))
        })
        .collect();
    if people.is_empty() {
        return;
    }
    let now = ws.now();
    for i in 0..count {
        let (actor, subject, email) = &people[i * 7919 % people.len()];
        let minutes_ago = i64::try_from(count - i).unwrap_or(i64::MAX);
        let (action, description, event_data) = match i % 3 {
            0 => ("updated", format!("Role of {email} changed"), role_change(i)),
            1 => ("password_reset", format!("Password of {email} reset"), BTreeMap::new()),
            _ => ("two_factor_reset", format!("2FA of {email} reset"), BTreeMap::new()),
        };
        let event = AuditEvent {
            sid: ws.issue(),
            event_type: format!("user.{action}"),
            event_date: now.plus(-60 * minutes_ago),
            actor_sid: Some(ActorSid::User(actor.clone())),
            resource_type: "user".to_owned(),
            resource_sid: subject.to_string(),
            description,
            event_data,
            rules: Vec::new(),
        };
        ws.push_event(event);
    }
}

/// A role change's recorded fields, one way or the other by turns.
fn role_change(i: usize) -> BTreeMap<String, FieldChange> {
    let (previous, updated) = if i.is_multiple_of(2) {
        (OrgRole::Standard, OrgRole::Administrator)
    } else {
        (OrgRole::Administrator, OrgRole::Standard)
    };
    let change = FieldChange {
        previous: Some(previous.label().to_owned()),
        updated: Some(updated.label().to_owned()),
    };
    BTreeMap::from([("role".to_owned(), change)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_invariants;
    use crate::snapshot::{from_stored, to_stored};

    const SMALL: Scale =
        Scale { organizations: 2, users: 20, accounts: 4, subaccounts_per_account: 1, domains: 2 };

    fn with_events(count: usize) -> Workspace {
        let mut ws = large_workspace(SMALL);
        add_audit_events(&mut ws, count);
        ws
    }

    #[test]
    fn audit_events_are_history_in_order_and_deterministic() {
        let ws = with_events(50);
        let events = ws.audit();
        assert_eq!(events.len(), 50);
        assert!(events.windows(2).all(|pair| pair[0].event_date < pair[1].event_date));
        assert!(events.iter().all(|event| event.event_date < ws.now()));
        assert_eq!(with_events(50).audit(), events);
        assert!(check_invariants(&ws).is_empty());
    }

    #[test]
    fn a_workspace_with_audit_events_is_stored_and_read_back_whole() {
        let ws = with_events(30);
        assert_eq!(from_stored(&to_stored(&ws)).expect("it reads back"), ws);
    }
}
