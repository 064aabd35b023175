//! `seam check --shard I/N`: a CI job matrix splits the gate. Each contract belongs to exactly
//! one of N shards, decided by a stable hash of its id (XXH3), so adding a contract never moves
//! the others. A shard compares the version pairs of its own contracts and the consumer pairs
//! of the uses of its contracts, and reports the findings about its contracts; findings about
//! no contract (repository-wide lint, input checks) go to shard 1. So every finding of an
//! unsharded run is in exactly one shard, and each shard's exit code stands alone;
//! `seam report merge` joins the shards' JSON reports into one decision.

use std::fmt;

use crate::finding::Finding;

/// One slice of a job matrix: shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// Parses `I/N` (`1/4`): 1 ≤ I ≤ N.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{text}` is not a shard: write `I/N` with 1 ≤ I ≤ N, e.g. `--shard 2/4` (the second job of four)"
            )
        };
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Self { index, count })
    }

    /// Whether contract `id` belongs to this shard.
    pub fn owns(&self, id: &str) -> bool {
        let slot = xxhash_rust::xxh3::xxh3_64(id.as_bytes()) % self.count as u64;
        slot == (self.index - 1) as u64
    }

    /// Whether this shard reports `finding`: the shard of its contract, or shard 1 when it is
    /// about no contract.
    pub fn keeps(&self, finding: &Finding) -> bool {
        match &finding.contract {
            Some(id) => self.owns(id),
            None => self.index == 1,
        }
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_i_of_n_and_refuses_the_rest() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "", "1/2/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_contract_is_in_exactly_one_shard() {
        for count in 1..=7 {
            let shards: Vec<Shard> = (1..=count).map(|index| Shard { index, count }).collect();
            for c in 0..500 {
                let id = format!("sales.order-{c}");
                assert_eq!(shards.iter().filter(|s| s.owns(&id)).count(), 1, "{id}");
            }
        }
    }
}
