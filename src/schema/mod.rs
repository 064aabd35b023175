//! The compatibility engine: decides whether every value valid under one schema is valid
//! under another, with verified counterexamples, and explains the structural changes.

pub mod diff;
