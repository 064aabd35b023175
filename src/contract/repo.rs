//! Loading a whole contract repository: every file, every cross-reference, every error
//! collected in one run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use semver::{Version, VersionReq};
use serde_json::Value;

use crate::contract::load::{FileKind, FormatValidator, did_you_mean, syntax_error};
use crate::contract::model::{
    ConsumerFile, Contract, DraftName, Example, Expect, KeysFile, RepoConfig, System, Use,
    VersionMeta, WaiversFile,
};
use crate::contract::schemas::{SchemaStore, normalize};
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::source::{Document, JsonLines, RepoRoot, escape_segment, is_json_lines};

/// A loaded system.
#[derive(Debug)]
pub struct LoadedSystem {
    /// The file, relative to the root.
    pub path: PathBuf,
    /// The parsed file.
    pub doc: Document,
    /// The system.
    pub model: System,
}

/// One published version of a contract.
#[derive(Debug, Clone)]
pub struct LoadedVersion {
    /// The version.
    pub version: Version,
    /// The key as written in `contract.yaml`.
    pub key: String,
    /// Its metadata.
    pub meta: VersionMeta,
    /// Its schema file, relative to the root.
    pub schema: PathBuf,
}

/// A recorded example file of a contract (one entry of `examples:`, or one file its glob
/// matched).
#[derive(Debug)]
pub struct LoadedExample {
    /// Index in the contract's `examples` list.
    pub index: usize,
    /// As declared.
    pub spec: Example,
    /// The parsed `versions` range (`None`: every version).
    pub range: Option<VersionReq>,
    /// The payload file, relative to the root: JSON or YAML (one payload), or JSON lines
    /// (`.ndjson`/`.jsonl`, one payload per line). Loading checks that it parses (a JSON-lines
    /// file: that it may be read); verifying reads it again, so no payload stays in memory.
    pub path: PathBuf,
}

impl LoadedExample {
    /// Whether the example must validate.
    pub fn expects_valid(&self) -> bool {
        self.spec.expect == Expect::Valid
    }
}

/// A loaded contract.
#[derive(Debug)]
pub struct LoadedContract {
    /// The contract id.
    pub id: String,
    /// The contract folder, relative to the root.
    pub dir: PathBuf,
    /// `contract.yaml`, relative to the root.
    pub path: PathBuf,
    /// The parsed `contract.yaml`.
    pub doc: Document,
    /// The contract.
    pub model: Contract,
    /// Versions in ascending order.
    pub versions: BTreeMap<Version, LoadedVersion>,
    /// Examples in declaration order.
    pub examples: Vec<LoadedExample>,
}

impl LoadedContract {
    /// The versions matching `range` (every version when `None`), ascending.
    pub fn matching<'a>(
        &'a self,
        range: Option<&'a VersionReq>,
    ) -> impl Iterator<Item = &'a LoadedVersion> + 'a {
        self.versions
            .values()
            .filter(move |v| range.is_none_or(|r| matches(r, &v.version)))
    }

    /// Location of a field of `contract.yaml` by JSON pointer.
    pub fn locate(&self, pointer: &str) -> Location {
        let (line, col) = self.doc.locate(pointer, false);
        Location::new(&self.path, line, col)
    }
}

/// Whether `range` matches `version`. Pre-releases match only ranges that name them
/// (Cargo's rule).
pub fn matches(range: &VersionReq, version: &Version) -> bool {
    range.matches(version)
}

/// One use of a contract by a consumer.
#[derive(Debug)]
pub struct LoadedUse {
    /// Index in the consumer's `uses` list.
    pub index: usize,
    /// As declared.
    pub spec: Use,
    /// The parsed range.
    pub range: VersionReq,
    /// The expectation schema, relative to the root.
    pub expects: Option<PathBuf>,
    /// The consumer's example files, relative to the root, sorted; checked as
    /// [`LoadedExample::path`] is.
    pub examples: Vec<PathBuf>,
}

/// A loaded consumer file.
#[derive(Debug)]
pub struct LoadedConsumer {
    /// The file, relative to the root.
    pub path: PathBuf,
    /// The parsed file.
    pub doc: Document,
    /// The consumer.
    pub model: ConsumerFile,
    /// Its uses (those that loaded).
    pub uses: Vec<LoadedUse>,
    /// Uses naming a contract the repository does not have (removed, renamed or misspelt):
    /// the gate reports them as findings, with the base revision when it has one.
    pub missing: Vec<MissingContract>,
}

/// A consumer use that names a contract the repository does not have.
#[derive(Debug, Clone)]
pub struct MissingContract {
    /// Index in the consumer's `uses` list.
    pub index: usize,
    /// The contract named.
    pub contract: String,
    /// An existing contract with a close name.
    pub suggestion: Option<String>,
}

impl LoadedConsumer {
    /// Owner of a use: the use's own, else the file's.
    pub fn owner_of<'a>(&'a self, u: &'a LoadedUse) -> Option<&'a str> {
        u.spec.owner.as_deref().or(self.model.owner.as_deref())
    }

    /// Location of a field by JSON pointer.
    pub fn locate(&self, pointer: &str) -> Location {
        let (line, col) = self.doc.locate(pointer, false);
        Location::new(&self.path, line, col)
    }
}

/// A whole contract repository.
pub struct Repository {
    /// The root directory as given.
    pub root: PathBuf,
    /// `seam.yaml`.
    pub config: RepoConfig,
    /// Systems by id.
    pub systems: BTreeMap<String, LoadedSystem>,
    /// `keys.yaml`, when present.
    pub keys: Option<(Document, KeysFile)>,
    /// Contracts by id.
    pub contracts: BTreeMap<String, LoadedContract>,
    /// Consumer files, sorted by path.
    pub consumers: Vec<LoadedConsumer>,
    /// `waivers.yaml`, when present.
    pub waivers: Option<(Document, WaiversFile)>,
    /// Every schema file, loaded and checked.
    pub schemas: SchemaStore,
}

