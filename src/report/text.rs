//! The text report: rustc-like, coloured when the writer supports it. An input error whose file
//! can be read is shown with its source line and a caret under the column, as rustc shows it
//! (rendered by `annotate-snippets`, rustc's own renderer).
//!
//! Names and values from the input (property names, file names, messages quoting them, source
//! lines) are shown with control characters escaped (`clean`), and no line of the report can
//! be read as a CI workflow command (`guard_line`): a pull request must not be able to write
//! lines of its own into the job log, nor drive the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
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

/// Control characters that must not reach a terminal or a log as they are.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        // Line and paragraph separators, and the bidirectional controls that reorder text
        // on screen ("Trojan Source").
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from the input made safe to print on one line: control characters (line breaks,
/// escape sequences, C1 controls, line separators, bidirectional overrides) are shown escaped
/// (`\n`, `\t`, `\u{1b}`), so a value can neither start a line of its own nor drive the
/// terminal. Text without them is returned as it is.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line made safe from CI log parsers. GitHub Actions runs a line of a job log as a
/// workflow command when it starts with `::` after leading whitespace, and as a legacy command
/// wherever it holds `##[`. Such a line gets a backslash before the `::` (after the
/// whitespace and any colour codes), and `##[` becomes `#\#[`. Other lines are unchanged.
pub(crate) fn guard_line(line: &str) -> Cow<'_, str> {
    guard_line_with(line, "\\:", "\\#")
}

/// `guard_line` with the format's own escapes: `colon` replaces the first `:` of a leading
/// `::`, `hash` the second `#` of `##[` (an entity in HTML, `\u0023` in JSON strings), so the
/// content reads the same once the format is decoded.
fn guard_line_with<'a>(line: &'a str, colon: &str, hash: &str) -> Cow<'a, str> {
    let start = command_start(line);
    if start.is_none() && !line.contains("##[") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    match start {
        Some(i) => {
            out.push_str(line.get(..i).unwrap_or_default());
            out.push_str(colon);
            out.push_str(line.get(i + 1..).unwrap_or_default());
        }
        None => out.push_str(line),
    }
    Cow::Owned(out.replace("##[", &format!("#{hash}[")))
}

/// Every line of a rendered report through [`guard_line_with`]. Lines end at `\n` or `\r`,
/// as a CI runner reads them.
pub(crate) fn guard_text<'a>(text: &'a str, colon: &str, hash: &str) -> Cow<'a, str> {
    let risky = text.contains("##[")
        || text
            .split(['\n', '\r'])
            .any(|line| command_start(line).is_some());
    if !risky {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive(['\n', '\r']) {
        out.push_str(&guard_line_with(line, colon, hash));
    }
    Cow::Owned(out)
}

/// Where a line starts with `::` after whitespace and colour codes (`ESC [ ... m`).
fn command_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        match bytes.get(i) {
            Some(b) if b.is_ascii_whitespace() => i += 1,
            Some(0x1b) if bytes.get(i + 1) == Some(&b'[') => {
                let end = bytes
                    .get(i + 2..)?
                    .iter()
                    .position(u8::is_ascii_alphabetic)?;
                i += end + 3;
            }
            Some(b':') if bytes.get(i + 1) == Some(&b':') => return Some(i),
            _ => return None,
        }
    }
}

/// Passes whole lines through `guard_line` on their way to `out`.
struct LineGuard<'a> {
    out: &'a mut dyn Write,
    pending: Vec<u8>,
}

impl LineGuard<'_> {
    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        self.out.write_all(guard_line(&text).as_bytes())
    }

    /// Writes what is left after the last line break.
    fn finish(mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        if !rest.is_empty() {
            self.write_line(&rest)?;
        }
        self.out.flush()
    }
}

