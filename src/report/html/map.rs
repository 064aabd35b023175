//! The integration map: systems and contracts as an SVG drawn here (no script, no library),
//! broken edges marked, with the same edges as a table for screen readers.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::page::escape;
use crate::report::Report;
use crate::report::context::ReportContext;

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

pub(super) fn map_section<'a>(page: &mut String, report: &'a Report, ctx: &'a ReportContext) {
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
