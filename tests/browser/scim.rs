//! SCIM provisioning: the OAuth app and its once-shown secret, requests from the console as an
//! identity provider sends them, their responses and rules, and the users they make.

use super::*;
use web_sys::HtmlButtonElement;

/// The description of the term `term` on the page, such as the client ID's.
fn description(console: &Console, term: &str) -> web_sys::Element {
    console
        .all("dt")
        .into_iter()
        .find(|dt| dt.text_content().unwrap_or_default().trim() == term)
        .and_then(|dt| dt.next_element_sibling())
        .unwrap_or_else(|| panic!("no `{term}` on the page"))
}

fn value_of(console: &Console, term: &str) -> String {
    description(console, term).text_content().unwrap_or_default()
}

/// The code shown for `term`, without its Copy button.
fn code_of(console: &Console, term: &str) -> String {
    let code = description(console, term).query_selector("code").unwrap();
    code.and_then(|code| code.text_content()).unwrap_or_else(|| panic!("no `{term}` code"))
}

fn field_value(console: &Console, selector: &str) -> String {
    let input: HtmlInputElement = console.get(selector).unchecked_into();
    input.value()
}

/// The row of the table named `label` that mentions `text`.
fn row_with(console: &Console, label: &str, text: &str) -> HtmlElement {
    console
        .all(&format!("table[aria-label='{label}'] tbody tr"))
        .into_iter()
        .find(|row| row.text_content().unwrap_or_default().contains(text))
        .unwrap_or_else(|| panic!("no row with `{text}` in {label}"))
}

/// Opens the SCIM page as the demo's Owner and creates the OAuth app; returns its client ID.
async fn with_an_app(console: &Console) -> String {
    console.click("SCIM provisioning").await;
    console.click("Create OAuth app").await;
    code_of(console, "Client ID")
}

async fn send(console: &Console, example: &str) {
    console.click(example).await;
    console.click("Send request").await;
}

#[wasm_bindgen_test]
async fn the_oauth_app_is_created_and_its_secret_shown_once() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Sam Rivera").await;
    console.click("SCIM provisioning").await;
    assert_eq!(console.heading(), "SCIM provisioning");
    assert_eq!(console.text(".page-title .badge"), "No OAuth app");
    let reason = reason_for(&console, "Create OAuth app").expect("a Standard user cannot");
    assert!(reason.contains("ORG_ADMIN_REQUIRED"), "{reason}");
    let sending: HtmlButtonElement = console.control("Send request").unchecked_into();
    assert!(sending.disabled(), "no app, nothing to call through");
    assert!(console.text("#scim-send-reason").contains("SCIM_APP_REQUIRED"));
    assert!(console.text(".main").contains("https://iam.twilio.com/scim/v2"));

    console.choose("#actor-switcher", "Olivia Hart").await;
    assert_eq!(reason_for(&console, "Create OAuth app"), None);
    console.click("Create OAuth app").await;
    assert!(console.text(".toast").contains("Created an OAuth app for SCIM"));
    assert_eq!(console.text(".page-title .badge"), "Ready");
    let client_id = code_of(&console, "Client ID");
    assert!(client_id.starts_with("OQ") && client_id.len() == 34, "{client_id}");
    let notice = console.get(".scim-secret");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("status"));
    assert!(notice.text_content().unwrap().contains("it is shown once"));
    let secret = console.text(".scim-secret dd code");
    assert_eq!(secret.len(), 32, "{secret}");
    assert!(secret.chars().all(|c| c.is_ascii_alphanumeric()), "{secret}");
    assert!(value_of(&console, "Authorized by").contains("Olivia Hart (olivia@owlcorp.com)"));
    assert!(console.text(".main").contains("dedicated service user"));
    assert!(!console.control("Send request").unchecked_into::<HtmlButtonElement>().disabled());
    assert!(stored(&persistence::entry_key(1)).contains("\"type\":\"create_scim_app\""));
    assert!(!stored(&persistence::entry_key(1)).contains(&secret), "the secret is not stored");

    console.click("Users").await;
    console.click("SCIM provisioning").await;
    assert!(console.find(".scim-secret").is_none(), "gone once the page is left");
    assert_eq!(value_of(&console, "Client secret"), "Shown once, when the app was created.");
    assert_eq!(code_of(&console, "Client ID"), client_id);
    assert!(console.all("button").iter().all(|b| b.text_content().unwrap() != "Create OAuth app"));
}

