//! The compatibility engine: decides whether every value valid under one schema is valid
//! under another, with verified counterexamples, and explains the structural changes.
//!
//! [`Engine::prepare`] reads a schema once (draft upgrade, compiled validator, canonical form
//! on first use); [`Engine::is_subset`] answers `a ⊆ b` and [`Engine::compare`] a whole
//! comparison under a [`Mode`].

mod budget;
pub mod bundle;
mod canonical;
pub mod diff;
pub mod ecma;
mod engine;
pub mod file;
mod inplace;
pub mod keywords;
mod localize;
mod model;
mod number;
mod overlap;
mod pattern;
pub mod pointer;
mod prove;
pub mod resolve;
mod upgrade;
mod witness;

pub use budget::Budgets;

/// The most subschemas a validator applies at one instance location of the self-contained
/// document `doc` (paths through its `$ref`/`allOf`/`anyOf`/... graph, saturating); `None`
/// when a reference cycle never steps into the value.
pub fn validation_paths(doc: &serde_json::Value) -> Option<u64> {
    inplace::analyze(doc).ok()
}
pub use engine::{
    Engine, EngineOptions, PreparedSchema, SchemaError, content_hash, regex_engine_error,
};
pub use model::{
    Comparison, Counterexample, Direction, Draft, Mode, ParseDraftError, ParseModeError, Rejection,
    Subset, UnknownReason, Verdict,
};
pub use upgrade::{detect_draft, upgrade};
