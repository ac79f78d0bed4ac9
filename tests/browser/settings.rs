//! Overview, Settings, Create organization and Import users, driven as an administrator would.

use super::*;
use org_console::import_csv::{TEMPLATE, read};
use org_rules::command::ImportedUser;
use org_rules::demo::demo_workspace;
use org_rules::model::{OrgRole, Usage};
use org_rules::{Actor, Command, Workspace, apply};

/// The demo's Owl Corp and the SID of one of its people, by address.
fn corp_and(ws: &Workspace, email: &str) -> (org_rules::sid::OrgSid, org_rules::sid::UserSid) {
    let corp = ws.organizations().find(|o| o.friendly_name == "Owl Corp").unwrap().sid.clone();
    (corp, ws.user_by_email(email).unwrap().sid.clone())
}

fn disabled(console: &Console, label: &str) -> bool {
    console.control(label).unchecked_into::<web_sys::HtmlButtonElement>().disabled()
}

/// The reason shown under a disabled button: the text its `aria-describedby` names.
fn reason_of(console: &Console, label: &str) -> String {
    let id = console.control(label).get_attribute("aria-describedby").unwrap();
    console.text(&format!("[id='{id}']"))
}

#[wasm_bindgen_test]
fn an_import_file_is_read_line_by_line() {
    let lines = read("\u{feff}E-mail Address,First Name,Last Name\nkai@owlcorp.com,Kai,Tanaka\n\"noor@owlcorp.com\",Noor,\n,Lee,Wong\nrae@owlcorp.com,Rae,Lin,extra\n").unwrap();
    let numbers: Vec<u64> = lines.iter().map(|l| l.number).collect();
    assert_eq!(numbers, [2, 3, 4, 5]);
    assert_eq!(
        lines[0].content,
        Ok(ImportedUser { email: "kai@owlcorp.com".into(), name: "Kai Tanaka".into() })
    );
    assert_eq!(
        lines[1].content,
        Ok(ImportedUser { email: "noor@owlcorp.com".into(), name: "Noor".into() })
    );
    assert_eq!(lines[2].content, Err("the email cell is empty".into()));
    assert_eq!(
        lines[3].content,
        Err("it has 4 fields where the first line names 3 columns".into())
    );

    let template = read(TEMPLATE).unwrap();
    assert!(template.len() == 1 && template[0].content.is_ok(), "the template reads as one row");
    let only_email = read("email\nsam@owlcorp.com\n\nkim@owlcorp.com").unwrap();
    assert_eq!(only_email.len(), 2, "blank lines are skipped");
    assert_eq!(only_email[1].number, 4);

    let refused = read("{\"format\": \"org-console\"}").unwrap_err();
    assert!(refused.contains("no email column"), "{refused}");
    assert!(read("  \n").unwrap_err().contains("empty"));
    assert!(read("email\u{0}\u{1}").unwrap_err().contains("not a CSV file"));
}

