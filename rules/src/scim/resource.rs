//! The SCIM User resource (RFC 7643 §4.1, as Twilio's ScimUser schema has it, twilio-facts
//! §2.2): a user as JSON, and a request body's JSON as the attributes a command writes.
//!
//! Attribute names compare without case (RFC 7643 §2.1); JSON `null` is an absent value.

use super::SCIM_VALUE_INVALID;
use super::attributes_of;
use super::endpoint::Request;
use crate::model::{ScimAttributes, ScimEmail, User};
use crate::rule::{Denial, Rule, RuleKind, require};
use serde_json::{Map, Value, json};

pub(super) const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub(super) const ENTERPRISE_SCHEMA: &str =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub(super) const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USERS_URL: &str = "https://iam.twilio.com/scim/v2/Users";

pub static SCIM_INVALID_SYNTAX: Rule = Rule {
    id: "SCIM_INVALID_SYNTAX",
    title: "A SCIM request body is a JSON object",
    explanation: "POST, PUT and PATCH send one JSON object: a User, or a PatchOp message with its \
        `Operations`. A missing or empty body, text that is not JSON, or JSON that is not an \
        object answers 400 `invalidSyntax`, as does a PATCH without operations, or with one that \
        is not add, remove or replace, or an add or replace without a `value` (which, without a \
        `path`, is an object of attributes).",
    source: "twilio-facts §2.2 (scimType invalidSyntax); RFC 7644 §3.12 (invalidSyntax), §3.5.2",
    kind: RuleKind::Refusal,
};

pub static SCIM_SCHEMA_UNSUPPORTED: Rule = Rule {
    id: "SCIM_SCHEMA_UNSUPPORTED",
    title: "A SCIM request names only schemas Twilio supports",
    explanation: "A User's `schemas` may name the core User schema and the enterprise User \
        extension (whose attributes Twilio ignores); a PATCH's names the PatchOp message. Any \
        other schema URN answers 400 `invalidValue` with error 25006.",
    source: "twilio-facts §1.7 (E-25006), §2.2 (ScimUser `schemas`); RFC 7643 §3, RFC 7644 \
        §3.5.2",
    kind: RuleKind::Refusal,
};

pub static SCIM_ID_READ_ONLY: Rule = Rule {
    id: "SCIM_ID_READ_ONLY",
    title: "A user's SCIM id is read-only",
    explanation: "Twilio assigns `id`, the user's SID. A POST's `id` is ignored; a PUT may repeat \
        the id of the path but not name another: that answers 400 `mutability`.",
    source: "twilio-facts §2.2 (ScimUser `id`); RFC 7643 §3.1 (id readOnly), RFC 7644 §3.5.1",
    kind: RuleKind::Refusal,
};

pub static SCIM_UNKNOWN_ATTRIBUTES_IGNORED: Rule = Rule {
    id: "SCIM_UNKNOWN_ATTRIBUTES_IGNORED",
    title: "Attributes Twilio does not hold are ignored",
    explanation: "Identity providers send more than Twilio's ScimUser schema holds: the enterprise \
        extension, phone numbers, addresses, `name.formatted`, an email's `display`. Twilio \
        ignores them rather than refusing the request, and a PATCH operation whose path Twilio \
        does not recognize is ignored too, for compatibility. The response shows what Twilio \
        kept.",
    source: "twilio-facts §1.7 (D-SCIM-API: \"operations with unrecognized paths are ignored\"), \
        §2.2 (ScimUser schema); RFC 7644 §3.3",
    kind: RuleKind::Effect,
};

/// A request body as the attributes it writes, with what else it said.
pub(super) struct UserBody {
    pub attributes: ScimAttributes,
    /// The `id` it names, if any.
    pub id: Option<Value>,
    /// Its `meta.version`, if any: read-only, but a PUT without `If-Match` must match it.
    pub version: Option<String>,
    /// Whether it holds attributes Twilio ignores.
    pub ignored: bool,
}

