//! How a refusal reads over HTTP: the status, SCIM's `scimType` and Twilio's error code for each
//! rule, in the SCIM error shape (RFC 7644 §3.12) with Twilio's `code` and `moreInfo`
//! (twilio-facts §2.2, error formats).

use super::http::{
    SCIM_BEARER_TOKEN_REQUIRED, SCIM_BODY_TOO_LARGE, SCIM_MEDIA_TYPE_UNSUPPORTED,
    SCIM_METHOD_NOT_ALLOWED, SCIM_RESOURCE_UNKNOWN,
};
use super::patch::{SCIM_PATCH_NO_TARGET, SCIM_PATCH_PATH_INVALID};
use super::query::SCIM_FILTER_UNSUPPORTED;
use super::resource::{SCIM_ID_READ_ONLY, SCIM_INVALID_SYNTAX, SCIM_SCHEMA_UNSUPPORTED};
use super::{
    SCIM_APP_AUTHORIZER_INACTIVE, SCIM_APP_REQUIRED, SCIM_EMAIL_DOMAIN_UNVERIFIED,
    SCIM_EMAIL_REQUIRED, SCIM_EXTERNAL_ID_INVALID, SCIM_OWNER_PROTECTED, SCIM_USER_EXISTS,
    SCIM_USER_IN_OTHER_ORGANIZATION, SCIM_USER_NAME_INVALID, SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
    SCIM_USER_NOT_FOUND, SCIM_VALUE_INVALID, SCIM_VERSION_CONFLICT,
};
use crate::rule::{Denial, Rule};
use serde_json::{Map, Value, json};

const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// How one rule's refusal is answered.
struct ErrorKind {
    status: u16,
    scim_type: Option<&'static str>,
    code: Option<u32>,
}

const fn kind(status: u16, scim_type: Option<&'static str>, code: Option<u32>) -> ErrorKind {
    ErrorKind { status, scim_type, code }
}

const INVALID_VALUE: Option<&str> = Some("invalidValue");

/// The answer to a refusal by `rule`; a rule the table does not name is a plain 400.
fn error_kind(rule: &Rule) -> ErrorKind {
    let table: [(&Rule, ErrorKind); 24] = [
        (&SCIM_BEARER_TOKEN_REQUIRED, kind(401, None, None)),
        (&SCIM_APP_REQUIRED, kind(401, None, None)),
        (&SCIM_APP_AUTHORIZER_INACTIVE, kind(401, None, None)),
        (&SCIM_USER_NAME_INVALID, kind(400, INVALID_VALUE, Some(25005))),
        (&SCIM_EMAIL_REQUIRED, kind(400, INVALID_VALUE, Some(25010))),
        (&SCIM_USER_NAME_NOT_PRIMARY_EMAIL, kind(400, INVALID_VALUE, Some(25014))),
        (&SCIM_VALUE_INVALID, kind(400, INVALID_VALUE, None)),
        (&SCIM_EXTERNAL_ID_INVALID, kind(400, INVALID_VALUE, Some(25004))),
        (&SCIM_EMAIL_DOMAIN_UNVERIFIED, kind(400, INVALID_VALUE, Some(25017))),
        (&SCIM_USER_IN_OTHER_ORGANIZATION, kind(409, Some("uniqueness"), Some(25022))),
        (&SCIM_USER_EXISTS, kind(409, Some("uniqueness"), Some(25022))),
        (&SCIM_USER_NOT_FOUND, kind(404, None, Some(25008))),
        (&SCIM_OWNER_PROTECTED, kind(400, Some("mutability"), Some(25016))),
        (&SCIM_VERSION_CONFLICT, kind(409, None, Some(25020))),
        (&SCIM_FILTER_UNSUPPORTED, kind(400, Some("invalidFilter"), Some(25001))),
        (&SCIM_INVALID_SYNTAX, kind(400, Some("invalidSyntax"), None)),
        (&SCIM_SCHEMA_UNSUPPORTED, kind(400, INVALID_VALUE, Some(25006))),
        (&SCIM_PATCH_NO_TARGET, kind(400, Some("noTarget"), None)),
        (&SCIM_PATCH_PATH_INVALID, kind(400, Some("invalidPath"), None)),
        (&SCIM_ID_READ_ONLY, kind(400, Some("mutability"), None)),
        (&SCIM_MEDIA_TYPE_UNSUPPORTED, kind(415, None, None)),
        (&SCIM_BODY_TOO_LARGE, kind(413, None, None)),
        (&SCIM_RESOURCE_UNKNOWN, kind(404, None, None)),
        (&SCIM_METHOD_NOT_ALLOWED, kind(405, None, None)),
    ];
    table.into_iter().find(|(r, _)| r.id == rule.id).map_or(kind(400, None, None), |(_, k)| k)
}

/// The status and the SCIM error body for `denial`.
pub(super) fn error_body(denial: &Denial) -> (u16, Value) {
    let kind = error_kind(denial.rule);
    let mut body = Map::new();
    body.insert("schemas".into(), json!([ERROR_SCHEMA]));
    body.insert("status".into(), json!(kind.status.to_string()));
    if let Some(scim_type) = kind.scim_type {
        body.insert("scimType".into(), json!(scim_type));
    }
    body.insert("detail".into(), json!(denial.detail));
    if let Some(code) = kind.code {
        body.insert("code".into(), json!(code));
        body.insert(
            "moreInfo".into(),
            json!(format!("https://www.twilio.com/docs/api/errors/{code}")),
        );
    }
    (kind.status, Value::Object(body))
}
