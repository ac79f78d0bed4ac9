use super::denial::sentence;
use super::rule_links::RuleLinks;
use super::ticked::Ticked;
use leptos::prelude::*;
use org_rules::{Denial, Preview};

/// What the engine says a command would do, before anything happens: "Would happen: … Decided
/// by SIGNUP_AUTO_ENROLLMENT", or "Would be refused: … Refused by SIGNUP_DOMAIN_RESTRICTED".
#[component]
pub fn PreviewLine(
    preview: Result<Preview, Denial>,
    #[prop(default = "Would happen: ")] lead: &'static str,
) -> impl IntoView {
    match preview {
        Ok(preview) => view! {
            <p class="preview-outcome">
                <strong>{lead}</strong>
                {preview.summary}
                " "
                <RuleLinks rules=preview.rules lead="Decided by" />
            </p>
        }
        .into_any(),
        Err(refusal) => view! {
            <p class="preview-outcome preview-refused" data-rule=refusal.rule.id>
                <strong>"Would be refused: "</strong>
                <Ticked text=sentence(&refusal.detail) />
                " "
                <RuleLinks rules=vec![refusal.rule] lead="Refused by" />
            </p>
        }
        .into_any(),
    }
}
