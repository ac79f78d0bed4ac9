//! Single sign-on: the organization's SAML profile, its connection test, enforcement per verified
//! domain, and a simulated login (twilio-facts §1.6).

use super::sso_enforcement::Enforcement;
use super::sso_login::LoginSimulator;
use crate::components::action::{ActionButton, OutsidePanel, Sender, Variant};
use crate::components::badge::{Badge, Tone};
use crate::components::copy_value::CopyValue;
use crate::components::denial::{DenialAlert, DenialSlot};
use crate::components::page_header::PageHeader;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::Command;
use org_rules::authz::Permission;
use org_rules::model::{IdpError, SsoProfile};
use org_rules::sid::{OrgSid, SsoProfileSid};

#[component]
pub fn Sso() -> impl IntoView {
    let store = use_store();
    move || store.organization.get().map(|organization| view! { <SsoScreen organization /> })
}

/// The screen for one organization, drawn again when the switcher changes it.
#[component]
fn SsoScreen(organization: OrgSid) -> impl IntoView {
    let store = use_store();
    let profile = {
        let organization = organization.clone();
        Memo::new(move |_| store.workspace.with(|ws| ws.sso_profile_of(&organization).cloned()))
    };
    view! {
        <PageHeader title="Single sign-on">
            {move || profile.with(|p| status_badge(p.as_ref()))}
        </PageHeader>
        <p class="sso-intro">
            "Twilio is the SAML 2.0 service provider; your identity provider signs people in. Users must already exist in Twilio (there is no just-in-time provisioning), and their email address is the NameID. SSO decides how people sign in, not their roles."
        </p>
        {move || {
            store.may(Permission::ManageSso).err().map(|denial| {
                view! { <DenialAlert denial lead="You can see single sign-on but not change it." /> }
            })
        }}
        <ProfileForm organization saved=profile.get_untracked() />
        {move || {
            profile
                .get()
                .map(|profile| {
                    view! {
                        <ServiceProviderValues sid=profile.sid.clone() />
                        <ConnectionTest profile=profile.clone() />
                        <Enforcement profile />
                    }
                })
        }}
        <LoginSimulator />
    }
}

fn status_badge(profile: Option<&SsoProfile>) -> AnyView {
    let (tone, label) = match profile {
        None => (Tone::Neutral, "Not set up".to_owned()),
        Some(p) if !p.enforced_domains.is_empty() => {
            let n = p.enforced_domains.len();
            (Tone::Success, format!("Enforced on {n} domain{}", if n == 1 { "" } else { "s" }))
        }
        Some(p) if p.tested.is_some() => (Tone::Success, "Tested".to_owned()),
        Some(_) => (Tone::Warning, "Not tested".to_owned()),
    };
    view! { <Badge tone label /> }.into_any()
}

