//! The simulated clock, and what happens as it advances (twilio-facts §1.3, §1.5, §1.10).

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::expiries::*;
use org_rules::model::DomainStatus;
use support::{assert_not_shaped, assert_shaped, demo};

mod clock_step {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let start = d.ws.now();
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 1 });
        assert_eq!(d.ws.now(), start.plus(3600));
        assert_eq!(outcome.summary, "Advanced the clock 1 hour(s) to 2026-11-02T10:00:00Z");
        d.allow(&Actor::World, AdvanceClock { hours: MAX_HOURS_PER_STEP });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        for hours in [0, MAX_HOURS_PER_STEP + 1] {
            d.refuse(&Actor::World, AdvanceClock { hours }, &CLOCK_STEP);
        }
    }
}

/// "Twilio re-checks every 24 h. If the token is changed or removed, Owner/Admin have 30 days to
/// re-validate before the domain is deleted automatically." (twilio-facts §1.5, D-DOM)
#[test]
fn a_domain_whose_record_disappears_lapses_then_is_removed_after_30_days() {
    let mut d = demo();
    let domain = d.domain("owlcorp.com").clone();
    d.allow(&Actor::World, AdvanceClock { hours: 48 });
    assert!(matches!(d.domain("owlcorp.com").status, DomainStatus::Verified { .. }));
    assert_eq!(
        d.domain("owlcorp.com").checks.len(),
        1,
        "routine checks collapse into the last one"
    );

    d.allow(
        &Actor::World,
        RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 24 });
    assert_eq!(outcome.events[0].event_type, "domain.lapsing");
    let DomainStatus::Lapsing { failing_since, .. } = d.domain("owlcorp.com").status else {
        panic!("not lapsing")
    };
    assert!(
        d.domain("owlcorp.com").is_verified(),
        "a lapsing domain keeps working during the grace period"
    );

    d.allow(&Actor::World, AdvanceClock { hours: 29 * 24 });
    assert!(d.ws.domain(&domain.sid).is_some(), "29 days into the grace period it is still there");
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 24 });
    let removal =
        outcome.events.iter().find(|e| e.event_type == "domain.deleted").expect("removed");
    assert_eq!(removal.event_date, failing_since.plus(DOMAIN_GRACE_PERIOD));
    assert!(d.ws.domain(&domain.sid).is_none());
}

#[test]
fn restoring_the_record_during_the_grace_period_keeps_the_domain() {
    let mut d = demo();
    let domain = d.domain("owlcorp.com").clone();
    d.allow(
        &Actor::World,
        RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    d.allow(&Actor::World, AdvanceClock { hours: 10 * 24 });
    assert!(matches!(d.domain("owlcorp.com").status, DomainStatus::Lapsing { .. }));

    d.allow(
        &Actor::World,
        PublishDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 24 });
    assert_eq!(outcome.events[0].event_type, "domain.reverified");
    assert!(matches!(d.domain("owlcorp.com").status, DomainStatus::Verified { .. }));
    d.allow(&Actor::World, AdvanceClock { hours: 60 * 24 });
    assert!(d.ws.domain(&domain.sid).is_some());
}

#[test]
fn an_admin_can_reverify_a_lapsing_domain_at_once() {
    let mut d = demo();
    let domain = d.domain("owlcorp.com").clone();
    d.allow(
        &Actor::World,
        RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    d.allow(&Actor::World, AdvanceClock { hours: 24 });
    d.allow(
        &Actor::World,
        PublishDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    let admin = d.admin();
    let outcome = d.allow(&admin, VerifyDomain { domain: domain.sid.clone() });
    assert_eq!(outcome.summary, "owlcorp.com is verified again");
    assert!(matches!(d.domain("owlcorp.com").status, DomainStatus::Verified { .. }));
}

/// An invitation not accepted in 7 days expires, and can no longer be accepted (twilio-facts §1.3).
#[test]
fn an_unanswered_invitation_expires_after_7_days() {
    use org_rules::model::InvitationState;
    let mut d = demo();
    let admin = d.admin();
    let invitation = d.invite("kim@owlcorp.com");

    d.allow(&Actor::World, AdvanceClock { hours: 7 * 24 - 1 });
    assert_eq!(d.ws.invitation(&invitation).unwrap().state, InvitationState::Pending);
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 1 });
    assert_eq!(outcome.events[0].event_type, "invitation.expired");
    assert!(matches!(d.ws.invitation(&invitation).unwrap().state, InvitationState::Expired { .. }));
    let denial = d.refuse(
        &Actor::World,
        AcceptInvitation { invitation: invitation.clone() },
        &org_rules::users::INVITATION_EXPIRED,
    );
    assert!(denial.detail.ends_with("ask for it to be resent"), "{}", denial.detail);
    d.allow(&admin, ResendInvitation { invitation: invitation.clone() });
    d.allow(&Actor::World, AcceptInvitation { invitation });
}

