//! The whole `seam check` pipeline as one library function: load, verify, lint, version pairs,
//! consumer pairs, the comparison with a base revision, and waivers. The CLI only renders what
//! [`run`] returns; tests drive the gate through [`run`] directly.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use std::collections::BTreeSet;

use super::index::Index;
use super::scope::Scope;
use super::{Base, CheckStats, Progress, Shard};
use crate::contract::prepared::Schemas;
use crate::contract::repo::{Part, Repository, load_part_with};
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::finding::{Finding, Severity};
use crate::git::{GitError, GitRepo, Revision};
use crate::rules::RuleId;

/// What the gate is asked.
#[derive(Debug, Clone, Default)]
pub struct GateOptions {
    /// Also compare with this revision (branch, tag, SHA or `origin/main`), read from git.
    pub against: Option<String>,
    /// The date sunsets and waiver expiry are judged at.
    pub today: Option<Date>,
    /// Only this slice of the contracts (`--shard I/N`); see [`Shard`].
    pub shard: Option<Shard>,
    /// Keep proofs between runs in this folder, relative to the repository (`.seam/cache`);
    /// see [`crate::contract::cache`]. `None`: no cache.
    pub cache_dir: Option<std::path::PathBuf>,
    /// With `against`: check every contract, not only those the change can affect (the answer
    /// for the contracts it can affect is the same; see `docs/against.md`).
    pub every_contract: bool,
}

/// The base revision a run compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseRevision {
    /// The name the user gave (`origin/main`, a tag, a SHA).
    pub name: String,
    /// The abbreviated commit the name points at (the tip of the branch).
    pub short: String,
    /// The full commit ID the name resolved to.
    pub commit: String,
    /// The abbreviated commit compared with: the merge base of that commit and `HEAD`.
    pub merge_base: String,
    /// The full commit ID of the merge base.
    pub merge_base_commit: String,
    /// Whether the repository at that revision loaded (history checks ran).
    pub loaded: bool,
}

/// What one gate run found.
pub struct GateRun {
    /// The repository as it is now.
    pub repo: Repository,
    /// Every finding, waivers applied.
    pub findings: Vec<Finding>,
    /// Pairs compared and contracts seen.
    pub stats: CheckStats,
    /// Producer and consumer examples verified.
    pub examples_verified: usize,
    /// The base revision, when `--against` was given.
    pub base: Option<BaseRevision>,
    /// The contracts checked, when a base revision narrowed the run to what the change can
    /// affect, a contract removed since the base included (`None`: every contract of
    /// [`GateRun::repo`]).
    pub scope: Option<BTreeSet<String>>,
}

impl GateRun {
    /// Blocking findings (errors not covered by a waiver).
    pub fn blocking(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.waived.is_none())
            .count()
    }

    /// Errors a waiver covers: reported, not blocking.
    pub fn waived(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.waived.is_some())
            .count()
    }

    /// The one-line summary every format prints.
    pub fn summary(&self) -> String {
        let s = &self.stats;
        let against = match &self.base {
            None => String::new(),
            Some(b) if b.loaded => format!(
                "; against `{}` (merge base {}): {}{} changed contract{} and their consumers compared{}{}",
                b.name,
                b.merge_base,
                s.whole_because
                    .as_ref()
                    .map_or_else(String::new, |why| format!(
                        "every contract checked ({why}), "
                    )),
                s.contracts_against_base,
                plural(s.contracts_against_base),
                match s.unchanged_skipped {
                    0 => String::new(),
                    n => format!(
                        ", {n} unchanged contract{} skipped (none of {} files, the schemas {} or {} consumers changed since the merge base)",
                        plural(n),
                        if n == 1 { "its" } else { "their" },
                        if n == 1 { "it reaches" } else { "they reach" },
                        if n == 1 { "its" } else { "their" },
                    ),
                },
                match s.unchanged_not_shown {
                    0 => String::new(),
                    1 => " (1 note or warning about unchanged contracts not shown)".to_owned(),
                    n => format!(" ({n} notes or warnings about unchanged contracts not shown)"),
                }
            ),
            Some(b) => format!(
                "; against `{}` (merge base {}): base does not load",
                b.name, b.merge_base
            ),
        };
        let errors = self.blocking();
        let shard = s
            .shard
            .as_ref()
            .map_or_else(String::new, |sh| format!(" (shard {sh})"));
        let waived = match self.waived() {
            0 => String::new(),
            n => format!(" ({n} waived)"),
        };
        format!(
            "{} contract{}{shard}, {} version pair{}, {} consumer pair{} checked, {} example{} verified{against}: {} blocking finding{}{waived}",
            s.contracts,
            plural(s.contracts),
            s.version_pairs,
            plural(s.version_pairs),
            s.consumer_pairs,
            plural(s.consumer_pairs),
            self.examples_verified,
            plural(self.examples_verified),
            errors,
            plural(errors),
        )
    }
}

