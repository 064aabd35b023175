//! Containment questions from the canonical-form suite of the `jsonschema` crate seam depends on
//! (`tests/canonical-suite/*.json` in its published source, which cargo keeps in its registry):
//! each case pairs a schema with its canonical form, two documents that accept the same values,
//! so the engine must find them equivalent in both directions. Prints the count of each verdict,
//! every question not proved equivalent with its reason, and the slowest question. It asserts
//! nothing: a figure for the notes, not a test.
//!
//! `cargo bench --bench canonical_suite` (the suite is looked for under `$CARGO_HOME`, default
//! `~/.cargo`; `SEAM_CANONICAL_SUITE=DIR` names it). Cases whose expected answer is an error,
//! or that validate formats, are not containment questions and are left out.

#![expect(clippy::print_stdout, reason = "a bench binary prints its figures")]

use std::path::{Path, PathBuf};
use std::time::Instant;

use seam::schema::{Engine, EngineOptions, Mode, Verdict};
use serde_json::Value;

/// `jsonschema`'s version, as Cargo.toml pins it.
const JSONSCHEMA: &str = "jsonschema-0.61.2";

/// The suite folder: `SEAM_CANONICAL_SUITE`, else the crate's source in cargo's registry.
fn suite() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("SEAM_CANONICAL_SUITE") {
        return Some(PathBuf::from(dir));
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let registry = home.join("registry/src");
    let mut found: Vec<PathBuf> = std::fs::read_dir(registry)
        .ok()?
        .flatten()
        .map(|index| index.path().join(JSONSCHEMA).join("tests/canonical-suite"))
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found.pop()
}

/// The draft a case names, as the `$schema` its schema then carries.
fn draft_uri(draft: &str) -> &'static str {
    match draft.trim_start_matches("draft") {
        "4" => "http://json-schema.org/draft-04/schema#",
        "6" => "http://json-schema.org/draft-06/schema#",
        "7" => "http://json-schema.org/draft-07/schema#",
        "2019-09" => "https://json-schema.org/draft/2019-09/schema",
        _ => "https://json-schema.org/draft/2020-12/schema",
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("canonical suite: run with `cargo bench --bench canonical_suite`");
        return;
    }
    let Some(dir) = suite() else {
        println!(
            "canonical suite: {JSONSCHEMA}/tests/canonical-suite not found; set SEAM_CANONICAL_SUITE"
        );
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the suite folder reads")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut equivalent, mut incompatible, mut unknown, mut refused) = (0, 0, 0, 0);
    let mut slowest = (0.0_f64, String::new());
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(file).expect("a suite file reads");
        let cases: Vec<Value> = serde_json::from_str(&text).expect("a suite file parses");
        for case in cases {
            let (Some(schema), Some(expected)) = (case.get("schema"), case.get("expected")) else {
                continue;
            };
            if case.get("kind").is_some()
                || case.get("validate_formats").is_some()
                || !(expected.is_object() || expected.is_boolean())
            {
                continue;
            }
            let described = format!("{name}: {}", case["description"]);
            // Both documents are read under the draft the case names.
            let in_draft = |doc: &Value| {
                let mut doc = doc.clone();
                if let (Some(d), Value::Object(m)) =
                    (case.get("draft").and_then(Value::as_str), &mut doc)
                {
                    m.insert("$schema".to_owned(), Value::String(draft_uri(d).to_owned()));
                }
                doc
            };
            let engine = Engine::new(EngineOptions {
                validate_formats: false,
                ..EngineOptions::default()
            });
            let started = Instant::now();
            let (a, b) = match (
                engine.prepare(&in_draft(schema)),
                engine.prepare(&in_draft(expected)),
            ) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => {
                    refused += 1;
                    println!("refused: {described}: {}", e.message);
                    continue;
                }
            };
            let answer = engine.compare(&a, &b, Mode::Full);
            let took = started.elapsed().as_secs_f64();
            if took > slowest.0 {
                slowest = (took, described.clone());
            }
            match answer.verdict {
                Verdict::Compatible => equivalent += 1,
                Verdict::Incompatible => {
                    incompatible += 1;
                    let value = answer
                        .counterexample
                        .map(|c| c.value.to_string())
                        .unwrap_or_default();
                    println!("NOT EQUIVALENT: {described}: {value}");
                }
                Verdict::Unknown => {
                    unknown += 1;
                    let why = answer
                        .unknown
                        .first()
                        .map(|u| format!("`{}` at `{}`: {}", u.keyword, u.pointer, u.reason))
                        .unwrap_or_default();
                    println!("unknown: {described}: {why}");
                }
            }
        }
    }
    let asked = equivalent + incompatible + unknown;
    println!(
        "canonical suite ({}): {asked} questions: {equivalent} equivalent, {incompatible} not equivalent, {unknown} unknown ({:.1}%); {refused} refused (a schema seam does not read); slowest {:.3} s ({})",
        dir.display(),
        100.0 * f64::from(u32::try_from(unknown).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(asked.max(1)).unwrap_or(u32::MAX)),
        slowest.0,
        slowest.1
    );
}
