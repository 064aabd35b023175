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

use crate::cli::output::{
    ReportFile, check_report_paths, exit_code, generated_at, parse_report, quiet_report,
    read_source, revisions, write_output, write_reports,
};

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
    /// Also write the whole answer in FORMAT to PATH, from the same run (repeatable), e.g.
    /// `--report json=release.json --report html=release.html`. Each file is replaced
    /// atomically; `-q` does not shorten it.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report::<ReleaseFormat>)]
    reports: Vec<ReportFile<ReleaseFormat>>,
    /// Print only the blocking findings and the one-line summary (break-glass lines always).
    #[arg(short, long)]
    quiet: bool,
}

fn usage(message: &str, help: &str) -> i32 {
    let _ = writeln!(anstream::stderr(), "error: {message}\n  = help: {help}");
    EXIT_USAGE
}

fn load_errors(args: &ReleaseArgs, errors: &[LoadError]) -> i32 {
    let report = Report::input_errors("release", errors);
    let root = crate::cli::output::repo_dir(&args.dir);
    let sources = |path: &str| read_source(&root, path);
    let render = |format: ReleaseFormat, buf: &mut Vec<u8>| match format {
        ReleaseFormat::Json => seam::report::json::emit(buf, &report),
        ReleaseFormat::Html => seam::report::html::emit(buf, &report),
        ReleaseFormat::Markdown => seam::report::markdown::emit(buf, &report),
        ReleaseFormat::Text => seam::report::text::emit_with_sources(buf, &report, &sources),
    };
    // The report files say what went wrong too: a CI step that uploads them finds them.
    let _ = write_reports(&args.reports, render);
    let mut buf = Vec::new();
    let stdout_format = match args.format {
        // The errors go to stderr as text; a Markdown answer is for a ticket, not for errors.
        ReleaseFormat::Text | ReleaseFormat::Markdown => ReleaseFormat::Text,
        other => other,
    };
    if render(stdout_format, &mut buf).is_ok() {
        if matches!(args.format, ReleaseFormat::Json | ReleaseFormat::Html) {
            let _ = write_output(args.output.as_deref(), &buf);
        } else {
            let _ = anstream::stderr().write_all(&buf);
        }
    }
    EXIT_USAGE
}

pub(crate) fn run(args: &ReleaseArgs) -> i32 {
    if let Err(code) = crate::cli::output::refuse_overwriting_input(
        args.output.as_deref(),
        &args.reports,
        Some(&crate::cli::output::repo_dir(&args.dir)),
        &[],
    ) {
        return code;
    }
    if let Err(message) = check_report_paths(args.output.as_deref(), &args.reports) {
        return usage(&message, "give each --report and --output its own file");
    }
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
    report.revisions = revisions(&args.dir, run.base.as_ref());
    let wants_html = args.format == ReleaseFormat::Html
        || args.reports.iter().any(|r| r.format == ReleaseFormat::Html);
    if wants_html {
        // "Generated" is when this ran (SOURCE_DATE_EPOCH pins it); the instant decided about
        // (`--at`) is in the summary and the freeze status.
        let base = run
            .base
            .as_ref()
            .map(|b| (b.name.as_str(), b.short.as_str()));
        let mut context = seam::report::context::build_context(&run.repo, base, &generated_at());
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

    let render = |format: ReleaseFormat, report: &Report, buf: &mut Vec<u8>| match format {
        ReleaseFormat::Text => release::text(buf, decision, report),
        ReleaseFormat::Json => {
            // Only the HTML page carries the context (it holds the time of the run).
            let mut r = report.clone();
            r.context = None;
            seam::report::json::emit(buf, &r)
        }
        ReleaseFormat::Markdown => release::markdown(buf, decision, report),
        ReleaseFormat::Html => seam::report::html::emit(buf, report),
    };
    if !write_reports(&args.reports, |format, buf| render(format, &report, buf)) {
        return EXIT_USAGE;
    }
    let shown = if args.quiet {
        quiet_report(&report)
    } else {
        report.clone()
    };
    let mut buf = Vec::new();
    if let Err(e) = render(args.format, &shown, &mut buf) {
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
