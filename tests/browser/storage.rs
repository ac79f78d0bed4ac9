//! Storage at scale and under pressure: a click stores its command, a full storage loses
//! nothing, and a reload at 10,000 users finds the change.

use super::*;
use org_rules::scale::{Scale, large_workspace};

/// Fills localStorage with filler until the browser refuses more; returns the filler's keys.
fn fill_storage() -> Vec<String> {
    let chunk = "x".repeat(256 * 1024);
    let mut keys = Vec::new();
    for size in [chunk.len(), 16 * 1024, 1024, 64] {
        loop {
            let key = format!("filler.{}", keys.len());
            if LocalStorage::raw().set_item(&key, &chunk[..size]).is_err() {
                break;
            }
            keys.push(key);
        }
    }
    keys
}

#[wasm_bindgen_test]
async fn a_full_storage_keeps_the_change_in_the_tab_says_so_and_saves_it_later() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    let filler = fill_storage();

    console.type_into("#new-domain", "owl-full.com").await;
    console.click("Add domain").await;
    assert_eq!(console.heading(), "owl-full.com", "the change is made in the tab");
    let banner = console.text(".alert-warning");
    assert!(banner.contains("storage for this site is full"), "{banner}");
    console.control("Export workspace");
    assert!(!saved().contains("owl-full.com"), "nothing half-written");
    assert!(saved().contains("owlcorp.dev"), "what was stored is intact");

    for key in filler {
        LocalStorage::delete(key);
    }
    console.click("Domains").await;
    console.type_into("#new-domain", "owl-room.com").await;
    console.click("Add domain").await;
    let now = saved();
    assert!(now.contains("owl-full.com") && now.contains("owl-room.com"), "both are saved now");
}

#[wasm_bindgen_test]
async fn a_change_at_ten_thousand_users_survives_a_reload() {
    let _turn = fresh_browser("/domains").await;
    persistence::save(&large_workspace(Scale::LARGE)).unwrap();
    let console = open_console().await;
    console.type_into("#new-domain", "owl-scale.com").await;
    console.click("Add domain").await;
    assert!(console.find(".alert-warning").is_none(), "saved without trouble");
    let entry = stored(&persistence::entry_key(1));
    assert!(entry.len() < 500, "a click stores its command only: {} characters", entry.len());
    drop(console);

    go_to("/domains");
    let console = open_console().await;
    assert!(console.domain_rows().contains(&"owl-scale.com".to_owned()));
}

/// What another tab of the demo stores when its owner adds `name`: the entry after `rev - 1`.
fn other_tabs_entry(rev: u64, name: &str) -> String {
    use org_rules::demo::demo_workspace;
    use org_rules::journal::Entry;
    use org_rules::{Actor, Command};
    let ws = demo_workspace();
    let corp = ws.organizations().find(|o| o.friendly_name == "Owl Corp").unwrap().sid.clone();
    let owner = ws.owner_of(&corp).unwrap().sid.clone();
    let command = Command::AddDomain { organization: corp, name: name.into() };
    let text = Entry { rev, actor: Actor::User(owner), command }.to_json();
    LocalStorage::raw().set_item(&persistence::entry_key(rev), &text).unwrap();
    persistence::entry_key(rev)
}

#[wasm_bindgen_test]
async fn another_tabs_change_shows_up_here() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    let key = other_tabs_entry(1, "owl-other.com");
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(&key));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
    settle().await;
    assert!(console.domain_rows().contains(&"owl-other.com".to_owned()));
    assert!(console.text(".toast").contains("Another tab saved 1 change(s)"));
}

#[wasm_bindgen_test]
async fn two_tabs_writing_at_once_lose_nothing() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    // The other tab's save arrives unannounced, just before this tab's click.
    other_tabs_entry(1, "owl-theirs.com");
    console.type_into("#new-domain", "owl-mine.com").await;
    console.click("Add domain").await;
    assert!(console.find(".alert-warning").is_none());
    assert!(stored(&persistence::entry_key(2)).contains("owl-mine.com"), "ours goes on top");
    let now = saved();
    assert!(now.contains("owl-theirs.com") && now.contains("owl-mine.com"));
}

