//! `seam report merge`: the JSON reports of the jobs of `seam check --shard I/N` joined into one
//! report and one decision. Every shard of the matrix must be there exactly once (a missing job
//! would pass what it never checked); findings are joined and sorted as one run sorts them,
//! counts and figures are summed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Why reports cannot be merged: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError {
    /// The report file at fault (or the first one, for a missing shard).
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

fn error(path: &Path, message: String, help: &str) -> MergeError {
    MergeError {
        path: path.to_path_buf(),
        message,
        help: help.to_owned(),
    }
}

/// The sort key of a finding in a JSON report: path (by components), line, column (as
/// numbers), rule, message; the order [`crate::report::Report::new`] gives.
fn sort_key(f: &Value) -> (PathBuf, u64, u64, String, String) {
    let location = f["location"].as_str().unwrap_or_default();
    let mut parts = location.rsplitn(3, ':');
    let col = parts.next().and_then(|c| c.parse().ok());
    let line = parts.next().and_then(|l| l.parse().ok());
    let (path, line, col) = match (parts.next(), line, col) {
        (Some(path), Some(line), Some(col)) => (PathBuf::from(path), line, col),
        _ => (PathBuf::from(location), 0, 0),
    };
    (
        path,
        line,
        col,
        f["rule_id"].as_str().unwrap_or_default().to_owned(),
        f["message"].as_str().unwrap_or_default().to_owned(),
    )
}

