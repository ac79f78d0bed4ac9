//! Random requests to the SCIM endpoint, from the demo with an OAuth app for Owl Corp: methods
//! real and made up, paths to real users and to nothing, with and without a token and a content
//! type, bodies that are near-valid users, PATCH operations, filters, or any JSON or text.
//!
//! Every response is well formed: a status HTTP has; an error carries SCIM's error body; a
//! success is a User resource or a ListResponse; a body comes with a Content-Type and only then.
//! An error response changes nothing but, at most, one `command.denied` audit note; a request
//! that became no command changes nothing at all; SCIM's audit events name the app as their
//! actor; and after a success every invariant holds.
//!
//! The default run has 256 cases of up to 8 requests; `PROPTEST_CASES` asks for more.

mod support;

use org_rules::demo::demo_workspace;
use org_rules::model::ActorSid;
use org_rules::scim::endpoint::{Exchange, Request, handle};
use org_rules::sid::OauthAppSid;
use org_rules::workspace::State;
use org_rules::{Actor, Command, Workspace, apply, check_invariants};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use support::changed_beyond_denial_note;

const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// RFC 7644 §3.12's scimType values.
const SCIM_TYPES: &[&str] = &[
    "invalidFilter",
    "tooMany",
    "uniqueness",
    "mutability",
    "invalidSyntax",
    "invalidPath",
    "noTarget",
    "invalidValue",
    "invalidVers",
    "sensitive",
];

const METHODS: &[&str] =
    &["GET", "POST", "PUT", "PATCH", "DELETE", "get", "Patch", "HEAD", "OPTIONS", "BREW", ""];
/// `{{self}}` stands for the email of the user the request targets, or one no user has.
const EMAILS: &[&str] = &[
    "{{self}}",
    "{{self}}",
    "new.one@owlcorp.com",
    "new.two@owlcorp.com",
    "NEW.ONE@OWLCORP.COM",
    "sam@owlcorp.com",
    "olivia@owlcorp.com",
    "lena@owlcorp.com",
    "kim@owlcorp.dev",
    "someone@gmail.com",
    "not-an-email",
    "",
];
const USER_KEYS: &[&str] = &[
    "schemas",
    "userName",
    "emails",
    "externalId",
    "displayName",
    "name",
    "active",
    "locale",
    "timezone",
    "id",
    "meta",
    "password",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
];
const PATCH_PATHS: &[&str] = &[
    "userName",
    "externalId",
    "displayName",
    "name",
    "name.givenName",
    "name.familyName",
    "emails",
    "emails[type eq \"work\"]",
    "emails[type eq \"work\"].value",
    "emails[primary eq true].primary",
    "emails[value eq \"new.one@owlcorp.com\"].type",
    "active",
    "Active",
    "locale",
    "timezone",
    "urn:ietf:params:scim:schemas:core:2.0:User:displayName",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    "title",
    "emails[type eq \"work\"",
    "name..givenName",
    "emails[type eq \"work\"]]",
    "",
];
const FILTER_ATTRIBUTES: &[&str] =
    &["userName", "USERNAME", "externalId", "displayName", "emails.value", "1a", ""];
const FILTER_OPERATORS: &[&str] = &["eq", "EQ", "ne", "co", "sw", "pr", "gt", ""];
const FILTER_VALUES: &[&str] = &[
    "\"sam@owlcorp.com\"",
    "\"SAM@owlcorp.com\"",
    "\"ext-7\"",
    "\"' OR 1=1 --\"",
    "\"x\\\" or \\\"1\\\"=\\\"1\"",
    "sam@owlcorp.com",
    "\"unterminated",
    "true",
    "",
];
const FILTER_TAILS: &[&str] =
    &["", "", " or userName pr", " and externalId eq \"ext-7\"", "; DROP TABLE users", ")", "  "];
const PAGING: &[&str] = &["1", "0", "-2", "2", "100", "x", "1.5", ""];

/// A request as raw choices; the users it names are picked when it runs, so that it can name
/// users created by the requests before it.
#[derive(Clone, Debug)]
struct Raw {
    method: String,
    full_url: bool,
    target: Target,
    authorization: Option<String>,
    content_type: Option<String>,
    if_match: Option<String>,
    body: Option<String>,
}