/// `"s"` unless `n` is one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn git_error(dir: &Path, e: &GitError) -> LoadError {
    LoadError::new(Location::file(dir), LoadErrorKind::Io, e.to_string()).with_help(e.help())
}

/// A contract repository as it was at a revision: resolved, exported from the object
/// database into a temporary folder (kept alive by the returned guard), and loaded.
pub type AtRevision = (
    Revision,
    tempfile::TempDir,
    Result<Repository, Vec<LoadError>>,
);

/// Which commit of a named revision to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The commit the name points at (a release tag).
    Tip,
    /// The merge base of the named revision and `HEAD`, as a pull request compares.
    MergeBase,
}

/// Loads the repository at `dir` as it was at revision `name` (its tip or its merge base with
/// `HEAD`). The returned revision is the commit read; its `name` is `name`.
pub fn load_at_revision(dir: &Path, name: &str, pick: Pick) -> Result<AtRevision, LoadError> {
    let git = GitRepo::open(dir).map_err(|e| git_error(dir, &e))?;
    let tip = git.resolve(name).map_err(|e| git_error(dir, &e))?;
    let rev = match pick {
        Pick::Tip => tip,
        Pick::MergeBase => git
            .merge_base_with_head(&tip)
            .map_err(|e| git_error(dir, &e))?,
    };
    let tmp = tempfile::TempDir::new().map_err(|e| {
        LoadError::new(
            Location::file(dir),
            LoadErrorKind::Io,
            format!("cannot create a temporary folder: {e}"),
        )
    })?;
    git.export(&rev, tmp.path())
        .map_err(|e| git_error(dir, &e))?;
    let loaded = crate::policy::load(tmp.path());
    Ok((rev, tmp, loaded))
}

