//! `org-scenario FILE.json`: runs a scenario and prints one JSON line per step.
//! `org-scenario --final FILE.json`: runs it and prints the final workspace as the console
//! exports it, ready to import.
//! `org-scenario --rules`: prints the rules catalog, one JSON object per line.

use org_rules::CATALOG;
use org_rules::scenario::{Run, run_full};
use org_rules::snapshot;
use std::process::ExitCode;

const USAGE: &str =
    "usage: org-scenario FILE.json | org-scenario --final FILE.json | org-scenario --rules";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--rules" => {
            for rule in CATALOG {
                let line = serde_json::json!({
                    "id": rule.id,
                    "title": rule.title,
                    "explanation": rule.explanation,
                    "source": rule.source,
                    "kind": rule.kind,
                });
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        [path] if !path.starts_with('-') => run_file(path, |run| {
            for report in run.reports {
                println!("{}", serde_json::to_string(&report).expect("reports serialize"));
            }
        }),
        [flag, path] if flag == "--final" => {
            run_file(path, |run| println!("{}", snapshot::to_json(&run.workspace)))
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs the scenario in `path` and prints what `print` makes of it, or why it failed.
fn run_file(path: &str, print: impl FnOnce(Run)) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("org-scenario: cannot read {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match run_full(&text) {
        Ok(run) => {
            print(run);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("org-scenario: {path}: {error}");
            ExitCode::FAILURE
        }
    }
}
