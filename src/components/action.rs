//! Buttons that send one command. What the engine would refuse stays visible, disabled, with the
//! rule that refuses it under the button; what happens outside the console is kept apart.

use super::confirm::ConfirmDialog;
use super::denial::DenialSlot;
use crate::href;
use crate::store::{Store, use_store};
use leptos::prelude::*;
use org_rules::{Actor, Command, Outcome, dry_run};
use std::sync::Arc;

/// Who sends a button's command: the signed-in person, or the outside world (an invitee, an
/// account owner, Twilio support).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sender {
    #[default]
    SignedIn,
    World,
}

impl Sender {
    /// Who the command goes out as.
    pub fn actor(self, store: &Store) -> Actor {
        match self {
            Sender::SignedIn => store.actor(),
            Sender::World => Actor::World,
        }
    }
}

/// How a button looks: Paste's primary, secondary and destructive variants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Variant {
    Primary,
    #[default]
    Secondary,
    Destructive,
}

impl Variant {
    fn class(self) -> &'static str {
        match self {
            Variant::Primary => "button button-primary",
            Variant::Secondary => "button",
            Variant::Destructive => "button button-destructive",
        }
    }
}

/// An id unique on the page, for `aria-describedby` and `aria-labelledby`.
pub fn unique_id(prefix: &str) -> String {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = NEXT.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    format!("{prefix}-{n}")
}

/// One command behind one button. When the engine's dry run refuses it, the button is disabled
/// and the refusing rule is said under it; when the click is refused anyway (the workspace
/// changed meanwhile), the refusal is shown in place. With `confirm`, an irreversible action
/// asks first: the question is the dialog's title and its button repeats `label`.
#[component]
pub fn ActionButton(
    label: &'static str,
    /// The command, read again whenever the workspace changes.
    command: impl Fn() -> Command + Send + Sync + 'static,
    #[prop(optional)] variant: Variant,
    #[prop(optional)] sender: Sender,
    /// The submit button of the form around it, so that Enter in a field sends the command too
    /// (the browser clicks a form's submit button when Enter is pressed in one of its fields).
    /// The form must prevent its default submission.
    #[prop(optional)]
    submit: bool,
    /// "Close subaccount Birch Bank?": ask this first.
    #[prop(optional, into)]
    confirm: Option<String>,
    /// What the confirmation says will happen; "This cannot be undone." by default.
    #[prop(optional, into)]
    consequence: Option<String>,
    /// What follows a completed action, such as going to the new object's page.
    #[prop(optional, into)]
    on_done: Option<Callback<Outcome>>,
) -> impl IntoView {
    // One copy of the button's code for every page: only this line depends on the closure.
    action_button(Action {
        label,
        command: Arc::new(command),
        variant,
        sender,
        submit,
        confirm,
        consequence,
        on_done,
    })
}

/// An [`ActionButton`]'s props, with its command behind a pointer.
struct Action {
    label: &'static str,
    command: Arc<dyn Fn() -> Command + Send + Sync>,
    variant: Variant,
    sender: Sender,
    submit: bool,
    confirm: Option<String>,
    consequence: Option<String>,
    on_done: Option<Callback<Outcome>>,
}

fn action_button(action: Action) -> AnyView {
    let Action { label, command, variant, sender, submit, confirm, consequence, on_done } = action;
    let store = use_store();
    let actor = move || sender.actor(&store);
    let reason = {
        let command = command.clone();
        Memo::new(move |_| {
            let (command, actor) = (command(), actor());
            store.workspace.with(|ws| dry_run(ws, &actor, &command).err())
        })
    };
    let denial = RwSignal::new(None);
    let send = {
        let command = command.clone();
        move || {
            let result = match sender {
                Sender::SignedIn => store.act(command()),
                Sender::World => store.simulate(command()),
            };
            match result {
                Ok(outcome) => {
                    denial.set(None);
                    if let Some(on_done) = on_done {
                        on_done.run(outcome);
                    }
                }
                Err(refusal) => denial.set(Some(refusal)),
            }
        }
    };
    let open = RwSignal::new(false);
    let asks = confirm.is_some();
    let reason_id = unique_id("reason");
    let click = {
        let send = send.clone();
        move |_| if asks { open.set(true) } else { send() }
    };
    view! {
        <span class="action">
            <button
                type=if submit { "submit" } else { "button" }
                class=variant.class()
                prop:disabled=move || reason.with(Option::is_some)
                aria-describedby=reason_id.clone()
                on:click=click
            >
                {label}
            </button>
            <span id=reason_id class="reason">
                {move || reason.get().map(|denial| view! { <RuleReason denial /> })}
            </span>
        </span>
        {confirm.map(|question| {
            view! {
                <ConfirmDialog open question verb=label on_confirm=send>
                    <p>{consequence.clone().unwrap_or_else(|| "This cannot be undone.".into())}</p>
                </ConfirmDialog>
            }
        })}
        <DenialSlot denial />
    }
    .into_any()
}

/// Why an action is not offered: the rule's title and id, linked to the rule, and the detail.
#[component]
pub fn RuleReason(denial: org_rules::Denial) -> impl IntoView {
    let rule = denial.rule;
    view! {
        <a href=href(&format!("/rules/{}", rule.id))>{rule.title}</a>
        " "
        <code class="rule-id">{rule.id}</code>
        <span class="visually-hidden">": " {denial.detail}</span>
    }
}

/// What the outside world does (an invitee answers, an owner confirms, Twilio support acts),
/// apart from the administrator's own actions and styled as such.
#[component]
pub fn OutsidePanel(
    /// What happens here, such as "The invitee answers".
    #[prop(into)]
    lead: String,
    children: Children,
) -> impl IntoView {
    let heading = unique_id("outside");
    let labelled_by = heading.clone();
    view! {
        <section class="simulator outside" aria-labelledby=labelled_by>
            <h3 id=heading>"Outside the console"</h3>
            <p class="help">{lead}</p>
            <div class="actions">{children()}</div>
        </section>
    }
}
