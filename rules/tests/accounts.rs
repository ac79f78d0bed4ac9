//! The account rules (twilio-facts §1.2, §1.4), each allowed and refused, and the Accounts
//! screen's listings.

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::accounts::*;
use org_rules::authz::{ORG_ADMIN_REQUIRED, ORG_MEMBERS_ONLY};
use org_rules::clock::DAY;
use org_rules::model::{
    AccountRoles, AccountStatus, AccountType, INVITATION_LIFETIME, InvitationState, OrgRole, Usage,
};
use org_rules::sid::{AccountSid, InvitationSid};
use support::{DEVELOPER, Demo, assert_not_shaped, assert_shaped, demo};

fn create(d: &mut Demo, actor: &Actor, name: &str) -> AccountSid {
    let command =
        CreateAccount { organization: d.corp.clone(), name: name.into(), usage: Usage::Twilio };
    let outcome = d.allow(actor, command);
    outcome.created.unwrap().parse().unwrap()
}

/// Owl Corp invites an account owned by `email`, an address in its verified domain by default.
fn invite(d: &mut Demo, email: &str, name: &str) -> (AccountSid, InvitationSid) {
    let account = d.independent_account(email, name);
    let admin = d.admin();
    let outcome = d.allow(
        &admin,
        AddExistingAccount { organization: d.corp.clone(), account: account.clone() },
    );
    (account, outcome.created.unwrap().parse().unwrap())
}

fn limited(developer: bool, billing_manager: bool, support: bool) -> AccountRoles {
    AccountRoles::Limited { developer, billing_manager, support }
}

mod account_name_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let outcome = d.allow(
            &owner,
            CreateAccount {
                organization: d.corp.clone(),
                name: "  Owl Corp QA  ".into(),
                usage: Usage::Flex,
            },
        );
        assert_eq!(outcome.summary, "Created Owl Corp QA, a trial account");
        assert_eq!(outcome.events[0].event_type, "account.created");
        let account = d.account("Owl Corp QA");
        assert_eq!(outcome.created.as_deref(), Some(&*account.sid.as_str()));
        assert_eq!(account.kind, AccountType::Trial);
        assert_eq!(account.status, AccountStatus::Active);
        assert_eq!(account.usage, Usage::Flex);
        assert_eq!(account.organization.as_ref(), Some(&d.corp));
        assert_eq!(Some(&account.owner), owner.user());
        assert!(!account.hipaa && account.users.is_empty());

        let longest = "é".repeat(ACCOUNT_NAME_MAX_CHARS);
        create(&mut d, &owner, &longest);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let too_long = "a".repeat(ACCOUNT_NAME_MAX_CHARS + 1);
        for (name, detail) in [
            ("", "enter a name for the account"),
            ("   ", "enter a name for the account"),
            (too_long.as_str(), "the name has 65 characters; the most is 64"),
        ] {
            let denial = d.refuse(
                &admin,
                CreateAccount {
                    organization: d.corp.clone(),
                    name: name.into(),
                    usage: Usage::Twilio,
                },
                &ACCOUNT_NAME_INVALID,
            );
            assert_eq!(denial.detail, detail);
        }
    }
}

mod account_limit {
    use super::*;

    /// Owl Corp manages two accounts; eight more reach the default limit of ten.
    fn fill(d: &mut Demo) {
        let admin = d.admin();
        for n in 3..=10 {
            create(d, &admin, &format!("Owl Corp Team {n}"));
        }
        assert_eq!(managed_accounts(&d.ws, &d.corp).len(), 10);
    }

    #[test]
    fn allowed() {
        let mut d = demo();
        fill(&mut d);
        // Closed accounts do not count.
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        d.allow(&owner, CloseAccount { account: staging });
        create(&mut d, &owner, "Owl Corp Team 11");
    }

    #[test]
    fn refused() {
        let mut d = demo();
        fill(&mut d);
        let owner = d.owner();
        let denial = d.refuse(
            &owner,
            CreateAccount {
                organization: d.corp.clone(),
                name: "One too many".into(),
                usage: Usage::Twilio,
            },
            &ACCOUNT_LIMIT,
        );
        assert_eq!(denial.detail, "Owl Corp already manages 10 open accounts, the limit is 10");
    }

