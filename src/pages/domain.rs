use super::domains::StatusBadge;
use crate::components::confirm::ConfirmDialog;
use crate::components::denial::{DenialAlert, DenialSlot};
use crate::components::page_header::PageHeader;
use crate::components::preview::PreviewLine;
use crate::href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use org_rules::authz::Permission;
use org_rules::expiries::removal_due;
use org_rules::model::{Domain, DomainStatus, SignupPolicy};
use org_rules::sid::DomainSid;
use org_rules::{Actor, Command, dry_run};

/// One domain: its verification record, the Verify action, the sign-up setting and removal.
#[component]
pub fn DomainPage() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let domain = Memo::new(move |_| {
        let sid: DomainSid = params.read().get("sid")?.parse().ok()?;
        let organization = store.organization.get()?;
        store
            .workspace
            .with(|ws| ws.domain(&sid).filter(|d| d.organization == organization).cloned())
    });
    // Kept here, above the sections that are drawn again whenever the domain changes, so that
    // changing the sign-up setting keeps the address being tried.
    let signup_email = RwSignal::new(String::new());
    let title = Signal::derive(move || {
        domain.with(|d| d.as_ref().map_or("Domain not found".to_owned(), |d| d.name.clone()))
    });

    view! {
        <PageHeader title crumbs=vec![("Domains", "/domains")]>
            {move || domain.get().map(|domain| view! { <StatusBadge domain /> })}
        </PageHeader>
        {move || match domain.get() {
            Some(domain) => {
                view! {
                    <ReadOnlyNotice />
                    <Verification domain=domain.clone() />
                    <SignupSetting domain=domain.clone() />
                    <SignupSimulator domain=domain.clone() email=signup_email />
                    <RemoveDomain domain />
                }
                    .into_any()
            }
            None => {
                view! {
                    <div class="empty-state">
                        <h2>"This organization has no such domain"</h2>
                        <p>"It may have been removed, or it belongs to another organization."</p>
                        <A href=href("/domains")>"Back to Domains"</A>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

/// Why the signed-in person may look at the domain but not change it, said once for the page.
#[component]
fn ReadOnlyNotice() -> impl IntoView {
    let store = use_store();
    move || {
        store.may(Permission::ManageDomains).err().map(|denial| {
            view! { <DenialAlert denial lead="You can see this domain but not change it." /> }
        })
    }
}

#[component]
fn Verification(domain: Domain) -> impl IntoView {
    let store = use_store();
    let denial = RwSignal::new(None);
    let permission = Memo::new(move |_| store.may(Permission::ManageDomains).err());
    let sid = domain.sid.clone();
    let verify = move |_| {
        let result = store.act(Command::VerifyDomain { domain: sid.clone() });
        denial.set(result.err());
    };
    let status = match &domain.status {
        DomainStatus::Unverified => {
            "Publish this TXT record with your DNS provider, then select Verify. DNS changes can take up to 72 hours to propagate.".to_owned()
        }
        DomainStatus::Verified { since } => format!(
            "Verified on {}. Twilio re-checks the record every 24 hours: keep it published.",
            since.date()
        ),
        DomainStatus::Lapsing { failing_since, .. } => format!(
            "Twilio's daily re-check has not found this record since {}. Publish it again and select Check again before {}, or the domain is removed.",
            failing_since.date(),
            removal_due(&domain).map(|due| due.date()).unwrap_or_default()
        ),
    };
    let verb = if domain.is_verified() { "Check again" } else { "Verify" };
    view! {
        <section class="card" aria-labelledby="verification-heading">
            <h2 id="verification-heading">"Verification"</h2>
            <p>{status}</p>
            <table class="table record" aria-label="DNS record to publish">
                <thead>
                    <tr>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Value"</th>
                        <th scope="col">"TTL"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <td>"TXT"</td>
                        <td><code>"_twilio"</code></td>
                        <td><code class="record-value">{domain.record_value()}</code></td>
                        <td>"3600"</td>
                    </tr>
                </tbody>
            </table>
            <div class="actions">
                <button class="button button-primary" on:click=verify prop:disabled=move || permission.get().is_some()>
                    {verb}
                </button>
            </div>
            <DenialSlot denial />
            <DnsSimulator domain />
        </section>
    }
}

/// The outside world's side: what public DNS holds at the record's name, and a way to change it.
#[component]
fn DnsSimulator(domain: Domain) -> impl IntoView {
    let store = use_store();
    let record = domain.record_name();
    let value = RwSignal::new(domain.record_value());
    let denial = RwSignal::new(None);
    let published = {
        let record = record.clone();
        Memo::new(move |_| {
            store.workspace.with(|ws| ws.dns_txt(&record).map(str::to_owned).collect::<Vec<_>>())
        })
    };
    let publish = {
        let record = record.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let result = store.simulate(Command::PublishDnsRecord {
                name: record.clone(),
                value: value.get_untracked(),
            });
            denial.set(result.err());
        }
    };
    let record_label = record.clone();
    view! {
        <div class="simulator" aria-labelledby="dns-heading">
            <h3 id="dns-heading">"Simulate: public DNS"</h3>
            <p class="help">
                "What your DNS provider serves at " <code>{record_label}</code> ". Publish the record as your DNS administrator would, or a wrong value to see verification fail."
            </p>
            <ul class="dns-values" aria-label="Published TXT values">
                {move || {
                    let values = published.get();
                    if values.is_empty() {
                        view! { <li class="muted">"No TXT record published"</li> }.into_any()
                    } else {
                        values
                            .into_iter()
                            .map(|published_value| {
                                let (record, shown) = (record.clone(), published_value.clone());
                                let unpublish = move |_| {
                                    let result = store.simulate(Command::RemoveDnsRecord { name: record.clone(), value: published_value.clone() });
                                    denial.set(result.err());
                                };
                                view! {
                                    <li>
                                        <code>{shown}</code>
                                        " "
                                        <button class="button button-small" on:click=unpublish>"Remove from DNS"</button>
                                    </li>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                }}
            </ul>
            <form class="field-row" on:submit=publish>
                <div class="field grow">
                    <label for="dns-value">"TXT value"</label>
                    <input
                        id="dns-value"
                        type="text"
                        spellcheck="false"
                        prop:value=value
                        on:input:target=move |ev| value.set(ev.target().value())
                    />
                </div>
                <button class="button" type="submit">"Publish in DNS"</button>
            </form>
            <DenialSlot denial />
        </div>
    }
}

#[component]
fn SignupSetting(domain: Domain) -> impl IntoView {
    let store = use_store();
    let denial = RwSignal::new(None);
    let permission = Memo::new(move |_| store.may(Permission::ManageDomains).err());
    let current = domain.signup_policy;
    let sid = domain.sid.clone();
    let options = SignupPolicy::ALL
        .into_iter()
        .map(|policy| {
            let sid = sid.clone();
            let id = format!("signup-{policy:?}").to_lowercase();
            let choose = move |_| {
                let result = store.act(Command::SetSignupPolicy { domain: sid.clone(), policy });
                denial.set(result.err());
            };
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="signup-policy"
                        id=id.clone()
                        prop:checked=policy == current
                        prop:disabled=move || permission.get().is_some()
                        on:change=choose
                    />
                    <label for=id>
                        <strong>{policy.label()}</strong>
                        <span class="help">{policy.description()}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    let note = (!domain.is_verified()).then_some(
        view! { <p class="help">"The setting takes effect once the domain is verified."</p> },
    );
    view! {
        <section class="card" aria-labelledby="signup-heading">
            <fieldset>
                <legend id="signup-heading">{format!("When someone signs up with an @{} address", domain.name)}</legend>
                {note}
                {options}
            </fieldset>
            <DenialSlot denial />
        </section>
    }
}

/// "What happens if Kim signs up with kim@owlcorp.com?": the engine's answer before anything
/// changes, with the rules that decide it, and then the sign-up itself, done by the outside world.
#[component]
fn SignupSimulator(domain: Domain, email: RwSignal<String>) -> impl IntoView {
    let store = use_store();
    if !email.get_untracked().ends_with(&format!("@{}", domain.name)) {
        email.set(format!("someone@{}", domain.name));
    }
    let denial = RwSignal::new(None);
    let sign_up = move || Command::SignUp { email: email.get(), name: String::new() };
    let preview = Memo::new(move |_| {
        let command = sign_up();
        store.workspace.with(|ws| dry_run(ws, &Actor::World, &command))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        denial.set(store.simulate(sign_up()).err());
    };
    view! {
        <section class="card simulator" aria-labelledby="signup-simulator-heading">
            <h2 id="signup-simulator-heading">"Outside the console: simulate a sign-up"</h2>
            <p class="help">"Someone signs up for Twilio with an email address. See what would happen under this domain's setting, then let it happen."</p>
            <form class="field-row" on:submit=submit>
                <div class="field grow">
                    <label for="signup-email">"Email address"</label>
                    <input
                        id="signup-email"
                        type="email"
                        spellcheck="false"
                        aria-describedby="signup-preview"
                        prop:value=email
                        on:input:target=move |ev| email.set(ev.target().value())
                    />
                </div>
                <button class="button" type="submit">"Sign up"</button>
            </form>
            <div id="signup-preview" class="preview" aria-live="polite">
                {move || view! { <PreviewLine preview=preview.get() /> }}
            </div>
            <DenialSlot denial />
        </section>
    }
}

#[component]
fn RemoveDomain(domain: Domain) -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    let denial = RwSignal::new(None);
    let navigate = use_navigate();
    let permission = Memo::new(move |_| store.may(Permission::ManageDomains).err());
    let sid = domain.sid.clone();
    let remove = move || match store.act(Command::RemoveDomain { domain: sid.clone() }) {
        Ok(_) => navigate("/domains", Default::default()),
        Err(refusal) => denial.set(Some(refusal)),
    };
    let name = domain.name.clone();
    view! {
        <section class="card danger-zone" aria-labelledby="remove-heading">
            <h2 id="remove-heading">"Remove domain"</h2>
            <p>"Invitations, sign-up settings and single sign-on stop applying to this domain. You can add it again later, but you must verify it again."</p>
            <button class="button button-destructive" on:click=move |_| open.set(true) prop:disabled=move || permission.get().is_some()>
                "Remove domain"
            </button>
            <DenialSlot denial />
            <ConfirmDialog open question=format!("Remove {name}?") verb="Remove domain" on_confirm=remove>
                <p>"The organization will no longer own this domain, and its verification record will no longer be checked."</p>
            </ConfirmDialog>
        </section>
    }
}
