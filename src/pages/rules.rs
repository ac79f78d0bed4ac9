use super::rule::KindBadge;
use crate::components::page_header::PageHeader;
use crate::components::ticked::Ticked;
use crate::href;
use leptos::prelude::*;
use org_rules::catalog::Area;
use org_rules::{CATALOG, RuleKind};

/// The rules catalog, searchable and filterable by kind and area, each rule linked to its page.
/// Generated from the same list the engine enforces.
#[component]
pub fn Rules() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<RuleKind>);
    let area = RwSignal::new(None::<Area>);
    let shown = Memo::new(move |_| {
        let needle = query.get().trim().to_lowercase();
        let (kind, area) = (kind.get(), area.get());
        CATALOG
            .iter()
            .copied()
            .filter(|rule| kind.is_none_or(|kind| rule.kind == kind))
            .filter(|rule| area.is_none_or(|area| Area::of(rule) == Some(area)))
            .filter(|rule| {
                [rule.id, rule.title, rule.explanation, rule.source]
                    .iter()
                    .any(|text| text.to_lowercase().contains(&needle))
            })
            .collect::<Vec<_>>()
    });
    view! {
        <PageHeader title="Rules" />
        <p class="lede">"Every rule the simulator enforces, with the source it comes from. A refused action names the rule that refused it; an applied one names the rules that shaped what happened."</p>
        <div class="filter-bar">
            <label for="rule-search">"Search rules"</label>
            <input id="rule-search" type="search" prop:value=query on:input:target=move |ev| query.set(ev.target().value()) />
            <label for="rule-kind">"Kind"</label>
            <select
                id="rule-kind"
                on:change:target=move |ev| {
                    kind.set(match ev.target().value().as_str() {
                        "refusal" => Some(RuleKind::Refusal),
                        "effect" => Some(RuleKind::Effect),
                        _ => None,
                    })
                }
            >
                <option value="all">"All rules"</option>
                <option value="refusal">{RuleKind::Refusal.label()}</option>
                <option value="effect">{RuleKind::Effect.label()}</option>
            </select>
            <label for="rule-area">"Area"</label>
            <select
                id="rule-area"
                on:change:target=move |ev| {
                    let chosen = ev.target().value();
                    area.set(Area::ALL.into_iter().find(|area| area.label() == chosen));
                }
            >
                <option value="all">"All areas"</option>
                {Area::ALL.map(|area| view! { <option value=area.label()>{area.label()}</option> }).collect_view()}
            </select>
            <span class="result-count" aria-live="polite">{move || format!("{} of {} rules", shown.with(Vec::len), CATALOG.len())}</span>
        </div>
        <table class="table rules" aria-label="Rules">
            <thead>
                <tr>
                    <th scope="col">"Rule"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Area"</th>
                    <th scope="col">"Explanation"</th>
                    <th scope="col">"Source"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || shown.get() key=|rule| rule.id let:rule>
                    <tr id=rule.id>
                        <th scope="row">
                            <a href=href(&format!("/rules/{}", rule.id)) class="rule-title">{rule.title}</a>
                            <code class="rule-id">{rule.id}</code>
                        </th>
                        <td><KindBadge kind=rule.kind /></td>
                        <td>{Area::of(rule).map(Area::label)}</td>
                        <td><Ticked text=rule.explanation /></td>
                        <td class="source">{rule.source}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}
