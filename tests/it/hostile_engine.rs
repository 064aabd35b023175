//! Pathological schema pairs (issue 13, engine side): each exact input answers with the right
//! outcome — a right verdict, `unknown` with the budget it ran into, or exit 2 naming the file
//! and the reason — and never a panic or an answer past the budget.

use serde_json::{Value, json};

use crate::cli::{BASIC, SCHEMA_1, scaffold, seam, write};

/// `seam diff --mode full --format json old new` over two documents: (exit code, report).
fn diff(old: &Value, new: &Value) -> (i32, Value, String) {
    diff_mode("full", old, new)
}

/// `seam diff --mode <mode> --format json old new`.
fn diff_mode(mode: &str, old: &Value, new: &Value) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.json"), old.to_string()).unwrap();
    std::fs::write(dir.path().join("new.json"), new.to_string()).unwrap();
    let run = seam(
        dir.path(),
        &[
            "diff", "--mode", mode, "--format", "json", "old.json", "new.json",
        ],
    );
    assert!(!run.all().contains("panicked"), "{}", run.all());
    let report = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (run.code, report, run.all())
}

fn verdict(report: &Value) -> &str {
    report["verdict"].as_str().unwrap_or_default()
}

fn reasons(report: &Value) -> String {
    report["unknown"]
        .as_array()
        .map(|u| {
            u.iter()
                .filter_map(|r| r["reason"].as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_default()
}

#[test]
fn max_length_at_u64_max_ends_unknown_within_the_budget() {
    // Was: "capacity overflow" panic, exit 101.
    let (code, report, all) = diff(
        &json!({"type": "string", "maxLength": 18_446_744_073_709_551_615_u64}),
        &json!({"type": "string", "maxLength": 18_446_744_073_709_551_614_u64}),
    );
    assert_eq!(code, 1, "{all}");
    assert_eq!(verdict(&report), "unknown", "{all}");
    assert!(reasons(&report).contains("past the budget"), "{all}");
}

#[test]
fn a_billion_character_min_length_ends_unknown_without_building_it() {
    // Was: 11.7 GB, 41 s and a 1 GB report.
    let (code, report, all) = diff(
        &json!({"type": "string", "minLength": 999_999_999}),
        &json!({"type": "string", "minLength": 1_000_000_000}),
    );
    assert_eq!(code, 1, "{all}");
    assert_eq!(verdict(&report), "unknown", "{all}");
    let why = reasons(&report);
    assert!(why.contains("999999999 characters"), "{why}");
    assert!(why.contains("past the budget"), "{why}");
    assert!(all.len() < 10_000, "report of {} bytes", all.len());
}

/// Each definition names the next one three times, 16 levels: 3^15 paths through 1.4 KB.
fn fan_out(key: &str, max_length: u64) -> Value {
    let mut defs = serde_json::Map::new();
    for i in 0..15 {
        let next = json!({"$ref": format!("#/$defs/d{}", i + 1)});
        let node = if key == "properties" {
            json!({"type": "object", "properties": {"a": next, "b": next, "c": next}})
        } else {
            json!({key: [next, next, next]})
        };
        defs.insert(format!("d{i}"), node);
    }
    defs.insert(
        "d15".to_owned(),
        json!({"type": "string", "maxLength": max_length}),
    );
    json!({"$defs": defs, "$ref": "#/$defs/d0"})
}

#[test]
fn ref_fan_out_graphs_answer_within_the_budget() {
    // Was: past 4 GB and abort (exit 134) in `diff` and `check`.
    // (`oneOf` of three equal branches accepts nothing: both sides are empty, compatible.)
    for key in ["allOf", "anyOf", "properties"] {
        let (code, report, all) = diff(&fan_out(key, 10), &fan_out(key, 9));
        assert_eq!(code, 1, "{key}: {all}");
        // Narrowing `maxLength` is never compatible; undecided is allowed, with its reason.
        match verdict(&report) {
            "incompatible" => {}
            "unknown" => assert!(!reasons(&report).is_empty(), "{key}: {all}"),
            other => panic!("{key}: verdict {other}: {all}"),
        }
        let (code, report, all) = diff(&fan_out(key, 10), &fan_out(key, 10));
        assert_eq!((code, verdict(&report)), (0, "compatible"), "{key}: {all}");
    }
}

#[test]
fn integer_bounds_near_u64_max_are_compared_exactly() {
    let (code, report, all) = diff(
        &json!({"type": "integer", "minimum": 18_446_744_073_709_551_614_u64}),
        &json!({"type": "integer", "minimum": 18_446_744_073_709_551_615_u64}),
    );
    assert_eq!((code, verdict(&report)), (1, "incompatible"), "{all}");
    assert_eq!(
        report["counterexample"]["value"],
        json!(18_446_744_073_709_551_614_u64)
    );
    let (code, report, all) = diff(
        &json!({"type": "integer", "maximum": 18_446_744_073_709_551_615_u64}),
        &json!({"type": "integer", "maximum": 18_446_744_073_709_551_614_u64}),
    );
    assert_eq!((code, verdict(&report)), (1, "incompatible"), "{all}");
    assert_eq!(
        report["counterexample"]["value"],
        json!(18_446_744_073_709_551_615_u64)
    );
}

#[test]
fn number_bounds_around_two_to_the_60_are_compared_exactly() {
    let (code, report, all) = diff(
        &json!({"type": "number", "maximum": 1_152_921_504_606_846_977_u64}),
        &json!({"type": "number", "maximum": 1_152_921_504_606_846_976_u64}),
    );
    assert_eq!((code, verdict(&report)), (1, "incompatible"), "{all}");
    assert_eq!(
        report["counterexample"]["value"],
        json!(1_152_921_504_606_846_977_u64)
    );
    let (code, report, all) = diff(
        &json!({"type": "number", "exclusiveMinimum": -1_152_921_504_606_846_977_i64}),
        &json!({"type": "number", "exclusiveMinimum": -1_152_921_504_606_846_976_i64}),
    );
    assert_eq!((code, verdict(&report)), (1, "incompatible"), "{all}");
}

#[test]
fn divisors_past_two_to_the_53_are_never_compatible_by_rounding() {
    // 9007199254740993 and 9007199254740992 are the same double.
    let (code, report, all) = diff(
        &json!({"type": "integer", "multipleOf": 9_007_199_254_740_993_u64}),
        &json!({"type": "integer", "multipleOf": 9_007_199_254_740_992_u64}),
    );
    assert_eq!(code, 1, "{all}");
    assert_ne!(verdict(&report), "compatible", "{all}");
}

#[test]
fn draft_07_unevaluated_properties_closes_nothing() {
    let (code, report, all) = diff(
        &json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"a": {"type": "integer"}}, "unevaluatedProperties": false}),
        &json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"a": {"type": "integer"}}, "additionalProperties": false}),
    );
    assert_eq!((code, verdict(&report)), (1, "incompatible"), "{all}");
    let value = &report["counterexample"]["value"];
    assert!(
        value
            .as_object()
            .is_some_and(|m| m.keys().any(|k| k != "a")),
        "{all}"
    );
}

