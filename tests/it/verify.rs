//! `seam verify`: each failure kind, both output formats, exit codes.

use crate::cli::{BASIC, CONSUMER, CONTRACT, EXPECTS, edit, scaffold, seam, write};

fn verify_text(dir: &tempfile::TempDir) -> String {
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 1, "{}", run.all());
    run.all()
}

#[test]
fn producer_example_rejected() {
    let dir = scaffold();
    edit(&dir, BASIC, "\"149.90\"", "149.90");
    insta::assert_snapshot!(verify_text(&dir));
}

#[test]
fn wrong_format_rejected() {
    let dir = scaffold();
    edit(&dir, BASIC, "2026-11-02T09:15:00Z", "02.11.2026 09:15");
    let text = verify_text(&dir);
    assert!(text.contains("keyword `format`"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn format_assertion_can_be_switched_off() {
    let dir = scaffold();
    edit(&dir, BASIC, "2026-11-02T09:15:00Z", "02.11.2026 09:15");
    edit(
        &dir,
        "seam.yaml",
        "assert_formats: true",
        "assert_formats: false",
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn negative_example_accepted() {
    let dir = scaffold();
    write(
        &dir,
        "contracts/sales.order-created/examples/missing-customer.json",
        r#"{"event_id": "7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "order_id": "SO-0004713", "customer_id": "C-1",
            "created_at": "2026-11-02T11:30:00Z", "total": {"amount": "5.00", "currency": "EUR"}}"#,
    );
    insta::assert_snapshot!(verify_text(&dir));
}

#[test]
fn negative_example_rejected_for_another_reason() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "keyword: required",
        "keyword: type\n    path: /customer_id",
    );
    insta::assert_snapshot!(verify_text(&dir));
}

#[test]
fn consumer_rejects_producer_example() {
    let dir = scaffold();
    edit(
        &dir,
        EXPECTS,
        r#""order_id": { "type": "string" }"#,
        r#""order_id": { "type": "string", "maxLength": 5 }"#,
    );
    insta::assert_snapshot!(verify_text(&dir));
}

#[test]
fn consumer_example_the_producer_cannot_send() {
    let dir = scaffold();
    edit(
        &dir,
        "consumers/warehouse/examples/order.json",
        "\"EUR\"",
        "\"euro\"",
    );
    insta::assert_snapshot!(verify_text(&dir));
}

#[test]
fn consumer_range_limits_what_is_checked() {
    let dir = scaffold();
    // The consumer breaks on the note only 1.1.0 examples carry; with `~1.0` it never sees them.
    edit(
        &dir,
        EXPECTS,
        r#""order_id": { "type": "string" }"#,
        r#""order_id": { "type": "string" }, "note": false"#,
    );
    let text = verify_text(&dir);
    assert!(text.contains("order-with-note.json"), "{text}");
    edit(&dir, CONSUMER, "versions: \"^1\"", "versions: \"~1.0\"");
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn idempotency_key_missing_and_duplicate() {
    let dir = scaffold();
    // Duplicate: the consumer example reuses the producer example's event id with another order.
    edit(
        &dir,
        "consumers/warehouse/examples/order.json",
        "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
        "5f0c6c1e-8c1a-4d8e-9a51-0b7f5e0c2a11",
    );
    // Missing: declare a key that the examples do not carry.
    edit(
        &dir,
        CONTRACT,
        "idempotency_key: /event_id",
        "idempotency_key: /message_id",
    );
    let text = verify_text(&dir);
    assert!(text.contains("idempotency-key-missing"), "{text}");
    insta::assert_snapshot!(text);
    edit(
        &dir,
        CONTRACT,
        "idempotency_key: /message_id",
        "idempotency_key: /event_id",
    );
    let text = verify_text(&dir);
    assert!(text.contains("idempotency-key-duplicate"), "{text}");
    assert!(!text.contains("idempotency-key-missing"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn same_payload_may_repeat_its_key() {
    let dir = scaffold();
    // A consumer example identical to a producer example shares its key legitimately.
    let basic = std::fs::read_to_string(dir.path().join(BASIC)).unwrap();
    write(&dir, "consumers/warehouse/examples/order.json", basic);
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn json_output_is_versioned_and_parses() {
    let dir = scaffold();
    edit(&dir, BASIC, "\"149.90\"", "149.90");
    let run = seam(dir.path(), &["verify", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["version"], "1");
    assert_eq!(report["outcome"], "fail");
    // The report validates against its own published schema.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/contracts/seam.report/schemas/1.0.0.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert!(jsonschema::is_valid(&schema, &report));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn relative_file_refs_work() {
    let dir = scaffold();
    write(
        &dir,
        "contracts/common/money.json",
        r#"{"type": "object", "required": ["amount", "currency"],
            "properties": {"amount": {"type": "string"}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}}"#,
    );
    edit(
        &dir,
        crate::cli::SCHEMA_1,
        r##""total": { "$ref": "#/$defs/money" }"##,
        r#""total": { "$ref": "../../common/money.json" }"#,
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
    edit(&dir, BASIC, "\"EUR\"", "\"euro\"");
    let text = verify_text(&dir);
    assert!(text.contains("/total/currency"), "{text}");
}

#[test]
fn consumer_example_rejected_by_its_own_expectation() {
    let dir = scaffold();
    edit(
        &dir,
        EXPECTS,
        r#""order_id": { "type": "string" }"#,
        r#""order_id": { "type": "string", "pattern": "^PO-" }"#,
    );
    // The producer examples break the expectation too; the consumer example is the new finding.
    let text = verify_text(&dir);
    assert!(
        text.contains("error[consumer-example-unexpected]"),
        "{text}"
    );
    assert!(
        text.contains("consumers/warehouse/examples/order.json:3:15"),
        "{text}"
    );
}
