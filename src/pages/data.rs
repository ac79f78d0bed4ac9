use crate::components::action::{ActionButton, Sender};
use crate::components::confirm::ConfirmDialog;
use crate::components::download::download;
use crate::components::file_picker::FilePicker;
use crate::components::list::thousands;
use crate::components::page_header::PageHeader;
use crate::href;
use crate::persistence;
use crate::store::{Store, use_store};
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::Workspace;
use org_rules::demo::demo_workspace;
use org_rules::model::AuditEvent;
use org_rules::snapshot::{MAX_IMPORT_BYTES, from_json, to_json};
use org_rules::{Command, Outcome};

/// The workspace as data: export it to a file, import one, or reset to the demo scenario.
#[component]
pub fn Data() -> impl IntoView {
    view! {
        <PageHeader title="Data" />
        <UndoReplacement />
        <Clock />
        <Export />
        <Import />
        <Reset />
    }
}

/// The simulated clock: time passes only when the person says so, and what it did is listed.
#[component]
fn Clock() -> impl IntoView {
    let store = use_store();
    let happened = RwSignal::new(None::<Vec<AuditEvent>>);
    let on_done = Callback::new(move |outcome: Outcome| happened.set(Some(outcome.events)));
    let advance = |label: &'static str, hours: u32| {
        view! {
            <ActionButton label sender=Sender::World command=move || Command::AdvanceClock { hours } on_done />
        }
    };
    view! {
        <section class="card" id="clock" aria-labelledby="clock-heading">
            <h2 id="clock-heading">"Clock"</h2>
            <p>
                "The simulated date is " <strong>{move || store.workspace.with(|ws| ws.now().to_string())}</strong>
                ". Time passes only when you advance it: invitations expire, domains are re-checked and closed subaccounts are deleted as it does."
            </p>
            <div class="actions">
                {advance("Advance 1 hour", 1)}
                {advance("Advance 1 day", 24)}
                {advance("Advance 7 days", 7 * 24)}
                {advance("Advance 30 days", 30 * 24)}
            </div>
            {move || happened.get().map(|events| view! { <ClockSummary events /> })}
        </section>
    }
}