/// Merges the shards' reports (each `(file, parsed JSON)`) into one JSON report.
pub fn merge(reports: &[(PathBuf, Value)]) -> Result<Value, MergeError> {
    let Some((first, _)) = reports.first() else {
        return Err(error(
            Path::new("."),
            "no report to merge".to_owned(),
            "pass the JSON report of every shard, e.g. `seam report merge shard-*.json`",
        ));
    };
    let mut shards: BTreeMap<usize, &Path> = BTreeMap::new();
    let mut count = None;
    for (path, report) in reports {
        let shape = "write each shard's report with `seam check --shard I/N --format json --output shard-I.json`";
        if report["version"] != crate::report::REPORT_VERSION || report["command"] != "check" {
            return Err(error(
                path,
                "not a JSON report of `seam check` (format version 1)".to_owned(),
                shape,
            ));
        }
        let Some((i, n)) = report["stats"]["shard"]
            .as_str()
            .and_then(|s| crate::gate::Shard::parse(s).ok())
            .map(|s| (s.index, s.count))
        else {
            // A report of input errors carries no figures; it still decides (exit 2).
            if report["outcome"] == "error" {
                continue;
            }
            return Err(error(
                path,
                "the report is not of one shard (`stats.shard` is missing)".to_owned(),
                shape,
            ));
        };
        if *count.get_or_insert(n) != n {
            return Err(error(
                path,
                format!(
                    "shard {i}/{n} does not belong to a matrix of {} shards",
                    count.unwrap_or(n)
                ),
                "merge the reports of one job matrix (the same N in every `--shard I/N`)",
            ));
        }
        if let Some(other) = shards.insert(i, path) {
            return Err(error(
                path,
                format!("shard {i}/{n} is already given by `{}`", other.display()),
                "pass each shard's report once",
            ));
        }
    }
    let errors: Vec<Value> = reports
        .iter()
        .filter(|(_, r)| r["outcome"] == "error")
        .flat_map(|(_, r)| r["errors"].as_array().cloned().unwrap_or_default())
        .collect();
    if errors.is_empty() {
        let n = count.unwrap_or(0);
        if let Some(missing) = (1..=n).find(|i| !shards.contains_key(i)) {
            return Err(error(
                first,
                format!("shard {missing}/{n} is missing"),
                "a missing job would pass what it never checked: pass the report of every shard, or re-run the job that failed",
            ));
        }
    }

    let mut findings: Vec<Value> = reports
        .iter()
        .flat_map(|(_, r)| r["findings"].as_array().cloned().unwrap_or_default())
        .collect();
    findings.sort_by_cached_key(sort_key);
    let mut counts = Map::new();
    for key in ["errors", "warnings", "notes", "waived"] {
        let sum: u64 = reports
            .iter()
            .filter_map(|(_, r)| r["counts"][key].as_u64())
            .sum();
        if key != "waived" || sum > 0 {
            counts.insert(key.to_owned(), Value::from(sum));
        }
    }
    let blocking = counts["errors"].as_u64().unwrap_or(0);
    let checked: BTreeSet<String> = reports
        .iter()
        .flat_map(|(_, r)| r["checked"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let mut stats: BTreeMap<String, u64> = BTreeMap::new();
    for (_, r) in reports {
        if let Some(m) = r["stats"].as_object() {
            for (k, v) in m {
                if let Some(n) = v.as_u64() {
                    *stats.entry(k.clone()).or_default() += n;
                }
            }
        }
    }
    let figure = |k: &str| stats.get(k).copied().unwrap_or(0);
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    let shard_count = shards.len() as u64;
    let (outcome, summary) = if errors.is_empty() {
        (
            if blocking > 0 { "fail" } else { "pass" },
            format!(
                "{} contract{}, {} version pair{}, {} consumer pair{} checked in {} shard{}: {} blocking finding{}",
                figure("contracts"),
                plural(figure("contracts")),
                figure("version_pairs"),
                plural(figure("version_pairs")),
                figure("consumer_pairs"),
                plural(figure("consumer_pairs")),
                shard_count,
                plural(shard_count),
                blocking,
                plural(blocking)
            ),
        )
    } else {
        (
            "error",
            format!(
                "{} input error{} found in the shards; nothing was decided",
                errors.len(),
                plural(errors.len() as u64)
            ),
        )
    };

    let mut out = Map::new();
    out.insert(
        "version".to_owned(),
        Value::from(crate::report::REPORT_VERSION),
    );
    out.insert("command".to_owned(), Value::from("check"));
    out.insert("outcome".to_owned(), Value::from(outcome));
    out.insert("counts".to_owned(), Value::Object(counts));
    out.insert("summary".to_owned(), Value::from(summary));
    out.insert("findings".to_owned(), Value::Array(findings));
    if !errors.is_empty() {
        out.insert("errors".to_owned(), Value::Array(errors));
    }
    if !checked.is_empty() {
        out.insert(
            "checked".to_owned(),
            Value::Array(checked.into_iter().map(Value::from).collect()),
        );
    }
    out.insert(
        "stats".to_owned(),
        Value::Object(
            stats
                .into_iter()
                .map(|(k, v)| (k, Value::from(v)))
                .collect(),
        ),
    );
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(i: usize, n: usize, findings: &Value) -> (PathBuf, Value) {
        (
            PathBuf::from(format!("shard-{i}.json")),
            serde_json::json!({
                "version": "1", "command": "check", "outcome": "pass",
                "counts": {"errors": findings.as_array().map_or(0, Vec::len), "warnings": 0, "notes": 0},
                "summary": "", "findings": findings, "checked": [format!("c{i}")],
                "stats": {"contracts": 1, "version_pairs": 2, "consumer_pairs": 3, "shard": format!("{i}/{n}")}
            }),
        )
    }

    #[test]
    fn joins_sorts_and_decides() {
        let a = shard(
            1,
            2,
            &serde_json::json!([{"location": "b.json:10:1", "rule_id": "x", "message": "m"}]),
        );
        let b = shard(
            2,
            2,
            &serde_json::json!([{"location": "b.json:9:1", "rule_id": "x", "message": "m"}]),
        );
        let merged = merge(&[a, b]).expect("merges");
        assert_eq!(merged["outcome"], "fail");
        assert_eq!(merged["counts"]["errors"], 2);
        assert_eq!(merged["findings"][0]["location"], "b.json:9:1");
        assert_eq!(merged["checked"], serde_json::json!(["c1", "c2"]));
        assert_eq!(merged["stats"]["version_pairs"], 4);
    }

    #[test]
    fn a_missing_or_repeated_shard_is_refused() {
        let a = shard(1, 3, &serde_json::json!([]));
        let c = shard(3, 3, &serde_json::json!([]));
        let e = merge(&[a.clone(), c]).expect_err("shard 2 is missing");
        assert_eq!(e.message, "shard 2/3 is missing");
        let e = merge(&[a.clone(), a]).expect_err("shard 1 twice");
        assert!(e.message.contains("already given"), "{}", e.message);
        let other = shard(2, 4, &serde_json::json!([]));
        let e = merge(&[shard(1, 3, &serde_json::json!([])), other]).expect_err("another matrix");
        assert!(e.message.contains("matrix of 3"), "{}", e.message);
    }
}
