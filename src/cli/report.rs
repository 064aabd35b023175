//! `seam report merge FILE...`: the JSON reports of a `seam check --shard I/N` job matrix
//! joined into one report and one exit code.

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use seam::error::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

use crate::cli::output::write_output;

/// Arguments of `seam report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    #[command(subcommand)]
    command: ReportCommand,
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// Join the JSON reports of every shard of `seam check --shard I/N` into one decision:
    /// exit 1 when a shard has a blocking finding, 2 when a shard is missing or had input errors.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
struct MergeArgs {
    /// The JSON report of every shard (`seam check --shard I/N --format json --output FILE`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the merged JSON report to FILE (and the summary to standard output) instead of
    /// the report to standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The largest report read (a report of a landscape of 10,000 contracts is a few MB).
const MAX_REPORT_BYTES: u64 = 1 << 30;

fn fail(path: &std::path::Path, message: &str, help: &str) -> i32 {
    let _ = writeln!(
        anstream::stderr(),
        "error: {}: {message}\n  help: {help}",
        path.display()
    );
    EXIT_USAGE
}

pub(crate) fn run(args: &ReportArgs) -> i32 {
    let ReportCommand::Merge(args) = &args.command;
    let mut reports = Vec::new();
    for path in &args.files {
        let too_big = std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_REPORT_BYTES);
        if too_big {
            return fail(
                path,
                "the file is larger than 1 GiB",
                "pass a JSON report of `seam check`",
            );
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                return fail(
                    path,
                    &format!("cannot read the report: {e}"),
                    "pass the path of a shard's JSON report",
                );
            }
        };
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => reports.push((path.clone(), v)),
            Err(e) => {
                return fail(
                    path,
                    &format!("not JSON at {}:{}: {e}", e.line(), e.column()),
                    "write each shard's report with `--format json`",
                );
            }
        }
    }
    let merged = match seam::report::merge::merge(&reports) {
        Ok(m) => m,
        Err(e) => return fail(&e.path, &e.message, &e.help),
    };
    let code = match merged["outcome"].as_str() {
        Some("pass") => EXIT_OK,
        Some("fail") => EXIT_FAILURE,
        _ => EXIT_USAGE,
    };
    let mut text = serde_json::to_string_pretty(&merged).unwrap_or_default();
    text.push('\n');
    if let Err(e) = write_output(args.output.as_deref(), text.as_bytes()) {
        let _ = writeln!(anstream::stderr(), "error: cannot write the output: {e}");
        return EXIT_USAGE;
    }
    if args.output.is_some() {
        let _ = writeln!(
            anstream::stdout(),
            "{}",
            merged["summary"].as_str().unwrap_or_default()
        );
    }
    code
}
