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
    let current = format!("\"schema_version\":{}", org_rules::snapshot::SCHEMA_VERSION);
    let text = to_json(&demo_workspace()).replace(&current, "\"schema_version\":99");
    assert_eq!(from_json(&text).unwrap_err(), SnapshotError::TooNew { found: 99 });
}

#[test]
fn unknown_fields_and_broken_invariants_are_reported() {
    let text = to_json(&demo_workspace());
    let unknown = text.replacen("\"friendly_name\"", "\"nickname\":1,\"friendly_name\"", 1);
    let Err(SnapshotError::Shape { path, problem }) = from_json(&unknown) else {
        panic!("an unknown field accepted")
    };
    assert_eq!(path, "workspace.organizations[0].nickname");
    assert!(problem.starts_with("unknown field `nickname`, expected one of `sid`"), "{problem}");

    let two_owners = text.replace("\"role\":\"administrator\"", "\"role\":\"owner\"");
    let Err(SnapshotError::Invalid(broken)) = from_json(&two_owners) else {
        panic!("two owners accepted")
    };
    assert!(broken[0].ends_with("has 2 owners instead of exactly one"), "{broken:?}");
}

#[test]
fn a_shape_problem_is_reported_with_its_json_path_in_plain_words() {
    let text =
        to_json(&demo_workspace()).replacen("\"email\":\"pat@quillagency.com\"", "\"email\":42", 1);
    assert_eq!(
        from_json(&text).unwrap_err().to_string(),
        "malformed at workspace.users[0].email: invalid type: integer `42`, expected a string"
    );
    let text =
        to_json(&demo_workspace()).replacen("\"status\":{\"state\":\"active\"}", "\"status\":7", 1);
    assert_eq!(
        from_json(&text).unwrap_err().to_string(),
        "malformed at workspace.accounts[0].status: invalid type: integer `7`, expected an object"
    );
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

mod stored_form {
    use org_rules::demo::demo_workspace;
    use org_rules::scale::{Scale, large_workspace};
    use org_rules::snapshot::{
        MAX_IMPORT_BYTES, SnapshotError, Storing, from_json, from_stored, to_json, to_stored,
    };

    #[test]
    fn reads_back_equal_and_reads_plain_json_too() {
        let workspace = demo_workspace();
        assert_eq!(from_stored(&to_stored(&workspace)).unwrap(), workspace);
        assert_eq!(from_stored(&to_json(&workspace)).unwrap(), workspace, "earlier saves");
    }

    #[test]
    fn deflated_in_slices_it_is_the_same_stored_form() {
        let workspace = large_workspace(Scale { users: 500, accounts: 50, ..Scale::LARGE });
        // Slices larger than the pieces of JSON, and smaller than one (a user's object).
        for slice in [4096, 7] {
            let mut storing = Storing::new(&workspace);
            let mut slices = 1;
            while !storing.deflate(slice) {
                slices += 1;
            }
            assert!(slices > 10, "{slices} slices");
            let stored = storing.finish();
            assert_eq!(stored, to_stored(&workspace));
            assert_eq!(from_stored(&stored).unwrap(), workspace);
        }
    }

    #[test]
    fn the_large_workspace_fits_twice_in_two_million_characters() {
        let workspace = large_workspace(Scale::LARGE);
        let (json, stored) = (to_json(&workspace).len(), to_stored(&workspace).len());
        assert!(stored * 2 <= 2_000_000, "{stored} characters stored ({json} as JSON)");
    }

    #[test]
    fn what_the_console_stored_itself_loads_whatever_its_size() {
        let text = to_json(&demo_workspace());
        let padded = format!("{text}{}", " ".repeat(MAX_IMPORT_BYTES));
        assert!(matches!(from_json(&padded), Err(SnapshotError::TooLarge { .. })));
        assert_eq!(
            from_stored(&padded).unwrap(),
            demo_workspace(),
            "never lost to the import limit"
        );
    }

    #[test]
    fn a_damaged_stored_form_is_reported_not_misread() {
        let error = from_stored("deflate:@@@not base64").unwrap_err();
        assert!(
            matches!(&error, SnapshotError::NotASnapshot(why) if why.contains("not base64")),
            "{error}"
        );
        let error = from_stored("deflate:AAAA").unwrap_err();
        assert!(error.to_string().contains("does not inflate"), "{error}");
    }
}

mod journal {
    use org_rules::demo::demo_workspace;
    use org_rules::journal::{Entry, ReplayStop, replay};
    use org_rules::{Actor, Command, submit};

    fn entry(rev: u64, name: &str) -> (Entry, String) {
        let ws = demo_workspace();
        let corp = ws.organizations().find(|o| o.friendly_name == "Owl Corp").unwrap();
        let owner = ws.owner_of(&corp.sid).unwrap().sid.clone();
        let command = Command::AddDomain { organization: corp.sid.clone(), name: name.into() };
        let entry = Entry { rev, actor: Actor::User(owner), command };
        let text = entry.to_json();
        (entry, text)
    }

    #[test]
    fn replay_applies_the_entries_in_order() {
        let (first, one) = (entry(1, "owl-one.io").0, entry(1, "owl-one.io").1);
        let (_, two) = entry(2, "owl-two.io");
        let mut expected = demo_workspace();
        submit(&mut expected, &first.actor, &first.command).unwrap();
        let (second, _) = entry(2, "owl-two.io");
        submit(&mut expected, &second.actor, &second.command).unwrap();

        let mut ws = demo_workspace();
        assert_eq!(replay(&mut ws, 0, [one.as_str(), two.as_str()]), (2, None));
        assert_eq!(ws, expected);
    }

    #[test]
    fn replay_stops_at_an_entry_that_does_not_read_or_follow_on() {
        let (_, one) = entry(1, "owl-one.io");
        let (_, three) = entry(3, "owl-three.io");
        let mut ws = demo_workspace();
        let (rev, stop) = replay(&mut ws, 0, [one.as_str(), three.as_str()]);
        assert_eq!(rev, 1);
        let stop = stop.unwrap();
        assert_eq!(stop.rev, 2);
        assert_eq!(
            stop.to_string(),
            "change 2 could not be replayed: it says revision 3, expected 2"
        );

        let mut ws = demo_workspace();
        let (rev, stop) = replay(&mut ws, 0, ["{not json"]);
        assert_eq!(rev, 0);
        assert!(matches!(stop, Some(ReplayStop { rev: 1, .. })));
    }
}

mod migrations {
    use org_rules::snapshot::{SCHEMA_VERSION, from_json, to_json};

    const SCHEMA_1: &str = include_str!("fixtures/schema-1.json");

    #[test]
    fn a_version_1_snapshot_reads_with_its_refusal_rule_moved_into_rules() {
        let workspace = from_json(SCHEMA_1).unwrap();
        let denied = &workspace.state().audit[0];
        assert_eq!(denied.event_type, "command.denied");
        assert_eq!(denied.rules, ["ORG_ADMIN_REQUIRED"]);
        assert!(denied.event_data.is_empty());
        let written = to_json(&workspace);
        assert!(written.contains(&format!("\"schema_version\":{SCHEMA_VERSION}")));
        assert_eq!(from_json(&written).unwrap(), workspace, "written back at the current version");
    }
}
