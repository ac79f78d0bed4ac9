//! The health check: each finding where its condition holds, and not where it does not.

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::health::{Finding, findings};
use org_rules::model::OrgRole;
use org_rules::sid::OrgSid;
use support::{Demo, demo};

fn find(d: &Demo, organization: &OrgSid, id: &str) -> Option<Finding> {
    findings(&d.ws, organization).into_iter().find(|f| f.id == id)
}

fn labels(finding: &Finding) -> Vec<&str> {
    finding.affected.iter().map(|a| a.label.as_str()).collect()
}

fn entitle(d: &mut Demo) {
    let corp = d.corp.clone();
    d.with_state(|s| s.organizations.get_mut(&corp).unwrap().hipaa_entitled = true);
}

#[test]
fn single_owner_without_an_administrator() {
    let mut d = demo();
    let labs = d.labs.clone();
    let risk = find(&d, &labs, "SINGLE_OWNER").expect("Owl Labs has only its Owner");
    assert_eq!(labels(&risk), ["lena@owlcorp.com"]);
    assert!(find(&d, &d.corp, "SINGLE_OWNER").is_none(), "Owl Corp has Arjun");

    let (owner, arjun) = (d.owner(), d.user("arjun@owlcorp.com").sid.clone());
    let demote = ChangeUserRole {
        organization: d.corp.clone(),
        user: arjun.clone(),
        role: OrgRole::Standard,
    };
    d.allow(&owner, demote);
    assert!(find(&d, &d.corp, "SINGLE_OWNER").is_some());
}

#[test]
fn hipaa_accounts_and_subaccounts_left_undesignated() {
    let mut d = demo();
    assert!(find(&d, &d.corp, "HIPAA_ACCOUNTS_UNFLAGGED").is_none(), "no BAA, nothing to flag");
    entitle(&mut d);
    let unflagged = find(&d, &d.corp, "HIPAA_ACCOUNTS_UNFLAGGED").unwrap();
    assert_eq!(unflagged.affected.len(), 2);
    assert!(find(&d, &d.corp, "HIPAA_SUBACCOUNTS_UNFLAGGED").is_none());

    let (admin, production) = (d.admin(), d.account_sid("Owl Corp Production"));
    d.allow(&admin, SetAccountHipaa { account: production, enabled: true });
    let subaccounts = find(&d, &d.corp, "HIPAA_SUBACCOUNTS_UNFLAGGED").unwrap();
    assert_eq!(labels(&subaccounts), ["Customer: Acme Health", "Customer: Birch Bank"]);
    assert_eq!(
        labels(&find(&d, &d.corp, "HIPAA_ACCOUNTS_UNFLAGGED").unwrap()),
        ["Owl Corp Staging"]
    );
}

#[test]
fn domains_whose_record_is_gone_then_lapsing() {
    let mut d = demo();
    assert!(find(&d, &d.corp, "DOMAINS_ABOUT_TO_LAPSE").is_none());
    let domain = d.domain("owlcorp.com").clone();
    let remove = RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() };
    d.allow(&Actor::World, remove);
    assert_eq!(labels(&find(&d, &d.corp, "DOMAINS_ABOUT_TO_LAPSE").unwrap()), ["owlcorp.com"]);
    assert!(find(&d, &d.corp, "DOMAINS_LAPSING").is_none());

    d.allow(&Actor::World, AdvanceClock { hours: 24 });
    let lapsing = find(&d, &d.corp, "DOMAINS_LAPSING").unwrap();
    assert!(labels(&lapsing)[0].starts_with("owlcorp.com (removed on "), "{:?}", labels(&lapsing));
}

#[test]
fn unmanaged_users_of_a_verified_domain_would_refuse_sso() {
    let d = demo();
    let refused = find(&d, &d.corp, "SSO_ENFORCEMENT_REFUSED").unwrap();
    assert_eq!(labels(&refused), ["lena@owlcorp.com"], "Lena of Owl Labs");
    assert!(find(&d, &d.labs, "SSO_ENFORCEMENT_REFUSED").is_none(), "Labs verified no domain");
}

#[test]
fn a_tested_profile_that_enforces_nothing() {
    let mut d = demo();
    assert!(find(&d, &d.corp, "SSO_TESTED_NOT_ENFORCED").is_none());
    d.tested_sso_profile();
    assert_eq!(labels(&find(&d, &d.corp, "SSO_TESTED_NOT_ENFORCED").unwrap()), ["urn:owlcorp:idp"]);
}

