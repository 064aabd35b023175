//! What each contract and each consumer of the working tree reads, found without loading the
//! repository: `seam check --against` plans from this index, so its cost follows the change
//! rather than the size of the repository.
//!
//! The index reads every `contract.yaml` and consumer file, and every schema file those name
//! (for its `$ref`s only: a schema is walked, not built, validated or bundled). It never
//! decides less than [`super::scope::plan`] would on the loaded repository: every file a
//! loaded contract or use reads is among the files the index says it reads (the files below a
//! glob's fixed folder stand for the glob's matches; a JSON schema's `$ref` counts anywhere,
//! data included, a YAML schema's where the loader follows it). Where it cannot be sure of that
//! (a reference by absolute URI, which resolves through `$id`s anywhere in the repository; a
//! percent-encoded one; a file that does not parse), it says why and the caller checks every
//! contract instead.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::scope::{Plan, Scope, whole_reason};
use crate::contract::schemas::normalize;
use crate::git::Changes;
use crate::source::{RepoRoot, Syntax};

/// Files one contract, or one consumer's use, reads besides its own folder.
#[derive(Debug, Default, Clone)]
struct Reads {
    /// Schema files: each read with every file it reaches through `$ref`.
    schemas: Vec<PathBuf>,
    /// Other files read by name (examples).
    files: Vec<PathBuf>,
    /// Folders read below (where an examples glob may match).
    folders: Vec<PathBuf>,
}

/// A contract folder (one holding `contract.yaml`).
#[derive(Debug)]
struct ContractEntry {
    dir: PathBuf,
    reads: Reads,
}

/// One use of a consumer file.
#[derive(Debug)]
struct UseEntry {
    contract: String,
    reads: Reads,
}

/// A consumer file and its uses.
#[derive(Debug)]
struct ConsumerEntry {
    path: PathBuf,
    uses: Vec<UseEntry>,
}

/// The working tree's contracts, consumers and `$ref` graph, as far as the plan needs them.
#[derive(Debug)]
pub struct Index {
    /// By folder name (a contract's id).
    contracts: BTreeMap<String, ContractEntry>,
    consumers: Vec<ConsumerEntry>,
    /// The files each schema file read names in a `$ref` (resolved to repository paths).
    refs: BTreeMap<PathBuf, Vec<PathBuf>>,
}

impl Index {
    /// Indexes the repository at `root`. `Err` says why the index cannot stand in for the
    /// loaded repository (the caller then loads and checks all of it).
    pub fn scan(root: &Path) -> Result<Self, String> {
        let reader = Reader::new(root);
        let contracts = contract_entries(&reader)?;
        let consumers = consumer_entries(&reader)?;
        let mut index = Self {
            contracts,
            consumers,
            refs: BTreeMap::new(),
        };
        let mut todo: BTreeSet<PathBuf> = index
            .contracts
            .values()
            .flat_map(|c| c.reads.schemas.iter())
            .chain(
                index
                    .consumers
                    .iter()
                    .flat_map(|c| c.uses.iter().flat_map(|u| u.reads.schemas.iter())),
            )
            .cloned()
            .collect();
        // Breadth first: each round parses, in parallel, the files the last one named.
        while !todo.is_empty() {
            let round: Vec<PathBuf> = std::mem::take(&mut todo).into_iter().collect();
            let parsed: Vec<(PathBuf, Result<Vec<PathBuf>, String>)> = round
                .into_par_iter()
                .map(|rel| {
                    let refs = file_refs(&reader, &rel);
                    (rel, refs)
                })
                .collect();
            for (rel, refs) in parsed {
                let refs = refs?;
                todo.extend(
                    refs.iter()
                        .filter(|t| !index.refs.contains_key(*t))
                        .cloned(),
                );
                index.refs.insert(rel, refs);
            }
            todo.retain(|p| !index.refs.contains_key(p));
        }
        Ok(index)
    }

    /// The contract ids (folder names) of the working tree.
    pub fn contract_ids(&self) -> impl Iterator<Item = &String> {
        self.contracts.keys()
    }

    /// Whether `name` is a contract folder of the working tree.
    pub fn has_contract(&self, name: &str) -> bool {
        self.contracts.contains_key(name)
    }

