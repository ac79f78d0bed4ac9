use crate::components::action::{ActionButton, OutsidePanel, Sender};
use crate::components::badge::{Badge, Tone};
use crate::components::denial::{DenialAlert, DenialSlot};
use crate::components::list::{Column, ListView, Naming};
use crate::components::page_header::PageHeader;
use crate::components::tabs::{Tabs, current_tab};
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use org_rules::Command;
use org_rules::authz::Permission;
use org_rules::model::{Invitation, InvitationState, InvitationSubject, OrgRole, User};
use org_rules::parts::Part;
use org_rules::sid::{InvitationSid, OrgSid};
use org_rules::users::{independent_users, managed_users};
use org_rules::workspace::Workspace;

/// A person in the Managed or Independent tab.
#[derive(Clone, Debug, PartialEq)]
struct PersonRow {
    sid: String,
    name: String,
    email: String,
    role: String,
    accounts: usize,
    status: &'static str,
    /// Whether an identity provider created them through SCIM.
    by_scim: bool,
    external_id: Option<String>,
}

impl PersonRow {
    fn new(ws: &Workspace, organization: &OrgSid, user: &User) -> Self {
        let in_organization =
            |a: &&org_rules::model::Account| a.organization.as_ref() == Some(organization);
        let accounts = ws.accounts_owned_by(&user.sid).filter(in_organization).count()
            + ws.accounts_of_user(&user.sid).filter(in_organization).count();
        Self {
            sid: user.sid.to_string(),
            name: user.friendly_name.clone(),
            email: user.email.clone(),
            role: user.role_in(organization).map_or("Independent", OrgRole::label).to_owned(),
            accounts,
            status: if user.active { "Active" } else { "Deactivated" },
            by_scim: user.provisioned_by_scim(),
            external_id: user.external_id.clone(),
        }
    }

    /// "SCIM, externalId 00u5j2…": what the filter searches and the CSV holds.
    fn provisioning(&self) -> String {
        let by = if self.by_scim { "SCIM" } else { "" };
        match &self.external_id {
            Some(id) => format!("{by}, externalId {id}").trim_start_matches(", ").to_owned(),
            None => by.to_owned(),
        }
    }
}

/// An invitation in the Pending tab: still open, or expired and waiting to be resent.
#[derive(Clone, Debug, PartialEq)]
struct InvitationRow {
    sid: InvitationSid,
    email: String,
    role: &'static str,
    state: &'static str,
    sent: String,
    expires: String,
}

impl InvitationRow {
    fn new(invitation: &Invitation) -> Option<Self> {
        let InvitationSubject::User { email, role, merges } = &invitation.subject else {
            return None;
        };
        let state = match invitation.state {
            InvitationState::Pending => "Pending",
            InvitationState::Expired { .. } => "Expired",
            _ => return None,
        };
        Some(Self {
            sid: invitation.sid.clone(),
            email: email.clone(),
            role: if merges.is_some() { "Merge invitation" } else { role.noun() },
            state,
            sent: invitation.sent.date(),
            expires: invitation.expires.date(),
        })
    }
}

/// Twilio Admin's Users: managed users, independent users with access to managed accounts, and
/// the people invited who have not joined yet.
#[component]
pub fn Users() -> impl IntoView {
    let store = use_store();
    let tab = current_tab("managed");
    let people = move |independent: bool| {
        let Some(organization) = store.organization.get() else {
            return Vec::new();
        };
        // The rows count each person's accounts.
        store.read(Part::Users | Part::Accounts, |ws| {
            let users = if independent {
                independent_users(ws, &organization)
            } else {
                managed_users(ws, &organization)
            };
            users.into_iter().map(|user| PersonRow::new(ws, &organization, user)).collect()
        })
    };
    let managed = Memo::new(move |_| people(false));
    let independent = Memo::new(move |_| people(true));
    let invited = Memo::new(move |_| {
        let Some(organization) = store.organization.get() else {
            return Vec::new();
        };
        store.read(Part::Invitations, |ws| {
            let mut rows: Vec<InvitationRow> =
                ws.invitations_of(&organization).filter_map(InvitationRow::new).collect();
            rows.sort_by(|a, b| b.sent.cmp(&a.sent));
            rows
        })
    });
    let label = |name: &'static str, count: Memo<Vec<_>>| {
        Signal::derive(move || format!("{name} ({})", count.with(Vec::len)))
    };
    let tabs = vec![
        ("managed", label("Managed", managed)),
        ("independent", label("Independent", independent)),
        ("pending", Signal::derive(move || format!("Pending ({})", invited.with(Vec::len)))),
    ];

    view! {
        <PageHeader title="Users" />
        <p class="lede">
            "Managed users belong to your organization; independent users have access to one of its accounts; pending users were invited and have not joined yet."
        </p>
        <div class="page-actions">
            <A href=href("/users/import") attr:class="button">"Import users"</A>
        </div>
        <InviteUser />
        <Tabs label="User lists" path="/users" tabs current=tab />
        <section role="tabpanel">
            {move || match tab.get().as_str() {
                "independent" => view! { <PeopleList naming=INDEPENDENT rows=independent /> }.into_any(),
                "pending" => view! { <PendingList rows=invited /> }.into_any(),
                _ => view! { <PeopleList naming=MANAGED rows=managed /> }.into_any(),
            }}
        </section>
    }
}

const MANAGED: Naming = Naming {
    label: "Managed users",
    one: "user",
    many: "users",
    empty: "No managed users yet. Invite people with an address in a verified domain.",
};

