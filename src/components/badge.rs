use leptos::prelude::*;

/// The tone of a status badge; the badge always carries its text too, never color alone.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Warning,
    /// Finished or inactive, such as a closed account.
    Neutral,
    /// A fact with no good or bad side, such as "SCIM" for a user an identity provider created.
    Info,
}

/// A status badge, such as "Verified".
#[component]
pub fn Badge(tone: Tone, #[prop(into)] label: String) -> impl IntoView {
    let class = match tone {
        Tone::Success => "badge badge-success",
        Tone::Warning => "badge badge-warning",
        Tone::Neutral => "badge badge-neutral",
        Tone::Info => "badge badge-info",
    };
    view! { <span class=class>{label}</span> }
}
