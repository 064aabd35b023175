//! Every report format renders the same sample report: snapshots, plus field-by-field checks
//! of the machine formats (SARIF parsed as JSON, JUnit parsed back as XML), byte stability,
//! and the CLI's `--format markdown|junit|sarif|github` on a broken scaffold.

use std::collections::BTreeSet;

use seam::error::{LoadError, LoadErrorKind, Location};
use seam::finding::{ConsumerRef, Finding, SchemaRef, Severity};
use seam::report::{Report, github, junit, markdown, sarif};
use seam::rules::RuleId;
use serde_json::{Value, json};

use crate::cli::{BASIC, EXPECTS, edit, scaffold, seam};

/// A report with an error (consumers, owners, counterexample, schema), a warning with hostile
/// characters, a note without a line, and a finding outside any contract.
fn sample() -> Report {
    let mut broken = Finding::new(
        RuleId::ConsumerIncompatible,
        Severity::Error,
        Location::new("contracts/sales.order-created/schemas/2.0.0.json", 12, 9),
        "consumer `warehouse` cannot read `sales.order-created` 2.0.0: `/total` may be a `string`",
    );
    broken.contract = Some("sales.order-created".into());
    broken.version = Some("2.0.0".into());
    broken.help = Some(
        "keep `/total` a number, or publish 3.0.0 and move `warehouse` when it is ready".into(),
    );
    broken.instance_path = Some("/total".into());
    broken.keyword = Some("type".into());
    broken.schema = Some(SchemaRef {
        role: "consumer warehouse".into(),
        version: None,
        location: Location::new("consumers/warehouse/order-created.schema.json", 8, 14),
    });
    broken.consumers = vec![
        ConsumerRef {
            system: "billing".into(),
            owner: None,
        },
        ConsumerRef {
            system: "warehouse".into(),
            owner: Some("wms-team".into()),
        },
    ];
    broken.counterexample = Some(json!({
        "order_id": "SO-1",
        "total": "12.50",
        "note": "a ``` fence | pipe <b>tag</b>"
    }));
    broken.refresh_fingerprint();

    let mut hostile = Finding::new(
        RuleId::IdempotencyKeyUnproven,
        Severity::Warning,
        Location::new("contracts/sales.order-created/schemas/2.0.0.json", 3, 5),
        "property `a|b` has no description; <script>alert(1)</script> 100% *bold* _x_",
    );
    hostile.contract = Some("sales.order-created".into());
    hostile.version = Some("2.0.0".into());
    hostile.help = Some("add a `description`,\nthen run: seam lint".into());
    hostile.refresh_fingerprint();

    let mut second_error = Finding::new(
        RuleId::ConsumerIncompatible,
        Severity::Error,
        Location::new("contracts/sales.order-created/schemas/2.0.0.json", 20, 7),
        "consumer `warehouse` cannot read `sales.order-created` 2.0.0: `/lines` may be empty",
    );
    second_error.contract = Some("sales.order-created".into());
    second_error.version = Some("2.0.0".into());
    second_error.instance_path = Some("/lines".into());
    second_error.refresh_fingerprint();

    let mut note = Finding::new(
        RuleId::VersionSunsetInUse,
        Severity::Note,
        Location::file("contracts/finance.invoice-posted/contract.yaml"),
        "version 1.0.0 is deprecated and sunsets on 2027-03-31",
    );
    note.contract = Some("finance.invoice-posted".into());
    note.version = Some("1.0.0".into());
    note.refresh_fingerprint();

    let loose = Finding::new(
        RuleId::SystemOwnerMissing,
        Severity::Warning,
        Location::new("systems/crm.yaml", 1, 1),
        "system `crm` has no owner",
    );

    let mut report = Report::new(
        "check",
        vec![broken, hostile, second_error, note, loose],
        "3 contracts checked against `main`: 2 errors, 2 warnings, 1 note".into(),
    );
    report.checked = vec![
        "finance.invoice-posted".into(),
        "sales.order-created".into(),
        "warehouse.stock-changed".into(),
    ];
    report
}

