//! The SCIM HTTP endpoint (twilio-facts §1.7, §2.2, §2.3): requests in, Twilio's responses out,
//! driven against the demo workspace after Owl Corp's Administrator created the OAuth app.

mod support;

use org_rules::Command::CreateScimApp;
use org_rules::model::ActorSid;
use org_rules::scim::endpoint::{Exchange, Request, handle};
use org_rules::scim::http::*;
use org_rules::scim::patch::*;
use org_rules::scim::query::*;
use org_rules::scim::resource::*;
use org_rules::scim::{
    SCIM_DELETE_DEACTIVATES, SCIM_OWNER_PROTECTED, SCIM_USER_CREATED, SCIM_USER_EXISTS,
    SCIM_USER_NOT_FOUND, SCIM_VALUE_INVALID, SCIM_VERSION_CONFLICT,
};
use org_rules::sid::OauthAppSid;
use org_rules::{Command, Rule, check_invariants};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use support::{Demo, demo};

const USERS: &str = "/scim/v2/Users";
const USER_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_URN: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// The demo, with Owl Corp's OAuth app for SCIM.
struct Scim {
    d: Demo,
    app: OauthAppSid,
}

fn scim() -> Scim {
    let mut d = demo();
    let admin = d.admin();
    let outcome = d.allow(&admin, CreateScimApp { organization: d.corp.clone() });
    let app = outcome.created.unwrap().parse().unwrap();
    Scim { d, app }
}

/// A request as an identity provider sends it: with a bearer token, and a JSON body if any.
fn request(method: &str, path: &str, body: Option<Value>) -> Request {
    let mut headers = BTreeMap::from([("Authorization".to_owned(), "Bearer t0k3n".to_owned())]);
    if body.is_some() {
        headers.insert("Content-Type".into(), "application/scim+json".into());
    }
    Request { method: method.into(), path: path.into(), headers, body: body.map(|b| b.to_string()) }
}

fn with_header(mut request: Request, name: &str, value: &str) -> Request {
    request.headers.insert(name.into(), value.into());
    request
}

/// A user as Okta creates them.
fn okta_user(email: &str, external_id: &str) -> Value {
    json!({
        "schemas": [USER_URN],
        "userName": email,
        "name": {"givenName": "Nia", "familyName": "Okafor"},
        "emails": [{"primary": true, "value": email, "type": "work"}],
        "displayName": "Nia Okafor",
        "locale": "en-US",
        "externalId": external_id,
        "active": true
    })
}

fn patch_body(operations: Value) -> Value {
    json!({"schemas": [PATCH_URN], "Operations": operations})
}

/// The stored workspace without its audit log and SID generator, which a refused command
/// changes by its audit note only.
fn stored(s: &Scim) -> String {
    let mut state = s.d.ws.state().clone();
    state.audit.clear();
    state.sids = org_rules::sid::SidGenerator::new(0);
    serde_json::to_string(&state).unwrap()
}

impl Scim {
    fn send(&mut self, request: &Request) -> Exchange {
        let exchange = handle(&mut self.d.ws, &self.app, request);
        assert_eq!(check_invariants(&self.d.ws), Vec::<String>::new());
        exchange
    }

    /// Sends a request that must succeed with `status`; returns the response body.
    fn ok(&mut self, request: &Request, status: u16) -> Value {
        let exchange = self.send(request);
        let response = &exchange.response;
        assert_eq!(response.status, status, "{request:?} answered {response:?}");
        response.body.clone().unwrap_or(Value::Null)
    }

    /// Sends a request that must be refused by `rule`, changing nothing but the audit log's
    /// notes of refusals; returns the error body.
    fn refused(&mut self, request: &Request, rule: &Rule) -> Value {
        let (before, events) = (stored(self), self.d.ws.audit().len());
        let exchange = self.send(request);
        assert_eq!(exchange.rules.iter().map(|r| r.id).collect::<Vec<_>>(), [rule.id]);
        assert_eq!(stored(self), before, "a refused request changed the workspace");
        let notes = &self.d.ws.audit()[events..];
        assert!(notes.iter().all(|e| e.event_type == "command.denied"), "{notes:?}");
        let body = exchange.response.body.unwrap();
        assert_eq!(body["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:Error"]));
        assert_eq!(body["status"], json!(exchange.response.status.to_string()));
        assert_eq!(exchange.response.headers["Content-Type"], "application/scim+json");
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()), "{body}");
        body
    }

    /// Creates a user through SCIM; returns their resource.
    fn create(&mut self, email: &str, external_id: &str) -> Value {
        self.ok(&request("POST", USERS, Some(okta_user(email, external_id))), 201)
    }

    fn get(&mut self, id: &str) -> Value {
        self.ok(&request("GET", &format!("{USERS}/{id}"), None), 200)
    }

    fn sid_of(&self, email: &str) -> String {
        self.d.user(email).sid.to_string()
    }
}

/// The status, scimType and code of an error body.
fn error_of(body: &Value) -> (&str, Option<&str>, Option<u64>) {
    (body["status"].as_str().unwrap(), body["scimType"].as_str(), body["code"].as_u64())
}

/// Asserts that exactly `rules` decided the exchange, in this order.
fn assert_rules(exchange: &Exchange, rules: &[&Rule]) {
    let ids = |rules: &[&Rule]| rules.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&exchange.rules), ids(rules));
}

/// Encodes `text` for a query string, as browsers encode forms.
fn form_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b' ' => "+".to_owned(),
            b if b.is_ascii_alphanumeric() => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

mod happy_paths {
    use super::*;

