//! The Accounts screens: creating accounts and subaccounts up to the trial limit, adding an
//! existing account that its owner confirms, transferring ownership, account roles, HIPAA, and
//! what a Standard user and an independent account are shown.

use super::*;
use org_rules::demo::demo_workspace;
use org_rules::model::{Account, AccountType, Usage, User};
use org_rules::scale::{Scale, large_workspace};
use org_rules::sid::AccountSid;
use org_rules::{Actor, Command, Workspace};

/// Starts the next console on `workspace`, as if it had been saved before.
fn keep(workspace: &Workspace) {
    org_console::persistence::save(workspace).unwrap();
}

fn account_sid(ws: &Workspace, name: &str) -> AccountSid {
    let accounts = &ws.state().accounts;
    accounts.values().find(|a| a.friendly_name == name).unwrap().sid.clone()
}

fn subaccount_sid(ws: &Workspace, name: &str) -> AccountSid {
    let subaccounts = &ws.state().subaccounts;
    subaccounts.values().find(|s| s.friendly_name == name).unwrap().sid.clone()
}

/// The demo, plus Dana at owlcorp.com, in no organization, with an account of her own: an
/// account Owl Corp may invite, as its owner's domain is verified.
fn demo_with_danas_account() -> (Workspace, AccountSid) {
    let mut state = demo_workspace().state().clone();
    let dana =
        User::new(state.sids.issue(), "dana@owlcorp.com".into(), "Dana Wu".into(), state.now);
    let account = Account::new(
        state.sids.issue(),
        "Dana's Experiments".into(),
        None,
        dana.sid.clone(),
        AccountType::Full,
        Usage::Twilio,
        state.now,
    );
    let sid = account.sid.clone();
    state.users.insert(dana.sid.clone(), dana);
    state.accounts.insert(sid.clone(), account);
    (Workspace::from_state(state), sid)
}

/// The text of each shown row's first cell of the table named `label`.
fn names_in(console: &Console, label: &str) -> Vec<String> {
    console
        .all(&format!("table[aria-label='{label}'] tbody tr > :first-child"))
        .iter()
        .map(|cell| cell.text_content().unwrap_or_default())
        .collect()
}

/// The whole text of the row of table `label` that mentions `name`.
fn row_text(console: &Console, label: &str, name: &str) -> String {
    console
        .all(&format!("table[aria-label='{label}'] tbody tr"))
        .iter()
        .map(|tr| tr.text_content().unwrap_or_default())
        .find(|text| text.contains(name))
        .unwrap_or_else(|| panic!("no row with `{name}` in `{label}`"))
}

/// Clicks the button labelled `button` in the row of table `label` that mentions `name`.
async fn click_in_row(console: &Console, label: &str, name: &str, button: &str) {
    let row = console
        .all(&format!("table[aria-label='{label}'] tbody tr"))
        .into_iter()
        .find(|tr| tr.text_content().unwrap_or_default().contains(name))
        .unwrap_or_else(|| panic!("no row with `{name}` in `{label}`"));
    let buttons = row.query_selector_all("button").unwrap();
    let found = (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == button)
        .unwrap_or_else(|| panic!("no `{button}` in the row of `{name}`"));
    found.click();
    settle().await;
}

/// Answers the open confirmation dialog with its verb.
async fn confirm(console: &Console, question: &str) {
    assert_eq!(console.text("#confirm-title"), question);
    console.all("[role=alertdialog] button").pop().unwrap().click();
    settle().await;
}

fn path() -> String {
    window().location().pathname().unwrap()
}

#[wasm_bindgen_test]
async fn create_an_account_reach_the_trial_subaccount_limit_upgrade_and_create_another() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Accounts").await;
    assert_eq!(console.heading(), "Accounts");
    let mut managed = names_in(&console, "Managed accounts");
    managed.sort();
    assert_eq!(managed, ["Owl Corp Production", "Owl Corp Staging"]);

    console.type_into("#new-account-name", "Owl Corp Analytics").await;
    console.click("Create account").await;
    assert_eq!(console.heading(), "Owl Corp Analytics", "the new account's page opens");
    assert!(path().starts_with("/accounts/AC"), "{}", path());
    let toast = console.text(".toast");
    assert!(toast.contains("Created Owl Corp Analytics, a trial account"), "{toast}");
    assert!(toast.contains("ACCOUNT_CREATED_MANAGED"), "{toast}");
    assert!(console.text(".page-title").contains("Active"));
    assert!(console.text(".breadcrumb").contains("Accounts"));

    console.type_into("#new-subaccount-name", "Customer: Cedar Clinic").await;
    console.click("Create subaccount").await;
    assert_eq!(names_in(&console, "Subaccounts"), ["Customer: Cedar Clinic"]);
    assert!(console.text("#subaccount-allowance").contains("so 0 more can be created"));

    console.type_into("#new-subaccount-name", "Customer: Dove Dental").await;
    let reason = reason_for(&console, "Create subaccount").expect("the limit is reached");
    assert!(reason.contains("SUBACCOUNT_LIMIT"), "{reason}");

    console.click("Upgrade").await;
    assert!(console.text(".toast").contains("Upgraded Owl Corp Analytics"));
    assert!(console.text("#type-heading + p").starts_with("Full"));
    assert_eq!(reason_for(&console, "Create subaccount"), None, "a full account has room");
    console.click("Create subaccount").await;
    let mut subaccounts = names_in(&console, "Subaccounts");
    subaccounts.sort();
    assert_eq!(subaccounts, ["Customer: Cedar Clinic", "Customer: Dove Dental"]);
    assert!(console.text("#subaccount-allowance").contains("so 998 more can be created"));
    assert!(saved().contains("Customer: Dove Dental"));

    drop(console);
    let console = open_console().await;
    assert_eq!(console.heading(), "Owl Corp Analytics", "a reload shows the same account");
}

