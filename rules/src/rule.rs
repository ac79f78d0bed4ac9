//! What a rule is, and what a refusal carries.

use serde::{Serialize, Serializer};
use std::fmt;

/// One governance rule of the catalog. Every refusal names exactly one, and an applied command
/// names every rule that shaped what it did.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, never reused: `DOMAIN_COMMON_PROVIDER`.
    pub id: &'static str,
    /// One line, sentence case, no final period.
    pub title: &'static str,
    /// What a person reads to understand the rule, in Twilio's words where it has some.
    pub explanation: &'static str,
    /// Where the rule comes from: a seed document or a section of `twilio-facts.md`.
    pub source: &'static str,
    pub kind: RuleKind,
}

/// What a rule does: refuse commands that break it, or shape what an applied command does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// "Only Owners and Administrators add domains": a command that breaks it is refused.
    Refusal,
    /// "A subaccount of a HIPAA account is HIPAA too": it decides what an applied command does.
    Effect,
}

impl RuleKind {
    pub fn label(self) -> &'static str {
        match self {
            RuleKind::Refusal => "Refuses",
            RuleKind::Effect => "Shapes outcomes",
        }
    }
}

impl Serialize for &'static Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

/// A refused command: the rule that refused it and what exactly was wrong.
///
/// `detail` follows Cedar's error style: lowercase, one line, no final period, values in
/// backticks. The longer explanation is the rule's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Denial {
    pub rule: &'static Rule,
    pub detail: String,
}

impl Denial {
    pub fn new(rule: &'static Rule, detail: impl Into<String>) -> Self {
        Self { rule, detail: detail.into() }
    }
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule.id, self.detail)
    }
}

impl std::error::Error for Denial {}

/// Refuses with `rule` unless `condition` holds.
pub fn require(
    condition: bool,
    rule: &'static Rule,
    detail: impl FnOnce() -> String,
) -> Result<(), Denial> {
    if condition { Ok(()) } else { Err(Denial::new(rule, detail())) }
}
