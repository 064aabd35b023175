//! `seam release [DIR] [--at TIME]`: may a release go out now (or at `--at`)?
//!
//! Applies the freeze windows of `seam.yaml` and the break-glass waivers of `waivers.yaml` to
//! what changed since the last release (`--since REF`, default the newest tag matching
//! `release.tag_pattern`), classified with the compatibility engine; `--change` overrides it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use jiff::{Timestamp, ZonedDateTime};

use seam::error::{EXIT_USAGE, LoadError};
use seam::policy::release::{ChangeClass, ReleaseDecision, decide, parse_instant};
use seam::policy::windows;
use seam::report::Report;
use seam::source::Document;

use crate::cli::output::exit_code;

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

/// What changed since the last release, and why: from `--change`, or computed against the
/// `--since` revision (or the newest release tag) with the engine.
fn change_since(
    args: &ReleaseArgs,
    repo: &seam::contract::repo::Repository,
) -> Result<(ChangeClass, String), i32> {
    if let Some(c) = args.change {
        return Ok((c.into(), "as given with --change".to_owned()));
    }
    let since = if let Some(s) = &args.since {
        s.clone()
    } else {
        let pattern = &repo.config.release.tag_pattern;
        let Ok(git) = seam::git::GitRepo::open(&args.dir) else {
            return Ok((
                ChangeClass::Breaking,
                "not a git repository, so assumed breaking (say `--change` or `--since`)"
                    .to_owned(),
            ));
        };
        match git.tags_matching(pattern) {
            Ok(tags) => match tags.into_iter().next() {
                Some(t) => t.name,
                None => {
                    return Ok((
                        if repo.contracts.is_empty() {
                            ChangeClass::None
                        } else {
                            ChangeClass::Compatible
                        },
                        format!("no release tag matches `{pattern}`: everything is new"),
                    ));
                }
            },
            Err(e) => return Err(usage(&e.to_string(), &e.help())),
        }
    };
    let (rev, _guard, loaded) = match crate::cli::check::load_at_revision(&args.dir, &since) {
        Ok(x) => x,
        Err(e) => return Err(load_errors(args, &[e])),
    };
    let Ok(base) = loaded else {
        return Ok((
            ChangeClass::Breaking,
            format!("the repository at `{since}` does not load, so assumed breaking"),
        ));
    };
    let mut schemas = seam::check::Schemas::new(repo);
    let (class, reasons) = seam::check::classify_since(repo, &base, &mut schemas);
    let shown: Vec<String> = reasons.iter().take(5).cloned().collect();
    let more = if reasons.len() > 5 {
        format!(" and {} more", reasons.len() - 5)
    } else {
        String::new()
    };
    let why = if reasons.is_empty() {
        format!("since `{since}` ({}): no contract changed", rev.short)
    } else {
        format!(
            "since `{since}` ({}): {}{more}",
            rev.short,
            shown.join("; ")
        )
    };
    Ok((class, why))
}

