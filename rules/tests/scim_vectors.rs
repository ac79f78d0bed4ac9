//! The SCIM conformance vectors in `tests/scim_vectors/*.json`: request/response cases re-typed
//! from what public SCIM suites check (Okta's SCIM 2.0 spec tests, Microsoft's SCIM validator and
//! Entra ID's request shapes, WSO2's compliance suite, scim2-tester's PATCH cases, RFC 7644's
//! examples), as they apply to Twilio's subset.
//!
//! Each file holds one vector, or an array of a few vectors that belong together:
//!
//! - `name`, `source` (which suite or section the case comes from, in words);
//! - `app_created_by` (optional): the Owl Corp Owner or Administrator who creates the OAuth app,
//!   `arjun@owlcorp.com` unless given;
//! - `given` (optional): earlier requests, each `{"request": …, "status": N}`;
//! - `request`: `method`, `path`, `headers`, and `body` (JSON) or `raw_body` (text sent as is);
//!   `pad_body_to: N` pads `body` with an unknown attribute to exactly N bytes, so a body over the
//!   size limit needs no megabytes on disk. Every request carries `Authorization: Bearer …`, and
//!   one with a body `Content-Type: application/scim+json`, unless its `headers` give the header
//!   another value or `null` to leave it out;
//! - `expect`: `status`; `headers`, a subset (names without case); `body`, a subset (objects by
//!   key, arrays element by element and of the same length); `rules`, rule ids the exchange must
//!   name, and `not_rules`, ids it must not; `command`, the kind of command the request became,
//!   or `"none"`;
//! - `then` (optional): later requests, each `{"request": …, "expect": …}`, to see what stayed.
//!
//! Placeholders, resolved when the request is sent or the response compared: `{{user:EMAIL}}`
//! is that user's SID (users created by earlier steps too) and `{{app}}` the OAuth app's SID.
//! An expected string that is exactly `{{any}}` matches any value, `{{absent}}` a missing key or
//! header, `{{sid:US}}` a SID with that prefix, `{{timestamp}}` an ISO 8601 UTC time, and
//! `{{contains:TEXT}}` a string containing TEXT.
//!
//! Besides what a vector states, the runner checks that a request answered with an error status
//! changed nothing but, at most, one `command.denied` audit note, and that every invariant holds
//! at the end of each vector.

mod support;

use org_rules::demo::demo_workspace;
use org_rules::model::OrgRole;
use org_rules::scim::endpoint::{Exchange, Request, handle};
use org_rules::sid::OauthAppSid;
use org_rules::{Actor, Command, Workspace, apply, check_invariants};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use support::changed_beyond_denial_note;

const TOKEN: &str = "Bearer 3fa85f64-scim-vector-token";
const DEFAULT_APP_CREATOR: &str = "arjun@owlcorp.com";
const MINIMUM_VECTORS: usize = 40;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum File {
    One(Box<Vector>),
    Group(Vec<Vector>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    #[serde(default)]
    app_created_by: Option<String>,
    #[serde(default)]
    given: Vec<Given>,
    request: RawRequest,
    expect: Expect,
    #[serde(default)]
    then: Vec<Then>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Given {
    request: RawRequest,
    status: u16,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Then {
    request: RawRequest,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    method: String,
    path: String,
    #[serde(default)]
    headers: BTreeMap<String, Option<String>>,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default)]
    raw_body: Option<String>,
    #[serde(default)]
    pad_body_to: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    not_rules: Vec<String>,
    #[serde(default)]
    command: Option<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scim_vectors")
}

/// Every vector with the file it came from, in file-name order.
fn corpus() -> Vec<(String, Vector)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/scim_vectors exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let parsed: File = serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{file} is not a vector: {error}"));
            let vectors = match parsed {
                File::One(vector) => vec![*vector],
                File::Group(vectors) => vectors,
            };
            vectors.into_iter().map(move |vector| (file.clone(), vector))
        })
        .collect()
}

/// The workspace a vector runs against: the demo, with an OAuth app for Owl Corp.
struct Bench {
    ws: Workspace,
    app: OauthAppSid,
}

impl Bench {
    fn new(creator: &str) -> Result<Self, String> {
        let mut ws = demo_workspace();
        let corp = ws.organizations().find(|o| o.friendly_name == "Owl Corp").unwrap().sid.clone();
        let user = ws.user_by_email(creator).ok_or(format!("no user {creator}"))?;
        if !matches!(user.role_in(&corp), Some(OrgRole::Owner | OrgRole::Administrator)) {
            return Err(format!("{creator} is not an Owner or Administrator of Owl Corp"));
        }
        let actor = Actor::User(user.sid.clone());
        let outcome = apply(&mut ws, &actor, &Command::CreateScimApp { organization: corp })
            .map_err(|denial| format!("creating the OAuth app was refused: {denial}"))?;
        let app = outcome.created.unwrap().parse().unwrap();
        Ok(Self { ws, app })
    }

