//! The demo with the accounts the briefing describes, for the account, subaccount and HIPAA
//! tests, and lookups by name and email.
//!
//! `demo_workspace` creates the people and domains but, in this version, no accounts. Until it
//! does, this fixture adds them through the workspace's stored state, the way a snapshot would
//! load them: Owl Corp Production (full, owned by Olivia; Arjun Administrator, Sam and the
//! contractor pat@quillagency.com Developers; two subaccounts), Owl Corp Staging (trial, owned by
//! Arjun), Casey's Prototypes (outside every organization, Sam Developer) and Owl Labs Sandbox
//! (trial, owned by Lena).
#![allow(
    dead_code,
    reason = "each test file uses its own subset of these helpers"
)]

use crate::support::{self, Demo};
use org_rules::Actor;
use org_rules::Workspace;
use org_rules::model::{
    Account, AccountRoles, AccountStatus, AccountType, Subaccount, Usage, User,
};
use org_rules::sid::{AccountSid, OrgSid, UserSid};
use org_rules::workspace::State;

pub const DEVELOPER: AccountRoles = AccountRoles::Limited {
    developer: true,
    billing_manager: false,
    support: false,
};

pub fn demo() -> Demo {
    let mut d = support::demo();
    let (corp, labs) = (d.corp.clone(), d.labs.clone());
    d.with_state(|state| {
        let olivia = user_sid(state, "olivia@owlcorp.com");
        let arjun = user_sid(state, "arjun@owlcorp.com");
        let sam = user_sid(state, "sam@owlcorp.com");
        let lena = user_sid(state, "lena@owlcorp.com");
        let pat = add_user(state, "pat@quillagency.com", "Pat Quill");
        let casey = add_user(state, "casey@freelance.dev", "Casey Moore");

        let production = add_account(
            state,
            Some(&corp),
            &olivia,
            "Owl Corp Production",
            AccountType::Full,
        );
        let users = &mut state.accounts.get_mut(&production).unwrap().users;
        users.insert(arjun.clone(), AccountRoles::Administrator);
        users.insert(sam.clone(), DEVELOPER);
        users.insert(pat, DEVELOPER);
        add_subaccount(state, &production, "Customer: Acme Health");
        add_subaccount(state, &production, "Customer: Birch Bank");

        add_account(
            state,
            Some(&corp),
            &arjun,
            "Owl Corp Staging",
            AccountType::Trial,
        );
        let prototypes = add_account(
            state,
            None,
            &casey,
            "Casey's Prototypes",
            AccountType::Trial,
        );
        state
            .accounts
            .get_mut(&prototypes)
            .unwrap()
            .users
            .insert(sam, DEVELOPER);
        add_account(
            state,
            Some(&labs),
            &lena,
            "Owl Labs Sandbox",
            AccountType::Trial,
        );
    });
    d
}

fn user_sid(state: &State, email: &str) -> UserSid {
    state
        .users
        .values()
        .find(|u| u.email == email)
        .unwrap()
        .sid
        .clone()
}

fn add_user(state: &mut State, email: &str, name: &str) -> UserSid {
    let user = User::new(state.sids.issue(), email.into(), name.into(), state.now);
    let sid = user.sid.clone();
    state.users.insert(sid.clone(), user);
    sid
}

fn add_account(
    state: &mut State,
    organization: Option<&OrgSid>,
    owner: &UserSid,
    name: &str,
    kind: AccountType,
) -> AccountSid {
    let account = Account {
        sid: state.sids.issue(),
        friendly_name: name.into(),
        organization: organization.cloned(),
        owner: owner.clone(),
        status: AccountStatus::Active,
        kind,
        usage: Usage::Twilio,
        hipaa: false,
        users: Default::default(),
        date_created: state.now,
    };
    let sid = account.sid.clone();
    state.accounts.insert(sid.clone(), account);
    sid
}

fn add_subaccount(state: &mut State, parent: &AccountSid, name: &str) {
    let subaccount = Subaccount {
        sid: state.sids.issue(),
        parent: parent.clone(),
        friendly_name: name.into(),
        status: AccountStatus::Active,
        hipaa: false,
        date_created: state.now,
    };
    state.subaccounts.insert(subaccount.sid.clone(), subaccount);
}

/// Lookups by the names the documents use, and changes that only the outside world makes.
pub trait AccountsDemo {
    fn user(&self, email: &str) -> &User;
    fn as_user(&self, email: &str) -> Actor;
    fn account(&self, name: &str) -> &Account;
    fn account_sid(&self, name: &str) -> AccountSid;
    fn subaccount(&self, name: &str) -> &Subaccount;
    fn subaccount_sid(&self, name: &str) -> AccountSid;
    /// Changes the stored state directly, for what no command of this area does: Twilio
    /// support's entitlements, the passing of time, accounts made outside every organization.
    fn with_state(&mut self, change: impl FnOnce(&mut State));
    /// An account outside every organization, owned by `email` (a new user unless one exists).
    fn independent_account(&mut self, email: &str, name: &str) -> AccountSid;
}

impl AccountsDemo for Demo {
    fn user(&self, email: &str) -> &User {
        self.ws.user_by_email(email).unwrap()
    }

    fn as_user(&self, email: &str) -> Actor {
        Actor::User(self.user(email).sid.clone())
    }

    fn account(&self, name: &str) -> &Account {
        self.ws
            .state()
            .accounts
            .values()
            .find(|a| a.friendly_name == name)
            .unwrap_or_else(|| panic!("no account named {name}"))
    }

    fn account_sid(&self, name: &str) -> AccountSid {
        self.account(name).sid.clone()
    }

    fn subaccount(&self, name: &str) -> &Subaccount {
        self.ws
            .state()
            .subaccounts
            .values()
            .find(|s| s.friendly_name == name)
            .unwrap_or_else(|| panic!("no subaccount named {name}"))
    }

    fn subaccount_sid(&self, name: &str) -> AccountSid {
        self.subaccount(name).sid.clone()
    }

    fn with_state(&mut self, change: impl FnOnce(&mut State)) {
        let mut state = self.ws.state().clone();
        change(&mut state);
        self.ws = Workspace::from_state(state);
    }

    fn independent_account(&mut self, email: &str, name: &str) -> AccountSid {
        let mut sid = None;
        self.with_state(|state| {
            let existing = state.users.values().find(|u| u.email == email);
            let owner = match existing {
                Some(user) => user.sid.clone(),
                None => add_user(state, email, email),
            };
            sid = Some(add_account(state, None, &owner, name, AccountType::Trial));
        });
        sid.unwrap()
    }
}
