use crate::components::page_header::PageHeader;
use crate::components::ticked::Ticked;
use crate::href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use org_rules::catalog::{Area, find};
use org_rules::{Rule, RuleKind};

/// One rule of the catalog: what it says, where it comes from, whether it refuses or shapes
/// outcomes, and the screens where it applies.
#[component]
pub fn RulePage() -> impl IntoView {
    let params = use_params_map();
    let rule = Memo::new(move |_| params.read().get("id").and_then(|id| find(&id)));
    let title = Signal::derive(move || rule.get().map_or("Rule not found", |rule| rule.title));
    view! {
        <PageHeader title crumbs=vec![("Rules", "/rules")] />
        {move || match rule.get() {
            Some(rule) => view! { <RuleFacts rule /> }.into_any(),
            None => {
                view! {
                    <div class="empty-state">
                        <h2>"There is no such rule"</h2>
                        <p>"The catalog has no rule with this id. Rule ids are never reused, so the address is probably mistyped."</p>
                        <A href=href("/rules")>"Back to Rules"</A>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn RuleFacts(rule: &'static Rule) -> impl IntoView {
    let area = Area::of(rule);
    view! {
        <section class="card rule-page" aria-label="Rule">
            <p class="rule-explanation"><Ticked text=rule.explanation /></p>
            <dl class="facts">
                <div><dt>"Rule ID"</dt><dd><code class="rule-id">{rule.id}</code></dd></div>
                <div><dt>"Kind"</dt><dd><KindBadge kind=rule.kind /></dd></div>
                <div><dt>"Area"</dt><dd>{area.map(Area::label)}</dd></div>
                <div><dt>"Source"</dt><dd class="source">{rule.source}</dd></div>
            </dl>
        </section>
        <section class="card" aria-labelledby="rule-screens">
            <h2 id="rule-screens">"Where it applies"</h2>
            <ul class="rule-screens">
                {area.map(screens).unwrap_or_default().iter().map(|(label, path)| match path {
                    Some(path) => view! { <li><A href=href(path)>{*label}</A></li> }.into_any(),
                    None => view! { <li>{*label}</li> }.into_any(),
                }).collect_view()}
            </ul>
        </section>
    }
}

/// "Refuses" or "Shapes outcomes", as a badge.
#[component]
pub fn KindBadge(kind: RuleKind) -> impl IntoView {
    let class = match kind {
        RuleKind::Refusal => "badge badge-refusal",
        RuleKind::Effect => "badge badge-effect",
    };
    view! { <span class=class>{kind.label()}</span> }
}

/// The screens of an area: their name and address, when the console has one.
fn screens(area: Area) -> &'static [(&'static str, Option<&'static str>)] {
    match area {
        Area::Permissions => &[("Every screen: it is checked before any other rule", None)],
        Area::Organization => {
            &[("Settings", Some("/settings")), ("Create organization", Some("/organizations/new"))]
        }
        Area::Accounts => &[("Accounts", Some("/accounts"))],
        Area::Users => &[("Users", Some("/users")), ("Import users", Some("/users/import"))],
        Area::Domains => &[("Domains", Some("/domains"))],
        Area::SignUp => &[("Domains (sign-up simulation)", Some("/domains"))],
        Area::SingleSignOn => &[("Single sign-on", Some("/sso"))],
        Area::Scim => &[("SCIM provisioning (the request console)", Some("/scim"))],
        Area::Merge => &[("Merge organizations", Some("/merge"))],
        Area::Clock => &[("Data (the simulated clock)", Some("/data"))],
    }
}
