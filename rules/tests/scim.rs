//! The SCIM provisioning rules (twilio-facts §1.7, §2.2), each allowed and refused, with the
//! organization's OAuth app as the actor, as the identity provider calls it.

mod support;

use org_rules::Command::*;
use org_rules::authz::ORG_ADMIN_REQUIRED;
use org_rules::command::LoginMethod;
use org_rules::model::{ActorSid, OrgRole, PasswordState, ScimAttributes, ScimEmail};
use org_rules::scim::*;
use org_rules::sid::{OauthAppSid, UserSid};
use org_rules::sso::LOGIN_USER_DEACTIVATED;
use org_rules::{Actor, Command};
use support::{Demo, assert_not_shaped, assert_shaped, demo};

/// Owl Corp's Administrator, Arjun, creates the OAuth app; the identity provider acts through it.
fn with_app(d: &mut Demo) -> Actor {
    let admin = d.admin();
    let created = d.allow(&admin, CreateScimApp { organization: d.corp.clone() }).created;
    let sid: OauthAppSid = created.unwrap().parse().unwrap();
    Actor::App(sid)
}

/// A user with these emails, the first of them primary.
fn person(user_name: &str, emails: &[&str]) -> ScimAttributes {
    let emails = emails
        .iter()
        .enumerate()
        .map(|(i, value)| ScimEmail { value: value.to_string(), kind: None, primary: i == 0 })
        .collect();
    ScimAttributes { user_name: user_name.into(), emails, ..Default::default() }
}

/// A user with one email, their userName.
fn named(email: &str) -> ScimAttributes {
    person(email, &[email])
}

fn create(attributes: ScimAttributes) -> Command {
    ScimCreateUser { attributes }
}

fn sid_of(d: &Demo, email: &str) -> UserSid {
    d.user(email).sid.clone()
}

/// A PUT of `attributes` over the user with this email, at any version.
fn replace(d: &Demo, email: &str, attributes: ScimAttributes) -> Command {
    ScimReplaceUser { user: sid_of(d, email), attributes, if_match: None }
}

/// A PUT of the user's current attributes with `change` made to them, as a PATCH ends up.
fn patch(d: &Demo, email: &str, change: impl FnOnce(&mut ScimAttributes)) -> Command {
    let mut attributes = attributes_of(d.user(email));
    change(&mut attributes);
    replace(d, email, attributes)
}

fn delete(d: &Demo, email: &str) -> Command {
    ScimDeleteUser { user: sid_of(d, email), if_match: None }
}

fn log_in(d: &Demo, email: &str) -> Command {
    LogIn { user: sid_of(d, email), method: LoginMethod::Password }
}

mod scim_needs_verified_domain {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let outcome = d.allow(&admin, CreateScimApp { organization: d.corp.clone() });
        assert_eq!(outcome.events[0].event_type, "oauth_app.created");
        let app = d.ws.oauth_apps_of(&d.corp).next().unwrap();
        assert_eq!(outcome.created.as_deref(), Some(&*app.sid.as_str()));
        assert_eq!(Some(&app.created_by), admin.user());
    }

    #[test]
    fn refused() {
        // Owl Labs has a domain, but not a verified one.
        let mut d = demo();
        let labs_owner = d.labs_owner();
        d.allow(&labs_owner, AddDomain { organization: d.labs.clone(), name: "owllabs.io".into() });
        d.refuse(
            &labs_owner,
            CreateScimApp { organization: d.labs.clone() },
            &SCIM_NEEDS_VERIFIED_DOMAIN,
        );
    }
}