#[test]
fn a_backtracking_limit_is_unknown_not_a_counterexample() {
    // The string matches `(.)\2*`; only the engine's backtracking limit rejects it.
    let (code, report, all) = diff_mode(
        "backward",
        &json!({"const": "aaaaaaaaaaaaaaaaaaaa"}),
        &json!({"pattern": "^(?:(a|a)*c|(.)\\2*)$"}),
    );
    assert_eq!(code, 1, "{all}");
    assert!(report["counterexample"].is_null(), "{all}");
    assert_eq!(verdict(&report), "unknown", "{all}");
    assert!(reasons(&report).contains("regex engine"), "{all}");
}

#[test]
fn verify_reports_a_backtracking_limit_as_an_input_error() {
    let dir = scaffold();
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(SCHEMA_1)).unwrap()).unwrap();
    schema["properties"]["customer_id"]["pattern"] = json!("^(?:(a|a)*c|(.)\\2*)$");
    write(&dir, SCHEMA_1, schema.to_string());
    let mut example: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(BASIC)).unwrap()).unwrap();
    example["customer_id"] = json!("a".repeat(25));
    write(&dir, BASIC, example.to_string());
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(!run.all().contains("example-invalid"), "{}", run.all());
    assert!(run.stderr.contains("regex engine"), "{}", run.stderr);
    assert!(run.stderr.contains("order-basic.json"), "{}", run.stderr);
}

