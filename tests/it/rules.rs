//! Rule fixtures: every `tests/fixtures/rules/<rule-id>/<case>/{old,new}.json` pair is
//! diffed structurally; the change list is snapshotted, and a firing fixture must report
//! its rule ID. Pairs under `_equivalent/` must report nothing that changes the
//! accepted set.

use std::fmt::Write as _;
use std::path::Path;

use seam::schema::diff::{Change, Effect, structural_changes};
use serde_json::Value;

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One line per change, then its old and new values.
fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        out.push_str("(no changes)\n");
    }
    for c in changes {
        let _ = writeln!(out, "{}", c.line());
        if let Some(v) = &c.old {
            let _ = writeln!(out, "    old: {v}");
        }
        if let Some(v) = &c.new {
            let _ = writeln!(out, "    new: {v}");
        }
    }
    out
}

#[test]
fn rule_fixtures() {
    let mut failures = Vec::new();
    insta::glob!("../fixtures/rules", "*/*/old.json", |old_path| {
        let dir = old_path.parent().expect("case dir");
        let rule = dir
            .parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str())
            .expect("rule dir");
        let old = load(old_path);
        let new = load(&dir.join("new.json"));
        let changes = structural_changes(&old, &new);
        let case = dir.display();
        if rule == "_equivalent" {
            if changes.iter().any(|c| c.effect != Effect::None) {
                failures.push(format!(
                    "{case}: equivalent pair reported\n{}",
                    render(&changes)
                ));
            }
        } else if !changes.iter().any(|c| c.rule_id == rule) {
            failures.push(format!(
                "{case}: expected `{rule}`, got\n{}",
                render(&changes)
            ));
        } else if seam::rules::find(rule).is_none() {
            failures.push(format!("{case}: `{rule}` is not registered"));
        }
        // Determinism: the same input gives the same list, and diff(a, a) is empty.
        assert_eq!(structural_changes(&old, &new), changes);
        assert!(structural_changes(&old, &old).is_empty());
        assert!(structural_changes(&new, &new).is_empty());
        insta::assert_snapshot!(render(&changes));
    });
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// One labelled pair: name, old, new, backward label, forward label.
type CorpusCase = (String, Value, Value, Option<bool>, Option<bool>);

/// What the structural effects alone suggest for one direction: `Some(true)` compatible,
/// `Some(false)` incompatible, `None` unknown.
fn structural_guess(changes: &[Change], blocking: Effect) -> Option<bool> {
    if changes.iter().any(|c| c.effect == Effect::Unknown) {
        return None;
    }
    Some(
        !changes
            .iter()
            .any(|c| c.effect == blocking || c.effect == Effect::Changes),
    )
}

/// Walks the Confluent and Apicurio corpora (when `../shared/conformance` exists) and
/// prints where the structural effects disagree with the labels, and the cases that
/// change something while reporting no change. Run with `--ignored --nocapture`.
#[test]
#[ignore = "reads ../shared/conformance; a development aid, not a gate"]
#[expect(clippy::print_stdout, reason = "development report")]
fn conformance_corpora_report() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    let mut rows: Vec<CorpusCase> = Vec::new();
    for file in [
        "confluent/diff-schema-examples.json",
        "confluent/diff-combined-schema-examples.json",
        "confluent/diff-schema-examples-2020-12.json",
        "confluent/diff-combined-schema-examples-2020-12.json",
    ] {
        let Ok(text) = std::fs::read_to_string(base.join(file)) else {
            return;
        };
        let text = regex_lite_strip_trailing_commas(&text);
        let cases: Value = serde_json::from_str(&text).expect("corpus parses");
        for (i, c) in cases.as_array().into_iter().flatten().enumerate() {
            let label = c.get("compatible").and_then(Value::as_bool);
            let name = format!(
                "{file}#{i} {}",
                c.get("description").and_then(Value::as_str).unwrap_or("")
            );
            rows.push((
                name,
                c["original_schema"].clone(),
                c["update_schema"].clone(),
                label,
                None,
            ));
        }
    }
    if let Ok(text) = std::fs::read_to_string(base.join("apicurio/compatibility-test-data.json")) {
        let data: Value = serde_json::from_str(&text).expect("corpus parses");
        for (i, c) in data["tests"].as_array().into_iter().flatten().enumerate() {
            let (b, f) = match c["compatibility"].as_str() {
                Some("backward") => (Some(true), Some(false)),
                Some("both") => (Some(true), Some(true)),
                _ => (Some(false), Some(false)),
            };
            let name = format!("apicurio#{i} {}", c["id"].as_str().unwrap_or(""));
            rows.push((name, c["original"].clone(), c["updated"].clone(), b, f));
        }
    }
    let (mut agree, mut disagree, mut unknown, mut silent) = (0, 0, 0, 0);
    for (name, old, new, backward, forward) in &rows {
        let changes = structural_changes(old, new);
        if old != new
            && changes.iter().all(|c| c.effect == Effect::None)
            && (*backward == Some(false) || *forward == Some(false))
        {
            silent += 1;
            println!("SILENT {name}");
        }
        for (label, blocking, dir) in [
            (backward, Effect::Narrows, "backward"),
            (forward, Effect::Widens, "forward"),
        ] {
            let Some(label) = label else { continue };
            match structural_guess(&changes, blocking) {
                None => unknown += 1,
                Some(g) if g == *label => agree += 1,
                Some(g) => {
                    disagree += 1;
                    println!(
                        "DISAGREE {dir} label={label} guess={g} {name}\n{}",
                        render(&changes)
                    );
                }
            }
        }
    }
    println!(
        "directional: agree {agree}, disagree {disagree}, unknown {unknown}; silent-but-labelled-incompatible {silent}"
    );
}