mod scim_app_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let app = with_app(&mut d);
        let attributes = ScimAttributes {
            external_id: Some("00u1nia".into()),
            display_name: Some("Nia Okafor".into()),
            ..named("nia@owlcorp.com")
        };
        let outcome = d.allow(&app, create(attributes));
        let event = &outcome.events[0];
        assert_eq!(event.event_type, "user.created");
        let Actor::App(app_sid) = &app else { unreachable!() };
        assert_eq!(event.actor_sid, Some(ActorSid::App(app_sid.clone())));
        let nia = d.user("nia@owlcorp.com");
        assert_eq!(outcome.created.as_deref(), Some(&*nia.sid.as_str()));
        assert_eq!(nia.role_in(&d.corp), Some(OrgRole::Standard));
        assert_eq!(nia.external_id.as_deref(), Some("00u1nia"));
        assert_eq!(nia.friendly_name, "Nia Okafor");
        assert!(nia.active && nia.provisioned_by_scim());
        assert_eq!(nia.scim_version(), 1);
    }

    #[test]
    fn refused() {
        // The outside world, a console user (even the Administrator who created the app), and an
        // app that does not exist cannot send SCIM commands.
        let mut d = demo();
        with_app(&mut d);
        let ghost: OauthAppSid = format!("OQ{:032x}", 7).parse().unwrap();
        for actor in [Actor::World, d.admin(), d.owner(), Actor::App(ghost)] {
            for command in [
                create(named("nia@owlcorp.com")),
                patch(&d, "sam@owlcorp.com", |a| a.active = Some(false)),
                delete(&d, "sam@owlcorp.com"),
            ] {
                d.refuse(&actor, command, &SCIM_APP_REQUIRED);
            }
        }
        let denial = d.refuse(&Actor::World, delete(&d, "sam@owlcorp.com"), &SCIM_APP_REQUIRED);
        assert_eq!(
            denial.detail,
            "the outside world is not an identity provider; SCIM is called through an OAuth app"
        );
    }
}

mod scim_app_authorizer_inactive {
    use super::*;

    #[test]
    fn allowed() {
        // Deactivating someone else leaves the app working.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, delete(&d, "sam@owlcorp.com"));
        d.allow(&app, create(named("nia@owlcorp.com")));
    }

    #[test]
    fn refused() {
        // The identity provider deactivates Arjun, who authorized the app: from then on every
        // SCIM command through it is refused, even reactivating him.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, delete(&d, "arjun@owlcorp.com"));
        for command in [
            create(named("nia@owlcorp.com")),
            patch(&d, "arjun@owlcorp.com", |a| a.active = Some(true)),
            patch(&d, "sam@owlcorp.com", |a| a.display_name = Some("Sam R.".into())),
            delete(&d, "sam@owlcorp.com"),
        ] {
            let denial = d.refuse(&app, command, &SCIM_APP_AUTHORIZER_INACTIVE);
            assert_eq!(
                denial.detail,
                "`arjun@owlcorp.com`, who authorized the OAuth app, is no longer an active member"
            );
        }
    }

    #[test]
    fn refused_once_the_authorizer_is_removed() {
        // Sam, made an Administrator, authorizes the app; the Owner then removes him.
        let mut d = demo();
        let owner = d.owner();
        let (corp, sam) = (d.corp.clone(), sid_of(&d, "sam@owlcorp.com"));
        let promote = ChangeUserRole {
            organization: corp.clone(),
            user: sam.clone(),
            role: OrgRole::Administrator,
        };
        d.allow(&owner, promote);
        let created =
            d.allow(&d.as_user("sam@owlcorp.com"), CreateScimApp { organization: corp.clone() });
        let app = Actor::App(created.created.unwrap().parse().unwrap());
        d.allow(&owner, RemoveUser { organization: corp, user: sam });
        let denial =
            d.refuse(&app, create(named("nia@owlcorp.com")), &SCIM_APP_AUTHORIZER_INACTIVE);
        assert_eq!(
            denial.detail,
            "`sam@owlcorp.com`, who authorized the OAuth app, is no longer an active member"
        );
    }
}

mod scim_user_name_invalid {
    use super::*;

