use crate::href;
use leptos::prelude::*;
use org_rules::Rule;

/// The effect rules that shaped an outcome, each linked to its entry on the Rules page: "Shaped
/// by SIGNUP_AUTO_ENROLLMENT". Nothing when no rule shaped it.
#[component]
pub fn RuleLinks(
    rules: Vec<&'static Rule>,
    #[prop(default = "Shaped by")] lead: &'static str,
) -> impl IntoView {
    (!rules.is_empty()).then(|| {
        view! {
            <span class="rule-links">
                {lead}
                " "
                {rules
                    .into_iter()
                    .map(|rule| {
                        view! {
                            <a href=href(&format!("/rules/{}", rule.id)) title=rule.title>
                                <code>{rule.id}</code>
                            </a>
                        }
                    })
                    .collect_view()}
            </span>
        }
    })
}
