//! The page: decision, findings grouped by contract with their timelines, waived findings and
//! input errors, around the map (`map`) and the side-by-side diffs (`diff`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::finding::{Finding, Severity};
use crate::report::context::{ContractInfo, ReportContext, VERSION_PAIR_RULES};
use crate::report::{Outcome, Report};

use super::css::CSS;
use super::diff::side_by_side;
use super::map::map_section;

/// Writes the report as one self-contained HTML page.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    // A page printed into a CI log must not hold workflow commands; the entities read the same
    // in a browser (no input reaches the page's script or style).
    let page = render(report);
    out.write_all(crate::report::text::guard_text(&page, "&#58;", "&#35;").as_bytes())
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

pub(super) fn plural(n: usize, word: &str) -> String {
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

    let kind = match report.command.as_str() {
        "release" => "release report",
        "check" => "compatibility report",
        _ => "report",
    };
    let _ = write!(
        page,
        "<header class=\"top\"><p class=\"brand\">seam · {kind}</p>\n<nav aria-label=\"Sections\"><ul>"
    );
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
