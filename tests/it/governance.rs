//! Governance rules: each fires on one mutation of the scaffold (snapshot of its message) and
//! stays silent on the scaffold itself, which `seam lint` passes with no finding.

use std::fmt::Write as _;

use tempfile::TempDir;

use crate::cli::{CONSUMER, CONTRACT, SCHEMA_1, edit, scaffold, seam, write};

/// The findings of one rule, as text, from `seam lint --today 2026-11-27`.
fn lines_of(dir: &TempDir, rule: &str) -> String {
    let run = seam(
        dir.path(),
        &["lint", "--today", "2026-11-27", "--format", "json"],
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.all());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out = String::new();
    for f in report["findings"].as_array().unwrap() {
        if f["rule_id"] == rule {
            let _ = write!(
                out,
                "{}[{}] {}: {}\n  help: {}\n",
                f["severity"].as_str().unwrap(),
                rule,
                f["location"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
                f["help"].as_str().unwrap_or("")
            );
            if let Some(c) = f.get("counterexample") {
                let _ = writeln!(out, "  counterexample: {c}");
            }
        }
    }
    out
}

fn fires(dir: &TempDir, rule: &str) -> String {
    let text = lines_of(dir, rule);
    assert!(!text.is_empty(), "`{rule}` did not fire");
    text
}

#[test]
fn scaffold_is_silent() {
    let dir = scaffold();
    let run = seam(dir.path(), &["lint", "--today", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains(": 0 findings"), "{}", run.all());
}

#[test]
fn owners() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "owner: erp-team\n", "");
    edit(&dir, "systems/erp.yaml", "owner: erp-team\n", "");
    edit(&dir, CONSUMER, "owner: wms-team\n", "");
    let mut text = fires(&dir, "contract-owner-missing");
    text += &fires(&dir, "system-owner-missing");
    text += &fires(&dir, "consumer-owner-missing");
    insta::assert_snapshot!(text);
}

#[test]
fn idempotency_key_undeclared() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "  idempotency_key: /event_id\n", "");
    insta::assert_snapshot!(fires(&dir, "idempotency-key-undeclared"));
}

#[test]
fn idempotency_key_not_required_in_a_schema() {
    let dir = scaffold();
    // The key exists in the YAML but 1.0.0 lets it be absent: the engine proves it with a payload.
    edit(
        &dir,
        SCHEMA_1,
        r#""required": ["event_id", "#,
        r#""required": ["#,
    );
    let text = fires(&dir, "idempotency-key-not-required");
    assert!(text.contains("1.0.0"), "{text}");
    assert!(
        !text.contains("event_id\\\""),
        "the counterexample has no key: {text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn idempotency_key_may_be_empty() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r#""event_id": { "type": "string", "format": "uuid" }"#,
        r#""event_id": { "type": "string" }"#,
    );
    let text = fires(&dir, "idempotency-key-not-required");
    assert!(
        text.contains(r#""event_id":"""#),
        "the counterexample carries an empty key: {text}"
    );
}

#[test]
fn delivery_and_monitoring() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "  dead_letter: sales.order-created.dlq\n",
        "",
    );
    edit(
        &dir,
        CONTRACT,
        "  retry: { max_attempts: 5, backoff: exponential }\n",
        "",
    );
    edit(&dir, CONTRACT, "  max_lag: 5m\n", "");
    edit(&dir, CONTRACT, "  alert_within: 15m\n", "");
    let mut text = fires(&dir, "dead-letter-missing");
    text += &fires(&dir, "retry-policy-missing");
    text += &fires(&dir, "max-lag-missing");
    text += &fires(&dir, "alert-within-missing");
    insta::assert_snapshot!(text);
}

#[test]
fn business_critical_alerting() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "frequency: real-time\n",
        "frequency: real-time\ncriticality: business-critical\n",
    );
    edit(&dir, CONTRACT, "alert_within: 15m", "alert_within: 2h");
    insta::assert_snapshot!(fires(&dir, "alert-within-too-long"));
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "lint:\n  max_alert_within: 3h\ndefaults:",
    );
    assert!(lines_of(&dir, "alert-within-too-long").is_empty());
}