#[derive(Clone, Debug)]
enum Target {
    Users { query: String },
    User { pick: u8, junk: Option<String> },
    Elsewhere(String),
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6..1e6f64).prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        select(EMAILS).prop_map(|e| json!(e)),
        select(&["True", "false", "FALSE", "work", "home"][..]).prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        select(USER_KEYS).prop_map(str::to_owned),
        select(&["value", "type", "primary", "Primary", "givenName", "familyName", "op"][..])
            .prop_map(str::to_owned),
        "[a-zA-Z]{1,8}",
    ]
}

fn email_entry() -> impl Strategy<Value = Value> {
    (select(EMAILS), prop::option::of(select(&["work", "home", ""][..])), any::<Option<bool>>())
        .prop_map(|(value, kind, primary)| {
            let mut entry = Map::new();
            entry.insert("value".into(), json!(value));
            if let Some(kind) = kind {
                entry.insert("type".into(), json!(kind));
            }
            if let Some(primary) = primary {
                entry.insert("primary".into(), json!(primary));
            }
            Value::Object(entry)
        })
}

/// What a near-valid user has done to it.
#[derive(Clone, Debug)]
enum Mutation {
    Remove(&'static str),
    Set(&'static str, Value),
    Uppercase(&'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        select(USER_KEYS).prop_map(Mutation::Remove),
        (select(USER_KEYS), json_value()).prop_map(|(k, v)| Mutation::Set(k, v)),
        select(USER_KEYS).prop_map(Mutation::Uppercase),
    ]
}

/// A user much like an identity provider sends, with a few random mutations.
fn near_valid_user() -> impl Strategy<Value = Value> {
    (
        select(EMAILS),
        prop_oneof![Just(Vec::new()), prop::collection::vec(email_entry(), 1..3)],
        prop::option::of(select(&["ext-7", "ext-8", "x", "00u5fa9kQbZ2xR7hd1p8"][..])),
        any::<Option<bool>>(),
        prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(mutation(), 1..3)],
    )
        .prop_map(|(user_name, mut emails, external_id, active, mutations)| {
            if emails.is_empty() {
                emails.push(json!({"value": user_name, "type": "work", "primary": true}));
            }
            let mut user = json!({
                "schemas": [USER_SCHEMA],
                "userName": user_name,
                "emails": emails,
                "name": {"givenName": "Ana", "familyName": "Lind"},
                "displayName": "Ana Lind",
            });
            let map = user.as_object_mut().unwrap();
            if let Some(id) = external_id {
                map.insert("externalId".into(), json!(id));
            }
            if let Some(active) = active {
                map.insert("active".into(), json!(active));
            }
            for mutation in mutations {
                match mutation {
                    Mutation::Remove(key) => {
                        map.remove(key);
                    }
                    Mutation::Set(key, value) => {
                        map.insert(key.into(), value);
                    }
                    Mutation::Uppercase(key) => {
                        if let Some(value) = map.remove(key) {
                            map.insert(key.to_uppercase(), value);
                        }
                    }
                }
            }
            user
        })
}

/// An operation an identity provider could send: a known path with a value of its type.
fn sensible_operation() -> impl Strategy<Value = Value> {
    const TEXT_PATHS: &[&str] = &[
        "displayName",
        "name.givenName",
        "name.familyName",
        "locale",
        "timezone",
        "externalId",
        "title",
    ];
    const TEXTS: &[&str] = &["Ana", "ext-7", "x", "en-US", ""];
    let change = prop_oneof![
        any::<bool>().prop_map(|a| (Some("active"), json!(a))),
        select(&["False", "true"][..]).prop_map(|a| (Some("active"), json!(a))),
        (select(TEXT_PATHS), select(TEXTS)).prop_map(|(p, v)| (Some(p), json!(v))),
        select(EMAILS).prop_map(|e| (Some("userName"), json!(e))),
        select(EMAILS).prop_map(|e| (Some("emails[type eq \"work\"].value"), json!(e))),
        email_entry().prop_map(|e| (Some("emails"), e)),
        any::<bool>().prop_map(|a| (None, json!({"active": a, "displayName": "Ana"}))),
    ];
    (select(&["add", "replace", "Replace", "remove"][..]), change).prop_map(
        |(op, (path, value))| match (op, path) {
            ("remove", path) => json!({"op": op, "path": path}),
            (_, Some(path)) => json!({"op": op, "path": path, "value": value}),
            (_, None) => json!({"op": op, "value": value}),
        },
    )
}

/// An operation with any op, any path and any value.
fn any_operation() -> impl Strategy<Value = Value> {
    let value = prop_oneof![json_value(), email_entry(), select(EMAILS).prop_map(|e| json!(e))];
    (
        select(&["add", "remove", "replace", "ADD", "move", ""][..]),
        prop::option::of(prop_oneof![select(PATCH_PATHS).prop_map(str::to_owned), "\\PC{0,12}"]),
        prop::option::of(value),
    )
        .prop_map(|(op, path, value)| {
            let mut operation = json!({"op": op});
            if let Some(path) = path {
                operation["path"] = json!(path);
            }
            if let Some(value) = value {
                operation["value"] = value;
            }
            operation
        })
}

fn patch_body() -> impl Strategy<Value = Value> {
    let operation = prop_oneof![3 => sensible_operation(), 1 => any_operation()];
    (
        prop_oneof![9 => Just(PATCH_SCHEMA), 1 => select(&[USER_SCHEMA, "urn:x:y"][..])],
        prop_oneof![1 => Just(Vec::new()), 9 => prop::collection::vec(operation, 1..4)],
        prop_oneof![8 => Just("Operations"), 1 => Just("operations"), 1 => Just("Ops")],
    )
        .prop_map(|(schema, operations, key)| json!({"schemas": [schema], key: operations}))
}

fn body() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        4 => near_valid_user().prop_map(|v| Some(v.to_string())),
        3 => patch_body().prop_map(|v| Some(v.to_string())),
        1 => json_value().prop_map(|v| Some(v.to_string())),
        1 => select(&["", "{", "{\"userName\": ", "null", "[]", "not json"][..])
            .prop_map(|s| Some(s.to_owned())),
        1 => "\\PC{0,40}".prop_map(Some),
    ]
}

