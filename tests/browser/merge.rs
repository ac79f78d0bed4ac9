//! Merge organizations: the wizard from choosing the Candidate to the merge done, by invitation
//! and by import, and a merge its prerequisites refuse.

use super::*;
use org_rules::demo::demo_workspace;
use org_rules::scale::{Scale, large_workspace};
use org_rules::sid::OrgSid;
use org_rules::{Actor, Command, Workspace, apply};
use web_sys::HtmlButtonElement;

fn organization(ws: &Workspace, name: &str) -> OrgSid {
    ws.organizations().find(|o| o.friendly_name == name).unwrap().sid.clone()
}

/// Each prerequisite's rule id and whether it is met, as the preflight table shows them.
fn preflight(console: &Console) -> Vec<(String, bool)> {
    console
        .all("table[aria-label=Prerequisites] tbody tr")
        .iter()
        .map(|tr| {
            let met = tr.get_attribute("data-met").unwrap() == "true";
            (tr.get_attribute("data-rule").unwrap(), met)
        })
        .collect()
}

fn switcher_options(console: &Console) -> Vec<String> {
    console
        .all("#organization-switcher option")
        .iter()
        .map(|o| o.text_content().unwrap_or_default())
        .collect()
}

fn disabled(console: &Console, label: &str) -> bool {
    console.control(label).unchecked_into::<HtmlButtonElement>().disabled()
}

#[wasm_bindgen_test]
async fn owl_labs_merges_into_owl_corp_by_invitation() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Merge organizations").await;
    assert_eq!(console.heading(), "Merge organizations");
    console.choose("#merge-candidate", "Owl Labs").await;

    let checks = preflight(&console);
    assert_eq!(checks.len(), 6, "every prerequisite is listed");
    assert!(checks.iter().all(|(_, met)| *met), "{checks:?}");
    assert!(checks.iter().any(|(rule, _)| rule == "MERGE_OWNER_EMAIL_DOMAIN"));

    console.choose("#merge-role", "Administrator").await;
    let users = console.text("table[aria-label='Users who move'] tbody");
    assert!(users.contains("Lena Park") && users.contains("lena@owlcorp.com"), "{users}");
    assert!(users.contains("Owner → Administrator"), "{users}");
    assert!(console.text("table[aria-label='Accounts that move']").contains("Owl Labs Sandbox"));
    let query = window().location().search().unwrap();
    assert!(query.contains("candidate=OR"), "{query}");
    assert!(query.contains("method=invitation") && query.contains("role=administrator"), "{query}");

    assert!(disabled(&console, "Send merge invitation"), "disabled until the name is typed");
    console.type_into("#merge-confirm", "Owl Lab").await;
    assert!(disabled(&console, "Send merge invitation"));
    console.type_into("#merge-confirm", "Owl Labs").await;
    assert!(!disabled(&console, "Send merge invitation"));
    console.click("Send merge invitation").await;
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());
    let pending = console.text(".merge-pending");
    assert!(
        pending.contains("Lena Park (lena@owlcorp.com) is a Pending User in Owl Corp"),
        "{pending}"
    );
    assert!(
        console
            .control("See pending users")
            .get_attribute("href")
            .unwrap()
            .ends_with("/users?tab=pending")
    );
    assert!(switcher_options(&console).contains(&"Owl Labs".to_owned()), "nothing merged yet");
    let would = console.text(".merge-pending .merge-would");
    assert!(would.contains("Merged Owl Labs into Owl Corp"), "{would}");

    console.click("Accept as the Candidate Owner").await;
    let done = console.text(".merge-done");
    assert!(done.contains("Merged Owl Labs into Owl Corp: 1 user and 1 account moved"), "{done}");
    assert!(done.contains("MERGE_NO_PRIME_ACCESS"), "the rules that shaped it: {done}");
    assert!(!switcher_options(&console).contains(&"Owl Labs".to_owned()));
    assert!(!saved().contains("\"friendly_name\":\"Owl Labs\""));

    console.click("Accounts").await;
    assert!(console.text("main table").contains("Owl Labs Sandbox"), "its account is Owl Corp's");
    console.click("Users").await;
    assert!(console.text("main table").contains("lena@owlcorp.com"));
}