    #[test]
    fn post_creates_a_user_with_location_etag_and_meta() {
        let mut s = scim();
        let exchange =
            s.send(&request("POST", USERS, Some(okta_user("nia@owlcorp.com", "00u1nia"))));
        let response = &exchange.response;
        assert_eq!(response.status, 201);
        let body = response.body.as_ref().unwrap();
        let id = body["id"].as_str().unwrap();
        assert!(id.starts_with("US"));
        assert_eq!(
            response.headers["Location"],
            format!("https://iam.twilio.com/scim/v2/Users/{id}")
        );
        assert_eq!(response.headers["ETag"], "W/\"1\"");
        assert_eq!(response.headers["Content-Type"], "application/scim+json");
        let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "id",
                "externalId",
                "userName",
                "displayName",
                "name",
                "emails",
                "active",
                "locale",
                "schemas",
                "meta"
            ]
        );
        assert_eq!(body["userName"], "nia@owlcorp.com");
        assert_eq!(body["name"], json!({"givenName": "Nia", "familyName": "Okafor"}));
        assert_eq!(
            body["emails"],
            json!([{"primary": true, "value": "nia@owlcorp.com", "type": "work"}])
        );
        assert_eq!(body["active"], true);
        assert_eq!(body["schemas"], json!([USER_URN]));
        assert_eq!(body["meta"]["resourceType"], "user");
        assert_eq!(body["meta"]["version"], "W/1");
        assert!(body["meta"]["created"].as_str().unwrap().ends_with('Z'));
        assert_rules(&exchange, &[&SCIM_USER_CREATED]);
        assert!(matches!(exchange.command, Some(Command::ScimCreateUser { .. })));
        assert!(s.d.user("nia@owlcorp.com").provisioned_by_scim());
    }

    #[test]
    fn get_by_id_finds_members_of_the_apps_organization() {
        let mut s = scim();
        let created = s.create("nia@owlcorp.com", "00u1nia");
        let id = created["id"].as_str().unwrap();
        assert_eq!(s.get(id), created);
        let exchange = s.send(&request("GET", &format!("{USERS}/{id}"), None));
        assert_eq!(exchange.response.headers["ETag"], "W/\"1\"");
        assert_eq!(exchange.command, None);
        // A member the console added is seen too, with the name the console shows.
        let sam = s.get(&s.sid_of("sam@owlcorp.com"));
        assert_eq!(sam["userName"], "sam@owlcorp.com");
        assert_eq!(sam["displayName"], "Sam Rivera");
        assert_eq!(sam["emails"], json!([{"primary": true, "value": "sam@owlcorp.com"}]));
    }

    #[test]
    fn list_filters_by_user_name_and_external_id() {
        let mut s = scim();
        let nia = s.create("nia@owlcorp.com", "00u1nia");
        s.create("omar@owlcorp.com", "00u2omar");
        let by_name = request(
            "GET",
            &format!("{USERS}?filter=userName%20eq%20%22NIA%40owlcorp.com%22"),
            None,
        );
        let body = s.ok(&by_name, 200);
        assert_eq!(
            body,
            json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                "totalResults": 1,
                "startIndex": 1,
                "itemsPerPage": 1,
                "Resources": [nia.clone()],
            })
        );
        let by_id = request("GET", &format!("{USERS}?filter=externalId+eq+%2200u1nia%22"), None);
        assert_eq!(s.ok(&by_id, 200)["Resources"], json!([nia]));
        // externalId compares exactly.
        let other_case =
            request("GET", &format!("{USERS}?filter=externalId+eq+%2200U1NIA%22"), None);
        assert_eq!(s.ok(&other_case, 200)["totalResults"], 0);
        let nobody = request("GET", &format!("{USERS}?filter=userName+eq+%22x%40y.z%22"), None);
        assert_eq!(s.ok(&nobody, 200)["Resources"], json!([]));
        // Lena of Owl Labs is not one of Owl Corp's users.
        let lena =
            request("GET", &format!("{USERS}?filter=userName+eq+%22lena%40owlcorp.com%22"), None);
        assert_eq!(s.ok(&lena, 200)["totalResults"], 0);
    }

    #[test]
    fn list_returns_every_member_ordered_by_sid_and_pages() {
        let mut s = scim();
        s.create("nia@owlcorp.com", "00u1nia");
        let all = s.ok(&request("GET", USERS, None), 200);
        let ids: Vec<&str> = all["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(all["totalResults"], 4, "Olivia, Arjun, Sam and Nia");
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        let page = s.ok(&request("GET", &format!("{USERS}?startIndex=2&count=2"), None), 200);
        assert_eq!(page["totalResults"], 4);
        assert_eq!(page["startIndex"], 2);
        assert_eq!(page["itemsPerPage"], 2);
        assert_eq!(page["Resources"], json!(all["Resources"].as_array().unwrap()[1..3]));
        let past = s.ok(&request("GET", &format!("{USERS}?startIndex=9"), None), 200);
        assert_eq!(
            (past["itemsPerPage"].clone(), past["Resources"].clone()),
            (json!(0), json!([]))
        );
        let clamped = s.ok(&request("GET", &format!("{USERS}?startIndex=-3&count=-1"), None), 200);
        assert_eq!(
            (clamped["startIndex"].clone(), clamped["itemsPerPage"].clone()),
            (json!(1), json!(0))
        );
    }

    #[test]
    fn put_replaces_the_user() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["displayName"] = json!("Nia O.");
        body["active"] = json!(false);
        let put = with_header(
            request("PUT", &format!("{USERS}/{id}"), Some(body)),
            "If-Match",
            "W/\"1\"",
        );
        let exchange = s.send(&put);
        assert_eq!(exchange.response.status, 200);
        assert_eq!(exchange.response.headers["ETag"], "W/\"2\"");
        let user = exchange.response.body.unwrap();
        assert_eq!(
            (user["displayName"].clone(), user["active"].clone()),
            (json!("Nia O."), json!(false))
        );
        assert_eq!(user["meta"]["version"], "W/2");
        assert_eq!(s.get(&id), user);
        assert!(!s.d.user("nia@owlcorp.com").active);
    }

    #[test]
    fn patch_with_a_path_changes_what_it_names() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let operations = json!([
            {"op": "replace", "path": "name.givenName", "value": "Nya"},
            {"op": "add", "path": "emails", "value": [{"value": "nia.o@owlcorp.com", "type": "home"}]},
            {"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true},
            {"op": "replace", "path": "userName", "value": "nia.o@owlcorp.com"},
            {"op": "remove", "path": "locale"},
        ]);
        let user =
            s.ok(&request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))), 200);
        assert_eq!(user["name"], json!({"givenName": "Nya", "familyName": "Okafor"}));
        assert_eq!(user["userName"], "nia.o@owlcorp.com");
        assert_eq!(
            user["emails"],
            json!([
                {"primary": false, "value": "nia@owlcorp.com", "type": "work"},
                {"primary": true, "value": "nia.o@owlcorp.com", "type": "home"},
            ])
        );
        assert_eq!(user.get("locale"), None);
        assert_eq!(user["externalId"], "00u1nia", "a PATCH leaves the rest as it was");
    }

    #[test]
    fn patch_deactivates_as_entra_and_okta_send_it() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let path = format!("{USERS}/{id}");
        let entra = patch_body(json!([{"op": "Replace", "path": "active", "value": "False"}]));
        assert_eq!(s.ok(&request("PATCH", &path, Some(entra)), 200)["active"], false);
        assert!(!s.d.user("nia@owlcorp.com").active);
        let okta = patch_body(json!([{"op": "replace", "value": {"active": true}}]));
        assert_eq!(s.ok(&request("PATCH", &path, Some(okta)), 200)["active"], true);
        let pathless = patch_body(json!([{"op": "replace", "value": {"active": false}}]));
        let exchange = s.send(&request("PATCH", &path, Some(pathless)));
        assert_eq!(exchange.response.body.unwrap()["meta"]["version"], "W/4");
        assert!(!s.d.user("nia@owlcorp.com").active);
    }

    #[test]
    fn patch_applies_all_operations_or_none() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let operations = json!([
            {"op": "replace", "path": "displayName", "value": "Changed"},
            {"op": "replace", "path": "emails[type eq \"home\"].value", "value": "x@owlcorp.com"},
        ]);
        let body = s.refused(
            &request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))),
            &SCIM_PATCH_NO_TARGET,
        );
        assert_eq!(error_of(&body), ("400", Some("noTarget"), None));
        // The second operation breaks a rule of the command: still nothing changes.
        let operations = json!([
            {"op": "replace", "path": "displayName", "value": "Changed"},
            {"op": "replace", "path": "userName", "value": "someone@owlcorp.com"},
        ]);
        let body = s.refused(
            &request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))),
            &org_rules::scim::SCIM_USER_NAME_NOT_PRIMARY_EMAIL,
        );
        assert_eq!(error_of(&body), ("400", Some("invalidValue"), Some(25014)));
        assert_eq!(s.get(&id)["displayName"], "Nia Okafor");
    }

    #[test]
    fn patch_adding_an_email_already_held_updates_it() {
        // RFC 7644 §3.5.2.1: adding a value already there changes nothing; given sub-attributes
        // (here `primary`, in another case) update the email rather than list it twice.
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let operations = json!([
            {"op": "add", "path": "emails", "value": [{"value": "nia.o@owlcorp.com", "type": "home"}]},
            {"op": "add", "path": "emails", "value": [{"value": "NIA@owlcorp.com", "primary": true}]},
            {"op": "add", "value": {"emails": [{"value": "nia.o@owlcorp.com", "type": "other"}]}},
        ]);
        let user =
            s.ok(&request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))), 200);
        assert_eq!(
            user["emails"],
            json!([
                {"primary": true, "value": "nia@owlcorp.com", "type": "work"},
                {"primary": false, "value": "nia.o@owlcorp.com", "type": "other"},
            ])
        );
    }

    #[test]
    fn a_patch_is_not_told_as_a_replacement() {
        // SCIM_REPLACE_CLEARS_OMITTED tells what a PUT's omissions do; a PATCH that removes an
        // attribute names it, and omits nothing.
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let operations = json!([{"op": "remove", "path": "displayName"}]);
        let exchange =
            s.send(&request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))));
        assert_eq!(exchange.response.status, 200);
        assert_rules(&exchange, &[]);
        assert_eq!(exchange.response.body.unwrap().get("displayName"), None);
        let event = s.d.ws.audit().last().unwrap();
        assert_eq!(event.event_type, "user.updated");
        assert!(event.rules.is_empty(), "the audit log tells no replacement: {:?}", event.rules);
        assert_eq!(exchange.command.unwrap().kind(), "scim_patch_user");
    }

    #[test]
    fn delete_deactivates_and_get_still_finds_the_user() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let exchange = s.send(&request("DELETE", &format!("{USERS}/{id}"), None));
        assert_eq!(exchange.response.status, 204);
        assert_eq!(exchange.response.body, None);
        assert!(exchange.response.headers.is_empty());
        assert_rules(&exchange, &[&SCIM_DELETE_DEACTIVATES]);
        let user = s.get(&id);
        assert_eq!(user["active"], false);
        assert_eq!(user["meta"]["version"], "W/2");
    }

    #[test]
    fn a_stale_if_match_is_a_conflict() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let path = format!("{USERS}/{id}");
        let deactivate = patch_body(json!([{"op": "replace", "path": "active", "value": false}]));
        s.ok(
            &with_header(request("PATCH", &path, Some(deactivate.clone())), "if-match", "W/1"),
            200,
        );
        for tag in ["W/\"1\"", "W/1", "\"1\"", "1", "garbage"] {
            let stale =
                with_header(request("PATCH", &path, Some(deactivate.clone())), "If-Match", tag);
            let body = s.refused(&stale, &SCIM_VERSION_CONFLICT);
            assert_eq!(error_of(&body), ("409", None, Some(25020)));
            assert_eq!(body["moreInfo"], "https://www.twilio.com/docs/api/errors/25020");
        }
        let stale_put = okta_user("nia@owlcorp.com", "00u1nia");
        let mut stale_put = stale_put.as_object().unwrap().clone();
        stale_put.insert("meta".into(), json!({"version": "W/1"}));
        s.refused(&request("PUT", &path, Some(Value::Object(stale_put))), &SCIM_VERSION_CONFLICT);
        s.refused(
            &with_header(request("DELETE", &path, None), "If-Match", "W/\"1\""),
            &SCIM_VERSION_CONFLICT,
        );
        s.ok(&with_header(request("DELETE", &path, None), "If-Match", "*"), 204);
    }

    #[test]
    fn meta_version_counts_only_on_a_put_without_if_match() {
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["meta"] = json!({"version": "garbage", "created": "yesterday"});
        let id = s.ok(&request("POST", USERS, Some(body.clone())), 201)["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("{USERS}/{id}");
        body["meta"] = json!({"version": "W/1"});
        body["displayName"] = json!("Nia O.");
        s.ok(&request("PUT", &path, Some(body.clone())), 200);
        // Now at W/2: the If-Match header decides, not the stale meta.version.
        body["displayName"] = json!("Nia Okafor");
        let put = with_header(request("PUT", &path, Some(body)), "If-Match", "W/\"2\"");
        assert_eq!(s.ok(&put, 200)["meta"]["version"], "W/3");
    }

    #[test]
    fn an_app_that_cannot_act_answers_401() {
        let mut s = scim();
        let arjun = s.d.user("arjun@owlcorp.com").sid.clone();
        s.d.with_state(|state| state.users.get_mut(&arjun).unwrap().active = false);
        let body =
            s.refused(&request("GET", USERS, None), &org_rules::scim::SCIM_APP_AUTHORIZER_INACTIVE);
        assert_eq!(error_of(&body), ("401", None, None));
        s.app = "OQ00000000000000000000000000000000".parse().unwrap();
        s.refused(&request("GET", USERS, None), &org_rules::scim::SCIM_APP_REQUIRED);
    }

    #[test]
    fn the_owner_cannot_be_changed() {
        let mut s = scim();
        let owner = s.sid_of("olivia@owlcorp.com");
        let path = format!("{USERS}/{owner}");
        let deactivate = patch_body(json!([{"op": "replace", "path": "active", "value": false}]));
        let body = s.refused(&request("PATCH", &path, Some(deactivate)), &SCIM_OWNER_PROTECTED);
        assert_eq!(error_of(&body), ("400", Some("mutability"), Some(25016)));
        s.refused(&request("DELETE", &path, None), &SCIM_OWNER_PROTECTED);
        assert_eq!(s.get(&owner)["active"], true, "SCIM still reads the Owner");
    }

    #[test]
    fn scim_writes_are_audit_events_of_the_app() {
        let mut s = scim();
        let events = s.d.ws.audit().len();
        s.create("nia@owlcorp.com", "00u1nia");
        s.refused(
            &request("POST", USERS, Some(okta_user("nia@owlcorp.com", "00u9"))),
            &SCIM_USER_EXISTS,
        );
        let recorded = &s.d.ws.audit()[events..];
        assert_eq!(recorded.len(), 2);
        assert_eq!(recorded[0].event_type, "user.created");
        assert_eq!(recorded[1].event_type, "command.denied");
        for event in recorded {
            assert_eq!(event.actor_sid, Some(ActorSid::App(s.app.clone())));
        }
    }

    #[test]
    fn duplicates_and_strangers_are_refused_as_twilio_answers() {
        let mut s = scim();
        s.create("nia@owlcorp.com", "00u1nia");
        let body = s.refused(
            &request("POST", USERS, Some(okta_user("NIA@owlcorp.com", "00u2"))),
            &SCIM_USER_EXISTS,
        );
        assert_eq!(error_of(&body), ("409", Some("uniqueness"), Some(25022)));
        assert_eq!(body["moreInfo"], "https://www.twilio.com/docs/api/errors/25022");
        let lena = s.sid_of("lena@owlcorp.com");
        for id in [lena.as_str(), "US00000000000000000000000000000000", "nonsense"] {
            let body =
                s.refused(&request("GET", &format!("{USERS}/{id}"), None), &SCIM_USER_NOT_FOUND);
            assert_eq!(error_of(&body), ("404", None, Some(25008)));
            s.refused(
                &request(
                    "PATCH",
                    &format!("{USERS}/{id}"),
                    Some(patch_body(json!([{"op": "remove", "path": "locale"}]))),
                ),
                &SCIM_USER_NOT_FOUND,
            );
            s.refused(&request("DELETE", &format!("{USERS}/{id}"), None), &SCIM_USER_NOT_FOUND);
        }
    }
}

