//! Silent breaks found against a base revision: published versions edited in place, versions
//! and contracts removed while consumers need them, sunsets that strand a consumer, and
//! examples that passed at the base and fail now. Only contracts that changed (and the
//! consumers of those) are compared.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use semver::Version;

use super::{CheckStats, counterexample_notes, mode_of};
use crate::contract::model::VersionStatus;
use crate::contract::prepared::Schemas;
use crate::contract::repo::{LoadedContract, Repository, matches};
use crate::error::Location;
use crate::finding::{ConsumerRef, Finding, Severity};
use crate::rules::RuleId;
use crate::schema::Verdict;
use crate::source::{RepoRoot, read_bytes};

/// The repository as it was at the base revision.
pub struct Base {
    /// The revision as the user named it (`origin/main`).
    pub name: String,
    /// Abbreviated commit id.
    pub short: String,
    /// The repository at that revision, loaded from an export of its tree.
    pub repo: Repository,
}

/// Files of a contract folder with their bytes, relative to the folder, read under the rules
/// of [`read_bytes`] (regular files inside the repository, bounded). A file that cannot be
/// read is kept with the reason, so a change in what can be read still counts as a change.
fn folder_files(root: &Path, dir: &Path) -> BTreeMap<PathBuf, Result<Vec<u8>, String>> {
    type Files = BTreeMap<PathBuf, Result<Vec<u8>, String>>;
    fn walk(root: &RepoRoot, dir: &Path, out: &mut Files, depth: usize) {
        if depth > 16 {
            return;
        }
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            let rel = dir.join(e.file_name());
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(root, &rel, out, depth + 1),
                Ok(_) => {
                    let bytes = read_bytes(&root.join(&rel), Some(root)).map_err(|e| e.message);
                    out.insert(rel, bytes);
                }
                Err(_) => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&RepoRoot::new(root), dir, &mut out, 0);
    out
}

/// Ids of the contracts whose folder (or any schema they reference) differs from the base.
pub(super) fn changed_contracts(now: &Repository, base: &Repository) -> BTreeSet<String> {
    let mut changed = BTreeSet::new();
    for (id, c) in &now.contracts {
        match base.contracts.get(id) {
            None => {
                changed.insert(id.clone());
            }
            Some(b) => {
                let same_files =
                    folder_files(&now.root, &c.dir) == folder_files(&base.root, &b.dir);
                // Shared schemas outside the folder ($ref targets) count too: compare inlined forms.
                let same_schemas = c.versions.iter().all(|(v, lv)| {
                    b.versions.get(v).is_some_and(|bv| {
                        now.schemas.inline(&lv.schema).ok() == base.schemas.inline(&bv.schema).ok()
                    })
                });
                if !same_files || !same_schemas {
                    changed.insert(id.clone());
                }
            }
        }
    }
    changed.extend(
        base.contracts
            .keys()
            .filter(|id| !now.contracts.contains_key(*id))
            .cloned(),
    );
    changed
}

/// Consumers (now) of a contract whose range matches `version`, with owners.
fn consumers_needing(
    now: &Repository,
    contract: &str,
    version: &Version,
) -> Vec<(ConsumerRef, String, Location)> {
    let mut out = Vec::new();
    for c in &now.consumers {
        for u in c
            .uses
            .iter()
            .filter(|u| u.spec.contract == contract && matches(&u.range, version))
        {
            out.push((
                ConsumerRef {
                    system: c.model.system.clone(),
                    owner: c.owner_of(u).map(str::to_owned),
                },
                u.spec.versions.clone(),
                c.locate(&format!("/uses/{}/versions", u.index)),
            ));
        }
    }
    out
}

/// Compares the tree with the base revision. `now_findings` are the verify findings of the
/// tree, `base_findings` those of the base (to find examples that regressed). `only`: the
/// contracts compared, when the base holds a part of the repository (every other contract's
/// inputs are the same at both revisions).
pub fn compare_with_base(
    now: &Repository,
    base: &Base,
    schemas: &mut Schemas<'_>,
    now_findings: &[Finding],
    base_findings: &[Finding],
    stats: &mut CheckStats,
    only: Option<&BTreeSet<String>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut changed = changed_contracts(now, &base.repo);
    if let Some(only) = only {
        changed.retain(|id| only.contains(id));
    }
    stats.contracts_against_base = changed.len();
    for id in &changed {
        match (now.contracts.get(id), base.repo.contracts.get(id)) {
            (Some(c), Some(b)) => {
                findings.extend(versions_against_base(now, base, schemas, c, b));
            }
            (None, Some(b)) => findings.extend(contract_removed(now, base, b)),
            _ => {}
        }
    }
    // Outside a part of the base, every contract's examples read the same files as before.
    let within =
        |f: &&Finding| only.is_none_or(|o| f.contract.as_ref().is_some_and(|c| o.contains(c)));
    findings.extend(regressed_examples(
        base,
        now_findings.iter().filter(within),
        base_findings,
    ));
    findings
}

