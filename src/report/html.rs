//! The HTML report: one self-contained page a reviewer would rather read than a log.
//!
//! Top to bottom: the decision and why, counts by severity, the base revision, the time and the
//! freeze-window status; per contract with findings, its version timeline and each finding
//! (rule ID, severity, location, consumers and owners, the counterexample with the reason each
//! side accepts or rejects it, and a collapsible side-by-side diff); the integration map as an
//! SVG drawn here; waived findings; input errors.
//!
//! The page makes no request of any kind: CSS is inline, there are no fonts, images or
//! scripts from elsewhere (one inline script only opens the folded sections before printing).
//! It reads without JavaScript (folding is `<details>`), prints expanded, and is accessible:
//! `lang`, landmarks, heading order, table headers with scope, labelled SVG, visible focus.
//! Everything that comes from the input goes through [`escape`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::finding::{Finding, Severity};
use crate::report::context::{ContractInfo, ReportContext, VERSION_PAIR_RULES};
use crate::report::{Outcome, Report};

/// Writes the report as one self-contained HTML page.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    out.write_all(render(report).as_bytes())
}

/// Escapes text for HTML element content and quoted attribute values. Control characters
/// (other than tab and newline) become U+FFFD so input cannot produce an invalid document.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text and shows `backticked` spans (seam's messages quote values that way) as code.
fn prose(text: &str) -> String {
    let escaped = escape(text);
    if !escaped.matches('`').count().is_multiple_of(2) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The headline: what the page decides.
fn decision(report: &Report) -> (&'static str, &'static str) {
    let release = report.command == "release";
    match (report.outcome, release) {
        (Outcome::Pass, false) => ("pass", "Passes"),
        (Outcome::Pass, true) => ("pass", "Release allowed"),
        (Outcome::Fail, false) => ("fail", "Blocked"),
        (Outcome::Fail, true) => ("fail", "Release blocked"),
        (Outcome::Error, _) => ("error", "Not checked: input errors"),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Renders the whole page.
pub fn render(report: &Report) -> String {
    let mut page = String::with_capacity(16 * 1024);
    let (class, headline) = decision(report);
    let blocking = report.findings.iter().filter(|f| f.blocks()).count();
    let title = if report.outcome == Outcome::Fail {
        format!(
            "seam {}: {headline} ({})",
            report.command,
            plural(blocking, "blocking finding")
        )
    } else {
        format!("seam {}: {headline}", report.command)
    };
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"seam\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to the report</a>\n",
        escape(&title)
    );
    let by_contract = group(report);
    let waived: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.waived.is_some())
        .collect();
    let map = report
        .context
        .as_ref()
        .filter(|c| !c.contracts.is_empty() || !c.edges.is_empty());

    page.push_str("<header class=\"top\"><p class=\"brand\">seam · compatibility report</p>\n<nav aria-label=\"Sections\"><ul>");
    page.push_str("<li><a href=\"#decision\">Decision</a></li>");
    if !report.findings.is_empty() {
        page.push_str("<li><a href=\"#findings\">Findings</a></li>");
    }
    if map.is_some() {
        page.push_str("<li><a href=\"#map\">Integration map</a></li>");
    }
    if !waived.is_empty() {
        page.push_str("<li><a href=\"#waived\">Waived</a></li>");
    }
    if !report.errors.is_empty() {
        page.push_str("<li><a href=\"#errors\">Input errors</a></li>");
    }
    page.push_str("</ul></nav></header>\n<main id=\"main\">\n");

    decision_section(&mut page, report, class, headline);
    if !report.findings.is_empty() {
        findings_section(&mut page, report, &by_contract);
    }
    if let Some(ctx) = map {
        map_section(&mut page, report, ctx);
    }
    if !waived.is_empty() {
        waived_section(&mut page, &waived);
    }
    if !report.errors.is_empty() {
        errors_section(&mut page, report);
    }
    page.push_str("</main>\n<footer><p>Made by seam");
    if let Some(ctx) = &report.context {
        let _ = write!(page, " at {}", escape(&ctx.generated_at));
    }
    page.push_str(
        ". This page is self-contained: it loads nothing from the network.</p></footer>\n",
    );
    page.push_str(SCRIPT);
    page.push_str("</body>\n</html>\n");
    page
}

/// How urgent a finding is to read: blocking first, then by severity, waived last.
fn urgency(f: &Finding) -> (bool, Severity) {
    (f.waived.is_some(), f.severity)
}

/// Findings grouped by contract (`None`: findings about no contract): contracts with a blocking
/// finding first, then by ID; within a contract, the most urgent first, else in report order.
fn group(report: &Report) -> Vec<(Option<&str>, Vec<&Finding>)> {
    let mut map: BTreeMap<Option<&str>, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        map.entry(f.contract.as_deref()).or_default().push(f);
    }
    let mut groups: Vec<(Option<&str>, Vec<&Finding>)> = map.into_iter().collect();
    for (_, findings) in &mut groups {
        findings.sort_by_key(|f| urgency(f));
    }
    groups.sort_by_key(|(_, findings)| !findings.iter().any(|f| f.blocks()));
    groups
}

