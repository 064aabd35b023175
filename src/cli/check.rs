//! `seam check [DIR] [--against REF]`: the merge gate.

use std::path::PathBuf;

use clap::Args;

use seam::gate::{self, GateOptions};
use seam::report::Report;

use crate::cli::output::{
    OutputArgs, TodayArg, emit, emit_errors, generated_at, revisions, wants_html,
};

/// Arguments of `seam check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Also compare with this revision (branch, tag, SHA or `origin/main`), read from git.
    #[arg(long, value_name = "REF")]
    against: Option<String>,
    /// Check only slice I of N of the contracts (a CI job matrix); every contract is in exactly
    /// one shard. Join the shards' `--format json` reports with `seam report merge`.
    #[arg(long, value_name = "I/N", value_parser = gate::Shard::parse)]
    shard: Option<gate::Shard>,
    /// Keep compatibility proofs between runs in DIR (relative to the repository; restore it in
    /// CI to skip unchanged pairs). Deleting it is always safe.
    #[arg(long, value_name = "DIR", default_value = ".seam/cache")]
    cache_dir: PathBuf,
    /// Neither read nor write the proof cache.
    #[arg(long)]
    no_cache: bool,
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

impl gate::Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn step(&self, what: &str) {
        self.0.set_message(what.to_owned());
        self.0.inc(1);
    }
}

pub(crate) fn run(args: &CheckArgs) -> i32 {
    if let Err(code) = crate::cli::output::refuse_overwriting_input(
        args.output.output.as_deref(),
        &args.output.reports,
        Some(&crate::cli::output::repo_dir(&args.dir)),
        &[],
    ) {
        return code;
    }
    let options = GateOptions {
        against: args.against.clone(),
        today: Some(args.today.date()),
        shard: args.shard,
        cache_dir: (!args.no_cache).then(|| args.cache_dir.clone()),
        every_contract: false,
    };
    let progress = Bar::new();
    let outcome = gate::run(
        &crate::cli::output::repo_dir(&args.dir),
        &options,
        &progress,
    );
    progress.finish();
    let run = match outcome {
        Ok(run) => run,
        Err(errors) => return emit_errors(&args.output, &args.dir, "check", &errors),
    };
    let summary = run.summary();
    let mut report = Report::new("check", run.findings, summary);
    report.checked = run
        .scope
        .as_ref()
        .unwrap_or(&run.repo.contracts.keys().cloned().collect())
        .iter()
        .filter(|id| args.shard.is_none_or(|s| s.owns(id)))
        .cloned()
        .collect();
    report.stats = serde_json::to_value(&run.stats).ok();
    report.revisions = revisions(&args.dir, run.base.as_ref());
    // Only the HTML page shows the context; other formats stay byte-identical run to run.
    if wants_html(&args.output) {
        let base = run
            .base
            .as_ref()
            .map(|b| (b.name.as_str(), b.merge_base.as_str()));
        let mut context = seam::report::context::build_context(&run.repo, base, &generated_at());
        seam::report::context::add_version_diffs(&mut context, &run.repo, &report.findings);
        report.context = Some(context);
    }
    let code = emit(&args.output, &report);
    // The process ends next: the OS takes the memory back at once, while dropping the loaded
    // repository (every document and value) piece by piece cost a quarter of a large run.
    std::mem::forget(report);
    std::mem::forget(run.repo);
    code
}