/// The configuration file name.
pub const CONFIG_FILE: &str = "seam.yaml";

/// The contract repository that holds `start`: `start` itself when it has a `seam.yaml`, else
/// the nearest parent folder that has one (as git and cargo look upward). The answer keeps
/// `start`'s form (`.` gives `..`, `../..`), so paths shown stay relative. `None` when no
/// folder up to the file-system root has a `seam.yaml`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let absolute = start.canonicalize().ok()?;
    let mut relative = start.to_path_buf();
    for (depth, folder) in absolute.ancestors().enumerate() {
        if folder.join(CONFIG_FILE).is_file() {
            return Some(relative);
        }
        relative = if depth == 0 && start == Path::new(".") {
            PathBuf::from("..")
        } else {
            relative.join("..")
        };
    }
    None
}

/// Checks of the loaded `seam.yaml` (when it parsed) and `waivers.yaml` (when present) that a
/// layer above the model provides (freeze windows and waivers: `policy::load` passes them).
pub type ExtraChecks<'a> = &'a dyn Fn(
    Option<(&Document, &RepoConfig)>,
    Option<&(Document, WaiversFile)>,
) -> Vec<LoadError>;

/// Loads the repository at `root`, collecting every error, `extra` included. Use
/// `policy::load`, which passes the freeze-window and waiver checks.
pub fn load_with(root: &Path, extra: ExtraChecks<'_>) -> Result<Repository, Vec<LoadError>> {
    load_some(root, extra, None)
}

/// What a partial load reads: the repository's own files (`seam.yaml`, systems, keys,
/// waivers) always, and of the contracts and consumers only those named.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Folder names under `contracts/` to load (a contract's id is its folder's name).
    pub contracts: &'a BTreeSet<String>,
    /// Consumer files to load, relative to the root (`consumers/erp.yaml`).
    pub consumers: &'a BTreeSet<PathBuf>,
    /// More contract ids that exist though their folder is not on disk (a partial export of
    /// a revision): a use of one is left out like a use of any contract not loaded, not
    /// reported as a use of a missing contract.
    pub also_known: &'a BTreeSet<String>,
    /// Where the repository's own files (`seam.yaml`, `systems/`, `keys.yaml`,
    /// `waivers.yaml`) are read from, when not from the root: a partial export of a revision
    /// whose own files are those of the working tree reads them there instead of writing them
    /// out.
    pub own_files: Option<&'a Path>,
}

/// Everything in `seam.yaml` that decides how schema files are read (and so how examples
/// verify): two repositories with equal settings read the same files the same way.
#[derive(Debug, PartialEq, Eq)]
pub struct SchemaSettings<'a> {
    /// The draft of a schema that declares none.
    pub draft: DraftName,
    /// Whether `format` is asserted.
    pub assert_formats: bool,
    /// Keywords allowed beside those of the draft.
    pub allow_keywords: &'a [String],
}

impl<'a> SchemaSettings<'a> {
    /// The settings of a repository's configuration.
    pub fn of(config: &'a RepoConfig) -> Self {
        Self {
            draft: config.defaults.draft,
            assert_formats: config.defaults.assert_formats,
            allow_keywords: &config.schemas.allow_keywords,
        }
    }
}

/// Loads part of the repository at `root` (see [`Part`]) as [`load_with`] loads all of it.
/// The other contracts' folders are listed, not read: a consumer's use of one of them is left
/// out of its `uses` (as a use of a contract that does not load is), so the repository holds
/// exactly the named contracts and the uses of them.
pub fn load_part_with(
    root: &Path,
    extra: ExtraChecks<'_>,
    part: &Part<'_>,
) -> Result<Repository, Vec<LoadError>> {
    load_some(root, extra, Some(part))
}