#[wasm_bindgen_test]
async fn add_an_existing_account_by_sid_and_its_owner_confirms() {
    let _turn = fresh_browser("/accounts").await;
    let (workspace, danas) = demo_with_danas_account();
    keep(&workspace);
    let console = open_console().await;

    console.type_into("#existing-account-sid", "AC123").await;
    assert!(console.text("#existing-account-problem").contains("is not a SID"));
    let caseys = account_sid(&workspace, "Casey's Prototypes");
    console.type_into("#existing-account-sid", &caseys.as_str()).await;
    let reason = reason_for(&console, "Add account").expect("casey's domain is not verified");
    assert!(reason.contains("ACCOUNT_OWNER_DOMAIN_UNVERIFIED"), "{reason}");

    console.type_into("#existing-account-sid", &danas.as_str()).await;
    let preview = console.text(".preview-outcome");
    assert!(
        preview
            .contains("Invited Dana's Experiments to join Owl Corp; dana@owlcorp.com must confirm"),
        "{preview}"
    );
    console.click("Add account").await;
    assert_eq!(window().location().search().unwrap(), "?tab=pending");
    assert_eq!(console.text(".tab-selected"), "Pending (1)");
    assert_eq!(names_in(&console, "Pending accounts"), ["Dana's Experiments"]);

    console.click("Dana's Experiments").await;
    assert_eq!(console.heading(), "Dana's Experiments");
    assert!(console.text(".page-title").contains("Pending"));
    assert_eq!(console.refusals(), ["ACCOUNT_NOT_MANAGED"], "nothing changes until she confirms");
    assert!(console.text(".outside").contains("dana@owlcorp.com"));

    console.click("The owner confirms").await;
    let toast = console.text(".toast");
    assert!(toast.contains("Dana's Experiments joined Owl Corp"), "{toast}");
    assert!(console.text(".page-title").contains("Managed"));
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());

    console.click("Accounts").await;
    assert_eq!(console.text(".tab-selected"), "Managed (3)");
    assert!(names_in(&console, "Managed accounts").contains(&"Dana's Experiments".to_owned()));
    assert!(saved().contains("\"state\":\"accepted\""), "the invitation is answered");
}

#[wasm_bindgen_test]
async fn transferring_ownership_keeps_the_old_owner_as_administrator() {
    let _turn = fresh_browser("/accounts").await;
    let console = open_console().await;
    console.click("Owl Corp Staging").await;
    assert!(row_text(&console, "Users with access", "arjun@owlcorp.com").contains("Owner"));

    console.type_into("#new-owner", "sam@owlcorp.com").await;
    console.click("Transfer ownership").await;
    confirm(&console, "Transfer ownership of Owl Corp Staging to sam@owlcorp.com?").await;
    let toast = console.text(".toast");
    assert!(
        toast.contains(
            "sam@owlcorp.com now owns Owl Corp Staging; arjun@owlcorp.com stays on as Administrator"
        ),
        "{toast}"
    );
    assert!(toast.contains("ACCOUNT_TRANSFER_OLD_OWNER_ADMIN"), "{toast}");
    assert!(row_text(&console, "Users with access", "sam@owlcorp.com").contains("Owner"));
    assert!(row_text(&console, "Users with access", "arjun@owlcorp.com").contains("Administrator"));
    assert!(console.text(".facts").contains("Sam Rivera (sam@owlcorp.com)"));
}

