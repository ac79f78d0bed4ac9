//! The audit log: every event of the workspace, newest first, shaped like Twilio's Monitor
//! Events. Refused actions are events too (`command.denied`), with the rule that refused them.

use crate::components::download::download;
use crate::components::list::{Column, ListView, Naming};
use crate::components::page_header::PageHeader;
use crate::components::rule_links::RuleLinks;
use crate::components::ticked::Ticked;
use crate::store::use_store;
use crate::url_query::{query_value, replace_query};
use leptos::prelude::*;
use org_rules::Rule;
use org_rules::catalog::find;
use org_rules::clock::Timestamp;
use org_rules::model::{ActorSid, AuditEvent};
use org_rules::parts::Part;
use org_rules::sid::EventSid;
use org_rules::workspace::Workspace;
use serde_json::json;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The event type of a refused command.
const DENIED: &str = "command.denied";
/// The actor filter's value for what the outside world did (DNS, the clock, an invitee).
const WORLD: &str = "world";
/// How an event with no actor names it.
const OUTSIDE: &str = "Outside the console";

/// One event as the list shows it, and where the event itself is in the log. Its SID and date
/// are kept as they are and written out when the list asks for their text (the rows shown, a
/// search, a sort, an export); each actor's texts are written once for all their events.
/// `Eq` lets the list's memos compare a shared row by its pointer first.
#[derive(Debug, PartialEq, Eq)]
struct EventRow {
    /// The event's index in the workspace's audit log, to open its `event_data`.
    position: usize,
    sid: EventSid,
    date: Timestamp,
    event_type: String,
    actor_sid: Option<Arc<str>>,
    actor: Arc<str>,
    resource: String,
    description: String,
    rules: Vec<&'static Rule>,
}

/// An actor's SID (none for the outside world) and current name, as the rows share them.
type ActorTexts = (Option<Arc<str>>, Arc<str>);

/// A row as the list holds it: the filters above the list copy the rows they keep, and each copy
/// of a row is a count, not a copy of its texts.
type Row = Arc<EventRow>;

impl EventRow {
    fn new(
        ws: &Workspace,
        position: usize,
        event: &AuditEvent,
        actors: &mut HashMap<Option<ActorSid>, ActorTexts>,
    ) -> Self {
        let (actor_sid, actor) = (actors.entry(event.actor_sid.clone()))
            .or_insert_with(|| actor_texts(ws, event.actor_sid.as_ref()))
            .clone();
        Self {
            position,
            sid: event.sid.clone(),
            date: event.event_date,
            event_type: event.event_type.clone(),
            actor_sid,
            actor,
            resource: format!("{} {}", event.resource_type, event.resource_sid),
            description: event.description.clone(),
            rules: event.rules.iter().filter_map(|id| find(id)).collect(),
        }
    }

    fn refused(&self) -> bool {
        self.event_type == DENIED
    }
}

fn actor_texts(ws: &Workspace, actor: Option<&ActorSid>) -> ActorTexts {
    let name = match actor {
        Some(ActorSid::User(sid)) => {
            ws.user(sid).map_or_else(|| sid.to_string(), |u| u.friendly_name.clone())
        }
        Some(ActorSid::App(sid)) => format!("SCIM (OAuth app {sid})"),
        None => OUTSIDE.to_owned(),
    };
    (actor.map(|sid| sid.to_string().into()), name.into())
}

