//! The one store: the workspace, who is signed in, and where. Pages read it and send it commands;
//! it applies them through the rules crate, saves, and raises the toast.

use crate::persistence::{self, CatchUp};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use org_rules::authz::{ORG_MEMBERS_ONLY, Permission, authorize};
use org_rules::journal::Entry;
use org_rules::model::{OrgRole, Organization, User};
use org_rules::parts::{Part, Parts};
use org_rules::scim::endpoint::{Exchange, Request, handle};
use org_rules::sid::{OauthAppSid, OrgSid, UserSid};
use org_rules::{Actor, Command, Denial, Outcome, Rule, Workspace, submit};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use web_sys::{IdleDeadline, IdleRequestOptions};

/// A compaction writes and deflates this much JSON at a go: a few milliseconds.
const COMPACTION_SLICE_BYTES: usize = 128 * 1024;
/// Idle time left below which a compaction stops for the next idle moment.
const IDLE_MARGIN_MS: f64 = 4.0;

thread_local! {
    /// Whether a compaction is under way.
    static COMPACTING: Cell<bool> = const { Cell::new(false) };
    /// Whether a copy of the workspace for the next undo is to be made.
    static KEEPING_FOR_UNDO: Cell<bool> = const { Cell::new(false) };
}

/// Which organization is shown and who is signed in, kept across reloads.
const SESSION: &str = "org-console.session";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Session {
    organization: Option<OrgSid>,
    user: Option<UserSid>,
}

/// What a toast says: what happened, and the rules that shaped it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub rules: Vec<&'static Rule>,
}

#[derive(Clone, Copy)]
pub struct Store {
    /// The whole workspace. Reading it tracked redraws after every command: screens computing
    /// over many objects read through [`Store::read`] instead.
    pub workspace: RwSignal<Workspace>,
    /// One trigger per [`Part`], in `Part::ALL`'s order, notified when a command changes it.
    parts: [Trigger; Part::ALL.len()],
    pub organization: RwSignal<Option<OrgSid>>,
    pub signed_in: RwSignal<Option<UserSid>>,
    /// The last completed action, for the toast.
    pub toast: RwSignal<Option<Notice>>,
    /// Why the stored workspace could not be loaded as it was, or the last save failed.
    pub storage_problem: RwSignal<Option<String>>,
    /// Commands taken back by Undo, newest last, for Redo.
    pub undone: RwSignal<Vec<Entry>>,
    /// How many changes the journal holds, which Undo can take back.
    pub undoable: RwSignal<u64>,
    /// The button that takes back the last replacement ("Undo import"), while the workspace it
    /// replaced is still stored.
    pub replaced: RwSignal<Option<&'static str>>,
}

/// How many undone commands Redo keeps.
const REDO_DEPTH: usize = 50;

pub fn use_store() -> Store {
    expect_context::<Store>()
}

impl Store {
    /// Loads the saved workspace (or the demo on a first visit) and the saved session.
    pub fn load() -> Self {
        let loaded = persistence::load();
        let session: Session = LocalStorage::get(SESSION).unwrap_or_default();
        let store = Self {
            workspace: RwSignal::new(settled(loaded.workspace)),
            parts: std::array::from_fn(|_| Trigger::new()),
            organization: RwSignal::new(None),
            signed_in: RwSignal::new(None),
            toast: RwSignal::new(None),
            storage_problem: RwSignal::new(loaded.problem),
            undone: RwSignal::new(Vec::new()),
            undoable: RwSignal::new(persistence::journaled()),
            replaced: RwSignal::new(None),
        };
        store.restore_session(session);
        store.keep_for_undo_when_idle();
        store
    }

    /// Shows `organization` (or the first one) as `user` (or its Owner), whichever still exist.
    fn restore_session(&self, session: Session) {
        let (organization, user) = self.workspace.with_untracked(|ws| {
            let organization = session
                .organization
                .filter(|sid| ws.organization(sid).is_some())
                .or_else(|| first_organization(ws).map(|o| o.sid.clone()));
            let user = organization.as_ref().and_then(|org| {
                session
                    .user
                    .filter(|sid| ws.user(sid).is_some_and(|u| u.role_in(org).is_some()))
                    .or_else(|| ws.owner_of(org).map(|u| u.sid.clone()))
            });
            (organization, user)
        });
        self.organization.set(organization);
        self.signed_in.set(user);
    }

    pub fn switch_organization(&self, organization: OrgSid) {
        self.restore_session(Session { organization: Some(organization), user: None });
        self.save_session();
    }

