//! The workspace: everything one person models, plus the lookups derived from it.
//!
//! What is stored ([`State`]) holds each fact once. The [`Index`] is rebuilt on load and kept in
//! step by the few mutators below, so a command that touches one user or domain scans no list.
//! Only this crate mutates a workspace, and only through [`crate::engine`].

use crate::clock::Timestamp;
use crate::model::{
    Account, AuditEvent, Domain, IdpError, Invitation, InvitationState, OauthApp, OrgRole,
    Organization, SsoProfile, Subaccount, User,
};
use crate::parts::{Part, Parts};
use crate::sid::{
    AccountSid, DomainSid, InvitationSid, Issue, OauthAppSid, OrgSid, SidGenerator, SsoProfileSid,
    UserSid,
};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

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
    #[serde(default, with = "by_sid")]
    pub accounts: BTreeMap<AccountSid, Account>,
    #[serde(default, with = "by_sid")]
    pub subaccounts: BTreeMap<AccountSid, Subaccount>,
    #[serde(default, with = "by_sid")]
    pub invitations: BTreeMap<InvitationSid, Invitation>,
    #[serde(default, with = "by_sid")]
    pub sso_profiles: BTreeMap<SsoProfileSid, SsoProfile>,
    #[serde(default, with = "by_sid")]
    pub oauth_apps: BTreeMap<OauthAppSid, OauthApp>,
    /// The outside world's DNS: TXT record values by record name.
    pub dns: BTreeMap<String, BTreeSet<String>>,
    /// The outside world's identity providers: the error each answers a profile's connection
    /// test with, when it does not answer correctly. Like a DNS record that outlives its domain,
    /// an entry outlives a profile removed by a merge, and refers to nothing.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub idp_errors: BTreeMap<SsoProfileSid, IdpError>,
    pub audit: Vec<AuditEvent>,
}

#[derive(Clone, Debug, Default)]
struct Index {
    user_by_email: FxHashMap<String, UserSid>,
    /// Users by the domain of their email address, so SSO enforcement finds a domain's users
    /// without scanning every user.
    users_in_email_domain: FxHashMap<String, BTreeSet<UserSid>>,
    members: FxHashMap<OrgSid, BTreeSet<UserSid>>,
    /// The invariants count owners from the stored users themselves, so a broken snapshot
    /// with two owners is caught rather than hidden by this map.
    owner_of: FxHashMap<OrgSid, UserSid>,
    user_by_external_id: FxHashMap<(OrgSid, String), UserSid>,
    domains_of: FxHashMap<OrgSid, BTreeSet<DomainSid>>,
    domains_named: FxHashMap<String, BTreeSet<DomainSid>>,
    /// Managed accounts by organization.
    accounts_of: FxHashMap<OrgSid, BTreeSet<AccountSid>>,
    accounts_owned_by: FxHashMap<UserSid, BTreeSet<AccountSid>>,
    /// Accounts on which a user holds an account role (owners excluded).
    accounts_of_user: FxHashMap<UserSid, BTreeSet<AccountSid>>,
    subaccounts_of: FxHashMap<AccountSid, BTreeSet<AccountSid>>,
    invitations_of: FxHashMap<OrgSid, BTreeSet<InvitationSid>>,
    /// Pending invitations by invitee email, or by account SID for account invitations.
    pending_invitations: FxHashMap<String, BTreeSet<InvitationSid>>,
    sso_profile_of: FxHashMap<OrgSid, SsoProfileSid>,
    oauth_apps_of: FxHashMap<OrgSid, BTreeSet<OauthAppSid>>,
}

