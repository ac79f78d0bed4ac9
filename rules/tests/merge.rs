//! Merging organizations (organizations-overview "Merge Organizations"; twilio-facts §1.8): each
//! rule allowed and refused, the merge itself, and the preview.

mod support;

use org_rules::Command::*;
use org_rules::authz::{ORG_ADMIN_REQUIRED, ORG_MEMBERS_ONLY};
use org_rules::clock::DAY;
use org_rules::command::LoginMethod;
use org_rules::merge::*;
use org_rules::model::{
    Account, AccountRoles, AccountStatus, AccountType, Invitation, InvitationState,
    InvitationSubject, Membership, OauthApp, OrgRole, Usage, User,
};
use org_rules::plan::OBJECT_NOT_FOUND;
use org_rules::sid::{AccountSid, InvitationSid, OrgSid, SsoProfileSid, UserSid};
use org_rules::workspace::State;
use org_rules::{Actor, Workspace, check_invariants};
use support::{Demo, assert_not_shaped, assert_shaped, demo};

/// Changes the stored workspace directly, to set up what no command of this area makes.
fn edit(d: &mut Demo, change: impl FnOnce(&mut State)) {
    let mut state = d.ws.state().clone();
    change(&mut state);
    d.ws = Workspace::from_state(state);
    assert_eq!(check_invariants(&d.ws), Vec::<String>::new());
}

fn sid_of(d: &Demo, email: &str) -> UserSid {
    d.ws.user_by_email(email).unwrap().sid.clone()
}

fn user_mut<'s>(state: &'s mut State, email: &str) -> &'s mut User {
    state.users.values_mut().find(|u| u.email == email).unwrap()
}

/// Adds a managed user to an organization; `n` makes their SID.
fn add_member(d: &mut Demo, n: u32, organization: &OrgSid, email: &str, role: OrgRole) {
    edit(d, |s| {
        let sid: UserSid = format!("US{n:032x}").parse().unwrap();
        let mut user = User::new(sid.clone(), email.into(), email.into(), s.now);
        user.membership = Some(Membership { organization: organization.clone(), role });
        s.users.insert(sid, user);
    });
}

/// Adds an active account; `n` makes its SID and name.
fn add_account(d: &mut Demo, n: u32, organization: &OrgSid, owner: &str) -> AccountSid {
    let (sid, owner): (AccountSid, UserSid) =
        (format!("AC{n:032x}").parse().unwrap(), sid_of(d, owner));
    edit(d, |s| {
        let account = Account {
            sid: sid.clone(),
            friendly_name: format!("Account {n}"),
            organization: Some(organization.clone()),
            owner,
            status: AccountStatus::Active,
            kind: AccountType::Full,
            usage: Usage::Twilio,
            hipaa: false,
            users: Default::default(),
            date_created: s.now,
        };
        s.accounts.insert(sid.clone(), account);
    });
    sid
}

fn invite(d: &Demo, role: OrgRole) -> org_rules::Command {
    InviteToMerge { prime: d.corp.clone(), candidate: d.labs.clone(), role }
}

fn invited(d: &mut Demo, role: OrgRole) -> InvitationSid {
    let owner = d.owner();
    let outcome = d.allow(&owner, invite(d, role));
    outcome.created.unwrap().parse().unwrap()
}

fn enable_bulk_import(d: &mut Demo) {
    let corp = d.corp.clone();
    edit(d, |s| s.organizations.get_mut(&corp).unwrap().bulk_import_enabled = true);
}

fn verify_labs_domain(d: &mut Demo) {
    let labs_owner = d.labs_owner();
    d.allow(&labs_owner, AddDomain { organization: d.labs.clone(), name: "owllabs.io".into() });
    d.publish_record("owllabs.io");
    let domain = d.domain("owllabs.io").sid.clone();
    d.allow(&labs_owner, VerifyDomain { domain });
}

mod merge_same_organization {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        invited(&mut d, OrgRole::Administrator);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let denial = d.refuse(
            &owner,
            InviteToMerge {
                prime: d.corp.clone(),
                candidate: d.corp.clone(),
                role: OrgRole::Standard,
            },
            &MERGE_SAME_ORGANIZATION,
        );
        assert_eq!(denial.detail, "Owl Corp cannot merge with itself");
    }
}