mod malformed_input {
    use super::*;

    #[test]
    fn a_ten_megabyte_body_is_refused_unread() {
        let mut s = scim();
        let mut huge = request("POST", USERS, None);
        huge.headers.insert("Content-Type".into(), "application/scim+json".into());
        huge.body = Some(format!("{{\"userName\":\"{}\"}}", "a".repeat(10 << 20)));
        let body = s.refused(&huge, &SCIM_BODY_TOO_LARGE);
        assert_eq!(error_of(&body), ("413", None, None));
    }

    #[test]
    fn wrong_types_name_the_attribute() {
        let mut s = scim();
        let cases = [
            ("active", json!("maybe"), "`active` must be true or false"),
            ("active", json!(1), "`active` must be true or false"),
            ("userName", json!(42), "`userName` must be a string"),
            ("emails", json!("nia@owlcorp.com"), "`emails` must be an array"),
            ("emails", json!(["nia@owlcorp.com"]), "`emails` must be an array of objects"),
            ("name", json!("Nia"), "`name` must be an object"),
            ("schemas", json!(USER_URN), "`schemas` must be an array of schema URNs"),
        ];
        for (attribute, value, detail) in cases {
            let mut body = okta_user("nia@owlcorp.com", "00u1nia");
            body[attribute] = value;
            let error = s.refused(&request("POST", USERS, Some(body)), &SCIM_VALUE_INVALID);
            assert_eq!(error_of(&error), ("400", Some("invalidValue"), None));
            assert_eq!(error["detail"], detail);
        }
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["emails"][0]["primary"] = json!({"yes": true});
        let error = s.refused(&request("POST", USERS, Some(body)), &SCIM_VALUE_INVALID);
        assert_eq!(error["detail"], "`emails.primary` must be true or false");
        let bad_count = request("GET", &format!("{USERS}?count=ten"), None);
        s.refused(&bad_count, &SCIM_VALUE_INVALID);
    }

