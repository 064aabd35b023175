//! Loader errors: each kind with its exact message and location, all collected in one run,
//! exit code 2.

use tempfile::TempDir;

use crate::cli::{CONSUMER, CONTRACT, SCHEMA_1, edit, scaffold, seam, write};

fn lint_errors(dir: &TempDir) -> String {
    let run = seam(dir.path(), &["lint", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stdout.is_empty(),
        "text errors go to stderr: {}",
        run.all()
    );
    run.stderr
}

#[test]
fn yaml_syntax_error() {
    let dir = scaffold();
    write(&dir, "systems/erp.yaml", "id: erp\nname: [unclosed\n");
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn json_syntax_error_in_example() {
    let dir = scaffold();
    edit(&dir, crate::cli::BASIC, "\"C-10042\",", "\"C-10042\",,");
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn unknown_field_with_did_you_mean() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "owner: erp-team", "ownr: erp-team");
    edit(&dir, CONTRACT, "  ordering_key:", "  orderingkey:");
    let text = lint_errors(&dir);
    assert!(text.contains("did you mean `owner`?"), "{text}");
    assert!(text.contains("did you mean `ordering_key`?"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn wrong_types_and_values() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "pattern: event", "pattern: evnt");
    edit(&dir, CONTRACT, "max_attempts: 5", "max_attempts: five");
    edit(
        &dir,
        CONTRACT,
        "alert_within: 15m",
        "alert_within: 15 minutes",
    );
    let text = lint_errors(&dir);
    assert!(text.contains("did you mean `event`?"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn missing_required_field() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "producer: erp               # a system id from systems/\n",
        "",
    );
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn bad_semver_and_ranges() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "  1.1.0: {}", "  1.1: {}");
    edit(&dir, CONSUMER, "versions: \"^1\"", "versions: \"=> 1\"");
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn range_matching_no_version() {
    let dir = scaffold();
    edit(&dir, CONSUMER, "versions: \"^1\"", "versions: \"^2\"");
    edit(&dir, CONTRACT, "versions: \">=1.1.0\"", "versions: \">=3\"");
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn missing_files() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "file: examples/order-basic.json",
        "file: examples/order-basc.json",
    );
    std::fs::remove_file(
        dir.path()
            .join("contracts/sales.order-created/schemas/1.1.0.json"),
    )
    .unwrap();
    edit(
        &dir,
        CONSUMER,
        "warehouse/examples/*.json",
        "warehouse/samples/*.json",
    );
    edit(
        &dir,
        CONSUMER,
        "expects: warehouse/order-created.schema.json",
        "expects: warehouse/order.schema.json",
    );
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn undeclared_schema_file() {
    let dir = scaffold();
    let v1 = std::fs::read_to_string(dir.path().join(SCHEMA_1)).unwrap();
    write(&dir, "contracts/sales.order-created/schemas/2.0.0.json", v1);
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn invalid_json_schema_meta_validation() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r#""customer_id": { "type": "string", "minLength": 1 }"#,
        r#""customer_id": { "type": "text", "minLength": -1 }"#,
    );
    let text = lint_errors(&dir);
    assert!(text.contains("schemas/1.0.0.json:9:"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn unknown_schema_dialect() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2031-01/schema",
    );
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn duplicate_ids() {
    let dir = scaffold();
    write(
        &dir,
        "consumers/warehouse-again.yaml",
        "system: warehouse\nuses: []\n",
    );
    edit(&dir, "systems/erp.yaml", "id: erp", "id: warehouse");
    insta::assert_snapshot!(lint_errors(&dir));
}

#[test]
fn unknown_references() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "producer: erp ", "producer: epr ");
    edit(
        &dir,
        CONSUMER,
        "contract: sales.order-created",
        "contract: sales.order-create",
    );
    edit(&dir, CONSUMER, "system: warehouse", "system: warehous");
    let text = lint_errors(&dir);
    assert!(text.contains("did you mean `erp`?"), "{text}");
    insta::assert_snapshot!(text);
    // A use of a contract the repository does not have is a finding, not an input error: the
    // gate reports it as a removal when the base revision had the contract.
    edit(&dir, CONTRACT, "producer: epr ", "producer: erp ");
    edit(&dir, CONSUMER, "system: warehous", "system: warehouse");
    let run = seam(dir.path(), &["lint", "."]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("error[consumer-contract-missing]: consumer `warehouse` uses contract `sales.order-create`, which does not exist"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("did you mean `sales.order-created`?"),
        "{}",
        run.all()
    );
}

#[test]
fn unknown_rule_ids() {
    let dir = scaffold();
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "lint:\n  rules:\n    vendor-api-versoin-missing: off\n    retry-policy-missing: error\ndefaults:",
    );
    write(
        &dir,
        "waivers.yaml",
        "waivers:\n  - rule: property-remvoed\n    reason: x\n    approved_by: y\n    expires: 2027-01-01\n  - rule: required-added\n    reason: x\n    approved_by: y\n    expires: 2027-01-01\n",
    );
    let text = lint_errors(&dir);
    assert!(
        text.contains("unknown rule `vendor-api-versoin-missing`"),
        "{text}"
    );
    assert!(
        text.contains("did you mean `vendor-api-version-missing`?"),
        "{text}"
    );
    assert!(text.contains("unknown rule `property-remvoed`"), "{text}");
    assert!(text.contains("did you mean `property-removed`?"), "{text}");
    assert!(!text.contains("retry-policy-missing"), "{text}");
    assert!(!text.contains("`required-added`"), "{text}");
    assert_eq!(text.matches("unknown rule").count(), 2, "{text}");
}

#[test]
fn errors_from_many_files_in_one_run() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "owner: erp-team", "ownr: erp-team");
    write(&dir, "systems/warehouse.yaml", "id: warehouse\nowner: [\n");
    edit(
        &dir,
        "seam.yaml",
        "# compatibility: full",
        "compatibility: backwards",
    );
    let text = lint_errors(&dir);
    assert_eq!(text.matches("error: ").count(), 4, "{text}"); // three errors + the summary
}

