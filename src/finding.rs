//! One finding: what every report format renders.

use serde::Serialize;
use serde_json::Value;

use crate::error::Location;
use crate::rules::RuleId;

pub use crate::rules::Severity;

/// A consumer affected by a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct ConsumerRef {
    /// The consuming system.
    pub system: String,
    /// Its owner, when declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// A schema involved in a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SchemaRef {
    /// What the schema is: `producer` or `consumer <system>`.
    pub role: String,
    /// The contract version, for producer schemas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where in the schema file the deciding keyword is.
    #[schemars(with = "String")]
    #[serde(serialize_with = "serialize_location")]
    pub location: Location,
}

/// One problem (or observation) seam reports.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable kebab-case rule ID.
    #[schemars(with = "String")]
    pub rule_id: RuleId,
    /// Severity.
    pub severity: Severity,
    /// Where to look, as `path:line:col`.
    #[schemars(with = "String")]
    #[serde(serialize_with = "serialize_location")]
    pub location: Location,
    /// The contract concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// The contract version concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// One-line reason: lowercase, no final period.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// JSON pointer into the payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_path: Option<String>,
    /// The schema keyword that decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// The schema that decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaRef>,
    /// Consumers affected, with owners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consumers: Vec<ConsumerRef>,
    /// A payload that proves the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub counterexample: Option<Value>,
    /// Supporting lines: why each side accepts or rejects the counterexample, what was compared.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// A unified text diff (e.g. of a published schema edited in place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// Stable identifier of this finding (for waivers): rule, contract, version, file and path.
    pub fingerprint: String,
    /// The waiver that covers this finding. A waived finding is still reported but no longer
    /// blocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<WaivedBy>,
}

/// The waiver covering a finding, as shown in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct WaivedBy {
    /// Who approved the waiver.
    pub approved_by: String,
    /// Change or incident ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Last day (YYYY-MM-DD, UTC) on which the waiver applies.
    pub expires: String,
    /// Why the exception is acceptable.
    pub reason: String,
}

impl Finding {
    /// A new finding; the fingerprint is computed from its identifying fields.
    pub fn new(
        rule_id: RuleId,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let mut f = Self {
            rule_id,
            severity,
            location,
            contract: None,
            version: None,
            message: message.into(),
            help: None,
            instance_path: None,
            keyword: None,
            schema: None,
            consumers: Vec::new(),
            counterexample: None,
            notes: Vec::new(),
            diff: None,
            fingerprint: String::new(),
            waived: None,
        };
        f.refresh_fingerprint();
        f
    }

    /// Recomputes the fingerprint after identifying fields changed.
    pub fn refresh_fingerprint(&mut self) {
        let key = format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
            self.rule_id,
            self.contract.as_deref().unwrap_or_default(),
            self.version.as_deref().unwrap_or_default(),
            self.location.path.to_string_lossy().replace('\\', "/"),
            self.instance_path.as_deref().unwrap_or_default(),
            self.keyword.as_deref().unwrap_or_default(),
            self.schema
                .as_ref()
                .map(|s| s.role.as_str())
                .unwrap_or_default(),
        );
        self.fingerprint = format!("{:016x}", fnv1a(key.as_bytes()));
    }

    /// Whether the finding blocks: an error that no waiver covers.
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Error && self.waived.is_none()
    }

    /// The entry to paste under `waivers:` in `waivers.yaml` to waive exactly this finding
    /// (one line, YAML flow style; the placeholders in angle brackets are for the approver).
    pub fn waiver_entry(&self) -> String {
        format!(
            "- {{ rule: {}, fingerprint: \"{}\", reason: \"<why this is acceptable>\", approved_by: \"<who approved>\", ticket: \"<ticket>\", expires: \"<YYYY-MM-DD>\" }}",
            self.rule_id, self.fingerprint
        )
    }

    /// Sort key: path, line, column, rule ID, then message.
    pub fn sort_key(&self) -> (&Location, &str, &str) {
        (&self.location, self.rule_id.as_str(), &self.message)
    }
}

/// FNV-1a, 64 bit: stable across platforms and releases (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Serializes a location as `path:line:col`.
pub fn serialize_location<S: serde::Serializer>(loc: &Location, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&loc.to_string())
}
