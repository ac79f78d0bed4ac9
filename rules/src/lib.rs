//! The rules of Twilio Organizations governance, as one pure crate.
//!
//! The console runs it in the browser and nothing else decides a rule. Start at
//! [`engine::apply`]: a [`Command`] from an [`Actor`] either changes the [`Workspace`] and
//! returns an [`Outcome`], or is refused with a [`Denial`] naming a rule of the [`CATALOG`].

pub mod accounts;
pub mod authz;
pub mod catalog;
pub mod clock;
pub mod command;
pub mod common_providers;
pub mod demo;
pub mod dns;
pub mod domains;
pub mod engine;
pub mod expiries;
pub mod health;
pub mod hipaa;
pub mod invariants;
pub mod journal;
pub mod json_path;
pub mod merge;
pub mod model;
pub mod organizations;
pub mod parts;
pub mod plan;
pub mod rule;
pub mod scale;
pub mod scenario;
pub mod scim;
pub mod sid;
pub mod signup;
pub mod snapshot;
mod snapshot_pieces;
pub mod sso;
pub mod subaccounts;
pub mod users;
pub mod workspace;

pub use authz::Actor;
pub use catalog::CATALOG;
pub use command::Command;
pub use engine::{Outcome, Preview, apply, dry_run, submit};
pub use invariants::check_invariants;
pub use rule::{Denial, Rule, RuleKind};
pub use workspace::Workspace;
