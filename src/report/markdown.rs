//! The Markdown report: fit for a pull-request comment or a GitHub step summary.
//!
//! Layout: a heading with the decision and counts, a summary table of every finding (errors,
//! then warnings, then notes), then one folded `<details>` block per finding in the same order
//! (help, instance path, keyword, schema location, consumers, the reasons each side accepts or
//! rejects and the structural changes behind them, the counterexample payload and any text
//! diff), then the input errors. Everything that comes from
//! the input is escaped, so a `|`, a backtick or an HTML tag in a message cannot break the
//! table or inject markup.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::finding::{ConsumerRef, Finding, Severity};
use crate::report::text::{clean, needs_escape};
use crate::report::{Counts, Outcome, Report};

/// The longest pull-request comment GitHub accepts (65,536 characters).
pub const COMMENT_LIMIT: usize = 65_536;

/// The largest step summary GitHub shows (1 MiB per step).
pub const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// Room kept for the note that says what was left out.
const NOTE_ROOM: usize = 400;

/// Writes the report as GitHub-flavoured Markdown, ending with a newline, within
/// [`COMMENT_LIMIT`] so it can be posted as a pull-request comment as it is (a note at the top
/// says what was left out).
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    // Markdown printed into a CI log must not hold workflow commands: a `##[` can only come
    // from input inside raw HTML (`<summary>`), where `&#35;` reads the same.
    let text = render_limited(report, COMMENT_LIMIT);
    out.write_all(crate::report::text::guard_text(&text, "&#58;", "&#35;").as_bytes())
}

/// Renders the whole report as GitHub-flavoured Markdown, ending with a newline.
pub fn render(report: &Report) -> String {
    render_limited(report, usize::MAX)
}

/// Renders the report in at most `limit` bytes (for example [`COMMENT_LIMIT`]) when the
/// heading and input errors fit: table rows, then folded details, are kept in order while they
/// fit, and a note at the top says how many were left out and where to find them all.
pub fn render_limited(report: &Report, limit: usize) -> String {
    let mut head = String::new();
    heading(&mut head, report);
    let mut tail = String::new();
    if report.findings.is_empty() && report.errors.is_empty() {
        tail.push_str("No findings.\n");
    }
    input_errors(&mut tail, report);
    let checked = checked_list(&report.checked);

    let ordered = by_severity(&report.findings);
    let n = ordered.len();
    let rows: Vec<String> = ordered.iter().map(|f| table_row(f)).collect();
    let blocks: Vec<String> = ordered.iter().map(|f| details(f)).collect();
    let full: usize = rows.iter().chain(&blocks).map(String::len).sum::<usize>()
        + head.len()
        + tail.len()
        + checked.len()
        + 200;
    let mut budget = if full <= limit {
        usize::MAX
    } else {
        limit.saturating_sub(head.len() + tail.len() + checked.len() + NOTE_ROOM + 200)
    };
    let mut take = |items: &[String]| -> usize {
        let mut count = 0;
        for item in items {
            if item.len() > budget {
                break;
            }
            budget -= item.len();
            count += 1;
        }
        count
    };
    let shown_rows = take(&rows);
    let shown_blocks = if shown_rows == n { take(&blocks) } else { 0 };

    let mut s = head;
    if shown_rows < n || shown_blocks < n {
        let _ = writeln!(
            s,
            "> **Note:** the report is longer than fits here: {shown_rows} of {n} finding{} \
             in the table, {shown_blocks} with details. Run `seam {} --format text` (or \
             `--format json`) for all of them.\n",
            plural(n),
            md_text(&report.command),
        );
    }
    if shown_rows > 0 {
        s.push_str(TABLE_HEADER);
        for row in rows.iter().take(shown_rows) {
            s.push_str(row);
        }
    }
    if shown_blocks > 0 {
        s.push_str("\n### Details\n\n");
        for block in blocks.iter().take(shown_blocks) {
            s.push_str(block);
        }
    }
    if !tail.is_empty() {
        blank_line(&mut s);
        s.push_str(&tail);
    }
    if !checked.is_empty() {
        blank_line(&mut s);
        s.push_str(&checked);
    }
    s
}

/// Errors, then warnings, then notes (a waived error after the blocking ones); the report's
/// order (path, line, column, rule) within each.
fn by_severity(findings: &[Finding]) -> Vec<&Finding> {
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| (f.severity, f.waived.is_some()));
    ordered
}

