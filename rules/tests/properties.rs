//! Random command sequences from random actors, starting from the demo. After every step every
//! invariant holds, and a refused command leaves the workspace byte-for-byte as it was; and the
//! journal of a sequence, replayed, yields the workspace it made, through the stored form too.
//! An applied command marks every part of the workspace it changed, so no screen goes stale.
//!
//! The default run has 256 cases of up to 100 steps. For a heavier one:
//! `PROPTEST_CASES=4096 cargo test -p org-rules --release --test properties`.

use org_rules::command::{ImportedUser, LoginMethod};
use org_rules::demo::demo_workspace;
use org_rules::journal::{Entry, replay};
use org_rules::model::{
    AccountRoles, IdpError, OrgRole, ScimAttributes, ScimEmail, SignupPolicy, Usage,
};
use org_rules::parts::{Part, Parts};
use org_rules::snapshot::{from_stored, to_stored};
use org_rules::workspace::State;
use org_rules::{Actor, Command, Workspace, apply, check_invariants, submit};
use proptest::prelude::*;

/// One step, as raw choices; what they pick depends on the workspace when the step runs, so
/// most steps name objects that exist.
#[derive(Clone, Debug)]
struct Step {
    actor: u8,
    kind: u8,
    picks: [u8; 3],
    flag: bool,
}

fn step() -> impl Strategy<Value = Step> {
    (any::<u8>(), any::<u8>(), any::<[u8; 3]>(), any::<bool>())
        .prop_map(|(actor, kind, picks, flag)| Step { actor, kind, picks, flag })
}

const NAMES: &[&str] = &[
    "owlcorp.io",
    "gmail.com",
    "labs.owlcorp.com",
    "www.owl.io",
    "owlcorp.com",
    "owlcorp.dev",
    "",
];
const EMAILS: &[&str] = &[
    "ana@owlcorp.com",
    "bo@owlcorp.com",
    "new@owlcorp.com",
    "lena@owlcorp.com",
    "pat@quillagency.com",
    "someone@gmail.com",
    "sam@owlcorp.com",
    "kim@owlcorp.dev",
    "not-an-email",
];

fn pick<T: Clone>(items: Vec<T>, index: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[usize::from(index) % items.len()].clone())
}

fn role(index: u8) -> OrgRole {
    [OrgRole::Owner, OrgRole::Administrator, OrgRole::Standard][usize::from(index) % 3]
}

