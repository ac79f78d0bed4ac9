//! The domain rules (twilio-facts §1.5), each allowed and refused.

mod support;

use org_rules::Actor;
use org_rules::Command::*;
use org_rules::domains::*;
use org_rules::model::{DomainStatus, SignupPolicy};
use support::demo;

mod domain_not_bare {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        let outcome = d.allow(
            &owner,
            AddDomain { organization: d.corp.clone(), name: "  Owl-Corp.CO.uk ".into() },
        );
        assert!(outcome.summary.contains("owl-corp.co.uk"));
        assert_eq!(d.domain("owl-corp.co.uk").status, DomainStatus::Unverified);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        for (input, what) in [
            ("https://www.owlcorp.io/login", "has a scheme: enter `owlcorp.io`"),
            ("www.owlcorp.io", "starts with `www.`: enter `owlcorp.io`"),
            ("owlcorp.io/path", "has a path: enter `owlcorp.io`"),
            ("owlcorp.io:443", "has a port: enter `owlcorp.io`"),
            ("owlcorp.io.", "ends with a dot: enter `owlcorp.io`"),
            ("ops@owlcorp.io", "is an email address: enter `owlcorp.io`"),
        ] {
            let denial = d.refuse(
                &owner,
                AddDomain { organization: d.corp.clone(), name: input.into() },
                &DOMAIN_NOT_BARE,
            );
            assert!(denial.detail.contains(what), "{input}: {}", denial.detail);
        }
    }
}

mod domain_name_invalid {
    use super::*;

    #[test]
    fn allowed() {
        assert_eq!(bare_domain("xn--bcher-kva.example").as_deref(), Ok("xn--bcher-kva.example"));
        assert_eq!(bare_domain("a-b.c9.io").as_deref(), Ok("a-b.c9.io"));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        let long_label = format!("{}.com", "a".repeat(64));
        for (input, what) in [
            ("", "enter a domain name"),
            ("localhost", "has no dot"),
            ("owl..com", "empty label"),
            ("-owl.com", "starts or ends with a hyphen"),
            ("owl_corp.com", "contains `_`"),
            ("bücher.de", "`xn--` form"),
            ("10.0.0.1", "IP address"),
            (long_label.as_str(), "the most is 63"),
        ] {
            let denial = d.refuse(
                &owner,
                AddDomain { organization: d.corp.clone(), name: input.into() },
                &DOMAIN_NAME_INVALID,
            );
            assert!(denial.detail.contains(what), "{input}: {}", denial.detail);
        }
    }
}

mod domain_common_provider {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        d.allow(&admin, AddDomain { organization: d.corp.clone(), name: "owlmail.com".into() });
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        for name in ["gmail.com", "Hotmail.com", "eu.outlook.com"] {
            let denial = d.refuse(
                &admin,
                AddDomain { organization: d.corp.clone(), name: name.into() },
                &DOMAIN_COMMON_PROVIDER,
            );
            assert!(denial.detail.contains("common email provider"));
        }
    }
}

mod domain_already_added {
    use super::*;

    #[test]
    fn allowed() {
        // The same name may be added, unverified, by two organizations: the first to verify it wins.
        let mut d = demo();
        let labs_owner = d.labs_owner();
        d.allow(
            &labs_owner,
            AddDomain { organization: d.labs.clone(), name: "owlcorp.dev".into() },
        );
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        d.refuse(
            &owner,
            AddDomain { organization: d.corp.clone(), name: "OwlCorp.dev".into() },
            &DOMAIN_ALREADY_ADDED,
        );
    }
}

mod domain_verified_elsewhere {
    use super::*;

    #[test]
    fn allowed() {
        // A subdomain of a domain verified by Owl Corp can be verified by Owl Labs.
        let mut d = demo();
        let labs_owner = d.labs_owner();
        d.allow(
            &labs_owner,
            AddDomain { organization: d.labs.clone(), name: "labs.owlcorp.com".into() },
        );
        d.publish_record("labs.owlcorp.com");
        let sid = d.domain("labs.owlcorp.com").sid.clone();
        d.allow(&labs_owner, VerifyDomain { domain: sid });
        assert!(d.domain("labs.owlcorp.com").is_verified());
    }

    #[test]
    fn refused_when_adding() {
        let mut d = demo();
        let labs_owner = d.labs_owner();
        let denial = d.refuse(
            &labs_owner,
            AddDomain { organization: d.labs.clone(), name: "owlcorp.com".into() },
            &DOMAIN_VERIFIED_ELSEWHERE,
        );
        assert_eq!(denial.detail, "`owlcorp.com` is already verified by Owl Corp");
    }

