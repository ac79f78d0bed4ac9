//! A searchable people picker (the WAI-ARIA combobox pattern): type part of a name or an email
//! address and pick from the few who match. An organization of 10,000 people cannot be a
//! `<select>` of 10,000 options.

use crate::store::use_store;
use leptos::prelude::*;
use org_rules::model::User;
use org_rules::parts::Part;
use org_rules::sid::UserSid;

/// How many matches the list shows; typing more narrows it.
pub const SHOWN: usize = 8;

/// Someone the picker offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub sid: UserSid,
    /// What the list and the input show: "Sam Rivera (Standard)".
    pub label: String,
}

/// Whether `user` is who `needle` (already lower-cased) names: part of their name or address.
pub fn matches(user: &User, needle: &str) -> bool {
    needle.is_empty()
        || user.email.contains(needle)
        || user.friendly_name.to_lowercase().contains(needle)
}

/// A labelled combobox. `search` returns the people matching the typed text, at most [`SHOWN`]
/// of them, plus whether more matched; `chosen` is who the input shows when nobody is typing.
#[component]
pub fn PersonPicker(
    id: &'static str,
    label: &'static str,
    search: Callback<String, (Vec<Person>, bool)>,
    #[prop(into)] chosen: Signal<Option<Person>>,
    on_pick: Callback<UserSid>,
    #[prop(optional)] help: Option<&'static str>,
) -> impl IntoView {
    let listbox = format!("{id}-options");
    let help_id = help.map(|_| format!("{id}-help"));
    // What the person typed, while they are choosing; `None` shows the chosen person.
    let typed = RwSignal::new(None::<String>);
    let active = RwSignal::new(0usize);
    let found = Memo::new(move |_| match typed.get() {
        Some(text) => search.run(text.trim().to_lowercase()),
        None => (Vec::new(), false),
    });
    let expanded = move || typed.with(Option::is_some);
    let option_id = move |index: usize| format!("{id}-option-{index}");
    let pick = move |person: Person| {
        typed.set(None);
        on_pick.run(person.sid);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = found.with(|(people, _)| people.len());
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                if typed.with(Option::is_none) {
                    typed.set(Some(String::new()));
                }
                active.update(|i| *i = (*i + 1).min(count - 1));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|i| *i = i.saturating_sub(1));
            }
            "Enter" => {
                if let Some(person) = found.with(|(people, _)| people.get(active.get()).cloned()) {
                    ev.prevent_default();
                    pick(person);
                }
            }
            "Escape" => typed.set(None),
            _ => {}
        }
    };
    let shown_text = move || match typed.get() {
        Some(text) => text,
        None => chosen.get().map(|p| p.label).unwrap_or_default(),
    };
    let options = move || {
        found.with(|(people, more)| {
            let rows = people
                .iter()
                .enumerate()
                .map(|(index, person)| {
                    let chosen_person = person.clone();
                    let selected = move || active.get() == index;
                    view! {
                        <li
                            id=option_id(index)
                            role="option"
                            class="picker-option"
                            aria-selected=move || selected().to_string()
                            // Mousedown, not click: the input must not lose focus first.
                            on:mousedown=move |ev| {
                                ev.prevent_default();
                                pick(chosen_person.clone());
                            }
                        >
                            {person.label.clone()}
                        </li>
                    }
                })
                .collect_view();
            let note = if people.is_empty() {
                Some("Nobody matches")
            } else if *more {
                Some("More people match: type more of a name or address")
            } else {
                None
            };
            (
                rows,
                note.map(|text| view! { <li class="picker-note" role="presentation">{text}</li> }),
            )
        })
    };
    view! {
        <div class="picker">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls=listbox.clone()
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || {
                    (expanded() && found.with(|(people, _)| !people.is_empty()))
                        .then(|| option_id(active.get()))
                }
                aria-describedby=help_id.clone()
                placeholder="Type a name or email"
                prop:value=shown_text
                on:focus=move |_| {
                    active.set(0);
                    typed.set(Some(String::new()));
                }
                on:input:target=move |ev| {
                    active.set(0);
                    typed.set(Some(ev.target().value()));
                }
                on:blur=move |_| typed.set(None)
                on:keydown=on_keydown
            />
            <ul id=listbox role="listbox" aria-label=label class="picker-list" hidden=move || !expanded()>
                {options}
            </ul>
            {help.map(|text| view! { <p id=help_id.clone() class="help">{text}</p> })}
        </div>
    }
}

/// The people of an organization that `needle` matches, the first [`SHOWN`] of them in `order`,
/// and whether more matched. One pass over the members, whatever their number.
pub fn search_people<'w, K: Ord>(
    members: impl Iterator<Item = &'w User>,
    needle: &str,
    order: impl Fn(&User) -> K,
    label: impl Fn(&User) -> String,
) -> (Vec<Person>, bool) {
    let mut best: Vec<(K, &User)> = Vec::with_capacity(SHOWN + 1);
    let mut more = false;
    for user in members.filter(|u| matches(u, needle)) {
        let key = order(user);
        let at = best.partition_point(|(k, _)| *k <= key);
        if at < SHOWN {
            best.insert(at, (key, user));
            if best.len() > SHOWN {
                best.pop();
                more = true;
            }
        } else {
            more = true;
        }
    }
    let people = best
        .into_iter()
        .map(|(_, user)| Person { sid: user.sid.clone(), label: label(user) })
        .collect();
    (people, more)
}

/// How many people a [`UserField`] suggests at once: enough to choose from, few enough to draw
/// at once in an organization of 10,000.
const SUGGESTIONS: usize = 20;

/// A text field for a user's email address or SID that suggests the shown organization's
/// managed users matching what is typed.
#[component]
pub fn UserField(
    id: &'static str,
    label: &'static str,
    text: RwSignal<String>,
    /// The id of what explains the field: its own help text when `help` is given.
    #[prop(optional)]
    help: Option<&'static str>,
    #[prop(optional)] described_by: Option<&'static str>,
) -> impl IntoView {
    let store = use_store();
    let list_id = format!("{id}-suggestions");
    let help_id = help.map(|_| format!("{id}-help"));
    let described_by = help_id.clone().or(described_by.map(str::to_owned));
    let suggestions = Memo::new(move |_| {
        let Some(organization) = store.organization.get() else {
            return Vec::new();
        };
        let needle = text.get().trim().to_lowercase();
        store.read(Part::Users, |ws| {
            ws.members(&organization)
                .filter(|u| matches(u, &needle))
                .take(SUGGESTIONS)
                .map(|u| (u.email.clone(), u.friendly_name.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                list=list_id.clone()
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by
                prop:value=text
                on:input:target=move |ev| text.set(ev.target().value())
            />
            <datalist id=list_id>
                {move || {
                    suggestions
                        .get()
                        .into_iter()
                        .map(|(email, name)| view! { <option value=email>{name}</option> })
                        .collect_view()
                }}
            </datalist>
            {help.map(|text| view! { <p id=help_id.clone() class="help">{text}</p> })}
        </div>
    }
}
