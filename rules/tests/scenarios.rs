//! Runs every scenario in tests/scenarios/: each states what each step must do and what must
//! hold between steps, and the runner fails on the first step that goes otherwise. Then the
//! runner itself: facts, references to objects that have gone, notes, expected rules, `--final`.

use org_rules::scenario::{run, run_full};
use org_rules::snapshot::from_json;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");

#[test]
fn every_scenario_runs_as_written() {
    let mut files: Vec<_> = std::fs::read_dir(DIR).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|path| path.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert!(!files.is_empty(), "no scenarios in {DIR}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let reports = run(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert!(!reports.is_empty(), "{} has no steps", path.display());
    }
}

#[test]
fn a_step_that_does_not_go_as_written_stops_the_run() {
    let text = r#"{"start": "demo", "steps": [
        {"actor": "sam@owlcorp.com", "command": {"type": "add_domain", "organization": "$org:Owl Corp", "name": "owlcorp.io"}, "expect": "applied"}
    ]}"#;
    let error = run(text).unwrap_err();
    assert_eq!(error.step, 1);
    assert!(
        error.message.starts_with("expected applied, got ORG_ADMIN_REQUIRED"),
        "{}",
        error.message
    );
}

#[test]
fn an_unknown_reference_names_the_step_and_the_reference() {
    let text = r#"{"start": "demo", "steps": [
        {"actor": "world", "command": {"type": "verify_phone_number", "user": "$user:nobody@owlcorp.com"}}
    ]}"#;
    let error = run(text).unwrap_err();
    assert_eq!(error.to_string(), "step 1: `$user:nobody@owlcorp.com`: no such user");
}

#[test]
fn facts_that_hold_are_reported_as_checked() {
    let text = r#"{"start": "demo", "steps": [
        {"assert": [
            {"organization": "$org:Owl Corp", "exists": true, "hipaa_entitled": false},
            {"organization": "$org:Owl Ventures", "exists": false},
            {"user": "$user:sam@owlcorp.com", "organization": "$org:Owl Corp", "role": "standard", "active": true, "sso_required": false},
            {"user": "$user:pat@quillagency.com", "organization": null, "accounts": ["$account:Owl Corp Production"]},
            {"account": "$account:Owl Corp Staging", "status": "active", "type": "trial", "owner": "$user:arjun@owlcorp.com", "organization": "$org:Owl Corp", "hipaa": false},
            {"account": "$account:Casey's Prototypes", "organization": null, "users": {"$user:sam@owlcorp.com": {"kind": "limited", "developer": true, "billing_manager": false, "support": false}}},
            {"subaccount": "$account:Customer: Birch Bank", "status": "active", "hipaa": false, "parent": "$account:Owl Corp Production"},
            {"domain": "$domain:owlcorp.com", "organization": "$org:Owl Corp", "status": "verified", "signup_policy": "restricted", "sso_enforced": false},
            {"domain": "$domain:owlcorp.dev", "status": "unverified"}
        ]}
    ]}"#;
    let reports = run(text).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!((reports[0].outcome, reports[0].message.as_str()), ("checked", "9 fact(s) hold"));
}

#[test]
fn a_failing_fact_names_the_step_the_fact_and_what_was_found() {
    let text = r#"{"start": "demo", "steps": [
        {"actor": "world", "command": {"type": "advance_clock", "hours": 1}},
        {"assert": [
            {"user": "$user:arjun@owlcorp.com", "role": "administrator"},
            {"user": "$user:sam@owlcorp.com", "role": "administrator"}
        ]}
    ]}"#;
    let error = run(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"step 2: fact 2, user "$user:sam@owlcorp.com": role: expected "administrator", found "standard""#
    );
}

