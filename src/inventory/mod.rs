//! The integration inventory for reviewers and auditors: one row per contract (producer →
//! consumers, pattern, frequency, owners, monitoring SLA, versions published and in use,
//! vendor API versions), the system graph, and a CODEOWNERS file.
//!
//! Everything is built from a loaded [`Repository`] and rendered deterministically (ids sorted).

pub mod codeowners;

use serde::Serialize;

use crate::contract::repo::Repository;

/// A system as shown in the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemRef {
    /// System id.
    pub system: String,
    /// Owning team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Vendor or product.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// Vendor API version the system depends on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_api_version: Option<String>,
}

impl SystemRef {
    fn of(repo: &Repository, id: &str) -> Self {
        let model = repo.systems.get(id).map(|s| &s.model);
        Self {
            system: id.to_owned(),
            owner: model.and_then(|m| m.owner.clone()),
            vendor: model.and_then(|m| m.vendor.clone()),
            vendor_api_version: model.and_then(|m| m.vendor_api_version.clone()),
        }
    }

    /// `vendor api-version`, or what of it is declared.
    pub fn vendor_api(&self) -> Option<String> {
        match (&self.vendor, &self.vendor_api_version) {
            (Some(v), Some(a)) => Some(format!("{v} {a}")),
            (Some(v), None) => Some(v.clone()),
            (None, Some(a)) => Some(a.clone()),
            (None, None) => None,
        }
    }
}

/// One consumer's use of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsumerUse {
    /// The consuming system.
    #[serde(flatten)]
    pub system: SystemRef,
    /// Owner of this use (the use's own, else the consumer file's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_owner: Option<String>,
    /// The range as declared.
    pub range: String,
    /// The published versions the range resolves to, ascending.
    pub versions: Vec<String>,
}

/// One published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRow {
    /// The version.
    pub version: String,
    /// `active` or `deprecated`.
    pub status: String,
    /// Sunset date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunset: Option<String>,
    /// Systems whose range includes this version, sorted.
    pub used_by: Vec<String>,
}

/// One integration (contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Integration {
    /// Contract id.
    pub contract: String,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Interaction pattern.
    pub pattern: String,
    /// The producing system.
    pub producer: SystemRef,
    /// Consumers, sorted by system.
    pub consumers: Vec<ConsumerUse>,
    /// How often data flows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// Team accountable for the interface.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether the contract carries money.
    pub financial: bool,
    /// Team that owns reconciliation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconciliation_owner: Option<String>,
    /// Monitoring: alert within.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_within: Option<String>,
    /// Monitoring: maximum lag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_lag: Option<String>,
    /// Published versions, ascending.
    pub versions: Vec<VersionRow>,
}

/// The whole inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inventory {
    /// The landscape's name from `seam.yaml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// One entry per contract, sorted by id.
    pub integrations: Vec<Integration>,
}

/// Builds the inventory of a loaded repository.
pub fn build(repo: &Repository) -> Inventory {
    let mut integrations = Vec::new();
    for (id, c) in &repo.contracts {
        let mut consumers = Vec::new();
        for file in &repo.consumers {
            for u in file.uses.iter().filter(|u| u.spec.contract == *id) {
                consumers.push(ConsumerUse {
                    system: SystemRef::of(repo, &file.model.system),
                    use_owner: file.owner_of(u).map(str::to_owned),
                    range: u.spec.versions.clone(),
                    versions: c
                        .matching(Some(&u.range))
                        .map(|v| v.version.to_string())
                        .collect(),
                });
            }
        }
        consumers.sort_by(|a, b| (&a.system.system, &a.range).cmp(&(&b.system.system, &b.range)));
        let versions = c
            .versions
            .values()
            .map(|v| {
                let text = v.version.to_string();
                let mut used_by: Vec<String> = consumers
                    .iter()
                    .filter(|u| u.versions.contains(&text))
                    .map(|u| u.system.system.clone())
                    .collect();
                used_by.dedup();
                VersionRow {
                    version: text,
                    status: match v.meta.status {
                        crate::contract::model::VersionStatus::Active => "active",
                        crate::contract::model::VersionStatus::Deprecated => "deprecated",
                    }
                    .to_owned(),
                    sunset: v.meta.sunset.clone(),
                    used_by,
                }
            })
            .collect();
        let m = &c.model;
        integrations.push(Integration {
            contract: id.clone(),
            title: m.title.clone(),
            pattern: m.pattern.as_str().to_owned(),
            producer: SystemRef::of(repo, &m.producer),
            consumers,
            frequency: m.frequency.clone(),
            owner: m.owner.clone(),
            financial: m.financial,
            reconciliation_owner: m.reconciliation.as_ref().and_then(|r| r.owner.clone()),
            alert_within: m.monitoring.as_ref().and_then(|x| x.alert_within.clone()),
            max_lag: m.monitoring.as_ref().and_then(|x| x.max_lag.clone()),
            versions,
        });
    }
    Inventory {
        name: repo.config.name.clone(),
        integrations,
    }
}