    #[test]
    fn attribute_names_compare_without_case_and_null_is_absent() {
        let mut s = scim();
        let body = json!({
            "USERNAME": "nia@owlcorp.com",
            "Emails": [{"VALUE": "nia@owlcorp.com", "Primary": "TRUE"}],
            "displayname": null,
            "ACTIVE": "False",
        });
        let user = s.ok(&request("POST", USERS, Some(body)), 201);
        assert_eq!(user["userName"], "nia@owlcorp.com");
        assert_eq!(user["active"], false);
        assert_eq!(user.get("displayName"), None);
    }

    #[test]
    fn missing_user_name_and_emails_answer_twilios_codes() {
        let mut s = scim();
        let body = s.refused(
            &request("POST", USERS, Some(json!({"emails": [{"value": "nia@owlcorp.com"}]}))),
            &org_rules::scim::SCIM_USER_NAME_INVALID,
        );
        assert_eq!(error_of(&body), ("400", Some("invalidValue"), Some(25005)));
        let body = s.refused(
            &request("POST", USERS, Some(json!({"userName": "nia@owlcorp.com"}))),
            &org_rules::scim::SCIM_EMAIL_REQUIRED,
        );
        assert_eq!(error_of(&body), ("400", Some("invalidValue"), Some(25010)));
    }