#[test]
fn accounts_near_the_limit() {
    let mut d = demo();
    assert!(find(&d, &d.corp, "ACCOUNTS_NEAR_LIMIT").is_none(), "2 of 10");
    let owner = d.owner();
    for n in 3..=8 {
        let name = format!("Account {n}");
        let usage = org_rules::model::Usage::Twilio;
        d.allow(&owner, CreateAccount { organization: d.corp.clone(), name, usage });
    }
    let near = find(&d, &d.corp, "ACCOUNTS_NEAR_LIMIT").unwrap();
    assert!(near.explanation.starts_with("8 of 10 managed accounts"), "{}", near.explanation);
}

#[test]
fn invitations_about_to_expire_or_expired() {
    let mut d = demo();
    d.invite("kim@owlcorp.com");
    assert!(find(&d, &d.corp, "INVITATIONS_EXPIRING").is_none(), "7 days left");
    d.allow(&Actor::World, AdvanceClock { hours: 6 * 24 });
    let soon = find(&d, &d.corp, "INVITATIONS_EXPIRING").unwrap();
    assert!(labels(&soon)[0].starts_with("kim@owlcorp.com (expires "));
    d.allow(&Actor::World, AdvanceClock { hours: 24 });
    let expired = find(&d, &d.corp, "INVITATIONS_EXPIRING").unwrap();
    assert_eq!(labels(&expired), ["kim@owlcorp.com (expired)"]);
}

#[test]
fn people_outside_with_access_to_managed_accounts() {
    let mut d = demo();
    let outside = find(&d, &d.corp, "INDEPENDENT_ACCESS").unwrap();
    assert_eq!(labels(&outside), ["pat@quillagency.com"]);
    assert!(find(&d, &d.labs, "INDEPENDENT_ACCESS").is_none());
    let (owner, production) = (d.owner(), d.account_sid("Owl Corp Production"));
    let pat = d.user("pat@quillagency.com").sid.clone();
    d.allow(&owner, RevokeAccountAccess { account: production, user: pat });
    assert!(find(&d, &d.corp, "INDEPENDENT_ACCESS").is_none());
}

#[test]
fn findings_come_most_severe_first() {
    let d = demo();
    let severities: Vec<_> = findings(&d.ws, &d.labs).iter().map(|f| f.severity).collect();
    assert!(severities.windows(2).all(|pair| pair[0] <= pair[1]), "{severities:?}");
}

#[test]
fn enforced_sso_with_a_failing_identity_provider_locks_people_out() {
    use org_rules::model::IdpError;
    let mut d = demo();
    let (owner, admin) = (d.owner(), d.admin());
    let merge =
        InviteToMerge { prime: d.corp.clone(), candidate: d.labs.clone(), role: OrgRole::Standard };
    let invitation = d.allow(&owner, merge).created.unwrap().parse().unwrap();
    d.allow(&Actor::World, AcceptInvitation { invitation });
    let profile = d.tested_sso_profile();
    let domain = d.domain("owlcorp.com").sid.clone();
    d.allow(&admin, EnforceSso { profile: profile.clone(), domain });
    assert!(find(&d, &d.corp, "SSO_LOCKOUT").is_none(), "the identity provider answers");

    let error = Some(IdpError::AudienceMismatch);
    d.allow(&Actor::World, SetIdpAnswer { profile, error });
    let lockout = find(&d, &d.corp, "SSO_LOCKOUT").unwrap();
    let mut locked = labels(&lockout);
    locked.sort();
    assert_eq!(locked, ["lena@owlcorp.com", "olivia@owlcorp.com", "sam@owlcorp.com"], "not Arjun");
}

#[test]
fn scim_provisioning_stops_when_the_user_who_authorized_the_app_leaves() {
    let mut d = demo();
    let admin = d.admin();
    let app = d.allow(&admin, CreateScimApp { organization: d.corp.clone() }).created;
    let app = Actor::App(app.unwrap().parse().unwrap());
    assert!(find(&d, &d.corp, "SCIM_PROVISIONING_STOPPED").is_none(), "the app works");

    // The identity provider deprovisions the very user whose authorization it runs on.
    let authorizer = admin.user().unwrap().clone();
    let email = d.ws.user(&authorizer).unwrap().email.clone();
    d.allow(&app, ScimDeleteUser { user: authorizer, if_match: None });
    let stopped = find(&d, &d.corp, "SCIM_PROVISIONING_STOPPED").unwrap();
    assert_eq!(labels(&stopped), [email.as_str()]);
}
