//! The SCIM request console: a request written or picked from the examples, sent to the
//! endpoint as an identity provider would send it, its response, and the history of the tab.

use super::scim_examples::Examples;
use crate::components::rule_links::RuleLinks;
use crate::components::ticked::Ticked;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::Rule;
use org_rules::model::OauthApp;
use org_rules::scim::SCIM_APP_REQUIRED;
use org_rules::scim::endpoint::{Request, Response};
use org_rules::sid::OrgSid;
use std::collections::BTreeMap;

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/// The simulator does not issue tokens: any bearer token stands for the organization's app.
const AUTHORIZATION: &str = "Bearer simulated-access-token";
pub(super) const SCIM_JSON: &str = "application/scim+json";

/// One request sent from the console, with the response it got.
#[derive(Clone, Debug, PartialEq)]
struct Sent {
    /// 1 for the first request of the tab.
    number: usize,
    organization: OrgSid,
    /// The time of day it was sent, on the person's own clock.
    at: String,
    request: Request,
    response: Response,
    rules: Vec<&'static Rule>,
}

/// The requests sent from this tab, oldest first. They outlive the page, so that coming back
/// to it finds them, but are never stored: a reload starts a new history.
#[derive(Clone, Copy)]
pub struct ScimHistory(RwSignal<Vec<Sent>>);

impl ScimHistory {
    /// One history for the tab, above the routes, so that leaving the page keeps it.
    pub fn provide() {
        provide_context(Self(RwSignal::new(Vec::new())));
    }
}

/// What the request console's fields hold.
#[derive(Clone, Copy)]
pub(super) struct Form {
    method: RwSignal<String>,
    path: RwSignal<String>,
    headers: RwSignal<String>,
    body: RwSignal<String>,
}

impl Form {
    /// A list of every user, the first thing an identity provider asks.
    fn new() -> Self {
        Self {
            method: RwSignal::new("GET".to_owned()),
            path: RwSignal::new("/scim/v2/Users".to_owned()),
            headers: RwSignal::new(header_lines(&headers(&[]))),
            body: RwSignal::new(String::new()),
        }
    }

    pub(super) fn fill(&self, request: &Request) {
        self.method.set(request.method.to_uppercase());
        self.path.set(request.path.clone());
        self.headers.set(header_lines(&request.headers));
        self.body.set(request.body.clone().unwrap_or_default());
    }

    /// The request the fields describe, or which header line is not `Name: value`.
    fn request(&self) -> Result<Request, String> {
        let body = self.body.get_untracked();
        Ok(Request {
            method: self.method.get_untracked(),
            path: self.path.get_untracked().trim().to_owned(),
            headers: parse_headers(&self.headers.get_untracked())?,
            body: (!body.trim().is_empty()).then_some(body),
        })
    }
}

/// Headers written one `Name: value` a line; blank lines are skipped, and a header given twice
/// is joined with a comma, as HTTP does.
fn parse_headers(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut headers = BTreeMap::<String, String>::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = line.split_once(':').map(|(name, value)| (name.trim(), value.trim()));
        let Some((name, value)) = parsed.filter(|(name, _)| is_header_name(name)) else {
            return Err(format!(
                "Line {} of the headers, “{}”, is not a header: write one `Name: value` a line. Nothing was sent.",
                index + 1,
                line.trim()
            ));
        };
        let known = headers.iter_mut().find(|(known, _)| known.eq_ignore_ascii_case(name));
        match known {
            Some((_, joined)) => *joined = format!("{joined}, {value}"),
            None => {
                headers.insert(name.to_owned(), value.to_owned());
            }
        }
    }
    Ok(headers)
}

/// An HTTP field name: letters, digits and a few marks, no spaces (RFC 9110 §5.1).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

fn header_lines(headers: &BTreeMap<String, String>) -> String {
    // Authorization first, as people write it; the rest in the map's order.
    let mut lines: Vec<String> =
        headers.iter().map(|(name, value)| format!("{name}: {value}")).collect();
    lines.sort_by_key(|line| !line.starts_with("Authorization:"));
    lines.join("\n")
}

/// The console's usual headers and `extra` ones.
pub(super) fn headers(extra: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut headers = BTreeMap::from([
        ("Authorization".to_owned(), AUTHORIZATION.to_owned()),
        ("Content-Type".to_owned(), SCIM_JSON.to_owned()),
    ]);
    headers.extend(extra.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())));
    headers
}

