//! The user and invitation rules (twilio-facts §1.3; organizations-overview "Manage users"),
//! each allowed and refused.

#[path = "support/people.rs"]
mod people;
mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::clock::{DAY, HOUR};
use org_rules::command::ImportedUser;
use org_rules::domains::DOMAIN_COMMON_PROVIDER;
use org_rules::model::{
    AccountRoles, INVITATION_LIFETIME, InvitationState, Membership, OrgRole, PasswordState,
};
use org_rules::sid::{AccountSid, InvitationSid, UserSid};
use org_rules::users::*;
use people::{add_account, add_user};
use support::{Demo, assert_not_shaped, assert_shaped, demo};

fn sid_of(d: &Demo, email: &str) -> UserSid {
    d.ws.user_by_email(email).unwrap().sid.clone()
}

/// The Owner invites `email` to Owl Corp.
fn invite(d: &mut Demo, email: &str, role: OrgRole) -> InvitationSid {
    let owner = d.owner();
    let command = InviteUser { organization: d.corp.clone(), email: email.into(), role };
    d.allow(&owner, command).created.unwrap().parse().unwrap()
}

fn invite_command(d: &Demo, email: &str) -> org_rules::Command {
    InviteUser { organization: d.corp.clone(), email: email.into(), role: OrgRole::Standard }
}

fn state_of(d: &Demo, invitation: &InvitationSid) -> InvitationState {
    d.ws.invitation(invitation).unwrap().state
}

/// Gives `user` the Developer role on `account`.
fn grant_developer(d: &mut Demo, account: &AccountSid, user: &UserSid) {
    let roles = AccountRoles::Limited { developer: true, billing_manager: false, support: false };
    d.with_state(|state| {
        state.accounts.get_mut(account).unwrap().users.insert(user.clone(), roles);
    });
}

fn rows(emails: &[&str]) -> Vec<ImportedUser> {
    emails.iter().map(|e| ImportedUser { email: (*e).into(), name: String::new() }).collect()
}

mod user_email_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let sid = invite(&mut d, "  Nia.Ortiz@OwlCorp.com ", OrgRole::Administrator);
        let invitation = d.ws.invitation(&sid).unwrap();
        assert_eq!(invitation.subject.key(), "nia.ortiz@owlcorp.com");
        assert_eq!(invitation.state, InvitationState::Pending);
        assert_eq!(invitation.expires, invitation.sent.plus(INVITATION_LIFETIME));
        assert_eq!(d.ws.audit().last().unwrap().event_type, "invitation.invited");
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        for (input, what) in [
            ("nia", "has no `@`"),
            ("@owlcorp.com", "needs 1 to 64 characters"),
            ("ni a@owlcorp.com", "contains ` `"),
            ("nia..ortiz@owlcorp.com", "misplaced dot"),
            ("nia@owlcorp", "not a domain"),
        ] {
            let denial = d.refuse(&owner, invite_command(&d, input), &USER_EMAIL_INVALID);
            assert!(denial.detail.contains(what), "{input}: {}", denial.detail);
        }
    }
}

mod invite_domain_unverified {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let denial =
            d.refuse(&admin, invite_command(&d, "nia@owlcorp.dev"), &INVITE_DOMAIN_UNVERIFIED);
        assert_eq!(denial.detail, "`owlcorp.dev` is not a verified domain of this organization");
        // Only the exact domain counts, not a subdomain of a verified one.
        d.refuse(&admin, invite_command(&d, "nia@eu.owlcorp.com"), &INVITE_DOMAIN_UNVERIFIED);
    }
}

#[test]
fn users_of_common_providers_cannot_be_invited() {
    let mut d = demo();
    let owner = d.owner();
    let denial = d.refuse(&owner, invite_command(&d, "nia@gmail.com"), &DOMAIN_COMMON_PROVIDER);
    assert_eq!(denial.detail, "`nia@gmail.com` belongs to `gmail.com`, a common email provider");
}

mod user_one_organization {
    use super::*;

