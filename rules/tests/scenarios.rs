//! Runs every scenario in tests/scenarios/: each states what each step must do and what must
//! hold between steps, and the runner fails on the first step that goes otherwise. Then the
//! runner itself: facts, references to objects that have gone, notes, expected rules, SCIM
//! steps, `--final`.

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
            .starts_with("a step has one of `command`, `assert` and `scim`, not several")
    );
    let neither = r#"{"start": "demo", "steps": [{"actor": "world"}]}"#;
    assert!(
        run(neither)
            .unwrap_err()
            .message
            .starts_with("a step has a `command`, an `assert` or a `scim` request")
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

/// Owl Corp's Administrator creates the OAuth app, then the steps given follow.
fn with_scim_app(steps: &str) -> String {
    format!(
        r#"{{"start": "demo", "steps": [
            {{"actor": "arjun@owlcorp.com", "command": {{"type": "create_scim_app", "organization": "$org:Owl Corp"}}, "expect": "applied"}},
            {steps}
        ]}}"#
    )
}

const OKTA_HEADERS: &str =
    r#"{"Authorization": "Bearer okta-token", "Content-Type": "application/scim+json"}"#;

#[test]
fn a_scim_step_takes_the_fields_of_a_request_and_no_actor() {
    let with_actor =
        with_scim_app(r#"{"actor": "world", "scim": {"method": "GET", "path": "/scim/v2/Users"}}"#);
    assert!(run(&with_actor).unwrap_err().message.starts_with("a `scim` step has no `actor`"));
    let status_on_a_command = r#"{"start": "demo", "steps": [
        {"actor": "world", "command": {"type": "advance_clock", "hours": 1}, "expect_status": 200}
    ]}"#;
    assert!(
        run(status_on_a_command)
            .unwrap_err()
            .message
            .starts_with("a `command` step has no `expect_status`")
    );
    let unknown =
        with_scim_app(r#"{"scim": {"method": "GET", "path": "/scim/v2/Users", "query": "x"}}"#);
    assert!(run(&unknown).unwrap_err().message.contains("unknown field `query`"));
    let both_bodies = with_scim_app(&format!(
        r#"{{"scim": {{"method": "POST", "path": "/scim/v2/Users", "headers": {OKTA_HEADERS}, "body": {{}}, "raw_body": "{{}}"}}}}"#
    ));
    assert_eq!(
        run(&both_bodies).unwrap_err().to_string(),
        "step 2: a `scim` request has a `body` or a `raw_body`, not both"
    );
}

#[test]
fn a_scim_step_needs_an_organization_with_an_oauth_app() {
    let request = r#"{"scim": {"method": "GET", "path": "/scim/v2/Users"}}"#;
    let text = format!(r#"{{"start": "demo", "steps": [{request}]}}"#);
    assert_eq!(
        run(&text).unwrap_err().to_string(),
        "step 1: no organization has an OAuth app: create one with a `create_scim_app` step first"
    );
    let labs = with_scim_app(
        r#"{"scim": {"method": "GET", "path": "/scim/v2/Users"}, "organization": "Owl Labs"}"#,
    );
    assert_eq!(
        run(&labs).unwrap_err().to_string(),
        "step 2: Owl Labs has no OAuth app: create one with a `create_scim_app` step first"
    );
    let nowhere = with_scim_app(
        r#"{"scim": {"method": "GET", "path": "/scim/v2/Users"}, "organization": "Owl Ventures"}"#,
    );
    assert_eq!(run(&nowhere).unwrap_err().to_string(), "step 2: `$org:Owl Ventures`: no such org");
}

#[test]
fn a_reference_inside_a_scim_request_is_written_between_double_braces() {
    let step = |path: &str| {
        with_scim_app(&format!(
            r#"{{"scim": {{"method": "GET", "path": "{path}", "headers": {OKTA_HEADERS}}}}}"#
        ))
    };
    assert_eq!(
        run(&step("/scim/v2/Users/{{$user:nobody@owlcorp.com}}")).unwrap_err().to_string(),
        "step 2: `$user:nobody@owlcorp.com`: no such user"
    );
    assert_eq!(
        run(&step("/scim/v2/Users/{{user:sam@owlcorp.com}}")).unwrap_err().to_string(),
        "step 2: `/scim/v2/Users/{{user:sam@owlcorp.com}}`: `{{user:sam@owlcorp.com}}` holds no reference such as `$user:EMAIL`"
    );
    assert_eq!(
        run(&step("/scim/v2/Users/{{$user:sam@owlcorp.com")).unwrap_err().to_string(),
        "step 2: `/scim/v2/Users/{{$user:sam@owlcorp.com`: a `{{` has no `}}` after it"
    );
}

#[test]
fn a_scim_step_prints_the_response_and_the_rules_it_named() {
    let text = with_scim_app(&format!(
        r#"{{"scim": {{"method": "POST", "path": "/scim/v2/Users", "headers": {OKTA_HEADERS},
                "body": {{"userName": "nia@owlcorp.com", "emails": [{{"value": "nia@owlcorp.com", "primary": true}}]}}}},
            "organization": "Owl Corp", "expect_status": 201, "expect_rules": ["SCIM_USER_CREATED"]}},
           {{"scim": {{"method": "GET", "path": "/scim/v2/Users/{{{{$created}}}}", "headers": {OKTA_HEADERS}}},
            "expect_status": 200}},
           {{"scim": {{"method": "POST", "path": "/scim/v2/Users", "headers": {OKTA_HEADERS}, "raw_body": "{{\"userName\": "}},
            "expect_status": 400}}"#
    ));
    let reports = run(&text).unwrap();
    let line = serde_json::to_value(&reports[1]).unwrap();
    assert_eq!(line["outcome"], "answered");
    assert_eq!(line["rules"], serde_json::json!(["SCIM_USER_CREATED"]));
    let response = &line["response"];
    assert_eq!(response["status"], 201);
    let id = response["body"]["id"].as_str().unwrap();
    let location = format!("https://iam.twilio.com/scim/v2/Users/{id}");
    assert_eq!(response["headers"]["Location"], location.as_str());
    assert_eq!(line["events"][0]["event_type"], "user.created");
    // `{{$created}}` named the user the POST created.
    let read = reports[2].response.as_ref().unwrap();
    assert_eq!(read.body.as_ref().unwrap()["id"], id);
    let malformed = serde_json::to_value(&reports[3]).unwrap();
    assert_eq!(malformed["rule"], "SCIM_INVALID_SYNTAX");
    assert_eq!(malformed["response"]["body"]["scimType"], "invalidSyntax");
}

#[test]
fn a_scim_response_with_another_status_stops_the_run() {
    let text = with_scim_app(&format!(
        r#"{{"scim": {{"method": "POST", "path": "/scim/v2/Users", "headers": {OKTA_HEADERS},
                "body": {{"userName": "sam@owlcorp.com", "emails": [{{"value": "sam@owlcorp.com"}}]}}}},
            "expect_status": 201}}"#
    ));
    assert_eq!(
        run(&text).unwrap_err().to_string(),
        "step 2: expected status 201, got status 409: a user with userName `sam@owlcorp.com` already exists (SCIM_USER_EXISTS)"
    );
    let missing_rule = with_scim_app(
        r#"{"scim": {"method": "GET", "path": "/scim/v2/Users", "headers": {"Authorization": "Bearer t"}}, "expect_rules": ["SCIM_LIST_PAGED"]}"#,
    );
    assert_eq!(
        run(&missing_rule).unwrap_err().to_string(),
        "step 2: expect_rules: SCIM_LIST_PAGED did not shape the step; its rules: []"
    );
}
