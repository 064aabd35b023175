//! The index `seam check --against` plans from (`seam::gate::Index`: what each contract and
//! consumer reads, found without loading the repository) never checks less than the plan over
//! the loaded repository, for a change to any one file or folder; where it cannot be sure, the
//! gate checks every contract and says why; it reads nothing outside the repository.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use seam::gate::{GateOptions, Index, NoProgress, Plan};
use seam::git::Changes;

use crate::check::{branch, commit_all};
use crate::scale::landscape;

fn put(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(rel)).expect("read");
    assert!(text.contains(from), "{rel} holds no `{from}`");
    put(root, rel, &text.replacen(from, to, 1));
}

/// The generated landscape with every way a file outside a contract's folder becomes its
/// input: a second shared file reached by two contracts through a shared file, a schema in
/// another contract's folder, a version's `schema:` path outside the folder, an example named
/// outside it, a consumer expectation reaching a shared file, and a folder shared by nothing.
fn wired() -> tempfile::TempDir {
    let dir = landscape(12);
    let root = dir.path();
    put(
        root,
        "contracts/_common/city.json",
        r#"{"type": "string", "maxLength": 40}"#,
    );
    put(
        root,
        "contracts/_common/address.json",
        r#"{"type": "object", "properties": {"city": {"$ref": "city.json"}}}"#,
    );
    for c in ["c001", "c005"] {
        edit(
            root,
            &format!("contracts/{c}/schemas/1.2.0.json"),
            r#""field_0":"#,
            r#""address": {"$ref": "../../_common/address.json"}, "field_0":"#,
        );
    }
    // c002 reads a schema of c003's folder.
    edit(
        root,
        "contracts/c002/schemas/1.1.0.json",
        r#""field_0":"#,
        r#""other": {"$ref": "../../c003/schemas/1.0.0.json#/properties/event_id"}, "field_0":"#,
    );
    // c004's 1.3.0 lives in a shared folder; c006 has an example there.
    put(
        root,
        "contracts/_shared/c004-1.3.0.json",
        &std::fs::read_to_string(root.join("contracts/c004/schemas/1.2.0.json"))
            .expect("read")
            .replace("../../_common/", "../_common/"),
    );
    edit(
        root,
        "contracts/c004/contract.yaml",
        "  1.2.0: {}\n",
        "  1.2.0: {}\n  1.3.0: { schema: ../_shared/c004-1.3.0.json }\n",
    );
    put(
        root,
        "contracts/_shared/c006-example.json",
        r#"{"event_id": "c6", "total": {"amount": "1.00", "currency": "EUR"}, "field_0": "x"}"#,
    );
    edit(
        root,
        "contracts/c006/contract.yaml",
        "examples:\n",
        "examples:\n  - { file: ../_shared/c006-example.json, versions: \"^1\" }\n",
    );
    // One consumer's expectation reaches the shared money file.
    edit(
        root,
        "consumers/sys01/c000.json",
        r#""event_id": {"type": "string"}"#,
        r#""event_id": {"type": "string"}, "total": {"$ref": "../../contracts/_common/money.json"}"#,
    );
    put(root, "contracts/_unused/note.json", r#"{"type": "string"}"#);
    dir
}

/// Every file and folder below `root` (relative), `.git` left out.
fn paths(root: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(root.join(&rel)).expect("list") {
            let entry = entry.expect("entry");
            let path = rel.join(entry.file_name());
            if path == Path::new(".git") {
                continue;
            }
            if entry.file_type().expect("type").is_dir() {
                folders.push(path.clone());
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    folders.sort();
    (files, folders)
}

fn part(plan: Plan) -> Option<seam::gate::Scope> {
    match plan {
        Plan::Part(scope) => Some(scope),
        Plan::Whole(_) => None,
    }
}

#[test]
fn the_index_plans_what_the_loaded_repository_plans_for_any_one_change() {
    let dir = wired();
    let root = dir.path();
    let repo = seam::policy::load(root).expect("the landscape loads");
    let index = Index::scan(root).expect("the landscape indexes");
    let base_folders: BTreeSet<String> = repo.contracts.keys().cloned().collect();
    let (files, folders) = paths(root);
    let mut cases: Vec<Changes> = files
        .iter()
        .map(|f| Changes {
            files: BTreeSet::from([f.clone()]),
            ..Changes::default()
        })
        .collect();
    cases.extend(folders.iter().map(|f| Changes {
        folders: BTreeSet::from([f.clone()]),
        ..Changes::default()
    }));
    for changes in &cases {
        let loaded = part(seam::gate::plan(&repo, changes, &base_folders));
        let indexed = part(index.plan(changes, &base_folders));
        // Sound: never less. On this landscape also never more (cost follows the change).
        assert_eq!(loaded, indexed, "{changes:?}");
    }
    // And what each wire reaches, by name.
    let one = |f: &str| {
        part(index.plan(
            &Changes {
                files: BTreeSet::from([PathBuf::from(f)]),
                ..Changes::default()
            },
            &base_folders,
        ))
        .expect("a part")
        .contracts
        .into_iter()
        .collect::<Vec<_>>()
    };
    assert_eq!(one("contracts/_common/city.json"), ["c001", "c005"]);
    assert_eq!(one("contracts/c003/schemas/1.0.0.json"), ["c002", "c003"]);
    assert_eq!(one("contracts/_shared/c004-1.3.0.json"), ["c004"]);
    assert_eq!(one("contracts/_shared/c006-example.json"), ["c006"]);
    assert!(one("contracts/_unused/note.json").is_empty());
    // A consumer's expectation reaching a changed file checks every contract it uses.
    let expectation = part(index.plan(
        &Changes {
            files: BTreeSet::from([PathBuf::from("consumers/sys01/c000.json")]),
            ..Changes::default()
        },
        &base_folders,
    ))
    .expect("a part");
    assert!(
        expectation
            .consumers
            .contains(Path::new("consumers/sys01.yaml"))
    );
    assert!(expectation.contracts.contains("c000"));
    assert!(one("README.md").is_empty());
}

#[test]
fn a_reference_by_uri_makes_the_gate_check_every_contract_and_say_why() {
    let dir = landscape(6);
    let root = dir.path();
    // An absolute reference to a sibling of the schema's own `$id` (a consumer's expectation).
    put(
        root,
        "consumers/sys01/c000.json",
        r#"{"$id": "https://example.com/sys01/c000.json", "type": "object", "properties": {"event_id": {"$ref": "https://example.com/sys01/c005.json#/properties/event_id"}}}"#,
    );
    edit(
        root,
        "consumers/sys01/c005.json",
        r#"{"type": "object","#,
        r#"{"$id": "https://example.com/sys01/c005.json", "type": "object","#,
    );
    seam::policy::load(root).expect("a reference by `$id` loads");
    let why = Index::scan(root).expect_err("the index does not follow `$id`s");
    assert!(why.contains("consumers/sys01/c000.json"), "{why}");
    commit_all(root, "base");
    branch(root, "feature");
    edit(
        root,
        "contracts/c003/schemas/1.0.0.json",
        r#""minLength": 1"#,
        r#""minLength": 2"#,
    );
    let options = GateOptions {
        against: Some("main".to_owned()),
        today: seam::policy::windows::parse_date("2026-12-01"),
        ..GateOptions::default()
    };
    let run = seam::gate::run(root, &options, &NoProgress).expect("the gate runs");
    assert!(run.scope.is_none(), "every contract is checked");
    let because = run.stats.whole_because.clone().expect("a reason");
    assert!(because.contains("by URI"), "{because}");
    assert!(
        run.summary().contains("every contract checked"),
        "{}",
        run.summary()
    );
}

#[cfg(unix)]
#[test]
fn the_index_reads_nothing_outside_the_repository() {
    let outside = tempfile::TempDir::new().expect("tempdir");
    put(
        outside.path(),
        "1.0.0.json",
        r#"{"type": "object", "properties": {"secret": {"const": "ghp_s3cr3t"}}}"#,
    );
    let dir = landscape(6);
    let root = dir.path();
    let schemas = root.join("contracts/c002/schemas");
    std::fs::remove_dir_all(&schemas).expect("remove");
    std::os::unix::fs::symlink(outside.path(), &schemas).expect("link");
    let why = Index::scan(root).expect_err("a schema behind a link out is refused");
    assert!(why.contains("contracts/c002/schemas/1.0.0.json"), "{why}");
    assert!(!why.contains("ghp_s3cr3t"), "{why}");
    // A file linked out from a real folder is refused too.
    std::fs::remove_file(&schemas).expect("unlink");
    std::fs::create_dir(&schemas).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.path().join("1.0.0.json"),
        schemas.join("1.0.0.json"),
    )
    .expect("link");
    let why = Index::scan(root).expect_err("a schema linked out is refused");
    assert!(why.contains("cannot be read"), "{why}");
}

/// What a run found, comparable across runs.
fn found(run: &seam::gate::GateRun) -> Vec<String> {
    let mut out: Vec<String> = run
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} {}:{}:{} {} {:?}",
                f.rule_id,
                f.severity,
                f.location.path.display(),
                f.location.line,
                f.location.col,
                f.message,
                f.waived
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_change_to_seam_yaml_checks_every_contract_and_finds_what_the_whole_base_finds() {
    // seam.yaml changed (every contract is checked now) beside changes to a few contracts'
    // own inputs: the base's copy of those contracts is all the history checks need, and the
    // gate finds exactly what it finds with the whole base loaded.
    let seam_yaml_edits: [(&str, &str); 2] = [
        // A change that does not alter how schemas read: the base's part is enough.
        (
            "version: 1\n",
            "version: 1\n# reviewed by the platform team\n",
        ),
        // One that does (formats asserted or not): the whole base is loaded.
        ("defaults:\n", "defaults:\n  assert_formats: false\n"),
    ];
    for (from, to) in seam_yaml_edits {
        let dir = wired();
        let root = dir.path();
        commit_all(root, "base");
        branch(root, "feature");
        edit(root, "seam.yaml", from, to);
        // A published version edited in place, a shared file two contracts reach made
        // stricter, a producer example and a consumer example broken, a contract still in use
        // removed.
        edit(
            root,
            "contracts/c003/schemas/1.0.0.json",
            r#""minLength": 1"#,
            r#""minLength": 2"#,
        );
        edit(
            root,
            "contracts/_common/city.json",
            r#""maxLength": 40"#,
            r#""maxLength": 4"#,
        );
        edit(
            root,
            "contracts/_shared/c006-example.json",
            r#""event_id": "c6""#,
            r#""event_id": 6"#,
        );
        edit(
            root,
            "consumers/sys01/examples/c000/e0.json",
            r#""event_id": "k1-0""#,
            r#""event_id": 10"#,
        );
        std::fs::remove_dir_all(root.join("contracts/c010")).expect("remove c010");
        let options = |every_contract| GateOptions {
            against: Some("main".to_owned()),
            today: seam::policy::windows::parse_date("2026-12-01"),
            every_contract,
            ..GateOptions::default()
        };
        let run = seam::gate::run(root, &options(false), &NoProgress).expect("the gate runs");
        let whole = seam::gate::run(root, &options(true), &NoProgress).expect("the gate runs");
        let because = run
            .stats
            .whole_because
            .clone()
            .expect("every contract checked");
        assert!(because.contains("`seam.yaml` changed"), "{because}");
        assert!(run.scope.is_none(), "every contract is checked");
        let (part, all) = (found(&run), found(&whole));
        let only_part: Vec<&String> = part.iter().filter(|f| !all.contains(f)).collect();
        let only_whole: Vec<&String> = all.iter().filter(|f| !part.contains(f)).collect();
        assert!(
            only_part.is_empty() && only_whole.is_empty(),
            "{to}: found only with the part of the base {only_part:#?}, only with the whole {only_whole:#?}"
        );
        assert_eq!(part, all, "{to}: in another order or number");
        assert_eq!(
            run.stats.contracts_against_base,
            whole.stats.contracts_against_base
        );
        assert_eq!(
            run.stats.unchanged_not_shown,
            whole.stats.unchanged_not_shown
        );
        assert_eq!(run.blocking(), whole.blocking());
        let rules: BTreeSet<String> = run.findings.iter().map(|f| f.rule_id.to_string()).collect();
        for rule in [
            "published-version-edited",
            "example-regressed",
            "contract-removed-in-use",
        ] {
            assert!(rules.contains(rule), "{rule} missing from {rules:?}");
        }
        let regressed: BTreeSet<String> = run
            .findings
            .iter()
            .filter(|f| f.rule_id == seam::rules::RuleId::ExampleRegressed)
            .map(|f| f.location.path.display().to_string())
            .collect();
        assert!(
            regressed.contains("contracts/_shared/c006-example.json")
                && regressed.contains("consumers/sys01/examples/c000/e0.json"),
            "{regressed:?}"
        );
    }
}
