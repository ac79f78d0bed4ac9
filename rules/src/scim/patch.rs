//! PATCH (RFC 7644 §3.5.2): add, remove and replace operations, applied one after the other to
//! a user's resource as JSON. The endpoint then reads the result exactly as a PUT body, so the
//! operations of one request change the user together or not at all.

use super::SCIM_VALUE_INVALID;
use super::query::{equality, json_string};
use super::resource::{SCIM_INVALID_SYNTAX, boolean, get, strip_user_urn};
use crate::rule::{Denial, Rule, RuleKind};
use serde_json::{Map, Value};
use std::collections::HashMap;

pub static SCIM_PATCH_NO_TARGET: Rule = Rule {
    id: "SCIM_PATCH_NO_TARGET",
    title: "A PATCH operation names what it changes",
    explanation: "`remove` needs a `path`, and a `replace` or `remove` whose path selects emails \
        by a filter (`emails[type eq \"work\"]`) needs one to match. Otherwise the request \
        answers 400 `noTarget` and none of its operations apply.",
    source: "twilio-facts §1.7 (D-SCIM-API: PATCH); RFC 7644 §3.5.2.2, §3.5.2.3, §3.12 (noTarget)",
    kind: RuleKind::Refusal,
};

pub static SCIM_PATCH_PATH_INVALID: Rule = Rule {
    id: "SCIM_PATCH_PATH_INVALID",
    title: "A PATCH path is an attribute path",
    explanation: "A `path` is an attribute, a sub-attribute after a dot (`name.givenName`), or a \
        multi-valued attribute with a filter in brackets (`emails[type eq \"work\"].value`), \
        optionally after the User schema's URN. Inside the brackets, emails are selected by \
        `type` or `value` eq a string, or `primary` eq true or false. A path that is none of these answers \
        400 `invalidPath`. A well-formed path to an attribute Twilio does not hold is ignored.",
    source: "twilio-facts §1.7 (D-SCIM-API: PATCH); RFC 7644 §3.5.2 (path ABNF), §3.10, §3.12 \
        (invalidPath)",
    kind: RuleKind::Refusal,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Add,
    Remove,
    Replace,
}

/// What a path selects in the resource.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    /// A single-valued attribute such as `userName`, by its name in the resource.
    Simple(&'static str),
    /// `name`, or one of its sub-attributes.
    Name(Option<&'static str>),
    /// The emails a filter selects (all without one), or one sub-attribute of them.
    Emails(Option<EmailFilter>, Option<&'static str>),
    /// Something Twilio does not hold.
    Ignored,
}

/// `emails[type eq "work"]` and the like.
#[derive(Clone, Debug, PartialEq)]
enum EmailFilter {
    Type(String),
    Value(String),
    Primary(bool),
}

impl EmailFilter {
    fn matches(&self, email: &Value) -> bool {
        let Value::Object(email) = email else {
            return false;
        };
        let text = |name| get(email, name).and_then(Value::as_str);
        match self {
            EmailFilter::Type(kind) => text("type").is_some_and(|t| t.eq_ignore_ascii_case(kind)),
            EmailFilter::Value(value) => {
                text("value").is_some_and(|v| v.eq_ignore_ascii_case(value))
            }
            EmailFilter::Primary(primary) => is_primary(email) == *primary,
        }
    }

    /// The email an `add` through this filter creates when none matches.
    fn new_email(&self) -> Map<String, Value> {
        let (key, value) = match self {
            EmailFilter::Type(kind) => ("type", Value::from(kind.as_str())),
            EmailFilter::Value(value) => ("value", Value::from(value.as_str())),
            EmailFilter::Primary(primary) => ("primary", Value::from(*primary)),
        };
        Map::from_iter([(key.to_owned(), value)])
    }
}

fn is_primary(email: &Map<String, Value>) -> bool {
    boolean(get(email, "primary"), "primary").ok().flatten().unwrap_or(false)
}

/// One operation of a PATCH request.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Operation {
    op: Op,
    /// `None` without a path.
    target: Option<Target>,
    value: Option<Value>,
    /// 1-based, for details.
    number: usize,
}

/// The operations of a PatchOp body, checked for syntax before the user is read.
pub(super) fn operations(body: &Map<String, Value>) -> Result<Vec<Operation>, Denial> {
    let syntax = |detail: &str| Err(Denial::new(&SCIM_INVALID_SYNTAX, detail));
    match get(body, "Operations") {
        Some(Value::Array(operations)) if !operations.is_empty() => {
            operations.iter().enumerate().map(|(i, o)| operation(i + 1, o)).collect()
        }
        Some(Value::Array(_)) => syntax("`Operations` is empty"),
        Some(_) => syntax("`Operations` must be an array"),
        None => syntax("a PATCH body needs `Operations`"),
    }
}

fn operation(number: usize, operation: &Value) -> Result<Operation, Denial> {
    let syntax = |detail: String| Denial::new(&SCIM_INVALID_SYNTAX, detail);
    let Value::Object(operation) = operation else {
        return Err(syntax(format!("operation {number} is not an object")));
    };
    let name = get(operation, "op").and_then(Value::as_str).unwrap_or("");
    let op = match name.to_ascii_lowercase().as_str() {
        "add" => Op::Add,
        "remove" => Op::Remove,
        "replace" => Op::Replace,
        _ => {
            let detail = format!("operation {number} has op `{name}`; use add, remove or replace");
            return Err(syntax(detail));
        }
    };
    let target = match get(operation, "path") {
        None => None,
        Some(Value::String(path)) => Some(target(path)?),
        Some(_) => {
            let detail = format!("operation {number}'s `path` must be a string");
            return Err(Denial::new(&SCIM_PATCH_PATH_INVALID, detail));
        }
    };
    // Unlike an attribute's, an operation's `null` value is given: replacing with it clears.
    let value = operation.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case("value"));
    let value = value.map(|(_, v)| v.clone());
    if op != Op::Remove && value.is_none() {
        return Err(syntax(format!("operation {number} (`{name}`) has no `value`")));
    }
    Ok(Operation { op, target, value, number })
}

