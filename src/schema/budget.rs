//! Deterministic budgets: step counters (never wall-clock) and size caps bound every question.

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
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            witness_steps: 200_000,
            witness_candidates: 4_000,
            max_string_len: 1 << 20,
            max_array_len: 100_000,
            regex_states: 50_000,
        }
    }
}

/// A step counter.
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

    /// Whether the budget is gone.
    pub(crate) fn exhausted(&self) -> bool {
        self.used > self.limit
    }
}