fn contract_removed(now: &Repository, base: &Base, removed: &LoadedContract) -> Vec<Finding> {
    // Consumers at the base that used it and still exist now (their file was not removed too).
    let mut out = Vec::new();
    for c in &base.repo.consumers {
        if !c.uses.iter().any(|u| u.spec.contract == removed.id) {
            continue;
        }
        let Some(consumer_now) = now
            .consumers
            .iter()
            .find(|n| n.model.system == c.model.system)
        else {
            continue;
        };
        // Shown where the user can look: the use that still names the contract, else the
        // consumer file (the contract's own file is gone).
        let location = match consumer_now
            .missing
            .iter()
            .find(|m| m.contract == removed.id)
        {
            Some(m) => consumer_now.locate(&format!("/uses/{}/contract", m.index)),
            None => Location::file(&consumer_now.path),
        };
        let still = if location.line > 0 {
            "still uses it"
        } else {
            "used it"
        };
        let mut f = Finding::new(
            RuleId::ContractRemovedInUse,
            Severity::Error,
            location,
            format!(
                "contract `{}` was removed (`{}` at `{}`), but consumer `{}` {still}",
                removed.id,
                removed.path.display(),
                base.name,
                c.model.system
            ),
        );
        f.contract = Some(removed.id.clone());
        f.consumers = vec![ConsumerRef {
            system: c.model.system.clone(),
            owner: c.model.owner.clone(),
        }];
        f.help = Some(format!(
            "keep the contract until `{}` has stopped using it (deprecate its versions with a sunset date first)",
            c.model.system
        ));
        f.refresh_fingerprint();
        out.push(f);
    }
    out
}

