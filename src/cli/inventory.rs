//! `seam inventory [DIR]`: one row per integration, for reviewers and auditors.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use seam::error::{EXIT_OK, EXIT_USAGE};

use crate::cli::output::write_output;
use crate::cli::output::{Format, OutputArgs, emit_errors};

/// Output formats of `seam inventory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InventoryFormat {
    /// A Markdown table.
    Markdown,
    /// CSV with a header row (RFC 4180 quoting; multi-valued cells joined with `; `).
    Csv,
    /// JSON.
    Json,
}

/// Arguments of `seam inventory`.
#[derive(Debug, Args)]
pub(crate) struct InventoryArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Markdown)]
    format: InventoryFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Quiet: this command prints only what it generates (nothing else to leave out).
    #[arg(short, long)]
    quiet: bool,
}

/// Loads the repository, or reports its input errors (as text on standard error).
pub(crate) fn load_or_report(
    dir: &std::path::Path,
    command: &str,
) -> Result<seam::contract::repo::Repository, i32> {
    seam::policy::load(dir).map_err(|errors| {
        let args = OutputArgs {
            format: Format::Text,
            output: None,
            reports: Vec::new(),
            quiet: false,
        };
        emit_errors(&args, dir, command, &errors)
    })
}

/// For the commands that only render the repository (inventory, graph, codeowners): finds the
/// repository from `dir` upward, refuses an `--output` that would replace one of its input files,
/// and loads it, reporting input errors.
pub(crate) fn load_for_rendering(
    dir: &std::path::Path,
    output: Option<&std::path::Path>,
    command: &str,
) -> Result<(std::path::PathBuf, seam::contract::repo::Repository), i32> {
    let dir = crate::cli::output::repo_dir(dir);
    crate::cli::output::refuse_overwriting_input::<Format>(output, &[], Some(&dir), &[])?;
    let repo = load_or_report(&dir, command)?;
    Ok((dir, repo))
}

/// Writes rendered output, mapping failures to exit 2.
pub(crate) fn finish(output: Option<&std::path::Path>, buf: &[u8]) -> i32 {
    match write_output(output, buf) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = std::io::Write::write_fmt(
                &mut anstream::stderr(),
                format_args!("error: cannot write the output: {e}\n"),
            );
            EXIT_USAGE
        }
    }
}

pub(crate) fn run(args: &InventoryArgs) -> i32 {
    let (_, repo) = match load_for_rendering(&args.dir, args.output.as_deref(), "inventory") {
        Ok(x) => x,
        Err(code) => return code,
    };
    let inv = seam::inventory::build(&repo);
    let mut buf = Vec::new();
    let written = match args.format {
        InventoryFormat::Markdown => seam::report::inventory::markdown(&mut buf, &inv),
        InventoryFormat::Csv => seam::report::inventory::csv(&mut buf, &inv),
        InventoryFormat::Json => seam::report::inventory::json(&mut buf, &inv),
    };
    if written.is_err() {
        return EXIT_USAGE;
    }
    finish(args.output.as_deref(), &buf)
}