/// The filters above the list, as Monitor's ActorSid, EventType, ResourceSid, StartDate and
/// EndDate; each kept in the URL's query.
#[derive(Clone, Copy)]
struct Filters {
    actor: RwSignal<String>,
    event_type: RwSignal<String>,
    resource: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Filters {
    const KEYS: [&str; 5] = ["actor", "type", "resource", "from", "to"];

    fn from_query() -> Self {
        let read = |key| RwSignal::new(query_value(key).unwrap_or_default());
        let [actor, event_type, resource, from, to] = Self::KEYS.map(read);
        Self { actor, event_type, resource, from, to }
    }

    fn signals(self) -> [RwSignal<String>; 5] {
        [self.actor, self.event_type, self.resource, self.from, self.to]
    }

    fn keep_in_query(self) {
        Effect::new(move |_| {
            let values = self.signals().map(|signal| Some(signal.get()).filter(|v| !v.is_empty()));
            let updates: Vec<_> = Self::KEYS.into_iter().zip(values).collect();
            replace_query(&updates);
        });
    }

    fn matcher(self) -> impl Fn(&EventRow) -> bool {
        let [actor, event_type, resource, from, to] = self.signals().map(|signal| signal.get());
        let resource = resource.trim().to_lowercase();
        let dated = !from.is_empty() || !to.is_empty();
        let in_days =
            move |day: String| (from.is_empty() || day >= from) && (to.is_empty() || day <= to);
        move |row| {
            let by_actor = match actor.as_str() {
                "" => true,
                WORLD => row.actor_sid.is_none(),
                sid => row.actor_sid.as_deref() == Some(sid),
            };
            by_actor
                && (event_type.is_empty() || row.event_type == event_type)
                && (resource.is_empty() || row.resource.to_lowercase().contains(&resource))
                && (!dated || in_days(row.date.date()))
        }
    }
}

/// The audit log: every event, newest first, filterable, exported as CSV or as Monitor Events.
#[component]
pub fn Audit() -> impl IntoView {
    let store = use_store();
    let all = Memo::new(move |_| {
        // Events name their actors by the users' current names.
        store.read(Part::Audit | Part::Users, |ws| {
            let mut actors = HashMap::new();
            let mut rows: Vec<Row> = (ws.audit().iter().enumerate().rev())
                .map(|(position, event)| Arc::new(EventRow::new(ws, position, event, &mut actors)))
                .collect();
            // Stable: events of the same instant stay newest first.
            rows.sort_by_key(|row| Reverse(row.date));
            rows
        })
    });
    let filters = Filters::from_query();
    filters.keep_in_query();
    let shown = Memo::new(move |_| {
        let matches = filters.matcher();
        all.with(|rows| rows.iter().filter(|row| matches(row)).cloned().collect::<Vec<_>>())
    });
    let export_problem = RwSignal::new(None::<String>);
    let export_json = move |_| {
        let text = store.workspace.with_untracked(|ws| {
            shown.with_untracked(|rows| monitor_events(ws, rows.iter().map(|row| row.position)))
        });
        export_problem.set(download("audit-events.json", "application/json", &text).err());
    };
    view! {
        <PageHeader title="Audit log" />
        <p class="lede">
            "Every event of the workspace, newest first, shaped like Twilio's Monitor Events. Refused actions are listed too, with the rule that refused them."
        </p>
        <AuditFilters filters all />
        <div class="page-actions">
            <button type="button" class="button button-small" on:click=export_json>"Export JSON"</button>
            <span class="help">"The filtered events as Monitor Events."</span>
        </div>
        {move || export_problem.get().map(|why| view! { <p class="alert alert-error" role="alert">{why}</p> })}
        <EventList rows=shown />
    }
}

#[component]
fn AuditFilters(filters: Filters, all: Memo<Vec<Row>>) -> impl IntoView {
    let actors = Memo::new(move |_| {
        all.with(|rows| {
            let named: BTreeMap<&str, &str> = rows
                .iter()
                .filter_map(|row| Some((row.actor_sid.as_deref()?, &*row.actor)))
                .collect();
            let mut actors: Vec<(String, String)> =
                named.into_iter().map(|(sid, name)| (sid.to_owned(), name.to_owned())).collect();
            actors.sort_by(|a, b| a.1.cmp(&b.1));
            actors
        })
    });
    let types = Memo::new(move |_| {
        all.with(|rows| {
            let types: BTreeSet<&str> = rows.iter().map(|row| row.event_type.as_str()).collect();
            types.into_iter().map(str::to_owned).collect::<Vec<_>>()
        })
    });
    let option = move |value: String, label: String, chosen: RwSignal<String>| {
        let selected = chosen.get_untracked() == value;
        view! { <option value=value selected=selected>{label}</option> }
    };
    let on_input =
        |signal: RwSignal<String>| move |ev: leptos::ev::Event| signal.set(event_target_value(&ev));
    view! {
        <form class="filter-bar audit-filters" aria-label="Audit log filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="audit-actor">"Actor"</label>
                <select id="audit-actor" on:change=on_input(filters.actor)>
                    <option value="">"All actors"</option>
                    {option(WORLD.to_owned(), OUTSIDE.to_owned(), filters.actor)}
                    {move || actors.get().into_iter().map(|(sid, name)| option(sid, name, filters.actor)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-type">"Event type"</label>
                <select id="audit-type" on:change=on_input(filters.event_type)>
                    <option value="">"All event types"</option>
                    {move || types.get().into_iter().map(|t| option(t.clone(), t, filters.event_type)).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-resource">"Resource"</label>
                <input id="audit-resource" type="search" placeholder="SID or type" prop:value=filters.resource on:input=on_input(filters.resource) />
            </div>
            <div class="field">
                <label for="audit-from">"From"</label>
                <input id="audit-from" type="date" prop:value=filters.from on:input=on_input(filters.from) />
            </div>
            <div class="field">
                <label for="audit-to">"To"</label>
                <input id="audit-to" type="date" prop:value=filters.to on:input=on_input(filters.to) />
            </div>
        </form>
    }
}

#[component]
fn EventList(rows: Memo<Vec<Row>>) -> impl IntoView {
    let naming = Naming {
        label: "Audit events",
        one: "event",
        many: "events",
        empty: "No events yet. Every action taken in the console, and every refusal, is listed here.",
    };
    let columns = vec![
        Column::shown(
            "Event",
            |row: &Row| row.description.clone(),
            |row| view! { <EventDetails row=row.clone() /> }.into_any(),
        ),
        Column::shown(
            "Event type",
            |row| row.event_type.clone(),
            |row| {
                let badge = row
                    .refused()
                    .then(|| view! { <span class="badge badge-refusal">"Refused"</span> " " });
                view! { {badge} <code>{row.event_type.clone()}</code> }.into_any()
            },
        ),
        Column::text("Actor", |row| row.actor.to_string()),
        Column::text("Resource", |row| row.resource.clone()),
        Column::text("Date", |row| row.date.to_string()),
        Column::shown(
            "Rules",
            |row| row.rules.iter().map(|rule| rule.id).collect::<Vec<_>>().join(" "),
            |row| {
                let lead = if row.refused() { "Refused by" } else { "Shaped by" };
                view! { <RuleLinks rules=row.rules.clone() lead /> }.into_any()
            },
        ),
    ];
    view! { <ListView naming rows columns key=|row: &Row| row.sid.to_string() /> }
}

/// An event's description, opening to its SID and every changed field, previous → updated.
#[component]
fn EventDetails(row: Row) -> impl IntoView {
    // What an event changed is drawn when it is first opened: a page of 50 events drew 50 tables
    // of changes that are seldom opened, for every filter keystroke and page. Its SID is drawn
    // at once, so that the browser's find-in-page finds an event by its SID.
    let opened = RwSignal::new(false);
    let (description, position) = (row.description.clone(), row.position);
    view! {
        <details class="event" on:toggle=move |_| if !opened.get_untracked() { opened.set(true) }>
            <summary>
                <Ticked text=description />
            </summary>
            <p class="event-sid">"Event SID " <code>{row.sid.to_string()}</code></p>
            {move || opened.get().then(|| view! { <EventChanges position /> })}
        </details>
    }
}

/// Every field an opened event changed.
#[component]
fn EventChanges(position: usize) -> impl IntoView {
    let store = use_store();
    let changes: Vec<(String, String, String)> = store.workspace.with_untracked(|ws| {
        ws.audit().get(position).map_or_else(Vec::new, |event| {
            let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
            (event.event_data.iter())
                .map(|(field, change)| {
                    (field.clone(), value(&change.previous), value(&change.updated))
                })
                .collect()
        })
    });
    if changes.is_empty() {
        view! { <p class="help">"No field changed."</p> }.into_any()
    } else {
        view! {
            <table class="table event-data" aria-label="Event data">
                <thead>
                    <tr><th scope="col">"Field"</th><th scope="col">"Previous"</th><th scope="col">"Updated"</th></tr>
                </thead>
                <tbody>
                    {changes.into_iter().map(|(field, previous, updated)| view! {
                        <tr><th scope="row"><code>{field}</code></th><td>{previous}</td><td>{updated}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

/// The events at `positions` as a page of Twilio's Monitor Events (`GET /v1/Events`).
fn monitor_events(ws: &Workspace, positions: impl Iterator<Item = usize>) -> String {
    let events: Vec<_> = positions
        .filter_map(|position| ws.audit().get(position))
        .map(|event| {
            json!({
                "sid": event.sid.to_string(),
                "actor_sid": event.actor_sid.as_ref().map(ToString::to_string),
                "actor_type": event.actor_sid.as_ref().map(|sid| match sid {
                    ActorSid::User(_) => "user",
                    ActorSid::App(_) => "oauth_app",
                }),
                "description": event.description,
                "event_data": event.event_data,
                "event_date": event.event_date.to_string(),
                "event_type": event.event_type,
                "resource_sid": event.resource_sid,
                "resource_type": event.resource_type,
            })
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "events": events })).unwrap_or_default()
}
