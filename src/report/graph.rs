//! The landscape as a graph: systems and contracts as nodes, producer → contract → consumer
//! edges, in Mermaid or Graphviz DOT. Node ids are derived from the ids alone (stable across
//! runs and edits elsewhere); labels are escaped for each syntax.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::inventory::Inventory;

/// A Mermaid-safe node id: ASCII letters and digits kept, anything else as `_<hex>_`.
fn mermaid_id(prefix: &str, id: &str) -> String {
    let mut out = String::from(prefix);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", u32::from(c));
        }
    }
    out
}

/// Escapes text inside a quoted Mermaid label.
fn mermaid_text(text: &str) -> String {
    text.replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace(['\r', '\n'], " ")
}

/// Escapes a DOT quoted string.
fn dot_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\r', '\n'], " ")
}

/// Systems with their label detail (vendor and API version), sorted by id.
fn systems(inv: &Inventory) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for i in &inv.integrations {
        out.push((i.producer.system.clone(), i.producer.vendor_api()));
        for c in &i.consumers {
            out.push((c.system.system.clone(), c.system.vendor_api()));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Writes a Mermaid flowchart.
pub fn mermaid(out: &mut dyn Write, inv: &Inventory) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    for (id, detail) in systems(inv) {
        let label = match detail {
            Some(d) => format!("{}<br/>{}", mermaid_text(&id), mermaid_text(&d)),
            None => mermaid_text(&id),
        };
        writeln!(out, "  {}[\"{label}\"]", mermaid_id("s_", &id))?;
    }
    for i in &inv.integrations {
        writeln!(
            out,
            "  {}([\"{}<br/>{}\"])",
            mermaid_id("c_", &i.contract),
            mermaid_text(&i.contract),
            mermaid_text(&i.pattern)
        )?;
    }
    for i in &inv.integrations {
        let c = mermaid_id("c_", &i.contract);
        writeln!(out, "  {} --> {c}", mermaid_id("s_", &i.producer.system))?;
        for u in &i.consumers {
            writeln!(
                out,
                "  {c} -->|\"{}\"| {}",
                mermaid_text(&u.range),
                mermaid_id("s_", &u.system.system)
            )?;
        }
    }
    Ok(())
}

/// Writes a Graphviz digraph.
pub fn dot(out: &mut dyn Write, inv: &Inventory) -> io::Result<()> {
    writeln!(out, "digraph seam {{")?;
    writeln!(out, "  rankdir=LR;")?;
    for (id, detail) in systems(inv) {
        let label = match detail {
            Some(d) => format!("{}\\n{}", dot_text(&id), dot_text(&d)),
            None => dot_text(&id),
        };
        writeln!(
            out,
            "  \"system:{}\" [shape=box, label=\"{label}\"];",
            dot_text(&id)
        )?;
    }
    for i in &inv.integrations {
        writeln!(
            out,
            "  \"contract:{0}\" [shape=ellipse, label=\"{0}\\n{1}\"];",
            dot_text(&i.contract),
            dot_text(&i.pattern)
        )?;
    }
    for i in &inv.integrations {
        let c = dot_text(&i.contract);
        writeln!(
            out,
            "  \"system:{}\" -> \"contract:{c}\";",
            dot_text(&i.producer.system)
        )?;
        for u in &i.consumers {
            writeln!(
                out,
                "  \"contract:{c}\" -> \"system:{}\" [label=\"{}\"];",
                dot_text(&u.system.system),
                dot_text(&u.range)
            )?;
        }
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_labels_are_escaped() {
        assert_eq!(
            mermaid_id("c_", "sales.order-created"),
            "c_sales_2e_order_2d_created"
        );
        assert_ne!(mermaid_id("c_", "a.b"), mermaid_id("c_", "a_b"));
        assert_eq!(
            mermaid_text("a \"b\" <c> #1"),
            "a #quot;b#quot; #lt;c#gt; #35;1"
        );
        assert_eq!(dot_text("a \"b\" \\"), "a \\\"b\\\" \\\\");
    }
}