pub(crate) fn run(args: &ReleaseArgs) -> i32 {
    let repo = match seam::contract::repo::load(&args.dir) {
        Ok(r) => r,
        Err(errors) => return load_errors(args, &errors),
    };
    let compiled = match windows::compile(&repo.config.freeze_windows) {
        Ok(w) => w,
        // The loader checks windows; this only fires if that check is bypassed.
        Err(e) => {
            return usage(
                &format!("invalid freeze windows in seam.yaml: {}", e.len()),
                "run `seam lint`",
            );
        }
    };
    // Instants are shown in the zone `--at` names, else in the first window's zone.
    let display = compiled
        .first()
        .map_or(jiff::tz::TimeZone::UTC, |w| w.tz().clone());
    let at: ZonedDateTime = match &args.at {
        Some(text) => match parse_instant(text, &display) {
            Ok(z) => z,
            Err(e) => {
                return usage(
                    &e,
                    "write `2026-11-27T14:00:00+01:00`, `2026-11-27T13:00:00Z` or `2026-11-27T14:00[Europe/Berlin]`",
                );
            }
        },
        None => Timestamp::now().to_zoned_datetime(display),
    };
    let (change, why) = match change_since(args, &repo) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let waivers: &[seam::contract::model::Waiver] =
        repo.waivers.as_ref().map_or(&[], |(_, f)| &f.waivers);
    let decision = decide(&compiled, waivers, &at, change);

    let config_doc = Document::read(
        &seam::source::RepoRoot::new(&args.dir),
        Path::new("seam.yaml"),
    )
    .ok();
    let findings = decision.findings(
        config_doc.as_ref(),
        waivers,
        repo.waivers.as_ref().map(|(d, _)| d),
    );
    let mut report = Report::new("release", findings, summary(&decision, &why));
    report.stats = serde_json::to_value(&decision).ok();
    if args.format == ReleaseFormat::Html {
        let mut context = seam::report::context::build_context(&repo, None, &decision.at_local);
        context.freeze = Some(freeze_status(&decision));
        context.alerts = decision.break_glass.iter().map(break_glass_line).collect();
        report.context = Some(context);
    }

    // Loud, whatever the format: a release during a freeze is never quiet.
    for b in &decision.break_glass {
        let _ = writeln!(anstream::stderr(), "{}", break_glass_line(b));
    }

    let mut buf = Vec::new();
    let written = match args.format {
        ReleaseFormat::Text => text(&mut buf, &decision, &report),
        ReleaseFormat::Json => seam::report::json::emit(&mut buf, &report),
        ReleaseFormat::Markdown => markdown(&mut buf, &decision, &report),
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

/// Writes `buf` to FILE (colour stripped) or standard output; a closed pipe is not an error.
pub(crate) fn write_output(output: Option<&Path>, buf: &[u8]) -> io::Result<()> {
    let result = match output {
        Some(path) => std::fs::write(path, anstream::adapter::strip_bytes(buf).into_vec()),
        None => anstream::stdout().lock().write_all(buf),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn break_glass_line(b: &seam::policy::release::BreakGlass) -> String {
    let ticket = b
        .ticket
        .as_ref()
        .map(|t| format!(", ticket {t}"))
        .unwrap_or_default();
    format!(
        "!!! BREAK-GLASS OVERRIDE: releasing during freeze window{} {} under a waiver approved by {}{ticket}, expires {}: {} !!!",
        if b.windows.len() == 1 { "" } else { "s" },
        b.windows
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", "),
        b.approved_by,
        b.expires,
        b.reason
    )
}

fn summary(d: &ReleaseDecision, why: &str) -> String {
    let change = format!("a {} change ({why})", d.change_class.as_str());
    let verdict = if !d.allowed {
        let blocking: Vec<String> = d
            .active_windows
            .iter()
            .filter(|a| a.blocking)
            .map(|a| format!("`{}`", a.name))
            .collect();
        let next = match (&d.next_allowed_slot_local, d.no_slot_within_days) {
            (Some(s), _) => format!("; next allowed slot {s}"),
            (None, Some(days)) => format!("; no allowed slot within {days} days"),
            (None, None) => String::new(),
        };
        format!("blocked by {}{next}", blocking.join(", "))
    } else if !d.break_glass.is_empty() {
        "allowed under a BREAK-GLASS OVERRIDE".to_owned()
    } else {
        let open: Vec<String> = d
            .active_windows
            .iter()
            .map(|a| format!("`{}` blocks only {} releases", a.name, a.blocks.as_str()))
            .collect();
        if open.is_empty() {
            "allowed: no freeze window is active".to_owned()
        } else {
            format!("allowed ({})", open.join(", "))
        }
    };
    format!("release of {change} at {}: {verdict}", d.at_local)
}

/// The freeze-window status in words, for the HTML page.
fn freeze_status(d: &ReleaseDecision) -> String {
    let glass = if d.break_glass.is_empty() {
        ""
    } else {
        "BREAK-GLASS OVERRIDE in use; "
    };
    if d.active_windows.is_empty() {
        return format!("{glass}no freeze window is active");
    }
    let windows: Vec<String> = d
        .active_windows
        .iter()
        .map(|a| {
            format!(
                "`{}` ({} until {})",
                a.name,
                if a.blocking {
                    "blocks this release"
                } else {
                    "does not block this release"
                },
                a.end_local,
            )
        })
        .collect();
    format!("{glass}active: {}", windows.join("; "))
}

fn text(out: &mut dyn Write, d: &ReleaseDecision, report: &Report) -> io::Result<()> {
    let red = anstyle::AnsiColor::Red.on_default().bold().invert();
    for b in &d.break_glass {
        writeln!(out, "{red}{}{red:#}", break_glass_line(b))?;
        writeln!(out)?;
    }
    seam::report::text::emit(out, report)
}

fn markdown(out: &mut dyn Write, d: &ReleaseDecision, report: &Report) -> io::Result<()> {
    let verdict = match (d.allowed, d.break_glass.is_empty()) {
        (false, _) => "BLOCKED",
        (true, false) => "ALLOWED UNDER BREAK-GLASS OVERRIDE",
        (true, true) => "ALLOWED",
    };
    writeln!(out, "## seam release: {verdict}")?;
    writeln!(out)?;
    for b in &d.break_glass {
        writeln!(out, "> [!CAUTION]")?;
        writeln!(out, "> **{}**", md(&break_glass_line(b)))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", md(&report.summary))?;
    writeln!(out)?;
    writeln!(out, "| | |")?;
    writeln!(out, "|---|---|")?;
    writeln!(out, "| at | {} |", md(&d.at_local))?;
    writeln!(out, "| change | {} |", d.change_class.as_str())?;
    match (&d.next_allowed_slot_local, d.no_slot_within_days) {
        (Some(s), _) => writeln!(out, "| next allowed slot | {} |", md(s))?,
        (None, Some(days)) => writeln!(out, "| next allowed slot | none within {days} days |")?,
        (None, None) => {}
    }
    writeln!(out)?;
    if !d.active_windows.is_empty() {
        writeln!(
            out,
            "| window | blocks | blocks this release | until | reason |"
        )?;
        writeln!(out, "|---|---|---|---|---|")?;
        for a in &d.active_windows {
            writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                md(&a.name),
                a.blocks.as_str(),
                if a.blocking { "yes" } else { "no" },
                md(&a.end_local),
                md(a.reason.as_deref().unwrap_or("—"))
            )?;
        }
        writeln!(out)?;
    }
    for f in report
        .findings
        .iter()
        .filter(|f| f.rule_id == "waiver-expired")
    {
        writeln!(
            out,
            "- **error** `{}` {}: {}",
            f.rule_id,
            f.location,
            md(&f.message)
        )?;
    }
    Ok(())
}

fn md(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}
