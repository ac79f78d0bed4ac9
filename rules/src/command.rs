//! Every action a person can take in the console, and every event of the outside world that the
//! simulator lets you cause, as one serde enum. Commands can be logged, replayed and written in
//! scenario files: `{"type": "add_domain", "organization": "OR…", "name": "owl.example"}`.

use crate::model::SignupPolicy;
use crate::sid::{DomainSid, OrgSid};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
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

    // The outside world
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
}
