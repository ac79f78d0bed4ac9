//! `make bench-storage`: what the browser stores for the workspace of 10,000 users, 1,000
//! accounts, 5,000 subaccounts and 100 domains, and the native time of the work behind a click's
//! save, a compaction and a start with a journal of 200 entries. Nothing is asserted: the figures
//! are for people to read. In the browser, localStorage adds its own time to each.

use org_rules::journal::{Entry, replay};
use org_rules::scale::{Scale, large_workspace};
use org_rules::snapshot::{from_stored, to_json, to_stored};
use org_rules::{Actor, Command, Workspace, submit};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const ENTRIES: u64 = 200;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(runs: usize, mut work: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                work();
                start.elapsed()
            })
            .collect(),
    )
}

/// A journal of `ENTRIES` domain additions by the first organization's Owner.
fn journal(ws: &Workspace) -> Vec<String> {
    let organization = ws.organizations().find(|o| o.friendly_name == "Org 0").unwrap();
    let owner = Actor::User(ws.owner_of(&organization.sid).unwrap().sid.clone());
    (1..=ENTRIES)
        .map(|rev| {
            let command = Command::AddDomain {
                organization: organization.sid.clone(),
                name: format!("bench{rev}.example"),
            };
            Entry { rev, actor: owner.clone(), command }.to_json()
        })
        .collect()
}

fn main() {
    let ws = large_workspace(Scale::LARGE);
    let json = to_json(&ws);
    let stored = to_stored(&ws);
    let entries = journal(&ws);
    let entry_chars = entries.iter().map(String::len).max().unwrap_or_default();

    let mut clicked = ws.clone();
    let click = median(
        entries
            .iter()
            .map(|text| {
                let entry: Entry = serde_json::from_str(text).unwrap();
                let start = Instant::now();
                let _ = submit(&mut clicked, &entry.actor, &entry.command);
                std::hint::black_box(entry.to_json());
                start.elapsed()
            })
            .collect(),
    );
    let compaction = time(RUNS, || {
        std::hint::black_box(to_stored(&ws));
    });
    let start = time(RUNS, || {
        let mut loaded = from_stored(&stored).unwrap();
        let (rev, stop) = replay(&mut loaded, 0, entries.iter().map(String::as_str));
        assert!(stop.is_none() && rev == ENTRIES);
    });

    println!("| figure | value |");
    println!("|---|---:|");
    println!("| workspace as JSON | {} characters |", json.len());
    println!("| snapshot as stored (deflate + base64) | {} characters |", stored.len());
    println!("| two snapshots, current and previous | {} characters |", 2 * stored.len());
    println!("| one click's journal entry, at most | {entry_chars} characters |");
    println!("| a click: apply the command and serialize its entry | {click:.2?} |");
    println!("| a compaction: the snapshot in stored form | {compaction:.2?} |");
    println!("| a start: read the stored snapshot and replay {ENTRIES} entries | {start:.2?} |");
}