fn invalid_path(path: &str, why: &str) -> Denial {
    Denial::new(&SCIM_PATCH_PATH_INVALID, format!("`{path}` is not a valid path: {why}"))
}

/// Applies `operations` in order to `resource`; whether any of them named something ignored.
pub(super) fn apply(
    resource: &mut Map<String, Value>,
    operations: &[Operation],
) -> Result<bool, Denial> {
    let mut ignored = false;
    for operation in operations {
        let value = operation.value.clone().unwrap_or(Value::Null);
        match &operation.target {
            Some(target) => ignored |= apply_one(resource, operation, target, value)?,
            None if operation.op == Op::Remove => {
                return Err(Denial::new(
                    &SCIM_PATCH_NO_TARGET,
                    format!("operation {} removes without a `path`", operation.number),
                ));
            }
            None => {
                let Value::Object(values) = value else {
                    return Err(Denial::new(
                        &SCIM_INVALID_SYNTAX,
                        format!(
                            "operation {} has no `path`, so its `value` must be an object of attributes",
                            operation.number
                        ),
                    ));
                };
                for (name, value) in values {
                    // A name that is not a valid path is an attribute Twilio does not hold.
                    let target = target(&name).unwrap_or(Target::Ignored);
                    ignored |= apply_one(resource, operation, &target, value)?;
                }
            }
        }
    }
    Ok(ignored)
}

/// Applies one operation to one target; whether the target is ignored.
fn apply_one(
    resource: &mut Map<String, Value>,
    operation: &Operation,
    target: &Target,
    value: Value,
) -> Result<bool, Denial> {
    let removes = operation.op == Op::Remove;
    match target {
        Target::Ignored => return Ok(true),
        Target::Simple(key) if removes => {
            resource.remove(*key);
        }
        Target::Simple(key) => {
            resource.insert((*key).to_owned(), value);
        }
        Target::Name(None) if removes => {
            resource.remove("name");
        }
        Target::Name(None) => match value {
            Value::Object(values) => {
                let name = object_at(resource, "name");
                for (key, value) in values {
                    set(name, &key, value);
                }
            }
            other => {
                resource.insert("name".into(), other);
            }
        },
        Target::Name(Some(sub)) if removes => {
            if let Some(Value::Object(name)) = resource.get_mut("name") {
                remove(name, sub);
            }
        }
        Target::Name(Some(sub)) => set(object_at(resource, "name"), sub, value),
        Target::Emails(filter, sub) => emails(resource, operation, filter.as_ref(), *sub, value)?,
    }
    Ok(false)
}

/// The object at `key` in `resource`, made one if it is not.
fn object_at<'r>(resource: &'r mut Map<String, Value>, key: &str) -> &'r mut Map<String, Value> {
    let slot = resource.entry(key).or_insert(Value::Null);
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut().expect("made an object above")
}

/// Sets `key` in `object`, replacing the value under any spelling of its name.
fn set(object: &mut Map<String, Value>, key: &str, value: Value) {
    remove(object, key);
    object.insert(key.to_owned(), value);
}

fn remove(object: &mut Map<String, Value>, key: &str) {
    object.retain(|k, _| !k.eq_ignore_ascii_case(key));
}

