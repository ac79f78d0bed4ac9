//! The console in headless Chromium, driven as a person would: click, type, wait a tick, then
//! look at the page and at localStorage. One file, because each file is its own wasm build.
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Mountable, Render};
use leptos::task::tick;
use org_console::App;
use org_console::persistence::{self, HEAD, QUARANTINE};
use org_rules::snapshot::to_json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted console and the element it lives in. Dropping it unmounts the app and runs its
/// cleanups; `mount_to`'s handle only unmounts, leaving the router's window listeners behind to
/// swallow the next app's link clicks.
struct Console {
    root: HtmlElement,
    owner: Owner,
    view: AnyViewState,
}

impl Drop for Console {
    fn drop(&mut self) {
        self.view.unmount();
        self.owner.cleanup();
        self.root.remove();
    }
}

thread_local! {
    static BROWSER_IN_USE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The browser for one test at a time: wasm-bindgen-test interleaves async tests, and these
/// share one page, one address bar and one localStorage.
struct Turn;

impl Drop for Turn {
    fn drop(&mut self) {
        BROWSER_IN_USE.set(false);
    }
}

/// Waits for the browser, then starts from a clean one: no stored workspace, at `path`.
async fn fresh_browser(path: &str) -> Turn {
    while BROWSER_IN_USE.get() {
        next_macrotask().await;
    }
    BROWSER_IN_USE.set(true);
    LocalStorage::clear();
    go_to(path);
    Turn
}

fn go_to(path: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

async fn open_console() -> Console {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    // What `mount_to` does first: drive the reactive system with wasm-bindgen-futures.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let mut view = owner.with(|| view! { <App /> }.into_any().build());
    view.mount(&root, None);
    settle().await;
    Console { root, owner, view }
}

/// Lets Leptos finish the updates a change scheduled: effects run on the next tick, and the
/// router renders a new route after a macrotask.
async fn settle() {
    for _ in 0..3 {
        tick().await;
        next_macrotask().await;
    }
}

/// Waits until the browser has run what was left for when it is idle, such as compaction.
async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_idle_callback(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn next_macrotask() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

impl Console {
    fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.root.query_selector(selector).unwrap().map(JsCast::unchecked_into)
    }

    fn get(&self, selector: &str) -> HtmlElement {
        self.find(selector).unwrap_or_else(|| panic!("nothing matches `{selector}`"))
    }

    fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// The button or link whose text is exactly `label`.
    fn control(&self, label: &str) -> HtmlElement {
        self.all("button, a")
            .into_iter()
            .find(|el| el.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| {
                panic!("no button or link labelled `{label}` in: {}", self.root.inner_text())
            })
    }

    async fn click(&self, label: &str) {
        self.control(label).click();
        settle().await;
    }

    async fn type_into(&self, selector: &str, text: &str) {
        let input: HtmlInputElement = self.get(selector).unchecked_into();
        input.set_value(text);
        input.dispatch_event(&Event::new("input").unwrap()).unwrap();
        settle().await;
    }

    /// Picks the option that reads `option_text` in a `<select>`, or in a people picker (a
    /// combobox): there by typing it and clicking the match, as a person would.
    async fn choose(&self, selector: &str, option_text: &str) {
        let control = self.get(selector);
        if control.get_attribute("role").as_deref() == Some("combobox") {
            control.dispatch_event(&Event::new("focus").unwrap()).unwrap();
            self.type_into(selector, option_text).await;
            let listbox = control.get_attribute("aria-controls").unwrap();
            let option = self
                .all(&format!("#{listbox} [role=option]"))
                .into_iter()
                .find(|o| o.text_content().unwrap_or_default().contains(option_text))
                .unwrap_or_else(|| panic!("no option `{option_text}` in `{selector}`"));
            option.dispatch_event(&Event::new("mousedown").unwrap()).unwrap();
            settle().await;
            return;
        }
        let select: HtmlSelectElement = control.unchecked_into();
        let options = select.options();
        let index = (0..options.length())
            .find(|&i| {
                options.item(i).unwrap().text_content().unwrap_or_default().contains(option_text)
            })
            .unwrap_or_else(|| panic!("no option `{option_text}` in `{selector}`"));
        select.set_selected_index(index as i32);
        select.dispatch_event(&Event::new("change").unwrap()).unwrap();
        settle().await;
    }

    /// What an input shows.
    fn value(&self, selector: &str) -> String {
        self.get(selector).unchecked_into::<HtmlInputElement>().value()
    }

    fn heading(&self) -> String {
        self.text("h1")
    }

    /// The rule id of the refusal shown on the page, if any.
    fn refusals(&self) -> Vec<String> {
        self.all("[role=alert][data-rule]")
            .iter()
            .filter_map(|el| el.get_attribute("data-rule"))
            .collect()
    }

    fn domain_rows(&self) -> Vec<String> {
        self.all("table[aria-label=Domains] tbody th")
            .iter()
            .map(|th| th.text_content().unwrap_or_default())
            .collect()
    }
}

/// The reason shown under the button labelled `label`, if it is disabled.
fn reason_for(console: &Console, label: &str) -> Option<String> {
    let button = console.control(label);
    let disabled = button.get_attribute("disabled").is_some();
    let reason = button.get_attribute("aria-describedby")?;
    disabled.then(|| console.text(&format!("#{reason}")))
}

fn stored(key: &str) -> String {
    LocalStorage::raw().get_item(key).unwrap().unwrap_or_default()
}

/// What a reload would find, as JSON: the stored snapshot with its journal replayed.
fn saved() -> String {
    persistence::saved().map(|workspace| to_json(&workspace)).unwrap_or_default()
}

/// The workspace kept as the previous copy, as JSON.
fn previous_saved() -> String {
    persistence::previous().map(|workspace| to_json(&workspace)).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn add_a_domain_publish_its_record_and_verify_it() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Domains").await;
    assert_eq!(console.heading(), "Domains");
    assert_eq!(console.domain_rows(), ["owlcorp.com", "owlcorp.dev"]);

    console.type_into("#new-domain", "  Owl-Mail.IO ").await;
    console.click("Add domain").await;
    assert_eq!(console.heading(), "owl-mail.io", "adding opens the new domain's page");
    assert!(console.text(".toast").contains("Added owl-mail.io"));
    assert_eq!(console.text(".page-title .badge"), "Unverified");
    let record = console.text(".record-value");
    assert!(
        record.starts_with("twilio-domain-verification=") && record.len() == 27 + 32,
        "{record}"
    );
    assert!(console.text("table.record").contains("_twilio"));

    console.click("Verify").await;
    assert_eq!(console.refusals(), ["DOMAIN_RECORD_NOT_FOUND"]);
    assert!(
        console
            .text("[data-rule=DOMAIN_RECORD_NOT_FOUND]")
            .contains("Found no TXT record at _twilio.owl-mail.io")
    );

    console.click("Publish in DNS").await;
    assert_eq!(console.text(".dns-values code"), record);
    console.click("Verify").await;
    assert!(console.refusals().is_empty(), "{:?}", console.refusals());
    assert_eq!(console.text(".page-title .badge"), "Verified");
    assert!(console.text(".toast").contains("Verified owl-mail.io"));

    let saved = saved();
    let at = saved.find("\"name\":\"owl-mail.io\"").expect("the new domain is saved");
    assert!(saved[at..].contains("\"state\":\"verified\""));
}

#[wasm_bindgen_test]
async fn a_common_provider_is_refused_with_its_rule() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Domains").await;
    console.type_into("#new-domain", "gmail.com").await;
    console.click("Add domain").await;

    assert_eq!(console.heading(), "Domains", "a refusal stays in place");
    assert_eq!(console.refusals(), ["DOMAIN_COMMON_PROVIDER"]);
    let alert = console.text("[data-rule=DOMAIN_COMMON_PROVIDER]");
    assert!(alert.contains("Common email providers cannot be registered"), "{alert}");
    assert!(alert.contains("gmail.com is a common email provider"), "{alert}");
    assert_eq!(console.domain_rows(), ["owlcorp.com", "owlcorp.dev"]);
    let saved = saved();
    assert!(!saved.contains("\"name\":\"gmail.com\""), "no domain was added");
    assert!(
        saved.contains("add_domain refused by DOMAIN_COMMON_PROVIDER"),
        "the refusal is noted in the audit log"
    );

    console.type_into("#new-domain", "https://www.owlcorp.io/").await;
    console.click("Add domain").await;
    assert_eq!(console.refusals(), ["DOMAIN_NOT_BARE"]);
    assert!(console.text("[data-rule=DOMAIN_NOT_BARE]").contains("enter owlcorp.io"));
}

#[wasm_bindgen_test]
async fn a_standard_user_sees_adding_refused() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.choose("#actor-switcher", "Sam Rivera").await;
    console.click("Domains").await;

    let input: HtmlInputElement = console.get("#new-domain").unchecked_into();
    assert!(input.disabled());
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"]);
    assert!(
        console
            .text("[data-rule=ORG_ADMIN_REQUIRED]")
            .contains("sam@owlcorp.com is a Standard user and cannot manage domains")
    );

    console.click("owlcorp.dev").await;
    assert_eq!(console.refusals(), ["ORG_ADMIN_REQUIRED"], "said once, for the whole page");
    let verify: web_sys::HtmlButtonElement = console.control("Verify").unchecked_into();
    assert!(verify.disabled());
    assert!(console.text("#signup-heading").contains("@owlcorp.dev"));
    assert!(stored("org-console.session").contains("US"), "who is signed in is kept");
}