    #[test]
    fn refused_when_an_invited_account_would_join() {
        let mut d = demo();
        let (_, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        fill(&mut d);
        d.refuse(&Actor::World, AcceptInvitation { invitation }, &ACCOUNT_LIMIT);
    }

    #[test]
    fn support_raises_the_limit() {
        let mut d = demo();
        fill(&mut d);
        let corp = d.corp.clone();
        d.with_state(|s| s.organizations.get_mut(&corp).unwrap().managed_account_limit = 11);
        let owner = d.owner();
        create(&mut d, &owner, "Owl Corp Team 11");
    }
}

mod account_not_managed {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let staging = d.account_sid("Owl Corp Staging");
        let outcome = d.allow(&admin, SuspendAccount { account: staging.clone() });
        assert_eq!(outcome.events[0].event_type, "account.suspended");
        assert_eq!(d.ws.account(&staging).unwrap().status, AccountStatus::Suspended);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let sam = d.user("sam@owlcorp.com").sid.clone();
        let casey = d.account_sid("Casey's Prototypes");
        let sandbox = d.account_sid("Owl Labs Sandbox");
        for account in [casey.clone(), sandbox.clone()] {
            for command in [
                SuspendAccount { account: account.clone() },
                ReactivateAccount { account: account.clone() },
                CloseAccount { account: account.clone() },
                UpgradeAccount { account: account.clone() },
                TransferAccountOwnership { account: account.clone(), new_owner: sam.clone() },
                SetAccountHipaa { account: account.clone(), enabled: false },
                GrantAccountAccess {
                    account: account.clone(),
                    user: sam.clone(),
                    roles: AccountRoles::Administrator,
                },
                RevokeAccountAccess { account: account.clone(), user: sam.clone() },
            ] {
                d.refuse(&owner, command, &ACCOUNT_NOT_MANAGED);
            }
        }
        let denial = d.refuse(&owner, CloseAccount { account: casey }, &ACCOUNT_NOT_MANAGED);
        assert_eq!(denial.detail, "`Casey's Prototypes` is not managed by Owl Corp");
        let denial = d.refuse(&owner, CloseAccount { account: sandbox }, &ACCOUNT_NOT_MANAGED);
        assert_eq!(denial.detail, "`Owl Labs Sandbox` is not managed by Owl Corp");
    }

    #[test]
    fn only_owners_and_administrators_of_an_organization_manage_accounts() {
        let mut d = demo();
        let staging = d.account_sid("Owl Corp Staging");
        let standard = d.standard();
        d.refuse(&standard, SuspendAccount { account: staging.clone() }, &ORG_ADMIN_REQUIRED);
        let casey = d.as_user("casey@freelance.dev");
        let denial =
            d.refuse(&casey, UpgradeAccount { account: staging.clone() }, &ORG_MEMBERS_ONLY);
        assert_eq!(
            denial.detail,
            "`casey@freelance.dev`, who is in no organization, cannot manage accounts"
        );
        d.refuse(&Actor::World, CloseAccount { account: staging }, &ORG_MEMBERS_ONLY);
    }
}

mod main_account_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let arjun = d.user("arjun@owlcorp.com").sid.clone();
        d.allow(&owner, TransferAccountOwnership { account: production, new_owner: arjun });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let acme = d.subaccount_sid("Customer: Acme Health");
        let arjun = d.user("arjun@owlcorp.com").sid.clone();
        let denial = d.refuse(
            &owner,
            TransferAccountOwnership { account: acme.clone(), new_owner: arjun },
            &MAIN_ACCOUNT_REQUIRED,
        );
        assert_eq!(
            denial.detail,
            "`Customer: Acme Health` is a subaccount of `Owl Corp Production`"
        );
        d.refuse(&owner, UpgradeAccount { account: acme.clone() }, &MAIN_ACCOUNT_REQUIRED);
        d.refuse(&owner, CloseAccount { account: acme }, &MAIN_ACCOUNT_REQUIRED);
    }
}

mod account_already_managed {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (account, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        let invitation = d.ws.invitation(&invitation).unwrap();
        assert_eq!(invitation.state, InvitationState::Pending);
        assert_eq!(invitation.expires, d.ws.now().plus(INVITATION_LIFETIME));
        assert_eq!(d.ws.account(&account).unwrap().organization, None);
        assert_eq!(d.ws.audit().last().unwrap().event_type, "account.invited");
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        for (name, detail) in [
            ("Owl Corp Staging", "`Owl Corp Staging` is already managed by Owl Corp"),
            ("Owl Labs Sandbox", "`Owl Labs Sandbox` is already managed by Owl Labs"),
        ] {
            let denial = d.refuse(
                &admin,
                AddExistingAccount { organization: d.corp.clone(), account: d.account_sid(name) },
                &ACCOUNT_ALREADY_MANAGED,
            );
            assert_eq!(denial.detail, detail);
        }
    }

