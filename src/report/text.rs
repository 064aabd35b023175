//! The text report: rustc-like, coloured when the writer supports it. An input error whose file
//! can be read is shown with its source line and a caret under the column, as rustc shows it
//! (rendered by `annotate-snippets`, rustc's own renderer).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use crate::finding::{Finding, Severity};
use crate::report::sarif::split_location;
use crate::report::{InputError, Outcome, Report};

/// Gives the text of a file named in an error location (a repository-relative path), or `None`
/// when it cannot or must not be read; the error is then shown without an excerpt.
pub type Sources<'a> = &'a dyn Fn(&str) -> Option<String>;

const BOLD: Style = Style::new().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const CYAN: Style = AnsiColor::Cyan.on_default().bold();

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Note => CYAN,
    }
}

/// Writes the report. Colour codes are always written; wrap `out` in `anstream` to strip
/// them where colour is off.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    emit_with_sources(out, report, &|_| None)
}

/// Writes the report, showing each input error with the source line it points at when
/// `sources` gives the file's text.
pub fn emit_with_sources(
    out: &mut dyn Write,
    report: &Report,
    sources: Sources<'_>,
) -> io::Result<()> {
    for e in &report.errors {
        if let Some(rendered) = excerpt(e, sources) {
            writeln!(out, "{rendered}\n")?;
        } else {
            writeln!(out, "{RED}error{RED:#}{BOLD}: {}{BOLD:#}", e.message)?;
            writeln!(out, "  {BLUE}-->{BLUE:#} {}", e.location)?;
            if let Some(help) = &e.help {
                writeln!(out, "   {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {help}")?;
            }
            writeln!(out)?;
        }
    }
    for f in &report.findings {
        finding(out, f)?;
    }
    let style = match report.outcome {
        Outcome::Pass => GREEN,
        Outcome::Fail | Outcome::Error => RED,
    };
    let word = match report.outcome {
        Outcome::Pass => "ok",
        Outcome::Fail => "failed",
        Outcome::Error => "error",
    };
    writeln!(out, "{style}{word}{style:#}: {}", report.summary)
}

/// An input error rendered with its source line and a caret at its column, or `None` when the
/// location has no line or the line cannot be had.
fn excerpt(e: &InputError, sources: Sources<'_>) -> Option<String> {
    let (path, line, col) = split_location(&e.location);
    if line == 0 {
        return None;
    }
    let text = sources(path)?;
    let source = text.lines().nth(line - 1)?;
    // Columns count characters from 1; the caret goes under that character (or just past the
    // end of the line when the column is beyond it, as for a missing value).
    let start = source
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(source.len(), |(i, _)| i);
    let end = source[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let mut title = Level::ERROR.primary_title(e.message.as_str()).element(
        Snippet::source(source)
            .line_start(line)
            .path(path)
            .annotation(AnnotationKind::Primary.span(start..end)),
    );
    if let Some(help) = &e.help {
        title = title.element(Level::HELP.message(help.as_str()));
    }
    Some(Renderer::styled().render(&[title]))
}

fn finding(out: &mut dyn Write, f: &Finding) -> io::Result<()> {
    let s = severity_style(f.severity);
    let waived = if f.waived.is_some() { " (waived)" } else { "" };
    writeln!(
        out,
        "{s}{}[{}]{waived}{s:#}{BOLD}: {}{BOLD:#}",
        f.severity.as_str(),
        f.rule_id,
        f.message
    )?;
    writeln!(out, "  {BLUE}-->{BLUE:#} {}", f.location)?;
    if let Some(p) = &f.instance_path {
        let shown = if p.is_empty() { "/" } else { p };
        match &f.keyword {
            Some(k) => writeln!(out, "   {BLUE}={BLUE:#} at `{shown}`, keyword `{k}`")?,
            None => writeln!(out, "   {BLUE}={BLUE:#} at `{shown}`")?,
        }
    }
    if let Some(schema) = &f.schema {
        let version = schema
            .version
            .as_ref()
            .map(|v| format!(" {v}"))
            .unwrap_or_default();
        writeln!(
            out,
            "   {BLUE}={BLUE:#} schema ({}{version}): {}",
            schema.role, schema.location
        )?;
    }
    for c in &f.consumers {
        match &c.owner {
            Some(o) => writeln!(out, "   {BLUE}={BLUE:#} consumer: {} (owner {o})", c.system)?,
            None => writeln!(out, "   {BLUE}={BLUE:#} consumer: {}", c.system)?,
        }
    }
    if let Some(value) = &f.counterexample {
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        writeln!(out, "   {BLUE}={BLUE:#} counterexample:")?;
        for line in text.lines() {
            writeln!(out, "       {line}")?;
        }
    }
    for note in &f.notes {
        writeln!(out, "   {BLUE}={BLUE:#} {BOLD}note{BOLD:#}: {note}")?;
    }
    if let Some(diff) = &f.diff {
        writeln!(out, "   {BLUE}={BLUE:#} diff:")?;
        for line in diff.lines() {
            let style = if line.starts_with('+') && !line.starts_with("+++") {
                AnsiColor::Green.on_default()
            } else if line.starts_with('-') && !line.starts_with("---") {
                AnsiColor::Red.on_default()
            } else {
                Style::new()
            };
            writeln!(out, "       {style}{line}{style:#}")?;
        }
    }
    if let Some(help) = &f.help {
        writeln!(out, "   {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {help}")?;
    }
    writeln!(out, "   {BLUE}={BLUE:#} fingerprint: {}", f.fingerprint)?;
    if super::offers_waiver(f) {
        writeln!(
            out,
            "   {BLUE}={BLUE:#} to waive, add to waivers.yaml: {}",
            f.waiver_entry()
        )?;
    }
    if let Some(w) = &f.waived {
        let ticket = w
            .ticket
            .as_ref()
            .map(|t| format!(", ticket {t}"))
            .unwrap_or_default();
        writeln!(
            out,
            "   {BLUE}={BLUE:#} {BOLD}waived{BOLD:#}: approved by {}{ticket}, expires {}: {}",
            w.approved_by, w.expires, w.reason
        )?;
    }
    writeln!(out)
}