fn decision_section(page: &mut String, report: &Report, class: &str, headline: &str) {
    let _ = write!(
        page,
        "<section id=\"decision\" class=\"decision {class}\" aria-labelledby=\"decision-h\">\n\
         <h1 id=\"decision-h\"><span class=\"verdict\">{}</span> <span class=\"cmd\">seam {}</span></h1>\n\
         <p class=\"why\">{}</p>\n",
        escape(headline),
        escape(&report.command),
        prose(&report.summary)
    );
    for alert in report.context.iter().flat_map(|c| &c.alerts) {
        let _ = writeln!(
            page,
            "<p class=\"alert\" role=\"alert\">{}</p>",
            prose(alert)
        );
    }
    let blocking: Vec<&Finding> = report.findings.iter().filter(|f| f.blocks()).collect();
    if !blocking.is_empty() {
        page.push_str("<p class=\"because\">Blocked because:</p>\n<ul class=\"reasons\">\n");
        for f in &blocking {
            let _ = writeln!(
                page,
                "<li><a href=\"#f-{}\"><code>{}</code></a> {}</li>",
                escape(&f.fingerprint),
                escape(f.rule_id.as_str()),
                prose(&f.message)
            );
        }
        page.push_str("</ul>\n");
    }
    let c = &report.counts;
    page.push_str("<ul class=\"counts\" aria-label=\"Findings by severity\">");
    for (n, label, cls) in [
        (c.errors, "error", "error"),
        (c.warnings, "warning", "warning"),
        (c.notes, "note", "note"),
        (c.waived, "waived", "waived"),
    ] {
        let text = if cls == "waived" {
            format!("{n} waived")
        } else {
            plural(n, label)
        };
        let _ = write!(
            page,
            "<li class=\"count {cls}{}\">{}</li>",
            if n == 0 { " zero" } else { "" },
            escape(&text)
        );
    }
    if !report.errors.is_empty() {
        let _ = write!(
            page,
            "<li class=\"count error\">{}</li>",
            plural(report.errors.len(), "input error")
        );
    }
    page.push_str("</ul>\n<dl class=\"meta\">\n");
    let ctx = report.context.as_ref();
    let base = ctx.and_then(|c| c.base.as_ref()).map_or_else(
        || "none: the working tree only".to_owned(),
        |b| format!("{} ({})", b.name, b.short),
    );
    let _ = writeln!(
        page,
        "<div><dt>Base revision</dt><dd><code>{}</code></dd></div>",
        escape(&base)
    );
    let time = ctx.map_or("not recorded", |c| c.generated_at.as_str());
    let _ = writeln!(
        page,
        "<div><dt>Generated</dt><dd>{}</dd></div>",
        escape(time)
    );
    let freeze = ctx
        .and_then(|c| c.freeze.as_deref())
        .unwrap_or("not evaluated (see seam release)");
    let _ = writeln!(
        page,
        "<div><dt>Freeze windows</dt><dd>{}</dd></div>",
        prose(freeze)
    );
    if !report.checked.is_empty() {
        let _ = writeln!(
            page,
            "<div><dt>Contracts checked</dt><dd>{}</dd></div>",
            report.checked.len()
        );
    }
    page.push_str("</dl>\n</section>\n");
}

fn findings_section(
    page: &mut String,
    report: &Report,
    by_contract: &[(Option<&str>, Vec<&Finding>)],
) {
    page.push_str("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings by contract</h2>\n");
    for (contract, findings) in by_contract {
        let heading = contract.unwrap_or("Not about one contract");
        let anchor = format!("c-{}", slug(contract.unwrap_or("none")));
        let blocks = findings.iter().filter(|f| f.blocks()).count();
        let _ = write!(
            page,
            "<section class=\"contract{}\" aria-labelledby=\"{anchor}\">\n<h3 id=\"{anchor}\">{}<span class=\"tally\">{}</span></h3>\n",
            if blocks > 0 { " broken" } else { "" },
            escape(heading),
            escape(&plural(findings.len(), "finding"))
        );
        if let Some(info) = contract.and_then(|id| {
            report
                .context
                .as_ref()
                .and_then(|c| c.contracts.iter().find(|i| i.id == id))
        }) {
            timeline(page, info, findings);
        }
        for f in findings {
            finding(page, f, version_diff(report.context.as_ref(), f));
        }
        page.push_str("</section>\n");
    }
    page.push_str("</section>\n");
}

/// An anchor-safe slug of an ID.
fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn timeline(page: &mut String, info: &ContractInfo, findings: &[&Finding]) {
    let affected: BTreeSet<&str> = findings
        .iter()
        .filter_map(|f| f.version.as_deref())
        .collect();
    let _ = write!(
        page,
        "<p class=\"owner\">Produced by <strong>{}</strong>{}</p>\n<ol class=\"timeline\" aria-label=\"Version timeline of {}\">\n",
        escape(&info.producer),
        info.owner
            .as_ref()
            .map(|o| format!(", owned by <strong>{}</strong>", escape(o)))
            .unwrap_or_default(),
        escape(&info.id)
    );
    for v in &info.versions {
        let mut status = v.status.clone();
        if let Some(s) = &v.sunset {
            let _ = write!(status, ", sunset {s}");
        }
        let hit = affected.contains(v.key.as_str());
        let _ = writeln!(
            page,
            "<li class=\"v {}{}\"><span class=\"vk\">{}</span> <span class=\"vs\">{}</span>{}</li>",
            escape(&v.status),
            if hit { " affected" } else { "" },
            escape(&v.key),
            escape(&status),
            if hit {
                " <span class=\"vf\">has findings</span>"
            } else {
                ""
            }
        );
    }
    page.push_str("</ol>\n");
}

/// The schema diff shown with a finding: its own, or the one of the version pair it is about.
fn version_diff<'a>(ctx: Option<&'a ReportContext>, f: &'a Finding) -> Option<&'a str> {
    if let Some(d) = &f.diff {
        return Some(d);
    }
    if !VERSION_PAIR_RULES.contains(&f.rule_id) {
        return None;
    }
    ctx?.version_diffs
        .iter()
        .find(|d| {
            Some(d.contract.as_str()) == f.contract.as_deref()
                && Some(d.to.as_str()) == f.version.as_deref()
        })
        .map(|d| d.diff.as_str())
}