    #[test]
    fn allowed() {
        // The alias the refusal suggests is a separate Twilio user.
        let mut d = demo();
        let sid = invite(&mut d, "lena+owlcorp@owlcorp.com", OrgRole::Standard);
        d.allow(&Actor::World, AcceptInvitation { invitation: sid });
        let alias = d.ws.user_by_email("lena+owlcorp@owlcorp.com").unwrap();
        assert_eq!(alias.role_in(&d.corp), Some(OrgRole::Standard));
        assert_eq!(alias.friendly_name, "Lena");
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let denial =
            d.refuse(&owner, invite_command(&d, "lena@owlcorp.com"), &USER_ONE_ORGANIZATION);
        assert_eq!(
            denial.detail,
            "`lena@owlcorp.com` is a managed user of Owl Labs; invite an alias such as `lena+owlcorp@owlcorp.com`"
        );

        // Nia was invited while outside every organization, then joined Owl Labs.
        let nia = add_user(&mut d, "nia@owlcorp.com", false);
        let sid = invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        let labs = d.labs.clone();
        d.with_state(|state| {
            state.users.get_mut(&nia).unwrap().membership =
                Some(Membership { organization: labs, role: OrgRole::Standard });
        });
        d.refuse(&Actor::World, AcceptInvitation { invitation: sid }, &USER_ONE_ORGANIZATION);
    }
}

mod user_already_member {
    use super::*;

    #[test]
    fn allowed() {
        // Someone who already is a Twilio user, outside every organization, joins on accepting.
        let mut d = demo();
        let nia = add_user(&mut d, "nia@owlcorp.com", true);
        let sid = invite(&mut d, "nia@owlcorp.com", OrgRole::Administrator);
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation: sid.clone() });
        assert_eq!(outcome.created, None);
        let types: Vec<_> = outcome.events.iter().map(|e| e.event_type.as_str()).collect();
        assert_eq!(types, ["invitation.accepted", "user.updated"]);
        assert_eq!(d.ws.user(&nia).unwrap().role_in(&d.corp), Some(OrgRole::Administrator));
        assert!(matches!(state_of(&d, &sid), InvitationState::Accepted { .. }));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let denial = d.refuse(&owner, invite_command(&d, "Sam@owlcorp.com"), &USER_ALREADY_MEMBER);
        assert_eq!(denial.detail, "`sam@owlcorp.com` is already a managed user of Owl Corp");
    }
}

mod invitation_already_pending {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let first = invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        d.allow(&owner, RevokeInvitation { invitation: first });
        invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        let denial =
            d.refuse(&admin, invite_command(&d, "NIA@owlcorp.com"), &INVITATION_ALREADY_PENDING);
        assert_eq!(
            denial.detail,
            "`nia@owlcorp.com` already has a pending invitation: resend it instead"
        );

        // Once the clock expired the first invitation and a second one went out, the first
        // cannot be reopened beside it.
        let first =
            d.ws.pending_invitations_for_email("nia@owlcorp.com").next().unwrap().sid.clone();
        d.with_state(|state| {
            let at = state.now;
            state.invitations.get_mut(&first).unwrap().state = InvitationState::Expired { at };
        });
        invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        let denial =
            d.refuse(&admin, ResendInvitation { invitation: first }, &INVITATION_ALREADY_PENDING);
        assert_eq!(
            denial.detail,
            "`nia@owlcorp.com` has a newer pending invitation: resend that one"
        );
    }
}

mod invitation_closed {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let sid = invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        d.with_state(|state| state.now = state.now.plus(2 * DAY));
        let outcome = d.allow(&admin, ResendInvitation { invitation: sid.clone() });
        assert_eq!(outcome.events[0].event_type, "invitation.resent");
        let invitation = d.ws.invitation(&sid).unwrap();
        assert_eq!(invitation.sent, d.ws.now());
        assert_eq!(invitation.expires, d.ws.now().plus(INVITATION_LIFETIME));
        let outcome = d.allow(&Actor::World, DeclineInvitation { invitation: sid.clone() });
        assert_eq!(outcome.events[0].event_type, "invitation.declined");
        assert!(matches!(state_of(&d, &sid), InvitationState::Declined { .. }));
        assert!(d.ws.user_by_email("nia@owlcorp.com").is_none());
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let sid = invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        let outcome = d.allow(&owner, RevokeInvitation { invitation: sid.clone() });
        assert_eq!(outcome.events[0].event_type, "invitation.revoked");
        let denial =
            d.refuse(&owner, ResendInvitation { invitation: sid.clone() }, &INVITATION_CLOSED);
        assert_eq!(denial.detail, format!("invitation `{sid}` was revoked and cannot be resent"));
        d.refuse(&owner, RevokeInvitation { invitation: sid.clone() }, &INVITATION_CLOSED);
        d.refuse(&Actor::World, AcceptInvitation { invitation: sid }, &INVITATION_CLOSED);
    }
}

