//! A workspace the size of a large company, for benchmarks: built directly, in well under a
//! second, rather than through tens of thousands of commands.

use crate::demo::DEMO_START;
use crate::model::{
    Account, AccountRoles, AccountStatus, AccountType, Domain, DomainStatus, Membership, OrgRole,
    Organization, SignupPolicy, Subaccount, Usage, User,
};
use crate::sid::{OrgSid, UserSid};
use crate::workspace::Workspace;

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
