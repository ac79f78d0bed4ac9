//! Every action a person can take in the console, and every event of the outside world that the
//! simulator lets you cause, as one serde enum. Commands can be logged, replayed and written in
//! scenario files: `{"type": "add_domain", "organization": "OR…", "name": "owl.example"}`.

use crate::model::{AccountRoles, IdpError, OrgRole, ScimAttributes, SignupPolicy, Usage};
use crate::sid::{AccountSid, DomainSid, InvitationSid, OrgSid, SsoProfileSid, UserSid};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    // Organizations and organization roles (organizations-overview; twilio-facts §1.1)
    /// The signed-in person creates an organization and becomes its Owner.
    CreateOrganization {
        name: String,
    },
    RenameOrganization {
        organization: OrgSid,
        name: String,
    },
    ChangeOrganizationOwner {
        organization: OrgSid,
        new_owner: UserSid,
    },
    /// Always refused: there is no self-service deletion.
    DeleteOrganization {
        organization: OrgSid,
    },

    // Accounts (twilio-facts §1.2)
    CreateAccount {
        organization: OrgSid,
        name: String,
        usage: Usage,
    },
    /// Invite an existing account by SID; its owner confirms or declines.
    AddExistingAccount {
        organization: OrgSid,
        account: AccountSid,
    },
    TransferAccountOwnership {
        account: AccountSid,
        new_owner: UserSid,
    },
    UpgradeAccount {
        account: AccountSid,
    },
    SuspendAccount {
        account: AccountSid,
    },
    ReactivateAccount {
        account: AccountSid,
    },
    CloseAccount {
        account: AccountSid,
    },
    SetAccountHipaa {
        account: AccountSid,
        enabled: bool,
    },
    /// Give a user roles on an account, or change them.
    GrantAccountAccess {
        account: AccountSid,
        user: UserSid,
        roles: AccountRoles,
    },
    RevokeAccountAccess {
        account: AccountSid,
        user: UserSid,
    },

    // Subaccounts (twilio-facts §1.10)
    CreateSubaccount {
        parent: AccountSid,
        name: String,
    },
    SuspendSubaccount {
        subaccount: AccountSid,
    },
    ReactivateSubaccount {
        subaccount: AccountSid,
    },
    CloseSubaccount {
        subaccount: AccountSid,
    },

    // Users and invitations (twilio-facts §1.3)
    InviteUser {
        organization: OrgSid,
        email: String,
        role: OrgRole,
    },
    ResendInvitation {
        invitation: InvitationSid,
    },
    RevokeInvitation {
        invitation: InvitationSid,
    },
    ChangeUserRole {
        organization: OrgSid,
        user: UserSid,
        role: OrgRole,
    },
    RemoveUser {
        organization: OrgSid,
        user: UserSid,
    },
    ResetPassword {
        user: UserSid,
    },
    ResetTwoFactor {
        user: UserSid,
    },
    /// Import Users: each becomes a managed user at once (twilio-facts §1.3).
    ImportUsers {
        organization: OrgSid,
        users: Vec<ImportedUser>,
    },

    // Domains (twilio-facts §1.5)
    /// Register a domain with the organization; it starts unverified.
    AddDomain {
        organization: OrgSid,
        name: String,
    },
    /// Look up the domain's `_twilio` TXT record now.
    VerifyDomain {
        domain: DomainSid,
    },
    /// Choose what happens when someone signs up with an address in the domain.
    SetSignupPolicy {
        domain: DomainSid,
        policy: SignupPolicy,
    },
    RemoveDomain {
        domain: DomainSid,
    },

    // Single sign-on (twilio-facts §1.6)
    /// Create the organization's SAML profile, or change it (which clears its test result).
    SaveSsoProfile {
        organization: OrgSid,
        idp_entity_id: String,
        sso_url: String,
        certificate: String,
    },
    TestSsoConnection {
        profile: SsoProfileSid,
    },
    EnforceSso {
        profile: SsoProfileSid,
        domain: DomainSid,
    },
    StopEnforcingSso {
        profile: SsoProfileSid,
        domain: DomainSid,
    },

    // SCIM provisioning (twilio-facts §1.7). An identity provider sends the commands after
    // `CreateScimApp` through the organization's OAuth app, which is their actor; the SCIM
    // endpoint (`scim::endpoint`) turns its HTTP requests into them.
    CreateScimApp {
        organization: OrgSid,
    },
    /// `POST /scim/v2/Users`.
    ScimCreateUser {
        attributes: ScimAttributes,
    },
    /// `PUT /scim/v2/Users/{id}`. `if_match` is the `meta.version` the request expects.
    ScimReplaceUser {
        user: UserSid,
        attributes: ScimAttributes,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        if_match: Option<u64>,
    },
    /// `PATCH /scim/v2/Users/{id}`, its operations already applied by the endpoint to the
    /// user's attributes: `attributes` are the user's as the operations leave them.
    ScimPatchUser {
        user: UserSid,
        attributes: ScimAttributes,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        if_match: Option<u64>,
    },
    /// `DELETE /scim/v2/Users/{id}`.
    ScimDeleteUser {
        user: UserSid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        if_match: Option<u64>,
    },

    // Merging organizations (organizations-overview "Merge Organizations")
    /// The Prime invites the Candidate's Owner; accepting the invitation merges the Candidate.
    InviteToMerge {
        prime: OrgSid,
        candidate: OrgSid,
        role: OrgRole,
    },
    /// The Prime imports the Candidate's Owner, which merges the Candidate at once.
    ImportToMerge {
        prime: OrgSid,
        candidate: OrgSid,
    },

    // The outside world: the people invited, Twilio support, DNS, the clock
    /// Someone signs up for Twilio with an email address.
    SignUp {
        email: String,
        name: String,
    },
    VerifyPhoneNumber {
        user: UserSid,
    },
    /// The invitee accepts: a person joins, an account joins, or an organization merges.
    AcceptInvitation {
        invitation: InvitationSid,
    },
    DeclineInvitation {
        invitation: InvitationSid,
    },
    /// A user whose password was reset chooses a new one with the link they were sent.
    SetNewPassword {
        user: UserSid,
    },
    /// The identity provider's SAML app is set to answer the profile's connection tests
    /// correctly (`error: None`) or with an error.
    SetIdpAnswer {
        profile: SsoProfileSid,
        error: Option<IdpError>,
    },
    /// Someone tries to log in to the console.
    LogIn {
        user: UserSid,
        method: LoginMethod,
    },
    /// Twilio executes a BAA with the organization, or ends it.
    SetHipaaEntitlement {
        organization: OrgSid,
        entitled: bool,
    },
    /// Support raises the managed-account limit.
    RaiseAccountLimit {
        organization: OrgSid,
        limit: u32,
    },
    /// Support turns on the Import Users feature.
    EnableBulkImport {
        organization: OrgSid,
    },
    /// Someone publishes a TXT record in public DNS.
    PublishDnsRecord {
        name: String,
        value: String,
    },
    /// Someone deletes a TXT record from public DNS.
    RemoveDnsRecord {
        name: String,
        value: String,
    },
    /// Time passes: invitations expire, domains are re-checked, closed subaccounts are deleted.
    AdvanceClock {
        hours: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedUser {
    pub email: String,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginMethod {
    Password,
    Sso,
}

impl Command {
    /// Whether the outside world does this (people signing up or logging in, DNS, an identity
    /// provider, Twilio support, the clock), rather than someone signed in to the console.
    /// Answering an invitation is the invitee's, and checked on its own.
    pub fn by_outside_world(&self) -> bool {
        use Command::*;
        matches!(
            self,
            SignUp { .. }
                | VerifyPhoneNumber { .. }
                | LogIn { .. }
                | SetIdpAnswer { .. }
                | SetNewPassword { .. }
                | SetHipaaEntitlement { .. }
                | RaiseAccountLimit { .. }
                | EnableBulkImport { .. }
                | PublishDnsRecord { .. }
                | RemoveDnsRecord { .. }
                | AdvanceClock { .. }
        )
    }

    /// The command's `type` as written in JSON: `add_domain`.
    pub fn kind(&self) -> String {
        // Read from the command's JSON text, by the serializer the journal uses: an internally
        // tagged enum writes its tag first, `{"type":"add_domain",…}`. Building a JSON value
        // instead would add a serializer of every command to the download.
        let json = serde_json::to_string(self).unwrap_or_default();
        json.strip_prefix(r#"{"type":""#)
            .and_then(|rest| rest.split_once('"'))
            .map_or_else(String::new, |(kind, _)| kind.to_owned())
    }
}