#[wasm_bindgen_test]
async fn undo_after_a_pause_puts_back_the_copy_kept_before_the_change() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    for name in ["owl-kept-1.com", "owl-kept-2.com"] {
        console.type_into("#new-domain", name).await;
        console.click("Add domain").await;
        console.click("Domains").await;
        // The copy kept for undo follows one change behind, when the page is idle.
        idle().await;
    }
    undo_from_memory_alone(&console).await;
    let rows = console.domain_rows();
    assert!(rows.contains(&"owl-kept-1.com".to_owned()));
    assert!(!rows.contains(&"owl-kept-2.com".to_owned()));
    assert!(!saved().contains("owl-kept-2.com") && saved().contains("owl-kept-1.com"));

    // Nothing was kept for this one: it is replayed from the snapshot, as before.
    console.click("Undo").await;
    assert!(!console.domain_rows().contains(&"owl-kept-1.com".to_owned()));
    assert!(!saved().contains("owl-kept-1.com"));
    console.click("Redo").await;
    console.click("Redo").await;
    let rows = console.domain_rows();
    assert!(
        rows.contains(&"owl-kept-1.com".to_owned()) && rows.contains(&"owl-kept-2.com".to_owned())
    );
}

#[wasm_bindgen_test]
async fn the_copy_kept_for_undo_goes_on_past_hiding_the_page() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.type_into("#new-domain", "owl-before-hiding.com").await;
    console.click("Add domain").await;
    idle().await;
    hide_the_page();
    assert_eq!(persistence::journaled(), 0, "hiding the page folded the journal");

    console.click("Domains").await;
    console.type_into("#new-domain", "owl-after-hiding.com").await;
    console.click("Add domain").await;
    idle().await;
    undo_from_memory_alone(&console).await;
    console.click("Domains").await;
    let rows = console.domain_rows();
    assert!(rows.contains(&"owl-before-hiding.com".to_owned()));
    assert!(!rows.contains(&"owl-after-hiding.com".to_owned()), "undone from the kept copy");
    assert!(!saved().contains("owl-after-hiding.com"));
}

/// Tells the console the page was hidden, as switching tabs does.
fn hide_the_page() {
    let hidden = js_sys::Object::new();
    js_sys::Reflect::set(&hidden, &"value".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&hidden, &"configurable".into(), &true.into()).unwrap();
    js_sys::Object::define_property(&document(), &"hidden".into(), &hidden);
    window().dispatch_event(&Event::new("pagehide").unwrap()).unwrap();
    js_sys::Reflect::delete_property(&document(), &"hidden".into()).unwrap();
}

#[wasm_bindgen_test]
async fn undo_and_redo_replay_the_journal() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.type_into("#new-domain", "owl-undo.com").await;
    console.click("Add domain").await;
    console.click("Domains").await;
    assert!(console.domain_rows().contains(&"owl-undo.com".to_owned()));

    console.click("Undo").await;
    assert!(!console.domain_rows().contains(&"owl-undo.com".to_owned()));
    assert!(!saved().contains("owl-undo.com"), "the undo is saved too");
    assert!(console.text(".toast").contains("Undid add domain"));

    console.click("Redo").await;
    assert!(console.domain_rows().contains(&"owl-undo.com".to_owned()));
    assert!(saved().contains("owl-undo.com"));

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("z");
    init.set_ctrl_key(true);
    let keydown = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init);
    window().dispatch_event(&keydown.unwrap()).unwrap();
    settle().await;
    assert!(!console.domain_rows().contains(&"owl-undo.com".to_owned()), "Ctrl+Z undoes");
}

