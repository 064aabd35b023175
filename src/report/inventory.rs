//! The inventory as a Markdown table, as CSV (RFC 4180 quoting) and as JSON.

use std::io::{self, Write};

use crate::inventory::{Integration, Inventory};

/// Column headers, shared by Markdown and CSV.
const HEADERS: [&str; 10] = [
    "contract",
    "pattern",
    "producer → consumers",
    "frequency",
    "owner",
    "reconciliation owner",
    "monitoring SLA",
    "versions published",
    "versions in use",
    "vendor APIs",
];

/// The cells of one row; multi-valued cells are lists.
fn cells(i: &Integration) -> [Vec<String>; 10] {
    let consumers: Vec<String> = {
        let mut names: Vec<String> = i
            .consumers
            .iter()
            .map(|c| c.system.system.clone())
            .collect();
        names.dedup();
        names
    };
    // A request flows from its callers to the producer that serves it.
    let flow = match (consumers.is_empty(), i.pattern == "api-request") {
        (true, _) => format!("{} → (no consumer)", i.producer.system),
        (false, true) => format!("{} → {} (calls)", consumers.join(", "), i.producer.system),
        (false, false) => format!("{} → {}", i.producer.system, consumers.join(", ")),
    };
    let mut sla = Vec::new();
    if let Some(a) = &i.alert_within {
        sla.push(format!("alert within {a}"));
    }
    if let Some(l) = &i.max_lag {
        sla.push(format!("max lag {l}"));
    }
    let versions = i
        .versions
        .iter()
        .map(|v| match (&v.status[..], &v.sunset) {
            ("active", None) => v.version.clone(),
            (status, None) => format!("{} ({status})", v.version),
            (status, Some(s)) => format!("{} ({status}, sunset {s})", v.version),
        })
        .collect();
    let in_use = i
        .consumers
        .iter()
        .map(|c| {
            let resolved = if c.versions.is_empty() {
                "none".to_owned()
            } else {
                c.versions.join(", ")
            };
            format!("{} `{}` → {resolved}", c.system.system, c.range)
        })
        .collect();
    let mut apis = Vec::new();
    if let Some(a) = i.producer.vendor_api() {
        apis.push(format!("{}: {a}", i.producer.system));
    }
    let mut seen = vec![i.producer.system.clone()];
    for c in &i.consumers {
        if seen.contains(&c.system.system) {
            continue;
        }
        seen.push(c.system.system.clone());
        if let Some(a) = c.system.vendor_api() {
            apis.push(format!("{}: {a}", c.system.system));
        }
    }
    let opt = |o: &Option<String>| o.iter().cloned().collect::<Vec<_>>();
    [
        vec![i.contract.clone()],
        vec![i.pattern.clone()],
        vec![flow],
        opt(&i.frequency),
        opt(&i.owner),
        opt(&i.reconciliation_owner),
        sla,
        versions,
        in_use,
        apis,
    ]
}

/// Escapes a Markdown table cell: pipes, and line breaks (which would end the row).
fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// Writes the inventory as a Markdown table.
pub fn markdown(out: &mut dyn Write, inv: &Inventory) -> io::Result<()> {
    match &inv.name {
        Some(name) => writeln!(out, "# Integration inventory: {}", md_cell(name))?,
        None => writeln!(out, "# Integration inventory")?,
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} integration{}.",
        inv.integrations.len(),
        if inv.integrations.len() == 1 { "" } else { "s" }
    )?;
    writeln!(out)?;
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(HEADERS.len()))?;
    for i in &inv.integrations {
        let row: Vec<String> = cells(i)
            .iter()
            .enumerate()
            .map(|(n, values)| {
                if values.is_empty() {
                    "—".to_owned()
                } else if n == 0 {
                    format!("`{}`", md_cell(&values.join("")))
                } else {
                    values
                        .iter()
                        .map(|v| md_cell(v))
                        .collect::<Vec<_>>()
                        .join("<br>")
                }
            })
            .collect();
        writeln!(out, "| {} |", row.join(" | "))?;
    }
    Ok(())
}

/// Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// CSV column names (machine-friendly), in the order of [`HEADERS`].
const CSV_HEADERS: [&str; 10] = [
    "contract",
    "pattern",
    "flow",
    "frequency",
    "owner",
    "reconciliation_owner",
    "monitoring_sla",
    "versions_published",
    "versions_in_use",
    "vendor_apis",
];

/// Writes the inventory as CSV with a header row; multi-valued cells are joined with `; `.
pub fn csv(out: &mut dyn Write, inv: &Inventory) -> io::Result<()> {
    write!(out, "{}\r\n", CSV_HEADERS.join(","))?;
    for i in &inv.integrations {
        let row: Vec<String> = cells(i)
            .iter()
            .map(|values| csv_field(&values.join("; ").replace('`', "")))
            .collect();
        write!(out, "{}\r\n", row.join(","))?;
    }
    Ok(())
}

/// Writes the inventory as pretty JSON.
pub fn json(out: &mut dyn Write, inv: &Inventory) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, inv).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }
}
