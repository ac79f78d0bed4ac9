//! The workspace in localStorage: the one place that writes it, and that reads it but for the
//! browser's early read of the snapshot (`crate::early_read`).
//!
//! What is stored is a snapshot of the workspace at some revision, in the compact form of
//! `org_rules::snapshot::to_stored`, and a journal of the commands applied since, one key per
//! entry. A click stores its one entry, a few hundred characters whatever the workspace's size;
//! loading replays the journal onto the snapshot. Compaction writes a new snapshot into the other
//! of two slots and then switches the small head record over, so an interrupted compaction leaves
//! the old snapshot and its journal whole. The snapshot before the current one stays, with the
//! entries that lead from it, as the fallback should the current one ever fail to read.
//!
//! Text that cannot be read is never overwritten: it is moved to a quarantine key and reported.

use crate::early_read;
use gloo_storage::{LocalStorage, Storage};
use org_rules::Workspace;
use org_rules::demo::demo_workspace;
use org_rules::journal::{Entry, replay};
use org_rules::snapshot::{SnapshotError, Storing, from_stored, from_stored_json, to_stored};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

/// Which snapshot slot is current, at which revision, and the revision of the one before.
pub const HEAD: &str = "org-console.head";
pub const QUARANTINE: &str = "org-console.unreadable";
/// What earlier versions stored: the whole workspace as JSON, and the copy it replaced.
const LEGACY: [&str; 2] = ["org-console.workspace", "org-console.workspace.previous"];

/// Entries kept before a compaction folds them into a new snapshot.
pub const JOURNAL_BOUND: u64 = 100;

pub fn snapshot_key(slot: Slot) -> String {
    format!("org-console.snapshot.{}", slot.name())
}