fn load_some(
    root: &Path,
    extra: ExtraChecks<'_>,
    part: Option<&Part<'_>>,
) -> Result<Repository, Vec<LoadError>> {
    let mut errors = Vec::new();
    let checker = FormatValidator::new();
    if !root.is_dir() {
        return Err(vec![
            LoadError::new(Location::file(root), LoadErrorKind::Io, "not a directory")
                .with_help("pass the folder that holds `seam.yaml`"),
        ]);
    }
    // Every file below is read through `root`: regular files inside the repository only.
    let root = &RepoRoot::new(root);
    let own_files = part.and_then(|p| p.own_files).map(RepoRoot::new);
    let own = own_files.as_ref().unwrap_or(root);
    let config_path = own.join(CONFIG_FILE);
    if std::fs::symlink_metadata(&config_path).is_err() {
        return Err(vec![
            LoadError::new(
                Location::file(root.join(CONFIG_FILE)),
                LoadErrorKind::MissingFile,
                "not a seam repository: `seam.yaml` not found",
            )
            .with_help("no `seam.yaml` here or in any parent folder: run `seam init` to create a contract repository, or pass the folder that holds `seam.yaml`"),
        ]);
    }
    let (config_doc, config): (Option<Document>, RepoConfig) =
        match checker.load_file::<RepoConfig>(own, Path::new(CONFIG_FILE), FileKind::Config) {
            Ok((d, c)) => {
                check_duration(
                    &d,
                    Path::new(CONFIG_FILE),
                    "/lint/max_alert_within",
                    c.lint.max_alert_within.as_deref(),
                    &mut errors,
                );
                (Some(d), c)
            }
            Err(mut e) => {
                errors.append(&mut e);
                (None, RepoConfig::default())
            }
        };
    let settings = SchemaSettings::of(&config);
    let mut schemas = SchemaStore::new(root, settings.draft, settings.assert_formats)
        .with_allowed_keywords(settings.allow_keywords.to_vec());

    let systems = load_systems(own, &checker, &mut errors);
    // Ids whose file exists but did not load: references to them are not reported again.
    let present_systems: BTreeSet<String> = list_files(own, "systems", &["yaml", "yml"])
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
        .collect();
    let keys = load_optional(own, "keys.yaml", FileKind::Keys, &checker, &mut errors);
    if let Some((doc, keys)) = &keys {
        check_key_schemas(doc, keys, &mut errors);
    }
    let contracts = load_contracts(
        root,
        &checker,
        &systems,
        &present_systems,
        part.map(|p| p.contracts),
        &mut schemas,
        &mut errors,
    );
    let mut present_contracts: BTreeSet<String> = contract_dirs(root)
        .iter()
        .filter_map(|p| p.file_name().and_then(|s| s.to_str()).map(str::to_owned))
        .collect();
    if let Some(p) = part {
        present_contracts.extend(p.also_known.iter().cloned());
    }
    let known = Known {
        systems: &present_systems,
        contracts: &present_contracts,
        consumers: part.map(|p| p.consumers),
    };
    let consumers = load_consumers(
        root,
        &checker,
        &systems,
        &contracts,
        &known,
        &mut schemas,
        &mut errors,
    );
    let waivers = load_optional(
        own,
        "waivers.yaml",
        FileKind::Waivers,
        &checker,
        &mut errors,
    );

    errors.extend(extra(
        config_doc.as_ref().map(|d| (d, &config)),
        waivers.as_ref(),
    ));
    if errors.is_empty() {
        Ok(Repository {
            root: root.dir().to_path_buf(),
            config,
            systems,
            keys,
            contracts,
            consumers,
            waivers,
            schemas,
        })
    } else {
        errors.sort_by(|a, b| {
            a.location
                .cmp(&b.location)
                .then_with(|| a.message.cmp(&b.message))
        });
        errors.dedup();
        Err(errors)
    }
}

/// Files of `dir` (relative to root) with one of `exts`, sorted by name.
fn list_files(root: &Path, dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        // Anything but a folder: the reader refuses links leading out, pipes and devices
        // with the reason, rather than the file being skipped silently.
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .filter_map(|p| p.file_name().map(|n| Path::new(dir).join(n)))
        .collect();
    out.sort();
    out
}

fn load_optional<T: serde::de::DeserializeOwned>(
    root: &RepoRoot,
    name: &str,
    kind: FileKind,
    checker: &FormatValidator,
    errors: &mut Vec<LoadError>,
) -> Option<(Document, T)> {
    if std::fs::symlink_metadata(root.join(name)).is_err() {
        return None;
    }
    match checker.load_file(root, Path::new(name), kind) {
        Ok(v) => Some(v),
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    }
}

/// Reports a duration in the valid form (`15m`) whose number of seconds does not fit in 64
/// bits: the format check accepts it, and without this it would read as absent.
fn check_duration(
    doc: &Document,
    path: &Path,
    pointer: &str,
    text: Option<&str>,
    errors: &mut Vec<LoadError>,
) {
    let Some(text) = text else { return };
    let Some((digits, factor)) = text
        .strip_suffix('s')
        .map(|d| (d, 1))
        .or_else(|| text.strip_suffix('m').map(|d| (d, 60)))
        .or_else(|| text.strip_suffix('h').map(|d| (d, 3600)))
        .or_else(|| text.strip_suffix('d').map(|d| (d, 86_400)))
    else {
        return;
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        // Not the duration form: the format check reports it.
        return;
    }
    if digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .is_none()
    {
        errors.push(
            LoadError::new(
                loc(doc, path, pointer, false),
                LoadErrorKind::InvalidValue,
                format!("duration `{text}` is out of range"),
            )
            .with_help("write a realistic duration, e.g. `15m`, `2h` or `1d`"),
        );
    }
}

fn loc(doc: &Document, path: &Path, pointer: &str, key: bool) -> Location {
    let (line, col) = doc.locate(pointer, key);
    Location::new(path, line, col)
}

fn load_systems(
    root: &RepoRoot,
    checker: &FormatValidator,
    errors: &mut Vec<LoadError>,
) -> BTreeMap<String, LoadedSystem> {
    use rayon::prelude::*;
    let mut systems = BTreeMap::new();
    // Read and validated in parallel (a landscape has thousands), then taken in name order.
    let read: Vec<_> = list_files(root, "systems", &["yaml", "yml"])
        .into_par_iter()
        .map(|rel| {
            let loaded = checker.load_file_partial::<System>(root, &rel, FileKind::System);
            (rel, loaded)
        })
        .collect();
    for (rel, (loaded, mut format_errors)) in read {
        errors.append(&mut format_errors);
        let Some((doc, model)) = loaded else {
            continue;
        };
        let stem = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if model.id != stem {
            errors.push(
                LoadError::new(
                    loc(&doc, &rel, "/id", false),
                    LoadErrorKind::InvalidValue,
                    format!(
                        "system id `{}` does not match its file name `{stem}`",
                        model.id
                    ),
                )
                .with_help(format!(
                    "rename the file to `systems/{}.yaml` or set `id: {stem}`",
                    model.id
                )),
            );
            continue;
        }
        systems.insert(
            model.id.clone(),
            LoadedSystem {
                path: rel,
                doc,
                model,
            },
        );
    }
    systems
}