#[wasm_bindgen_test]
async fn import_users_previews_every_row_then_imports_those_that_pass() {
    let _turn = fresh_browser("/users/import").await;
    let console = open_console().await;
    assert_eq!(console.heading(), "Import users", "/users/import is not read as a user's SID");
    assert_eq!(console.refusals(), ["BULK_IMPORT_NOT_ENABLED"]);
    assert!(console.text("[data-rule=BULK_IMPORT_NOT_ENABLED]").contains("contact Twilio support"));

    console.click("Support enables Import Users").await;
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());
    assert!(console.text(".toast").contains("Import Users is enabled for Owl Corp"));
    assert!(console.find(".outside").is_none(), "support has nothing more to do");

    let before = saved();
    console
        .type_into("#csv-text", "email,name\nkai@owlcorp.com,Kai Tanaka\nkai.t@gmail.com,Kai T\n")
        .await;
    let good = console.text("tr[data-outcome=imports]");
    assert!(good.contains("kai@owlcorp.com") && good.contains("a new Twilio user"), "{good}");
    let bad = console.text("tr[data-outcome=refused]");
    assert!(bad.contains("DOMAIN_COMMON_PROVIDER") && bad.contains("gmail.com"), "{bad}");
    assert_eq!(
        console.get("tr[data-outcome=refused]").get_attribute("data-rule").unwrap(),
        "DOMAIN_COMMON_PROVIDER"
    );
    assert!(
        console.text("#preview-heading + .result-count").contains("1 can be imported, 1 refused")
    );
    assert_eq!(saved(), before, "a preview changes nothing");

    console.click("Import").await;
    let report = console.text(".import-report");
    assert!(report.contains("Imported 1 users as Standard users"), "{report}");
    assert!(report.contains("1 row was not imported"), "{report}");
    let left_out = console.get("table[aria-label='Rows not imported'] tbody tr");
    assert_eq!(left_out.get_attribute("data-rule").unwrap(), "DOMAIN_COMMON_PROVIDER");
    let saved = saved();
    assert!(saved.contains("kai@owlcorp.com") && !saved.contains("kai.t@gmail.com"));
    assert!(console.find("table[aria-label='Import preview']").is_none(), "the preview is done");
    let pasted: web_sys::HtmlTextAreaElement = console.get("#csv-text").unchecked_into();
    assert_eq!(pasted.value(), "", "the imported text is cleared");
    assert_eq!(
        document().active_element().unwrap().id(),
        "report-heading",
        "focus moves to the result"
    );

    // The same row again is now refused: Kai is a member.
    console.type_into("#csv-text", "email\nkai@owlcorp.com\nnot-an-address\n").await;
    let rules: Vec<String> = console
        .all("table[aria-label='Import preview'] tbody tr")
        .iter()
        .filter_map(|tr| tr.get_attribute("data-rule"))
        .collect();
    assert_eq!(rules, ["USER_ALREADY_MEMBER", "USER_EMAIL_INVALID"]);
    assert!(disabled(&console, "Import"));
    assert!(reason_of(&console, "Import").contains("IMPORT_ROWS"));
}

#[wasm_bindgen_test]
async fn a_file_that_cannot_be_read_is_refused_whole_and_a_bad_line_is_named() {
    let _turn = fresh_browser("/users/import").await;
    let console = open_console().await;
    console.type_into("#csv-text", "address;person\nkai@owlcorp.com;Kai\n").await;
    let alert = console.text(".unreadable");
    assert!(alert.contains("no email column") && alert.contains("address;person"), "{alert}");
    assert!(console.find("table[aria-label='Import preview']").is_none());

    console.type_into("#csv-text", "email,name\nkai@owlcorp.com,Kai,Tanaka\n").await;
    let row = console.text("tr[data-outcome=unreadable]");
    assert!(
        row.starts_with('2')
            && row.contains("It has 3 fields where the first line names 2 columns"),
        "{row}"
    );
}

