//! The SARIF 2.1.0 report, from local serde types, in the subset GitHub code scanning reads.
//!
//! One run; `tool.driver` lists one rule (`reportingDescriptor`) per rule ID used, sorted;
//! each finding is a `result` with `ruleId`/`ruleIndex`, a level, the message (and how to fix
//! it), a repository-relative location (the region is left out when the line is unknown), the
//! schema that decided as a related location, `partialFingerprints` (`seam/v1`) so code scanning
//! tracks the alert across runs, and seam's own fields as `properties`. Input errors are
//! tool execution notifications of a failed invocation.
//!
//! The only varying part is `tool.driver.version` (the crate version); nothing else depends on
//! the time or the machine.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use crate::error::Location;
use crate::finding::{ConsumerRef, Finding, Severity};
use crate::report::{InputError, Outcome, Report};

/// The `$schema` of the log.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// Where seam's home page is.
pub const INFORMATION_URI: &str = "https://github.com/seam/seam";
/// The rules reference; a rule's help is at `#<id>`.
pub const RULES_URI: &str = "https://github.com/seam/seam/blob/main/docs/rules.md";
/// The key of seam's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "seam/v1";

/// Writes the report as pretty SARIF 2.1.0 JSON with a final newline.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let text = crate::report::json::pretty(&build(report)).map_err(io::Error::other)?;
    writeln!(out, "{text}")
}

/// Builds the SARIF log for `report`.
pub fn build(report: &Report) -> Log {
    let ids: BTreeSet<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
    let ids: Vec<&str> = ids.into_iter().collect();
    let rules = ids.iter().map(|id| rule(id)).collect();
    let results = report
        .findings
        .iter()
        .map(|f| result(f, ids.binary_search(&f.rule_id.as_str()).unwrap_or(0)))
        .collect();
    let invocation = Invocation {
        execution_successful: report.outcome != Outcome::Error,
        tool_execution_notifications: report.errors.iter().map(notification).collect(),
    };
    Log {
        schema: SARIF_SCHEMA,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "seam",
                    information_uri: INFORMATION_URI,
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: vec![invocation],
            column_kind: "unicodeCodePoints",
            results,
            properties: RunProperties {
                command: report.command.clone(),
                summary: report.summary.clone(),
            },
        }],
    }
}

/// A SARIF log (`sarifLog`).
#[derive(Debug, Clone, Serialize)]
pub struct Log {
    /// The schema URI.
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    /// `2.1.0`.
    pub version: &'static str,
    /// One run.
    pub runs: Vec<Run>,
}

/// One run of the tool.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// The tool.
    pub tool: Tool,
    /// The one invocation: whether it succeeded, and input errors.
    pub invocations: Vec<Invocation>,
    /// Columns count characters (Unicode code points), as seam's locations do.
    pub column_kind: &'static str,
    /// One result per finding.
    pub results: Vec<SarifResult>,
    /// The command and its summary.
    pub properties: RunProperties,
}

/// The `tool` object.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// The driver: seam itself.
    pub driver: Driver,
}

/// The driver `toolComponent`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    /// `seam`.
    pub name: &'static str,
    /// Home page.
    pub information_uri: &'static str,
    /// Crate version.
    pub version: &'static str,
    /// The rules used by the results, sorted by ID.
    pub rules: Vec<ReportingDescriptor>,
}

/// A rule.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    /// Rule ID.
    pub id: String,
    /// PascalCase name.
    pub name: String,
    /// Short description.
    pub short_description: Message,
    /// Documentation.
    pub help_uri: String,
}

/// A `message` (plain text).
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// The text.
    pub text: String,
}

/// The one invocation.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    /// False when the input was unusable.
    pub execution_successful: bool,
    /// Input errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tool_execution_notifications: Vec<Notification>,
}

/// An input error as a tool notification.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// Kind of input error.
    pub descriptor: DescriptorReference,
    /// Always `error`.
    pub level: &'static str,
    /// Message and how to fix it.
    pub message: Message,
    /// Where.
    pub locations: Vec<SarifLocation>,
}

/// A reference to a descriptor by ID.
#[derive(Debug, Clone, Serialize)]
pub struct DescriptorReference {
    /// The ID.
    pub id: String,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    /// Rule ID.
    pub rule_id: String,
    /// Index into `tool.driver.rules`.
    pub rule_index: usize,
    /// `error`, `warning` or `note`.
    pub level: &'static str,
    /// Message, consumers and how to fix.
    pub message: Message,
    /// Where.
    pub locations: Vec<SarifLocation>,
    /// The schema that decided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<SarifLocation>,
    /// `seam/v1` → the finding's fingerprint.
    pub partial_fingerprints: Fingerprints,
    /// Contract, version, consumers, and the rest of the finding.
    pub properties: ResultProperties,
}

/// `partialFingerprints`.
#[derive(Debug, Clone, Serialize)]
pub struct Fingerprints {
    /// The finding's fingerprint.
    #[serde(rename = "seam/v1")]
    pub seam_v1: String,
}

/// A `location`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifLocation {
    /// Set on related locations only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    /// The file and region.
    pub physical_location: PhysicalLocation,
    /// What this location is (related locations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
}

/// A `physicalLocation`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    /// The file.
    pub artifact_location: ArtifactLocation,
    /// The line and column, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