mod merge_prime_domain_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        invited(&mut d, OrgRole::Standard);
    }

    #[test]
    fn refused() {
        // Owl Labs cannot absorb Owl Corp: it has no verified domain.
        let mut d = demo();
        let labs_owner = d.labs_owner();
        let denial = d.refuse(
            &labs_owner,
            InviteToMerge {
                prime: d.labs.clone(),
                candidate: d.corp.clone(),
                role: OrgRole::Standard,
            },
            &MERGE_PRIME_DOMAIN_REQUIRED,
        );
        assert_eq!(denial.detail, "Owl Labs has no verified domain");
    }
}

mod merge_candidate_has_verified_domain {
    use super::*;

    #[test]
    fn allowed() {
        // An unverified domain does not stand in the way; the merge removes it.
        let mut d = demo();
        let labs_owner = d.labs_owner();
        d.allow(&labs_owner, AddDomain { organization: d.labs.clone(), name: "owllabs.io".into() });
        let domain = d.domain("owllabs.io").sid.clone();
        let invitation = invited(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, AcceptInvitation { invitation });
        assert!(d.ws.domain(&domain).is_none());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        verify_labs_domain(&mut d);
        let owner = d.owner();
        let denial =
            d.refuse(&owner, invite(&d, OrgRole::Standard), &MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN);
        assert_eq!(
            denial.detail,
            "Owl Labs has verified `owllabs.io`; remove its domain verification first"
        );
    }
}

mod merge_owner_email_domain {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        match &d.ws.invitation(&invitation).unwrap().subject {
            InvitationSubject::User { email, .. } => assert_eq!(email, "lena@owlcorp.com"),
            other => panic!("not a person's invitation: {other:?}"),
        }
    }

    #[test]
    fn refused() {
        let mut d = demo();
        edit(&mut d, |s| user_mut(s, "lena@owlcorp.com").email = "lena@owllabs.io".into());
        let owner = d.owner();
        let denial = d.refuse(&owner, invite(&d, OrgRole::Standard), &MERGE_OWNER_EMAIL_DOMAIN);
        assert_eq!(
            denial.detail,
            "the Owner of Owl Labs, `lena@owllabs.io`, is not in a verified domain of Owl Corp"
        );
    }
}

mod merge_account_limit {
    use super::*;

    /// Owl Corp with `corp_accounts` accounts (the demo has two) and Owl Labs with its one.
    fn accounts(corp_accounts: u32) -> Demo {
        let mut d = demo();
        let corp = d.corp.clone();
        for n in 3..=corp_accounts {
            add_account(&mut d, n, &corp, "olivia@owlcorp.com");
        }
        d
    }

    #[test]
    fn allowed() {
        let mut d = accounts(9);
        let invitation = invited(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_eq!(d.ws.accounts_of(&d.corp).count(), 10);
    }

    #[test]
    fn refused() {
        let mut d = accounts(10);
        let owner = d.owner();
        let denial = d.refuse(&owner, invite(&d, OrgRole::Standard), &MERGE_ACCOUNT_LIMIT);
        assert_eq!(
            denial.detail,
            "the merge would give Owl Corp 11 managed accounts; its limit is 10"
        );
    }
}

mod merge_role_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Administrator);
        let invitation = d.ws.invitation(&invitation).unwrap();
        assert_eq!(invitation.state, InvitationState::Pending);
        assert_eq!(invitation.expires, d.ws.now().plus(7 * DAY));
        assert_eq!(
            invitation.subject,
            InvitationSubject::User {
                email: "lena@owlcorp.com".into(),
                role: OrgRole::Administrator,
                merges: Some(d.labs.clone()),
            }
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        d.refuse(&owner, invite(&d, OrgRole::Owner), &MERGE_ROLE_INVALID);
    }
}

mod merge_invitation_pending {
    use super::*;

