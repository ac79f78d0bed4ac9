//! `make bench-rules`: times `apply` per command kind on a workspace of 10,000 users, 1,000
//! accounts, 5,000 subaccounts and 100 domains, and prints a table. Nothing is asserted: the
//! figures are for people to read (target: every `apply` under 100 µs median).

use org_rules::command::LoginMethod;
use org_rules::model::{AccountRoles, OrgRole, SignupPolicy, Usage};
use org_rules::scale::{Scale, large_workspace};
use org_rules::sid::{AccountSid, OrgSid, UserSid};
use org_rules::{Actor, Command, Workspace, apply, check_invariants, dry_run};
use std::time::{Duration, Instant};

const RUNS: usize = 200;

/// The workspace's objects in a fixed order, for building commands by index.
struct Fixture {
    organizations: Vec<OrgSid>,
    owners: Vec<UserSid>,
    standard_users: Vec<UserSid>,
    accounts: Vec<AccountSid>,
    subaccounts: Vec<AccountSid>,
}

impl Fixture {
    fn of(ws: &Workspace) -> Self {
        let state = ws.state();
        // In creation order, so organization `o` is the one whose users are `user…@org{o}.example`.
        let mut organizations: Vec<_> = state.organizations.values().collect();
        organizations
            .sort_by_key(|o| o.friendly_name.trim_start_matches("Org ").parse::<usize>().unwrap());
        let organizations: Vec<OrgSid> = organizations.into_iter().map(|o| o.sid.clone()).collect();
        let owners = organizations.iter().map(|o| ws.owner_of(o).unwrap().sid.clone()).collect();
        let standard_users = state
            .users
            .values()
            .filter(|u| u.membership.as_ref().is_some_and(|m| m.role == OrgRole::Standard))
            .map(|u| u.sid.clone())
            .collect();
        Fixture {
            organizations,
            owners,
            standard_users,
            accounts: state.accounts.keys().cloned().collect(),
            subaccounts: state.subaccounts.keys().cloned().collect(),
        }
    }

    /// The Owner of the organization that manages account `i`.
    fn owner_for_account(&self, ws: &Workspace, account: &AccountSid) -> Actor {
        let organization = ws.account(account).and_then(|a| a.organization.clone()).unwrap();
        let index = self.organizations.iter().position(|o| o == &organization).unwrap();
        Actor::User(self.owners[index].clone())
    }

    fn org_of_user(&self, ws: &Workspace, user: &UserSid) -> (usize, OrgSid) {
        let organization = ws.user(user).unwrap().membership.clone().unwrap().organization;
        (self.organizations.iter().position(|o| o == &organization).unwrap(), organization)
    }
}

type Builder = fn(&Workspace, &Fixture, usize) -> (Actor, Command);