/// The command a step stands for, in this workspace; `None` when it names nothing that exists.
fn command(ws: &Workspace, step: &Step) -> Option<Command> {
    let [a, b, c] = step.picks;
    let state = ws.state();
    let org = || pick(state.organizations.keys().cloned().collect(), a);
    let user = |i| pick(state.users.keys().cloned().collect(), i);
    let account = |i| pick(state.accounts.keys().cloned().collect(), i);
    let subaccount = || pick(state.subaccounts.keys().cloned().collect(), b);
    let domain = || pick(state.domains.keys().cloned().collect(), b);
    let invitation = || pick(state.invitations.keys().cloned().collect(), b);
    let profile = || pick(state.sso_profiles.keys().cloned().collect(), a);
    let name = |i: u8| NAMES[usize::from(i) % NAMES.len()].to_owned();
    let email = |i: u8| EMAILS[usize::from(i) % EMAILS.len()].to_owned();
    let roles = if step.flag {
        AccountRoles::Administrator
    } else {
        AccountRoles::Limited {
            developer: c % 2 == 0,
            billing_manager: c % 3 == 0,
            support: c % 5 == 0,
        }
    };
    use Command::*;
    Some(match step.kind % 52 {
        0 => CreateOrganization { name: format!("Org {c}") },
        1 => RenameOrganization { organization: org()?, name: format!("Renamed {c}") },
        2 => ChangeOrganizationOwner { organization: org()?, new_owner: user(b)? },
        3 => DeleteOrganization { organization: org()? },
        4 => CreateAccount {
            organization: org()?,
            name: format!("Account {c}"),
            usage: if step.flag { Usage::Flex } else { Usage::Twilio },
        },
        5 => AddExistingAccount { organization: org()?, account: account(b)? },
        6 => TransferAccountOwnership { account: account(a)?, new_owner: user(b)? },
        7 => UpgradeAccount { account: account(a)? },
        8 => SuspendAccount { account: account(a)? },
        9 => ReactivateAccount { account: account(a)? },
        10 => CloseAccount { account: account(a)? },
        11 => SetAccountHipaa { account: account(a)?, enabled: step.flag },
        12 => GrantAccountAccess { account: account(a)?, user: user(b)?, roles },
        13 => RevokeAccountAccess { account: account(a)?, user: user(b)? },
        14 => CreateSubaccount { parent: account(a)?, name: format!("Sub {c}") },
        15 => SuspendSubaccount { subaccount: subaccount()? },
        16 => ReactivateSubaccount { subaccount: subaccount()? },
        17 => CloseSubaccount { subaccount: subaccount()? },
        18 => InviteUser { organization: org()?, email: email(b), role: role(c) },
        19 => ResendInvitation { invitation: invitation()? },
        20 => RevokeInvitation { invitation: invitation()? },
        21 => ChangeUserRole { organization: org()?, user: user(b)?, role: role(c) },
        22 => RemoveUser { organization: org()?, user: user(b)? },
        23 => ResetPassword { user: user(b)? },
        24 => ResetTwoFactor { user: user(b)? },
        25 => ImportUsers {
            organization: org()?,
            users: vec![
                ImportedUser { email: email(b), name: "Imported".into() },
                ImportedUser { email: email(c), name: "Also".into() },
            ],
        },
        26 => AddDomain { organization: org()?, name: name(b) },
        27 => VerifyDomain { domain: domain()? },
        28 => SetSignupPolicy { domain: domain()?, policy: SignupPolicy::ALL[usize::from(c) % 3] },
        29 => RemoveDomain { domain: domain()? },
        30 => SaveSsoProfile {
            organization: org()?,
            idp_entity_id: format!("https://idp.example/{c}"),
            sso_url: if step.flag {
                "https://idp.example/sso".into()
            } else {
                "http://idp.example/sso".into()
            },
            certificate:
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----"
                    .into(),
        },
        31 => TestSsoConnection { profile: profile()? },
        32 => EnforceSso { profile: profile()?, domain: domain()? },
        33 => StopEnforcingSso { profile: profile()?, domain: domain()? },
        34 => CreateScimApp { organization: org()? },
        35 => ScimCreateUser {
            attributes: scim_user(email(b), email(if step.flag { b } else { c }), c),
        },
        36 => ScimReplaceUser {
            user: user(b)?,
            attributes: ScimAttributes {
                active: Some(step.flag),
                ..scim_user(email(c), email(c), a)
            },
            if_match: None,
        },
        37 => ScimDeleteUser { user: user(b)?, if_match: None },
        38 => InviteToMerge {
            prime: org()?,
            candidate: pick(state.organizations.keys().cloned().collect(), b)?,
            role: role(c),
        },
        39 => ImportToMerge {
            prime: org()?,
            candidate: pick(state.organizations.keys().cloned().collect(), b)?,
        },
        40 => SignUp { email: email(b), name: "Signed Up".into() },
        41 => VerifyPhoneNumber { user: user(b)? },
        42 => AcceptInvitation { invitation: invitation()? },
        43 => DeclineInvitation { invitation: invitation()? },
        44 => LogIn {
            user: user(b)?,
            method: if step.flag { LoginMethod::Sso } else { LoginMethod::Password },
        },
        45 => SetHipaaEntitlement { organization: org()?, entitled: step.flag },
        46 => RaiseAccountLimit { organization: org()?, limit: u32::from(c) },
        47 => EnableBulkImport { organization: org()? },
        48 => {
            let domain = ws.domain(&domain()?)?;
            if step.flag {
                PublishDnsRecord { name: domain.record_name(), value: domain.record_value() }
            } else {
                RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() }
            }
        }
        49 => SetNewPassword { user: user(b)? },
        50 => SetIdpAnswer {
            profile: profile()?,
            error: step.flag.then(|| IdpError::ALL[usize::from(c) % IdpError::ALL.len()]),
        },
        _ => AdvanceClock { hours: u32::from(c) * 24 },
    })
}

fn scim_user(user_name: String, email: String, external_id: u8) -> ScimAttributes {
    ScimAttributes {
        user_name,
        emails: vec![ScimEmail { value: email, kind: None, primary: true }],
        external_id: Some(format!("ext-{external_id}")),
        ..ScimAttributes::default()
    }
}

