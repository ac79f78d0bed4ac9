//! Scenarios: a starting workspace and a list of steps, run through the engine one by one. A
//! step submits a command as an actor, sends a request to the SCIM endpoint as an identity
//! provider (see [`ScimStep`]), or asserts facts about the workspace at that point (see
//! [`Fact`]). Scenarios read like the documents they come from, so objects are named,
//! not given by SID: a string such as `"$org:Owl Labs"` stands for that object's SID in the
//! workspace as it is when the step runs.
//!
//! | reference | stands for |
//! |---|---|
//! | `$org:NAME` | the organization with that name |
//! | `$user:EMAIL` | the user with that email |
//! | `$domain:NAME` | the domain with that name (the only one, or the verified one) |
//! | `$account:NAME` | the account or subaccount with that name |
//! | `$invitation:EMAIL` or `$invitation:ACCOUNT NAME` | the newest pending invitation of that person or account, or else their newest one |
//! | `$profile:ORG NAME` | the organization's SSO profile |
//! | `$record:DOMAIN` / `$token:DOMAIN` | the name / value of the domain's verification TXT record |
//! | `$created` | the SID the latest step that created something created |
//! | `$gone:KIND:NAME` | the latest object that `$KIND:NAME` named earlier and that has gone since |
//!
//! Any other string, such as a literal SID, stands for itself. Inside a longer string, such as
//! a SCIM request's path, a reference is written between double braces: `{{$user:EMAIL}}`.

mod facts;
mod references;
mod scim;

pub use facts::Fact;
pub use scim::{ScimRequest, ScimStep};

use crate::authz::Actor;
use crate::catalog::CATALOG;
use crate::command::Command;
use crate::demo::{DEMO_START, demo_workspace};
use crate::engine::submit;
use crate::model::AuditEvent;
use crate::scim::endpoint::Response;
use crate::snapshot;
use crate::workspace::Workspace;
use references::References;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// What the scenario shows, in a sentence.
    #[serde(default)]
    pub title: String,
    /// For the reader, such as the document it demonstrates; the runner ignores it.
    #[serde(default)]
    pub note: String,
    pub start: Start,
    pub steps: Vec<Step>,
}

/// `"demo"`, `"empty"`, or a snapshot object as exported by the console.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Start {
    Named(String),
    Snapshot(Value),
}

#[derive(Debug, Deserialize)]
#[serde(try_from = "StepFields")]
pub struct Step {
    /// For the reader, such as the document line the step demonstrates; the runner ignores it.
    pub note: String,
    pub action: Action,
}

#[derive(Debug)]
pub enum Action {
    /// Submit a command, and check that it goes as expected.
    Command(CommandStep),
    /// Check facts about the workspace as it is after the steps before.
    Assert(Vec<Fact>),
    /// Send a request to the SCIM endpoint, and check the response's status.
    Scim(ScimStep),
}

#[derive(Debug)]
pub struct CommandStep {
    /// `"world"`, a user's email, or a user SID.
    pub actor: String,
    pub command: Value,
    /// `"applied"`, or the id of the rule expected to refuse the step.
    pub expect: Option<String>,
    /// Effect rules that must be among those that shaped the applied step.
    pub expect_rules: Vec<String>,
}

/// A step as written: which fields go together is checked when it becomes a [`Step`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFields {
    #[serde(default)]
    note: String,
    actor: Option<String>,
    command: Option<Value>,
    expect: Option<String>,
    #[serde(default)]
    expect_rules: Vec<String>,
    assert: Option<Vec<Fact>>,
    scim: Option<ScimRequest>,
    organization: Option<String>,
    expect_status: Option<u16>,
}

impl TryFrom<StepFields> for Step {
    type Error = String;

    fn try_from(fields: StepFields) -> Result<Self, String> {
        let StepFields {
            note,
            actor,
            command,
            expect,
            expect_rules,
            assert,
            scim,
            organization,
            expect_status,
        } = fields;
        let action = match (command, assert, scim) {
            (Some(command), None, None) => {
                refuse_fields(
                    "a `command` step",
                    &[
                        ("organization", organization.is_some()),
                        ("expect_status", expect_status.is_some()),
                    ],
                )?;
                let actor = actor.ok_or("a step with a `command` names its `actor`")?;
                Action::Command(CommandStep { actor, command, expect, expect_rules })
            }
            (None, Some(facts), None) => {
                refuse_fields(
                    "an `assert` step",
                    &[
                        ("actor", actor.is_some()),
                        ("expect", expect.is_some()),
                        ("expect_rules", !expect_rules.is_empty()),
                        ("organization", organization.is_some()),
                        ("expect_status", expect_status.is_some()),
                    ],
                )?;
                Action::Assert(facts)
            }
            (None, None, Some(request)) => {
                refuse_fields(
                    "a `scim` step",
                    &[("actor", actor.is_some()), ("expect", expect.is_some())],
                )?;
                Action::Scim(ScimStep { request, organization, expect_status, expect_rules })
            }
            (None, None, None) => {
                return Err("a step has a `command`, an `assert` or a `scim` request".into());
            }
            _ => return Err("a step has one of `command`, `assert` and `scim`, not several".into()),
        };
        Ok(Step { note, action })
    }
}

/// Refuses the first of `fields` that is present, as a field `step` does not take.
fn refuse_fields(step: &str, fields: &[(&str, bool)]) -> Result<(), String> {
    match fields.iter().find(|(_, present)| *present) {
        Some((name, _)) => Err(format!("{step} has no `{name}`")),
        None => Ok(()),
    }
}