    /// The files `rel` reaches through `$ref`s, itself included.
    fn reaches(&self, rel: &Path) -> BTreeSet<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut queue = vec![rel.to_path_buf()];
        while let Some(path) = queue.pop() {
            if let Some(targets) = self.refs.get(&path) {
                queue.extend(targets.iter().filter(|t| !seen.contains(*t)).cloned());
            }
            seen.insert(path);
        }
        seen
    }

    /// The schema files that reach a changed file through `$ref`s (itself included): one
    /// walk back from the changed files over the reversed graph.
    fn tainted(&self, changes: &Changes) -> BTreeSet<&Path> {
        let mut back: BTreeMap<&Path, Vec<&Path>> = BTreeMap::new();
        let mut queue: Vec<&Path> = Vec::new();
        for (from, targets) in &self.refs {
            if changes.touches(from) {
                queue.push(from);
            }
            for t in targets {
                back.entry(t.as_path()).or_default().push(from.as_path());
                if !self.refs.contains_key(t) && changes.touches(t) {
                    queue.push(t);
                }
            }
        }
        let mut tainted = BTreeSet::new();
        while let Some(path) = queue.pop() {
            if tainted.insert(path) {
                queue.extend(back.get(path).into_iter().flatten());
            }
        }
        tainted
    }

    /// Whether a change touches anything `reads` reads (`tainted`: see [`Index::tainted`]).
    fn touched(reads: &Reads, changes: &Changes, tainted: &BTreeSet<&Path>) -> bool {
        reads.files.iter().any(|f| changes.touches(f))
            || reads.folders.iter().any(|f| changes.touches_below(f))
            || reads
                .schemas
                .iter()
                .any(|s| tainted.contains(s.as_path()) || changes.touches(s))
    }

    /// The part of the working tree `changes` can affect: what [`super::scope::plan`] decides
    /// on the loaded repository, or more. `base_folders` are the folder names under
    /// `contracts/` at the base.
    pub fn plan(&self, changes: &Changes, base_folders: &BTreeSet<String>) -> Plan {
        if let Some(why) = whole_reason(changes) {
            return Plan::Whole(why);
        }
        Plan::Part(self.changed_part(changes, base_folders))
    }

    /// The contracts a change to their own inputs (their folder, the files they read, the
    /// consumers of them and what those read) can affect, and those consumers: the plan's part
    /// with the repository's own files (`seam.yaml`, `systems/`, `keys.yaml`, `waivers.yaml`)
    /// left aside.
    pub fn changed_part(&self, changes: &Changes, base_folders: &BTreeSet<String>) -> Scope {
        let tainted = self.tainted(changes);
        let mut contracts: BTreeSet<String> = self
            .contracts
            .iter()
            .filter(|(_, c)| {
                changes.touches_below(&c.dir) || Self::touched(&c.reads, changes, &tainted)
            })
            .map(|(id, _)| id.clone())
            .collect();
        contracts.extend(super::scope::removed_since_base(
            changes,
            base_folders,
            |name| self.contracts.contains_key(name),
        ));
        for consumer in &self.consumers {
            let changed = changes.touches(&consumer.path)
                || consumer
                    .uses
                    .iter()
                    .any(|u| Self::touched(&u.reads, changes, &tainted));
            if changed {
                contracts.extend(consumer.uses.iter().map(|u| u.contract.clone()));
            }
        }
        let consumers = self
            .consumers
            .iter()
            .filter(|c| {
                changes.touches(&c.path) || c.uses.iter().any(|u| contracts.contains(&u.contract))
            })
            .map(|c| c.path.clone())
            .collect();
        Scope {
            contracts,
            consumers,
        }
    }

    /// What the consumers of `scope` read under `consumers/` for the contracts in it: files
    /// (the consumer files, their expectation schemas with what those reach, examples) and
    /// folders read below (where an examples glob may match).
    pub fn consumer_reads(&self, scope: &Scope) -> (BTreeSet<PathBuf>, BTreeSet<PathBuf>) {
        let mut files = BTreeSet::new();
        let mut folders = BTreeSet::new();
        for c in self
            .consumers
            .iter()
            .filter(|c| scope.consumers.contains(&c.path))
        {
            files.insert(c.path.clone());
            for u in c
                .uses
                .iter()
                .filter(|u| scope.contracts.contains(&u.contract))
            {
                for s in &u.reads.schemas {
                    files.extend(self.reaches(s));
                }
                files.extend(u.reads.files.iter().cloned());
                folders.extend(u.reads.folders.iter().cloned());
            }
        }
        (files, folders)
    }
}