    #[test]
    fn allowed() {
        // Once Lena declined, Owl Corp can invite her again.
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        let outcome = d.allow(&Actor::World, DeclineInvitation { invitation });
        assert_eq!(outcome.events[0].event_type, "organization.merge_declined");
        invited(&mut d, OrgRole::Standard);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        invited(&mut d, OrgRole::Standard);
        let admin = d.admin();
        d.refuse(&admin, invite(&d, OrgRole::Administrator), &MERGE_INVITATION_PENDING);
    }
}

mod merge_bulk_import_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        enable_bulk_import(&mut d);
        let admin = d.admin();
        let outcome =
            d.allow(&admin, ImportToMerge { prime: d.corp.clone(), candidate: d.labs.clone() });
        assert_eq!(outcome.events[0].event_type, "organization.merged");
        let lena = d.ws.user_by_email("lena@owlcorp.com").unwrap();
        assert_eq!(lena.role_in(&d.corp), Some(OrgRole::Standard));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let denial = d.refuse(
            &admin,
            ImportToMerge { prime: d.corp.clone(), candidate: d.labs.clone() },
            &MERGE_BULK_IMPORT_REQUIRED,
        );
        assert!(denial.detail.contains("contact Twilio support"));
    }
}

/// The answer checks every invitation shares, on a merge invitation.
mod an_answered_merge_invitation {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, AcceptInvitation { invitation: invitation.clone() });
        assert!(matches!(
            d.ws.invitation(&invitation).unwrap().state,
            InvitationState::Accepted { .. }
        ));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, DeclineInvitation { invitation: invitation.clone() });
        d.refuse(
            &Actor::World,
            AcceptInvitation { invitation },
            &org_rules::users::INVITATION_CLOSED,
        );
        assert!(d.ws.organization(&d.labs).is_some());
    }
}

mod an_expired_merge_invitation {
    use super::*;

    fn invited_and_aged(seconds: i64) -> (Demo, InvitationSid) {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        edit(&mut d, |s| s.now = s.now.plus(seconds));
        (d, invitation)
    }

    #[test]
    fn allowed() {
        let (mut d, invitation) = invited_and_aged(7 * DAY - 1);
        d.allow(&Actor::World, AcceptInvitation { invitation });
    }

    #[test]
    fn refused() {
        let (mut d, invitation) = invited_and_aged(7 * DAY);
        for command in
            [AcceptInvitation { invitation: invitation.clone() }, DeclineInvitation { invitation }]
        {
            d.refuse(&Actor::World, command, &org_rules::users::INVITATION_EXPIRED);
        }
    }
}

mod merge_invitee_not_owner {
    use super::*;

    #[test]
    fn allowed() {
        // Another Owl Labs member does not change who accepts.
        let mut d = demo();
        let labs = d.labs.clone();
        add_member(&mut d, 1, &labs, "max@owllabs.io", OrgRole::Administrator);
        let invitation = invited(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, AcceptInvitation { invitation });
    }

    #[test]
    fn refused() {
        // Owl Labs changed owner after the invitation was sent to Lena.
        let mut d = demo();
        let labs = d.labs.clone();
        add_member(&mut d, 1, &labs, "max@owlcorp.com", OrgRole::Administrator);
        let invitation = invited(&mut d, OrgRole::Standard);
        edit(&mut d, |s| {
            let swap = |user: &mut User, role| user.membership.as_mut().unwrap().role = role;
            swap(user_mut(s, "lena@owlcorp.com"), OrgRole::Administrator);
            swap(user_mut(s, "max@owlcorp.com"), OrgRole::Owner);
        });
        let denial =
            d.refuse(&Actor::World, AcceptInvitation { invitation }, &MERGE_INVITEE_NOT_OWNER);
        assert_eq!(
            denial.detail,
            "`lena@owlcorp.com` is no longer the Owner of the organization; `max@owlcorp.com` is"
        );
    }
}

/// Owl Labs grown up: an Administrator and a Standard user, two accounts, a pending invitation,
/// an unverified domain, an SSO profile and an OAuth app left from an earlier verified domain.
struct Labs {
    d: Demo,
    admin: UserSid,
    standard: UserSid,
    sandbox: AccountSid,
    corp_production: AccountSid,
    profile: SsoProfileSid,
}

