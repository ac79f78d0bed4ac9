//! Single sign-on: the SAML profile, its test, enforcement per verified domain, and logging in
//! (twilio-facts §1.6).

use crate::authz::{Actor, Permission, authorize};
use crate::command::LoginMethod;
use crate::model::{Domain, IdpError, PasswordState, SsoProfile, User};
use crate::plan::{Applied, EventDraft, Plan, found};
use crate::rule::{Denial, Rule, RuleKind, require};
use crate::sid::{DomainSid, OrgSid, SsoProfileSid, UserSid};
use crate::workspace::Workspace;

const PEM_BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const PEM_END: &str = "-----END CERTIFICATE-----";

/// How many offending email addresses a refusal names before it only counts the rest.
const EMAILS_LISTED: usize = 5;

pub static SSO_ENTITY_ID_REQUIRED: Rule = Rule {
    id: "SSO_ENTITY_ID_REQUIRED",
    title: "An SSO profile needs the identity provider's Entity ID",
    explanation: "Copy the Entity ID (also called Issuer, Connection ID or External Key) from your \
        identity provider's SAML application into the profile. Twilio uses it to recognise the \
        responses your identity provider signs.",
    source: "twilio-facts §1.6 (D-SSO-LEG, D-SSO-SAML)",
    kind: RuleKind::Refusal,
};

pub static SSO_URL_INVALID: Rule = Rule {
    id: "SSO_URL_INVALID",
    title: "The SSO URL is a public https address",
    explanation: "The SSO Service URL is where Twilio sends people to sign in at your identity \
        provider. It must be a complete `https://` address with a host name, such as \
        `https://idp.example.com/sso/saml`, without spaces. Plain `http://` is refused because the \
        SAML exchange carries credentials.",
    source: "twilio-facts §1.6 (D-SSO-LEG: \"SSO Service URL (GET/POST, public)\")",
    kind: RuleKind::Refusal,
};

pub static SSO_CERTIFICATE_INVALID: Rule = Rule {
    id: "SSO_CERTIFICATE_INVALID",
    title: "The identity provider's certificate is a PEM-encoded x509 certificate",
    explanation: "Paste the identity provider's public x509 signing certificate in PEM form: a \
        `-----BEGIN CERTIFICATE-----` line, the base64 body, and an `-----END CERTIFICATE-----` \
        line. Twilio checks the signature of every SAML response against it. We check the form \
        only, not the certificate's contents.",
    source: "twilio-facts §1.6 (D-SSO-LEG: \"public x509 certificate\")",
    kind: RuleKind::Refusal,
};

pub static SSO_CHANGE_WHILE_ENFORCED: Rule = Rule {
    id: "SSO_CHANGE_WHILE_ENFORCED",
    title: "An enforced SSO profile cannot be reconfigured",
    explanation: "Changing a profile clears its successful test, and Twilio enforces only tested \
        profiles. So that no one is locked out by an untested configuration, stop enforcing the \
        profile on every domain first, change and test it, then enforce it again. Twilio does not \
        document what happens to an enforced profile that is edited; this is our choice.",
    source: "twilio-facts §1.6 (D-SSO-TEST, D-SSO-ENF); our choice",
    kind: RuleKind::Refusal,
};

pub static SSO_PROFILE_INCOMPLETE: Rule = Rule {
    id: "SSO_PROFILE_INCOMPLETE",
    title: "Only a complete SSO profile can be tested",
    explanation: "Testing the SSO connection signs you in through your identity provider, which \
        needs the profile's Entity ID, SSO URL and certificate. Complete the profile and save it, \
        then test it.",
    source: "twilio-facts §1.6 (D-SSO-TEST, D-SSO-TRB)",
    kind: RuleKind::Refusal,
};

pub static SSO_TEST_REQUIRED: Rule = Rule {
    id: "SSO_TEST_REQUIRED",
    title: "SSO is enforced only after a successful connection test",
    explanation: "Test SSO connection must succeed before the profile can be enforced. Any change \
        to the profile clears the result, so test again after each change.",
    source: "twilio-facts §1.6 (D-SSO-TEST)",
    kind: RuleKind::Refusal,
};