#[wasm_bindgen_test]
async fn grant_change_and_revoke_a_users_access() {
    let _turn = fresh_browser("/accounts").await;
    let console = open_console().await;
    console.click("Owl Corp Staging").await;

    console.type_into("#grant-user", "olivia@owlcorp.com").await;
    console.click("Grant access").await;
    assert!(row_text(&console, "Users with access", "olivia@owlcorp.com").contains("Developer"));
    assert!(
        console.text(".toast").contains("olivia@owlcorp.com is now Developer on Owl Corp Staging")
    );

    click_in_row(&console, "Users with access", "olivia@owlcorp.com", "Change roles").await;
    let picked: HtmlInputElement = console.get("#grant-user").unchecked_into();
    assert_eq!(picked.value(), "olivia@owlcorp.com");
    console.get("#grant-support").click();
    settle().await;
    console.click("Save roles").await;
    assert!(
        row_text(&console, "Users with access", "olivia@owlcorp.com")
            .contains("Developer, Support")
    );

    // Saving emptied the form, back to the Developer role alone.
    console.type_into("#grant-user", "olivia@owlcorp.com").await;
    console.get("#grant-developer").click();
    settle().await;
    let reason = reason_for(&console, "Save roles").expect("no role is chosen");
    assert!(reason.contains("ACCOUNT_ROLES_EMPTY"), "{reason}");

    click_in_row(&console, "Users with access", "olivia@owlcorp.com", "Revoke access").await;
    confirm(&console, "Revoke olivia@owlcorp.com's access to Owl Corp Staging?").await;
    assert!(console.text(".toast").contains("Removed olivia@owlcorp.com from Owl Corp Staging"));
    assert!(!console.text("table[aria-label='Users with access']").contains("olivia@owlcorp.com"));
}

#[wasm_bindgen_test]
async fn a_hipaa_account_designates_its_new_subaccounts_but_not_its_older_ones() {
    let _turn = fresh_browser("/accounts").await;
    let console = open_console().await;
    console.click("Owl Corp Production").await;
    let reason = reason_for(&console, "Enable HIPAA for this account").expect("no BAA yet");
    assert!(reason.contains("HIPAA_ENTITLEMENT_REQUIRED"), "{reason}");
    let production = path();
    drop(console);

    // Twilio executes a BAA with Owl Corp.
    let mut workspace = demo_workspace();
    let corp =
        workspace.organizations().find(|o| o.friendly_name == "Owl Corp").unwrap().sid.clone();
    let baa = Command::SetHipaaEntitlement { organization: corp, entitled: true };
    org_rules::apply(&mut workspace, &Actor::World, &baa).unwrap();
    keep(&workspace);
    go_to(&production);
    let console = open_console().await;
    assert!(console.text("#hipaa-heading + p").contains("HIPAA entitlement is On"));

    console.click("Enable HIPAA for this account").await;
    let toast = console.text(".toast");
    assert!(
        toast.contains(
            "HIPAA is on for Owl Corp Production; its 2 existing subaccounts are not designated"
        ),
        "{toast}"
    );
    assert!(toast.contains("HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED"), "{toast}");
    assert!(console.text("#hipaa-heading ~ p:not(.help)").contains("is designated HIPAA"));

    console.type_into("#new-subaccount-name", "Customer: Elm Insurance").await;
    console.click("Create subaccount").await;
    let toast = console.text(".toast");
    assert!(toast.contains("it is HIPAA, like its parent"), "{toast}");
    assert!(toast.contains("HIPAA_SUBACCOUNT_INHERITS"), "{toast}");
    assert!(row_text(&console, "Subaccounts", "Customer: Elm Insurance").contains("HIPAA"));
    let older = row_text(&console, "Subaccounts", "Customer: Acme Health");
    assert!(older.contains("No") && older.contains("Enable HIPAA"), "{older}");

    click_in_row(&console, "Subaccounts", "Customer: Acme Health", "Enable HIPAA").await;
    assert!(row_text(&console, "Subaccounts", "Customer: Acme Health").contains("Disable HIPAA"));
}

#[wasm_bindgen_test]
async fn subaccounts_are_suspended_reactivated_and_closed_from_their_parents_page() {
    let _turn = fresh_browser("/").await;
    let workspace = demo_workspace();
    let birch = subaccount_sid(&workspace, "Customer: Birch Bank");
    go_to(&format!("/accounts/{birch}"));
    let console = open_console().await;
    assert_eq!(console.heading(), "Owl Corp Production", "a subaccount opens its parent's page");
    assert!(console.text(".breadcrumb").contains("Accounts"));

    click_in_row(&console, "Subaccounts", "Birch Bank", "Suspend subaccount").await;
    assert!(row_text(&console, "Subaccounts", "Birch Bank").contains("Suspended"));
    click_in_row(&console, "Subaccounts", "Birch Bank", "Reactivate subaccount").await;
    assert!(row_text(&console, "Subaccounts", "Birch Bank").contains("Active"));

    click_in_row(&console, "Subaccounts", "Birch Bank", "Close subaccount").await;
    console.click("Cancel").await;
    assert!(
        row_text(&console, "Subaccounts", "Birch Bank").contains("Active"),
        "cancel changes nothing"
    );
    click_in_row(&console, "Subaccounts", "Birch Bank", "Close subaccount").await;
    confirm(&console, "Close Customer: Birch Bank?").await;
    let row = row_text(&console, "Subaccounts", "Birch Bank");
    assert!(row.contains("Closed") && !row.contains("Reactivate"), "{row}");
    assert!(console.text(".toast").contains("Customer: Birch Bank is closed"));

    console.click("Suspend account").await;
    assert!(
        console.text(".toast").contains("Owl Corp Production and its subaccount are suspended")
    );
    assert!(console.text(".page-title").contains("Suspended"));
    assert!(row_text(&console, "Subaccounts", "Acme Health").contains("Suspended"));
}