impl Write for LineGuard<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            self.write_line(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Runs `write` with every line it writes passed through `guard_line` on its way to `out`.
pub(crate) fn guarded(
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut guard = LineGuard {
        out,
        pending: Vec::new(),
    };
    write(&mut guard)?;
    guard.finish()
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
    guarded(out, |out| body(out, report, sources))
}

fn body(out: &mut dyn Write, report: &Report, sources: Sources<'_>) -> io::Result<()> {
    for e in &report.errors {
        if let Some(rendered) = excerpt(e, sources) {
            writeln!(out, "{rendered}\n")?;
        } else {
            writeln!(
                out,
                "{RED}error{RED:#}{BOLD}: {}{BOLD:#}",
                clean(&e.message)
            )?;
            writeln!(out, "  {BLUE}-->{BLUE:#} {}", clean(&e.location))?;
            if let Some(help) = &e.help {
                writeln!(
                    out,
                    "   {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {}",
                    clean(help)
                )?;
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
    writeln!(out, "{style}{word}{style:#}: {}", clean(&report.summary))
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
    // The line as shown: control characters escaped, the caret moved with them.
    let (before, at, after) = (
        clean(&source[..start]),
        clean(&source[start..end]),
        clean(&source[end..]),
    );
    let shown = format!("{before}{at}{after}");
    let span = before.len()..before.len() + at.len();
    let path = clean(path);
    let message = clean(&e.message);
    let mut title = Level::ERROR.primary_title(message.as_ref()).element(
        Snippet::source(shown.as_str())
            .line_start(line)
            .path(path.as_ref())
            .annotation(AnnotationKind::Primary.span(span)),
    );
    let help = e.help.as_deref().map(clean);
    if let Some(help) = &help {
        title = title.element(Level::HELP.message(help.as_ref()));
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
        clean(&f.message)
    )?;
    writeln!(
        out,
        "  {BLUE}-->{BLUE:#} {}",
        clean(&f.location.to_string())
    )?;
    if let Some(p) = &f.instance_path {
        let shown = clean(if p.is_empty() { "/" } else { p });
        match &f.keyword {
            Some(k) => writeln!(
                out,
                "   {BLUE}={BLUE:#} at `{shown}`, keyword `{}`",
                clean(k)
            )?,
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
            "   {BLUE}={BLUE:#} schema ({}{}): {}",
            clean(&schema.role),
            clean(&version),
            clean(&schema.location.to_string())
        )?;
    }
    for c in &f.consumers {
        match &c.owner {
            Some(o) => writeln!(
                out,
                "   {BLUE}={BLUE:#} consumer: {} (owner {})",
                clean(&c.system),
                clean(o)
            )?,
            None => writeln!(out, "   {BLUE}={BLUE:#} consumer: {}", clean(&c.system))?,
        }
    }
    if let Some(value) = &f.counterexample {
        let text = crate::report::json::pretty(value).unwrap_or_default();
        writeln!(out, "   {BLUE}={BLUE:#} counterexample:")?;
        for line in text.lines() {
            writeln!(out, "       {}", clean(line))?;
        }
    }
    for note in &f.notes {
        writeln!(
            out,
            "   {BLUE}={BLUE:#} {BOLD}note{BOLD:#}: {}",
            clean(note)
        )?;
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
            writeln!(out, "       {style}{}{style:#}", clean(line))?;
        }
    }
    if let Some(help) = &f.help {
        writeln!(
            out,
            "   {BLUE}={BLUE:#} {BOLD}help{BOLD:#}: {}",
            clean(help)
        )?;
    }
    writeln!(out, "   {BLUE}={BLUE:#} fingerprint: {}", f.fingerprint)?;
    if super::offers_waiver(f) {
        writeln!(
            out,
            "   {BLUE}={BLUE:#} to waive, add to waivers.yaml: {}",
            clean(&f.waiver_entry())
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
            "   {BLUE}={BLUE:#} {BOLD}waived{BOLD:#}: approved by {}{}, expires {}: {}",
            clean(&w.approved_by),
            clean(&ticket),
            clean(&w.expires),
            clean(&w.reason)
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_escapes_control_characters_only() {
        assert!(matches!(clean("plain `name` ü"), Cow::Borrowed(_)));
        assert_eq!(
            clean("a\nb\r\tc\u{1b}[31md\u{9b}e\u{2028}f\u{202e}g"),
            "a\\nb\\r\\tc\\u{1b}[31md\\u{9b}e\\u{2028}f\\u{202e}g"
        );
    }

    #[test]
    fn guard_line_breaks_workflow_commands() {
        assert_eq!(guard_line("::error file=a::x\n"), "\\::error file=a::x\n");
        assert_eq!(guard_line("   ::warning::x"), "   \\::warning::x");
        assert_eq!(
            guard_line("\u{1b}[1m  ::error::x"),
            "\u{1b}[1m  \\::error::x"
        );
        assert_eq!(guard_line("text ##[error]x"), "text #\\#[error]x");
        assert_eq!(guard_line("error: a::b"), "error: a::b");
        assert!(matches!(guard_line("  --> a.json:1:2"), Cow::Borrowed(_)));
    }

    #[test]
    fn hostile_names_cannot_start_a_line() {
        let hostile = "x\n::error file=README.md,line=1::INJECTED\u{1b}[2J";
        let mut finding = crate::finding::Finding::new(
            crate::rules::RuleId::PropertyRemoved,
            crate::finding::Severity::Error,
            crate::error::Location::new("a.json", 1, 1),
            format!("property `{hostile}` removed"),
        );
        finding.notes.push(hostile.to_owned());
        finding.diff = Some(format!("-  \"a\": 1\n ::error::diff {hostile}\n"));
        finding.counterexample = Some(serde_json::json!({ hostile: "\u{9b}31m" }));
        let report = Report::new("verify", vec![finding], hostile.to_owned());
        let mut out = Vec::new();
        emit(&mut out, &report).unwrap();
        let out = String::from_utf8(out).unwrap();
        let plain = anstream::adapter::strip_str(&out).to_string();
        for line in plain.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line:?}");
            assert!(!line.contains("##["), "{line:?}");
        }
        assert!(
            !plain.contains('\u{1b}') && !plain.contains('\u{9b}'),
            "{plain}"
        );
        assert!(plain.contains("INJECTED"), "{plain}");
    }
}