fn grown_labs() -> Labs {
    let mut d = demo();
    let labs = d.labs.clone();
    add_member(&mut d, 1, &labs, "max@owllabs.io", OrgRole::Administrator);
    add_member(&mut d, 2, &labs, "kim@gmail.com", OrgRole::Standard);
    let sandbox = d.account_sid("Owl Labs Sandbox");
    let corp_production = d.account_sid("Owl Corp Production");
    let (admin, standard) = (sid_of(&d, "max@owllabs.io"), sid_of(&d, "kim@gmail.com"));
    let roles = AccountRoles::Limited { developer: true, billing_manager: false, support: false };
    edit(&mut d, |s| {
        s.accounts.get_mut(&sandbox).unwrap().users.insert(standard.clone(), roles);
    });
    let labs_owner = d.labs_owner();
    d.allow(&labs_owner, AddDomain { organization: labs.clone(), name: "owllabs.io".into() });
    d.allow(
        &labs_owner,
        SaveSsoProfile {
            organization: labs.clone(),
            idp_entity_id: "urn:owllabs:idp".into(),
            sso_url: "https://owllabs.example/sso".into(),
            certificate: "-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----".into(),
        },
    );
    let profile = d.ws.sso_profile_of(&labs).unwrap().sid.clone();
    let lena = sid_of(&d, "lena@owlcorp.com");
    edit(&mut d, |s| {
        let app = OauthApp {
            sid: format!("OQ{:032x}", 1).parse().unwrap(),
            organization: labs.clone(),
            created_by: lena.clone(),
            date_created: s.now,
        };
        s.oauth_apps.insert(app.sid.clone(), app);
        let invitation = Invitation {
            sid: format!("IV{:032x}", 1).parse().unwrap(),
            organization: labs.clone(),
            subject: InvitationSubject::User {
                email: "ivy@owllabs.io".into(),
                role: OrgRole::Standard,
                merges: None,
            },
            state: InvitationState::Pending,
            invited_by: lena,
            sent: s.now,
            expires: s.now.plus(7 * DAY),
        };
        s.invitations.insert(invitation.sid.clone(), invitation);
    });
    Labs { d, admin, standard, sandbox, corp_production, profile }
}

#[test]
fn accepting_the_invitation_merges_the_candidate_into_the_prime() {
    let Labs { mut d, admin, standard, sandbox, corp_production, profile } = grown_labs();
    let (corp, labs) = (d.corp.clone(), d.labs.clone());
    let invitation = invited(&mut d, OrgRole::Administrator);
    let outcome = d.allow(&Actor::World, AcceptInvitation { invitation: invitation.clone() });
    assert_eq!(outcome.summary, "Merged Owl Labs into Owl Corp: 3 users and 1 account moved");
    let event = &outcome.events[0];
    assert_eq!(event.event_type, "organization.merged");
    assert_eq!(event.resource_sid, &*labs.as_str());

    // The Candidate Organization no longer exists independently.
    assert!(d.ws.organization(&labs).is_none());
    // The Owner joins with the chosen role; Administrators become Standard users.
    let role = |sid: &UserSid| d.ws.user(sid).unwrap().role_in(&corp);
    assert_eq!(role(&sid_of(&d, "lena@owlcorp.com")), Some(OrgRole::Administrator));
    assert_eq!(role(&admin), Some(OrgRole::Standard));
    assert_eq!(role(&standard), Some(OrgRole::Standard));
    // Managed accounts move with their owners, and users keep their account roles without
    // gaining access to the Prime's accounts.
    let moved = d.ws.account(&sandbox).unwrap();
    assert_eq!(moved.organization.as_ref(), Some(&corp));
    assert!(moved.users.contains_key(&standard));
    let lena = sid_of(&d, "lena@owlcorp.com");
    let prime_account = d.ws.account(&corp_production).unwrap();
    assert!([&admin, &standard, &lena].iter().all(|u| !prime_account.users.contains_key(*u)));
    // What belonged to the Candidate alone is gone.
    assert!(d.ws.sso_profile(&profile).is_none());
    assert_eq!(d.ws.oauth_apps_of(&labs).count(), 0);
    assert_eq!(d.ws.domains_of(&labs).count(), 0);
    assert_eq!(d.ws.invitations_of(&labs).count(), 0);
    assert!(matches!(
        d.ws.invitation(&invitation).unwrap().state,
        InvitationState::Accepted { .. }
    ));
}

