//! `seam check`: the merge gate. Everything `lint` and `verify` check, plus version evolution
//! under each contract's mode, semver fit, consumer impact, and silent breaks against a base
//! revision (published versions edited in place, versions or contracts removed while consumers
//! use them, examples that passed at the base and fail now).

mod classify;
mod history;
mod index;
pub mod release;
mod run;
mod scope;
mod shard;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use semver::Version;
use serde::Serialize;

use crate::contract::model::{Compatibility, Pattern};
use crate::contract::prepared::Schemas;
use crate::contract::repo::{
    LoadedConsumer, LoadedContract, LoadedUse, LoadedVersion, Repository, matches,
};
use crate::error::{LoadError, Location};
use crate::finding::{ConsumerRef, Finding, Severity};
use crate::rules::RuleId;
use crate::schema::{Comparison, Counterexample, Mode, PreparedSchema, Subset, Verdict};

pub use classify::classify_since;
pub use history::{Base, compare_with_base};
pub use index::Index;
pub use run::{
    AtRevision, BaseRevision, GateOptions, GateRun, Pick, load_at_revision, plural, run,
};
pub use scope::{Plan, Scope, plan};
pub use shard::Shard;

/// Where the gate reports progress (the CLI draws a bar on a terminal; tests pass [`NoProgress`]).
pub trait Progress: Sync {
    /// How many steps the work has.
    fn start(&self, total: u64);
    /// One step done.
    fn step(&self, what: &str);
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn step(&self, _: &str) {}
}

/// Number of steps `check_versions` and `check_consumers` take, for a progress bar.
pub fn step_count(repo: &Repository) -> u64 {
    let versions: usize = repo.contracts.values().map(|c| c.versions.len()).sum();
    let uses: usize = repo.consumers.iter().map(|c| c.uses.len()).sum();
    (versions + uses) as u64
}

/// Figures of one `seam check` run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckStats {
    /// Version pairs compared.
    pub version_pairs: usize,
    /// Consumer (use, version) pairs compared.
    pub consumer_pairs: usize,
    /// Contracts compared against the base revision.
    pub contracts_against_base: usize,
    /// Contracts in the tree (in this shard, with `--shard`).
    pub contracts: usize,
    /// The shard this run was (`I/N`), with `--shard`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// With a base revision: notes and warnings about contracts the change did not touch,
    /// counted and not shown (they were on the base already; errors are always shown).
    #[serde(skip_serializing_if = "is_zero")]
    pub unchanged_not_shown: usize,
    /// With a base revision: contracts not checked, as none of their inputs changed since it
    /// (their findings are the base's own).
    #[serde(skip_serializing_if = "is_zero")]
    pub unchanged_skipped: usize,
    /// With a base revision: paths changed since it (files, and folders git does not track).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_paths: Option<usize>,
    /// With a base revision: why every contract was checked (a change every contract depends
    /// on, or a part that does not load on its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole_because: Option<String>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Contracts a change touches: changed, added or removed (with their shared schemas), plus
/// those used by a consumer whose file or expectation schema changed. `only`: the contracts
/// `base` holds, when it holds a part of the repository (every other contract's inputs are
/// the same at both revisions); the answer is within them.
pub fn touched_contracts(
    now: &Repository,
    base: &Repository,
    only: Option<&BTreeSet<String>>,
) -> BTreeSet<String> {
    let within = |id: &str| only.is_none_or(|o| o.contains(id));
    let mut touched = history::changed_contracts(now, base);
    for c in &now.consumers {
        let before = base.consumers.iter().find(|b| b.path == c.path);
        let changed = before.is_none_or(|b| {
            b.doc.text != c.doc.text
                || c.uses.iter().filter(|u| within(&u.spec.contract)).any(|u| {
                    u.expects
                        .as_ref()
                        .is_some_and(|e| now.schemas.inline(e).ok() != base.schemas.inline(e).ok())
                })
        });
        if changed {
            touched.extend(c.model.uses.iter().map(|u| u.contract.clone()));
        }
    }
    touched.retain(|id| within(id));
    touched
}

/// The compatibility mode a contract is checked under: its own `compatibility`, else
/// `defaults.compatibility` of `seam.yaml`, else what its pattern's readers need.
pub fn compatibility_of(repo: &Repository, contract: &LoadedContract) -> Compatibility {
    contract
        .model
        .compatibility
        .or(repo.config.defaults.compatibility)
        .unwrap_or_else(|| contract.model.pattern.readers_mode())
}

