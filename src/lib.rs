//! seam: contract testing and schema governance for system integrations.
//!
//! Producer and consumer teams keep versioned contracts (YAML + JSON Schema + recorded
//! example payloads) in one git repository. This library loads such a repository
//! ([`contract`]), verifies examples on both sides ([`verify`]), decides compatibility
//! between schemas with verified counterexamples ([`schema`]) and renders reports
//! ([`report`]). The `seam` binary is a thin layer over it: nothing here prints or exits.

pub mod contract;
pub mod error;
pub mod finding;
#[doc(hidden)]
pub mod fuzzing;
pub mod gate;
pub mod git;
pub mod governance;
pub mod inventory;
pub mod policy;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod verify;
