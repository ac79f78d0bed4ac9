//! What a reference such as `"$org:Owl Labs"` stands for when a step runs, and what each one
//! stood for before: after a merge, `$gone:org:Owl Labs` still names the Candidate.

use crate::model::InvitationState;
use crate::sid::{AccountSid, DomainSid, InvitationSid, OrgSid, SsoProfileSid, UserSid};
use crate::workspace::Workspace;
use serde_json::Value;
use std::collections::HashMap;
use std::str::FromStr;

#[derive(Debug, Default)]
pub(super) struct References {
    /// What the latest creating step created: `$created`.
    created: Option<String>,
    /// Everything each `kind:name` named so far, oldest first, for `$gone:`.
    named: HashMap<String, Vec<String>>,
}

impl References {
    pub(super) fn set_created(&mut self, sid: String) {
        self.created = Some(sid);
    }

    /// Replaces every reference in a command with what it names.
    pub(super) fn resolve_all(&mut self, ws: &Workspace, value: Value) -> Result<Value, String> {
        map_strings(value, &mut |text| self.resolve(ws, text))
    }

    /// Replaces every `{{$reference}}` inside the strings of `value` with what it names.
    pub(super) fn fill_all(&mut self, ws: &Workspace, value: Value) -> Result<Value, String> {
        map_strings(value, &mut |text| self.fill(ws, text))
    }

    /// Replaces every `{{$reference}}` inside `text` with what it names, for a reference within
    /// a longer string, such as a SCIM request's path `/scim/v2/Users/{{$user:sam@owlcorp.com}}`.
    pub(super) fn fill(&mut self, ws: &Workspace, text: &str) -> Result<String, String> {
        let mut filled = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let length = rest[start..]
                .find("}}")
                .ok_or_else(|| format!("`{text}`: a `{{{{` has no `}}}}` after it"))?;
            let reference = rest[start + 2..start + length].trim();
            if !reference.starts_with('$') {
                return Err(format!(
                    "`{text}`: `{{{{{reference}}}}}` holds no reference such as `$user:EMAIL`"
                ));
            }
            filled.push_str(&rest[..start]);
            filled.push_str(&self.resolve(ws, reference)?);
            rest = &rest[start + length + 2..];
        }
        filled.push_str(rest);
        Ok(filled)
    }

    /// What `text` names; a string that is not a reference, such as a literal SID, names itself.
    pub(super) fn resolve(&mut self, ws: &Workspace, text: &str) -> Result<String, String> {
        self.find(ws, text)?.ok_or_else(|| self.missing(text))
    }

    /// Like [`Self::resolve`], but `None` when a `$kind:name` names nothing now, which a fact
    /// saying `"exists": false` is glad to hear.
    pub(super) fn find(&mut self, ws: &Workspace, text: &str) -> Result<Option<String>, String> {
        let Some(reference) = text.strip_prefix('$') else {
            return Ok(Some(text.to_owned()));
        };
        if reference == "created" {
            let created = self.created.clone().map(Some);
            return created.ok_or_else(|| format!("`{text}`: no step has created anything yet"));
        }
        let (kind, name) =
            reference.split_once(':').ok_or_else(|| format!("`{text}` is not `$kind:name`"))?;
        if kind == "gone" {
            return self.gone(ws, name).map(Some).map_err(|e| format!("`{text}`: {e}"));
        }
        let found = lookup(ws, kind, name).map_err(|e| format!("`{text}`: {e}"))?;
        if let Some(sid) = &found {
            let named = self.named.entry(reference.to_owned()).or_default();
            if named.last() != Some(sid) {
                named.push(sid.clone());
            }
        }
        Ok(found)
    }

    /// The latest object `$reference` named that is no longer in the workspace.
    fn gone(&self, ws: &Workspace, reference: &str) -> Result<String, String> {
        let (kind, _) = reference.split_once(':').ok_or("`$gone:` is followed by `kind:name`")?;
        let named = self
            .named
            .get(reference)
            .ok_or_else(|| format!("no step before this one named `${reference}`"))?;
        for sid in named.iter().rev() {
            if !still_there(ws, kind, sid)? {
                return Ok(sid.clone());
            }
        }
        Err(format!("what `${reference}` named is still there"))
    }

    /// Why `text` names nothing, pointing to `$gone:` when it named something before.
    fn missing(&self, text: &str) -> String {
        let reference = &text[1..];
        let kind = reference.split_once(':').map_or(reference, |(kind, _)| kind);
        if self.named.contains_key(reference) {
            format!(
                "`{text}`: no such {kind} now; `$gone:{reference}` names the one it named before"
            )
        } else {
            format!("`{text}`: no such {kind}")
        }
    }
}