/// "Closed subaccounts are deleted 30 days after closure" (twilio-facts §1.10, D-SUB).
#[test]
fn a_closed_subaccount_is_deleted_30_days_later() {
    let mut d = demo();
    let owner = d.owner();
    let subaccount = d.subaccount_sid("Customer: Birch Bank");
    d.allow(&owner, CloseSubaccount { subaccount: subaccount.clone() });
    d.allow(&Actor::World, AdvanceClock { hours: 29 * 24 });
    assert!(d.ws.subaccount(&subaccount).is_some(), "closed subaccounts stay listed for 30 days");
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 48 });
    let deletion =
        outcome.events.iter().find(|e| e.event_type == "subaccount.deleted").expect("deleted");
    assert_eq!(deletion.event_date, d.ws.now().plus(-24 * 3600));
    assert!(d.ws.subaccount(&subaccount).is_none());
}

/// When the clock removes a lapsed domain, an SSO profile no longer enforces it.
#[test]
fn a_lapsed_domain_removed_by_the_clock_leaves_sso_enforcement_consistent() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/sso-rollout.json"
    ))
    .unwrap();
    let mut scenario: serde_json::Value = serde_json::from_str(&text).unwrap();
    let steps = scenario["steps"].as_array_mut().unwrap();
    steps.truncate(9); // up to and including enforcement on owlcorp.com
    steps.push(serde_json::json!({"actor": "world", "expect": "applied",
        "command": {"type": "remove_dns_record", "name": "$record:owlcorp.com", "value": "$token:owlcorp.com"}}));
    steps.push(serde_json::json!({"actor": "world", "expect": "applied", "command": {"type": "advance_clock", "hours": 32 * 24}}));
    steps.push(serde_json::json!({"actor": "world", "expect": "applied",
        "command": {"type": "log_in", "user": "$user:sam@owlcorp.com", "method": "password"}}));
    let reports = org_rules::scenario::run(&scenario.to_string()).unwrap();
    let clock = &reports[reports.len() - 2];
    assert!(clock.events.iter().any(|e| e.event_type == "domain.deleted"), "{:?}", clock.events);
}

#[test]
fn the_events_of_one_clock_step_are_in_time_order() {
    let mut d = demo();
    let owner = d.owner();
    let domain = d.domain("owlcorp.com").clone();
    d.allow(
        &Actor::World,
        RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    d.allow(&owner, CloseSubaccount { subaccount: d.subaccount_sid("Customer: Birch Bank") });
    d.invite("kim@owlcorp.com");
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 40 * 24 });
    let kinds: Vec<&str> = outcome.events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        kinds,
        ["domain.lapsing", "invitation.expired", "subaccount.deleted", "domain.deleted"]
    );
    assert!(outcome.events.windows(2).all(|pair| pair[0].event_date <= pair[1].event_date));
}

mod invitation_lapses {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        d.invite("kim@owlcorp.com");
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 7 * 24 });
        assert_shaped(&outcome, &INVITATION_LAPSES);
    }

    #[test]
    fn absent() {
        let mut d = demo();
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 7 * 24 });
        assert_not_shaped(&outcome, &INVITATION_LAPSES);
    }
}

mod domain_daily_recheck {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let domain = d.domain("owlcorp.com").clone();
        let record = RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() };
        d.allow(&Actor::World, record);
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 24 });
        assert_shaped(&outcome, &DOMAIN_DAILY_RECHECK);
        assert!(matches!(d.domain("owlcorp.com").status, DomainStatus::Lapsing { .. }));
    }

    #[test]
    fn absent() {
        // A re-check that finds the record changes nothing worth a rule.
        let mut d = demo();
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 48 });
        assert_not_shaped(&outcome, &DOMAIN_DAILY_RECHECK);
        assert!(outcome.events.is_empty());
    }
}

mod subaccount_deleted_after_closing {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let owner = d.owner();
        let subaccount = d.subaccount_sid("Customer: Birch Bank");
        d.allow(&owner, CloseSubaccount { subaccount: subaccount.clone() });
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 30 * 24 });
        assert_shaped(&outcome, &SUBACCOUNT_DELETED_AFTER_CLOSING);
        assert!(d.ws.subaccount(&subaccount).is_none());
    }

    #[test]
    fn absent() {
        let mut d = demo();
        let owner = d.owner();
        let subaccount = d.subaccount_sid("Customer: Birch Bank");
        d.allow(&owner, CloseSubaccount { subaccount: subaccount.clone() });
        let outcome = d.allow(&Actor::World, AdvanceClock { hours: 29 * 24 });
        assert_not_shaped(&outcome, &SUBACCOUNT_DELETED_AFTER_CLOSING);
        assert!(d.ws.subaccount(&subaccount).is_some());
    }
}

/// A clock step's events each name the rule behind them, not every rule of the step.
#[test]
fn each_event_of_a_clock_step_records_its_own_rule() {
    let mut d = demo();
    let owner = d.owner();
    d.invite("kim@owlcorp.com");
    let subaccount = d.subaccount_sid("Customer: Birch Bank");
    d.allow(&owner, CloseSubaccount { subaccount });
    let outcome = d.allow(&Actor::World, AdvanceClock { hours: 31 * 24 });
    let rule_of = |event_type: &str| {
        let event = outcome.events.iter().find(|e| e.event_type == event_type).unwrap();
        event.rules.clone()
    };
    assert_eq!(rule_of("invitation.expired"), ["INVITATION_LAPSES"]);
    assert_eq!(rule_of("subaccount.deleted"), ["SUBACCOUNT_DELETED_AFTER_CLOSING"]);
}