pub static SSO_TEST_FAILED: Rule = Rule {
    id: "SSO_TEST_FAILED",
    title: "The SSO connection test failed at the identity provider",
    explanation: "Twilio sent you to your identity provider and could not accept its answer. The \
        usual causes: the identity provider answers 404 (its metadata in the profile is wrong), \
        its SAML response or assertion is not signed, the response is encrypted or invalid, the \
        audience does not match Twilio's Entity ID, or the RelayState is missing. Fix the \
        identity provider's SAML app and test again. A failed test changes nothing: a profile \
        that passed before keeps its result.",
    source: "twilio-facts §1.6 (D-SSO-TEST, D-SSO-TRB); keeping an earlier result is our choice",
    kind: RuleKind::Refusal,
};

pub static SSO_DOMAIN_NOT_VERIFIED: Rule = Rule {
    id: "SSO_DOMAIN_NOT_VERIFIED",
    title: "SSO is enforced on the organization's verified domains only",
    explanation: "You enforce SSO per domain, and only on domains the organization has verified. \
        Verify the domain first.",
    source: "twilio-facts §1.6 (D-SSO-ENF), §1.5 (D-DOM)",
    kind: RuleKind::Refusal,
};

pub static SSO_UNMANAGED_DOMAIN_USERS: Rule = Rule {
    id: "SSO_UNMANAGED_DOMAIN_USERS",
    title: "Every user of an enforced domain is a managed user",
    explanation: "Before SSO is enforced on a domain, every Twilio user with an email address in \
        that domain must be a managed user of the organization. Invite or import them first; \
        Twilio recommends bulk import before enforcement. Users of subdomains are not counted: a \
        subdomain is a domain of its own.",
    source: "twilio-facts §1.6 (D-SSO-ENF), §1.3 (D-SSO-ENF)",
    kind: RuleKind::Refusal,
};

pub static SSO_ALREADY_ENFORCED: Rule = Rule {
    id: "SSO_ALREADY_ENFORCED",
    title: "A domain is enforced once",
    explanation: "SSO is already enforced on this domain by this profile. Its users already sign \
        in through the identity provider.",
    source: "twilio-facts §1.6 (D-SSO-ENF)",
    kind: RuleKind::Refusal,
};

pub static SSO_NOT_ENFORCED: Rule = Rule {
    id: "SSO_NOT_ENFORCED",
    title: "Only an enforced domain can stop being enforced",
    explanation: "The profile does not enforce SSO on this domain, so there is nothing to stop. \
        Its users already sign in with their password.",
    source: "twilio-facts §1.6 (D-SSO-ENF: \"Domains are edited per SSO Profile\")",
    kind: RuleKind::Refusal,
};

pub static DOMAIN_SSO_ENFORCED: Rule = Rule {
    id: "DOMAIN_SSO_ENFORCED",
    title: "A domain on which SSO is enforced cannot be removed",
    explanation: "SSO is enforced only on verified domains of the organization. Removing a domain \
        that an SSO profile enforces would leave its users with neither SSO nor a clear rule. Stop \
        enforcing SSO on the domain first, then remove it.",
    source: "twilio-facts §1.6 (D-SSO-ENF), §1.5 (D-DOM); our choice",
    kind: RuleKind::Refusal,
};

pub static LOGIN_USER_DEACTIVATED: Rule = Rule {
    id: "LOGIN_USER_DEACTIVATED",
    title: "A deactivated user cannot log in",
    explanation: "Your identity provider deactivated this user through SCIM (`active: false`). \
        They cannot log in until it activates them again. Twilio does not document the effect of \
        deactivation; we lock the user out, as identity providers expect.",
    source: "twilio-facts §1.3 (D-SCIM; effect unconfirmed), §1.7 (D-SCIM-OKTA)",
    kind: RuleKind::Refusal,
};

pub static LOGIN_SSO_REQUIRED: Rule = Rule {
    id: "LOGIN_SSO_REQUIRED",
    title: "Users of an SSO-enforced domain log in with SSO",
    explanation: "Once SSO is enforced on a domain, every managed user with an email address in \
        it signs in through the identity provider, not with a password. The administrator who \
        enforced SSO is exempt and keeps password login.",
    source: "twilio-facts §1.6 (D-SSO, D-SSO-ENF)",
    kind: RuleKind::Refusal,
};

pub static LOGIN_SSO_NOT_CONFIGURED: Rule = Rule {
    id: "LOGIN_SSO_NOT_CONFIGURED",
    title: "SSO login needs SSO enforced on the user's domain",
    explanation: "Twilio signs a user in through an identity provider only when their \
        organization's SSO profile is enforced on their email domain. Log in with your password, \
        or ask an administrator to enforce SSO on your domain.",
    source: "twilio-facts §1.6 (D-SSO, D-SSO-ENF)",
    kind: RuleKind::Refusal,
};