fn finding(page: &mut String, f: &Finding, diff: Option<&str>) {
    let sev = f.severity.as_str();
    let state = if f.waived.is_some() {
        "waived"
    } else if f.blocks() {
        "blocking"
    } else {
        "non-blocking"
    };
    let _ = write!(
        page,
        "<article class=\"finding {sev}{}\" id=\"f-{}\">\n<h4><span class=\"sev {sev}\">{sev}</span> <code class=\"rule\">{}</code> <span class=\"state\">{state}</span></h4>\n<p class=\"msg\">{}</p>\n<dl class=\"facts\">\n",
        if f.waived.is_some() { " is-waived" } else { "" },
        escape(&f.fingerprint),
        escape(f.rule_id.as_str()),
        prose(&f.message)
    );
    let _ = writeln!(
        page,
        "<div><dt>Location</dt><dd><code>{}</code></dd></div>",
        escape(&f.location.to_string())
    );
    if let Some(v) = &f.version {
        let _ = writeln!(page, "<div><dt>Version</dt><dd>{}</dd></div>", escape(v));
    }
    if let Some(p) = &f.instance_path {
        let _ = writeln!(
            page,
            "<div><dt>Payload path</dt><dd><code>{}</code></dd></div>",
            escape(p)
        );
    }
    if let Some(s) = &f.schema {
        let _ = writeln!(
            page,
            "<div><dt>Deciding schema</dt><dd>{}{} at <code>{}</code>{}</dd></div>",
            escape(&s.role),
            s.version
                .as_ref()
                .map(|v| format!(" {}", escape(v)))
                .unwrap_or_default(),
            escape(&s.location.to_string()),
            f.keyword
                .as_ref()
                .map(|k| format!(", keyword <code>{}</code>", escape(k)))
                .unwrap_or_default()
        );
    }
    if !f.consumers.is_empty() {
        page.push_str("<div><dt>Consumers affected</dt><dd><ul class=\"consumers\">");
        for c in &f.consumers {
            let _ = write!(
                page,
                "<li><strong>{}</strong>{}</li>",
                escape(&c.system),
                c.owner.as_ref().map_or_else(
                    || " (no owner declared)".to_owned(),
                    |o| format!(" (owner {})", escape(o))
                )
            );
        }
        page.push_str("</ul></dd></div>\n");
    }
    page.push_str("</dl>\n");
    if let Some(h) = &f.help {
        let _ = writeln!(
            page,
            "<p class=\"help\"><span class=\"label\">How to fix:</span> {}</p>",
            prose(h)
        );
    }
    if let Some(w) = &f.waived {
        let _ = writeln!(
            page,
            "<p class=\"waiver\">Waived by <strong>{}</strong>{} until {}: {}</p>",
            escape(&w.approved_by),
            w.ticket
                .as_ref()
                .map(|t| format!(" ({})", escape(t)))
                .unwrap_or_default(),
            escape(&w.expires),
            escape(&w.reason)
        );
    }
    if let Some(payload) = &f.counterexample {
        let text = serde_json::to_string_pretty(payload).unwrap_or_default();
        let _ = writeln!(
            page,
            "<figure class=\"payload\"><figcaption>Counterexample payload</figcaption><pre><code>{}</code></pre></figure>",
            escape(&text)
        );
    }
    if !f.notes.is_empty() {
        let label = if f.counterexample.is_some() {
            "Why each side accepts or rejects it"
        } else {
            "Notes"
        };
        let _ = write!(
            page,
            "<div class=\"notes\"><p class=\"label\">{label}</p><ul>"
        );
        for n in &f.notes {
            let _ = write!(page, "<li>{}</li>", prose(n));
        }
        page.push_str("</ul></div>\n");
    }
    if let Some(diff) = diff {
        side_by_side(page, diff);
    }
    page.push_str("</article>\n");
}

