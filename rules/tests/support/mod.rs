//! Shared helpers for the rule tests: the demo's people and objects, and assertions that a
//! command is allowed or refused by a given rule without changing anything.
#![allow(dead_code, reason = "each test file uses its own subset of these helpers")]

use org_rules::Command::InviteUser;
use org_rules::demo::demo_workspace;
use org_rules::model::{
    Account, AccountRoles, AccountStatus, AccountType, Domain, OrgRole, Subaccount, Usage, User,
};
use org_rules::sid::{AccountSid, InvitationSid, OrgSid, SsoProfileSid};
use org_rules::workspace::State;
use org_rules::{
    Actor, Command, Denial, Outcome, Preview, Rule, Workspace, apply, check_invariants, dry_run,
};

/// The Developer account role alone.
pub const DEVELOPER: AccountRoles =
    AccountRoles::Limited { developer: true, billing_manager: false, support: false };

pub struct Demo {
    pub ws: Workspace,
    pub corp: OrgSid,
    pub labs: OrgSid,
}

pub fn demo() -> Demo {
    let ws = demo_workspace();
    let org =
        |name: &str| ws.organizations().find(|o| o.friendly_name == name).unwrap().sid.clone();
    let (corp, labs) = (org("Owl Corp"), org("Owl Labs"));
    Demo { ws, corp, labs }
}

impl Demo {
    pub fn member(&self, organization: &OrgSid, role: OrgRole) -> Actor {
        let user =
            self.ws.members(organization).find(|u| u.role_in(organization) == Some(role)).unwrap();
        Actor::User(user.sid.clone())
    }

    pub fn owner(&self) -> Actor {
        self.member(&self.corp, OrgRole::Owner)
    }

    pub fn admin(&self) -> Actor {
        self.member(&self.corp, OrgRole::Administrator)
    }

    /// An Administrator of Owl Corp invites `email` as a Standard user: the invitation.
    pub fn invite(&mut self, email: &str) -> InvitationSid {
        let admin = self.admin();
        let invite = InviteUser {
            organization: self.corp.clone(),
            email: email.into(),
            role: OrgRole::Standard,
        };
        self.allow(&admin, invite).created.unwrap().parse().unwrap()
    }

    pub fn standard(&self) -> Actor {
        self.member(&self.corp, OrgRole::Standard)
    }

    pub fn labs_owner(&self) -> Actor {
        self.member(&self.labs, OrgRole::Owner)
    }

    pub fn domain(&self, name: &str) -> &Domain {
        self.ws.state().domains.values().find(|d| d.name == name).unwrap()
    }

    pub fn account(&self, name: &str) -> &Account {
        let accounts = &self.ws.state().accounts;
        accounts
            .values()
            .find(|a| a.friendly_name == name)
            .unwrap_or_else(|| panic!("no account named {name}"))
    }

    pub fn account_sid(&self, name: &str) -> AccountSid {
        self.account(name).sid.clone()
    }

    pub fn subaccount(&self, name: &str) -> &Subaccount {
        let subaccounts = &self.ws.state().subaccounts;
        subaccounts
            .values()
            .find(|s| s.friendly_name == name)
            .unwrap_or_else(|| panic!("no subaccount named {name}"))
    }

    pub fn subaccount_sid(&self, name: &str) -> AccountSid {
        self.subaccount(name).sid.clone()
    }

    /// Changes the stored state directly, as an imported snapshot could have it, and rebuilds
    /// the indexes: for states no command of the area under test reaches.
    pub fn with_state(&mut self, change: impl FnOnce(&mut State)) {
        let mut state = self.ws.state().clone();
        change(&mut state);
        self.ws = Workspace::from_state(state);
    }

