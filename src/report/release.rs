//! Renderers of the release decision: the summary line, the loud break-glass line, the
//! freeze status, and the text and Markdown answers (JSON and HTML go through the common
//! report renderers with the decision under `stats` and `context`).

use std::io::{self, Write};

use crate::policy::release::{BreakGlass, ChangeClass, ReleaseDecision};
use crate::report::Report;
use crate::rules::RuleId;

/// The loud line a break-glass override prints in every format.
pub fn break_glass_line(b: &BreakGlass) -> String {
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

/// The one-line summary of a release decision.
pub fn summary(d: &ReleaseDecision, why: &str) -> String {
    let change = match d.change_class {
        ChangeClass::None => format!("with no contract change ({why})"),
        class => format!("of a {} change ({why})", class.as_str()),
    };
    let verdict = if !d.allowed {
        let mut blocking: Vec<String> = Vec::new();
        if d.blocking_findings > 0 {
            blocking.push(format!(
                "{} blocking finding{} of `{}`",
                d.blocking_findings,
                if d.blocking_findings == 1 { "" } else { "s" },
                d.gate
            ));
        }
        let windows: Vec<String> = d
            .active_windows
            .iter()
            .filter(|a| a.blocking)
            .map(|a| format!("`{}`", a.name))
            .collect();
        let next = match (&d.next_allowed_slot_local, d.no_slot_within_days) {
            _ if windows.is_empty() || !d.break_glass.is_empty() => String::new(),
            (Some(s), _) => format!("; next allowed slot {s}"),
            (None, Some(days)) => format!("; no allowed slot within {days} days"),
            (None, None) => String::new(),
        };
        if !windows.is_empty() && d.break_glass.is_empty() {
            blocking.push(windows.join(", "));
        }
        format!("blocked by {}{next}", blocking.join(" and "))
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
    format!("release {change} at {}: {verdict}", d.at_local)
}

/// The freeze-window status in words, for the HTML page.
pub fn freeze_status(d: &ReleaseDecision) -> String {
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

/// The release answer as text: break-glass lines first, then the report.
pub fn text(out: &mut dyn Write, d: &ReleaseDecision, report: &Report) -> io::Result<()> {
    let red = anstyle::AnsiColor::Red.on_default().bold().invert();
    for b in &d.break_glass {
        writeln!(out, "{red}{}{red:#}", break_glass_line(b))?;
        writeln!(out)?;
    }
    super::text::emit(out, report)
}

/// The release answer as a Markdown section for a pull request or a change ticket.
pub fn markdown(out: &mut dyn Write, d: &ReleaseDecision, report: &Report) -> io::Result<()> {
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
        .filter(|f| f.rule_id == RuleId::WaiverExpired)
    {
        writeln!(
            out,
            "- **error** `{}` {}: {}",
            f.rule_id,
            f.location,
            md(&f.message)
        )?;
    }
    for f in report
        .findings
        .iter()
        .filter(|f| f.rule_id == RuleId::FreezeWindowUpcoming)
    {
        writeln!(out, "- **warning** {}", md(&f.message))?;
    }
    // The gate's findings that block (or were waived), each with its counterexample.
    let gate: Vec<&crate::finding::Finding> = report
        .findings
        .iter()
        // Not the release policy's own (waivers, freeze windows), listed above.
        .filter(|f| f.rule_id.meta().category != "policy")
        .collect();
    if !gate.is_empty() {
        writeln!(out)?;
        writeln!(out, "### Findings of `{}`", md(&d.gate))?;
        writeln!(out)?;
        for f in gate {
            out.write_all(super::markdown::details(f).as_bytes())?;
        }
    }
    Ok(())
}

fn md(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}
