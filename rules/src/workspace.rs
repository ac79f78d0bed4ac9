//! The workspace: everything one person models, plus the lookups derived from it.
//!
//! What is stored ([`State`]) holds each fact once. The [`Index`] is rebuilt on load and kept in
//! step by the few mutators below, so a command that touches one user or domain scans no list.
//! Only this crate mutates a workspace, and only through [`crate::engine`].

use crate::clock::Timestamp;
use crate::model::{AuditEvent, Domain, OrgRole, Organization, User};
use crate::sid::{DomainSid, Issue, OrgSid, SidGenerator, UserSid};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The stored form of a workspace. Collections are written as lists of objects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The simulated clock.
    pub now: Timestamp,
    pub sids: SidGenerator,
    #[serde(with = "by_sid")]
    pub organizations: BTreeMap<OrgSid, Organization>,
    #[serde(with = "by_sid")]
    pub users: BTreeMap<UserSid, User>,
    #[serde(with = "by_sid")]
    pub domains: BTreeMap<DomainSid, Domain>,
    /// The outside world's DNS: TXT record values by record name.
    pub dns: BTreeMap<String, BTreeSet<String>>,
    pub audit: Vec<AuditEvent>,
}

#[derive(Clone, Debug, Default)]
struct Index {
    user_by_email: HashMap<String, UserSid>,
    members: HashMap<OrgSid, BTreeSet<UserSid>>,
    domains_of: HashMap<OrgSid, BTreeSet<DomainSid>>,
    domains_named: HashMap<String, BTreeSet<DomainSid>>,
}

#[derive(Clone, Debug)]
pub struct Workspace {
    state: State,
    index: Index,
}

impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

impl Workspace {
    /// An empty workspace whose clock starts at `now` and whose SIDs derive from `seed`.
    pub fn empty(now: Timestamp, seed: u64) -> Self {
        Self::from_state(State {
            now,
            sids: SidGenerator::new(seed),
            organizations: BTreeMap::new(),
            users: BTreeMap::new(),
            domains: BTreeMap::new(),
            dns: BTreeMap::new(),
            audit: Vec::new(),
        })
    }

    pub fn from_state(state: State) -> Self {
        let mut workspace = Self {
            state,
            index: Index::default(),
        };
        let users: Vec<User> = workspace.state.users.values().cloned().collect();
        users.iter().for_each(|user| workspace.index_user(user));
        let domains: Vec<Domain> = workspace.state.domains.values().cloned().collect();
        domains
            .iter()
            .for_each(|domain| workspace.index_domain(domain));
        workspace
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn now(&self) -> Timestamp {
        self.state.now
    }

    pub fn organization(&self, sid: &OrgSid) -> Option<&Organization> {
        self.state.organizations.get(sid)
    }

    pub fn organizations(&self) -> impl Iterator<Item = &Organization> {
        self.state.organizations.values()
    }

    pub fn user(&self, sid: &UserSid) -> Option<&User> {
        self.state.users.get(sid)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.index
            .user_by_email
            .get(&email.to_lowercase())
            .and_then(|sid| self.user(sid))
    }

    /// The managed users of an organization, by SID.
    pub fn members(&self, organization: &OrgSid) -> impl Iterator<Item = &User> {
        self.index
            .members
            .get(organization)
            .into_iter()
            .flatten()
            .filter_map(|sid| self.user(sid))
    }

    pub fn owner_of(&self, organization: &OrgSid) -> Option<&User> {
        self.members(organization)
            .find(|user| user.role_in(organization) == Some(OrgRole::Owner))
    }

    pub fn domain(&self, sid: &DomainSid) -> Option<&Domain> {
        self.state.domains.get(sid)
    }

    pub fn domains_of(&self, organization: &OrgSid) -> impl Iterator<Item = &Domain> {
        self.index
            .domains_of
            .get(organization)
            .into_iter()
            .flatten()
            .filter_map(|sid| self.domain(sid))
    }

    /// Every domain record with this exact name, in any organization.
    pub fn domains_named(&self, name: &str) -> impl Iterator<Item = &Domain> {
        self.index
            .domains_named
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|sid| self.domain(sid))
    }