/// One row of a side-by-side diff.
enum Row<'a> {
    /// A hunk header.
    Hunk(&'a str),
    /// A line on either side (`None`: nothing on that side); `changed` marks removed/added.
    Line {
        left: Option<(usize, &'a str)>,
        right: Option<(usize, &'a str)>,
        changed: bool,
    },
}

/// Parses `@@ -a,b +c,d @@` into the first line numbers of each side.
fn hunk_starts(header: &str) -> (usize, usize) {
    let mut parts = header.split_whitespace().skip(1);
    let mut start = |prefix: char| {
        parts
            .next()
            .and_then(|p| p.strip_prefix(prefix))
            .and_then(|p| p.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
    };
    let old = start('-');
    let new = start('+');
    (old, new)
}

/// Pairs pending removed and added lines into rows, row by row.
fn flush_changes<'a>(
    rows: &mut Vec<Row<'a>>,
    dels: &mut Vec<(usize, &'a str)>,
    adds: &mut Vec<(usize, &'a str)>,
) {
    let n = dels.len().max(adds.len());
    let mut d = dels.drain(..);
    let mut a = adds.drain(..);
    for _ in 0..n {
        rows.push(Row::Line {
            left: d.next(),
            right: a.next(),
            changed: true,
        });
    }
}

/// Parses a unified diff into titles and side-by-side rows.
fn parse_unified(diff: &str) -> (String, String, Vec<Row<'_>>) {
    let mut old_title = String::from("before");
    let mut new_title = String::from("after");
    let mut rows = Vec::new();
    let (mut ln_old, mut ln_new) = (1usize, 1usize);
    let mut dels: Vec<(usize, &str)> = Vec::new();
    let mut adds: Vec<(usize, &str)> = Vec::new();
    let mut in_hunk = false;
    for line in diff.lines() {
        if !in_hunk && let Some(t) = line.strip_prefix("--- ") {
            t.clone_into(&mut old_title);
        } else if !in_hunk && let Some(t) = line.strip_prefix("+++ ") {
            t.clone_into(&mut new_title);
        } else if line.starts_with("@@") {
            flush_changes(&mut rows, &mut dels, &mut adds);
            in_hunk = true;
            (ln_old, ln_new) = hunk_starts(line);
            rows.push(Row::Hunk(line));
        } else if let Some(t) = line.strip_prefix('-') {
            dels.push((ln_old, t));
            ln_old += 1;
        } else if let Some(t) = line.strip_prefix('+') {
            adds.push((ln_new, t));
            ln_new += 1;
        } else if line.starts_with('\\') {
            // "\ No newline at end of file"
        } else {
            flush_changes(&mut rows, &mut dels, &mut adds);
            let t = line.strip_prefix(' ').unwrap_or(line);
            rows.push(Row::Line {
                left: Some((ln_old, t)),
                right: Some((ln_new, t)),
                changed: false,
            });
            ln_old += 1;
            ln_new += 1;
        }
    }
    flush_changes(&mut rows, &mut dels, &mut adds);
    (old_title, new_title, rows)
}

/// Highlights what changed between a removed and an added line (word level, `similar`).
fn inline_changes(old: &str, new: &str) -> (String, String) {
    let diff = similar::TextDiff::from_words(old, new);
    let (mut left, mut right) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let text = escape(change.value());
        match change.tag() {
            similar::ChangeTag::Equal => {
                left.push_str(&text);
                right.push_str(&text);
            }
            similar::ChangeTag::Delete => {
                let _ = write!(left, "<del>{text}</del>");
            }
            similar::ChangeTag::Insert => {
                let _ = write!(right, "<ins>{text}</ins>");
            }
        }
    }
    (left, right)
}

fn side_by_side(page: &mut String, diff: &str) {
    let (old_title, new_title, rows) = parse_unified(diff);
    let changed = rows
        .iter()
        .filter(|r| matches!(r, Row::Line { changed: true, .. }))
        .count();
    let _ = write!(
        page,
        "<details class=\"diff\">\n<summary>Side-by-side diff: <code>{}</code> → <code>{}</code> ({})</summary>\n\
         <div class=\"sbs-wrap\"><table class=\"sbs\">\n<caption class=\"sr\">Removed lines are on the left, added lines on the right; changed words are marked</caption>\n\
         <colgroup><col class=\"ln\"><col class=\"code\"><col class=\"ln\"><col class=\"code\"></colgroup>\n\
         <thead><tr><th scope=\"col\" colspan=\"2\">{}</th><th scope=\"col\" colspan=\"2\">{}</th></tr></thead>\n<tbody>\n",
        escape(&old_title),
        escape(&new_title),
        plural(changed, "changed line"),
        escape(&old_title),
        escape(&new_title)
    );
    for row in &rows {
        match row {
            Row::Hunk(h) => {
                let _ = writeln!(
                    page,
                    "<tr class=\"hunk\"><td colspan=\"4\">{}</td></tr>",
                    escape(h)
                );
            }
            Row::Line {
                left,
                right,
                changed,
            } => {
                let (l, r) = match (left, right, changed) {
                    (Some((_, a)), Some((_, b)), true) => inline_changes(a, b),
                    _ => (
                        left.map(|(_, t)| escape(t)).unwrap_or_default(),
                        right.map(|(_, t)| escape(t)).unwrap_or_default(),
                    ),
                };
                let cell = |side: &Option<(usize, &str)>, html: &str, kind: &str| match side {
                    Some((n, _)) => format!(
                        "<td class=\"ln\">{n}</td><td class=\"code{}\">{}{html}</td>",
                        if *changed { kind } else { "" },
                        if *changed {
                            if kind == " del" {
                                "<span class=\"sr\">removed: </span>"
                            } else {
                                "<span class=\"sr\">added: </span>"
                            }
                        } else {
                            ""
                        }
                    ),
                    None => "<td class=\"ln\"></td><td class=\"code empty\"></td>".to_owned(),
                };
                let _ = writeln!(
                    page,
                    "<tr{}>{}{}</tr>",
                    if *changed { " class=\"changed\"" } else { "" },
                    cell(left, &l, " del"),
                    cell(right, &r, " add")
                );
            }
        }
    }
    page.push_str("</tbody>\n</table></div>\n</details>\n");
}

/// Node geometry of the map.
const NODE_W: usize = 250;
const NODE_H: usize = 28;
const ROW_H: usize = 40;
const TOP: usize = 44;
const COLS: [usize; 3] = [16, 395, 774];
const MAP_W: usize = 1040;

/// A node of the map: label and vertical centre.
struct Column<'a> {
    nodes: Vec<&'a str>,
    offset: usize,
}

impl Column<'_> {
    fn y(&self, id: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|n| *n == id)
            .map(|i| TOP + self.offset + i * ROW_H + NODE_H / 2)
    }
}

