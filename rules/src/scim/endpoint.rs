//! Twilio's SCIM Users endpoint (twilio-facts §1.7, §2.2, §2.3): an HTTP request in, the
//! response Twilio documents out, on the same engine as the console.

use super::errors::error_body;
use super::http::{self, Route};
use super::query::{Filter, SCIM_LIST_PAGED, list_query};
use super::resource::{
    ENTERPRISE_SCHEMA, PATCH_SCHEMA, SCIM_UNKNOWN_ATTRIBUTES_IGNORED, USER_SCHEMA, UserBody,
    attributes_json, check_id, check_schemas, etag, json_object, location, resource, user_body,
};
use super::{SCIM_USER_NOT_FOUND, attributes_of, calling_app, patch};
use crate::authz::Actor;
use crate::command::Command;
use crate::engine::{Outcome, submit};
use crate::model::User;
use crate::rule::{Denial, Rule};
use crate::sid::{OauthAppSid, OrgSid, UserSid};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const SCIM_JSON: &str = "application/scim+json";
const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/// An HTTP request to the SCIM API, as an identity provider sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub method: String,
    /// The path and query, such as `/scim/v2/Users?filter=userName%20eq%20%22a%40b.c%22`;
    /// `https://iam.twilio.com` in front of it is allowed.
    pub path: String,
    /// Names compare without regard to case, as HTTP's do.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body exactly as sent, which need not be JSON at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// The HTTP response Twilio would give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// What handling one request did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub response: Response,
    /// The command the request became, applied or refused, for the journal to keep with the app
    /// as its actor. `None` for reads and for requests refused before they became a command;
    /// those change nothing.
    pub command: Option<Command>,
    /// The rules that decided the response: the one that refused it, or the effect rules that
    /// shaped it.
    pub rules: Vec<&'static Rule>,
}

/// Answers `request` as Twilio's SCIM endpoint would for the OAuth app `app`, and applies what it
/// asks to `workspace`. Never panics: malformed input gets an error response.
///
/// Checks run in this order: body size, `Authorization`, the app, path and method, then, per
/// operation, `Content-Type`, JSON, `schemas`, attribute types, and last the command's rules.
pub fn handle(workspace: &mut Workspace, app: &OauthAppSid, request: &Request) -> Exchange {
    answer(workspace, app, request).unwrap_or_else(Refused::into_exchange)
}

fn answer(ws: &mut Workspace, app: &OauthAppSid, request: &Request) -> Result<Exchange, Refused> {
    http::check_size(request)?;
    http::check_bearer(request)?;
    let actor = Actor::App(app.clone());
    let organization = calling_app(ws, &actor)?.organization.clone();
    let (path, query) = http::split_target(&request.path);
    let resource = http::resource(path)?;
    let route = resource.route(&request.method).map_err(|denial| Refused {
        headers: vec![("Allow", resource.allow())],
        ..denial.into()
    })?;
    let caller = Caller { actor, organization };
    match route {
        Route::List => list(ws, &caller, query),
        Route::Create => create(ws, &caller, request),
        Route::Read(id) => read(ws, &caller, id),
        Route::Replace(id) => replace(ws, &caller, id, request),
        Route::Patch(id) => patch(ws, &caller, id, request),
        Route::Delete(id) => delete(ws, &caller, id, request),
    }
}

/// The OAuth app a request comes through, and its organization.
struct Caller {
    actor: Actor,
    organization: OrgSid,
}

impl Caller {
    /// The managed user of the organization that `id` names.
    fn user<'w>(&self, ws: &'w Workspace, id: &str) -> Result<&'w User, Denial> {
        let sid = id.parse::<UserSid>().ok();
        let user = sid.and_then(|sid| ws.user(&sid));
        user.filter(|u| u.role_in(&self.organization).is_some()).ok_or_else(|| {
            Denial::new(
                &SCIM_USER_NOT_FOUND,
                format!("`{id}` is not a managed user of this organization"),
            )
        })
    }

    /// Applies `command`, as the console submits commands: a refusal leaves only its audit
    /// note.
    fn submit(&self, ws: &mut Workspace, command: Command) -> Result<(Outcome, Command), Refused> {
        match submit(ws, &self.actor, &command) {
            Ok(outcome) => Ok((outcome, command)),
            Err(denial) => Err(Refused { command: Some(Box::new(command)), ..denial.into() }),
        }
    }
}

/// A refused request: the rule that refused it, and the command it became, if it became one.
struct Refused {
    denial: Denial,
    command: Option<Box<Command>>,
    headers: Vec<(&'static str, String)>,
}

impl From<Denial> for Refused {
    fn from(denial: Denial) -> Self {
        Refused { denial, command: None, headers: Vec::new() }
    }
}

impl Refused {
    fn into_exchange(self) -> Exchange {
        let (status, body) = error_body(&self.denial);
        let mut headers = scim_headers();
        if status == 401 {
            headers.insert("WWW-Authenticate".into(), "Bearer".into());
        }
        headers.extend(self.headers.into_iter().map(|(name, value)| (name.to_owned(), value)));
        Exchange {
            response: Response { status, headers, body: Some(body) },
            command: self.command.map(|command| *command),
            rules: vec![self.denial.rule],
        }
    }
}

fn scim_headers() -> BTreeMap<String, String> {
    BTreeMap::from([("Content-Type".to_owned(), SCIM_JSON.to_owned())])
}

/// A response carrying `user`'s resource, with its `ETag`.
fn user_response(status: u16, user: &User) -> Response {
    let mut headers = scim_headers();
    headers.insert("ETag".into(), etag(user));
    Response { status, headers, body: Some(resource(user)) }
}

/// The rules that shaped an applied request: the command's, then the endpoint's own.
fn shaped_by(outcome: &Outcome, ignored: bool) -> Vec<&'static Rule> {
    let mut rules = outcome.rules.clone();
    if ignored {
        rules.push(&SCIM_UNKNOWN_ATTRIBUTES_IGNORED);
    }
    rules
}