fn check_key_schemas(doc: &Document, keys: &KeysFile, errors: &mut Vec<LoadError>) {
    for (name, key) in &keys.keys {
        let meta = jsonschema::draft202012::meta::validator();
        let v: &jsonschema::Validator = meta.as_ref();
        for e in v.iter_errors(&key.schema) {
            let pointer = format!(
                "/keys/{}/schema{}",
                escape_segment(name),
                e.instance_path().as_str()
            );
            errors.push(
                LoadError::new(
                    loc(doc, Path::new("keys.yaml"), &pointer, false),
                    LoadErrorKind::InvalidSchema,
                    format!("key `{name}` has an invalid schema: {e}"),
                )
                .with_help("fix the key's schema so it is valid JSON Schema (draft 2020-12)"),
            );
        }
    }
}

fn parse_range(text: &str) -> Result<VersionReq, String> {
    VersionReq::parse(text).map_err(|e| e.to_string())
}

fn range_help() -> &'static str {
    "write a semver range such as `^2`, `>=1.0.0, <3.0.0` or `1.2.3` (a bare version means `^1.2.3`, as in Cargo)"
}

/// Ids of things whose file exists, loaded or not.
struct Known<'a> {
    systems: &'a BTreeSet<String>,
    contracts: &'a BTreeSet<String>,
    /// With a partial load: the consumer files to read (the others are not read at all).
    consumers: Option<&'a BTreeSet<PathBuf>>,
}

/// Contract folders (those holding a `contract.yaml`), sorted. Other folders under
/// `contracts/` (shared schemas, seam's own formats) are not contracts.
fn contract_dirs(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join("contracts")) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| std::fs::symlink_metadata(e.path().join("contract.yaml")).is_ok())
        .map(|e| Path::new("contracts").join(e.file_name()))
        .collect();
    dirs.sort();
    dirs
}

/// One contract folder read on its own (no shared state): the parsed file, what is checked
/// without schemas, its examples, and the errors found.
struct ReadContract {
    dir: PathBuf,
    path: PathBuf,
    loaded: Option<(Document, Contract, Vec<LoadedExample>)>,
    errors: Vec<LoadError>,
}

fn read_contract(
    root: &RepoRoot,
    checker: &FormatValidator,
    systems: &BTreeMap<String, LoadedSystem>,
    present_systems: &BTreeSet<String>,
    dir: PathBuf,
) -> ReadContract {
    let path = dir.join("contract.yaml");
    let mut errors = Vec::new();
    // A contract with format errors is still checked further when pruning the bad fields
    // leaves a usable model: all of its errors show in one run.
    let (loaded, mut format_errors) =
        checker.load_file_partial::<Contract>(root, &path, FileKind::Contract);
    errors.append(&mut format_errors);
    let Some((doc, model)) = loaded else {
        return ReadContract {
            dir,
            path,
            loaded: None,
            errors,
        };
    };
    let folder = dir
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    if let Some(m) = &model.monitoring {
        for (field, text) in [("alert_within", &m.alert_within), ("max_lag", &m.max_lag)] {
            check_duration(
                &doc,
                &path,
                &format!("/monitoring/{field}"),
                text.as_deref(),
                &mut errors,
            );
        }
    }
    if model.id != folder {
        errors.push(
            LoadError::new(
                loc(&doc, &path, "/id", false),
                LoadErrorKind::InvalidValue,
                format!(
                    "contract id `{}` does not match its folder `{folder}`",
                    model.id
                ),
            )
            .with_help(format!(
                "rename the folder to `contracts/{}` or set `id: {folder}`",
                model.id
            )),
        );
        return ReadContract {
            dir,
            path,
            loaded: None,
            errors,
        };
    }
    if !present_systems.contains(&model.producer) {
        let mut e = LoadError::new(
            loc(&doc, &path, "/producer", false),
            LoadErrorKind::UnknownReference,
            format!("unknown producer system `{}`", model.producer),
        );
        e.help = Some(
            match did_you_mean(&model.producer, systems.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("add `systems/{}.yaml`", model.producer),
            },
        );
        errors.push(e);
    }
    // Ranges are matched against every declared version, also those whose schema is broken,
    // so one missing file does not cascade into "matches nothing" errors.
    let declared: BTreeSet<Version> = model
        .versions
        .keys()
        .filter_map(|k| Version::parse(k).ok())
        .collect();
    let examples = load_examples(root, &dir, &path, &doc, &model, &declared, &mut errors);
    for (i, (pointer, _)) in model.keys.iter().enumerate() {
        if !pointer.is_empty() && !pointer.starts_with('/') {
            errors.push(
                LoadError::new(
                    loc(
                        &doc,
                        &path,
                        &format!("/keys/{}", escape_segment(pointer)),
                        true,
                    ),
                    LoadErrorKind::InvalidValue,
                    format!("`{pointer}` is not a JSON pointer"),
                )
                .with_help(format!("write it as `/{pointer}` (entry {})", i + 1)),
            );
        }
    }
    ReadContract {
        dir,
        path,
        loaded: Some((doc, model, examples)),
        errors,
    }
}

fn load_contracts(
    root: &RepoRoot,
    checker: &FormatValidator,
    systems: &BTreeMap<String, LoadedSystem>,
    present_systems: &BTreeSet<String>,
    only: Option<&BTreeSet<String>>,
    schemas: &mut SchemaStore,
    errors: &mut Vec<LoadError>,
) -> BTreeMap<String, LoadedContract> {
    let dirs: Vec<PathBuf> = contract_dirs(root)
        .into_iter()
        .filter(|dir| {
            only.is_none_or(|only| {
                dir.file_name()
                    .and_then(|s| s.to_str())
                    .is_some_and(|name| only.contains(name))
            })
        })
        .collect();
    // Each folder is read and checked on its own, in parallel; the schemas (a shared store)
    // are loaded after, in folder order. Errors are sorted before they are shown.
    let read: Vec<ReadContract> = {
        use rayon::prelude::*;
        dirs.into_par_iter()
            .map(|dir| read_contract(root, checker, systems, present_systems, dir))
            .collect()
    };
    let mut contracts = BTreeMap::new();
    for r in read {
        errors.extend(r.errors);
        let Some((doc, model, examples)) = r.loaded else {
            continue;
        };
        let versions = load_versions(root, &r.dir, &r.path, &doc, &model, schemas, errors);
        contracts.insert(
            model.id.clone(),
            LoadedContract {
                id: model.id.clone(),
                dir: r.dir,
                path: r.path,
                doc,
                model,
                versions,
                examples,
            },
        );
    }
    contracts
}

