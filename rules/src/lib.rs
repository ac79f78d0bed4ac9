//! The rules of Twilio Organizations governance, as one pure crate.
//!
//! The console runs it in the browser and nothing else decides a rule. Start at
//! [`engine::apply`]: a [`Command`] from an [`Actor`] either changes the [`Workspace`] and
//! returns an [`Outcome`], or is refused with a [`Denial`] naming a rule of the [`CATALOG`].

pub mod authz;
pub mod catalog;
pub mod clock;
pub mod command;
pub mod common_providers;
pub mod demo;
pub mod dns;
pub mod domains;
pub mod engine;
pub mod invariants;
pub mod model;
pub mod rule;
pub mod sid;
pub mod snapshot;
pub mod workspace;

pub use authz::Actor;
pub use catalog::CATALOG;
pub use command::Command;
pub use engine::{Outcome, apply, dry_run};
pub use invariants::check_invariants;
pub use rule::{Denial, Rule};
pub use workspace::Workspace;
