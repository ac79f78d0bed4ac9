//! The stored and exported form of a workspace: `{format, schema_version, exported_at, workspace}`.
//!
//! Reading one is strict: the text must be of a sensible size, parse, name this format, carry a
//! schema version this build understands, deserialize with no unknown field, and satisfy every
//! invariant. Whatever fails is reported with where it failed, so nothing is silently dropped or
//! half-loaded.

use crate::clock::Timestamp;
use crate::invariants::check_invariants;
use crate::json_path::{key_path, path_at};
use crate::snapshot_pieces::{Pieces, one, pieces};
use crate::workspace::Workspace;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use std::fmt;

pub const FORMAT: &str = "org-console";
/// Bumped with every change to the stored shape; older versions are migrated forward on read.
pub const SCHEMA_VERSION: u64 = 2;

/// The largest text [`from_json`] reads: five times the 4.2 MB export of 10,000 users, so any
/// real export fits, and a wrong file is refused before it is parsed.
pub const MAX_IMPORT_BYTES: usize = 20 * MIB;
const MIB: usize = 1024 * 1024;

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

/// The fields of a snapshot, all written by [`to_json`]; any other is refused on reading.
const ENVELOPE_FIELDS: [&str; 4] = ["format", "schema_version", "exported_at", "workspace"];

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
    /// Longer than [`MAX_IMPORT_BYTES`]: refused unread.
    TooLarge { bytes: usize },
    /// Not JSON at all.
    Syntax { line: usize, column: usize, message: String },
    /// JSON nested deeper than serde_json reads: it stops at 128 levels rather than overflow
    /// the stack.
    TooDeep { line: usize, column: usize },
    /// JSON, but not an Org Console snapshot.
    NotASnapshot(String),
    /// Written by a newer Org Console than this one.
    TooNew { found: u64 },
    /// The first place where the snapshot has the wrong shape: its JSON path, such as
    /// `workspace.users[3].email`, and what is wrong there.
    Shape { path: String, problem: String },
    /// Well formed, but breaking the invariants listed, each naming the SID it concerns.
    Invalid(Vec<String>),
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::TooLarge { bytes } => {
                // In tenths of a MiB, rounded up so that anything over the limit shows as over
                // it; integers, since formatting a float adds 19 KB to the wasm.
                let tenths = (bytes * 10).div_ceil(MIB);
                write!(
                    f,
                    "too large to import: {}.{} MiB, over the limit of {} MiB",
                    tenths / 10,
                    tenths % 10,
                    MAX_IMPORT_BYTES / MIB
                )
            }
            SnapshotError::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            SnapshotError::TooDeep { line, column } => write!(
                f,
                "nested too deeply at line {line}, column {column}: over 127 levels of arrays and objects, where a snapshot has a few"
            ),
            SnapshotError::NotASnapshot(why) => write!(f, "not an Org Console snapshot: {why}"),
            SnapshotError::TooNew { found } => write!(
                f,
                "written by a newer Org Console (schema version {found}; this one reads up to {SCHEMA_VERSION})"
            ),
            SnapshotError::Shape { path, problem } => write!(f, "malformed at {path}: {problem}"),
            SnapshotError::Invalid(broken) => {
                write!(f, "the workspace breaks {} rule(s): {}", broken.len(), broken.join("; "))
            }
        }
    }
}

impl std::error::Error for SnapshotError {}

/// Reads a snapshot, or says exactly what is wrong with it.
pub fn from_json(text: &str) -> Result<Workspace, SnapshotError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(SnapshotError::TooLarge { bytes: text.len() });
    }
    from_stored_json(text)
}

/// [`from_json`] without its size limit, for what this console stored itself, inflated: a
/// workspace that grew past the limit must still load rather than be lost.
pub fn from_stored_json(text: &str) -> Result<Workspace, SnapshotError> {
    // A current snapshot reads straight from its text, twice as fast as through a JSON value;
    // anything else takes the long way, which says exactly what is wrong.
    if let Some(workspace) = current(text) {
        return checked(workspace);
    }
    let envelope = parse(text)?;
    let Value::Object(mut envelope) = envelope else {
        return Err(SnapshotError::NotASnapshot(format!(
            "it is {}, not an object",
            shown(&envelope)
        )));
    };
    let version = envelope_version(&envelope)?;
    let mut workspace = match envelope.remove("workspace") {
        Some(workspace @ Value::Object(_)) => workspace,
        Some(other) => {
            return Err(SnapshotError::NotASnapshot(format!(
                "its `workspace` is {}, not an object",
                shown(&other)
            )));
        }
        None => return Err(SnapshotError::NotASnapshot("it has no `workspace` field".into())),
    };
    for migrate in &MIGRATIONS[version as usize - 1..] {
        migrate(&mut workspace);
    }
    // Read as text again, by the one deserializer the fast way uses too: the code for a
    // workspace's shape is large, and the download carries it once.
    let text =
        json!({ "format": FORMAT, "schema_version": SCHEMA_VERSION, "workspace": workspace })
            .to_string();
    let current: Current = serde_json::from_str(&text).map_err(|e| {
        // What is read here is the migrated snapshot rather than the file, whose line and
        // column would mean nothing to the person who chose it: the path says where.
        let path = path_at(&text, e.line(), e.column(), "");
        let problem = e.to_string();
        let problem = problem.rfind(" at line ").map_or(problem.as_str(), |at| &problem[..at]);
        SnapshotError::Shape { path, problem: plain(problem) }
    })?;
    checked(current.workspace)
}

