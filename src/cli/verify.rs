//! `seam verify [DIR]`: examples against producer schemas and consumer expectations.

use std::path::PathBuf;

use clap::Args;

use seam::report::Report;

use crate::cli::output::{OutputArgs, emit, emit_errors};

/// Arguments of `seam verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
}

pub(crate) fn run(args: &VerifyArgs) -> i32 {
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
        Err(errors) => return emit_errors(&args.output, &args.dir, "verify", &errors),
    };
    let outcome = match seam::verify::verify(&repo) {
        Ok(o) => o,
        Err(errors) => return emit_errors(&args.output, &args.dir, "verify", &errors),
    };
    let s = &outcome.stats;
    let failures = outcome.findings.len();
    let summary = format!(
        "{} contract{}, {} schema{}, {} producer example{}, {} consumer use{} with {} consumer example{}: {} validation{}, {} failure{}",
        s.contracts,
        plural(s.contracts),
        s.versions,
        plural(s.versions),
        s.producer_examples,
        plural(s.producer_examples),
        s.consumer_uses,
        plural(s.consumer_uses),
        s.consumer_examples,
        plural(s.consumer_examples),
        s.validations,
        plural(s.validations),
        failures,
        plural(failures),
    );
    let mut report = Report::new("verify", outcome.findings, summary);
    report.checked = repo.contracts.keys().cloned().collect();
    report.stats = serde_json::to_value(&outcome.stats).ok();
    let code = emit(&args.output, &report);
    // The process ends next: the OS takes the memory back at once (see `check`).
    std::mem::forget(report);
    std::mem::forget(repo);
    code
}

pub(crate) use seam::gate::plural;
