//! Who may use an account: its owner with "Transfer ownership", and its users with their account
//! roles (grant, change and revoke access).

use super::account::{WaitingButton, may_change};
use crate::components::action::{ActionButton, RuleReason, Variant};
use crate::components::person_picker::UserField;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::Command;
use org_rules::model::{Account, AccountRoles};
use org_rules::sid::{AccountSid, UserSid};
use org_rules::workspace::Workspace;

/// The user an administrator names by email address or by SID, if one exists.
fn resolve_user(ws: &Workspace, text: &str) -> Option<UserSid> {
    ws.user_named(text).map(|u| u.sid.clone())
}

/// What a form's button says before a user is named: the engine's reason the account cannot be
/// changed, if it cannot, or else what to type.
fn waiting(label: &'static str, cannot: Option<org_rules::Denial>) -> AnyView {
    match cannot {
        Some(denial) => view! { <WaitingButton label><RuleReason denial /></WaitingButton> }.into_any(),
        None => view! { <WaitingButton label>"Enter the email address or SID of a user."</WaitingButton> }
            .into_any(),
    }
}

/// The owner, and "Transfer ownership" to another managed user.
#[component]
pub(super) fn OwnerSection(sid: AccountSid, account: Memo<Option<Account>>) -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new(String::new());
    let cannot = may_change(sid.clone());
    let owner = Memo::new(move |_| {
        account.with(|a| {
            let a = a.as_ref()?;
            store.workspace.with(|ws| {
                let owner = ws.user(&a.owner)?;
                Some((a.friendly_name.clone(), owner.friendly_name.clone(), owner.email.clone()))
            })
        })
    });
    let new_owner = Memo::new(move |_| {
        text.with(|t| {
            store.workspace.with(|ws| {
                let user = resolve_user(ws, t)?;
                ws.user(&user).map(|u| (user, u.email.clone()))
            })
        })
    });
    let done = Callback::new(move |_| text.set(String::new()));
    let button = move || {
        let (Some((user, email)), Some((name, _, old))) = (new_owner.get(), owner.get()) else {
            return waiting("Transfer ownership", cannot.get());
        };
        let account = sid.clone();
        view! {
            <ActionButton
                label="Transfer ownership"
                variant=Variant::Primary
                submit=true
                command=move || Command::TransferAccountOwnership { account: account.clone(), new_owner: user.clone() }
                confirm=format!("Transfer ownership of {name} to {email}?")
                consequence=format!("{email} becomes the owner of {name}. {old} stays on the account as an Administrator.")
                on_done=done
            />
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="owner-heading">
            <h2 id="owner-heading">"Owner"</h2>
            <p>
                {move || owner.get().map(|(_, name, email)| format!("{name} ({email}) owns this account and holds every role on it."))}
            </p>
            <form class="field-row" aria-label="Transfer ownership" on:submit=|ev| ev.prevent_default()>
                <UserField
                    id="new-owner"
                    label="New owner"
                    text
                    help="A managed user of the organization, by email address or user SID."
                />
                <div class="actions">{button}</div>
            </form>
        </section>
    }
}

/// A user with access to the account; `roles` is `None` for its owner.
#[derive(Clone, Debug, PartialEq)]
struct AccessRow {
    user: UserSid,
    name: String,
    email: String,
    roles: Option<AccountRoles>,
}

/// What the grant form holds: whom, and which roles. Kept apart so "Change roles" on a row can
/// fill it in.
#[derive(Clone, Copy)]
struct Draft {
    user: RwSignal<String>,
    administrator: RwSignal<bool>,
    developer: RwSignal<bool>,
    billing_manager: RwSignal<bool>,
    support: RwSignal<bool>,
}

impl Draft {
    fn new() -> Self {
        Self {
            user: RwSignal::new(String::new()),
            administrator: RwSignal::new(false),
            developer: RwSignal::new(true),
            billing_manager: RwSignal::new(false),
            support: RwSignal::new(false),
        }
    }

    /// Fills the form with `roles`, or with the Developer role alone when `None`.
    fn set(&self, user: String, roles: Option<AccountRoles>) {
        let limited = match roles {
            Some(AccountRoles::Limited { developer, billing_manager, support }) => {
                (developer, billing_manager, support)
            }
            Some(AccountRoles::Administrator) | None => (true, false, false),
        };
        self.user.set(user);
        self.administrator.set(roles == Some(AccountRoles::Administrator));
        self.developer.set(limited.0);
        self.billing_manager.set(limited.1);
        self.support.set(limited.2);
    }

    fn roles(&self) -> AccountRoles {
        if self.administrator.get() {
            AccountRoles::Administrator
        } else {
            AccountRoles::Limited {
                developer: self.developer.get(),
                billing_manager: self.billing_manager.get(),
                support: self.support.get(),
            }
        }
    }
}