/// The compatibility mode of a contract, as the engine names it.
pub fn mode_of(repo: &Repository, contract: &LoadedContract) -> Mode {
    match compatibility_of(repo, contract) {
        Compatibility::Backward => Mode::Backward,
        Compatibility::Forward => Mode::Forward,
        Compatibility::Full => Mode::Full,
        Compatibility::None => Mode::None,
    }
}

/// Whether `new` is a major step from `old` (for 0.x, a minor step is major, as in Cargo).
pub fn is_major_bump(old: &Version, new: &Version) -> bool {
    if old.major == 0 && new.major == 0 {
        new.minor != old.minor
    } else {
        new.major != old.major
    }
}

/// The next major version after `v`.
fn next_major(v: &Version) -> Version {
    if v.major == 0 {
        Version::new(0, v.minor + 1, 0)
    } else {
        Version::new(v.major + 1, 0, 0)
    }
}

fn counterexample_notes(c: &Counterexample) -> Vec<String> {
    if let Some(note) = c.reading_note() {
        return vec![note];
    }
    let mut notes = vec![format!("{} accepts the counterexample", c.accepted_by)];
    for r in &c.rejections {
        let at = if r.instance_path.is_empty() {
            "/"
        } else {
            &r.instance_path
        };
        notes.push(format!(
            "{} rejects it at `{at}` (keyword `{}`): {}",
            c.rejected_by, r.keyword, r.message
        ));
    }
    notes
}

/// Names on each break of a version (a `breaking-change-without-major`) exactly the consumers
/// whose own check of that version fails (`consumer-incompatible` or
/// `consumer-impact-unknown`): a consumer whose expectation the change does not touch is not
/// blamed, one whose range does not reach the version is not either.
pub fn blame_consumers(findings: &mut [Finding]) {
    let failing: Vec<(String, String, ConsumerRef)> = findings
        .iter()
        .filter(|f| {
            matches!(
                f.rule_id,
                RuleId::ConsumerIncompatible | RuleId::ConsumerImpactUnknown
            )
        })
        .filter_map(|f| Some((f.contract.clone()?, f.version.clone()?, f.consumers.clone())))
        .flat_map(|(c, v, who)| who.into_iter().map(move |w| (c.clone(), v.clone(), w)))
        .collect();
    for f in findings
        .iter_mut()
        .filter(|f| f.rule_id == RuleId::BreakingChangeWithoutMajor)
    {
        let mut who: Vec<ConsumerRef> = failing
            .iter()
            .filter(|(c, v, _)| f.contract.as_ref() == Some(c) && f.version.as_ref() == Some(v))
            .map(|(_, _, w)| w.clone())
            .collect();
        who.sort();
        who.dedup();
        f.consumers = who;
    }
}