    #[test]
    fn refused_when_another_organization_was_answered_first() {
        let mut d = demo();
        let (_, ours) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        // Owl Labs invited the same account too, before Owl Corp verified owlcorp.com.
        let (labs, mut theirs) = (d.labs.clone(), None);
        d.with_state(|s| {
            let mut invitation = s.invitations[&ours].clone();
            invitation.sid = s.sids.issue();
            invitation.organization = labs;
            theirs = Some(invitation.sid.clone());
            s.invitations.insert(invitation.sid.clone(), invitation);
        });
        let theirs = theirs.unwrap();
        d.allow(&Actor::World, AcceptInvitation { invitation: ours });
        let denial = d.refuse(
            &Actor::World,
            AcceptInvitation { invitation: theirs },
            &ACCOUNT_ALREADY_MANAGED,
        );
        assert_eq!(denial.detail, "`Nora's Side Project` has meanwhile joined Owl Corp");
    }
}

mod account_invitation_pending {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (account, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        let pending = pending_accounts(&d.ws, &d.corp);
        assert_eq!(pending.len(), 1);
        assert_eq!((&pending[0].0.sid, &pending[0].1.sid), (&invitation, &account));
        // Once the owner has declined, the organization may ask again.
        d.allow(&Actor::World, DeclineInvitation { invitation });
        assert!(pending_accounts(&d.ws, &d.corp).is_empty());
        let owner = d.owner();
        d.allow(&owner, AddExistingAccount { organization: d.corp.clone(), account });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let (account, _) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        let owner = d.owner();
        let denial = d.refuse(
            &owner,
            AddExistingAccount { organization: d.corp.clone(), account },
            &ACCOUNT_INVITATION_PENDING,
        );
        assert_eq!(
            denial.detail,
            "`Nora's Side Project` already has a pending invitation from Owl Corp"
        );
    }
}

mod account_owner_domain_unverified {
    use super::*;

    #[test]
    fn allowed() {
        // nora@owlcorp.com is in owlcorp.com, which Owl Corp has verified.
        let mut d = demo();
        invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        assert_eq!(pending_accounts(&d.ws, &d.corp).len(), 1);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let dev = d.independent_account("devi@owlcorp.dev", "Devi's Bots");
        let admin = d.admin();
        for (account, detail) in [
            (
                d.account_sid("Casey's Prototypes"),
                "the owner `casey@freelance.dev` is not in a domain Owl Corp has verified",
            ),
            (dev, "the owner `devi@owlcorp.dev` is not in a domain Owl Corp has verified"),
        ] {
            let denial = d.refuse(
                &admin,
                AddExistingAccount { organization: d.corp.clone(), account },
                &ACCOUNT_OWNER_DOMAIN_UNVERIFIED,
            );
            assert_eq!(denial.detail, detail);
        }
    }
}

/// The answer checks every invitation shares, on an account invitation.
mod an_answered_account_invitation {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (account, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation: invitation.clone() });
        assert_eq!(outcome.events[0].event_type, "account.joined");
        assert!(matches!(
            d.ws.invitation(&invitation).unwrap().state,
            InvitationState::Accepted { .. }
        ));
        assert_eq!(d.ws.account(&account).unwrap().organization, Some(d.corp.clone()));
        assert!(managed_accounts(&d.ws, &d.corp).iter().any(|a| a.sid == account));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let (_, accepted) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        d.allow(&Actor::World, AcceptInvitation { invitation: accepted.clone() });
        let denial = d.refuse(
            &Actor::World,
            AcceptInvitation { invitation: accepted.clone() },
            &org_rules::users::INVITATION_CLOSED,
        );
        assert_eq!(
            denial.detail,
            format!("invitation `{accepted}` was accepted and cannot be accepted")
        );

        let (account, declined) = invite(&mut d, "omar@owlcorp.com", "Omar's Tests");
        let outcome = d.allow(&Actor::World, DeclineInvitation { invitation: declined.clone() });
        assert_eq!(outcome.events[0].event_type, "account.declined");
        assert_eq!(d.ws.account(&account).unwrap().organization, None);
        assert!(d.user("omar@owlcorp.com").membership.is_none());
        for command in [
            AcceptInvitation { invitation: declined.clone() },
            DeclineInvitation { invitation: declined.clone() },
        ] {
            d.refuse(&Actor::World, command, &org_rules::users::INVITATION_CLOSED);
        }
    }
}

