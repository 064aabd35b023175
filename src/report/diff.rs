//! Rendering one comparison (`seam diff`) as text, JSON or Markdown into a `&mut dyn Write`.
//!
//! The JSON form is a versioned contract: top-level `version` (`"1"`), `verdict`, `mode`,
//! `old`, `new`, `changes`, `counterexample` (null unless incompatible) and `unknown`.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;
use serde_json::Value;

use crate::report::text::{clean, guard_text, guarded};
use crate::schema::{Comparison, Counterexample, Direction, Mode, Verdict};

/// The output formats of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// Human-readable text (coloured when the writer supports it).
    #[default]
    Text,
    /// The versioned JSON report.
    Json,
    /// Markdown for a pull-request comment.
    Markdown,
}

/// The version of the JSON report format.
pub const REPORT_VERSION: &str = "1";

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'static str,
    verdict: Verdict,
    mode: Mode,
    old: &'a str,
    new: &'a str,
    changes: &'a [crate::schema::diff::Change],
    counterexample: Option<&'a Counterexample>,
    /// An incompatibility whose separating value rests on a disputed reading (see
    /// [`Counterexample::reading`]): why no counterexample is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    disputed: Option<&'a str>,
    unknown: &'a [crate::schema::UnknownReason],
}

/// Writes `comparison` of the files labelled `old` and `new` in `format`.
pub fn render(
    comparison: &Comparison,
    old: &str,
    new: &str,
    format: ReportFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Json => {
            let report = JsonReport {
                version: REPORT_VERSION,
                verdict: comparison.verdict,
                mode: comparison.mode,
                old,
                new,
                changes: &comparison.changes,
                counterexample: comparison
                    .counterexample
                    .as_ref()
                    .filter(|c| c.reading.is_none()),
                disputed: comparison
                    .counterexample
                    .as_ref()
                    .and_then(|c| c.reading.as_deref()),
                unknown: &comparison.unknown,
            };
            let text = crate::report::json::pretty(&report).map_err(io::Error::other)?;
            writeln!(out, "{text}")
        }
        // Names and messages quote the input: control characters escaped, and no line may be
        // read as a CI workflow command.
        ReportFormat::Text => guarded(out, |out| text(comparison, &clean(old), &clean(new), out)),
        ReportFormat::Markdown => {
            let mut buf = Vec::new();
            markdown(comparison, &clean(old), &clean(new), &mut buf)?;
            let page = String::from_utf8_lossy(&buf);
            out.write_all(guard_text(&page, "&#58;", "&#35;").as_bytes())
        }
    }
}

/// What a mode asks, in words.
fn question(mode: Mode) -> &'static str {
    match mode {
        Mode::Backward => "backward: every value the old schema accepts, the new one accepts",
        Mode::Forward => "forward: every value the new schema accepts, the old one accepts",
        Mode::Full => "full: both schemas accept the same values",
        Mode::None => "none: no compatibility check",
    }
}

/// Shortens long strings and arrays for display; the JSON report keeps the full value.
fn elide(v: &Value) -> Value {
    match v {
        Value::String(s) if s.chars().count() > 60 => {
            let head: String = s.chars().take(20).collect();
            Value::String(format!("{head}… ({} characters)", s.chars().count()))
        }
        Value::Array(a) if a.len() > 20 => {
            let mut items: Vec<Value> = a.iter().take(10).map(elide).collect();
            items.push(Value::String(format!("… ({} items)", a.len())));
            Value::Array(items)
        }
        Value::Array(a) => Value::Array(a.iter().map(elide).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), elide(v))).collect()),
        other => other.clone(),
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(&elide(v)).unwrap_or_default()
}

fn json_inline(v: &Value) -> String {
    serde_json::to_string(&elide(v)).unwrap_or_default()
}

fn side_name<'a>(label: &str, old: &'a str, new: &'a str) -> &'a str {
    if label == "old" { old } else { new }
}

fn direction_text(c: &Counterexample) -> &'static str {
    match c.direction {
        Some(Direction::Backward) => " (backward)",
        Some(Direction::Forward) => " (forward)",
        None => "",
    }
}