/// The workspace of a snapshot of this schema version, if the text is one.
fn current(text: &str) -> Option<Workspace> {
    let current: Current = serde_json::from_str(text).ok()?;
    (current.format == FORMAT && current.schema_version == SCHEMA_VERSION)
        .then_some(current.workspace)
}

fn checked(workspace: Workspace) -> Result<Workspace, SnapshotError> {
    let broken = check_invariants(&workspace);
    if broken.is_empty() { Ok(workspace) } else { Err(SnapshotError::Invalid(broken)) }
}

/// A snapshot of this schema version, as [`to_json`] writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Current {
    format: String,
    schema_version: u64,
    #[serde(rename = "exported_at", default)]
    _exported_at: IgnoredAny,
    workspace: Workspace,
}

/// Checks what surrounds the workspace: this format, a schema version this build reads (which
/// it returns), and no other field.
fn envelope_version(envelope: &Map<String, Value>) -> Result<u64, SnapshotError> {
    match envelope.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(other) => {
            return Err(SnapshotError::NotASnapshot(format!(
                "its `format` is {}, expected `{FORMAT}`",
                shown(other)
            )));
        }
        None => {
            return Err(SnapshotError::NotASnapshot(format!(
                "it has no `format` field saying `{FORMAT}`"
            )));
        }
    }
    let version = match envelope.get("schema_version") {
        None => return Err(SnapshotError::NotASnapshot("it has no `schema_version` field".into())),
        Some(found) => found.as_u64().filter(|&v| v >= 1).ok_or_else(|| {
            SnapshotError::NotASnapshot(format!(
                "its `schema_version` is {}, expected a whole number from 1",
                shown(found)
            ))
        })?,
    };
    if version > SCHEMA_VERSION {
        return Err(SnapshotError::TooNew { found: version });
    }
    // Checked only now: a newer schema may add fields, and is refused as newer above.
    if let Some(field) = envelope.keys().find(|k| !ENVELOPE_FIELDS.contains(&k.as_str())) {
        return Err(SnapshotError::Shape {
            path: key_path(String::new(), field),
            problem: format!(
                "unknown field `{field}`, expected one of `{}`",
                ENVELOPE_FIELDS.join("`, `")
            ),
        });
    }
    Ok(version)
}

fn parse(text: &str) -> Result<Value, SnapshotError> {
    if text.trim().is_empty() {
        return Err(SnapshotError::NotASnapshot("it is empty".into()));
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        // serde_json's error codes are private: its message is the only way to tell this one.
        if e.to_string().starts_with("recursion limit exceeded") {
            return SnapshotError::TooDeep { line, column };
        }
        let message = if e.is_eof() {
            "the text stops in the middle (is the file cut short?)".to_owned()
        } else {
            strip_position(&e.to_string())
        };
        SnapshotError::Syntax { line, column, message }
    })
}

/// serde_json appends " at line L column C", which [`SnapshotError::Syntax`] already carries.
fn strip_position(message: &str) -> String {
    message.rsplit_once(" at line ").map_or(message, |(head, _)| head).to_owned()
}

/// serde's words for Rust's types, and the JSON words a person reads instead.
const PLAIN_WORDS: [(&str, &str); 8] = [
    ("expected i64", "expected a whole number"),
    ("expected u64", "expected a whole number, 0 or more"),
    ("expected u32", "expected a whole number from 0 to 4294967295"),
    ("floating point", "number"),
    ("a sequence", "an array"),
    ("sequence", "array"),
    ("invalid type: map", "invalid type: object"),
    ("expected a map", "expected an object"),
];

/// serde's message for a shape problem, in JSON's words: `expected struct Membership`, say,
/// becomes `expected an object`.
fn plain(message: &str) -> String {
    let mut message =
        PLAIN_WORDS.iter().fold(message.to_owned(), |m, (rust, json)| m.replace(rust, json));
    for object in ["expected struct ", "expected internally tagged enum "] {
        if let Some((head, _)) = message.split_once(object) {
            message = format!("{head}expected an object");
        }
    }
    message
}

/// A value found where another was expected, as a person reads it: a scalar as written (long
/// text cut short), an array or object by its kind.
fn shown(value: &Value) -> String {
    match value {
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        Value::String(text) if text.chars().count() > 40 => {
            format!("`{}…`", Value::from(text.chars().take(40).collect::<String>()))
        }
        scalar => format!("`{scalar}`"),
    }
}

