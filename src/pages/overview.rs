use crate::components::page_header::PageHeader;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::accounts::{
    accounts_toward_limit, independent_accounts, managed_accounts, pending_accounts,
};
use org_rules::health::{FINDINGS_READ, findings};
use org_rules::sid::OrgSid;
use org_rules::users::{independent_users, managed_users, pending_invitations};
use org_rules::workspace::Workspace;

/// The organization at a glance: who owns it, how many accounts, users and domains it has, what
/// Twilio turned on for it, and what needs attention.
#[component]
pub fn Overview() -> impl IntoView {
    let store = use_store();
    let summary = Memo::new(move |_| {
        let organization = store.organization.get()?;
        // The findings read more than the counts do.
        store.read(FINDINGS_READ, |ws| Summary::of(ws, &organization))
    });
    let title = Signal::derive(move || {
        store.current_organization().map_or("Overview".into(), |o| o.friendly_name)
    });
    view! {
        <PageHeader title />
        {move || summary.get().map(|summary| view! { <Facts summary=summary.clone() /> <Attention summary /> })}
    }
}

/// What the Overview counts, read once per change of the workspace.
#[derive(Clone, Debug, PartialEq)]
struct Summary {
    sid: String,
    owner: String,
    accounts_toward_limit: usize,
    account_limit: u32,
    managed_accounts: usize,
    independent_accounts: usize,
    pending_accounts: usize,
    managed_users: usize,
    independent_users: usize,
    pending_invitations: usize,
    domains: usize,
    verified_domains: usize,
    hipaa_entitled: bool,
    bulk_import_enabled: bool,
    created: String,
    today: String,
    /// The ids of the health check's findings.
    findings: Vec<&'static str>,
}

impl Summary {
    fn of(ws: &Workspace, organization: &OrgSid) -> Option<Self> {
        let org = ws.organization(organization)?;
        let owner = ws
            .owner_of(organization)
            .map_or_else(|| "None".into(), |u| format!("{} ({})", u.friendly_name, u.email));
        Some(Self {
            sid: org.sid.to_string(),
            owner,
            accounts_toward_limit: accounts_toward_limit(ws, organization),
            account_limit: org.managed_account_limit,
            managed_accounts: managed_accounts(ws, organization).len(),
            independent_accounts: independent_accounts(ws, organization).len(),
            pending_accounts: pending_accounts(ws, organization).len(),
            managed_users: managed_users(ws, organization).len(),
            independent_users: independent_users(ws, organization).len(),
            pending_invitations: pending_invitations(ws, organization).len(),
            domains: ws.domains_of(organization).count(),
            verified_domains: ws.domains_of(organization).filter(|d| d.is_verified()).count(),
            hipaa_entitled: org.hipaa_entitled,
            bulk_import_enabled: org.bulk_import_enabled,
            created: org.date_created.date(),
            today: ws.now().date(),
            findings: findings(ws, organization).iter().map(|f| f.id).collect(),
        })
    }
}

/// "2 of 10": the accounts that count toward the limit, and the closed ones that do not.
fn managed_accounts_fact(s: &Summary) -> String {
    let closed = s.managed_accounts - s.accounts_toward_limit;
    let of_limit = format!("{} of {}", s.accounts_toward_limit, s.account_limit);
    if closed == 0 { of_limit } else { format!("{of_limit}, and {closed} closed") }
}

fn on_off(on: bool) -> &'static str {
    if on { "On" } else { "Off" }
}

/// The counts in three groups: the organization, its accounts, its users.
#[component]
fn Facts(summary: Summary) -> impl IntoView {
    let managed = managed_accounts_fact(&summary);
    let s = summary;
    let organization = vec![
        ("Owner", s.owner),
        ("Domains", format!("{} ({} verified)", s.domains, s.verified_domains)),
        ("HIPAA Entitlement", on_off(s.hipaa_entitled).to_owned()),
        ("Import Users", on_off(s.bulk_import_enabled).to_owned()),
        ("Organization SID", s.sid),
        ("Created", s.created),
        ("Simulated date", s.today),
    ];
    let accounts = vec![
        ("Managed accounts", managed),
        ("Independent accounts", s.independent_accounts.to_string()),
        ("Pending accounts", s.pending_accounts.to_string()),
    ];
    let users = vec![
        ("Managed users", s.managed_users.to_string()),
        ("Independent users", s.independent_users.to_string()),
        ("Pending invitations", s.pending_invitations.to_string()),
    ];
    view! {
        <FactGroup heading="Organization" facts=organization />
        <div class="fact-pair">
            <FactGroup heading="Accounts" facts=accounts link=("View accounts", "/accounts") />
            <FactGroup heading="Users" facts=users link=("View users", "/users") />
        </div>
    }
}

#[component]
fn FactGroup(
    heading: &'static str,
    facts: Vec<(&'static str, String)>,
    /// Where the whole list is: ("View accounts", "/accounts").
    #[prop(optional)]
    link: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let id = format!("facts-{}", heading.to_lowercase());
    let labelled_by = id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=id>{heading}</h2>
            <dl class="facts">
                {facts
                    .into_iter()
                    .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
            {link.map(|(text, path)| view! { <p class="fact-link"><A href=href(path)>{text}</A></p> })}
        </section>
    }
}

/// Links to what an administrator should look at next, each saying how many.
#[component]
fn Attention(summary: Summary) -> impl IntoView {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut items = Vec::new();
    if summary.pending_invitations > 0 {
        let text = plural(summary.pending_invitations, "pending invitation", "pending invitations");
        items.push((text, "/users?tab=pending"));
    }
    let unverified = summary.domains - summary.verified_domains;
    if unverified > 0 {
        items.push((plural(unverified, "unverified domain", "unverified domains"), "/domains"));
    }
    if summary.findings.contains(&"ACCOUNTS_NEAR_LIMIT") {
        let text = format!(
            "{} of {} managed accounts used",
            summary.accounts_toward_limit, summary.account_limit
        );
        items.push((text, "/accounts"));
    }
    if !summary.findings.is_empty() {
        let text = plural(summary.findings.len(), "health check finding", "health check findings");
        items.push((text, "/health"));
    }
    view! {
        <section class="card attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">"Needs attention"</h2>
            {if items.is_empty() {
                view! { <p class="muted">"Nothing needs attention."</p> }.into_any()
            } else {
                view! {
                    <ul class="attention-list">
                        {items
                            .into_iter()
                            .map(|(text, path)| view! { <li><A href=href(path)>{text}</A></li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