/// The contract folders under `contracts/`, each with what its `contract.yaml` says it reads.
fn contract_entries(reader: &Reader) -> Result<BTreeMap<String, ContractEntry>, String> {
    let Ok(entries) = std::fs::read_dir(reader.root.join("contracts")) else {
        return Ok(BTreeMap::new());
    };
    let mut names: Vec<String> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            return Err("a folder under `contracts/` has a name that is not UTF-8".to_owned());
        };
        names.push(name);
    }
    // A folder holding `contract.yaml` is a contract; any other is shared.
    let found: Vec<Option<(String, ContractEntry)>> = names
        .into_par_iter()
        .map(|name| {
            let dir = Path::new("contracts").join(&name);
            let Some(manifest) = reader.yaml_if_present::<Manifest>(&dir.join("contract.yaml"))?
            else {
                return Ok(None);
            };
            let reads = contract_reads(reader, &dir, &manifest)?;
            Ok(Some((name, ContractEntry { dir, reads })))
        })
        .collect::<Result<_, String>>()?;
    Ok(found.into_iter().flatten().collect())
}

/// What the contract in `dir` reads outside its folder: its schema files (those under
/// `schemas/` and any `schema:` path), and its examples named outside it.
fn contract_reads(reader: &Reader, dir: &Path, manifest: &Manifest) -> Result<Reads, String> {
    let named_in = dir.join("contract.yaml");
    let mut reads = Reads::default();
    if let Ok(entries) = std::fs::read_dir(reader.root.join(dir).join("schemas")) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let path = Path::new(&name);
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            ) {
                reads.schemas.push(dir.join("schemas").join(path));
            }
        }
    }
    for meta in manifest.versions.values().flatten() {
        if let Some(file) = &meta.schema {
            reads.schemas.push(inside(&dir.join(file), &named_in)?);
        }
    }
    for file in manifest.examples.iter().filter_map(|e| e.file.as_ref()) {
        let rel = inside(&dir.join(file), &named_in)?;
        if file.contains(['*', '?', '[', '{']) {
            reads
                .folders
                .push(crate::contract::repo::glob_prefix(&rel.to_string_lossy()));
        } else {
            reads.files.push(rel);
        }
    }
    reads.schemas.sort();
    reads.schemas.dedup();
    Ok(reads)
}

/// What the index reads of a `contract.yaml`: the files it names (other keys are skipped
/// unread). A file of another shape fails to parse here, and every contract is checked.
#[derive(Debug, Default, Deserialize)]
struct Manifest {
    #[serde(default)]
    versions: BTreeMap<String, Option<VersionFile>>,
    #[serde(default)]
    examples: Vec<ExampleFile>,
}

