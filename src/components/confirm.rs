use leptos::ev::KeyboardEvent;
use leptos::html::Button;
use leptos::prelude::*;

/// A confirmation dialog whose title is a question and whose confirm button repeats the verb.
/// Escape or Cancel closes it; focus starts on Cancel, the safe choice.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    /// "Remove owlcorp.dev?"
    #[prop(into)]
    question: Signal<String>,
    /// "Remove domain"
    verb: &'static str,
    on_confirm: impl Fn() + Send + Sync + 'static,
    children: ChildrenFn,
) -> impl IntoView {
    let cancel = NodeRef::<Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel.get() {
            let _ = button.focus();
        }
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    };
    let on_confirm = std::sync::Arc::new(on_confirm);
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <div
                    class="modal"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="confirm-title"
                    on:keydown=on_keydown
                >
                    <h2 id="confirm-title">{question}</h2>
                    <div class="modal-body">{children()}</div>
                    <div class="modal-actions">
                        <button class="button" node_ref=cancel on:click=move |_| open.set(false)>
                            "Cancel"
                        </button>
                        <button
                            class="button button-destructive"
                            on:click={
                                let on_confirm = on_confirm.clone();
                                move |_| {
                                    open.set(false);
                                    on_confirm();
                                }
                            }
                        >
                            {verb}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
