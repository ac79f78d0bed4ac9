//! What happens as the simulated clock advances: invitations expire, domains are re-checked
//! every 24 hours and removed 30 days after a failed re-check, closed subaccounts are deleted 30
//! days after closure. Password reset links need nothing: they carry their own expiry.

use crate::clock::{DAY, Timestamp};
use crate::model::{AccountStatus, Domain, DomainCheck, DomainStatus, InvitationState};
use crate::plan::{Applied, EventDraft, Plan};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{AccountSid, DomainSid, InvitationSid};
use crate::workspace::Workspace;

/// The longest single step of the clock: a year.
pub const MAX_HOURS_PER_STEP: u32 = 24 * 366;
/// How often Twilio re-checks a verified domain's record (twilio-facts §1.5, D-DOM).
pub const DOMAIN_RECHECK_INTERVAL: i64 = DAY;
/// How long a domain whose record disappeared keeps working before removal (D-DOM).
pub const DOMAIN_GRACE_PERIOD: i64 = 30 * DAY;
/// How long a closed subaccount stays listed before deletion (twilio-facts §1.10, D-SUB).
pub const CLOSED_SUBACCOUNT_RETENTION: i64 = 30 * DAY;

pub static CLOCK_STEP: Rule = Rule {
    id: "CLOCK_STEP",
    title: "The clock moves forward, up to a year at a time",
    explanation: "The simulated clock only moves forward, by at least one hour and at most a \
        year per step, so that every expiry and re-check in between happens in order and can be \
        read in the audit log.",
    source: "simulator; expiries from twilio-facts §1.3, §1.5, §1.10",
    kind: RuleKind::Refusal,
};

pub static INVITATION_LAPSES: Rule = Rule {
    id: "INVITATION_LAPSES",
    title: "An unanswered invitation expires after 7 days",
    explanation: "When 7 days pass without an answer, Twilio expires the invitation: it is no \
        longer pending, and accepting it is refused. An administrator can resend it, which opens \
        it again for another 7 days. Twilio states no duration; we use the 7 days a third-party \
        help page gives.",
    source: "twilio-facts §1.3 (H-USERS; duration [unconfirmed], 7 days per [3p])",
    kind: RuleKind::Effect,
};

pub static DOMAIN_DAILY_RECHECK: Rule = Rule {
    id: "DOMAIN_DAILY_RECHECK",
    title: "Twilio re-checks a verified domain every 24 hours",
    explanation: "Twilio looks for a verified domain's `_twilio` TXT record every 24 hours. When \
        it is missing the domain lapses: it keeps working, and the Owner or an Administrator has \
        30 days to publish the record again before the domain is removed automatically. A \
        re-check that finds the record again ends the lapse.",
    source: "twilio-facts §1.5 (D-DOM)",
    kind: RuleKind::Effect,
};

pub static SUBACCOUNT_DELETED_AFTER_CLOSING: Rule = Rule {
    id: "SUBACCOUNT_DELETED_AFTER_CLOSING",
    title: "A closed subaccount is deleted 30 days after closing",
    explanation: "Closing a subaccount is irreversible; it stays listed, with its history \
        visible, for 30 days, and is then deleted.",
    source: "twilio-facts §1.10 (H-CLOSE, D-SUB)",
    kind: RuleKind::Effect,
};

/// When a lapsing domain will be removed unless its record is restored.
pub fn removal_due(domain: &Domain) -> Option<Timestamp> {
    match domain.status {
        DomainStatus::Lapsing { failing_since, .. } => {
            Some(failing_since.plus(DOMAIN_GRACE_PERIOD))
        }
        DomainStatus::Unverified | DomainStatus::Verified { .. } => None,
    }
}

/// One thing the passing of time does.
#[derive(Debug, PartialEq, Eq)]
enum Effect {
    InvitationExpired { invitation: InvitationSid, at: Timestamp },
    DomainChecked { domain: DomainSid, check: DomainCheck, status: DomainStatus },
    DomainRemoved { domain: DomainSid, at: Timestamp },
    SubaccountDeleted { subaccount: AccountSid, at: Timestamp },
}

