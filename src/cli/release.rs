//! `seam release [DIR] [--at TIME]`: may a release go out now (or at `--at`)?
//!
//! Applies the freeze windows of `seam.yaml` and the break-glass waivers of `waivers.yaml` to
//! what changed since the last release (`--since REF`, default the newest tag matching
//! `release.tag_pattern`), classified with the compatibility engine; `--change` overrides it.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use seam::error::{EXIT_USAGE, LoadError};
use seam::gate::release::{ReleaseError, ReleaseOptions};
use seam::policy::release::ChangeClass;
use seam::report::{Report, release};

use crate::cli::output::{exit_code, write_output};

/// Output formats of `seam release`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReleaseFormat {
    /// Human-readable; coloured on a terminal.
    Text,
    /// The versioned JSON report; the decision is under `stats`.
    Json,
    /// A Markdown section for a pull request or a change ticket.
    Markdown,
    /// One self-contained HTML page: the decision, the freeze windows and the findings.
    Html,
}

/// What changed since the last release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChangeArg {
    /// No contract changed.
    None,
    /// Only compatible changes.
    Compatible,
    /// At least one breaking change.
    Breaking,
}

impl From<ChangeArg> for ChangeClass {
    fn from(c: ChangeArg) -> Self {
        match c {
            ChangeArg::None => Self::None,
            ChangeArg::Compatible => Self::Compatible,
            ChangeArg::Breaking => Self::Breaking,
        }
    }
}

/// Arguments of `seam release`.
#[derive(Debug, Args)]
pub(crate) struct ReleaseArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Decide for this instant instead of now: RFC 3339 (`2026-11-27T14:00:00+01:00`,
    /// `2026-11-27T13:00:00Z`) or a local time in an IANA zone (`2026-11-27T14:00[Europe/Berlin]`).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// The last release to compare with (branch, tag or SHA); default: the newest tag matching
    /// `release.tag_pattern` in seam.yaml (`v*`).
    #[arg(long, value_name = "REF")]
    since: Option<String>,
    /// Say what changed instead of computing it from git (none, compatible or breaking).
    #[arg(long, value_enum, value_name = "CLASS")]
    change: Option<ChangeArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReleaseFormat::Text)]
    format: ReleaseFormat,
    /// Write the answer to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn usage(message: &str, help: &str) -> i32 {
    let _ = writeln!(anstream::stderr(), "error: {message}\n  = help: {help}");
    EXIT_USAGE
}

fn load_errors(args: &ReleaseArgs, errors: &[LoadError]) -> i32 {
    let report = Report::input_errors("release", errors);
    let mut buf = Vec::new();
    let written = match args.format {
        ReleaseFormat::Json => seam::report::json::emit(&mut buf, &report),
        ReleaseFormat::Html => seam::report::html::emit(&mut buf, &report),
        ReleaseFormat::Text | ReleaseFormat::Markdown => {
            seam::report::text::emit(&mut buf, &report)
        }
    };
    if written.is_ok() {
        if matches!(args.format, ReleaseFormat::Json | ReleaseFormat::Html) {
            let _ = write_output(args.output.as_deref(), &buf);
        } else {
            let _ = anstream::stderr().write_all(&buf);
        }
    }
    EXIT_USAGE
}

pub(crate) fn run(args: &ReleaseArgs) -> i32 {
    let options = ReleaseOptions {
        at: args.at.clone(),
        since: args.since.clone(),
        change: args.change.map(Into::into),
    };
    let run = match seam::gate::release::run(&crate::cli::output::repo_dir(&args.dir), &options) {
        Ok(r) => r,
        Err(ReleaseError::Load(errors)) => return load_errors(args, &errors),
        Err(ReleaseError::Usage { message, help }) => return usage(&message, &help),
    };
    let decision = &run.decision;
    let mut report = Report::new(
        "release",
        run.findings,
        release::summary(decision, &run.why),
    );
    report.stats = serde_json::to_value(decision).ok();
    if args.format == ReleaseFormat::Html {
        let mut context = seam::report::context::build_context(&run.repo, None, &decision.at_local);
        context.freeze = Some(release::freeze_status(decision));
        context.alerts = decision
            .break_glass
            .iter()
            .map(release::break_glass_line)
            .collect();
        report.context = Some(context);
    }

    // Loud, whatever the format: a release during a freeze is never quiet.
    for b in &decision.break_glass {
        let _ = writeln!(anstream::stderr(), "{}", release::break_glass_line(b));
    }

    let mut buf = Vec::new();
    let written = match args.format {
        ReleaseFormat::Text => release::text(&mut buf, decision, &report),
        ReleaseFormat::Json => seam::report::json::emit(&mut buf, &report),
        ReleaseFormat::Markdown => release::markdown(&mut buf, decision, &report),
        ReleaseFormat::Html => seam::report::html::emit(&mut buf, &report),
    };
    if let Err(e) = written {
        return usage(&format!("cannot render the answer: {e}"), "report this bug");
    }
    match write_output(args.output.as_deref(), &buf) {
        Ok(()) => exit_code(report.outcome),
        Err(e) => usage(
            &format!("cannot write the answer: {e}"),
            "check the --output path",
        ),
    }
}