pub static LOGIN_PASSWORD_RESET_PENDING: Rule = Rule {
    id: "LOGIN_PASSWORD_RESET_PENDING",
    title: "After a password reset, the old password no longer works",
    explanation: "An administrator reset this user's password: they were logged out and sent a link, \
        valid for 24 hours, to choose a new one. Until they do, password login is refused. If the \
        link expired, ask an administrator to reset the password again.",
    source: "twilio-facts §1.3 (SK: \"Reset password: logs the user out, 24-hour link\")",
    kind: RuleKind::Refusal,
};

/// The profile's configuration as entered: trimmed, and each part checked.
struct Configuration {
    idp_entity_id: String,
    sso_url: String,
    certificate: String,
}

impl Configuration {
    fn check(idp_entity_id: &str, sso_url: &str, certificate: &str) -> Result<Self, Denial> {
        let idp_entity_id = idp_entity_id.trim();
        require(!idp_entity_id.is_empty(), &SSO_ENTITY_ID_REQUIRED, || {
            "enter the identity provider's Entity ID".to_owned()
        })?;
        let sso_url = sso_url.trim();
        check_sso_url(sso_url)?;
        let certificate = certificate.trim();
        check_certificate(certificate)?;
        Ok(Self {
            idp_entity_id: idp_entity_id.to_owned(),
            sso_url: sso_url.to_owned(),
            certificate: certificate.to_owned(),
        })
    }

    fn matches(&self, profile: &SsoProfile) -> bool {
        self.idp_entity_id == profile.idp_entity_id
            && self.sso_url == profile.sso_url
            && self.certificate == profile.certificate
    }
}