fn load_versions(
    root: &Path,
    dir: &Path,
    path: &Path,
    doc: &Document,
    model: &Contract,
    schemas: &mut SchemaStore,
    errors: &mut Vec<LoadError>,
) -> BTreeMap<Version, LoadedVersion> {
    let mut versions = BTreeMap::new();
    if model.versions.is_empty() {
        errors.push(
            LoadError::new(
                loc(doc, path, "/versions", false),
                LoadErrorKind::InvalidValue,
                "a contract needs at least one version",
            )
            .with_help("add `1.0.0: {}` under `versions` and the schema `schemas/1.0.0.json`"),
        );
    }
    let mut unparsed_keys = false;
    for (key, meta) in &model.versions {
        let pointer = format!("/versions/{}", escape_segment(key));
        let version = match Version::parse(key) {
            Ok(v) => v,
            Err(e) => {
                unparsed_keys = true;
                errors.push(bad_version_key(doc, path, &pointer, key, &e));
                continue;
            }
        };
        if let Some(existing) = versions.get(&version) {
            let existing: &LoadedVersion = existing;
            errors.push(
                LoadError::new(
                    loc(doc, path, &pointer, true),
                    LoadErrorKind::DuplicateId,
                    format!("version `{key}` is the same version as `{}`", existing.key),
                )
                .with_help("remove one of them"),
            );
            continue;
        }
        let schema = if let Some(file) = &meta.schema {
            let Some(rel) = normalize(&dir.join(file)) else {
                errors.push(
                    LoadError::new(
                        loc(doc, path, &format!("{pointer}/schema"), false),
                        LoadErrorKind::RefEscapesRoot,
                        format!("schema path `{file}` leaves the repository root"),
                    )
                    .with_help("keep schema files inside the contract folder"),
                );
                continue;
            };
            if !root.join(&rel).is_file() {
                errors.push(
                    LoadError::new(
                        loc(doc, path, &format!("{pointer}/schema"), false),
                        LoadErrorKind::MissingFile,
                        format!("schema file `{}` not found", rel.display()),
                    )
                    .with_help("fix the path (relative to the contract folder) or add the file"),
                );
                continue;
            }
            rel
        } else {
            let candidates: Vec<PathBuf> = ["json", "yaml", "yml"]
                .iter()
                .map(|ext| dir.join("schemas").join(format!("{key}.{ext}")))
                .filter(|p| root.join(p).is_file())
                .collect();
            match candidates.as_slice() {
                [one] => one.clone(),
                [] => {
                    errors.push(
                        LoadError::new(
                            loc(doc, path, &pointer, true),
                            LoadErrorKind::MissingFile,
                            format!("no schema file for version `{key}`"),
                        )
                        .with_help(format!(
                            "add `{}` (or `.yaml`)",
                            dir.join("schemas").join(format!("{key}.json")).display()
                        )),
                    );
                    continue;
                }
                many => {
                    let names: Vec<String> =
                        many.iter().map(|p| format!("`{}`", p.display())).collect();
                    errors.push(
                        LoadError::new(
                            loc(doc, path, &pointer, true),
                            LoadErrorKind::DuplicateId,
                            format!(
                                "version `{key}` has several schema files: {}",
                                names.join(", ")
                            ),
                        )
                        .with_help("keep exactly one schema file per version"),
                    );
                    continue;
                }
            }
        };
        errors.extend(schemas.load(&schema));
        versions.insert(
            version.clone(),
            LoadedVersion {
                version,
                key: key.clone(),
                meta: meta.clone(),
                schema,
            },
        );
    }
    // Schema files named like a version but not declared are a forgotten `versions` entry;
    // while a key does not parse, that key is the one error to fix (it may be that entry).
    if unparsed_keys {
        return versions;
    }
    for file in list_files(
        root,
        &dir.join("schemas").to_string_lossy(),
        &["json", "yaml", "yml"],
    ) {
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if let Ok(v) = Version::parse(stem)
            && !versions.contains_key(&v)
            && meta_schema_file(model, stem)
        {
            errors.push(
                LoadError::new(
                    Location::file(&file),
                    LoadErrorKind::MissingField,
                    format!(
                        "schema file for version `{stem}` has no entry under `versions` in `{}`",
                        path.display()
                    ),
                )
                .with_help(format!(
                    "add `{stem}: {{}}` under `versions`, or remove the file"
                )),
            );
        }
    }
    versions
}

