//! The reference of seam's file formats, generated from the same JSON Schemas the loader
//! validates with, so the documentation never drifts from the code (`docs/file-formats.md`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

/// Renders `docs/file-formats.md`.
pub fn file_formats_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from src/contract/model.rs by `SEAM_BLESS=1 cargo test --test it own_schemas`; do not edit. -->\n\
         # seam file formats\n\n\
         Every file is YAML 1.2 (`yes`/`no`/`on`/`off` are strings, `010` stays a string). Unknown fields are\n\
         errors (with a \"did you mean\"). JSON Schemas of these formats, for editor autocompletion, are in\n\
         `contracts/seam-files/`. Version ranges use Cargo's syntax: a bare `1.2.3` means `^1.2.3`.\n",
    );
    let files = [
        (
            "seam.yaml",
            "seam.schema.json",
            "Repository settings and policy, at the root.",
        ),
        (
            "systems/<id>.yaml",
            "system.schema.json",
            "One file per system; `id` equals the file name.",
        ),
        (
            "keys.yaml",
            "keys.schema.json",
            "Canonical keys shared across systems (optional file).",
        ),
        (
            "contracts/<id>/contract.yaml",
            "contract.schema.json",
            "One folder per interface, named by its id, with `schemas/<version>.json|yaml` and example payloads.",
        ),
        (
            "consumers/<system>.yaml",
            "consumer.schema.json",
            "What one consuming system uses and expects.",
        ),
        (
            "waivers.yaml",
            "waivers.schema.json",
            "Approved exceptions (optional file).",
        ),
    ];
    let schemas = super::model::file_schemas();
    for (file, name, blurb) in files {
        let Some(schema) = schemas.get(name) else {
            continue;
        };
        let _ = write!(out, "\n## `{file}`\n\n{blurb}\n");
        let mut seen = BTreeSet::new();
        object_section(&mut out, schema, schema, None, &mut seen);
    }
    out.push_str(EXAMPLE_FILES);
    out
}

/// How example payload files are written, the part of the format no schema field says.
const EXAMPLE_FILES: &str = "
## Example payload files

A producer example (`file:` of an entry under `examples:` in `contract.yaml`) and the files a
consumer's `examples:` glob matches are payloads seam verifies against the schemas:

Every command that loads the repository checks that each payload file parses; `seam verify`
and `seam check` then validate each file's payloads, reading the file once whatever number of
versions and consumers it is checked against, and keep no payload in memory after its checks.

- `.json`: one JSON payload; `.yaml`/`.yml`: one YAML payload. At most 16 MiB each.
- `.ndjson`/`.jsonl`: JSON lines, one payload per line, e.g. traffic recorded from a queue or a
  log. Blank lines are skipped; a line break ends a payload (`\\n` or `\\r\\n`), so a payload
  may not span lines. The file may be of any size: it is read line by line, with one batch of
  lines in memory, each line at most 16 MiB. Every finding names `file:line:col`; a line that is
  not JSON is an input error at its line and column (exit 2), and ends the reading of that file.
  Each line counts as one example (a producer entry with `expect: invalid` needs every line
  rejected); idempotency keys are compared across all lines and files of a contract. Loading
  only opens a JSON-lines file; its lines are parsed when verified.

A producer `file:` holding `*`, `?`, `[` or `{` is a glob relative to the contract folder
(`examples/*.json`, `recorded/**/*.ndjson`; `*` does not cross `/`, `**` does): every matching
file is one example with the entry's `versions`, `expect`, `keyword` and `path`, in path order.
A glob that matches no file, or reaches outside the repository, is an error. Like every file
seam reads, an example is a regular file inside the repository after its symbolic links are
resolved; anything else is refused by name, never read.
";

fn resolve<'a>(root: &'a Value, node: &'a Value) -> (&'a Value, Option<&'a str>) {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next();
        if let Some(target) = r.strip_prefix('#').and_then(|p| root.pointer(p)) {
            return (target, name);
        }
    }
    if let Some(branches) = node.get("anyOf").and_then(Value::as_array)
        && let Some(b) = branches
            .iter()
            .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))
    {
        return resolve(root, b);
    }
    (node, None)
}

fn enum_values(node: &Value) -> Option<Vec<String>> {
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect(),
        );
    }
    let branches = node.get("oneOf")?.as_array()?;
    branches
        .iter()
        .map(|b| {
            b.get("const")
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        })
        .collect()
}

fn type_of(root: &Value, node: &Value, nested: &mut Vec<(String, Value)>) -> String {
    let (target, name) = resolve(root, node);
    if let Some(values) = enum_values(target) {
        return values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(" | ");
    }
    let ty = match target.get("type") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".to_owned(),
    };
    match ty.as_str() {
        "object" if target.get("properties").is_some() => {
            let title = name.unwrap_or("object").to_owned();
            if !nested.iter().any(|(n, _)| *n == title) {
                nested.push((title.clone(), target.clone()));
            }
            format!("mapping ([{title}](#{}))", title.to_lowercase())
        }
        "object" => match target.get("additionalProperties") {
            Some(inner) if inner.is_object() => {
                format!("mapping of name → {}", type_of(root, inner, nested))
            }
            _ => "mapping".to_owned(),
        },
        "array" => match target.get("items") {
            Some(items) => format!("list of {}", type_of(root, items, nested)),
            None => "list".to_owned(),
        },
        "string" => match target.get("pattern").and_then(Value::as_str) {
            Some(p) => format!("string matching `{p}`"),
            None => "string".to_owned(),
        },
        other => other.to_owned(),
    }
}

fn object_section(
    out: &mut String,
    root: &Value,
    node: &Value,
    title: Option<&str>,
    seen: &mut BTreeSet<String>,
) {
    if let Some(t) = title {
        if !seen.insert(t.to_owned()) {
            return;
        }
        let _ = write!(out, "\n### {t}\n\n");
        if let Some(d) = node.get("description").and_then(Value::as_str) {
            let _ = writeln!(out, "{d}\n");
        }
    } else {
        out.push('\n');
    }
    let required: BTreeSet<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    out.push_str("| field | type | required | default | meaning |\n|---|---|---|---|---|\n");
    let mut nested = Vec::new();
    for (name, prop) in props {
        let ty = type_of(root, prop, &mut nested);
        let req = if required.contains(name.as_str()) {
            "yes"
        } else {
            ""
        };
        let default = prop
            .get("default")
            .map(|d| format!("`{d}`"))
            .unwrap_or_default();
        let desc = prop
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .replace('\n', " ");
        // A `|` inside a cell (regex alternations, enum lists) would end the cell.
        let cell = |s: &str| s.replace('|', "\\|");
        let _ = writeln!(
            out,
            "| `{name}` | {} | {req} | {} | {} |",
            cell(&ty),
            cell(&default),
            cell(&desc)
        );
    }
    for (name, schema) in nested {
        object_section(out, root, &schema, Some(&name), seen);
    }
}
