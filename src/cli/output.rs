//! Output options shared by the subcommands: format, destination, colour, verbosity.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use seam::error::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE, LoadError};
use seam::report::{Outcome, Report};

/// Report formats of `lint`, `verify` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable, rustc-like; coloured on a terminal.
    Text,
    /// Versioned JSON (schema in `contracts/seam.report/`).
    Json,
    /// Markdown for a pull-request comment: summary table, details folded.
    Markdown,
    /// JUnit XML: one test case per contract and check.
    Junit,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations; also appends Markdown to `GITHUB_STEP_SUMMARY` when set.
    Github,
    /// One self-contained HTML page (no external requests): decision, findings with diffs,
    /// version timelines and the integration map.
    Html,
}

/// `--format`, `--output`, `-q`.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Print only findings and errors, not the summary line.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

/// Maps an outcome to the exit code.
pub(crate) fn exit_code(outcome: Outcome) -> i32 {
    match outcome {
        Outcome::Pass => EXIT_OK,
        Outcome::Fail => EXIT_FAILURE,
        Outcome::Error => EXIT_USAGE,
    }
}

/// Writes a report as asked and returns the exit code.
pub(crate) fn emit(args: &OutputArgs, report: &Report) -> i32 {
    let code = exit_code(report.outcome);
    let mut buf = Vec::new();
    if let Err(e) = write_report(&mut buf, args, report) {
        let _ = writeln!(anstream::stderr(), "error: cannot render the report: {e}");
        return EXIT_USAGE;
    }
    if args.format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
        && let Err(e) = seam::report::github::append_step_summary(path.as_ref(), report)
    {
        // The annotations still go out; a summary that cannot be written is only a warning.
        let _ = writeln!(
            anstream::stderr(),
            "warning: cannot append to GITHUB_STEP_SUMMARY: {e}"
        );
    }
    let result = match &args.output {
        // Files never get colour codes.
        Some(path) => std::fs::write(path, anstream::adapter::strip_bytes(&buf).into_vec()),
        None if report.outcome == Outcome::Error && args.format == Format::Text => {
            anstream::stderr().lock().write_all(&buf)
        }
        None => anstream::stdout().lock().write_all(&buf),
    };
    match result {
        Ok(()) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "error: cannot write the report: {e}");
            EXIT_USAGE
        }
    }
}

fn write_report(out: &mut dyn Write, args: &OutputArgs, report: &Report) -> io::Result<()> {
    match args.format {
        Format::Text => {
            if args.quiet {
                let mut r = report.clone();
                r.summary.clear();
                seam::report::text::emit(out, &r)
            } else {
                seam::report::text::emit(out, report)
            }
        }
        Format::Json => seam::report::json::emit(out, report),
        Format::Markdown => seam::report::markdown::emit(out, report),
        Format::Junit => seam::report::junit::emit(out, report),
        Format::Sarif => seam::report::sarif::emit(out, report),
        Format::Html => seam::report::html::emit(out, report),
        Format::Github => {
            if args.quiet {
                let mut r = report.clone();
                r.summary.clear();
                seam::report::github::emit(out, &r)
            } else {
                seam::report::github::emit(out, report)
            }
        }
    }
}

/// The time shown in reports: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now,
/// in UTC to the second (one of the CLI's clock reads).
pub(crate) fn generated_at() -> String {
    let pinned = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    format!("{:.0}", pinned.unwrap_or_else(jiff::Timestamp::now))
}

/// Reports input errors (exit 2).
pub(crate) fn emit_errors(args: &OutputArgs, command: &str, errors: &[LoadError]) -> i32 {
    emit(args, &Report::input_errors(command, errors))
}

/// `--today`: the date governance rules (sunsets) and waivers (expiry) are judged at.
#[derive(Debug, Args)]
pub(crate) struct TodayArg {
    /// Judge sunset dates and waiver expiry as of this date (YYYY-MM-DD); default: today in UTC.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub(crate) today: Option<jiff::civil::Date>,
}

fn parse_today(text: &str) -> Result<jiff::civil::Date, String> {
    seam::policy::windows::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

impl TodayArg {
    /// The date asked for, or today in UTC (the only place the clock is read).
    pub(crate) fn date(&self) -> jiff::civil::Date {
        self.today.unwrap_or_else(|| {
            jiff::Timestamp::now()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date()
        })
    }
}

/// Writes `buf` to FILE (colour stripped) or standard output; a closed pipe is not an error.
pub(crate) fn write_output(output: Option<&std::path::Path>, buf: &[u8]) -> io::Result<()> {
    let result = match output {
        Some(path) => std::fs::write(path, anstream::adapter::strip_bytes(buf).into_vec()),
        None => anstream::stdout().lock().write_all(buf),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The contract repository a command works on: `dir` when it holds `seam.yaml`, else the
/// nearest parent folder that does (so commands work from inside a contract's folder); `dir`
/// itself when none does, so the loader reports the missing `seam.yaml` there.
pub(crate) fn repo_dir(dir: &std::path::Path) -> std::path::PathBuf {
    seam::contract::repo::discover(dir).unwrap_or_else(|| dir.to_path_buf())
}