fn check_sso_url(url: &str) -> Result<(), Denial> {
    let invalid = |detail: String| Err(Denial::new(&SSO_URL_INVALID, detail));
    if url.is_empty() {
        return invalid("enter the identity provider's SSO URL".to_owned());
    }
    if url.contains(char::is_whitespace) {
        return invalid(format!("`{url}` contains a space"));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return invalid(format!("`{url}` is not a complete address starting with `https://`"));
    };
    if !scheme.eq_ignore_ascii_case("https") {
        return invalid(format!("`{url}` uses `{scheme}`; the SSO URL must use `https`"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (host, port) = host.split_once(':').unwrap_or((host, ""));
    if host.is_empty() {
        return invalid(format!("`{url}` has no host name"));
    }
    if let Some(bad) = host.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
    {
        return invalid(format!("the host `{host}` contains `{bad}`"));
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return invalid(format!("the port `{port}` is not a number"));
    }
    Ok(())
}

fn check_certificate(pem: &str) -> Result<(), Denial> {
    let invalid = |detail: &str| Err(Denial::new(&SSO_CERTIFICATE_INVALID, detail.to_owned()));
    let Some(rest) = pem.strip_prefix(PEM_BEGIN) else {
        return invalid("the certificate must start with `-----BEGIN CERTIFICATE-----`");
    };
    let Some(body) = rest.strip_suffix(PEM_END) else {
        return invalid("the certificate must end with `-----END CERTIFICATE-----`");
    };
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if body.is_empty() {
        return invalid("the certificate has no body between its BEGIN and END lines");
    }
    let data = body.trim_end_matches('=');
    let padding = body.len() - data.len();
    if let Some(bad) = data.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/')))
    {
        return Err(Denial::new(
            &SSO_CERTIFICATE_INVALID,
            format!("the certificate body contains `{bad}`, which is not base64"),
        ));
    }
    if padding > 2 || !body.len().is_multiple_of(4) {
        return invalid("the certificate body is not complete base64: it may have been cut short");
    }
    Ok(())
}

pub(crate) fn save_profile(
    ws: &Workspace,
    actor: &Actor,
    organization: &OrgSid,
    idp_entity_id: &str,
    sso_url: &str,
    certificate: &str,
) -> Result<Plan, Denial> {
    found(ws.organization(organization), "organization", organization)?;
    authorize(ws, actor, Permission::ManageSso, organization)?;
    let config = Configuration::check(idp_entity_id, sso_url, certificate)?;

    let Some(profile) = ws.sso_profile_of(organization) else {
        let organization = organization.clone();
        return Ok(Plan::new(
            "Created the SSO profile. Test the connection before enforcing it.",
            move |ws| {
                let sid: SsoProfileSid = ws.issue();
                ws.insert_sso_profile(SsoProfile {
                    sid: sid.clone(),
                    organization,
                    idp_entity_id: config.idp_entity_id,
                    sso_url: config.sso_url,
                    certificate: config.certificate,
                    tested: None,
                    enforced_domains: Default::default(),
                    exempt: Default::default(),
                });
                Applied::event(EventDraft::new(
                    "sso_profile",
                    "created",
                    &sid,
                    "SSO profile created",
                ))
                .created(sid)
            },
        ));
    };
    if config.matches(profile) {
        return Ok(Plan::new("The SSO profile is unchanged", |_| Applied::default()));
    }
    require(profile.enforced_domains.is_empty(), &SSO_CHANGE_WHILE_ENFORCED, || {
        format!(
            "the profile enforces SSO on {}; stop enforcing it first",
            domain_names(ws, &profile.enforced_domains)
        )
    })?;
    let previous = Configuration {
        idp_entity_id: profile.idp_entity_id.clone(),
        sso_url: profile.sso_url.clone(),
        certificate: profile.certificate.clone(),
    };
    let (sid, was_tested) = (profile.sid.clone(), profile.tested.is_some());
    Ok(Plan::new(
        "Saved the SSO profile. Test the connection again before enforcing it.",
        move |ws| {
            let mut event = EventDraft::new("sso_profile", "updated", &sid, "SSO profile changed");
            if previous.idp_entity_id != config.idp_entity_id {
                event = event.field(
                    "idp_entity_id",
                    Some(&previous.idp_entity_id),
                    Some(&config.idp_entity_id),
                );
            }
            if previous.sso_url != config.sso_url {
                event = event.field("sso_url", Some(&previous.sso_url), Some(&config.sso_url));
            }
            if previous.certificate != config.certificate {
                // The audit log says that the certificate changed, not what it holds.
                event = event.field("certificate", Some("previous"), Some("replaced"));
            }
            if was_tested {
                event = event.field("tested", Some("yes"), Some("no"));
            }
            ws.update_sso_profile(&sid, |p| {
                p.idp_entity_id = config.idp_entity_id;
                p.sso_url = config.sso_url;
                p.certificate = config.certificate;
                p.tested = None;
            });
            Applied::event(event)
        },
    ))
}

pub(crate) fn test_connection(
    ws: &Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
) -> Result<Plan, Denial> {
    let profile = found(ws.sso_profile(profile), "SSO profile", profile)?;
    authorize(ws, actor, Permission::ManageSso, &profile.organization)?;
    Configuration::check(&profile.idp_entity_id, &profile.sso_url, &profile.certificate)
        .map_err(|denial| Denial::new(&SSO_PROFILE_INCOMPLETE, denial.detail))?;
    if let Some(error) = ws.idp_error(&profile.sid) {
        return Err(Denial::new(
            &SSO_TEST_FAILED,
            format!("the identity provider at `{}` {}", profile.sso_url, error.describe()),
        ));
    }
    let sid = profile.sid.clone();
    Ok(Plan::new("The SSO connection test succeeded", move |ws| {
        let now = ws.now();
        ws.update_sso_profile(&sid, |p| p.tested = Some(now));
        Applied::event(
            EventDraft::new("sso_profile", "tested", &sid, "SSO connection tested successfully")
                .field("tested", None::<&str>, Some(now)),
        )
    }))
}

/// The outside world: the identity provider's SAML app now answers tests correctly or with
/// `error`.
pub(crate) fn set_idp_answer(
    ws: &Workspace,
    profile: &SsoProfileSid,
    error: Option<IdpError>,
) -> Result<Plan, Denial> {
    let sid = found(ws.sso_profile(profile), "SSO profile", profile)?.sid.clone();
    let previous = ws.idp_error(&sid).map(IdpError::describe);
    let summary = match error {
        None => "The identity provider now answers the connection test correctly".to_owned(),
        Some(error) => format!("The identity provider now {}", error.describe()),
    };
    Ok(Plan::new(summary.clone(), move |ws| {
        ws.set_idp_error(&sid, error);
        Applied::event(EventDraft::new("identity_provider", "changed", &sid, summary).field(
            "test_error",
            previous,
            error.map(IdpError::describe),
        ))
    }))
}

/// The profile and one of its organization's domains, as enforcing and stopping need them.
fn profile_and_domain<'w>(
    ws: &'w Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
    domain: &DomainSid,
) -> Result<(&'w SsoProfile, &'w Domain), Denial> {
    let profile = found(ws.sso_profile(profile), "SSO profile", profile)?;
    let domain = found(ws.domain(domain), "domain", domain)?;
    authorize(ws, actor, Permission::ManageSso, &profile.organization)?;
    Ok((profile, domain))
}

pub(crate) fn enforce(
    ws: &Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
    domain: &DomainSid,
) -> Result<Plan, Denial> {
    let (profile, domain) = profile_and_domain(ws, actor, profile, domain)?;
    require(!profile.enforced_domains.contains(&domain.sid), &SSO_ALREADY_ENFORCED, || {
        format!("SSO is already enforced on `{}`", domain.name)
    })?;
    require(profile.tested.is_some(), &SSO_TEST_REQUIRED, || {
        "test the SSO connection first; the profile has not passed a test since it was last changed"
            .to_owned()
    })?;
    require(domain.organization == profile.organization, &SSO_DOMAIN_NOT_VERIFIED, || {
        format!("`{}` belongs to another organization", domain.name)
    })?;
    require(domain.is_verified(), &SSO_DOMAIN_NOT_VERIFIED, || {
        format!("`{}` is not verified yet", domain.name)
    })?;
    let affected = enforcement_affects(ws, profile, domain, actor.user());
    let unmanaged: Vec<&str> = affected.unmanaged.iter().map(|user| user.email.as_str()).collect();
    require(unmanaged.is_empty(), &SSO_UNMANAGED_DOMAIN_USERS, || {
        format!(
            "users of `{}` not managed by this organization: {}",
            domain.name,
            list_emails(&unmanaged)
        )
    })?;

    let (sid, domain_sid, name) = (profile.sid.clone(), domain.sid.clone(), domain.name.clone());
    let enforcer = actor.user().cloned();
    Ok(Plan::new(format!("SSO is now enforced on {name}. You keep password login."), move |ws| {
        ws.update_sso_profile(&sid, |p| {
            p.enforced_domains.insert(domain_sid);
            p.exempt.extend(enforcer);
        });
        Applied::event(
            EventDraft::new("sso_profile", "enforced", &sid, format!("SSO enforced on {name}"))
                .field("enforced_domain", None::<&str>, Some(&name)),
        )
    }))
}

/// Who enforcing SSO on a domain concerns, in three groups (twilio-facts §1.6, D-SSO-ENF).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Affected<'w> {
    /// Managed users of the domain who must log in with SSO while it is enforced.
    pub required: Vec<&'w User>,
    /// Managed users of the domain who keep password login: the admin who enforces it, and
    /// those exempt from an earlier enforcement.
    pub exempt: Vec<&'w User>,
    /// Users of the domain the organization does not manage: they make enforcement refused
    /// ([`SSO_UNMANAGED_DOMAIN_USERS`]).
    pub unmanaged: Vec<&'w User>,
}

/// Who enforcing (or stopping) SSO on `domain` with `profile` concerns, when `enforcer` does it.
/// Stopping frees the same `required` users to log in with their password again.
pub fn enforcement_affects<'w>(
    ws: &'w Workspace,
    profile: &SsoProfile,
    domain: &Domain,
    enforcer: Option<&UserSid>,
) -> Affected<'w> {
    let mut affected = Affected::default();
    for user in ws.users_in_email_domain(&domain.name) {
        let group = if user.role_in(&profile.organization).is_none() {
            &mut affected.unmanaged
        } else if profile.exempt.contains(&user.sid) || Some(&user.sid) == enforcer {
            &mut affected.exempt
        } else {
            &mut affected.required
        };
        group.push(user);
    }
    affected
}