#[wasm_bindgen_test]
async fn the_workspace_is_restored_after_a_reload() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Domains").await;
    console.type_into("#new-domain", "owl-archive.com").await;
    console.click("Add domain").await;
    console.get("#signup-autoenrollment").click();
    settle().await;
    drop(console);

    go_to("/domains");
    let console = open_console().await;
    assert_eq!(console.domain_rows(), ["owl-archive.com", "owlcorp.com", "owlcorp.dev"]);
    let row = console.all("table[aria-label=Domains] tbody tr").remove(0).text_content().unwrap();
    assert!(row.contains("Auto-enrollment"), "{row}");
    // Each click stored its command, not the whole workspace.
    assert!(stored(&persistence::entry_key(1)).contains("\"type\":\"add_domain\""));
    let policy = stored(&persistence::entry_key(2));
    assert!(policy.contains("\"type\":\"set_signup_policy\"") && policy.len() < 500, "{policy}");
}

#[wasm_bindgen_test]
async fn removing_a_domain_asks_first() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.click("owlcorp.dev").await;
    console.click("Remove domain").await;
    assert_eq!(console.text("#confirm-title"), "Remove owlcorp.dev?");
    console.click("Cancel").await;
    assert!(console.find("[role=alertdialog]").is_none());
    assert_eq!(console.heading(), "owlcorp.dev");

    console.click("Remove domain").await;
    let confirm = console.all("[role=alertdialog] button").pop().unwrap();
    confirm.click();
    settle().await;
    assert_eq!(console.heading(), "Domains");
    assert_eq!(console.domain_rows(), ["owlcorp.com"]);
    assert!(console.text(".toast").contains("Removed owlcorp.dev"));
}