    #[test]
    fn allowed() {
        // Surrounding spaces are trimmed.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(person(" a@owlcorp.com ", &["a@owlcorp.com"])));
        assert!(d.ws.user_by_email("a@owlcorp.com").is_some());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let long = format!("{}@owlcorp.com", "n".repeat(244));
        for user_name in ["", "n", "   ", long.as_str()] {
            d.refuse(&app, create(named(user_name)), &SCIM_USER_NAME_INVALID);
        }
        let denial = d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| a.user_name.clear()),
            &SCIM_USER_NAME_INVALID,
        );
        assert_eq!(denial.detail, "`userName` has 0 characters; it must have 2 to 255");
    }
}

mod scim_email_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(named("nia@owlcorp.com")));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let denial = d.refuse(&app, create(person("nia@owlcorp.com", &[])), &SCIM_EMAIL_REQUIRED);
        assert_eq!(denial.detail, "`emails` is empty; give at least the primary email");
        // With two emails, neither marked primary, there is no primary email.
        let mut two = person("nia@owlcorp.com", &["nia@owlcorp.com", "nia.okafor@owlcorp.com"]);
        two.emails[0].primary = false;
        let denial = d.refuse(&app, create(two), &SCIM_EMAIL_REQUIRED);
        assert_eq!(denial.detail, "with more than one email, one must be marked `primary: true`");
        d.refuse(&app, patch(&d, "sam@owlcorp.com", |a| a.emails.clear()), &SCIM_EMAIL_REQUIRED);
    }
}

mod scim_user_name_not_primary_email {
    use super::*;

    #[test]
    fn allowed() {
        // userName compares without regard to case; the address is stored lower-cased.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(
            &app,
            create(person("Nia@OwlCorp.com", &["NIA@owlcorp.com", "nia.okafor@owlcorp.com"])),
        );
        assert!(d.ws.user_by_email("nia@owlcorp.com").is_some());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let denial = d.refuse(
            &app,
            create(person("nia@owlcorp.com", &["nina@owlcorp.com"])),
            &SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
        );
        assert_eq!(
            denial.detail,
            "`userName` is `nia@owlcorp.com` but the primary email is `nina@owlcorp.com`"
        );
        // The primary email is the one marked primary, wherever it is in the list.
        let mut second = person("nia@owlcorp.com", &["nia@owlcorp.com", "nina@owlcorp.com"]);
        (second.emails[0].primary, second.emails[1].primary) = (false, true);
        d.refuse(&app, create(second), &SCIM_USER_NAME_NOT_PRIMARY_EMAIL);
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| a.user_name = "samuel@owlcorp.com".into()),
            &SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
        );
    }
}

mod scim_value_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let app = with_app(&mut d);
        let mut attributes = ScimAttributes {
            display_name: Some("N".repeat(255)),
            given_name: Some("N".repeat(255)),
            ..named("nia@owlcorp.com")
        };
        attributes.emails[0].kind = Some("w".repeat(64));
        d.allow(&app, create(attributes));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let long_email = format!("{}@owlcorp.com", "n".repeat(150));
        let nia = || named("nia@owlcorp.com");
        let mut long_type = nia();
        long_type.emails[0].kind = Some("w".repeat(65));
        let mut two_primaries = person("nia@owlcorp.com", &["nia@owlcorp.com", "n@owlcorp.com"]);
        two_primaries.emails[1].primary = true;
        for (attributes, why) in [
            (
                ScimAttributes { display_name: Some("N".repeat(256)), ..nia() },
                "`displayName` has 256 characters",
            ),
            (
                ScimAttributes { family_name: Some("N".repeat(256)), ..nia() },
                "`name.familyName` has 256 characters",
            ),
            (named(&long_email), "`emails.value` has 162 characters"),
            (named("nia@"), "`nia@` has `` after the `@`, which is not a domain"),
            (named("a b@x@owlcorp.com"), "`a b@x@owlcorp.com`"),
            (long_type, "`emails.type` has 65 characters"),
            (two_primaries, "2 emails are marked primary; at most one may be"),
        ] {
            let denial = d.refuse(&app, create(attributes), &SCIM_VALUE_INVALID);
            assert!(denial.detail.starts_with(why), "{}", denial.detail);
        }
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| a.display_name = Some("N".repeat(256))),
            &SCIM_VALUE_INVALID,
        );
    }
}