/// What the last advance of the clock did, each event linked to what it concerns.
#[component]
fn ClockSummary(events: Vec<AuditEvent>) -> impl IntoView {
    if events.is_empty() {
        return view! {
            <p class="clock-summary" role="status">"Nothing happened: no invitation expired, no domain changed and no closed subaccount was deleted."</p>
        }
        .into_any();
    }
    view! {
        <div class="clock-summary" role="status">
            <p>{format!("What happened ({}):", events.len())}</p>
            <ul>
                {events
                    .into_iter()
                    .map(|event| {
                        let path = match event.resource_type.as_str() {
                            "invitation" => Some("/users?tab=pending".to_owned()),
                            "domain" if event.event_type != "domain.deleted" => {
                                Some(format!("/domains/{}", event.resource_sid))
                            }
                            _ => None,
                        };
                        let when = event.event_date.to_string();
                        let text = event.description;
                        view! {
                            <li>
                                <time>{when}</time>
                                " "
                                {match path {
                                    Some(path) => view! { <A href=href(&path)>{text}</A> }.into_any(),
                                    None => text.into_any(),
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

#[component]
fn Export() -> impl IntoView {
    let store = use_store();
    let export_problem = RwSignal::new(None::<String>);
    // What is stored, not the workspace serialized anew: that costs tens of milliseconds a
    // change at 10,000 users.
    let size = move || {
        store.workspace.track();
        thousands(persistence::stored_characters())
    };
    let export = move |_| export_problem.set(export_workspace(&store).err());
    view! {
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Export"</h2>
            <p>
                "Everything lives in this browser's storage only ("
                {size}
                " characters, compressed; a browser allows a site about 5,000,000). Export a JSON file to keep a copy or move it to another browser."
            </p>
            <button class="button button-primary" on:click=export>"Export workspace"</button>
            {move || export_problem.get().map(|why| view! { <p class="alert alert-error" role="alert">{why}</p> })}
        </section>
    }
}

/// Offers the workspace as a JSON file named after the organization shown and the simulated
/// date: "owl-corp-2026-11-02.json".
pub fn export_workspace(store: &Store) -> Result<(), String> {
    let text = store.workspace.with_untracked(to_json);
    let organization = store.current_organization().map(|o| o.friendly_name);
    let date = store.workspace.with_untracked(|ws| ws.now().date());
    let file_name =
        format!("{}-{date}.json", slug(organization.as_deref().unwrap_or("org-console")));
    download(&file_name, "application/json", &text)
}

/// "Owl Corp" as "owl-corp", for a file name.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// What an import file turned out to be, before anything changes.
#[derive(Clone, PartialEq)]
enum Reading {
    Nothing,
    Refused { file: String, why: String },
    Ready { file: String, workspace: Box<Workspace> },
}

/// Import a workspace file: it is read and checked whole, and shown against the current
/// workspace; only "Replace workspace" changes anything, and that can be undone.
#[component]
fn Import() -> impl IntoView {
    let store = use_store();
    let reading = RwSignal::new(Reading::Nothing);
    let on_file = Callback::new(move |(file, text): (String, String)| {
        reading.set(match from_json(&text) {
            Ok(workspace) => Reading::Ready { file, workspace: Box::new(workspace) },
            Err(error) => Reading::Refused { file, why: error.to_string() },
        });
    });
    let on_problem = Callback::new(move |why: String| {
        reading.set(Reading::Refused { file: String::new(), why })
    });
    let confirm = RwSignal::new(false);
    let replace = move || {
        if let Reading::Ready { file, workspace } = reading.get_untracked() {
            store.replace(*workspace, &format!("Imported {file}"), Some("Undo import"));
            reading.set(Reading::Nothing);
        }
    };
    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import"</h2>
            <p id="import-format" class="help">"A JSON file exported from Org Console, of 20 MB at most. It is checked whole before anything changes."</p>
            <FilePicker
                id="import-file"
                label="Workspace file"
                accept=".json,application/json"
                described_by="import-format"
                max_bytes=MAX_IMPORT_BYTES as f64
                on_file
                on_problem
            />
            {move || match reading.get() {
                Reading::Nothing => ().into_any(),
                Reading::Refused { file, why } => {
                    view! {
                        <div class="alert alert-error" role="alert">
                            <p class="alert-title"><strong>{format!("{file} cannot be imported")}</strong></p>
                            <p>{why}</p>
                            <p>"Nothing was changed."</p>
                        </div>
                    }
                        .into_any()
                }
                Reading::Ready { file, workspace } => {
                    view! {
                        <ImportPreview file=file.clone() workspace=*workspace />
                        <button class="button button-primary" on:click=move |_| confirm.set(true)>"Replace workspace"</button>
                    }
                        .into_any()
                }
            }}
            <ConfirmDialog open=confirm question="Replace the workspace with this file?" verb="Replace workspace" on_confirm=replace>
                <p>"The current workspace is kept as the previous copy: you can undo the import afterwards."</p>
            </ConfirmDialog>
        </section>
    }
}

/// The file's contents against the current workspace's, object kind by kind.
#[component]
fn ImportPreview(file: String, workspace: Workspace) -> impl IntoView {
    let store = use_store();
    let counts = |ws: &Workspace| {
        let state = ws.state();
        [
            state.organizations.len(),
            state.users.len(),
            state.accounts.len(),
            state.subaccounts.len(),
            state.domains.len(),
            state.audit.len(),
        ]
    };
    let now = store.workspace.with_untracked(counts);
    let imported = counts(&workspace);
    let kinds = ["Organizations", "Users", "Accounts", "Subaccounts", "Domains", "Audit events"];
    view! {
        <table class="table import-preview">
            <caption>{format!("{file}: what the workspace would hold")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Objects"</th>
                    <th scope="col">"Now"</th>
                    <th scope="col">"After the import"</th>
                </tr>
            </thead>
            <tbody>
                {kinds
                    .into_iter()
                    .zip(now.into_iter().zip(imported))
                    .map(|(kind, (now, after))| view! { <tr><th scope="row">{kind}</th><td>{now}</td><td>{after}</td></tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Takes back the last import or reset, while the workspace it replaced is still stored.
#[component]
fn UndoReplacement() -> impl IntoView {
    let store = use_store();
    move || {
        store.replaced.get().map(|label| {
            view! {
                <p class="alert alert-info" role="status">
                    "The workspace you replaced is kept until the next compaction. "
                    <button class="button button-small" on:click=move |_| store.restore_previous()>{label}</button>
                </p>
            }
        })
    }
}

#[component]
fn Reset() -> impl IntoView {
    let store = use_store();
    let confirm_reset = RwSignal::new(false);
    let reset =
        move || store.replace(demo_workspace(), "Reset to the demo scenario", Some("Undo reset"));
    view! {
        <section class="card danger-zone" aria-labelledby="reset-heading">
            <h2 id="reset-heading">"Reset to the demo scenario"</h2>
            <p>"Replaces this workspace with Owl Corp and Owl Labs as they ship. The current workspace is kept as the previous copy in this browser until the next change."</p>
            <button class="button button-destructive" on:click=move |_| confirm_reset.set(true)>"Reset to demo"</button>
            <ConfirmDialog open=confirm_reset question="Reset to the demo scenario?" verb="Reset to demo" on_confirm=reset>
                <p>"Every organization, user and domain you changed is replaced. Export first if you want to keep them."</p>
            </ConfirmDialog>
        </section>
    }
}