    /// `text` with its `{{user:…}}` and `{{app}}` placeholders replaced.
    fn resolve(&self, text: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").ok_or(format!("unclosed placeholder in {text}"))?;
            let placeholder = &rest[start + 2..start + end];
            if let Some(email) = placeholder.strip_prefix("user:") {
                let user = self.ws.user_by_email(email).ok_or(format!("no user {email}"))?;
                out.push_str(&user.sid.as_str());
            } else if placeholder == "app" {
                out.push_str(&self.app.as_str());
            } else {
                // A matcher such as {{any}}: left for the comparison.
                out.push_str(&rest[start..start + end + 2]);
            }
            rest = &rest[start + end + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn resolve_value(&self, value: &Value) -> Result<Value, String> {
        Ok(match value {
            Value::String(text) => Value::String(self.resolve(text)?),
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| self.resolve_value(v)).collect::<Result<_, _>>()?)
            }
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| Ok((self.resolve(k)?, self.resolve_value(v)?)))
                    .collect::<Result<Map<_, _>, String>>()?,
            ),
            other => other.clone(),
        })
    }

    fn request(&self, raw: &RawRequest) -> Result<Request, String> {
        let has_body = raw.body.is_some() || raw.raw_body.is_some();
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        headers.insert("Authorization".into(), TOKEN.into());
        if has_body {
            headers.insert("Content-Type".into(), "application/scim+json".into());
        }
        for (name, value) in &raw.headers {
            headers.retain(|existing, _| !existing.eq_ignore_ascii_case(name));
            if let Some(value) = value {
                headers.insert(name.clone(), self.resolve(value)?);
            }
        }
        let body = match (&raw.body, &raw.raw_body) {
            (Some(_), Some(_)) => return Err("a request has both `body` and `raw_body`".into()),
            (Some(body), None) => {
                let body = self.resolve_value(body)?;
                Some(match raw.pad_body_to {
                    Some(size) => padded(body, size)?,
                    None => body.to_string(),
                })
            }
            (None, Some(text)) => Some(self.resolve(text)?),
            (None, None) => None,
        };
        Ok(Request { method: raw.method.clone(), path: self.resolve(&raw.path)?, headers, body })
    }

    /// Sends `raw`, catching a panic as a failure.
    fn send(&mut self, raw: &RawRequest) -> Result<Exchange, String> {
        let request = self.request(raw)?;
        let Self { ws, app } = self;
        catch_unwind(AssertUnwindSafe(|| handle(ws, app, &request))).map_err(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            format!("handle panicked on {} {}: {message}", request.method, request.path)
        })
    }

    /// Sends `raw` and compares the exchange with `expect`; returns what differed.
    fn check(&mut self, raw: &RawRequest, expect: &Expect) -> Result<Vec<String>, String> {
        let before = self.ws.state().clone();
        let exchange = self.send(raw)?;
        let response = &exchange.response;
        let mut diffs = Vec::new();
        if response.status != expect.status {
            diffs.push(format!("status: expected {}, got {}", expect.status, response.status));
        }
        for (name, expected) in &expect.headers {
            let actual = response
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| Value::String(v.clone()));
            let expected = Value::String(self.resolve(expected)?);
            compare(&format!("header {name}"), &expected, actual.as_ref(), &mut diffs);
        }
        if let Some(expected) = &expect.body {
            compare("body", &self.resolve_value(expected)?, response.body.as_ref(), &mut diffs);
        }
        let named: Vec<&str> = exchange.rules.iter().map(|rule| rule.id).collect();
        for rule in &expect.rules {
            if !named.contains(&rule.as_str()) {
                diffs.push(format!("rules: expected {rule} among {named:?}"));
            }
        }
        for rule in &expect.not_rules {
            if named.contains(&rule.as_str()) {
                diffs.push(format!("rules: {rule} must not be among {named:?}"));
            }
        }
        if let Some(expected) = &expect.command {
            let kind = exchange.command.as_ref().map_or_else(|| "none".to_owned(), Command::kind);
            if &kind != expected {
                diffs.push(format!("command: expected {expected}, got {kind}"));
            }
        }
        if response.status >= 400 {
            let change = changed_beyond_denial_note(&before, self.ws.state());
            diffs.extend(
                change.map(|what| format!("an error response changed more than a note: {what}")),
            );
        }
        if !diffs.is_empty() {
            let body = response.body.as_ref().map_or("(none)".to_owned(), |b| {
                serde_json::to_string_pretty(b).unwrap_or_default()
            });
            diffs.push(format!(
                "the response was {} with headers {:?}, rules {named:?}, body {body}",
                response.status, response.headers
            ));
        }
        Ok(diffs)
    }
}