/// Consumers whose range includes `version`, with owners.
fn consumers_of(repo: &Repository, contract: &str, version: &Version) -> Vec<ConsumerRef> {
    let mut out: Vec<ConsumerRef> = repo
        .consumers
        .iter()
        .flat_map(|c| {
            c.uses
                .iter()
                .filter(|u| u.spec.contract == contract && matches(&u.range, version))
                .map(move |u| ConsumerRef {
                    system: c.model.system.clone(),
                    owner: c.owner_of(u).map(str::to_owned),
                })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Where a version's change shows: the first change found in the version's own files.
fn version_location(
    repo: &Repository,
    v: &LoadedVersion,
    comparison: Option<&Comparison>,
) -> Location {
    let changes = comparison.map_or(&[][..], |c| c.changes.as_slice());
    // The first change that exists in this version's files (its own schema or a shared
    // file it references); a change's pointer is on the old side when it exists there.
    let on_new = changes.iter().find_map(|ch| {
        let (file, inner) = repo.schemas.source_of(&v.schema, &ch.pointer);
        repo.schemas
            .get(&file)
            .filter(|f| f.doc.value.pointer(&inner).is_some())
            .map(|_| (file, inner))
    });
    let (file, pointer) = on_new.unwrap_or_else(|| {
        let first = changes
            .first()
            .map(|ch| ch.pointer.clone())
            .unwrap_or_default();
        (v.schema.clone(), first)
    });
    match repo.schemas.get(&file) {
        Some(f) => {
            let (line, col) = f.doc.locate(&pointer, false);
            Location::new(&file, line.max(1), col.max(1))
        }
        None => Location::file(&v.schema),
    }
}

/// Where a pointer of a version pair's inlined schemas lies in the files the user has: the
/// new version's schema when the pointer exists there, else the old version's (a change's
/// pointer is on the old side when it exists), inside a shared `$ref`'d file when it points
/// into one; never seam's internal `/$defs/seam.…` form.
fn change_source(
    repo: &Repository,
    old: &LoadedVersion,
    new: &LoadedVersion,
    pointer: &str,
) -> (std::path::PathBuf, String) {
    for v in [new, old] {
        let (file, inner) = repo.schemas.source_of(&v.schema, pointer);
        if repo
            .schemas
            .get(&file)
            .is_some_and(|f| f.doc.value.pointer(&inner).is_some())
        {
            return (file, inner);
        }
    }
    (new.schema.clone(), pointer.to_owned())
}

/// A change's pointer as shown: `` `/p` `` in the new version's schema, else
/// `` `/p` in `path` ``.
fn shown_pointer(
    repo: &Repository,
    old: &LoadedVersion,
    new: &LoadedVersion,
    pointer: &str,
) -> String {
    let (file, inner) = change_source(repo, old, new, pointer);
    let inner = if inner.is_empty() {
        "/".to_owned()
    } else {
        inner
    };
    if file == new.schema {
        format!("`{inner}`")
    } else {
        format!(
            "`{inner}` in `{}`",
            file.to_string_lossy().replace('\\', "/")
        )
    }
}

/// A message about a version pair's inlined schemas in the user's terms.
fn shown_text(repo: &Repository, old: &LoadedVersion, new: &LoadedVersion, text: &str) -> String {
    let text = repo.schemas.user_text(&new.schema, text);
    repo.schemas.user_text(&old.schema, &text)
}

/// Version evolution and semver fit of every contract.
pub fn check_versions<'r>(
    repo: &'r Repository,
    schemas: &mut Schemas<'r>,
    stats: &mut CheckStats,
    progress: &dyn Progress,
) -> Vec<Finding> {
    let contracts: Vec<&LoadedContract> = repo.contracts.values().collect();
    stats.contracts += contracts.len();
    let results = schemas.map_in_order(&contracts, |schemas, contract| {
        let out = contract_versions(repo, schemas, contract);
        for _ in 0..contract.versions.len() {
            progress.step(&contract.id);
        }
        out
    });
    let mut findings = Vec::new();
    for (found, pairs) in results {
        stats.version_pairs += pairs;
        findings.extend(found);
    }
    findings
}

/// Version pairs and consumer pairs of one shard's contracts (all with `None`) in one pass: each
/// contract's versions and the uses of it are one unit of work, so a producer schema is
/// prepared once for its version pairs and its consumers, whichever thread takes the contract.
/// The findings come in the order [`check_versions`] then [`check_consumers`] give them.
pub fn check_pairs_in<'r>(
    repo: &'r Repository,
    schemas: &mut Schemas<'r>,
    stats: &mut CheckStats,
    progress: &dyn Progress,
    shard: Option<&Shard>,
) -> Vec<Finding> {
    let contracts: Vec<&LoadedContract> = repo
        .contracts
        .values()
        .filter(|c| shard.is_none_or(|s| s.owns(&c.id)))
        .collect();
    stats.contracts += contracts.len();
    // The uses of each contract, each with its place in the order of all uses.
    let mut uses_of: BTreeMap<&str, Vec<(usize, &LoadedConsumer, &LoadedUse)>> = BTreeMap::new();
    for (place, (consumer, u)) in repo
        .consumers
        .iter()
        .flat_map(|c| c.uses.iter().map(move |u| (c, u)))
        .enumerate()
    {
        uses_of
            .entry(u.spec.contract.as_str())
            .or_default()
            .push((place, consumer, u));
    }
    let results = schemas.map_in_order(&contracts, |schemas, contract| {
        let versions = contract_versions(repo, schemas, contract);
        for _ in 0..contract.versions.len() {
            progress.step(&contract.id);
        }
        let uses: Vec<(usize, (Vec<Finding>, usize))> = uses_of
            .get(contract.id.as_str())
            .into_iter()
            .flatten()
            .map(|(place, consumer, u)| {
                let out = use_pairs(repo, schemas, consumer, u);
                progress.step(&consumer.model.system);
                (*place, out)
            })
            .collect();
        // Done with this contract: its schemas leave memory (another contract reading the same
        // file prepares it again).
        schemas.forget(contract.versions.values().map(|v| v.schema.as_path()));
        schemas.forget(
            uses_of
                .get(contract.id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|(_, _, u)| u.expects.as_deref()),
        );
        (versions, uses)
    });
    let mut findings = Vec::new();
    let mut by_use = Vec::new();
    for ((found, pairs), uses) in results {
        stats.version_pairs += pairs;
        findings.extend(found);
        by_use.extend(uses);
    }
    by_use.sort_by_key(|(place, _)| *place);
    for (_, (found, pairs)) in by_use {
        stats.consumer_pairs += pairs;
        findings.extend(found);
    }
    findings
}

/// Version evolution of one contract: its findings and the number of pairs compared.
fn contract_versions(
    repo: &Repository,
    schemas: &mut Schemas<'_>,
    contract: &LoadedContract,
) -> (Vec<Finding>, usize) {
    let mut findings = Vec::new();
    let mut pairs = 0;
    let mode = mode_of(repo, contract);
    if mode == Mode::None {
        return (findings, pairs);
    }
    let transitive = contract
        .model
        .transitive
        .unwrap_or(repo.config.defaults.transitive);
    let versions: Vec<&LoadedVersion> = contract.versions.values().collect();
    for (i, new) in versions.iter().enumerate().skip(1) {
        // Transitive: every earlier version of the same major; across a major boundary only
        // the immediate predecessor, so the break a new major makes is still reported.
        let previous = versions.get(i - 1).copied();
        let earlier: Vec<&LoadedVersion> = if transitive {
            let mut same_major: Vec<&LoadedVersion> = versions[..i]
                .iter()
                .copied()
                .filter(|old| !is_major_bump(&old.version, &new.version))
                .collect();
            if let Some(p) = previous
                && is_major_bump(&p.version, &new.version)
            {
                same_major.push(p);
            }
            same_major
        } else {
            previous.into_iter().collect()
        };
        for old in earlier {
            let (Ok(a), Ok(b)) = (schemas.get(&old.schema), schemas.get(&new.schema)) else {
                continue;
            };
            pairs += 1;
            let comparison = schemas.compare(&a, &b, mode);
            findings.extend(judge_pair(
                repo,
                schemas,
                contract,
                old,
                new,
                &a,
                &b,
                mode,
                &comparison,
            ));
        }
    }
    (findings, pairs)
}

#[expect(
    clippy::too_many_arguments,
    reason = "one judgement over one pair, all of it context"
)]
fn judge_pair(
    repo: &Repository,
    schemas: &mut Schemas<'_>,
    contract: &LoadedContract,
    old: &LoadedVersion,
    new: &LoadedVersion,
    a: &PreparedSchema,
    b: &PreparedSchema,
    mode: Mode,
    comparison: &Comparison,
) -> Option<Finding> {
    let major = is_major_bump(&old.version, &new.version);
    let location = version_location(repo, new, Some(comparison));
    let changes: Vec<String> = comparison
        .changes
        .iter()
        .take(8)
        .map(|c| {
            format!(
                "{} at {}: {}",
                c.rule_id,
                shown_pointer(repo, old, new, &c.pointer),
                shown_text(repo, old, new, &c.message)
            )
        })
        .collect();
    let base = |rule: RuleId, severity: Severity, message: String| {
        let mut f = Finding::new(rule, severity, location.clone(), message);
        f.contract = Some(contract.id.clone());
        f.version = Some(new.key.clone());
        f
    };
    match comparison.verdict {
        Verdict::Incompatible => {
            let c = comparison.counterexample.as_ref()?;
            let consumers = consumers_of(repo, &contract.id, &old.version);
            let mut f = if major {
                let mut f = base(
                    RuleId::MajorVersionBreaking,
                    Severity::Note,
                    format!(
                        "`{}` {} breaks {mode} compatibility with {}, as a new major version may",
                        contract.id, new.key, old.key
                    ),
                );
                let migrating: Vec<String> = consumers
                    .iter()
                    .filter(|c| !consumers_of(repo, &contract.id, &new.version).contains(c))
                    .map(|c| c.system.clone())
                    .collect();
                f.help = Some(if migrating.is_empty() {
                    format!("keep {} published until its consumers have moved", old.key)
                } else {
                    format!(
                        "consumers still on {} must migrate: {}",
                        old.key,
                        migrating.join(", ")
                    )
                });
                f
            } else {
                let mut f = base(
                    RuleId::BreakingChangeWithoutMajor,
                    Severity::Error,
                    format!(
                        "`{}` {} breaks {mode} compatibility with {} without a new major version",
                        contract.id, new.key, old.key
                    ),
                );
                f.help = Some(format!(
                    "publish the change as {} (and keep {} for its consumers), or make it {mode}-compatible",
                    next_major(&old.version),
                    old.key
                ));
                f
            };
            f.consumers = consumers;
            f.counterexample = c.shown().cloned();
            f.notes = counterexample_notes(c);
            f.notes.extend(changes);
            f.refresh_fingerprint();
            Some(f)
        }
        Verdict::Unknown => {
            let mut f = base(
                RuleId::CompatibilityUnknown,
                Severity::Error,
                format!(
                    "cannot decide whether `{}` {} is {mode}-compatible with {}",
                    contract.id, new.key, old.key
                ),
            );
            f.notes = comparison
                .unknown
                .iter()
                .map(|u| {
                    format!(
                        "undecided at {} (keyword `{}`): {}",
                        shown_pointer(repo, old, new, &u.pointer),
                        u.keyword,
                        u.reason
                    )
                })
                .collect();
            f.notes.extend(changes);
            f.help = Some(
                "simplify the construct named above, or waive this finding after a manual review"
                    .to_owned(),
            );
            f.refresh_fingerprint();
            Some(f)
        }
        Verdict::Compatible => {
            if major
                || new.version.minor != old.version.minor
                || new.version.major != old.version.major
            {
                return None;
            }
            // A patch: allowed only when nothing accepted changed in either direction.
            let equivalent = matches!(schemas.is_subset(a, b), Subset::Yes)
                && matches!(schemas.is_subset(b, a), Subset::Yes);
            if equivalent {
                return None;
            }
            let suggested = Version::new(old.version.major, old.version.minor + 1, 0);
            let mut f = base(
                RuleId::VersionBumpTooSmall,
                Severity::Error,
                format!(
                    "`{}` {} changes what the schema accepts, which a patch version must not",
                    contract.id, new.key
                ),
            );
            f.help = Some(format!(
                "publish it as {suggested}: a compatible change of the accepted values needs at least a minor version"
            ));
            f.notes = changes;
            f.refresh_fingerprint();
            Some(f)
        }
    }
}