mod an_expired_account_invitation {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (_, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        d.with_state(|s| s.now = s.now.plus(INVITATION_LIFETIME - 1));
        d.allow(&Actor::World, AcceptInvitation { invitation });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let (_, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        d.with_state(|s| s.now = s.now.plus(7 * DAY));
        for command in [
            AcceptInvitation { invitation: invitation.clone() },
            DeclineInvitation { invitation: invitation.clone() },
        ] {
            let denial = d.refuse(&Actor::World, command, &org_rules::users::INVITATION_EXPIRED);
            assert!(denial.detail.starts_with("invitation `IV"));
        }
    }
}

mod account_owner_in_other_organization {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let (account, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_eq!(
            outcome.summary,
            "Nora's Side Project joined Owl Corp; nora@owlcorp.com is now a Standard user"
        );
        let types: Vec<&str> = outcome.events.iter().map(|e| e.event_type.as_str()).collect();
        assert_eq!(types, ["account.joined", "user.joined"]);
        assert_eq!(d.user("nora@owlcorp.com").role_in(&d.corp), Some(OrgRole::Standard));
        assert_eq!(d.ws.account(&account).unwrap().organization, Some(d.corp.clone()));
    }

    #[test]
    fn refused() {
        // Lena, Owl Labs' Owner, owns an account outside every organization.
        let mut d = demo();
        let (_, invitation) = invite(&mut d, "lena@owlcorp.com", "Lena's Experiments");
        let denial = d.refuse(
            &Actor::World,
            AcceptInvitation { invitation },
            &ACCOUNT_OWNER_IN_OTHER_ORGANIZATION,
        );
        assert_eq!(denial.detail, "the owner `lena@owlcorp.com` already belongs to Owl Labs");
    }

    #[test]
    fn an_owner_already_in_the_organization_keeps_their_role() {
        let mut d = demo();
        let (_, invitation) = invite(&mut d, "arjun@owlcorp.com", "Arjun's Scratchpad");
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_eq!(outcome.events.len(), 1);
        assert_eq!(d.user("arjun@owlcorp.com").role_in(&d.corp), Some(OrgRole::Administrator));
    }
}

mod account_owner_must_be_managed {
    use super::*;

    #[test]
    fn allowed() {
        // Sam, a Developer on Production, becomes its owner; Olivia stays on as Administrator.
        let mut d = demo();
        let admin = d.admin();
        let production = d.account_sid("Owl Corp Production");
        let (olivia, sam) =
            (d.user("olivia@owlcorp.com").sid.clone(), d.user("sam@owlcorp.com").sid.clone());
        let outcome = d.allow(
            &admin,
            TransferAccountOwnership { account: production.clone(), new_owner: sam.clone() },
        );
        assert_eq!(
            outcome.summary,
            "sam@owlcorp.com now owns Owl Corp Production; olivia@owlcorp.com stays on as Administrator"
        );
        let event = &outcome.events[0];
        assert_eq!(event.event_type, "account.updated");
        assert_eq!(event.event_data["owner"].updated.as_deref(), Some("sam@owlcorp.com"));
        let account = d.ws.account(&production).unwrap();
        assert_eq!(account.owner, sam);
        assert_eq!(account.users.get(&olivia), Some(&AccountRoles::Administrator));
        assert!(!account.users.contains_key(&sam));
        assert!(d.ws.accounts_owned_by(&sam).any(|a| a.sid == production));
        assert!(d.ws.accounts_of_user(&olivia).any(|a| a.sid == production));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        for (email, detail) in [
            (
                "pat@quillagency.com",
                "the new owner `pat@quillagency.com` is not a managed user of Owl Corp",
            ),
            (
                "lena@owlcorp.com",
                "the new owner `lena@owlcorp.com` is not a managed user of Owl Corp",
            ),
        ] {
            let denial = d.refuse(
                &owner,
                TransferAccountOwnership {
                    account: staging.clone(),
                    new_owner: d.user(email).sid.clone(),
                },
                &ACCOUNT_OWNER_MUST_BE_MANAGED,
            );
            assert_eq!(denial.detail, detail);
        }
    }

