//! `seam diff` end to end: fixtures under `tests/fixtures/diff/<case>/`, exit codes asserted,
//! stdout and stderr snapshotted.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff"))
}

/// Runs `seam --color never diff <args>` from the fixtures directory.
fn run(args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("seam")
        .expect("the seam binary")
        .current_dir(fixtures())
        .arg("--color")
        .arg("never")
        .arg("diff")
        .args(args)
        .output()
        .expect("seam runs");
    let code = output.status.code().unwrap_or(-1);
    let text = format!(
        "exit: {code}\n--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (code, text)
}

fn case(name: &str, extra: &[&str]) -> (i32, String) {
    let dir = fixtures().join(name);
    let new = if dir.join("new.yaml").is_file() {
        "new.yaml"
    } else {
        "new.json"
    };
    let old = format!("{name}/old.json");
    let new = format!("{name}/{new}");
    let mut args = vec![old.as_str(), new.as_str()];
    args.extend_from_slice(extra);
    run(&args)
}

macro_rules! snapshot_case {
    ($test:ident, $case:literal, $code:expr, [$($arg:literal),*]) => {
        #[test]
        fn $test() {
            let (code, text) = case($case, &[$($arg),*]);
            insta::assert_snapshot!(stringify!($test), text);
            assert_eq!(code, $code, "{text}");
        }
    };
}

snapshot_case!(max_length_decreased_text, "max-length-decreased", 1, []);
snapshot_case!(
    max_length_decreased_json,
    "max-length-decreased",
    1,
    ["--format", "json"]
);
snapshot_case!(
    max_length_decreased_markdown,
    "max-length-decreased",
    1,
    ["--format", "markdown"]
);
snapshot_case!(
    max_length_decreased_forward,
    "max-length-decreased",
    0,
    ["--mode", "forward"]
);
snapshot_case!(
    optional_property_added_to_open_object,
    "optional-property-added",
    1,
    []
);
snapshot_case!(required_added, "required-added", 1, []);
snapshot_case!(
    type_widened_full_json,
    "type-widened",
    1,
    ["--mode", "full", "--format", "json"]
);
snapshot_case!(type_widened_none, "type-widened", 0, ["--mode", "none"]);
snapshot_case!(
    equivalent_refactor_full,
    "equivalent-refactor",
    0,
    ["--mode", "full"]
);
snapshot_case!(yaml_new, "yaml-new", 1, []);
snapshot_case!(bundled_ref, "bundled-ref", 1, []);
snapshot_case!(remote_ref, "remote-ref", 2, []);
snapshot_case!(escaping_ref, "escaping-ref", 2, []);
snapshot_case!(bad_json, "bad-json", 2, []);
snapshot_case!(invalid_schema, "invalid-schema", 2, []);
snapshot_case!(mixed_drafts_full, "mixed-drafts", 0, ["--mode", "full"]);
snapshot_case!(pattern_narrowed, "pattern-narrowed", 1, []);
snapshot_case!(recursive_ref, "recursive-ref", 1, []);
snapshot_case!(
    recursive_ref_forward,
    "recursive-ref",
    0,
    ["--mode", "forward"]
);
snapshot_case!(closed_object_backward, "closed-object", 0, []);
snapshot_case!(
    closed_object_forward,
    "closed-object",
    1,
    ["--mode", "forward"]
);
snapshot_case!(enum_value_removed, "enum-value-removed", 1, []);
// A draft-04 schema moved to draft 7: only `{"port": 1.0}` separates them (draft 4 reads it as no
// integer), so forward is incompatible with the reading named and no counterexample value.
snapshot_case!(
    draft4_to_draft7_forward,
    "draft4-to-draft7",
    1,
    ["--mode", "forward"]
);
snapshot_case!(draft4_to_draft7_backward, "draft4-to-draft7", 0, []);

#[test]
fn a_disputed_refutation_gives_no_counterexample_value() {
    let (code, text) = case(
        "draft4-to-draft7",
        &["--mode", "forward", "--format", "json"],
    );
    assert_eq!(code, 1, "{text}");
    let json = text
        .split("--- stdout\n")
        .nth(1)
        .and_then(|t| t.split("--- stderr").next())
        .expect("stdout");
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(v["verdict"], "incompatible");
    assert!(v["counterexample"].is_null(), "{v}");
    let disputed = v["disputed"].as_str().expect("the reading named");
    assert!(
        disputed.contains("draft-04") && disputed.contains("1.0"),
        "{disputed}"
    );
}

#[test]
fn missing_file_is_bad_input() {
    let (code, text) = run(&["nope/old.json", "max-length-decreased/new.json"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("nope/old.json: file not found"), "{text}");
    assert!(text.contains("help: "), "{text}");
}

#[test]
fn output_file_and_byte_identical_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.json");
    let out_arg = out.to_string_lossy().into_owned();
    let args = [
        "type-widened/old.json",
        "type-widened/new.json",
        "--mode",
        "full",
        "--format",
        "json",
        "--output",
        out_arg.as_str(),
    ];
    let (code, text) = run(&args);
    assert_eq!(code, 1, "{text}");
    let first = std::fs::read(&out).expect("report written");
    let (_, _) = run(&args);
    let second = std::fs::read(&out).expect("report written");
    assert_eq!(first, second);
    let parsed: serde_json::Value = serde_json::from_slice(&first).expect("valid JSON");
    assert_eq!(parsed["version"], "1");
    assert_eq!(parsed["verdict"], "incompatible");
    assert_eq!(parsed["counterexample"]["direction"], "forward");
}

#[test]
fn hostile_inputs_are_bad_input_not_crashes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(dir.path().join("deep.json"), deep).expect("write");
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        let _ = writeln!(
            bomb,
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
        );
    }
    std::fs::write(dir.path().join("bomb.yaml"), bomb).expect("write");
    std::fs::write(dir.path().join("ok.json"), r#"{"type": "string"}"#).expect("write");
    for file in ["deep.json", "bomb.yaml"] {
        let output = Command::cargo_bin("seam")
            .expect("the seam binary")
            .current_dir(dir.path())
            .args(["diff", file, "ok.json"])
            .output()
            .expect("seam runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{file}: {stderr}");
        assert!(stderr.starts_with(file), "{stderr}");
        assert!(stderr.contains("help: "), "{stderr}");
    }
}
