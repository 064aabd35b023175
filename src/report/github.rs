//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding
//! and input error, on the right file and line, then a plain summary line. Also appends the
//! Markdown report to the step summary file (`GITHUB_STEP_SUMMARY`, whose path the caller
//! reads from the environment).

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use crate::finding::{Finding, Severity};
use crate::report::sarif::split_location;
use crate::report::{InputError, Outcome, Report, markdown};

/// Writes one annotation per input error and finding, then the summary line (left out when
/// the summary is empty, as with `--quiet`).
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for e in &report.errors {
        out.write_all(input_error(e).as_bytes())?;
    }
    for f in &report.findings {
        out.write_all(annotation(f).as_bytes())?;
    }
    if !report.summary.is_empty() {
        let c = &report.counts;
        let summary = one_line(&report.summary);
        match report.outcome {
            Outcome::Error => writeln!(out, "seam {}: input errors: {summary}", report.command)?,
            Outcome::Pass | Outcome::Fail => writeln!(
                out,
                "seam {}: {}: {}, {}, {}; {summary}",
                report.command,
                if report.outcome == Outcome::Pass {
                    "passes"
                } else {
                    "blocked"
                },
                count(c.errors, "error"),
                count(c.warnings, "warning"),
                count(c.notes, "note"),
            )?,
        }
    }
    Ok(())
}

/// Appends the Markdown report to the step summary file at `path` (created when missing),
/// within GitHub's size limit for a step summary ([`markdown::STEP_SUMMARY_LIMIT`]).
pub fn append_step_summary(path: &Path, report: &Report) -> io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    // A blank line first, so the report never runs into what an earlier step wrote.
    let text = format!(
        "\n{}",
        markdown::render_limited(report, markdown::STEP_SUMMARY_LIMIT)
    );
    file.write_all(text.as_bytes())
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One `::level file=…,line=…,col=…,title=…::message` line.
fn annotation(f: &Finding) -> String {
    let mut title = format!("seam {}", f.rule_id);
    match (&f.contract, &f.version) {
        (Some(c), Some(v)) => {
            let _ = write!(title, " ({c}@{v})");
        }
        (Some(c), None) => {
            let _ = write!(title, " ({c})");
        }
        _ => {}
    }
    let mut message = f.message.clone();
    if !f.consumers.is_empty() {
        let list = f
            .consumers
            .iter()
            .map(|c| match &c.owner {
                Some(o) => format!("{} (owner {o})", c.system),
                None => c.system.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(message, "\nconsumers affected: {list}");
    }
    // Why: which side rejects, where, by which keyword, and the structural changes.
    for note in &f.notes {
        let _ = write!(message, "\n{note}");
    }
    if let Some(value) = &f.counterexample {
        let _ = write!(
            message,
            "\ncounterexample: {}",
            serde_json::to_string(value).unwrap_or_default()
        );
    }
    if let Some(help) = &f.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    line(
        command(f.severity),
        &f.location.path.to_string_lossy(),
        f.location.line,
        f.location.col,
        &title,
        &message,
    )
}

fn input_error(e: &InputError) -> String {
    let (path, l, c) = split_location(&e.location);
    let mut message = e.message.clone();
    if let Some(help) = &e.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    line(
        "error",
        path,
        l,
        c,
        &format!("seam input error ({})", e.kind),
        &message,
    )
}

fn line(level: &str, path: &str, l: usize, c: usize, title: &str, message: &str) -> String {
    let mut props = format!("file={}", escape_property(&path.replace('\\', "/")));
    if l > 0 {
        let _ = write!(props, ",line={l},col={}", c.max(1));
    }
    let _ = write!(props, ",title={}", escape_property(title));
    format!("::{level} {props}::{}\n", escape_data(message))
}

/// Escapes a command's message: `%`, CR and LF; other control characters (escape sequences)
/// are shown escaped, as in the text report.
pub fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::report::text::clean(&s).into_owned()
}

/// Escapes a command's property value: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The summary on one line, so it can never be read as a workflow command.
fn one_line(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    crate::report::text::guard_line(&crate::report::text::clean(&s)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn a_line_without_position_has_no_line_property() {
        assert_eq!(
            line("warning", "x.yaml", 0, 0, "t", "m"),
            "::warning file=x.yaml,title=t::m\n"
        );
        assert_eq!(
            line("error", "a b.json", 3, 0, "t:1", "m"),
            "::error file=a b.json,line=3,col=1,title=t%3A1::m\n"
        );
    }
}