pub(crate) fn advance(ws: &Workspace, hours: u32) -> Result<Plan, Denial> {
    require((1..=MAX_HOURS_PER_STEP).contains(&hours), &CLOCK_STEP, || {
        format!("the clock moves by 1 to {MAX_HOURS_PER_STEP} hours at a time, not {hours}")
    })?;
    let until = ws.now().plus(i64::from(hours) * crate::clock::HOUR);
    let mut effects = Vec::new();
    expire_invitations(ws, until, &mut effects);
    recheck_domains(ws, until, &mut effects);
    delete_closed_subaccounts(ws, until, &mut effects);

    // The audit log reads in time order, whatever kind of effect comes first.
    effects.sort_by_key(Effect::at);
    let summary = match hours {
        h if h % 24 == 0 => format!("Advanced the clock {} day(s) to {}", h / 24, until.date()),
        h => format!("Advanced the clock {h} hour(s) to {until}"),
    };
    let expires = effects.iter().any(|e| matches!(e, Effect::InvitationExpired { .. }));
    let rechecks = effects.iter().any(|e| e.changes_domain(ws));
    let deletes = effects.iter().any(|e| matches!(e, Effect::SubaccountDeleted { .. }));
    let plan = Plan::new(summary, move |ws| {
        let events = effects.into_iter().filter_map(|effect| carry_out(ws, effect)).collect();
        ws.set_now(until);
        Applied { created: None, events }
    });
    Ok(plan
        .because_if(expires, &INVITATION_LAPSES)
        .because_if(rechecks, &DOMAIN_DAILY_RECHECK)
        .because_if(deletes, &SUBACCOUNT_DELETED_AFTER_CLOSING))
}

fn expire_invitations(ws: &Workspace, until: Timestamp, effects: &mut Vec<Effect>) {
    for invitation in ws.state().invitations.values() {
        if invitation.state == InvitationState::Pending && invitation.expires <= until {
            effects.push(Effect::InvitationExpired {
                invitation: invitation.sid.clone(),
                at: invitation.expires,
            });
        }
    }
}

/// Re-checks each verified domain every 24 hours after its last check. DNS does not change while
/// the clock jumps, so every check in the step finds what public DNS holds now. Of a run of
/// checks with the same result only the last is kept, so a year's jump stays small.
fn recheck_domains(ws: &Workspace, until: Timestamp, effects: &mut Vec<Effect>) {
    for domain in ws.state().domains.values() {
        let (since, mut failing_since) = match domain.status {
            DomainStatus::Unverified => continue,
            DomainStatus::Verified { since } => (since, None),
            DomainStatus::Lapsing { since, failing_since } => (since, Some(failing_since)),
        };
        let found = ws.dns_txt(&domain.record_name()).any(|value| value == domain.record_value());
        let mut status = domain.status.clone();
        let mut routine = None;
        let mut at =
            domain.checks.last().map_or(since, |check| check.at).plus(DOMAIN_RECHECK_INTERVAL);
        while at <= until {
            if found {
                failing_since = None;
            } else if failing_since.is_some_and(|failing| at >= failing.plus(DOMAIN_GRACE_PERIOD)) {
                effects.extend(routine.take());
                effects.push(Effect::DomainRemoved { domain: domain.sid.clone(), at });
                break;
            }
            let next = match failing_since {
                None if found => DomainStatus::Verified { since },
                _ => {
                    DomainStatus::Lapsing { since, failing_since: *failing_since.get_or_insert(at) }
                }
            };
            let check = Effect::DomainChecked {
                domain: domain.sid.clone(),
                check: DomainCheck { at, found },
                status: next.clone(),
            };
            if next == status {
                routine = Some(check);
            } else {
                effects.extend(routine.take());
                effects.push(check);
                status = next;
            }
            at = at.plus(DOMAIN_RECHECK_INTERVAL);
        }
        effects.extend(routine);
    }
}

