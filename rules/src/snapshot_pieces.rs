//! A snapshot's JSON written a piece at a time: the same text as `snapshot::to_json`, so that a
//! compaction need not hold up the page while ten thousand users are written at once.

use crate::snapshot::{FORMAT, SCHEMA_VERSION};
use crate::workspace::{State, Workspace};
use serde::Serialize;
use std::iter;

/// The text of a snapshot, in order: each item of the lists (users, accounts, audit events...)
/// is a piece, and each other field of the workspace, DNS included, is one piece whole.
pub type Pieces = Box<dyn Iterator<Item = String>>;

/// The pieces of the snapshot of `workspace`. They own a copy of its state: what changes in the
/// workspace meanwhile is not in them.
pub fn pieces(workspace: &Workspace) -> Pieces {
    let envelope = format!(
        "{{\"format\":{},\"schema_version\":{},\"exported_at\":{},\"workspace\":",
        json(&FORMAT),
        json(&SCHEMA_VERSION),
        json(&workspace.now())
    );
    // Every field, in the order `State` serializes them: a field added there fails to compile
    // here until it is written here too.
    let State {
        now,
        sids,
        organizations,
        users,
        domains,
        accounts,
        subaccounts,
        invitations,
        sso_profiles,
        oauth_apps,
        dns,
        idp_errors,
        audit,
    } = workspace.state().clone();
    let idp_errors = (!idp_errors.is_empty()).then(|| field(",", "idp_errors", &idp_errors));
    let start = [envelope, field("{", "now", &now), field(",", "sids", &sids)];
    // A list of iterators rather than a chain of them: fifteen nested chains cost the download
    // 14 KB of code.
    let mut pieces: Vec<Pieces> = vec![Box::new(start.into_iter())];
    pieces.extend(list("organizations", organizations.into_values()));
    pieces.extend(list("users", users.into_values()));
    pieces.extend(list("domains", domains.into_values()));
    pieces.extend(list("accounts", accounts.into_values()));
    pieces.extend(list("subaccounts", subaccounts.into_values()));
    pieces.extend(list("invitations", invitations.into_values()));
    pieces.extend(list("sso_profiles", sso_profiles.into_values()));
    pieces.extend(list("oauth_apps", oauth_apps.into_values()));
    pieces.push(one(field(",", "dns", &dns)));
    pieces.push(Box::new(idp_errors.into_iter()));
    pieces.extend(list("audit", audit));
    pieces.push(one("}}".to_owned()));
    Box::new(pieces.into_iter().flatten())
}

/// `"name":value`, after `lead`.
fn field(lead: &str, name: &str, value: &impl Serialize) -> String {
    format!("{lead}\"{name}\":{}", json(value))
}

/// `,"name":[`, then each item, then `]`: the collections are written as lists.
fn list<T: Serialize>(
    name: &str,
    items: impl IntoIterator<Item = T, IntoIter: 'static>,
) -> [Pieces; 3] {
    let items = items.into_iter().enumerate().map(|(i, item)| match i {
        0 => json(&item),
        _ => format!(",{}", json(&item)),
    });
    [one(format!(",\"{name}\":[")), Box::new(items), one("]".to_owned())]
}

/// A single piece.
pub fn one(piece: String) -> Pieces {
    Box::new(iter::once(piece))
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .expect("a workspace always serializes: its maps are keyed by strings")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_workspace;
    use crate::model::IdpError;
    use crate::scale::{Scale, large_workspace};
    use crate::snapshot::to_json;

    #[test]
    fn the_pieces_make_the_snapshots_json() {
        let mut state = demo_workspace().state().clone();
        state.idp_errors.insert(crate::sid::SidGenerator::new(3).issue(), IdpError::NotFound);
        let large = large_workspace(Scale { users: 300, accounts: 30, ..Scale::LARGE });
        for workspace in [demo_workspace(), Workspace::from_state(state), large] {
            assert_eq!(pieces(&workspace).collect::<String>(), to_json(&workspace));
        }
    }
}
