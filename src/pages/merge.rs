//! Merge organizations: the organization shown, the Prime, absorbs a Candidate. A wizard of five
//! steps whose choices live in the URL's query (`?candidate=OR…&method=invitation&role=…`), so a
//! reload or a shared link opens the same merge. What each step says comes from the rules crate:
//! the prerequisites and what moves from `merge::preview`, what starting would do and why not
//! from a dry run.

use super::import_users::EnableImport;
use super::merge_preview::{MergePreviewCard, Preflight};
use crate::components::action::{ActionButton, OutsidePanel, Sender, Variant};
use crate::components::denial::DenialAlert;
use crate::components::page_header::PageHeader;
use crate::components::rule_links::RuleLinks;
use crate::href;
use crate::store::use_store;
use crate::url_query::{query_value, replace_query};
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::authz::Permission;
use org_rules::merge::{
    MERGE_BULK_IMPORT_REQUIRED, MergeMethod, MergePreview, PREVIEW_READS, preview,
};
use org_rules::model::{InvitationSubject, OrgRole};
use org_rules::parts::Part;
use org_rules::sid::{InvitationSid, OrgSid};
use org_rules::{Command, Outcome, dry_run};

/// The two organizations of a merge, by SID and name.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub prime: OrgSid,
    pub prime_name: String,
    pub candidate: OrgSid,
    pub candidate_name: String,
}

/// The Candidate Owner's open invitation to merge the Candidate into the Prime.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    invitation: InvitationSid,
    owner: String,
    expires: String,
}

/// The wizard: choose the Candidate, check the prerequisites, choose the method, preview, confirm.
#[component]
pub fn Merge() -> impl IntoView {
    let store = use_store();
    let candidate = RwSignal::new(query_value("candidate").and_then(|sid| sid.parse().ok()));
    let import = RwSignal::new(query_value("method").as_deref() == Some("import"));
    let role = RwSignal::new(match query_value("role").as_deref() {
        Some("administrator") => OrgRole::Administrator,
        _ => OrgRole::Standard,
    });
    let merged = RwSignal::new(None::<Outcome>);
    Effect::new(move |_| {
        let chosen = candidate.get().map(|sid: OrgSid| sid.to_string());
        let (method, role) = match (&chosen, import.get()) {
            (None, _) => (None, None),
            (Some(_), true) => (Some("import".to_owned()), None),
            (Some(_), false) => {
                (Some("invitation".to_owned()), Some(role.get().label().to_lowercase()))
            }
        };
        replace_query(&[("candidate", chosen), ("method", method), ("role", role)]);
    });
    // The Candidate while it exists and is not the organization shown.
    let pair = Memo::new(move |_| {
        let (prime, candidate) = (store.organization.get()?, candidate.get()?);
        store.read(Part::Organizations, |ws| {
            let prime_name = ws.organization(&prime)?.friendly_name.clone();
            let candidate_name = ws.organization(&candidate)?.friendly_name.clone();
            (prime != candidate).then_some(Pair { prime, prime_name, candidate, candidate_name })
        })
    });
    let method = Memo::new(move |_| match import.get() {
        true => MergeMethod::Import,
        false => MergeMethod::Invitation { role: role.get() },
    });
    let described = Memo::new(move |_| {
        let pair = pair.get()?;
        let method = method.get();
        store.read(PREVIEW_READS, |ws| preview(ws, &pair.prime, &pair.candidate, method).ok())
    });
    let on_merged = Callback::new(move |outcome: Outcome| {
        merged.set(Some(outcome));
        candidate.set(None);
    });

    view! {
        <PageHeader title="Merge organizations" />
        <p class="lede">
            "The organization shown, the Prime Organization, absorbs a Candidate Organization: the Candidate's managed accounts and users move to the Prime, and the Candidate no longer exists independently. Nothing changes until you confirm."
        </p>
        {move || {
            store.may(Permission::MergeOrganizations).err().map(|denial| {
                view! { <DenialAlert denial lead="You can plan a merge but not start one." /> }
            })
        }}
        {move || merged.get().map(|outcome| view! { <Merged outcome /> })}
        <ChooseCandidate candidate />
        {move || {
            pair.get().map(|pair| {
                view! {
                    <Preflight pair=pair.clone() preview=described />
                    <ChooseMethod pair=pair.clone() import role />
                    <MergePreviewCard pair=pair.clone() preview=described />
                    <Finish pair method preview=described on_merged />
                }
            })
        }}
    }
}

