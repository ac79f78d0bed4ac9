//! The single sign-on rules (twilio-facts §1.6), each allowed and refused, and logging in.

mod support;

use org_rules::Command::*;
use org_rules::authz::{ORG_ADMIN_REQUIRED, OUTSIDE_WORLD_ONLY};
use org_rules::clock::DAY;
use org_rules::command::LoginMethod;
use org_rules::model::{IdpError, PasswordState, User};
use org_rules::sid::{DomainSid, OrgSid, SsoProfileSid, UserSid};
use org_rules::sso::*;
use org_rules::workspace::State;
use org_rules::{Actor, Command, Workspace};
use support::{Demo, demo};

const ENTITY_ID: &str = "http://www.okta.com/exk1owlcorp";
const SSO_URL: &str = "https://owlcorp.okta.com/app/twilio/sso/saml";
const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\n\
    T3dsIENvcnAgdGVzdCBJZFAgc2lnbmluZyBjZXJ0aWZpY2F0ZSwgbm90IGEgcmVhbCBvbmU=\n\
    -----END CERTIFICATE-----";

fn save(organization: &OrgSid, entity_id: &str, url: &str, certificate: &str) -> Command {
    SaveSsoProfile {
        organization: organization.clone(),
        idp_entity_id: entity_id.into(),
        sso_url: url.into(),
        certificate: certificate.into(),
    }
}

fn saved_profile(d: &mut Demo) -> SsoProfileSid {
    let admin = d.admin();
    let outcome = d.allow(&admin, save(&d.corp, ENTITY_ID, SSO_URL, CERTIFICATE));
    outcome.created.unwrap().parse().unwrap()
}

fn tested_profile(d: &mut Demo) -> SsoProfileSid {
    let profile = saved_profile(d);
    let admin = d.admin();
    d.allow(&admin, TestSsoConnection { profile: profile.clone() });
    profile
}

fn verified_dev(d: &mut Demo) -> DomainSid {
    d.publish_record("owlcorp.dev");
    let (owner, sid) = (d.owner(), d.domain("owlcorp.dev").sid.clone());
    d.allow(&owner, VerifyDomain { domain: sid.clone() });
    sid
}

fn enforce(profile: &SsoProfileSid, domain: &DomainSid) -> Command {
    EnforceSso { profile: profile.clone(), domain: domain.clone() }
}

/// Changes the stored workspace directly, to set up what no command of this area makes.
fn edit(d: &mut Demo, change: impl FnOnce(&mut State)) {
    let mut state = d.ws.state().clone();
    change(&mut state);
    d.ws = Workspace::from_state(state);
}

fn user_mut<'s>(state: &'s mut State, email: &str) -> &'s mut User {
    state.users.values_mut().find(|u| u.email == email).unwrap()
}

fn sid_of(d: &Demo, email: &str) -> UserSid {
    d.ws.user_by_email(email).unwrap().sid.clone()
}

/// Owl Labs' Owner uses an owlcorp.com address; give her another so that every owlcorp.com
/// user is managed by Owl Corp.
fn move_lena_out(d: &mut Demo) {
    edit(d, |s| user_mut(s, "lena@owlcorp.com").email = "lena@owllabs.io".into());
}

/// SSO enforced on owlcorp.com by Arjun, the Administrator.
fn enforced_on_owlcorp_com(d: &mut Demo) -> SsoProfileSid {
    move_lena_out(d);
    let profile = tested_profile(d);
    let (admin, domain) = (d.admin(), d.domain("owlcorp.com").sid.clone());
    d.allow(&admin, enforce(&profile, &domain));
    profile
}

fn log_in(d: &Demo, email: &str, method: LoginMethod) -> Command {
    LogIn { user: sid_of(d, email), method }
}

mod sso_entity_id_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let outcome = d.allow(&admin, save(&d.corp, "  urn:owlcorp:idp  ", SSO_URL, CERTIFICATE));
        assert_eq!(outcome.events[0].event_type, "sso_profile.created");
        let profile = d.ws.sso_profile_of(&d.corp).unwrap();
        assert_eq!(outcome.created.as_deref(), Some(&*profile.sid.as_str()));
        assert_eq!(profile.idp_entity_id, "urn:owlcorp:idp");
        assert_eq!(profile.tested, None);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        d.refuse(&admin, save(&d.corp, "   ", SSO_URL, CERTIFICATE), &SSO_ENTITY_ID_REQUIRED);
    }
}