mod scim_external_id_invalid {
    use super::*;

    #[test]
    fn allowed() {
        // Two characters are enough; spaces alone are no externalId at all.
        let mut d = demo();
        let app = with_app(&mut d);
        let with_id =
            |email: &str, id: &str| ScimAttributes { external_id: Some(id.into()), ..named(email) };
        d.allow(&app, create(with_id("nia@owlcorp.com", "01")));
        d.allow(&app, create(with_id("leo@owlcorp.com", "   ")));
        assert_eq!(d.user("leo@owlcorp.com").external_id, None);
        d.allow(&app, create(with_id("kim@owlcorp.com", &"x".repeat(255))));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        for (id, length) in [("1".to_owned(), 1), ("x".repeat(256), 256)] {
            let attributes = ScimAttributes { external_id: Some(id), ..named("nia@owlcorp.com") };
            let denial = d.refuse(&app, create(attributes), &SCIM_EXTERNAL_ID_INVALID);
            assert_eq!(
                denial.detail,
                format!("`externalId` has {length} characters; it must have 2 to 255")
            );
        }
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| a.external_id = Some("s".into())),
            &SCIM_EXTERNAL_ID_INVALID,
        );
    }
}

mod scim_version_conflict {
    use super::*;

    #[test]
    fn allowed() {
        // Each change names the version it read, and raises it.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(named("nia@owlcorp.com")));
        let nia = sid_of(&d, "nia@owlcorp.com");
        let renamed =
            ScimAttributes { display_name: Some("Nia O.".into()), ..named("nia@owlcorp.com") };
        d.allow(
            &app,
            ScimReplaceUser { user: nia.clone(), attributes: renamed, if_match: Some(1) },
        );
        assert_eq!(d.user("nia@owlcorp.com").scim_version(), 2);
        d.allow(&app, ScimDeleteUser { user: nia, if_match: Some(2) });
        assert_eq!(d.user("nia@owlcorp.com").scim_version(), 3);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(named("nia@owlcorp.com")));
        d.allow(&app, patch(&d, "nia@owlcorp.com", |a| a.locale = Some("en-US".into())));
        let nia = sid_of(&d, "nia@owlcorp.com");
        let stale = ScimReplaceUser {
            user: nia.clone(),
            attributes: named("nia@owlcorp.com"),
            if_match: Some(1),
        };
        let denial = d.refuse(&app, stale, &SCIM_VERSION_CONFLICT);
        assert_eq!(denial.detail, "the request expects version W/1, but the user is at W/2");
        d.refuse(&app, ScimDeleteUser { user: nia, if_match: Some(3) }, &SCIM_VERSION_CONFLICT);
        let nia = d.user("nia@owlcorp.com");
        assert!(nia.active);
        assert_eq!(nia.scim.as_ref().unwrap().locale.as_deref(), Some("en-US"));
    }
}

mod scim_email_domain_unverified {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let app = with_app(&mut d);
        d.publish_record("owlcorp.dev");
        let (owner, dev) = (d.owner(), d.domain("owlcorp.dev").sid.clone());
        d.allow(&owner, VerifyDomain { domain: dev });
        d.allow(&app, create(named("nia@owlcorp.dev")));
        // Further emails may be anywhere; only the primary one must be in a verified domain.
        d.allow(&app, create(person("leo@owlcorp.com", &["leo@owlcorp.com", "leo@gmail.com"])));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        for (email, domain) in
            [("nia@owlcorp.dev", "owlcorp.dev"), ("nia@example.org", "example.org")]
        {
            let denial = d.refuse(&app, create(named(email)), &SCIM_EMAIL_DOMAIN_UNVERIFIED);
            assert_eq!(denial.detail, format!("`{domain}` is not a verified domain of Owl Corp"));
        }
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| *a = named("sam@gmail.com")),
            &SCIM_EMAIL_DOMAIN_UNVERIFIED,
        );
    }
}

