//! What a report page needs beyond its findings: the base revision, when it was made, the
//! freeze-window status, the contracts with their version timelines, the systems and the
//! producer → contract → consumer edges of the integration map.
//!
//! Built from a loaded [`Repository`] by [`build_context`]; the time is a string given by the
//! caller (the CLI reads the clock, the library never does).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::contract::model::VersionStatus;
use crate::contract::repo::Repository;
use crate::finding::Finding;
use crate::rules::RuleId;

/// Context of a report: rendered by the HTML report, carried by the JSON report when present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReportContext {
    /// The revision compared with (`--against`, `--since`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseRevision>,
    /// When the report was made, as given by the caller (RFC 3339).
    pub generated_at: String,
    /// Freeze-window status, in words, when known (`seam release`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freeze: Option<String>,
    /// Lines to show loudly at the top (a break-glass override in use).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<String>,
    /// Contracts with their versions, sorted by ID.
    pub contracts: Vec<ContractInfo>,
    /// Systems, sorted by ID.
    pub systems: Vec<SystemInfo>,
    /// Producer → contract → consumer edges, sorted by contract, then consumer.
    pub edges: Vec<Edge>,
    /// Text diffs between a version and the one before it, for findings about that pair
    /// (see [`add_version_diffs`]), sorted by contract and version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub version_diffs: Vec<VersionDiff>,
}

/// A unified text diff between two published versions of a contract's schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct VersionDiff {
    /// The contract.
    pub contract: String,
    /// The earlier version.
    pub from: String,
    /// The later version (the one the findings name).
    pub to: String,
    /// Unified diff of the two schema files, `similar`'s format with file headers.
    pub diff: String,
}

/// Rules whose findings are about a version and the one before it: the page shows the
/// side-by-side diff of those two schemas next to them.
pub const VERSION_PAIR_RULES: &[RuleId] = &[
    RuleId::BreakingChangeWithoutMajor,
    RuleId::MajorVersionBreaking,
    RuleId::VersionBumpTooSmall,
    RuleId::CompatibilityUnknown,
];

/// A base revision: the name as given and the short SHA it resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct BaseRevision {
    /// The name as given (`main`, `v1.4.0`, `origin/main`).
    pub name: String,
    /// The abbreviated commit SHA.
    pub short: String,
}

/// A contract and its version timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ContractInfo {
    /// Contract ID.
    pub id: String,
    /// The producing system.
    pub producer: String,
    /// The owner of the contract, when declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Published versions, ascending.
    pub versions: Vec<VersionInfo>,
}

/// One published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct VersionInfo {
    /// The version as written in `contract.yaml`.
    pub key: String,
    /// `active` or `deprecated`.
    pub status: String,
    /// Date (YYYY-MM-DD) after which the version is no longer served.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunset: Option<String>,
}

/// A system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SystemInfo {
    /// System ID.
    pub id: String,
    /// Display name, when declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Owner, when declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// One use of a contract: producer → contract → consumer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct Edge {
    /// The contract.
    pub contract: String,
    /// The consuming system.
    pub consumer: String,
    /// The producing system.
    pub producer: String,
    /// The version range the consumer reads.
    pub versions: String,
    /// The owner of the use (the use's own, else the consumer file's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumer_owner: Option<String>,
}

/// Collects the context of a report on `repo`. `base` is the compared revision as
/// `(name, short sha)`; `generated_at` is the time to show, read by the caller.
pub fn build_context(
    repo: &Repository,
    base: Option<(&str, &str)>,
    generated_at: &str,
) -> ReportContext {
    let contracts = repo
        .contracts
        .values()
        .map(|c| ContractInfo {
            id: c.id.clone(),
            producer: c.model.producer.clone(),
            owner: c.model.owner.clone(),
            versions: c
                .versions
                .values()
                .map(|v| VersionInfo {
                    key: v.key.clone(),
                    status: match v.meta.status {
                        VersionStatus::Active => "active".to_owned(),
                        VersionStatus::Deprecated => "deprecated".to_owned(),
                    },
                    sunset: v.meta.sunset.clone(),
                })
                .collect(),
        })
        .collect();
    let systems = repo
        .systems
        .iter()
        .map(|(id, s)| SystemInfo {
            id: id.clone(),
            name: s.model.name.clone(),
            owner: s.model.owner.clone(),
        })
        .collect();
    let mut edges: Vec<Edge> = repo
        .consumers
        .iter()
        .flat_map(|consumer| {
            consumer.uses.iter().map(move |u| Edge {
                contract: u.spec.contract.clone(),
                consumer: consumer.model.system.clone(),
                producer: repo
                    .contracts
                    .get(&u.spec.contract)
                    .map(|c| c.model.producer.clone())
                    .unwrap_or_default(),
                versions: u.spec.versions.clone(),
                consumer_owner: consumer.owner_of(u).map(str::to_owned),
            })
        })
        .collect();
    edges.sort();
    edges.dedup();
    ReportContext {
        base: base.map(|(name, short)| BaseRevision {
            name: name.to_owned(),
            short: short.to_owned(),
        }),
        generated_at: generated_at.to_owned(),
        freeze: None,
        alerts: Vec::new(),
        contracts,
        systems,
        edges,
        version_diffs: Vec::new(),
    }
}

/// Adds to `context` the schema diff of each version pair a finding of [`VERSION_PAIR_RULES`]
/// is about (the finding's version and the one before it), once per pair.
pub fn add_version_diffs(context: &mut ReportContext, repo: &Repository, findings: &[Finding]) {
    let mut diffs: BTreeSet<VersionDiff> = context.version_diffs.drain(..).collect();
    for f in findings {
        if f.diff.is_some() || !VERSION_PAIR_RULES.contains(&f.rule_id) {
            continue;
        }
        let (Some(contract), Some(version)) = (f.contract.as_deref(), f.version.as_deref()) else {
            continue;
        };
        let Some(c) = repo.contracts.get(contract) else {
            continue;
        };
        let Some(now) = c.versions.values().find(|v| v.key == version) else {
            continue;
        };
        let Some(before) = c
            .versions
            .range(..now.version.clone())
            .next_back()
            .map(|(_, v)| v)
        else {
            continue;
        };
        let (Some(old), Some(new)) = (
            repo.schemas.get(&before.schema),
            repo.schemas.get(&now.schema),
        ) else {
            continue;
        };
        let diff = similar::TextDiff::from_lines(&old.doc.text, &new.doc.text)
            .unified_diff()
            .context_radius(3)
            .header(
                &format!("{} ({})", before.schema.display(), before.key),
                &format!("{} ({})", now.schema.display(), now.key),
            )
            .to_string();
        diffs.insert(VersionDiff {
            contract: contract.to_owned(),
            from: before.key.clone(),
            to: now.key.clone(),
            diff,
        });
    }
    context.version_diffs = diffs.into_iter().collect();
}
