use super::rule_links::RuleLinks;
use crate::store::use_store;
use leptos::prelude::*;
use std::time::Duration;

/// How long a toast stays: Paste suggests about half a second per word; ours are short.
const TOAST_DURATION: Duration = Duration::from_secs(6);

/// The confirmation of the last completed action, with a close button.
#[component]
pub fn Toast() -> impl IntoView {
    let store = use_store();
    Effect::new(move |_| {
        if let Some(notice) = store.toast.get() {
            set_timeout(
                // The console may have gone since (a test unmounts it): then there is no toast.
                move || {
                    if store.toast.try_get_untracked().flatten().as_ref() == Some(&notice) {
                        store.toast.try_set(None);
                    }
                },
                TOAST_DURATION,
            );
        }
    });
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || {
                store
                    .toast
                    .get()
                    .map(|notice| {
                        view! {
                            <div class="toast">
                                <span class="toast-text">{notice.text}</span>
                                <RuleLinks rules=notice.rules />
                                <button
                                    class="toast-close"
                                    aria-label="Dismiss"
                                    on:click=move |_| store.toast.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