/// An `artifactLocation`.
#[derive(Debug, Clone, Serialize)]
pub struct ArtifactLocation {
    /// Repository-relative URI reference, forward slashes, percent-encoded.
    pub uri: String,
}

/// A `region`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// 1-based line.
    pub start_line: usize,
    /// 1-based column.
    pub start_column: usize,
}

/// The run's property bag.
#[derive(Debug, Clone, Serialize)]
pub struct RunProperties {
    /// The command that produced the report.
    pub command: String,
    /// Its summary line.
    pub summary: String,
}

/// A result's property bag.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultProperties {
    /// Contract ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// Contract version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Consumers affected, with owners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consumers: Vec<ConsumerRef>,
    /// JSON pointer into the payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_path: Option<String>,
    /// The deciding keyword.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// A payload that proves the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterexample: Option<Value>,
    /// Why: which side accepts or rejects the counterexample (where, by which keyword) and the
    /// structural changes behind it; also in the message text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn rule(id: &str) -> ReportingDescriptor {
    ReportingDescriptor {
        id: id.to_owned(),
        name: pascal_case(id),
        short_description: Message { text: sentence(id) },
        help_uri: format!("{RULES_URI}#{id}"),
    }
}

/// `property-removed` → `PropertyRemoved`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// `property-removed` → `Property removed`.
fn sentence(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn result(f: &Finding, rule_index: usize) -> SarifResult {
    let mut text = f.message.clone();
    if !f.consumers.is_empty() {
        let list = f
            .consumers
            .iter()
            .map(|c| match &c.owner {
                Some(o) => format!("{} (owner {o})", c.system),
                None => c.system.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        text.push_str("\nconsumers affected: ");
        text.push_str(&list);
    }
    for note in &f.notes {
        text.push('\n');
        text.push_str(note);
    }
    if let Some(help) = &f.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let related_locations = f
        .schema
        .iter()
        .map(|s| {
            let what = match &s.version {
                Some(v) => format!("{} schema {v}", s.role),
                None => format!("{} schema", s.role),
            };
            SarifLocation {
                id: Some(0),
                message: Some(Message { text: what }),
                ..location(&s.location)
            }
        })
        .collect();
    SarifResult {
        rule_id: f.rule_id.as_str().to_owned(),
        rule_index,
        level: level(f.severity),
        message: Message { text },
        locations: vec![location(&f.location)],
        related_locations,
        partial_fingerprints: Fingerprints {
            seam_v1: f.fingerprint.clone(),
        },
        properties: ResultProperties {
            contract: f.contract.clone(),
            version: f.version.clone(),
            consumers: f.consumers.clone(),
            instance_path: f.instance_path.clone(),
            keyword: f.keyword.clone(),
            counterexample: f.counterexample.clone(),
            notes: f.notes.clone(),
        },
    }
}

fn location(loc: &Location) -> SarifLocation {
    physical(&loc.path.to_string_lossy(), loc.line, loc.col)
}

fn physical(path: &str, line: usize, col: usize) -> SarifLocation {
    SarifLocation {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri_reference(path),
            },
            region: (line > 0).then(|| Region {
                start_line: line,
                start_column: col.max(1),
            }),
        },
        message: None,
    }
}

fn notification(e: &InputError) -> Notification {
    let (path, line, col) = split_location(&e.location);
    let mut text = e.message.clone();
    if let Some(help) = &e.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    Notification {
        descriptor: DescriptorReference { id: e.kind.clone() },
        level: "error",
        message: Message { text },
        locations: vec![physical(path, line, col)],
    }
}

/// Splits `path:line:col` (as printed by [`Location`]) back into its parts; a bare path has
/// line and column 0.
pub(crate) fn split_location(s: &str) -> (&str, usize, usize) {
    let mut parts = s.rsplitn(3, ':');
    if let (Some(col), Some(line), Some(path)) = (parts.next(), parts.next(), parts.next())
        && let (Ok(line), Ok(col)) = (line.parse::<usize>(), col.parse::<usize>())
        && !path.is_empty()
    {
        return (path, line, col);
    }
    (s, 0, 0)
}

/// A relative URI reference for a path: forward slashes, and every byte outside the unreserved
/// set (and `/`) percent-encoded, so spaces, `#` or `%` in file names stay one path.
fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_is_relative_and_encoded() {
        assert_eq!(
            uri_reference("contracts/a b/x#1.json"),
            "contracts/a%20b/x%231.json"
        );
        assert_eq!(uri_reference("./c\\d.json"), "c/d.json");
        assert_eq!(uri_reference("é"), "%C3%A9");
    }

    #[test]
    fn locations_split_back() {
        assert_eq!(split_location("a/b.yaml:3:7"), ("a/b.yaml", 3, 7));
        assert_eq!(split_location("a/b.yaml"), ("a/b.yaml", 0, 0));
        assert_eq!(split_location("C:/x.yaml:2:1"), ("C:/x.yaml", 2, 1));
        assert_eq!(split_location("a:b"), ("a:b", 0, 0));
    }

    #[test]
    fn rule_names() {
        assert_eq!(pascal_case("property-removed"), "PropertyRemoved");
        assert_eq!(sentence("property-removed"), "Property removed");
    }
}
