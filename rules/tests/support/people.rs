//! Fixtures the demo lacks for the people tests: users outside every organization and
//! accounts, written straight into the workspace's state as an import would.

use super::Demo;
use org_rules::Workspace;
use org_rules::model::{Account, AccountStatus, AccountType, Usage, User};
use org_rules::sid::{AccountSid, OrgSid, UserSid};
use org_rules::workspace::State;

/// Changes the stored state and rebuilds the workspace's indexes from it.
pub fn edit(d: &mut Demo, change: impl FnOnce(&mut State)) {
    let mut state = d.ws.state().clone();
    change(&mut state);
    d.ws = Workspace::from_state(state);
}

/// A user outside every organization.
pub fn add_user(d: &mut Demo, email: &str, phone_verified: bool) -> UserSid {
    let mut sid = None;
    edit(d, |state| {
        let mut user = User::new(state.sids.issue(), email.into(), email.into(), state.now);
        user.phone_verified = phone_verified;
        sid = Some(user.sid.clone());
        state.users.insert(user.sid.clone(), user);
    });
    sid.unwrap()
}

/// An active trial account owned by `owner`, managed by `organization` if one is given.
pub fn add_account(
    d: &mut Demo,
    name: &str,
    owner: &UserSid,
    organization: Option<&OrgSid>,
) -> AccountSid {
    let mut sid = None;
    edit(d, |state| {
        let account = Account {
            sid: state.sids.issue(),
            friendly_name: name.into(),
            organization: organization.cloned(),
            owner: owner.clone(),
            status: AccountStatus::Active,
            kind: AccountType::Trial,
            usage: Usage::Twilio,
            hipaa: false,
            users: Default::default(),
            date_created: state.now,
        };
        sid = Some(account.sid.clone());
        state.accounts.insert(account.sid.clone(), account);
    });
    sid.unwrap()
}
