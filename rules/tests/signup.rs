//! Signing up (organizations-overview "How organizations fit", "Settings"; twilio-facts §1.5).

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::model::{AccountType, OrgRole, SignupPolicy};
use org_rules::sid::UserSid;
use org_rules::signup::*;
use org_rules::users::USER_EMAIL_INVALID;
use support::{Demo, demo};

fn sign_up(d: &mut Demo, email: &str, name: &str) -> UserSid {
    let outcome = d.allow(&Actor::World, SignUp { email: email.into(), name: name.into() });
    outcome.created.unwrap().parse().unwrap()
}

fn set_policy(d: &mut Demo, policy: SignupPolicy) {
    let (owner, domain) = (d.owner(), d.domain("owlcorp.com").sid.clone());
    d.allow(&owner, SetSignupPolicy { domain, policy });
}

mod signup_email_taken {
    use super::*;

    #[test]
    fn allowed() {
        // Twilio creates a user, their first account and their first Organization.
        let mut d = demo();
        let outcome = d.allow(
            &Actor::World,
            SignUp { email: "Ana@Ana.dev".into(), name: " Ana Silva ".into() },
        );
        let types: Vec<_> = outcome.events.iter().map(|e| e.event_type.as_str()).collect();
        assert_eq!(types, ["user.created", "account.created", "organization.created"]);
        let user = d.ws.user_by_email("ana@ana.dev").unwrap();
        assert_eq!(user.friendly_name, "Ana Silva");
        let organization = user.membership.clone().unwrap();
        assert_eq!(organization.role, OrgRole::Owner);
        let org = d.ws.organization(&organization.organization).unwrap();
        assert_eq!(org.friendly_name, "Ana Silva's organization");
        let accounts: Vec<_> = d.ws.accounts_of(&org.sid).collect();
        assert_eq!(accounts.len(), 1);
        assert_eq!((accounts[0].kind, &accounts[0].owner), (AccountType::Trial, &user.sid));
        assert_eq!(accounts[0].friendly_name, FIRST_ACCOUNT_NAME);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let denial = d.refuse(
            &Actor::World,
            SignUp { email: "SAM@owlcorp.com".into(), name: "Sam".into() },
            &SIGNUP_EMAIL_TAKEN,
        );
        assert_eq!(denial.detail, "`sam@owlcorp.com` is already a Twilio user: log in instead");
        d.refuse(
            &Actor::World,
            SignUp { email: "sam".into(), name: "Sam".into() },
            &USER_EMAIL_INVALID,
        );
    }
}

mod signup_domain_restricted {
    use super::*;

    #[test]
    fn allowed() {
        // A subdomain is not governed by its parent's setting.
        let mut d = demo();
        let sid = sign_up(&mut d, "kai@eu.owlcorp.com", "");
        let kai = d.ws.user(&sid).unwrap();
        assert_eq!(kai.friendly_name, "Kai");
        assert_eq!(kai.role_in(&d.corp), None);
        assert_eq!(kai.membership.as_ref().unwrap().role, OrgRole::Owner);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let denial = d.refuse(
            &Actor::World,
            SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() },
            &SIGNUP_DOMAIN_RESTRICTED,
        );
        assert_eq!(
            denial.detail,
            "Owl Corp lets only invited people sign up with `owlcorp.com` addresses"
        );

        let owner = d.owner();
        let invite = InviteUser {
            organization: d.corp.clone(),
            email: "kai@owlcorp.com".into(),
            role: OrgRole::Standard,
        };
        d.allow(&owner, invite);
        let denial = d.refuse(
            &Actor::World,
            SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() },
            &SIGNUP_DOMAIN_RESTRICTED,
        );
        assert_eq!(
            denial.detail,
            "Owl Corp invited `kai@owlcorp.com`: accept the invitation instead"
        );
    }
}

#[test]
fn auto_enrollment_makes_a_standard_user_with_a_managed_trial_account() {
    let mut d = demo();
    set_policy(&mut d, SignupPolicy::AutoEnrollment);
    let sid = sign_up(&mut d, "kai@owlcorp.com", "Kai Tanaka");
    assert_eq!(d.ws.user(&sid).unwrap().role_in(&d.corp), Some(OrgRole::Standard));
    let account = d.ws.accounts_owned_by(&sid).next().unwrap();
    assert_eq!((account.organization.as_ref(), account.kind), (Some(&d.corp), AccountType::Trial));
    assert_eq!(d.ws.organizations().count(), 2);
}

#[test]
fn blocked_sign_ups_get_their_own_organization() {
    let mut d = demo();
    set_policy(&mut d, SignupPolicy::Blocked);
    let sid = sign_up(&mut d, "kai@owlcorp.com", "Kai Tanaka");
    let kai = d.ws.user(&sid).unwrap();
    assert_eq!(kai.role_in(&d.corp), None);
    assert_eq!(kai.membership.as_ref().unwrap().role, OrgRole::Owner);
    assert_eq!(d.ws.organizations().count(), 3);
}

mod phone_already_verified {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let sam = d.ws.user_by_email("sam@owlcorp.com").unwrap().sid.clone();
        let outcome = d.allow(&Actor::World, VerifyPhoneNumber { user: sam.clone() });
        assert_eq!(outcome.events[0].event_type, "user.updated");
        assert!(d.ws.user(&sam).unwrap().phone_verified);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let sam = d.ws.user_by_email("sam@owlcorp.com").unwrap().sid.clone();
        d.allow(&Actor::World, VerifyPhoneNumber { user: sam.clone() });
        let denial =
            d.refuse(&Actor::World, VerifyPhoneNumber { user: sam }, &PHONE_ALREADY_VERIFIED);
        assert_eq!(denial.detail, "`sam@owlcorp.com` already has a verified phone number");
    }
}

/// An auto-enrolled newcomer's first account joins the organization, so it needs room there.
#[test]
fn auto_enrollment_needs_room_for_the_first_account() {
    use org_rules::accounts::ACCOUNT_LIMIT;
    use org_rules::model::{SignupPolicy, Usage};
    let mut d = demo();
    let owner = d.owner();
    let domain = d.domain("owlcorp.com").sid.clone();
    d.allow(&owner, SetSignupPolicy { domain, policy: SignupPolicy::AutoEnrollment });
    for n in 3..=10 {
        d.allow(
            &owner,
            CreateAccount {
                organization: d.corp.clone(),
                name: format!("Account {n}"),
                usage: Usage::Twilio,
            },
        );
    }
    let sign_up = SignUp { email: "noor@owlcorp.com".into(), name: "Noor".into() };
    let denial = d.refuse(&Actor::World, sign_up, &ACCOUNT_LIMIT);
    assert_eq!(denial.detail, "Owl Corp already manages 10 open accounts, the limit is 10");
}
