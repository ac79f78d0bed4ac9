//! SCIM provisioning (twilio-facts §1.7): the OAuth app an identity provider calls through, the
//! endpoint's address, and a console that sends the endpoint requests as Okta or Entra ID would.

use super::scim_console::RequestConsole;
use crate::components::action::{ActionButton, Variant};
use crate::components::badge::{Badge, Tone};
use crate::components::copy_value::CopyValue;
use crate::components::denial::DenialAlert;
use crate::components::page_header::PageHeader;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::model::OauthApp;
use org_rules::scim::calling_app;
use org_rules::sid::{OauthAppSid, OrgSid};
use org_rules::{Actor, Command};
use wasm_bindgen::JsCast;

const BASE_URL: &str = "https://iam.twilio.com/scim/v2";

#[component]
pub fn Scim() -> impl IntoView {
    let store = use_store();
    move || store.organization.get().map(|organization| view! { <ScimScreen organization /> })
}

/// The screen for one organization, drawn again when the switcher changes it.
#[component]
fn ScimScreen(organization: OrgSid) -> impl IntoView {
    let store = use_store();
    let app = {
        let organization = organization.clone();
        Memo::new(move |_| {
            store.workspace.with(|ws| {
                ws.oauth_apps_of(&organization).max_by_key(|app| app.date_created).cloned()
            })
        })
    };
    // Why the identity provider cannot call through the app, such as its authorizer having
    // been deactivated; the endpoint then answers 401.
    let stopped = Memo::new(move |_| {
        let app = app.get()?;
        store.workspace.with(|ws| calling_app(ws, &Actor::App(app.sid)).err())
    });
    let badge = move || {
        let (tone, label) = match (app.with(Option::is_some), stopped.with(Option::is_some)) {
            (false, _) => (Tone::Neutral, "No OAuth app"),
            (true, true) => (Tone::Warning, "Provisioning stopped"),
            (true, false) => (Tone::Success, "Ready"),
        };
        view! { <Badge tone label /> }
    };
    view! {
        <PageHeader title="SCIM provisioning">{badge}</PageHeader>
        <p class="lede">
            "Your identity provider (Okta, Microsoft Entra ID) creates, updates and deactivates managed users through Twilio's SCIM 2.0 API. Every request is checked by the same rules as the console, and the users it creates are marked on the Users screens."
        </p>
        <OauthAppSection organization=organization.clone() app stopped />
        <Endpoint />
        <RequestConsole organization app />
    }
}

/// The OAuth app: how to create it, its client ID, its secret shown once, and who authorized it.
#[component]
fn OauthAppSection(
    organization: OrgSid,
    app: Memo<Option<OauthApp>>,
    stopped: Memo<Option<org_rules::Denial>>,
) -> impl IntoView {
    // Only this page's visit holds the secret: leaving it forgets it, as Twilio shows it once.
    let secret = RwSignal::new(None::<(OauthAppSid, String)>);
    let created = Callback::new(move |outcome: org_rules::Outcome| {
        if let Some(sid) = outcome.created.and_then(|sid| sid.parse().ok()) {
            secret.set(Some((sid, client_secret())));
        }
    });
    let create = move || Command::CreateScimApp { organization: organization.clone() };
    view! {
        <section class="card" aria-labelledby="oauth-app-heading">
            <h2 id="oauth-app-heading">"OAuth app"</h2>
            {move || match app.get() {
                None => view! {
                    <p>
                        "The identity provider calls the SCIM API with an OAuth app of this organization, an authorization-code app with every "
                        <code>"managed-users"</code>
                        " scope (Admin > Applications > OAuth apps). SCIM acts on the app's organization, and only on email addresses in its verified domains."
                    </p>
                    <div class="actions">
                        <ActionButton label="Create OAuth app" variant=Variant::Primary command=create.clone() on_done=created />
                    </div>
                }
                .into_any(),
                Some(app) => view! { <AppDetails app secret stopped /> }.into_any(),
            }}
            <p class="help">
                "Twilio advises authorizing the app with a dedicated service user: the identity provider's tokens act for the user who authorized it, so deactivating or removing that user stops provisioning."
            </p>
        </section>
    }
}

#[component]
fn AppDetails(
    app: OauthApp,
    secret: RwSignal<Option<(OauthAppSid, String)>>,
    stopped: Memo<Option<org_rules::Denial>>,
) -> impl IntoView {
    let store = use_store();
    let authorizer = store.workspace.with_untracked(|ws| {
        ws.user(&app.created_by).map_or_else(
            || app.created_by.to_string(),
            |user| format!("{} ({})", user.friendly_name, user.email),
        )
    });
    let sid = app.sid.clone();
    let once = move || {
        let shown = secret.get().filter(|(app, _)| *app == sid).map(|(_, secret)| secret);
        match shown {
            Some(secret) => view! {
                <div class="alert alert-warning scim-secret" role="status">
                    <p class="alert-title">
                        <strong>"Copy the client secret now: it is shown once."</strong>
                    </p>
                    <p>"Enter it with the client ID in your identity provider. Once you leave this page, it cannot be shown again."</p>
                    <dl class="sp-values">
                        <CopyValue label="Client secret" value=secret />
                    </dl>
                </div>
            }
            .into_any(),
            None => view! {
                <dl class="sp-values">
                    <dt>"Client secret"</dt>
                    <dd>"Shown once, when the app was created."</dd>
                </dl>
            }
            .into_any(),
        }
    };
    view! {
        <dl class="sp-values">
            <CopyValue label="Client ID" value=app.sid.to_string() />
            <dt>"Authorized by"</dt>
            <dd>{authorizer} ", on " {app.date_created.date()}</dd>
            <dt>"Token endpoint"</dt>
            <dd><code>"POST https://oauth.twilio.com/v2/token"</code></dd>
        </dl>
        {once}
        {move || {
            stopped.get().map(|denial| {
                view! { <DenialAlert denial lead="The identity provider cannot provision users: SCIM answers 401." /> }
            })
        }}
    }
}

/// A client secret of 32 letters and digits, from the browser's random source; never stored.
fn client_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // Bytes at or above 248 (4 × 62) are skipped, so that every character is as likely.
    random_bytes(64)
        .into_iter()
        .filter(|&byte| byte < 248)
        .take(32)
        .map(|byte| char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]))
        .collect()
}

/// `n` bytes from `crypto.getRandomValues`, which every browser the console runs in has.
fn random_bytes(n: u32) -> Vec<u8> {
    let bytes = js_sys::Uint8Array::new_with_length(n);
    let global = js_sys::global();
    let filled = js_sys::Reflect::get(&global, &"crypto".into()).and_then(|crypto| {
        let fill: js_sys::Function =
            js_sys::Reflect::get(&crypto, &"getRandomValues".into())?.dyn_into()?;
        fill.call1(&crypto, &bytes)
    });
    match filled {
        Ok(_) => bytes.to_vec(),
        // Not a secret worth the name, but the simulator stores and checks none.
        Err(_) => (0..n).map(|_| (js_sys::Math::random() * 256.0) as u8).collect(),
    }
}

#[component]
fn Endpoint() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="endpoint-heading">
            <h2 id="endpoint-heading">"Endpoint"</h2>
            <p class="help">"Enter the base URL in your identity provider's SCIM connector; Okta's unique identifier field is userName."</p>
            <dl class="sp-values">
                <CopyValue label="SCIM base URL" value=BASE_URL.to_owned() />
                <dt>"Users endpoint"</dt>
                <dd><code>{format!("{BASE_URL}/Users")}</code></dd>
            </dl>
        </section>
    }
}