/// The console's request form, its examples, the last response and the history.
#[component]
pub(super) fn RequestConsole(organization: OrgSid, app: Memo<Option<OauthApp>>) -> impl IntoView {
    let store = use_store();
    let form = Form::new();
    // The number of the request whose response is shown.
    let shown = RwSignal::new(None::<usize>);
    let ScimHistory(history) = expect_context::<ScimHistory>();
    let problem = RwSignal::new(None::<String>);
    let send = {
        let organization = organization.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(app) = app.get_untracked() else {
                return;
            };
            let request = match form.request() {
                Ok(request) => request,
                Err(why) => {
                    problem.set(Some(why));
                    return;
                }
            };
            problem.set(None);
            let exchange = store.scim(app.sid, request.clone());
            let number = history.with_untracked(Vec::len) + 1;
            history.update(|sent| {
                sent.push(Sent {
                    number,
                    organization: organization.clone(),
                    at: time_of_day(),
                    request,
                    response: exchange.response,
                    rules: exchange.rules,
                })
            });
            shown.set(Some(number));
            // The response is drawn below the form: bring it into view once it is there.
            request_animation_frame(|| {
                if let Some(heading) = document().get_element_by_id("scim-response-heading") {
                    heading.scroll_into_view();
                }
            });
        }
    };
    let no_app = move || app.with(Option::is_none);
    let method_options = move || {
        METHODS
            .iter()
            .map(|&method| {
                let selected = move || form.method.get() == method;
                view! { <option value=method prop:selected=selected>{method}</option> }
            })
            .collect_view()
    };
    let shown_sent = Memo::new(move |_| {
        let number = shown.get()?;
        history.with(|sent| sent.iter().find(|s| s.number == number).cloned())
    });
    view! {
        <section class="card simulator scim-console" aria-labelledby="request-console-heading">
            <h2 id="request-console-heading">"Request console"</h2>
            <p class="help">
                "Outside the console: send the SCIM API what your identity provider would. The simulator accepts any bearer token as the OAuth app's; leave out the Authorization header to see the 401."
            </p>
            <Examples organization=organization.clone() form problem />
            <form class="scim-form" on:submit=send>
                <div class="field-row">
                    <div class="field">
                        <label for="scim-method">"Method"</label>
                        <select id="scim-method" on:change:target=move |ev| form.method.set(ev.target().value())>
                            {method_options}
                        </select>
                    </div>
                    <div class="field grow">
                        <label for="scim-path">"Path"</label>
                        <input
                            id="scim-path"
                            type="text"
                            spellcheck="false"
                            aria-describedby="scim-path-help"
                            prop:value=form.path
                            on:input:target=move |ev| form.path.set(ev.target().value())
                        />
                        <p id="scim-path-help" class="help">"From " <code>"/scim/v2"</code> ", or the whole URL."</p>
                    </div>
                </div>
                <div class="field">
                    <label for="scim-headers">"Headers"</label>
                    <textarea
                        id="scim-headers"
                        rows="4"
                        spellcheck="false"
                        class="code"
                        aria-describedby="scim-headers-help"
                        prop:value=form.headers
                        on:input:target=move |ev| form.headers.set(ev.target().value())
                    ></textarea>
                    <p id="scim-headers-help" class="help">"One " <code>"Name: value"</code> " a line."</p>
                </div>
                <div class="field">
                    <label for="scim-body">"Body (JSON)"</label>
                    <textarea
                        id="scim-body"
                        rows="14"
                        spellcheck="false"
                        class="code"
                        prop:value=form.body
                        on:input:target=move |ev| form.body.set(ev.target().value())
                    ></textarea>
                </div>
                <div class="actions">
                    <span class="action">
                        <button type="submit" class="button button-primary" prop:disabled=no_app aria-describedby="scim-send-reason">
                            "Send request"
                        </button>
                        <span id="scim-send-reason" class="reason">
                            {move || no_app().then(|| view! {
                                "Create the OAuth app first: the identity provider calls SCIM through it. "
                                <RuleLinks rules=vec![&SCIM_APP_REQUIRED] lead="See" />
                            })}
                        </span>
                    </span>
                </div>
                {move || problem.get().map(|why| view! { <p class="alert alert-error" role="alert"><Ticked text=why /></p> })}
            </form>
        </section>
        <p class="visually-hidden" role="status">
            {move || shown_sent.with(|sent| sent.as_ref().map(|sent| format!("Response: {}", status_line(sent.response.status))))}
        </p>
        {move || shown_sent.get().map(|sent| view! { <ResponseView sent /> })}
        <History organization form shown />
    }
}

