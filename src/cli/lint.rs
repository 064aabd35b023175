//! `seam lint [DIR]`: load everything, report every problem, and run the governance rules.

use std::path::PathBuf;

use clap::Args;

use seam::contract::prepared::Schemas;
use seam::report::Report;

use crate::cli::output::{OutputArgs, TodayArg, emit, emit_errors};
use crate::cli::verify::plural;

/// Arguments of `seam lint`.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    today: TodayArg,
    #[command(flatten)]
    output: OutputArgs,
}

pub(crate) fn run(args: &LintArgs) -> i32 {
    let dir = crate::cli::output::repo_dir(&args.dir);
    if let Err(code) = crate::cli::output::refuse_overwriting_input(
        args.output.output.as_deref(),
        &args.output.reports,
        Some(&dir),
        &[],
    ) {
        return code;
    }
    let repo = match seam::policy::load(&dir) {
        Ok(r) => r,
        Err(errors) => return emit_errors(&args.output, &args.dir, "lint", &errors),
    };
    // Compiling every schema catches what meta-validation cannot (bad regexes, unresolvable refs).
    if let Err(errors) = seam::verify::check_schemas_compile(&repo) {
        return emit_errors(&args.output, &args.dir, "lint", &errors);
    }
    let mut schemas = Schemas::new(&repo);
    let today = args.today.date();
    let findings =
        seam::governance::lint(&repo, &repo.config.lint, &mut schemas, &today.to_string());
    let versions: usize = repo.contracts.values().map(|c| c.versions.len()).sum();
    let blocking = findings.iter().filter(|f| f.blocks()).count();
    let summary = format!(
        "{} system{}, {} contract{} with {} version{}, {} consumer{}: {} finding{}, {} blocking",
        repo.systems.len(),
        plural(repo.systems.len()),
        repo.contracts.len(),
        plural(repo.contracts.len()),
        versions,
        plural(versions),
        repo.consumers.len(),
        plural(repo.consumers.len()),
        findings.len(),
        plural(findings.len()),
        blocking,
    );
    let mut report = Report::new("lint", findings, summary);
    report.checked = repo.contracts.keys().cloned().collect();
    let code = emit(&args.output, &report);
    // The process ends next: the OS takes the memory back at once (see `check`).
    std::mem::forget(schemas);
    std::mem::forget(report);
    std::mem::forget(repo);
    code
}