/// The error for a `versions` key that is not a semantic version. YAML reads an unquoted
/// `1.0` as the number 1, so the key as written is taken from the text, and a key that YAML
/// read as a number gets the fix that works: quote a full version.
fn bad_version_key(
    doc: &Document,
    path: &Path,
    pointer: &str,
    key: &str,
    e: &semver::Error,
) -> LoadError {
    let location = loc(doc, path, pointer, true);
    let written = doc
        .text
        .lines()
        .nth(location.line.saturating_sub(1))
        .and_then(|l| l.get(location.col.saturating_sub(1)..))
        .and_then(|rest| rest.split(':').next())
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .unwrap_or(key);
    let numeric = written.parse::<f64>().is_ok() || key.parse::<f64>().is_ok();
    if numeric {
        let mut parts: Vec<&str> = written.split('.').collect();
        while parts.len() < 3 {
            parts.push("0");
        }
        let full = parts.join(".");
        LoadError::new(
            location,
            LoadErrorKind::BadVersion,
            format!("`{written}` is read by YAML as a number, not a version"),
        )
        .with_help(format!(
            "write the full version in quotes: `\"{full}\": {{}}` (MAJOR.MINOR.PATCH)"
        ))
    } else {
        LoadError::new(
            location,
            LoadErrorKind::BadVersion,
            format!("`{written}` is not a semantic version: {e}"),
        )
        .with_help("write MAJOR.MINOR.PATCH, e.g. `1.0.0`")
    }
}

/// Whether a version-named schema file is undeclared (not named by any explicit `schema:`).
fn meta_schema_file(model: &Contract, stem: &str) -> bool {
    !model
        .versions
        .values()
        .any(|m| m.schema.as_deref().is_some_and(|s| s.contains(stem)))
}

fn load_examples(
    root: &RepoRoot,
    dir: &Path,
    path: &Path,
    doc: &Document,
    model: &Contract,
    versions: &BTreeSet<Version>,
    errors: &mut Vec<LoadError>,
) -> Vec<LoadedExample> {
    // The files to read, with their entry: globs expanded, in declaration order.
    let mut wanted: Vec<(usize, &Example, Option<VersionReq>, PathBuf)> = Vec::new();
    for (index, spec) in model.examples.iter().enumerate() {
        let pointer = format!("/examples/{index}");
        let range = match &spec.versions {
            None => None,
            Some(text) => match parse_range(text) {
                Ok(r) => {
                    if !versions.is_empty() && !versions.iter().any(|v| matches(&r, v)) {
                        errors.push(range_matches_nothing(
                            loc(doc, path, &format!("{pointer}/versions"), false),
                            text,
                            versions,
                        ));
                        continue;
                    }
                    Some(r)
                }
                Err(e) => {
                    errors.push(
                        LoadError::new(
                            loc(doc, path, &format!("{pointer}/versions"), false),
                            LoadErrorKind::BadRange,
                            format!("`{text}` is not a version range: {e}"),
                        )
                        .with_help(range_help()),
                    );
                    continue;
                }
            },
        };
        if spec.expect == Expect::Valid && (spec.keyword.is_some() || spec.path.is_some()) {
            let field = if spec.keyword.is_some() {
                "keyword"
            } else {
                "path"
            };
            errors.push(
                LoadError::new(
                    loc(doc, path, &format!("{pointer}/{field}"), true),
                    LoadErrorKind::InvalidValue,
                    format!("`{field}` only applies to negative examples"),
                )
                .with_help("add `expect: invalid`, or remove the field"),
            );
        }
        let Some(rel) = normalize(&dir.join(&spec.file)) else {
            errors.push(
                LoadError::new(
                    loc(doc, path, &format!("{pointer}/file"), false),
                    LoadErrorKind::RefEscapesRoot,
                    format!("example path `{}` leaves the repository root", spec.file),
                )
                .with_help("keep examples inside the contract folder"),
            );
            continue;
        };
        if is_glob(&spec.file) {
            match glob_files(root, &rel) {
                Ok(files) if !files.is_empty() => {
                    wanted.extend(files.into_iter().map(|f| (index, spec, range.clone(), f)));
                }
                Ok(_) => errors.push(
                    LoadError::new(
                        loc(doc, path, &format!("{pointer}/file"), false),
                        LoadErrorKind::MissingFile,
                        format!("glob `{}` matches no file", spec.file),
                    )
                    .with_help(
                        "fix the glob (relative to the contract folder) or add example payloads",
                    ),
                ),
                Err(e) => errors.push(
                    LoadError::new(
                        loc(doc, path, &format!("{pointer}/file"), false),
                        LoadErrorKind::InvalidValue,
                        format!("`{}` is not a valid glob: {e}", spec.file),
                    )
                    .with_help("write a glob such as `examples/*.json`"),
                ),
            }
            continue;
        }
        // Only "nothing there" is reported here; a link, pipe or folder is refused by the
        // reader with its reason.
        if std::fs::symlink_metadata(root.join(&rel)).is_err() {
            errors.push(
                LoadError::new(
                    loc(doc, path, &format!("{pointer}/file"), false),
                    LoadErrorKind::MissingFile,
                    format!("example file `{}` not found", rel.display()),
                )
                .with_help("fix the path (relative to the contract folder) or add the file"),
            );
            continue;
        }
        wanted.push((index, spec, range, rel));
    }
    let files: Vec<&Path> = wanted.iter().map(|w| w.3.as_path()).collect();
    let checked = check_payloads(root, &files);
    let mut out = Vec::new();
    for ((index, spec, range, path), problem) in wanted.into_iter().zip(checked) {
        match problem {
            None => out.push(LoadedExample {
                index,
                spec: spec.clone(),
                range,
                path,
            }),
            Some(e) => errors.push(e),
        }
    }
    out
}

/// Reads and parses each example file (in parallel), keeping nothing: a payload that does
/// not parse is an input error of the repository, for every command, while the payloads
/// themselves are read again, one file at a time, when verified. A JSON-lines file is only
/// opened here (it may be larger than memory); its lines are parsed when verified.
fn check_payloads(root: &RepoRoot, files: &[&Path]) -> Vec<Option<LoadError>> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|rel| {
            let read = if is_json_lines(rel) {
                JsonLines::open(root, rel).map(drop)
            } else {
                Document::read(root, rel).map(drop)
            };
            read.err().map(|e| syntax_error(rel, e))
        })
        .collect()
}