/// Consumer impact: each producer version in a consumer's range must be readable by it
/// (`producer ⊆ expectation`; for `api-request`, what the consumer sends must be accepted:
/// `expectation ⊆ producer`). A use without `expects` reads the whole payload: its expectation
/// is the schema of the lowest version in its range.
pub fn check_consumers<'r>(
    repo: &'r Repository,
    schemas: &mut Schemas<'r>,
    stats: &mut CheckStats,
    progress: &dyn Progress,
) -> Vec<Finding> {
    let uses: Vec<(&LoadedConsumer, &LoadedUse)> = repo
        .consumers
        .iter()
        .flat_map(|c| c.uses.iter().map(move |u| (c, u)))
        .collect();
    let results = schemas.map_in_order(&uses, |schemas, (consumer, u)| {
        let out = use_pairs(repo, schemas, consumer, u);
        progress.step(&consumer.model.system);
        out
    });
    let mut findings = Vec::new();
    for (found, pairs) in results {
        stats.consumer_pairs += pairs;
        findings.extend(found);
    }
    findings
}

/// Consumer impact of one use: its findings and the number of pairs compared.
fn use_pairs(
    repo: &Repository,
    schemas: &mut Schemas<'_>,
    consumer: &LoadedConsumer,
    u: &LoadedUse,
) -> (Vec<Finding>, usize) {
    let mut findings = Vec::new();
    let mut pairs = 0;
    let Some(contract) = repo.contracts.get(&u.spec.contract) else {
        return (findings, pairs);
    };
    // Without `expects` the consumer reads the whole payload as the lowest version of
    // its range defines it: every later version in the range must fit that reader.
    let lowest = contract
        .versions
        .values()
        .find(|v| matches(&u.range, &v.version));
    let (reader_file, reader_label) = match (&u.expects, lowest) {
        (Some(e), _) => (e, format!("consumer {}", consumer.model.system)),
        (None, Some(low)) => (
            &low.schema,
            format!(
                "consumer {} (reading as {} {})",
                consumer.model.system, contract.id, low.key
            ),
        ),
        (None, None) => return (findings, pairs),
    };
    let Ok(expectation) = schemas.get(reader_file) else {
        return (findings, pairs);
    };
    let request = contract.model.pattern == Pattern::ApiRequest;
    for version in contract
        .versions
        .values()
        .filter(|v| matches(&u.range, &v.version))
        .filter(|v| u.expects.is_some() || lowest.is_none_or(|l| l.version != v.version))
    {
        let Ok(producer) = schemas.get(&version.schema) else {
            continue;
        };
        pairs += 1;
        let (sub, sup, sub_label, sup_label) = if request {
            (
                &expectation,
                &producer,
                reader_label.clone(),
                format!("{} {}", contract.id, version.key),
            )
        } else {
            (
                &producer,
                &expectation,
                format!("{} {}", contract.id, version.key),
                reader_label.clone(),
            )
        };
        let answer = schemas.subset_labeled(sub, sup, &sub_label, &sup_label);
        let who = ConsumerRef {
            system: consumer.model.system.clone(),
            owner: consumer.owner_of(u).map(str::to_owned),
        };
        let location = consumer.locate(&format!(
            "/uses/{}/{}",
            u.index,
            if u.expects.is_some() {
                "expects"
            } else {
                "versions"
            }
        ));
        let mut f = match answer {
            Subset::Yes => continue,
            Subset::No(c) => {
                let reading = match (&u.expects, lowest) {
                    (None, Some(low)) => format!(
                        " (it declares no `expects`, so it reads the whole payload as {} defines it)",
                        low.key
                    ),
                    _ => String::new(),
                };
                let message = if request {
                    format!(
                        "`{}` {} rejects requests consumer `{}` may send{reading}",
                        contract.id, version.key, consumer.model.system
                    )
                } else {
                    format!(
                        "consumer `{}` cannot read everything `{}` {} may send{reading}",
                        consumer.model.system, contract.id, version.key
                    )
                };
                let mut f = Finding::new(
                    RuleId::ConsumerIncompatible,
                    Severity::Error,
                    location,
                    message,
                );
                f.counterexample = c.shown().cloned();
                f.notes = counterexample_notes(&c);
                f.help = Some(match &u.expects {
                    Some(expects) => format!(
                        "align `{}` with the producer's schema, or narrow the range `{}` in {}",
                        expects.display(),
                        u.spec.versions,
                        consumer.path.display()
                    ),
                    None => format!(
                        "make {} {} compatible with what the consumer reads, publish it as a new major version, or declare what the consumer really reads with `expects:` in {}",
                        contract.id,
                        version.key,
                        consumer.path.display()
                    ),
                });
                f
            }
            Subset::Unknown(r) => {
                let mut f = Finding::new(
                    RuleId::ConsumerImpactUnknown,
                    Severity::Error,
                    location,
                    format!(
                        "cannot decide whether consumer `{}` can read `{}` {}",
                        consumer.model.system, contract.id, version.key
                    ),
                );
                f.notes = vec![format!(
                    "undecided at `{}` (keyword `{}`): {}",
                    r.pointer, r.keyword, r.reason
                )];
                f.help = Some("simplify the construct named above, or waive this finding after a manual review".to_owned());
                f
            }
        };
        f.contract = Some(contract.id.clone());
        f.version = Some(version.key.clone());
        f.consumers = vec![who];
        f.refresh_fingerprint();
        findings.push(f);
    }
    (findings, pairs)
}

/// Loads a repository for the gate (loader errors are input errors).
pub fn load(dir: &Path) -> Result<Repository, Vec<LoadError>> {
    crate::policy::load(dir)
}
