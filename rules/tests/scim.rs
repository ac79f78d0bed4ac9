//! The SCIM provisioning rules (twilio-facts §1.7, §2.2), each allowed and refused.

mod support;

use org_rules::Command::*;
use org_rules::authz::ORG_ADMIN_REQUIRED;
use org_rules::command::LoginMethod;
use org_rules::model::{Account, AccountRoles, AccountStatus, AccountType, OrgRole, Usage, User};
use org_rules::scim::*;
use org_rules::sid::{AccountSid, OrgSid, UserSid};
use org_rules::workspace::State;
use org_rules::{Actor, Command, Workspace};
use support::{Demo, demo};

fn with_app(d: &mut Demo) {
    let admin = d.admin();
    d.allow(&admin, CreateScimApp { organization: d.corp.clone() });
}

fn provision(organization: &OrgSid, user_name: &str, emails: &[&str]) -> Command {
    ScimCreateUser {
        organization: organization.clone(),
        user_name: user_name.into(),
        emails: emails.iter().map(|e| e.to_string()).collect(),
        external_id: None,
        display_name: None,
    }
}

fn with_ids(command: Command, id: Option<&str>, name: Option<&str>) -> Command {
    match command {
        ScimCreateUser { organization, user_name, emails, .. } => ScimCreateUser {
            organization,
            user_name,
            emails,
            external_id: id.map(Into::into),
            display_name: name.map(Into::into),
        },
        other => other,
    }
}

fn sid_of(d: &Demo, email: &str) -> UserSid {
    d.ws.user_by_email(email).unwrap().sid.clone()
}

fn set_active(d: &Demo, email: &str, active: bool) -> Command {
    ScimSetActive { organization: d.corp.clone(), user: sid_of(d, email), active }
}

fn delete(d: &Demo, email: &str) -> Command {
    ScimDeleteUser { organization: d.corp.clone(), user: sid_of(d, email) }
}

/// Adds an account to the stored workspace, since accounts are made by another area's commands.
fn add_account(d: &mut Demo, n: u32, organization: Option<&OrgSid>, owner: &str) -> AccountSid {
    let sid: AccountSid = format!("AC{n:032x}").parse().unwrap();
    let mut state: State = d.ws.state().clone();
    let account = Account {
        sid: sid.clone(),
        friendly_name: format!("Account {n}"),
        organization: organization.cloned(),
        owner: sid_of(d, owner),
        status: AccountStatus::Active,
        kind: AccountType::Full,
        usage: Usage::Twilio,
        hipaa: false,
        users: Default::default(),
        date_created: state.now,
    };
    state.accounts.insert(sid.clone(), account);
    d.ws = Workspace::from_state(state);
    sid
}

fn grant(d: &mut Demo, account: &AccountSid, email: &str) {
    let user = sid_of(d, email);
    let mut state = d.ws.state().clone();
    state.accounts.get_mut(account).unwrap().users.insert(user, AccountRoles::Administrator);
    d.ws = Workspace::from_state(state);
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
        assert_eq!(outcome.created.as_deref(), Some(app.sid.as_str()));
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
        with_app(&mut d);
        let outcome = d.allow(
            &Actor::World,
            with_ids(
                provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
                Some("00u1nia"),
                Some("Nia Okafor"),
            ),
        );
        assert_eq!(outcome.events[0].event_type, "user.created");
        let nia = d.ws.user_by_email("nia@owlcorp.com").unwrap();
        assert_eq!(outcome.created.as_deref(), Some(nia.sid.as_str()));
        assert_eq!(nia.role_in(&d.corp), Some(OrgRole::Standard));
        assert_eq!(nia.external_id.as_deref(), Some("00u1nia"));
        assert_eq!(nia.friendly_name, "Nia Okafor");
        assert!(nia.active);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        d.refuse(
            &Actor::World,
            provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
            &SCIM_APP_REQUIRED,
        );
        d.refuse(&Actor::World, set_active(&d, "sam@owlcorp.com", false), &SCIM_APP_REQUIRED);
    }
}

mod scim_user_name_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        with_app(&mut d);
        d.allow(&Actor::World, provision(&d.corp, " a@owlcorp.com ", &["a@owlcorp.com"]));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let long = format!("{}@owlcorp.com", "n".repeat(244));
        for user_name in ["", "n", long.as_str()] {
            d.refuse(
                &Actor::World,
                provision(&d.corp, user_name, &[user_name]),
                &SCIM_USER_NAME_INVALID,
            );
        }
    }
}

mod scim_email_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        with_app(&mut d);
        d.allow(&Actor::World, provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        d.refuse(&Actor::World, provision(&d.corp, "nia@owlcorp.com", &[]), &SCIM_EMAIL_REQUIRED);
    }
}

mod scim_user_name_not_primary_email {
    use super::*;