/// The account's users and their roles, with "Change roles" and "Revoke access" on each, and
/// the form that grants access or changes it.
#[component]
pub(super) fn UsersSection(sid: AccountSid, account: Memo<Option<Account>>) -> impl IntoView {
    let store = use_store();
    let draft = Draft::new();
    let rows = Memo::new(move |_| {
        account.with(|a| {
            let Some(a) = a.as_ref() else {
                return Vec::new();
            };
            store.workspace.with(|ws| {
                let row = |user: &UserSid, roles| {
                    let found = ws.user(user);
                    AccessRow {
                        user: user.clone(),
                        name: found.map(|u| u.friendly_name.clone()).unwrap_or_default(),
                        email: found.map_or_else(|| user.to_string(), |u| u.email.clone()),
                        roles,
                    }
                };
                let mut users: Vec<AccessRow> =
                    a.users.iter().map(|(user, roles)| row(user, Some(*roles))).collect();
                users.sort_by(|a, b| a.email.cmp(&b.email));
                users.insert(0, row(&a.owner, None));
                users
            })
        })
    });
    let name =
        move || account.with(|a| a.as_ref().map(|a| a.friendly_name.clone()).unwrap_or_default());
    let account_sid = sid.clone();
    view! {
        <section class="card" aria-labelledby="users-heading">
            <h2 id="users-heading">"Users"</h2>
            <table class="table" aria-label="Users with access">
                <thead>
                    <tr>
                        <th scope="col">"User"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Account roles"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|row| (row.user.clone(), row.roles)
                        children=move |row| {
                            let roles = row.roles.map_or_else(|| "Owner".to_owned(), AccountRoles::label);
                            let actions = match row.roles {
                                None => view! { <span class="muted">"Transfer ownership to change"</span> }.into_any(),
                                Some(held) => {
                                    let (account, user, email) = (account_sid.clone(), row.user.clone(), row.email.clone());
                                    let edit = {
                                        let email = email.clone();
                                        move |_| {
                                            draft.set(email.clone(), Some(held));
                                            focus("grant-user");
                                        }
                                    };
                                    view! {
                                        <div class="row-actions">
                                        <button type="button" class="button" on:click=edit>"Change roles"</button>
                                        <ActionButton
                                            label="Revoke access"
                                            variant=Variant::Destructive
                                            command=move || Command::RevokeAccountAccess { account: account.clone(), user: user.clone() }
                                            confirm=format!("Revoke {email}'s access to {}?", name())
                                            consequence="They can no longer use this account. You can grant access again later."
                                        />
                                        </div>
                                    }
                                        .into_any()
                                }
                            };
                            view! {
                                <tr>
                                    <th scope="row">{row.name.clone()}</th>
                                    <td>{row.email.clone()}</td>
                                    <td>{roles}</td>
                                    <td>{actions}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <GrantForm sid draft />
        </section>
    }
}

/// Moves focus to the field with `id`, as after "Change roles".
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(field) = document().get_element_by_id(id) {
        let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// "Grant access": a user and roles. For someone who already has roles, it changes them.
#[component]
fn GrantForm(sid: AccountSid, draft: Draft) -> impl IntoView {
    let store = use_store();
    let cannot = may_change(sid.clone());
    let account = sid.clone();
    // The named user, and whether they already hold roles on the account.
    let user = Memo::new(move |_| {
        draft.user.with(|t| {
            store.workspace.with(|ws| {
                let user = resolve_user(ws, t)?;
                let has_roles = ws.account(&sid).is_some_and(|a| a.users.contains_key(&user));
                Some((user, has_roles))
            })
        })
    });
    let done = Callback::new(move |_| draft.set(String::new(), None));
    let button = move || match user.get() {
        Some((user, has_roles)) => {
            let account = account.clone();
            let label = if has_roles { "Save roles" } else { "Grant access" };
            view! {
                <ActionButton
                    label
                    variant=Variant::Primary
                    submit=true
                    command=move || Command::GrantAccountAccess { account: account.clone(), user: user.clone(), roles: draft.roles() }
                    on_done=done
                />
            }
            .into_any()
        }
        None => waiting("Grant access", cannot.get()),
    };
    let limited = move || !draft.administrator.get();
    view! {
        <form class="subform" aria-labelledby="grant-heading" on:submit=|ev| ev.prevent_default()>
            <h3 id="grant-heading">"Grant access"</h3>
            <UserField
                id="grant-user"
                label="User"
                text=draft.user
                help="By email address or user SID. Someone who already has access gets the roles chosen here instead."
            />
            <fieldset>
                <legend>"Account roles"</legend>
                <div class="radio">
                    <input
                        type="radio"
                        name="grant-kind"
                        id="grant-administrator"
                        prop:checked=move || draft.administrator.get()
                        on:change=move |_| draft.administrator.set(true)
                    />
                    <label for="grant-administrator">
                        <strong>"Administrator"</strong>
                        <span class="help">"Everything the owner can do on the account. It cannot be combined with other roles."</span>
                    </label>
                </div>
                <div class="radio">
                    <input
                        type="radio"
                        name="grant-kind"
                        id="grant-limited"
                        prop:checked=limited
                        on:change=move |_| draft.administrator.set(false)
                    />
                    <label for="grant-limited">
                        <strong>"Choose roles"</strong>
                        <span class="help">"Any combination of the three below."</span>
                    </label>
                </div>
                <div class="role-choices">
                    <RoleBox id="grant-developer" label="Developer" held=draft.developer enabled=limited />
                    <RoleBox id="grant-billing-manager" label="Billing Manager" held=draft.billing_manager enabled=limited />
                    <RoleBox id="grant-support" label="Support" held=draft.support enabled=limited />
                </div>
            </fieldset>
            <div class="actions">{button}</div>
        </form>
    }
}

#[component]
fn RoleBox(
    id: &'static str,
    label: &'static str,
    held: RwSignal<bool>,
    enabled: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="checkbox">
            <input
                type="checkbox"
                id=id
                prop:checked=held
                prop:disabled=move || !enabled()
                on:change:target=move |ev| held.set(ev.target().checked())
            />
            <label for=id>{label}</label>
        </div>
    }
}