#[wasm_bindgen_test]
async fn settings_rename_change_owner_and_what_twilio_does() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Settings").await;
    assert_eq!(console.heading(), "Settings");
    assert!(console.refusals().is_empty());

    console.type_into("#organization-name", " ").await;
    console.click("Save").await;
    assert_eq!(console.refusals(), ["ORG_NAME_LENGTH"]);
    console.type_into("#organization-name", "Owl Corporation").await;
    console.click("Save").await;
    assert!(console.refusals().is_empty());
    assert_eq!(console.text(".breadcrumb li"), "Owl Corporation");
    assert!(console.text("#organization-switcher").contains("Owl Corporation"));

    assert!(console.text(".current-owner").contains("Olivia Hart"));
    console.choose("#new-owner", "arjun@owlcorp.com").await;
    console.click("Change owner").await;
    assert_eq!(console.text("#confirm-title"), "Make Arjun Mehta the Owner?");
    assert!(console.text("[role=alertdialog]").contains("Olivia Hart becomes an Administrator"));
    console.click("Cancel").await;
    assert!(console.text(".current-owner").contains("Olivia Hart"), "cancelling changes nothing");
    console.click("Change owner").await;
    console.all("[role=alertdialog] button").pop().unwrap().click();
    settle().await;
    assert!(console.text(".current-owner").contains("Arjun Mehta"));
    let toast = console.text(".toast");
    assert!(
        toast
            .contains("arjun@owlcorp.com is now the Owner; olivia@owlcorp.com is an Administrator"),
        "{toast}"
    );
    assert!(toast.contains("ORG_PREVIOUS_OWNER_ADMINISTRATOR"), "{toast}");
    assert!(console.value("#actor-switcher").contains("Olivia Hart (Administrator)"));
    assert!(disabled(&console, "Change owner"), "Olivia is no longer the Owner");
    assert!(reason_of(&console, "Change owner").contains("ORG_OWNER_REQUIRED"));

    console.click("A BAA is executed").await;
    assert_eq!(console.text("#hipaa-heading .badge"), "On");
    assert!(console.text(".toast").contains("HIPAA Entitlement is On"));
    console.type_into("#new-limit", "5").await;
    assert!(disabled(&console, "Support raises the limit"));
    assert!(reason_of(&console, "Support raises the limit").contains("ORG_ACCOUNT_LIMIT_RAISE"));
    console.type_into("#new-limit", "25").await;
    console.click("Support raises the limit").await;
    assert_eq!(console.text(".account-limit"), "2 of 25");

    assert!(disabled(&console, "Delete organization"));
    assert!(reason_of(&console, "Delete organization").contains("ORG_OWNER_REQUIRED"));
    console.click("Overview").await;
    let facts = console.text("main");
    assert!(facts.contains("OwnerArjun Mehta (arjun@owlcorp.com)"), "{facts}");
    assert!(facts.contains("Managed accounts2 of 25"), "{facts}");
    let saved = saved();
    assert!(saved.contains("\"hipaa_entitled\":true") && saved.contains("Owl Corporation"));
}

#[wasm_bindgen_test]
async fn the_owner_is_told_why_an_organization_is_not_deleted_here() {
    let _turn = fresh_browser("/settings").await;
    let console = open_console().await;
    assert!(disabled(&console, "Delete organization"));
    assert!(reason_of(&console, "Delete organization").contains("ORG_DELETE_BY_SUPPORT"));
    assert!(console.text("#delete-heading + p").contains("contact the Twilio support team"));
}

#[wasm_bindgen_test]
async fn a_standard_user_sees_settings_and_import_refused() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Sam Rivera").await;
    console.click("Settings").await;
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"]);
    assert!(
        console
            .text("[data-rule=ORG_ADMIN_REQUIRED]")
            .contains("sam@owlcorp.com is a Standard user and cannot change organization settings")
    );
    let name: HtmlInputElement = console.get("#organization-name").unchecked_into();
    assert!(name.disabled());
    for action in ["Save", "Change owner", "Delete organization"] {
        assert!(disabled(&console, action), "{action} is offered to a Standard user");
    }
    assert!(reason_of(&console, "Change owner").contains("ORG_OWNER_REQUIRED"));
    drop(console);

    // The address typed by hand: the engine refuses the page's action in place.
    go_to("/users/import");
    let console = open_console().await;
    assert_eq!(console.heading(), "Import users");
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"]);
    assert!(console.text("[data-rule=ORG_ADMIN_REQUIRED]").contains("cannot manage users"));
    console.type_into("#csv-text", "email\nkai@owlcorp.com\n").await;
    assert!(disabled(&console, "Import"));
    assert!(reason_of(&console, "Import").contains("ORG_ADMIN_REQUIRED"));
    assert!(!saved().contains("kai@owlcorp.com"));
}