mod sso_url_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let url = "HTTPS://idp.owlcorp.com:8443/sso/saml?app=twilio";
        d.allow(&admin, save(&d.corp, ENTITY_ID, url, CERTIFICATE));
        assert_eq!(d.ws.sso_profile_of(&d.corp).unwrap().sso_url, url);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        for (url, why) in [
            ("", "enter the identity provider's SSO URL"),
            ("http://idp.owlcorp.com/sso", "uses `http`"),
            ("idp.owlcorp.com/sso", "is not a complete address"),
            ("https:///sso/saml", "has no host name"),
            ("https://idp owlcorp.com/sso", "contains a space"),
            ("https://idp_owlcorp.com/sso", "contains `_`"),
            ("https://idp.owlcorp.com:https/sso", "is not a number"),
        ] {
            let denial =
                d.refuse(&admin, save(&d.corp, ENTITY_ID, url, CERTIFICATE), &SSO_URL_INVALID);
            assert!(denial.detail.contains(why), "{url}: {}", denial.detail);
        }
    }
}

mod sso_certificate_invalid {
    use super::*;

    #[test]
    fn allowed() {
        // Line breaks, Windows line ends and indentation inside the body are fine.
        let mut d = demo();
        let admin = d.admin();
        let pem = "  -----BEGIN CERTIFICATE-----\r\n  T3dsIENvcnAgdGVzdCBJZFAgc2lnbmluZyBjZXJ0\r\n  \
            aWZpY2F0ZSwgbm90IGEgcmVhbCBvbmU=\r\n-----END CERTIFICATE-----\n";
        d.allow(&admin, save(&d.corp, ENTITY_ID, SSO_URL, pem));
        assert_eq!(d.ws.sso_profile_of(&d.corp).unwrap().certificate, pem.trim());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let wrap =
            |body: &str| format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----");
        for (pem, why) in [
            ("MIIB".to_owned(), "must start with"),
            ("-----BEGIN CERTIFICATE-----\nMIIB".to_owned(), "must end with"),
            (wrap("  \n "), "has no body"),
            (wrap("MII*"), "contains `*`"),
            (wrap("MIIBs"), "not complete base64"),
            (wrap("MI==="), "not complete base64"),
        ] {
            let denial =
                d.refuse(&admin, save(&d.corp, ENTITY_ID, SSO_URL, &pem), &SSO_CERTIFICATE_INVALID);
            assert!(denial.detail.contains(why), "{pem}: {}", denial.detail);
        }
    }
}

mod sso_change_while_enforced {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        // Saving the same configuration changes nothing, so it is allowed while enforced.
        let outcome = d.allow(&admin, save(&d.corp, ENTITY_ID, SSO_URL, CERTIFICATE));
        assert!(outcome.events.is_empty());
        assert!(d.ws.sso_profile(&profile).unwrap().tested.is_some());

        d.allow(&admin, StopEnforcingSso { profile: profile.clone(), domain: dev });
        let outcome =
            d.allow(&admin, save(&d.corp, ENTITY_ID, "https://idp.owlcorp.com/saml", CERTIFICATE));
        let event = &outcome.events[0];
        assert_eq!(event.event_type, "sso_profile.updated");
        assert_eq!(
            event.event_data["sso_url"].updated.as_deref(),
            Some("https://idp.owlcorp.com/saml")
        );
        assert!(event.event_data.contains_key("tested"));
        assert!(!event.event_data.contains_key("certificate"));
        // Any change clears the test result, and the organization still has one profile.
        assert_eq!(d.ws.sso_profile(&profile).unwrap().tested, None);
        assert_eq!(d.ws.state().sso_profiles.len(), 1);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        let denial = d.refuse(
            &admin,
            save(&d.corp, ENTITY_ID, "https://idp.owlcorp.com/saml", CERTIFICATE),
            &SSO_CHANGE_WHILE_ENFORCED,
        );
        assert_eq!(
            denial.detail,
            "the profile enforces SSO on `owlcorp.dev`; stop enforcing it first"
        );
    }
}

mod sso_profile_incomplete {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = saved_profile(&mut d);
        let owner = d.owner();
        let outcome = d.allow(&owner, TestSsoConnection { profile: profile.clone() });
        assert_eq!(outcome.events[0].event_type, "sso_profile.tested");
        assert_eq!(d.ws.sso_profile(&profile).unwrap().tested, Some(d.ws.now()));
    }

    #[test]
    fn refused() {
        // A profile imported without its certificate.
        let mut d = demo();
        let profile = saved_profile(&mut d);
        edit(&mut d, |s| {
            s.sso_profiles.values_mut().next().unwrap().certificate = String::new();
        });
        let owner = d.owner();
        let denial = d.refuse(&owner, TestSsoConnection { profile }, &SSO_PROFILE_INCOMPLETE);
        assert!(denial.detail.contains("must start with"));
    }
}