/// Up to [`EMAILS_LISTED`] addresses in backticks, then how many more there are.
fn list_emails(emails: &[&str]) -> String {
    let listed = emails
        .iter()
        .take(EMAILS_LISTED)
        .map(|email| format!("`{email}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match emails.len().saturating_sub(EMAILS_LISTED) {
        0 => listed,
        more => format!("{listed} and {more} more"),
    }
}

fn domain_names<'d>(ws: &Workspace, domains: impl IntoIterator<Item = &'d DomainSid>) -> String {
    domains
        .into_iter()
        .map(|sid| match ws.domain(sid) {
            Some(domain) => format!("`{}`", domain.name),
            None => format!("`{sid}`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn stop_enforcing(
    ws: &Workspace,
    actor: &Actor,
    profile: &SsoProfileSid,
    domain: &DomainSid,
) -> Result<Plan, Denial> {
    let (profile, domain) = profile_and_domain(ws, actor, profile, domain)?;
    require(profile.enforced_domains.contains(&domain.sid), &SSO_NOT_ENFORCED, || {
        format!("SSO is not enforced on `{}`", domain.name)
    })?;
    let (sid, domain_sid, name) = (profile.sid.clone(), domain.sid.clone(), domain.name.clone());
    Ok(Plan::new(format!("SSO is no longer enforced on {name}"), move |ws| {
        ws.update_sso_profile(&sid, |p| {
            p.enforced_domains.remove(&domain_sid);
        });
        Applied::event(
            EventDraft::new(
                "sso_profile",
                "enforcement_stopped",
                &sid,
                format!("SSO no longer enforced on {name}"),
            )
            .field("enforced_domain", Some(&name), None::<&str>),
        )
    }))
}

/// Refuses removing a domain on which an SSO profile enforces SSO; `domains::remove` asks.
pub(crate) fn check_domain_removable(ws: &Workspace, domain: &Domain) -> Result<(), Denial> {
    let enforced = ws
        .sso_profile_of(&domain.organization)
        .is_some_and(|p| p.enforced_domains.contains(&domain.sid));
    require(!enforced, &DOMAIN_SSO_ENFORCED, || {
        format!("SSO is enforced on `{}`; stop enforcing it first", domain.name)
    })
}

/// The profile of the user's organization, if it enforces SSO on the user's email domain.
fn enforcing_profile<'w>(ws: &'w Workspace, user: &User) -> Option<&'w SsoProfile> {
    profile_enforcing(ws, &user.membership.as_ref()?.organization, user.email_domain())
}

/// The SSO profile of `organization`, if it enforces SSO on exactly `domain`.
pub(crate) fn profile_enforcing<'w>(
    ws: &'w Workspace,
    organization: &OrgSid,
    domain: &str,
) -> Option<&'w SsoProfile> {
    let profile = ws.sso_profile_of(organization)?;
    ws.domains_named(domain)
        .any(|d| &d.organization == organization && profile.enforced_domains.contains(&d.sid))
        .then_some(profile)
}

