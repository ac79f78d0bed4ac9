//! The merge wizard's steps 2 and 4: every prerequisite with what to do about a failure, and
//! everything the merge would move, revoke and remove, all from `merge::preview`.

use super::merge::Pair;
use crate::components::badge::{Badge, Tone};
use crate::components::denial::sentence;
use crate::components::list::thousands;
use crate::components::rule_links::RuleLinks;
use crate::components::ticked::Ticked;
use crate::href;
use crate::store::{Store, use_store};
use leptos::prelude::*;
use org_rules::merge::{MergePreview, MovingAccount, MovingUser, PREVIEW_READS, PrerequisiteCheck};
use org_rules::model::InvitationSubject;
use org_rules::sid::OrgSid;
use org_rules::{Rule, Workspace};

/// What to do about an unmet prerequisite, and the page of the organization where it is done.
struct Fix {
    advice: String,
    /// (link text, path, the organization the page is shown for)
    link: Option<(String, &'static str, OrgSid)>,
}

fn fix(rule: &Rule, pair: &Pair) -> Fix {
    let Pair { prime, prime_name, candidate, candidate_name } = pair;
    let at = |text: String, path, organization: &OrgSid| Some((text, path, organization.clone()));
    let (advice, link) = match rule.id {
        "MERGE_SAME_ORGANIZATION" => {
            ("Choose another organization as the Candidate.".to_owned(), None)
        }
        "MERGE_PRIME_DOMAIN_REQUIRED" => (
            format!("Add a domain to {prime_name} and verify it."),
            at(format!("Open {prime_name}'s domains"), "/domains", prime),
        ),
        "MERGE_CANDIDATE_HAS_VERIFIED_DOMAIN" => (
            format!("Remove the verified domain from {candidate_name}."),
            at(format!("Open {candidate_name}'s domains"), "/domains", candidate),
        ),
        "MERGE_OWNER_EMAIL_DOMAIN" => (
            format!(
                "Verify the domain of the Candidate Owner's address for {prime_name}, or have {candidate_name} hand its ownership to someone whose address is in one of {prime_name}'s verified domains."
            ),
            at(format!("Open {prime_name}'s domains"), "/domains", prime),
        ),
        "MERGE_ACCOUNT_LIMIT" => (
            format!(
                "Ask Twilio support to raise {prime_name}'s managed-account limit, or close accounts first."
            ),
            at(format!("Open {prime_name}'s settings"), "/settings", prime),
        ),
        "MERGE_HIPAA_ENTITLEMENT" => (
            format!(
                "Execute a BAA for {prime_name}, or turn off the HIPAA flags in {candidate_name}."
            ),
            at(format!("Open {prime_name}'s settings"), "/settings", prime),
        ),
        _ => (String::new(), None),
    };
    Fix { advice, link }
}

/// Step 2: each prerequisite, met or not, with its rule; an unmet one says why and what to do.
#[component]
pub fn Preflight(pair: Pair, preview: Memo<Option<MergePreview>>) -> impl IntoView {
    let rows = move || {
        let checks =
            preview.with(|p| p.as_ref().map(|p| p.prerequisites.clone()).unwrap_or_default());
        checks
            .into_iter()
            .map(|check| view! { <PrerequisiteRow check pair=pair.clone() /> })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="merge-preflight-heading">
            <h2 id="merge-preflight-heading">"2. Check the prerequisites"</h2>
            <table class="table preflight" aria-label="Prerequisites">
                <thead>
                    <tr>
                        <th scope="col">"Prerequisite"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"What to do"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn PrerequisiteRow(check: PrerequisiteCheck, pair: Pair) -> impl IntoView {
    let PrerequisiteCheck { rule, unmet } = check;
    let met = unmet.is_none();
    let (tone, label) = if met { (Tone::Success, "Met") } else { (Tone::Warning, "Not met") };
    let what_to_do = unmet.map(|detail| {
        let Fix { advice, link } = fix(rule, &pair);
        view! {
            <p><Ticked text=sentence(&detail) /></p>
            <p>{advice} " " {link.map(|(text, path, organization)| view! { <FixLink text path organization /> })}</p>
        }
    });
    view! {
        <tr data-rule=rule.id data-met=met.to_string()>
            <th scope="row">
                {rule.title}
                <div class="rule-ref">
                    <RuleLinks rules=vec![rule] lead="Rule" />
                </div>
            </th>
            <td><Badge tone label /></td>
            <td>{what_to_do}</td>
        </tr>
    }
}

/// A link to a page of `organization`, which becomes the organization shown when it is not.
#[component]
fn FixLink(text: String, path: &'static str, organization: OrgSid) -> impl IntoView {
    let store = use_store();
    // The router follows the link after this, so the page opens for `organization`.
    let switch = move |_| {
        if store.organization.get_untracked().as_ref() != Some(&organization) {
            store.switch_organization(organization.clone());
        }
    };
    view! { <a href=href(path) on:click=switch>{text}</a> }
}

/// A user who would move, as shown.
#[derive(Clone, Debug, PartialEq)]
struct UserRow {
    name: String,
    email: String,
    from: &'static str,
    to: &'static str,
    sso_required: bool,
}

/// An account that would move, as shown.
#[derive(Clone, Debug, PartialEq)]
struct AccountRow {
    name: String,
    sid: String,
    owner: String,
}

/// What the merge would remove or close besides moving users and accounts.
#[derive(Clone, Debug, PartialEq, Default)]
struct Removed {
    invitations: Vec<String>,
    domains: Vec<String>,
    sso_profile: bool,
    scim_apps: usize,
}

impl UserRow {
    fn new(ws: &Workspace, user: &MovingUser) -> Self {
        UserRow {
            name: ws.user(&user.user).map(|u| u.friendly_name.clone()).unwrap_or_default(),
            email: user.email.clone(),
            from: user.from.noun(),
            to: user.to.noun(),
            sso_required: user.sso_required,
        }
    }
}

impl AccountRow {
    fn new(ws: &Workspace, account: &MovingAccount) -> Self {
        AccountRow {
            name: account.friendly_name.clone(),
            sid: account.account.to_string(),
            owner: ws.user(&account.owner).map(|u| u.email.clone()).unwrap_or_default(),
        }
    }
}

fn removed_by(ws: &Workspace, preview: &MergePreview) -> Removed {
    let invitations = preview
        .revoked_invitations
        .iter()
        .filter_map(|sid| ws.invitation(sid))
        .map(|i| match &i.subject {
            InvitationSubject::User { email, .. } => format!("{email} (invited {})", i.sent.date()),
            InvitationSubject::Account { account } => {
                let name =
                    ws.account(account).map_or(account.to_string(), |a| a.friendly_name.clone());
                format!("the account {name} (invited {})", i.sent.date())
            }
        })
        .collect();
    Removed {
        invitations,
        domains: preview
            .removed_domains
            .iter()
            .filter_map(|sid| ws.domain(sid))
            .map(|d| d.name.clone())
            .collect(),
        sso_profile: preview.removed_sso_profile.is_some(),
        scim_apps: preview.removed_oauth_apps.len(),
    }
}

/// Reads the preview, and the parts of the workspace it was computed from for the names it
/// shows, without copying the preview: a thousand people may move.
fn described<T: Default>(
    store: Store,
    preview: Memo<Option<MergePreview>>,
    describe: impl FnOnce(&Workspace, &MergePreview) -> T,
) -> T {
    preview
        .with(|preview| {
            let preview = preview.as_ref()?;
            Some(store.read(PREVIEW_READS, |ws| describe(ws, preview)))
        })
        .unwrap_or_default()
}

/// How many rows a preview list shows until "Show all": enough to see who moves, few enough
/// that the three lists draw in one frame when a thousand people move (50 took three frames).
const FIRST_ROWS: usize = 20;

/// The rows a list shows: its first [`FIRST_ROWS`], or every one once asked.
fn first_rows<I: Iterator>(rows: I, all: bool) -> std::iter::Take<I> {
    rows.take(if all { usize::MAX } else { FIRST_ROWS })
}

/// "Show all 1,000 users", while a list shows only its first rows.
#[component]
fn ShowAll(total: Signal<usize>, all: RwSignal<bool>, noun: &'static str) -> impl IntoView {
    move || {
        let total = total.get();
        (total > FIRST_ROWS && !all.get()).then(|| {
            view! {
                <p class="help">
                    {format!("The first {FIRST_ROWS} of {} {noun}. ", thousands(total))}
                    <button class="button" type="button" on:click=move |_| all.set(true)>
                        {format!("Show all {} {noun}", thousands(total))}
                    </button>
                </p>
            }
        })
    }
}

/// Step 4: every user who moves with their role before and after, every account that moves,
/// what is revoked or removed, and whom the Prime's SSO enforcement will require to use SSO.
#[component]
pub fn MergePreviewCard(pair: Pair, preview: Memo<Option<MergePreview>>) -> impl IntoView {
    let store = use_store();
    let Pair { prime_name, candidate_name, .. } = pair;
    // Only the rows shown are described: until "Show all", the first of a thousand.
    let users = move |all: bool| {
        described(store, preview, |ws, p| {
            first_rows(p.users.iter(), all).map(|u| UserRow::new(ws, u)).collect::<Vec<_>>()
        })
    };
    let user_count =
        Signal::derive(move || preview.with(|p| p.as_ref().map_or(0, |p| p.users.len())));
    let accounts = move |all: bool| {
        described(store, preview, |ws, p| {
            first_rows(p.accounts.iter(), all).map(|a| AccountRow::new(ws, a)).collect::<Vec<_>>()
        })
    };
    let account_count =
        Signal::derive(move || preview.with(|p| p.as_ref().map_or(0, |p| p.accounts.len())));
    let removed = Memo::new(move |_| described(store, preview, removed_by));
    let (all_users, all_accounts, all_required) =
        (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
    let sso_heading = format!("Who must use SSO in {prime_name} after the merge");
    let lead = format!(
        "What merging {candidate_name} into {prime_name} would do. Nothing has changed yet."
    );
    let sso = move || {
        let (required, total) = described(store, preview, |ws, p| {
            let required = || p.users.iter().filter(|u| u.sso_required);
            let shown = first_rows(required(), all_required.get()).map(|u| UserRow::new(ws, u));
            (shown.collect::<Vec<_>>(), required().count())
        });
        if total == 0 {
            return view! {
                <p>{format!("Nobody: {prime_name} enforces SSO on none of the moving users' email domains.")}</p>
            }
            .into_any();
        }
        view! {
            <p>{format!("{prime_name} enforces SSO on their email domain, so they must log in with SSO:")}</p>
            <ul class="merge-sso">{required.into_iter().map(|u| view! { <li>{format!("{} ({})", u.name, u.email)}</li> }).collect_view()}</ul>
            <ShowAll total=Signal::derive(move || total) all=all_required noun="people" />
        }
        .into_any()
    };
    let listed = |items: &[String]| {
        if items.is_empty() { "None".to_owned() } else { items.join(", ") }
    };
    view! {
        <section class="card merge-preview" aria-labelledby="merge-preview-heading">
            <h2 id="merge-preview-heading">"4. Preview"</h2>
            <p class="help">{lead}</p>
            <h3>"Users who move"</h3>
            <table class="table" aria-label="Users who move">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Must use SSO"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || users(all_users.get()).into_iter().map(|u| view! {
                        <tr>
                            <th scope="row">{u.name}</th>
                            <td>{u.email}</td>
                            <td class="role-change">{format!("{} → {}", u.from, u.to)}</td>
                            <td>{if u.sso_required { "Yes" } else { "No" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <ShowAll total=user_count all=all_users noun="users" />
            <h3>"Accounts that move"</h3>
            <table class="table" aria-label="Accounts that move">
                <thead>
                    <tr>
                        <th scope="col">"Account"</th>
                        <th scope="col">"Account SID"</th>
                        <th scope="col">"Owner"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || accounts(all_accounts.get()).into_iter().map(|a| view! {
                        <tr>
                            <th scope="row">{a.name}</th>
                            <td><code>{a.sid}</code></td>
                            <td>{a.owner}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <ShowAll total=account_count all=all_accounts noun="accounts" />
            <p class="help">"Accounts keep their billing, compliance and products; moved users keep their account roles and get no access to your other accounts."</p>
            <h3>"Revoked and removed"</h3>
            <dl class="facts merge-removed">
                <div>
                    <dt>"Invitations revoked"</dt>
                    <dd>{move || removed.with(|r| listed(&r.invitations))}</dd>
                </div>
                <div>
                    <dt>"Domains removed"</dt>
                    <dd>{move || removed.with(|r| listed(&r.domains))}</dd>
                </div>
                <div>
                    <dt>"SSO profile removed"</dt>
                    <dd>
                        {move || {
                            if removed.with(|r| r.sso_profile) {
                                format!("{candidate_name}'s SSO profile")
                            } else {
                                "None".to_owned()
                            }
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"SCIM apps removed"</dt>
                    <dd>{move || removed.with(|r| r.scim_apps.to_string())}</dd>
                </div>
            </dl>
            <h3>{sso_heading}</h3>
            {sso}
        </section>
    }
}