/// Percent-encodes all but unreserved characters, as a client would.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn filter() -> impl Strategy<Value = String> {
    (
        select(FILTER_ATTRIBUTES),
        select(FILTER_OPERATORS),
        select(FILTER_VALUES),
        select(FILTER_TAILS),
        0..3u8,
    )
        .prop_map(|(attribute, operator, value, tail, encoding)| {
            let text = format!("{attribute} {operator} {value}{tail}");
            match encoding {
                0 => percent_encoded(&text),
                1 => percent_encoded(&text).replace("%20", "+"),
                _ => text,
            }
        })
}

fn query() -> impl Strategy<Value = String> {
    (prop::option::of(filter()), prop::option::of(select(PAGING)), prop::option::of(select(PAGING)))
        .prop_map(|(filter, start, count)| {
            let parts: Vec<String> = [
                filter.map(|f| format!("filter={f}")),
                start.map(|s| format!("startIndex={s}")),
                count.map(|c| format!("count={c}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
        })
}

fn target() -> impl Strategy<Value = Target> {
    let junk_id = prop_oneof![
        "US[0-9a-f]{32}",
        Just("not-a-sid".to_owned()),
        Just(String::new()),
        Just("../Groups".to_owned()),
        "\\PC{0,10}",
    ];
    prop_oneof![
        3 => query().prop_map(|query| Target::Users { query }),
        5 => (any::<u8>(), prop::option::weighted(0.2, junk_id))
            .prop_map(|(pick, junk)| Target::User { pick, junk }),
        1 => select(&["/scim/v2/Groups", "/scim/v2", "/", "", "/scim/v2/Users/x/y", "/Users"][..])
            .prop_map(|p| Target::Elsewhere(p.to_owned())),
        1 => "\\PC{0,20}".prop_map(Target::Elsewhere),
    ]
}

/// `Authorization`, `Content-Type` and `If-Match`, each often as a client sends it.
type Headers = (Option<String>, Option<String>, Option<String>);

fn headers() -> impl Strategy<Value = Headers> {
    let authorization = prop_oneof![
        8 => Just(Some("Bearer token-7f3a".to_owned())),
        1 => Just(Some("bearer t".to_owned())),
        1 => select(&["Basic YTpi", "Bearer ", "Bearer", "token"][..]).prop_map(|s| Some(s.to_owned())),
        1 => Just(None),
    ];
    let content_type = prop_oneof![
        6 => Just(Some("application/scim+json".to_owned())),
        2 => Just(Some("application/json; charset=utf-8".to_owned())),
        1 => select(&["text/plain", "APPLICATION/JSON", "application/xml", ""][..])
            .prop_map(|s| Some(s.to_owned())),
        1 => Just(None),
    ];
    let if_match = prop::option::weighted(
        0.2,
        select(&["W/\"1\"", "W/\"2\"", "W/2", "\"3\"", "1", "*", "junk"][..])
            .prop_map(str::to_owned),
    );
    (authorization, content_type, if_match)
}

/// A request whose method, path and body go together, as an identity provider's do.
fn coherent() -> impl Strategy<Value = Raw> {
    (0..6u8, any::<u8>(), query(), near_valid_user(), patch_body(), headers(), any::<bool>())
        .prop_map(
            |(
                kind,
                pick,
                query,
                user,
                patch,
                (authorization, content_type, if_match),
                full_url,
            )| {
                let user_target = Target::User { pick, junk: None };
                let (method, target, body) = match kind {
                    0 => ("GET", Target::Users { query }, None),
                    1 => ("POST", Target::Users { query: String::new() }, Some(user.to_string())),
                    2 => ("GET", user_target, None),
                    3 => ("PUT", user_target, Some(user.to_string())),
                    4 => ("PATCH", user_target, Some(patch.to_string())),
                    _ => ("DELETE", user_target, None),
                };
                Raw {
                    method: method.into(),
                    full_url,
                    target,
                    authorization,
                    content_type,
                    if_match,
                    body,
                }
            },
        )
}

/// A request whose parts are chosen independently, most of them wrong together.
fn anything() -> impl Strategy<Value = Raw> {
    let method = prop_oneof![6 => select(METHODS).prop_map(str::to_owned), 1 => "[A-Za-z]{0,7}"];
    (method, any::<bool>(), target(), headers(), body()).prop_map(
        |(method, full_url, target, (authorization, content_type, if_match), body)| Raw {
            method,
            full_url,
            target,
            authorization,
            content_type,
            if_match,
            body,
        },
    )
}

fn raw() -> impl Strategy<Value = Raw> {
    prop_oneof![3 => coherent(), 1 => anything()]
}

/// The request `raw` stands for in `ws`.
fn request(ws: &Workspace, app: &OauthAppSid, raw: &Raw) -> Request {
    // Outside a user's path, an address no user has yet, so that creations can succeed.
    let fresh = format!("fresh.{}@owlcorp.com", ws.state().users.len());
    let (path, target) = match &raw.target {
        Target::Users { query } => (format!("/scim/v2/Users{query}"), fresh.as_str()),
        Target::User { junk: Some(junk), .. } => (format!("/scim/v2/Users/{junk}"), fresh.as_str()),
        Target::User { pick, junk: None } => {
            // Mostly the app's organization's members, whom SCIM may change; else anyone.
            let organization = &ws.oauth_app(app).unwrap().organization;
            let users: Vec<_> = if pick % 4 == 0 {
                ws.state().users.values().collect()
            } else {
                ws.members(organization).collect()
            };
            let user = users[usize::from(pick / 4) % users.len()];
            (format!("/scim/v2/Users/{}", user.sid), user.email.as_str())
        }
        Target::Elsewhere(path) => (path.clone(), fresh.as_str()),
    };
    let path = if raw.full_url { format!("https://iam.twilio.com{path}") } else { path };
    let headers: BTreeMap<String, String> = [
        ("Authorization", &raw.authorization),
        ("Content-Type", &raw.content_type),
        ("If-Match", &raw.if_match),
    ]
    .into_iter()
    .filter_map(|(name, value)| Some((name.to_owned(), value.clone()?)))
    .collect();
    let body = raw.body.as_ref().map(|b| b.replace("{{self}}", target));
    Request { method: raw.method.clone(), path, headers, body }
}

fn bench() -> (Workspace, OauthAppSid) {
    let mut ws = demo_workspace();
    let corp = ws.organizations().find(|o| o.friendly_name == "Owl Corp").unwrap().sid.clone();
    let admin = Actor::User(ws.user_by_email("arjun@owlcorp.com").unwrap().sid.clone());
    let outcome = apply(&mut ws, &admin, &Command::CreateScimApp { organization: corp }).unwrap();
    let app = outcome.created.unwrap().parse().unwrap();
    (ws, app)
}

fn header<'r>(exchange: &'r Exchange, name: &str) -> Option<&'r str> {
    let headers = &exchange.response.headers;
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// What is wrong with the response's form, if anything.
fn malformed(exchange: &Exchange) -> Option<String> {
    let response = &exchange.response;
    let status = response.status;
    if !(100..=599).contains(&status) {
        return Some(format!("status {status} is not an HTTP status"));
    }
    if header(exchange, "Content-Type").is_some() != response.body.is_some() {
        return Some("a Content-Type header goes with a body, and only with one".into());
    }
    if status == 201 && header(exchange, "Location").is_none() {
        return Some("201 has no Location".into());
    }
    match (status, &response.body) {
        (204, Some(_)) => Some("204 has a body".into()),
        (200..=299, None) if status != 204 => Some(format!("{status} has no body")),
        (400.., None) => Some("an error has no body".into()),
        (400.., Some(body)) => malformed_error(status, body),
        (200..=299, Some(body)) if body["schemas"] == json!([LIST_SCHEMA]) => malformed_list(body),
        (200..=299, Some(body)) => malformed_user(body),
        _ => None,
    }
}

fn malformed_error(status: u16, body: &Value) -> Option<String> {
    if body["schemas"] != json!([ERROR_SCHEMA]) {
        return Some(format!("an error body without the Error schema: {body}"));
    }
    if body["status"] != json!(status.to_string()) {
        return Some(format!("the error body's status is not \"{status}\": {body}"));
    }
    if body["detail"].as_str().is_none_or(str::is_empty) {
        return Some(format!("an error body without a detail: {body}"));
    }
    if let Some(kind) = body.get("scimType")
        && !kind.as_str().is_some_and(|k| SCIM_TYPES.contains(&k))
    {
        return Some(format!("scimType {kind} is not one of RFC 7644's"));
    }
    if body.get("code").is_some_and(|c| !c.is_u64()) {
        return Some(format!("the error code is not a number: {body}"));
    }
    None
}

fn malformed_list(body: &Value) -> Option<String> {
    let Some(resources) = body["Resources"].as_array() else {
        return Some(format!("a ListResponse without Resources: {body}"));
    };
    match ["totalResults", "startIndex", "itemsPerPage"].map(|k| body[k].as_u64()) {
        [Some(total), Some(start), Some(items)]
            if start >= 1 && items == resources.len() as u64 && items <= total =>
        {
            resources.iter().find_map(malformed_user)
        }
        _ => Some(format!("a ListResponse with wrong counts: {body}")),
    }
}

fn malformed_user(body: &Value) -> Option<String> {
    let id_ok = body["id"].as_str().is_some_and(|id| id.len() == 34 && id.starts_with("US"));
    let schemas_ok = body["schemas"].as_array().is_some_and(|s| s.contains(&json!(USER_SCHEMA)));
    let emails_ok = body["emails"].as_array().is_some_and(|emails| {
        emails.iter().all(|e| e["value"].is_string() && e["primary"].is_boolean())
    });
    let version_ok = body["meta"]["version"].as_str().is_some_and(|v| v.starts_with("W/"));
    let ok = id_ok
        && schemas_ok
        && emails_ok
        && version_ok
        && body["userName"].is_string()
        && body["active"].is_boolean();
    (!ok).then(|| format!("not a User resource: {body}"))
}

/// What the request changed that it may not have.
fn forbidden_change(
    before: &State,
    after: &State,
    exchange: &Exchange,
    app: &OauthAppSid,
) -> Option<String> {
    let added = after.audit.get(before.audit.len()..).unwrap_or_default();
    if !after.audit.starts_with(&before.audit) {
        return Some("the audit log was rewritten".into());
    }
    let by_app = Some(ActorSid::App(app.clone()));
    if let Some(event) = added.iter().find(|event| event.actor_sid != by_app) {
        return Some(format!("an audit event not by the app: {event:?}"));
    }
    let status = exchange.response.status;
    if exchange.command.is_none() && before != after {
        return Some(format!("a request that became no command changed the workspace ({status})"));
    }
    if status < 400 {
        return None;
    }
    changed_beyond_denial_note(before, after).map(|what| format!("an error ({status}): {what}"))
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn responses_are_well_formed_and_errors_change_nothing(
        raws in prop::collection::vec(raw(), 1..=8)
    ) {
        let (mut ws, app) = bench();
        for raw in &raws {
            let request = request(&ws, &app, raw);
            let before = ws.state().clone();
            let exchange = handle(&mut ws, &app, &request);
            let shown = format!("{request:?} → {:?}", exchange.response);
            if let Some(problem) = malformed(&exchange) {
                prop_assert!(false, "{problem}\n{shown}");
            }
            if let Some(problem) = forbidden_change(&before, ws.state(), &exchange, &app) {
                prop_assert!(false, "{problem}\n{shown}");
            }
            if exchange.response.status < 400 {
                let broken = check_invariants(&ws);
                prop_assert!(broken.is_empty(), "invariants broken: {broken:?}\n{shown}");
            }
        }
    }
}
