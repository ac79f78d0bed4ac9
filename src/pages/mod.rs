//! One screen per file.

pub mod account;
pub mod account_access;
pub mod account_subaccounts;
pub mod accounts;
pub mod create_organization;
pub mod data;
pub mod domain;
pub mod domains;
pub mod import_users;
pub mod not_found;
pub mod overview;
pub mod rules;
pub mod settings;
pub mod user;
pub mod users;