fn emails(
    resource: &mut Map<String, Value>,
    operation: &Operation,
    filter: Option<&EmailFilter>,
    sub: Option<&'static str>,
    value: Value,
) -> Result<(), Denial> {
    let slot = resource.entry("emails").or_insert(Value::Null);
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    let emails = slot.as_array_mut().expect("made an array above");
    let touched = match (filter, sub) {
        (None, None) => whole_list(emails, operation.op, value)?,
        _ => selected(emails, operation, filter, sub, value)?,
    };
    // One email is primary: making one primary makes the others not.
    if touched.iter().any(|&i| emails[i].as_object().is_some_and(is_primary)) {
        let mut written = vec![false; emails.len()];
        touched.iter().for_each(|&i| written[i] = true);
        for (email, written) in emails.iter_mut().zip(written) {
            if let (false, Value::Object(email)) = (written, email)
                && is_primary(email)
            {
                set(email, "primary", Value::Bool(false));
            }
        }
    }
    Ok(())
}

/// An operation on `emails` itself: add appends, replace replaces, remove clears. An added
/// address already held updates that email instead of listing it twice (RFC 7644 §3.5.2.1).
/// Returns the positions of the emails it wrote.
fn whole_list(emails: &mut Vec<Value>, op: Op, value: Value) -> Result<Vec<usize>, Denial> {
    let new = match (op, value) {
        (Op::Remove, _) => Vec::new(),
        (_, Value::Array(new)) => new,
        (_, object @ Value::Object(_)) => vec![object],
        _ => {
            let detail = "`emails` must be an email object or an array of them";
            return Err(Denial::new(&SCIM_VALUE_INVALID, detail));
        }
    };
    if op != Op::Add {
        emails.clear();
    }
    let mut held: HashMap<String, usize> =
        emails.iter().enumerate().filter_map(|(i, e)| Some((address(e)?, i))).collect();
    let mut written = Vec::with_capacity(new.len());
    for email in new {
        match (address(&email).and_then(|a| held.get(&a)), email) {
            (Some(&i), Value::Object(given)) => {
                if let Value::Object(existing) = &mut emails[i] {
                    given.into_iter().for_each(|(key, value)| set(existing, &key, value));
                }
                written.push(i);
            }
            (_, email) => {
                if let Some(address) = address(&email) {
                    held.insert(address, emails.len());
                }
                written.push(emails.len());
                emails.push(email);
            }
        }
    }
    Ok(written)
}

/// An email's address as SCIM compares it: without regard to case or surrounding spaces.
fn address(email: &Value) -> Option<String> {
    let value = get(email.as_object()?, "value")?.as_str()?;
    Some(value.trim().to_lowercase())
}

/// An operation on the emails a filter selects (every email without one), or on one of their
/// sub-attributes. An add that selects none adds the email the filter describes. Returns the
/// positions of the emails it wrote.
fn selected(
    emails: &mut Vec<Value>,
    operation: &Operation,
    filter: Option<&EmailFilter>,
    sub: Option<&'static str>,
    value: Value,
) -> Result<Vec<usize>, Denial> {
    let mut matched: Vec<usize> =
        (0..emails.len()).filter(|&i| filter.is_none_or(|f| f.matches(&emails[i]))).collect();
    if matched.is_empty() {
        if operation.op != Op::Add {
            let detail = format!("operation {}'s path selects no email", operation.number);
            return Err(Denial::new(&SCIM_PATCH_NO_TARGET, detail));
        }
        emails.push(Value::Object(filter.map(EmailFilter::new_email).unwrap_or_default()));
        matched.push(emails.len() - 1);
    }
    if operation.op == Op::Remove && sub.is_none() {
        let kept = std::mem::take(emails).into_iter().enumerate();
        // `matched` is in ascending order.
        let kept = kept.filter(|(i, _)| matched.binary_search(i).is_err());
        *emails = kept.map(|(_, email)| email).collect();
        return Ok(Vec::new());
    }
    for &i in &matched {
        let Value::Object(email) = &mut emails[i] else {
            continue;
        };
        match (operation.op, sub, &value) {
            (Op::Remove, Some(sub), _) => remove(email, sub),
            (_, Some(sub), _) => set(email, sub, value.clone()),
            (_, None, Value::Object(values)) => {
                for (key, value) in values {
                    set(email, key, value.clone());
                }
            }
            (_, None, _) => {
                let detail = format!(
                    "operation {}'s `value` for an email must be an object",
                    operation.number
                );
                return Err(Denial::new(&SCIM_VALUE_INVALID, detail));
            }
        }
    }
    Ok(matched)
}