/// Whether an example `file:` is a glob rather than one path.
fn is_glob(file: &str) -> bool {
    file.contains(['*', '?', '[', '{'])
}

/// The files a glob (a path relative to the root) matches, sorted; only the glob's fixed
/// prefix is walked (`contracts/x/examples/*.json` lists one folder), so loading stays linear
/// in the repository however many globs there are.
fn glob_files(root: &Path, pattern: &Path) -> Result<Vec<PathBuf>, globset::Error> {
    let pattern = pattern.to_string_lossy();
    let glob = globset::GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()?
        .compile_matcher();
    let prefix = glob_prefix(&pattern);
    let mut files = Vec::new();
    if real_folder(root, &prefix) {
        walk_files(
            root,
            &prefix,
            prefix.components().count().saturating_sub(1),
            &mut files,
        );
    }
    files.retain(|f| glob.is_match(f));
    files.sort();
    Ok(files)
}

fn range_matches_nothing<'a>(
    location: Location,
    text: &str,
    versions: impl IntoIterator<Item = &'a Version>,
) -> LoadError {
    let list: Vec<String> = versions.into_iter().map(|v| format!("`{v}`")).collect();
    LoadError::new(
        location,
        LoadErrorKind::RangeMatchesNothing,
        format!("range `{text}` matches no published version"),
    )
    .with_help(format!("published versions are {}", list.join(", ")))
}

fn load_consumers(
    root: &RepoRoot,
    checker: &FormatValidator,
    systems: &BTreeMap<String, LoadedSystem>,
    contracts: &BTreeMap<String, LoadedContract>,
    known: &Known<'_>,
    schemas: &mut SchemaStore,
    errors: &mut Vec<LoadError>,
) -> Vec<LoadedConsumer> {
    let mut consumers: Vec<LoadedConsumer> = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let files: Vec<PathBuf> = list_files(root, "consumers", &["yaml", "yml"])
        .into_iter()
        .filter(|rel| known.consumers.is_none_or(|only| only.contains(rel)))
        .collect();
    // Files parse and meet their format on their own, in parallel; the rest follows in order.
    let parsed: Vec<_> = {
        use rayon::prelude::*;
        files
            .into_par_iter()
            .map(|rel| {
                let read =
                    checker.load_file_partial::<ConsumerFile>(root, &rel, FileKind::Consumer);
                (rel, read)
            })
            .collect()
    };
    for (rel, (loaded, mut format_errors)) in parsed {
        errors.append(&mut format_errors);
        let Some((doc, model)) = loaded else {
            continue;
        };
        if let Some(first) = seen.get(&model.system) {
            errors.push(
                LoadError::new(
                    loc(&doc, &rel, "/system", false),
                    LoadErrorKind::DuplicateId,
                    format!(
                        "consumer system `{}` is already declared in `{}`",
                        model.system,
                        first.display()
                    ),
                )
                .with_help("keep one consumer file per system"),
            );
            continue;
        }
        seen.insert(model.system.clone(), rel.clone());
        if !known.systems.contains(&model.system) {
            let mut e = LoadError::new(
                loc(&doc, &rel, "/system", false),
                LoadErrorKind::UnknownReference,
                format!("unknown system `{}`", model.system),
            );
            e.help = Some(
                match did_you_mean(&model.system, systems.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("add `systems/{}.yaml`", model.system),
                },
            );
            errors.push(e);
        }
        let mut uses = Vec::new();
        let mut missing = Vec::new();
        for (index, spec) in model.uses.iter().enumerate() {
            let pointer = format!("/uses/{index}");
            if !contracts.contains_key(&spec.contract) {
                if known.contracts.contains(&spec.contract) {
                    continue; // its own errors are reported
                }
                // Not an input error: a contract removed while in use is what the gate
                // must report (`contract-removed-in-use`), with the revision that had it.
                missing.push(MissingContract {
                    index,
                    contract: spec.contract.clone(),
                    suggestion: did_you_mean(&spec.contract, contracts.keys().map(String::as_str)),
                });
                continue;
            }
            let range = match parse_range(&spec.versions) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(
                        LoadError::new(
                            loc(&doc, &rel, &format!("{pointer}/versions"), false),
                            LoadErrorKind::BadRange,
                            format!("`{}` is not a version range: {e}", spec.versions),
                        )
                        .with_help(range_help()),
                    );
                    continue;
                }
            };
            // A range that matches no version is not an input error: the versions it needed
            // may have been removed, which the gate reports (`version-removed-in-use` with a
            // base revision, `consumer-range-unmatched` without).
            let expects = spec.expects.as_ref().and_then(|file| {
                let Some(p) = normalize(&Path::new("consumers").join(file)) else {
                    errors.push(
                        LoadError::new(
                            loc(&doc, &rel, &format!("{pointer}/expects"), false),
                            LoadErrorKind::RefEscapesRoot,
                            format!("path `{file}` leaves the repository root"),
                        )
                        .with_help("keep expectation schemas under `consumers/`"),
                    );
                    return None;
                };
                if !root.join(&p).is_file() {
                    errors.push(
                        LoadError::new(
                            loc(&doc, &rel, &format!("{pointer}/expects"), false),
                            LoadErrorKind::MissingFile,
                            format!("expectation schema `{}` not found", p.display()),
                        )
                        .with_help("fix the path (relative to `consumers/`) or add the file"),
                    );
                    return None;
                }
                errors.extend(schemas.load(&p));
                Some(p)
            });
            let examples = spec.examples.as_ref().map_or_else(Vec::new, |pattern| {
                consumer_examples(
                    root,
                    &doc,
                    &rel,
                    &format!("{pointer}/examples"),
                    pattern,
                    errors,
                )
            });
            uses.push(LoadedUse {
                index,
                spec: spec.clone(),
                range,
                expects,
                examples,
            });
        }
        consumers.push(LoadedConsumer {
            path: rel,
            doc,
            model,
            uses,
            missing,
        });
    }
    consumers
}