#[test]
fn a_failing_fact_about_an_object_names_it() {
    let text = r#"{"start": "demo", "steps": [
        {"assert": [{"account": "$account:Owl Corp Staging", "owner": "$user:olivia@owlcorp.com"}]}
    ]}"#;
    let message = run(text).unwrap_err().message;
    assert!(message.starts_with(r#"fact 1, account "$account:Owl Corp Staging": owner: expected "olivia@owlcorp.com (US"#), "{message}");
    assert!(message.contains(r#"found "arjun@owlcorp.com (US"#), "{message}");
}

#[test]
fn a_fact_that_an_object_exists_or_not_is_checked_both_ways() {
    let exists = |name: &str, exists: bool| {
        format!(
            r#"{{"start": "demo", "steps": [{{"assert": [{{"organization": "$org:{name}", "exists": {exists}}}]}}]}}"#
        )
    };
    assert!(run(&exists("Owl Corp", true)).is_ok());
    assert!(run(&exists("Owl Ventures", false)).is_ok());
    assert_eq!(
        run(&exists("Owl Corp", false)).unwrap_err().message,
        r#"fact 1, organization "$org:Owl Corp": exists: expected false, found the organization"#
    );
    assert_eq!(
        run(&exists("Owl Ventures", true)).unwrap_err().message,
        r#"fact 1, organization "$org:Owl Ventures": no such organization"#
    );
}

#[test]
fn gone_names_what_a_reference_named_before_it_was_removed() {
    let text = r#"{"start": "demo", "steps": [
        {"actor": "arjun@owlcorp.com", "command": {"type": "add_domain", "organization": "$org:Owl Corp", "name": "owlcorp.io"}, "expect": "applied"},
        {"assert": [{"domain": "$domain:owlcorp.io", "status": "unverified"}]},
        {"actor": "arjun@owlcorp.com", "command": {"type": "remove_domain", "domain": "$domain:owlcorp.io"}, "expect": "applied"},
        {"assert": [
            {"domain": "$gone:domain:owlcorp.io", "exists": false},
            {"domain": "$domain:owlcorp.io", "exists": false}
        ]},
        {"actor": "arjun@owlcorp.com", "command": {"type": "verify_domain", "domain": "$gone:domain:owlcorp.io"}, "expect": "OBJECT_NOT_FOUND"}
    ]}"#;
    run(text).unwrap();
}

#[test]
fn gone_is_refused_for_what_is_still_there_or_was_never_named() {
    let still_there = r#"{"start": "demo", "steps": [
        {"assert": [{"organization": "$org:Owl Labs"}]},
        {"assert": [{"organization": "$gone:org:Owl Labs", "exists": false}]}
    ]}"#;
    assert_eq!(
        run(still_there).unwrap_err().to_string(),
        "step 2: fact 1, organization \"$gone:org:Owl Labs\": `$gone:org:Owl Labs`: what `$org:Owl Labs` named is still there"
    );
    let never_named = r#"{"start": "demo", "steps": [
        {"assert": [{"organization": "$gone:org:Owl Labs", "exists": false}]}
    ]}"#;
    assert!(
        run(never_named)
            .unwrap_err()
            .message
            .ends_with("no step before this one named `$org:Owl Labs`")
    );
}

#[test]
fn a_reference_to_a_removed_object_points_to_gone() {
    let text = r#"{"start": "demo", "steps": [
        {"actor": "arjun@owlcorp.com", "command": {"type": "add_domain", "organization": "$org:Owl Corp", "name": "owlcorp.io"}},
        {"actor": "arjun@owlcorp.com", "command": {"type": "remove_domain", "domain": "$domain:owlcorp.io"}},
        {"actor": "arjun@owlcorp.com", "command": {"type": "verify_domain", "domain": "$domain:owlcorp.io"}}
    ]}"#;
    assert_eq!(
        run(text).unwrap_err().to_string(),
        "step 3: `$domain:owlcorp.io`: no such domain now; `$gone:domain:owlcorp.io` names the one it named before"
    );
}

#[test]
fn a_literal_sid_names_an_object() {
    let sid = run_full(r#"{"start": "demo", "steps": []}"#)
        .unwrap()
        .workspace
        .user_by_email("sam@owlcorp.com")
        .unwrap()
        .sid
        .clone();
    let text = format!(
        r#"{{"start": "demo", "steps": [{{"assert": [{{"user": "{sid}", "role": "standard"}}]}}]}}"#
    );
    run(&text).unwrap();
}

#[test]
fn an_unknown_fact_field_is_an_error_naming_it() {
    let text = r#"{"start": "demo", "steps": [
        {"assert": [{"user": "$user:sam@owlcorp.com", "rol": "standard"}]}
    ]}"#;
    let error = run(text).unwrap_err();
    assert_eq!(error.step, 0);
    assert!(
        error
            .message
            .starts_with(r#"user "$user:sam@owlcorp.com": unknown field `rol`, expected one of"#),
        "{}",
        error.message
    );
}