#[test]
fn financial_reconciliation() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "frequency: real-time\n",
        "frequency: real-time\nfinancial: true\n",
    );
    insta::assert_snapshot!(fires(&dir, "reconciliation-missing"));
    edit(
        &dir,
        CONTRACT,
        "financial: true\n",
        "financial: true\nreconciliation:\n  owner: finance-ops\n  key: /order_id\n  measures:\n    - { field: /total/amount }\n",
    );
    insta::assert_snapshot!(fires(&dir, "reconciliation-tolerance-missing"));
    assert!(lines_of(&dir, "reconciliation-missing").is_empty());
}

#[test]
fn example_coverage() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "  - file: examples/order-basic.json\n",
        "  - file: examples/order-basic.json\n    versions: \"=1.0.0\"\n",
    );
    edit(
        &dir,
        CONTRACT,
        "  - file: examples/order-with-note.json\n    versions: \">=1.1.0\"\n",
        "",
    );
    edit(
        &dir,
        CONTRACT,
        "    keyword: required",
        "    versions: \"=1.1.0\"\n    keyword: required",
    );
    let mut text = fires(&dir, "version-without-example");
    text += &fires(&dir, "negative-example-missing");
    insta::assert_snapshot!(text);
}

#[test]
fn vendor_api_version() {
    let dir = scaffold();
    edit(
        &dir,
        "systems/warehouse.yaml",
        "vendor_api_version: \"v3\"\n",
        "",
    );
    insta::assert_snapshot!(fires(&dir, "vendor-api-version-missing"));
}

#[test]
fn sunsets() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "  1.0.0: {}",
        "  1.0.0: { status: deprecated }",
    );
    insta::assert_snapshot!(fires(&dir, "sunset-missing"));
    edit(
        &dir,
        CONTRACT,
        "  1.0.0: { status: deprecated }",
        "  1.0.0: { status: deprecated, sunset: 2026-10-31 }",
    );
    insta::assert_snapshot!(fires(&dir, "sunset-passed-in-use"));
    // The consumer moves on: silent.
    edit(&dir, CONSUMER, "versions: \"^1\"", "versions: \"^1.1\"");
    assert!(lines_of(&dir, "sunset-passed-in-use").is_empty());
}

#[test]
fn canonical_keys() {
    let dir = scaffold();
    edit(&dir, "keys.yaml", "    owner: erp-team\n", "");
    insta::assert_snapshot!(fires(&dir, "key-owner-missing"));
    edit(&dir, CONTRACT, "/order_id: order_id", "/order_id: order-id");
    insta::assert_snapshot!(fires(&dir, "canonical-key-undefined"));
}

#[test]
fn canonical_key_mismatch_shows_the_value() {
    let dir = scaffold();
    // The key allows 12 digits; the producer only 10: a valid order id the ERP cannot send.
    edit(&dir, "keys.yaml", "^SO-[0-9]{6,10}$", "^SO-[0-9]{6,12}$");
    let text = fires(&dir, "canonical-key-mismatch");
    assert!(text.contains("order_id"), "{text}");
    insta::assert_snapshot!(text);
    // Matching by name: a consumer property named like the key must accept every key value.
    let dir = scaffold();
    write(
        &dir,
        "consumers/warehouse/order-created.schema.json",
        r#"{"type": "object", "required": ["event_id", "order_id"], "properties": {"event_id": {"type": "string"}, "order_id": {"type": "string", "maxLength": 8}}}"#,
    );
    let text = lines_of(&dir, "canonical-key-mismatch") + &lines_of(&dir, "canonical-key-unproven");
    assert!(
        text.contains("consumers/warehouse/order-created.schema.json"),
        "{text}"
    );
}

#[test]
fn severities_are_configurable() {
    let dir = scaffold();
    edit(
        &dir,
        "systems/warehouse.yaml",
        "vendor_api_version: \"v3\"\n",
        "",
    );
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "lint:\n  rules:\n    vendor-api-version-missing: error\ndefaults:",
    );
    let run = seam(dir.path(), &["lint"]);
    assert_eq!(run.code, 1, "{}", run.all());
    edit(
        &dir,
        "seam.yaml",
        "vendor-api-version-missing: error",
        "vendor-api-version-missing: off",
    );
    let run = seam(dir.path(), &["lint"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        !run.stdout.contains("vendor-api-version-missing"),
        "{}",
        run.all()
    );
}