#[wasm_bindgen_test]
async fn the_overview_counts_and_links_to_what_needs_attention() {
    let _turn = fresh_browser("/").await;
    let mut ws = demo_workspace();
    let (corp, olivia) = corp_and(&ws, "olivia@owlcorp.com");
    let olivia = Actor::User(olivia);
    let invite = Command::InviteUser {
        organization: corp.clone(),
        email: "kim@owlcorp.com".into(),
        role: OrgRole::Standard,
    };
    apply(&mut ws, &olivia, &invite).unwrap();
    for n in 0..6 {
        let name = format!("Owl Corp {n}");
        let create =
            Command::CreateAccount { organization: corp.clone(), name, usage: Usage::Twilio };
        apply(&mut ws, &olivia, &create).unwrap();
    }
    org_console::persistence::save(&ws).unwrap();

    let console = open_console().await;
    let facts: Vec<String> =
        console.all(".facts div").iter().map(|d| d.text_content().unwrap()).collect();
    for fact in [
        "Managed accounts8 of 10",
        "Independent accounts1",
        "Pending accounts0",
        "Managed users3",
        "Independent users1",
        "Pending invitations1",
        "Domains2 (1 verified)",
        "HIPAA EntitlementOff",
        "Import UsersOff",
    ] {
        assert!(facts.iter().any(|f| f == fact), "no `{fact}` in {facts:?}");
    }
    let links: Vec<(String, String)> = console
        .all(".attention a")
        .iter()
        .map(|a| (a.text_content().unwrap(), a.get_attribute("href").unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            ("1 pending invitation".to_owned(), "/users?tab=pending".to_owned()),
            ("1 unverified domain".to_owned(), "/domains".to_owned()),
            ("8 of 10 managed accounts used".to_owned(), "/accounts".to_owned()),
            ("3 health check findings".to_owned(), "/health".to_owned()),
        ]
    );
    console.click("1 unverified domain").await;
    assert_eq!(console.heading(), "Domains");
}

#[wasm_bindgen_test]
async fn create_an_organization_as_someone_who_belongs_to_none() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Create organization").await;
    assert_eq!(console.heading(), "Create organization");
    let demo = demo_workspace();
    let sid_of = |email: &str| demo.user_by_email(email).unwrap().sid.to_string();
    let answer = |email: &str| console.text(&format!("[id='creator-{}-answer']", sid_of(email)));
    let submit = || console.get("form[aria-labelledby=create-heading] button[type=submit]");

    let olivia = answer("olivia@owlcorp.com");
    assert!(
        olivia.contains("USER_ONE_ORGANIZATION") && olivia.contains("already belongs to Owl Corp"),
        "{olivia}"
    );
    assert!(submit().unchecked_into::<web_sys::HtmlButtonElement>().disabled());
    assert!(answer("pat@quillagency.com").contains("owns no account"));
    let casey = answer("casey@freelance.dev");
    assert!(
        casey.contains("ORG_CREATOR_VERIFIED_PHONE") && casey.contains("no verified phone number"),
        "{casey}"
    );

    console.get(&format!("#creator-{}", sid_of("casey@freelance.dev"))).click();
    settle().await;
    assert!(submit().unchecked_into::<web_sys::HtmlButtonElement>().disabled());
    console.click("Verify a phone number").await;
    assert_eq!(answer("casey@freelance.dev"), "May create an organization");
    assert!(disabled(&console, "Verify a phone number"), "verified once");
    assert!(reason_of(&console, "Verify a phone number").contains("PHONE_ALREADY_VERIFIED"));

    submit().click();
    settle().await;
    assert_eq!(console.refusals(), ["ORG_NAME_LENGTH"]);
    console.type_into("#new-organization-name", "Casey Labs").await;
    submit().click();
    settle().await;
    assert_eq!(console.heading(), "Casey Labs");
    assert!(console.text(".toast").contains("Created Casey Labs; you are its Owner"));
    assert!(console.value("#actor-switcher").contains("Casey Moreau (Owner)"));
    assert!(console.text("main").contains("Managed accounts1 of 10"), "Casey's account joined it");
}

#[wasm_bindgen_test]
async fn a_dropped_file_is_previewed() {
    let _turn = fresh_browser("/users/import").await;
    let console = open_console().await;
    let parts = js_sys::Array::of1(&"email,name\nkai@owlcorp.com,Kai\n".into());
    let file = web_sys::File::new_with_str_sequence(&parts, "people.csv").unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.items().add_with_file(&file).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_data_transfer(Some(&data));
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    console.get(".dropzone").dispatch_event(&drop).unwrap();
    settle().await;

    let pasted: web_sys::HtmlTextAreaElement = console.get("#csv-text").unchecked_into();
    assert!(pasted.value().contains("kai@owlcorp.com"), "the file's text is shown");
    assert!(console.text("tr[data-outcome=imports]").contains("kai@owlcorp.com"));
}