#[wasm_bindgen_test]
async fn a_candidate_with_a_verified_domain_cannot_merge() {
    let mut ws = demo_workspace();
    let labs = organization(&ws, "Owl Labs");
    let lena = Actor::User(ws.user_by_email("lena@owlcorp.com").unwrap().sid.clone());
    let add = Command::AddDomain { organization: labs.clone(), name: "owllabs.io".into() };
    let domain = apply(&mut ws, &lena, &add).unwrap().created.unwrap().parse().unwrap();
    let token = ws.domain(&domain).unwrap().token.clone();
    let publish = Command::PublishDnsRecord {
        name: "_twilio.owllabs.io".into(),
        value: format!("twilio-domain-verification={token}"),
    };
    apply(&mut ws, &Actor::World, &publish).unwrap();
    apply(&mut ws, &lena, &Command::VerifyDomain { domain }).unwrap();
    let _turn = fresh_browser(&format!("/merge?candidate={labs}")).await;
    org_console::persistence::save(&ws).unwrap();
    let console = open_console().await;

    let failing: Vec<String> =
        preflight(&console).into_iter().filter(|(_, met)| !met).map(|(rule, _)| rule).collect();
    assert_eq!(failing, ["MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN"]);
    let row = console.text("tr[data-rule=MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN]");
    assert!(row.contains("Not met") && row.contains("owllabs.io"), "{row}");
    assert!(console.text("dl.merge-removed").contains("Domains removed"));

    console.type_into("#merge-confirm", "Owl Labs").await;
    assert!(disabled(&console, "Send merge invitation"), "the merge cannot start");
    let id = console.control("Send merge invitation").get_attribute("aria-describedby").unwrap();
    assert!(console.text(&format!("[id='{id}']")).contains("MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN"));

    console.click("Open Owl Labs's domains").await;
    assert_eq!(console.heading(), "Domains");
    assert_eq!(console.domain_rows(), ["owllabs.io"], "the fix opens the Candidate's domains");
}

#[wasm_bindgen_test]
async fn merging_by_import_needs_import_users_then_merges_at_once() {
    let _turn = fresh_browser("/merge").await;
    let console = open_console().await;
    console.choose("#merge-candidate", "Owl Labs").await;
    console.get("#merge-by-import").click();
    settle().await;
    assert_eq!(console.refusals(), ["MERGE_BULK_IMPORT_REQUIRED"]);
    assert!(window().location().search().unwrap().contains("method=import"));
    assert!(console.text("table[aria-label='Users who move']").contains("Owner → Standard user"));

    console.click("Support enables Import Users").await;
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());
    console.type_into("#merge-confirm", "Owl Labs").await;
    console.click("Merge by import").await;
    assert!(console.text(".merge-done").contains("Merged Owl Labs into Owl Corp"));
    assert!(!switcher_options(&console).contains(&"Owl Labs".to_owned()));
}

#[wasm_bindgen_test]
async fn a_large_preview_shows_its_first_rows_until_show_all() {
    let scale =
        Scale { organizations: 2, users: 100, accounts: 4, subaccounts_per_account: 1, domains: 2 };
    let ws = large_workspace(scale);
    let moving = ws.members(&organization(&ws, "Org 1")).count();
    assert!(moving > 20, "enough people move to cut the list: {moving}");
    let _turn = fresh_browser("/merge").await;
    org_console::persistence::save(&ws).unwrap();
    let console = open_console().await;
    console.choose("#merge-candidate", "Org 1").await;

    let rows = || console.all("table[aria-label='Users who move'] tbody tr").len();
    assert_eq!(rows(), 20, "the first rows only");
    let notes: Vec<String> = console
        .all(".merge-preview p.help")
        .iter()
        .map(|p| p.text_content().unwrap_or_default())
        .collect();
    let said = format!("The first 20 of {moving} users.");
    assert!(notes.iter().any(|note| note.contains(&said)), "{notes:?}");
    console.click(&format!("Show all {moving} users")).await;
    assert_eq!(rows(), moving, "every one once asked");
}
