//! Scenarios: a starting workspace and a list of `{actor, command}` steps, run through the
//! engine one by one. They read like the documents they come from, so objects are named, not
//! given by SID: a string such as `"$org:Owl Labs"` in a command stands for that object's SID
//! in the workspace as it is when the step runs.
//!
//! | reference | stands for |
//! |---|---|
//! | `$org:NAME` | the organization with that name |
//! | `$user:EMAIL` | the user with that email |
//! | `$domain:NAME` | the domain with that name (the only one, or the verified one) |
//! | `$account:NAME` | the account or subaccount with that name |
//! | `$invitation:EMAIL` or `$invitation:ACCOUNT NAME` | the newest pending invitation of that person or account |
//! | `$profile:ORG NAME` | the organization's SSO profile |
//! | `$record:DOMAIN` / `$token:DOMAIN` | the name / value of the domain's verification TXT record |
//! | `$created` | the SID the latest step that created something created |

use crate::authz::Actor;
use crate::command::Command;
use crate::demo::{DEMO_START, demo_workspace};
use crate::engine::submit;
use crate::model::AuditEvent;
use crate::snapshot;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// What the scenario shows, in a sentence.
    #[serde(default)]
    pub title: String,
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
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `"world"`, a user's email, or a user SID.
    pub actor: String,
    pub command: Value,
    /// `"applied"`, or the id of the rule expected to refuse the step.
    #[serde(default)]
    pub expect: Option<String>,
}

/// One line of the runner's output.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct StepReport {
    pub step: usize,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The toast of an applied step, or the detail of a denial.
    pub message: String,
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

/// Runs every step; stops at the first step that cannot run or breaks its expectation.
pub fn run(text: &str) -> Result<Vec<StepReport>, ScenarioError> {
    let fail = |step: usize| move |message: String| ScenarioError { step, message };
    let scenario: Scenario = serde_json::from_str(text).map_err(|e| fail(0)(e.to_string()))?;
    let mut workspace = start(scenario.start).map_err(fail(0))?;
    let mut created = None;
    let mut reports = Vec::with_capacity(scenario.steps.len());
    for (index, step) in scenario.steps.into_iter().enumerate() {
        let number = index + 1;
        let actor = actor(&workspace, &step.actor).map_err(fail(number))?;
        let resolved =
            resolve(&workspace, step.command, created.as_deref()).map_err(fail(number))?;
        let command: Command = serde_json::from_value(resolved)
            .map_err(|e| fail(number)(format!("bad command: {e}")))?;
        let report = match submit(&mut workspace, &actor, &command) {
            Ok(outcome) => {
                created = outcome.created.or(created);
                StepReport {
                    step: number,
                    outcome: "applied",
                    rule: None,
                    message: outcome.summary,
                    events: outcome.events,
                }
            }
            Err(denial) => StepReport {
                step: number,
                outcome: "denied",
                rule: Some(denial.rule.id),
                message: denial.detail,
                events: Vec::new(),
            },
        };
        if let Some(expected) = step.expect {
            let got = report.rule.unwrap_or("applied");
            if got != expected {
                return Err(fail(number)(format!(
                    "expected {expected}, got {got}: {}",
                    report.message
                )));
            }
        }
        reports.push(report);
    }
    Ok(reports)
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
    let user = match who.parse() {
        Ok(sid) => workspace.user(&sid),
        Err(_) => workspace.user_by_email(who),
    };
    user.map(|u| Actor::User(u.sid.clone())).ok_or_else(|| format!("no user `{who}` to act as"))
}

/// Replaces every `$kind:name` string in the command with what it names.
fn resolve(workspace: &Workspace, value: Value, created: Option<&str>) -> Result<Value, String> {
    Ok(match value {
        Value::String(text) if text.starts_with('$') => {
            Value::String(reference(workspace, &text, created)?)
        }
        Value::Array(items) => Value::Array(
            items.into_iter().map(|v| resolve(workspace, v, created)).collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| resolve(workspace, v, created).map(|v| (k, v)))
                .collect::<Result<_, _>>()?,
        ),
        other => other,
    })
}

fn reference(ws: &Workspace, text: &str, created: Option<&str>) -> Result<String, String> {
    if text == "$created" {
        return created
            .map(str::to_owned)
            .ok_or_else(|| "`$created`: no step has created anything yet".into());
    }
    let (kind, name) =
        text[1..].split_once(':').ok_or_else(|| format!("`{text}` is not `$kind:name`"))?;
    let state = ws.state();
    let missing = || format!("`{text}`: no such {kind}");
    let domain = || {
        let mut named: Vec<_> = ws.domains_named(name).collect();
        named.sort_by_key(|d| !d.is_verified());
        named.first().copied().ok_or_else(missing)
    };
    match kind {
        "org" => ws
            .organizations()
            .find(|o| o.friendly_name == name)
            .map(|o| o.sid.to_string())
            .ok_or_else(missing),
        "user" => ws.user_by_email(name).map(|u| u.sid.to_string()).ok_or_else(missing),
        "domain" => domain().map(|d| d.sid.to_string()),
        "record" => domain().map(|d| d.record_name()),
        "token" => domain().map(|d| d.record_value()),
        "account" => state
            .accounts
            .values()
            .map(|a| (&a.sid, &a.friendly_name))
            .chain(state.subaccounts.values().map(|s| (&s.sid, &s.friendly_name)))
            .find(|(_, friendly)| *friendly == name)
            .map(|(sid, _)| sid.to_string())
            .ok_or_else(missing),
        "invitation" => {
            let by_account = state.accounts.values().find(|a| a.friendly_name == name);
            let pending: Vec<_> = match by_account {
                Some(account) => ws.pending_invitations_for_account(&account.sid).collect(),
                None => ws.pending_invitations_for_email(name).collect(),
            };
            pending.iter().max_by_key(|i| i.sent).map(|i| i.sid.to_string()).ok_or_else(missing)
        }
        "profile" => ws
            .organizations()
            .find(|o| o.friendly_name == name)
            .and_then(|o| ws.sso_profile_of(&o.sid))
            .map(|p| p.sid.to_string())
            .ok_or_else(missing),
        other => Err(format!("`{text}`: unknown kind `{other}`")),
    }
}