#[wasm_bindgen_test]
async fn an_independent_account_says_why_it_cannot_be_changed() {
    let _turn = fresh_browser("/accounts?tab=independent").await;
    let console = open_console().await;
    assert_eq!(console.text(".tab-selected"), "Independent (1)");
    console.click("Casey's Prototypes").await;
    assert!(console.text(".page-title").contains("Independent"));
    assert_eq!(console.refusals(), ["ACCOUNT_NOT_MANAGED"]);
    assert!(
        console
            .text("[data-rule=ACCOUNT_NOT_MANAGED]")
            .contains("Casey's Prototypes is not managed by Owl Corp")
    );
    let reason = reason_for(&console, "Suspend account").unwrap();
    assert!(reason.contains("ACCOUNT_NOT_MANAGED"), "{reason}");
}

#[wasm_bindgen_test]
async fn a_standard_user_sees_only_their_accounts_and_every_admin_action_disabled() {
    let _turn = fresh_browser("/accounts").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Sam Rivera").await;
    assert_eq!(names_in(&console, "Managed accounts"), ["Owl Corp Production"]);
    let input: HtmlInputElement = console.get("#existing-account-sid").unchecked_into();
    assert!(input.disabled());
    let reason = reason_for(&console, "Add account").unwrap();
    assert!(reason.contains("ORG_ADMIN_REQUIRED"), "{reason}");

    console.click("Owl Corp Production").await;
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"], "said once for the page");
    assert!(
        console
            .text("[data-rule=ORG_ADMIN_REQUIRED]")
            .contains("sam@owlcorp.com is a Standard user and cannot manage accounts")
    );
    for admin_action in [
        "Suspend account",
        "Close account",
        "Enable HIPAA for this account",
        "Transfer ownership",
        "Grant access",
    ] {
        let reason = reason_for(&console, admin_action)
            .unwrap_or_else(|| panic!("`{admin_action}` is enabled for a Standard user"));
        assert!(reason.contains("ORG_ADMIN_REQUIRED"), "{admin_action}: {reason}");
    }
    let reason = reason_for(&console, "Create subaccount").unwrap();
    assert!(reason.contains("ACCOUNT_ROLE_REQUIRED"), "a Developer cannot: {reason}");
    let production = path();

    // Staging is not his: its URL, typed, shows nothing of it.
    let staging = account_sid(&demo_workspace(), "Owl Corp Staging");
    drop(console);
    go_to(&format!("/accounts/{staging}"));
    let console = open_console().await;
    assert_eq!(console.heading(), "Account not found");
    drop(console);
    go_to(&production);
    let console = open_console().await;
    assert_eq!(console.heading(), "Owl Corp Production", "his own account, after a reload");
}

#[wasm_bindgen_test]
async fn a_thousand_accounts_show_one_page_and_filter() {
    let _turn = fresh_browser("/accounts").await;
    let scale = Scale {
        organizations: 1,
        users: 1_000,
        accounts: 1_000,
        subaccounts_per_account: 1,
        domains: 1,
    };
    keep(&large_workspace(scale));
    let console = open_console().await;
    assert_eq!(console.text(".tab-selected"), "Managed (1000)");
    assert_eq!(console.text(".result-count"), "1,000 accounts");
    assert_eq!(names_in(&console, "Managed accounts").len(), 50, "one page is drawn");
    assert!(console.text(".pagination").contains("Page 1 of 20"));

    console.type_into("[id='filter-managed-accounts']", "Account 999").await;
    assert_eq!(console.text(".result-count"), "1 of 1,000 accounts");
    assert_eq!(names_in(&console, "Managed accounts"), ["Account 999"]);
    console.click("Account 999").await;
    assert_eq!(console.heading(), "Account 999");
    assert_eq!(names_in(&console, "Subaccounts"), ["Account 999 / customer 0"]);
}