/// Removes trailing commas before `}`/`]` (one Confluent file has one).
fn regex_lite_strip_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, ch) in chars.iter().enumerate() {
        if *ch == ',' {
            let next = chars.iter().skip(i + 1).find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(*ch);
    }
    out
}

/// A schema with `props` properties per level and `depth` levels of nesting.
fn large_schema(props: usize, depth: usize, leaf_max: u64, field_max: u64) -> Value {
    let mut inner = serde_json::json!({"type": "string", "maxLength": leaf_max});
    for level in 0..depth {
        let mut properties = serde_json::Map::new();
        for i in 0..props {
            let p = match i % 4 {
                0 => serde_json::json!({"type": "string", "maxLength": field_max}),
                1 => serde_json::json!({"type": "number", "minimum": 0}),
                2 => serde_json::json!({"type": "string", "enum": ["A", "B", "C"]}),
                _ => serde_json::json!({"type": ["string", "null"], "format": "date"}),
            };
            properties.insert(format!("f{level}_{i}"), p);
        }
        properties.insert("nested".to_owned(), inner);
        let mut m = serde_json::Map::new();
        m.insert("type".to_owned(), "object".into());
        m.insert("properties".to_owned(), Value::Object(properties));
        m.insert("additionalProperties".to_owned(), false.into());
        inner = Value::Object(m);
    }
    inner
}

/// Times the diff of two 2,000-property schemas nested 6 deep that differ in one nested
/// `maxLength`. Prints the median; asserts only the result. Run with
/// `cargo test --release --test it large_schema_timing -- --ignored --nocapture`.
#[test]
#[ignore = "timing report, not a gate"]
#[expect(clippy::print_stdout, reason = "development report")]
fn large_schema_timing() {
    for (props, depth) in [(333, 1), (333, 6), (2_000, 1)] {
        let old = large_schema(props, depth, 20, 40);
        let new = large_schema(props, depth, 10, 40);
        let mid = median_diff_time(&old, &new, 1);
        println!("{props} properties x {depth} levels, one nested change: median {mid:?}");
    }
    // Worst case: a quarter of all properties changed, so the walk visits everything.
    let old = large_schema(333, 6, 20, 40);
    let new = large_schema(333, 6, 20, 41);
    let mid = median_diff_time(&old, &new, 6 * 84);
    println!("333 properties x 6 levels, 504 changes: median {mid:?}");
}

fn median_diff_time(old: &Value, new: &Value, expected: usize) -> std::time::Duration {
    let mut times = Vec::new();
    for _ in 0..21 {
        let t = std::time::Instant::now();
        let c = structural_changes(old, new);
        times.push(t.elapsed());
        assert_eq!(c.len(), expected);
    }
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
