//! `org-scenario FILE.json`: runs a scenario and prints one JSON line per step.
//! `org-scenario --rules`: prints the rules catalog, one JSON object per line.

use org_rules::CATALOG;
use org_rules::scenario::run;
use std::process::ExitCode;

const USAGE: &str = "usage: org-scenario FILE.json | org-scenario --rules";

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
                });
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        [path] if !path.starts_with('-') => {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("org-scenario: cannot read {path}: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match run(&text) {
                Ok(reports) => {
                    for report in reports {
                        println!("{}", serde_json::to_string(&report).expect("reports serialize"));
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("org-scenario: {path}: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