/// Runs the merge gate on the repository at `dir`.
///
/// `Err` holds input errors (exit 2): the repository or its examples do not load, or the base
/// revision cannot be resolved. Findings, blocking or not, are in the `Ok` value.
///
/// With a base revision, only what the change can affect is checked (see `docs/against.md`):
/// the contracts whose inputs differ from the merge base, the consumers of those, and the
/// base's copy of exactly those, read from git. A change to a file every contract depends on
/// checks everything, as does a part that does not load on its own.
pub fn run(
    dir: &Path,
    options: &GateOptions,
    progress: &dyn Progress,
) -> Result<GateRun, Vec<LoadError>> {
    let cache = match &options.cache_dir {
        None => None,
        Some(rel) => Some(
            crate::contract::cache::VerdictCache::open(dir, rel).map_err(|message| {
                let help = if message.contains("git tracks") {
                    format!(
                        "take it out of git (`git rm -r --cached {}`, and `.seam/` in `.gitignore`), or run with `--no-cache`",
                        rel.display()
                    )
                } else {
                    "pass a folder inside the repository, e.g. `--cache-dir .seam/cache`, or `--no-cache`".to_owned()
                };
                vec![
                    LoadError::new(Location::file(dir), LoadErrorKind::InvalidValue, message)
                        .with_help(help),
                ]
            })?,
        ),
    };
    let today = options.today.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
    });
    let Some(name) = &options.against else {
        let repo = crate::policy::load(dir)?;
        let verified = crate::verify::verify(&repo)?;
        let checked = check(
            &repo, false, None, &verified, options, cache, today, progress,
        )?;
        return Ok(checked.finish(repo, None));
    };
    // The base revision, resolved before any long work so a bad ref fails fast.
    let git = GitRepo::open(dir).map_err(|e| vec![git_error(dir, &e)])?;
    let rev = git
        .resolve(name)
        .and_then(|tip| git.merge_base_with_head(&tip))
        .map_err(|e| vec![git_error(dir, &e)])?;
    let (whole_because, changed) = if options.every_contract {
        ("every contract was asked for".to_owned(), None)
    } else {
        match part_run(dir, &git, &rev, options, cache.clone(), today, progress)? {
            Ok(run) => return Ok(run),
            Err(fallback) => (fallback.why, fallback.changed),
        }
    };
    let repo = crate::policy::load(dir)?;
    let verified = crate::verify::verify(&repo)?;
    // Every contract is checked now; at the base, the part whose inputs changed is enough
    // when it loads on its own, else the whole base is loaded.
    let base_part = match &changed {
        Some(changed) => part_of_base(dir, &git, &rev, &repo, changed)?
            .map(|(base, guard)| (Ok(base), Some(&changed.scope.contracts), guard)),
        None => None,
    };
    let (loaded, only, guard) = if let Some(part) = base_part {
        part
    } else {
        let tmp = temp_dir(dir)?;
        git.export(&rev, tmp.path())
            .map_err(|e| vec![git_error(dir, &e)])?;
        (crate::policy::load(tmp.path()), None, tmp)
    };
    let loaded_ok = loaded.is_ok();
    let mut checked = check(
        &repo,
        false,
        Some(BaseInput {
            rev: &rev,
            loaded,
            only,
        }),
        &verified,
        options,
        cache,
        today,
        progress,
    )?;
    drop(guard);
    checked.stats.whole_because = Some(whole_because);
    Ok(checked.finish(repo, Some(rev_of(&rev, loaded_ok))))
}

/// Why a run checks every contract, and the part of the repository whose own inputs changed
/// when that is known (the base's copy of it is all the history checks need).
struct Fallback {
    why: String,
    changed: Option<ChangedPart>,
}

impl Fallback {
    fn because(why: String) -> Self {
        Self { why, changed: None }
    }
}

/// The contracts whose own inputs changed since the base and their consumers (see
/// [`Index::changed_part`]), with the index that found them and the base's contract folders.
struct ChangedPart {
    index: Index,
    scope: Scope,
    base_folders: BTreeSet<String>,
}