fn input_error_report() -> Report {
    Report::input_errors(
        "check",
        &[
            LoadError::new(
                Location::new("contracts/a/contract.yaml", 4, 3),
                LoadErrorKind::UnknownField,
                "unknown field `ownr`",
            )
            .with_help("did you mean `owner`?"),
            LoadError::new(
                Location::file("seam.yaml"),
                LoadErrorKind::Io,
                "cannot read `seam.yaml`: no such file",
            ),
        ],
    )
}

/// An emitter's signature.
type Emit = fn(&mut dyn std::io::Write, &Report) -> std::io::Result<()>;

fn render(emit: Emit, r: &Report) -> String {
    let mut buf = Vec::new();
    emit(&mut buf, r).unwrap();
    String::from_utf8(buf).unwrap()
}

/// The crate version is the only varying part of the SARIF log.
fn redact_version(s: &str) -> String {
    s.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

#[test]
fn markdown_snapshot() {
    let text = render(markdown::emit, &sample());
    insta::assert_snapshot!(text);
}

#[test]
fn markdown_escapes_table_cells() {
    let text = render(markdown::emit, &sample());
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    // Header + five findings, each with exactly seven unescaped pipes (six cells).
    assert_eq!(rows.len(), 6, "{text}");
    for row in &rows {
        let unescaped = row
            .char_indices()
            .filter(|&(i, c)| c == '|' && (i == 0 || row.as_bytes()[i - 1] != b'\\'))
            .count();
        assert_eq!(unescaped, 7, "{row}");
    }
    assert!(!text.contains("<script>"), "{text}");
    assert!(text.contains("&lt;script&gt;"));
    // The counterexample's ``` cannot close the fence around it.
    assert!(text.contains("````json\n"), "{text}");
    assert!(text.starts_with("## ❌ seam check: blocked\n"));
    assert_eq!(text.matches("<details>").count(), 6); // five findings + checked list
}

#[test]
fn markdown_input_errors_and_pass() {
    let text = render(markdown::emit, &input_error_report());
    insta::assert_snapshot!(text);
    let pass = Report::new("verify", Vec::new(), "1 contract: 0 failures".into());
    let text = render(markdown::emit, &pass);
    assert!(text.starts_with("## ✅ seam verify: passes\n"), "{text}");
    assert!(text.contains("No findings."));
    // JUnit never writes an empty suite: CI systems read that as "no tests ran".
    let xml = render(junit::emit, &pass);
    let suite = &quick_junit::Report::deserialize_from_str(&xml)
        .unwrap()
        .test_suites[0];
    assert_eq!((suite.tests, suite.failures, suite.errors), (1, 0, 0));
    assert_eq!(suite.test_cases[0].name.as_str(), "verify");
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(render(junit::emit, &sample()));
    insta::assert_snapshot!(
        "junit_input_errors",
        render(junit::emit, &input_error_report())
    );
}

#[test]
fn junit_parses_with_the_expected_cases() {
    let xml = render(junit::emit, &sample());
    let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    assert_eq!(
        parsed.name.as_ref().map(quick_junit::XmlString::as_str),
        Some("seam")
    );
    assert_eq!(parsed.test_suites.len(), 1);
    let suite = &parsed.test_suites[0];
    assert_eq!(suite.name.as_str(), "seam check");
    // sales.order-created: 2 rules; finance.invoice-posted: 1 rule; systems/crm.yaml: 1 rule;
    // warehouse.stock-changed: no finding, one passing case.
    assert_eq!(suite.tests, 5);
    assert_eq!(suite.failures, 1);
    assert_eq!(suite.errors, 0);
    let cases: Vec<(String, String, bool)> = suite
        .test_cases
        .iter()
        .map(|c| {
            (
                c.classname.as_ref().unwrap().as_str().to_owned(),
                c.name.as_str().to_owned(),
                matches!(c.status, quick_junit::TestCaseStatus::Success { .. }),
            )
        })
        .collect();
    assert_eq!(
        cases,
        [
            ("finance.invoice-posted", "version-sunset-in-use", true),
            ("sales.order-created", "consumer-incompatible", false),
            ("sales.order-created", "idempotency-key-unproven", true),
            ("systems/crm.yaml", "system-owner-missing", true),
            ("warehouse.stock-changed", "check", true),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c))
    );
    let failing = &suite.test_cases[1];
    let quick_junit::TestCaseStatus::NonSuccess {
        kind,
        message,
        ty,
        description,
        ..
    } = &failing.status
    else {
        panic!("not a failure");
    };
    assert_eq!(*kind, quick_junit::NonSuccessKind::Failure);
    assert_eq!(
        message.as_ref().unwrap().as_str(),
        "contracts/sales.order-created/schemas/2.0.0.json:12:9: consumer `warehouse` cannot read \
         `sales.order-created` 2.0.0: `/total` may be a `string` (and 1 more)"
    );
    assert_eq!(ty.as_ref().unwrap().as_str(), "consumer-incompatible");
    let description = description.as_ref().unwrap().as_str();
    assert!(description.contains("consumer: warehouse (owner wms-team)"));
    assert!(description.contains("\"total\": \"12.50\""));
    assert!(description.contains("/lines` may be empty"));
    // Warnings pass but keep their text.
    let warning = &suite.test_cases[2];
    assert!(
        warning
            .system_out
            .as_ref()
            .unwrap()
            .as_str()
            .contains("<script>")
    );

    let xml = render(junit::emit, &input_error_report());
    let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    let suite = &parsed.test_suites[0];
    assert_eq!((suite.tests, suite.errors, suite.failures), (2, 2, 0));
    assert_eq!(suite.test_cases[0].name.as_str(), "unknown-field");
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!(redact_version(&render(sarif::emit, &sample())));
    insta::assert_snapshot!(
        "sarif_input_errors",
        redact_version(&render(sarif::emit, &input_error_report()))
    );
}