    #[test]
    fn garbage_requests_are_answered() {
        let mut s = scim();
        let bodies = ["", "nul", "{", "[1,2]", "\"text\"", "{\"userName\":", "\u{0}", "{}"];
        for method in ["POST", "PUT", "PATCH"] {
            for text in bodies {
                let mut garbage =
                    request(method, &format!("{USERS}/{}", s.sid_of("sam@owlcorp.com")), None);
                if method == "POST" {
                    garbage.path = USERS.into();
                }
                garbage.headers.insert("Content-Type".into(), "application/json".into());
                garbage.body = Some(text.into());
                let exchange = s.send(&garbage);
                assert!(
                    exchange.response.status >= 400,
                    "{method} {text:?} → {:?}",
                    exchange.response
                );
            }
        }
        // Multi-byte text where a URN or a base URL could end.
        let urn_like = "urn:ietf:params:scim:schemas:core:2.0:Use\u{e9}";
        let filter = form_encode(&format!("{urn_like} eq \"x\""));
        s.refused(
            &request("GET", &format!("{USERS}?filter={filter}"), None),
            &SCIM_FILTER_UNSUPPORTED,
        );
        let sam = format!("{USERS}/{}", s.sid_of("sam@owlcorp.com"));
        let operations = json!([{"op": "replace", "path": urn_like, "value": "x"}]);
        s.ok(&request("PATCH", &sam, Some(patch_body(operations))), 200);
        s.send(&request("GET", "https://iam.twilio.co\u{e9}/scim/v2/Users", None));
        for path in ["", "/", "?", "/scim/v2/Users?filter=%", "/scim/v2/Users/%00", "\u{1F989}"] {
            let exchange = s.send(&request("GET", path, None));
            assert!(exchange.response.body.is_some(), "{path:?}");
        }
    }
}

mod scale {
    use super::*;
    use org_rules::model::OrgRole;
    use org_rules::scale::{Scale, large_workspace};
    use org_rules::{Actor, apply};
    use std::time::Instant;

