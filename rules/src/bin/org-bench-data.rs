//! `org-bench-data DIR`: writes what `make bench` needs into DIR (created if missing):
//!
//! - `snapshot.txt`: the large workspace (10,000 users, 1,000 accounts, 5,000 subaccounts,
//!   100 domains) with 10,000 audit events, as the console stores it in localStorage under
//!   `org-console.snapshot.a`;
//! - `users.json`: the Managed users list the console shows first for that workspace (the first
//!   organization by name, its Owner signed in), one row per user with the columns of the Users
//!   page, in the page's order, for the plain HTML/JS baseline;
//! - `targets.json`: what the bench clicks on in that workspace (a user whose role to change,
//!   an account to transfer and add subaccounts to, a user to transfer it to, a Candidate
//!   Organization to preview a merge with), so the browser script needs no knowledge of the data.
//!
//! `org-bench-data` with no argument prints the snapshot text alone.

use org_rules::Workspace;
use org_rules::model::{DomainStatus, OrgRole, Organization, User};
use org_rules::scale::{Scale, add_audit_events, large_workspace};
use org_rules::sid::OrgSid;
use org_rules::snapshot::to_stored;
use org_rules::users::managed_users;
use serde_json::{Value, json};
use std::path::Path;
use std::process::ExitCode;

/// The audit log of a workspace in use for a while (issue 12).
const AUDIT_EVENTS: usize = 10_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut ws = large_workspace(Scale::LARGE);
    add_audit_events(&mut ws, AUDIT_EVENTS);
    match args.as_slice() {
        [] => {
            println!("{}", to_stored(&ws));
            ExitCode::SUCCESS
        }
        [dir] if !dir.starts_with('-') => match write_all(&ws, Path::new(dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("org-bench-data: cannot write to {dir}: {error}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: org-bench-data [DIR]");
            ExitCode::from(2)
        }
    }
}

fn write_all(ws: &Workspace, dir: &Path) -> std::io::Result<()> {
    let organization = first_organization(ws).expect("the large workspace has organizations");
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("snapshot.txt"), to_stored(ws))?;
    std::fs::write(dir.join("users.json"), users_list(ws, organization).to_string())?;
    std::fs::write(dir.join("targets.json"), targets(ws, organization).to_string())?;
    Ok(())
}

/// The organization the console opens first: the first by name (src/store.rs).
fn first_organization(ws: &Workspace) -> Option<&Organization> {
    ws.organizations().min_by(|a, b| a.friendly_name.cmp(&b.friendly_name))
}

/// The rows of the Users page's Managed tab, as `PersonRow` in src/pages/users.rs makes them.
fn users_list(ws: &Workspace, organization: &Organization) -> Value {
    let sid = &organization.sid;
    let rows: Vec<Value> =
        managed_users(ws, sid).into_iter().map(|user| person_row(ws, sid, user)).collect();
    json!({ "organization": organization.friendly_name, "rows": rows })
}

fn person_row(ws: &Workspace, organization: &OrgSid, user: &User) -> Value {
    let in_organization =
        |a: &&org_rules::model::Account| a.organization.as_ref() == Some(organization);
    let accounts = ws.accounts_owned_by(&user.sid).filter(in_organization).count()
        + ws.accounts_of_user(&user.sid).filter(in_organization).count();
    json!({
        "sid": user.sid.to_string(),
        "name": user.friendly_name,
        "email": user.email,
        "role": user.role_in(organization).map_or("Independent", OrgRole::label),
        "accounts": accounts.to_string(),
        "status": if user.active { "Active" } else { "Deactivated" },
        "by_scim": user.provisioned_by_scim(),
        "external_id": user.external_id,
        "provisioning": provisioning(user),
    })
}

/// The "Provisioned by SCIM" column's text, as `PersonRow::provisioning` makes it.
fn provisioning(user: &User) -> String {
    let by = if user.provisioned_by_scim() { "SCIM" } else { "" };
    match &user.external_id {
        Some(id) => format!("{by}, externalId {id}").trim_start_matches(", ").to_owned(),
        None => by.to_owned(),
    }
}

/// What the bench's commands act on, all in the first organization.
fn targets(ws: &Workspace, organization: &Organization) -> Value {
    let members = managed_users(ws, &organization.sid);
    let standard: Vec<&User> = members
        .iter()
        .copied()
        .filter(|u| u.role_in(&organization.sid) == Some(OrgRole::Standard))
        .collect();
    let account = ws
        .accounts_of(&organization.sid)
        .min_by(|a, b| a.friendly_name.cmp(&b.friendly_name))
        .expect("the first organization has accounts");
    let owner = ws.user(&account.owner).expect("an account's owner exists");
    let new_owner = standard
        .iter()
        .find(|u| u.sid != account.owner)
        .expect("the first organization has Standard users");
    let domain = organization_domain(ws, &organization.sid);
    let candidate = ws
        .organizations()
        .filter(|o| o.sid != organization.sid)
        .min_by(|a, b| a.friendly_name.cmp(&b.friendly_name))
        .expect("the large workspace has several organizations");
    json!({
        "organization": { "sid": organization.sid.to_string(), "name": organization.friendly_name },
        "users": members.len(),
        "role_change_user": { "sid": standard[0].sid.to_string(), "email": standard[0].email },
        "account": { "sid": account.sid.to_string(), "name": account.friendly_name },
        "account_owner": { "sid": owner.sid.to_string(), "email": owner.email },
        "new_owner": { "sid": new_owner.sid.to_string(), "email": new_owner.email },
        "invite_domain": domain,
        "merge_candidate": { "sid": candidate.sid.to_string(), "name": candidate.friendly_name },
    })
}

/// A verified domain of the organization: invited addresses must be in one.
fn organization_domain(ws: &Workspace, organization: &OrgSid) -> Option<String> {
    ws.domains_of(organization)
        .filter(|d| matches!(d.status, DomainStatus::Verified { .. }))
        .map(|d| d.name.clone())
        .min_by_key(String::len)
}
