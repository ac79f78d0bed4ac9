//! SIDs shaped like Twilio's: a two-letter prefix and 32 lowercase hex digits (twilio-facts §2.1).
//!
//! Each kind of object has its own SID type, so a user SID can never be passed where a domain
//! SID is expected. SIDs are issued by a deterministic generator kept in the workspace: the same
//! commands from the same start always yield the same SIDs, which makes tests and replays stable.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! sid_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const PREFIX: &'static str = $prefix;

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(text: String) -> Result<Self, String> {
                check_sid(&text, $prefix).map(|()| Self(text))
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, String> {
                Self::try_from(text.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(sid: $name) -> String {
                sid.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Issue for $name {
            const PREFIX: &'static str = $prefix;

            fn from_issued(text: String) -> Self {
                Self(text)
            }
        }
    };
}

sid_type!(
    /// An organization (`OR`, twilio-facts §2.1).
    OrgSid,
    "OR"
);
sid_type!(
    /// A user (`US`, twilio-facts §2.1).
    UserSid,
    "US"
);
sid_type!(
    /// A verified-domain record. Twilio publishes no prefix for it (twilio-facts §2.1); we use
    /// `DN`, the prefix of the Domain SIDs that Link Shortening reuses (twilio-facts §1.5, E-30101).
    DomainSid,
    "DN"
);
sid_type!(
    /// A Monitor event in the audit log (`AE`, twilio-facts §1.11).
    EventSid,
    "AE"
);
sid_type!(
    /// An account or a subaccount (`AC`, twilio-facts §2.1).
    AccountSid,
    "AC"
);
sid_type!(
    /// An invitation, to a person or to an account. Twilio publishes no prefix for it; `IV` is ours.
    InvitationSid,
    "IV"
);
sid_type!(
    /// A SAML SSO profile. Twilio publishes no prefix for self-service profiles; we reuse `UI`,
    /// the prefix of the legacy IdentityProvider (twilio-facts §1.6, D-SSO-MIG).
    SsoProfileSid,
    "UI"
);
sid_type!(
    /// An OAuth app, as the SCIM integration uses (`OQ`, twilio-facts §2.1).
    OauthAppSid,
    "OQ"
);

/// A SID type the generator can issue.
pub trait Issue: Sized {
    const PREFIX: &'static str;
    fn from_issued(text: String) -> Self;
}

fn check_sid(text: &str, prefix: &str) -> Result<(), String> {
    let Some(digits) = text.strip_prefix(prefix) else {
        return Err(format!("`{text}` is not a SID starting with `{prefix}`"));
    };
    if digits.len() != 32 || !digits.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(format!(
            "`{text}` is not a SID: `{prefix}` must be followed by 32 lowercase hex digits"
        ));
    }
    Ok(())
}

/// Issues SIDs and verification tokens deterministically from a seed and a counter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidGenerator {
    seed: u64,
    issued: u64,
}

impl SidGenerator {
    pub fn new(seed: u64) -> Self {
        Self { seed, issued: 0 }
    }

    pub fn issue<S: Issue>(&mut self) -> S {
        S::from_issued(format!("{}{}", S::PREFIX, self.next_hex()))
    }

    /// 32 lowercase hex digits, as used in a domain verification token.
    pub fn next_hex(&mut self) -> String {
        self.issued += 1;
        let high = splitmix64(self.seed ^ self.issued.wrapping_mul(2));
        let low = splitmix64(self.seed ^ self.issued.wrapping_mul(2).wrapping_add(1));
        format!("{high:016x}{low:016x}")
    }
}

/// A small, well-mixed hash (Steele, Lea and Flood's SplitMix64) so SIDs look random.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_sids_have_twilio_shape_and_never_repeat() {
        let mut generator = SidGenerator::new(7);
        let a: UserSid = generator.issue();
        let b: UserSid = generator.issue();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 34);
        assert!(UserSid::try_from(a.to_string()).is_ok());
    }

    #[test]
    fn the_same_seed_issues_the_same_sids() {
        let first: OrgSid = SidGenerator::new(1).issue();
        let again: OrgSid = SidGenerator::new(1).issue();
        assert_eq!(first, again);
    }

    #[test]
    fn a_sid_with_the_wrong_prefix_or_digits_is_refused() {
        assert!(UserSid::try_from("OR0123456789abcdef0123456789abcdef".to_owned()).is_err());
        assert!(UserSid::try_from("US0123456789ABCDEF0123456789abcdef".to_owned()).is_err());
        assert!(UserSid::try_from("US0123".to_owned()).is_err());
    }
}
