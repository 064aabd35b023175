//! Command-line interface: clap definitions, one file per subcommand.

mod check;
mod codeowners;
mod diff;
mod graph;
mod init;
mod inventory;
mod lint;
mod output;
mod release;
mod report;
mod verify;

use clap::{Parser, Subcommand, ValueEnum};

use seam::error::EXIT_USAGE;

/// Contract testing and schema governance for system integrations.
#[derive(Debug, Parser)]
#[command(name = "seam", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to use colour: auto honours NO_COLOR, CLICOLOR_FORCE and whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// Threads comparing schemas (default: one per core, or `RAYON_NUM_THREADS`). Output is the
    /// same for any number.
    #[arg(long, short = 'j', value_name = "N", global = true)]
    jobs: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scaffold a contract repository with one example contract.
    Init(init::InitArgs),
    /// Load everything and report every problem in the repository's files.
    Lint(lint::LintArgs),
    /// Verify examples against producer schemas and consumer expectations, both ways.
    Verify(verify::VerifyArgs),
    /// The merge gate: lint, verify, version compatibility, consumer impact, history.
    Check(check::CheckArgs),
    /// Compare two schema files: structural changes, verdict and counterexample.
    Diff(diff::DiffArgs),
    /// Release gate: may a release go out now (or at --at)? Freeze windows and break-glass waivers.
    Release(release::ReleaseArgs),
    /// Integration inventory: flows, pattern, frequency, owners, SLAs, versions in use.
    Inventory(inventory::InventoryArgs),
    /// Systems and contracts as a graph (producer → contract → consumer), Mermaid or DOT.
    Graph(graph::GraphArgs),
    /// Write a CODEOWNERS file giving each team its contract and consumer files.
    Codeowners(codeowners::CodeownersArgs),
    /// Work with JSON reports: `merge` joins the shards of `seam check --shard I/N`.
    Report(report::ReportArgs),
}

/// Parses the arguments, runs the command and returns the exit code.
pub(crate) fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
    }
    // Fails only when a pool already exists, which nothing starts before this point.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cli.jobs.map_or(0, std::num::NonZero::get))
        .stack_size(seam::source::WORKER_STACK_BYTES)
        .build_global();
    match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Release(args) => release::run(&args),
        Command::Inventory(args) => inventory::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Codeowners(args) => codeowners::run(&args),
        Command::Report(args) => report::run(&args),
    }
}
