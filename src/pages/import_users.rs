use crate::components::action::{ActionButton, OutsidePanel, Sender, Variant};
use crate::components::denial::{DenialAlert, sentence};
use crate::components::download::download;
use crate::components::file_picker::FilePicker;
use crate::components::list::thousands;
use crate::components::page_header::PageHeader;
use crate::components::ticked::Ticked;
use crate::href;
use crate::import_csv::{self, Line, TEMPLATE};
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::command::ImportedUser;
use org_rules::sid::OrgSid;
use org_rules::users::{IMPORT_ROW_LIMIT, IMPORT_ROWS, import_rows};
use org_rules::{Command, Denial, Outcome, Workspace, dry_run};

/// What would happen to one line of the file.
#[derive(Clone, Debug, PartialEq)]
enum Verdict {
    /// Imported; `known` when Twilio already has a user with the address, who then joins.
    Imports {
        known: bool,
    },
    Refused(Denial),
    /// The line itself cannot be read.
    Unreadable(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Row {
    line: u64,
    user: Option<ImportedUser>,
    verdict: Verdict,
}

/// Each line of the file with the engine's verdict on it: every readable row is judged as the
/// import would judge it, an address listed twice on its later row.
fn judge(ws: &Workspace, organization: &OrgSid, lines: &[Line]) -> Vec<Row> {
    let users: Vec<ImportedUser> =
        lines.iter().filter_map(|line| line.content.clone().ok()).collect();
    let mut verdicts = import_rows(ws, organization, &users).into_iter();
    lines
        .iter()
        .map(|line| {
            let user = line.content.clone().ok();
            let verdict = match &line.content {
                Ok(_) => match verdicts.next().expect("one verdict per readable line") {
                    Ok(email) => Verdict::Imports { known: ws.user_by_email(&email).is_some() },
                    Err(denial) => Verdict::Refused(denial),
                },
                Err(problem) => Verdict::Unreadable(problem.clone()),
            };
            Row { line: line.number, user, verdict }
        })
        .collect()
}

/// What an import did: the engine's summary, and every row it left out and why.
#[derive(Clone, Debug, PartialEq)]
struct Report {
    summary: String,
    left_out: Vec<Row>,
}

/// Import users: a CSV file (chosen, dropped or pasted), a preview of what happens to each row,
/// then "Import", which imports the rows that pass and reports the others with their rules.
#[component]
pub fn ImportUsers() -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Report>);
    // An import of no rows is refused for being empty only once the person may import here at
    // all; any other refusal of it closes the page, with the engine's rule.
    let gate = Memo::new(move |_| {
        let organization = store.organization.get()?;
        let (actor, command) =
            (store.actor(), Command::ImportUsers { organization, users: vec![] });
        let refusal = store.workspace.with(|ws| dry_run(ws, &actor, &command).err())?;
        (refusal.rule.id != IMPORT_ROWS.id).then_some(refusal)
    });
    let sheet =
        Memo::new(move |_| text.with(|t| (!t.trim().is_empty()).then(|| import_csv::read(t))));
    let rows = Memo::new(move |_| {
        let organization = store.organization.get()?;
        let lines = sheet.get()?.ok()?;
        Some(store.workspace.with(|ws| judge(ws, &organization, &lines)))
    });

    view! {
        <PageHeader title="Import users" crumbs=vec![("Users", "/users")] />
        <p class="lede">
            "Add many people at once from a CSV file. Each row becomes a managed Standard user straight away, with no invitation to accept; rows that cannot be imported are listed with the rule that refuses them."
        </p>
        {move || gate.get().map(|denial| view! { <DenialAlert denial lead="You cannot import users." /> })}
        <EnableImport />
        <Source text />
        // The last import's report, until another file is loaded.
        {move || {
            let loaded = !text.with(String::is_empty);
            report.get().filter(|_| !loaded).map(|report| view! { <ImportReport report /> })
        }}
        {move || match sheet.get() {
            Some(Err(why)) => Some(view! {
                <div class="alert alert-error unreadable" role="alert">
                    <p class="alert-title"><strong>"This file cannot be imported"</strong></p>
                    <p>{why}</p>
                </div>
            }.into_any()),
            Some(Ok(_)) => rows.get().map(|rows| view! { <Preview rows /> }.into_any()),
            None => None,
        }}
        {move || {
            let (organization, rows) = (store.organization.get()?, rows.get()?);
            // "Import" sends the rows that pass. The others are reported as they were judged
            // now: once the import is done, the same rows would be judged as already managed.
            let (passing, left_out): (Vec<Row>, Vec<Row>) =
                rows.into_iter().partition(|row| matches!(row.verdict, Verdict::Imports { .. }));
            let users: Vec<ImportedUser> = passing.into_iter().filter_map(|row| row.user).collect();
            let on_done = Callback::new(move |outcome: Outcome| {
                report.set(Some(Report { summary: outcome.summary, left_out: left_out.clone() }));
                text.set(String::new());
            });
            Some(view! {
                <div class="actions">
                    <ActionButton
                        label="Import"
                        variant=Variant::Primary
                        command=move || Command::ImportUsers { organization: organization.clone(), users: users.clone() }
                        on_done
                    />
                </div>
            })
        }}
    }
}