/// The run narrowed to what the change since `rev` can affect, planned from an index of the
/// working tree (see [`super::index`]) so that nothing else is loaded; `Err` with the reason
/// when everything must be checked instead.
fn part_run(
    dir: &Path,
    git: &GitRepo,
    rev: &Revision,
    options: &GateOptions,
    cache: Option<crate::contract::cache::VerdictCache>,
    today: Date,
    progress: &dyn Progress,
) -> Result<Result<GateRun, Fallback>, Vec<LoadError>> {
    // The index of the working tree and git's list of changed paths read different things:
    // both at once.
    let (index, changed) = std::thread::scope(|scope| {
        let index = scope.spawn(|| Index::scan(dir));
        let changed = git
            .changes_since(rev)
            .and_then(|changes| Ok((git.contract_folders(rev)?, changes)));
        (index.join(), changed)
    });
    let (folders, changes) = match changed {
        Ok(found) => found,
        Err(e) => {
            return Ok(Err(Fallback::because(format!(
                "the changed paths could not be read: {e}"
            ))));
        }
    };
    if changes.links {
        return Ok(Err(Fallback::because(
            super::scope::LINKS_TRACKED.to_owned(),
        )));
    }
    let own_file = super::scope::own_file_changed(&changes);
    let index = match index {
        Ok(Ok(index)) => index,
        Ok(Err(why)) => return Ok(Err(Fallback::because(own_file.unwrap_or(why)))),
        Err(_) => {
            return Ok(Err(Fallback::because(own_file.unwrap_or_else(|| {
                "the index of the working tree could not be built".to_owned()
            }))));
        }
    };
    let scope = index.changed_part(&changes, &folders);
    let loaded = match own_file {
        Some(why) => Err(why),
        None => load_part(dir, &index, git, rev, &scope, &folders)?,
    };
    let (now, base, guard) = match loaded {
        Ok(loaded) => loaded,
        Err(why) => {
            return Ok(Err(Fallback {
                why,
                changed: Some(ChangedPart {
                    index,
                    scope,
                    base_folders: folders,
                }),
            }));
        }
    };
    let verified = crate::verify::verify(&now)?;
    let mut checked = check(
        &now,
        true,
        Some(BaseInput {
            rev,
            loaded: Ok(base),
            only: None,
        }),
        &verified,
        options,
        cache,
        today,
        progress,
    )?;
    drop(guard);
    checked.stats.unchanged_skipped = index
        .contract_ids()
        .filter(|id| !scope.contracts.contains(*id))
        .filter(|id| options.shard.as_ref().is_none_or(|s| s.owns(id)))
        .count();
    checked.stats.changed_paths = Some(changes.len());
    let mut run = checked.finish(now, Some(rev_of(rev, true)));
    run.scope = Some(scope.contracts);
    Ok(Ok(run))
}

/// The revision as the run reports it.
fn rev_of(rev: &Revision, loaded: bool) -> BaseRevision {
    BaseRevision {
        name: rev.name.clone(),
        short: rev.tip.clone(),
        commit: rev.tip_commit.to_string(),
        merge_base: rev.short.clone(),
        merge_base_commit: rev.commit.to_string(),
        loaded,
    }
}

fn temp_dir(dir: &Path) -> Result<tempfile::TempDir, Vec<LoadError>> {
    tempfile::TempDir::new().map_err(|e| {
        vec![LoadError::new(
            Location::file(dir),
            LoadErrorKind::Io,
            format!("cannot create a temporary folder: {e}"),
        )]
    })
}

/// The part of the repository now, the base's copy of it, and the folder that copy was exported
/// to (removed when dropped).
type PartLoaded = (Repository, Repository, tempfile::TempDir);

/// The scoped repository now, and the base's copy of the same part (exported from git into
/// the returned folder). `Ok(Err(why))` when a part does not load on its own (a file outside
/// it that the part needs at the base, say): the caller checks everything instead, so a
/// partial load can never pass what the whole would block.
fn load_part(
    dir: &Path,
    index: &Index,
    git: &GitRepo,
    rev: &Revision,
    scope: &Scope,
    base_folders: &BTreeSet<String>,
) -> Result<Result<PartLoaded, String>, Vec<LoadError>> {
    let none = BTreeSet::new();
    let part = Part {
        contracts: &scope.contracts,
        consumers: &scope.consumers,
        also_known: &none,
        own_files: None,
    };
    let Ok(now) = load_part_with(dir, &crate::policy::validate, &part) else {
        return Ok(Err(
            "the changed contracts do not load without the others".to_owned()
        ));
    };
    let tmp = temp_dir(dir)?;
    let export = Export::new(index, scope);
    let keep = |path: &Path, folder: bool| export.keeps(path, folder);
    git.export_where(rev, tmp.path(), &keep)
        .map_err(|e| vec![git_error(dir, &e)])?;
    // The plan checked everything had one of the repository's own files changed: the base's
    // are the working tree's, read there rather than written out.
    let at_base = Part {
        contracts: &scope.contracts,
        consumers: &scope.consumers,
        also_known: base_folders,
        own_files: Some(dir),
    };
    match load_part_with(tmp.path(), &crate::policy::validate, &at_base) {
        Ok(base) => Ok(Ok((now, base, tmp))),
        Err(_) => Ok(Err(format!(
            "the changed contracts do not load without the others at `{}`",
            rev.name
        ))),
    }
}