#[wasm_bindgen_test]
async fn a_workspace_from_a_newer_version_is_kept_as_it_is() {
    let _turn = fresh_browser("/domains").await;
    let current = format!("\"schema_version\":{}", org_rules::snapshot::SCHEMA_VERSION);
    let newer =
        to_json(&org_rules::demo::demo_workspace()).replace(&current, "\"schema_version\":99");
    LocalStorage::raw().set_item(HEAD, r#"{"slot":"a","rev":0,"previous":null}"#).unwrap();
    LocalStorage::raw().set_item("org-console.snapshot.a", &newer).unwrap();
    let console = open_console().await;
    let banner = console.text(".alert-warning");
    assert!(banner.contains("written by a newer Org Console (schema version 99"), "{banner}");

    console.type_into("#new-domain", "owl-new.com").await;
    console.click("Add domain").await;
    assert!(console.text(".alert-warning").contains("not saved"));
    assert_eq!(
        stored("org-console.snapshot.a"),
        newer,
        "what the newer version stored is untouched"
    );
    assert_eq!(stored(&persistence::entry_key(1)), "");
}

/// Chooses a file holding `text` in the file input `selector`, as a person picking it would.
async fn choose_file(console: &Console, selector: &str, name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = console.get(selector).unchecked_into();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&Event::new("change").unwrap()).unwrap();
    // The browser reads the file on its own time.
    for _ in 0..5 {
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn a_bad_import_file_changes_nothing() {
    let _turn = fresh_browser("/data").await;
    let console = open_console().await;
    let before = saved();
    choose_file(&console, "#import-file", "users.csv", "email,name\nkim@owlcorp.com,Kim").await;
    let alert = console.text("[role=alert]");
    assert!(alert.contains("users.csv cannot be imported"), "{alert}");
    assert!(alert.contains("not valid JSON at line 1"), "{alert}");
    assert!(alert.contains("Nothing was changed."));
    assert_eq!(saved(), before);
}

#[wasm_bindgen_test]
async fn an_imported_name_shows_as_text_and_the_import_can_be_undone() {
    let _turn = fresh_browser("/data").await;
    let console = open_console().await;
    let mut state = org_rules::demo::demo_workspace().state().clone();
    let sam = state.users.values_mut().find(|u| u.email == "sam@owlcorp.com").unwrap();
    sam.friendly_name = "<img src=x onerror=alert(1)>".into();
    let file = to_json(&org_rules::Workspace::from_state(state));
    choose_file(&console, "#import-file", "owl-corp.json", &file).await;
    assert!(console.text("table.import-preview caption").contains("owl-corp.json"));
    assert!(!saved().contains("onerror"), "nothing changes before Replace");

    console.click("Replace workspace").await;
    console.all("[role=alertdialog] button").pop().unwrap().click();
    settle().await;
    assert!(console.text(".toast").contains("Imported owl-corp.json"));
    console.click("Users").await;
    assert!(console.text("main").contains("<img src=x onerror=alert(1)>"), "shown as text");
    assert!(console.all("main img").is_empty(), "never as HTML");

    console.click("Data").await;
    console.click("Undo import").await;
    console.click("Users").await;
    assert!(console.text("main").contains("Sam Rivera"));
}

#[wasm_bindgen_test]
async fn a_change_that_cannot_be_replayed_stops_the_replay_and_is_set_aside() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.type_into("#new-domain", "owl-first.com").await;
    console.click("Add domain").await;
    drop(console);
    LocalStorage::raw().set_item(&persistence::entry_key(2), "{\"rev\":2,\"broken").unwrap();
    other_tabs_entry(3, "owl-after.com");

    go_to("/domains");
    let console = open_console().await;
    let banner = console.text(".alert-warning");
    assert!(banner.contains("change 2 could not be replayed"), "{banner}");
    assert!(banner.contains("the 1 after it were set aside"), "{banner}");
    assert!(stored(QUARANTINE).contains("owl-after.com"), "the rest is kept aside");
    let rows = console.domain_rows();
    assert!(
        rows.contains(&"owl-first.com".to_owned()) && !rows.contains(&"owl-after.com".to_owned())
    );

    console.type_into("#new-domain", "owl-next.com").await;
    console.click("Add domain").await;
    assert!(saved().contains("owl-next.com"), "saving goes on from the last good change");
}

#[wasm_bindgen_test]
async fn a_long_journal_is_folded_into_a_new_snapshot_after_the_click() {
    let _turn = fresh_browser("/users?tab=pending").await;
    let console = open_console().await;
    for _ in 0..persistence::JOURNAL_BOUND {
        console.click("Advance the clock 1 day").await;
    }
    compacted().await;
    let head = stored_head();
    assert_eq!(head["rev"], persistence::JOURNAL_BOUND, "the snapshot holds every change");
    assert_eq!(head["slot"], "b", "written beside the first, which stays as the previous copy");
    assert_eq!(head["previous"], 0);
    assert_eq!(persistence::journaled(), 0);
    assert_eq!(saved(), previous_saved(), "the previous snapshot and its journal agree with it");
    let undo: web_sys::HtmlButtonElement = console.control("Undo").unchecked_into();
    assert!(undo.disabled(), "what is folded into the snapshot can no longer be undone");

    // The copy kept for undo goes on past the compaction: the next change is undone from it,
    // without reading the new snapshot.
    let folded = saved();
    console.click("Advance the clock 1 day").await;
    idle().await;
    undo_from_memory_alone(&console).await;
    assert_eq!(persistence::journaled(), 0, "undone");
    assert_eq!(saved(), folded);
}

#[wasm_bindgen_test]
async fn a_click_while_the_journal_is_folded_is_kept_after_the_new_snapshot() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    let compaction = compaction_after_adding(&console, "owl-before.com").await;
    console.click("Domains").await;
    console.type_into("#new-domain", "owl-meanwhile.com").await;
    console.click("Add domain").await;
    assert_eq!(finished(compaction), Ok(true));

    assert_eq!(stored_head()["rev"], 1, "the snapshot is from before the click");
    assert_eq!(persistence::journaled(), 1, "and the click is journaled after it");
    let stored = persistence::saved().unwrap();
    assert!(stored.domains_named("owl-before.com").next().is_some());
    assert!(stored.domains_named("owl-meanwhile.com").next().is_some());

    // What the tab keeps for undo goes on under the new snapshot.
    idle().await;
    undo_from_memory_alone(&console).await;
    let now = saved();
    assert!(!now.contains("owl-meanwhile.com") && now.contains("owl-before.com"));
}

