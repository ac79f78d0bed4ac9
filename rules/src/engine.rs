//! `apply`: authorize, check every rule, and only then mutate and record the audit event.
//!
//! Each command's checks take the workspace by shared reference and return a [`Plan`]: the
//! summary of what will happen and a closure that makes it happen. The borrow checker thereby
//! guarantees that no check runs after a mutation began, and a dry run is the checks alone.

use crate::authz::Actor;
use crate::command::Command;
use crate::model::{AuditEvent, FieldChange};
use crate::rule::{Denial, Rule};
use crate::workspace::Workspace;
use crate::{dns, domains};
use serde::Serialize;
use std::collections::BTreeMap;

/// What an applied command did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// One sentence for a toast: "Added owl.example".
    pub summary: String,
    /// The SID of the object the command created, if it created one.
    pub created: Option<String>,
    /// The audit events recorded, in order.
    pub events: Vec<AuditEvent>,
}

/// Applies `command` as `actor`. On a denial the workspace is left exactly as it was.
pub fn apply(
    workspace: &mut Workspace,
    actor: &Actor,
    command: &Command,
) -> Result<Outcome, Denial> {
    let plan = check(workspace, actor, command)?;
    let applied = (plan.mutate)(workspace);
    let events = applied
        .events
        .into_iter()
        .map(|draft| {
            let event = AuditEvent {
                sid: workspace.issue(),
                event_type: draft.event_type,
                event_date: workspace.now(),
                actor_sid: actor.user().cloned(),
                resource_type: draft.resource_type.to_owned(),
                resource_sid: draft.resource_sid,
                description: draft.description,
                event_data: draft.event_data,
            };
            workspace.push_event(event.clone());
            event
        })
        .collect();
    Ok(Outcome {
        summary: plan.summary,
        created: applied.created,
        events,
    })
}

/// Checks `command` without applying it: `Ok` with the summary of what it would do, or the
/// denial it would meet. The console uses it to decide what to offer and to explain why not.
pub fn dry_run(workspace: &Workspace, actor: &Actor, command: &Command) -> Result<String, Denial> {
    check(workspace, actor, command).map(|plan| plan.summary)
}

fn check(workspace: &Workspace, actor: &Actor, command: &Command) -> Result<Plan, Denial> {
    match command {
        Command::AddDomain { organization, name } => {
            domains::add(workspace, actor, organization, name)
        }
        Command::VerifyDomain { domain } => domains::verify(workspace, actor, domain),
        Command::SetSignupPolicy { domain, policy } => {
            domains::set_signup_policy(workspace, actor, domain, *policy)
        }
        Command::RemoveDomain { domain } => domains::remove(workspace, actor, domain),
        Command::PublishDnsRecord { name, value } => dns::publish(workspace, name, value),
        Command::RemoveDnsRecord { name, value } => dns::unpublish(workspace, name, value),
    }
}

/// A checked command, ready to apply.
pub(crate) struct Plan {
    summary: String,
    mutate: Box<dyn FnOnce(&mut Workspace) -> Applied>,
}

impl Plan {
    pub(crate) fn new(
        summary: impl Into<String>,
        mutate: impl FnOnce(&mut Workspace) -> Applied + 'static,
    ) -> Self {
        Self {
            summary: summary.into(),
            mutate: Box::new(mutate),
        }
    }
}

/// What a mutation reports back to the engine.
#[derive(Default)]
pub(crate) struct Applied {
    pub created: Option<String>,
    pub events: Vec<EventDraft>,
}

impl Applied {
    pub(crate) fn event(event: EventDraft) -> Self {
        Self {
            created: None,
            events: vec![event],
        }
    }

    pub(crate) fn created(mut self, sid: impl ToString) -> Self {
        self.created = Some(sid.to_string());
        self
    }
}

/// An audit event before the engine gives it a SID, a date and an actor.
pub(crate) struct EventDraft {
    event_type: String,
    resource_type: &'static str,
    resource_sid: String,
    description: String,
    event_data: BTreeMap<String, FieldChange>,
}

impl EventDraft {
    /// `event_type` is `resource.action`, as in Twilio's Monitor Events.
    pub(crate) fn new(
        resource_type: &'static str,
        action: &str,
        resource_sid: impl ToString,
        description: impl Into<String>,
    ) -> Self {
        Self {
            event_type: format!("{resource_type}.{action}"),
            resource_type,
            resource_sid: resource_sid.to_string(),
            description: description.into(),
            event_data: BTreeMap::new(),
        }
    }

    pub(crate) fn field(
        mut self,
        name: &str,
        previous: Option<impl ToString>,
        updated: Option<impl ToString>,
    ) -> Self {
        self.event_data.insert(
            name.to_owned(),
            FieldChange {
                previous: previous.map(|v| v.to_string()),
                updated: updated.map(|v| v.to_string()),
            },
        );
        self
    }
}

pub static OBJECT_NOT_FOUND: Rule = Rule {
    id: "OBJECT_NOT_FOUND",
    title: "A command must name objects that exist",
    explanation: "The command names an organization, user or domain that does not exist in this \
        workspace, or no longer does. Twilio's APIs answer such requests with 404 Not Found.",
    source: "twilio-facts §2.2 (404 responses; errors 25008, 25100, 25101)",
};

/// Looks an object up, or refuses with [`OBJECT_NOT_FOUND`].
pub(crate) fn found<'w, T>(
    object: Option<&'w T>,
    what: &str,
    sid: impl std::fmt::Display,
) -> Result<&'w T, Denial> {
    object.ok_or_else(|| Denial::new(&OBJECT_NOT_FOUND, format!("no {what} `{sid}` exists")))
}
