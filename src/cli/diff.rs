//! `seam diff OLD NEW`: compare two schema files.

use std::path::PathBuf;

use clap::Args;

/// Arguments of `seam diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The old schema file (JSON or YAML).
    old: PathBuf,
    /// The new schema file (JSON or YAML).
    new: PathBuf,
}

pub(crate) fn run(args: &DiffArgs) -> i32 {
    let _ = args;
    seam::error::EXIT_USAGE
}
