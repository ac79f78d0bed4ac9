//! Ready-made SCIM requests, as Okta and Entra ID send them, built from the organization's own
//! verified domain and members.

use super::scim_console::{Form, SCIM_JSON, headers, pretty};
use crate::components::action::unique_id;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::Workspace;
use org_rules::model::{OrgRole, User};
use org_rules::scim::endpoint::Request;
use org_rules::sid::OrgSid;
use serde_json::json;

/// The ready-made requests, built from the organization's own domain and members.
#[component]
pub(super) fn Examples(
    organization: OrgSid,
    form: Form,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let heading = unique_id("examples");
    let buttons = EXAMPLES
        .iter()
        .map(|example| {
            let organization = organization.clone();
            let about = unique_id("example");
            let pick = move |_| {
                let request = store.workspace.with_untracked(|ws| {
                    (example.request)(&Sample::of(ws, &organization))
                });
                problem.set(None);
                form.fill(&request);
            };
            view! {
                <li>
                    <button type="button" class="button button-small" aria-describedby=about.clone() on:click=pick>
                        {example.label}
                    </button>
                    " "
                    <span id=about class="help">{example.about}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 id=heading.clone()>"Examples"</h3>
        <ul class="scim-examples" aria-labelledby=heading>{buttons}</ul>
    }
}

/// A ready-made request, and what it shows.
struct Example {
    label: &'static str,
    about: &'static str,
    request: fn(&Sample) -> Request,
}

const EXAMPLES: [Example; 6] = [
    Example {
        label: "Create a user as Okta sends it",
        about: "POST with Okta's attributes: name, work email, locale and Okta's user id as externalId.",
        request: okta_create,
    },
    Example {
        label: "Create a user as Entra ID sends it",
        about: "POST with a capitalised userName, Entra's GUID as externalId, the enterprise extension and \"active\": true.",
        request: entra_create,
    },
    Example {
        label: "Find a user by userName",
        about: "GET with one of the two filters Twilio supports.",
        request: find_by_user_name,
    },
    Example {
        label: "Deactivate by PATCH",
        about: "Entra ID's deprovisioning: replace active with the string \"False\".",
        request: deactivate,
    },
    Example {
        label: "A filter Twilio does not support",
        about: "Twilio filters on userName eq and externalId eq only.",
        request: unsupported_filter,
    },
    Example {
        label: "A duplicate userName",
        about: "POST of an address a member already has.",
        request: duplicate,
    },
];

/// What the examples are made of: the organization's verified domain and members.
struct Sample {
    domain: String,
    /// Whom to deactivate: an active member SCIM created if there is one, never the Owner
    /// unless nobody else is left.
    target: String,
    /// A member's email address, for the duplicate.
    taken: String,
}

impl Sample {
    fn of(ws: &Workspace, organization: &OrgSid) -> Self {
        let mut domains: Vec<(bool, &str)> =
            ws.domains_of(organization).map(|d| (!d.is_verified(), d.name.as_str())).collect();
        domains.sort();
        let domain = domains.first().map_or("example.com", |(_, name)| name).to_owned();
        let authorizers: Vec<_> =
            ws.oauth_apps_of(organization).map(|app| app.created_by.clone()).collect();
        let mut members: Vec<&User> = ws.members(organization).collect();
        // SCIM cannot change the Owner, and deactivating whoever authorized the app would stop
        // provisioning: those come last, as does anyone already deactivated.
        members.sort_by_key(|u| {
            (
                u.role_in(organization) == Some(OrgRole::Owner),
                authorizers.contains(&u.sid),
                !u.active,
                !u.provisioned_by_scim(),
                u.email.clone(),
            )
        });
        let target = members.first().map_or_else(|| "US".to_owned(), |u| u.sid.to_string());
        let in_domain = members.iter().find(|u| u.email_domain() == domain).or(members.first());
        let taken = in_domain.map_or_else(|| format!("someone@{domain}"), |u| u.email.clone());
        Self { domain, target, taken }
    }
}

fn post(body: serde_json::Value, extra: &[(&str, &str)]) -> Request {
    Request {
        method: "POST".to_owned(),
        path: "/scim/v2/Users".to_owned(),
        headers: headers(extra),
        body: Some(pretty(&body)),
    }
}

fn get(path: String) -> Request {
    Request { method: "GET".to_owned(), path, headers: headers(&[]), body: None }
}

fn okta_user(email: &str) -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": email,
        "name": { "givenName": "Jordan", "familyName": "Lee" },
        "emails": [{ "primary": true, "value": email, "type": "work" }],
        "displayName": "Jordan Lee",
        "locale": "en-US",
        "externalId": "00u5j2kq8wTbRr0Ly697",
        "groups": [],
        "active": true
    })
}

fn okta_create(sample: &Sample) -> Request {
    let email = format!("jordan.lee@{}", sample.domain);
    post(okta_user(&email), &[("Accept", SCIM_JSON)])
}

fn entra_create(sample: &Sample) -> Request {
    let email = format!("Riley.Chen@{}", sample.domain);
    let body = json!({
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        ],
        "externalId": "6f1c2b7e-3d4a-4c8e-9b1f-2a7d5e8c0b94",
        "userName": email,
        "active": true,
        "displayName": "Riley Chen",
        "emails": [{ "primary": true, "type": "work", "value": email }],
        "meta": { "resourceType": "User" },
        "name": { "formatted": "Riley Chen", "familyName": "Chen", "givenName": "Riley" },
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "department": "Engineering",
            "employeeNumber": "1042"
        }
    });
    post(body, &[])
}

fn find_by_user_name(sample: &Sample) -> Request {
    get(format!("/scim/v2/Users?filter=userName eq \"{}\"", sample.taken))
}

fn deactivate(sample: &Sample) -> Request {
    let body = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "Replace", "path": "active", "value": "False" }]
    });
    Request {
        method: "PATCH".to_owned(),
        path: format!("/scim/v2/Users/{}", sample.target),
        headers: headers(&[]),
        body: Some(pretty(&body)),
    }
}

fn unsupported_filter(_: &Sample) -> Request {
    get("/scim/v2/Users?filter=displayName co \"a\"".to_owned())
}

fn duplicate(sample: &Sample) -> Request {
    post(okta_user(&sample.taken), &[])
}