fn map_section<'a>(page: &mut String, report: &'a Report, ctx: &'a ReportContext) {
    // What is broken: contracts with a blocking finding; consumers named by one.
    let mut broken_contracts: BTreeSet<&str> = BTreeSet::new();
    let mut broken_uses: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut broken_producer_side: BTreeSet<&str> = BTreeSet::new();
    for f in report.findings.iter().filter(|f| f.blocks()) {
        if let Some(c) = f.contract.as_deref() {
            broken_contracts.insert(c);
            if f.consumers.is_empty() {
                broken_producer_side.insert(c);
            }
            for consumer in &f.consumers {
                broken_uses.insert((c, consumer.system.as_str()));
            }
        }
    }
    let producers: BTreeSet<&str> = ctx
        .contracts
        .iter()
        .map(|c| c.producer.as_str())
        .chain(ctx.edges.iter().map(|e| e.producer.as_str()))
        .filter(|p| !p.is_empty())
        .collect();
    let contracts: BTreeSet<&str> = ctx
        .contracts
        .iter()
        .map(|c| c.id.as_str())
        .chain(ctx.edges.iter().map(|e| e.contract.as_str()))
        .collect();
    let consumers: BTreeSet<&str> = ctx.edges.iter().map(|e| e.consumer.as_str()).collect();
    let rows = producers
        .len()
        .max(contracts.len())
        .max(consumers.len())
        .max(1);
    let column = |nodes: BTreeSet<&'a str>| -> Column<'a> {
        let n = nodes.len();
        Column {
            nodes: nodes.into_iter().collect(),
            offset: (rows - n) * ROW_H / 2,
        }
    };
    let cols = [column(producers), column(contracts), column(consumers)];
    let height = TOP + rows * ROW_H + 8;
    let broken_edges = ctx
        .edges
        .iter()
        .filter(|e| broken_uses.contains(&(e.contract.as_str(), e.consumer.as_str())))
        .count();
    let mut desc = format!(
        "{} producing systems, {} contracts and {} consuming systems; {} of {} consumer edges broken",
        cols[0].nodes.len(),
        cols[1].nodes.len(),
        cols[2].nodes.len(),
        broken_edges,
        ctx.edges.len()
    );
    for (c, s) in &broken_uses {
        let _ = write!(desc, "; broken: {c} to {s}");
    }
    let _ = write!(
        page,
        "<section id=\"map\" aria-labelledby=\"map-h\">\n<h2 id=\"map-h\">Integration map</h2>\n\
         <p class=\"legend\"><span class=\"key ok\"></span> use without blocking finding \
         <span class=\"key bad\"></span> broken: a blocking finding on the contract or consumer</p>\n\
         <div class=\"map-wrap\"><svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {MAP_W} {height}\" role=\"img\" aria-labelledby=\"map-title map-desc\" width=\"{MAP_W}\" height=\"{height}\">\n\
         <title id=\"map-title\">Integration map: producers, contracts and consumers</title>\n<desc id=\"map-desc\">{}</desc>\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#57606a\"/></marker>\
         <marker id=\"arrow-bad\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b42318\"/></marker></defs>\n",
        escape(&desc)
    );
    for (i, head) in ["Producers", "Contracts", "Consumers"].iter().enumerate() {
        let x = COLS.get(i).copied().unwrap_or_default() + NODE_W / 2;
        let _ = writeln!(
            page,
            "<text class=\"colhead\" x=\"{x}\" y=\"24\" text-anchor=\"middle\">{head}</text>"
        );
    }
    // Edges first, so nodes draw over their ends.
    let edge = |page: &mut String,
                x1: usize,
                y1: usize,
                x2: usize,
                y2: usize,
                bad: bool,
                label: &str| {
        let mid = usize::midpoint(x1, x2);
        let _ = writeln!(
            page,
            "<g class=\"edge{}\"><title>{}</title><path d=\"M{x1},{y1} C{mid},{y1} {mid},{y2} {},{y2}\" marker-end=\"url(#{})\"/></g>",
            if bad { " broken" } else { "" },
            escape(label),
            x2.saturating_sub(2),
            if bad { "arrow-bad" } else { "arrow" }
        );
    };
    let [producer_col, contract_col, consumer_col] = &cols;
    let [x_prod, x_contract, x_consumer] = COLS;
    for c in &ctx.contracts {
        if let (Some(y1), Some(y2)) = (producer_col.y(&c.producer), contract_col.y(&c.id)) {
            let bad = broken_producer_side.contains(c.id.as_str());
            let label = format!(
                "{} produces {}{}",
                c.producer,
                c.id,
                if bad { " (broken)" } else { "" }
            );
            edge(page, x_prod + NODE_W, y1, x_contract, y2, bad, &label);
        }
    }
    for e in &ctx.edges {
        if let (Some(y1), Some(y2)) = (contract_col.y(&e.contract), consumer_col.y(&e.consumer)) {
            let bad = broken_uses.contains(&(e.contract.as_str(), e.consumer.as_str()));
            let label = format!(
                "{} reads {} {}{}{}",
                e.consumer,
                e.contract,
                e.versions,
                e.consumer_owner
                    .as_ref()
                    .map(|o| format!(" (owner {o})"))
                    .unwrap_or_default(),
                if bad { ": broken" } else { "" }
            );
            edge(page, x_contract + NODE_W, y1, x_consumer, y2, bad, &label);
        }
    }
    for (col, x) in cols.iter().zip(COLS) {
        for id in &col.nodes {
            let Some(cy) = col.y(id) else { continue };
            let is_contract = std::ptr::eq(col, contract_col);
            let bad = if is_contract {
                broken_contracts.contains(id)
            } else if std::ptr::eq(col, consumer_col) {
                broken_uses.iter().any(|(_, s)| s == id)
            } else {
                false
            };
            let kind = if is_contract { "contract" } else { "system" };
            let label: String = if id.chars().count() > 32 {
                id.chars().take(31).chain(std::iter::once('…')).collect()
            } else {
                (*id).to_owned()
            };
            let _ = writeln!(
                page,
                "<g class=\"node {kind}{}\"><title>{}{}</title><rect x=\"{x}\" y=\"{}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}{}</text></g>",
                if bad { " broken" } else { "" },
                escape(id),
                if bad { " (broken)" } else { "" },
                cy - NODE_H / 2,
                if is_contract { 4 } else { 14 },
                x + NODE_W / 2,
                cy + 5,
                if bad { "✕ " } else { "" },
                escape(&label)
            );
        }
    }
    page.push_str("</svg></div>\n");
    // The same map as a table, for screen readers and for reading at a glance.
    page.push_str("<details class=\"edges\"><summary>The map as a table</summary>\n<table>\n<thead><tr><th scope=\"col\">Producer</th><th scope=\"col\">Contract</th><th scope=\"col\">Consumer</th><th scope=\"col\">Versions read</th><th scope=\"col\">Consumer owner</th><th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
    for e in &ctx.edges {
        let bad = broken_uses.contains(&(e.contract.as_str(), e.consumer.as_str()));
        let _ = writeln!(
            page,
            "<tr{}><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            if bad { " class=\"broken\"" } else { "" },
            escape(&e.producer),
            escape(&e.contract),
            escape(&e.consumer),
            escape(&e.versions),
            escape(e.consumer_owner.as_deref().unwrap_or("—")),
            if bad { "broken" } else { "ok" }
        );
    }
    page.push_str("</tbody>\n</table>\n</details>\n</section>\n");
}