/// The identity provider's values: Entity ID, SSO URL and certificate.
#[component]
fn ProfileForm(organization: OrgSid, saved: Option<SsoProfile>) -> impl IntoView {
    let field = |value: fn(&SsoProfile) -> &String| {
        RwSignal::new(saved.as_ref().map(value).cloned().unwrap_or_default())
    };
    let entity_id = field(|p| &p.idp_entity_id);
    let sso_url = field(|p| &p.sso_url);
    let certificate = field(|p| &p.certificate);
    let save = move || Command::SaveSsoProfile {
        organization: organization.clone(),
        idp_entity_id: entity_id.get(),
        sso_url: sso_url.get(),
        certificate: certificate.get(),
    };
    view! {
        <section class="card" aria-labelledby="sso-profile-heading">
            <h2 id="sso-profile-heading">"SAML profile"</h2>
            <p class="help">"Copy these from your identity provider's SAML application for Twilio. Saving a change clears the profile's test: test it again before enforcing it."</p>
            <form class="sso-form" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="field">
                    <label for="sso-entity-id">"IdP Entity ID"</label>
                    <input
                        id="sso-entity-id"
                        type="text"
                        spellcheck="false"
                        placeholder="http://www.okta.com/exk1234567890"
                        prop:value=entity_id
                        on:input:target=move |ev| entity_id.set(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for="sso-url">"SSO URL"</label>
                    <input
                        id="sso-url"
                        type="text"
                        inputmode="url"
                        spellcheck="false"
                        placeholder="https://example.okta.com/app/twilio/sso/saml"
                        prop:value=sso_url
                        on:input:target=move |ev| sso_url.set(ev.target().value())
                    />
                </div>
                <div class="field">
                    <label for="sso-certificate">"x509 certificate"</label>
                    <textarea
                        id="sso-certificate"
                        rows="6"
                        spellcheck="false"
                        placeholder="-----BEGIN CERTIFICATE-----"
                        prop:value=certificate
                        on:input:target=move |ev| certificate.set(ev.target().value())
                    ></textarea>
                </div>
                <div class="actions">
                    <ActionButton label="Save profile" variant=Variant::Primary submit=true command=save />
                </div>
            </form>
        </section>
    }
}

/// What Twilio gives the identity provider. Twilio does not publish how these addresses are
/// formed; the simulator makes them from the profile's SID in Twilio's style.
#[component]
fn ServiceProviderValues(sid: SsoProfileSid) -> impl IntoView {
    let base = format!("https://iam.twilio.com/v1/saml2/{sid}");
    view! {
        <section class="card" aria-labelledby="sp-values-heading">
            <h2 id="sp-values-heading">"Values for your identity provider"</h2>
            <p class="help">"Enter these in your identity provider's SAML application, with NameID format EmailAddress, a signed response and a signed assertion, and no encryption. The simulator makes these addresses up in Twilio's style; Twilio's console shows your profile's real ones."</p>
            <dl class="sp-values">
                <CopyValue label="Entity ID (Audience URI)" value=format!("{base}/metadata") />
                <CopyValue label="ACS URL (Single sign-on URL)" value=format!("{base}/acs") />
            </dl>
        </section>
    }
}

/// "Test connection", and outside the console, how the identity provider answers it.
#[component]
fn ConnectionTest(profile: SsoProfile) -> impl IntoView {
    let store = use_store();
    let sid = profile.sid.clone();
    let status = match profile.tested {
        Some(at) => format!("The last test succeeded on {}.", at.date()),
        None => "Not tested since the profile was last changed.".to_owned(),
    };
    // A plain button, not an ActionButton: a test the identity provider will fail is still
    // run, and its failure shown, as in Twilio's console.
    let denial = RwSignal::new(None);
    let permission = Memo::new(move |_| store.may(Permission::ManageSso).err());
    let test = {
        let sid = sid.clone();
        move |_| denial.set(store.act(Command::TestSsoConnection { profile: sid.clone() }).err())
    };
    let answering = {
        let sid = sid.clone();
        move || match store.workspace.with(|ws| ws.idp_error(&sid)) {
            None => "It answers correctly.".to_owned(),
            Some(error) => format!("It {}.", error.describe()),
        }
    };
    let error = RwSignal::new(IdpError::ALL[0]);
    let answer = move |error: Option<IdpError>| {
        let sid = sid.clone();
        move || Command::SetIdpAnswer { profile: sid.clone(), error }
    };
    let answer_with_error = {
        let answer = answer.clone();
        move || answer(Some(error.get()))()
    };
    let options = IdpError::ALL
        .into_iter()
        .enumerate()
        .map(|(i, e)| view! { <option value=i.to_string()>{e.label()}</option> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="sso-test-heading">
            <h2 id="sso-test-heading">"Test connection"</h2>
            <p>"Twilio sends you to your identity provider to sign in and checks its SAML response. The test must succeed before you can enforce the profile."</p>
            <p class="sso-test-status">{status}</p>
            <div class="actions">
                <button class="button" on:click=test prop:disabled=move || permission.get().is_some()>
                    "Test connection"
                </button>
            </div>
            <DenialSlot denial />
            <div class="sso-idp">
            <OutsidePanel lead="Your identity provider answers Twilio's test.">
                <p class="idp-answer">{answering}</p>
                <ActionButton label="Answer correctly" sender=Sender::World command=answer(None) />
                <label for="idp-error">"Error"</label>
                <select
                    id="idp-error"
                    on:change:target=move |ev| {
                        let index: usize = ev.target().value().parse().unwrap_or_default();
                        error.set(IdpError::ALL[index]);
                    }
                >
                    {options}
                </select>
                <ActionButton label="Answer with this error" sender=Sender::World command=answer_with_error />
            </OutsidePanel>
            </div>
        </section>
    }
}
