//! SCIM provisioning (twilio-facts §1.7): the OAuth app an identity provider calls through, the
//! endpoint's address, and a console that sends the endpoint requests as Okta or Entra ID would.

use crate::components::action::{ActionButton, Variant, unique_id};
use crate::components::badge::{Badge, Tone};
use crate::components::copy_value::CopyValue;
use crate::components::denial::DenialAlert;
use crate::components::page_header::PageHeader;
use crate::components::rule_links::RuleLinks;
use crate::components::ticked::Ticked;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::model::{OauthApp, OrgRole, User};
use org_rules::scim::endpoint::{Request, Response};
use org_rules::scim::{SCIM_APP_REQUIRED, calling_app};
use org_rules::sid::{OauthAppSid, OrgSid};
use org_rules::{Actor, Command, Rule, Workspace};
use serde_json::json;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

const BASE_URL: &str = "https://iam.twilio.com/scim/v2";
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/// The simulator does not issue tokens: any bearer token stands for the organization's app.
const AUTHORIZATION: &str = "Bearer simulated-access-token";
const SCIM_JSON: &str = "application/scim+json";

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

#[component]
pub fn Scim() -> impl IntoView {
    let store = use_store();
    move || store.organization.get().map(|organization| view! { <ScimScreen organization /> })
}

/// The screen for one organization, drawn again when the switcher changes it.
#[component]
fn ScimScreen(organization: OrgSid) -> impl IntoView {
    let store = use_store();
    let app = {
        let organization = organization.clone();
        Memo::new(move |_| {
            store.workspace.with(|ws| {
                ws.oauth_apps_of(&organization).max_by_key(|app| app.date_created).cloned()
            })
        })
    };
    // Why the identity provider cannot call through the app, such as its authorizer having
    // been deactivated; the endpoint then answers 401.
    let stopped = Memo::new(move |_| {
        let app = app.get()?;
        store.workspace.with(|ws| calling_app(ws, &Actor::App(app.sid)).err())
    });
    let badge = move || {
        let (tone, label) = match (app.with(Option::is_some), stopped.with(Option::is_some)) {
            (false, _) => (Tone::Neutral, "No OAuth app"),
            (true, true) => (Tone::Warning, "Provisioning stopped"),
            (true, false) => (Tone::Success, "Ready"),
        };
        view! { <Badge tone label /> }
    };
    view! {
        <PageHeader title="SCIM provisioning">{badge}</PageHeader>
        <p class="lede">
            "Your identity provider (Okta, Microsoft Entra ID) creates, updates and deactivates managed users through Twilio's SCIM 2.0 API. Every request is checked by the same rules as the console, and the users it creates are marked on the Users screens."
        </p>
        <OauthAppSection organization=organization.clone() app stopped />
        <Endpoint />
        <RequestConsole organization app />
    }
}

/// The OAuth app: how to create it, its client ID, its secret shown once, and who authorized it.
#[component]
fn OauthAppSection(
    organization: OrgSid,
    app: Memo<Option<OauthApp>>,
    stopped: Memo<Option<org_rules::Denial>>,
) -> impl IntoView {
    // Only this page's visit holds the secret: leaving it forgets it, as Twilio shows it once.
    let secret = RwSignal::new(None::<(OauthAppSid, String)>);
    let created = Callback::new(move |outcome: org_rules::Outcome| {
        if let Some(sid) = outcome.created.and_then(|sid| sid.parse().ok()) {
            secret.set(Some((sid, client_secret())));
        }
    });
    let create = move || Command::CreateScimApp { organization: organization.clone() };
    view! {
        <section class="card" aria-labelledby="oauth-app-heading">
            <h2 id="oauth-app-heading">"OAuth app"</h2>
            {move || match app.get() {
                None => view! {
                    <p>
                        "The identity provider calls the SCIM API with an OAuth app of this organization, an authorization-code app with every "
                        <code>"managed-users"</code>
                        " scope (Admin > Applications > OAuth apps). SCIM acts on the app's organization, and only on email addresses in its verified domains."
                    </p>
                    <div class="actions">
                        <ActionButton label="Create OAuth app" variant=Variant::Primary command=create.clone() on_done=created />
                    </div>
                }
                .into_any(),
                Some(app) => view! { <AppDetails app secret stopped /> }.into_any(),
            }}
            <p class="help">
                "Twilio advises authorizing the app with a dedicated service user: the identity provider's tokens act for the user who authorized it, so deactivating or removing that user stops provisioning."
            </p>
        </section>
    }
}