fn delete_closed_subaccounts(ws: &Workspace, until: Timestamp, effects: &mut Vec<Effect>) {
    for subaccount in ws.state().subaccounts.values() {
        if let AccountStatus::Closed { at } = subaccount.status
            && at.plus(CLOSED_SUBACCOUNT_RETENTION) <= until
        {
            let at = at.plus(CLOSED_SUBACCOUNT_RETENTION);
            effects.push(Effect::SubaccountDeleted { subaccount: subaccount.sid.clone(), at });
        }
    }
}

impl Effect {
    /// Whether it changes a domain: a re-check that finds it lapsing or back, or its removal.
    fn changes_domain(&self, ws: &Workspace) -> bool {
        match self {
            Effect::DomainChecked { domain, status, .. } => {
                ws.domain(domain).is_some_and(|d| &d.status != status)
            }
            Effect::DomainRemoved { .. } => true,
            Effect::InvitationExpired { .. } | Effect::SubaccountDeleted { .. } => false,
        }
    }

    fn at(&self) -> Timestamp {
        match self {
            Effect::InvitationExpired { at, .. }
            | Effect::DomainRemoved { at, .. }
            | Effect::SubaccountDeleted { at, .. } => *at,
            Effect::DomainChecked { check, .. } => check.at,
        }
    }
}

/// Applies one effect and describes it for the audit log; `None` when it changed nothing worth
/// an event (a routine re-check that found the record).
fn carry_out(ws: &mut Workspace, effect: Effect) -> Option<EventDraft> {
    match effect {
        Effect::InvitationExpired { invitation, at } => {
            ws.update_invitation(&invitation, |i| i.state = InvitationState::Expired { at });
            Some(
                EventDraft::new(
                    "invitation",
                    "expired",
                    &invitation,
                    "Invitation expired unanswered",
                )
                .at(at)
                .because(&INVITATION_LAPSES),
            )
        }
        Effect::DomainChecked { domain, check, status } => {
            let previous = ws.domain(&domain).map(|d| d.status.clone());
            let name = ws.domain(&domain).map(|d| d.name.clone()).unwrap_or_default();
            let at = check.at;
            ws.update_domain(&domain, |d| {
                d.record_check(check);
                d.status = status.clone();
            });
            let changed = previous.as_ref() != Some(&status);
            changed.then(|| {
                let (action, description) = match status {
                    DomainStatus::Lapsing { .. } => (
                        "lapsing",
                        format!("Re-check of {name} found no record: 30 days to restore it"),
                    ),
                    _ => ("reverified", format!("Re-check of {name} found the record again")),
                };
                EventDraft::new("domain", action, &domain, description)
                    .field("status", previous.map(|s| s.label()), Some(status.label()))
                    .at(at)
                    .because(&DOMAIN_DAILY_RECHECK)
            })
        }
        Effect::DomainRemoved { domain, at } => {
            let removed = ws.remove_domain(&domain)?;
            // An SSO profile must not keep enforcing a domain that no longer exists.
            if let Some(profile) = ws.sso_profile_of(&removed.organization).map(|p| p.sid.clone()) {
                ws.update_sso_profile(&profile, |p| {
                    p.enforced_domains.remove(&domain);
                });
            }
            let description =
                format!("Domain {} removed: its record was missing for 30 days", removed.name);
            Some(
                EventDraft::new("domain", "deleted", &domain, description)
                    .at(at)
                    .because(&DOMAIN_DAILY_RECHECK),
            )
        }
        Effect::SubaccountDeleted { subaccount, at } => {
            let removed = ws.remove_subaccount(&subaccount)?;
            let description =
                format!("Subaccount {} deleted 30 days after closing", removed.friendly_name);
            Some(
                EventDraft::new("subaccount", "deleted", &subaccount, description)
                    .at(at)
                    .because(&SUBACCOUNT_DELETED_AFTER_CLOSING),
            )
        }
    }
}
