//! The stored snapshot as the browser read and inflated it while the wasm downloaded
//! (`js/early_read.js`): at 10,000 users, inflating in wasm cost a fifth of the start.
//!
//! It is used only if the head it was read under is still the stored head, and only if it
//! reads; otherwise `persistence::load` reads storage itself, as it always did, and reports or
//! sets aside what it cannot read. The script repeats persistence's key names and compact
//! prefix: the browser tests of the early read fail if they part.

use js_sys::{Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/js/early_read.js")]
extern "C" {
    /// Reads the current snapshot now.
    #[wasm_bindgen(js_name = readSnapshot)]
    pub fn read_snapshot() -> Promise;
    /// The read started when the page loaded.
    #[wasm_bindgen(js_name = startedSnapshotRead)]
    pub fn started_snapshot_read() -> Promise;
}

/// A snapshot's JSON, and the head it was read under.
pub struct EarlyRead {
    pub head: String,
    pub json: String,
}

thread_local! {
    static EARLY_READ: RefCell<Option<EarlyRead>> = const { RefCell::new(None) };
}

/// Waits for `read` (one of the promises above) and keeps what it read for the next load.
pub async fn wait_for(read: Promise) {
    let Ok(found) = JsFuture::from(read).await else {
        return;
    };
    let field = |key: &str| Reflect::get(&found, &key.into()).ok();
    let head = field("head").and_then(|head| head.as_string());
    let bytes = field("json").and_then(|json| json.dyn_into::<Uint8Array>().ok());
    // Strict UTF-8, as reading storage is: a damaged text is left to the long way, which
    // reports it, rather than mended here.
    let json = bytes.and_then(|bytes| String::from_utf8(bytes.to_vec()).ok());
    if let (Some(head), Some(json)) = (head, json) {
        EARLY_READ.set(Some(EarlyRead { head, json }));
    }
}

/// What was read early, if anything; taken, so that a later load reads storage.
pub fn take() -> Option<EarlyRead> {
    EARLY_READ.take()
}