/// "Outside the console": while the organization lacks Import Users, Twilio support turns it on.
#[component]
pub fn EnableImport() -> impl IntoView {
    let store = use_store();
    let lacking = Memo::new(move |_| {
        store.current_organization().filter(|o| !o.bulk_import_enabled).map(|o| o.sid)
    });
    move || {
        let organization = lacking.get()?;
        Some(view! {
            <OutsidePanel lead="You ask Twilio support to enable Import Users for your organization.">
                <ActionButton
                    label="Support enables Import Users"
                    sender=Sender::World
                    command=move || Command::EnableBulkImport { organization: organization.clone() }
                />
            </OutsidePanel>
        })
    }
}

/// Where the CSV comes from: a chosen or dropped file, or pasted text, and the template.
#[component]
fn Source(text: RwSignal<String>) -> impl IntoView {
    let file_problem = RwSignal::new(None::<String>);
    let on_file = Callback::new(move |(_, loaded): (String, String)| {
        file_problem.set(None);
        text.set(loaded);
    });
    let on_problem = Callback::new(move |why: String| file_problem.set(Some(why)));
    let template = move |_| {
        file_problem.set(download("import-users-template.csv", "text/csv", TEMPLATE).err());
    };
    view! {
        <section class="card" aria-labelledby="source-heading">
            <h2 id="source-heading">"Choose a file"</h2>
            <p id="csv-format" class="help">
                "A CSV file whose first line names the columns: " <code>"email"</code> " (required) and " <code>"name"</code>
                " (or " <code>"first name"</code> " and " <code>"last name"</code> "). Up to " {thousands(IMPORT_ROW_LIMIT)} " rows."
            </p>
            <FilePicker
                id="csv-file"
                label="CSV file"
                accept=".csv,text/csv"
                described_by="csv-format"
                max_bytes=MAX_CSV_BYTES
                on_file
                on_problem
            />
            <div class="field">
                <label for="csv-text">"Or paste CSV"</label>
                <textarea
                    id="csv-text"
                    rows="6"
                    spellcheck="false"
                    aria-describedby="csv-format"
                    placeholder="email,name"
                    prop:value=text
                    on:input:target=move |ev| {
                        text.set(ev.target().value());
                    }
                ></textarea>
            </div>
            <div class="actions">
                <button type="button" class="button" on:click=template>"Download template"</button>
            </div>
            {move || file_problem.get().map(|why| view! { <p class="alert alert-error" role="alert">{why}</p> })}
        </section>
    }
}

/// The largest CSV file read: 1,000 rows of addresses and names fit in far less.
const MAX_CSV_BYTES: f64 = 1_048_576.0;

/// Every line of the file with what would happen to it; nothing changes until "Import".
#[component]
fn Preview(rows: Vec<Row>) -> impl IntoView {
    let count = |pick: fn(&Verdict) -> bool| rows.iter().filter(|row| pick(&row.verdict)).count();
    let imports = count(|v| matches!(v, Verdict::Imports { .. }));
    let refused = count(|v| matches!(v, Verdict::Refused(_)));
    let unreadable = count(|v| matches!(v, Verdict::Unreadable(_)));
    let summary = format!(
        "{} rows: {imports} can be imported, {refused} refused, {unreadable} cannot be read.",
        rows.len()
    );
    view! {
        <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">"Preview"</h2>
            <p class="result-count" aria-live="polite">{summary}</p>
            <RowTable label="Import preview" rows />
        </section>
    }
}

/// What the import did, and each row it left out with the rule why.
#[component]
fn ImportReport(report: Report) -> impl IntoView {
    let left_out = report.left_out.len();
    // Focus moves to the result, as after any form.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <section class="card import-report" aria-labelledby="report-heading">
            <h2 id="report-heading" tabindex="-1" node_ref=heading>"Import complete"</h2>
            <p>{report.summary}</p>
            {(left_out > 0).then(|| view! {
                <p>{format!("{left_out} {} not imported:", if left_out == 1 { "row was" } else { "rows were" })}</p>
                <RowTable label="Rows not imported" rows=report.left_out />
            })}
        </section>
    }
}

#[component]
fn RowTable(label: &'static str, rows: Vec<Row>) -> impl IntoView {
    view! {
        <table class="table import-rows" aria-label=label>
            <thead>
                <tr>
                    <th scope="col">"Line"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"What happens"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <RowView row /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn RowView(row: Row) -> impl IntoView {
    let (email, name) = row.user.map(|u| (u.email, u.name)).unwrap_or_default();
    let (outcome, rule) = match &row.verdict {
        Verdict::Imports { .. } => ("imports", None),
        Verdict::Refused(denial) => ("refused", Some(denial.rule.id)),
        Verdict::Unreadable(_) => ("unreadable", None),
    };
    let what = match row.verdict {
        Verdict::Imports { known } => {
            let text = if known {
                "Will be imported: an existing Twilio user joins"
            } else {
                "Will be imported as a new Twilio user"
            };
            view! { <span>{text}</span> }.into_any()
        }
        Verdict::Refused(denial) => {
            let rule = denial.rule;
            view! {
                <span class="badge badge-refusal">"Refused"</span>
                " "
                <a href=href(&format!("/rules/{}", rule.id))>{rule.title}</a>
                " "
                <code class="rule-id">{rule.id}</code>
                <br />
                <Ticked text=sentence(&denial.detail) />
            }
            .into_any()
        }
        Verdict::Unreadable(problem) => view! {
            <span class="badge badge-warning">"Cannot be read"</span>
            " "
            {sentence(&problem)}
        }
        .into_any(),
    };
    view! {
        <tr data-outcome=outcome data-rule=rule>
            <td>{row.line}</td>
            <td>{email}</td>
            <td>{name}</td>
            <td>{what}</td>
        </tr>
    }
}
