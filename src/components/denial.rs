use super::ticked::Ticked;
use crate::href;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::Denial;

/// A refused action, shown where it was attempted: the rule's id and title, what exactly was
/// wrong, the rule's explanation and its source.
#[component]
pub fn DenialAlert(denial: Denial, #[prop(optional, into)] lead: Option<String>) -> impl IntoView {
    let rule = denial.rule;
    let detail = sentence(&denial.detail);
    view! {
        <div class="alert alert-error" role="alert" data-rule=rule.id>
            <p class="alert-title">
                {lead.map(|lead| view! { <span>{lead} " "</span> })}
                <strong>{rule.title}</strong>
                " "
                <code class="rule-id">{rule.id}</code>
            </p>
            <p class="alert-detail">
                <Ticked text=detail />
            </p>
            <p class="alert-explanation">
                <Ticked text=rule.explanation />
            </p>
            <p class="alert-source">
                "Source: " {rule.source} " · "
                <A href=href(&format!("/rules/{}", rule.id))>"About this rule"</A>
            </p>
        </div>
    }
}

/// A detail reads as a sentence in the console: capitalized, with a final period.
pub fn sentence(detail: &str) -> String {
    let mut chars = detail.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

/// The last refusal of a form, if any, shown in place.
#[component]
pub fn DenialSlot(denial: RwSignal<Option<Denial>>) -> impl IntoView {
    move || denial.get().map(|denial| view! { <DenialAlert denial /> })
}
