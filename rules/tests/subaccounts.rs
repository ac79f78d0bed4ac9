//! The subaccount rules (twilio-facts §1.10), each allowed and refused, and who may create and
//! manage subaccounts (ACCOUNT_ROLE_REQUIRED, twilio-facts §1.4).

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::accounts::ACCOUNT_NAME_INVALID;
use org_rules::authz::ACCOUNT_ROLE_REQUIRED;
use org_rules::model::{AccountStatus, AccountType};
use org_rules::plan::OBJECT_NOT_FOUND;
use org_rules::sid::AccountSid;
use org_rules::subaccounts::*;
use support::{Demo, demo};

fn create(d: &mut Demo, actor: &Actor, parent: &AccountSid, name: &str) -> AccountSid {
    let outcome = d.allow(actor, CreateSubaccount { parent: parent.clone(), name: name.into() });
    outcome.created.unwrap().parse().unwrap()
}

mod account_role_required {
    use super::*;

    #[test]
    fn allowed() {
        // Arjun is an account Administrator of Production; Olivia owns it.
        let mut d = demo();
        let production = d.account_sid("Owl Corp Production");
        let arjun = d.as_user("arjun@owlcorp.com");
        let sid = create(&mut d, &arjun, &production, "Customer: Cedar Clinic");
        let olivia = d.as_user("olivia@owlcorp.com");
        d.allow(&olivia, SuspendSubaccount { subaccount: sid });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let production = d.account_sid("Owl Corp Production");
        for (email, detail) in [
            (
                "sam@owlcorp.com",
                "`sam@owlcorp.com`'s role on `Owl Corp Production` cannot manage this account's \
                 settings and subaccounts",
            ),
            (
                "pat@quillagency.com",
                "`pat@quillagency.com`'s role on `Owl Corp Production` cannot manage this \
                 account's settings and subaccounts",
            ),
            (
                "lena@owlcorp.com",
                "`lena@owlcorp.com` has no role on `Owl Corp Production` and cannot manage this \
                 account's settings and subaccounts",
            ),
        ] {
            let actor = d.as_user(email);
            let denial = d.refuse(
                &actor,
                CreateSubaccount {
                    parent: production.clone(),
                    name: "Customer: Dune Dental".into(),
                },
                &ACCOUNT_ROLE_REQUIRED,
            );
            assert_eq!(denial.detail, detail);
        }
        // Organization roles do not reach into an account: Olivia holds none on Staging.
        let staging = d.account_sid("Owl Corp Staging");
        let olivia = d.owner();
        d.refuse(
            &olivia,
            CreateSubaccount { parent: staging, name: "Load tests".into() },
            &ACCOUNT_ROLE_REQUIRED,
        );
        let sam = d.standard();
        let acme = d.subaccount_sid("Customer: Acme Health");
        d.refuse(&sam, CloseSubaccount { subaccount: acme }, &ACCOUNT_ROLE_REQUIRED);
    }
}

mod subaccount_no_nesting {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let outcome = d.allow(
            &owner,
            CreateSubaccount {
                parent: production.clone(),
                name: " Customer: Cedar Clinic ".into(),
            },
        );
        assert_eq!(
            outcome.summary,
            "Created subaccount Customer: Cedar Clinic under Owl Corp Production"
        );
        assert_eq!(outcome.events[0].event_type, "subaccount.created");
        let subaccount = d.subaccount("Customer: Cedar Clinic");
        assert_eq!(outcome.created.as_deref(), Some(&*subaccount.sid.as_str()));
        assert_eq!(subaccount.parent, production);
        assert_eq!(subaccount.status, AccountStatus::Active);
        assert_eq!(d.ws.subaccounts_of(&production).count(), 3);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let acme = d.subaccount_sid("Customer: Acme Health");
        let denial = d.refuse(
            &owner,
            CreateSubaccount { parent: acme, name: "Acme: Radiology".into() },
            &SUBACCOUNT_NO_NESTING,
        );
        assert_eq!(denial.detail, "`Customer: Acme Health` is itself a subaccount");
    }
}

mod subaccount_limit {
    use super::*;