mod invitation_expired {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let sid = invite(&mut d, "nia.ortiz@owlcorp.com", OrgRole::Standard);
        d.with_state(|state| state.now = state.now.plus(INVITATION_LIFETIME - 1));
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation: sid });
        let user: UserSid = outcome.created.unwrap().parse().unwrap();
        let user = d.ws.user(&user).unwrap();
        assert_eq!(
            (user.email.as_str(), user.friendly_name.as_str()),
            ("nia.ortiz@owlcorp.com", "Nia Ortiz")
        );
        assert_eq!(user.role_in(&d.corp), Some(OrgRole::Standard));
        assert_eq!(outcome.events[1].event_type, "user.created");
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let sid = invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);
        d.with_state(|state| state.now = state.now.plus(INVITATION_LIFETIME));
        d.refuse(&Actor::World, AcceptInvitation { invitation: sid.clone() }, &INVITATION_EXPIRED);
        // Once the clock has marked it expired, it is still refused as expired, not as closed.
        d.allow(&Actor::World, AdvanceClock { hours: 1 });
        d.refuse(&Actor::World, DeclineInvitation { invitation: sid.clone() }, &INVITATION_EXPIRED);
        // An expired invitation can be resent, and then accepted.
        d.allow(&owner, ResendInvitation { invitation: sid.clone() });
        d.allow(&Actor::World, AcceptInvitation { invitation: sid });
    }
}

mod owner_role_by_change_owner {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let sam = sid_of(&d, "sam@owlcorp.com");
        let command = ChangeUserRole {
            organization: d.corp.clone(),
            user: sam.clone(),
            role: OrgRole::Administrator,
        };
        let outcome = d.allow(&admin, command);
        assert_eq!(outcome.events[0].event_data["role"].previous.as_deref(), Some("Standard"));
        assert_eq!(d.ws.user(&sam).unwrap().role_in(&d.corp), Some(OrgRole::Administrator));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let (owner, admin) = (d.owner(), d.admin());
        let (olivia, sam) = (sid_of(&d, "olivia@owlcorp.com"), sid_of(&d, "sam@owlcorp.com"));
        let corp = d.corp.clone();
        let as_owner = InviteUser {
            organization: corp.clone(),
            email: "nia@owlcorp.com".into(),
            role: OrgRole::Owner,
        };
        d.refuse(&owner, as_owner, &OWNER_ROLE_BY_CHANGE_OWNER);
        let demote = ChangeUserRole {
            organization: corp.clone(),
            user: olivia.clone(),
            role: OrgRole::Standard,
        };
        let denial = d.refuse(&admin, demote, &OWNER_ROLE_BY_CHANGE_OWNER);
        assert_eq!(
            denial.detail,
            "`olivia@owlcorp.com` is the Owner: change the owner to change their role"
        );
        let promote =
            ChangeUserRole { organization: corp.clone(), user: sam, role: OrgRole::Owner };
        d.refuse(&owner, promote, &OWNER_ROLE_BY_CHANGE_OWNER);
        let denial = d.refuse(
            &admin,
            RemoveUser { organization: corp, user: olivia },
            &OWNER_ROLE_BY_CHANGE_OWNER,
        );
        assert_eq!(
            denial.detail,
            "`olivia@owlcorp.com` is the Owner: change the owner first, then remove them"
        );
    }
}

mod user_not_managed {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let sam = sid_of(&d, "sam@owlcorp.com");
        d.with_state(|state| state.users.get_mut(&sam).unwrap().signed_in = true);
        let outcome = d.allow(&admin, ResetPassword { user: sam.clone() });
        assert_eq!(outcome.events[0].event_type, "user.password_reset");
        let user = d.ws.user(&sam).unwrap();
        assert!(!user.signed_in);
        assert_eq!(
            user.password,
            PasswordState::ResetPending { expires: d.ws.now().plus(24 * HOUR) }
        );

