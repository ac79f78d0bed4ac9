//! The audit log and the rule pages.

use super::*;
use org_rules::model::AuditEvent;
use org_rules::sid::EventSid;
use org_rules::workspace::Workspace;

/// Adds gmail.com, which is refused with DOMAIN_COMMON_PROVIDER.
async fn refuse_a_common_provider(console: &Console) {
    console.click("Domains").await;
    console.type_into("#new-domain", "gmail.com").await;
    console.click("Add domain").await;
    assert_eq!(console.refusals(), ["DOMAIN_COMMON_PROVIDER"]);
}

fn audit_rows(console: &Console) -> Vec<HtmlElement> {
    console.all("table[aria-label='Audit events'] > tbody > tr")
}

#[wasm_bindgen_test]
async fn the_audit_log_filters_by_actor_and_lists_a_refusal() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    refuse_a_common_provider(&console).await;
    console.type_into("#new-domain", "owl-audit.com").await;
    console.click("Add domain").await;

    console.click("Audit log").await;
    assert_eq!(console.heading(), "Audit log");
    let newest = audit_rows(&console)[0].text_content().unwrap();
    assert!(newest.contains("domain.created"), "newest first: {newest}");
    let refused = audit_rows(&console)[1].clone();
    let text = refused.text_content().unwrap();
    assert!(text.contains("Refused") && text.contains("command.denied"), "{text}");
    assert!(text.contains("Olivia Hart"), "{text}");
    let rule = refused.query_selector(".rule-links a").unwrap().unwrap();
    assert_eq!(rule.get_attribute("href").unwrap(), "/rules/DOMAIN_COMMON_PROVIDER");

    console.choose("#audit-actor", "Outside the console").await;
    assert!(window().location().search().unwrap().contains("actor=world"));
    let rows = audit_rows(&console);
    assert!(rows.iter().all(|tr| tr.text_content().unwrap().contains("Outside the console")));
    assert!(!rows.iter().any(|tr| tr.text_content().unwrap().contains("gmail.com")));

    console.choose("#audit-actor", "Olivia Hart").await;
    let rows = audit_rows(&console);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|tr| tr.text_content().unwrap().contains("Olivia Hart")));
    console.choose("#audit-type", "command.denied").await;
    let rows = audit_rows(&console);
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].text_content().unwrap().contains("add_domain refused by DOMAIN_COMMON_PROVIDER")
    );

    drop(console);
    let kept = window().location();
    go_to(&format!("{}{}", kept.pathname().unwrap(), kept.search().unwrap()));
    let console = open_console().await;
    assert_eq!(audit_rows(&console).len(), 1, "the filters are kept in the address");
}