#[test]
fn a_pure_ref_loop_is_refused_with_the_file_and_the_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let looped = json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"});
    std::fs::write(dir.path().join("loop.json"), looped.to_string()).unwrap();
    std::fs::write(dir.path().join("string.json"), r#"{"type":"string"}"#).unwrap();
    for args in [["loop.json", "string.json"], ["string.json", "loop.json"]] {
        let run = seam(dir.path(), &["diff", args[0], args[1]]);
        assert_eq!(run.code, 2, "{}", run.all());
        assert!(run.stderr.contains("loop.json"), "{}", run.stderr);
        assert!(
            run.stderr.contains("`#/$defs/a -> #/$defs/b -> #/$defs/a`"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn valid_ecma_patterns_are_accepted() {
    for pattern in ["^(a{1000}){1000}$", "^[^]*$", "^(?<x>a)\\k<x>$"] {
        let p = json!({"type": "string", "pattern": pattern});
        let s = json!({"type": "string"});
        let (code, report, all) = diff(&p, &p);
        assert_eq!(
            (code, verdict(&report)),
            (0, "compatible"),
            "{pattern}: {all}"
        );
        // Dropping a pattern widens: old ⊆ new holds.
        let (code, report, all) = diff_mode("backward", &p, &s);
        assert_eq!(
            (code, verdict(&report)),
            (0, "compatible"),
            "{pattern}: {all}"
        );
    }
    for pattern in ["^(a{1000}){1000}$", "^(?<x>a)\\k<x>$"] {
        // Adding one narrows: `""` is out.
        let p = json!({"type": "string", "pattern": pattern});
        let (code, report, all) = diff_mode("backward", &json!({"type": "string"}), &p);
        assert_eq!(
            (code, verdict(&report)),
            (1, "incompatible"),
            "{pattern}: {all}"
        );
        assert_eq!(report["counterexample"]["value"], json!(""), "{all}");
    }
    // `[^]` is any character: the same set as no pattern at all.
    let (code, report, all) = diff(
        &json!({"type": "string", "pattern": "^[^]*$"}),
        &json!({"type": "string"}),
    );
    assert_eq!((code, verdict(&report)), (0, "compatible"), "{all}");
    // `\k<x>` is a backreference: `aa` matches, `ab` does not.
    let (code, report, all) = diff_mode(
        "backward",
        &json!({"enum": ["aa"]}),
        &json!({"type": "string", "pattern": "^(?<x>a)\\k<x>$"}),
    );
    assert_eq!((code, verdict(&report)), (0, "compatible"), "{all}");
    let (code, report, all) = diff_mode(
        "backward",
        &json!({"enum": ["ab"]}),
        &json!({"type": "string", "pattern": "^(?<x>a)\\k<x>$"}),
    );
    assert_eq!((code, verdict(&report)), (1, "incompatible"), "{all}");
}

#[test]
fn a_2020_12_schema_may_reference_a_draft_04_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("e.yaml"),
        "$schema: \"http://json-schema.org/draft-04/schema#\"\ntype: number\nmaximum: 10\nexclusiveMaximum: true\ndefinitions:\n  small: {type: integer, maximum: 3}\n",
    )
    .unwrap();
    let root = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"e": {"$ref": "e.yaml"}, "s": {"$ref": "e.yaml#/definitions/small"}}});
    let plain = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"e": {"type": "number", "exclusiveMaximum": 10}, "s": {"type": "integer", "maximum": 3}}});
    let wider = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"e": {"type": "number", "maximum": 10}, "s": {"type": "integer", "maximum": 3}}});
    std::fs::write(dir.path().join("root.json"), root.to_string()).unwrap();
    std::fs::write(dir.path().join("plain.json"), plain.to_string()).unwrap();
    std::fs::write(dir.path().join("wider.json"), wider.to_string()).unwrap();
    let run = seam(
        dir.path(),
        &["diff", "--mode", "full", "root.json", "plain.json"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    // The draft-04 exclusive bound keeps its meaning: 10 is out.
    let run = seam(
        dir.path(),
        &["diff", "--format", "json", "wider.json", "root.json"],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["counterexample"]["value"]["e"],
        json!(10),
        "{}",
        run.all()
    );
}

/// A pattern whose nested repetitions multiply past the compiled-size limit (4,000,000 states):
/// under a 2 GB address-space cap, bad input (exit 2) that says why, never an allocation abort.
#[cfg(unix)]
#[test]
fn a_pattern_too_large_to_compile_is_bad_input_under_a_two_gigabyte_cap() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.json"), r#"{"type": "string"}"#).unwrap();
    std::fs::write(
        dir.path().join("new.json"),
        r#"{"type": "string", "pattern": "^(a{4000}){1000}$"}"#,
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("seam");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000 && exec '{}' diff old.json new.json",
            bin.display()
        ))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("new.json:1:"), "{stderr}");
    assert!(
        stderr.contains("compiles past the size limit of 64 MiB"),
        "{stderr}"
    );
}