/// Step 1: any other organization of the workspace.
#[component]
fn ChooseCandidate(candidate: RwSignal<Option<OrgSid>>) -> impl IntoView {
    let store = use_store();
    let others = Memo::new(move |_| {
        let prime = store.organization.get();
        store.read(Part::Organizations, |ws| {
            let mut others: Vec<(OrgSid, String)> = ws
                .organizations()
                .filter(|o| Some(&o.sid) != prime.as_ref())
                .map(|o| (o.sid.clone(), o.friendly_name.clone()))
                .collect();
            others.sort_by(|a, b| a.1.cmp(&b.1));
            others
        })
    });
    let options = move || {
        let chosen = candidate.get();
        others
            .get()
            .into_iter()
            .map(|(sid, name)| {
                let selected = chosen.as_ref() == Some(&sid);
                view! { <option value=sid.to_string() selected=selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="merge-candidate-heading">
            <h2 id="merge-candidate-heading">"1. Choose the Candidate Organization"</h2>
            <div class="field">
                <label for="merge-candidate">"Candidate Organization"</label>
                <select
                    id="merge-candidate"
                    aria-describedby="merge-candidate-help"
                    on:change:target=move |ev| candidate.set(ev.target().value().parse().ok())
                >
                    <option value="" selected=move || candidate.with(Option::is_none)>"Choose an organization"</option>
                    {options}
                </select>
                <p id="merge-candidate-help" class="help">
                    "The organization that is absorbed. Its Owner must use an email address in one of your verified domains."
                </p>
            </div>
        </section>
    }
}

/// Step 3: by invitation, with the role the Candidate Owner gets, or by import.
#[component]
fn ChooseMethod(pair: Pair, import: RwSignal<bool>, role: RwSignal<OrgRole>) -> impl IntoView {
    let store = use_store();
    let Pair { prime, prime_name, candidate, .. } = pair;
    // Import Users is Twilio support's to turn on: the engine's refusal says so.
    let import_refused = Memo::new(move |_| {
        let command = Command::ImportToMerge { prime: prime.clone(), candidate: candidate.clone() };
        let actor = store.actor();
        store.workspace.with(|ws| dry_run(ws, &actor, &command).err())
    });
    let lacks_import = move || {
        import.get()
            && import_refused
                .with(|d| d.as_ref().is_some_and(|d| d.rule == &MERGE_BULK_IMPORT_REQUIRED))
    };
    view! {
        <section class="card" aria-labelledby="merge-method-heading">
            <h2 id="merge-method-heading">"3. Choose how to merge"</h2>
            <fieldset>
                <legend class="visually-hidden">"Merge by"</legend>
                <div class="radio">
                    <input
                        type="radio"
                        name="merge-method"
                        id="merge-by-invitation"
                        prop:checked=move || !import.get()
                        on:change=move |_| import.set(false)
                    />
                    <label for="merge-by-invitation">
                        <strong>"By invitation"</strong>
                        <span class="help">
                            "The Candidate Owner is invited to join " {prime_name.clone()}
                            " and shows as a Pending User until they accept, which merges their organization, or the invitation expires."
                        </span>
                    </label>
                </div>
                <div class="field merge-role">
                    <label for="merge-role">"Role of the Candidate Owner"</label>
                    <select
                        id="merge-role"
                        prop:disabled=move || import.get()
                        on:change:target=move |ev| {
                            role.set(if ev.target().value() == "administrator" { OrgRole::Administrator } else { OrgRole::Standard })
                        }
                    >
                        <option value="standard" selected=move || role.get() == OrgRole::Standard>"Standard user"</option>
                        <option value="administrator" selected=move || role.get() == OrgRole::Administrator>"Administrator"</option>
                    </select>
                </div>
                <div class="radio">
                    <input
                        type="radio"
                        name="merge-method"
                        id="merge-by-import"
                        prop:checked=move || import.get()
                        on:change=move |_| import.set(true)
                    />
                    <label for="merge-by-import">
                        <strong>"By import"</strong>
                        <span class="help">
                            "You import the Candidate Owner with Import Users and the merge happens at once; they cannot opt out, and they join as a Standard user."
                        </span>
                    </label>
                </div>
            </fieldset>
            {move || {
                lacks_import().then(|| {
                    let denial = import_refused.get()?;
                    Some(view! {
                        <DenialAlert denial lead="You cannot merge by import yet." />
                        <EnableImport />
                    })
                })
            }}
        </section>
    }
}

/// Step 5: confirm by typing the Candidate's name; by invitation, then wait for the Candidate
/// Owner to answer.
#[component]
fn Finish(
    pair: Pair,
    method: Memo<MergeMethod>,
    preview: Memo<Option<MergePreview>>,
    on_merged: Callback<Outcome>,
) -> impl IntoView {
    let store = use_store();
    let pending = Memo::new({
        let pair = pair.clone();
        move |_| {
            store.read(Part::Users | Part::Invitations, |ws| {
                let owner = ws.owner_of(&pair.candidate)?;
                let invitation = ws.pending_invitations_for_email(&owner.email).find(|i| {
                    i.organization == pair.prime
                        && matches!(&i.subject, InvitationSubject::User { merges: Some(c), .. } if *c == pair.candidate)
                })?;
                Some(Pending {
                    invitation: invitation.sid.clone(),
                    owner: format!("{} ({})", owner.friendly_name, owner.email),
                    expires: invitation.expires.date(),
                })
            })
        }
    });
    move || match pending.get() {
        Some(pending) => view! { <AwaitAnswer pair=pair.clone() pending on_merged /> }.into_any(),
        None => view! { <Confirm pair=pair.clone() method preview on_merged /> }.into_any(),
    }
}

/// The start button, available once the Candidate's name is typed, with what starting would do.
#[component]
fn Confirm(
    pair: Pair,
    method: Memo<MergeMethod>,
    preview: Memo<Option<MergePreview>>,
    on_merged: Callback<Outcome>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let name = pair.candidate_name.clone();
    let prompt = format!("Type {name} to confirm");
    let matches = Memo::new(move |_| typed.with(|t| *t == name));
    let Pair { prime, candidate, candidate_name, .. } = pair;
    let start = move || match method.get() {
        MergeMethod::Invitation { role } => {
            Command::InviteToMerge { prime: prime.clone(), candidate: candidate.clone(), role }
        }
        MergeMethod::Import => {
            Command::ImportToMerge { prime: prime.clone(), candidate: candidate.clone() }
        }
    };
    let start = StoredValue::new(start);
    let label = move || match method.get() {
        MergeMethod::Invitation { .. } => "Send merge invitation",
        MergeMethod::Import => "Merge by import",
    };
    let owner = move || {
        preview.with(|p| {
            let owner = p.as_ref()?.users.iter().find(|u| u.from == OrgRole::Owner)?;
            Some(owner.email.clone())
        })
    };
    let button = move || {
        let label = label();
        if !matches.get() {
            return view! {
                <button type="button" class="button button-primary" disabled=true aria-describedby="merge-confirm-help">
                    {label}
                </button>
            }
            .into_any();
        }
        let on_done = Callback::new(move |outcome: Outcome| {
            if method.get_untracked() == MergeMethod::Import {
                on_merged.run(outcome);
            }
        });
        view! {
            <ActionButton
                label
                variant=Variant::Primary
                command=move || start.with_value(|start| start())
                on_done
            />
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="merge-confirm-heading">
            <h2 id="merge-confirm-heading">"5. Confirm"</h2>
            <p>
                {move || match method.get() {
                    MergeMethod::Invitation { role } => format!(
                        "Twilio sends the invitation to the Owner of {candidate_name}, {}, who joins as {}. Accepting it merges {candidate_name}.",
                        owner().unwrap_or_default(),
                        role.noun()
                    ),
                    MergeMethod::Import => format!("{candidate_name} merges at once; its Owner cannot opt out."),
                }}
            </p>
            <WouldHappen
                lead="Would happen: "
                command=Signal::derive(move || start.with_value(|start| start()))
                sender=Sender::SignedIn
            />
            <div class="field-row">
                <div class="field">
                    <label for="merge-confirm">{prompt}</label>
                    <input
                        id="merge-confirm"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="merge-confirm-help"
                        prop:value=typed
                        on:input:target=move |ev| typed.set(ev.target().value())
                    />
                    <p id="merge-confirm-help" class="help">
                        "The button is available once the Candidate's name is typed exactly."
                    </p>
                </div>
                {button}
            </div>
        </section>
    }
}

/// By invitation, once sent: the Candidate Owner is a Pending User until they answer, which
/// happens outside the console.
#[component]
fn AwaitAnswer(pair: Pair, pending: Pending, on_merged: Callback<Outcome>) -> impl IntoView {
    let Pair { prime_name, candidate_name, .. } = pair;
    let Pending { invitation, owner, expires } = pending;
    let (accept, decline) = (invitation.clone(), invitation);
    let accepting = accept.clone();
    view! {
        <section class="card merge-pending" aria-labelledby="merge-pending-heading">
            <h2 id="merge-pending-heading">"5. Waiting for the Candidate Owner"</h2>
            <p>
                {format!("{owner} is a Pending User in {prime_name} until they accept the invitation or it expires on {expires}. ")}
                <A href=href("/users?tab=pending")>"See pending users"</A>
            </p>
            <WouldHappen
                lead="If they accept: "
                command=Signal::derive(move || Command::AcceptInvitation { invitation: accepting.clone() })
                sender=Sender::World
            />
            <OutsidePanel lead=format!(
                "The Candidate Owner receives the invitation, which tells them that accepting merges {candidate_name} into {prime_name}."
            )>
                <ActionButton
                    label="Accept as the Candidate Owner"
                    sender=Sender::World
                    command=move || Command::AcceptInvitation { invitation: accept.clone() }
                    on_done=on_merged
                />
                <ActionButton
                    label="Decline as the Candidate Owner"
                    sender=Sender::World
                    command=move || Command::DeclineInvitation { invitation: decline.clone() }
                />
            </OutsidePanel>
        </section>
    }
}

/// What a command would do, from the engine's dry run, with the rules that would shape it;
/// nothing when it would be refused, which its button says.
#[component]
fn WouldHappen(lead: &'static str, command: Signal<Command>, sender: Sender) -> impl IntoView {
    let store = use_store();
    let preview = Memo::new(move |_| {
        let (command, actor) = (command.get(), sender.actor(&store));
        store.workspace.with(|ws| dry_run(ws, &actor, &command).ok())
    });
    move || {
        preview.get().map(|preview| {
            view! {
                <p class="preview-outcome merge-would">
                    <strong>{lead}</strong>
                    {preview.summary}
                    " "
                    <RuleLinks rules=preview.rules />
                </p>
            }
        })
    }
}

/// The merge done: what the engine said, the rules that shaped it, and where the moved accounts
/// and users are now.
#[component]
fn Merged(outcome: Outcome) -> impl IntoView {
    view! {
        <section class="card merge-done" role="status" aria-labelledby="merge-done-heading">
            <h2 id="merge-done-heading">"Merge complete"</h2>
            <p>{outcome.summary} " " <RuleLinks rules=outcome.rules /></p>
            <p>
                "The moved accounts and users are listed under this organization: "
                <A href=href("/accounts")>"Accounts"</A>
                ", "
                <A href=href("/users")>"Users"</A>
                "."
            </p>
        </section>
    }
}
