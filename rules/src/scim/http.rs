//! What an HTTP request to the SCIM API must be before its body is read: small enough,
//! authenticated, sent to a resource that exists with a method it answers, with a JSON body.

use super::endpoint::Request;
use crate::rule::{Denial, Rule, RuleKind, require};

/// The largest body the endpoint reads. Twilio publishes no limit; 1 MiB holds any user many
/// times over and keeps a hostile body from costing more than its refusal.
pub const MAX_BODY_BYTES: usize = 1 << 20;

const BASE_URL: &str = "https://iam.twilio.com";
const API_ROOT: &str = "/scim/v2";

pub static SCIM_BODY_TOO_LARGE: Rule = Rule {
    id: "SCIM_BODY_TOO_LARGE",
    title: "A SCIM request body holds at most 1 MiB",
    explanation: "The endpoint reads bodies of up to 1 MiB (1,048,576 bytes) and answers 413 to \
        larger ones without reading them. Twilio publishes no limit: this one is ours, far above \
        any user resource an identity provider sends.",
    source: "twilio-facts §1.7 (D-SCIM-API; no limit documented); RFC 7644 §3.12 (413), RFC \
        9110 §15.5.14",
    kind: RuleKind::Refusal,
};

pub static SCIM_BEARER_TOKEN_REQUIRED: Rule = Rule {
    id: "SCIM_BEARER_TOKEN_REQUIRED",
    title: "A SCIM request carries the OAuth app's bearer token",
    explanation: "The identity provider authenticates every SCIM request with an access token of \
        the organization's OAuth app, sent as `Authorization: Bearer <token>`. Without it SCIM \
        answers 401 with `WWW-Authenticate: Bearer`.",
    source: "twilio-facts §1.7 (D-SCIM-OAUTH, D-SCIM-API); RFC 7644 §2, RFC 6750 §3",
    kind: RuleKind::Refusal,
};

pub static SCIM_RESOURCE_UNKNOWN: Rule = Rule {
    id: "SCIM_RESOURCE_UNKNOWN",
    title: "Twilio's SCIM API serves Users only",
    explanation: "Twilio's SCIM API documents one resource type: `/scim/v2/Users` and \
        `/scim/v2/Users/{id}`. Groups, Schemas, ResourceTypes, ServiceProviderConfig, /Me and \
        bulk requests are not documented (the preview API declares ResourceTypes without any \
        method), so any other path answers 404.",
    source: "twilio-facts §1.7 (D-SCIM-API, AE-SCOPES), §2.3 (D-SCIM-API); RFC 7644 §3.2",
    kind: RuleKind::Refusal,
};

pub static SCIM_METHOD_NOT_ALLOWED: Rule = Rule {
    id: "SCIM_METHOD_NOT_ALLOWED",
    title: "Each SCIM path answers its own methods",
    explanation: "`/scim/v2/Users` answers GET (list, with a filter) and POST (create); \
        `/scim/v2/Users/{id}` answers GET, PUT, PATCH and DELETE. Any other method answers 405 \
        with an `Allow` header naming the ones it takes.",
    source: "twilio-facts §1.7 (AE-SCOPES), §2.2 (scim/Users operations), §2.3 (D-SCIM-API); \
        RFC 7644 §3.2, RFC 9110 §15.5.6",
    kind: RuleKind::Refusal,
};

pub static SCIM_MEDIA_TYPE_UNSUPPORTED: Rule = Rule {
    id: "SCIM_MEDIA_TYPE_UNSUPPORTED",
    title: "A SCIM request body is JSON",
    explanation: "POST, PUT and PATCH bodies are SCIM resources in JSON, sent with `Content-Type: \
        application/scim+json` (or `application/json`, which identity providers also send). Any \
        other content type answers 415.",
    source: "twilio-facts §2.2 (`application/scim+json`); RFC 7644 §3.1, §8.1",
    kind: RuleKind::Refusal,
};

