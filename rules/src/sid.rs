//! SIDs shaped like Twilio's: a two-letter prefix and 32 lowercase hex digits (twilio-facts §2.1).
//!
//! Each kind of object has its own SID type, so a user SID can never be passed where a domain
//! SID is expected. SIDs are issued by a deterministic generator kept in the workspace: the same
//! commands from the same start always yield the same SIDs, which makes tests and replays stable.

use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

macro_rules! sid_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        ///
        /// Held as the number its 32 hex digits spell: a workspace holds tens of thousands of
        /// SIDs, each read, hashed, compared and copied into indexes, and a number does all of
        /// that without allocating. Numbers order as their fixed-width digits do.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u128);

        impl $name {
            pub const PREFIX: &'static str = $prefix;

            pub fn as_str(&self) -> SidText {
                SidText::new($prefix, self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(text: String) -> Result<Self, String> {
                text.parse()
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, String> {
                sid_digits(text, $prefix).map(Self)
            }
        }

        impl From<$name> for String {
            fn from(sid: $name) -> String {
                sid.to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.as_str(), f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(SidVisitor($prefix)).map(Self)
            }
        }

        impl Issue for $name {
            const PREFIX: &'static str = $prefix;

            fn from_issued(digits: u128) -> Self {
                Self(digits)
            }
        }
    };
}

/// A SID's text, made on demand from its number, without allocating.
#[derive(Clone, Copy)]
pub struct SidText([u8; 34]);

impl SidText {
    fn new(prefix: &str, digits: u128) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = [0; 34];
        text[..2].copy_from_slice(prefix.as_bytes());
        for (i, byte) in text[2..].iter_mut().enumerate() {
            *byte = HEX[(digits >> (4 * (31 - i)) & 0xf) as usize];
        }
        Self(text)
    }
}

impl Deref for SidText {
    type Target = str;

    fn deref(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a SID's text is ASCII")
    }
}

impl fmt::Display for SidText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// Reads a SID from a borrowed string where the format allows, so reading allocates nothing.
struct SidVisitor(&'static str);

impl Visitor<'_> for SidVisitor {
    type Value = u128;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<u128, E> {
        sid_digits(text, self.0).map_err(E::custom)
    }
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
    fn from_issued(digits: u128) -> Self;
}

/// The number a SID's digits spell, if `text` is a SID with this prefix.
fn sid_digits(text: &str, prefix: &str) -> Result<u128, String> {
    let Some(digits) = text.strip_prefix(prefix) else {
        return Err(format!("`{text}` is not a SID starting with `{prefix}`"));
    };
    let malformed =
        || format!("`{text}` is not a SID: `{prefix}` must be followed by 32 lowercase hex digits");
    if digits.len() != 32 {
        return Err(malformed());
    }
    // Read as two halves: reading 128-bit numbers digit by digit is slow in wasm, and a start
    // reads 60,000 SIDs.
    let (high, low) = digits.as_bytes().split_at(16);
    match (hex_number(high), hex_number(low)) {
        (Some(high), Some(low)) => Ok(u128::from(high) << 64 | u128::from(low)),
        _ => Err(malformed()),
    }
}

/// The number 16 lowercase hex digits spell.
fn hex_number(digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(0, |number, &digit| {
        let value = match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            _ => return None,
        };
        Some(number << 4 | u64::from(value))
    })
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
        S::from_issued(self.next_digits())
    }

    /// 32 lowercase hex digits, as used in a domain verification token.
    pub fn next_hex(&mut self) -> String {
        format!("{:032x}", self.next_digits())
    }

    fn next_digits(&mut self) -> u128 {
        self.issued += 1;
        let high = splitmix64(self.seed ^ self.issued.wrapping_mul(2));
        let low = splitmix64(self.seed ^ self.issued.wrapping_mul(2).wrapping_add(1));
        (u128::from(high) << 64) | u128::from(low)
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
        assert_eq!(UserSid::try_from(a.to_string()), Ok(a));
    }

    #[test]
    fn sids_order_as_their_text_does() {
        let sids: Vec<UserSid> = [
            "US00000000000000000000000000000001",
            "US0f000000000000000000000000000000",
            "USf0000000000000000000000000000000",
        ]
        .map(|text| text.parse().unwrap())
        .to_vec();
        assert!(sids.windows(2).all(|pair| pair[0] < pair[1]));
        let texts: Vec<String> = sids.iter().map(UserSid::to_string).collect();
        assert!(texts.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(
            serde_json::to_string(&sids[1]).unwrap(),
            "\"US0f000000000000000000000000000000\""
        );
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
        assert!(UserSid::try_from(format!("US{}", "0".repeat(33))).is_err());
        assert!(UserSid::try_from(format!("US{}é", "0".repeat(30))).is_err());
    }

    #[test]
    fn every_digit_of_a_sid_reads_back_as_written() {
        for text in ["US0123456789abcdeffedcba9876543210", "USffffffffffffffff0000000000000001"] {
            let sid = UserSid::try_from(text.to_owned()).unwrap();
            assert_eq!(sid.to_string(), text);
        }
    }
}
