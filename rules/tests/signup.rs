//! Signing up (organizations-overview "How organizations fit", "Settings"; twilio-facts §1.5).

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::model::{AccountType, OrgRole, SignupPolicy};
use org_rules::sid::UserSid;
use org_rules::signup::*;
use org_rules::users::USER_EMAIL_INVALID;
use support::{Demo, assert_not_shaped, assert_shaped, demo};

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
    }
}

mod signup_auto_enrollment {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        set_policy(&mut d, SignupPolicy::AutoEnrollment);
        let command = SignUp { email: "kai@owlcorp.com".into(), name: "Kai Tanaka".into() };
        assert_eq!(
            d.would_shape(&Actor::World, &command),
            ["SIGNUP_AUTO_ENROLLMENT", "ACCOUNT_CREATED_MANAGED"]
        );
        let outcome = d.allow(&Actor::World, command);
        assert_shaped(&outcome, &SIGNUP_AUTO_ENROLLMENT);
        assert_eq!(
            outcome.summary,
            "kai@owlcorp.com signed up and joined Owl Corp as a Standard user"
        );
        let sid: UserSid = outcome.created.unwrap().parse().unwrap();
        assert_eq!(d.ws.user(&sid).unwrap().role_in(&d.corp), Some(OrgRole::Standard));
        let account = d.ws.accounts_owned_by(&sid).next().unwrap();
        assert_eq!(
            (account.organization.as_ref(), account.kind),
            (Some(&d.corp), AccountType::Trial)
        );
        assert_eq!(d.ws.organizations().count(), 2, "no first organization of their own");
    }

    #[test]
    fn absent() {
        // Another domain's sign-up is not enrolled anywhere.
        let mut d = demo();
        set_policy(&mut d, SignupPolicy::AutoEnrollment);
        let outcome =
            d.allow(&Actor::World, SignUp { email: "kai@kai.dev".into(), name: "Kai".into() });
        assert_not_shaped(&outcome, &SIGNUP_AUTO_ENROLLMENT);
        let sid: UserSid = outcome.created.unwrap().parse().unwrap();
        assert_eq!(d.ws.user(&sid).unwrap().role_in(&d.corp), None);
    }
}

mod signup_blocked {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        set_policy(&mut d, SignupPolicy::Blocked);
        let outcome = d.allow(
            &Actor::World,
            SignUp { email: "kai@owlcorp.com".into(), name: "Kai Tanaka".into() },
        );
        assert_shaped(&outcome, &SIGNUP_BLOCKED);
        assert_shaped(&outcome, &SIGNUP_FIRST_ORGANIZATION);
        let sid: UserSid = outcome.created.unwrap().parse().unwrap();
        let kai = d.ws.user(&sid).unwrap();
        assert_eq!(kai.role_in(&d.corp), None, "a blocked sign-up cannot join Owl Corp");
        assert_eq!(kai.membership.as_ref().unwrap().role, OrgRole::Owner);
        assert_eq!(d.ws.organizations().count(), 3);
    }

    #[test]
    fn absent() {
        // The same address under Auto-enrollment joins instead.
        let mut d = demo();
        set_policy(&mut d, SignupPolicy::AutoEnrollment);
        let outcome =
            d.allow(&Actor::World, SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() });
        assert_not_shaped(&outcome, &SIGNUP_BLOCKED);
        assert_not_shaped(&outcome, &SIGNUP_FIRST_ORGANIZATION);
    }
}

mod signup_first_organization {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let outcome =
            d.allow(&Actor::World, SignUp { email: "ana@ana.dev".into(), name: "Ana".into() });
        let ids: Vec<_> = outcome.rules.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            ["SIGNUP_FIRST_ORGANIZATION", "ORG_CREATOR_OWNER", "ORG_OWNER_ACCOUNTS_MANAGED"]
        );
        assert_shaped(&outcome, &SIGNUP_FIRST_ORGANIZATION);
        let ana = d.ws.user_by_email("ana@ana.dev").unwrap();
        assert_eq!(ana.membership.as_ref().unwrap().role, OrgRole::Owner);
    }

    #[test]
    fn absent() {
        // Under Restricted, an invited person joins the inviting organization instead.
        let mut d = demo();
        let owner = d.owner();
        let invite = InviteUser {
            organization: d.corp.clone(),
            email: "kai@owlcorp.com".into(),
            role: OrgRole::Standard,
        };
        d.allow(&owner, invite);
        let outcome =
            d.allow(&Actor::World, SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() });
        assert_not_shaped(&outcome, &SIGNUP_FIRST_ORGANIZATION);
        assert_eq!(d.ws.organizations().count(), 2);
    }
}

mod signup_with_invitation {
    use super::*;
    use org_rules::model::InvitationState;

    fn invite(d: &mut Demo, role: OrgRole) -> org_rules::sid::InvitationSid {
        let owner = d.owner();
        let command =
            InviteUser { organization: d.corp.clone(), email: "kai@owlcorp.com".into(), role };
        d.allow(&owner, command).created.unwrap().parse().unwrap()
    }

    #[test]
    fn an_invitation_outranks_auto_enrollment() {
        let mut d = demo();
        invite(&mut d, OrgRole::Administrator);
        set_policy(&mut d, SignupPolicy::AutoEnrollment);
        let outcome =
            d.allow(&Actor::World, SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() });
        assert_shaped(&outcome, &SIGNUP_WITH_INVITATION);
        let kai = d.ws.user_by_email("kai@owlcorp.com").unwrap();
        assert_eq!(kai.role_in(&d.corp), Some(OrgRole::Administrator), "the invited role");
    }

    #[test]
    fn an_expired_invitation_is_refused_as_expired() {
        let mut d = demo();
        invite(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, AdvanceClock { hours: 8 * 24 });
        let denial = d.refuse(
            &Actor::World,
            SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() },
            &org_rules::users::INVITATION_EXPIRED,
        );
        assert!(denial.detail.ends_with("ask for it to be resent"), "{}", denial.detail);
    }

    #[test]
    fn applies() {
        let mut d = demo();
        let owner = d.owner();
        let invite = InviteUser {
            organization: d.corp.clone(),
            email: "kai@owlcorp.com".into(),
            role: OrgRole::Administrator,
        };
        let invitation = d.allow(&owner, invite).created.unwrap().parse().unwrap();
        let outcome = d.allow(
            &Actor::World,
            SignUp { email: "kai@owlcorp.com".into(), name: "Kai Tanaka".into() },
        );
        assert_shaped(&outcome, &SIGNUP_WITH_INVITATION);
        assert_eq!(
            outcome.summary,
            "kai@owlcorp.com joined Owl Corp as Administrator with the invitation they received"
        );
        let kai = d.ws.user_by_email("kai@owlcorp.com").unwrap();
        assert_eq!(kai.friendly_name, "Kai Tanaka");
        assert_eq!(kai.role_in(&d.corp), Some(OrgRole::Administrator));
        assert_eq!(d.ws.accounts_owned_by(&kai.sid).count(), 0, "no first account");
        let state = d.ws.invitation(&invitation).unwrap().state;
        assert!(matches!(state, InvitationState::Accepted { .. }));
    }

    #[test]
    fn absent() {
        // Without an invitation, the sign-up is refused.
        let mut d = demo();
        d.refuse(
            &Actor::World,
            SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() },
            &SIGNUP_DOMAIN_RESTRICTED,
        );
        let outcome =
            d.allow(&Actor::World, SignUp { email: "kai@kai.dev".into(), name: "Kai".into() });
        assert_not_shaped(&outcome, &SIGNUP_WITH_INVITATION);
    }
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