    #[test]
    fn transferring_to_the_current_owner_changes_nothing() {
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        let arjun = d.user("arjun@owlcorp.com").sid.clone();
        let outcome =
            d.allow(&owner, TransferAccountOwnership { account: staging, new_owner: arjun });
        assert!(outcome.events.is_empty());
    }
}

mod account_closed {
    use super::*;

    #[test]
    fn allowed() {
        // Closing a parent closes every open subaccount, suspended ones too.
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let birch = d.subaccount_sid("Customer: Birch Bank");
        d.allow(&owner, SuspendSubaccount { subaccount: birch });
        let outcome = d.allow(&owner, CloseAccount { account: production.clone() });
        assert_eq!(outcome.summary, "Owl Corp Production and its 2 subaccounts are closed");
        let types: Vec<&str> = outcome.events.iter().map(|e| e.event_type.as_str()).collect();
        assert_eq!(types, ["account.closed", "subaccount.closed", "subaccount.closed"]);
        let closed = AccountStatus::Closed { at: d.ws.now() };
        assert_eq!(d.ws.account(&production).unwrap().status, closed);
        assert!(d.ws.subaccounts_of(&production).all(|s| s.status == closed));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        d.allow(&owner, CloseAccount { account: staging.clone() });
        let sam = d.user("sam@owlcorp.com").sid.clone();
        for command in [
            ReactivateAccount { account: staging.clone() },
            SuspendAccount { account: staging.clone() },
            CloseAccount { account: staging.clone() },
            UpgradeAccount { account: staging.clone() },
            GrantAccountAccess { account: staging.clone(), user: sam.clone(), roles: DEVELOPER },
        ] {
            let denial = d.refuse(&owner, command, &ACCOUNT_CLOSED);
            assert_eq!(
                denial.detail,
                format!("`Owl Corp Staging` was closed on {}", d.ws.now().date())
            );
        }
        let acme = d.subaccount_sid("Customer: Acme Health");
        d.allow(&owner, CloseSubaccount { subaccount: acme.clone() });
        d.refuse(&owner, ReactivateSubaccount { subaccount: acme }, &ACCOUNT_CLOSED);
    }
}

mod account_already_upgraded {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let staging = d.account_sid("Owl Corp Staging");
        let outcome = d.allow(&admin, UpgradeAccount { account: staging.clone() });
        let change = &outcome.events[0].event_data["type"];
        assert_eq!(
            (change.previous.as_deref(), change.updated.as_deref()),
            (Some("Trial"), Some("Full"))
        );
        assert_eq!(d.ws.account(&staging).unwrap().kind, AccountType::Full);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let denial =
            d.refuse(&owner, UpgradeAccount { account: production }, &ACCOUNT_ALREADY_UPGRADED);
        assert_eq!(denial.detail, "`Owl Corp Production` is already a full account");
    }

    #[test]
    fn upgrading_is_for_the_organization_not_the_billing_manager() {
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        let sam = d.user("sam@owlcorp.com").sid.clone();
        d.allow(
            &owner,
            GrantAccountAccess {
                account: staging.clone(),
                user: sam,
                roles: limited(false, true, false),
            },
        );
        let standard = d.standard();
        d.refuse(&standard, UpgradeAccount { account: staging }, &ORG_ADMIN_REQUIRED);
    }
}

mod account_roles_empty {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        let production = d.account_sid("Owl Corp Production");
        let pat = d.user("pat@quillagency.com").sid.clone();
        let outcome = d.allow(
            &admin,
            GrantAccountAccess {
                account: production.clone(),
                user: pat.clone(),
                roles: limited(false, false, true),
            },
        );
        assert_eq!(outcome.summary, "pat@quillagency.com is now Support on Owl Corp Production");
        let change = &outcome.events[0].event_data["roles of pat@quillagency.com"];
        assert_eq!(
            (change.previous.as_deref(), change.updated.as_deref()),
            (Some("Developer"), Some("Support"))
        );
        assert_eq!(d.ws.account(&production).unwrap().users[&pat], limited(false, false, true));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let pat = d.user("pat@quillagency.com").sid.clone();
        let denial = d.refuse(
            &admin,
            GrantAccountAccess {
                account: d.account_sid("Owl Corp Staging"),
                user: pat,
                roles: limited(false, false, false),
            },
            &ACCOUNT_ROLES_EMPTY,
        );
        assert_eq!(denial.detail, "choose at least one role for `pat@quillagency.com`");
    }

    #[test]
    fn developer_billing_manager_and_support_combine() {
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        let casey = d.user("casey@freelance.dev").sid.clone();
        let outcome = d.allow(
            &owner,
            GrantAccountAccess {
                account: staging.clone(),
                user: casey.clone(),
                roles: limited(true, true, true),
            },
        );
        assert_eq!(
            outcome.summary,
            "casey@freelance.dev is now Developer, Billing Manager, Support on Owl Corp Staging"
        );
        assert!(d.ws.accounts_of_user(&casey).any(|a| a.sid == staging));
    }
}