/// The day of each listed event, from its Date cell (`2026-11-02T09:00:00Z`), with its text.
fn days_and_texts(console: &Console) -> Vec<(String, String)> {
    audit_rows(console)
        .iter()
        .map(|tr| {
            let date = tr.query_selector("td:nth-of-type(4)").unwrap().unwrap();
            let day = date.text_content().unwrap()[..10].to_owned();
            (day, tr.text_content().unwrap())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_audit_log_filters_by_day_from_and_to() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.type_into("#new-domain", "owl-before.com").await;
    console.click("Add domain").await;
    console.click("Data").await;
    console.click("Advance 1 day").await;
    console.click("Domains").await;
    console.type_into("#new-domain", "owl-after.com").await;
    console.click("Add domain").await;

    console.click("Audit log").await;
    let rows = days_and_texts(&console);
    let day_of = |name: &str| rows.iter().find(|(_, text)| text.contains(name)).unwrap().0.clone();
    let (before, after) = (day_of("owl-before.com"), day_of("owl-after.com"));
    assert!(before < after, "{before} then {after}");

    console.type_into("#audit-from", &after).await;
    let shown = days_and_texts(&console);
    assert!(shown.iter().any(|(_, text)| text.contains("owl-after.com")));
    assert!(shown.iter().all(|(day, text)| *day >= after && !text.contains("owl-before.com")));

    console.type_into("#audit-from", "").await;
    console.type_into("#audit-to", &before).await;
    let shown = days_and_texts(&console);
    assert!(shown.iter().any(|(_, text)| text.contains("owl-before.com")));
    assert!(shown.iter().all(|(day, text)| *day <= before && !text.contains("owl-after.com")));
    assert!(window().location().search().unwrap().contains(&format!("to={before}")));
}

#[wasm_bindgen_test]
async fn an_event_opens_to_its_event_data() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.click("owlcorp.dev").await;
    console.get("#signup-autoenrollment").click();
    settle().await;

    console.click("Audit log").await;
    let details = console.get("tbody details.event");
    assert!(!details.has_attribute("open"));
    // A closed event's changes are drawn only once it is opened; its SID, at once.
    assert!(console.find("tbody details.event table").is_none());
    assert!(console.text("tbody details.event .event-sid").starts_with("Event SID AE"));
    let summary = console.get("tbody details.event summary");
    summary.click();
    settle().await;
    assert!(details.has_attribute("open"));
    let data = console.text("tbody details.event table[aria-label='Event data']");
    assert!(data.contains("Restricted") && data.contains("Auto-enrollment"), "{data}");
    // Closed and opened again, it shows the same changes once.
    summary.click();
    settle().await;
    summary.click();
    settle().await;
    assert!(details.has_attribute("open"));
    assert_eq!(details.query_selector_all("table").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn a_rule_page_opens_from_a_refusal_and_survives_a_reload() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    refuse_a_common_provider(&console).await;
    console.click("About this rule").await;
    assert_eq!(window().location().pathname().unwrap(), "/rules/DOMAIN_COMMON_PROVIDER");
    let title = console.heading();
    assert_eq!(title, org_rules::domains::DOMAIN_COMMON_PROVIDER.title);
    assert!(console.text(".rule-page").contains("Refuses"));
    assert_eq!(console.text(".rule-screens"), "Domains");
    drop(console);

    go_to("/rules/DOMAIN_COMMON_PROVIDER");
    let console = open_console().await;
    assert_eq!(console.heading(), title);
    assert!(console.text(".rule-page").contains("DOMAIN_COMMON_PROVIDER"));
    drop(console);

    go_to("/rules/NO_SUCH_RULE");
    let console = open_console().await;
    assert_eq!(console.heading(), "Rule not found");
    console.click("Back to Rules").await;
    console.choose("#rule-area", "Merge organizations").await;
    let rows = console.all("table[aria-label=Rules] tbody tr");
    assert!(!rows.is_empty() && rows.iter().all(|tr| tr.id().starts_with("MERGE_")));
}

#[wasm_bindgen_test]
async fn ten_thousand_events_render_one_page() {
    let _turn = fresh_browser("/audit").await;
    let mut state = org_rules::demo::demo_workspace().state().clone();
    let now = state.now;
    for n in 0..10_000 {
        state.audit.push(AuditEvent {
            sid: state.sids.issue::<EventSid>(),
            event_type: "account.updated".to_owned(),
            event_date: now,
            actor_sid: None,
            resource_type: "account".to_owned(),
            resource_sid: format!("event {n}"),
            description: format!("Event number {n}"),
            event_data: Default::default(),
            rules: Vec::new(),
        });
    }
    persistence::save(&Workspace::from_state(state)).unwrap();
    let console = open_console().await;
    assert_eq!(audit_rows(&console).len(), 50);
    assert!(console.text(".result-count").starts_with("10,0"), "{}", console.text(".result-count"));
    assert!(audit_rows(&console)[0].text_content().unwrap().contains("Event number 9999"));

    console.type_into("#audit-resource", "event 42").await;
    // event 42 and event 420–429, 4200–4299.
    assert_eq!(console.text(".result-count"), "111 events");
    console.click("Next page").await;
    assert_eq!(audit_rows(&console).len(), 50);
}
