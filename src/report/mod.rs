//! Reports: one [`Report`] of [`crate::finding::Finding`]s feeds every output format.

pub mod context;
pub mod diff;

pub mod github;
pub mod graph;
pub mod html;
pub mod inventory;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod merge;
pub mod release;
pub mod sarif;
pub mod text;

use serde::Serialize;

use crate::error::LoadError;
use crate::finding::{Finding, Severity};

/// Version of the JSON report format (see `contracts/seam.report/`).
pub const REPORT_VERSION: &str = "1";

/// Counts by severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    /// Blocking findings.
    pub errors: usize,
    /// Non-blocking findings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
    /// Findings covered by a waiver (counted here, not under their severity).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub waived: usize,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Whether reports offer a `waivers.yaml` entry for the finding: it blocks, and an ordinary
/// waiver can cover it (freeze windows take a break-glass waiver; waiver problems are fixed
/// in `waivers.yaml` itself).
pub(crate) fn offers_waiver(f: &crate::finding::Finding) -> bool {
    use crate::rules::RuleId;
    f.blocks()
        && ![
            RuleId::FreezeWindow,
            RuleId::WaiverExpired,
            RuleId::WaiverUnused,
        ]
        .contains(&f.rule_id)
}

/// What a command found.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// Report format version.
    #[schemars(extend("const" = "1"))]
    pub version: String,
    /// The command that produced it (`verify`, `lint`, ...).
    pub command: String,
    /// `pass` when nothing blocks, `fail` when something does, `error` when the input is bad.
    pub outcome: Outcome,
    /// Counts by severity.
    pub counts: Counts,
    /// One line saying what was checked.
    pub summary: String,
    /// Findings, sorted by path, line, column and rule ID.
    pub findings: Vec<Finding>,
    /// Input errors (bad YAML, missing files...): when present, nothing was checked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InputError>,
    /// IDs of the contracts that were checked, sorted (the JUnit report gives each a passing
    /// test case when it has no finding). Empty when the command does not say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
    /// Command-specific figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub stats: Option<serde_json::Value>,
    /// What the HTML page shows beyond the findings: base revision, time, freeze status,
    /// version timelines and the integration map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<context::ReportContext>,
    /// The version of seam that wrote the report (audit trail: which rules judged).
    pub seam_version: String,
    /// The commits the run compared, for the audit trail: the base (`--against`, `--since`),
    /// the merge base of base and head, and the head. Absent outside a git repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revisions: Option<Revisions>,
}

/// The commits a run compared. Commit IDs are full hexadecimal object names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Revisions {
    /// The revision compared with, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<NamedCommit>,
    /// The merge base of `base` and `head`, when computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge_base: Option<String>,
    /// The commit checked out (`HEAD`); uncommitted changes count as part of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
}

/// A revision as the user named it and the commit it resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NamedCommit {
    /// The name as given (`origin/main`, `v1.4.0`, a SHA).
    pub name: String,
    /// The commit it resolved to.
    pub commit: String,
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Nothing blocks.
    Pass,
    /// Something blocks.
    Fail,
    /// The input is wrong.
    Error,
}

/// An input error as reported.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InputError {
    /// `path:line:col`.
    pub location: String,
    /// Kind, kebab-case.
    pub kind: String,
    /// Message.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Report {
    /// A report of findings.
    pub fn new(command: &str, mut findings: Vec<Finding>, summary: String) -> Self {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut counts = Counts::default();
        for f in &findings {
            if f.waived.is_some() {
                counts.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        let outcome = if counts.errors > 0 {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        Self {
            version: REPORT_VERSION.to_owned(),
            command: command.to_owned(),
            outcome,
            counts,
            summary,
            findings,
            errors: Vec::new(),
            checked: Vec::new(),
            stats: None,
            context: None,
            seam_version: env!("CARGO_PKG_VERSION").to_owned(),
            revisions: None,
        }
    }

    /// A report of input errors.
    pub fn input_errors(command: &str, errors: &[LoadError]) -> Self {
        let n = errors.len();
        let mut r = Self::new(
            command,
            Vec::new(),
            format!(
                "{n} input error{} found; nothing was checked",
                if n == 1 { "" } else { "s" }
            ),
        );
        r.outcome = Outcome::Error;
        r.errors = errors
            .iter()
            .map(|e| InputError {
                location: e.location.to_string(),
                kind: serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                message: e.message.clone(),
                help: e.help.clone(),
            })
            .collect();
        r
    }

    /// The JSON Schema of the JSON report.
    pub fn json_schema() -> serde_json::Value {
        // The report is written, never read, by seam: describe what serialization produces
        // (fields skipped when empty are optional).
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator();
        generator.into_root_schema_for::<Report>().to_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::model::{Waiver, WaiversFile};
    use crate::error::Location;

    #[test]
    fn a_waived_error_counts_as_waived_and_passes() {
        let mut f = Finding::new(
            crate::rules::RuleId::ExampleInvalid,
            Severity::Error,
            Location::new("contracts/a/contract.yaml", 3, 1),
            "broken",
        );
        f.contract = Some("a".to_owned());
        f.refresh_fingerprint();
        let mut findings = vec![f];
        let file = WaiversFile {
            waivers: vec![Waiver {
                rule: Some("example-invalid".to_owned()),
                contract: None,
                version: None,
                pointer: None,
                fingerprint: None,
                window: None,
                reason: "agreed with finance".to_owned(),
                approved_by: "jane.doe".to_owned(),
                ticket: Some("CHG-1".to_owned()),
                expires: "2026-11-27".to_owned(),
            }],
        };
        let today = crate::policy::windows::parse_date("2026-11-27").unwrap();
        crate::policy::waivers::apply(&mut findings, &file, None, today);
        let report = Report::new("lint", findings, String::new());
        assert_eq!(report.counts.errors, 0);
        assert_eq!(report.counts.waived, 1);
        assert_eq!(report.outcome, Outcome::Pass);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["findings"][0]["waived"]["ticket"], "CHG-1");
    }
}