fn checked_list(checked: &[String]) -> String {
    let mut s = String::new();
    if checked.is_empty() {
        return s;
    }
    let n = checked.len();
    let _ = write!(
        s,
        "<details>\n<summary>{n} contract{} checked</summary>\n\n",
        plural(n)
    );
    for id in checked {
        let _ = writeln!(s, "- {}", md_code(id));
    }
    s.push_str("\n</details>\n");
    s
}

fn heading(s: &mut String, report: &Report) {
    let command = md_text(&report.command);
    let _ = match report.outcome {
        Outcome::Pass => writeln!(s, "## ✅ seam {command}: passes\n"),
        Outcome::Fail => writeln!(s, "## ❌ seam {command}: blocked\n"),
        Outcome::Error => writeln!(
            s,
            "## ⚠️ seam {command}: input errors, nothing was checked\n"
        ),
    };
    if report.outcome != Outcome::Error {
        let _ = writeln!(s, "{}\n", counts_line(&report.counts));
    }
    if !report.summary.is_empty() {
        let _ = writeln!(s, "{}\n", md_message(&report.summary));
    }
}

/// `**1 error**, 2 warnings, 0 notes`: the blocking count in bold; waived findings apart.
fn counts_line(c: &Counts) -> String {
    let waived = if c.waived > 0 {
        format!(", {} waived", c.waived)
    } else {
        String::new()
    };
    format!(
        "**{} error{}**, {} warning{}, {} note{}{waived}",
        c.errors,
        plural(c.errors),
        c.warnings,
        plural(c.warnings),
        c.notes,
        plural(c.notes)
    )
}

