//! The HIPAA flag (organizations-overview "Turn on HIPAA and eligible Accounts"; twilio-facts
//! §1.9), allowed and refused.

mod support;

use org_rules::Command::*;
use org_rules::accounts::{ACCOUNT_CLOSED, ACCOUNT_NOT_MANAGED};
use org_rules::authz::ORG_ADMIN_REQUIRED;
use org_rules::hipaa::*;
use org_rules::model::Usage;
use org_rules::sid::AccountSid;
use support::{Demo, demo};

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
        assert_eq!(outcome.summary, "HIPAA is on for Owl Corp Production");
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

#[test]
fn existing_subaccounts_are_not_designated_and_later_ones_inherit() {
    let mut d = demo();
    entitle(&mut d);
    let production = d.account_sid("Owl Corp Production");
    set(&mut d, &production, true);
    assert!(!d.subaccount("Customer: Acme Health").hipaa);
    assert!(!d.subaccount("Customer: Birch Bank").hipaa);

    let owner = d.owner();
    let outcome = d.allow(
        &owner,
        CreateSubaccount { parent: production, name: "Customer: Cedar Clinic".into() },
    );
    assert_eq!(outcome.events[0].event_data["hipaa"].updated.as_deref(), Some("true"));
    assert!(d.subaccount("Customer: Cedar Clinic").hipaa);

    // "You must repeat the steps to turn on HIPAA for all existing Subaccounts."
    let acme = d.subaccount_sid("Customer: Acme Health");
    let admin = d.admin();
    let outcome = d.allow(&admin, SetAccountHipaa { account: acme, enabled: true });
    assert_eq!(outcome.events[0].event_type, "subaccount.updated");
    assert!(d.subaccount("Customer: Acme Health").hipaa);
    assert!(!d.subaccount("Customer: Birch Bank").hipaa);
}

#[test]
fn new_accounts_are_not_designated() {
    let mut d = demo();
    entitle(&mut d);
    let production = d.account_sid("Owl Corp Production");
    set(&mut d, &production, true);
    let owner = d.owner();
    d.allow(
        &owner,
        CreateAccount {
            organization: d.corp.clone(),
            name: "Owl Corp Care".into(),
            usage: Usage::Twilio,
        },
    );
    assert!(!d.account("Owl Corp Care").hipaa);
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
