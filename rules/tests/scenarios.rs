//! Runs every scenario in tests/scenarios/: each states what each step must do, and the runner
//! fails on the first step that does otherwise.

use org_rules::scenario::run;

#[test]
fn every_scenario_runs_as_written() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|path| path.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert!(!files.is_empty(), "no scenarios in {dir}");
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
