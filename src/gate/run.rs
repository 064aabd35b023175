//! The whole `seam check` pipeline as one library function: load, verify, lint, version pairs,
//! consumer pairs, the comparison with a base revision, and waivers. The CLI only renders what
//! [`run`] returns; tests drive the gate through [`run`] directly.

use std::path::Path;

use jiff::civil::Date;

use super::{Base, CheckStats, Progress, Shard};
use crate::contract::prepared::Schemas;
use crate::contract::repo::Repository;
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
                "; against `{}` (merge base {}): {} changed contract{} and their consumers compared{}",
                b.name,
                b.merge_base,
                s.contracts_against_base,
                plural(s.contracts_against_base),
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
pub fn run(
    dir: &Path,
    options: &GateOptions,
    progress: &dyn Progress,
) -> Result<GateRun, Vec<LoadError>> {
    let cache = match &options.cache_dir {
        None => None,
        Some(rel) => Some(
            crate::contract::cache::VerdictCache::open(dir, rel).map_err(|message| {
                vec![
                    LoadError::new(Location::file(dir), LoadErrorKind::InvalidValue, message)
                        .with_help("pass a folder inside the repository, e.g. `--cache-dir .seam/cache`, or `--no-cache`"),
                ]
            })?,
        ),
    };
    let repo = crate::policy::load(dir)?;
    let verified = crate::verify::verify(&repo)?;
    // The base revision, read before any long work so a bad ref fails fast.
    let base = match &options.against {
        None => None,
        Some(name) => Some(load_at_revision(dir, name, Pick::MergeBase).map_err(|e| vec![e])?),
    };
    let today = options.today.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
    });

    let mut stats = CheckStats::default();
    let mut findings = verified.findings.clone();
    let mut base_revision = None;
    let mut touched: Option<std::collections::BTreeSet<String>> = None;
    {
        let mut schemas = Schemas::new(&repo).with_cache(cache);
        progress.start(super::step_count(&repo));
        findings.extend(crate::governance::lint(
            &repo,
            &repo.config.lint,
            &mut schemas,
            &today.to_string(),
        ));
        findings.extend(super::check_pairs_in(
            &repo,
            &mut schemas,
            &mut stats,
            progress,
            options.shard.as_ref(),
        ));
        super::blame_consumers(&mut findings);

        if let Some((rev, _guard, loaded)) = base {
            base_revision = Some(BaseRevision {
                name: rev.name.clone(),
                short: rev.tip.clone(),
                commit: rev.tip_commit.to_string(),
                merge_base: rev.short.clone(),
                merge_base_commit: rev.commit.to_string(),
                loaded: loaded.is_ok(),
            });
            match loaded {
                Ok(base_repo) => {
                    let base_findings = crate::verify::verify(&base_repo)
                        .map(|o| o.findings)
                        .unwrap_or_default();
                    touched = Some(super::touched_contracts(&repo, &base_repo));
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
                        &repo,
                        &base,
                        &mut schemas,
                        &verified.findings,
                        &base_findings,
                        &mut stats,
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
                        findings.push(base_unloadable(dir, &rev, &errors));
                    } else {
                        return Err(base_unloadable_errors(dir, &rev, &errors));
                    }
                }
            }
        }
    }
    if let Some((doc, waivers)) = &repo.waivers {
        crate::policy::waivers::apply(&mut findings, waivers, Some(doc), today);
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
        stats.unchanged_not_shown = before - findings.len();
    }
    if let Some(shard) = &options.shard {
        findings.retain(|f| shard.keeps(f));
        stats.shard = Some(shard.to_string());
    }
    Ok(GateRun {
        findings,
        stats,
        examples_verified: verified.stats.producer_examples + verified.stats.consumer_examples,
        base: base_revision,
        repo,
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