/// `value` with `change` made to each of its strings, however deep; keys stay as they are.
fn map_strings(
    value: Value,
    change: &mut impl FnMut(&str) -> Result<String, String>,
) -> Result<Value, String> {
    Ok(match value {
        Value::String(text) => Value::String(change(&text)?),
        Value::Array(items) => Value::Array(
            items.into_iter().map(|v| map_strings(v, change)).collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| map_strings(v, change).map(|v| (k, v)))
                .collect::<Result<_, _>>()?,
        ),
        other => other,
    })
}

/// The SID, or for `record` and `token` the value, that `$kind:name` names in the workspace now.
fn lookup(ws: &Workspace, kind: &str, name: &str) -> Result<Option<String>, String> {
    let state = ws.state();
    let domain = || {
        let mut named: Vec<_> = ws.domains_named(name).collect();
        named.sort_by_key(|d| !d.is_verified());
        named.first().copied()
    };
    Ok(match kind {
        "org" => only(ws.organizations().filter(|o| o.friendly_name == name).map(|o| &o.sid))?,
        "user" => ws.user_by_email(name).map(|u| u.sid.to_string()),
        "domain" => domain().map(|d| d.sid.to_string()),
        "record" => domain().map(|d| d.record_name()),
        "token" => domain().map(|d| d.record_value()),
        "account" => only(
            state
                .accounts
                .values()
                .map(|a| (&a.sid, &a.friendly_name))
                .chain(state.subaccounts.values().map(|s| (&s.sid, &s.friendly_name)))
                .filter(|(_, friendly)| *friendly == name)
                .map(|(sid, _)| sid),
        )?,
        "invitation" => {
            // Invitations are looked up by invitee email, or by account SID for an account's.
            let account = state.accounts.values().find(|a| a.friendly_name == name);
            let key = account.map_or_else(|| name.to_lowercase(), |a| a.sid.to_string());
            // The pending one is what commands act on; once answered, it is still the one
            // facts speak of.
            state
                .invitations
                .values()
                .filter(|i| i.subject.key() == key)
                .max_by_key(|i| (i.state == InvitationState::Pending, i.sent))
                .map(|i| i.sid.to_string())
        }
        "profile" => ws
            .organizations()
            .find(|o| o.friendly_name == name)
            .and_then(|o| ws.sso_profile_of(&o.sid))
            .map(|p| p.sid.to_string()),
        other => return Err(format!("unknown kind `{other}`")),
    })
}

/// The one SID of `sids`: names of organizations and accounts need not be unique, and a
/// reference must not pick one of two at random.
fn only<S: ToString>(mut sids: impl Iterator<Item = S>) -> Result<Option<String>, String> {
    let first = sids.next().map(|sid| sid.to_string());
    match sids.next() {
        None => Ok(first),
        Some(_) => Err("the name is not unique: give the SID instead".into()),
    }
}

/// Whether the object of this kind that `sid` names is in the workspace.
fn still_there(ws: &Workspace, kind: &str, sid: &str) -> Result<bool, String> {
    Ok(match kind {
        "org" => parse::<OrgSid>(sid).is_some_and(|s| ws.organization(&s).is_some()),
        "user" => parse::<UserSid>(sid).is_some_and(|s| ws.user(&s).is_some()),
        "domain" => parse::<DomainSid>(sid).is_some_and(|s| ws.domain(&s).is_some()),
        "account" => parse::<AccountSid>(sid)
            .is_some_and(|s| ws.account(&s).is_some() || ws.subaccount(&s).is_some()),
        "invitation" => parse::<InvitationSid>(sid).is_some_and(|s| ws.invitation(&s).is_some()),
        "profile" => parse::<SsoProfileSid>(sid).is_some_and(|s| ws.sso_profile(&s).is_some()),
        other => return Err(format!("a `{other}` is a value, not an object that can go")),
    })
}

fn parse<S: FromStr>(sid: &str) -> Option<S> {
    sid.parse().ok()
}
