//! Fixtures the demo lacks for the people tests: users outside every organization and
//! accounts, written straight into the workspace's state as an import would.

use super::Demo;
use org_rules::model::{Account, AccountStatus, AccountType, Usage, User};
use org_rules::sid::{AccountSid, OrgSid, UserSid};

/// A user outside every organization.
pub fn add_user(d: &mut Demo, email: &str, phone_verified: bool) -> UserSid {
    let mut sid = None;
    d.with_state(|state| {
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
    d.with_state(|state| {
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