    pub fn sign_in(&self, user: UserSid) {
        self.signed_in.set(Some(user));
        self.save_session();
    }

    fn save_session(&self) {
        let session = Session {
            organization: self.organization.get_untracked(),
            user: self.signed_in.get_untracked(),
        };
        // The session is a convenience; failing to keep it loses nothing.
        let _ = LocalStorage::set(SESSION, session);
    }

    /// The person the console is being used as.
    pub fn actor(&self) -> Actor {
        self.signed_in.get().map_or(Actor::World, Actor::User)
    }

    /// Whether the signed-in person may exercise `permission` in the shown organization; the
    /// answer and its explanation come from the rules crate.
    pub fn may(&self, permission: Permission) -> Result<OrgRole, Denial> {
        let actor = self.actor();
        let organization = self.organization.get();
        let Some(organization) = organization else {
            return Err(Denial::new(&ORG_MEMBERS_ONLY, "no organization is shown"));
        };
        self.read(Part::Users, |ws| authorize(ws, &actor, permission, &organization))
    }

    /// Reads the workspace, to be read again when one of `parts` changes and not otherwise.
    /// `parts` must name every part `read` looks at: one left out leaves the screen stale.
    pub fn read<T>(&self, parts: impl Into<Parts>, read: impl FnOnce(&Workspace) -> T) -> T {
        for part in parts.into().iter() {
            self.parts[part as usize].track();
        }
        self.workspace.with_untracked(read)
    }

    /// Redraws what read the parts the last command changed, and what reads the whole workspace.
    fn changed(&self) {
        let parts = self.workspace.try_update_untracked(Workspace::take_changes);
        self.notify(parts.unwrap_or(Parts::NONE));
    }

    fn notify(&self, parts: Parts) {
        for part in parts.iter() {
            self.parts[part as usize].notify();
        }
        self.workspace.notify();
    }

    /// Puts in a whole workspace (undone, reloaded, imported): every part may differ.
    fn put(&self, workspace: Workspace) {
        let replaced =
            self.workspace.try_update_untracked(|ws| std::mem::replace(ws, settled(workspace)));
        // Freeing the objects of 10,000 users and their indexes took most of an undo's click:
        // the replaced workspace is dropped once the page is idle.
        if let Some(replaced) = replaced {
            when_idle(move |_| drop(replaced));
        }
        self.notify(Parts::ALL);
    }

    /// Applies `command` as the signed-in person.
    pub fn act(&self, command: Command) -> Result<Outcome, Denial> {
        self.dispatch(self.signed_in.get_untracked().map_or(Actor::World, Actor::User), command)
    }

    /// Applies `command` as `user`, who need not be signed in here: someone who belongs to no
    /// organization, and so is never offered under "Signed in as", creating their own.
    pub fn act_as(&self, user: UserSid, command: Command) -> Result<Outcome, Denial> {
        self.dispatch(Actor::User(user), command)
    }

    /// Applies `command` as the outside world (DNS, the clock).
    pub fn simulate(&self, command: Command) -> Result<Outcome, Denial> {
        self.dispatch(Actor::World, command)
    }

    fn dispatch(&self, actor: Actor, command: Command) -> Result<Outcome, Denial> {
        self.undone.set(Vec::new());
        self.send(actor, command)
    }

    /// Applies a command on top of whatever another tab saved meanwhile, and journals it.
    fn send(&self, actor: Actor, command: Command) -> Result<Outcome, Denial> {
        self.catch_up();
        let result = self
            .workspace
            .try_update_untracked(|ws| submit(ws, &actor, &command))
            .expect("the store lives as long as the app");
        self.changed();
        if let Ok(outcome) = &result {
            self.toast
                .set(Some(Notice { text: outcome.summary.clone(), rules: outcome.rules.clone() }));
        }
        self.journal(actor, command);
        result
    }

    /// Answers a SCIM request as Twilio's endpoint would, for the identity provider calling
    /// through the OAuth app `app`, on top of whatever another tab saved meanwhile. What the
    /// request became is journaled with the app as its actor, as a click's command is.
    pub fn scim(&self, app: OauthAppSid, request: Request) -> Exchange {
        self.catch_up();
        let exchange = self
            .workspace
            .try_update_untracked(|ws| handle(ws, &app, &request))
            .expect("the store lives as long as the app");
        // Reads, and requests refused before they became a command, change nothing: the
        // screens need not be drawn again, nor Redo forgotten.
        if let Some(command) = exchange.command.clone() {
            self.undone.set(Vec::new());
            self.changed();
            self.journal(Actor::App(app), command);
        }
        exchange
    }