/// Whether the user must log in with SSO: a managed user of a domain their organization
/// enforces, who is not exempt. Unknown users are not required to.
pub fn sso_required(ws: &Workspace, user: &UserSid) -> bool {
    ws.user(user)
        .and_then(|u| enforcing_profile(ws, u))
        .is_some_and(|profile| !profile.exempt.contains(user))
}

pub(crate) fn log_in(ws: &Workspace, user: &UserSid, method: LoginMethod) -> Result<Plan, Denial> {
    let user = found(ws.user(user), "user", user)?;
    require(user.active, &LOGIN_USER_DEACTIVATED, || {
        format!("`{}` was deactivated by the organization's identity provider", user.email)
    })?;
    let how = match method {
        LoginMethod::Password => {
            require(!sso_required(ws, &user.sid), &LOGIN_SSO_REQUIRED, || {
                format!(
                    "SSO is enforced on `{}`; `{}` must log in with SSO",
                    user.email_domain(),
                    user.email
                )
            })?;
            if let PasswordState::ResetPending { expires } = user.password {
                let link = if ws.now() < expires {
                    format!("use the reset link sent to `{}`", user.email)
                } else {
                    "the reset link expired; ask an administrator for a new one".to_owned()
                };
                return Err(Denial::new(
                    &LOGIN_PASSWORD_RESET_PENDING,
                    format!("the password of `{}` was reset: {link}", user.email),
                ));
            }
            "password"
        }
        LoginMethod::Sso => {
            require(enforcing_profile(ws, user).is_some(), &LOGIN_SSO_NOT_CONFIGURED, || {
                format!(
                    "no SSO profile of the organization of `{}` enforces `{}`",
                    user.email,
                    user.email_domain()
                )
            })?;
            "SSO"
        }
    };
    let (sid, name) = (user.sid.clone(), user.friendly_name.clone());
    Ok(Plan::new(format!("{name} logged in with {how}"), move |ws| {
        ws.update_user(&sid, |u| u.signed_in = true);
        Applied::event(
            EventDraft::new("user", "logged_in", &sid, format!("{name} logged in with {how}"))
                .field("method", None::<&str>, Some(how)),
        )
    }))
}