fn versions_against_base(
    now: &Repository,
    base: &Base,
    schemas: &mut Schemas<'_>,
    c: &LoadedContract,
    b: &LoadedContract,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (v, bv) in &b.versions {
        match c.versions.get(v) {
            None => {
                let remaining: Vec<&Version> = c.versions.keys().collect();
                for (who, range, location) in consumers_needing(now, &c.id, v) {
                    let req = semver::VersionReq::parse(&range).ok();
                    let covered = req
                        .as_ref()
                        .is_some_and(|r| remaining.iter().any(|rv| matches(r, rv)));
                    let severity = if covered {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    let mut f = Finding::new(
                        RuleId::VersionRemovedInUse,
                        severity,
                        location,
                        if covered {
                            format!(
                                "version {} of `{}` was removed; consumer `{}` (range `{range}`) still lists it, other versions remain",
                                bv.key, c.id, who.system
                            )
                        } else {
                            format!(
                                "version {} of `{}` was removed, but consumer `{}` (range `{range}`) has no other version",
                                bv.key, c.id, who.system
                            )
                        },
                    );
                    f.contract = Some(c.id.clone());
                    f.version = Some(bv.key.clone());
                    f.consumers = vec![who];
                    f.help = Some(format!(
                        "restore {} (deprecate it with a sunset date instead), or move the consumer's range first",
                        bv.key
                    ));
                    f.refresh_fingerprint();
                    out.push(f);
                }
            }
            Some(nv) => {
                if let Some(f) = edited_in_place(now, base, schemas, c, nv, bv) {
                    out.push(f);
                }
                let newly_sunset = nv.meta.status == VersionStatus::Deprecated
                    && nv.meta.sunset.is_some()
                    && (bv.meta.status != VersionStatus::Deprecated
                        || nv.meta.sunset < bv.meta.sunset
                        || bv.meta.sunset.is_none());
                if newly_sunset {
                    for (who, range, location) in consumers_needing(now, &c.id, v) {
                        let req = semver::VersionReq::parse(&range).ok();
                        let active_alternative = req.as_ref().is_some_and(|r| {
                            c.versions.values().any(|o| {
                                o.version != *v
                                    && o.meta.status == VersionStatus::Active
                                    && matches(r, &o.version)
                            })
                        });
                        if active_alternative {
                            continue;
                        }
                        let mut f = Finding::new(
                            RuleId::VersionSunsetInUse,
                            Severity::Warning,
                            location,
                            format!(
                                "version {} of `{}` gets sunset {}, but consumer `{}` (range `{range}`) has no active version to move to",
                                nv.key,
                                c.id,
                                nv.meta.sunset.as_deref().unwrap_or_default(),
                                who.system
                            ),
                        );
                        f.contract = Some(c.id.clone());
                        f.version = Some(nv.key.clone());
                        f.consumers = vec![who];
                        f.help = Some("publish the successor and agree on the migration before setting the sunset date".to_owned());
                        f.refresh_fingerprint();
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

fn edited_in_place(
    now: &Repository,
    base: &Base,
    schemas: &mut Schemas<'_>,
    c: &LoadedContract,
    nv: &crate::contract::repo::LoadedVersion,
    bv: &crate::contract::repo::LoadedVersion,
) -> Option<Finding> {
    let now_doc = now.schemas.get(&nv.schema)?;
    let base_doc = base.repo.schemas.get(&bv.schema)?;
    let now_inlined = now.schemas.inline(&nv.schema).ok()?;
    let base_inlined = base.repo.schemas.inline(&bv.schema).ok()?;
    if now_inlined == base_inlined {
        return None; // formatting or key order only, or nothing at all
    }
    let (old_text, new_text, old_name, new_name) = if now_doc.doc.value == base_doc.doc.value {
        // The file is the same; a schema it references changed.
        (
            serde_json::to_string_pretty(&base_inlined).unwrap_or_default(),
            serde_json::to_string_pretty(&now_inlined).unwrap_or_default(),
            format!("{} (inlined, at {})", bv.schema.display(), base.name),
            format!("{} (inlined, now)", nv.schema.display()),
        )
    } else {
        (
            base_doc.doc.text.clone(),
            now_doc.doc.text.clone(),
            format!("{} (at {})", bv.schema.display(), base.name),
            format!("{} (now)", nv.schema.display()),
        )
    };
    let diff = similar::TextDiff::from_lines(&old_text, &new_text)
        .unified_diff()
        .context_radius(3)
        .header(&old_name, &new_name)
        .to_string();
    // Where the first change is, in the new text.
    let first_line = similar::TextDiff::from_lines(&old_text, &new_text)
        .ops()
        .iter()
        .find(|op| op.tag() != similar::DiffTag::Equal)
        .map_or(1, |op| op.new_range().start + 1);
    let location = if now_doc.doc.value == base_doc.doc.value {
        Location::file(&nv.schema)
    } else {
        Location::new(&nv.schema, first_line, 1)
    };
    let mut f = Finding::new(
        RuleId::PublishedVersionEdited,
        Severity::Error,
        location,
        format!(
            "published version {} of `{}` was edited in place (it differs from `{}`)",
            nv.key, c.id, base.name
        ),
    );
    f.contract = Some(c.id.clone());
    f.version = Some(nv.key.clone());
    f.diff = Some(diff);
    f.consumers = consumers_needing(now, &c.id, &nv.version)
        .into_iter()
        .map(|(w, _, _)| w)
        .collect();
    f.consumers.sort();
    f.consumers.dedup();
    // Say what the edit does to readers, with the engine.
    let base_schemas_doc = base.repo.schemas.inline(&bv.schema).ok();
    if let Some(doc) = base_schemas_doc
        && let Ok(old) = schemas.engine().prepare(&doc)
        && let Ok(new) = schemas.get(&nv.schema)
    {
        let mode = mode_of(now, c);
        let cmp = schemas.engine().compare(
            &old,
            &new,
            if mode == crate::schema::Mode::None {
                crate::schema::Mode::Full
            } else {
                mode
            },
        );
        match (cmp.verdict, cmp.counterexample) {
            (Verdict::Incompatible, Some(ce)) => {
                f.counterexample = ce.shown().cloned();
                f.notes = counterexample_notes(&ce);
                f.notes.insert(0, "the edit breaks readers of this version: a payload valid before is handled differently now".to_owned());
            }
            (Verdict::Compatible, _) => f.notes.push("the edit is compatible under the contract's mode, but published versions are immutable".to_owned()),
            _ => f.notes.push("the engine could not decide what the edit does to readers".to_owned()),
        }
    }
    f.help = Some(format!(
        "revert the edit and publish the change as a new version (after {}); published versions are immutable",
        nv.key
    ));
    f.refresh_fingerprint();
    Some(f)
}

fn regressed_examples<'f>(
    base: &Base,
    now_findings: impl Iterator<Item = &'f Finding>,
    base_findings: &[Finding],
) -> Vec<Finding> {
    let failing_before: BTreeSet<(&str, &Path)> = base_findings
        .iter()
        .map(|f| (f.rule_id.as_str(), f.location.path.as_path()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for f in now_findings {
        let path = f.location.path.as_path();
        let existed = base.repo.root.join(path).is_file();
        if !existed
            || failing_before.contains(&(f.rule_id.as_str(), path))
            || !seen.insert(path.to_path_buf())
        {
            continue;
        }
        let mut r = Finding::new(
            RuleId::ExampleRegressed,
            Severity::Error,
            Location::file(path),
            format!(
                "`{}` passed `{}` at `{}` and fails now",
                path.display(),
                f.rule_id,
                base.name
            ),
        );
        r.contract.clone_from(&f.contract);
        r.version.clone_from(&f.version);
        r.consumers.clone_from(&f.consumers);
        r.help = Some("the change broke a payload that worked before: see the finding at the same file for the reason".to_owned());
        r.refresh_fingerprint();
        out.push(r);
    }
    out
}
