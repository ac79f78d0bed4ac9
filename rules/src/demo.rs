//! The demo scenario the console opens on.
//!
//! Owl Corp has an Owner, an Administrator and a Standard user, one verified domain and one
//! awaiting verification, two managed accounts (one with subaccounts), an outside contractor
//! with access to one of them, and an independent account its Standard user can reach. Owl Labs
//! is a second organization whose Owner uses an Owl Corp address, so it can be merged.

use crate::clock::Timestamp;
use crate::model::{
    Account, AccountRoles, AccountStatus, AccountType, Domain, DomainStatus, Membership, OrgRole,
    Organization, SignupPolicy, Subaccount, Usage, User,
};
use crate::sid::{AccountSid, OrgSid, UserSid};
use crate::workspace::Workspace;

/// 2026-11-02T09:00:00Z, a Monday.
pub const DEMO_START: Timestamp = Timestamp(1_793_610_000);
const DEMO_SEED: u64 = 0x0c0d_e0f0_0a11;

pub fn demo_workspace() -> Workspace {
    let mut ws = Workspace::empty(DEMO_START, DEMO_SEED);
    let corp = organization(&mut ws, "Owl Corp");
    let olivia = member(&mut ws, &corp, "olivia@owlcorp.com", "Olivia Hart", OrgRole::Owner);
    let arjun = member(&mut ws, &corp, "arjun@owlcorp.com", "Arjun Mehta", OrgRole::Administrator);
    let sam = member(&mut ws, &corp, "sam@owlcorp.com", "Sam Rivera", OrgRole::Standard);
    ws.update_user(&olivia, |u| u.phone_verified = true);
    let verified = domain(&mut ws, &corp, "owlcorp.com");
    domain(&mut ws, &corp, "owlcorp.dev");
    ws.update_domain(&verified.0, |d| {
        d.status = DomainStatus::Verified { since: DEMO_START };
        d.signup_policy = SignupPolicy::Restricted;
    });
    ws.publish_txt(verified.1, verified.2);

    let production =
        account(&mut ws, Some(&corp), &olivia, "Owl Corp Production", AccountType::Full);
    let developer =
        AccountRoles::Limited { developer: true, billing_manager: false, support: false };
    ws.update_account(&production, |a| {
        a.users.insert(arjun.clone(), AccountRoles::Administrator);
        a.users.insert(sam.clone(), developer);
    });
    subaccount(&mut ws, &production, "Customer: Acme Health");
    subaccount(&mut ws, &production, "Customer: Birch Bank");
    account(&mut ws, Some(&corp), &arjun, "Owl Corp Staging", AccountType::Trial);

    let pat = outsider(&mut ws, "pat@quillagency.com", "Pat Quill");
    ws.update_account(&production, |a| {
        a.users.insert(pat, developer);
    });
    let casey = outsider(&mut ws, "casey@freelance.dev", "Casey Moreau");
    let side_project = account(&mut ws, None, &casey, "Casey's Prototypes", AccountType::Full);
    ws.update_account(&side_project, |a| {
        a.users.insert(sam.clone(), developer);
    });

    let labs = organization(&mut ws, "Owl Labs");
    let lena = member(&mut ws, &labs, "lena@owlcorp.com", "Lena Park", OrgRole::Owner);
    account(&mut ws, Some(&labs), &lena, "Owl Labs Sandbox", AccountType::Trial);
    ws
}

fn organization(ws: &mut Workspace, name: &str) -> OrgSid {
    let sid: OrgSid = ws.issue();
    ws.insert_organization(Organization::new(sid.clone(), name.to_owned(), ws.now()));
    sid
}

fn member(
    ws: &mut Workspace,
    organization: &OrgSid,
    email: &str,
    name: &str,
    role: OrgRole,
) -> UserSid {
    let sid = outsider(ws, email, name);
    ws.update_user(&sid, |user| {
        user.membership = Some(Membership { organization: organization.clone(), role });
        user.two_factor = true;
    });
    sid
}

/// A user who belongs to no organization.
fn outsider(ws: &mut Workspace, email: &str, name: &str) -> UserSid {
    let user = User::new(ws.issue(), email.to_owned(), name.to_owned(), ws.now());
    let sid = user.sid.clone();
    ws.insert_user(user);
    sid
}

fn account(
    ws: &mut Workspace,
    organization: Option<&OrgSid>,
    owner: &UserSid,
    name: &str,
    kind: AccountType,
) -> AccountSid {
    let account = Account::new(
        ws.issue(),
        name.to_owned(),
        organization.cloned(),
        owner.clone(),
        kind,
        Usage::Twilio,
        ws.now(),
    );
    let sid = account.sid.clone();
    ws.insert_account(account);
    sid
}

fn subaccount(ws: &mut Workspace, parent: &AccountSid, name: &str) {
    let subaccount = Subaccount {
        sid: ws.issue(),
        parent: parent.clone(),
        friendly_name: name.to_owned(),
        status: AccountStatus::Active,
        hipaa: false,
        date_created: ws.now(),
    };
    ws.insert_subaccount(subaccount);
}

/// Adds an unverified domain; returns its SID, record name and record value.
fn domain(
    ws: &mut Workspace,
    organization: &OrgSid,
    name: &str,
) -> (crate::sid::DomainSid, String, String) {
    let domain = Domain {
        sid: ws.issue(),
        organization: organization.clone(),
        name: name.to_owned(),
        token: ws.issue_token(),
        status: DomainStatus::Unverified,
        signup_policy: SignupPolicy::default(),
        date_created: ws.now(),
        checks: Vec::new(),
    };
    let found = (domain.sid.clone(), domain.record_name(), domain.record_value());
    ws.insert_domain(domain);
    found
}