/// Ends `s` with an empty line (block separation) unless it already does.
fn blank_line(s: &mut String) {
    if !s.is_empty() && !s.ends_with("\n\n") {
        s.push('\n');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

const TABLE_HEADER: &str = "| Severity | Rule | Location | Contract | Consumers (owners) | Message |\n\
                            | --- | --- | --- | --- | --- | --- |\n";

fn table_row(f: &Finding) -> String {
    let contract = contract_label(f).map(|c| md_code(&c)).unwrap_or_default();
    let consumers = f
        .consumers
        .iter()
        .map(consumer_label)
        .map(|c| md_text(&c))
        .collect::<Vec<_>>()
        .join("<br>");
    format!(
        "| {} | {} | {} | {contract} | {consumers} | {} |\n",
        severity_label(f.severity),
        md_code(f.rule_id.as_str()),
        md_code(&f.location.to_string()),
        md_message(&f.message),
    )
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "**error**",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `contract@version`, `contract`, or nothing.
fn contract_label(f: &Finding) -> Option<String> {
    match (&f.contract, &f.version) {
        (Some(c), Some(v)) => Some(format!("{c}@{v}")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(v)) => Some(format!("version {v}")),
        (None, None) => None,
    }
}

fn consumer_label(c: &ConsumerRef) -> String {
    match &c.owner {
        Some(o) => format!("{} ({o})", c.system),
        None => c.system.clone(),
    }
}

pub(crate) fn details(f: &Finding) -> String {
    let mut s = String::new();
    // The summary line is raw HTML (GitHub does not render Markdown inside it).
    let _ = writeln!(
        s,
        "<details>\n<summary>{} {} at {}: {}</summary>\n",
        f.severity.as_str(),
        html_code(f.rule_id.as_str()),
        html_code(&f.location.to_string()),
        html_message(&f.message),
    );
    if let Some(help) = &f.help {
        let _ = writeln!(s, "- **How to fix:** {}", md_message(help));
    }
    if let Some(c) = contract_label(f) {
        let _ = writeln!(s, "- **Contract:** {}", md_code(&c));
    }
    if !f.consumers.is_empty() {
        let list = f
            .consumers
            .iter()
            .map(|c| md_text(&consumer_label(c)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(s, "- **Consumers affected:** {list}");
    }
    if let Some(p) = &f.instance_path {
        let shown = if p.is_empty() { "/" } else { p };
        let _ = writeln!(s, "- **Instance path:** {}", md_code(shown));
    }
    if let Some(k) = &f.keyword {
        let _ = writeln!(s, "- **Keyword:** {}", md_code(k));
    }
    if let Some(schema) = &f.schema {
        let role = match &schema.version {
            Some(v) => format!("{} {v}", schema.role),
            None => schema.role.clone(),
        };
        let _ = writeln!(
            s,
            "- **Schema ({}):** {}",
            md_text(&role),
            md_code(&schema.location.to_string())
        );
    }
    let _ = writeln!(s, "- **Fingerprint:** {}", md_code(&f.fingerprint));
    if super::offers_waiver(f) {
        let _ = writeln!(
            s,
            "- **To waive it,** add to `waivers.yaml`: {}",
            md_code(&f.waiver_entry())
        );
    }
    if !f.notes.is_empty() {
        // Which side accepts or rejects the counterexample, where and by which keyword, and
        // the structural changes that cause it: what a reviewer needs to find the one field.
        s.push_str("\nWhy:\n\n");
        for note in &f.notes {
            let _ = writeln!(s, "- {}", md_message(note));
        }
    }
    if let Some(value) = &f.counterexample {
        let text = crate::report::json::pretty(value).unwrap_or_default();
        let _ = writeln!(s, "\nCounterexample:\n\n{}", fenced("json", &text));
    }
    if let Some(diff) = &f.diff {
        // Escape sequences in the compared text are shown, never passed to a terminal.
        let shown: Vec<_> = diff.trim_end().lines().map(clean).collect();
        let _ = writeln!(s, "\nDiff:\n\n{}", fenced("diff", &shown.join("\n")));
    }
    s.push_str("\n</details>\n\n");
    s
}

fn input_errors(s: &mut String, report: &Report) {
    if report.errors.is_empty() {
        return;
    }
    s.push_str("### Input errors\n\n");
    s.push_str("| Location | Kind | Message | How to fix |\n");
    s.push_str("| --- | --- | --- | --- |\n");
    for e in &report.errors {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            md_code(&e.location),
            md_code(&e.kind),
            md_message(&e.message),
            e.help.as_deref().map(md_message).unwrap_or_default(),
        );
    }
}

/// A fenced code block whose fence is longer than any backtick run in `text`.
fn fenced(lang: &str, text: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(text).max(2) + 1);
    format!("{fence}{lang}\n{text}\n{fence}")
}

fn longest_backtick_run(text: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Escapes text for Markdown inline content, including table cells: Markdown punctuation is
/// backslash-escaped (`\|` is what GFM tables need), HTML specials become entities, and line
/// breaks become `<br>` so a cell stays on one line.
pub(crate) fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            // Other control characters (escape sequences) shown, never passed to a terminal.
            c if needs_escape(c) => {
                let _ = write!(out, "\\\\u{{{:x}}}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text as code in Markdown context. An HTML `<code>` element (not a backtick span) so that the
/// content may hold backticks and still be escaped the same way as any other cell text.
pub(crate) fn md_code(text: &str) -> String {
    format!("<code>{}</code>", md_text(text))
}

/// Escapes text for raw HTML context (a `<summary>` line): entities only.
pub(crate) fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out
}

fn html_code(text: &str) -> String {
    format!("<code>{}</code>", html_text(text))
}

/// A message in Markdown context: segments quoted in backticks (the house style for offending
/// values) become code, the rest is escaped text.
fn md_message(text: &str) -> String {
    render_quoted(text, md_text, md_code)
}

/// A message in raw HTML context.
fn html_message(text: &str) -> String {
    render_quoted(text, html_text, html_code)
}

/// Splits `text` on backtick pairs and renders plain and quoted segments. An unpaired backtick
/// stays literal text.
fn render_quoted(text: &str, plain: fn(&str) -> String, code: fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let (before, after_open) = rest.split_at(open);
        let after_open = after_open.get(1..).unwrap_or_default();
        let Some(close) = after_open.find('`') else {
            break;
        };
        out.push_str(&plain(before));
        let (inner, after_close) = after_open.split_at(close);
        out.push_str(&code(inner));
        rest = after_close.get(1..).unwrap_or_default();
    }
    out.push_str(&plain(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_backticks_and_html_are_escaped() {
        assert_eq!(md_text("a|b"), "a\\|b");
        assert_eq!(md_text("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(md_text("x\ny"), "x<br>y");
        assert_eq!(md_code("a`b|c"), "<code>a\\`b\\|c</code>");
        assert_eq!(html_text("<b>\"x\""), "&lt;b&gt;&quot;x&quot;");
    }

    #[test]
    fn quoted_segments_become_code() {
        assert_eq!(
            md_message("value `a|b` is not `int`"),
            "value <code>a\\|b</code> is not <code>int</code>"
        );
        assert_eq!(md_message("one ` alone"), "one \\` alone");
        assert_eq!(html_message("`<x>` bad"), "<code>&lt;x&gt;</code> bad");
    }

    #[test]
    fn fence_outgrows_backticks_in_the_payload() {
        assert_eq!(longest_backtick_run("a ``` b ````"), 4);
        assert_eq!(longest_backtick_run("none"), 0);
    }
}
