//! The snapshot format: what is written reads back equal, and what is wrong is reported.

use org_rules::demo::demo_workspace;
use org_rules::snapshot::{SnapshotError, from_json, to_json};

#[test]
fn a_snapshot_reads_back_equal_with_its_indexes_rebuilt() {
    let workspace = demo_workspace();
    let back = from_json(&to_json(&workspace)).unwrap();
    assert_eq!(back, workspace);
    assert_eq!(back.user_by_email("ARJUN@owlcorp.com").unwrap().friendly_name, "Arjun Mehta");
}

#[test]
fn broken_json_is_reported_with_its_position() {
    let error = from_json("{\n  \"format\": \"org-console\",\n  oops\n}").unwrap_err();
    assert!(matches!(error, SnapshotError::Syntax { line: 3, column: 3, .. }), "{error}");
    assert!(
        error.to_string().starts_with("not valid JSON at line 3, column 3: key must be a string")
    );
}

#[test]
fn other_json_is_not_a_snapshot() {
    let error = from_json(r#"{"users": []}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "not an Org Console snapshot: it has no `format` field saying `org-console`"
    );
}

#[test]
fn a_newer_schema_is_refused_rather_than_misread() {
    let text = to_json(&demo_workspace()).replace("\"schema_version\":1", "\"schema_version\":99");
    assert_eq!(from_json(&text).unwrap_err(), SnapshotError::TooNew { found: 99 });
}

#[test]
fn unknown_fields_and_broken_invariants_are_reported() {
    let text = to_json(&demo_workspace());
    let unknown = text.replacen("\"friendly_name\"", "\"nickname\":1,\"friendly_name\"", 1);
    assert!(
        matches!(from_json(&unknown), Err(SnapshotError::Shape(why)) if why.contains("unknown field `nickname`"))
    );

    let two_owners = text.replace("\"role\":\"administrator\"", "\"role\":\"owner\"");
    let Err(SnapshotError::Invalid(broken)) = from_json(&two_owners) else {
        panic!("two owners accepted")
    };
    assert!(broken[0].ends_with("has 2 owners instead of exactly one"), "{broken:?}");
}

#[test]
fn a_large_workspace_is_sound_and_reads_back_equal() {
    use org_rules::scale::{Scale, large_workspace};
    let scale = Scale {
        organizations: 3,
        users: 300,
        accounts: 30,
        subaccounts_per_account: 2,
        domains: 6,
    };
    let workspace = large_workspace(scale);
    assert_eq!(org_rules::check_invariants(&workspace), Vec::<String>::new());
    assert_eq!(workspace.state().users.len(), 300);
    assert_eq!(workspace.state().subaccounts.len(), 60);
    assert_eq!(from_json(&to_json(&workspace)).unwrap(), workspace);
}