mod account_owner_role_fixed {
    use super::*;

    #[test]
    fn allowed() {
        // Olivia owns the organization, not Staging: she can be given a role on it.
        let mut d = demo();
        let admin = d.admin();
        let olivia = d.user("olivia@owlcorp.com").sid.clone();
        d.allow(
            &admin,
            GrantAccountAccess {
                account: d.account_sid("Owl Corp Staging"),
                user: olivia,
                roles: AccountRoles::Administrator,
            },
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        let arjun = d.user("arjun@owlcorp.com").sid.clone();
        let denial = d.refuse(
            &owner,
            GrantAccountAccess { account: staging.clone(), user: arjun.clone(), roles: DEVELOPER },
            &ACCOUNT_OWNER_ROLE_FIXED,
        );
        assert_eq!(denial.detail, "`arjun@owlcorp.com` owns `Owl Corp Staging`");
        d.refuse(
            &owner,
            RevokeAccountAccess { account: staging, user: arjun },
            &ACCOUNT_OWNER_ROLE_FIXED,
        );
    }
}

mod account_user_has_no_role {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let pat = d.user("pat@quillagency.com").sid.clone();
        let outcome =
            d.allow(&owner, RevokeAccountAccess { account: production.clone(), user: pat.clone() });
        assert_eq!(outcome.summary, "Removed pat@quillagency.com from Owl Corp Production");
        assert_eq!(outcome.events[0].event_type, "account.updated");
        assert!(!d.ws.account(&production).unwrap().users.contains_key(&pat));
        assert_eq!(d.ws.accounts_of_user(&pat).count(), 0);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let olivia = d.user("olivia@owlcorp.com").sid.clone();
        let denial = d.refuse(
            &owner,
            RevokeAccountAccess { account: d.account_sid("Owl Corp Staging"), user: olivia },
            &ACCOUNT_USER_HAS_NO_ROLE,
        );
        assert_eq!(denial.detail, "`olivia@owlcorp.com` has no role on `Owl Corp Staging`");
    }
}

mod account_status_to_subaccounts {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let outcome = d.allow(&owner, CloseAccount { account: production });
        assert_shaped(&outcome, &ACCOUNT_STATUS_TO_SUBACCOUNTS);
        assert_eq!(outcome.summary, "Owl Corp Production and its 2 subaccounts are closed");
        for name in ["Customer: Acme Health", "Customer: Birch Bank"] {
            assert!(matches!(d.subaccount(name).status, AccountStatus::Closed { .. }));
        }
    }

    #[test]
    fn absent() {
        // Staging has no subaccounts.
        let mut d = demo();
        let owner = d.owner();
        let staging = d.account_sid("Owl Corp Staging");
        let outcome = d.allow(&owner, SuspendAccount { account: staging.clone() });
        assert_not_shaped(&outcome, &ACCOUNT_STATUS_TO_SUBACCOUNTS);
        let outcome = d.allow(&owner, ReactivateAccount { account: staging });
        assert_not_shaped(&outcome, &ACCOUNT_STATUS_TO_SUBACCOUNTS);
    }

    #[test]
    fn reactivating_says_the_subaccounts_stay_suspended() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        d.allow(&owner, SuspendAccount { account: production.clone() });
        let outcome = d.allow(&owner, ReactivateAccount { account: production });
        assert_shaped(&outcome, &ACCOUNT_STATUS_TO_SUBACCOUNTS);
        assert_eq!(
            outcome.summary,
            "Owl Corp Production is reactivated; its 2 suspended subaccounts stay suspended"
        );
        assert_eq!(d.subaccount("Customer: Acme Health").status, AccountStatus::Suspended);
    }
}