mod sso_test_failed {
    use super::*;

    #[test]
    fn allowed() {
        // The identity provider answered with an error, then was fixed.
        let mut d = demo();
        let profile = saved_profile(&mut d);
        let answer = |error| SetIdpAnswer { profile: profile.clone(), error };
        d.allow(&Actor::World, answer(Some(IdpError::UnsignedResponse)));
        let outcome = d.allow(&Actor::World, answer(None));
        assert_eq!(outcome.events[0].event_type, "identity_provider.changed");
        let admin = d.admin();
        d.allow(&admin, TestSsoConnection { profile: profile.clone() });
        assert!(d.ws.sso_profile(&profile).unwrap().tested.is_some());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = saved_profile(&mut d);
        let error = Some(IdpError::AudienceMismatch);
        d.allow(&Actor::World, SetIdpAnswer { profile: profile.clone(), error });
        let admin = d.admin();
        let denial =
            d.refuse(&admin, TestSsoConnection { profile: profile.clone() }, &SSO_TEST_FAILED);
        assert_eq!(
            denial.detail,
            format!(
                "the identity provider at `{SSO_URL}` sent an assertion whose audience is not \
                Twilio's Entity ID for this profile"
            )
        );
        assert_eq!(d.ws.sso_profile(&profile).unwrap().tested, None);
        // Only the outside world changes how the identity provider answers.
        d.refuse(&admin, SetIdpAnswer { profile, error: None }, &OUTSIDE_WORLD_ONLY);
    }
}

mod sso_test_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = saved_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.refuse(&admin, enforce(&profile, &dev), &SSO_TEST_REQUIRED);

        // A change after a successful test needs a new test.
        d.allow(&admin, TestSsoConnection { profile: profile.clone() });
        d.allow(&admin, save(&d.corp, "urn:owlcorp:new-idp", SSO_URL, CERTIFICATE));
        d.refuse(&admin, enforce(&profile, &dev), &SSO_TEST_REQUIRED);
    }
}

mod sso_domain_not_verified {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        assert!(d.ws.sso_profile(&profile).unwrap().enforced_domains.contains(&dev));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), d.domain("owlcorp.dev").sid.clone());
        let denial = d.refuse(&admin, enforce(&profile, &dev), &SSO_DOMAIN_NOT_VERIFIED);
        assert_eq!(denial.detail, "`owlcorp.dev` is not verified yet");

        let labs_owner = d.labs_owner();
        d.allow(&labs_owner, AddDomain { organization: d.labs.clone(), name: "owllabs.io".into() });
        d.publish_record("owllabs.io");
        let labs_domain = d.domain("owllabs.io").sid.clone();
        d.allow(&labs_owner, VerifyDomain { domain: labs_domain.clone() });
        let denial = d.refuse(&admin, enforce(&profile, &labs_domain), &SSO_DOMAIN_NOT_VERIFIED);
        assert_eq!(denial.detail, "`owllabs.io` belongs to another organization");
    }
}

mod sso_unmanaged_domain_users {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        move_lena_out(&mut d);
        let profile = tested_profile(&mut d);
        let (admin, domain) = (d.admin(), d.domain("owlcorp.com").sid.clone());
        let outcome = d.allow(&admin, enforce(&profile, &domain));
        assert_eq!(outcome.events[0].event_type, "sso_profile.enforced");
        assert_eq!(outcome.summary, "SSO is now enforced on owlcorp.com. You keep password login.");
        let profile = d.ws.sso_profile(&profile).unwrap();
        assert!(profile.enforced_domains.contains(&domain));
        // The admin who enforces SSO is exempt; no one else is.
        assert_eq!(profile.exempt.iter().collect::<Vec<_>>(), vec![admin.user().unwrap()]);
    }

    #[test]
    fn refused() {
        // Lena owns Owl Labs with an owlcorp.com address: Owl Corp does not manage her.
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, domain) = (d.admin(), d.domain("owlcorp.com").sid.clone());
        let denial = d.refuse(&admin, enforce(&profile, &domain), &SSO_UNMANAGED_DOMAIN_USERS);
        assert_eq!(
            denial.detail,
            "users of `owlcorp.com` not managed by this organization: `lena@owlcorp.com`"
        );

        // Seven more people signed up with owlcorp.com addresses outside any organization.
        edit(&mut d, |s| {
            let now = s.now;
            for n in 1..=7 {
                let sid: UserSid = format!("US{n:032x}").parse().unwrap();
                let email = format!("contractor{n}@owlcorp.com");
                s.users.insert(sid.clone(), User::new(sid, email, "Contractor".into(), now));
            }
        });
        let denial = d.refuse(&admin, enforce(&profile, &domain), &SSO_UNMANAGED_DOMAIN_USERS);
        assert!(denial.detail.ends_with(" and 3 more"), "{}", denial.detail);
        assert_eq!(denial.detail.matches('`').count(), 2 * (1 + 5));
    }
}