/// What a request asks, once its path and method are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Route<'p> {
    List,
    Create,
    Read(&'p str),
    Replace(&'p str),
    Patch(&'p str),
    Delete(&'p str),
}

/// The resource a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Resource<'p> {
    Users,
    User(&'p str),
}

impl<'p> Resource<'p> {
    /// The methods the resource answers, and what each asks.
    fn routes(self) -> Vec<(&'static str, Route<'p>)> {
        match self {
            Resource::Users => vec![("GET", Route::List), ("POST", Route::Create)],
            Resource::User(id) => vec![
                ("GET", Route::Read(id)),
                ("PUT", Route::Replace(id)),
                ("PATCH", Route::Patch(id)),
                ("DELETE", Route::Delete(id)),
            ],
        }
    }

    /// The `Allow` header a 405 carries.
    pub fn allow(self) -> String {
        self.routes().iter().map(|(method, _)| *method).collect::<Vec<_>>().join(", ")
    }

    /// What `method` asks of the resource.
    pub fn route(self, method: &str) -> Result<Route<'p>, Denial> {
        let found = self.routes().into_iter().find(|(m, _)| m.eq_ignore_ascii_case(method.trim()));
        found.map(|(_, route)| route).ok_or_else(|| {
            Denial::new(
                &SCIM_METHOD_NOT_ALLOWED,
                format!("this resource does not answer `{method}`; it answers {}", self.allow()),
            )
        })
    }
}

/// The value of header `name`, whose name compares without case.
pub(super) fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

pub(super) fn check_size(request: &Request) -> Result<(), Denial> {
    let size = request.body.as_ref().map_or(0, String::len);
    require(size <= MAX_BODY_BYTES, &SCIM_BODY_TOO_LARGE, || {
        format!("the body has {size} bytes; the limit is {MAX_BODY_BYTES}")
    })
}

pub(super) fn check_bearer(request: &Request) -> Result<(), Denial> {
    let credentials = header(request, "Authorization").unwrap_or("").trim();
    let (scheme, token) = credentials.split_once(char::is_whitespace).unwrap_or((credentials, ""));
    require(
        scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty(),
        &SCIM_BEARER_TOKEN_REQUIRED,
        || {
            if credentials.is_empty() {
                "the request has no `Authorization` header".to_owned()
            } else if scheme.eq_ignore_ascii_case("bearer") {
                "the `Authorization` header's bearer token is empty".to_owned()
            } else {
                format!("the `Authorization` header is `{scheme} …`, not `Bearer <token>`")
            }
        },
    )
}

/// The path without the base URL and the query, and the query.
pub(super) fn split_target(target: &str) -> (&str, &str) {
    let target = match target.get(..BASE_URL.len()) {
        Some(base) if base.eq_ignore_ascii_case(BASE_URL) => &target[BASE_URL.len()..],
        _ => target,
    };
    target.split_once('?').unwrap_or((target, ""))
}

/// The resource `path` names: `/scim/v2/Users` or `/scim/v2/Users/{id}`, a final `/` allowed.
pub(super) fn resource(path: &str) -> Result<Resource<'_>, Denial> {
    let unknown = || {
        Denial::new(
            &SCIM_RESOURCE_UNKNOWN,
            format!("`{path}` is not a SCIM resource; Twilio serves `{API_ROOT}/Users`"),
        )
    };
    let rest = path.strip_prefix(API_ROOT).ok_or_else(unknown)?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    match rest.strip_prefix("/Users") {
        Some("") => Ok(Resource::Users),
        Some(id) => match id.strip_prefix('/') {
            Some(id) if !id.is_empty() && !id.contains('/') => Ok(Resource::User(id)),
            _ => Err(unknown()),
        },
        None => Err(unknown()),
    }
}

pub(super) fn check_content_type(request: &Request) -> Result<(), Denial> {
    let given = header(request, "Content-Type").unwrap_or("");
    let media_type = given.split(';').next().unwrap_or("").trim();
    require(
        ["application/scim+json", "application/json"]
            .iter()
            .any(|t| media_type.eq_ignore_ascii_case(t)),
        &SCIM_MEDIA_TYPE_UNSUPPORTED,
        || {
            if given.is_empty() {
                "the request has no `Content-Type`; send `application/scim+json`".to_owned()
            } else {
                format!("`Content-Type` is `{given}`; send `application/scim+json`")
            }
        },
    )
}

/// The version a `W/"3"`-style entity tag names (`W/"3"`, `W/3`, `"3"` and `3` are accepted),
/// `None` for `*`, which matches any version. A tag that names no version can match none.
pub(super) fn version_in(tag: &str, what: &str) -> Result<Option<u64>, Denial> {
    let tag = tag.trim();
    if tag == "*" {
        return Ok(None);
    }
    let bare = tag.strip_prefix("W/").unwrap_or(tag);
    let bare = bare.strip_prefix('"').and_then(|b| b.strip_suffix('"')).unwrap_or(bare);
    match bare.parse::<u64>() {
        Ok(version) if bare.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(version)),
        _ => Err(Denial::new(
            &super::SCIM_VERSION_CONFLICT,
            format!(
                "{what} `{tag}` names no version of the user; send `W/\"<version>\"` from `meta.version`"
            ),
        )),
    }
}

/// The version the `If-Match` header names, if the request sends one.
pub(super) fn if_match(request: &Request) -> Result<Option<u64>, Denial> {
    header(request, "If-Match").map_or(Ok(None), |tag| version_in(tag, "`If-Match`"))
}

/// The query's parameters, decoded (`+` is a space, `%xx` a byte).
pub(super) fn query_parameters(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