/// The base's copy of the part of the repository whose own inputs changed (`changed`), for a
/// run that checks every contract now (`now`) because one of the repository's own files
/// changed or the part does not load alone. Every other contract reads the same files at both
/// revisions, so its history has nothing to show, as long as the base reads schemas as `now`
/// does (the same default draft, format assertion and allowed keywords). `None` when it does
/// not, or when the part does not load alone at the base: the whole base is loaded then.
fn part_of_base(
    dir: &Path,
    git: &GitRepo,
    rev: &Revision,
    now: &Repository,
    changed: &ChangedPart,
) -> Result<Option<(Repository, tempfile::TempDir)>, Vec<LoadError>> {
    let tmp = temp_dir(dir)?;
    let mut export = Export::new(&changed.index, &changed.scope);
    export.own_files = true;
    let keep = |path: &Path, folder: bool| export.keeps(path, folder);
    git.export_where(rev, tmp.path(), &keep)
        .map_err(|e| vec![git_error(dir, &e)])?;
    let at_base = Part {
        contracts: &changed.scope.contracts,
        consumers: &changed.scope.consumers,
        also_known: &changed.base_folders,
        own_files: None,
    };
    Ok(
        load_part_with(tmp.path(), &crate::policy::validate, &at_base)
            .ok()
            .filter(|base| {
                crate::contract::repo::SchemaSettings::of(&base.config)
                    == crate::contract::repo::SchemaSettings::of(&now.config)
            })
            .map(|base| (base, tmp)),
    )
}

/// What the partial export of the base holds: the folders of the contracts in the scope, the
/// shared folders under `contracts/` (those holding no contract now; one that held a contract
/// at the base and holds none now changed, so it is in the scope), of `consumers/` only the
/// files the consumers in the scope read now, and everything else outside both folders but the
/// repository's own files (unchanged, so read from the working tree). A file the base needs
/// beyond that makes the base fail to load, and the run checks everything instead.
struct Export<'a> {
    index: &'a Index,
    scope: &'a Scope,
    /// Files under `consumers/` the part reads.
    consumer_files: BTreeSet<PathBuf>,
    /// Folders under `consumers/` kept whole (where an examples glob of a use may match).
    consumer_folders: BTreeSet<PathBuf>,
    /// Whether the repository's own files are written (else they are the working tree's,
    /// read there).
    own_files: bool,
}

impl<'a> Export<'a> {
    fn new(index: &'a Index, scope: &'a Scope) -> Self {
        let (consumer_files, consumer_folders) = index.consumer_reads(scope);
        Self {
            index,
            scope,
            consumer_files,
            consumer_folders,
            own_files: false,
        }
    }

    fn keeps(&self, path: &Path, folder: bool) -> bool {
        let mut parts = path.components();
        match parts.next().and_then(|c| c.as_os_str().to_str()) {
            Some("contracts") => match (
                parts.next().and_then(|c| c.as_os_str().to_str()),
                parts.next(),
            ) {
                (Some(name), None) if folder => {
                    self.scope.contracts.contains(name) || !self.index.has_contract(name)
                }
                _ => true,
            },
            Some("consumers") if path.components().count() > 1 => {
                let below = |set: &BTreeSet<PathBuf>| {
                    set.range(path.to_path_buf()..)
                        .next()
                        .is_some_and(|p| p.starts_with(path))
                };
                self.consumer_folders.iter().any(|f| path.starts_with(f))
                    || if folder {
                        below(&self.consumer_files) || below(&self.consumer_folders)
                    } else {
                        self.consumer_files.contains(path)
                    }
            }
            // Read from the working tree (see `load_part`).
            Some(name) if super::scope::REPOSITORY_FILES.contains(&name) => self.own_files,
            _ => true,
        }
    }
}