/// Validates a SARIF log against the official SARIF 2.1.0 JSON Schema (OASIS), vendored in
/// `tests/fixtures/sarif/` (taken from the `serde-sarif` 0.8.0 crate's `src/schema.json`),
/// formats asserted (so a `uri` that is not a valid URI reference fails).
pub(crate) fn sarif_schema_errors(log: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/sarif/sarif-schema-2.1.0.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

pub(crate) fn assert_valid_sarif(log: &Value) {
    let errors = sarif_schema_errors(log);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_is_valid_against_the_sarif_schema() {
    for r in [sample(), input_error_report()] {
        assert_valid_sarif(&serde_json::from_str(&render(sarif::emit, &r)).unwrap());
    }
    // Paths with spaces, `#` and non-ASCII characters become valid URI references.
    let odd = Finding::new(
        RuleId::ExampleInvalid,
        Severity::Error,
        Location::new("contracts/a b/exámple #1.json", 2, 3),
        "example is rejected",
    );
    let r = Report::new("verify", vec![odd], String::new());
    let log: Value = serde_json::from_str(&render(sarif::emit, &r)).unwrap();
    assert_valid_sarif(&log);
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "contracts/a%20b/ex%C3%A1mple%20%231.json"
    );
    // The schema check is not vacuous.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    assert_eq!(sarif_schema_errors(&broken).len(), 1);
}

#[test]
fn sarif_fields() {
    let report = sample();
    let log: Value = serde_json::from_str(&render(sarif::emit, &report)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "seam");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let used: BTreeSet<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(rule_ids, used.into_iter().collect::<Vec<_>>());
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert!(r["helpUri"].as_str().unwrap().ends_with(&format!("#{id}")));
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    for (res, f) in results.iter().zip(&report.findings) {
        let index = usize::try_from(res["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], res["ruleId"]);
        assert_eq!(res["ruleId"], f.rule_id.as_str());
        assert_eq!(res["level"], f.severity.as_str());
        assert_eq!(
            res["partialFingerprints"]["seam/v1"],
            f.fingerprint.as_str()
        );
        assert!(
            res["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(&f.message)
        );
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(uri, f.location.path.to_str().unwrap());
        assert!(!uri.starts_with('/') && !uri.contains('\\'));
        if f.location.line == 0 {
            assert!(loc.get("region").is_none());
        } else {
            assert_eq!(loc["region"]["startLine"], f.location.line);
            assert_eq!(loc["region"]["startColumn"], f.location.col);
        }
        assert_eq!(
            res["properties"]["contract"].as_str(),
            f.contract.as_deref()
        );
        assert_eq!(res["properties"]["version"].as_str(), f.version.as_deref());
    }
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["note", "warning", "error", "error", "warning"]);
    let first = &results[2];
    assert_eq!(
        first["properties"]["consumers"],
        json!([{"system": "billing"}, {"system": "warehouse", "owner": "wms-team"}])
    );
    assert_eq!(first["properties"]["counterexample"]["total"], "12.50");
    assert_eq!(
        first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "consumers/warehouse/order-created.schema.json"
    );
    assert!(
        first["message"]["text"]
            .as_str()
            .unwrap()
            .contains("warehouse (owner wms-team)")
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    let log: Value = serde_json::from_str(&render(sarif::emit, &input_error_report())).unwrap();
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["descriptor"]["id"], "unknown-field");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
}

#[test]
fn github_snapshot() {
    let text = render(github::emit, &sample());
    insta::assert_snapshot!(text);
    insta::assert_snapshot!(
        "github_input_errors",
        render(github::emit, &input_error_report())
    );
}

#[test]
fn github_lines_are_single_commands() {
    let text = render(github::emit, &sample());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert_eq!(
        lines[0],
        "::notice file=contracts/finance.invoice-posted/contract.yaml,\
         title=seam version-sunset-in-use (finance.invoice-posted@1.0.0)::\
         version 1.0.0 is deprecated and sunsets on 2027-03-31"
    );
    let warning = lines[1];
    assert!(warning.starts_with(
        "::warning file=contracts/sales.order-created/schemas/2.0.0.json,line=3,col=5,\
         title=seam idempotency-key-unproven (sales.order-created@2.0.0)::"
    ));
    // Newlines in the help are escaped, not line breaks; `%` is escaped.
    assert!(warning.ends_with("add a `description`,%0Athen run: seam lint"));
    assert!(warning.contains("100%25"));
    assert!(lines[2].starts_with("::error "));
    assert!(lines[2].contains("%0Aconsumers affected: billing, warehouse (owner wms-team)%0A"));
    assert!(lines[3].starts_with("::error "));
    assert!(lines[4].starts_with("::warning file=systems/crm.yaml,line=1,col=1,"));
    assert!(lines[5].starts_with("seam check: blocked: 2 errors, 2 warnings, 1 note; "));
}

#[test]
fn step_summary_is_appended() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("summary.md");
    std::fs::write(&path, "earlier step\n").unwrap();
    github::append_step_summary(&path, &sample()).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("earlier step\n\n## ❌ seam check: blocked\n"));
    assert_eq!(
        text.strip_prefix("earlier step\n\n").unwrap(),
        markdown::render(&sample())
    );
}

#[test]
fn same_report_same_bytes() {
    let emitters: [Emit; 6] = [
        markdown::emit,
        junit::emit,
        sarif::emit,
        github::emit,
        seam::report::json::emit,
        seam::report::text::emit,
    ];
    for emit in emitters {
        for r in [sample(), input_error_report()] {
            let a = render(emit, &r);
            assert_eq!(a, render(emit, &r.clone()));
            assert!(!a.contains(env!("CARGO_MANIFEST_DIR")));
        }
    }
}

#[test]
fn checked_list_is_in_the_json_report_only_when_set() {
    let json: Value = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["checked"].as_array().unwrap().len(), 3);
    let json: Value = serde_json::to_value(input_error_report()).unwrap();
    assert!(json.get("checked").is_none());
}

