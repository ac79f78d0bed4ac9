//! The objects of a Twilio Organizations model: plain serde structs related by SID.

use crate::clock::Timestamp;
use crate::sid::{DomainSid, EventSid, OrgSid, UserSid};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub sid: OrgSid,
    pub friendly_name: String,
    pub date_created: Timestamp,
}

/// The organization roles (twilio-facts §1.1). There is exactly one Owner per organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    Owner,
    Administrator,
    Standard,
}

impl OrgRole {
    pub fn label(self) -> &'static str {
        match self {
            OrgRole::Owner => "Owner",
            OrgRole::Administrator => "Administrator",
            OrgRole::Standard => "Standard",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub sid: UserSid,
    /// Lower-cased; unique across the workspace.
    pub email: String,
    pub friendly_name: String,
    /// The one organization this user is a managed user of, if any.
    pub membership: Option<Membership>,
    pub date_created: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub organization: OrgSid,
    pub role: OrgRole,
}

impl User {
    /// The part of the email address after the `@`.
    pub fn email_domain(&self) -> &str {
        self.email.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    pub fn role_in(&self, organization: &OrgSid) -> Option<OrgRole> {
        self.membership
            .as_ref()
            .filter(|m| &m.organization == organization)
            .map(|m| m.role)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub sid: DomainSid,
    pub organization: OrgSid,
    /// Bare and lower-cased: `corporate.com`.
    pub name: String,
    /// 32 hex digits; the TXT value to publish is `twilio-domain-verification=<token>`.
    pub token: String,
    pub status: DomainStatus,
    pub signup_policy: SignupPolicy,
    pub date_created: Timestamp,
}

impl Domain {
    /// The DNS name at which the verification TXT record is published.
    pub fn record_name(&self) -> String {
        format!("_twilio.{}", self.name)
    }

    /// The TXT record value Twilio looks for.
    pub fn record_value(&self) -> String {
        format!("twilio-domain-verification={}", self.token)
    }

    pub fn is_verified(&self) -> bool {
        matches!(self.status, DomainStatus::Verified { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum DomainStatus {
    /// Added, and no check has found the record yet.
    Unverified,
    Verified {
        since: Timestamp,
    },
}

impl DomainStatus {
    pub fn label(&self) -> &'static str {
        match self {
            DomainStatus::Unverified => "Unverified",
            DomainStatus::Verified { .. } => "Verified",
        }
    }
}

/// What happens when someone signs up with an email address in a verified domain
/// (twilio-facts §1.5, organizations-overview "Settings").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupPolicy {
    /// Sign-ups are refused unless the organization invited the address. Our default: the
    /// documents name none, and this one lets no one in by surprise.
    #[default]
    Restricted,
    /// Sign-ups join the organization as Standard users.
    AutoEnrollment,
    /// Sign-ups cannot join the organization.
    Blocked,
}

impl SignupPolicy {
    pub const ALL: [SignupPolicy; 3] = [
        SignupPolicy::Restricted,
        SignupPolicy::AutoEnrollment,
        SignupPolicy::Blocked,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SignupPolicy::Restricted => "Restricted",
            SignupPolicy::AutoEnrollment => "Auto-enrollment",
            SignupPolicy::Blocked => "Blocked",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            SignupPolicy::Restricted => {
                "People with this domain's email cannot sign up unless the organization invites them"
            }
            SignupPolicy::AutoEnrollment => {
                "People who sign up with this domain's email join the organization automatically"
            }
            SignupPolicy::Blocked => "People with this domain's email cannot join the organization",
        }
    }
}

/// An audit event shaped like Twilio's Monitor Events (twilio-facts §1.11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEvent {
    pub sid: EventSid,
    /// `resource.action`, for example `domain.verified`.
    pub event_type: String,
    pub event_date: Timestamp,
    /// The user who acted; `None` when the outside world did (DNS, the clock, Twilio).
    pub actor_sid: Option<UserSid>,
    pub resource_type: String,
    pub resource_sid: String,
    pub description: String,
    /// Changed fields, each with its previous and updated value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub event_data: BTreeMap<String, FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    pub previous: Option<String>,
    pub updated: Option<String>,
}
