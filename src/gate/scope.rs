//! What a change can affect, for `seam check --against`: the contracts whose inputs differ from
//! the base revision, and the consumers of those.
//!
//! A contract's findings are a function of its inputs: its folder, the files its schemas reach
//! through `$ref`, its examples, the consumer files that use it (with their expectation
//! schemas and examples), and the repository's own files (`seam.yaml`, `systems/`,
//! `keys.yaml`, `waivers.yaml`). A contract none of whose inputs changed since the merge base
//! has the findings it had there, so the gate computes only the others and says how many it
//! skipped. A change to a repository file, or a tracked symbolic link (git compares the link,
//! not the file it leads to), checks everything.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::contract::repo::Repository;
use crate::git::Changes;

/// Files every contract depends on: a change to one checks the whole repository.
pub(super) const REPOSITORY_FILES: [&str; 4] =
    ["seam.yaml", "keys.yaml", "waivers.yaml", "systems"];

/// The part of a repository a change can affect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Contracts checked: those with a changed input, and those a changed consumer uses
    /// (ids; a contract removed since the base is named too).
    pub contracts: BTreeSet<String>,
    /// Consumer files read: those that changed and those using a contract checked.
    pub consumers: BTreeSet<PathBuf>,
}

/// How much of the repository a run checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Only this part: nothing else has an input that changed.
    Part(Scope),
    /// Everything, for the reason given (a change every contract depends on).
    Whole(String),
}

/// Why `changes` make every contract's check necessary, if they do: a change to a file every
/// contract depends on, or a tracked symbolic link.
pub fn whole_reason(changes: &Changes) -> Option<String> {
    if changes.links {
        return Some(LINKS_TRACKED.to_owned());
    }
    own_file_changed(changes)
}

/// Why every contract is checked when the repository tracks a symbolic link.
pub(super) const LINKS_TRACKED: &str =
    "the repository tracks symbolic links, and git does not compare the files they lead to";

/// Why every contract must be checked, when one of the repository's own files changed (every
/// contract depends on them; what each contract reads besides is unchanged or named by the
/// plan's part).
pub(super) fn own_file_changed(changes: &Changes) -> Option<String> {
    REPOSITORY_FILES
        .iter()
        .find(|name| changes.touches_below(Path::new(name)))
        .map(|name| format!("`{name}` changed, and every contract depends on it"))
}

/// The contracts of the base (`base_folders`) removed since: their `contract.yaml` changed and
/// no contract of that name is `present` now.
pub(super) fn removed_since_base<'a>(
    changes: &'a Changes,
    base_folders: &'a BTreeSet<String>,
    present: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = String> + 'a {
    base_folders
        .iter()
        .filter(move |name| {
            !present(name)
                && changes.touches(&Path::new("contracts").join(name).join("contract.yaml"))
        })
        .cloned()
}

/// The part of `now` that `changes` (paths changed since the base revision) can affect.
/// `base_folders` are the folder names under `contracts/` at the base (a contract removed
/// since then is named by its folder).
pub fn plan(now: &Repository, changes: &Changes, base_folders: &BTreeSet<String>) -> Plan {
    if let Some(why) = whole_reason(changes) {
        return Plan::Whole(why);
    }
    let mut contracts = BTreeSet::new();
    for (id, c) in &now.contracts {
        let changed = changes.touches_below(&c.dir)
            || c.versions.values().any(|v| {
                now.schemas
                    .reaches(&v.schema)
                    .iter()
                    .any(|f| changes.touches(f))
            })
            || c.examples.iter().any(|e| changes.touches(&e.path));
        if changed {
            contracts.insert(id.clone());
        }
    }
    contracts.extend(removed_since_base(changes, base_folders, |name| {
        now.contracts.contains_key(name)
    }));
    // A changed consumer file (or a file it reads) re-checks every contract it uses.
    for consumer in &now.consumers {
        let changed = changes.touches(&consumer.path)
            || consumer.uses.iter().any(|u| {
                u.expects
                    .as_ref()
                    .is_some_and(|e| now.schemas.reaches(e).iter().any(|f| changes.touches(f)))
                    || u.examples.iter().any(|p| changes.touches(p))
            });
        if changed {
            contracts.extend(consumer.model.uses.iter().map(|u| u.contract.clone()));
        }
    }
    let consumers = now
        .consumers
        .iter()
        .filter(|c| {
            changes.touches(&c.path) || c.model.uses.iter().any(|u| contracts.contains(&u.contract))
        })
        .map(|c| c.path.clone())
        .collect();
    Plan::Part(Scope {
        contracts,
        consumers,
    })
}