#[wasm_bindgen_test]
async fn a_user_created_as_okta_sends_it_is_a_managed_user_marked_scim() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    let client_id = with_an_app(&console).await;

    console.click("Create a user as Okta sends it").await;
    assert_eq!(field_value(&console, "#scim-method"), "POST");
    assert_eq!(field_value(&console, "#scim-path"), "/scim/v2/Users");
    assert!(field_value(&console, "#scim-headers").contains("Authorization: Bearer "));
    assert!(
        field_value(&console, "#scim-body").contains("\"userName\": \"jordan.lee@owlcorp.com\"")
    );
    console.click("Send request").await;
    assert_eq!(console.text(".scim-status"), "201 Created");
    let headers = console.text(".scim-headers");
    assert!(headers.contains("Location: https://iam.twilio.com/scim/v2/Users/US"), "{headers}");
    let body = console.text(".scim-body");
    assert!(body.contains("\"externalId\": \"00u5j2kq8wTbRr0Ly697\""), "{body}");
    assert!(body.contains("\"active\": true"), "{body}");
    let sent = row_with(&console, "Requests sent", "/scim/v2/Users").text_content().unwrap();
    assert!(sent.contains("POST") && sent.contains("201 Created"), "{sent}");

    // The request was journaled as the command it became, with the app as its actor.
    let entry = stored(&persistence::entry_key(2));
    assert!(entry.contains(&format!("\"actor\":{{\"app\":\"{client_id}\"}}")), "{entry}");
    assert!(entry.contains("\"type\":\"scim_create_user\""), "{entry}");
    assert!(saved().contains("jordan.lee@owlcorp.com"), "a reload finds the user");

    console.click("Users").await;
    console.click("Managed (4)").await;
    let row = row_with(&console, "Managed users", "jordan.lee@owlcorp.com");
    assert_eq!(row.query_selector(".badge").unwrap().unwrap().text_content().unwrap(), "SCIM");
    assert!(row.text_content().unwrap().contains("externalId 00u5j2kq8wTbRr0Ly697"));
    let others = row_with(&console, "Managed users", "sam@owlcorp.com");
    assert!(others.query_selector(".badge").unwrap().is_none(), "Sam was not provisioned");

    // Entra ID's deprovisioning reaches the user SCIM created.
    console.click("SCIM provisioning").await;
    send(&console, "Deactivate by PATCH").await;
    assert_eq!(console.text(".scim-status"), "200 OK");
    assert!(console.text(".scim-body").contains("\"active\": false"));
    assert_eq!(console.all("table[aria-label='Requests sent'] tbody tr").len(), 2);
    console.get("button[aria-label^='Show request 1:']").click();
    settle().await;
    assert_eq!(console.text(".scim-status"), "201 Created", "the first response, again");
    assert_eq!(field_value(&console, "#scim-method"), "POST");

    console.click("Users").await;
    console.click("Jordan Lee").await;
    assert_eq!(console.heading(), "Jordan Lee");
    let badges: Vec<String> =
        console.all(".page-title .badge").iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(badges, ["Deactivated", "SCIM"]);
    assert_eq!(value_of(&console, "Provisioned by SCIM"), "Yes · externalId 00u5j2kq8wTbRr0Ly697");
    assert_eq!(value_of(&console, "Status"), "Deactivated by the identity provider");
}

#[wasm_bindgen_test]
async fn an_unsupported_filter_is_answered_400_with_its_rule() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    with_an_app(&console).await;

    console.choose("#scim-method", "DELETE").await;
    console.click("A filter Twilio does not support").await;
    assert_eq!(field_value(&console, "#scim-method"), "GET");
    assert!(field_value(&console, "#scim-path").contains("filter=displayName co"));
    console.click("Send request").await;
    assert_eq!(console.text(".scim-status"), "400 Bad Request");
    let body = console.text(".scim-body");
    assert!(body.contains("\"scimType\": \"invalidFilter\""), "{body}");
    assert!(body.contains("\"code\": 25001"), "{body}");
    assert!(body.contains("\"status\": \"400\""), "{body}");
    let rule = console.get(".scim-response a[href$='/rules/SCIM_FILTER_UNSUPPORTED']");
    assert_eq!(rule.text_content().unwrap(), "SCIM_FILTER_UNSUPPORTED");
    assert_eq!(stored(&persistence::entry_key(2)), "", "a read journals nothing");

    // A header line that is not `Name: value` is said, and nothing is sent.
    console
        .type_into("#scim-headers", "Authorization: Bearer token\nContent-Type application/json")
        .await;
    console.click("Send request").await;
    let alert = console.text(".scim-form [role=alert]");
    assert!(
        alert.contains("Line 2 of the headers") && alert.contains("Nothing was sent"),
        "{alert}"
    );
    assert_eq!(console.all("table[aria-label='Requests sent'] tbody tr").len(), 1);

    // Without a bearer token, the endpoint answers 401.
    console.type_into("#scim-headers", "Accept: application/scim+json").await;
    console.click("Send request").await;
    assert_eq!(console.text(".scim-status"), "401 Unauthorized");
    assert!(console.text(".scim-headers").contains("WWW-Authenticate: Bearer"));
}

#[wasm_bindgen_test]
async fn deactivating_the_user_who_authorized_the_app_stops_provisioning() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Arjun Mehta").await;
    with_an_app(&console).await;
    assert!(value_of(&console, "Authorized by").contains("Arjun Mehta"));
    assert_eq!(console.text(".page-title .badge"), "Ready");

    let workspace = persistence::saved().unwrap();
    let arjun = workspace.user_by_email("arjun@owlcorp.com").unwrap().sid.clone();
    console.click("Deactivate by PATCH").await;
    console.type_into("#scim-path", &format!("/scim/v2/Users/{arjun}")).await;
    console.click("Send request").await;
    assert_eq!(console.text(".scim-status"), "200 OK");
    assert_eq!(console.text(".page-title .badge"), "Provisioning stopped");
    assert_eq!(console.refusals(), ["SCIM_APP_AUTHORIZER_INACTIVE"]);
    assert!(console.text("[data-rule=SCIM_APP_AUTHORIZER_INACTIVE]").contains("arjun@owlcorp.com"));

    send(&console, "Create a user as Okta sends it").await;
    assert_eq!(console.text(".scim-status"), "401 Unauthorized");
    let rule = console.get(".scim-response a[href$='/rules/SCIM_APP_AUTHORIZER_INACTIVE']");
    assert_eq!(rule.text_content().unwrap(), "SCIM_APP_AUTHORIZER_INACTIVE");
    assert!(!saved().contains("jordan.lee@owlcorp.com"));
}
