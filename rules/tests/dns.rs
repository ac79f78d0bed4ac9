//! The simulated DNS that domain verification reads.

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::dns::*;
use support::demo;

mod dns_txt_value_invalid {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        d.allow(
            &Actor::World,
            PublishDnsRecord {
                name: "_twilio.owlcorp.dev".into(),
                value: "x".repeat(TXT_VALUE_MAX),
            },
        );
        d.allow(
            &Actor::World,
            RemoveDnsRecord {
                name: "_twilio.owlcorp.dev".into(),
                value: "x".repeat(TXT_VALUE_MAX),
            },
        );
        assert_eq!(d.ws.dns_txt("_twilio.owlcorp.dev").count(), 0);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        for value in [String::new(), "x".repeat(TXT_VALUE_MAX + 1), "line\nbreak".into()] {
            d.refuse(
                &Actor::World,
                PublishDnsRecord { name: "_twilio.owlcorp.dev".into(), value },
                &DNS_TXT_VALUE_INVALID,
            );
        }
    }
}
