//! Governance rules (`seam lint`, also part of `seam check`): owners, idempotency keys proved
//! required in every schema, dead-letter and retry for async flows, monitoring, reconciliation
//! of financial flows, example coverage, canonical keys proved with the engine, vendor API
//! versions and sunsets.
//!
//! Each rule has a stable ID and a default severity; `seam.yaml` (`lint.rules`) may change the
//! severity or switch a rule off. The clock (`today`) is an argument.

mod keys;
mod rules;

use std::collections::BTreeMap;

use crate::contract::prepared::Schemas;
use crate::contract::repo::Repository;
use crate::finding::{Finding, Severity};
use crate::rules::RuleId;

pub use crate::contract::model::{Level, LintConfig};

/// Parses `30s`, `15m`, `2h`, `1d` into seconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let (digits, unit) = text.split_at(text.len().checked_sub(1)?);
    let n: u64 = digits.parse().ok()?;
    let factor = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    n.checked_mul(factor)
}

/// Runs every governance rule. `today` is `YYYY-MM-DD`.
pub fn lint(
    repo: &Repository,
    config: &LintConfig,
    schemas: &mut Schemas<'_>,
    today: &str,
) -> Vec<Finding> {
    let mut findings = rules::model_rules(repo, config, today);
    findings.extend(rules::idempotency_in_schemas(repo, schemas));
    findings.extend(keys::canonical_keys(repo, schemas));
    apply_levels(findings, config)
}

/// Applies `lint.rules` severities; rules switched off are dropped.
fn apply_levels(findings: Vec<Finding>, config: &LintConfig) -> Vec<Finding> {
    // Read through the registry, so a former rule ID still applies to its current rule; IDs
    // the registry does not know are rejected when the repository loads.
    let levels: BTreeMap<RuleId, Level> = config
        .rules
        .iter()
        .filter_map(|(id, level)| crate::rules::resolve(id).map(|(id, _)| (id, *level)))
        .collect();
    findings
        .into_iter()
        .filter_map(|mut f| match levels.get(&f.rule_id) {
            Some(Level::Off) => None,
            Some(Level::Error) => {
                f.severity = Severity::Error;
                Some(f)
            }
            Some(Level::Warning) => {
                f.severity = Severity::Warning;
                Some(f)
            }
            None => Some(f),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30m"), Some(1800));
        assert_eq!(parse_duration("2h"), Some(7200));
        assert_eq!(parse_duration("1d"), Some(86_400));
        assert_eq!(parse_duration("45s"), Some(45));
        assert_eq!(parse_duration("m"), None);
        assert_eq!(parse_duration("5w"), None);
        assert_eq!(parse_duration(""), None);
    }
}
