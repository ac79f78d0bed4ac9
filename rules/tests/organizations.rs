//! The organization rules (organizations-overview; twilio-facts §1.1), each allowed and refused.

#[path = "support/people.rs"]
mod people;
mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::authz::ORG_OWNER_REQUIRED;
use org_rules::model::OrgRole;
use org_rules::organizations::*;
use org_rules::sid::{OrgSid, UserSid};
use org_rules::users::USER_ONE_ORGANIZATION;
use people::{add_account, add_user};
use support::{Demo, assert_not_shaped, assert_shaped, demo};

fn sid_of(d: &Demo, email: &str) -> UserSid {
    d.ws.user_by_email(email).unwrap().sid.clone()
}

/// Rowan, a freelancer outside every organization, owns an account and verified a phone.
fn rowan(d: &mut Demo) -> (Actor, UserSid) {
    let sid = add_user(d, "rowan@rowan.studio", true);
    add_account(d, "Rowan's Prototypes", &sid, None);
    (Actor::User(sid.clone()), sid)
}

mod org_creator_verified_phone {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (actor, sid) = rowan(&mut d);
        let outcome = d.allow(&actor, CreateOrganization { name: "  Rowan Studio ".into() });
        let created: OrgSid = outcome.created.unwrap().parse().unwrap();
        assert_eq!(outcome.events[0].event_type, "organization.created");
        assert_eq!(d.ws.organization(&created).unwrap().friendly_name, "Rowan Studio");
        assert_eq!(d.ws.user(&sid).unwrap().role_in(&created), Some(OrgRole::Owner));
        // All of the accounts the creator owns become part of the Organization.
        let managed: Vec<_> =
            d.ws.accounts_of(&created).map(|a| a.friendly_name.as_str()).collect();
        assert_eq!(managed, ["Rowan's Prototypes"]);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let unverified = add_user(&mut d, "quinn@quinn.design", false);
        add_account(&mut d, "Quinn's App", &unverified, None);
        let denial = d.refuse(
            &Actor::User(unverified),
            CreateOrganization { name: "Quinn Design".into() },
            &ORG_CREATOR_VERIFIED_PHONE,
        );
        assert_eq!(denial.detail, "`quinn@quinn.design` has no verified phone number");

        let no_account = add_user(&mut d, "noor@noor.dev", true);
        let denial = d.refuse(
            &Actor::User(no_account),
            CreateOrganization { name: "Noor".into() },
            &ORG_CREATOR_VERIFIED_PHONE,
        );
        assert_eq!(denial.detail, "`noor@noor.dev` owns no account");
    }
}

#[test]
fn a_managed_user_cannot_create_a_second_organization() {
    let mut d = demo();
    let owner = d.owner();
    let denial =
        d.refuse(&owner, CreateOrganization { name: "Owl Two".into() }, &USER_ONE_ORGANIZATION);
    assert_eq!(denial.detail, "`olivia@owlcorp.com` already belongs to Owl Corp");
}

#[test]
fn verifying_a_phone_number_unlocks_creating_an_organization() {
    let mut d = demo();
    let sid = add_user(&mut d, "quinn@quinn.design", false);
    add_account(&mut d, "Quinn's App", &sid, None);
    d.allow(&Actor::World, VerifyPhoneNumber { user: sid.clone() });
    d.allow(&Actor::User(sid), CreateOrganization { name: "Quinn Design".into() });
}

mod org_name_length {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let name = "O".repeat(ORG_NAME_MAX);
        let outcome = d
            .allow(&admin, RenameOrganization { organization: d.corp.clone(), name: name.clone() });
        assert_eq!(outcome.events[0].event_type, "organization.updated");
        assert_eq!(
            outcome.events[0].event_data["friendly_name"].previous.as_deref(),
            Some("Owl Corp")
        );
        assert_eq!(d.ws.organization(&d.corp).unwrap().friendly_name, name);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        for (name, length) in [("   ", 0), (&*"O".repeat(ORG_NAME_MAX + 1), ORG_NAME_MAX + 1)] {
            let denial = d.refuse(
                &owner,
                RenameOrganization { organization: d.corp.clone(), name: name.into() },
                &ORG_NAME_LENGTH,
            );
            assert_eq!(
                denial.detail,
                format!("the name has {length} characters; it needs 1 to 100")
            );
        }
        let (rowan, _) = rowan(&mut d);
        d.refuse(&rowan, CreateOrganization { name: String::new() }, &ORG_NAME_LENGTH);
    }
}