#[derive(Clone, Debug)]
pub struct Workspace {
    state: State,
    index: Index,
    /// What the mutators changed since [`Workspace::take_changes`] last asked. Not part of the
    /// workspace's value: equality and the stored form ignore it.
    changed: Parts,
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
            accounts: BTreeMap::new(),
            subaccounts: BTreeMap::new(),
            invitations: BTreeMap::new(),
            sso_profiles: BTreeMap::new(),
            oauth_apps: BTreeMap::new(),
            dns: BTreeMap::new(),
            idp_errors: BTreeMap::new(),
            audit: Vec::new(),
        })
    }

    pub fn from_state(state: State) -> Self {
        let mut workspace = Self { state, index: Index::default(), changed: Parts::NONE };
        let Workspace { state, index, .. } = &mut workspace;
        // Sized once: growing a map of 10,000 addresses rehashes it a dozen times.
        index.user_by_email.reserve(state.users.len());
        state.users.values().for_each(|v| index.add_user(v));
        state.domains.values().for_each(|v| index.add_domain(v));
        state.accounts.values().for_each(|v| index.add_account(v));
        state.subaccounts.values().for_each(|v| index.add_subaccount(v));
        state.invitations.values().for_each(|v| index.add_invitation(v));
        state.sso_profiles.values().for_each(|v| index.add_sso_profile(v));
        state.oauth_apps.values().for_each(|v| index.add_oauth_app(v));
        workspace
    }

    /// The parts changed since the last call, which starts a new count: the console redraws
    /// what reads them after each command.
    pub fn take_changes(&mut self) -> Parts {
        std::mem::take(&mut self.changed)
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
        self.index.user_by_email.get(&email.to_lowercase()).and_then(|sid| self.user(sid))
    }

    /// The user a person names by SID or by email address, as scenarios and forms let them.
    pub fn user_named(&self, text: &str) -> Option<&User> {
        let text = text.trim();
        match text.parse() {
            Ok(sid) => self.user(&sid),
            Err(_) => self.user_by_email(text),
        }
    }

    /// Every user whose email address is in exactly this domain, managed or not.
    pub fn users_in_email_domain(&self, domain: &str) -> impl Iterator<Item = &User> {
        lookup(&self.index.users_in_email_domain, domain).filter_map(|sid| self.user(sid))
    }

    /// The managed users of an organization, by SID.
    pub fn members(&self, organization: &OrgSid) -> impl Iterator<Item = &User> {
        lookup(&self.index.members, organization).filter_map(|sid| self.user(sid))
    }

    pub fn owner_of(&self, organization: &OrgSid) -> Option<&User> {
        self.index.owner_of.get(organization).and_then(|sid| self.user(sid))
    }

    /// The managed user of `organization` whose SCIM `externalId` is `external_id`.
    pub fn user_by_external_id(&self, organization: &OrgSid, external_id: &str) -> Option<&User> {
        let key = (organization.clone(), external_id.to_owned());
        self.index.user_by_external_id.get(&key).and_then(|sid| self.user(sid))
    }

    pub fn domain(&self, sid: &DomainSid) -> Option<&Domain> {
        self.state.domains.get(sid)
    }

    pub fn domains_of(&self, organization: &OrgSid) -> impl Iterator<Item = &Domain> {
        lookup(&self.index.domains_of, organization).filter_map(|sid| self.domain(sid))
    }

    /// Every domain record with this exact name, in any organization.
    pub fn domains_named(&self, name: &str) -> impl Iterator<Item = &Domain> {
        lookup(&self.index.domains_named, name).filter_map(|sid| self.domain(sid))
    }

    /// The TXT values published at a DNS name.
    pub fn dns_txt(&self, name: &str) -> impl Iterator<Item = &str> {
        self.state.dns.get(name).into_iter().flatten().map(String::as_str)
    }

    pub fn audit(&self) -> &[AuditEvent] {
        &self.state.audit
    }

    pub fn account(&self, sid: &AccountSid) -> Option<&Account> {
        self.state.accounts.get(sid)
    }

    /// The organization's managed accounts.
    pub fn accounts_of(&self, organization: &OrgSid) -> impl Iterator<Item = &Account> {
        lookup(&self.index.accounts_of, organization).filter_map(|sid| self.account(sid))
    }

    pub fn accounts_owned_by(&self, user: &UserSid) -> impl Iterator<Item = &Account> {
        lookup(&self.index.accounts_owned_by, user).filter_map(|sid| self.account(sid))
    }

    /// Accounts on which `user` holds an account role, not counting those they own.
    pub fn accounts_of_user(&self, user: &UserSid) -> impl Iterator<Item = &Account> {
        lookup(&self.index.accounts_of_user, user).filter_map(|sid| self.account(sid))
    }

    pub fn subaccount(&self, sid: &AccountSid) -> Option<&Subaccount> {
        self.state.subaccounts.get(sid)
    }

    pub fn subaccounts_of(&self, parent: &AccountSid) -> impl Iterator<Item = &Subaccount> {
        lookup(&self.index.subaccounts_of, parent).filter_map(|sid| self.subaccount(sid))
    }

    pub fn invitation(&self, sid: &InvitationSid) -> Option<&Invitation> {
        self.state.invitations.get(sid)
    }

    /// Every invitation the organization sent, in any state.
    pub fn invitations_of(&self, organization: &OrgSid) -> impl Iterator<Item = &Invitation> {
        lookup(&self.index.invitations_of, organization).filter_map(|sid| self.invitation(sid))
    }

    /// Pending invitations of a person, by email, from any organization.
    pub fn pending_invitations_for_email(&self, email: &str) -> impl Iterator<Item = &Invitation> {
        let key = email.to_lowercase();
        let sids: Vec<&InvitationSid> =
            lookup(&self.index.pending_invitations, key.as_str()).collect();
        sids.into_iter().filter_map(|sid| self.invitation(sid))
    }

    /// Pending invitations of an account to join an organization.
    pub fn pending_invitations_for_account(
        &self,
        account: &AccountSid,
    ) -> impl Iterator<Item = &Invitation> {
        let sids: Vec<&InvitationSid> =
            lookup(&self.index.pending_invitations, &*account.as_str()).collect();
        sids.into_iter().filter_map(|sid| self.invitation(sid))
    }

    pub fn sso_profile(&self, sid: &SsoProfileSid) -> Option<&SsoProfile> {
        self.state.sso_profiles.get(sid)
    }

    /// The organization's SSO profile; an organization has at most one.
    pub fn sso_profile_of(&self, organization: &OrgSid) -> Option<&SsoProfile> {
        self.index.sso_profile_of.get(organization).and_then(|sid| self.sso_profile(sid))
    }

    /// The error the profile's identity provider answers a connection test with, if any.
    pub fn idp_error(&self, profile: &SsoProfileSid) -> Option<IdpError> {
        self.state.idp_errors.get(profile).copied()
    }

    pub(crate) fn set_idp_error(&mut self, profile: &SsoProfileSid, error: Option<IdpError>) {
        self.changed |= Part::IdpErrors;
        match error {
            Some(error) => self.state.idp_errors.insert(profile.clone(), error),
            None => self.state.idp_errors.remove(profile),
        };
    }

    pub fn oauth_app(&self, sid: &OauthAppSid) -> Option<&OauthApp> {
        self.state.oauth_apps.get(sid)
    }

    pub fn oauth_apps_of(&self, organization: &OrgSid) -> impl Iterator<Item = &OauthApp> {
        lookup(&self.index.oauth_apps_of, organization).filter_map(|sid| self.oauth_app(sid))
    }

    // Mutators: the engine's only way in. Each keeps the index in step with the state, and
    // marks the part it changed. Issuing a SID changes nothing anyone sees.

    pub(crate) fn issue<S: Issue>(&mut self) -> S {
        self.state.sids.issue()
    }

    pub(crate) fn issue_token(&mut self) -> String {
        self.state.sids.next_hex()
    }

    pub(crate) fn set_now(&mut self, now: Timestamp) {
        self.changed |= Part::Clock;
        self.state.now = now;
    }

    pub(crate) fn insert_organization(&mut self, organization: Organization) {
        self.changed |= Part::Organizations;
        self.state.organizations.insert(organization.sid.clone(), organization);
    }

    pub(crate) fn update_organization(
        &mut self,
        sid: &OrgSid,
        change: impl FnOnce(&mut Organization),
    ) {
        if let Some(organization) = self.state.organizations.get_mut(sid) {
            self.changed |= Part::Organizations;
            change(organization);
        }
    }

    /// Removes the organization record only: the caller moves or removes what refers to it.
    pub(crate) fn remove_organization(&mut self, sid: &OrgSid) -> Option<Organization> {
        self.changed |= Part::Organizations;
        self.state.organizations.remove(sid)
    }

    pub(crate) fn publish_txt(&mut self, name: String, value: String) {
        self.changed |= Part::Dns;
        self.state.dns.entry(name).or_default().insert(value);
    }

    pub(crate) fn remove_txt(&mut self, name: &str, value: &str) {
        if let Some(values) = self.state.dns.get_mut(name) {
            self.changed |= Part::Dns;
            values.remove(value);
            if values.is_empty() {
                self.state.dns.remove(name);
            }
        }
    }

    pub(crate) fn push_event(&mut self, event: AuditEvent) {
        self.changed |= Part::Audit;
        self.state.audit.push(event);
    }
}

