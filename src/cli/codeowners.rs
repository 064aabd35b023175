//! `seam codeowners [DIR]`: a CODEOWNERS file from the declared owners.

use std::path::PathBuf;

use clap::Args;

use crate::cli::inventory::{finish, load_or_report};

/// Arguments of `seam codeowners`.
#[derive(Debug, Args)]
pub(crate) struct CodeownersArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Write to FILE (e.g. `.github/CODEOWNERS`) instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &CodeownersArgs) -> i32 {
    let repo = match load_or_report(&crate::cli::output::repo_dir(&args.dir), "codeowners") {
        Ok(r) => r,
        Err(code) => return code,
    };
    let text = seam::inventory::codeowners::render(&repo);
    finish(args.output.as_deref(), text.as_bytes())
}