/// The request's body as a JSON object.
pub(super) fn json_object(request: &Request) -> Result<Map<String, Value>, Denial> {
    let text = request.body.as_deref().unwrap_or("");
    if text.trim().is_empty() {
        return Err(Denial::new(&SCIM_INVALID_SYNTAX, "the request has no body"));
    }
    match serde_json::from_str(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(Denial::new(
            &SCIM_INVALID_SYNTAX,
            format!("the body is a JSON {}, not an object", json_type(&other)),
        )),
        Err(error) => {
            Err(Denial::new(&SCIM_INVALID_SYNTAX, format!("the body is not valid JSON: {error}")))
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `name` without the core User schema's URN in front, if it has it (RFC 7644 §3.10).
pub(super) fn strip_user_urn(name: &str) -> Option<&str> {
    let urn = name.get(..USER_SCHEMA.len())?;
    let rest = name[urn.len()..].strip_prefix(':')?;
    urn.eq_ignore_ascii_case(USER_SCHEMA).then_some(rest)
}

/// The value of attribute `name` in `object`, compared without case; `null` is absent.
pub(super) fn get<'v>(object: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    object
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

/// Checks that the body's `schemas`, if it has them, are among `allowed`.
pub(super) fn check_schemas(object: &Map<String, Value>, allowed: &[&str]) -> Result<(), Denial> {
    let Some(schemas) = get(object, "schemas") else {
        return Ok(());
    };
    let urns =
        schemas.as_array().and_then(|a| a.iter().map(Value::as_str).collect::<Option<Vec<_>>>());
    let urns = urns.ok_or_else(|| {
        Denial::new(&SCIM_VALUE_INVALID, "`schemas` must be an array of schema URNs")
    })?;
    for urn in urns {
        require(
            allowed.iter().any(|a| a.eq_ignore_ascii_case(urn)),
            &SCIM_SCHEMA_UNSUPPORTED,
            || format!("the schema `{urn}` is not supported; use `{}`", allowed[0]),
        )?;
    }
    Ok(())
}

fn invalid(what: &str, expected: &str) -> Denial {
    Denial::new(&SCIM_VALUE_INVALID, format!("`{what}` must be {expected}"))
}

fn string(value: Option<&Value>, what: &str) -> Result<Option<String>, Denial> {
    value
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| invalid(what, "a string")))
        .transpose()
}

/// A boolean, which Entra ID also sends as the string `"True"` or `"False"`.
pub(super) fn boolean(value: Option<&Value>, what: &str) -> Result<Option<bool>, Denial> {
    let parse = |v: &Value| match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    };
    value.map(|v| parse(v).ok_or_else(|| invalid(what, "true or false"))).transpose()
}

/// Whether `object` holds attributes other than `known` (lower-cased), `null` ones aside.
fn holds_others(object: &Map<String, Value>, known: &[&str]) -> bool {
    object.iter().any(|(k, v)| !v.is_null() && !known.contains(&k.to_ascii_lowercase().as_str()))
}

/// Names the body's attributes may have, lower-cased; others are ignored.
const USER_ATTRIBUTES: &[&str] = &[
    "schemas",
    "id",
    "externalid",
    "username",
    "displayname",
    "name",
    "emails",
    "active",
    "locale",
    "timezone",
    "meta",
];

/// The attributes a User body writes: for POST and PUT, and for a PATCH once its operations
/// are applied to the user's current resource.
pub(super) fn user_body(object: &Map<String, Value>) -> Result<UserBody, Denial> {
    let mut ignored = holds_others(object, USER_ATTRIBUTES);
    let (given_name, family_name) = match get(object, "name") {
        None => (None, None),
        Some(Value::Object(name)) => {
            ignored |= holds_others(name, &["givenname", "familyname"]);
            (
                string(get(name, "givenName"), "name.givenName")?,
                string(get(name, "familyName"), "name.familyName")?,
            )
        }
        Some(_) => return Err(invalid("name", "an object")),
    };
    let emails = match get(object, "emails") {
        None => Vec::new(),
        Some(Value::Array(emails)) => {
            emails.iter().map(|e| email(e, &mut ignored)).collect::<Result<_, _>>()?
        }
        Some(_) => return Err(invalid("emails", "an array")),
    };
    let version = match get(object, "meta") {
        None => None,
        Some(Value::Object(meta)) => string(get(meta, "version"), "meta.version")?,
        Some(_) => return Err(invalid("meta", "an object")),
    };
    let attributes = ScimAttributes {
        user_name: string(get(object, "userName"), "userName")?.unwrap_or_default(),
        external_id: string(get(object, "externalId"), "externalId")?,
        display_name: string(get(object, "displayName"), "displayName")?,
        given_name,
        family_name,
        emails,
        active: boolean(get(object, "active"), "active")?,
        locale: string(get(object, "locale"), "locale")?,
        timezone: string(get(object, "timezone"), "timezone")?,
    };
    Ok(UserBody { attributes, id: get(object, "id").cloned(), version, ignored })
}