mod org_owner_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let arjun = sid_of(&d, "arjun@owlcorp.com");
        d.allow(&owner, ChangeOrganizationOwner { organization: d.corp.clone(), new_owner: arjun });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let (admin, standard) = (d.admin(), d.standard());
        let sam = sid_of(&d, "sam@owlcorp.com");
        let denial = d.refuse(
            &admin,
            ChangeOrganizationOwner { organization: d.corp.clone(), new_owner: sam },
            &ORG_OWNER_REQUIRED,
        );
        assert_eq!(
            denial.detail,
            "`arjun@owlcorp.com` is an Administrator and cannot change the organization's owner"
        );
        // Authorization comes first: others are refused before the deletion rule.
        for actor in [admin, standard] {
            d.refuse(
                &actor,
                DeleteOrganization { organization: d.corp.clone() },
                &ORG_OWNER_REQUIRED,
            );
        }
    }
}

mod org_new_owner_managed {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let (olivia, sam) = (sid_of(&d, "olivia@owlcorp.com"), sid_of(&d, "sam@owlcorp.com"));
        let outcome = d.allow(
            &owner,
            ChangeOrganizationOwner { organization: d.corp.clone(), new_owner: sam.clone() },
        );
        assert_eq!(
            outcome.summary,
            "sam@owlcorp.com is now the Owner; olivia@owlcorp.com is an Administrator"
        );
        assert_eq!(outcome.events[0].event_data["owner"].updated.as_deref(), Some(&*sam.as_str()));
        assert_eq!(d.ws.owner_of(&d.corp).unwrap().sid, sam);
        assert_eq!(d.ws.user(&olivia).unwrap().role_in(&d.corp), Some(OrgRole::Administrator));
        // The former Owner no longer holds the Owner's permissions.
        d.refuse(&owner, DeleteOrganization { organization: d.corp.clone() }, &ORG_OWNER_REQUIRED);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let (lena, olivia) = (sid_of(&d, "lena@owlcorp.com"), sid_of(&d, "olivia@owlcorp.com"));
        let denial = d.refuse(
            &owner,
            ChangeOrganizationOwner { organization: d.corp.clone(), new_owner: lena },
            &ORG_NEW_OWNER_MANAGED,
        );
        assert_eq!(
            denial.detail,
            "`lena@owlcorp.com` is not a user of this organization: invite them first"
        );
        let denial = d.refuse(
            &owner,
            ChangeOrganizationOwner { organization: d.corp.clone(), new_owner: olivia },
            &ORG_NEW_OWNER_MANAGED,
        );
        assert_eq!(denial.detail, "`olivia@owlcorp.com` is already the Owner");
    }
}

mod org_delete_by_support {
    use super::*;

    #[test]
    fn allowed() {
        // What the rule points to instead: the Owner may still rename or hand over the organization.
        let mut d = demo();
        let labs_owner = d.labs_owner();
        d.allow(
            &labs_owner,
            RenameOrganization { organization: d.labs.clone(), name: "Owl Labs Archive".into() },
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let denial = d.refuse(
            &owner,
            DeleteOrganization { organization: d.corp.clone() },
            &ORG_DELETE_BY_SUPPORT,
        );
        assert_eq!(
            denial.detail,
            "Owl Corp can only be deleted by Twilio support, or merged into another organization"
        );
        assert!(ORG_DELETE_BY_SUPPORT.explanation.contains("contact the Twilio support team"));
    }
}

mod org_hipaa_entitlement_in_use {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let outcome = d.allow(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: true },
        );
        assert_eq!(outcome.events[0].event_type, "organization.updated");
        assert!(d.ws.organization(&d.corp).unwrap().hipaa_entitled);
        // No managed account is flagged, so the BAA can end.
        d.allow(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: false },
        );
        assert!(!d.ws.organization(&d.corp).unwrap().hipaa_entitled);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        d.allow(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: true },
        );
        let olivia = sid_of(&d, "olivia@owlcorp.com");
        let corp = d.corp.clone();
        let account = add_account(&mut d, "Owl Health", &olivia, Some(&corp));
        d.with_state(|state| state.accounts.get_mut(&account).unwrap().hipaa = true);
        let denial = d.refuse(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: false },
            &ORG_HIPAA_ENTITLEMENT_IN_USE,
        );
        assert_eq!(
            denial.detail,
            "`Owl Health` flagged HIPAA: turn the flags off before the BAA ends"
        );

        // A flagged subaccount keeps the BAA in use too, even when its account is not flagged.
        d.allow(&d.owner(), SetAccountHipaa { account: account.clone(), enabled: false });
        let subaccount = d.subaccount_sid("Customer: Acme Health");
        d.allow(&d.owner(), SetAccountHipaa { account: subaccount, enabled: true });
        let denial = d.refuse(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: false },
            &ORG_HIPAA_ENTITLEMENT_IN_USE,
        );
        assert!(
            denial.detail.starts_with("`Customer: Acme Health` flagged HIPAA"),
            "{}",
            denial.detail
        );
    }
}

