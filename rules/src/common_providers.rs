//! The one list of common email providers whose domains no organization can register or invite
//! from (twilio-facts §1.3, §1.5: "Common domains (Gmail, Hotmail) cannot be verified").
//!
//! Twilio publishes no list; these are the large free providers. A subdomain of one of them is
//! refused too.

pub const COMMON_PROVIDERS: &[&str] = &[
    "126.com",
    "163.com",
    "aol.com",
    "fastmail.com",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hey.com",
    "hotmail.co.uk",
    "hotmail.com",
    "hotmail.fr",
    "icloud.com",
    "live.com",
    "mac.com",
    "mail.com",
    "mail.ru",
    "me.com",
    "msn.com",
    "outlook.com",
    "pm.me",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "rocketmail.com",
    "tutanota.com",
    "web.de",
    "yahoo.co.jp",
    "yahoo.co.uk",
    "yahoo.com",
    "yahoo.fr",
    "yandex.com",
    "yandex.ru",
    "ymail.com",
    "zoho.com",
];

/// The provider a domain belongs to, if it is one of them or a subdomain of one.
pub fn common_provider(domain: &str) -> Option<&'static str> {
    COMMON_PROVIDERS.iter().copied().find(|provider| {
        domain == *provider || domain.strip_suffix(provider).is_some_and(|rest| rest.ends_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_and_their_subdomains_are_recognized() {
        assert_eq!(common_provider("gmail.com"), Some("gmail.com"));
        assert_eq!(common_provider("mail.gmail.com"), Some("gmail.com"));
        assert_eq!(common_provider("notgmail.com"), None);
    }

    #[test]
    fn the_list_is_sorted_and_lower_case() {
        let mut sorted = COMMON_PROVIDERS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, COMMON_PROVIDERS);
        assert!(COMMON_PROVIDERS.iter().all(|p| *p == p.to_lowercase()));
    }
}
