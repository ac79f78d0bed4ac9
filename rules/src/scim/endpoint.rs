//! Twilio's SCIM Users endpoint (twilio-facts §1.7, §2.2, §2.3): an HTTP request in, the
//! response Twilio documents out, on the same engine as the console.

use crate::command::Command;
use crate::rule::Rule;
use crate::sid::OauthAppSid;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

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
pub fn handle(workspace: &mut Workspace, app: &OauthAppSid, request: &Request) -> Exchange {
    let _ = (workspace, app, request);
    todo!("issue 11: the SCIM endpoint")
}
