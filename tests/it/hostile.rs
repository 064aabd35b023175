//! Hostile input: every case exits 2 with a clear message, fast, without a panic.

use crate::cli::{BASIC, CONTRACT, SCHEMA_1, edit, scaffold, seam, write};

fn assert_input_error(dir: &tempfile::TempDir, needle: &str) -> String {
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains(needle),
        "expected `{needle}` in:\n{}",
        run.all()
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    run.stderr
}

#[test]
fn yaml_alias_bomb() {
    let dir = scaffold();
    let mut text =
        String::from("id: erp\nowner: x\ndescription: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..20 {
        let p = i - 1;
        let line = format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        );
        text.push_str(&line);
    }
    write(&dir, "systems/erp.yaml", text);
    let err = assert_input_error(&dir, "alias");
    insta::assert_snapshot!(err);
}

#[test]
fn yaml_deep_nesting() {
    let dir = scaffold();
    let text = format!(
        "id: erp\ndescription: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    write(&dir, "systems/erp.yaml", text);
    assert_input_error(&dir, "nesting deeper than 100 levels");
    let mut block = String::new();
    for i in 0..10_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    write(
        &dir,
        "systems/erp.yaml",
        format!("id: erp\ndescription:\n{block}"),
    );
    assert_input_error(&dir, "systems/erp.yaml");
}

#[test]
fn json_deep_nesting() {
    let dir = scaffold();
    write(
        &dir,
        BASIC,
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    assert_input_error(&dir, "nesting too deep");
    write(
        &dir,
        SCHEMA_1,
        format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)),
    );
    assert_input_error(&dir, "1.0.0.json:1:");
}

#[test]
fn fifty_megabyte_file() {
    let dir = scaffold();
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(50 * 1024 * 1024));
    write(&dir, BASIC, big);
    let err = assert_input_error(&dir, "over the limit");
    insta::assert_snapshot!(err);
}

#[test]
fn non_utf8_files() {
    let dir = scaffold();
    write(&dir, "systems/erp.yaml", b"id: erp\nname: caf\xe9\n");
    write(&dir, BASIC, b"{\"a\": \"\xff\"}");
    let err = assert_input_error(&dir, "not valid UTF-8");
    insta::assert_snapshot!(err);
}

#[test]
fn remote_ref() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""$ref": "#/$defs/money""##,
        r#""$ref": "https://example.com/money.json""#,
    );
    let err = assert_input_error(&dir, "remote `$ref`");
    insta::assert_snapshot!(err);
}

#[test]
fn ref_escaping_the_root() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""$ref": "#/$defs/money""##,
        r#""$ref": "../../../../../../etc/passwd""#,
    );
    let err = assert_input_error(&dir, "leaves the repository root");
    insta::assert_snapshot!(err);
}

#[test]
fn ref_cycle_in_one_file() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""total": { "$ref": "#/$defs/money" }"##,
        r##""total": { "$ref": "#/$defs/a" }"##,
    );
    edit(
        &dir,
        SCHEMA_1,
        r#""$defs": {"#,
        r##""$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "allOf": [{ "$ref": "#/$defs/a" }] },"##,
    );
    let err = assert_input_error(&dir, "`$ref` cycle");
    insta::assert_snapshot!(err);
}

#[test]
fn ref_cycle_across_files() {
    let dir = scaffold();
    write(&dir, "contracts/common/a.json", r#"{"$ref": "b.json"}"#);
    write(&dir, "contracts/common/b.json", r#"{"$ref": "a.json"}"#);
    edit(
        &dir,
        SCHEMA_1,
        r##""$ref": "#/$defs/money""##,
        r#""$ref": "../../common/a.json""#,
    );
    assert_input_error(&dir, "`$ref` cycle");
}

#[test]
fn recursive_schema_through_properties_is_fine() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""total": { "$ref": "#/$defs/money" }"##,
        r##""total": { "$ref": "#/$defs/money" }, "parent": { "$ref": "#" }"##,
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn hostile_regex_in_schema() {
    let dir = scaffold();
    edit(&dir, SCHEMA_1, r#""^SO-[0-9]{6,10}$""#, r#""(a+)+$(""#);
    let run = seam(dir.path(), &["lint"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("1.0.0.json"), "{}", run.all());
}

#[test]
fn yaml_payload_and_schema_files() {
    let dir = scaffold();
    // YAML is accepted for schemas and payloads alike.
    write(
        &dir,
        "contracts/sales.order-created/examples/yaml.yaml",
        "event_id: 9e4f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b\norder_id: SO-0009999\ncustomer_id: C-1\ncreated_at: 2026-11-02T11:30:00Z\ntotal: {amount: \"1.00\", currency: EUR}\n",
    );
    edit(
        &dir,
        CONTRACT,
        "examples:\n",
        "examples:\n  - file: examples/yaml.yaml\n",
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}
