//! `seam check --against` whose cost follows the change: only the contracts a change can affect
//! (their folder, the files their schemas reach, their examples, the consumers using them) are
//! checked, and what they report is what a run over every contract reports about them.

use std::collections::BTreeSet;
use std::path::Path;

use seam::gate::{GateOptions, GateRun, NoProgress};
use seam::rules::RuleId;
use tempfile::TempDir;

use crate::check::{branch, commit_all};
use crate::scale::landscape;

fn options(every_contract: bool) -> GateOptions {
    GateOptions {
        against: Some("main".to_owned()),
        today: seam::policy::windows::parse_date("2026-12-01"),
        every_contract,
        ..GateOptions::default()
    }
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).expect("read")
}

fn put(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The generated landscape of 12 contracts, where c001 and c005 (only they) also reach a second
/// shared file, `contracts/_common/address.json`, committed on `main`, on branch `feature`.
fn committed() -> TempDir {
    let dir = landscape(12);
    let root = dir.path();
    put(
        root,
        "contracts/_common/address.json",
        r#"{"type": "object", "properties": {"city": {"type": "string", "maxLength": 40}}}"#,
    );
    for c in ["c001", "c005"] {
        for v in ["1.0.0", "1.1.0", "1.2.0"] {
            let rel = format!("contracts/{c}/schemas/{v}.json");
            let text = read(root, &rel).replace(
                r#""field_0":"#,
                r#""address": {"$ref": "../../_common/address.json"}, "field_0":"#,
            );
            put(root, &rel, &text);
        }
    }
    commit_all(root, "base");
    branch(root, "feature");
    dir
}

fn run(dir: &TempDir, every_contract: bool) -> GateRun {
    seam::gate::run(dir.path(), &options(every_contract), &NoProgress).expect("the gate runs")
}

fn ids(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// The findings as JSON, each once, sorted (the order of two runs over different parts of a
/// repository is each run's own).
fn shown(findings: impl Iterator<Item = seam::finding::Finding>) -> Vec<String> {
    let mut out: Vec<String> = findings
        .map(|f| serde_json::to_string(&f).expect("json"))
        .collect();
    out.sort();
    out
}

/// The part run reports about the contracts it checked exactly what the run over every
/// contract reports about them (and the same findings about no contract).
fn assert_same_as_every_contract(dir: &TempDir, part: &GateRun) {
    let scope = part.scope.clone().expect("a part run");
    let whole = run(dir, true);
    assert!(whole.scope.is_none());
    let of_part =
        |f: &seam::finding::Finding| f.contract.as_ref().is_none_or(|c| scope.contains(c));
    assert_eq!(
        shown(part.findings.iter().cloned()),
        shown(whole.findings.iter().filter(|f| of_part(f)).cloned()),
        "the part run differs from the run over every contract"
    );
    assert_eq!(
        part.stats.contracts_against_base,
        whole.stats.contracts_against_base
    );
    // Whatever the run over every contract blocks on beyond the part is about contracts the
    // change did not touch (the landscape's own breaking minors, on the base already).
    for f in whole.findings.iter().filter(|f| !of_part(f)) {
        let c = f.contract.as_ref().expect("about a contract");
        assert!(!scope.contains(c));
    }
}

#[test]
fn a_change_to_a_shared_file_checks_every_contract_reaching_it_and_only_those() {
    let dir = committed();
    let root = dir.path();
    let text = read(root, "contracts/_common/address.json").replace("40", "30");
    put(root, "contracts/_common/address.json", &text);
    let part = run(&dir, false);
    assert_eq!(
        part.scope,
        Some(ids(&["c001", "c005"])),
        "{}",
        part.summary()
    );
    assert_eq!(part.stats.unchanged_skipped, 10);
    // The shared file edits every published version that reaches it, in place.
    let edited: BTreeSet<(String, String)> = part
        .findings
        .iter()
        .filter(|f| f.rule_id == RuleId::PublishedVersionEdited && f.blocks())
        .map(|f| (f.contract.clone().unwrap(), f.version.clone().unwrap()))
        .collect();
    assert_eq!(edited.len(), 6, "{:#?}", part.findings);
    assert!(edited.iter().all(|(c, _)| c == "c001" || c == "c005"));
    assert!(
        part.summary().contains("10 unchanged contracts skipped"),
        "{}",
        part.summary()
    );
    assert_same_as_every_contract(&dir, &part);
}

#[test]
fn a_change_to_a_file_every_contract_reaches_checks_them_all() {
    let dir = committed();
    let root = dir.path();
    let text = read(root, "contracts/_common/money.json").replace("{2}", "{2,3}");
    put(root, "contracts/_common/money.json", &text);
    let part = run(&dir, false);
    assert_eq!(part.scope.as_ref().map(BTreeSet::len), Some(12));
    assert_eq!(part.stats.unchanged_skipped, 0);
    assert_same_as_every_contract(&dir, &part);
}

#[test]
fn one_changed_contract_checks_it_and_its_consumers() {
    let dir = committed();
    let root = dir.path();
    // c000 publishes 1.3.0, widening `field_0` again: breaking under `forward`, and for the
    // consumers that read `field_0` with `maxLength: 40`.
    let yaml = read(root, "contracts/c000/contract.yaml")
        .replace("  2.0.0: {}\n", "  2.0.0: {}\n  1.3.0: {}\n");
    put(root, "contracts/c000/contract.yaml", &yaml);
    let schema = read(root, "contracts/c000/schemas/1.2.0.json").replace("80", "120");
    put(root, "contracts/c000/schemas/1.3.0.json", &schema);
    let part = run(&dir, false);
    assert_eq!(part.scope, Some(ids(&["c000"])), "{}", part.summary());
    assert_eq!(part.stats.contracts, 1);
    assert_eq!(part.stats.unchanged_skipped, 11);
    let broken: Vec<_> = part
        .findings
        .iter()
        .filter(|f| f.rule_id == RuleId::BreakingChangeWithoutMajor && f.blocks())
        .filter(|f| f.version.as_deref() == Some("1.3.0"))
        .collect();
    assert_eq!(broken.len(), 1, "{:#?}", part.findings);
    // Its consumers are checked: sys00 and sys01 read c000 1.x.
    let blamed: BTreeSet<&str> = broken[0]
        .consumers
        .iter()
        .map(|c| c.system.as_str())
        .collect();
    assert!(
        blamed.contains("sys00") && blamed.contains("sys01"),
        "{blamed:?}"
    );
    assert!(part.stats.consumer_pairs > 0);
    assert_same_as_every_contract(&dir, &part);
}

#[test]
fn a_changed_consumer_checks_the_contracts_it_uses() {
    let dir = committed();
    let root = dir.path();
    // sys02 reads c002, c007 and c000; it narrows what it accepts of c002.
    let text = read(root, "consumers/sys02/c002.json").replace("40", "20");
    put(root, "consumers/sys02/c002.json", &text);
    let part = run(&dir, false);
    let yaml = read(root, "consumers/sys02.yaml");
    let used: BTreeSet<String> = yaml
        .lines()
        .filter_map(|l| l.split("contract: ").nth(1))
        .filter_map(|rest| rest.split(',').next())
        .map(str::to_owned)
        .collect();
    assert_eq!(part.scope, Some(used), "{}", part.summary());
    assert_same_as_every_contract(&dir, &part);
}

#[test]
fn a_change_to_seam_yaml_checks_every_contract_and_says_why() {
    let dir = committed();
    let root = dir.path();
    let text = read(root, "seam.yaml") + "# reviewed\n";
    put(root, "seam.yaml", &text);
    let whole = run(&dir, false);
    assert!(whole.scope.is_none());
    assert_eq!(whole.stats.contracts, 12);
    let why = whole.stats.whole_because.as_deref().unwrap_or_default();
    assert!(why.contains("`seam.yaml` changed"), "{why}");
    assert!(
        whole
            .summary()
            .contains("every contract checked (`seam.yaml` changed"),
        "{}",
        whole.summary()
    );
}

#[test]
fn nothing_changed_checks_nothing_and_passes() {
    let dir = committed();
    let part = run(&dir, false);
    assert_eq!(part.scope, Some(BTreeSet::new()));
    assert_eq!(part.stats.unchanged_skipped, 12);
    assert_eq!(part.blocking(), 0, "{:#?}", part.findings);
}

#[test]
fn a_removed_contract_still_in_use_is_reported() {
    let dir = committed();
    std::fs::remove_dir_all(dir.path().join("contracts/c000")).expect("rm");
    let part = run(&dir, false);
    assert_eq!(part.scope, Some(ids(&["c000"])), "{}", part.summary());
    let removed: BTreeSet<&str> = part
        .findings
        .iter()
        .filter(|f| f.rule_id == RuleId::ContractRemovedInUse && f.blocks())
        .flat_map(|f| f.consumers.iter().map(|c| c.system.as_str()))
        .collect();
    assert!(
        removed.contains("sys00") && removed.contains("sys01"),
        "{:#?}",
        part.findings
    );
    assert_same_as_every_contract(&dir, &part);
}

#[test]
fn an_untracked_contract_is_checked() {
    let dir = committed();
    let root = dir.path();
    for rel in [
        "contract.yaml",
        "schemas/1.0.0.json",
        "schemas/1.1.0.json",
        "schemas/1.2.0.json",
        "examples/one.json",
    ] {
        let text = read(root, &format!("contracts/c001/{rel}")).replace("c001", "c099");
        put(root, &format!("contracts/c099/{rel}"), &text);
    }
    let part = run(&dir, false);
    assert_eq!(part.scope, Some(ids(&["c099"])), "{}", part.summary());
    assert_same_as_every_contract(&dir, &part);
}