    #[test]
    fn allowed() {
        // userName compares without regard to case; the address is stored lower-cased.
        let mut d = demo();
        with_app(&mut d);
        d.allow(
            &Actor::World,
            provision(&d.corp, "Nia@OwlCorp.com", &["NIA@owlcorp.com", "nia.okafor@owlcorp.com"]),
        );
        assert!(d.ws.user_by_email("nia@owlcorp.com").is_some());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let denial = d.refuse(
            &Actor::World,
            provision(&d.corp, "nia@owlcorp.com", &["nina@owlcorp.com"]),
            &SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
        );
        assert_eq!(
            denial.detail,
            "`userName` is `nia@owlcorp.com` but the primary email is `nina@owlcorp.com`"
        );
        // The primary email is the first.
        d.refuse(
            &Actor::World,
            provision(&d.corp, "nia@owlcorp.com", &["nina@owlcorp.com", "nia@owlcorp.com"]),
            &SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
        );
    }
}

mod scim_value_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        with_app(&mut d);
        let name = "N".repeat(255);
        d.allow(
            &Actor::World,
            with_ids(
                provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
                Some("01"),
                Some(&name),
            ),
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let long_name = "N".repeat(256);
        let long_email = format!("{}@owlcorp.com", "n".repeat(150));
        for (command, why) in [
            (
                with_ids(
                    provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
                    Some("1"),
                    None,
                ),
                "`externalId` has 1 characters",
            ),
            (
                with_ids(
                    provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
                    None,
                    Some(&long_name),
                ),
                "`displayName` has 256 characters",
            ),
            (provision(&d.corp, &long_email, &[&long_email]), "`emails.value` has 162 characters"),
            (
                provision(&d.corp, "nia@", &["nia@"]),
                "`nia@` has `` after the `@`, which is not a domain",
            ),
        ] {
            let denial = d.refuse(&Actor::World, command, &SCIM_VALUE_INVALID);
            assert!(denial.detail.starts_with(why), "{}", denial.detail);
        }
    }
}

mod scim_email_domain_unverified {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        with_app(&mut d);
        d.publish_record("owlcorp.dev");
        let (owner, dev) = (d.owner(), d.domain("owlcorp.dev").sid.clone());
        d.allow(&owner, VerifyDomain { domain: dev });
        d.allow(&Actor::World, provision(&d.corp, "nia@owlcorp.dev", &["nia@owlcorp.dev"]));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        for (emails, domain) in [
            (vec!["nia@owlcorp.dev"], "owlcorp.dev"),
            (vec!["nia@example.org"], "example.org"),
            (vec!["nia@owlcorp.com", "nia@gmail.com"], "gmail.com"),
        ] {
            let denial = d.refuse(
                &Actor::World,
                provision(&d.corp, emails[0], &emails),
                &SCIM_EMAIL_DOMAIN_UNVERIFIED,
            );
            assert_eq!(denial.detail, format!("`{domain}` is not a verified domain of Owl Corp"));
        }
    }
}

mod scim_user_in_other_organization {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        with_app(&mut d);
        d.allow(&Actor::World, provision(&d.corp, "leo@owlcorp.com", &["leo@owlcorp.com"]));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let denial = d.refuse(
            &Actor::World,
            provision(&d.corp, "lena@owlcorp.com", &["lena@owlcorp.com"]),
            &SCIM_USER_IN_OTHER_ORGANIZATION,
        );
        assert_eq!(denial.detail, "`lena@owlcorp.com` already belongs to Owl Labs");
    }
}

mod scim_user_exists {
    use super::*;

    #[test]
    fn allowed() {
        // externalId is case-exact: `00U1` and `00u1` are different identifiers.
        let mut d = demo();
        with_app(&mut d);
        for (email, id) in [("nia@owlcorp.com", "00u1"), ("leo@owlcorp.com", "00U1")] {
            d.allow(&Actor::World, with_ids(provision(&d.corp, email, &[email]), Some(id), None));
        }
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let denial = d.refuse(
            &Actor::World,
            provision(&d.corp, "sam@owlcorp.com", &["sam@owlcorp.com"]),
            &SCIM_USER_EXISTS,
        );
        assert_eq!(denial.detail, "a user with userName `sam@owlcorp.com` already exists");
        d.allow(
            &Actor::World,
            with_ids(
                provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
                Some("00u1"),
                None,
            ),
        );
        let denial = d.refuse(
            &Actor::World,
            with_ids(
                provision(&d.corp, "leo@owlcorp.com", &["leo@owlcorp.com"]),
                Some("00u1"),
                None,
            ),
            &SCIM_USER_EXISTS,
        );
        assert_eq!(denial.detail, "a user of Owl Corp already has externalId `00u1`");
    }
}

mod scim_user_not_found {
    use super::*;