    /// Stores a command just applied (or refused) after the others, and says when saving failed.
    fn journal(&self, actor: Actor, command: Command) {
        // Even a refused command is journaled: replaying it adds its audit note again.
        let entry = |rev| Entry { rev, actor, command };
        let recorded = self.workspace.with_untracked(|ws| persistence::record(entry, ws));
        if recorded == Ok(true) {
            self.compact_when_idle();
        }
        if recorded.is_ok() {
            self.keep_for_undo_when_idle();
        }
        self.report_saved(recorded.map(|_| ()));
    }

    /// Brings the copy kept for the next undo up to date once the page is idle: it replays
    /// the click's command once more, or copies the whole workspace, which no click should
    /// wait for.
    fn keep_for_undo_when_idle(&self) {
        if KEEPING_FOR_UNDO.replace(true) {
            return;
        }
        let store = *self;
        when_idle(move |_| {
            KEEPING_FOR_UNDO.set(false);
            store.workspace.try_with_untracked(persistence::keep_for_undo);
        });
    }

    /// Puts back the workspace as it was before the last replacement (Reset, import).
    pub fn restore_previous(&self) {
        match persistence::previous() {
            Some(previous) => {
                self.replace(previous, "Restored the workspace as it was before", None)
            }
            None => self.report_saved(Err("the previous workspace is no longer stored".to_owned())),
        }
    }

    /// Takes back the last change, if the journal still holds it.
    pub fn undo(&self) {
        self.catch_up();
        let Some((workspace, entry)) = persistence::undo() else {
            return;
        };
        let kind = entry.command.kind().replace('_', " ");
        self.put(workspace);
        self.keep_for_undo_when_idle();
        self.undoable.set(persistence::journaled());
        self.undone.update(|undone| {
            undone.push(entry);
            let excess = undone.len().saturating_sub(REDO_DEPTH);
            undone.drain(..excess);
        });
        self.toast.set(Some(Notice { text: format!("Undid {kind}"), rules: Vec::new() }));
    }

    /// Applies again the change Undo took back last.
    pub fn redo(&self) {
        let Some(entry) = self.undone.try_update(Vec::pop).flatten() else {
            return;
        };
        let kind = entry.command.kind().replace('_', " ");
        if self.send(entry.actor, entry.command).is_err() {
            self.toast.set(Some(Notice {
                text: format!("Redid {kind}: refused again"),
                rules: Vec::new(),
            }));
        }
    }

    /// Takes in what another tab saved, and says so.
    pub fn catch_up(&self) {
        let caught = self.workspace.try_update_untracked(persistence::catch_up);
        let text = match caught {
            None | Some(CatchUp::Current) => return,
            Some(CatchUp::Replayed(n)) => {
                // Another tab's commands were replayed here, marking what they changed.
                self.changed();
                format!(
                    "Another tab saved {n} change(s) to this workspace; they are shown here too"
                )
            }
            Some(CatchUp::Reloaded(loaded)) => {
                // What another tab stored now stands between this tab and what it replaced.
                self.replaced.set(None);
                self.put(loaded.workspace);
                self.storage_problem.set(loaded.problem);
                let session = Session {
                    organization: self.organization.get_untracked(),
                    user: self.signed_in.get_untracked(),
                };
                self.restore_session(session);
                "Another tab undid, replaced or compacted changes; it is shown here as saved"
                    .to_owned()
            }
        };
        self.undone.set(Vec::new());
        self.undoable.set(persistence::journaled());
        self.toast.set(Some(Notice { text, rules: Vec::new() }));
    }

