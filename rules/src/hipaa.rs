//! HIPAA: the organization's entitlement and the per-account flag (organizations-overview
//! "Turn on HIPAA"; twilio-facts §1.9).

use crate::accounts::{managed_account, require_open};
use crate::authz::Actor;
use crate::plan::{Applied, EventDraft, Plan};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{AccountSid, OrgSid};
use crate::workspace::Workspace;

pub static HIPAA_ENTITLEMENT_REQUIRED: Rule = Rule {
    id: "HIPAA_ENTITLEMENT_REQUIRED",
    title: "HIPAA accounts need the organization's HIPAA entitlement",
    explanation: "If your organization has a Business Associate Addendum (BAA) with Twilio, its \
        overview shows HIPAA Entitlement: On, and its Owner and Administrators can enable HIPAA for \
        the accounts it manages. To obtain a BAA, contact your Twilio Account Representative. \
        Turning HIPAA off needs no entitlement.",
    source: "organizations-overview, \"Turn on HIPAA and eligible Accounts\"; twilio-facts §1.9 (D-HIPAA, SKH)",
    kind: RuleKind::Refusal,
};

pub static HIPAA_SUBACCOUNT_INHERITS: Rule = Rule {
    id: "HIPAA_SUBACCOUNT_INHERITS",
    title: "A subaccount of a HIPAA account is HIPAA from the start",
    explanation: "Once you designate an Account as HIPAA, any future Subaccounts created in that \
        Account are also automatically designated as HIPAA Subaccounts. A subaccount created \
        under an account without the designation starts without it.",
    source: "organizations-overview, \"Turn on HIPAA and eligible Accounts\" (note); twilio-facts §1.9",
    kind: RuleKind::Effect,
};

pub static HIPAA_NEW_ACCOUNT_UNFLAGGED: Rule = Rule {
    id: "HIPAA_NEW_ACCOUNT_UNFLAGGED",
    title: "A new account is not designated HIPAA",
    explanation: "Any new Accounts that you create don't automatically become designated as HIPAA \
        eligible, even in an organization with a BAA: it is the customer's responsibility to \
        designate every account that needs it, from the account's HIPAA enablement section.",
    source: "organizations-overview, \"Turn on HIPAA and eligible Accounts\" (note); twilio-facts §1.9",
    kind: RuleKind::Effect,
};

pub static HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED: Rule = Rule {
    id: "HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED",
    title: "Designating an account leaves its existing subaccounts as they are",
    explanation: "HIPAA is designated account by account: you must repeat the steps to turn on \
        HIPAA for all existing Subaccounts to designate them as HIPAA. Only subaccounts created \
        afterwards inherit the designation.",
    source: "organizations-overview, \"Turn on HIPAA and eligible Accounts\" (note); twilio-facts §1.9",
    kind: RuleKind::Effect,
};

/// The names of the accounts and subaccounts of `organization` flagged HIPAA, which need its
/// entitlement for as long as they are flagged.
pub(crate) fn flagged_in(ws: &Workspace, organization: &OrgSid) -> Vec<String> {
    let mut flagged = Vec::new();
    for account in ws.accounts_of(organization) {
        if account.hipaa {
            flagged.push(format!("`{}`", account.friendly_name));
        }
        let subaccounts = ws.subaccounts_of(&account.sid).filter(|s| s.hipaa);
        flagged.extend(subaccounts.map(|s| format!("`{}`", s.friendly_name)));
    }
    flagged
}

/// Each account and subaccount is designated on its own: flagging an account leaves its
/// existing subaccounts as they are, while subaccounts created afterwards inherit the flag.
/// A subaccount is flagged by the organization managing its parent.
pub(crate) fn set_account_flag(
    ws: &Workspace,
    actor: &Actor,
    account: &AccountSid,
    enabled: bool,
) -> Result<Plan, Denial> {
    let subaccount = ws.subaccount(account);
    let main = subaccount.map_or(account, |s| &s.parent);
    let (main, organization) = managed_account(ws, actor, main)?;
    let (name, current) = match subaccount {
        Some(s) => {
            require_open(s.status, &s.friendly_name)?;
            (s.friendly_name.clone(), s.hipaa)
        }
        None => (main.friendly_name.clone(), main.hipaa),
    };
    require(!enabled || organization.hipaa_entitled, &HIPAA_ENTITLEMENT_REQUIRED, || {
        format!(
            "{} has no HIPAA entitlement; it needs a BAA with Twilio",
            organization.friendly_name
        )
    })?;

    let state = if enabled { "on" } else { "off" };
    // Existing subaccounts that a newly designated account leaves undesignated.
    let left_out = match subaccount {
        None if enabled && !current => ws.subaccounts_of(account).filter(|s| !s.hipaa).count(),
        _ => 0,
    };
    let summary = match left_out {
        0 => format!("HIPAA is {state} for {name}"),
        1 => format!("HIPAA is {state} for {name}; its existing subaccount is not designated"),
        n => {
            format!("HIPAA is {state} for {name}; its {n} existing subaccounts are not designated")
        }
    };
    let (sid, is_subaccount) = (account.clone(), subaccount.is_some());
    let plan = Plan::new(summary, move |ws| {
        if current == enabled {
            return Applied::default();
        }
        let kind = if is_subaccount {
            ws.update_subaccount(&sid, |s| s.hipaa = enabled);
            "subaccount"
        } else {
            ws.update_account(&sid, |a| a.hipaa = enabled);
            "account"
        };
        Applied::event(
            EventDraft::new(kind, "updated", &sid, format!("HIPAA turned {state} for {name}"))
                .field("hipaa", Some(current), Some(enabled)),
        )
    });
    Ok(plan.because_if(left_out > 0, &HIPAA_EXISTING_SUBACCOUNTS_UNCHANGED))
}
