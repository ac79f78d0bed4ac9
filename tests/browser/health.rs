//! The health check and the simulated clock.

use super::*;

fn finding(console: &Console, id: &str) -> Option<HtmlElement> {
    console.find(&format!("[data-finding={id}]"))
}

async fn set_arjuns_role(console: &Console, role: &str) {
    console.click("Users").await;
    console.click("Arjun Mehta").await;
    console.choose("#new-role", role).await;
    console.click("Change role").await;
}

#[wasm_bindgen_test]
async fn the_single_owner_risk_is_listed_until_an_administrator_is_added() {
    let _turn = fresh_browser("/health").await;
    let console = open_console().await;
    assert_eq!(console.heading(), "Health check");
    assert!(finding(&console, "SINGLE_OWNER").is_none(), "Owl Corp has Arjun as Administrator");
    console.choose("#organization-switcher", "Owl Labs").await;
    assert!(finding(&console, "SINGLE_OWNER").is_some(), "Owl Labs has only Lena");

    console.choose("#organization-switcher", "Owl Corp").await;
    set_arjuns_role(&console, "Standard user").await;
    console.click("Health check").await;
    let risk = finding(&console, "SINGLE_OWNER").expect("no Administrator left");
    assert!(risk.text_content().unwrap().contains("olivia@owlcorp.com"));
    console.click("olivia@owlcorp.com").await;
    assert_eq!(console.heading(), "Olivia Hart", "a finding's link opens the object");

    set_arjuns_role(&console, "Administrator").await;
    console.click("Health check").await;
    assert!(finding(&console, "SINGLE_OWNER").is_none());
}

#[wasm_bindgen_test]
async fn advancing_the_clock_eight_days_expires_an_invitation_and_says_so() {
    let _turn = fresh_browser("/users").await;
    let console = open_console().await;
    console.type_into("#invite-email", "kim@owlcorp.com").await;
    console.click("Invite user").await;
    assert!(console.text(".sim-date").contains("2026-11-02"));

    console.click("Data").await;
    console.click("Advance 1 day").await;
    assert!(console.text(".clock-summary").contains("Nothing happened"));
    console.click("Advance 7 days").await;
    let summary = console.text(".clock-summary");
    assert!(summary.contains("Invitation expired unanswered"), "{summary}");
    assert!(console.text(".sim-date").contains("2026-11-10"), "every page shows the date");
    console.click("Invitation expired unanswered").await;
    assert!(console.text("table[aria-label='Pending users'] tbody").contains("Expired"));
}