    /// The TXT values published at a DNS name.
    pub fn dns_txt(&self, name: &str) -> impl Iterator<Item = &str> {
        self.state
            .dns
            .get(name)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    pub fn audit(&self) -> &[AuditEvent] {
        &self.state.audit
    }

    // Mutators: the engine's only way in. Each keeps the index in step with the state.

    pub(crate) fn issue<S: Issue>(&mut self) -> S {
        self.state.sids.issue()
    }

    pub(crate) fn issue_token(&mut self) -> String {
        self.state.sids.next_hex()
    }

    pub(crate) fn insert_organization(&mut self, organization: Organization) {
        self.state
            .organizations
            .insert(organization.sid.clone(), organization);
    }

    pub(crate) fn insert_user(&mut self, user: User) {
        self.index_user(&user);
        self.state.users.insert(user.sid.clone(), user);
    }

    pub(crate) fn insert_domain(&mut self, domain: Domain) {
        self.index_domain(&domain);
        self.state.domains.insert(domain.sid.clone(), domain);
    }

    pub(crate) fn update_domain(&mut self, sid: &DomainSid, change: impl FnOnce(&mut Domain)) {
        if let Some(domain) = self.state.domains.get_mut(sid) {
            // Name and organization, the indexed fields, never change after creation.
            change(domain);
        }
    }

    pub(crate) fn remove_domain(&mut self, sid: &DomainSid) -> Option<Domain> {
        let domain = self.state.domains.remove(sid)?;
        remove_from(&mut self.index.domains_of, &domain.organization, sid);
        remove_from(&mut self.index.domains_named, &domain.name, sid);
        Some(domain)
    }

    pub(crate) fn publish_txt(&mut self, name: String, value: String) {
        self.state.dns.entry(name).or_default().insert(value);
    }

    pub(crate) fn remove_txt(&mut self, name: &str, value: &str) {
        if let Some(values) = self.state.dns.get_mut(name) {
            values.remove(value);
            if values.is_empty() {
                self.state.dns.remove(name);
            }
        }
    }

    pub(crate) fn push_event(&mut self, event: AuditEvent) {
        self.state.audit.push(event);
    }

    fn index_user(&mut self, user: &User) {
        self.index
            .user_by_email
            .insert(user.email.clone(), user.sid.clone());
        if let Some(membership) = &user.membership {
            self.index
                .members
                .entry(membership.organization.clone())
                .or_default()
                .insert(user.sid.clone());
        }
    }

    fn index_domain(&mut self, domain: &Domain) {
        self.index
            .domains_of
            .entry(domain.organization.clone())
            .or_default()
            .insert(domain.sid.clone());
        self.index
            .domains_named
            .entry(domain.name.clone())
            .or_default()
            .insert(domain.sid.clone());
    }
}

fn remove_from<K, V>(index: &mut HashMap<K, BTreeSet<V>>, key: &K, value: &V)
where
    K: std::hash::Hash + Eq,
    V: Ord,
{
    if let Some(set) = index.get_mut(key) {
        set.remove(value);
        if set.is_empty() {
            index.remove(key);
        }
    }
}

impl Serialize for Workspace {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.state.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Workspace {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        State::deserialize(deserializer).map(Workspace::from_state)
    }
}

/// Writes a SID-keyed map as a list of its values, and reads it back refusing duplicate SIDs.
mod by_sid {
    use super::*;
    use serde::de::Error;

    pub trait Keyed {
        type Key: Ord + Clone + std::fmt::Display;
        fn key(&self) -> &Self::Key;
    }

    macro_rules! keyed {
        ($($value:ty => $key:ty),*) => {$(
            impl Keyed for $value {
                type Key = $key;
                fn key(&self) -> &$key {
                    &self.sid
                }
            }
        )*};
    }
    keyed!(Organization => OrgSid, User => UserSid, Domain => DomainSid);

    pub fn serialize<S: Serializer, K, V: Serialize>(
        map: &BTreeMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.values())
    }

    pub fn deserialize<'de, D, V>(deserializer: D) -> Result<BTreeMap<V::Key, V>, D::Error>
    where
        D: Deserializer<'de>,
        V: Deserialize<'de> + Keyed,
    {
        let mut map = BTreeMap::new();
        for value in Vec::<V>::deserialize(deserializer)? {
            let key = value.key().clone();
            if map.insert(key.clone(), value).is_some() {
                return Err(D::Error::custom(format!("duplicate sid `{key}`")));
            }
        }
        Ok(map)
    }
}