    #[test]
    fn a_list_of_ten_thousand_users_is_not_quadratic() {
        let mut ws = large_workspace(Scale::LARGE);
        let org = ws.organizations().next().unwrap().sid.clone();
        let admin = ws
            .members(&org)
            .find(|u| u.role_in(&org) == Some(OrgRole::Administrator))
            .unwrap()
            .sid
            .clone();
        let app: OauthAppSid =
            apply(&mut ws, &Actor::User(admin), &CreateScimApp { organization: org.clone() })
                .unwrap()
                .created
                .unwrap()
                .parse()
                .unwrap();
        let members = ws.members(&org).count();
        let someone = ws.members(&org).last().unwrap().email.clone();
        let started = Instant::now();
        let all = handle(&mut ws, &app, &request("GET", USERS, None));
        let body = all.response.body.unwrap();
        assert_eq!(body["totalResults"], members);
        assert_eq!(body["Resources"].as_array().unwrap().len(), members);
        let filter = format!("{USERS}?filter=userName+eq+%22{someone}%22");
        for _ in 0..1000 {
            let one = handle(&mut ws, &app, &request("GET", &filter, None));
            assert_eq!(one.response.body.unwrap()["totalResults"], 1);
        }
        let page = handle(
            &mut ws,
            &app,
            &request("GET", &format!("{USERS}?startIndex=900&count=10"), None),
        );
        assert_eq!(page.response.body.unwrap()["itemsPerPage"], 10);
        assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
    }

    #[test]
    fn a_patch_touching_every_email_of_a_megabyte_body_is_not_quadratic() {
        // As many emails as 1 MiB holds, then one operation that writes all of them.
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let many: Vec<Value> = (0..45_000).map(|i| json!({"value": format!("{i}@o.co")})).collect();
        let operations = json!([
            {"op": "add", "path": "emails", "value": many},
            {"op": "replace", "path": "emails.type", "value": "work"},
            {"op": "remove", "path": "emails[type eq \"work\"]"},
        ]);
        let request = request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations)));
        assert!(request.body.as_ref().unwrap().len() <= MAX_BODY_BYTES);
        let started = Instant::now();
        s.refused(&request, &org_rules::scim::SCIM_EMAIL_REQUIRED);
        assert!(started.elapsed().as_secs() < 3, "took {:?}", started.elapsed());
    }
}

mod scim_bearer_token_required {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        let lower = with_header(request("GET", USERS, None), "authorization", "bearer abc");
        let mut lower = lower;
        lower.headers.remove("Authorization");
        s.ok(&lower, 200);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let mut anonymous = request("GET", USERS, None);
        anonymous.headers.clear();
        let basic = with_header(request("GET", USERS, None), "Authorization", "Basic dXNlcjpwYXNz");
        let empty = with_header(request("GET", USERS, None), "Authorization", "Bearer   ");
        for request in [anonymous, basic, empty] {
            let body = s.refused(&request, &SCIM_BEARER_TOKEN_REQUIRED);
            assert_eq!(error_of(&body), ("401", None, None));
            let exchange = s.send(&request);
            assert_eq!(exchange.response.headers["WWW-Authenticate"], "Bearer");
        }
    }
}

mod scim_filter_unsupported {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        s.create("nia@owlcorp.com", "00u1nia");
        for filter in [
            "userName eq \"nia@owlcorp.com\"",
            "  USERNAME   EQ   \"nia@owlcorp.com\"  ",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"nia@owlcorp.com\"",
            "externalId eq \"00u1\\u006eia\"",
        ] {
            let query: String = form_encode(filter);
            let body = s.ok(&request("GET", &format!("{USERS}?filter={query}"), None), 200);
            assert_eq!(body["totalResults"], 1, "{filter}");
        }
        // Injection-like text inside the value is a value, which nobody has.
        let query =
            form_encode("userName eq \"x\\\" or 1 eq 1 or userName eq \\\"nia@owlcorp.com\"");
        assert_eq!(
            s.ok(&request("GET", &format!("{USERS}?filter={query}"), None), 200)["totalResults"],
            0
        );
    }

    #[test]
    fn refused() {
        let mut s = scim();
        for filter in [
            "name.givenName eq \"Nia\"",
            "userName co \"nia\"",
            "userName sw \"n\"",
            "userName pr",
            "userName eq \"a@b.c\" and externalId eq \"x\"",
            "userName eq \"a@b.c\" or 1 eq 1",
            "not (userName eq \"a@b.c\")",
            "emails[value eq \"a@b.c\"]",
            "userName eq \"a@b.c",
            "userName eq a@b.c",
            "userName eq true",
            "userName eq \"a\"; DROP TABLE users; --",
            "",
            // RFC 7644's filter grammar separates with spaces; Unicode spaces are not spaces.
            "userName\u{a0}eq\u{a0}\"nia@owlcorp.com\"",
            "userName\u{3000}eq \"nia@owlcorp.com\"",
        ] {
            let query = form_encode(filter);
            let body = s.refused(
                &request("GET", &format!("{USERS}?filter={query}"), None),
                &SCIM_FILTER_UNSUPPORTED,
            );
            assert_eq!(error_of(&body), ("400", Some("invalidFilter"), Some(25001)), "{filter}");
        }
    }
}

mod scim_invalid_syntax {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        s.create("nia@owlcorp.com", "00u1nia");
    }

    #[test]
    fn refused() {
        let mut s = scim();
        for text in [None, Some(""), Some("{\"userName\": "), Some("[]"), Some("42")] {
            let mut bad = request("POST", USERS, Some(json!({})));
            bad.body = text.map(str::to_owned);
            let body = s.refused(&bad, &SCIM_INVALID_SYNTAX);
            assert_eq!(error_of(&body), ("400", Some("invalidSyntax"), None));
        }
        let sam = format!("{USERS}/{}", s.sid_of("sam@owlcorp.com"));
        for operations in [
            json!([]),
            json!({"op": "add"}),
            json!([{"op": "move", "path": "active", "value": false}]),
            json!([{"op": "replace", "path": "active"}]),
            json!([{"op": "replace", "value": "inactive"}]),
        ] {
            s.refused(&request("PATCH", &sam, Some(patch_body(operations))), &SCIM_INVALID_SYNTAX);
        }
        s.refused(
            &request("PATCH", &sam, Some(json!({"schemas": [PATCH_URN]}))),
            &SCIM_INVALID_SYNTAX,
        );
    }
}

