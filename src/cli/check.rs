//! `seam check [DIR] [--against REF]`: the merge gate.

use std::path::PathBuf;

use clap::Args;

use seam::check::{self, Base, CheckStats, Progress as _, Schemas};
use seam::error::{LoadError, LoadErrorKind, Location};
use seam::finding::{Finding, Severity};
use seam::git::GitRepo;
use seam::report::Report;

use crate::cli::output::{Format, OutputArgs, TodayArg, emit, emit_errors, generated_at};
use crate::cli::verify::plural;

/// Arguments of `seam check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Also compare with this revision (branch, tag, SHA or `origin/main`), read from git.
    #[arg(long, value_name = "REF")]
    against: Option<String>,
    #[command(flatten)]
    today: TodayArg,
    #[command(flatten)]
    output: OutputArgs,
}

/// A progress bar on stderr, drawn only when stderr is a terminal (indicatif's default target
/// hides itself otherwise), so pipes and CI logs stay clean.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Self {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} checking {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Self(bar)
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl check::Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn step(&self, what: &str) {
        self.0.set_message(what.to_owned());
        self.0.inc(1);
    }
}

fn git_error(dir: &std::path::Path, e: &seam::git::GitError) -> LoadError {
    LoadError::new(Location::file(dir), LoadErrorKind::Io, e.to_string()).with_help(e.help())
}

/// A contract repository as it was at a revision: resolved, exported from the object
/// database into a temporary folder (kept alive by the returned guard), and loaded.
pub(crate) type AtRevision = (
    seam::git::Revision,
    tempfile::TempDir,
    Result<seam::contract::repo::Repository, Vec<LoadError>>,
);

/// Loads the repository at `dir` as it was at revision `name`.
pub(crate) fn load_at_revision(dir: &std::path::Path, name: &str) -> Result<AtRevision, LoadError> {
    let git = GitRepo::open(dir).map_err(|e| git_error(dir, &e))?;
    let rev = git.resolve(name).map_err(|e| git_error(dir, &e))?;
    let tmp = tempfile::TempDir::new().map_err(|e| {
        LoadError::new(
            Location::file(dir),
            LoadErrorKind::Io,
            format!("cannot create a temporary folder: {e}"),
        )
    })?;
    git.export(&rev, tmp.path())
        .map_err(|e| git_error(dir, &e))?;
    let loaded = seam::contract::repo::load(tmp.path());
    Ok((rev, tmp, loaded))
}

pub(crate) fn run(args: &CheckArgs) -> i32 {
    let repo = match seam::contract::repo::load(&args.dir) {
        Ok(r) => r,
        Err(errors) => return emit_errors(&args.output, "check", &errors),
    };
    let verified = match seam::verify::verify(&repo) {
        Ok(o) => o,
        Err(errors) => return emit_errors(&args.output, "check", &errors),
    };
    // The base revision, read before any long work so a bad ref fails fast.
    let (base, base_dir) = match &args.against {
        None => (None, None),
        Some(name) => match load_at_revision(&args.dir, name) {
            Ok((rev, dir, loaded)) => (Some((rev, loaded)), Some(dir)),
            Err(e) => return emit_errors(&args.output, "check", &[e]),
        },
    };

    let mut stats = CheckStats::default();
    let mut schemas = Schemas::new(&repo);
    let mut findings = verified.findings.clone();
    let progress = Bar::new();
    progress.start(check::step_count(&repo));
    let today = args.today.date();
    findings.extend(seam::governance::lint(
        &repo,
        &repo.config.lint,
        &mut schemas,
        &today.to_string(),
    ));
    findings.extend(check::check_versions(
        &repo,
        &mut schemas,
        &mut stats,
        &progress,
    ));
    findings.extend(check::check_consumers(
        &repo,
        &mut schemas,
        &mut stats,
        &progress,
    ));
    progress.finish();

    let mut against = String::new();
    let base_rev = base
        .as_ref()
        .map(|(rev, _)| (rev.name.clone(), rev.short.clone()));
    if let Some((rev, loaded)) = base {
        match loaded {
            Ok(base_repo) => {
                let base_findings = seam::verify::verify(&base_repo)
                    .map(|o| o.findings)
                    .unwrap_or_default();
                let base = Base {
                    name: rev.name.clone(),
                    short: rev.short.clone(),
                    repo: base_repo,
                };
                findings.extend(check::compare_with_base(
                    &repo,
                    &base,
                    &mut schemas,
                    &verified.findings,
                    &base_findings,
                    &mut stats,
                ));
                against = format!(
                    "; against `{}` ({}): {} changed contract{} and their consumers compared",
                    rev.name,
                    rev.short,
                    stats.contracts_against_base,
                    plural(stats.contracts_against_base)
                );
            }
            Err(errors) => {
                let mut f = Finding::new(
                    check::rule::BASE_UNLOADABLE,
                    Severity::Warning,
                    Location::file(&args.dir),
                    format!(
                        "the repository at `{}` does not load ({} error{}); history checks were skipped",
                        rev.name,
                        errors.len(),
                        plural(errors.len())
                    ),
                );
                f.notes = errors.iter().take(5).map(ToString::to_string).collect();
                f.help =
                    Some("fix the base branch, or review the history by hand this once".to_owned());
                f.refresh_fingerprint();
                findings.push(f);
                against = format!(
                    "; against `{}` ({}): base does not load",
                    rev.name, rev.short
                );
            }
        }
    }
    drop(base_dir);
    if let Some((doc, waivers)) = &repo.waivers {
        seam::policy::waivers::apply(&mut findings, waivers, Some(doc), today);
    }

    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let summary = format!(
        "{} contract{}, {} version pair{}, {} consumer pair{} checked, {} example{} verified{against}: {} blocking finding{}",
        stats.contracts,
        plural(stats.contracts),
        stats.version_pairs,
        plural(stats.version_pairs),
        stats.consumer_pairs,
        plural(stats.consumer_pairs),
        verified.stats.producer_examples + verified.stats.consumer_examples,
        plural(verified.stats.producer_examples + verified.stats.consumer_examples),
        errors,
        plural(errors),
    );
    let mut report = Report::new("check", findings, summary);
    report.checked = repo.contracts.keys().cloned().collect();
    report.stats = serde_json::to_value(&stats).ok();
    // Only the HTML page shows the context; other formats stay byte-identical run to run.
    if args.output.format == Format::Html {
        let mut context = seam::report::context::build_context(
            &repo,
            base_rev.as_ref().map(|(n, s)| (n.as_str(), s.as_str())),
            &generated_at(),
        );
        seam::report::context::add_version_diffs(&mut context, &repo, &report.findings);
        report.context = Some(context);
    }
    emit(&args.output, &report)
}
