//! What a command marks as changed: the console redraws only the screens that read those parts
//! (issue 12), so a part left unmarked is a screen left stale.

mod support;

use org_rules::Command::*;
use org_rules::model::OrgRole;
use org_rules::parts::{Part, Parts};
use org_rules::{Actor, Command, Workspace, submit};
use support::{Demo, demo};

/// A demo whose building left no change marked, as the console holds it after loading.
fn settled() -> Demo {
    let mut d = demo();
    d.ws.take_changes();
    d
}

/// Submits `command` as the console does, refused or not, and returns what it marked.
fn changes(d: &mut Demo, actor: &Actor, command: Command) -> Parts {
    let _ = submit(&mut d.ws, actor, &command);
    d.ws.take_changes()
}

#[test]
fn a_workspace_built_from_its_state_starts_with_no_changes() {
    let d = demo();
    let mut ws = Workspace::from_state(d.ws.state().clone());
    assert_eq!(ws.take_changes(), Parts::NONE);
}

#[test]
fn changing_a_role_changes_users_and_the_audit_log_only() {
    let mut d = settled();
    let (admin, corp) = (d.admin(), d.corp.clone());
    let sam = d.user("sam@owlcorp.com").sid.clone();
    let command = ChangeUserRole { organization: corp, user: sam, role: OrgRole::Administrator };
    assert_eq!(changes(&mut d, &admin, command), Part::Users | Part::Audit);
}

#[test]
fn transferring_an_account_changes_accounts_and_the_audit_log() {
    let mut d = settled();
    let owner = d.owner();
    let account = d.account_sid("Owl Corp Production");
    let arjun = d.user("arjun@owlcorp.com").sid.clone();
    let changed = changes(&mut d, &owner, TransferAccountOwnership { account, new_owner: arjun });
    assert!(changed.contains(Part::Accounts) && changed.contains(Part::Audit), "{changed:?}");
    assert!(!changed.contains(Part::Users), "{changed:?}");
}

#[test]
fn advancing_the_clock_changes_the_clock() {
    let mut d = settled();
    let changed = changes(&mut d, &Actor::World, AdvanceClock { hours: 1 });
    assert!(changed.contains(Part::Clock), "{changed:?}");
}

#[test]
fn a_refused_command_changes_only_the_audit_log() {
    let mut d = settled();
    let (standard, corp) = (d.standard(), d.corp.clone());
    let sam = d.user("sam@owlcorp.com").sid.clone();
    let command = ChangeUserRole { organization: corp, user: sam, role: OrgRole::Administrator };
    let before = d.ws.clone();
    assert_eq!(changes(&mut d, &standard, command), Parts::of(Part::Audit));
    assert_eq!(d.ws.audit().len(), before.audit().len() + 1, "the refusal is noted");
}

#[test]
fn taking_the_changes_clears_them() {
    let mut d = settled();
    let _ = submit(&mut d.ws, &Actor::World, &AdvanceClock { hours: 1 });
    assert_ne!(d.ws.take_changes(), Parts::NONE);
    assert_eq!(d.ws.take_changes(), Parts::NONE);
}

#[test]
fn marked_changes_are_no_part_of_the_workspace_value() {
    let mut d = settled();
    let _ = submit(&mut d.ws, &Actor::World, &AdvanceClock { hours: 1 });
    let mut cleared = d.ws.clone();
    cleared.take_changes();
    assert_eq!(cleared, d.ws);
    assert_eq!(serde_json::to_string(&cleared).unwrap(), serde_json::to_string(&d.ws).unwrap());
}

#[test]
fn parts_combine_and_iterate_in_order() {
    let parts = Part::Audit | Part::Users;
    assert_eq!(parts.iter().collect::<Vec<_>>(), [Part::Users, Part::Audit]);
    assert_eq!(Parts::ALL.iter().count(), Part::ALL.len());
    assert!(!Parts::ALL.without(Part::Audit).contains(Part::Audit));
    assert_eq!(Parts::NONE.iter().count(), 0);
}
