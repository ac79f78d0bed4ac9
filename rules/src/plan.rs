//! What every area's checks hand the engine: a [`Plan`] of what will happen, the audit events
//! it drafts, and the one lookup that refuses a missing object. The areas build on this module
//! and the engine runs what they build, so nothing here knows any area.

use crate::clock::Timestamp;
use crate::model::FieldChange;
use crate::rule::{Denial, Rule, RuleKind};
use crate::workspace::Workspace;
use std::collections::BTreeMap;

/// A checked command, ready to apply.
pub(crate) struct Plan {
    pub(crate) summary: String,
    /// The effect rules that decide what applying it does, in the order they act. Known before
    /// anything changes, so a dry run can name them.
    pub(crate) rules: Vec<&'static Rule>,
    pub(crate) mutate: Box<dyn FnOnce(&mut Workspace) -> Applied>,
}

impl Plan {
    pub(crate) fn new(
        summary: impl Into<String>,
        mutate: impl FnOnce(&mut Workspace) -> Applied + 'static,
    ) -> Self {
        Self { summary: summary.into(), rules: Vec::new(), mutate: Box::new(mutate) }
    }

    /// Names an effect rule that shapes what the plan does.
    pub(crate) fn because(self, rule: &'static Rule) -> Self {
        self.because_if(true, rule)
    }

    /// Names `rule` when its condition holds for this command.
    pub(crate) fn because_if(mut self, condition: bool, rule: &'static Rule) -> Self {
        debug_assert_eq!(rule.kind, RuleKind::Effect, "{} refuses; it shapes nothing", rule.id);
        if condition && !self.rules.contains(&rule) {
            self.rules.push(rule);
        }
        self
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
        Self { created: None, events: vec![event] }
    }

    pub(crate) fn created(mut self, sid: impl ToString) -> Self {
        self.created = Some(sid.to_string());
        self
    }
}

/// An audit event before the engine gives it a SID, a date and an actor.
pub(crate) struct EventDraft {
    pub(crate) event_type: String,
    pub(crate) resource_type: &'static str,
    pub(crate) resource_sid: String,
    pub(crate) description: String,
    pub(crate) event_data: BTreeMap<String, FieldChange>,
    /// When it happened, if not at the workspace's current time (events of a clock step).
    pub(crate) date: Option<Timestamp>,
    /// The rule behind this event, when a step's events follow different rules (a clock step);
    /// otherwise the event records the plan's rules.
    pub(crate) rule: Option<&'static Rule>,
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
            date: None,
            rule: None,
        }
    }

    /// Records `rule`, of those its plan names, as the one behind this event.
    pub(crate) fn because(mut self, rule: &'static Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    pub(crate) fn at(mut self, date: Timestamp) -> Self {
        self.date = Some(date);
        self
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
    kind: RuleKind::Refusal,
};

/// Looks an object up, or refuses with [`OBJECT_NOT_FOUND`].
pub(crate) fn found<'w, T>(
    object: Option<&'w T>,
    what: &str,
    sid: impl std::fmt::Display,
) -> Result<&'w T, Denial> {
    object.ok_or_else(|| Denial::new(&OBJECT_NOT_FOUND, format!("no {what} `{sid}` exists")))
}
