use crate::components::action::{ActionButton, OutsidePanel, Sender, Variant};
use crate::components::badge::{Badge, Tone};
use crate::components::page_header::PageHeader;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use org_rules::Command;
use org_rules::command::LoginMethod;
use org_rules::model::{OrgRole, PasswordState, User};
use org_rules::sid::{OrgSid, UserSid};
use org_rules::sso::sso_required;

/// One user as the shown organization sees them: their role, access, sign-in state and the
/// actions an administrator takes on them.
#[component]
pub fn UserPage() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let user = Memo::new(move |_| {
        let sid: UserSid = params.read().get("sid")?.parse().ok()?;
        store.workspace.with(|ws| ws.user(&sid).cloned())
    });
    let title = Signal::derive(move || {
        user.with(|u| u.as_ref().map_or("User not found".to_owned(), |u| u.friendly_name.clone()))
    });
    view! {
        <PageHeader title crumbs=vec![("Users", "/users")]>
            {move || user.with(|user| user.as_ref().map(badges))}
        </PageHeader>
        {move || match (user.get(), store.organization.get()) {
            (Some(user), Some(organization)) => {
                view! {
                    <Profile user=user.clone() organization=organization.clone() />
                    <OrganizationRole user=user.clone() organization=organization.clone() />
                    <AccountAccess user=user.clone() organization=organization.clone() />
                    <SignInActions user organization />
                }
                    .into_any()
            }
            _ => {
                view! {
                    <div class="empty-state">
                        <h2>"There is no such user"</h2>
                        <p>"They may have been removed, or the address is mistyped."</p>
                        <A href=href("/users")>"Back to Users"</A>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

/// "Deactivated" and "SCIM" next to the name, when they apply.
fn badges(user: &User) -> AnyView {
    let deactivated =
        (!user.active).then(|| view! { <Badge tone=Tone::Warning label="Deactivated" /> });
    let scim = user.provisioned_by_scim().then(|| view! { <Badge tone=Tone::Info label="SCIM" /> });
    view! { {deactivated} " " {scim} }.into_any()
}

/// What the console knows of the person: email, status, SSO, 2FA, password and sessions.
#[component]
fn Profile(user: User, organization: OrgSid) -> impl IntoView {
    let store = use_store();
    let sso = store.workspace.with_untracked(|ws| sso_required(ws, &user.sid));
    let membership = match user.role_in(&organization) {
        Some(role) => role.noun().to_owned(),
        None => "Not a managed user of this organization".to_owned(),
    };
    let password = match user.password {
        PasswordState::Set => "Set".to_owned(),
        PasswordState::ResetPending { expires } => {
            format!("Reset: a link to choose a new one works until {expires}")
        }
    };
    let sessions = match (user.signed_in, user.sessions_ended) {
        (true, _) => "Signed in".to_owned(),
        (false, Some(ended)) => format!("Logged out on {ended}"),
        (false, None) => "Not signed in".to_owned(),
    };
    let provisioning = match (user.provisioned_by_scim(), &user.external_id) {
        (true, Some(id)) => format!("Yes · externalId {id}"),
        (true, None) => "Yes".to_owned(),
        (false, Some(id)) => format!("No · externalId {id}, set by the identity provider"),
        (false, None) => "No".to_owned(),
    };
    let facts = [
        ("Email", user.email.clone()),
        ("Organization role", membership),
        (
            "Status",
            if user.active { "Active" } else { "Deactivated by the identity provider" }.into(),
        ),
        ("Single sign-on", if sso { "Required: logs in with SSO" } else { "Not required" }.into()),
        (
            "Two-factor authentication",
            if user.two_factor { "Registered" } else { "Not registered" }.into(),
        ),
        ("Password", password),
        ("Sessions", sessions),
        ("Provisioned by SCIM", provisioning),
        ("User SID", user.sid.to_string()),
        ("Created", user.date_created.date()),
    ];
    view! {
        <section class="card" aria-label="Profile">
            <dl class="facts">
                {facts.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
        </section>
    }
}

/// "Organization role": change a managed user's role; the Owner's changes only by handing the
/// organization over, in Settings.
#[component]
fn OrganizationRole(user: User, organization: OrgSid) -> impl IntoView {
    let current = user.role_in(&organization);
    let chosen = RwSignal::new(match current {
        Some(OrgRole::Standard) => OrgRole::Administrator,
        _ => OrgRole::Standard,
    });
    let (sid, org) = (user.sid.clone(), organization.clone());
    let change = move || Command::ChangeUserRole {
        organization: org.clone(),
        user: sid.clone(),
        role: chosen.get(),
    };
    let owner_note = (current == Some(OrgRole::Owner)).then(|| {
        view! {
            <p>
                "There is one Owner. To hand the organization to someone else, use "
                <A href=href("/settings")>"Change owner in Settings"</A>
                "; the previous Owner then becomes an Administrator."
            </p>
        }
    });
    view! {
        <section class="card" aria-labelledby="role-heading">
            <h2 id="role-heading">"Organization role"</h2>
            {owner_note}
            <div class="field-row">
                <div class="field">
                    <label for="new-role">"New role"</label>
                    <select
                        id="new-role"
                        on:change:target=move |ev| {
                            chosen.set(if ev.target().value() == "administrator" { OrgRole::Administrator } else { OrgRole::Standard })
                        }
                    >
                        <option value="administrator" selected=move || chosen.get() == OrgRole::Administrator>"Administrator"</option>
                        <option value="standard" selected=move || chosen.get() == OrgRole::Standard>"Standard user"</option>
                    </select>
                </div>
                <div class="field-action">
                    <ActionButton label="Change role" command=change />
                </div>
            </div>
        </section>
    }
}

/// The organization's accounts this person owns or holds a role on.
#[component]
fn AccountAccess(user: User, organization: OrgSid) -> impl IntoView {
    let store = use_store();
    let rows = store.workspace.with_untracked(|ws| {
        let owned = ws.accounts_owned_by(&user.sid).map(|a| (a, "Owner".to_owned()));
        let granted = ws
            .accounts_of_user(&user.sid)
            .filter_map(|a| a.users.get(&user.sid).map(|roles| (a, roles.label())));
        owned
            .chain(granted)
            .filter(|(a, _)| a.organization.as_ref() == Some(&organization))
            .map(|(a, roles)| (a.sid.to_string(), a.friendly_name.clone(), roles))
            .collect::<Vec<_>>()
    });
    let empty = rows.is_empty();
    view! {
        <section class="card" aria-labelledby="access-heading">
            <h2 id="access-heading">"Account access"</h2>
            <table class="table" aria-label="Account access">
                <thead>
                    <tr>
                        <th scope="col">"Account"</th>
                        <th scope="col">"Account roles"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(sid, name, roles)| {
                            view! {
                                <tr>
                                    <th scope="row"><a href=href(&format!("/accounts/{sid}"))>{name}</a></th>
                                    <td>{roles}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {empty.then(|| view! { <p class="empty-state">"No access to this organization's accounts. Grant it from an account's page."</p> })}
        </section>
    }
}

/// Reset password, reset 2FA and removal; and, outside the console, what the person does.
#[component]
fn SignInActions(user: User, organization: OrgSid) -> impl IntoView {
    let navigate = use_navigate();
    let sid = user.sid.clone();
    let command = move |make: fn(UserSid) -> Command| {
        let sid = sid.clone();
        move || make(sid.clone())
    };
    let remove = {
        let sid = user.sid.clone();
        move || Command::RemoveUser { organization: organization.clone(), user: sid.clone() }
    };
    let removed = Callback::new(move |_| navigate("/users", Default::default()));
    view! {
        <section class="card" aria-labelledby="security-heading">
            <h2 id="security-heading">"Security"</h2>
            <p>"Resetting the password logs them out and emails a link to choose a new one, valid for 24 hours. Resetting 2FA clears their phone number; they register a new one at their next login."</p>
            <div class="actions">
                <ActionButton label="Reset password" command=command(|user| Command::ResetPassword { user }) />
                <ActionButton label="Reset 2FA" command=command(|user| Command::ResetTwoFactor { user }) />
            </div>
            <OutsidePanel lead=format!("What {} does.", user.friendly_name)>
                <ActionButton label="Set a new password with the reset link" sender=Sender::World command=command(|user| Command::SetNewPassword { user }) />
                <ActionButton label="Log in with password" sender=Sender::World command=command(|user| Command::LogIn { user, method: LoginMethod::Password }) />
                <ActionButton label="Log in with SSO" sender=Sender::World command=command(|user| Command::LogIn { user, method: LoginMethod::Sso }) />
            </OutsidePanel>
        </section>
        <section class="card danger-zone" aria-labelledby="remove-user-heading">
            <h2 id="remove-user-heading">"Remove user"</h2>
            <p>"They leave the organization and lose their roles on its accounts. They remain a Twilio user. An account owner must hand their accounts over first."</p>
            <ActionButton
                label="Remove user"
                variant=Variant::Destructive
                command=remove
                confirm=format!("Remove {}?", user.email)
                consequence="They lose access to every account of this organization at once."
                on_done=removed
            />
        </section>
    }
}