mod scim_user_in_other_organization {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(named("leo@owlcorp.com")));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let denial =
            d.refuse(&app, create(named("lena@owlcorp.com")), &SCIM_USER_IN_OTHER_ORGANIZATION);
        assert_eq!(denial.detail, "`lena@owlcorp.com` already belongs to Owl Labs");
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| *a = named("lena@owlcorp.com")),
            &SCIM_USER_IN_OTHER_ORGANIZATION,
        );
    }
}

mod scim_user_exists {
    use super::*;

    #[test]
    fn allowed() {
        // externalId is case-exact: `00U1` and `00u1` are different identifiers.
        let mut d = demo();
        let app = with_app(&mut d);
        for (email, id) in [("nia@owlcorp.com", "00u1"), ("leo@owlcorp.com", "00U1")] {
            d.allow(&app, create(ScimAttributes { external_id: Some(id.into()), ..named(email) }));
        }
        // A user keeps their own userName and externalId when replaced.
        d.allow(&app, patch(&d, "nia@owlcorp.com", |a| a.locale = Some("fr-FR".into())));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let denial = d.refuse(&app, create(named("Sam@owlcorp.com")), &SCIM_USER_EXISTS);
        assert_eq!(denial.detail, "a user with userName `sam@owlcorp.com` already exists");
        let with_id =
            |email: &str| ScimAttributes { external_id: Some("00u1".into()), ..named(email) };
        d.allow(&app, create(with_id("nia@owlcorp.com")));
        let denial = d.refuse(&app, create(with_id("leo@owlcorp.com")), &SCIM_USER_EXISTS);
        assert_eq!(denial.detail, "a user of Owl Corp already has externalId `00u1`");
        // Nor can a replacement take another user's userName or externalId.
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| *a = named("arjun@owlcorp.com")),
            &SCIM_USER_EXISTS,
        );
        d.refuse(
            &app,
            patch(&d, "sam@owlcorp.com", |a| a.external_id = Some("00u1".into())),
            &SCIM_USER_EXISTS,
        );
    }
}

mod scim_user_not_found {
    use super::*;

    #[test]
    fn allowed() {
        // Users the console added are managed users too, and SCIM may change them.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, patch(&d, "sam@owlcorp.com", |a| a.display_name = Some("Sam R.".into())));
        assert_eq!(d.user("sam@owlcorp.com").friendly_name, "Sam R.");
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        // Lena is in Owl Labs; Pat is in no organization.
        for email in ["lena@owlcorp.com", "pat@quillagency.com"] {
            let denial = d.refuse(&app, delete(&d, email), &SCIM_USER_NOT_FOUND);
            let sid = sid_of(&d, email);
            assert_eq!(
                denial.detail,
                format!("`{sid}` is not a managed user of this organization")
            );
            d.refuse(&app, replace(&d, email, named(email)), &SCIM_USER_NOT_FOUND);
        }
        // A user removed from the organization is invisible to SCIM.
        let owner = d.owner();
        d.allow(
            &owner,
            RemoveUser { organization: d.corp.clone(), user: sid_of(&d, "sam@owlcorp.com") },
        );
        d.refuse(&app, delete(&d, "sam@owlcorp.com"), &SCIM_USER_NOT_FOUND);
    }
}

mod scim_owner_protected {
    use super::*;