        assert!(user.two_factor);
        let outcome = d.allow(&admin, ResetTwoFactor { user: sam.clone() });
        assert_eq!(outcome.events[0].event_type, "user.two_factor_reset");
        assert!(!d.ws.user(&sam).unwrap().two_factor);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let lena = sid_of(&d, "lena@owlcorp.com");
        let denial = d.refuse(&owner, ResetPassword { user: lena.clone() }, &USER_NOT_MANAGED);
        assert_eq!(denial.detail, "`lena@owlcorp.com` is not a managed user of Owl Corp");
        d.refuse(&owner, ResetTwoFactor { user: lena.clone() }, &USER_NOT_MANAGED);
        let command = ChangeUserRole {
            organization: d.corp.clone(),
            user: lena.clone(),
            role: OrgRole::Standard,
        };
        d.refuse(&owner, command, &USER_NOT_MANAGED);
        d.refuse(
            &owner,
            RemoveUser { organization: d.corp.clone(), user: lena },
            &USER_NOT_MANAGED,
        );
    }
}

mod user_owns_managed_account {
    use super::*;

    #[test]
    fn allowed() {
        // Sam uses a managed account and an independent one; removal takes only the managed role.
        let mut d = demo();
        let owner = d.owner();
        let (corp, sam) = (d.corp.clone(), sid_of(&d, "sam@owlcorp.com"));
        let production = d.account_sid("Owl Corp Production");
        let prototypes = d.account_sid("Casey's Prototypes");
        grant_developer(&mut d, &production, &sam);
        grant_developer(&mut d, &prototypes, &sam);
        let outcome = d.allow(&owner, RemoveUser { organization: corp.clone(), user: sam.clone() });
        assert_eq!(outcome.events[0].event_type, "user.removed");
        let user = d.ws.user(&sam).unwrap();
        assert_eq!(user.membership, None);
        assert!(!d.ws.account(&production).unwrap().users.contains_key(&sam));
        assert!(d.ws.account(&prototypes).unwrap().users.contains_key(&sam));
        assert!(managed_users(&d.ws, &corp).iter().all(|u| u.sid != sam));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let (corp, arjun) = (d.corp.clone(), sid_of(&d, "arjun@owlcorp.com"));
        add_account(&mut d, "Owl Corp Staging", &arjun, Some(&corp));
        let denial = d.refuse(
            &owner,
            RemoveUser { organization: corp, user: arjun },
            &USER_OWNS_MANAGED_ACCOUNT,
        );
        assert_eq!(
            denial.detail,
            "`arjun@owlcorp.com` owns `Owl Corp Staging`: transfer its ownership first"
        );
    }
}

mod bulk_import_not_enabled {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let existing = add_user(&mut d, "noor@owlcorp.com", false);
        d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
        let users = vec![
            ImportedUser { email: "noor@owlcorp.com".into(), name: String::new() },
            ImportedUser { email: "Kai@owlcorp.com".into(), name: "Kai Tanaka".into() },
        ];
        let outcome = d.allow(&admin, ImportUsers { organization: d.corp.clone(), users });
        assert!(outcome.events.iter().all(|e| e.event_type == "user.imported"));
        assert_eq!(d.ws.user(&existing).unwrap().role_in(&d.corp), Some(OrgRole::Standard));
        let kai = d.ws.user_by_email("kai@owlcorp.com").unwrap();
        assert_eq!(
            (kai.friendly_name.as_str(), kai.role_in(&d.corp)),
            ("Kai Tanaka", Some(OrgRole::Standard))
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let users = rows(&["kai@owlcorp.com"]);
        let denial = d.refuse(
            &owner,
            ImportUsers { organization: d.corp.clone(), users },
            &BULK_IMPORT_NOT_ENABLED,
        );
        assert!(denial.detail.contains("contact Twilio support"));
    }
}

mod import_rows {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
        let emails: Vec<String> =
            (0..IMPORT_ROW_LIMIT).map(|n| format!("user{n}@owlcorp.com")).collect();
        let users = rows(&emails.iter().map(String::as_str).collect::<Vec<_>>());
        d.allow(&owner, ImportUsers { organization: d.corp.clone(), users });
        assert_eq!(managed_users(&d.ws, &d.corp).len(), IMPORT_ROW_LIMIT + 3);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
        let emails: Vec<String> =
            (0..=IMPORT_ROW_LIMIT).map(|n| format!("user{n}@owlcorp.com")).collect();
        for users in [rows(&[]), rows(&emails.iter().map(String::as_str).collect::<Vec<_>>())] {
            d.refuse(&owner, ImportUsers { organization: d.corp.clone(), users }, &IMPORT_ROWS);
        }
        let users = rows(&["kai@owlcorp.com", "KAI@owlcorp.com"]);
        let denial =
            d.refuse(&owner, ImportUsers { organization: d.corp.clone(), users }, &IMPORT_ROWS);
        assert_eq!(denial.detail, "row 2 (`KAI@owlcorp.com`): the address is listed twice");
    }
}