fn kinds() -> Vec<(&'static str, Builder)> {
    vec![
        ("add_domain", |_, f, i| {
            let o = i % f.organizations.len();
            let name = format!("bench{i}.org{o}.example");
            (
                Actor::User(f.owners[o].clone()),
                Command::AddDomain { organization: f.organizations[o].clone(), name },
            )
        }),
        ("verify_domain", |ws, f, i| {
            let verified = ws.state().domains.values().filter(|d| d.is_verified());
            let domain = verified.cycle().nth(i).unwrap();
            let o = f.organizations.iter().position(|o| o == &domain.organization).unwrap();
            (Actor::User(f.owners[o].clone()), Command::VerifyDomain { domain: domain.sid.clone() })
        }),
        ("set_signup_policy", |ws, f, i| {
            let verified = ws.state().domains.values().filter(|d| d.is_verified());
            let domain = verified.cycle().nth(i).unwrap();
            let o = f.organizations.iter().position(|o| o == &domain.organization).unwrap();
            let policy = SignupPolicy::ALL[i % 3];
            (
                Actor::User(f.owners[o].clone()),
                Command::SetSignupPolicy { domain: domain.sid.clone(), policy },
            )
        }),
        ("invite_user", |_, f, i| {
            let o = i % f.organizations.len();
            let email = format!("invitee{i}@org{o}.example");
            let command = Command::InviteUser {
                organization: f.organizations[o].clone(),
                email,
                role: OrgRole::Standard,
            };
            (Actor::User(f.owners[o].clone()), command)
        }),
        ("change_user_role", |ws, f, i| {
            let user = f.standard_users[i].clone();
            let (o, organization) = f.org_of_user(ws, &user);
            let command =
                Command::ChangeUserRole { organization, user, role: OrgRole::Administrator };
            (Actor::User(f.owners[o].clone()), command)
        }),
        ("reset_password", |ws, f, i| {
            let user = f.standard_users[RUNS + i].clone();
            let (o, _) = f.org_of_user(ws, &user);
            (Actor::User(f.owners[o].clone()), Command::ResetPassword { user })
        }),
        ("log_in", |_, f, i| {
            (
                Actor::World,
                Command::LogIn {
                    user: f.standard_users[2 * RUNS + i].clone(),
                    method: LoginMethod::Password,
                },
            )
        }),
        ("create_account", |_, f, i| {
            let o = i % f.organizations.len();
            let command = Command::CreateAccount {
                organization: f.organizations[o].clone(),
                name: format!("Bench {i}"),
                usage: Usage::Twilio,
            };
            (Actor::User(f.owners[o].clone()), command)
        }),
        ("grant_account_access", |ws, f, i| {
            let account = f.accounts[i].clone();
            let user = ws.state().accounts[&account]
                .organization
                .as_ref()
                .and_then(|o| ws.members(o).nth(40 + i))
                .unwrap()
                .sid
                .clone();
            let roles =
                AccountRoles::Limited { developer: false, billing_manager: true, support: true };
            (
                f.owner_for_account(ws, &account),
                Command::GrantAccountAccess { account, user, roles },
            )
        }),
        ("transfer_account_ownership", |ws, f, i| {
            let account = f.accounts[RUNS + i].clone();
            let new_owner = ws.state().accounts[&account]
                .organization
                .as_ref()
                .and_then(|o| ws.members(o).nth(60 + i))
                .unwrap()
                .sid
                .clone();
            (
                f.owner_for_account(ws, &account),
                Command::TransferAccountOwnership { account, new_owner },
            )
        }),
        ("create_subaccount", |ws, f, i| {
            let parent = f.accounts[2 * RUNS + i].clone();
            let owner = Actor::User(ws.account(&parent).unwrap().owner.clone());
            (owner, Command::CreateSubaccount { parent, name: format!("Bench sub {i}") })
        }),
        ("suspend_subaccount", |ws, f, i| {
            let subaccount = f.subaccounts[i * 5].clone();
            let parent = ws.subaccount(&subaccount).unwrap().parent.clone();
            (
                Actor::User(ws.account(&parent).unwrap().owner.clone()),
                Command::SuspendSubaccount { subaccount },
            )
        }),
        ("suspend_account (and its 5 subaccounts)", |ws, f, i| {
            let account = f.accounts[3 * RUNS + i].clone();
            (f.owner_for_account(ws, &account), Command::SuspendAccount { account })
        }),
        ("sign_up", |_, _, i| {
            (
                Actor::World,
                Command::SignUp {
                    email: format!("founder{i}@startup{i}.example"),
                    name: format!("Founder {i}"),
                },
            )
        }),
        ("advance_clock (1 hour)", |_, _, _| (Actor::World, Command::AdvanceClock { hours: 1 })),
    ]
}

fn main() {
    let started = Instant::now();
    let mut ws = large_workspace(Scale::LARGE);
    let built = started.elapsed();
    let fixture = Fixture::of(&ws);
    let state = ws.state();
    println!(
        "workspace: {} users, {} accounts, {} subaccounts, {} domains, built in {}",
        state.users.len(),
        state.accounts.len(),
        state.subaccounts.len(),
        state.domains.len(),
        show(built)
    );
    println!();
    println!("| what | runs | applied | median | p95 |");
    println!("|---|---:|---:|---:|---:|");
    for (name, build) in kinds() {
        let mut times = Vec::with_capacity(RUNS);
        let mut applied = 0;
        let mut refused_by = None;
        for i in 0..RUNS {
            let (actor, command) = build(&ws, &fixture, i);
            let start = Instant::now();
            let result = apply(&mut ws, &actor, &command);
            times.push(start.elapsed());
            match result {
                Ok(_) => applied += 1,
                Err(denial) => refused_by = Some(denial.rule.id),
            }
        }
        let name = match refused_by {
            Some(rule) => format!("{name} (others refused by {rule})"),
            None => name.to_owned(),
        };
        row(&name, &mut times, applied);
    }

    let (actor, command) = kinds()[0].1(&ws, &fixture, RUNS + 1);
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let _ = dry_run(&ws, &actor, &command);
            start.elapsed()
        })
        .collect();
    row("dry_run (add_domain)", &mut times, RUNS);

    let mut times: Vec<Duration> = (0..10)
        .map(|_| {
            let start = Instant::now();
            assert!(check_invariants(&ws).is_empty());
            start.elapsed()
        })
        .collect();
    row("check_invariants", &mut times, 10);

    let start = Instant::now();
    let json = serde_json::to_string(&ws).unwrap();
    let serialized = start.elapsed();
    println!();
    println!("workspace as JSON: {} characters, serialized in {}", json.len(), show(serialized));
}

fn row(name: &str, times: &mut [Duration], applied: usize) {
    times.sort_unstable();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    println!("| {name} | {} | {applied} | {} | {} |", times.len(), show(median), show(p95));
}

fn show(duration: Duration) -> String {
    let micros = duration.as_secs_f64() * 1e6;
    if micros < 1000.0 { format!("{micros:.1} µs") } else { format!("{:.2} ms", micros / 1000.0) }
}