#[wasm_bindgen_test]
async fn an_undo_while_the_journal_is_folded_drops_that_snapshot() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    let compaction = compaction_after_adding(&console, "owl-undone.com").await;
    console.click("Undo").await;
    assert_eq!(finished(compaction), Ok(false), "it holds the undone change");

    assert_eq!(stored_head()["rev"], 0, "the head stays where it was");
    assert!(!saved().contains("owl-undone.com"));
    assert!(persistence::load().workspace.domains_named("owl-undone.com").next().is_none());
}

#[wasm_bindgen_test]
async fn an_empty_journal_starts_no_compaction() {
    let _turn = fresh_browser("/domains").await;
    drop(open_console().await);
    let workspace = persistence::saved().unwrap();
    assert!(persistence::start_compaction(&workspace).is_none(), "an empty journal");
}

/// Clicks Undo while neither the stored snapshot nor the last journal entry can be read, so
/// that only an undo from what the tab keeps can work: the copy one change behind and the entry
/// it journaled last. The snapshot is put back after.
async fn undo_from_memory_alone(console: &Console) {
    let snapshot_key = current_snapshot_key();
    let snapshot = stored(&snapshot_key);
    let rev = stored_head()["rev"].as_u64().unwrap() + persistence::journaled();
    LocalStorage::raw().set_item(&snapshot_key, "deflate:@@@").unwrap();
    LocalStorage::raw().set_item(&persistence::entry_key(rev), "not an entry").unwrap();
    let journaled = persistence::journaled();
    console.click("Undo").await;
    LocalStorage::raw().set_item(&snapshot_key, &snapshot).unwrap();
    assert_eq!(persistence::journaled(), journaled - 1, "the undo took the entry back");
}

/// Adds `domain`, then starts a compaction of the workspace as saved, as the console does at
/// the first idle moment after the journal's hundredth entry.
async fn compaction_after_adding(console: &Console, domain: &str) -> persistence::Compaction {
    console.type_into("#new-domain", domain).await;
    console.click("Add domain").await;
    persistence::start_compaction(&persistence::saved().unwrap()).unwrap()
}

/// Deflates the rest in small slices, then stores the snapshot.
fn finished(mut compaction: persistence::Compaction) -> Result<bool, String> {
    while !compaction.deflate(1024) {}
    compaction.finish()
}

/// Waits for the idle moments a compaction takes.
async fn compacted() {
    for _ in 0..20 {
        idle().await;
    }
}

fn stored_head() -> serde_json::Value {
    serde_json::from_str(&stored(HEAD)).unwrap()
}

/// The key of the snapshot slot the head names.
fn current_snapshot_key() -> String {
    format!("org-console.snapshot.{}", stored_head()["slot"].as_str().unwrap())
}

