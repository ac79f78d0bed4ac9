//! A list request's query: the `filter` Twilio supports and RFC 7644 paging.

use super::SCIM_VALUE_INVALID;
use super::resource::strip_user_urn;
use crate::rule::{Denial, Rule, RuleKind};
use std::num::IntErrorKind;

pub static SCIM_FILTER_UNSUPPORTED: Rule = Rule {
    id: "SCIM_FILTER_UNSUPPORTED",
    title: "A SCIM list filters by userName or externalId equality only",
    explanation: "Twilio filters users with `userName eq \"…\"` (compared without case) or \
        `externalId eq \"…\"` (compared exactly), the value a JSON string. Other attributes, \
        other operators, `and`, `or`, `not`, brackets and anything after the value answer 400 \
        `invalidFilter` with error 25001. Text inside the quoted value is only a value: it \
        matches no user unless one has it.",
    source: "twilio-facts §1.7 (E-25001), §2.2 (ListOrganizationUsers `filter`); RFC 7644 \
        §3.4.2.2",
    kind: RuleKind::Refusal,
};

pub static SCIM_LIST_PAGED: Rule = Rule {
    id: "SCIM_LIST_PAGED",
    title: "A list pages by startIndex and count when asked",
    explanation: "Twilio's reference says `startIndex` and `count` are not supported and a list \
        returns every match with `totalResults`. Identity providers such as Okta send them, so \
        the list pages as RFC 7644 says: from the 1-based `startIndex` (below 1 counts as 1), at \
        most `count` users (below 0 counts as 0). Without `count`, every match from \
        `startIndex` on is returned.",
    source: "twilio-facts §1.7 (D-SCIM-API, paging), §2.2 (SCIM list); RFC 7644 §3.4.2.4",
    kind: RuleKind::Effect,
};

/// The attribute a list filters by, and the value it must have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Filter {
    UserName(String),
    ExternalId(String),
}

/// Which page of the matches to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Page {
    /// 1-based.
    pub start_index: usize,
    pub count: Option<usize>,
}

/// A list request's query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ListQuery {
    pub filter: Option<Filter>,
    pub page: Page,
    /// Whether the request asked for a page.
    pub paged: bool,
}

/// The query's filter and page; other parameters are ignored.
pub(super) fn list_query(parameters: &[(String, String)]) -> Result<ListQuery, Denial> {
    let named = |name: &str| {
        parameters.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    };
    let filter = named("filter").map(filter).transpose()?;
    let start_index = named("startIndex").map(|v| integer(v, "startIndex")).transpose()?;
    let count = named("count").map(|v| integer(v, "count")).transpose()?;
    let page = Page {
        start_index: usize::try_from(start_index.unwrap_or(1).max(1)).unwrap_or(usize::MAX),
        count: count.map(|c| usize::try_from(c.max(0)).unwrap_or(usize::MAX)),
    };
    Ok(ListQuery { filter, page, paged: start_index.is_some() || count.is_some() })
}

/// An integer. One beyond 64 bits counts as the largest (or smallest) there is: a page past
/// the end, or every match, as the integer itself would give.
fn integer(text: &str, what: &str) -> Result<i64, Denial> {
    match text.trim().parse::<i64>() {
        Ok(integer) => Ok(integer),
        Err(error) if *error.kind() == IntErrorKind::PosOverflow => Ok(i64::MAX),
        Err(error) if *error.kind() == IntErrorKind::NegOverflow => Ok(i64::MIN),
        Err(_) => Err(Denial::new(
            &SCIM_VALUE_INVALID,
            format!("`{what}` must be an integer, not `{text}`"),
        )),
    }
}

/// `<attribute> eq "<value>"`, with the attribute `userName` or `externalId` (or either with the
/// core schema's URN in front), compared without case, and the value a JSON string.
fn filter(text: &str) -> Result<Filter, Denial> {
    let unsupported = || {
        Denial::new(
            &SCIM_FILTER_UNSUPPORTED,
            format!(
                "the filter `{text}` is not supported; use `userName eq \"…\"` or `externalId eq \"…\"`"
            ),
        )
    };
    let (attribute, value) = equality(text).ok_or_else(unsupported)?;
    let (value, rest) = json_string(value).ok_or_else(unsupported)?;
    if !rest.is_empty() {
        return Err(unsupported());
    }
    let attribute = strip_user_urn(attribute).unwrap_or(attribute);
    if attribute.eq_ignore_ascii_case("userName") {
        Ok(Filter::UserName(value))
    } else if attribute.eq_ignore_ascii_case("externalId") {
        Ok(Filter::ExternalId(value))
    } else {
        Err(unsupported())
    }
}

/// The attribute and the value's text of `<attribute> eq <value>`, `eq` in any case. The parts
/// are separated by spaces, as RFC 7644 §3.4.2.2's grammar has them: ASCII ones, since other
/// Unicode spaces are text.
pub(super) fn equality(text: &str) -> Option<(&str, &str)> {
    let space = |c: char| c.is_ascii_whitespace();
    let (attribute, rest) = text.trim_matches(space).split_once(space)?;
    let (operator, value) = rest.trim_start_matches(space).split_once(space)?;
    operator.eq_ignore_ascii_case("eq").then(|| (attribute, value.trim_start_matches(space)))
}

/// The JSON string `text` starts with, decoded, and the text after it.
pub(super) fn json_string(text: &str) -> Option<(String, &str)> {
    if !text.starts_with('"') {
        return None;
    }
    let mut escaped = false;
    let end = text.char_indices().skip(1).find_map(|(i, c)| {
        let closes = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        closes.then_some(i)
    })?;
    let value = serde_json::from_str(&text[..=end]).ok()?;
    Some((value, &text[end + 1..]))
}