/// Generates, for one indexed collection, the mutators it needs, each keeping the index in
/// step: `insert`, `update` (unindex, change, reindex) and `remove`.
macro_rules! indexed_collection {
    ($field:ident: $key:ty => $value:ty as $part:ident, $add:ident, $drop:ident { $($kind:ident $name:ident),+ }) => {
        impl Workspace {
            $(indexed_collection!(@$kind $name, $field, $key, $value, $part, $add, $drop);)+
        }
    };
    (@insert $name:ident, $field:ident, $key:ty, $value:ty, $part:ident, $add:ident, $drop:ident) => {
        pub(crate) fn $name(&mut self, value: $value) {
            self.changed |= Part::$part;
            self.index.$add(&value);
            self.state.$field.insert(value.sid.clone(), value);
        }
    };
    (@update $name:ident, $field:ident, $key:ty, $value:ty, $part:ident, $add:ident, $drop:ident) => {
        pub(crate) fn $name(&mut self, sid: &$key, change: impl FnOnce(&mut $value)) {
            if let Some(value) = self.state.$field.get_mut(sid) {
                self.changed |= Part::$part;
                self.index.$drop(value);
                change(value);
                self.index.$add(value);
            }
        }
    };
    (@remove $name:ident, $field:ident, $key:ty, $value:ty, $part:ident, $add:ident, $drop:ident) => {
        pub(crate) fn $name(&mut self, sid: &$key) -> Option<$value> {
            let value = self.state.$field.remove(sid)?;
            self.changed |= Part::$part;
            self.index.$drop(&value);
            Some(value)
        }
    };
}