/// The verdict on one line (`seam diff -q`): with the first rejection of the counterexample
/// when the schemas are incompatible, the first undecided construct when unknown.
pub fn quiet_text(c: &Comparison, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    let changes = c.changes.len();
    let mut line = format!(
        "{}: {old} -> {new} ({} mode, {changes} change{})",
        c.verdict,
        c.mode,
        if changes == 1 { "" } else { "s" }
    );
    if let Some(cx) = &c.counterexample
        && let Some(r) = cx.rejections.first()
    {
        let at = if r.instance_path.is_empty() {
            "/"
        } else {
            r.instance_path.as_str()
        };
        let _ = std::fmt::Write::write_fmt(
            &mut line,
            format_args!(
                ": {} rejects a value {} accepts at {at} (keyword `{}`)",
                cx.rejected_by, cx.accepted_by, r.keyword
            ),
        );
    } else if let Some(u) = c.unknown.first() {
        let at = if u.pointer.is_empty() {
            "/"
        } else {
            u.pointer.as_str()
        };
        let _ = std::fmt::Write::write_fmt(
            &mut line,
            format_args!(": undecided at {at} (keyword `{}`)", u.keyword),
        );
    }
    writeln!(out, "{line}")
}

fn text(c: &Comparison, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    let bold = Style::new().bold();
    let colour = match c.verdict {
        Verdict::Compatible => Style::new().fg_color(Some(AnsiColor::Green.into())).bold(),
        Verdict::Incompatible => Style::new().fg_color(Some(AnsiColor::Red.into())).bold(),
        Verdict::Unknown => Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold(),
    };
    writeln!(out, "{bold}old{bold:#}: {old}")?;
    writeln!(out, "{bold}new{bold:#}: {new}")?;
    writeln!(out, "{bold}mode{bold:#}: {}", question(c.mode))?;
    writeln!(
        out,
        "{bold}verdict{bold:#}: {colour}{}{colour:#}",
        c.verdict
    )?;
    writeln!(out)?;
    if c.changes.is_empty() {
        writeln!(out, "changes: none")?;
    } else {
        writeln!(out, "changes ({}):", c.changes.len())?;
        for ch in &c.changes {
            let effect = serde_json::to_value(ch.effect)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let pointer = if ch.pointer.is_empty() {
                "/"
            } else {
                ch.pointer.as_str()
            };
            writeln!(
                out,
                "  {:<8} {} at {}: {}",
                effect,
                ch.rule_id,
                clean(pointer),
                clean(&ch.message)
            )?;
            match (&ch.old, &ch.new) {
                (Some(o), Some(n)) => {
                    writeln!(
                        out,
                        "           {} -> {}",
                        clean(&json_inline(o)),
                        clean(&json_inline(n))
                    )?;
                }
                (Some(o), None) => writeln!(out, "           was {}", clean(&json_inline(o)))?,
                (None, Some(n)) => writeln!(out, "           now {}", clean(&json_inline(n)))?,
                (None, None) => {}
            }
        }
    }
    if let Some(note) = c
        .counterexample
        .as_ref()
        .and_then(Counterexample::reading_note)
    {
        writeln!(out)?;
        writeln!(out, "{}", clean(&note))?;
    } else if let Some(cx) = &c.counterexample {
        let accepted = side_name(&cx.accepted_by, old, new);
        let rejected = side_name(&cx.rejected_by, old, new);
        writeln!(out)?;
        writeln!(
            out,
            "{bold}counterexample{}{bold:#}: a value {} accepts and {} rejects",
            direction_text(cx),
            cx.accepted_by,
            cx.rejected_by
        )?;
        for line in pretty(&cx.value).lines() {
            writeln!(out, "  {}", clean(line))?;
        }
        writeln!(
            out,
            "  {}: accepts it ({accepted} validates it without errors)",
            cx.accepted_by
        )?;
        writeln!(out, "  {}: rejects it ({rejected}):", cx.rejected_by)?;
        for r in &cx.rejections {
            let at = if r.instance_path.is_empty() {
                "/"
            } else {
                r.instance_path.as_str()
            };
            writeln!(
                out,
                "    at {}: `{}` (schema {}): {}",
                clean(at),
                clean(&r.keyword),
                clean(&r.schema_path),
                clean(&r.message)
            )?;
        }
    }
    if !c.unknown.is_empty() {
        writeln!(out)?;
        writeln!(out, "undecided:")?;
        for u in &c.unknown {
            let at = if u.pointer.is_empty() {
                "/"
            } else {
                u.pointer.as_str()
            };
            writeln!(
                out,
                "  `{}` at {}: {}",
                clean(&u.keyword),
                clean(at),
                clean(&u.reason)
            )?;
        }
        writeln!(
            out,
            "help: unknown is not a pass; simplify the construct or review the change by hand"
        )?;
    }
    Ok(())
}