#[wasm_bindgen_test]
async fn an_unreadable_stored_workspace_is_set_aside_and_the_previous_copy_used() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    console.click("Domains").await;
    console.type_into("#new-domain", "owl-backup.com").await;
    console.click("Add domain").await;
    drop(console);
    // A compaction: the new snapshot holds owl-backup.com; the demo and its journal stay behind.
    persistence::save(&persistence::saved().unwrap()).unwrap();

    // Something truncated the current snapshot.
    let head: serde_json::Value = serde_json::from_str(&stored(HEAD)).unwrap();
    let key = format!("org-console.snapshot.{}", head["slot"].as_str().unwrap());
    let broken = stored(&key)[..200].to_owned();
    LocalStorage::raw().set_item(&key, &broken).unwrap();
    go_to("/domains");
    let console = open_console().await;
    let banner = console.text(".alert-warning");
    assert!(banner.contains("The saved workspace could not be read"), "{banner}");
    assert!(banner.contains(QUARANTINE), "{banner}");
    assert_eq!(stored(QUARANTINE), broken, "the unreadable text is kept, not overwritten");
    console.control("Download the unreadable text");
    let rows = console.domain_rows();
    assert_eq!(rows, ["owl-backup.com", "owlcorp.com", "owlcorp.dev"], "nothing is lost");

    console.type_into("#new-domain", "owl-next.com").await;
    console.click("Add domain").await;
    assert!(saved().contains("owl-next.com"), "saving goes on, in a good snapshot");
    assert_ne!(previous_saved(), broken, "the broken copy never becomes the previous copy");
    drop(console);

    go_to("/domains");
    let console = open_console().await;
    assert!(console.find(".alert-warning").is_none(), "the next start reads a good snapshot");
    let rows = console.domain_rows();
    assert!(
        rows.contains(&"owl-backup.com".to_owned()) && rows.contains(&"owl-next.com".to_owned())
    );
}

#[wasm_bindgen_test]
async fn the_rules_page_lists_the_catalog_and_filters_it() {
    let _turn = fresh_browser("/rules").await;
    let console = open_console().await;
    let all = console.all("table[aria-label=Rules] tbody tr").len();
    assert_eq!(all, org_rules::CATALOG.len());
    console.type_into("#rule-search", "common email").await;
    let ids: Vec<String> =
        console.all("table[aria-label=Rules] tbody tr").iter().map(|tr| tr.id()).collect();
    assert_eq!(ids, ["DOMAIN_COMMON_PROVIDER"]);

    console.type_into("#rule-search", "").await;
    console.choose("#rule-kind", "Shapes outcomes").await;
    let effects = org_rules::CATALOG.iter().filter(|r| r.kind == org_rules::RuleKind::Effect);
    let rows = console.all("table[aria-label=Rules] tbody tr");
    assert_eq!(rows.len(), effects.count());
    assert!(rows.iter().any(|tr| tr.id() == "SIGNUP_AUTO_ENROLLMENT"));
    assert!(rows.iter().all(|tr| tr.text_content().unwrap().contains("Shapes outcomes")));
}

