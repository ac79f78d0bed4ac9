//! Authorization (organizations-overview "Organization roles"), each rule allowed and refused.

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::authz::*;
use org_rules::model::SignupPolicy;
use org_rules::plan::OBJECT_NOT_FOUND;
use org_rules::sid::DomainSid;
use support::demo;

mod org_admin_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        for actor in [d.owner(), d.admin()] {
            let sid = d.domain("owlcorp.com").sid.clone();
            d.allow(&actor, SetSignupPolicy { domain: sid, policy: SignupPolicy::Blocked });
        }
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let standard = d.standard();
        let denial = d.refuse(
            &standard,
            AddDomain { organization: d.corp.clone(), name: "owlcorp.io".into() },
            &ORG_ADMIN_REQUIRED,
        );
        assert_eq!(denial.detail, "`sam@owlcorp.com` is a Standard user and cannot manage domains");
        let sid = d.domain("owlcorp.com").sid.clone();
        d.refuse(&standard, RemoveDomain { domain: sid }, &ORG_ADMIN_REQUIRED);
    }
}

mod org_members_only {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let labs_owner = d.labs_owner();
        d.allow(&labs_owner, AddDomain { organization: d.labs.clone(), name: "owllabs.io".into() });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let labs_owner = d.labs_owner();
        let sid = d.domain("owlcorp.dev").sid.clone();
        let denial = d.refuse(&labs_owner, VerifyDomain { domain: sid.clone() }, &ORG_MEMBERS_ONLY);
        assert_eq!(denial.detail, "`lena@owlcorp.com` is not a managed user of this organization");
        d.refuse(&Actor::World, RemoveDomain { domain: sid }, &ORG_MEMBERS_ONLY);
    }
}

mod object_not_found {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let sid = d.domain("owlcorp.com").sid.clone();
        let owner = d.owner();
        d.allow(&owner, VerifyDomain { domain: sid });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let missing: DomainSid = "DN00000000000000000000000000000000".parse().unwrap();
        let denial = d.refuse(&owner, VerifyDomain { domain: missing }, &OBJECT_NOT_FOUND);
        assert_eq!(denial.detail, "no domain `DN00000000000000000000000000000000` exists");
        d.refuse(
            &Actor::World,
            RemoveDnsRecord { name: "_twilio.owlcorp.dev".into(), value: "nope".into() },
            &OBJECT_NOT_FOUND,
        );
    }
}

#[test]
fn a_submitted_command_that_is_refused_leaves_only_a_note_in_the_audit_log() {
    let mut d = demo();
    let standard = d.standard();
    let before = d.ws.state().clone();
    let command = AddDomain { organization: d.corp.clone(), name: "owlcorp.io".into() };
    let denial = org_rules::submit(&mut d.ws, &standard, &command).unwrap_err();
    let note = d.ws.audit().last().unwrap();
    assert_eq!(note.event_type, "command.denied");
    assert_eq!(note.resource_sid, "add_domain");
    assert_eq!(note.rules, [denial.rule.id]);
    assert_eq!(note.actor_sid, standard.sid());
    let mut after = d.ws.state().clone();
    after.audit.pop();
    after.sids = before.sids.clone();
    assert_eq!(after, before, "nothing but the note and the SID counter changed");
}

mod outside_world_only {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        d.allow(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: true },
        );
        d.allow(&Actor::World, AdvanceClock { hours: 24 });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let denial = d.refuse(
            &owner,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: true },
            &OUTSIDE_WORLD_ONLY,
        );
        assert!(
            denial.detail.starts_with("`set_hipaa_entitlement` is done by the outside world"),
            "{}",
            denial.detail
        );
        let sam = d.user("sam@owlcorp.com").sid.clone();
        d.refuse(
            &owner,
            LogIn { user: sam, method: org_rules::command::LoginMethod::Password },
            &OUTSIDE_WORLD_ONLY,
        );
    }
}

mod invitee_only {
    use super::*;
    use org_rules::model::OrgRole;

    /// Owl Corp invites Lena, Owl Labs' Owner, to merge Owl Labs into it.
    fn merge_invitation(d: &mut support::Demo) -> org_rules::sid::InvitationSid {
        let owner = d.owner();
        let invite = InviteToMerge {
            prime: d.corp.clone(),
            candidate: d.labs.clone(),
            role: OrgRole::Standard,
        };
        d.allow(&owner, invite).created.unwrap().parse().unwrap()
    }

    #[test]
    fn allowed() {
        let mut d = demo();
        let invitation = merge_invitation(&mut d);
        let lena = d.labs_owner();
        d.allow(&lena, DeclineInvitation { invitation });
        let invitation = merge_invitation(&mut d);
        d.allow(&Actor::World, AcceptInvitation { invitation });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let invitation = merge_invitation(&mut d);
        let owner = d.owner();
        let denial = d.refuse(&owner, AcceptInvitation { invitation }, &INVITEE_ONLY);
        assert_eq!(
            denial.detail,
            "`olivia@owlcorp.com` cannot answer an invitation sent to `lena@owlcorp.com`"
        );
    }
}
