use crate::components::action::{ActionButton, OutsidePanel, Sender};
use crate::components::denial::{DenialSlot, sentence};
use crate::components::page_header::PageHeader;
use crate::components::ticked::Ticked;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use org_rules::organizations::ORG_CREATOR_OWNER;
use org_rules::sid::UserSid;
use org_rules::{Actor, Command, Denial, Workspace, dry_run};

/// Who may create an organization does not depend on its name; the dry run that asks uses this
/// one, so that an empty name field does not hide the answer behind the name's own rule.
const ANY_NAME: &str = "New organization";

/// Someone who could try to create an organization, and the engine's answer for them.
#[derive(Clone, Debug, PartialEq)]
struct Creator {
    sid: UserSid,
    name: String,
    label: String,
    answer: Result<(), Denial>,
}

/// The signed-in person, then everyone who belongs to no organization: they are never offered
/// under "Signed in as", yet they are the ones who may create one.
fn creators(ws: &Workspace, signed_in: Option<&UserSid>) -> Vec<Creator> {
    let outsiders = ws.state().users.values().filter(|u| u.membership.is_none());
    let signed_in = signed_in.and_then(|sid| ws.user(sid));
    signed_in
        .into_iter()
        .chain(outsiders.filter(|u| Some(&u.sid) != signed_in.map(|s| &s.sid)))
        .map(|user| {
            let mut label = format!("{} ({})", user.friendly_name, user.email);
            if signed_in.is_some_and(|s| s.sid == user.sid) {
                label.push_str(", signed in");
            }
            let command = Command::CreateOrganization { name: ANY_NAME.into() };
            let answer = dry_run(ws, &Actor::User(user.sid.clone()), &command).map(|_| ());
            Creator { sid: user.sid.clone(), name: user.friendly_name.clone(), label, answer }
        })
        .collect()
}

/// Create organization: who creates it (each with the engine's answer), its name, and the
/// phone verification that the outside world provides.
#[component]
pub fn CreateOrganization() -> impl IntoView {
    let store = use_store();
    let people = Memo::new(move |_| {
        let signed_in = store.signed_in.get();
        store.workspace.with(|ws| creators(ws, signed_in.as_ref()))
    });
    let chosen = RwSignal::new(store.signed_in.get_untracked());
    let creator = Memo::new(move |_| {
        let chosen = chosen.get();
        people.with(|people| people.iter().find(|p| Some(&p.sid) == chosen.as_ref()).cloned())
    });
    let name = RwSignal::new(String::new());
    let denial = RwSignal::new(None);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(creator) = chosen.get_untracked() else {
            return;
        };
        let command = Command::CreateOrganization { name: name.get_untracked() };
        match store.act_as(creator, command) {
            Ok(outcome) => {
                denial.set(None);
                if let Some(sid) = outcome.created.and_then(|sid| sid.parse().ok()) {
                    store.switch_organization(sid);
                    navigate("/", Default::default());
                }
            }
            Err(refusal) => denial.set(Some(refusal)),
        }
    };
    let refused = move || creator.with(|c| c.as_ref().is_none_or(|c| c.answer.is_err()));
    view! {
        <PageHeader title="Create organization" />
        <p class="lede">
            <a href=href(&format!("/rules/{}", ORG_CREATOR_OWNER.id))>{ORG_CREATOR_OWNER.title}</a>
            ", and the accounts they own that no organization manages join it. A person who already belongs to an organization cannot create another."
        </p>
        <form class="card" on:submit=submit aria-labelledby="create-heading">
            <h2 id="create-heading" class="visually-hidden">"New organization"</h2>
            <fieldset>
                <legend>"Who creates it"</legend>
                <p class="help">"The signed-in person, or anyone who belongs to no organization, such as a user removed from one."</p>
                <For
                    each=move || people.get()
                    key=|p| (p.sid.clone(), p.answer.as_ref().err().map(|d| (d.rule.id, d.detail.clone())))
                    children=move |person| view! { <CreatorChoice person chosen /> }
                />
            </fieldset>
            <div class="field-row">
                <div class="field grow">
                    <label for="new-organization-name">"Organization name"</label>
                    <input
                        id="new-organization-name"
                        type="text"
                        autocomplete="organization"
                        aria-describedby="new-organization-help create-error"
                        prop:value=name
                        on:input:target=move |ev| name.set(ev.target().value())
                    />
                    <p id="new-organization-help" class="help">"Usually your company's name. You can change it later in Settings."</p>
                </div>
                <button
                    class="button button-primary"
                    type="submit"
                    prop:disabled=refused
                    aria-describedby=move || chosen.get().map(|sid| format!("creator-{sid}-answer"))
                >
                    "Create organization"
                </button>
            </div>
            <div id="create-error">
                <DenialSlot denial />
            </div>
        </form>
        {move || creator.get().map(|person| view! { <VerifyPhone person /> })}
    }
}

/// One person to create as, with why they may not, tied to their radio button.
#[component]
fn CreatorChoice(person: Creator, chosen: RwSignal<Option<UserSid>>) -> impl IntoView {
    let id = format!("creator-{}", person.sid);
    let reason_id = format!("{id}-answer");
    let sid = person.sid.clone();
    let checked = {
        let sid = sid.clone();
        move || chosen.get().as_ref() == Some(&sid)
    };
    let answer = match person.answer {
        Ok(()) => view! { <span class="help">"May create an organization"</span> }.into_any(),
        Err(denial) => {
            let rule = denial.rule;
            view! {
                <span class="creator-refused" data-rule=rule.id>
                    <a href=href(&format!("/rules/{}", rule.id))>{rule.title}</a>
                    " " <code class="rule-id">{rule.id}</code> ": "
                    <Ticked text=sentence(&denial.detail) />
                </span>
            }
            .into_any()
        }
    };
    view! {
        <div class="radio">
            <input
                type="radio"
                name="creator"
                id=id.clone()
                aria-describedby=reason_id.clone()
                prop:checked=checked
                on:change=move |_| chosen.set(Some(sid.clone()))
            />
            <label for=id>
                <strong>{person.label}</strong>
                <span id=reason_id>{answer}</span>
            </label>
        </div>
    }
}

/// The outside world's part: the chosen person verifies a phone number in their user settings.
#[component]
fn VerifyPhone(person: Creator) -> impl IntoView {
    let sid = person.sid.clone();
    view! {
        <OutsidePanel lead=format!("{} adds and verifies a phone number in their Twilio user profile.", person.name)>
            <ActionButton
                label="Verify a phone number"
                sender=Sender::World
                command=move || Command::VerifyPhoneNumber { user: sid.clone() }
            />
        </OutsidePanel>
    }
}