    #[test]
    fn allowed() {
        // Replacing the Owner with what they already are changes nothing and records nothing,
        // with `active` given or left out.
        let mut d = demo();
        let app = with_app(&mut d);
        let before = serde_json::to_string(&d.ws).unwrap();
        let outcome = d.allow(&app, patch(&d, "olivia@owlcorp.com", |_| {}));
        assert!(outcome.events.is_empty());
        let outcome = d.allow(&app, patch(&d, "olivia@owlcorp.com", |a| a.active = None));
        assert!(outcome.events.is_empty());
        // userName compares without regard to case, as identity providers may spell it.
        let outcome = d.allow(
            &app,
            patch(&d, "olivia@owlcorp.com", |a| a.user_name = "Olivia@OwlCorp.com".into()),
        );
        assert!(outcome.events.is_empty());
        assert_eq!(serde_json::to_string(&d.ws).unwrap(), before);
        // The Administrator is not protected.
        d.allow(&app, patch(&d, "arjun@owlcorp.com", |a| a.locale = Some("en-IN".into())));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let app = with_app(&mut d);
        let denial = d.refuse(
            &app,
            patch(&d, "olivia@owlcorp.com", |a| a.active = Some(false)),
            &SCIM_OWNER_PROTECTED,
        );
        assert_eq!(
            denial.detail,
            "`olivia@owlcorp.com` is the Organization Owner and cannot be changed through SCIM"
        );
        d.refuse(
            &app,
            patch(&d, "olivia@owlcorp.com", |a| a.display_name = Some("O. Hart".into())),
            &SCIM_OWNER_PROTECTED,
        );
        let denial = d.refuse(&app, delete(&d, "olivia@owlcorp.com"), &SCIM_OWNER_PROTECTED);
        assert_eq!(
            denial.detail,
            "`olivia@owlcorp.com` is the Organization Owner and cannot be deleted through SCIM"
        );
    }
}

mod scim_user_created {
    use super::*;

    #[test]
    fn applies() {
        // A provisioned user gets a password link, and starts inactive if the request says so.
        let mut d = demo();
        let app = with_app(&mut d);
        let outcome = d.allow(&app, create(named("nia@owlcorp.com")));
        assert_shaped(&outcome, &SCIM_USER_CREATED);
        let nia = d.user("nia@owlcorp.com");
        assert!(matches!(nia.password, PasswordState::ResetPending { .. }));
        let inactive = ScimAttributes { active: Some(false), ..named("leo@owlcorp.com") };
        d.allow(&app, create(inactive));
        assert!(!d.user("leo@owlcorp.com").active);
        d.refuse(&Actor::World, log_in(&d, "leo@owlcorp.com"), &LOGIN_USER_DEACTIVATED);
    }

    #[test]
    fn absent() {
        // Replacing an existing user creates no one.
        let mut d = demo();
        let app = with_app(&mut d);
        let outcome =
            d.allow(&app, patch(&d, "sam@owlcorp.com", |a| a.locale = Some("en-US".into())));
        assert_not_shaped(&outcome, &SCIM_USER_CREATED);
        assert!(!d.user("sam@owlcorp.com").provisioned_by_scim());
    }
}

mod scim_replace_clears_omitted {
    use super::*;

    fn full(email: &str) -> ScimAttributes {
        ScimAttributes {
            external_id: Some("00u1".into()),
            display_name: Some("Nia Okafor".into()),
            given_name: Some("Nia".into()),
            family_name: Some("Okafor".into()),
            locale: Some("en-GB".into()),
            timezone: Some("Europe/London".into()),
            ..person(email, &[email, "nia.okafor@owlcorp.com"])
        }
    }

    #[test]
    fn applies() {
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(full("nia@owlcorp.com")));
        let outcome = d.allow(&app, replace(&d, "nia@owlcorp.com", named("nia@owlcorp.com")));
        assert_shaped(&outcome, &SCIM_REPLACE_CLEARS_OMITTED);
        let nia = d.user("nia@owlcorp.com");
        assert_eq!(nia.external_id, None);
        assert_eq!(nia.friendly_name, "nia@owlcorp.com");
        assert!(nia.active, "`active` left out stays as it was");
        let held = attributes_of(nia);
        assert_eq!(held, ScimAttributes { active: Some(true), ..named("nia@owlcorp.com") });
    }

    #[test]
    fn absent() {
        // A replacement that gives every attribute clears nothing.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&app, create(full("nia@owlcorp.com")));
        let renamed =
            ScimAttributes { display_name: Some("Nia O.".into()), ..full("nia@owlcorp.com") };
        let outcome = d.allow(&app, replace(&d, "nia@owlcorp.com", renamed));
        assert_not_shaped(&outcome, &SCIM_REPLACE_CLEARS_OMITTED);
        assert_eq!(d.user("nia@owlcorp.com").external_id.as_deref(), Some("00u1"));
    }
}

