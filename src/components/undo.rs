use crate::store::use_store;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Undo and Redo of the last changes, as buttons and as the usual shortcuts (Ctrl+Z or ⌘Z;
/// Ctrl+Shift+Z, ⌘⇧Z or Ctrl+Y), except while typing in a field, which has its own undo.
#[component]
pub fn UndoRedo() -> impl IntoView {
    let store = use_store();
    let listener = window_event_listener(leptos::ev::keydown, move |event: KeyboardEvent| {
        if !(event.ctrl_key() || event.meta_key()) || typing(&event) {
            return;
        }
        match (event.key().to_lowercase().as_str(), event.shift_key()) {
            ("z", false) => store.undo(),
            ("z", true) | ("y", false) => store.redo(),
            _ => return,
        }
        event.prevent_default();
    });
    on_cleanup(move || listener.remove());
    view! {
        <div class="undo-redo" role="group" aria-label="History">
            <button
                type="button"
                class="button button-small"
                aria-keyshortcuts="Control+Z"
                prop:disabled=move || store.undoable.get() == 0
                on:click=move |_| store.undo()
            >
                "Undo"
            </button>
            <button
                type="button"
                class="button button-small"
                aria-keyshortcuts="Control+Shift+Z"
                prop:disabled=move || store.undone.with(Vec::is_empty)
                on:click=move |_| store.redo()
            >
                "Redo"
            </button>
        </div>
    }
}

fn typing(event: &KeyboardEvent) -> bool {
    event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()).is_some_and(
        |element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"),
    )
}
