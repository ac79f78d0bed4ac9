//! "Simulate a login": any user, a method, and the engine's answer before and by doing it.

use crate::components::denial::DenialSlot;
use crate::components::person_picker::UserField;
use crate::components::preview::PreviewLine;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::command::LoginMethod;
use org_rules::{Actor, Command, dry_run};

#[component]
pub fn LoginSimulator() -> impl IntoView {
    let store = use_store();
    let email = RwSignal::new(String::new());
    let method = RwSignal::new(LoginMethod::Password);
    let denial = RwSignal::new(None);
    let log_in = move || {
        let user =
            store.workspace.with(|ws| ws.user_by_email(email.get().trim()).map(|u| u.sid.clone()));
        user.map(|user| Command::LogIn { user, method: method.get() })
    };
    let preview = Memo::new(move |_| {
        log_in().map(|command| store.workspace.with(|ws| dry_run(ws, &Actor::World, &command)))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        denial.set(log_in().and_then(|command| store.simulate(command).err()));
    };
    let radio = move |value: LoginMethod, id: &'static str, label: &'static str| {
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="login-method"
                    id=id
                    prop:checked=move || method.get() == value
                    on:change=move |_| method.set(value)
                />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section class="card simulator" aria-labelledby="login-heading">
            <h2 id="login-heading">"Outside the console: simulate a login"</h2>
            <p class="help">"Someone logs in to the Twilio Console. Pick a person and a method to see whether Twilio lets them in, and which rule decides it; then let them try."</p>
            <form class="login-form" on:submit=submit>
                <UserField id="login-email" label="Email address" text=email described_by="login-preview" />
                <fieldset class="field">
                    <legend>"Method"</legend>
                    {radio(LoginMethod::Password, "login-password", "Password")}
                    {radio(LoginMethod::Sso, "login-sso", "SSO")}
                </fieldset>
                <button class="button" type="submit" prop:disabled=move || preview.with(Option::is_none)>
                    "Log in"
                </button>
            </form>
            <div id="login-preview" class="preview" aria-live="polite">
                {move || match preview.get() {
                    None => view! { <p class="help">"Enter the email address of a Twilio user."</p> }.into_any(),
                    Some(preview) => view! { <PreviewLine preview lead="Would be allowed: " /> }.into_any(),
                }}
            </div>
            <DenialSlot denial />
        </section>
    }
}