#[test]
fn cli_formats_on_a_broken_scaffold() {
    let dir = scaffold();
    edit(&dir, BASIC, "\"149.90\"", "149.90");
    edit(
        &dir,
        EXPECTS,
        r#""order_id": { "type": "string" }"#,
        r#""order_id": { "type": "string", "maxLength": 5 }"#,
    );
    let summary = dir.path().join("step-summary.md");

    let md = seam(dir.path(), &["verify", "--format", "markdown"]);
    assert_eq!(md.code, 1, "{}", md.all());
    assert!(md.stdout.starts_with("## ❌ seam verify: blocked\n"));
    insta::assert_snapshot!("cli_markdown", md.stdout);

    let junit = seam(dir.path(), &["verify", "--format", "junit"]);
    assert_eq!(junit.code, 1, "{}", junit.all());
    let parsed = quick_junit::Report::deserialize_from_str(&junit.stdout).unwrap();
    assert!(parsed.failures > 0);
    insta::assert_snapshot!("cli_junit", junit.stdout);

    let sarif = seam(dir.path(), &["verify", "--format", "sarif"]);
    assert_eq!(sarif.code, 1, "{}", sarif.all());
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["level"] == "error"));
    insta::assert_snapshot!("cli_sarif", redact_version(&sarif.stdout));

    let out = assert_cmd::Command::cargo_bin("seam")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["verify", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().next().unwrap().starts_with("::error file="));
    insta::assert_snapshot!("cli_github", stdout);
    let appended = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(appended, format!("\n{}", md.stdout));

    // Input errors: exit 2 in every format, and the machine formats still parse.
    std::fs::write(dir.path().join("seam.yaml"), "compatibility: [").unwrap();
    for format in ["markdown", "junit", "sarif", "github"] {
        let run = seam(dir.path(), &["verify", "--format", format]);
        assert_eq!(run.code, 2, "{format}: {}", run.all());
        assert!(!run.stdout.is_empty(), "{format}");
    }
    let run = seam(dir.path(), &["verify", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

/// Hostile text: Markdown, HTML, workflow-command and XML specials, line breaks, a control
/// character, non-ASCII.
const HOSTILE: &str = "[a-c|`<>&%:,\\r\\n*_#$\\[\\]\"' \\\\\u{7}é]{0,16}";

fn arb_finding() -> impl proptest::strategy::Strategy<Value = Finding> {
    use proptest::prelude::*;
    (
        (
            proptest::sample::select(seam::rules::ALL.iter().map(|r| r.id).collect::<Vec<_>>()),
            prop_oneof![
                Just(Severity::Error),
                Just(Severity::Warning),
                Just(Severity::Note)
            ],
            "[a-c ]{1,6}(/[a-c#%]{1,6}){0,2}",
            0usize..4,
            0usize..4,
        ),
        (
            HOSTILE,
            proptest::option::of(HOSTILE),
            proptest::option::of("[a-c.]{1,6}"),
            proptest::collection::vec((HOSTILE, proptest::option::of(HOSTILE)), 0..3),
            proptest::option::of(HOSTILE),
        ),
    )
        .prop_map(
            |((rule, severity, path, line, col), (message, help, contract, consumers, payload))| {
                let mut f = Finding::new(rule, severity, Location::new(path, line, col), message);
                f.help = help;
                f.contract = contract;
                f.consumers = consumers
                    .into_iter()
                    .map(|(system, owner)| ConsumerRef { system, owner })
                    .collect();
                f.counterexample = payload.map(|p| json!({ "v": p }));
                f.refresh_fingerprint();
                f
            },
        )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the text, every format keeps its structure: one table row and one folded block
    /// per finding, one workflow command per finding, SARIF valid against its schema, JUnit
    /// well-formed with one test case per (contract, rule). And the same report gives the same
    /// bytes.
    #[test]
    fn hostile_text_keeps_every_format_well_formed(
        findings in proptest::collection::vec(arb_finding(), 0..6),
        summary in HOSTILE,
    ) {
        let report = Report::new("check", findings, summary);
        let n = report.findings.len();

        let md = render(markdown::emit, &report);
        let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
        let expected_rows = if n == 0 { 0 } else { n + 2 };
        proptest::prop_assert_eq!(rows.len(), expected_rows, "{}", md);
        for row in rows {
            let bytes = row.as_bytes();
            let mut pipes = 0;
            let mut escaped = false;
            for &b in bytes {
                match (b, escaped) {
                    (b'\\', false) => escaped = true,
                    (b'|', false) => pipes += 1,
                    _ => escaped = false,
                }
            }
            proptest::prop_assert_eq!(pipes, 7, "{}", row);
        }
        proptest::prop_assert_eq!(md.matches("<details>").count(), n);
        proptest::prop_assert_eq!(md.matches("</details>").count(), n);

        let gh = render(github::emit, &report);
        let lines: Vec<&str> = gh.lines().collect();
        let summary_lines = usize::from(!report.summary.is_empty());
        proptest::prop_assert_eq!(lines.len(), n + summary_lines, "{}", gh);
        for line in lines.iter().take(n) {
            proptest::prop_assert!(line.starts_with("::"));
            proptest::prop_assert!(!line.contains('\r'));
        }

        let sarif_text = render(sarif::emit, &report);
        let log: Value = serde_json::from_str(&sarif_text).unwrap();
        let errors = sarif_schema_errors(&log);
        proptest::prop_assert!(errors.is_empty(), "{:?}", errors);

        let xml = render(junit::emit, &report);
        let parsed = quick_junit::Report::deserialize_from_str(&xml);
        proptest::prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), xml);
        let groups: BTreeSet<(String, &str)> = report
            .findings
            .iter()
            .map(|f| {
                (
                    f.contract.clone().unwrap_or_else(|| f.location.path.display().to_string()),
                    f.rule_id.as_str(),
                )
            })
            .collect();
        proptest::prop_assert_eq!(parsed.unwrap().tests, groups.len().max(1));

        for emit in [markdown::emit as Emit, junit::emit, sarif::emit, github::emit] {
            proptest::prop_assert_eq!(render(emit, &report), render(emit, &report));
        }
    }
}