indexed_collection!(users: UserSid => User as Users, add_user, drop_user { insert insert_user, update update_user });
indexed_collection!(domains: DomainSid => Domain as Domains, add_domain, drop_domain {
    insert insert_domain, update update_domain, remove remove_domain
});
indexed_collection!(accounts: AccountSid => Account as Accounts, add_account, drop_account { insert insert_account, update update_account });
indexed_collection!(subaccounts: AccountSid => Subaccount as Subaccounts, add_subaccount, drop_subaccount {
    insert insert_subaccount, update update_subaccount, remove remove_subaccount
});
indexed_collection!(invitations: InvitationSid => Invitation as Invitations, add_invitation, drop_invitation {
    insert insert_invitation, update update_invitation, remove remove_invitation
});
indexed_collection!(sso_profiles: SsoProfileSid => SsoProfile as SsoProfiles, add_sso_profile, drop_sso_profile {
    insert insert_sso_profile, update update_sso_profile, remove remove_sso_profile
});
indexed_collection!(oauth_apps: OauthAppSid => OauthApp as OauthApps, add_oauth_app, drop_oauth_app {
    insert insert_oauth_app, remove remove_oauth_app
});

impl Index {
    fn add_user(&mut self, user: &User) {
        self.user_by_email.insert(user.email.clone(), user.sid.clone());
        add_to(&mut self.users_in_email_domain, user.email_domain(), &user.sid);
        if let Some(membership) = &user.membership {
            add_to(&mut self.members, &membership.organization, &user.sid);
            if membership.role == OrgRole::Owner {
                self.owner_of.insert(membership.organization.clone(), user.sid.clone());
            }
            if let Some(id) = &user.external_id {
                let key = (membership.organization.clone(), id.clone());
                self.user_by_external_id.insert(key, user.sid.clone());
            }
        }
    }

    fn drop_user(&mut self, user: &User) {
        self.user_by_email.remove(&user.email);
        remove_from(&mut self.users_in_email_domain, user.email_domain(), &user.sid);
        if let Some(membership) = &user.membership {
            remove_from(&mut self.members, &membership.organization, &user.sid);
            if self.owner_of.get(&membership.organization) == Some(&user.sid) {
                self.owner_of.remove(&membership.organization);
            }
            if let Some(id) = &user.external_id {
                self.user_by_external_id.remove(&(membership.organization.clone(), id.clone()));
            }
        }
    }

    fn add_domain(&mut self, domain: &Domain) {
        add_to(&mut self.domains_of, &domain.organization, &domain.sid);
        add_to(&mut self.domains_named, &domain.name, &domain.sid);
    }

    fn drop_domain(&mut self, domain: &Domain) {
        remove_from(&mut self.domains_of, &domain.organization, &domain.sid);
        remove_from(&mut self.domains_named, &domain.name, &domain.sid);
    }