fn consumer_examples(
    root: &RepoRoot,
    doc: &Document,
    rel: &Path,
    pointer: &str,
    pattern: &str,
    errors: &mut Vec<LoadError>,
) -> Vec<PathBuf> {
    let full_pattern = format!("consumers/{pattern}");
    if normalize(Path::new(&full_pattern)).is_none() {
        errors.push(
            LoadError::new(
                loc(doc, rel, pointer, false),
                LoadErrorKind::RefEscapesRoot,
                format!("glob `{pattern}` leaves the repository root"),
            )
            .with_help("keep consumer examples under `consumers/`"),
        );
        return Vec::new();
    }
    let files = match glob_files(root, Path::new(&full_pattern)) {
        Ok(files) => files,
        Err(e) => {
            errors.push(
                LoadError::new(
                    loc(doc, rel, pointer, false),
                    LoadErrorKind::InvalidValue,
                    format!("`{pattern}` is not a valid glob: {e}"),
                )
                .with_help("write a glob such as `warehouse/examples/*.json`"),
            );
            return Vec::new();
        }
    };
    if files.is_empty() {
        errors.push(
            LoadError::new(
                loc(doc, rel, pointer, false),
                LoadErrorKind::MissingFile,
                format!("glob `{pattern}` matches no file"),
            )
            .with_help("fix the glob (relative to `consumers/`) or add example payloads"),
        );
        return Vec::new();
    }
    let checked = check_payloads(
        root,
        &files.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    );
    let mut out = Vec::new();
    for (f, problem) in files.into_iter().zip(checked) {
        match problem {
            None => out.push(f),
            Some(e) => errors.push(e),
        }
    }
    out
}

/// The folder a glob's matches all lie under: its leading path components free of glob syntax
/// (`consumers/a/examples/*.json` → `consumers/a/examples`).
pub(crate) fn glob_prefix(pattern: &str) -> PathBuf {
    let mut prefix = PathBuf::new();
    let mut components: Vec<&str> = pattern.split('/').collect();
    // The last component names files, never a folder to walk.
    components.pop();
    for part in components {
        if part.is_empty()
            || part == "."
            || part == ".."
            || part.contains(['*', '?', '[', ']', '{', '}', '\\'])
        {
            break;
        }
        prefix.push(part);
    }
    prefix
}

/// Whether every component of `rel` below `root` is a real folder (no symbolic link), so a
/// walk that starts there stays inside the repository, as a walk from the top would.
fn real_folder(root: &Path, rel: &Path) -> bool {
    let mut at = root.to_path_buf();
    rel.components().all(|c| {
        at.push(c);
        std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_dir())
    })
}

fn walk_files(root: &Path, dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 16 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let rel = dir.join(e.file_name());
        let Ok(ft) = e.file_type() else { continue };
        // Linked folders are not followed (no loops, nothing outside); any other entry is
        // listed, and the reader refuses links leading out, pipes and devices by name.
        if ft.is_dir() {
            walk_files(root, &rel, depth + 1, out);
        } else {
            out.push(rel);
        }
    }
}

/// Reads a value at a JSON pointer (`""` is the whole value).
pub fn at_pointer<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    value.pointer(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glob_walks_only_its_fixed_prefix() {
        assert_eq!(
            glob_prefix("consumers/sys-1/examples/*.json"),
            Path::new("consumers/sys-1/examples")
        );
        assert_eq!(
            glob_prefix("consumers/sys-*/examples/a.json"),
            Path::new("consumers")
        );
        assert_eq!(
            glob_prefix("consumers/{a,b}/x.json"),
            Path::new("consumers")
        );
        assert_eq!(glob_prefix("consumers/**/x.json"), Path::new("consumers"));
        assert_eq!(
            glob_prefix("consumers/a/../b/*.json"),
            Path::new("consumers/a")
        );
        assert_eq!(glob_prefix("consumers/x.json"), Path::new("consumers"));
    }

    #[test]
    fn consumer_globs_match_the_same_files_from_their_prefix() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        for rel in [
            "consumers/a/examples/one.json",
            "consumers/a/examples/two.json",
            "consumers/a/examples/deep/three.json",
            "consumers/b/examples/four.json",
        ] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "{}").expect("write");
        }
        let doc = Document::parse(
            "consumers/a.yaml",
            crate::source::Syntax::Yaml,
            "uses: []\n".to_owned(),
        )
        .expect("a document");
        let found = |pattern: &str| {
            let mut errors = Vec::new();
            let files: Vec<String> = consumer_examples(
                &crate::source::RepoRoot::new(dir.path()),
                &doc,
                Path::new("consumers/a.yaml"),
                "/uses/0/examples",
                pattern,
                &mut errors,
            )
            .into_iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
            (files, errors.len())
        };
        assert_eq!(
            found("a/examples/*.json"),
            (
                vec![
                    "consumers/a/examples/one.json".to_owned(),
                    "consumers/a/examples/two.json".to_owned()
                ],
                0
            )
        );
        assert_eq!(
            found("*/examples/four.json").0,
            ["consumers/b/examples/four.json"]
        );
        assert_eq!(
            found("a/**/three.json").0,
            ["consumers/a/examples/deep/three.json"]
        );
        assert_eq!(found("c/examples/*.json"), (Vec::new(), 1));
    }
}
