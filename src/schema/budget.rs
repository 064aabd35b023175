//! Deterministic budgets: step counters (never wall-clock) and size caps bound every question.
//!
//! One [`Budgets`] value holds every limit of a question; the engine hands it to the witness
//! generator, the structural prover and the regex walks. Each of them counts its work with a
//! [`Meter`] built from one of these limits and checks sizes with [`Budgets::fits_string`] /
//! [`Budgets::fits_array`] / [`Budgets::fits_enum`] before it allocates. Past a limit the work
//! stops and the question ends `unknown`, with the reason [`Budgets`] names for that limit —
//! never a panic, never an allocation the input sized.
//!
//! How to use it in new engine code:
//! - a loop or a recursion whose length the input decides spends from a [`Meter`]
//!   (`if !meter.spend(1) { return undecided }`);
//! - a value whose size the input decides (a string of `minLength` characters, an array of
//!   `minItems` items, an enum copied) is built only when `fits_*` says so;
//! - arithmetic on sizes read from a schema saturates (`saturating_add`), it never overflows.

use serde::Serialize;

/// Limits for one directional question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Budgets {
    /// Steps the witness generator may take (one step per generated node).
    pub witness_steps: u64,
    /// Candidate values the witness search may validate.
    pub witness_candidates: usize,
    /// Longest string a witness may hold, in characters (a `maxLength: 10000` → `9999` change
    /// needs a 10,000-character string).
    pub max_string_len: usize,
    /// Longest array a witness may hold.
    pub max_array_len: usize,
    /// States the regex product walk may visit.
    pub regex_states: usize,
    /// Steps the structural prover may take (one per pair of subschemas compared).
    pub proof_steps: u64,
    /// Most `enum` members a generator or a proof copies or compares.
    pub max_enum: usize,
    /// Most subschemas the validator may apply at one instance location, counting every path
    /// through `$ref`, `allOf`, `anyOf`, `oneOf`, `not` and conditionals (a shared definition
    /// reached twice counts twice). Past it a counterexample lists only the first rejection:
    /// listing all of them costs one error per path, which fan-out graphs make exponential.
    pub error_paths: u64,
    /// Subschema applications the validator may make while checking witness candidates,
    /// estimated as candidates × paths (see `error_paths`): bounds the search on fan-out graphs.
    pub validation_steps: u64,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            witness_steps: 200_000,
            witness_candidates: 4_000,
            max_string_len: 1 << 20,
            max_array_len: 100_000,
            regex_states: 50_000,
            proof_steps: 50_000,
            max_enum: 100_000,
            error_paths: 4_096,
            validation_steps: 20_000_000,
        }
    }
}

impl Budgets {
    /// Whether a string of `chars` characters may be built.
    pub fn fits_string(&self, chars: usize) -> bool {
        chars <= self.max_string_len
    }

    /// Most JSON nodes (values at any depth) one witness may hold: room for the longest array,
    /// twice over. Nested arrays and merged conjunctions otherwise multiply (five items at each
    /// of eight levels of a recursive definition is 390,625 nodes).
    pub fn max_value_nodes(&self) -> usize {
        self.max_array_len.saturating_mul(2).max(1_024)
    }

    /// Whether an array of `items` items may be built.
    pub fn fits_array(&self, items: usize) -> bool {
        items <= self.max_array_len
    }

    /// Whether an enum of `members` members may be copied or compared member by member.
    pub fn fits_enum(&self, members: usize) -> bool {
        members <= self.max_enum
    }

    /// The reason a question ends unknown when a value it needs is larger than the budget.
    pub fn too_large(what: &str, size: impl std::fmt::Display, limit: usize) -> String {
        format!("a witness needs {what} of {size}, past the budget of {limit}")
    }
}

/// The JSON nodes of `v` (itself and every value inside it), counted up to `limit`.
pub(crate) fn nodes_up_to(v: &serde_json::Value, limit: usize) -> usize {
    fn count(v: &serde_json::Value, left: &mut usize) {
        if *left == 0 {
            return;
        }
        *left -= 1;
        match v {
            serde_json::Value::Array(items) => items.iter().for_each(|x| count(x, left)),
            serde_json::Value::Object(m) => m.values().for_each(|x| count(x, left)),
            _ => {}
        }
    }
    let mut left = limit;
    count(v, &mut left);
    limit - left
}

/// JSON nodes copied per step of a budget where schemas are copied (a copy of fewer nodes
/// costs one step, like every other move).
pub(crate) const NODES_PER_STEP: usize = 64;

/// A step counter over one limit.
#[derive(Debug, Clone)]
pub(crate) struct Meter {
    used: u64,
    limit: u64,
}

impl Meter {
    pub(crate) fn new(limit: u64) -> Self {
        Self { used: 0, limit }
    }

    /// Spends `n` steps; false once the budget is gone.
    pub(crate) fn spend(&mut self, n: u64) -> bool {
        self.used = self.used.saturating_add(n);
        self.used <= self.limit
    }

    /// Spends one step, plus one per [`NODES_PER_STEP`] JSON nodes of `copied` and `more`
    /// (nodes copied beside them): the cost of a move that copies schemas, which a recursive
    /// definition read through itself can make grow at each level. False once the budget is
    /// gone.
    pub(crate) fn spend_copies<'v>(
        &mut self,
        copied: impl IntoIterator<Item = &'v serde_json::Value>,
        more: usize,
    ) -> bool {
        let limit = NODES_PER_STEP.saturating_mul(1 << 16);
        let nodes = copied
            .into_iter()
            .map(|v| nodes_up_to(v, limit))
            .fold(more, usize::saturating_add);
        self.spend(1 + (nodes / NODES_PER_STEP) as u64)
    }

    /// Whether the budget is gone.
    pub(crate) fn exhausted(&self) -> bool {
        self.used > self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meter_stops_at_its_limit_and_never_overflows() {
        let mut m = Meter::new(3);
        assert!(m.spend(2));
        assert!(m.spend(1));
        assert!(!m.exhausted());
        assert!(!m.spend(1));
        assert!(m.exhausted());
        assert!(!m.spend(u64::MAX));
        assert!(m.exhausted());
    }

    #[test]
    fn sizes_are_checked_against_the_caps() {
        let b = Budgets::default();
        assert!(b.fits_string(b.max_string_len));
        assert!(!b.fits_string(b.max_string_len + 1));
        assert!(!b.fits_array(usize::MAX));
        assert!(!b.fits_enum(usize::MAX));
    }
}