#[test]
fn a_fact_must_name_its_object_and_say_nothing_more_when_it_is_gone() {
    let nameless = r#"{"start": "demo", "steps": [{"assert": [{"role": "standard"}]}]}"#;
    assert!(run(nameless).unwrap_err().message.starts_with("a fact names its object with one of"));
    let contradiction = r#"{"start": "demo", "steps": [
        {"assert": [{"user": "$user:sam@owlcorp.com", "exists": false, "role": "standard"}]}
    ]}"#;
    assert!(run(contradiction).unwrap_err().message.contains("says nothing more"));
}

#[test]
fn a_step_has_a_command_or_an_assert() {
    let both = r#"{"start": "demo", "steps": [
        {"actor": "world", "command": {"type": "advance_clock", "hours": 1}, "assert": []}
    ]}"#;
    assert!(
        run(both)
            .unwrap_err()
            .message
            .starts_with("a step has a `command` or an `assert`, not both")
    );
    let expecting_facts = r#"{"start": "demo", "steps": [{"assert": [], "expect": "applied"}]}"#;
    assert!(run(expecting_facts).unwrap_err().message.starts_with("an `assert` step has no"));
}

#[test]
fn notes_are_for_the_reader() {
    let text = r#"{"title": "Notes", "note": "organizations-overview, \"Merge Organizations\"", "start": "demo", "steps": [
        {"note": "a command step", "actor": "world", "command": {"type": "advance_clock", "hours": 1}, "expect": "applied"},
        {"note": "an assert step", "assert": [{"organization": "$org:Owl Corp"}]}
    ]}"#;
    assert_eq!(run(text).unwrap().len(), 2);
}

#[test]
fn expected_rules_must_be_known_and_must_have_shaped_the_step() {
    let unknown = r#"{"start": "demo", "steps": [
        {"actor": "world", "command": {"type": "advance_clock", "hours": 1}, "expect_rules": ["NOT_A_RULE"]}
    ]}"#;
    assert_eq!(
        run(unknown).unwrap_err().to_string(),
        "step 1: expect_rules: no rule `NOT_A_RULE` in the catalog"
    );
    let denied = r#"{"start": "demo", "steps": [
        {"actor": "sam@owlcorp.com", "command": {"type": "add_domain", "organization": "$org:Owl Corp", "name": "owlcorp.io"}, "expect_rules": ["ACCOUNT_CREATED_MANAGED"]}
    ]}"#;
    assert_eq!(
        run(denied).unwrap_err().to_string(),
        "step 1: expect_rules: the step was denied by ORG_ADMIN_REQUIRED, so no rule shaped it"
    );
    let unshaped = r#"{"start": "demo", "steps": [
        {"actor": "world", "command": {"type": "advance_clock", "hours": 1}, "expect_rules": ["ACCOUNT_CREATED_MANAGED"]}
    ]}"#;
    assert!(
        run(unshaped).unwrap_err().message.starts_with(
            "expect_rules: ACCOUNT_CREATED_MANAGED did not shape the step; its rules: ["
        ),
    );
}

#[test]
fn final_prints_a_snapshot_the_console_imports() {
    let path = format!("{DIR}/merge.json");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_org-scenario"))
        .args(["--final", &path])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let imported = from_json(&String::from_utf8(output.stdout).unwrap()).unwrap();
    let ran = run_full(&std::fs::read_to_string(&path).unwrap()).unwrap().workspace;
    assert_eq!(imported, ran);
    assert!(imported.organizations().all(|o| o.friendly_name != "Owl Labs"));
}

#[test]
fn a_null_property_is_an_error_not_a_property_left_unchecked() {
    let text = r#"{"start": "demo", "steps": [
        {"assert": [{"user": "$user:sam@owlcorp.com", "role": null}]}
    ]}"#;
    let error = run(text).unwrap_err();
    assert!(error.message.contains("`role` is null"), "{}", error.message);
    let in_none = r#"{"start": "demo", "steps": [
        {"assert": [{"user": "$user:casey@freelance.dev", "organization": null}]}
    ]}"#;
    assert!(run(in_none).is_ok(), "`organization: null` means in no organization");
}

#[test]
fn an_account_fact_about_a_subaccount_says_so() {
    let text = r#"{"start": "demo", "steps": [
        {"assert": [{"account": "$account:Customer: Acme Health", "exists": false}]}
    ]}"#;
    let error = run(text).unwrap_err();
    assert!(error.message.contains("it is a subaccount"), "{}", error.message);
}
