//! The one place that touches localStorage.
//!
//! The current workspace lives under [`CURRENT`], and the copy it replaced under [`PREVIOUS`], so
//! a save interrupted or refused leaves a good copy behind. Text that cannot be read is never
//! overwritten: it is moved to a quarantine key and reported, and the previous copy is used.

use gloo_storage::{LocalStorage, Storage};
use org_rules::Workspace;
use org_rules::demo::demo_workspace;
use org_rules::snapshot::{from_json, to_json};
use std::cell::Cell;
use wasm_bindgen::JsCast;

pub const CURRENT: &str = "org-console.workspace";
pub const PREVIOUS: &str = "org-console.workspace.previous";
pub const QUARANTINE: &str = "org-console.workspace.unreadable";

/// What loading found, for the banner the console shows.
pub struct Loaded {
    pub workspace: Workspace,
    /// Set when the stored workspace could not be used as it was.
    pub problem: Option<String>,
}

thread_local! {
    /// False while [`CURRENT`] holds text that did not read: it must not become [`PREVIOUS`].
    static CURRENT_IS_GOOD: Cell<bool> = const { Cell::new(true) };
}

pub fn load() -> Loaded {
    CURRENT_IS_GOOD.set(true);
    let Some(text) = read(CURRENT) else {
        return Loaded { workspace: demo_workspace(), problem: None };
    };
    let error = match from_json(&text) {
        Ok(workspace) => {
            return Loaded { workspace, problem: None };
        }
        Err(error) => error,
    };
    CURRENT_IS_GOOD.set(false);
    let kept = write(QUARANTINE, &text).is_ok();
    let kept = if kept {
        format!("The unreadable text is kept in this browser under `{QUARANTINE}`.")
    } else {
        "The unreadable text could not be set aside: export your workspace before changing anything.".to_owned()
    };
    match read(PREVIOUS).map(|text| from_json(&text)) {
        Some(Ok(workspace)) => Loaded {
            workspace,
            problem: Some(format!(
                "The saved workspace could not be read ({error}). The copy saved before it was restored. {kept}"
            )),
        },
        _ => Loaded {
            workspace: demo_workspace(),
            problem: Some(format!(
                "The saved workspace could not be read ({error}), and there is no earlier copy. The demo scenario is shown instead. {kept}"
            )),
        },
    }
}

/// Saves `workspace`, keeping the copy it replaces. On failure nothing stored is lost and the
/// error says why, for example that the browser's storage is full.
pub fn save(workspace: &Workspace) -> Result<(), String> {
    let text = to_json(workspace);
    if CURRENT_IS_GOOD.get()
        && let Some(current) = read(CURRENT)
    {
        write(PREVIOUS, &current)?;
    }
    write(CURRENT, &text)?;
    CURRENT_IS_GOOD.set(true);
    Ok(())
}

fn read(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn write(key: &str, text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, text).map_err(|error| {
        let name = error
            .dyn_ref::<web_sys::DomException>()
            .map(|e| e.name())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            format!(
                "the browser's storage for this site is full ({} characters needed). Your change is kept in this tab: export the workspace from Data to keep it",
                text.len()
            )
        } else {
            format!("the browser refused to store the workspace ({name}). Your change is kept in this tab: export the workspace from Data to keep it")
        }
    })
}