mod sso_already_enforced {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        // Another verified domain can be enforced by the same profile.
        move_lena_out(&mut d);
        let com = d.domain("owlcorp.com").sid.clone();
        d.allow(&admin, enforce(&profile, &com));
        assert_eq!(d.ws.sso_profile(&profile).unwrap().enforced_domains.len(), 2);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        d.refuse(&admin, enforce(&profile, &dev), &SSO_ALREADY_ENFORCED);
    }
}

mod sso_not_enforced {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        let outcome = d.allow(&admin, StopEnforcingSso { profile: profile.clone(), domain: dev });
        assert_eq!(outcome.events[0].event_type, "sso_profile.enforcement_stopped");
        assert!(d.ws.sso_profile(&profile).unwrap().enforced_domains.is_empty());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        let denial = d.refuse(&admin, StopEnforcingSso { profile, domain: dev }, &SSO_NOT_ENFORCED);
        assert_eq!(denial.detail, "SSO is not enforced on `owlcorp.dev`");
    }
}

mod domain_sso_enforced {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        d.allow(&admin, StopEnforcingSso { profile, domain: dev.clone() });
        d.allow(&admin, RemoveDomain { domain: dev.clone() });
        assert!(d.ws.domain(&dev).is_none());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let profile = tested_profile(&mut d);
        let (admin, dev) = (d.admin(), verified_dev(&mut d));
        d.allow(&admin, enforce(&profile, &dev));
        let denial = d.refuse(&admin, RemoveDomain { domain: dev }, &DOMAIN_SSO_ENFORCED);
        assert_eq!(denial.detail, "SSO is enforced on `owlcorp.dev`; stop enforcing it first");
    }
}

mod login_user_deactivated {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let outcome = d.allow(&Actor::World, log_in(&d, "sam@owlcorp.com", LoginMethod::Password));
        assert_eq!(outcome.events[0].event_type, "user.logged_in");
        assert_eq!(outcome.events[0].actor_sid, None);
        assert!(d.ws.user_by_email("sam@owlcorp.com").unwrap().signed_in);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let app = d.allow(&owner, CreateScimApp { organization: d.corp.clone() }).created;
        let app = Actor::App(app.unwrap().parse().unwrap());
        let sam = sid_of(&d, "sam@owlcorp.com");
        d.allow(&app, ScimDeleteUser { user: sam, if_match: None });
        for method in [LoginMethod::Password, LoginMethod::Sso] {
            d.refuse(&Actor::World, log_in(&d, "sam@owlcorp.com", method), &LOGIN_USER_DEACTIVATED);
        }
    }
}

mod login_sso_required {
    use super::*;

    #[test]
    fn allowed() {
        // Arjun enforced SSO, so he is exempt and keeps his password.
        let mut d = demo();
        enforced_on_owlcorp_com(&mut d);
        d.allow(&Actor::World, log_in(&d, "arjun@owlcorp.com", LoginMethod::Password));
        d.allow(&Actor::World, log_in(&d, "arjun@owlcorp.com", LoginMethod::Sso));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        enforced_on_owlcorp_com(&mut d);
        for email in ["sam@owlcorp.com", "olivia@owlcorp.com"] {
            let denial = d.refuse(
                &Actor::World,
                log_in(&d, email, LoginMethod::Password),
                &LOGIN_SSO_REQUIRED,
            );
            assert_eq!(
                denial.detail,
                format!("SSO is enforced on `owlcorp.com`; `{email}` must log in with SSO")
            );
        }
    }
}

mod login_sso_not_configured {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        enforced_on_owlcorp_com(&mut d);
        let outcome = d.allow(&Actor::World, log_in(&d, "sam@owlcorp.com", LoginMethod::Sso));
        assert_eq!(outcome.summary, "Sam Rivera logged in with SSO");
    }

    #[test]
    fn refused() {
        // A profile exists and is tested, but enforces no domain yet.
        let mut d = demo();
        tested_profile(&mut d);
        let denial = d.refuse(
            &Actor::World,
            log_in(&d, "sam@owlcorp.com", LoginMethod::Sso),
            &LOGIN_SSO_NOT_CONFIGURED,
        );
        assert_eq!(
            denial.detail,
            "no SSO profile of the organization of `sam@owlcorp.com` enforces `owlcorp.com`"
        );
        // Lena's Owl Labs has no profile at all.
        d.refuse(
            &Actor::World,
            log_in(&d, "lena@owlcorp.com", LoginMethod::Sso),
            &LOGIN_SSO_NOT_CONFIGURED,
        );
    }
}

