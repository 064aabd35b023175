//! `seam release` (freeze windows, break-glass waivers), `seam inventory`, `seam graph` and
//! `seam codeowners` on the shipped ERP example and on edited copies of it.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::cli::{copy_dir, seam};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch copy of `examples/erp`.
fn erp_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&root().join("examples/erp"), dir.path());
    dir
}

fn set_waivers(dir: &TempDir, yaml: &str) {
    std::fs::write(dir.path().join("waivers.yaml"), yaml).unwrap();
}

const FRIDAY: &str = "2026-11-27T14:00[Europe/Berlin]";
const TUESDAY: &str = "2026-11-24T09:00[Europe/Berlin]";

#[test]
fn release_blocked_friday_afternoon_allowed_tuesday_morning() {
    let run = seam(
        &root(),
        &[
            "release",
            "examples/erp",
            "--at",
            FRIDAY,
            "--change",
            "breaking",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("release_friday_breaking", run.all());
    let run = seam(
        &root(),
        &[
            "release",
            "examples/erp",
            "--at",
            FRIDAY,
            "--change",
            "compatible",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("next allowed slot Mon 2026-11-30 06:00 CET (Europe/Berlin)"),
        "{}",
        run.all()
    );
    let run = seam(&root(), &["release", "examples/erp", "--at", TUESDAY]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!("release_tuesday", run.all());
}

#[test]
fn release_at_accepts_rfc3339_in_any_offset() {
    // The same instant as FRIDAY, written in UTC and in Tokyo time.
    for at in ["2026-11-27T13:00:00Z", "2026-11-27T22:00:00+09:00"] {
        let run = seam(
            &root(),
            &[
                "release",
                "examples/erp",
                "--at",
                at,
                "--change",
                "compatible",
            ],
        );
        assert_eq!(run.code, 1, "{}", run.all());
        assert!(
            run.stdout
                .contains("at Fri 2026-11-27 14:00 CET (Europe/Berlin)"),
            "{}",
            run.all()
        );
    }
    // New York Friday morning is already Friday afternoon in Berlin.
    let run = seam(
        &root(),
        &[
            "release",
            "examples/erp",
            "--at",
            "2026-11-20T07:30[America/New_York]",
            "--change",
            "none",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("at Fri 2026-11-20 07:30 EST (America/New_York)"),
        "{}",
        run.all()
    );
}

fn release_json(dir: &Path, at: &str, change: &str) -> serde_json::Value {
    let run = seam(
        dir,
        &[
            "release",
            "examples/erp",
            "--at",
            at,
            "--change",
            change,
            "--format",
            "json",
        ],
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.all());
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn release_across_dst_changes() {
    // Spring forward (29 March 2026): the weekend ends Monday 06:00 CEST = 04:00 UTC.
    let v = release_json(&root(), "2026-03-28T12:00[Europe/Berlin]", "compatible");
    assert_eq!(v["stats"]["next_allowed_slot"], "2026-03-30T04:00:00Z");
    assert_eq!(
        v["stats"]["next_allowed_slot_local"],
        "Mon 2026-03-30 06:00 CEST (Europe/Berlin)"
    );
    // Fall back (25 October 2026): Monday 06:00 CET = 05:00 UTC.
    let v = release_json(&root(), "2026-10-24T12:00[Europe/Berlin]", "compatible");
    assert_eq!(v["stats"]["next_allowed_slot"], "2026-10-26T05:00:00Z");
    // A local time inside the spring-forward gap moves forward by the gap.
    let v = release_json(&root(), "2026-03-29T02:30[Europe/Berlin]", "compatible");
    assert_eq!(v["stats"]["at"], "2026-03-29T01:30:00Z");
    assert_eq!(
        v["stats"]["at_local"],
        "Sun 2026-03-29 03:30 CEST (Europe/Berlin)"
    );
}

#[test]
fn release_month_end_and_peak_season_block_only_breaking() {
    // Tuesday 1 December, 10:00: inside the month-end close and peak season.
    let at = "2026-12-01T10:00[Europe/Berlin]";
    let run = seam(
        &root(),
        &[
            "release",
            "examples/erp",
            "--at",
            at,
            "--change",
            "compatible",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains("`month-end-close` blocks only breaking releases"),
        "{}",
        run.all()
    );
    let run = seam(
        &root(),
        &[
            "release",
            "examples/erp",
            "--at",
            at,
            "--change",
            "breaking",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["command"], "release");
    assert_eq!(v["outcome"], "fail");
    assert_eq!(v["stats"]["allowed"], false);
    // Peak season runs through 24 December (inclusive).
    assert_eq!(v["stats"]["next_allowed_slot"], "2026-12-24T23:00:00Z");
    assert_eq!(v["counts"]["errors"], 2);
}

#[test]
fn release_break_glass_override_is_loud() {
    let dir = erp_copy();
    set_waivers(
        &dir,
        "waivers:\n  - rule: freeze-window\n    window: weekend\n    reason: hotfix for duplicated invoices\n    approved_by: cto@nordwind.example\n    ticket: INC-4711\n    expires: 2026-11-28\n",
    );
    let args = ["release", ".", "--at", FRIDAY, "--change", "compatible"];
    let run = seam(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!("release_break_glass_text", run.all());
    for format in ["json", "markdown"] {
        let mut with_format = args.to_vec();
        with_format.extend(["--format", format]);
        let run = seam(dir.path(), &with_format);
        assert_eq!(run.code, 0, "{}", run.all());
        assert!(run.stderr.contains("BREAK-GLASS OVERRIDE"), "{}", run.all());
        assert!(
            run.stdout.contains("cto@nordwind.example"),
            "{format}: {}",
            run.all()
        );
    }
    // The waiver names the weekend only: a breaking change is still blocked by the close.
    let run = seam(dir.path(), &["release", ".", "--at", FRIDAY]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(!run.stderr.contains("BREAK-GLASS"), "{}", run.all());
}

#[test]
fn release_expired_break_glass_waiver_fails() {
    let dir = erp_copy();
    set_waivers(
        &dir,
        "waivers:\n  - rule: freeze-window\n    reason: hotfix\n    approved_by: cto@nordwind.example\n    expires: 2026-11-26\n",
    );
    let run = seam(
        dir.path(),
        &["release", ".", "--at", FRIDAY, "--change", "compatible"],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("release_expired_waiver", run.all());
    // Expired waivers fail the release even outside a window.
    let run = seam(
        dir.path(),
        &[
            "release",
            ".",
            "--at",
            "2026-12-08T09:00[Europe/Berlin]",
            "--change",
            "compatible",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("waiver-expired"), "{}", run.all());
}

#[test]
fn release_without_any_allowed_slot() {
    let dir = erp_copy();
    let config = dir.path().join("seam.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(
        "freeze_windows:\n",
        "freeze_windows:\n  - name: forever\n    blocks: all\n    timezone: Pacific/Auckland\n    weekly:\n      from: { day: monday, time: \"00:00\" }\n      until: { day: monday, time: \"00:00\" }\n",
    );
    std::fs::write(&config, text).unwrap();
    let run = seam(dir.path(), &["release", ".", "--at", TUESDAY]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("no allowed slot within 366 days"),
        "{}",
        run.all()
    );
}

#[test]
fn release_bad_input_exits_2() {
    let dir = erp_copy();
    for args in [
        vec!["release", ".", "--at", "friday afternoon"],
        vec!["release", ".", "--at", "2026-11-27T14:00"],
        vec!["release", ".", "--at", "2026-11-27T14:00[Europe/Berlinn]"],
        vec!["release", ".", "--since", "v1.0.0"],
        vec!["release", ".", "--change", "huge"],
    ] {
        let run = seam(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
    }
    let config = dir.path().join("seam.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text
        .replace(
            "timezone: Europe/Berlin\n    reason: no Friday",
            "timezone: Europe/Berln\n    reason: no Friday",
        )
        .replace("until: 2026-12-24", "until: 2026-11-31")
        .replace(
            "last_business_days: 3",
            "last_business_days: 0\n      first_business_days: 0\n      # was 3",
        );
    let text = text.replacen("      first_business_days: 2\n", "", 1);
    std::fs::write(&config, text).unwrap();
    set_waivers(
        &dir,
        "waivers:\n  - rule: freeze-window\n    window: weekends\n    reason: x\n    approved_by: y\n    expires: 2026-02-30\n  - reason: covers everything\n    approved_by: y\n    expires: 2027-01-01\n",
    );
    let run = seam(dir.path(), &["release", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    insta::assert_snapshot!("release_invalid_windows_and_waivers", run.all());
    let run = seam(dir.path(), &["lint", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
}

#[test]
fn inventory_formats() {
    let run = seam(&root(), &["inventory", "examples/erp"]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!("inventory_markdown", run.stdout);
    let run = seam(&root(), &["inventory", "examples/erp", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!("inventory_csv", run.stdout);
    // Every row has as many fields as the header (quoted commas do not split).
    let run = seam(&root(), &["inventory", "examples/erp", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let order = v["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["contract"] == "sales.order-created")
        .unwrap();
    let finance = order["consumers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["system"] == "finance")
        .unwrap();
    assert_eq!(finance["versions"], serde_json::json!(["1.1.0"]));
    insta::assert_json_snapshot!("inventory_json", v);
}

#[test]
fn graph_formats() {
    let run = seam(&root(), &["graph", "examples/erp"]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!("graph_mermaid", run.stdout);
    let run = seam(&root(), &["graph", "examples/erp", "--format", "dot"]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!("graph_dot", run.stdout);
}

#[test]
fn codeowners_file() {
    let run = seam(&root(), &["codeowners", "examples/erp", "--org", "acme"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // Paths are from the git root (this repository), not from examples/erp.
    assert!(
        run.stdout
            .contains("/examples/erp/contracts/finance.invoice-posted/ @acme/billing-team\n"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("codeowners", run.stdout);
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("CODEOWNERS");
    let run = seam(
        &root(),
        &[
            "codeowners",
            "examples/erp",
            "--org",
            "acme",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let written = std::fs::read_to_string(out).unwrap();
    assert_eq!(
        written,
        seam(&root(), &["codeowners", "examples/erp", "--org", "acme"]).stdout
    );
}

#[test]
fn codeowners_refuses_owners_github_cannot_resolve() {
    // `owner: billing-team` would become `@billing-team`, a user: refused at the field, with
    // the two ways out.
    let run = seam(&root(), &["codeowners", "examples/erp"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains(
            "error: owner `billing-team` is not a CODEOWNERS owner: `@billing-team` would name a user, not a team"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> contracts/finance.invoice-posted/contract.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: run `seam codeowners --org ORG`"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.all());

    // Declared in GitHub's own forms, owners are written as they are; a malformed one is refused.
    let dir = TempDir::new().unwrap();
    copy_dir(&root().join("examples/erp"), dir.path());
    for (from, to) in [
        ("owner: billing-team", "owner: \"@acme/billing\""),
        ("owner: treasury-ops", "owner: treasury@example.com"),
    ] {
        for file in [
            "contracts/finance.invoice-posted/contract.yaml",
            "systems/bank.yaml",
        ] {
            let path = dir.path().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace(from, to)).unwrap();
        }
    }
    let run = seam(dir.path(), &["codeowners", ".", "--org", "acme"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains("/contracts/finance.invoice-posted/ @acme/billing\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("/systems/bank.yaml treasury@example.com\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("# Paths are relative to the repository root."),
        "{}",
        run.stdout
    );
    let path = dir.path().join("systems/bank.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("treasury@example.com", "\"@acme/treasury/ops\""),
    )
    .unwrap();
    let run = seam(dir.path(), &["codeowners", ".", "--org", "acme"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("owner `@acme/treasury/ops` is not a GitHub team (`@org/team`)"),
        "{}",
        run.stderr
    );
    let run = seam(dir.path(), &["codeowners", ".", "--org=-acme"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("`-acme` is not a GitHub organization name"),
        "{}",
        run.stderr
    );
}

#[test]
fn outputs_are_byte_identical_across_runs() {
    for args in [
        vec!["inventory", "examples/erp", "--format", "csv"],
        vec!["graph", "examples/erp", "--format", "dot"],
        vec![
            "release",
            "examples/erp",
            "--at",
            FRIDAY,
            "--format",
            "json",
        ],
    ] {
        assert_eq!(seam(&root(), &args).stdout, seam(&root(), &args).stdout);
    }
}