fn waived_section(page: &mut String, waived: &[&Finding]) {
    page.push_str("<section id=\"waived\" aria-labelledby=\"waived-h\">\n<h2 id=\"waived-h\">Waived findings</h2>\n<p>Reported, but a waiver lets them pass until it expires.</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Contract</th><th scope=\"col\">Version</th><th scope=\"col\">Approved by</th><th scope=\"col\">Ticket</th><th scope=\"col\">Expires</th><th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
    for f in waived {
        let Some(w) = &f.waived else { continue };
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\"><a href=\"#f-{}\"><code>{}</code></a></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.fingerprint),
            escape(f.rule_id.as_str()),
            escape(f.contract.as_deref().unwrap_or("—")),
            escape(f.version.as_deref().unwrap_or("—")),
            escape(&w.approved_by),
            escape(w.ticket.as_deref().unwrap_or("—")),
            escape(&w.expires),
            escape(&w.reason)
        );
    }
    page.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn errors_section(page: &mut String, report: &Report) {
    page.push_str("<section id=\"errors\" aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Input errors</h2>\n<p>The input did not load, so nothing was checked. Fix these first.</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Location</th><th scope=\"col\">Kind</th><th scope=\"col\">Message</th><th scope=\"col\">How to fix</th></tr></thead>\n<tbody>\n");
    for e in &report.errors {
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&e.location),
            escape(&e.kind),
            prose(&e.message),
            prose(e.help.as_deref().unwrap_or("—"))
        );
    }
    page.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// Opens every folded section before printing (printing also expands them with CSS where the
/// browser supports it); the page reads the same without it.
const SCRIPT: &str = "<script>addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});</script>\n";