fn markdown(c: &Comparison, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    let icon = match c.verdict {
        Verdict::Compatible => "✅",
        Verdict::Incompatible => "❌",
        Verdict::Unknown => "⚠️",
    };
    writeln!(out, "### {icon} `{old}` → `{new}`: {}", c.verdict)?;
    writeln!(out)?;
    writeln!(out, "Mode: **{}** ({})", c.mode, question(c.mode))?;
    writeln!(out)?;
    if c.changes.is_empty() {
        writeln!(out, "No structural changes.")?;
    } else {
        writeln!(out, "| effect | rule | pointer | old | new |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for ch in &c.changes {
            let effect = serde_json::to_value(ch.effect)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let cell = |v: &Option<Value>| {
                v.as_ref()
                    .map(|v| format!("`{}`", json_inline(v).replace('|', "\\|")))
                    .unwrap_or_default()
            };
            writeln!(
                out,
                "| {effect} | `{}` | `{}` | {} | {} |",
                ch.rule_id,
                ch.pointer,
                cell(&ch.old),
                cell(&ch.new)
            )?;
        }
    }
    if let Some(note) = c
        .counterexample
        .as_ref()
        .and_then(Counterexample::reading_note)
    {
        writeln!(out)?;
        writeln!(out, "{note}")?;
    } else if let Some(cx) = &c.counterexample {
        writeln!(out)?;
        writeln!(
            out,
            "**Counterexample{}**: accepted by {}, rejected by {}:",
            direction_text(cx),
            cx.accepted_by,
            cx.rejected_by
        )?;
        writeln!(out)?;
        writeln!(out, "```json")?;
        writeln!(out, "{}", pretty(&cx.value))?;
        writeln!(out, "```")?;
        writeln!(out)?;
        for r in &cx.rejections {
            let at = if r.instance_path.is_empty() {
                "/"
            } else {
                r.instance_path.as_str()
            };
            writeln!(
                out,
                "- {} rejects it at `{at}`: `{}` — {}",
                cx.rejected_by, r.keyword, r.message
            )?;
        }
    }
    if !c.unknown.is_empty() {
        writeln!(out)?;
        for u in &c.unknown {
            writeln!(
                out,
                "- undecided: `{}` at `{}`: {}",
                u.keyword, u.pointer, u.reason
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::diff::{Change, Effect};
    use crate::schema::{Rejection, UnknownReason};

    fn sample() -> Comparison {
        Comparison {
            verdict: Verdict::Incompatible,
            mode: Mode::Full,
            changes: vec![Change {
                rule_id: crate::rules::RuleId::MaxLengthDecreased,
                pointer: "/properties/name/maxLength".to_owned(),
                old: Some(json!(100)),
                new: Some(json!(80)),
                effect: Effect::Narrows,
                message: "maximum length decreased from 100 to 80".to_owned(),
            }],
            counterexample: Some(Counterexample {
                value: json!({"name": "a".repeat(100)}),
                accepted_by: "old".to_owned(),
                rejected_by: "new".to_owned(),
                rejections: vec![Rejection {
                    instance_path: "/name".to_owned(),
                    schema_path: "/properties/name/maxLength".to_owned(),
                    keyword: "maxLength".to_owned(),
                    message: "string is longer than 80 characters".to_owned(),
                }],
                direction: Some(Direction::Backward),
                reading: None,
            }),
            unknown: vec![UnknownReason {
                keyword: "pattern".to_owned(),
                pointer: "/properties/code/pattern".to_owned(),
                reason: "pattern inclusion not proved".to_owned(),
            }],
        }
    }

    fn rendered(format: ReportFormat) -> String {
        let mut out = Vec::new();
        render(&sample(), "v1.json", "v2.json", format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_report() {
        insta::assert_snapshot!(
            anstream::adapter::strip_str(&rendered(ReportFormat::Text)).to_string()
        );
    }

    #[test]
    fn markdown_report() {
        insta::assert_snapshot!(rendered(ReportFormat::Markdown));
    }

    #[test]
    fn json_report_parses_and_keeps_the_full_value() {
        let text = rendered(ReportFormat::Json);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], "1");
        assert_eq!(v["counterexample"]["direction"], "backward");
        assert_eq!(
            v["counterexample"]["value"]["name"].as_str().map(str::len),
            Some(100)
        );
        insta::assert_snapshot!(text);
    }
}