mod scim_delete_deactivates {
    use super::*;

    #[test]
    fn applies() {
        // Sam is logged in; DELETE logs him out and locks him out, but he stays a member.
        let mut d = demo();
        let app = with_app(&mut d);
        d.allow(&Actor::World, log_in(&d, "sam@owlcorp.com"));
        let outcome = d.allow(&app, delete(&d, "sam@owlcorp.com"));
        assert_shaped(&outcome, &SCIM_DELETE_DEACTIVATES);
        let event = &outcome.events[0];
        assert_eq!(event.event_type, "user.updated");
        assert_eq!(event.event_data["active"].updated.as_deref(), Some("false"));
        let sam = d.user("sam@owlcorp.com");
        assert!(!sam.active && !sam.signed_in && sam.sessions_ended.is_some());
        assert_eq!(sam.role_in(&d.corp), Some(OrgRole::Standard));
        assert_eq!(sam.scim_version(), 2);
        let denial =
            d.refuse(&Actor::World, log_in(&d, "sam@owlcorp.com"), &LOGIN_USER_DEACTIVATED);
        assert_eq!(
            denial.detail,
            "`sam@owlcorp.com` was deactivated by the organization's identity provider"
        );

        // A second DELETE changes nothing.
        let before = serde_json::to_string(&d.ws).unwrap();
        let outcome = d.allow(&app, delete(&d, "sam@owlcorp.com"));
        assert!(outcome.events.is_empty());
        assert_eq!(serde_json::to_string(&d.ws).unwrap(), before);

        // The identity provider can reactivate him.
        d.allow(&app, patch(&d, "sam@owlcorp.com", |a| a.active = Some(true)));
        d.allow(&Actor::World, log_in(&d, "sam@owlcorp.com"));
    }

    #[test]
    fn absent() {
        // Deactivating by replacement (as a PATCH of `active` does) is not a DELETE.
        let mut d = demo();
        let app = with_app(&mut d);
        let outcome = d.allow(&app, patch(&d, "sam@owlcorp.com", |a| a.active = Some(false)));
        assert_not_shaped(&outcome, &SCIM_DELETE_DEACTIVATES);
        assert!(!d.user("sam@owlcorp.com").active);
    }
}

#[test]
fn a_replacement_changes_email_name_and_external_id_and_raises_the_version() {
    let mut d = demo();
    let app = with_app(&mut d);
    let sam = sid_of(&d, "sam@owlcorp.com");
    let attributes = ScimAttributes {
        external_id: Some("00u9sam".into()),
        given_name: Some("Samuel".into()),
        family_name: Some("Rivera".into()),
        ..named("samuel.rivera@owlcorp.com")
    };
    let outcome =
        d.allow(&app, ScimReplaceUser { user: sam.clone(), attributes, if_match: Some(1) });
    let event = &outcome.events[0];
    assert_eq!(event.event_type, "user.updated");
    assert_eq!(event.event_data["email"].previous.as_deref(), Some("sam@owlcorp.com"));
    assert_eq!(event.event_data["external_id"].updated.as_deref(), Some("00u9sam"));
    assert!(d.ws.user_by_email("sam@owlcorp.com").is_none());
    let samuel = d.ws.user(&sam).unwrap();
    assert_eq!(samuel.email, "samuel.rivera@owlcorp.com");
    assert_eq!(samuel.friendly_name, "Samuel Rivera");
    assert_eq!(samuel.external_id.as_deref(), Some("00u9sam"));
    assert_eq!(samuel.scim_version(), 2);
    assert_eq!(d.ws.user_by_external_id(&d.corp, "00u9sam").map(|u| &u.sid), Some(&sam));
}

#[test]
fn only_the_owner_and_administrators_create_the_scim_app() {
    let mut d = demo();
    let standard = d.standard();
    d.refuse(&standard, CreateScimApp { organization: d.corp.clone() }, &ORG_ADMIN_REQUIRED);
}
