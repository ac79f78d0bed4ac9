//! What is stored after every click: not the whole workspace but the command, as an entry of a
//! journal. A workspace is a snapshot at some revision plus the entries after it, replayed in
//! order; since `submit` is a pure function of the workspace and the command, a replay yields
//! the very workspace the clicks made, refused commands' audit notes included.

use crate::authz::Actor;
use crate::command::Command;
use crate::engine::submit;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One submitted command: the revision it made, who sent it and what it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rev: u64,
    pub actor: Actor,
    pub command: Command,
}

impl Entry {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an entry always serializes")
    }
}

/// Why a replay stopped before the end of the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayStop {
    /// The revision of the entry that could not be replayed.
    pub rev: u64,
    pub reason: String,
}

impl fmt::Display for ReplayStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "change {} could not be replayed: {}", self.rev, self.reason)
    }
}

/// Replays the stored entries (their text, in revision order) onto `workspace`, which is at
/// revision `rev`. Stops at the first entry that does not read or does not follow on; returns
/// the revision reached and, if it stopped early, why.
pub fn replay<'t>(
    workspace: &mut Workspace,
    mut rev: u64,
    entries: impl IntoIterator<Item = &'t str>,
) -> (u64, Option<ReplayStop>) {
    for text in entries {
        let expected = rev + 1;
        let entry = match serde_json::from_str::<Entry>(text) {
            Ok(entry) if entry.rev == expected => entry,
            Ok(entry) => {
                let reason = format!("it says revision {}, expected {expected}", entry.rev);
                return (rev, Some(ReplayStop { rev: expected, reason }));
            }
            Err(error) => {
                return (rev, Some(ReplayStop { rev: expected, reason: error.to_string() }));
            }
        };
        // A refused command is replayed too: its audit note was part of the workspace.
        let _ = submit(workspace, &entry.actor, &entry.command);
        rev = expected;
    }
    (rev, None)
}