mod org_account_limit_raise {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let outcome = d.allow(
            &Actor::World,
            RaiseAccountLimit { organization: d.corp.clone(), limit: MANAGED_ACCOUNT_LIMIT_MAX },
        );
        assert_eq!(
            outcome.events[0].event_data["managed_account_limit"].previous.as_deref(),
            Some("10")
        );
        assert_eq!(
            d.ws.organization(&d.corp).unwrap().managed_account_limit,
            MANAGED_ACCOUNT_LIMIT_MAX
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        for limit in [10, 9, MANAGED_ACCOUNT_LIMIT_MAX + 1] {
            d.refuse(
                &Actor::World,
                RaiseAccountLimit { organization: d.corp.clone(), limit },
                &ORG_ACCOUNT_LIMIT_RAISE,
            );
        }
    }
}

#[test]
fn support_enables_bulk_import_once() {
    let mut d = demo();
    let outcome = d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
    assert_eq!(outcome.events[0].event_type, "organization.updated");
    assert!(d.ws.organization(&d.corp).unwrap().bulk_import_enabled);
    let again = d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
    assert!(again.events.is_empty());
}

/// The accounts a new Owner owns outside every organization join theirs: an Owner's accounts
/// cannot be independent (organizations-setup-skill, "User Management").
#[test]
fn a_new_owner_brings_their_independent_accounts() {
    let mut d = demo();
    let sam = d.user("sam@owlcorp.com").sid.clone();
    let side = d.independent_account("sam@owlcorp.com", "Sam's side project");
    let owner = d.owner();
    d.allow(&owner, ChangeOrganizationOwner { organization: d.corp.clone(), new_owner: sam });
    assert_eq!(d.ws.account(&side).unwrap().organization.as_ref(), Some(&d.corp));
}

fn change_owner(d: &mut Demo, email: &str) -> org_rules::Outcome {
    let (owner, new_owner) = (d.owner(), sid_of(d, email));
    d.allow(&owner, ChangeOrganizationOwner { organization: d.corp.clone(), new_owner })
}

mod org_creator_owner {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let (actor, sid) = rowan(&mut d);
        let outcome = d.allow(&actor, CreateOrganization { name: "Rowan Studio".into() });
        assert_shaped(&outcome, &ORG_CREATOR_OWNER);
        let created: OrgSid = outcome.created.unwrap().parse().unwrap();
        assert_eq!(d.ws.user(&sid).unwrap().role_in(&created), Some(OrgRole::Owner));
    }

    #[test]
    fn absent() {
        // Becoming the Owner by a change of owner is another rule's doing.
        let mut d = demo();
        let outcome = change_owner(&mut d, "arjun@owlcorp.com");
        assert_not_shaped(&outcome, &ORG_CREATOR_OWNER);
    }
}

mod org_owner_accounts_managed {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let sam = sid_of(&d, "sam@owlcorp.com");
        let side = add_account(&mut d, "Sam's Side Project", &sam, None);
        let outcome = change_owner(&mut d, "sam@owlcorp.com");
        assert_shaped(&outcome, &ORG_OWNER_ACCOUNTS_MANAGED);
        assert_eq!(d.ws.account(&side).unwrap().organization.as_ref(), Some(&d.corp));

        let (actor, rowan) = rowan(&mut d);
        let outcome = d.allow(&actor, CreateOrganization { name: "Rowan Studio".into() });
        assert_shaped(&outcome, &ORG_OWNER_ACCOUNTS_MANAGED);
        let studio: OrgSid = outcome.created.unwrap().parse().unwrap();
        let owned = d.ws.accounts_owned_by(&rowan).next().unwrap();
        assert_eq!(owned.organization.as_ref(), Some(&studio));
    }

    #[test]
    fn absent() {
        // Arjun's only account is already managed by Owl Corp.
        let mut d = demo();
        let outcome = change_owner(&mut d, "arjun@owlcorp.com");
        assert_not_shaped(&outcome, &ORG_OWNER_ACCOUNTS_MANAGED);
    }
}

mod org_previous_owner_administrator {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let command = ChangeOrganizationOwner {
            organization: d.corp.clone(),
            new_owner: sid_of(&d, "sam@owlcorp.com"),
        };
        assert_eq!(d.would_shape(&d.owner(), &command), ["ORG_PREVIOUS_OWNER_ADMINISTRATOR"]);
        let outcome = change_owner(&mut d, "sam@owlcorp.com");
        assert_shaped(&outcome, &ORG_PREVIOUS_OWNER_ADMINISTRATOR);
        let olivia = d.ws.user_by_email("olivia@owlcorp.com").unwrap();
        assert_eq!(olivia.role_in(&d.corp), Some(OrgRole::Administrator));
    }

    #[test]
    fn absent() {
        // A new organization has no previous Owner.
        let mut d = demo();
        let (actor, _) = rowan(&mut d);
        let outcome = d.allow(&actor, CreateOrganization { name: "Rowan Studio".into() });
        assert_not_shaped(&outcome, &ORG_PREVIOUS_OWNER_ADMINISTRATOR);
    }
}