pub(super) fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The time of day on the person's clock, such as "14:03:27".
fn time_of_day() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", now.get_hours(), now.get_minutes(), now.get_seconds())
}

/// "201 Created": the status and its reason phrase (RFC 9110 §15).
fn status_line(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        500 => "Internal Server Error",
        _ => "",
    };
    format!("{status} {reason}").trim_end().to_owned()
}

/// A response: status, headers, body, and the rules that decided it.
#[component]
fn ResponseView(sent: Sent) -> impl IntoView {
    let Sent { number, at, request, response, rules, .. } = sent;
    let tone = if response.status < 300 { "scim-status scim-ok" } else { "scim-status scim-error" };
    let headers = response
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect::<Vec<_>>()
        .join("\n");
    let body = response.body.as_ref().map(pretty);
    let rules = (!rules.is_empty()).then(|| {
        view! {
            <h3>"Rules that decided it"</h3>
            <ul class="scim-rules">
                {rules
                    .into_iter()
                    .map(|rule| {
                        view! {
                            <li>
                                <a href=href(&format!("/rules/{}", rule.id))><code>{rule.id}</code></a>
                                " " {rule.title}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <section class="card scim-response" aria-labelledby="scim-response-heading">
            <h2 id="scim-response-heading">"Response"</h2>
            <p class="help">
                {format!("To request {number}, ")}
                <code>{format!("{} {}", request.method.to_uppercase(), request.path)}</code>
                {format!(", sent at {at}.")}
            </p>
            <p class=tone data-status=response.status.to_string()>
                <strong>{status_line(response.status)}</strong>
            </p>
            <h3>"Headers"</h3>
            <pre class="scim-headers">{headers}</pre>
            <h3>"Body"</h3>
            {match body {
                Some(body) => view! { <pre class="scim-body">{body}</pre> }.into_any(),
                None => view! { <p class="muted">"No body."</p> }.into_any(),
            }}
            {rules}
        </section>
    }
}

/// The requests sent from this tab to this organization, newest first; choosing one shows it
/// again and puts it back in the form.
#[component]
fn History(organization: OrgSid, form: Form, shown: RwSignal<Option<usize>>) -> impl IntoView {
    let ScimHistory(history) = expect_context::<ScimHistory>();
    let rows = Memo::new(move |_| {
        history.with(|sent| {
            sent.iter()
                .rev()
                .filter(|s| s.organization == organization)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="scim-history-heading">
            <h2 id="scim-history-heading">"History"</h2>
            <p class="help">"The requests sent from this tab. They are not saved: a reload clears them."</p>
            <Show
                when=move || rows.with(|rows| !rows.is_empty())
                fallback=|| view! { <p class="empty-state">"No requests sent yet."</p> }
            >
                <table class="table" aria-label="Requests sent">
                    <thead>
                        <tr>
                            <th scope="col">"Sent at"</th>
                            <th scope="col">"Method"</th>
                            <th scope="col">"Path"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col"><span class="visually-hidden">"Show"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|sent| sent.number
                            children=move |sent| {
                                let number = sent.number;
                                let label = format!("Show request {number}: {} {}", sent.request.method, sent.request.path);
                                let request = sent.request.clone();
                                let choose = move |_| {
                                    form.fill(&request);
                                    shown.set(Some(number));
                                };
                                let current = move || (shown.get() == Some(number)).then_some("true");
                                view! {
                                    <tr aria-current=current>
                                        <th scope="row">{sent.at}</th>
                                        <td>{sent.request.method.to_uppercase()}</td>
                                        <td><code>{sent.request.path}</code></td>
                                        <td>{status_line(sent.response.status)}</td>
                                        <td>
                                            <button type="button" class="button button-small" aria-label=label on:click=choose>
                                                "Show"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