/// Half the steps are taken by an Owner or Administrator of the organization the step picks, so
/// that admin commands often get past authorization; the rest by anyone, an identity provider's
/// OAuth app, or the outside world.
fn actor(ws: &Workspace, step: &Step) -> Actor {
    let state = ws.state();
    match step.actor % 5 {
        0 => Actor::World,
        4 => pick(state.oauth_apps.keys().cloned().collect(), step.actor / 5)
            .map_or(Actor::World, Actor::App),
        1 => pick(state.users.keys().cloned().collect(), step.actor / 4)
            .map_or(Actor::World, Actor::User),
        _ => {
            let Some(org) = pick(state.organizations.keys().cloned().collect(), step.picks[0])
            else {
                return Actor::World;
            };
            let admins: Vec<_> = ws
                .members(&org)
                .filter(|u| u.role_in(&org) != Some(OrgRole::Standard))
                .map(|u| u.sid.clone())
                .collect();
            pick(admins, step.actor / 4).map_or(Actor::World, Actor::User)
        }
    }
}

/// The parts in which `after` differs from `before`.
fn differing(before: &State, after: &State) -> Parts {
    let differs = [
        (before.now != after.now, Part::Clock),
        (before.organizations != after.organizations, Part::Organizations),
        (before.users != after.users, Part::Users),
        (before.domains != after.domains, Part::Domains),
        (before.accounts != after.accounts, Part::Accounts),
        (before.subaccounts != after.subaccounts, Part::Subaccounts),
        (before.invitations != after.invitations, Part::Invitations),
        (before.sso_profiles != after.sso_profiles, Part::SsoProfiles),
        (before.idp_errors != after.idp_errors, Part::IdpErrors),
        (before.oauth_apps != after.oauth_apps, Part::OauthApps),
        (before.dns != after.dns, Part::Dns),
        (before.audit != after.audit, Part::Audit),
    ];
    differs
        .into_iter()
        .filter(|(differs, _)| *differs)
        .fold(Parts::NONE, |parts, (_, part)| parts | part)
}

proptest! {
    // 256 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn invariants_hold_and_refusals_change_nothing(steps in prop::collection::vec(step(), 1..=100)) {
        let mut ws = demo_workspace();
        for step in &steps {
            let Some(command) = command(&ws, step) else { continue };
            let tag = serde_json::to_value(&command).unwrap()["type"].clone();
            prop_assert_eq!(tag, command.kind(), "the kind is the JSON `type`");
            let actor = actor(&ws, step);
            let before = serde_json::to_string(&ws).unwrap();
            let state_before = ws.state().clone();
            ws.take_changes();
            match apply(&mut ws, &actor, &command) {
                Ok(_) => {
                    let broken = check_invariants(&ws);
                    prop_assert!(broken.is_empty(), "after {command:?} by {actor}: {broken:?}");
                    let (changed, marked) = (differing(&state_before, ws.state()), ws.take_changes());
                    prop_assert_eq!(changed | marked, marked, "{:?} changed parts it did not mark", command);
                }
                Err(denial) => {
                    let after = serde_json::to_string(&ws).unwrap();
                    prop_assert!(before == after, "{command:?} refused by {} changed the workspace", denial.rule.id);
                }
            }
        }
    }

    #[test]
    fn replaying_the_journal_yields_the_same_workspace(steps in prop::collection::vec(step(), 1..=60)) {
        let start = demo_workspace();
        let mut ws = start.clone();
        let mut journal = Vec::new();
        for step in &steps {
            let Some(command) = command(&ws, step) else { continue };
            let actor = actor(&ws, step);
            let _ = submit(&mut ws, &actor, &command);
            journal.push(Entry { rev: journal.len() as u64 + 1, actor, command }.to_json());
        }
        let mut replayed = from_stored(&to_stored(&start)).unwrap();
        let (rev, stop) = replay(&mut replayed, 0, journal.iter().map(String::as_str));
        prop_assert_eq!(stop, None);
        prop_assert_eq!(rev, journal.len() as u64);
        prop_assert!(replayed == ws, "the replay differs from the workspace the commands made");
    }
}