mod account_transfer_old_owner_admin {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let (olivia, arjun) =
            (d.user("olivia@owlcorp.com").sid.clone(), d.user("arjun@owlcorp.com").sid.clone());
        let command =
            TransferAccountOwnership { account: production.clone(), new_owner: arjun.clone() };
        let outcome = d.allow(&owner, command);
        assert_shaped(&outcome, &ACCOUNT_TRANSFER_OLD_OWNER_ADMIN);
        let account = d.ws.account(&production).unwrap();
        assert_eq!(account.owner, arjun);
        assert_eq!(account.users.get(&olivia), Some(&AccountRoles::Administrator));
    }

    #[test]
    fn absent() {
        // Transferring to the current owner changes nothing.
        let mut d = demo();
        let owner = d.owner();
        let production = d.account_sid("Owl Corp Production");
        let olivia = d.user("olivia@owlcorp.com").sid.clone();
        let command = TransferAccountOwnership { account: production, new_owner: olivia };
        let outcome = d.allow(&owner, command);
        assert_not_shaped(&outcome, &ACCOUNT_TRANSFER_OLD_OWNER_ADMIN);
        assert!(outcome.events.is_empty());
    }
}

mod account_created_managed {
    use super::*;

    #[test]
    fn applies() {
        let mut d = demo();
        let standard = d.standard();
        let command = CreateAccount {
            organization: d.corp.clone(),
            name: "Sam's Project".into(),
            usage: Usage::Twilio,
        };
        let outcome = d.allow(&standard, command);
        assert_shaped(&outcome, &ACCOUNT_CREATED_MANAGED);
        let account = d.account("Sam's Project");
        assert_eq!(account.organization.as_ref(), Some(&d.corp));
        assert_eq!(account.kind, AccountType::Trial);
    }

