//! Imports that must be refused. Every file in tests/bad_imports/ is one, and `NAME.expected`
//! beside it holds, one per line, what the error must say. The two cases too large to keep as
//! files, the size limit and deep nesting, are made here.

use org_rules::demo::demo_workspace;
use org_rules::snapshot::{MAX_IMPORT_BYTES, SnapshotError, from_json, to_json};
use std::fs;
use std::path::PathBuf;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_imports");
const EXPECTED: &str = "expected";

#[test]
fn every_bad_import_is_refused_with_the_error_beside_it() {
    let mut files: Vec<PathBuf> = fs::read_dir(DIR).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (expectations, imports): (Vec<_>, Vec<_>) =
        files.iter().partition(|path| path.extension().is_some_and(|e| e == EXPECTED));
    assert!(imports.len() >= 30, "only {} bad imports in {DIR}", imports.len());

    let mut failures = Vec::new();
    for import in &imports {
        let name = import.file_name().unwrap().to_string_lossy();
        let Ok(expected) = fs::read_to_string(import.with_extension(EXPECTED)) else {
            failures.push(format!("{name}: no .{EXPECTED} file beside it"));
            continue;
        };
        let message = match from_json(&fs::read_to_string(import).unwrap()) {
            Ok(_) => {
                failures.push(format!("{name}: accepted"));
                continue;
            }
            Err(error) => error.to_string(),
        };
        for line in expected.lines().filter(|line| !message.contains(line)) {
            failures.push(format!("{name}: the error does not say `{line}`:\n    {message}"));
        }
    }
    for expectation in expectations {
        if !imports.iter().any(|import| import.with_extension(EXPECTED) == *expectation) {
            failures.push(format!("{}: no import beside it", expectation.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A sound snapshot padded with trailing spaces, which JSON allows, to exactly `bytes`.
fn padded_to(bytes: usize) -> String {
    let text = to_json(&demo_workspace());
    format!("{text}{}", " ".repeat(bytes - text.len()))
}

#[test]
fn an_import_over_the_size_limit_is_refused_unread() {
    assert!(from_json(&padded_to(MAX_IMPORT_BYTES)).is_ok(), "just at the limit");

    // The model has no length limit of its own: a friendly name of 20 MiB meets this one.
    let name = "x".repeat(MAX_IMPORT_BYTES);
    let text = to_json(&demo_workspace()).replacen("Owl Corp", &name, 1);
    let error = from_json(&text).unwrap_err();
    assert_eq!(error, SnapshotError::TooLarge { bytes: text.len() });
    assert_eq!(error.to_string(), "too large to import: 20.1 MiB, over the limit of 20 MiB");
}

#[test]
fn nesting_a_hundred_thousand_deep_is_an_error_not_a_stack_overflow() {
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = from_json(&arrays).unwrap_err();
    assert_eq!(error, SnapshotError::TooDeep { line: 1, column: 128 });

    let in_a_name = to_json(&demo_workspace()).replacen("\"Owl Corp\"", &arrays, 1);
    let error = from_json(&in_a_name).unwrap_err();
    assert!(matches!(error, SnapshotError::TooDeep { line: 1, .. }), "{error}");
    assert!(error.to_string().starts_with("nested too deeply at line 1, column "), "{error}");
}
