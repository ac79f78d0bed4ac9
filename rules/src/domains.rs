//! Domains: registering a company's email domain with an organization and proving it owns it
//! (twilio-facts §1.5; organizations-overview "Settings"; organizations-setup-skill "Domain
//! Registration").

use crate::authz::{Actor, Permission, authorize};
use crate::common_providers::common_provider;
use crate::model::{Domain, DomainCheck, DomainStatus, SignupPolicy};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{DomainSid, OrgSid};
use crate::workspace::Workspace;

/// How many domains one organization may register (twilio-facts §1.5, D-DOM).
pub const DOMAIN_LIMIT_PER_ORGANIZATION: usize = 100;

pub static DOMAIN_NOT_BARE: Rule = Rule {
    id: "DOMAIN_NOT_BARE",
    title: "A domain is entered bare",
    explanation: "Enter the domain itself, such as `corporate.com`: no `https://`, no `www.`, no \
        path, no port and no trailing dot. Letters are lower-cased for you.",
    source: "twilio-facts §1.5 (H-FAQ: \"corporate.com, not www.\")",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_NAME_INVALID: Rule = Rule {
    id: "DOMAIN_NAME_INVALID",
    title: "A domain must be a valid host name",
    explanation: "A domain is two or more labels separated by dots, such as `corporate.com`. Each \
        label has 1 to 63 letters, digits or hyphens and does not start or end with a hyphen; the \
        whole name has at most 253 characters and the last label is not a number. Internationalized \
        names are entered in their `xn--` form.",
    source: "twilio-facts §1.5 (D-DOM); host name syntax of RFC 1123 §2.1",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_COMMON_PROVIDER: Rule = Rule {
    id: "DOMAIN_COMMON_PROVIDER",
    title: "Common email providers cannot be registered",
    explanation: "Domains of common email providers, such as Gmail and Hotmail, cannot be \
        verified, and users from them cannot be invited: no organization owns them. We refuse \
        the large free providers and their subdomains.",
    source: "twilio-facts §1.5 (D-DOM), §1.3 (H-FAQ)",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_ALREADY_ADDED: Rule = Rule {
    id: "DOMAIN_ALREADY_ADDED",
    title: "A domain is registered once per organization",
    explanation: "The organization already has this domain. Open it from the Domains list to \
        verify it or change its settings.",
    source: "twilio-facts §1.5 (D-DOM)",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_VERIFIED_ELSEWHERE: Rule = Rule {
    id: "DOMAIN_VERIFIED_ELSEWHERE",
    title: "A domain is verified by one organization only",
    explanation: "The same domain cannot belong to several organizations, but its subdomains can be \
        split: `corporate.com` in one organization and `stage.corporate.com` in another. The \
        sources disagree (Twilio's skill file says \"yes, with restrictions\"); we follow the FAQ.",
    source: "twilio-facts §1.5 (H-FAQ; SK disagrees)",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_LIMIT: Rule = Rule {
    id: "DOMAIN_LIMIT",
    title: "At most 100 domains per organization",
    explanation: "An organization can register up to 100 domains by default. Twilio support can \
        raise the limit; the simulator keeps it at 100.",
    source: "twilio-facts §1.5 (D-DOM)",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_RECORD_NOT_FOUND: Rule = Rule {
    id: "DOMAIN_RECORD_NOT_FOUND",
    title: "Verification needs the TXT record published",
    explanation: "To verify a domain, publish a TXT record named `_twilio` with the value \
        `twilio-domain-verification=<token>` shown on the domain's page (TTL 3600), then select \
        Verify. The value must match exactly. DNS changes can take up to 72 hours to propagate.",
    source: "twilio-facts §1.5 (D-DOM)",
    kind: RuleKind::Refusal,
};

/// Normalizes what a person typed into a bare domain name, or says exactly what is wrong.
pub fn bare_domain(input: &str) -> Result<String, Denial> {
    let name = input.trim().to_lowercase();
    let not_bare = |what: &str, bare: &str| {
        Err(Denial::new(&DOMAIN_NOT_BARE, format!("`{}` {what}: enter `{bare}`", input.trim())))
    };
    if name.is_empty() {
        return Err(Denial::new(
            &DOMAIN_NAME_INVALID,
            "enter a domain name, such as `corporate.com`",
        ));
    }
    if let Some((_, rest)) = name.split_once("://") {
        return not_bare("has a scheme", &strip_to_host(rest));
    }
    if let Some((_, domain)) = name.rsplit_once('@') {
        return not_bare("is an email address", &strip_to_host(domain));
    }
    if name.contains(['/', '?', '#']) {
        return not_bare("has a path", &strip_to_host(&name));
    }
    if name.contains(':') {
        return not_bare("has a port", &strip_to_host(&name));
    }
    if name.starts_with("www.") {
        return not_bare("starts with `www.`", &strip_to_host(&name));
    }
    if name.ends_with('.') && name.len() > 1 {
        return not_bare("ends with a dot", name.trim_end_matches('.'));
    }
    check_host_name(&name)?;
    Ok(name)
}

/// Best guess at the bare domain inside a URL-like input, for the suggestion in a refusal.
fn strip_to_host(text: &str) -> String {
    let host = text.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.trim_end_matches('.').to_owned()
}

fn check_host_name(name: &str) -> Result<(), Denial> {
    let invalid = |detail: String| Err(Denial::new(&DOMAIN_NAME_INVALID, detail));
    if name.len() > 253 {
        return invalid(format!("`{name}` is {} characters long; the most is 253", name.len()));
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return invalid(format!("`{name}` has no dot: enter a full domain such as `{name}.com`"));
    }
    for label in &labels {
        if label.is_empty() {
            return invalid(format!("`{name}` has an empty label between two dots"));
        }
        if label.len() > 63 {
            return invalid(format!(
                "the label `{label}` is {} characters long; the most is 63",
                label.len()
            ));
        }
        if let Some(bad) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
            let hint = if bad.is_ascii() {
                ""
            } else {
                " (enter internationalized names in their `xn--` form)"
            };
            return invalid(format!(
                "`{name}` contains `{bad}`; only letters, digits, hyphens and dots are allowed{hint}"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return invalid(format!("the label `{label}` starts or ends with a hyphen"));
        }
    }
    if labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return invalid(format!("`{name}` looks like an IP address; enter a domain name"));
    }
    Ok(())
}

pub(crate) fn add(
    workspace: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    input: &str,
) -> Result<Plan, Denial> {
    found(workspace.organization(organization), "organization", organization)?;
    authorize(workspace, actor, Permission::ManageDomains, organization)?;
    let name = bare_domain(input)?;
    if let Some(provider) = common_provider(&name) {
        return Err(Denial::new(
            &DOMAIN_COMMON_PROVIDER,
            if name == provider {
                format!("`{name}` is a common email provider")
            } else {
                format!("`{name}` belongs to `{provider}`, a common email provider")
            },
        ));
    }
    if workspace.domains_named(&name).any(|d| &d.organization == organization) {
        return Err(Denial::new(
            &DOMAIN_ALREADY_ADDED,
            format!("this organization already has `{name}`"),
        ));
    }
    if let Some(other) = workspace.domains_named(&name).find(|d| d.is_verified()) {
        return Err(verified_elsewhere(workspace, other));
    }
    let count = workspace.domains_of(organization).count();
    require(count < DOMAIN_LIMIT_PER_ORGANIZATION, &DOMAIN_LIMIT, || {
        format!(
            "this organization already has {count} domains, the limit is {DOMAIN_LIMIT_PER_ORGANIZATION}"
        )
    })?;

    let organization = organization.clone();
    Ok(Plan::new(format!("Added {name}. Publish its TXT record, then verify it."), move |ws| {
        let domain = Domain {
            sid: ws.issue(),
            organization,
            name,
            token: ws.issue_token(),
            status: DomainStatus::Unverified,
            signup_policy: SignupPolicy::default(),
            date_created: ws.now(),
            checks: Vec::new(),
        };
        let sid = domain.sid.clone();
        let event =
            EventDraft::new("domain", "created", &sid, format!("Domain {} added", domain.name));
        ws.insert_domain(domain);
        Applied::event(event).created(sid)
    }))
}

fn verified_elsewhere(workspace: &Workspace, other: &Domain) -> Denial {
    let owner = workspace
        .organization(&other.organization)
        .map_or("another organization", |o| o.friendly_name.as_str());
    Denial::new(
        &DOMAIN_VERIFIED_ELSEWHERE,
        format!("`{}` is already verified by {owner}", other.name),
    )
}

/// The domain, once `actor` may manage the domains of its organization.
fn managed_domain<'w>(
    workspace: &'w Workspace,
    actor: &Actor,
    sid: &DomainSid,
) -> Result<&'w Domain, Denial> {
    let domain = found(workspace.domain(sid), "domain", sid)?;
    authorize(workspace, actor, Permission::ManageDomains, &domain.organization)?;
    Ok(domain)
}

pub(crate) fn verify(
    workspace: &Workspace,
    actor: &Actor,
    sid: &DomainSid,
) -> Result<Plan, Denial> {
    let domain = managed_domain(workspace, actor, sid)?;
    if let Some(other) = workspace
        .domains_named(&domain.name)
        .find(|d| d.is_verified() && d.organization != domain.organization)
    {
        return Err(verified_elsewhere(workspace, other));
    }
    check_record(workspace, domain)?;

    let (sid, name, status) = (domain.sid.clone(), domain.name.clone(), domain.status.clone());
    let summary = match status {
        DomainStatus::Unverified => format!("Verified {name}"),
        DomainStatus::Verified { .. } => format!("{name} is still verified"),
        DomainStatus::Lapsing { .. } => format!("{name} is verified again"),
    };
    Ok(Plan::new(summary, move |ws| {
        let now = ws.now();
        let verified = match status {
            DomainStatus::Verified { since } | DomainStatus::Lapsing { since, .. } => {
                DomainStatus::Verified { since }
            }
            DomainStatus::Unverified => DomainStatus::Verified { since: now },
        };
        let changed = verified != status;
        ws.update_domain(&sid, |d| {
            d.record_check(DomainCheck { at: now, found: true });
            d.status = verified.clone();
        });
        if !changed {
            return Applied::default();
        }
        let action = if status == DomainStatus::Unverified { "verified" } else { "reverified" };
        Applied::event(
            EventDraft::new("domain", action, &sid, format!("Domain {name} verified")).field(
                "status",
                Some(status.label()),
                Some(verified.label()),
            ),
        )
    }))
}

/// Looks up the domain's TXT record in the simulated DNS.
fn check_record(workspace: &Workspace, domain: &Domain) -> Result<(), Denial> {
    let (record, expected) = (domain.record_name(), domain.record_value());
    let found: Vec<&str> = workspace.dns_txt(&record).collect();
    if found.contains(&expected.as_str()) {
        return Ok(());
    }
    let detail = if found.is_empty() {
        format!("found no TXT record at `{record}`; expected `{expected}`")
    } else {
        let list = found.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
        format!("found {list} at `{record}`, which does not match `{expected}`")
    };
    Err(Denial::new(&DOMAIN_RECORD_NOT_FOUND, detail))
}

pub(crate) fn set_signup_policy(
    workspace: &Workspace,
    actor: &Actor,
    sid: &DomainSid,
    policy: SignupPolicy,
) -> Result<Plan, Denial> {
    let domain = managed_domain(workspace, actor, sid)?;
    let (sid, name, previous) = (domain.sid.clone(), domain.name.clone(), domain.signup_policy);
    Ok(Plan::new(format!("Sign-ups from {name} are now {}", policy.label()), move |ws| {
        if previous == policy {
            return Applied::default();
        }
        ws.update_domain(&sid, |d| d.signup_policy = policy);
        Applied::event(
            EventDraft::new(
                "domain",
                "updated",
                &sid,
                format!("Sign-up setting of {name} changed"),
            )
            .field("signup_policy", Some(previous.label()), Some(policy.label())),
        )
    }))
}

pub(crate) fn remove(
    workspace: &Workspace,
    actor: &Actor,
    sid: &DomainSid,
) -> Result<Plan, Denial> {
    let domain = managed_domain(workspace, actor, sid)?;
    crate::sso::check_domain_removable(workspace, domain)?;
    let (sid, name) = (domain.sid.clone(), domain.name.clone());
    Ok(Plan::new(format!("Removed {name}"), move |ws| {
        ws.remove_domain(&sid);
        Applied::event(EventDraft::new("domain", "deleted", &sid, format!("Domain {name} removed")))
    }))
}