    /// A trial account outside every organization, owned by `email` (a new user unless one exists).
    pub fn independent_account(&mut self, email: &str, name: &str) -> AccountSid {
        let mut sid = None;
        self.with_state(|state| {
            let existing = state.users.values().find(|u| u.email == email).map(|u| u.sid.clone());
            let owner = existing.unwrap_or_else(|| {
                let user = User::new(state.sids.issue(), email.into(), email.into(), state.now);
                let sid = user.sid.clone();
                state.users.insert(sid.clone(), user);
                sid
            });
            let account = Account {
                sid: state.sids.issue(),
                friendly_name: name.into(),
                organization: None,
                owner,
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

    pub fn user(&self, email: &str) -> &User {
        self.ws.user_by_email(email).unwrap_or_else(|| panic!("no user {email}"))
    }

    /// The user with this email, as an actor.
    pub fn as_user(&self, email: &str) -> Actor {
        Actor::User(self.user(email).sid.clone())
    }

    /// Applies a command that must succeed, and checks every invariant afterwards.
    pub fn allow(&mut self, actor: &Actor, command: Command) -> Outcome {
        let preview = dry_run(&self.ws, actor, &command);
        let outcome = apply(&mut self.ws, actor, &command)
            .unwrap_or_else(|denial| panic!("expected {command:?} to be allowed, got {denial}"));
        let expected = Preview { summary: outcome.summary.clone(), rules: outcome.rules.clone() };
        assert_eq!(preview, Ok(expected), "the dry run must agree with apply");
        assert_eq!(check_invariants(&self.ws), Vec::<String>::new());
        outcome
    }

    /// Applies a command that must be refused by `rule`, and checks that nothing changed.
    pub fn refuse(&mut self, actor: &Actor, command: Command, rule: &Rule) -> Denial {
        let before = serde_json::to_string(&self.ws).unwrap();
        let preview = dry_run(&self.ws, actor, &command);
        let denial = apply(&mut self.ws, actor, &command)
            .expect_err(&format!("expected {command:?} to be refused by {}", rule.id));
        assert_eq!(denial.rule.id, rule.id, "refused by the wrong rule: {denial}");
        assert_eq!(preview, Err(denial.clone()), "the dry run must agree with apply");
        assert_eq!(
            serde_json::to_string(&self.ws).unwrap(),
            before,
            "a denied command changed the workspace"
        );
        denial
    }

    /// Checks `command` as `actor` without applying it, and returns the effect rules it names.
    pub fn would_shape(&self, actor: &Actor, command: &Command) -> Vec<&'static str> {
        let preview = dry_run(&self.ws, actor, command).expect("the dry run must be allowed");
        preview.rules.iter().map(|rule| rule.id).collect()
    }

    /// Owl Corp's Administrator saves an SSO profile, which its identity provider's test passes.
    pub fn tested_sso_profile(&mut self) -> SsoProfileSid {
        let admin = self.admin();
        let save = Command::SaveSsoProfile {
            organization: self.corp.clone(),
            idp_entity_id: "urn:owlcorp:idp".into(),
            sso_url: "https://owlcorp.example/sso".into(),
            certificate: "-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----".into(),
        };
        let profile: SsoProfileSid = self.allow(&admin, save).created.unwrap().parse().unwrap();
        self.allow(&admin, Command::TestSsoConnection { profile: profile.clone() });
        profile
    }

    /// Publishes the domain's verification record, as its DNS administrator would.
    pub fn publish_record(&mut self, name: &str) {
        let domain = self.domain(name);
        let command =
            Command::PublishDnsRecord { name: domain.record_name(), value: domain.record_value() };
        self.allow(&Actor::World, command);
    }
}

/// Asserts that `rule` shaped the outcome.
pub fn assert_shaped(outcome: &Outcome, rule: &Rule) {
    let ids: Vec<_> = outcome.rules.iter().map(|r| r.id).collect();
    assert!(ids.contains(&rule.id), "{} did not shape `{}`: {ids:?}", rule.id, outcome.summary);
    let recorded = outcome.events.iter().any(|event| event.rules.iter().any(|id| id == rule.id));
    assert!(recorded || outcome.events.is_empty(), "no audit event records {}", rule.id);
}

/// Asserts that `rule` did not shape the outcome.
pub fn assert_not_shaped(outcome: &Outcome, rule: &Rule) {
    let ids: Vec<_> = outcome.rules.iter().map(|r| r.id).collect();
    assert!(!ids.contains(&rule.id), "{} shaped `{}`: {ids:?}", rule.id, outcome.summary);
}

/// What a refused request or command changed beyond, at most, one `command.denied` note in the
/// audit log and the SID issued for it; `None` when it changed nothing else.
pub fn changed_beyond_denial_note(before: &State, after: &State) -> Option<String> {
    if !after.audit.starts_with(&before.audit) {
        return Some("the audit log was rewritten".into());
    }
    let added = &after.audit[before.audit.len()..];
    let noted = match added {
        [] => false,
        [note] if note.event_type == "command.denied" => true,
        _ => return Some(format!("{} audit events were added: {added:?}", added.len())),
    };
    let mut restored = after.clone();
    restored.audit.truncate(before.audit.len());
    if noted {
        restored.sids = before.sids.clone();
    }
    (&restored != before).then(|| "the workspace changed".to_owned())
}