#[derive(Debug, Deserialize)]
struct VersionFile {
    #[serde(default)]
    schema: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExampleFile {
    #[serde(default)]
    file: Option<String>,
}

/// What the index reads of a consumer file: its uses.
#[derive(Debug, Default, Deserialize)]
struct ConsumerFile {
    #[serde(default)]
    uses: Vec<UseFile>,
}

#[derive(Debug, Deserialize)]
struct UseFile {
    #[serde(default)]
    contract: Option<String>,
    #[serde(default)]
    expects: Option<String>,
    #[serde(default)]
    examples: Option<String>,
}

/// The consumer files directly under `consumers/`, each with its uses.
fn consumer_entries(reader: &Reader) -> Result<Vec<ConsumerEntry>, String> {
    let Ok(entries) = std::fs::read_dir(reader.root.join("consumers")) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| Path::new("consumers").join(e.file_name()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    paths.sort();
    paths
        .into_par_iter()
        .map(|path| {
            let file: ConsumerFile = reader.yaml(&path)?;
            let mut uses = Vec::new();
            for u in file.uses {
                let Some(contract) = u.contract else {
                    continue;
                };
                let mut reads = Reads::default();
                if let Some(e) = &u.expects {
                    reads
                        .schemas
                        .push(inside(&Path::new("consumers").join(e), &path)?);
                }
                if let Some(pattern) = &u.examples {
                    // A consumer's examples are always a glob (a plain path matches itself).
                    let full = format!("consumers/{pattern}");
                    inside(Path::new(&full), &path)?;
                    reads
                        .folders
                        .push(crate::contract::repo::glob_prefix(&full));
                }
                uses.push(UseEntry { contract, reads });
            }
            Ok(ConsumerEntry { path, uses })
        })
        .collect()
}

/// `path` normalized, or why it cannot be indexed (it leaves the repository: the load
/// reports that).
fn inside(path: &Path, named_in: &Path) -> Result<PathBuf, String> {
    normalize(path).ok_or_else(|| {
        format!(
            "`{}` names a path outside the repository",
            named_in.display()
        )
    })
}

/// Reads the repository's files for the index: every file is a regular file inside the
/// repository, read under [`crate::source`]'s rules (which open a file below real folders
/// without resolving its path).
struct Reader {
    root: RepoRoot,
}

impl Reader {
    fn new(root: &Path) -> Self {
        Self {
            root: RepoRoot::new(root),
        }
    }

    /// The bytes of the repository file `rel` (normalized).
    fn read(&self, rel: &Path) -> Result<Vec<u8>, String> {
        crate::source::read_bytes(&self.root.join(rel), Some(&self.root))
            .map_err(|_| format!("`{}` cannot be read", rel.display()))
    }

    /// [`Reader::read`], or `None` when nothing is at `rel`.
    fn read_if_present(&self, rel: &Path) -> Result<Option<Vec<u8>>, String> {
        match self.read(rel) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(_) if std::fs::symlink_metadata(self.root.join(rel)).is_err() => Ok(None),
            Err(why) => Err(why),
        }
    }

    /// The YAML file `rel`, read into `T` (see [`crate::source::parse_yaml_into`]).
    fn yaml<T: serde::de::DeserializeOwned>(&self, rel: &Path) -> Result<T, String> {
        Self::yaml_bytes(rel, self.read(rel)?)
    }

    /// [`Reader::yaml`], or `None` when nothing is at `rel`.
    fn yaml_if_present<T: serde::de::DeserializeOwned>(
        &self,
        rel: &Path,
    ) -> Result<Option<T>, String> {
        self.read_if_present(rel)?
            .map(|bytes| Self::yaml_bytes(rel, bytes))
            .transpose()
    }

    fn yaml_bytes<T: serde::de::DeserializeOwned>(rel: &Path, bytes: Vec<u8>) -> Result<T, String> {
        let text = crate::source::decode_utf8(bytes)
            .map_err(|_| format!("`{}` is not UTF-8", rel.display()))?;
        crate::source::parse_yaml_into(&text)
            .map_err(|_| format!("`{}` does not parse", rel.display()))
    }
}

/// The files the schema file `rel` names in a `$ref`. A file that does not exist names none
/// (the load reports a reference to it).
fn file_refs(reader: &Reader, rel: &Path) -> Result<Vec<PathBuf>, String> {
    let Some(bytes) = reader.read_if_present(rel)? else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    match Syntax::of(rel) {
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_slice(&bytes);
            Walk {
                refs: &mut found,
                capture: false,
            }
            .deserialize(&mut de)
            .and_then(|()| de.end())
            .map_err(|_| format!("`{}` does not parse", rel.display()))?;
        }
        Syntax::Yaml => {
            // The references the loader follows, found by its own walk.
            let mut refs = Vec::new();
            crate::contract::schemas::collect_refs(
                &Reader::yaml_bytes(rel, bytes)?,
                "",
                &mut refs,
                0,
            );
            found.extend(refs.into_iter().map(|(_, r)| r));
        }
    }
    let mut targets = Vec::new();
    for reference in found {
        let resource = reference.split('#').next().unwrap_or_default();
        if resource.is_empty() || crate::schema::resolve::is_meta_schema(&reference) {
            continue;
        }
        if resource.contains(['%', '\\', ':']) || resource.starts_with('/') {
            return Err(format!(
                "`{}` has a `$ref` by URI or with escapes, which resolves through `$id`s the index does not follow",
                rel.display()
            ));
        }
        let parent = rel.parent().unwrap_or(Path::new(""));
        targets.push(inside(&parent.join(resource), rel)?);
    }
    targets.sort();
    targets.dedup();
    Ok(targets)
}

/// Whether a key names a reference.
fn is_ref_key(key: &str) -> bool {
    matches!(key, "$ref" | "$dynamicRef" | "$recursiveRef")
}

/// Walks a JSON document without building it, keeping the string values of reference keys.
struct Walk<'a> {
    refs: &'a mut Vec<String>,
    /// Whether this value is the value of a reference key.
    capture: bool,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        if self.capture {
            self.refs.push(v.to_owned());
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Walk {
                refs: self.refs,
                capture: false,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(is_ref) = map.next_key_seed(RefKey)? {
            map.next_value_seed(Walk {
                refs: self.refs,
                capture: is_ref,
            })?;
        }
        Ok(())
    }
}

/// A map key, read as whether it names a reference (without allocating it).
struct RefKey;

impl<'de> DeserializeSeed<'de> for RefKey {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for RefKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        Ok(is_ref_key(v))
    }
}