mod scim_schema_unsupported {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["schemas"] =
            json!([USER_URN, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]);
        s.ok(&request("POST", USERS, Some(body)), 201);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["schemas"] = json!(["urn:ietf:params:scim:schemas:core:2.0:Group"]);
        let error = s.refused(&request("POST", USERS, Some(body)), &SCIM_SCHEMA_UNSUPPORTED);
        assert_eq!(error_of(&error), ("400", Some("invalidValue"), Some(25006)));
        let sam = format!("{USERS}/{}", s.sid_of("sam@owlcorp.com"));
        let user_schema_patch =
            json!({"schemas": [USER_URN], "Operations": [{"op": "remove", "path": "locale"}]});
        s.refused(&request("PATCH", &sam, Some(user_schema_patch)), &SCIM_SCHEMA_UNSUPPORTED);
    }
}

mod scim_patch_no_target {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let operations = json!([
            {"op": "replace", "path": "emails[type eq \"work\"].type", "value": "office"},
            {"op": "add", "path": "emails[type eq \"home\"].value", "value": "nia.home@owlcorp.com"},
        ]);
        let user =
            s.ok(&request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))), 200);
        assert_eq!(
            user["emails"],
            json!([
                {"primary": true, "value": "nia@owlcorp.com", "type": "office"},
                {"primary": false, "value": "nia.home@owlcorp.com", "type": "home"},
            ])
        );
        let remove = json!([{"op": "remove", "path": "emails[value eq \"NIA.HOME@owlcorp.com\"]"}]);
        let user = s.ok(&request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(remove))), 200);
        assert_eq!(user["emails"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        for operations in [
            json!([{"op": "remove"}]),
            json!([{"op": "replace", "path": "emails[type eq \"home\"]", "value": {"value": "a@owlcorp.com"}}]),
            json!([{"op": "remove", "path": "emails[primary eq false]"}]),
        ] {
            let body = s.refused(
                &request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))),
                &SCIM_PATCH_NO_TARGET,
            );
            assert_eq!(error_of(&body), ("400", Some("noTarget"), None));
        }
    }
}

mod scim_patch_path_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let operations = json!([
            {"op": "replace", "path": "urn:ietf:params:scim:schemas:core:2.0:User:DISPLAYNAME", "value": "N. Okafor"},
            {"op": "add", "path": "NAME.familyName", "value": "Okafor-Hart"},
        ]);
        let user =
            s.ok(&request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))), 200);
        assert_eq!(user["displayName"], "N. Okafor");
        assert_eq!(user["name"]["familyName"], "Okafor-Hart");
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        for path in [
            "emails[type eq \"work\"",
            "emails[type sw \"w\"].value",
            "emails[type eq \"work\"]value",
            "name..givenName",
            "9lives",
            "",
            "userName[value eq \"x\"]",
            "active.value",
            "userName eq \"x\"",
            "emails[type\u{a0}eq\u{a0}\"work\"].value",
        ] {
            let operations = json!([{"op": "replace", "path": path, "value": "x"}]);
            let body = s.refused(
                &request("PATCH", &format!("{USERS}/{id}"), Some(patch_body(operations))),
                &SCIM_PATCH_PATH_INVALID,
            );
            assert_eq!(error_of(&body), ("400", Some("invalidPath"), None), "{path}");
        }
    }
}

mod scim_id_read_only {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["id"] = json!("US11111111111111111111111111111111");
        let created = s.ok(&request("POST", USERS, Some(body.clone())), 201);
        let id = created["id"].as_str().unwrap();
        assert_ne!(id, "US11111111111111111111111111111111", "a POST's id is ignored");
        body["id"] = json!(id);
        body["displayName"] = json!("Nia");
        s.ok(&request("PUT", &format!("{USERS}/{id}"), Some(body)), 200);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let id = s.create("nia@owlcorp.com", "00u1nia")["id"].as_str().unwrap().to_owned();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["id"] = json!(s.sid_of("sam@owlcorp.com"));
        let error =
            s.refused(&request("PUT", &format!("{USERS}/{id}"), Some(body)), &SCIM_ID_READ_ONLY);
        assert_eq!(error_of(&error), ("400", Some("mutability"), None));
    }
}

mod scim_media_type_unsupported {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        let post = request("POST", USERS, Some(okta_user("nia@owlcorp.com", "00u1nia")));
        s.ok(&with_header(post, "Content-Type", "Application/JSON; charset=utf-8"), 201);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let post = request("POST", USERS, Some(okta_user("nia@owlcorp.com", "00u1nia")));
        for content_type in
            ["text/plain", "application/x-www-form-urlencoded", "application/scim+xml"]
        {
            let body = s.refused(
                &with_header(post.clone(), "Content-Type", content_type),
                &SCIM_MEDIA_TYPE_UNSUPPORTED,
            );
            assert_eq!(error_of(&body), ("415", None, None));
        }
        let mut untyped = post;
        untyped.headers.remove("Content-Type");
        s.refused(&untyped, &SCIM_MEDIA_TYPE_UNSUPPORTED);
    }
}

mod scim_body_too_large {
    use super::*;