#[test]
fn importing_the_owner_merges_at_once_and_revokes_the_pending_invitation() {
    let Labs { mut d, admin, .. } = grown_labs();
    let (corp, owner) = (d.corp.clone(), d.owner());
    let invitation = invited(&mut d, OrgRole::Administrator);
    enable_bulk_import(&mut d);
    d.allow(&owner, ImportToMerge { prime: corp.clone(), candidate: d.labs.clone() });
    let lena = d.ws.user_by_email("lena@owlcorp.com").unwrap();
    assert_eq!(lena.role_in(&corp), Some(OrgRole::Standard));
    assert_eq!(d.ws.user(&admin).unwrap().role_in(&corp), Some(OrgRole::Standard));
    assert!(matches!(d.ws.invitation(&invitation).unwrap().state, InvitationState::Revoked { .. }));
}

/// Owl Corp saves and tests an SSO profile and enforces it on owlcorp.com.
fn enforce_sso_on_owlcorp(d: &mut Demo) {
    let (admin, profile) = (d.admin(), d.tested_sso_profile());
    let domain = d.domain("owlcorp.com").sid.clone();
    d.allow(&admin, EnforceSso { profile, domain });
}

#[test]
fn prime_sso_applies_to_merged_users() {
    let mut d = demo();
    let invitation = invited(&mut d, OrgRole::Standard);
    d.allow(&Actor::World, AcceptInvitation { invitation });
    // Before the merge, Lena of Owl Labs stood in the way of enforcing owlcorp.com.
    enforce_sso_on_owlcorp(&mut d);
    let lena = sid_of(&d, "lena@owlcorp.com");
    assert!(org_rules::sso::sso_required(&d.ws, &lena));
    d.refuse(
        &Actor::World,
        LogIn { user: lena, method: LoginMethod::Password },
        &org_rules::sso::LOGIN_SSO_REQUIRED,
    );
}

mod merge_candidate_owner_role {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Administrator);
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_shaped(&outcome, &MERGE_CANDIDATE_OWNER_ROLE);
        let lena = d.ws.user_by_email("lena@owlcorp.com").unwrap();
        assert_eq!(lena.role_in(&d.corp), Some(OrgRole::Administrator));
    }

    #[test]
    fn absent() {
        // Declining merges nothing: Lena stays the Owner of Owl Labs.
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Administrator);
        let outcome = d.allow(&Actor::World, DeclineInvitation { invitation });
        assert_not_shaped(&outcome, &MERGE_CANDIDATE_OWNER_ROLE);
        let lena = d.ws.user_by_email("lena@owlcorp.com").unwrap();
        assert_eq!(lena.role_in(&d.labs), Some(OrgRole::Owner));
    }
}

mod merge_candidate_admins_standard {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let labs = d.labs.clone();
        add_member(&mut d, 0xada, &labs, "ada@owlcorp.com", OrgRole::Administrator);
        enable_bulk_import(&mut d);
        let owner = d.owner();
        let outcome =
            d.allow(&owner, ImportToMerge { prime: d.corp.clone(), candidate: labs.clone() });
        assert_shaped(&outcome, &MERGE_CANDIDATE_ADMINS_STANDARD);
        let ada = d.ws.user_by_email("ada@owlcorp.com").unwrap();
        assert_eq!(ada.role_in(&d.corp), Some(OrgRole::Standard));
    }

    #[test]
    fn absent() {
        // Owl Labs has no Administrators to demote.
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_not_shaped(&outcome, &MERGE_CANDIDATE_ADMINS_STANDARD);
    }
}