#[wasm_bindgen_test]
async fn another_tabs_undo_shows_up_here() {
    let _turn = fresh_browser("/domains").await;
    let console = open_console().await;
    console.type_into("#new-domain", "owl-undone.com").await;
    console.click("Add domain").await;
    console.click("Domains").await;
    assert!(console.domain_rows().contains(&"owl-undone.com".to_owned()));

    // Another tab undoes it: its entry goes, and the head says an undo happened.
    let mut head: serde_json::Value = serde_json::from_str(&stored(HEAD)).unwrap();
    head["undos"] = serde_json::json!(1);
    LocalStorage::raw().set_item(HEAD, &head.to_string()).unwrap();
    LocalStorage::delete(persistence::entry_key(1));
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(HEAD));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
    settle().await;
    assert!(!console.domain_rows().contains(&"owl-undone.com".to_owned()));
    assert!(console.text(".toast").contains("Another tab undid"));

    console.type_into("#new-domain", "owl-after-undo.com").await;
    console.click("Add domain").await;
    let now = saved();
    assert!(now.contains("owl-after-undo.com") && !now.contains("owl-undone.com"));
}

mod early_read {
    use super::*;
    use org_console::early_read::{read_snapshot, take, wait_for};
    use org_rules::demo::demo_workspace;
    use org_rules::snapshot::{from_json, from_stored};

    /// The stored snapshot's text, in the slot the head names.
    fn current_snapshot() -> String {
        stored(&current_snapshot_key())
    }

    #[wasm_bindgen_test]
    async fn the_browser_inflates_the_stored_snapshot_and_the_console_starts_from_it() {
        let _turn = fresh_browser("/domains").await;
        let console = open_console().await;
        console.type_into("#new-domain", "owl-early.com").await;
        console.click("Add domain").await;
        drop(console);

        wait_for(read_snapshot()).await;
        let early = take().expect("the browser read and inflated the snapshot");
        assert_eq!(early.head, stored(HEAD));
        assert_eq!(from_json(&early.json).unwrap(), from_stored(&current_snapshot()).unwrap());

        wait_for(read_snapshot()).await;
        let loaded = persistence::load();
        assert_eq!(loaded.problem, None);
        assert!(
            loaded.workspace.domains_named("owl-early.com").next().is_some(),
            "and its journal"
        );
        assert!(take().is_none(), "the load took what was read early");
    }

    #[wasm_bindgen_test]
    async fn base64_the_console_would_refuse_is_not_read_early_either() {
        let _turn = fresh_browser("/domains").await;
        drop(open_console().await);
        let snapshot = current_snapshot();
        let (prefix, encoded) = snapshot.split_at("deflate:".len());
        let middle = encoded.len() / 2;
        let loose = [
            format!("{prefix}{}\n{}", &encoded[..middle], &encoded[middle..]),
            format!("{prefix}{} ", encoded),
            // Four characters more: a length base64 could have, but not this text's.
            format!("{prefix}{}\n\n\n\n{}", &encoded[..middle], &encoded[middle..]),
            format!("{prefix}{}", &encoded[..encoded.len() - 1]),
        ];
        let slot = current_snapshot_key();
        for text in loose {
            assert!(from_stored(&text).is_err(), "the console refuses {text:.40}…");
            LocalStorage::raw().set_item(&slot, &text).unwrap();
            wait_for(read_snapshot()).await;
            assert!(take().is_none(), "and so does the early read");
        }
        LocalStorage::raw().set_item(&slot, &snapshot).unwrap();
        wait_for(read_snapshot()).await;
        assert!(take().is_some(), "the text as stored is read");
    }

    #[wasm_bindgen_test]
    async fn what_was_read_before_another_save_is_not_used() {
        let _turn = fresh_browser("/domains").await;
        drop(open_console().await);
        wait_for(read_snapshot()).await;

        // Another tab replaces the workspace after the early read: the head moves on.
        let mut replacement = demo_workspace();
        org_rules::submit(
            &mut replacement,
            &org_rules::Actor::World,
            &org_rules::Command::AdvanceClock { hours: 72 },
        )
        .unwrap();
        persistence::replace(&replacement).unwrap();

        let loaded = persistence::load();
        assert_eq!(loaded.workspace, replacement, "read from storage, not from the early read");
        assert!(take().is_none(), "and what was read early is gone, not left for a later load");
    }
}