fn email(value: &Value, ignored: &mut bool) -> Result<ScimEmail, Denial> {
    let Value::Object(email) = value else {
        return Err(invalid("emails", "an array of objects"));
    };
    *ignored |= holds_others(email, &["value", "type", "primary"]);
    let value = string(get(email, "value"), "emails.value")?;
    Ok(ScimEmail {
        value: value.ok_or_else(|| invalid("emails.value", "given for every email"))?,
        kind: string(get(email, "type"), "emails.type")?,
        primary: boolean(get(email, "primary"), "emails.primary")?.unwrap_or(false),
    })
}

/// Refuses a PUT whose body names another user's id.
pub(super) fn check_id(body: &UserBody, path_id: &str) -> Result<(), Denial> {
    let Some(id) = &body.id else {
        return Ok(());
    };
    require(id.as_str() == Some(path_id), &SCIM_ID_READ_ONLY, || {
        format!(
            "`id` is read-only: the body names `{}`, the path `{path_id}`",
            id.as_str().map_or_else(|| id.to_string(), str::to_owned)
        )
    })
}

/// The writable attributes as JSON, in the order of Twilio's example; absent ones left out.
pub(super) fn attributes_json(attributes: &ScimAttributes) -> Map<String, Value> {
    let mut object = Map::new();
    insert_some(&mut object, "externalId", &attributes.external_id);
    object.insert("userName".into(), json!(attributes.user_name));
    insert_some(&mut object, "displayName", &attributes.display_name);
    let mut name = Map::new();
    insert_some(&mut name, "givenName", &attributes.given_name);
    insert_some(&mut name, "familyName", &attributes.family_name);
    if !name.is_empty() {
        object.insert("name".into(), Value::Object(name));
    }
    let emails = attributes.emails.iter().map(|email| {
        let mut object = Map::new();
        object.insert("primary".into(), json!(email.primary));
        object.insert("value".into(), json!(email.value));
        insert_some(&mut object, "type", &email.kind);
        Value::Object(object)
    });
    object.insert("emails".into(), emails.collect());
    if let Some(active) = attributes.active {
        object.insert("active".into(), json!(active));
    }
    insert_some(&mut object, "locale", &attributes.locale);
    insert_some(&mut object, "timezone", &attributes.timezone);
    object
}

fn insert_some(object: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(value) = value {
        object.insert(key.into(), json!(value));
    }
}

/// The user as a SCIM User resource.
pub(super) fn resource(user: &User) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(user.sid));
    object.extend(attributes_json(&attributes_of(user)));
    object.insert("schemas".into(), json!([USER_SCHEMA]));
    let last_modified = user.scim.as_ref().map_or(user.date_created, |p| p.last_modified);
    object.insert(
        "meta".into(),
        json!({
            "resourceType": "user",
            "created": user.date_created.to_string(),
            "lastModified": last_modified.to_string(),
            "version": format!("W/{}", user.scim_version()),
        }),
    );
    Value::Object(object)
}

/// The user's `meta.version` as an entity tag, for the `ETag` header.
pub(super) fn etag(user: &User) -> String {
    format!("W/\"{}\"", user.scim_version())
}

/// Where the user's resource lives.
pub(super) fn location(user: &User) -> String {
    format!("{USERS_URL}/{}", user.sid)
}