#[component]
fn AppDetails(
    app: OauthApp,
    secret: RwSignal<Option<(OauthAppSid, String)>>,
    stopped: Memo<Option<org_rules::Denial>>,
) -> impl IntoView {
    let store = use_store();
    let authorizer = store.workspace.with_untracked(|ws| {
        ws.user(&app.created_by).map_or_else(
            || app.created_by.to_string(),
            |user| format!("{} ({})", user.friendly_name, user.email),
        )
    });
    let sid = app.sid.clone();
    let once = move || {
        let shown = secret.get().filter(|(app, _)| *app == sid).map(|(_, secret)| secret);
        match shown {
            Some(secret) => view! {
                <div class="alert alert-warning scim-secret" role="status">
                    <p class="alert-title">
                        <strong>"Copy the client secret now: it is shown once."</strong>
                    </p>
                    <p>"Enter it with the client ID in your identity provider. Once you leave this page, it cannot be shown again."</p>
                    <dl class="sp-values">
                        <CopyValue label="Client secret" value=secret />
                    </dl>
                </div>
            }
            .into_any(),
            None => view! {
                <dl class="sp-values">
                    <dt>"Client secret"</dt>
                    <dd>"Shown once, when the app was created."</dd>
                </dl>
            }
            .into_any(),
        }
    };
    view! {
        <dl class="sp-values">
            <CopyValue label="Client ID" value=app.sid.to_string() />
            <dt>"Authorized by"</dt>
            <dd>{authorizer} ", on " {app.date_created.date()}</dd>
            <dt>"Token endpoint"</dt>
            <dd><code>"POST https://oauth.twilio.com/v2/token"</code></dd>
        </dl>
        {once}
        {move || {
            stopped.get().map(|denial| {
                view! { <DenialAlert denial lead="The identity provider cannot provision users: SCIM answers 401." /> }
            })
        }}
    }
}

/// A client secret of 32 letters and digits, from the browser's random source; never stored.
fn client_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // Bytes at or above 248 (4 × 62) are skipped, so that every character is as likely.
    random_bytes(64)
        .into_iter()
        .filter(|&byte| byte < 248)
        .take(32)
        .map(|byte| char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]))
        .collect()
}

/// `n` bytes from `crypto.getRandomValues`, which every browser the console runs in has.
fn random_bytes(n: u32) -> Vec<u8> {
    let bytes = js_sys::Uint8Array::new_with_length(n);
    let global = js_sys::global();
    let filled = js_sys::Reflect::get(&global, &"crypto".into()).and_then(|crypto| {
        let fill: js_sys::Function =
            js_sys::Reflect::get(&crypto, &"getRandomValues".into())?.dyn_into()?;
        fill.call1(&crypto, &bytes)
    });
    match filled {
        Ok(_) => bytes.to_vec(),
        // Not a secret worth the name, but the simulator stores and checks none.
        Err(_) => (0..n).map(|_| (js_sys::Math::random() * 256.0) as u8).collect(),
    }
}

#[component]
fn Endpoint() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="endpoint-heading">
            <h2 id="endpoint-heading">"Endpoint"</h2>
            <p class="help">"Enter the base URL in your identity provider's SCIM connector; Okta's unique identifier field is userName."</p>
            <dl class="sp-values">
                <CopyValue label="SCIM base URL" value=BASE_URL.to_owned() />
                <dt>"Users endpoint"</dt>
                <dd><code>{format!("{BASE_URL}/Users")}</code></dd>
            </dl>
        </section>
    }
}

/// What the request console's fields hold.
#[derive(Clone, Copy)]
struct Form {
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

    fn fill(&self, request: &Request) {
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
fn headers(extra: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut headers = BTreeMap::from([
        ("Authorization".to_owned(), AUTHORIZATION.to_owned()),
        ("Content-Type".to_owned(), SCIM_JSON.to_owned()),
    ]);
    headers.extend(extra.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())));
    headers
}