#[wasm_bindgen_test]
async fn a_simulated_sign_up_says_what_would_happen_and_which_rule_decides() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.click("owlcorp.com").await;
    console.type_into("#signup-email", "kim@owlcorp.com").await;
    let refused = console.get("#signup-preview .preview-refused");
    assert_eq!(refused.get_attribute("data-rule").unwrap(), "SIGNUP_DOMAIN_RESTRICTED");
    assert!(console.refusals().is_empty(), "a preview is not an alert");

    console.get("#signup-autoenrollment").click();
    settle().await;
    let preview = console.text("#signup-preview");
    assert!(
        preview.contains(
            "Would happen: kim@owlcorp.com signed up and joined Owl Corp as a Standard user"
        ),
        "{preview}"
    );
    assert_eq!(console.text("#signup-preview a code"), "SIGNUP_AUTO_ENROLLMENT");
    assert!(!saved().contains("kim@owlcorp.com"), "a preview changes nothing");

    console.click("Sign up").await;
    let toast = console.text(".toast");
    assert!(toast.contains("joined Owl Corp as a Standard user"), "{toast}");
    assert!(toast.contains("SIGNUP_AUTO_ENROLLMENT"), "{toast}");
    let saved = saved();
    assert!(saved.contains("kim@owlcorp.com"));
    assert!(
        saved.contains("\"rules\":[\"SIGNUP_AUTO_ENROLLMENT\""),
        "the audit event names the rule"
    );
    let again = console.text("#signup-preview");
    assert!(again.contains("SIGNUP_EMAIL_TAKEN"), "the same address cannot sign up twice: {again}");
}

#[wasm_bindgen_test]
async fn reset_to_demo_asks_first_and_keeps_the_replaced_workspace() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.type_into("#new-domain", "owl-reset.com").await;
    console.click("Add domain").await;
    console.click("Data").await;
    assert_eq!(console.heading(), "Data");
    assert!(console.text("#export-heading").contains("Export"));
    let export = console.text("#export-heading + p");
    assert!(export.contains("characters, compressed; a browser allows a site about 5,000,000"));
    // What the storage holds, counted: the demo and its journal take some hundreds at least.
    let count = export.split_once("only (").and_then(|(_, rest)| rest.split_once(' '));
    let stored: usize = count.and_then(|(n, _)| n.replace(',', "").parse().ok()).unwrap_or(0);
    assert!(stored > 500, "{export}");

    console.click("Reset to demo").await;
    assert_eq!(console.text("#confirm-title"), "Reset to the demo scenario?");
    console.click("Cancel").await;
    assert!(saved().contains("owl-reset.com"), "cancelling changes nothing");

    console.click("Reset to demo").await;
    let confirm = console.all("[role=alertdialog] button").pop().unwrap();
    confirm.click();
    settle().await;
    assert!(console.text(".toast").contains("Reset to the demo scenario"));
    assert!(!saved().contains("owl-reset.com"));
    assert!(
        previous_saved().contains("owl-reset.com"),
        "the replaced workspace is the previous copy"
    );
    console.click("Domains").await;
    assert_eq!(console.domain_rows(), ["owlcorp.com", "owlcorp.dev"]);
}

#[wasm_bindgen_test]
async fn the_overview_follows_the_organization_switcher() {
    let _turn = fresh_browser("/").await;
    let console = open_console().await;
    assert_eq!(console.heading(), "Owl Corp");
    let facts = console.text(".facts");
    assert!(facts.contains("Olivia Hart (olivia@owlcorp.com)"), "{facts}");
    assert!(facts.contains("2 (1 verified)"), "{facts}");

    console.choose("#organization-switcher", "Owl Labs").await;
    assert_eq!(console.heading(), "Owl Labs");
    assert!(console.value("#actor-switcher").contains("Lena Park (Owner)"));
    assert!(console.text(".facts").contains("0 (0 verified)"));
}

// Each area's tests, as modules of this one test binary (each test file is its own wasm build).
// They use the helpers above through `use super::*`.
#[path = "browser/accounts.rs"]
mod accounts;
#[path = "browser/audit.rs"]
mod audit;
#[path = "browser/health.rs"]
mod health;
#[path = "browser/merge.rs"]
mod merge;
#[path = "browser/scim.rs"]
mod scim;
#[path = "browser/settings.rs"]
mod settings;
#[path = "browser/sso.rs"]
mod sso;
#[path = "browser/storage.rs"]
mod storage;
#[path = "browser/users.rs"]
mod users;