#[test]
fn json_format_lists_input_errors() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "owner: erp-team", "ownr: erp-team");
    let run = seam(dir.path(), &["lint", "--format", "json"]);
    assert_eq!(run.code, 2);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["outcome"], "error");
    assert_eq!(v["errors"][0]["kind"], "unknown-field");
    assert_eq!(
        v["errors"][0]["location"],
        "contracts/sales.order-created/contract.yaml:5:1"
    );
}

#[test]
fn yaml_one_one_booleans_stay_strings() {
    // YAML 1.2: `no` is a string, so a system id `no` is an id, not `false`.
    let dir = scaffold();
    write(&dir, "systems/no.yaml", "id: no\nowner: norway-team\n");
    let run = seam(dir.path(), &["lint"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn format_and_semantic_errors_of_one_file_in_one_run() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "owner: erp-team", "ownr: erp-team");
    edit(&dir, CONTRACT, "  1.1.0: {}", "  1.1.x: {}");
    edit(&dir, CONTRACT, "producer: erp ", "producer: epr ");
    let text = lint_errors(&dir);
    assert!(text.contains("unknown field `ownr`"), "{text}");
    assert!(text.contains("`1.1.x` is not a semantic version"), "{text}");
    assert!(text.contains("unknown producer system `epr`"), "{text}");
    edit(&dir, CONSUMER, "owner: wms-team", "owner: [wms-team]");
    edit(&dir, CONSUMER, "versions: \"^1\"", "versions: \"=> 1\"");
    let text = lint_errors(&dir);
    assert!(text.contains("expected string, found a list"), "{text}");
    assert!(text.contains("`=> 1` is not a version range"), "{text}");
}
