//! One screen per file.

pub mod data;
pub mod domain;
pub mod domains;
pub mod not_found;
pub mod overview;
pub mod rules;
