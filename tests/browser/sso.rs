//! The Single sign-on screen: the SAML profile, its test, enforcement on a domain with whom it
//! affects, and simulated logins.

use super::*;
use org_rules::model::OrgRole;
use org_rules::{Actor, Command, submit};
use web_sys::HtmlTextAreaElement;

const ENTITY_ID: &str = "http://www.okta.com/exk1owlcorp";
const SSO_URL: &str = "https://owlcorp.okta.com/app/twilio/sso/saml";
const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\n\
    T3dsIENvcnAgdGVzdCBJZFAgc2lnbmluZyBjZXJ0aWZpY2F0ZSwgbm90IGEgcmVhbCBvbmU=\n\
    -----END CERTIFICATE-----";

/// The people the row headed `effect` names, in the affected-users table.
fn affected(console: &Console, effect: &str) -> String {
    console
        .all(".sso-affected tbody tr")
        .into_iter()
        .find(|row| row.text_content().unwrap_or_default().contains(effect))
        .and_then(|row| row.query_selector("td").unwrap())
        .and_then(|cell| cell.text_content())
        .unwrap_or_else(|| panic!("no row `{effect}`"))
}

async fn save_profile(console: &Console) {
    console.type_into("#sso-entity-id", ENTITY_ID).await;
    console.type_into("#sso-url", SSO_URL).await;
    let certificate: HtmlTextAreaElement = console.get("#sso-certificate").unchecked_into();
    certificate.set_value(CERTIFICATE);
    certificate.dispatch_event(&Event::new("input").unwrap()).unwrap();
    settle().await;
    console.click("Save profile").await;
}

/// Owl Labs merges into Owl Corp by invitation, so that Lena's owlcorp.com address is managed.
fn merge_labs_into_corp() {
    let mut ws = persistence::saved().unwrap();
    let org =
        |name: &str| ws.organizations().find(|o| o.friendly_name == name).unwrap().sid.clone();
    let (corp, labs) = (org("Owl Corp"), org("Owl Labs"));
    let olivia = Actor::User(ws.owner_of(&corp).unwrap().sid.clone());
    let invite = Command::InviteToMerge { prime: corp, candidate: labs, role: OrgRole::Standard };
    let invitation = submit(&mut ws, &olivia, &invite).unwrap().created.unwrap().parse().unwrap();
    submit(&mut ws, &Actor::World, &Command::AcceptInvitation { invitation }).unwrap();
    persistence::save(&ws).unwrap();
}

#[wasm_bindgen_test]
async fn save_test_and_enforce_sso_then_password_login_is_refused_and_sso_allowed() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Single sign-on").await;
    assert_eq!(console.heading(), "Single sign-on");
    assert_eq!(console.text(".page-title .badge"), "Not set up");
    let reason = reason_for(&console, "Save profile").expect("nothing to save yet");
    assert!(reason.contains("SSO_ENTITY_ID_REQUIRED"), "{reason}");

    save_profile(&console).await;
    assert!(console.text(".toast").contains("Created the SSO profile"));
    assert_eq!(console.text(".page-title .badge"), "Not tested");
    let values = console.text(".sp-values");
    assert!(values.contains("https://iam.twilio.com/v1/saml2/UI"), "{values}");
    assert!(values.contains("/acs") && values.contains("/metadata"), "{values}");
    assert_eq!(console.all(".sp-values button").len(), 2, "each value has a Copy button");

    // Enforcing before a successful test is refused with its rule.
    let reason = reason_for(&console, "Enforce SSO").expect("untested");
    assert!(reason.contains("SSO_TEST_REQUIRED"), "{reason}");

    // Outside the console, the identity provider answers with an error: the test fails.
    console.choose("#idp-error", "Audience does not match").await;
    console.click("Answer with this error").await;
    console.click("Test connection").await;
    assert_eq!(console.refusals(), ["SSO_TEST_FAILED"]);
    assert!(console.text("[data-rule=SSO_TEST_FAILED]").contains("audience"));
    assert_eq!(console.text(".page-title .badge"), "Not tested");

    console.click("Answer correctly").await;
    console.click("Test connection").await;
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());
    assert!(console.text(".toast").contains("The SSO connection test succeeded"));
    assert_eq!(console.text(".page-title .badge"), "Tested");

    // Whom enforcing on owlcorp.com would affect: Lena of Owl Labs is not managed, so it is refused.
    assert!(affected(&console, "Must log in with SSO").contains("Sam Rivera"));
    assert!(affected(&console, "exempt").contains("Olivia Hart"), "the admin who enforces it");
    assert!(affected(&console, "Not managed").contains("lena@owlcorp.com"));
    let reason = reason_for(&console, "Enforce SSO").expect("Lena is not managed");
    assert!(reason.contains("SSO_UNMANAGED_DOMAIN_USERS"), "{reason}");
    drop(console);

    merge_labs_into_corp();
    go_to("/sso");
    let console = open_console().await;
    assert_eq!(affected(&console, "Not managed"), "Nobody");
    assert!(affected(&console, "Must log in with SSO").contains("Lena Park"));
    console.click("Enforce SSO").await;
    assert_eq!(console.text("#confirm-title"), "Enforce SSO on owlcorp.com?");
    console.all("[role=alertdialog] button").pop().unwrap().click();
    settle().await;
    assert!(console.text(".toast").contains("SSO is now enforced on owlcorp.com"));
    assert_eq!(console.text(".sso-domain .badge"), "Enforced");
    console.control("Stop enforcing");

    // A managed user of the domain: password refused, before and by trying; SSO allowed.
    console.type_into("#login-email", "sam@owlcorp.com").await;
    let preview = console.get("#login-preview .preview-refused");
    assert_eq!(preview.get_attribute("data-rule").unwrap(), "LOGIN_SSO_REQUIRED");
    console.click("Log in").await;
    assert_eq!(console.refusals(), ["LOGIN_SSO_REQUIRED"]);

    console.get("#login-sso").click();
    settle().await;
    assert!(
        console.text("#login-preview").contains("Would be allowed: Sam Rivera logged in with SSO")
    );
    console.click("Log in").await;
    assert!(console.text(".toast").contains("Sam Rivera logged in with SSO"));

    // Olivia enforced it, so she keeps her password.
    console.type_into("#login-email", "olivia@owlcorp.com").await;
    console.get("#login-password").click();
    settle().await;
    assert!(console.text("#login-preview").contains("Would be allowed"));
    assert!(saved().contains("\"event_type\":\"sso_profile.enforced\""));
}

#[wasm_bindgen_test]
async fn a_standard_user_sees_single_sign_on_but_cannot_change_it() {
    let _turn = fresh_browser("/sso").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Sam Rivera").await;
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"], "said once, for the whole page");
    save_profile(&console).await;
    let reason = reason_for(&console, "Save profile").expect("a Standard user cannot save");
    assert!(reason.contains("ORG_ADMIN_REQUIRED"), "{reason}");
    assert!(!saved().contains("sso_profile.created"));
}