    #[test]
    fn absent() {
        // An existing account joins by its owner's confirmation, not by being created.
        let mut d = demo();
        let (_, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
        let outcome = d.allow(&Actor::World, AcceptInvitation { invitation });
        assert_not_shaped(&outcome, &ACCOUNT_CREATED_MANAGED);
    }
}

#[test]
fn suspending_a_parent_suspends_its_active_subaccounts_and_reactivating_it_does_not() {
    let mut d = demo();
    let owner = d.owner();
    let production = d.account_sid("Owl Corp Production");
    let (acme, birch) =
        (d.subaccount_sid("Customer: Acme Health"), d.subaccount_sid("Customer: Birch Bank"));
    d.allow(&owner, CloseSubaccount { subaccount: birch.clone() });
    let outcome = d.allow(&owner, SuspendAccount { account: production.clone() });
    assert_eq!(outcome.summary, "Owl Corp Production and its subaccount are suspended");
    assert_eq!(outcome.events[1].event_type, "subaccount.suspended");
    assert_eq!(outcome.events[1].resource_sid, &*acme.as_str());
    assert_eq!(d.ws.subaccount(&acme).unwrap().status, AccountStatus::Suspended);
    assert!(matches!(d.ws.subaccount(&birch).unwrap().status, AccountStatus::Closed { .. }));

    let outcome = d.allow(&owner, ReactivateAccount { account: production.clone() });
    assert_eq!(outcome.events.len(), 1);
    assert_eq!(outcome.events[0].event_type, "account.reactivated");
    assert_eq!(d.ws.account(&production).unwrap().status, AccountStatus::Active);
    assert_eq!(d.ws.subaccount(&acme).unwrap().status, AccountStatus::Suspended);
    d.allow(&owner, ReactivateSubaccount { subaccount: acme });

    let outcome = d.allow(&owner, ReactivateAccount { account: production });
    assert_eq!(outcome.summary, "Owl Corp Production is already reactivated");
    assert!(outcome.events.is_empty());
}

#[test]
fn each_account_is_billed_on_its_own_and_subaccounts_to_their_parent() {
    let d = demo();
    let production = d.account_sid("Owl Corp Production");
    let staging = d.account_sid("Owl Corp Staging");
    let acme = d.subaccount_sid("Customer: Acme Health");
    assert_eq!(billed_to(&d.ws, &production), Some(production.clone()));
    assert_eq!(billed_to(&d.ws, &staging), Some(staging));
    assert_eq!(billed_to(&d.ws, &acme), Some(production));
    let unknown: AccountSid = "AC00000000000000000000000000000000".parse().unwrap();
    assert_eq!(billed_to(&d.ws, &unknown), None);
}

#[test]
fn the_accounts_screen_lists_managed_independent_and_pending_accounts() {
    let mut d = demo();
    let names = |accounts: Vec<&org_rules::model::Account>| {
        accounts.iter().map(|a| a.friendly_name.clone()).collect::<Vec<_>>()
    };
    let mut managed = names(managed_accounts(&d.ws, &d.corp));
    managed.sort();
    assert_eq!(managed, ["Owl Corp Production", "Owl Corp Staging"]);
    // Sam is a Developer on Casey's account; Lena's Sandbox belongs to Owl Labs.
    assert_eq!(names(independent_accounts(&d.ws, &d.corp)), ["Casey's Prototypes"]);
    assert!(pending_accounts(&d.ws, &d.corp).is_empty());
    assert_eq!(names(managed_accounts(&d.ws, &d.labs)), ["Owl Labs Sandbox"]);
    assert!(independent_accounts(&d.ws, &d.labs).is_empty());

    let (account, invitation) = invite(&mut d, "nora@owlcorp.com", "Nora's Side Project");
    assert_eq!(pending_accounts(&d.ws, &d.corp)[0].1.sid, account);
    d.allow(&Actor::World, AcceptInvitation { invitation });
    assert!(pending_accounts(&d.ws, &d.corp).is_empty());
    assert_eq!(managed_accounts(&d.ws, &d.corp).len(), 3);
}

#[test]
fn a_created_account_joins_the_organization_and_its_creator_owns_it() {
    // "Accounts created by any managed user join automatically" (twilio-facts §1.2, SK).
    let mut d = demo();
    let admin = d.admin();
    let account = create(&mut d, &admin, "Owl Corp Analytics");
    let arjun = d.user("arjun@owlcorp.com").sid.clone();
    assert!(d.ws.accounts_owned_by(&arjun).any(|a| a.sid == account));
    assert!(d.ws.accounts_of(&d.corp).any(|a| a.sid == account));
    // "Standard User (Account Creation)": a Standard user creates an account too, and owns it,
    // but cannot manage the organization's other accounts.
    let standard = d.standard();
    let project = create(&mut d, &standard, "Sam's Project");
    let sam = d.user("sam@owlcorp.com").sid.clone();
    assert!(
        d.ws.accounts_owned_by(&sam)
            .any(|a| a.sid == project && a.organization.as_ref() == Some(&d.corp))
    );
    d.refuse(&standard, SuspendAccount { account: account.clone() }, &ORG_ADMIN_REQUIRED);
    d.refuse(
        &d.as_user("casey@freelance.dev"),
        CreateAccount {
            organization: d.corp.clone(),
            name: "Casey's".into(),
            usage: Usage::Twilio,
        },
        &org_rules::authz::ORG_MEMBERS_ONLY,
    );
}

#[test]
fn closed_accounts_do_not_count_toward_the_limit() {
    let mut d = demo();
    let owner = d.owner();
    assert_eq!(accounts_toward_limit(&d.ws, &d.corp), 2);
    let staging = d.ws.accounts_of(&d.corp).find(|a| a.friendly_name == "Owl Corp Staging");
    let staging = staging.unwrap().sid.clone();
    d.allow(&owner, CloseAccount { account: staging });
    assert_eq!(accounts_toward_limit(&d.ws, &d.corp), 1);
    assert_eq!(managed_accounts(&d.ws, &d.corp).len(), 2, "the closed one is still listed");
}

#[test]
fn a_standard_user_sees_only_the_accounts_given_to_them() {
    let mut d = demo();
    let visible = |d: &Demo, actor: &Actor| {
        let mut names: Vec<String> = managed_accounts(&d.ws, &d.corp)
            .into_iter()
            .chain(independent_accounts(&d.ws, &d.corp))
            .filter(|a| account_visible_to(&d.ws, actor, &d.corp, a))
            .map(|a| a.friendly_name.clone())
            .collect();
        names.sort();
        names
    };
    let (admin, standard) = (d.admin(), d.standard());
    let everything = ["Casey's Prototypes", "Owl Corp Production", "Owl Corp Staging"];
    assert_eq!(visible(&d, &admin), everything);
    // Sam is a Developer on Production and on Casey's account, and has no role on Staging.
    assert_eq!(visible(&d, &standard), ["Casey's Prototypes", "Owl Corp Production"]);
    create(&mut d, &standard, "Sam's Project");
    assert_eq!(
        visible(&d, &standard),
        ["Casey's Prototypes", "Owl Corp Production", "Sam's Project"]
    );
    // Nobody outside the organization sees its accounts, not even an account's own user.
    let production = d.account("Owl Corp Production").clone();
    assert!(!account_visible_to(&d.ws, &d.as_user("pat@quillagency.com"), &d.corp, &production));
    assert!(!account_visible_to(&d.ws, &Actor::World, &d.corp, &production));
}