/// Deflating is most of a save's work, whether it blocks the page (a save when the page is
/// hidden, a reset, an import) or runs in idle slices (a compaction). Level 2 takes a third of
/// the default level's time for a tenth more characters (at 10,000 users and as many audit
/// events, natively, 40 ms rather than 119 ms, and 1.73 rather than 1.57 million characters),
/// and inflates as fast.
const DEFLATE_LEVEL: u8 = 2;

/// The prefix that marks the compact stored form, so it is never mistaken for JSON.
const STORED_PREFIX: &str = "deflate:";

/// The snapshot of `workspace` in the compact form the browser stores: JSON deflated (it
/// shrinks about sixfold), then base64, which survives localStorage's UTF-16 strings.
pub fn to_stored(workspace: &Workspace) -> String {
    // Written whole at once, as the workspace need not be copied to be written later.
    let json = to_json(workspace);
    let json_bytes = json.len();
    let mut storing = Storing::of(one(json), json_bytes);
    while !storing.deflate(usize::MAX) {}
    storing.finish()
}

/// A snapshot on its way to [`to_stored`]'s form, written and deflated a slice at a time: at
/// 10,000 users writing the JSON and deflating it are most of a save, and in slices they need
/// not hold up the page all at once.
pub struct Storing {
    /// What is left to write of the JSON.
    pieces: Pieces,
    /// Whether every piece is written.
    written_all: bool,
    /// JSON written and not deflated yet.
    json: Vec<u8>,
    compressor: CompressorOxide,
    deflated: Vec<u8>,
    deflated_len: usize,
}

impl Storing {
    /// Starts from the workspace as it is now, copied: what changes later is not in this
    /// snapshot. Its JSON is written as it is deflated.
    pub fn new(workspace: &Workspace) -> Self {
        Self::of(pieces(workspace), 0)
    }

    /// Deflates `pieces`, about `json_bytes` of them.
    fn of(pieces: Pieces, json_bytes: usize) -> Self {
        let flags = create_comp_flags_from_zip_params(DEFLATE_LEVEL.into(), RAW_DEFLATE, 0);
        Self {
            pieces,
            written_all: false,
            json: Vec::new(),
            compressor: CompressorOxide::new(flags),
            // JSON shrinks about sixfold; the buffer grows should this one not.
            deflated: vec![0; (json_bytes / 4).max(64 * 1024)],
            deflated_len: 0,
        }
    }

    /// Writes and deflates up to `bytes` more of the JSON; true once all of it is.
    pub fn deflate(&mut self, bytes: usize) -> bool {
        let bytes = bytes.max(1);
        while self.json.len() < bytes && !self.written_all {
            match self.pieces.next() {
                // A whole snapshot's JSON in one piece is taken, not copied.
                Some(piece) if self.json.is_empty() => self.json = piece.into_bytes(),
                Some(piece) => self.json.extend_from_slice(piece.as_bytes()),
                None => self.written_all = true,
            }
        }
        let end = self.json.len().min(bytes);
        let last = self.written_all && end == self.json.len();
        let flush = if last { TDEFLFlush::Finish } else { TDEFLFlush::None };
        let mut read = 0;
        loop {
            if self.deflated.len() - self.deflated_len < 64 {
                self.deflated.resize(self.deflated.len() * 2, 0);
            }
            let (status, taken, made) = compress(
                &mut self.compressor,
                &self.json[read..end],
                &mut self.deflated[self.deflated_len..],
                flush,
            );
            read += taken;
            self.deflated_len += made;
            match status {
                TDEFLStatus::Done => {
                    self.json.clear();
                    return true;
                }
                TDEFLStatus::Okay if read == end && !last => break,
                TDEFLStatus::Okay => {}
                failed => unreachable!("deflating into memory cannot fail ({failed:?})"),
            }
        }
        self.json.drain(..read);
        false
    }

    /// The stored form, once [`Storing::deflate`] has said it is done.
    pub fn finish(mut self) -> String {
        debug_assert!(self.written_all && self.json.is_empty(), "deflated to the end");
        self.deflated.truncate(self.deflated_len);
        format!("{STORED_PREFIX}{}", BASE64.encode(&self.deflated))
    }
}

/// Deflate without zlib's header and checksum, as the browser's `deflate-raw` reads it.
const RAW_DEFLATE: i32 = -15;

/// Reads a stored snapshot, compact or plain JSON as earlier versions stored it.
pub fn from_stored(text: &str) -> Result<Workspace, SnapshotError> {
    let Some(encoded) = text.strip_prefix(STORED_PREFIX) else {
        return from_stored_json(text);
    };
    let unreadable = |why: String| SnapshotError::NotASnapshot(format!("its compact form {why}"));
    let deflated =
        BASE64.decode(encoded).map_err(|e| unreadable(format!("is not base64 ({e})")))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_SNAPSHOT_BYTES)
        .map_err(|e| unreadable(format!("does not inflate ({e})")))?;
    let json = String::from_utf8(json).map_err(|_| unreadable("is not UTF-8 text".into()))?;
    from_stored_json(&json)
}

/// The largest snapshot inflated on reading: far above 10,000 users, far below a bomb.
const MAX_SNAPSHOT_BYTES: usize = 256 * 1024 * 1024;