/// `GET /Users`: the organization's managed users, filtered and paged.
fn list(ws: &Workspace, caller: &Caller, query: &str) -> Result<Exchange, Refused> {
    let query = list_query(&http::query_parameters(query))?;
    let member = |user: &&User| user.role_in(&caller.organization).is_some();
    // The filters Twilio supports are both indexed, so even a large organization is one lookup.
    let matches: Vec<&User> = match &query.filter {
        Some(Filter::UserName(name)) => ws.user_by_email(name).filter(member).into_iter().collect(),
        Some(Filter::ExternalId(id)) => {
            ws.user_by_external_id(&caller.organization, id).filter(member).into_iter().collect()
        }
        None => ws.members(&caller.organization).collect(),
    };
    let page = query.page;
    let resources: Vec<Value> = matches
        .iter()
        .skip(page.start_index - 1)
        .take(page.count.unwrap_or(usize::MAX))
        .map(|user| resource(user))
        .collect();
    let body = json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": matches.len(),
        "startIndex": page.start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    });
    Ok(Exchange {
        response: Response { status: 200, headers: scim_headers(), body: Some(body) },
        command: None,
        rules: if query.paged { vec![&SCIM_LIST_PAGED] } else { Vec::new() },
    })
}

/// `GET /Users/{id}`.
fn read(ws: &Workspace, caller: &Caller, id: &str) -> Result<Exchange, Refused> {
    let user = caller.user(ws, id)?;
    Ok(Exchange { response: user_response(200, user), command: None, rules: Vec::new() })
}

/// A POST or PUT body: JSON, with a User's schemas and attributes.
fn user_request(request: &Request) -> Result<UserBody, Denial> {
    http::check_content_type(request)?;
    let body = json_object(request)?;
    check_schemas(&body, &[USER_SCHEMA, ENTERPRISE_SCHEMA])?;
    user_body(&body)
}

/// `POST /Users`: a new managed user.
fn create(ws: &mut Workspace, caller: &Caller, request: &Request) -> Result<Exchange, Refused> {
    let body = user_request(request)?;
    let command = Command::ScimCreateUser { attributes: body.attributes };
    let (outcome, command) = caller.submit(ws, command)?;
    let user = outcome.created.as_deref().and_then(|sid| caller.user(ws, sid).ok());
    let user = user.expect("an applied ScimCreateUser creates a managed user");
    let mut response = user_response(201, user);
    response.headers.insert("Location".into(), location(user));
    Ok(Exchange { response, command: Some(command), rules: shaped_by(&outcome, body.ignored) })
}

/// `PUT /Users/{id}`: every attribute replaced.
fn replace(
    ws: &mut Workspace,
    caller: &Caller,
    id: &str,
    request: &Request,
) -> Result<Exchange, Refused> {
    let body = user_request(request)?;
    check_id(&body, id)?;
    let if_match = match (http::header(request, "If-Match"), &body.version) {
        (Some(tag), _) => http::version_in(tag, "`If-Match`")?,
        (None, Some(tag)) => http::version_in(tag, "`meta.version`")?,
        (None, None) => None,
    };
    let user = caller.user(ws, id)?.sid.clone();
    let command =
        Command::ScimReplaceUser { user: user.clone(), attributes: body.attributes, if_match };
    written(ws, caller, user, command, body.ignored)
}

/// `PATCH /Users/{id}`: the operations applied to the user's current attributes, then the
/// result replaces them, so that all of them apply or none.
fn patch(
    ws: &mut Workspace,
    caller: &Caller,
    id: &str,
    request: &Request,
) -> Result<Exchange, Refused> {
    http::check_content_type(request)?;
    let body = json_object(request)?;
    check_schemas(&body, &[PATCH_SCHEMA])?;
    let operations = patch::operations(&body)?;
    let if_match = http::if_match(request)?;
    let user = caller.user(ws, id)?;
    let mut patched = attributes_json(&attributes_of(user));
    let ignored = patch::apply(&mut patched, &operations)?;
    let mut body = user_body(&patched)?;
    body.ignored |= ignored;
    let (user, attributes) = (user.sid.clone(), body.attributes);
    let command = Command::ScimPatchUser { user: user.clone(), attributes, if_match };
    written(ws, caller, user, command, body.ignored)
}

/// Applies `command`, which writes `user`'s attributes, and answers with the user as they now
/// are. `ignored` tells whether the request named attributes Twilio ignores.
fn written(
    ws: &mut Workspace,
    caller: &Caller,
    user: UserSid,
    command: Command,
    ignored: bool,
) -> Result<Exchange, Refused> {
    let (outcome, command) = caller.submit(ws, command)?;
    let user = ws.user(&user).expect("a written user exists");
    let rules = shaped_by(&outcome, ignored);
    Ok(Exchange { response: user_response(200, user), command: Some(command), rules })
}

/// `DELETE /Users/{id}`: the user deactivated.
fn delete(
    ws: &mut Workspace,
    caller: &Caller,
    id: &str,
    request: &Request,
) -> Result<Exchange, Refused> {
    let if_match = http::if_match(request)?;
    let user = caller.user(ws, id)?.sid.clone();
    let (outcome, command) = caller.submit(ws, Command::ScimDeleteUser { user, if_match })?;
    Ok(Exchange {
        response: Response { status: 204, headers: BTreeMap::new(), body: None },
        command: Some(command),
        rules: outcome.rules,
    })
}
