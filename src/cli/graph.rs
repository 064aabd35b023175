//! `seam graph [DIR]`: producer → contract → consumer map.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use seam::error::EXIT_USAGE;

use crate::cli::inventory::{finish, load_for_rendering};

/// Output formats of `seam graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormat {
    /// A Mermaid flowchart (renders in GitHub and GitLab Markdown).
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

/// Arguments of `seam graph`.
#[derive(Debug, Args)]
pub(crate) struct GraphArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Quiet: this command prints only what it generates (nothing else to leave out).
    #[arg(short, long)]
    quiet: bool,
}

pub(crate) fn run(args: &GraphArgs) -> i32 {
    let (_, repo) = match load_for_rendering(&args.dir, args.output.as_deref(), "graph") {
        Ok(x) => x,
        Err(code) => return code,
    };
    let inv = seam::inventory::build(&repo);
    let mut buf = Vec::new();
    let written = match args.format {
        GraphFormat::Mermaid => seam::report::graph::mermaid(&mut buf, &inv),
        GraphFormat::Dot => seam::report::graph::dot(&mut buf, &inv),
    };
    if written.is_err() {
        return EXIT_USAGE;
    }
    finish(args.output.as_deref(), &buf)
}