/// What [`check`] found, before it is put together with the repository.
struct Checked {
    findings: Vec<Finding>,
    stats: CheckStats,
    examples_verified: usize,
}

impl Checked {
    fn finish(self, repo: Repository, base: Option<BaseRevision>) -> GateRun {
        GateRun {
            repo,
            findings: self.findings,
            stats: self.stats,
            examples_verified: self.examples_verified,
            base,
            scope: None,
        }
    }
}

/// The base revision a [`check`] compares with, as it loaded.
struct BaseInput<'a> {
    rev: &'a Revision,
    loaded: Result<Repository, Vec<LoadError>>,
    /// The contracts the loaded base holds, when it holds a part of the repository beside all
    /// of it now: every other contract's inputs are the same at both revisions (see
    /// [`whole_with_part_of_base`]). `None`: the base holds what `repo` holds.
    only: Option<&'a BTreeSet<String>>,
}

/// Lint, version pairs, consumer pairs and the base comparison of `repo` (all of the
/// repository, or the part a change affects: `part`), then waivers.
#[expect(
    clippy::too_many_arguments,
    reason = "one run's whole context, passed once"
)]
fn check(
    repo: &Repository,
    part: bool,
    base: Option<BaseInput<'_>>,
    verified: &crate::verify::VerifyOutcome,
    options: &GateOptions,
    cache: Option<crate::contract::cache::VerdictCache>,
    today: Date,
    progress: &dyn Progress,
) -> Result<Checked, Vec<LoadError>> {
    let dir = &repo.root;
    let mut stats = CheckStats::default();
    let mut findings = verified.findings.clone();
    let mut touched: Option<std::collections::BTreeSet<String>> = None;
    {
        let mut schemas = Schemas::new(repo).with_cache(cache);
        progress.start(super::step_count(repo));
        findings.extend(crate::governance::lint(
            repo,
            &repo.config.lint,
            &mut schemas,
            &today.to_string(),
        ));
        findings.extend(super::check_pairs_in(
            repo,
            &mut schemas,
            &mut stats,
            progress,
            options.shard.as_ref(),
        ));
        super::blame_consumers(&mut findings);

        if let Some(BaseInput { rev, loaded, only }) = base {
            match loaded {
                Ok(base_repo) => {
                    let base_findings = crate::verify::verify(&base_repo)
                        .map(|o| o.findings)
                        .unwrap_or_default();
                    touched = Some(super::touched_contracts(repo, &base_repo, only));
                    let base = Base {
                        name: rev.name.clone(),
                        short: rev.short.clone(),
                        repo: base_repo,
                    };
                    // A use of a contract the base had is reported as its removal.
                    findings.retain(|f| {
                        f.rule_id != crate::rules::RuleId::ConsumerContractMissing
                            || f.contract
                                .as_ref()
                                .is_none_or(|c| !base.repo.contracts.contains_key(c))
                    });
                    let history = super::compare_with_base(
                        repo,
                        &base,
                        &mut schemas,
                        &verified.findings,
                        &base_findings,
                        &mut stats,
                        only,
                    );
                    // A range left with no version is reported as the removal that caused it.
                    findings.retain(|f| {
                        f.rule_id != RuleId::ConsumerRangeUnmatched
                            || !history.iter().any(|h| {
                                h.rule_id == RuleId::VersionRemovedInUse
                                    && h.contract == f.contract
                                    && h.consumers == f.consumers
                            })
                    });
                    findings.extend(history);
                }
                // Fail closed: without the base, the history checks cannot run, so the gate
                // cannot pass. An input error (exit 2) unless `lint.rules` names
                // `base-unloadable`, which makes it a blocking finding (exit 1) instead.
                Err(errors) => {
                    let named = repo.config.lint.rules.keys().any(|k| {
                        crate::rules::resolve(k).is_some_and(|(id, _)| id == RuleId::BaseUnloadable)
                    });
                    if named {
                        findings.push(base_unloadable(dir, rev, &errors));
                    } else {
                        return Err(base_unloadable_errors(dir, rev, &errors));
                    }
                }
            }
        }
    }
    if let Some((doc, waivers)) = &repo.waivers {
        crate::policy::waivers::apply(&mut findings, waivers, Some(doc), today);
    }
    if part {
        // A waiver can only be judged unused against every finding; a part run computes
        // those of the contracts in the part alone.
        let before = findings.len();
        findings.retain(|f| {
            f.rule_id != RuleId::WaiverUnused
                || f.contract
                    .as_ref()
                    .is_some_and(|c| repo.contracts.contains_key(c))
        });
        stats.unchanged_not_shown += before - findings.len();
    }
    // A pull request shows what it changes: notes and warnings about contracts it did not
    // touch were on the base already. Errors always show (they decide the exit code).
    if let Some(touched) = &touched {
        let before = findings.len();
        findings.retain(|f| {
            f.severity == Severity::Error
                || matches!(f.rule_id, RuleId::WaiverUnused | RuleId::WaiverExpired)
                || f.contract.as_ref().is_none_or(|c| touched.contains(c))
        });
        stats.unchanged_not_shown += before - findings.len();
    }
    if let Some(shard) = &options.shard {
        findings.retain(|f| shard.keeps(f));
        stats.shard = Some(shard.to_string());
    }
    Ok(Checked {
        findings,
        stats,
        examples_verified: verified.stats.producer_examples + verified.stats.consumer_examples,
    })
}