mod merge_no_prime_access {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_shaped(&outcome, &MERGE_NO_PRIME_ACCESS);
        let lena = sid_of(&d, "lena@owlcorp.com");
        for prime_account in ["Owl Corp Production", "Owl Corp Staging"] {
            assert!(!d.account(prime_account).users.contains_key(&lena), "{prime_account}");
        }
        let sandbox = d.account("Owl Labs Sandbox");
        assert_eq!((&sandbox.owner, sandbox.organization.as_ref()), (&lena, Some(&d.corp)));
    }

    #[test]
    fn absent() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        let outcome = d.allow(&Actor::World, DeclineInvitation { invitation });
        assert_not_shaped(&outcome, &MERGE_NO_PRIME_ACCESS);
    }
}

mod merge_prime_sso_applies {
    use super::*;
    use org_rules::model::SignupPolicy;

    #[test]
    fn applies() {
        // Owl Corp enforces SSO on owlcorp.com and blocks its sign-ups; Kai signs up anyway,
        // with an organization of his own, which Owl Corp then merges.
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        d.allow(&Actor::World, AcceptInvitation { invitation });
        enforce_sso_on_owlcorp(&mut d);
        let (owner, domain) = (d.owner(), d.domain("owlcorp.com").sid.clone());
        d.allow(&owner, SetSignupPolicy { domain, policy: SignupPolicy::Blocked });
        d.allow(&Actor::World, SignUp { email: "kai@owlcorp.com".into(), name: "Kai".into() });
        let kai = sid_of(&d, "kai@owlcorp.com");
        let kais_org = d.ws.user(&kai).unwrap().membership.clone().unwrap().organization;
        assert!(!org_rules::sso::sso_required(&d.ws, &kai));

        let command = InviteToMerge {
            prime: d.corp.clone(),
            candidate: kais_org.clone(),
            role: OrgRole::Standard,
        };
        let invitation = d.allow(&owner, command).created.unwrap().parse().unwrap();
        let moving = preview(&d.ws, &d.corp, &kais_org, MergeMethod::Import).unwrap().users;
        assert!(moving[0].sso_required, "the preview says who will need SSO");
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_shaped(&outcome, &MERGE_PRIME_SSO_APPLIES);
        assert!(org_rules::sso::sso_required(&d.ws, &kai));
    }

    #[test]
    fn absent() {
        let mut d = demo();
        let invitation = invited(&mut d, OrgRole::Standard);
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_not_shaped(&outcome, &MERGE_PRIME_SSO_APPLIES);
        assert!(!org_rules::sso::sso_required(&d.ws, &sid_of(&d, "lena@owlcorp.com")));
    }
}

#[test]
fn preview_tells_what_a_merge_would_do_without_doing_it() {
    let Labs { d, admin, sandbox, profile, .. } = grown_labs();
    let before = d.ws.clone();
    let by_import = preview(&d.ws, &d.corp, &d.labs, MergeMethod::Import).unwrap();
    assert_eq!(d.ws, before);

    assert!(by_import.prerequisites.iter().all(|p| p.unmet.is_none()));
    assert_eq!(by_import.first_unmet(), None);
    let admin_moves = by_import.users.iter().find(|u| u.user == admin).unwrap();
    assert_eq!((admin_moves.from, admin_moves.to), (OrgRole::Administrator, OrgRole::Standard));
    let owner_moves = by_import.users.iter().find(|u| u.email == "lena@owlcorp.com").unwrap();
    assert_eq!(owner_moves.to, OrgRole::Standard);
    assert_eq!(by_import.users.len(), 3);
    assert_eq!(by_import.accounts.iter().map(|a| &a.account).collect::<Vec<_>>(), vec![&sandbox]);
    assert_eq!(by_import.removed_sso_profile, Some(profile));
    assert_eq!(by_import.removed_domains.len(), 1);
    assert_eq!(by_import.removed_oauth_apps.len(), 1);
    assert_eq!(by_import.revoked_invitations.len(), 1);

    let by_invitation =
        preview(&d.ws, &d.corp, &d.labs, MergeMethod::Invitation { role: OrgRole::Administrator })
            .unwrap();
    let owner_moves = by_invitation.users.iter().find(|u| u.email == "lena@owlcorp.com").unwrap();
    assert_eq!(owner_moves.to, OrgRole::Administrator);
}

