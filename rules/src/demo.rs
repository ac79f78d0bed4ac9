//! The demo scenario the console opens on: Owl Corp, with an Owner, an Administrator and a
//! Standard user, one verified domain and one awaiting verification; and Owl Labs, a second
//! organization whose Owner uses an Owl Corp address.

use crate::clock::Timestamp;
use crate::model::{Domain, DomainStatus, Membership, OrgRole, Organization, SignupPolicy, User};
use crate::sid::OrgSid;
use crate::workspace::Workspace;

/// 2026-11-02T09:00:00Z, a Monday.
pub const DEMO_START: Timestamp = Timestamp(1_793_610_000);
const DEMO_SEED: u64 = 0x0c0d_e0f0_0a11;

pub fn demo_workspace() -> Workspace {
    let mut ws = Workspace::empty(DEMO_START, DEMO_SEED);
    let corp = organization(&mut ws, "Owl Corp");
    member(
        &mut ws,
        &corp,
        "olivia@owlcorp.com",
        "Olivia Hart",
        OrgRole::Owner,
    );
    member(
        &mut ws,
        &corp,
        "arjun@owlcorp.com",
        "Arjun Mehta",
        OrgRole::Administrator,
    );
    member(
        &mut ws,
        &corp,
        "sam@owlcorp.com",
        "Sam Rivera",
        OrgRole::Standard,
    );
    let verified = domain(&mut ws, &corp, "owlcorp.com");
    domain(&mut ws, &corp, "owlcorp.dev");
    ws.update_domain(&verified.0, |d| {
        d.status = DomainStatus::Verified { since: DEMO_START };
        d.signup_policy = SignupPolicy::Restricted;
    });
    ws.publish_txt(verified.1, verified.2);

    let labs = organization(&mut ws, "Owl Labs");
    member(
        &mut ws,
        &labs,
        "lena@owlcorp.com",
        "Lena Park",
        OrgRole::Owner,
    );
    ws
}

fn organization(ws: &mut Workspace, name: &str) -> OrgSid {
    let sid: OrgSid = ws.issue();
    ws.insert_organization(Organization {
        sid: sid.clone(),
        friendly_name: name.to_owned(),
        date_created: ws.now(),
    });
    sid
}

fn member(ws: &mut Workspace, organization: &OrgSid, email: &str, name: &str, role: OrgRole) {
    let user = User {
        sid: ws.issue(),
        email: email.to_owned(),
        friendly_name: name.to_owned(),
        membership: Some(Membership {
            organization: organization.clone(),
            role,
        }),
        date_created: ws.now(),
    };
    ws.insert_user(user);
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
    };
    let found = (
        domain.sid.clone(),
        domain.record_name(),
        domain.record_value(),
    );
    ws.insert_domain(domain);
    found
}