    #[test]
    fn allowed() {
        // Deactivating logs the user out.
        let mut d = demo();
        with_app(&mut d);
        d.allow(
            &Actor::World,
            LogIn { user: sid_of(&d, "sam@owlcorp.com"), method: LoginMethod::Password },
        );
        let outcome = d.allow(&Actor::World, set_active(&d, "sam@owlcorp.com", false));
        let event = &outcome.events[0];
        assert_eq!(event.event_type, "user.updated");
        assert_eq!(event.event_data["active"].updated.as_deref(), Some("false"));
        let sam = d.ws.user_by_email("sam@owlcorp.com").unwrap();
        assert!(!sam.active && !sam.signed_in);

        d.allow(&Actor::World, set_active(&d, "sam@owlcorp.com", true));
        assert!(d.ws.user_by_email("sam@owlcorp.com").unwrap().active);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let lena = ScimSetActive {
            organization: d.corp.clone(),
            user: sid_of(&d, "lena@owlcorp.com"),
            active: false,
        };
        let denial = d.refuse(&Actor::World, lena, &SCIM_USER_NOT_FOUND);
        assert_eq!(denial.detail, "`lena@owlcorp.com` is not a managed user of this organization");
        // A removed user is invisible to SCIM.
        d.allow(&Actor::World, delete(&d, "sam@owlcorp.com"));
        d.refuse(&Actor::World, set_active(&d, "sam@owlcorp.com", false), &SCIM_USER_NOT_FOUND);
        d.refuse(&Actor::World, delete(&d, "sam@owlcorp.com"), &SCIM_USER_NOT_FOUND);
    }
}

mod scim_owner_protected {
    use super::*;

    #[test]
    fn allowed() {
        // Activating the already active Owner changes nothing and records nothing.
        let mut d = demo();
        with_app(&mut d);
        let outcome = d.allow(&Actor::World, set_active(&d, "olivia@owlcorp.com", true));
        assert!(outcome.events.is_empty());
        d.allow(&Actor::World, set_active(&d, "arjun@owlcorp.com", false));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let denial = d.refuse(
            &Actor::World,
            set_active(&d, "olivia@owlcorp.com", false),
            &SCIM_OWNER_PROTECTED,
        );
        assert_eq!(
            denial.detail,
            "`olivia@owlcorp.com` is the Organization Owner and cannot be deactivated"
        );
        d.refuse(&Actor::World, delete(&d, "olivia@owlcorp.com"), &SCIM_OWNER_PROTECTED);
    }
}

/// SCIM's delete obeys the same rule as removing a user in the console.
mod scim_delete_of_an_account_owner {
    use super::*;

    #[test]
    fn allowed() {
        // Sam owns an independent account and has a role on a managed one: he is removed from
        // the organization, loses the managed role and keeps his own account.
        let mut d = demo();
        with_app(&mut d);
        let corp = d.corp.clone();
        let managed = add_account(&mut d, 1, Some(&corp), "olivia@owlcorp.com");
        let own = add_account(&mut d, 2, None, "sam@owlcorp.com");
        grant(&mut d, &managed, "sam@owlcorp.com");
        d.allow(
            &Actor::World,
            with_ids(
                provision(&d.corp, "nia@owlcorp.com", &["nia@owlcorp.com"]),
                Some("00u1"),
                None,
            ),
        );
        let outcome = d.allow(&Actor::World, delete(&d, "sam@owlcorp.com"));
        assert_eq!(outcome.events[0].event_type, "user.removed");
        let sam = d.ws.user_by_email("sam@owlcorp.com").unwrap();
        assert_eq!(sam.membership, None);
        assert!(d.ws.account(&managed).unwrap().users.is_empty());
        assert_eq!(d.ws.account(&own).unwrap().owner, sam.sid);

        let nia = sid_of(&d, "nia@owlcorp.com");
        d.allow(&Actor::World, delete(&d, "nia@owlcorp.com"));
        let nia: &User = d.ws.user(&nia).unwrap();
        assert_eq!(nia.external_id, None);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        with_app(&mut d);
        let corp = d.corp.clone();
        add_account(&mut d, 1, Some(&corp), "sam@owlcorp.com");
        let denial = d.refuse(
            &Actor::World,
            delete(&d, "sam@owlcorp.com"),
            &org_rules::users::USER_OWNS_MANAGED_ACCOUNT,
        );
        assert_eq!(
            denial.detail,
            "`sam@owlcorp.com` owns `Account 1`: transfer its ownership first"
        );
    }
}

#[test]
fn a_removed_deactivated_user_can_log_in_again_outside_the_organization() {
    let mut d = demo();
    with_app(&mut d);
    d.allow(&Actor::World, set_active(&d, "sam@owlcorp.com", false));
    d.allow(&Actor::World, delete(&d, "sam@owlcorp.com"));
    d.allow(
        &Actor::World,
        LogIn { user: sid_of(&d, "sam@owlcorp.com"), method: LoginMethod::Password },
    );
}

#[test]
fn only_the_owner_and_administrators_create_the_scim_app() {
    let mut d = demo();
    let standard = d.standard();
    d.refuse(&standard, CreateScimApp { organization: d.corp.clone() }, &ORG_ADMIN_REQUIRED);
}

#[test]
fn a_malformed_email_is_refused_as_an_invalid_value() {
    let mut d = demo();
    with_app(&mut d);
    let command = provision(&d.corp, "a b@x@owlcorp.com", &["a b@x@owlcorp.com"]);
    d.refuse(&Actor::World, command, &SCIM_VALUE_INVALID);
}
