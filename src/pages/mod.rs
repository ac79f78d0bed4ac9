//! One screen per file.

pub mod account;
pub mod account_access;
pub mod account_subaccounts;
pub mod accounts;
pub mod audit;
pub mod create_organization;
pub mod data;
pub mod domain;
pub mod domains;
pub mod health;
pub mod import_users;
pub mod merge;
pub mod merge_preview;
pub mod not_found;
pub mod overview;
pub mod rule;
pub mod rules;
pub mod scim;
pub mod scim_console;
mod scim_examples;
pub mod settings;
pub mod sso;
pub mod sso_enforcement;
pub mod sso_login;
pub mod user;
pub mod users;
