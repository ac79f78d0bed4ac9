//! The public DNS, as far as domain verification sees it: TXT records that the outside world
//! publishes and removes.

use crate::domains::{DOMAIN_NAME_INVALID, bare_domain};
use crate::plan::{Applied, EventDraft, OBJECT_NOT_FOUND, Plan};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::workspace::Workspace;

/// The longest character-string a TXT record holds (RFC 1035 §3.3.14).
pub const TXT_VALUE_MAX: usize = 255;

pub static DNS_TXT_VALUE_INVALID: Rule = Rule {
    id: "DNS_TXT_VALUE_INVALID",
    title: "A TXT record holds one non-empty string of up to 255 characters",
    explanation: "The simulated DNS accepts a TXT record whose value is 1 to 255 printable \
        characters, as one DNS character-string. Twilio reads the value \
        `twilio-domain-verification=<token>` from the record named `_twilio`.",
    source: "twilio-facts §1.5 (D-DOM); RFC 1035 §3.3.14",
    kind: RuleKind::Refusal,
};

/// Checks a record name: a host name, optionally under a leading `_label` such as `_twilio`.
fn record_name(input: &str) -> Result<String, Denial> {
    let name = input.trim().to_lowercase();
    match name.split_once('.') {
        Some((service, host)) if service.starts_with('_') => {
            bare_domain(host).map(|host| format!("{service}.{host}"))
        }
        _ => bare_domain(&name),
    }
    .map_err(|denial| Denial::new(&DOMAIN_NAME_INVALID, format!("record name: {}", denial.detail)))
}

pub(crate) fn publish(name: &str, value: &str) -> Result<Plan, Denial> {
    let name = record_name(name)?;
    let value = value.trim().to_owned();
    require(
        !value.is_empty() && value.len() <= TXT_VALUE_MAX && value.chars().all(|c| !c.is_control()),
        &DNS_TXT_VALUE_INVALID,
        || {
            format!(
                "the value has {} characters; a TXT value has 1 to {TXT_VALUE_MAX} printable characters",
                value.chars().count()
            )
        },
    )?;
    Ok(Plan::new(format!("Published a TXT record at {name}"), move |ws| {
        let event = EventDraft::new(
            "dns_record",
            "published",
            &name,
            format!("TXT record published at {name}"),
        )
        .field("value", None::<&str>, Some(&value));
        ws.publish_txt(name, value);
        Applied::event(event)
    }))
}

pub(crate) fn unpublish(workspace: &Workspace, name: &str, value: &str) -> Result<Plan, Denial> {
    let name = record_name(name)?;
    let value = value.trim().to_owned();
    require(workspace.dns_txt(&name).any(|v| v == value), &OBJECT_NOT_FOUND, || {
        format!("no TXT record `{value}` is published at `{name}`")
    })?;
    Ok(Plan::new(format!("Removed a TXT record from {name}"), move |ws| {
        ws.remove_txt(&name, &value);
        Applied::event(
            EventDraft::new(
                "dns_record",
                "deleted",
                &name,
                format!("TXT record removed from {name}"),
            )
            .field("value", Some(&value), None::<&str>),
        )
    }))
}
