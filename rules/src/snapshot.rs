//! The stored and exported form of a workspace: `{format, schema_version, exported_at, workspace}`.
//!
//! Reading one is strict: the text must parse, name this format, carry a schema version this
//! build understands, deserialize with no unknown field, and satisfy every invariant. Whatever
//! fails is reported with where it failed, so nothing is silently dropped or half-loaded.

use crate::clock::Timestamp;
use crate::invariants::check_invariants;
use crate::workspace::Workspace;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

pub const FORMAT: &str = "org-console";
/// Bumped with every change to the stored shape; older versions are migrated forward on read.
pub const SCHEMA_VERSION: u64 = 2;

/// The migrations, forward only, in order: the first takes schema version 1 to 2, and so on.
/// Each has a frozen snapshot of the version it reads in `rules/tests/fixtures/`.
const MIGRATIONS: [fn(&mut Value); (SCHEMA_VERSION - 1) as usize] = [denial_rule_into_rules];

/// Version 2 records the rule behind an audit event in its `rules`; version 1 kept a refusal's
/// rule in its `event_data` as `{"rule": {"updated": ID}}`.
fn denial_rule_into_rules(workspace: &mut Value) {
    let Some(events) = workspace.get_mut("audit").and_then(Value::as_array_mut) else {
        return;
    };
    for event in events {
        let rule = event
            .get_mut("event_data")
            .and_then(Value::as_object_mut)
            .and_then(|data| data.remove("rule"))
            .and_then(|change| change.get("updated").cloned());
        if let (Some(rule), Some(event)) = (rule, event.as_object_mut()) {
            event.insert("rules".to_owned(), Value::Array(vec![rule]));
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    schema_version: u64,
    exported_at: Timestamp,
    workspace: &'a Workspace,
}

/// The snapshot of `workspace` as JSON text.
pub fn to_json(workspace: &Workspace) -> String {
    serde_json::to_string(&Envelope {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        exported_at: workspace.now(),
        workspace,
    })
    .expect("a workspace always serializes: its maps are keyed by strings")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// Not JSON at all.
    Syntax { line: usize, column: usize, message: String },
    /// JSON, but not an Org Console snapshot.
    NotASnapshot(String),
    /// Written by a newer Org Console than this one.
    TooNew { found: u64 },
    /// A snapshot whose workspace has the wrong shape.
    Shape(String),
    /// Well formed, but breaking the invariants listed.
    Invalid(Vec<String>),
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            SnapshotError::NotASnapshot(why) => write!(f, "not an Org Console snapshot: {why}"),
            SnapshotError::TooNew { found } => write!(
                f,
                "written by a newer Org Console (schema version {found}; this one reads up to {SCHEMA_VERSION})"
            ),
            SnapshotError::Shape(why) => write!(f, "the workspace in it is malformed: {why}"),
            SnapshotError::Invalid(broken) => {
                write!(f, "the workspace breaks {} rule(s): {}", broken.len(), broken.join("; "))
            }
        }
    }
}

impl std::error::Error for SnapshotError {}

/// Reads a snapshot, or says exactly what is wrong with it.
pub fn from_json(text: &str) -> Result<Workspace, SnapshotError> {
    let mut envelope: Value = serde_json::from_str(text).map_err(|e| SnapshotError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let format = envelope.get("format").and_then(Value::as_str);
    if format != Some(FORMAT) {
        return Err(SnapshotError::NotASnapshot(match format {
            Some(other) => format!("its `format` is `{other}`, expected `{FORMAT}`"),
            None => format!("it has no `format` field saying `{FORMAT}`"),
        }));
    }
    let version = envelope
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| SnapshotError::NotASnapshot("it has no numeric `schema_version`".into()))?;
    if version > SCHEMA_VERSION {
        return Err(SnapshotError::TooNew { found: version });
    }
    let mut workspace = envelope
        .get_mut("workspace")
        .map(Value::take)
        .ok_or_else(|| SnapshotError::NotASnapshot("it has no `workspace` field".into()))?;
    for migrate in MIGRATIONS.iter().skip(version.saturating_sub(1) as usize) {
        migrate(&mut workspace);
    }
    let workspace: Workspace =
        serde_json::from_value(workspace).map_err(|e| SnapshotError::Shape(e.to_string()))?;
    let broken = check_invariants(&workspace);
    if broken.is_empty() { Ok(workspace) } else { Err(SnapshotError::Invalid(broken)) }
}

/// serde_json appends " at line L column C", which [`SnapshotError::Syntax`] already carries.
fn strip_position(message: &str) -> String {
    message.rsplit_once(" at line ").map_or(message, |(head, _)| head).to_owned()
}

/// The prefix that marks the compact stored form, so it is never mistaken for JSON.
const STORED_PREFIX: &str = "deflate:";

/// The snapshot of `workspace` in the compact form the browser stores: JSON deflated (it
/// shrinks about sevenfold), then base64, which survives localStorage's UTF-16 strings.
pub fn to_stored(workspace: &Workspace) -> String {
    let json = to_json(workspace);
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
    format!("{STORED_PREFIX}{}", BASE64.encode(deflated))
}

/// Reads a stored snapshot, compact or plain JSON as earlier versions stored it.
pub fn from_stored(text: &str) -> Result<Workspace, SnapshotError> {
    let Some(encoded) = text.strip_prefix(STORED_PREFIX) else {
        return from_json(text);
    };
    let unreadable = |why: String| SnapshotError::NotASnapshot(format!("its compact form {why}"));
    let deflated =
        BASE64.decode(encoded).map_err(|e| unreadable(format!("is not base64 ({e})")))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_SNAPSHOT_BYTES)
        .map_err(|e| unreadable(format!("does not inflate ({e})")))?;
    let json = String::from_utf8(json).map_err(|_| unreadable("is not UTF-8 text".into()))?;
    from_json(&json)
}

/// The largest snapshot inflated on reading: far above 10,000 users, far below a bomb.
const MAX_SNAPSHOT_BYTES: usize = 256 * 1024 * 1024;