#[test]
fn preview_reports_every_unmet_prerequisite() {
    let mut d = demo();
    verify_labs_domain(&mut d);
    let reversed = preview(&d.ws, &d.labs, &d.corp, MergeMethod::Import).unwrap();
    let unmet: Vec<&str> =
        reversed.prerequisites.iter().filter(|p| p.unmet.is_some()).map(|p| p.rule.id).collect();
    // Owl Labs verified owllabs.io; Owl Corp has owlcorp.com; Olivia is not in owllabs.io.
    assert_eq!(unmet, vec!["MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN", "MERGE_OWNER_EMAIL_DOMAIN"]);
    assert_eq!(reversed.first_unmet().unwrap().rule.id, "MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN");
    let missing: OrgSid = format!("OR{:032x}", 9).parse().unwrap();
    let denial = preview(&d.ws, &d.corp, &missing, MergeMethod::Import).unwrap_err();
    assert_eq!(denial.rule.id, OBJECT_NOT_FOUND.id);
}

#[test]
fn prerequisites_are_checked_again_on_acceptance() {
    let mut d = demo();
    let invitation = invited(&mut d, OrgRole::Standard);
    verify_labs_domain(&mut d);
    d.refuse(&Actor::World, AcceptInvitation { invitation }, &MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN);
}

#[test]
fn only_the_primes_owner_or_administrators_start_a_merge() {
    let mut d = demo();
    let (standard, labs_owner) = (d.standard(), d.labs_owner());
    d.refuse(&standard, invite(&d, OrgRole::Standard), &ORG_ADMIN_REQUIRED);
    d.refuse(&labs_owner, invite(&d, OrgRole::Standard), &ORG_MEMBERS_ONLY);
}

mod merge_hipaa_entitlement {
    use super::*;

    /// Owl Labs, entitled, flags its Sandbox account HIPAA.
    fn flagged_labs() -> Demo {
        let mut d = demo();
        d.allow(
            &Actor::World,
            SetHipaaEntitlement { organization: d.labs.clone(), entitled: true },
        );
        let sandbox = d.account_sid("Owl Labs Sandbox");
        let lena = d.labs_owner();
        d.allow(&lena, SetAccountHipaa { account: sandbox, enabled: true });
        d
    }

    #[test]
    fn allowed() {
        let mut d = flagged_labs();
        d.allow(
            &Actor::World,
            SetHipaaEntitlement { organization: d.corp.clone(), entitled: true },
        );
        let owner = d.owner();
        d.allow(
            &owner,
            InviteToMerge {
                prime: d.corp.clone(),
                candidate: d.labs.clone(),
                role: OrgRole::Standard,
            },
        );
    }

    #[test]
    fn refused() {
        let mut d = flagged_labs();
        let owner = d.owner();
        let invite = InviteToMerge {
            prime: d.corp.clone(),
            candidate: d.labs.clone(),
            role: OrgRole::Standard,
        };
        let denial = d.refuse(&owner, invite, &MERGE_HIPAA_ENTITLEMENT);
        assert_eq!(
            denial.detail,
            "`Owl Labs Sandbox` flagged HIPAA in Owl Labs, but Owl Corp has no HIPAA entitlement"
        );
    }
}

/// Resending an expired merge invitation checks the merge again: not once the Candidate is gone.
#[test]
fn resending_an_expired_merge_invitation_checks_the_merge_again() {
    let mut d = demo();
    let invitation = invited(&mut d, OrgRole::Standard);
    d.allow(&Actor::World, AdvanceClock { hours: 8 * 24 });
    let owner = d.owner();
    let resend = ResendInvitation { invitation: invitation.clone() };
    assert!(org_rules::dry_run(&d.ws, &owner, &resend).is_ok(), "still mergeable");

    enable_bulk_import(&mut d);
    d.allow(&owner, ImportToMerge { prime: d.corp.clone(), candidate: d.labs.clone() });
    let denial = d.refuse(&owner, ResendInvitation { invitation }, &OBJECT_NOT_FOUND);
    assert!(denial.detail.starts_with("no organization"), "{}", denial.detail);
}
