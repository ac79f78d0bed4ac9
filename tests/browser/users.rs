//! The Users screens: invitations and their answers, expiry and resending, a user's page, a
//! Standard user's view, and the list at 10,000 users.

use super::*;
use org_console::store::Store;
use org_rules::Command;
use org_rules::model::OrgRole;
use org_rules::parts::Part;
use org_rules::scale::{Scale, large_workspace};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The text of each shown row's first cell of the table named `label`.
fn first_cells(console: &Console, label: &str) -> Vec<String> {
    console
        .all(&format!("table[aria-label='{label}'] tbody tr > :first-child"))
        .iter()
        .map(|cell| cell.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn an_invited_person_accepts_from_outside_the_console_and_is_managed() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Users").await;
    assert_eq!(console.heading(), "Users");

    console.type_into("#invite-email", "kim@gmail.com").await;
    console.click("Invite user").await;
    assert_eq!(console.refusals(), ["DOMAIN_COMMON_PROVIDER"]);

    console.type_into("#invite-email", "kim@owlcorp.com").await;
    console.choose("#invite-role", "Administrator").await;
    console.click("Invite user").await;
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());
    assert!(console.text(".toast").contains("Invited kim@owlcorp.com as Administrator"));

    console.click("Pending (1)").await;
    assert_eq!(first_cells(&console, "Pending users"), ["kim@owlcorp.com"]);
    assert!(window().location().search().unwrap().contains("tab=pending"));
    console.click("Accept as the invitee").await;
    assert!(console.text(".toast").contains("kim@owlcorp.com joined Owl Corp as Administrator"));

    console.click("Managed (4)").await;
    assert!(first_cells(&console, "Managed users").contains(&"Kim".to_owned()));
    assert!(saved().contains("kim@owlcorp.com"));
}

#[wasm_bindgen_test]
async fn an_expired_invitation_is_resent() {
    let _turn = fresh_browser("/users").await;
    let console = open_console().await;
    console.type_into("#invite-email", "nia@owlcorp.com").await;
    console.click("Invite user").await;
    console.click("Pending (1)").await;

    console.click("Advance the clock 7 days").await;
    assert!(console.text("table[aria-label='Pending users'] tbody").contains("Expired"));
    let reason = reason_for(&console, "Accept as the invitee").expect("disabled once expired");
    assert!(reason.contains("INVITATION_EXPIRED"), "{reason}");

    console.click("Resend").await;
    assert!(console.text(".toast").contains("Resent the invitation to nia@owlcorp.com"));
    assert!(console.text("table[aria-label='Pending users'] tbody").contains("Pending"));
    assert_eq!(reason_for(&console, "Accept as the invitee"), None);
}

#[wasm_bindgen_test]
async fn a_password_reset_logs_the_user_out_until_they_use_the_link() {
    let _turn = fresh_browser("/users").await;
    let console = open_console().await;
    console.click("Sam Rivera").await;
    assert_eq!(console.heading(), "Sam Rivera");
    assert!(console.text(".breadcrumb").contains("Users"));

    console.click("Reset password").await;
    assert!(console.text(".toast").contains("password reset link"));
    let profile = console.text("[aria-label=Profile]");
    assert!(profile.contains("Logged out on"), "{profile}");
    let reason = reason_for(&console, "Log in with password").expect("refused until a new one");
    assert!(reason.contains("LOGIN_PASSWORD_RESET_PENDING"), "{reason}");

    console.click("Set a new password with the reset link").await;
    assert_eq!(reason_for(&console, "Log in with password"), None);
    assert!(console.text("[aria-label=Profile]").contains("Password"));
}

#[wasm_bindgen_test]
async fn a_standard_user_sees_user_actions_disabled_with_the_rule() {
    let _turn = fresh_browser("/users").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Sam Rivera").await;
    assert!(console.get("#invite-email").get_attribute("disabled").is_some());
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"]);

    console.click("Arjun Mehta").await;
    for action in ["Reset password", "Reset 2FA", "Remove user", "Change role"] {
        let reason = reason_for(&console, action).unwrap_or_else(|| panic!("{action} enabled"));
        assert!(reason.contains("ORG_ADMIN_REQUIRED"), "{action}: {reason}");
    }
}

#[wasm_bindgen_test]
async fn ten_thousand_users_show_one_page_and_filter_sort_and_page() {
    let _turn = fresh_browser("/users").await;
    let scale = Scale {
        organizations: 1,
        users: 10_000,
        accounts: 50,
        subaccounts_per_account: 0,
        domains: 1,
    };
    persistence::save(&large_workspace(scale)).unwrap();
    let console = open_console().await;
    let rows = first_cells(&console, "Managed users");
    assert_eq!(rows.len(), 50, "one page is drawn, not 10,000 rows");
    assert_eq!(console.text(".result-count"), "10,000 users");

    console.click("Next page").await;
    assert!(console.text(".pagination").contains("Page 2 of 200"));
    assert!(window().location().search().unwrap().contains("page=2"));

    console.click("Email").await;
    let header = console.all("table[aria-label='Managed users'] th[aria-sort=ascending]");
    assert_eq!(header.len(), 1);
    assert!(console.text(".pagination").contains("Page 1 of 200"), "a new order starts at page 1");

    console.type_into("[id='filter-managed-users']", "user9999@").await;
    assert_eq!(console.text(".result-count"), "1 of 10,000 users");
    assert_eq!(first_cells(&console, "Managed users").len(), 1);
    assert!(window().location().search().unwrap().contains("q=user9999"));
}

/// A memo over the store reading `parts`, and how many times it ran.
fn counted(store: Store, parts: Part) -> (Memo<usize>, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    let memo = Memo::new({
        let runs = runs.clone();
        move |_| {
            runs.fetch_add(1, Ordering::Relaxed);
            store.read(parts, |ws| ws.state().users.len())
        }
    });
    (memo, runs)
}

/// Issue 12: a command recomputes only what reads the parts it changed, and Undo, which puts
/// in a whole workspace, recomputes everything.
#[wasm_bindgen_test]
async fn a_role_change_recomputes_what_reads_users_and_not_what_reads_accounts() {
    let _turn = fresh_browser("/").await;
    // What `mount_to` does first: drive the reactive system with wasm-bindgen-futures.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let (store, [(users, users_runs), (accounts, accounts_runs)]) = owner.with(|| {
        let store = Store::load();
        (store, [counted(store, Part::Users), counted(store, Part::Accounts)])
    });
    let runs = || [users_runs.load(Ordering::Relaxed), accounts_runs.load(Ordering::Relaxed)];
    let read_both = || (users.get_untracked(), accounts.get_untracked());
    read_both();
    assert_eq!(runs(), [1, 1]);

    let organization = store.organization.get_untracked().expect("Owl Corp is shown");
    let sam = store
        .workspace
        .with_untracked(|ws| ws.user_by_email("sam@owlcorp.com").unwrap().sid.clone());
    let promote = Command::ChangeUserRole { organization, user: sam, role: OrgRole::Administrator };
    store.act(promote).expect("the Owner may change a role");
    tick().await;
    read_both();
    assert_eq!(runs(), [2, 1], "only the reader of users ran again");

    store.undo();
    tick().await;
    read_both();
    assert_eq!(runs(), [3, 2], "a whole workspace put back is read again by everyone");
    owner.cleanup();
}