    #[test]
    fn allowed() {
        // Just under 1 MiB, mostly an attribute Twilio ignores.
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["title"] = json!("x".repeat(MAX_BODY_BYTES - 1000));
        let post = request("POST", USERS, Some(body));
        assert!(post.body.as_ref().unwrap().len() <= MAX_BODY_BYTES);
        s.ok(&post, 201);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["title"] = json!("x".repeat(MAX_BODY_BYTES));
        let error = s.refused(&request("POST", USERS, Some(body)), &SCIM_BODY_TOO_LARGE);
        assert_eq!(error_of(&error), ("413", None, None));
    }
}

mod scim_resource_unknown {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        s.ok(&request("GET", "https://iam.twilio.com/scim/v2/Users/", None), 200);
        let sam = s.sid_of("sam@owlcorp.com");
        s.ok(&request("GET", &format!("https://iam.twilio.com/scim/v2/Users/{sam}/"), None), 200);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        for path in [
            "/scim/v2/Groups",
            "/scim/v2/ServiceProviderConfig",
            "/scim/v2/Users/US1/x",
            "/v2/Users",
            "/scim/v2/Usersx",
        ] {
            let body = s.refused(&request("GET", path, None), &SCIM_RESOURCE_UNKNOWN);
            assert_eq!(error_of(&body), ("404", None, None));
        }
    }
}

mod scim_method_not_allowed {
    use super::*;

    #[test]
    fn allowed() {
        let mut s = scim();
        s.ok(&request("get", USERS, None), 200);
    }

    #[test]
    fn refused() {
        let mut s = scim();
        let exchange = s.send(&request("DELETE", USERS, None));
        assert_eq!(exchange.response.headers["Allow"], "GET, POST");
        let body = s.refused(&request("DELETE", USERS, None), &SCIM_METHOD_NOT_ALLOWED);
        assert_eq!(error_of(&body), ("405", None, None));
        let sam = format!("{USERS}/{}", s.sid_of("sam@owlcorp.com"));
        let exchange = s.send(&request("POST", &sam, Some(json!({}))));
        assert_eq!(exchange.response.status, 405);
        assert_eq!(exchange.response.headers["Allow"], "GET, PUT, PATCH, DELETE");
    }
}

mod scim_list_paged {
    use super::*;

    #[test]
    fn applies() {
        let mut s = scim();
        let exchange = s.send(&request("GET", &format!("{USERS}?startIndex=2&count=1"), None));
        assert_rules(&exchange, &[&SCIM_LIST_PAGED]);
        let body = exchange.response.body.unwrap();
        assert_eq!(
            (body["totalResults"].clone(), body["itemsPerPage"].clone()),
            (json!(3), json!(1))
        );
        let exchange = s.send(&request("GET", &format!("{USERS}?count=0"), None));
        assert_rules(&exchange, &[&SCIM_LIST_PAGED]);
        assert_eq!(exchange.response.body.unwrap()["Resources"], json!([]));
        // Integers beyond 64 bits are still integers: past the end, and every match.
        let huge = "99999999999999999999999";
        let path = format!("{USERS}?startIndex={huge}&count={huge}");
        let body = s.ok(&request("GET", &path, None), 200);
        assert_eq!(
            (body["totalResults"].clone(), body["Resources"].clone()),
            (json!(3), json!([]))
        );
        let path = format!("{USERS}?startIndex=-{huge}&count={huge}");
        assert_eq!(s.ok(&request("GET", &path, None), 200)["itemsPerPage"], 3);
    }

    #[test]
    fn absent() {
        let mut s = scim();
        let exchange = s.send(&request("GET", &format!("{USERS}?attributes=userName"), None));
        assert_rules(&exchange, &[]);
        assert_eq!(exchange.response.body.unwrap()["itemsPerPage"], 3);
    }
}

mod scim_unknown_attributes_ignored {
    use super::*;

    #[test]
    fn applies() {
        let mut s = scim();
        let mut body = okta_user("nia@owlcorp.com", "00u1nia");
        body["password"] = json!("hunter22");
        body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] =
            json!({"department": "Ops"});
        body["name"]["formatted"] = json!("Nia Okafor");
        let exchange = s.send(&request("POST", USERS, Some(body)));
        assert_rules(&exchange, &[&SCIM_USER_CREATED, &SCIM_UNKNOWN_ATTRIBUTES_IGNORED]);
        let user = exchange.response.body.unwrap();
        assert_eq!(user.get("password"), None);
        assert_eq!(user["name"], json!({"givenName": "Nia", "familyName": "Okafor"}));
        // As Entra ID patches: an extension attribute, an address, a dotted name in a value.
        let operations = json!([
            {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Ops"},
            {"op": "Add", "path": "addresses[type eq \"work\"].streetAddress", "value": "1 Owl Way"},
            {"op": "Replace", "value": {"name.givenName": "Nya", "title": "Lead"}},
        ]);
        let path = format!("{USERS}/{}", user["id"].as_str().unwrap());
        let exchange = s.send(&request("PATCH", &path, Some(patch_body(operations))));
        assert_eq!(exchange.response.status, 200);
        assert_rules(&exchange, &[&SCIM_UNKNOWN_ATTRIBUTES_IGNORED]);
        assert_eq!(exchange.response.body.unwrap()["name"]["givenName"], "Nya");
    }

    #[test]
    fn absent() {
        let mut s = scim();
        let exchange =
            s.send(&request("POST", USERS, Some(okta_user("nia@owlcorp.com", "00u1nia"))));
        assert_rules(&exchange, &[&SCIM_USER_CREATED]);
    }
}