#[test]
fn markdown_fits_a_pull_request_comment() {
    // 2,000 findings: far more than a comment holds.
    let findings = (1..=2000)
        .map(|i| {
            let mut f = Finding::new(
                RuleId::ExampleInvalid,
                Severity::Error,
                Location::new(format!("contracts/c/examples/e{i:04}.json"), i, 1),
                format!("example {i} is rejected by `c` 1.0.0: `/total` is not a string"),
            );
            f.contract = Some("c".into());
            f.counterexample = Some(json!({ "total": i }));
            f.refresh_fingerprint();
            f
        })
        .collect();
    let report = Report::new("check", findings, "1 contract".into());
    let full = markdown::render(&report);
    assert!(full.len() > markdown::COMMENT_LIMIT);
    assert!(!full.contains("**Note:**"));

    let short = markdown::render_limited(&report, markdown::COMMENT_LIMIT);
    assert!(short.len() <= markdown::COMMENT_LIMIT, "{}", short.len());
    assert!(short.starts_with("## ❌ seam check: blocked\n\n**2000 errors**"));
    let rows = short
        .lines()
        .filter(|l| l.starts_with("| **error**"))
        .count();
    assert!(rows > 100 && rows < 2000, "{rows}");
    assert!(short.contains(&format!(
        "> **Note:** the report is longer than fits here: {rows} of 2000 findings in the table, \
         0 with details."
    )));
    // The rows kept are the first ones, in order.
    assert!(short.contains("e0001.json:1:1"));
    assert!(!short.contains("e2000.json"));

    // A report that fits is not changed by the limit.
    assert_eq!(
        markdown::render_limited(&sample(), markdown::COMMENT_LIMIT),
        markdown::render(&sample())
    );
}