#[test]
fn one_bad_row_refuses_the_whole_import() {
    let mut d = demo();
    let owner = d.owner();
    d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
    let users = rows(&["kai@owlcorp.com", "noor@owlcorp.com", "kai.t@gmail.com"]);
    let denial = d.refuse(
        &owner,
        ImportUsers { organization: d.corp.clone(), users },
        &DOMAIN_COMMON_PROVIDER,
    );
    assert!(denial.detail.starts_with("row 3 (`kai.t@gmail.com`): "), "{}", denial.detail);
    assert!(d.ws.user_by_email("kai@owlcorp.com").is_none());
}

#[test]
fn the_users_screen_lists_managed_independent_and_invited_users() {
    let mut d = demo();
    let (corp, sam, lena) =
        (d.corp.clone(), sid_of(&d, "sam@owlcorp.com"), sid_of(&d, "lena@owlcorp.com"));
    let production = d.account_sid("Owl Corp Production");
    let pat = sid_of(&d, "pat@quillagency.com");
    for user in [&pat, &lena, &sam] {
        grant_developer(&mut d, &production, user);
    }
    invite(&mut d, "nia@owlcorp.com", OrgRole::Standard);

    let managed: Vec<_> = managed_users(&d.ws, &corp).iter().map(|u| u.email.clone()).collect();
    assert_eq!(managed.len(), 3);
    assert!(managed.contains(&"sam@owlcorp.com".to_owned()));
    let mut independent: Vec<_> =
        independent_users(&d.ws, &corp).iter().map(|u| u.email.clone()).collect();
    independent.sort();
    assert_eq!(independent, ["lena@owlcorp.com", "pat@quillagency.com"]);
    let invited: Vec<_> =
        pending_invitations(&d.ws, &corp).iter().map(|i| i.subject.key()).collect();
    assert_eq!(invited, ["nia@owlcorp.com"]);
}

/// A closed account no longer holds its owner in the organization: it cannot be transferred.
#[test]
fn the_owner_of_a_closed_account_can_leave_the_organization() {
    let mut d = demo();
    let owner = d.owner();
    let staging = d.account_sid("Owl Corp Staging");
    d.allow(&owner, CloseAccount { account: staging.clone() });
    let arjun = d.user("arjun@owlcorp.com").sid.clone();
    d.allow(&owner, RemoveUser { organization: d.corp.clone(), user: arjun.clone() });
    assert_eq!(d.ws.account(&staging).unwrap().owner, arjun);
    assert_eq!(d.user("arjun@owlcorp.com").membership, None);
}

/// An invitation waits; meanwhile the domain it relied on may lapse away. Resending and
/// accepting check again.
#[test]
fn resending_and_accepting_check_the_domain_again() {
    let mut d = demo();
    let admin = d.admin();
    let invitation = d.invite("kim@owlcorp.com");
    let domain = d.domain("owlcorp.com").clone();
    d.allow(
        &Actor::World,
        RemoveDnsRecord { name: domain.record_name(), value: domain.record_value() },
    );
    d.allow(&Actor::World, AdvanceClock { hours: 35 * 24 });
    assert!(d.ws.domain(&domain.sid).is_none(), "the domain lapsed and was removed");
    d.refuse(
        &admin,
        ResendInvitation { invitation: invitation.clone() },
        &INVITE_DOMAIN_UNVERIFIED,
    );
    d.with_state(|s| {
        let i = s.invitations.get_mut(&invitation).unwrap();
        i.state = org_rules::model::InvitationState::Pending;
        i.expires = s.now.plus(DAY);
    });
    d.refuse(&Actor::World, AcceptInvitation { invitation }, &INVITE_DOMAIN_UNVERIFIED);
}