/// Most errors of the base revision listed.
const BASE_ERRORS_SHOWN: usize = 20;

/// The base revision's errors as input errors: one saying what it means for the gate, then
/// each error of the base with its path written `REV:path` (it is not a file of the working
/// tree).
fn base_unloadable_errors(dir: &Path, rev: &Revision, errors: &[LoadError]) -> Vec<LoadError> {
    let mut out = vec![
        LoadError::new(
            Location::file(dir),
            LoadErrorKind::Io,
            format!(
                "the repository at `{}` ({}) does not load ({} error{}), so what changed since it cannot be checked",
                rev.name,
                rev.short,
                errors.len(),
                plural(errors.len())
            ),
        )
        .with_help(format!(
            "fix the errors at `{}` listed here (on that branch), or compare with another revision; to report this as a blocking finding instead, set `lint.rules: {{{}: error}}` in seam.yaml",
            rev.name,
            RuleId::BaseUnloadable.as_str()
        )),
    ];
    for e in errors.iter().take(BASE_ERRORS_SHOWN) {
        let mut e = e.clone();
        let path = e.location.path.to_string_lossy().replace('\\', "/");
        e.location.path = format!("{}:{path}", rev.name).into();
        out.push(e);
    }
    out
}

/// The base revision's errors as one blocking finding (`lint.rules` names
/// `base-unloadable`). Always an error: a gate that cannot compare must not pass.
fn base_unloadable(dir: &Path, rev: &Revision, errors: &[LoadError]) -> Finding {
    let mut f = Finding::new(
        RuleId::BaseUnloadable,
        Severity::Error,
        Location::file(dir),
        format!(
            "the repository at `{}` does not load ({} error{}); history checks were skipped",
            rev.name,
            errors.len(),
            plural(errors.len())
        ),
    );
    f.notes = errors.iter().take(5).map(ToString::to_string).collect();
    f.help = Some(format!(
        "fix the base branch, or waive `{}` for this change after reviewing the history by hand",
        RuleId::BaseUnloadable.as_str()
    ));
    f.refresh_fingerprint();
    f
}
