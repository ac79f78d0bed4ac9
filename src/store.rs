//! The one store: the workspace, who is signed in, and where. Pages read it and send it commands;
//! it applies them through the rules crate, saves, and raises the toast.

use crate::persistence;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use org_rules::authz::{ORG_MEMBERS_ONLY, Permission, authorize};
use org_rules::model::{OrgRole, Organization, User};
use org_rules::sid::{OrgSid, UserSid};
use org_rules::{Actor, Command, Denial, Outcome, Rule, Workspace, submit};
use serde::{Deserialize, Serialize};

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
    pub workspace: RwSignal<Workspace>,
    pub organization: RwSignal<Option<OrgSid>>,
    pub signed_in: RwSignal<Option<UserSid>>,
    /// The last completed action, for the toast.
    pub toast: RwSignal<Option<Notice>>,
    /// Why the stored workspace could not be loaded as it was, or the last save failed.
    pub storage_problem: RwSignal<Option<String>>,
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}

impl Store {
    /// Loads the saved workspace (or the demo on a first visit) and the saved session.
    pub fn load() -> Self {
        let loaded = persistence::load();
        let session: Session = LocalStorage::get(SESSION).unwrap_or_default();
        let store = Self {
            workspace: RwSignal::new(loaded.workspace),
            organization: RwSignal::new(None),
            signed_in: RwSignal::new(None),
            toast: RwSignal::new(None),
            storage_problem: RwSignal::new(loaded.problem),
        };
        store.restore_session(session);
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
        self.workspace.with(|ws| authorize(ws, &actor, permission, &organization))
    }

    /// Applies `command` as the signed-in person.
    pub fn act(&self, command: Command) -> Result<Outcome, Denial> {
        self.dispatch(self.signed_in.get_untracked().map_or(Actor::World, Actor::User), command)
    }

    /// Applies `command` as the outside world (DNS, the clock).
    pub fn simulate(&self, command: Command) -> Result<Outcome, Denial> {
        self.dispatch(Actor::World, command)
    }

    fn dispatch(&self, actor: Actor, command: Command) -> Result<Outcome, Denial> {
        let result = self
            .workspace
            .try_update_untracked(|ws| submit(ws, &actor, &command))
            .expect("the store lives as long as the app");
        // Even a refusal adds its note to the audit log, so both are saved.
        self.workspace.notify();
        if let Ok(outcome) = &result {
            self.toast
                .set(Some(Notice { text: outcome.summary.clone(), rules: outcome.rules.clone() }));
        }
        self.save();
        result
    }

    /// Replaces the whole workspace, as Reset does, keeping the replaced one as the previous copy.
    pub fn replace(&self, workspace: Workspace, message: &str) {
        self.workspace.set(workspace);
        self.restore_session(Session::default());
        self.save_session();
        self.toast.set(Some(Notice { text: message.to_owned(), rules: Vec::new() }));
        self.save();
    }

    fn save(&self) {
        let result = self.workspace.with_untracked(persistence::save);
        self.storage_problem
            .set(result.err().map(|why| format!("Your last change was not saved: {why}.")));
    }

    /// The organization shown, if any.
    pub fn current_organization(&self) -> Option<Organization> {
        let sid = self.organization.get()?;
        self.workspace.with(|ws| ws.organization(&sid).cloned())
    }

    pub fn signed_in_user(&self) -> Option<User> {
        let sid = self.signed_in.get()?;
        self.workspace.with(|ws| ws.user(&sid).cloned())
    }
}

fn first_organization(ws: &Workspace) -> Option<&Organization> {
    ws.organizations().min_by(|a, b| a.friendly_name.cmp(&b.friendly_name))
}