/// What `path` selects.
fn target(path: &str) -> Result<Target, Denial> {
    let Some(Path { attribute, filter, sub }) = parse_path(path)? else {
        return Ok(Target::Ignored);
    };
    let single = |key: &str| invalid_path(path, &format!("`{key}` is a single value"));
    const SIMPLE: [&str; 6] =
        ["userName", "externalId", "displayName", "active", "locale", "timezone"];
    if let Some(key) = canonical(&SIMPLE, attribute) {
        return match (filter, sub) {
            (None, None) => Ok(Target::Simple(key)),
            _ => Err(single(key)),
        };
    }
    // A sub-attribute Twilio does not hold, such as `name.formatted`, is ignored like an
    // attribute: `Some(None)` below.
    let sub_of = |names: &[&'static str]| sub.map(|sub| canonical(names, sub));
    match attribute.to_ascii_lowercase().as_str() {
        "name" if filter.is_some() => Err(single("name")),
        "name" => Ok(match sub_of(&["givenName", "familyName"]) {
            Some(None) => Target::Ignored,
            sub => Target::Name(sub.flatten()),
        }),
        "emails" => {
            let filter = filter.map(|filter| {
                email_filter(filter).ok_or_else(|| {
                    invalid_path(path, "its filter is not `type`, `value` or `primary` eq a value")
                })
            });
            let filter = filter.transpose()?;
            Ok(match sub_of(&["value", "type", "primary"]) {
                Some(None) => Target::Ignored,
                sub => Target::Emails(filter, sub.flatten()),
            })
        }
        _ => Ok(Target::Ignored),
    }
}

/// A path, in parts: `emails[type eq "work"].value` is `emails`, `type eq "work"` and `value`.
struct Path<'p> {
    attribute: &'p str,
    filter: Option<&'p str>,
    sub: Option<&'p str>,
}

/// The name in `names` that `name` spells, in any case.
fn canonical(names: &[&'static str], name: &str) -> Option<&'static str> {
    names.iter().copied().find(|n| n.eq_ignore_ascii_case(name))
}

/// A path's attribute, value filter and sub-attribute (RFC 7644 §3.5.2's `attrPath / valuePath
/// [subAttr]`), after the User schema's URN if it has it; `None` for another schema's attribute,
/// such as the enterprise extension's.
fn parse_path(path: &str) -> Result<Option<Path<'_>>, Denial> {
    let trimmed = path.trim();
    let rest = match strip_user_urn(trimmed) {
        Some(rest) => rest,
        None if trimmed.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("urn:")) => {
            return Ok(None);
        }
        None => trimmed,
    };
    let (attribute, rest) = attribute_name(rest)
        .ok_or_else(|| invalid_path(path, "it does not start with an attribute name"))?;
    let (filter, rest) = match rest.strip_prefix('[') {
        Some(inside) => {
            let end = closing_bracket(inside)
                .ok_or_else(|| invalid_path(path, "its `[` is not closed"))?;
            (Some(&inside[..end]), &inside[end + 1..])
        }
        None => (None, rest),
    };
    let sub = match rest.strip_prefix('.') {
        Some(sub) => match attribute_name(sub) {
            Some((sub, "")) => Some(sub),
            _ => return Err(invalid_path(path, "a `.` must be followed by a sub-attribute name")),
        },
        None if rest.is_empty() => None,
        None => return Err(invalid_path(path, &format!("`{rest}` follows the attribute"))),
    };
    Ok(Some(Path { attribute, filter, sub }))
}

/// The attribute name `text` starts with (RFC 7643 §2.1: a letter, then letters, digits, `-`,
/// `_` or `$`), and the text after it.
fn attribute_name(text: &str) -> Option<(&str, &str)> {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$') {
        return None;
    }
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '$')))
        .unwrap_or(text.len());
    Some((&text[..end], &text[end..]))
}

/// Where the `]` closing a value filter is, skipping brackets inside quoted values.
fn closing_bracket(inside: &str) -> Option<usize> {
    let (mut quoted, mut escaped) = (false, false);
    for (i, c) in inside.char_indices() {
        match c {
            ']' if !quoted => return Some(i),
            '"' if !escaped => quoted = !quoted,
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    None
}

/// `type eq "work"`, `value eq "…"` or `primary eq true|false`.
fn email_filter(text: &str) -> Option<EmailFilter> {
    let (attribute, value) = equality(text)?;
    let string = || json_string(value).filter(|(_, rest)| rest.is_empty()).map(|(v, _)| v);
    match attribute.to_ascii_lowercase().as_str() {
        "type" => string().map(EmailFilter::Type),
        "value" => string().map(EmailFilter::Value),
        "primary" if value.eq_ignore_ascii_case("true") => Some(EmailFilter::Primary(true)),
        "primary" if value.eq_ignore_ascii_case("false") => Some(EmailFilter::Primary(false)),
        _ => None,
    }
}