mod login_password_reset_pending {
    use super::*;

    #[test]
    fn allowed() {
        // A pending reset blocks the password, not SSO.
        let mut d = demo();
        enforced_on_owlcorp_com(&mut d);
        edit(&mut d, |s| {
            let expires = s.now.plus(DAY);
            user_mut(s, "sam@owlcorp.com").password = PasswordState::ResetPending { expires };
        });
        d.allow(&Actor::World, log_in(&d, "sam@owlcorp.com", LoginMethod::Sso));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        for (offset, why) in [
            (DAY, "use the reset link sent to `sam@owlcorp.com`"),
            (-1, "the reset link expired; ask an administrator for a new one"),
        ] {
            edit(&mut d, |s| {
                let expires = s.now.plus(offset);
                user_mut(s, "sam@owlcorp.com").password = PasswordState::ResetPending { expires };
            });
            let denial = d.refuse(
                &Actor::World,
                log_in(&d, "sam@owlcorp.com", LoginMethod::Password),
                &LOGIN_PASSWORD_RESET_PENDING,
            );
            assert!(denial.detail.ends_with(why), "{}", denial.detail);
        }
    }
}

#[test]
fn sso_required_tells_the_screens_who_must_use_sso() {
    let mut d = demo();
    let sam = sid_of(&d, "sam@owlcorp.com");
    assert!(!sso_required(&d.ws, &sam));
    enforced_on_owlcorp_com(&mut d);
    let sid = |email: &str| sid_of(&d, email);
    assert!(sso_required(&d.ws, &sid("sam@owlcorp.com")));
    assert!(sso_required(&d.ws, &sid("olivia@owlcorp.com")));
    assert!(!sso_required(&d.ws, &sid("arjun@owlcorp.com")), "exempt");
    assert!(!sso_required(&d.ws, &sid("lena@owllabs.io")), "another domain");
}

#[test]
fn live_sessions_stay_open_when_sso_is_enforced() {
    let mut d = demo();
    d.allow(&Actor::World, log_in(&d, "sam@owlcorp.com", LoginMethod::Password));
    enforced_on_owlcorp_com(&mut d);
    assert!(d.ws.user_by_email("sam@owlcorp.com").unwrap().signed_in);
}

#[test]
fn only_the_owner_and_administrators_manage_sso() {
    let mut d = demo();
    let profile = saved_profile(&mut d);
    let standard = d.standard();
    d.refuse(&standard, save(&d.corp, ENTITY_ID, SSO_URL, CERTIFICATE), &ORG_ADMIN_REQUIRED);
    d.refuse(&standard, TestSsoConnection { profile }, &ORG_ADMIN_REQUIRED);
}

#[test]
fn enforcement_affects_the_domain_users_in_three_groups() {
    let mut d = demo();
    let profile = tested_profile(&mut d);
    let emails = |users: &[&User]| users.iter().map(|u| u.email.clone()).collect::<Vec<_>>();
    let admin = d.admin();
    let arjun = admin.user().unwrap().clone();
    let domain = d.domain("owlcorp.com").clone();
    let profile = d.ws.sso_profile(&profile).unwrap().clone();

    let affected = enforcement_affects(&d.ws, &profile, &domain, Some(&arjun));
    assert_eq!(emails(&affected.exempt), ["arjun@owlcorp.com"]);
    assert_eq!(emails(&affected.unmanaged), ["lena@owlcorp.com"]);
    assert!(emails(&affected.required).contains(&"sam@owlcorp.com".to_owned()));
    assert!(!emails(&affected.required).contains(&"arjun@owlcorp.com".to_owned()));

    // Once Arjun enforced it, he stays exempt whoever looks.
    let mut d = demo();
    let profile = enforced_on_owlcorp_com(&mut d);
    let profile = d.ws.sso_profile(&profile).unwrap().clone();
    let domain = d.domain("owlcorp.com").clone();
    let affected = enforcement_affects(&d.ws, &profile, &domain, None);
    assert_eq!(emails(&affected.exempt), ["arjun@owlcorp.com"]);
    assert!(affected.unmanaged.is_empty());
    for user in &affected.required {
        assert!(sso_required(&d.ws, &user.sid), "{}", user.email);
    }
}