/// The whole stylesheet: system fonts only, nothing loaded.
const CSS: &str = r"
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--err:#b42318;--err-bg:#fef3f2;--ok:#116329;--ok-bg:#e6f6ea;--warn:#7d4e00;--warn-bg:#fff8c5;--note:#0550ae;--note-bg:#ddf4ff;--focus:#0969da}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--fg);background:#fff}
body{margin:0}
code,pre,.sbs td{font-family:ui-monospace,'SFMono-Regular','DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.875rem}
a{color:var(--note)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:3px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:10}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 2rem;padding:.75rem 2rem;border-bottom:1px solid var(--line);background:var(--soft)}
.brand{margin:0;font-weight:600;color:var(--muted);letter-spacing:.02em}
nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}
main{max-width:1120px;margin:0 auto;padding:1.5rem 2rem 3rem}
footer{max-width:1120px;margin:0 auto;padding:1rem 2rem 2rem;color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}
h1,h2,h3,h4{line-height:1.25}
h2{font-size:1.5rem;margin:2.5rem 0 1rem;padding-bottom:.35rem;border-bottom:1px solid var(--line)}
h3{font-size:1.2rem;margin:1.75rem 0 .5rem;display:flex;align-items:baseline;gap:.75rem}
h4{font-size:1rem;margin:0 0 .35rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.decision{border:1px solid var(--line);border-left:10px solid var(--muted);border-radius:8px;padding:1.25rem 1.5rem;background:var(--soft)}
.decision.fail,.decision.error{border-left-color:var(--err);background:var(--err-bg)}
.decision.pass{border-left-color:var(--ok);background:var(--ok-bg)}
.decision h1{margin:0 0 .5rem;font-size:2.25rem;display:flex;align-items:baseline;gap:1rem;flex-wrap:wrap}
.decision.fail .verdict,.decision.error .verdict{color:var(--err)}
.decision.pass .verdict{color:var(--ok)}
.decision .cmd{font-size:1rem;font-weight:500;color:var(--muted)}
.why{margin:.25rem 0 .75rem;font-size:1.05rem}
.alert{margin:.5rem 0;padding:.6rem .9rem;border:3px solid var(--err);border-radius:6px;background:#fff;color:var(--err);font-weight:700}
.because{margin:.5rem 0 .25rem;font-weight:600}
.reasons{margin:0 0 .75rem;padding-left:1.25rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:.75rem 0;padding:0}
.count{padding:.2rem .75rem;border-radius:999px;font-weight:600;border:1px solid currentColor}
.count.error{color:var(--err);background:#fff}
.count.warning{color:var(--warn);background:#fff}
.count.note{color:var(--note);background:#fff}
.count.waived{color:var(--muted);background:#fff}
.count.zero{font-weight:400;color:var(--muted)}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.5rem 1.5rem;margin:1rem 0 0}
.meta div{min-width:0}
.meta dt,.facts dt{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.meta dd,.facts dd{margin:0;overflow-wrap:anywhere}
.contract{margin-top:1.5rem}
.contract.broken>h3{color:var(--err)}
.tally{font-size:.875rem;font-weight:400;color:var(--muted)}
.owner{margin:.25rem 0 .5rem;color:var(--muted)}
.timeline{display:flex;flex-wrap:wrap;list-style:none;margin:0 0 1rem;padding:0;gap:0}
.timeline .v{position:relative;padding:.35rem .9rem .35rem 1.1rem;border:1px solid var(--line);background:#fff;margin-right:-1px}
.timeline .v:first-child{border-radius:6px 0 0 6px}
.timeline .v:last-child{border-radius:0 6px 6px 0}
.timeline .v.deprecated{background:var(--warn-bg)}
.timeline .v.affected{border-color:var(--err);box-shadow:inset 0 -3px 0 var(--err);z-index:1}
.vk{font-weight:700}
.vs{color:var(--muted);font-size:.875rem}
.vf{color:var(--err);font-size:.8rem;font-weight:600}
.finding{border:1px solid var(--line);border-left:6px solid var(--note);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem;background:#fff}
.finding.error{border-left-color:var(--err)}
.finding.warning{border-left-color:#bf8700}
.finding.is-waived{border-left-color:var(--muted);border-left-style:dashed}
.sev{display:inline-block;padding:.05rem .55rem;border-radius:4px;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#fff;background:var(--note)}
.sev.error{background:var(--err)}
.sev.warning{background:var(--warn)}
.rule{font-size:.95rem;font-weight:600}
.state{font-size:.8rem;color:var(--muted)}
.msg{margin:.25rem 0 .75rem;font-size:1.05rem}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.5rem 1.5rem;margin:0 0 .75rem}
.consumers{margin:0;padding-left:1.1rem}
.help{margin:0 0 .75rem;padding:.5rem .75rem;border-left:3px solid var(--ok);background:var(--ok-bg)}
.help .label{font-weight:600}
.waiver{padding:.5rem .75rem;background:var(--soft);border-radius:4px}
.payload{margin:.75rem 0}
figcaption,.notes .label{font-weight:600;margin:0 0 .25rem}
pre{margin:0;padding:.75rem 1rem;background:var(--soft);border:1px solid var(--line);border-radius:6px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
.notes ul{margin:0;padding-left:1.25rem}
.notes li{margin:.15rem 0}
details{margin:.75rem 0}
summary{cursor:pointer;font-weight:600;padding:.35rem 0}
.sbs-wrap,.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.35rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
.sbs{table-layout:fixed}
.sbs col.ln{width:3.5rem}
.sbs td{padding:.05rem .4rem;white-space:pre-wrap;overflow-wrap:anywhere;border-top:0;border-bottom:0}
.sbs td.ln{color:var(--muted);text-align:right;user-select:none;background:var(--soft)}
.sbs tbody tr:last-child td{border-bottom:1px solid var(--line)}
.sbs tr.hunk td{background:var(--note-bg);color:var(--note);border:1px solid var(--line)}
.sbs td.del{background:#ffebe9}
.sbs td.add{background:#dafbe1}
.sbs td.empty{background:repeating-linear-gradient(45deg,#fff,#fff 4px,var(--soft) 4px,var(--soft) 8px)}
del{background:#ffc1bc;text-decoration:line-through;color:inherit}
ins{background:#aceebb;text-decoration:none;color:inherit}
.legend{color:var(--muted);font-size:.9rem}
.key{display:inline-block;width:2rem;height:0;vertical-align:middle;margin:0 .35rem 0 .75rem;border-top:2px solid var(--muted)}
.key.bad{border-top:3px dashed var(--err)}
.map-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:#fff}
svg.map{display:block;max-width:100%;height:auto;font-family:inherit}
.map .colhead{font-size:14px;font-weight:700;fill:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.map .edge path{fill:none;stroke:#8c959f;stroke-width:1.5}
.map .edge.broken path{stroke:var(--err);stroke-width:3;stroke-dasharray:8 5}
.map .node rect{fill:#fff;stroke:#57606a;stroke-width:1.25}
.map .node.contract rect{fill:var(--note-bg);stroke:var(--note)}
.map .node.broken rect{fill:var(--err-bg);stroke:var(--err);stroke-width:2.5}
.map .node text{font-size:13px;fill:var(--fg)}
.map .node.broken text{fill:var(--err);font-weight:700}
.edges tr.broken td,.edges tr.broken th{color:var(--err);font-weight:600}
@media print{
 html{font-size:11pt}
 *{background:transparent!important;box-shadow:none!important}
 .top nav,.skip{display:none}
 main{max-width:none;padding:0}
 details::details-content{content-visibility:visible;display:block}
 details>summary{list-style:none}
 .finding,.decision,figure,tr{break-inside:avoid}
 .sbs td.del,.sbs td.add{font-weight:700}
 a{color:inherit;text-decoration:none}
}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::finding::{ConsumerRef, WaivedBy};
    use crate::report::context::{BaseRevision, ContractInfo, Edge, VersionInfo};

    fn sample() -> Report {
        let mut f = Finding::new(
            crate::rules::RuleId::ConsumerIncompatible,
            Severity::Error,
            Location::new("consumers/wms.yaml", 3, 5),
            "consumer `wms` cannot read <script>alert(1)</script> 2.1.0",
        );
        f.contract = Some("sales.order-created".to_owned());
        f.version = Some("2.1.0".to_owned());
        f.consumers = vec![ConsumerRef {
            system: "wms".to_owned(),
            owner: Some("wms-team & co".to_owned()),
        }];
        f.counterexample = Some(serde_json::json!({"note": "\"</pre>"}));
        f.notes = vec!["2.1.0 accepts it".to_owned(), "wms rejects it".to_owned()];
        f.diff = Some(
            "--- a.json (at main)\n+++ a.json (now)\n@@ -1,3 +1,3 @@\n {\n-  \"max\": 1\n+  \"max\": 2\n }\n"
                .to_owned(),
        );
        let mut w = Finding::new(
            crate::rules::RuleId::PropertyRemoved,
            Severity::Error,
            Location::new("a.json", 1, 1),
            "gone",
        );
        w.contract = Some("sales.order-created".to_owned());
        w.waived = Some(WaivedBy {
            approved_by: "jane".to_owned(),
            ticket: Some("CHG-1".to_owned()),
            expires: "2027-01-31".to_owned(),
            reason: "ok'd".to_owned(),
        });
        let mut r = Report::new("check", vec![f, w], "1 blocking finding".to_owned());
        r.context = Some(ReportContext {
            base: Some(BaseRevision {
                name: "main".to_owned(),
                short: "abc1234".to_owned(),
            }),
            generated_at: "2026-11-27T14:00:00Z".to_owned(),
            freeze: None,
            alerts: vec!["!!! BREAK-GLASS <b> !!!".to_owned()],
            contracts: vec![ContractInfo {
                id: "sales.order-created".to_owned(),
                producer: "erp".to_owned(),
                owner: None,
                versions: vec![
                    VersionInfo {
                        key: "2.0.0".to_owned(),
                        status: "deprecated".to_owned(),
                        sunset: Some("2027-03-31".to_owned()),
                    },
                    VersionInfo {
                        key: "2.1.0".to_owned(),
                        status: "active".to_owned(),
                        sunset: None,
                    },
                ],
            }],
            systems: Vec::new(),
            edges: vec![Edge {
                contract: "sales.order-created".to_owned(),
                consumer: "wms".to_owned(),
                producer: "erp".to_owned(),
                versions: "^2".to_owned(),
                consumer_owner: Some("wms-team".to_owned()),
            }],
            version_diffs: Vec::new(),
        });
        r
    }

    #[test]
    fn escapes_input_everywhere() {
        let page = render(&sample());
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("wms-team &amp; co"));
        assert!(
            page.contains("<p class=\"alert\" role=\"alert\">!!! BREAK-GLASS &lt;b&gt; !!!</p>")
        );
        assert!(!page.contains("\"</pre>"));
        assert_eq!(escape("a\u{0}b\r\n"), "a\u{FFFD}b\n");
    }

    #[test]
    fn shows_decision_timeline_diff_map_and_waiver() {
        let page = render(&sample());
        assert!(page.contains("<title>seam check: Blocked (1 blocking finding)</title>"));
        assert!(page.contains("<code>main (abc1234)</code>"));
        assert!(page.contains("sunset 2027-03-31"));
        assert!(page.contains("class=\"v active affected\""));
        assert!(page.contains("<details class=\"diff\">"));
        assert!(page.contains("<del>1</del>") && page.contains("<ins>2</ins>"));
        assert!(page.contains("<g class=\"edge broken\">"));
        assert!(page.contains("<g class=\"node contract broken\">"));
        assert!(page.contains("Waived by <strong>jane</strong> (CHG-1) until 2027-01-31"));
        assert!(page.contains("Why each side accepts or rejects it"));
        // Blocking findings come before waived ones.
        let blocking = page.find("id=\"f-").unwrap_or(usize::MAX);
        let waived = page.find("class=\"finding error is-waived\"").unwrap_or(0);
        assert!(blocking < waived, "{page}");
        // Same input, same bytes.
        assert_eq!(page, render(&sample()));
    }

    #[test]
    fn side_by_side_pairs_removed_and_added_lines() {
        let (old, new, rows) =
            parse_unified("--- a\n+++ b\n@@ -10,3 +10,4 @@\n x\n-y\n+y2\n+z\n w\n");
        assert_eq!((old.as_str(), new.as_str()), ("a", "b"));
        let lines: Vec<(Option<usize>, Option<usize>, bool)> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Line {
                    left,
                    right,
                    changed,
                } => Some((left.map(|l| l.0), right.map(|r| r.0), *changed)),
                Row::Hunk(_) => None,
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (Some(10), Some(10), false),
                (Some(11), Some(11), true),
                (None, Some(12), true),
                (Some(12), Some(13), false),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_cannot_open_markup(text in "\\PC*") {
            let out = escape(&text);
            proptest::prop_assert!(!out.contains(['<', '>', '"', '\'']));
            let back = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text.replace('\r', ""));
            let shown = prose(&text);
            proptest::prop_assert!(!shown.replace("<code>", "").replace("</code>", "").contains('<'));
        }
    }

    #[test]
    fn input_errors_page() {
        let err = crate::error::LoadError::new(
            Location::new("seam.yaml", 2, 1),
            crate::error::LoadErrorKind::Io,
            "bad <yaml>",
        );
        let page = render(&Report::input_errors("check", &[err]));
        assert!(page.contains("Not checked: input errors"));
        assert!(page.contains("bad &lt;yaml&gt;"));
        assert!(!page.contains("id=\"map\""));
    }
}
