//! The merge gate as a library function: `seam::gate::run` and `seam::gate::release::run`, driven
//! directly (no CLI), on scaffolds and real temporary git repositories.

use seam::gate::release::{ReleaseError, ReleaseOptions};
use seam::gate::{GateOptions, NoProgress};
use seam::rules::RuleId;

use crate::check::{add_version, branch, commit_all};
use crate::cli::{edit, scaffold};

fn options(against: Option<&str>) -> GateOptions {
    GateOptions {
        against: against.map(str::to_owned),
        today: seam::policy::windows::parse_date("2026-12-01"),
        ..GateOptions::default()
    }
}

#[test]
fn the_scaffold_passes_the_gate() {
    let dir = scaffold();
    let run = seam::gate::run(dir.path(), &options(None), &NoProgress).unwrap();
    assert_eq!(run.blocking(), 0, "{:#?}", run.findings);
    assert_eq!(run.stats.contracts, 1);
    assert!(run.stats.version_pairs >= 1);
    assert!(run.base.is_none());
    assert!(
        run.summary().ends_with(": 0 blocking findings"),
        "{}",
        run.summary()
    );
}

#[test]
fn a_minor_that_widens_a_type_is_blocked_with_a_counterexample() {
    let dir = scaffold();
    add_version(
        &dir,
        "1.2.0",
        r#""customer_id": { "type": "string", "minLength": 1 }"#,
        r#""customer_id": { "type": ["string", "integer"], "minLength": 1 }"#,
    );
    let run = seam::gate::run(dir.path(), &options(None), &NoProgress).unwrap();
    let broken: Vec<_> = run
        .findings
        .iter()
        .filter(|f| f.rule_id == RuleId::BreakingChangeWithoutMajor)
        .collect();
    assert_eq!(broken.len(), 1, "{:#?}", run.findings);
    let f = broken[0];
    assert_eq!(f.version.as_deref(), Some("1.2.0"));
    assert!(f.blocks());
    let example = f.counterexample.as_ref().expect("a counterexample");
    assert!(example["customer_id"].is_i64(), "{example}");
    assert!(run.blocking() >= 1);
}

#[test]
fn against_a_branch_compares_with_the_merge_base_and_sees_an_edit_in_place() {
    let dir = scaffold();
    let base = commit_all(dir.path(), "base");
    branch(dir.path(), "feature");
    // Edit the published 1.0.0 in place: a silent break for everyone who already reads it.
    edit(
        &dir,
        "contracts/sales.order-created/schemas/1.0.0.json",
        r#""minLength": 1"#,
        r#""minLength": 2"#,
    );
    let run = seam::gate::run(dir.path(), &options(Some("main")), &NoProgress).unwrap();
    let b = run.base.as_ref().expect("a base revision");
    assert_eq!(b.name, "main");
    assert!(b.loaded);
    assert_eq!(b.merge_base_commit, base.to_string());
    assert!(
        run.findings
            .iter()
            .any(|f| f.rule_id == RuleId::PublishedVersionEdited && f.blocks()),
        "{:#?}",
        run.findings
    );
}

#[test]
fn a_missing_base_revision_is_an_input_error() {
    let dir = scaffold();
    commit_all(dir.path(), "base");
    let errors = seam::gate::run(dir.path(), &options(Some("no-such-branch")), &NoProgress)
        .err()
        .expect("input errors");
    assert!(!errors.is_empty());
}

#[test]
fn the_release_gate_blocks_what_the_merge_gate_blocks() {
    let dir = scaffold();
    commit_all(dir.path(), "release");
    let repo = git2::Repository::open(dir.path()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.tag_lightweight("v1.0.0", head.as_object(), false)
        .unwrap();
    add_version(
        &dir,
        "1.2.0",
        r#""customer_id": { "type": "string", "minLength": 1 }"#,
        r#""customer_id": { "type": ["string", "integer"], "minLength": 1 }"#,
    );
    commit_all(dir.path(), "1.2.0");
    // A Tuesday morning, outside every freeze window of the scaffold.
    let ask = ReleaseOptions {
        at: Some("2026-12-01T10:00[Europe/Berlin]".to_owned()),
        ..ReleaseOptions::default()
    };
    let run = match seam::gate::release::run(dir.path(), &ask) {
        Ok(run) => run,
        Err(ReleaseError::Load(e)) => panic!("{e:?}"),
        Err(ReleaseError::Usage { message, .. }) => panic!("{message}"),
    };
    assert!(!run.decision.allowed, "{:#?}", run.findings);
    assert!(
        run.findings
            .iter()
            .any(|f| f.rule_id == RuleId::BreakingChangeWithoutMajor && f.blocks())
    );
    assert_eq!(run.base.as_ref().map(|b| b.name.as_str()), Some("v1.0.0"));
}