pub fn entry_key(rev: u64) -> String {
    format!("org-console.log.{rev}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    A,
    B,
}

impl Slot {
    fn name(self) -> &'static str {
        match self {
            Slot::A => "a",
            Slot::B => "b",
        }
    }

    fn other(self) -> Slot {
        match self {
            Slot::A => Slot::B,
            Slot::B => Slot::A,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Head {
    slot: Slot,
    /// The revision of the snapshot in `slot`; the journal goes on from there.
    rev: u64,
    /// The revision of the snapshot in the other slot, kept as a fallback, if any.
    previous: Option<u64>,
    /// Counts undos: an undo removes the journal's last entry, which other tabs learn from
    /// this changing.
    #[serde(default)]
    undos: u64,
}

thread_local! {
    static HEAD_NOW: Cell<Option<Head>> = const { Cell::new(None) };
    /// The revision of the workspace in this tab: the snapshot's plus the entries stored since.
    static REV: Cell<u64> = const { Cell::new(0) };
    /// Set when an entry could not be stored: later entries would leave a gap, so the next
    /// save is a whole snapshot.
    static BEHIND: Cell<bool> = const { Cell::new(false) };
    /// Set when another tab saved what this one has not seen: this tab then saves nothing over
    /// it until it reloads.
    static OVERTAKEN: Cell<bool> = const { Cell::new(false) };
    /// Set when what is stored was written by a newer Org Console: it is kept as it is.
    static READ_ONLY: Cell<bool> = const { Cell::new(false) };
    /// The slot whose snapshot could not be read, once this tab fell back to the other one:
    /// the next save goes there, never over the good fallback.
    static UNREADABLE_SLOT: Cell<Option<Slot>> = const { Cell::new(None) };
}

const READ_ONLY_MESSAGE: &str = "this browser holds a workspace saved by a newer version of Org Console, which is kept as it is; changes made here are not saved";

const OVERTAKEN_MESSAGE: &str = "another tab saved changes to this workspace. Your change is kept in this tab only; reload to see the other tab's changes, or export your workspace from Data first";

/// What loading found, for the banner the console shows.
pub struct Loaded {
    pub workspace: Workspace,
    /// Set when the stored workspace could not be used as it was.
    pub problem: Option<String>,
}

pub fn load() -> Loaded {
    start_afresh();
    // Taken whatever is stored: the early read is the page's first load's, never a later one's.
    let early = early_read::take();
    let head_text = read(HEAD);
    let Some(head) = head_text.as_deref().and_then(head_of) else {
        return load_legacy();
    };
    HEAD_NOW.set(Some(head));
    // The early read stands for the stored snapshot only while the head is the one it was read
    // under; anything it cannot give is read here the long way, which says why.
    let early = early.filter(|early| head_text.as_deref() == Some(early.head.as_str()));
    if let Some(workspace) = early.and_then(|early| from_stored_json(&early.json).ok()) {
        return finish_replay(workspace, head.rev, None);
    }
    let snapshot = read(&snapshot_key(head.slot)).unwrap_or_default();
    match from_stored(&snapshot) {
        Ok(workspace) => finish_replay(workspace, head.rev, None),
        Err(error @ SnapshotError::TooNew { .. }) => newer_version(error),
        Err(error) => {
            let kept = quarantine(&snapshot);
            let why = format!("The saved workspace could not be read ({error}). {kept}");
            let fallback = head.previous.and_then(|rev| {
                let text = read(&snapshot_key(head.slot.other()))?;
                from_stored(&text).ok().map(|workspace| (workspace, rev))
            });
            match fallback {
                Some((workspace, rev)) => {
                    let why = format!(
                        "{why} The copy saved before it was restored, with the changes made since."
                    );
                    let loaded = finish_replay(workspace, rev, Some(why));
                    // The next save must not journal onto the unreadable snapshot, nor write
                    // over the one that was read instead.
                    BEHIND.set(true);
                    UNREADABLE_SLOT.set(Some(head.slot));
                    loaded
                }
                None => {
                    BEHIND.set(true);
                    UNREADABLE_SLOT.set(Some(head.slot));
                    Loaded {
                        workspace: demo_workspace(),
                        problem: Some(format!(
                            "{why} There is no earlier copy; the demo scenario is shown instead."
                        )),
                    }
                }
            }
        }
    }
}

/// What a newer Org Console stored is neither read nor written over: the demo is shown, and
/// nothing is saved until the person decides (export, or reset).
fn newer_version(error: SnapshotError) -> Loaded {
    READ_ONLY.set(true);
    Loaded {
        workspace: demo_workspace(),
        problem: Some(format!(
            "The saved workspace was {error}. It is kept as it is: open it with that version. The demo is shown here, and changes to it are not saved."
        )),
    }
}

/// Replays the journal from `rev` onto `workspace`; an entry that cannot be replayed stops the
/// replay there, and it and the entries after it are set aside and reported.
fn finish_replay(mut workspace: Workspace, rev: u64, problem: Option<String>) -> Loaded {
    let texts = entries_after(rev, None);
    let (reached, stop) = replay(&mut workspace, rev, texts.iter().map(String::as_str));
    REV.set(reached);
    let problem = match stop {
        None => problem,
        Some(stop) => {
            let rest: Vec<&String> = texts.iter().skip((reached - rev) as usize).collect();
            let kept = quarantine(&serde_json::to_string(&rest).unwrap_or_default());
            for r in reached + 1..=rev + texts.len() as u64 {
                LocalStorage::delete(entry_key(r));
            }
            let note = format!(
                "The last saved changes stop at an error: {stop}. It and the {} after it were set aside. {kept}",
                rest.len() - 1
            );
            Some(problem.map_or(note.clone(), |earlier| format!("{earlier} {note}")))
        }
    };
    Loaded { workspace, problem }
}

/// Earlier versions stored the whole workspace under one key: read it (or the copy before it),
/// and store it anew as a snapshot, the old keys going only once the new ones are written.
fn load_legacy() -> Loaded {
    let texts: Vec<String> = LEGACY.iter().filter_map(|key| read(key)).collect();
    let Some(first) = texts.first() else {
        // A first visit: the demo is the snapshot every click's entry builds on.
        let workspace = demo_workspace();
        let problem =
            save(&workspace).err().map(|why| format!("The workspace cannot be saved: {why}."));
        return Loaded { workspace, problem };
    };
    let (workspace, problem) = match from_stored(first) {
        Ok(workspace) => (workspace, None),
        Err(error @ SnapshotError::TooNew { .. }) => return newer_version(error),
        Err(error) => {
            let kept = quarantine(first);
            let why = format!("The saved workspace could not be read ({error}). {kept}");
            match texts.get(1).map(|text| from_stored(text)) {
                Some(Ok(workspace)) => {
                    (workspace, Some(format!("{why} The copy saved before it was restored.")))
                }
                _ => (
                    demo_workspace(),
                    Some(format!(
                        "{why} There is no earlier copy; the demo scenario is shown instead."
                    )),
                ),
            }
        }
    };
    if save(&workspace).is_ok() {
        for key in LEGACY {
            LocalStorage::delete(key);
        }
    }
    Loaded { workspace, problem }
}

/// Stores the command a click applied: one small entry. When the journal has grown past its
/// bound, says so, so the caller compacts it once the click is done.
pub fn record(entry_for: impl FnOnce(u64) -> Entry, workspace: &Workspace) -> Result<bool, String> {
    if READ_ONLY.get() {
        return Err(READ_ONLY_MESSAGE.to_owned());
    }
    let stored = stored_head();
    let Some(head) = HEAD_NOW.get().filter(|_| !BEHIND.get() && stored.is_some()) else {
        // No snapshot to journal onto, or a gap: store the whole workspace instead.
        return save(workspace).map(|()| false);
    };
    let rev = REV.get() + 1;
    let key = entry_key(rev);
    if read(&key).is_some() || stored != Some(head) {
        OVERTAKEN.set(true);
    }
    if OVERTAKEN.get() {
        return Err(OVERTAKEN_MESSAGE.to_owned());
    }
    let entry = entry_for(rev);
    if let Err(why) = write(&key, &entry.to_json()) {
        BEHIND.set(true);
        return Err(why);
    }
    REV.set(rev);
    LAST_RECORDED.set(Some((head, entry)));
    Ok(rev - head.rev >= JOURNAL_BOUND)
}

/// What another tab saved that this one had not seen.
pub enum CatchUp {
    /// Nothing new.
    Current,
    /// This many entries another tab stored, now replayed here too.
    Replayed(u64),
    /// Another tab stored a new snapshot (it compacted, reset or imported): the workspace as
    /// stored now.
    Reloaded(Box<Loaded>),
}

/// Brings `workspace` up to what is stored, when this tab has nothing unsaved of its own: it
/// replays the entries another tab added, or reloads after another tab wrote a new snapshot.
pub fn catch_up(workspace: &mut Workspace) -> CatchUp {
    let stored = stored_head();
    if BEHIND.get() || OVERTAKEN.get() || stored.is_none() {
        // Unsaved changes of this tab's own are never mixed with another's: saving says so.
        return CatchUp::Current;
    }
    if stored != HEAD_NOW.get() {
        return CatchUp::Reloaded(Box::new(load()));
    }
    let rev = REV.get();
    let texts = entries_after(rev, None);
    if texts.is_empty() {
        return CatchUp::Current;
    }
    let (reached, stop) = replay(workspace, rev, texts.iter().map(String::as_str));
    REV.set(reached);
    if stop.is_some() {
        // What follows cannot be built on; this tab saves nothing over it.
        OVERTAKEN.set(true);
    }
    CatchUp::Replayed(reached - rev)
}

/// Takes back the last change stored in the journal: the snapshot is replayed without it, and
/// its entry is removed and returned, to be redone. Nothing when the journal is empty or this
/// tab has changes it could not store.
pub fn undo() -> Option<(Workspace, Entry)> {
    let head = HEAD_NOW.get().filter(|_| !BEHIND.get() && !OVERTAKEN.get())?;
    let rev = REV.get();
    if rev <= head.rev || stored_head() != Some(head) || read(&entry_key(rev + 1)).is_some() {
        return None;
    }
    let entry = match LAST_RECORDED.take() {
        Some((recorded_onto, entry)) if recorded_onto == head && entry.rev == rev => entry,
        _ => serde_json::from_str(&read(&entry_key(rev))?).ok()?,
    };
    let kept = KEPT_FOR_UNDO.take().filter(|kept| kept.head == head && kept.rev == rev - 1);
    let workspace = match kept {
        Some(kept) => kept.workspace,
        None => replayed(head.slot, head.rev, Some(rev - 1))?,
    };
    let next = Head { undos: head.undos + 1, ..head };
    write(HEAD, &serde_json::to_string(&next).expect("a head serializes")).ok()?;
    HEAD_NOW.set(Some(next));
    LocalStorage::delete(entry_key(rev));
    REV.set(rev - 1);
    Some((workspace, entry))
}

/// A copy of the workspace at revision `rev` of the journal that `head` starts.
struct KeptForUndo {
    head: Head,
    rev: u64,
    workspace: Workspace,
}

thread_local! {
    /// One change behind this tab's workspace, for the next undo to put back.
    static KEPT_FOR_UNDO: RefCell<Option<KeptForUndo>> = const { RefCell::new(None) };
    /// The entry this tab journaled last, with the head it was journaled onto: an undo takes it
    /// from here instead of reading it back, as parsing a command costs more than the rest of
    /// an undo from the kept copy.
    static LAST_RECORDED: RefCell<Option<(Head, Entry)>> = const { RefCell::new(None) };
}

/// Brings the copy kept for undo to one change behind `workspace`, this tab's workspace as
/// stored now: it replays the changes journaled since onto the copy, or copies `workspace`
/// when there is no copy to bring along. Undoing then puts the copy back rather than reading
/// and replaying the stored snapshot, which takes a tenth of a second at 10,000 users.
pub fn keep_for_undo(workspace: &Workspace) {
    let head = HEAD_NOW.get().filter(|_| !BEHIND.get() && !OVERTAKEN.get());
    let rev = REV.get();
    let kept = KEPT_FOR_UNDO.take().filter(|kept| Some(kept.head) == head && kept.rev <= rev);
    KEPT_FOR_UNDO.set(match (head, kept) {
        (None, _) => None,
        // As the workspace is now: one change behind once the next change is made.
        (Some(_), Some(kept)) if kept.rev == rev => Some(kept),
        (Some(_), Some(mut kept)) => {
            let texts = entries_after(kept.rev, Some(rev - 1));
            let (reached, _) =
                replay(&mut kept.workspace, kept.rev, texts.iter().map(String::as_str));
            // The next change is undone from it; a copy that stops short is of no use.
            (reached == rev - 1).then_some(KeptForUndo { rev: reached, ..kept })
        }
        (Some(head), None) => Some(KeptForUndo { head, rev, workspace: workspace.clone() }),
    });
}

/// How many entries the journal holds beyond the snapshot.
pub fn journaled() -> u64 {
    REV.get().saturating_sub(HEAD_NOW.get().map_or(0, |head| head.rev))
}

/// Whether this tab holds changes it could not store yet, which the next save stores whole.
pub fn behind() -> bool {
    BEHIND.get()
}

/// Stores `workspace` as a new snapshot in the other slot, then switches the head over: the
/// journal is folded in, or a replaced workspace (Reset, import) takes over. The snapshot it
/// replaces stays as the fallback, and the entries older than that are deleted.
pub fn save(workspace: &Workspace) -> Result<(), String> {
    let stored = stored_head();
    if stored.is_none() && !LEGACY.iter().any(|key| read(key).is_some()) {
        // Nothing is stored (a first visit, or the site's data was cleared): nothing to keep.
        start_afresh();
    }
    if READ_ONLY.get() {
        return Err(READ_ONLY_MESSAGE.to_owned());
    }
    let head = HEAD_NOW.get();
    if OVERTAKEN.get() || stored != head {
        OVERTAKEN.set(true);
        return Err(OVERTAKEN_MESSAGE.to_owned());
    }
    let behind = head.is_some() && BEHIND.get();
    if behind && read(&entry_key(REV.get() + 1)).is_some() {
        // Another tab journaled past what this one has seen: a whole save would drop it.
        OVERTAKEN.set(true);
        return Err(OVERTAKEN_MESSAGE.to_owned());
    }
    // A workspace that replaces the journaled one gets a revision of its own, above every
    // revision stored, so a fallback to the previous snapshot stops at the replacement.
    let rev = match head {
        Some(head) if behind => REV.get().max(head.rev) + 1,
        _ => REV.get(),
    };
    let unreadable = UNREADABLE_SLOT.get();
    let slot = unreadable.or(head.map(|head| head.slot.other())).unwrap_or(Slot::A);
    // Written over an unreadable snapshot, the fallback stays the previous one.
    let previous = match unreadable {
        Some(_) => head.and_then(|head| head.previous),
        None => head.map(|head| head.rev),
    };
    let next = Head { slot, rev, previous, undos: head.map_or(0, |head| head.undos) };
    switch_to(next, &to_stored(workspace))?;
    REV.set(rev);
    BEHIND.set(false);
    UNREADABLE_SLOT.set(None);
    if behind {
        // A compaction's later entries, another tab's, continue it; a replacement's cannot.
        set_aside_entries_after(rev);
    }
    if unreadable.is_none() {
        delete_entries_before(head);
    }
    if let (Some(head), false, None) = (head, behind, unreadable) {
        keep_undo_across_fold(head, next);
    }
    Ok(())
}

/// Folding the journal into a snapshot changes no workspace and no entry after it: the copy kept
/// for undo and the entry journaled last, under the old head, go on under the new one.
fn keep_undo_across_fold(old: Head, new: Head) {
    KEPT_FOR_UNDO.with_borrow_mut(|kept| {
        if let Some(kept) = kept.as_mut().filter(|kept| kept.head == old) {
            kept.head = new;
        }
    });
    LAST_RECORDED.with_borrow_mut(|recorded| {
        if let Some((onto, _)) = recorded.as_mut().filter(|(onto, _)| *onto == old) {
            *onto = new;
        }
    });
}

/// Writes the snapshot into the head's slot, then the head: until the head is written, the
/// snapshot it replaces is the one read.
fn switch_to(next: Head, snapshot: &str) -> Result<(), String> {
    write(&snapshot_key(next.slot), snapshot)?;
    write(HEAD, &serde_json::to_string(&next).expect("a head serializes"))?;
    HEAD_NOW.set(Some(next));
    Ok(())
}

/// Deletes the entries up to `old`, the head before the switch, whose snapshot is now the
/// previous one: neither snapshot needs them.
fn delete_entries_before(old: Option<Head>) {
    let first = old.and_then(|head| head.previous).map_or(1, |rev| rev + 1);
    for r in first..=old.map_or(0, |head| head.rev) {
        LocalStorage::delete(entry_key(r));
    }
}

/// A compaction spread over idle moments: the snapshot is the workspace as it was when the
/// compaction started, copied then and written and deflated a slice at a time while clicks go
/// on being journaled after it.
pub struct Compaction {
    head: Head,
    rev: u64,
    storing: Storing,
}

/// Starts folding the journal into a snapshot, when it is this tab's to fold: nothing unsaved,
/// nothing unreadable, nothing another tab stored since. Other cases save whole ([`save`]).
pub fn start_compaction(workspace: &Workspace) -> Option<Compaction> {
    let head = HEAD_NOW.get()?;
    let blocked = READ_ONLY.get() || BEHIND.get() || OVERTAKEN.get();
    if blocked || UNREADABLE_SLOT.get().is_some() || journaled() == 0 {
        return None;
    }
    (stored_head() == Some(head)).then(|| Compaction {
        head,
        rev: REV.get(),
        storing: Storing::new(workspace),
    })
}

impl Compaction {
    /// Writes and deflates up to `bytes` more; true once the snapshot is ready to store.
    pub fn deflate(&mut self, bytes: usize) -> bool {
        self.storing.deflate(bytes)
    }

    /// Stores the snapshot and switches the head to it, keeping the entries journaled since it
    /// started, which continue it. If what it was taken from is no longer what is stored (an
    /// undo, a replacement, another tab's save), it is dropped: `Ok(false)`, and the journal
    /// stays as it is, to be folded later.
    pub fn finish(self) -> Result<bool, String> {
        let Compaction { head, rev, storing } = self;
        let unchanged = HEAD_NOW.get() == Some(head) && stored_head() == Some(head);
        if !unchanged || READ_ONLY.get() || BEHIND.get() || OVERTAKEN.get() || REV.get() < rev {
            return Ok(false);
        }
        let next = Head { slot: head.slot.other(), rev, previous: Some(head.rev), ..head };
        switch_to(next, &storing.finish())?;
        delete_entries_before(Some(head));
        keep_undo_across_fold(head, next);
        Ok(true)
    }
}

/// Entries left after `rev` by a workspace this save replaced can never be replayed: they
/// are set aside rather than left to be replayed onto the new snapshot.
fn set_aside_entries_after(rev: u64) {
    let stale = entries_after(rev, None);
    if stale.is_empty() {
        return;
    }
    quarantine(&serde_json::to_string(&stale).unwrap_or_default());
    for r in rev + 1..=rev + stale.len() as u64 {
        LocalStorage::delete(entry_key(r));
    }
}

/// Marks the workspace in this tab as no longer the journaled one: Reset and import replace it,
/// so the next save is a whole snapshot at a revision of its own.
pub fn replace(workspace: &Workspace) -> Result<(), String> {
    // Replacing is the person's explicit choice, even over what a newer version stored.
    READ_ONLY.set(false);
    BEHIND.set(true);
    save(workspace)
}

/// The workspace as it was before the last replacement or compaction, if it is still stored:
/// the previous snapshot with the entries that follow it.
pub fn previous() -> Option<Workspace> {
    let head = stored_head()?;
    replayed(head.slot.other(), head.previous?, Some(head.rev))
}

/// The workspace a reload would find, read without touching this tab's state.
pub fn saved() -> Option<Workspace> {
    let head = stored_head()?;
    replayed(head.slot, head.rev, None)
}

/// The snapshot in `slot`, at `rev`, with the stored entries after it (up to `until`) replayed.
fn replayed(slot: Slot, rev: u64, until: Option<u64>) -> Option<Workspace> {
    let mut workspace = from_stored(&read(&snapshot_key(slot))?).ok()?;
    let texts = entries_after(rev, until);
    replay(&mut workspace, rev, texts.iter().map(String::as_str));
    Some(workspace)
}

/// The stored entries after `rev`, in order, up to `until` or the first missing one.
fn entries_after(rev: u64, until: Option<u64>) -> Vec<String> {
    (rev + 1..=until.unwrap_or(u64::MAX)).map_while(|r| read(&entry_key(r))).collect()
}

fn start_afresh() {
    // A head written afresh can equal one from before: nothing kept from then may match it.
    KEPT_FOR_UNDO.set(None);
    LAST_RECORDED.set(None);
    READ_ONLY.set(false);
    UNREADABLE_SLOT.set(None);
    HEAD_NOW.set(None);
    REV.set(0);
    BEHIND.set(false);
    OVERTAKEN.set(false);
}

fn stored_head() -> Option<Head> {
    read(HEAD).as_deref().and_then(head_of)
}

fn head_of(text: &str) -> Option<Head> {
    serde_json::from_str(text).ok()
}

/// Every unreadable text set aside, for the person to download, oldest first.
pub fn quarantined() -> Option<String> {
    let texts: Vec<String> = quarantine_keys().map_while(|key| read(&key)).collect();
    (!texts.is_empty()).then(|| texts.join("\n\n"))
}

/// `QUARANTINE`, then `QUARANTINE.2`, `.3`…: one key per text set aside, none overwritten.
fn quarantine_keys() -> impl Iterator<Item = String> {
    (1..).map(|n| if n == 1 { QUARANTINE.to_owned() } else { format!("{QUARANTINE}.{n}") })
}

/// Moves unreadable text aside, under a key of its own, and says where it went.
fn quarantine(text: &str) -> String {
    if text.is_empty() {
        return "Nothing was stored there.".to_owned();
    }
    let key = quarantine_keys().find(|key| read(key).is_none()).unwrap_or_default();
    if write(&key, text).is_ok() {
        format!("The unreadable text is kept in this browser under `{key}`.")
    } else {
        "The unreadable text could not be set aside: export your workspace before changing anything.".to_owned()
    }
}

/// What this console keeps in the browser's storage, in characters: keys and values of its
/// snapshots, journal and head, as the browser counts them against its quota.
pub fn stored_characters() -> usize {
    let storage = LocalStorage::raw();
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with("org-console."))
        .map(|key| {
            // The length as the browser holds it, without copying a megabyte into wasm.
            let value = js_sys::Reflect::get(&storage, &key.as_str().into()).ok();
            let length = value.and_then(|v| v.dyn_into::<js_sys::JsString>().ok());
            key.len() + length.map_or(0, |text| text.length() as usize)
        })
        .sum()
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