    fn add_account(&mut self, account: &Account) {
        if let Some(organization) = &account.organization {
            add_to(&mut self.accounts_of, organization, &account.sid);
        }
        add_to(&mut self.accounts_owned_by, &account.owner, &account.sid);
        for user in account.users.keys() {
            add_to(&mut self.accounts_of_user, user, &account.sid);
        }
    }

    fn drop_account(&mut self, account: &Account) {
        if let Some(organization) = &account.organization {
            remove_from(&mut self.accounts_of, organization, &account.sid);
        }
        remove_from(&mut self.accounts_owned_by, &account.owner, &account.sid);
        for user in account.users.keys() {
            remove_from(&mut self.accounts_of_user, user, &account.sid);
        }
    }

    fn add_subaccount(&mut self, subaccount: &Subaccount) {
        add_to(&mut self.subaccounts_of, &subaccount.parent, &subaccount.sid);
    }

    fn drop_subaccount(&mut self, subaccount: &Subaccount) {
        remove_from(&mut self.subaccounts_of, &subaccount.parent, &subaccount.sid);
    }

    fn add_invitation(&mut self, invitation: &Invitation) {
        add_to(&mut self.invitations_of, &invitation.organization, &invitation.sid);
        if invitation.state == InvitationState::Pending {
            add_to(&mut self.pending_invitations, &invitation.subject.key(), &invitation.sid);
        }
    }

    fn drop_invitation(&mut self, invitation: &Invitation) {
        remove_from(&mut self.invitations_of, &invitation.organization, &invitation.sid);
        remove_from(&mut self.pending_invitations, &invitation.subject.key(), &invitation.sid);
    }

    fn add_sso_profile(&mut self, profile: &SsoProfile) {
        self.sso_profile_of.insert(profile.organization.clone(), profile.sid.clone());
    }

    fn drop_sso_profile(&mut self, profile: &SsoProfile) {
        self.sso_profile_of.remove(&profile.organization);
    }

    fn add_oauth_app(&mut self, app: &OauthApp) {
        add_to(&mut self.oauth_apps_of, &app.organization, &app.sid);
    }

    fn drop_oauth_app(&mut self, app: &OauthApp) {
        remove_from(&mut self.oauth_apps_of, &app.organization, &app.sid);
    }
}

fn add_to<K, Q, V>(index: &mut FxHashMap<K, BTreeSet<V>>, key: &Q, value: &V)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ToOwned<Owned = K> + ?Sized,
    V: Ord + Clone,
{
    // Looked up before it is copied: building the index at start adds 10,000 users to a few
    // keys, and a copy of the key for each would be thrown away.
    match index.get_mut(key) {
        Some(values) => {
            values.insert(value.clone());
        }
        None => {
            index.insert(key.to_owned(), BTreeSet::from([value.clone()]));
        }
    }
}

/// The values an index holds under `key`, in order; none when it holds nothing.
fn lookup<'i, K, Q, V>(index: &'i FxHashMap<K, BTreeSet<V>>, key: &Q) -> impl Iterator<Item = &'i V>
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
{
    index.get(key).into_iter().flatten()
}

fn remove_from<K, Q, V>(index: &mut FxHashMap<K, BTreeSet<V>>, key: &Q, value: &V)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
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
    use serde::de::{Error, SeqAccess, Visitor};
    use std::collections::btree_map::Entry;
    use std::marker::PhantomData;

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
    keyed!(
        Organization => OrgSid,
        User => UserSid,
        Domain => DomainSid,
        Account => AccountSid,
        Subaccount => AccountSid,
        Invitation => InvitationSid,
        SsoProfile => SsoProfileSid,
        OauthApp => OauthAppSid
    );

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
        deserializer.deserialize_seq(ListVisitor(PhantomData))
    }

    /// Puts each object in the map as it is read, rather than reading the whole list first
    /// and moving it: no list of 10,000 users grown by copying, then copied again.
    struct ListVisitor<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de> + Keyed> Visitor<'de> for ListVisitor<V> {
        type Value = BTreeMap<V::Key, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of objects with distinct SIDs")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut list: A) -> Result<Self::Value, A::Error> {
            let mut map = BTreeMap::new();
            while let Some(value) = list.next_element::<V>()? {
                match map.entry(value.key().clone()) {
                    Entry::Vacant(place) => place.insert(value),
                    Entry::Occupied(taken) => {
                        return Err(A::Error::custom(format!("duplicate sid `{}`", taken.key())));
                    }
                };
            }
            Ok(map)
        }
    }
}
