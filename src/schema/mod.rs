//! The compatibility engine: decides whether every value valid under one schema is valid
//! under another, with verified counterexamples, and explains the structural changes.
//!
//! [`Engine::prepare`] reads a schema once (draft upgrade, compiled validator, canonical form
//! on first use); [`Engine::is_subset`] answers `a ⊆ b` and [`Engine::compare`] a whole
//! comparison under a [`Mode`].

mod budget;
mod canonical;
pub mod diff;
mod engine;
pub mod file;
mod model;
mod normalize;
mod overlap;
mod prove;
mod regex_;
pub mod report;
mod witness;

pub use budget::Budgets;
pub use engine::{Engine, EngineOptions, PreparedSchema, SchemaError};
pub use model::{
    Comparison, Counterexample, Direction, Draft, Mode, ParseDraftError, ParseModeError, Rejection,
    Subset, UnknownReason, Verdict,
};
pub use normalize::{detect_draft, upgrade};