fn reset_sams_password(d: &mut Demo) -> (UserSid, org_rules::Outcome) {
    let admin = d.admin();
    let sam = sid_of(d, "sam@owlcorp.com");
    d.with_state(|state| state.users.get_mut(&sam).unwrap().signed_in = true);
    let outcome = d.allow(&admin, ResetPassword { user: sam.clone() });
    (sam, outcome)
}

mod password_reset_logs_out {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let (sam, outcome) = reset_sams_password(&mut d);
        assert_shaped(&outcome, &PASSWORD_RESET_LOGS_OUT);
        let user = d.ws.user(&sam).unwrap();
        assert!(!user.signed_in);
        assert_eq!(user.sessions_ended, Some(d.ws.now()), "the user page can say when");
    }

    #[test]
    fn absent() {
        // Resetting 2FA leaves the user's sessions alone.
        let mut d = demo();
        let (admin, sam) = (d.admin(), sid_of(&d, "sam@owlcorp.com"));
        d.with_state(|state| state.users.get_mut(&sam).unwrap().signed_in = true);
        let outcome = d.allow(&admin, ResetTwoFactor { user: sam.clone() });
        assert_not_shaped(&outcome, &PASSWORD_RESET_LOGS_OUT);
        let user = d.ws.user(&sam).unwrap();
        assert!(user.signed_in);
        assert_eq!(user.sessions_ended, None);
    }
}

mod password_reset_link_expired {
    use super::*;
    use org_rules::command::LoginMethod;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (sam, _) = reset_sams_password(&mut d);
        d.allow(&Actor::World, AdvanceClock { hours: 23 });
        let outcome = d.allow(&Actor::World, SetNewPassword { user: sam.clone() });
        assert_eq!(outcome.summary, "sam@owlcorp.com chose a new password");
        assert_eq!(d.ws.user(&sam).unwrap().password, PasswordState::Set);
        d.allow(&Actor::World, LogIn { user: sam, method: LoginMethod::Password });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let (sam, _) = reset_sams_password(&mut d);
        d.allow(&Actor::World, AdvanceClock { hours: 24 });
        let denial = d.refuse(
            &Actor::World,
            SetNewPassword { user: sam.clone() },
            &PASSWORD_RESET_LINK_EXPIRED,
        );
        assert!(denial.detail.starts_with("the reset link of `sam@owlcorp.com` expired at"));
        // A link is used once; and a console user cannot set someone's password.
        let admin = d.admin();
        d.allow(&admin, ResetPassword { user: sam.clone() });
        d.refuse(
            &admin,
            SetNewPassword { user: sam.clone() },
            &org_rules::authz::OUTSIDE_WORLD_ONLY,
        );
        d.allow(&Actor::World, SetNewPassword { user: sam.clone() });
        let denial =
            d.refuse(&Actor::World, SetNewPassword { user: sam }, &PASSWORD_RESET_LINK_EXPIRED);
        assert_eq!(
            denial.detail,
            "`sam@owlcorp.com` has no unused reset link: ask for the password to be reset"
        );
    }
}

#[test]
fn import_rows_judges_each_row_as_the_import_would() {
    let mut d = demo();
    let owner = d.owner();
    d.allow(&Actor::World, EnableBulkImport { organization: d.corp.clone() });
    let users = rows(&[
        " Kai@owlcorp.com",
        "kai.t@gmail.com",
        "KAI@owlcorp.com",
        "sam@owlcorp.com",
        "noor@owlcorp.dev",
        "not an address",
    ]);
    let verdicts = import_rows(&d.ws, &d.corp, &users);
    let rules: Vec<Result<&str, &str>> =
        verdicts.iter().map(|v| v.as_deref().map_err(|denial| denial.rule.id)).collect();
    assert_eq!(
        rules,
        [
            Ok("kai@owlcorp.com"),
            Err("DOMAIN_COMMON_PROVIDER"),
            Err("IMPORT_ROWS"),
            Err("USER_ALREADY_MEMBER"),
            Err("INVITE_DOMAIN_UNVERIFIED"),
            Err("USER_EMAIL_INVALID"),
        ]
    );
    // The rows that pass import as one command, and nothing else changes.
    let passing = vec![users[0].clone()];
    d.allow(&owner, ImportUsers { organization: d.corp.clone(), users: passing });
    assert_eq!(managed_users(&d.ws, &d.corp).len(), 4);
    assert!(import_rows(&d.ws, &d.corp, &users[..1])[0].is_err(), "now a member");
}