const INDEPENDENT: Naming = Naming {
    label: "Independent users",
    one: "user",
    many: "users",
    empty: "Nobody outside the organization has access to its accounts.",
};

#[component]
fn PeopleList(naming: Naming, rows: Memo<Vec<PersonRow>>) -> impl IntoView {
    let columns = vec![
        Column::shown(
            "Name",
            |row: &PersonRow| row.name.clone(),
            |row| {
                let (link, name) = (href(&format!("/users/{}", row.sid)), row.name.clone());
                view! { <a href=link>{name}</a> }.into_any()
            },
        ),
        Column::text("Email", |row| row.email.clone()),
        Column::text("Organization role", |row| row.role.clone()),
        Column::text("Accounts", |row| row.accounts.to_string()),
        Column::text("Status", |row| row.status.to_owned()),
        Column::shown("Provisioned by SCIM", PersonRow::provisioning, |row| {
            let badge = row.by_scim.then(|| view! { <Badge tone=Tone::Info label="SCIM" /> });
            let external_id = row.external_id.clone().map(|id| {
                view! { " " <span class="external-id">"externalId " <code>{id}</code></span> }
            });
            view! { {badge} {external_id} }.into_any()
        }),
    ];
    view! { <ListView naming rows columns key=|row: &PersonRow| row.sid.clone() /> }
}

#[component]
fn PendingList(rows: Memo<Vec<InvitationRow>>) -> impl IntoView {
    let naming = Naming {
        label: "Pending users",
        one: "invitation",
        many: "invitations",
        empty: "No open invitations. Invited people appear here until they join or the invitation expires.",
    };
    let columns = vec![
        Column::text("Email", |row: &InvitationRow| row.email.clone()),
        Column::text("Role", |row| row.role.to_owned()),
        Column::text("Status", |row| row.state.to_owned()),
        Column::text("Sent", |row| row.sent.clone()),
        Column::text("Expires", |row| row.expires.clone()),
        Column::shown(
            "Actions",
            |_| String::new(),
            |row| {
                let (resend, revoke) = (row.sid.clone(), row.sid.clone());
                view! {
                <ActionButton label="Resend" command=move || Command::ResendInvitation { invitation: resend.clone() } />
                <ActionButton
                    label="Revoke"
                    command=move || Command::RevokeInvitation { invitation: revoke.clone() }
                    confirm=format!("Revoke the invitation to {}?", row.email)
                    consequence="They can no longer join with it; invite them again if needed."
                />
            }
            .into_any()
            },
        ),
        Column::shown(
            "Outside the console",
            |_| String::new(),
            |row| {
                let (accept, decline) = (row.sid.clone(), row.sid.clone());
                view! {
                <div class="outside-cell">
                    <ActionButton label="Accept as the invitee" sender=Sender::World command=move || Command::AcceptInvitation { invitation: accept.clone() } />
                    <ActionButton label="Decline as the invitee" sender=Sender::World command=move || Command::DeclineInvitation { invitation: decline.clone() } />
                </div>
            }
            .into_any()
            },
        ),
    ];
    view! {
        <ListView naming rows columns key=|row: &InvitationRow| format!("{}:{}", row.sid, row.state) />
        <OutsidePanel lead="Time passes: invitations expire 7 days after they were sent.">
            <ActionButton label="Advance the clock 1 day" sender=Sender::World command=|| Command::AdvanceClock { hours: 24 } />
            <ActionButton label="Advance the clock 7 days" sender=Sender::World command=|| Command::AdvanceClock { hours: 7 * 24 } />
        </OutsidePanel>
    }
}

/// "Invite user": an email address and an organization role. The engine decides whether the
/// address may be invited and says why not in place.
#[component]
fn InviteUser() -> impl IntoView {
    let store = use_store();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(OrgRole::Standard);
    let denial = RwSignal::new(None);
    let permission = Memo::new(move |_| store.may(Permission::ManageUsers).err());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(organization) = store.organization.get_untracked() else {
            return;
        };
        let command = Command::InviteUser {
            organization,
            email: email.get_untracked(),
            role: role.get_untracked(),
        };
        match store.act(command) {
            Ok(_) => {
                denial.set(None);
                email.set(String::new());
            }
            Err(refusal) => denial.set(Some(refusal)),
        }
    };
    let disabled = move || permission.with(Option::is_some);
    view! {
        <form class="card add-form" on:submit=submit aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite user"</h2>
            <div class="field-row">
                <div class="field">
                    <label for="invite-email">"Email"</label>
                    <input
                        id="invite-email"
                        type="email"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="name@corporate.com"
                        aria-describedby="invite-help"
                        prop:value=email
                        prop:disabled=disabled
                        on:input:target=move |ev| email.set(ev.target().value())
                    />
                    <p id="invite-help" class="help">"An address in one of the organization's verified domains."</p>
                </div>
                <div class="field">
                    <label for="invite-role">"Organization role"</label>
                    <select
                        id="invite-role"
                        prop:disabled=disabled
                        on:change:target=move |ev| {
                            role.set(if ev.target().value() == "administrator" { OrgRole::Administrator } else { OrgRole::Standard })
                        }
                    >
                        <option value="standard" selected=true>"Standard user"</option>
                        <option value="administrator">"Administrator"</option>
                    </select>
                </div>
                <button class="button button-primary" type="submit" prop:disabled=disabled>"Invite user"</button>
            </div>
            {move || permission.get().map(|denial| view! { <DenialAlert denial lead="You cannot invite users." /> })}
            <DenialSlot denial />
        </form>
    }
}