/// `body` as text of exactly `size` bytes, padded by an attribute no schema has.
fn padded(body: Value, size: usize) -> Result<String, String> {
    let Value::Object(mut map) = body else {
        return Err("`pad_body_to` needs an object `body`".into());
    };
    map.insert("x-padding".into(), Value::String(String::new()));
    let bare = Value::Object(map.clone()).to_string().len();
    let fill = size.checked_sub(bare).ok_or(format!("the body is already over {size} bytes"))?;
    map.insert("x-padding".into(), Value::String("x".repeat(fill)));
    let text = Value::Object(map).to_string();
    assert_eq!(text.len(), size);
    Ok(text)
}

/// Compares `actual` with the expected subset, appending each difference with its JSON path.
fn compare(at: &str, expected: &Value, actual: Option<&Value>, diffs: &mut Vec<String>) {
    if let Some(matcher) = expected.as_str().and_then(|s| s.strip_prefix("{{")) {
        let matcher = matcher.strip_suffix("}}").unwrap_or(matcher);
        let ok = match (matcher, actual) {
            ("absent", None) | ("any", Some(_)) => true,
            ("absent", Some(_)) | (_, None) => false,
            ("timestamp", Some(value)) => value.as_str().is_some_and(is_timestamp),
            (m, Some(value)) if m.starts_with("contains:") => {
                value.as_str().is_some_and(|v| v.contains(&m["contains:".len()..]))
            }
            (m, Some(value)) if m.starts_with("sid:") => {
                value.as_str().is_some_and(|v| is_sid(v, &m[4..]))
            }
            (_, Some(value)) => value == expected,
        };
        if !ok {
            diffs.push(format!("{at}: expected {expected}, got {}", shown(actual)));
        }
        return;
    }
    let Some(actual) = actual else {
        diffs.push(format!("{at}: expected {expected}, but it is absent"));
        return;
    };
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (key, value) in want {
                compare(&format!("{at}.{key}"), value, have.get(key), diffs);
            }
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                diffs.push(format!(
                    "{at}: expected {} elements, got {}: {actual}",
                    want.len(),
                    have.len()
                ));
            }
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                compare(&format!("{at}[{i}]"), w, Some(h), diffs);
            }
        }
        _ if expected == actual => {}
        _ => diffs.push(format!("{at}: expected {expected}, got {actual}")),
    }
}

fn shown(value: Option<&Value>) -> String {
    value.map_or_else(|| "nothing".to_owned(), Value::to_string)
}

fn is_sid(text: &str, prefix: &str) -> bool {
    text.len() == 34
        && text.starts_with(prefix)
        && text[2..].chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// `2026-11-02T09:00:00Z`.
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    bytes.len() == 20
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].into_iter().all(digit_at)
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && bytes[19] == b'Z'
}

/// Runs one vector; returns what failed.
fn run(vector: &Vector) -> Result<Vec<String>, String> {
    let mut bench = Bench::new(vector.app_created_by.as_deref().unwrap_or(DEFAULT_APP_CREATOR))?;
    for (i, given) in vector.given.iter().enumerate() {
        let exchange = bench.send(&given.request)?;
        if exchange.response.status != given.status {
            return Err(format!(
                "given step {} ({} {}): expected status {}, got {} with body {}",
                i + 1,
                given.request.method,
                given.request.path,
                given.status,
                exchange.response.status,
                shown(exchange.response.body.as_ref())
            ));
        }
    }
    let mut diffs = bench.check(&vector.request, &vector.expect)?;
    for (i, then) in vector.then.iter().enumerate() {
        let found = bench.check(&then.request, &then.expect)?;
        diffs.extend(found.into_iter().map(|d| format!("then step {}: {d}", i + 1)));
    }
    let broken = check_invariants(&bench.ws);
    if !broken.is_empty() {
        diffs.push(format!("invariants broken afterwards: {broken:?}"));
    }
    Ok(diffs)
}

#[test]
fn every_vector_holds() {
    let corpus = corpus();
    let mut report = String::new();
    let mut failed = 0;
    for (file, vector) in &corpus {
        let diffs = run(vector).unwrap_or_else(|error| vec![error]);
        if !diffs.is_empty() {
            failed += 1;
            let _ = writeln!(report, "\n✗ {} ({file}; {})", vector.name, vector.source);
            for diff in diffs {
                let _ = writeln!(report, "    {diff}");
            }
        }
    }
    assert!(failed == 0, "{failed} of {} SCIM vectors failed:{report}", corpus.len());
}

#[test]
fn the_corpus_is_large_enough_and_well_named() {
    let corpus = corpus();
    assert!(
        corpus.len() >= MINIMUM_VECTORS,
        "only {} SCIM vectors; at least {MINIMUM_VECTORS} are expected",
        corpus.len()
    );
    let mut names: Vec<&str> = corpus.iter().map(|(_, v)| v.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "two vectors share a name");
    for (file, vector) in &corpus {
        assert!(!vector.source.trim().is_empty(), "{} in {file} names no source", vector.name);
    }
}
