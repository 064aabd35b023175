//! `seam lint [DIR]`: load everything and report every problem.

use std::path::PathBuf;

use clap::Args;

use seam::report::Report;

use crate::cli::output::{OutputArgs, emit, emit_errors};
use crate::cli::verify::plural;

/// Arguments of `seam lint`.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
}

pub(crate) fn run(args: &LintArgs) -> i32 {
    let repo = match seam::contract::repo::load(&args.dir) {
        Ok(r) => r,
        Err(errors) => return emit_errors(&args.output, "lint", &errors),
    };
    // Compiling every schema catches what meta-validation cannot (bad regexes, unresolvable refs).
    if let Err(errors) = seam::verify::Validators::compile(&repo) {
        return emit_errors(&args.output, "lint", &errors);
    }
    let versions: usize = repo.contracts.values().map(|c| c.versions.len()).sum();
    let summary = format!(
        "{} system{}, {} contract{} with {} version{}, {} consumer{}: no problems",
        repo.systems.len(),
        plural(repo.systems.len()),
        repo.contracts.len(),
        plural(repo.contracts.len()),
        versions,
        plural(versions),
        repo.consumers.len(),
        plural(repo.consumers.len()),
    );
    emit(&args.output, &Report::new("lint", Vec::new(), summary))
}