    #[test]
    fn refused() {
        // Both organizations added owlcorp.dev; Owl Corp verified it first.
        let mut d = demo();
        let (owner, labs_owner) = (d.owner(), d.labs_owner());
        d.allow(
            &labs_owner,
            AddDomain { organization: d.labs.clone(), name: "owlcorp.dev".into() },
        );
        let labs_copy = d.ws.domains_of(&d.labs).next().unwrap().sid.clone();
        let corp_copy =
            d.ws.domains_of(&d.corp).find(|x| x.name == "owlcorp.dev").unwrap().sid.clone();
        let corp_record = d.ws.domain(&corp_copy).unwrap().clone();
        d.allow(
            &Actor::World,
            PublishDnsRecord { name: corp_record.record_name(), value: corp_record.record_value() },
        );
        d.allow(&owner, VerifyDomain { domain: corp_copy });
        let labs_record = d.ws.domain(&labs_copy).unwrap().clone();
        d.allow(
            &Actor::World,
            PublishDnsRecord { name: labs_record.record_name(), value: labs_record.record_value() },
        );
        d.refuse(&labs_owner, VerifyDomain { domain: labs_copy }, &DOMAIN_VERIFIED_ELSEWHERE);
    }
}

mod domain_limit {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let owner = d.owner();
        for n in 2..DOMAIN_LIMIT_PER_ORGANIZATION {
            d.allow(
                &owner,
                AddDomain { organization: d.corp.clone(), name: format!("owl{n}.com") },
            );
        }
        assert_eq!(d.ws.domains_of(&d.corp).count(), DOMAIN_LIMIT_PER_ORGANIZATION);
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let owner = d.owner();
        for n in 2..DOMAIN_LIMIT_PER_ORGANIZATION {
            d.allow(
                &owner,
                AddDomain { organization: d.corp.clone(), name: format!("owl{n}.com") },
            );
        }
        let denial = d.refuse(
            &owner,
            AddDomain { organization: d.corp.clone(), name: "one-too-many.com".into() },
            &DOMAIN_LIMIT,
        );
        assert!(denial.detail.contains("already has 100 domains"));
    }
}

mod domain_record_not_found {
    use super::*;

    #[test]
    fn allowed() {
        let mut d = demo();
        let admin = d.admin();
        d.publish_record("owlcorp.dev");
        let sid = d.domain("owlcorp.dev").sid.clone();
        let outcome = d.allow(&admin, VerifyDomain { domain: sid });
        assert_eq!(outcome.summary, "Verified owlcorp.dev");
        assert_eq!(outcome.events[0].event_type, "domain.verified");
        assert!(matches!(d.domain("owlcorp.dev").status, DomainStatus::Verified { .. }));
    }

    #[test]
    fn refused() {
        let mut d = demo();
        let admin = d.admin();
        let domain = d.domain("owlcorp.dev").clone();
        let denial =
            d.refuse(&admin, VerifyDomain { domain: domain.sid.clone() }, &DOMAIN_RECORD_NOT_FOUND);
        assert_eq!(
            denial.detail,
            format!(
                "found no TXT record at `_twilio.owlcorp.dev`; expected `{}`",
                domain.record_value()
            )
        );

        d.allow(
            &Actor::World,
            PublishDnsRecord {
                name: domain.record_name(),
                value: "twilio-domain-verification=0000".into(),
            },
        );
        let denial =
            d.refuse(&admin, VerifyDomain { domain: domain.sid.clone() }, &DOMAIN_RECORD_NOT_FOUND);
        assert!(denial.detail.starts_with(
            "found `twilio-domain-verification=0000` at `_twilio.owlcorp.dev`, which does not match"
        ));
    }
}

#[test]
fn a_domain_keeps_its_signup_policy_and_can_be_removed() {
    let mut d = demo();
    let admin = d.admin();
    let sid = d.domain("owlcorp.com").sid.clone();
    let outcome = d.allow(
        &admin,
        SetSignupPolicy { domain: sid.clone(), policy: SignupPolicy::AutoEnrollment },
    );
    assert_eq!(
        outcome.events[0].event_data["signup_policy"].updated.as_deref(),
        Some("Auto-enrollment")
    );
    assert_eq!(d.domain("owlcorp.com").signup_policy, SignupPolicy::AutoEnrollment);
    d.allow(&admin, RemoveDomain { domain: sid.clone() });
    assert!(d.ws.domain(&sid).is_none());
}
