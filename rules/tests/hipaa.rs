//! The HIPAA flag (organizations-overview "Turn on HIPAA and eligible Accounts"; twilio-facts
//! §1.9), allowed and refused.

mod support;

use org_rules::Command::*;
use org_rules::accounts::{ACCOUNT_CLOSED, ACCOUNT_NOT_MANAGED};
use org_rules::authz::ORG_ADMIN_REQUIRED;
use org_rules::hipaa::*;
use org_rules::model::Usage;
use org_rules::sid::AccountSid;
use support::{Demo, assert_not_shaped, assert_shaped, demo};

/// Twilio executes a BAA with Owl Corp: "HIPAA Entitlement: On".
fn entitle(d: &mut Demo) {
    let corp = d.corp.clone();
    d.with_state(|s| s.organizations.get_mut(&corp).unwrap().hipaa_entitled = true);
}

fn set(d: &mut Demo, account: &AccountSid, enabled: bool) {
    let admin = d.admin();
    d.allow(&admin, SetAccountHipaa { account: account.clone(), enabled });
}

mod hipaa_entitlement_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        entitle(&mut d);
        let production = d.account_sid("Owl Corp Production");
        let owner = d.owner();
        let outcome =
            d.allow(&owner, SetAccountHipaa { account: production.clone(), enabled: true });
        assert!(outcome.summary.starts_with("HIPAA is on for Owl Corp Production"));
        let event = &outcome.events[0];
        assert_eq!(event.event_type, "account.updated");
        assert_eq!(event.event_data["hipaa"].updated.as_deref(), Some("true"));
        assert!(d.ws.account(&production).unwrap().hipaa);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let denial = d.refuse(
            &admin,
            SetAccountHipaa { account: d.account_sid("Owl Corp Production"), enabled: true },
            &HIPAA_ENTITLEMENT_REQUIRED,
        );
        assert_eq!(denial.detail, "Owl Corp has no HIPAA entitlement; it needs a BAA with Twilio");
        d.refuse(
            &admin,
            SetAccountHipaa { account: d.subaccount_sid("Customer: Acme Health"), enabled: true },
            &HIPAA_ENTITLEMENT_REQUIRED,
        );
    }
}

fn create_subaccount(d: &mut Demo, parent: &AccountSid, name: &str) -> org_rules::Outcome {
    let owner = d.owner();
    d.allow(&owner, CreateSubaccount { parent: parent.clone(), name: name.into() })
}

fn create_account(d: &mut Demo, name: &str) -> org_rules::Outcome {
    let (owner, organization) = (d.owner(), d.corp.clone());
    d.allow(&owner, CreateAccount { organization, name: name.into(), usage: Usage::Twilio })
}

mod hipaa_subaccount_inherits {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        entitle(&mut d);
        let production = d.account_sid("Owl Corp Production");
        set(&mut d, &production, true);
        let outcome = create_subaccount(&mut d, &production, "Customer: Cedar Clinic");
        assert_shaped(&outcome, &HIPAA_SUBACCOUNT_INHERITS);
        assert_eq!(outcome.events[0].event_data["hipaa"].updated.as_deref(), Some("true"));
        assert!(d.subaccount("Customer: Cedar Clinic").hipaa);
    }

    #[test]
    fn absent() {
        let mut d = demo();
        let production = d.account_sid("Owl Corp Production");
        let outcome = create_subaccount(&mut d, &production, "Customer: Cedar Clinic");
        assert_not_shaped(&outcome, &HIPAA_SUBACCOUNT_INHERITS);
        assert!(!d.subaccount("Customer: Cedar Clinic").hipaa);
    }
}

mod hipaa_new_account_unflagged {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        entitle(&mut d);
        let production = d.account_sid("Owl Corp Production");
        set(&mut d, &production, true);
        let outcome = create_account(&mut d, "Owl Corp Care");
        assert_shaped(&outcome, &HIPAA_NEW_ACCOUNT_UNFLAGGED);
        assert!(!d.account("Owl Corp Care").hipaa);
    }

    #[test]
    fn absent() {
        // Without a BAA no account can be designated, so there is nothing to say.
        let mut d = demo();
        let outcome = create_account(&mut d, "Owl Corp Care");
        assert_not_shaped(&outcome, &HIPAA_NEW_ACCOUNT_UNFLAGGED);
    }
}

mod hipaa_existing_subaccounts_unchanged {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        entitle(&mut d);
        let production = d.account_sid("Owl Corp Production");
        let admin = d.admin();
        let outcome = d.allow(&admin, SetAccountHipaa { account: production, enabled: true });
        assert_shaped(&outcome, &HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED);
        assert_eq!(
            outcome.summary,
            "HIPAA is on for Owl Corp Production; its 2 existing subaccounts are not designated"
        );
        assert!(!d.subaccount("Customer: Acme Health").hipaa);
        assert!(!d.subaccount("Customer: Birch Bank").hipaa);

        // "You must repeat the steps to turn on HIPAA for all existing Subaccounts."
        let acme = d.subaccount_sid("Customer: Acme Health");
        let outcome = d.allow(&admin, SetAccountHipaa { account: acme, enabled: true });
        assert_eq!(outcome.events[0].event_type, "subaccount.updated");
        assert!(d.subaccount("Customer: Acme Health").hipaa);
        assert!(!d.subaccount("Customer: Birch Bank").hipaa);
    }

    #[test]
    fn absent() {
        // Staging has no subaccounts to leave out.
        let mut d = demo();
        entitle(&mut d);
        let staging = d.account_sid("Owl Corp Staging");
        let admin = d.admin();
        let outcome = d.allow(&admin, SetAccountHipaa { account: staging, enabled: true });
        assert_not_shaped(&outcome, &HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED);
        assert_eq!(outcome.summary, "HIPAA is on for Owl Corp Staging");
    }
}

#[test]
fn hipaa_can_be_turned_off_without_an_entitlement() {
    let mut d = demo();
    entitle(&mut d);
    let production = d.account_sid("Owl Corp Production");
    set(&mut d, &production, true);
    let corp = d.corp.clone();
    d.with_state(|s| s.organizations.get_mut(&corp).unwrap().hipaa_entitled = false);
    set(&mut d, &production, false);
    assert!(!d.ws.account(&production).unwrap().hipaa);
    let admin = d.admin();
    let outcome = d.allow(&admin, SetAccountHipaa { account: production, enabled: false });
    assert!(outcome.events.is_empty(), "already off: nothing to record");
}

#[test]
fn only_the_managing_organizations_admins_flag_open_accounts() {
    let mut d = demo();
    entitle(&mut d);
    let standard = d.standard();
    d.refuse(
        &standard,
        SetAccountHipaa { account: d.account_sid("Owl Corp Production"), enabled: true },
        &ORG_ADMIN_REQUIRED,
    );
    let admin = d.admin();
    d.refuse(
        &admin,
        SetAccountHipaa { account: d.account_sid("Casey's Prototypes"), enabled: true },
        &ACCOUNT_NOT_MANAGED,
    );
    let birch = d.subaccount_sid("Customer: Birch Bank");
    d.allow(&admin, CloseSubaccount { subaccount: birch.clone() });
    d.refuse(&admin, SetAccountHipaa { account: birch, enabled: true }, &ACCOUNT_CLOSED);
}