    #[test]
    fn allowed() {
        // A full account reaches 1,000 open subaccounts; a closed one frees a place.
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        for n in 3..=subaccount_limit(AccountType::Full) {
            create(&mut d, &owner, &production, &format!("Customer {n}"));
        }
        let acme = d.subaccount_sid("Customer: Acme Health");
        d.allow(&owner, CloseSubaccount { subaccount: acme });
        create(&mut d, &owner, &production, "Customer 1001");
        assert_eq!(d.ws.subaccounts_of(&production).count(), 1001);
    }

    #[test]
    fn refused() {
        // Arjun owns Staging, a trial account: its 1st subaccount is allowed, the 2nd refused.
        let mut d = demo();
        let arjun = d.admin();
        let staging = d.account_sid("Owl Corp Staging");
        let first = create(&mut d, &arjun, &staging, "QA");
        let denial = d.refuse(
            &arjun,
            CreateSubaccount { parent: staging.clone(), name: "QA 2".into() },
            &SUBACCOUNT_LIMIT,
        );
        assert_eq!(
            denial.detail,
            "`Owl Corp Staging` already has 1 open subaccount; a trial account may have 1"
        );
        // Closed subaccounts do not count, and upgrading raises the limit.
        d.allow(&arjun, CloseSubaccount { subaccount: first });
        create(&mut d, &arjun, &staging, "QA 2");
        d.allow(&arjun, UpgradeAccount { account: staging.clone() });
        create(&mut d, &arjun, &staging, "QA 3");
    }
}

mod subaccount_parent_not_active {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let acme = d.subaccount_sid("Customer: Acme Health");
        let outcome = d.allow(&owner, SuspendSubaccount { subaccount: acme.clone() });
        assert_eq!(outcome.events[0].event_type, "subaccount.suspended");
        assert_eq!(d.ws.subaccount(&acme).unwrap().status, AccountStatus::Suspended);
        let outcome = d.allow(&owner, ReactivateSubaccount { subaccount: acme.clone() });
        assert_eq!(outcome.events[0].event_type, "subaccount.reactivated");
        assert_eq!(d.ws.subaccount(&acme).unwrap().status, AccountStatus::Active);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let acme = d.subaccount_sid("Customer: Acme Health");
        d.allow(&owner, SuspendAccount { account: production.clone() });
        let denial = d.refuse(
            &owner,
            ReactivateSubaccount { subaccount: acme },
            &SUBACCOUNT_PARENT_NOT_ACTIVE,
        );
        assert_eq!(denial.detail, "`Owl Corp Production` is suspended");
        d.refuse(
            &owner,
            CreateSubaccount { parent: production.clone(), name: "Customer: Cedar Clinic".into() },
            &SUBACCOUNT_PARENT_NOT_ACTIVE,
        );
        d.allow(&owner, CloseAccount { account: production.clone() });
        let denial = d.refuse(
            &owner,
            CreateSubaccount { parent: production, name: "Customer: Cedar Clinic".into() },
            &SUBACCOUNT_PARENT_NOT_ACTIVE,
        );
        assert_eq!(denial.detail, "`Owl Corp Production` is closed");
    }
}

#[test]
fn closing_a_subaccount_is_irreversible_and_keeps_it_listed() {
    let mut d = demo();
    let arjun = d.admin();
    let birch = d.subaccount_sid("Customer: Birch Bank");
    let outcome = d.allow(&arjun, CloseSubaccount { subaccount: birch.clone() });
    assert_eq!(outcome.events[0].event_type, "subaccount.closed");
    assert_eq!(d.ws.subaccount(&birch).unwrap().status, AccountStatus::Closed { at: d.ws.now() });
    let outcome = d
        .allow(&arjun, SuspendSubaccount { subaccount: d.subaccount_sid("Customer: Acme Health") });
    assert_eq!(outcome.summary, "Customer: Acme Health is suspended");
    let outcome = d
        .allow(&arjun, SuspendSubaccount { subaccount: d.subaccount_sid("Customer: Acme Health") });
    assert!(outcome.events.is_empty());
}

#[test]
fn a_subaccount_needs_a_name_and_commands_need_a_subaccount() {
    let mut d = demo();
    let owner = d.owner();
    let production = d.account_sid("Owl Corp Production");
    d.refuse(
        &owner,
        CreateSubaccount { parent: production.clone(), name: " ".into() },
        &ACCOUNT_NAME_INVALID,
    );
    d.refuse(&owner, SuspendSubaccount { subaccount: production }, &OBJECT_NOT_FOUND);
}