/// A scaffold whose 1.2.0 accepts a longer `note` than 1.1.0 (forward mode): a blocking
/// `breaking-change-without-major` whose reasons are "old rejects it at `/note` (keyword
/// `maxLength`)" and the structural change `max-length-increased`.
pub(crate) fn scaffold_with_a_break() -> tempfile::TempDir {
    let dir = scaffold();
    let v1 = std::fs::read_to_string(
        dir.path()
            .join("contracts/sales.order-created/schemas/1.1.0.json"),
    )
    .unwrap();
    assert!(v1.contains(r#""maxLength": 500"#));
    std::fs::write(
        dir.path()
            .join("contracts/sales.order-created/schemas/1.2.0.json"),
        v1.replacen(r#""maxLength": 500"#, r#""maxLength": 2000"#, 1),
    )
    .unwrap();
    edit(
        &dir,
        crate::cli::CONTRACT,
        "  1.1.0: {}\n",
        "  1.1.0: {}\n  1.2.0: {}\n",
    );
    dir
}

#[test]
fn every_format_carries_the_reasons_of_a_blocking_finding() {
    let dir = scaffold_with_a_break();
    // A non-blocking finding too, which `-q` leaves out of standard output.
    edit(&dir, crate::cli::CONTRACT, "  alert_within: 15m\n", "");
    let formats = [
        "text", "json", "markdown", "junit", "sarif", "github", "html",
    ];
    let mut args = vec!["check".to_owned(), "-q".to_owned()];
    for f in formats {
        args.push("--report".to_owned());
        args.push(format!("{f}=reports/seam.{f}"));
    }
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = seam(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.all());
    let read =
        |f: &str| std::fs::read_to_string(dir.path().join(format!("reports/seam.{f}"))).unwrap();

    // Which side rejects, where, by which keyword; and the structural change behind it.
    let reason = "old rejects it at `/note` (keyword `maxLength`)";
    let change = "max-length-increased at `/properties/note/maxLength`";
    for f in ["text", "junit", "github"] {
        let text = read(f);
        assert!(text.contains(reason), "{f}: {text}");
        assert!(text.contains(change), "{f}: {text}");
    }
    for f in ["markdown", "html"] {
        let text = read(f);
        assert!(
            text.contains("old rejects it at <code>/note</code> (keyword <code>maxLength</code>)"),
            "{f}: {text}"
        );
        assert!(
            text.contains("max-length-increased at <code>/properties/note/maxLength</code>"),
            "{f}: {text}"
        );
    }
    let json: Value = serde_json::from_str(&read("json")).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "breaking-change-without-major")
        .unwrap();
    let notes: Vec<&str> = finding["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(notes.iter().any(|n| n.starts_with(reason)), "{notes:?}");
    assert!(notes.iter().any(|n| n.starts_with(change)), "{notes:?}");
    assert_eq!(json["seam_version"], env!("CARGO_PKG_VERSION"));
    let log: Value = serde_json::from_str(&read("sarif")).unwrap();
    assert_valid_sarif(&log);
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "breaking-change-without-major")
        .unwrap();
    let message = result["message"]["text"].as_str().unwrap();
    assert!(
        message.contains(reason) && message.contains(change),
        "{message}"
    );
    assert!(result["properties"]["notes"].as_array().unwrap().len() >= 2);
    // The GitHub annotation keeps the reasons inside the one workflow command line.
    let github = read("github");
    let annotation = github
        .lines()
        .find(|l| l.contains("breaking-change-without-major"))
        .unwrap();
    assert!(
        annotation
            .starts_with("::error file=contracts/sales.order-created/schemas/1.2.0.json,line=")
    );
    assert!(annotation.contains(&format!("%0A{reason}")), "{annotation}");

    // The report files are whole (`-q` shortens only standard output), no temporary file is
    // left next to them, and standard output has only the blocking finding and the summary.
    let non_blocking = |text: &str| {
        text.lines()
            .any(|l| l.starts_with("warning[") || l.starts_with("note["))
    };
    assert!(non_blocking(&read("text")), "{}", read("text"));
    assert!(!non_blocking(&run.stdout), "{}", run.stdout);
    let names: BTreeSet<String> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), formats.len(), "{names:?}");
    // An ordinary file's mode (what a plain write gives under the same umask), not 0o600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let plain = dir.path().join("reports/plain");
        std::fs::write(&plain, "x").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&dir.path().join("reports/seam.sarif")), mode(&plain));
    }
    assert!(
        run.stdout.contains("error[breaking-change-without-major]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("failed: 1 contract"),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_lists_errors_then_warnings_then_notes_within_the_comment_limit() {
    let mut findings = Vec::new();
    for (i, severity) in [
        Severity::Note,
        Severity::Error,
        Severity::Warning,
        Severity::Error,
    ]
    .into_iter()
    .enumerate()
    {
        let mut f = Finding::new(
            seam::rules::RuleId::ExampleInvalid,
            severity,
            Location::new(format!("contracts/c/examples/{i}.json"), 1, 1),
            format!("finding {i}"),
        );
        f.notes = vec![format!("new rejects it at `/x{i}` (keyword `type`)")];
        findings.push(f);
    }
    let report = Report::new("check", findings, "summary".to_owned());
    let text = render(markdown::emit, &report);
    let at = |s: &str| text.find(s).unwrap();
    // Table rows, then details, each ordered by severity (path order within one).
    assert!(
        at(
            "| **error** | <code>example-invalid</code> | <code>contracts/c/examples/1.json:1:1</code>"
        ) < at("contracts/c/examples/3.json:1:1</code> |")
    );
    assert!(at("contracts/c/examples/3.json:1:1</code> |") < at("| warning |"));
    assert!(at("| warning |") < at("| note |"));
    assert!(at("<summary>error") < at("<summary>warning"));
    assert!(at("<summary>warning") < at("<summary>note"));
    assert!(text.contains("- new rejects it at <code>/x1</code> (keyword <code>type</code>)"));

    // Past GitHub's comment limit: cut, with a note saying so.
    let many: Vec<Finding> = (0..2000)
        .map(|i| {
            let mut f = Finding::new(
                seam::rules::RuleId::ExampleInvalid,
                Severity::Error,
                Location::new(format!("contracts/c/examples/{i:04}.json"), 1, 1),
                format!("example {i} is rejected"),
            );
            f.notes = vec!["x".repeat(200)];
            f
        })
        .collect();
    let big = render(
        markdown::emit,
        &Report::new("check", many, "summary".to_owned()),
    );
    assert!(
        big.chars().count() <= markdown::COMMENT_LIMIT,
        "{}",
        big.len()
    );
    assert!(
        big.contains("> **Note:** the report is longer than fits here"),
        "{}",
        &big[..500]
    );
}

#[test]
fn report_option_errors_are_exit_2_with_help() {
    let dir = scaffold();
    let run = seam(dir.path(), &["check", "--report", "xml=out.xml"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("`xml` is not a report format here; use one of text, json, markdown, junit, sarif, github, html"), "{}", run.stderr);
    let run = seam(dir.path(), &["check", "--report", "seam.sarif"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("is not FORMAT=PATH"), "{}", run.stderr);
    let run = seam(
        dir.path(),
        &["check", "--report", "sarif=a.out", "--report", "json=a.out"],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("`a.out` is named by more than one report"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("a.out").exists());
    let run = seam(
        dir.path(),
        &["check", "--report", "sarif=no/such/folder/x.sarif"],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("cannot write the report `no/such/folder/x.sarif`"),
        "{}",
        run.stderr
    );
}