    /// Takes in another tab's saves as they happen, through the browser's `storage` event.
    pub fn follow_other_tabs(&self) {
        let store = *self;
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().is_none_or(|key| key.starts_with("org-console.") && key != SESSION) {
                store.catch_up();
            }
        });
        on_cleanup(move || listener.remove());
    }

    /// Folds the journal into a new snapshot at once. Runs when the page is hidden, when the
    /// console may already be gone.
    fn compact(&self) {
        // Hidden again and again, the page has nothing new to fold after the first time.
        if persistence::journaled() == 0 && !persistence::behind() {
            return;
        }
        // The previous copy becomes the workspace as compacted: a replacement can no longer
        // be taken back.
        self.replaced.try_set(None);
        if let Some(result) = self.workspace.try_with_untracked(persistence::save) {
            self.report_saved(result);
        }
    }

    /// Folds the journal into a snapshot while the page is idle, deflating it a slice at a
    /// time: at 10,000 users a whole save would hold the page up for a fifth of a second, and
    /// not in the click's path nor before the frame that shows the click.
    fn compact_when_idle(&self) {
        // Every click past the journal's bound asks for one until one has run: one at a time.
        if COMPACTING.replace(true) {
            return;
        }
        let store = *self;
        when_idle(move |_| {
            match store.workspace.try_with_untracked(persistence::start_compaction).flatten() {
                Some(compaction) => store.go_on_compacting(compaction),
                None => COMPACTING.set(false),
            }
        });
    }

    fn go_on_compacting(self, mut compaction: persistence::Compaction) {
        when_idle(move |deadline| {
            let ready = loop {
                if compaction.deflate(COMPACTION_SLICE_BYTES) {
                    break true;
                }
                // Where the browser says how long it stays idle, as many slices as fit.
                if deadline.as_ref().is_none_or(|d| d.time_remaining() < IDLE_MARGIN_MS) {
                    break false;
                }
            };
            if !ready {
                return self.go_on_compacting(compaction);
            }
            COMPACTING.set(false);
            match compaction.finish() {
                // The previous copy is now the workspace as compacted: a replacement can no
                // longer be taken back.
                Ok(true) => {
                    _ = self.replaced.try_set(None);
                    self.report_saved(Ok(()));
                }
                Ok(false) => {}
                Err(why) => self.report_saved(Err(why)),
            }
        });
    }

    /// Compacts the journal whenever the page is hidden: switching tabs or closing the page
    /// costs the person nothing, and the next start replays fewer entries.
    pub fn compact_when_hidden(&self) {
        let store = *self;
        let on_hidden = move || {
            if document().hidden() {
                store.compact();
            }
        };
        let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| on_hidden());
        let page_hide = window_event_listener(leptos::ev::pagehide, move |_| on_hidden());
        on_cleanup(move || {
            visibility.remove();
            page_hide.remove();
        });
    }

    /// Replaces the whole workspace, as Reset and import do, keeping the replaced one as the
    /// previous copy; `undo` names the button that puts it back.
    pub fn replace(&self, workspace: Workspace, message: &str, undo: Option<&'static str>) {
        // What another tab saved is taken in first, so the replaced workspace kept as the
        // previous copy is the one stored.
        self.catch_up();
        self.replaced.set(undo);
        self.put(workspace);
        self.restore_session(Session::default());
        self.save_session();
        self.toast.set(Some(Notice { text: message.to_owned(), rules: Vec::new() }));
        let result = self.workspace.with_untracked(persistence::replace);
        self.report_saved(result);
    }

    fn report_saved(&self, result: Result<(), String>) {
        let problem = result.err().map(|why| format!("Your last change was not saved: {why}."));
        self.storage_problem.try_set(problem);
        self.undoable.try_set(persistence::journaled());
    }

    /// The organization shown, if any.
    pub fn current_organization(&self) -> Option<Organization> {
        let sid = self.organization.get()?;
        self.read(Part::Organizations, |ws| ws.organization(&sid).cloned())
    }

    pub fn signed_in_user(&self) -> Option<User> {
        let sid = self.signed_in.get()?;
        self.read(Part::Users, |ws| ws.user(&sid).cloned())
    }
}

/// A workspace with no change marked: what building or replaying it marked is no change of
/// the next command's.
fn settled(mut workspace: Workspace) -> Workspace {
    workspace.take_changes();
    workspace
}

fn first_organization(ws: &Workspace) -> Option<&Organization> {
    ws.organizations().min_by(|a, b| a.friendly_name.cmp(&b.friendly_name))
}

/// Runs `task` once the browser is idle, or within a second if it never is; right after the
/// current task where the browser cannot say when it is idle (Safari). The task is told how
/// long the browser expects to stay idle, where it says.
fn when_idle(task: impl FnOnce(Option<IdleDeadline>) + 'static) {
    let task = Closure::once_into_js(move |deadline: JsValue| task(deadline.dyn_into().ok()));
    let options = IdleRequestOptions::new();
    options.set_timeout(1000);
    let scheduled = window().request_idle_callback_with_options(task.unchecked_ref(), &options);
    if scheduled.is_err() {
        let _ = window().set_timeout_with_callback(task.unchecked_ref());
    }
}
