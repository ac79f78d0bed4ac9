//! SCIM steps: an HTTP request to the SCIM endpoint, sent through an organization's OAuth app as
//! its identity provider would, and the response it gets.
//!
//! ```json
//! {"scim": {"method": "DELETE", "path": "/scim/v2/Users/{{$user:sam@owlcorp.com}}",
//!           "headers": {"Authorization": "Bearer okta-token"}},
//!  "organization": "Owl Corp", "expect_status": 204}
//! ```

use super::StepReport;
use super::references::References;
use crate::rule::RuleKind;
use crate::scim::endpoint::{Request, handle};
use crate::sid::{OauthAppSid, OrgSid};
use crate::workspace::Workspace;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug)]
pub struct ScimStep {
    pub request: ScimRequest,
    /// The name of the organization whose OAuth app sends the request; left out, the one
    /// organization that has an OAuth app.
    pub organization: Option<String>,
    /// The HTTP status the response must have.
    pub expect_status: Option<u16>,
    /// Rules that must all be among those the endpoint named.
    pub expect_rules: Vec<String>,
}

/// A request as a step writes it. `{{$reference}}` in the path, a header's value or a string of
/// the JSON body stands for what the reference names; a raw body is sent as it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScimRequest {
    pub method: String,
    /// The path and query, such as `/scim/v2/Users?filter=...`.
    pub path: String,
    /// Sent exactly as given: the runner adds none, not even `Authorization`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// A JSON body, sent as its text.
    pub body: Option<Value>,
    /// A body sent exactly as written, which need not be JSON: for malformed requests.
    pub raw_body: Option<String>,
}

/// Sends the step's request and checks the response's status.
pub(super) fn run_scim(
    number: usize,
    workspace: &mut Workspace,
    refs: &mut References,
    step: ScimStep,
) -> Result<StepReport, String> {
    let app = app_of(workspace, refs, step.organization.as_deref())?;
    let request = request(workspace, refs, step.request)?;
    let recorded = workspace.audit().len();
    let exchange = handle(workspace, &app, &request);
    let response = exchange.response;
    let detail = response.body.as_ref().and_then(|body| body.get("detail")?.as_str());
    let message = match detail {
        Some(detail) => format!("status {}: {detail}", response.status),
        None => format!("status {}", response.status),
    };
    let refusal = exchange.rules.iter().find(|rule| rule.kind == RuleKind::Refusal);
    if let Some(expected) = step.expect_status.filter(|status| *status != response.status) {
        let by = refusal.map_or_else(String::new, |rule| format!(" ({})", rule.id));
        return Err(format!("expected status {expected}, got {message}{by}"));
    }
    // What a POST created is `$created` for the steps after it, as for a command.
    let created = response.body.as_ref().and_then(|body| body.get("id")?.as_str());
    if let Some(id) = created.filter(|_| response.status == 201) {
        refs.set_created(id.to_owned());
    }
    let report = StepReport {
        step: number,
        outcome: "answered",
        rule: refusal.map(|rule| rule.id),
        rules: Some(exchange.rules.iter().map(|rule| rule.id).collect()),
        message,
        events: workspace.audit()[recorded..].to_vec(),
        response: Some(response),
    };
    super::check_rules(&step.expect_rules, &report)?;
    Ok(report)
}

/// The OAuth app of the named organization, or of the only organization that has one; the
/// newest, if it has several.
fn app_of(
    ws: &Workspace,
    refs: &mut References,
    organization: Option<&str>,
) -> Result<OauthAppSid, String> {
    let organization: OrgSid = match organization {
        Some(name) => refs.resolve(ws, &format!("$org:{name}"))?.parse()?,
        None => {
            let mut with_app =
                ws.organizations().filter(|o| ws.oauth_apps_of(&o.sid).next().is_some());
            match (with_app.next(), with_app.next()) {
                (Some(only), None) => only.sid.clone(),
                (None, _) => {
                    return Err("no organization has an OAuth app: create one with a \
                        `create_scim_app` step first"
                        .into());
                }
                (Some(_), Some(_)) => {
                    return Err("several organizations have an OAuth app: name the step's \
                        `organization`"
                        .into());
                }
            }
        }
    };
    let newest = ws.oauth_apps_of(&organization).max_by_key(|app| app.date_created);
    newest.map(|app| app.sid.clone()).ok_or_else(|| {
        let name = ws.organization(&organization).map_or("", |o| o.friendly_name.as_str());
        format!("{name} has no OAuth app: create one with a `create_scim_app` step first")
    })
}

/// The request to send, its references filled in.
fn request(ws: &Workspace, refs: &mut References, step: ScimRequest) -> Result<Request, String> {
    let ScimRequest { method, path, headers, body, raw_body } = step;
    let body = match (body, raw_body) {
        (Some(_), Some(_)) => {
            return Err("a `scim` request has a `body` or a `raw_body`, not both".into());
        }
        (Some(json), None) => Some(refs.fill_all(ws, json)?.to_string()),
        (None, raw) => raw,
    };
    let headers = headers
        .into_iter()
        .map(|(name, value)| Ok((name, refs.fill(ws, &value)?)))
        .collect::<Result<_, String>>()?;
    Ok(Request { method, path: refs.fill(ws, &path)?, headers, body })
}
