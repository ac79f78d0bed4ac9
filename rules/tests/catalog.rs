//! Keeps the catalog honest: ids are unique and well-formed, every rule has its text and source,
//! and every rule has a test module named after it: a refusal with an `allowed` and a `refused`
//! test, an effect rule with an `applies` test and an `absent` one, where its condition fails.

use org_rules::catalog::{Area, find};
use org_rules::{CATALOG, RuleKind};
use std::collections::HashSet;

/// The text of every test file of this crate.
fn test_sources() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|path| path.extension().is_some_and(|e| e == "rs"));
    files.sort();
    files.iter().map(|path| std::fs::read_to_string(path).unwrap()).collect()
}

#[test]
fn rule_ids_are_unique_and_screaming_snake_case() {
    let mut seen = HashSet::new();
    for rule in CATALOG {
        assert!(seen.insert(rule.id), "{} is listed twice", rule.id);
        assert!(
            rule.id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "{}",
            rule.id
        );
    }
}

#[test]
fn every_rule_has_a_title_an_explanation_and_a_source() {
    for rule in CATALOG {
        assert!(!rule.title.is_empty() && !rule.title.ends_with('.'), "{}: title", rule.id);
        assert!(rule.explanation.len() > 40, "{}: explanation", rule.id);
        assert!(!rule.source.is_empty(), "{}: source", rule.id);
    }
}

#[test]
fn every_rule_is_tested_both_ways() {
    let sources = test_sources();
    for rule in CATALOG {
        let module = format!("mod {} {{", rule.id.to_lowercase());
        let start = sources.find(&module).unwrap_or_else(|| panic!("no test module `{module}`"));
        let body = &sources[start..];
        let end = body[1..].find("\nmod ").map_or(body.len(), |i| i + 1);
        let body = &body[..end];
        let tests = match rule.kind {
            RuleKind::Refusal => ["fn allowed()", "fn refused()"],
            RuleKind::Effect => ["fn applies()", "fn absent()"],
        };
        for test in tests {
            assert!(body.contains(test), "{}: no `{test}` test", rule.id);
        }
        assert!(body.contains(&format!("&{}", rule.id)), "{}: no test names it", rule.id);
    }
}

#[test]
fn every_rule_has_an_area_and_can_be_found_by_its_id() {
    for rule in CATALOG {
        assert!(Area::of(rule).is_some(), "{} has no area", rule.id);
        assert_eq!(find(rule.id), Some(*rule));
    }
    assert_eq!(find("NO_SUCH_RULE"), None);
    assert_eq!(Area::of(&org_rules::domains::DOMAIN_COMMON_PROVIDER), Some(Area::Domains));
    assert_eq!(Area::of(&org_rules::authz::ORG_ADMIN_REQUIRED), Some(Area::Permissions));
    assert_eq!(Area::of(&org_rules::sso::DOMAIN_SSO_ENFORCED), Some(Area::SingleSignOn));
    assert_eq!(Area::of(&org_rules::organizations::ORG_NAME_LENGTH), Some(Area::Organization));
}