/// The console's request form, its examples, the last response and the history.
#[component]
fn RequestConsole(organization: OrgSid, app: Memo<Option<OauthApp>>) -> impl IntoView {
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

/// The ready-made requests, built from the organization's own domain and members.
#[component]
fn Examples(organization: OrgSid, form: Form, problem: RwSignal<Option<String>>) -> impl IntoView {
    let store = use_store();
    let heading = unique_id("examples");
    let buttons = EXAMPLES
        .iter()
        .map(|example| {
            let organization = organization.clone();
            let about = unique_id("example");
            let pick = move |_| {
                let request = store.workspace.with_untracked(|ws| {
                    (example.request)(&Sample::of(ws, &organization))
                });
                problem.set(None);
                form.fill(&request);
            };
            view! {
                <li>
                    <button type="button" class="button button-small" aria-describedby=about.clone() on:click=pick>
                        {example.label}
                    </button>
                    " "
                    <span id=about class="help">{example.about}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 id=heading.clone()>"Examples"</h3>
        <ul class="scim-examples" aria-labelledby=heading>{buttons}</ul>
    }
}

/// A ready-made request, and what it shows.
struct Example {
    label: &'static str,
    about: &'static str,
    request: fn(&Sample) -> Request,
}

const EXAMPLES: [Example; 6] = [
    Example {
        label: "Create a user as Okta sends it",
        about: "POST with Okta's attributes: name, work email, locale and Okta's user id as externalId.",
        request: okta_create,
    },
    Example {
        label: "Create a user as Entra ID sends it",
        about: "POST with a capitalised userName, Entra's GUID as externalId, the enterprise extension and \"active\": true.",
        request: entra_create,
    },
    Example {
        label: "Find a user by userName",
        about: "GET with one of the two filters Twilio supports.",
        request: find_by_user_name,
    },
    Example {
        label: "Deactivate by PATCH",
        about: "Entra ID's deprovisioning: replace active with the string \"False\".",
        request: deactivate,
    },
    Example {
        label: "A filter Twilio does not support",
        about: "Twilio filters on userName eq and externalId eq only.",
        request: unsupported_filter,
    },
    Example {
        label: "A duplicate userName",
        about: "POST of an address a member already has.",
        request: duplicate,
    },
];

/// What the examples are made of: the organization's verified domain and members.
struct Sample {
    domain: String,
    /// Whom to deactivate: an active member SCIM created if there is one, never the Owner
    /// unless nobody else is left.
    target: String,
    /// A member's email address, for the duplicate.
    taken: String,
}

impl Sample {
    fn of(ws: &Workspace, organization: &OrgSid) -> Self {
        let mut domains: Vec<(bool, &str)> =
            ws.domains_of(organization).map(|d| (!d.is_verified(), d.name.as_str())).collect();
        domains.sort();
        let domain = domains.first().map_or("example.com", |(_, name)| name).to_owned();
        let authorizers: Vec<_> =
            ws.oauth_apps_of(organization).map(|app| app.created_by.clone()).collect();
        let mut members: Vec<&User> = ws.members(organization).collect();
        // SCIM cannot change the Owner, and deactivating whoever authorized the app would stop
        // provisioning: those come last, as does anyone already deactivated.
        members.sort_by_key(|u| {
            (
                u.role_in(organization) == Some(OrgRole::Owner),
                authorizers.contains(&u.sid),
                !u.active,
                !u.provisioned_by_scim(),
                u.email.clone(),
            )
        });
        let target = members.first().map_or_else(|| "US".to_owned(), |u| u.sid.to_string());
        let in_domain = members.iter().find(|u| u.email_domain() == domain).or(members.first());
        let taken = in_domain.map_or_else(|| format!("someone@{domain}"), |u| u.email.clone());
        Self { domain, target, taken }
    }
}

fn post(body: serde_json::Value, extra: &[(&str, &str)]) -> Request {
    Request {
        method: "POST".to_owned(),
        path: "/scim/v2/Users".to_owned(),
        headers: headers(extra),
        body: Some(pretty(&body)),
    }
}

fn get(path: String) -> Request {
    Request { method: "GET".to_owned(), path, headers: headers(&[]), body: None }
}

fn okta_user(email: &str) -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": email,
        "name": { "givenName": "Jordan", "familyName": "Lee" },
        "emails": [{ "primary": true, "value": email, "type": "work" }],
        "displayName": "Jordan Lee",
        "locale": "en-US",
        "externalId": "00u5j2kq8wTbRr0Ly697",
        "groups": [],
        "active": true
    })
}

fn okta_create(sample: &Sample) -> Request {
    let email = format!("jordan.lee@{}", sample.domain);
    post(okta_user(&email), &[("Accept", SCIM_JSON)])
}

fn entra_create(sample: &Sample) -> Request {
    let email = format!("Riley.Chen@{}", sample.domain);
    let body = json!({
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        ],
        "externalId": "6f1c2b7e-3d4a-4c8e-9b1f-2a7d5e8c0b94",
        "userName": email,
        "active": true,
        "displayName": "Riley Chen",
        "emails": [{ "primary": true, "type": "work", "value": email }],
        "meta": { "resourceType": "User" },
        "name": { "formatted": "Riley Chen", "familyName": "Chen", "givenName": "Riley" },
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "department": "Engineering",
            "employeeNumber": "1042"
        }
    });
    post(body, &[])
}

fn find_by_user_name(sample: &Sample) -> Request {
    get(format!("/scim/v2/Users?filter=userName eq \"{}\"", sample.taken))
}

fn deactivate(sample: &Sample) -> Request {
    let body = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "Replace", "path": "active", "value": "False" }]
    });
    Request {
        method: "PATCH".to_owned(),
        path: format!("/scim/v2/Users/{}", sample.target),
        headers: headers(&[]),
        body: Some(pretty(&body)),
    }
}

fn unsupported_filter(_: &Sample) -> Request {
    get("/scim/v2/Users?filter=displayName co \"a\"".to_owned())
}

fn duplicate(sample: &Sample) -> Request {
    post(okta_user(&sample.taken), &[])
}

fn pretty(value: &serde_json::Value) -> String {
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
