//! Keeps the catalog honest: ids are unique and well-formed, every rule has its text and source,
//! and every rule has a test module named after it with an `allowed` and a `refused` test.

use org_rules::CATALOG;
use std::collections::HashSet;

/// Every rule test file; a new one must be listed here.
const TEST_SOURCES: &[&str] = &[
    include_str!("authz.rs"),
    include_str!("dns.rs"),
    include_str!("domains.rs"),
];

#[test]
fn rule_ids_are_unique_and_screaming_snake_case() {
    let mut seen = HashSet::new();
    for rule in CATALOG {
        assert!(seen.insert(rule.id), "{} is listed twice", rule.id);
        assert!(
            rule.id
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "{}",
            rule.id
        );
    }
}

#[test]
fn every_rule_has_a_title_an_explanation_and_a_source() {
    for rule in CATALOG {
        assert!(
            !rule.title.is_empty() && !rule.title.ends_with('.'),
            "{}: title",
            rule.id
        );
        assert!(rule.explanation.len() > 40, "{}: explanation", rule.id);
        assert!(!rule.source.is_empty(), "{}: source", rule.id);
    }
}

#[test]
fn every_rule_is_tested_allowed_and_refused() {
    let sources = TEST_SOURCES.concat();
    for rule in CATALOG {
        let module = format!("mod {} {{", rule.id.to_lowercase());
        let start = sources
            .find(&module)
            .unwrap_or_else(|| panic!("no test module `{module}`"));
        let body = &sources[start..];
        let end = body[1..].find("\nmod ").map_or(body.len(), |i| i + 1);
        let body = &body[..end];
        assert!(
            body.contains("fn allowed()"),
            "{}: no `allowed` test",
            rule.id
        );
        assert!(
            body.contains("fn refused()"),
            "{}: no `refused` test",
            rule.id
        );
        assert!(
            body.contains(&format!("&{}", rule.id)),
            "{}: no test refuses with it",
            rule.id
        );
    }
}