/// One line of the runner's output.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct StepReport {
    pub step: usize,
    /// `"applied"` or `"denied"` for a command, `"answered"` for a SCIM request, `"checked"`
    /// for facts that all hold.
    pub outcome: &'static str,
    /// The rule that refused a denied step, or a SCIM request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The effect rules that shaped an applied step, in order; for a SCIM request, every rule
    /// the endpoint named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<&'static str>>,
    /// The toast of an applied step, the detail of a denial, how many facts hold, or a SCIM
    /// response's status and error detail.
    pub message: String,
    /// The response to a SCIM request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    /// The audit events the step recorded: for a SCIM request, a refusal's note too.
    pub events: Vec<AuditEvent>,
}

/// Why a scenario could not run, or did not go as it said it would.
#[derive(Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// 1-based; 0 for the scenario as a whole.
    pub step: usize,
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.step {
            0 => write!(f, "scenario: {}", self.message),
            step => write!(f, "step {step}: {}", self.message),
        }
    }
}

/// A scenario run to its end.
#[derive(Debug)]
pub struct Run {
    pub reports: Vec<StepReport>,
    /// The workspace after the last step, which `org-scenario --final` exports.
    pub workspace: Workspace,
}

/// Runs every step; stops at the first step that cannot run or breaks its expectation.
pub fn run(text: &str) -> Result<Vec<StepReport>, ScenarioError> {
    run_full(text).map(|run| run.reports)
}

/// [`run`], keeping the workspace the last step left.
pub fn run_full(text: &str) -> Result<Run, ScenarioError> {
    let fail = |step: usize| move |message: String| ScenarioError { step, message };
    let scenario: Scenario = serde_json::from_str(text).map_err(|e| fail(0)(e.to_string()))?;
    let mut workspace = start(scenario.start).map_err(fail(0))?;
    let mut refs = References::default();
    let mut reports = Vec::with_capacity(scenario.steps.len());
    for (index, step) in scenario.steps.into_iter().enumerate() {
        let number = index + 1;
        let report = match step.action {
            Action::Command(step) => run_command(number, &mut workspace, &mut refs, step),
            Action::Assert(facts) => check_facts(number, &workspace, &mut refs, &facts),
            Action::Scim(step) => scim::run_scim(number, &mut workspace, &mut refs, step),
        };
        reports.push(report.map_err(fail(number))?);
    }
    Ok(Run { reports, workspace })
}

/// Submits the step's command and checks that it went as expected.
fn run_command(
    number: usize,
    workspace: &mut Workspace,
    refs: &mut References,
    step: CommandStep,
) -> Result<StepReport, String> {
    let actor = actor(workspace, &step.actor)?;
    let resolved = refs.resolve_all(workspace, step.command)?;
    let command: Command =
        serde_json::from_value(resolved).map_err(|e| format!("bad command: {e}"))?;
    let report = match submit(workspace, &actor, &command) {
        Ok(outcome) => {
            if let Some(created) = outcome.created {
                refs.set_created(created);
            }
            StepReport {
                step: number,
                outcome: "applied",
                rule: None,
                rules: Some(outcome.rules.iter().map(|rule| rule.id).collect()),
                message: outcome.summary,
                response: None,
                events: outcome.events,
            }
        }
        Err(denial) => StepReport {
            step: number,
            outcome: "denied",
            rule: Some(denial.rule.id),
            rules: None,
            message: denial.detail,
            response: None,
            events: Vec::new(),
        },
    };
    if let Some(expected) = &step.expect {
        let got = report.rule.unwrap_or("applied");
        if got != expected {
            return Err(format!("expected {expected}, got {got}: {}", report.message));
        }
    }
    check_rules(&step.expect_rules, &report)?;
    Ok(report)
}

/// Checks that every rule in `expected` shaped the step. An id the catalog lacks is called
/// that, rather than a rule that did not apply, so that a misspelling is plain.
fn check_rules(expected: &[String], report: &StepReport) -> Result<(), String> {
    let rules = report.rules.as_deref().unwrap_or_default();
    let Some(missing) = expected.iter().find(|id| !rules.contains(&id.as_str())) else {
        return Ok(());
    };
    if !CATALOG.iter().any(|rule| rule.id == missing) {
        return Err(format!("expect_rules: no rule `{missing}` in the catalog"));
    }
    match report.rule {
        Some(refusal) => {
            Err(format!("expect_rules: the step was denied by {refusal}, so no rule shaped it"))
        }
        None => {
            Err(format!("expect_rules: {missing} did not shape the step; its rules: {rules:?}"))
        }
    }
}

/// Checks the facts in order; the first that does not hold stops the run.
fn check_facts(
    number: usize,
    workspace: &Workspace,
    refs: &mut References,
    facts: &[Fact],
) -> Result<StepReport, String> {
    for (index, fact) in facts.iter().enumerate() {
        fact.check(workspace, refs).map_err(|e| format!("fact {}, {e}", index + 1))?;
    }
    Ok(StepReport {
        step: number,
        outcome: "checked",
        rule: None,
        rules: None,
        message: format!("{} fact(s) hold", facts.len()),
        response: None,
        events: Vec::new(),
    })
}

fn start(start: Start) -> Result<Workspace, String> {
    match start {
        Start::Named(name) if name == "demo" => Ok(demo_workspace()),
        Start::Named(name) if name == "empty" => Ok(Workspace::empty(DEMO_START, 1)),
        Start::Named(other) => {
            Err(format!("unknown start `{other}`: use \"demo\", \"empty\" or a snapshot"))
        }
        Start::Snapshot(value) => {
            snapshot::from_json(&value.to_string()).map_err(|e| e.to_string())
        }
    }
}

fn actor(workspace: &Workspace, who: &str) -> Result<Actor, String> {
    if who == "world" {
        return Ok(Actor::World);
    }
    workspace
        .user_named(who)
        .map(|u| Actor::User(u.sid.clone()))
        .ok_or_else(|| format!("no user `{who}` to act as"))
}
